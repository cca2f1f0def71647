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
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "rapport.h"
#include "checkutil.h"

/* Text given as a string literal, with its length but without its NUL. */
#define LIT(s)		(s), (sizeof(s) - 1)

/* Records in a big file: 1,000 of 82 bytes, over RECFILE_INDEX_MIN. */
#define BIG_NRECS	1000
#define BIG_SIZE	(BIG_NRECS * 82)

static void
append_file(const char *path, const char *data, size_t len)
{
	int	 fd;

	fd = open(path, O_WRONLY | O_APPEND);
	ck_assert_int_ne(fd, -1);
	ck_assert_int_eq(write(fd, data, len), (ssize_t)len);
	ck_assert_int_eq(close(fd), 0);
}

/*
 * Check the records of text held in memory, as the caller sees them:
 * their number and their text with comment lines left out.
 */
static void
check_recs(const char *text, size_t size, const char *const *want,
    size_t nwant)
{
	struct recfile	 rf;
	const char	*s;
	char		*copy;
	size_t		 i, len;

	recfile_init_mem(&rf, "mem", text, size);
	ck_assert_int_eq(recfile_load(&rf), 0);
	ck_assert_uint_eq(rf.nrecs, nwant);
	for (i = 0; i < nwant; i++) {
		s = recfile_text(&rf, i, &len, &copy);
		ck_assert_uint_eq(len, strlen(want[i]));
		ck_assert_mem_eq(s, want[i], len);
		free(copy);
	}
	recfile_free(&rf);
}

/* Check the number of records and the first two offsets of a scan. */
static void
check_offsets(const char *text, size_t size, size_t nwant, size_t off0,
    size_t len0)
{
	struct record	*recs;
	size_t		 n;

	record_scan(text, size, &recs, &n);
	ck_assert_uint_eq(n, nwant);
	if (n > 0) {
		ck_assert_uint_eq(recs[0].off, off0);
		ck_assert_uint_eq(recs[0].len, len0);
	}
	free(recs);
}

/*
 * Write a file of BIG_NRECS records of 80 bytes, each followed by a
 * delimiter line, and return the text in buf (BIG_SIZE + 1 bytes).
 */
static void
write_big(const char *path, char *buf)
{
	size_t	 i;

	for (i = 0; i < BIG_NRECS; i++)
		snprintf(buf + i * 82, 83, "record %04zu %-67s\n%%\n", i,
		    "of the big file");
	ck_assert_uint_eq(strlen(buf), BIG_SIZE);
	check_write_file(path, buf, BIG_SIZE);
}

/* Index a text file as strfile -s would, into PATH.dat. */
static void
index_file(const char *path, const char *text, size_t size)
{
	struct strfile	 sf;
	char		 dat[PATH_MAX];

	check_pathcat(dat, sizeof(dat), path, ".dat");
	ck_assert_int_eq(strfile_build(&sf, text, size, '%', 0, NULL), 0);
	ck_assert_int_eq(strfile_write(dat, &sf), 0);
	strfile_free(&sf);
}

static void
count_file(const char *path, int rv, size_t nrecs, bool scanned)
{
	struct recfile	 rf;

	recfile_init(&rf, "big", path);
	ck_assert_int_eq(recfile_count(&rf), rv);
	ck_assert_uint_eq(rf.nrecs, nrecs);
	ck_assert_int_eq(rf.scanned, scanned);
	ck_assert_int_eq(rf.error, 0);
	recfile_free(&rf);
}

START_TEST(test_simple)
{
	static const char *const want[] = { "A\n", "BB\nCC\n", "D\n" };

	check_recs(LIT("A\n%\nBB\nCC\n%\nD\n%\n"), want, nitems(want));
	check_offsets(LIT("A\n%\nBB\nCC\n%\nD\n%\n"), 3, 0, 2);
}
END_TEST

START_TEST(test_no_final_delim)
{
	static const char *const want[] = { "A\n", "B\n" };
	static const char *const want2[] = { "A\n", "B" };

	check_recs(LIT("A\n%\nB\n"), want, nitems(want));
	check_recs(LIT("A\n%\nB"), want2, nitems(want2));
}
END_TEST

START_TEST(test_final_delim_no_newline)
{
	static const char *const want[] = { "A\n", "B\n" };

	check_recs(LIT("A\n%\nB\n%"), want, nitems(want));
}
END_TEST

START_TEST(test_crlf)
{
	static const char *const want[] = { "A\r\n", "B\r\nC\r\n" };

	check_recs(LIT("A\r\n%\r\nB\r\nC\r\n%\r\n"), want, nitems(want));
	ck_assert(recfile_is_delim(LIT("%\r\n")));
}
END_TEST

START_TEST(test_trailing_blanks)
{
	static const char *const want[] = { "A\n", "B\n", "C\n" };

	check_recs(LIT("A\n%   \nB\n%\t \r\nC\n"), want, nitems(want));
	ck_assert(recfile_is_delim(LIT("%  \n")));
	ck_assert(recfile_is_delim(LIT("%")));
}
END_TEST

START_TEST(test_not_delim)
{
	static const char *const want[] = { "A\n%x\n% x\nx%\n %\nB\n" };

	check_recs(LIT("A\n%x\n% x\nx%\n %\nB\n%\n"), want, nitems(want));
	ck_assert(!recfile_is_delim(LIT("%x\n")));
	ck_assert(!recfile_is_delim(LIT(" %\n")));
	ck_assert(!recfile_is_delim(LIT("\n")));
}
END_TEST

START_TEST(test_comment_leading)
{
	static const char *const want[] = { "A\n", "B\n" };

	check_recs(LIT("%% header\n%%\nA\n%\nB\n"), want, nitems(want));
	/* The record starts after the comments, which it does not hold. */
	check_offsets(LIT("%% header\n%%\nA\n%\nB\n"), 2, 13, 2);
}
END_TEST

START_TEST(test_comment_inside)
{
	static const char *const want[] = { "A\nB\n", "C\n" };
	struct record	*recs;
	size_t		 n;

	check_recs(LIT("A\n%% note\nB\n%\nC\n%\n"), want, nitems(want));
	record_scan(LIT("A\n%% note\nB\n%\nC\n%\n"), &recs, &n);
	ck_assert_uint_eq(n, 2);
	ck_assert(recs[0].comments);
	ck_assert(!recs[1].comments);
	free(recs);
}
END_TEST

START_TEST(test_comment_trailing)
{
	static const char *const want[] = { "A\n", "B\n" };

	check_recs(LIT("A\n%\nB\n%% end\n"), want, nitems(want));
	check_recs(LIT("A\n%\nB\n%\n%% end\n%%\n"), want, nitems(want));
	/* A record of nothing but comments is no record. */
	check_recs(LIT("A\n%\n%% only\n%\nB\n%\n"), want, nitems(want));
}
END_TEST

START_TEST(test_empty_records)
{
	static const char *const want[] = { "A\n", "BB\n" };

	check_recs(LIT("%\nA\n%\n%\nBB\n%\n%\n"), want, nitems(want));
	check_offsets(LIT("%\nA\n%\n%\nBB\n%\n%\n"), 2, 2, 2);
}
END_TEST

START_TEST(test_blank_records)
{
	static const char *const want[] = { "A\n", "\n  B\n" };

	check_recs(LIT("A\n%\n\n  \n\t\r\n%\n\n  B\n%\n \n"), want,
	    nitems(want));
}
END_TEST

START_TEST(test_empty_text)
{
	check_recs("", 0, NULL, 0);
	check_recs(LIT("%\n%\n%\n"), NULL, 0);
	check_recs(LIT("\n\n"), NULL, 0);
}
END_TEST

START_TEST(test_no_newline)
{
	static const char *const want[] = { "just one line" };

	check_recs(LIT("just one line"), want, nitems(want));
}
END_TEST

START_TEST(test_nul_bytes)
{
	static const char text[] = "A\0B\n%\n\0\n%\nC\n";
	struct recfile	 rf;
	const char	*s;
	char		*copy;
	size_t		 len;

	recfile_init_mem(&rf, "mem", text, sizeof(text) - 1);
	ck_assert_int_eq(recfile_load(&rf), 0);
	ck_assert_uint_eq(rf.nrecs, 3);
	s = recfile_text(&rf, 0, &len, &copy);
	ck_assert_uint_eq(len, 4);
	ck_assert_mem_eq(s, "A\0B\n", 4);
	s = recfile_text(&rf, 1, &len, &copy);
	ck_assert_uint_eq(len, 2);
	ck_assert_mem_eq(s, "\0\n", 2);
	recfile_free(&rf);
}
END_TEST

START_TEST(test_invalid_utf8)
{
	static const char *const want[] = {
		"\xff\xfe caf\xc3\n\xe2\x82\n", "\xc3\xa9t\xc3\xa9\n"
	};

	check_recs(LIT("\xff\xfe caf\xc3\n\xe2\x82\n%\n\xc3\xa9t\xc3\xa9\n"),
	    want, nitems(want));
}
END_TEST

START_TEST(test_megabyte_record)
{
	char		 dir[PATH_MAX], path[PATH_MAX];
	struct recfile	 rf;
	const char	*s;
	char		*text, *copy;
	size_t		 mb = 1024 * 1024, size, len;

	/* One line of a megabyte, then a delimiter and a short record. */
	size = mb + 1 + 2 + 5;
	text = malloc(size);
	ck_assert_ptr_nonnull(text);
	memset(text, 'x', mb);
	memcpy(text + mb, "\n%\ntail\n", 8);
	check_newdir(dir, sizeof(dir));
	check_pathcat(path, sizeof(path), dir, "/big");
	check_write_file(path, text, size);

	recfile_init(&rf, "big", path);
	ck_assert_int_eq(recfile_load(&rf), 0);
	ck_assert_uint_eq(rf.size, size);
	ck_assert_uint_eq(rf.nrecs, 2);
	s = recfile_text(&rf, 0, &len, &copy);
	ck_assert_uint_eq(len, mb + 1);
	ck_assert_mem_eq(s, text, mb + 1);
	s = recfile_text(&rf, 1, &len, &copy);
	ck_assert_uint_eq(len, 5);
	ck_assert_mem_eq(s, "tail\n", 5);
	recfile_free(&rf);
	free(text);
}
END_TEST

START_TEST(test_load_file)
{
	char		 dir[PATH_MAX], path[PATH_MAX];
	struct recfile	 rf;
	const char	*s;
	char		*copy;
	size_t		 len;

	check_newdir(dir, sizeof(dir));
	check_pathcat(path, sizeof(path), dir, "/cat");
	check_write_file(path, LIT("one\n%\ntwo\n%% c\n2\n"));
	recfile_init(&rf, "cat", path);
	ck_assert_int_eq(recfile_load(&rf), 0);
	ck_assert_str_eq(rf.name, "cat");
	ck_assert_uint_eq(rf.nrecs, 2);
	ck_assert(rf.scanned);
	s = recfile_text(&rf, 1, &len, &copy);
	ck_assert_uint_eq(len, 6);
	ck_assert_mem_eq(s, "two\n2\n", 6);
	free(copy);
	recfile_free(&rf);
}
END_TEST

START_TEST(test_unload)
{
	char		 dir[PATH_MAX], path[PATH_MAX];
	struct recfile	 rf, mem;
	const char	*s;
	char		*copy;
	size_t		 len;

	check_newdir(dir, sizeof(dir));
	check_pathcat(path, sizeof(path), dir, "/cat");
	check_write_file(path, LIT("one\n%\ntwo\n%\nthree\n"));
	recfile_init(&rf, "cat", path);
	ck_assert_int_eq(recfile_load(&rf), 0);
	rf.eligible = xreallocarray(NULL, 1, sizeof(*rf.eligible));
	rf.eligible[0] = 2;
	rf.neligible = 1;
	/* Let go, a file keeps its count, as one counted from its index. */
	recfile_unload(&rf);
	ck_assert_ptr_null(rf.text);
	ck_assert_ptr_null(rf.recs);
	ck_assert_ptr_null(rf.eligible);
	ck_assert(!rf.scanned);
	ck_assert_uint_eq(rf.nrecs, 3);
	ck_assert_uint_eq(recfile_count_of(&rf), 3);
	/* And reads back the same. */
	ck_assert_int_eq(recfile_load(&rf), 0);
	ck_assert_uint_eq(rf.nrecs, 3);
	s = recfile_text(&rf, 1, &len, &copy);
	ck_assert_uint_eq(len, 4);
	ck_assert_mem_eq(s, "two\n", 4);
	recfile_free(&rf);

	/* A compiled-in collection has nothing to let go. */
	recfile_init_mem(&mem, "mem", "a\n%\nb\n", 6);
	ck_assert_int_eq(recfile_load(&mem), 0);
	recfile_unload(&mem);
	ck_assert(mem.scanned);
	ck_assert_uint_eq(mem.nrecs, 2);
	s = recfile_text(&mem, 1, &len, &copy);
	ck_assert_mem_eq(s, "b\n", 2);
	recfile_free(&mem);
}
END_TEST

START_TEST(test_missing_file)
{
	char		 dir[PATH_MAX], path[PATH_MAX];
	struct recfile	 rf;

	check_newdir(dir, sizeof(dir));
	check_pathcat(path, sizeof(path), dir, "/nothing");
	recfile_init(&rf, "nothing", path);
	ck_assert_int_eq(recfile_load(&rf), -1);
	ck_assert_int_eq(rf.error, ENOENT);
	ck_assert_uint_eq(rf.nrecs, 0);
	recfile_free(&rf);
	recfile_init(&rf, "nothing", path);
	ck_assert_int_eq(recfile_count(&rf), -1);
	ck_assert_int_eq(rf.error, ENOENT);
	ck_assert_uint_eq(recfile_count_of(&rf), 0);
	recfile_free(&rf);
}
END_TEST

START_TEST(test_directory)
{
	char		 dir[PATH_MAX];
	struct recfile	 rf;

	check_newdir(dir, sizeof(dir));
	recfile_init(&rf, "dir", dir);
	ck_assert_int_eq(recfile_load(&rf), -1);
	ck_assert_int_eq(rf.error, EISDIR);
	recfile_free(&rf);
	recfile_init(&rf, "dir", dir);
	ck_assert_int_eq(recfile_count(&rf), -1);
	ck_assert_int_eq(rf.error, EISDIR);
	ck_assert_uint_eq(rf.nrecs, 0);
	recfile_free(&rf);
}
END_TEST

START_TEST(test_fifo)
{
	char		 dir[PATH_MAX], path[PATH_MAX];
	struct recfile	 rf;
	struct timespec	 t0, t1;
	char		*buf;
	size_t		 size;

	check_newdir(dir, sizeof(dir));
	check_pathcat(path, sizeof(path), dir, "/fifo");
	ck_assert_int_eq(mkfifo(path, 0600), 0);
	/* Should the open block, the alarm ends the test as a failure. */
	alarm(3);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	recfile_init(&rf, "fifo", path);
	ck_assert_int_eq(recfile_load(&rf), -1);
	ck_assert_int_eq(rf.error, EINVAL);
	ck_assert_str_eq(recfile_strerror(rf.error), "not a regular file");
	recfile_free(&rf);
	recfile_init(&rf, "fifo", path);
	ck_assert_int_eq(recfile_count(&rf), -1);
	ck_assert_int_eq(rf.error, EINVAL);
	recfile_free(&rf);
	errno = 0;
	ck_assert_int_eq(file_read(path, &buf, &size), -1);
	ck_assert_int_eq(errno, EINVAL);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	alarm(0);
	ck_assert_int_lt(t1.tv_sec - t0.tv_sec, 2);
}
END_TEST

START_TEST(test_empty_file)
{
	char		 dir[PATH_MAX], path[PATH_MAX];
	struct recfile	 rf;

	check_newdir(dir, sizeof(dir));
	check_pathcat(path, sizeof(path), dir, "/empty");
	check_write_file(path, "", 0);
	recfile_init(&rf, "empty", path);
	ck_assert_int_eq(recfile_load(&rf), 0);
	ck_assert_uint_eq(rf.nrecs, 0);
	ck_assert_int_eq(rf.error, 0);
	recfile_free(&rf);
	recfile_init(&rf, "empty", path);
	ck_assert_int_eq(recfile_count(&rf), 0);
	ck_assert_uint_eq(rf.nrecs, 0);
	ck_assert_int_eq(rf.error, 0);
	recfile_free(&rf);
}
END_TEST

START_TEST(test_count_no_index)
{
	char		 dir[PATH_MAX], path[PATH_MAX];
	char		*buf;

	check_newdir(dir, sizeof(dir));
	check_pathcat(path, sizeof(path), dir, "/big");
	buf = malloc(BIG_SIZE + 1);
	write_big(path, buf);
	count_file(path, 0, BIG_NRECS, true);
	free(buf);
}
END_TEST

START_TEST(test_count_fresh_index)
{
	char		 dir[PATH_MAX], path[PATH_MAX];
	struct recfile	 rf;
	char		*buf;

	check_newdir(dir, sizeof(dir));
	check_pathcat(path, sizeof(path), dir, "/big");
	buf = malloc(BIG_SIZE + 1);
	write_big(path, buf);
	index_file(path, buf, BIG_SIZE);
	count_file(path, 0, BIG_NRECS, false);
	/* The text is read once a record is needed. */
	recfile_init(&rf, "big", path);
	ck_assert_int_eq(recfile_count(&rf), 0);
	ck_assert_int_eq(recfile_load(&rf), 0);
	ck_assert(rf.scanned);
	ck_assert_uint_eq(rf.nrecs, BIG_NRECS);
	recfile_free(&rf);
	free(buf);
}
END_TEST

START_TEST(test_count_index_v1)
{
	char		 dir[PATH_MAX], path[PATH_MAX], dat[PATH_MAX];
	unsigned char	*idx, *p;
	char		*buf;
	size_t		 i, len;

	check_newdir(dir, sizeof(dir));
	check_pathcat(path, sizeof(path), dir, "/big");
	check_pathcat(dat, sizeof(dat), path, ".dat");
	buf = malloc(BIG_SIZE + 1);
	write_big(path, buf);
	/* A FreeBSD index: version 1, 64-bit offsets, 82 bytes apart. */
	len = 24 + (BIG_NRECS + 1) * 8;
	idx = calloc(1, len);
	idx[3] = 1;
	idx[6] = BIG_NRECS >> 8;
	idx[7] = BIG_NRECS & 0xff;
	idx[11] = 80;
	idx[15] = 80;
	idx[20] = '%';
	for (i = 0; i <= BIG_NRECS; i++) {
		p = idx + 24 + i * 8;
		p[5] = (i * 82) >> 16;
		p[6] = (i * 82) >> 8;
		p[7] = (i * 82) & 0xff;
	}
	check_write_file(dat, (char *)idx, len);
	count_file(path, 0, BIG_NRECS, false);
	free(idx);
	free(buf);
}
END_TEST

START_TEST(test_count_stale_appended)
{
	char		 dir[PATH_MAX], path[PATH_MAX];
	char		*buf;

	check_newdir(dir, sizeof(dir));
	check_pathcat(path, sizeof(path), dir, "/big");
	buf = malloc(BIG_SIZE + 1);
	write_big(path, buf);
	index_file(path, buf, BIG_SIZE);
	append_file(path, LIT("one more\n%\n"));
	count_file(path, 0, BIG_NRECS + 1, true);
	free(buf);
}
END_TEST

START_TEST(test_count_stale_mtime)
{
	char		 dir[PATH_MAX], path[PATH_MAX], dat[PATH_MAX];
	struct timespec	 ts[2];
	struct stat	 st;
	char		*buf;

	check_newdir(dir, sizeof(dir));
	check_pathcat(path, sizeof(path), dir, "/big");
	check_pathcat(dat, sizeof(dat), path, ".dat");
	buf = malloc(BIG_SIZE + 1);
	write_big(path, buf);
	index_file(path, buf, BIG_SIZE);
	/* The index is well formed and ends at the text's end, but older. */
	ck_assert_int_eq(stat(path, &st), 0);
	ts[0].tv_sec = ts[1].tv_sec = st.st_mtime - 60;
	ts[0].tv_nsec = ts[1].tv_nsec = 0;
	ck_assert_int_eq(utimensat(AT_FDCWD, dat, ts, 0), 0);
	count_file(path, 0, BIG_NRECS, true);
	/* The same index made newer than the text is trusted. */
	ts[0].tv_sec = ts[1].tv_sec = st.st_mtime + 60;
	ck_assert_int_eq(utimensat(AT_FDCWD, dat, ts, 0), 0);
	count_file(path, 0, BIG_NRECS, false);
	free(buf);
}
END_TEST

START_TEST(test_count_truncated_index)
{
	char		 dir[PATH_MAX], path[PATH_MAX], dat[PATH_MAX];
	struct stat	 st;
	char		*buf;

	check_newdir(dir, sizeof(dir));
	check_pathcat(path, sizeof(path), dir, "/big");
	check_pathcat(dat, sizeof(dat), path, ".dat");
	buf = malloc(BIG_SIZE + 1);
	write_big(path, buf);
	index_file(path, buf, BIG_SIZE);
	ck_assert_int_eq(stat(dat, &st), 0);
	ck_assert_int_eq(truncate(dat, st.st_size - 4), 0);
	count_file(path, 0, BIG_NRECS, true);
	ck_assert_int_eq(truncate(dat, 10), 0);
	count_file(path, 0, BIG_NRECS, true);
	ck_assert_int_eq(truncate(dat, 0), 0);
	count_file(path, 0, BIG_NRECS, true);
	free(buf);
}
END_TEST

START_TEST(test_count_offset_past_end)
{
	char		 dir[PATH_MAX], path[PATH_MAX], dat[PATH_MAX];
	struct strfile	 sf;
	unsigned char	*idx;
	char		*buf;
	size_t		 len;

	check_newdir(dir, sizeof(dir));
	check_pathcat(path, sizeof(path), dir, "/big");
	check_pathcat(dat, sizeof(dat), path, ".dat");
	buf = malloc(BIG_SIZE + 1);
	write_big(path, buf);
	ck_assert_int_eq(strfile_build(&sf, buf, BIG_SIZE, '%', 0, NULL), 0);
	ck_assert_int_eq(strfile_encode(&sf, &idx, &len), 0);
	/* The last offset, big-endian, moved 100 bytes past the end. */
	idx[len - 1] = (BIG_SIZE + 100) & 0xff;
	idx[len - 2] = ((BIG_SIZE + 100) >> 8) & 0xff;
	idx[len - 3] = (BIG_SIZE + 100) >> 16;
	check_write_file(dat, (char *)idx, len);
	count_file(path, 0, BIG_NRECS, true);
	free(idx);
	strfile_free(&sf);
	free(buf);
}
END_TEST

/*
 * strfile(8) takes only "%\n" for a delimiter, so its index of a CRLF file
 * says one string where there are many records.  Such an index is fresh
 * by size and time, but its count is not the number of records.
 */
START_TEST(test_count_index_crlf)
{
	char		 dir[PATH_MAX], path[PATH_MAX];
	char		*buf;
	size_t		 i;

	check_newdir(dir, sizeof(dir));
	check_pathcat(path, sizeof(path), dir, "/crlf");
	buf = malloc(BIG_SIZE + 1);
	for (i = 0; i < BIG_NRECS; i++)
		snprintf(buf + i * 82, 83, "record %04zu %-65s\r\n%%\r\n", i,
		    "of a CRLF file");
	ck_assert_uint_eq(strlen(buf), BIG_SIZE);
	check_write_file(path, buf, BIG_SIZE);
	index_file(path, buf, BIG_SIZE);
	count_file(path, 0, BIG_NRECS, true);
	free(buf);
}
END_TEST

static Suite *
recfile_suite(void)
{
	Suite	*s;
	TCase	*tc;

	s = suite_create("recfile");

	tc = tcase_create("parse");
	tcase_add_test(tc, test_simple);
	tcase_add_test(tc, test_no_final_delim);
	tcase_add_test(tc, test_final_delim_no_newline);
	tcase_add_test(tc, test_crlf);
	tcase_add_test(tc, test_trailing_blanks);
	tcase_add_test(tc, test_not_delim);
	suite_add_tcase(s, tc);

	tc = tcase_create("comments");
	tcase_add_test(tc, test_comment_leading);
	tcase_add_test(tc, test_comment_inside);
	tcase_add_test(tc, test_comment_trailing);
	suite_add_tcase(s, tc);

	tc = tcase_create("empty");
	tcase_add_test(tc, test_empty_records);
	tcase_add_test(tc, test_blank_records);
	tcase_add_test(tc, test_empty_text);
	tcase_add_test(tc, test_no_newline);
	suite_add_tcase(s, tc);

	tc = tcase_create("bytes");
	tcase_add_test(tc, test_nul_bytes);
	tcase_add_test(tc, test_invalid_utf8);
	tcase_add_test(tc, test_megabyte_record);
	suite_add_tcase(s, tc);

	tc = tcase_create("files");
	tcase_add_test(tc, test_load_file);
	tcase_add_test(tc, test_unload);
	tcase_add_test(tc, test_missing_file);
	tcase_add_test(tc, test_directory);
	tcase_add_test(tc, test_fifo);
	tcase_add_test(tc, test_empty_file);
	suite_add_tcase(s, tc);

	tc = tcase_create("index");
	tcase_add_test(tc, test_count_no_index);
	tcase_add_test(tc, test_count_fresh_index);
	tcase_add_test(tc, test_count_index_v1);
	tcase_add_test(tc, test_count_stale_appended);
	tcase_add_test(tc, test_count_stale_mtime);
	tcase_add_test(tc, test_count_truncated_index);
	tcase_add_test(tc, test_count_offset_past_end);
	tcase_add_test(tc, test_count_index_crlf);
	suite_add_tcase(s, tc);

	return s;
}

int
main(void)
{
	return check_run("check_recfile", recfile_suite(), NULL);
}
