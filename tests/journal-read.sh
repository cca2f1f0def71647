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

#
# journal-read.sh: reading that is pleasant (issue 14, items 4 to 7):
# the text format through pipes, wrapped at words; the pager on a
# terminal; check-ins in one line; the filters of list and export; and
# export's formats, with jrnl's read back by import.

. "$top_srcdir/tests/lib.sh"

XDG_DATA_HOME=$T/data
XDG_STATE_HOME=$T/state
XDG_CONFIG_HOME=$T/config
TZ=UTC0
JOURNAL_NOW=2026-11-25T12:00:00Z
export XDG_DATA_HOME XDG_STATE_HOME XDG_CONFIG_HOME TZ JOURNAL_NOW
unset JOURNAL_FILE VISUAL EDITOR PAGER COLUMNS

have_tty=false
if command -v script >/dev/null 2>&1 &&
    SHELL=/bin/sh script -qec true /dev/null </dev/null >/dev/null 2>&1; then
	have_tty=true
fi

# on_tty CMDLINE: run a shell command line with stdout on a terminal of
# 20 rows and 40 columns; what it showed, without carriage returns, in
# $OUT.
on_tty() {
	SHELL=/bin/sh script -qec "stty rows 20 cols 40; $1" /dev/null \
	    </dev/null 2>"$ERR" | tr -d '\r' >"$OUT"
	RC=$?
}

J=$T/j/journal
"$JOURNAL" -f "$J" -d 2026-11-20T08:00 -t talk "A short one"
"$JOURNAL" -f "$J" -d 2026-11-21T08:00 -t walk -s \
    "We walked to the lake and talked about the summer, the garden, \
the children and what we would like to do next year together"
"$JOURNAL" -f "$J" -d 2026-11-22T08:00 -t talk -t walk \
    "Antidisestablishmentarianism supercalifragilisticexpialidocious"

# --- 4. The text format through pipes, wrapped at words.
run "$JOURNAL" list -f "$J"
is_rc 0 "list on a pipe: exit 0"
unlike_out '^%%entry' "list on a pipe: no raw records"
like_out '^2026-11-20 08:00 +[0-9a-z]+ +@talk$' "list on a pipe: text headings"
ok_if "list on a pipe: 80 columns at most" \
    [ "$(awk 'length > 80' "$OUT" | wc -l)" -eq 0 ]
like_out '^    We walked to the lake and talked about the summer, the garden, the children$' \
    "list on a pipe: a body wrapped at a word, at 80 columns"
like_out '^    and what we would like to do next year together$' \
    "list on a pipe: the rest of the body on the next line"
run env COLUMNS=30 "$JOURNAL" list -f "$J"
ok_if "COLUMNS=30: no line wider, but for a word alone" \
    [ "$(awk 'length > 30 && !/^    [^ ]+$/ && !/^2026/' "$OUT" | wc -l)" -eq 0 ]
like_out '^    Antidisestablishmentarianism$' \
    "COLUMNS=30: a word too long for the width, alone on its line"
like_out '^    supercalifragilisticexpialidocious$' \
    "COLUMNS=30: never cut in the middle"
run "$JOURNAL" list -f "$J" --format raw
like_out '^%%entry 2026-11-20T08:00:00Z ' "--format raw: the records"
ok_if "--format raw: the file's records, byte for byte" \
    [ "$(grep -c '^%%' "$OUT")" -eq 6 ]

if $have_tty; then
	on_tty "'$JOURNAL' list -f '$J'"
	ok_if "on a terminal of 40 columns: lines wrapped to 40" \
	    [ "$(awk 'length > 40 && !/^    [^ ]+$/ && !/^2026/' "$OUT" |
	    wc -l)" -eq 0 ]
	like_out '^    We walked to the lake and talked$' \
	    "on a terminal of 40 columns: wrapped at a word"
else
	skip "on a terminal of 40 columns: lines wrapped to 40" "no pty"
	skip "on a terminal of 40 columns: wrapped at a word" "no pty"
fi

# The pager: a script that says it ran, and shows what it was given.
LJ=$T/long/journal
i=1
while [ $i -le 12 ]; do
	"$JOURNAL" -f "$LJ" -d "2026-11-$((i + 10))T08:00" "entry number $i"
	i=$((i + 1))
done
printf '#!/bin/sh\necho ran >>"%s/pager-ran"\ncat\n' "$T" >"$T/pager"
chmod 755 "$T/pager"
pager_ran() {
	[ -s "$T/pager-ran" ]
}
no_pager() {
	[ ! -e "$T/pager-ran" ]
}
if $have_tty; then
	rm -f "$T/pager-ran"
	on_tty "PAGER='$T/pager' '$JOURNAL' list -f '$LJ'"
	ok_if "long output on a terminal: through PAGER" pager_ran
	like_out 'entry number 12' "long output on a terminal: all of it shown"
	rm -f "$T/pager-ran"
	on_tty "PAGER='$T/pager' '$JOURNAL' list -f '$LJ' -n 2"
	ok_if "short output on a terminal: no pager" no_pager
	like_out 'entry number 12' "short output on a terminal: shown"
	rm -f "$T/pager-ran"
	on_tty "PAGER='$T/pager' '$JOURNAL' list -f '$LJ' --no-pager"
	ok_if "--no-pager: no pager" no_pager
	like_out 'entry number 1$' "--no-pager: all shown"
	mkdir -p "$T/config/rapport"
	printf '[journal]\npager = no\n' >"$T/config/rapport/config"
	rm -f "$T/pager-ran"
	on_tty "PAGER='$T/pager' '$JOURNAL' list -f '$LJ'"
	ok_if "pager = no in the configuration: no pager" no_pager
	like_out 'entry number 1$' "pager = no: all shown"
	rm -f "$T/config/rapport/config"
	on_tty "PAGER='$T/nowhere' '$JOURNAL' list -f '$LJ'"
	like_out 'entry number 12' "a pager not found: shown all the same"
else
	for d in "long output on a terminal: through PAGER" \
	    "long output on a terminal: all of it shown" \
	    "short output on a terminal: no pager" \
	    "short output on a terminal: shown" \
	    "--no-pager: no pager" "--no-pager: all shown" \
	    "pager = no in the configuration: no pager" \
	    "pager = no: all shown" \
	    "a pager not found: shown all the same"; do
		skip "$d" "no script(1) giving a pty"
	done
fi
rm -f "$T/pager-ran"
run env PAGER="$T/pager" "$JOURNAL" list -f "$LJ"
ok_if "long output on a pipe: no pager" no_pager
mkdir -p "$T/config/rapport"
printf '[journal]\npager = maybe\n' >"$T/config/rapport/config"
run "$JOURNAL" list -f "$LJ"
is_rc 2 "pager = maybe: refused, exit 2"
rm -f "$T/config/rapport/config"

# --- 5. A check-in of score's in one line.
CJ=$T/c/journal
"$SCORE" --items | awk -F '\t' '$2 != "global" {
	v = $2 == "care" ? 2 : $2 == "presence" ? 5 : 3
	print $1 "=" ($4 == "reversed" ? 6 - v : v) }' >"$T/answers"
run "$SCORE" -f "$CJ" --answers "$T/answers"
is_rc 0 "score: a check-in written"
run "$JOURNAL" list -f "$CJ"
like_out '^2026-11-25 12:00  [0-9a-z]+  @checkin  check-in: [0-9.]+ overall, weakest care 2\.0, strongest presence 5\.0$' \
    "list: a check-in's heading sums it up"
unlike_out 'care_ask=' "list: a check-in's answers are not shown"
ok_if "list: a check-in in two lines and a blank" [ "$(wc -l <"$OUT")" -eq 3 ]
run "$JOURNAL" list -f "$CJ" --format raw
like_out '^%%entry .* care_ask=2 .* presence=5\.0 .*total=' \
    "--format raw: the check-in whole"
run "$JOURNAL" list -f "$CJ" --format jsonl
like_out '"care_ask":2,' "--format jsonl: the check-in's answers"
like_out '"presence":5,' "--format jsonl: the check-in's scores"
"$JOURNAL" -f "$CJ" -d 2026-11-24 -t checkin -r care=3 -r repair=4 \
    "by hand"
run "$JOURNAL" list -f "$CJ" --until 2026-11-24
like_out '@checkin  check-in: weakest care 3\.0, strongest repair 4\.0$' \
    "list: a check-in by hand, without a total, summed up"
"$JOURNAL" -f "$CJ" -d 2026-11-23 -t checkin -r listen=3 "not score's"
run "$JOURNAL" list -f "$CJ" --until 2026-11-23
like_out '@checkin  listen=3$' "list: without a dimension, the ratings"

# --- 6. Filters.
FJ=$T/f/journal
"$JOURNAL" -f "$FJ" -d 2024-11-25T20:00 -t talk "Two years ago: PHONES away"
"$JOURNAL" -f "$FJ" -d 2025-11-25 -t walk "A year ago, all day"
"$JOURNAL" -f "$FJ" -d 2025-11-26T08:00 -t talk -t walk "A year ago and a day"
"$JOURNAL" -f "$FJ" -d 2026-11-24T23:30 -t home "Yesterday late, phones"
"$JOURNAL" -f "$FJ" -d 2026-11-25T09:00 "Today, no tag"
# bodies EXPECTED desc: the first lines of the bodies listed, | between.
bodies() {
	[ "$(cut -f6 "$OUT" | sed 's/\\n.*//' | paste -sd '|' -)" = "$1" ]
}
lsf() {
	run "$JOURNAL" list -f "$FJ" --format tsv "$@"
}
lsf --on yesterday
ok_if "--on yesterday: that day only" bodies "Yesterday late, phones"
lsf --on 2025-11-25
ok_if "--on a date: the all-day entry of that day" bodies "A year ago, all day"
lsf -T talk
ok_if "-T talk: the entries without the tag" \
    bodies "A year ago, all day|Yesterday late, phones|Today, no tag"
lsf --not-tag @walk --not-tag home
ok_if "--not-tag twice: neither" \
    bodies "Two years ago: PHONES away|Today, no tag"
lsf --any-tag home --any-tag walk
ok_if "--any-tag twice: either" \
    bodies "A year ago, all day|A year ago and a day|Yesterday late, phones"
lsf --any-tag home --any-tag walk -t talk
ok_if "--any-tag with -t: one of those and this one" \
    bodies "A year ago and a day"
lsf -g phones
ok_if "-g in lower case: either case (smart case)" \
    bodies "Two years ago: PHONES away|Yesterday late, phones"
lsf -g Phones
is_rc 1 "-g with an upper-case letter: case-sensitive, nothing"
lsf -g phones -I
ok_if "-g with -I: case-sensitive" bodies "Yesterday late, phones"
lsf -g PHONES -i
ok_if "-g with -i: case-insensitive" \
    bodies "Two years ago: PHONES away|Yesterday late, phones"
lsf --anniversary
ok_if "--anniversary: this day in earlier years" \
    bodies "Two years ago: PHONES away|A year ago, all day"
run env JOURNAL_NOW=2027-11-24T10:00:00Z "$JOURNAL" list -f "$FJ" \
    --format tsv --anniversary
ok_if "--anniversary: JOURNAL_NOW's day" bodies "Yesterday late, phones"
run "$JOURNAL" list -f "$FJ" --short
is_rc 0 "--short: exit 0"
ok_if "--short: one line an entry" [ "$(wc -l <"$OUT")" -eq 5 ]
like_out '^2024-11-25 20:00  [0-9a-z]+ Two years ago' "--short: date, time, id, text"
like_out '^2025-11-25        [0-9a-z]+ A year ago, all day$' \
    "--short: an all-day entry's date"
run env COLUMNS=40 "$JOURNAL" list -f "$FJ" --short
like_out '^2024-11-25 20:00  [0-9a-z]+ Two years a$' "--short: cut to the width"
ok_if "--short: no line wider" \
    [ "$(awk 'length > 40' "$OUT" | wc -l)" -eq 0 ]
run "$JOURNAL" -n 2 -f "$FJ"
is_rc 0 "journal -n 2: exit 0"
like_out '^2026-11-24 23:30 ' "journal -n 2: list -n 2"
unlike_out '2025-11-26' "journal -n 2: the last two only"
ok_if "journal -n 2: nothing written" [ "$(grep -c '^%%entry' "$FJ")" -eq 5 ]
run "$JOURNAL" -n2 -f "$FJ" --format tsv
ok_if "journal -n2 -f FILE: the last two" \
    bodies "Yesterday late, phones|Today, no tag"
run "$JOURNAL" -f "$FJ" -n 2 --format tsv
is_rc 0 "journal -f FILE -n 2: exit 0"
ok_if "journal -f FILE -n 2: the last two, as with -n first" \
    bodies "Yesterday late, phones|Today, no tag"
lsf -t nope
is_rc 1 "nothing matched: exit 1"
no_out "nothing matched: nothing on stdout"
like_err "no entry matched" "nothing matched: said on stderr"

# --- 7. export: list's filters, and markdown, json, jsonl and jrnl.
PY=
if command -v python3 >/dev/null 2>&1; then
	PY=python3
fi
XJ=$T/x/journal
"$JOURNAL" -f "$XJ" -d 2026-11-20T08:00 -t talk -t talkative \
    "We talked @talkative about it"
printf 'Walk\nsecond line\n' |
    "$JOURNAL" -f "$XJ" -d 2026-11-21T09:15:30 -s -t walk -t talk
"$JOURNAL" -f "$XJ" -d 2026-11-22 -t x "All day"
run "$JOURNAL" export -f "$XJ" --format jsonl -t walk
is_rc 0 "export -t walk: exit 0"
ok_if "export -t walk: that entry only" [ "$(wc -l <"$OUT")" -eq 1 ]
like_out '"body":"Walk\\nsecond line\\n"' "export -t walk: its body"
run "$JOURNAL" export -f "$XJ" --format markdown --since 2026-11-22
ok_if "export --since: one heading" [ "$(grep -c '^## ' "$OUT")" -eq 1 ]
like_out '^## 2026-11-22$' "export --format markdown: the heading"
run "$JOURNAL" export -f "$XJ" --format jsonl -T walk -g DAY -i
ok_if "export -T walk -g DAY -i: one entry" [ "$(wc -l <"$OUT")" -eq 1 ]
run "$JOURNAL" export -f "$XJ" --format json
is_rc 0 "export --format json: exit 0"
if [ -n "$PY" ]; then
	ok_if "export --format json: one array of three objects" $PY -c '
import json, sys
a = json.load(open(sys.argv[1]))
sys.exit(not (isinstance(a, list) and len(a) == 3 and
    [e["starred"] for e in a] == [False, True, False]))' "$OUT"
else
	skip "export --format json: one array of three objects" "no python3"
fi
run "$JOURNAL" export -f "$XJ" --format json -t nope
is_rc 1 "export --format json, nothing: exit 1"
is_out "[]" "export --format json, nothing: an empty array"
run "$JOURNAL" export -f "$XJ" --format json --short
is_rc 2 "export --short: refused"

run "$JOURNAL" export -f "$XJ" --format jrnl
cp "$OUT" "$T/export.jrnl"
like_out '^\[2026-11-20 08:00\] We talked @talkative about it @talk$' \
    "jrnl: a tag in the text is not added again, a longer one is no tag"
like_out '^\[2026-11-21 09:15:30\] Walk @walk @talk \*$' \
    "jrnl: missing tags and the star on the title line, seconds kept"
like_out '^\[2026-11-22 09:00\] All day @x$' \
    "jrnl: an all-day entry at 09:00, as jrnl dates a day"
run env TZ=EST5 "$JOURNAL" export -f "$XJ" --format jrnl
like_out '^\[2026-11-20 03:00\] We talked' "jrnl: times are local, as jrnl's"

# What jrnl 4.6 reads of the export, after its Journal._parse and
# Entry._parse_text: entries at lines "[date] ", a star at the end of the
# first line, tags the @words after a blank, in lower case.
if [ -n "$PY" ]; then
	"$JOURNAL" export -f "$XJ" --format jsonl >"$T/export.jsonl"
	ok_if "jrnl reads the export's entries, dates, tags and stars" \
	    $PY -c '
import json, re, sys
text = open(sys.argv[1], encoding="utf-8").read()
ours = [json.loads(l) for l in open(sys.argv[2], encoding="utf-8")]
blobs = list(re.finditer(r"(?:^|\n)\[([^\]]+)\] ", text))
got = []
for i, m in enumerate(blobs):
    end = blobs[i + 1].start() if i + 1 < len(blobs) else len(text)
    t = text[m.end():end]
    lines = t.splitlines()
    star = lines[0].strip().endswith("*")
    tags = {x.lower()[1:] for x in
        re.findall(r"(?u)(?:^|\s)([@][-+*#/\w]+)", t)}
    got.append((m.group(1), star, tags))
want = []
for e in ours:
    ts = e["ts"]
    when = ts[:10] + " 09:00" if e["all_day"] else \
        ts[:10] + " " + (ts[11:16] if ts[17:19] == "00" else ts[11:19])
    want.append((when, e["starred"], set(e["tags"])))
sys.exit(got != want)' "$T/export.jrnl" "$T/export.jsonl"
else
	skip "jrnl reads the export's entries, dates, tags and stars" \
	    "no python3"
fi

# Read back by import: the same entries, but for the tags the export had
# to write into the text, and the all-day entry now at 09:00.
run "$JOURNAL" import -f "$T/back/journal" --from jrnl "$T/export.jrnl"
is_rc 0 "export --format jrnl | import: exit 0"
"$JOURNAL" list -f "$T/back/journal" --format tsv | cut -f2- |
    sed 's/,/ /g' >"$T/after"
printf '%s\t%s\t%s\t\t%s\n' \
    2026-11-20T08:00:00Z 0 'talkative talk' \
    'We talked @talkative about it @talk\n' \
    2026-11-21T09:15:30Z 1 'walk talk' 'Walk @walk @talk\nsecond line\n' \
    2026-11-22T09:00:00Z 0 x 'All day @x\n' \
    >"$T/want"
ok_if "export --format jrnl | import: the same entries, tags and stars" \
    cmp -s "$T/want" "$T/after"

finish
