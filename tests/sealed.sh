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
# sealed.sh: the sealed journal (issue 15), with real libsodium, the real
# kernel keyring and Debian's python3-nacl: keys, writing without a
# passphrase, every source of the passphrase, encrypt and decrypt byte
# for byte, merge and check without a key, torn records, the editor's
# file in memory, and a grep of everything left behind for the text.

. "$top_srcdir/tests/lib.sh"

XDG_DATA_HOME=$T/data
XDG_STATE_HOME=$T/state
XDG_CONFIG_HOME=$T/config
XDG_RUNTIME_DIR=$T/run
TZ=UTC0
JOURNAL_NOW=2026-11-25T12:00:00Z
export XDG_DATA_HOME XDG_STATE_HOME XDG_CONFIG_HOME XDG_RUNTIME_DIR TZ \
    JOURNAL_NOW
unset JOURNAL_FILE JOURNAL_PASSCMD VISUAL EDITOR PAGER COLUMNS
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"

J=$T/j/journal
K=$J.key
printf 'correct horse\n' >"$T/pw"
printf 'wrong horse\n' >"$T/bad"
# Words that must never be found in a file, outside the commands' output.
SECRET=zanzibarquokka

# jp ARGS...: journal with the passphrase on descriptor 3.
jp() {
	"$JOURNAL" --passphrase-fd 3 "$@" 3<"$T/pw"
}

# mode FILE: its permission bits, in octal.
mode() {
	stat -c %a "$1"
}

# --- 1. key init: the key file, 0600; the journal sealed from its first
# entry, written with no passphrase and no terminal.
umask 000
run "$JOURNAL" -f "$J" --passphrase-fd 3 key init --cost interactive \
    3<"$T/pw"
is_rc 0 "key init: exit 0"
like_err "made $K" "key init: says where the key file is"
ok_if "key init: the key file is 0600 whatever the umask" [ "$(mode "$K")" = 600 ]
umask 022
run "$JOURNAL" -f "$J" --passphrase-fd 3 key init 3<"$T/pw"
is_rc 2 "key init again: refused"
like_err 'a key file is there already' "key init again: says why"
run_stdin "Dinner at the $SECRET place, we laughed.
" "$JOURNAL" -f "$J" -t partner -r warmth=5
is_rc 0 "add from a pipe, no terminal, no passphrase: exit 0"
run "$JOURNAL" -f "$J" "a second $SECRET entry" -t self
is_rc 0 "add from the command line: exit 0"
ok_if "the journal is sealed" only_sealed "$J"
ok_if "the journal is 0600" [ "$(mode "$J")" = 600 ]
ok_if "the sealed journal does not hold the text" \
    sh -c "! grep -q '$SECRET' '$J' && ! grep -q partner '$J' && ! grep -q warmth '$J'"
ok_if "nor the dates" sh -c "! grep -q 2026 '$J'"

# --- 2. Reading: every passphrase source, and the wrong one.
run jp -f "$J" list --format raw
is_rc 0 "list --passphrase-fd: exit 0"
like_out "Dinner at the $SECRET place" "list --passphrase-fd: the first entry"
like_out "a second $SECRET entry" "list --passphrase-fd: the second entry"
run "$JOURNAL" -f "$J" list --passphrase-fd=3 --format raw 3<"$T/pw"
like_out "Dinner at the $SECRET" "--passphrase-fd=N after the subcommand"
cp "$J" "$T/before"
run "$JOURNAL" -f "$J" --passphrase-fd 3 list 3<"$T/bad"
is_rc 2 "a wrong passphrase: exit 2"
like_err "^journal: $K: wrong passphrase" "a wrong passphrase: one clear line"
ok_if "a wrong passphrase: one line only" [ "$(wc -l <"$ERR")" -eq 1 ]
no_out "a wrong passphrase: nothing shown"
ok_if "a wrong passphrase: nothing written" cmp -s "$J" "$T/before"
run setsid -w "$JOURNAL" -f "$J" list
is_rc 2 "no passphrase and no terminal: exit 2"
like_err 'no terminal to ask its passphrase on' \
    "no passphrase and no terminal: says what to do"
JOURNAL_PASSCMD="cat $T/pw" run "$JOURNAL" -f "$J" list --format raw
like_out "Dinner at the $SECRET" "JOURNAL_PASSCMD: read"
JOURNAL_PASSCMD="exit 3" run "$JOURNAL" -f "$J" list
is_rc 2 "a failing passphrase command: exit 2"
like_err 'the passphrase command failed: exit 3' \
    "a failing passphrase command: named"
mkdir -p "$XDG_CONFIG_HOME/rapport"
printf '[journal]\npasscmd = cat %s\n' "$T/pw" >"$XDG_CONFIG_HOME/rapport/config"
run "$JOURNAL" -f "$J" list --format raw
like_out "Dinner at the $SECRET" "the configuration's passcmd: read"
JOURNAL_PASSCMD="cat $T/bad" run "$JOURNAL" -f "$J" list
like_err 'wrong passphrase' "JOURNAL_PASSCMD wins over the configuration"
rm "$XDG_CONFIG_HOME/rapport/config"
run "$JOURNAL" -f "$J" --passphrase-fd x list
is_rc 2 "--passphrase-fd x: refused"

# --- 3. Every other reader and writer on the sealed journal.
run jp -f "$J" tags
like_out 'partner' "tags: read"
run jp -f "$J" stats
is_rc 0 "stats: exit 0"
run jp -f "$J" export --format json
like_out "$SECRET" "export: read"
id=$(jp -f "$J" list --format tsv | awk -F '\t' 'NR == 1 { print $1 }')
run jp -f "$J" show "$id"
like_out "Dinner at the $SECRET" "show: read"
run jp -f "$J" edit -t edited "$id"
is_rc 0 "edit: exit 0"
run jp -f "$J" delete -y -t self
is_rc 0 "delete: exit 0"
run jp -f "$J" list --format raw
unlike_out "a second $SECRET" "delete: the entry is gone"
run jp -f "$J" list -t edited --format raw
like_out "Dinner at the $SECRET" "edit: the edit is read back"
"$SCORE" --items | awk -F '\t' '{ print $1 "=" (NR % 5 + 1) }' >"$T/answers"
run "$SCORE" -f "$J" --answers "$T/answers"
is_rc 0 "score's check-in into a sealed journal, no passphrase: exit 0"
ok_if "score's check-in: the journal still holds only sealed records" \
    only_sealed "$J"
run "$SCORE" report -f "$J" --passphrase-fd 3 3<"$T/pw"
is_rc 0 "score report on a sealed journal, with the passphrase: exit 0"
like_out 'not a diagnosis' "score report: the review"
run setsid -w "$SCORE" report -f "$J"
is_rc 2 "score report, no passphrase, no terminal: exit 2"
like_err 'no terminal to ask its passphrase on' "score report: says what to do"

ok_if "after edit, delete and check-in: only sealed records" only_sealed "$J"
ok_if "and no text in clear" sh -c "! grep -q '$SECRET' '$J'"
printf '[2026-11-01 09:30] Imported %s from jrnl.\n' "$SECRET" >"$T/in.jrnl"
run jp -f "$J" import --from jrnl "$T/in.jrnl"
is_rc 0 "import into a sealed journal: exit 0"
like_err '1 entry imported' "import: the entry"
run jp -f "$J" import --from jrnl "$T/in.jrnl"
like_err '0 entries imported' "import again: nothing, the sealed journal read under its lock"
run jp -f "$J" list --format raw
like_out "Imported $SECRET from jrnl" "import: the entry reads"

# compact: with the passphrase; the lines that stay are the same bytes,
# labels included, and an older copy merged back brings nothing back.
cp "$J" "$T/before-compact"
jp -f "$J" list --format raw >"$T/list-before"
run jp -f "$J" compact
is_rc 0 "compact of a sealed journal: exit 0"
like_err 'superseded or deleted records? removed' "compact: says what it removed"
ok_if "compact: the journal is smaller" \
    [ "$(wc -c <"$J")" -lt "$(wc -c <"$T/before-compact")" ]
ok_if "compact: only sealed records" only_sealed "$J"
ok_if "compact: the lines kept are the same bytes" sh -c "
    tail -n +2 '$J' | head -n -1 | while read -r l; do
	grep -qxF \"\$l\" '$T/before-compact' || exit 1
    done"
run jp -f "$J" list --format raw
ok_if "compact: the same entries" cmp -s "$OUT" "$T/list-before"
cp "$K" "$T/before-compact.key"
"$JOURNAL" -f "$J" merge "$T/before-compact" 2>/dev/null
run jp -f "$J" list --format raw
ok_if "compact, then the older copy merged: no entry comes back" \
    cmp -s "$OUT" "$T/list-before"
run "$JOURNAL" -f "$J" compact </dev/null
ok_if "compact with no passphrase: refused, nothing written" \
    [ "$RC" -eq 2 ]

# --- 4. encrypt and decrypt: the same journal, byte for byte.
P=$T/p/journal
mkdir -p "$T/p"
"$JOURNAL" -f "$P" -d 2026-11-01 "plain $SECRET one" -t a
printf '%%%%# a comment kept\n\n' >>"$P"
"$JOURNAL" -f "$P" -d 2026-11-02 "plain two" -r listen=3
printf '%%%%entry 2026-11-03 abcd1234 @cut\nhalf a rec' >>"$P"
"$JOURNAL" -f "$P" -d 2026-11-04 "plain three after a torn record"
cp "$P" "$T/plain-before"
cp "$K" "$P.key"
run "$JOURNAL" -f "$P" encrypt
is_rc 0 "encrypt: exit 0, with no passphrase"
ok_if "encrypt: the journal is sealed" only_sealed "$P"
ok_if "encrypt: no text left" sh -c "! grep -q '$SECRET' '$P'"
run "$JOURNAL" -f "$P" encrypt
is_rc 2 "encrypt twice: refused"
run jp -f "$P" list --format raw
like_out "plain three after a torn record" "encrypted: the entries read"
run jp -f "$P" decrypt
is_rc 0 "decrypt: exit 0"
ok_if "decrypt gives back the journal byte for byte" cmp -s "$P" "$T/plain-before"

# A journal that ends in a record cut short, sealed, then written to: the
# new entry is read as itself, not as the end of the cut one.
Q=$T/q/journal
mkdir -p "$T/q"
"$JOURNAL" -f "$Q" "before the cut"
printf '%%%%entry 2026-11-03 abcd1234 @cut\nhalf a rec' >>"$Q"
cp "$K" "$Q.key"
"$JOURNAL" -f "$Q" encrypt 2>/dev/null
"$JOURNAL" -f "$Q" "after the cut"
run jp -f "$Q" list --format raw
like_out '^after the cut$' "sealed after a cut record: the next entry reads"
like_out '^before the cut$' "sealed after a cut record: the one before too"
run jp -f "$Q" list --format raw
like_out '^after the cut$' "and again, through the cache"

# --- 5. The passphrase changes in O(1); rotation keeps old records.
cp "$K" "$T/key-before"
printf 'correct horse\nbattery staple\n' >"$T/pw2"
run "$JOURNAL" -f "$J" --passphrase-fd 3 key passwd --cost interactive \
    3<"$T/pw2"
is_rc 0 "key passwd: exit 0"
ok_if "key passwd: the public keys are the same" sh -c \
    "grep '^key' '$K' | cut -d ' ' -f 1-3 >'$T/a'; grep '^key' '$T/key-before' | cut -d ' ' -f 1-3 >'$T/b'; cmp -s '$T/a' '$T/b'"
run "$JOURNAL" -f "$J" --passphrase-fd 3 list 3<"$T/pw"
like_err 'wrong passphrase' "key passwd: the old passphrase no longer opens"
printf 'battery staple\n' >"$T/pw"
run jp -f "$J" list --format raw
like_out "Dinner at the $SECRET" "key passwd: the new one does"
old=$(awk '/^key / { id = $2 } END { print id }' "$K")
run jp -f "$J" key rotate
is_rc 0 "key rotate: exit 0"
new=$(awk '/^key / { id = $2 } END { print id }' "$K")
ok_if "key rotate: a new write key" [ -n "$new" ] && [ "$new" != "$old" ]
"$JOURNAL" -f "$J" "after the rotation"
ok_if "key rotate: new records are sealed to the new key" \
    sh -c "tail -n 1 '$J' | grep -q '^%%sealed $new '"
run jp -f "$J" list --format raw
like_out "Dinner at the $SECRET" "key rotate: old records still read"
like_out "after the rotation" "key rotate: new records read"

# --- 6. check and merge without a passphrase; torn and damaged lines.
run "$JOURNAL" -f "$J" check
is_rc 0 "check without a passphrase: exit 0 on a whole journal"
like_out 'sealed records?, 0 problems' "check without a passphrase: the form only"
cp "$J" "$T/copy"
run "$JOURNAL" -f "$T/copy" "only in the copy"
is_rc 2 "a sealed journal without its key file: not written to"
like_err "copy: sealed, and no key file .*copy.key beside it" \
    "a sealed journal without its key file: says so"
cp "$K" "$T/copy.key"
"$JOURNAL" -f "$T/copy" "only in the copy"
"$JOURNAL" -f "$J" "only in the journal"
run "$JOURNAL" -f "$J" merge "$T/copy"
is_rc 0 "merge of a sealed copy, no passphrase: exit 0"
like_err '1 record merged' "merge: the one record the journal lacked"
run "$JOURNAL" -f "$J" merge "$T/copy"
like_err '0 records merged' "merge again: nothing"
# git's merge driver on two sealed copies: their union, no passphrase,
# and no lock file left in the work tree.
mkdir -p "$T/drv"
cp "$J" "$T/drv/o"
cp "$J" "$T/drv/a"
cp "$J" "$T/drv/b"
cp "$K" "$T/drv/a.key"
cp "$K" "$T/drv/b.key"
"$JOURNAL" -f "$T/drv/a" "ours in git"
"$JOURNAL" -f "$T/drv/b" "theirs in git"
rm "$T/drv/a.key" "$T/drv/b.key" "$T/drv/a.lock" "$T/drv/b.lock"
run "$JOURNAL" merge-driver "$T/drv/o" "$T/drv/a" "$T/drv/b"
is_rc 0 "merge-driver on sealed copies: exit 0"
ok_if "merge-driver: the union, sealed" sh -c "
    [ \$(grep -c '^%%sealed ' '$T/drv/a') -eq \$((\$(grep -c '^%%sealed ' '$T/drv/o') + 2)) ]"
ok_if "merge-driver: no lock file left" [ "$(ls -A "$T/drv" | wc -l)" -eq 3 ]
# A conflict copy that a synchroniser left beside a sealed journal is
# folded back in without a passphrase.
cp "$T/copy" "$T/j/journal.sync-conflict-20261125-120000-ABCDEFG"
run "$JOURNAL" -f "$J" merge --conflicts
is_rc 0 "merge --conflicts of a sealed copy: exit 0"
ok_if "merge --conflicts: the copy is removed once merged" \
    [ ! -e "$T/j/journal.sync-conflict-20261125-120000-ABCDEFG" ]
ok_if "merge --conflicts: only sealed records" only_sealed "$J"
run "$JOURNAL" -f "$J" merge "$T/plain-before"
is_rc 2 "merge of a plain copy into a sealed journal: refused"
like_err 'both are sealed or both plain' "merge plain into sealed: says why"
n=$(wc -l <"$J")
line=$((n - 1))
awk -v l="$line" 'NR == l { $4 = substr($4, 1, 40) "AAAA" substr($4, 45) } { print }' \
    "$J" >"$T/flipped"
cp "$K" "$T/flipped.key"
run "$JOURNAL" -f "$T/flipped" check
is_rc 0 "a changed box still has the form of one: check without a key passes"
run "$JOURNAL" -f "$T/flipped" --passphrase-fd 3 check 3<"$T/pw"
is_rc 1 "check with the passphrase: the changed record found"
like_out "flipped:$line: a sealed record that does not open" \
    "check with the passphrase: FILE:LINE"
run "$JOURNAL" -f "$T/flipped" --passphrase-fd 3 list --format raw 3<"$T/pw"
like_out "after the rotation" "a changed record hides no other before it"
like_out "only in the copy" "nor after it"
like_err "flipped:$line: " "list: the changed record is reported"

# Cut the sealed journal at every byte of its last three records: each
# time, check without a key counts the whole records before the cut and
# reports the cut one, and nothing fails.
cp "$J" "$T/whole"
size=$(wc -c <"$T/whole")
start=$(head -n $((n - 2)) "$T/whole" | wc -c)
bad=0
cut=$start
# Under valgrind, every 53rd byte: each run there takes a third of a second.
step=1
[ "$SLOW" -gt 1 ] && step=53
while [ "$cut" -lt "$size" ]; do
	head -c "$cut" "$T/whole" >"$T/cut"
	if [ "$(tail -c 1 "$T/cut" | od -An -tx1 | tr -d ' ')" = 0a ]; then
		records=$(grep -c '^%%sealed ' "$T/cut")
		problems=0
	else
		records=$(sed '$d' "$T/cut" | grep -c '^%%sealed ')
		problems=1
	fi
	"$JOURNAL" -f "$T/cut" check >"$T/cut.out" 2>&1
	rc=$?
	if [ "$rc" -ne "$problems" ] || ! grep -q "^$T/cut: $records sealed records*, $problems problems*;" "$T/cut.out"; then
		bad=$((bad + 1))
		[ "$bad" -lt 5 ] && echo "# cut at $cut: status $rc, $(tail -n 1 "$T/cut.out")"
	fi
	cut=$((cut + step))
done
ok_if "cut at every byte of three records: the whole ones counted, the cut one reported" [ "$bad" -eq 0 ]
head -c $((size - 7)) "$T/whole" >"$T/cut"
cp "$K" "$T/cut.key"
run jp -f "$T/cut" list --format raw
like_out "only in the journal" "a cut last record hides none before it"
like_err "cut:$n: a sealed record cut short" "list: the cut record reported with FILE:LINE"

# check --repair: without a key, the cut line moves aside; with one, the
# changed record too.  The side file holds sealed lines only.
run "$JOURNAL" -f "$T/cut" check --repair
is_rc 0 "check --repair, no passphrase: exit 0"
like_out 'cut: 1 damaged record moved to' "check --repair: the cut line moved aside"
run "$JOURNAL" -f "$T/cut" check
is_rc 0 "after the repair: no problem"
ok_if "the side file holds no text" sh -c "! grep -q '$SECRET' '$T/cut.rejected'"
run "$JOURNAL" -f "$T/flipped" --passphrase-fd 3 check --repair 3<"$T/pw"
like_out 'flipped: 1 damaged record moved to' \
    "check --repair with the passphrase: the changed record moved aside"
run "$JOURNAL" -f "$T/flipped" --passphrase-fd 3 check 3<"$T/pw"
is_rc 0 "after that repair: no problem"

# --- 7. The kernel keyring: unlock once, lock, expiry.
if command -v keyctl >/dev/null 2>&1 && keyctl session - true >/dev/null 2>&1; then
	cat >"$T/keyring.sh" <<EOF
J='$J'
JOURNAL='$JOURNAL'
"\$JOURNAL" -f "\$J" --passphrase-fd 3 unlock --for 1m 3<'$T/pw' || echo "unlock failed"
"\$JOURNAL" -f "\$J" list --format raw </dev/null | grep -q 'after the rotation' && echo "unlocked: read"
"\$JOURNAL" -f "\$J" lock
setsid -w "\$JOURNAL" -f "\$J" list </dev/null >/dev/null 2>&1 || echo "locked: asks"
"\$JOURNAL" -f "\$J" --passphrase-fd 3 unlock --for 1s 3<'$T/pw'
sleep 2
setsid -w "\$JOURNAL" -f "\$J" list </dev/null >/dev/null 2>&1 || echo "expired: asks"
EOF
	run keyctl session - sh "$T/keyring.sh"
	like_out '^unlocked: read$' "unlock: the next command needs no passphrase"
	like_out '^locked: asks$' "lock: the key is forgotten"
	like_out '^expired: asks$' "unlock --for 1s: the key expires"
	unlike_out 'unlock failed' "unlock: exit 0"
else
	skip "unlock and lock" "no kernel keyring here"
	skip "lock" "no kernel keyring here"
	skip "expiry" "no kernel keyring here"
	skip "unlock status" "no kernel keyring here"
fi
run "$JOURNAL" -f "$J" unlock --for 9w --passphrase-fd 3 3<"$T/pw"
is_rc 2 "unlock --for 9w: refused"

# --- 8. The editor's file of a sealed journal is in memory, and gone.
cat >"$T/editor" <<EOF
#!/bin/sh
echo "\$1" >'$T/edited-path'
printf 'written in the $SECRET editor\n' >"\$1"
EOF
chmod 755 "$T/editor"
VISUAL=$T/editor run "$JOURNAL" -f "$J" -e </dev/null
is_rc 2 "the editor, XDG_RUNTIME_DIR on a disk: refused"
like_err 'not a file system in memory' "the editor on a disk: says why"
ok_if "the editor on a disk: nothing written there" [ ! -e "$T/edited-path" ]
if RUN=$(mktemp -d /dev/shm/rapport-test.XXXXXX 2>/dev/null); then
	trap 'rm -rf "$T" "$RUN"' EXIT
	XDG_RUNTIME_DIR=$RUN VISUAL=$T/editor run "$JOURNAL" -f "$J" -e \
	    </dev/null
	is_rc 0 "the editor on a sealed journal: exit 0"
	case $(cat "$T/edited-path") in
	"$RUN"/*) pass "the editor's file is in XDG_RUNTIME_DIR" ;;
	*) fail "the editor's file is in XDG_RUNTIME_DIR" \
	    "it was $(cat "$T/edited-path")" ;;
	esac
	ok_if "the editor's file is removed" [ -z "$(ls -A "$RUN")" ]
	run jp -f "$J" list --format raw
	like_out "written in the $SECRET editor" \
	    "the editor's entry is sealed and reads"
else
	skip "the editor on a sealed journal" "no /dev/shm"
	skip "the editor's file" "no /dev/shm"
	skip "the editor's file removed" "no /dev/shm"
	skip "the editor's entry" "no /dev/shm"
fi

# --- 9. Python's libsodium opens what the C code sealed, by the recipe of
# journal(5), run as it is printed there.
PY=/usr/bin/python3
if [ -x "$PY" ] && "$PY" -c 'import nacl' 2>/dev/null; then
	awk '/tests\/sealed.sh runs the lines/ { f = 1; next }
	    f && /^\.Bd/ { next } f && /^\.Ed/ { exit } f' \
	    "$top_srcdir/man/journal.5.in" | sed 's/\\e/\\/g' >"$T/recipe.py"
	run_stdin "$(cat "$T/pw")
" setsid -w "$PY" "$T/recipe.py" "$J"
	is_rc 0 "the recipe of journal(5): exit 0"
	jp -f "$J" decrypt 2>/dev/null
	ok_if "the recipe gives the plain journal that decrypt gives" \
	    cmp -s "$OUT" "$J"
	jp -f "$J" encrypt 2>/dev/null
else
	skip "the recipe of journal(5)" "no python3-nacl"
	skip "the recipe's output" "no python3-nacl"
fi

# --- 10. Four writers at once, with no passphrase, lose nothing.
W=$T/w/journal
mkdir -p "$T/w"
cp "$K" "$W.key"
count=50
[ "$SLOW" -gt 1 ] && count=5
for w in 1 2 3 4; do
	(
		i=0
		while [ "$i" -lt "$count" ]; do
			"$JOURNAL" -f "$W" "writer $w entry $i" || echo fail
			i=$((i + 1))
		done
	) >"$T/w/$w.log" 2>&1 &
done
wait
ok_if "four writers: no failure" sh -c "! cat '$T'/w/*.log | grep -q ."
run jp -f "$W" list --format raw
ok_if "four writers: every entry reads" [ "$(grep -c '^writer' "$OUT")" -eq $((4 * count)) ]
ok_if "four writers: only sealed records" only_sealed "$W"

# --- 11. A full disk: the append is undone, the journal as it was.  (Not
# under valgrind, which does not ignore SIGXFSZ as journal does.)
if [ -z "$VG" ]; then
	cp "$W" "$T/w-before"
	(ulimit -f 1; "$JOURNAL" -f "$W" "$(head -c 4000 /dev/zero | tr '\0' x)") \
	    >"$OUT" 2>"$ERR"
	RC=$?
	is_rc 2 "past the file size limit: exit 2"
	like_err 'File too large' "past the file size limit: says so"
	ok_if "past the file size limit: the journal as it was" \
	    cmp -s "$W" "$T/w-before"
else
	skip "past the file size limit" "under valgrind"
	skip "past the file size limit: message" "under valgrind"
	skip "past the file size limit: the journal" "under valgrind"
fi

# --- 12. The cache: what a read opened is kept, encrypted, for the next.
C=$HOME/.cache/rapport
run jp -f "$J" list --format raw
cp "$OUT" "$T/list-cached"
# cache_of JOURNAL: its cache, named by the BLAKE2b-64 of its real path.
cache_of() {
	echo "$C/sealed-$(python3 -c 'import hashlib, os, sys
print(hashlib.blake2b(os.path.realpath(sys.argv[1]).encode(),
    digest_size=8).hexdigest())' "$1")"
}
CJ=$(cache_of "$J")
ok_if "a read leaves a cache named by the journal's path, 0600" \
    sh -c "[ \$(stat -c %a '$CJ') = 600 ]"
ok_if "the cache does not hold the text" sh -c "! grep -q '$SECRET' '$CJ'"
run jp -f "$J" list --format raw
ok_if "a read through the cache: the same entries" cmp -s "$OUT" "$T/list-cached"
"$JOURNAL" -f "$J" "written after the cache"
run jp -f "$J" list --format raw
like_out "written after the cache" "a record written since the cache: read"
like_out "Dinner at the $SECRET" "and the cached ones too"
cp "$OUT" "$T/list-cached"
# The cache is one chunk that is not full: the chunk that a reader killed
# while adding to the cache leaves damaged.
printf 'garbage' | dd of="$CJ" bs=1 seek=200 conv=notrunc 2>/dev/null
run jp -f "$J" list --format raw
is_rc 0 "a damaged last chunk: the read goes on"
no_err "a damaged last chunk: no word of it"
ok_if "a damaged last chunk: the same entries, through a cache made anew" \
    cmp -s "$OUT" "$T/list-cached"
ok_if "a damaged last chunk: the cache made anew does not hold it" \
    sh -c "! grep -q garbage '$CJ'"
# A full chunk is written once: only damage changes it, and a read that
# meets it fails, and removes the cache for the next to make anew.
BJ=$T/j/big
cp "$K" "$BJ.key"
i=0
while [ "$i" -lt 40 ]; do
	"$JOURNAL" -f "$BJ" "big entry $i $SECRET $(printf '%02000d' "$i")" ||
	    break
	i=$((i + 1))
done
run jp -f "$BJ" list --format raw
cp "$OUT" "$T/big-cached"
BCJ=$(cache_of "$BJ")
ok_if "80 KB of entries: a cache of a full chunk and more" \
    [ "$(stat -c %s "$BCJ")" -gt 65536 ]
printf 'garbage' | dd of="$BCJ" bs=1 seek=200 conv=notrunc 2>/dev/null
run jp -f "$BJ" list --format raw
is_rc 2 "a damaged full chunk: the read fails"
like_err 'Input/output error' "a damaged full chunk: says so"
ok_if "a damaged full chunk: the cache removed" [ ! -e "$BCJ" ]
run jp -f "$BJ" list --format raw
ok_if "the next read makes it anew: the same entries" \
    cmp -s "$OUT" "$T/big-cached"
printf 'garbage' | dd of="$CJ" bs=1 seek=60 conv=notrunc 2>/dev/null
run jp -f "$J" list --format raw
ok_if "a cache whose header is damaged is made anew" \
    cmp -s "$OUT" "$T/list-cached"
no_err "a damaged header: no word of it"
jp -f "$J" decrypt 2>/dev/null
jp -f "$J" encrypt 2>/dev/null
run jp -f "$J" list --format raw
ok_if "after a rewrite, the old cache is not used" cmp -s "$OUT" "$T/list-cached"
awk 'NR == 3 { $4 = substr($4, 1, 40) "AAAA" substr($4, 45) } { print }' \
    "$J" >"$T/flip2"
cp "$K" "$T/flip2.key"
run jp -f "$T/flip2" list --format raw
run jp -f "$T/flip2" list --format raw
like_err "flip2:3: " "a record that does not open is reported on every read, cache or not"

# --- 13. Nothing left behind holds the text.
ok_if "no file left anywhere holds the text" \
    sh -c "! grep -rl '$SECRET' '$T/j' '$T/w' '$XDG_RUNTIME_DIR' '$XDG_STATE_HOME' '$HOME' 2>/dev/null | grep -q ."

finish
