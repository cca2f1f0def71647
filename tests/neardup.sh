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

# neardup.sh: no two records of a shipped collection are rewordings of
# each other: not two tips, not two prompts (of any category, depth or
# audience), not two statements of the check-in.
#
# A record is read as its words, lower case, punctuation dropped, and
# compared by its set of word trigrams (runs of three words).  Two
# records are near duplicates when the Jaccard similarity of their sets
# (shared trigrams over all trigrams) is at least 0.4, or when the
# shorter has at least 5 trigrams and at least 0.8 of them are in the
# longer (one record holds most of another).
#
# The thresholds come from the collections as they stood when this test
# was written.  Records written apart share little: no two of the 257
# tips reached a Jaccard of 0.1, and the closest of the 370 prompts,
# 0.23 to 0.30, are short questions that open alike ("When do you feel
# most attractive?" and "When do you feel most at ease in your own
# skin?"), which is no fault; no prompt of 5 trigrams or more had over
# half of them in another.  A record copied and then edited scores far
# higher: one word changed in its middle leaves a Jaccard of 0.45 or
# more for nine prompts in ten and 0.54 or more for every tip, and a
# clause of four words added leaves 0.43 or more, with the shorter
# record wholly in the longer.  0.4 lies between the two, and a
# containment of 0.8 over at least 5 trigrams (a run of six words in
# common with a record of seven) is far above what questions that merely
# open alike reach.
#
# What trigrams cannot see is the same thought in other words, such as
# the seven ways checkin/3 once asked what weighed on you; that needs a
# reader.  The highest pairs are printed as TAP comments, so that a
# change of the collections shows how close it came.

. "$top_srcdir/tests/lib.sh"

command -v python3 >/dev/null 2>&1 || skip_all "no python3"

cat >"$T/neardup.py" <<'EOF'
# neardup.py KIND FILE...: print the near-duplicate pairs of the records
# of FILEs, one a line, as "JACCARD CONTAINMENT FILE: TEXT | FILE: TEXT",
# and, on the standard error, the three closest pairs.  KIND is "fortune" for files
# of records between "%" lines, "checkin" for an instrument.
import itertools, re, sys

JACCARD = 0.4
CONTAIN = 0.8
CONTAIN_MIN = 5

def fortune(path):
	recs, cur = [], []
	for line in open(path, encoding="utf-8"):
		line = line.rstrip("\n")
		if re.fullmatch(r"%[ \t\r]*", line):
			if cur:
				recs.append(" ".join(cur))
			cur = []
		elif not line.startswith("%%"):
			cur.append(line)
	if cur:
		recs.append(" ".join(cur))
	return recs

def checkin(path):
	pat = re.compile(r"\s*(?:item\s+\S+\s+\S+\s+\S+|circles\s+\S+|"
	    r"global\s+\S+\s+\S+\s+\S+)\s+(.*\S)")
	recs = []
	for line in open(path, encoding="utf-8"):
		m = pat.match(line)
		if m:
			recs.append(m.group(1))
	return recs

def trigrams(text):
	w = re.findall(r"[a-z0-9']+", text.lower())
	return {tuple(w[i:i + 3]) for i in range(len(w) - 2)}

read = fortune if sys.argv[1] == "fortune" else checkin
recs = [(p, r) for p in sys.argv[2:] for r in read(p)]
grams = [trigrams(r) for _, r in recs]
pairs = []
for i, j in itertools.combinations(range(len(recs)), 2):
	a, b = grams[i], grams[j]
	shared = len(a & b)
	if shared == 0:
		continue
	jac = shared / len(a | b)
	small = min(len(a), len(b))
	near = jac >= JACCARD or \
	    (small >= CONTAIN_MIN and shared / small >= CONTAIN)
	pairs.append((jac, shared / small, near, i, j))
pairs.sort(key=lambda p: -p[0])

def show(p):
	jac, contain, _, i, j = p
	return "%.2f %.2f %s: %s | %s: %s" % (jac, contain, recs[i][0],
	    recs[i][1], recs[j][0], recs[j][1])

for p in pairs[:3]:
	print("closest " + show(p), file=sys.stderr)
for p in pairs:
	if p[2]:
		print(show(p))
EOF

# neardup KIND DESC FILE...: one test that the records of FILEs hold no
# near-duplicate pair; the pairs found, or else the closest, as comments.
neardup() {
	_kind=$1 _desc=$2
	shift 2
	python3 "$T/neardup.py" "$_kind" "$@" >"$T/pairs" 2>"$T/closest" ||
	    echo "neardup.py failed" >>"$T/pairs"
	ok_if "$_desc" [ ! -s "$T/pairs" ]
	sed "s|$top_srcdir/||g; s/^/# near duplicate: /" "$T/pairs"
	sed "s|$top_srcdir/||g; s/^/# /" "$T/closest"
}

# The measure itself, on records made for it: a prompt with one word
# changed, a prompt grown by a clause, and two that only open alike.
printf '%s\n' \
    'What small thing went better than you expected today?' % \
    'What small thing went better than you hoped today?' % >"$T/one-word"
printf '%s\n' 'What would you name a boat if you got one?' % \
    'What would you name a boat if you got one tomorrow,' \
    'and who would sail it with you?' % >"$T/clause"
printf '%s\n' 'When do you feel most attractive?' % \
    'When do you feel most at ease in your own skin?' % >"$T/opening"
python3 "$T/neardup.py" fortune "$T/one-word" >"$T/out" 2>/dev/null
ok_if "a prompt with one word changed is a near duplicate" [ -s "$T/out" ]
python3 "$T/neardup.py" fortune "$T/clause" >"$T/out" 2>/dev/null
ok_if "a prompt grown by a clause is a near duplicate" [ -s "$T/out" ]
python3 "$T/neardup.py" fortune "$T/opening" >"$T/out" 2>/dev/null
ok_if "two questions that only open alike are not" [ ! -s "$T/out" ]

data=$top_srcdir/data
# Indexes sit beside the text in an in-tree build.
tips=$(ls "$data"/tips/* | grep -v '\.dat$')
prompts=$(ls "$data"/prompts/*/* | grep -E '/[123](-partner)?$')
neardup fortune "tips: no two are near duplicates" $tips
neardup fortune "prompts: no two are near duplicates" $prompts
neardup checkin "checkin: no two statements are near duplicates" \
    "$data/checkin"

finish
