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
 * journal between machines: merge --conflicts, which folds back in the
 * conflict copies that file synchronisers leave beside the journal, and
 * merge-driver, git's merge driver for a journal.
 */

#include "config.h"

#include <err.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "rapport.h"
#include "common.h"
#include "journal.h"

static void	 say_merged(const struct jmerge *, const char *,
		    const char *);

/* How many records a merge added from file, and what became of it. */
static void
say_merged(const struct jmerge *res, const char *file, const char *then)
{
	fprintf(stderr, "%s: %zu record%s merged from %s%s\n", getprogname(),
	    res->added, res->added == 1 ? "" : "s", file, then);
}

/*
 * merge --conflicts: fold every conflict copy beside the journal back in,
 * each removed once the journal is on the disk.  Exits 0 when every copy
 * was merged and removed, or there was none; 1 when a copy was kept for
 * records that cannot be read; 2 when a copy could not be merged.
 */
int
merge_conflicts(void)
{
	struct jmerge	 res;
	char		**copies;
	size_t		  n, i;
	int		  rv = 0;

	if (conflict_list(journal_path, &copies, &n) == -1)
		err(EXIT_TROUBLE, "%s", journal_path);
	if (n == 0)
		fprintf(stderr, "%s: no conflict copy beside %s\n",
		    getprogname(), journal_path);
	for (i = 0; i < n; i++)
		switch (conflict_fold(journal_path, copies[i], report_problem,
		    NULL, &res)) {
		case 0:
			say_merged(&res, copies[i], ", which is removed");
			break;
		case 1:
			say_merged(&res, copies[i], ", which is kept for the "
			    "records that cannot be read");
			if (rv == 0)
				rv = EXIT_NOMATCH;
			break;
		default:
			if (res.failed == journal_path)
				write_failed(journal_path, "this journal",
				    "write to");
			if (errno == EBADMSG)
				warnx("%s: not a journal; not merged",
				    copies[i]);
			else
				warn("%s", copies[i]);
			rv = EXIT_TROUBLE;
		}
	conflict_free(copies, n);
	return rv;
}

/*
 * merge-driver ancestor ours theirs: git's merge driver.  The result goes
 * into ours; 0 when merged, 1, a conflict to git, when it could not be.
 * The ancestor is not read: every edit and deletion is a record of its
 * own that both sides keep, so the union is the merge.
 */
int
cmd_merge_driver(int argc, char **argv)
{
	struct jmerge	 res;
	const char	*ours, *theirs;

	optind = 1;
	if (getopt(argc, argv, "") != -1 || argc - optind != 3)
		usage();
	ours = argv[optind + 1];
	theirs = argv[optind + 2];
	if (conflict_resolve(ours, theirs, report_problem, NULL, &res) == 0)
		return 0;
	if (errno == EBADMSG && res.problems > 0)
		warnx("%s: %zu record%s cannot be read; not merged", theirs,
		    res.problems, res.problems == 1 ? "" : "s");
	else if (errno == EBADMSG)
		warnx("%s: not a journal; not merged", res.failed);
	else if (errno == ENOTSUP)
		warnx("%s: a journal of a later version; not merged",
		    res.failed);
	else
		warn("%s", res.failed);
	return EXIT_NOMATCH;
}
