#!/bin/sh
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

# score-about.sh: whom a check-in is about.  score --about records the
# person as a tag, none for partner; a check-in without --about is about
# the person of the latest one; report and compare review one person, or
# each apart; a bad name is one line and exit 2.  Two people's check-ins
# interleaved in one journal give two reviews, worked out by hand below.

. "$top_srcdir/tests/lib.sh"

TZ=UTC0
JOURNAL_NOW=2026-11-25T12:00:00Z	# a Wednesday
export TZ JOURNAL_NOW
unset JOURNAL_FILE TERM
J=$T/journal

"$SCORE" --items >"$T/items"

# answers V: every item of the dimensions answered so that each dimension
# scores V (a reverse-keyed item 6 - V on the 1 to 5 scale), the
# closeness picture 4 and happiness 3.
answers() {
	awk -F '\t' -v v="$1" '
	$2 == "global" { print $1 "=" ($1 == "closeness" ? 4 : 3); next }
	{ print $1 "=" ($4 == "reversed" ? 6 - v : v) }' "$T/items"
}

# checkin DAY HOUR V [NAME]: a check-in on 2026-DAY at HOUR:00, every
# dimension V, about NAME if given.
checkin() {
	answers "$3" >"$T/answers"
	JOURNAL_NOW=2026-$1T$2:00:00Z "$SCORE" -f "$J" \
	    --answers "$T/answers" ${4:+--about "$4"} >/dev/null
}

# --- Two people, interleaved.  Anna's check-ins at 20:00 on four
# Mondays score 2, 2, 4 and 4 in every dimension; Bob's an hour later on
# the same days score 3 each time.
#
# Anna, by hand: the latest is 4.0, "often"; her first weekly score of
# the 8 weeks (from 2026-10-05) is 2 in the week of 2026-11-02, and her
# last two are 4 and 4, both 2.0 above it.  Without ten check-ins of her
# own, the threshold is 1.96 * sqrt(2) * SD * sqrt(1 - alpha) with SD 0.8
# and alpha 0.80: 1.96 * 1.414 * 0.8 * 0.447 = 0.99, shown 1.0; 2.0 is
# past it, so the overall score went up by 2.0 since 2026-11-02.
# Bob, by hand: 3, 3, 3, 3: the latest 3.0, "sometimes", no change.
# Mixed as one review, each week's score would be its latest check-in,
# Bob's, and Anna's change would not show at all.
for d in 11-02 11-09 11-16 11-23; do
	case $d in
	11-02|11-09) v=2 ;;
	*) v=4 ;;
	esac
	checkin "$d" 20 "$v" anna
	checkin "$d" 21 3 Bob
done

ok_if "--about: a tag about/NAME in lower case (Bob is bob)" \
    [ "$(grep -c '^%%entry .*@checkin @about/bob ' "$J")" -eq 4 ]
ok_if "--about anna: four records tagged about/anna" \
    [ "$(grep -c '^%%entry .*@about/anna ' "$J")" -eq 4 ]

run "$SCORE" report -f "$J" --about anna
is_rc 0 "report --about anna: exit 0"
like_out '^4 check-ins about anna, the latest on 2026-11-23;' \
    "report --about anna: her 4 check-ins, not 8"
like_out '^  overall +[^ ].* 4\.0  often$' \
    "report --about anna: overall 4.0 often"
like_out 'Change: the overall score went up by 2\.0 since the week of' \
    "report --about anna: up by 2.0, as worked out"
unlike_out 'about bob' "report --about anna: nothing of Bob's"

run "$SCORE" report -f "$J" --about BOB
is_rc 0 "report --about BOB: exit 0, the name folded"
like_out '^4 check-ins about bob, the latest on 2026-11-23;' \
    "report --about bob: his 4 check-ins"
like_out '^  overall +[^ ].* 3\.0  sometimes$' \
    "report --about bob: overall 3.0 sometimes"
unlike_out 'went (up|down)' "report --about bob: no change"

run "$SCORE" report -f "$J"
is_rc 0 "report: exit 0"
ok_if "report: two reviews, anna's then bob's" [ "$(grep -E \
    '^4 check-ins about (anna|bob),' "$OUT" | cut -d' ' -f4 |
    tr '\n' ' ')" = "anna, bob, " ]
ok_if "report: two overall lines, 4.0 then 3.0" [ "$(grep '^  overall ' \
    "$OUT" | awk '{ print $(NF - 1) }' | tr '\n' ' ')" = "4.0 3.0 " ]
ok_if "report: the daily ratings and the note once" [ "$(grep -c \
    -e 'No daily ratings' -e 'not a diagnosis' "$OUT")" -eq 2 ]
ok_if "report: lines of at most 72 columns" \
    awk 'length > 72 { exit 1 }' "$OUT"

run "$SCORE" report -f "$J" --format tsv
ok_if "tsv: 8 rows, each ending with its person, 4 anna's, 4 bob's" [ \
    "$(awk -F '\t' 'NR > 1 { n[$NF]++ } END { print n["anna"], n["bob"] }' \
    "$OUT")" = "4 4" ]

if command -v python3 >/dev/null 2>&1; then
	run "$SCORE" report -f "$J" --format json
	ok_if "json: people, anna 4.0 up, bob 3.0 about the same" python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))
p = r["people"]
assert [x["about"] for x in p] == ["anna", "bob"]
assert [len(x["checkins"]) for x in p] == [4, 4]
assert p[0]["total"]["latest"] == 4.0 and p[0]["total"]["change"] == "up"
assert p[1]["total"]["latest"] == 3.0
assert p[1]["total"]["change"] == "about the same"
' "$OUT"
	run "$SCORE" report -f "$J" --format json --about anna
	ok_if "json --about anna: one person, flat" python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))
assert r["about"] == "anna" and "people" not in r
assert len(r["checkins"]) == 4
' "$OUT"
	run "$SCORE" report -f "$J" --format mail --to me@example.org
	ok_if "mail: both parts name both people" python3 -c '
import email, sys
from email import policy
m = email.message_from_binary_file(open(sys.argv[1], "rb"),
    policy=policy.default)
t = m.get_body(("plain",)).get_content()
h = m.get_body(("html",)).get_content()
for s in (t, h):
    assert "about anna" in s and "about bob" in s, s[:200]
assert ">About anna</h2>" in h and ">About bob</h2>" in h
' "$OUT"
else
	skip "json: people" "no python3"
	skip "json --about anna" "no python3"
	skip "mail: both parts" "no python3"
fi

run "$SCORE" report -f "$J" --format html --about anna
like_out '4 check-ins about anna, the latest on' "html --about anna: named"
unlike_out '<h2[^>]*>About' "html --about anna: no heading per person"

run "$SCORE" report -f "$J" --about carol
is_rc 1 "report --about carol, no check-in: exit 1"
like_out '^No check-in about carol in these 8 weeks' \
    "report --about carol: says so, by name"

# --- A bad name: one line, exit 2, nothing saved.
answers 3 >"$T/answers"
cp "$J" "$T/before"
for bad in 'two words' '' -dash 'a.b' "$(printf 'x%.0s' $(seq 32))" \
    'zoë'; do
	run "$SCORE" -f "$J" --answers "$T/answers" --about "$bad"
	is_rc 2 "--about '$bad': exit 2"
	ok_if "--about '$bad': one line on stderr, naming the rule" \
	    [ "$(wc -l <"$ERR")" -eq 1 ] && grep -q "letters, digits" "$ERR"
done
ok_if "bad names: nothing saved" cmp -s "$J" "$T/before"
run "$SCORE" report -f "$J" --about 'a b'
is_rc 2 "report --about 'a b': exit 2"
run "$SCORE" -f "$J" --answers "$T/answers" \
    --about "$(printf 'x%.0s' $(seq 31))" -n
is_rc 0 "--about of 31 bytes: taken"

# --- The default: the person of the latest check-in.  Bob's was last.
run "$SCORE" -f "$J" --answers "$T/answers" -n
like_out '^%%entry .*@checkin @about/bob ' "no --about: about bob, the last"
like_out 'Your check-in of 2026-11-25 about bob,' "no --about: says about bob"
run "$SCORE" -f "$J" --answers "$T/answers" --about partner -n
like_out '^%%entry .*@checkin( [a-z_]+=|$)' "--about partner: no tag"
unlike_out '@about/' "--about partner: reads as a check-in from before"

# Check-ins from before --about count as about partner.
P=$T/old
cat >"$P" <<'EOF'
%%journal 1
EOF
answers 3 >"$T/answers"
JOURNAL_NOW=2026-11-23T20:00:00Z "$SCORE" -f "$P" --answers "$T/answers" \
    >/dev/null
ok_if "a journal of old check-ins: no tag" [ "$(grep -c '@about/' "$P")" -eq 0 ]
run "$SCORE" report -f "$P"
like_out '^1 check-in about partner,' "old check-ins: about partner"
run "$SCORE" -f "$P" --answers "$T/answers" -n
unlike_out '@about/' "old check-ins: the default stays partner"

# --- compare, per person: my check-in about sam, sam's about me.
mkdir -p "$T/cmp"
answers 3 >"$T/answers"
JOURNAL_NOW=2026-11-23T20:00:00Z "$SCORE" -f "$T/cmp/a" \
    --answers "$T/answers" --about sam >/dev/null
answers 4 >"$T/answers"
JOURNAL_NOW=2026-11-24T20:00:00Z "$SCORE" -f "$T/cmp/a" \
    --answers "$T/answers" --about mum >/dev/null
answers 5 >"$T/answers"
JOURNAL_NOW=2026-11-23T21:00:00Z "$SCORE" -f "$T/cmp/b" \
    --answers "$T/answers" --about alex >/dev/null
run "$SCORE" compare "$T/cmp/a" "$T/cmp/b"
is_rc 0 "compare: exit 0"
like_out "first: .*, 2026-11-24, about mum$" "compare: the latest, about mum"
run "$SCORE" compare --about sam --about alex "$T/cmp/a" "$T/cmp/b"
is_rc 0 "compare --about sam --about alex: exit 0"
like_out "first: .*, 2026-11-23, about sam$" "compare: first about sam"
like_out "second: .*, 2026-11-23, about alex$" "compare: second about alex"
like_out '^  overall +3\.0 +5\.0' "compare: 3.0 against 5.0, by hand"
run "$SCORE" compare --about sam "$T/cmp/a" "$T/cmp/b"
is_rc 1 "compare --about sam: none in the second, exit 1"
like_err "no check-in about sam" "compare --about sam: says so"

# --- The terminal asks once, the last person the default.
if command -v script >/dev/null 2>&1 &&
    SHELL=/bin/sh script -qec true /dev/null </dev/null >/dev/null 2>&1; then
	K=$T/tty
	answers 3 | cut -d= -f2 >"$T/keys"
	JOURNAL_NOW=2026-11-20T20:00:00Z "$SCORE" -f "$K" \
	    --answers "$T/answers" --about dana >/dev/null
	{ echo; cat "$T/keys"; } | SHELL=/bin/sh script -qec \
	    "$(sq "$SCORE") -f $(sq "$K")" /dev/null >"$OUT" 2>&1
	like_out 'Who is this check-in about\?.*Enter for dana' \
	    "terminal: asks, dana the default"
	ok_if "terminal: asked once" [ "$(grep -c 'Who is this' "$OUT")" -eq 1 ]
	ok_if "terminal: Enter keeps dana" [ "$(grep -c '@about/dana ' \
	    "$K")" -eq 2 ]
	{ echo Eli; cat "$T/keys"; } | SHELL=/bin/sh script -qec \
	    "$(sq "$SCORE") -f $(sq "$K")" /dev/null >"$OUT" 2>&1
	ok_if "terminal: a name typed is recorded" [ "$(grep -c \
	    '@about/eli ' "$K")" -eq 1 ]
	{ echo 'not one'; echo q; } | SHELL=/bin/sh script -qec \
	    "$(sq "$SCORE") -f $(sq "$K")" /dev/null >"$OUT" 2>&1
	like_out 'not one is not one word' "terminal: a bad name, asked again"
	like_out 'Enter for eli' "terminal: eli, the last, now the default"
else
	for t in asks once Enter typed bad default; do
		skip "terminal: $t" "no script(1) giving a pty"
	done
fi

finish
