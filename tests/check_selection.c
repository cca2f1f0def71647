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

#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rapport.h"
#include "checkutil.h"

#define LIT(s)		(s), (sizeof(s) - 1)

#define NPICKS		40000

/* Records in a big file: 1,000 of 82 bytes, over RECFILE_INDEX_MIN. */
#define BIG_NRECS	1000
#define BIG_SIZE	(BIG_NRECS * 82)

static char		 dir[PATH_MAX];
static struct searchpath sp;

static const struct builtin builtins[] = {
	{ "builtin", LIT("B1\n%\nB2\n%\n") },
	{ "a", LIT("built-in a\n") },
};

/* Create dir/name holding text, or a directory when text is NULL. */
static void
make(const char *name, const char *text, size_t len)
{
	char	 sub[PATH_MAX], path[PATH_MAX];
	int	 fd;

	check_pathcat(sub, sizeof(sub), "/", name);
	check_pathcat(path, sizeof(path), dir, sub);
	if (text == NULL) {
		ck_assert_int_eq(mkdir(path, 0755), 0);
		return;
	}
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	ck_assert_int_ne(fd, -1);
	ck_assert_int_eq(write(fd, text, len), (ssize_t)len);
	ck_assert_int_eq(close(fd), 0);
}

/*
 * Every test starts in a directory of its own, which is also its search
 * path, holding files of known numbers of records.
 */
static void
setup(void)
{
	check_newdir(dir, sizeof(dir));
	ck_assert_int_eq(chdir(dir), 0);
	make("one", LIT("solo\n"));
	make("three", LIT("t1 keep\n%\nt2\n%\nt3 keep\n"));
	make("a", LIT("a1\n%\n"));
	make("b", LIT("b1\n"));
	make("c", LIT("c1\n%\nc2 keep\n%\nc3\n%\n"));
	make("empty", "", 0);
	make("blank", LIT("%\n\n%\n%% nothing\n"));
	make("coll", NULL, 0);
	make("coll/x", LIT("x1\n"));
	make("coll/y", LIT("y1\n%\ny2\n%\ny3\n"));
	searchpath_init(&sp, dir, NULL, NULL);
}

static void
teardown(void)
{
	searchpath_free(&sp);
}

/* Parse operands given as one string of words, as tip's arguments. */
static int
parse(struct selection *sel, const char *args, char *errbuf)
{
	char	*copy, *argv[16], *p;
	int	 argc = 0, rv;

	copy = xstrdup(args);
	for (p = strtok(copy, " "); p != NULL; p = strtok(NULL, " ")) {
		ck_assert_int_lt(argc, (int)nitems(argv));
		argv[argc++] = p;
	}
	selection_init(sel);
	errbuf[0] = '\0';
	rv = selection_operands(sel, &sp, builtins, nitems(builtins), argc,
	    argv, errbuf, ERRBUF_SIZE);
	free(copy);
	if (rv == 0)
		selection_count(sel);
	return rv;
}

/* Operands that must be refused, with a message naming the culprit. */
static void
refuse(const char *args, const char *culprit)
{
	struct selection sel;
	char		 errbuf[ERRBUF_SIZE];

	ck_assert_msg(parse(&sel, args, errbuf) == -1, "\"%s\" accepted",
	    args);
	ck_assert_msg(strstr(errbuf, culprit) != NULL,
	    "\"%s\": message \"%s\" does not name %s", args, errbuf, culprit);
	selection_free(&sel);
}

static void
accept(struct selection *sel, const char *args)
{
	char	 errbuf[ERRBUF_SIZE];

	ck_assert_msg(parse(sel, args, errbuf) == 0, "\"%s\": %s", args,
	    errbuf);
}

static void
check_source(const struct selection *sel, size_t i, const char *label,
    int percent, size_t nfiles)
{
	ck_assert_uint_lt(i, sel->nsources);
	ck_assert_str_eq(sel->sources[i].label, label);
	ck_assert_int_eq(sel->sources[i].percent, percent);
	ck_assert_uint_eq(sel->sources[i].nfiles, nfiles);
}

#define EPS	1e-12

START_TEST(test_weight_word)
{
	struct selection sel;

	accept(&sel, "30% a b");
	ck_assert_uint_eq(sel.nsources, 2);
	check_source(&sel, 0, "a", 30, 1);
	check_source(&sel, 1, "b", -1, 1);
	ck_assert_ptr_nonnull(sel.sources[0].files[0].path);
	ck_assert_uint_eq(sel.sources[0].files[0].nrecs, 1);
	selection_free(&sel);
}
END_TEST

START_TEST(test_weight_glued)
{
	struct selection sel;

	accept(&sel, "30%a b");
	ck_assert_uint_eq(sel.nsources, 2);
	check_source(&sel, 0, "a", 30, 1);
	check_source(&sel, 1, "b", -1, 1);
	selection_free(&sel);
}
END_TEST

START_TEST(test_weight_several)
{
	struct selection sel;

	/* fortune-mod 3.26 refuses this one (its issue 143). */
	accept(&sel, "60% a 30% b 10%c");
	ck_assert_uint_eq(sel.nsources, 3);
	check_source(&sel, 0, "a", 60, 1);
	check_source(&sel, 1, "b", 30, 1);
	check_source(&sel, 2, "c", 10, 1);
	ck_assert_double_eq_tol(selection_chance(&sel, 0, -1), 0.6, EPS);
	ck_assert_double_eq_tol(selection_chance(&sel, 1, -1), 0.3, EPS);
	ck_assert_double_eq_tol(selection_chance(&sel, 2, -1), 0.1, EPS);
	selection_free(&sel);
	accept(&sel, "100% a");
	ck_assert_double_eq_tol(selection_chance(&sel, 0, -1), 1.0, EPS);
	selection_free(&sel);
	accept(&sel, "0% a b");
	ck_assert_double_eq_tol(selection_chance(&sel, 0, -1), 0.0, EPS);
	ck_assert_double_eq_tol(selection_chance(&sel, 1, -1), 1.0, EPS);
	selection_free(&sel);
}
END_TEST

START_TEST(test_no_weight)
{
	struct selection sel;

	accept(&sel, "a b coll");
	ck_assert_uint_eq(sel.nsources, 3);
	check_source(&sel, 0, "a", -1, 1);
	check_source(&sel, 2, "coll", -1, 2);
	ck_assert(sel.sources[2].isdir);
	selection_free(&sel);
	/* No operand is no source, and no error. */
	accept(&sel, "");
	ck_assert_uint_eq(sel.nsources, 0);
	selection_free(&sel);
}
END_TEST

START_TEST(test_paths)
{
	struct selection sel;

	/* With a slash, an operand is a path, not a category. */
	accept(&sel, "./coll coll/x");
	ck_assert_uint_eq(sel.nsources, 2);
	check_source(&sel, 0, "./coll", -1, 2);
	ck_assert(sel.sources[0].isdir);
	check_source(&sel, 1, "coll/x", -1, 1);
	ck_assert(!sel.sources[1].isdir);
	ck_assert_str_eq(sel.sources[1].files[0].name, "x");
	selection_free(&sel);
	refuse("./missing", "./missing");
	/* x is in coll, not in the search path. */
	refuse("x", "x");
}
END_TEST

START_TEST(test_weight_errors)
{
	refuse("150% a b", "150%");
	refuse("101%a b", "101%");
	refuse("abc% a", "abc%");
	refuse("3x% a b", "3x%");
	refuse("30%", "30%");
	refuse("a 30%", "30%");
}
END_TEST

START_TEST(test_sum_errors)
{
	/* Over 100. */
	refuse("60% a 50% b c", "110%");
	/* Under 100, with nothing to take the rest. */
	refuse("30% a", "30%");
	refuse("30% a 20% b", "50%");
	/* Exactly 100, with a source left over. */
	refuse("60% a 40% b c", "c");
}
END_TEST

START_TEST(test_unknown)
{
	refuse("nosuch", "nosuch");
	refuse("a nosuch b", "nosuch");
	refuse("50% nosuch a", "nosuch");
}
END_TEST

START_TEST(test_builtin)
{
	struct selection sel;

	accept(&sel, "builtin");
	ck_assert_uint_eq(sel.nsources, 1);
	check_source(&sel, 0, "builtin", -1, 1);
	ck_assert_ptr_null(sel.sources[0].files[0].path);
	ck_assert_uint_eq(sel.sources[0].files[0].nrecs, 2);
	selection_free(&sel);
	/* A file of the search path comes before a built-in of its name. */
	accept(&sel, "a");
	ck_assert_ptr_nonnull(sel.sources[0].files[0].path);
	selection_free(&sel);
}
END_TEST

START_TEST(test_default_builtin)
{
	struct searchpath empty;
	struct selection sel;
	struct recfile	*rf;
	struct rng	 rng;
	const char	*s;
	char		 path[PATH_MAX], *copy;
	size_t		 rec, len;

	/* A search path with nothing in it: the built-ins are used. */
	check_pathcat(path, sizeof(path), dir, "/nothing-here");
	searchpath_init(&empty, path, NULL, NULL);
	selection_init(&sel);
	selection_add_default(&sel, &empty, builtins, nitems(builtins));
	ck_assert_uint_eq(sel.nsources, 2);
	selection_count(&sel);
	rng_init_seed(&rng, 7);
	ck_assert_int_eq(selection_pick(&sel, &rng, &rf, &rec), 0);
	ck_assert_ptr_null(rf->path);
	s = recfile_text(rf, rec, &len, &copy);
	ck_assert(len == 3 || len == 11);
	ck_assert(memcmp(s, "B1\n", 3) == 0 || memcmp(s, "B2\n", 3) == 0 ||
	    memcmp(s, "built-in a\n", 11) == 0);
	selection_free(&sel);
	searchpath_free(&empty);

	/* A search path with records: no built-in. */
	selection_init(&sel);
	selection_add_default(&sel, &sp, builtins, nitems(builtins));
	/* a b blank c empty one three, each a source: coll is no file. */
	ck_assert_uint_eq(sel.nsources, 7);
	ck_assert_str_eq(sel.sources[0].label, "a");
	ck_assert_str_eq(sel.sources[4].label, "empty");
	ck_assert_str_eq(sel.sources[6].label, "three");
	for (rec = 0; rec < sel.nsources; rec++)
		ck_assert_ptr_nonnull(sel.sources[rec].files[0].path);
	selection_free(&sel);
}
END_TEST

START_TEST(test_chance_records)
{
	struct selection sel;

	accept(&sel, "one three");
	ck_assert_double_eq_tol(selection_chance(&sel, 0, -1), 0.25, EPS);
	ck_assert_double_eq_tol(selection_chance(&sel, 1, -1), 0.75, EPS);
	sel.equal = true;
	ck_assert_double_eq_tol(selection_chance(&sel, 0, -1), 0.5, EPS);
	ck_assert_double_eq_tol(selection_chance(&sel, 1, -1), 0.5, EPS);
	selection_free(&sel);
}
END_TEST

START_TEST(test_chance_weighted)
{
	struct selection sel;

	/* a has 1 record, b 1, c 3: b and c share the other half 1:3. */
	accept(&sel, "50% a b c");
	ck_assert_double_eq_tol(selection_chance(&sel, 0, -1), 0.5, EPS);
	ck_assert_double_eq_tol(selection_chance(&sel, 1, -1), 0.125, EPS);
	ck_assert_double_eq_tol(selection_chance(&sel, 2, -1), 0.375, EPS);
	sel.equal = true;
	ck_assert_double_eq_tol(selection_chance(&sel, 0, -1), 0.5, EPS);
	ck_assert_double_eq_tol(selection_chance(&sel, 1, -1), 0.25, EPS);
	ck_assert_double_eq_tol(selection_chance(&sel, 2, -1), 0.25, EPS);
	selection_free(&sel);
}
END_TEST

START_TEST(test_chance_directory)
{
	struct selection sel;

	/* coll holds x (1 record) and y (3); c has 3. */
	accept(&sel, "coll c");
	ck_assert_str_eq(sel.sources[0].files[0].name, "x");
	ck_assert_str_eq(sel.sources[0].files[1].name, "y");
	ck_assert_double_eq_tol(selection_chance(&sel, 0, -1), 4.0 / 7, EPS);
	ck_assert_double_eq_tol(selection_chance(&sel, 0, 0), 1.0 / 7, EPS);
	ck_assert_double_eq_tol(selection_chance(&sel, 0, 1), 3.0 / 7, EPS);
	ck_assert_double_eq_tol(selection_chance(&sel, 1, -1), 3.0 / 7, EPS);
	ck_assert_double_eq_tol(selection_chance(&sel, 1, 0), 3.0 / 7, EPS);
	sel.equal = true;
	ck_assert_double_eq_tol(selection_chance(&sel, 0, -1), 0.5, EPS);
	ck_assert_double_eq_tol(selection_chance(&sel, 0, 0), 0.25, EPS);
	ck_assert_double_eq_tol(selection_chance(&sel, 0, 1), 0.25, EPS);
	ck_assert_double_eq_tol(selection_chance(&sel, 1, -1), 0.5, EPS);
	selection_free(&sel);
	/* A weight on a directory splits among its files by records. */
	accept(&sel, "20% coll one");
	ck_assert_double_eq_tol(selection_chance(&sel, 0, 0), 0.05, EPS);
	ck_assert_double_eq_tol(selection_chance(&sel, 0, 1), 0.15, EPS);
	ck_assert_double_eq_tol(selection_chance(&sel, 1, -1), 0.8, EPS);
	selection_free(&sel);
}
END_TEST

START_TEST(test_chance_empty)
{
	struct selection sel;

	accept(&sel, "one empty blank");
	ck_assert_uint_eq(sel.sources[1].files[0].nrecs, 0);
	ck_assert_uint_eq(sel.sources[2].files[0].nrecs, 0);
	ck_assert_double_eq_tol(selection_chance(&sel, 0, -1), 1.0, EPS);
	ck_assert_double_eq_tol(selection_chance(&sel, 1, -1), 0.0, EPS);
	sel.equal = true;
	ck_assert_double_eq_tol(selection_chance(&sel, 0, -1), 1.0, EPS);
	ck_assert_double_eq_tol(selection_chance(&sel, 2, -1), 0.0, EPS);
	selection_free(&sel);
}
END_TEST

/*
 * Pick NPICKS times and compare each record's frequency with its chance,
 * within five standard deviations: a bound a correct pick misses about
 * once in two million records, and weighting by file instead of by record
 * exceeds by far.  want[s][f][r] is the chance of record r of file f of
 * source s.
 */
static void
check_selections(struct selection *sel, uint64_t seed, double want[4][2][3])
{
	static unsigned	 count[4][2][3];
	struct recfile	*rf;
	struct rng	 rng;
	double		 sd, p, dev;
	size_t		 i, s, f, r, rec;
	bool		 found;

	memset(count, 0, sizeof(count));
	rng_init_seed(&rng, seed);
	for (i = 0; i < NPICKS; i++) {
		ck_assert_int_eq(selection_pick(sel, &rng, &rf, &rec), 0);
		found = false;
		for (s = 0; s < sel->nsources && !found; s++)
			for (f = 0; f < sel->sources[s].nfiles; f++)
				if (rf == &sel->sources[s].files[f]) {
					ck_assert_uint_lt(rec, rf->nrecs);
					ck_assert_uint_lt(rec, 3);
					count[s][f][rec]++;
					found = true;
					break;
				}
		ck_assert(found);
	}
	for (s = 0; s < 4; s++)
		for (f = 0; f < 2; f++)
			for (r = 0; r < 3; r++) {
				p = want[s][f][r];
				sd = sqrt(NPICKS * p * (1 - p));
				dev = fabs(count[s][f][r] - NPICKS * p);
				ck_assert_msg(dev <= 5 * sd,
				    "source %zu file %zu record %zu: "
				    "%u picks, %.0f expected", s, f, r,
				    count[s][f][r], NPICKS * p);
			}
}

START_TEST(test_pick_per_record)
{
	double		 want[4][2][3] = {
		{ { 0.25 } },
		{ { 0.25, 0.25, 0.25 } },
	};
	struct selection sel;

	accept(&sel, "one three");
	check_selections(&sel, 1, want);
	selection_free(&sel);
}
END_TEST

START_TEST(test_pick_equal)
{
	double		 want[4][2][3] = {
		{ { 0.5 } },
		{ { 1.0 / 6, 1.0 / 6, 1.0 / 6 } },
	};
	struct selection sel;

	accept(&sel, "one three");
	sel.equal = true;
	check_selections(&sel, 2, want);
	selection_free(&sel);
}
END_TEST

START_TEST(test_pick_weighted)
{
	/* coll 20%: x 1/4, y's 3 records 3/4; one and c share 80% 1:3. */
	double		 want[4][2][3] = {
		{ { 0.05 }, { 0.05, 0.05, 0.05 } },
		{ { 0.2 } },
		{ { 0.2, 0.2, 0.2 } },
	};
	struct selection sel;

	accept(&sel, "20% coll one c");
	check_selections(&sel, 3, want);
	selection_free(&sel);
}
END_TEST

START_TEST(test_pick_nothing)
{
	struct selection sel;
	struct recfile	*rf;
	struct rng	 rng;
	size_t		 rec;

	rng_init_seed(&rng, 4);
	accept(&sel, "empty blank");
	errno = 0;
	ck_assert_int_eq(selection_pick(&sel, &rng, &rf, &rec), -1);
	ck_assert_int_eq(errno, ENOENT);
	selection_free(&sel);
	selection_init(&sel);
	errno = 0;
	ck_assert_int_eq(selection_pick(&sel, &rng, &rf, &rec), -1);
	ck_assert_int_eq(errno, ENOENT);
	selection_free(&sel);
}
END_TEST

static bool
has_word(const struct source *src, const struct recfile *rf,
    const char *text, size_t len, void *arg)
{
	(void)src;
	(void)rf;
	return memmem(text, len, arg, strlen(arg)) != NULL;
}

static bool
keep_none(const struct source *src, const struct recfile *rf,
    const char *text, size_t len, void *arg)
{
	(void)src;
	(void)rf;
	(void)text;
	(void)len;
	*(size_t *)arg += 1;
	return false;
}

START_TEST(test_filter)
{
	struct selection sel;
	struct recfile	*rf;
	struct rng	 rng;
	const char	*s;
	char		*copy;
	size_t		 i, rec, len, seen[3] = { 0, 0, 0 }, calls = 0;

	/* Kept: three's first and last records, and c's second. */
	accept(&sel, "one three c");
	selection_filter(&sel, has_word, "keep");
	ck_assert_uint_eq(recfile_count_of(&sel.sources[0].files[0]), 0);
	ck_assert_uint_eq(recfile_count_of(&sel.sources[1].files[0]), 2);
	ck_assert_uint_eq(recfile_count_of(&sel.sources[2].files[0]), 1);
	ck_assert_double_eq_tol(selection_chance(&sel, 0, -1), 0.0, EPS);
	ck_assert_double_eq_tol(selection_chance(&sel, 1, -1), 2.0 / 3, EPS);
	ck_assert_double_eq_tol(selection_chance(&sel, 2, -1), 1.0 / 3, EPS);
	rng_init_seed(&rng, 5);
	for (i = 0; i < 3000; i++) {
		ck_assert_int_eq(selection_pick(&sel, &rng, &rf, &rec), 0);
		s = recfile_text(rf, rec, &len, &copy);
		ck_assert_msg(memmem(s, len, "keep", 4) != NULL,
		    "picked %.*s", (int)len, s);
		if (rf == &sel.sources[1].files[0])
			seen[rec == 0 ? 0 : 1]++;
		else
			seen[2]++;
		free(copy);
	}
	for (i = 0; i < 3; i++)
		ck_assert_uint_gt(seen[i], 800);
	selection_free(&sel);

	/* A second filter keeps among what the first kept. */
	accept(&sel, "one three c");
	selection_filter(&sel, has_word, "keep");
	selection_filter(&sel, has_word, "3");
	ck_assert_uint_eq(recfile_count_of(&sel.sources[1].files[0]), 1);
	ck_assert_uint_eq(recfile_count_of(&sel.sources[2].files[0]), 0);
	ck_assert_int_eq(selection_pick(&sel, &rng, &rf, &rec), 0);
	ck_assert_ptr_eq(rf, &sel.sources[1].files[0]);
	ck_assert_uint_eq(rec, 2);
	selection_free(&sel);

	/* Nothing kept, nothing to pick. */
	accept(&sel, "one three c");
	selection_filter(&sel, keep_none, &calls);
	ck_assert_uint_eq(calls, 7);
	errno = 0;
	ck_assert_int_eq(selection_pick(&sel, &rng, &rf, &rec), -1);
	ck_assert_int_eq(errno, ENOENT);
	selection_free(&sel);
}
END_TEST

/*
 * Write "big", BIG_NRECS records of 82 bytes with their delimiters, and
 * beside it an index that says nstr strings but is otherwise fresh: the
 * right size for its count, the text's size for its last offset, and no
 * older than the text.
 */
static void
write_lying_index(uint32_t nstr)
{
	unsigned char	*idx, *p;
	char		*text;
	size_t		 i, len;
	uint32_t	 off;

	text = xmalloc(BIG_SIZE + 1);
	for (i = 0; i < BIG_NRECS; i++)
		snprintf(text + i * 82, 83, "record %04zu %-67s\n%%\n", i,
		    "of the big file");
	ck_assert_uint_eq(strlen(text), BIG_SIZE);
	make("big", text, BIG_SIZE);
	len = 24 + ((size_t)nstr + 1) * 4;
	idx = xcalloc(1, len);
	idx[3] = 2;
	idx[4] = nstr >> 24;
	idx[5] = nstr >> 16;
	idx[6] = nstr >> 8;
	idx[7] = nstr;
	idx[11] = 80;
	idx[15] = 80;
	idx[20] = '%';
	for (i = 0; i <= nstr; i++) {
		off = (uint32_t)((uint64_t)BIG_SIZE * i / nstr);
		p = idx + 24 + i * 4;
		p[0] = off >> 24;
		p[1] = off >> 16;
		p[2] = off >> 8;
		p[3] = off;
	}
	make("big.dat", (char *)idx, len);
	free(idx);
	free(text);
}

static void
check_restart(uint32_t nstr)
{
	struct selection sel;
	struct recfile	*rf;
	struct rng	 rng;
	const char	*s;
	char		 want[16], *copy;
	size_t		 rec, len;
	uint64_t	 seed;

	write_lying_index(nstr);
	for (seed = 1; seed <= 40; seed++) {
		accept(&sel, "big one");
		/* The index is trusted for the count... */
		ck_assert(!sel.sources[0].files[0].scanned);
		ck_assert_uint_eq(sel.sources[0].files[0].nrecs, nstr);
		rng_init_seed(&rng, seed);
		ck_assert_int_eq(selection_pick(&sel, &rng, &rf, &rec), 0);
		/* ...but a record comes from the text as it is. */
		ck_assert(rf->scanned);
		ck_assert_uint_lt(rec, rf->nrecs);
		if (rf == &sel.sources[0].files[0]) {
			ck_assert_uint_eq(rf->nrecs, BIG_NRECS);
			s = recfile_text(rf, rec, &len, &copy);
			snprintf(want, sizeof(want), "record %04zu ", rec);
			ck_assert_uint_eq(len, 80);
			ck_assert_mem_eq(s, want, strlen(want));
			free(copy);
		} else
			ck_assert_ptr_eq(rf, &sel.sources[1].files[0]);
		selection_free(&sel);
	}
}

START_TEST(test_restart_more)
{
	check_restart(BIG_NRECS + 500);
}
END_TEST

START_TEST(test_restart_fewer)
{
	check_restart(BIG_NRECS / 4);
}
END_TEST

/* Audiences: a named source, or NULL, and how many files it holds. */
static const struct source *
find_source(const struct selection *sel, const char *label)
{
	size_t	 i;

	for (i = 0; i < sel->nsources; i++)
		if (strcmp(sel->sources[i].label, label) == 0)
			return &sel->sources[i];
	return NULL;
}

static void
make_audiences(void)
{
	make("talk", LIT("anyone 1\n%\nanyone 2\n"));
	make("talk-partner", LIT("partner 1\n"));
	make("intimacy", LIT("close 1\n"));
}

static void
audience(struct selection *sel, const char *args, bool partner,
    const char **exclude, size_t nexclude)
{
	struct audience	 aud;

	memset(&aud, 0, sizeof(aud));
	aud.partner = partner;
	aud.named = args != NULL;
	aud.exclude = exclude;
	aud.nexclude = nexclude;
	if (args != NULL)
		accept(sel, args);
	else {
		selection_init(sel);
		selection_add_default(sel, &sp, builtins, nitems(builtins));
	}
	selection_audience(sel, &sp, builtins, nitems(builtins), &aud);
	selection_count(sel);
}

START_TEST(test_partner_only)
{
	ck_assert(audience_partner_only("talk-partner"));
	ck_assert(audience_partner_only("intimacy"));
	ck_assert(audience_partner_only("intimacy-partner"));
	ck_assert(!audience_partner_only("talk"));
	ck_assert(!audience_partner_only("-partner"));
	ck_assert(!audience_partner_only("partner"));
	ck_assert(!audience_partner_only("talk-partners"));
	ck_assert_uint_eq(audience_category_len("talk-partner"), 4);
	ck_assert_uint_eq(audience_category_len("talk"), 4);
}
END_TEST

/* With no operand, intimacy is left out for everyone. */
START_TEST(test_audience_default)
{
	struct selection sel;

	make_audiences();
	audience(&sel, NULL, true, NULL, 0);
	ck_assert_ptr_nonnull(find_source(&sel, "talk"));
	ck_assert_ptr_nonnull(find_source(&sel, "talk-partner"));
	ck_assert_ptr_nonnull(find_source(&sel, "three"));
	ck_assert_ptr_null(find_source(&sel, "intimacy"));
	selection_free(&sel);

	audience(&sel, NULL, false, NULL, 0);
	ck_assert_ptr_nonnull(find_source(&sel, "talk"));
	ck_assert_ptr_null(find_source(&sel, "talk-partner"));
	ck_assert_ptr_null(find_source(&sel, "intimacy"));
	ck_assert_ptr_nonnull(find_source(&sel, "three"));
	selection_free(&sel);
}
END_TEST

/* A category named for a partner brings its partner file. */
START_TEST(test_audience_named)
{
	struct selection sel;
	const struct source *src;

	make_audiences();
	audience(&sel, "talk intimacy one", true, NULL, 0);
	ck_assert_uint_eq(sel.nsources, 3);
	src = find_source(&sel, "talk");
	ck_assert_ptr_nonnull(src);
	ck_assert_uint_eq(src->nfiles, 2);
	ck_assert(src->isdir);
	ck_assert_str_eq(src->files[1].name, "talk-partner");
	ck_assert_uint_eq(src->files[1].nrecs, 1);
	ck_assert_uint_eq(find_source(&sel, "one")->nfiles, 1);
	ck_assert_uint_eq(find_source(&sel, "intimacy")->nfiles, 1);
	ck_assert_double_eq_tol(selection_chance(&sel, 0, -1), 3.0 / 5, 1e-9);
	selection_free(&sel);

	audience(&sel, "talk intimacy talk-partner", false, NULL, 0);
	ck_assert_uint_eq(sel.nsources, 1);
	ck_assert_uint_eq(sel.sources[0].nfiles, 1);
	ck_assert(!sel.sources[0].isdir);
	selection_free(&sel);

	/* A path names no category and is taken as it is. */
	audience(&sel, "./talk-partner", false, NULL, 0);
	ck_assert_uint_eq(sel.nsources, 1);
	ck_assert_uint_eq(sel.sources[0].nfiles, 1);
	selection_free(&sel);
}
END_TEST

/* An excluded category goes with its partner file. */
START_TEST(test_audience_exclude)
{
	struct selection sel;
	const char	*exclude[] = { "talk", "three" };

	make_audiences();
	audience(&sel, NULL, true, exclude, nitems(exclude));
	ck_assert_ptr_null(find_source(&sel, "talk"));
	ck_assert_ptr_null(find_source(&sel, "talk-partner"));
	ck_assert_ptr_null(find_source(&sel, "three"));
	ck_assert_ptr_nonnull(find_source(&sel, "one"));
	selection_free(&sel);
}
END_TEST

/* The compiled-in collection provides partner files as well. */
START_TEST(test_audience_builtin)
{
	static const struct builtin inner[] = {
		{ "kind", LIT("k1\n%\nk2\n") },
		{ "kind-partner", LIT("kp1\n") },
	};
	struct selection sel;
	struct searchpath none;
	struct audience	 aud;
	char		 errbuf[ERRBUF_SIZE];
	char		*argv[] = { "kind" };

	searchpath_init(&none, "", NULL, NULL);
	memset(&aud, 0, sizeof(aud));
	aud.partner = aud.named = true;
	selection_init(&sel);
	ck_assert_int_eq(selection_operands(&sel, &none, inner, nitems(inner),
	    1, argv, errbuf, sizeof(errbuf)), 0);
	selection_audience(&sel, &none, inner, nitems(inner), &aud);
	selection_count(&sel);
	ck_assert_uint_eq(sel.nsources, 1);
	ck_assert_uint_eq(sel.sources[0].nfiles, 2);
	ck_assert_uint_eq(sel.sources[0].files[1].nrecs, 1);
	selection_free(&sel);

	selection_init(&sel);
	selection_add_default(&sel, &none, inner, nitems(inner));
	aud.partner = aud.named = false;
	selection_audience(&sel, &none, inner, nitems(inner), &aud);
	ck_assert_uint_eq(sel.nsources, 1);
	ck_assert_str_eq(sel.sources[0].label, "kind");
	selection_free(&sel);
	searchpath_free(&none);
}
END_TEST

static Suite *
pick_suite(void)
{
	Suite	*s;
	TCase	*tc;

	s = suite_create("pick");

	tc = tcase_create("operands");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_weight_word);
	tcase_add_test(tc, test_weight_glued);
	tcase_add_test(tc, test_weight_several);
	tcase_add_test(tc, test_no_weight);
	tcase_add_test(tc, test_paths);
	tcase_add_test(tc, test_builtin);
	tcase_add_test(tc, test_default_builtin);
	suite_add_tcase(s, tc);

	tc = tcase_create("errors");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_weight_errors);
	tcase_add_test(tc, test_sum_errors);
	tcase_add_test(tc, test_unknown);
	suite_add_tcase(s, tc);

	tc = tcase_create("chance");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_chance_records);
	tcase_add_test(tc, test_chance_weighted);
	tcase_add_test(tc, test_chance_directory);
	tcase_add_test(tc, test_chance_empty);
	suite_add_tcase(s, tc);

	tc = tcase_create("pick");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_pick_per_record);
	tcase_add_test(tc, test_pick_equal);
	tcase_add_test(tc, test_pick_weighted);
	tcase_add_test(tc, test_pick_nothing);
	tcase_add_test(tc, test_filter);
	tcase_add_test(tc, test_restart_more);
	tcase_add_test(tc, test_restart_fewer);
	suite_add_tcase(s, tc);

	tc = tcase_create("audience");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_partner_only);
	tcase_add_test(tc, test_audience_default);
	tcase_add_test(tc, test_audience_named);
	tcase_add_test(tc, test_audience_exclude);
	tcase_add_test(tc, test_audience_builtin);
	suite_add_tcase(s, tc);

	return s;
}

int
main(void)
{
	return check_run("check_selection", pick_suite(), NULL);
}
