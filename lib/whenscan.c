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
 * whenscan.c: the words of the date grammar of when.c, read into the day,
 * days or instant they name in the calendar, relative to today.  What is
 * not understood is an error that quotes what was and what was not.
 */

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "rapport.h"
#include "whenscan.h"

#define DIGITS		"0123456789"
#define COUNT_MAX	100000		/* of N days ago and the like */
#define HOUR		3600

static const char *const months[] = {
	"january", "february", "march", "april", "may", "june", "july",
	"august", "september", "october", "november", "december"
};

static const char *const weekdays[] = {
	"sunday", "monday", "tuesday", "wednesday", "thursday", "friday",
	"saturday"
};

/* The parts of a day, and the time of day each stands for. */
static const struct {
	const char	*name;
	int		 secs;
} parts[] = {
	{ "morning",	 9 * HOUR },
	{ "afternoon",	15 * HOUR },
	{ "evening",	19 * HOUR },
	{ "night",	21 * HOUR }
};

/* Counts before "ago": N days ago is a day, N hours ago an instant. */
static const struct {
	const char	*one;
	const char	*many;
	int		 days;
	int		 secs;
} units[] = {
	{ "day",	"days",		1, 0 },
	{ "week",	"weeks",	7, 0 },
	{ "hour",	"hours",	0, HOUR },
	{ "minute",	"minutes",	0, 60 }
};

#define NIGHT		(21 * HOUR)
#define NOON		(12 * HOUR)

static const char *word(const struct whenscan *, size_t);
static size_t	 understood(const struct whenscan *);
static int	 name_of(const char *, const char *const *, size_t);
static int	 part_of(const char *);
static int	 two(const char *);
static bool	 real_day(int, int, int);
static bool	 hint(const struct whenscan *, const char *, char *, size_t);
static int	 fail(struct whenscan *, const char *, const char *);
static int	 fail_words(struct whenscan *, size_t, const char *);
static int	 end(struct whenscan *);
static void	 one_day(struct phrase *, time_t);
static void	 set_time(struct phrase *, int, int, bool);
static int	 half_of(const char *);
static int	 clock_time(const char *, const char *, int *, size_t *,
		    const char **);
static int	 iso_time(const char *, int *, int *, bool *);
static int	 month_day(const char *, bool *);
static int	 parse_named(struct whenscan *, struct phrase *);
static int	 parse_time(struct whenscan *, int *);
static int	 parse_day(struct whenscan *, struct phrase *);
static int	 parse_date(struct whenscan *, struct phrase *);
static int	 parse_iso(struct whenscan *, struct phrase *);
static int	 parse_count(struct whenscan *, struct phrase *);

/* The word k after the next one to read, or NULL past the last. */
static const char *
word(const struct whenscan *sc, size_t k)
{
	if (sc->i + k >= sc->n)
		return NULL;
	return sc->low + sc->at[sc->i + k];
}

/* The length of the text up to the next word to read, without its blank. */
static size_t
understood(const struct whenscan *sc)
{
	if (sc->i >= sc->n)
		return strlen(sc->text);
	return sc->i == 0 ? 0 : sc->at[sc->i] - 1;
}

/* The index of a name written in full or as its first three letters. */
static int
name_of(const char *w, const char *const *names, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (strcmp(w, names[i]) == 0 || (strlen(w) == 3 &&
		    strncmp(w, names[i], 3) == 0))
			return (int)i;
	return -1;
}

/* The time of day of a part of the day, or WHEN_NO_TIME. */
static int
part_of(const char *w)
{
	size_t	 i;

	for (i = 0; i < sizeof(parts) / sizeof(parts[0]); i++)
		if (strcmp(w, parts[i].name) == 0)
			return parts[i].secs;
	return WHEN_NO_TIME;
}

/* The value of two decimal digits, or -1. */
static int
two(const char *s)
{
	if (s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9')
		return -1;
	return (s[0] - '0') * 10 + (s[1] - '0');
}

/* Whether a year, a month and a day name a day of the calendar. */
static bool
real_day(int y, int m, int d)
{
	struct ymd	 back;

	if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 || d > 31)
		return false;
	date_from_days(date_days(y, m, d), &back);
	return back.day == d;
}

/*
 * A note on a word of digits that is not understood: a number alone, or
 * a date in an order of its own, for which the note names the ISO 8601
 * forms it could stand for.  True when the word could only be a date.
 */
static bool
hint(const struct whenscan *sc, const char *w, char *note, size_t len)
{
	const char	*p = w;
	char		 sep = '\0', a[16], b[16];
	int		 v[3], k[3], n = 0;

	note[0] = '\0';
	for (;;) {
		k[n] = (int)strspn(p, DIGITS);
		if (k[n] == 0 || k[n] > 4)
			return false;
		v[n++] = atoi(p);
		p += k[n - 1];
		if (*p == '\0' || n == 3)
			break;
		if ((sep != '\0' && *p != sep) || strchr("/.-", *p) == NULL)
			return false;
		sep = *p++;
	}
	if (*p != '\0')
		return false;
	if (n == 1) {
		if (k[0] <= 2)
			snprintf(note, len, ": a number alone (write a time "
			    "as %s:00 or %spm, a day as YYYY-MM-DD)", w, w);
		else
			snprintf(note, len, ": a number alone (write a day "
			    "as YYYY-MM-DD)");
		return false;
	}
	a[0] = b[0] = '\0';
	if (n == 3 && k[0] == 4) {
		if (real_day(v[0], v[1], v[2]))
			snprintf(a, sizeof(a), "%04d-%02d-%02d", v[0], v[1],
			    v[2]);
		else if (sep == '-' && k[1] == 2 && k[2] == 2) {
			snprintf(note, len, ": no such day");
			return true;
		}
	} else if (n == 2 || k[2] == 4) {
		/* Month and day, or day and month, of the year given. */
		v[2] = n == 2 ? sc->date.year : v[2];
		if (real_day(v[2], v[0], v[1]))
			snprintf(a, sizeof(a), "%04d-%02d-%02d", v[2], v[0],
			    v[1]);
		if (v[0] != v[1] && real_day(v[2], v[1], v[0]))
			snprintf(b, sizeof(b), "%04d-%02d-%02d", v[2], v[1],
			    v[0]);
	}
	snprintf(note, len, ": %swrite the date as YYYY-MM-DD%s%s%s%s",
	    a[0] != '\0' && b[0] != '\0' ? "ambiguous; " : "",
	    a[0] != '\0' || b[0] != '\0' ? ", as " : "", a,
	    a[0] != '\0' && b[0] != '\0' ? " or " : "", b);
	return true;
}

/*
 * Say what was understood, the words before the next, and what was not,
 * the rest: with what was expected there, or why it is not understood.
 */
static int
fail(struct whenscan *sc, const char *expected, const char *why)
{
	const char	*rest;
	char		 note[160];

	errno = EINVAL;
	if (sc->i >= sc->n) {
		snprintf(sc->err, sc->errlen, "understood '%s', then expected "
		    "%s", sc->text, expected != NULL ? expected : "more");
		return -1;
	}
	if (expected != NULL)
		snprintf(note, sizeof(note), ": expected %s", expected);
	else if (why != NULL)
		snprintf(note, sizeof(note), ": %s", why);
	else if (hint(sc, word(sc, 0), note, sizeof(note)))
		sc->meant = true;
	rest = sc->text + sc->at[sc->i];
	if (sc->i == 0)
		snprintf(sc->err, sc->errlen, "not a date or time: '%s'%s",
		    rest, note);
	else
		snprintf(sc->err, sc->errlen, "understood '%.*s', not '%s'%s",
		    (int)understood(sc), sc->text, rest, note);
	return -1;
}

/* Say why the words from the word from to the last read name no day. */
static int
fail_words(struct whenscan *sc, size_t from, const char *why)
{
	size_t	 start;

	start = sc->at[from];
	sc->meant = true;
	errno = EINVAL;
	snprintf(sc->err, sc->errlen, "'%.*s': %s",
	    (int)(understood(sc) - start), sc->text + start, why);
	return -1;
}

/* The end of a phrase: no word may be left. */
static int
end(struct whenscan *sc)
{
	return sc->i < sc->n ? fail(sc, NULL, NULL) : 0;
}

static void
one_day(struct phrase *p, time_t day)
{
	p->day = day;
	p->end = day + 1;
}

/* A time of day on the day, or an instant where an offset came with it. */
static void
set_time(struct phrase *p, int secs, int offset, bool has_offset)
{
	if (has_offset) {
		p->span = SPAN_INSTANT;
		p->instant = p->day * SECS_PER_DAY + secs -
		    (time_t)offset * 60;
	} else
		p->secs = secs;
}

/* 1 for am, 2 for pm, else 0. */
static int
half_of(const char *s)
{
	if (strcmp(s, "am") == 0 || strcmp(s, "a.m.") == 0)
		return 1;
	if (strcmp(s, "pm") == 0 || strcmp(s, "p.m.") == 0)
		return 2;
	return 0;
}

/*
 * A time of the clock in the word w, or w and the next: h[:mm[:ss]] with
 * am or pm, joined or a word apart, or h:mm[:ss] on 24 hours.  Returns 1
 * with *secs and the *words it took, 0 if w is none (a number alone is
 * none), and -1 with *why if it is one out of range.
 */
static int
clock_time(const char *w, const char *next, int *secs, size_t *words,
    const char **why)
{
	const char	*p = w;
	int		 v[3] = { 0, 0, 0 }, n = 0, half;
	size_t		 k;

	for (;;) {
		k = strspn(p, DIGITS);
		if (k == 0 || k > 2 || (n > 0 && k != 2))
			return 0;
		v[n++] = k == 1 ? p[0] - '0' : two(p);
		p += k;
		if (*p != ':' || n == 3)
			break;
		p++;
	}
	*words = 1;
	if (*p != '\0')
		half = half_of(p);
	else if (next != NULL && (half = half_of(next)) != 0)
		*words = 2;
	else
		half = 0;
	if ((*p != '\0' && half == 0) || (half == 0 && n == 1))
		return 0;
	if (v[1] > 59 || v[2] > 59) {
		*why = "minutes and seconds run from 00 to 59";
		return -1;
	}
	if (half != 0) {
		if (v[0] < 1 || v[0] > 12) {
			*why = "hours run from 1 to 12 with am and pm";
			return -1;
		}
		v[0] = v[0] % 12 + (half == 2 ? 12 : 0);
	} else if (v[0] > 23) {
		*why = "hours run from 0 to 23";
		return -1;
	}
	*secs = v[0] * HOUR + v[1] * 60 + v[2];
	return 1;
}

/* The time of ISO 8601, hh:mm[:ss][z|+hh:mm], in lower case; 0 or -1. */
static int
iso_time(const char *s, int *secs, int *offset, bool *has_offset)
{
	int	 hh, mm, ss = 0, oh, om;

	if ((hh = two(s)) < 0 || hh > 23 || s[2] != ':' ||
	    (mm = two(s + 3)) < 0 || mm > 59)
		return -1;
	s += 5;
	/* A leap second, as RFC 3339 allows, is the next minute's first. */
	if (*s == ':') {
		if ((ss = two(s + 1)) < 0 || ss > 60)
			return -1;
		s += 3;
	}
	*offset = 0;
	*has_offset = true;
	if (s[0] == 'z' && s[1] == '\0')
		;
	else if ((s[0] == '+' || s[0] == '-') && (oh = two(s + 1)) >= 0 &&
	    oh <= 23 && s[3] == ':' && (om = two(s + 4)) >= 0 && om <= 59 &&
	    s[6] == '\0')
		*offset = (s[0] == '-' ? -1 : 1) * (oh * 60 + om);
	else if (*s == '\0')
		*has_offset = false;
	else
		return -1;
	*secs = hh * HOUR + mm * 60 + ss;
	return 0;
}

/* A day of the month, 1 to 31, maybe as an ordinal (6th) and a comma. */
static int
month_day(const char *w, bool *comma)
{
	static const char *const suffix[] = { "th", "st", "nd", "rd" };
	size_t	 k;
	int	 d;

	k = strspn(w, DIGITS);
	if (k == 0 || k > 2)
		return -1;
	d = k == 1 ? w[0] - '0' : two(w);
	if (d < 1 || d > 31)
		return -1;
	w += k;
	if (strncmp(w, suffix[d % 10 > 3 || d / 10 == 1 ? 0 : d % 10],
	    2) == 0)
		w += 2;
	if ((*comma = *w == ','))
		w++;
	return *w == '\0' ? d : -1;
}

/*
 * The phrases that stand alone: now, this or last week or month, tonight,
 * this morning, afternoon or evening, last night.  1, 0 if the next words
 * are none, -1.
 */
static int
parse_named(struct whenscan *sc, struct phrase *p)
{
	const char	*w = word(sc, 0), *w1 = word(sc, 1);
	int		 back, m, y;

	if (strcmp(w, "now") == 0 || strcmp(w, "tonight") == 0) {
		if (w[0] == 'n') {
			p->span = SPAN_INSTANT;
			p->instant = sc->now;
		} else {
			one_day(p, sc->today);
			p->secs = NIGHT;
		}
		sc->i++;
		return 1;
	}
	if (strcmp(w, "this") != 0 && strcmp(w, "last") != 0)
		return 0;
	back = w[0] == 'l';
	if (w1 != NULL && strcmp(w1, "week") == 0) {
		/* Weeks start on week_start, 1 for Monday as in ISO 8601. */
		p->day = sc->today - (sc->wday - sc->week_start + 7) % 7 -
		    7 * back;
		p->end = p->day + 7;
	} else if (w1 != NULL && strcmp(w1, "month") == 0) {
		m = sc->date.month - back;
		y = sc->date.year;
		if (m == 0) {
			m = 12;
			y--;
		}
		p->day = date_days(y, m, 1);
		p->end = date_days(y + (m == 12), m % 12 + 1, 1);
	} else if (back && w1 != NULL && strcmp(w1, "night") == 0) {
		one_day(p, sc->today - 1);
		p->secs = NIGHT;
	} else if (!back && w1 != NULL && strcmp(w1, "night") != 0 &&
	    part_of(w1) != WHEN_NO_TIME) {
		one_day(p, sc->today);
		p->secs = part_of(w1);
	} else if (back && w1 != NULL && name_of(w1, weekdays, 7) != -1)
		return 0;	/* last friday: a day, read by parse_day */
	else {
		sc->i++;
		return fail(sc, back ? "a weekday, week, month or night" :
		    "week, month, morning, afternoon or evening", NULL);
	}
	sc->i += 2;
	return 1;
}

/*
 * A time of day, after an optional "at": a clock time, noon or midnight.
 * 1 with *secs, 0 if the next word is none, -1.
 */
static int
parse_time(struct whenscan *sc, int *secs)
{
	const char	*w, *why = NULL;
	size_t		 words;
	bool		 at;
	int		 rv;

	if ((at = strcmp(word(sc, 0), "at") == 0))
		sc->i++;
	if ((w = word(sc, 0)) == NULL)
		return fail(sc, "a time", NULL);
	if (strcmp(w, "noon") == 0 || strcmp(w, "midnight") == 0) {
		*secs = w[0] == 'n' ? NOON : WHEN_MIDNIGHT;
		sc->i++;
		return 1;
	}
	if ((rv = clock_time(w, word(sc, 1), secs, &words, &why)) == 1) {
		sc->i += words;
		return 1;
	}
	if (rv == -1) {
		sc->meant = true;
		return fail(sc, NULL, why);
	}
	return at ? fail(sc, "a time", NULL) : 0;
}

/*
 * A day: today, yesterday, a weekday, last and a weekday, a date, or a
 * count of days or weeks ago (or of hours or minutes ago, an instant).
 * 1, 0 if the next word starts none, -1.
 */
static int
parse_day(struct whenscan *sc, struct phrase *p)
{
	const char	*w = word(sc, 0), *w1 = word(sc, 1);
	time_t		 day;
	bool		 comma;
	int		 k;

	if (w == NULL)
		return 0;
	if (strcmp(w, "today") == 0)
		day = sc->today;
	else if (strcmp(w, "yesterday") == 0)
		day = sc->today - 1;
	else if ((k = name_of(w, weekdays, 7)) != -1)
		/* The latest such day, today or before: 0 to 6 days ago. */
		day = sc->today - (sc->wday - k + 7) % 7;
	else if (strcmp(w, "last") == 0) {
		sc->i++;
		if (w1 == NULL || (k = name_of(w1, weekdays, 7)) == -1)
			return fail(sc, "a weekday", NULL);
		/* From 1 to 7 days before: never today. */
		day = sc->today - ((sc->wday - k + 6) % 7 + 1);
	} else if (name_of(w, months, 12) != -1 || (month_day(w, &comma) !=
	    -1 && !comma && w1 != NULL && name_of(w1, months, 12) != -1))
		return parse_date(sc, p);
	else if (strlen(w) >= 10 && strspn(w, DIGITS) == 4 && w[4] == '-' &&
	    strspn(w + 5, DIGITS) == 2 && w[7] == '-' &&
	    strspn(w + 8, DIGITS) == 2)
		return parse_iso(sc, p);
	else
		return parse_count(sc, p);
	sc->i++;
	one_day(p, day);
	return 1;
}

/*
 * A date in words: dec 6, dec 6 2026, dec 6, 2026, 6 dec, 6 dec 2026,
 * with its day maybe as an ordinal (6th).  Without a year, the latest
 * such day: this year's, or last year's while this year's is to come.
 */
static int
parse_date(struct whenscan *sc, struct phrase *p)
{
	static const int mdays[] = {
	    31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};
	const char	*w;
	char		 why[64];
	size_t		 from = sc->i;
	bool		 comma = false;
	int		 m, d, y;

	if ((m = name_of(word(sc, 0), months, 12)) != -1) {
		sc->i++;
		if ((w = word(sc, 0)) == NULL ||
		    (d = month_day(w, &comma)) == -1)
			return fail(sc, "a day of the month", NULL);
		sc->i++;
	} else {
		d = month_day(word(sc, 0), &comma);
		m = name_of(word(sc, 1), months, 12);
		sc->i += 2;
	}
	if ((w = word(sc, 0)) != NULL && strlen(w) == 4 &&
	    strspn(w, DIGITS) == 4 && (y = atoi(w)) >= 1)
		sc->i++;
	else if (comma)
		return fail(sc, "a year", NULL);
	else {
		y = sc->date.year;
		if (m + 1 > sc->date.month || (m + 1 == sc->date.month &&
		    d > sc->date.day))
			y--;
	}
	if (d > mdays[m]) {
		snprintf(why, sizeof(why), "%c%s has no day %d",
		    months[m][0] - 'a' + 'A', months[m] + 1, d);
		return fail_words(sc, from, why);
	}
	if (!real_day(y, m + 1, d)) {
		snprintf(why, sizeof(why), "there is no February 29 in %d",
		    y);
		return fail_words(sc, from, why);
	}
	one_day(p, date_days(y, m + 1, d));
	return 1;
}

/*
 * YYYY-MM-DD, and maybe T and a time of ISO 8601; a blank for the T is
 * read in whenscan_parse.
 */
static int
parse_iso(struct whenscan *sc, struct phrase *p)
{
	struct ymd	 d;
	const char	*w = word(sc, 0);
	char		 date[11];
	int		 secs, offset;
	bool		 has_offset;

	memcpy(date, w, 10);
	date[10] = '\0';
	if (date_parse(date, &d) == -1) {
		sc->meant = true;
		return fail(sc, NULL, "no such day");
	}
	one_day(p, date_days(d.year, d.month, d.day));
	p->iso = true;
	if (w[10] != '\0') {
		sc->meant = true;
		if (w[10] != 't')
			return fail(sc, NULL, "a T or a blank goes between "
			    "the date and the time");
		if (iso_time(w + 11, &secs, &offset, &has_offset) == -1)
			return fail(sc, NULL, "a time is hh:mm or hh:mm:ss, "
			    "then maybe Z or an offset +hh:mm");
		set_time(p, secs, offset, has_offset);
	}
	sc->i++;
	return 1;
}

/* N days ago, N weeks ago, Nd, Nw, N hours ago, N minutes ago. */
static int
parse_count(struct whenscan *sc, struct phrase *p)
{
	const char	*w = word(sc, 0), *u = NULL;
	size_t		 k, j;
	long		 n;

	k = strspn(w, DIGITS);
	if (k == 0)
		return 0;
	if (w[k] == 'd' || w[k] == 'w') {
		if (w[k + 1] != '\0')
			return 0;
		j = w[k] == 'd' ? 0 : 1;
	} else if (w[k] != '\0' || (u = word(sc, 1)) == NULL)
		return 0;
	else {
		for (j = 0; j < sizeof(units) / sizeof(units[0]); j++)
			if (strcmp(u, units[j].one) == 0 ||
			    strcmp(u, units[j].many) == 0)
				break;
		if (j == sizeof(units) / sizeof(units[0]))
			return 0;
	}
	if (k > 6 || (n = strtol(w, NULL, 10)) > COUNT_MAX)
		return fail(sc, NULL, "a count runs from 0 to 100000");
	sc->i++;
	if (u != NULL) {
		if (strcmp(u, n == 1 ? units[j].one : units[j].many) != 0)
			return fail(sc, NULL, n == 1 ? "after 1, the singular" :
			    "after a count other than 1, the plural");
		sc->i++;
		if (word(sc, 0) == NULL || strcmp(word(sc, 0), "ago") != 0)
			return fail(sc, "'ago'", NULL);
		sc->i++;
	}
	if (units[j].secs != 0) {
		p->span = SPAN_INSTANT;
		p->instant = sc->now - n * units[j].secs;
	} else
		one_day(p, sc->today - n * units[j].days);
	return 1;
}

/*
 * Read a phrase into words: a single space apart, none before the first
 * or after the last, in lower case.  -1 with the reason if it cannot be
 * one, or if now has no local time.
 */
int
whenscan_init(struct whenscan *sc, const char *s, time_t now,
    int week_start, char *err, size_t errlen)
{
	struct tm	 tm;
	size_t		 len, k;
	unsigned char	 c;

	memset(sc, 0, sizeof(*sc));
	sc->text = s;
	sc->now = now;
	sc->week_start = week_start;
	sc->err = err;
	sc->errlen = errlen;
	if ((len = strlen(s)) == 0) {
		snprintf(err, errlen, "an empty date");
		goto bad;
	}
	if (len > WHEN_PHRASE_MAX) {
		snprintf(err, errlen, "'%.40s...': too long for a date", s);
		goto bad;
	}
	for (k = 0; k < len; k++) {
		c = (unsigned char)s[k];
		if (c < ' ' || c == 0x7f) {
			snprintf(err, errlen, "'%s': a tab or another control "
			    "character", s);
			goto bad;
		}
		if (c == ' ' && (k == 0 || k == len - 1 || s[k + 1] == ' ')) {
			snprintf(err, errlen, "'%s': words go a single space "
			    "apart", s);
			goto bad;
		}
		sc->low[k] = c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
		if (c != ' ')
			continue;
		sc->low[k] = '\0';
		if (++sc->n == WHEN_WORDS_MAX) {
			snprintf(err, errlen, "'%s': too many words for a "
			    "date", s);
			goto bad;
		}
		sc->at[sc->n] = k + 1;
	}
	sc->n++;
	if (localtime_r(&now, &tm) == NULL) {
		snprintf(err, errlen, "the time now has no date");
		goto bad;
	}
	sc->date.year = tm.tm_year + 1900;
	sc->date.month = tm.tm_mon + 1;
	sc->date.day = tm.tm_mday;
	sc->today = date_days(sc->date.year, sc->date.month, sc->date.day);
	sc->wday = tm.tm_wday;
	sc->clock = tm.tm_hour * HOUR + tm.tm_min * 60 + tm.tm_sec;
	return 0;
bad:
	errno = EINVAL;
	return -1;
}

/*
 * A phrase: one that stands alone; or a day, then maybe a time of day or
 * a part of the day; or a time of day, then maybe a day (else today).
 */
int
whenscan_parse(struct whenscan *sc, struct phrase *p)
{
	size_t	 from;
	int	 rv, secs, offset;
	bool	 has_offset;

	memset(p, 0, sizeof(*p));
	p->span = SPAN_DAYS;
	p->secs = WHEN_NO_TIME;
	if ((rv = parse_named(sc, p)) != 0)
		return rv == -1 ? -1 : end(sc);
	if ((rv = parse_time(sc, &secs)) == -1)
		return -1;
	if (rv == 1) {
		from = sc->i;
		if ((rv = parse_day(sc, p)) == -1)
			return -1;
		if (rv == 0)
			one_day(p, sc->today);
		else if (p->span != SPAN_DAYS || p->secs != WHEN_NO_TIME) {
			sc->i = from;
			return fail(sc, NULL, "it has a time of its own");
		}
		p->secs = secs;
		return end(sc);
	}
	if ((rv = parse_day(sc, p)) != 1)
		return rv == 0 ? fail(sc, NULL, NULL) : -1;
	if (sc->i == sc->n || p->span != SPAN_DAYS ||
	    p->secs != WHEN_NO_TIME)
		return end(sc);
	if (p->iso && iso_time(word(sc, 0), &secs, &offset,
	    &has_offset) == 0) {
		sc->i++;
		set_time(p, secs, offset, has_offset);
	} else if ((p->secs = part_of(word(sc, 0))) != WHEN_NO_TIME)
		sc->i++;
	else if (parse_time(sc, &p->secs) == -1)
		return -1;
	return end(sc);
}
