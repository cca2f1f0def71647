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

# score-html.sh: score report --format html and --format mail, read by
# what reads them in the world: the document checked by tidy(1) and
# rendered by headless Chromium on a phone's width (375 px) and a
# desktop's (800 px), in light and dark, and the mail parsed by Python's
# email package.  The journal has nine weekly check-ins, three of the
# dimensions up by a point over the last four, and two daily ratings; an
# instrument with markup in its names shows that every text is escaped.
# Where Chromium cannot run, its tests say SKIP; the others still run.

. "$top_srcdir/tests/lib.sh"

TZ=UTC0
JOURNAL_NOW=2026-11-25T12:00:00Z	# a Wednesday
export TZ JOURNAL_NOW
unset JOURNAL_FILE TERM
J=$T/journal

# A week's answers: every item 3 on its scale, but for the dimensions
# given 4, reverse keying and all.
answers() {
	awk -F '\t' -v up="$1" '
	{
		split($3, r, "-")
		v = index(" " up " ", " " $2 " ") ? 4 : 3
		if ($4 == "reversed")
			v = r[1] + r[2] - v
		print $1 "=" v
	}' "$T/items"
}

"$SCORE" --items >"$T/items"
n=0
for day in 09-29 10-06 10-13 10-20 10-27 11-03 11-10 11-17 11-24; do
	n=$((n + 1))
	if [ $n -gt 5 ]; then up="care knowing"; else up=; fi
	answers "$up" >"$T/answers"
	JOURNAL_NOW=2026-$day"T20:00:00Z" "$SCORE" -f "$J" \
	    --answers "$T/answers" >/dev/null
done
for d in $(seq 10 25); do
	JOURNAL_NOW=2026-11-$d"T08:00:00Z" "$JOURNAL" -f "$J" \
	    -r connected=4 -r talked=3 "A day."
done

run "$SCORE" report -f "$J" --format html
cp "$OUT" "$T/report.html"
is_rc 0 "html: exit 0"
no_err "html: nothing on stderr"
like_out '^<!DOCTYPE html>$' "html: a document"
like_out '<meta name="color-scheme" content="light dark">' \
    "html: says it suits light and dark"
unlike_out '<script|<style|<link|<img|<svg|<canvas|<iframe|<object' \
    "html: no script, style sheet, image, SVG or canvas"
unlike_out ' (src|href)=|url\(|https?:' "html: nothing to fetch"
# The names and latest scores, as the JSON report gives them.
"$SCORE" report -f "$J" --format json | python3 -c '
import json, sys
r = json.load(sys.stdin)
for d in r["dimensions"]:
    print("%s\t%s" % (d["name"], d["latest"]))
print("overall\t%s" % r["total"]["latest"])
' >"$T/scores"
ok_if "html: the json report names 8 scores" \
    [ "$(wc -l <"$T/scores")" -eq 8 ]
# has_scores FILE: FILE holds every name as text, and its latest score
# within the 40 characters after it.
has_scores() {
	tr '\n' ' ' <"$1" | sed 's/<[^>]*>//g' | tr -s ' ' >"$T/flat"
	awk -F '\t' 'NR == FNR { flat = flat $0; next }
	{
		i = index(flat, $1)
		if (i == 0 || !index(substr(flat, i + length($1), 40), $2))
			exit 1
	}' "$T/flat" "$T/scores"
}
ok_if "html: every dimension's name and latest score" has_scores "$OUT"
like_out 'went up by 1\.0' "html: the changes past the threshold"
ok_if "html: the two changes marked by an arrow" \
    [ "$(grep -c '&#9650;' "$OUT")" -eq 2 ]
like_out 'Most room to grow: openness and vulnerability' \
    "html: the room to grow"
like_out 'To try next: tip feelings, prompt feelings' \
    "html: the tip and the prompt to try"
like_out '>connected<' "html: the daily ratings"
like_out 'reflection aid, not a diagnosis' "html: what it is not"

ok_if "html: a bar per week, 8 weeks of 8 charts" \
    [ "$(grep -c '^<td title="week of ' "$OUT")" -eq 64 ]
# Over more than 26 weeks, weeks share a bar, as the text's columns.
run "$SCORE" report -f "$J" --format html --weeks 52
ok_if "html, 52 weeks: 26 bars a chart" \
    [ "$(grep -c '^<td title="from ' "$OUT")" -eq 208 ]
like_out "Each bar is the mean of the weeks that share it" \
    "html, 52 weeks: says that weeks share a bar"

if command -v tidy >/dev/null 2>&1; then
	tidy -e -q "$T/report.html" >"$T/tidy" 2>&1
	_rc=$?
	ok_if "tidy -e: no error, no warning (status $_rc)" [ "$_rc" -eq 0 ]
	ok_if "tidy -e: nothing said" [ ! -s "$T/tidy" ]
else
	skip "tidy -e: no error, no warning" "no tidy"
	skip "tidy -e: nothing said" "no tidy"
fi

# Markup in the instrument's words is text, not markup.
sed -e 's|^title .*|title Check <b>in</b> \& "see"|' \
    -e 's|^\(dimension care checkin \).*|\1care <i>\&</i> support|' \
    "$top_srcdir/data/checkin" >"$T/odd"
run "$SCORE" report -f "$J" -i "$T/odd" --format html
is_rc 0 "html, names with markup: exit 0"
like_out '<h1[^>]*>Check &lt;b&gt;in&lt;/b&gt; &amp; &quot;see&quot;</h1>' \
    "html: the title escaped"
like_out '>care &lt;i&gt;&amp;&lt;/i&gt; support<' \
    "html: a dimension's name escaped"
unlike_out '<b>in</b>|<i>' "html: no markup from the instrument"

# --- Chromium.

BROWSER=
for b in chromium chromium-browser google-chrome; do
	command -v "$b" >/dev/null 2>&1 && BROWSER=$b && break
done
# browse WIDTH ARG...: Chromium headless at WIDTH pixels, as root needs
# it without a sandbox, in a profile of its own, fetching nothing.
browse() {
	_w=$1
	shift
	mkdir -p "$T/profile"
	"$BROWSER" --headless --no-sandbox --disable-gpu --no-first-run \
	    --disable-background-networking --disable-component-update \
	    --disable-sync --user-data-dir="$T/profile" \
	    --window-size="$_w,2000" "$@" 2>>"$T/browser.log"
}
echo '<!DOCTYPE html><title>t</title><p>hello' >"$T/hello.html"
if [ -n "$BROWSER" ] && browse 375 --dump-dom "file://$T/hello.html" |
    grep -q hello; then
	BROWSE=yes
else
	BROWSE=
fi
# is_png FILE: FILE is a PNG of more than 10 kB, more than a blank page.
is_png() {
	[ "$(head -c 4 "$1" 2>/dev/null | od -An -c | tr -d ' ')" = '211PNG' ] &&
	    [ "$(wc -c <"$1")" -gt 10000 ]
}
# measure WIDTH: a page of the test's own, with a script that the shipped
# document has none of, showing the document in a frame WIDTH pixels wide
# (headless Chromium lays out no window narrower than 500) and writing its
# width and that of its content into the title.
measure() {
	cat >"$T/measure.html" <<EOF
<!DOCTYPE html><title>m</title>
<iframe id="f" src="report.html" style="width:$1px;height:3000px;border:0">
</iframe>
<script>
window.addEventListener("load", function () {
	var d = document.getElementById("f").contentDocument.documentElement;
	document.title = "w=" + d.scrollWidth + " of " + d.clientWidth;
});
</script>
EOF
	browse 800 --allow-file-access-from-files --dump-dom \
	    "file://$T/measure.html" >"$T/dom"
	sed -n 's|.*<title>w=\([0-9]*\) of \([0-9]*\)</title>.*|\1 \2|p' \
	    "$T/dom"
}

for w in 375 800; do
	if [ -z "$BROWSE" ]; then
		for t in "a screenshot" "the names and scores" \
		    "no horizontal scrolling" "a dark screenshot"; do
			skip "Chromium at $w px: $t" "Chromium cannot run here"
		done
		continue
	fi
	rm -f "$T/shot.png"
	browse "$w" --screenshot="$T/shot.png" "file://$T/report.html" \
	    >/dev/null
	ok_if "Chromium at $w px: a screenshot, a PNG of some size" \
	    is_png "$T/shot.png"
	browse "$w" --dump-dom "file://$T/report.html" >"$T/dom"
	ok_if "Chromium at $w px: the names and scores in the DOM" \
	    has_scores "$T/dom"
	measure "$w" >"$T/widths"
	read -r sw iw <"$T/widths"
	ok_if "Chromium at $w px: no horizontal scrolling ($sw of $iw)" \
	    [ "${sw:-1}" -le "${iw:-0}" ]
	rm -f "$T/shot.png"
	browse "$w" --force-dark-mode --screenshot="$T/shot.png" \
	    "file://$T/report.html" >/dev/null
	ok_if "Chromium at $w px: a dark screenshot" is_png "$T/shot.png"
done

# --- The mail.

run "$SCORE" report -f "$J" --format mail --to 'me@example.org' \
    --subject 'Our weeks, in review: ünder the sun'
cp "$OUT" "$T/mail"
is_rc 0 "mail: exit 0"
no_err "mail: nothing on stderr"
"$SCORE" report -f "$J" >"$T/text"
cat >"$T/parse.py" <<'EOF'
import email, email.policy, sys
with open(sys.argv[1], "rb") as f:
    m = email.message_from_binary_file(f, policy=email.policy.default)
text = open(sys.argv[2], encoding="utf-8").read()
html = open(sys.argv[3], encoding="utf-8").read()
checks = [
    ("To", m["To"] == "me@example.org"),
    ("Subject", m["Subject"] == "Our weeks, in review: ünder the sun"),
    ("Date", m["Date"] is not None),
    ("multipart/alternative", m.get_content_type() == "multipart/alternative"),
]
parts = list(m.iter_parts()) if m.is_multipart() else []
checks.append(("two parts", len(parts) == 2))
if len(parts) == 2:
    p, h = parts
    checks += [
        ("text/plain first", p.get_content_type() == "text/plain"),
        ("its charset UTF-8", p.get_content_charset() == "utf-8"),
        ("the text report", p.get_content() == text),
        ("text/html second", h.get_content_type() == "text/html"),
        ("its charset UTF-8", h.get_content_charset() == "utf-8"),
        ("the html report", h.get_content() == html),
    ]
for name, ok in checks:
    print("%s %s" % ("ok" if ok else "FAIL", name))
EOF
python3 "$T/parse.py" "$T/mail" "$T/text" "$T/report.html" >"$T/parsed" 2>&1
while read -r verdict what; do
	ok_if "mail, parsed by Python: $what" [ "$verdict" = ok ]
done <"$T/parsed"
ok_if "mail, parsed by Python: 11 checks" [ "$(wc -l <"$T/parsed")" -eq 11 ]
ok_if "mail: lines of at most 76 characters, as RFC 2045 asks" \
    [ "$(awk '{ print length }' "$T/mail" | sort -n | tail -n 1)" -le 76 ]

run "$SCORE" report -f "$J" --format mail
is_rc 2 "mail without --to: exit 2"
like_err 'needs --to' "mail without --to: says so"
run "$SCORE" report -f "$J" --to me@example.org
is_rc 2 "--to without --format mail: exit 2"
run "$SCORE" compare --format html "$J" "$J"
is_rc 2 "compare --format html: exit 2"

finish
