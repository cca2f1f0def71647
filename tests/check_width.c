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
#include <locale.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "checkutil.h"
#include "rapport.h"

/* Text given as a string literal, with its length but without its NUL. */
#define LIT(s)		(s), (sizeof(s) - 1)

/*
 * Texts and their widths in terminal columns, counted by hand: East Asian
 * wide characters take two columns, combining marks none.
 */
static const struct {
	const char	*s;
	size_t		 len;
	size_t		 width;
} widths[] = {
	{ LIT(""), 0 },
	{ LIT("hello, world"), 12 },
	{ LIT("caf\xc3\xa9"), 4 },			/* é precomposed */
	{ LIT("cafe\xcc\x81"), 4 },			/* e + U+0301 */
	{ LIT("\xe6\x84\x9b"), 2 },			/* U+611B */
	{ LIT("\xe6\x84\x9b" "ab"), 4 },
	{ LIT("\xe3\x81\x82\xe3\x81\x82"), 4 },		/* U+3042 twice */
	{ LIT("\xed\x95\x9c"), 2 },			/* U+D55C Hangul */
	{ LIT("\xef\xbc\xa1"), 2 },			/* U+FF21 fullwidth */
	{ LIT("ab\ncde\n"), 5 },
	{ LIT("a\tb"), 9 },
	{ LIT("\xff\xfe"), 2 },
	{ LIT("ab\r\n"), 2 },
};

/* Check utf8_decode of a whole sequence: its length and code point. */
static void
check_decode(const char *s, size_t n, uint32_t want)
{
	uint32_t	 cp = 0xffffffff;

	ck_assert_uint_eq(utf8_decode(s, n, &cp), n);
	ck_assert_uint_eq(cp, want);
}

/* Check that the first n bytes of s are not read as a character. */
static void
check_reject(const char *s, size_t n)
{
	uint32_t	 cp;

	ck_assert_msg(utf8_decode(s, n, &cp) == 0,
	    "sequence starting %02x of %zu bytes was decoded",
	    (unsigned char)s[0], n);
}

static void
check_widths(void)
{
	size_t	 i;

	for (i = 0; i < nitems(widths); i++)
		ck_assert_msg(text_width(widths[i].s, widths[i].len) ==
		    widths[i].width, "text %zu: width %zu, not %zu", i,
		    text_width(widths[i].s, widths[i].len), widths[i].width);
}

START_TEST(test_decode_ascii)
{
	uint32_t	 cp;

	check_decode(LIT("A"), 'A');
	check_decode(LIT("~"), '~');
	check_decode(LIT("\x7f"), 0x7f);
	check_decode("", 1, 0);
	/* Only the first character is decoded. */
	ck_assert_uint_eq(utf8_decode(LIT("ab"), &cp), 1);
	ck_assert_uint_eq(cp, 'a');
	ck_assert_uint_eq(utf8_decode("a", 0, &cp), 0);
}
END_TEST

START_TEST(test_decode_two_bytes)
{
	uint32_t	 cp;

	check_decode(LIT("\xc2\x80"), 0x80);
	check_decode(LIT("\xc3\xa9"), 0xe9);
	check_decode(LIT("\xcc\x81"), 0x301);
	check_decode(LIT("\xdf\xbf"), 0x7ff);
	ck_assert_uint_eq(utf8_decode(LIT("\xc3\xa9x"), &cp), 2);
	ck_assert_uint_eq(cp, 0xe9);
}
END_TEST

START_TEST(test_decode_three_bytes)
{
	check_decode(LIT("\xe0\xa0\x80"), 0x800);
	check_decode(LIT("\xe6\x84\x9b"), 0x611b);
	check_decode(LIT("\xe2\x80\xae"), 0x202e);
	check_decode(LIT("\xed\x9f\xbf"), 0xd7ff);
	check_decode(LIT("\xee\x80\x80"), 0xe000);
	check_decode(LIT("\xef\xbf\xbd"), 0xfffd);
	check_decode(LIT("\xef\xbf\xbf"), 0xffff);
}
END_TEST

START_TEST(test_decode_four_bytes)
{
	check_decode(LIT("\xf0\x90\x80\x80"), 0x10000);
	check_decode(LIT("\xf0\x9f\x98\x80"), 0x1f600);
	check_decode(LIT("\xf4\x8f\xbf\xbf"), 0x10ffff);
}
END_TEST

START_TEST(test_decode_overlong)
{
	check_reject(LIT("\xc0\x80"));
	check_reject(LIT("\xc0\xaf"));
	check_reject(LIT("\xc1\xbf"));
	check_reject(LIT("\xe0\x80\x80"));
	check_reject(LIT("\xe0\x9f\xbf"));
	check_reject(LIT("\xf0\x80\x80\x80"));
	check_reject(LIT("\xf0\x8f\xbf\xbf"));
}
END_TEST

START_TEST(test_decode_surrogates)
{
	check_reject(LIT("\xed\xa0\x80"));		/* U+D800 */
	check_reject(LIT("\xed\xaf\xbf"));		/* U+DBFF */
	check_reject(LIT("\xed\xb0\x80"));		/* U+DC00 */
	check_reject(LIT("\xed\xbf\xbf"));		/* U+DFFF */
}
END_TEST

START_TEST(test_decode_too_large)
{
	check_reject(LIT("\xf4\x90\x80\x80"));		/* U+110000 */
	check_reject(LIT("\xf4\xbf\xbf\xbf"));
	check_reject(LIT("\xf5\x80\x80\x80"));
	check_reject(LIT("\xf7\xbf\xbf\xbf"));
}
END_TEST

START_TEST(test_decode_truncated)
{
	check_reject(LIT("\xc3"));
	check_reject(LIT("\xe6\x84"));
	check_reject(LIT("\xe6"));
	check_reject(LIT("\xf0\x9f\x98"));
	check_reject(LIT("\xf0\x9f"));
	/* The length given is the end, whatever follows it in memory. */
	check_reject("\xc3\xa9", 1);
	check_reject("\xe6\x84\x9b", 2);
	check_reject("\xf0\x9f\x98\x80", 3);
	/* A sequence cut short by a character that is not a continuation. */
	check_reject(LIT("\xc3" "a"));
	check_reject(LIT("\xe6\x84" "a"));
	check_reject(LIT("\xe6" "ab"));
	check_reject(LIT("\xf0\x9f\x98" "a"));
	check_reject(LIT("\xe6\x84\xc3\xa9"));
}
END_TEST

START_TEST(test_decode_stray_continuation)
{
	check_reject(LIT("\x80"));
	check_reject(LIT("\x80\x80"));
	check_reject(LIT("\xbf" "a"));
	check_reject(LIT("\xa9"));
}
END_TEST

START_TEST(test_decode_bad_lead)
{
	check_reject(LIT("\xf8\x88\x80\x80\x80"));
	check_reject(LIT("\xfb\xbf\xbf\xbf\xbf"));
	check_reject(LIT("\xfc\x84\x80\x80\x80\x80"));
	check_reject(LIT("\xfe"));
	check_reject(LIT("\xff"));
}
END_TEST

START_TEST(test_width_ascii)
{
	ck_assert_uint_eq(text_width(LIT("")), 0);
	ck_assert_uint_eq(text_width(LIT("a")), 1);
	ck_assert_uint_eq(text_width(LIT("Listen first.")), 13);
	ck_assert_uint_eq(text_width("abcdef", 3), 3);
}
END_TEST

START_TEST(test_width_wide)
{
	ck_assert_uint_eq(text_width(LIT("\xe6\x84\x9b")), 2);
	ck_assert_uint_eq(text_width(LIT("x\xe6\x84\x9by")), 4);
	ck_assert_uint_eq(text_width(LIT("\xe3\x81\x82\xe3\x81\x82")), 4);
	ck_assert_uint_eq(text_width(LIT("\xed\x95\x9c")), 2);
	ck_assert_uint_eq(text_width(LIT("\xef\xbc\xa1")), 2);
}
END_TEST

START_TEST(test_width_combining)
{
	ck_assert_uint_eq(text_width(LIT("\xcc\x81")), 0);
	ck_assert_uint_eq(text_width(LIT("e\xcc\x81")), 1);
	ck_assert_uint_eq(text_width(LIT("cafe\xcc\x81")), 4);
	ck_assert_uint_eq(text_width(LIT("caf\xc3\xa9")), 4);
}
END_TEST

START_TEST(test_width_lines)
{
	ck_assert_uint_eq(text_width(LIT("ab\ncde\n")), 5);
	ck_assert_uint_eq(text_width(LIT("ab\ncde")), 5);
	ck_assert_uint_eq(text_width(LIT("ab\n\ncd\n")), 4);
	ck_assert_uint_eq(text_width(LIT("\n\n\n")), 0);
	ck_assert_uint_eq(text_width(LIT("\xe6\x84\x9b\n\xe6\x84\x9b\n")), 4);
}
END_TEST

START_TEST(test_width_tab)
{
	ck_assert_uint_eq(text_width(LIT("\t")), 8);
	ck_assert_uint_eq(text_width(LIT("a\tb")), 9);
	ck_assert_uint_eq(text_width(LIT("abcdefg\tx")), 9);
	ck_assert_uint_eq(text_width(LIT("abcdefgh\t")), 16);
	ck_assert_uint_eq(text_width(LIT("\t\t")), 16);
	ck_assert_uint_eq(text_width(LIT("\xe6\x84\x9b\t")), 8);
	/* Each line starts again at column 0. */
	ck_assert_uint_eq(text_width(LIT("abc\n\tx")), 12);
	ck_assert_uint_eq(text_width(LIT("abcdefghij\n\t")), 18);
}
END_TEST

START_TEST(test_width_invalid)
{
	ck_assert_uint_eq(text_width(LIT("\xff")), 1);
	ck_assert_uint_eq(text_width(LIT("\xff\xfe")), 2);
	ck_assert_uint_eq(text_width(LIT("a\xc3")), 2);
	ck_assert_uint_eq(text_width(LIT("\xc0\x80")), 2);
	ck_assert_uint_eq(text_width(LIT("\xed\xa0\x80")), 3);
	ck_assert_uint_eq(text_width(LIT("\xe6\x84" "ab")), 4);
	ck_assert_uint_eq(text_width(LIT("\x80" "\xe6\x84\x9b")), 3);
}
END_TEST

START_TEST(test_width_cr)
{
	ck_assert_uint_eq(text_width(LIT("\r")), 0);
	ck_assert_uint_eq(text_width(LIT("ab\r\n")), 2);
	ck_assert_uint_eq(text_width(LIT("ab\r\ncd\r\n")), 4);
	ck_assert_uint_eq(text_width(LIT("a\rb")), 2);
}
END_TEST

/* The first width is computed in the C locale, then in C.UTF-8. */
START_TEST(test_locale_c_first)
{
	ck_assert_ptr_nonnull(setlocale(LC_ALL, "C"));
	check_widths();
	ck_assert_ptr_nonnull(setlocale(LC_ALL, "C.UTF-8"));
	check_widths();
}
END_TEST

START_TEST(test_locale_utf8_first)
{
	ck_assert_ptr_nonnull(setlocale(LC_ALL, "C.UTF-8"));
	check_widths();
	ck_assert_ptr_nonnull(setlocale(LC_ALL, "C"));
	check_widths();
}
END_TEST

/* Widths are computed without changing the caller's locale. */
START_TEST(test_locale_kept)
{
	ck_assert_ptr_nonnull(setlocale(LC_ALL, "C"));
	ck_assert_uint_eq(MB_CUR_MAX, 1);
	ck_assert_uint_eq(text_width(LIT("\xe6\x84\x9b")), 2);
	ck_assert_uint_eq(MB_CUR_MAX, 1);
	ck_assert_str_eq(setlocale(LC_CTYPE, NULL), "C");
	ck_assert_ptr_nonnull(setlocale(LC_ALL, "C.UTF-8"));
	ck_assert_uint_gt(MB_CUR_MAX, 1);
	ck_assert_uint_eq(text_width(LIT("\xe6\x84\x9b")), 2);
	ck_assert_uint_gt(MB_CUR_MAX, 1);
}
END_TEST

/*
 * Lines wrapped at blanks: each case a text, a width, and the lines it
 * gives, joined by |, counted by hand.
 */
static const struct {
	const char	*s;
	size_t		 width;
	const char	*lines;
} wraps[] = {
	{ "", 10, "" },
	{ "short", 10, "short" },
	{ "one two three", 7, "one two|three" },
	{ "one two three", 6, "one|two|three" },
	{ "exactly ten", 11, "exactly ten" },
	{ "a verylongword b", 4, "a|verylongword|b" },
	{ "verylongword", 4, "verylongword" },
	{ "  indented text", 10, "  indented|text" },
	{ "spaces   between", 9, "spaces|between" },
	{ "trailing   ", 8, "trailing" },
	/* Two wide characters fill four columns. */
	{ "\xe6\x97\xa5\xe6\x9c\xac \xe8\xaa\x9e", 4,
	    "\xe6\x97\xa5\xe6\x9c\xac|\xe8\xaa\x9e" },
	{ "caf\xc3\xa9 caf\xc3\xa9", 9, "caf\xc3\xa9 caf\xc3\xa9" },
};

START_TEST(test_wrap_lines)
{
	char		 got[128];
	const char	*s = wraps[_i].s;
	size_t		 len, at, n, next;

	len = strlen(s);
	got[0] = '\0';
	for (at = 0; at < len; at += next) {
		n = wrap_line(s + at, len - at, wraps[_i].width, &next);
		ck_assert_uint_gt(next, 0);
		if (got[0] != '\0' || at > 0)
			strlcat(got, "|", sizeof(got));
		strncat(got, s + at, n);
	}
	ck_assert_str_eq(got, wraps[_i].lines);
}
END_TEST

START_TEST(test_wrap_never_cuts)
{
	const char	*s = "word another";
	size_t		 w, next;

	for (w = 0; w < 4; w++)
		ck_assert_uint_eq(wrap_line(s, strlen(s), w, &next), 4);
	ck_assert_uint_eq(next, 5);
}
END_TEST

START_TEST(test_width_cut)
{
	ck_assert_uint_eq(width_cut(LIT("abcdef"), 4), 4);
	ck_assert_uint_eq(width_cut(LIT("abc"), 4), 3);
	ck_assert_uint_eq(width_cut(LIT("abc"), 0), 0);
	/* Wide characters whole or not at all. */
	ck_assert_uint_eq(width_cut(LIT("\xe6\x97\xa5\xe6\x9c\xac"), 3), 3);
	ck_assert_uint_eq(width_cut(LIT("\xe6\x97\xa5\xe6\x9c\xac"), 1), 0);
	ck_assert_uint_eq(width_cut(LIT("caf\xc3\xa9!"), 4), 5);
}
END_TEST

/* Texts unwrapped into paragraphs: each case a text and what it gives. */
static const struct {
	const char	*s;
	const char	*paragraphs;
} unwraps[] = {
	{ "", "" },
	{ "one line\n", "one line\n" },
	{ "What would you find\nmost surprising?\n",
	    "What would you find most surprising?\n" },
	/* The blanks around a break go with it, a CR of a CRLF too. */
	{ "one \t\n  two\r\nthree", "one two three" },
	/* A blank line ends a paragraph, and stays as it is. */
	{ "a\nb\n\nc\nd\n", "a b\n\nc d\n" },
	{ "a\n \t\nb", "a\n \t\nb" },
	{ "a\n\n\nb\n", "a\n\n\nb\n" },
	/* The indentation of a paragraph's first line is kept. */
	{ "\n  a\n  b\n", "\n  a b\n" },
	{ "trailing  \n", "trailing  \n" },
};

START_TEST(test_unwrap)
{
	char	 got[128];
	size_t	 n, len = strlen(unwraps[_i].s);

	n = unwrap(got, unwraps[_i].s, len);
	ck_assert_uint_le(n, len);
	got[n] = '\0';
	ck_assert_str_eq(got, unwraps[_i].paragraphs);
	/* In place, as the matching does it. */
	strlcpy(got, unwraps[_i].s, sizeof(got));
	got[unwrap(got, got, len)] = '\0';
	ck_assert_str_eq(got, unwraps[_i].paragraphs);
}
END_TEST

static Suite *
width_suite(void)
{
	Suite	*s;
	TCase	*tc;

	s = suite_create("width");

	tc = tcase_create("decode");
	tcase_add_test(tc, test_decode_ascii);
	tcase_add_test(tc, test_decode_two_bytes);
	tcase_add_test(tc, test_decode_three_bytes);
	tcase_add_test(tc, test_decode_four_bytes);
	suite_add_tcase(s, tc);

	tc = tcase_create("decode_reject");
	tcase_add_test(tc, test_decode_overlong);
	tcase_add_test(tc, test_decode_surrogates);
	tcase_add_test(tc, test_decode_too_large);
	tcase_add_test(tc, test_decode_truncated);
	tcase_add_test(tc, test_decode_stray_continuation);
	tcase_add_test(tc, test_decode_bad_lead);
	suite_add_tcase(s, tc);

	tc = tcase_create("width");
	tcase_add_test(tc, test_width_ascii);
	tcase_add_test(tc, test_width_wide);
	tcase_add_test(tc, test_width_combining);
	tcase_add_test(tc, test_width_lines);
	tcase_add_test(tc, test_width_tab);
	tcase_add_test(tc, test_width_invalid);
	tcase_add_test(tc, test_width_cr);
	suite_add_tcase(s, tc);

	tc = tcase_create("wrap");
	tcase_add_loop_test(tc, test_wrap_lines, 0, nitems(wraps));
	tcase_add_test(tc, test_wrap_never_cuts);
	tcase_add_test(tc, test_width_cut);
	tcase_add_loop_test(tc, test_unwrap, 0, nitems(unwraps));
	suite_add_tcase(s, tc);

	tc = tcase_create("locale");
	tcase_add_test(tc, test_locale_c_first);
	tcase_add_test(tc, test_locale_utf8_first);
	tcase_add_test(tc, test_locale_kept);
	suite_add_tcase(s, tc);

	return s;
}

int
main(void)
{
	return check_run("check_width", width_suite(), NULL);
}
