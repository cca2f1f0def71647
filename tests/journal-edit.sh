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
run "$JOURNAL" edit -f "$J" "$C" -d 2026-12-25
is_rc 2 "edit -d a day ahead: exit 2"
like_err "^journal: -d 2026-12-25: 2026-12-25 is in the future; nothing was written \\(--future writes it\\)\$" \
    "edit -d a day ahead: refused as when writing, --future named"
ok_if "edit -d a day ahead: the journal unchanged" cmp -s "$T/before" "$J"
run "$JOURNAL" edit -f "$J" "$C" --future
is_rc 2 "edit --future without -d: exit 2"
like_err "--future goes with -d" "edit --future without -d: says so"
run "$JOURNAL" edit -f "$J" "$C" -d 2026-12-25 --future
is_rc 0 "edit -d a day ahead --future: exit 0"
run head_of "$C"
like_out "^%%entry 2026-12-25 [a-z0-9]+ .*supersedes=$C" \
    "edit -d a day ahead --future: dated ahead"
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

# --- Item 11: edit of list's filters, the entries together in the editor.

# An editor that keeps a copy of its file, then runs SED_CMD on it.
cat >"$T/bin/sed-ed" <<'EOS'
#!/bin/sh
cp "$1" "$SED_SEEN"
sed -i "$SED_CMD" "$1"
EOS
chmod 755 "$T/bin/sed-ed"
SED_SEEN=$T/seen
export SED_SEEN
# sed_edit SED-COMMAND ARGS...: journal edit ARGS, the editor running the
# sed command on its file.
sed_edit() {
	_cmd=$1
	shift
	EDITOR=$T/bin/sed-ed SED_CMD=$_cmd run "$JOURNAL" edit -f "$J" "$@"
}

fresh
printf 'fourth\n%%%%=looks like a line\n' |
    "$JOURNAL" -f "$J" -d 2026-11-24T11:00:00Z -t work
D=$("$JOURNAL" list -f "$J" --format tsv | sed -n 4p | cut -f1)
sed_edit 's/^first entry$/first, changed/' -t work
is_rc 0 "edit of a filtered set: exit 0"
ok_if "edit of a filtered set: the work entries in one file, each below its line" \
    [ "$(grep -c "^%%== [a-z0-9]* 2026-11-2[04]T" "$T/seen")" -eq 3 ]
ok_if "edit of a filtered set: the home entry left out" \
    [ "$(grep -c 'second entry' "$T/seen")" -eq 0 ]
ok_if "edit of a filtered set: a line of the text like %%= makes the marker longer" \
    grep -q "^%%== $D 2026-11-24T11:00:00Z @work\$" "$T/seen"
ok_if "edit of a filtered set: the template says a removed block is not deleted" \
    grep -q '^%%# .*is not deleted' "$T/seen"
ok_if "edit of a filtered set: one edit record, for the changed entry" \
    [ "$(grep -c 'supersedes=' "$J")" -eq 1 ]
run head_of "$A"
like_out "^%%entry 2026-11-20T08:00:00Z [a-z0-9]+ @work mood=3 supersedes=$A\$" \
    "edit of a filtered set: the changed entry keeps its fields"
ok_if "edit of a filtered set: the texts" \
    [ "$(live)" = 'first, changed,second entry,third entry,fourth\n%%=looks like a line' ]
ok_if "edit of a filtered set: an unchanged entry left as it was" \
    [ "$(grep -c '^\\%%=looks like a line$' "$J")" -eq 1 ]

cp "$J" "$T/before"
sed_edit "/^third entry\$/d" -t work --since 2026-11-23
is_rc 1 "edit of a filtered set, a text removed: exit 1"
like_err "no entry was changed; nothing was written" \
    "edit of a filtered set, a text removed: nothing changed, nothing deleted"
ok_if "edit of a filtered set, a text removed: the journal unchanged" \
    cmp -s "$T/before" "$J"
sed_edit "/^%%==* $C/,/^\$/d" -t work
is_rc 1 "edit of a filtered set, a block removed: exit 1"
ok_if "edit of a filtered set, a block removed: the journal unchanged" \
    cmp -s "$T/before" "$J"
sed_edit "1s/^%%==* [a-z0-9]*/%%== nosuchid/; s/^fourth/FOURTH/" -t work
is_rc 2 "edit of a filtered set, a marker line changed: exit 2"
like_err "a line starting with %%= was changed or repeated; nothing was written; your text is in " \
    "edit of a filtered set, a marker line changed: says so, and where the text is"
ok_if "edit of a filtered set, a marker line changed: the journal unchanged" \
    cmp -s "$T/before" "$J"
rm -rf "$T"/.journal-edit.*
sed_edit "s/^fourth/FOURTH/" -t nosuchtag
is_rc 1 "edit of a filtered set that matches nothing: exit 1"
like_err "no entry matched" "edit of a filtered set that matches nothing: says so"
run "$JOURNAL" edit -f "$J" -d yesterday -t work
is_rc 2 "edit of a filtered set with -d: exit 2"
like_err "change the entry of an id" "edit of a filtered set with -d: says -d needs an id"
run "$JOURNAL" edit -f "$J" --since yesterday "$A"
is_rc 2 "edit with an id and --since: exit 2"

# --- Item 13: check --accept keeps the text of entries edited by hand.

fresh
sed 's/^second entry$/second entry, fixed by hand/' "$J" >"$T/hand"
cat "$T/hand" >"$J"
run "$JOURNAL" list -f "$J" --short
like_err "entry $B: checksum mismatch \\(edited by hand or damaged; journal check --accept shows it and keeps it as it now reads\\)" \
    "a hand edit: the warning says how to accept it"
run "$JOURNAL" check -f "$J" --accept
is_rc 2 "check --accept, not on a terminal, without -y: exit 2"
like_err "not on a terminal, check --accept does not ask: add -y to keep this entry as it now reads; nothing was written" \
    "check --accept without a terminal: says to add -y"
ok_if "check --accept without a terminal: the journal unchanged" \
    cmp -s "$T/hand" "$J"
is_out "$J:5: entry $B 2026-11-22T09:00:00Z, edited by hand, now reads:
	second entry, fixed by hand" \
    "check --accept: shows the id, line and text as it now reads"
run "$JOURNAL" check -f "$J" --accept -y
is_rc 0 "check --accept -y: exit 0"
like_out "1 entry kept as edited by hand; the text as first written stays in the file until journal compact" \
    "check --accept -y: says what it did"
run head_of "$B"
like_out "^%%entry 2026-11-22T09:00:00Z [a-z0-9]+ @home supersedes=$B\$" \
    "check --accept -y: an edit that supersedes the entry"
ok_if "check --accept -y: the old text still in the file" \
    grep -q "^%%end $B " "$J"
run "$JOURNAL" list -f "$J" --short
no_err "after check --accept: no more warning"
like_out "second entry, fixed by hand" "after check --accept: the text as edited"
run "$JOURNAL" check -f "$J"
is_rc 0 "after check --accept: check passes"
like_out "entry $B: checksum mismatch, in a text since superseded or deleted, which compact removes" \
    "after check --accept: check notes the superseded hand edit"
run "$JOURNAL" check -f "$J" --accept -y
like_out "no entry edited by hand to accept" \
    "check --accept again: nothing left to accept"
run "$JOURNAL" compact -f "$J"
run "$JOURNAL" check -f "$J"
is_out "$J: 3 entries, 0 problems" "after compact: the old text gone, nothing noted"

if $have_tty; then
	fresh
	sed 's/^third entry$/third, by hand/' "$J" >"$T/hand"
	cat "$T/hand" >"$J"
	tty_answer n "'$JOURNAL' check -f '$J' --accept"
	like_out "Keep this entry as it now reads\\? \\[y/N\\]" \
	    "check --accept on a terminal: asks"
	like_out "rc=1" "check --accept on a terminal, answered n: exit 1"
	ok_if "check --accept on a terminal, answered n: nothing written" \
	    cmp -s "$T/hand" "$J"
	tty_answer y "'$JOURNAL' check -f '$J' --accept"
	like_out "rc=0" "check --accept on a terminal, answered y: exit 0"
	ok_if "check --accept on a terminal, answered y: an edit written" \
	    [ "$(grep -c "supersedes=$C" "$J")" -eq 1 ]
else
	for _t in asks exit1 nothing exit0 written; do
		skip "check --accept on a terminal: $_t" "no script(1)"
	done
fi

# check --repair's side file says what happened to the text.
fresh
printf 'stray text\n' >>"$J"
run "$JOURNAL" check -f "$J" --repair
is_rc 0 "check --repair: exit 0"
ok_if "the .rejected header says check --repair moved it, from where, and that it is out of the journal" \
    grep -q "^%%# moved here by journal check --repair from $J line 11: text outside any entry; it is no longer in the journal\$" \
    "$J.rejected"

finish
