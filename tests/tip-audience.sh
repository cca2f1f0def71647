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

# tip-audience.sh: tip's audiences.  Friends and family never get a tip of
# a partner-only file nor one about intimacy; intimacy comes only when
# named; a category named for a partner brings its partner file; the
# configuration's [tip] for and exclude apply, and --for overrides for.
# The shipped collection has at least 150 tips in at least 12 categories
# for each audience, counted from what tip prints.

. "$top_srcdir/tests/lib.sh"

dir=$top_srcdir/data/tips
XDG_CONFIG_HOME=$T/config
XDG_DATA_HOME=$T/data
export XDG_CONFIG_HOME XDG_DATA_HOME
CFG=$XDG_CONFIG_HOME/rapport/config
mkdir -p "$XDG_CONFIG_HOME/rapport"

# The tips of the partner-only files, one line each.
for f in "$dir"/*-partner "$dir"/intimacy; do
	awk '/^%$/ { print r; r = ""; next } { r = r $0 " " }' "$f"
done | sort >"$T/partner-only"

# records: the tips of a collection file or of one tip printed, on
# stdin, one line each.
records() {
	awk '/^%%/ { next } /^%$/ { print r; r = ""; next } { r = r $0 " " }
	    END { if (r != "") print r }'
}

# categories: the categories named by the %% (name) lines of stdout.
categories() {
	sed -n 's/^%% (\(.*\))$/\1/p' "$OUT"
}

# none_partner_only: stdout holds no tip of a partner-only file.
none_partner_only() {
	records <"$OUT" | sort | comm -12 - "$T/partner-only" >"$T/common"
	[ ! -s "$T/common" ] && ! categories | grep -Eq -- '-partner$|^intimacy$'
}

# At least 150 tips in at least 12 categories, a category being a file
# with its partner file.
enough() {
	_n=$(records <"$OUT" | wc -l)
	_c=$(categories | sed 's/-partner$//' | sort -u | wc -l)
	echo "# $1: $_n tips in $_c categories"
	[ "$_n" -ge 150 ] && [ "$_c" -ge 12 ]
}

ok_if "the collection has partner-only tips to leave out" \
    [ -s "$T/partner-only" ]

for where in installed built-in; do
	if [ $where = installed ]; then
		TIP_PATH=$dir
		export TIP_PATH
	else
		unset TIP_PATH
	fi
	for who in friend family; do
		run "$TIP" --for $who -m ''
		is_rc 0 "$where: --for $who -m '': exit 0"
		ok_if "$where: --for $who -m '': no partner-only tip" \
		    none_partner_only
		ok_if "$where: --for $who: 150 tips in 12 categories" \
		    enough "$who"
	done
	run "$TIP" -m ''
	ok_if "$where: -m '': partner-only files, no intimacy" \
	    eval 'categories | grep -q -- -partner &&
	    ! categories | grep -qx intimacy'
	ok_if "$where: the default, partner: 150 tips in 12 categories" \
	    enough partner
done
TIP_PATH=$dir
export TIP_PATH

# Picks, not only matches: 200 seeds for family, 200 for a partner.
bad=0
seen=0
for seed in $(awk 'BEGIN { for (i = 1; i <= 200; i++) print i }'); do
	"$TIP" --for family --seed $seed >"$OUT" 2>&1
	records <"$OUT" | grep -qxFf "$T/partner-only" &&
	    bad=$((bad + 1))
	"$TIP" -c --seed $seed >"$OUT" 2>&1
	case $(sed -n 1p "$OUT") in
	"(intimacy)") bad=$((bad + 1)) ;;
	*-partner\)) seen=$((seen + 1)) ;;
	esac
done
ok_if "200 picks for family: no partner-only tip; for a partner: no intimacy" \
    [ "$bad" -eq 0 ]
ok_if "200 picks for a partner: some from a partner file ($seen)" \
    [ "$seen" -gt 0 ]

# Intimacy is opt-in: named, it is picked for a partner only.
run "$TIP" intimacy
is_rc 0 "intimacy named: exit 0"
ok_if "intimacy named: an intimacy tip" \
    eval 'records <"$OUT" | grep -qxFf "$T/partner-only"'
run "$TIP" -c --for friend intimacy
is_rc 1 "--for friend intimacy: exit 1"
no_out "--for friend intimacy: nothing printed"
like_err 'no tips found' "--for friend intimacy: says so"

# A category named for a partner brings its partner file; not for family.
run "$TIP" -f time
ok_if "-f time: time and time-partner" \
    eval 'grep -q "^ *[0-9.]*% time$" "$OUT" &&
    grep -q "^ *[0-9.]*% time-partner$" "$OUT"'
run "$TIP" --for family -f time
is_out '100.00% time' "--for family -f time: time alone"
run "$TIP" --for family -m '' time-partner
is_rc 1 "--for family time-partner: nothing matches"

run "$TIP" --for cousin
is_rc 2 "--for cousin: exit 2"
like_err 'audience must be partner, friend or family: cousin' \
    "--for cousin: names what is allowed"

# The configuration: for, overridden by --for, and exclude.
printf '[tip]\nfor = family\n' >"$CFG"
run "$TIP" -m ''
ok_if "for = family: no partner-only tip" none_partner_only
run "$TIP" --for partner -m ''
ok_if "for = family, --for partner: partner files" \
    eval 'categories | grep -q -- -partner'
printf '[tip]\nfor = friend\n' >"$CFG"
run "$TIP" -m '' time
ok_if "for = friend, time named: no partner file" none_partner_only
printf '[tip]\nexclude = time, humor\n' >"$CFG"
run "$TIP" -m ''
ok_if "exclude = time, humor: neither, nor time-partner" \
    eval '! categories | grep -Eqx "time|time-partner|humor"'
ok_if "exclude = time, humor: the others stay" \
    eval 'categories | grep -qx listening'
printf '[tip]\nexclude = time, nosuch\n' >"$CFG"
run "$TIP"
is_rc 2 "exclude = time, nosuch: exit 2"
like_err 'config:2: exclude = time, nosuch: nosuch is not a category' \
    "exclude = time, nosuch: the error names the line and the name"
no_out "exclude = time, nosuch: no tip"
printf '[tip]\nfor = sibling\n' >"$CFG"
run "$TIP"
is_rc 2 "for = sibling: exit 2"
like_err 'for = sibling' "for = sibling: the error names the value"

finish
