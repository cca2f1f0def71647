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
/* And of Berlin. */
#define CET		60
#define CEST		120

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

/* A phrase refused by every entry point, each with a reason. */
static void
check_bad(const char *s, time_t now)
{
	struct jrange	 r;
	struct jpoint	 p;
	char		 err[ERRBUF_SIZE];

	errno = 0;
	ck_assert_msg(when_parse(s, now, 1, &r) == -1, "\"%s\" was accepted: "
	    "[%lld, %lld)", s, (long long)r.start, (long long)r.end);
	ck_assert_msg(errno == EINVAL, "\"%s\": errno %d", s, errno);
	err[0] = '\0';
	ck_assert_msg(when_range(s, now, 1, &r, err, sizeof(err)) == -1 &&
	    err[0] != '\0', "\"%s\": when_range gave no reason", s);
	err[0] = '\0';
	ck_assert_msg(when_point(s, now, 1, &p, err, sizeof(err)) == -1 &&
	    err[0] != '\0', "\"%s\": when_point gave no reason", s);
}

/* A phrase refused with exactly this reason. */
static void
check_error(const char *s, time_t now, const char *want)
{
	struct jrange	 r;
	struct jpoint	 p;
	char		 err[ERRBUF_SIZE];

	ck_assert_msg(when_range(s, now, 1, &r, err, sizeof(err)) == -1,
	    "\"%s\" was accepted", s);
	ck_assert_msg(strcmp(err, want) == 0, "\"%s\": said \"%s\", not "
	    "\"%s\"", s, err, want);
	ck_assert_int_eq(errno, EINVAL);
	ck_assert_int_eq(when_point(s, now, 1, &p, err, sizeof(err)), -1);
	ck_assert_str_eq(err, want);
}

/* A point in time, and whether it has a time of day. */
static void
check_point(const char *s, time_t now, time_t t, bool timed)
{
	struct jpoint	 p;
	char		 err[ERRBUF_SIZE];

	ck_assert_msg(when_point(s, now, 1, &p, err, sizeof(err)) == 0,
	    "\"%s\" was rejected: %s", s, err);
	ck_assert_msg(p.t == t && p.timed == timed, "\"%s\": %lld (timed %d)"
	    " not %lld (timed %d), %+lld s off", s, (long long)p.t, p.timed,
	    (long long)t, timed, (long long)(p.t - t));
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
		"blorp", "", " ", "today ", " today", "to day", "tomorrow",
		"yesterday ago", "today\t9pm", "today\n",
		"3 day ago",		/* a count above one takes "days" */
		"1 days ago",		/* and one takes "day": exact forms */
		"0 day ago", "3 days", "3 days  ago", "3  days ago",
		"3 days ago ", "3days ago", "three days ago", "a day ago",
		"-3d", "+3d", "3", "d", "3x", "3 d", "3dd", "1e3d",
		"10000000d", "100001d", "99999999999999999999d",
		"3 weeks", "3wk", "1 weeks ago", "3 week ago",
		"last", "last ", "last funday", "last  monday", "lastmonday",
		"next monday", "this year", "next week", "this weeks",
		"this  week", "this night", "last morning", "tomorrow 9pm",
		"last months", "this month ago",
		"2026-13-01", "2026-02-30", "2026-3-1", "2026/03/01",
		"03/01/2026", "2026-03-01x", "2026-03-01 ", "2026-03-01T",
		"2026-03-01T10", "2026-03-01T10:2", "2026-03-01T25:00",
		"2026-03-01T10:60", "2026-03-01x10:20",
		"2026-03-01T10:20:30+0100", "2026-03-01T10:20:30+25:00",
		"2026-03-01T10:20:30Zjunk", "2026-03-01T10:20:30.5Z",
		"2026-03-01 10", "2026-03-01 9", "2026-03-01 10:20:30.5",
		"12/06", "6.12.2026", "2026/12/06", "12-06", "9", "0930",
		"24:00", "9:60", "0am", "13pm", "9pmm", "9 pmm", "9 p.m",
		"at", "at at 9pm", "at yesterday", "9pm at", "noon noon",
		"yesterday today", "yesterday 9pm noon", "9pm 9pm",
		"9pm this week", "9pm 3 hours ago", "9pm 2026-03-01T10:00",
		"last week 9pm", "tonight 9pm", "9pm tonight", "now 9pm",
		"this morning 9am", "3 hours ago 9pm", "dec", "dec 32",
		"dec 0", "dec 6,", "dec 6, 9pm", "6, dec", "dec 2st",
		"dec 11st", "dec 6 0000", "6 december 26", "31 nov",
		"feb 30", "feb 29 2027", "sept 6", "decem 6", "de 6",
		"1 hours ago", "2 hour ago", "3 minutes", "100001 hours ago",
		"mo", "fridays", "last fri day", "friday friday",
		"yesterday evening 9pm", "evening", "morning yesterday",
		"a.m.", "the day before yesterday",
	};
	time_t	 now;
	size_t	 i;

	ck_assert(check_set_zone("UTC"));
	now = local(2026, 3, 4, 15, 30, 0);
	for (i = 0; i < nitems(bad); i++)
		check_bad(bad[i], now);
}
END_TEST

/*
 * Phrases in words and what they name, on Monday 9 March 2026 at noon of
 * the clock, whatever the zone: a day or days, from y-m-d for ndays,
 * where hh is -1; else the instant of hh:mm:ss on y-m-d.
 */
static const struct {
	const char	*s;
	int		 y, m, d;
	int		 hh, mm, ss;
	int		 ndays;
} monday[] = {
	{ "today",		2026,  3,  9, -1,  0,  0, 1 },
	{ "Today",		2026,  3,  9, -1,  0,  0, 1 },
	{ "TODAY",		2026,  3,  9, -1,  0,  0, 1 },
	{ "yesterday",		2026,  3,  8, -1,  0,  0, 1 },
	{ "now",		2026,  3,  9, 12,  0,  0, 0 },
	{ "NOW",		2026,  3,  9, 12,  0,  0, 0 },
	{ "noon",		2026,  3,  9, 12,  0,  0, 0 },
	{ "midnight",		2026,  3,  9,  0,  0,  0, 0 },
	{ "tonight",		2026,  3,  9, 21,  0,  0, 0 },
	{ "this morning",	2026,  3,  9,  9,  0,  0, 0 },
	{ "this afternoon",	2026,  3,  9, 15,  0,  0, 0 },
	{ "this evening",	2026,  3,  9, 19,  0,  0, 0 },
	{ "last night",		2026,  3,  8, 21,  0,  0, 0 },
	{ "yesterday 9pm",	2026,  3,  8, 21,  0,  0, 0 },
	{ "yesterday 21:00",	2026,  3,  8, 21,  0,  0, 0 },
	{ "Yesterday 9 PM",	2026,  3,  8, 21,  0,  0, 0 },
	{ "yesterday at 9pm",	2026,  3,  8, 21,  0,  0, 0 },
	{ "yesterday at 21:30",	2026,  3,  8, 21, 30,  0, 0 },
	{ "9pm yesterday",	2026,  3,  8, 21,  0,  0, 0 },
	{ "at 9pm yesterday",	2026,  3,  8, 21,  0,  0, 0 },
	{ "yesterday 9:15:30pm", 2026,  3,  8, 21, 15, 30, 0 },
	{ "yesterday 12am",	2026,  3,  8,  0,  0,  0, 0 },
	{ "yesterday 12pm",	2026,  3,  8, 12,  0,  0, 0 },
	{ "yesterday 12:30 a.m.", 2026,  3,  8,  0, 30,  0, 0 },
	{ "yesterday noon",	2026,  3,  8, 12,  0,  0, 0 },
	{ "yesterday midnight",	2026,  3,  8,  0,  0,  0, 0 },
	{ "yesterday 9 a.m.",	2026,  3,  8,  9,  0,  0, 0 },
	{ "yesterday morning",	2026,  3,  8,  9,  0,  0, 0 },
	{ "yesterday afternoon", 2026,  3,  8, 15,  0,  0, 0 },
	{ "yesterday evening",	2026,  3,  8, 19,  0,  0, 0 },
	{ "yesterday night",	2026,  3,  8, 21,  0,  0, 0 },
	{ "friday",		2026,  3,  6, -1,  0,  0, 1 },
	{ "Friday",		2026,  3,  6, -1,  0,  0, 1 },
	{ "fri",		2026,  3,  6, -1,  0,  0, 1 },
	{ "friday 8:30",	2026,  3,  6,  8, 30,  0, 0 },
	{ "last friday 8:30",	2026,  3,  6,  8, 30,  0, 0 },
	{ "last friday at 8:30pm", 2026,  3,  6, 20, 30,  0, 0 },
	{ "8:30 last friday",	2026,  3,  6,  8, 30,  0, 0 },
	{ "monday",		2026,  3,  9, -1,  0,  0, 1 },	/* today */
	{ "last monday",	2026,  3,  2, -1,  0,  0, 1 },
	{ "Last Mon",		2026,  3,  2, -1,  0,  0, 1 },
	{ "sunday",		2026,  3,  8, -1,  0,  0, 1 },
	{ "last sunday",	2026,  3,  8, -1,  0,  0, 1 },
	{ "saturday night",	2026,  3,  7, 21,  0,  0, 0 },
	{ "tuesday",		2026,  3,  3, -1,  0,  0, 1 },
	{ "last tue",		2026,  3,  3, -1,  0,  0, 1 },
	{ "dec 6",		2025, 12,  6, -1,  0,  0, 1 },
	{ "Dec 6",		2025, 12,  6, -1,  0,  0, 1 },
	{ "december 6",		2025, 12,  6, -1,  0,  0, 1 },
	{ "dec 6th",		2025, 12,  6, -1,  0,  0, 1 },
	{ "6 dec",		2025, 12,  6, -1,  0,  0, 1 },
	{ "6th december",	2025, 12,  6, -1,  0,  0, 1 },
	{ "6 dec 2026",		2026, 12,  6, -1,  0,  0, 1 },
	{ "6 dec 2026 7pm",	2026, 12,  6, 19,  0,  0, 0 },
	{ "6 DEC 2026 7PM",	2026, 12,  6, 19,  0,  0, 0 },
	{ "dec 6, 2026",	2026, 12,  6, -1,  0,  0, 1 },
	{ "dec 6 2026 7:30pm",	2026, 12,  6, 19, 30,  0, 0 },
	{ "dec 6 evening",	2025, 12,  6, 19,  0,  0, 0 },
	{ "mar 9",		2026,  3,  9, -1,  0,  0, 1 },	/* today */
	{ "mar 10",		2025,  3, 10, -1,  0,  0, 1 },
	{ "march 1st 9am",	2026,  3,  1,  9,  0,  0, 0 },
	{ "jan 31",		2026,  1, 31, -1,  0,  0, 1 },
	{ "may 2",		2025,  5,  2, -1,  0,  0, 1 },
	{ "sep 22nd",		2025,  9, 22, -1,  0,  0, 1 },
	{ "nov 23rd",		2025, 11, 23, -1,  0,  0, 1 },
	{ "nov 11th",		2025, 11, 11, -1,  0,  0, 1 },
	{ "feb 29 2028",	2028,  2, 29, -1,  0,  0, 1 },
	{ "3 days ago",		2026,  3,  6, -1,  0,  0, 1 },
	{ "3d",			2026,  3,  6, -1,  0,  0, 1 },
	{ "3D",			2026,  3,  6, -1,  0,  0, 1 },
	{ "1 day ago",		2026,  3,  8, -1,  0,  0, 1 },
	{ "2 weeks ago",	2026,  2, 23, -1,  0,  0, 1 },
	{ "2w",			2026,  2, 23, -1,  0,  0, 1 },
	{ "3 days ago 9pm",	2026,  3,  6, 21,  0,  0, 0 },
	{ "3 days ago at noon",	2026,  3,  6, 12,  0,  0, 0 },
	{ "9pm",		2026,  3,  9, 21,  0,  0, 0 },
	{ "9 pm",		2026,  3,  9, 21,  0,  0, 0 },
	{ "7:05",		2026,  3,  9,  7,  5,  0, 0 },
	{ "at 8am",		2026,  3,  9,  8,  0,  0, 0 },
	{ "23:59:59",		2026,  3,  9, 23, 59, 59, 0 },
	{ "0:00",		2026,  3,  9,  0,  0,  0, 0 },
	{ "today 6pm",		2026,  3,  9, 18,  0,  0, 0 },
	{ "noon today",		2026,  3,  9, 12,  0,  0, 0 },
	{ "this week",		2026,  3,  9, -1,  0,  0, 7 },
	{ "THIS WEEK",		2026,  3,  9, -1,  0,  0, 7 },
	{ "last week",		2026,  3,  2, -1,  0,  0, 7 },
	{ "this month",		2026,  3,  1, -1,  0,  0, 31 },
	{ "last month",		2026,  2,  1, -1,  0,  0, 28 },
	{ "2026-03-06",		2026,  3,  6, -1,  0,  0, 1 },
	{ "2026-03-06 9pm",	2026,  3,  6, 21,  0,  0, 0 },
	{ "2026-03-06 at 9pm",	2026,  3,  6, 21,  0,  0, 0 },
	{ "2026-03-06T21:00",	2026,  3,  6, 21,  0,  0, 0 },
	{ "2026-03-06t21:00",	2026,  3,  6, 21,  0,  0, 0 },
	{ "2026-03-06 21:00:15", 2026,  3,  6, 21,  0, 15, 0 },
	{ "2026-03-06 evening",	2026,  3,  6, 19,  0,  0, 0 },
};

/* The table of phrases above, under one time zone. */
static void
check_monday(const char *zone)
{
	time_t	 now, start, end;
	size_t	 i;

	if (!check_set_zone(zone))
		return;
	now = local(2026, 3, 9, 12, 0, 0);
	for (i = 0; i < nitems(monday); i++) {
		if (monday[i].hh == -1) {
			start = local(monday[i].y, monday[i].m, monday[i].d,
			    0, 0, 0);
			end = local(monday[i].y, monday[i].m,
			    monday[i].d + monday[i].ndays, 0, 0, 0);
			check_days(monday[i].s, now, start, end);
			/* A point on that day at the time of the clock. */
			check_point(monday[i].s, now, local(monday[i].y,
			    monday[i].m, monday[i].d, 12, 0, 0), false);
			continue;
		}
		start = local(monday[i].y, monday[i].m, monday[i].d,
		    monday[i].hh, monday[i].mm, monday[i].ss);
		check_instant(monday[i].s, now, start);
		check_point(monday[i].s, now, start, true);
	}
}

START_TEST(test_words_utc)
{
	check_monday("UTC");
}
END_TEST

START_TEST(test_words_new_york)
{
	check_monday("America/New_York");
}
END_TEST

START_TEST(test_words_berlin)
{
	check_monday("Europe/Berlin");
}
END_TEST

START_TEST(test_words_kiritimati)
{
	check_monday("Pacific/Kiritimati");
}
END_TEST

/* Counts of hours and minutes are of elapsed time, not of the clock. */
START_TEST(test_hours_ago)
{
	time_t	 now;

	if (!check_set_zone("America/New_York"))
		return;
	now = at(2026, 3, 9, 12, 0, 0, EDT);
	check_instant("0 hours ago", now, now);
	check_instant("1 hour ago", now, now - 3600);
	check_instant("36 hours ago", now, now - 36 * 3600);
	check_instant("36 hours ago", now, at(2026, 3, 7, 23, 0, 0, EST));
	check_instant("1 minute ago", now, now - 60);
	check_instant("90 minutes ago", now, at(2026, 3, 9, 10, 30, 0, EDT));
	check_point("2 hours ago", now, now - 7200, true);
}
END_TEST

/*
 * New York put its clocks forward at 02:00 on Sunday 8 March 2026: there
 * was no 02:30 that day, and the days before are an hour further back.
 */
START_TEST(test_spring_forward_new_york)
{
	time_t	 now;

	if (!check_set_zone("America/New_York"))
		return;
	now = local(2026, 3, 9, 12, 0, 0);
	ck_assert_int_eq(now, at(2026, 3, 9, 12, 0, 0, EDT));
	check_error("yesterday 2:30am", now, "'yesterday 2:30am': there was "
	    "no 02:30 on 2026-03-08 in this time zone, as the clocks went "
	    "forward");
	check_error("2026-03-08T02:30", now, "'2026-03-08T02:30': there was "
	    "no 02:30 on 2026-03-08 in this time zone, as the clocks went "
	    "forward");
	check_error("sunday 2:00:01", now, "'sunday 2:00:01': there was no "
	    "02:00:01 on 2026-03-08 in this time zone, as the clocks went "
	    "forward");
	check_instant("yesterday 1:59:59am", now, at(2026, 3, 8, 1, 59, 59,
	    EST));
	check_instant("yesterday 3am", now, at(2026, 3, 8, 3, 0, 0, EDT));
	check_instant("yesterday midnight", now, day(2026, 3, 8, EST));
	check_instant("yesterday 9pm", now, at(2026, 3, 8, 21, 0, 0, EDT));
	check_instant("friday 8:30", now, at(2026, 3, 6, 8, 30, 0, EST));
	/* The same time of the clock, 71 hours back rather than 72. */
	check_point("3 days ago", now, at(2026, 3, 6, 12, 0, 0, EST), false);
	ck_assert_int_eq(at(2026, 3, 6, 12, 0, 0, EST), now - 71 * 3600);
	check_point("1 week ago", now, at(2026, 3, 2, 12, 0, 0, EST), false);
	check_point("yesterday", now, at(2026, 3, 8, 12, 0, 0, EDT), false);
	check_days("3 days ago", now, day(2026, 3, 6, EST),
	    day(2026, 3, 7, EST));
	check_days("sunday", now, day(2026, 3, 8, EST), day(2026, 3, 9, EDT));
	check_instant("36 hours ago", now, at(2026, 3, 7, 23, 0, 0, EST));

	/*
	 * At 02:30 the day after, yesterday's 02:30 did not exist: the point
	 * is read on yesterday's clock before the change, 03:30 summer time,
	 * still yesterday.
	 */
	now = local(2026, 3, 9, 2, 30, 0);
	check_point("yesterday", now, at(2026, 3, 8, 3, 30, 0, EDT), false);
	check_point("2 days ago", now, at(2026, 3, 7, 2, 30, 0, EST), false);
}
END_TEST

/* Back at 02:00 on 1 November 2026: 01:30 came twice, first in EDT. */
START_TEST(test_fall_back_new_york)
{
	time_t	 now;

	if (!check_set_zone("America/New_York"))
		return;
	now = local(2026, 11, 2, 10, 0, 0);
	ck_assert_int_eq(now, at(2026, 11, 2, 10, 0, 0, EST));
	check_instant("yesterday 1:30am", now, at(2026, 11, 1, 1, 30, 0,
	    EDT));
	check_instant("yesterday 1am", now, at(2026, 11, 1, 1, 0, 0, EDT));
	check_instant("yesterday 0:59", now, at(2026, 11, 1, 0, 59, 0, EDT));
	check_instant("yesterday 2am", now, at(2026, 11, 1, 2, 0, 0, EST));
	check_instant("2026-11-01 01:30", now, at(2026, 11, 1, 1, 30, 0,
	    EDT));
	check_instant("2026-11-01T01:30-05:00", now, at(2026, 11, 1, 1, 30,
	    0, EST));
	check_point("3 days ago", now, at(2026, 10, 30, 10, 0, 0, EDT),
	    false);
	check_days("yesterday", now, day(2026, 11, 1, EDT),
	    day(2026, 11, 2, EST));
}
END_TEST

/* Berlin put its clocks forward at 02:00 on 29 March, back on 25 October. */
START_TEST(test_changes_berlin)
{
	time_t	 now;

	if (!check_set_zone("Europe/Berlin"))
		return;
	now = local(2026, 3, 30, 12, 0, 0);
	ck_assert_int_eq(now, at(2026, 3, 30, 12, 0, 0, CEST));
	check_error("yesterday 2:30am", now, "'yesterday 2:30am': there was "
	    "no 02:30 on 2026-03-29 in this time zone, as the clocks went "
	    "forward");
	check_error("2:30 yesterday", now, "'2:30 yesterday': there was no "
	    "02:30 on 2026-03-29 in this time zone, as the clocks went "
	    "forward");
	check_instant("yesterday 1:30", now, at(2026, 3, 29, 1, 30, 0, CET));
	check_instant("yesterday 3:30", now, at(2026, 3, 29, 3, 30, 0,
	    CEST));
	check_instant("last night", now, at(2026, 3, 29, 21, 0, 0, CEST));
	check_point("3 days ago", now, at(2026, 3, 27, 12, 0, 0, CET),
	    false);
	check_days("yesterday", now, day(2026, 3, 29, CET),
	    day(2026, 3, 30, CEST));
	check_days("last week", now, day(2026, 3, 23, CET),
	    day(2026, 3, 30, CEST));

	now = local(2026, 10, 26, 9, 0, 0);
	check_instant("yesterday 2:30", now, at(2026, 10, 25, 2, 30, 0,
	    CEST));
	check_instant("yesterday 3:00", now, at(2026, 10, 25, 3, 0, 0, CET));
	check_point("1 week ago", now, at(2026, 10, 19, 9, 0, 0, CEST),
	    false);
}
END_TEST

/*
 * A day without a year is the latest such day, today or before; a bare
 * weekday too, where "last" is never today.
 */
START_TEST(test_latest_day)
{
	time_t	 now;

	ck_assert(check_set_zone("UTC"));
	now = local(2026, 1, 1, 8, 0, 0);		/* a Thursday */
	check_days("dec 31", now, day(2025, 12, 31, 0), day(2026, 1, 1, 0));
	check_days("jan 1", now, day(2026, 1, 1, 0), day(2026, 1, 2, 0));
	check_days("jan 2", now, day(2025, 1, 2, 0), day(2025, 1, 3, 0));
	check_days("thursday", now, day(2026, 1, 1, 0), day(2026, 1, 2, 0));
	check_days("last thursday", now, day(2025, 12, 25, 0),
	    day(2025, 12, 26, 0));
	check_days("friday", now, day(2025, 12, 26, 0), day(2025, 12, 27, 0));
	check_days("wednesday", now, day(2025, 12, 31, 0),
	    day(2026, 1, 1, 0));
	now = local(2028, 3, 1, 8, 0, 0);
	check_days("feb 29", now, day(2028, 2, 29, 0), day(2028, 3, 1, 0));
	now = local(2028, 2, 28, 8, 0, 0);
	check_error("feb 29", now, "'feb 29': there is no February 29 in "
	    "2027");
}
END_TEST

/* What is not understood, and what the message says of it. */
START_TEST(test_messages)
{
	static const struct {
		const char	*s;
		const char	*said;
	} bad[] = {
		{ "yesterday at9pm", "understood 'yesterday', not 'at9pm'" },
		{ "Yesterday AT9PM", "understood 'Yesterday', not 'AT9PM'" },
		{ "blorp", "not a date or time: 'blorp'" },
		{ "next tuesday", "not a date or time: 'next tuesday'" },
		{ "12/06", "not a date or time: '12/06': ambiguous; write "
		    "the date as YYYY-MM-DD, as 2026-12-06 or 2026-06-12" },
		{ "06.12.2026", "not a date or time: '06.12.2026': "
		    "ambiguous; write the date as YYYY-MM-DD, as 2026-06-12 "
		    "or 2026-12-06" },
		{ "12/31", "not a date or time: '12/31': write the date as "
		    "YYYY-MM-DD, as 2026-12-31" },
		{ "2026/12/06", "not a date or time: '2026/12/06': write the "
		    "date as YYYY-MM-DD, as 2026-12-06" },
		{ "2026-3-1", "not a date or time: '2026-3-1': write the "
		    "date as YYYY-MM-DD, as 2026-03-01" },
		{ "12/06/26", "not a date or time: '12/06/26': write the "
		    "date as YYYY-MM-DD" },
		{ "yesterday 12/06", "understood 'yesterday', not '12/06': "
		    "ambiguous; write the date as YYYY-MM-DD, as 2026-12-06 "
		    "or 2026-06-12" },
		{ "feb 30", "'feb 30': February has no day 30" },
		{ "feb 29", "'feb 29': there is no February 29 in 2026" },
		{ "apr 31 9pm", "'apr 31': April has no day 31" },
		{ "2026-02-30", "not a date or time: '2026-02-30': no such "
		    "day" },
		{ "2026-03-01T25:00", "not a date or time: "
		    "'2026-03-01T25:00': a time is hh:mm or hh:mm:ss, then "
		    "maybe Z or an offset +hh:mm" },
		{ "25:00", "not a date or time: '25:00': hours run from 0 "
		    "to 23" },
		{ "yesterday 13pm", "understood 'yesterday', not '13pm': "
		    "hours run from 1 to 12 with am and pm" },
		{ "yesterday 9:75", "understood 'yesterday', not '9:75': "
		    "minutes and seconds run from 00 to 59" },
		{ "yesterday 9", "understood 'yesterday', not '9': a number "
		    "alone (write a time as 9:00 or 9pm, a day as "
		    "YYYY-MM-DD)" },
		{ "3 days", "understood '3 days', then expected 'ago'" },
		{ "3 days before", "understood '3 days', not 'before': "
		    "expected 'ago'" },
		{ "3 day ago", "understood '3', not 'day ago': after a count "
		    "other than 1, the plural" },
		{ "1 days ago", "understood '1', not 'days ago': after 1, "
		    "the singular" },
		{ "100001d", "not a date or time: '100001d': a count runs "
		    "from 0 to 100000" },
		{ "last", "understood 'last', then expected a weekday, week, "
		    "month or night" },
		{ "last blah", "understood 'last', not 'blah': expected a "
		    "weekday, week, month or night" },
		{ "9pm last week", "understood '9pm last', not 'week': "
		    "expected a weekday" },
		{ "this night", "understood 'this', not 'night': expected "
		    "week, month, morning, afternoon or evening" },
		{ "last week 9pm", "understood 'last week', not '9pm'" },
		{ "tonight at 10pm", "understood 'tonight', not 'at 10pm'" },
		{ "9pm 3 hours ago", "understood '9pm', not '3 hours ago': "
		    "it has a time of its own" },
		{ "dec", "understood 'dec', then expected a day of the "
		    "month" },
		{ "dec 32", "understood 'dec', not '32': expected a day of "
		    "the month" },
		{ "dec 6,", "understood 'dec 6,', then expected a year" },
		{ "at", "understood 'at', then expected a time" },
		{ "at yesterday", "understood 'at', not 'yesterday': "
		    "expected a time" },
		{ "", "an empty date" },
		{ "today ", "'today ': words go a single space apart" },
		{ "3  days ago", "'3  days ago': words go a single space "
		    "apart" },
		{ "today\t9pm", "'today\t9pm': a tab or another control "
		    "character" },
		{ "a b c d e f g h i j k l m", "'a b c d e f g h i j k l m': "
		    "too many words for a date" },
	};
	time_t	 now;
	size_t	 i;

	ck_assert(check_set_zone("UTC"));
	now = local(2026, 3, 9, 12, 0, 0);
	for (i = 0; i < nitems(bad); i++)
		check_error(bad[i].s, now, bad[i].said);
}
END_TEST

/* The reason, cut to the buffer it is given, and none without one. */
START_TEST(test_message_buffer)
{
	struct jrange	 r;
	char		 err[12], big[200];
	time_t		 now;

	ck_assert(check_set_zone("UTC"));
	now = local(2026, 3, 9, 12, 0, 0);
	memset(err, 'x', sizeof(err));
	ck_assert_int_eq(when_range("yesterday at9pm", now, 1, &r, err,
	    sizeof(err)), -1);
	ck_assert_str_eq(err, "understood ");
	ck_assert_int_eq(when_range("yesterday at9pm", now, 1, &r, NULL, 0),
	    -1);
	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	ck_assert_int_eq(when_range(big, now, 1, &r, err, sizeof(err)), -1);
	ck_assert_int_eq(when_range(big, now, 1, &r, NULL, 0), -1);
	ck_assert_int_eq(errno, EINVAL);
}
END_TEST

/* jrnl's "yesterday: text": a date, a colon, the text. */
START_TEST(test_prefix)
{
	static const struct {
		const char	*text;
		int		 found;
		const char	*rest;	/* after the date, if found */
	} texts[] = {
		{ "yesterday: went out", 1, "went out" },
		{ "Yesterday:  went out", 1, "went out" },
		{ "yesterday:", 1, "" },
		{ "friday:\nthe body", 1, "the body" },
		{ "yesterday: a: b", 1, "a: b" },
		{ "Note to self: buy milk", 0, NULL },
		{ "3 things I learned: x", 0, NULL },
		{ "this is important: x", 0, NULL },
		{ "last: x", 0, NULL },
		{ "yesterday:went", 0, NULL },
		{ "no colon here", 0, NULL },
		{ ": x", 0, NULL },
		{ "why\nyesterday: x", 0, NULL },
		{ "yesterday  9pm: x", 0, NULL },
		{ "Today I learned: x", -1, NULL },
		{ "friday meeting: x", -1, NULL },
		{ "yesterday at9pm: x", -1, NULL },
		{ "12/06: x", -1, NULL },
		{ "feb 30: x", -1, NULL },
		{ "yesterday 25:00: x", -1, NULL },
	};
	struct jpoint	 p;
	const char	*rest;
	char		 err[ERRBUF_SIZE];
	time_t		 now;
	size_t		 i;
	int		 rv;

	ck_assert(check_set_zone("UTC"));
	now = local(2026, 3, 9, 12, 0, 0);
	for (i = 0; i < nitems(texts); i++) {
		err[0] = '\0';
		rv = when_prefix(texts[i].text, now, 1, &p, &rest, err,
		    sizeof(err));
		ck_assert_msg(rv == texts[i].found, "\"%s\": %d, not %d (%s)",
		    texts[i].text, rv, texts[i].found, err);
		if (rv == 1)
			ck_assert_str_eq(rest, texts[i].rest);
		else
			ck_assert_ptr_eq(rest, texts[i].text);
		if (rv == -1)
			ck_assert(err[0] != '\0');
	}

	ck_assert_int_eq(when_prefix("yesterday 9pm: dinner", now, 1, &p,
	    &rest, err, sizeof(err)), 1);
	ck_assert(p.t == local(2026, 3, 8, 21, 0, 0) && p.timed);
	ck_assert_str_eq(rest, "dinner");
	ck_assert_int_eq(when_prefix("yesterday 21:00: dinner", now, 1, &p,
	    &rest, err, sizeof(err)), 1);
	ck_assert(p.t == local(2026, 3, 8, 21, 0, 0) && p.timed);
	ck_assert_int_eq(when_prefix("2026-03-06T21:00:00+01:00: x", now, 1,
	    &p, &rest, err, sizeof(err)), 1);
	ck_assert(p.t == at(2026, 3, 6, 21, 0, 0, 60) && p.timed);
	ck_assert_str_eq(rest, "x");
	ck_assert_int_eq(when_prefix("yesterday: x", now, 1, &p, &rest, err,
	    sizeof(err)), 1);
	ck_assert(p.t == local(2026, 3, 8, 12, 0, 0) && !p.timed);
	ck_assert_int_eq(when_prefix("yesterday at9pm: x", now, 1, &p, &rest,
	    err, sizeof(err)), -1);
	ck_assert_str_eq(err, "understood 'yesterday', not 'at9pm'");
	ck_assert_int_eq(when_prefix("Today I learned: x", now, 1, &p, &rest,
	    err, sizeof(err)), -1);
	ck_assert_str_eq(err, "understood 'Today', not 'I learned'");

	if (!check_set_zone("America/New_York"))
		return;
	now = local(2026, 3, 9, 12, 0, 0);
	ck_assert_int_eq(when_prefix("yesterday 2:30am: x", now, 1, &p,
	    &rest, err, sizeof(err)), -1);
	ck_assert_str_eq(err, "'yesterday 2:30am': there was no 02:30 on "
	    "2026-03-08 in this time zone, as the clocks went forward");
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

	tc = tcase_create("words");
	tcase_add_test(tc, test_words_utc);
	tcase_add_test(tc, test_words_new_york);
	tcase_add_test(tc, test_words_berlin);
	tcase_add_test(tc, test_words_kiritimati);
	tcase_add_test(tc, test_hours_ago);
	tcase_add_test(tc, test_spring_forward_new_york);
	tcase_add_test(tc, test_fall_back_new_york);
	tcase_add_test(tc, test_changes_berlin);
	tcase_add_test(tc, test_latest_day);
	tcase_add_test(tc, test_messages);
	tcase_add_test(tc, test_message_buffer);
	tcase_add_test(tc, test_prefix);
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
