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

# syncthing.sh: a journal in a folder that a real Syncthing pair keeps in
# step, set up as journal(1) says.  Two instances run on this machine,
# each with a home of its own, talking over the loopback interface only:
# no global or local discovery, no relays, no NAT traversal, no usage or
# crash reports, no upgrades; each knows the other's device id and
# address from its config.xml, and is driven through its REST API.  The
# second machine's folder is paused while both write an entry, so that
# Syncthing keeps one version and renames the other into a conflict copy.
# journal notices the copy, merge --conflicts folds it in and removes it,
# and both machines end with every entry and no copy.  Skipped where
# Syncthing or curl is missing or Syncthing cannot start.

. "$top_srcdir/tests/lib.sh"

command -v syncthing >/dev/null 2>&1 || skip_all "no syncthing"
command -v curl >/dev/null 2>&1 || skip_all "no curl"

TZ=UTC0
export TZ
unset JOURNAL_FILE JOURNAL_NOW XDG_DATA_HOME
# Syncthing's own switches: no upgrade, no default folder.
STNOUPGRADE=1
STNODEFAULTFOLDER=1
export STNOUPGRADE STNODEFAULTFOLDER

ST=$T/st
KEY=rapport-test-key
WAIT=$((30 * SLOW))
PIDS=
trap 'stop_all; rm -rf "$T" 2>/dev/null || { sleep 1; rm -rf "$T"; }' EXIT

# stop_all: end the instances this test started, by their ids.
stop_all() {
	for _p in $PIDS; do
		kill "$_p" 2>/dev/null
	done
	for _p in $PIDS; do
		wait "$_p" 2>/dev/null
	done
	PIDS=
}

# free_port: a TCP port of the loopback interface that nothing uses now.
free_port() {
	if command -v python3 >/dev/null 2>&1; then
		python3 -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])'
	else
		echo $((20000 + ($$ * 7 + $1 * 1009) % 40000))
	fi
}

# rest N METHOD PATH [JSON]: a call to the REST API of instance N.
rest() {
	eval "_gui=\$GUI$1"
	if [ $# -gt 3 ]; then
		curl -sf --max-time 10 -X "$2" -H "X-API-Key: $KEY" \
		    -H 'Content-Type: application/json' -d "$4" \
		    "http://127.0.0.1:$_gui$3"
	else
		curl -sf --max-time 10 -X "$2" -H "X-API-Key: $KEY" \
		    "http://127.0.0.1:$_gui$3"
	fi
}

# wait_until CONDITION: up to $WAIT seconds for a shell condition.
wait_until() {
	_end=$(($(date +%s) + WAIT))
	while ! eval "$1"; do
		[ "$(date +%s)" -ge "$_end" ] && return 1
		sleep 0.2
	done
	return 0
}

# copies DIR: the names of the conflict copies of the journal in DIR.
copies() {
	ls -A "$1" | grep '^journal\.sync-conflict-'
}

# texts DIR: the texts of the live entries of DIR's journal, sorted.
texts() {
	"$JOURNAL" -f "$1/journal" list --format tsv 2>/dev/null | cut -f6 |
	    sed 's/\\n$//' | sort | tr '\n' '|'
}

# configure N PEER: instance N's config.xml, as generated, made to talk to
# instance PEER alone over the loopback interface, sharing the folder.
configure() {
	eval "_id=\$ID$1 _peer=\$ID$2 _port=\$PORT$1 _pport=\$PORT$2"
	eval "_gui=\$GUI$1"
	awk -v id="$_id" -v peer="$_peer" -v port="$_port" -v pport="$_pport" \
	    -v gui="$_gui" -v dir="$ST/d$1" -v n="$1" -v p="$2" '
	function opt(name, value) {
		if ($0 ~ "<" name ">") {
			sub(">[^<]*<", ">" value "<")
		}
	}
	/<gui / {
		printf "    <folder id=\"journal\" label=\"journal\" path=\"%s\"", dir
		printf " type=\"sendreceive\" rescanIntervalS=\"3600\""
		printf " fsWatcherEnabled=\"false\" fsWatcherDelayS=\"10\""
		printf " ignorePerms=\"false\" autoNormalize=\"true\">\n"
		printf "        <filesystemType>basic</filesystemType>\n"
		printf "        <device id=\"%s\" introducedBy=\"\"></device>\n", id
		printf "        <device id=\"%s\" introducedBy=\"\"></device>\n", peer
		printf "        <minDiskFree unit=\"%%\">0</minDiskFree>\n"
		printf "        <maxConflicts>10</maxConflicts>\n"
		printf "        <markerName>.stfolder</markerName>\n"
		printf "    </folder>\n"
		printf "    <device id=\"%s\" name=\"m%s\"", peer, p
		printf " compression=\"metadata\" introducer=\"false\""
		printf " skipIntroductionRemovals=\"false\" introducedBy=\"\">\n"
		printf "        <address>tcp://127.0.0.1:%s</address>\n", pport
		printf "    </device>\n"
		ingui = 1
	}
	ingui && /<address>/ { sub(">[^<]*<", ">127.0.0.1:" gui "<") }
	/<\/gui>/ { ingui = 0 }
	/<device id=/ && index($0, id) && !done {
		sub("name=\"[^\"]*\"", "name=\"m" n "\"")
		done = 1
	}
	{
		opt("listenAddress", "tcp://127.0.0.1:" port)
		opt("globalAnnounceEnabled", "false")
		opt("localAnnounceEnabled", "false")
		opt("relaysEnabled", "false")
		opt("natEnabled", "false")
		opt("startBrowser", "false")
		opt("urAccepted", "-1")
		opt("autoUpgradeIntervalH", "0")
		opt("crashReportingEnabled", "false")
		print
	}' "$ST/h$1/config.xml" >"$ST/h$1/config.new" &&
	    mv "$ST/h$1/config.new" "$ST/h$1/config.xml"
}

# start N: run instance N in the background, for two minutes at most.
start() {
	timeout $((120 * SLOW)) syncthing serve --home="$ST/h$1" \
	    --no-browser --no-restart --gui-apikey="$KEY" --logflags=0 \
	    >"$ST/log$1" 2>&1 &
	PIDS="$PIDS $!"
}

mkdir -p "$ST"
for n in 1 2; do
	if ! timeout 60 syncthing generate --home="$ST/h$n" \
	    --no-default-folder --skip-port-probing >"$ST/gen$n" 2>&1; then
		skip_all "syncthing generate failed: $(tail -n 1 "$ST/gen$n")"
	fi
	eval "ID$n=\$(timeout 60 syncthing serve --home=\"\$ST/h$n\" \
	    --device-id)"
	eval "PORT$n=\$(free_port 1$n) GUI$n=\$(free_port 2$n)"
	mkdir -p "$ST/d$n/.stfolder"
	chmod 700 "$ST/d$n"
	# The lock is each machine's own; only the journal is shared.
	printf 'journal.lock\n' >"$ST/d$n/.stignore"
done
[ -n "$ID1" ] && [ -n "$ID2" ] || skip_all "syncthing gave no device id"
configure 1 2
configure 2 1

JOURNAL_NOW=2026-11-01T08:00:00Z "$JOURNAL" -f "$ST/d1/journal" add \
    "written before the pair met" 2>/dev/null
start 1
start 2
if ! wait_until 'rest 1 GET /rest/system/ping >/dev/null 2>&1 &&
    rest 2 GET /rest/system/ping >/dev/null 2>&1'; then
	tail -n 5 "$ST/log1" "$ST/log2" | sed 's/^/# /'
	skip_all "Syncthing did not start here"
fi

ok_if "the journal reached the second machine" \
    wait_until 'cmp -s "$ST/d1/journal" "$ST/d2/journal" 2>/dev/null'

# The second machine's folder paused, both write.
rest 2 PATCH /rest/config/folders/journal '{"paused": true}' >/dev/null
ok_if "the second machine's folder is paused" \
    wait_until 'rest 2 GET /rest/config/folders/journal |
    grep -q "\"paused\": *true"'
sleep 1
JOURNAL_NOW=2026-11-02T08:00:00Z "$JOURNAL" -f "$ST/d1/journal" add \
    "written on the first machine" 2>/dev/null
rest 1 POST '/rest/db/scan?folder=journal' >/dev/null
sleep 1
JOURNAL_NOW=2026-11-02T09:00:00Z "$JOURNAL" -f "$ST/d2/journal" add \
    "written on the second machine" 2>/dev/null
rest 2 PATCH /rest/config/folders/journal '{"paused": false}' >/dev/null
rest 2 POST '/rest/db/scan?folder=journal' >/dev/null 2>&1
ok_if "Syncthing made a conflict copy, and both machines have it" \
    wait_until '[ -n "$(copies "$ST/d1")" ] && [ -n "$(copies "$ST/d2")" ] &&
    cmp -s "$ST/d1/journal" "$ST/d2/journal"'
ok_if "the copy is named as journal(1) says Syncthing names it" \
    wait_until 'copies "$ST/d1" | grep -Eqx \
    "journal\.sync-conflict-[0-9]{8}-[0-9]{6}-[A-Z0-9]{7}"'

run "$JOURNAL" -f "$ST/d1/journal" list
is_rc 0 "journal list with a conflict copy beside it: exit 0"
like_err "has 1 conflict copy beside it.*merge --conflicts" \
    "journal list: notices the copy, once, and says how to fold it in"
ok_if "journal list: once" [ "$(grep -c 'conflict cop' "$ERR")" -eq 1 ]

run "$JOURNAL" -f "$ST/d1/journal" merge --conflicts
is_rc 0 "merge --conflicts: exit 0"
ok_if "merge --conflicts: the copy is gone" [ -z "$(copies "$ST/d1")" ]
run "$JOURNAL" -f "$ST/d1/journal" check
is_rc 0 "merge --conflicts: journal check is clean"
ok_if "merge --conflicts: the entries of both machines are there" \
    [ "$(texts "$ST/d1")" = "written before the pair met|written on the \
first machine|written on the second machine|" ]
run "$JOURNAL" -f "$ST/d1/journal" list
no_err "after merge --conflicts: no notice"

rest 1 POST '/rest/db/scan?folder=journal' >/dev/null
ok_if "the merged journal and the removal reach the second machine" \
    wait_until 'cmp -s "$ST/d1/journal" "$ST/d2/journal" &&
    [ -z "$(copies "$ST/d2")" ]'
run "$JOURNAL" -f "$ST/d2/journal" check
is_rc 0 "on the second machine: journal check is clean"
ok_if "on the second machine: every entry" \
    [ "$(texts "$ST/d2")" = "$(texts "$ST/d1")" ]
ok_if "no conflict copy was made of the lock" \
    [ -z "$(ls -A "$ST/d1" "$ST/d2" | grep 'lock.*conflict\|conflict.*lock')" ]

stop_all
finish
