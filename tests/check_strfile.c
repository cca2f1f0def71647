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
#include <sys/wait.h>

#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rapport.h"
#include "checkutil.h"

#define LIT(s)		(s), (sizeof(s) - 1)

#define STRFILE_BIN	"/usr/bin/strfile"

/* The index strfile(8) writes for "Hello\n%\nWorld\nwide\n%\n". */
static const unsigned char hello_dat[36] = {
	0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x02,
	0x00, 0x00, 0x00, 0x0b, 0x00, 0x00, 0x00, 0x06,
	0x00, 0x00, 0x00, 0x00, 0x25, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x08,
	0x00, 0x00, 0x00, 0x15
};

static void
put32(unsigned char *p, uint32_t v)
{
	p[0] = v >> 24;
	p[1] = v >> 16;
	p[2] = v >> 8;
	p[3] = v;
}

/* Build an index and check its table, which ends with the sentinel. */
static void
check_build(const char *text, size_t size, int delim, int opts,
    uint32_t numstr, uint32_t longlen, uint32_t shortlen, uint32_t flags,
    const uint64_t *offsets)
{
	struct strfile	 sf;
	uint32_t	 i;

	ck_assert_int_eq(strfile_build(&sf, text, size, delim, opts, NULL), 0);
	ck_assert_uint_eq(sf.version, 2);
	ck_assert_uint_eq(sf.numstr, numstr);
	ck_assert_uint_eq(sf.longlen, longlen);
	ck_assert_uint_eq(sf.shortlen, shortlen);
	ck_assert_uint_eq(sf.flags, flags);
	ck_assert_uint_eq(sf.delim, (unsigned char)delim);
	for (i = 0; i <= numstr; i++)
		ck_assert_uint_eq(sf.offsets[i], offsets[i]);
	strfile_free(&sf);
}

/* Build and encode an index, as tip --index writes it. */
static unsigned char *
encode(const char *text, size_t size, int delim, int opts, struct rng *rng,
    size_t *lenp)
{
	struct strfile	 sf;
	unsigned char	*buf;

	ck_assert_int_eq(strfile_build(&sf, text, size, delim, opts, rng), 0);
	ck_assert_int_eq(strfile_encode(&sf, &buf, lenp), 0);
	strfile_free(&sf);
	return buf;
}

/* Run strfile -s with options on in, writing out; return its status. */
static int
run_strfile(const char *const *opts, const char *in, const char *out)
{
	const char	*argv[16];
	pid_t		 pid;
	size_t		 n = 0;
	int		 status, fd;

	argv[n++] = "strfile";
	argv[n++] = "-s";
	for (; *opts != NULL; opts++)
		argv[n++] = *opts;
	argv[n++] = in;
	argv[n++] = out;
	argv[n] = NULL;
	ck_assert_int_ne(pid = fork(), -1);
	if (pid == 0) {
		if ((fd = open("/dev/null", O_WRONLY)) != -1)
			dup2(fd, STDOUT_FILENO);
		execv(STRFILE_BIN, (char *const *)argv);
		_exit(127);
	}
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

START_TEST(test_hello)
{
	static const uint64_t off[] = { 0, 8, 21 };
	unsigned char	*buf;
	size_t		 len;

	check_build(LIT("Hello\n%\nWorld\nwide\n%\n"), '%', 0, 2, 11, 6, 0,
	    off);
	buf = encode(LIT("Hello\n%\nWorld\nwide\n%\n"), '%', 0, NULL, &len);
	ck_assert_uint_eq(len, sizeof(hello_dat));
	ck_assert_mem_eq(buf, hello_dat, len);
	free(buf);
}
END_TEST

START_TEST(test_no_trailing_delim)
{
	static const uint64_t off[] = { 0, 8, 14 };

	check_build(LIT("Hello\n%\nWorld\n"), '%', 0, 2, 6, 6, 0, off);
}
END_TEST

START_TEST(test_empty_strings)
{
	static const uint64_t off[] = { 2, 8, 15 };

	check_build(LIT("%\nA\n%\n%\nBB\n%\n%\n"), '%', 0, 2, 3, 2, 0, off);
}
END_TEST

START_TEST(test_crlf_one_string)
{
	static const uint64_t off[] = { 0, 12 };

	check_build(LIT("A\r\n%\r\nB\r\n%\r\n"), '%', 0, 1, 12, 12, 0, off);
}
END_TEST

START_TEST(test_comment_is_text)
{
	static const uint64_t off[] = { 0, 17, 21 };

	/* strfile knows no comments: "%% comment" is part of the string. */
	check_build(LIT("A\n%% comment\nB\n%\nC\n%\n"), '%', 0, 2, 15, 2, 0,
	    off);
}
END_TEST

START_TEST(test_empty_file)
{
	static const unsigned char want[28] = {
		0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff,
		0, 0, 0, 0, '%', 0, 0, 0, 0, 0, 0, 0
	};
	static const uint64_t off[] = { 0 };
	unsigned char	*buf;
	size_t		 len;

	check_build("", 0, '%', 0, 0, 0, 0xffffffff, 0, off);
	buf = encode("", 0, '%', 0, NULL, &len);
	ck_assert_uint_eq(len, sizeof(want));
	ck_assert_mem_eq(buf, want, len);
	free(buf);
}
END_TEST

START_TEST(test_rotated_delim)
{
	static const uint64_t off[] = { 0, 4, 12 };
	unsigned char	*buf;
	size_t		 len;

	/* With # for delimiter, a % line is text: "B\n%\nC\n" is 6 bytes. */
	check_build(LIT("A\n#\nB\n%\nC\n#\n"), '#', STRFILE_OPT_ROTATED, 2, 6,
	    2, STR_ROTATED, off);
	buf = encode(LIT("A\n#\n"), '#', STRFILE_OPT_ROTATED, NULL, &len);
	ck_assert_uint_eq(buf[19], 0x04);
	ck_assert_uint_eq(buf[20], 0x23);
	free(buf);
}
END_TEST

START_TEST(test_order)
{
	/* four, one, three, two, then the sentinel. */
	static const uint64_t off[] = { 0x14, 0x00, 0x0c, 0x06, 0x1b };

	check_build(LIT("one\n%\ntwo\n%\nthree\n%\nfour\n%\n"), '%',
	    STRFILE_OPT_ORDER, 4, 6, 4, STR_ORDERED, off);
}
END_TEST

START_TEST(test_order_ignore_case)
{
	static const uint64_t off_case[] = { 6, 0, 12, 18 };
	static const uint64_t off_nocase[] = { 0, 6, 12, 18 };

	/* "Bee" < "ant" < "cow" in ASCII; ant, Bee, cow ignoring case. */
	check_build(LIT("ant\n%\nBee\n%\ncow\n%\n"), '%', STRFILE_OPT_ORDER,
	    3, 4, 4, STR_ORDERED, off_case);
	check_build(LIT("ant\n%\nBee\n%\ncow\n%\n"), '%',
	    STRFILE_OPT_ORDER | STRFILE_OPT_IGNCASE, 3, 4, 4, STR_ORDERED,
	    off_nocase);
}
END_TEST

/*
 * The same input and options give the same bytes as strfile(8).  The
 * inputs keep away from strfile's known defects: no line of 255 bytes or
 * more, and with -o no string whose first line lacks a letter or digit.
 */
struct compat_opts {
	const char	*args[4];
	int		 opts;
	int		 delim;
	bool		 order;
};

static const struct compat_opts compat_opts[] = {
	{ { NULL }, 0, '%', false },
	{ { "-o", NULL }, STRFILE_OPT_ORDER, '%', true },
	{ { "-i", "-o", NULL }, STRFILE_OPT_IGNCASE | STRFILE_OPT_ORDER, '%',
	    true },
	{ { "-i", NULL }, STRFILE_OPT_IGNCASE, '%', false },
	{ { "-x", NULL }, STRFILE_OPT_ROTATED, '%', false },
	{ { "-c", "X", NULL }, 0, 'X', false },
	{ { "-o", "-c", "#", NULL }, STRFILE_OPT_ORDER, '#', true },
};

/* When -o is safe: with any delimiter, with % only, never. */
enum { ORDER_ANY, ORDER_PCT, ORDER_NONE };

struct compat_input {
	const char	*text;
	size_t		 size;
	int		 order;
};

#define INPUT(s, o)	{ (s), sizeof(s) - 1, (o) }

static const struct compat_input compat_inputs[] = {
	INPUT("Hello\n%\nWorld\nwide\n%\n", ORDER_ANY),
	INPUT("one\n%\ntwo\n%\nthree\n%\nfour\n%\n", ORDER_ANY),
	INPUT("Zebra\n%\napple\n%\n  Mango!\n%\n\"banana\"\n%\nAPPLE pie\n%\n"
	    "apple\n%\n", ORDER_ANY),
	INPUT("A\n%\n%\nBB\n%\n%\n", ORDER_ANY),
	INPUT("%\nA\n%\n%\nBB\n%\n%\n", ORDER_PCT),
	INPUT("A\r\n%\r\nB\r\n%\r\n", ORDER_ANY),
	INPUT("no trailing\n%\nlast one\n", ORDER_ANY),
	INPUT("A\n%% comment\nB\n%\nC\n%\n", ORDER_ANY),
	INPUT("x1\n#\ny2\nX\nz3\n#\nw4 X\nX\nv5\n#\n", ORDER_ANY),
	INPUT("\xc3\xa9lan\n%\ncaf\xc3\xa9\n%\n\xff\xfe bytes\n%\n", ORDER_ANY),
	INPUT("", ORDER_ANY),
};

START_TEST(test_compat)
{
	char			 dir[PATH_MAX], in[PATH_MAX], out[PATH_MAX];
	const struct compat_input *ci;
	const struct compat_opts *co;
	unsigned char		*theirs, *ours;
	size_t			 i, j, tlen, olen;

	ck_assert_msg(access(STRFILE_BIN, X_OK) == 0,
	    "%s is needed (Debian package fortune-mod)", STRFILE_BIN);
	check_newdir(dir, sizeof(dir));
	check_pathcat(in, sizeof(in), dir, "/in");
	check_pathcat(out, sizeof(out), dir, "/out.dat");
	for (i = 0; i < nitems(compat_inputs); i++) {
		ci = &compat_inputs[i];
		check_write_file(in, ci->text, ci->size);
		for (j = 0; j < nitems(compat_opts); j++) {
			co = &compat_opts[j];
			if (co->order && (ci->order == ORDER_NONE ||
			    (ci->order == ORDER_PCT && co->delim != '%')))
				continue;
			unlink(out);
			ck_assert_int_eq(run_strfile(co->args, in, out), 0);
			theirs = check_read_file(out, &tlen);
			ours = encode(ci->text, ci->size, co->delim, co->opts,
			    NULL, &olen);
			ck_assert_msg(tlen == olen &&
			    memcmp(theirs, ours, tlen) == 0,
			    "input %zu, options %zu: index differs from "
			    "strfile's", i, j);
			free(theirs);
			free(ours);
		}
	}
}
END_TEST

/*
 * With -r: strfile's header, but for the random flag, and the strings'
 * offsets shuffled with the end offset last.  Seeded runs show that more
 * than one order comes out and every string reaches every slot.
 */
START_TEST(test_random)
{
	static const char text[] = "one\n%\ntwo\n%\nthree\n%\nfour\n%\n";
	static const uint32_t file_order[] = { 0x00, 0x06, 0x0c, 0x14 };
	static const char *const noopts[] = { NULL };
	char		 dir[PATH_MAX], in[PATH_MAX], out[PATH_MAX];
	unsigned char	*theirs, *ours, *p;
	struct rng	 rng;
	uint32_t	 v;
	size_t		 tlen, olen, i, k, m, perm, nperms = 0;
	bool		 seen[256], slot[4][4], used[4];

	ck_assert_msg(access(STRFILE_BIN, X_OK) == 0,
	    "%s is needed (Debian package fortune-mod)", STRFILE_BIN);
	check_newdir(dir, sizeof(dir));
	check_pathcat(in, sizeof(in), dir, "/in");
	check_pathcat(out, sizeof(out), dir, "/in.dat");
	check_write_file(in, LIT(text));
	ck_assert_int_eq(run_strfile(noopts, in, out), 0);
	theirs = check_read_file(out, &tlen);
	ck_assert_uint_eq(tlen, 24 + 5 * 4);
	memset(seen, 0, sizeof(seen));
	memset(slot, 0, sizeof(slot));
	for (i = 0; i < 200; i++) {
		rng_init_seed(&rng, i + 1);
		ours = encode(LIT(text), '%', STRFILE_OPT_RANDOM, &rng, &olen);
		ck_assert_uint_eq(olen, tlen);
		ck_assert_mem_eq(ours, theirs, 19);
		ck_assert_uint_eq(ours[19], theirs[19] | STR_RANDOM);
		ck_assert_mem_eq(ours + 20, theirs + 20, 4);
		/* The sentinel stays last. */
		ck_assert_mem_eq(ours + 40, theirs + 40, 4);
		/* The rest is each string's offset once: a permutation. */
		memset(used, 0, sizeof(used));
		perm = 0;
		for (k = 0; k < 4; k++) {
			p = ours + 24 + k * 4;
			v = (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
			    (uint32_t)p[2] << 8 | p[3];
			for (m = 0; m < 4 && file_order[m] != v; m++)
				continue;
			ck_assert_msg(m < 4, "offset %u is no string's",
			    (unsigned)v);
			ck_assert_msg(!used[m], "offset %u twice", (unsigned)v);
			used[m] = slot[m][k] = true;
			perm = perm * 4 + m;
		}
		if (!seen[perm]) {
			seen[perm] = true;
			nperms++;
		}
		free(ours);
	}
	for (m = 0; m < 4; m++)
		for (k = 0; k < 4; k++)
			ck_assert_msg(slot[m][k],
			    "string %zu never in slot %zu", m, k);
	/* 200 uniform shuffles of 4 strings miss one of the 24 rarely. */
	ck_assert_uint_ge(nperms, 20);
	free(theirs);
}
END_TEST

START_TEST(test_decode_v2)
{
	struct strfile	 sf;

	ck_assert_int_eq(strfile_decode(&sf, hello_dat, sizeof(hello_dat)), 0);
	ck_assert_uint_eq(sf.version, 2);
	ck_assert_int_eq(sf.width, 4);
	ck_assert_uint_eq(sf.numstr, 2);
	ck_assert_uint_eq(sf.longlen, 11);
	ck_assert_uint_eq(sf.shortlen, 6);
	ck_assert_uint_eq(sf.flags, 0);
	ck_assert_uint_eq(sf.delim, '%');
	ck_assert_uint_eq(sf.offsets[0], 0);
	ck_assert_uint_eq(sf.offsets[1], 8);
	ck_assert_uint_eq(sf.offsets[2], 21);
	strfile_free(&sf);
}
END_TEST

START_TEST(test_decode_v1)
{
	unsigned char	 buf[24 + 3 * 8];
	struct strfile	 sf;

	/* FreeBSD's layout: version 1, offsets of 64 bits. */
	memset(buf, 0, sizeof(buf));
	put32(buf, 1);
	put32(buf + 4, 2);
	put32(buf + 8, 11);
	put32(buf + 12, 6);
	put32(buf + 16, STR_ROTATED);
	buf[20] = '%';
	put32(buf + 24 + 8 + 4, 8);
	/* An offset over 4 GB, which only this layout can hold. */
	put32(buf + 24 + 16, 1);
	put32(buf + 24 + 16 + 4, 21);
	ck_assert_int_eq(strfile_decode(&sf, buf, sizeof(buf)), 0);
	ck_assert_uint_eq(sf.version, 1);
	ck_assert_int_eq(sf.width, 8);
	ck_assert_uint_eq(sf.numstr, 2);
	ck_assert_uint_eq(sf.longlen, 11);
	ck_assert_uint_eq(sf.shortlen, 6);
	ck_assert_uint_eq(sf.flags, STR_ROTATED);
	ck_assert_uint_eq(sf.delim, '%');
	ck_assert_uint_eq(sf.offsets[0], 0);
	ck_assert_uint_eq(sf.offsets[1], 8);
	ck_assert_uint_eq(sf.offsets[2], 0x100000015ULL);
	strfile_free(&sf);
}
END_TEST

START_TEST(test_decode_truncated)
{
	struct strfile	 sf;

	errno = 0;
	ck_assert_int_eq(strfile_decode(&sf, hello_dat, 35), -1);
	ck_assert_int_eq(errno, EINVAL);
	ck_assert_int_eq(strfile_decode(&sf, hello_dat, 24), -1);
	ck_assert_int_eq(strfile_decode(&sf, hello_dat, 23), -1);
	ck_assert_int_eq(strfile_decode(&sf, hello_dat, 0), -1);
	ck_assert_int_eq(errno, EINVAL);
}
END_TEST

START_TEST(test_decode_bad_size)
{
	unsigned char	 buf[24 + 20];
	struct strfile	 sf;

	/* Three offsets take 12 or 24 bytes, never 20. */
	memset(buf, 0, sizeof(buf));
	put32(buf, 2);
	put32(buf + 4, 2);
	errno = 0;
	ck_assert_int_eq(strfile_decode(&sf, buf, sizeof(buf)), -1);
	ck_assert_int_eq(errno, EINVAL);
	/* A count that no buffer of this size could hold. */
	put32(buf + 4, 0xffffffff);
	ck_assert_int_eq(strfile_decode(&sf, buf, sizeof(buf)), -1);
	put32(buf + 4, 0x3fffffff);
	ck_assert_int_eq(strfile_decode(&sf, buf, 24 + 0), -1);
	ck_assert_int_eq(errno, EINVAL);
}
END_TEST

START_TEST(test_decode_decreasing)
{
	unsigned char	 buf[36];
	struct strfile	 sf;

	memcpy(buf, hello_dat, sizeof(buf));
	put32(buf + 28, 30);		/* 0, 30, 21 */
	errno = 0;
	ck_assert_int_eq(strfile_decode(&sf, buf, sizeof(buf)), -1);
	ck_assert_int_eq(errno, EINVAL);
	/* Ordered and random tables are not in file order. */
	put32(buf + 28, 0);
	put32(buf + 24, 8);		/* 8, 0, 21 */
	put32(buf + 16, STR_ORDERED);
	ck_assert_int_eq(strfile_decode(&sf, buf, sizeof(buf)), 0);
	ck_assert_uint_eq(sf.offsets[0], 8);
	strfile_free(&sf);
	put32(buf + 16, STR_RANDOM);
	ck_assert_int_eq(strfile_decode(&sf, buf, sizeof(buf)), 0);
	strfile_free(&sf);
	put32(buf + 16, STR_ROTATED);
	ck_assert_int_eq(strfile_decode(&sf, buf, sizeof(buf)), -1);
}
END_TEST

START_TEST(test_write_read)
{
	static const char text[] = "one\n%\ntwo\n%\nthree\n%\nfour\n%\n";
	char		 dir[PATH_MAX], path[PATH_MAX];
	struct strfile	 sf, back;
	struct stat	 st;
	unsigned char	*file, *enc;
	size_t		 flen, elen;
	uint32_t	 i;

	check_newdir(dir, sizeof(dir));
	check_pathcat(path, sizeof(path), dir, "/four.dat");
	ck_assert_int_eq(strfile_build(&sf, LIT(text), '%', STRFILE_OPT_ORDER,
	    NULL), 0);
	umask(022);
	ck_assert_int_eq(strfile_write(path, &sf), 0);
	/* Readable by fortune(6) run by anyone, and nothing else left. */
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_uint_eq(st.st_mode & 07777, 0644);
	ck_assert_uint_eq(check_dir_entries(dir), 1);
	file = check_read_file(path, &flen);
	ck_assert_int_eq(strfile_encode(&sf, &enc, &elen), 0);
	ck_assert_uint_eq(flen, elen);
	ck_assert_mem_eq(file, enc, flen);

	ck_assert_int_eq(strfile_read(path, &back), 0);
	ck_assert_uint_eq(back.version, 2);
	ck_assert_int_eq(back.width, 4);
	ck_assert_uint_eq(back.numstr, sf.numstr);
	ck_assert_uint_eq(back.longlen, sf.longlen);
	ck_assert_uint_eq(back.shortlen, sf.shortlen);
	ck_assert_uint_eq(back.flags, sf.flags);
	ck_assert_uint_eq(back.delim, sf.delim);
	for (i = 0; i <= sf.numstr; i++)
		ck_assert_uint_eq(back.offsets[i], sf.offsets[i]);
	strfile_free(&back);

	/* Writing again replaces the index in place. */
	strfile_free(&sf);
	ck_assert_int_eq(strfile_build(&sf, LIT("only\n%\n"), '%', 0, NULL),
	    0);
	ck_assert_int_eq(strfile_write(path, &sf), 0);
	ck_assert_uint_eq(check_dir_entries(dir), 1);
	ck_assert_int_eq(strfile_read(path, &back), 0);
	ck_assert_uint_eq(back.numstr, 1);
	strfile_free(&back);
	strfile_free(&sf);
	free(file);
	free(enc);
}
END_TEST

START_TEST(test_write_no_dir)
{
	char		 dir[PATH_MAX], path[PATH_MAX];
	struct strfile	 sf;

	check_newdir(dir, sizeof(dir));
	check_pathcat(path, sizeof(path), dir, "/nodir/x.dat");
	ck_assert_int_eq(strfile_build(&sf, LIT("a\n%\n"), '%', 0, NULL), 0);
	errno = 0;
	ck_assert_int_eq(strfile_write(path, &sf), -1);
	ck_assert_int_eq(errno, ENOENT);
	ck_assert_uint_eq(check_dir_entries(dir), 0);
	strfile_free(&sf);
}
END_TEST

START_TEST(test_read_errors)
{
	char		 dir[PATH_MAX], path[PATH_MAX];
	struct strfile	 sf;

	check_newdir(dir, sizeof(dir));
	check_pathcat(path, sizeof(path), dir, "/missing.dat");
	errno = 0;
	ck_assert_int_eq(strfile_read(path, &sf), -1);
	ck_assert_int_eq(errno, ENOENT);
	errno = 0;
	ck_assert_int_eq(strfile_read(dir, &sf), -1);
	ck_assert_int_eq(errno, EISDIR);
	check_pathcat(path, sizeof(path), dir, "/short.dat");
	check_write_file(path, hello_dat, 30);
	errno = 0;
	ck_assert_int_eq(strfile_read(path, &sf), -1);
	ck_assert_int_eq(errno, EINVAL);
}
END_TEST

static Suite *
strfile_suite(void)
{
	Suite	*s;
	TCase	*tc;

	s = suite_create("strfile");

	tc = tcase_create("build");
	tcase_add_test(tc, test_hello);
	tcase_add_test(tc, test_no_trailing_delim);
	tcase_add_test(tc, test_empty_strings);
	tcase_add_test(tc, test_crlf_one_string);
	tcase_add_test(tc, test_comment_is_text);
	tcase_add_test(tc, test_empty_file);
	tcase_add_test(tc, test_rotated_delim);
	tcase_add_test(tc, test_order);
	tcase_add_test(tc, test_order_ignore_case);
	suite_add_tcase(s, tc);

	tc = tcase_create("compat");
	/*
	 * strfile(8) is run for every input and option, a process each: on
	 * a loaded machine (make -j8 check) that outlasts Check's 4 s.
	 */
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_compat);
	tcase_add_test(tc, test_random);
	suite_add_tcase(s, tc);

	tc = tcase_create("decode");
	tcase_add_test(tc, test_decode_v2);
	tcase_add_test(tc, test_decode_v1);
	tcase_add_test(tc, test_decode_truncated);
	tcase_add_test(tc, test_decode_bad_size);
	tcase_add_test(tc, test_decode_decreasing);
	suite_add_tcase(s, tc);

	tc = tcase_create("files");
	tcase_add_test(tc, test_write_read);
	tcase_add_test(tc, test_write_no_dir);
	tcase_add_test(tc, test_read_errors);
	suite_add_tcase(s, tc);

	return s;
}

int
main(void)
{
	return check_run("check_strfile", strfile_suite(), NULL);
}
