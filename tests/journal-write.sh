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

#
# journal-write.sh: writing the way people think (issue 14): text that
# reads as a command refused, dates in words, no entry in the future by
# mistake.

. "$top_srcdir/tests/lib.sh"

XDG_DATA_HOME=$T/data
XDG_STATE_HOME=$T/state
XDG_CONFIG_HOME=$T/config
TZ=UTC0
JOURNAL_NOW=2026-11-25T12:00:00Z
export XDG_DATA_HOME XDG_STATE_HOME XDG_CONFIG_HOME TZ JOURNAL_NOW
unset JOURNAL_FILE VISUAL EDITOR PAGER COLUMNS

J=$T/j/journal

# --- 1. Text that reads as a command is refused, not saved.
for words in lsit List exprot shwo 'search phones' 'star b6f' 'find' \
    'rm b6f'; do
	# shellcheck disable=SC2086
	run "$JOURNAL" -f "$J" $words
	is_rc 2 "\"$words\": refused"
	like_err 'did you mean "journal [a-z]' "\"$words\": did you mean"
	like_err "journal -- $words\$" "\"$words\": the way to write it anyway"
done
ok_if "no entry written by a mistyped command" [ ! -s "$J" ]
run "$JOURNAL" help
is_rc 0 "journal help: exit 0"
like_out '^usage: journal' "journal help: the usage on stdout"
run "$JOURNAL" -f "$J" help
is_rc 2 "journal -f FILE help: refused"
ok_if "journal help writes nothing" [ ! -s "$J" ]
run "$JOURNAL" -f "$J" -- lsit
is_rc 0 "journal -- lsit: written"
run "$JOURNAL" -f "$J" lost my keys
is_rc 0 "several words close to a command: written"
run "$JOURNAL" -f "$J" happy
is_rc 0 "a word far from every command: written"
run "$JOURNAL" list -f "$J" --format raw
like_out '^lsit$' "-- lsit: the text as typed"
like_out '^lost my keys$' "lost my keys: the text"

finish
