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
#	skip_all reason		skip the whole script

: "${top_builddir:=.}"
: "${top_srcdir:=.}"
top_builddir=$(cd "$top_builddir" && pwd)
top_srcdir=$(cd "$top_srcdir" && pwd)
TIP=$top_builddir/cmd/tip
export LC_ALL=C.UTF-8
unset TIP_PATH XDG_DATA_HOME XDG_STATE_HOME XDG_CONFIG_HOME NO_COLOR

T=$(mktemp -d "${TMPDIR:-/tmp}/rapport-test.XXXXXX") || exit 99
trap 'rm -rf "$T"' EXIT
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
	head -c 2000 "$OUT" | sed 's/^/#   /'
	echo "# stderr:"
	head -c 2000 "$ERR" | sed 's/^/#   /'
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

unlike_out() {
	if grep -Eq -- "$1" "$OUT"; then fail "$2" "stdout should not match /$1/"; else pass "$2"; fi
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

skip_all() {
	echo "1..0 # SKIP $1"
	exit 0
}

finish() {
	echo "1..$tap_n"
}
