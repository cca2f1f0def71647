#
# Copyright (c) 2026 The rapport authors
#
# Permission to use, copy, modify, and distribute this software for any
# purpose with or without fee is hereby granted, provided that the above
# copyright notice and this permission notice appear in all copies.
#
# THE SOFTWARE IS PROVIDED "AS IS" AND THE AUTHOR DISCLAIMS ALL WARRANTIES
# WITH REGARD TO THIS SOFTWARE INCLUDING ALL IMPLIED WARRANTIES OF
# MERCHANTABILITY AND FITNESS. IN NO EVENT SHALL THE AUTHOR BE LIABLE FOR
# ANY SPECIAL, DIRECT, INDIRECT, OR CONSEQUENTIAL DAMAGES OR ANY DAMAGES
# WHATSOEVER RESULTING FROM LOSS OF USE, DATA OR PROFITS, WHETHER IN AN
# ACTION OF CONTRACT, NEGLIGENCE OR OTHER TORTIOUS ACTION, ARISING OUT OF
# OR IN CONNECTION WITH THE USE OR PERFORMANCE OF THIS SOFTWARE.

# integrity.sh: the journal where people keep it, findings 1 to 9 of
# issue 13, each as the built journal meets it with real files: two
# merges or imports at once, and byte-identical duplicates; editing an
# entry with lines that start with %%#; a deleted or edited entry brought
# back by an older copy; a world-writable sticky directory shared with
# another user; SIGKILL during compact and repair; awkward jrnl files; a
# hard-linked journal; a torn tombstone; and the small wrongs.  Each case
# states what the issue asks of journal, whatever the code does today.
# Every journal lives under $T, "now" is pinned with JOURNAL_NOW and the
# zone with TZ; the cases of finding 4 run as root, with a second user.

: "${top_srcdir:=.}"
. "$top_srcdir/tests/lib.sh"

XDG_DATA_HOME=$T/data
XDG_STATE_HOME=$T/state
TZ=UTC0
JOURNAL_NOW=2026-11-25T12:00:00Z
export XDG_DATA_HOME XDG_STATE_HOME TZ JOURNAL_NOW
unset JOURNAL_FILE VISUAL EDITOR PROMPT_PATH ED_TEXT ED_RUN ED_SED
mkdir -p "$T/bin"

# What the end of the script undoes: the kernel settings changed for
# finding 4, the directory that the other user can reach, and the
# processes left holding a lock.
RESTORE=
NB=
PIDS=
trap 'kill $PIDS 2>/dev/null; eval "$RESTORE"; rm -rf "$T" $NB' EXIT
trap 'exit 99' HUP INT TERM

skip() {
	tap_n=$((tap_n + 1))
	echo "ok $tap_n - $1 # SKIP $2"
}

# holds desc: the command list just run succeeded.
holds() {
	_rc=$?
	if [ "$_rc" -eq 0 ]; then pass "$1"; else fail "$1"; fi
}

same() {
	cmp -s "$1" "$2"
}

entries_in() {
	grep -c '^%%entry ' "$1"
}

# live FILE: the number of entries that list shows.
live() {
	"$JOURNAL" list -f "$1" --format tsv 2>/dev/null | wc -l | tr -d ' '
}

# id_of FILE N: the id of the Nth entry of FILE in timestamp order.
id_of() {
	"$JOURNAL" list -f "$1" --format tsv | sed -n "${2}p" | cut -f1
}

# wait_file FILE: up to twenty seconds for FILE to exist.
wait_file() {
	_i=0
	while [ ! -e "$1" ] && [ "$_i" -lt 400 ]; do
		sleep 0.05
		_i=$((_i + 1))
	done
	[ -e "$1" ]
}

# hold_lock JOURNAL SECONDS: take the journal's lock for that long, in the
# background, as another writer of ours would; returns once it is held,
# with the holder's pid in $HOLDER.  Writers started meanwhile all wait
# for it, so that what they decided before the lock shows.
hold_lock() {
	rm -f "$T/held"
	flock -x "$1.lock" sh -c ': >"$0"; exec sleep "$1"' "$T/held" \
	    "$(($2 * SLOW))" &
	HOLDER=$!
	wait_file "$T/held"
}

# tsv_body FILE: the bytes of FILE as the text field of a tsv listing.
tsv_body() {
	sed -e 's/\\/\\\\/g' -e 's/	/\\t/g' -e 's/\r/\\r/g' "$1" |
	    awk '{ printf "%s\\n", $0 }'
}

# body_is JOURNAL TS FILE: the one entry listed with timestamp TS has the
# bytes of FILE as its text.
body_is() {
	"$JOURNAL" list -f "$1" --format tsv >"$T/body-list" 2>/dev/null
	awk -F '\t' -v ts="$2" '$2 == ts { print $6 }' "$T/body-list" \
	    >"$T/body-got"
	[ "$(wc -l <"$T/body-got")" -eq 1 ] &&
	    [ "$(cat "$T/body-got")" = "$(tsv_body "$3")" ]
}

# only_files DIR NAME...: DIR holds those names and nothing else.
only_files() {
	_d=$1
	shift
	[ "$(ls -A "$_d" | sort | tr '\n' ' ')" = \
	    "$(printf '%s\n' "$@" | sort | tr '\n' ' ')" ]
}

# Editors, run by /bin/sh as journal runs them, with the file last.
# ed.sh runs ED_RUN, then replaces the text with ED_TEXT; sed.sh runs the
# sed script ED_SED on the text and leaves every other line as it was;
# grab.sh copies the file to GRAB and fails; barrier.sh writes ED_TEXT,
# says so by making ED_READY and saves when ED_GO exists.
cat >"$T/bin/ed.sh" <<'EOF'
#!/bin/sh
for f; do :; done
[ -z "$ED_RUN" ] || sh -c "$ED_RUN"
printf '%s\n' "$ED_TEXT" >"$f"
EOF
cat >"$T/bin/sed.sh" <<'EOF'
#!/bin/sh
for f; do :; done
sed -i "$ED_SED" "$f"
EOF
cat >"$T/bin/grab.sh" <<'EOF'
#!/bin/sh
for f; do :; done
cp "$f" "$GRAB"
exit 1
EOF
cat >"$T/bin/barrier.sh" <<'EOF'
#!/bin/sh
for f; do :; done
printf '%s\n' "$ED_TEXT" >"$f"
: >"$ED_READY"
while [ ! -e "$ED_GO" ]; do
	sleep 0.02
done
EOF
chmod 755 "$T/bin/ed.sh" "$T/bin/sed.sh" "$T/bin/grab.sh" \
    "$T/bin/barrier.sh"

have_flock=false
command -v flock >/dev/null 2>&1 && have_flock=true

# --- 1. Two merges or two imports at once; byte-identical duplicates.

# A jrnl file of 300 entries, and a journal of them.
mkdir -p "$T/m"
awk 'BEGIN { for (i = 0; i < 300; i++)
	printf "[2026-%02d-%02d %02d:%02d] Entry %d\nThe text of entry %d.\n\n",
	    1 + i % 12, 1 + i % 28, i % 24, i % 60, i, i }' >"$T/m/other.jrnl"
OJ=$T/m/other
"$JOURNAL" import -f "$OJ" --from jrnl "$T/m/other.jrnl" 2>/dev/null
ok_if "1: setup: a journal of 300 entries" [ "$(entries_in "$OJ")" -eq 300 ]

# The lock is held while both start, so that each has read the journal
# before either writes: the window that two merges at once hit by chance.
if $have_flock; then
	MJ=$T/m/merged
	"$JOURNAL" -f "$MJ" -d 2026-11-20T08:00 "before the merges"
	hold_lock "$MJ" 1
	"$JOURNAL" merge -f "$MJ" "$OJ" >/dev/null 2>&1 </dev/null &
	p1=$!
	"$JOURNAL" merge -f "$MJ" "$OJ" >/dev/null 2>&1 </dev/null &
	p2=$!
	wait "$p1"
	wait "$p2"
	wait "$HOLDER"
	ok_if "1: two merges at once: 301 entries, each record once" \
	    [ "$(entries_in "$MJ")" -eq 301 ]
	run "$JOURNAL" check -f "$MJ"
	is_rc 0 "1: two merges at once: journal check finds no problem"

	IJ=$T/m/imported
	"$JOURNAL" -f "$IJ" -d 2026-11-20T08:00 "before the imports"
	hold_lock "$IJ" 1
	"$JOURNAL" import -f "$IJ" --from jrnl "$T/m/other.jrnl" \
	    >/dev/null 2>&1 </dev/null &
	p1=$!
	"$JOURNAL" import -f "$IJ" --from jrnl "$T/m/other.jrnl" \
	    >/dev/null 2>&1 </dev/null &
	p2=$!
	wait "$p1"
	wait "$p2"
	wait "$HOLDER"
	ok_if "1: two imports at once: 301 entries, each entry once" \
	    [ "$(entries_in "$IJ")" -eq 301 ]
	run "$JOURNAL" check -f "$IJ"
	is_rc 0 "1: two imports at once: journal check finds no problem"
else
	for d in "two merges at once" "two imports at once"; do
		skip "1: $d" "no flock(1) to hold the lock"
	done
fi

# What two merges at once left: every record twice, byte for byte.
DJ=$T/m/dup
cp "$OJ" "$DJ"
tail -n +2 "$OJ" >>"$DJ"
cp "$DJ" "$T/m/dup-repair"
run "$JOURNAL" check -f "$DJ"
ok_if "1: setup: every record twice, reported" \
    [ "$RC" -eq 1 -a "$(entries_in "$DJ")" -eq 600 ]
run "$JOURNAL" compact -f "$DJ"
is_rc 0 "1: compact of byte-identical duplicates: exit 0"
ok_if "1: compact folds byte-identical duplicates: 300 entries" \
    [ "$(entries_in "$DJ")" -eq 300 ]
run "$JOURNAL" check -f "$DJ"
is_rc 0 "1: after compact: journal check finds no problem"
DJ=$T/m/dup-repair
run "$JOURNAL" check -f "$DJ" --repair
is_rc 0 "1: check --repair of byte-identical duplicates: exit 0"
ok_if "1: check --repair folds byte-identical duplicates: 300 entries" \
    [ "$(entries_in "$DJ")" -eq 300 ]
run "$JOURNAL" check -f "$DJ"
is_rc 0 "1: after check --repair: journal check finds no problem"
ok_if "1: after compact and repair: the 300 entries listed" \
    [ "$(live "$T/m/dup")" -eq 300 -a "$(live "$DJ")" -eq 300 ]

# --- 2. Editing an entry whose text has lines that start with %%#.

EJ=$T/e/journal
"$JOURNAL" -f "$EJ" -d 2026-11-01T08:00 x
# The lines the editor's file holds beyond the text, or today's first
# one: whatever their marker, a text may hold the very same lines.
run env EDITOR="$T/bin/grab.sh" GRAB="$T/e/template" "$JOURNAL" edit \
    -f "$EJ" "$(id_of "$EJ" 1)"
grep -v '^x$' "$T/e/template" | grep -v '^$' >"$T/e/tlines"
[ -s "$T/e/tlines" ] || printf '%%%%# %s\n' "Write your entry above these" \
    "lines; lines starting with %%# are left out." >"$T/e/tlines"
printf 'first line\n%%%%# a line of mine\nlast line\n' >"$T/e/b1"
{
	echo 'first line'
	cat "$T/e/tlines"
	echo 'last line'
} >"$T/e/b2"
"$JOURNAL" -f "$EJ" -d 2026-11-02T08:00 <"$T/e/b1"
"$JOURNAL" -f "$EJ" -d 2026-11-03T08:00 <"$T/e/b2"
for i in 1 2; do
	case $i in
	1) what="a %%# line" ;;
	2) what="the editor's own lines" ;;
	esac
	ts=2026-11-0$((i + 1))T08:00:00Z
	id=$(id_of "$EJ" $((i + 1)))
	cp "$EJ" "$T/e/before"
	run env EDITOR=true "$JOURNAL" edit -f "$EJ" "$id"
	is_rc 1 "2: text with $what, saved unchanged: exit 1"
	like_err "not changed" "2: text with $what, saved unchanged: says so"
	ok_if "2: text with $what, saved unchanged: nothing written" \
	    same "$T/e/before" "$EJ"
	cp "$T/e/before" "$EJ"
	change='s/^first line$/first line, edited/'
	sed "$change" "$T/e/b$i" >"$T/e/want$i"
	run env EDITOR="$T/bin/sed.sh" ED_SED="$change" "$JOURNAL" edit \
	    -f "$EJ" "$id"
	is_rc 0 "2: text with $what, one line changed: exit 0"
	ok_if "2: text with $what, one line changed: every other line kept" \
	    body_is "$EJ" "$ts" "$T/e/want$i"
	run "$JOURNAL" compact -f "$EJ"
	ok_if "2: text with $what, edited, then compact: every line kept" \
	    body_is "$EJ" "$ts" "$T/e/want$i"
done

# --- 3. A deleted or edited entry brought back by an older copy.

RJ=$T/r/journal
"$JOURNAL" -f "$RJ" -d 2026-11-01T08:00 "an entry that stays"
"$JOURNAL" -f "$RJ" -d 2026-11-02T08:00 "the words to forget"
"$JOURNAL" -f "$RJ" -d 2026-11-03T08:00 "the words before the edit"
cp "$RJ" "$T/r/old"
"$JOURNAL" delete -y -f "$RJ" "$(id_of "$RJ" 2)"
# Edited twice: the newest version names the second, not the first.
run env EDITOR="$T/bin/sed.sh" ED_SED='s/before the edit/of the first edit/' \
    "$JOURNAL" edit -f "$RJ" "$(id_of "$RJ" 2)"
run env EDITOR="$T/bin/sed.sh" ED_SED='s/of the first edit/after the edit/' \
    "$JOURNAL" edit -f "$RJ" "$(id_of "$RJ" 2)"
run "$JOURNAL" compact -f "$RJ"
! grep -q 'words to forget' "$RJ" && ! grep -q 'before the edit' "$RJ" &&
    ! grep -q 'first edit' "$RJ"
holds "3: compact: the deleted and the superseded text gone from the file"
cp "$RJ" "$T/r/compacted"
run "$JOURNAL" merge -f "$RJ" "$T/r/old"
is_rc 0 "3: delete, compact, merge an older copy: exit 0"
run "$JOURNAL" list -f "$RJ" --format tsv
unlike_out "words to forget" \
    "3: delete, compact, merge an older copy: the deleted entry stays deleted"
unlike_out "before the edit" \
    "3: two edits, compact, merge an older copy: the old text stays superseded"
like_out "after the edit" \
    "3: two edits, compact, merge an older copy: the newest version listed"
ok_if "3: delete, two edits, compact, merge an older copy: two entries listed" \
    [ "$(live "$RJ")" -eq 2 ]
# The other way round, as the other machine merges.
run "$JOURNAL" merge -f "$T/r/old" "$T/r/compacted"
run "$JOURNAL" list -f "$T/r/old" --format tsv
unlike_out "words to forget" \
    "3: the older copy merges the compacted one: the entry is deleted there too"
unlike_out "before the edit" \
    "3: the older copy merges the compacted one: the edits win there too"

# --- 4. Shared and sticky directories, with another user.

# The other user plants files in a world-writable sticky directory, as
# the temporary directory is, where the victim keeps a journal; the
# victim is root, whose files the other user may name but not reach.
# The kernel's protected_regular and protected_symlinks would hide what
# journal does, so they are 0 while the test runs, as on many machines.
AS=
why=
if [ "$(id -u)" -ne 0 ]; then
	why="not root: cannot run as another user"
elif ! $have_flock; then
	why="no flock(1)"
else
	NB=$(mktemp -d /tmp/rapport-integrity.XXXXXX) && chmod 755 "$NB" &&
	    mkdir "$NB/sticky" && chmod 1777 "$NB/sticky" || exit 99
	if command -v setpriv >/dev/null 2>&1 && setpriv --reuid=nobody \
	    --regid=nogroup --clear-groups test -w "$NB/sticky" 2>/dev/null
	then
		AS="setpriv --reuid=nobody --regid=nogroup --clear-groups"
	elif command -v runuser >/dev/null 2>&1 &&
	    runuser -u nobody -- test -w "$NB/sticky" 2>/dev/null; then
		AS="runuser -u nobody --"
	else
		why="neither setpriv nor runuser runs as nobody"
	fi
	for k in protected_regular protected_symlinks; do
		[ -n "$AS" ] || break
		v=$(cat "/proc/sys/fs/$k" 2>/dev/null) || continue
		[ "$v" = 0 ] && continue
		if echo 0 2>/dev/null >"/proc/sys/fs/$k"; then
			RESTORE="$RESTORE echo $v >/proc/sys/fs/$k;"
		else
			AS=
			why="fs.$k is $v and cannot be set to 0"
		fi
	done
fi

# kept_private TEXT: a regular file of ours under the sticky directory,
# that no one else may read or write, holds TEXT.
kept_private() {
	find "$S" -type f -user "$(id -u)" ! -perm /077 \
	    -exec grep -qF -- "$1" {} \; -print | grep -q .
}

if [ -n "$AS" ]; then
	S=$NB/sticky
	V=$T/victim
	mkdir -p "$V"
	for f in notes diary plans; do
		printf 'my own %s\n' "$f" >"$V/$f"
		chmod 600 "$V/$f"
		cp "$V/$f" "$V/$f.before"
	done

	# A JOURNAL.rejected made beforehand by the other user, mode 0666.
	"$JOURNAL" -f "$S/ja" -d 2026-11-01T08:00 "an entry"
	$AS sh -c 'umask 0 && : >"$0"' "$S/ja.rejected"
	printf 'words only I may read\n' >>"$S/ja"
	run "$JOURNAL" check -f "$S/ja" --repair
	c="4: JOURNAL.rejected planted 0666"
	ok_if "$c: the other user cannot read it" \
	    sh -c '! $0 grep -qs "words only I may read" "$1"' "$AS" \
	    "$S/ja.rejected"
	{ [ "$RC" -eq 0 ] || grep -q 'ja\.rejected' "$ERR"; } &&
	    kept_private "words only I may read"
	holds "$c: the text kept privately, or refused naming it"

	# A JOURNAL.rejected that is the other user's symbolic link to a file
	# of the victim's.
	"$JOURNAL" -f "$S/jb" -d 2026-11-01T08:00 "an entry"
	$AS ln -s "$V/notes" "$S/jb.rejected"
	printf 'stray words of mine\n' >>"$S/jb"
	run "$JOURNAL" check -f "$S/jb" --repair
	c="4: JOURNAL.rejected planted as a symlink"
	ok_if "$c: its target unchanged" same "$V/notes.before" "$V/notes"
	{ [ "$RC" -eq 0 ] || grep -q 'jb\.rejected' "$ERR"; } &&
	    kept_private "stray words of mine"
	holds "$c: the text kept privately, or refused naming it"

	# JOURNAL.lock made and held by the other user before the first use.
	rm -f "$S/jc.held"
	$AS sh -c 'exec 9>>"$0" && flock -x 9 && : >"$1" && exec sleep 60' \
	    "$S/jc.lock" "$S/jc.held" &
	locker=$!
	PIDS="$PIDS $locker"
	c="4: JOURNAL.lock held by another user"
	if wait_file "$S/jc.held"; then
		start=$(date +%s)
		run timeout $((20 * SLOW)) "$JOURNAL" -f "$S/jc" "an entry"
		took=$(($(date +%s) - start))
		ok_if "$c: journal does not hang" [ "$RC" -ne 124 ]
		ok_if "$c: gives up within 10 s" [ "$took" -le $((10 * SLOW)) ]
		is_rc 2 "$c: exit 2"
		like_err "$S/jc\\.lock" "$c: the message names it"
	else
		fail "$c: the lock was taken"
	fi
	kill "$locker" 2>/dev/null
	wait "$locker" 2>/dev/null

	# A symbolic link planted where the journal will be, to a file of the
	# victim's.
	$AS ln -s "$V/diary" "$S/jd"
	run "$JOURNAL" -f "$S/jd" "a private entry"
	c="4: another user's symlink at the journal's path"
	is_rc 2 "$c: refused, exit 2"
	like_err "$S/jd" "$c: named"
	ok_if "$c: its target unchanged" same "$V/diary.before" "$V/diary"

	# JOURNAL.edit-ID planted as a symlink, then an edit refused because
	# the entry changed meanwhile.
	"$JOURNAL" -f "$S/je" -d 2026-11-01T08:00 "the words before"
	id=$(id_of "$S/je" 1)
	$AS ln -s "$V/plans" "$S/je.edit-$id"
	run env EDITOR="$T/bin/ed.sh" ED_TEXT="my careful new words" \
	    ED_RUN="'$JOURNAL' delete -y -f '$S/je' $id" \
	    "$JOURNAL" edit -f "$S/je" "$id"
	c="4: JOURNAL.edit-ID planted as a symlink"
	is_rc 2 "$c: the edit refused, exit 2"
	ok_if "$c: its target unchanged" same "$V/plans.before" "$V/plans"
	ok_if "$c: the text kept privately" kept_private "my careful new words"

	# JOURNAL.edit-ID made beforehand by the other user, mode 0666.
	"$JOURNAL" -f "$S/jf" -d 2026-11-01T08:00 "the words before"
	id=$(id_of "$S/jf" 1)
	$AS sh -c 'umask 0 && : >"$0"' "$S/jf.edit-$id"
	run env EDITOR="$T/bin/ed.sh" ED_TEXT="more careful words" \
	    ED_RUN="'$JOURNAL' delete -y -f '$S/jf' $id" \
	    "$JOURNAL" edit -f "$S/jf" "$id"
	c="4: JOURNAL.edit-ID planted 0666"
	is_rc 2 "$c: the edit refused, exit 2"
	ok_if "$c: the other user cannot read it" \
	    sh -c '! $0 grep -qs "more careful words" "$1"' "$AS" \
	    "$S/jf.edit-$id"
	ok_if "$c: the text kept privately" kept_private "more careful words"
else
	for d in "JOURNAL.rejected planted 0666" \
	    "JOURNAL.rejected planted as a symlink" \
	    "JOURNAL.lock held by another user" \
	    "another user's symlink at the journal's path" \
	    "JOURNAL.edit-ID planted as a symlink" \
	    "JOURNAL.edit-ID planted 0666"; do
		skip "4: $d" "$why"
	done
fi

# --- 5. SIGKILL during compact and check --repair.

# A journal of 20,000 entries of one text, so that they share a checksum,
# made without 20,000 runs.  The kills use the binary itself: under
# valgrind, the wrapper would be killed, not the rewrite.
mkdir -p "$T/k/c" "$T/k/r"
BODY="A line of an ordinary day, written to make a journal of some size."
"$JOURNAL" -f "$T/k/seed" -d 2026-01-01T00:00 "$BODY"
awk -v body="$BODY" '$1 == "%%end" { len = $3; crc = $4 } END {
	print "%%journal 1"
	for (i = 0; i < 20000; i++) {
		id = sprintf("big%07d", i)
		printf "%%%%entry %04d-%02d-%02dT%02d:%02d:00Z %s\n%s\n" \
		    "%%%%end %s %s %s\n", 2000 + int(i / 1000), 1 + i % 12,
		    1 + i % 28, i % 24, i % 60, id, body, id, len, crc
	} }' "$T/k/seed" >"$T/k/big"
chmod 600 "$T/k/big"
run "$JOURNAL" check -f "$T/k/big"
is_rc 0 "5: setup: a journal of 20,000 entries that checks clean"

# ms command...: how many milliseconds the command took.
ms() {
	_t0=$(date +%s%N)
	"$@" >/dev/null 2>&1 </dev/null
	_t1=$(date +%s%N)
	case $_t0$_t1 in
	*N*) echo 50 ;;
	*) echo $(((_t1 - _t0) / 1000000 + 1)) ;;
	esac
}

# kill_loop N MS FIRST command...: N times, run the shell command line
# FIRST, then the command, killed with SIGKILL after a random delay of up
# to MS milliseconds; says how many kills landed before it ended by
# itself.
kill_loop() {
	_n=$1
	_max=$2
	_first=$3
	shift 3
	_landed=0
	for _d in $(awk -v n="$_n" -v max="$_max" 'BEGIN { srand()
	    for (i = 0; i < n; i++) printf "%.3f\n", rand() * max / 1000 }');
	do
		sh -c "$_first"
		"$@" >/dev/null 2>&1 </dev/null &
		_p=$!
		sleep "$_d"
		kill -KILL "$_p" 2>/dev/null
		wait "$_p"
		[ $? -eq 137 ] && _landed=$((_landed + 1))
	done
	echo "# $_landed of $_n kills landed while $2 ran"
}

# The entry deleted after the kills is the first in the file, so that
# even a copy cut short by a kill holds it.
KJ=$T/k/c/journal
"$JOURNAL" -f "$KJ" -d 2026-11-01T08:00 "the words compact leaves behind"
tail -n +2 "$T/k/big" >>"$KJ"
t=$(ms "$JOURNAL_BIN" compact -f "$KJ")
kill_loop 20 $((t * 3 / 2)) : "$JOURNAL_BIN" compact -f "$KJ"
echo "# $(($(ls -A "$T/k/c" | wc -l) - 2)) files besides the journal and" \
    "its lock before the next compact"
run "$JOURNAL" list -f "$KJ" --format tsv
ok_if "5: killed during compact: the journal whole, every entry listed" \
    [ "$(wc -l <"$OUT")" -eq 20001 ]
"$JOURNAL" delete -y -f "$KJ" "$("$JOURNAL" list -f "$KJ" --format tsv \
    -g 'leaves behind' | cut -f1)"
run "$JOURNAL" compact -f "$KJ"
is_rc 0 "5: the compact after the kills: exit 0"
ok_if "5: after 20 kills during compact and one more: no copy is left" \
    only_files "$T/k/c" journal journal.lock
ok_if "5: the deleted text is in no file after the last compact" \
    [ -z "$(grep -rlF 'leaves behind' "$T/k/c")" ]
run "$JOURNAL" check -f "$KJ"
is_rc 0 "5: killed during compact: the journal checks clean"

KJ=$T/k/r/journal
"$JOURNAL" -f "$KJ" -d 2026-11-01T08:00 "the words repair leaves behind"
tail -n +2 "$T/k/big" >>"$KJ"
printf 'a stray line\n' >>"$KJ"
t=$(ms "$JOURNAL_BIN" check -f "$KJ" --repair)
kill_loop 20 $((t * 3 / 2)) "printf 'a stray line\\n' >>'$KJ'" \
    "$JOURNAL_BIN" check -f "$KJ" --repair
echo "# $(($(ls -A "$T/k/r" | wc -l) - 3)) files besides the journal, its" \
    "lock and rejected records before the next repair"
printf 'a stray line\n' >>"$KJ"
run "$JOURNAL" check -f "$KJ" --repair
is_rc 0 "5: the repair after the kills: exit 0"
ok_if "5: after 20 kills during check --repair and one more: no copy is left" \
    only_files "$T/k/r" journal journal.lock journal.rejected
run "$JOURNAL" list -f "$KJ" --format tsv
ok_if "5: killed during check --repair: every entry listed" \
    [ "$(wc -l <"$OUT")" -eq 20001 ]
"$JOURNAL" delete -y -f "$KJ" "$("$JOURNAL" list -f "$KJ" --format tsv \
    -g 'leaves behind' | cut -f1)"
run "$JOURNAL" compact -f "$KJ"
ok_if "5: after repairs killed, deleted and compacted: the text in no file" \
    [ -z "$(grep -rlF 'leaves behind' "$T/k/r")" ]

# --- 6. import --from jrnl: nothing dropped silently.

mkdir -p "$T/i"

# imported_or_said JOURNAL TEXT WHERE: TEXT was imported into JOURNAL, or
# stderr says WHERE, as FILE:LINE, and what was done.
imported_or_said() {
	"$JOURNAL" list -f "$1" --format tsv 2>/dev/null | grep -qF -- "$2" ||
	    grep -q "$3: " "$ERR"
}

printf '[2026-11-01 09:30] A title with\000the rest of the title\n' \
    >"$T/i/nul.jrnl"
printf 'The text.\n\n[2026-11-02 09:30] Next\nMore text.\n' >>"$T/i/nul.jrnl"
run "$JOURNAL" import -f "$T/i/nul" --from jrnl "$T/i/nul.jrnl"
ok_if "6: a NUL in a title: the rest of the line imported, or FILE:1 said" \
    imported_or_said "$T/i/nul" "the rest of the title" "$T/i/nul.jrnl:1"
"$JOURNAL" list -f "$T/i/nul" --format tsv 2>/dev/null | grep -q 'More text'
holds "6: a NUL in a title: the next entry imported"

printf '[2026-11-02 09:30] Said twice\nThe same words.\n\n' >"$T/i/twice.jrnl"
printf '[2026-11-02 09:30] Said twice\nThe same words.\n' >>"$T/i/twice.jrnl"
run "$JOURNAL" import -f "$T/i/twice" --from jrnl "$T/i/twice.jrnl"
{ [ "$(live "$T/i/twice")" -eq 2 ] || grep -q "$T/i/twice.jrnl:4: " "$ERR"; }
holds "6: two identical jrnl entries: both imported, or FILE:4 said"
cp "$T/i/twice" "$T/i/twice-before"
run "$JOURNAL" import -f "$T/i/twice" --from jrnl "$T/i/twice.jrnl"
ok_if "6: two identical jrnl entries, imported again: nothing added" \
    same "$T/i/twice-before" "$T/i/twice"

printf '[2026-11-01 09:30] Before\nGood text.\n\n' >"$T/i/utf8.jrnl"
printf '[2026-11-02 09:30] Not UTF-8: caf\351\nMore.\n\n' >>"$T/i/utf8.jrnl"
printf '[2026-11-03 09:30] After\nGood text.\n' >>"$T/i/utf8.jrnl"
run "$JOURNAL" import -f "$T/i/utf8" --from jrnl "$T/i/utf8.jrnl"
"$JOURNAL" list -f "$T/i/utf8" --format tsv >"$T/i/utf8.list" 2>/dev/null
{ grep -q 'Before' "$T/i/utf8.list" && grep -q 'After' "$T/i/utf8.list"; }
holds "6: one entry of invalid UTF-8: the entries around it imported"
{ grep -q 'Not UTF-8' "$T/i/utf8.list" ||
    grep -q "$T/i/utf8.jrnl:4: " "$ERR"; }
holds "6: one entry of invalid UTF-8: imported, or FILE:4 said"

# --- 7. A hard-linked journal.

# Compacted, the deleted text is gone; repaired, the stray line is.
for what in compact "check --repair"; do
	d=$T/h-$(echo "$what" | tr -cd 'a-z')
	HJ=$d/journal
	"$JOURNAL" -f "$HJ" -d 2026-11-01T08:00 "an entry that stays"
	"$JOURNAL" -f "$HJ" -d 2026-11-02T08:00 "linked words to forget"
	"$JOURNAL" delete -y -f "$HJ" "$(id_of "$HJ" 2)"
	ln "$HJ" "$d/second name"
	if [ "$what" = compact ]; then
		gone="words to forget"
		cp "$HJ" "$d/before"
		run "$JOURNAL" compact -f "$HJ"
	else
		gone="a stray line"
		printf '%s\n' "$gone" >>"$HJ"
		cp "$HJ" "$d/before"
		run "$JOURNAL" check -f "$HJ" --repair
	fi
	c="7: $what of a hard-linked journal"
	[ "$(stat -c %i "$HJ")" = "$(stat -c %i "$d/second name")" ] &&
	    [ "$(stat -c %h "$HJ")" -eq 2 ]
	holds "$c: both names still one file"
	if [ "$RC" -eq 0 ]; then
		! grep -q "$gone" "$d/second name"
	else
		grep -q 'link' "$ERR" && same "$d/before" "$HJ"
	fi
	holds "$c: done in place, or refused saying why"
done

# --- 8. A torn tombstone.

# Lines: 1 the version, 2-4 the entry, 5 the tombstone, cut short, that
# the newline of the next append completes.
for cut in "the newline" "the time"; do
	TJ=$T/t/$(echo "$cut" | tr ' ' -)
	"$JOURNAL" -f "$TJ" -d 2026-11-01T08:00 "the entry to keep"
	id=$(id_of "$TJ" 1)
	case $cut in
	"the newline") printf '%%%%delete %s 2026-11-25T12:00:00Z' "$id" ;;
	"the time") printf '%%%%delete %s 2026-11-25' "$id" ;;
	esac >>"$TJ"
	"$JOURNAL" -f "$TJ" -d 2026-11-25T12:00 "appended after the tear"
	run "$JOURNAL" check -f "$TJ"
	is_rc 1 "8: a tombstone cut before $cut, then an append: check exit 1"
	like_out "^$TJ:5: .*(incomplete|cut short|torn|interrupted)" \
	    "8: a tombstone cut before $cut: reported at FILE:5 as torn"
	run "$JOURNAL" list -f "$TJ" --format tsv
	like_out "the entry to keep" \
	    "8: a tombstone cut before $cut: the entry is still listed"
	like_out "appended after the tear" \
	    "8: a tombstone cut before $cut: the append is listed"
done

# --- 9. Messages and small wrongs.

# A journal with CRLF line ends, as a Windows editor saves it.
CJ=$T/s/crlf
"$JOURNAL" -f "$CJ" -d 2026-11-01T08:00 "written on Unix"
sed -i 's/$/\r/' "$CJ"
cp "$CJ" "$T/s/crlf-before"
for a in add compact; do
	if [ $a = add ]; then
		run "$JOURNAL" -f "$CJ" "more"
	else
		run "$JOURNAL" compact -f "$CJ"
	fi
	c="9: CRLF journal, $a"
	is_rc 2 "$c: exit 2"
	if grep -q 'later version' "$ERR"; then
		fail "$c: not called a journal of a later version"
	else
		pass "$c: not called a journal of a later version"
	fi
	like_err "CRLF|carriage return|line end" \
	    "$c: the message says what it is"
	like_err "dos2unix|tr -d|sed " "$c: the message says how to fix it"
	ok_if "$c: unchanged" same "$T/s/crlf-before" "$CJ"
done

# A lock that cannot be created: a directory of that name.
LJ=$T/s/locked
"$JOURNAL" -f "$LJ" -d 2026-11-01T08:00 "an entry"
rm -f "$LJ.lock"
mkdir "$LJ.lock"
for a in add compact; do
	if [ $a = add ]; then
		run "$JOURNAL" -f "$LJ" "more"
	else
		run "$JOURNAL" compact -f "$LJ"
	fi
	c="9: a lock that cannot be created, $a"
	is_rc 2 "$c: exit 2"
	like_err "$LJ\\.lock" "$c: it names the lock"
done

ln -s nowhere "$T/s/dangling"
run "$JOURNAL" -f "$T/s/dangling" "text"
is_rc 2 "9: appending through a dangling symlink: exit 2"
like_err "$T/s/dangling: .*symbolic link" \
    "9: appending through a dangling symlink: says it is a symlink to nothing"

run "$JOURNAL" list -f "$T/s/missing"
lrc=$RC
run "$JOURNAL" compact -f "$T/s/missing"
is_rc "$lrc" "9: compact of a missing journal: exit $lrc, as list"
ok_if "9: compact of a missing journal: no lock left, no journal made" \
    [ ! -e "$T/s/missing.lock" -a ! -e "$T/s/missing" ]

printf '# Notes\n\nNot a journal at all.\n- a list\n' >"$T/s/notes.md"
cp "$T/s/notes.md" "$T/s/notes-before"
run "$JOURNAL" compact -f "$T/s/notes.md"
is_rc 2 "9: compact of a file that is not a journal: refused, exit 2"
like_err "notes\\.md.*not a journal" \
    "9: compact of a file that is not a journal: says so"
ok_if "9: compact of a file that is not a journal: unchanged" \
    same "$T/s/notes-before" "$T/s/notes.md"
run "$JOURNAL" check -f "$T/s/notes.md" --repair
is_rc 2 "9: check --repair of a file that is not a journal: refused, exit 2"
like_err "notes\\.md.*not a journal" \
    "9: check --repair of a file that is not a journal: says so"
ok_if "9: check --repair of a file that is not a journal: unchanged" \
    same "$T/s/notes-before" "$T/s/notes.md"
ok_if "9: check --repair of a file that is not a journal: nothing rejected" \
    [ ! -e "$T/s/notes.md.rejected" ]

mkdir -p "$T/s/real"
"$JOURNAL" -f "$T/s/real/journal" -d 2026-11-01T08:00 "an entry"
ln -s real/journal "$T/s/link"
printf 'a stray line\n' >>"$T/s/real/journal"
run "$JOURNAL" check -f "$T/s/link" --repair
is_rc 0 "9: check --repair through a symlink: exit 0"
ok_if "9: check --repair through a symlink: the side file beside the target" \
    [ -f "$T/s/real/journal.rejected" -a ! -e "$T/s/link.rejected" ]

# Two edits of one entry, saved at the same moment: both read the entry
# as it was, and the lock, held meanwhile, lets neither write before
# both have looked.
if $have_flock; then
	GJ=$T/g/journal
	"$JOURNAL" -f "$GJ" -d 2026-11-01T08:00 "the entry both edit"
	id=$(id_of "$GJ" 1)
	for n in 1 2; do
		env EDITOR="$T/bin/barrier.sh" ED_TEXT="version $n" \
		    ED_READY="$T/g/ready$n" ED_GO="$T/g/go" \
		    "$JOURNAL" edit -f "$GJ" "$id" >/dev/null \
		    2>"$T/g/err$n" </dev/null &
		eval "p$n=\$!"
	done
	wait_file "$T/g/ready1" && wait_file "$T/g/ready2"
	hold_lock "$GJ" 1
	: >"$T/g/go"
	wait "$p1"
	rc1=$?
	wait "$p2"
	rc2=$?
	wait "$HOLDER"
	cat "$T/g/err1" "$T/g/err2" >"$ERR"
	: >"$OUT"
	RC=$rc1
	ok_if "9: two edits saved at once: one lands, the other exits 2" \
	    [ "$rc1:$rc2" = 0:2 -o "$rc1:$rc2" = 2:0 ]
	ok_if "9: two edits saved at once: one version listed" \
	    [ "$(live "$GJ")" -eq 1 ]
	like_err "changed while it was being edited" \
	    "9: two edits saved at once: the refused one says why"
else
	skip "9: two edits saved at once" "no flock(1) to hold the lock"
fi

finish
