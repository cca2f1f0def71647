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
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rapport.h"
#include "common.h"
#include "names.h"

/* A command that could not be run exits as under env(1) and sh(1). */
#define EXIT_CANNOT_RUN	126
#define EXIT_NOT_FOUND	127

struct command {
	const char	*name;		/* as typed after rapport */
	const char	*installed;	/* as --program-prefix installed it */
	const char	*what;
};

static const struct command commands[] = {
	{ "journal",	NAME_JOURNAL,	"keep a private journal of reflections" },
	{ "prompt",	NAME_PROMPT,	"print a conversation prompt" },
	{ "score",	NAME_SCORE,	"check in on your connection" },
	{ "tip",	NAME_TIP,	"print a tip about connecting" },
};

#define NCOMMANDS	(sizeof(commands) / sizeof(commands[0]))

static __dead void usage(void);
static __dead void help(void);
static const struct command *lookup(const char *);
static char	*own_dir(const char *);
static char	*sibling(const struct command *, const char *);
static __dead void run(const struct command *, const char *, int, char **);

static __dead void
usage(void)
{
	fprintf(stderr,
	    "usage: %1$s command [argument ...]\n"
	    "       %1$s help [command]\n"
	    "       %1$s which command\n", getprogname());
	exit(EXIT_TROUBLE);
}

static __dead void
help(void)
{
	size_t	 i;

	printf("usage: %1$s command [argument ...]\n"
	    "       %1$s help [command]\n"
	    "       %1$s which command\n\n"
	    "Run one of rapport's commands, the one installed beside %1$s,\n"
	    "whatever else has the same name on this system.\n\n",
	    getprogname());
	for (i = 0; i < NCOMMANDS; i++)
		printf("  %-9s%s\n", commands[i].name, commands[i].what);
	printf("  %-9s%s\n", "help", "this list, or a command's --help");
	printf("  %-9s%s\n\n", "which", "the file a command runs");
	printf("See rapport(1).\n");
	finish_stdout();
	exit(0);
}

/*
 * rapport runs tip, prompt, journal or score by the name that make
 * install gave it, from the directory rapport itself was run from, so
 * that a zsh prompt function or a serial-line tip never stands in for
 * them.
 */
int
main(int argc, char *argv[])
{
	const struct command	*cmd;
	char			*path;
	char			*helpargv[] = { "--help", NULL };

	if (argc < 2)
		usage();
	if (strcmp(argv[1], "help") == 0 || strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "--help") == 0) {
		if (argc == 2)
			help();
		if (argc > 3)
			usage();
		if ((cmd = lookup(argv[2])) == NULL)
			errx(EXIT_TROUBLE, "%s: not a command; \"%s help\" "
			    "lists them", argv[2], getprogname());
		run(cmd, argv[0], 1, helpargv);
	}
	if (strcmp(argv[1], "-V") == 0 || strcmp(argv[1], "--version") == 0) {
		if (argc > 2)
			usage();
		print_version("rapport");
		return 0;
	}
	if (strcmp(argv[1], "which") == 0) {
		if (argc != 3)
			usage();
		if ((cmd = lookup(argv[2])) == NULL)
			errx(EXIT_TROUBLE, "%s: not a command; \"%s help\" "
			    "lists them", argv[2], getprogname());
		path = sibling(cmd, argv[0]);
		printf("%s\n", path);
		free(path);
		finish_stdout();
		return 0;
	}
	if (argv[1][0] == '-')
		usage();
	if ((cmd = lookup(argv[1])) == NULL)
		errx(EXIT_TROUBLE, "%s: not a command; \"%s help\" lists them",
		    argv[1], getprogname());
	run(cmd, argv[0], argc - 2, argv + 2);
}

static const struct command *
lookup(const char *name)
{
	size_t	 i;

	for (i = 0; i < NCOMMANDS; i++)
		if (strcmp(name, commands[i].name) == 0)
			return &commands[i];
	return NULL;
}

/*
 * The directory rapport was run from: that of argv[0] when it holds a
 * slash, else the first entry of PATH holding an executable of its name,
 * as the shell found it.  NULL when it cannot be told.
 */
static char *
own_dir(const char *argv0)
{
	const char	*slash, *entry, *end, *path;
	char		*file, *dir;

	if ((slash = strrchr(argv0, '/')) != NULL)
		return slash == argv0 ? xstrdup("/") :
		    xstrndup(argv0, slash - argv0);
	if ((path = getenv("PATH")) == NULL)
		return NULL;
	for (entry = path;; entry = end + 1) {
		end = entry + strcspn(entry, ":");
		/* An empty entry is the current directory. */
		dir = end == entry ? xstrdup(".") :
		    xstrndup(entry, end - entry);
		xasprintf(&file, "%s/%s", dir, argv0);
		if (access(file, X_OK) == 0) {
			free(file);
			return dir;
		}
		free(file);
		free(dir);
		if (*end == '\0')
			return NULL;
	}
}

/*
 * The file that runs a command: its installed name beside rapport, else
 * in the directory the commands are installed in.  Where neither exists,
 * the first, for the error to name it.
 */
static char *
sibling(const struct command *cmd, const char *argv0)
{
	char	*dir, *beside = NULL, *installed;

	if ((dir = own_dir(argv0)) != NULL) {
		xasprintf(&beside, "%s/%s", dir, cmd->installed);
		free(dir);
		if (access(beside, X_OK) == 0)
			return beside;
	}
	xasprintf(&installed, "%s/%s", BINDIR, cmd->installed);
	if (beside == NULL || access(installed, X_OK) == 0) {
		free(beside);
		return installed;
	}
	free(installed);
	return beside;
}

/* Run a command with its arguments, under its installed name. */
static __dead void
run(const struct command *cmd, const char *argv0, int argc, char **argv)
{
	char	**args, *path;
	int	 i;

	path = sibling(cmd, argv0);
	args = xreallocarray(NULL, argc + 2, sizeof(*args));
	args[0] = (char *)cmd->installed;
	for (i = 0; i < argc; i++)
		args[i + 1] = argv[i];
	args[argc + 1] = NULL;
	execv(path, args);
	err(errno == ENOENT ? EXIT_NOT_FOUND : EXIT_CANNOT_RUN, "%s", path);
}
