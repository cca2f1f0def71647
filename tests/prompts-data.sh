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
. "$top_srcdir/tests/data-lib.sh"

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
	check_file "$p" "$f" prompt
done
ok_if "at least 300 prompts ($total)" [ "$total" -ge 300 ]

paths=$(for f in $files; do echo "$dir/$f"; done)
records $paths >"$T/all"

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
n=$(records $(ls "$dir"/appreciation/[12] "$dir"/appreciation/[12]-partner \
    2>/dev/null) | grep -cv '?$')
ok_if "appreciation: tasks of depth 1 or 2 to end a session on ($n)" \
    [ "$n" -ge 3 ]

check_seed "$T/all"

finish
