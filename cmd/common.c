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

/* What the four commands share: see common.h. */

#include "config.h"

#include <sys/ioctl.h>

#include <err.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rapport.h"
#include "common.h"

/*
 * Flush stdout and close it, or exit saying why, so that a full disk or a
 * closed pipe never passes for success.  Call it once, when the output is
 * complete.  Once the flush has succeeded nothing is pending, so EBADF
 * from the close means that stdout was closed when we started and that
 * nothing was written to it, which is no error.
 */
void
finish_stdout(void)
{
	if (fflush(stdout) == EOF || ferror(stdout))
		err(EXIT_TROUBLE, "stdout");
	if (fclose(stdout) == EOF && errno != EBADF)
		err(EXIT_TROUBLE, "stdout");
}

/*
 * Print the version line of the command name, as -V and --version do, and
 * finish the output.
 */
void
print_version(const char *name)
{
	printf("%s (%s) %s\n", name, PACKAGE_NAME, PACKAGE_VERSION);
	finish_stdout();
}

/*
 * Read the configuration file, rapport-config(5), for the command whose
 * section is command: a problem is fatal, one in another command's
 * section a warning, given once.
 */
void
read_config(struct config *c, const char *command)
{
	char	 msg[ERRBUF_SIZE];

	if (config_load(c, command, msg, sizeof(msg)) == -1)
		errx(EXIT_TROUBLE, "%s", msg);
	if (c->warning != NULL)
		warnx("%s", c->warning);
}

/*
 * Append the names of a list as the configuration writes it, parted by
 * commas and blanks, to *names; they point into the copy returned, which
 * is freed after them.
 */
char *
split_names(const char *list, const char ***names, size_t *n)
{
	char	*copy, *p, *name;

	copy = p = xstrdup(list);
	while ((name = strsep(&p, ", \t")) != NULL)
		if (*name != '\0') {
			*names = xreallocarray(*names, *n + 1, sizeof(**names));
			(*names)[(*n)++] = name;
		}
	return copy;
}

/*
 * The configuration's exclude in a command's section names categories
 * that exist, as is_category says: a mistyped one would leave nothing
 * out, and say nothing.
 */
void
check_excluded(const struct config *c, const char *section,
    const struct searchpath *sp,
    bool (*is_category)(const struct searchpath *, const char *))
{
	const char	*v, **names = NULL;
	char		*list, where[PATH_MAX + 32];
	size_t		 n = 0, i;

	if ((v = config_get(c, section, "exclude")) == NULL)
		return;
	list = split_names(v, &names, &n);
	for (i = 0; i < n; i++)
		if (!is_category(sp, names[i])) {
			config_where(c, section, "exclude", where,
			    sizeof(where));
			errx(EXIT_TROUBLE, "%s: exclude = %s: %s is not a "
			    "category (%s --list-categories lists them)",
			    where, v, names[i], getprogname());
		}
	free(names);
	free(list);
}

/*
 * The date of --daily: its argument, or else the next word when that is a
 * date, since getopt takes an optional argument only after an equals sign
 * (--daily=2026-02-14); NULL for today.
 */
const char *
daily_option(const char *arg, int argc, char **argv)
{
	if (arg == NULL && optind < argc &&
	    date_parse(argv[optind], &(struct ymd){ 0 }) == 0)
		return argv[optind++];
	return arg;
}

/*
 * Seed rng for --daily with the date (today when NULL) and the shared
 * word, so that everyone who shares them is given the same pick.
 */
void
daily_rng(struct rng *rng, const char *date, const char *word)
{
	uint64_t	 seed;

	if (date_seed(date, word, &seed) == -1)
		errx(EXIT_TROUBLE, "date is not YYYY-MM-DD: %s",
		    date == NULL ? "today" : date);
	rng_init_seed(rng, seed);
}

/* --for: whether the audience is a partner rather than friend or family. */
bool
audience_option(const char *arg)
{
	if (strcmp(arg, "partner") == 0)
		return true;
	if (strcmp(arg, "friend") == 0 || strcmp(arg, "family") == 0)
		return false;
	errx(EXIT_TROUBLE, "audience must be partner, friend or family: %s",
	    arg);
}

/*
 * --format mail, --to and --subject go together: mail needs an address,
 * and the address and the subject mean nothing to another format.
 */
void
check_mail_options(bool mail, const char *to, const char *subject)
{
	if (mail && to == NULL)
		errx(EXIT_TROUBLE, "--format mail needs --to address");
	if (!mail && (to != NULL || subject != NULL))
		errx(EXIT_TROUBLE, "--to and --subject need --format mail");
}

/*
 * The width of text lines: the terminal's, else COLUMNS, else 80, as for
 * output that goes to a file or a pipe.  journal list wraps at it, and
 * score report draws a grid past REPORT_WIDE of it.
 */
size_t
terminal_columns(void)
{
	struct winsize	 ws;
	const char	*s, *errstr;
	size_t		 n;

	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ,
	    &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	if ((s = getenv("COLUMNS")) != NULL) {
		n = (size_t)strtonum(s, 1, 10000, &errstr);
		if (errstr == NULL)
			return n;
	}
	return 80;
}
