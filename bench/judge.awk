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
# bench/judge.awk: the benches' tables go through it, so that each figure
# with a target says whether it met it.  A line with a target ends in the
# figure, as printed, so that the verdict agrees with what the reader
# sees, then its range over rounds (lo-hi) if it has one, then an operator
# (<= or <) and a number.  Such a line gets "met" or "MISSED" at its end; a
# figure that is no number (a failed run) has missed.

function plain(s) {
	return s ~ /^[0-9]+(\.[0-9]+)?$/
}

{
	if (NF < 3 || !plain($NF) || ($(NF - 1) != "<=" && $(NF - 1) != "<")) {
		print
		next
	}
	v = $(NF - 2)
	if (v ~ /^[0-9.]+-[0-9.]+$/ && NF >= 4)
		v = $(NF - 3)
	if (!plain(v))
		verdict = "MISSED"
	else if ($(NF - 1) == "<=")
		verdict = v + 0 <= $NF + 0 ? "met" : "MISSED"
	else
		verdict = v + 0 < $NF + 0 ? "met" : "MISSED"
	print $0 "  " verdict
}
