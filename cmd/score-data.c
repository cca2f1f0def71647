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
 * score report and score compare as data for other programs on stdout:
 * TSV, a header and then a row per check-in or dimension, and JSON, one
 * object.  A period is given by its first day, the first day of a week.
 */

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "rapport.h"
#include "score.h"

static void	 tsv_rows(const struct review *, long);
static void	 json_person(struct json *, const struct review *, long,
		    size_t);
static void	 json_score(struct json *, const char *, double);
static void	 json_dimension(struct json *, const char *,
		    const struct review *, const struct cread *, long, size_t,
		    size_t, double *);

/* A row per check-in of the period: its date, scores and global items. */
static void
tsv_rows(const struct review *r, long start)
{
	const struct instrument	*in = r->in;
	const struct cread	*c;
	size_t			 i, d;
	char			 date[16];

	for (c = r->checkins; c < r->checkins + r->ncheckins; c++) {
		if (c->day < start)
			continue;
		day_string(c->day, date, sizeof(date));
		fputs(date, stdout);
		for (d = 0; d <= in->ndims; d++) {
			putchar('\t');
			if (!isnan(cread_score(r, c, d)))
				printf("%.1f", score_round(cread_score(r, c,
				    d)));
		}
		for (i = 0; i < in->nitems; i++) {
			if (in->items[i].dim != CHECKIN_NOWHERE)
				continue;
			putchar('\t');
			if (!isnan(c->items[i]))
				printf("%.0f", c->items[i]);
		}
		printf("\t%s\n", r->people[c->person]);
	}
}

/*
 * A header and the rows of each review in turn, the last field of a row
 * whom its check-in is about.
 */
void
report_tsv(const struct review *rs, size_t n, long start)
{
	const struct instrument	*in = rs->in;
	size_t			 i, d;

	printf("date");
	for (d = 0; d < in->ndims; d++)
		printf("\t%s", in->dims[d].key);
	printf("\t%s", CHECKIN_TOTAL);
	for (i = 0; i < in->nitems; i++)
		if (in->items[i].dim == CHECKIN_NOWHERE)
			printf("\t%s", in->items[i].key);
	printf("\tabout\n");
	for (i = 0; i < n; i++)
		tsv_rows(&rs[i], start);
}

/* A score to one decimal, or null for none. */
static void
json_score(struct json *j, const char *key, double v)
{
	if (isnan(v))
		json_null(j, key);
	else
		json_number(j, key, "%.1f", score_round(v));
}

/*
 * A dimension, or the total (d == in->ndims): its latest score and band,
 * its change and what the change rule used, and its weekly scores.
 */
static void
json_dimension(struct json *j, const char *key, const struct review *r,
    const struct cread *c, long start, size_t nweeks, size_t d,
    double *weeks)
{
	const struct instrument	*in = r->in;
	double			 v, delta;
	long			 base;
	size_t			 i;
	int			 dir;
	char			 date[16];

	json_object(j, key);
	if (d < in->ndims) {
		json_string(j, "key", in->dims[d].key);
		json_string(j, "name", in->dims[d].name);
		json_string(j, "category", in->dims[d].category);
	}
	v = c == NULL ? NAN : cread_score(r, c, d);
	json_score(j, "latest", v);
	if (isnan(v))
		json_null(j, "band");
	else
		json_string(j, "band", instrument_band(in, v));
	dir = review_change(r, start, d, &delta, &base);
	day_string(base, date, sizeof(date));
	json_string(j, "change", direction(dir));
	json_number(j, "difference", "%.1f", delta);
	json_string(j, "since", date);
	json_number(j, "threshold", "%.2f", r->threshold[d]);
	json_number(j, "sd", "%.2f", r->sd[d]);
	json_number(j, "alpha", "%.2f", r->alpha[d]);
	json_bool(j, "own_history", r->own[d]);
	review_weeks(r, start, d, weeks, nweeks);
	json_array(j, "weekly");
	for (i = 0; i < nweeks; i++)
		json_score(j, NULL, weeks[i]);
	json_array_end(j);
	json_object_end(j);
}

/*
 * What the JSON report says of one person: whom it is about, the
 * check-ins of the period, each dimension and the total, and the
 * strongest and weakest dimensions.
 */
static void
json_person(struct json *j, const struct review *r, long start,
    size_t nweeks)
{
	const struct instrument	*in = r->in;
	const struct cread	*c = review_latest(r, start), *p;
	double			*weeks;
	size_t			 d, i, low = CHECKIN_NOWHERE;
	size_t			 top[STRONG_MAX], n = 0;
	char			 date[16];

	if (person_of(r) == NULL)
		json_null(j, "about");
	else
		json_string(j, "about", person_of(r));
	json_array(j, "checkins");
	for (p = r->checkins; p < r->checkins + r->ncheckins; p++) {
		if (p->day < start)
			continue;
		json_object(j, NULL);
		day_string(p->day, date, sizeof(date));
		json_string(j, "date", date);
		json_object(j, "scores");
		for (d = 0; d <= in->ndims; d++)
			json_score(j, d < in->ndims ? in->dims[d].key :
			    CHECKIN_TOTAL, cread_score(r, p, d));
		json_object_end(j);
		json_object(j, "global");
		for (i = 0; i < in->nitems; i++) {
			if (in->items[i].dim != CHECKIN_NOWHERE)
				continue;
			if (isnan(p->items[i]))
				json_null(j, in->items[i].key);
			else
				json_number(j, in->items[i].key, "%.0f",
				    p->items[i]);
		}
		json_object_end(j);
		json_object_end(j);
	}
	json_array_end(j);
	weeks = xreallocarray(NULL, nweeks, sizeof(*weeks));
	json_array(j, "dimensions");
	for (d = 0; d < in->ndims; d++)
		json_dimension(j, NULL, r, c, start, nweeks, d, weeks);
	json_array_end(j);
	json_dimension(j, "total", r, c, start, nweeks, in->ndims, weeks);
	free(weeks);
	if (c != NULL) {
		low = review_lowest(r, c);
		n = review_strongest(r, c, low, top, STRONG_MAX);
	}
	json_array(j, "strongest");
	for (i = 0; i < n; i++)
		json_string(j, NULL, in->dims[top[i]].key);
	json_array_end(j);
	if (low == CHECKIN_NOWHERE)
		json_null(j, "weakest");
	else
		json_string(j, "weakest", in->dims[low].key);
}

/*
 * The report as one JSON object: the period, what json_person says of
 * the one person or, of more, an array of it, the daily ratings, and
 * what the report is not.
 */
void
report_json(const struct review *rs, size_t npeople, long start,
    size_t nweeks)
{
	const struct instrument	*in = rs->in;
	struct dstat		 recent, prior;
	struct json		 j;
	size_t			 i, k;
	char			 date[16];
	int			 dir;

	json_init(&j, stdout);
	json_object(&j, NULL);
	json_string(&j, "title", in->title);
	day_string(start, date, sizeof(date));
	json_string(&j, "from", date);
	day_string(rs->today, date, sizeof(date));
	json_string(&j, "to", date);
	json_number(&j, "weeks", "%zu", nweeks);
	json_array(&j, "scale");
	json_number(&j, NULL, "%d", in->min);
	json_number(&j, NULL, "%d", in->max);
	json_array_end(&j);
	if (npeople == 1)
		json_person(&j, rs, start, nweeks);
	else {
		json_array(&j, "people");
		for (i = 0; i < npeople; i++) {
			json_object(&j, NULL);
			json_person(&j, &rs[i], start, nweeks);
			json_object_end(&j);
		}
		json_array_end(&j);
	}
	json_array(&j, "daily");
	for (k = 0; k < rs->nkeys; k++) {
		dir = review_daily(rs, k, &recent, &prior);
		if (recent.days == 0 && prior.days == 0)
			continue;
		json_object(&j, NULL);
		json_string(&j, "key", rs->keys[k]);
		json_object(&j, "last7");
		json_score(&j, "mean", recent.mean);
		json_number(&j, "days", "%d", recent.days);
		json_object_end(&j);
		json_object(&j, "prior28");
		json_score(&j, "mean", prior.mean);
		json_number(&j, "days", "%d", prior.days);
		json_object_end(&j);
		json_string(&j, "change", daily_change(&recent, &prior, dir));
		json_object_end(&j);
	}
	json_array_end(&j);
	json_string(&j, "note", FOOTER);
	json_object_end(&j);
}

/* A row per dimension and the total: both scores and their difference. */
void
compare_tsv(const struct side *s)
{
	const struct instrument	*in = s[0].review.in;
	size_t			 d;
	double			 a, b;

	printf("dimension\tfirst\tsecond\tdifference\tcategory\n");
	for (d = 0; d <= in->ndims; d++) {
		a = cread_score(&s[0].review, s[0].latest, d);
		b = cread_score(&s[1].review, s[1].latest, d);
		printf("%s\t", d < in->ndims ? in->dims[d].key :
		    CHECKIN_TOTAL);
		if (!isnan(a))
			printf("%.1f", score_round(a));
		putchar('\t');
		if (!isnan(b))
			printf("%.1f", score_round(b));
		putchar('\t');
		if (!isnan(a) && !isnan(b))
			printf("%.1f", score_round(b) - score_round(a));
		printf("\t%s\n", d < in->ndims ? in->dims[d].category : "");
	}
}

/*
 * Both files and the dates of their check-ins, and per dimension and for
 * the total both scores and whether to talk about it, as one JSON object.
 */
void
compare_json(const struct side *s)
{
	static const char *const which[] = { "first", "second" };
	const struct instrument	*in = s[0].review.in;
	struct json		 j;
	size_t			 d, k;
	double			 a, b;
	char			 date[16];

	json_init(&j, stdout);
	json_object(&j, NULL);
	for (k = 0; k < 2; k++) {
		day_string(s[k].latest->day, date, sizeof(date));
		json_object(&j, which[k]);
		json_string(&j, "file", s[k].file);
		json_string(&j, "date", date);
		json_string(&j, "about",
		    s[k].review.people[s[k].latest->person]);
		json_object_end(&j);
	}
	json_array(&j, "dimensions");
	for (d = 0; d <= in->ndims; d++) {
		a = cread_score(&s[0].review, s[0].latest, d);
		b = cread_score(&s[1].review, s[1].latest, d);
		json_object(&j, NULL);
		json_string(&j, "key", d < in->ndims ? in->dims[d].key :
		    CHECKIN_TOTAL);
		json_score(&j, "first", a);
		json_score(&j, "second", b);
		json_bool(&j, "talk", review_talk(in, d, a, b));
		json_object_end(&j);
	}
	json_array_end(&j);
	json_string(&j, "note", FOOTER);
	json_object_end(&j);
}
