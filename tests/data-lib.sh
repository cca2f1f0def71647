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

# data-lib.sh: sourced after lib.sh by prompts-data.sh and tips-data.sh,
# the house rules that the shipped tips and prompts share.
#
#	check_file FILE NAME KIND	FILE, shown as NAME, ends with a
#					delimiter line, is valid UTF-8, and
#					holds no line over 72 columns, no
#					trailing blank, tab or CR, no blank
#					line, no empty KIND and no KIND of
#					more than 4 lines
#	records FILE ...		the records of the files, one a line,
#					their lines joined by a blank
#	none				succeed when stdin is empty, printing
#					its lines as TAP comments
#	check_seed FILE			no run of eight words of FILE (records
#					one a line) is taken from the seed text

no_stray_space() {
	! grep -qE '[[:space:]]$' "$1" && ! grep -q "$(printf '\t')" "$1" &&
	    ! grep -q "$(printf '\r')" "$1"
}

no_blank_line() {
	! grep -q '^$' "$1"
}

no_empty_record() {
	awk 'NR == 1 && $0 == "%" { bad = 1 }
	    prev == "%" && $0 == "%" { bad = 1 }
	    { prev = $0 }
	    END { exit bad }' "$1"
}

check_file() {
	ok_if "$2: ends with a delimiter line" \
	    [ "$(tail -c 2 "$1" | od -An -c | tr -d ' ')" = '%\n' ]
	ok_if "$2: valid UTF-8" iconv -f UTF-8 -t UTF-8 "$1" -o /dev/null
	_w=$(LC_ALL=C.UTF-8 wc -L <"$1")
	ok_if "$2: no line wider than 72 columns ($_w)" [ "$_w" -le 72 ]
	ok_if "$2: no trailing blanks, tabs or CRs" no_stray_space "$1"
	ok_if "$2: no blank lines" no_blank_line "$1"
	ok_if "$2: no empty $3" no_empty_record "$1"
	_long=$(awk '/^%$/ { if (n > 4) c++; n = 0; next } { n++ }
	    END { print c + 0 }' "$1")
	ok_if "$2: every $3 at most 4 lines ($_long longer)" \
	    [ "$_long" -eq 0 ]
}

records() {
	awk '/^%$/ { print t; t = ""; next } { t = t == "" ? $0 : t " " $0 }' \
	    "$@"
}

none() {
	sed 's/^/# /' >"$T/offenders"
	cat "$T/offenders"
	[ ! -s "$T/offenders" ]
}

# eight_words: every run of eight words of stdin, lower case, punctuation
# dropped, once each.
eight_words() {
	tr 'A-Z' 'a-z' | tr -c 'a-z0-9\n' ' ' | tr -s ' ' |
	    awk '{ for (i = 1; i + 7 <= NF; i++) { s = $i
	    for (j = 1; j < 8; j++) s = s " " $(i + j); print s } }' |
	    sort -u
}

check_seed() {
	_seed=$top_srcdir/../shared/seed
	if [ -d "$_seed" ]; then
		# The seed's lines run on, as its paragraphs do.
		cat "$_seed"/* | tr '\n' ' ' | eight_words >"$T/seed8"
		eight_words <"$1" >"$T/ours8"
		comm -12 "$T/seed8" "$T/ours8" >"$T/copied"
		ok_if "no eight-word run copied from the seed text" \
		    none <"$T/copied"
	else
		skip "no eight-word run copied from the seed text" \
		    "no seed text beside the source tree"
	fi
}
