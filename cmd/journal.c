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

#include <ctype.h>
#include <err.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "rapport.h"
#include "common.h"
#include "journal.h"

struct command {
	const char	*name;
	int		(*run)(int, char **);
};

/* jrnl's verbs and other commands' habits, and what journal calls them. */
struct habit {
	const char	*word;
	const char	*instead;
};

static void	 help(const char *);
static bool	 asks_help(int, char **);
static size_t	 distance(const char *, const char *);
static void	 refuse_mistyped(int, char **);
static bool	 names_file(const char *);

static const struct command commands[] = {
	{ "add",	cmd_write },
	{ "check",	cmd_check },
	{ "compact",	cmd_compact },
	{ "decrypt",	cmd_decrypt },
	{ "delete",	cmd_delete },
	{ "edit",	cmd_edit },
	{ "encrypt",	cmd_encrypt },
	{ "export",	cmd_export },
	{ "import",	cmd_import },
	{ "key",	cmd_key },
	{ "list",	cmd_list },
	{ "lock",	cmd_lock },
	{ "merge",	cmd_merge },
	{ "merge-driver", cmd_merge_driver },
	{ "show",	cmd_show },
	{ "stats",	cmd_stats },
	{ "tags",	cmd_tags },
	{ "unlock",	cmd_unlock },
};

static const struct habit habits[] = {
	{ "find",	"list -g PATTERN" },
	{ "grep",	"list -g PATTERN" },
	{ "help",	"--help" },
	{ "ls",		"list" },
	{ "new",	"add TEXT" },
	{ "remove",	"delete ID" },
	{ "rm",		"delete ID" },
	{ "search",	"list -g PATTERN" },
	{ "star",	"list -s, or -s when writing" },
	{ "starred",	"list -s" },
};

const char	*journal_path;
struct config	 config;

static int	 run(int (*)(int, char **), int, char **);
static void	 notice_conflicts(void);

#define USAGE \
"usage: %1$s [-es] [-d date] [-f file] [-r key=value] [-t tag] [--future]\n" \
"               [--template name] [--] [text ...]\n" \
"       %1$s list [-iIs] [-f file] [-g pattern] [-n count] [-T tag]\n" \
"               [-t tag] [--anniversary] [--any-tag tag] [--format format]\n" \
"               [--no-pager] [--on date] [--rating expr] [--short]\n" \
"               [--since date] [--until date]\n" \
"       %1$s show [-f file] [--format format] id\n" \
"       %1$s tags | stats | compact [-f file]\n" \
"       %1$s check [-y] [-f file] [--accept] [--repair] [--strict]\n" \
"       %1$s edit [-s] [-d date] [-f file] [-r key=value] [-t tag] [--future]\n" \
"               [--unstar] [--untag tag] id\n" \
"       %1$s edit [-f file] filter ...\n" \
"       %1$s delete [-y] [-f file] [filter ...] [id ...]\n" \
"       %1$s merge [-f file] other | --conflicts\n" \
"       %1$s merge-driver ancestor ours theirs\n" \
"       %1$s import [-f file] --from jrnl file\n" \
"       %1$s export [-f file] [filter ...]\n" \
"               --format jrnl|markdown|json|jsonl\n" \
"       %1$s key init | passwd [-f file] [--cost cost]\n" \
"       %1$s key rotate [-f file]\n" \
"       %1$s encrypt | decrypt | lock [-f file]\n" \
"       %1$s unlock [-f file] [--for duration]\n"

/*
 * What each subcommand does and what its options mean, in a few lines:
 * journal --help shows them all, journal SUBCOMMAND --help its own.
 * journal(1) says the rest.
 */
static const struct help {
	const char	*name;
	const char	*text;
} helps[] = {
	{ "add",
"journal [add] writes an entry: the text operands, else stdin, else the\n"
"editor.  Text that reads as a command is refused; -- writes it as typed.\n"
"  -d, --date DATE      date it (journal(1), DATES); or 'DATE: text'\n"
"  -e, --edit           open the editor even when stdin is not a terminal\n"
"  -r, --rating K=V     rate it, as listen=4\n"
"  -s, --star           star it\n"
"  -t, --tag TAG        tag it; @tag in the text tags it too\n"
"      --future         allow a date in the future\n"
"      --template NAME  open the editor on a template\n" },
	{ "list",
"journal list prints the entries that pass every filter, oldest first.\n"
"  -g, --grep RE        text matching RE; -i, -I: ignore case or not\n"
"  -n, --count N        the last N only (journal -n N is the same)\n"
"  -s, --starred        starred entries only\n"
"  -t, --tag TAG        tagged TAG (every -t); --any-tag TAG: any of them\n"
"  -T, --not-tag TAG    not tagged TAG\n"
"      --on, --since, --until DATE   by date (journal(1), DATES)\n"
"      --rating EXPR    as 'listen<=2'\n"
"      --anniversary    this day in earlier years\n"
"      --short          one line per entry\n"
"      --format FMT     text, raw, tsv, json or jsonl\n"
"      --no-pager       never page\n" },
	{ "show",
"journal show prints one entry, named by its id or a prefix of it.\n"
"      --format FMT     as for list\n" },
	{ "edit",
"journal edit ID opens an entry in the editor; the new text supersedes it.\n"
"With options, it changes only those, without the editor:\n"
"  -d, -r K=V, -s, -t   as when writing; --future to date it ahead\n"
"      --unstar, --untag TAG\n"
"journal edit FILTER ... opens the entries list's filters pass together.\n" },
	{ "delete",
"journal delete deletes entries by id, or those list's filters pass,\n"
"after asking on a terminal.\n"
"  -y                   do not ask (needed without a terminal)\n" },
	{ "tags",
"journal tags lists the tags in use and how often.\n" },
	{ "stats",
"journal stats counts entries, days and tags.\n" },
	{ "check",
"journal check reads the whole journal and says what is wrong.\n"
"      --accept         keep hand edits, after showing them; -y: without asking\n"
"      --repair         set torn or damaged records aside\n"
"      --strict         warnings are errors too\n" },
	{ "compact",
"journal compact rewrites the journal without superseded and deleted\n"
"entries.\n" },
	{ "merge",
"journal merge adds the entries of another copy of the journal.\n"
"      --conflicts      those of the conflict copies a file synchroniser\n"
"                       left beside it\n" },
	{ "merge-driver",
"journal merge-driver merges three versions of a journal for git(1).\n" },
	{ "import",
"journal import --from jrnl FILE adds the entries of a jrnl journal.\n" },
	{ "export",
"journal export prints entries to leave the journal: list's filters, and\n"
"      --format FMT     jrnl, markdown, json or jsonl\n" },
	{ "key",
"journal key init makes the key of a sealed journal, with a new passphrase;\n"
"key passwd changes the passphrase; key rotate starts a new key pair.\n"
"      --cost COST      interactive, moderate (the default) or sensitive\n" },
	{ "encrypt",
"journal encrypt seals a plain journal to its key: no passphrase needed.\n" },
	{ "decrypt",
"journal decrypt turns a sealed journal back into plain text.\n" },
	{ "unlock",
"journal unlock keeps the unlocked key in the kernel's keyring, so that\n"
"the next commands do not ask the passphrase; journal lock forgets it.\n"
"      --for DURATION   as 30m or 2h (15m by default)\n" },
	{ "lock",
"journal lock forgets the key that journal unlock kept.\n" },
};

/*
 * Print the help of a subcommand, or of all of them with NULL: every one
 * takes -f, --file FILE, the journal.
 */
static void
help(const char *name)
{
	size_t	 i;

	if (name == NULL)
		printf(USAGE, getprogname());
	for (i = 0; i < sizeof(helps) / sizeof(helps[0]); i++)
		if (name == NULL || strcmp(name, helps[i].name) == 0)
			printf("\n%s", helps[i].text);
	printf("\nEvery subcommand takes -f, --file FILE, the journal, and "
	    "those that read\na sealed journal --passphrase-fd N; see "
	    "journal(1).\n");
	finish_stdout();
	exit(0);
}

/* Whether -h or --help comes before a -- among the arguments. */
static bool
asks_help(int argc, char **argv)
{
	int	 i;

	for (i = 1; i < argc && strcmp(argv[i], "--") != 0; i++)
		if (strcmp(argv[i], "-h") == 0 ||
		    strcmp(argv[i], "--help") == 0)
			return true;
	return false;
}

void
usage(void)
{
	fprintf(stderr, USAGE, getprogname());
	exit(EXIT_TROUBLE);
}

/* Whether an argument is -f or --file, which name the journal. */
static bool
names_file(const char *arg)
{
	return strcmp(arg, "-f") == 0 || strcmp(arg, "--file") == 0;
}

/*
 * journal keeps a private plain-text journal: it appends entries without
 * ever rewriting the file, and lists, checks, merges and exports them.
 */
int
main(int argc, char *argv[])
{
	size_t	 i;

	/* Past a file size limit, write fails and the append is undone. */
	signal(SIGXFSZ, SIG_IGN);
	read_config(&config, "journal");
	passphrase_config = &config;
	argc = take_passphrase_fd(argc, argv);

	if (argc > 1 && (strcmp(argv[1], "-V") == 0 ||
	    strcmp(argv[1], "--version") == 0)) {
		print_version("journal");
		return 0;
	}
	/* journal help [SUBCOMMAND] is journal [SUBCOMMAND] --help. */
	if (argc > 1 && strcmp(argv[1], "help") == 0)
		help(argc > 2 ? argv[2] : NULL);
	/* journal -n 5 is list -n 5, and so is journal -f file -n 5. */
	if ((argc > 1 && strncmp(argv[1], "-n", 2) == 0) || (argc > 3 &&
	    names_file(argv[1]) && strncmp(argv[3], "-n", 2) == 0)) {
		if (asks_help(argc, argv))
			help("list");
		return cmd_list(argc, argv);
	}
	/*
	 * The journal may be named before the subcommand: -f file list.  The
	 * subcommand's argv[0] is the program's, for getopt's messages.
	 */
	if (argc > 3 && names_file(argv[1]))
		for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
			if (strcmp(argv[3], commands[i].name) == 0) {
				if (asks_help(argc - 3, argv + 3))
					help(commands[i].name);
				journal_path = argv[2];
				argv[3] = argv[0];
				return run(commands[i].run, argc - 3, argv + 3);
			}
	if (argc > 1)
		for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
			if (strcmp(argv[1], commands[i].name) == 0) {
				if (asks_help(argc - 1, argv + 1))
					help(commands[i].name);
				argv[1] = argv[0];
				return run(commands[i].run, argc - 1, argv + 1);
			}
	if (asks_help(argc, argv))
		help(NULL);
	if (argc > 1 && argv[1][0] != '-')
		refuse_mistyped(argc - 1, argv + 1);
	else if (argc > 3 && names_file(argv[1]))
		refuse_mistyped(argc - 3, argv + 3);
	return run(cmd_write, argc, argv);
}

/* Run a command, then say whether its journal has conflict copies. */
static int
run(int (*command)(int, char **), int argc, char **argv)
{
	int	 rv;

	rv = command(argc, argv);
	notice_conflicts();
	return rv;
}

/*
 * A file synchroniser that saw the journal changed on two machines at
 * once keeps one version and renames the other beside it: say so once,
 * with the command that folds the copies back in.  The names are not
 * printed, since another's device or user name is part of them.
 */
static void
notice_conflicts(void)
{
	char	**copies;
	size_t	  n;

	if (journal_path == NULL ||
	    conflict_list(journal_path, &copies, &n) == -1 || n == 0)
		return;
	conflict_free(copies, n);
	fprintf(stderr, "%s: %s has %zu conflict cop%s beside it, left by a "
	    "file synchroniser; merge %s in with: %s -f %s merge --conflicts\n",
	    getprogname(), journal_path, n, n == 1 ? "y" : "ies",
	    n == 1 ? "it" : "them", getprogname(), journal_path);
}

/*
 * The optimal string alignment distance between two short words: edits,
 * insertions, deletions and swaps of two neighbours, ignoring case.
 */
static size_t
distance(const char *word, const char *name)
{
	size_t	 d[16][16], la, lb, i, j, best;
	char	 a[16], b[16];

	la = strlen(word);
	lb = strlen(name);
	if (la >= 16 || lb >= 16)
		return SIZE_MAX;
	for (i = 0; i < la; i++)
		a[i] = tolower((unsigned char)word[i]);
	for (j = 0; j < lb; j++)
		b[j] = tolower((unsigned char)name[j]);
	for (i = 0; i <= la; i++)
		d[i][0] = i;
	for (j = 0; j <= lb; j++)
		d[0][j] = j;
	for (i = 1; i <= la; i++)
		for (j = 1; j <= lb; j++) {
			best = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
			if (d[i - 1][j] + 1 < best)
				best = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < best)
				best = d[i][j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < best)
				best = d[i - 2][j - 2] + 1;
			d[i][j] = best;
		}
	return d[la][lb];
}

/*
 * Text that reads as a command rather than an entry is refused, since
 * it would be saved silently: a lone word one edit from a subcommand
 * ("lsit"), or a verb of jrnl's with at most one word after it ("search
 * phones", "star b6f").  The way to write it anyway is said: -- ends the
 * options and the commands, and what follows is text as typed.
 */
static void
refuse_mistyped(int nwords, char **words)
{
	const char	*w = words[0], *instead = NULL;
	size_t		 i;

	if (nwords <= 2)
		for (i = 0; i < sizeof(habits) / sizeof(habits[0]); i++)
			if (strcasecmp(w, habits[i].word) == 0)
				instead = habits[i].instead;
	if (nwords == 1 && instead == NULL)
		for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
			if (distance(w, commands[i].name) <= 1)
				instead = commands[i].name;
	if (instead == NULL)
		return;
	errx(EXIT_TROUBLE, "\"%s%s%s\" looks like a command: did you mean "
	    "\"%s %s\"? To write it as an entry: %s -- %s%s%s", w,
	    nwords > 1 ? " " : "", nwords > 1 ? words[1] : "", getprogname(),
	    instead, getprogname(), w, nwords > 1 ? " " : "",
	    nwords > 1 ? words[1] : "");
}

/*
 * Parse the options of a subcommand that takes -f and at most a few long
 * options, given to handle, and then nargs operands, or any number for
 * the caller to count when nargs is -1; settle the journal.
 */
void
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
		else if (handle != NULL && ch > UCHAR_MAX)
			handle(ch, optarg);
		else
			usage();
	}
	if (nargs != -1 && argc - optind != nargs)
		usage();
	journal_path = which_journal(&config, journal_path);
}

/*
 * Find the live entry an id or a prefix of one names, following edits.
 * Returns its offset, or -1 with soft; without soft, exits with why not.
 */
off_t
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

/*
 * Take the journal's lock into *lfd and open the journal again under it,
 * to find there what was read before the lock; or exit saying why not.
 */
FILE *
reopen_locked(int *lfd)
{
	FILE	*fp;

	if ((*lfd = journal_lock(journal_path)) == -1)
		write_failed(journal_path, "this journal", "write to");
	if ((fp = open_journal(journal_path, true)) == NULL)
		errx(EXIT_TROUBLE, "%s: %s", journal_path, strerror(ENOENT));
	return fp;
}

/*
 * Append len bytes of records, if there are any, under the lock held in
 * lfd, or exit saying why not; then let the lock go.
 */
void
append_unlock(int lfd, const char *recs, size_t len)
{
	if (len > 0 && journal_append_locked(journal_path, recs, len) == -1)
		write_failed(journal_path, "this journal", "write to");
	close(lfd);
}

/* Problems met while reading, as FILE:LINE: message on stderr. */
void
report_problem(const char *path, size_t line, const char *msg,
    void *arg __attribute__((__unused__)))
{
	warnx("%s:%zu: %s", path, line, msg);
}
