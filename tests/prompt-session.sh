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


# prompt-session.sh: prompt --session on a terminal, through script(1)'s
# pseudo-terminal: Enter goes on, s skips a prompt (which the history then
# does not hold), b goes back, q stops, as in score's check-in.

. "$top_srcdir/tests/lib.sh"

PROMPT_PATH=$top_srcdir/data/prompts
export PROMPT_PATH

if ! command -v script >/dev/null 2>&1 ||
    ! SHELL=/bin/sh script -qec true /dev/null </dev/null >/dev/null 2>&1; then
	skip_all "no script(1) giving a pty"
fi

# session NAME KEYS: prompt --session on a terminal with the lines of
# KEYS typed ahead, its history in $T/NAME; the headers it showed, in
# order, one a line, in $T/NAME.heads, and the lines of its history in
# $HN.
session() {
	mkdir -p "$T/$1"
	printf "$2" | XDG_STATE_HOME=$T/$1 SHELL=/bin/sh \
	    script -qec "$(sq "$PROMPT") --session" /dev/null >"$OUT" 2>&1
	RC=$?
	tr -d '\r' <"$OUT" | grep -o '^[0-9]* of 7:' >"$T/$1.heads"
	HN=$(cat "$T/$1/rapport/prompt-history" 2>/dev/null | wc -l)
	HN=$((HN + 0))
}

heads_are() {
	[ "$(tr '\n' ' ' <"$T/$1.heads")" = "$2" ]
}

session all '\n\n\n\n\n\n\n'
is_rc 0 "Enter to the end: exit 0"
ok_if "Enter to the end: the seven prompts in order" \
    heads_are all '1 of 7: 2 of 7: 3 of 7: 4 of 7: 5 of 7: 6 of 7: 7 of 7: '
like_out 's: skip, b: back, q: stop' "the keys are shown with each prompt"
like_out '\[Enter: end,' "the last prompt's Enter ends the session"
ok_if "Enter to the end: all seven recorded ($HN)" [ "$HN" -eq 7 ]

session skip 's\nq\n'
ok_if "s then q: the first two prompts shown" heads_are skip '1 of 7: 2 of 7: '
ok_if "s then q: the skipped one is not recorded, the second is ($HN)" \
    [ "$HN" -eq 1 ]

session back 'b\n\nb\nq\n'
like_out 'This is the first one' "b on the first prompt: says so"
ok_if "b: back to the prompt before" heads_are back '1 of 7: 2 of 7: 1 of 7: '
ok_if "b: each prompt shown recorded once ($HN)" [ "$HN" -eq 2 ]

session again 's\nb\n\nq\n'
ok_if "s, b, Enter: the skipped prompt shown again, then the next" \
    heads_are again '1 of 7: 2 of 7: 1 of 7: 2 of 7: '
ok_if "s, b, Enter: kept after all, so recorded ($HN)" [ "$HN" -eq 2 ]

session quit 'Q\n'
ok_if "Q: stops after the first prompt" heads_are quit '1 of 7: '
ok_if "Q: the prompt shown is recorded ($HN)" [ "$HN" -eq 1 ]

finish
