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

# tips-data.sh: the shipped collection follows the house rules: at least
# 12 categories and 150 tips, every tip at most 4 lines of at most 72
# columns, no trailing blanks, no blank lines, no duplicates, valid UTF-8,
# every file shipped, and no run of eight words taken from the seed text.

. "$top_srcdir/tests/lib.sh"

no_stray_space() {
	! grep -qE '[[:space:]]$' "$1" && ! grep -q "$(printf '\t')" "$1" &&
	    ! grep -q "$(printf '\r')" "$1"
}

no_blank_line() {
	! grep -q '^$' "$1"
}

no_empty_tip() {
	awk 'NR == 1 && $0 == "%" { bad = 1 }
	    prev == "%" && $0 == "%" { bad = 1 }
	    { prev = $0 }
	    END { exit bad }' "$1"
}

dir=$top_srcdir/data/tips
# Indexes sit beside the text in an in-tree build.
files=$(ls "$dir" | grep -v '\.dat$')
ncat=$(echo "$files" | wc -l)
ok_if "at least 12 categories ($ncat)" [ "$ncat" -ge 12 ]

total=0
for f in $files; do
	n=$(grep -c '^%$' "$dir/$f")
	total=$((total + n))
	ok_if "$f: at least 8 tips ($n)" [ "$n" -ge 8 ]
	ok_if "$f: listed in Makefile.am" \
	    grep -q "data/tips/$f\\( \\|\$\\)" "$top_srcdir/Makefile.am"
	ok_if "$f: ends with a delimiter line" \
	    [ "$(tail -c 2 "$dir/$f" | od -An -c | tr -d ' ')" = '%\n' ]
	ok_if "$f: valid UTF-8" iconv -f UTF-8 -t UTF-8 "$dir/$f" -o /dev/null
	w=$(LC_ALL=C.UTF-8 wc -L <"$dir/$f")
	ok_if "$f: no line wider than 72 columns ($w)" [ "$w" -le 72 ]
	ok_if "$f: no trailing blanks, tabs or CRs" no_stray_space "$dir/$f"
	ok_if "$f: no blank lines" no_blank_line "$dir/$f"
	ok_if "$f: no empty tip" no_empty_tip "$dir/$f"
	long=$(awk '/^%$/ { if (n > 4) c++; n = 0; next } { n++ } END { print c + 0 }' "$dir/$f")
	ok_if "$f: every tip at most 4 lines ($long longer)" [ "$long" -eq 0 ]
done
ok_if "at least 150 tips ($total)" [ "$total" -ge 150 ]

# Tips compared as one line each, case and spacing folded.
for f in $files; do
	awk '/^%$/ { print tolower(t); t = ""; next } { t = t " " $0 }' "$dir/$f"
done | tr -s ' ' | sort | uniq -d >"$T/dups"
ok_if "no duplicate tips" [ ! -s "$T/dups" ]
[ -s "$T/dups" ] && sed 's/^/# duplicate: /' "$T/dups"

seed=$top_srcdir/../shared/seed
if [ -d "$seed" ]; then
	# Every run of eight words of the seed, lower case, punctuation dropped.
	cat "$seed"/* | tr 'A-Z' 'a-z' | tr -c 'a-z0-9\n' ' ' | tr -s ' \n' '  ' |
	    awk '{ for (i = 1; i + 7 <= NF; i++) { s = $i; for (j = 1; j < 8; j++) s = s " " $(i + j); print s } }' |
	    sort -u >"$T/seed8"
	for f in $files; do
		awk '/^%$/ { print t; t = ""; next } { t = t " " $0 }' "$dir/$f"
	done | tr 'A-Z' 'a-z' | tr -c 'a-z0-9\n' ' ' | tr -s ' ' |
	    awk '{ for (i = 1; i + 7 <= NF; i++) { s = $i; for (j = 1; j < 8; j++) s = s " " $(i + j); print s } }' |
	    sort -u >"$T/tips8"
	comm -12 "$T/seed8" "$T/tips8" >"$T/copied"
	ok_if "no eight-word run copied from the seed text" [ ! -s "$T/copied" ]
	[ -s "$T/copied" ] && sed 's/^/# copied: /' "$T/copied"
else
	skip "no eight-word run copied from the seed text" \
	    "no seed text beside the source tree"
fi

finish
