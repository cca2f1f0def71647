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
# bench/rounds.awk: the functions of a bench that repeats its hyperfine
# run, for an awk program given after it (awk -f bench/rounds.awk -f -)
# that reads the runs' JSON exports, one file a round, in order.  A machine
# that slows down for a while slows the commands run then: so each figure
# is the median over the rounds, and each ratio is taken within a round.
# mean[round, name] is a command's mean time in ms; nround the rounds.

FNR == 1 { nround++ }
/"command":/ { name = $0; sub(/^[^:]*: "/, "", name); sub(/",?$/, "", name) }
/"mean":/ { v = $2; sub(/,$/, "", v); mean[nround, name] = v * 1000 }

function median(a, n,	i, j, t) {
	for (i = 2; i <= n; i++)
		for (j = i; j > 1 && a[j - 1] > a[j]; j--) {
			t = a[j]; a[j] = a[j - 1]; a[j - 1] = t
		}
	return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
}

# One row: the median of a ratio over the rounds, its range, its target.
function row(label, num, den, target,	i, r, lo, hi) {
	for (i = 1; i <= nround; i++) {
		r[i] = mean[i, num] / mean[i, den]
		if (i == 1 || r[i] < lo)
			lo = r[i]
		if (i == 1 || r[i] > hi)
			hi = r[i]
	}
	printf "%-30s %6.2f  %4.2f-%4.2f  %s\n", label, median(r, nround),
	    lo, hi, target
}

# One command's median time.
function ms(label, name,	i, m) {
	for (i = 1; i <= nround; i++)
		m[i] = mean[i, name]
	printf "%-32s %9.3f\n", label, median(m, nround)
}
