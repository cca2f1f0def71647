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
 * journal's keeping: compact, merge and import, which rewrite or add to
 * the journal as a whole, and tags and stats, which count over it.
 */

#include "config.h"

#include <err.h>
#include <errno.h>
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

struct count {
	char	*key;
	size_t	 n;
	double	 sum;
};

struct tally {
	struct count	*a;
	size_t		 na;
	struct count	*b;
	size_t		 nb;
};

static struct count *count_of(struct count **, size_t *, const char *);
static int	 cmp_count(const void *, const void *);
static int	 cmp_key(const void *, const void *);
static void	 each_live(FILE *, void (*)(const struct jentry *, void *),
		    void *);
static void	 tally_tags(const struct jentry *, void *);
static void	 tally_stats(const struct jentry *, void *);
static void	 merge_problem(const char *, size_t, const char *, void *);
static void	 merge_option(int, const char *);
static int	 import_entry(const struct jentry *, void *);
static void	 import_option(int, const char *);

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

static void
tally_tags(const struct jentry *e, void *arg)
{
	struct tally	*t = arg;
	size_t		 i;

	for (i = 0; i < e->ntags; i++)
		count_of(&t->a, &t->na, e->tags[i])->n++;
}

/* The tags of the live entries, the most used first. */
int
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

/* The entries of each ISO week, and the mean of each rating. */
int
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

/*
 * Rewrite the journal without what is superseded or deleted.  A journal
 * not there yet is as for list: nothing to do, and nothing made.
 */
int
cmd_compact(int argc, char **argv)
{
	struct jrewrite	 res;
	FILE		*fp;

	file_only(argc, argv, 0, NULL, NULL);
	if ((fp = open_journal(journal_path, true)) == NULL)
		return EXIT_NOMATCH;
	fclose(fp);
	if (journal_sealed(journal_path)) {
		if (journal_rewrite_sealed(journal_path, JREWRITE_COMPACT,
		    NULL, journal_keys(journal_path), &res) == -1) {
			if (errno == EBADMSG)
				errx(EXIT_TROUBLE, "%s: records that do not "
				    "open; nothing was compacted: journal check "
				    "--repair moves them aside", journal_path);
			write_failed(journal_path, "this journal", "rewrite");
		}
	} else if (journal_rewrite(journal_path, JREWRITE_COMPACT, NULL,
	    &res) == -1)
		write_failed(journal_path, "this journal", "rewrite");
	if (res.dropped > 0)
		fprintf(stderr, "%s: %zu superseded or deleted record%s "
		    "removed\n", getprogname(), res.dropped,
		    res.dropped == 1 ? "" : "s");
	if (res.folded > 0)
		fprintf(stderr, "%s: %zu duplicate record%s removed\n",
		    getprogname(), res.folded, res.folded == 1 ? "" : "s");
	return 0;
}

/* A record of the other copy that cannot be read. */
static void
merge_problem(const char *path, size_t line, const char *msg,
    void *arg __attribute__((__unused__)))
{
	warnx("%s:%zu: %s; not merged", path, line, msg);
}

static bool	 merge_copies;

static void
merge_option(int ch __attribute__((__unused__)),
    const char *arg __attribute__((__unused__)))
{
	merge_copies = true;
}

static const struct option merge_opts[] = {
	{ "conflicts",	no_argument,		NULL,	OPT_CONFLICTS },
	{ "file",	required_argument,	NULL,	'f' },
	{ NULL,		0,			NULL,	0 }
};

/*
 * Add the records of another copy of the journal that this one lacks, in
 * the other's order, but for the entries that this one deleted or edited
 * (journal_merge()); with --conflicts, those of the conflict copies beside
 * it (merge_conflicts()).
 */
int
cmd_merge(int argc, char **argv)
{
	struct jmerge	 res;
	const char	*other;

	file_only(argc, argv, -1, merge_opts, merge_option);
	if (merge_copies) {
		if (argc != optind)
			usage();
		return merge_conflicts();
	}
	if (argc - optind != 1)
		usage();
	other = argv[optind];
	if (journal_merge(journal_path, other, 0, merge_problem, NULL,
	    &res) == -1) {
		if (errno == EPROTOTYPE)
			errx(EXIT_TROUBLE, "%s: %s, and %s is %s: copies merge "
			    "when both are sealed or both plain (journal "
			    "encrypt, journal decrypt)", res.failed,
			    journal_sealed(res.failed) ? "sealed" : "plain",
			    res.failed == other ? journal_path : other,
			    journal_sealed(res.failed) ? "plain" : "sealed");
		if (res.failed == other)
			err(EXIT_TROUBLE, "%s", other);
		write_failed(journal_path, "this journal", "write to");
	}
	fprintf(stderr, "%s: %zu record%s merged from %s\n", getprogname(),
	    res.added, res.added == 1 ? "" : "s", other);
	if (res.dead > 0)
		fprintf(stderr, "%s: %zu entr%s of %s left out, deleted or "
		    "edited in %s\n", getprogname(), res.dead,
		    res.dead == 1 ? "y" : "ies", other, journal_path);
	return 0;
}

/* Format an imported entry, to be merged with the others. */
static int
import_entry(const struct jentry *e, void *arg)
{
	struct jbuf	*out = arg;
	char		*rec;
	size_t		 len;

	if (journal_format_entry(e, &rec, &len) == -1)
		errx(EXIT_TROUBLE, "an imported entry would not read back as "
		    "written; nothing was written");
	jbuf_add(out, rec, len);
	free(rec);
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
	{ "from",	required_argument,	NULL,	OPT_FROM },
	{ NULL,		0,			NULL,	0 }
};

/*
 * Import a jrnl journal: entries start at lines "[date time] title", a
 * title ending in " *" is starred, @words are tags.  Ids come from each
 * entry's time and text, so importing the same file twice adds nothing.
 */
int
cmd_import(int argc, char **argv)
{
	struct jmerge	 res;
	struct jkeys	 keys;
	struct jbuf	 out = { NULL, 0, 0 };
	FILE		*fp;

	memset(&keys, 0, sizeof(keys));
	file_only(argc, argv, 1, import_opts, import_option);
	if (import_from == NULL || strcmp(import_from, "jrnl") != 0)
		errx(EXIT_TROUBLE, "import needs --from jrnl");
	fp = open_journal(argv[optind], false);
	if (jrnl_read(fp, argv[optind], import_entry, report_problem,
	    &out) == -1)
		err(EXIT_TROUBLE, "%s", argv[optind]);
	fclose(fp);
	/* What the journal has already is decided under its lock. */
	if (journal_sealed(journal_path))
		unlock_keys(journal_path, &keys);
	if (journal_merge_mem(journal_path, keys.nkeys > 0 ? &keys : NULL,
	    argv[optind], out.s, out.len, 0, report_problem, NULL, &res) ==
	    -1)
		write_failed(journal_path, "this journal", "write to");
	fprintf(stderr, "%s: %zu entr%s imported from %s\n", getprogname(),
	    res.added, res.added == 1 ? "y" : "ies", argv[optind]);
	if (res.dead > 0)
		fprintf(stderr, "%s: %zu entr%s of %s left out, deleted or "
		    "edited in %s\n", getprogname(), res.dead,
		    res.dead == 1 ? "y" : "ies", argv[optind], journal_path);
	keys_free(&keys);
	free(out.s);
	return 0;
}
