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

# contrib.sh: the scheduling examples work as shipped.  Every job of
# contrib/crontab, the commented ones too, has five valid time fields, no
# bare % (cron would cut the command there), names only commands that
# exist, and, run as cron runs it (its environment, the crontab's PATH,
# no terminal, no locale) with the built commands and a mail(1) and
# sendmail(8) that keep what they are given, hands a message to mail.
# Each systemd user unit passes systemd-analyze verify where systemd is
# present, each timer has its service, and each service's command, run
# the same way in a user manager's environment, hands a message to mail.
# contrib/rapport-digest, run as cron runs it, hands sendmail one message
# that Python's email package reads: the review, a tip and the week's
# entries in both parts, and the entries' markup escaped in the HTML.

. "$top_srcdir/tests/lib.sh"

crontab=$top_srcdir/contrib/crontab
units=$top_srcdir/contrib/systemd
rapport_cmds="journal prompt score tip"
mailers="mail mailx sendmail"

[ -f "$crontab" ] || skip_all "no $crontab"

# Stand-ins found first on the PATH of a job: the built commands, and
# mailers that keep their arguments and their message in $T/sent.
bin=$T/bin
mkdir -p "$bin"
for c in $rapport_cmds; do
	ln -s "$CMDDIR/$c" "$bin/$c"
done
# The scripts of contrib/, as if copied to a directory on the PATH.
contrib_scripts=rapport-digest
for c in $contrib_scripts; do
	printf '#!/bin/sh\nexec /bin/sh %s "$@"\n' \
	    "$(sq "$top_srcdir/contrib/$c")" >"$bin/$c"
	chmod +x "$bin/$c"
done
for m in $mailers; do
	cat >"$bin/$m" <<EOF
#!/bin/sh
printf '%s\n' "\$0 \$*" >>"$T/sent/args"
cat >>"$T/sent/body"
EOF
	chmod +x "$bin/$m"
done

# run_job PATH COMMAND: COMMAND run by /bin/sh in cron's environment
# (crontab(5): SHELL, HOME and LOGNAME set, PATH as given, nothing else),
# with the stand-ins first on the PATH.
run_job() {
	rm -rf "$T/sent"
	mkdir -p "$T/sent"
	: >"$T/sent/args"
	: >"$T/sent/body"
	run env -i HOME="$HOME" LOGNAME=rapport USER=rapport SHELL=/bin/sh \
	    PATH="$bin:$1" /bin/sh -c "$2"
}

# check_job DESC PATH COMMAND: the commands named exist, the job runs
# quietly and a mailer is handed a message of the right form.
check_job() {
	_jd=$1
	_path=$2
	_cmd=$3
	# The first word of each stage of the pipeline.
	_missing=
	set -f
	for _w in $(printf '%s\n' "$_cmd" | tr '|;&' '\n\n\n' |
	    awk 'NF { print $1 }'); do
		case " $rapport_cmds " in
		*" $_w "*)
			[ -x "$top_builddir/cmd/$_w" ] ||
			    _missing="$_missing $_w"
			continue ;;
		esac
		case " $contrib_scripts " in
		*" $_w "*)
			[ -f "$top_srcdir/contrib/$_w" ] ||
			    _missing="$_missing $_w"
			continue ;;
		esac
		case " $mailers " in *" $_w "*) continue ;; esac
		PATH=$_path command -v "$_w" >/dev/null 2>&1 ||
		    _missing="$_missing $_w"
	done
	set +f
	if [ -z "$_missing" ]; then
		pass "$_jd: the commands it names exist"
	else
		fail "$_jd: the commands it names exist" "missing:$_missing"
	fi
	run_job "$_path" "$_cmd"
	is_rc 0 "$_jd: exit 0"
	no_err "$_jd: prints nothing on stderr"
	no_out "$_jd: prints nothing on stdout (it would be mailed)"
	ok_if "$_jd: a mailer is handed a message" test -s "$T/sent/body"
	if grep -q 'sendmail -t' "$T/sent/args"; then
		ok_if "$_jd: sendmail -t is handed To and Subject headers" \
		    sh -c "grep -q '^To: [^ ]*@' '$T/sent/body' &&
		    grep -q '^Subject: .' '$T/sent/body'"
	else
		ok_if "$_jd: mail is given a subject and an address" \
		    grep -Eq -- ' -s .+ ([^ ]+@[^ ]+|rapport)$' "$T/sent/args"
	fi
}

# The crontab: NAME=value lines and jobs.  Commented jobs are examples
# to uncomment, so they are checked too.
ok_if "crontab: PATH is set" grep -q '^PATH=' "$crontab"
cron_path=$(sed -n 's/^PATH[ 	]*=[ 	]*//p' "$crontab" | tail -n 1)
for d in /usr/bin /usr/local/bin /usr/sbin; do
	case ":$cron_path:" in
	*":$d:"*) pass "crontab: PATH holds $d" ;;
	*) fail "crontab: PATH holds $d" "PATH=$cron_path" ;;
	esac
done

# Each job as "line<TAB>fields ok<TAB>command", fields checked against
# crontab(5)'s ranges and names; anything that is neither a job, a
# variable, a comment nor blank is reported as a bad line.
awk '
function item_ok(s, lo, hi, names,    a, n, i, v) {
	if (s ~ /^\*(\/[0-9]+)?$/)
		return 1
	n = split(s, a, /[-\/]/)
	if (s !~ /^[0-9A-Za-z]+(-[0-9A-Za-z]+)?(\/[0-9]+)?$/)
		return 0
	if (s ~ /[A-Za-z]/)
		return n == 1 && index(names, " " tolower(s) " ") > 0
	for (i = 1; i <= n && i <= 2; i++) {
		if (i == 2 && s !~ /-/)
			break
		v = a[i] + 0
		if (v < lo || v > hi)
			return 0
	}
	return 1
}
function field_ok(f, lo, hi, names,    parts, n, i) {
	n = split(f, parts, ",")
	for (i = 1; i <= n; i++)
		if (!item_ok(parts[i], lo, hi, names))
			return 0
	return 1
}
BEGIN {
	lo[1] = 0; hi[1] = 59; lo[2] = 0; hi[2] = 23; lo[3] = 1; hi[3] = 31
	lo[4] = 1; hi[4] = 12; lo[5] = 0; hi[5] = 7
	nm[4] = " jan feb mar apr may jun jul aug sep oct nov dec "
	nm[5] = " sun mon tue wed thu fri sat "
}
{
	line = $0
	commented = 0
	if (line ~ /^[ \t]*$/)
		next
	if (line ~ /^[ \t]*#/) {
		# A commented job: "# " then what looks like five fields.
		sub(/^[ \t]*#[ \t]*/, "", line)
		if (line !~ /^[0-9*][^ \t]*[ \t]+[0-9*][^ \t]*[ \t]+[0-9*][^ \t]*[ \t]+[0-9*A-Za-z][^ \t]*[ \t]+[0-9*A-Za-z][^ \t]*[ \t]+[^ \t]/)
			next
		commented = 1
	} else if (line ~ /^[ \t]*[A-Za-z_][A-Za-z0-9_]*[ \t]*=/)
		next
	else if (line ~ /^[ \t]*@(reboot|yearly|annually|monthly|weekly|daily|midnight|hourly)[ \t]+[^ \t]/) {
		cmd = line
		sub(/^[ \t]*@[a-z]+[ \t]+/, "", cmd)
		printf "%d\t1\t%s\n", NR, cmd
		next
	}
	n = split(line, f, /[ \t]+/)
	ok = n >= 6
	for (i = 1; ok && i <= 5; i++)
		ok = field_ok(f[i], lo[i], hi[i], nm[i])
	cmd = line
	for (i = 1; i <= 5; i++)
		sub(/^[ \t]*[^ \t]+/, "", cmd)
	sub(/^[ \t]+/, "", cmd)
	printf "%d\t%d\t%s\n", NR, ok && cmd != "", cmd
}' "$crontab" >"$T/jobs"

njobs=0
while IFS='	' read -r lineno fields_ok cmd; do
	njobs=$((njobs + 1))
	desc="crontab:$lineno"
	if [ "$fields_ok" -eq 1 ]; then
		pass "$desc: five valid time fields and a command"
	else
		fail "$desc: five valid time fields and a command" "$cmd"
	fi
	if printf '%s\n' "$cmd" | grep -q '\(^\|[^\\]\)%'; then
		fail "$desc: no bare %" "$cmd"
	else
		pass "$desc: no bare %"
	fi
	check_job "$desc" "$cron_path" "$cmd"
done <"$T/jobs"
ok_if "crontab: a job mails a prompt" grep -q '	prompt ' "$T/jobs"
ok_if "crontab: a job mails score's report" grep -q '	score report' "$T/jobs"
ok_if "crontab: at least 3 jobs, commented ones included ($njobs)" \
    [ "$njobs" -ge 3 ]
ok_if "crontab: a job mails the digest" \
    grep -q '	rapport-digest [^ ]*@[^ ]* | sendmail -t$' "$T/jobs"

# The digest of a week: a check-in, and an entry with markup in it, in
# the journal of HOME, made now since cron's environment has no
# JOURNAL_NOW; a check-in left out of the entries, the review shows it.
"$SCORE" --items | awk -F '\t' '{ print $1 "=" ($2 == "global" ? 4 : 3) }' \
    >"$T/answers"
"$SCORE" --answers "$T/answers" >/dev/null
"$JOURNAL" "Dinner <script>alert(1)</script> & dessert, then a walk."
cat >"$T/digest.py" <<'EOF'
import email, sys
from email import policy
m = email.message_from_binary_file(open(sys.argv[1], "rb"),
    policy=policy.default)
want = sys.argv[2]
assert m["To"] == "me@example.org", m["To"]
assert m.get_content_type() == "multipart/alternative"
t = m.get_body(("plain",)).get_content()
h = m.get_body(("html",)).get_content()
if want == "review":
    assert "1 check-in about partner" in t and "overall" in t
    assert "1 check-in about partner" in h
elif want == "tip":
    for s in (t, h):
        assert "To try this week, for the room to grow (tip " + \
            sys.argv[3] + "):" in s, s[-600:]
elif want == "entries":
    assert "Dinner <script>alert(1)</script> & dessert" in t
    assert "Dinner &lt;script&gt;alert(1)&lt;/script&gt; &amp; dessert" in h
    assert "<script" not in h
    assert "Weekly connection check-in:" not in t.split("since last week")[1]
elif want == "one":
    assert h.count("<html") == 1 and h.count("</html>") == 1
    assert h.rstrip().endswith("</html>")
EOF
run_job "$cron_path" "rapport-digest me@example.org | sendmail -t"
is_rc 0 "digest: exit 0"
no_err "digest: nothing on stderr"
ok_if "digest: handed to sendmail -t" grep -q 'sendmail -t$' "$T/sent/args"
if command -v python3 >/dev/null 2>&1; then
	cat=$("$SCORE" --weakest)
	for w in review tip entries one; do
		ok_if "digest: the message parsed, with the $w" \
		    python3 "$T/digest.py" "$T/sent/body" "$w" "$cat"
	done
else
	for w in review tip entries one; do
		skip "digest: the message parsed, with the $w" "no python3"
	done
fi
run_job "$cron_path" "rapport-digest 'me@example.org
Bcc: x@example.org' | sendmail -t"
ok_if "digest: an address of two lines refused" \
    grep -q 'not a plain address' "$ERR"

# The systemd user units.  The PATH of a user manager on Debian, as
# compiled into systemd (the same as the system manager's).
user_path=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
set -- "$units"/*.service "$units"/*.timer
ok_if "systemd: units are shipped" [ -f "$1" ]
for t in "$units"/*.timer; do
	[ -f "$t" ] || continue
	s=${t%.timer}.service
	ok_if "${t##*/}: its service ${s##*/} is shipped" [ -f "$s" ]
	ok_if "${t##*/}: OnCalendar and Persistent=true" sh -c \
	    "grep -q '^OnCalendar=.' '$t' && grep -q '^Persistent=true' '$t'"
	ok_if "${t##*/}: wanted by timers.target" \
	    grep -q '^WantedBy=timers.target$' "$t"
done
for s in "$units"/*.service; do
	[ -f "$s" ] || continue
	n=${s##*/}
	cmd=$(sed -n "s|^ExecStart=/bin/sh -c '\\(.*\\)'\$|\\1|p" "$s")
	if [ -z "$cmd" ]; then
		fail "$n: ExecStart=/bin/sh -c '...'" \
		    "$(grep '^ExecStart' "$s")"
		continue
	fi
	pass "$n: ExecStart=/bin/sh -c '...'"
	# systemd would read % as a specifier and expand ${X} and a lone $X.
	if printf '%s\n' "$cmd" | grep -q '%\|\${'; then
		fail "$n: no % and no \${} that systemd would expand" "$cmd"
	else
		pass "$n: no % and no \${} that systemd would expand"
	fi
	check_job "$n" "$user_path" "$cmd"
done

if ! command -v systemd-analyze >/dev/null 2>&1; then
	skip "systemd-analyze verify" "systemd-analyze is not installed"
else
	# A user manager needs a runtime directory.  Manual pages are not
	# looked up: the units name pages that are not installed yet.
	mkdir -p "$T/run"
	chmod 700 "$T/run"
	run env XDG_RUNTIME_DIR="$T/run" systemd-analyze --user verify \
	    --man=no "$units"/*.service "$units"/*.timer
	mode=--user
	if [ "$RC" -ne 0 ] && grep -q 'initialize manager' "$ERR"; then
		# No user manager possible here (a container): the units
		# read the same way to the system manager.
		run systemd-analyze verify --man=no \
		    "$units"/*.service "$units"/*.timer
		mode=system
	fi
	is_rc 0 "systemd-analyze verify ($mode): exit 0"
	no_err "systemd-analyze verify ($mode): no warning"
fi

finish
