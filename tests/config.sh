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

# config.sh: the configuration file, rapport-config(5), as each command
# reads it: its settings take effect, the command line and the environment
# override it, and a bad line is an error naming the file and the line.

. "$top_srcdir/tests/lib.sh"

: "${PROMPT:=$top_builddir/cmd/prompt}"
: "${JOURNAL:=$top_builddir/cmd/journal}"
: "${SCORE:=$top_builddir/cmd/score}"
XDG_CONFIG_HOME=$T/config
XDG_STATE_HOME=$T/state
TIP_PATH=$top_srcdir/data/tips
PROMPT_PATH=$top_srcdir/data/prompts
JOURNAL_NOW=2026-11-26T12:00:00Z
TZ=UTC
export XDG_CONFIG_HOME XDG_STATE_HOME TIP_PATH PROMPT_PATH JOURNAL_NOW TZ
unset JOURNAL_FILE VISUAL EDITOR
CFG=$XDG_CONFIG_HOME/rapport/config
mkdir -p "$XDG_CONFIG_HOME/rapport"

conf() {
	printf '%s\n' "$@" >"$CFG"
}

differ() {
	! cmp -s "$1" "$2"
}

# --- Every command checks the whole file: its own sections are errors,
# the other commands' a warning, given once.
conf '[tip]' 'length = 40' '' '[prompt]' 'fro = partner'
run "$PROMPT"
is_rc 2 "prompt: a mistyped key of [prompt]: exit 2"
like_err "$CFG:5: fro: not a key of \\[prompt\\]" \
    "prompt: the error names the file, the line and the key"
no_out "prompt: nothing else done"
one_warning() {
	[ "$(wc -l <"$ERR")" -eq 1 ] && grep -q "$1" "$ERR"
}
conf '[tip]' 'lenght = 40' 'length = 9000' 'lenth = 2' '[score]' 'weeks = 3'
for c in "$JOURNAL add a" "$SCORE --items" "$PROMPT --no-history"; do
	run $c
	is_rc 0 "${c##*/}: two typos in [tip]: exit 0"
	ok_if "${c##*/}: one warning, naming the first line" one_warning \
	    "$CFG:2: lenght: not a key of \\[tip\\] (ignored by .*, with 1 more line)"
done
run "$TIP" -s
is_rc 2 "tip: the typo in [tip] is its own: exit 2"
like_err "$CFG:2: lenght: not a key of \\[tip\\]\$" "tip: an error, not a warning"
conf '[tip]' 'length = 9000' '[prompts]' 'for = friend'
run "$JOURNAL"
is_rc 2 "journal: an unknown section is an error for every command"
like_err "$CFG:3: \\[prompts\\]: not a section" \
    "journal: the unknown section named"
conf '[score]' 'color = sometimes'
run "$SCORE" --items
is_rc 2 "score: a bad value of [score]: exit 2"
like_err "$CFG:2: color = sometimes: not one of auto always never" \
    "a bad value: named with what is allowed"
run "$TIP"
is_rc 0 "tip: a bad value of [score]: exit 0"
like_err "$CFG:2: color = sometimes: not one of auto always never \\(ignored" \
    "tip: a bad value of [score]: a warning"

# --- tip: length.
conf '[tip]' 'length = 30'
run "$TIP" -s
is_rc 1 "tip: length = 30 makes every tip long"
run "$TIP" -s -n 400
is_rc 0 "tip: -n overrides the configuration's length"

# --- prompt: audience, exclusions, depth, history, the daily seed.
conf '[prompt]' '' 'exclude = intimacy, nosuch'
run "$PROMPT" --no-history
is_rc 2 "prompt: exclude = intimacy, nosuch: exit 2"
like_err "$CFG:3: exclude = intimacy, nosuch: nosuch is not a category" \
    "prompt: the unknown category named, with the file and the line"
mkdir -p "$T/mine/own"
printf 'Our own?\n%%\n' >"$T/mine/own/1"
conf '[prompt]' 'exclude = own, intimacy'
run env PROMPT_PATH="$T/mine:$PROMPT_PATH" "$PROMPT" --no-history
is_rc 0 "prompt: a category of the search path may be excluded"

conf '[prompt]' 'exclude = checkin, feelings future knowing memories' \
    'depth = 1' 'history = no'
run "$PROMPT" -c -n 40
is_rc 0 "prompt: exclude and depth: exit 0"
unlike_out '\((checkin|feelings|future|knowing|memories),' \
    "prompt: the excluded categories never come"
unlike_out 'depth [23]' "prompt: depth = 1 keeps to light prompts"
ok_if "prompt: history = no writes no history" \
    [ ! -e "$XDG_STATE_HOME/rapport/prompt-history" ]
run "$PROMPT" -c -n 5 -x play -d 2
like_out '\((checkin|feelings|future|knowing|memories), depth 2' \
    "prompt: -x replaces the list, -d the depth"
conf '[prompt]' 'seed = lighthouse'
run "$PROMPT" --daily 2026-11-26
cp "$OUT" "$T/daily-config"
run "$PROMPT" --daily 2026-11-26 --seed lighthouse
ok_if "prompt: the configuration's seed is --seed for --daily" \
    cmp -s "$OUT" "$T/daily-config"
run env XDG_CONFIG_HOME="$T/none" "$PROMPT" --daily 2026-11-26
ok_if "prompt: without it, another daily prompt" \
    differ "$OUT" "$T/daily-config"
# Intimacy is opt-in, so it is named here: what leaves it out, and the
# prompts for partners, is for = friend alone.
conf '[prompt]' 'for = friend'
run "$PROMPT" -n 10000 --no-history --format json future
like_out '"category":"future"' "prompt: for = friend: the other prompts come"
unlike_out '"audience":"partner"' \
    "prompt: for = friend leaves the prompts for partners out"
# A category named on the command line wins over the configuration.
run "$PROMPT" -n 10000 --no-history --format json intimacy future
like_out '"category":"intimacy"' \
    "prompt: for = friend does not leave intimacy out when it is named"
run "$PROMPT" -n 10000 --no-history --format json --for friend intimacy \
    future
unlike_out '"category":"intimacy"' \
    "prompt: --for friend on the command line still leaves intimacy out"
conf '[prompt]' 'exclude = intimacy'
run "$PROMPT" --no-history -c intimacy
is_rc 0 "prompt intimacy with exclude = intimacy: exit 0"
like_out '^\(intimacy, depth' "prompt intimacy: the named category wins"
run "$PROMPT" --no-history -c -n 50
unlike_out '\(intimacy,' "prompt: exclude = intimacy still holds unnamed"
# Where the configuration still leaves every prompt out, it says where.
mkdir -p "$T/light/light"
printf 'Only a light one?\n%%\n' >"$T/light/light/1"
conf '[prompt]' '' 'depth = 3'
run env PROMPT_PATH="$T/light" "$PROMPT" --no-history light
is_rc 1 "prompt: depth = 3 leaves nothing: exit 1"
like_err "no prompt matches: $CFG:3 sets depth = 3" \
    "prompt: the message names the key, the file and the line"
conf '[prompt]' 'exclude = light'
run env PROMPT_PATH="$T/light" "$PROMPT" --no-history
like_err "no prompt matches: $CFG:2 sets exclude = light" \
    "prompt: an exclude that leaves nothing is named"
run env PROMPT_PATH="$T/light" "$PROMPT" --no-history -m nowhere light
like_err "no prompt matches\$" \
    "prompt: the configuration is not blamed for what it did not do"
conf '[prompt]' 'for = friend'
run "$PROMPT" -n 10000 --no-history --format json --for partner future
like_out '"audience":"partner"' "prompt: --for partner overrides for = friend"

# The shared seed is tip's daily seed too, unless [tip] has its own.
conf '[prompt]' 'seed = lighthouse'
run "$TIP" --daily 2026-11-26 --seed lighthouse
cp "$OUT" "$T/tip-seeded"
run "$TIP" --daily 2026-11-26
ok_if "tip: [prompt] seed is the daily tip's seed" \
    cmp -s "$OUT" "$T/tip-seeded"
conf '[prompt]' 'seed = lighthouse' '[tip]' 'seed = 7'
run "$TIP" --daily 2026-11-26
cp "$OUT" "$T/tip-own"
run "$TIP" --daily 2026-11-26 --seed 7
ok_if "tip: [tip] seed wins over [prompt] seed" cmp -s "$OUT" "$T/tip-own"

# --- journal: file, editor, week-start.
conf '[journal]' "file = ~/notes/journal" 'week-start = Sunday'
run "$JOURNAL" -d 2026-11-22 "on a Sunday"
is_rc 0 "journal: the configured file is written"
ok_if "journal: ~/ is the home directory" [ -s "$HOME/notes/journal" ]
run "$JOURNAL" list --since 'this week' --format tsv
like_out 'on a Sunday' "journal: week-start = Sunday: this week holds Sunday"
run env JOURNAL_FILE="$T/env-journal" "$JOURNAL" "from the environment"
ok_if "journal: JOURNAL_FILE overrides the configuration" \
    [ -s "$T/env-journal" ]
printf '#!/bin/sh\necho configured >"$1"\n' >"$T/ed"
chmod 755 "$T/ed"
conf '[journal]' "file = $T/ej" "editor = $T/ed"
"$JOURNAL" "to edit" >/dev/null
eid=$("$JOURNAL" list --format tsv | cut -f1)
run "$JOURNAL" edit "$eid"
is_rc 0 "journal: the configured editor is run"
run "$JOURNAL" list
like_out 'configured' "journal: what the configured editor wrote is kept"

# --- score: weeks, color, and the journal's file.
conf '[journal]' "file = $T/sj" '[score]' 'weeks = 3' 'color = always'
# Every dimension at 5, high enough for the chart's green.
"$SCORE" --items | awk -F '\t' '$2 != "global" {
	print $1 "=" ($4 == "reversed" ? 1 : 5) }' >"$T/answers"
"$SCORE" --answers "$T/answers" >/dev/null
ok_if "score: the check-in goes to the configured journal" [ -s "$T/sj" ]
run "$SCORE" report
like_out '^Weekly connection check-in: 3 weeks' "score: weeks = 3"
like_out "$(printf '\033')\\[" "score: color = always colours the chart"
run "$SCORE" report --color=never --weeks 5
unlike_out "$(printf '\033')" "score: --color=never wins"
like_out ': 5 weeks' "score: --weeks wins"
conf '[score]' 'color = never'
run env NO_COLOR= "$SCORE" report -f "$T/sj" --color
like_out "$(printf '\033')\\[" "score: --color wins over the configuration"
# The environment wins over the file, NO_COLOR as JOURNAL_FILE.
conf '[score]' 'color = always'
run env NO_COLOR=1 "$SCORE" report -f "$T/sj"
unlike_out "$(printf '\033')" "score: NO_COLOR wins over color = always"
run env NO_COLOR=1 "$SCORE" report -f "$T/sj" --color
like_out "$(printf '\033')\\[" "score: --color wins over NO_COLOR"

echo "1..$tap_n"
