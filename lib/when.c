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

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "rapport.h"

/*
 * The date grammar of journal and score: a small set of exact forms, each
 * naming a day, a week, a month or an instant; anything else is an error
 * naming the text, never a silent guess.
 *
 *	YYYY-MM-DD			that day
 *	YYYY-MM-DDThh:mm[:ss][Z|+hh:mm]	that instant (a blank may replace T)
 *	today, yesterday		that day
 *	N days ago, Nd			the day N days before today
 *	N weeks ago, Nw			the day 7N days before today
 *	last monday ... last sunday	the latest such day before today
 *	this week, last week		Monday to Sunday, or from week_start
 *	this month, last month		the calendar month
 *
 * Days run from local midnight to local midnight.  A range is half-open,
 * [start, end); an instant is a range where start equals end.
 */

static const char *const weekdays[] = {
	"sunday", "monday", "tuesday", "wednesday", "thursday", "friday",
	"saturday"
};

static time_t	 day_start(const struct tm *, int);
static int	 one_day(const struct tm *, int, struct jrange *);
static int	 parse_count(const char *, const char *, int *);

/* Local midnight of the day of tm, moved by delta days. */
static time_t
day_start(const struct tm *tm, int delta)
{
	struct tm	 t;

	memset(&t, 0, sizeof(t));
	t.tm_year = tm->tm_year;
	t.tm_mon = tm->tm_mon;
	t.tm_mday = tm->tm_mday + delta;
	t.tm_isdst = -1;
	return mktime(&t);
}

/* The day of tm moved by delta days, as a range; returns 0. */
static int
one_day(const struct tm *tm, int delta, struct jrange *r)
{
	r->start = day_start(tm, delta);
	r->end = day_start(tm, delta + 1);
	return 0;
}

/* "N<suffix>" or "N <word>s ago" / "1 <word> ago", N from 0 to 100000. */
static int
parse_count(const char *s, const char *unit, int *n)
{
	const char	*errstr;
	char		 num[16], rest[32];
	size_t		 digits;

	digits = strspn(s, "0123456789");
	if (digits == 0 || digits >= sizeof(num))
		return -1;
	memcpy(num, s, digits);
	num[digits] = '\0';
	*n = (int)strtonum(num, 0, 100000, &errstr);
	if (errstr != NULL)
		return -1;
	s += digits;
	if (s[0] == unit[0] && s[1] == '\0')
		return 0;
	snprintf(rest, sizeof(rest), " %s%s ago", unit, *n == 1 ? "" : "s");
	if (strcmp(s, rest) == 0)
		return 0;
	return -1;
}

/*
 * The time now: JOURNAL_NOW if set (an RFC 3339 timestamp, or a date for
 * its local noon), else the clock.
 */
int
when_now(time_t *now)
{
	struct jtime	 t;
	struct tm	 tm;
	const char	*v;

	if ((v = getenv("JOURNAL_NOW")) == NULL || *v == '\0')
		return time(now) == (time_t)-1 ? -1 : 0;
	if (journal_parse_time(v, &t) == -1)
		return -1;
	if (t.allday) {
		gmtime_r(&t.utc, &tm);
		tm.tm_hour = 12;
		tm.tm_isdst = -1;
		*now = mktime(&tm);
	} else
		*now = t.utc;
	return 0;
}

/* Parse a date expression relative to now; -1 with EINVAL if it is none. */
int
when_parse(const char *s, time_t now, int week_start, struct jrange *r)
{
	struct jtime	 t;
	struct tm	 tm;
	char		 buf[32];
	int		 n, i;

	localtime_r(&now, &tm);
	r->allday = true;
	if (strcmp(s, "today") == 0)
		return one_day(&tm, 0, r);
	if (strcmp(s, "yesterday") == 0)
		return one_day(&tm, -1, r);
	if (parse_count(s, "day", &n) == 0)
		return one_day(&tm, -n, r);
	if (parse_count(s, "week", &n) == 0)
		return one_day(&tm, -7 * n, r);
	if (strncmp(s, "last ", 5) == 0)
		for (i = 0; i < 7; i++)
			if (strcmp(s + 5, weekdays[i]) == 0) {
				/* From 1 to 7 days before: never today. */
				n = (tm.tm_wday - i + 6) % 7 + 1;
				return one_day(&tm, -n, r);
			}
	if (strcmp(s, "this week") == 0 || strcmp(s, "last week") == 0) {
		/* Weeks start on week_start, 1 for Monday as in ISO 8601. */
		n = (tm.tm_wday - week_start + 7) % 7;
		if (strcmp(s, "last week") == 0)
			n += 7;
		r->start = day_start(&tm, -n);
		r->end = day_start(&tm, -n + 7);
		return 0;
	}
	if (strcmp(s, "this month") == 0 || strcmp(s, "last month") == 0) {
		tm.tm_mday = 1;
		if (strcmp(s, "last month") == 0)
			tm.tm_mon--;
		tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
		tm.tm_isdst = -1;
		r->start = mktime(&tm);
		tm.tm_mon++;
		tm.tm_isdst = -1;
		r->end = mktime(&tm);
		return 0;
	}
	if (strlen(s) == 10 && journal_parse_time(s, &t) == 0) {
		gmtime_r(&t.utc, &tm);
		return one_day(&tm, 0, r);
	}
	/* An instant: local time unless an offset is given. */
	if (strlen(s) >= 16 && strlen(s) < sizeof(buf) &&
	    (s[10] == 'T' || s[10] == ' ')) {
		strlcpy(buf, s, sizeof(buf));
		buf[10] = 'T';
		/* Seconds may be left out, before an offset or not. */
		if (strlen(buf) == 16 || (strlen(buf) + 3 < sizeof(buf) &&
		    (buf[16] == 'Z' || buf[16] == '+' || buf[16] == '-'))) {
			memmove(buf + 19, buf + 16, strlen(buf + 16) + 1);
			memcpy(buf + 16, ":00", 3);
		}
		if (journal_parse_time(buf, &t) == 0) {
			r->start = r->end = t.utc;
			r->allday = false;
			return 0;
		}
		if (strlen(buf) == 19 && journal_parse_time(strcat(buf, "Z"),
		    &t) == 0) {
			gmtime_r(&t.utc, &tm);
			tm.tm_isdst = -1;
			r->start = r->end = mktime(&tm);
			r->allday = false;
			return 0;
		}
	}
	errno = EINVAL;
	return -1;
}
