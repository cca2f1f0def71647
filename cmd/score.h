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
 * What score.c, the options and the calls, shares with score-checkin.c,
 * the check-in's dialogue on the terminal, score-report.c, the text of
 * report and compare, score-data.c, their TSV and JSON, and
 * score-html.c, the report's HTML and mail.
 */

#ifndef SCORE_H
#define SCORE_H

#define WIDTH		72	/* columns of text, wrapped */
#define REPORT_WIDE	100	/* columns of a terminal past which a grid */
#define FOOTER		"This is a reflection aid, not a diagnosis: it shows " \
			"how the weeks felt to you, and nothing more."

#define TEXT_MAX	512	/* bytes of a sentence of the report */
#define STRONG_MAX	2	/* the strongest dimensions named */
#define STRENGTH_LINES	(STRONG_MAX + 1)

/* How report draws its chart. */
#define CHART_UTF8	0x1	/* block characters, else ASCII */
#define CHART_COLOR	0x2	/* low scores yellow, high ones green */

/* One side of compare: a journal and its latest check-in. */
struct side {
	const char		*file;
	struct review		 review;
	const struct cread	*latest;
};

/* score.c */
extern struct instrument instrument;	/* -i, or the built-in check-in */

/* score-checkin.c */
void	 last_about(const char *, time_t, char *);
int	 ask_about(char *);
int	 ask(int *);
void	 show_scores(const int *, time_t, const char *);

/* score-report.c */
void	 day_string(long, char *, size_t);
const char *direction(int);
void	 count_sentence(const struct review *, const struct cread *, long,
	    char *, size_t);
const char *daily_change(const struct dstat *, const struct dstat *,
	    int);
int	 change_sentence(const struct review *, long, size_t, char *, size_t);
void	 change_rest(const struct review *, long, bool, char *, size_t);
bool	 global_sentence(const struct instrument *, const struct cread *,
	    size_t, char *, size_t);
size_t	 strength_sentences(const struct review *, const struct cread *,
	    char [][TEXT_MAX]);
bool	 daily_words(const struct review *, size_t, char *, char *, size_t,
	    const char **);
void	 wrap(FILE *, const char *, const char *, const char *);
void	 pad(FILE *, const char *, size_t);
size_t	 name_width(const struct instrument *);

const char *person_of(const struct review *);

void	 report_text(FILE *, const struct review *, size_t, long, size_t,
	    int, size_t);
void	 compare_text(const struct side *);

/* score-data.c */
void	 report_tsv(const struct review *, size_t, long);
void	 report_json(const struct review *, size_t, long, size_t);
void	 compare_tsv(const struct side *);
void	 compare_json(const struct side *);

/* score-html.c */
void	 report_html(FILE *, const struct review *, size_t, long, size_t);
void	 report_mail(const struct review *, size_t, long, size_t,
	    const char *, const char *);

#endif /* SCORE_H */
