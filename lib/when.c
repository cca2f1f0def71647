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
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "rapport.h"
#include "whenscan.h"

/*
 * The date grammar of journal and score, in words as people write them and
 * in the exact forms of ISO 8601; anything else is an error that says what
 * was understood and what was not, never a silent guess.  whenscan.c reads
 * the words; here they become instants of the local time zone (TZ).
 *
 *	YYYY-MM-DD			that day
 *	YYYY-MM-DDThh:mm[:ss][Z|+hh:mm]	that instant; a blank may replace T
 *	now				this instant
 *	today, yesterday		that day
 *	monday ... sunday		the latest such day, today or before
 *	last monday ... last sunday	the latest such day before today
 *	N days ago, Nd			the day N days before today
 *	N weeks ago, Nw			the day 7N days before today
 *	dec 6, 6 dec [2026]		that day; without a year, the
 *					latest such day, today or before
 *	N hours ago, N minutes ago	that instant
 *	this week, last week		Monday to Sunday, or from week_start
 *	this month, last month		the calendar month
 *	this morning, this afternoon,	today at 09:00, 15:00, 19:00
 *	    this evening
 *	tonight, last night		today, yesterday at 21:00
 *
 * A time of day may follow or precede a day: 9pm, 9:30 pm, 21:00, noon or
 * midnight (the first instant of the day), after an optional "at"; a time
 * alone is today's.  After a day may also come morning, afternoon,
 * evening or night.  Months and weekdays are in English, in full or by
 * their first three letters; words are in any case, a single space apart.
 *
 * Days run from local midnight to local midnight.  A range is half-open,
 * [start, end); an instant is a range where start equals end.  A time of
 * day the clocks skipped, going forward, is an error; one they went
 * through twice, going back, is the first of the two.
 */

static time_t	 day_start(time_t);
static long	 offset_at(time_t);
static int	 local_instant(time_t, int, time_t *);
static time_t	 local_near(time_t, int);
static int	 timed(struct whenscan *, const struct phrase *, time_t *);
static int	 to_range(struct whenscan *, const struct phrase *,
		    struct jrange *);
static int	 to_point(struct whenscan *, const struct phrase *,
		    struct jpoint *);
static bool	 starts_with_date(struct whenscan *);
static int	 scan(struct whenscan *, struct phrase *, const char *, time_t,
		    int, char *, size_t);

/* The first instant of a day, in days since 1970: its local midnight. */
static time_t
day_start(time_t day)
{
	struct ymd	 d;
	struct tm	 t;

	date_from_days(day, &d);
	memset(&t, 0, sizeof(t));
	t.tm_year = d.year - 1900;
	t.tm_mon = d.month - 1;
	t.tm_mday = d.day;
	t.tm_isdst = -1;
	return mktime(&t);
}

/* The local offset from UTC at an instant, in seconds east. */
static long
offset_at(time_t t)
{
	struct tm	 tm;

	if (localtime_r(&t, &tm) == NULL)
		return 0;
	return tm.tm_gmtoff;
}

/*
 * The instant of a wall-clock time, secs after the midnight of a day:
 * each offset of the days around is tried, and kept where the clock there
 * reads that time.  None does in the hour the clocks skip (-1); two do in
 * the hour they repeat, and the earlier is taken.  mktime(3) is not asked,
 * as what it makes of those two hours depends on the C library.
 */
static int
local_instant(time_t day, int secs, time_t *t)
{
	time_t	 u, c;
	long	 off[3];
	size_t	 i;
	bool	 found = false;

	u = day * SECS_PER_DAY + secs;
	off[0] = offset_at(u - 2 * SECS_PER_DAY);
	off[1] = offset_at(u);
	off[2] = offset_at(u + 2 * SECS_PER_DAY);
	for (i = 0; i < sizeof(off) / sizeof(off[0]); i++) {
		c = u - off[i];
		if (offset_at(c) == off[i] && (!found || c < *t)) {
			*t = c;
			found = true;
		}
	}
	return found ? 0 : -1;
}

/*
 * A wall-clock time on a day, as near as the day has it: the same time,
 * or where the clocks skipped it, the time as many seconds after the
 * midnight as read before the change; the start of the day should that
 * fall on another.
 */
static time_t
local_near(time_t day, int secs)
{
	struct tm	 tm;
	time_t		 t;

	if (local_instant(day, secs, &t) == 0)
		return t;
	t = day * SECS_PER_DAY + secs -
	    offset_at((day - 2) * SECS_PER_DAY + secs);
	if (localtime_r(&t, &tm) == NULL || date_days(tm.tm_year + 1900,
	    tm.tm_mon + 1, tm.tm_mday) != day)
		return day_start(day);
	return t;
}

/* The instant of a phrase's time of day, or -1 where the clocks skip it. */
static int
timed(struct whenscan *sc, const struct phrase *p, time_t *t)
{
	struct ymd	 d;
	char		 clock[16];

	if (p->secs == WHEN_MIDNIGHT) {
		*t = day_start(p->day);
		return 0;
	}
	if (local_instant(p->day, p->secs, t) == 0)
		return 0;
	date_from_days(p->day, &d);
	if (p->secs % 60 != 0)
		snprintf(clock, sizeof(clock), "%02d:%02d:%02d",
		    p->secs / 3600, p->secs / 60 % 60, p->secs % 60);
	else
		snprintf(clock, sizeof(clock), "%02d:%02d", p->secs / 3600,
		    p->secs / 60 % 60);
	sc->meant = true;
	snprintf(sc->err, sc->errlen, "'%s': there was no %s on "
	    "%04d-%02d-%02d in this time zone, as the clocks went forward",
	    sc->text, clock, d.year, d.month, d.day);
	errno = EINVAL;
	return -1;
}

static int
to_range(struct whenscan *sc, const struct phrase *p, struct jrange *r)
{
	if (p->span == SPAN_INSTANT) {
		r->start = r->end = p->instant;
		r->allday = false;
		return 0;
	}
	if (p->secs != WHEN_NO_TIME) {
		if (timed(sc, p, &r->start) == -1)
			return -1;
		r->end = r->start;
		r->allday = false;
		return 0;
	}
	r->start = day_start(p->day);
	r->end = day_start(p->end);
	r->allday = true;
	return 0;
}

/*
 * A point in time: a day without a time of day is the time of day of now
 * on that day (the first day of a week or a month), so that "3 days ago"
 * keeps the time of the clock across a change of summer time.
 */
static int
to_point(struct whenscan *sc, const struct phrase *p, struct jpoint *pt)
{
	pt->timed = true;
	if (p->span == SPAN_INSTANT) {
		pt->t = p->instant;
		return 0;
	}
	if (p->secs != WHEN_NO_TIME)
		return timed(sc, p, &pt->t);
	pt->t = local_near(p->day, sc->clock);
	pt->timed = false;
	return 0;
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

/* Read a phrase's words; -1 with EINVAL and the reason in err. */
static int
scan(struct whenscan *sc, struct phrase *p, const char *s, time_t now,
    int week_start, char *err, size_t errlen)
{
	if (whenscan_init(sc, s, now, week_start, err, errlen) == -1)
		return -1;
	return whenscan_parse(sc, p);
}

/*
 * A phrase as a day, a range of days or an instant, for --since, --until
 * and --on; -1 with EINVAL and the reason in err if it is none.
 */
int
when_range(const char *s, time_t now, int week_start, struct jrange *r,
    char *err, size_t errlen)
{
	struct whenscan	 sc;
	struct phrase	 p;

	if (scan(&sc, &p, s, now, week_start, err, errlen) == -1)
		return -1;
	return to_range(&sc, &p, r);
}

/* when_range without the reason: -1 with EINVAL. */
int
when_parse(const char *s, time_t now, int week_start, struct jrange *r)
{
	return when_range(s, now, week_start, r, NULL, 0);
}

/*
 * A phrase as a point in time, for -d: timed says whether it gave a time
 * of day; -1 with EINVAL and the reason in err if it is none.
 */
int
when_point(const char *s, time_t now, int week_start, struct jpoint *pt,
    char *err, size_t errlen)
{
	struct whenscan	 sc;
	struct phrase	 p;

	if (scan(&sc, &p, s, now, week_start, err, errlen) == -1)
		return -1;
	return to_point(&sc, &p, pt);
}

/* Whether the words of a phrase that failed start with one that parses. */
static bool
starts_with_date(struct whenscan *sc)
{
	struct phrase	 p;
	size_t		 n, words;

	words = sc->n;
	sc->err = NULL;
	sc->errlen = 0;
	for (n = 1; n < words; n++) {
		sc->n = n;
		sc->i = 0;
		if (whenscan_parse(sc, &p) == 0)
			return true;
	}
	return false;
}

/*
 * The date at the head of a text, as jrnl reads "yesterday: text": the
 * words before the first colon of the first line that ends the line or
 * is followed by a blank.  Returns 1 with the point and *rest, the text
 * after the colon and its blanks, where they are a date; 0 with *rest the
 * whole text where they do not look like one ("Note to self: ..."); and
 * -1 with the reason in err where they start with a date and go on with
 * words that are not ("yesterday at9pm: ...", "Today I learned: ..."),
 * or could only have been meant as one ("feb 30: ...", "12/06: ..."):
 * the caller decides whether that is an error or text.
 */
int
when_prefix(const char *text, time_t now, int week_start,
    struct jpoint *pt, const char **rest, char *err, size_t errlen)
{
	struct whenscan	 sc;
	struct phrase	 p;
	const char	*c;
	char		 head[WHEN_PHRASE_MAX + 1];

	*rest = text;
	for (c = text; *c != '\0' && *c != '\n'; c++)
		if (c[0] == ':' && (c[1] == ' ' || c[1] == '\t' ||
		    c[1] == '\n' || c[1] == '\0'))
			break;
	if (*c != ':' || c == text || (size_t)(c - text) > WHEN_PHRASE_MAX)
		return 0;
	memcpy(head, text, c - text);
	head[c - text] = '\0';
	if (whenscan_init(&sc, head, now, week_start, err, errlen) == -1)
		return 0;
	if (whenscan_parse(&sc, &p) == -1)
		return sc.meant || starts_with_date(&sc) ? -1 : 0;
	if (to_point(&sc, &p, pt) == -1)
		return -1;
	for (c++; *c == ' ' || *c == '\t' || *c == '\n'; c++)
		;
	*rest = c;
	return 1;
}
