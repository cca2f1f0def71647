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
 * check_review: what score report and compare work out from check-ins
 * once they are read (the latest, the lowest and strongest dimensions,
 * the columns and levels of the chart, the weeks of a period, what is
 * worth a talk), against cases worked out by hand.  The check-ins are
 * built in memory; check_checkin reads them from journals.
 */

#include "config.h"

#include <check.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checkutil.h"
#include "rapport.h"

/* Four dimensions on a 1 to 5 scale. */
static const char four[] =
    "title Four\n"
    "scale 1 never\n"
    "scale 2 rarely\n"
    "scale 3 sometimes\n"
    "scale 4 often\n"
    "scale 5 always\n"
    "dimension a cat-a alpha\n"
    "item a1 did + A did.\n"
    "item a2 felt + A felt.\n"
    "dimension b cat-b beta\n"
    "item b1 did + B did.\n"
    "item b2 felt + B felt.\n"
    "dimension c cat-c gamma\n"
    "item c1 did + C did.\n"
    "item c2 felt + C felt.\n"
    "dimension d cat-d delta\n"
    "item d1 did + D did.\n"
    "item d2 felt + D felt.\n";

static struct instrument in;
static struct review	 r;
static struct cread	 c;
static double		 dims[4];

static void
setup(void)
{
	char	 err[ERRBUF_SIZE];

	ck_assert_msg(instrument_parse(&in, "four", four, strlen(four), err,
	    sizeof(err)) == 0, "%s", err);
	ck_assert_uint_eq(in.ndims, 4);
	memset(&r, 0, sizeof(r));
	r.in = &in;
	memset(&c, 0, sizeof(c));
	c.dims = dims;
}

static void
teardown(void)
{
	instrument_free(&in);
}

/* The check-in c scores a, b, c and d. */
static void
scores(double a, double b, double cc, double d)
{
	dims[0] = a;
	dims[1] = b;
	dims[2] = cc;
	dims[3] = d;
}

/* The strongest of c above low, ntop at most: want them, in order. */
static void
strongest_are(size_t low, size_t ntop, size_t nwant, ...)
{
	size_t	 top[4], n, i;
	va_list	 ap;

	n = review_strongest(&r, &c, low, top, ntop);
	ck_assert_uint_eq(n, nwant);
	va_start(ap, nwant);
	for (i = 0; i < n; i++)
		ck_assert_uint_eq(top[i], va_arg(ap, size_t));
	va_end(ap);
}

/* Check-ins on days 10, 17 and 24, in order of time as review_finish. */
START_TEST(test_latest_and_count)
{
	struct cread	 three[3];

	ck_assert_ptr_null(review_latest(&r, LONG_MIN));
	ck_assert_uint_eq(review_count(&r, LONG_MIN), 0);
	memset(three, 0, sizeof(three));
	three[0].day = 10;
	three[1].day = 17;
	three[2].day = 24;
	r.checkins = three;
	r.ncheckins = 3;
	ck_assert_ptr_eq(review_latest(&r, LONG_MIN), &three[2]);
	ck_assert_ptr_eq(review_latest(&r, 20), &three[2]);
	ck_assert_ptr_eq(review_latest(&r, 24), &three[2]);
	ck_assert_ptr_null(review_latest(&r, 25));
	ck_assert_uint_eq(review_count(&r, LONG_MIN), 3);
	ck_assert_uint_eq(review_count(&r, 17), 2);
	ck_assert_uint_eq(review_count(&r, 18), 1);
	ck_assert_uint_eq(review_count(&r, 25), 0);
}
END_TEST

START_TEST(test_lowest)
{
	scores(3.0, 2.0, 4.0, 2.5);
	ck_assert_uint_eq(review_lowest(&r, &c), 1);
	/* Ties: the first. */
	scores(2.0, 3.0, 2.0, 4.0);
	ck_assert_uint_eq(review_lowest(&r, &c), 0);
	/* As shown: 2.04 is 2.0, the same as b's, and comes first. */
	scores(2.04, 2.0, 3.0, 3.0);
	ck_assert_uint_eq(review_lowest(&r, &c), 0);
	/* Dimensions without a score are passed over, the first too. */
	scores(NAN, 3.0, NAN, 2.0);
	ck_assert_uint_eq(review_lowest(&r, &c), 3);
	scores(NAN, 4.0, 4.0, 4.0);
	ck_assert_uint_eq(review_lowest(&r, &c), 1);
	scores(NAN, NAN, NAN, NAN);
	ck_assert_uint_eq(review_lowest(&r, &c), CHECKIN_NOWHERE);
}
END_TEST

START_TEST(test_strongest)
{
	scores(3.0, 2.0, 4.0, 4.5);
	strongest_are(1, 2, 2, (size_t)3, (size_t)2);
	scores(2.5, 3.5, 4.5, 1.0);
	strongest_are(3, 2, 2, (size_t)2, (size_t)1);
	strongest_are(3, 1, 1, (size_t)2);
	strongest_are(3, 3, 3, (size_t)2, (size_t)1, (size_t)0);
	/* Ties: the first ones, the third left out of two. */
	scores(4.0, 2.0, 4.0, 4.0);
	strongest_are(1, 2, 2, (size_t)0, (size_t)2);
	strongest_are(1, 3, 3, (size_t)0, (size_t)2, (size_t)3);
	/* As shown: 4.04 and 4.0 tie, and the first comes first. */
	scores(4.0, 4.04, 1.0, 1.0);
	strongest_are(2, 2, 2, (size_t)0, (size_t)1);
	scores(4.04, 4.0, 1.0, 1.0);
	strongest_are(2, 2, 2, (size_t)0, (size_t)1);
	/* None above the lowest, or only some: what the others tie with. */
	scores(3.0, 3.0, 3.0, 3.0);
	strongest_are(0, 2, 0);
	scores(2.04, 2.0, 3.0, NAN);
	strongest_are(0, 2, 1, (size_t)2);
	/* Without a score, a dimension is not strong. */
	scores(NAN, 2.0, NAN, 3.0);
	strongest_are(1, 2, 1, (size_t)3);
	scores(NAN, NAN, NAN, NAN);
	strongest_are(CHECKIN_NOWHERE, 2, 0);
	/* No lowest: the highest of all. */
	scores(1.0, 5.0, 3.0, NAN);
	strongest_are(CHECKIN_NOWHERE, 2, 2, (size_t)1, (size_t)2);
}
END_TEST

/* Two columns of equal or unequal shares of the weeks, and one each. */
START_TEST(test_columns)
{
	double	 w4[4] = { 1, 3, NAN, 5 }, gap[4] = { NAN, NAN, 4, 2 };
	double	 w5[5] = { 1, 2, 3, 4, 5 }, w3[3] = { 2, NAN, 4 }, cols[3];

	review_columns(w4, 4, cols, 2);
	ck_assert(fabs(cols[0] - 2.0) < 1e-9 && fabs(cols[1] - 5.0) < 1e-9);
	review_columns(gap, 4, cols, 2);
	ck_assert(isnan(cols[0]) && fabs(cols[1] - 3.0) < 1e-9);
	/* Five weeks in two columns: weeks 0-1, then 2-4. */
	review_columns(w5, 5, cols, 2);
	ck_assert(fabs(cols[0] - 1.5) < 1e-9 && fabs(cols[1] - 4.0) < 1e-9);
	review_columns(w3, 3, cols, 3);
	ck_assert(fabs(cols[0] - 2.0) < 1e-9 && isnan(cols[1]) &&
	    fabs(cols[2] - 4.0) < 1e-9);
}
END_TEST

/* On 1 to 5 in 8 levels, a point is 7/4 of a level. */
START_TEST(test_level)
{
	ck_assert_int_eq(review_level(&in, 1.0, 8), 0);
	ck_assert_int_eq(review_level(&in, 2.0, 8), 2);	/* 1.75 */
	ck_assert_int_eq(review_level(&in, 3.0, 8), 4);	/* 3.5, up */
	ck_assert_int_eq(review_level(&in, 4.0, 8), 5);	/* 5.25 */
	ck_assert_int_eq(review_level(&in, 5.0, 8), 7);
	ck_assert_int_eq(review_level(&in, 0.5, 8), 0);
	ck_assert_int_eq(review_level(&in, 6.0, 8), 7);
	ck_assert_int_eq(review_level(&in, 2.9, 2), 0);
	ck_assert_int_eq(review_level(&in, 3.0, 2), 1);
}
END_TEST

START_TEST(test_talk)
{
	ck_assert(review_talk(&in, 0, 2.0, 3.0));
	ck_assert(review_talk(&in, 3, 5.0, 1.0));
	ck_assert(!review_talk(&in, 0, 2.0, 2.9));
	/* As shown: 2.0 and 3.0, though 0.92 apart. */
	ck_assert(review_talk(&in, 0, 2.04, 2.96));
	/* 4.1 - 3.1 is 0.9999999999999996 in binary: still a point. */
	ck_assert(review_talk(&in, 1, 4.1, 3.1));
	ck_assert(!review_talk(&in, 0, NAN, 3.0));
	ck_assert(!review_talk(&in, 0, 3.0, NAN));
	/* The overall score is no subject of its own. */
	ck_assert(!review_talk(&in, in.ndims, 1.0, 5.0));
}
END_TEST

/* 2026-11-22 is a Sunday, 2026-11-25 a Wednesday. */
START_TEST(test_nweeks)
{
	long	 sun = date_days(2026, 11, 22), wed = date_days(2026, 11, 25);

	ck_assert_uint_eq(review_nweeks(wed, wed, 1), 1);
	ck_assert_uint_eq(review_nweeks(sun, wed, 1), 2);
	ck_assert_uint_eq(review_nweeks(sun, wed, 0), 1);
	ck_assert_uint_eq(review_nweeks(sun - 1, wed, 0), 2);
	ck_assert_uint_eq(review_nweeks(date_days(2026, 10, 5), wed, 1), 8);
	/* From Sunday 2026-10-04: in the week of 09-28, or of itself. */
	ck_assert_uint_eq(review_nweeks(date_days(2026, 10, 4), wed, 1), 9);
	ck_assert_uint_eq(review_nweeks(date_days(2026, 10, 4), wed, 0), 8);
}
END_TEST

/*
 * Daily ratings of one key, today day 100: the last 7 days are 94 to 100,
 * the 28 before them 66 to 93.  daily() rates n days from day first on,
 * one rating a day, the values taken in turn from those given.
 */
static struct dread	 ratings[2 * REVIEW_DAYS];

static void
daily(long first, int n, size_t nvalues, ...)
{
	va_list	 ap;
	double	 v[4];
	size_t	 i;
	int	 k;

	va_start(ap, nvalues);
	for (i = 0; i < nvalues; i++)
		v[i] = va_arg(ap, double);
	va_end(ap);
	for (k = 0; k < n; k++) {
		ratings[r.ndaily].day = first + k;
		ratings[r.ndaily].key = 0;
		ratings[r.ndaily].value = v[(size_t)k % nvalues];
		r.ndaily++;
	}
}

static void
daily_reset(void)
{
	r.today = 100;
	r.daily = ratings;
	r.ndaily = 0;
	r.nkeys = 1;
}

/*
 * The rule of score(1): up or down when the 7 days' mean differs from the
 * 28 days' by more than their SD and by half a point, with 3 days rated
 * of the 7 and 7 of the 28; worked by hand.
 */
START_TEST(test_daily)
{
	struct dstat	 a, b;

	/*
	 * The case: 7 days of 4 against 28 days that average 2.5,
	 * 2 and 3 in turn.  SD of the 28: sqrt(28 * 0.25 / 27) = 0.51; the
	 * difference 1.5 is beyond it.  Up.
	 */
	daily_reset();
	daily(66, 28, 2, 2.0, 3.0);
	daily(94, 7, 1, 4.0);
	ck_assert_int_eq(review_daily(&r, 0, &a, &b), 1);
	ck_assert_int_eq(a.days, 7);
	ck_assert_int_eq(b.days, 28);
	ck_assert_double_eq_tol(a.mean, 4.0, 1e-9);
	ck_assert_double_eq_tol(b.mean, 2.5, 1e-9);
	ck_assert_double_eq_tol(b.sd, 0.5092, 1e-4);
	/*
	 * 28 days of 2 and 4 in turn, mean 3, SD sqrt(28 / 27) = 1.018: a
	 * week of 4 is 1.0 above, within the usual ups and downs.
	 */
	daily_reset();
	daily(66, 28, 2, 2.0, 4.0);
	daily(94, 7, 1, 4.0);
	ck_assert_int_eq(review_daily(&r, 0, &a, &b), 0);
	/* A week of 5 is 2.0 above: up. */
	daily_reset();
	daily(66, 28, 2, 2.0, 4.0);
	daily(94, 7, 1, 5.0);
	ck_assert_int_eq(review_daily(&r, 0, &a, &b), 1);
	/*
	 * 28 days of 3, SD 0: half a point is the bar.  5 days of 3.4 (a
	 * day's value is the mean of its ratings) are within it; 5 days of
	 * 3.5 are up.
	 */
	daily_reset();
	daily(66, 28, 1, 3.0);
	daily(96, 5, 1, 3.4);
	ck_assert_int_eq(review_daily(&r, 0, &a, &b), 0);
	daily_reset();
	daily(66, 28, 1, 3.0);
	daily(96, 5, 1, 3.5);
	ck_assert_int_eq(review_daily(&r, 0, &a, &b), 1);
	/* Down: 3 days of 2 against 10 days of 4. */
	daily_reset();
	daily(80, 10, 1, 4.0);
	daily(98, 3, 1, 2.0);
	ck_assert_int_eq(review_daily(&r, 0, &a, &b), -1);
	/* Too few days: 2 of the 7, or 6 of the 28. */
	daily_reset();
	daily(80, 10, 1, 4.0);
	daily(99, 2, 1, 2.0);
	ck_assert_int_eq(review_daily(&r, 0, &a, &b), 0);
	ck_assert_int_eq(a.days, 2);
	daily_reset();
	daily(80, 6, 1, 4.0);
	daily(98, 3, 1, 2.0);
	ck_assert_int_eq(review_daily(&r, 0, &a, &b), 0);
	ck_assert_int_eq(b.days, 6);
	/* Two ratings on a day make one value, their mean. */
	daily_reset();
	daily(66, 28, 1, 2.0);
	daily(66, 28, 1, 3.0);
	daily(94, 7, 1, 4.0);
	ck_assert_int_eq(review_daily(&r, 0, &a, &b), 1);
	ck_assert_int_eq(b.days, 28);
	ck_assert_double_eq_tol(b.mean, 2.5, 1e-9);
	r.daily = NULL;
	r.ndaily = 0;
}
END_TEST

static Suite *
review_suite(void)
{
	Suite	*s;
	TCase	*tc;

	s = suite_create("review");
	tc = tcase_create("analysis");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_latest_and_count);
	tcase_add_test(tc, test_lowest);
	tcase_add_test(tc, test_strongest);
	tcase_add_test(tc, test_columns);
	tcase_add_test(tc, test_level);
	tcase_add_test(tc, test_talk);
	tcase_add_test(tc, test_nweeks);
	tcase_add_test(tc, test_daily);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return check_run("check_review", review_suite(), NULL);
}
