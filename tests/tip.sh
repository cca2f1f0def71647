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

# tip.sh: the built tip as a user runs it: options, operands, the search
# path, weights, matching, lengths, bad input, terminal safety and write
# errors, with stdout, stderr and the exit status checked.  Fixtures are
# written into $T; expected records come from the fixture text itself or
# from data/tips, split on % lines here, not by tip.

. "$top_srcdir/tests/lib.sh"

# is_record FILE...: stdout holds exactly one record of the files: the
# lines between two % lines (or a file's start or end), %% lines dropped.
is_record() {
	awk -v want="$OUT" '
	BEGIN { while ((getline l < want) > 0) w = w l "\n" }
	FNR == 1 { if (r != "" && r == w) found = 1; r = "" }
	/^%%/ { next }
	/^%$/ { if (r != "" && r == w) found = 1; r = ""; next }
	{ r = r $0 "\n" }
	END { if (r != "" && r == w) found = 1; exit !found }' "$@"
}

# is_tip: stdout holds exactly one tip of the shipped collection.
is_tip() {
	set --
	for _f in "$top_srcdir"/data/tips/*; do
		case $_f in *.dat) continue ;; esac
		set -- "$@" "$_f"
	done
	is_record "$@"
}

# out_is TEXT: stdout is exactly TEXT (given with printf escapes).
out_is() {
	printf "$1" >"$T/want"
	cmp -s "$T/want" "$OUT"
}

# The counts of records of the shipped collection, "name count" lines.
tip_counts() {
	for _f in "$top_srcdir"/data/tips/*; do
		case $_f in *.dat|*/intimacy) continue ;; esac
		printf '%s %s\n' "${_f##*/}" "$(grep -c '^%$' "$_f")"
	done
}

# no_raw_ctl: stdout holds no ESC and no backspace byte.
no_raw_ctl() {
	! grep -q "$(printf '[\033\010]')" "$OUT"
}

seqn() {
	awk -v a="$1" -v b="$2" 'BEGIN { for (i = a; i <= b; i++) print i }'
}

# every_seed N CHECK COMMAND [ARG ...]: for every seed S from 1 to N,
# COMMAND ARG ... --seed S exits 0 and the shell command CHECK holds of
# what it printed.
every_seed() {
	_n=$1 _check=$2
	shift 2
	for _s in $(seqn 1 "$_n"); do
		run "$@" --seed "$_s"
		[ "$RC" -eq 0 ] && eval "$_check" || return 1
	done
}

# pick_two FILE FIRST SECOND: tip FILE over seeds 1 to 20, counting in
# n1 the times it printed FIRST, in n2 those it printed SECOND and in bad
# the others (FIRST and SECOND given with printf escapes).
pick_two() {
	n1=0 n2=0 bad=0
	for _s in $(seqn 1 20); do
		run "$TIP" --seed "$_s" "$1"
		if out_is "$2"; then n1=$((n1 + 1))
		elif out_is "$3"; then n2=$((n2 + 1))
		else bad=$((bad + 1)); fi
	done
}

# A collection of our own: a holds one record, b three, c one.
mkdir -p "$T/col"
printf 'one\n%%\n' >"$T/col/a"
printf 'two\n%%\nthree\n%%\nfour\n%%\n' >"$T/col/b"
printf 'five\n%%\n' >"$T/col/c"

# --- The default pick, in any environment.

run "$TIP"
is_rc 0 "default: exit 0"
ok_if "default: the tip is one of data/tips" is_tip
no_err "default: nothing on stderr"

run env -i PATH=/usr/bin:/bin "$TIP"
is_rc 0 "empty environment: exit 0"
ok_if "empty environment: a tip of data/tips" is_tip
no_err "empty environment: nothing on stderr"

run env -u LANG -u LC_ALL "$TIP"
is_rc 0 "LANG and LC_ALL unset: exit 0"
ok_if "LANG and LC_ALL unset: a tip of data/tips" is_tip

run env -u LANG LC_ALL=C "$TIP"
is_rc 0 "LC_ALL=C: exit 0"
ok_if "LC_ALL=C: a tip of data/tips" is_tip

run env -u HOME "$TIP"
is_rc 0 "HOME unset: exit 0"
ok_if "HOME unset: a tip of data/tips" is_tip
no_err "HOME unset: nothing on stderr"

# A relative XDG_DATA_HOME is ignored, as the XDG specification says.
mkdir -p "$T/cwd/rel/rapport/tips"
printf 'RELATIVE\n%%\n' >"$T/cwd/rel/rapport/tips/relcat"
run sh -c 'cd "$1" && XDG_DATA_HOME=rel "$2" relcat' sh "$T/cwd" "$TIP"
is_rc 2 "relative XDG_DATA_HOME: its categories are not found"
no_out "relative XDG_DATA_HOME: nothing printed"
run sh -c 'cd "$1" && XDG_DATA_HOME=rel "$2"' sh "$T/cwd" "$TIP"
is_rc 0 "relative XDG_DATA_HOME: default pick still works"
ok_if "relative XDG_DATA_HOME: a tip of data/tips" is_tip

# An absolute XDG_DATA_HOME, and $HOME/.local/share in its absence.
mkdir -p "$T/xdg/rapport/tips" "$HOME/.local/share/rapport/tips"
printf 'FROM XDG\n%%\n' >"$T/xdg/rapport/tips/xdgcat"
printf 'FROM HOME\n%%\n' >"$HOME/.local/share/rapport/tips/homecat"
run env XDG_DATA_HOME="$T/xdg" "$TIP" xdgcat
is_out "FROM XDG" "XDG_DATA_HOME: its category is found"
run "$TIP" homecat
is_out "FROM HOME" "HOME/.local/share/rapport/tips: its category is found"
# Where a collection is installed, it is read as well.
installed=$(LC_ALL=C grep -aoE '/[[:alnum:]/._+-]*/rapport/tips' "$TIP_BIN" |
    head -n 1)
if [ -n "$installed" ] && [ ! -e "$installed" ]; then
	run "$TIP"
	is_out "FROM HOME" "a user collection replaces the built-in one"
else
	skip "a user collection replaces the built-in one" \
	    "a collection is installed"
fi
rm -rf "$HOME/.local"

# --- The built-in collection: nothing installed, nothing in the path.

mkdir -p "$T/empty-home"
run env HOME="$T/empty-home" "$TIP"
is_rc 0 "built-in: exit 0 with an empty HOME"
ok_if "built-in: a tip of data/tips" is_tip
no_err "built-in: nothing on stderr"

run env HOME="$T/empty-home" TIP_PATH="$T/no/such/dir" "$TIP"
is_rc 0 "built-in: exit 0 with TIP_PATH missing"
ok_if "built-in with TIP_PATH missing: a tip of data/tips" is_tip
no_err "built-in with TIP_PATH missing: nothing on stderr"

mkdir -p "$T/hollow"
: >"$T/hollow/nothing"
run env HOME="$T/empty-home" TIP_PATH="$T/hollow" "$TIP"
is_rc 0 "built-in: exit 0 when the path holds no record"
ok_if "built-in when the path holds no record: a tip of data/tips" is_tip

run env HOME="$T/empty-home" "$TIP" listening
is_rc 0 "built-in: a category by name"
ok_if "built-in category: a tip of data/tips/listening" \
    is_record "$top_srcdir/data/tips/listening"

# --- TIP_PATH, categories and path operands.

ok_if "TIP_PATH dir: only its tips, 20 seeds" \
    every_seed 20 'is_record "$T/col/a" "$T/col/b" "$T/col/c"' \
    env TIP_PATH="$T/col" "$TIP"

ok_if "TIP_PATH file: only its tips, 10 seeds" \
    every_seed 10 'is_record "$T/col/b"' env TIP_PATH="$T/col/b" "$TIP"

run env TIP_PATH="$T/col/b" "$TIP" b
is_rc 0 "TIP_PATH file: named as a category"
ok_if "TIP_PATH file as a category: a tip of it" is_record "$T/col/b"

run env TIP_PATH="::$T/nowhere:$T/col:" "$TIP" a
is_out "one" "TIP_PATH with empty and missing entries: a category found"

run env TIP_PATH="$T/col" "$TIP" a
is_out "one" "category by name: its tip"
no_err "category by name: nothing on stderr"

run env TIP_PATH="$T/col" "$TIP" nosuchcat
is_rc 2 "unknown category: exit 2"
no_out "unknown category: nothing on stdout"
like_err "nosuchcat" "unknown category: the message names it"

run sh -c 'cd "$1" && "$2" ./a' sh "$T/col" "$TIP"
is_out "one" "./file operand: its tip"

run "$TIP" "$T/col/a"
is_out "one" "absolute file operand: its tip"

ok_if "directory operand: only its tips, 10 seeds" \
    every_seed 10 'is_record "$T/col/a" "$T/col/b" "$T/col/c"' "$TIP" "$T/col"

run "$TIP" "$T/col/nofile"
is_rc 2 "missing file operand: exit 2"
like_err "nofile" "missing file operand: the message names it"

# --- -c and -f.

run env TIP_PATH="$T/col" "$TIP" -c a
is_rc 0 "-c: exit 0"
ok_if "-c: (name), % and the tip" out_is '(a)\n%%\none\n'

run "$TIP" -c --seed 7
cat_c=$(sed -n '1s/^(\(.*\))$/\1/p' "$OUT")
sed 1,2d "$OUT" >"$T/c-tip"
ok_if "-c default: the first line names a shipped category" \
    [ -n "$cat_c" -a -f "$top_srcdir/data/tips/$cat_c" ]
ok_if "-c default: the second line is %" [ "$(sed -n 2p "$OUT")" = "%" ]
cp "$T/c-tip" "$OUT"
ok_if "-c default: the tip belongs to that category" \
    is_record "$top_srcdir/data/tips/$cat_c"

run env TIP_PATH="$T/col" "$TIP" -f a b
is_rc 0 "-f: exit 0"
ok_if "-f: 1 and 3 records give 25% and 75%" \
    out_is ' 25.00%% a\n 75.00%% b\n'
no_err "-f: nothing on stderr"

run env TIP_PATH="$T/col" "$TIP" -f -e a b
ok_if "-f -e: equal chances" out_is ' 50.00%% a\n 50.00%% b\n'

run env TIP_PATH="$T/col" "$TIP" -f
ok_if "-f default over TIP_PATH: 1, 3 and 1 records" \
    out_is ' 20.00%% a\n 60.00%% b\n 20.00%% c\n'

run "$TIP" -f "$T/col"
ok_if "-f directory: the directory, then each file" \
    out_is "100.00%% $T/col\n     20.00%% a\n     60.00%% b\n     20.00%% c\n"

run "$TIP" -f
is_rc 0 "-f default collection: exit 0"
ok_if "-f default collection: the chances add up to 100" \
    awk '{ s += $1 } END { exit !(s > 99.9 && s < 100.1) }' "$OUT"
tip_counts >"$T/counts"
ok_if "-f default collection: each chance is its share of records" \
    awk 'NR == FNR { n[$1] = $2; t += $2; next }
	{ sub(/%$/, "", $1); if (!($2 in n)) exit 1; seen++
	  d = $1 - 100 * n[$2] / t; if (d > 0.006 || d < -0.006) exit 1 }
	END { exit seen != length(n) }' "$T/counts" "$OUT"

run env TIP_PATH="$T/col" "$TIP" -f 30% a b
is_rc 0 "-f 30% a b: exit 0"
ok_if "-f 30% a b: 30% and 70%" out_is ' 30.00%% a\n 70.00%% b\n'

run env TIP_PATH="$T/col" "$TIP" -f 30%a b
ok_if "-f 30%a b: the weight glued to the name" \
    out_is ' 30.00%% a\n 70.00%% b\n'

run env TIP_PATH="$T/col" "$TIP" -f 60% a 30% b 10% c
ok_if "-f 60% a 30% b 10% c: as given" \
    out_is ' 60.00%% a\n 30.00%% b\n 10.00%% c\n'

for args in "150% a" "60% a 50% b" "50% a" "100% a b" "30%"; do
	run env TIP_PATH="$T/col" "$TIP" $args
	is_rc 2 "weights $args: exit 2"
	no_out "weights $args: nothing on stdout"
	ok_if "weights $args: one line on stderr" \
	    [ "$(wc -l <"$ERR")" -eq 1 -a -s "$ERR" ]
done

# fortune-mod 3.26 fails on this one ("no place to put residual
# probability"); it must work and follow the weights.
run env TIP_PATH="$T/col" "$TIP" 60% a 30% b 10% c
is_rc 0 "60% a 30% b 10% c: exit 0"
na=0 nb=0 nc=0 other=0
for s in $(seqn 1 300); do
	case $(TIP_PATH="$T/col" "$TIP" --seed "$s" 60% a 30% b 10% c) in
	one) na=$((na + 1)) ;;
	two|three|four) nb=$((nb + 1)) ;;
	five) nc=$((nc + 1)) ;;
	*) other=$((other + 1)) ;;
	esac
done
ok_if "60/30/10 over 300 seeds: a $na of ~180" \
    [ "$na" -ge 145 -a "$na" -le 215 ]
ok_if "60/30/10 over 300 seeds: b $nb of ~90" \
    [ "$nb" -ge 60 -a "$nb" -le 120 ]
ok_if "60/30/10 over 300 seeds: c $nc of ~30" \
    [ "$nc" -ge 12 -a "$nc" -le 50 ]
ok_if "60/30/10 over 300 seeds: nothing else" [ "$other" -eq 0 ]

# --- -m.

run env TIP_PATH="$T/col" "$TIP" -m o
is_rc 0 "-m: exit 0 on a match"
ok_if "-m: every match, a % after each, a %% (name) header per file" \
    out_is '%%%% (a)\none\n%%\n%%%% (b)\ntwo\n%%\nfour\n%%\n'
no_err "-m: nothing on stderr"

run env TIP_PATH="$T/col" "$TIP" -m zzz
is_rc 1 "-m no match: exit 1"
no_out "-m no match: nothing on stdout"

run env TIP_PATH="$T/col" "$TIP" -m O
is_rc 1 "-m is case-sensitive"
run env TIP_PATH="$T/col" "$TIP" -i -m O
is_rc 0 "-i -m: case-insensitive, exit 0"
ok_if "-i -m: the same matches as -m o" \
    out_is '%%%% (a)\none\n%%\n%%%% (b)\ntwo\n%%\nfour\n%%\n'

run env TIP_PATH="$T/col" "$TIP" -m 'thr|fi(v|x)e'
ok_if "-m: an extended regular expression" \
    out_is '%%%% (b)\nthree\n%%\n%%%% (c)\nfive\n%%\n'

# ^ and $ anchor at line ends, as in grep and fortune -m, which matches
# line by line.
printf 'first line\nsecond\n%%\nalpha\nbeta\n%%\n' >"$T/lines"
run "$TIP" -m '^second$' "$T/lines"
is_rc 0 "-m '^second\$': exit 0"
ok_if "-m '^second\$': ^ and \$ match at the ends of an inner line" \
    out_is '%%%% (lines)\nfirst line\nsecond\n%%\n'
run "$TIP" -m 'line$' "$T/lines"
ok_if "-m 'line\$': \$ matches at the end of a line" \
    out_is '%%%% (lines)\nfirst line\nsecond\n%%\n'
run "$TIP" -m '^beta' "$T/lines"
ok_if "-m '^beta': ^ matches at the start of a line" \
    out_is '%%%% (lines)\nalpha\nbeta\n%%\n'

# A phrase across a wrap is found: -m matches a tip's lines joined into
# paragraphs too, and the tip is printed as the file has it.
printf 'Greet them at the door\nas if you missed them.\n\nThen\nlisten.\n%%\nalpha\n%%\n' \
    >"$T/wrapped"
run "$TIP" -m 'the door as if' "$T/wrapped"
is_rc 0 "-m across a wrap: exit 0"
ok_if "-m across a wrap: the tip as the file has it" out_is \
    '%%%% (wrapped)\nGreet them at the door\nas if you missed them.\n\nThen\nlisten.\n%%\n'
run "$TIP" -i -m 'DOOR AS' "$T/wrapped"
is_rc 0 "-i -m across a wrap: exit 0"
run "$TIP" -m 'door.as' "$T/wrapped"
is_rc 0 "-m across a wrap, a dot for the break: exit 0"
run "$TIP" -m 'door$' "$T/wrapped"
is_rc 0 "-m 'door\$': still line by line, as fortune -m"
run "$TIP" -m 'them. Then' "$T/wrapped"
is_rc 1 "-m across a blank line: no match, paragraphs stay apart"

run env TIP_PATH="$T/col" "$TIP" -s -n 4 -m .
ok_if "-m with -s -n 4: only the short tips" out_is \
    '%%%% (a)\none\n%%\n%%%% (b)\ntwo\n%%\nfour\n%%\n%%%% (c)\nfive\n%%\n'

run env TIP_PATH="$T/col" "$TIP" -m '('
is_rc 2 "-m invalid regex: exit 2"
no_out "-m invalid regex: nothing on stdout"
like_err '\(' "-m invalid regex: a message naming the pattern"

# The output of -m is itself a collection.
run env TIP_PATH="$T/col" "$TIP" -m .
cp "$OUT" "$T/m1"
mkdir -p "$T/mdir"
cp "$OUT" "$T/mdir/matches"
grep -v '^%% ' "$T/m1" >"$T/m1.recs"
run "$TIP" -m . "$T/mdir/matches"
is_rc 0 "-m output read back as a file: exit 0"
grep -v '^%% ' "$OUT" >"$T/m2.recs"
ok_if "-m output read back as a file: the same records" \
    cmp -s "$T/m1.recs" "$T/m2.recs"
ok_if "-m output read back as a file: one %% (matches) header" \
    [ "$(grep -c '^%% ' "$OUT")" -eq 1 -a \
    "$(head -n 1 "$OUT")" = "%% (matches)" ]
run env TIP_PATH="$T/mdir" "$TIP" -m .
grep -v '^%% ' "$OUT" >"$T/m3.recs"
ok_if "-m output read back through TIP_PATH: the same records" \
    cmp -s "$T/m1.recs" "$T/m3.recs"
ok_if "-m output picked from: only real tips, no header, 15 seeds" \
    every_seed 15 'is_record "$T/col/a" "$T/col/b" "$T/col/c"' \
    "$TIP" "$T/mdir/matches"

# --- --seed and --daily.

run "$TIP" --seed 42
cp "$OUT" "$T/s1"
run "$TIP" --seed 42
ok_if "--seed 42: the same tip twice" cmp -s "$T/s1" "$OUT"
ok_if "--seed 42: a tip of data/tips" is_tip
run "$TIP" --seed=42
ok_if "--seed=42: the same tip" cmp -s "$T/s1" "$OUT"
differ=0
for s in $(seqn 1 20); do
	"$TIP" --seed "$s" >"$T/s2"
	cmp -s "$T/s1" "$T/s2" || differ=1
done
ok_if "--seed: other seeds give other tips" [ "$differ" -eq 1 ]

# A seed is a word, as prompt's.
run "$TIP" --seed ourword
is_rc 0 "--seed ourword: exit 0"
ok_if "--seed ourword: a tip of data/tips" is_tip
cp "$OUT" "$T/s3"
run "$TIP" --seed ourword
ok_if "--seed ourword: the same tip twice" cmp -s "$T/s3" "$OUT"
run "$TIP" --daily 2026-11-25 --seed ourword
is_rc 0 "--daily --seed ourword: exit 0"
ok_if "--daily --seed ourword: a tip of data/tips" is_tip

run "$TIP" --daily 2026-11-25
is_rc 0 "--daily DATE: exit 0"
ok_if "--daily DATE: a tip of data/tips" is_tip
cp "$OUT" "$T/d1"
run "$TIP" --daily 2026-11-25
ok_if "--daily DATE: the same tip again" cmp -s "$T/d1" "$OUT"
run "$TIP" --daily=2026-11-25
ok_if "--daily=DATE: the same tip as --daily DATE" cmp -s "$T/d1" "$OUT"
differ=0
for d in 01 02 03 04 05 06 07 08 09 10 11 12 13 14 15 16 17 18 19 20; do
	"$TIP" --daily "2026-12-$d" >"$T/d2"
	cmp -s "$T/d1" "$T/d2" || differ=1
done
ok_if "--daily: other dates give other tips" [ "$differ" -eq 1 ]
today=$(date +%Y-%m-%d)
run "$TIP" --daily
cp "$OUT" "$T/d3"
run "$TIP" --daily "$today"
[ "$(date +%Y-%m-%d)" = "$today" ] &&
    ok_if "--daily: today's tip is that of today's date" cmp -s "$T/d3" "$OUT"
run env TIP_PATH="$T/col" "$TIP" --daily 30% a b
is_rc 0 "--daily followed by a weight: the weight is an operand"

for d in 2026-02-30 2026-1-1 2026-13-01 20261125; do
	run "$TIP" --daily "$d"
	is_rc 2 "--daily $d: exit 2"
	like_err "$d" "--daily $d: a message naming it"
done
run "$TIP" --daily=tomorrow
is_rc 2 "--daily=tomorrow: exit 2"
like_err "tomorrow" "--daily=tomorrow: a message naming it"
run "$TIP" --daily tomorrow
is_rc 2 "--daily tomorrow: exit 2"

# --- -s, -l and -n: display columns, not bytes.

x200=$(awk 'BEGIN { while (n++ < 200) printf "x" }')
printf '0123456789\n%%\n%s\n%%\n' "$x200" >"$T/w"
love=$(awk 'BEGIN { while (n++ < 100) printf "\346\204\233" }')
printf '0123456789\n%%\n%s\n%%\n' "$love" >"$T/cjk"

ok_if "-s -n 150: only the 10-column tip, 20 seeds" \
    every_seed 20 "out_is '0123456789\\n'" "$TIP" -s -n 150 "$T/w"

ok_if "-l -n 150: only the 200-column tip, 20 seeds" \
    every_seed 20 'out_is "$x200\n"' "$TIP" -l -n 150 "$T/w"

ok_if "-l with the default length: only the 200-column tip" \
    every_seed 20 'out_is "$x200\n"' "$TIP" -l "$T/w"

ok_if "-s -n 199: 100 CJK characters count 200 columns" \
    every_seed 20 "out_is '0123456789\\n'" "$TIP" -s -n 199 "$T/cjk"

seen=0
for s in $(seqn 1 40); do
	run "$TIP" -s -n 200 --seed "$s" "$T/cjk"
	out_is "$love\n" && seen=1
done
ok_if "-s -n 200: 100 CJK characters fit (not 300 bytes)" [ "$seen" -eq 1 ]

ok_if "-l -n 199: only the CJK tip" \
    every_seed 10 'out_is "$love\n"' "$TIP" -l -n 199 "$T/cjk"

run timeout $((5 * SLOW)) "$TIP" -l -n 200 "$T/cjk"
is_rc 1 "-l -n 200: nothing longer than 200 columns, exit 1"

run timeout $((5 * SLOW)) "$TIP" -l -n 100000
is_rc 1 "-l -n 100000: exit 1, quickly"
no_out "-l -n 100000: nothing on stdout"
like_err "100000" "-l -n 100000: a message"

run timeout $((5 * SLOW)) "$TIP" -s -n 5 "$T/w"
is_rc 1 "-s -n 5: nothing that short, exit 1"
like_err "." "-s -n 5: a message"

for n in 0 abc 99999999999 -3; do
	run "$TIP" -n "$n"
	is_rc 2 "-n $n: exit 2"
	no_out "-n $n: nothing on stdout"
	like_err "length" "-n $n: a message"
done

run "$TIP" -l -s
is_rc 2 "-l -s: exit 2"
no_out "-l -s: nothing on stdout"
like_err "." "-l -s: a message"

# --- -w: the tip comes first, then the wait.

# Under valgrind, four seconds: still less than the shortest wait, 6.
run timeout $((SLOW + 1)) "$TIP" -w "$T/col/a"
is_rc 124 "-w: still waiting after $((SLOW + 1)) seconds"
is_out "one" "-w: the tip printed before the wait"
run timeout $((2 * SLOW)) "$TIP" "$T/col/a"
is_rc 0 "without -w: no wait"

# --- -h, -V and bad options.

run "$TIP" -h
is_rc 0 "-h: exit 0"
like_out "^usage: " "-h: usage on stdout"
no_err "-h: nothing on stderr"
run "$TIP" --help
is_rc 0 "--help: exit 0"
like_out "^usage: " "--help: usage on stdout"

run "$TIP" -V
is_rc 0 "-V: exit 0"
like_out "^tip .*[0-9]+\.[0-9]+" "-V: a version"
no_err "-V: nothing on stderr"

run "$TIP" -Z
is_rc 2 "unknown option: exit 2"
no_out "unknown option: nothing on stdout"
like_err "^usage: " "unknown option: usage on stderr"

run "$TIP" --no-such-option
is_rc 2 "unknown long option: exit 2"
like_err "^usage: " "unknown long option: usage on stderr"

# --- Bad input.

: >"$T/empty"
run "$TIP" "$T/empty"
is_rc 1 "empty file: exit 1"
no_out "empty file: nothing on stdout"
like_err "." "empty file: a message"

mkdir -p "$T/nodir"
printf '%%\n%%\n' >"$T/nodir/delims"
: >"$T/nodir/empty"
run "$TIP" "$T/nodir"
is_rc 1 "directory with no records: exit 1"
no_out "directory with no records: nothing on stdout"

printf 'alpha\n%%\nbeta\n' >"$T/nofinal"
pick_two "$T/nofinal" 'alpha\n' 'beta\n'
ok_if "no final %: only alpha or beta" [ "$bad" -eq 0 ]
ok_if "no final %: the last record is a tip too" [ "$n2" -gt 0 -a "$n1" -gt 0 ]
printf 'alpha\n%%\nbeta' >"$T/nonl"
run "$TIP" -m beta "$T/nonl"
ok_if "no final newline: the record ends with one" \
    out_is '%%%% (nonl)\nbeta\n%%\n'

printf 'one\r\ntwo\r\n%%\r\nthree\r\n%%\r\n' >"$T/crlf"
pick_two "$T/crlf" 'one\r\ntwo\r\n' 'three\r\n'
ok_if "CRLF: records split at %\\r, bytes unchanged in a pipe" \
    [ "$bad" -eq 0 -a "$n1" -gt 0 -a "$n2" -gt 0 ]

awk 'BEGIN { while (n++ < 1048576 / 64) printf "%063d\n", n }' >"$T/mb.want"
x1m=$(awk 'BEGIN { s = "abcdefghijklmnopqrstuvwxyz0123456789"
	s = s "abcdefghijklmnopqrstuvwxyz01"
	while (n++ < 16384) printf "%s", s }')
printf '%s\n' "$x1m" >>"$T/mb.want"
{ cat "$T/mb.want"; printf '%%\n'; } >"$T/mb"
run "$TIP" "$T/mb"
is_rc 0 "1 MB record: exit 0"
ok_if "1 MB record: printed whole, byte for byte" cmp -s "$T/mb.want" "$OUT"
run "$TIP" -m 'yz01a' "$T/mb"
ok_if "1 MB record with a 1 MB line: -m finds it" \
    [ "$RC" -eq 0 -a "$(wc -c <"$OUT")" -eq $(($(wc -c <"$T/mb.want") + 10)) ]

printf 'nul\000inside\n%%\n' >"$T/nul"
run "$TIP" "$T/nul"
is_rc 0 "NUL bytes: exit 0"
ok_if "NUL bytes: passed through into a pipe" out_is 'nul\000inside\n'

printf 'bad \377\376 utf-8 \300\257 \355\240\200 end\n%%\n' >"$T/badutf"
run "$TIP" "$T/badutf"
is_rc 0 "invalid UTF-8: exit 0"
ok_if "invalid UTF-8: passed through byte for byte" \
    out_is 'bad \377\376 utf-8 \300\257 \355\240\200 end\n'

{
	printf '%%%% a comment before the first tip\nfirst\n%%%% inside\n'
	printf 'second line\n%%\n%%%% only a comment\n%%\nthird\n%%\n'
} >"$T/comments"
pick_two "$T/comments" 'first\nsecond line\n' 'third\n'
ok_if "%% comments: never printed, no empty tip, 20 seeds" \
    [ "$bad" -eq 0 -a "$n1" -gt 0 -a "$n2" -gt 0 ]
run "$TIP" -m . "$T/comments"
ok_if "%% comments: -m lists the two real tips" \
    out_is '%%%% (comments)\nfirst\nsecond line\n%%\nthird\n%%\n'

# Indexes are consulted for files of 64 KiB and more: make one of about
# 120 KiB, 2000 tips, each a line of its own.
mkdir -p "$T/big"
awk 'BEGIN { for (i = 1; i <= 2000; i++) {
	printf "tip number %05d, padded out to make a file of ", i
	print "some size."
	print "%" } }' >"$T/big/big"

# big_ok DESC: 20 seeded picks from the big file are all its records.
big_ok() {
	_bad=0
	for _s in $(seqn 1 20); do
		run "$TIP" --seed "$_s" "$T/big/big"
		[ "$RC" -eq 0 ] && is_record "$T/big/big" || _bad=1
	done
	ok_if "$1" [ "$_bad" -eq 0 ]
}

"$TIP" --index -s "$T/big/big"
big_ok "big file with a good index: its records"

# Offsets 1 to 40 pointing far past the end of the text.
{
	head -c 28 "$T/big/big.dat"
	awk 'BEGIN { for (i = 0; i < 40; i++) printf "\377\377\377\000" }'
	tail -c +189 "$T/big/big.dat"
} >"$T/big/dat.tmp"
mv "$T/big/dat.tmp" "$T/big/big.dat"
big_ok "index with offsets past the end: only real records"

head -c 100 "$T/big/big.dat" >"$T/big/dat.tmp"
mv "$T/big/dat.tmp" "$T/big/big.dat"
big_ok "truncated index: only real records"

# An index that claims 5000 strings for a text of 2000.
"$TIP" --index -s "$T/big/big"
{
	head -c 4 "$T/big/big.dat"
	printf '\000\000\023\210'
	tail -c +9 "$T/big/big.dat"
} >"$T/big/dat.tmp"
mv "$T/big/dat.tmp" "$T/big/big.dat"
big_ok "index with a wrong count: only real records"

# A stale index: the text edited after indexing, its size changed.
"$TIP" --index -s "$T/big/big"
awk 'NR == 1 { print "an edited first tip, longer than it used to be"; next }
	{ print }' "$T/big/big" >"$T/big/text.tmp"
mv "$T/big/text.tmp" "$T/big/big"
touch -d '1 minute ago' "$T/big/big.dat"
big_ok "stale index, text grown: only real records"

# The same size, but the delimiters moved, and the index newer.
"$TIP" --index -s "$T/big/big"
awk '{ if ($0 == "%" && NR % 4 == 0) print "-"; else print }' "$T/big/big" \
    >"$T/big/text.tmp"
mv "$T/big/text.tmp" "$T/big/big"
touch -d '1 minute ago' "$T/big/big"
big_ok "stale index, same size, delimiters moved: only real records"

# An unreadable file, as a user who cannot read it.
mkdir -p "$T/pub"
chmod 755 "$T/pub"
printf 'secret\n%%\n' >"$T/pub/secret"
chmod 000 "$T/pub/secret"
# And one in a directory, between two that can be read.
mkdir -p "$T/pub/dir"
printf 'a secret before\n%%\n' >"$T/pub/dir/a"
printf 'b secret\n%%\n' >"$T/pub/dir/b"
printf 'c secret after\n%%\n' >"$T/pub/dir/c"
chmod 755 "$T/pub/dir"
chmod 644 "$T/pub/dir/a" "$T/pub/dir/c"
chmod 000 "$T/pub/dir/b"
# Root reads everything: as root, nobody runs the test.
nobody_setup "$TIP_BIN"
asuser=$AS
[ "$(id -u)" -eq 0 ] || asuser=env
if [ -n "$asuser" ]; then
	run $asuser "$T/nb/tip" "$T/pub/secret"
	is_rc 2 "unreadable file: exit 2"
	no_out "unreadable file: nothing on stdout"
	like_err "$T/pub/secret" "unreadable file: the message names it"
	run $asuser "$T/nb/tip" -m . "$T/pub/secret"
	is_rc 2 "unreadable file with -m: exit 2"
	like_err "$T/pub/secret" "unreadable file with -m: the message names it"
	run $asuser "$T/nb/tip" -m secret "$T/pub/dir"
	is_rc 2 "unreadable file in a directory with -m: exit 2"
	want='%%%% (a)\na secret before\n%%\n%%%% (c)\nc secret after\n%%\n'
	ok_if "unreadable file in a directory with -m: the others' matches" \
	    out_is "$want"
	like_err "$T/pub/dir/b: Permission denied" \
	    "unreadable file in a directory with -m: the message names it"
else
	for d in "unreadable file: exit 2" \
	    "unreadable file: nothing on stdout" \
	    "unreadable file: the message names it" \
	    "unreadable file with -m: exit 2" \
	    "unreadable file with -m: the message names it" \
	    "unreadable file in a directory with -m: exit 2" \
	    "unreadable file in a directory with -m: the others' matches" \
	    "unreadable file in a directory with -m: the message names it"; do
		skip "$d" "neither setpriv nor runuser"
	done
fi
chmod 700 "$T"

# --- Terminal safety.

printf 'bell\033[31mred\010X\n%%\n' >"$T/ctl"
run "$TIP" "$T/ctl"
ok_if "pipe: ESC and backspace pass through unchanged" \
    out_is 'bell\033[31mred\010X\n'

printf 'caf\303\251 \346\204\233 \342\200\224 ok\n%%\n' >"$T/utf"
run env -u LANG LC_ALL=C "$TIP" "$T/utf"
ok_if "pipe, LANG unset, LC_ALL=C: UTF-8 byte for byte" \
    out_is 'caf\303\251 \346\204\233 \342\200\224 ok\n'

# A category is a file, whose name may hold any byte: on a terminal
# --list-categories shows its control characters instead of sending them,
# as tip does for tips; through a pipe it passes the name on unchanged,
# for completions.
odd=$(printf 'odd\033[31mname')
mkdir -p "$T/esc"
printf 'A tip with an odd name.\n%%\n' >"$T/esc/$odd"
run env TIP_PATH="$T/esc" "$TIP" --list-categories
ok_if "--list-categories to a pipe: an ESC in a name passed on" \
    [ "$(cat "$OUT")" = "$odd" ]

if command -v script >/dev/null 2>&1 &&
    script -qec true /dev/null </dev/null >/dev/null 2>&1; then
	run env TIP_PATH="$T/esc" script -qec "\"$TIP\" --list-categories" \
	    /dev/null
	ok_if "--list-categories on a terminal: an ESC in a name shown as ^[" \
	    grep -qF 'odd^[[31mname' "$OUT"
	ok_if "--list-categories on a terminal: no raw ESC" no_raw_ctl
	run script -qec "\"$TIP\" \"$T/ctl\"" /dev/null
	ok_if "terminal: ESC shown as ^[" grep -qF '^[[31mred' "$OUT"
	ok_if "terminal: backspace shown as ^H" grep -qF 'red^HX' "$OUT"
	ok_if "terminal: no raw ESC or backspace byte" no_raw_ctl
	run script -qec "env -u LANG LC_ALL=C \"$TIP\" \"$T/utf\"" /dev/null
	ok_if "terminal, LC_ALL=C: UTF-8 byte for byte" grep -q \
	    "$(printf 'caf\303\251 \346\204\233 \342\200\224 ok')" "$OUT"
else
	for d in "--list-categories on a terminal: an ESC in a name shown as ^[" \
	    "--list-categories on a terminal: no raw ESC" \
	    "terminal: ESC shown as ^[" "terminal: backspace shown as ^H" \
	    "terminal: no raw ESC or backspace byte" \
	    "terminal, LC_ALL=C: UTF-8 byte for byte"; do
		skip "$d" "no script(1) giving a pty"
	done
fi

# --- Write errors.

if [ -w /dev/full ]; then
	for args in "" "-f" "-m a" "-c" "-h" "-V" "$T/mb"; do
		case $args in
		"") what=tip ;;
		"$T/mb") what="tip (a 1 MB tip)" ;;
		*) what="tip $args" ;;
		esac
		"$TIP" $args >/dev/full 2>"$ERR"
		RC=$?
		is_rc 2 "$what >/dev/full: exit 2"
		like_err "stdout: No space left on device" \
		    "$what >/dev/full: the error on stderr"
	done
fi

finish
