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

#include <err.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <locale.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "rapport.h"
#include "common.h"

#define SESSION_DEFAULT	7
#define SESSION_MIN	4
#define COUNT_MAX	10000

enum format { FORMAT_TEXT, FORMAT_JSON, FORMAT_MAIL };

/* What the filters keep: depths, audience, excluded categories, pattern. */
struct want {
	int		 depth_lo;
	int		 depth_hi;
	bool		 partner;	/* partner-only prompts allowed */
	char		**exclude;
	size_t		 nexclude;
	regex_t		*re;
	bool		 task_only;
	const struct chosen *avoid;	/* prompts already chosen */
	size_t		 navoid;
};

/* One prompt chosen for output. */
struct chosen {
	const char	*text;
	size_t		 len;
	char		*copy;
	char		 category[NAME_MAX + 1];
	struct promptmeta meta;
	uint32_t	 id;
};

/*
 * The history filter: one mark per eligible record, in the order in which
 * collect() and selection_filter() both walk the selection.
 */
struct marks {
	const bool	*fresh;
	size_t		 next;
};

extern const struct builtin	 builtin_prompts[];
extern const size_t		 builtin_prompts_count;

/* Categories that are never picked unless named. */
static const char *const optin[] = { "intimacy", "repair" };

static __dead void usage(void);
static __dead void help(void);
static bool	 is_optin(const char *);
static bool	 skip_default(const char *, void *);
static bool	 drop_source(const struct source *, void *);
static bool	 keep_prompt(const struct source *, const struct recfile *,
		    const char *, size_t, void *);
static bool	 keep_fresh(const struct source *, const struct recfile *,
		    const char *, size_t, void *);
static void	 warn_bad_files(const struct selection *);
static void	 list_categories(const struct selection *);
static void	 list_category_names(const struct searchpath *);
static size_t	 collect(struct selection *, uint32_t **);
static int	 choose(struct selection *, struct rng *, size_t,
		    struct chosen *, size_t *);
static void	 category_of(const struct source *, const struct recfile *,
		    char *, size_t);
static void	 describe(const struct source *, const struct recfile *,
		    size_t, struct chosen *);
static void	 output(const struct chosen *, size_t, enum format, bool,
		    const char *, const char *);
static void	 output_json(const struct chosen *);
static int	 choose_depth(struct selection *, struct rng *, int, size_t,
		    struct chosen *, size_t *);
static int	 run_session(struct selection *, const struct searchpath *,
		    const struct want *, struct rng *, int, struct chosen *,
		    size_t *);
static size_t	 interactive(const struct chosen *, size_t, bool);
static void	 write_text(FILE *, const struct chosen *, size_t, bool, int);
static char	*history_path(void);

static struct config config;	/* rapport-config(5) */

static const struct option longopts[] = {
	{ "category",	no_argument,		NULL,	'c' },
	{ "daily",	optional_argument,	NULL,	'D' },
	{ "depth",	required_argument,	NULL,	'd' },
	{ "list",	no_argument,		NULL,	'f' },
	{ "list-categories", no_argument,	NULL,	'L' },
	{ "for",	required_argument,	NULL,	'F' },
	{ "format",	required_argument,	NULL,	'O' },
	{ "help",	no_argument,		NULL,	'h' },
	{ "match",	required_argument,	NULL,	'm' },
	{ "count",	required_argument,	NULL,	'n' },
	{ "no-history",	no_argument,		NULL,	'H' },
	{ "seed",	required_argument,	NULL,	'S' },
	{ "session",	optional_argument,	NULL,	'E' },
	{ "subject",	required_argument,	NULL,	'U' },
	{ "to",		required_argument,	NULL,	'T' },
	{ "version",	no_argument,		NULL,	'V' },
	{ "exclude",	required_argument,	NULL,	'x' },
	{ NULL,		0,			NULL,	0 }
};

#define USAGE \
    "usage: %1$s [-cfhV] [-d depth] [-m pattern] [-n count] [-x category]\n" \
    "              [--daily [date]] [--seed word] [--for audience]\n" \
    "              [--session [count]] [--no-history] [--format format]\n" \
    "              [--to address] [--subject text] [[N%%] category ...]\n" \
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
	    "Print a question or a small task to share with someone you "
	    "love.\n\n"
	    "  -c, --category        say the category and depth\n"
	    "  -d, --depth DEPTH     1 light, 2 personal, 3 vulnerable, or "
	    "a range: 1-2\n"
	    "  -f, --list            list the categories and their prompts "
	    "per depth\n"
	    "      --list-categories the category names, one per line\n"
	    "  -h, --help            print this help\n"
	    "  -m, --match PATTERN   only prompts matching an extended "
	    "regular expression\n"
	    "  -n, --count COUNT     print COUNT different prompts\n"
	    "  -V, --version         print the version\n"
	    "  -x, --exclude CAT     leave a category out (repeatable)\n"
	    "      --daily[=DATE]    the prompt of the day, the same "
	    "everywhere\n"
	    "      --seed WORD       a shared seed for --daily, or a "
	    "reproducible pick\n"
	    "      --for AUDIENCE    partner (default), friend or family\n"
	    "      --session[=N]     an evening's N prompts, light to "
	    "deep (default %2$d)\n"
	    "      --no-history      neither read nor write the history\n"
	    "      --format FORMAT   text (default), json or mail\n"
	    "      --to ADDRESS      the recipient for --format mail\n"
	    "      --subject TEXT    the subject for --format mail\n\n"
	    "intimacy and repair are only picked when named.  "
	    "See prompt(1).\n", getprogname(), SESSION_DEFAULT);
	finish_stdout();
	exit(0);
}

/*
 * prompt prints an open-ended question or a small task to bring to a
 * partner, a friend or family: one at random, never repeating until all
 * have been shown, the same for everyone on a day with --daily, or an
 * evening's session from light to vulnerable.
 */
int
main(int argc, char *argv[])
{
	struct selection sel;
	struct searchpath sp;
	struct want	 want;
	struct history	 hist;
	struct chosen	*chosen;
	struct marks	 marks;
	struct eligible_copy *all = NULL;
	struct rng	 rng;
	struct stat	 st;
	enum format	 format = FORMAT_TEXT;
	regex_t		 re;
	const char	*errstr, *daily = NULL, *seedword = NULL, *v;
	const char	*pattern = NULL, *to = NULL, *subject = NULL;
	char		 errbuf[ERRBUF_SIZE], msg[ERRBUF_SIZE], *user;
	char		*hpath = NULL, *excluded = NULL, *p, *name;
	uint64_t	 seed;
	uint32_t	*ids, *shown;
	size_t		 count = 1, nchosen = 0, n, i;
	int		 ch, rv, problem, session = 0, status = 0;
	bool		 cflag = false, fflag = false, dflag = false;
	bool		 use_history = true, warned = false, *fresh;
	bool		 names_only = false;

	memset(&want, 0, sizeof(want));
	want.depth_lo = 1;
	want.depth_hi = 3;
	want.partner = true;
	/* The configuration first, for the options to override. */
	if (config_load(&config, msg, sizeof(msg)) == -1)
		errx(EXIT_TROUBLE, "%s", msg);
	if ((v = config_get(&config, "prompt", "for")) != NULL)
		want.partner = strcmp(v, "partner") == 0;
	if ((v = config_get(&config, "prompt", "depth")) != NULL)
		prompt_parse_depth(v, &want.depth_lo, &want.depth_hi);
	if ((v = config_get(&config, "prompt", "history")) != NULL)
		use_history = strcmp(v, "yes") == 0;
	while ((ch = getopt_long(argc, argv, "cd:fhm:n:Vx:", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'c':
			cflag = true;
			break;
		case 'D':
			dflag = true;
			daily = optarg;
			/* Take the date from the next word as well. */
			if (daily == NULL && optind < argc &&
			    date_parse(argv[optind], &(struct ymd){ 0 }) == 0)
				daily = argv[optind++];
			break;
		case 'd':
			if (prompt_parse_depth(optarg, &want.depth_lo,
			    &want.depth_hi) == -1)
				errx(EXIT_TROUBLE, "depth must be 1, 2, 3 or a "
				    "range such as 1-2: %s", optarg);
			break;
		case 'E':
			session = SESSION_DEFAULT;
			if (optarg == NULL && optind < argc &&
			    argv[optind][0] >= '0' && argv[optind][0] <= '9' &&
			    strchr(argv[optind], '%') == NULL)
				optarg = argv[optind++];
			if (optarg != NULL) {
				session = (int)strtonum(optarg, SESSION_MIN,
				    100, &errstr);
				if (errstr != NULL)
					errx(EXIT_TROUBLE, "session count is "
					    "%s (%d to 100): %s", errstr,
					    SESSION_MIN, optarg);
			}
			break;
		case 'f':
			fflag = true;
			break;
		case 'L':
			names_only = true;
			break;
		case 'F':
			if (strcmp(optarg, "partner") == 0)
				want.partner = true;
			else if (strcmp(optarg, "friend") == 0 ||
			    strcmp(optarg, "family") == 0)
				want.partner = false;
			else
				errx(EXIT_TROUBLE, "audience must be partner, "
				    "friend or family: %s", optarg);
			break;
		case 'H':
			use_history = false;
			break;
		case 'h':
			help();
		case 'm':
			pattern = optarg;
			break;
		case 'n':
			count = strtonum(optarg, 1, COUNT_MAX, &errstr);
			if (errstr != NULL)
				errx(EXIT_TROUBLE, "count is %s (1 to %d): %s",
				    errstr, COUNT_MAX, optarg);
			break;
		case 'O':
			if (strcmp(optarg, "text") == 0)
				format = FORMAT_TEXT;
			else if (strcmp(optarg, "json") == 0)
				format = FORMAT_JSON;
			else if (strcmp(optarg, "mail") == 0)
				format = FORMAT_MAIL;
			else
				errx(EXIT_TROUBLE, "format must be text, json "
				    "or mail: %s", optarg);
			break;
		case 'S':
			seedword = optarg;
			break;
		case 'T':
			to = optarg;
			break;
		case 'U':
			subject = optarg;
			break;
		case 'V':
			printf("prompt (%s) %s\n", PACKAGE_NAME,
			    PACKAGE_VERSION);
			finish_stdout();
			return 0;
		case 'x':
			want.exclude = xreallocarray(want.exclude,
			    want.nexclude + 1, sizeof(*want.exclude));
			want.exclude[want.nexclude++] = optarg;
			break;
		default:
			usage();
		}
	}
	argc -= optind;
	argv += optind;
	/* The shared seed is the daily prompt's; -x replaces the list. */
	if (dflag && seedword == NULL)
		seedword = config_get(&config, "prompt", "seed");
	if (want.nexclude == 0 && (v = config_get(&config, "prompt",
	    "exclude")) != NULL) {
		excluded = xstrdup(v);
		for (p = excluded; (name = strsep(&p, ", \t")) != NULL;) {
			if (*name == '\0')
				continue;
			want.exclude = xreallocarray(want.exclude,
			    want.nexclude + 1, sizeof(*want.exclude));
			want.exclude[want.nexclude++] = name;
		}
	}
	if (format == FORMAT_MAIL && to == NULL)
		errx(EXIT_TROUBLE, "--format mail needs --to address");
	if (format != FORMAT_MAIL && (to != NULL || subject != NULL))
		errx(EXIT_TROUBLE, "--to and --subject need --format mail");
	if (session > 0 && dflag)
		errx(EXIT_TROUBLE, "--session and --daily cannot be used "
		    "together");
	if (pattern != NULL) {
		setlocale(LC_CTYPE, "");
		if ((rv = regcomp(&re, pattern, REG_EXTENDED | REG_NOSUB |
		    REG_NEWLINE)) != 0) {
			regerror(rv, &re, msg, sizeof(msg));
			errx(EXIT_TROUBLE, "%s: %s", pattern, msg);
		}
		want.re = &re;
	}
	if (dflag) {
		if (date_seed(daily, seedword == NULL ? "" : seedword,
		    &seed) == -1)
			errx(EXIT_TROUBLE, "date is not YYYY-MM-DD: %s",
			    daily == NULL ? "today" : daily);
		rng_init_seed(&rng, seed);
	} else if (seedword != NULL)
		rng_init_seed(&rng, str_hash(seedword, 0));
	else
		rng_init(&rng);

	user = xdg_dir("XDG_DATA_HOME", ".local/share", "rapport/prompts");
	searchpath_init(&sp, getenv("PROMPT_PATH"), user, DATADIR "/prompts");
	free(user);
	if (names_only) {
		list_category_names(&sp);
		finish_stdout();
		searchpath_free(&sp);
		config_free(&config);
		return 0;
	}
	selection_init(&sel);
	if (argc == 0)
		selection_add_default_dirs(&sel, &sp, builtin_prompts,
		    builtin_prompts_count, skip_default, &fflag);
	else if (selection_operands(&sel, &sp, builtin_prompts,
	    builtin_prompts_count, argc, argv, errbuf, sizeof(errbuf)) == -1)
		errx(EXIT_TROUBLE, "%s", errbuf);
	selection_drop(&sel, drop_source, &want);
	selection_count(&sel);
	for (i = 0; i < sp.nentries; i++)
		if (sp.errors[i] != 0)
			warnx("%s: %s", sp.entries[i], strerror(sp.errors[i]));
	warn_bad_files(&sel);
	selection_filter(&sel, keep_prompt, &want);

	if (fflag) {
		list_categories(&sel);
		finish_stdout();
		goto done;
	}

	/* Prefer what has not been shown yet, unless the pick is seeded. */
	if (use_history && !dflag && seedword == NULL &&
	    (hpath = history_path()) != NULL) {
		if (history_read(hpath, &hist) == -1) {
			if (errno == EPERM && stat(hpath, &st) == 0 &&
			    (problem = file_private(&st)) != 0)
				warnx("%s: %s; prompts may repeat", hpath,
				    file_private_advice(problem));
			else
				warn("%s: prompts may repeat", hpath);
			memset(&hist, 0, sizeof(hist));
			use_history = false;
		} else if (hist.bad > 0) {
			warnx("%s: %zu line%s not a prompt id; ignored",
			    hpath, hist.bad, hist.bad == 1 ? " is" : "s are");
			warned = true;
		}
		n = hist.n == 0 ? 0 : collect(&sel, &ids);
		if (n > (session > 0 ? (size_t)session : count)) {
			marks.fresh = fresh = xcalloc(n, sizeof(*fresh));
			marks.next = 0;
			if (history_unseen(&hist, ids, n, fresh) < n) {
				all = selection_save(&sel);
				selection_filter(&sel, keep_fresh, &marks);
			}
			free(fresh);
		}
		if (hist.n > 0)
			free(ids);
		history_free(&hist);
	}

	chosen = xcalloc(session > 0 ? (size_t)session : count,
	    sizeof(*chosen));
	if (session > 0) {
		rv = run_session(&sel, &sp, &want, &rng, session, chosen,
		    &nchosen);
		/* Too few unseen at some depth: start over with them all. */
		if (rv == -1 && all != NULL) {
			for (i = 0; i < nchosen; i++)
				free(chosen[i].copy);
			selection_restore(&sel, all);
			all = NULL;
			rv = run_session(&sel, &sp, &want, &rng, session,
			    chosen, &nchosen);
		}
	} else {
		rv = choose(&sel, &rng, count, chosen, &nchosen);
		/* Too few unseen: the rest from those shown before. */
		if (all != NULL && nchosen < count) {
			selection_restore(&sel, all);
			all = NULL;
			want.avoid = chosen;
			want.navoid = nchosen;
			selection_filter(&sel, keep_prompt, &want);
			rv = choose(&sel, &rng, count - nchosen,
			    chosen + nchosen, &n);
			nchosen += n;
		}
	}
	if (all != NULL)
		selection_restore(&sel, all);
	if (nchosen == 0) {
		warnx("no prompt matches");
		status = EXIT_NOMATCH;
		free(chosen);
		goto done;
	}
	if (rv == -1)
		warnx("only %zu prompt%s match%s", nchosen,
		    nchosen == 1 ? "" : "s", nchosen == 1 ? "es" : "");

	if (session > 0 && format == FORMAT_TEXT && isatty(STDIN_FILENO) &&
	    isatty(STDOUT_FILENO))
		nchosen = interactive(chosen, nchosen, cflag);
	else
		output(chosen, nchosen, format, cflag, to, subject);

	/* Only what reached stdout counts as shown. */
	finish_stdout();
	if (use_history && (hpath != NULL || (hpath = history_path()) !=
	    NULL)) {
		shown = xreallocarray(NULL, nchosen, sizeof(*shown));
		for (i = 0; i < nchosen; i++)
			shown[i] = chosen[i].id;
		if (history_append(hpath, shown, nchosen) == -1 && !warned)
			warn("%s: the prompt was not recorded", hpath);
		free(shown);
	}
	for (i = 0; i < nchosen; i++)
		free(chosen[i].copy);
	free(chosen);
done:
	free(hpath);
	free(want.exclude);
	free(excluded);
	config_free(&config);
	if (want.re != NULL)
		regfree(want.re);
	selection_free(&sel);
	searchpath_free(&sp);
	return status;
}

static char *
history_path(void)
{
	return xdg_dir("XDG_STATE_HOME", ".local/state",
	    "rapport/prompt-history");
}

static bool
is_optin(const char *name)
{
	size_t	 i;

	for (i = 0; i < sizeof(optin) / sizeof(optin[0]); i++)
		if (strcmp(name, optin[i]) == 0)
			return true;
	return false;
}

/* Opt-in categories are left out of a pick, but listed by -f. */
static bool
skip_default(const char *name, void *arg)
{
	const bool	*listing = arg;

	return !*listing && is_optin(name);
}

/* Excluded categories, and intimacy for friends and family. */
static bool
drop_source(const struct source *src, void *arg)
{
	const struct want	*want = arg;
	char			 cat[NAME_MAX + 1];
	size_t			 i;

	if (src->nfiles > 0)
		category_of(src, &src->files[0], cat, sizeof(cat));
	else
		prompt_category(src->label, cat, sizeof(cat));
	if (!want->partner && strcmp(cat, "intimacy") == 0)
		return true;
	for (i = 0; i < want->nexclude; i++)
		if (strcmp(cat, want->exclude[i]) == 0)
			return true;
	return false;
}

static bool
keep_prompt(const struct source *src __attribute__((__unused__)),
    const struct recfile *rf, const char *text, size_t len, void *arg)
{
	const struct want	*want = arg;
	struct promptmeta	 pm;
	size_t			 i;
	uint32_t		 id;

	if (prompt_file_meta(rf->name, &pm) == -1 ||
	    pm.depth < want->depth_lo || pm.depth > want->depth_hi ||
	    (pm.audience == AUDIENCE_PARTNER && !want->partner))
		return false;
	if (want->task_only && prompt_is_question(text, len))
		return false;
	if (want->navoid > 0) {
		id = prompt_id(text, len);
		for (i = 0; i < want->navoid; i++)
			if (want->avoid[i].id == id)
				return false;
	}
	if (want->re != NULL && !text_match(want->re, text, len))
		return false;
	return true;
}

static bool
keep_fresh(const struct source *src __attribute__((__unused__)),
    const struct recfile *rf __attribute__((__unused__)),
    const char *text __attribute__((__unused__)),
    size_t len __attribute__((__unused__)), void *arg)
{
	struct marks	*m = arg;

	return m->fresh[m->next++];
}

/* The ids of every record still eligible, in selection order. */
static size_t
collect(struct selection *sel, uint32_t **idsp)
{
	const struct recfile	*rf;
	const char		*text;
	char			*copy;
	uint32_t		*ids;
	size_t			 len, i, j, k, n;

	for (i = n = 0; i < sel->nsources; i++)
		for (j = 0; j < sel->sources[i].nfiles; j++)
			n += sel->sources[i].files[j].neligible;
	ids = xreallocarray(NULL, n, sizeof(*ids));
	n = 0;
	for (i = 0; i < sel->nsources; i++)
		for (j = 0; j < sel->sources[i].nfiles; j++) {
			rf = &sel->sources[i].files[j];
			for (k = 0; k < rf->neligible; k++) {
				text = recfile_text(rf, rf->eligible[k], &len,
				    &copy);
				ids[n++] = prompt_id(text, len);
				free(copy);
			}
		}
	*idsp = ids;
	return n;
}

static void
warn_bad_files(const struct selection *sel)
{
	const struct recfile	*rf;
	struct promptmeta	 pm;
	size_t			 i, j;

	for (i = 0; i < sel->nsources; i++)
		for (j = 0; j < sel->sources[i].nfiles; j++) {
			rf = &sel->sources[i].files[j];
			if (rf->error != 0)
				warnx("%s: %s", rf->path,
				    recfile_strerror(rf->error));
			else if (prompt_file_meta(rf->name, &pm) == -1)
				warnx("%s: not a prompt file: name it 1, 2 or "
				    "3, for its depth, optionally followed by "
				    "-partner; its prompts are skipped",
				    rf->path != NULL ? rf->path : rf->name);
		}
}

/*
 * The category of a prompt: its source's name, or for a file named on its
 * own, the directory it is in (feelings for .../feelings/2).
 */
static void
category_of(const struct source *src, const struct recfile *rf, char *buf,
    size_t len)
{
	char	*dir, *slash;

	if (src->isdir || rf->path == NULL) {
		prompt_category(src->label, buf, len);
		return;
	}
	dir = xstrdup(rf->path);
	if ((slash = strrchr(dir, '/')) != NULL) {
		*slash = '\0';
		prompt_category(dir, buf, len);
	} else
		prompt_category(".", buf, len);
	free(dir);
}

/* Keep a copy of a chosen prompt, which outlives its selection. */
static void
describe(const struct source *src, const struct recfile *rf, size_t rec,
    struct chosen *c)
{
	const char	*text;
	char		*copy;

	text = recfile_text(rf, rec, &c->len, &copy);
	c->text = c->copy = xstrndup(text, c->len);
	free(copy);
	category_of(src, rf, c->category, sizeof(c->category));
	if (prompt_file_meta(rf->name, &c->meta) == -1)
		memset(&c->meta, 0, sizeof(c->meta));
	c->id = prompt_id(c->text, c->len);
}

/*
 * Choose count distinct prompts.  Returns -1 when fewer exist, with as
 * many as there are in *np.
 */
static int
choose(struct selection *sel, struct rng *rng, size_t count,
    struct chosen *out, size_t *np)
{
	struct recfile	*rf;
	size_t		 rec, i, j;

	for (*np = 0; *np < count; (*np)++) {
		if (selection_pick(sel, rng, &rf, &rec) == -1)
			return -1;
		for (i = 0; i < sel->nsources; i++)
			for (j = 0; j < sel->sources[i].nfiles; j++)
				if (&sel->sources[i].files[j] == rf)
					describe(&sel->sources[i], rf, rec,
					    &out[*np]);
		selection_remove(rf, rec);
	}
	return 0;
}

/*
 * Choose count distinct prompts of depth d only, leaving the other depths
 * as they were.
 */
static int
choose_depth(struct selection *sel, struct rng *rng, int d, size_t count,
    struct chosen *out, size_t *np)
{
	struct recfile	*rf;
	struct promptmeta pm;
	size_t		*saved, i, j, k;
	int		 rv;

	for (i = k = 0; i < sel->nsources; i++)
		k += sel->sources[i].nfiles;
	saved = xcalloc(k, sizeof(*saved));
	for (i = k = 0; i < sel->nsources; i++)
		for (j = 0; j < sel->sources[i].nfiles; j++, k++) {
			rf = &sel->sources[i].files[j];
			saved[k] = rf->neligible;
			if (prompt_file_meta(rf->name, &pm) == -1 ||
			    pm.depth != d)
				rf->neligible = 0;
		}
	rv = choose(sel, rng, count, out, np);
	for (i = k = 0; i < sel->nsources; i++)
		for (j = 0; j < sel->sources[i].nfiles; j++, k++) {
			rf = &sel->sources[i].files[j];
			if (prompt_file_meta(rf->name, &pm) == -1 ||
			    pm.depth != d)
				rf->neligible = saved[k];
		}
	free(saved);
	return rv;
}

/*
 * An evening's session of n prompts: rising from depth 1 to 3 among the
 * selection, then an appreciation task (depth 1 or 2) to end on.
 */
static int
run_session(struct selection *sel, const struct searchpath *sp,
    const struct want *want, struct rng *rng, int n, struct chosen *out,
    size_t *np)
{
	struct selection thanks;
	struct want	 w;
	char		 errbuf[ERRBUF_SIZE];
	int		 depths[100], d, i, rv = 0;
	size_t		 want_n, got;

	prompt_session_plan(n, depths);
	*np = 0;
	for (d = 1; d <= 3; d++) {
		for (i = 0, want_n = 0; i < n - 1; i++)
			want_n += depths[i] == d;
		if (choose_depth(sel, rng, d, want_n, out + *np, &got) == -1)
			rv = -1;
		*np += got;
	}

	w = *want;
	w.depth_lo = 1;
	w.depth_hi = 2;
	w.re = NULL;
	w.task_only = true;
	w.avoid = out;
	w.navoid = *np;
	selection_init(&thanks);
	if (selection_add(&thanks, sp, builtin_prompts, builtin_prompts_count,
	    "appreciation", -1, errbuf, sizeof(errbuf)) == 0) {
		selection_drop(&thanks, drop_source, &w);
		selection_count(&thanks);
		selection_filter(&thanks, keep_prompt, &w);
		if (choose(&thanks, rng, 1, out + *np, &got) == 0)
			(*np)++;
		else
			rv = -1;
	} else
		rv = -1;
	selection_free(&thanks);
	return rv;
}

/*
 * The names of the categories of the search path, opt-in ones included,
 * or of the compiled-in collection where it has none, one per line and
 * once each: for completions, which ask at every tab.
 */
static void
list_category_names(const struct searchpath *sp)
{
	char	**names, **paths;
	size_t	 n, i, len;
	int	 mode;

	mode = isatty(STDOUT_FILENO) ? SAFEOUT_TTY : SAFEOUT_RAW;
	searchpath_subdirs(sp, &names, &paths, &n);
	for (i = 0; i < n; i++) {
		if (safe_write(stdout, names[i], strlen(names[i]), mode) == -1)
			err(EXIT_TROUBLE, "stdout");
		free(names[i]);
		free(paths[i]);
	}
	free(names);
	free(paths);
	/* The compiled-in files are named category/depth, in order. */
	for (i = 0; n == 0 && i < builtin_prompts_count; i++) {
		len = strcspn(builtin_prompts[i].name, "/");
		if (i == 0 || strncmp(builtin_prompts[i].name,
		    builtin_prompts[i - 1].name, len) != 0 ||
		    builtin_prompts[i - 1].name[len] != '/')
			printf("%.*s\n", (int)len, builtin_prompts[i].name);
	}
}

static void
list_categories(const struct selection *sel)
{
	const struct source	*src;
	const struct recfile	*rf;
	struct promptmeta	 pm;
	char			 cat[NAME_MAX + 1], *line;
	size_t			 per[4], i, j, total;
	int			 mode;

	mode = isatty(STDOUT_FILENO) ? SAFEOUT_TTY : SAFEOUT_RAW;
	printf("%-16s %7s %7s %7s %7s\n", "category", "depth 1", "depth 2",
	    "depth 3", "total");
	for (i = 0; i < sel->nsources; i++) {
		src = &sel->sources[i];
		memset(per, 0, sizeof(per));
		for (j = 0; j < src->nfiles; j++) {
			rf = &src->files[j];
			if (prompt_file_meta(rf->name, &pm) == 0)
				per[pm.depth] += recfile_count_of(rf);
		}
		total = per[1] + per[2] + per[3];
		if (src->nfiles > 0)
			category_of(src, &src->files[0], cat, sizeof(cat));
		else
			prompt_category(src->label, cat, sizeof(cat));
		xasprintf(&line, "%-16s %7zu %7zu %7zu %7zu%s", cat, per[1],
		    per[2], per[3], total, is_optin(cat) ? "  only when named" :
		    "");
		if (safe_write(stdout, line, strlen(line), mode) == -1)
			err(EXIT_TROUBLE, "stdout");
		free(line);
	}
}

/* A prompt as one line of JSON. */
static void
output_json(const struct chosen *c)
{
	struct json	 j;
	char		 id[16];

	snprintf(id, sizeof(id), "%08x", (unsigned int)c->id);
	json_init(&j, stdout);
	json_object(&j, NULL);
	json_string(&j, "id", id);
	/* The text without its final newline. */
	json_stringn(&j, "text", c->text, c->len > 0 &&
	    c->text[c->len - 1] == '\n' ? c->len - 1 : c->len);
	json_string(&j, "category", c->category);
	json_number(&j, "depth", "%d", c->meta.depth);
	json_string(&j, "audience", c->meta.audience == AUDIENCE_PARTNER ?
	    "partner" : "any");
	json_string(&j, "kind", prompt_is_question(c->text, c->len) ?
	    "question" : "task");
	json_object_end(&j);
}

/*
 * Write the prompts as text: one alone as it is; several numbered, with
 * continuation lines indented and a blank line between them.
 */
static void
write_text(FILE *fp, const struct chosen *c, size_t n, bool cflag, int mode)
{
	const char	*p, *end, *nl;
	char		*head;
	size_t		 i;

	for (i = 0; i < n; i++) {
		if (n > 1 && i > 0)
			putc('\n', fp);
		if (n > 1)
			fprintf(fp, "%2zu. ", i + 1);
		if (cflag) {
			xasprintf(&head, "(%s, depth %d)", c[i].category,
			    c[i].meta.depth);
			if (safe_write(fp, head, strlen(head), mode) == -1)
				err(EXIT_TROUBLE, "stdout");
			free(head);
		}
		end = c[i].text + c[i].len;
		for (p = c[i].text; p < end; p = nl + 1) {
			if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
				nl = end;
			if (n > 1 && (p != c[i].text || cflag))
				fputs("    ", fp);
			/* With its newline, so a CR before it is seen. */
			if (safe_write(fp, p, (size_t)(nl - p) + (nl < end),
			    mode) == -1)
				err(EXIT_TROUBLE, "stdout");
		}
	}
}

static void
output(const struct chosen *c, size_t n, enum format format, bool cflag,
    const char *to, const char *subject)
{
	FILE	*body;
	char	*buf;
	size_t	 len, i;
	bool	 questions = true;

	switch (format) {
	case FORMAT_TEXT:
		write_text(stdout, c, n, cflag, isatty(STDOUT_FILENO) ?
		    SAFEOUT_TTY : SAFEOUT_RAW);
		break;
	case FORMAT_JSON:
		for (i = 0; i < n; i++)
			output_json(&c[i]);
		break;
	case FORMAT_MAIL:
		if ((body = open_memstream(&buf, &len)) == NULL)
			err(EXIT_TROUBLE, NULL);
		write_text(body, c, n, cflag, SAFEOUT_RAW);
		if (fclose(body) == EOF)
			err(EXIT_TROUBLE, NULL);
		for (i = 0; i < n; i++)
			questions &= prompt_is_question(c[i].text, c[i].len);
		if (subject == NULL)
			subject = n > 1 ? "Something to talk about tonight" :
			    questions ? "A question for tonight" :
			    "Something to try tonight";
		if (mail_write(stdout, NULL, to, subject, buf, len,
		    time(NULL)) == -1)
			err(EXIT_TROUBLE, "cannot write the message to %s", to);
		free(buf);
		break;
	}
}

/*
 * A session on a terminal: one prompt at a time, Enter for the next, q to
 * stop.  Returns how many were shown.
 */
static size_t
interactive(const struct chosen *c, size_t n, bool cflag)
{
	char	*line = NULL, *head;
	size_t	 cap = 0, shown;

	for (shown = 0; shown < n; shown++) {
		if (shown > 0) {
			printf("\n[Enter: next, q: stop] ");
			if (fflush(stdout) == EOF)
				err(EXIT_TROUBLE, "stdout");
			if (getline(&line, &cap, stdin) == -1 ||
			    line[0] == 'q' || line[0] == 'Q')
				break;
			putchar('\n');
		}
		if (cflag)
			xasprintf(&head, "%zu of %zu (%s, depth %d):", shown + 1,
			    n, c[shown].category, c[shown].meta.depth);
		else
			xasprintf(&head, "%zu of %zu:", shown + 1, n);
		if (safe_write(stdout, head, strlen(head), SAFEOUT_TTY) == -1)
			err(EXIT_TROUBLE, "stdout");
		free(head);
		putchar('\n');
		if (safe_write(stdout, c[shown].text, c[shown].len,
		    SAFEOUT_TTY) == -1)
			err(EXIT_TROUBLE, "stdout");
	}
	free(line);
	return shown;
}
