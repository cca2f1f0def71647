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

#include <sys/stat.h>

#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "rapport.h"
#include "names.h"

#define EXIT_NOTHING	1
#define EXIT_TROUBLE	2

#define WIDTH		72
#define WEEKS_DEFAULT	8
#define WEEKS_MAX	520
#define CHART_MAX	16	/* columns of a chart; weeks share them */
#define TALK_GAP	1.0	/* compare: a difference worth a talk */
#define FOOTER		"This is a reflection aid, not a diagnosis: it shows " \
			"how the weeks felt to you, and nothing more."

enum format { FORMAT_TEXT, FORMAT_TSV, FORMAT_JSON };

extern const struct builtin builtin_checkin[];

static struct instrument instrument;
static struct config config;		/* rapport-config(5) */
static const char *journal_flag;
static bool	 utf8;
static bool	 color;
static int	 week_start = 1;	/* Monday */

static __dead void usage(void);
static __dead void help(void);
static void	 finish_stdout(void);
static void	 load_instrument(const char *);
static char	*journal_file(void);
static FILE	*open_journal(const char *, bool);
static void	 report_problem(const char *, size_t, const char *, void *);
static void	 read_one(struct review *, const char *, bool);
static void	 wrap(const char *, const char *, const char *);
static size_t	 name_width(void);
static void	 pad(const char *, size_t);
static void	 print_number(double);
static enum format parse_format(const char *);
static int	 cmd_checkin(int, char **);
static int	 cmd_items(void);
static int	 cmd_weakest(void);
static int	 cmd_report(int, char **);
static int	 cmd_compare(int, char **);
static void	 draw_circles(void);
static int	 ask(int *);
static void	 show_scores(const int *, time_t);
static const struct cread *latest(const struct review *, long);
static size_t	 lowest(const struct cread *);
static void	 report_text(const struct review *, long, size_t);
static void	 report_tsv(const struct review *, long);
static void	 report_json(const struct review *, long, size_t);
static void	 sparkline(const double *, size_t);
static bool	 utf8_locale(void);
static long	 week_of(long);
static time_t	 now_or_exit(void);
static bool	 want_color(const char *);

static const char *const blocks[] = {
	"\xe2\x96\x81", "\xe2\x96\x82", "\xe2\x96\x83", "\xe2\x96\x84",
	"\xe2\x96\x85", "\xe2\x96\x86", "\xe2\x96\x87", "\xe2\x96\x88"
};
static const char ascii_levels[] = "_.-:=+*#";

#define USAGE \
"usage: %1$s [-n] [-f journal] [-i instrument] [--answers file]\n" \
"       %1$s --items | --weakest [-f journal] [-i instrument]\n" \
"       %1$s report [-f journal] [-i instrument] [--color[=when]]\n" \
"                 [--format format] [--since date | --weeks count]" \
" [file ...]\n" \
"       %1$s compare [-i instrument] [--format format] file_a file_b\n"

static __dead void
usage(void)
{
	fprintf(stderr, USAGE, getprogname());
	exit(EXIT_TROUBLE);
}

static __dead void
help(void)
{
	printf(USAGE, getprogname());
	printf("\nA weekly check-in on how connected you have been, kept in "
	    "your journal,\nand a review of how the weeks moved.\n\n"
	    "  -f, --file JOURNAL     the journal (default: journal(1)'s)\n"
	    "  -h, --help             print this help\n"
	    "  -i, --instrument FILE  another instrument, as checkin(5) "
	    "says\n"
	    "  -n, --dry-run          show the check-in's record, save "
	    "nothing\n"
	    "  -V, --version          print the version\n"
	    "      --answers FILE     answers as item=value lines "
	    "(- for stdin)\n"
	    "      --color[=WHEN]     colour the chart: auto, always or "
	    "never\n"
	    "      --items            list the items, for an answers file\n"
	    "      --weakest          the category of the dimension with "
	    "most room to grow\n"
	    "      --format FORMAT    report or compare as text, tsv or "
	    "json\n"
	    "      --since DATE       report from this date\n"
	    "      --weeks COUNT      report on this many weeks "
	    "(default %d)\n\n"
	    "See score(1) for the scoring, the change rule and the exit "
	    "status.\n", WEEKS_DEFAULT);
	finish_stdout();
	exit(0);
}

static void
finish_stdout(void)
{
	if (fflush(stdout) == EOF || ferror(stdout))
		err(EXIT_TROUBLE, "stdout");
}

static void
load_instrument(const char *path)
{
	char	 msg[ERRBUF_SIZE], *buf = NULL;
	size_t	 len;
	int	 rv;

	if (path == NULL)
		rv = instrument_parse(&instrument, "checkin (built in)",
		    builtin_checkin[0].text, builtin_checkin[0].size, msg,
		    sizeof(msg));
	else {
		if (file_read(path, &buf, &len) == -1)
			err(EXIT_TROUBLE, "%s", path);
		rv = instrument_parse(&instrument, path, buf, len, msg,
		    sizeof(msg));
		free(buf);
	}
	if (rv == -1)
		errx(EXIT_TROUBLE, "%s", msg);
}

/*
 * The journal: -f, then JOURNAL_FILE, then the configuration's, then
 * journal(1)'s default.
 */
static char *
journal_file(void)
{
	const char	*v;
	char		*path;

	if (journal_flag != NULL)
		return xstrdup(journal_flag);
	if ((v = getenv("JOURNAL_FILE")) != NULL && *v != '\0')
		return xstrdup(v);
	if ((v = config_get(&config, "journal", "file")) != NULL) {
		if ((path = config_path(v)) == NULL)
			errx(EXIT_TROUBLE, "%s: ~/ needs HOME to be an "
			    "absolute path", v);
		return path;
	}
	if ((path = xdg_dir("XDG_DATA_HOME", ".local/share",
	    "rapport/journal")) == NULL)
		errx(EXIT_TROUBLE, "no journal: set HOME, XDG_DATA_HOME or "
		    "JOURNAL_FILE, or use -f");
	return path;
}

/*
 * A journal to read, or NULL when there is none yet.  The user's own
 * journal must be private (file_private); another's, given to compare or
 * as an operand, is only read.
 */
static FILE *
open_journal(const char *path, bool own)
{
	struct stat	 st;
	FILE		*fp;
	int		 fd, problem;

	if (strcmp(path, "-") == 0)
		return stdin;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
		if (errno == ENOENT && lstat(path, &st) == -1)
			return NULL;
		err(EXIT_TROUBLE, "%s", path);
	}
	if (fstat(fd, &st) == -1)
		err(EXIT_TROUBLE, "%s", path);
	if (S_ISDIR(st.st_mode))
		errx(EXIT_TROUBLE, "%s: is a directory", path);
	if (own && (problem = file_private(&st)) != 0)
		errx(EXIT_TROUBLE, "%s: %s", path,
		    file_private_advice(problem));
	if ((fp = fdopen(fd, "r")) == NULL)
		err(EXIT_TROUBLE, "%s", path);
	return fp;
}

static void
report_problem(const char *path, size_t line, const char *msg,
    void *arg __attribute__((__unused__)))
{
	warnx("%s:%zu: %s (skipped)", path, line, msg);
}

/*
 * Read a journal or raw records.  Only the user's own journal may not
 * exist yet, and it must be private.
 */
static void
read_one(struct review *r, const char *path, bool own)
{
	FILE	*fp;

	if ((fp = open_journal(path, own)) == NULL) {
		if (own)
			return;
		errx(EXIT_TROUBLE, "%s: %s", path, strerror(ENOENT));
	}
	if (review_read(r, fp, strcmp(path, "-") == 0 ? "(stdin)" : path,
	    report_problem, NULL) == -1)
		err(EXIT_TROUBLE, "%s", path);
	if (fp != stdin)
		fclose(fp);
}

/*
 * Print text wrapped at WIDTH columns, the first line after first and the
 * others after rest.
 */
static void
wrap(const char *first, const char *rest, const char *text)
{
	const char	*p = text, *word, *lead = first;
	size_t		 col, n, w;

	fputs(lead, stdout);
	col = text_width(lead, strlen(lead));
	while (*p != '\0') {
		word = p;
		n = strcspn(p, " ");
		w = text_width(word, n);
		if (col > text_width(lead, strlen(lead)) && col + 1 + w >
		    WIDTH) {
			putchar('\n');
			lead = rest;
			fputs(lead, stdout);
			col = text_width(lead, strlen(lead));
		} else if (col > text_width(lead, strlen(lead))) {
			putchar(' ');
			col++;
		}
		fwrite(word, 1, n, stdout);
		col += w;
		p += n;
		p += strspn(p, " ");
	}
	putchar('\n');
}

static size_t
name_width(void)
{
	size_t	 i, w, max = strlen("overall");

	for (i = 0; i < instrument.ndims; i++) {
		w = text_width(instrument.dims[i].name,
		    strlen(instrument.dims[i].name));
		if (w > max)
			max = w;
	}
	return max;
}

/* A name, then blanks up to width columns. */
static void
pad(const char *s, size_t width)
{
	size_t	 w = text_width(s, strlen(s));

	fputs(s, stdout);
	while (w++ < width)
		putchar(' ');
}

static void
print_number(double v)
{
	if (isnan(v))
		fputs("null", stdout);
	else
		printf("%.1f", score_round(v));
}

static enum format
parse_format(const char *s)
{
	if (strcmp(s, "text") == 0)
		return FORMAT_TEXT;
	if (strcmp(s, "tsv") == 0)
		return FORMAT_TSV;
	if (strcmp(s, "json") == 0)
		return FORMAT_JSON;
	errx(EXIT_TROUBLE, "%s: not a format (text, tsv or json)", s);
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
static int
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
		wrap("", "", instrument.intro);
	printf("Answer with a number; s skips, b goes back, q quits without "
	    "saving.\n");
	while (i < instrument.nitems) {
		it = &instrument.items[i];
		printf("\n[%zu/%zu] %s\n", i + 1, instrument.nitems,
		    it->dim == CHECKIN_NOWHERE ? "overall" :
		    instrument.dims[it->dim].name);
		wrap("", "", it->text);
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
static void
show_scores(const int *answers, time_t when)
{
	const struct citem	*it;
	double			*dims, total;
	size_t			 i, w = name_width();
	char			 date[32], text[512];

	dims = xreallocarray(NULL, instrument.ndims, sizeof(*dims));
	checkin_score(&instrument, answers, dims, &total);
	journal_format_time(when, true, date, sizeof(date));
	snprintf(text, sizeof(text), "Your check-in of %s, on a scale of %d "
	    "(%s) to %d (%s):", date, instrument.min, instrument.labels[0],
	    instrument.max, instrument.labels[instrument.max - instrument.min]);
	putchar('\n');
	wrap("", "", text);
	putchar('\n');
	for (i = 0; i <= instrument.ndims; i++) {
		double	 v = i < instrument.ndims ? dims[i] : total;

		fputs("  ", stdout);
		pad(i < instrument.ndims ? instrument.dims[i].name : "overall",
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
		pad(it->key, w + 2);
		printf("%d on %d to %d\n", answers[i], it->min, it->max);
	}
	free(dims);
}

static int
cmd_checkin(int argc, char **argv)
{
	struct jentry	 e;
	struct stat	 st;
	const char	*answers_file = NULL, *ipath = NULL;
	char		*path, *rec, msg[ERRBUF_SIZE];
	size_t		 len, i;
	time_t		 now;
	int		*answers, ch, count, problem;
	bool		 dry = false, items = false, weakest = false;
	FILE		*fp;
	static const struct option opts[] = {
		{ "answers",	required_argument,	NULL,	'a' },
		{ "dry-run",	no_argument,		NULL,	'n' },
		{ "file",	required_argument,	NULL,	'f' },
		{ "help",	no_argument,		NULL,	'h' },
		{ "instrument",	required_argument,	NULL,	'i' },
		{ "items",	no_argument,		NULL,	'I' },
		{ "version",	no_argument,		NULL,	'V' },
		{ "weakest",	no_argument,		NULL,	'W' },
		{ NULL,		0,			NULL,	0 }
	};

	while ((ch = getopt_long(argc, argv, "f:hi:nV", opts, NULL)) != -1) {
		switch (ch) {
		case 'a':
			answers_file = optarg;
			break;
		case 'f':
			journal_flag = optarg;
			break;
		case 'h':
			help();
		case 'i':
			ipath = optarg;
			break;
		case 'I':
			items = true;
			break;
		case 'n':
			dry = true;
			break;
		case 'V':
			printf("score (%s) %s\n", PACKAGE_NAME,
			    PACKAGE_VERSION);
			finish_stdout();
			return 0;
		case 'W':
			weakest = true;
			break;
		default:
			usage();
		}
	}
	if (optind != argc || (items && weakest))
		usage();
	load_instrument(ipath);
	if (items)
		return cmd_items();
	if (weakest)
		return cmd_weakest();
	now = now_or_exit();
	answers = xreallocarray(NULL, instrument.nitems, sizeof(*answers));
	for (i = 0; i < instrument.nitems; i++)
		answers[i] = CHECKIN_NONE;
	if (answers_file == NULL && isatty(STDIN_FILENO)) {
		if (ask(answers) == -1) {
			printf("Nothing saved.\n");
			finish_stdout();
			free(answers);
			return EXIT_NOTHING;
		}
	} else {
		if (answers_file == NULL || strcmp(answers_file, "-") == 0)
			fp = stdin;
		else if ((fp = fopen(answers_file, "r")) == NULL)
			err(EXIT_TROUBLE, "%s", answers_file);
		count = answers_read(&instrument, fp, fp == stdin ? "(stdin)" :
		    answers_file, answers, msg, sizeof(msg));
		if (count == -1)
			errx(EXIT_TROUBLE, "%s", msg);
		if (fp != stdin)
			fclose(fp);
	}
	if (checkin_entry(&instrument, answers, now, &e) == -1)
		errx(EXIT_NOTHING, "no answers: nothing to save");
	if (journal_format_entry(&e, &rec, &len) == -1)
		errx(EXIT_TROUBLE, "the check-in would not read back as "
		    "written; nothing was saved");
	path = journal_file();
	if (dry)
		fwrite(rec, 1, len, stdout);
	else if (journal_append(path, rec, len) == -1) {
		if (errno == EPERM && stat(path, &st) == 0 &&
		    (problem = file_private(&st)) != 0)
			errx(EXIT_TROUBLE, "%s: %s", path,
			    file_private_advice(problem));
		if (errno == ENOTSUP)
			errx(EXIT_TROUBLE, "%s: a journal of a later version; "
			    "%s does not write to it", path, getprogname());
		if (errno == EINVAL)
			errx(EXIT_TROUBLE, "%s: not a regular file", path);
		err(EXIT_TROUBLE, "%s", path);
	}
	show_scores(answers, now);
	putchar('\n');
	if (dry)
		printf("Not saved (--dry-run).\n");
	else
		printf("Saved in %s.\n", path);
	wrap("", "", FOOTER);
	finish_stdout();
	free(rec);
	free(path);
	free(answers);
	jentry_free(&e);
	return 0;
}

/* Every item: id, dimension, scale, keying and text, a tab apart. */
static int
cmd_items(void)
{
	const struct citem	*it;
	size_t			 i;

	for (i = 0; i < instrument.nitems; i++) {
		it = &instrument.items[i];
		printf("%s\t%s\t%d-%d\t%s\t%s\n", it->key,
		    it->dim == CHECKIN_NOWHERE ? "global" :
		    instrument.dims[it->dim].key, it->min, it->max,
		    it->reversed ? "reversed" : "as-is", it->text);
	}
	finish_stdout();
	return 0;
}

/* The latest check-in on or after day from, or NULL. */
static const struct cread *
latest(const struct review *r, long from)
{
	if (r->ncheckins == 0 || r->checkins[r->ncheckins - 1].day < from)
		return NULL;
	return &r->checkins[r->ncheckins - 1];
}

/* The dimension of a check-in with the lowest score, the first of ties. */
static size_t
lowest(const struct cread *c)
{
	size_t	 i, at = CHECKIN_NOWHERE;

	for (i = 0; i < instrument.ndims; i++)
		if (!isnan(c->dims[i]) && (at == CHECKIN_NOWHERE ||
		    score_round(c->dims[i]) < score_round(c->dims[at])))
			at = i;
	return at;
}

static int
cmd_weakest(void)
{
	struct review		 r;
	const struct cread	*c;
	char			*path;
	size_t			 at;
	time_t			 now;

	now = now_or_exit();
	review_init(&r, &instrument, now, LONG_MIN);
	path = journal_file();
	read_one(&r, path, true);
	review_finish(&r);
	if ((c = latest(&r, LONG_MIN)) == NULL ||
	    (at = lowest(c)) == CHECKIN_NOWHERE) {
		review_free(&r);
		free(path);
		return EXIT_NOTHING;
	}
	printf("%s\n", instrument.dims[at].category);
	finish_stdout();
	review_free(&r);
	free(path);
	return 0;
}

/* Now, or the instant JOURNAL_NOW pins for tests and for replays. */
static time_t
now_or_exit(void)
{
	time_t	 now;

	if (when_now(&now) == -1)
		errx(EXIT_TROUBLE, "JOURNAL_NOW is not an RFC 3339 timestamp "
		    "or a date: %s", getenv("JOURNAL_NOW"));
	return now;
}

/* The first day of the week of a day. */
static long
week_of(long day)
{
	return review_week_start(day, week_start);
}

/*
 * Colour, as GNU grep and ls decide it: always, never, or auto, meaning a
 * terminal that is not dumb.  The option wins, then the configuration,
 * then NO_COLOR, which turns the default off.
 */
static bool
want_color(const char *option)
{
	const char	*v, *term;

	if ((v = option) == NULL && (v = config_get(&config, "score",
	    "color")) == NULL) {
		if ((v = getenv("NO_COLOR")) != NULL && *v != '\0')
			return false;
		v = "auto";
	}
	if (strcmp(v, "always") == 0)
		return true;
	if (strcmp(v, "never") == 0)
		return false;
	if (strcmp(v, "auto") != 0)
		errx(EXIT_TROUBLE, "--color=%s: not auto, always or never", v);
	return isatty(STDOUT_FILENO) && (term = getenv("TERM")) != NULL &&
	    *term != '\0' && strcmp(term, "dumb") != 0;
}

/*
 * A row of a chart: a character per column, a level per score, and with
 * colour the low ones yellow and the high ones green.
 */
static void
sparkline(const double *v, size_t n)
{
	size_t	 i;
	int	 level;

	for (i = 0; i < n; i++) {
		if (isnan(v[i])) {
			fputs(utf8 ? "\xc2\xb7" : " ", stdout);
			continue;
		}
		level = (int)floor((v[i] - instrument.min) /
		    (instrument.max - instrument.min) * 7 + 0.5);
		level = level < 0 ? 0 : level > 7 ? 7 : level;
		if (color && (level <= 2 || level >= 5))
			fputs(level <= 2 ? "\033[33m" : "\033[32m", stdout);
		if (utf8)
			fputs(blocks[level], stdout);
		else
			putchar(ascii_levels[level]);
		if (color && (level <= 2 || level >= 5))
			fputs("\033[0m", stdout);
	}
}

static void
day_string(long day, char *buf, size_t len)
{
	struct ymd	 d;

	date_from_days(day, &d);
	date_format(&d, buf, len);
}

/* The scores of the weeks, averaged into the columns of a chart. */
static void
columns(const double *weeks, size_t nweeks, double *cols, size_t ncols)
{
	size_t	 c, i, lo, hi, n;
	double	 sum;

	for (c = 0; c < ncols; c++) {
		lo = c * nweeks / ncols;
		hi = (c + 1) * nweeks / ncols;
		for (i = lo, n = 0, sum = 0; i < hi; i++)
			if (!isnan(weeks[i])) {
				sum += weeks[i];
				n++;
			}
		cols[c] = n > 0 ? sum / n : NAN;
	}
}

static size_t
count_since(const struct review *r, long from)
{
	size_t	 i, n = 0;

	for (i = 0; i < r->ncheckins; i++)
		n += r->checkins[i].day >= from;
	return n;
}

/* The two highest dimensions above the lowest, skip, or fewer. */
static size_t
strongest(const struct cread *c, size_t skip, size_t *top)
{
	size_t	 i, j, n = 0;

	for (i = 0; i < instrument.ndims; i++) {
		if (i == skip || isnan(c->dims[i]) || (skip != CHECKIN_NOWHERE
		    && score_round(c->dims[i]) <= score_round(c->dims[skip])))
			continue;
		for (j = n; j > 0 && score_round(c->dims[i]) >
		    score_round(c->dims[top[j - 1]]); j--)
			if (j < 2)
				top[j] = top[j - 1];
		if (j < 2)
			top[j] = i;
		if (n < 2)
			n++;
	}
	return n;
}

static void
report_daily(const struct review *r)
{
	struct dstat	 recent, prior;
	size_t		 k, w = 0;
	int		 dir;
	char		 line[256];

	for (k = 0; k < r->nkeys; k++)
		if (strlen(r->keys[k]) > w)
			w = strlen(r->keys[k]);
	if (r->nkeys == 0) {
		wrap("", "", "No daily ratings in the last six weeks (a rating "
		    "such as connected=4 on a journal entry).");
		return;
	}
	printf("Daily ratings, the last 7 days against the 28 before:\n");
	for (k = 0; k < r->nkeys; k++) {
		dir = review_daily(r, k, &recent, &prior);
		if (recent.days == 0 && prior.days == 0)
			continue;
		fputs("  ", stdout);
		pad(r->keys[k], w + 2);
		if (recent.days > 0)
			snprintf(line, sizeof(line), "%.1f on %d of 7 days",
			    score_round(recent.mean), recent.days);
		else
			snprintf(line, sizeof(line), "none in 7 days");
		printf("%-20s", line);
		if (prior.days > 0)
			printf("  %.1f on %d of 28 days",
			    score_round(prior.mean), prior.days);
		else
			printf("  none in 28 days     ");
		printf("  %s\n", dir > 0 ? "up" : dir < 0 ? "down" :
		    "about the same");
	}
}

static void
report_text(const struct review *r, long from, size_t nweeks)
{
	const struct cread	*c = latest(r, week_of(from));
	const struct citem	*it;
	double			*weeks, cols[CHART_MAX], v, delta;
	size_t			 w = name_width(), ncols, d, i, top[2], n, low;
	long			 base;
	char			 date[16], today[16], text[512];
	int			 dir;
	bool			 changed = false;

	ncols = nweeks < CHART_MAX ? nweeks : CHART_MAX;
	day_string(week_of(from), date, sizeof(date));
	day_string(r->today, today, sizeof(today));
	printf("%s: %zu week%s, %s to %s\n", instrument.title, nweeks,
	    nweeks == 1 ? "" : "s", date, today);
	day_string(c->day, date, sizeof(date));
	n = count_since(r, week_of(from));
	snprintf(text, sizeof(text), "%zu check-in%s, the latest on %s; "
	    "scores from %d (%s) to %d (%s).", n, n == 1 ? "" : "s", date,
	    instrument.min, instrument.labels[0], instrument.max,
	    instrument.labels[instrument.max - instrument.min]);
	wrap("", "", text);
	putchar('\n');
	printf("  %*s  %-*s  latest\n", -(int)w, "", (int)ncols,
	    ncols == nweeks ? "weeks" : "weeks");
	weeks = xreallocarray(NULL, nweeks, sizeof(*weeks));
	for (d = 0; d <= instrument.ndims; d++) {
		review_weeks(r, from, d, weeks, nweeks);
		columns(weeks, nweeks, cols, ncols);
		v = cread_score(r, c, d);
		fputs("  ", stdout);
		pad(d < instrument.ndims ? instrument.dims[d].name : "overall",
		    w + 2);
		sparkline(cols, ncols);
		if (ncols < 5)
			printf("%*s", (int)(5 - ncols), "");
		if (isnan(v))
			printf("  n/a\n");
		else
			printf("  %.1f  %s\n", score_round(v),
			    instrument_band(&instrument, v));
	}
	free(weeks);
	putchar('\n');
	for (d = 0; d <= instrument.ndims; d++) {
		if ((dir = review_change(r, from, d, &delta, &base)) == 0)
			continue;
		day_string(base, date, sizeof(date));
		snprintf(text, sizeof(text), "Change: %s went %s by %.1f "
		    "since the week of %s, past its threshold of %.1f at the "
		    "last two check-ins.", d < instrument.ndims ?
		    instrument.dims[d].name : "the overall score",
		    dir > 0 ? "up" : "down", fabs(delta), date,
		    r->threshold[d]);
		wrap("", "", text);
		changed = true;
	}
	wrap("", "", changed ? "Everything else: about the same, within "
	    "the ups and downs of an ordinary week." : "Change: about the "
	    "same everywhere, within the ups and downs of an ordinary week "
	    "(" NAME_SCORE "(1) says when a change counts).");
	for (i = 0, n = 0; i < instrument.nitems; i++) {
		it = &instrument.items[i];
		if (it->dim != CHECKIN_NOWHERE || isnan(c->items[i]))
			continue;
		if (n++ == 0)
			putchar('\n');
		if (it->circles)
			printf("Closeness picture: %.0f of 7 (1 apart, 7 "
			    "almost one).\n", c->items[i]);
		else {
			snprintf(text, sizeof(text), "%s: %.0f on %d to %d",
			    it->key, c->items[i], it->min, it->max);
			if (it->anchors[0] != NULL &&
			    it->anchors[it->max - it->min] != NULL)
				snprintf(text + strlen(text), sizeof(text) -
				    strlen(text), " (%d %s, %d %s)", it->min,
				    it->anchors[0], it->max,
				    it->anchors[it->max - it->min]);
			strlcat(text, ".", sizeof(text));
			wrap("", "  ", text);
		}
	}
	putchar('\n');
	low = lowest(c);
	n = strongest(c, low, top);
	if (low == CHECKIN_NOWHERE || n == 0)
		wrap("", "", "Every dimension has the same score: none stands "
		    "out this time.");
	for (i = 0; i < n; i++) {
		snprintf(text, sizeof(text), "%s %s (%.1f): more of what works "
		    "with %s %s or %s %s.", i == 0 ? "Strongest:" :
		    "Also strong:", instrument.dims[top[i]].name,
		    score_round(c->dims[top[i]]), NAME_TIP,
		    instrument.dims[top[i]].category, NAME_PROMPT,
		    instrument.dims[top[i]].category);
		wrap("", "  ", text);
	}
	if (low != CHECKIN_NOWHERE && n > 0) {
		snprintf(text, sizeof(text), "Most room to grow: %s (%.1f). "
		    "To try next: %s %s, %s %s.",
		    instrument.dims[low].name, score_round(c->dims[low]),
		    NAME_TIP, instrument.dims[low].category, NAME_PROMPT,
		    instrument.dims[low].category);
		wrap("", "  ", text);
	}
	putchar('\n');
	report_daily(r);
	putchar('\n');
	wrap("", "", FOOTER);
}

/* A row per check-in of the period: its date, scores and global items. */
static void
report_tsv(const struct review *r, long from)
{
	const struct cread	*c;
	size_t			 i, d;
	char			 date[16];

	printf("date");
	for (d = 0; d < instrument.ndims; d++)
		printf("\t%s", instrument.dims[d].key);
	printf("\t%s", CHECKIN_TOTAL);
	for (i = 0; i < instrument.nitems; i++)
		if (instrument.items[i].dim == CHECKIN_NOWHERE)
			printf("\t%s", instrument.items[i].key);
	putchar('\n');
	for (c = r->checkins; c < r->checkins + r->ncheckins; c++) {
		if (c->day < week_of(from))
			continue;
		day_string(c->day, date, sizeof(date));
		fputs(date, stdout);
		for (d = 0; d <= instrument.ndims; d++) {
			putchar('\t');
			if (!isnan(cread_score(r, c, d)))
				printf("%.1f", score_round(cread_score(r, c,
				    d)));
		}
		for (i = 0; i < instrument.nitems; i++) {
			if (instrument.items[i].dim != CHECKIN_NOWHERE)
				continue;
			putchar('\t');
			if (!isnan(c->items[i]))
				printf("%.0f", c->items[i]);
		}
		putchar('\n');
	}
}

static void
json_key(const char *key)
{
	json_write_string(stdout, key, strlen(key));
	putchar(':');
}

static void
json_dimension(const struct review *r, const struct cread *c, long from,
    size_t nweeks, size_t d, double *weeks)
{
	double	 delta;
	long	 base;
	size_t	 i;
	int	 dir;
	char	 date[16];

	putchar('{');
	if (d < instrument.ndims) {
		json_key("key");
		json_write_string(stdout, instrument.dims[d].key,
		    strlen(instrument.dims[d].key));
		putchar(',');
		json_key("name");
		json_write_string(stdout, instrument.dims[d].name,
		    strlen(instrument.dims[d].name));
		putchar(',');
		json_key("category");
		json_write_string(stdout, instrument.dims[d].category,
		    strlen(instrument.dims[d].category));
		putchar(',');
	}
	json_key("latest");
	print_number(c == NULL ? NAN : cread_score(r, c, d));
	putchar(',');
	json_key("band");
	if (c == NULL || isnan(cread_score(r, c, d)))
		fputs("null", stdout);
	else
		json_write_string(stdout, instrument_band(&instrument,
		    cread_score(r, c, d)), strlen(instrument_band(&instrument,
		    cread_score(r, c, d))));
	dir = review_change(r, from, d, &delta, &base);
	day_string(base, date, sizeof(date));
	printf(",\"change\":\"%s\",\"difference\":%.1f,\"since\":\"%s\","
	    "\"threshold\":%.2f,\"sd\":%.2f,\"alpha\":%.2f,"
	    "\"own_history\":%s,\"weekly\":[", dir > 0 ? "up" : dir < 0 ?
	    "down" : "about the same", delta, date, r->threshold[d],
	    r->sd[d], r->alpha[d], r->own[d] ? "true" : "false");
	review_weeks(r, from, d, weeks, nweeks);
	for (i = 0; i < nweeks; i++) {
		if (i > 0)
			putchar(',');
		print_number(weeks[i]);
	}
	printf("]}");
}

static void
report_json(const struct review *r, long from, size_t nweeks)
{
	const struct cread	*c = latest(r, week_of(from)), *p;
	struct dstat		 recent, prior;
	double			*weeks;
	size_t			 d, i, k, low = CHECKIN_NOWHERE, top[2], n = 0;
	char			 date[16];
	int			 dir;
	bool			 first = true;

	day_string(week_of(from), date, sizeof(date));
	printf("{\"title\":");
	json_write_string(stdout, instrument.title, strlen(instrument.title));
	printf(",\"from\":\"%s\",", date);
	day_string(r->today, date, sizeof(date));
	printf("\"to\":\"%s\",\"weeks\":%zu,\"scale\":[%d,%d],"
	    "\"checkins\":[", date, nweeks, instrument.min, instrument.max);
	for (p = r->checkins; p < r->checkins + r->ncheckins; p++) {
		if (p->day < week_of(from))
			continue;
		day_string(p->day, date, sizeof(date));
		printf("%s{\"date\":\"%s\",\"scores\":{", first ? "" : ",",
		    date);
		first = false;
		for (d = 0; d <= instrument.ndims; d++) {
			json_key(d < instrument.ndims ?
			    instrument.dims[d].key : CHECKIN_TOTAL);
			print_number(cread_score(r, p, d));
			putchar(d < instrument.ndims ? ',' : '}');
		}
		printf(",\"global\":{");
		for (i = 0, k = 0; i < instrument.nitems; i++) {
			if (instrument.items[i].dim != CHECKIN_NOWHERE)
				continue;
			if (k++ > 0)
				putchar(',');
			json_key(instrument.items[i].key);
			if (isnan(p->items[i]))
				fputs("null", stdout);
			else
				printf("%.0f", p->items[i]);
		}
		printf("}}");
	}
	printf("],\"dimensions\":[");
	weeks = xreallocarray(NULL, nweeks, sizeof(*weeks));
	for (d = 0; d < instrument.ndims; d++) {
		if (d > 0)
			putchar(',');
		json_dimension(r, c, from, nweeks, d, weeks);
	}
	printf("],\"total\":");
	json_dimension(r, c, from, nweeks, instrument.ndims, weeks);
	free(weeks);
	if (c != NULL) {
		low = lowest(c);
		n = strongest(c, low, top);
	}
	printf(",\"strongest\":[");
	for (i = 0; i < n; i++)
		printf("%s\"%s\"", i > 0 ? "," : "",
		    instrument.dims[top[i]].key);
	printf("],\"weakest\":");
	if (low == CHECKIN_NOWHERE)
		fputs("null", stdout);
	else
		printf("\"%s\"", instrument.dims[low].key);
	printf(",\"daily\":[");
	for (k = 0, first = true; k < r->nkeys; k++) {
		dir = review_daily(r, k, &recent, &prior);
		if (recent.days == 0 && prior.days == 0)
			continue;
		printf("%s{\"key\":\"%s\",\"last7\":{\"mean\":", first ? "" :
		    ",", r->keys[k]);
		first = false;
		print_number(recent.mean);
		printf(",\"days\":%d},\"prior28\":{\"mean\":", recent.days);
		print_number(prior.mean);
		printf(",\"days\":%d},\"change\":\"%s\"}", prior.days,
		    dir > 0 ? "up" : dir < 0 ? "down" : "about the same");
	}
	printf("],\"note\":");
	json_write_string(stdout, FOOTER, strlen(FOOTER));
	printf("}\n");
}

/*
 * Without a file, report reads raw records from a pipe that brings some,
 * as from journal list --format raw, and else the journal: cron gives a
 * job a pipe that brings nothing.
 */
static bool
stdin_brings_records(void)
{
	struct stat	 st;
	int		 c;

	if (fstat(STDIN_FILENO, &st) == -1 || !S_ISFIFO(st.st_mode))
		return false;
	if ((c = getc(stdin)) == EOF)
		return false;
	ungetc(c, stdin);
	return true;
}

static int
cmd_report(int argc, char **argv)
{
	struct review		 r;
	struct jrange		 range;
	const struct cread	*c;
	const char		*ipath = NULL, *since = NULL, *errstr, *v;
	const char		*color_option = NULL;
	enum format		 format = FORMAT_TEXT;
	bool			 weeks_given = false;
	char			*path, date[16];
	size_t			 nweeks = WEEKS_DEFAULT;
	time_t			 now;
	long			 from, today;
	int			 ch, i;
	static const struct option opts[] = {
		{ "color",	optional_argument,	NULL,	'C' },
		{ "file",	required_argument,	NULL,	'f' },
		{ "format",	required_argument,	NULL,	'F' },
		{ "help",	no_argument,		NULL,	'h' },
		{ "instrument",	required_argument,	NULL,	'i' },
		{ "since",	required_argument,	NULL,	's' },
		{ "weeks",	required_argument,	NULL,	'w' },
		{ NULL,		0,			NULL,	0 }
	};

	if ((v = config_get(&config, "score", "weeks")) != NULL)
		nweeks = (size_t)strtonum(v, 1, WEEKS_MAX, NULL);
	while ((ch = getopt_long(argc, argv, "f:hi:", opts, NULL)) != -1) {
		switch (ch) {
		case 'C':
			color_option = optarg == NULL ? "always" : optarg;
			break;
		case 'f':
			journal_flag = optarg;
			break;
		case 'F':
			format = parse_format(optarg);
			break;
		case 'h':
			help();
		case 'i':
			ipath = optarg;
			break;
		case 's':
			since = optarg;
			break;
		case 'w':
			nweeks = (size_t)strtonum(optarg, 1, WEEKS_MAX,
			    &errstr);
			if (errstr != NULL)
				errx(EXIT_TROUBLE, "--weeks %s: not a count "
				    "from 1 to %d", optarg, WEEKS_MAX);
			weeks_given = true;
			break;
		default:
			usage();
		}
	}
	if (since != NULL && weeks_given)
		usage();
	color = format == FORMAT_TEXT && want_color(color_option);
	load_instrument(ipath);
	now = now_or_exit();
	today = review_day(now);
	if (since != NULL) {
		if (when_parse(since, now, week_start, &range) == -1)
			errx(EXIT_TROUBLE, "--since %s: not a date score "
			    "understands (see journal(1), DATES)", since);
		from = review_day(range.start);
		if (from > today)
			errx(EXIT_TROUBLE, "--since %s: a day after today",
			    since);
		nweeks = (size_t)((week_of(today) -
		    week_of(from)) / 7 + 1);
	} else
		from = week_of(today) - 7 * ((long)nweeks - 1);
	/* The period, and a year of check-ins for their reliability. */
	review_init(&r, &instrument, now, week_of(from) <
	    today - REVIEW_HISTORY_DAYS ? week_of(from) :
	    today - REVIEW_HISTORY_DAYS);
	r.week_start = week_start;
	path = journal_file();
	if (optind < argc)
		for (i = optind; i < argc; i++)
			read_one(&r, argv[i], false);
	else if (journal_flag == NULL && stdin_brings_records())
		read_one(&r, "-", false);
	else
		read_one(&r, path, true);
	review_finish(&r);
	c = latest(&r, week_of(from));
	if (format == FORMAT_TSV)
		report_tsv(&r, from);
	else if (format == FORMAT_JSON)
		report_json(&r, from, nweeks);
	else if (c != NULL)
		report_text(&r, from, nweeks);
	else if ((c = latest(&r, LONG_MIN)) != NULL) {
		day_string(c->day, date, sizeof(date));
		printf("No check-in in these %zu weeks; the latest was on %s.\n"
		    "Run %s for a check-in, or %s report --weeks with more "
		    "weeks.\n", nweeks, date, getprogname(), getprogname());
	} else
		printf("No check-in in these %zu weeks, nor in the year "
		    "before.\nRun %s for a check-in: it takes a few "
		    "minutes.\n", nweeks, getprogname());
	finish_stdout();
	free(path);
	i = latest(&r, week_of(from)) == NULL ? EXIT_NOTHING : 0;
	review_free(&r);
	return i;
}

static int
cmd_compare(int argc, char **argv)
{
	struct review		 r[2];
	const struct cread	*c[2];
	const char		*ipath = NULL;
	enum format		 format = FORMAT_TEXT;
	size_t			 w, d, k, talks = 0;
	double			 a, b;
	time_t			 now;
	char			 date[2][16], text[512];
	int			 ch;
	static const struct option opts[] = {
		{ "format",	required_argument,	NULL,	'F' },
		{ "help",	no_argument,		NULL,	'h' },
		{ "instrument",	required_argument,	NULL,	'i' },
		{ NULL,		0,			NULL,	0 }
	};

	while ((ch = getopt_long(argc, argv, "hi:", opts, NULL)) != -1) {
		switch (ch) {
		case 'F':
			format = parse_format(optarg);
			break;
		case 'h':
			help();
		case 'i':
			ipath = optarg;
			break;
		default:
			usage();
		}
	}
	if (argc - optind != 2 || (strcmp(argv[optind], "-") == 0 &&
	    strcmp(argv[optind + 1], "-") == 0))
		usage();
	load_instrument(ipath);
	now = now_or_exit();
	for (k = 0; k < 2; k++) {
		review_init(&r[k], &instrument, now, LONG_MIN);
		read_one(&r[k], argv[optind + k], false);
		review_finish(&r[k]);
		if ((c[k] = latest(&r[k], LONG_MIN)) == NULL)
			errx(EXIT_NOTHING, "%s: no check-in", argv[optind + k]);
		day_string(c[k]->day, date[k], sizeof(date[k]));
	}
	w = name_width();
	if (format == FORMAT_TEXT) {
		snprintf(text, sizeof(text), "Two check-ins side by side, "
		    "from %d (%s) to %d (%s):", instrument.min,
		    instrument.labels[0], instrument.max,
		    instrument.labels[instrument.max - instrument.min]);
		wrap("", "", text);
		printf("  first:  %s, %s\n  second: %s, %s\n\n", argv[optind],
		    date[0], argv[optind + 1], date[1]);
		printf("  %*s  first  second\n", -(int)w, "");
	} else if (format == FORMAT_TSV)
		printf("dimension\tfirst\tsecond\tdifference\tcategory\n");
	else {
		printf("{\"first\":{\"file\":");
		json_write_string(stdout, argv[optind], strlen(argv[optind]));
		printf(",\"date\":\"%s\"},\"second\":{\"file\":", date[0]);
		json_write_string(stdout, argv[optind + 1],
		    strlen(argv[optind + 1]));
		printf(",\"date\":\"%s\"},\"dimensions\":[", date[1]);
	}
	for (d = 0; d <= instrument.ndims; d++) {
		a = cread_score(&r[0], c[0], d);
		b = cread_score(&r[1], c[1], d);
		if (format == FORMAT_TSV) {
			printf("%s\t", d < instrument.ndims ?
			    instrument.dims[d].key : CHECKIN_TOTAL);
			if (!isnan(a))
				printf("%.1f", score_round(a));
			putchar('\t');
			if (!isnan(b))
				printf("%.1f", score_round(b));
			putchar('\t');
			if (!isnan(a) && !isnan(b))
				printf("%.1f", score_round(b) - score_round(a));
			printf("\t%s\n", d < instrument.ndims ?
			    instrument.dims[d].category : "");
			continue;
		}
		if (format == FORMAT_JSON) {
			printf("%s{\"key\":\"%s\",\"first\":", d > 0 ? "," : "",
			    d < instrument.ndims ? instrument.dims[d].key :
			    CHECKIN_TOTAL);
			print_number(a);
			printf(",\"second\":");
			print_number(b);
			printf(",\"talk\":%s}", d < instrument.ndims &&
			    !isnan(a) && !isnan(b) && fabs(score_round(a) -
			    score_round(b)) >= TALK_GAP - 1e-9 ? "true" :
			    "false");
			continue;
		}
		fputs("  ", stdout);
		pad(d < instrument.ndims ? instrument.dims[d].name : "overall",
		    w + 2);
		if (isnan(a))
			printf("  n/a");
		else
			printf("  %3.1f", score_round(a));
		if (isnan(b))
			printf("     n/a");
		else
			printf("     %3.1f", score_round(b));
		if (d < instrument.ndims && !isnan(a) && !isnan(b) &&
		    fabs(score_round(a) - score_round(b)) >= TALK_GAP - 1e-9) {
			printf("   talk: %s", instrument.dims[d].category);
			talks++;
		}
		putchar('\n');
	}
	if (format == FORMAT_JSON) {
		printf("],\"note\":");
		json_write_string(stdout, FOOTER, strlen(FOOTER));
		printf("}\n");
	} else if (format == FORMAT_TEXT) {
		putchar('\n');
		snprintf(text, sizeof(text), "Where your views differ by a "
		    "point or more, there is something worth talking about: "
		    "not who is right, but how the week looked to each of "
		    "you.  %s CATEGORY gives a question to start with.",
		    NAME_PROMPT);
		wrap("", "", talks > 0 ? text : "No dimension differs by a "
		    "point or more: you saw the week much alike.");
		putchar('\n');
		wrap("", "", FOOTER);
	}
	finish_stdout();
	review_free(&r[0]);
	review_free(&r[1]);
	return 0;
}

/*
 * Whether the chart may draw in Unicode: the locale's name says UTF-8, as
 * tmux(1) decides, the first of LC_ALL, LC_CTYPE and LANG that is set
 * telling.  Loading the locale to ask would cost more than the report.
 */
static bool
utf8_locale(void)
{
	static const char *const vars[] = { "LC_ALL", "LC_CTYPE", "LANG" };
	const char	*v;
	size_t		 i;

	for (i = 0; i < sizeof(vars) / sizeof(vars[0]); i++)
		if ((v = getenv(vars[i])) != NULL && *v != '\0')
			return strcasestr(v, "UTF-8") != NULL ||
			    strcasestr(v, "UTF8") != NULL;
	return false;
}

int
main(int argc, char **argv)
{
	char	 msg[ERRBUF_SIZE];

	utf8 = utf8_locale();
	if (config_load(&config, msg, sizeof(msg)) == -1)
		errx(EXIT_TROUBLE, "%s", msg);
	week_start = config_week_start(&config, "score");
	if (argc > 1 && strcmp(argv[1], "report") == 0) {
		argv[1] = argv[0];
		return cmd_report(argc - 1, argv + 1);
	}
	if (argc > 1 && strcmp(argv[1], "compare") == 0) {
		argv[1] = argv[0];
		return cmd_compare(argc - 1, argv + 1);
	}
	return cmd_checkin(argc, argv);
}
