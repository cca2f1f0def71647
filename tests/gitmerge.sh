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

# gitmerge.sh: a journal kept in git on two machines, set up as journal(1)
# says, with journal merge-driver as the merge driver.  Two clones of a
# bare repository each add, edit and delete entries and commit; each pulls
# the other's work, one by merging and one by rebasing, with no conflict
# and no manual step.  Both end with the same bytes: every entry of both,
# edits and deletions honoured, a clean check.  Then the driver's own
# contract: the result in %A, exit 0, and a failure that leaves %A alone
# when a side is not a journal.

. "$top_srcdir/tests/lib.sh"

command -v git >/dev/null 2>&1 || skip_all "no git"

TZ=UTC0
export TZ
unset JOURNAL_FILE JOURNAL_NOW VISUAL EDITOR XDG_DATA_HOME
PATH=$CMDDIR:$PATH
export PATH

# A git of our own: no system or user configuration of the tester's.
GIT_CONFIG_NOSYSTEM=1
GIT_AUTHOR_NAME=rapport
GIT_AUTHOR_EMAIL=rapport@example.org
GIT_COMMITTER_NAME=rapport
GIT_COMMITTER_EMAIL=rapport@example.org
export GIT_CONFIG_NOSYSTEM GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL \
    GIT_COMMITTER_NAME GIT_COMMITTER_EMAIL
git config --global init.defaultBranch main
git config --global advice.detachedHead false

# The editor of journal edit: the entry becomes ED_TEXT.
mkdir -p "$T/bin"
cat >"$T/bin/ed.sh" <<'EOF'
#!/bin/sh
for f; do :; done
printf '%s\n' "$ED_TEXT" >"$f"
EOF
chmod 755 "$T/bin/ed.sh"

# j CLONE ARGS...: journal on the journal of a clone, at a time of its own.
j() {
	_c=$1
	shift
	"$JOURNAL" -f "$T/$_c/journal" "$@"
}

# id_of CLONE TEXT: the id of the live entry of CLONE whose text is TEXT.
id_of() {
	j "$1" list --format tsv | awk -F '\t' -v t="$2\\\\n" \
	    '$6 == t { print $1 }'
}

# texts CLONE: the texts of the live entries, sorted, on one line.
texts() {
	j "$1" list --format tsv | cut -f6 | sed 's/\\n$//' | sort |
	    tr '\n' ' '
}

# holds DESC CONDITION: a test that the shell condition holds.
holds() {
	if eval "$2"; then pass "$1"; else fail "$1" "false: $2"; fi
}

# at CLONE COMMAND...: a command in a clone, its output kept aside.
at() {
	_c=$1
	shift
	(cd "$T/$_c" && "$@") >"$T/git.out" 2>&1
}

# Set up as journal(1) says: the attribute in the repository, the driver
# in each clone's configuration.
setup_driver() {
	git -C "$T/$1" config merge.journal.name "journal merge driver"
	git -C "$T/$1" config merge.journal.driver \
	    'journal merge-driver %O %A %B'
}

git init -q --bare "$T/origin.git"
git clone -q "$T/origin.git" "$T/a" 2>/dev/null
setup_driver a
printf 'journal merge=journal\n' >"$T/a/.gitattributes"
printf 'journal.lock\n' >"$T/a/.gitignore"
for t in one two three four five; do
	JOURNAL_NOW=2026-11-01T08:00:00Z j a add "$t" 2>/dev/null
done
at a git add .gitattributes .gitignore journal
at a git commit -qm 'Journal'
holds "the first machine pushed its journal" 'at a git push -q origin main'
git clone -q "$T/origin.git" "$T/b" 2>/dev/null
setup_driver b

# Apart: each adds, edits one entry and deletes another.
JOURNAL_NOW=2026-11-02T08:00:00Z j a add "a1" 2>/dev/null
JOURNAL_NOW=2026-11-02T09:00:00Z j a add "a2" 2>/dev/null
JOURNAL_NOW=2026-11-02T10:00:00Z EDITOR=$T/bin/ed.sh ED_TEXT="one, edited on a" \
    j a edit "$(id_of a one)" </dev/null 2>/dev/null
JOURNAL_NOW=2026-11-02T11:00:00Z j a delete -y "$(id_of a two)" 2>/dev/null
at a git commit -qam 'On a'
at a git push -q origin main

JOURNAL_NOW=2026-11-03T08:00:00Z j b add "b1" 2>/dev/null
JOURNAL_NOW=2026-11-03T09:00:00Z EDITOR=$T/bin/ed.sh ED_TEXT="four, edited on b" \
    j b edit "$(id_of b four)" </dev/null 2>/dev/null
JOURNAL_NOW=2026-11-03T10:00:00Z j b delete -y "$(id_of b three)" 2>/dev/null
JOURNAL_NOW=2026-11-03T11:00:00Z j b add "b2" 2>/dev/null
at b git commit -qam 'On b'
holds "each machine committed its own changes" \
    '[ "$(texts a)" = "a1 a2 five four one, edited on a three " ] &&
    [ "$(texts b)" = "b1 b2 five four, edited on b one two " ]'

# b pulls a's work by merging: the driver merges, git commits.
holds "git pull --no-rebase: merged with no conflict" \
    'at b git pull -q --no-rebase --no-edit origin main'
holds "git pull --no-rebase: no conflict marker, nothing unmerged" \
    '[ -z "$(git -C "$T/b" diff --name-only --diff-filter=U)" ] &&
    ! grep -q "^<<<<<<<" "$T/b/journal"'
run j b check
is_rc 0 "after the merge: journal check is clean"
holds "after the merge: every entry of both, edits and deletions honoured" \
    '[ "$(texts b)" = "a1 a2 b1 b2 five four, edited on b one, edited on a " ]'
at b git push -q origin main

# Meanwhile a wrote more, and deleted an entry of its own; it pulls b's
# merge by rebasing, which runs the driver too.
JOURNAL_NOW=2026-11-04T08:00:00Z j a add "a3" 2>/dev/null
JOURNAL_NOW=2026-11-04T09:00:00Z j a delete -y "$(id_of a a1)" 2>/dev/null
at a git commit -qam 'On a again'
holds "git pull --rebase: rebased with no conflict" \
    'at a git pull -q --rebase origin main'
holds "git pull --rebase: nothing unmerged, no rebase left in progress" \
    '[ -z "$(git -C "$T/a" diff --name-only --diff-filter=U)" ] &&
    [ ! -d "$T/a/.git/rebase-merge" ] && [ ! -d "$T/a/.git/rebase-apply" ]'
run j a check
is_rc 0 "after the rebase: journal check is clean"
at a git push -q origin main
at b git pull -q --no-rebase --no-edit origin main
ok_if "both machines end with the same journal, byte for byte" \
    cmp -s "$T/a/journal" "$T/b/journal"
holds "and it is the union, with every deletion honoured" \
    '[ "$(texts a)" = "a2 a3 b1 b2 five four, edited on b one, edited on a " ]'
holds "both worktrees are clean" \
    '[ -z "$(git -C "$T/a" status --porcelain)" ] &&
    [ -z "$(git -C "$T/b" status --porcelain)" ]'

# Deleted, compacted and merged again: a deleted entry stays deleted.
JOURNAL_NOW=2026-11-05T08:00:00Z j a delete -y "$(id_of a b2)" 2>/dev/null
j a compact 2>/dev/null
at a git commit -qam 'Deleted and compacted on a'
at a git push -q origin main
JOURNAL_NOW=2026-11-05T09:00:00Z j b add "b3" 2>/dev/null
at b git commit -qam 'On b again'
at b git pull -q --no-rebase --no-edit origin main
holds "a deletion compacted on one side stays deleted after the merge" \
    '[ "$(texts b)" = "a2 a3 b1 b3 five four, edited on b one, edited on a " ]'
run j b check
is_rc 0 "and the merged journal checks clean"

# The driver's contract, called as git calls it.
drv_texts() {
	"$JOURNAL" -f "$T/drv/$1" list --format tsv | cut -f6 |
	    sed 's/\\n$//' | sort | tr '\n' ' '
}
# The three files are made elsewhere, so that their locks are not in drv.
mkdir -p "$T/drv" "$T/mk"
JOURNAL_NOW=2026-11-01T08:00:00Z "$JOURNAL" -f "$T/mk/o" add base 2>/dev/null
cp "$T/mk/o" "$T/mk/a"
cp "$T/mk/o" "$T/mk/b"
JOURNAL_NOW=2026-11-02T08:00:00Z "$JOURNAL" -f "$T/mk/a" add ours 2>/dev/null
JOURNAL_NOW=2026-11-03T08:00:00Z "$JOURNAL" -f "$T/mk/b" add theirs 2>/dev/null
cp "$T/mk/o" "$T/mk/a" "$T/mk/b" "$T/drv/"
cp "$T/drv/b" "$T/drv/b0"
run "$JOURNAL" merge-driver "$T/drv/o" "$T/drv/a" "$T/drv/b"
is_rc 0 "merge-driver: exit 0 when merged"
no_out "merge-driver: nothing on stdout"
holds "merge-driver: the result is in %A, the union of both sides" \
    '[ "$(drv_texts a)" = "base ours theirs " ]'
ok_if "merge-driver: %B is left as it was" cmp -s "$T/drv/b" "$T/drv/b0"
holds "merge-driver: no lock or temporary file left beside %A" \
    '[ "$(ls -A "$T/drv" | tr "\n" " ")" = "a b b0 o " ]'

printf '# notes\nnot a journal\n' >"$T/drv/notes"
cp "$T/drv/a" "$T/drv/a0"
run "$JOURNAL" merge-driver "$T/drv/o" "$T/drv/a" "$T/drv/notes"
holds "merge-driver: a side that is not a journal is a conflict" \
    '[ "$RC" -ne 0 ]'
like_err "notes" "merge-driver: and the file is named"
ok_if "merge-driver: %A is left as it was on a conflict" \
    cmp -s "$T/drv/a" "$T/drv/a0"
run "$JOURNAL" merge-driver "$T/drv/o" "$T/drv/a"
is_rc 2 "merge-driver with two operands: usage, exit 2"

finish
