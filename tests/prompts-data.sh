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

# prompts-data.sh: the shipped prompt collection follows the house rules:
# at least 10 categories and 300 prompts, intimacy and repair among them,
# every category with depths 1, 2 and 3, every file named for its depth
# and audience and shipped, every prompt at most 4 lines of at most 72
# columns, no trailing blanks, no blank lines, valid UTF-8, no
# duplicates, questions that end in a question mark and cannot be
# answered yes or no, tasks without one, appreciation tasks to end a
# session on, and no run of eight words taken from the seed text.

. "$top_srcdir/tests/lib.sh"

no_stray_space() {
	! grep -qE '[[:space:]]$' "$1" && ! grep -q "$(printf '\t')" "$1" &&
	    ! grep -q "$(printf '\r')" "$1"
}

no_blank_line() {
	! grep -q '^$' "$1"
}

no_empty_prompt() {
	awk 'NR == 1 && $0 == "%" { bad = 1 }
	    prev == "%" && $0 == "%" { bad = 1 }
	    { prev = $0 }
	    END { exit bad }' "$1"
}

# The prompts of the files named, one a line, their lines joined by a
# blank.
prompts() {
	awk '/^%$/ { print t; t = ""; next } { t = t == "" ? $0 : t " " $0 }' \
	    "$@"
}

# Print the prompts (one a line, on stdin) that break a rule, as TAP
# comments; succeed when there are none.
none() {
	sed 's/^/# /' >"$T/offenders"
	cat "$T/offenders"
	[ ! -s "$T/offenders" ]
}

dir=$top_srcdir/data/prompts
cats=$(ls "$dir")
ncat=$(echo "$cats" | wc -l)
ok_if "at least 10 categories ($ncat)" [ "$ncat" -ge 10 ]
for c in intimacy repair; do
	ok_if "the opt-in category $c exists" [ -d "$dir/$c" ]
done

total=0
files=
for c in $cats; do
	ok_if "$c: a directory" [ -d "$dir/$c" ]
	[ -d "$dir/$c" ] || continue
	# Indexes sit beside the text in an in-tree build.
	names=$(ls "$dir/$c" | grep -v '\.dat$')
	bad=$(echo "$names" | grep -Evx '[123](-partner)?' | paste -sd ' ')
	ok_if "$c: files named 1, 2, 3 or N-partner${bad:+ (not $bad)}" \
	    [ -z "$bad" ]
	for d in 1 2 3; do
		ok_if "$c: prompts of depth $d" \
		    [ -s "$dir/$c/$d" -o -s "$dir/$c/$d-partner" ]
	done
	for f in $(echo "$names" | grep -Ex '[123](-partner)?'); do
		files="$files $c/$f"
	done
done

for f in $files; do
	p=$dir/$f
	n=$(grep -c '^%$' "$p")
	total=$((total + n))
	ok_if "$f: listed in Makefile.am" \
	    grep -q "data/prompts/$f\\( \\|\$\\)" "$top_srcdir/Makefile.am"
	ok_if "$f: ends with a delimiter line" \
	    [ "$(tail -c 2 "$p" | od -An -c | tr -d ' ')" = '%\n' ]
	ok_if "$f: valid UTF-8" iconv -f UTF-8 -t UTF-8 "$p" -o /dev/null
	w=$(LC_ALL=C.UTF-8 wc -L <"$p")
	ok_if "$f: no line wider than 72 columns ($w)" [ "$w" -le 72 ]
	ok_if "$f: no trailing blanks, tabs or CRs" no_stray_space "$p"
	ok_if "$f: no blank lines" no_blank_line "$p"
	ok_if "$f: no empty prompt" no_empty_prompt "$p"
	long=$(awk '/^%$/ { if (n > 4) c++; n = 0; next } { n++ }
	    END { print c + 0 }' "$p")
	ok_if "$f: every prompt at most 4 lines ($long longer)" \
	    [ "$long" -eq 0 ]
done
ok_if "at least 300 prompts ($total)" [ "$total" -ge 300 ]

paths=$(for f in $files; do echo "$dir/$f"; done)
prompts $paths >"$T/all"

# Prompts compared as one line each, case and spacing folded.
tr 'A-Z' 'a-z' <"$T/all" | tr -s ' ' | sort | uniq -d >"$T/dups"
ok_if "no duplicate prompts" none <"$T/dups"

# A question ends in a question mark; a task has none.
grep '?' "$T/all" | grep -v '?$' >"$T/bad"
ok_if "no task holds a question mark" none <"$T/bad"
grep -E '^(What|Which|How|When|Where|Who|Whom|Whose|Why)\b' "$T/all" |
    grep -v '?$' >"$T/bad"
ok_if "every question ends with a question mark" none <"$T/bad"
yesno='Do|Does|Did|Are|Is|Was|Were|Have|Has|Had|Can|Could|Would|Will'
yesno="$yesno|Should|Shall"
grep '?$' "$T/all" | grep -E "^($yesno)\b" >"$T/bad"
ok_if "no question asks for a yes or a no" none <"$T/bad"

# An evening's session ends on an appreciation task of depth 1 or 2.
n=$(prompts $(ls "$dir"/appreciation/[12] "$dir"/appreciation/[12]-partner \
    2>/dev/null) | grep -cv '?$')
ok_if "appreciation: tasks of depth 1 or 2 to end a session on ($n)" \
    [ "$n" -ge 3 ]

seed=$top_srcdir/../shared/seed
if [ -d "$seed" ]; then
	# Every run of eight words of the seed, lower case, punctuation dropped.
	cat "$seed"/* | tr 'A-Z' 'a-z' | tr -c 'a-z0-9\n' ' ' | tr -s ' \n' '  ' |
	    awk '{ for (i = 1; i + 7 <= NF; i++) { s = $i; for (j = 1; j < 8; j++) s = s " " $(i + j); print s } }' |
	    sort -u >"$T/seed8"
	tr 'A-Z' 'a-z' <"$T/all" | tr -c 'a-z0-9\n' ' ' | tr -s ' ' |
	    awk '{ for (i = 1; i + 7 <= NF; i++) { s = $i; for (j = 1; j < 8; j++) s = s " " $(i + j); print s } }' |
	    sort -u >"$T/prompts8"
	comm -12 "$T/seed8" "$T/prompts8" >"$T/copied"
	ok_if "no eight-word run copied from the seed text" none <"$T/copied"
else
	skip "no eight-word run copied from the seed text" \
	    "no seed text beside the source tree"
fi

finish
