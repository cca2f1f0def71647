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
 * whenscan.h: the words of the date grammar, read by whenscan.c into a
 * phrase of the calendar that when.c makes instants of.  Private to lib/:
 * only lib/when.c and lib/whenscan.c include this file.
 */

#ifndef WHENSCAN_H
#define WHENSCAN_H

#define WHEN_PHRASE_MAX	128	/* bytes of a phrase */
#define WHEN_WORDS_MAX	12	/* words of a phrase */

/* A phrase's time of day, when it is not seconds after midnight. */
#define WHEN_MIDNIGHT	(-1)	/* the first instant of the day */
#define WHEN_NO_TIME	(-2)	/* none was given */

enum span {
	SPAN_DAYS,			/* days, maybe with a time of day */
	SPAN_INSTANT			/* an instant, whatever the zone */
};

/* What a phrase names in the calendar, before it is made instants. */
struct phrase {
	enum span	 span;
	time_t		 day;		/* days since 1970: the first day */
	time_t		 end;		/* the day after the last */
	int		 secs;		/* a time of day on day, or as above */
	time_t		 instant;	/* of SPAN_INSTANT */
	bool		 iso;		/* day was written YYYY-MM-DD */
};

/*
 * A phrase being read, word by word: low holds it in lower case, each
 * word ended by a NUL, at where each starts.
 */
struct whenscan {
	const char	*text;		/* the phrase as given */
	char		 low[WHEN_PHRASE_MAX + 1];
	size_t		 at[WHEN_WORDS_MAX];
	size_t		 n;		/* words */
	size_t		 i;		/* the next word to read */
	time_t		 now;
	time_t		 today;		/* local days since 1970 */
	struct ymd	 date;		/* today's */
	int		 wday;		/* today's, 0 for Sunday */
	int		 clock;		/* now's time of day, in seconds */
	int		 week_start;
	bool		 meant;		/* could only be meant as a date */
	char		*err;
	size_t		 errlen;
};

int	 whenscan_init(struct whenscan *, const char *, time_t, int, char *,
	    size_t);
int	 whenscan_parse(struct whenscan *, struct phrase *);

#endif /* WHENSCAN_H */
