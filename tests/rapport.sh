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

# rapport.sh: the rapport command runs the tip, prompt, journal and score
# installed beside it, with their arguments, output and status unchanged,
# never a program or a shell function of the same name found first.

. "$top_srcdir/tests/lib.sh"

RAPPORT=$top_builddir/cmd/rapport

# out_is TEXT: stdout is exactly TEXT (given with printf escapes).
out_is() {
	printf "$1" >"$T/want"
	cmp -s "$T/want" "$OUT"
}
TIP_PATH=$top_srcdir/data/tips
PROMPT_PATH=$top_srcdir/data/prompts
XDG_STATE_HOME=$T/state
XDG_CONFIG_HOME=$T/config
export TIP_PATH PROMPT_PATH XDG_STATE_HOME XDG_CONFIG_HOME

"$TIP" --seed 7 -c >"$T/want" 2>&1
run "$RAPPORT" tip --seed 7 -c
is_rc 0 "rapport tip: exit 0"
ok_if "rapport tip --seed 7 -c: what tip --seed 7 -c prints" \
    cmp -s "$T/want" "$OUT"
"$PROMPT" -d 2 --no-history --seed ours >"$T/want" 2>&1
run "$RAPPORT" prompt -d 2 --no-history --seed ours
ok_if "rapport prompt -d 2: what prompt -d 2 prints" cmp -s "$T/want" "$OUT"
run "$RAPPORT" tip -m 'no tip says this, surely'
is_rc 1 "rapport tip -m: the command's exit status, 1 for no match"
run "$RAPPORT" journal --nosuch
is_rc 2 "rapport journal --nosuch: the command's exit status, 2"
like_err '^journal: ' "rapport journal --nosuch: journal's own message"

run "$RAPPORT" help
is_rc 0 "rapport help: exit 0"
for c in journal prompt score tip help which; do
	like_out "^  $c " "rapport help: lists $c"
done
no_err "rapport help: nothing on stderr"
"$SCORE" --help >"$T/want" 2>&1
run "$RAPPORT" help score
ok_if "rapport help score: score --help" cmp -s "$T/want" "$OUT"
run "$RAPPORT" --version
like_out '^rapport \(rapport\) [0-9]' "rapport --version"

run "$RAPPORT"
is_rc 2 "rapport alone: exit 2"
like_err '^usage: rapport command' "rapport alone: the usage"
run "$RAPPORT" nosuch
is_rc 2 "rapport nosuch: exit 2"
like_err '^rapport: nosuch: not a command' "rapport nosuch: says so"
run "$RAPPORT" help nosuch
is_rc 2 "rapport help nosuch: exit 2"
run "$RAPPORT" -x tip
is_rc 2 "rapport -x: exit 2"

# A tip beside rapport and a tip found earlier in PATH: rapport runs the
# one beside it, whether it is run by a path or found in PATH, and passes
# every argument as it is.
mkdir -p "$T/bin" "$T/other"
cp "$RAPPORT" "$T/bin/rapport"
printf '#!/bin/sh\necho beside\nfor a; do echo "[$a]"; done\n' >"$T/bin/tip"
printf '#!/bin/sh\necho clash\n' >"$T/other/tip"
chmod +x "$T/bin/tip" "$T/other/tip"
run "$T/bin/rapport" tip '' 'two words' '-n 3'
ok_if "rapport by its path: the tip beside it, every argument as given" \
    out_is 'beside\n[]\n[two words]\n[-n 3]\n'
run env PATH="$T/other:$T/bin:$PATH" rapport tip
ok_if "rapport found in PATH: the tip beside it, not the one before" \
    out_is 'beside\n'
run env PATH="$T/other:$T/bin:$PATH" rapport which tip
is_out "$T/bin/tip" "rapport which tip: the file beside it"

# zsh's promptinit makes prompt a function; rapport prompt runs the real
# one.
if command -v zsh >/dev/null 2>&1; then
	run zsh -fc 'prompt() { echo function; }; "$0" prompt --help' \
	    "$RAPPORT"
	like_out '^usage: prompt ' "zsh with a prompt function: rapport prompt"
else
	skip "zsh with a prompt function: rapport prompt" "zsh is missing"
fi

finish
