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

# score.sh: the built score as a user runs it: check-ins from a file,
# from stdin and on a terminal, the scores worked out by hand, bad answers
# and bad instruments, --items, the report in text, tsv and json over ten
# weeks of check-ins and six weeks of daily ratings, --weakest with tip
# and prompt, compare, cron, damaged and missing journals, a journal the
# user may not write and a full disk.  Every journal lives under $T, "now"
# is pinned with JOURNAL_NOW and the zone with TZ.  Answer files are made
# from score --items; every expected score is worked out in this file
# from the answers it gives.

. "$top_srcdir/tests/lib.sh"

DATA=$top_srcdir/data/checkin
XDG_DATA_HOME=$T/data
XDG_STATE_HOME=$T/state
TZ=UTC0
NOW=2026-11-25T12:00:00Z	# a Wednesday; its week starts on 2026-11-23
JOURNAL_NOW=$NOW
export XDG_DATA_HOME XDG_STATE_HOME TZ JOURNAL_NOW
unset JOURNAL_FILE PROMPT_PATH TERM COLUMNS
mkdir -p "$T/a"

PY=
if command -v python3 >/dev/null 2>&1 && python3 -c 'import json' \
    2>/dev/null; then
	PY=python3
fi

# holds desc: the command list just run succeeded.
holds() {
	_rc=$?
	if [ "$_rc" -eq 0 ]; then pass "$1"; else fail "$1"; fi
}

same() {
	cmp -s "$1" "$2"
}

# err_lines: the number of lines on stderr.
err_lines() {
	wc -l <"$ERR" | tr -d ' '
}

# like_flat ERE desc: stdout with its lines joined and its blanks
# squeezed, as a wrapped paragraph reads, matches.
like_flat() {
	if tr '\n' ' ' <"$OUT" | tr -s ' ' | grep -Eq -- "$1"; then
		pass "$2"
	else
		fail "$2" "stdout, joined, should match /$1/"
	fi
}

# ascii_only FILE: no byte of FILE is above 127.
ascii_only() {
	[ "$(LC_ALL=C tr -d '\000-\177' <"$1" | wc -c)" -eq 0 ]
}

# --- The instrument as score lists it, and names for its parts.

"$SCORE" --items >"$T/items"
ITEMS=$T/items
# The dimensions' keys in their order, and the global items' keys.
awk -F '\t' '$2 != "global" && !seen[$2]++ { print $2 }' "$ITEMS" \
    >"$T/dims"
awk -F '\t' '$2 == "global" { print $1 }' "$ITEMS" >"$T/globals"
NDIMS=$(wc -l <"$T/dims" | tr -d ' ')
NITEMS=$(wc -l <"$ITEMS" | tr -d ' ')

# dim N: the key of the Nth dimension.
dim() {
	sed -n "${1}p" "$T/dims"
}

# dname KEY, dcat KEY: a dimension's name and category, from data/checkin.
dname() {
	awk -v k="$1" '$1 == "dimension" && $2 == k {
	    $1 = $2 = $3 = ""; sub(/^ +/, ""); print }' "$DATA"
}
dcat() {
	awk -v k="$1" '$1 == "dimension" && $2 == k { print $3 }' "$DATA"
}

# item_of DIM N: the key of the Nth item of DIM scored as answered;
# rev_of DIM: the key of its reverse-keyed item, if it has one.
item_of() {
	awk -F '\t' -v d="$1" -v n="$2" \
	    '$2 == d && $4 == "as-is" && ++i == n { print $1 }' "$ITEMS"
}
rev_of() {
	awk -F '\t' -v d="$1" '$2 == d && $4 == "reversed" { print $1 }' \
	    "$ITEMS"
}

# gen FILE BASE [SPEC ...]: an answers file of item=value lines, one per
# item of score --items.  BASE N answers so that every dimension scores
# N: its items N, a reverse-keyed item min+max-N (2 for 4 on 1 to 5);
# BASE =N answers every item N as it is.  Global items get N.  Then, in
# order, SPEC item=V sets an item, @dim=V makes a dimension score V in
# the same way, and V - leaves the item or the dimension unanswered.
gen() {
	_f=$1
	shift
	awk -F '\t' -v specs="$*" '
	BEGIN { n = split(specs, s, " ") }
	{
		split($3, r, "-")
		lo = r[1]; hi = r[2]
		if (s[1] ~ /^=/)
			v = substr(s[1], 2)
		else
			v = $4 == "reversed" ? lo + hi - s[1] : s[1]
		for (i = 2; i <= n; i++) {
			split(s[i], kv, "=")
			if (kv[1] == $1)
				v = kv[2]
			else if (kv[1] == "@" $2 && kv[2] == "-")
				v = "-"
			else if (kv[1] == "@" $2)
				v = $4 == "reversed" ? lo + hi - kv[2] : kv[2]
		}
		if (v != "-")
			print $1 "=" v
	}' "$ITEMS" >"$_f"
}

# hdr FILE: the words of the header of the latest check-in of FILE, read
# back by journal list, one a line.
hdr() {
	"$JOURNAL" list -f "$1" --format raw -t checkin |
	    grep '^%%entry ' | tail -n 1 | tr ' ' '\n'
}

# has FILE WORD...: the latest check-in's header holds every word.
has() {
	_j=$1
	shift
	hdr "$_j" >"$T/hdr"
	for _w in "$@"; do
		grep -qxF -- "$_w" "$T/hdr" || return 1
	done
}

# lacks FILE KEY: the latest check-in has no rating KEY.
lacks() {
	! hdr "$1" | grep -q "^$2="
}

# entries FILE: the number of entries, and of check-ins, of FILE.
entries() {
	"$JOURNAL" list -f "$1" --format raw | grep -c '^%%entry '
}
checkins() {
	"$JOURNAL" list -f "$1" --format raw -t checkin | grep -c '^%%entry '
}

# answers_in FILE ANSWERS: every item=value line of ANSWERS is a rating
# of the latest check-in of FILE.
answers_in() {
	hdr "$1" >"$T/hdr"
	while IFS= read -r _l; do
		grep -qxF -- "$_l" "$T/hdr" || return 1
	done <"$2"
}

# summary_line NAME SCORE BAND: the check-in's summary has NAME's line.
summary_line() {
	grep -Eq "^  $1 +$2  $3\$" "$OUT"
}

# starts_line NAME: a line of stdout starts with NAME, indented.
starts_line() {
	grep -q "^  $1 " "$OUT"
}

# every_dim CHECK ARG...: CHECK NAME ARG... holds for every dimension's
# name.
every_dim() {
	_c=$1
	shift
	for _d in $(cat "$T/dims"); do
		"$_c" "$(dname "$_d")" "$@" || return 1
	done
}

# --- score --items, and the shipped instrument.

run "$SCORE" --items
is_rc 0 "--items: exit 0"
ok_if "--items: a line per item line of data/checkin" [ "$(wc -l <"$OUT")" \
    -eq "$(grep -Ec '^(item|global|circles) ' "$DATA")" ]
ok_if "--items: every line has 5 tab-separated fields" \
    awk -F '\t' 'NF != 5 { exit 1 }' "$OUT"
ok_if "--items: keys in the order of data/checkin" [ "$(cut -f1 "$OUT")" = \
    "$(awk '$1 ~ /^(item|global|circles)$/ { print $2 }' "$DATA")" ]
ok_if "--items: keying is as-is or reversed, and matches data/checkin" [ \
    "$(awk -F '\t' '$2 != "global" { print $1, $4 }' "$OUT")" = \
    "$(awk '$1 == "item" { print $2, ($4 == "-" ? "reversed" : "as-is") }' \
    "$DATA")" ]
ok_if "--items: the dimensions' items are on the 1-5 scale" \
    awk -F '\t' '$2 != "global" && $3 != "1-5" { exit 1 }' "$OUT"
ok_if "shipped: 7 dimensions of 3 items each" [ "$(awk -F '\t' \
    '$2 != "global" { n[$2]++ } END { for (d in n) if (n[d] == 3) k++
    print k + 0, length(n) }' "$OUT")" = "7 7" ]
ok_if "shipped: 2 global items" [ "$(grep -c '	global	' "$OUT")" -eq 2 ]
ok_if "shipped: the closeness picture has 7 choices" \
    grep -Eq '^[a-z_]+	global	1-7	' "$OUT"
ok_if "data/checkin: every dimension has a did and a felt item" \
    awk '$1 == "dimension" { d = $2; dims[d] = 1 }
    $1 == "item" { k[d, $3]++ }
    END { for (d in dims) if (!k[d, "did"] || !k[d, "felt"]) exit 1 }' \
    "$DATA"
ok_if "data/checkin: no dimension has two reverse-keyed items" \
    awk '$1 == "dimension" { d = $2 } $1 == "item" && $4 == "-" { r[d]++ }
    END { for (d in r) if (r[d] > 1) exit 1 }' "$DATA"
ok_if "data/checkin: a scale of 5 points with labels" [ \
    "$(awk '$1 == "scale" && NF > 2 { printf "%s", $2 }' "$DATA")" = 12345 ]
run "$SCORE" -i "$DATA" --items
ok_if "--items: the built-in instrument is data/checkin" same "$OUT" \
    "$ITEMS"

# --- A check-in from --answers and from stdin.

# All answered 4, the reverse-keyed items 2: each item scores 4, so
# every dimension is 4.0, the total 4.0, "often".
gen "$T/a/four" 4
J=$T/c1/journal
run "$SCORE" -f "$J" --answers "$T/a/four"
is_rc 0 "--answers: exit 0"
no_err "--answers: nothing on stderr"
like_out "^Saved in $J\\.\$" "--answers: says where it is saved"
[ "$(entries "$J")" -eq 1 ] && [ "$(checkins "$J")" -eq 1 ]
holds "--answers: one entry, a check-in"
ok_if "--answers: the entry has the time of JOURNAL_NOW" \
    grep -q "^%%entry $NOW " "$J"
ok_if "--answers: every answer is a rating of the entry" \
    answers_in "$J" "$T/a/four"
set -- total=4.0
for d in $(cat "$T/dims"); do
	set -- "$@" "$d=4.0"
done
ok_if "--answers: each dimension 4.0 and the total 4.0 as ratings" \
    has "$J" "$@"
ok_if "--answers: a rating per answer, dimension and the total" [ \
    "$(hdr "$J" | grep -c =)" -eq $((NITEMS + NDIMS + 1)) ]
ok_if "--answers: the summary has every dimension at 4.0, often" \
    every_dim summary_line '4\.0' often
ok_if "--answers: the summary has overall 4.0, often" \
    summary_line overall '4\.0' often
like_out "not a diagnosis" "--answers: the summary says it is no diagnosis"
run "$JOURNAL" check -f "$J"
is_rc 0 "--answers: journal check passes afterwards"
like_out " 0 problems" "--answers: journal check finds no problem"

J=$T/c2/journal
run_stdin "$(cat "$T/a/four")
" "$SCORE" -f "$J"
is_rc 0 "stdin, a pipe: exit 0"
[ "$(checkins "$J")" -eq 1 ] && answers_in "$J" "$T/a/four"
holds "stdin, a pipe: one check-in with every answer"
ok_if "stdin, a pipe: the total 4.0" has "$J" total=4.0
"$SCORE" -f "$J" <"$T/a/four" >"$OUT" 2>"$ERR"
RC=$?
is_rc 0 "stdin, a file: exit 0"
ok_if "stdin, a file: a second check-in" [ "$(checkins "$J")" -eq 2 ]
run_stdin "$(cat "$T/a/four")" "$SCORE" -f "$J" --answers -
is_rc 0 "--answers -: exit 0"
ok_if "--answers -: a third check-in" [ "$(checkins "$J")" -eq 3 ]
run "$JOURNAL" check -f "$J"
like_out " 0 problems" "stdin: journal check finds no problem"
run env JOURNAL_FILE="$T/c3/journal" "$SCORE" --answers "$T/a/four"
ok_if "JOURNAL_FILE: the check-in goes there" [ "$(checkins \
    "$T/c3/journal")" -eq 1 ]
run "$SCORE" --answers "$T/a/four"
ok_if "no -f: the check-in goes to \$XDG_DATA_HOME/rapport/journal" \
    [ "$(checkins "$XDG_DATA_HOME/rapport/journal")" -eq 1 ]

# --dry-run: the record on stdout, the journal as it was.
J=$T/c4/journal
run "$SCORE" -n -f "$J" --answers "$T/a/four"
is_rc 0 "-n: exit 0"
ok_if "-n: no journal created" [ ! -e "$J" ]
like_out '^%%entry .* @checkin( |$)' "-n: prints the record's header"
like_out '^%%end ' "-n: prints the record's end line"
like_out "Not saved" "-n: says it saved nothing"
"$SCORE" -f "$J" --answers "$T/a/four" >/dev/null
cp "$J" "$T/c4-before"
run "$SCORE" --dry-run -f "$J" --answers "$T/a/four"
is_rc 0 "--dry-run on a journal: exit 0"
ok_if "--dry-run on a journal: the journal unchanged" same "$T/c4-before" "$J"

# --- Scoring, worked by hand.

# Every item 4, reverse-keyed ones too: a dimension with a reversed item
# has 4, 4 and 6-4=2, (4+4+2)/3 = 3.3, "sometimes"; one without stays
# 4.0, "often".  The total is the mean of the unrounded dimensions.
gen "$T/a/flat" =4
J=$T/s1/journal
run "$SCORE" -f "$J" --answers "$T/a/flat"
set --
for d in $(cat "$T/dims"); do
	if [ -n "$(rev_of "$d")" ]; then
		set -- "$@" "$d=3.3"
	else
		set -- "$@" "$d=4.0"
	fi
done
ok_if "all 4 as answered: 3.3 where a reversed 4 scores 2, else 4.0" \
    has "$J" "$@"
NREV=$(awk -F '\t' '$4 == "reversed" { print $2 }' "$ITEMS" | sort -u |
    wc -l | tr -d ' ')
FLAT=$(awk -v r="$NREV" -v n="$NDIMS" \
    'BEGIN { printf "%.1f", ((n - r) * 4 + r * 10 / 3) / n }')
ok_if "all 4 as answered: the total is the mean of the dimensions ($FLAT)" \
    has "$J" "total=$FLAT"
D=$(awk -F '\t' '$4 == "reversed" { print $2; exit }' "$ITEMS")
ok_if "all 4 as answered: '$(dname "$D")' reads 3.3 sometimes" \
    summary_line "$(dname "$D")" '3\.3' sometimes

# Mixed: every dimension 3 but three.  RD, with a reversed item, has its
# other items 5 and the reversed one 1, which scores 6-1=5: 5.0.  TWO,
# one without a reversed item, has two of three answered, 4 and 5: their
# mean, 4.5, "almost always" (4.5 is nearest 5 as shown).  ONE has one
# answered: n/a.  The total of the six others: (5+4.5+3*4)/6 = 3.58, 3.6.
RD=$D
RI=$(rev_of "$RD")
TWO=$(awk -F '\t' '$2 != "global" { d[$2] = d[$2] $4 " "; o[++n] = $2 }
    END { for (i = 1; i <= n; i++) if (d[o[i]] !~ /reversed/) {
    print o[i]; exit } }' "$ITEMS")
ONE=$(grep -vxF -e "$RD" -e "$TWO" "$T/dims" | tail -n 1)
gen "$T/a/mixed" 3 "@$RD=5" "@$TWO=-" "$(item_of "$TWO" 1)=4" \
    "$(item_of "$TWO" 2)=5" "@$ONE=-" "$(item_of "$ONE" 1)=3"
ok_if "mixed answers: the reversed item of $RD is answered 1" \
    grep -qx "$RI=1" "$T/a/mixed"
J=$T/s2/journal
run "$SCORE" -f "$J" --answers "$T/a/mixed"
is_rc 0 "mixed answers: exit 0"
ok_if "a reverse-keyed item answered 1 scores 5: $RD=5.0" has "$J" "$RD=5.0"
ok_if "two of three answered: the mean of the two, $TWO=4.5" \
    has "$J" "$TWO=4.5"
ok_if "one of three answered: no rating for $ONE" lacks "$J" "$ONE"
ok_if "six of seven dimensions: the total of six, 3.6" has "$J" total=3.6
ok_if "mixed: the summary shows $RD 5.0, almost always" \
    summary_line "$(dname "$RD")" '5\.0' 'almost always'
ok_if "mixed: the summary shows $TWO 4.5, almost always" \
    summary_line "$(dname "$TWO")" '4\.5' 'almost always'
like_out "^  $(dname "$ONE") +n/a" "mixed: the summary shows $ONE as n/a"
ok_if "mixed: the summary shows overall 3.6, often" \
    summary_line overall '3\.6' often

# Four dimensions of seven answered: no total.  Five: a total.
gen "$T/a/four-dims" 4 "@$(dim 5)=-" "@$(dim 6)=-" "@$(dim 7)=-"
J=$T/s3/journal
run "$SCORE" -f "$J" --answers "$T/a/four-dims"
is_rc 0 "4 of 7 dimensions: exit 0"
ok_if "4 of 7 dimensions: no total rating" lacks "$J" total
ok_if "4 of 7 dimensions: the four are 4.0" has "$J" "$(dim 1)=4.0" \
    "$(dim 4)=4.0"
like_out '^  overall +n/a' "4 of 7 dimensions: overall n/a in the summary"
gen "$T/a/five-dims" 4 "@$(dim 6)=-" "@$(dim 7)=-"
J=$T/s4/journal
run "$SCORE" -f "$J" --answers "$T/a/five-dims"
ok_if "5 of 7 dimensions: the total of the five, 4.0" has "$J" total=4.0

# Bands at the edge.  Dimensions 4, 4, 4, 3, 3, 3 and 3: 24/7 = 3.43,
# shown 3.4, "sometimes".  With the last one 3.5 (two answered, 3 and 4):
# 24.5/7 = 3.5, "often", and that dimension 3.5 "often" too.
gen "$T/a/b34" 3 "@$(dim 1)=4" "@$(dim 2)=4" "@$(dim 3)=4"
J=$T/s5/journal
run "$SCORE" -f "$J" --answers "$T/a/b34"
ok_if "a total of 3.4: the rating total=3.4" has "$J" total=3.4
ok_if "a total of 3.4 reads sometimes" summary_line overall '3\.4' sometimes
D7=$(dim 7)
gen "$T/a/b35" 3 "@$(dim 1)=4" "@$(dim 2)=4" "@$(dim 3)=4" "@$D7=-" \
    "$(item_of "$D7" 1)=3" "$(item_of "$D7" 2)=4"
J=$T/s6/journal
run "$SCORE" -f "$J" --answers "$T/a/b35"
ok_if "a total of 3.5: the rating total=3.5" has "$J" total=3.5 "$D7=3.5"
ok_if "a total of 3.5 reads often" summary_line overall '3\.5' often
ok_if "a dimension of 3.5 reads often" summary_line "$(dname "$D7")" \
    '3\.5' often

# --- Bad answers: exit 2, one line naming the file and the line, nothing
# saved.

K1=$(sed -n 1p "$ITEMS" | cut -f1)
K2=$(sed -n 2p "$ITEMS" | cut -f1)
K3=$(sed -n 3p "$ITEMS" | cut -f1)
BJ=$T/bad/journal
mkdir -p "$T/bad"
# bad NAME TEXT LINE ERE desc: answers TEXT are refused at line LINE.
bad() {
	printf "$2" >"$T/bad/$1"
	run "$SCORE" -f "$BJ" --answers "$T/bad/$1"
	is_rc 2 "$5: exit 2"
	[ "$(err_lines)" -eq 1 ] && grep -q "$T/bad/$1:$3: " "$ERR"
	holds "$5: one line naming $1:$3"
	like_err "$4" "$5: says what is wrong"
	[ ! -e "$BJ" ] && ! grep -q Saved "$OUT"
	holds "$5: nothing saved"
}
# The items by their numbers and texts, not by their keys.
bad range "$K1=3\n$K2=3\n$K3=9\n" 3 'item 3, "[^"]*": 9 is out of range' \
    "an answer of 9"
ok_if "an answer of 9: the item not named by its key" \
    test "$(grep -c -- "$K3" "$ERR")" -eq 0
bad nan "$K1=3\n$K2=x\n" 2 'item 2, "[^"]*": x is not a' \
    "an answer that is not a number"
bad half "$K1=3.5\n" 1 "item 1, " "an answer of 3.5"
bad unknown "$K1=3\nno_such_item=3\n" 2 "no_such_item" "an unknown item"
bad twice "$K1=3\n$K2=3\n# a comment\n$K1=4\n" 4 "item 1, .*line 1" \
    "the same item twice"
bad noeq "$K1=3\n$K2 3\n" 2 "=" "a line without ="
run_stdin "$K1=3
$K2=0
" "$SCORE" -f "$BJ"
is_rc 2 "stdin, an answer of 0: exit 2"
like_err "^[^:]*: *\\(?stdin\\)?:2: " \
    "stdin, an answer of 0: names stdin, line 2"
: >"$T/bad/empty"
run "$SCORE" -f "$BJ" --answers "$T/bad/empty"
is_rc 1 "an empty answers file: exit 1"
[ ! -e "$BJ" ] && ! grep -q Saved "$OUT"
holds "an empty answers file: nothing saved"
like_err "." "an empty answers file: says so"
printf '# nothing yet\n\n' >"$T/bad/comments"
run "$SCORE" -f "$BJ" --answers "$T/bad/comments"
is_rc 1 "answers of comments only: exit 1, nothing saved"
run "$SCORE" -f "$BJ" --answers "$T/bad/missing"
is_rc 2 "a missing answers file: exit 2"
like_err "$T/bad/missing" "a missing answers file: named"

# --- Instruments given with -i.

mkdir -p "$T/ins"
# bad_ins NAME LINE ERE desc: the instrument of that name, already
# written, is refused at line LINE.
bad_ins() {
	run "$SCORE" -i "$T/ins/$1" --items
	is_rc 2 "$4: exit 2"
	[ "$(err_lines)" -eq 1 ] && grep -q "$T/ins/$1:$2: " "$ERR"
	holds "$4: one line naming $1:$2"
	like_err "$3" "$4: says what is wrong"
	no_out "$4: no items listed"
}
cat >"$T/ins/noscale" <<'EOF'
title No scale
dimension a talk A
item a_one did + One.
item a_two felt + Two.
EOF
bad_ins noscale 3 "scale" "an instrument without a scale"
cat >"$T/ins/oneitem" <<'EOF'
title One item
scale 1 low
scale 2 middle
scale 3 high
dimension a talk A
item a_one did + One.
item a_two felt + Two.

dimension b play B
item b_one did + Three.
EOF
bad_ins oneitem 9 "dimension b" "a dimension of one item"
cat >"$T/ins/directive" <<'EOF'
title Unknown directive
scale 1 low
scale 2 high
question q_one What is this?
EOF
bad_ins directive 4 "question" "an unknown directive"
cat >"$T/ins/dupkey" <<'EOF'
title Duplicate key
scale 1 low
scale 2 high
dimension a talk A
item a_one did + One.
item a_one felt + Two.
EOF
bad_ins dupkey 6 "a_one" "a key used twice"
printf 'title Bad bytes\nintro caf\351 au lait\nscale 1 low\n' \
    >"$T/ins/utf8"
bad_ins utf8 2 "UTF-8" "an instrument of invalid UTF-8"
run "$SCORE" -i "$T/ins/missing" --items
is_rc 2 "a missing instrument: exit 2"
like_err "$T/ins/missing" "a missing instrument: named"

# A good one: a scale of 0 to 4, two dimensions, a global item.  talk:
# t_one 3 and t_two, reversed, 1, which scores 0+4-1 = 3: 3.0, "quite a
# bit".  fun: two of three answered, 4 and 3: 3.5, nearest 4, "completely".
# The total: (3+3.5)/2 = 3.25, shown 3.3, "quite a bit".
cat >"$T/ins/custom" <<'EOF'
# A check-in of our own.
title Custom check
scale 0 not at all
scale 1 a little
scale 2 somewhat
scale 3 quite a bit
scale 4 completely
dimension talk conversation talking things through
item t_one did + We talked about something that mattered.
item t_two felt - I felt unheard.
dimension fun humor having fun
item f_one did + We played.
item f_two felt + I laughed with them.
item f_three did + We tried something new.
global mood 1 3 My mood overall.
anchor 1 low
anchor 3 high
EOF
run "$SCORE" -i "$T/ins/custom" --items
is_rc 0 "custom instrument: --items, exit 0"
cat >"$T/want" <<'EOF'
t_one	talk	0-4	as-is
t_two	talk	0-4	reversed
f_one	fun	0-4	as-is
f_two	fun	0-4	as-is
f_three	fun	0-4	as-is
mood	global	1-3	as-is
EOF
cut -f1-4 "$OUT" | cmp -s - "$T/want"
holds "custom instrument: --items lists its 6 items, on 0-4 and 1-3"
printf 't_one=3\nt_two=1\nf_one=4\nf_two=3\nmood=2\n' >"$T/a/custom"
CJ=$T/custom/journal
run "$SCORE" -i "$T/ins/custom" -f "$CJ" --answers "$T/a/custom"
is_rc 0 "custom instrument: a check-in, exit 0"
ok_if "custom instrument: its keys and scores in the journal" has "$CJ" \
    t_one=3 t_two=1 f_one=4 f_two=3 mood=2 talk=3.0 fun=3.5 total=3.3
ok_if "custom instrument: nothing of the shipped one in the journal" \
    lacks "$CJ" "$K1"
summary_line 'talking things through' '3\.0' 'quite a bit' &&
    summary_line 'having fun' '3\.5' completely &&
    summary_line overall '3\.3' 'quite a bit'
holds "custom instrument: the summary in its labels"
run "$SCORE" -i "$T/ins/custom" -f "$CJ" --answers "$T/a/four"
is_rc 2 "custom instrument: answers to the shipped one are refused"
run "$SCORE" report -i "$T/ins/custom" -f "$CJ"
is_rc 0 "custom instrument: report, exit 0"
like_out '^  talking things through .* 3\.0  quite a bit$' \
    "custom instrument: report shows talk at 3.0"
run "$SCORE" -i "$T/ins/custom" -f "$CJ" --weakest
is_out conversation "custom instrument: --weakest is talk's category"

# --- Ten weekly check-ins and six weeks of daily ratings.
#
# Check-ins on the Tuesdays of the ten weeks up to this one, at 20:00Z,
# each dimension set to a score.  With the dimensions D1 to D7:
#	D1  2 for six weeks, then 4 for the last four: up by 2
#	D2  3, and 4 at the last check-in only: a one-point wiggle
#	D3  3   D4  2 (the weakest)   D5  5 (the strongest)   D6  4   D7  3
# The first global item 5, the second 4.  Totals: (2+3+3+2+5+4+3)/7 =
# 22/7 = 3.1 for the first six, 24/7 = 3.4 for the next three, and
# (4+4+3+2+5+4+3)/7 = 25/7 = 3.6 for the last.
RJ=$T/r/journal
G1=$(sed -n 1p "$T/globals")
G2=$(sed -n 2p "$T/globals")
n=0
for day in 09-22 09-29 10-06 10-13 10-20 10-27 11-03 11-10 11-17 11-24; do
	n=$((n + 1))
	d1=2 d2=3
	[ $n -gt 6 ] && d1=4
	[ $n -eq 10 ] && d2=4
	gen "$T/a/week$n" 3 "@$(dim 1)=$d1" "@$(dim 2)=$d2" "@$(dim 4)=2" \
	    "@$(dim 5)=5" "@$(dim 6)=4" "$G1=5" "$G2=4"
	JOURNAL_NOW=2026-$day"T20:00:00Z" "$SCORE" -f "$RJ" \
	    --answers "$T/a/week$n" >/dev/null 2>&1
done
# Daily ratings at 08:00Z: connected=2 on each of the 28 days from
# 2026-10-15 to 2026-11-11, then 4 on each of the 14 days from 2026-11-12
# to today, 2026-11-25.  The last 7 days: 4.0 on 7; the 28 before (from
# 10-28): 7 days of 4 and 21 of 2, 70/28 = 2.5 on 28.  Up, and up a week
# ago as well (4 on 7 against 2 on 28).
for d in $(seq 15 31); do
	JOURNAL_NOW=2026-10-$d"T08:00:00Z" "$JOURNAL" -f "$RJ" \
	    -r connected=2 "An ordinary day."
done
for d in $(seq -w 1 11); do
	JOURNAL_NOW=2026-11-$d"T08:00:00Z" "$JOURNAL" -f "$RJ" \
	    -r connected=2 "An ordinary day."
done
for d in $(seq 12 25); do
	JOURNAL_NOW=2026-11-$d"T08:00:00Z" "$JOURNAL" -f "$RJ" \
	    -r connected=4 "A good day."
done
[ "$(checkins "$RJ")" -eq 10 ] && [ "$(entries "$RJ")" -eq 52 ]
holds "the report's journal: 10 check-ins, 52 entries"
ok_if "the report's journal: the last check-in as planned" has "$RJ" \
    "$(dim 1)=4.0" "$(dim 2)=4.0" "$(dim 4)=2.0" "$(dim 5)=5.0" total=3.6

run "$SCORE" report -f "$RJ"
cp "$OUT" "$T/report.txt"
is_rc 0 "report: exit 0"
no_err "report: nothing on stderr"
like_out '^[^ ].*: 8 weeks, 2026-10-05 to 2026-11-25$' \
    "report: 8 weeks by default, from the Monday of 7 weeks ago"
like_flat "8 check-ins about partner, the latest on 2026-11-24" \
    "report: counts the 8 check-ins of the period, about partner"
ok_if "report: every dimension's name starts a line" every_dim starts_line
# latest N SCORE BAND: dimension N's line ends with its latest score.
latest_is() {
	grep -Eq "^  $(dname "$(dim "$1")") .* $2  $3\$" "$OUT"
}
ok_if "report: $(dim 1) latest 4.0, often" latest_is 1 '4\.0' often
ok_if "report: $(dim 2) latest 4.0, often" latest_is 2 '4\.0' often
ok_if "report: $(dim 3) latest 3.0, sometimes" latest_is 3 '3\.0' sometimes
ok_if "report: $(dim 4) latest 2.0, rarely" latest_is 4 '2\.0' rarely
ok_if "report: $(dim 5) latest 5.0, almost always" \
    latest_is 5 '5\.0' 'almost always'
like_out '^  overall .* 3\.6  often$' "report: overall latest 3.6, often"
re="Change: $(dname "$(dim 1)") went up by 2\\.0"
like_flat "$re since the week of 2026-10-05" \
    "report: a change for $(dim 1), up 2.0 over the last 4 weeks"
ok_if "report: one change line, none for the others" \
    [ "$(grep -c '^Change:' "$OUT")" -eq 1 ]
unlike_out "^Change: $(dname "$(dim 2)")" \
    "report: a one-point wiggle once, at the last check-in, is no change"
like_flat "about the same" "report: the rest about the same"
C4=$(dcat "$(dim 4)")
re="Most room to grow: $(dname "$(dim 4)") \\(2\\.0\\)\\."
# The siblings by their installed names, --program-prefix and all.
name_of() {
	sed -n "s/^#define NAME_$1 \"\\(.*\\)\"\$/\\1/p" \
	    "$top_builddir/cmd/names.h"
}
like_flat "$re.* $(name_of TIP) $C4, $(name_of PROMPT) $C4\\." \
    "report: most room to grow, $(dim 4), with tip and prompt $C4"
like_flat "Strongest: $(dname "$(dim 5)") \\(5\\.0\\)" \
    "report: the strongest is $(dim 5)"
like_flat "Closeness picture: 5 of 7" "report: the closeness picture, 5 of 7"
like_flat "connected 4\\.0 on 7 of 7 days 2\\.5 on 28 of 28 days up" \
    "report: connected, 7 days against 28, up"
ok_if "report: lines of at most 72 columns" \
    [ "$(LC_ALL=C.UTF-8 wc -L <"$OUT")" -le 72 ]
tail -n 2 "$OUT" | tr '\n' ' ' | grep -q 'reflection aid.*not a diagnosis'
holds "report: the last lines say a reflection aid, not a diagnosis"
ok_if "report in C.UTF-8: the chart has block characters" \
    grep -q "^  $(dname "$(dim 1)") .*[▁▂▃▄▅▆▇█]" "$OUT"
run env LC_ALL=C "$SCORE" report -f "$RJ"
is_rc 0 "report in the C locale: exit 0"
ok_if "report in the C locale: pure ASCII" ascii_only "$OUT"
ok_if "report in the C locale: lines of at most 72 columns" \
    [ "$(wc -L <"$OUT")" -le 72 ]
like_out '^  overall .* 3\.6  often$' "report in the C locale: the same scores"
like_out '^  The weeks, low to high: _ \. - : = \+ \* #; blank, no check-in$' \
    "report in the C locale: a legend of the ASCII levels"
run "$SCORE" report -f "$RJ"
like_out '^  The weeks, low to high: ▁▂▃▄▅▆▇█; · no check-in$' \
    "report in C.UTF-8: a legend of the blocks"

# Wider than 100 columns, a grid of the weeks with their scores: the 8
# weeks from 2026-10-05 fit in 120 columns beside the names and the
# latest scores, and the first row of D1 reads 2.0 in its first week, as
# in the tsv below, and 4.0 in its last.
run env COLUMNS=120 "$SCORE" report -f "$RJ"
is_rc 0 "COLUMNS=120: exit 0"
like_out '^  week of +10-05 10-12 10-19 10-26 11-02 11-09 11-16 11-23  latest$' \
    "COLUMNS=120: a grid headed by the 8 weeks"
like_out "^  $(dname "$(dim 1)") +▃2\\.0 .* ▆4\\.0  4\\.0  often\$" \
    "COLUMNS=120: $(dim 1)'s weeks 2.0 to 4.0, each with its level"
ok_if "COLUMNS=120: no line longer than 120 columns" \
    [ "$(LC_ALL=C.UTF-8 wc -L <"$OUT")" -le 120 ]
like_out '^  The weeks, low to high: ▁▂▃▄▅▆▇█; · no check-in$' \
    "COLUMNS=120: the same legend"
run env COLUMNS=120 LC_ALL=C "$SCORE" report -f "$RJ" --weeks 30
ok_if "COLUMNS=120, C locale, 30 weeks: pure ASCII" ascii_only "$OUT"
like_out '^  weeks from +[0-9-]+( [0-9-]+)+  latest$' \
    "COLUMNS=120, 30 weeks: weeks share the columns, each headed by its first"
ok_if "COLUMNS=120, C locale, 30 weeks: no line longer than 120 columns" \
    [ "$(wc -L <"$OUT")" -le 120 ]
run env COLUMNS=120 LC_ALL=C "$SCORE" report -f "$RJ"
like_out "^  overall +.* \\+3\\.6  3\\.6  often\$" \
    "COLUMNS=120, C locale: the last week's level, +, and score"
run env COLUMNS=120 "$SCORE" report -f "$RJ" --color=always
like_out "$(printf '\033\\[32m')▆$(printf '\033\\[0m')4\\.0" \
    "COLUMNS=120 --color: a high week green, as in the chart"
for c in 80 100; do
	run env COLUMNS=$c "$SCORE" report -f "$RJ"
	ok_if "COLUMNS=$c: the chart of one row a dimension, no grid" \
	    cmp -s "$OUT" "$T/report.txt"
	ok_if "COLUMNS=$c: no line longer than 72 columns" \
	    [ "$(LC_ALL=C.UTF-8 wc -L <"$OUT")" -le 72 ]
done
# score(1) formats without a character that ASCII lacks, as man -Tascii
# does in the C locale.
if command -v groff >/dev/null 2>&1; then
	LC_ALL=C groff -mandoc -Tascii -ww \
	    "$top_builddir/man/score.1" >/dev/null 2>"$T/groff"
	ok_if "score.1 with groff -Tascii: no warning" [ ! -s "$T/groff" ]
else
	skip "score.1 with groff -Tascii: no warning" "no groff"
fi

# --weeks and --since.
run "$SCORE" report -f "$RJ" --weeks 4
is_rc 0 "--weeks 4: exit 0"
like_out ': 4 weeks, 2026-11-02 to 2026-11-25$' "--weeks 4: from 2026-11-02"
like_flat "4 check-ins" "--weeks 4: 4 check-ins"
unlike_out "^Change: $(dname "$(dim 1)")" \
    "--weeks 4: $(dim 1) was 4 all along, no change"
like_flat "Change: about the same everywhere" \
    "--weeks 4: about the same everywhere"
run "$SCORE" report -f "$RJ" --since 2026-11-09
is_rc 0 "--since 2026-11-09: exit 0"
like_out ': 3 weeks, 2026-11-09 to 2026-11-25$' "--since: the weeks from then"
like_flat "3 check-ins" "--since 2026-11-09: 3 check-ins"
# A day after the latest check-in, in its week: the week is the period.
run "$SCORE" report -f "$RJ" --since 2026-11-25
is_rc 0 "--since today: exit 0"
like_out ': 1 week, 2026-11-23 to 2026-11-25$' "--since today: its week"
like_flat "1 check-in about partner, the latest on 2026-11-24" \
    "--since today: the check-in of the day before, in the same week"
# Fewer than three weeks with a check-in: nothing to compare yet, and
# when the next is due, a week after the latest.
run "$SCORE" report -f "$RJ" --since 2026-11-16
like_flat "Change: nothing to compare yet\. A change takes check-ins in three \
weeks, and these weeks have two; the next is due on 2026-12-01, a week \
after the latest\." \
    "--since 2026-11-16: two weeks, nothing to compare yet, next 12-01"
unlike_out "about the same everywhere" \
    "--since 2026-11-16: not called about the same"
run "$SCORE" report -f "$RJ" --since 2026-11-25
like_flat "these weeks have one; the next is due on 2026-12-01," \
    "--since today: one week, nothing to compare yet"
gen "$T/a/first" 3
"$SCORE" -f "$T/first" --answers "$T/a/first" >/dev/null
for d in 24 25; do
	JOURNAL_NOW=2026-11-$d"T08:00:00Z" "$JOURNAL" -f "$T/first" \
	    -r talked=4 "A day."
done
run "$SCORE" report -f "$T/first"
is_rc 0 "one check-in: exit 0"
like_flat "Change: nothing to compare yet, this being the first check-in; \
the second is due on 2026-12-02, a week after the latest\." \
    "one check-in: nothing to compare yet, the second due on 12-02"
unlike_out "about the same" "one check-in: nothing called about the same"
like_out "^  talked  4\.0 on 2 of 7 days +none in 28 days +too few days\$" \
    "daily ratings on 2 days: too few days to tell"
run env JOURNAL_NOW=2026-12-09T12:00:00Z "$SCORE" report -f "$T/first"
like_flat "first check-in; the second is due now\." \
    "one check-in two weeks ago: the second is due now"
run env JOURNAL_NOW=2026-12-16T12:00:00Z "$SCORE" report -f "$RJ" --weeks 2
is_rc 1 "no check-in in the weeks asked: exit 1"
like_flat "2026-11-24" "no check-in in the weeks asked: names the latest"

# tsv: a header, a row per check-in of the period.
run "$SCORE" report -f "$RJ" --format tsv
is_rc 0 "tsv: exit 0"
ok_if "tsv: the header is date, the dimensions, total, the global items, about" [ \
    "$(sed -n 1p "$OUT")" = "$(printf 'date\t%s\ttotal\t%s\t%s\tabout' \
    "$(tr '\n' '\t' <"$T/dims" | sed 's/\t$//')" "$G1" "$G2")" ]
ok_if "tsv: a row for each of the 8 check-ins" [ "$(wc -l <"$OUT")" -eq 9 ]
# row N FIELD...: line N of stdout is the fields, a tab apart.
row() {
	_n=$1
	shift
	_want=$(printf '%s\t' "$@" | sed 's/\t$//')
	[ "$(sed -n "${_n}p" "$OUT")" = "$_want" ]
}
ok_if "tsv: the first row, 2026-10-06, worked by hand" \
    row 2 2026-10-06 2.0 3.0 3.0 2.0 5.0 4.0 3.0 3.1 5 4 partner
ok_if "tsv: the last row, 2026-11-24, worked by hand" \
    row 9 2026-11-24 4.0 4.0 3.0 2.0 5.0 4.0 3.0 3.6 5 4 partner
ok_if "tsv: every row has the header's fields" awk -F '\t' \
    'NR == 1 { n = NF } NF != n { exit 1 }' "$OUT"
run "$SCORE" report -f "$RJ" --format tsv --weeks 4
[ "$(wc -l <"$OUT")" -eq 5 ] &&
    [ "$(sed -n 2p "$OUT" | cut -f1)" = 2026-11-03 ]
holds "tsv --weeks 4: 4 rows, from 2026-11-03"
run "$SCORE" report -f "$RJ" --format tsv --since 2026-11-09
[ "$(wc -l <"$OUT")" -eq 4 ] &&
    [ "$(sed -n 2p "$OUT" | cut -f1)" = 2026-11-10 ]
holds "tsv --since 2026-11-09: 3 rows, from 2026-11-10"

# json, read back by Python.  jcheck PATH=JSON ... | PATH~TEXT: the
# value at PATH (keys and indexes, # for a length) is JSON, or a string
# that holds TEXT.
cat >"$T/jcheck.py" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
bad = 0
for a in sys.argv[2:]:
    sub = "~" in a and ("=" not in a or a.index("~") < a.index("="))
    path, want = a.split("~" if sub else "=", 1)
    x = d
    try:
        for p in path.split("."):
            if p == "#":
                x = len(x)
            elif isinstance(x, list):
                x = x[int(p)]
            else:
                x = x[p]
    except (KeyError, IndexError, ValueError, TypeError):
        print("# %s: not there" % path)
        bad = 1
        continue
    if (want not in x) if sub else (x != json.loads(want)):
        print("# %s: got %r, want %s" % (path, x, want))
        bad = 1
sys.exit(bad)
EOF
if [ -n "$PY" ]; then
	run "$SCORE" report -f "$RJ" --format json
	is_rc 0 "json: exit 0"
	ok_if "json: parsed by python3 -m json.tool" \
	    python3 -m json.tool "$OUT" /dev/null
	ok_if "json: the period and the scale" $PY "$T/jcheck.py" "$OUT" \
	    'from="2026-10-05"' 'to="2026-11-25"' weeks=8 'scale=[1,5]'
	ok_if "json: the 8 check-ins, first and last worked by hand" \
	    $PY "$T/jcheck.py" "$OUT" 'checkins.#=8' \
	    'checkins.0.date="2026-10-06"' "checkins.0.scores.$(dim 1)=2.0" \
	    'checkins.0.scores.total=3.1' 'checkins.7.date="2026-11-24"' \
	    "checkins.7.scores.$(dim 1)=4.0" 'checkins.7.scores.total=3.6' \
	    "checkins.7.global.$G1=5" "checkins.7.global.$G2=4"
	ok_if "json: $(dim 1) latest 4.0 often, up by 2.0, weekly 2 then 4" \
	    $PY "$T/jcheck.py" "$OUT" "dimensions.0.key=\"$(dim 1)\"" \
	    'dimensions.0.latest=4.0' 'dimensions.0.band="often"' \
	    'dimensions.0.change="up"' 'dimensions.0.difference=2.0' \
	    'dimensions.0.weekly=[2,2,2,2,4,4,4,4]' \
	    "dimensions.0.category=\"$(dcat "$(dim 1)")\""
	ok_if "json: $(dim 2)'s wiggle once is about the same" \
	    $PY "$T/jcheck.py" "$OUT" 'dimensions.1.change="about the same"' \
	    'dimensions.1.weekly=[3,3,3,3,3,3,3,4]'
	ok_if "json: seven dimensions, $(dim 4) at 2.0 rarely" \
	    $PY "$T/jcheck.py" "$OUT" "dimensions.#=$NDIMS" \
	    'dimensions.3.latest=2.0' 'dimensions.3.band="rarely"'
	ok_if "json: total 3.6, weakest $(dim 4), strongest first $(dim 5)" \
	    $PY "$T/jcheck.py" "$OUT" 'total.latest=3.6' \
	    "weakest=\"$(dim 4)\"" "strongest.0=\"$(dim 5)\""
	ok_if "json: the daily ratings of connected, 4.0 on 7, 2.5 on 28, up" \
	    $PY "$T/jcheck.py" "$OUT" 'daily.0.key="connected"' \
	    'daily.0.last7.mean=4.0' 'daily.0.last7.days=7' \
	    'daily.0.prior28.mean=2.5' 'daily.0.prior28.days=28' \
	    'daily.0.change="up"'
	ok_if "json: the note says not a diagnosis" \
	    $PY "$T/jcheck.py" "$OUT" 'note~not a diagnosis'
	run "$SCORE" report -f "$RJ" --format json --weeks 3
	ok_if "json --weeks 3: 3 check-ins, 3 weekly scores" \
	    $PY "$T/jcheck.py" "$OUT" 'checkins.#=3' 'weeks=3' \
	    'dimensions.0.weekly=[4,4,4]' 'from="2026-11-09"'
	run "$SCORE" report -f "$RJ" --format json --since 2026-11-25
	ok_if "json --since today: the latest is the check-in of its week" \
	    $PY "$T/jcheck.py" "$OUT" 'checkins.#=1' 'from="2026-11-23"' \
	    'dimensions.0.latest=4.0' 'total.latest=3.6'
	run "$SCORE" report -f "$T/first" --format json
	ok_if "json: daily ratings on 2 days, too few days, as the text says" \
	    $PY "$T/jcheck.py" "$OUT" 'daily.0.key="talked"' \
	    'daily.0.last7.days=2' 'daily.0.prior28.days=0' \
	    'daily.0.change="too few days"'
else
	for d in "json: exit 0" "json: parsed" "json: the period" \
	    "json: the 8 check-ins" "json: D1" "json: D2" "json: D4" \
	    "json: total" "json: daily" "json: note" "json --weeks 3" \
	    "json --since today" "json: daily ratings on 2 days"; do
		skip "$d" "no python3"
	done
fi

# Raw records through a pipe, the journal itself out of reach.
"$JOURNAL" list -f "$RJ" --format raw >"$T/raw"
cat "$T/raw" | JOURNAL_FILE=$T/nowhere/journal "$SCORE" report \
    >"$OUT" 2>"$ERR"
RC=$?
is_rc 0 "journal list --format raw | score report: exit 0"
ok_if "raw records from a pipe: the same report as from the journal" \
    same "$OUT" "$T/report.txt"
run env JOURNAL_FILE="$T/nowhere/journal" "$SCORE" report
is_rc 1 "the same without the pipe: exit 1, no check-in"
run "$SCORE" report "$T/raw"
ok_if "raw records as a file operand: the same report" same "$OUT" \
    "$T/report.txt"

# --- --weakest, tip and prompt.

run "$SCORE" -f "$RJ" --weakest
is_rc 0 "--weakest: exit 0"
is_out "$C4" "--weakest: just the category of $(dim 4), $C4"
W=$(JOURNAL_FILE=$RJ "$SCORE" --weakest)
ok_if "--weakest with JOURNAL_FILE: the same" [ "$W" = "$C4" ]
run "$TIP" "$W"
is_rc 0 "tip \"\$(score --weakest)\": exit 0"
like_out "[a-z]" "tip \"\$(score --weakest)\": a tip"
run "$PROMPT" "$W"
is_rc 0 "prompt \"\$(score --weakest)\": exit 0"
like_out "[a-z]" "prompt \"\$(score --weakest)\": a prompt"
ok_if "every dimension's category is a category of tip and prompt" \
    sh -c 'for c in $(awk "\$1 == \"dimension\" { print \$3 }" "$1"); do
    "$2" "$c" >/dev/null 2>&1 </dev/null || exit 1
    "$3" "$c" >/dev/null 2>&1 </dev/null || exit 1; done' sh "$DATA" \
    "$TIP" "$PROMPT"
run "$SCORE" -f "$T/none/journal" --weakest
is_rc 1 "--weakest, no journal: exit 1"
no_out "--weakest, no journal: prints nothing"
DJ=$T/daily/journal
"$JOURNAL" -f "$DJ" -r connected=3 "No check-in here."
run "$SCORE" -f "$DJ" --weakest
is_rc 1 "--weakest, daily ratings but no check-in: exit 1"
no_out "--weakest, daily ratings but no check-in: prints nothing"

# --- compare: every dimension 3 against one of 4 (a point apart) and
# one of 3.5 (two answered, 3 and 4: half a point apart).
gen "$T/a/cmp-a" 3
D2=$(dim 2)
gen "$T/a/cmp-b" 3 "@$(dim 1)=4" "@$D2=-" "$(item_of "$D2" 1)=3" \
    "$(item_of "$D2" 2)=4"
"$SCORE" -f "$T/cmp/a" --answers "$T/a/cmp-a" >/dev/null
"$SCORE" -f "$T/cmp/b" --answers "$T/a/cmp-b" >/dev/null
ok_if "compare: the second check-in as planned" has "$T/cmp/b" \
    "$(dim 1)=4.0" "$D2=3.5"
run "$SCORE" compare "$T/cmp/a" "$T/cmp/b"
is_rc 0 "compare: exit 0"
C1=$(dcat "$(dim 1)")
like_out "^  $(dname "$(dim 1)") +3\\.0 +4\\.0 +talk: $C1\$" \
    "compare: a point apart, $(dim 1) is to talk about, with prompt $C1"
unlike_out "^  $(dname "$D2") .*talk" \
    "compare: half a point apart, $D2 is not marked"
like_out "^  $(dname "$D2") +3\\.0 +3\\.5" "compare: $D2 side by side"
ok_if "compare: one dimension marked" \
    [ "$(grep -c '^  .*talk' "$OUT")" -eq 1 ]
ok_if "compare: lines of at most 72 columns" \
    [ "$(LC_ALL=C.UTF-8 wc -L <"$OUT")" -le 72 ]
"$JOURNAL" list -f "$T/cmp/b" --format raw >"$T/cmp/b.raw"
cp "$OUT" "$T/cmp-out"
run "$SCORE" compare "$T/cmp/a" "$T/cmp/b.raw"
ok_if "compare: raw records compare as the journal does" \
    grep -q "^  $(dname "$(dim 1)") .*talk: $C1\$" "$OUT"
run "$SCORE" compare "$T/cmp/a" "$DJ"
is_rc 1 "compare with a journal without a check-in: exit 1"
like_err "$DJ" "compare with a journal without a check-in: named"

# --- cron: no terminal, no LANG, nothing else in the environment.

mkdir -p "$T/cron/.local/share/rapport" "$T/cronempty"
cp "$RJ" "$T/cron/.local/share/rapport/journal"
env -i PATH=/usr/bin:/bin HOME="$T/cron" JOURNAL_NOW=$NOW \
    "$SCORE" report </dev/null >"$OUT" 2>"$ERR"
RC=$?
is_rc 0 "cron: exit 0"
no_err "cron: nothing on stderr"
ok_if "cron: pure ASCII" ascii_only "$OUT"
like_out "^  overall .* 3\\.6  often\$" "cron: the journal under HOME is read"
like_flat "not a diagnosis" "cron: ends with the note"
{ env -i PATH=/usr/bin:/bin HOME="$T/cron" JOURNAL_NOW=$NOW \
    "$SCORE" report </dev/null 2>"$ERR"; echo $? >"$T/rc"; } |
    cat >"$OUT"
RC=$(cat "$T/rc")
is_rc 0 "cron, | cat: exit 0"
no_err "cron, | cat: nothing on stderr"
ascii_only "$OUT" && grep -q '^  overall .* 3\.6  often$' "$OUT"
holds "cron, | cat: pure ASCII, the report"
{ : | env -i PATH=/usr/bin:/bin HOME="$T/cron" JOURNAL_NOW=$NOW \
    "$SCORE" report 2>"$ERR"; echo $? >"$T/rc"; } | cat >"$OUT"
RC=$(cat "$T/rc")
is_rc 0 "cron, stdin an empty pipe: exit 0"
ok_if "cron, stdin an empty pipe: the journal's report" \
    grep -q '^  overall .* 3\.6  often$' "$OUT"
env -i PATH=/usr/bin:/bin HOME="$T/cron" JOURNAL_NOW=$NOW \
    "$SCORE" report -f "$RJ" </dev/null >"$OUT" 2>"$ERR"
RC=$?
[ "$RC" -eq 0 ] && [ ! -s "$ERR" ] && ascii_only "$OUT"
holds "cron with -f: exit 0, nothing on stderr, ASCII"
env -i PATH=/usr/bin:/bin HOME="$T/cronempty" JOURNAL_NOW=$NOW \
    "$SCORE" report </dev/null >"$OUT" 2>"$ERR"
RC=$?
is_rc 1 "cron, no check-in yet: exit 1"
like_out "No check-in" "cron, no check-in yet: says so plainly"
no_err "cron, no check-in yet: nothing on stderr"

# --- Torn and foreign records.

L=$(wc -l <"$RJ" | tr -d ' ')
cp "$RJ" "$T/torn"
{
	printf 'a line typed by hand\n'
	printf '%%%%sealed 1 abcd1234\nAAAAQUJD\n%%%%end abcd1234\n'
	printf 'more garbage\n'
	printf '%%%%entry 2026-11-25T09:00:00Z torn12345 @checkin %s=1\n' "$K1"
	printf 'half a te'
} >>"$T/torn"
run "$SCORE" report -f "$T/torn"
is_rc 0 "torn and foreign records: exit 0"
like_err "$T/torn:$((L + 1)):" \
    "torn and foreign records: text by hand named, file:line"
like_err "$T/torn:$((L + 5)):" \
    "torn and foreign records: garbage after the sealed record, file:line"
like_err "$T/torn:$((L + 6)):" \
    "torn and foreign records: the torn entry named, file:line"
like_out '^  overall .* 3\.6  often$' \
    "torn and foreign records: the report of the complete check-ins"
ok_if "torn and foreign records: no line of the report lost" \
    same "$OUT" "$T/report.txt"
# An entry appended after a torn one is read in full.
cp "$T/torn" "$T/torn2"
gen "$T/a/five" 5
JOURNAL_NOW=2026-11-25T10:00:00Z "$SCORE" -f "$T/torn2" \
    --answers "$T/a/five" >/dev/null 2>&1
run "$SCORE" report -f "$T/torn2"
is_rc 0 "a check-in after a torn one: exit 0"
like_out '^  overall .* 5\.0  almost always$' \
    "a check-in after a torn one: it is the latest"
like_err "$T/torn2:" "a check-in after a torn one: the torn one still named"
printf '\001\002 binary \377 junk\n' >"$T/junk"
cat "$RJ" >>"$T/junk"
run "$SCORE" report -f "$T/junk"
is_rc 0 "junk before the records: exit 0"
like_err "$T/junk:1:" "junk before the records: named at line 1"
like_out '^  overall .* 3\.6  often$' "junk before the records: the report"

# --- Empty, missing and odd journals.

: >"$T/empty"
run "$SCORE" report -f "$T/empty"
is_rc 1 "an empty journal: exit 1"
like_out "No check-in" "an empty journal: says so plainly"
no_err "an empty journal: nothing on stderr"
run "$SCORE" report -f "$T/none/journal"
is_rc 1 "a missing journal: exit 1"
like_out "No check-in" "a missing journal: says so plainly"
run "$SCORE" report -f "$DJ"
is_rc 1 "a journal of daily entries only: exit 1"
like_out "No check-in" "a journal of daily entries only: no check-in yet"
run "$SCORE" report -f "$T"
is_rc 2 "a directory as the journal: exit 2"
like_err "$T" "a directory as the journal: named"
# Refused as journal(1) refuses them: a FIFO, opened without waiting for
# a writer, and a symbolic link to nothing, which is not a journal yet
# to be made.
mkfifo "$T/fifo"
run timeout $((10 * SLOW)) "$SCORE" report -f "$T/fifo"
is_rc 2 "a FIFO as the journal: exit 2, no hang"
like_err "$T/fifo: not a regular file\$" "a FIFO as the journal: refused"
ln -s "$T/none/journal" "$T/dangling"
run "$SCORE" report -f "$T/dangling"
is_rc 2 "a symbolic link to nothing as the journal: exit 2"
like_err "$T/dangling: a symbolic link to a file that does not exist\$" \
    "a symbolic link to nothing as the journal: said so"
run "$SCORE" report -f "$RJ" --format yaml
is_rc 2 "--format yaml: exit 2"
run "$SCORE" report -f "$RJ" --weeks 0
is_rc 2 "--weeks 0: exit 2"

# --- A journal the user may not write.

mkdir -p "$T/pub"
gen "$T/pub/answers" 4
"$SCORE" -f "$T/pub/journal" --answers "$T/pub/answers" >/dev/null
cp "$T/pub/journal" "$T/pub-before"
chmod 755 "$T/pub"
chmod 644 "$T/pub/answers"
nobody_setup "$SCORE_BIN"
asuser=$AS
if [ "$(id -u)" -ne 0 ]; then
	chmod 444 "$T/pub/journal"
	chmod 555 "$T/pub"
	asuser=env
fi
if [ -n "$asuser" ]; then
	run $asuser "$T/nb/score" -f "$T/pub/journal" \
	    --answers "$T/pub/answers"
	is_rc 2 "unwritable journal: exit 2"
	like_err "$T/pub/journal" "unwritable journal: the error names it"
	ok_if "unwritable journal: nothing said to be saved" \
	    [ "$(grep -c Saved "$OUT")" -eq 0 ]
	ok_if "unwritable journal: unchanged" same "$T/pub-before" \
	    "$T/pub/journal"
	run $asuser "$T/nb/score" -f "$T/pub/new" --answers "$T/pub/answers"
	is_rc 2 "new journal in an unwritable directory: exit 2"
	like_err "$T/pub/new" "new journal in an unwritable directory: named"
	ok_if "new journal in an unwritable directory: not created" \
	    [ ! -e "$T/pub/new" ]
else
	for d in "unwritable journal: exit 2" "unwritable journal: named" \
	    "unwritable journal: nothing said to be saved" \
	    "unwritable journal: unchanged" \
	    "new journal in an unwritable directory: exit 2" \
	    "new journal in an unwritable directory: named" \
	    "new journal in an unwritable directory: not created"; do
		skip "$d" "cannot run as another user"
	done
fi
chmod 755 "$T/pub"
chmod 700 "$T"

# --- A full disk.

if [ -w /dev/full ]; then
	"$SCORE" report -f "$RJ" >/dev/full 2>"$ERR" </dev/null
	RC=$?
	is_rc 2 "report >/dev/full: exit 2"
	like_err "." "report >/dev/full: an error on stderr"
	"$SCORE" --items >/dev/full 2>"$ERR" </dev/null
	RC=$?
	is_rc 2 "--items >/dev/full: exit 2"
else
	skip "report >/dev/full: exit 2" "no /dev/full"
	skip "report >/dev/full: an error on stderr" "no /dev/full"
	skip "--items >/dev/full: exit 2" "no /dev/full"
fi

# --- On a terminal: one item at a time (--about, so that the person is
# not asked: tests/score-about.sh asks).
#
# drive-pty.py DIR ANSWER... -- COMMAND...: run COMMAND on a pseudo-terminal;
# each time it asks ("> " at the end of what it wrote), what it wrote
# since the last answer goes to DIR/seg.N and the next answer is typed.
# What it writes after the last answer goes to the last seg; the exit
# status is the command's.
cat >"$T/drive-pty.py" <<'EOF'
import os, pty, select, sys, time
i = sys.argv.index("--")
outdir, answers, argv = sys.argv[1], sys.argv[2:i], sys.argv[i + 1:]
pid, fd = pty.fork()
if pid == 0:
    try:
        os.execv(argv[0], argv)
    finally:
        os._exit(127)
deadline = time.time() + 60
def read(until_prompt):
    buf = b""
    while not (until_prompt and buf.endswith(b"> ")):
        r, _, _ = select.select([fd], [], [], max(0, deadline - time.time()))
        if not r:
            break
        try:
            d = os.read(fd, 4096)
        except OSError:
            break
        if not d:
            break
        buf += d
    return buf
for n, a in enumerate(answers):
    with open(os.path.join(outdir, "seg.%d" % n), "wb") as f:
        f.write(read(True))
    os.write(fd, a.encode() + b"\n")
with open(os.path.join(outdir, "seg.%d" % len(answers)), "wb") as f:
    f.write(read(False))
_, st = os.waitpid(pid, 0)
sys.exit(os.WEXITSTATUS(st) if os.WIFEXITED(st) else 128)
EOF
if [ -n "$PY" ] && $PY -c 'import os, pty; pty.openpty()' 2>/dev/null; then
	# 4 to the first, skip the second, back from the third, 9 to the
	# second (refused, asked again), 4 to it, then 4 to all the rest.
	set -- 4 s b 9 4
	i=3
	while [ $i -le "$NITEMS" ]; do
		set -- "$@" 4
		i=$((i + 1))
	done
	mkdir -p "$T/pty1"
	TERM=dumb $PY "$T/drive-pty.py" "$T/pty1" "$@" -- "$SCORE" \
	    -f "$T/pty1/journal" --about partner >/dev/null 2>&1
	RC=$?
	P=$T/pty1/seg
	is_rc 0 "terminal: exit 0 after every item is answered"
	ok_if "terminal: the first question is 1 of $NITEMS" \
	    grep -q "\\[1/$NITEMS\\]" "$P.0"
	ok_if "terminal: the scale's labels are shown" \
	    grep -q "1 $(awk '$1 == "scale" && $2 == 1 {
	    $1 = $2 = ""; sub(/^ +/, ""); print }' "$DATA")" "$P.0"
	ok_if "terminal: after 4, question 2" grep -q "\\[2/$NITEMS\\]" "$P.1"
	ok_if "terminal: after s, question 3" grep -q "\\[3/$NITEMS\\]" "$P.2"
	ok_if "terminal: after b, back to question 2" \
	    grep -q "\\[2/$NITEMS\\]" "$P.3"
	ok_if "terminal: 9 is refused as out of range" \
	    grep -q "9 is out of range" "$P.4"
	! grep -q "\\[[0-9]*/$NITEMS\\]" "$P.4"
	holds "terminal: after 9, the same question again"
	ok_if "terminal: after 4, question 3" grep -q "\\[3/$NITEMS\\]" "$P.5"
	ok_if "terminal: one check-in saved" \
	    [ "$(checkins "$T/pty1/journal")" -eq 1 ]
	gen "$T/a/pty" =4
	ok_if "terminal: every answer saved, 4, the skipped one answered" \
	    answers_in "$T/pty1/journal" "$T/a/pty"
	ok_if "terminal: the check-in's scores as with all 4 as answered" \
	    has "$T/pty1/journal" "total=$FLAT"
	ok_if "terminal: says where it is saved" \
	    grep -q "Saved in $T/pty1/journal" "$P.$#"

	mkdir -p "$T/pty2"
	TERM=dumb $PY "$T/drive-pty.py" "$T/pty2" 4 q -- "$SCORE" \
	    -f "$T/pty2/journal" --about partner >/dev/null 2>&1
	RC=$?
	is_rc 1 "terminal, q: exit 1"
	ok_if "terminal, q: nothing saved" [ ! -e "$T/pty2/journal" ]
	ok_if "terminal, q: says nothing was saved" \
	    grep -qi "nothing saved" "$T/pty2/seg.2"
else
	for d in "terminal: exit 0" "terminal: question 1" \
	    "terminal: labels" "terminal: after 4" "terminal: after s" \
	    "terminal: after b" "terminal: 9 refused" "terminal: asked again" \
	    "terminal: after 4, question 3" "terminal: saved" \
	    "terminal: answers" "terminal: scores" "terminal: says saved" \
	    "terminal, q: exit 1" "terminal, q: nothing saved" \
	    "terminal, q: says so"; do
		skip "$d" "no python3 with a pty"
	done
fi

finish
