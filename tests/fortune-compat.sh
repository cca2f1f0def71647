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

# fortune-compat.sh: tip against Debian's fortune(6) and the fortunes
# package: -m finds the same records, fortune prints tips from our
# collection and its indexes, and tip reads a fortune directory.

. "$top_srcdir/tests/lib.sh"

FORTUNE=${FORTUNE:-/usr/games/fortune}
FORTUNES=${FORTUNES:-/usr/share/games/fortunes}
[ -x "$FORTUNE" ] || skip_all "no fortune(6) at $FORTUNE"
[ -d "$FORTUNES" ] || skip_all "no fortunes in $FORTUNES"

# The text files of the fortunes package, without indexes and .u8 links.
set --
for f in "$FORTUNES"/*; do
	case $f in *.dat|*.u8|*.pos) continue ;; esac
	[ -f "$f" ] && set -- "$@" "$f"
done
nfortunes=$#
[ "$nfortunes" -gt 0 ] || skip_all "no fortune files in $FORTUNES"

# records [-h] FILE: the records of -m output, one a line with newlines
# and backslashes escaped, sorted; -h drops tip's %% (name) lines.
records() {
	_h=0
	[ "$1" = -h ] && { _h=1; shift; }
	awk -v h="$_h" '
	h && /^%% \(/ { next }
	/^%$/ { print r; r = ""; next }
	{ gsub(/\\/, "\\\\"); r = r (r == "" ? "" : "\\n") $0 }
	END { if (r != "") print r }' "$1" | LC_ALL=C sort
}

# tails GREP-OPTIONS PATTERN FILE...: the last record of each file that
# does not end with a % line, when a line of it matches.  fortune -m
# never prints those, tip does; they are added to fortune's set.
tails() {
	_o=$1 _p=$2
	shift 2
	for _f in "$@"; do
		[ "$(tail -n 1 "$_f")" = "%" ] && continue
		awk '/^%$/ { r = ""; next }
		    { r = r $0 "\n" }
		    END { printf "%s", r }' "$_f" >"$T/tail"
		if [ -s "$T/tail" ] && grep -q $_o -- "$_p" "$T/tail"; then
			cat "$T/tail"
			echo %
		fi
	done
}

# is_record FILE...: stdout holds exactly one record of the files.
is_record() {
	awk -v want="$OUT" '
	BEGIN { while ((getline l < want) > 0) w = w l "\n" }
	FNR == 1 { if (r != "" && r == w) found = 1; r = "" }
	/^%$/ { if (r != "" && r == w) found = 1; r = ""; next }
	{ r = r $0 "\n" }
	END { if (r != "" && r == w) found = 1; exit !found }' "$@"
}

# (1) tip -m finds the records fortune -m finds.
# same_matches DESC GREP-OPTIONS TIP-AND-FORTUNE-OPTIONS...
same_matches() {
	_d=$1 _g=$2
	shift 2
	"$FORTUNE" "$@" "$FORTUNES" >"$T/f.out" 2>/dev/null
	{ cat "$T/f.out"; tails "$_g" "$pattern" $files; } >"$T/f.all"
	records "$T/f.all" >"$T/f.recs"
	run "$TIP" "$@" "$FORTUNES"
	is_rc 0 "$_d: exit 0"
	no_err "$_d: nothing on stderr"
	records -h "$OUT" >"$T/t.recs"
	ok_if "$_d: found something ($(wc -l <"$T/t.recs") records)" \
	    [ -s "$T/t.recs" ]
	ok_if "$_d: the same records as fortune" cmp -s "$T/f.recs" "$T/t.recs"
	[ -s "$T/f.recs" ] && ! cmp -s "$T/f.recs" "$T/t.recs" &&
	    diff "$T/f.recs" "$T/t.recs" | head -n 6 | cut -c 1-150 |
	    sed 's/^/#   /'
	ok_if "$_d: every match under a %% (name) header" awk '
	    /^%% \(.*\)$/ { h = 1 }
	    /^%$/ { if (!h) exit 1 }
	    END { exit !h }' "$OUT"
}

files="$*"
pattern=love
same_matches "-m love" -E -m love
pattern=Unix
same_matches "-m Unix" -E -m Unix
pattern=unix
same_matches "-i -m unix" -iE -i -m unix
# fortune -m matches line by line: ^ and $ anchor at each line.
pattern='love$'
same_matches "-m 'love\$'" -E -m 'love$'
pattern='^Q:'
same_matches "-m '^Q:'" -E -m '^Q:'

run "$TIP" -m zzzqqqxxx "$FORTUNES"
is_rc 1 "-m with no match: exit 1 (fortune says 0)"
no_out "-m with no match: nothing on stdout"

# (2) fortune prints tips from our collection and its indexes.
mkdir -p "$T/tips"
ncat=0 tipfiles=
for f in "$top_srcdir"/data/tips/*; do
	case $f in *.dat) continue ;; esac
	cp "$f" "$T/tips/"
	tipfiles="$tipfiles $T/tips/${f##*/}"
	ncat=$((ncat + 1))
done
cp "$top_builddir"/data/tips/*.dat "$T/tips/" 2>/dev/null
ok_if "collection: every category has an index from make" \
    [ "$(ls "$T/tips" | grep -c '\.dat$')" -eq "$ncat" ]

bad=0
for i in 1 2 3 4 5 6 7 8 9 10; do
	run "$FORTUNE" "$T/tips"
	[ "$RC" -eq 0 ] && is_record $tipfiles || bad=1
done
ok_if "fortune DIR: prints one of our tips, 10 runs" [ "$bad" -eq 0 ]

# fortune -c names the file; the tip must be a record of that file,
# which checks the offsets of every index fortune picked from.
bad=0
for i in $(awk 'BEGIN { for (i = 1; i <= 20; i++) print i }'); do
	run "$FORTUNE" -c "$T/tips"
	cat=$(sed -n '1s/^(\(.*\))$/\1/p' "$OUT")
	sed 1,2d "$OUT" >"$T/c.tip"
	cp "$T/c.tip" "$OUT"
	[ -n "$cat" ] && [ -f "$T/tips/$cat" ] && is_record "$T/tips/$cat" ||
	    bad=1
done
ok_if "fortune -c DIR: each tip is a record of its category, 20 runs" \
    [ "$bad" -eq 0 ]

for f in "$T"/tips/*.dat; do
	c=${f##*/}
	c=${c%.dat}
	run "$FORTUNE" "$T/tips/$c"
	is_rc 0 "fortune $c: exit 0"
	ok_if "fortune $c: one of its tips" is_record "$T/tips/$c"
done

run "$FORTUNE" -f "$T/tips"
awk 'NR > 1 { print $2, $1 }' "$ERR" | LC_ALL=C sort >"$T/f.list"
ok_if "fortune -f DIR: lists every category" \
    [ "$(wc -l <"$T/f.list")" -eq "$ncat" ]
run "$TIP" -f "$T/tips"
awk 'NR > 1 { print $2, $1 }' "$OUT" | LC_ALL=C sort >"$T/t.list"
ok_if "tip -f DIR: the same chances as fortune -f DIR" \
    cmp -s "$T/f.list" "$T/t.list"

# (3) tip reads a fortune directory.
bad=0
for s in 1 2 3 4 5 6 7 8 9 10; do
	run "$TIP" --seed "$s" "$FORTUNES"
	[ "$RC" -eq 0 ] && [ ! -s "$ERR" ] && is_record "$@" || bad=1
done
ok_if "tip FORTUNES: a real record, 10 seeds" [ "$bad" -eq 0 ]

run "$TIP" -f "$FORTUNES"
is_rc 0 "tip -f FORTUNES: exit 0"
unlike_out '\.(u8|dat)$' "tip -f FORTUNES: no .u8 or .dat"
ok_if "tip -f FORTUNES: every text file ($nfortunes)" \
    [ "$(grep -c '^    ' "$OUT")" -eq "$nfortunes" ]
awk 'NR > 1 { print $2, $1 }' "$OUT" | LC_ALL=C sort >"$T/t.list"
"$FORTUNE" -f "$FORTUNES" 2>&1 >/dev/null |
    awk 'NR > 1 { print $2, $1 }' | LC_ALL=C sort >"$T/f.list"
ok_if "tip -f FORTUNES: the same chances as fortune -f" \
    cmp -s "$T/f.list" "$T/t.list"

run env TIP_PATH="$FORTUNES" "$TIP" -c --seed 3 linux
is_rc 0 "TIP_PATH=FORTUNES: a category by name"
sed 1,2d "$OUT" >"$T/l.tip"
cp "$T/l.tip" "$OUT"
ok_if "TIP_PATH=FORTUNES linux: a record of linux" \
    is_record "$FORTUNES/linux"

finish
