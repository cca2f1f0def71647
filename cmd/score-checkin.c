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
 * score's check-in on the terminal: whom it is about, the person of the
 * last one the default; the items asked one at a time; and the scores
 * shown once it is made.
 */

#include "config.h"

#include <err.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "rapport.h"
#include "common.h"
#include "score.h"

static void	 quiet(const char *, size_t, const char *, void *);
static void	 draw_circles(void);

/* The problems of a journal read only for a default, told by the rest. */
static void
quiet(const char *path __attribute__((__unused__)),
    size_t line __attribute__((__unused__)),
    const char *msg __attribute__((__unused__)),
    void *arg __attribute__((__unused__)))
{
}

/*
 * Whom the latest check-in of the last year was about, into name: the
 * default of the next one.  The journal is the only memory of it, so
 * that deleting a check-in takes its person with it; a sealed journal
 * is read for it only when its keys are at hand (keys_at_hand).
 */
void
last_about(const char *path, time_t now, char *name)
{
	struct review		 r;
	const struct cread	*c;
	FILE			*fp;

	strlcpy(name, CHECKIN_ABOUT_DEFAULT, CHECKIN_ABOUT_MAX + 1);
	/* Writing to a sealed journal never asks its passphrase. */
	if (journal_sealed(path) && !keys_at_hand(path))
		return;
	if ((fp = open_journal(path, true)) == NULL)
		return;
	review_init(&r, &instrument, now, review_day(now) -
	    REVIEW_HISTORY_DAYS);
	if (review_read(&r, fp, path, quiet, NULL) == -1)
		err(EXIT_TROUBLE, "%s", path);
	fclose(fp);
	review_finish(&r);
	if ((c = review_latest(&r, LONG_MIN)) != NULL)
		strlcpy(name, r.people[c->person], CHECKIN_ABOUT_MAX + 1);
	review_free(&r);
}

/*
 * Ask once whom the check-in is about, the last one the default.  -1 on
 * quit or the end of input.
 */
int
ask_about(char *name)
{
	char	*line = NULL, *s, buf[CHECKIN_ABOUT_MAX + 1];
	size_t	 cap = 0, n;
	int	 rv = -1;

	for (;;) {
		printf("Who is this check-in about? One word, such as a "
		    "name (Enter for %s, q quits)> ", name);
		fflush(stdout);
		if (getline(&line, &cap, stdin) == -1) {
			putchar('\n');
			break;
		}
		s = line + strspn(line, " \t");
		n = strlen(s);
		while (n > 0 && strchr(" \t\r\n", s[n - 1]) != NULL)
			s[--n] = '\0';
		if (strcmp(s, "q") == 0)
			break;
		if (*s == '\0') {
			rv = 0;
			break;
		}
		if (checkin_about_name(s, buf, sizeof(buf)) == 0) {
			strlcpy(name, buf, CHECKIN_ABOUT_MAX + 1);
			rv = 0;
			break;
		}
		printf("%s is not one word of letters, digits, - and _, "
		    "at most %d bytes.\n", s, CHECKIN_ABOUT_MAX);
	}
	free(line);
	return rv;
}

/*
 * Seven pictures of two circles, from apart to almost one: you on the
 * left, them on the right, and what they share filled in.
 */
static void
draw_circles(void)
{
	static const int offsets[] = { 12, 10, 9, 6, 4, 2, 1 };
	char	 line[32];
	int	 i, at, width = 9, end;

	for (i = 0; i < 7; i++) {
		end = offsets[i] + width;
		memset(line, ' ', sizeof(line));
		for (at = offsets[i] + 1; at < width - 1; at++)
			line[at] = '#';
		line[0] = line[offsets[i]] = '(';
		line[width - 1] = line[end - 1] = ')';
		line[end] = '\0';
		printf("  %d  you %s them\n", i + 1, line);
	}
}

/*
 * Ask the items one at a time on the terminal: a number, s to skip, b to
 * go back, q to quit.  Line by line, so that it works over ssh, in tmux
 * and on a dumb terminal.  Returns 0 when all are asked, -1 on quit.
 */
int
ask(int *answers)
{
	const struct citem	*it;
	char			*line = NULL, *s, msg[ERRBUF_SIZE];
	size_t			 cap = 0, i = 0, j, n, col;
	ssize_t			 len;
	int			 v;

	/* Some seven seconds an answer. */
	printf("%s: %zu questions, about %zu minute%s.\n", instrument.title,
	    instrument.nitems, (instrument.nitems * 7 + 59) / 60,
	    instrument.nitems * 7 > 60 ? "s" : "");
	if (instrument.intro != NULL)
		wrap(stdout, "", "", instrument.intro);
	printf("Answer with a number; s skips, b goes back, q quits without "
	    "saving.\n");
	while (i < instrument.nitems) {
		it = &instrument.items[i];
		printf("\n[%zu/%zu] %s\n", i + 1, instrument.nitems,
		    it->dim == CHECKIN_NOWHERE ? "overall" :
		    instrument.dims[it->dim].name);
		wrap(stdout, "", "", it->text);
		if (it->circles)
			draw_circles();
		else if (it->dim != CHECKIN_NOWHERE) {
			/* The labels on as few lines as fit. */
			fputs("  ", stdout);
			for (j = 0, col = 2; j <= (size_t)(it->max - it->min);
			    j++) {
				n = (size_t)snprintf(NULL, 0, "%d ", it->min) +
				    text_width(instrument.labels[j],
				    strlen(instrument.labels[j]));
				if (col > 2 && col + 3 + n > WIDTH) {
					fputs("\n  ", stdout);
					col = 2;
				} else if (col > 2) {
					fputs("   ", stdout);
					col += 3;
				}
				printf("%d %s", it->min + (int)j,
				    instrument.labels[j]);
				col += n;
			}
			putchar('\n');
		} else
			for (j = 0; j <= (size_t)(it->max - it->min); j++)
				if (it->anchors[j] != NULL)
					printf("  %d %s\n", it->min + (int)j,
					    it->anchors[j]);
		if (answers[i] != CHECKIN_NONE)
			printf("(you answered %d)\n", answers[i]);
		for (;;) {
			printf("%d-%d, s, b or q> ", it->min, it->max);
			fflush(stdout);
			if ((len = getline(&line, &cap, stdin)) == -1) {
				putchar('\n');
				free(line);
				return -1;
			}
			s = line + strspn(line, " \t");
			s[strcspn(s, " \t\r\n")] = '\0';
			if (strcmp(s, "q") == 0) {
				free(line);
				return -1;
			}
			if (strcmp(s, "b") == 0) {
				if (i == 0) {
					printf("This is the first one.\n");
					continue;
				}
				i--;
				break;
			}
			if (strcmp(s, "s") == 0) {
				answers[i++] = CHECKIN_NONE;
				break;
			}
			if (*s == '\0')
				continue;
			if (answer_value(&instrument, i, s, &v, msg,
			    sizeof(msg)) == 0) {
				answers[i++] = v;
				break;
			}
			printf("%s; or s, b or q.\n", msg);
		}
	}
	free(line);
	return 0;
}

/* The scores of a check-in just made, and what they are not. */
void
show_scores(const int *answers, time_t when, const char *about)
{
	const struct citem	*it;
	double			*dims, total;
	size_t			 i, w = name_width(&instrument);
	char			 date[32], text[512];

	dims = xreallocarray(NULL, instrument.ndims, sizeof(*dims));
	checkin_score(&instrument, answers, dims, &total);
	journal_format_time(when, true, date, sizeof(date));
	snprintf(text, sizeof(text), "Your check-in of %s about %s, on a "
	    "scale of %d (%s) to %d (%s):", date, about, instrument.min,
	    instrument.labels[0],
	    instrument.max, instrument.labels[instrument.max - instrument.min]);
	putchar('\n');
	wrap(stdout, "", "", text);
	putchar('\n');
	for (i = 0; i <= instrument.ndims; i++) {
		double	 v = i < instrument.ndims ? dims[i] : total;

		fputs("  ", stdout);
		pad(stdout, i < instrument.ndims ? instrument.dims[i].name : "overall",
		    w + 2);
		if (isnan(v))
			printf("n/a  (too few answers)\n");
		else
			printf("%.1f  %s\n", score_round(v),
			    instrument_band(&instrument, v));
	}
	for (i = 0; i < instrument.nitems; i++) {
		it = &instrument.items[i];
		if (it->dim != CHECKIN_NOWHERE || answers[i] == CHECKIN_NONE)
			continue;
		fputs("  ", stdout);
		pad(stdout, it->key, w + 2);
		printf("%d on %d to %d\n", answers[i], it->min, it->max);
	}
	free(dims);
}
