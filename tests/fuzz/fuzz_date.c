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
 * the timestamps of the journal (journal_parse_time) and when_parse
 * (when.c) of journal and score, with JOURNAL_NOW (when_now).  The input
 * is eight bytes of the time now, big-endian (the last bit of which
 * starts weeks on Sunday rather than Monday), then the text.  A date
 * that parses must print back as given and name its day; a range must
 * not end before it starts, a day must last 23 to 25 hours (the time zone
 * here has summer time, changed at midnight), today must hold now, and
 * a timestamp of the journal must format back to the same instant.
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

static void
check_when(const char *s, time_t now, int week_start)
{
	struct jrange	 r, day;
	struct tm	 tm;
	time_t		 len;

	if (when_parse(s, now, week_start, &r) == -1) {
		CHECK(errno == EINVAL);
		return;
	}
	CHECK(r.start != (time_t)-1 && r.end != (time_t)-1);
	CHECK(r.start <= r.end);
	if (!r.allday) {
		CHECK(r.start == r.end);
		return;
	}
	len = r.end - r.start;
	if (strcmp(s, "today") == 0 || strcmp(s, "this week") == 0 ||
	    strcmp(s, "this month") == 0)
		CHECK(r.start <= now && now < r.end);
	/* A week starts on its first day. */
	if (strcmp(s, "this week") == 0 || strcmp(s, "last week") == 0) {
		localtime_r(&r.start, &tm);
		CHECK(tm.tm_wday == week_start);
	}
	if (strstr(s, "week") != NULL && strchr(s, ' ') != NULL &&
	    strstr(s, " ago") == NULL)
		CHECK(len >= 7 * 86400 - 3600 && len <= 7 * 86400 + 3600);
	else if (strstr(s, "month") != NULL)
		CHECK(len >= 28 * 86400 - 3600 && len <= 31 * 86400 + 3600);
	else
		CHECK(len >= 23 * 3600 && len <= 25 * 3600);
	/* Yesterday ends where today starts. */
	if (strcmp(s, "yesterday") == 0) {
		CHECK(when_parse("today", now, week_start, &day) == 0);
		CHECK(r.end == day.start);
	}
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
