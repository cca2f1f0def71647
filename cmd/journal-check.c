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
 * journal check: verify the whole journal and say every problem; with
 * --repair, move the damaged records aside, and with --accept, keep the
 * entries edited by hand as they now read.
 */

#include "config.h"

#include <err.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "rapport.h"
#include "common.h"
#include "journal.h"

/*
 * check --strict: an entry dated more than a day after the clock is in
 * the future, a day allowing for the clocks of two devices that disagree.
 */
#define FUTURE_GRACE	(24 * 60 * 60)

/*
 * An entry as check remembers it: a hash of its id, and its line, in
 * twelve bytes, so that a million entries and the sort's copy of them
 * stay well under 32 MB.
 */
struct seen {
	uint64_t	 hash;
	uint32_t	 line;
} __attribute__((__packed__));

/* An entry edited by hand, as check --accept finds it. */
struct handmade {
	off_t		 offset;
	char		*raw;		/* the record, to be found again */
	size_t		 rawlen;
	struct jentry	 entry;		/* with the text as it now reads */
};

static void	 check_option(int, const char *);
static int	 cmp_seen(const void *, const void *);
static int	 cmp_size(const void *, const void *);
static size_t	 report_duplicates(FILE *, struct seen *, size_t);
static void	 show_text(const struct jentry *);
static int	 accept_hand_edits(bool);
static FILE	*open_with_dead(struct idset *);
static void	 free_handmade(struct handmade *, size_t);
static void	 count_unsealed(const char *, size_t, const char *, void *);
static int	 check_sealed_form(void);
static void	 repair(bool, const struct jkeys *);

static bool	 check_strict, check_repair, check_accept;

/* Options of check without a letter, past those of journal.h. */
enum check_long {
	OPT_ACCEPT = OPT_STRICT + 1
};

static void
check_option(int ch, const char *arg __attribute__((__unused__)))
{
	switch (ch) {
	case OPT_ACCEPT:
		check_accept = true;
		break;
	case OPT_REPAIR:
		check_repair = true;
		break;
	case OPT_STRICT:
		check_strict = true;
		break;
	default:
		usage();
	}
}

static const struct option check_opts[] = {
	{ "accept",	no_argument,		NULL,	OPT_ACCEPT },
	{ "file",	required_argument,	NULL,	'f' },
	{ "repair",	no_argument,		NULL,	OPT_REPAIR },
	{ "strict",	no_argument,		NULL,	OPT_STRICT },
	{ "yes",	no_argument,		NULL,	'y' },
	{ NULL,		0,			NULL,	0 }
};

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
 * The journal open for reading, with the ids that its edits and
 * deletions put out of use gathered in dead; NULL, having said so on
 * stdout, when there is no journal yet.
 */
static FILE *
open_with_dead(struct idset *dead)
{
	FILE	*fp;

	if ((fp = open_journal(journal_path, true)) == NULL) {
		printf("%s: no journal yet\n", journal_path);
		finish_stdout();
		return NULL;
	}
	if (journal_dead_ids(fp, journal_path, dead) == -1)
		err(EXIT_TROUBLE, "%s", journal_path);
	rewind(fp);
	return fp;
}

static size_t	 unsealed_problems;

/* A sealed record that check found cut short, damaged or not opening. */
static void
count_unsealed(const char *path, size_t line, const char *msg,
    void *arg __attribute__((__unused__)))
{
	printf("%s:%zu: %s\n", path, line, msg);
	unsealed_problems++;
}

/*
 * Check a sealed journal without its keys: the form of every line, which
 * tells records cut short or damaged from whole ones, but not whether a
 * record opens or what it holds.
 */
static int
check_sealed_form(void)
{
	struct sealread	 res;
	FILE		*fp;

	if ((fp = fopen(journal_path, "re")) == NULL)
		err(EXIT_TROUBLE, "%s", journal_path);
	if (journal_unseal(fp, journal_path, NULL, count_unsealed, NULL, &res,
	    NULL) == -1)
		err(EXIT_TROUBLE, "%s", journal_path);
	fclose(fp);
	if (check_repair && res.damaged > 0)
		repair(true, NULL);
	printf("%s: %zu sealed record%s, %zu problem%s; their contents are "
	    "checked with the passphrase (journal unlock, or "
	    "--passphrase-fd)\n", journal_path, res.records,
	    res.records == 1 ? "" : "s", res.damaged,
	    res.damaged == 1 ? "" : "s");
	finish_stdout();
	return res.damaged > 0 && !check_repair ? EXIT_NOMATCH : 0;
}

/*
 * check --repair: move the damaged records aside, to a side file beside
 * the file that the journal is, after links.  A sealed journal (sealed,
 * as check found it) has its lines moved as they are, and with keys those
 * that do not open too.
 */
static void
repair(bool sealed, const struct jkeys *keys)
{
	struct jrewrite	 res;
	char		*side, *real;
	int		 rv;

	if ((real = realpath(journal_path, NULL)) == NULL)
		err(EXIT_TROUBLE, "%s", journal_path);
	xasprintf(&side, "%s.rejected", real);
	free(real);
	if (sealed)
		rv = journal_rewrite_sealed(journal_path, JREWRITE_REPAIR, side,
		    keys, &res);
	else
		rv = journal_rewrite(journal_path, JREWRITE_REPAIR, side,
		    &res);
	if (rv == -1)
		write_failed(journal_path, "this journal", "rewrite");
	printf("%s: %zu damaged record%s moved to %s\n", journal_path,
	    res.dropped, res.dropped == 1 ? "" : "s", side);
	if (res.folded > 0)
		printf("%s: %zu duplicate record%s removed\n", journal_path,
		    res.folded, res.folded == 1 ? "" : "s");
	free(side);
}

/*
 * Verify the whole journal and print every problem as FILE:LINE:
 * message.  Exit 0 when it is clean, 1 when something was found.
 */
int
cmd_check(int argc, char **argv)
{
	struct jreader	 r;
	struct jevent	 ev;
	struct jtime	 t;
	struct seen	*seen = NULL;
	struct idset	 dead = { NULL, 0, 0, false };
	size_t		 problems = 0, entries = 0, nseen = 0, cseen = 0;
	FILE		*fp;
	int		 rv, ch;
	bool		 yes = false, sealed;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "f:y", check_opts, NULL)) != -1)
		if (ch == 'f')
			journal_path = optarg;
		else if (ch == 'y')
			yes = true;
		else
			check_option(ch, optarg);
	if (optind != argc || (yes && !check_accept) || (check_accept &&
	    (check_repair || check_strict)))
		usage();
	journal_path = which_journal(&config, journal_path);
	if (check_accept)
		return accept_hand_edits(yes);
	sealed = journal_sealed(journal_path);
	if (sealed) {
		unseal_problem = count_unsealed;
		if (!keys_at_hand(journal_path))
			return check_sealed_form();
	}
	if ((fp = open_with_dead(&dead)) == NULL)
		return 0;
	jreader_init(&r, journal_path, fp);
	while ((rv = jreader_next(&r, &ev)) == 1) {
		/* A hand edit since superseded, as by --accept, is a note. */
		if (ev.mismatch && idset_has(&dead, str_hash(ev.entry.id,
		    0))) {
			printf("%s:%zu: entry %s: checksum mismatch, in a text "
			    "since superseded or deleted, which compact "
			    "removes\n", journal_path, ev.line, ev.entry.id);
			if (check_strict)
				problems++;
		} else if (ev.problem != NULL) {
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
		seen[nseen].hash = str_hash(ev.entry.id, 0);
		seen[nseen++].line = ev.line > UINT32_MAX ? UINT32_MAX :
		    (uint32_t)ev.line;
		if (check_strict && ev.entry.time.allday == false &&
		    journal_parse_time(ev.entry.ts, &t) == 0 &&
		    t.utc > time(NULL) + FUTURE_GRACE) {
			printf("%s:%zu: entry %s is dated in the future\n",
			    journal_path, ev.line, ev.entry.id);
			problems++;
		}
	}
	if (rv == -1)
		err(EXIT_TROUBLE, "%s", journal_path);
	jreader_free(&r);
	idset_free(&dead);
	problems += unsealed_problems;
	problems += report_duplicates(fp, seen, nseen);
	free(seen);
	fclose(fp);
	if (check_repair && problems > 0)
		repair(sealed, sealed ? journal_keys(journal_path) : NULL);
	printf("%s: %zu entr%s, %zu problem%s\n", journal_path, entries,
	    entries == 1 ? "y" : "ies", problems, problems == 1 ? "" : "s");
	finish_stdout();
	return problems > 0 && !check_repair ? EXIT_NOMATCH : 0;
}

/* The text of an entry, each line after a tab, made safe for a terminal. */
static void
show_text(const struct jentry *e)
{
	const char	*p, *nl, *end = e->body + e->bodylen;
	int		 mode;

	mode = isatty(STDOUT_FILENO) ? SAFEOUT_TTY : SAFEOUT_RAW;
	for (p = e->body; p < end; p = nl + 1) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		/* safe_write ends the last line if the text does not. */
		putchar('\t');
		if (safe_write(stdout, p, (size_t)(nl - p) + (nl < end), mode) ==
		    -1)
			err(EXIT_TROUBLE, "stdout");
	}
}

/* Free what accept_hand_edits gathered. */
static void
free_handmade(struct handmade *hm, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++) {
		free(hm[i].raw);
		jentry_free(&hm[i].entry);
	}
	free(hm);
}

/*
 * Accept the live entries edited by hand, whose checksums do not match
 * their texts: show each, ask on a terminal unless -y, and write each as
 * an edit with the text as it now reads, all at once under the lock.
 * The records edited by hand stay in the file, superseded, until
 * compact; commands no longer warn of them.
 */
static int
accept_hand_edits(bool yes)
{
	struct jreader	 r;
	struct jevent	 ev;
	struct idset	 dead = { NULL, 0, 0, false };
	struct handmade	*hm = NULL;
	struct jbuf	 recs;
	struct jentry	*e;
	char		 again[JOURNAL_ID_MAX + 1], *rec, *q;
	size_t		 n = 0, cap = 0, i, reclen;
	FILE		*fp;
	int		 rv, lfd;

	if ((fp = open_with_dead(&dead)) == NULL)
		return 0;
	jreader_init(&r, journal_path, fp);
	while ((rv = jreader_next(&r, &ev)) == 1) {
		if (ev.kind != JREC_ENTRY || !ev.mismatch ||
		    idset_has(&dead, str_hash(ev.entry.id, 0)))
			continue;
		if (n == cap) {
			cap = cap == 0 ? 8 : cap * 2;
			hm = xreallocarray(hm, cap, sizeof(*hm));
		}
		hm[n].offset = ev.offset;
		hm[n].raw = xstrndup(ev.raw, ev.rawlen);
		hm[n].rawlen = ev.rawlen;
		copy_entry(&hm[n].entry, &ev.entry);
		strlcpy(hm[n].entry.id, ev.entry.id, sizeof(hm[n].entry.id));
		printf("%s:%zu: entry %s %s, edited by hand, now reads:\n",
		    journal_path, ev.line, ev.entry.id, ev.entry.ts);
		show_text(&hm[n].entry);
		n++;
	}
	if (rv == -1)
		err(EXIT_TROUBLE, "%s", journal_path);
	jreader_free(&r);
	idset_free(&dead);
	fclose(fp);
	if (n == 0) {
		printf("%s: no entry edited by hand to accept\n",
		    journal_path);
		finish_stdout();
		return 0;
	}
	fflush(stdout);
	if (!yes) {
		if (!isatty(STDIN_FILENO)) {
			free_handmade(hm, n);
			errx(EXIT_TROUBLE, "not on a terminal, check --accept "
			    "does not ask: add -y to keep %s as %s now read%s; "
			    "nothing was written", n == 1 ? "this entry" :
			    "these entries", n == 1 ? "it" : "they",
			    n == 1 ? "s" : "");
		}
		if (n == 1)
			q = xstrdup("Keep this entry as it now reads?");
		else
			xasprintf(&q, "Keep these %zu entries as they now "
			    "read?", n);
		yes = confirm(q);
		free(q);
		if (!yes) {
			free_handmade(hm, n);
			warnx("nothing was written");
			return EXIT_NOMATCH;
		}
	}

	/* Still the same records, under the lock? */
	memset(&recs, 0, sizeof(recs));
	if ((lfd = journal_lock(journal_path)) == -1)
		write_failed(journal_path, "this journal", "write to");
	if ((fp = open_journal(journal_path, true)) == NULL)
		errx(EXIT_TROUBLE, "%s: no longer there", journal_path);
	for (i = 0; i < n; i++) {
		e = &hm[i].entry;
		if (find_entry(fp, e->id, again, true) != hm[i].offset ||
		    strcmp(again, e->id) != 0 || !same_record(fp,
		    hm[i].offset, hm[i].raw, hm[i].rawlen)) {
			strlcpy(again, e->id, sizeof(again));
			free_handmade(hm, n);
			errx(EXIT_TROUBLE, "entry %s changed meanwhile; nothing "
			    "was written", again);
		}
		strlcpy(e->supersedes, e->id, sizeof(e->supersedes));
		journal_new_id(e->id);
		rec = entry_record(e, &reclen);
		jbuf_add(&recs, rec, reclen);
		free(rec);
	}
	fclose(fp);
	append_unlock(lfd, recs.s, recs.len);
	printf("%s: %zu entr%s kept as edited by hand; the text as first "
	    "written stays in the file until journal compact\n", journal_path,
	    n, n == 1 ? "y" : "ies");
	free_handmade(hm, n);
	free(recs.s);
	finish_stdout();
	return 0;
}
