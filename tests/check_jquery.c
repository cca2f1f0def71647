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

#include <check.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "checkutil.h"
#include "rapport.h"

/*
 * Tests for jquery.c.  The journal below is written by hand, its CRC-32s
 * computed with Python's zlib: "one" (@a, listen=2, all day 2026-11-02),
 * "two" (@a @b, starred, listen=4), "three" (written later, dated
 * earlier), "four" (deleted), and "two again", superseding "two".
 */
static const char journal[] =
    "%%journal 1\n"
    "%%entry 2026-11-02 aaaa000001 @a listen=2\n"
    "one\n"
    "%%end aaaa000001 4 f817a89f\n"
    "%%entry 2026-11-05T10:00:00Z aaaa000002 * @a @b listen=4\n"
    "two\n"
    "%%end aaaa000002 4 96170874\n"
    "%%entry 2026-11-01T09:00:00Z aaaa000003\n"
    "three\n"
    "%%end aaaa000003 6 ff46c5d8\n"
    "%%entry 2026-11-06T10:00:00Z aaaa000004 @b\n"
    "four\n"
    "%%end aaaa000004 5 1cf3ca74\n"
    "%%delete aaaa000004 2026-11-07T10:00:00Z\n"
    "%%entry 2026-11-05T10:00:00Z aaaa000005 * @a @b listen=4 "
    "supersedes=aaaa000002\n"
    "two again\n"
    "%%end aaaa000005 10 7911d05f\n";

static size_t	 problems;

static void
count_problem(const char *path, size_t line, const char *msg, void *arg)
{
	(void)path;
	(void)line;
	(void)msg;
	(void)arg;
	problems++;
}

static void
count_problem_ids(const char *path, size_t line, const char *msg, void *arg)
{
	(void)path;
	(void)line;
	(void)msg;
	(void)arg;
	problems++;
}

static FILE *
open_journal(const char *text)
{
	FILE	*fp;

	fp = tmpfile();
	ck_assert_ptr_nonnull(fp);
	ck_assert_int_eq(fputs(text, fp) >= 0, 1);
	rewind(fp);
	return fp;
}

/* The ids of the hits, in order, joined by blanks. */
static void
ids_of(FILE *fp, const struct jhit *hits, size_t n, char *buf, size_t len)
{
	struct jreader	 r;
	struct jevent	 ev;
	size_t		 i;

	buf[0] = '\0';
	for (i = 0; i < n; i++) {
		ck_assert_int_eq(fseeko(fp, hits[i].offset, SEEK_SET), 0);
		jreader_init(&r, "test", fp);
		ck_assert_int_eq(jreader_next(&r, &ev), 1);
		ck_assert_int_eq(ev.kind, JREC_ENTRY);
		if (i > 0)
			strlcat(buf, " ", len);
		strlcat(buf, ev.entry.id + 8, len);
		jreader_free(&r);
	}
}

static void
query(struct jfilter *f, bool skim, const char *want)
{
	struct jhit	*hits;
	char		 got[256];
	size_t		 n;
	FILE		*fp;

	fp = open_journal(journal);
	problems = 0;
	ck_assert_int_eq(journal_collect(fp, "test", f, skim, &hits, &n,
	    count_problem, NULL), 0);
	ck_assert_uint_eq(problems, 0);
	ids_of(fp, hits, n, got, sizeof(got));
	ck_assert_str_eq(got, want);
	free(hits);
	fclose(fp);
}

START_TEST(test_collect_order_and_dead)
{
	struct jfilter	 f;

	/* By time; the deleted and the superseded entries are gone. */
	memset(&f, 0, sizeof(f));
	setenv("TZ", "UTC", 1);
	tzset();
	query(&f, false, "03 01 05");
	query(&f, true, "03 01 05");
}
END_TEST

START_TEST(test_filter_tags_star_rating)
{
	struct jfilter	 f;
	char		*tags[] = { "b" };

	setenv("TZ", "UTC", 1);
	tzset();
	memset(&f, 0, sizeof(f));
	f.tags = tags;
	f.ntags = 1;
	query(&f, false, "05");
	query(&f, true, "05");
	memset(&f, 0, sizeof(f));
	f.starred = true;
	query(&f, false, "05");
	memset(&f, 0, sizeof(f));
	ck_assert_int_eq(jfilter_rating(&f, "listen<=2"), 0);
	query(&f, false, "01");
	memset(&f, 0, sizeof(f));
	ck_assert_int_eq(jfilter_rating(&f, "listen>2"), 0);
	query(&f, true, "05");
	memset(&f, 0, sizeof(f));
	ck_assert_int_eq(jfilter_rating(&f, "warmth=1"), 0);
	query(&f, false, "");
}
END_TEST

START_TEST(test_filter_any_and_not_tags)
{
	struct jfilter	 f;
	char		*a[] = { "a" }, *b[] = { "b" }, *ab[] = { "b", "x" };

	/* Entries: 03 untagged, 01 @a, 05 @a @b. */
	setenv("TZ", "UTC", 1);
	tzset();
	memset(&f, 0, sizeof(f));
	f.nottags = b;
	f.nnottags = 1;
	query(&f, false, "03 01");
	query(&f, true, "03 01");
	memset(&f, 0, sizeof(f));
	f.nottags = a;
	f.nnottags = 1;
	query(&f, false, "03");
	memset(&f, 0, sizeof(f));
	f.anytags = ab;
	f.nanytags = 2;
	query(&f, false, "05");
	query(&f, true, "05");
	f.anytags[1] = "a";
	query(&f, false, "01 05");
	/* With -t, which all must hold. */
	f.tags = a;
	f.ntags = 1;
	f.nottags = b;
	f.nnottags = 1;
	query(&f, false, "01");
}
END_TEST

START_TEST(test_filter_anniversary)
{
	struct jfilter	 f;
	struct tm	 tm;

	setenv("TZ", "UTC", 1);
	tzset();
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = 127;
	tm.tm_mon = 10;
	tm.tm_mday = 5;
	tm.tm_hour = 8;
	memset(&f, 0, sizeof(f));
	jfilter_anniversary(&f, timegm(&tm));
	query(&f, false, "05");
	/* Not the same year; the all-day entry by its written day. */
	tm.tm_year = 126;
	jfilter_anniversary(&f, timegm(&tm));
	query(&f, false, "");
	tm.tm_year = 130;
	tm.tm_mday = 2;
	jfilter_anniversary(&f, timegm(&tm));
	query(&f, false, "01");
	setenv("TZ", "EST5", 1);
	tzset();
	jfilter_anniversary(&f, timegm(&tm));
	query(&f, false, "01");
}
END_TEST

START_TEST(test_smart_icase)
{
	ck_assert(smart_icase("phones"));
	ck_assert(smart_icase("[0-9]+ \\w"));
	ck_assert(smart_icase(""));
	ck_assert(!smart_icase("Phones"));
	ck_assert(!smart_icase("phoneS"));
}
END_TEST

START_TEST(test_filter_dates)
{
	struct jfilter	 f;
	struct tm	 tm;

	/* [2026-11-02, 2026-11-05) in UTC: the all-day entry, not "two". */
	setenv("TZ", "UTC", 1);
	tzset();
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = 126;
	tm.tm_mon = 10;
	tm.tm_mday = 2;
	memset(&f, 0, sizeof(f));
	f.has_since = true;
	f.since = timegm(&tm);
	tm.tm_mday = 5;
	f.has_until = true;
	f.until = timegm(&tm);
	query(&f, false, "01");
	/* An all-day entry lasts its whole local day: in UTC-5 as well. */
	setenv("TZ", "EST5", 1);
	tzset();
	f.since += 5 * 3600;
	f.until += 5 * 3600;
	query(&f, false, "01");
}
END_TEST

START_TEST(test_filter_pattern)
{
	struct jfilter	 f;
	regex_t		 re;

	setenv("TZ", "UTC", 1);
	tzset();
	ck_assert_int_eq(regcomp(&re, "^t", REG_EXTENDED | REG_NOSUB |
	    REG_NEWLINE), 0);
	memset(&f, 0, sizeof(f));
	f.re = &re;
	query(&f, false, "03 05");
	regfree(&re);
}
END_TEST

START_TEST(test_rating_expr_errors)
{
	struct jfilter	 f;

	memset(&f, 0, sizeof(f));
	ck_assert_int_eq(jfilter_rating(&f, "listen"), -1);
	ck_assert_int_eq(jfilter_rating(&f, "<=2"), -1);
	ck_assert_int_eq(jfilter_rating(&f, "listen<=x"), -1);
	ck_assert_int_eq(jfilter_rating(&f, "Listen<=2"), -1);
	ck_assert_int_eq(jfilter_rating(&f, "listen=<2"), -1);
	ck_assert(!f.has_rating);
	ck_assert_int_eq(jfilter_rating(&f, "listen>=3.5"), 0);
	ck_assert_str_eq(f.rkey, "listen");
	ck_assert_str_eq(f.rop, ">=");
	ck_assert(f.rvalue == 3.5);
}
END_TEST

START_TEST(test_sound)
{
	struct jfilter	 f;
	struct jhit	*hits;
	size_t		 n;
	FILE		*fp;
	char		*bad;

	/* A body byte that is not UTF-8: skimming takes the entry, the
	 * whole read that follows refuses it. */
	setenv("TZ", "UTC", 1);
	tzset();
	bad = strdup(journal);
	ck_assert_ptr_nonnull(bad);
	*strstr(bad, "three") = (char)0xff;
	fp = open_journal(bad);
	memset(&f, 0, sizeof(f));
	ck_assert_int_eq(journal_collect(fp, "test", &f, true, &hits, &n,
	    count_problem, NULL), 0);
	ck_assert_uint_eq(n, 3);
	ck_assert_int_eq(journal_sound(fp, "test", hits + 1, 2,
	    count_problem, NULL), 1);
	ck_assert_int_eq(journal_sound(fp, "test", hits, 3, count_problem,
	    NULL), 0);
	free(hits);
	fclose(fp);
	free(bad);
}
END_TEST

static void
find(const char *want, int rv, const char *id)
{
	char	 got[JOURNAL_ID_MAX + 1] = "";
	off_t	 where = -1;
	FILE	*fp;

	fp = open_journal(journal);
	ck_assert_int_eq(journal_find(fp, "test", want, got, &where), rv);
	if (id != NULL) {
		ck_assert_str_eq(got, id);
		ck_assert_int_ge(where, 0);
	}
	fclose(fp);
}

START_TEST(test_find)
{
	find("aaaa000001", 0, "aaaa000001");
	find("aaaa000003", 0, "aaaa000003");
	/* The edited entry names its edit. */
	find("aaaa000002", 0, "aaaa000005");
	find("aaaa000005", 0, "aaaa000005");
	find("aaaa000004", JFIND_DELETED, "aaaa000004");
	find("bbbb", JFIND_NONE, NULL);
	/* A prefix of several entries is ambiguous... */
	find("aaaa", JFIND_AMBIGUOUS, NULL);
	find("aaaa00000", JFIND_AMBIGUOUS, NULL);
}
END_TEST

START_TEST(test_find_prefix_of_one_chain)
{
	static const char text[] =
	    "%%journal 1\n"
	    "%%entry 2026-11-05T10:00:00Z cccc000002\ntwo\n"
	    "%%end cccc000002 4 96170874\n"
	    "%%entry 2026-11-05T10:00:00Z cccc000005 supersedes=cccc000002\n"
	    "two again\n"
	    "%%end cccc000005 10 7911d05f\n";
	char	 got[JOURNAL_ID_MAX + 1];
	off_t	 where;
	FILE	*fp;

	/* ...but not a prefix of an entry and its own edit. */
	fp = open_journal(text);
	ck_assert_int_eq(journal_find(fp, "test", "cccc", got, &where), 0);
	ck_assert_str_eq(got, "cccc000005");
	fclose(fp);
}
END_TEST

static void
note_id(const struct jentry *e, void *arg)
{
	char	*ids = arg;

	if (ids[0] != '\0')
		strlcat(ids, " ", 256);
	strlcat(ids, e->id + 8, 256);
}

START_TEST(test_each_live)
{
	char	 ids[256] = "";
	FILE	*fp;

	/* In file order, without the deleted and the superseded. */
	fp = open_journal(journal);
	problems = 0;
	ck_assert_int_eq(journal_each_live(fp, "test", note_id,
	    count_problem_ids, ids), 0);
	ck_assert_str_eq(ids, "01 03 05");
	fclose(fp);
}
END_TEST

static Suite *
jquery_suite(void)
{
	Suite	*s;
	TCase	*tc;

	s = suite_create("jquery");
	tc = tcase_create("collect");
	tcase_add_test(tc, test_collect_order_and_dead);
	tcase_add_test(tc, test_sound);
	tcase_add_test(tc, test_find);
	tcase_add_test(tc, test_find_prefix_of_one_chain);
	tcase_add_test(tc, test_each_live);
	suite_add_tcase(s, tc);
	tc = tcase_create("filter");
	tcase_add_test(tc, test_filter_tags_star_rating);
	tcase_add_test(tc, test_filter_dates);
	tcase_add_test(tc, test_filter_any_and_not_tags);
	tcase_add_test(tc, test_filter_anniversary);
	tcase_add_test(tc, test_smart_icase);
	tcase_add_test(tc, test_filter_pattern);
	tcase_add_test(tc, test_rating_expr_errors);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return check_run("check_jquery", jquery_suite(), NULL);
}
