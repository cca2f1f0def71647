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
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "checkutil.h"
#include "rapport.h"

/* Tests for match.c and xmalloc.c. */

/* AddressSanitizer warns of an impossible allocation even when it fails. */
#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN	1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN	1
#endif
#endif

static regex_t	 re;

static void
compile(const char *pattern, int flags)
{
	ck_assert_int_eq(regcomp(&re, pattern, REG_EXTENDED | REG_NOSUB |
	    flags), 0);
}

START_TEST(test_match_span)
{
	/* Only the n bytes given count, whatever follows them. */
	compile("love", 0);
	ck_assert(text_match(&re, "I love you", 10));
	ck_assert(!text_match(&re, "I lo", 4));
	ck_assert(!text_match(&re, "I lo" "ve", 4));
	regfree(&re);
}
END_TEST

START_TEST(test_match_nul)
{
	/* A NUL byte inside the text does not end it. */
	static const char text[] = "before\0after love";

	compile("love", 0);
	ck_assert(text_match(&re, text, sizeof(text) - 1));
	regfree(&re);
}
END_TEST

START_TEST(test_match_lines)
{
	compile("^second$", REG_NEWLINE);
	ck_assert(text_match(&re, "first\nsecond\nthird\n", 19));
	ck_assert(!text_match(&re, "first\nsecond line\n", 18));
	regfree(&re);
}
END_TEST

START_TEST(test_match_large)
{
	char	*big;
	size_t	 n = 4 * 1024 * 1024;

	big = malloc(n);
	ck_assert_ptr_nonnull(big);
	memset(big, 'x', n);
	memcpy(big + n - 4, "love", 4);
	compile("love$", 0);
	ck_assert(text_match(&re, big, n));
	ck_assert(!text_match(&re, big, n - 1));
	regfree(&re);
	free(big);
}
END_TEST

/* The records of a file that a pattern matches, as a string of digits. */
struct found {
	char	 recs[32];
	size_t	 n;
};

static void
note(const struct recfile *rf, size_t rec, void *arg)
{
	struct found	*f = arg;

	(void)rf;
	ck_assert_uint_lt(f->n, sizeof(f->recs) - 1);
	f->recs[f->n++] = (char)('0' + rec);
	f->recs[f->n] = '\0';
}

/*
 * Which records of text a pattern matches, and how it is matched: "whole"
 * for a plain pattern, "run" for one whose run is looked for first, "" for
 * a regular expression matched record by record.
 */
static const char *
records_matching(const char *text, const char *pattern, const size_t *order,
    size_t norder, const char **kind)
{
	static struct found	 f;
	struct pattern		 pat;
	struct recfile		 rf;
	char			 msg[128];

	memset(&f, 0, sizeof(f));
	ck_assert_int_eq(pattern_compile(&pat, pattern, REG_EXTENDED |
	    REG_NOSUB | REG_NEWLINE, msg, sizeof(msg)), 0);
	*kind = pat.whole ? "whole" : pat.run != NULL ? "run" : "";
	recfile_init_mem(&rf, "t", text, strlen(text));
	ck_assert_int_eq(recfile_load(&rf), 0);
	if (order != NULL) {
		rf.eligible = xreallocarray(NULL, norder + 1, sizeof(*order));
		memcpy(rf.eligible, order, norder * sizeof(*order));
		rf.neligible = norder;
	}
	ck_assert_uint_eq(pattern_records(&pat, &rf, note, &f), f.n);
	recfile_free(&rf);
	pattern_free(&pat);
	return f.recs;
}

/*
 * A file whose records hold "love" in every place that a search of the
 * whole text must tell from a match: in leading comment lines, in a
 * comment inside a record, across a line, at the very end without a
 * newline, beside delimiter lines with blanks after the %.  Its records:
 * 0 first, 1 lov/e, 2 comment, 3 and love, 4 love, 5 none, 6 the end.
 */
static const char love_file[] =
    "%% love in a comment before the first record\n"
    "first, without it\n"
    "%\n"
    "lov\n"
    "e across a line\n"
    "% \t\n"
    "only the comment\n"
    "%% says love\n"
    "%\n"
    "%% love\n"
    "\n"
    "%\n"
    "a comment, and love\n"
    "%% here\n"
    "%\n"
    "love\n"
    "%\n"
    "plain, none\n"
    "%\n"
    "at the end: love";

/* A pattern matches the records want, and matches them as kind. */
static void
check_records(const char *pattern, const char *want, const char *kind)
{
	const char	*got_kind, *got;
	char		 paren[64];

	got = records_matching(love_file, pattern, NULL, 0, &got_kind);
	ck_assert_msg(strcmp(got, want) == 0, "%s: records %s, not %s",
	    pattern, got, want);
	ck_assert_msg(strcmp(got_kind, kind) == 0, "%s: matched as %s",
	    pattern, got_kind);
	/* The same in a group, matched with regexec(3) alone. */
	snprintf(paren, sizeof(paren), "(%s)", pattern);
	got = records_matching(love_file, paren, NULL, 0, &got_kind);
	ck_assert_msg(strcmp(got, want) == 0, "%s: records %s, not %s",
	    paren, got, want);
	ck_assert_str_eq(got_kind, "");
}

START_TEST(test_pattern_records)
{
	check_records("love", "346", "whole");
	check_records("%", "", "whole");
	check_records("e", "123456", "whole");
	check_records("end: love", "6", "run");
	check_records("end: love!", "", "run");
	check_records("love$", "346", "run");
	check_records("^love", "4", "run");
	check_records("lov.e", "1", "run");
	check_records("lo+ve", "346", "run");
	check_records("l?ove", "346", "run");
	check_records("comment.*love", "3", "run");
	check_records("lov(e|er)", "346", "");
	check_records("x*love", "346", "run");
	check_records("end[:]", "6", "run");
	check_records("lov[ e]", "1346", "run");
	check_records("[a-z]+", "0123456", "");
	/* A phrase across a line break is found in the record unwrapped. */
	check_records("lov e across", "1", "run");
	check_records("e across a line$", "1", "run");
	check_records("^lov e", "1", "run");
	check_records("says love", "", "run");
}
END_TEST

START_TEST(test_pattern_eligible)
{
	static const size_t	 backwards[] = { 6, 5, 4, 3, 1, 0 };
	static const size_t	 some[] = { 0, 4, 2, 6 };
	const char		*kind;

	/* Eligible records in any order, as a filter or a history leaves them. */
	ck_assert_str_eq(records_matching(love_file, "love", backwards, 6,
	    &kind), "643");
	ck_assert_str_eq(records_matching(love_file, "love", some, 4,
	    &kind), "46");
	ck_assert_str_eq(records_matching(love_file, "love$", backwards, 6,
	    &kind), "643");
	ck_assert_str_eq(records_matching(love_file, "(love)", some, 4,
	    &kind), "46");
	ck_assert_str_eq(records_matching(love_file, "love", some, 0,
	    &kind), "");
}
END_TEST

/* The run of a pattern that every match holds, or "" if none is known. */
static void
check_pattern_run(const char *pattern, int cflags, const char *want)
{
	struct pattern	 pat;
	char		 msg[128];

	ck_assert_int_eq(pattern_compile(&pat, pattern, REG_EXTENDED | cflags,
	    msg, sizeof(msg)), 0);
	ck_assert_msg(strcmp(pat.run != NULL ? pat.run : "", want) == 0,
	    "%s: run %s, not %s", pattern, pat.run, want);
	ck_assert(pat.whole == (*want != '\0' && strcmp(pattern, want) == 0));
	pattern_free(&pat);
}

START_TEST(test_pattern_run)
{
	struct pattern	 pat;
	char		 msg[128];

	check_pattern_run("love you", 0, "love");
	check_pattern_run("love$", 0, "love");
	check_pattern_run("^Q: ", 0, "Q:");
	check_pattern_run("a.*lovely[sd]", 0, "lovely");
	/* A character a repetition may leave out is none of a run. */
	check_pattern_run("lo+ve", 0, "lo");
	check_pattern_run("lov?ely", 0, "ely");
	check_pattern_run("abc*", 0, "ab");
	check_pattern_run("abc+?", 0, "ab");
	check_pattern_run("abc++", 0, "abc");
	check_pattern_run("abc+*de", 0, "ab");
	check_pattern_run("xlov{2}", 0, "xlo");
	/* Runs stop at what the scan does not follow, or are not known. */
	check_pattern_run("ab(cdef)", 0, "ab");
	check_pattern_run("ab\\.cdef", 0, "ab");
	check_pattern_run("x|love", 0, "");
	check_pattern_run("love", REG_ICASE, "");
	check_pattern_run("", 0, "");
	check_pattern_run("caf\xc3\xa9 au lait", 0, "lait");
	/* v is the byte of "love you" least common in English text. */
	ck_assert_int_eq(pattern_compile(&pat, "love you", REG_EXTENDED, msg,
	    sizeof(msg)), 0);
	ck_assert_uint_eq(pat.rare, 2);
	pattern_free(&pat);
	ck_assert_int_eq(pattern_compile(&pat, "(", REG_EXTENDED, msg,
	    sizeof(msg)), -1);
	ck_assert_str_ne(msg, "");
}
END_TEST

START_TEST(test_xmalloc_ok)
{
	char	*p, *q;

	p = xmalloc(0);
	ck_assert_ptr_nonnull(p);
	free(p);
	p = xstrndup("abcdef", 3);
	ck_assert_str_eq(p, "abc");
	q = xreallocarray(p, 100, 2);
	ck_assert_ptr_nonnull(q);
	free(q);
	ck_assert_int_eq(xasprintf(&p, "%d-%s", 42, "x"), 4);
	ck_assert_str_eq(p, "42-x");
	free(p);
}
END_TEST

START_TEST(test_xmalloc_fails)
{
	/* An impossible size: the allocator reports it and exits 2. */
	xmalloc(SIZE_MAX);
}
END_TEST

START_TEST(test_xreallocarray_overflow)
{
	xreallocarray(NULL, SIZE_MAX / 2, 4);
}
END_TEST

static Suite *
util_suite(void)
{
	Suite	*s;
	TCase	*tc;

	s = suite_create("util");
	tc = tcase_create("match");
	tcase_add_test(tc, test_match_span);
	tcase_add_test(tc, test_match_nul);
	tcase_add_test(tc, test_match_lines);
	tcase_add_test(tc, test_match_large);
	tcase_add_test(tc, test_pattern_records);
	tcase_add_test(tc, test_pattern_eligible);
	tcase_add_test(tc, test_pattern_run);
	suite_add_tcase(s, tc);
	tc = tcase_create("alloc");
	tcase_add_test(tc, test_xmalloc_ok);
#ifndef UNDER_ASAN
	tcase_add_exit_test(tc, test_xmalloc_fails, 2);
#endif
	tcase_add_exit_test(tc, test_xreallocarray_overflow, 2);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return check_run("check_util", util_suite(), NULL);
}
