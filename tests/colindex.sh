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

# colindex.sh: the index of a collection (tip --index DIR) as tip and
# prompt users meet it: the same picks, lists and matches with it as
# without it; an edited, added or removed file, or a category, seen at
# once; a damaged index taken for none; and the errors of writing one,
# as another user where we are root.

. "$top_srcdir/tests/lib.sh"

XDG_STATE_HOME=$T/state
export XDG_STATE_HOME
C=$T/col
mkdir -p "$C"
cp -R "$top_srcdir/data/prompts" "$C/prompts"
cp -R "$top_srcdir/data/tips" "$C/tips"
# A distcheck's sources are read-only, and so would be their copies.
chmod -R u+w "$C"
find "$C" -name '*.dat' -exec rm -f {} +
PROMPT_PATH=$C/prompts
TIP_PATH=$C/tips
export PROMPT_PATH TIP_PATH
IX=.rapport-index

# count_records FILE...: the records of fortune-format files, as
# tips(5) defines them: text between lines of a lone %, comment lines
# (%%) and blank lines aside.
count_records() {
	awk '
	FNR == 1 { if (text) n++; text = 0 }
	/^%%/ { next }
	/^%[ \t\r]*$/ { if (text) n++; text = 0; next }
	/[^ \t\r]/ { text = 1 }
	END { if (text) n++; print n + 0 }' "$@"
}

# The commands whose output the index must not change, one a line.
cat >"$T/commands" <<'EOF'
tip --seed 1
tip --seed 2
tip --seed 3
tip --seed 17
tip --seed 99
tip --seed ourword
tip -c --seed 5
tip -f
tip -e -f
tip -s -n 60 --seed 4
tip -l --seed 4
tip -m kitchen
tip -i -m WALK
tip --for family --seed 8
tip --for friend -f
tip --seed 6 listening humor
tip -f 30% play listening
tip -m you curiosity
prompt -f
prompt --for friend -f
prompt --no-history --seed a -n 5
prompt --no-history --seed b -n 5
prompt --no-history --seed c -d 3 -n 3
prompt --no-history --seed d -m you -n 4
prompt --no-history --seed e --format json -n 2
prompt --no-history --seed f -x play -x needs -n 6
prompt --no-history --session 7 --seed g
prompt --no-history --seed h -n 4 play memories
prompt intimacy -f
EOF

# outputs NAME: every command's status, stdout and stderr, into $T/NAME.
outputs() {
	: >"$T/$1"
	while read -r _cmd _args; do
		case $_cmd in
		tip) _bin=$TIP ;;
		prompt) _bin=$PROMPT ;;
		esac
		# shellcheck disable=SC2086
		"$_bin" $_args >"$T/o" 2>"$T/e" </dev/null
		{
			echo "== $_cmd $_args: status $?"
			cat "$T/o"
			echo "-- stderr"
			cat "$T/e"
		} >>"$T/$1"
	done <"$T/commands"
}

# same_as_without DESC: the commands print with the indexes as they
# printed with none.
same_as_without() {
	outputs with
	if cmp -s "$T/without" "$T/with"; then
		pass "$1"
	else
		fail "$1" "first difference:" \
		    "$(diff "$T/without" "$T/with" | head -n 8 | tr '\n' '|')"
	fi
}

# without_index: the reference outputs, with the indexes set aside.
without_index() {
	for _d in "$C/tips" "$C/prompts"; do
		[ -f "$_d/$IX" ] && mv "$_d/$IX" "$_d.ix"
	done
	outputs without
	for _d in "$C/tips" "$C/prompts"; do
		[ -f "$_d.ix" ] && mv "$_d.ix" "$_d/$IX"
	done
	return 0
}

### Writing the index, and what it says it holds.

ntips=$(count_records "$C"/tips/*)
nfiles=$(ls "$C/tips" | wc -l | tr -d ' ')
run "$TIP" --index "$C/tips"
is_rc 0 "tip --index DIR: exit 0"
is_out "\"$C/tips/$IX\" created
There were $ntips strings in $nfiles files" "tip --index DIR: the summary"
ok_if "tip --index DIR: the index is there" [ -s "$C/tips/$IX" ]

nprompts=$(count_records "$C"/prompts/*/*)
nfiles=$(ls "$C"/prompts/*/* | wc -l | tr -d ' ')
run "$TIP" --index -s "$C/prompts"
is_rc 0 "tip --index -s DIR: exit 0"
no_out "tip --index -s DIR: silent"
run "$TIP" --index "$C/prompts"
like_out "There were $nprompts strings in $nfiles files" \
    "tip --index DIR: the prompts of every category's files"

### The same output, with the indexes and without.

without_index
same_as_without "fresh indexes: the same picks, lists and matches"

### The index is read while fresh, and not once a file is newer.

M=$T/mini
mkdir -p "$M"
printf 'Walk together after dinner.\n%%\nCook one new dish.\n' >"$M/alpha"
printf 'Write a note and hide it.\n' >"$M/beta"
touch -d '2001-01-01 00:00' "$M/alpha" "$M/beta"
run "$TIP" --index -s "$M"
sed 's/dinner/supper/' "$M/alpha" >"$T/alpha" && cat "$T/alpha" >"$M/alpha"
touch -d '2001-01-01 00:00' "$M/alpha"
run env TIP_PATH="$M" "$TIP" -m supper
is_rc 1 "an edit of the same size, dated back: the index is read"
run env TIP_PATH="$M" "$TIP" -m dinner
like_out "after dinner" "an edit of the same size, dated back: the old text"
touch "$M/alpha"
run env TIP_PATH="$M" "$TIP" -m supper
is_rc 0 "a file newer than the index: read from the disk"
like_out "after supper" "a file newer than the index: the new text"
unlike_out "dinner" "a file newer than the index: not the old text"

sed 's/supper/a late supper/' "$M/alpha" >"$T/alpha" &&
    cat "$T/alpha" >"$M/alpha"
touch -d '2001-01-01 00:00' "$M/alpha"
run env TIP_PATH="$M" "$TIP" -m late
like_out "a late supper" "another size, dated back: read from the disk"

run env TIP_PATH="$M" "$TIP" -m 'hide it'
like_out "Write a note" "the files still as indexed: read from it"
touch -d '2001-01-01 00:00' "$M/beta"
sed 's/note/card/' "$M/beta" >"$T/beta" && cat "$T/beta" >"$M/beta"
touch -d '2001-01-01 00:00' "$M/beta"
run env TIP_PATH="$M" "$TIP" -m card beta
is_rc 1 "a category named: its file read from the index too"

# Within the clock's tick that dated the index: the index is dated before
# its first file was read, so what changes after it is read from the disk.
R=$T/racy
mkdir -p "$R/cat"
printf 'Walk together after dinner.\n' >"$R/cat/1"
"$TIP" --index -s "$R" && sed 's/dinner/supper/' "$R/cat/1" >"$T/one" &&
    cat "$T/one" >"$R/cat/1" &&
    printf 'Plan a picnic for two.\n' >"$R/cat/2"
run env PROMPT_PATH="$R" "$PROMPT" --no-history -m 'supper|picnic' -n 2
like_out "after supper" "an edit of the same size just after indexing: seen"
like_out "picnic" "a file added just after indexing: seen"

### Added, removed and renamed files and categories.

printf 'Which song is ours, and why?\n%%\nWhat did we laugh at first?\n' \
    >"$C/prompts/play/2-partner"
run "$PROMPT" --no-history -m 'song is ours' -n 1
like_out "Which song is ours" "a file added to a category: found"
rm "$C/prompts/needs/3"
printf 'What would you call a perfect rainy Sunday?\n' \
    >"$C/tips/rainy"
mkdir "$C/prompts/seasons"
printf 'What season do you feel most yourself in?\n' \
    >"$C/prompts/seasons/1"
rm -r "$C/prompts/future"
mv "$C/tips/humor" "$C/tips/laughter"
without_index
same_as_without "files and categories added, removed, renamed: as if no index"
run "$PROMPT" --no-history -m 'season do you feel' -n 1
like_out "What season" "a category added: its prompt found"
run "$TIP" -f
like_out "laughter" "a file renamed: listed under its new name"
unlike_out "humor" "a file renamed: not under its old name"

### A damaged index is as if there were none.

cp "$C/tips/$IX" "$T/tips.ix"
cp "$C/prompts/$IX" "$T/prompts.ix"
damage() {
	case $1 in
	empty)
		: >"$2" ;;
	truncated)
		head -c "$(($(wc -c <"$3") / 2))" "$3" >"$2" ;;
	garbage)
		head -c 4096 /dev/urandom >"$2" ;;
	version)
		# The version word is at byte 8: 1 becomes 2.
		{ head -c 11 "$3"; printf '\002'; tail -c +13 "$3"; } >"$2" ;;
	offset)
		# The first file's text offset, past the directory table.
		_nd=$(od -An -tu1 -j 12 -N 4 "$3" |
		    awk '{ print $1 * 16777216 + $2 * 65536 + $3 * 256 + $4 }')
		_at=$((32 + _nd * 12 + 4))
		{ head -c "$_at" "$3"; printf '\377\377\377\000'
		    tail -c +$((_at + 5)) "$3"; } >"$2" ;;
	esac
}
for how in empty truncated garbage version offset; do
	damage $how "$C/tips/$IX" "$T/tips.ix"
	damage $how "$C/prompts/$IX" "$T/prompts.ix"
	same_as_without "an index $how: as if there were none"
done
run "$TIP" --index -s "$C/tips"
run "$TIP" --index -s "$C/prompts"
rm "$C/tips/$IX"
mkdir "$C/tips/$IX"
run "$TIP" --seed 3
is_rc 0 "an index that is a directory: tip still prints"
no_err "an index that is a directory: nothing on stderr"
rmdir "$C/tips/$IX"

### Errors.

run "$TIP" --index "$T/nosuch"
is_rc 2 "a missing directory: exit 2"
like_err "nosuch" "a missing directory: named"

"$TIP" --index "$C/tips" >/dev/full 2>"$ERR"
RC=$?
is_rc 2 "the summary to a full disk: exit 2"

nobody_setup "$TIP_BIN"
if [ -n "$AS" ]; then
	P=$T/pub
	mkdir -p "$P/ro" "$P/rw"
	printf 'Say thank you for one small thing.\n' >"$P/ro/thanks"
	printf 'Ask about the best part of their day.\n' >"$P/rw/day"
	printf 'Not for your eyes.\n' >"$P/rw/secret"
	chmod 600 "$P/rw/secret"
	chmod 755 "$P" "$P/ro"
	chmod 777 "$P/rw"
	run $AS "$T/nb/tip" --index "$P/ro"
	is_rc 2 "a directory another may not write to: exit 2"
	like_err "ro/\\$IX: Permission denied" \
	    "a directory another may not write to: the index named"
	ok_if "a directory another may not write to: nothing left" \
	    [ -z "$(ls -A "$P/ro" | grep -v '^thanks$')" ]
	chmod 644 "$P/rw/secret"
	"$TIP" --index -s "$P/rw"
	cp "$P/rw/$IX" "$T/rw.ix"
	chmod 600 "$P/rw/secret"
	run $AS "$T/nb/tip" --index "$P/rw"
	is_rc 2 "a file another may not read: exit 2"
	like_err "rw/secret: Permission denied" \
	    "a file another may not read: named"
	ok_if "a file another may not read: the old index kept" \
	    cmp -s "$T/rw.ix" "$P/rw/$IX"
	chmod 700 "$T"
else
	for t in "a directory another may not write to: exit 2" \
	    "a directory another may not write to: the index named" \
	    "a directory another may not write to: nothing left" \
	    "a file another may not read: exit 2" \
	    "a file another may not read: named" \
	    "a file another may not read: the old index kept"; do
		skip "$t" "no other user to run as"
	done
fi

finish
