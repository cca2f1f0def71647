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

/* What edit changes without the editor, in the order of journal(1). */
struct changes {
	const char	 *date;		/* -d: the new timestamp */
	int		  star;		/* -s: 1, --unstar: 0, else -1 */
	const char	**drop;		/* --untag */
	size_t		  ndrop;
	const char	**add;		/* -t */
	size_t		  nadd;
	const char	**rate;		/* -r KEY=VALUE, replacing KEY's */
	size_t		  nrate;
};

/* An entry edited with others: its id, its record and its text. */
struct block {
	char		 id[JOURNAL_ID_MAX + 1];
	char		*raw;		/* the record, to be found again */
	size_t		 rawlen;
	struct jentry	 entry;		/* with the text as it comes back */
	char		*was;		/* the text as it was */
	size_t		 waslen;
	bool		 seen;		/* its line came back from the editor */
};

#define SET_TEMPLATE \
    "%1$s Change the text of any entry below the line that starts it, " \
    "which\n" \
    "%1$s starts with %%%%=, then save and quit.  Each entry changed is " \
    "written\n" \
    "%1$s as an edit; the others are left as they are.  An entry whose " \
    "text is\n" \
    "%1$s removed or emptied is not deleted: journal delete deletes.  " \
    "Lines\n" \
    "%1$s starting with %1$s are left out.\n"

static char	*read_stream(FILE *, size_t *);
static void	 cleanup_edit(void);
static void	 on_signal(int);
static char	*comment_marker(const char *, size_t, int);
static bool	 marked(const char *, size_t, size_t, int);
static bool	 in_path(const char *);
static const char *which_editor(void);
static char	*run_editor(const char *, size_t, bool, const char *,
		    size_t *);
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
static char	*load_template(const char *, char *, size_t *);
static void	 say_written(const struct jentry *);
static void	 append_entry(struct jentry *);
static void	 id_at(FILE *, off_t, char *);
static void	 keep_text(const char *, const char *, size_t);
static void	 set_rating(struct jentry *, const char *);
static void	 drop_tag(struct jentry *, const char *, const char *);
static bool	 apply_changes(struct jentry *, const struct changes *);
static int	 edit_fields(const char *, const struct changes *);
static int	 edit_text(const char *);
static char	*set_text(FILE *, struct jhit *, size_t, struct block **,
		    size_t *);
static struct block *block_of(struct block *, size_t, const char *,
		    size_t);
static int	 edit_set(const struct jfilter *);

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
 * text comes back from the editor as it went in, whatever it holds.  With
 * = for #, the lines that part the entries edited together.
 */
static char *
comment_marker(const char *text, size_t len, int mark)
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
		for (n = 0; p + 2 + n < nl && p[2 + n] == mark; n++)
			;
		if (n > most)
			most = n;
	}
	marker = xmalloc(most + 4);
	memcpy(marker, "%%", 2);
	memset(marker + 2, mark, most + 1);
	marker[most + 3] = '\0';
	return marker;
}

/*
 * Whether the len bytes at p start with the comment_marker of length
 * mlen: %% and mlen - 2 of mark.
 */
static bool
marked(const char *p, size_t len, size_t mlen, int mark)
{
	size_t	 i;

	if (len < mlen || p[0] != '%' || p[1] != '%')
		return false;
	for (i = 2; i < mlen; i++)
		if (p[i] != mark)
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
 * on initial and then the template, a format given the comment_marker
 * that starts each of its lines.  The file is private, in a
 * private directory beside the journal, and removed on every way out.
 * With from_tty, the editor's input is the terminal even when stdin was a
 * pipe.  Returns the text with the template's lines left out (those
 * marked with comment_marker), or NULL if the editor failed.
 */
static char *
run_editor(const char *initial, size_t ilen, bool from_tty,
    const char *template, size_t *lenp)
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
	marker = comment_marker(initial, ilen, '#');
	mlen = strlen(marker);
	fprintf(fp, template, marker);
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
		if (marked(p, (size_t)(text + len - p), mlen, '#'))
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
		set_stamp(e, &pt, now, head);
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

/*
 * The options of delete: list's filters, by the letters of list_opts in
 * cmd/journal-read.c, and -y.
 */
static const struct option delete_opts[] = {
	{ "anniversary", no_argument,		NULL,	'A' },
	{ "any-tag",	required_argument,	NULL,	'Y' },
	{ "case-sensitive", no_argument,	NULL,	'I' },
	{ "file",	required_argument,	NULL,	'f' },
	{ "grep",	required_argument,	NULL,	'g' },
	{ "ignore-case", no_argument,		NULL,	'i' },
	{ "not-tag",	required_argument,	NULL,	'T' },
	{ "on",		required_argument,	NULL,	'O' },
	{ "rating",	required_argument,	NULL,	'R' },
	{ "since",	required_argument,	NULL,	'S' },
	{ "starred",	no_argument,		NULL,	's' },
	{ "tag",	required_argument,	NULL,	't' },
	{ "until",	required_argument,	NULL,	'U' },
	{ "yes",	no_argument,		NULL,	'y' },
	{ NULL,		0,			NULL,	0 }
};

/* The id of the entry at an offset, or exit. */
static void
id_at(FILE *fp, off_t where, char *id)
{
	struct jreader	 r;
	struct jevent	 ev;

	if (fseeko(fp, where, SEEK_SET) == -1)
		err(EXIT_TROUBLE, "%s", journal_path);
	jreader_init(&r, journal_path, fp);
	if (jreader_next(&r, &ev) != 1 || ev.kind != JREC_ENTRY)
		errx(EXIT_TROUBLE, "%s: an entry cannot be read again",
		    journal_path);
	strlcpy(id, ev.entry.id, JOURNAL_ID_MAX + 1);
	jreader_free(&r);
}

/*
 * Whether the user, on the terminal of stdin, says yes to a question
 * written on stderr; anything but y or yes is no.
 */
bool
confirm(const char *question)
{
	char	 line[16];

	fprintf(stderr, "%s [y/N] ", question);
	fflush(stderr);
	if (fgets(line, sizeof(line), stdin) == NULL)
		return false;
	line[strcspn(line, "\n")] = '\0';
	return strcasecmp(line, "y") == 0 || strcasecmp(line, "yes") == 0;
}

/*
 * Delete entries, named by their ids or chosen by list's filters: show
 * them, one line each, ask on a terminal unless -y, and append a
 * tombstone for each, as of now.  An entry edited or deleted since it
 * was shown is left as it is.
 */
int
cmd_delete(int argc, char **argv)
{
	struct filters	 fs;
	struct jhit	*hits = NULL;
	char		 ts[32], again[JOURNAL_ID_MAX + 1], *q, *rec;
	char		(*ids)[JOURNAL_ID_MAX + 1];
	struct jbuf	 recs;
	size_t		 n = 0, i, j, done = 0;
	time_t		 now;
	FILE		*fp;
	int		 ch, lfd;
	bool		 yes = false;

	filters_init(&fs);
	optind = 1;
	while ((ch = getopt_long(argc, argv, "f:g:iIst:T:y", delete_opts,
	    NULL)) != -1) {
		if (filter_option(&fs, ch, optarg))
			continue;
		if (ch == 'f')
			journal_path = optarg;
		else if (ch == 'y')
			yes = true;
		else
			usage();
	}
	argc -= optind;
	argv += optind;
	if (argc == 0 && !fs.any)
		usage();
	if (argc > 0 && fs.any)
		errx(EXIT_TROUBLE, "delete takes ids or filters, not both");
	filters_ready(&fs);
	journal_path = which_journal(&config, journal_path);
	if ((fp = open_journal(journal_path, true)) == NULL) {
		if (argc > 0)
			errx(EXIT_NOMATCH, "no entry %s: %s is empty",
			    argv[0], journal_path);
		errx(EXIT_NOMATCH, "no entries yet in %s", journal_path);
	}
	if (argc > 0) {
		hits = xreallocarray(NULL, argc, sizeof(*hits));
		for (i = 0; i < (size_t)argc; i++) {
			memset(&hits[n], 0, sizeof(hits[n]));
			hits[n].offset = find_entry(fp, argv[i], again, false);
			for (j = 0; j < n; j++)
				if (hits[j].offset == hits[n].offset)
					break;
			if (j == n)
				n++;
		}
	} else if (journal_collect(fp, journal_path, &fs.f, false, &hits, &n,
	    report_problem, NULL) == -1)
		err(EXIT_TROUBLE, "%s", journal_path);
	filters_free(&fs);
	if (n == 0) {
		warnx("no entry matched in %s; nothing was deleted",
		    journal_path);
		fclose(fp);
		free(hits);
		return EXIT_NOMATCH;
	}
	ids = xreallocarray(NULL, n, sizeof(*ids));
	for (i = 0; i < n; i++)
		id_at(fp, hits[i].offset, ids[i]);
	print_short_at(fp, hits, n);
	free(hits);
	fclose(fp);
	if (!yes) {
		if (!isatty(STDIN_FILENO))
			errx(EXIT_TROUBLE, "not on a terminal, delete does not "
			    "ask: add -y to delete %s; nothing was deleted",
			    n == 1 ? "this entry" : "these entries");
		if (n == 1)
			q = xstrdup("Delete this entry?");
		else
			xasprintf(&q, "Delete these %zu entries?", n);
		yes = confirm(q);
		free(q);
		if (!yes) {
			warnx("nothing was deleted");
			free(ids);
			return EXIT_NOMATCH;
		}
	}

	/* Still the same entries, under the lock? */
	now = now_or_exit();
	journal_format_time(now, false, ts, sizeof(ts));
	memset(&recs, 0, sizeof(recs));
	if ((lfd = journal_lock(journal_path)) == -1)
		write_failed(journal_path, "this journal", "write to");
	if ((fp = open_journal(journal_path, true)) == NULL)
		errx(EXIT_TROUBLE, "%s: %s", journal_path, strerror(ENOENT));
	for (i = 0; i < n; i++) {
		if (find_entry(fp, ids[i], again, true) == -1 ||
		    strcmp(again, ids[i]) != 0) {
			warnx("entry %s was edited or deleted meanwhile; it "
			    "was not deleted", ids[i]);
			continue;
		}
		xasprintf(&rec, "%%%%delete %s %s\n", ids[i], ts);
		jbuf_add(&recs, rec, strlen(rec));
		free(rec);
		done++;
	}
	fclose(fp);
	if (done > 0 && journal_append_locked(journal_path, recs.s,
	    recs.len) == -1)
		write_failed(journal_path, "this journal", "write to");
	close(lfd);
	free(recs.s);
	free(ids);
	return done == n ? 0 : EXIT_TROUBLE;
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

/* Options of edit without a letter, past those of journal.h. */
enum edit_long {
	OPT_UNSTAR = OPT_STRICT + 1,
	OPT_UNTAG
};

/*
 * The options of edit: those that change an entry's fields, and list's
 * filters, but --rating, by the letters of list_opts in
 * cmd/journal-read.c.  -s and -t change the entry of an id, and without
 * one choose the entries, as list's -s and -t do.
 */
static const struct option edit_opts[] = {
	{ "anniversary", no_argument,		NULL,	'A' },
	{ "any-tag",	required_argument,	NULL,	'Y' },
	{ "case-sensitive", no_argument,	NULL,	'I' },
	{ "date",	required_argument,	NULL,	'd' },
	{ "file",	required_argument,	NULL,	'f' },
	{ "grep",	required_argument,	NULL,	'g' },
	{ "ignore-case", no_argument,		NULL,	'i' },
	{ "not-tag",	required_argument,	NULL,	'T' },
	{ "on",		required_argument,	NULL,	'O' },
	{ "rating",	required_argument,	NULL,	'r' },
	{ "since",	required_argument,	NULL,	'S' },
	{ "star",	no_argument,		NULL,	's' },
	{ "tag",	required_argument,	NULL,	't' },
	{ "until",	required_argument,	NULL,	'U' },
	{ "unstar",	no_argument,		NULL,	OPT_UNSTAR },
	{ "untag",	required_argument,	NULL,	OPT_UNTAG },
	{ NULL,		0,			NULL,	0 }
};

/*
 * Edit an entry: with -d, -s, --unstar, -t, --untag or -r, change only
 * those fields, else its text in the editor.  Either way the result is a
 * new entry that supersedes the old one.  Without an id, edit the text
 * of the entries that pass list's filters together in the editor.
 */
int
cmd_edit(int argc, char **argv)
{
	struct filters	 fs;
	struct changes	 c;
	int		 ch, status;
	bool		 fields = false, idonly = false, filtered = false;

	memset(&c, 0, sizeof(c));
	c.star = -1;
	filters_init(&fs);
	optind = 1;
	while ((ch = getopt_long(argc, argv, "d:f:g:iIr:st:T:", edit_opts,
	    NULL)) != -1) {
		if (ch != 's' && ch != 't' && filter_option(&fs, ch,
		    optarg)) {
			filtered = true;
			continue;
		}
		switch (ch) {
		case 'd':
			c.date = optarg;
			idonly = true;
			break;
		case 'f':
			journal_path = optarg;
			continue;
		case 'r':
			c.rate = xreallocarray(c.rate, c.nrate + 1,
			    sizeof(*c.rate));
			c.rate[c.nrate++] = optarg;
			idonly = true;
			break;
		case 's':
			c.star = 1;
			filter_option(&fs, ch, optarg);
			break;
		case OPT_UNSTAR:
			c.star = 0;
			idonly = true;
			break;
		case 't':
			c.add = xreallocarray(c.add, c.nadd + 1,
			    sizeof(*c.add));
			c.add[c.nadd++] = optarg;
			filter_option(&fs, ch, optarg);
			break;
		case OPT_UNTAG:
			c.drop = xreallocarray(c.drop, c.ndrop + 1,
			    sizeof(*c.drop));
			c.drop[c.ndrop++] = optarg;
			idonly = true;
			break;
		default:
			usage();
		}
		fields = true;
	}
	if (argc - optind > 1 || (argc == optind && !fs.any))
		usage();
	if (argc - optind == 1 && filtered)
		errx(EXIT_TROUBLE, "edit takes an id or filters, not both");
	if (argc == optind && idonly)
		errx(EXIT_TROUBLE, "-d, -r, --unstar and --untag change the "
		    "entry of an id; without one, edit takes list's filters");
	journal_path = which_journal(&config, journal_path);
	if (argc == optind) {
		filters_ready(&fs);
		status = edit_set(&fs.f);
	} else if (fields)
		status = edit_fields(argv[optind], &c);
	else
		status = edit_text(argv[optind]);
	filters_free(&fs);
	free(c.rate);
	free(c.add);
	free(c.drop);
	return status;
}

/* Copy an entry's fields and text, to be changed into a new entry. */
void
copy_entry(struct jentry *e, const struct jentry *from)
{
	size_t	 i;

	jentry_init(e);
	strlcpy(e->ts, from->ts, sizeof(e->ts));
	e->starred = from->starred;
	strlcpy(e->prompt, from->prompt, sizeof(e->prompt));
	for (i = 0; i < from->ntags; i++)
		add_tag(e, from->tags[i]);
	e->ratings = xreallocarray(NULL, from->nratings + 1,
	    sizeof(*e->ratings));
	if (from->nratings > 0)
		memcpy(e->ratings, from->ratings, from->nratings *
		    sizeof(*e->ratings));
	e->nratings = from->nratings;
	e->body = xmalloc(from->bodylen + 1);
	memcpy(e->body, from->body, from->bodylen);
	e->body[from->bodylen] = '\0';
	e->bodylen = from->bodylen;
}

/* Give an entry the rating KEY=VALUE, in place of any it had for KEY. */
static void
set_rating(struct jentry *e, const char *kv)
{
	size_t	 i, klen;

	klen = strcspn(kv, "=");
	for (i = 0; i < e->nratings; i++)
		if (strlen(e->ratings[i].key) == klen &&
		    strncmp(e->ratings[i].key, kv, klen) == 0) {
			memmove(&e->ratings[i], &e->ratings[i + 1],
			    (e->nratings - i - 1) * sizeof(*e->ratings));
			e->nratings--;
			break;
		}
	add_rating(e, kv);
}

/*
 * Take a tag off an entry, or exit: a tag it does not have is a mistake
 * to be told, as a misspelt one would be.
 */
static void
drop_tag(struct jentry *e, const char *id, const char *tag)
{
	size_t	 i;

	if (tag[0] == '@')
		tag++;
	for (i = 0; i < e->ntags; i++)
		if (strcmp(e->tags[i], tag) == 0) {
			free(e->tags[i]);
			memmove(&e->tags[i], &e->tags[i + 1],
			    (e->ntags - i - 1) * sizeof(*e->tags));
			e->ntags--;
			return;
		}
	errx(EXIT_TROUBLE, "entry %s has no tag %s; nothing was written", id,
	    tag);
}

/*
 * Change an entry's fields as edit's options say; whether that changed
 * anything, as written.
 */
static bool
apply_changes(struct jentry *e, const struct changes *c)
{
	struct jpoint	 pt;
	char		 why[256], *before, *after;
	size_t		 blen, alen, i;
	bool		 changed;

	before = entry_record(e, &blen);
	if (c->date != NULL) {
		if (when_point(c->date, now_or_exit(),
		    config_week_start(&config, "journal"), &pt, why,
		    sizeof(why)) == -1)
			errx(EXIT_TROUBLE, "not a date journal understands: "
			    "%s: %s (see journal(1), DATES)", c->date, why);
		journal_format_time(pt.t, !pt.timed, e->ts, sizeof(e->ts));
	}
	if (c->star != -1)
		e->starred = c->star;
	for (i = 0; i < c->ndrop; i++)
		drop_tag(e, e->id, c->drop[i]);
	for (i = 0; i < c->nadd; i++)
		add_tag(e, c->add[i]);
	for (i = 0; i < c->nrate; i++)
		set_rating(e, c->rate[i]);
	after = entry_record(e, &alen);
	changed = alen != blen || memcmp(before, after, alen) != 0;
	free(before);
	free(after);
	return changed;
}

/*
 * Change an entry's fields without the editor.  The lock is held from
 * reading the entry to appending its successor, so that of two edits at
 * once the second reads what the first wrote.
 */
static int
edit_fields(const char *want, const struct changes *c)
{
	struct jreader	 r;
	struct jevent	 ev;
	struct jentry	 e;
	char		 id[JOURNAL_ID_MAX + 1], *rec;
	size_t		 reclen;
	FILE		*fp;
	int		 lfd;

	if ((lfd = journal_lock(journal_path)) == -1)
		write_failed(journal_path, "this journal", "write to");
	if ((fp = open_journal(journal_path, true)) == NULL)
		errx(EXIT_NOMATCH, "no entry %s: %s is empty", want,
		    journal_path);
	fseeko(fp, find_entry(fp, want, id, false), SEEK_SET);
	jreader_init(&r, journal_path, fp);
	if (jreader_next(&r, &ev) != 1 || ev.kind != JREC_ENTRY)
		errx(EXIT_TROUBLE, "%s: entry %s cannot be read", journal_path,
		    id);
	copy_entry(&e, &ev.entry);
	jreader_free(&r);
	fclose(fp);
	strlcpy(e.id, id, sizeof(e.id));
	if (!apply_changes(&e, c)) {
		close(lfd);
		warnx("entry %s was not changed; nothing was written", id);
		jentry_free(&e);
		return EXIT_NOMATCH;
	}
	journal_new_id(e.id);
	strlcpy(e.supersedes, id, sizeof(e.supersedes));
	rec = entry_record(&e, &reclen);
	if (journal_append_locked(journal_path, rec, reclen) == -1)
		write_failed(journal_path, "this journal", "write to");
	close(lfd);
	free(rec);
	jentry_free(&e);
	return 0;
}

/*
 * The text of the entries at these offsets, for the editor: each after a
 * line of its own that starts with the marker, a comment_marker with =,
 * and then names it, and before a blank line.  The entries, as they
 * were, in *blocksp.
 */
static char *
set_text(FILE *fp, struct jhit *hits, size_t n, struct block **blocksp,
    size_t *lenp)
{
	struct jreader	 r;
	struct jevent	 ev;
	struct jbuf	 b, bodies;
	struct block	*blocks;
	char		*marker, *line;
	size_t		 i, j;

	blocks = xreallocarray(NULL, n, sizeof(*blocks));
	memset(&bodies, 0, sizeof(bodies));
	for (i = 0; i < n; i++) {
		if (fseeko(fp, hits[i].offset, SEEK_SET) == -1)
			err(EXIT_TROUBLE, "%s", journal_path);
		jreader_init(&r, journal_path, fp);
		if (jreader_next(&r, &ev) != 1 || ev.kind != JREC_ENTRY)
			errx(EXIT_TROUBLE, "%s: an entry cannot be read again",
			    journal_path);
		memset(&blocks[i], 0, sizeof(blocks[i]));
		strlcpy(blocks[i].id, ev.entry.id, sizeof(blocks[i].id));
		blocks[i].raw = xstrndup(ev.raw, ev.rawlen);
		blocks[i].rawlen = ev.rawlen;
		copy_entry(&blocks[i].entry, &ev.entry);
		blocks[i].was = xstrndup(ev.entry.body, ev.entry.bodylen);
		blocks[i].waslen = ev.entry.bodylen;
		jbuf_add(&bodies, ev.entry.body, ev.entry.bodylen);
		jbuf_add(&bodies, "\n", 1);
		jreader_free(&r);
	}
	marker = comment_marker(bodies.s, bodies.len, '=');
	free(bodies.s);
	memset(&b, 0, sizeof(b));
	for (i = 0; i < n; i++) {
		xasprintf(&line, "%s %s %s%s", marker, blocks[i].id,
		    blocks[i].entry.ts, blocks[i].entry.starred ? " *" : "");
		jbuf_add(&b, line, strlen(line));
		free(line);
		for (j = 0; j < blocks[i].entry.ntags; j++) {
			jbuf_add(&b, " @", 2);
			jbuf_add(&b, blocks[i].entry.tags[j],
			    strlen(blocks[i].entry.tags[j]));
		}
		jbuf_add(&b, "\n", 1);
		jbuf_add(&b, blocks[i].entry.body, blocks[i].entry.bodylen);
		if (blocks[i].entry.bodylen > 0 &&
		    blocks[i].entry.body[blocks[i].entry.bodylen - 1] != '\n')
			jbuf_add(&b, "\n", 1);
		jbuf_add(&b, "\n", 1);
	}
	free(marker);
	*blocksp = blocks;
	*lenp = b.len;
	return b.s;
}

/* The block of the id on a marker line, or NULL if none has it. */
static struct block *
block_of(struct block *blocks, size_t n, const char *line, size_t len)
{
	size_t	 i, idlen;

	for (idlen = 0; idlen < len && line[idlen] != ' ' &&
	    line[idlen] != '\n'; idlen++)
		;
	for (i = 0; i < n; i++)
		if (strlen(blocks[i].id) == idlen &&
		    strncmp(blocks[i].id, line, idlen) == 0)
			return &blocks[i];
	return NULL;
}

/* Whether the record at an offset is still these bytes. */
bool
same_record(FILE *fp, off_t where, const char *raw, size_t rawlen)
{
	struct jreader	 r;
	struct jevent	 ev;
	bool		 same;

	if (fseeko(fp, where, SEEK_SET) == -1)
		err(EXIT_TROUBLE, "%s", journal_path);
	jreader_init(&r, journal_path, fp);
	same = jreader_next(&r, &ev) == 1 && ev.rawlen == rawlen &&
	    memcmp(ev.raw, raw, rawlen) == 0;
	jreader_free(&r);
	return same;
}

/*
 * Edit the text of the entries passing a filter together in the editor,
 * as jrnl does, and write an edit for each whose text changed.  A block
 * removed or emptied changes nothing.  Nothing is written if a marker
 * line was changed or repeated, or if an entry to be written changed
 * while the editor was open; the text is then kept in the editor's file.
 */
static int
edit_set(const struct jfilter *f)
{
	struct jhit	*hits;
	struct block	*blocks, *cur = NULL;
	struct jbuf	 recs;
	struct jentry	*e;
	char		*initial, *text, *marker, *p, *nl, *end, *rec;
	char		 again[JOURNAL_ID_MAX + 1];
	size_t		 n, ilen, len, mlen, i, reclen, changed = 0;
	off_t		 where;
	FILE		*fp;
	int		 lfd;
	const char	*why = NULL;

	if ((fp = open_journal(journal_path, true)) == NULL)
		errx(EXIT_NOMATCH, "no entries yet in %s", journal_path);
	if (journal_collect(fp, journal_path, f, false, &hits, &n,
	    report_problem, NULL) == -1)
		err(EXIT_TROUBLE, "%s", journal_path);
	if (n == 0) {
		warnx("no entry matched in %s", journal_path);
		fclose(fp);
		free(hits);
		return EXIT_NOMATCH;
	}
	initial = set_text(fp, hits, n, &blocks, &ilen);
	free(hits);
	fclose(fp);
	mlen = strcspn(initial, " ");
	marker = xstrndup(initial, mlen);
	if ((text = run_editor(initial, ilen, false, SET_TEMPLATE,
	    &len)) == NULL)
		exit(EXIT_TROUBLE);

	/* Each block's text, from its marker line to the next one. */
	end = text + len;
	for (p = text; p < end; p = nl + 1) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		if (marked(p, (size_t)(end - p), mlen, '=') &&
		    (size_t)(nl - p) > mlen && p[mlen] == ' ') {
			if ((cur = block_of(blocks, n, p + mlen + 1,
			    (size_t)(nl - p) - mlen - 1)) == NULL ||
			    cur->seen) {
				why = "a line starting with %%= was changed "
				    "or repeated";
				break;
			}
			cur->seen = true;
			cur->entry.bodylen = 0;
			continue;
		}
		if (cur == NULL) {
			if (nl > p) {
				why = "text came before the first entry";
				break;
			}
			continue;
		}
		e = &cur->entry;
		e->body = xreallocarray(e->body, e->bodylen + (size_t)(nl - p) +
		    2, 1);
		memcpy(e->body + e->bodylen, p, (size_t)(nl - p));
		e->bodylen += (size_t)(nl - p);
		if (nl < end)
			e->body[e->bodylen++] = '\n';
		e->body[e->bodylen] = '\0';
	}
	if (why != NULL) {
		edit_kept = true;
		errx(EXIT_TROUBLE, "%s; nothing was written; your text is in %s",
		    why, edit_file);
	}

	/* What changed, read again under the lock. */
	memset(&recs, 0, sizeof(recs));
	if ((lfd = journal_lock(journal_path)) == -1)
		write_failed(journal_path, "this journal", "write to");
	if ((fp = open_journal(journal_path, true)) == NULL)
		errx(EXIT_TROUBLE, "%s: %s", journal_path, strerror(ENOENT));
	for (i = 0; i < n; i++) {
		e = &blocks[i].entry;
		/* The blank line that parted it from the next. */
		if (e->bodylen >= 2 && e->body[e->bodylen - 1] == '\n' &&
		    e->body[e->bodylen - 2] == '\n')
			e->bodylen--;
		if (!blocks[i].seen || blank(e->body, e->bodylen))
			continue;
		if (e->bodylen == blocks[i].waslen + (blocks[i].waslen > 0 &&
		    blocks[i].was[blocks[i].waslen - 1] != '\n') &&
		    memcmp(e->body, blocks[i].was, blocks[i].waslen) == 0)
			continue;
		check_text(e->body, e->bodylen);
		where = find_entry(fp, blocks[i].id, again, true);
		if (where == -1 || strcmp(again, blocks[i].id) != 0 ||
		    !same_record(fp, where, blocks[i].raw, blocks[i].rawlen)) {
			close(lfd);
			edit_kept = true;
			errx(EXIT_TROUBLE, "entry %s changed while it was being "
			    "edited; nothing was written; your text is in %s",
			    blocks[i].id, edit_file);
		}
		journal_new_id(e->id);
		strlcpy(e->supersedes, blocks[i].id, sizeof(e->supersedes));
		rec = entry_record(e, &reclen);
		jbuf_add(&recs, rec, reclen);
		free(rec);
		changed++;
	}
	fclose(fp);
	if (changed > 0 && journal_append_locked(journal_path, recs.s,
	    recs.len) == -1)
		write_failed(journal_path, "this journal", "write to");
	close(lfd);
	if (changed == 0)
		warnx("no entry was changed; nothing was written");
	for (i = 0; i < n; i++) {
		free(blocks[i].raw);
		free(blocks[i].was);
		jentry_free(&blocks[i].entry);
	}
	free(blocks);
	free(recs.s);
	free(text);
	free(initial);
	free(marker);
	return changed > 0 ? 0 : EXIT_NOMATCH;
}

/*
 * Edit an entry's text in the editor: saved as a new entry that supersedes
 * it, and refused if the entry changed while the editor was open.  No lock
 * is held meanwhile; the entry is read again under the lock, before the
 * new one is appended, so that of two edits saved at once the second finds
 * the first and is refused too.
 */
static int
edit_text(const char *want)
{
	struct jreader	 r;
	struct jevent	 ev;
	struct jentry	 e;
	char		 id[JOURNAL_ID_MAX + 1], again[JOURNAL_ID_MAX + 1];
	char		*raw, *text, *rec;
	size_t		 rawlen, len, reclen;
	off_t		 where;
	FILE		*fp;
	int		 lfd;
	bool		 unchanged;

	if ((fp = open_journal(journal_path, true)) == NULL)
		errx(EXIT_NOMATCH, "no entry %s: %s is empty", want,
		    journal_path);
	where = find_entry(fp, want, id, false);
	fseeko(fp, where, SEEK_SET);
	jreader_init(&r, journal_path, fp);
	if (jreader_next(&r, &ev) != 1 || ev.kind != JREC_ENTRY)
		errx(EXIT_TROUBLE, "%s: entry %s cannot be read", journal_path,
		    id);
	raw = xstrndup(ev.raw, ev.rawlen);
	rawlen = ev.rawlen;
	copy_entry(&e, &ev.entry);
	free(e.body);
	e.body = NULL;
	e.bodylen = 0;
	text = run_editor(ev.entry.body, ev.entry.bodylen, false, TEMPLATE,
	    &len);
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
