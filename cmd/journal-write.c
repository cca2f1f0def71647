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
 * journal's writing: a new entry from the arguments, stdin, a template or
 * the editor, with its date, tags and ratings.  It appends to the journal
 * and never rewrites it.
 */

#include "config.h"

#include <sys/wait.h>

#include <ctype.h>
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "rapport.h"
#include "common.h"
#include "journal.h"

extern const struct builtin	 builtin_prompts[];
extern const size_t		 builtin_prompts_count;

static void	 find_prompt(const char *, size_t, struct jentry *);
static void	 add_inline_tags(struct jentry *, const char *, size_t);
static void	 stamp(struct jentry *, const char *, time_t);
static char	*stamp_prefix(struct jentry *, char *, time_t);
static char	*load_template(const char *, char *, size_t *);
static void	 say_written(const struct jentry *);
static void	 append_entry(struct jentry *);

/* How far ahead of the clock an entry may be dated without --future. */
#define FUTURE_GRACE	(5 * 60)

static bool	 future;		/* --future: dates ahead are meant */


/*
 * Note in the entry the id of the prompt that text is, when it is one of
 * the collection's: so that two partners' answers to one prompt can be
 * found together.
 */
static void
find_prompt(const char *text, size_t len, struct jentry *e)
{
	struct selection sel;
	struct searchpath sp;
	struct recfile	*rf;
	const char	*t;
	char		*user, *copy;
	uint32_t	 want;
	size_t		 i, j, k, n;
	bool		 found = false;

	want = prompt_id(text, len);
	user = xdg_dir("XDG_DATA_HOME", ".local/share", "rapport/prompts");
	searchpath_init(&sp, getenv("PROMPT_PATH"), user, DATADIR "/prompts");
	free(user);
	selection_init(&sel);
	selection_add_default_dirs(&sel, &sp, builtin_prompts,
	    builtin_prompts_count, NULL, NULL);
	for (i = 0; i < sel.nsources && !found; i++)
		for (j = 0; j < sel.sources[i].nfiles && !found; j++) {
			rf = &sel.sources[i].files[j];
			if (recfile_load(rf) == -1)
				continue;
			for (k = 0; k < rf->nrecs && !found; k++) {
				t = recfile_text(rf, k, &n, &copy);
				found = prompt_id(t, n) == want;
				free(copy);
			}
		}
	selection_free(&sel);
	searchpath_free(&sp);
	if (found)
		snprintf(e->prompt, sizeof(e->prompt), "%08x",
		    (unsigned int)want);
}


static const struct option write_opts[] = {
	{ "date",	required_argument,	NULL,	'd' },
	{ "edit",	no_argument,		NULL,	'e' },
	{ "file",	required_argument,	NULL,	'f' },
	{ "future",	no_argument,		NULL,	OPT_FUTURE },
	{ "rating",	required_argument,	NULL,	'r' },
	{ "star",	no_argument,		NULL,	's' },
	{ "tag",	required_argument,	NULL,	't' },
	{ "template",	required_argument,	NULL,	OPT_TEMPLATE },
	{ NULL,		0,			NULL,	0 }
};

/* The characters of a tag, as journal_valid_tag takes them. */
#define TAG_CHAR(c)	(isalnum((unsigned char)(c)) || (c) == '_' || \
	    (c) == '-' || (c) == '/' || ((unsigned char)(c) & 0x80))

/*
 * Tags typed in the text, as jrnl takes them: an @ at the start of a line
 * or after a blank or an opening parenthesis, followed by a tag.  An @
 * after anything else is text: an address (me@example.org), \@talk and
 * @@talk.  The text itself is kept as typed.
 */
static void
add_inline_tags(struct jentry *e, const char *text, size_t len)
{
	const char	*v;
	char		*tag;
	size_t		 i, n;

	if ((v = config_get(&config, "journal", "inline-tags")) != NULL &&
	    strcmp(v, "no") == 0)
		return;
	for (i = 0; i < len; i++) {
		if (text[i] != '@' || (i > 0 && text[i - 1] != ' ' &&
		    text[i - 1] != '\t' && text[i - 1] != '\n' &&
		    text[i - 1] != '('))
			continue;
		for (n = 0; i + 1 + n < len && TAG_CHAR(text[i + 1 + n]); n++)
			;
		/* A tag ends at a letter or digit, not "@talk-" or "@a/". */
		while (n > 0 && (text[i + n] == '-' || text[i + n] == '/'))
			n--;
		if (n == 0)
			continue;
		tag = xstrndup(text + i + 1, n);
		if (journal_valid_tag(tag))
			entry_add_tag(e, tag);
		free(tag);
		i += n;
	}
}


/* Add a tag or a KEY=VALUE rating to an entry, or exit with why not. */
void
entry_add_tag(struct jentry *e, const char *tag)
{
	size_t	 i;

	if (tag[0] == '@')
		tag++;
	if (!journal_valid_tag(tag))
		errx(EXIT_TROUBLE, "tag must be letters, digits, _, - or /: %s",
		    tag);
	for (i = 0; i < e->ntags; i++)
		if (strcmp(e->tags[i], tag) == 0)
			return;
	e->tags = xreallocarray(e->tags, e->ntags + 1, sizeof(*e->tags));
	e->tags[e->ntags++] = xstrdup(tag);
}


void
entry_add_rating(struct jentry *e, const char *kv)
{
	const char	*errstr;
	struct jrating	*r;
	size_t		 i, klen;

	if (!journal_valid_rating(kv, &errstr))
		errx(EXIT_TROUBLE, "rating %s: %s", kv, errstr);
	klen = strcspn(kv, "=");
	for (i = 0; i < e->nratings; i++)
		if (strlen(e->ratings[i].key) == klen &&
		    strncmp(e->ratings[i].key, kv, klen) == 0)
			errx(EXIT_TROUBLE, "rating %.*s given twice", (int)klen,
			    kv);
	e->ratings = xreallocarray(e->ratings, e->nratings + 1,
	    sizeof(*e->ratings));
	r = &e->ratings[e->nratings++];
	snprintf(r->key, sizeof(r->key), "%.*s", (int)klen, kv);
	strlcpy(r->text, kv + klen + 1, sizeof(r->text));
	r->value = strtod(r->text, NULL);
}


/*
 * Date the entry at pt, refusing a date in the future unless --future
 * asked for it: an entry dated next year by mistake would stay the newest
 * for ever.  Clocks that disagree by a few minutes are forgiven.  phrase
 * is the date as the user gave it.  Writing an entry and edit -d use it.
 */
void
entry_date(struct jentry *e, const struct jpoint *pt, time_t now,
    const char *phrase, bool future)
{
	char	 today[32];

	journal_format_time(pt->t, !pt->timed, e->ts, sizeof(e->ts));
	journal_format_time(now, true, today, sizeof(today));
	if (future || (pt->timed ? pt->t <= now + FUTURE_GRACE :
	    strcmp(e->ts, today) <= 0))
		return;
	errx(EXIT_TROUBLE, "%s: %s is in the future; nothing was written "
	    "(--future writes it)", phrase, e->ts);
}


/* The timestamp of a new entry: now, or the day or instant of -d. */
static void
stamp(struct jentry *e, const char *date, time_t now)
{
	struct jpoint	 pt;
	char		 why[128], *label;

	if (date == NULL) {
		journal_format_time(now, false, e->ts, sizeof(e->ts));
		return;
	}
	if (when_point(date, now, config_week_start(&config, "journal"),
	    &pt, why, sizeof(why)) == -1)
		errx(EXIT_TROUBLE, "-d %s: %s (see journal(1), DATES)", date,
		    why);
	xasprintf(&label, "-d %s", date);
	entry_date(e, &pt, now, label, future);
	free(label);
}


/*
 * jrnl's "yesterday: text": a date and a colon at the head of the text
 * date the entry, and are left out of it.  Words before a colon that
 * start as a date and then are not one, as in "Today I learned: ...",
 * are no date: the text is written as it is, dated now, and a terminal
 * is told how to give a date instead.  Returns the text to write.
 */
static char *
stamp_prefix(struct jentry *e, char *text, time_t now)
{
	struct jpoint	 pt;
	const char	*rest;
	char		 why[128], *head;

	switch (when_prefix(text, now, config_week_start(&config, "journal"),
	    &pt, &rest, why, sizeof(why))) {
	case 1:
		xasprintf(&head, "%.*s", (int)strcspn(text, ":"), text);
		entry_date(e, &pt, now, head, future);
		free(head);
		return xstrdup(rest);
	case -1:
		if (isatty(STDERR_FILENO))
			warnx("%.*s: %s; written as text, dated now (give a "
			    "date with -d)", (int)strcspn(text, ":"), text,
			    why);
		break;
	}
	return xstrdup(text);
}


/*
 * The record of a new entry, read back before it is written, or exit
 * saying why not.
 */
char *
entry_record(struct jentry *e, size_t *lenp)
{
	char	*rec;

	if (journal_parse_time(e->ts, &e->time) == -1)
		errx(EXIT_TROUBLE, "bad timestamp %s", e->ts);
	if (journal_format_entry(e, &rec, lenp) == -1)
		errx(EXIT_TROUBLE, "the entry would not read back as written; "
		    "nothing was written");
	return rec;
}


/*
 * On a terminal, say in one line what was written, so that a mistake is
 * seen at once; through a pipe, say nothing, as before.
 */
static void
say_written(const struct jentry *e)
{
	struct tm	 tm;
	char		 when[32];
	size_t		 i;

	if (!isatty(STDERR_FILENO))
		return;
	localtime_r(&e->time.utc, &tm);
	strftime(when, sizeof(when), e->time.allday ? "%Y-%m-%d" :
	    "%Y-%m-%d %H:%M", &tm);
	fprintf(stderr, "%s: wrote %s, %s%s", getprogname(), e->id, when,
	    e->starred ? ", starred" : "");
	for (i = 0; i < e->ntags; i++)
		fprintf(stderr, " @%s", e->tags[i]);
	fputc('\n', stderr);
}


/* Append a new entry to the journal, or exit saying why not. */
static void
append_entry(struct jentry *e)
{
	char	*rec;
	size_t	 len;
	int	 rv, saved;

	rec = entry_record(e, &len);
	rv = journal_append(journal_path, rec, len);
	saved = errno;
	free(rec);
	errno = saved;
	if (rv == -1)
		write_failed(journal_path, "this journal", "write to");
}


/*
 * The text of a template for the editor, NAME in the templates directory,
 * followed by what came on stdin if anything; exits saying where it was
 * looked for if there is no such template.
 */
static char *
load_template(const char *name, char *initial, size_t *ilenp)
{
	char	*dir, *path, *text, *both;
	size_t	 len;

	if (*name == '\0' || *name == '.' || strchr(name, '/') != NULL)
		errx(EXIT_TROUBLE, "template %s: a name in the templates "
		    "directory, without /", name);
	dir = xdg_dir("XDG_CONFIG_HOME", ".config", "rapport/templates");
	xasprintf(&path, "%s/%s", dir, name);
	if (file_read(path, &text, &len) == -1)
		err(EXIT_TROUBLE, "template %s", path);
	free(path);
	free(dir);
	if (len == 0) {
		free(text);
		return initial;
	}
	if (initial == NULL) {
		*ilenp = len;
		return text;
	}
	/* What came on stdin, a prompt say, stays at the top. */
	xasprintf(&both, "%.*s%s\n%.*s", (int)*ilenp, initial,
	    initial[*ilenp - 1] == '\n' ? "" : "\n", (int)len, text);
	*ilenp = strlen(both);
	free(initial);
	free(text);
	return both;
}


/*
 * Write an entry: the text of the arguments, or stdin, or what the user
 * writes in the editor, appended without reading the journal.
 */
int
cmd_write(int argc, char **argv)
{
	struct jentry	 e;
	const char	*date = NULL, *template = NULL;
	char		*text = NULL, *initial = NULL, *p;
	size_t		 len = 0, ilen = 0;
	time_t		 now;
	int		 ch, i, status = 0;
	bool		 eflag = false, verbatim, piped;

	jentry_init(&e);
	optind = 1;
	while ((ch = getopt_long(argc, argv, "d:ef:r:st:", write_opts,
	    NULL)) != -1) {
		switch (ch) {
		case 'd':
			date = optarg;
			break;
		case 'e':
			eflag = true;
			break;
		case 'f':
			journal_path = optarg;
			break;
		case OPT_FUTURE:
			future = true;
			break;
		case OPT_TEMPLATE:
			template = optarg;
			eflag = true;
			break;
		case 'r':
			entry_add_rating(&e, optarg);
			break;
		case 's':
			e.starred = true;
			break;
		case 't':
			entry_add_tag(&e, optarg);
			break;
		default:
			usage();
		}
	}
	/* After --, the text is written as typed. */
	verbatim = optind > 1 && strcmp(argv[optind - 1], "--") == 0;
	argc -= optind;
	argv += optind;
	journal_path = which_journal(&config, journal_path);
	now = now_or_exit();
	stamp(&e, date, now);
	journal_new_id(e.id);

	if (argc > 0 && !eflag) {
		for (i = 0; i < argc; i++)
			len += strlen(argv[i]) + 1;
		text = p = xmalloc(len + 1);
		for (i = 0; i < argc; i++)
			p += sprintf(p, "%s%s", argv[i], i + 1 < argc ?
			    " " : "\n");
		if (date == NULL && !verbatim) {
			p = stamp_prefix(&e, text, now);
			free(text);
			text = p;
			len = strlen(text);
		}
	} else if (!eflag && !isatty(STDIN_FILENO))
		text = read_stream(stdin, &len);
	else {
		if (argc > 0)
			errx(EXIT_TROUBLE, "-e takes its text from stdin, not "
			    "from arguments");
		if (!isatty(STDIN_FILENO))
			initial = read_stream(stdin, &ilen);
		if (ilen == 0) {
			free(initial);
			initial = NULL;
		}
		if (initial != NULL && !blank(initial, ilen))
			find_prompt(initial, ilen, &e);
		if (template == NULL)
			template = config_get(&config, "journal", "template");
		/* The editor reads the terminal if stdin brought text. */
		piped = initial != NULL;
		if (template != NULL)
			initial = load_template(template, initial, &ilen);
		if ((text = run_editor(initial, ilen, piped, TEMPLATE,
		    &len)) == NULL) {
			status = EXIT_TROUBLE;
			goto out;
		}
		if (initial != NULL && len == ilen + (initial[ilen - 1] !=
		    '\n') && strncmp(text, initial, ilen) == 0) {
			warnx("the entry was not changed; nothing was written");
			status = EXIT_NOMATCH;
			goto out;
		}
	}
	if (blank(text, len)) {
		warnx("the entry is empty; nothing was written");
		status = EXIT_NOMATCH;
		goto out;
	}
	check_text(text, len);
	add_inline_tags(&e, text, len);
	e.body = text;
	e.bodylen = len;
	text = NULL;
	append_entry(&e);
	say_written(&e);
out:
	free(text);
	free(initial);
	jentry_free(&e);
	return status;
}
