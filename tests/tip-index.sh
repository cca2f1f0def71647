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

# tip-index.sh: tip --index against the real strfile(8): the same index
# bytes and the same summary for the same input and options, the -r
# header and permutation, and the errors.

. "$top_srcdir/tests/lib.sh"

STRFILE=${STRFILE:-/usr/bin/strfile}
[ -x "$STRFILE" ] || skip_all "no strfile(8) at $STRFILE"

# offsets FILE: the offsets of a version 2 index, one a line, in order.
offsets() {
	od -An -v -tu1 -j 24 "$1" | awk '
	{ for (i = 1; i <= NF; i++) b[n++] = $i }
	END {
		for (i = 0; i + 3 < n; i += 4) {
			v = b[i] * 16777216 + b[i + 1] * 65536
			print v + b[i + 2] * 256 + b[i + 3]
		}
	}'
}

# same DESC OPTS NAME [DATAFILE]: index $T/in/NAME with strfile and with
# tip --index, each in a directory of its own under the same relative
# names, and compare the indexes, the summaries and the statuses.
same() {
	s_desc=$1 s_opts=$2 s_name=$3
	shift 3
	rm -rf "$T/ref" "$T/our"
	mkdir "$T/ref" "$T/our"
	cp "$T/in/$s_name" "$T/ref/$s_name"
	cp "$T/in/$s_name" "$T/our/$s_name"
	s_dat=${1:-$s_name.dat}
	(cd "$T/ref" && "$STRFILE" $s_opts "$s_name" "$@") >"$T/ref.out" 2>&1
	s_refrc=$?
	(cd "$T/our" && "$TIP" --index $s_opts "$s_name" "$@") >"$OUT" 2>"$ERR"
	RC=$?
	ok_if "$s_desc: strfile succeeds" [ "$s_refrc" -eq 0 ]
	is_rc 0 "$s_desc: exit 0"
	no_err "$s_desc: nothing on stderr"
	ok_if "$s_desc: the index is byte-identical to strfile's" \
	    cmp -s "$T/ref/$s_dat" "$T/our/$s_dat"
	case $s_opts in
	*-s*) no_out "$s_desc: -s prints nothing" ;;
	*) ok_if "$s_desc: the summary is strfile's" \
	    cmp -s "$T/ref.out" "$OUT" ;;
	esac
}

mkdir -p "$T/in"
printf 'one\n%%\ntwo\nlines\n%%\nthree\n%%\n' >"$T/in/plain"
printf 'alpha\n%%\nbeta\n' >"$T/in/nofinal"
printf '%%\n%%\nfirst\n%%\n%%\n%%\nsecond\n%%\n' >"$T/in/doubled"
printf 'one\r\n%%\r\ntwo\r\nthree\r\n%%\r\nfour\r\n' >"$T/in/crlf"
: >"$T/in/empty"
printf 'just one\n' >"$T/in/one"
printf 'just one\n%%\n' >"$T/in/one-delim"
printf '%%%% comment\nx\n%% \ny\n%%\t\nz\n%%\n\n%%\n' >"$T/in/oddlines"
{
	printf 'banana split\n%%\nApple\n%%\n"cherry" pie\n%%\n'
	printf 'apple tart\n%%\n  Zeta\n%%\n-- banana bread\n%%\n'
	printf 'APPLE CRUMBLE\n%%\n'
} >"$T/in/order"
printf 'uryyb jbeyq\n%%\nnabgure bar\n%%\n' >"$T/in/rot"
printf 'one\n#\ntwo\n%%\nstill two\n#\nthree\n#\n' >"$T/in/hash"
# 60 records of 0 to 6 lines, the empty ones left out by strfile.
awk 'BEGIN { for (i = 1; i <= 60; i++) {
	for (j = 0; j < i % 7; j++) printf "line %d of tip %d\n", j, i
	print "%" } }' >"$T/in/many"

same "plain" "" plain
same "plain -s" "-s" plain
same "no final %" "" nofinal
same "leading and doubled %" "" doubled
same "CRLF" "" crlf
same "empty file" "" empty
same "one string, no delimiter" "" one
same "one string and a delimiter" "" one-delim
same "%% and % followed by blanks" "" oddlines
same "-o" "-o" order
same "-i -o" "-i -o" order
same "-io" "-io" order
same "-x" "-x" rot
same "-c '#'" "-c #" hash
same "explicit datafile" "" plain other.idx
same "explicit datafile -s" "-s" many many.index
same "60 records, some empty" "" many
same "-o -x -s" "-o -x -s" order

# -r: strfile's header, the strings in another order, the end last.
rm -rf "$T/ref" "$T/our"
mkdir "$T/ref" "$T/our"
"$STRFILE" -s "$T/in/many" "$T/ref/plain.dat"
"$STRFILE" -s -r "$T/in/many" "$T/ref/random.dat"
run "$TIP" --index -s -r "$T/in/many" "$T/our/random.dat"
is_rc 0 "-r: exit 0"
ok_if "-r: the header is strfile -r's" \
    cmp -s -n 24 "$T/ref/random.dat" "$T/our/random.dat"
ok_if "-r: the same size as strfile -r's index" \
    [ "$(wc -c <"$T/ref/random.dat")" -eq "$(wc -c <"$T/our/random.dat")" ]
offsets "$T/ref/plain.dat" >"$T/ordered"
offsets "$T/our/random.dat" >"$T/random"
# Of the 60 records, the 8 of 7, 14, ... 56 are empty: 52 strings.
ok_if "-r: 52 strings and the end" [ "$(wc -l <"$T/random")" -eq 53 ]
ok_if "-r: the end sentinel is last" \
    [ "$(tail -n 1 "$T/ordered")" = "$(tail -n 1 "$T/random")" ]
sed '$d' "$T/ordered" | sort -n >"$T/ordered.sorted"
sed '$d' "$T/random" | sort -n >"$T/random.sorted"
ok_if "-r: the offsets are a permutation of the strings" \
    cmp -s "$T/ordered.sorted" "$T/random.sorted"
ok_if "-r: in another order than the file's" \
    eval '! cmp -s "$T/ordered" "$T/random"'
run "$TIP" --index -r "$T/in/many" "$T/our/random2.dat"
"$STRFILE" -r "$T/in/many" "$T/our/random2.dat" >"$T/ref.out"
ok_if "-r: the summary is strfile's" cmp -s "$T/ref.out" "$OUT"

# Every file of the fortunes package.
fortunes=/usr/share/games/fortunes
if [ -d "$fortunes" ]; then
	nf=0
	for f in "$fortunes"/*; do
		case $f in *.dat|*.u8|*.pos) continue ;; esac
		[ -f "$f" ] || continue
		b=${f##*/}
		"$STRFILE" -s "$f" "$T/ref.dat" >/dev/null 2>&1
		run "$TIP" --index -s "$f" "$T/our.dat"
		ok_if "fortunes/$b: the index is byte-identical to strfile's" \
		    eval '[ "$RC" -eq 0 ] && cmp -s "$T/ref.dat" "$T/our.dat"'
		nf=$((nf + 1))
	done
	ok_if "fortunes: files were compared ($nf)" [ "$nf" -gt 0 ]
	run "$TIP" --index "$fortunes/fortunes" "$T/our.dat"
	"$STRFILE" "$fortunes/fortunes" "$T/our.dat" >"$T/ref.out"
	ok_if "fortunes/fortunes: the summary is strfile's" \
	    cmp -s "$T/ref.out" "$OUT"
else
	skip "fortunes: the indexes" "no $fortunes"
fi

# The indexes make wrote for the shipped collection.
for f in "$top_srcdir"/data/tips/*; do
	case $f in *.dat) continue ;; esac
	b=${f##*/}
	"$STRFILE" -s "$f" "$T/ref.dat" >/dev/null 2>&1
	ok_if "data/tips/$b.dat from make: byte-identical to strfile's" \
	    cmp -s "$T/ref.dat" "$top_builddir/data/tips/$b.dat"
done

# Errors.
run "$TIP" --index "$T/in/nosuchfile"
is_rc 2 "missing source: exit 2"
like_err "nosuchfile" "missing source: the message names it"
no_out "missing source: nothing on stdout"
ok_if "missing source: no index written" [ ! -e "$T/in/nosuchfile.dat" ]

ls -a "$T/in" >"$T/before"
run "$TIP" --index "$T/in/plain" "$T/in/missing/dir/plain.dat"
is_rc 2 "datafile in a missing directory: exit 2"
like_err "missing/dir/plain.dat" "datafile in a missing directory: named"
no_out "datafile in a missing directory: nothing on stdout"
ls -a "$T/in" >"$T/after"
ok_if "datafile in a missing directory: no file left" \
    cmp -s "$T/before" "$T/after"

mkdir -p "$T/in/adir"
ls -a "$T/in" >"$T/before"
run "$TIP" --index "$T/in/plain" "$T/in/adir"
is_rc 2 "datafile that is a directory: exit 2"
like_err "adir" "datafile that is a directory: named"
ls -a "$T/in" >"$T/after"
ok_if "datafile that is a directory: no partial file left" \
    cmp -s "$T/before" "$T/after"
ok_if "datafile that is a directory: nothing written into it" \
    [ -z "$(ls -A "$T/in/adir")" ]

# A directory is a collection, indexed by colindex.sh's tests: with a
# datafile or an option of strfile's, it is refused, and nothing written.
run "$TIP" --index "$T/in/adir" "$T/adir.dat"
is_rc 2 "a directory and a datafile: exit 2"
like_err "adir: a directory takes no datafile" \
    "a directory and a datafile: named"
run "$TIP" --index -r "$T/in/adir"
is_rc 2 "a directory with -r: exit 2"
ok_if "a directory refused: nothing written into it" \
    [ -z "$(ls -A "$T/in/adir")" ]

for c in "" "ab"; do
	run "$TIP" --index -c "$c" "$T/in/plain" "$T/bad.dat"
	is_rc 2 "-c '$c': exit 2"
	like_err "." "-c '$c': a message"
	ok_if "-c '$c': no index written" [ ! -e "$T/bad.dat" ]
done

run "$TIP" --index
is_rc 2 "no operand: exit 2"
like_err "^usage: " "no operand: usage on stderr"
no_out "no operand: nothing on stdout"

run "$TIP" --index "$T/in/plain" "$T/a.dat" "$T/b.dat"
is_rc 2 "three operands: exit 2"
like_err "^usage: " "three operands: usage on stderr"

run "$TIP" --index -q "$T/in/plain"
is_rc 2 "unknown option: exit 2"
like_err "^usage: " "unknown option: usage on stderr"

if [ -w /dev/full ]; then
	"$TIP" --index "$T/in/plain" "$T/full.dat" >/dev/full 2>"$ERR"
	RC=$?
	is_rc 2 "summary to /dev/full: exit 2"
	like_err "No space left on device" "summary to /dev/full: the error"
fi

finish
