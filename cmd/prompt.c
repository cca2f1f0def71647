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
 * prompt: the options, the selection of prompt files and its filters, the
 * history that keeps prompts from repeating, and choosing among what is
 * left.  An evening's session is in prompt-session.c; writing prompts
 * out and listing the categories in prompt-output.c.
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
#include "prompt.h"

#define SESSION_DEFAULT	7
#define SESSION_MIN	4
#define COUNT_MAX	10000

/*
 * The history filter: one mark per eligible record, in the order in which
 * collect() and selection_filter() both walk the selection.
 */
struct marks {
	const bool	*fresh;
	size_t		 next;
};

/* Categories that are never picked unless named. */
static const char *const optin[] = { "intimacy", "repair" };

/* The keys of [prompt] that leave prompts out, for no_match(). */
enum { CFG_EXCLUDE, CFG_FOR, CFG_DEPTH, NCFG };
static const char *const filter_keys[NCFG] = { "exclude", "for", "depth" };

static __dead void usage(void);
static __dead void help(void);
static bool	 skip_default(const char *, void *);
static bool	 keep_fresh(const struct source *, const struct recfile *,
		    const char *, size_t, void *);
static void	 warn_bad_files(const struct selection *);
static size_t	 collect(struct selection *, uint32_t **);
static void	 describe(const struct source *, const struct recfile *,
		    size_t, struct chosen *);
static char	*history_path(void);
static size_t	 count_without(const struct searchpath *, int, char **,
		    const struct want *, const char *);
static void	 no_match(const struct searchpath *, int, char **,
		    const struct want *, const bool *);
static bool	 is_category(const struct searchpath *, const char *);

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
	struct pattern	 pat;
	const char	*errstr, *daily = NULL, *seedword = NULL, *v;
	const char	*pattern = NULL, *to = NULL, *subject = NULL;
	char		 errbuf[ERRBUF_SIZE], msg[ERRBUF_SIZE], *user;
	char		*hpath = NULL, *excluded = NULL;
	uint32_t	*ids, *shown;
	size_t		 count = 1, nchosen = 0, n, i;
	int		 ch, rv, problem, session = 0, status = 0;
	bool		 cflag = false, fflag = false, dflag = false;
	bool		 use_history = true, warned = false, *fresh, *kept;
	bool		 names_only = false, from_config[NCFG];

	memset(&want, 0, sizeof(want));
	want.depth_lo = 1;
	want.depth_hi = 3;
	want.partner = true;
	memset(from_config, 0, sizeof(from_config));
	/* The configuration first, for the options to override. */
	read_config(&config, "prompt");
	if ((v = config_get(&config, "prompt", "for")) != NULL)
		want.partner = strcmp(v, "partner") == 0;
	from_config[CFG_FOR] = !want.partner;
	if ((v = config_get(&config, "prompt", "depth")) != NULL)
		prompt_parse_depth(v, &want.depth_lo, &want.depth_hi);
	from_config[CFG_DEPTH] = v != NULL;
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
			daily = daily_option(optarg, argc, argv);
			break;
		case 'd':
			if (prompt_parse_depth(optarg, &want.depth_lo,
			    &want.depth_hi) == -1)
				errx(EXIT_TROUBLE, "depth must be 1, 2, 3 or a "
				    "range such as 1-2: %s", optarg);
			from_config[CFG_DEPTH] = false;
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
			want.partner = audience_option(optarg);
			from_config[CFG_FOR] = false;
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
			print_version("prompt");
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
	/*
	 * The shared seed is the daily prompt's; -x replaces the list.  A
	 * category named on the command line is an explicit request, which
	 * the configuration's exclude and for do not leave out.
	 */
	if (dflag && seedword == NULL)
		seedword = config_get(&config, "prompt", "seed");
	want.named_intimacy = argc > 0 && from_config[CFG_FOR];
	if (want.nexclude == 0 && argc == 0 && (v = config_get(&config,
	    "prompt", "exclude")) != NULL) {
		from_config[CFG_EXCLUDE] = true;
		excluded = split_names(v, &want.exclude, &want.nexclude);
	}
	check_mail_options(format == FORMAT_MAIL, to, subject);
	if (session > 0 && dflag)
		errx(EXIT_TROUBLE, "--session and --daily cannot be used "
		    "together");
	if (pattern != NULL) {
		setlocale(LC_CTYPE, "");
		if (pattern_compile(&pat, pattern, REG_EXTENDED | REG_NOSUB |
		    REG_NEWLINE, msg, sizeof(msg)) == -1)
			errx(EXIT_TROUBLE, "%s: %s", pattern, msg);
		want.pattern = &pat;
	}
	if (dflag)
		daily_rng(&rng, daily, seedword == NULL ? "" : seedword);
	else if (seedword != NULL)
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
	check_excluded(&config, "prompt", &sp, is_category);
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
		no_match(&sp, argc, argv, &want, from_config);
		status = EXIT_NOMATCH;
		free(chosen);
		goto done;
	}
	if (rv == -1)
		warnx("only %zu prompt%s match%s", nchosen,
		    nchosen == 1 ? "" : "s", nchosen == 1 ? "es" : "");

	kept = xcalloc(nchosen, sizeof(*kept));
	if (session > 0 && format == FORMAT_TEXT && isatty(STDIN_FILENO) &&
	    isatty(STDOUT_FILENO))
		n = interactive(chosen, nchosen, cflag, kept);
	else {
		output(chosen, nchosen, format, cflag, to, subject);
		for (i = 0; i < nchosen; i++)
			kept[i] = true;
		n = nchosen;
	}

	/* Only what reached stdout, and was not skipped, counts as shown. */
	finish_stdout();
	if (use_history && (hpath != NULL || (hpath = history_path()) !=
	    NULL)) {
		shown = xreallocarray(NULL, n, sizeof(*shown));
		for (i = n = 0; i < nchosen; i++)
			if (kept[i])
				shown[n++] = chosen[i].id;
		if (history_append(hpath, shown, n) == -1 && !warned)
			warn("%s: the prompt was not recorded", hpath);
		free(shown);
	}
	for (i = 0; i < nchosen; i++)
		free(chosen[i].copy);
	free(chosen);
	free(kept);
done:
	free(hpath);
	free(want.exclude);
	free(excluded);
	config_free(&config);
	if (want.pattern != NULL)
		pattern_free(want.pattern);
	selection_free(&sel);
	searchpath_free(&sp);
	return status;
}

/*
 * How many prompts the filters would keep without one key of the
 * configuration.
 */
static size_t
count_without(const struct searchpath *sp, int argc, char **argv,
    const struct want *want, const char *key)
{
	struct selection sel;
	struct want	 w = *want;
	char		 errbuf[ERRBUF_SIZE];
	bool		 listing = false;
	size_t		 n = 0, i, j;

	if (strcmp(key, "exclude") == 0)
		w.nexclude = 0;
	else if (strcmp(key, "for") == 0)
		w.partner = true;
	else {
		w.depth_lo = 1;
		w.depth_hi = 3;
	}
	selection_init(&sel);
	if (argc == 0)
		selection_add_default_dirs(&sel, sp, builtin_prompts,
		    builtin_prompts_count, skip_default, &listing);
	else if (selection_operands(&sel, sp, builtin_prompts,
	    builtin_prompts_count, argc, argv, errbuf, sizeof(errbuf)) == -1) {
		selection_free(&sel);
		return 0;
	}
	selection_drop(&sel, drop_source, &w);
	selection_count(&sel);
	selection_filter(&sel, keep_prompt, &w);
	for (i = 0; i < sel.nsources; i++)
		for (j = 0; j < sel.sources[i].nfiles; j++)
			n += sel.sources[i].files[j].neligible;
	selection_free(&sel);
	return n;
}

/*
 * Nothing matched.  When a key of the configuration left every prompt
 * out, say which and where, since the command line does not show it;
 * only then is the selection made again, so that a pick costs nothing.
 */
static void
no_match(const struct searchpath *sp, int argc, char **argv,
    const struct want *want, const bool *from_config)
{
	char	 where[PATH_MAX + 32];
	int	 k;

	for (k = 0; k < NCFG; k++)
		if (from_config[k] && count_without(sp, argc, argv, want,
		    filter_keys[k]) > 0) {
			config_where(&config, "prompt", filter_keys[k], where,
			    sizeof(where));
			warnx("no prompt matches: %s sets %s = %s", where,
			    filter_keys[k], config_get(&config, "prompt",
			    filter_keys[k]));
			return;
		}
	warnx("no prompt matches");
}

/* Whether a category of the search path or the built-in one has a name. */
static bool
is_category(const struct searchpath *sp, const char *name)
{
	char	**names, **paths;
	size_t	 n, i, len;
	bool	 found = false;

	searchpath_subdirs(sp, &names, &paths, NULL, &n);
	for (i = 0; i < n; i++) {
		found = found || strcmp(names[i], name) == 0;
		free(names[i]);
		free(paths[i]);
	}
	free(names);
	free(paths);
	/* The compiled-in files are named category/depth. */
	len = strlen(name);
	for (i = 0; !found && i < builtin_prompts_count; i++)
		found = strncmp(builtin_prompts[i].name, name, len) == 0 &&
		    builtin_prompts[i].name[len] == '/';
	return found;
}

static char *
history_path(void)
{
	return xdg_dir("XDG_STATE_HOME", ".local/state",
	    "rapport/prompt-history");
}

bool
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
bool
drop_source(const struct source *src, void *arg)
{
	const struct want	*want = arg;
	char			 cat[NAME_MAX + 1];
	size_t			 i;

	if (src->nfiles > 0)
		category_of(src, &src->files[0], cat, sizeof(cat));
	else
		prompt_category(src->label, cat, sizeof(cat));
	if (!want->partner && !want->named_intimacy &&
	    strcmp(cat, "intimacy") == 0)
		return true;
	for (i = 0; i < want->nexclude; i++)
		if (strcmp(cat, want->exclude[i]) == 0)
			return true;
	return false;
}

bool
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
	if (want->pattern != NULL &&
	    !pattern_match(want->pattern, text, len))
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
	uint32_t		*ids;
	size_t			 i, j, k, n;

	for (i = n = 0; i < sel->nsources; i++)
		for (j = 0; j < sel->sources[i].nfiles; j++)
			n += sel->sources[i].files[j].neligible;
	ids = xreallocarray(NULL, n, sizeof(*ids));
	n = 0;
	for (i = 0; i < sel->nsources; i++)
		for (j = 0; j < sel->sources[i].nfiles; j++) {
			rf = &sel->sources[i].files[j];
			for (k = 0; k < rf->neligible; k++)
				ids[n++] = prompt_record_id(rf,
				    rf->eligible[k]);
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
void
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
int
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
