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
 * fuzz_date: the date grammars, date_parse (date.c) of tip and prompt,
 * the timestamps of the journal (journal_parse_time) and the phrases of
 * when.c of journal and score (when_parse, when_range, when_point and
 * when_prefix), with JOURNAL_NOW (when_now).  The input is eight bytes of
 * the time now, big-endian (the last bit of which starts weeks on Sunday
 * rather than Monday), then the text.  A date that parses must print back
 * as given and name its day; a range must not end before it starts, a
 * day must last 23 to 25 hours (the time zone here has summer time,
 * changed at midnight), today must hold now, and a timestamp of the
 * journal must format back to the same instant.  A phrase refused is
 * refused by each entry point, with a reason that fits its buffer; a
 * point is the instant of the phrase, or a time on its first day; a
 * phrase followed by ": body" is found at the head of that text exactly
 * when it is a phrase, with the same point and the body after it.
 */

#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "rapport.h"
#include "fuzzutil.h"

/* 0001-01-01 and 9999-12-31, the years the grammars can write. */
#define TIME_MIN	(-62135596800LL)
#define TIME_MAX	(253402300799LL)

/* JOURNAL_NOW, set in place: setenv(3) would keep every old value. */
static char	 nowenv[4200] = "JOURNAL_NOW=";
#define NOWENV_PREFIX	(sizeof("JOURNAL_NOW=") - 1)

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_set_tz(FUZZ_TZ_ODD);
	if (putenv(nowenv) != 0)
		abort();
	return 0;
}

static void
check_date(const char *s)
{
	struct ymd	 d, back;
	char		 buf[16];
	uint64_t	 seed;

	if (date_parse(s, &d) == -1) {
		CHECK(errno == EINVAL);
		CHECK(date_seed(s, "w", &seed) == -1);
		return;
	}
	date_format(&d, buf, sizeof(buf));
	CHECK(strcmp(buf, s) == 0);
	date_from_days(date_days(d.year, d.month, d.day), &back);
	CHECK(back.year == d.year && back.month == d.month &&
	    back.day == d.day);
	CHECK(date_seed(s, "w", &seed) == 0);
}

static void
check_stamp(const char *s)
{
	struct jtime	 t, back;
	char		 buf[40];

	if (journal_parse_time(s, &t) == -1)
		return;
	CHECK(t.utc >= TIME_MIN - 86400 && t.utc <= TIME_MAX + 86400);
	CHECK(t.offset > -24 * 60 && t.offset < 24 * 60);
	CHECK(t.allday == (strlen(s) == 10));
	if (t.allday)
		return;
	/* Written in this zone and read again: the same instant. */
	journal_format_time(t.utc, false, buf, sizeof(buf));
	CHECK(journal_parse_time(buf, &back) == 0);
	CHECK(back.utc == t.utc || t.utc < TIME_MIN + 86400 ||
	    t.utc > TIME_MAX - 86400);
}

/* A phrase as a point: the range's instant, or a time on its first day. */
static void
check_point(const char *s, time_t now, int week_start,
    const struct jrange *r)
{
	struct jpoint	 p;
	struct tm	 got, want;
	char		 err[ERRBUF_SIZE];

	CHECK(when_point(s, now, week_start, &p, err, sizeof(err)) == 0);
	if (!r->allday) {
		CHECK(p.timed && p.t == r->start);
		return;
	}
	CHECK(!p.timed);
	CHECK(p.t >= r->start && p.t < r->end);
	CHECK(localtime_r(&p.t, &got) != NULL);
	CHECK(localtime_r(&r->start, &want) != NULL);
	CHECK(got.tm_year == want.tm_year && got.tm_yday == want.tm_yday);
}

/*
 * jrnl's "DATE: body": the text itself, and the phrase with a body after
 * it, which must be found where the phrase is a point.
 */
static void
check_prefix(const char *s, time_t now, int week_start)
{
	struct jpoint	 p, q;
	const char	*rest;
	char		 err[ERRBUF_SIZE], *text;
	int		 rv;

	rv = when_prefix(s, now, week_start, &p, &rest, err, sizeof(err));
	CHECK(rv >= -1 && rv <= 1);
	if (rv == 1)
		CHECK(rest > s && rest <= s + strlen(s) && strchr(": \t\n",
		    rest[-1]) != NULL);
	else
		CHECK(rest == s);
	if (rv == -1)
		CHECK(err[0] != '\0');
	if (strchr(s, ':') != NULL || strchr(s, '\n') != NULL)
		return;
	if (asprintf(&text, "%s: body", s) == -1)
		abort();
	rv = when_prefix(text, now, week_start, &p, &rest, err, sizeof(err));
	if (when_point(s, now, week_start, &q, NULL, 0) == 0 && *s != '\0') {
		CHECK(rv == 1 && strcmp(rest, "body") == 0);
		CHECK(p.t == q.t && p.timed == q.timed);
	} else
		CHECK(rv != 1 && rest == text);
	free(text);
}

static void
check_when(const char *s, time_t now, int week_start)
{
	struct jrange	 r, day, same;
	struct jpoint	 p;
	struct tm	 tm;
	time_t		 len;
	char		 err[ERRBUF_SIZE], tiny[6], *low, *c;

	/* The words the checks look for, in any case, as the grammar has. */
	if ((low = strdup(s)) == NULL)
		abort();
	for (c = low; *c != '\0'; c++)
		if (*c >= 'A' && *c <= 'Z')
			*c += 'a' - 'A';
	check_prefix(s, now, week_start);
	if (when_parse(s, now, week_start, &r) == -1) {
		CHECK(errno == EINVAL);
		err[0] = '\0';
		CHECK(when_range(s, now, week_start, &same, err,
		    sizeof(err)) == -1);
		CHECK(err[0] != '\0' && strlen(err) < sizeof(err));
		CHECK(when_range(s, now, week_start, &same, tiny,
		    sizeof(tiny)) == -1);
		CHECK(strlen(tiny) < sizeof(tiny));
		CHECK(when_point(s, now, week_start, &p, NULL, 0) == -1);
		free(low);
		return;
	}
	CHECK(when_range(s, now, week_start, &same, err, sizeof(err)) == 0);
	CHECK(same.start == r.start && same.end == r.end &&
	    same.allday == r.allday);
	check_point(s, now, week_start, &r);
	CHECK(r.start != (time_t)-1 && r.end != (time_t)-1);
	CHECK(r.start <= r.end);
	if (!r.allday) {
		CHECK(r.start == r.end);
		free(low);
		return;
	}
	len = r.end - r.start;
	if (strcmp(low, "today") == 0 || strcmp(low, "this week") == 0 ||
	    strcmp(low, "this month") == 0)
		CHECK(r.start <= now && now < r.end);
	/* A week starts on its first day. */
	if (strcmp(low, "this week") == 0 || strcmp(low, "last week") == 0) {
		localtime_r(&r.start, &tm);
		CHECK(tm.tm_wday == week_start);
	}
	if (strstr(low, "week") != NULL && strchr(low, ' ') != NULL &&
	    strstr(low, " ago") == NULL)
		CHECK(len >= 7 * 86400 - 3600 && len <= 7 * 86400 + 3600);
	else if (strstr(low, "month") != NULL)
		CHECK(len >= 28 * 86400 - 3600 && len <= 31 * 86400 + 3600);
	else
		CHECK(len >= 23 * 3600 && len <= 25 * 3600);
	/* Yesterday ends where today starts. */
	if (strcmp(low, "yesterday") == 0) {
		CHECK(when_parse("today", now, week_start, &day) == 0);
		CHECK(r.end == day.start);
	}
	free(low);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint64_t	 u = 0;
	time_t		 now, got;
	char		*s;
	size_t		 i, n;

	if (size < 8)
		return 0;
	for (i = 0; i < 8; i++)
		u = u << 8 | data[i];
	/* A now of 1902 to 9998, for which a year ago and ahead exist. */
	now = (time_t)(u % (uint64_t)(253370764800LL + 2145916800LL)) -
	    2145916800LL;
	n = size - 8;
	if ((s = strndup((const char *)data + 8, n)) == NULL)
		abort();

	check_date(s);
	check_stamp(s);
	/* Weeks from Monday, as by default, or from Sunday. */
	check_when(s, now, data[7] & 1);

	n = strlen(s);
	if (n < sizeof(nowenv) - NOWENV_PREFIX) {
		memcpy(nowenv + NOWENV_PREFIX, s, n + 1);
		if (when_now(&got) == 0)
			CHECK(n == 0 || got != (time_t)-1);
		nowenv[NOWENV_PREFIX] = '\0';
	}
	free(s);
	return 0;
}
