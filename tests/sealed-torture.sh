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
# sealed-torture.sh: what the plain journal survives, on a sealed one
# (issue 15): four writers at once with no passphrase, writers killed
# with SIGKILL at random moments, a umask of 000, a full disk (a small
# tmpfs of a mount namespace of our own, or else a file size limit), and
# then a grep of every file left for the entries' text.  Writing needs no
# passphrase and no terminal; the commands that must not find one run
# under setsid -w, so that a developer's terminal is never asked.

. "$top_srcdir/tests/lib.sh"

XDG_DATA_HOME=$T/data
XDG_STATE_HOME=$T/state
XDG_CONFIG_HOME=$T/config
XDG_RUNTIME_DIR=$T/run
XDG_CACHE_HOME=$T/cache
TZ=UTC0
export XDG_DATA_HOME XDG_STATE_HOME XDG_CONFIG_HOME XDG_RUNTIME_DIR \
    XDG_CACHE_HOME TZ
unset JOURNAL_FILE JOURNAL_PASSCMD JOURNAL_NOW VISUAL EDITOR PAGER COLUMNS
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"

printf 'torture passphrase\n' >"$T/pw"
# key passwd reads the old passphrase, then the new one: the same here.
printf 'torture passphrase\ntorture passphrase\n' >"$T/pw2"
# Words of every entry, which no file may hold in clear: the scripts
# written below take them from the environment, not in their text.
SECRET=okapimarmalade
export SECRET

# jp ARGS...: journal with the passphrase on descriptor 3.
jp() {
	"$JOURNAL" --passphrase-fd 3 "$@" 3<"$T/pw"
}

mode() {
	stat -c %a "$1"
}

# ms command...: how many milliseconds the command took.
ms() {
	_t0=$(date +%s%N)
	"$@" >/dev/null 2>&1 </dev/null
	_t1=$(date +%s%N)
	case $_t0$_t1 in
	*N*) echo 50 ;;
	*) echo $(((_t1 - _t0) / 1000000 + 1)) ;;
	esac
}

# --- (c) A umask of 000: the key file and the journal are 0600 all the
# same, when made and when rewritten.
J=$T/j/journal
K=$J.key
mkdir -p "$T/j"
umask 000
run setsid -w "$JOURNAL" -f "$J" --passphrase-fd 3 key init \
    --cost interactive 3<"$T/pw"
is_rc 0 "umask 000: key init: exit 0"
ok_if "umask 000: the key file is 0600" [ "$(mode "$K")" = 600 ]
run setsid -w "$JOURNAL" -f "$J" "the first $SECRET entry, umask 000"
is_rc 0 "umask 000: the first sealed append: exit 0"
ok_if "umask 000: the sealed journal is made 0600" [ "$(mode "$J")" = 600 ]
run setsid -w "$JOURNAL" -f "$J" --passphrase-fd 3 key passwd \
    --cost interactive 3<"$T/pw2"
is_rc 0 "umask 000: key passwd: exit 0"
ok_if "umask 000: key passwd: the key file stays 0600" \
    [ "$(mode "$K")" = 600 ]
run setsid -w "$JOURNAL" -f "$J" --passphrase-fd 3 key rotate 3<"$T/pw"
is_rc 0 "umask 000: key rotate: exit 0"
ok_if "umask 000: key rotate: the key file stays 0600" \
    [ "$(mode "$K")" = 600 ]
P=$T/j/plain
"$JOURNAL" -f "$P" -d 2026-11-01 "a plain $SECRET entry to seal"
cp "$K" "$P.key"
run setsid -w "$JOURNAL" -f "$P" encrypt
is_rc 0 "umask 000: encrypt: exit 0"
ok_if "umask 000: encrypt: the journal is 0600" [ "$(mode "$P")" = 600 ]
run setsid -w "$JOURNAL" -f "$P" --passphrase-fd 3 decrypt 3<"$T/pw"
is_rc 0 "umask 000: decrypt: exit 0"
ok_if "umask 000: decrypt: the journal is 0600" [ "$(mode "$P")" = 600 ]
setsid -w "$JOURNAL" -f "$P" encrypt 2>/dev/null
umask 077

# --- (a) Four writers at once, 500 appends each, with no passphrase and
# no terminal: every entry reads back with the passphrase, and the file
# holds only sealed records.
W=$T/w/journal
mkdir -p "$T/w"
cp "$K" "$W.key"
count=500
[ "$SLOW" -gt 1 ] && count=10
cat >"$T/w/writer.sh" <<EOF
i=0
while [ "\$i" -lt $count ]; do
	'$JOURNAL' -f '$W' "writer \$1 entry \$i \$SECRET" || echo "append \$i failed"
	i=\$((i + 1))
done
EOF
for w in 1 2 3 4; do
	setsid -w sh "$T/w/writer.sh" "$w" >"$T/w/$w.log" 2>&1 </dev/null &
done
wait
ok_if "four writers x $count: no append failed" \
    sh -c "! cat '$T'/w/*.log | grep -q ."
run jp -f "$W" list --format raw
is_rc 0 "four writers: list with the passphrase: exit 0"
grep -o '^writer [1-4] entry [0-9]* ' "$OUT" | sort -u >"$T/w/read"
ok_if "four writers: every one of the $((4 * count)) entries reads back, once" \
    sh -c "[ \$(wc -l <'$T/w/read') -eq $((4 * count)) ] &&
    [ \$(grep -c '^writer' '$OUT') -eq $((4 * count)) ]"
ok_if "four writers: only sealed records in the file" only_sealed "$W"
ok_if "four writers: one record a line, no more lines than entries" \
    [ "$(wc -l <"$W")" -eq $((4 * count + 1)) ]
run jp -f "$W" check
is_rc 0 "four writers: check with the passphrase: clean"
ok_if "four writers: the reads left a cache of the journal, 0600" \
    sh -c "ls '$XDG_CACHE_HOME'/rapport/sealed-* >/dev/null 2>&1 &&
    [ -z \"\$(find '$XDG_CACHE_HOME' -type f ! -perm 600)\" ]"

# --- (b) Writers killed with SIGKILL at random moments, four at once, of
# entries of every size up to 60 kB (a write that large may be cut short
# by the kill).  The kills hit the binary itself: under valgrind, the
# wrapper would be killed, not the append.  Every append that said it
# was done must read back; the only problems may be records cut short,
# one for each kill at most; and the journal takes the next append.
KJ=$T/k/journal
mkdir -p "$T/k"
cp "$K" "$KJ.key"
"$JOURNAL_BIN" -f "$KJ" "the first entry of the kills, $SECRET"
big=$(head -c 60000 /dev/zero | tr '\0' y)
t=$(ms "$JOURNAL_BIN" -f "$KJ" "a timed $SECRET entry $big")
kills=25
[ "$SLOW" -gt 1 ] && kills=5
cat >"$T/k/killer.sh" <<EOF
w=\$1
for d in \$(awk -v n=$kills -v max=$((t * 3 / 2)) -v w="\$w" 'BEGIN {
    srand(); srand(srand() + w * 7919)
    for (i = 0; i < n; i++) printf "%.3f\n", rand() * max / 1000 }'); do
	i=\$((\${i:--1} + 1))
	pad=\$(head -c \$(((i * 7919 + w * 104729) % 60000)) /dev/zero |
	    tr '\\0' y)
	'$JOURNAL_BIN' -f '$KJ' "kill \$w \$i \$SECRET \$pad" </dev/null \
	    >/dev/null 2>&1 &
	p=\$!
	sleep "\$d"
	kill -KILL "\$p" 2>/dev/null
	wait "\$p"
	case \$? in
	0) echo "kill \$w \$i " >>'$T/k/done' ;;
	137) echo "\$w \$i" >>'$T/k/landed' ;;
	*) echo "kill \$w \$i failed" >>'$T/k/failed' ;;
	esac
done
EOF
: >"$T/k/done"
: >"$T/k/landed"
for w in 1 2 3 4; do
	setsid -w sh "$T/k/killer.sh" "$w" </dev/null >/dev/null 2>&1 &
done
wait
landed=$(wc -l <"$T/k/landed")
echo "# $landed of $((4 * kills)) kills landed while an append ran;" \
    "$(wc -l <"$T/k/done") appends ended by themselves"
ok_if "killed writers: no append that ran to its end failed" \
    [ ! -s "$T/k/failed" ]
run "$JOURNAL" -f "$KJ" check
grep -E ': (a sealed record cut short|a damaged sealed record)' "$OUT" \
    >"$T/k/torn"
torn=$(wc -l <"$T/k/torn")
echo "# $torn records cut short by a kill"
ok_if "killed writers: check without the passphrase finds no problem but records cut short" \
    sh -c "[ $RC -le 1 ] && grep -q ' 0 problems;\| $torn problems*;' '$OUT' &&
    [ $torn -le $landed ]"
"$JOURNAL_BIN" -f "$KJ" "the entry after the kills, $SECRET" </dev/null
run jp -f "$KJ" list --format raw
grep -o '^kill [1-4] [0-9]* ' "$OUT" | sort -u >"$T/k/read"
sort -u "$T/k/done" >"$T/k/want"
ok_if "killed writers: every append that ended by itself reads back" \
    sh -c "[ -z \"\$(comm -23 '$T/k/want' '$T/k/read')\" ]"
like_out "the entry after the kills" \
    "killed writers: the next append reads, after whatever a kill left"
like_out "the first entry of the kills" \
    "killed writers: the first entry still reads"
run jp -f "$KJ" check
ok_if "killed writers: no record that does not open" \
    sh -c "! grep -q 'does not open\|not hold\|locked' '$OUT'"
ok_if "killed writers: only sealed records, or lines cut short by a kill" \
    sh -c "[ \$(tail -n +2 '$KJ' | grep -cv '^%%sealed [0-9a-f]\{16\} [0-9a-z]\{16\} [A-Za-z0-9+/]*$') -le $torn ]"

# --- (d) A full disk: a tmpfs of 256 kB in a mount namespace of our own
# (a user namespace too when not root), filled up.  Whatever fails there
# leaves every file as it was and nothing half written; with room again,
# the journal takes the next append.
F=$T/full
mkdir -p "$F" "$T/fullcopy"
if [ "$(id -u)" -eq 0 ]; then
	NS="unshare -m"
else
	NS="unshare -rm"
fi
cat >"$T/full.sh" <<EOF
# say ok|bad DESC: one result, for the parent to count.
say() {
	echo "\$1 \$2"
}
same() {
	if cmp -s "\$1" "\$2"; then say ok "\$3"; else say bad "\$3"; fi
}
# full DESC COMMAND...: the command fails for the full disk, and says so.
full() {
	_desc=\$1
	shift
	"\$@" 2>"\$C/err"
	_rc=\$?
	if [ \$_rc -eq 2 ] && grep -q 'No space left on device' "\$C/err"; then
		say ok "\$_desc: exit 2, says why"
	else
		say bad "\$_desc: exit 2, says why: \$_rc \$(cat "\$C/err")"
	fi
}
mount -t tmpfs -o size=256k,mode=700 tmpfs '$F' || exit 3
cd '$F' || exit 3
echo mounted
JOURNAL='$JOURNAL'
C='$T/fullcopy'
cp '$K' s.key
"\$JOURNAL" -f s "full disk, the first \$SECRET entry" || exit 3
"\$JOURNAL" -f p -d 2026-11-02 "full disk, a plain \$SECRET entry" || exit 3
cp '$K' p.key
cp s "\$C/s"
cp s.key "\$C/s.key"
cp p "\$C/p"
dd if=/dev/zero of=filler bs=1k 2>/dev/null
ls -A >"\$C/names"

full "append" "\$JOURNAL" -f s \
    "a \$SECRET entry on a full disk \$(head -c 8000 /dev/zero | tr '\0' x)"
same s "\$C/s" "append: the journal as it was"
full "key init" "\$JOURNAL" -f n --passphrase-fd 3 key init \
    --cost interactive 3<'$T/pw'
[ ! -e n.key ] && say ok "key init: no key file left" ||
    say bad "key init: no key file left"
full "encrypt" "\$JOURNAL" -f p encrypt
same p "\$C/p" "encrypt: the plain journal as it was"
full "key rotate" "\$JOURNAL" -f s --passphrase-fd 3 key rotate 3<'$T/pw'
same s.key "\$C/s.key" "key rotate: the key file as it was"
full "key passwd" "\$JOURNAL" -f s --passphrase-fd 3 key passwd \
    --cost interactive 3<'$T/pw2'
same s.key "\$C/s.key" "key passwd: the key file as it was"
full "decrypt" "\$JOURNAL" -f s --passphrase-fd 3 decrypt 3<'$T/pw'
same s "\$C/s" "decrypt: the sealed journal as it was"
ls -A | grep -v '^n\.lock\$' | grep -vxFf "\$C/names" >"\$C/left"
[ ! -s "\$C/left" ] && say ok "no file left half written" ||
    say bad "no file left half written: \$(cat "\$C/left")"

rm filler
"\$JOURNAL" -f s "with room again, a \$SECRET entry" &&
    say ok "with room again: the append" || say bad "with room again: the append"
"\$JOURNAL" -f s --passphrase-fd 3 list --format raw 3<'$T/pw' >"\$C/list" 2>&1
grep -q 'with room again' "\$C/list" && grep -q "the first \$SECRET" "\$C/list" &&
    say ok "with room again: every entry reads" ||
    say bad "with room again: every entry reads"
"\$JOURNAL" -f p encrypt 2>"\$C/err" &&
    say ok "with room again: encrypt" ||
    say bad "with room again: encrypt: \$(cat "\$C/err")"
rm -f "\$C/list" "\$C/p"
grep -rlF "\$SECRET" . >/dev/null 2>&1 &&
    say bad "the tmpfs holds no text in clear" ||
    say ok "the tmpfs holds no text in clear"
echo done
EOF
run $NS sh "$T/full.sh"
if grep -q '^mounted$' "$OUT"; then
	while read -r result desc; do
		case $result in
		ok) pass "a full disk: $desc" ;;
		bad) fail "a full disk: $desc" ;;
		esac
	done <"$OUT"
	ok_if "a full disk: every step ran" grep -q '^done$' "$OUT"
elif [ -z "$VG" ]; then
	# No tmpfs of our own: the file size limit of sealed.sh, which
	# valgrind does not ignore as journal does (SIGXFSZ).
	echo "# no tmpfs of our own here: a file size limit instead"
	cp "$W" "$T/w-before"
	(ulimit -f 1; "$JOURNAL" -f "$W" \
	    "$SECRET $(head -c 4000 /dev/zero | tr '\0' x)") >"$OUT" 2>"$ERR"
	RC=$?
	is_rc 2 "past the file size limit: exit 2"
	like_err 'File too large' "past the file size limit: says so"
	ok_if "past the file size limit: the journal as it was" \
	    cmp -s "$W" "$T/w-before"
else
	skip "a full disk" "no tmpfs of our own, and valgrind does not ignore SIGXFSZ"
fi

# --- (e) After all that, no file left under the test's directory (the
# caches of the sealed journals among them) or XDG_RUNTIME_DIR holds the
# entries' text: only what the commands printed did, and that is removed
# first.
rm -f "$OUT" "$ERR" "$T/want"
ok_if "no file left anywhere holds the text" \
    sh -c "! grep -rlF '$SECRET' '$T' '$XDG_RUNTIME_DIR' 2>/dev/null | grep -q ."
: >"$OUT"
: >"$ERR"

finish
