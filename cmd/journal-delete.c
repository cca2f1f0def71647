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
 * journal's deletions: of the entries named by their ids or chosen by
 * list's filters, shown first and confirmed on a terminal, each a
 * tombstone appended under the lock.
 */

#include "config.h"

#include <sys/wait.h>

#include <ctype.h>
#include <err.h>
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

static void	 id_at(FILE *, off_t, char *);

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

	entry_at(fp, where, &r, &ev);
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
	fp = reopen_locked(&lfd);
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
	append_unlock(lfd, recs.s, recs.len);
	free(recs.s);
	free(ids);
	return done == n ? 0 : EXIT_TROUBLE;
}
