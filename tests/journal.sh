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

# journal.sh: the built journal as a user runs it: writing from arguments,
# stdin and the editor, where the journal lives and with what modes, files
# that are not journals, listing with every filter and date form, show,
# tags, stats, delete, edit, compact, check and repair, merge, import and
# export, with stdout, stderr and the exit status checked.  Every journal
# lives under $T, "now" is pinned with JOURNAL_NOW and the zone with TZ.
# Expected timestamps, weeks, means, CRC-32s (zlib's, computed once with
# Python) and escapes are worked out by hand from journal(5)'s rules.

. "$top_srcdir/tests/lib.sh"

XDG_DATA_HOME=$T/data
XDG_STATE_HOME=$T/state
TZ=UTC0
JOURNAL_NOW=2026-11-25T12:00:00Z
ED_LOG=$T/edlog
export XDG_DATA_HOME XDG_STATE_HOME TZ JOURNAL_NOW ED_LOG
unset JOURNAL_FILE VISUAL EDITOR PROMPT_PATH ED_MODE ED_TEXT ED_EXIT ED_RUN
mkdir -p "$ED_LOG" "$T/bin"

PY=
if command -v python3 >/dev/null 2>&1 && python3 -c 'import json' \
    2>/dev/null; then
	PY=python3
fi

# jl MODE ARGS...: whether the json lines on stdout, read by Python, hold:
#	bodies FILE...		the bodies are the bytes of the files
#	texts JSON...		the bodies are these json strings
#	allday N		all_day just for date-only ts, N of them
#	fields N		N objects, each with every field
#	first KEY JSON ...	the first object's fields have these values
cat >"$T/jl.py" <<'EOF'
import json, sys
mode, path, args = sys.argv[1], sys.argv[2], sys.argv[3:]
try:
    e = [json.loads(l) for l in open(path, encoding="utf-8")]
except ValueError:
    sys.exit(1)
if mode == "bodies":
    ok = [x["body"].encode("utf-8") for x in e] == \
        [open(f, "rb").read() for f in args]
elif mode == "texts":
    ok = [x["body"] for x in e] == [json.loads(a) for a in args]
elif mode == "allday":
    ok = all(x["all_day"] == (len(x["ts"]) == 10) for x in e) and \
        sum(x["all_day"] for x in e) == int(args[0])
elif mode == "fields":
    keys = {"id", "ts", "all_day", "starred", "tags", "ratings", "body"}
    ok = len(e) == int(args[0]) and all(keys <= set(x) for x in e)
else:
    ok = len(e) > 0 and all(e[0].get(args[i]) == json.loads(args[i + 1])
        for i in range(0, len(args), 2))
sys.exit(not ok)
EOF
jl() {
	_m=$1
	shift
	$PY "$T/jl.py" "$_m" "$OUT" "$@"
}

# run_pipe FILE command...: run with the bytes of FILE on stdin, a pipe.
run_pipe() {
	_f=$1
	shift
	cat "$_f" | "$@" >"$OUT" 2>"$ERR"
	RC=$?
}

# out_is TEXT: stdout is exactly TEXT (given with printf escapes).
out_is() {
	printf "$1" >"$T/want"
	cmp -s "$T/want" "$OUT"
}

# The bodies of the tsv lines on stdout, each without its final \n,
# joined by |.
bodies() {
	awk -F '\t' '{ b = $6; sub(/\\n$/, "", b)
	    printf "%s%s", (NR > 1 ? "|" : ""), b } END { print "" }' "$OUT"
}

# is_bodies WANT desc: stdout, a tsv listing, holds those bodies in order.
is_bodies() {
	_got=$(bodies)
	if [ "$_got" = "$1" ]; then
		pass "$2"
	else
		fail "$2" "expected bodies: $1" "got: $_got"
	fi
}

# lst FILE args...: list FILE as tsv.
lst() {
	_f=$1
	shift
	run "$JOURNAL" list -f "$_f" --format tsv "$@"
}

# tsv_line N WANT: line N of stdout, without its id, is WANT, whose |
# stand for tabs.
tsv_line() {
	_got=$(sed -n "${1}p" "$OUT" | cut -f2-)
	_want=$(printf '%s\n' "$2" | tr '|' '\t')
	[ "$_got" = "$_want" ]
}

# id_of FILE N: the id of the Nth entry of FILE in timestamp order.
id_of() {
	"$JOURNAL" list -f "$1" --format tsv | sed -n "${2}p" | cut -f1
}

# no_edit_dir DIR: the editor's private directory is gone from DIR.
no_edit_dir() {
	! ls -a "$1" | grep -q '^\.journal-edit\.'
}

# holds desc: the command list just run succeeded.
holds() {
	_rc=$?
	if [ "$_rc" -eq 0 ]; then pass "$1"; else fail "$1"; fi
}

# same FILE1 FILE2: byte for byte.
same() {
	cmp -s "$1" "$2"
}

entries_in() {
	grep -c '^%%entry ' "$1"
}

# wait_for FILE: up to ten seconds for FILE to exist and hold something.
wait_for() {
	_i=0
	while [ ! -s "$1" ] && [ "$_i" -lt 200 ]; do
		sleep 0.05
		_i=$((_i + 1))
	done
	[ -s "$1" ]
}

# A fake editor: says how it was called, on what file in what directory
# and with what input, runs ED_RUN, then changes its file as ED_MODE says
# (append, replace, bare: replace with no final newline, or none) and
# exits with ED_EXIT.
cat >"$T/bin/ed.sh" <<'EOF'
#!/bin/sh
for f; do :; done
printf '%s\n' "$0" "$@" >"$ED_LOG/args"
stat -c %a "$f" >"$ED_LOG/fmode"
stat -c %a "$(dirname "$f")" >"$ED_LOG/dmode"
cp "$f" "$ED_LOG/template"
if [ -t 0 ]; then echo tty; else echo notty; fi >"$ED_LOG/stdin"
if [ -n "$ED_RUN" ]; then
	sh -c "$ED_RUN" >"$ED_LOG/run.out" 2>&1
	echo $? >"$ED_LOG/run.rc"
fi
case ${ED_MODE:-append} in
append)	printf '%s\n' "${ED_TEXT-Written in the editor}" >>"$f" ;;
replace) printf '%s\n' "${ED_TEXT-Written in the editor}" >"$f" ;;
bare)	printf '%s' "${ED_TEXT-Written in the editor}" >"$f" ;;
esac
exit "${ED_EXIT:-0}"
EOF
# An editor that takes its time, to be interrupted.
cat >"$T/bin/slow.sh" <<'EOF'
#!/bin/sh
echo $$ >"$ED_LOG/pid"
exec sleep 30
EOF
chmod 755 "$T/bin/ed.sh" "$T/bin/slow.sh"
ED=$T/bin/ed.sh

# A pseudo-terminal, for the editor on a terminal and for -e.
have_tty=false
if command -v script >/dev/null 2>&1 &&
    SHELL=/bin/sh script -qec true /dev/null </dev/null >/dev/null 2>&1; then
	have_tty=true
fi

# tty_run CMDLINE: run a shell command line on a pseudo-terminal, its
# stdout and stderr kept in $OUT and $ERR.
tty_run() {
	SHELL=/bin/sh script -qec "$1 >'$OUT' 2>'$ERR'" /dev/null \
	    </dev/null >/dev/null 2>&1
	RC=$?
}

# --- Writing from the arguments.

JF=$T/w/journal
run "$JOURNAL" -f "$JF" -t talk -r listen=4 "We put the phones away"
is_rc 0 "arguments: exit 0"
no_out "arguments: nothing on stdout"
no_err "arguments: nothing on stderr"
ok_if "arguments: the file starts with its version line" \
    [ "$(head -n 1 "$JF")" = "%%journal 1" ]
ok_if "arguments: header with now, an id, the tag and the rating" \
    grep -Eqx '%%entry 2026-11-25T12:00:00Z [0-9a-z]{8,16} @talk listen=4' \
    "$JF"
# "We put the phones away\n": 23 bytes.
ok_if "arguments: the end line has the id and the body's length" \
    grep -Eqx '%%end [0-9a-z]{8,16} 23 [0-9a-f]{8}' "$JF"
lst "$JF"
ok_if "arguments: read back as written" \
    tsv_line 1 "2026-11-25T12:00:00Z|0|talk|listen=4|We put the phones away\\n"

run "$JOURNAL" -f "$JF" -s -t @Home -t home -t Home -r warmth=4.5 \
    -r conflict=-1 two words
is_rc 0 "-s, tags given thrice, two ratings: exit 0"
ok_if "-s: a star, the tag once, ratings in order, words joined" \
    grep -Eqx '%%entry 2026-11-25T12:00:00Z [0-9a-z]{8,16} \* '\
'@Home @home warmth=4\.5 conflict=-1' "$JF"

# --- Writing from stdin: the bytes exactly.

printf 'one\ntwo' >"$T/b1"
printf 'a\r\nb\r\n' >"$T/b2"
printf '%%%%end xyz 3 00000000\n%%%%entry 2026\n' >"$T/b3"
printf '\\back\n\\\\two\n%%%%#note\n%%%%delete x\n' >>"$T/b3"
printf '  lead\ttab  \n\n\n' >"$T/b4"
printf 'caf\303\251 \346\204\233\n' >"$T/b5"
RJ=$T/rt/journal
bad=0
for i in 1 2 3 4 5; do
	run_pipe "$T/b$i" "$JOURNAL" -f "$RJ"
	[ "$RC" -eq 0 ] && [ ! -s "$OUT" ] && [ ! -s "$ERR" ] || bad=1
done
ok_if "stdin: five awkward bodies written, exit 0, silent" [ "$bad" -eq 0 ]
lst "$RJ"
cat >"$T/want-rt" <<'EOF'
one\ntwo
a\r\nb\r\n
%%end xyz 3 00000000\n%%entry 2026\n\\back\n\\\\two\n%%#note\n%%delete x\n
  lead\ttab  \n\n\n
café 愛\n
EOF
cut -f6 "$OUT" >"$T/got-rt"
ok_if "stdin: every body read back byte for byte (tsv)" \
    same "$T/want-rt" "$T/got-rt"
# 'one\ntwo' is 7 bytes; its CRC-32 is 0288c675.
ok_if "stdin: no final newline: length 7 and the CRC-32 of the bytes" \
    grep -Eqx '%%end [0-9a-z]{8,16} 7 0288c675' "$RJ"
ok_if "stdin: lines like %%end and %%entry are escaped on disk" \
    grep -qx '\\%%end xyz 3 00000000' "$RJ"
ok_if "stdin: a line starting with a backslash gets one more" \
    grep -qx '\\\\\\two' "$RJ"
ok_if "stdin: no body line is structural on disk" \
    [ "$(grep -c '^%%end xyz' "$RJ")" -eq 0 ]
if [ -n "$PY" ]; then
	run "$JOURNAL" list -f "$RJ" --format jsonl
	ok_if "stdin: every body read back byte for byte (jsonl)" \
	    jl bodies "$T/b1" "$T/b2" "$T/b3" "$T/b4" "$T/b5"
else
	skip "stdin: every body read back byte for byte (jsonl)" "no python3"
fi
run "$JOURNAL" list -f "$RJ" --format raw
tail -n +2 "$RJ" >"$T/want"
ok_if "stdin: raw listing is the file's records, byte for byte" \
    same "$T/want" "$OUT"

cp "$RJ" "$T/rt-before"
printf 'caf\377\n' >"$T/b6"
run_pipe "$T/b6" "$JOURNAL" -f "$RJ"
is_rc 2 "invalid UTF-8 on stdin: exit 2"
like_err "nothing was written" \
    "invalid UTF-8 on stdin: says nothing was written"
ok_if "invalid UTF-8 on stdin: the journal is unchanged" \
    same "$T/rt-before" "$RJ"

# --- Dates of new entries.

DW=$T/dw/journal
run "$JOURNAL" -f "$DW" -d yesterday "yesterday's"
is_rc 0 "-d yesterday: exit 0"
run "$JOURNAL" -f "$DW" -d 2026-11-01 "all day"
run "$JOURNAL" -f "$DW" -d 2026-11-01T20:30 "half past eight"
run "$JOURNAL" -f "$DW" -d '2026-11-02 07:05:09' "with seconds"
run "$JOURNAL" -f "$DW" -d 2026-11-03T10:00:00+01:00 "with an offset"
run "$JOURNAL" -f "$DW" -d '3 days ago' "three days ago"
ok_if "-d yesterday: an all-day entry on 2026-11-24" \
    grep -Eqx '%%entry 2026-11-24 [0-9a-z]{8,16}' "$DW"
ok_if "-d 2026-11-01: an all-day entry" \
    grep -Eqx '%%entry 2026-11-01 [0-9a-z]{8,16}' "$DW"
ok_if "-d 2026-11-01T20:30: that minute, local time (UTC)" \
    grep -Eqx '%%entry 2026-11-01T20:30:00Z [0-9a-z]{8,16}' "$DW"
ok_if "-d '2026-11-02 07:05:09': a blank for the T" \
    grep -Eqx '%%entry 2026-11-02T07:05:09Z [0-9a-z]{8,16}' "$DW"
ok_if "-d with +01:00: the same instant in local time" \
    grep -Eqx '%%entry 2026-11-03T09:00:00Z [0-9a-z]{8,16}' "$DW"
ok_if "-d '3 days ago': 2026-11-22" \
    grep -Eqx '%%entry 2026-11-22 [0-9a-z]{8,16}' "$DW"
if [ -n "$PY" ]; then
	run "$JOURNAL" list -f "$DW" --format jsonl
	ok_if "-d: all_day in jsonl only for the date-only entries" \
	    jl allday 3
else
	skip "-d: all_day in jsonl only for the date-only entries" "no python3"
fi

run env TZ=CET-1 "$JOURNAL" -f "$DW" "in Paris"
ok_if "TZ=CET-1: now written with its +01:00 offset" \
    grep -Eqx '%%entry 2026-11-25T13:00:00\+01:00 [0-9a-z]{8,16}' "$DW"
run env TZ=CET-1 "$JOURNAL" -f "$DW" -d 2026-11-01T20:30 "Paris evening"
ok_if "TZ=CET-1, -d 2026-11-01T20:30: local time with its offset" \
    grep -Eqx '%%entry 2026-11-01T20:30:00\+01:00 [0-9a-z]{8,16}' "$DW"
run env JOURNAL_NOW=2026-11-25 "$JOURNAL" -f "$DW" "noon"
ok_if "JOURNAL_NOW as a date: that day's local noon" \
    [ "$(grep -c '^%%entry 2026-11-25T12:00:00Z ' "$DW")" -eq 1 ]

# The grammar in lib/when.c: YYYY-MM-DDThh:mm[:ss][Z|+hh:mm].
run "$JOURNAL" -f "$DW" -d 2026-11-04T20:30Z "minutes and Z"
is_rc 0 "-d 2026-11-04T20:30Z: exit 0"
ok_if "-d 2026-11-04T20:30Z: that instant" \
    grep -Eqx '%%entry 2026-11-04T20:30:00Z [0-9a-z]{8,16}' "$DW"
run "$JOURNAL" -f "$DW" -d 2026-11-05T20:30+01:00 "minutes and an offset"
is_rc 0 "-d 2026-11-05T20:30+01:00: exit 0"
ok_if "-d 2026-11-05T20:30+01:00: that instant" \
    grep -Eqx '%%entry 2026-11-05T19:30:00Z [0-9a-z]{8,16}' "$DW"

cp "$DW" "$T/dw-before"
for d in blorp 2026-02-30 2026-11-01T24:00 'next tuesday' '-1d' '3 weeks'; do
	run "$JOURNAL" -f "$DW" -d "$d" text
	[ "$RC" -eq 2 ] && [ ! -s "$OUT" ] && grep -qF -- "$d" "$ERR" &&
	    same "$T/dw-before" "$DW"
	ok_if "-d '$d': exit 2, named, nothing written" [ $? -eq 0 ]
done
run env JOURNAL_NOW=sometime "$JOURNAL" -f "$DW" text
is_rc 2 "bad JOURNAL_NOW: exit 2"
like_err "sometime" "bad JOURNAL_NOW: the message names it"
ok_if "bad JOURNAL_NOW: nothing written" same "$T/dw-before" "$DW"

# --- Bad tags and ratings, empty text.

cp "$JF" "$T/w-before"
for a in "-t|a b" "-t|@" "-t|semi;colon" "-r|listen=high" "-r|Listen=3" \
    "-r|supersedes=x" "-r|supersedes=1" "-r|prompt=1" "-r|listen" \
    "-r|listen=1e3" "-r|=3"; do
	o=${a%%|*}
	v=${a#*|}
	run "$JOURNAL" -f "$JF" "$o" "$v" text
	[ "$RC" -eq 2 ] && [ ! -s "$OUT" ] && same "$T/w-before" "$JF" &&
	    grep -qF -- "${v#@}" "$ERR"
	ok_if "$o '$v': exit 2, named, nothing written" [ $? -eq 0 ]
done
run "$JOURNAL" -f "$JF" -r listen=1 -r listen=2 text
is_rc 2 "a rating given twice: exit 2"
like_err "listen" "a rating given twice: the message names it"
ok_if "a rating given twice: nothing written" same "$T/w-before" "$JF"

NJ=$T/empty/journal
run "$JOURNAL" -f "$NJ" ""
is_rc 1 "empty argument: exit 1"
like_err "nothing was written" "empty argument: says nothing was written"
ok_if "empty argument: no journal created" [ ! -e "$NJ" ]
run_stdin "$(printf ' \n\t\r\n')" "$JOURNAL" -f "$NJ"
is_rc 1 "blank stdin: exit 1"
like_err "nothing was written" "blank stdin: says nothing was written"
ok_if "blank stdin: no journal created" [ ! -e "$NJ" ]
run "$JOURNAL" -f "$JF"
is_rc 1 "stdin /dev/null: exit 1"
ok_if "stdin /dev/null: the journal is unchanged" same "$T/w-before" "$JF"

# --- Where the journal is, and its modes.

mkdir -p "$T/u"
(umask 000 && "$JOURNAL" -f "$T/u/a/b/journal" private) >"$OUT" 2>"$ERR"
RC=$?
is_rc 0 "umask 000: exit 0"
ok_if "umask 000: the journal is 0600" \
    [ "$(stat -c %a "$T/u/a/b/journal")" = 600 ]
[ "$(stat -c %a "$T/u/a")" = 700 ] && [ "$(stat -c %a "$T/u/a/b")" = 700 ]
holds "umask 000: the directories made are 0700"
ok_if "umask 000: the lock is 0600" \
    [ "$(stat -c '%a' "$T/u/a/b/journal.lock")" = 600 ]

mkdir -p "$T/p"
run env JOURNAL_FILE="$T/p/env" "$JOURNAL" -f "$T/p/flag" flagged
[ -f "$T/p/flag" ] && [ ! -e "$T/p/env" ]
holds "-f beats JOURNAL_FILE"
run env JOURNAL_FILE="$T/p/env" "$JOURNAL" from the environment
ok_if "JOURNAL_FILE is used without -f" grep -qx 'from the environment' \
    "$T/p/env"
run env JOURNAL_FILE="$T/p/env" "$JOURNAL" list -f "$T/p/flag" --format tsv
is_bodies "flagged" "list: -f beats JOURNAL_FILE"
run env JOURNAL_FILE= "$JOURNAL" default place
ok_if "JOURNAL_FILE empty: \$XDG_DATA_HOME/rapport/journal" \
    grep -qx 'default place' "$XDG_DATA_HOME/rapport/journal"
run env -u XDG_DATA_HOME "$JOURNAL" home place
ok_if "no XDG_DATA_HOME: \$HOME/.local/share/rapport/journal" \
    grep -qx 'home place' "$HOME/.local/share/rapport/journal"
run env XDG_DATA_HOME=relative "$JOURNAL" relative place
ok_if "relative XDG_DATA_HOME: ignored for \$HOME/.local/share" \
    grep -qx 'relative place' "$HOME/.local/share/rapport/journal"
rm -rf "$HOME/.local"

mkdir -p "$T/s/real"
"$JOURNAL" -f "$T/s/real/journal" -d 2026-11-01T08:00 first
ln -s real/journal "$T/s/link"
run "$JOURNAL" -f "$T/s/link" -d 2026-11-02T08:00 "through the link"
is_rc 0 "symlinked journal: exit 0"
ok_if "symlinked journal: still a symlink" [ -L "$T/s/link" ]
ok_if "symlinked journal: the entry is in the real file" \
    grep -qx 'through the link' "$T/s/real/journal"

# --- Files that are not journals.

mkdir -p "$T/bad/dir"
mkfifo "$T/bad/fifo"
ln -s nowhere "$T/bad/dangling"
for f in dir fifo dangling; do
	run timeout 10 "$JOURNAL" -f "$T/bad/$f" text
	is_rc 2 "write to a $f: exit 2"
	like_err "$T/bad/$f" "write to a $f: the message names it"
	run timeout 10 "$JOURNAL" list -f "$T/bad/$f"
	is_rc 2 "list a $f: exit 2"
	like_err "$T/bad/$f" "list a $f: the message names it"
	no_out "list a $f: nothing on stdout"
	run timeout 10 "$JOURNAL" check -f "$T/bad/$f"
	is_rc 2 "check a $f: exit 2"
	like_err "$T/bad/$f" "check a $f: the message names it"
done
[ -L "$T/bad/dangling" ] && [ ! -e "$T/bad/dangling" ]
holds "the dangling symlink is left as it was"

# Unreadable and unwritable journals, as a user who may not.
mkdir -p "$T/pub/r" "$T/pub/w"
chmod 755 "$T/pub" "$T/pub/r" "$T/pub/w"
nobody_setup "$JOURNAL_BIN"
"$JOURNAL" -f "$T/pub/r/journal" secret
"$JOURNAL" -f "$T/pub/w/journal" kept
chmod 000 "$T/pub/r/journal"
chmod 444 "$T/pub/w/journal"
chmod 666 "$T/pub/w/journal.lock"
[ "$(id -u)" -eq 0 ] || chmod 555 "$T/pub/w"
cp "$T/pub/w/journal" "$T/pub-w-before"
asuser=$AS
[ "$(id -u)" -eq 0 ] || asuser=env
if [ -n "$asuser" ]; then
	run $asuser "$T/nb/journal" list -f "$T/pub/r/journal"
	is_rc 2 "unreadable journal, list: exit 2"
	no_out "unreadable journal, list: nothing on stdout"
	like_err "$T/pub/r/journal" "unreadable journal, list: named"
	run $asuser "$T/nb/journal" check -f "$T/pub/r/journal"
	is_rc 2 "unreadable journal, check: exit 2"
	like_err "$T/pub/r/journal" "unreadable journal, check: named"
	run $asuser "$T/nb/journal" -f "$T/pub/w/journal" more
	is_rc 2 "unwritable journal: exit 2"
	like_err "$T/pub/w/journal" "unwritable journal: named"
	ok_if "unwritable journal: unchanged" \
	    same "$T/pub-w-before" "$T/pub/w/journal"
	run $asuser "$T/nb/journal" -f "$T/pub/w/new" text
	is_rc 2 "new journal in an unwritable directory: exit 2"
	like_err "$T/pub/w/new" "new journal in an unwritable directory: named"
else
	for d in "unreadable journal, list: exit 2" \
	    "unreadable journal, list: nothing on stdout" \
	    "unreadable journal, list: named" \
	    "unreadable journal, check: exit 2" \
	    "unreadable journal, check: named" \
	    "unwritable journal: exit 2" "unwritable journal: named" \
	    "unwritable journal: unchanged" \
	    "new journal in an unwritable directory: exit 2" \
	    "new journal in an unwritable directory: named"; do
		skip "$d" "cannot run as another user"
	done
fi
chmod 755 "$T/pub/w"
chmod 700 "$T"

# A file size limit: an error, and the journal as it was.
FZ=$T/fz/journal
"$JOURNAL" -f "$FZ" small
cp "$FZ" "$T/fz-before"
big=$(awk 'BEGIN { for (i = 0; i < 60; i++) printf "%s", \
    "fifty bytes of text for a file size limit test.. " }')
run sh -c 'trap "" XFSZ; ulimit -c 0; ulimit -f 1; exec "$@"' sh \
    "$JOURNAL" -f "$FZ" "$big"
is_rc 2 "ulimit -f, SIGXFSZ ignored: exit 2"
like_err "$FZ" "ulimit -f, SIGXFSZ ignored: the message names the journal"
ok_if "ulimit -f, SIGXFSZ ignored: the journal is as it was" \
    same "$T/fz-before" "$FZ"
if [ -z "$VG" ]; then
	run sh -c 'cd "$1" && shift && ulimit -c 0 && ulimit -f 1 && exec "$@"' \
	    sh "$T/fz" "$JOURNAL" -f "$FZ" "$big"
else
	# valgrind first copies the arguments into a file of its own, which
	# the limit would stop: under valgrind the text comes on stdin.
	printf '%s' "$big" >"$T/fz-text"
	run sh -c 'cd "$1" && shift && ulimit -c 0 && ulimit -f 1 &&
	    exec "$@" <"$0"' "$T/fz-text" "$T/fz" "$JOURNAL" -f "$FZ"
fi
is_rc 2 "ulimit -f: exit 2, not killed by SIGXFSZ"
ok_if "ulimit -f: the journal is as it was" same "$T/fz-before" "$FZ"
cp "$T/fz-before" "$FZ"

# --- The editor.

clear_log() {
	rm -f "$ED_LOG"/*
}

if $have_tty; then
	EJ=$T/ed/journal
	"$JOURNAL" -f "$EJ" -d 2026-11-01T08:00 before
	cp "$EJ" "$T/ed-before"

	clear_log
	tty_run "EDITOR='$ED --flag' '$JOURNAL' -f '$EJ' -t mood"
	is_rc 0 "editor on a terminal: exit 0"
	no_err "editor on a terminal: nothing on stderr"
	ok_if "editor: run as a shell command line with its argument" \
	    [ "$(sed -n 2p "$ED_LOG/args")" = "--flag" ]
	ok_if "editor: given one file" [ "$(wc -l <"$ED_LOG/args")" -eq 3 ]
	ok_if "editor: its file is 0600" [ "$(cat "$ED_LOG/fmode")" = 600 ]
	ok_if "editor: in a 0700 directory" [ "$(cat "$ED_LOG/dmode")" = 700 ]
	ok_if "editor: the template's lines all start with %%#" \
	    [ "$(grep -vc '^%%#' "$ED_LOG/template")" -eq 0 ]
	lst "$EJ"
	ok_if "editor: the entry is what was written, the template left out" \
	    tsv_line 2 "2026-11-25T12:00:00Z|0|mood||Written in the editor\\n"
	ok_if "editor: its directory is gone" no_edit_dir "$T/ed"

	mkdir -p "$T/my bin"
	cp "$ED" "$T/my bin/ed it"
	clear_log
	cp "$EJ" "$T/ed-before"
	tty_run "EDITOR='\"$T/my bin/ed it\" --x' ED_TEXT=spaced '$JOURNAL' -f '$EJ'"
	is_rc 0 "editor path with a space, quoted: exit 0"
	ok_if "editor path with a space: that editor ran" \
	    [ "$(head -n 1 "$ED_LOG/args")" = "$T/my bin/ed it" ]
	ok_if "editor path with a space: the entry written" \
	    grep -qx spaced "$EJ"

	cp "$ED" "$T/bin/visual.sh"
	clear_log
	tty_run "VISUAL='$T/bin/visual.sh' EDITOR='$ED' ED_TEXT=vis \
	    '$JOURNAL' -f '$EJ'"
	is_rc 0 "VISUAL and EDITOR: exit 0"
	ok_if "VISUAL and EDITOR: VISUAL is the one run" \
	    [ "$(head -n 1 "$ED_LOG/args")" = "$T/bin/visual.sh" ]
	clear_log
	tty_run "VISUAL= EDITOR='$ED' ED_TEXT=ed '$JOURNAL' -f '$EJ'"
	ok_if "VISUAL empty: EDITOR is run" \
	    [ "$(head -n 1 "$ED_LOG/args")" = "$ED" ]

	cp "$EJ" "$T/ed-before"
	tty_run "EDITOR='$ED' ED_EXIT=1 '$JOURNAL' -f '$EJ'"
	is_rc 2 "editor exits 1: exit 2"
	like_err "nothing was written" "editor exits 1: says nothing was written"
	ok_if "editor exits 1: the journal is unchanged" same "$T/ed-before" "$EJ"
	ok_if "editor exits 1: its directory is gone" no_edit_dir "$T/ed"

	tty_run "EDITOR='$ED' ED_MODE=none '$JOURNAL' -f '$EJ'"
	is_rc 1 "template left as it was: exit 1"
	like_err "nothing was written" "template left as it was: says so"
	ok_if "template left as it was: the journal is unchanged" \
	    same "$T/ed-before" "$EJ"

	tty_run "EDITOR='$ED' ED_MODE=replace ED_TEXT='%%# only a comment' \
	    '$JOURNAL' -f '$EJ'"
	is_rc 1 "only comment lines: exit 1"
	ok_if "only comment lines: the journal is unchanged" \
	    same "$T/ed-before" "$EJ"

	# The first entry, with no data directory yet.
	clear_log
	mkdir -p "$T/fresh"
	tty_run "env -u XDG_DATA_HOME HOME='$T/fresh' EDITOR='$ED' \
	    ED_TEXT=first '$JOURNAL' -t x"
	is_rc 0 "editor, first use, no ~/.local/share yet: exit 0"
	ok_if "editor, first use: the entry is in the new journal" \
	    grep -qsx first "$T/fresh/.local/share/rapport/journal"

	# -e: the text on stdin at the top of the template, the terminal as
	# the editor's input, the prompt's id kept.
	PJ=$T/pe/journal
	"$PROMPT" --daily 2026-11-25 --no-history >"$T/ptext"
	"$PROMPT" --daily 2026-11-25 --no-history --format json >"$T/pjson"
	pid=$(sed -n 's/.*"id":"\([0-9a-f]*\)".*/\1/p' "$T/pjson")
	printf '%s\n' "$pid" | grep -Eqx '[0-9a-f]{8}'
	holds "prompt --format json: an 8-hex id"
	clear_log
	tty_run "'$PROMPT' --daily 2026-11-25 --no-history |
	    EDITOR='$ED' ED_TEXT='We both laughed.' '$JOURNAL' -f '$PJ' -e"
	is_rc 0 "prompt | journal -e: exit 0"
	ok_if "-e: the editor's input is the terminal" \
	    [ "$(cat "$ED_LOG/stdin")" = tty ]
	head -c "$(wc -c <"$T/ptext")" "$ED_LOG/template" | cmp -s - "$T/ptext"
	holds "-e: the prompt at the top of the template"
	ok_if "-e: the header keeps the prompt's id" \
	    grep -Eq "^%%entry 2026-11-25T12:00:00Z [0-9a-z]+ prompt=$pid\$" \
	    "$PJ"
	ok_if "-e: the body has the prompt" grep -qxF -- "$(cat "$T/ptext")" "$PJ"
	ok_if "-e: the body has the answer" grep -qx 'We both laughed.' "$PJ"
	if [ -n "$PY" ]; then
		run "$JOURNAL" list -f "$PJ" --format jsonl
		ok_if "-e: jsonl has the prompt's id" jl first prompt "\"$pid\""
	else
		skip "-e: jsonl has the prompt's id" "no python3"
	fi
	cp "$PJ" "$T/pe-before"
	tty_run "printf 'Some context\n' |
	    EDITOR='$ED' ED_MODE=none '$JOURNAL' -f '$PJ' -e"
	is_rc 1 "-e, buffer unchanged: exit 1"
	like_err "not changed" "-e, buffer unchanged: says not changed"
	ok_if "-e, buffer unchanged: nothing written" same "$T/pe-before" "$PJ"
	tty_run "printf 'Some context\n' | EDITOR='$ED' '$JOURNAL' -f '$PJ' -e"
	is_rc 0 "-e with text not a prompt: exit 0"
	ok_if "-e with text not a prompt: no prompt= in the header" \
	    [ "$(grep -c 'prompt=' "$PJ")" -eq 1 ]
	cp "$PJ" "$T/pe-before"
	tty_run "true | EDITOR='$ED' ED_MODE=bare ED_TEXT=x '$JOURNAL' -f '$PJ' -e"
	is_rc 0 "-e, nothing on stdin, one character written: exit 0"
	ok_if "-e, nothing on stdin, one character written: the entry" \
	    grep -qx x "$PJ"
	cp "$T/pe-before" "$PJ"
	tty_run "EDITOR='$ED' '$JOURNAL' -f '$PJ' -e some words"
	is_rc 2 "-e with text arguments: exit 2"
	if command -v setsid >/dev/null 2>&1; then
		cp "$PJ" "$T/pe-before"
		run sh -c 'printf "x\n" | EDITOR="$1" setsid -w "$2" -f "$3" -e' \
		    sh "$ED" "$JOURNAL" "$PJ"
		is_rc 2 "-e with no terminal at all: exit 2"
		like_err "terminal" "-e with no terminal at all: says so"
		ok_if "-e with no terminal at all: nothing written" \
		    same "$T/pe-before" "$PJ"
	else
		skip "-e with no terminal at all: exit 2" "no setsid"
		skip "-e with no terminal at all: says so" "no setsid"
		skip "-e with no terminal at all: nothing written" "no setsid"
	fi
else
	for d in "editor on a terminal" "editor path with a space" \
	    "VISUAL and EDITOR" "editor exits 1" "template left as it was" \
	    "editor, first use" "prompt | journal -e"; do
		skip "$d" "no script(1) giving a pty"
	done
fi

# --- Edit, delete, show.

KJ=$T/k/journal
"$JOURNAL" -f "$KJ" -d 2026-11-20T08:00 -s -t home -r listen=3 "old text"
"$JOURNAL" -f "$KJ" -d 2026-11-21T08:00 "second"
printf 'ends in a blank line\n\n' | "$JOURNAL" -f "$KJ" -d 2026-11-22T08:00
old=$(id_of "$KJ" 1)
cp "$KJ" "$T/k-before"

run env EDITOR="$ED" ED_MODE=replace ED_TEXT="new text" "$JOURNAL" edit \
    -f "$KJ" "$old"
is_rc 0 "edit: exit 0"
ok_if "edit: the editor had the old text" grep -qx 'old text' \
    "$ED_LOG/template"
lst "$KJ"
ok_if "edit: new text, same time, star, tag and rating" \
    tsv_line 1 "2026-11-20T08:00:00Z|1|home|listen=3|new text\\n"
unlike_out "old text" "edit: the old text is no longer listed"
ok_if "edit: the old record is still in the file, superseded" \
    grep -Eq "^%%entry .* supersedes=$old\$" "$KJ"
ok_if "edit: appended, nothing before it rewritten" \
    cmp -s -n "$(wc -c <"$T/k-before")" "$T/k-before" "$KJ"
run "$JOURNAL" show -f "$KJ" "$old"
is_rc 0 "show old id: exit 0"
like_out '^new text$' "show old id: the entry that superseded it"
ok_if "edit: the editor's directory is gone" no_edit_dir "$T/k"

cp "$KJ" "$T/k-before"
new=$(id_of "$KJ" 1)
run env EDITOR="$ED" ED_MODE=none "$JOURNAL" edit -f "$KJ" "$new"
is_rc 1 "edit, unchanged: exit 1"
like_err "not changed" "edit, unchanged: says so"
ok_if "edit, unchanged: nothing written" same "$T/k-before" "$KJ"
blank=$(id_of "$KJ" 3)
run env EDITOR="$ED" ED_MODE=none "$JOURNAL" edit -f "$KJ" "$blank"
is_rc 1 "edit, unchanged, body ending in a blank line: exit 1"
ok_if "edit, unchanged, body ending in a blank line: nothing written" \
    same "$T/k-before" "$KJ"
cp "$T/k-before" "$KJ"
run env EDITOR="$ED" ED_MODE=replace ED_TEXT="" "$JOURNAL" edit -f "$KJ" \
    "$new"
is_rc 1 "edit to empty: exit 1"
like_err "delete" "edit to empty: points at journal delete"
ok_if "edit to empty: nothing written" same "$T/k-before" "$KJ"
run env EDITOR="$ED" ED_EXIT=1 "$JOURNAL" edit -f "$KJ" "$new"
is_rc 2 "edit, editor exits 1: exit 2"
ok_if "edit, editor exits 1: nothing written" same "$T/k-before" "$KJ"

# No lock is held while the editor is open.
sec=$(id_of "$KJ" 2)
clear_log
run env EDITOR="$ED" ED_MODE=replace ED_TEXT="second, edited" \
    ED_RUN="timeout 10 '$JOURNAL' -f '$KJ' -d 2026-11-23T08:00 meanwhile" \
    "$JOURNAL" edit -f "$KJ" "$sec"
is_rc 0 "edit while another entry is written: exit 0"
ok_if "no lock held in the editor: the other write succeeded" \
    [ "$(cat "$ED_LOG/run.rc")" = 0 ]
lst "$KJ"
is_bodies "new text|second, edited|ends in a blank line\\n|meanwhile" \
    "edit while another entry is written: both kept"

# The entry changed while it was in the editor.
cur=$(id_of "$KJ" 2)
cp "$KJ" "$T/k-before"
run env EDITOR="$ED" ED_MODE=replace ED_TEXT="my careful words" \
    ED_RUN="'$JOURNAL' delete -y -f '$KJ' $cur" "$JOURNAL" edit -f "$KJ" "$cur"
is_rc 2 "edit, entry deleted meanwhile: exit 2"
like_err "changed" "edit, entry deleted meanwhile: says it changed"
ok_if "edit, entry deleted meanwhile: the text kept in a side file" \
    grep -qsx 'my careful words' "$KJ.edit-$cur"
ok_if "edit, entry deleted meanwhile: no entry written" \
    [ "$(entries_in "$KJ")" -eq "$(entries_in "$T/k-before")" ]
cp "$T/k-before" "$KJ"
rm -f "$KJ".edit-*
run env EDITOR="$ED" ED_MODE=replace ED_TEXT="my careful words" \
    ED_RUN="sed -i 's/^second, edited\$/second, by hand/' '$KJ'" \
    "$JOURNAL" edit -f "$KJ" "$cur"
is_rc 2 "edit, entry changed by hand meanwhile: exit 2"
like_err "changed while it was being edited" \
    "edit, entry changed by hand meanwhile: says so"
ok_if "edit, entry changed by hand meanwhile: text kept in a side file" \
    grep -qsx 'my careful words' "$KJ.edit-$cur"
ok_if "edit, entry changed by hand meanwhile: no entry written" \
    [ "$(entries_in "$KJ")" -eq "$(entries_in "$T/k-before")" ]
cp "$T/k-before" "$KJ"
rm -f "$KJ".edit-*
run env EDITOR="$ED" ED_MODE=replace ED_TEXT="my careful words" \
    ED_RUN="EDITOR='$ED' ED_MODE=replace ED_TEXT=theirs ED_RUN= \
    '$JOURNAL' edit -f '$KJ' $cur" \
    "$JOURNAL" edit -f "$KJ" "$cur"
is_rc 2 "edit, entry edited elsewhere meanwhile: exit 2"
ok_if "edit, entry edited elsewhere meanwhile: text kept in a side file" \
    grep -qsx 'my careful words' "$KJ.edit-$cur"
lst "$KJ" -g theirs
is_bodies "theirs" "edit, entry edited elsewhere meanwhile: theirs stands"
cp "$T/k-before" "$KJ"
rm -f "$KJ".edit-*

# Interrupted while the editor is open: its file is removed.
for sig in TERM HUP; do
	rm -f "$ED_LOG/pid"
	cp "$KJ" "$T/k-before"
	EDITOR="$T/bin/slow.sh" "$JOURNAL" edit -f "$KJ" "$cur" \
	    >"$OUT" 2>"$ERR" </dev/null &
	jpid=$!
	if wait_for "$ED_LOG/pid"; then
		! no_edit_dir "$T/k"
		holds "SIG$sig: the editor's directory exists while it runs"
		kill -"$sig" "$jpid"
		wait "$jpid" 2>/dev/null
		RC=$?
		kill "$(cat "$ED_LOG/pid")" 2>/dev/null
		ok_if "SIG$sig: journal dies of it" [ "$RC" -gt 128 ]
		ok_if "SIG$sig: the editor's file and directory are gone" \
		    no_edit_dir "$T/k"
		ok_if "SIG$sig: nothing written" same "$T/k-before" "$KJ"
	else
		kill "$jpid" 2>/dev/null
		wait "$jpid" 2>/dev/null
		fail "SIG$sig: the editor was started"
	fi
done

# Show: ids and prefixes.
SJ=$T/show/journal
mkdir -p "$T/show"
cat >"$SJ" <<'EOF'
%%journal 1
%%entry 2026-11-01T10:00:00Z abcd000001 @a
alpha
%%end abcd000001 6 9f606eec
%%entry 2026-11-02T10:00:00Z abcd000002 @b
beta
%%end abcd000002 5 e6e3a775
%%entry 2026-11-03T10:00:00Z zzzz000003
gamma
%%end zzzz000003 6 151104e9
EOF
run "$JOURNAL" show -f "$SJ" abcd000002
is_rc 0 "show full id: exit 0"
ok_if "show full id: the record, raw on a pipe" out_is \
    '%%%%entry 2026-11-02T10:00:00Z abcd000002 @b\nbeta\n'\
'%%%%end abcd000002 5 e6e3a775\n'
run "$JOURNAL" show -f "$SJ" zz
is_rc 0 "show unique prefix: exit 0"
like_out '^gamma$' "show unique prefix: that entry"
run "$JOURNAL" show -f "$SJ" abcd
ok_if "show ambiguous prefix: non-zero" [ "$RC" -ne 0 ]
no_out "show ambiguous prefix: nothing on stdout"
like_err "abcd" "show ambiguous prefix: the message names it"
run "$JOURNAL" show -f "$SJ" qqqq
is_rc 1 "show unknown id: exit 1"
no_out "show unknown id: nothing on stdout"
like_err "qqqq" "show unknown id: the message names it"
run "$JOURNAL" show -f "$SJ" --format jsonl abcd000001
like_out '"body":"alpha\\n"' "show --format jsonl"
run "$JOURNAL" show -f "$SJ"
is_rc 2 "show with no id: exit 2"

run "$JOURNAL" delete -y -f "$SJ" abcd000001
is_rc 0 "delete: exit 0"
ok_if "delete: a tombstone appended" \
    grep -Eqx '%%delete abcd000001 2026-11-25T12:00:00Z' "$SJ"
lst "$SJ"
is_bodies "beta|gamma" "delete: list hides the entry"
run "$JOURNAL" show -f "$SJ" abcd000001
is_rc 1 "show deleted: exit 1"
like_err "deleted" "show deleted: says it was deleted"
run "$JOURNAL" delete -y -f "$SJ" nosuch
is_rc 1 "delete unknown id: exit 1"

# --- Listing: formats, order, count, dates.

DJ=$T/dates/journal
for d in 2026-12-01 2026-11-29 2026-11-25 2026-11-24 2026-11-23 2026-11-22 \
    2026-11-16 2026-11-11 2026-11-01 2026-10-31; do
	"$JOURNAL" -f "$DJ" --future -d "${d}T09:00" "${d#2026-}"
done
NOV="11-01|11-11|11-16|11-22|11-23|11-24|11-25|11-29"
ALL="10-31|$NOV|12-01"
lst "$DJ"
is_rc 0 "list: exit 0"
is_bodies "$ALL" "list: timestamp order though written in reverse"
ok_if "list: the file itself is not reordered" \
    [ "$(sed -n 3p "$DJ")" = "12-01" ]
ok_if "tsv: six fields a line" \
    [ "$(awk -F '\t' 'NF != 6' "$OUT" | wc -l)" -eq 0 ]

run "$JOURNAL" list -f "$DJ"
cp "$OUT" "$T/default-out"
run "$JOURNAL" list -f "$DJ" --format text
ok_if "list on a pipe: text by default" same "$T/default-out" "$OUT"
run "$JOURNAL" list -f "$DJ" --format raw
[ "$(grep -c '^%%entry 2026-10-31T09:00:00Z ' "$OUT")" -eq 1 ] &&
    [ "$(sed -n 1p "$OUT" | cut -c 9-18)" = 2026-10-31 ]
holds "raw: records only, in timestamp order"
cp "$OUT" "$T/raw"
run "$JOURNAL" merge -f "$T/fromraw/journal" "$T/raw"
is_rc 0 "raw output merged into another journal: exit 0"
lst "$T/fromraw/journal"
is_bodies "$ALL" "raw output merged into another journal: every entry"
run "$JOURNAL" check -f "$T/fromraw/journal"
is_rc 0 "raw output merged into another journal: it checks clean"

if [ -n "$PY" ]; then
	run "$JOURNAL" list -f "$DJ" --format jsonl
	ok_if "jsonl: every line an object with every field" jl fields 10
	run "$JOURNAL" list -f "$JF" --format jsonl
	ok_if "jsonl: fields of an entry with a tag and a rating" jl first \
	    ts '"2026-11-25T12:00:00Z"' all_day false starred false \
	    tags '["talk"]' ratings '{"listen": 4}' \
	    body '"We put the phones away\n"'
	LZ=$T/lz/journal
	"$JOURNAL" -f "$LZ" -r listen=05 -r warmth=-0.50 "leading zero"
	run "$JOURNAL" list -f "$LZ" --format jsonl
	ok_if "jsonl: a rating written 05 is still valid JSON" jl first \
	    ratings '{"listen": 5, "warmth": -0.5}'
else
	skip "jsonl: every line an object with every field" "no python3"
	skip "jsonl: fields of an entry with a tag and a rating" "no python3"
	skip "jsonl: a rating written 05 is still valid JSON" "no python3"
fi

run "$JOURNAL" list -f "$JF" --format text
ok_if "text: a heading with day, time, id, tag and rating" \
    grep -Eq '^2026-11-25 12:00 +[0-9a-z]+ +@talk +listen=4$' "$OUT"
like_out '^    We put the phones away$' "text: the body indented"
if $have_tty; then
	run script -qec "'$JOURNAL' list -f '$DJ' -n 1" /dev/null
	ok_if "list on a terminal: text by default" \
	    grep -q '^2026-12-01 09:00 ' "$OUT"
	unlike_out '^%%entry' "list on a terminal: no raw records"
else
	skip "list on a terminal: text by default" "no script(1) giving a pty"
	skip "list on a terminal: no raw records" "no script(1) giving a pty"
fi
run "$JOURNAL" list -f "$DJ" --format yaml
is_rc 2 "--format yaml: exit 2"
like_err "yaml" "--format yaml: named"

lst "$DJ" -n 3
is_bodies "11-25|11-29|12-01" "-n 3: the last three by time"
lst "$DJ" -n 100
is_bodies "$ALL" "-n 100: all of them"
for n in 0 -1 abc; do
	lst "$DJ" -n "$n"
	is_rc 2 "-n $n: exit 2"
done

# Now is Wednesday 2026-11-25 12:00 UTC: this week is 23-29 November,
# last week 16-22, last monday the 23rd, 3d the 22nd, 2w the 11th.
for c in \
    "--since|today||11-25|11-29|12-01" \
    "--until|today||10-31|11-01|11-11|11-16|11-22|11-23|11-24|11-25" \
    "--since|yesterday|--until|yesterday||11-24" \
    "--since|3d||11-22|11-23|11-24|11-25|11-29|12-01" \
    "--since|3 days ago|--until|3 days ago||11-22" \
    "--since|1 day ago|--until|1 day ago||11-24" \
    "--since|2w|--until|2w||11-11" \
    "--since|2 weeks ago|--until|2w||11-11" \
    "--since|last monday|--until|last monday||11-23" \
    "--since|last sunday|--until|last sunday||11-22" \
    "--since|last wednesday|--until|yesterday||11-22|11-23|11-24" \
    "--since|this week|--until|this week||11-23|11-24|11-25|11-29" \
    "--since|last week|--until|last week||11-16|11-22" \
    "--since|this month|--until|this month||$NOV" \
    "--since|last month|--until|last month||10-31" \
    "--since|2026-11-01|--until|2026-11-11||11-01|11-11" \
    "--since|2026-11-22T09:00|--until|2026-11-24||11-22|11-23|11-24" \
    "--since|2026-11-22 09:00:01||11-23|11-24|11-25|11-29|12-01"; do
	args=${c%%||*}
	want=${c#*||}
	o1=${args%%|*}
	rest=${args#*|}
	v1=${rest%%|*}
	if [ "$rest" = "$v1" ]; then
		lst "$DJ" "$o1" "$v1"
		what="$o1 '$v1'"
	else
		rest=${rest#*|}
		o2=${rest%%|*}
		v2=${rest#*|}
		lst "$DJ" "$o1" "$v1" "$o2" "$v2"
		what="$o1 '$v1' $o2 '$v2'"
	fi
	is_bodies "$want" "$what"
done
run env JOURNAL_NOW=2026-11-25 "$JOURNAL" list -f "$DJ" --format tsv \
    --since today
is_bodies "11-25|11-29|12-01" "JOURNAL_NOW as a date: today"
run env JOURNAL_NOW=2026-12-01T08:00:00Z "$JOURNAL" list -f "$DJ" \
    --format tsv --since 'last month' --until 'last week'
is_bodies "11-01|11-11|11-16|11-22|11-23|11-24|11-25|11-29" \
    "JOURNAL_NOW in December: last month to last week"
lst "$DJ" --since 2026-12-02
is_rc 1 "nothing after the last entry: exit 1"
no_out "nothing after the last entry: nothing printed"
like_err "no entry matched" "nothing after the last entry: said on stderr"
for d in blorp 2026-02-30 'next tuesday' 'this year' '-3d' 'last monday '; do
	lst "$DJ" --since "$d"
	[ "$RC" -eq 2 ] && [ ! -s "$OUT" ] && grep -qF -- "$d" "$ERR"
	ok_if "--since '$d': exit 2, named, nothing listed" [ $? -eq 0 ]
	lst "$DJ" --until "$d"
	is_rc 2 "--until '$d': exit 2"
done
lst "$DJ" --since ''
is_rc 2 "--since '': exit 2"

# All-day entries are days, wherever the reader is.
AJ=$T/allday/journal
run env TZ=EST5 "$JOURNAL" -f "$AJ" -d 2026-11-01 "first of November"
run env TZ=EST5 "$JOURNAL" -f "$AJ" -d 2026-10-31T23:30 "Halloween night"
ok_if "TZ=EST5: the evening written with -05:00" \
    grep -q '^%%entry 2026-10-31T23:30:00-05:00 ' "$AJ"
run env TZ=EST5 "$JOURNAL" list -f "$AJ" --format tsv
is_bodies "Halloween night|first of November" \
    "TZ=EST5: 31 October's evening before 1 November's all-day entry"
run env TZ=EST5 "$JOURNAL" list -f "$AJ" --format tsv --until 2026-10-31
is_bodies "Halloween night" "TZ=EST5: --until 2026-10-31 leaves out 1 November"
run env TZ=JST-9 "$JOURNAL" list -f "$AJ" --format tsv --since 2026-11-02
is_rc 1 "TZ=JST-9: --since 2026-11-02 leaves out 1 November"

# Filters.
FJ=$T/f/journal
"$JOURNAL" -f "$FJ" -d 2026-11-20T08:00 -s -t talk -r listen=4 \
    "We put the phones away"
"$JOURNAL" -f "$FJ" -d 2026-11-21T08:00 -t home -r listen=2 -r warmth=1 \
    "Argued about the dishes"
"$JOURNAL" -f "$FJ" -d 2026-11-22T08:00 -t talk -t walk -r listen=3 \
    -r warmth=4 "Long walk, good talk"
"$JOURNAL" -f "$FJ" -d 2026-11-23T08:00 "Nothing special"
P1="We put the phones away"
P2="Argued about the dishes"
P3="Long walk, good talk"
P4="Nothing special"
for c in "-t|talk||$P1|$P3" "-t|@talk||$P1|$P3" "-t|walk||$P3" \
    "-g|phones||$P1" "-g|dish|walk||$P2|$P3" "-g|^Long||$P3" \
    "--rating|listen<=2||$P2" "--rating|listen<3||$P2" \
    "--rating|listen>3||$P1" "--rating|listen>=3||$P1|$P3" \
    "--rating|listen=3||$P3" "--rating|warmth>=1||$P2|$P3" \
    "--rating|listen>=2.5||$P1|$P3" "--starred|||$P1"; do
	o=${c%%|*}
	rest=${c#*|}
	v=${rest%%||*}
	want=${rest#*||}
	if [ -n "$v" ]; then
		lst "$FJ" "$o" "$v"
	else
		lst "$FJ" "$o"
	fi
	is_bodies "$want" "list $o $v"
done
lst "$FJ" -t talk -t walk
is_bodies "$P3" "list -t talk -t walk: both tags"
lst "$FJ" -t talk --rating 'listen<4'
is_bodies "$P3" "list -t talk --rating listen<4: both"
lst "$FJ" -g PHONES
is_rc 1 "-g with an upper-case letter is case-sensitive: exit 1"
no_out "-g with an upper-case letter is case-sensitive: nothing printed"
lst "$FJ" -g PHONES -i
is_bodies "$P1" "-g with -i"
lst "$FJ" -g '('
is_rc 2 "-g with a bad pattern: exit 2"
for r in 'listen~3' 'listen<=x' 'Listen<=2' '<=2' 'listen<=' 'listen<=2x'; do
	lst "$FJ" --rating "$r"
	is_rc 2 "--rating '$r': exit 2"
done
for c in "-t|nope" "--rating|conflict>0" "-g|zebra" "--since|2026-11-24"; do
	lst "$FJ" "${c%%|*}" "${c#*|}"
	[ "$RC" -eq 1 ] && [ ! -s "$OUT" ] && grep -q "no entry matched" "$ERR"
	ok_if "list ${c%%|*} ${c#*|}: nothing matched, exit 1, said" \
	    [ $? -eq 0 ]
done
lst "$FJ" --starred -t home
is_rc 1 "--starred -t home: exit 1"
lst "$T/nothing/here"
is_rc 1 "list, no journal yet: exit 1"
no_out "list, no journal yet: nothing printed"

# Tags and stats.
run "$JOURNAL" tags -f "$FJ"
is_rc 0 "tags: exit 0"
ok_if "tags: counts, most used first" \
    [ "$(awk '{ printf "%s%s=%s", (NR > 1 ? " " : ""), $2, $1 }' "$OUT")" = \
    "talk=2 home=1 walk=1" ]
"$JOURNAL" delete -y -f "$FJ" "$(id_of "$FJ" 3)"
run "$JOURNAL" tags -f "$FJ"
ok_if "tags: a deleted entry's tags no longer count" \
    [ "$(awk '{ printf "%s%s=%s", (NR > 1 ? " " : ""), $2, $1 }' "$OUT")" = \
    "home=1 talk=1" ]
run "$JOURNAL" tags -f "$T/nothing/here"
is_rc 1 "tags, no journal: exit 1"

TJ=$T/stats/journal
"$JOURNAL" -f "$TJ" -d 2026-11-02T10:00 -r listen=4 -r warmth=5 "monday"
TZ=EST5 "$JOURNAL" -f "$TJ" -d 2026-11-08T23:30 -r listen=2 "sunday night"
"$JOURNAL" -f "$TJ" -d 2026-11-09 -r listen=3 -r warmth=4 "all day"
"$JOURNAL" -f "$TJ" -d 2026-11-23T10:00 "no ratings"
"$JOURNAL" -f "$TJ" -d 2026-11-24T10:00 -r listen=1 "deleted"
"$JOURNAL" delete -y -f "$TJ" "$(id_of "$TJ" 5)"
run "$JOURNAL" stats -f "$TJ"
is_rc 0 "stats: exit 0"
# ISO weeks: 2 and 8 November (a Sunday where it was written, -05:00)
# are in W45, the 9th in W46, the 23rd in W48.
ok_if "stats: entries per ISO week, where each was written" \
    [ "$(awk '$1 ~ /^2026-W/ || $1 == "total" { printf "%s %s,", $1, $2 }' \
    "$OUT")" = "2026-W45 2,2026-W46 1,2026-W48 1,total 4," ]
# listen: (4 + 2 + 3) / 3 = 3; warmth: (5 + 4) / 2 = 4.5.
ok_if "stats: rating means and counts, deleted entries left out" \
    [ "$(awk '$1 == "listen" || $1 == "warmth" { printf "%s %g %d,", $1, \
    $2, $3 }' "$OUT")" = "listen 3 3,warmth 4.5 2," ]
run "$JOURNAL" stats -f "$T/nothing/here"
is_rc 1 "stats, no journal: exit 1"

# --- Check and repair.

# A record whose body is not UTF-8: "caf\377\n", 5 bytes, CRC a481c918.
bad_utf8() {
	printf '%%%%entry 2026-11-04T10:00:00Z utf8000004\ncaf\377\n'
	printf '%%%%end utf8000004 5 a481c918\n'
}

BJ=$T/c/base
mkdir -p "$T/c"
"$JOURNAL" -f "$BJ" -d 2026-11-01T10:00 -t x one
"$JOURNAL" -f "$BJ" -d 2026-11-02T10:00 two
"$JOURNAL" -f "$BJ" -d 2026-11-03T10:00 three
run "$JOURNAL" check -f "$BJ"
is_rc 0 "check, clean journal: exit 0"
unlike_out ":[0-9]+: " "check, clean journal: no problem reported"
no_err "check, clean journal: nothing on stderr"

# Lines of the base: 1 version, 2-4 one, 5-7 two, 8-10 three.
C=$T/c/torn
cp "$BJ" "$C"
printf '%%%%entry 2026-11-04T10:00:00Z torn000004 @x\nhalf a sen' >>"$C"
run "$JOURNAL" check -f "$C"
is_rc 1 "check, torn tail: exit 1"
like_out "^$C:11: .*torn000004.*incomplete" \
    "check, torn tail: FILE:11: incomplete"
ok_if "check, torn tail: one problem" \
    [ "$(grep -c "^$C:[0-9]*: " "$OUT")" -eq 1 ]
lst "$C"
is_bodies "one|two|three" "list, torn tail: every complete entry"
like_err "^journal: $C:11: " "list, torn tail: the problem on stderr"
run "$JOURNAL" -f "$C" -d 2026-11-05T10:00 after
is_rc 0 "append after a torn tail: exit 0"
lst "$C"
is_bodies "one|two|three|after" "append after a torn tail: the new entry reads"
run "$JOURNAL" check -f "$C"
[ "$(grep -c "^$C:[0-9]*: " "$OUT")" -eq 1 ] && grep -q "^$C:11: " "$OUT"
holds "append after a torn tail: still only the torn record reported"

C=$T/c/crc
sed '6s/^two$/tw0/' "$BJ" >"$C"
run "$JOURNAL" check -f "$C"
is_rc 1 "check, hand edit: exit 1"
like_out "^$C:5: .*checksum mismatch" \
    "check, hand edit: FILE:5: checksum mismatch"
lst "$C"
is_bodies "one|tw0|three" "list, hand edit: the entry is still shown"

# A backslash the writer would not have written, with a matching
# checksum (x and a newline): reported, the entry still shown.
C=$T/c/esc
printf '%%%%journal 1\n%%%%entry 2026-11-04T10:00:00Z escape0001\n\\x\n%%%%end escape0001 2 46ea081f\n' >"$C"
run "$JOURNAL" check -f "$C"
is_rc 1 "check, bad escape: exit 1"
like_out "^$C:2: .*line 3 escapes neither" \
    "check, bad escape: FILE:2: names the line of the backslash"
lst "$C"
is_bodies "x" "list, bad escape: the entry is still shown"

C=$T/c/dup
cp "$BJ" "$C"
sed -n 2,4p "$BJ" >>"$C"
dup=$(sed -n 2p "$BJ" | cut -d ' ' -f 3)
run "$JOURNAL" check -f "$C"
is_rc 1 "check, duplicate id: exit 1"
like_out "$dup" "check, duplicate id: the id named"
like_out "^$C:11: .*$dup" "check, duplicate id: FILE:11: of the second one"

C=$T/c/utf
cp "$BJ" "$C"
bad_utf8 >>"$C"
run "$JOURNAL" check -f "$C"
is_rc 1 "check, invalid UTF-8: exit 1"
like_out "^$C:11: .*UTF-8" "check, invalid UTF-8: FILE:11: invalid UTF-8"
ok_if "check, invalid UTF-8: one problem" \
    [ "$(grep -c "^$C:[0-9]*: " "$OUT")" -eq 1 ]
lst "$C"
is_bodies "one|two|three" "list, invalid UTF-8: only that record left out"

C=$T/c/repair
cp "$BJ" "$C"
bad_utf8 >>"$C"
printf 'stray words\n' >>"$C"
"$JOURNAL" -f "$C" -d 2026-11-05T10:00 five
printf '%%%%entry 2026-11-06T10:00:00Z torn000006\nhalf' >>"$C"
"$JOURNAL" list -f "$C" --format raw >"$T/repair-live" 2>/dev/null
run "$JOURNAL" check -f "$C"
is_rc 1 "check before repair: exit 1"
ok_if "check before repair: three problems" \
    [ "$(grep -c "^$C:[0-9]*: " "$OUT")" -eq 3 ]
run "$JOURNAL" check -f "$C" --repair
is_rc 0 "check --repair: exit 0"
grep -q '^caf' "$C.rejected" && grep -qx 'stray words' "$C.rejected" &&
    grep -q '^half' "$C.rejected"
holds "check --repair: the side file holds the bad records"
run "$JOURNAL" check -f "$C"
is_rc 0 "after repair: the journal checks clean"
run "$JOURNAL" list -f "$C" --format raw
ok_if "after repair: every good entry kept byte for byte" \
    same "$T/repair-live" "$OUT"
ok_if "after repair: the journal is still 0600" [ "$(stat -c %a "$C")" = 600 ]
ok_if "after repair: the side file is 0600" \
    [ "$(stat -c %a "$C.rejected")" = 600 ]

# --- Compact.

mkdir -p "$T/cp/real"
CJ=$T/cp/real/journal
ln -s real/journal "$T/cp/link"
for d in 01 02 03 04; do
	"$JOURNAL" -f "$CJ" -d "2026-11-${d}T10:00" "day $d"
done
"$JOURNAL" delete -y -f "$T/cp/link" "$(id_of "$CJ" 2)"
EDITOR="$ED" ED_MODE=replace ED_TEXT="day 03, edited" "$JOURNAL" edit \
    -f "$T/cp/link" "$(id_of "$CJ" 2)"
printf '%%%%sealed 1 abc\nopaque\n%%%%end abc 7 3604abf0\n' >>"$CJ"
"$JOURNAL" list -f "$CJ" --format raw >"$T/cp-live"
size=$(wc -c <"$CJ")
run "$JOURNAL" compact -f "$T/cp/link"
is_rc 0 "compact: exit 0"
like_err "2 superseded or deleted records removed" "compact: says what went"
ok_if "compact: the file shrank" [ "$(wc -c <"$CJ")" -lt "$size" ]
run "$JOURNAL" list -f "$CJ" --format raw
ok_if "compact: live entries byte for byte" same "$T/cp-live" "$OUT"
[ "$(entries_in "$CJ")" -eq 3 ] && ! grep -qx 'day 02' "$CJ" &&
    ! grep -qx 'day 03' "$CJ"
holds "compact: no deleted and no superseded record left"
ok_if "compact: a tombstone kept for each, as deleted and as edited" \
    [ "$(grep -c '^%%delete' "$CJ")" -eq 2 ]
grep -qx opaque "$CJ" && grep -qx '%%sealed 1 abc' "$CJ"
holds "compact: an unknown %%sealed record kept"
[ -L "$T/cp/link" ] && [ "$(readlink "$T/cp/link")" = real/journal ]
holds "compact: the symlink is still a symlink to the same place"
ok_if "compact: still 0600" [ "$(stat -c %a "$CJ")" = 600 ]
ok_if "compact: no temporary file left" \
    [ "$(ls -a "$T/cp/real" | grep -cv '^\.\.\?$')" -eq 2 ]
run "$JOURNAL" check -f "$T/cp/link"
is_rc 0 "compact: the journal checks clean"
chmod 640 "$CJ"
run "$JOURNAL" compact -f "$CJ"
is_rc 0 "compact with nothing to remove: exit 0"
ok_if "compact: a mode of 0640 is kept" [ "$(stat -c %a "$CJ")" = 640 ]
run "$JOURNAL" check -f "$CJ" --strict
is_rc 1 "check --strict: an unknown record counts"

# --- Merge.

mkdir -p "$T/m"
"$JOURNAL" -f "$T/m/base" -d 2026-11-01T10:00 base one
"$JOURNAL" -f "$T/m/base" -d 2026-11-02T10:00 base two
cp "$T/m/base" "$T/m/a"
cp "$T/m/base" "$T/m/b"
"$JOURNAL" -f "$T/m/a" -d 2026-11-03T10:00 a only
"$JOURNAL" -f "$T/m/b" -d 2026-11-04T10:00 b only
"$JOURNAL" -f "$T/m/b" -d 2026-11-05T10:00 b again
"$JOURNAL" delete -y -f "$T/m/b" "$(id_of "$T/m/base" 1)"
printf '%%%%sealed 1 abc\nopaque\n%%%%end abc 7 3604abf0\n' >>"$T/m/b"
cp "$T/m/a" "$T/m/a0"
cp "$T/m/b" "$T/m/b0"
run "$JOURNAL" merge -f "$T/m/a" "$T/m/b0"
is_rc 0 "merge b into a: exit 0"
run "$JOURNAL" merge -f "$T/m/b" "$T/m/a0"
is_rc 0 "merge a into b: exit 0"
lst "$T/m/a"
sort "$OUT" >"$T/m/la"
is_bodies "base two|a only|b only|b again" \
    "merge: every entry of both, the deleted one hidden"
lst "$T/m/b"
sort "$OUT" >"$T/m/lb"
ok_if "merge: either way round, the same entries" same "$T/m/la" "$T/m/lb"
ok_if "merge: the unknown %%sealed record came along" \
    [ "$(grep -c '^%%sealed' "$T/m/a")" -eq 1 ]
cp "$T/m/a" "$T/m/a1"
run "$JOURNAL" merge -f "$T/m/a" "$T/m/b"
is_rc 0 "merge again: exit 0"
ok_if "merge again: nothing added" same "$T/m/a1" "$T/m/a"
run "$JOURNAL" merge -f "$T/m/b" "$T/m/a"
ok_if "merge back again: nothing added to the other either" \
    [ "$(entries_in "$T/m/b")" -eq 5 ]
run "$JOURNAL" compact -f "$T/m/a"
ok_if "merge then compact: the %%sealed record survives" \
    grep -qx opaque "$T/m/a"
run "$JOURNAL" check -f "$T/m/a"
is_rc 0 "merge then compact: checks clean"
run "$JOURNAL" merge -f "$T/m/a" "$T/m/nothere"
is_rc 2 "merge a missing file: exit 2"
like_err "$T/m/nothere" "merge a missing file: named"

# --- Import and export.

mkdir -p "$T/ie"
cat >"$T/ie/jrnl.txt" <<'EOF'
[2026-11-01 09:30] Walked by the river. *
We held hands @walk and talked about @family.

[2026-11-02 08:15:00 PM] Quiet dinner
No phones. @dinner
EOF
IJ=$T/ie/journal
run "$JOURNAL" import -f "$IJ" --from jrnl "$T/ie/jrnl.txt"
is_rc 0 "import --from jrnl: exit 0"
lst "$IJ"
ok_if "import: a starred title, its @tags, its time" tsv_line 1 \
    '2026-11-01T09:30:00Z|1|walk,family||Walked by the river.\n'\
'We held hands @walk and talked about @family.\n'
ok_if "import: a 12-hour time, not starred" tsv_line 2 \
    '2026-11-02T20:15:00Z|0|dinner||Quiet dinner\nNo phones. @dinner\n'
cp "$IJ" "$T/ie/before"
run "$JOURNAL" import -f "$IJ" --from jrnl "$T/ie/jrnl.txt"
is_rc 0 "import twice: exit 0"
ok_if "import twice: nothing added" same "$T/ie/before" "$IJ"
run "$JOURNAL" import -f "$IJ" "$T/ie/jrnl.txt"
is_rc 2 "import without --from: exit 2"
run "$JOURNAL" import -f "$IJ" --from dayone "$T/ie/jrnl.txt"
is_rc 2 "import --from dayone: exit 2"

run "$JOURNAL" export -f "$IJ" --format jrnl
is_rc 0 "export jrnl: exit 0"
like_out '^\[2026-11-01 09:30\] Walked by the river\. \*$' \
    "export jrnl: starred title line"
like_out '^\[2026-11-02 20:15\] Quiet dinner$' "export jrnl: title line"
cp "$OUT" "$T/ie/out.jrnl"
run "$JOURNAL" import -f "$T/ie/again" --from jrnl "$T/ie/out.jrnl"
lst "$T/ie/again"
ok_if "export jrnl reads back: times and star" \
    [ "$(cut -f2,3 "$OUT" | tr '\t\n' ' |')" = \
    "2026-11-01T09:30:00Z 1|2026-11-02T20:15:00Z 0|" ]
run "$JOURNAL" export -f "$IJ" --format markdown
is_rc 0 "export markdown: exit 0"
like_out '^## 2026-11-01T09:30:00Z' "export markdown: a heading per entry"
like_out '^No phones\. @dinner$' "export markdown: the body"
if [ -n "$PY" ]; then
	run "$JOURNAL" export -f "$IJ" --format jsonl
	ok_if "export jsonl: parsed, two entries, bodies exact" jl texts \
	    '"Walked by the river.\nWe held hands @walk and talked about '\
'@family.\n"' \
	    '"Quiet dinner\nNo phones. @dinner\n"'
else
	skip "export jsonl: parsed, two entries, bodies exact" "no python3"
fi
run "$JOURNAL" export -f "$IJ"
is_rc 2 "export without --format: exit 2"
run "$JOURNAL" export -f "$IJ" --format tsv
is_rc 2 "export --format tsv: exit 2"

# --- Usage, exit statuses, write errors.

run "$JOURNAL" -h
is_rc 0 "-h: exit 0"
like_out '^usage: journal ' "-h: usage on stdout"
no_err "-h: nothing on stderr"
run "$JOURNAL" -V
is_rc 0 "-V: exit 0"
like_out '^journal ' "-V: the version"
for a in "-x" "list --bogus" "list extra" "check --bogus" "tags extra" \
    "delete" "merge"; do
	run "$JOURNAL" $a -f "$T/usage/journal"
	is_rc 2 "journal $a: exit 2"
	no_out "journal $a: nothing on stdout"
	like_err '^usage: journal ' "journal $a: usage on stderr"
done
ok_if "bad options: no journal written" [ ! -e "$T/usage/journal" ]
run "$JOURNAL" -f "$T/usage/journal" list-of-things
is_rc 0 "an unknown word is text: exit 0"
lst "$T/usage/journal"
is_bodies "list-of-things" "an unknown word is text: written as an entry"

if [ -w /dev/full ]; then
	"$JOURNAL" -f "$FJ" "to /dev/full" >/dev/full 2>"$ERR"
	RC=$?
	is_rc 0 "writing an entry >/dev/full: exit 0, nothing printed"
	for a in "list" "list --format text" "list --format jsonl" "tags" \
	    "stats" "export --format markdown" "check"; do
		"$JOURNAL" $a -f "$FJ" >/dev/full 2>"$ERR"
		RC=$?
		is_rc 2 "journal $a >/dev/full: exit 2"
		like_err "stdout" "journal $a >/dev/full: the error on stderr"
	done
	"$JOURNAL" show -f "$SJ" zz >/dev/full 2>"$ERR"
	RC=$?
	is_rc 2 "journal show >/dev/full: exit 2"
fi

# A journal with its version line and no entry: nothing to list, nothing
# wrong.
E=$T/versiononly
printf '%%%%journal 1\n' >"$E"
for a in "tags" "stats" "list" "list -n 3" "export --format jsonl"; do
	run "$JOURNAL" $a -f "$E"
	is_rc 1 "journal $a on a journal without entries: exit 1"
done
run "$JOURNAL" check -f "$E"
is_rc 0 "journal check on a journal without entries: exit 0"

finish
