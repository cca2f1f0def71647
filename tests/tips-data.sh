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
# 12 categories and 150 tips, at least 8 in each category (its file and
# its partner file together), every tip at most 4 lines of at most 72
# columns, no trailing blanks, no blank lines, no duplicates, valid UTF-8,
# every file shipped, and no run of eight words taken from the seed text.

. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/data-lib.sh"

dir=$top_srcdir/data/tips
# Indexes sit beside the text in an in-tree build.
files=$(ls "$dir" | grep -v '\.dat$')
cats=$(echo "$files" | sed 's/-partner$//' | sort -u)
ncat=$(echo "$cats" | wc -l)
ok_if "at least 12 categories ($ncat)" [ "$ncat" -ge 12 ]
for c in $cats; do
	n=$(cat "$dir/$c" "$dir/$c-partner" 2>/dev/null | grep -c '^%$')
	ok_if "$c: at least 8 tips ($n)" [ "$n" -ge 8 ]
done

total=0
for f in $files; do
	n=$(grep -c '^%$' "$dir/$f")
	total=$((total + n))
	ok_if "$f: listed in Makefile.am" \
	    grep -q "data/tips/$f\\( \\|\$\\)" "$top_srcdir/Makefile.am"
	check_file "$dir/$f" "$f" tip
done
ok_if "at least 150 tips ($total)" [ "$total" -ge 150 ]

(cd "$dir" && records $files) >"$T/all"

# Tips compared as one line each, case and spacing folded.
tr 'A-Z' 'a-z' <"$T/all" | tr -s ' ' | sort | uniq -d >"$T/dups"
ok_if "no duplicate tips" none <"$T/dups"

check_seed "$T/all"

finish
