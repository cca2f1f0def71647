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
 * date.c: calendar dates, the strict YYYY-MM-DD of the commands and days
 * since 1970, and the RFC 3339 timestamps of the journal's records.
 */

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "rapport.h"

static int	 days_in_month(int, int);
static int	 two(const char *);

static int
days_in_month(int year, int month)
{
	static const int mdays[] = {
	    31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};

	if (month == 2 && ((year % 4 == 0 && year % 100 != 0) ||
	    year % 400 == 0))
		return 29;
	return mdays[month - 1];
}

/*
 * Parse a calendar date written YYYY-MM-DD, exactly: four digits, two, two,
 * and a day that exists.  Anything else fails with EINVAL, so that a date a
 * person mistyped is never silently read as some other day.
 */
int
date_parse(const char *s, struct ymd *d)
{
	int	 i, v[3] = { 0, 0, 0 };
	int	 widths[3] = { 4, 2, 2 };
	int	 field;

	for (field = 0; field < 3; field++) {
		for (i = 0; i < widths[field]; i++, s++) {
			if (*s < '0' || *s > '9')
				goto bad;
			v[field] = v[field] * 10 + (*s - '0');
		}
		if (field < 2 && *s++ != '-')
			goto bad;
	}
	if (*s != '\0' || v[0] < 1 || v[1] < 1 || v[1] > 12 || v[2] < 1 ||
	    v[2] > days_in_month(v[0], v[1]))
		goto bad;
	d->year = v[0];
	d->month = v[1];
	d->day = v[2];
	return 0;
bad:
	errno = EINVAL;
	return -1;
}

/* Today's date in the local time zone. */
int
date_today(struct ymd *d)
{
	struct tm	 tm;
	time_t		 now;

	if (time(&now) == (time_t)-1 || localtime_r(&now, &tm) == NULL)
		return -1;
	d->year = tm.tm_year + 1900;
	d->month = tm.tm_mon + 1;
	d->day = tm.tm_mday;
	return 0;
}

/* Days since 1970-01-01 of a date (Howard Hinnant's algorithm). */
time_t
date_days(int y, int m, int d)
{
	int	 era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (time_t)era * 146097 + doe - 719468;
}

/* The date of a count of days since 1970-01-01, the inverse of date_days. */
void
date_from_days(time_t days, struct ymd *d)
{
	time_t	 z, era;
	int	 doe, yoe, doy, mp;

	z = days + 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = (int)(z - era * 146097);
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d->day = doy - (153 * mp + 2) / 5 + 1;
	d->month = mp < 10 ? mp + 3 : mp - 9;
	d->year = (int)(yoe + era * 400) + (d->month <= 2);
}

void
date_format(const struct ymd *d, char *buf, size_t len)
{
	snprintf(buf, len, "%04d-%02d-%02d", d->year, d->month, d->day);
}

/*
 * The seed of a pick shared by everyone on a day: a hash of the date (today
 * unless given, YYYY-MM-DD) chained to a hash of a word, so that the same
 * date, word and collection give the same pick on any machine.  Fails with
 * EINVAL for a date that is not one.
 */
int
date_seed(const char *date, const char *word, uint64_t *seed)
{
	struct ymd	 d;
	char		 buf[16];

	if (date == NULL) {
		if (date_today(&d) == -1)
			return -1;
	} else if (date_parse(date, &d) == -1)
		return -1;
	date_format(&d, buf, sizeof(buf));
	*seed = str_hash(buf, str_hash(word, 0));
	return 0;
}
/* The value of two decimal digits, or -1. */
static int
two(const char *s)
{
	if (s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9')
		return -1;
	return (s[0] - '0') * 10 + (s[1] - '0');
}

/*
 * Parse a timestamp as written in a header: an RFC 3339 date and time with
 * seconds and a UTC offset (Z or +hh:mm), or a date alone for an all-day
 * entry.  The instant of an all-day entry is its midnight in UTC.
 */
int
journal_parse_time(const char *s, struct jtime *t)
{
	struct ymd	 d;
	time_t		 days;
	char		 date[11];
	int		 hh, mm, ss, oh, om, sign;
	size_t		 n;

	memset(t, 0, sizeof(*t));
	n = strlen(s);
	if (n < 10)
		goto bad;
	memcpy(date, s, 10);
	date[10] = '\0';
	if (date_parse(date, &d) == -1)
		goto bad;
	days = date_days(d.year, d.month, d.day);
	if (n == 10) {
		t->allday = true;
		t->utc = days * SECS_PER_DAY;
		return 0;
	}
	if (n < 20 || s[10] != 'T' || s[13] != ':' || s[16] != ':' ||
	    (hh = two(s + 11)) < 0 || hh > 23 || (mm = two(s + 14)) < 0 ||
	    mm > 59 || (ss = two(s + 17)) < 0 || ss > 60)
		goto bad;
	if (n == 20 && s[19] == 'Z')
		oh = om = 0, sign = 1;
	else if (n == 25 && (s[19] == '+' || s[19] == '-') && s[22] == ':' &&
	    (oh = two(s + 20)) >= 0 && oh <= 23 && (om = two(s + 23)) >= 0 &&
	    om <= 59)
		sign = s[19] == '-' ? -1 : 1;
	else
		goto bad;
	t->offset = sign * (oh * 60 + om);
	t->utc = days * SECS_PER_DAY + hh * 3600 + mm * 60 + ss -
	    (time_t)t->offset * 60;
	return 0;
bad:
	errno = EINVAL;
	return -1;
}

/* Format an instant in the local time zone as RFC 3339 with its offset. */
void
journal_format_time(time_t when, bool allday, char *buf, size_t len)
{
	struct tm	 tm;
	long		 off;

	localtime_r(&when, &tm);
	if (allday) {
		snprintf(buf, len, "%04d-%02d-%02d", tm.tm_year + 1900,
		    tm.tm_mon + 1, tm.tm_mday);
		return;
	}
	off = tm.tm_gmtoff / 60;
	if (off == 0)
		snprintf(buf, len, "%04d-%02d-%02dT%02d:%02d:%02dZ",
		    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
		    tm.tm_min, tm.tm_sec);
	else
		snprintf(buf, len, "%04d-%02d-%02dT%02d:%02d:%02d%c%02ld:%02ld",
		    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
		    tm.tm_min, tm.tm_sec, off < 0 ? '-' : '+',
		    (off < 0 ? -off : off) / 60, (off < 0 ? -off : off) % 60);
}

/*
 * A duration such as 90s, 30m, 2h or 1d (a bare number is minutes), from
 * a second to a week, in *seconds; or -1 with *errstr saying why not.
 */
int
duration_seconds(const char *s, unsigned int *seconds, const char **errstr)
{
	static const struct {
		char		 unit;
		unsigned int	 seconds;
	} units[] = { { 's', 1 }, { 'm', 60 }, { 'h', 3600 }, { 'd', 86400 } };
	char		 num[16];
	size_t		 len, i;
	long long	 n;
	unsigned int	 unit = 60;

	len = strlen(s);
	if (len > 0 && (s[len - 1] < '0' || s[len - 1] > '9')) {
		for (i = 0; i < sizeof(units) / sizeof(units[0]); i++)
			if (s[len - 1] == units[i].unit)
				break;
		if (i == sizeof(units) / sizeof(units[0])) {
			*errstr = "not a number of s, m, h or d";
			return -1;
		}
		unit = units[i].seconds;
		len--;
	}
	if (len == 0 || len >= sizeof(num)) {
		*errstr = "not a number of s, m, h or d";
		return -1;
	}
	memcpy(num, s, len);
	num[len] = '\0';
	n = strtonum(num, 1, 7 * 86400 / unit, errstr);
	if (*errstr != NULL) {
		*errstr = "not from a second to a week";
		return -1;
	}
	*seconds = (unsigned int)n * unit;
	return 0;
}
