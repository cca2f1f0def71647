# lib.sh: sourced by the shell tests.  Each check prints one TAP line;
# finish prints the plan.  The commands run from the build tree.
#
#	run [command ...]	run with stdin from /dev/null, keeping
#				stdout in $OUT, stderr in $ERR, status in $RC
#	run_stdin text command	the same, with text on stdin
#	is_rc N desc		the status was N
#	is_out text desc	stdout was exactly text plus a newline
#	like_out ERE desc	a line of stdout matches
#	unlike_out ERE desc	no line of stdout matches
#	like_err ERE desc	a line of stderr matches
#	no_err desc		stderr was empty
#	no_out desc		stdout was empty
#	ok_if desc command	the command succeeds
#	skip desc reason	a test that cannot run here, counted as passed
#	skip_all reason		skip the whole script
#	install_cmd BIN DEST	a copy of command BIN at DEST, for another
#				user to run (under valgrind if it is on)
#
# The commands are $TIP, $PROMPT, $JOURNAL and $SCORE, and $CMDDIR holds
# them by name, for PATH; $TIP_BIN and the like are the binaries
# themselves, for what reads their bytes.  With RAPPORT_VALGRIND set (to
# 1 or to the valgrind to run), each of the four is a script in $T/vgbin
# that runs the binary under valgrind memcheck: an error or a definitely
# lost block makes the command exit 97 and leaves a log in
# RAPPORT_VALGRIND_LOGS (or $T/valgrind), and finish adds a test that
# every log is empty.  $SLOW is then 3, not 1: tests with a time limit
# multiply it by $SLOW.

: "${top_builddir:=.}"
: "${top_srcdir:=.}"
top_builddir=$(cd "$top_builddir" && pwd)
top_srcdir=$(cd "$top_srcdir" && pwd)
TIP_BIN=$top_builddir/cmd/tip
PROMPT_BIN=$top_builddir/cmd/prompt
JOURNAL_BIN=$top_builddir/cmd/journal
SCORE_BIN=$top_builddir/cmd/score
TIP=$TIP_BIN
PROMPT=$PROMPT_BIN
JOURNAL=$JOURNAL_BIN
SCORE=$SCORE_BIN
CMDDIR=$top_builddir/cmd
SLOW=1
export LC_ALL=C.UTF-8
unset TIP_PATH XDG_DATA_HOME XDG_STATE_HOME XDG_CONFIG_HOME NO_COLOR

T=$(mktemp -d "${TMPDIR:-/tmp}/rapport-test.XXXXXX") || exit 99
trap 'rm -rf "$T"' EXIT

# sq WORD: WORD quoted for sh.
sq() {
	printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"
}

VG=
VG_LOGS=
if [ -n "${RAPPORT_VALGRIND:-}" ]; then
	case $RAPPORT_VALGRIND in
	1|yes) VG=$(command -v valgrind) ;;
	*) VG=$(command -v "$RAPPORT_VALGRIND") ;;
	esac
	if [ -z "$VG" ]; then
		echo "Bail out! RAPPORT_VALGRIND is set, no valgrind found"
		exit 99
	fi
	VG_LOGS=${RAPPORT_VALGRIND_LOGS:-$T/valgrind}/${0##*/}
	VG_LOGS=${VG_LOGS%.sh}
	rm -rf "$VG_LOGS"
	mkdir -p "$VG_LOGS" "$T/vgbin" || exit 99
	CMDDIR=$T/vgbin
	SLOW=3
fi

# vg_wrap BIN SCRIPT: SCRIPT runs BIN under valgrind, with its own
# argv[0], so that messages still start with the program's name.  The
# paths are written into it, for env -i.  With stdin, stdout or stderr
# closed, the log is opened on fd 9 first: valgrind would open it on the
# closed one, and the command would write its output into the log.
# Another user who may not write the log directory gets valgrind's
# report on stderr instead.
vg_wrap() {
	_name=${1##*/}
	{
		echo '#!/bin/sh'
		echo "logs=$(sq "$VG_LOGS")"
		echo 'if [ ! -w "$logs" ]; then'
		echo '	log=--log-fd=2'
		echo 'elif { true 3<&0 3>&1; } 2>/dev/null && true 3>&2; then'
		echo "	log=--log-file=\$logs/$_name.%p"
		echo 'else'
		echo "	exec 9>\"\$logs/$_name.\$\$\""
		echo '	log=--log-fd=9'
		echo 'fi'
		echo "exec $(sq "$VG") -q --tool=memcheck --error-exitcode=97" \
		    "--leak-check=full --show-leak-kinds=definite" \
		    "--errors-for-leak-kinds=definite --track-fds=no" \
		    "--suppressions=$(sq "$T/vgbin/valgrind.supp")" \
		    "${RAPPORT_VALGRIND_OPTS:-} \"\$log\" $(sq "$1") \"\$@\""
	} >"$2" && chmod 755 "$2"
}

# glibc 2.36 loses the copy of LOCPATH that newlocale(3) makes, whatever
# the caller does; hostile.sh sets LOCPATH.
if [ -n "$VG" ]; then
	cat >"$T/vgbin/valgrind.supp" <<'EOF'
{
   glibc newlocale loses its copy of LOCPATH
   Memcheck:Leak
   match-leak-kinds: definite
   fun:realloc
   fun:*argz_add_sep
   fun:*newlocale
}
EOF
	chmod 755 "$T/vgbin"
	chmod 644 "$T/vgbin/valgrind.supp"
	for _c in TIP PROMPT JOURNAL SCORE; do
		eval "_b=\$${_c}_BIN"
		vg_wrap "$_b" "$T/vgbin/${_b##*/}" || exit 99
		eval "$_c=\$T/vgbin/\${_b##*/}"
	done
	# rapport runs the sibling beside it, here the wrapped one: it is
	# only copied, so that what it runs is what valgrind watches.
	cp "$top_builddir/cmd/rapport" "$T/vgbin/rapport" || exit 99
fi

install_cmd() {
	if [ -n "$VG" ]; then
		mkdir -p "$2.real" &&
		    cp "$1" "$2.real/${1##*/}" &&
		    chmod 755 "$2.real" "$2.real/${1##*/}" &&
		    vg_wrap "$2.real/${1##*/}" "$2"
	else
		cp "$1" "$2" && chmod 755 "$2"
	fi
}

# nobody_setup BIN...: copies of the BINs in $T/nb, which anyone may run,
# and where we are root, in AS the command that runs a command as nobody
# (setpriv, else runuser), tried on the first BIN with -V.  AS is empty
# where we are not root or neither works.  $T is left 0711, for nobody
# to reach $T/nb.
nobody_setup() {
	AS=
	chmod 711 "$T"
	mkdir -p "$T/nb"
	chmod 755 "$T/nb"
	for _b in "$@"; do
		install_cmd "$_b" "$T/nb/${_b##*/}"
	done
	[ "$(id -u)" -eq 0 ] || return 0
	_probe=$T/nb/${1##*/}
	if command -v setpriv >/dev/null 2>&1 && setpriv --reuid=nobody \
	    --regid=nogroup --clear-groups "$_probe" -V >/dev/null 2>&1
	then
		AS="setpriv --reuid=nobody --regid=nogroup --clear-groups"
	elif command -v runuser >/dev/null 2>&1 &&
	    runuser -u nobody -- "$_probe" -V >/dev/null 2>&1; then
		AS="runuser -u nobody --"
	fi
}

# A home of our own, so that no collection of the tester's is read.
HOME=$T/home
mkdir -p "$HOME"
export HOME

OUT=$T/stdout
ERR=$T/stderr
RC=0
tap_n=0

run() {
	"$@" >"$OUT" 2>"$ERR" </dev/null
	RC=$?
}

run_stdin() {
	_input=$1
	shift
	printf '%s' "$_input" | "$@" >"$OUT" 2>"$ERR"
	RC=$?
}

pass() {
	tap_n=$((tap_n + 1))
	echo "ok $tap_n - $1"
}

fail() {
	tap_n=$((tap_n + 1))
	echo "not ok $tap_n - $1"
	shift
	for _l in "$@"; do
		echo "# $_l"
	done
	[ -f "$OUT" ] || return 0
	echo "# status $RC; stdout:"
	head -c 2000 "$OUT" | awk '{ print "#   " $0 }'
	echo "# stderr:"
	head -c 2000 "$ERR" | awk '{ print "#   " $0 }'
}

is_rc() {
	if [ "$RC" -eq "$1" ]; then pass "$2"; else fail "$2" "expected status $1"; fi
}

is_out() {
	printf '%s\n' "$1" >"$T/want"
	if cmp -s "$T/want" "$OUT"; then pass "$2"; else fail "$2" "expected stdout: $1"; fi
}

like_out() {
	if grep -Eq -- "$1" "$OUT"; then pass "$2"; else fail "$2" "stdout should match /$1/"; fi
}

# grep exits 1 for no match, 2 for an error (a bad pattern, no $OUT),
# which must fail the test rather than pass it.
unlike_out() {
	grep -Eq -- "$1" "$OUT"
	case $? in
	0) fail "$2" "stdout should not match /$1/" ;;
	1) pass "$2" ;;
	*) fail "$2" "grep could not test /$1/" ;;
	esac
}

like_err() {
	if grep -Eq -- "$1" "$ERR"; then pass "$2"; else fail "$2" "stderr should match /$1/"; fi
}

no_err() {
	if [ -s "$ERR" ]; then fail "$1" "stderr should be empty"; else pass "$1"; fi
}

no_out() {
	if [ -s "$OUT" ]; then fail "$1" "stdout should be empty"; else pass "$1"; fi
}

ok_if() {
	_desc=$1
	shift
	if "$@"; then pass "$_desc"; else fail "$_desc" "failed: $*"; fi
}

skip() {
	tap_n=$((tap_n + 1))
	echo "ok $tap_n - $1 # SKIP $2"
}

skip_all() {
	echo "1..0 # SKIP $1"
	exit 0
}

# only_sealed FILE: the sealed version line, then only sealed records.
only_sealed() {
	[ "$(head -n 1 "$1")" = "%%journal 1 sealed" ] &&
	    ! tail -n +2 "$1" |
	    grep -v '^%%sealed [0-9a-f]\{16\} [0-9a-z]\{16\} [A-Za-z0-9+/]*$' |
	    grep -q .
}

# vg_check: under valgrind, one test that no command run left a report.
vg_check() {
	[ -n "$VG" ] || return 0
	_runs=$(ls "$VG_LOGS" | wc -l | tr -d ' ')
	_bad=$(find "$VG_LOGS" -type f -size +0 | wc -l | tr -d ' ')
	tap_n=$((tap_n + 1))
	if [ "$_bad" -eq 0 ]; then
		echo "ok $tap_n - valgrind: $_runs processes, no error, no leak"
		return 0
	fi
	echo "not ok $tap_n - valgrind: $_bad of $_runs processes reported"
	find "$VG_LOGS" -type f -size +0 | head -n 20 | while read -r _l; do
		echo "# $_l:"
		head -n 60 "$_l" | sed 's/^/#   /'
	done
}

finish() {
	vg_check
	echo "1..$tap_n"
}
