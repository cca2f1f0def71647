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

# journal-edit.sh: changing entries after the fact (issue 14, items 10,
# 11 and 13): edit's options that change one field without the editor,
# delete and edit of several entries or of list's filters, asking on a
# terminal, and check --accept for a journal edited by hand.

. "$top_srcdir/tests/lib.sh"

XDG_DATA_HOME=$T/data
XDG_STATE_HOME=$T/state
XDG_CONFIG_HOME=$T/config
TZ=UTC0
JOURNAL_NOW=2026-11-25T12:00:00Z
export XDG_DATA_HOME XDG_STATE_HOME XDG_CONFIG_HOME TZ JOURNAL_NOW
unset JOURNAL_FILE VISUAL EDITOR PAGER COLUMNS PROMPT_PATH
J=$T/j
mkdir -p "$T/bin"

have_tty=false
if command -v script >/dev/null 2>&1 &&
    SHELL=/bin/sh script -qec true /dev/null </dev/null >/dev/null 2>&1; then
	have_tty=true
fi

# tty_answer ANSWER CMDLINE: run a shell command line on a pseudo-terminal
# that is given the line ANSWER to read; what it showed, carriage returns
# taken out, then rc=STATUS, in $OUT.
tty_answer() {
	printf '%s\n' "$1" | SHELL=/bin/sh script -qec "$2; echo rc=\$?" \
	    /dev/null >"$T/tty" 2>&1
	tr -d '\r' <"$T/tty" >"$OUT"
}

# head_of ID: the header line of the live entry that ID names or led to.
head_of() {
	"$JOURNAL" show -f "$J" --format raw "$1" | head -n 1
}

# fresh: a journal of three entries, a, b and c, in $J.
fresh() {
	rm -f "$J" "$J".*
	"$JOURNAL" -f "$J" -d 2026-11-20T08:00:00Z -t work -r mood=3 \
	    first entry
	"$JOURNAL" -f "$J" -d 2026-11-22T09:00:00Z -t home second entry
	"$JOURNAL" -f "$J" -d 2026-11-24T10:00:00Z -t work -s third entry
	A=$("$JOURNAL" list -f "$J" --format tsv | sed -n 1p | cut -f1)
	B=$("$JOURNAL" list -f "$J" --format tsv | sed -n 2p | cut -f1)
	C=$("$JOURNAL" list -f "$J" --format tsv | sed -n 3p | cut -f1)
}

# --- Item 10: edit ID with options changes only those fields.

fresh
run "$JOURNAL" edit -f "$J" "$A" -t health --untag work -s -r mood=4 \
    -r sleep=7
is_rc 0 "edit -t --untag -s -r: exit 0"
no_err "edit -t --untag -s -r: nothing on stderr"
run head_of "$A"
like_out "^%%entry 2026-11-20T08:00:00Z [a-z0-9]+ \\* @health mood=4 sleep=7 supersedes=$A\$" \
    "edit -t --untag -s -r: a new entry that supersedes, with the fields"
run "$JOURNAL" show -f "$J" "$A"
like_out "^first entry\$" "edit with options: the text is kept"
ok_if "edit with options: the old entry's text stays until compact" \
    [ "$(grep -c '^first entry$' "$J")" -eq 2 ]
ok_if "edit with options: still three entries" \
    [ "$("$JOURNAL" list -f "$J" --format tsv | wc -l)" -eq 3 ]

run "$JOURNAL" edit -f "$J" "$A" --unstar -d 'yesterday 9pm'
is_rc 0 "edit --unstar -d: exit 0"
run head_of "$A"
like_out "^%%entry 2026-11-24T21:00:00Z [a-z0-9]+ @health mood=4 sleep=7 supersedes=" \
    "edit -d 'yesterday 9pm': the date of when_point, the star gone"
run "$JOURNAL" edit -f "$J" "$B" -d 2026-11-01
is_rc 0 "edit -d DAY: exit 0"
run head_of "$B"
like_out "^%%entry 2026-11-01 " "edit -d DAY: an all-day entry"

cp "$J" "$T/before"
run "$JOURNAL" edit -f "$J" "$C" -s -t work
is_rc 1 "edit with options that change nothing: exit 1"
like_err "entry $C was not changed; nothing was written" \
    "edit with options that change nothing: says so"
ok_if "edit with options that change nothing: the journal unchanged" \
    cmp -s "$T/before" "$J"
run "$JOURNAL" edit -f "$J" "$C" --untag play
is_rc 2 "edit --untag of a tag the entry lacks: exit 2"
like_err "entry $C has no tag play; nothing was written" \
    "edit --untag of a tag the entry lacks: says so"
run "$JOURNAL" edit -f "$J" "$C" -d 'the day after'
is_rc 2 "edit -d with no date: exit 2"
like_err "not a date journal understands: the day after" \
    "edit -d with no date: says so"
run "$JOURNAL" edit -f "$J" "$C" -r 'bad key=1'
is_rc 2 "edit -r with a bad rating: exit 2"
ok_if "edit refused: the journal unchanged" cmp -s "$T/before" "$J"
run "$JOURNAL" edit -f "$J" "$C" -t 'no good'
is_rc 2 "edit -t with a bad tag: exit 2"
run "$JOURNAL" check -f "$J"
is_rc 0 "after edits with options: check finds no problem"

# Two edits at once both land: each reads, under the lock, what the
# other wrote.
fresh
"$JOURNAL" edit -f "$J" "$B" -t one & _p1=$!
"$JOURNAL" edit -f "$J" "$B" -t two & _p2=$!
wait "$_p1"; _r1=$?
wait "$_p2"; _r2=$?
ok_if "two edits with options at once: both exit 0" \
    [ "$_r1" -eq 0 ] && [ "$_r2" -eq 0 ]
run head_of "$B"
like_out "@home @(one @two|two @one) supersedes=" \
    "two edits with options at once: the live entry has both tags"
ok_if "two edits with options at once: three live entries" \
    [ "$("$JOURNAL" list -f "$J" --format tsv | wc -l)" -eq 3 ]

# --- Item 11: delete of several ids, or of list's filters, shown first
# and asked on a terminal.

# live: the bodies of the live entries, joined by commas.
live() {
	"$JOURNAL" list -f "$J" --format tsv | cut -f6 | sed 's/\\n$//' |
	    paste -sd, -
}

fresh
run "$JOURNAL" delete -f "$J" "$A" "$C"
is_rc 2 "delete of two ids, not on a terminal, without -y: exit 2"
like_err "not on a terminal, delete does not ask: add -y to delete these entries; nothing was deleted" \
    "delete without a terminal and without -y: says to add -y"
ok_if "delete refused: nothing deleted" [ "$(live)" = "first entry,second entry,third entry" ]
like_out "^2026-11-20 08:00  $A first entry\$" \
    "delete shows each entry as list --short does"
ok_if "delete shows one line for each entry" [ "$(wc -l <"$OUT")" -eq 2 ]

run "$JOURNAL" delete -f "$J" -y "$A" "$C" "$A"
is_rc 0 "delete -y of two ids, one given twice: exit 0"
ok_if "delete -y of two ids: both gone" [ "$(live)" = "second entry" ]
ok_if "delete -y of two ids: two tombstones" \
    [ "$(grep -c '^%%delete ' "$J")" -eq 2 ]

fresh
run "$JOURNAL" delete -f "$J" -y -t work --since 2026-11-21
is_rc 0 "delete -y with list's filters: exit 0"
ok_if "delete -t work --since: only the entry passing both" \
    [ "$(live)" = "first entry,second entry" ]
run "$JOURNAL" delete -f "$J" -y -g 'NO SUCH'
is_rc 1 "delete of filters that match nothing: exit 1"
like_err "no entry matched" "delete of filters that match nothing: says so"
run "$JOURNAL" delete -f "$J"
is_rc 2 "delete without ids or filters: exit 2"
like_err "^usage:" "delete without ids or filters: the usage"
run "$JOURNAL" delete -f "$J" -y -t work "$A"
is_rc 2 "delete with ids and filters: exit 2"

if $have_tty; then
	fresh
	tty_answer n "'$JOURNAL' delete -f '$J' -t work"
	like_out "Delete these 2 entries\\? \\[y/N\\]" \
	    "delete on a terminal: asks"
	like_out "nothing was deleted" "delete on a terminal, answered n: says so"
	like_out "rc=1" "delete on a terminal, answered n: exit 1"
	ok_if "delete on a terminal, answered n: nothing deleted" \
	    [ "$(live)" = "first entry,second entry,third entry" ]
	tty_answer y "'$JOURNAL' delete -f '$J' -t work"
	like_out "rc=0" "delete on a terminal, answered y: exit 0"
	ok_if "delete on a terminal, answered y: both deleted" \
	    [ "$(live)" = "second entry" ]
else
	for _t in asks says exit nothing exit0 deleted; do
		skip "delete on a terminal: $_t" "no script(1)"
	done
fi

finish
