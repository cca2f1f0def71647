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

# prompt.sh: the built prompt as a user runs it: from cron, with its
# history, the opt-in categories and audiences, depths, counts,
# exclusions, patterns, the list, the daily prompt, sessions, the json and
# mail formats (read back by Python's json and email packages), broken
# collections and a full disk.  The history lives under $T, never the
# tester's own.

. "$top_srcdir/tests/lib.sh"

FIX=$top_srcdir/tests/data/prompts-fixture
DATA=$top_srcdir/data/prompts
XDG_STATE_HOME=$T/state
XDG_DATA_HOME=$T/data
export XDG_STATE_HOME XDG_DATA_HOME
unset PROMPT_PATH
HIST=$XDG_STATE_HOME/rapport/prompt-history
OPTIN="intimacy repair"

PY=
if command -v python3 >/dev/null 2>&1 &&
    python3 -c 'import email.policy, json' 2>/dev/null; then
	PY=python3
fi

# The prompt files of a collection directory: of the categories named,
# or of every category but the opt-in ones.
files_of() {
	_dir=$1
	shift
	if [ $# -eq 0 ]; then
		for _c in $(ls "$_dir"); do
			case " $OPTIN " in
			*" $_c "*) ;;
			*) set -- "$@" "$_c" ;;
			esac
		done
	fi
	for _c in "$@"; do
		ls "$_dir/$_c" | grep -Ex '[123](-partner)?' |
		    sed "s|^|$_dir/$_c/|"
	done
}

# Every record of the files named, one a line, its lines joined by tabs.
records() {
	[ $# -gt 0 ] || return 0
	awk '/^%$/ { if (t != "") print t; t = ""; next }
	    { t = t == "" ? $0 : t "\t" $0 }
	    END { if (t != "") print t }' "$@"
}

# Whether stdout is exactly one record of the files named.
is_record_of() {
	records "$@" >"$T/recs"
	[ -s "$OUT" ] && grep -Fxq -- "$(paste -sd '\t' "$OUT")" "$T/recs"
}

# The values of a string or number field of the json lines on stdout.
json_str() {
	sed -n "s/.*\"$1\":\"\\([^\"]*\\)\".*/\\1/p" "$OUT"
}

json_num() {
	sed -n "s/.*\"$1\":\\([0-9-]*\\).*/\\1/p" "$OUT"
}

# Whether no line of a file matches an extended regular expression.
absent() {
	! grep -Eq -- "$1" "$2"
}

lines() {
	wc -l <"$OUT" | tr -d ' '
}

err_lines() {
	wc -l <"$ERR" | tr -d ' '
}

# history_warnings: the lines of stderr but those about the installed
# collection, which nobody may not reach when it is installed under a
# private home, as make distcheck installs it.
history_warnings() {
	grep -Fvc '/rapport/prompts: ' "$ERR"
}

# A collection of five prompts of one category, x.
mkdir -p "$T/five/x"
printf 'Prompt %s?\n%%\n' one two three four five >"$T/five/x/1"

# A collection of one UTF-8 prompt, and the bytes prompt should print.
Q='\342\200\231'
UTF8_TEXT="Qu${Q}est-ce qui t${Q}a fait sourire aujourd${Q}hui,"
UTF8_TEXT="$UTF8_TEXT m\303\252me un peu ?\n"
mkdir -p "$T/one/checkin"
printf "$UTF8_TEXT%%\n" >"$T/one/checkin/1"
printf "$UTF8_TEXT" >"$T/utf8-want"

# Python checks of the json output: every line an object with exactly the
# fields of prompt(1), agreeing with the collection in argv[1] (file name
# for depth and audience, directory for category), the text unwrapped
# (its lines joined by spaces), the kind with the text, the id with the
# FNV-1a 64 of the text as the collection wraps it, folded to 32 bits; no
# prompt twice; and, with argv[2] a comma-separated list of categories,
# every prompt of those categories present.
cat >"$T/jsoncheck.py" <<'EOF'
import json, os, re, sys

root, cover = sys.argv[1], sys.argv[2]
known = {}
for cat in os.listdir(root):
    for name in os.listdir(os.path.join(root, cat)):
        m = re.fullmatch(r'([123])(-partner)?', name)
        if not m:
            continue
        lines = []
        with open(os.path.join(root, cat, name), encoding='utf-8') as f:
            for line in f.read().split('\n'):
                if line == '%':
                    if lines:
                        known[' '.join(lines)] = (cat, int(m.group(1)),
                            'partner' if m.group(2) else 'any',
                            '\n'.join(lines))
                    lines = []
                elif line:
                    lines.append(line)

def fnv(b):
    h = 0xcbf29ce484222325
    for c in b:
        h = ((h ^ c) * 0x100000001b3) % 2**64
    return (h ^ (h >> 32)) % 2**32

bad, seen = [], set()
for n, line in enumerate(sys.stdin.buffer.read().decode('utf-8').split('\n')):
    if line == '':
        continue
    try:
        o = json.loads(line)
    except ValueError as e:
        bad.append('line %d: %s' % (n + 1, e))
        continue
    if not isinstance(o, dict) or set(o) != {'id', 'text', 'category',
            'depth', 'audience', 'kind'}:
        bad.append('line %d: fields %s' % (n + 1, sorted(o)))
        continue
    t = o['text']
    if t not in known:
        bad.append('line %d: not in the collection: %r' % (n + 1, t))
        continue
    if (o['category'], o['depth'], o['audience']) != known[t][:3]:
        bad.append('line %d: %r is %s' % (n + 1, t, known[t][:3]))
    kind = 'question' if t.rstrip().endswith('?') else 'task'
    if o['kind'] != kind:
        bad.append('line %d: %r is a %s' % (n + 1, t, kind))
    raw = known[t][3].encode('utf-8')
    if not re.fullmatch(r'[0-9a-f]{8}', o['id']) or \
            int(o['id'], 16) != fnv(raw):
        bad.append('line %d: id %s, not %08x' % (n + 1, o['id'], fnv(raw)))
    if t in seen:
        bad.append('line %d: %r twice' % (n + 1, t))
    seen.add(t)
if cover != '-':
    cats = cover.split(',')
    for t, v in known.items():
        if v[0] in cats and t not in seen:
            bad.append('missing: %r' % t)
for b in bad[:20]:
    print('# ' + b)
sys.exit(1 if bad else 0)
EOF

# Python checks of a message: argv is the message, a file holding the
# expected body, the expected subject ("-" for any ASCII one) and To.
cat >"$T/mailcheck.py" <<'EOF'
import datetime, email, email.policy, email.utils, sys

msg, bodyfile, subject, to = sys.argv[1:5]
bad = []
raw = open(msg, 'rb').read()
m = email.message_from_bytes(raw, policy=email.policy.default)
try:
    d = email.utils.parsedate_to_datetime(str(m['Date']))
    now = datetime.datetime.now(datetime.timezone.utc)
    if d.tzinfo is None or abs((now - d).total_seconds()) > 3600:
        bad.append('Date is not now: %s' % m['Date'])
except (TypeError, ValueError) as e:
    bad.append('Date %r: %s' % (m['Date'], e))
if str(m['To']) != to:
    bad.append('To: %r' % m['To'])
if subject == '-':
    if m['Subject'] is None or not str(m['Subject']).isascii() or \
            str(m['Subject']) == '':
        bad.append('Subject: %r' % m['Subject'])
elif str(m['Subject']) != subject:
    bad.append('Subject: %r, not %r' % (str(m['Subject']), subject))
if str(m['MIME-Version']) != '1.0':
    bad.append('MIME-Version: %r' % m['MIME-Version'])
if m.get_content_type() != 'text/plain' or \
        m.get_content_charset() != 'utf-8':
    bad.append('Content-Type: %r' % m['Content-Type'])
if str(m['Content-Transfer-Encoding']).lower() != 'quoted-printable':
    bad.append('Content-Transfer-Encoding: %r' %
        m['Content-Transfer-Encoding'])
want = open(bodyfile, encoding='utf-8').read()
if m.get_content() != want:
    bad.append('body %r, not %r' % (m.get_content(), want))
if m.defects:
    bad.append('defects: %s' % m.defects)
for k in m.keys():
    if m[k].defects:
        bad.append('%s defects: %s' % (k, m[k].defects))
if any(c > 127 for c in raw):
    bad.append('8-bit bytes in the message')
for line in raw.split(b'\n'):
    if len(line) > 78:
        bad.append('a line of %d: %r' % (len(line), line))
for b in bad:
    print('# ' + b)
sys.exit(1 if bad else 0)
EOF

# json output read back by Python, against a collection.
json_ok() {
	_desc=$1
	_root=$2
	_cover=$3
	if [ -z "$PY" ]; then
		skip "$_desc" "no python3"
	elif $PY "$T/jsoncheck.py" "$_root" "$_cover" <"$OUT" >"$T/py.out"; then
		pass "$_desc"
	else
		fail "$_desc" "$(cat "$T/py.out")"
	fi
}

### Defaults and cron.

run "$PROMPT"
is_rc 0 "default: exit 0"
no_err "default: nothing on stderr"
ok_if "default: one prompt of the compiled-in collection, not opt-in" \
    is_record_of $(files_of "$DATA")

PROMPT_PATH=$DATA run "$PROMPT" -c
is_rc 0 "-c with PROMPT_PATH: exit 0"
cat=$(head -n 1 "$OUT" | sed -n 's/^(\([a-z]*\), depth \([123]\))$/\1/p')
depth=$(head -n 1 "$OUT" | sed -n 's/^(\([a-z]*\), depth \([123]\))$/\2/p')
ok_if "-c: the first line is (category, depth N)" [ -n "$cat" ]
sed 1d "$OUT" >"$T/text"
cp "$T/text" "$OUT"
ok_if "-c: the prompt is one of $cat/$depth" \
    is_record_of $(ls "$DATA/$cat/$depth" "$DATA/$cat/$depth-partner" \
    2>/dev/null)

mkdir -p "$T/cronhome"
env -i PATH=/usr/bin:/bin HOME="$T/cronhome" "$PROMPT" </dev/null \
    >"$OUT" 2>"$ERR"
RC=$?
is_rc 0 "cron: exit 0"
no_err "cron: nothing on stderr"
ok_if "cron: one prompt of the compiled-in collection" \
    is_record_of $(files_of "$DATA")
ok_if "cron: the history is kept under HOME" \
    [ -s "$T/cronhome/.local/state/rapport/prompt-history" ]

# The same command, with a collection of one UTF-8 prompt in the user's
# data directory.
mkdir -p "$T/cronhome2/.local/share/rapport"
cp -R "$T/one" "$T/cronhome2/.local/share/rapport/prompts"
env -i PATH=/usr/bin:/bin HOME="$T/cronhome2" "$PROMPT" </dev/null \
    >"$OUT" 2>"$ERR"
RC=$?
is_rc 0 "cron, UTF-8 prompt: exit 0"
no_err "cron, UTF-8 prompt: nothing on stderr"
ok_if "cron, UTF-8 prompt: the bytes exactly, no escapes" \
    cmp -s "$T/utf8-want" "$OUT"

### No repeats.

export XDG_STATE_HOME=$T/s5
: >"$T/seen"
errs=0
for i in 1 2 3 4 5 6 7 8 9 10; do
	PROMPT_PATH=$T/five run "$PROMPT"
	[ "$RC" -eq 0 ] && [ ! -s "$ERR" ] || errs=$((errs + 1))
	cat "$OUT" >>"$T/seen"
done
ok_if "history: ten runs, each exit 0 and silent ($errs not)" [ "$errs" -eq 0 ]
n=$(head -n 5 "$T/seen" | sort -u | wc -l)
ok_if "history: five runs print the five prompts ($n)" [ "$n" -eq 5 ]
n=$(sed -n 6,10p "$T/seen" | sort -u | wc -l)
ok_if "history: the next five print them all again ($n)" [ "$n" -eq 5 ]
ok_if "history: every line a prompt of the collection" \
    [ "$(grep -cx 'Prompt [a-z]*?' "$T/seen")" -eq 10 ]
ok_if "history: the file is private (0600)" \
    [ "$(stat -c %a "$T/s5/rapport/prompt-history")" = 600 ]
ok_if "history: its directory is private (0700)" \
    [ "$(stat -c %a "$T/s5/rapport")" = 700 ]
ok_if "history: one line per prompt shown" \
    [ "$(wc -l <"$T/s5/rapport/prompt-history")" -eq 10 ]

# Two prompts of twenty never shown: -n 3 prints both.
export XDG_STATE_HOME=$T/s20
mkdir -p "$T/twenty/x"
printf 'Prompt %s?\n%%\n' $(seq 20) >"$T/twenty/x/1"
: >"$T/seen"
for i in $(seq 18); do
	PROMPT_PATH=$T/twenty "$PROMPT" >>"$T/seen" 2>/dev/null
done
ok_if "history: eighteen runs, eighteen prompts" \
    [ "$(sort -u "$T/seen" | wc -l)" -eq 18 ]
PROMPT_PATH=$T/twenty run "$PROMPT" -n 3
is_rc 0 "history, -n 3 with two unseen: exit 0"
grep -Eo 'Prompt [0-9]+\?' "$OUT" >"$T/got"
n=$(grep -Fxvc -f "$T/seen" "$T/got")
ok_if "history, -n 3 with two unseen: both of them ($n)" [ "$n" -eq 2 ]

# Seventy prompts in two files, some holding %% comments: seventy runs,
# seventy prompts, more than are hashed in one batch.
export XDG_STATE_HOME=$T/s70
mkdir -p "$T/seventy/x"
printf 'Prompt %s?\n%%\n' $(seq 40) >"$T/seventy/x/1"
printf 'Task %s.\n%%%% a note\n%%\n' $(seq 30) >"$T/seventy/x/2"
: >"$T/seen"
for i in $(seq 70); do
	PROMPT_PATH=$T/seventy "$PROMPT" >>"$T/seen" 2>/dev/null
done
ok_if "history: seventy runs, seventy prompts" \
    [ "$(sort -u "$T/seen" | wc -l)" -eq 70 ]
ok_if "history: no comment shown" [ "$(grep -c '%' "$T/seen")" -eq 0 ]

# A full history: one more prompt and it is compacted, silently.
export XDG_STATE_HOME=$T/sf
mkdir -p "$T/sf/rapport"
awk 'BEGIN { for (i = 0; i < 8192; i++) printf "%08x\n", i }' \
    >"$T/sf/rapport/prompt-history"
PROMPT_PATH=$T/five run "$PROMPT"
is_rc 0 "a full history: exit 0"
no_err "a full history: nothing on stderr"
n=$(wc -l <"$T/sf/rapport/prompt-history")
ok_if "a full history: compacted ($n lines)" [ "$n" -le 8192 ]

export XDG_STATE_HOME=$T/snh
PROMPT_PATH=$T/five run "$PROMPT" --no-history
is_rc 0 "--no-history: exit 0"
ok_if "--no-history: nothing written" [ ! -e "$T/snh" ]

# A history of binary garbage: a warning, a prompt, the file kept.
export XDG_STATE_HOME=$T/sc
mkdir -p "$T/sc/rapport"
head -c 4096 "$PROMPT_BIN" >"$T/sc/rapport/prompt-history"
cp "$T/sc/rapport/prompt-history" "$T/garbage"
PROMPT_PATH=$T/five run "$PROMPT"
is_rc 0 "corrupt history: exit 0"
like_out '^Prompt [a-z]*\?$' "corrupt history: a prompt printed"
ok_if "corrupt history: one warning" [ "$(err_lines)" -eq 1 ]
like_err 'prompt-history' "corrupt history: the warning names the file"
ok_if "corrupt history: not truncated" cmp -s -n 4096 "$T/garbage" \
    "$T/sc/rapport/prompt-history"

# A directory where the history should be.
export XDG_STATE_HOME=$T/sd
mkdir -p "$T/sd/rapport/prompt-history"
PROMPT_PATH=$T/five run "$PROMPT"
is_rc 0 "history is a directory: exit 0"
like_out '^Prompt [a-z]*\?$' "history is a directory: a prompt printed"
ok_if "history is a directory: one warning" [ "$(err_lines)" -eq 1 ]

# A state directory the user cannot write, and a history of the user's
# own that is read-only: as nobody when root, since root writes anyway.
mkdir -p "$T/ro" "$T/ro2/rapport"
printf '00000001\n00000002\n' >"$T/ro2/rapport/prompt-history"
cp "$T/ro2/rapport/prompt-history" "$T/ro2-want"
nobody_setup "$PROMPT_BIN"
as_user=$AS
if [ "$(id -u)" -eq 0 ]; then
	chmod 755 "$T/five" "$T/five/x" "$T/ro" "$T/ro2" "$T/ro2/rapport"
	chmod 644 "$T/five/x/1"
	chmod 444 "$T/ro2/rapport/prompt-history"
	chown nobody "$T/ro2/rapport/prompt-history" || as_user=
else
	chmod 555 "$T/ro" "$T/ro2" "$T/ro2/rapport"
	chmod 444 "$T/ro2/rapport/prompt-history"
	( : >"$T/ro/probe" ) 2>/dev/null || as_user=env
	rm -f "$T/ro/probe"
fi
if [ -n "$as_user" ]; then
	run $as_user env XDG_STATE_HOME="$T/ro" PROMPT_PATH="$T/five" \
	    "$T/nb/prompt"
	is_rc 0 "unwritable state directory: exit 0"
	like_out '^Prompt [a-z]*\?$' "unwritable state directory: a prompt"
	ok_if "unwritable state directory: one warning" \
	    [ "$(history_warnings)" -eq 1 ]
	like_err 'prompt-history: the prompt was not recorded: Permission denied$' \
	    "unwritable state directory: the warning names the history"
	run $as_user env XDG_STATE_HOME="$T/ro2" PROMPT_PATH="$T/five" \
	    "$T/nb/prompt"
	is_rc 0 "read-only history: exit 0"
	like_out '^Prompt [a-z]*\?$' "read-only history: a prompt"
	ok_if "read-only history: one warning" [ "$(history_warnings)" -eq 1 ]
	like_err 'prompt-history: the prompt was not recorded: Permission denied$' \
	    "read-only history: the warning names the history"
	ok_if "read-only history: unchanged" \
	    cmp -s "$T/ro2-want" "$T/ro2/rapport/prompt-history"
else
	for d in "unwritable state directory" "read-only history"; do
		skip "$d" "cannot run as a user without write access"
	done
fi
chmod -R u+w "$T/ro" "$T/ro2"
export XDG_STATE_HOME=$T/state

### Opt-in categories and audiences.

run "$PROMPT" --no-history -n 10000 --format json
is_rc 0 "every default prompt: exit 0"
like_err 'only [0-9]+ prompts match' "every default prompt: says how many"
want=$(records $(files_of "$DATA") | wc -l)
ok_if "every default prompt: all $want of them ($(lines))" \
    [ "$(lines)" -eq "$want" ]
json_str category | sort -u >"$T/cats"
ok_if "every default prompt: no intimacy nor repair" \
    absent '^(intimacy|repair)$' "$T/cats"
json_ok "every default prompt: valid json, agreeing with the collection" \
    "$DATA" -

: >"$T/cats"
for i in $(seq 200); do
	"$PROMPT" --no-history -c | head -n 1 >>"$T/cats"
done
ok_if "200 default picks: each says its category" \
    [ "$(grep -c '^([a-z]*, depth [123])$' "$T/cats")" -eq 200 ]
ok_if "200 default picks: no intimacy nor repair" \
    absent '^\((intimacy|repair),' "$T/cats"

for c in $OPTIN; do
	run "$PROMPT" -c "$c"
	is_rc 0 "prompt $c: exit 0"
	like_out "^\\($c, depth [123]\\)\$" "prompt $c: a prompt of $c"
done

all=$(ls "$DATA" | paste -sd ' ')
run "$PROMPT" --no-history -n 10000 --format json $all
is_rc 0 "every category named: exit 0"
ok_if "every category named: every prompt" \
    [ "$(lines)" -eq "$(records $(files_of "$DATA" $all) | wc -l)" ]
json_ok "every category named: valid json, every prompt once" "$DATA" \
    "$(echo $all | tr ' ' ',')"
ok_if "every category named: partner prompts say so" \
    grep -q '"audience":"partner"' "$OUT"

for who in friend family; do
	run "$PROMPT" --no-history --for "$who" -n 10000 --format json
	is_rc 0 "--for $who: exit 0"
	unlike_out '"audience":"partner"' "--for $who: no partner prompt"
	unlike_out '"category":"intimacy"' "--for $who: no intimacy"
	want=$(records $(files_of "$DATA" | grep -v -- '-partner$') | wc -l)
	ok_if "--for $who: every other default prompt ($want)" \
	    [ "$(lines)" -eq "$want" ]
done
run "$PROMPT" --no-history --for family -n 10000 --format json memories
unlike_out '"audience":"partner"' "--for family memories: no partner prompt"
want=$(records $(files_of "$DATA" memories | grep -v -- '-partner$') | wc -l)
ok_if "--for family memories: every other prompt of memories ($want)" \
    [ "$(lines)" -eq "$want" ]
run "$PROMPT" --no-history --for partner -n 10000 --format json memories
like_out '"audience":"partner"' "--for partner memories: partner prompts"
run "$PROMPT" --for friend intimacy
ok_if "--for friend intimacy: exit 1 (nothing for friends)" [ "$RC" -eq 1 ]
no_out "--for friend intimacy: nothing printed"
like_err . "--for friend intimacy: says why"
run "$PROMPT" --for stranger
is_rc 2 "--for stranger: exit 2"

### Depth, count, exclusions, patterns, the list: the fixture collection.

export PROMPT_PATH=$FIX

run "$PROMPT" --no-history -d 1 -n 100 --format json
is_rc 0 "-d 1: exit 0"
ok_if "-d 1: depth 1 only" [ -z "$(json_num depth | grep -vx 1)" ]
ok_if "-d 1: all ten" [ "$(lines)" -eq 10 ]
run "$PROMPT" --no-history -d 2-3 -n 100 --format json
is_rc 0 "-d 2-3: exit 0"
ok_if "-d 2-3: depths 2 and 3 only" \
    [ -z "$(json_num depth | grep -vx '[23]')" ]
ok_if "-d 2-3: all seven" [ "$(lines)" -eq 7 ]
json_ok "-d 2-3: valid json, agreeing with the collection" "$FIX" -
for d in 4 3-1 abc 0 1-4 ''; do
	run "$PROMPT" -d "$d"
	is_rc 2 "-d '$d': exit 2"
	no_out "-d '$d': nothing printed"
done

run "$PROMPT" --no-history -n 3 --format json
is_rc 0 "-n 3: exit 0"
ok_if "-n 3: three prompts" [ "$(lines)" -eq 3 ]
ok_if "-n 3: all different" [ "$(json_str id | sort -u | wc -l)" -eq 3 ]
run "$PROMPT" --no-history -n 3
ok_if "-n 3: numbered 1 to 3" \
    [ "$(grep -Eo '^ *[0-9]+\.' "$OUT" | tr -d ' .' | paste -sd ' ')" = \
    "1 2 3" ]
for n in 0 -1 abc 10001; do
	run "$PROMPT" -n "$n"
	is_rc 2 "-n $n: exit 2"
done
run "$PROMPT" --no-history -n 18 --format json
is_rc 0 "-n 18 of 17: exit 0"
ok_if "-n 18 of 17: all seventeen" [ "$(lines)" -eq 17 ]
ok_if "-n 18 of 17: all different" \
    [ "$(json_str id | sort -u | wc -l)" -eq 17 ]
like_err 'only 17 prompts' "-n 18 of 17: says so"

run "$PROMPT" --no-history -x checkin -n 100 --format json
is_rc 0 "-x checkin: exit 0"
unlike_out '"category":"checkin"' "-x checkin: no checkin"
ok_if "-x checkin: the eleven others" [ "$(lines)" -eq 11 ]
run "$PROMPT" -x appreciation -x checkin -x memories
is_rc 1 "everything excluded: exit 1"
no_out "everything excluded: nothing printed"
like_err . "everything excluded: says so"
run "$PROMPT" nosuch
is_rc 2 "unknown category: exit 2"
like_err nosuch "unknown category: named"

run "$PROMPT" --no-history -m kitchen -n 100
is_rc 0 "-m kitchen: exit 0"
records $(files_of "$FIX") | grep kitchen | sort >"$T/want"
grep -Eo '[A-Z].*' "$OUT" | sort >"$T/got"
ok_if "-m kitchen: both prompts with kitchen, nothing else" \
    cmp -s "$T/want" "$T/got"
run "$PROMPT" -m 'no such words'
is_rc 1 "-m matching nothing: exit 1"
run "$PROMPT" -m '('
is_rc 2 "-m bad expression: exit 2"

run "$PROMPT" -f
is_rc 0 "-f: exit 0"
awk 'NR > 1 { print $1, $2, $3, $4, $5 }' "$OUT" >"$T/got"
cat >"$T/want" <<'EOF'
appreciation 3 1 1 5
checkin 3 2 1 6
intimacy 1 1 1 3
memories 4 1 1 6
repair 1 1 1 3
EOF
ok_if "-f: counts per depth of the fixture" cmp -s "$T/want" "$T/got"
like_out '^intimacy .*only when named' "-f: intimacy only when named"
like_out '^repair .*only when named' "-f: repair only when named"

# -f over the collection: counts from its files, read here.
PROMPT_PATH=$DATA run "$PROMPT" -f
bad=0
for c in $(ls "$DATA"); do
	want=$(records $(files_of "$DATA" "$c") | wc -l)
	got=$(awk -v c="$c" '$1 == c { print $5 }' "$OUT")
	[ "$got" = "$want" ] || bad=$((bad + 1))
done
ok_if "-f: totals of the collection agree with its files ($bad not)" \
    [ "$bad" -eq 0 ]

# A category is a directory, whose name may hold any byte: on a terminal
# -f and --list-categories show its control characters instead of sending
# them, as they do for prompts; through a pipe they pass it on unchanged.
odd=$(printf 'odd\033[31mname')
mkdir -p "$T/esc/$odd"
printf 'Is this name odd?\n%%\n' >"$T/esc/$odd/1"
run env PROMPT_PATH="$T/esc" "$PROMPT" --list-categories
ok_if "--list-categories to a pipe: an ESC in a name passed on" \
    [ "$(cat "$OUT")" = "$odd" ]
if command -v script >/dev/null 2>&1 &&
    SHELL=/bin/sh script -qec true /dev/null </dev/null >/dev/null 2>&1; then
	for o in -f --list-categories; do
		run env PROMPT_PATH="$T/esc" SHELL=/bin/sh \
		    script -qec "'$PROMPT' $o" /dev/null
		ok_if "$o on a terminal: an ESC in a category name shown as ^[" \
		    grep -qF 'odd^[[31mname' "$OUT"
		unlike_out "$(printf '\033')" "$o on a terminal: no raw ESC"
	done
else
	for o in -f --list-categories; do
		skip "$o on a terminal: an ESC in a category name shown as ^[" \
		    "no script(1) giving a pty"
		skip "$o on a terminal: no raw ESC" "no script(1) giving a pty"
	done
fi

# A file that is not named for a depth: warned about, the rest printed.
mkdir -p "$T/broken"
cp -R "$FIX/checkin" "$T/broken/"
printf 'A prompt with no depth?\n%%\n' >"$T/broken/checkin/deep"
PROMPT_PATH=$T/broken run "$PROMPT" --no-history -n 100 --format json
is_rc 0 "a file named deep: exit 0"
like_err 'checkin/deep' "a file named deep: named in a warning"
ok_if "a file named deep: the six other prompts printed" \
    [ "$(lines)" -eq 6 ]
unlike_out 'no depth' "a file named deep: its prompt left out"

unset PROMPT_PATH

### The daily prompt.

export PROMPT_PATH=$DATA
run "$PROMPT" --daily 2026-11-25
is_rc 0 "--daily 2026-11-25: exit 0"
cp "$OUT" "$T/daily1"
run "$PROMPT" --daily 2026-11-25
ok_if "--daily 2026-11-25: the same twice" cmp -s "$T/daily1" "$OUT"
run "$PROMPT" --daily=2026-11-25
ok_if "--daily=2026-11-25: the same" cmp -s "$T/daily1" "$OUT"

XDG_STATE_HOME=$T/d1 run "$PROMPT" --daily 2026-11-25 --seed tea
cp "$OUT" "$T/tea"
for i in 1 2 3 4 5 6 7 8 9 10; do
	XDG_STATE_HOME=$T/d2 "$PROMPT" >/dev/null
done
XDG_STATE_HOME=$T/d2 run "$PROMPT" --daily 2026-11-25 --seed tea
ok_if "--daily --seed: the same whatever the history" cmp -s "$T/tea" "$OUT"
differ=0
for w in coffee milk water juice wine beer soda cocoa broth cider; do
	run "$PROMPT" --daily 2026-11-25 --seed "$w"
	cmp -s "$T/tea" "$OUT" || differ=$((differ + 1))
done
ok_if "--daily: other seed words give other prompts ($differ of 10)" \
    [ "$differ" -gt 0 ]
differ=0
for d in 01 02 03 04 05 06 07 08 09 10; do
	run "$PROMPT" --daily "2026-12-$d" --seed tea
	cmp -s "$T/tea" "$OUT" || differ=$((differ + 1))
done
ok_if "--daily: other days give other prompts ($differ of 10)" \
    [ "$differ" -gt 0 ]
run "$PROMPT" --daily
is_rc 0 "--daily (today): exit 0"
cp "$OUT" "$T/today"
run "$PROMPT" --daily "$(date +%Y-%m-%d)"
ok_if "--daily: today by default" cmp -s "$T/today" "$OUT"
for d in 2026-02-30 =2026-02-30 =2026-13-01 =25/11/2026 =2026-11-25x \
    =tomorrow; do
	case $d in
	=*) run "$PROMPT" "--daily$d" ;;
	*) run "$PROMPT" --daily "$d" ;;
	esac
	is_rc 2 "--daily $d: exit 2"
	no_out "--daily $d: nothing printed"
done

### Sessions.

run "$PROMPT" --session
is_rc 0 "--session: exit 0"
no_err "--session: nothing on stderr"
ok_if "--session: seven prompts numbered 1 to 7" \
    [ "$(grep -Eo '^ *[0-9]+\.' "$OUT" | tr -d ' .' | paste -sd ' ')" = \
    "1 2 3 4 5 6 7" ]

# Depths non-decreasing from 1 to 3, then an appreciation task.
session_ok() {
	_n=$1
	[ "$(lines)" -eq "$_n" ] || return 1
	json_num depth | head -n $((_n - 1)) | awk '
	    NR == 1 && $1 != 1 { exit 1 }
	    $1 < prev { exit 1 }
	    { prev = $1 }
	    END { exit prev != 3 }' || return 1
	tail -n 1 "$OUT" >"$T/last"
	grep -q '"category":"appreciation"' "$T/last" &&
	    grep -q '"kind":"task"' "$T/last" &&
	    ! grep -q '?"' "$T/last" || return 1
	[ "$(json_str id | sort -u | wc -l)" -eq "$_n" ] &&
	    ! grep -Eq '"category":"(intimacy|repair)"' "$OUT"
}
bad=0
for i in 1 2 3 4 5; do
	run "$PROMPT" --session --format json
	[ "$RC" -eq 0 ] && session_ok 7 || bad=$((bad + 1))
done
ok_if "--session: rising depths, then an appreciation task ($bad bad)" \
    [ "$bad" -eq 0 ]
json_ok "--session: valid json, agreeing with the collection" "$DATA" -
run "$PROMPT" --session 4 --format json
is_rc 0 "--session 4: exit 0"
ok_if "--session 4: depths 1, 2, 3 and an appreciation task" session_ok 4
run "$PROMPT" --session=5
ok_if "--session=5: five prompts" \
    [ "$(grep -Eo '^ *[0-9]+\.' "$OUT" | tr -d ' .' | paste -sd ' ')" = \
    "1 2 3 4 5" ]
for n in 3 0 101 x; do
	run "$PROMPT" --session="$n"
	is_rc 2 "--session=$n: exit 2"
done
run "$PROMPT" --session 3
is_rc 2 "--session 3: exit 2"
no_out "--session 3: nothing printed"

### Mail.

# The body carries the prompt as one paragraph, its lines joined.
run "$PROMPT" --seed tea
paste -sd ' ' "$OUT" >"$T/body"
run "$PROMPT" --seed tea --format mail --to x@example.org \
    --subject "$(printf '\303\207a va ?')"
is_rc 0 "--format mail: exit 0"
no_err "--format mail: nothing on stderr"
cp "$OUT" "$T/msg"
if [ -n "$PY" ]; then
	ok_if "--format mail: every header and the body, read by Python" \
	    $PY "$T/mailcheck.py" "$T/msg" "$T/body" \
	    "$(printf '\303\207a va ?')" x@example.org
else
	skip "--format mail: every header and the body" "no python3"
fi

# A subject long enough to need several encoded words.
subject=$(printf '\303\251%.0s' $(seq 40))
run "$PROMPT" --seed tea --format mail --to x@example.org \
    --subject "$subject"
is_rc 0 "--format mail, long UTF-8 subject: exit 0"
cp "$OUT" "$T/msg"
if [ -n "$PY" ]; then
	ok_if "--format mail, long UTF-8 subject: read by Python" \
	    $PY "$T/mailcheck.py" "$T/msg" "$T/body" "$subject" x@example.org
else
	skip "--format mail, long UTF-8 subject" "no python3"
fi

PROMPT_PATH=$T/one run "$PROMPT" --format mail --to x@example.org
is_rc 0 "--format mail, UTF-8 prompt: exit 0"
if [ -n "$PY" ]; then
	ok_if "--format mail, UTF-8 prompt: the body decodes to the text" \
	    $PY "$T/mailcheck.py" "$OUT" "$T/utf8-want" - x@example.org
else
	skip "--format mail, UTF-8 prompt" "no python3"
fi

run "$PROMPT" --format mail
is_rc 2 "--format mail without --to: exit 2"
no_out "--format mail without --to: nothing printed"
run "$PROMPT" --to x@example.org
is_rc 2 "--to without --format mail: exit 2"
run "$PROMPT" --format text --to x@example.org
is_rc 2 "--to with --format text: exit 2"
run "$PROMPT" --subject hi
is_rc 2 "--subject without --format mail: exit 2"
run "$PROMPT" --format xml
is_rc 2 "--format xml: exit 2"
run "$PROMPT" --format mail --to "$(printf 'x@example.org\nBcc: y@example.org')"
is_rc 2 "--to with a newline: exit 2"
unlike_out '^Bcc:' "--to with a newline: no header added"

### Wrapped prompts: paragraphs in json and mail, -m across a wrap.

mkdir -p "$T/wrapped/knowing"
cat >"$T/wrapped/knowing/2" <<'EOF'
What would fifteen-year-old you find
most surprising about your life now?
%
Think of a meal you loved.
Cook it together this week.

Then tell each other
who first made it for you.
%
EOF
SURPRISING='What would fifteen-year-old you find most surprising about your life now?'
MEAL=$(printf 'Think of a meal you loved. Cook it together this week.\n\nThen tell each other who first made it for you.')

# json_text TEXT: the one json line on stdout has that text.
json_text() {
	$PY -c 'import json, sys
sys.exit(json.load(open(sys.argv[1]))["text"] != sys.argv[2])' "$OUT" "$1"
}

PROMPT_PATH=$T/wrapped run "$PROMPT" --no-history -m 'find most surprising'
is_rc 0 "-m across a wrap: exit 0"
head -n 2 "$T/wrapped/knowing/2" >"$T/want"
ok_if "-m across a wrap: the prompt, as the collection wraps it" \
    cmp -s "$T/want" "$OUT"
PROMPT_PATH=$T/wrapped run "$PROMPT" --no-history -m 'you.find.most'
is_rc 0 "-m across a wrap, a dot for the break: exit 0"
PROMPT_PATH=$T/wrapped run "$PROMPT" --no-history -m 'week. Then'
is_rc 1 "-m across a blank line: no match, paragraphs stay apart"
PROMPT_PATH=$T/wrapped run "$PROMPT" --no-history -m 'loved. Cook'
sed -n 4,8p "$T/wrapped/knowing/2" >"$T/want"
ok_if "-m across a wrap, two paragraphs: printed as the collection has it" \
    cmp -s "$T/want" "$OUT"
if [ -n "$PY" ]; then
	PROMPT_PATH=$T/wrapped run "$PROMPT" --no-history -m surprising \
	    --format json
	ok_if "json: the text unwrapped, no newline inside the paragraph" \
	    json_text "$SURPRISING"
	PROMPT_PATH=$T/wrapped run "$PROMPT" --no-history -m meal \
	    --format json
	ok_if "json: two paragraphs, a blank line between them" \
	    json_text "$MEAL"
	printf '%s\n' "$SURPRISING" >"$T/want"
	PROMPT_PATH=$T/wrapped run "$PROMPT" --no-history -m surprising \
	    --format mail --to x@example.org
	ok_if "mail: the body unwrapped, read by Python" \
	    $PY "$T/mailcheck.py" "$OUT" "$T/want" - x@example.org
	printf '%s\n' "$MEAL" >"$T/want"
	PROMPT_PATH=$T/wrapped run "$PROMPT" --no-history -m meal \
	    --format mail --to x@example.org
	ok_if "mail: two paragraphs unwrapped, read by Python" \
	    $PY "$T/mailcheck.py" "$OUT" "$T/want" - x@example.org
else
	skip "json and mail of wrapped prompts" "no python3"
fi

### Output errors and the usual options.

"$PROMPT" >/dev/full 2>"$ERR" </dev/null
RC=$?
is_rc 2 "stdout full: exit 2"
like_err 'No space left on device' "stdout full: says so"

run "$PROMPT" -h
is_rc 0 "-h: exit 0"
like_out '^usage:' "-h: usage on stdout"
run "$PROMPT" -V
is_rc 0 "-V: exit 0"
like_out '^prompt ' "-V: the version"
run "$PROMPT" --no-such-option
is_rc 2 "unknown option: exit 2"
like_err '^usage:' "unknown option: usage on stderr"

finish
