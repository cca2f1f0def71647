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

# manlint.sh: the built manuals are clean for mandoc -Tlint -Wwarning and
# hold no unsubstituted @variable@, and tip.1 agrees with cmd/tip.c: its
# SYNOPSIS lists every short option of both getopt strings and reads as
# the usage that tip prints, it describes every short option, and it
# names every long option of the longopts table beside its short form.
# The options are read from the source, never from a list kept here.

. "$top_srcdir/tests/lib.sh"

command -v mandoc >/dev/null 2>&1 || skip_all "mandoc is not installed"

man=$top_builddir/man
src=$top_srcdir/cmd/tip.c
pages="tip.1 tips.5 rapport.7"
BS=$(printf '\b')

# A page as plain text, without the overstrike of bold and underline.
render() {
	mandoc -Tascii "$1" | sed "s/.$BS//g"
}

# Usage or SYNOPSIS lines on stdin to one line per form of the command,
# each starting with "tip", blanks squeezed.
forms() {
	sed 's/^usage://' | awk '
	    { sub(/^[ \t]+/, ""); gsub(/[ \t]+/, " "); sub(/ $/, "") }
	    $0 == "" { next }
	    /^tip / { if (f != "") print f; f = $0; next }
	    { f = f " " $0 }
	    END { if (f != "") print f }'
}

# The lines of an mdoc source from the line matching $1 up to, not
# including, the next line matching $2.
between() {
	awk -v from="$1" -v to="$2" '
	    f && $0 ~ to { exit }
	    $0 ~ from { f = 1 }
	    f' "$man/tip.1"
}

# Each letter of a getopt string, one per line, ":" dropped.
letters() {
	printf '%s\n' "$1" | sed 's/://g; s/./&\
/g' | sed '/^$/d'
}

# Fail with both texts shown, or pass.
same() {
	if cmp -s "$2" "$3"; then
		pass "$1"
	else
		tap_n=$((tap_n + 1))
		echo "not ok $tap_n - $1"
		sed 's/^/# tip.1: /' "$2"
		sed 's/^/# tip:   /' "$3"
	fi
}

for p in $pages; do
	desc="$p: mandoc -Tlint -Wwarning reports nothing"
	if [ ! -f "$man/$p" ]; then
		fail "$desc" "$man/$p was not built"
		continue
	fi
	run mandoc -Tlint -Wwarning "$man/$p"
	if [ "$RC" -eq 0 ] && [ ! -s "$OUT" ] && [ ! -s "$ERR" ]; then
		pass "$desc"
	else
		fail "$desc" "mandoc exited $RC"
	fi
done
# Later failures have no command output of their own to show.
rm -f "$OUT" "$ERR"

left=$(cd "$man" && grep -n '@[A-Za-z_][A-Za-z_]*@' $pages 2>&1)
ok_if "no @variable@ is left in the built pages" [ -z "$left" ]
[ -n "$left" ] && printf '%s\n' "$left" | sed 's/^/# /'

# The SYNOPSIS of tip.1 and the usage of tip -h and of a bad option.
render "$man/tip.1" | awk '/^SYNOPSIS/ { f = 1; next } /^[^ ]/ { f = 0 } f' |
    forms >"$T/synopsis"
"$TIP" -h 2>/dev/null | sed '/^$/,$d' | forms >"$T/help"
"$TIP" -Z 2>&1 >/dev/null </dev/null | sed -n '/^usage:/,$p' |
    forms >"$T/usage"
ok_if "tip.1 has a SYNOPSIS with two forms of tip" \
    [ "$(wc -l <"$T/synopsis")" -eq 2 ]
same "tip -h prints the SYNOPSIS of tip.1" "$T/synopsis" "$T/help"
same "tip -Z prints the SYNOPSIS of tip.1 as its usage" "$T/synopsis" \
    "$T/usage"

grep -v '^tip --index ' "$T/synopsis" >"$T/main"
grep '^tip --index ' "$T/synopsis" >"$T/index"

# Every short option: in the SYNOPSIS (with its argument when it takes
# one) and as an item of the option list of its part of DESCRIPTION.
main_opts=$(sed -n 's/.*getopt_long([^"]*"\([^"]*\)".*/\1/p' "$src")
index_opts=$(sed -n 's/.*getopt([^"]*"\([^"]*\)".*/\1/p' "$src")
found=yes
[ -n "$main_opts" ] && [ -n "$index_opts" ] || found=no
ok_if "tip's two getopt strings are found in cmd/tip.c" [ "$found" = yes ]
between '^[.]Sh DESCRIPTION' '^[.]Ss Indexing' >"$T/main.mdoc"
between '^[.]Ss Indexing' '^[.]Sh ' >"$T/index.mdoc"

for part in main index; do
	if [ "$part" = main ]; then
		opts=$main_opts
		name=tip
	else
		opts=$index_opts
		name="tip --index"
	fi
	missing=
	for c in $(letters "$opts"); do
		case $opts in
		*"$c:"*)
			re="\\[-$c [a-z]+\\]"
			;;
		*)
			re="\\[-[A-Za-z]*$c[A-Za-z]*\\]"
			;;
		esac
		ok_if "tip.1 SYNOPSIS lists $name -$c" \
		    grep -Eq -- "$re" "$T/$part"
		grep -Eq "^\\.It Fl $c( |\$)" "$T/$part.mdoc" ||
		    missing="$missing -$c"
	done
	ok_if "tip.1 describes every option of $name${missing:+ (not$missing)}" \
	    [ -z "$missing" ]
done

# Every long option, beside its short form when it has one.
render "$man/tip.1" | tr '\n' ' ' | tr -s ' \t' '  ' >"$T/text"
sed -n '/longopts\[\] = {/,/^};/p' "$src" |
    sed -n "s/^[[:space:]]*{ \"\\([a-z-]*\\)\",.*'\\(.\\)' },*\$/\\1 \\2/p" \
    >"$T/longopts"
ok_if "the longopts table is found in cmd/tip.c" [ -s "$T/longopts" ]
while read -r long short; do
	case $(letters "$main_opts" | grep -cx -- "$short") in
	0)
		re="--$long([^a-z-]|\$)"
		desc="tip.1 documents --$long"
		;;
	*)
		re="-$short( [a-z]+)?, --$long([^a-z-]|\$)"
		desc="tip.1 documents -$short, --$long"
		;;
	esac
	ok_if "$desc" grep -Eq -- "$re" "$T/text"
done <"$T/longopts"

finish
