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

#include "config.h"

#include <check.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "checkutil.h"
#include "rapport.h"

/* Offsets of New York, in minutes east of UTC. */
#define EST		(-5 * 60)
#define EDT		(-4 * 60)

/*
 * The instant of a wall-clock time at a UTC offset of off minutes, counted
 * without the C library: days from 1970-01-01 by H. Hinnant's
 * days_from_civil, so that expected values do not come from the mktime(3)
 * and timegm(3) that the code under test uses.
 */
static time_t
at(int y, int m, int d, int hh, int mm, int ss, int off)
{
	long	 era, yoe, doy, doe, days;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153L * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	days = era * 146097 + doe - 719468;
	return (time_t)days * 86400 + hh * 3600 + mm * 60 + ss -
	    (time_t)off * 60;
}

/* Midnight starting a day, at a UTC offset. */
static time_t
day(int y, int m, int d, int off)
{
	return at(y, m, d, 0, 0, 0, off);
}

/* "Now" as a local wall-clock time, through mktime(3). */
static time_t
local(int y, int m, int d, int hh, int mm, int ss)
{
	struct tm	 tm;
	time_t		 t;

	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	tm.tm_hour = hh;
	tm.tm_min = mm;
	tm.tm_sec = ss;
	tm.tm_isdst = -1;
	t = mktime(&tm);
	ck_assert(t != (time_t)-1);
	return t;
}

static void
check_range(const char *s, time_t now, time_t start, time_t end,
    bool allday)
{
	struct jrange	 r;

	memset(&r, 0, sizeof(r));
	ck_assert_msg(when_parse(s, now, 1, &r) == 0, "\"%s\" was rejected: %s",
	    s, strerror(errno));
	ck_assert_msg(r.start == start && r.end == end, "\"%s\": [%lld, %lld)"
	    " not [%lld, %lld), %+lld s and %+lld s off", s,
	    (long long)r.start, (long long)r.end, (long long)start,
	    (long long)end, (long long)(r.start - start),
	    (long long)(r.end - end));
	ck_assert_msg(r.allday == allday, "\"%s\": allday %d", s, r.allday);
}

/* A whole day: [start, end). */
static void
check_days(const char *s, time_t now, time_t start, time_t end)
{
	check_range(s, now, start, end, true);
}

/* An instant. */
static void
check_instant(const char *s, time_t now, time_t t)
{
	check_range(s, now, t, t, false);
}

static void
check_bad(const char *s, time_t now)
{
	struct jrange	 r;

	errno = 0;
	ck_assert_msg(when_parse(s, now, 1, &r) == -1, "\"%s\" was accepted: "
	    "[%lld, %lld)", s, (long long)r.start, (long long)r.end);
	ck_assert_msg(errno == EINVAL, "\"%s\": errno %d", s, errno);
}

/* The helper above agrees with values computed by Python's datetime. */
START_TEST(test_reference_instants)
{
	ck_assert_int_eq(at(1970, 1, 1, 0, 0, 0, 0), 0);
	ck_assert_int_eq(day(2026, 3, 1, 0), 1772323200);
	ck_assert_int_eq(at(2026, 3, 1, 10, 20, 30, 330), 1772340630);
	ck_assert_int_eq(at(2026, 3, 1, 10, 20, 30, -480), 1772389230);
	ck_assert_int_eq(day(2028, 2, 29, 0), 1835395200);
	ck_assert_int_eq(at(2026, 12, 31, 23, 59, 59, 0), 1798761599);
	ck_assert(check_set_zone("UTC"));
	ck_assert_int_eq(local(2026, 3, 4, 15, 30, 0),
	    at(2026, 3, 4, 15, 30, 0, 0));
}
END_TEST

/* Wednesday 4 March 2026, 15:30 UTC. */
START_TEST(test_days_utc)
{
	time_t	 now;

	ck_assert(check_set_zone("UTC"));
	now = local(2026, 3, 4, 15, 30, 0);
	check_days("today", now, day(2026, 3, 4, 0), day(2026, 3, 5, 0));
	check_days("yesterday", now, day(2026, 3, 3, 0), day(2026, 3, 4, 0));
	check_days("0 days ago", now, day(2026, 3, 4, 0), day(2026, 3, 5, 0));
	check_days("0d", now, day(2026, 3, 4, 0), day(2026, 3, 5, 0));
	check_days("1 day ago", now, day(2026, 3, 3, 0), day(2026, 3, 4, 0));
	check_days("1d", now, day(2026, 3, 3, 0), day(2026, 3, 4, 0));
	check_days("3 days ago", now, day(2026, 3, 1, 0), day(2026, 3, 2, 0));
	check_days("3d", now, day(2026, 3, 1, 0), day(2026, 3, 2, 0));
	check_days("10d", now, day(2026, 2, 22, 0), day(2026, 2, 23, 0));
	check_days("40 days ago", now, day(2026, 1, 23, 0),
	    day(2026, 1, 24, 0));
	check_days("365d", now, day(2025, 3, 4, 0), day(2025, 3, 5, 0));
	check_days("100000d", now, day(1752, 5, 19, 0), day(1752, 5, 20, 0));
	check_days("1 week ago", now, day(2026, 2, 25, 0),
	    day(2026, 2, 26, 0));
	check_days("1w", now, day(2026, 2, 25, 0), day(2026, 2, 26, 0));
	check_days("2 weeks ago", now, day(2026, 2, 18, 0),
	    day(2026, 2, 19, 0));
	check_days("2w", now, day(2026, 2, 18, 0), day(2026, 2, 19, 0));
	check_days("0w", now, day(2026, 3, 4, 0), day(2026, 3, 5, 0));
}
END_TEST

START_TEST(test_last_weekday)
{
	static const struct {
		const char	*s;
		int		 m, d;
	} wed[] = {
		{ "last monday", 3, 2 },
		{ "last tuesday", 3, 3 },
		{ "last wednesday", 2, 25 },	/* today is one */
		{ "last thursday", 2, 26 },
		{ "last friday", 2, 27 },
		{ "last saturday", 2, 28 },
		{ "last sunday", 3, 1 },
	}, sun[] = {
		{ "last monday", 3, 2 },
		{ "last saturday", 3, 7 },
		{ "last sunday", 3, 1 },	/* today is one */
	}, mon[] = {
		{ "last monday", 3, 2 },	/* today is one */
		{ "last tuesday", 3, 3 },
		{ "last sunday", 3, 8 },
	};
	time_t	 now;
	size_t	 i;

	ck_assert(check_set_zone("UTC"));
	now = local(2026, 3, 4, 15, 30, 0);
	for (i = 0; i < nitems(wed); i++)
		check_days(wed[i].s, now, day(2026, wed[i].m, wed[i].d, 0),
		    day(2026, wed[i].m, wed[i].d + 1, 0));
	now = local(2026, 3, 8, 23, 59, 59);
	for (i = 0; i < nitems(sun); i++)
		check_days(sun[i].s, now, day(2026, sun[i].m, sun[i].d, 0),
		    day(2026, sun[i].m, sun[i].d + 1, 0));
	now = local(2026, 3, 9, 0, 0, 0);
	for (i = 0; i < nitems(mon); i++)
		check_days(mon[i].s, now, day(2026, mon[i].m, mon[i].d, 0),
		    day(2026, mon[i].m, mon[i].d + 1, 0));
}
END_TEST

/* Weeks start on Monday, whatever day today is. */
START_TEST(test_weeks)
{
	time_t	 now;

	ck_assert(check_set_zone("UTC"));
	now = local(2026, 3, 4, 15, 30, 0);		/* a Wednesday */
	check_days("this week", now, day(2026, 3, 2, 0), day(2026, 3, 9, 0));
	check_days("last week", now, day(2026, 2, 23, 0), day(2026, 3, 2, 0));
	now = local(2026, 3, 8, 23, 59, 59);		/* a Sunday */
	check_days("this week", now, day(2026, 3, 2, 0), day(2026, 3, 9, 0));
	check_days("last week", now, day(2026, 2, 23, 0), day(2026, 3, 2, 0));
	check_days("today", now, day(2026, 3, 8, 0), day(2026, 3, 9, 0));
	now = local(2026, 3, 9, 0, 0, 0);		/* a Monday */
	check_days("this week", now, day(2026, 3, 9, 0), day(2026, 3, 16, 0));
	check_days("last week", now, day(2026, 3, 2, 0), day(2026, 3, 9, 0));
	check_days("today", now, day(2026, 3, 9, 0), day(2026, 3, 10, 0));
	check_days("yesterday", now, day(2026, 3, 8, 0), day(2026, 3, 9, 0));
	now = local(2026, 1, 1, 8, 0, 0);		/* a Thursday */
	check_days("this week", now, day(2025, 12, 29, 0),
	    day(2026, 1, 5, 0));
	check_days("last week", now, day(2025, 12, 22, 0),
	    day(2025, 12, 29, 0));
	check_days("yesterday", now, day(2025, 12, 31, 0),
	    day(2026, 1, 1, 0));
	check_days("last friday", now, day(2025, 12, 26, 0),
	    day(2025, 12, 27, 0));
}
END_TEST

/* Weeks from Sunday, as [journal] week-start = sunday has them. */
START_TEST(test_weeks_from_sunday)
{
	struct jrange	 r;
	time_t		 now;

	ck_assert(check_set_zone("UTC"));
	now = local(2026, 3, 4, 15, 30, 0);		/* a Wednesday */
	ck_assert_int_eq(when_parse("this week", now, 0, &r), 0);
	ck_assert(r.start == day(2026, 3, 1, 0) && r.end == day(2026, 3, 8, 0));
	ck_assert_int_eq(when_parse("last week", now, 0, &r), 0);
	ck_assert(r.start == day(2026, 2, 22, 0) &&
	    r.end == day(2026, 3, 1, 0));
	now = local(2026, 3, 8, 9, 0, 0);		/* a Sunday */
	ck_assert_int_eq(when_parse("this week", now, 0, &r), 0);
	ck_assert(r.start == day(2026, 3, 8, 0) &&
	    r.end == day(2026, 3, 15, 0));
}
END_TEST

START_TEST(test_months)
{
	time_t	 now;

	ck_assert(check_set_zone("UTC"));
	now = local(2026, 3, 4, 15, 30, 0);
	check_days("this month", now, day(2026, 3, 1, 0), day(2026, 4, 1, 0));
	check_days("last month", now, day(2026, 2, 1, 0), day(2026, 3, 1, 0));
	now = local(2026, 1, 15, 12, 0, 0);
	check_days("this month", now, day(2026, 1, 1, 0), day(2026, 2, 1, 0));
	check_days("last month", now, day(2025, 12, 1, 0),
	    day(2026, 1, 1, 0));
	now = local(2025, 12, 20, 12, 0, 0);
	check_days("this month", now, day(2025, 12, 1, 0),
	    day(2026, 1, 1, 0));
	check_days("last month", now, day(2025, 11, 1, 0),
	    day(2025, 12, 1, 0));
	now = local(2026, 3, 31, 23, 0, 0);
	check_days("last month", now, day(2026, 2, 1, 0), day(2026, 3, 1, 0));
	now = local(2024, 3, 31, 23, 0, 0);
	check_days("last month", now, day(2024, 2, 1, 0), day(2024, 3, 1, 0));
	now = local(2026, 1, 5, 9, 0, 0);
	check_days("10d", now, day(2025, 12, 26, 0), day(2025, 12, 27, 0));
}
END_TEST

START_TEST(test_iso)
{
	time_t	 now;

	ck_assert(check_set_zone("UTC"));
	now = local(2026, 3, 4, 15, 30, 0);
	check_days("2026-02-28", now, day(2026, 2, 28, 0), day(2026, 3, 1, 0));
	check_days("2028-02-29", now, day(2028, 2, 29, 0), day(2028, 3, 1, 0));
	check_days("2025-12-31", now, day(2025, 12, 31, 0),
	    day(2026, 1, 1, 0));
	check_instant("2026-03-01T10:20:30Z", now,
	    at(2026, 3, 1, 10, 20, 30, 0));
	check_instant("2026-03-01 10:20:30Z", now,
	    at(2026, 3, 1, 10, 20, 30, 0));
	check_instant("2026-03-01T10:20:30+05:30", now,
	    at(2026, 3, 1, 10, 20, 30, 330));
	check_instant("2026-03-01 10:20:30-08:00", now,
	    at(2026, 3, 1, 10, 20, 30, -480));
	check_instant("2026-03-01T10:20:30", now,
	    at(2026, 3, 1, 10, 20, 30, 0));
	check_instant("2026-03-01 10:20:30", now,
	    at(2026, 3, 1, 10, 20, 30, 0));
	check_instant("2026-03-01T10:20", now, at(2026, 3, 1, 10, 20, 0, 0));
	check_instant("2026-03-01 10:20", now, at(2026, 3, 1, 10, 20, 0, 0));
}
END_TEST

/*
 * The grammar in when.c's comment, YYYY-MM-DDThh:mm[:ss][Z|+hh:mm], lets
 * the seconds be left out of a time that has an offset.
 */
START_TEST(test_iso_no_seconds_offset)
{
	time_t	 now;

	ck_assert(check_set_zone("UTC"));
	now = local(2026, 3, 4, 15, 30, 0);
	check_instant("2026-03-01T10:20Z", now, at(2026, 3, 1, 10, 20, 0, 0));
	check_instant("2026-03-01T10:20+01:00", now,
	    at(2026, 3, 1, 10, 20, 0, 60));
	check_instant("2026-03-01 10:20-05:00", now,
	    at(2026, 3, 1, 10, 20, 0, -300));
}
END_TEST

/*
 * New York: days of 23 and 25 hours around the changes of its clocks, and
 * a now whose UTC date is not the local one.
 */
START_TEST(test_new_york)
{
	time_t	 now;

	if (!check_set_zone("America/New_York"))
		return;
	now = local(2026, 3, 9, 12, 0, 0);	/* Monday, the day after */
	ck_assert_int_eq(now, at(2026, 3, 9, 12, 0, 0, EDT));
	check_days("today", now, day(2026, 3, 9, EDT), day(2026, 3, 10, EDT));
	check_days("yesterday", now, day(2026, 3, 8, EST),
	    day(2026, 3, 9, EDT));
	check_days("1 day ago", now, day(2026, 3, 8, EST),
	    day(2026, 3, 9, EDT));
	check_days("2d", now, day(2026, 3, 7, EST), day(2026, 3, 8, EST));
	check_days("1w", now, day(2026, 3, 2, EST), day(2026, 3, 3, EST));
	check_days("last sunday", now, day(2026, 3, 8, EST),
	    day(2026, 3, 9, EDT));
	check_days("this week", now, day(2026, 3, 9, EDT),
	    day(2026, 3, 16, EDT));
	check_days("last week", now, day(2026, 3, 2, EST),
	    day(2026, 3, 9, EDT));
	check_days("this month", now, day(2026, 3, 1, EST),
	    day(2026, 4, 1, EDT));
	check_days("last month", now, day(2026, 2, 1, EST),
	    day(2026, 3, 1, EST));
	check_days("2026-03-08", now, day(2026, 3, 8, EST),
	    day(2026, 3, 9, EDT));
	check_instant("2026-03-08T12:00", now, at(2026, 3, 8, 12, 0, 0, EDT));
	check_instant("2026-03-07 23:30:15", now,
	    at(2026, 3, 7, 23, 30, 15, EST));
	check_instant("2026-03-08T12:00:00Z", now,
	    at(2026, 3, 8, 12, 0, 0, 0));

	now = local(2026, 11, 2, 10, 0, 0);	/* Monday, the day after */
	check_days("yesterday", now, day(2026, 11, 1, EDT),
	    day(2026, 11, 2, EST));
	check_days("last week", now, day(2026, 10, 26, EDT),
	    day(2026, 11, 2, EST));

	/* 21:00 in New York, already 02:00 the next day in UTC. */
	now = at(2026, 3, 5, 2, 0, 0, 0);
	check_days("today", now, day(2026, 3, 4, EST), day(2026, 3, 5, EST));
	check_days("2026-03-05", now, day(2026, 3, 5, EST),
	    day(2026, 3, 6, EST));
}
END_TEST

START_TEST(test_rejects)
{
	static const char *const bad[] = {
		"blorp", "", " ", "today ", " today", "Today", "TODAY",
		"to day", "tomorrow", "yesterday ago",
		"3 day ago",		/* a count above one takes "days" */
		"1 days ago",		/* and one takes "day": exact forms */
		"0 day ago", "3 days", "3 days  ago", "3  days ago",
		"3 days ago ", "3days ago", "three days ago", "a day ago",
		"-3d", "+3d", "3", "d", "3x", "3D", "3 d", "3dd", "1e3d",
		"10000000d", "100001d", "99999999999999999999d",
		"3 weeks", "3wk", "1 weeks ago", "3 week ago",
		"last", "last ", "last funday", "last  monday", "lastmonday",
		"last Monday", "last mon", "next monday", "monday",
		"this year", "next week", "this weeks", "this  week",
		"last months", "this month ago",
		"2026-13-01", "2026-02-30", "2026-3-1", "2026/03/01",
		"03/01/2026", "2026-03-01x", "2026-03-01 ", "2026-03-01T",
		"2026-03-01T10", "2026-03-01T10:2", "2026-03-01T25:00",
		"2026-03-01T10:60", "2026-03-01x10:20",
		"2026-03-01T10:20:30+0100", "2026-03-01T10:20:30+25:00",
		"2026-03-01T10:20:30Zjunk", "2026-03-01T10:20:30.5Z",
	};
	time_t	 now;
	size_t	 i;

	ck_assert(check_set_zone("UTC"));
	now = local(2026, 3, 4, 15, 30, 0);
	for (i = 0; i < nitems(bad); i++)
		check_bad(bad[i], now);
}
END_TEST

START_TEST(test_now_pinned)
{
	time_t	 now;

	ck_assert(check_set_zone("UTC"));
	ck_assert_int_eq(setenv("JOURNAL_NOW", "2026-03-04T15:30:00+01:00",
	    1), 0);
	ck_assert_int_eq(when_now(&now), 0);
	ck_assert_int_eq(now, at(2026, 3, 4, 15, 30, 0, 60));
	ck_assert_int_eq(setenv("JOURNAL_NOW", "2026-03-04T15:30:00Z", 1), 0);
	ck_assert_int_eq(when_now(&now), 0);
	ck_assert_int_eq(now, at(2026, 3, 4, 15, 30, 0, 0));

	/* A date is its local noon. */
	ck_assert_int_eq(setenv("JOURNAL_NOW", "2026-03-04", 1), 0);
	ck_assert_int_eq(when_now(&now), 0);
	ck_assert_int_eq(now, at(2026, 3, 4, 12, 0, 0, 0));
	if (check_set_zone("America/New_York")) {
		ck_assert_int_eq(when_now(&now), 0);
		ck_assert_int_eq(now, at(2026, 3, 4, 12, 0, 0, EST));
	}
	if (check_set_zone("Pacific/Kiritimati")) {
		ck_assert_int_eq(when_now(&now), 0);
		ck_assert_int_eq(now, at(2026, 3, 4, 12, 0, 0, 14 * 60));
	}
	if (check_set_zone("Pacific/Pago_Pago")) {
		ck_assert_int_eq(when_now(&now), 0);
		ck_assert_int_eq(now, at(2026, 3, 4, 12, 0, 0, -11 * 60));
	}
}
END_TEST

START_TEST(test_now_garbage)
{
	static const char *const bad[] = {
		"blorp", "yesterday", "today", "2026-03-04T15:30",
		"2026-02-30", "2026-03-04T15:30:00", "1772638200", " ",
	};
	time_t	 now;
	size_t	 i;

	for (i = 0; i < nitems(bad); i++) {
		ck_assert_int_eq(setenv("JOURNAL_NOW", bad[i], 1), 0);
		ck_assert_msg(when_now(&now) == -1, "JOURNAL_NOW=\"%s\" was "
		    "accepted", bad[i]);
	}
}
END_TEST

START_TEST(test_now_clock)
{
	time_t	 now, before, after;

	ck_assert_int_eq(unsetenv("JOURNAL_NOW"), 0);
	before = time(NULL);
	ck_assert_int_eq(when_now(&now), 0);
	after = time(NULL);
	ck_assert(now >= before && now <= after);

	ck_assert_int_eq(setenv("JOURNAL_NOW", "", 1), 0);
	before = time(NULL);
	ck_assert_int_eq(when_now(&now), 0);
	after = time(NULL);
	ck_assert(now >= before && now <= after);
}
END_TEST

static Suite *
when_suite(void)
{
	Suite	*s;
	TCase	*tc;

	s = suite_create("when");

	tc = tcase_create("parse");
	tcase_add_test(tc, test_reference_instants);
	tcase_add_test(tc, test_days_utc);
	tcase_add_test(tc, test_last_weekday);
	tcase_add_test(tc, test_weeks);
	tcase_add_test(tc, test_weeks_from_sunday);
	tcase_add_test(tc, test_months);
	tcase_add_test(tc, test_iso);
	tcase_add_test(tc, test_iso_no_seconds_offset);
	tcase_add_test(tc, test_new_york);
	tcase_add_test(tc, test_rejects);
	suite_add_tcase(s, tc);

	tc = tcase_create("now");
	tcase_add_test(tc, test_now_pinned);
	tcase_add_test(tc, test_now_garbage);
	tcase_add_test(tc, test_now_clock);
	suite_add_tcase(s, tc);

	return s;
}

int
main(void)
{
	return check_run("check_when", when_suite(), NULL);
}
