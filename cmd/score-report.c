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
 * score report and score compare as text on stdout, from what review.c
 * works out; the dates and sentences that the TSV and JSON of
 * score-data.c and the HTML of score-html.c share; and the wrapped text
 * that the check-in shares.  A period is given by its first day, the
 * first day of a week.
 */

#include "config.h"

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rapport.h"
#include "names.h"
#include "score.h"

#define CHART_MAX	16	/* columns of a chart; weeks share them */
#define CELL		6	/* columns of a week in the grid: " 10-05" */
#define GRID_MIN	4	/* weeks of a grid at the least */

static void	 sparkline(FILE *, const struct instrument *, const double *,
		    size_t, int);
static void	 report_none(FILE *, const struct review *, size_t);
static void	 report_heading(FILE *, const struct review *,
		    const struct cread *, long, size_t);
static void	 report_chart(FILE *, const struct review *,
		    const struct cread *, long, size_t, int);
static bool	 report_grid(FILE *, const struct review *,
		    const struct cread *, long, size_t, int, size_t);
static void	 level(FILE *, const struct instrument *, double, int);
static void	 legend(FILE *, int);
static void	 latest_score(FILE *, const struct instrument *, double);
static void	 report_changes(FILE *, const struct review *, long);
static void	 report_globals(FILE *, const struct instrument *,
		    const struct cread *);
static void	 report_strengths(FILE *, const struct review *,
		    const struct cread *);
static void	 report_daily(FILE *, const struct review *);

static const char *const blocks[] = {
	"\xe2\x96\x81", "\xe2\x96\x82", "\xe2\x96\x83", "\xe2\x96\x84",
	"\xe2\x96\x85", "\xe2\x96\x86", "\xe2\x96\x87", "\xe2\x96\x88"
};
static const char ascii_levels[] = "_.-:=+*#";

#define LEVELS		((int)(sizeof(blocks) / sizeof(blocks[0])))

/*
 * Print text wrapped at WIDTH columns, the first line after first and the
 * others after rest.
 */
void
wrap(FILE *fp, const char *first, const char *rest, const char *text)
{
	const char	*p = text, *word, *lead = first;
	size_t		 col, n, w;

	fputs(lead, fp);
	col = text_width(lead, strlen(lead));
	while (*p != '\0') {
		word = p;
		n = strcspn(p, " ");
		w = text_width(word, n);
		if (col > text_width(lead, strlen(lead)) && col + 1 + w >
		    WIDTH) {
			putc('\n', fp);
			lead = rest;
			fputs(lead, fp);
			col = text_width(lead, strlen(lead));
		} else if (col > text_width(lead, strlen(lead))) {
			putc(' ', fp);
			col++;
		}
		fwrite(word, 1, n, fp);
		col += w;
		p += n;
		p += strspn(p, " ");
	}
	putc('\n', fp);
}

/* The width of the widest name of a dimension, or of "overall". */
size_t
name_width(const struct instrument *in)
{
	size_t	 i, w, max = strlen("overall");

	for (i = 0; i < in->ndims; i++) {
		w = text_width(in->dims[i].name, strlen(in->dims[i].name));
		if (w > max)
			max = w;
	}
	return max;
}

/* A name, then blanks up to width columns. */
void
pad(FILE *fp, const char *s, size_t width)
{
	size_t	 w = text_width(s, strlen(s));

	fputs(s, fp);
	while (w++ < width)
		putc(' ', fp);
}

void
day_string(long day, char *buf, size_t len)
{
	struct ymd	 d;

	date_from_days(day, &d);
	date_format(&d, buf, len);
}

/* A direction of review_change or review_daily in words. */
const char *
direction(int dir)
{
	return dir > 0 ? "up" : dir < 0 ? "down" : "about the same";
}

/*
 * The change in a daily rating, the mean of the last 7 days against that
 * of the 28 before: too few days rated in either says nothing of it.
 */
const char *
daily_change(const struct dstat *recent, const struct dstat *prior,
    int dir)
{
	return recent->days < REVIEW_DAILY_RECENT ||
	    prior->days < REVIEW_DAILY_PRIOR ? "too few days" : direction(dir);
}

/*
 * The report's second sentence: how many check-ins from start, about
 * whom, the latest, and the scale.  The text and the HTML share it.
 */
void
count_sentence(const struct review *r, const struct cread *c, long start,
    char *text, size_t len)
{
	const struct instrument	*in = r->in;
	size_t			 n;
	char			 date[16];

	day_string(c->day, date, sizeof(date));
	n = review_count(r, start);
	snprintf(text, len, "%zu check-in%s about %s, the latest on %s; "
	    "scores from %d (%s) to %d (%s).", n, n == 1 ? "" : "s",
	    r->people[c->person], date, in->min, in->labels[0], in->max,
	    in->labels[in->max - in->min]);
}

/*
 * Whom a review is about: its one person, or NULL for a review of all the
 * check-ins of a journal about more than one person, or about none.
 */
const char *
person_of(const struct review *r)
{
	return r->npeople == 1 ? r->people[0] : NULL;
}

/*
 * A row of a chart: a character per column, a level per score, and with
 * colour the low ones yellow and the high ones green.
 */
static void
sparkline(FILE *fp, const struct instrument *in, const double *v,
    size_t n, int chart)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		level(fp, in, v[i], chart);
}

/* The character of a score's level, one column, or of no score. */
static void
level(FILE *fp, const struct instrument *in, double v, int chart)
{
	int	 l;
	bool	 shade;

	if (isnan(v)) {
		fputs(chart & CHART_UTF8 ? "\xc2\xb7" : " ", fp);
		return;
	}
	l = review_level(in, v, LEVELS);
	shade = (chart & CHART_COLOR) && (l <= 2 || l >= 5);
	if (shade)
		fputs(l <= 2 ? "\033[33m" : "\033[32m", fp);
	if (chart & CHART_UTF8)
		fputs(blocks[l], fp);
	else
		putc(ascii_levels[l], fp);
	if (shade)
		fputs("\033[0m", fp);
}

/* What the levels mean, which no one should have to guess. */
static void
legend(FILE *fp, int chart)
{
	int	 l;

	fputs("  The weeks, low to high: ", fp);
	for (l = 0; l < LEVELS; l++)
		if (chart & CHART_UTF8)
			fputs(blocks[l], fp);
		else
			fprintf(fp, "%s%c", l > 0 ? " " : "", ascii_levels[l]);
	fputs(chart & CHART_UTF8 ? "; \xc2\xb7 no check-in\n" :
	    "; blank, no check-in\n", fp);
}

/*
 * The text report of the nweeks weeks from day start, of each of the n
 * reviews, one per person, in turn: the scores of the latest check-in
 * and the weeks' chart, the changes, the global items, the strongest and
 * weakest dimensions; then the daily ratings, which are the writer's.
 * The chart is a grid of the weeks' scores on a terminal of more than
 * REPORT_WIDE columns, width.
 */
void
report_text(FILE *fp, const struct review *rs, size_t n, long start,
    size_t nweeks, int chart, size_t width)
{
	const struct review	*r;
	const struct cread	*c;

	for (r = rs; r < rs + n; r++) {
		if ((c = review_latest(r, start)) == NULL) {
			report_none(fp, r, nweeks);
			return;
		}
		report_heading(fp, r, c, start, nweeks);
		if (width <= REPORT_WIDE || !report_grid(fp, r, c, start,
		    nweeks, chart, width))
			report_chart(fp, r, c, start, nweeks, chart);
		putc('\n', fp);
		report_changes(fp, r, start);
		report_globals(fp, r->in, c);
		putc('\n', fp);
		report_strengths(fp, r, c);
		putc('\n', fp);
	}
	report_daily(fp, rs);
	putc('\n', fp);
	wrap(fp, "", "", FOOTER);
}

/* No check-in in the period: when the latest was, if there is one. */
static void
report_none(FILE *fp, const struct review *r, size_t nweeks)
{
	const struct cread	*c;
	const char		*who = person_of(r);
	char			 date[16], about[CHECKIN_ABOUT_MAX + 8] = "";

	if (who != NULL)
		snprintf(about, sizeof(about), " about %s", who);
	if ((c = review_latest(r, LONG_MIN)) != NULL) {
		day_string(c->day, date, sizeof(date));
		fprintf(fp, "No check-in%s in these %zu weeks; the latest was "
		    "on %s.\nRun %s for a check-in, or %s report --weeks with "
		    "more weeks.\n", about, nweeks, date, getprogname(),
		    getprogname());
	} else
		fprintf(fp, "No check-in%s in these %zu weeks, nor in the year "
		    "before.\nRun %s for a check-in: it takes a few "
		    "minutes.\n", about, nweeks, getprogname());
}

static void
report_heading(FILE *fp, const struct review *r, const struct cread *c,
    long start, size_t nweeks)
{
	const struct instrument	*in = r->in;
	char			 date[16], today[16], text[512];

	day_string(start, date, sizeof(date));
	day_string(r->today, today, sizeof(today));
	fprintf(fp, "%s: %zu week%s, %s to %s\n", in->title, nweeks,
	    nweeks == 1 ? "" : "s", date, today);
	count_sentence(r, c, start, text, sizeof(text));
	wrap(fp, "", "", text);
	putc('\n', fp);
}

/* The end of a line of the chart or the grid: the latest score, its band. */
static void
latest_score(FILE *fp, const struct instrument *in, double v)
{
	if (isnan(v))
		fprintf(fp, "  n/a\n");
	else
		fprintf(fp, "  %.1f  %s\n", score_round(v),
		    instrument_band(in, v));
}

/* A line per dimension and the total: the weeks, the latest score. */
static void
report_chart(FILE *fp, const struct review *r, const struct cread *c,
    long start, size_t nweeks, int chart)
{
	const struct instrument	*in = r->in;
	double			*weeks, cols[CHART_MAX], v;
	size_t			 w = name_width(in), ncols, d;

	ncols = nweeks < CHART_MAX ? nweeks : CHART_MAX;
	fprintf(fp, "  %*s  %-*s  latest\n", -(int)w, "", (int)ncols, "weeks");
	weeks = xreallocarray(NULL, nweeks, sizeof(*weeks));
	for (d = 0; d <= in->ndims; d++) {
		review_weeks(r, start, d, weeks, nweeks);
		review_columns(weeks, nweeks, cols, ncols);
		v = cread_score(r, c, d);
		fputs("  ", fp);
		pad(fp, d < in->ndims ? in->dims[d].name : "overall", w + 2);
		sparkline(fp, in, cols, ncols, chart);
		if (ncols < 5)
			fprintf(fp, "%*s", (int)(5 - ncols), "");
		latest_score(fp, in, v);
	}
	free(weeks);
	legend(fp, chart);
}

/*
 * On a terminal wider than REPORT_WIDE columns, a grid instead of the
 * chart: a column per week, headed by the day it starts, each cell the
 * week's level and score, and as many weeks as fit in width, weeks
 * sharing a column beyond, each column headed by its first.  False,
 * drawing nothing, when not even GRID_MIN weeks fit beside the names and
 * the latest scores.
 */
static bool
report_grid(FILE *fp, const struct review *r, const struct cread *c,
    long start, size_t nweeks, int chart, size_t width)
{
	const struct instrument	*in = r->in;
	double			*weeks, *cols;
	size_t			 w = name_width(in), ncols, d, i, fit, latest;
	size_t			 lw;
	char			 date[16];

	/* "  4.0  often": the widest score and label. */
	latest = 0;
	for (i = 0; i <= (size_t)(in->max - in->min); i++)
		if ((lw = text_width(in->labels[i], strlen(in->labels[i]))) >
		    latest)
			latest = lw;
	latest += 4 + (size_t)snprintf(NULL, 0, "%.1f", (double)in->max);
	if (4 + w + latest + GRID_MIN * CELL > width)
		return false;
	fit = (width - 4 - w - latest) / CELL;
	ncols = nweeks < fit ? nweeks : fit;
	fprintf(fp, "  %*s", -(int)(w + 2), ncols < nweeks ?
	    "weeks from" : "week of");
	for (i = 0; i < ncols; i++) {
		day_string(start + 7 * (long)(i * nweeks / ncols), date,
		    sizeof(date));
		fprintf(fp, " %s", date + 5);
	}
	fputs("  latest\n", fp);
	weeks = xreallocarray(NULL, nweeks, sizeof(*weeks));
	cols = xreallocarray(NULL, ncols, sizeof(*cols));
	for (d = 0; d <= in->ndims; d++) {
		review_weeks(r, start, d, weeks, nweeks);
		review_columns(weeks, nweeks, cols, ncols);
		fputs("  ", fp);
		pad(fp, d < in->ndims ? in->dims[d].name : "overall", w + 2);
		for (i = 0; i < ncols; i++) {
			fputs("  ", fp);
			level(fp, in, cols[i], chart);
			if (isnan(cols[i]))
				fputs("   ", fp);
			else
				fprintf(fp, "%.1f", score_round(cols[i]));
		}
		latest_score(fp, in, cread_score(r, c, d));
	}
	free(weeks);
	free(cols);
	legend(fp, chart);
	return true;
}

/*
 * The sentence on a change of dimension d (the total when d is ndims)
 * into buf, when there is one past its threshold: returns its direction,
 * 0 for none.
 */
int
change_sentence(const struct review *r, long start, size_t d, char *buf,
    size_t len)
{
	const struct instrument	*in = r->in;
	double			 delta;
	long			 base;
	char			 date[16];
	int			 dir;

	if ((dir = review_change(r, start, d, &delta, &base)) == 0)
		return 0;
	day_string(base, date, sizeof(date));
	snprintf(buf, len, "Change: %s went %s by %.1f since the week of %s, "
	    "past its threshold of %.1f at the last two check-ins.",
	    d < in->ndims ? in->dims[d].name : "the overall score",
	    direction(dir), fabs(delta), date, r->threshold[d]);
	return dir;
}

/*
 * What the change sentences leave unsaid, whether they said any, into
 * buf.  A change takes the check-ins of three weeks of the period, so
 * with fewer the report says that there is nothing to compare yet, and
 * when the next check-in is due: a week after the latest, or now.
 */
void
change_rest(const struct review *r, long start, bool changed, char *buf,
    size_t len)
{
	const struct cread	*c;
	size_t			 n = 0;
	long			 week = LONG_MIN, w;
	char			 date[16], due[64];

	/* The weeks with a check-in, the latest first, up to three. */
	for (c = r->checkins + r->ncheckins; c > r->checkins && n < 3;) {
		if ((--c)->day < start)
			break;
		if ((w = review_week_start(c->day, r->week_start)) != week) {
			week = w;
			n++;
		}
	}
	if (changed || n >= 3 || (c = review_latest(r, start)) == NULL) {
		strlcpy(buf, changed ? "Everything else: about the same, "
		    "within the ups and downs of an ordinary week." : "Change: "
		    "about the same everywhere, within the ups and downs of an "
		    "ordinary week (" NAME_SCORE "(1) says when a change "
		    "counts).", len);
		return;
	}
	if (c->day + 7 > r->today) {
		day_string(c->day + 7, date, sizeof(date));
		snprintf(due, sizeof(due), "is due on %s, a week after the "
		    "latest", date);
	} else
		strlcpy(due, "is due now", sizeof(due));
	if (r->ncheckins == 1)
		snprintf(buf, len, "Change: nothing to compare yet, this being "
		    "the first check-in; the second %s.", due);
	else
		snprintf(buf, len, "Change: nothing to compare yet. A change "
		    "takes check-ins in three weeks, and these weeks have %s; "
		    "the next %s.", n == 1 ? "one" : "two", due);
}

static void
report_changes(FILE *fp, const struct review *r, long start)
{
	size_t	 d;
	char	 text[TEXT_MAX];
	bool	 changed = false;

	for (d = 0; d <= r->in->ndims; d++)
		if (change_sentence(r, start, d, text, sizeof(text)) != 0) {
			wrap(fp, "", "", text);
			changed = true;
		}
	change_rest(r, start, changed, text, sizeof(text));
	wrap(fp, "", "", text);
}

/*
 * The answer to item i of a check-in into buf, when it is a global item
 * answered: else false.
 */
bool
global_sentence(const struct instrument *in, const struct cread *c,
    size_t i, char *buf, size_t len)
{
	const struct citem	*it = &in->items[i];

	if (it->dim != CHECKIN_NOWHERE || isnan(c->items[i]))
		return false;
	if (it->circles) {
		snprintf(buf, len, "Closeness picture: %.0f of 7 (1 apart, 7 "
		    "almost one).", c->items[i]);
		return true;
	}
	snprintf(buf, len, "%s: %.0f on %d to %d", it->key, c->items[i],
	    it->min, it->max);
	if (it->anchors[0] != NULL && it->anchors[it->max - it->min] != NULL)
		snprintf(buf + strlen(buf), len - strlen(buf), " (%d %s, %d %s)",
		    it->min, it->anchors[0], it->max,
		    it->anchors[it->max - it->min]);
	strlcat(buf, ".", len);
	return true;
}

/* The answers to the global items, after a blank line if there are any. */
static void
report_globals(FILE *fp, const struct instrument *in,
    const struct cread *c)
{
	size_t	 i, n;
	char	 text[TEXT_MAX];

	for (i = 0, n = 0; i < in->nitems; i++) {
		if (!global_sentence(in, c, i, text, sizeof(text)))
			continue;
		if (n++ == 0)
			putc('\n', fp);
		wrap(fp, "", "  ", text);
	}
}

/*
 * The sentences on the strongest dimensions of a check-in and the one
 * with most room to grow, with tip and prompt's, into text: returns how
 * many, at most STRENGTH_LINES.
 */
size_t
strength_sentences(const struct review *r, const struct cread *c,
    char text[][TEXT_MAX])
{
	const struct instrument	*in = r->in;
	size_t			 i, low, top[STRONG_MAX], n, k = 0;

	low = review_lowest(r, c);
	n = review_strongest(r, c, low, top, STRONG_MAX);
	if (low == CHECKIN_NOWHERE || n == 0)
		strlcpy(text[k++], "Every dimension has the same score: none "
		    "stands out this time.", TEXT_MAX);
	for (i = 0; i < n; i++)
		snprintf(text[k++], TEXT_MAX, "%s %s (%.1f): more of what "
		    "works with %s %s or %s %s.", i == 0 ? "Strongest:" :
		    "Also strong:", in->dims[top[i]].name,
		    score_round(c->dims[top[i]]), NAME_TIP,
		    in->dims[top[i]].category, NAME_PROMPT,
		    in->dims[top[i]].category);
	if (low != CHECKIN_NOWHERE && n > 0)
		snprintf(text[k++], TEXT_MAX, "Most room to grow: %s (%.1f). "
		    "To try next: %s %s, %s %s.",
		    in->dims[low].name, score_round(c->dims[low]),
		    NAME_TIP, in->dims[low].category, NAME_PROMPT,
		    in->dims[low].category);
	return k;
}

static void
report_strengths(FILE *fp, const struct review *r,
    const struct cread *c)
{
	char	 text[STRENGTH_LINES][TEXT_MAX];
	size_t	 i, n;

	n = strength_sentences(r, c, text);
	for (i = 0; i < n; i++)
		wrap(fp, "", i == 0 && strncmp(text[i], "Every", 5) == 0 ?
		    "" : "  ", text[i]);
}

/*
 * The daily ratings of key k in words, into recent and prior, each of len
 * bytes: the last 7 days, the 28 before; and their direction into dir.
 * False when neither has a rating.
 */
bool
daily_words(const struct review *r, size_t k, char *recent, char *prior,
    size_t len, const char **dir)
{
	struct dstat	 a, b;
	int		 d;

	d = review_daily(r, k, &a, &b);
	if (a.days == 0 && b.days == 0)
		return false;
	if (a.days > 0)
		snprintf(recent, len, "%.1f on %d of 7 days",
		    score_round(a.mean), a.days);
	else
		snprintf(recent, len, "none in 7 days");
	if (b.days > 0)
		snprintf(prior, len, "%.1f on %d of 28 days",
		    score_round(b.mean), b.days);
	else
		snprintf(prior, len, "none in 28 days");
	*dir = daily_change(&a, &b, d);
	return true;
}

static void
report_daily(FILE *fp, const struct review *r)
{
	const char	*dir;
	size_t		 k, w = 0;
	char		 recent[64], prior[64];

	for (k = 0; k < r->nkeys; k++)
		if (strlen(r->keys[k]) > w)
			w = strlen(r->keys[k]);
	if (r->nkeys == 0) {
		wrap(fp, "", "", "No daily ratings in the last six weeks (a "
		    "rating such as connected=4 on a journal entry).");
		return;
	}
	fprintf(fp, "Daily ratings, the last 7 days against the 28 before:\n");
	for (k = 0; k < r->nkeys; k++) {
		if (!daily_words(r, k, recent, prior, sizeof(recent), &dir))
			continue;
		fputs("  ", fp);
		pad(fp, r->keys[k], w + 2);
		fprintf(fp, "%-20s  %-20s  %s\n", recent, prior, dir);
	}
}

/*
 * The latest check-ins of two journals side by side, with a talk where
 * they differ enough, and a word on what the differences are for.
 */
void
compare_text(const struct side *s)
{
	const struct instrument	*in = s[0].review.in;
	size_t			 w = name_width(in), d, talks = 0;
	double			 a, b;
	char			 date[2][16], text[512];

	day_string(s[0].latest->day, date[0], sizeof(date[0]));
	day_string(s[1].latest->day, date[1], sizeof(date[1]));
	snprintf(text, sizeof(text), "Two check-ins side by side, from %d "
	    "(%s) to %d (%s):", in->min, in->labels[0], in->max,
	    in->labels[in->max - in->min]);
	wrap(stdout, "", "", text);
	printf("  first:  %s, %s, about %s\n  second: %s, %s, about %s\n\n",
	    s[0].file, date[0], s[0].review.people[s[0].latest->person],
	    s[1].file, date[1], s[1].review.people[s[1].latest->person]);
	printf("  %*s  first  second\n", -(int)w, "");
	for (d = 0; d <= in->ndims; d++) {
		a = cread_score(&s[0].review, s[0].latest, d);
		b = cread_score(&s[1].review, s[1].latest, d);
		fputs("  ", stdout);
		pad(stdout, d < in->ndims ? in->dims[d].name : "overall", w + 2);
		if (isnan(a))
			printf("  n/a");
		else
			printf("  %3.1f", score_round(a));
		if (isnan(b))
			printf("     n/a");
		else
			printf("     %3.1f", score_round(b));
		if (review_talk(in, d, a, b)) {
			printf("   talk: %s", in->dims[d].category);
			talks++;
		}
		putchar('\n');
	}
	putchar('\n');
	snprintf(text, sizeof(text), "Where your views differ by a point or "
	    "more, there is something worth talking about: not who is right, "
	    "but how the week looked to each of you.  %s CATEGORY gives a "
	    "question to start with.", NAME_PROMPT);
	wrap(stdout, "", "", talks > 0 ? text : "No dimension differs by a point or "
	    "more: you saw the week much alike.");
	putchar('\n');
	wrap(stdout, "", "", FOOTER);
}
