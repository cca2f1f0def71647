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
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rapport.h"
#include "common.h"
#include "journal.h"

struct command {
	const char	*name;
	int		(*run)(int, char **);
};

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
	{ "merge-driver", cmd_merge_driver },
	{ "show",	cmd_show },
	{ "stats",	cmd_stats },
	{ "tags",	cmd_tags },
};

const char	*journal_path;
struct config	 config;

static int	 run(int (*)(int, char **), int, char **);
static void	 notice_conflicts(void);

#define USAGE \
"usage: %1$s [-es] [-d date] [-f file] [-r key=value] [-t tag] [text ...]\n" \
"       %1$s list [-iIs] [-f file] [-g pattern] [-n count] [-T tag]\n" \
"               [-t tag] [--anniversary] [--any-tag tag] [--format format]\n" \
"               [--no-pager] [--on date] [--rating expr] [--short]\n" \
"               [--since date] [--until date]\n" \
"       %1$s show [-f file] [--format format] id\n" \
"       %1$s tags | stats | compact [-f file]\n" \
"       %1$s check [-y] [-f file] [--accept] [--repair] [--strict]\n" \
"       %1$s edit [-s] [-d date] [-f file] [-r key=value] [-t tag] [--unstar]\n" \
"               [--untag tag] id\n" \
"       %1$s edit [-f file] filter ...\n" \
"       %1$s delete [-y] [-f file] [filter ...] [id ...]\n" \
"       %1$s merge [-f file] other | --conflicts\n" \
"       %1$s merge-driver ancestor ours theirs\n" \
"       %1$s import [-f file] --from jrnl file\n" \
"       %1$s export [-f file] [filter ...]\n" \
"               --format jrnl|markdown|json|jsonl\n"

void
usage(void)
{
	fprintf(stderr, USAGE, getprogname());
	exit(EXIT_TROUBLE);
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
	/* journal -n 5 is list -n 5. */
	if (argc > 1 && strncmp(argv[1], "-n", 2) == 0)
		return cmd_list(argc, argv);
	/*
	 * The journal may be named before the subcommand: -f file list.  The
	 * subcommand's argv[0] is the program's, for getopt's messages.
	 */
	if (argc > 3 && (strcmp(argv[1], "-f") == 0 ||
	    strcmp(argv[1], "--file") == 0))
		for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
			if (strcmp(argv[3], commands[i].name) == 0) {
				journal_path = argv[2];
				argv[3] = argv[0];
				return run(commands[i].run, argc - 3, argv + 3);
			}
	if (argc > 1)
		for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
			if (strcmp(argv[1], commands[i].name) == 0) {
				argv[1] = argv[0];
				return run(commands[i].run, argc - 1, argv + 1);
			}
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

/* Problems met while reading, as FILE:LINE: message on stderr. */
void
report_problem(const char *path, size_t line, const char *msg,
    void *arg __attribute__((__unused__)))
{
	warnx("%s:%zu: %s", path, line, msg);
}
