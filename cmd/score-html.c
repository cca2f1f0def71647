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
 * score report as one HTML document for mail, and as a mail carrying the
 * text report and the HTML both.  Mail programs drop scripts, style
 * sheets they do not trust, SVG and canvas, so the document is tables
 * and blocks with inline styles: each week a table cell with a bar whose
 * height is the score.  It sets no colour of text or page, only fills of
 * middle tones that read on white and on black, and says with a
 * color-scheme meta element that it suits both: the reader's light or
 * dark scheme then applies, with no style sheet to switch between them.
 * The words are those of the text report.
 */

#include "config.h"

#include <err.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rapport.h"
#include "common.h"
#include "names.h"
#include "score.h"

#define HTML_COLUMNS	26	/* bars of a chart at most; weeks share them */
#define BAR_PX		48	/* the height of a full bar */
#define COLOR_LOW	"#d4900b"	/* amber: the low scores */
#define COLOR_MID	"#5b84b1"	/* blue: the middle ones */
#define COLOR_HIGH	"#2e9a5e"	/* green: the high ones */
#define COLOR_TRACK	"rgba(128,128,128,0.18)"

static void	 esc(FILE *, const char *);
static void	 para(FILE *, const char *, const char *);
static void	 html_head(FILE *, const struct review *, long, size_t);
static void	 html_dimension(FILE *, const struct review *,
		    const struct cread *, long, size_t, size_t, double *,
		    double *, size_t);
static void	 html_daily(FILE *, const struct review *);
static void	 html_person(FILE *, const struct review *, bool, long,
		    size_t);

/* Text as HTML: the five characters that could be markup as entities. */
static void
esc(FILE *fp, const char *s)
{
	for (; *s != '\0'; s++)
		switch (*s) {
		case '&':
			fputs("&amp;", fp);
			break;
		case '<':
			fputs("&lt;", fp);
			break;
		case '>':
			fputs("&gt;", fp);
			break;
		case '"':
			fputs("&quot;", fp);
			break;
		case '\'':
			fputs("&#39;", fp);
			break;
		default:
			putc(*s, fp);
		}
}

/* A paragraph of text in the style given. */
static void
para(FILE *fp, const char *style, const char *text)
{
	fprintf(fp, "<p style=\"%s\">", style);
	esc(fp, text);
	fputs("</p>\n", fp);
}

static void
html_head(FILE *fp, const struct review *r, long start, size_t nweeks)
{
	char	 from[16], to[16];

	day_string(start, from, sizeof(from));
	day_string(r->today, to, sizeof(to));
	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width, "
	    "initial-scale=1\">\n"
	    "<meta name=\"color-scheme\" content=\"light dark\">\n"
	    "<meta name=\"supported-color-schemes\" content=\"light dark\">\n"
	    "<title>", fp);
	esc(fp, r->in->title);
	fprintf(fp, ": %zu week%s, %s to %s</title>\n</head>\n"
	    "<body style=\"margin:0;padding:0\">\n"
	    "<div style=\"max-width:640px;margin:0 auto;padding:16px;"
	    "font-family:-apple-system,'Segoe UI',Helvetica,Arial,sans-serif;"
	    "font-size:16px;line-height:1.45;overflow-wrap:break-word;"
	    "word-wrap:break-word\">\n"
	    "<h1 style=\"font-size:20px;line-height:1.3;margin:0 0 4px\">",
	    nweeks, nweeks == 1 ? "" : "s", from, to);
	esc(fp, r->in->title);
	fprintf(fp, "</h1>\n<p style=\"margin:0 0 16px\">%zu week%s, %s to "
	    "%s</p>\n", nweeks, nweeks == 1 ? "" : "s", from, to);
}

/*
 * A dimension, or the total (d == ndims): its name and latest score, its
 * weeks as a row of bars, the dates of the first and last, and its change
 * when there is one.
 */
static void
html_dimension(FILE *fp, const struct review *r, const struct cread *c,
    long start, size_t nweeks, size_t d, double *weeks, double *cols,
    size_t ncols)
{
	const struct instrument	*in = r->in;
	const char		*color;
	double			 v;
	size_t			 i, lo;
	char			 date[16], text[TEXT_MAX];
	int			 dir, level, px;

	dir = change_sentence(r, start, d, text, sizeof(text));
	fputs("<table role=\"presentation\" style=\"width:100%;"
	    "border-collapse:collapse;margin:16px 0 4px\"><tr>\n"
	    "<td style=\"padding:0;font-weight:bold\">", fp);
	esc(fp, d < in->ndims ? in->dims[d].name : "overall");
	fputs("</td>\n<td style=\"padding:0 0 0 8px;text-align:right;"
	    "white-space:nowrap\">", fp);
	v = cread_score(r, c, d);
	if (isnan(v))
		fputs("n/a", fp);
	else {
		fprintf(fp, "%s<b style=\"font-size:18px\">%.1f</b> ",
		    dir > 0 ? "&#9650; " : dir < 0 ? "&#9660; " : "",
		    score_round(v));
		esc(fp, instrument_band(in, v));
	}
	fputs("</td></tr></table>\n", fp);

	review_weeks(r, start, d, weeks, nweeks);
	review_columns(weeks, nweeks, cols, ncols);
	fputs("<table role=\"presentation\" style=\"width:100%;"
	    "table-layout:fixed;border-collapse:separate;"
	    "border-spacing:2px 0;margin:0\"><tr>\n", fp);
	for (i = 0; i < ncols; i++) {
		lo = i * nweeks / ncols;
		day_string(start + 7 * (long)lo, date, sizeof(date));
		fprintf(fp, "<td title=\"%s%s: ", ncols < nweeks ? "from " :
		    "week of ", date);
		if (isnan(cols[i])) {
			fprintf(fp, "no check-in\" style=\"height:%dpx;"
			    "padding:0;background-color:" COLOR_TRACK
			    "\"></td>\n", BAR_PX);
			continue;
		}
		level = review_level(in, cols[i], 8);
		color = level <= 2 ? COLOR_LOW : level >= 5 ? COLOR_HIGH :
		    COLOR_MID;
		px = 4 + (int)lround((cols[i] - in->min) / (in->max - in->min) *
		    (BAR_PX - 4));
		px = px < 4 ? 4 : px > BAR_PX ? BAR_PX : px;
		fprintf(fp, "%.1f\" style=\"height:%dpx;padding:0;"
		    "vertical-align:bottom;background-color:" COLOR_TRACK "\">"
		    "<div style=\"height:%dpx;background-color:%s;font-size:0;"
		    "line-height:0\">&nbsp;</div></td>\n", score_round(cols[i]),
		    BAR_PX, px, color);
	}
	fputs("</tr></table>\n", fp);
	if (dir != 0)
		para(fp, "margin:6px 0 0;padding:4px 8px;border-left:4px solid "
		    COLOR_MID ";font-size:14px", text);
}

/* The daily ratings as a table: the key, the two periods, the word. */
static void
html_daily(FILE *fp, const struct review *r)
{
	const char	*dir;
	size_t		 k;
	char		 recent[64], prior[64];

	if (r->nkeys == 0) {
		para(fp, "margin:16px 0 0", "No daily ratings in the last six "
		    "weeks (a rating such as connected=4 on a journal entry).");
		return;
	}
	fputs("<h2 style=\"font-size:17px;margin:24px 0 4px\">Daily ratings"
	    "</h2>\n<p style=\"margin:0 0 8px;font-size:14px\">The last 7 "
	    "days against the 28 before.</p>\n"
	    "<table style=\"width:100%;border-collapse:collapse;"
	    "font-size:14px\">\n", fp);
	for (k = 0; k < r->nkeys; k++) {
		if (!daily_words(r, k, recent, prior, sizeof(recent), &dir))
			continue;
		fputs("<tr><td style=\"padding:4px 8px 4px 0;"
		    "vertical-align:top;font-weight:bold\">", fp);
		esc(fp, r->keys[k]);
		fputs("</td><td style=\"padding:4px 8px 4px 0;"
		    "vertical-align:top\">", fp);
		esc(fp, recent);
		fputs("<br>against ", fp);
		esc(fp, prior);
		fputs("</td><td style=\"padding:4px 0;vertical-align:top;"
		    "text-align:right\">", fp);
		esc(fp, dir);
		fputs("</td></tr>\n", fp);
	}
	fputs("</table>\n", fp);
}

/*
 * The part of the document on one person, under a heading of their name
 * when there are more: the check-ins, a chart per dimension and for the
 * total with the changes marked, the global items, and the strongest
 * dimensions and the room to grow.
 */
static void
html_person(FILE *fp, const struct review *r, bool heading, long start,
    size_t nweeks)
{
	const struct instrument	*in = r->in;
	const struct cread	*c;
	double			*weeks, *cols;
	size_t			 d, i, n, ncols;
	char			 date[16], text[TEXT_MAX];
	char			 lines[STRENGTH_LINES][TEXT_MAX];
	bool			 changed = false;

	if ((c = review_latest(r, start)) == NULL) {
		snprintf(text, sizeof(text), "No check-in%s%s in these weeks. "
		    "Run " NAME_SCORE " for a check-in: it takes a few "
		    "minutes.", person_of(r) != NULL ? " about " : "",
		    person_of(r) != NULL ? person_of(r) : "");
		para(fp, "margin:0 0 16px", text);
		return;
	}
	if (heading) {
		fputs("<h2 style=\"font-size:18px;margin:32px 0 4px\">About ",
		    fp);
		esc(fp, r->people[c->person]);
		fputs("</h2>\n", fp);
	}
	count_sentence(r, c, start, text, sizeof(text));
	para(fp, "margin:0", text);

	ncols = nweeks < HTML_COLUMNS ? nweeks : HTML_COLUMNS;
	weeks = xreallocarray(NULL, nweeks, sizeof(*weeks));
	cols = xreallocarray(NULL, ncols, sizeof(*cols));
	for (d = 0; d <= in->ndims; d++) {
		html_dimension(fp, r, c, start, nweeks, d, weeks, cols, ncols);
		changed = changed || change_sentence(r, start, d, text,
		    sizeof(text)) != 0;
	}
	free(weeks);
	free(cols);
	day_string(start, date, sizeof(date));
	snprintf(text, sizeof(text), "Each bar is %s, from the week of %s on "
	    "the left to this week on the right; the taller, the more often. "
	    "Amber: low, blue: middle, green: high.", ncols < nweeks ?
	    "the mean of the weeks that share it" : "a week", date);
	para(fp, "margin:8px 0 0;font-size:13px", text);
	change_rest(r, start, changed, text, sizeof(text));
	para(fp, "margin:16px 0 0", text);

	for (i = 0; i < in->nitems; i++)
		if (global_sentence(in, c, i, text, sizeof(text)))
			para(fp, "margin:8px 0 0", text);

	n = strength_sentences(r, c, lines);
	fputs("<div style=\"margin:16px 0 0;padding:8px 12px;"
	    "border:1px solid " COLOR_TRACK ";border-left:4px solid "
	    COLOR_HIGH "\">\n", fp);
	for (i = 0; i < n; i++)
		para(fp, i + 1 < n ? "margin:0 0 8px" : "margin:0", lines[i]);
	fputs("</div>\n", fp);
}

/*
 * The report as one HTML document: the period, each person of the n
 * reviews in turn as html_person shows them, the daily ratings and what
 * the report is not.
 */
void
report_html(FILE *fp, const struct review *rs, size_t n, long start,
    size_t nweeks)
{
	size_t	 i;

	html_head(fp, rs, start, nweeks);
	for (i = 0; i < n; i++)
		html_person(fp, &rs[i], n > 1, start, nweeks);
	if (review_latest(rs, start) != NULL)
		html_daily(fp, rs);
	para(fp, "margin:24px 0 0;font-size:14px", FOOTER);
	fputs("</div>\n</body>\n</html>\n", fp);
}

/*
 * The report as a mail for sendmail -t: the text report and the HTML
 * document as the two parts of a multipart/alternative message.
 */
void
report_mail(const struct review *rs, size_t n, long start, size_t nweeks,
    const char *to, const char *subject)
{
	FILE	*fp;
	char	*text, *html;
	size_t	 tlen, hlen;

	if ((fp = open_memstream(&text, &tlen)) == NULL)
		err(EXIT_TROUBLE, NULL);
	/* The mail says UTF-8 whatever the locale of cron. */
	report_text(fp, rs, n, start, nweeks, CHART_UTF8, WIDTH);
	if (fclose(fp) == EOF)
		err(EXIT_TROUBLE, NULL);
	if ((fp = open_memstream(&html, &hlen)) == NULL)
		err(EXIT_TROUBLE, NULL);
	report_html(fp, rs, n, start, nweeks);
	if (fclose(fp) == EOF)
		err(EXIT_TROUBLE, NULL);
	if (mail_write_alternative(stdout, NULL, to, subject, text, tlen,
	    html, hlen, rs->now) == -1)
		err(EXIT_TROUBLE, "cannot write the message to %s", to);
	free(text);
	free(html);
}
