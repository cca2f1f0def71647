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

# conflicts.sh: the conflict copies that file synchronisers leave beside a
# journal, made here by hand under each tool's name (tests/syncthing.sh
# has a real Syncthing make one).  Every command notices them, once, on
# stderr, and names the command that folds them in; files that only look
# like copies are not noticed.  merge --conflicts merges each copy and
# removes it, keeps a copy whose records cannot all be read, refuses a
# copy that is not a journal and one it cannot merge, follows a symbolic
# link to the journal, and killed at any moment leaves every record in the
# journal or in a copy.

. "$top_srcdir/tests/lib.sh"

TZ=UTC0
export TZ
unset JOURNAL_FILE JOURNAL_NOW XDG_DATA_HOME VISUAL EDITOR

D=$T/d
J=$D/journal
mkdir -p "$D"
chmod 700 "$D"

# j ARGS...: journal on $J.
j() {
	"$JOURNAL" -f "$J" "$@"
}

# texts FILE: the texts of the live entries of a journal, sorted.
texts() {
	"$JOURNAL" -f "$1" list --format tsv 2>/dev/null | cut -f6 |
	    sed 's/\\n$//' | sort | tr '\n' '|'
}

# unlike_err ERE DESC: no line of stderr matches.
unlike_err() {
	if grep -Eq -- "$1" "$ERR"; then fail "$2"; else pass "$2"; fi
}

# holds DESC CONDITION: a test that the shell condition holds.
holds() {
	if eval "$2"; then pass "$1"; else fail "$1" "false: $2"; fi
}

JOURNAL_NOW=2026-11-01T08:00:00Z j add "first" 2>/dev/null
JOURNAL_NOW=2026-11-02T08:00:00Z j add "second" 2>/dev/null

run j list
no_err "no conflict copy: no notice"

# --- The notice, for each tool's names.

while IFS='|' read -r tool name; do
	cp "$J" "$D/$name"
	run j list
	like_err "^journal: $J has 1 conflict copy beside it" \
	    "$tool: $name is noticed"
	rm -f "$D/$name"
done <<'EOF'
Syncthing|journal.sync-conflict-20261125-120000-ABCDEFG
Nextcloud|journal (conflicted copy 2026-11-25 120000)
Nextcloud with the user's name|journal (conflicted copy alice 2026-11-25 120000)
ownCloud before 2.5|journal_conflict-20261125-120000
ownCloud before 2.5 with the user's name|journal_conflict_alice-20261125-120000
Dropbox|journal (alice's conflicted copy 2026-11-25)
Dropbox, a second copy of the day|journal (alice's conflicted copy 2026-11-25 (1))
a copy of a copy|journal (conflicted copy 2026-11-25 120000) (conflicted copy 2026-11-26 080000)
EOF

for name in journal.lock journal.rejected journal.edit-0123456789 \
    journal.sync-conflict-20261125-120000-ABCDEFG.lock \
    'journal (conflicted copy 2026-11-25 120000).rejected' \
    journal.bak 'journal (1)' journal~ .syncthing.journal.tmp; do
	cp "$J" "$D/$name"
done
run j list
no_err "files that only look like copies are not noticed"
rm -f "$D/journal.rejected" "$D/journal.edit-0123456789" \
    "$D/journal.sync-conflict-20261125-120000-ABCDEFG.lock" \
    "$D/journal (conflicted copy 2026-11-25 120000).rejected" \
    "$D/journal.bak" "$D/journal (1)" "$D/journal~" \
    "$D/.syncthing.journal.tmp"

cp "$J" "$D/journal.sync-conflict-20261125-120000-ABCDEFG"
cp "$J" "$D/journal (conflicted copy 2026-11-25 120000)"
for cmd in "add third" "list" "tags" "stats" "check" "export --format jsonl" \
    "show $(j list --format tsv 2>/dev/null | head -n 1 | cut -f1)"; do
	# shellcheck disable=SC2086
	JOURNAL_NOW=2026-11-03T08:00:00Z run j $cmd
	ok_if "journal ${cmd%% *}: notices the copies once" \
	    [ "$(grep -c 'conflict cop' "$ERR")" -eq 1 ]
done
like_err "has 2 conflict copies beside it, left by a file synchroniser; \
merge them in with: journal -f $J merge --conflicts$" \
    "the notice counts the copies and names the command"
run "$JOURNAL" list -f "$J" --format tsv
like_err "has 2 conflict copies" "the notice with -f after the command"
rm -f "$D"/journal.sync-conflict-* "$D/journal (conflicted copy"*
run "$JOURNAL" list -f "$J" --format tsv
no_err "the copies removed: no notice"

# --- merge --conflicts.

# copy FROM TO NOW ARGS...: a copy of journal FROM, as another machine had
# it after journal ARGS at time NOW, made elsewhere (its lock too) and
# renamed to TO.
W=$T/w
mkdir -p "$W"
chmod 700 "$W"
copy() {
	cp "$1" "$W/journal"
	_to=$2
	JOURNAL_NOW=$3
	shift 3
	JOURNAL_NOW=$JOURNAL_NOW "$JOURNAL" -f "$W/journal" "$@" 2>/dev/null
	mv "$W/journal" "$_to"
}

first=$(j list --format tsv 2>/dev/null | awk -F '\t' '$6 == "first\\n" {
    print $1 }')
copy "$J" "$W/phone" 2026-11-05T08:00:00Z add "from the phone"
copy "$W/phone" "$D/journal (conflicted copy 2026-11-25 120000)" \
    2026-11-05T09:00:00Z delete -y "$first"
copy "$J" "$D/journal.sync-conflict-20261125-120000-ABCDEFG" \
    2026-11-04T08:00:00Z add "from the laptop"
JOURNAL_NOW=2026-11-06T08:00:00Z j add "on this machine" 2>/dev/null
run j merge --conflicts
is_rc 0 "merge --conflicts: exit 0"
holds "merge --conflicts: both copies are gone" \
    '[ -z "$(ls -A "$D" | grep conflict)" ]'
like_err "journal\.sync-conflict-20261125-120000-ABCDEFG" \
    "merge --conflicts: the Syncthing copy is reported"
like_err "journal \(conflicted copy 2026-11-25 120000\)" \
    "merge --conflicts: the Nextcloud copy is reported"
unlike_err "conflict copies beside it" \
    "merge --conflicts: no notice afterwards"
holds "merge --conflicts: every entry, the deletion honoured" \
    '[ "$(texts "$J")" = "from the laptop|from the phone|on this machine|\
second|third|" ]'
run j check
is_rc 0 "merge --conflicts: journal check is clean"
cp "$J" "$T/before"
run j merge --conflicts
is_rc 0 "merge --conflicts with no copy: exit 0"
like_err "no conflict cop" "merge --conflicts with no copy: says so"
ok_if "merge --conflicts with no copy: the journal is unchanged" \
    cmp -s "$J" "$T/before"
run j merge --conflicts extra
is_rc 2 "merge --conflicts with an operand: usage, exit 2"
run j merge
is_rc 2 "merge without an operand or --conflicts: usage, exit 2"

# A copy with a torn record: merged, and kept.
copy "$J" "$D/journal_conflict-20261125-120000" 2026-11-07T08:00:00Z \
    add "whole"
printf '%%%%entry 2026-11-07T09:00:00Z tornrecord01\nhalf a rec' \
    >>"$D/journal_conflict-20261125-120000"
run j merge --conflicts
is_rc 1 "merge --conflicts, a torn record: exit 1"
holds "merge --conflicts, a torn record: the copy is kept" \
    '[ -f "$D/journal_conflict-20261125-120000" ]'
like_err "journal_conflict-20261125-120000:[0-9]+: " \
    "merge --conflicts, a torn record: its line is reported"
like_err "kept" "merge --conflicts, a torn record: says the copy is kept"
holds "merge --conflicts, a torn record: the whole entries are merged" \
    'texts "$J" | grep -q "|whole|"'
rm -f "$D/journal_conflict-20261125-120000"

# A file under a copy's name that is not a journal: not merged, kept.
printf '# notes\nnot a journal\n' \
    >"$D/journal (alice's conflicted copy 2026-11-25)"
cp "$J" "$T/before"
run j merge --conflicts
is_rc 2 "merge --conflicts, not a journal: exit 2"
like_err "not a journal" "merge --conflicts, not a journal: says so"
holds "merge --conflicts, not a journal: kept, the journal unchanged" \
    '[ -f "$D/journal (alice'"'"'s conflicted copy 2026-11-25)" ] &&
    cmp -s "$J" "$T/before"'
rm -f "$D/journal (alice's conflicted copy 2026-11-25)"

# A journal that cannot be written: nothing merged, the copy kept.
copy "$J" "$D/journal.sync-conflict-20261126-080000-ABCDEFG" \
    2026-11-08T08:00:00Z add "kept safe"
chmod 620 "$J"
run j merge --conflicts
is_rc 2 "merge --conflicts into a journal others may write: exit 2"
holds "merge --conflicts that fails: the copy is kept" \
    '[ -f "$D/journal.sync-conflict-20261126-080000-ABCDEFG" ]'
chmod 600 "$J"
run j merge --conflicts
is_rc 0 "merge --conflicts once the journal is private: exit 0"
holds "and the entry is merged, the copy removed" \
    'texts "$J" | grep -q "|kept safe|" &&
    [ ! -f "$D/journal.sync-conflict-20261126-080000-ABCDEFG" ]'

# A journal reached through a symbolic link into a synchronised folder:
# the copies are beside the target, named after it.
mkdir -p "$T/Sync" "$T/data"
chmod 700 "$T/Sync" "$T/data"
JOURNAL_NOW=2026-11-01T08:00:00Z "$JOURNAL" -f "$T/Sync/diary" add "linked" \
    2>/dev/null
ln -s "$T/Sync/diary" "$T/data/journal"
copy "$T/Sync/diary" "$T/Sync/diary.sync-conflict-20261125-120000-ABCDEFG" \
    2026-11-02T08:00:00Z add "over there"
run "$JOURNAL" -f "$T/data/journal" list
like_err "has 1 conflict copy" "through a symbolic link: the copy is noticed"
run "$JOURNAL" -f "$T/data/journal" merge --conflicts
is_rc 0 "through a symbolic link: merge --conflicts, exit 0"
holds "through a symbolic link: merged into the target, the copy gone" \
    '[ "$(texts "$T/Sync/diary")" = "linked|over there|" ] &&
    [ ! -e "$T/Sync/diary.sync-conflict-20261125-120000-ABCDEFG" ] &&
    [ -L "$T/data/journal" ]'

# Killed at any moment, merge --conflicts loses nothing: every entry of
# every copy is in the journal or in a copy still there, and a second run
# finishes the work.
K=$T/k
mkdir -p "$K"
chmod 700 "$K"
JOURNAL_NOW=2026-11-01T08:00:00Z "$JOURNAL" -f "$K/journal" add base \
    2>/dev/null
want=base
for i in 1 2 3 4 5 6 7 8; do
	cp "$K/journal" "$W/copy"
	for e in 1 2 3; do
		copy "$W/copy" "$W/copy" 2026-11-0${i}T1${e}:00:00Z \
		    add "copy $i entry $e"
		want="$want|copy $i entry $e"
	done
	mv "$W/copy" "$K/journal.sync-conflict-2026112${i}-120000-ABCDEFG"
done
want=$(printf '%s\n' "$want" | tr '|' '\n' | sort | tr '\n' '|')
lost=0
for round in 1 2 3 4 5 6; do
	"$JOURNAL" -f "$K/journal" merge --conflicts >/dev/null 2>&1 &
	pid=$!
	sleep "0.00$round"
	kill -9 "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	have=$(for f in "$K/journal" "$K"/journal.sync-conflict-*; do
		[ -f "$f" ] && texts "$f" | tr '|' '\n'
	done | sort -u | tr '\n' '|')
	[ "$have" = "$want" ] || lost=$((lost + 1))
done
ok_if "merge --conflicts killed at 6 moments: no entry lost" [ "$lost" -eq 0 ]
run "$JOURNAL" -f "$K/journal" merge --conflicts
is_rc 0 "and a run to the end folds in what is left: exit 0"
holds "with every entry in the journal, and no copy left" \
    '[ "$(texts "$K/journal")" = "$want" ] &&
    [ -z "$(ls -A "$K" | grep conflict)" ]'
run "$JOURNAL" -f "$K/journal" check
is_rc 0 "and journal check is clean"

finish
