/*
 * Copyright (c) 2026 The rapport authors
 *
 * Permission to use, copy, modify, and distribute this software for any
 * purpose with or without fee is hereby granted, provided that the above
 * copyright notice and this permission notice appear in all copies.
 *
 * THE SOFTWARE IS PROVIDED "AS IS" AND THE AUTHOR DISCLAIMS ALL WARRANTIES
 * WITH REGARD TO THIS SOFTWARE INCLUDING ALL IMPLIED WARRANTIES OF
 * MERCHANTABILITY AND FITNESS. IN NO EVENT SHALL THE AUTHOR BE LIABLE FOR
 * ANY SPECIAL, DIRECT, INDIRECT, OR CONSEQUENTIAL DAMAGES OR ANY DAMAGES
 * WHATSOEVER RESULTING FROM LOSS OF USE, DATA OR PROFITS, WHETHER IN AN
 * ACTION OF CONTRACT, NEGLIGENCE OR OTHER TORTIOUS ACTION, ARISING OUT OF
 * OR IN CONNECTION WITH THE USE OR PERFORMANCE OF THIS SOFTWARE.
 */

/*
 * fuzz_review: what score report reads back from a journal (review.c):
 * check-ins and daily ratings, over a fixed instrument.  The input is the
 * journal.  Every score read must lie on the instrument's scale, the
 * check-ins must come in time order, thresholds, spreads and alphas must
 * be finite and in their ranges; the lowest dimension of the latest
 * check-in no higher than any, the strongest above it and in order; and
 * the check-ins since a horizon must be the same whether older entries
 * are skimmed or read whole.
 */

#include "config.h"

#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rapport.h"
#include "fuzzutil.h"

/* 2026-01-10T12:00:00Z, a Saturday. */
#define NOW	((time_t)1768046400)

static struct instrument in;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_set_tz(FUZZ_TZ_ODD);
	fuzz_fixed_instrument(&in);
	return 0;
}

static bool
on_scale(double v)
{
	return isnan(v) || (v >= in.min && v <= in.max);
}

static void
review(struct review *r, const uint8_t *data, size_t size, long horizon)
{
	FILE	*fp;

	fp = fuzz_open_input(data, size);
	review_init(r, &in, NOW, horizon);
	CHECK(review_read(r, fp, "fuzz", fuzz_report, NULL) == 0);
	fclose(fp);
	review_finish(r);
}

/* The lowest and strongest dimensions of a check-in, as shown. */
static void
check_extremes(const struct review *r, const struct cread *c)
{
	size_t	 low, top[3], n, i, d;

	low = review_lowest(r, c);
	for (d = 0; d < in.ndims; d++)
		CHECK(isnan(c->dims[d]) || (low != CHECKIN_NOWHERE &&
		    score_round(c->dims[low]) <= score_round(c->dims[d])));
	n = review_strongest(r, c, low, top, 3);
	CHECK(n <= 3 && (low != CHECKIN_NOWHERE || n == 0));
	for (i = 0; i < n; i++) {
		CHECK(top[i] < in.ndims && !isnan(c->dims[top[i]]));
		CHECK(score_round(c->dims[top[i]]) >
		    score_round(c->dims[low]));
		CHECK(i == 0 || score_round(c->dims[top[i - 1]]) >=
		    score_round(c->dims[top[i]]));
	}
}

static void
check(const struct review *r)
{
	const struct cread	*c;
	struct dstat		 recent, prior;
	double			 weeks[12], delta;
	size_t			 i, d, n;
	long			 base;
	int			 dir;

	for (i = 0; i < r->ncheckins; i++) {
		c = &r->checkins[i];
		CHECK(i == 0 || r->checkins[i - 1].when <= c->when);
		CHECK(c->day <= r->today);
		for (d = 0; d < in.ndims; d++)
			CHECK(on_scale(c->dims[d]));
		CHECK(on_scale(c->total));
		for (d = 0; d < in.nitems; d++)
			CHECK(isnan(c->items[d]) ||
			    (c->items[d] >= in.items[d].min &&
			    c->items[d] <= in.items[d].max));
	}
	for (d = 0; d <= in.ndims; d++) {
		CHECK(isfinite(r->threshold[d]) &&
		    r->threshold[d] >= (in.max - in.min) / 8.0);
		CHECK(isfinite(r->sd[d]) && r->sd[d] >= 0);
		CHECK(r->alpha[d] >= 0 && r->alpha[d] <= 0.95);
		n = review_weeks(r, r->today - 77, d, weeks, 12);
		CHECK(n <= 12);
		for (i = 0; i < 12; i++)
			CHECK(on_scale(weeks[i]));
		dir = review_change(r, r->today - 77, d, &delta, &base);
		CHECK(dir >= -1 && dir <= 1 && isfinite(delta));
	}
	if ((c = review_latest(r, LONG_MIN)) != NULL) {
		CHECK(c == &r->checkins[r->ncheckins - 1]);
		check_extremes(r, c);
	}
	for (i = 0; i < r->ndaily; i++)
		CHECK(r->daily[i].key < r->nkeys &&
		    r->daily[i].day > r->today - REVIEW_DAYS &&
		    r->daily[i].day <= r->today);
	for (i = 0; i < r->nkeys; i++) {
		dir = review_daily(r, i, &recent, &prior);
		CHECK(dir >= -1 && dir <= 1);
		CHECK(recent.days >= 0 && recent.days <= 7);
		CHECK(prior.days >= 0 && prior.days <= 28);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct review	 all, since;
	const struct cread *a, *s, *c;
	long		 horizon;
	size_t		 i, j, n;
	bool		*used;

	review(&all, data, size, LONG_MIN);
	check(&all);
	/* Skimming what is older than the horizon changes nothing after. */
	horizon = all.today - 100;
	review(&since, data, size, horizon);
	check(&since);
	if ((used = calloc(since.ncheckins + 1, sizeof(*used))) == NULL)
		abort();
	for (i = 0, n = 0; i < all.ncheckins; i++) {
		a = &all.checkins[i];
		if (a->day < horizon)
			continue;
		n++;
		/* Entries may share an id and a time: any that is unused. */
		for (j = 0, s = NULL; j < since.ncheckins && s == NULL; j++) {
			c = &since.checkins[j];
			if (!used[j] && c->idhash == a->idhash &&
			    c->when == a->when && ((isnan(a->total) &&
			    isnan(c->total)) || a->total == c->total)) {
				s = c;
				used[j] = true;
			}
		}
		CHECK(s != NULL);
	}
	for (j = 0; j < since.ncheckins; j++)
		n -= since.checkins[j].day >= horizon;
	CHECK(n == 0);
	free(used);
	review_free(&all);
	review_free(&since);
	return 0;
}
