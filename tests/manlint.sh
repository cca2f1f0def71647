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
# hold no unsubstituted @variable@, and each command's page agrees with its
# source, tip.1 with cmd/tip.c and prompt.1 with cmd/prompt.c: its
# SYNOPSIS lists every short option of the getopt strings and reads as the
# usage that the command prints, it describes every short option, and it
# names every long option of the longopts table beside its short form.
# The options are read from the source, never from a list kept here.

. "$top_srcdir/tests/lib.sh"

command -v mandoc >/dev/null 2>&1 || skip_all "mandoc is not installed"

man=$top_builddir/man
PROMPT=$top_builddir/cmd/prompt
pages="prompt.1 prompts.5 rapport.7 tip.1 tips.5"
BS=$(printf '\b')

# A page as plain text, without the overstrike of bold and underline.
render() {
	mandoc -Tascii "$1" | sed "s/.$BS//g"
}

# Usage or SYNOPSIS lines on stdin to one line per form of the command
# $1, each starting with its name, blanks squeezed.
forms() {
	sed 's/^usage://' | awk -v cmd="$1" '
	    { sub(/^[ \t]+/, ""); gsub(/[ \t]+/, " "); sub(/ $/, "") }
	    $0 == "" { next }
	    substr($0, 1, length(cmd) + 1) == cmd " " {
		if (f != "") print f; f = $0; next
	    }
	    { f = f " " $0 }
	    END { if (f != "") print f }'
}

# The lines of the mdoc source $1 from the line matching $2 up to, not
# including, the next line matching $3.
between() {
	awk -v from="$2" -v to="$3" '
	    f && $0 ~ to { exit }
	    $0 ~ from { f = 1 }
	    f' "$1"
}

# Each letter of a getopt string, one per line, ":" dropped.
letters() {
	printf '%s\n' "$1" | sed 's/://g; s/./&\
/g' | sed '/^$/d'
}

# Fail with both texts shown, labelled $4 and $5, or pass.
same() {
	if cmp -s "$2" "$3"; then
		pass "$1"
	else
		tap_n=$((tap_n + 1))
		echo "not ok $tap_n - $1"
		sed "s/^/# $4: /" "$2"
		sed "s/^/# $5: /" "$3"
	fi
}

# The SYNOPSIS of page $1 and the usage of command $2, run as $3, for -h
# and for a bad option; $4 is the number of forms, in words, and $5 the
# file for the SYNOPSIS forms.
check_usage() {
	render "$man/$1" |
	    awk '/^SYNOPSIS/ { f = 1; next } /^[^ ]/ { f = 0 } f' |
	    forms "$2" >"$5"
	"$3" -h 2>/dev/null | sed '/^$/,$d' | forms "$2" >"$T/help"
	"$3" -Z 2>&1 >/dev/null </dev/null | sed -n '/^usage:/,$p' |
	    forms "$2" >"$T/usage"
	case $4 in
	one)	n=1 s= ;;
	two)	n=2 s=s ;;
	esac
	ok_if "$1 has a SYNOPSIS with $4 form$s of $2" \
	    [ "$(wc -l <"$5")" -eq "$n" ]
	same "$2 -h prints the SYNOPSIS of $1" "$5" "$T/help" "$1" \
	    "$2 -h"
	same "$2 -Z prints the SYNOPSIS of $1 as its usage" "$5" \
	    "$T/usage" "$1" "$2 -Z"
}

# Every short option of the getopt string $3 of $2 (a command, or a
# command and its first argument): in the SYNOPSIS forms in file $4 (with
# its argument when it takes one) and as an item of the option list in the
# mdoc part in file $5, both of page $1.
check_short() {
	missing=
	for c in $(letters "$3"); do
		case $3 in
		*"$c:"*)
			re="\\[-$c [a-z]+\\]"
			;;
		*)
			re="\\[-[A-Za-z]*$c[A-Za-z]*\\]"
			;;
		esac
		ok_if "$1 SYNOPSIS lists $2 -$c" grep -Eq -- "$re" "$4"
		grep -Eq "^\\.It Fl $c( |\$)" "$5" || missing="$missing -$c"
	done
	ok_if "$1 describes every option of $2${missing:+ (not$missing)}" \
	    [ -z "$missing" ]
}

# Every long option of the longopts table of source $2, beside its short
# form when the getopt string $3 has one, in the text of page $1.
check_long() {
	render "$man/$1" | tr '\n' ' ' | tr -s ' \t' '  ' >"$T/text"
	sed -n '/longopts\[\] = {/,/^};/p' "$2" |
	    sed -n "s/^[[:space:]]*{ \"\\([a-z-]*\\)\",.*'\\(.\\)' },*\$/\\1 \\2/p" \
	    >"$T/longopts"
	ok_if "the longopts table is found in ${2#"$top_srcdir"/}" \
	    [ -s "$T/longopts" ]
	while read -r long short; do
		case $(letters "$3" | grep -cx -- "$short") in
		0)
			re="--$long([^a-z-]|\$)"
			desc="$1 documents --$long"
			;;
		*)
			re="-$short( [a-z]+)?, --$long([^a-z-]|\$)"
			desc="$1 documents -$short, --$long"
			;;
		esac
		ok_if "$desc" grep -Eq -- "$re" "$T/text"
	done <"$T/longopts"
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

# tip: a main form and an indexer form, each with its own getopt string
# and its own part of DESCRIPTION.
src=$top_srcdir/cmd/tip.c
check_usage tip.1 tip "$TIP" two "$T/synopsis"
grep -v '^tip --index ' "$T/synopsis" >"$T/main"
grep '^tip --index ' "$T/synopsis" >"$T/index"

main_opts=$(sed -n 's/.*getopt_long([^"]*"\([^"]*\)".*/\1/p' "$src")
index_opts=$(sed -n 's/.*getopt([^"]*"\([^"]*\)".*/\1/p' "$src")
found=yes
[ -n "$main_opts" ] && [ -n "$index_opts" ] || found=no
ok_if "tip's two getopt strings are found in cmd/tip.c" [ "$found" = yes ]
between "$man/tip.1" '^[.]Sh DESCRIPTION' '^[.]Ss Indexing' >"$T/main.mdoc"
between "$man/tip.1" '^[.]Ss Indexing' '^[.]Sh ' >"$T/index.mdoc"
check_short tip.1 tip "$main_opts" "$T/main" "$T/main.mdoc"
check_short tip.1 "tip --index" "$index_opts" "$T/index" "$T/index.mdoc"
check_long tip.1 "$src" "$main_opts"

# prompt: one form, whose options are all described in DESCRIPTION and
# its subsections.
src=$top_srcdir/cmd/prompt.c
check_usage prompt.1 prompt "$PROMPT" one "$T/synopsis"
opts=$(sed -n 's/.*getopt_long([^"]*"\([^"]*\)".*/\1/p' "$src")
ok_if "prompt's getopt string is found in cmd/prompt.c" [ -n "$opts" ]
between "$man/prompt.1" '^[.]Sh DESCRIPTION' '^[.]Sh ' >"$T/prompt.mdoc"
check_short prompt.1 prompt "$opts" "$T/synopsis" "$T/prompt.mdoc"
check_long prompt.1 "$src" "$opts"

finish
