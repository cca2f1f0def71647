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
