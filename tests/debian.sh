#!/bin/sh
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
# debian.sh [-ru]: the Debian package, end to end, as .ci/run runs it (not
# part of make check: it installs a package).  From a clean copy of the
# source tree (the files git tracks, as they are on disk; with -u also the
# untracked files that .gitignore does not name, to try what is not yet
# committed) it builds the package with dpkg-buildpackage -us -uc -b,
# which runs make check on the way; runs lintian --pedantic as an
# unprivileged user and fails on any tag; installs the package with dpkg
# -i; runs each command from it as a user would; prints dpkg -c; and
# removes the package again, leaving the machine as it was.  A rapport
# package installed before the test is a failure, since the test would
# remove it, unless -r asks to remove it first (as .ci/run does: its
# machine may have been copied from one where a run was killed with the
# package installed).  Needs root
# (or sudo) for dpkg and for build-aux/deps.sh, which installs dpkg-dev,
# debhelper and lintian if they are missing.  Prints a PASS or FAIL line
# per check and ends with "N passed, N failed"; the exit status is 1 if
# anything failed.

set -u
untracked=
remove_first=no
while getopts ru opt; do
	case $opt in
	r)	remove_first=yes ;;
	u)	untracked=-o ;;
	*)	echo "usage: debian.sh [-ru]" >&2; exit 2 ;;
	esac
done
shift $((OPTIND - 1))
if [ $# -ne 0 ]; then
	echo "usage: debian.sh [-ru]" >&2
	exit 2
fi
top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/.." && pwd)}
top_srcdir=$(cd "$top_srcdir" && pwd)
passed=0
failed=0
pkg=rapport
cmds="tip prompt journal score"

pass() {
	passed=$((passed + 1))
	echo "PASS: $1"
}

fail() {
	failed=$((failed + 1))
	echo "FAIL: $1"
	shift
	for _l in "$@"; do
		echo "    $_l"
	done
}

# check DESC COMMAND...: one check of our own, its output kept for a
# failure.
check() {
	_desc=$1
	shift
	if "$@" >"$W/check.out" 2>&1; then
		pass "$_desc"
	else
		fail "$_desc" "failed: $*"
		sed 's/^/    | /' "$W/check.out" | head -n 20
	fi
}

finish() {
	echo
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
	exit
}

step() {
	printf '\n=== %s\n' "$*"
}

if [ "$(id -u)" -eq 0 ]; then
	sudo=
elif command -v sudo >/dev/null 2>&1; then
	sudo=sudo
else
	echo "debian.sh: dpkg -i needs root or sudo" >&2
	exit 1
fi

W=$(mktemp -d "${TMPDIR:-/tmp}/rapport-deb.XXXXXX") || exit 1
installed=no
cleanup() {
	if [ "$installed" = yes ]; then
		$sudo dpkg -r "$pkg" >/dev/null 2>&1
	fi
	rm -rf "$W"
}
trap cleanup EXIT
trap 'exit 1' HUP INT TERM
# lintian runs as nobody, who must reach the files it reads.
chmod 711 "$W"

# A test that replaced /dev/null would break every later one; note what
# it is now to see that it is the same at the end.
devnull_before=$(stat -c %F /dev/null)

step "tools"
check "dpkg-dev, debhelper and lintian are installed" \
    sh "$top_srcdir/build-aux/deps.sh" dpkg-dev debhelper lintian
# pkg_status: installed, config-files, not-installed and so on.
pkg_status() {
	_s=$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null)
	echo "${_s:-not-installed}"
}
if [ "$(pkg_status)" != not-installed ] && [ "$remove_first" = yes ]; then
	echo "note: removing the $pkg package installed before the test (-r)"
	$sudo dpkg -r "$pkg" >"$W/dpkg-r.out" 2>&1 ||
	    sed 's/^/    | /' "$W/dpkg-r.out"
fi
if [ "$(pkg_status)" != not-installed ]; then
	fail "$pkg is not installed before the test" \
	    "remove it first (dpkg -r $pkg, or debian.sh -r): the test would remove it"
	finish
fi
pass "$pkg is not installed before the test"

step "version"
version=$(sed -n 's/^AC_INIT(\[[^]]*\], *\[\([^]]*\)\].*/\1/p' \
    "$top_srcdir/configure.ac")
deb_version=$(dpkg-parsechangelog -l "$top_srcdir/debian/changelog" \
    -S Version 2>/dev/null)
if [ -n "$version" ] && [ "$version" = "$deb_version" ]; then
	pass "debian/changelog has configure.ac's version ($version)"
else
	fail "debian/changelog has configure.ac's version" \
	    "configure.ac: '$version', debian/changelog: '$deb_version'"
fi
[ -n "$deb_version" ] || finish

step "a clean copy of the tree"
src=$W/$pkg-$deb_version
mkdir -p "$src"
if git -C "$top_srcdir" rev-parse --is-inside-work-tree >/dev/null 2>&1
then
	# Built files in the tree are neither tracked nor all ignored, so
	# untracked files come only with -u.  A file deleted but still
	# tracked is left out.
	# shellcheck disable=SC2086
	(cd "$top_srcdir" && git ls-files -z -c $untracked --exclude-standard |
	    tar --null --ignore-failed-read -T - -cf - 2>/dev/null) |
	    tar -xf - -C "$src"
else
	cp -a "$top_srcdir/." "$src"
fi
# Tests that run a built command as nobody must reach it.
chmod 755 "$src"
if [ -f "$src/debian/rules" ]; then
	pass "the copy has debian/"
else
	fail "the copy has debian/" "commit debian/, or run debian.sh -u"
	finish
fi
check "the copy has no build products" sh -c \
    "[ ! -e '$src/config.status' ] && [ ! -e '$src/cmd/tip' ] &&
    [ ! -e '$src/debian/rapport' ]"

step "dpkg-buildpackage -us -uc -b"
(cd "$src" && dpkg-buildpackage -us -uc -b) >"$W/build.log" 2>&1 </dev/null
rc=$?
if [ "$rc" -eq 0 ]; then
	pass "dpkg-buildpackage -us -uc -b: exit 0"
else
	fail "dpkg-buildpackage -us -uc -b: exit $rc" \
	    "the log's failures and its last lines:"
	grep -E '^(FAIL|ERROR|XPASS):' "$W/build.log" | sort -u | head -n 20
	tail -n 30 "$W/build.log"
	finish
fi
# dh_auto_test ran make check; a DEB_BUILD_OPTIONS=nocheck would skip it.
summary=$(sed -n '/^# TOTAL:/,/^# ERROR:/p' "$W/build.log" | tr -s ' ' |
    tr '\n' ' ')
if printf '%s\n' "$summary" | grep -q '# TOTAL: [1-9]' &&
    printf '%s\n' "$summary" | grep -q '# FAIL: 0 .*# ERROR: 0'; then
	pass "make check ran during the build: $summary"
else
	fail "make check ran during the build" "summary: '$summary'"
fi
deb=$W/${pkg}_${deb_version}_$(dpkg --print-architecture).deb
changes=${deb%.deb}.changes
check "the .deb and the .changes are there" test -f "$deb" -a -f "$changes"
[ -f "$deb" ] || finish

step "lintian --pedantic -I -E, as an unprivileged user"
# lintian leaves files in its TMPDIR: one of ours, removed with $W.
lint=$W/lint
mkdir -p "$lint" "$W/lint-tmp"
cp "$W"/*.deb "$W"/*.changes "$W"/*.buildinfo "$lint"/
chmod 755 "$lint"
chmod 644 "$lint"/*
chmod 1777 "$W/lint-tmp"
as_user=
if [ "$(id -u)" -eq 0 ]; then
	as_user="runuser -u nobody --"
fi
(cd "$lint" && TMPDIR=$W/lint-tmp $as_user lintian --pedantic -I -E \
    "${changes##*/}") >"$W/lintian.out" 2>&1
rc=$?
echo "lintian output (empty when clean):"
sed 's/^/    /' "$W/lintian.out"
if [ "$rc" -eq 0 ] && [ ! -s "$W/lintian.out" ]; then
	pass "lintian: no tag, exit 0"
else
	fail "lintian: no tag, exit 0 (exit $rc)"
fi

step "dpkg -i"
$sudo dpkg -i "$deb" >"$W/dpkg-i.out" 2>&1
rc=$?
installed=yes
if [ "$rc" -eq 0 ]; then
	pass "dpkg -i: exit 0"
else
	fail "dpkg -i: exit $rc"
	sed 's/^/    | /' "$W/dpkg-i.out"
fi
echo "Depends: $(dpkg-deb -f "$deb" Depends)"

step "the installed commands"
# A user of our own: no collection, journal or history of the tester's.
H=$W/home
mkdir -p "$H"
chmod 755 "$H"
# run CMD...: the command as that user runs it, stdin from /dev/null.
run() {
	env -i HOME="$H" PATH=/usr/bin:/bin LANG=C.UTF-8 "$@" \
	    >"$W/out" 2>"$W/err" </dev/null
	RC=$?
}
for c in $cmds; do
	check "$c is /usr/bin/$c on the PATH" \
	    sh -c "[ \"\$(PATH=/usr/local/bin:/usr/bin:/bin command -v $c)\" = /usr/bin/$c ]"
done

run tip
check "tip: exit 0, a tip, nothing on stderr" \
    sh -c "[ $RC -eq 0 ] && [ -s '$W/out' ] && [ ! -s '$W/err' ]"

# The collection compiled into tip is used only when the search path holds
# no tip at all; with a category of the user's own, every installed
# category that tip -f lists was read from /usr/share/rapport/tips.
mkdir -p "$H/.local/share/rapport/tips" "$H/.local/share/rapport/prompts/zzown"
printf 'A tip of my own.\n%%\n' >"$H/.local/share/rapport/tips/zzown"
printf 'A question of my own?\n%%\n' >"$H/.local/share/rapport/prompts/zzown/1"
run tip -f
cp "$W/out" "$W/tip-f"
missing=
ninst=0
# intimacy is only picked when named, and -f lists what may be picked.
for f in "/usr/share/$pkg/tips"/*; do
	case $f in *.dat|*/\*|*/intimacy) continue ;; esac
	ninst=$((ninst + 1))
	awk -v c="${f##*/}" '$NF == c { found = 1 } END { exit !found }' \
	    "$W/tip-f" || missing="$missing ${f##*/}"
done
if [ "$RC" -eq 0 ] && [ "$ninst" -gt 0 ] && [ -z "$missing" ] &&
    grep -q ' zzown$' "$W/tip-f"; then
	pass "tip -f: the $ninst installed categories, read from disk, and the user's"
else
	fail "tip -f: the installed categories, read from disk, and the user's" \
	    "status $RC, $ninst installed, missing:${missing:-none}"
	sed 's/^/    | /' "$W/tip-f" "$W/err"
fi
for f in "/usr/share/$pkg/tips"/*; do
	case $f in *.dat|*/\*) continue ;; esac
	[ -f "$f.dat" ] || missing="$missing $f.dat"
done
check "tips: every category has its strfile index" [ -z "$missing" ]

run prompt
check "prompt: exit 0, a prompt, nothing on stderr" \
    sh -c "[ $RC -eq 0 ] && [ -s '$W/out' ] && [ ! -s '$W/err' ]"
run prompt -f
cp "$W/out" "$W/prompt-f"
missing=
ninst=0
for d in "/usr/share/$pkg/prompts"/*/; do
	[ -d "$d" ] || continue
	d=${d%/}
	ninst=$((ninst + 1))
	grep -q "^${d##*/} " "$W/prompt-f" || missing="$missing ${d##*/}"
done
if [ "$RC" -eq 0 ] && [ "$ninst" -gt 0 ] && [ -z "$missing" ] &&
    grep -q '^zzown ' "$W/prompt-f"; then
	pass "prompt -f: the $ninst installed categories, read from disk, and the user's"
else
	fail "prompt -f: the installed categories, read from disk, and the user's" \
	    "status $RC, $ninst installed, missing:${missing:-none}"
	sed 's/^/    | /' "$W/prompt-f" "$W/err"
fi
rm -rf "$H/.local/share/rapport"

# Each collection's .rapport-index (rapport-index(5)) is made by the
# postinst, not shipped: dpkg-deb dates every file alike and dpkg gives
# the directories the time of the installation, and a file or directory
# is read from the index only while strictly older than it.
check "the package ships no .rapport-index" \
    sh -c "! dpkg -c '$deb' | grep -F .rapport-index"
for c in tips prompts; do
	d=/usr/share/$pkg/$c
	# The directory itself, which the index is renamed into, is newer;
	# it is listed from the disk in any case.
	check "$c: the postinst made .rapport-index, and nothing in it is newer" \
	    sh -c "[ -f '$d/.rapport-index' ] &&
	    ! find '$d' -mindepth 1 ! -name .rapport-index \
	    -newer '$d/.rapport-index' | grep ."
done
# And so tip and prompt, choosing among every category, open the index
# and not one collection file or category directory.
if command -v strace >/dev/null 2>&1; then
	for c in tip:tips prompt:prompts; do
		d=/usr/share/$pkg/${c#*:}
		run strace -f -e trace=open,openat -o "$W/trace" "${c%%:*}"
		grep -F "\"$d/" "$W/trace" |
		    grep -v -F "\"$d/.rapport-index\"" >"$W/files"
		check "${c%%:*}: reads $d/.rapport-index, no file or directory in $d" \
		    sh -c "[ $RC -eq 0 ] && [ ! -s '$W/files' ] &&
		    grep -q -F '\"$d/.rapport-index\"' '$W/trace' ||
		    { cat '$W/files'; exit 1; }"
	done
else
	echo "SKIP: strace is not installed"
fi

J=$W/home/journal
run env JOURNAL_FILE="$J" journal -t debian "Installed from the package"
check "journal (JOURNAL_FILE): exit 0, nothing printed" \
    sh -c "[ $RC -eq 0 ] && [ ! -s '$W/err' ]"
check "journal: the journal file is private (0600)" \
    sh -c "[ \"\$(stat -c %a '$J')\" = 600 ]"
run env JOURNAL_FILE="$J" journal list
check "journal list: shows the entry" \
    sh -c "[ $RC -eq 0 ] && grep -q 'Installed from the package' '$W/out'"
run env JOURNAL_FILE="$J" journal check
check "journal check: exit 0" [ "$RC" -eq 0 ]

run score --items
check "score --items: exit 0, items of the installed check-in" \
    sh -c "[ $RC -eq 0 ] && [ \$(grep -c '	' '$W/out') -ge 5 ] &&
    [ -f /usr/share/$pkg/checkin ]"

step "manual pages"
for c in $cmds; do
	check "man -w $c: /usr/share/man/man1/$c.1.gz" \
	    sh -c "[ \"\$(man -w 1 $c)\" = /usr/share/man/man1/$c.1.gz ]"
done
for p in $(dpkg -L "$pkg" | sed -n 's|^/usr/share/man/man[57]/||p'); do
	n=${p%%.*}
	s=${p#*.}
	s=${s%%.*}
	check "man -w $s $n" man -w "$s" "$n"
done

step "completions"
# Checked once configure knows the option (debian/rules passes it anyway).
if "$src/configure" --help 2>/dev/null |
    grep -q -- '--with-bash-completion-dir'; then
	for c in $cmds; do
		check "bash completion for $c, loaded by bash" bash -c \
		    ". /usr/share/bash-completion/completions/$c && complete -p $c"
		check "zsh completion for $c" \
		    test -f "/usr/share/zsh/vendor-completions/_$c"
		check "fish completion for $c" \
		    test -f "/usr/share/fish/vendor_completions.d/$c.fish"
	done
else
	echo "SKIP: completions: configure has no --with-bash-completion-dir yet"
fi

step "examples"
ex=/usr/share/doc/$pkg/examples
check "$ex/crontab" test -f "$ex/crontab"
check "$ex/systemd: two services and two timers" \
    sh -c "[ \$(ls '$ex'/systemd/*.service '$ex'/systemd/*.timer | wc -l) -eq 4 ]"
if command -v systemd-analyze >/dev/null 2>&1; then
	# With the package installed, the manual pages the units name exist.
	mkdir -p "$W/run"
	chmod 700 "$W/run"
	check "systemd-analyze --user verify of the installed units, manual pages included" \
	    sh -c "XDG_RUNTIME_DIR='$W/run' systemd-analyze --user verify \
	    '$ex'/systemd/*.service '$ex'/systemd/*.timer 2>&1 |
	    grep . && exit 1; exit 0"
else
	echo "SKIP: systemd-analyze is not installed"
fi

step "dpkg -c"
dpkg -c "$deb"

step "dpkg -r"
$sudo dpkg -r "$pkg" >"$W/dpkg-r.out" 2>&1
rc=$?
installed=no
check "dpkg -r: exit 0" [ "$rc" -eq 0 ]
check "dpkg -r: the package is gone" [ "$(pkg_status)" = not-installed ]
check "dpkg -r: no command and no collection left" sh -c \
    "[ ! -e /usr/bin/tip ] && [ ! -e /usr/share/$pkg ]"
check "/dev/null is still a $devnull_before" \
    sh -c "[ \"\$(stat -c %F /dev/null)\" = '$devnull_before' ]"

finish
