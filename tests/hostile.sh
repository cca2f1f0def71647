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

# hostile.sh: tip, prompt, journal and score in environments that a
# careless shell, cron, a shared machine or a full disk gives them: HOME
# unset or empty; XDG directories relative, empty or files; collections
# unreadable or FIFOs; a read-only journal directory; stdout closed, full
# or a pipe closed early; TERM=dumb; the C, POSIX and Turkish locales,
# present or missing; arguments of 100,000 bytes; editors with arguments,
# spaces, missing or failing; journals and histories that another user
# owns or may write.  Then privacy: modes whatever the umask, no entry
# text in a message, no temporary file in a shared directory, and no file
# written but the state file.  Each case states what a careful Unix tool
# does, whatever the code does today.

. "$top_srcdir/tests/lib.sh"

TZ=UTC0
JOURNAL_NOW=2026-11-25T12:00:00Z
export TZ JOURNAL_NOW
unset JOURNAL_FILE VISUAL EDITOR PROMPT_PATH TERM LANG LC_CTYPE NO_COLOR
# Slow enough to be a hang: a command given this long has hung.
HANG=$((10 * SLOW))

# in_dir DIR command...: run the command with DIR as the working
# directory.
in_dir() {
	_d=$1
	shift
	run sh -c 'cd "$0" && exec "$@"' "$_d" "$@"
}

# reading NAME runner...: the runner's words, then the command NAME as it
# runs when it only reads (prompt without history, journal list of $J,
# score --items).
reading() {
	_c=$1
	shift
	case $_c in
	tip) "$@" "$TIP" ;;
	prompt) "$@" "$PROMPT" --no-history ;;
	journal) "$@" "$JOURNAL" list -f "$J" ;;
	score) "$@" "$SCORE" --items ;;
	esac
}

# rc_in "N ..." desc: the status was one of those.
rc_in() {
	case " $1 " in
	*" $RC "*) pass "$2" ;;
	*) fail "$2" "expected a status among: $1" ;;
	esac
}

err_lines() {
	wc -l <"$ERR" | tr -d ' '
}

# empty_dir DIR: DIR holds nothing at all.
empty_dir() {
	[ -d "$1" ] && [ -z "$(ls -A "$1")" ]
}

# lacks FILE TEXT: FILE does not hold TEXT.
lacks() {
	! grep -qF -- "$2" "$1"
}

same() {
	cmp -s "$1" "$2"
}

mode_of() {
	stat -c %a "$1"
}

# A small collection of each kind, a journal, and answers to every item.
mkdir -p "$T/col" "$T/pc/x" "$T/j"
printf 'Laugh with them, not at them.\n%%\n' >"$T/col/a"
printf 'Prompt %s?\n%%\n' one two three four five >"$T/pc/x/1"
"$SCORE_BIN" --items | awk -F '\t' '{ print $1 "=3" }' >"$T/answers"
ok_if "setup: score lists its items" [ -s "$T/answers" ]
J=$T/j/journal
"$JOURNAL" -f "$J" -d 2026-11-24T09:00 -t talk -r listen=4 "A good talk"
"$SCORE" -f "$J" --answers "$T/answers" >/dev/null
ok_if "setup: a journal with an entry and a check-in" \
    [ "$(grep -c '^%%entry ' "$J")" -eq 2 ]

# Another user to run as, when we are root.
nobody_setup "$TIP_BIN" "$PROMPT_BIN" "$JOURNAL_BIN" "$SCORE_BIN"
chmod 700 "$T"

# as_nobody command...: run as nobody, HOME a directory nobody may use.
as_nobody() {
	run $AS env HOME="$T/pub/home" "$@"
}

### HOME unset or empty.

mkdir -p "$T/cwd"
for h in unset empty; do
	if [ $h = unset ]; then
		set -- env -u HOME
	else
		set -- env HOME=
	fi
	in_dir "$T/cwd" "$@" "$TIP"
	is_rc 0 "tip, HOME $h: exit 0"
	ok_if "tip, HOME $h: a tip" [ -s "$OUT" ]
	no_err "tip, HOME $h: nothing on stderr"

	in_dir "$T/cwd" "$@" "$PROMPT"
	is_rc 0 "prompt, HOME $h: exit 0"
	ok_if "prompt, HOME $h: a prompt" [ -s "$OUT" ]
	no_err "prompt, HOME $h: no history kept, silently"

	in_dir "$T/cwd" "$@" "$JOURNAL" "some text"
	is_rc 2 "journal, HOME $h: exit 2"
	like_err 'JOURNAL_FILE|-f' "journal, HOME $h: says to name a journal"
	in_dir "$T/cwd" "$@" "$JOURNAL" list
	is_rc 2 "journal list, HOME $h: exit 2"

	in_dir "$T/cwd" "$@" "$SCORE" --answers "$T/answers"
	is_rc 2 "score, HOME $h: exit 2"
	like_err 'JOURNAL_FILE|-f' "score, HOME $h: says to name a journal"
	in_dir "$T/cwd" "$@" "$SCORE" report
	is_rc 2 "score report, HOME $h: exit 2"
	in_dir "$T/cwd" "$@" "$SCORE" --items
	is_rc 0 "score --items, HOME $h: exit 0"

	ok_if "HOME $h: nothing made in the working directory" \
	    empty_dir "$T/cwd"
done
set --
run env -u HOME XDG_DATA_HOME="$T/hx" "$JOURNAL" "with XDG only"
is_rc 0 "journal, HOME unset, XDG_DATA_HOME set: exit 0"
ok_if "journal, HOME unset, XDG_DATA_HOME set: the journal there" \
    grep -qx 'with XDG only' "$T/hx/rapport/journal"

### XDG variables: relative, empty, or a file.

# Relative: ignored, as the XDG specification says, and nothing is made
# under the working directory.
mkdir -p "$T/rc/rel/rapport/tips" "$T/rc/rel/rapport/prompts/relcat"
printf 'RELATIVE\n%%\n' >"$T/rc/rel/rapport/tips/relcat"
printf 'Relative?\n%%\n' >"$T/rc/rel/rapport/prompts/relcat/1"
printf 'weeks = 0\n' >"$T/rc/rel/rapport/config"
H=$T/rh
mkdir -p "$H"
in_dir "$T/rc" env HOME="$H" XDG_DATA_HOME=rel "$TIP" relcat
is_rc 2 "tip, relative XDG_DATA_HOME: its category is not read"
in_dir "$T/rc" env HOME="$H" XDG_DATA_HOME=rel "$PROMPT" relcat
is_rc 2 "prompt, relative XDG_DATA_HOME: its category is not read"
in_dir "$T/rc" env HOME="$H" XDG_STATE_HOME=new "$PROMPT"
is_rc 0 "prompt, relative XDG_STATE_HOME: exit 0"
ok_if "prompt, relative XDG_STATE_HOME: the history under HOME" \
    [ -s "$H/.local/state/rapport/prompt-history" ]
in_dir "$T/rc" env HOME="$H" XDG_DATA_HOME=new "$JOURNAL" "relative"
ok_if "journal, relative XDG_DATA_HOME: the journal under HOME" \
    grep -qx relative "$H/.local/share/rapport/journal"
in_dir "$T/rc" env HOME="$H" XDG_DATA_HOME=new "$SCORE" \
    --answers "$T/answers"
is_rc 0 "score, relative XDG_DATA_HOME: exit 0"
ok_if "score, relative XDG_DATA_HOME: the check-in under HOME" \
    [ "$(grep -c '^%%entry .*@checkin' \
    "$H/.local/share/rapport/journal")" -eq 1 ]
ok_if "relative XDG_STATE_HOME and XDG_DATA_HOME: nothing made here" \
    [ ! -e "$T/rc/new" ]
for c in tip prompt journal score; do
	reading "$c" in_dir "$T/rc" env HOME="$H" XDG_CONFIG_HOME="$T/rc/rel"
	is_rc 2 "$c, a bad configuration in XDG_CONFIG_HOME: exit 2"
	reading "$c" in_dir "$T/rc" env HOME="$H" XDG_CONFIG_HOME=rel
	is_rc 0 "$c, relative XDG_CONFIG_HOME: its configuration not read"
done
rm -rf "$H"

# Empty: as if unset, so under HOME.
H=$T/eh
mkdir -p "$H/.local/share/rapport/tips" "$H/.local/share/rapport/prompts/hc" \
    "$H/.config/rapport"
printf 'FROM HOME\n%%\n' >"$H/.local/share/rapport/tips/homecat"
printf 'From home?\n%%\n' >"$H/.local/share/rapport/prompts/hc/1"
run env HOME="$H" XDG_DATA_HOME= "$TIP" homecat
is_out "FROM HOME" "tip, XDG_DATA_HOME empty: HOME's collection"
run env HOME="$H" XDG_DATA_HOME= "$PROMPT" --no-history hc
is_out "From home?" "prompt, XDG_DATA_HOME empty: HOME's collection"
run env HOME="$H" XDG_STATE_HOME= "$PROMPT"
ok_if "prompt, XDG_STATE_HOME empty: the history under HOME" \
    [ -s "$H/.local/state/rapport/prompt-history" ]
run env HOME="$H" XDG_DATA_HOME= "$JOURNAL" "empty xdg"
ok_if "journal, XDG_DATA_HOME empty: the journal under HOME" \
    grep -qx 'empty xdg' "$H/.local/share/rapport/journal"
printf '[score]\nweeks = 0\n' >"$H/.config/rapport/config"
run env HOME="$H" XDG_CONFIG_HOME= "$SCORE" --items
is_rc 2 "score, XDG_CONFIG_HOME empty: HOME's configuration read"
rm -rf "$H"

# A file: nothing can be under it.  Reading finds nothing there; writing
# fails, and says where.
printf 'not a directory\n' >"$T/afile"
cp "$T/afile" "$T/afile-before"
H=$T/fh
mkdir -p "$H"
run env HOME="$H" XDG_DATA_HOME="$T/afile" "$TIP"
is_rc 0 "tip, XDG_DATA_HOME a file: exit 0"
ok_if "tip, XDG_DATA_HOME a file: a tip" [ -s "$OUT" ]
no_err "tip, XDG_DATA_HOME a file: nothing on stderr"
run env HOME="$H" XDG_DATA_HOME="$T/afile" "$PROMPT" --no-history
is_rc 0 "prompt, XDG_DATA_HOME a file: exit 0"
no_err "prompt, XDG_DATA_HOME a file: nothing on stderr"
run env HOME="$H" XDG_STATE_HOME="$T/afile" "$PROMPT"
is_rc 0 "prompt, XDG_STATE_HOME a file: exit 0"
ok_if "prompt, XDG_STATE_HOME a file: a prompt" [ -s "$OUT" ]
ok_if "prompt, XDG_STATE_HOME a file: one warning" [ "$(err_lines)" -eq 1 ]
like_err "$T/afile" "prompt, XDG_STATE_HOME a file: the warning names it"
run env HOME="$H" XDG_DATA_HOME="$T/afile" "$JOURNAL" "into a file"
is_rc 2 "journal, XDG_DATA_HOME a file: exit 2"
like_err "$T/afile" "journal, XDG_DATA_HOME a file: the message names it"
run env HOME="$H" XDG_DATA_HOME="$T/afile" "$SCORE" --answers "$T/answers"
is_rc 2 "score, XDG_DATA_HOME a file: exit 2"
like_err "$T/afile" "score, XDG_DATA_HOME a file: the message names it"
for c in tip prompt journal score; do
	reading "$c" run env HOME="$H" XDG_CONFIG_HOME="$T/afile"
	is_rc 0 "$c, XDG_CONFIG_HOME a file: no configuration, exit 0"
done
ok_if "XDG variables a file: the file unchanged" same "$T/afile-before" \
    "$T/afile"
ok_if "XDG variables a file: nothing made under HOME instead" empty_dir "$H"

### Collections unreadable or FIFOs.

# A FIFO is never opened where a collection is looked for: no hang.
mkfifo "$T/fifo"
mkdir -p "$T/fd/tips" "$T/fd/prompts/x" "$T/fd/rapport" "$T/fd/cfg/rapport"
printf 'A real tip.\n%%\n' >"$T/fd/tips/a"
mkfifo "$T/fd/tips/f" "$T/fd/prompts/x/1" "$T/fd/rapport/tips" \
    "$T/fd/rapport/prompts" "$T/fd/cfg/rapport/config"
run timeout "$HANG" env TIP_PATH="$T/fifo" "$TIP"
ok_if "tip, TIP_PATH a FIFO: no hang" [ "$RC" -ne 124 ]
ok_if "tip, TIP_PATH a FIFO: a tip all the same" [ -s "$OUT" ]
like_err "$T/fifo" "tip, TIP_PATH a FIFO: reported"
run timeout "$HANG" env TIP_PATH="$T/fd/tips" "$TIP" --seed 1
is_rc 0 "tip, a FIFO in a TIP_PATH directory: no hang, exit 0"
is_out "A real tip." "tip, a FIFO in a TIP_PATH directory: the real tip"
run timeout "$HANG" env XDG_DATA_HOME="$T/fd" "$TIP"
ok_if "tip, the user's tips a FIFO: no hang" [ "$RC" -ne 124 ]
ok_if "tip, the user's tips a FIFO: a tip all the same" [ -s "$OUT" ]
like_err "$T/fd/rapport/tips" "tip, the user's tips a FIFO: reported"
run timeout "$HANG" env PROMPT_PATH="$T/fifo" "$PROMPT" --no-history
is_rc 0 "prompt, PROMPT_PATH a FIFO: no hang, exit 0"
run timeout "$HANG" env XDG_DATA_HOME="$T/fd" "$PROMPT" --no-history
is_rc 0 "prompt, the user's prompts a FIFO: no hang, exit 0"
run timeout "$HANG" env PROMPT_PATH="$T/fd/prompts" "$PROMPT" --no-history x
ok_if "prompt, a prompt file a FIFO: no hang" [ "$RC" -ne 124 ]
# Skipped as tip skips one, not a collection file: no prompt is left.
like_err 'no prompt matches' "prompt, a prompt file a FIFO: skipped, said"
mkdir -p "$T/fd/state/rapport"
mkfifo "$T/fd/state/rapport/prompt-history"
run timeout "$HANG" env XDG_STATE_HOME="$T/fd/state" "$PROMPT"
is_rc 0 "prompt, the history a FIFO: no hang, exit 0"
ok_if "prompt, the history a FIFO: a prompt" [ -s "$OUT" ]
# Reported as what it is, not with an errno left from an earlier call.
like_err "prompt-history: prompts may repeat: Invalid argument\$" \
    "prompt, the history a FIFO: reported as EINVAL, not a stale errno"
for c in tip prompt journal score; do
	reading "$c" run timeout "$HANG" env XDG_CONFIG_HOME="$T/fd/cfg"
	ok_if "$c, the configuration a FIFO: no hang" [ "$RC" -ne 124 ]
	like_err "$T/fd/cfg/rapport/config" \
	    "$c, the configuration a FIFO: named"
done

# Unreadable, as a user who may not read them: reported, and the others
# still used.
if [ -n "$AS" ]; then
	chmod 711 "$T"
	mkdir -p "$T/pub/home" "$T/pub/noread/x" "$T/pub/xdg/rapport/tips" \
	    "$T/pub/xdg/rapport/prompts/x"
	printf 'Hidden tip.\n%%\n' >"$T/pub/noread/a"
	printf 'Hidden?\n%%\n' >"$T/pub/noread/x/1"
	cp "$T/pub/noread/a" "$T/pub/xdg/rapport/tips/a"
	cp "$T/pub/noread/x/1" "$T/pub/xdg/rapport/prompts/x/1"
	chmod -R a+rX "$T/pub"
	chmod 777 "$T/pub/home"
	chmod 000 "$T/pub/noread" "$T/pub/xdg/rapport/tips" \
	    "$T/pub/xdg/rapport/prompts"
	as_nobody TIP_PATH="$T/pub/noread" "$T/nb/tip"
	is_rc 2 "tip, TIP_PATH unreadable: exit 2"
	like_err "$T/pub/noread" "tip, TIP_PATH unreadable: reported"
	ok_if "tip, TIP_PATH unreadable: a tip all the same" [ -s "$OUT" ]
	as_nobody XDG_DATA_HOME="$T/pub/xdg" "$T/nb/tip"
	is_rc 2 "tip, the user's tips unreadable: exit 2"
	like_err "$T/pub/xdg/rapport/tips" \
	    "tip, the user's tips unreadable: reported"
	ok_if "tip, the user's tips unreadable: a tip all the same" \
	    [ -s "$OUT" ]
	as_nobody PROMPT_PATH="$T/pub/noread" "$T/nb/prompt" --no-history
	is_rc 0 "prompt, PROMPT_PATH unreadable: exit 0"
	like_err "$T/pub/noread" "prompt, PROMPT_PATH unreadable: reported"
	ok_if "prompt, PROMPT_PATH unreadable: a prompt all the same" \
	    [ -s "$OUT" ]
	as_nobody XDG_DATA_HOME="$T/pub/xdg" "$T/nb/prompt" --no-history
	is_rc 0 "prompt, the user's prompts unreadable: exit 0"
	like_err "$T/pub/xdg/rapport/prompts" \
	    "prompt, the user's prompts unreadable: reported"
	chmod 755 "$T/pub/noread" "$T/pub/xdg/rapport/tips" \
	    "$T/pub/xdg/rapport/prompts"
	chmod 700 "$T"
else
	for d in "tip, TIP_PATH unreadable" "tip, the user's tips unreadable" \
	    "prompt, PROMPT_PATH unreadable" \
	    "prompt, the user's prompts unreadable"; do
		skip "$d" "cannot run as another user"
	done
fi

### A journal directory that is read-only, as a user who may not write it.

if [ -n "$AS" ]; then
	chmod 711 "$T"
	mkdir -p "$T/pub/ro" "$T/pub/own" "$T/pub/shared" "$T/pub/home"
	cp "$J" "$T/pub/ro/journal"
	: >"$T/pub/ro/journal.lock"
	cp "$J" "$T/pub/own/journal"
	: >"$T/pub/own/journal.lock"
	chmod 755 "$T/pub" "$T/pub/ro" "$T/pub/own"
	chmod 644 "$T/pub/ro/journal.lock"
	# The user's own journal, read-only, in a directory they may not
	# write: another user's journal would be refused outright.
	chown nobody "$T/pub/ro/journal"
	chmod 444 "$T/pub/ro/journal"
	chmod 1777 "$T/pub/shared"
	chmod 777 "$T/pub/home"
	chown nobody "$T/pub/own/journal" "$T/pub/own/journal.lock"
	chmod 600 "$T/pub/own/journal" "$T/pub/own/journal.lock"
	RO=$T/pub/ro/journal
	cp "$RO" "$T/ro-before"
	as_nobody "$T/nb/journal" list -f "$RO" --format tsv
	is_rc 0 "read-only directory: journal list, exit 0"
	like_out 'A good talk' "read-only directory: journal list, the entries"
	as_nobody "$T/nb/journal" check -f "$RO"
	is_rc 0 "read-only directory: journal check, exit 0"
	as_nobody "$T/nb/journal" stats -f "$RO"
	is_rc 0 "read-only directory: journal stats, exit 0"
	as_nobody "$T/nb/score" report -f "$RO"
	is_rc 0 "read-only directory: score report, exit 0"
	as_nobody "$T/nb/journal" -f "$RO" "more text"
	is_rc 2 "read-only directory and journal: writing, exit 2"
	like_err "$RO" "read-only directory and journal: writing, named"
	as_nobody "$T/nb/journal" compact -f "$RO"
	is_rc 2 "read-only directory: compact, exit 2"
	like_err "$T/pub/ro" "read-only directory: compact, named"
	ok_if "read-only directory: the journal unchanged" \
	    same "$T/ro-before" "$RO"
	ok_if "read-only directory: nothing left in it" \
	    [ "$(ls -A "$T/pub/ro" | wc -l)" -eq 2 ]

	# The journal and its lock are the user's, the directory is not.
	OWN=$T/pub/own/journal
	as_nobody "$T/nb/journal" -f "$OWN" "appended"
	is_rc 0 "read-only directory, own journal: appending, exit 0"
	ok_if "read-only directory, own journal: the entry is there" \
	    grep -qx appended "$OWN"
	cp "$OWN" "$T/own-before"
	# Read from the file: root may not list a journal of nobody's.
	id=$(sed -n 's/^%%entry [^ ]* \([0-9a-z]*\).*/\1/p' "$OWN" | head -n 1)
	as_nobody TMPDIR="$T/pub/shared" EDITOR="$T/nb/none" \
	    "$T/nb/journal" edit -f "$OWN" "$id"
	is_rc 2 "read-only directory, own journal: edit, exit 2"
	like_err "$T/pub/own" "read-only directory, own journal: edit, named"
	ok_if "read-only directory, own journal: edit, no file elsewhere" \
	    empty_dir "$T/pub/shared"
	as_nobody TMPDIR="$T/pub/shared" "$T/nb/journal" compact -f "$OWN"
	is_rc 2 "read-only directory, own journal: compact, exit 2"
	ok_if "read-only directory, own journal: compact, no file elsewhere" \
	    empty_dir "$T/pub/shared"
	ok_if "read-only directory, own journal: left as it was" \
	    same "$T/own-before" "$OWN"
	chmod 700 "$T"
else
	skip "read-only journal directory" "cannot run as another user"
fi

### Standard output closed, full, or a pipe closed early.

# closed command...: run with stdout closed.
closed() {
	run sh -c 'exec "$@" >&-' sh "$@"
}

closed "$TIP"
is_rc 2 "tip >&-: exit 2"
like_err 'stdout' "tip >&-: says stdout"
SH=$T/st
mkdir -p "$SH/rapport"
printf '%08x\n' 1 2 3 >"$SH/rapport/prompt-history"
cp "$SH/rapport/prompt-history" "$T/hist-before"
closed env XDG_STATE_HOME="$SH" PROMPT_PATH="$T/pc" "$PROMPT"
is_rc 2 "prompt >&-: exit 2"
like_err 'stdout' "prompt >&-: says stdout"
ok_if "prompt >&-: the history holds no prompt text" \
    [ "$(grep -cvx '[0-9a-f]\{8\}' "$SH/rapport/prompt-history")" -eq 0 ]
ok_if "prompt >&-: what was not shown is not in the history" \
    same "$T/hist-before" "$SH/rapport/prompt-history"
cp "$J" "$T/j-before"
closed "$JOURNAL" list -f "$J"
is_rc 2 "journal list >&-: exit 2"
ok_if "journal list >&-: the journal unchanged" same "$T/j-before" "$J"
closed "$JOURNAL" -f "$J" "written with stdout closed"
is_rc 0 "journal >&-: an entry, exit 0"
run "$JOURNAL" check -f "$J"
is_rc 0 "journal >&-: the journal checks clean"
closed "$SCORE" report -f "$J"
is_rc 2 "score report >&-: exit 2"
cp "$J" "$T/j-before"
closed "$SCORE" -f "$J" --answers "$T/answers"
is_rc 2 "score >&-: exit 2 (the summary could not be shown)"
run "$JOURNAL" check -f "$J"
is_rc 0 "score >&-: the journal checks clean"
ok_if "score >&-: one check-in more, nothing else" \
    [ "$(grep -c '^%%entry ' "$J")" -eq \
    "$(($(grep -c '^%%entry ' "$T/j-before") + 1))" ]

# A full disk: one line, naming stdout, and exit 2.
if [ -w /dev/full ]; then
	for c in tip prompt journal score; do
		case $c in
		tip) set -- "$TIP" ;;
		prompt) set -- "$PROMPT" --no-history ;;
		journal) set -- "$JOURNAL" list -f "$J" ;;
		score) set -- "$SCORE" report -f "$J" ;;
		esac
		"$@" >/dev/full 2>"$ERR" </dev/null
		RC=$?
		is_rc 2 "$c >/dev/full: exit 2"
		ok_if "$c >/dev/full: one line on stderr, naming stdout" \
		    [ "$(err_lines)" -eq 1 -a "$(grep -c stdout "$ERR")" -eq 1 ]
	done
	cp "$SH/rapport/prompt-history" "$T/hist-before"
	XDG_STATE_HOME=$SH PROMPT_PATH=$T/pc "$PROMPT" >/dev/full 2>"$ERR"
	ok_if "prompt >/dev/full: what was not shown is not in the history" \
	    same "$T/hist-before" "$SH/rapport/prompt-history"
else
	skip "commands >/dev/full" "no /dev/full"
fi

# Outputs of well over a pipe's 64 KiB, cut after one byte.
awk 'BEGIN { while (n++ < 20000) printf "line %d of a long tip\n", n
	print "%" }' >"$T/bigtip"
mkdir -p "$T/bigp/x"
awk 'BEGIN { while (n++ < 3000)
	printf "Prompt number %d, padded out to a good length?\n%%\n", n }' \
    >"$T/bigp/x/1"
awk 'BEGIN { while (n++ < 20000) printf "line %d of a long entry\n", n }' |
    "$JOURNAL" -f "$T/bigj/journal"
ok_if "setup: a journal with an entry of 20,000 lines" \
    [ "$(wc -l <"$T/bigj/journal")" -gt 20000 ]
weeks=520

# cut_pipe ign|dfl command...: the command's stdout into head -c 1,
# SIGPIPE ignored or as it is; $RC is the command's status.
cut_pipe() {
	_how=$1
	shift
	(
		[ "$_how" = ign ] && trap '' PIPE
		"$@" 2>"$ERR" </dev/null
		echo $? >"$T/pipe-rc"
	) | head -c 1 >"$OUT"
	RC=$(cat "$T/pipe-rc")
}
for c in tip prompt journal score; do
	case $c in
	tip) set -- "$TIP" "$T/bigtip" ;;
	prompt) set -- env PROMPT_PATH="$T/bigp" "$PROMPT" --no-history \
	    -n 3000 x ;;
	journal) set -- "$JOURNAL" list -f "$T/bigj/journal" --format raw ;;
	score) set -- "$SCORE" report -f "$J" --weeks "$weeks" ;;
	esac
	cut_pipe dfl "$@"
	ok_if "$c | head -c 1: one byte through" [ "$(wc -c <"$OUT")" -eq 1 ]
	no_err "$c | head -c 1: nothing on stderr"
	rc_in "0 141" "$c | head -c 1: exit 0 or SIGPIPE ($RC)"
	cut_pipe ign "$@"
	ok_if "$c | head -c 1, SIGPIPE ignored: at most one line on stderr" \
	    [ "$(err_lines)" -le 1 ]
	rc_in "0 2" "$c | head -c 1, SIGPIPE ignored: exit 0 or 2 ($RC)"
done

### TERM=dumb, and no TERM: no escape sequence of our own.

have_tty=false
if command -v script >/dev/null 2>&1 &&
    SHELL=/bin/sh script -qec true /dev/null </dev/null >/dev/null 2>&1; then
	have_tty=true
fi

# on_tty TERM CMDLINE: CMDLINE on a pseudo-terminal, TERM set to TERM
# (or unset if -), what the terminal shows in $OUT.
on_tty() {
	if [ "$1" = - ]; then
		_t="env -u TERM"
	else
		_t="env TERM=$1"
	fi
	SHELL=/bin/sh $_t script -qec "$2" /dev/null </dev/null >"$OUT" 2>&1
	RC=$?
}

has_esc() {
	grep -q "$(printf '\033')" "$OUT"
}

no_esc() {
	! has_esc
}

if $have_tty; then
	printf 'plain words\n%%\n' >"$T/plain"
	for t in dumb -; do
		what="TERM=$t"
		[ "$t" = - ] && what="TERM unset"
		on_tty "$t" "'$TIP' '$T/plain'"
		ok_if "tip, $what: the tip, no escape" \
		    grep -q 'plain words' "$OUT"
		ok_if "tip, $what: no escape sequence" no_esc
		on_tty "$t" "PROMPT_PATH='$T/pc' '$PROMPT' --no-history"
		ok_if "prompt, $what: a prompt" grep -q 'Prompt' "$OUT"
		ok_if "prompt, $what: no escape sequence" no_esc
		on_tty "$t" "'$JOURNAL' list -f '$J'"
		ok_if "journal list, $what: text" grep -q 'A good talk' "$OUT"
		ok_if "journal list, $what: no escape sequence" no_esc
		on_tty "$t" "'$SCORE' report -f '$J'"
		is_rc 0 "score report, $what: exit 0"
		ok_if "score report, $what: no colour" no_esc
	done
	"$SCORE_BIN" --items | awk -F '\t' '{ print $1 "=1" }' >"$T/answers1"
	"$SCORE" -f "$T/low/journal" --answers "$T/answers1" >/dev/null
	on_tty xterm "'$SCORE' report -f '$T/low/journal'"
	ok_if "score report, TERM=xterm: coloured (so dumb is heeded)" \
	    has_esc
	on_tty dumb "'$SCORE' report -f '$T/low/journal'"
	ok_if "score report, TERM=dumb: the same chart without colour" \
	    no_esc
else
	skip "TERM=dumb and TERM unset" "no script(1) giving a pty"
fi

### Locales: unset, C, POSIX, and tr_TR.UTF-8 missing and present.

# tr_TR has a decimal comma and a dotless i; it is built here when the
# system has its source, so that it is present whatever is installed.
mkdir -p "$T/noloc" "$T/loc"
have_tr=false
if command -v localedef >/dev/null 2>&1 &&
    localedef -i tr_TR -f UTF-8 "$T/loc/tr_TR.UTF-8" >/dev/null 2>&1 &&
    [ "$(LOCPATH=$T/loc LC_ALL=tr_TR.UTF-8 locale decimal_point 2>/dev/null)" \
    = , ]; then
	have_tr=true
fi

# ok_same FILE: exit 0, and stdout was FILE.
ok_same() {
	[ "$RC" -eq 0 ] && same "$1" "$OUT"
}

# What each command does in C.UTF-8, the tests' own locale.
run "$TIP" --seed 3 "$T/col"
cp "$OUT" "$T/ref-tip"
run env PROMPT_PATH="$T/pc" "$PROMPT" --no-history --seed tea
cp "$OUT" "$T/ref-prompt"

for l in unset C POSIX tr-missing tr; do
	case $l in
	unset) set -- env -u LC_ALL ;;
	tr-missing) set -- env -u LC_ALL LOCPATH="$T/noloc" LANG=tr_TR.UTF-8 ;;
	tr) set -- env -u LC_ALL LOCPATH="$T/loc" LANG=tr_TR.UTF-8 ;;
	*) set -- env -u LC_ALL LANG=$l ;;
	esac
	what="LANG=$l"
	case $l in
	unset) what="LANG unset" ;;
	tr-missing) what="LANG=tr_TR.UTF-8, not installed" ;;
	tr) what="LANG=tr_TR.UTF-8"
		if ! $have_tr; then
			skip "$what" "no tr_TR locale source for localedef"
			continue
		fi ;;
	esac
	run "$@" "$TIP" --seed 3 "$T/col"
	ok_if "tip, $what: the same tip, exit 0" ok_same "$T/ref-tip"
	no_err "tip, $what: nothing on stderr"
	run "$@" "$TIP" -i -m LAUGH "$T/col"
	is_rc 0 "tip -i -m, $what: matched"
	run "$@" PROMPT_PATH="$T/pc" "$PROMPT" --no-history --seed tea
	ok_if "prompt, $what: the same prompt, exit 0" ok_same "$T/ref-prompt"
	no_err "prompt, $what: nothing on stderr"
	LJ=$T/l-$l/journal
	run "$@" "$JOURNAL" -f "$LJ" -t Idea -r warmth=4.5 "in $l"
	is_rc 0 "journal, $what: -r warmth=4.5 taken, exit 0"
	no_err "journal, $what: nothing on stderr"
	ok_if "journal, $what: the rating and tag as given" \
	    grep -q '^%%entry .* @Idea warmth=4\.5$' "$LJ"
	run "$@" "$JOURNAL" list -f "$LJ" --format tsv --rating 'warmth>=4.5'
	is_rc 0 "journal list --rating 'warmth>=4.5', $what: found"
	run "$@" "$JOURNAL" list -f "$LJ" --format tsv -t Idea
	is_rc 0 "journal list -t Idea, $what: found"
	run "$@" "$JOURNAL" list -f "$LJ" --format tsv --since 'last monday'
	is_rc 0 "journal list --since 'last monday', $what: found"
	run "$@" "$JOURNAL" stats -f "$LJ"
	ok_if "journal stats, $what: the mean with a point" \
	    grep -q 'warmth *4\.5' "$OUT"
	run "$@" "$JOURNAL" list -f "$LJ" --format jsonl
	like_out '"warmth": ?4\.5' "journal jsonl, $what: a JSON number"
	run "$@" "$SCORE" -f "$LJ" --answers "$T/answers"
	is_rc 0 "score, $what: exit 0"
	run "$@" "$SCORE" report -f "$LJ"
	is_rc 0 "score report, $what: exit 0"
	no_err "score report, $what: nothing on stderr"
	unlike_out '[0-9],[0-9]' "score report, $what: no decimal comma"
done
set --

### Arguments of 100,000 bytes.

B=$(awk 'BEGIN { while (n++ < 100000) printf "a" }')
LJ=$T/long/journal

# not_killed desc: the command ended by itself, with a status of its own.
not_killed() {
	rc_in "0 1 2" "$1 ($RC)"
}

run "$TIP" "$B"
is_rc 2 "tip, a 100 kB category: exit 2"
run "$TIP" -m "$B" "$T/col"
not_killed "tip -m, a 100 kB pattern"
run env TIP_PATH="/$B" "$TIP"
is_rc 0 "tip, a 100 kB TIP_PATH: exit 0"
ok_if "tip, a 100 kB TIP_PATH: a tip" [ -s "$OUT" ]
run env HOME="/$B" "$TIP"
is_rc 0 "tip, a 100 kB HOME: exit 0"
run "$PROMPT" "$B"
is_rc 2 "prompt, a 100 kB category: exit 2"
run "$PROMPT" --no-history -m "$B"
not_killed "prompt -m, a 100 kB pattern"
run env HOME="/$B" "$PROMPT"
is_rc 0 "prompt, a 100 kB HOME: exit 0"
ok_if "prompt, a 100 kB HOME: a prompt" [ -s "$OUT" ]
run "$JOURNAL" -f "$LJ" "$B"
is_rc 0 "journal, a 100 kB entry: exit 0"
run "$JOURNAL" list -f "$LJ" --format raw
ok_if "journal, a 100 kB entry: read back whole" grep -qx "$B" "$OUT"
run "$JOURNAL" -f "$LJ" -t "$B" "tagged"
not_killed "journal -t, a 100 kB tag"
run "$JOURNAL" -f "$LJ" -r "$B=3" "rated"
not_killed "journal -r, a 100 kB rating name"
run "$JOURNAL" check -f "$LJ"
is_rc 0 "journal, after 100 kB arguments: checks clean"
run "$JOURNAL" -f "/$B" "text"
is_rc 2 "journal -f, a 100 kB path: exit 2"
run "$JOURNAL" list -f "$LJ" -g "$B"
not_killed "journal list -g, a 100 kB pattern"
run "$JOURNAL" -f "$LJ" -d "$B" "text"
is_rc 2 "journal -d, a 100 kB date: exit 2"
run "$JOURNAL" show -f "$LJ" "$B"
not_killed "journal show, a 100 kB id"
run env JOURNAL_NOW="$B" "$JOURNAL" -f "$LJ" "text"
is_rc 2 "journal, a 100 kB JOURNAL_NOW: exit 2"
run "$SCORE" report -f "/$B"
is_rc 2 "score report -f, a 100 kB path: exit 2"
run "$SCORE" report -f "$J" --since "$B"
is_rc 2 "score report --since, a 100 kB date: exit 2"
run "$SCORE" -i "/$B" --items
is_rc 2 "score -i, a 100 kB path: exit 2"
printf '%s=3\n' "$B" >"$T/long-answers"
run "$SCORE" -n --answers "$T/long-answers"
is_rc 2 "score, an answer line of 100 kB: exit 2"

### The editor.

# An editor that says how it was run and on what, then appends a line
# (or ED_TEXT) and exits ED_EXIT; ED_RUN runs first.
mkdir -p "$T/edlog" "$T/my bin" "$T/vibin" "$T/nobin"
cat >"$T/my bin/ed it" <<'EOF'
#!/bin/sh
for f; do :; done
printf '%s\n' "$0" "$@" >"$ED_LOG/args"
printf '%s\n' "$f" >"$ED_LOG/file"
stat -c %a "$f" >"$ED_LOG/fmode"
stat -c %a "$(dirname "$f")" >"$ED_LOG/dmode"
[ -n "$ED_RUN" ] && sh -c "$ED_RUN"
printf '%s\n' "${ED_TEXT-Edited}" >>"$f"
exit "${ED_EXIT:-0}"
EOF
chmod 755 "$T/my bin/ed it"
cp "$T/my bin/ed it" "$T/vibin/vi"
cp "$T/my bin/ed it" "$T/vibin/sensible-editor"
ED="'$T/my bin/ed it'"
ED_LOG=$T/edlog
export ED_LOG
EJ=$T/ed/journal
"$JOURNAL" -f "$EJ" -d 2026-11-20T08:00 "first words"
eid=$("$JOURNAL" list -f "$EJ" --format tsv | cut -f1)

# no_edit_dir: no editor directory is left beside the journal.
no_edit_dir() {
	! ls -a "$T/ed" | grep -q '^\.journal-edit\.'
}

rm -f "$ED_LOG"/*
run env EDITOR="$ED --flag" "$JOURNAL" edit -f "$EJ" "$eid"
is_rc 0 "EDITOR with an argument: exit 0"
ok_if "EDITOR with an argument: the editor had it" \
    [ "$(sed -n 2p "$ED_LOG/args")" = --flag ]
ok_if "EDITOR with a space in its path, quoted: that editor ran" \
    [ "$(head -n 1 "$ED_LOG/args")" = "$T/my bin/ed it" ]
ok_if "the editor's file is beside the journal" \
    [ "$(dirname "$(dirname "$(cat "$ED_LOG/file")")")" = "$T/ed" ]
eid=$("$JOURNAL" list -f "$EJ" --format tsv | cut -f1)

cp "$EJ" "$T/ed-before"
run env EDITOR="$T/my bin/ed it" "$JOURNAL" edit -f "$EJ" "$eid"
is_rc 2 "EDITOR with a space in its path, unquoted: run by sh, exit 2"
ok_if "EDITOR unquoted: nothing written" same "$T/ed-before" "$EJ"
run env EDITOR="$T/no/such/editor" "$JOURNAL" edit -f "$EJ" "$eid"
is_rc 2 "EDITOR missing: exit 2"
like_err 'editor' "EDITOR missing: says the editor failed"
ok_if "EDITOR missing: at most two lines on stderr" [ "$(err_lines)" -le 2 ]
ok_if "EDITOR missing: nothing written" same "$T/ed-before" "$EJ"
ok_if "EDITOR missing: no editor directory left" no_edit_dir
run env EDITOR="$ED" ED_EXIT=3 "$JOURNAL" edit -f "$EJ" "$eid"
is_rc 2 "EDITOR failing after writing: exit 2"
ok_if "EDITOR failing: nothing written" same "$T/ed-before" "$EJ"
ok_if "EDITOR failing: no editor directory left" no_edit_dir
run env EDITOR="$ED" ED_RUN='kill -KILL $PPID' "$JOURNAL" edit -f "$EJ" \
    "$eid"
is_rc 2 "EDITOR killed by a signal: exit 2"
ok_if "EDITOR killed: nothing written" same "$T/ed-before" "$EJ"
ok_if "EDITOR killed: no editor directory left" no_edit_dir
rm -f "$ED_LOG"/*
run env -u VISUAL -u EDITOR PATH="$T/vibin:/usr/bin:/bin" "$JOURNAL" edit \
    -f "$EJ" "$eid"
is_rc 0 "VISUAL and EDITOR unset: exit 0"
ok_if "VISUAL and EDITOR unset: sensible-editor is run, first in PATH" \
    [ "$(head -n 1 "$ED_LOG/args")" = "$T/vibin/sensible-editor" ]
eid=$("$JOURNAL" list -f "$EJ" --format tsv | cut -f1)
cp "$EJ" "$T/ed-before"
run env VISUAL= EDITOR= PATH="$T/nobin" "$JOURNAL" edit -f "$EJ" "$eid"
is_rc 2 "no editor at all: exit 2"
ok_if "no editor at all: nothing written" same "$T/ed-before" "$EJ"
ok_if "no editor at all: no editor directory left" no_edit_dir
if $have_tty; then
	cp "$EJ" "$T/ed-before"
	SHELL=/bin/sh script -qec "printf 'Some context\n' |
	    EDITOR='$T/no/such/editor' '$JOURNAL' -f '$EJ' -e \
	    >'$OUT' 2>'$ERR'" /dev/null </dev/null >/dev/null 2>&1
	RC=$?
	is_rc 2 "journal -e, EDITOR missing: exit 2"
	ok_if "journal -e, EDITOR missing: nothing written" \
	    same "$T/ed-before" "$EJ"
else
	skip "journal -e, EDITOR missing" "no script(1) giving a pty"
fi

### Journals and histories that another user owns or may write.

# A group or others may write: refused, with the fix, as ssh refuses a
# key; group read is the user's choice and is kept.
MJ=$T/m/journal
"$JOURNAL" -f "$MJ" -d 2026-11-20T08:00 "mine"
"$SCORE" -f "$MJ" --answers "$T/answers" >/dev/null
cp "$MJ" "$T/m-before"
for m in 660 620 606 666; do
	cp "$T/m-before" "$MJ"
	chmod "$m" "$MJ"
	run "$JOURNAL" -f "$MJ" "more"
	is_rc 2 "journal mode $m: writing refused, exit 2"
	like_err "$MJ" "journal mode $m: the message names it"
	like_err 'chmod' "journal mode $m: the message says how to fix it"
	ok_if "journal mode $m: unchanged" same "$T/m-before" "$MJ"
done
run "$JOURNAL" list -f "$MJ"
is_rc 2 "journal mode 666: list refused, exit 2"
no_out "journal mode 666: nothing listed"
run "$SCORE" -f "$MJ" --answers "$T/answers"
is_rc 2 "journal mode 666: score refuses to save, exit 2"
like_err 'chmod' "journal mode 666: score says how to fix it"
run "$SCORE" report -f "$MJ"
is_rc 2 "journal mode 666: score report refused, exit 2"
ok_if "journal mode 666: still unchanged" same "$T/m-before" "$MJ"
chmod 640 "$MJ"
run "$JOURNAL" -f "$MJ" "group may read"
is_rc 0 "journal mode 640: accepted, exit 0"
chmod 600 "$MJ"

if [ "$(id -u)" -eq 0 ] && chown nobody "$MJ" 2>/dev/null; then
	cp "$MJ" "$T/m-before"
	run "$JOURNAL" -f "$MJ" "not mine"
	is_rc 2 "journal of another user: writing refused, exit 2"
	like_err "$MJ" "journal of another user: named"
	like_err 'own' "journal of another user: says whose it is"
	ok_if "journal of another user: unchanged" same "$T/m-before" "$MJ"
	run "$JOURNAL" list -f "$MJ"
	is_rc 2 "journal of another user: list refused, exit 2"
	run "$SCORE" -f "$MJ" --answers "$T/answers"
	is_rc 2 "journal of another user: score refuses to save, exit 2"
	chown 0 "$MJ"
else
	skip "journal of another user" "not root"
fi

SM=$T/sm
mkdir -p "$SM/rapport"
printf '%08x\n' 1 2 >"$SM/rapport/prompt-history"
for m in 660 606; do
	chmod "$m" "$SM/rapport/prompt-history"
	cp "$SM/rapport/prompt-history" "$T/sm-before"
	run env XDG_STATE_HOME="$SM" PROMPT_PATH="$T/pc" "$PROMPT"
	is_rc 0 "history mode $m: a prompt all the same, exit 0"
	ok_if "history mode $m: one warning" [ "$(err_lines)" -eq 1 ]
	like_err 'prompt-history.*chmod|chmod.*prompt-history' \
	    "history mode $m: the warning names it and how to fix it"
	ok_if "history mode $m: not used" \
	    same "$T/sm-before" "$SM/rapport/prompt-history"
done
chmod 600 "$SM/rapport/prompt-history"
if [ "$(id -u)" -eq 0 ]; then
	chown nobody "$SM/rapport/prompt-history"
	run env XDG_STATE_HOME="$SM" PROMPT_PATH="$T/pc" "$PROMPT"
	is_rc 0 "history of another user: a prompt all the same, exit 0"
	like_err 'prompt-history' "history of another user: a warning naming it"
	ok_if "history of another user: not used" \
	    same "$T/sm-before" "$SM/rapport/prompt-history"
	chown 0 "$SM/rapport/prompt-history"
else
	skip "history of another user" "not root"
fi

### Privacy: modes whatever the umask.

U=$T/um
mkdir -p "$U"
(umask 000 && XDG_STATE_HOME="$U/state" PROMPT_PATH="$T/pc" "$PROMPT") \
    >/dev/null 2>&1
ok_if "umask 000: the history is 0600" \
    [ "$(mode_of "$U/state/rapport/prompt-history")" = 600 ]
ok_if "umask 000: the state directories made are 0700" \
    [ "$(mode_of "$U/state")" = 700 -a "$(mode_of "$U/state/rapport")" = 700 ]
(umask 000 && "$SCORE" -f "$U/s/j/journal" --answers "$T/answers") \
    >/dev/null 2>&1
ok_if "umask 000: score's new journal is 0600, its lock too" \
    [ "$(mode_of "$U/s/j/journal")" = 600 -a \
    "$(mode_of "$U/s/j/journal.lock")" = 600 ]
ok_if "umask 000: score's directories are 0700" \
    [ "$(mode_of "$U/s")" = 700 -a "$(mode_of "$U/s/j")" = 700 ]
UJ=$U/j/journal
"$JOURNAL" -f "$UJ" -d 2026-11-20T08:00 "private words"
uid=$("$JOURNAL" list -f "$UJ" --format tsv | cut -f1)
rm -f "$ED_LOG"/*
(umask 000 && EDITOR="$ED" "$JOURNAL" edit -f "$UJ" "$uid") >/dev/null 2>&1
ok_if "umask 000: the editor's file is 0600" \
    [ "$(cat "$ED_LOG/fmode")" = 600 ]
ok_if "umask 000: the editor's directory is 0700" \
    [ "$(cat "$ED_LOG/dmode")" = 700 ]
uid=$("$JOURNAL" list -f "$UJ" --format tsv | cut -f1)
(umask 000 && EDITOR="$ED" ED_RUN="'$JOURNAL' delete -y -f '$UJ' $uid" \
    "$JOURNAL" edit -f "$UJ" "$uid") >/dev/null 2>&1
ok_if "umask 000: the text kept of a refused edit is 0600" \
    [ "$(mode_of "$UJ.edit-$uid")" = 600 ]
printf 'stray line\n' >>"$UJ"
(umask 000 && "$JOURNAL" check -f "$UJ" --repair) >/dev/null 2>&1
ok_if "umask 000: check --repair's side file is 0600" \
    [ "$(mode_of "$UJ.rejected")" = 600 ]
ok_if "umask 000: the repaired journal is 0600" [ "$(mode_of "$UJ")" = 600 ]
(umask 000 && "$JOURNAL" compact -f "$UJ") >/dev/null 2>&1
ok_if "umask 000: the compacted journal is 0600" [ "$(mode_of "$UJ")" = 600 ]
printf '[2026-11-01 09:30] Imported.\n' >"$T/um.jrnl"
(umask 000 && "$JOURNAL" import -f "$U/i/journal" --from jrnl "$T/um.jrnl") \
    >/dev/null 2>&1
ok_if "umask 000: an imported journal is 0600" \
    [ "$(mode_of "$U/i/journal")" = 600 ]
(umask 000 && "$JOURNAL" merge -f "$U/g/journal" "$J") >/dev/null 2>&1
ok_if "umask 000: a merged-into journal is 0600" \
    [ "$(mode_of "$U/g/journal")" = 600 ]

### Privacy: no entry text in a message.

# A journal damaged in every way journal(5) names, each damage holding
# the secret word; messages give a file and a line, never the text.
S=swordfish
DJ=$T/dmg/journal
mkdir -p "$T/dmg"
"$JOURNAL" -f "$DJ" -d 2026-11-01T10:00 "clean entry"
"$JOURNAL" -f "$DJ" -d 2026-11-02T10:00 -t "$S" "the $S entry"
"$JOURNAL" -f "$DJ" -d 2026-11-03T10:00 "crc $S"
sed -i "s/^crc $S\$/crc ${S}X/" "$DJ"
{
	printf 'a stray line with %s\n' "$S"
	printf '%%%%entry 2026-11-04T10:00:00Z utf8000004\n%s\377\n' "$S"
	printf '%%%%end utf8000004 10 00000000\n'
	printf '%%%%entry not-a-date badhdr0005 @%s\n%s\n' "$S" "$S"
	printf '%%%%end badhdr0005 10 00000000\n'
	printf '%%%%entry 2026-11-06T10:00:00Z esc0000006\n\\%s\n' "$S"
	printf '%%%%end esc0000006 10 00000000\n'
	printf '%%%%entry 2026-11-07T10:00:00Z torn000007\nhalf %s' "$S"
} >>"$DJ"
cp "$DJ" "$T/dmg-orig"
for a in "list" "list --format jsonl" "tags" "stats" "check" \
    "export --format markdown" "show torn000007" "show badhdr0005"; do
	run "$JOURNAL" $a -f "$DJ"
	ok_if "damaged journal, journal $a: no entry text on stderr" \
	    lacks "$ERR" "$S"
done
run "$JOURNAL" check -f "$DJ"
is_rc 1 "damaged journal, check: problems found, exit 1"
ok_if "damaged journal, check: no entry text in its report" \
    lacks "$OUT" "$S"
like_out "^$DJ:[0-9]+: " "damaged journal, check: FILE:LINE: problems"
run "$JOURNAL" -f "$DJ" "appended"
ok_if "damaged journal, appending: no entry text on stderr" lacks "$ERR" "$S"
run "$SCORE" report -f "$DJ"
ok_if "damaged journal, score report: no entry text on stderr" \
    lacks "$ERR" "$S"
run "$JOURNAL" check -f "$DJ" --repair
ok_if "damaged journal, check --repair: no entry text on stderr" \
    lacks "$ERR" "$S"
ok_if "damaged journal, check --repair: no entry text in its report" \
    lacks "$OUT" "$S"

### Privacy: temporary files beside the journal, never in a shared one.

SHD=$T/shared
mkdir -p "$SHD"
chmod 1777 "$SHD"
TJ=$T/tmpj/journal
"$JOURNAL" -f "$TJ" -d 2026-11-20T08:00 "to be edited"
tid=$("$JOURNAL" list -f "$TJ" --format tsv | cut -f1)
rm -f "$ED_LOG"/*
run env TMPDIR="$SHD" EDITOR="$ED" "$JOURNAL" edit -f "$TJ" "$tid"
is_rc 0 "TMPDIR shared: edit, exit 0"
d="edit: the editor's file in the journal's directory"
case $(cat "$ED_LOG/file") in
"$T/tmpj/.journal-edit."*/*) pass "$d" ;;
*) fail "$d" "it was $(cat "$ED_LOG/file")" ;;
esac
printf 'stray\n' >>"$TJ"
run env TMPDIR="$SHD" "$JOURNAL" check -f "$TJ" --repair
run env TMPDIR="$SHD" "$JOURNAL" compact -f "$TJ"
run env TMPDIR="$SHD" "$JOURNAL" merge -f "$TJ" "$J"
run env TMPDIR="$SHD" "$JOURNAL" import -f "$TJ" --from jrnl "$T/um.jrnl"
run env TMPDIR="$SHD" "$SCORE" -f "$TJ" --answers "$T/answers"
mkdir -p "$T/fullh/rapport"
awk 'BEGIN { for (i = 0; i < 8192; i++) printf "%08x\n", i }' \
    >"$T/fullh/rapport/prompt-history"
run env TMPDIR="$SHD" XDG_STATE_HOME="$T/fullh" PROMPT_PATH="$T/pc" \
    "$PROMPT"
ok_if "TMPDIR shared: nothing left by edit, repair, compact, merge," \
    empty_dir "$SHD"
ok_if "TMPDIR shared: ... import, score or a history compacted" \
    empty_dir "$SHD"

### Privacy: tip, prompt and score report write nothing but their
### output and their state.

F=$T/fr
mkdir -p "$F/home" "$F/data/rapport" "$F/state" "$F/config" "$F/cwd" \
    "$F/tmp"
cp "$J" "$F/data/rapport/journal"
: >"$F/data/rapport/journal.lock"
chmod 600 "$F/data/rapport/journal" "$F/data/rapport/journal.lock"

# fresh command...: run in the fresh tree; $T/new lists what appeared
# or changed there.
fresh() {
	find "$F" | sort >"$T/fr-before"
	touch "$T/fr-stamp"
	in_dir "$F/cwd" env HOME="$F/home" XDG_DATA_HOME="$F/data" \
	    XDG_STATE_HOME="$F/state" XDG_CONFIG_HOME="$F/config" \
	    TMPDIR="$F/tmp" "$@"
	find "$F" | sort | comm -13 "$T/fr-before" - >"$T/new"
	find "$F" -newer "$T/fr-stamp" ! -type d >>"$T/new"
}

for a in "" "-c" "-f" "-m Laugh" "--daily 2026-11-25"; do
	fresh "$TIP" $a
	ok_if "tip $a: writes no file" [ ! -s "$T/new" ]
done
fresh "$PROMPT" --no-history
ok_if "prompt --no-history: writes no file" [ ! -s "$T/new" ]
fresh "$PROMPT"
printf '%s\n' "$F/state/rapport" "$F/state/rapport/prompt-history" \
    "$F/state/rapport/prompt-history" >"$T/want"
ok_if "prompt: writes its history and nothing else" same "$T/want" "$T/new"
for a in "report" "report --format json" "--items" "--weakest"; do
	fresh "$SCORE" $a
	ok_if "score $a: writes no file" [ ! -s "$T/new" ]
done
fresh "$JOURNAL" list
ok_if "journal list: writes no file" [ ! -s "$T/new" ]

finish
