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
 * journal's writing: a new entry from the arguments, stdin or the editor,
 * an entry edited into a new one that supersedes it, and a deletion.
 * Each appends to the journal and never rewrites it.
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

static char	*read_stream(FILE *, size_t *);
static void	 cleanup_edit(void);
static void	 on_signal(int);
static char	*comment_marker(const char *, size_t);
static bool	 marked(const char *, size_t, size_t);
static bool	 in_path(const char *);
static const char *which_editor(void);
static char	*run_editor(const char *, size_t, bool, size_t *);
static void	 check_text(const char *, size_t);
static bool	 blank(const char *, size_t);
static void	 find_prompt(const char *, size_t, struct jentry *);
static void	 add_inline_tags(struct jentry *, const char *, size_t);
static void	 add_tag(struct jentry *, const char *);
static void	 add_rating(struct jentry *, const char *);
static void	 set_stamp(struct jentry *, const struct jpoint *, time_t,
		    const char *);
static void	 stamp(struct jentry *, const char *, time_t);
static char	*stamp_prefix(struct jentry *, char *, time_t);
static char	*entry_record(struct jentry *, size_t *);
static char	*load_template(const char *, char *, size_t *);
static void	 say_written(const struct jentry *);
static void	 append_entry(struct jentry *);
static void	 keep_text(const char *, const char *, size_t);

/* How far ahead of the clock an entry may be dated without --future. */
#define FUTURE_GRACE	(5 * 60)

static bool	 future;		/* --future: dates ahead are meant */
static char	*edit_dir;		/* the editor's private directory */
static char	*edit_file;		/* the file in it that it edits */
static bool	 edit_kept;		/* both outlive us, with its text */

static char *
read_stream(FILE *fp, size_t *lenp)
{
	char	*buf = NULL;
	size_t	 cap = 0, len = 0, n;

	for (;;) {
		if (len == cap) {
			cap = cap == 0 ? 4096 : cap * 2;
			buf = xreallocarray(buf, cap, 1);
		}
		n = fread(buf + len, 1, cap - len, fp);
		len += n;
		if (n == 0) {
			if (ferror(fp))
				err(EXIT_TROUBLE, "stdin");
			break;
		}
	}
	*lenp = len;
	return buf;
}

static void
cleanup_edit(void)
{
	if (edit_kept)
		return;
	if (edit_file != NULL)
		unlink(edit_file);
	if (edit_dir != NULL)
		rmdir(edit_dir);
}

/* A signal while the editor's file exists: remove it, then die of it. */
static void
on_signal(int sig)
{
	cleanup_edit();
	signal(sig, SIG_DFL);
	raise(sig);
}

#define TEMPLATE \
    "%1$s Write your entry above these lines; lines starting with %1$s " \
    "are left out.\n" \
    "%1$s Save and quit to add it to the journal; an empty or unchanged " \
    "entry\n%1$s adds nothing.\n"

/*
 * The start of the template's lines: %%#, with as many more # as it takes
 * for no line of the text to start with it, so that every line of the
 * text comes back from the editor as it went in, whatever it holds.
 */
static char *
comment_marker(const char *text, size_t len)
{
	const char	*p, *end, *nl;
	char		*marker;
	size_t		 n, most = 0;

	/* No text, as for a new entry, may be NULL. */
	end = len > 0 ? text + len : text;
	for (p = text; p < end; p = nl + 1) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		if (nl - p < 3 || p[0] != '%' || p[1] != '%')
			continue;
		for (n = 0; p + 2 + n < nl && p[2 + n] == '#'; n++)
			;
		if (n > most)
			most = n;
	}
	marker = xmalloc(most + 4);
	memcpy(marker, "%%", 2);
	memset(marker + 2, '#', most + 1);
	marker[most + 3] = '\0';
	return marker;
}

/*
 * Whether the len bytes at p start with the comment_marker of length
 * mlen: %% and mlen - 2 #.
 */
static bool
marked(const char *p, size_t len, size_t mlen)
{
	size_t	 i;

	if (len < mlen || p[0] != '%' || p[1] != '%')
		return false;
	for (i = 2; i < mlen; i++)
		if (p[i] != '#')
			return false;
	return true;
}

/* Whether PATH holds an executable named name. */
static bool
in_path(const char *name)
{
	const char	*path, *p, *end;
	char		*file;
	bool		 found = false;

	if ((path = getenv("PATH")) == NULL)
		return false;
	for (p = path; !found; p = end + 1) {
		end = strchr(p, ':');
		if (end == NULL)
			end = p + strlen(p);
		/* An empty entry of PATH is the current directory. */
		xasprintf(&file, "%.*s/%s", end == p ? 1 : (int)(end - p),
		    end == p ? "." : p, name);
		found = access(file, X_OK) == 0;
		free(file);
		if (*end == '\0')
			break;
	}
	return found;
}

/*
 * The editor: $VISUAL, $EDITOR, the configuration's, or else the first of
 * Debian's sensible-editor, editor and vi found in PATH (a minimal Debian
 * has no vi); exits saying what to set if there is none.
 */
static const char *
which_editor(void)
{
	static const char *const fallbacks[] = {
		"sensible-editor", "editor", "vi"
	};
	const char	*editor;
	size_t		 i;

	if ((editor = getenv("VISUAL")) != NULL && *editor != '\0')
		return editor;
	if ((editor = getenv("EDITOR")) != NULL && *editor != '\0')
		return editor;
	if ((editor = config_get(&config, "journal", "editor")) != NULL)
		return editor;
	for (i = 0; i < sizeof(fallbacks) / sizeof(fallbacks[0]); i++)
		if (in_path(fallbacks[i]))
			return fallbacks[i];
	errx(EXIT_TROUBLE, "no editor: none of sensible-editor, editor and vi "
	    "is in PATH; set VISUAL or EDITOR, or editor in rapport-config(5); "
	    "nothing was written");
}

/*
 * Let the user write in $VISUAL or $EDITOR, run by the shell as git does,
 * on a template holding initial at its top.  The file is private, in a
 * private directory beside the journal, and removed on every way out.
 * With from_tty, the editor's input is the terminal even when stdin was a
 * pipe.  Returns the text with the template's lines left out (those
 * marked with comment_marker), or NULL if the editor failed.
 */
static char *
run_editor(const char *initial, size_t ilen, bool from_tty, size_t *lenp)
{
	struct sigaction sa;
	const char	*editor;
	char		*dir, *slash, *cmd, *text, *out, *nl, *p, *marker;
	size_t		 len, n, mlen;
	pid_t		 pid;
	FILE		*fp;
	int		 fd, status, tty;

	editor = which_editor();
	dir = xstrdup(journal_path);
	if ((slash = strrchr(dir, '/')) != NULL)
		*slash = '\0';
	if (slash == NULL) {
		free(dir);
		dir = xstrdup(".");
	}
	if (file_make_dirs(journal_path) == -1)
		err(EXIT_TROUBLE, "%s", dir);
	xasprintf(&edit_dir, "%s/.journal-edit.XXXXXX", dir);
	free(dir);
	if (mkdtemp(edit_dir) == NULL)
		err(EXIT_TROUBLE, "%s", edit_dir);
	xasprintf(&edit_file, "%s/entry.txt", edit_dir);
	atexit(cleanup_edit);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	if ((fd = open(edit_file, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
	    0600)) == -1 || (fp = fdopen(fd, "w")) == NULL)
		err(EXIT_TROUBLE, "%s", edit_file);
	if (ilen > 0) {
		fwrite(initial, 1, ilen, fp);
		if (initial[ilen - 1] != '\n')
			putc('\n', fp);
		putc('\n', fp);
	}
	/* Only its length is kept: no way out of the editor leaks it. */
	marker = comment_marker(initial, ilen);
	mlen = strlen(marker);
	fprintf(fp, TEMPLATE, marker);
	free(marker);
	if (fclose(fp) == EOF)
		err(EXIT_TROUBLE, "%s", edit_file);

	xasprintf(&cmd, "%s \"$@\"", editor);
	switch (pid = fork()) {
	case -1:
		err(EXIT_TROUBLE, "fork");
	case 0:
		/* The editor reads the terminal even when we read a pipe. */
		if (from_tty && !isatty(STDIN_FILENO)) {
			if ((tty = open("/dev/tty", O_RDWR)) == -1) {
				warn("no terminal for the editor: /dev/tty");
				_exit(127);
			}
			dup2(tty, STDIN_FILENO);
			close(tty);
		}
		execl("/bin/sh", "sh", "-c", cmd, editor, edit_file,
		    (char *)NULL);
		warn("/bin/sh");
		_exit(127);
	}
	signal(SIGINT, SIG_IGN);
	signal(SIGQUIT, SIG_IGN);
	while (waitpid(pid, &status, 0) == -1)
		if (errno != EINTR)
			err(EXIT_TROUBLE, "waitpid");
	sigaction(SIGINT, &sa, NULL);
	signal(SIGQUIT, SIG_DFL);
	free(cmd);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		warnx("the editor (%s) failed; nothing was written", editor);
		return NULL;
	}
	if (file_read(edit_file, &text, &len) == -1)
		err(EXIT_TROUBLE, "%s", edit_file);
	out = xmalloc(len + 1);
	for (p = text, n = 0; p < text + len; p = nl + 1) {
		if ((nl = memchr(p, '\n', (size_t)(text + len - p))) == NULL)
			nl = text + len - 1;
		if (marked(p, (size_t)(text + len - p), mlen))
			continue;
		memcpy(out + n, p, (size_t)(nl - p) + 1);
		n += (size_t)(nl - p) + 1;
	}
	free(text);
	/* The blank line the template put after the initial text. */
	if (ilen > 0 && n >= 2 && out[n - 1] == '\n' && out[n - 2] == '\n')
		n--;
	*lenp = n;
	return out;
}

/* A journal holds UTF-8 text: say where the text is not, and stop. */
static void
check_text(const char *s, size_t n)
{
	uint32_t	 cp;
	size_t		 i, k, line = 1;

	for (i = 0; i < n; i += k) {
		if (s[i] == '\n')
			line++;
		if (s[i] == '\0')
			errx(EXIT_TROUBLE, "line %zu of the text holds a NUL "
			    "byte; nothing was written", line);
		if ((k = utf8_decode(s + i, n - i, &cp)) == 0)
			errx(EXIT_TROUBLE, "line %zu of the text is not valid "
			    "UTF-8; nothing was written", line);
	}
}

static bool
blank(const char *s, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r')
			return false;
	return true;
}

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
			add_tag(e, tag);
		free(tag);
		i += n;
	}
}

/* Add a tag or a KEY=VALUE rating to an entry, or exit with why not. */
static void
add_tag(struct jentry *e, const char *tag)
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

static void
add_rating(struct jentry *e, const char *kv)
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
 * for ever.  Clocks that disagree by a few minutes are forgiven.
 */
static void
set_stamp(struct jentry *e, const struct jpoint *pt, time_t now,
    const char *phrase)
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
	set_stamp(e, &pt, now, label);
	free(label);
}

/*
 * jrnl's "yesterday: text": a date and a colon at the head of the text
 * date the entry, and are left out of it.  Words before a colon that
 * start as a date and then are not one are refused rather than guessed
 * at, saying how to write the text as it is.  Returns the text to write.
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
		set_stamp(e, &pt, now, head);
		free(head);
		return xstrdup(rest);
	case -1:
		errx(EXIT_TROUBLE, "%.*s: %s; nothing was written; to write "
		    "the text as it is: %s -- '%.*s...'", (int)strcspn(text,
		    ":"), text, why, getprogname(), (int)strcspn(text, ":") + 1,
		    text);
	}
	return xstrdup(text);
}

/*
 * The record of a new entry, read back before it is written, or exit
 * saying why not.
 */
static char *
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
			add_rating(&e, optarg);
			break;
		case 's':
			e.starred = true;
			break;
		case 't':
			add_tag(&e, optarg);
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
		if ((text = run_editor(initial, ilen, piped,
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

/* Delete an entry: append a record that says so, as of now. */
int
cmd_delete(int argc, char **argv)
{
	char	 id[JOURNAL_ID_MAX + 1], ts[32], *rec;
	time_t	 now;
	FILE	*fp;

	file_only(argc, argv, 1, NULL, NULL);
	if ((fp = open_journal(journal_path, true)) == NULL)
		errx(EXIT_NOMATCH, "no entry %s: %s is empty", argv[optind],
		    journal_path);
	find_entry(fp, argv[optind], id, false);
	fclose(fp);
	now = now_or_exit();
	journal_format_time(now, false, ts, sizeof(ts));
	xasprintf(&rec, "%%%%delete %s %s\n", id, ts);
	if (journal_append(journal_path, rec, strlen(rec)) == -1)
		write_failed(journal_path, "this journal", "write to");
	free(rec);
	return 0;
}

/*
 * Keep the text of a refused edit in JOURNAL.edit-ID, a side file that no
 * one else can have put there (file_open_side), and say where.  Where that
 * file cannot be used, the editor's own file, private in its private
 * directory, keeps the text instead, and stays.
 */
static void
keep_text(const char *id, const char *text, size_t len)
{
	char	*path;
	int	 fd, problem;
	bool	 written;

	xasprintf(&path, "%s.edit-%s", journal_path, id);
	if ((fd = file_open_side(path, O_WRONLY | O_TRUNC, &problem)) != -1) {
		written = file_write_all(fd, text, len) == 0;
		if (close(fd) == 0 && written) {
			warnx("entry %s changed while it was being edited; "
			    "nothing was written; your text is in %s", id,
			    path);
			free(path);
			return;
		}
	}
	if (problem != 0)
		warnx("%s: %s", path, file_side_advice(problem));
	else
		warn("%s", path);
	free(path);
	if ((fd = open(edit_file, O_WRONLY | O_TRUNC | O_CLOEXEC)) == -1 ||
	    file_write_all(fd, text, len) == -1 || close(fd) == -1)
		err(EXIT_TROUBLE, "entry %s changed while it was being edited, "
		    "and your text could not be kept in %s", id, edit_file);
	warnx("entry %s changed while it was being edited; nothing was "
	    "written; your text is in %s", id, edit_file);
	edit_kept = true;
}

/*
 * Edit an entry in the editor: saved as a new entry that supersedes it,
 * and refused if the entry changed while the editor was open.  No lock is
 * held meanwhile; the entry is read again under the lock, before the new
 * one is appended, so that of two edits saved at once the second finds
 * the first and is refused too.
 */
int
cmd_edit(int argc, char **argv)
{
	struct jreader	 r;
	struct jevent	 ev;
	struct jentry	 e;
	char		 id[JOURNAL_ID_MAX + 1], again[JOURNAL_ID_MAX + 1];
	char		*raw, *text, *rec;
	size_t		 rawlen, len, reclen, i;
	off_t		 where;
	FILE		*fp;
	int		 lfd;
	bool		 unchanged;

	file_only(argc, argv, 1, NULL, NULL);
	if ((fp = open_journal(journal_path, true)) == NULL)
		errx(EXIT_NOMATCH, "no entry %s: %s is empty", argv[optind],
		    journal_path);
	where = find_entry(fp, argv[optind], id, false);
	fseeko(fp, where, SEEK_SET);
	jreader_init(&r, journal_path, fp);
	if (jreader_next(&r, &ev) != 1 || ev.kind != JREC_ENTRY)
		errx(EXIT_TROUBLE, "%s: entry %s cannot be read", journal_path,
		    id);
	raw = xstrndup(ev.raw, ev.rawlen);
	rawlen = ev.rawlen;
	jentry_init(&e);
	strlcpy(e.ts, ev.entry.ts, sizeof(e.ts));
	e.starred = ev.entry.starred;
	strlcpy(e.prompt, ev.entry.prompt, sizeof(e.prompt));
	for (i = 0; i < ev.entry.ntags; i++)
		add_tag(&e, ev.entry.tags[i]);
	e.ratings = xreallocarray(NULL, ev.entry.nratings + 1,
	    sizeof(*e.ratings));
	if (ev.entry.nratings > 0)
		memcpy(e.ratings, ev.entry.ratings, ev.entry.nratings *
		    sizeof(*e.ratings));
	e.nratings = ev.entry.nratings;
	text = run_editor(ev.entry.body, ev.entry.bodylen, false, &len);
	unchanged = text != NULL && len == ev.entry.bodylen +
	    (ev.entry.bodylen > 0 && ev.entry.body[ev.entry.bodylen - 1] !=
	    '\n') && strncmp(text, ev.entry.body, ev.entry.bodylen) == 0;
	jreader_free(&r);
	fclose(fp);
	if (text == NULL || unchanged || blank(text, len)) {
		if (unchanged)
			warnx("entry %s was not changed; nothing was written",
			    id);
		else if (text != NULL)
			warnx("the entry is empty; nothing was written "
			    "(%s delete %s removes it)", getprogname(), id);
		free(text);
		free(raw);
		jentry_free(&e);
		return text == NULL ? EXIT_TROUBLE : EXIT_NOMATCH;
	}
	check_text(text, len);
	journal_new_id(e.id);
	strlcpy(e.supersedes, id, sizeof(e.supersedes));
	e.body = text;
	e.bodylen = len;
	rec = entry_record(&e, &reclen);

	/* Still the same entry, byte for byte, under the lock? */
	if ((lfd = journal_lock(journal_path)) == -1)
		write_failed(journal_path, "this journal", "write to");
	if ((fp = open_journal(journal_path, true)) == NULL)
		errx(EXIT_TROUBLE, "%s: %s", journal_path, strerror(ENOENT));
	where = find_entry(fp, id, again, true);
	if (where != -1)
		fseeko(fp, where, SEEK_SET);
	jreader_init(&r, journal_path, fp);
	if (where == -1 || strcmp(again, id) != 0 ||
	    jreader_next(&r, &ev) != 1 || ev.rawlen != rawlen ||
	    memcmp(ev.raw, raw, rawlen) != 0) {
		close(lfd);
		keep_text(id, text, len);
		exit(EXIT_TROUBLE);
	}
	jreader_free(&r);
	fclose(fp);
	if (journal_append_locked(journal_path, rec, reclen) == -1)
		write_failed(journal_path, "this journal", "write to");
	close(lfd);
	free(rec);
	jentry_free(&e);
	free(raw);
	return 0;
}
