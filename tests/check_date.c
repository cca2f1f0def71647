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
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "checkutil.h"
#include "rapport.h"

/*
 * Parse s, which must fail with EINVAL and leave the date given untouched.
 */
static void
check_bad(const char *s)
{
	struct ymd	 d = { 7, 7, 7 };

	errno = 0;
	ck_assert_msg(date_parse(s, &d) == -1, "\"%s\" was accepted", s);
	ck_assert_msg(errno == EINVAL, "\"%s\": errno %d, not EINVAL", s,
	    errno);
	ck_assert_int_eq(d.year, 7);
	ck_assert_int_eq(d.month, 7);
	ck_assert_int_eq(d.day, 7);
}

static void
check_good(const char *s, int year, int month, int day)
{
	struct ymd	 d;

	ck_assert_msg(date_parse(s, &d) == 0, "\"%s\" was rejected", s);
	ck_assert_int_eq(d.year, year);
	ck_assert_int_eq(d.month, month);
	ck_assert_int_eq(d.day, day);
}

/*
 * Whether a day exists, told by timegm(3): a day that does not exist is
 * normalised into another one.
 */
static int
day_exists(int year, int month, int day)
{
	struct tm	 tm;

	memset(&tm, 0, sizeof(tm));
	tm.tm_year = year - 1900;
	tm.tm_mon = month - 1;
	tm.tm_mday = day;
	tm.tm_hour = 12;
	ck_assert(timegm(&tm) != (time_t)-1);
	return tm.tm_year == year - 1900 && tm.tm_mon == month - 1 &&
	    tm.tm_mday == day;
}

/*
 * Compare date_today with the date of time(3) seen through gmtime(3) at
 * the given offset east of UTC, under the time zone tz.
 */
static void
check_today(const char *tz, long east, struct ymd *got)
{
	struct tm	 tm;
	time_t		 before, after;
	int		 tries;

	ck_assert_int_eq(setenv("TZ", tz, 1), 0);
	tzset();
	for (tries = 0; tries < 3; tries++) {
		before = time(NULL) + east;
		ck_assert_int_eq(date_today(got), 0);
		after = time(NULL) + east;
		/* Across midnight the day is not known: try again. */
		if (before / SECS_PER_DAY == after / SECS_PER_DAY)
			break;
	}
	ck_assert_ptr_nonnull(gmtime_r(&before, &tm));
	ck_assert_int_eq(got->year, tm.tm_year + 1900);
	ck_assert_int_eq(got->month, tm.tm_mon + 1);
	ck_assert_int_eq(got->day, tm.tm_mday);
}

START_TEST(test_parse_valid)
{
	check_good("2026-01-05", 2026, 1, 5);
	check_good("2026-12-31", 2026, 12, 31);
	check_good("1999-04-30", 1999, 4, 30);
	check_good("0001-01-01", 1, 1, 1);
	check_good("9999-12-31", 9999, 12, 31);
}
END_TEST

START_TEST(test_parse_leap_day)
{
	check_good("2024-02-29", 2024, 2, 29);
	check_good("2000-02-29", 2000, 2, 29);
	check_good("2400-02-29", 2400, 2, 29);
}
END_TEST

START_TEST(test_parse_no_leap_day)
{
	check_bad("2023-02-29");
	check_bad("1900-02-29");
	check_bad("2100-02-29");
	check_bad("2024-02-30");
}
END_TEST

/* Every day of years around the leap rules, against timegm(3). */
START_TEST(test_parse_calendar)
{
	static const int years[] = {
	    1, 1600, 1700, 1900, 1999, 2000, 2023, 2024, 2026, 2100, 9999
	};
	char		 s[32];
	struct ymd	 d;
	size_t		 i;
	int		 days, m, n, ok;

	for (i = 0; i < nitems(years); i++) {
		days = 0;
		for (m = 0; m <= 13; m++)
			for (n = 0; n <= 32; n++) {
				snprintf(s, sizeof(s), "%04d-%02d-%02d",
				    years[i], m, n);
				ok = m >= 1 && m <= 12 && n >= 1 &&
				    day_exists(years[i], m, n);
				ck_assert_msg((date_parse(s, &d) == 0) == ok,
				    "%s: %s", s, ok ? "rejected" : "accepted");
				days += ok;
			}
		ck_assert_int_eq(days, day_exists(years[i], 2, 29) ? 366 :
		    365);
	}
}
END_TEST

START_TEST(test_parse_bad_fields)
{
	check_bad("2026-13-01");
	check_bad("2026-00-10");
	check_bad("2026-04-31");
	check_bad("2026-01-00");
	check_bad("2026-01-32");
	check_bad("2026-06-31");
}
END_TEST

START_TEST(test_parse_bad_widths)
{
	check_bad("2026-1-5");
	check_bad("2026-1-05");
	check_bad("2026-01-5");
	check_bad("26-01-05");
	check_bad("02026-01-05");
	check_bad("2026-001-05");
	check_bad("2026-01-005");
	check_bad("20260105");
	check_bad("2026-01");
	check_bad("2026");
	check_bad("");
}
END_TEST

START_TEST(test_parse_bad_separators)
{
	check_bad("2026/01/05");
	check_bad("2026.01.05");
	check_bad("2026 01 05");
	check_bad("2026-01/05");
	check_bad("2026--01-05");
}
END_TEST

START_TEST(test_parse_trailing)
{
	check_bad("2026-01-05 ");
	check_bad("2026-01-05\n");
	check_bad("2026-01-05x");
	check_bad("2026-01-05T00:00");
	check_bad("2026-01-051");
	check_bad("2026-01-05-");
}
END_TEST

START_TEST(test_parse_leading)
{
	check_bad(" 2026-01-05");
	check_bad("+2026-01-05");
	check_bad("-2026-01-05");
	check_bad("\t2026-01-05");
}
END_TEST

START_TEST(test_parse_non_digits)
{
	check_bad("2O26-01-05");
	check_bad("2026-0a-05");
	check_bad("2026-01-0x");
	check_bad("abcd-ef-gh");
	check_bad("2026-+1-05");
	check_bad("2026- 1-05");
	check_bad("2026-01-\xd9\xa5");
	check_bad("\xef\xbc\x92" "026-01-05");
}
END_TEST

START_TEST(test_format_padding)
{
	static const struct {
		struct ymd	 d;
		const char	*want;
	} tab[] = {
		{ { 2026, 1, 5 }, "2026-01-05" },
		{ { 2026, 12, 31 }, "2026-12-31" },
		{ { 987, 6, 7 }, "0987-06-07" },
		{ { 1, 1, 1 }, "0001-01-01" },
	};
	char	 buf[32];
	size_t	 i;

	for (i = 0; i < nitems(tab); i++) {
		memset(buf, 'x', sizeof(buf));
		date_format(&tab[i].d, buf, sizeof(buf));
		ck_assert_str_eq(buf, tab[i].want);
	}
}
END_TEST

START_TEST(test_format_small_buffer)
{
	struct ymd	 d = { 2026, 1, 5 };
	char		 buf[16];

	memset(buf, 'x', sizeof(buf));
	date_format(&d, buf, 5);
	ck_assert_str_eq(buf, "2026");
	ck_assert_int_eq(buf[5], 'x');
	date_format(&d, buf, 11);
	ck_assert_int_eq(buf[10], '\0');
}
END_TEST

/* Every day of a leap year and of a common year, formatted and read back. */
START_TEST(test_format_round_trip)
{
	static const int years[] = { 1, 1900, 2000, 2024, 2026 };
	struct ymd	 d, back;
	struct tm	 tm;
	char		 buf[16], want[16];
	size_t		 i;
	int		 n;

	for (i = 0; i < nitems(years); i++)
		for (n = 0; n < 366; n++) {
			memset(&tm, 0, sizeof(tm));
			tm.tm_year = years[i] - 1900;
			tm.tm_mday = 1 + n;
			tm.tm_hour = 12;
			ck_assert(timegm(&tm) != (time_t)-1);
			if (tm.tm_year != years[i] - 1900)
				break;
			d.year = years[i];
			d.month = tm.tm_mon + 1;
			d.day = tm.tm_mday;
			date_format(&d, buf, sizeof(buf));
			if (years[i] >= 1000) {
				strftime(want, sizeof(want), "%Y-%m-%d", &tm);
				ck_assert_str_eq(buf, want);
			}
			ck_assert_uint_eq(strlen(buf), 10);
			ck_assert_int_eq(date_parse(buf, &back), 0);
			ck_assert_int_eq(back.year, d.year);
			ck_assert_int_eq(back.month, d.month);
			ck_assert_int_eq(back.day, d.day);
		}
}
END_TEST

START_TEST(test_today_utc)
{
	struct ymd	 d;

	check_today("UTC", 0, &d);
}
END_TEST

/*
 * Fourteen hours east and twelve west of UTC are never on the same day, so
 * a date_today that ignored the time zone would fail one of the two.
 */
START_TEST(test_today_zones)
{
	struct ymd	 east, west;

	check_today("FAR-14", 14 * 3600L, &east);
	check_today("YYY+12", -12 * 3600L, &west);
	ck_assert(east.year != west.year || east.month != west.month ||
	    east.day != west.day);
}
END_TEST

START_TEST(test_today_parses)
{
	struct ymd	 d, back;
	char		 buf[16];

	ck_assert_int_eq(setenv("TZ", "UTC", 1), 0);
	tzset();
	ck_assert_int_eq(date_today(&d), 0);
	date_format(&d, buf, sizeof(buf));
	ck_assert_int_eq(date_parse(buf, &back), 0);
	ck_assert_int_eq(back.year, d.year);
	ck_assert_int_eq(back.month, d.month);
	ck_assert_int_eq(back.day, d.day);
}
END_TEST

/*
 * The shared daily seed: FNV-1a of the date chained to FNV-1a of the word,
 * values computed independently (Python).  Two partners with the same
 * date and word get the same seed; another word or day gives another.
 */
START_TEST(test_seed_shared)
{
	uint64_t	 a, b;

	ck_assert_int_eq(date_seed("2026-11-25", "ourword", &a), 0);
	ck_assert(a == 0xfe9267f9a40c54f2ULL);
	ck_assert_int_eq(date_seed("2024-02-29", "", &b), 0);
	ck_assert(b == 0xb82e8982d744d56cULL);
	ck_assert_int_eq(date_seed("2026-11-25", "otherword", &b), 0);
	ck_assert(a != b);
	ck_assert_int_eq(date_seed("2026-11-26", "ourword", &b), 0);
	ck_assert(a != b);
}
END_TEST

START_TEST(test_seed_bad_date)
{
	uint64_t	 a = 7;

	errno = 0;
	ck_assert_int_eq(date_seed("2026-02-30", "w", &a), -1);
	ck_assert_int_eq(errno, EINVAL);
	ck_assert(a == 7);
}
END_TEST

static Suite *
date_suite(void)
{
	Suite	*s;
	TCase	*tc;

	s = suite_create("date");

	tc = tcase_create("accept");
	tcase_add_test(tc, test_parse_valid);
	tcase_add_test(tc, test_parse_leap_day);
	tcase_add_test(tc, test_parse_calendar);
	suite_add_tcase(s, tc);

	tc = tcase_create("reject");
	tcase_add_test(tc, test_parse_no_leap_day);
	tcase_add_test(tc, test_parse_bad_fields);
	tcase_add_test(tc, test_parse_bad_widths);
	tcase_add_test(tc, test_parse_bad_separators);
	tcase_add_test(tc, test_parse_trailing);
	tcase_add_test(tc, test_parse_leading);
	tcase_add_test(tc, test_parse_non_digits);
	suite_add_tcase(s, tc);

	tc = tcase_create("format");
	tcase_add_test(tc, test_format_padding);
	tcase_add_test(tc, test_format_small_buffer);
	tcase_add_test(tc, test_format_round_trip);
	suite_add_tcase(s, tc);

	tc = tcase_create("today");
	tcase_add_test(tc, test_today_utc);
	tcase_add_test(tc, test_today_zones);
	tcase_add_test(tc, test_today_parses);
	suite_add_tcase(s, tc);

	tc = tcase_create("seed");
	tcase_add_test(tc, test_seed_shared);
	tcase_add_test(tc, test_seed_bad_date);
	suite_add_tcase(s, tc);

	return s;
}

int
main(void)
{
	return check_run("check_date", date_suite(), NULL);
}
