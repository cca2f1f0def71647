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


# --- 8. Dates in words: -d as a point, --since/--until/--on as a range,
# and jrnl's "DATE: text".  Now is Wednesday 25 November 2026 at noon UTC;
# in the table, _ stands for a space.
W=$T/j/words
while read -r tz phrase want; do
	phrase=$(printf '%s' "$phrase" | tr _ ' ')
	rm -f "$W"
	run env TZ="$tz" "$JOURNAL" -f "$W" -d "$phrase" text
	run env TZ="$tz" "$JOURNAL" list -f "$W" --format raw
	like_out "^%%entry $want " "-d '$phrase' in $tz: $want"
done <<'TABLE'
UTC0 yesterday_9pm 2026-11-24T21:00:00Z
UTC0 yesterday_21:00 2026-11-24T21:00:00Z
UTC0 friday 2026-11-20
UTC0 last_friday_8:30 2026-11-20T08:30:00Z
UTC0 nov_6 2026-11-06
UTC0 6_nov_2026_7pm 2026-11-06T19:00:00Z
UTC0 3_days_ago 2026-11-22
UTC0 noon 2026-11-25T12:00:00Z
UTC0 this_morning 2026-11-25T09:00:00Z
UTC0 last_night 2026-11-24T21:00:00Z
UTC0 2_hours_ago 2026-11-25T10:00:00Z
Europe/Paris yesterday_9pm 2026-11-24T21:00:00\+01:00
Europe/Paris 6_nov_2026_7pm 2026-11-06T19:00:00\+01:00
America/New_York last_friday_8:30 2026-11-20T08:30:00-05:00
America/New_York oct_30_2026_9am 2026-10-30T09:00:00-04:00
America/New_York yesterday 2026-11-24
TABLE
run "$JOURNAL" -f "$W" -d 'yesterday at9pm' text
is_rc 2 "-d 'yesterday at9pm': refused"
like_err "understood 'yesterday', not 'at9pm'" \
    "-d: what was understood and what was not"

rm -f "$W"
run "$JOURNAL" -f "$W" yesterday 9pm: we talked until midnight
is_rc 0 "journal yesterday 9pm: text: written"
run "$JOURNAL" -f "$W" Note to self: buy bread
is_rc 0 "journal Note to self: text: written"
run "$JOURNAL" -f "$W" -- last friday: as typed
is_rc 0 "journal -- DATE: text: written"
run "$JOURNAL" -f "$W" Today I learned: how to say no
is_rc 0 "journal Today I learned: text: written"
no_err "Today I learned: text: nothing said when not on a terminal"
run "$JOURNAL" list -f "$W" --format raw
like_out '^%%entry 2026-11-24T21:00:00Z ' "DATE: text: dated by the date"
like_out '^we talked until midnight$' "DATE: text: the date left out"
like_out '^Note to self: buy bread$' "Note to self: the text whole"
like_out '^last friday: as typed$' "--: the text as typed"
like_out '^Today I learned: how to say no$' \
    "words that start as a date and are not one: the text whole"

run "$JOURNAL" list -f "$W" --on yesterday --format raw
like_out '^we talked' "--on yesterday: yesterday's entry"
unlike_out '^Note' "--on yesterday: not today's"
run "$JOURNAL" list -f "$W" --since 'this morning' --format raw
like_out '^Note' "--since 'this morning': today's entry"
unlike_out '^we talked' "--since 'this morning': not yesterday's"
run "$JOURNAL" list -f "$W" --until 'last night'
unlike_out 'Note' "--until 'last night': not today's"
run "$JOURNAL" list -f "$W" --since 'yesterday at9pm'
is_rc 2 "--since with a bad date: refused"
like_err "^journal: --since yesterday at9pm: understood 'yesterday', not 'at9pm'" \
    "--since: the reason"
run "$JOURNAL" export -f "$W" --format jsonl --on blorp
like_err "^journal: --on blorp: not a date or time: 'blorp'" \
    "export --on: the reason"

run "$SCORE" report -f "$W" --since 'yesterday at9pm'
is_rc 2 "score report --since with a bad date: refused"
like_err "understood 'yesterday', not 'at9pm'" "score --since: the reason"

# --- 3. Dates in the future are refused unless --future asks for them.
F=$T/j/future
for phrase in 2027-01-01 2026-11-26 tonight '2026-11-25T12:06'; do
	run "$JOURNAL" -f "$F" -d "$phrase" text
	is_rc 2 "-d '$phrase': in the future, refused"
	like_err "in the future; nothing was written \\(--future writes it\\)" \
	    "-d '$phrase': says why and what to do"
done
run "$JOURNAL" -f "$F" tonight: later
is_rc 2 "tonight: text: in the future, refused"
ok_if "no entry in the future written" [ ! -s "$F" ]
run "$JOURNAL" -f "$F" -d '2026-11-25T12:04' "a clock a little ahead"
is_rc 0 "-d four minutes ahead: forgiven"
run "$JOURNAL" -f "$F" -d today "today"
is_rc 0 "-d today: written"
run "$JOURNAL" -f "$F" --future -d 2027-01-01 "new year"
is_rc 0 "--future -d 2027-01-01: written"
run "$JOURNAL" -f "$F" --future tonight: later
is_rc 0 "--future tonight: text: written"
run "$JOURNAL" list -f "$F" --format raw
like_out '^%%entry 2027-01-01 ' "--future: dated as asked"
like_out '^%%entry 2026-11-25T21:00:00Z ' "--future tonight: dated as asked"

# --- 2. On a terminal, one line says what was written; silent elsewhere.
S=$T/j/said
run "$JOURNAL" -f "$S" -t talk "through a pipe"
no_err "not on a terminal: nothing said"
if command -v script >/dev/null 2>&1 &&
    SHELL=/bin/sh script -qec true /dev/null </dev/null >/dev/null 2>&1; then
	SHELL=/bin/sh script -qec "'$JOURNAL' -f '$S' -s -t talk -t walk \
'on a terminal'; '$JOURNAL' -f '$S' -d yesterday 'all day'" /dev/null \
	    </dev/null | tr -d '\r' >"$OUT"
	like_out '^journal: wrote [0-9a-z]{10}, 2026-11-25 12:00, starred @talk @walk$' \
	    "on a terminal: id, time, star and tags in one line"
	like_out '^journal: wrote [0-9a-z]{10}, 2026-11-24$' \
	    "on a terminal: an all-day entry's date"
	ok_if "on a terminal: one line for each entry" \
	    [ "$(wc -l <"$OUT")" -eq 2 ]
else
	skip "on a terminal: id, time, star and tags in one line" "no script(1)"
	skip "on a terminal: an all-day entry's date" "no script(1)"
	skip "on a terminal: one line for each entry" "no script(1)"
fi

# --- 15. Without VISUAL and EDITOR, sensible-editor, editor, then vi from
# PATH; with none of them, what to set.
E=$T/j/editors
mkdir -p "$T/bin-both" "$T/bin-vi" "$T/bin-none"
for name in sensible-editor editor; do
	printf '#!/bin/sh\nprintf "by %s\\n" >"$1"\n' "$name" \
	    >"$T/bin-both/$name"
	chmod +x "$T/bin-both/$name"
done
printf '#!/bin/sh\nprintf "by vi\\n" >"$1"\n' >"$T/bin-vi/vi"
chmod +x "$T/bin-vi/vi"
run env PATH="$T/bin-both" "$JOURNAL" -f "$E" -e
is_rc 0 "no VISUAL nor EDITOR: an editor from PATH"
run env PATH="$T/bin-vi" "$JOURNAL" -f "$E" -e
is_rc 0 "no VISUAL nor EDITOR: vi from PATH"
run env PATH="$T/bin-none" "$JOURNAL" -f "$E" -e
is_rc 2 "no editor at all: exit 2"
like_err 'set VISUAL or EDITOR' "no editor at all: says what to set"
ok_if "no editor at all: no private directory left" \
    [ -z "$(find "$T/j" -name '.journal-edit.*')" ]
run "$JOURNAL" list -f "$E" --format raw
like_out '^by sensible-editor$' "sensible-editor before editor"
like_out '^by vi$' "vi last"
ok_if "two entries, one per editor found" [ "$(grep -c '^%%entry' "$OUT")" -eq 2 ]

# --- 9. Tags typed in the text tag the entry, unless escaped or turned
# off in the configuration.
G=$T/j/tags
run "$JOURNAL" -f "$G" -t walk \
    '@talk about (@money) with me@example.org, \@not @@not2 @café. @end-'
is_rc 0 "inline tags: written"
run "$JOURNAL" list -f "$G" --format raw
like_out '^%%entry [^ ]+ [0-9a-z]+ @walk @talk @money @café @end$' \
    "inline tags: after -t's, in order, without a trailing -"
like_out '^@talk about \(@money\) with me@example\.org, \\@not @@not2 @café\. @end-$' \
    "inline tags: the text kept as typed"
rm -f "$G"
printf 'line\n@stdin-tag\n' | "$JOURNAL" -f "$G"
run "$JOURNAL" list -f "$G" --format raw
like_out '^%%entry [^ ]+ [0-9a-z]+ @stdin-tag$' "inline tags: from stdin too"
rm -f "$G"
mkdir -p "$XDG_CONFIG_HOME/rapport"
printf '[journal]\ninline-tags = no\n' >"$XDG_CONFIG_HOME/rapport/config"
run "$JOURNAL" -f "$G" 'a @talk'
run "$JOURNAL" list -f "$G" --format raw
like_out '^%%entry [^ ]+ [0-9a-z]+$' "inline-tags = no: no tag"
rm -f "$XDG_CONFIG_HOME/rapport/config"

# --- 12. Templates: -e --template NAME, and the configuration's default.
P=$T/j/templates
mkdir -p "$XDG_CONFIG_HOME/rapport/templates"
printf 'Grateful for:\nTomorrow:\n' >"$XDG_CONFIG_HOME/rapport/templates/daily"
printf 'Week:\n' >"$XDG_CONFIG_HOME/rapport/templates/weekly"
printf '#!/bin/sh\nprintf "filled in\\n" >>"$1"\n' >"$T/bin-both/fill"
chmod +x "$T/bin-both/fill"
run env EDITOR="$T/bin-both/fill" "$JOURNAL" -f "$P" -e --template daily
is_rc 0 "-e --template daily: written"
run env EDITOR="$T/bin-both/fill" "$JOURNAL" -f "$P" --template weekly
is_rc 0 "--template alone opens the editor"
run env EDITOR=true "$JOURNAL" -f "$P" -e --template daily
is_rc 1 "a template saved unchanged: nothing written"
run env EDITOR="$T/bin-both/fill" "$JOURNAL" -f "$P" -e --template nosuch
is_rc 2 "--template nosuch: exit 2"
like_err "templates/nosuch" "--template nosuch: says where it looked"
run env EDITOR="$T/bin-both/fill" "$JOURNAL" -f "$P" -e --template ../x
is_rc 2 "--template with a /: refused"
printf '[journal]\ntemplate = weekly\n' >"$XDG_CONFIG_HOME/rapport/config"
run env EDITOR="$T/bin-both/fill" "$JOURNAL" -f "$P" -e
is_rc 0 "template = weekly: written"
if command -v script >/dev/null 2>&1 &&
    SHELL=/bin/sh script -qec true /dev/null </dev/null >/dev/null 2>&1; then
	SHELL=/bin/sh script -qec "printf 'A prompt?\n' | EDITOR='$T/bin-both/fill' \
'$JOURNAL' -f '$P' -e" /dev/null </dev/null >/dev/null 2>&1
	RC=$?
	is_rc 0 "template = weekly, a prompt on stdin: written"
else
	skip "template = weekly, a prompt on stdin: written" "no script(1)"
fi
rm -f "$XDG_CONFIG_HOME/rapport/config"
run "$JOURNAL" list -f "$P" --format raw
like_out '^Grateful for:$' "--template daily: the template's text"
ok_if "--template daily: the template, then what was written" \
    sh -c "grep -A3 -x 'Grateful for:' '$OUT' | grep -qx 'filled in'"
ok_if "template = weekly: the template" \
    [ "$(grep -cx 'Week:' "$OUT")" -ge 2 ]
if [ "$RC" -eq 0 ]; then
	ok_if "template = weekly: stdin's text first, then the template" \
	    sh -c "grep -A2 -x 'A prompt?' '$OUT' | grep -qx 'Week:'"
fi

# --- 14. journal --help says what every subcommand and option does, and
# journal SUBCOMMAND --help what one does; the editor's template lines
# never end in a lone word.
H=$T/j/help
run "$JOURNAL" --help
is_rc 0 "--help: exit 0"
for sub in add list show edit delete tags stats check compact merge \
    merge-driver import export; do
	like_out "^journal (\\[$sub\\]|$sub) " "--help: describes $sub"
done
for opt in --date --edit --rating --star --tag --future --template --grep \
    --count --starred --not-tag --any-tag --since --anniversary --short \
    --format --no-pager --repair --strict --from --conflicts --accept --untag --unstar --file; do
	like_out -- "$opt" "--help: describes $opt"
done
ok_if "--help: 80 columns at most" [ "$(awk 'length > 79' "$OUT" | wc -l)" -eq 0 ]
for sub in add list show edit delete tags stats check compact merge import \
    export; do
	run "$JOURNAL" -f "$H" "$sub" --help
	is_rc 0 "$sub --help: exit 0"
	like_out "^journal (\\[$sub\\]|$sub) " "$sub --help: describes $sub"
done
run "$JOURNAL" list -f "$H" -t x --help
unlike_out '^journal show' "list --help: only list's"
run "$JOURNAL" help list
like_out '^journal list ' "help list: list's help"
run "$JOURNAL" -n 3 --help
like_out '^journal list ' "-n 3 --help: list's help"
ok_if "--help wrote nothing" [ ! -e "$H" ]
run "$JOURNAL" -f "$H" -- --help
is_rc 0 "-- --help: written as text"
run env EDITOR='cp "$1" '"'$T/tpl'"' #' "$JOURNAL" -f "$H" -e
ok_if "the editor's template: no line of one word" \
    [ "$(awk 'NF == 2 && /^%%#/' "$T/tpl" | wc -l)" -eq 0 ]
ok_if "the editor's template: shown" [ -s "$T/tpl" ]

finish
