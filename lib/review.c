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
 * What score(1) report reads back: the check-ins of a journal, the daily
 * ratings of its other entries over the last six weeks, and from them the
 * weekly scores, the threshold of a reliable change, and the comparison of
 * the last 7 days of ratings with the 28 before.  Then what report and
 * compare make of them: the latest check-in, its lowest and strongest
 * dimensions, the columns and levels of a chart, and the differences
 * worth a talk.  See score(1).
 */

#include "config.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "rapport.h"

/* Without their own history, a 1 to 5 scale's SD and alpha are taken as: */
#define DEFAULT_SD	0.8
#define DEFAULT_ALPHA	0.80
#define ALPHA_MAX	0.95

static int	 cmp_cread(const void *, const void *);
static void	 take_checkin(struct review *, const struct jentry *, long,
		    uint64_t);
static void	 take_daily(struct review *, const struct jentry *, long,
		    uint64_t);
static size_t	 add_person(struct review *, const char *);
static int	 cmp_person(const void *, const void *);
static void	 sort_people(struct review *);
static void	 thresholds(struct review *);
static void	 reliability(struct review *, size_t);
static void	 day_stat(const struct review *, size_t, long, long,
		    struct dstat *);

/* The local day of an instant, as days since 1970-01-01. */
long
review_day(time_t t)
{
	struct tm	 tm;

	if (localtime_r(&t, &tm) == NULL)
		return (long)(t / SECS_PER_DAY);
	return (long)date_days(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

/*
 * The first day of the week of a day, weeks starting on week_start (0 for
 * Sunday, 1 for Monday); 1970-01-01 was a Thursday.
 */
long
review_week_start(long day, int week_start)
{
	long	 wday = ((day + 4) % 7 + 7) % 7;

	return day - (wday - week_start + 7) % 7;
}

/*
 * The weeks from the week of day from to the week of day to, both
 * counted: 1 when they are the same week.
 */
size_t
review_nweeks(long from, long to, int week_start)
{
	return (size_t)((review_week_start(to, week_start) -
	    review_week_start(from, week_start)) / 7 + 1);
}

/*
 * Ready a review made at now.  Entries from before the day horizon are
 * skimmed for what they delete or supersede, so that years of check-ins
 * cost little, and are not taken (LONG_MIN takes them all).  Daily
 * ratings are read for the last REVIEW_DAYS days whatever the horizon.
 */
void
review_init(struct review *r, const struct instrument *in, time_t now,
    long horizon)
{
	memset(r, 0, sizeof(*r));
	r->in = in;
	r->now = now;
	r->today = review_day(now);
	r->horizon = horizon;
	r->week_start = 1;
	if (r->horizon > r->today - REVIEW_DAYS)
		r->horizon = r->today - REVIEW_DAYS;
}

static int
cmp_cread(const void *a, const void *b)
{
	const struct cread	*x = a, *y = b;

	return x->when < y->when ? -1 : x->when > y->when;
}

/* The index of a person in the review's people, added if new. */
static size_t
add_person(struct review *r, const char *name)
{
	size_t	 i;

	for (i = 0; i < r->npeople; i++)
		if (strcmp(r->people[i], name) == 0)
			return i;
	r->people = xreallocarray(r->people, r->npeople + 1,
	    sizeof(*r->people));
	strlcpy(r->people[r->npeople], name, sizeof(*r->people));
	return r->npeople++;
}

/*
 * A check-in: whom it is about, its answers, and its scores as
 * checkin_score() gives them from the answers; where the answers are too
 * few, the scores written in the entry, as a check-in entered by hand has
 * them.
 */
static void
take_checkin(struct review *r, const struct jentry *e, long day,
    uint64_t h)
{
	const struct instrument	*in = r->in;
	struct cread		*c;
	const char		*key;
	char			 name[CHECKIN_ABOUT_MAX + 1];
	int			 answers[CHECKIN_ITEMS_MAX];
	double			 stored[CHECKIN_ITEMS_MAX + 1], v;
	size_t			 i, item, dim;
	ssize_t			 at;
	bool			 any = false;

	if (r->ncheckins == r->checkincap) {
		r->checkincap = r->checkincap == 0 ? 64 : r->checkincap * 2;
		r->checkins = xreallocarray(r->checkins, r->checkincap,
		    sizeof(*r->checkins));
	}
	c = &r->checkins[r->ncheckins];
	c->when = e->time.utc;
	c->day = day;
	c->idhash = h;
	checkin_about(e, name, sizeof(name));
	c->person = add_person(r, name);
	c->items = xreallocarray(NULL, in->nitems + in->ndims,
	    sizeof(*c->items));
	c->dims = c->items + in->nitems;
	for (i = 0; i < in->nitems; i++) {
		answers[i] = CHECKIN_NONE;
		c->items[i] = NAN;
	}
	for (i = 0; i <= in->ndims; i++)
		stored[i] = NAN;
	/*
	 * One pass over the ratings, which are written in the instrument's
	 * order: the next item or dimension is tried first.
	 */
	for (i = 0, item = 0, dim = 0; i < e->nratings; i++) {
		key = e->ratings[i].key;
		v = e->ratings[i].value;
		if (item < in->nitems && strcmp(in->items[item].key, key) == 0)
			at = (ssize_t)item;
		else if (dim < in->ndims && strcmp(in->dims[dim].key, key) == 0)
			at = -2;
		else if (strcmp(key, CHECKIN_TOTAL) == 0) {
			if (v >= in->min && v <= in->max)
				stored[in->ndims] = v;
			continue;
		} else if ((at = instrument_find(in, key)) == -1) {
			if ((at = instrument_find_dim(in, key)) == -1)
				continue;
			dim = (size_t)at;
			at = -2;
		}
		if (at == -2) {
			if (v >= in->min && v <= in->max)
				stored[dim] = v;
			dim++;
			continue;
		}
		item = (size_t)at;
		if (v == floor(v) && v >= in->items[item].min &&
		    v <= in->items[item].max) {
			answers[item] = (int)v;
			c->items[item] = v;
		}
		item++;
	}
	checkin_score(in, answers, c->dims, &c->total);
	for (i = 0; i < in->ndims; i++) {
		if (isnan(c->dims[i]))
			c->dims[i] = stored[i];
		any = any || !isnan(c->dims[i]);
	}
	if (isnan(c->total = checkin_total(in, c->dims)))
		c->total = stored[in->ndims];
	if (!any && isnan(c->total)) {
		free(c->items);
		return;
	}
	r->ncheckins++;
}

/* The ratings of another entry, when it falls in the last six weeks. */
static void
take_daily(struct review *r, const struct jentry *e, long day, uint64_t h)
{
	struct dread	*d;
	size_t		 i, k;

	for (i = 0; i < e->nratings; i++) {
		for (k = 0; k < r->nkeys; k++)
			if (strcmp(r->keys[k], e->ratings[i].key) == 0)
				break;
		if (k == r->nkeys) {
			if (r->nkeys == REVIEW_KEYS_MAX)
				continue;
			strlcpy(r->keys[r->nkeys++], e->ratings[i].key,
			    JOURNAL_KEY_MAX);
		}
		if (r->ndaily == r->dailycap) {
			r->dailycap = r->dailycap == 0 ? 256 : r->dailycap * 2;
			r->daily = xreallocarray(r->daily, r->dailycap,
			    sizeof(*r->daily));
		}
		d = &r->daily[r->ndaily++];
		d->idhash = h;
		d->day = day;
		d->key = k;
		d->value = e->ratings[i].value;
	}
}

/*
 * Read the records of a journal, or of raw records from journal list, in
 * one pass over their headers: problems go to report and never stop it.
 * May be called for more than one file.  -1 on a read error.
 */
int
review_read(struct review *r, FILE *fp, const char *name,
    jproblem_fn *report, void *arg)
{
	struct jreader	 jr;
	struct jevent	 ev;
	struct jskim	 sk;
	const struct jentry *e;
	size_t		 i;
	long		 day;
	int		 rv;
	bool		 checkin;

	jreader_init(&jr, name, fp);
	memset(&sk, 0, sizeof(sk));
	sk.level = JSKIM_BODIES;
	if (r->horizon != LONG_MIN) {
		/*
		 * Whole: the days of daily ratings, and check-ins from the
		 * horizon on; each a day early, for the entries' time zones.
		 */
		sk.level = JSKIM_PASS;
		sk.has_whole_from = true;
		sk.whole_from = (time_t)(r->today - REVIEW_DAYS - 1) *
		    SECS_PER_DAY;
		sk.whole_tag = CHECKIN_TAG;
		sk.whole_tag_from = (time_t)(r->horizon - 1) * SECS_PER_DAY;
	}
	jreader_skim(&jr, &sk);
	while ((rv = jreader_next(&jr, &ev)) == 1) {
		if (ev.problem != NULL)
			report(name, ev.line, ev.problem, arg);
		e = &ev.entry;
		if (ev.kind == JREC_DELETE)
			idset_add(&r->dead, str_hash(e->id, 0));
		else if (ev.kind == JREC_ENTRY && e->supersedes[0] != '\0')
			idset_add(&r->dead, str_hash(e->supersedes, 0));
		if (ev.kind != JREC_ENTRY || e->nratings == 0)
			continue;
		for (i = 0, checkin = false; i < e->ntags && !checkin; i++)
			checkin = strcmp(e->tags[i], CHECKIN_TAG) == 0;
		day = e->time.allday ? (long)(e->time.utc / SECS_PER_DAY) :
		    review_day(e->time.utc);
		if (day > r->today)
			continue;
		if (checkin)
			take_checkin(r, e, day, str_hash(e->id, 0));
		else if (day > r->today - REVIEW_DAYS)
			take_daily(r, e, day, str_hash(e->id, 0));
	}
	jreader_free(&jr);
	return rv == -1 ? -1 : 0;
}

/*
 * The threshold of a reliable change of dimension d (the total when d is
 * ndims), after Jacobson and Truax: 1.96 * sqrt(2) * SEM, where SEM =
 * SD * sqrt(1 - alpha).  SD is that of the person's own scores and alpha
 * Cronbach's, of the items (of the dimensions, for the total) over the
 * check-ins since the horizon that answered them all, once there are
 * REVIEW_MIN_HISTORY of each; until then SD is 0.8 on a 1 to 5 scale, in
 * proportion on another, and alpha 0.80, which make a threshold of about
 * 1 point.  It is never less than an eighth of the scale (half a point on
 * 1 to 5): scores that hardly move make no history to call the smallest
 * step a change.
 */
static void
reliability(struct review *r, size_t d)
{
	const struct instrument	*in = r->in;
	const struct cread	*c;
	double			 s, ss, v, sum[CHECKIN_ITEMS_MAX];
	double			 sq[CHECKIN_ITEMS_MAX], tsum = 0, tsq = 0;
	double			 var, ivar, sd, alpha;
	size_t			 i, j, k, n = 0, full = 0;
	size_t			 idx[CHECKIN_ITEMS_MAX];

	/* The parts: the items of a dimension, or the dimensions. */
	for (k = 0, j = 0; j < (d == in->ndims ? in->ndims : in->nitems);
	    j++)
		if (d == in->ndims || in->items[j].dim == d)
			idx[k++] = j;
	memset(sum, 0, sizeof(sum));
	memset(sq, 0, sizeof(sq));
	s = ss = 0;
	for (i = 0; i < r->ncheckins; i++) {
		c = &r->checkins[i];
		if (c->day < r->horizon)
			continue;
		if (!isnan(v = cread_score(r, c, d))) {
			s += v;
			ss += v * v;
			n++;
		}
		for (j = 0; j < k; j++)
			if (isnan(d == in->ndims ? c->dims[idx[j]] :
			    c->items[idx[j]]))
				break;
		if (j < k)
			continue;
		for (j = 0, v = 0; j < k; j++) {
			double	 x;

			if (d == in->ndims)
				x = c->dims[idx[j]];
			else {
				x = c->items[idx[j]];
				if (in->items[idx[j]].reversed)
					x = in->min + in->max - x;
			}
			sum[j] += x;
			sq[j] += x * x;
			v += x;
		}
		tsum += v;
		tsq += v * v;
		full++;
	}
	sd = DEFAULT_SD * (in->max - in->min) / 4.0;
	alpha = DEFAULT_ALPHA;
	r->own[d] = false;
	if (n >= REVIEW_MIN_HISTORY && full >= REVIEW_MIN_HISTORY && k >= 2) {
		var = (ss - s * s / n) / (n - 1);
		sd = var > 0 ? sqrt(var) : 0;
		var = (tsq - tsum * tsum / full) / (full - 1);
		for (j = 0, ivar = 0; j < k; j++)
			ivar += (sq[j] - sum[j] * sum[j] / full) / (full - 1);
		alpha = var > 0 ? (double)k / (k - 1) * (1 - ivar / var) : 0;
		alpha = alpha < 0 ? 0 : alpha > ALPHA_MAX ? ALPHA_MAX : alpha;
		r->own[d] = true;
	}
	r->sd[d] = sd;
	r->alpha[d] = alpha;
	r->threshold[d] = 1.96 * sqrt(2.0) * sd * sqrt(1 - alpha);
	if (r->threshold[d] < (in->max - in->min) / 8.0)
		r->threshold[d] = (in->max - in->min) / 8.0;
}

static int
cmp_person(const void *a, const void *b)
{
	return strcmp(a, b);
}

/*
 * Put the people in the order of their names, for reports that show each
 * in turn, and the check-ins' indexes with them.
 */
static void
sort_people(struct review *r)
{
	char	(*old)[CHECKIN_ABOUT_MAX + 1];
	size_t	*to, i, k;

	if (r->npeople < 2)
		return;
	old = xreallocarray(NULL, r->npeople, sizeof(*old));
	memcpy(old, r->people, r->npeople * sizeof(*old));
	qsort(r->people, r->npeople, sizeof(*r->people), cmp_person);
	to = xreallocarray(NULL, r->npeople, sizeof(*to));
	for (i = 0; i < r->npeople; i++)
		for (k = 0; k < r->npeople; k++)
			if (strcmp(old[i], r->people[k]) == 0)
				to[i] = k;
	for (i = 0; i < r->ncheckins; i++)
		r->checkins[i].person = to[r->checkins[i].person];
	free(to);
	free(old);
}

/* The threshold of each dimension and of the total, as reliability(). */
static void
thresholds(struct review *r)
{
	size_t	 d, n = r->in->ndims + 1;

	r->threshold = xreallocarray(NULL, n, sizeof(*r->threshold));
	r->sd = xreallocarray(NULL, n, sizeof(*r->sd));
	r->alpha = xreallocarray(NULL, n, sizeof(*r->alpha));
	r->own = xreallocarray(NULL, n, sizeof(*r->own));
	for (d = 0; d < n; d++)
		reliability(r, d);
}

/*
 * After the last read: drop what was superseded or deleted, put the
 * check-ins in order of time and the people in order of name, and work
 * out the thresholds over all the check-ins, whoever they are about.
 */
void
review_finish(struct review *r)
{
	size_t	 i, n;

	for (i = n = 0; i < r->ncheckins; i++) {
		if (idset_has(&r->dead, r->checkins[i].idhash))
			free(r->checkins[i].items);
		else
			r->checkins[n++] = r->checkins[i];
	}
	r->ncheckins = n;
	for (i = n = 0; i < r->ndaily; i++)
		if (!idset_has(&r->dead, r->daily[i].idhash))
			r->daily[n++] = r->daily[i];
	r->ndaily = n;
	if (r->ncheckins > 1)
		qsort(r->checkins, r->ncheckins, sizeof(*r->checkins),
		    cmp_cread);
	sort_people(r);
	thresholds(r);
}

/* The index of a person among the review's, or CHECKIN_NOWHERE. */
size_t
review_find_person(const struct review *r, const char *name)
{
	size_t	 i;

	for (i = 0; i < r->npeople; i++)
		if (strcmp(r->people[i], name) == 0)
			return i;
	return CHECKIN_NOWHERE;
}

/*
 * The review of one person of a finished review, as if the journal held
 * no check-in about anyone else: their check-ins, with thresholds from
 * their own history, and the same daily ratings, which are about the
 * writer.  person is an index of all's people, or CHECKIN_NOWHERE with
 * name for someone who has no check-in.  Free it with review_free.
 */
void
review_of_person(const struct review *all, size_t person, const char *name,
    struct review *one)
{
	const struct instrument	*in = all->in;
	const struct cread	*c;
	struct cread		*to;
	size_t			 i, n = in->nitems + in->ndims;

	review_init(one, in, all->now, all->horizon);
	one->week_start = all->week_start;
	one->people = xreallocarray(NULL, 1, sizeof(*one->people));
	strlcpy(one->people[0], person == CHECKIN_NOWHERE ? name :
	    all->people[person], sizeof(*one->people));
	one->npeople = 1;
	for (i = 0; i < all->ncheckins; i++)
		if (all->checkins[i].person == person)
			one->ncheckins++;
	one->checkincap = one->ncheckins;
	one->checkins = xreallocarray(NULL, one->ncheckins > 0 ?
	    one->ncheckins : 1, sizeof(*one->checkins));
	to = one->checkins;
	for (i = 0; i < all->ncheckins; i++) {
		c = &all->checkins[i];
		if (c->person != person)
			continue;
		*to = *c;
		to->person = 0;
		to->items = xreallocarray(NULL, n, sizeof(*to->items));
		memcpy(to->items, c->items, n * sizeof(*to->items));
		to->dims = to->items + in->nitems;
		to++;
	}
	one->ndaily = one->dailycap = all->ndaily;
	one->daily = xreallocarray(NULL, all->ndaily > 0 ? all->ndaily : 1,
	    sizeof(*one->daily));
	if (all->ndaily > 0)
		memcpy(one->daily, all->daily,
		    all->ndaily * sizeof(*one->daily));
	memcpy(one->keys, all->keys, sizeof(one->keys));
	one->nkeys = all->nkeys;
	thresholds(one);
}

void
review_free(struct review *r)
{
	size_t	 i;

	for (i = 0; i < r->ncheckins; i++)
		free(r->checkins[i].items);
	free(r->checkins);
	free(r->daily);
	idset_free(&r->dead);
	free(r->people);
	free(r->threshold);
	free(r->sd);
	free(r->alpha);
	free(r->own);
	memset(r, 0, sizeof(*r));
}

/* The score of dimension d of a check-in, or its total when d is ndims. */
double
cread_score(const struct review *r, const struct cread *c, size_t d)
{
	return d == r->in->ndims ? c->total : c->dims[d];
}

/*
 * The weekly scores of dimension d (the total when d is ndims) over the
 * nweeks weeks from the week of day from, weeks starting on the review's
 * week_start: each week's latest check-in, NAN for a week without one.
 * Returns the weeks with a score.
 */
size_t
review_weeks(const struct review *r, long from, size_t d, double *out,
    size_t nweeks)
{
	const struct cread	*c;
	long			 first, w;
	size_t			 i, n = 0;

	first = review_week_start(from, r->week_start);
	for (i = 0; i < nweeks; i++)
		out[i] = NAN;
	for (i = 0; i < r->ncheckins; i++) {
		c = &r->checkins[i];
		w = (c->day - first) / 7;
		if (c->day < first || w >= (long)nweeks ||
		    isnan(cread_score(r, c, d)))
			continue;
		out[w] = cread_score(r, c, d);
	}
	for (i = 0; i < nweeks; i++)
		n += !isnan(out[i]);
	return n;
}

/*
 * Whether dimension d (the total when d is ndims) changed over the weeks
 * from the week of day from to this one: 1 up, -1 down, 0 about the same.
 * A change is one past the threshold of a reliable change, from the first
 * weekly score of the period, at the last two weekly scores both, so that
 * one good or bad week is never called a change.  The difference of the
 * last from the first, and the day of the first, are given back.
 */
int
review_change(const struct review *r, long from, size_t d, double *delta,
    long *baseday)
{
	double	*w;
	size_t	 nweeks, i, n = 0, at[3] = { 0, 0, 0 }, first = 0;
	long	 start = review_week_start(from, r->week_start);
	int	 dir = 0;

	nweeks = review_nweeks(from, r->today, r->week_start);
	w = xreallocarray(NULL, nweeks, sizeof(*w));
	review_weeks(r, from, d, w, nweeks);
	for (i = 0; i < nweeks; i++) {
		if (isnan(w[i]))
			continue;
		if (n++ == 0)
			first = i;
		at[0] = at[1];
		at[1] = i;
	}
	*delta = 0;
	*baseday = start + (long)first * 7;
	if (n >= 3) {
		*delta = w[at[1]] - w[first];
		if (w[at[0]] - w[first] >= r->threshold[d] &&
		    w[at[1]] - w[first] >= r->threshold[d])
			dir = 1;
		else if (w[first] - w[at[0]] >= r->threshold[d] &&
		    w[first] - w[at[1]] >= r->threshold[d])
			dir = -1;
	}
	free(w);
	return dir;
}

/* The mean of the daily means of rating key over the days [lo, hi]. */
static void
day_stat(const struct review *r, size_t key, long lo, long hi,
    struct dstat *st)
{
	double	 sum[REVIEW_DAYS], s = 0, ss = 0, v;
	int	 count[REVIEW_DAYS];
	size_t	 i;
	long	 day;

	memset(sum, 0, sizeof(sum));
	memset(count, 0, sizeof(count));
	for (i = 0; i < r->ndaily; i++) {
		day = r->daily[i].day;
		if (r->daily[i].key != key || day < lo || day > hi)
			continue;
		sum[r->today - day] += r->daily[i].value;
		count[r->today - day]++;
	}
	st->days = 0;
	for (day = lo; day <= hi; day++) {
		if (count[r->today - day] == 0)
			continue;
		v = sum[r->today - day] / count[r->today - day];
		s += v;
		ss += v * v;
		st->days++;
	}
	st->mean = st->days > 0 ? s / st->days : NAN;
	v = st->days > 1 ? (ss - s * s / st->days) / (st->days - 1) : NAN;
	st->sd = isnan(v) ? NAN : v > 0 ? sqrt(v) : 0;
}

/*
 * The daily ratings of a key: the last 7 days, today included, against
 * the 28 before them, and whether they went up (1) or down (-1), else 0.
 * A change is a difference of the two means beyond the day-to-day spread
 * of the 28 days (the SD of their days' values), and of half a point at
 * least, which a spread of next to nothing makes the bar, with at least
 * REVIEW_DAILY_RECENT days rated of the 7 and REVIEW_DAILY_PRIOR of the
 * 28: a week that stands out of the usual ups and downs.
 */
int
review_daily(const struct review *r, size_t key, struct dstat *recent,
    struct dstat *prior)
{
	double	 diff;

	day_stat(r, key, r->today - 6, r->today, recent);
	day_stat(r, key, r->today - 34, r->today - 7, prior);
	if (recent->days < REVIEW_DAILY_RECENT ||
	    prior->days < REVIEW_DAILY_PRIOR)
		return 0;
	diff = recent->mean - prior->mean;
	/* Less a hair for the tenths that a double cannot hold exactly. */
	if (fabs(diff) <= prior->sd || fabs(diff) < REVIEW_DAILY_MIN - 1e-9)
		return 0;
	return diff > 0 ? 1 : -1;
}

/* The latest check-in on or after day from, or NULL. */
const struct cread *
review_latest(const struct review *r, long from)
{
	if (r->ncheckins == 0 || r->checkins[r->ncheckins - 1].day < from)
		return NULL;
	return &r->checkins[r->ncheckins - 1];
}

/* The number of check-ins on or after day from. */
size_t
review_count(const struct review *r, long from)
{
	size_t	 i, n = 0;

	for (i = 0; i < r->ncheckins; i++)
		n += r->checkins[i].day >= from;
	return n;
}

/*
 * The dimension of a check-in with the lowest score as shown, rounded to
 * a tenth, the first of ties; CHECKIN_NOWHERE when no dimension has one.
 */
size_t
review_lowest(const struct review *r, const struct cread *c)
{
	size_t	 i, at = CHECKIN_NOWHERE;

	for (i = 0; i < r->in->ndims; i++)
		if (!isnan(c->dims[i]) && (at == CHECKIN_NOWHERE ||
		    score_round(c->dims[i]) < score_round(c->dims[at])))
			at = i;
	return at;
}

/*
 * The ntop dimensions of a check-in with the highest scores as shown, or
 * fewer, that score above dimension low (any score, when low is
 * CHECKIN_NOWHERE): into top, the highest first and the first of ties
 * before the others.  Returns how many there are.
 */
size_t
review_strongest(const struct review *r, const struct cread *c, size_t low,
    size_t *top, size_t ntop)
{
	size_t	 i, j, n = 0;

	for (i = 0; i < r->in->ndims; i++) {
		if (i == low || isnan(c->dims[i]) || (low != CHECKIN_NOWHERE &&
		    score_round(c->dims[i]) <= score_round(c->dims[low])))
			continue;
		/* Insertion: move the lower ones down, the last falling off. */
		for (j = n; j > 0 && score_round(c->dims[i]) >
		    score_round(c->dims[top[j - 1]]); j--)
			if (j < ntop)
				top[j] = top[j - 1];
		if (j < ntop)
			top[j] = i;
		if (n < ntop)
			n++;
	}
	return n;
}

/*
 * The nweeks weekly scores averaged into the ncols columns of a chart, no
 * more than the weeks: each column the mean of the scores of the weeks
 * that fall in it, NAN when none of them has one.
 */
void
review_columns(const double *weeks, size_t nweeks, double *cols,
    size_t ncols)
{
	size_t	 c, i, lo, hi, n;
	double	 sum;

	for (c = 0; c < ncols; c++) {
		lo = c * nweeks / ncols;
		hi = (c + 1) * nweeks / ncols;
		for (i = lo, n = 0, sum = 0; i < hi; i++)
			if (!isnan(weeks[i])) {
				sum += weeks[i];
				n++;
			}
		cols[c] = n > 0 ? sum / n : NAN;
	}
}

/*
 * The level of a score, not NAN, in a chart of nlevels levels: 0 for the
 * bottom of the instrument's scale to nlevels - 1 for its top, the
 * nearest, and a score off the scale at its end.
 */
int
review_level(const struct instrument *in, double v, int nlevels)
{
	int	 level;

	level = (int)floor((v - in->min) / (in->max - in->min) *
	    (nlevels - 1) + 0.5);
	return level < 0 ? 0 : level > nlevels - 1 ? nlevels - 1 : level;
}

/*
 * Whether two people's scores of dimension d are worth a talk: both have
 * one, and they differ by REVIEW_TALK_GAP or more as shown, rounded to a
 * tenth (less a hair for the tenths that a double cannot hold exactly).
 * The overall score is no subject of its own (d is ndims).
 */
bool
review_talk(const struct instrument *in, size_t d, double a, double b)
{
	return d < in->ndims && !isnan(a) && !isnan(b) &&
	    fabs(score_round(a) - score_round(b)) >= REVIEW_TALK_GAP - 1e-9;
}
