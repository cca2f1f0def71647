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
#include <getopt.h>
#include <limits.h>
#include <locale.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rapport.h"
#include "common.h"

/* fortune(6)'s defaults: a short tip is at most 160 columns long. */
#define DEFAULT_LENGTH	160
/* fortune(6)'s -w: one second per 20 columns, at least six. */
#define WAIT_CPS	20
#define WAIT_MIN	6

struct limit {
	size_t	 length;
	bool	 want_long;
};

/* How -m prints: the output's mode, and whether the file's header is out. */
struct printing {
	int	 mode;
	bool	 header;
};

extern const struct builtin	 builtin_tips[];
extern const size_t		 builtin_tips_count;

static __dead void usage(void);
static __dead void help(void);
static bool	 length_ok(const struct source *, const struct recfile *,
		    const char *, size_t, void *);
static void	 put_line(const char *, int);
static int	 report_errors(const struct selection *);
static void	 list_chances(const struct selection *, int);
static void	 list_categories(const struct searchpath *, int);
static bool	 is_category(const struct searchpath *, const char *);
static int	 match(struct selection *, const char *, bool, int);
static void	 print_match(const struct recfile *, size_t, void *);
static int	 index_main(int, char **);
static int	 index_dir(const char *, int, int, int, bool);

static const struct option longopts[] = {
	{ "category",	no_argument,		NULL,	'c' },
	{ "daily",	optional_argument,	NULL,	'D' },
	{ "equal",	no_argument,		NULL,	'e' },
	{ "for",	required_argument,	NULL,	'F' },
	{ "list",	no_argument,		NULL,	'f' },
	{ "list-categories", no_argument,	NULL,	'L' },
	{ "help",	no_argument,		NULL,	'h' },
	{ "ignore-case", no_argument,		NULL,	'i' },
	{ "long",	no_argument,		NULL,	'l' },
	{ "match",	required_argument,	NULL,	'm' },
	{ "length",	required_argument,	NULL,	'n' },
	{ "short",	no_argument,		NULL,	's' },
	{ "seed",	required_argument,	NULL,	'S' },
	{ "version",	no_argument,		NULL,	'V' },
	{ "wait",	no_argument,		NULL,	'w' },
	{ NULL,		0,			NULL,	0 }
};

#define USAGE \
    "usage: %1$s [-cefhilsVw] [-m pattern] [-n length] [--daily [date]]\n" \
    "           [--seed word] [--for audience]\n" \
    "           [[N%%] category | file | directory ...]\n" \
    "       %1$s --index [-iorsx] [-c char] source [datafile]\n" \
    "       %1$s --list-categories\n"

static __dead void
usage(void)
{
	fprintf(stderr, USAGE, getprogname());
	exit(EXIT_TROUBLE);
}

static __dead void
help(void)
{
	printf(USAGE "\n"
	    "Print a short tip about connecting with the people you love.\n\n"
	    "  -c, --category      say which category the tip came from\n"
	    "  -e, --equal         give every category the same chance\n"
	    "  -f, --list          list the categories and their chances\n"
	    "      --list-categories  the category names, one per line\n"
	    "  -h, --help          print this help\n"
	    "  -i, --ignore-case   match the -m pattern ignoring case\n"
	    "  -l, --long          only tips longer than the length\n"
	    "  -m, --match PATTERN print every tip matching an extended "
	    "regular expression\n"
	    "  -n, --length LENGTH the length for -l and -s, in columns "
	    "(default %2$d)\n"
	    "  -s, --short         only tips no longer than the length\n"
	    "  -V, --version       print the version\n"
	    "  -w, --wait          wait after the tip, longer for longer "
	    "tips\n"
	    "      --daily[=DATE]  the same tip all day (DATE is "
	    "YYYY-MM-DD)\n"
	    "      --seed WORD     a shared seed for --daily, or a "
	    "reproducible pick\n"
	    "      --for AUDIENCE  partner (default), friend or family\n"
	    "      --index         index a file as strfile(8) does, or a "
	    "directory\n\n"
	    "See tip(1) for the search path, the files and the exit "
	    "status.  intimacy is only picked when named.\n", getprogname(),
	    DEFAULT_LENGTH);
	finish_stdout();
	exit(0);
}

/*
 * tip prints one tip chosen uniformly among the tips of the selected
 * categories, lists the categories and their chances, or prints every tip
 * matching a pattern.  It reads fortune(6) files and writes their indexes.
 */
int
main(int argc, char *argv[])
{
	struct selection sel;
	struct searchpath sp;
	struct limit	 lim;
	struct recfile	*rf;
	struct rng	 rng;
	struct config	 cfg;
	struct audience	 aud;
	const char	*errstr, *pattern = NULL, *daily = NULL;
	const char	*text, *v, *seedword = NULL;
	char		 errbuf[ERRBUF_SIZE], *copy, *user;
	char		*excluded = NULL;
	uint64_t	 seed;
	size_t		 rec, len, width;
	int		 ch, mode, rv, status;
	bool		 cflag = false, fflag = false, iflag = false;
	bool		 list_categories_only = false;
	bool		 lflag = false, sflag = false, wflag = false;
	bool		 dflag = false, eflag = false;

	if (argc > 1 && strcmp(argv[1], "--index") == 0)
		return index_main(argc - 1, argv + 1);

	lim.length = DEFAULT_LENGTH;
	memset(&aud, 0, sizeof(aud));
	aud.partner = true;
	read_config(&cfg, "tip");
	if ((v = config_get(&cfg, "tip", "length")) != NULL)
		lim.length = strtonum(v, 1, INT_MAX, NULL);
	if ((v = config_get(&cfg, "tip", "for")) != NULL)
		aud.partner = strcmp(v, "partner") == 0;
	if ((v = config_get(&cfg, "tip", "exclude")) != NULL)
		excluded = split_names(v, &aud.exclude, &aud.nexclude);
	while ((ch = getopt_long(argc, argv, "cefhilm:n:sVw", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'c':
			cflag = true;
			break;
		case 'D':
			dflag = true;
			daily = daily_option(optarg, argc, argv);
			break;
		case 'e':
			eflag = true;
			break;
		case 'f':
			fflag = true;
			break;
		case 'F':
			aud.partner = audience_option(optarg);
			break;
		case 'L':
			list_categories_only = true;
			break;
		case 'h':
			help();
		case 'i':
			iflag = true;
			break;
		case 'l':
			lflag = true;
			break;
		case 'm':
			pattern = optarg;
			break;
		case 'n':
			lim.length = strtonum(optarg, 1, INT_MAX, &errstr);
			if (errstr != NULL)
				errx(EXIT_TROUBLE, "length is %s: %s", errstr,
				    optarg);
			break;
		case 's':
			sflag = true;
			break;
		case 'S':
			seedword = optarg;
			break;
		case 'V':
			print_version("tip");
			config_free(&cfg);
			return 0;
		case 'w':
			wflag = true;
			break;
		default:
			usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (lflag && sflag)
		errx(EXIT_TROUBLE, "-l and -s cannot be used together");
	/*
	 * The seed is a word, as prompt's.  The shared seed of the
	 * configuration is the daily tip's: [tip] seed, or else prompt's.
	 * Without a seed the daily tip's word is "0", as it always was.
	 */
	if (dflag && seedword == NULL &&
	    (seedword = config_get(&cfg, "tip", "seed")) == NULL)
		seedword = config_get(&cfg, "prompt", "seed");
	if (dflag)
		daily_rng(&rng, daily, seedword == NULL ? "0" : seedword);
	else if (seedword != NULL) {
		/* A number picks as it always did; another word by its hash. */
		seed = strtonum(seedword, 0, LLONG_MAX, &errstr);
		rng_init_seed(&rng, errstr == NULL ? seed :
		    str_hash(seedword, 0));
	} else
		rng_init(&rng);
	mode = isatty(STDOUT_FILENO) ? SAFEOUT_TTY : SAFEOUT_RAW;

	user = xdg_dir("XDG_DATA_HOME", ".local/share", "rapport/tips");
	searchpath_init(&sp, getenv("TIP_PATH"), user, DATADIR "/tips");
	free(user);
	check_excluded(&cfg, "tip", &sp, is_category);
	config_free(&cfg);
	if (list_categories_only) {
		list_categories(&sp, mode);
		finish_stdout();
		searchpath_free(&sp);
		return 0;
	}
	selection_init(&sel);
	sel.equal = eflag;
	if (argc == 0)
		selection_add_default(&sel, &sp, builtin_tips,
		    builtin_tips_count);
	else if (selection_operands(&sel, &sp, builtin_tips,
	    builtin_tips_count, argc, argv, errbuf, sizeof(errbuf)) == -1)
		errx(EXIT_TROUBLE, "%s", errbuf);
	aud.named = argc > 0;
	selection_audience(&sel, &sp, builtin_tips, builtin_tips_count, &aud);
	/*
	 * -m alone reads each file whole when it comes to it, and does without
	 * the count, which would read the large files twice.
	 */
	if (pattern == NULL || fflag || lflag || sflag)
		selection_count(&sel);
	if (lflag || sflag) {
		lim.want_long = lflag;
		selection_filter(&sel, length_ok, &lim);
	}
	status = report_errors(&sel);

	if (fflag)
		list_chances(&sel, mode);
	else if (pattern != NULL) {
		if ((rv = match(&sel, pattern, iflag, mode)) != 0 &&
		    status == 0)
			status = rv;
	} else if (selection_pick(&sel, &rng, &rf, &rec) == -1) {
		if (lflag || sflag)
			warnx("no tip is %s %zu columns long",
			    lflag ? "more than" : "at most", lim.length);
		else
			warnx("no tips found");
		if (status == 0)
			status = EXIT_NOMATCH;
	} else {
		if (cflag) {
			xasprintf(&copy, "(%s)", rf->name);
			put_line(copy, mode);
			free(copy);
			put_line("%", mode);
		}
		text = recfile_text(rf, rec, &len, &copy);
		if (safe_write(stdout, text, len, mode) == -1)
			err(EXIT_TROUBLE, "stdout");
		if (wflag) {
			width = text_width(text, len);
			if (fflush(stdout) == EOF)
				err(EXIT_TROUBLE, "stdout");
			sleep(width / WAIT_CPS > WAIT_MIN ?
			    (unsigned int)(width / WAIT_CPS) : WAIT_MIN);
		}
		free(copy);
	}
	finish_stdout();
	selection_free(&sel);
	searchpath_free(&sp);
	free(aud.exclude);
	free(excluded);
	return status;
}

static bool
length_ok(const struct source *src __attribute__((__unused__)),
    const struct recfile *rf __attribute__((__unused__)), const char *text,
    size_t len, void *arg)
{
	const struct limit	*lim = arg;
	size_t			 w;

	w = text_width(text, len);
	return lim->want_long ? w > lim->length : w <= lim->length;
}

/* Print a line naming files or categories, which may hold any byte. */
static void
put_line(const char *s, int mode)
{
	if (safe_write(stdout, s, strlen(s), mode) == -1)
		err(EXIT_TROUBLE, "stdout");
}

static int
report_errors(const struct selection *sel)
{
	const struct recfile	*rf;
	size_t			 i, j;
	int			 status = 0;

	for (i = 0; i < sel->nsources; i++)
		for (j = 0; j < sel->sources[i].nfiles; j++) {
			rf = &sel->sources[i].files[j];
			if (rf->error != 0) {
				warnx("%s: %s", rf->path,
				    recfile_strerror(rf->error));
				status = EXIT_TROUBLE;
			}
		}
	return status;
}

/* Whether a category exists, in the search path or compiled in. */
static bool
is_category(const struct searchpath *sp, const char *name)
{
	char	*path;
	size_t	 i;

	for (i = 0; i < builtin_tips_count; i++)
		if (strcmp(builtin_tips[i].name, name) == 0)
			return true;
	if ((path = searchpath_find(sp, name)) == NULL)
		return false;
	free(path);
	return true;
}

/*
 * The names of the categories of the search path, or of the compiled-in
 * collection where it has none, one per line and once each, in the order
 * of the search path: for completions, which ask at every tab.
 */
static void
list_categories(const struct searchpath *sp, int mode)
{
	struct recfile	*files;
	size_t		 n, i;

	searchpath_categories(sp, &files, &n);
	for (i = 0; i < n; i++)
		if (files[i].error == 0)
			break;
	if (i == n)
		for (i = 0; i < builtin_tips_count; i++)
			put_line(builtin_tips[i].name, mode);
	else
		for (i = 0; i < n; i++)
			if (files[i].error == 0)
				put_line(files[i].name, mode);
	for (i = 0; i < n; i++)
		recfile_free(&files[i]);
	free(files);
}

/* -f: each source's chance, and under a directory each file's. */
static void
list_chances(const struct selection *sel, int mode)
{
	const struct source	*src;
	char			*line;
	size_t			 i, j;

	for (i = 0; i < sel->nsources; i++) {
		src = &sel->sources[i];
		xasprintf(&line, "%6.2f%% %s",
		    100.0 * selection_chance(sel, i, -1), src->label);
		put_line(line, mode);
		free(line);
		if (!src->isdir)
			continue;
		for (j = 0; j < src->nfiles; j++) {
			xasprintf(&line, "    %6.2f%% %s", 100.0 *
			    selection_chance(sel, i, (ssize_t)j),
			    src->files[j].name);
			put_line(line, mode);
			free(line);
		}
	}
}

/*
 * -m: print every tip matching an extended regular expression, each
 * followed by a delimiter line, and before the first of each file a
 * %% (name) comment line: the output is itself a collection file.  Each
 * file is let go once searched, so that the next reuses its memory; one
 * that cannot be read, if not counted before, is reported when its turn
 * comes.  Returns 0 when something matched, EXIT_NOMATCH when nothing did,
 * EXIT_TROUBLE when a file could not be read.
 */
static int
match(struct selection *sel, const char *pattern, bool icase, int mode)
{
	struct pattern	 pat;
	struct printing	 pr;
	struct recfile	*rf;
	char		 msg[256];
	size_t		 i, j, found = 0;
	int		 status = 0;

	/* Let the pattern's multibyte characters and classes work. */
	setlocale(LC_CTYPE, "");
	/* ^ and $ match at every line of a tip, as in fortune and grep. */
	if (pattern_compile(&pat, pattern, REG_EXTENDED | REG_NOSUB |
	    REG_NEWLINE | (icase ? REG_ICASE : 0), msg, sizeof(msg)) == -1)
		errx(EXIT_TROUBLE, "%s: %s", pattern, msg);
	pr.mode = mode;
	for (i = 0; i < sel->nsources; i++)
		for (j = 0; j < sel->sources[i].nfiles; j++) {
			rf = &sel->sources[i].files[j];
			if (rf->error != 0)
				continue;
			if (recfile_load(rf) == -1) {
				warnx("%s: %s", rf->path,
				    recfile_strerror(rf->error));
				status = EXIT_TROUBLE;
				continue;
			}
			pr.header = false;
			found += pattern_records(&pat, rf, print_match, &pr);
			recfile_unload(rf);
		}
	pattern_free(&pat);
	if (status == 0 && found == 0)
		status = EXIT_NOMATCH;
	return status;
}

/* Print a matching tip, after its file's header if it is the first. */
static void
print_match(const struct recfile *rf, size_t rec, void *arg)
{
	struct printing	*pr = arg;
	const char	*text;
	char		*copy, *line;
	size_t		 len;

	if (!pr->header) {
		xasprintf(&line, "%%%% (%s)", rf->name);
		put_line(line, pr->mode);
		free(line);
		pr->header = true;
	}
	text = recfile_text(rf, rec, &len, &copy);
	if (safe_write(stdout, text, len, pr->mode) == -1 || puts("%") == EOF)
		err(EXIT_TROUBLE, "stdout");
	free(copy);
}

/*
 * tip --index DIR: the index of a collection directory, which tip and
 * prompt read it from while it is fresh (colindex.c).  It has a name of
 * its own, and none of strfile's options but -s.
 */
static int
index_dir(const char *dir, int argc, int opts, int delim, bool silent)
{
	char	*what;
	size_t	 nfiles, nrecs;

	if (argc != 1 || opts != 0 || delim != '%')
		errx(EXIT_TROUBLE, "%s: a directory takes no datafile and no "
		    "option but -s", dir);
	if (colindex_write(dir, &nfiles, &nrecs, &what) == -1)
		err(EXIT_TROUBLE, "%s", what);
	if (!silent)
		printf("\"%s/%s\" created\n"
		    "There were %zu string%s in %zu file%s\n", dir,
		    COLINDEX_NAME, nrecs, nrecs == 1 ? "" : "s", nfiles,
		    nfiles == 1 ? "" : "s");
	finish_stdout();
	return 0;
}

/*
 * tip --index: strfile(8) with its options and operands, writing the same
 * bytes and printing the same summary.
 */
static int
index_main(int argc, char *argv[])
{
	struct strfile	 sf;
	struct stat	 st;
	struct rng	 rng;
	char		*text, *outfile;
	size_t		 size;
	int		 ch, delim = '%', opts = 0;
	bool		 silent = false;

	optind = 1;
	while ((ch = getopt(argc, argv, "c:iorsx")) != -1) {
		switch (ch) {
		case 'c':
			if (strlen(optarg) != 1 ||
			    (unsigned char)optarg[0] > 0x7f)
				errx(EXIT_TROUBLE, "delimiter must be one "
				    "ASCII character: %s", optarg);
			delim = optarg[0];
			break;
		case 'i':
			opts |= STRFILE_OPT_IGNCASE;
			break;
		case 'o':
			opts |= STRFILE_OPT_ORDER;
			break;
		case 'r':
			opts |= STRFILE_OPT_RANDOM;
			break;
		case 's':
			silent = true;
			break;
		case 'x':
			opts |= STRFILE_OPT_ROTATED;
			break;
		default:
			usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (argc < 1 || argc > 2)
		usage();
	if (stat(argv[0], &st) == 0 && S_ISDIR(st.st_mode))
		return index_dir(argv[0], argc, opts, delim, silent);
	if (argc == 2)
		outfile = xstrdup(argv[1]);
	else
		xasprintf(&outfile, "%s.dat", argv[0]);

	if (file_read(argv[0], &text, &size) == -1)
		errx(EXIT_TROUBLE, "%s: %s", argv[0],
		    recfile_strerror(errno));
	rng_init(&rng);
	if (strfile_build(&sf, text, size, delim, opts, &rng) == -1)
		err(EXIT_TROUBLE, "%s", argv[0]);
	if (strfile_write(outfile, &sf) == -1)
		err(EXIT_TROUBLE, "%s", outfile);
	if (!silent) {
		printf("\"%s\" created\n", outfile);
		if (sf.numstr == 0)
			printf("There was no string\n");
		else {
			if (sf.numstr == 1)
				printf("There was 1 string\n");
			else
				printf("There were %lu strings\n",
				    (unsigned long)sf.numstr);
			printf("Longest string: %lu byte%s\n",
			    (unsigned long)sf.longlen,
			    sf.longlen == 1 ? "" : "s");
			printf("Shortest string: %lu byte%s\n",
			    (unsigned long)sf.shortlen,
			    sf.shortlen == 1 ? "" : "s");
		}
	}
	finish_stdout();
	strfile_free(&sf);
	free(text);
	free(outfile);
	return 0;
}
