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
# source, tip.1 with cmd/tip.c, prompt.1 with cmd/prompt.c and journal.1
# with cmd/journal.c: its SYNOPSIS lists every short option of the getopt
# strings and reads as the usage that the command prints, it describes
# every short option, and it names every long option of the longopts
# tables beside its short form.  journal.1 also describes every command of
# journal, and the example journal of journal.5 reads without a problem.
# The options are read from the source, never from a list kept here.

. "$top_srcdir/tests/lib.sh"

command -v mandoc >/dev/null 2>&1 || skip_all "mandoc is not installed"

man=$top_builddir/man
pages="checkin.5 journal.1 journal.5 prompt.1 prompts.5 rapport-config.5
    rapport-index.5 rapport.7 rapport.1 score.1 tip.1 tips.5"
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
# and for a bad option; $4 is the number of forms, in words or digits,
# and $5 the file for the SYNOPSIS forms.
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
	*)	n=$4 s=s ;;
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
			re="\\[-$c [a-z][^]]*\\]"
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

# Every long option of the longopts table of source $2, named $4 or
# longopts, beside its short form when the getopt string $3 has one, in
# the text of page $1.  An option whose value is no character, such as
# OPT_FORMAT, has no short form.
check_long() {
	table=${4:-longopts}
	render "$man/$1" | tr '\n' ' ' | tr -s ' \t' '  ' >"$T/text"
	sed -n "/$table\\[\\] = {/,/^};/p" "$2" |
	    sed -n -e "s/^[[:space:]]*{ \"\\([a-z-]*\\)\",.*'\\(.\\)' },*\$/\\1 \\2/p" \
	    -e "s/^[[:space:]]*{ \"\\([a-z-]*\\)\",.*[[:space:]]OPT_[A-Z_]* },*\$/\\1 -/p" \
	    >"$T/longopts"
	ok_if "the $table table is found in ${2#"$top_srcdir"/}" \
	    [ -s "$T/longopts" ]
	while read -r long short; do
		case $(letters "$3" | grep -cx -- "$short") in
		0)
			re="--$long([^a-z-]|\$)"
			desc="$1 documents --$long"
			;;
		*)
			re="-$short( [^ ,]+)?, --$long([^a-z-]|\$)"
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

# score: a check-in, --items and --weakest, report and compare; every
# long option of the source described.
src=$top_srcdir/cmd/score.c
check_usage score.1 score "${SCORE:-$top_builddir/cmd/score}" 4 "$T/synopsis"
opts=$(sed -n 's/.*getopt_long([^"]*"\([^"]*\)".*/\1/p' "$src" | head -n 1)
ok_if "score's getopt string is found in cmd/score.c" [ -n "$opts" ]
# Its option tables are inside functions: the range runs over all three.
check_long score.1 "$src" "$opts" opts

# tip: a main form, an indexer form and a list of categories, the first
# two each with its own getopt string and its own part of DESCRIPTION.
src=$top_srcdir/cmd/tip.c
check_usage tip.1 tip "$TIP" 3 "$T/synopsis"
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

# rapport: three forms, and no option but -h and -V.
check_usage rapport.1 rapport "$top_builddir/cmd/rapport" 3 "$T/synopsis"

# prompt: one form, whose options are all described in DESCRIPTION and
# its subsections.
src=$top_srcdir/cmd/prompt.c
check_usage prompt.1 prompt "$PROMPT" 2 "$T/synopsis"
opts=$(sed -n 's/.*getopt_long([^"]*"\([^"]*\)".*/\1/p' "$src")
ok_if "prompt's getopt string is found in cmd/prompt.c" [ -n "$opts" ]
between "$man/prompt.1" '^[.]Sh DESCRIPTION' '^[.]Sh ' >"$T/prompt.mdoc"
check_short prompt.1 prompt "$opts" "$T/synopsis" "$T/prompt.mdoc"
check_long prompt.1 "$src" "$opts"


# journal: a form for writing, with its own getopt string and the part of
# DESCRIPTION up to "Listing entries"; a form for list, with its own
# getopt string and subsection; and a form for each other command, whose
# only option is the -f that every command takes and the intro describes.
# The commands are in cmd/journal-*.c, beside the dispatcher in journal.c.
src=$top_srcdir/cmd/journal.c
check_usage journal.1 journal "$JOURNAL" 16 "$T/synopsis"
getopt_of() {
	cat "$top_srcdir"/cmd/journal*.c |
	    sed -n "s/.*getopt_long([^\"]*\"\\([^\"]*\\)\", $1.*/\\1/p"
}
write_opts=$(getopt_of write_opts)
list_opts=$(getopt_of list_opts)
edit_opts=$(getopt_of edit_opts)
delete_opts=$(getopt_of delete_opts)
other_opts=$(getopt_of extra)
found=yes
[ -n "$write_opts" ] && [ -n "$list_opts" ] && [ -n "$other_opts" ] ||
    found=no
ok_if "journal's three getopt strings are found in cmd/journal*.c" \
    [ "$found" = yes ]
grep -v '^journal [a-z]' "$T/synopsis" >"$T/write"
grep '^journal list ' "$T/synopsis" >"$T/list"
between "$man/journal.1" '^[.]Sh DESCRIPTION' '^[.]Ss Listing' \
    >"$T/write.mdoc"
between "$man/journal.1" '^[.]Ss Listing' '^[.]S[hs] ' >"$T/list.mdoc"
check_short journal.1 journal "$write_opts" "$T/write" "$T/write.mdoc"
# -f is described once, before the commands, and is in every form.
check_short journal.1 "journal list" "$(printf '%s' "$list_opts" |
    sed 's/f://')" "$T/list" "$T/list.mdoc"
grep '^journal edit ' "$T/synopsis" >"$T/edit"
between "$man/journal.1" '^[.]Ss Editing' '^[.]S[hs] ' >"$T/edit.mdoc"
# Without an id, edit takes list's filters, described with list.
check_short journal.1 "journal edit" "$(printf '%s' "$edit_opts" |
    sed 's/f://; s/g://; s/iI//; s/T://')" "$T/edit" "$T/edit.mdoc"
ok_if "journal.1 describes the only option of the other commands" \
    [ "$other_opts" = "f:" ]
ok_if "journal.1 SYNOPSIS lists -f file in every form but merge-driver's" \
    [ "$(grep -c '\[-f file\]' "$T/synopsis")" -eq 15 ]
# export takes the options of list.
for table in write_opts list_opts edit_opts delete_opts show_opts \
    check_opts import_opts; do
	case $table in
	write_opts)	opts=$write_opts ;;
	list_opts)	opts=$list_opts ;;
	edit_opts)	opts=$edit_opts ;;
	delete_opts)	opts=$delete_opts ;;
	*)		opts=$other_opts ;;
	esac
	check_long journal.1 "$(grep -l "$table\\[\\] = {" \
	    "$top_srcdir"/cmd/journal*.c)" "$opts" "$table"
done

# Every command of journal's table, in DESCRIPTION.
sed -n '/commands\[\] = {/,/^};/p' "$src" |
    sed -n 's/^[[:space:]]*{ "\([a-z]*\)",.*/\1/p' >"$T/commands"
ok_if "journal's table of commands is found in cmd/journal.c" \
    [ -s "$T/commands" ]
between "$man/journal.1" '^[.]Sh DESCRIPTION' '^[.]Sh ' \
    >"$T/journal.mdoc"
while read -r c; do
	ok_if "journal.1 describes journal $c" \
	    grep -Eq "^[.](Op )?Cm $c( |\$)" "$T/journal.mdoc"
done <"$T/commands"

# The example of journal.5, as a reader of the page would copy it, is a
# journal without a problem, whose live entries are those the page says:
# the second entry superseded by the fourth, the third deleted.
render "$man/journal.5" |
    awk '/^ *%%journal 1$/ { f = 1; match($0, /^ */); n = RLENGTH }
	f { print substr($0, n + 1) }
	f && /^ *%%delete / { exit }' >"$T/example"
ok_if "journal.5 holds an example journal" [ -s "$T/example" ]
run "$JOURNAL" check -f "$T/example"
is_rc 0 "journal check passes the example of journal.5"
like_out ': 5 entries, 0 problems$' \
    "journal check finds 5 entries and no problem in the example"
run "$JOURNAL" list -f "$T/example" --format tsv
cut -f 1 "$OUT" >"$T/ids"
printf '%s\n' k7q2m9xa3d k7r1n6tv2g k7s5h2pq9r >"$T/want"
same "journal lists the live entries of the example of journal.5" \
    "$T/want" "$T/ids" expected listed

finish
