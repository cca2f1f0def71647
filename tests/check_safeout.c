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
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checkutil.h"
#include "rapport.h"

/* Text given as a string literal, with its length but without its NUL. */
#define LIT(s)		(s), (sizeof(s) - 1)

/* A text longer than any stdio buffer, so that writing it must flush. */
#define BIG_SIZE	(256 * 1024)

/*
 * Write n bytes of s with safe_write in the given mode into a memory
 * stream and compare what came out with the wlen bytes of want.
 */
static void
check_out(const char *s, size_t n, int mode, const char *want, size_t wlen)
{
	FILE	*fp;
	char	*buf = NULL;
	size_t	 len = 0, i;

	ck_assert_ptr_nonnull(fp = open_memstream(&buf, &len));
	ck_assert_int_eq(safe_write(fp, s, n, mode), 0);
	ck_assert_int_eq(fclose(fp), 0);
	if (len != wlen || memcmp(buf, want, len) != 0) {
		fprintf(stderr, "# got %zu bytes:", len);
		for (i = 0; i < len; i++)
			fprintf(stderr, " %02x", (unsigned char)buf[i]);
		fprintf(stderr, "\n");
	}
	ck_assert_uint_eq(len, wlen);
	ck_assert_mem_eq(buf, want, len);
	free(buf);
}

#define RAW(in, out)	check_out(LIT(in), SAFEOUT_RAW, LIT(out))
#define TTY(in, out)	check_out(LIT(in), SAFEOUT_TTY, LIT(out))

/* The same text in both modes, with a newline added when it lacks one. */
#define BOTH(in, out)	do {						\
	RAW(in, out);							\
	TTY(in, out);							\
} while (0)

/* Open /dev/full, where every write fails with ENOSPC. */
static FILE *
open_full(int buffered)
{
	FILE	*fp;

	ck_assert_ptr_nonnull(fp = fopen("/dev/full", "w"));
	if (!buffered)
		ck_assert_int_eq(setvbuf(fp, NULL, _IONBF, 0), 0);
	return fp;
}

START_TEST(test_raw_controls)
{
	RAW("a\x1b[31mred\x1b[0m\n", "a\x1b[31mred\x1b[0m\n");
	RAW("ab\bc\x7f\n", "ab\bc\x7f\n");
	RAW("\x1b]0;title\x07\n", "\x1b]0;title\x07\n");
	RAW("a\r\nb\rc\n", "a\r\nb\rc\n");
	RAW("\xc2\x85\xc2\x9b\xe2\x80\xae\n", "\xc2\x85\xc2\x9b\xe2\x80\xae\n");
}
END_TEST

START_TEST(test_raw_nul)
{
	RAW("a\0b\n", "a\0b\n");
	RAW("\0", "\0\n");
	RAW("\0\0\n", "\0\0\n");
}
END_TEST

START_TEST(test_raw_invalid)
{
	RAW("\xff\xfe\xc3(\xc0\x80\xed\xa0\x80\n",
	    "\xff\xfe\xc3(\xc0\x80\xed\xa0\x80\n");
	RAW("caf\xc3", "caf\xc3\n");
}
END_TEST

/* Every byte value, in a tmpfile, read back unchanged. */
START_TEST(test_raw_all_bytes)
{
	FILE	*fp;
	char	 in[257], out[300];
	size_t	 n;
	int	 i;

	for (i = 0; i < 256; i++)
		in[i] = (char)(255 - i);
	in[256] = '\n';
	ck_assert_ptr_nonnull(fp = tmpfile());
	ck_assert_int_eq(safe_write(fp, in, sizeof(in), SAFEOUT_RAW), 0);
	rewind(fp);
	n = fread(out, 1, sizeof(out), fp);
	ck_assert_uint_eq(n, sizeof(in));
	ck_assert_mem_eq(out, in, n);
	ck_assert_int_eq(fclose(fp), 0);
}
END_TEST

START_TEST(test_newline_added)
{
	BOTH("abc", "abc\n");
	BOTH("abc\n", "abc\n");
	BOTH("abc\n\n", "abc\n\n");
	BOTH("a\nb", "a\nb\n");
	BOTH("\n", "\n");
	RAW("a\r", "a\r\n");
}
END_TEST

START_TEST(test_newline_empty)
{
	BOTH("", "\n");
}
END_TEST

START_TEST(test_tty_caret)
{
	TTY("a\x1b[31mred\x1b[0m\n", "a^[[31mred^[[0m\n");
	TTY("ab\bc\n", "ab^Hc\n");
	TTY("del\x7f\n", "del^?\n");
	TTY("a\0b\n", "a^@b\n");
	TTY("\x07\x01\x1f\n", "^G^A^_\n");
	TTY("\x1b]0;title\x07\n", "^[]0;title^G\n");
	TTY("\f\v\n", "^L^K\n");
}
END_TEST

START_TEST(test_tty_tab_newline)
{
	TTY("a\tb\n\tc\n\n", "a\tb\n\tc\n\n");
}
END_TEST

START_TEST(test_tty_cr)
{
	TTY("a\r\nb\r\n", "a\nb\n");
	TTY("a\rb\n", "a^Mb\n");
	TTY("a\r\rb\n", "a^M^Mb\n");
	TTY("a\r\r\n", "a^M\n");
	TTY("\rx\n", "^Mx\n");
}
END_TEST

START_TEST(test_tty_invalid)
{
	TTY("\xff\n", "\\xff\n");
	TTY("a\xfe" "b\n", "a\\xfeb\n");
	TTY("\xc3(\n", "\\xc3(\n");
	TTY("\xc0\x80\n", "\\xc0\\x80\n");
	TTY("\xed\xa0\x80\n", "\\xed\\xa0\\x80\n");
	TTY("\xf4\x90\x80\x80\n", "\\xf4\\x90\\x80\\x80\n");
	TTY("\x80\n", "\\x80\n");
	TTY("caf\xc3", "caf\\xc3\n");
}
END_TEST

START_TEST(test_tty_c1)
{
	TTY("a\xc2\x85" "b\n", "a\\xc2\\x85b\n");
	TTY("\xc2\x9b" "31m\n", "\\xc2\\x9b31m\n");
	TTY("\xc2\x80\xc2\x9f\n", "\\xc2\\x80\\xc2\\x9f\n");
	/* U+00A0, no-break space, follows the C1 controls and is shown. */
	TTY("\xc2\xa0\n", "\xc2\xa0\n");
}
END_TEST

START_TEST(test_tty_bidi)
{
	TTY("abc\xe2\x80\xae" "fed\n", "abc\\xe2\\x80\\xaefed\n");
	TTY("\xe2\x80\xaa\n", "\\xe2\\x80\\xaa\n");		/* U+202A */
	TTY("\xe2\x81\xa6\n", "\\xe2\\x81\\xa6\n");		/* U+2066 */
	TTY("\xe2\x81\xa9\n", "\\xe2\\x81\\xa9\n");		/* U+2069 */
	RAW("abc\xe2\x80\xae" "fed\n", "abc\xe2\x80\xae" "fed\n");
}
END_TEST

START_TEST(test_tty_utf8)
{
	TTY("caf\xc3\xa9\n", "caf\xc3\xa9\n");
	TTY("\xe6\x84\x9b\xe3\x81\x82\n", "\xe6\x84\x9b\xe3\x81\x82\n");
	TTY("\xf0\x9f\x98\x80\n", "\xf0\x9f\x98\x80\n");
	TTY("e\xcc\x81\n", "e\xcc\x81\n");
	TTY("\xe2\x80\x94 dash\n", "\xe2\x80\x94 dash\n");
}
END_TEST

/* Valid UTF-8 passes in the C locale too, where it is not the charset. */
START_TEST(test_tty_utf8_locale)
{
	ck_assert_ptr_nonnull(setlocale(LC_ALL, "C"));
	TTY("caf\xc3\xa9 \xe6\x84\x9b\x1b\n", "caf\xc3\xa9 \xe6\x84\x9b^[\n");
	ck_assert_ptr_nonnull(setlocale(LC_ALL, "C.UTF-8"));
	TTY("caf\xc3\xa9 \xe6\x84\x9b\x1b\n", "caf\xc3\xa9 \xe6\x84\x9b^[\n");
}
END_TEST

START_TEST(test_error_unbuffered)
{
	FILE	*fp;

	fp = open_full(0);
	ck_assert_int_eq(safe_write(fp, LIT("tip\n"), SAFEOUT_RAW), -1);
	fclose(fp);
	fp = open_full(0);
	ck_assert_int_eq(safe_write(fp, LIT("tip\n"), SAFEOUT_TTY), -1);
	fclose(fp);
	fp = open_full(0);
	ck_assert_int_eq(safe_write(fp, LIT("\x1b\xff"), SAFEOUT_TTY), -1);
	fclose(fp);
	/* The newline supplied alone fails too. */
	fp = open_full(0);
	ck_assert_int_eq(safe_write(fp, "", 0, SAFEOUT_RAW), -1);
	fclose(fp);
}
END_TEST

/* A text that overflows the buffer must report the failed flush. */
START_TEST(test_error_buffered)
{
	FILE	*fp;
	char	*big;

	ck_assert_ptr_nonnull(big = malloc(BIG_SIZE));
	memset(big, 'x', BIG_SIZE);
	fp = open_full(1);
	ck_assert_int_eq(safe_write(fp, big, BIG_SIZE, SAFEOUT_RAW), -1);
	fclose(fp);
	fp = open_full(1);
	ck_assert_int_eq(safe_write(fp, big, BIG_SIZE, SAFEOUT_TTY), -1);
	fclose(fp);
	free(big);
}
END_TEST

/*
 * After a failed flush the stream is in error: a later write reports it,
 * even one short enough to stay in the buffer.
 */
START_TEST(test_error_after_flush)
{
	FILE	*fp;

	fp = open_full(1);
	ck_assert_int_ne(fputs("tip\n", fp), EOF);
	ck_assert_int_eq(fflush(fp), EOF);
	ck_assert_int_eq(safe_write(fp, LIT("tip\n"), SAFEOUT_RAW), -1);
	ck_assert_int_eq(safe_write(fp, LIT("tip\n"), SAFEOUT_TTY), -1);
	fclose(fp);
}
END_TEST

static Suite *
safeout_suite(void)
{
	Suite	*s;
	TCase	*tc;

	s = suite_create("safeout");

	tc = tcase_create("raw");
	tcase_add_test(tc, test_raw_controls);
	tcase_add_test(tc, test_raw_nul);
	tcase_add_test(tc, test_raw_invalid);
	tcase_add_test(tc, test_raw_all_bytes);
	suite_add_tcase(s, tc);

	tc = tcase_create("newline");
	tcase_add_test(tc, test_newline_added);
	tcase_add_test(tc, test_newline_empty);
	suite_add_tcase(s, tc);

	tc = tcase_create("tty_controls");
	tcase_add_test(tc, test_tty_caret);
	tcase_add_test(tc, test_tty_tab_newline);
	tcase_add_test(tc, test_tty_cr);
	suite_add_tcase(s, tc);

	tc = tcase_create("tty_escapes");
	tcase_add_test(tc, test_tty_invalid);
	tcase_add_test(tc, test_tty_c1);
	tcase_add_test(tc, test_tty_bidi);
	suite_add_tcase(s, tc);

	tc = tcase_create("tty_utf8");
	tcase_add_test(tc, test_tty_utf8);
	tcase_add_test(tc, test_tty_utf8_locale);
	suite_add_tcase(s, tc);

	tc = tcase_create("errors");
	tcase_add_test(tc, test_error_unbuffered);
	tcase_add_test(tc, test_error_buffered);
	tcase_add_test(tc, test_error_after_flush);
	suite_add_tcase(s, tc);

	return s;
}

int
main(void)
{
	return check_run("check_safeout", safeout_suite(), NULL);
}
