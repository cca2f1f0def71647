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
 * score: the options of the check-in, of report and of compare, and the
 * calls that read, work out (review.c) and write (score-report.c,
 * score-data.c) what they ask for; the check-in's dialogue on the
 * terminal is in score-checkin.c.
 */

#include "config.h"

#include <sys/stat.h>

#include <err.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "rapport.h"
#include "common.h"
#include "score.h"

#define WEEKS_DEFAULT	8
#define WEEKS_MAX	520

enum format { FORMAT_TEXT, FORMAT_TSV, FORMAT_JSON, FORMAT_HTML, FORMAT_MAIL };

extern const struct builtin builtin_checkin[];

struct instrument instrument;
static struct config config;		/* rapport-config(5) */
static const char *journal_flag;

static __dead void usage(void);
static __dead void help(void);
static void	 load_instrument(const char *);
static void	 report_problem(const char *, size_t, const char *, void *);
static void	 read_one(struct review *, const char *, bool);
static void	 about_option(const char *, char *);
static size_t	 people_of(const struct review *, const char *, long,
		    struct review **);
static enum format parse_format(const char *);
static bool	 utf8_locale(void);
static bool	 want_color(const char *);
static bool	 stdin_brings_records(void);
static int	 cmd_checkin(int, char **);
static int	 cmd_items(void);
static int	 cmd_weakest(void);
static int	 cmd_report(int, char **);
static int	 cmd_compare(int, char **);

#define USAGE \
"usage: %1$s [-n] [-f journal] [-i instrument] [--about name]\n" \
"             [--answers file]\n" \
"       %1$s --items | --weakest [-f journal] [-i instrument]\n" \
"       %1$s report [-f journal] [-i instrument] [--about name]\n" \
"                 [--color[=when]] [--format format]\n" \
"                 [--since date | --weeks count]\n" \
"                 [--to address] [--subject text] [file ...]\n" \
"       %1$s compare [-i instrument] [--about name [--about name]]\n" \
"                 [--format format] file_a file_b\n"

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
	    "      --about NAME       whom the check-in is about, or whose "
	    "to review\n"
	    "      --answers FILE     answers as item=value lines "
	    "(- for stdin)\n"
	    "      --color[=WHEN]     colour the chart: auto, always or "
	    "never\n"
	    "      --items            list the items, for an answers file\n"
	    "      --passphrase-fd N  a sealed journal's passphrase, read "
	    "from descriptor N\n"
	    "      --weakest          the category of the dimension with "
	    "most room to grow\n"
	    "      --format FORMAT    report as text, tsv, json, html or "
	    "mail;\n"
	    "                         compare as text, tsv or json\n"
	    "      --since DATE       report from this date\n"
	    "      --subject TEXT     the subject for --format mail\n"
	    "      --to ADDRESS       the recipient for --format mail\n"
	    "      --weeks COUNT      report on this many weeks "
	    "(default %d)\n\n"
	    "See score(1) for the scoring, the change rule and the exit "
	    "status.\n", WEEKS_DEFAULT);
	finish_stdout();
	exit(0);
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

static void
report_problem(const char *path, size_t line, const char *msg,
    void *arg __attribute__((__unused__)))
{
	warnx("%s:%zu: %s (skipped)", path, line, msg);
}

/*
 * Read a journal or raw records, from stdin for "-".  Only the user's own
 * journal (own) may not exist yet, and it must be a private regular file.
 */
static void
read_one(struct review *r, const char *path, bool own)
{
	FILE	*fp;

	if (strcmp(path, "-") == 0)
		fp = stdin;
	else if ((fp = open_journal(path, own)) == NULL)
		return;
	if (review_read(r, fp, fp == stdin ? "(stdin)" : path,
	    report_problem, NULL) == -1)
		err(EXIT_TROUBLE, "%s", path);
	if (fp != stdin)
		fclose(fp);
}

/* The name of --about into name, or a one-line error. */
static void
about_option(const char *s, char *name)
{
	if (checkin_about_name(s, name, CHECKIN_ABOUT_MAX + 1) == -1)
		errx(EXIT_TROUBLE, "--about %s: not a name (letters, digits, "
		    "'-' and '_', at most %d bytes)", s, CHECKIN_ABOUT_MAX);
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
	if (strcmp(s, "html") == 0)
		return FORMAT_HTML;
	if (strcmp(s, "mail") == 0)
		return FORMAT_MAIL;
	errx(EXIT_TROUBLE, "%s: not a format (text, tsv, json, html or "
	    "mail)", s);
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
cmd_checkin(int argc, char **argv)
{
	struct jentry	 e;
	const char	*answers_file = NULL, *ipath = NULL;
	char		*path, *rec, msg[ERRBUF_SIZE];
	char		 about[CHECKIN_ABOUT_MAX + 1];
	size_t		 len, i;
	time_t		 now;
	int		*answers, ch, count;
	bool		 dry = false, items = false, weakest = false;
	bool		 about_given = false;
	FILE		*fp;
	static const struct option opts[] = {
		{ "about",	required_argument,	NULL,	'A' },
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
		case 'A':
			about_option(optarg, about);
			about_given = true;
			break;
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
			print_version("score");
			return 0;
		case 'W':
			weakest = true;
			break;
		default:
			usage();
		}
	}
	if (optind != argc || (items && weakest) ||
	    (about_given && (items || weakest)))
		usage();
	load_instrument(ipath);
	if (items)
		return cmd_items();
	if (weakest)
		return cmd_weakest();
	now = now_or_exit();
	path = which_journal(&config, journal_flag);
	if (!about_given)
		last_about(path, now, about);
	answers = xreallocarray(NULL, instrument.nitems, sizeof(*answers));
	for (i = 0; i < instrument.nitems; i++)
		answers[i] = CHECKIN_NONE;
	if (answers_file == NULL && isatty(STDIN_FILENO)) {
		if ((!about_given && ask_about(about) == -1) ||
		    ask(answers) == -1) {
			printf("Nothing saved.\n");
			finish_stdout();
			free(answers);
			free(path);
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
	checkin_set_about(&e, about);
	if (journal_format_entry(&e, &rec, &len) == -1)
		errx(EXIT_TROUBLE, "the check-in would not read back as "
		    "written; nothing was saved");
	if (dry)
		fwrite(rec, 1, len, stdout);
	else if (journal_append(path, rec, len) == -1)
		write_failed(path, getprogname(), "write to");
	show_scores(answers, now, about);
	putchar('\n');
	if (dry)
		printf("Not saved (--dry-run).\n");
	else
		printf("Saved in %s.\n", path);
	wrap(stdout, "", "", FOOTER);
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
	path = which_journal(&config, journal_flag);
	read_one(&r, path, true);
	review_finish(&r);
	if ((c = review_latest(&r, LONG_MIN)) == NULL ||
	    (at = review_lowest(&r, c)) == CHECKIN_NOWHERE) {
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

/*
 * The reviews that a report shows, into *out: of the person named, or
 * else of each person with a check-in since day start, in the order of
 * their names; none when no one has, and the caller reports on all.
 * Returns how many.
 */
static size_t
people_of(const struct review *all, const char *name, long start,
    struct review **out)
{
	const struct cread	*c;
	size_t			 p, n = 0;

	*out = xreallocarray(NULL, all->npeople + 1, sizeof(**out));
	if (name != NULL) {
		review_of_person(all, review_find_person(all, name), name,
		    &(*out)[n++]);
		return n;
	}
	for (p = 0; p < all->npeople; p++) {
		for (c = all->checkins; c < all->checkins + all->ncheckins; c++)
			if (c->person == p && c->day >= start)
				break;
		if (c < all->checkins + all->ncheckins)
			review_of_person(all, p, NULL, &(*out)[n++]);
	}
	return n;
}

static int
cmd_report(int argc, char **argv)
{
	struct review	 r, *each;
	struct jrange	 range;
	const char	*ipath = NULL, *since = NULL, *errstr, *v;
	const char	*color_option = NULL, *to = NULL, *subject = NULL;
	char		 why[128], about[CHECKIN_ABOUT_MAX + 1];
	enum format	 format = FORMAT_TEXT;
	bool		 weeks_given = false, about_given = false;
	char		*path;
	size_t		 nweeks = WEEKS_DEFAULT, n, k;
	time_t		 now;
	long		 start, today, day;
	int		 ch, i, chart = 0, status, week_start;
	static const struct option opts[] = {
		{ "about",	required_argument,	NULL,	'A' },
		{ "color",	optional_argument,	NULL,	'C' },
		{ "file",	required_argument,	NULL,	'f' },
		{ "format",	required_argument,	NULL,	'F' },
		{ "help",	no_argument,		NULL,	'h' },
		{ "instrument",	required_argument,	NULL,	'i' },
		{ "since",	required_argument,	NULL,	's' },
		{ "subject",	required_argument,	NULL,	'S' },
		{ "to",		required_argument,	NULL,	't' },
		{ "weeks",	required_argument,	NULL,	'w' },
		{ NULL,		0,			NULL,	0 }
	};

	week_start = config_week_start(&config, "score");
	if ((v = config_get(&config, "score", "weeks")) != NULL)
		nweeks = (size_t)strtonum(v, 1, WEEKS_MAX, NULL);
	while ((ch = getopt_long(argc, argv, "f:hi:", opts, NULL)) != -1) {
		switch (ch) {
		case 'A':
			about_option(optarg, about);
			about_given = true;
			break;
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
		case 'S':
			subject = optarg;
			break;
		case 't':
			to = optarg;
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
	check_mail_options(format == FORMAT_MAIL, to, subject);
	if (utf8_locale())
		chart |= CHART_UTF8;
	if (format == FORMAT_TEXT && want_color(color_option))
		chart |= CHART_COLOR;
	load_instrument(ipath);
	now = now_or_exit();
	today = review_day(now);
	if (since != NULL) {
		if (when_range(since, now, week_start, &range, why,
		    sizeof(why)) == -1)
			errx(EXIT_TROUBLE, "--since %s: %s (see journal(1), "
			    "DATES)", since, why);
		if ((day = review_day(range.start)) > today)
			errx(EXIT_TROUBLE, "--since %s: a day after today",
			    since);
		start = review_week_start(day, week_start);
		nweeks = review_nweeks(start, today, week_start);
	} else
		start = review_week_start(today, week_start) -
		    7 * ((long)nweeks - 1);
	/* The period, and a year of check-ins for their reliability. */
	review_init(&r, &instrument, now, start < today -
	    REVIEW_HISTORY_DAYS ? start : today - REVIEW_HISTORY_DAYS);
	r.week_start = week_start;
	path = which_journal(&config, journal_flag);
	if (optind < argc)
		for (i = optind; i < argc; i++)
			read_one(&r, argv[i], false);
	else if (journal_flag == NULL && stdin_brings_records())
		read_one(&r, "-", false);
	else
		read_one(&r, path, true);
	review_finish(&r);
	if ((n = people_of(&r, about_given ? about : NULL, start, &each)) ==
	    0) {
		each[0] = r;
		n = 1;
	} else
		review_free(&r);
	if (format == FORMAT_TSV)
		report_tsv(each, n, start);
	else if (format == FORMAT_JSON)
		report_json(each, n, start, nweeks);
	else if (format == FORMAT_HTML)
		report_html(stdout, each, n, start, nweeks);
	else if (format == FORMAT_MAIL)
		report_mail(each, n, start, nweeks, to, subject != NULL ?
		    subject : "Your weekly review");
	else
		report_text(stdout, each, n, start, nweeks, chart,
		    terminal_columns());
	finish_stdout();
	status = review_latest(&each[0], start) == NULL ? EXIT_NOTHING : 0;
	free(path);
	for (k = 0; k < n; k++)
		review_free(&each[k]);
	free(each);
	return status;
}

static int
cmd_compare(int argc, char **argv)
{
	struct side	 s[2];
	struct review	 all;
	const char	*ipath = NULL;
	char		 about[2][CHECKIN_ABOUT_MAX + 1];
	enum format	 format = FORMAT_TEXT;
	size_t		 k, nabout = 0;
	time_t		 now;
	int		 ch;
	static const struct option opts[] = {
		{ "about",	required_argument,	NULL,	'A' },
		{ "format",	required_argument,	NULL,	'F' },
		{ "help",	no_argument,		NULL,	'h' },
		{ "instrument",	required_argument,	NULL,	'i' },
		{ NULL,		0,			NULL,	0 }
	};

	while ((ch = getopt_long(argc, argv, "hi:", opts, NULL)) != -1) {
		switch (ch) {
		case 'A':
			if (nabout == 2)
				usage();
			about_option(optarg, about[nabout++]);
			break;
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
	if (nabout == 1)
		strlcpy(about[1], about[0], sizeof(about[1]));
	if (format == FORMAT_HTML || format == FORMAT_MAIL)
		errx(EXIT_TROUBLE, "compare: not a format of compare (text, "
		    "tsv or json)");
	if (argc - optind != 2 || (strcmp(argv[optind], "-") == 0 &&
	    strcmp(argv[optind + 1], "-") == 0))
		usage();
	load_instrument(ipath);
	now = now_or_exit();
	for (k = 0; k < 2; k++) {
		s[k].file = argv[optind + k];
		review_init(&all, &instrument, now, LONG_MIN);
		read_one(&all, s[k].file, false);
		review_finish(&all);
		if (nabout > 0) {
			review_of_person(&all, review_find_person(&all,
			    about[k]), about[k], &s[k].review);
			review_free(&all);
		} else
			s[k].review = all;
		if ((s[k].latest = review_latest(&s[k].review, LONG_MIN)) ==
		    NULL) {
			if (nabout > 0)
				errx(EXIT_NOTHING, "%s: no check-in about %s",
				    s[k].file, about[k]);
			errx(EXIT_NOTHING, "%s: no check-in", s[k].file);
		}
	}
	if (format == FORMAT_TSV)
		compare_tsv(s);
	else if (format == FORMAT_JSON)
		compare_json(s);
	else
		compare_text(s);
	finish_stdout();
	review_free(&s[0].review);
	review_free(&s[1].review);
	return 0;
}

int
main(int argc, char **argv)
{
	read_config(&config, "score");
	passphrase_config = &config;
	argc = take_passphrase_fd(argc, argv);
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
