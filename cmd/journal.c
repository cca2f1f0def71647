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
#include <sys/wait.h>

#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <locale.h>
#include <regex.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "rapport.h"

#define EXIT_NOMATCH	1
#define EXIT_TROUBLE	2

enum format { FORMAT_TEXT, FORMAT_RAW, FORMAT_JSONL, FORMAT_TSV,
    FORMAT_JRNL, FORMAT_MARKDOWN };

struct command {
	const char	*name;
	int		(*run)(int, char **);
};

extern const struct builtin	 builtin_prompts[];
extern const size_t		 builtin_prompts_count;

static int	 cmd_write(int, char **);
static int	 cmd_list(int, char **);
static int	 cmd_show(int, char **);
static int	 cmd_tags(int, char **);
static int	 cmd_stats(int, char **);
static int	 cmd_check(int, char **);
static int	 cmd_delete(int, char **);
static int	 cmd_edit(int, char **);
static int	 cmd_compact(int, char **);
static int	 cmd_merge(int, char **);
static int	 cmd_import(int, char **);
static int	 cmd_export(int, char **);
static __dead void usage(void);

static const struct command commands[] = {
	{ "add",	cmd_write },
	{ "check",	cmd_check },
	{ "compact",	cmd_compact },
	{ "delete",	cmd_delete },
	{ "edit",	cmd_edit },
	{ "export",	cmd_export },
	{ "import",	cmd_import },
	{ "list",	cmd_list },
	{ "merge",	cmd_merge },
	{ "show",	cmd_show },
	{ "stats",	cmd_stats },
	{ "tags",	cmd_tags },
};

static const char *journal_path;	/* -f, JOURNAL_FILE or the default */
static struct config config;		/* rapport-config(5) */
static char	*edit_dir;		/* the editor's private directory */
static char	*edit_file;

#define USAGE \
"usage: %1$s [-es] [-d date] [-f file] [-r key=value] [-t tag] [text ...]\n" \
"       %1$s list [-is] [-f file] [-g pattern] [-n count] [-t tag]\n" \
"               [--format format] [--rating expr] [--since date]\n" \
"               [--until date]\n" \
"       %1$s show [-f file] [--format format] id\n" \
"       %1$s tags | stats | compact [-f file]\n" \
"       %1$s check [-f file] [--repair] [--strict]\n" \
"       %1$s edit | delete [-f file] id\n" \
"       %1$s merge [-f file] other\n" \
"       %1$s import [-f file] --from jrnl file\n" \
"       %1$s export [-f file] --format jrnl|markdown|jsonl\n"

static __dead void
usage(void)
{
	fprintf(stderr, USAGE, getprogname());
	exit(EXIT_TROUBLE);
}

static void
finish_stdout(void)
{
	if (fflush(stdout) == EOF || ferror(stdout))
		err(EXIT_TROUBLE, "stdout");
}

/*
 * The journal: -f, then JOURNAL_FILE, then the configuration's, then
 * under XDG_DATA_HOME.
 */
static const char *
path_of(const char *flag)
{
	static char	*dflt;
	const char	*v;

	if (flag != NULL)
		return flag;
	if ((v = getenv("JOURNAL_FILE")) != NULL && *v != '\0')
		return v;
	if (dflt == NULL && (v = config_get(&config, "journal", "file")) !=
	    NULL && (dflt = config_path(v)) == NULL)
		errx(EXIT_TROUBLE, "%s: ~/ needs HOME to be an absolute path",
		    v);
	if (dflt == NULL && (dflt = xdg_dir("XDG_DATA_HOME", ".local/share",
	    "rapport/journal")) == NULL)
		errx(EXIT_TROUBLE, "no journal: set HOME, XDG_DATA_HOME or "
		    "JOURNAL_FILE, or use -f");
	return dflt;
}

/*
 * journal keeps a private plain-text journal: it appends entries without
 * ever rewriting the file, and lists, checks, merges and exports them.
 */
int
main(int argc, char *argv[])
{
	size_t	 i;
	char	 msg[ERRBUF_SIZE];

	/* Past a file size limit, write fails and the append is undone. */
	signal(SIGXFSZ, SIG_IGN);
	if (config_load(&config, msg, sizeof(msg)) == -1)
		errx(EXIT_TROUBLE, "%s", msg);

	if (argc > 1 && (strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "--help") == 0)) {
		printf(USAGE, getprogname());
		finish_stdout();
		return 0;
	}
	if (argc > 1 && (strcmp(argv[1], "-V") == 0 ||
	    strcmp(argv[1], "--version") == 0)) {
		printf("journal (%s) %s\n", PACKAGE_NAME, PACKAGE_VERSION);
		finish_stdout();
		return 0;
	}
	/* The journal may be named before the subcommand: -f file list. */
	/*
	 * getopt names argv[0] in its messages: the program, not the command.
	 */
	if (argc > 3 && (strcmp(argv[1], "-f") == 0 ||
	    strcmp(argv[1], "--file") == 0))
		for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
			if (strcmp(argv[3], commands[i].name) == 0) {
				journal_path = argv[2];
				argv[3] = argv[0];
				return commands[i].run(argc - 3, argv + 3);
			}
	if (argc > 1)
		for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
			if (strcmp(argv[1], commands[i].name) == 0) {
				argv[1] = argv[0];
				return commands[i].run(argc - 1, argv + 1);
			}
	return cmd_write(argc, argv);
}

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
    "%%# Write your entry above these lines; lines starting with %%# " \
    "are left out.\n" \
    "%%# Save and quit to add it to the journal; an empty or unchanged " \
    "entry adds\n%%# nothing.\n"

/*
 * Let the user write in $VISUAL or $EDITOR, run by the shell as git does,
 * on a template holding initial at its top.  The file is private, in a
 * private directory beside the journal, and removed on every way out.
 * With from_tty, the editor's input is the terminal even when stdin was a
 * pipe.  Returns the text with template lines left out, or NULL if the
 * editor failed.
 */
static char *
run_editor(const char *initial, size_t ilen, bool from_tty, size_t *lenp)
{
	struct sigaction sa;
	const char	*editor;
	char		*dir, *slash, *cmd, *text, *out, *nl, *p;
	size_t		 len, n;
	pid_t		 pid;
	FILE		*fp;
	int		 fd, status, tty;

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
	fputs(TEMPLATE, fp);
	if (fclose(fp) == EOF)
		err(EXIT_TROUBLE, "%s", edit_file);

	if ((editor = getenv("VISUAL")) == NULL || *editor == '\0')
		if ((editor = getenv("EDITOR")) == NULL || *editor == '\0')
			if ((editor = config_get(&config, "journal",
			    "editor")) == NULL)
				editor = "vi";
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
		if (strncmp(p, "%%#", 3) == 0)
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
 * The id of the prompt that text is, when it is one of the collection's:
 * so that two partners' answers to one prompt can be found together.
 */
static bool
find_prompt(const char *text, size_t len, char *id)
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
		snprintf(id, 9, "%08x", (unsigned int)want);
	return found;
}

static const struct option write_opts[] = {
	{ "date",	required_argument,	NULL,	'd' },
	{ "edit",	no_argument,		NULL,	'e' },
	{ "file",	required_argument,	NULL,	'f' },
	{ "rating",	required_argument,	NULL,	'r' },
	{ "star",	no_argument,		NULL,	's' },
	{ "tag",	required_argument,	NULL,	't' },
	{ NULL,		0,			NULL,	0 }
};

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

/* The timestamp of a new entry: now, or the day or instant of -d. */
static void
stamp(struct jentry *e, const char *date)
{
	struct jrange	 r;
	time_t		 now;

	if (when_now(&now) == -1)
		errx(EXIT_TROUBLE, "JOURNAL_NOW is not an RFC 3339 timestamp "
		    "or a date: %s", getenv("JOURNAL_NOW"));
	if (date == NULL) {
		journal_format_time(now, false, e->ts, sizeof(e->ts));
		return;
	}
	if (when_parse(date, now, config_week_start(&config, "journal"),
	    &r) == -1)
		errx(EXIT_TROUBLE, "not a date journal understands: %s (see "
		    "journal(1), DATES)", date);
	journal_format_time(r.start, r.allday, e->ts, sizeof(e->ts));
}

static __dead void
append_failed(void)
{
	struct stat	 st;
	int		 problem;

	if (errno == EPERM && stat(journal_path, &st) == 0 &&
	    (problem = file_private(&st)) != 0)
		errx(EXIT_TROUBLE, "%s: %s", journal_path,
		    file_private_advice(problem));
	if (errno == ENOTSUP)
		errx(EXIT_TROUBLE, "%s: a journal of a later version; this "
		    "journal does not write to it", journal_path);
	if (errno == EINVAL)
		errx(EXIT_TROUBLE, "%s: not a regular file", journal_path);
	err(EXIT_TROUBLE, "%s", journal_path);
}

static int
append_entry(struct jentry *e)
{
	char	*rec;
	size_t	 len;

	if (journal_parse_time(e->ts, &e->time) == -1)
		errx(EXIT_TROUBLE, "bad timestamp %s", e->ts);
	if (journal_format_entry(e, &rec, &len) == -1)
		errx(EXIT_TROUBLE, "the entry would not read back as written; "
		    "nothing was written");
	if (journal_append(journal_path, rec, len) == -1)
		append_failed();
	free(rec);
	return 0;
}

/*
 * Write an entry: the text of the arguments, or stdin, or what the user
 * writes in the editor, appended without reading the journal.
 */
static int
cmd_write(int argc, char **argv)
{
	struct jentry	 e;
	const char	*date = NULL;
	char		*text = NULL, *initial = NULL, *p;
	size_t		 len = 0, ilen = 0;
	int		 ch, i, status = 0;
	bool		 eflag = false;

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
	argc -= optind;
	argv += optind;
	journal_path = path_of(journal_path);
	stamp(&e, date);
	journal_new_id(e.id);

	if (argc > 0 && !eflag) {
		for (i = 0; i < argc; i++)
			len += strlen(argv[i]) + 1;
		text = p = xmalloc(len + 1);
		for (i = 0; i < argc; i++)
			p += sprintf(p, "%s%s", argv[i], i + 1 < argc ?
			    " " : "\n");
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
		if (initial != NULL && !blank(initial, ilen) &&
		    find_prompt(initial, ilen, e.prompt) == false)
			e.prompt[0] = '\0';
		if ((text = run_editor(initial, ilen, initial != NULL,
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
	e.body = text;
	e.bodylen = len;
	text = NULL;
	append_entry(&e);
out:
	free(text);
	free(initial);
	jentry_free(&e);
	return status;
}

static FILE *
open_journal(const char *path, bool missing_ok)
{
	struct stat	 st;
	FILE		*fp;
	int		 fd, problem;

	if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)) == -1) {
		if (errno == ENOENT && lstat(path, &st) == 0 &&
		    S_ISLNK(st.st_mode))
			errx(EXIT_TROUBLE, "%s: a symbolic link to a file that "
			    "does not exist", path);
		if (errno == ENOENT && missing_ok)
			return NULL;
		err(EXIT_TROUBLE, "%s", path);
	}
	if (fstat(fd, &st) == -1)
		err(EXIT_TROUBLE, "%s", path);
	if (!S_ISREG(st.st_mode))
		errx(EXIT_TROUBLE, "%s: %s", path, S_ISDIR(st.st_mode) ?
		    "is a directory" : "not a regular file");
	if ((problem = file_private(&st)) != 0)
		errx(EXIT_TROUBLE, "%s: %s", path,
		    file_private_advice(problem));
	if ((fp = fdopen(fd, "r")) == NULL)
		err(EXIT_TROUBLE, "%s", path);
	return fp;
}

/* Another journal or a jrnl file to read: a file or a pipe. */
static FILE *
open_source(const char *path)
{
	struct stat	 st;
	FILE		*fp;

	if ((fp = fopen(path, "r")) == NULL)
		err(EXIT_TROUBLE, "%s", path);
	if (fstat(fileno(fp), &st) == 0 && S_ISDIR(st.st_mode))
		errx(EXIT_TROUBLE, "%s: is a directory", path);
	return fp;
}

static void
print_tsv_field(const char *s, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		switch (s[i]) {
		case '\\':
			fputs("\\\\", stdout);
			break;
		case '\t':
			fputs("\\t", stdout);
			break;
		case '\n':
			fputs("\\n", stdout);
			break;
		case '\r':
			fputs("\\r", stdout);
			break;
		default:
			putchar(s[i]);
		}
}

/* Print one entry in a format. */
static void
print_entry(const struct jevent *ev, enum format format)
{
	const struct jentry	*e = &ev->entry;
	char			 when[32], *head, *line;
	const char		*p, *end, *nl;
	size_t			 i;
	int			 mode;

	switch (format) {
	case FORMAT_RAW:
		fwrite(ev->raw, 1, ev->rawlen, stdout);
		break;
	case FORMAT_JSONL:
		printf("{\"id\":\"%s\",\"ts\":\"%s\",\"all_day\":%s,"
		    "\"starred\":%s,\"tags\":[", e->id, e->ts,
		    e->time.allday ? "true" : "false",
		    e->starred ? "true" : "false");
		for (i = 0; i < e->ntags; i++) {
			if (i > 0)
				putchar(',');
			json_write_string(stdout, e->tags[i],
			    strlen(e->tags[i]));
		}
		printf("],\"ratings\":{");
		for (i = 0; i < e->nratings; i++)
			printf("%s\"%s\":%.15g", i > 0 ? "," : "",
			    e->ratings[i].key, e->ratings[i].value);
		printf("},\"prompt\":");
		if (e->prompt[0] != '\0')
			printf("\"%s\"", e->prompt);
		else
			printf("null");
		printf(",\"supersedes\":");
		if (e->supersedes[0] != '\0')
			printf("\"%s\"", e->supersedes);
		else
			printf("null");
		printf(",\"body\":");
		json_write_string(stdout, e->body, e->bodylen);
		printf("}\n");
		break;
	case FORMAT_TSV:
		printf("%s\t%s\t%d\t", e->id, e->ts, e->starred);
		for (i = 0; i < e->ntags; i++)
			printf("%s%s", i > 0 ? "," : "", e->tags[i]);
		putchar('\t');
		for (i = 0; i < e->nratings; i++)
			printf("%s%s=%s", i > 0 ? "," : "", e->ratings[i].key,
			    e->ratings[i].text);
		putchar('\t');
		print_tsv_field(e->body, e->bodylen);
		putchar('\n');
		break;
	case FORMAT_JRNL:
		/* jrnl's own layout: [time] title, then the rest. */
		snprintf(when, sizeof(when), "%.10s %.5s", e->ts,
		    e->time.allday ? "09:00" : e->ts + 11);
		printf("[%s] ", when);
		nl = memchr(e->body, '\n', e->bodylen);
		end = e->body + e->bodylen;
		fwrite(e->body, 1, (size_t)((nl == NULL ? end : nl) -
		    e->body), stdout);
		/* jrnl's tags are words of the text: add those missing. */
		for (i = 0; i < e->ntags; i++) {
			xasprintf(&line, "@%s", e->tags[i]);
			if (strstr(e->body, line) == NULL)
				printf(" %s", line);
			free(line);
		}
		if (e->starred)
			fputs(" *", stdout);
		putchar('\n');
		if (nl != NULL && nl + 1 < end) {
			fwrite(nl + 1, 1, (size_t)(end - nl - 1), stdout);
			if (end[-1] != '\n')
				putchar('\n');
		}
		putchar('\n');
		break;
	case FORMAT_MARKDOWN:
		printf("## %s%s\n\n", e->ts, e->starred ? " *" : "");
		for (i = 0; i < e->ntags; i++)
			printf("%s`@%s`", i > 0 ? " " : "", e->tags[i]);
		for (i = 0; i < e->nratings; i++)
			printf("%s`%s=%s`", i + e->ntags > 0 ? " " : "",
			    e->ratings[i].key, e->ratings[i].text);
		if (e->ntags + e->nratings > 0)
			printf("\n\n");
		fwrite(e->body, 1, e->bodylen, stdout);
		if (e->bodylen == 0 || e->body[e->bodylen - 1] != '\n')
			putchar('\n');
		putchar('\n');
		break;
	case FORMAT_TEXT:
		mode = isatty(STDOUT_FILENO) ? SAFEOUT_TTY : SAFEOUT_RAW;
		if (e->time.allday)
			snprintf(when, sizeof(when), "%.10s", e->ts);
		else
			snprintf(when, sizeof(when), "%.10s %.5s", e->ts,
			    e->ts + 11);
		xasprintf(&head, "%-16s  %s%s", when, e->id,
		    e->starred ? "  *" : "");
		for (i = 0; i < e->ntags; i++) {
			xasprintf(&line, "%s  @%s", head, e->tags[i]);
			free(head);
			head = line;
		}
		for (i = 0; i < e->nratings; i++) {
			xasprintf(&line, "%s  %s=%s", head, e->ratings[i].key,
			    e->ratings[i].text);
			free(head);
			head = line;
		}
		if (safe_write(stdout, head, strlen(head), mode) == -1)
			err(EXIT_TROUBLE, "stdout");
		free(head);
		end = e->body + e->bodylen;
		for (p = e->body; p < end; p = nl + 1) {
			if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
				nl = end;
			fputs("    ", stdout);
			if (safe_write(stdout, p, (size_t)(nl - p), mode) == -1)
				err(EXIT_TROUBLE, "stdout");
		}
		putchar('\n');
		break;
	}
}

/* Problems met while reading, as FILE:LINE: message on stderr. */
static void
report_problem(const char *path, size_t line, const char *msg,
    void *arg __attribute__((__unused__)))
{
	warnx("%s:%zu: %s", path, line, msg);
}

/* The live entries passing a filter, or exit on a read error. */
static void
collect(FILE *fp, const struct jfilter *f, bool skim, struct jhit **hitsp,
    size_t *np)
{
	if (journal_collect(fp, journal_path, f, skim, hitsp, np,
	    report_problem, NULL) == -1)
		err(EXIT_TROUBLE, "%s", journal_path);
}

/* Read the record at an offset again and print it. */
static void
print_at(FILE *fp, const char *path, off_t offset, enum format format)
{
	struct jreader	 r;
	struct jevent	 ev;

	if (fseeko(fp, offset, SEEK_SET) == -1)
		err(EXIT_TROUBLE, "%s", path);
	jreader_init(&r, path, fp);
	if (jreader_next(&r, &ev) == 1 && ev.kind == JREC_ENTRY)
		print_entry(&ev, format);
	jreader_free(&r);
}

static enum format
parse_format(const char *s, bool journal_formats)
{
	if (strcmp(s, "text") == 0 && !journal_formats)
		return FORMAT_TEXT;
	if (strcmp(s, "raw") == 0 && !journal_formats)
		return FORMAT_RAW;
	if (strcmp(s, "jsonl") == 0)
		return FORMAT_JSONL;
	if (strcmp(s, "tsv") == 0 && !journal_formats)
		return FORMAT_TSV;
	if (strcmp(s, "jrnl") == 0 && journal_formats)
		return FORMAT_JRNL;
	if (strcmp(s, "markdown") == 0 && journal_formats)
		return FORMAT_MARKDOWN;
	errx(EXIT_TROUBLE, "format must be %s: %s", journal_formats ?
	    "jrnl, markdown or jsonl" : "text, raw, jsonl or tsv", s);
}


static const struct option list_opts[] = {
	{ "file",	required_argument,	NULL,	'f' },
	{ "format",	required_argument,	NULL,	'F' },
	{ "grep",	required_argument,	NULL,	'g' },
	{ "ignore-case", no_argument,		NULL,	'i' },
	{ "count",	required_argument,	NULL,	'n' },
	{ "rating",	required_argument,	NULL,	'R' },
	{ "starred",	no_argument,		NULL,	's' },
	{ "since",	required_argument,	NULL,	'S' },
	{ "tag",	required_argument,	NULL,	't' },
	{ "until",	required_argument,	NULL,	'U' },
	{ NULL,		0,			NULL,	0 }
};

/*
 * List entries: every filter must hold; in timestamp order; the last
 * count of them with -n.  Exit 0 when something was listed, 1 otherwise.
 */
static int
cmd_list(int argc, char **argv)
{
	struct jfilter	 f;
	struct jrange	 range;
	struct jhit	*hits;
	enum format	 format;
	regex_t		 re;
	const char	*errstr, *pattern = NULL;
	char		 msg[256];
	time_t		 now;
	size_t		 n, i, first, count = 0;
	FILE		*fp;
	int		 ch, rv;
	bool		 icase = false, skim;

	memset(&f, 0, sizeof(f));
	format = isatty(STDOUT_FILENO) ? FORMAT_TEXT : FORMAT_RAW;
	if (when_now(&now) == -1)
		errx(EXIT_TROUBLE, "JOURNAL_NOW is not a timestamp or a date: "
		    "%s", getenv("JOURNAL_NOW"));
	optind = 1;
	while ((ch = getopt_long(argc, argv, "f:g:in:st:", list_opts,
	    NULL)) != -1) {
		switch (ch) {
		case 'F':
			format = parse_format(optarg, false);
			break;
		case 'f':
			journal_path = optarg;
			break;
		case 'g':
			pattern = optarg;
			break;
		case 'i':
			icase = true;
			break;
		case 'n':
			count = strtonum(optarg, 1, LLONG_MAX, &errstr);
			if (errstr != NULL)
				errx(EXIT_TROUBLE, "count is %s: %s", errstr,
				    optarg);
			break;
		case 'R':
			if (jfilter_rating(&f, optarg) == -1)
				errx(EXIT_TROUBLE, "rating must be KEY<=N, "
				    "KEY<N, KEY=N, KEY>N or KEY>=N: %s",
				    optarg);
			break;
		case 's':
			f.starred = true;
			break;
		case 'S':
		case 'U':
			if (when_parse(optarg, now,
			    config_week_start(&config, "journal"),
			    &range) == -1)
				errx(EXIT_TROUBLE, "not a date journal "
				    "understands: %s (see journal(1), DATES)",
				    optarg);
			if (ch == 'S') {
				f.has_since = true;
				f.since = range.start;
			} else {
				f.has_until = true;
				f.until = range.end;
			}
			break;
		case 't':
			f.tags = xreallocarray(f.tags, f.ntags + 1,
			    sizeof(*f.tags));
			f.tags[f.ntags++] = optarg[0] == '@' ? optarg + 1 :
			    optarg;
			break;
		default:
			usage();
		}
	}
	if (optind != argc)
		usage();
	if (pattern != NULL) {
		setlocale(LC_CTYPE, "");
		if ((rv = regcomp(&re, pattern, REG_EXTENDED | REG_NOSUB |
		    REG_NEWLINE | (icase ? REG_ICASE : 0))) != 0) {
			regerror(rv, &re, msg, sizeof(msg));
			errx(EXIT_TROUBLE, "%s: %s", pattern, msg);
		}
		f.re = &re;
	}
	journal_path = path_of(journal_path);
	if ((fp = open_journal(journal_path, true)) == NULL)
		return EXIT_NOMATCH;
	/*
	 * For the last few entries, skim; should one of those shown turn
	 * out damaged beyond what skimming sees, read everything instead.
	 */
	skim = count > 0 && f.re == NULL;
	collect(fp, &f, skim, &hits, &n);
	first = count > 0 && count < n ? n - count : 0;
	if (skim && n > 0 && (rv = journal_sound(fp, journal_path,
	    hits + first, n - first, report_problem, NULL)) != 1) {
		if (rv == -1)
			err(EXIT_TROUBLE, "%s", journal_path);
		free(hits);
		collect(fp, &f, false, &hits, &n);
		first = count > 0 && count < n ? n - count : 0;
	}
	for (i = first; i < n; i++)
		print_at(fp, journal_path, hits[i].offset, format);
	finish_stdout();
	free(hits);
	free(f.tags);
	if (f.re != NULL)
		regfree(f.re);
	fclose(fp);
	return n > 0 ? 0 : EXIT_NOMATCH;
}

/* Parse the -f option alone, for the subcommands that take nothing else. */
static void
file_only(int argc, char **argv, int nargs, const struct option *extra,
    void (*handle)(int, const char *))
{
	static const struct option none[] = { { NULL, 0, NULL, 0 } };
	int	 ch;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "f:", extra != NULL ? extra :
	    none, NULL)) != -1) {
		if (ch == 'f')
			journal_path = optarg;
		else if (handle != NULL && ch >= 0x100)
			handle(ch, optarg);
		else
			usage();
	}
	if (argc - optind != nargs)
		usage();
	journal_path = path_of(journal_path);
}

/*
 * Find the live entry an id or a prefix of one names, following edits.
 * Returns its offset, or -1 with soft; without soft, exits with why not.
 */
static off_t
find_entry(FILE *fp, const char *want, char *idbuf, bool soft)
{
	off_t	 where;
	int	 rv;

	rv = journal_find(fp, journal_path, want, idbuf, &where);
	if (rv == 0)
		return where;
	if (rv == -1)
		err(EXIT_TROUBLE, "%s", journal_path);
	if (soft)
		return -1;
	if (rv == JFIND_AMBIGUOUS)
		errx(EXIT_TROUBLE, "%s names more than one entry; give more of "
		    "the id", want);
	if (rv == JFIND_DELETED)
		errx(EXIT_NOMATCH, "entry %s was deleted", idbuf);
	errx(EXIT_NOMATCH, "no entry %s in %s", want, journal_path);
}

static const struct option show_opts[] = {
	{ "file",	required_argument,	NULL,	'f' },
	{ "format",	required_argument,	NULL,	0x100 },
	{ NULL,		0,			NULL,	0 }
};

static enum format show_format;

static void
show_option(int ch __attribute__((__unused__)), const char *arg)
{
	show_format = parse_format(arg, false);
}

static int
cmd_show(int argc, char **argv)
{
	char	 id[JOURNAL_ID_MAX + 1];
	off_t	 where;
	FILE	*fp;

	show_format = isatty(STDOUT_FILENO) ? FORMAT_TEXT : FORMAT_RAW;
	file_only(argc, argv, 1, show_opts, show_option);
	if ((fp = open_journal(journal_path, true)) == NULL)
		errx(EXIT_NOMATCH, "no entry %s: %s is empty", argv[optind],
		    journal_path);
	where = find_entry(fp, argv[optind], id, false);
	print_at(fp, journal_path, where, show_format);
	finish_stdout();
	fclose(fp);
	return 0;
}

struct count {
	char	*key;
	size_t	 n;
	double	 sum;
};

static struct count *
count_of(struct count **v, size_t *n, const char *key)
{
	size_t	 i;

	for (i = 0; i < *n; i++)
		if (strcmp((*v)[i].key, key) == 0)
			return &(*v)[i];
	*v = xreallocarray(*v, *n + 1, sizeof(**v));
	(*v)[*n].key = xstrdup(key);
	(*v)[*n].n = 0;
	(*v)[*n].sum = 0;
	return &(*v)[(*n)++];
}

static int
cmp_count(const void *a, const void *b)
{
	const struct count	*x = a, *y = b;

	if (x->n != y->n)
		return x->n > y->n ? -1 : 1;
	return strcmp(x->key, y->key);
}

static int
cmp_key(const void *a, const void *b)
{
	return strcmp(((const struct count *)a)->key,
	    ((const struct count *)b)->key);
}

/* Walk the live entries of the journal, in file order. */
static void
each_live(FILE *fp, void (*fn)(const struct jentry *, void *), void *arg)
{
	if (journal_each_live(fp, journal_path, fn, report_problem, arg) ==
	    -1)
		err(EXIT_TROUBLE, "%s", journal_path);
}

struct tally {
	struct count	*a;
	size_t		 na;
	struct count	*b;
	size_t		 nb;
};

static void
tally_tags(const struct jentry *e, void *arg)
{
	struct tally	*t = arg;
	size_t		 i;

	for (i = 0; i < e->ntags; i++)
		count_of(&t->a, &t->na, e->tags[i])->n++;
}

static int
cmd_tags(int argc, char **argv)
{
	struct tally	 t = { NULL, 0, NULL, 0 };
	size_t		 i;
	FILE		*fp;
	int		 mode;

	file_only(argc, argv, 0, NULL, NULL);
	if ((fp = open_journal(journal_path, true)) == NULL)
		return EXIT_NOMATCH;
	each_live(fp, tally_tags, &t);
	if (t.na > 1)
		qsort(t.a, t.na, sizeof(*t.a), cmp_count);
	mode = isatty(STDOUT_FILENO) ? SAFEOUT_TTY : SAFEOUT_RAW;
	for (i = 0; i < t.na; i++) {
		printf("%7zu ", t.a[i].n);
		if (safe_write(stdout, t.a[i].key, strlen(t.a[i].key),
		    mode) == -1)
			err(EXIT_TROUBLE, "stdout");
		free(t.a[i].key);
	}
	finish_stdout();
	free(t.a);
	fclose(fp);
	return t.na > 0 ? 0 : EXIT_NOMATCH;
}

static void
tally_stats(const struct jentry *e, void *arg)
{
	struct tally	*t = arg;
	struct tm	 tm;
	time_t		 when;
	char		 week[16];
	size_t		 i;

	/* The ISO week of the day the entry was written, where it was. */
	when = e->time.utc + (e->time.allday ? 0 : e->time.offset * 60);
	gmtime_r(&when, &tm);
	strftime(week, sizeof(week), "%G-W%V", &tm);
	count_of(&t->a, &t->na, week)->n++;
	for (i = 0; i < e->nratings; i++) {
		struct count *c = count_of(&t->b, &t->nb, e->ratings[i].key);
		c->n++;
		c->sum += e->ratings[i].value;
	}
}

static int
cmd_stats(int argc, char **argv)
{
	struct tally	 t = { NULL, 0, NULL, 0 };
	size_t		 i, total = 0;
	FILE		*fp;

	file_only(argc, argv, 0, NULL, NULL);
	if ((fp = open_journal(journal_path, true)) == NULL)
		return EXIT_NOMATCH;
	each_live(fp, tally_stats, &t);
	if (t.na > 1)
		qsort(t.a, t.na, sizeof(*t.a), cmp_key);
	if (t.nb > 1)
		qsort(t.b, t.nb, sizeof(*t.b), cmp_key);
	printf("%-10s %7s\n", "week", "entries");
	for (i = 0; i < t.na; i++) {
		printf("%-10s %7zu\n", t.a[i].key, t.a[i].n);
		total += t.a[i].n;
		free(t.a[i].key);
	}
	printf("%-10s %7zu\n", "total", total);
	if (t.nb > 0)
		printf("\n%-16s %7s %7s\n", "rating", "mean", "entries");
	for (i = 0; i < t.nb; i++) {
		printf("%-16s %7.2f %7zu\n", t.b[i].key,
		    t.b[i].sum / (double)t.b[i].n, t.b[i].n);
		free(t.b[i].key);
	}
	finish_stdout();
	free(t.a);
	free(t.b);
	fclose(fp);
	return total > 0 ? 0 : EXIT_NOMATCH;
}

static __dead void
rewrite_failed(void)
{
	struct stat	 st;
	int		 problem;

	if (errno == EPERM && stat(journal_path, &st) == 0 &&
	    (problem = file_private(&st)) != 0)
		errx(EXIT_TROUBLE, "%s: %s", journal_path,
		    file_private_advice(problem));
	if (errno == ENOTSUP)
		errx(EXIT_TROUBLE, "%s: a journal of a later version; this "
		    "journal does not rewrite it", journal_path);
	if (errno == EINVAL)
		errx(EXIT_TROUBLE, "%s: not a regular file", journal_path);
	err(EXIT_TROUBLE, "%s", journal_path);
}

static int
cmd_compact(int argc, char **argv)
{
	size_t	 n;

	file_only(argc, argv, 0, NULL, NULL);
	if (journal_rewrite(journal_path, JREWRITE_COMPACT, NULL, &n) == -1)
		rewrite_failed();
	if (n > 0)
		fprintf(stderr, "%s: %zu superseded or deleted record%s "
		    "removed\n", getprogname(), n, n == 1 ? "" : "s");
	return 0;
}

static bool	 check_strict, check_repair;

static void
check_option(int ch, const char *arg __attribute__((__unused__)))
{
	if (ch == 0x100)
		check_repair = true;
	else
		check_strict = true;
}

static const struct option check_opts[] = {
	{ "file",	required_argument,	NULL,	'f' },
	{ "repair",	no_argument,		NULL,	0x100 },
	{ "strict",	no_argument,		NULL,	0x101 },
	{ NULL,		0,			NULL,	0 }
};

/*
 * An entry as check remembers it: a hash of its id, and its line, in
 * twelve bytes, so that a million entries and the sort's copy of them
 * stay well under 32 MB.
 */
struct seen {
	uint64_t	 hash;
	uint32_t	 line;
} __attribute__((__packed__));

static int
cmp_seen(const void *a, const void *b)
{
	const struct seen	*x = a, *y = b;

	if (x->hash != y->hash)
		return x->hash < y->hash ? -1 : 1;
	return x->line < y->line ? -1 : x->line > y->line;
}

static int
cmp_size(const void *a, const void *b)
{
	size_t	 x = *(const size_t *)a, y = *(const size_t *)b;

	return x < y ? -1 : x > y;
}

/*
 * Report the entries whose id an earlier entry has, with their lines.
 * Only hashes of the ids are kept while reading, so that a journal of a
 * million entries needs little memory; the lines of entries whose hashes
 * meet are read again to compare the ids themselves.
 */
static size_t
report_duplicates(FILE *fp, struct seen *seen, size_t n)
{
	struct jreader	 r;
	struct jevent	 ev;
	size_t		*lines = NULL, nlines = 0, i, j, k, found = 0;
	char		**ids;

	if (n < 2)
		return 0;
	qsort(seen, n, sizeof(*seen), cmp_seen);
	for (i = 1; i < n; i++)
		if (seen[i].hash == seen[i - 1].hash) {
			lines = xreallocarray(lines, nlines + 2,
			    sizeof(*lines));
			lines[nlines++] = seen[i - 1].line;
			lines[nlines++] = seen[i].line;
		}
	if (nlines == 0)
		return 0;
	qsort(lines, nlines, sizeof(*lines), cmp_size);
	ids = xcalloc(nlines, sizeof(*ids));
	rewind(fp);
	jreader_init(&r, journal_path, fp);
	while (jreader_next(&r, &ev) == 1)
		if (ev.kind == JREC_ENTRY && bsearch(&ev.line, lines, nlines,
		    sizeof(*lines), cmp_size) != NULL)
			for (k = 0; k < nlines; k++)
				if (lines[k] == ev.line && ids[k] == NULL)
					ids[k] = xstrdup(ev.entry.id);
	jreader_free(&r);
	/* In file order: each id met again after its first line. */
	for (i = 0; i < nlines; i++) {
		if (ids[i] == NULL || (i > 0 && lines[i] == lines[i - 1]))
			continue;
		for (j = 0; j < i; j++)
			if (ids[j] != NULL && lines[j] != lines[i] &&
			    strcmp(ids[j], ids[i]) == 0)
				break;
		if (j < i) {
			printf("%s:%zu: id %s used by an earlier entry too\n",
			    journal_path, lines[i], ids[i]);
			found++;
		}
	}
	for (i = 0; i < nlines; i++)
		free(ids[i]);
	free(ids);
	free(lines);
	return found;
}

/*
 * Verify the whole journal and print every problem as FILE:LINE:
 * message.  Exit 0 when it is clean, 1 when something was found.
 */
static int
cmd_check(int argc, char **argv)
{
	struct jreader	 r;
	struct jevent	 ev;
	struct jtime	 t;
	struct seen	*seen = NULL;
	char		*side;
	size_t		 problems = 0, i, entries = 0, nseen = 0, cseen = 0;
	FILE		*fp;
	int		 rv;

	file_only(argc, argv, 0, check_opts, check_option);
	if ((fp = open_journal(journal_path, true)) == NULL) {
		printf("%s: no journal yet\n", journal_path);
		finish_stdout();
		return 0;
	}
	jreader_init(&r, journal_path, fp);
	while ((rv = jreader_next(&r, &ev)) == 1) {
		if (ev.problem != NULL) {
			printf("%s:%zu: %s\n", journal_path, ev.line,
			    ev.problem);
			problems++;
		}
		if (ev.kind == JREC_UNKNOWN) {
			printf("%s:%zu: %%%%%s record of a later version, "
			    "kept and skipped\n", journal_path, ev.line,
			    ev.kindword);
			if (check_strict)
				problems++;
		}
		if (ev.kind != JREC_ENTRY)
			continue;
		entries++;
		if (nseen == cseen) {
			cseen = cseen == 0 ? 1024 : cseen * 2;
			seen = xreallocarray(seen, cseen, sizeof(*seen));
		}
		seen[nseen].hash = rng_hash(ev.entry.id, 0);
		seen[nseen++].line = ev.line > UINT32_MAX ? UINT32_MAX :
		    (uint32_t)ev.line;
		if (check_strict && ev.entry.time.allday == false &&
		    journal_parse_time(ev.entry.ts, &t) == 0 &&
		    t.utc > time(NULL) + 86400) {
			printf("%s:%zu: entry %s is dated in the future\n",
			    journal_path, ev.line, ev.entry.id);
			problems++;
		}
	}
	if (rv == -1)
		err(EXIT_TROUBLE, "%s", journal_path);
	jreader_free(&r);
	problems += report_duplicates(fp, seen, nseen);
	free(seen);
	fclose(fp);
	if (check_repair && problems > 0) {
		xasprintf(&side, "%s.rejected", journal_path);
		if (journal_rewrite(journal_path, JREWRITE_REPAIR, side,
		    &i) == -1)
			rewrite_failed();
		printf("%s: %zu damaged record%s moved to %s\n", journal_path,
		    i, i == 1 ? "" : "s", side);
		free(side);
	}
	printf("%s: %zu entr%s, %zu problem%s\n", journal_path, entries,
	    entries == 1 ? "y" : "ies", problems, problems == 1 ? "" : "s");
	finish_stdout();
	return problems > 0 && !check_repair ? EXIT_NOMATCH : 0;
}

static int
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
	if (when_now(&now) == -1)
		errx(EXIT_TROUBLE, "JOURNAL_NOW is not a timestamp or a date");
	journal_format_time(now, false, ts, sizeof(ts));
	xasprintf(&rec, "%%%%delete %s %s\n", id, ts);
	if (journal_append(journal_path, rec, strlen(rec)) == -1)
		append_failed();
	free(rec);
	return 0;
}

/* Save the text of a refused edit beside the journal, and say where. */
static void
keep_text(const char *id, const char *text, size_t len)
{
	char	*path;
	int	 fd;

	xasprintf(&path, "%s.edit-%s", journal_path, id);
	if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
	    0600)) == -1 || write(fd, text, len) != (ssize_t)len ||
	    close(fd) == -1)
		err(EXIT_TROUBLE, "entry %s changed while it was being edited, "
		    "and your text could not be kept in %s", id, path);
	warnx("entry %s changed while it was being edited; nothing was "
	    "written; your text is in %s", id, path);
	free(path);
}

/*
 * Edit an entry in the editor: saved as a new entry that supersedes it,
 * and refused if the entry changed while the editor was open.  No lock is
 * held meanwhile.
 */
static int
cmd_edit(int argc, char **argv)
{
	struct jreader	 r;
	struct jevent	 ev;
	struct jentry	 e;
	char		 id[JOURNAL_ID_MAX + 1], again[JOURNAL_ID_MAX + 1];
	char		*raw, *text;
	size_t		 rawlen, len, i;
	off_t		 where;
	FILE		*fp;
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

	/* Still the same entry, byte for byte? */
	fp = open_journal(journal_path, false);
	where = find_entry(fp, id, again, true);
	if (where != -1)
		fseeko(fp, where, SEEK_SET);
	jreader_init(&r, journal_path, fp);
	if (where == -1 || strcmp(again, id) != 0 ||
	    jreader_next(&r, &ev) != 1 || ev.rawlen != rawlen ||
	    memcmp(ev.raw, raw, rawlen) != 0) {
		keep_text(id, text, len);
		exit(EXIT_TROUBLE);
	}
	jreader_free(&r);
	fclose(fp);
	journal_new_id(e.id);
	strlcpy(e.supersedes, id, sizeof(e.supersedes));
	e.body = text;
	e.bodylen = len;
	append_entry(&e);
	jentry_free(&e);
	free(raw);
	return 0;
}

/* The key of a record for merging: its id, or its bytes. */
static char *
merge_key(const struct jevent *ev)
{
	char	*key;

	if (ev->kind == JREC_ENTRY)
		xasprintf(&key, "e %s", ev->entry.id);
	else if (ev->kind == JREC_DELETE)
		xasprintf(&key, "d %s", ev->entry.id);
	else
		xasprintf(&key, "u %.*s", (int)ev->rawlen, ev->raw);
	return key;
}

/*
 * Add the records of another copy of the journal that this one lacks, by
 * id, in the other's order: merging is idempotent, and merging two copies
 * either way round gives the same records.
 */
static int
cmd_merge(int argc, char **argv)
{
	struct idset	 have = { NULL, 0, 0, false };
	struct jreader	 r;
	struct jevent	 ev;
	struct jbuf	 add = { NULL, 0, 0 };
	const char	*other;
	char		*key;
	size_t		 n = 0;
	FILE		*fp;

	file_only(argc, argv, 1, NULL, NULL);
	other = argv[optind];
	if ((fp = open_journal(journal_path, true)) != NULL) {
		jreader_init(&r, journal_path, fp);
		while (jreader_next(&r, &ev) == 1)
			if (ev.kind != JREC_PROBLEM) {
				key = merge_key(&ev);
				idset_add(&have, rng_hash(key, 0));
				free(key);
			}
		jreader_free(&r);
		fclose(fp);
	}
	fp = open_source(other);
	jreader_init(&r, other, fp);
	while (jreader_next(&r, &ev) == 1) {
		if (ev.kind == JREC_PROBLEM) {
			warnx("%s:%zu: %s; not merged", other, ev.line,
			    ev.problem);
			continue;
		}
		key = merge_key(&ev);
		if (!idset_has(&have, rng_hash(key, 0))) {
			jbuf_add(&add, ev.raw, ev.rawlen);
			idset_add(&have, rng_hash(key, 0));
			n++;
		}
		free(key);
	}
	jreader_free(&r);
	fclose(fp);
	if (n > 0 && journal_append(journal_path, add.s, add.len) == -1)
		append_failed();
	fprintf(stderr, "%s: %zu record%s merged from %s\n", getprogname(), n,
	    n == 1 ? "" : "s", other);
	free(add.s);
	idset_free(&have);
	return 0;
}

struct import {
	struct idset	*have;
	struct jbuf	*out;
	size_t		 n;
};

/* Add an imported entry, unless an earlier import brought it. */
static int
import_entry(const struct jentry *e, void *arg)
{
	struct import	*imp = arg;
	char		*rec;
	size_t		 len;

	if (idset_has(imp->have, rng_hash(e->id, 0)))
		return 0;
	if (journal_format_entry(e, &rec, &len) == -1)
		errx(EXIT_TROUBLE, "an imported entry would not read back as "
		    "written; nothing was written");
	jbuf_add(imp->out, rec, len);
	free(rec);
	idset_add(imp->have, rng_hash(e->id, 0));
	imp->n++;
	return 0;
}

static const char *import_from;

static void
import_option(int ch __attribute__((__unused__)), const char *arg)
{
	import_from = arg;
}

static const struct option import_opts[] = {
	{ "file",	required_argument,	NULL,	'f' },
	{ "from",	required_argument,	NULL,	0x100 },
	{ NULL,		0,			NULL,	0 }
};

/*
 * Import a jrnl journal: entries start at lines "[date time] title", a
 * title ending in " *" is starred, @words are tags.  Ids come from each
 * entry's time and text, so importing the same file twice adds nothing.
 */
static int
cmd_import(int argc, char **argv)
{
	struct idset	 have = { NULL, 0, 0, false };
	struct import	 imp;
	struct jreader	 r;
	struct jevent	 ev;
	struct jbuf	 out = { NULL, 0, 0 };
	size_t		 n;
	FILE		*fp;

	file_only(argc, argv, 1, import_opts, import_option);
	if (import_from == NULL || strcmp(import_from, "jrnl") != 0)
		errx(EXIT_TROUBLE, "import needs --from jrnl");
	if ((fp = open_journal(journal_path, true)) != NULL) {
		jreader_init(&r, journal_path, fp);
		while (jreader_next(&r, &ev) == 1)
			if (ev.kind == JREC_ENTRY)
				idset_add(&have, rng_hash(ev.entry.id, 0));
		jreader_free(&r);
		fclose(fp);
	}
	fp = open_source(argv[optind]);
	imp.have = &have;
	imp.out = &out;
	imp.n = 0;
	if (jrnl_read(fp, argv[optind], import_entry, report_problem,
	    &imp) == -1)
		err(EXIT_TROUBLE, "%s", argv[optind]);
	n = imp.n;
	fclose(fp);
	if (n > 0 && journal_append(journal_path, out.s, out.len) == -1)
		append_failed();
	fprintf(stderr, "%s: %zu entr%s imported from %s\n", getprogname(),
	    n, n == 1 ? "y" : "ies", argv[optind]);
	free(out.s);
	idset_free(&have);
	return 0;
}

static enum format export_format = FORMAT_JSONL;
static bool export_given;

static void
export_option(int ch __attribute__((__unused__)), const char *arg)
{
	export_format = parse_format(arg, true);
	export_given = true;
}

static const struct option export_opts[] = {
	{ "file",	required_argument,	NULL,	'f' },
	{ "format",	required_argument,	NULL,	0x100 },
	{ NULL,		0,			NULL,	0 }
};

/* Export every live entry, in timestamp order, for other programs. */
static int
cmd_export(int argc, char **argv)
{
	struct jfilter	 f;
	struct jhit	*hits;
	size_t		 n, i;
	FILE		*fp;

	file_only(argc, argv, 0, export_opts, export_option);
	if (!export_given)
		errx(EXIT_TROUBLE, "export needs --format jrnl, markdown or "
		    "jsonl");
	if ((fp = open_journal(journal_path, true)) == NULL)
		return EXIT_NOMATCH;
	memset(&f, 0, sizeof(f));
	collect(fp, &f, false, &hits, &n);
	for (i = 0; i < n; i++)
		print_at(fp, journal_path, hits[i].offset, export_format);
	finish_stdout();
	free(hits);
	fclose(fp);
	return n > 0 ? 0 : EXIT_NOMATCH;
}
