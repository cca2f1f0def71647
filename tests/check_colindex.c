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
 * check_colindex: the index of a collection directory (colindex.c), as
 * tip and prompt read it.  What it holds must be what reading the files
 * gives; a file or directory changed since must be read from the disk;
 * an index that is damaged in any way must be refused, as if there were
 * none; and an index that cannot be made whole leaves the old one.
 */

#include "config.h"

#include <sys/endian.h>
#include <sys/stat.h>

#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "rapport.h"
#include "checkutil.h"

/* The layout of colindex.c's opening comment, read apart from it. */
#define HDRSIZE		32
#define DIRSIZE		12
#define FILESIZE	20
#define RECSIZE		16
#define H_VERSION	8
#define H_NDIRS		12
#define H_NFILES	16
#define H_NRECS		20
#define H_NAMES		24
#define H_TEXT		28

/* Text given as a string literal, with its length but without its NUL. */
#define LIT(s)		(s), (sizeof(s) - 1)

/* Times given to the files, and a later one to their index. */
#define T_FILES		1500000000
#define T_INDEX		1600000000

struct layout {
	uint32_t	 ndirs, nfiles, nrecs, names_size, text_size;
	size_t		 dirs, files, recs, names, text;
};

/* A file of a collection, made by make_tree(). */
struct tfile {
	const char	*path;		/* under the collection */
	const char	*text;
};

/*
 * A collection of categories and of category directories, with names
 * that a listing leaves out beside them, and files of every shape the
 * reader knows: comments, CRLF lines, no final delimiter, no records.
 */
static const struct tfile tree[] = {
	{ "alpha", "one\n%\ntwo\nlines\n%\n" },
	{ "beta", "%% head comment\nthree\n%% inside\nmore\n%\n\n%\nfour" },
	{ "crlf", "five\r\n%\r\nsix\r\n" },
	{ "empty", "" },
	{ "love/1", "What do you love?\n%\nWhat do you miss?\n%\n" },
	{ "love/2", "Tell me more.\n" },
	{ "love/deeper/3", "too deep to be a category file\n" },
	{ "work/1", "%%\n%% only comments\n%\n\n%\nA question?\n%\n" },
	{ "empty-dir/", NULL },
	/* What collection_skip() leaves out, or a listing does not give. */
	{ ".hidden", "hidden\n" },
	{ "alpha.dat", "not text\n" },
	{ "beta~", "a backup\n" },
	{ "notes.swp", "an editor's\n" },
	{ "de/alpha", "eins\n%\nzwei\n" },
	{ ".git/config", "[core]\n" },
	{ "work/x.dat", "index\n" },
	{ "work/x~", "backup\n" },
	{ "work/.hidden", "hidden\n" },
};

/* The names an index of tree must not hold. */
static const char *const skipped[] = {
	".hidden", "alpha.dat", "beta~", "notes.swp", "de", ".git", "x.dat",
	"x~", "deeper", "3", "fifo", "dangling"
};

/* The category directories of tree, in name order. */
static const char *const subdirs[] = { "empty-dir", "love", "work" };

static void
layout_of(const unsigned char *p, struct layout *l)
{
	l->ndirs = be32dec(p + H_NDIRS);
	l->nfiles = be32dec(p + H_NFILES);
	l->nrecs = be32dec(p + H_NRECS);
	l->names_size = be32dec(p + H_NAMES);
	l->text_size = be32dec(p + H_TEXT);
	l->dirs = HDRSIZE;
	l->files = l->dirs + (size_t)l->ndirs * DIRSIZE;
	l->recs = l->files + (size_t)l->nfiles * FILESIZE;
	l->names = l->recs + (size_t)l->nrecs * RECSIZE;
	l->text = l->names + l->names_size;
}

/* Give a file both times, to the nanosecond, as a package would. */
static void
set_time(const char *path, time_t sec, long nsec)
{
	struct timespec	 ts[2];

	ts[0].tv_sec = ts[1].tv_sec = sec;
	ts[0].tv_nsec = ts[1].tv_nsec = nsec;
	ck_assert_msg(utimensat(AT_FDCWD, path, ts, 0) == 0, "%s: %s", path,
	    strerror(errno));
}

static void
make_file(const char *dir, const char *name, const char *text)
{
	char	 path[PATH_MAX], sub[PATH_MAX], *slash;

	check_pathcat(sub, sizeof(sub), "/", name);
	check_pathcat(path, sizeof(path), dir, sub);
	/* The directories on the way, made as they are met. */
	for (slash = strchr(path + strlen(dir) + 1, '/'); slash != NULL;
	    slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		ck_assert(mkdir(path, 0755) == 0 || errno == EEXIST);
		*slash = '/';
	}
	if (text != NULL)
		check_write_file(path, text, strlen(text));
}

/* Make tree in a new directory, with a FIFO and a dangling link. */
static void
make_tree(char *dir, size_t len)
{
	char	 path[PATH_MAX];
	size_t	 i;

	check_newdir(dir, len);
	for (i = 0; i < nitems(tree); i++)
		make_file(dir, tree[i].path, tree[i].text);
	check_pathcat(path, sizeof(path), dir, "/fifo");
	ck_assert_int_eq(mkfifo(path, 0644), 0);
	check_pathcat(path, sizeof(path), dir, "/dangling");
	ck_assert_int_eq(symlink("nowhere", path), 0);
}

/*
 * Date the files of tree and the category directories T_FILES and the
 * index T_INDEX, so that all of it is fresh.
 */
static void
make_fresh(const char *dir)
{
	char	 path[PATH_MAX], sub[PATH_MAX];
	size_t	 i;

	for (i = 0; i < nitems(tree); i++) {
		check_pathcat(sub, sizeof(sub), "/", tree[i].path);
		check_pathcat(path, sizeof(path), dir, sub);
		set_time(path, T_FILES, 0);
	}
	for (i = 0; i < nitems(subdirs); i++) {
		check_pathcat(sub, sizeof(sub), "/", subdirs[i]);
		check_pathcat(path, sizeof(path), dir, sub);
		set_time(path, T_FILES, 0);
	}
	check_pathcat(path, sizeof(path), dir, "/" COLINDEX_NAME);
	set_time(path, T_INDEX, 0);
}

static void
write_index(const char *dir, size_t *nfilesp, size_t *nrecsp)
{
	char	*what;

	ck_assert_msg(colindex_write(dir, nfilesp, nrecsp, &what) == 0,
	    "%s: %s", what, strerror(errno));
	ck_assert_ptr_null(what);
}

/*
 * A file read through the index must be read from it, and hold what the
 * file read from the disk holds: its text, its records, and their
 * prompt ids, which the history of prompt keys on.
 */
static void
check_from_index(struct recfile *rf, const struct colindex *ix)
{
	struct recfile	 disk;
	const char	*t;
	char		*copy;
	size_t		 i, len;

	ck_assert_ptr_eq(rf->ix, ix);
	ck_assert_int_eq(recfile_load(rf), 0);
	ck_assert_msg(rf->ids != NULL, "%s: not read from the index",
	    rf->path);
	recfile_init(&disk, rf->name, rf->path);
	ck_assert_int_eq(recfile_load(&disk), 0);
	ck_assert_ptr_null(disk.ids);
	ck_assert_uint_eq(rf->size, disk.size);
	ck_assert_mem_eq(rf->text, disk.text, disk.size);
	ck_assert_uint_eq(rf->nrecs, disk.nrecs);
	for (i = 0; i < disk.nrecs; i++) {
		ck_assert_uint_eq(rf->recs[i].off, disk.recs[i].off);
		ck_assert_uint_eq(rf->recs[i].len, disk.recs[i].len);
		ck_assert_int_eq(rf->recs[i].comments, disk.recs[i].comments);
		t = recfile_text(&disk, i, &len, &copy);
		ck_assert_uint_eq(rf->ids[i], prompt_id(t, len));
		ck_assert_uint_eq(prompt_record_id(rf, i), prompt_id(t, len));
		free(copy);
	}
	recfile_free(&disk);
}

/* Whether the names of an index hold this one. */
static bool
has_name(const struct colindex *ix, const char *name)
{
	const char	*p, *end = ix->names + ix->names_size;

	for (p = ix->names; p < end; p += strlen(p) + 1)
		if (strcmp(p, name) == 0)
			return true;
	return false;
}

START_TEST(test_write_open)
{
	struct colindex	 ix;
	struct recfile	*files, *listed;
	char		 dir[PATH_MAX], path[PATH_MAX], sub[PATH_MAX];
	size_t		 nfiles, nrecs, want_files, want_recs;
	size_t		 n, nl, i, j;
	ssize_t		 d;

	make_tree(dir, sizeof(dir));
	write_index(dir, &nfiles, &nrecs);

	/* What reading the files themselves counts. */
	want_files = want_recs = 0;
	for (i = 0; i <= nitems(subdirs); i++) {
		if (i == 0)
			check_pathcat(path, sizeof(path), dir, "");
		else {
			check_pathcat(sub, sizeof(sub), "/", subdirs[i - 1]);
			check_pathcat(path, sizeof(path), dir, sub);
		}
		ck_assert_int_eq(collection_list(path, &files, &n), 0);
		for (j = 0; j < n; j++) {
			ck_assert_int_eq(recfile_load(&files[j]), 0);
			want_recs += files[j].nrecs;
			recfile_free(&files[j]);
		}
		want_files += n;
		free(files);
	}
	ck_assert_uint_eq(want_files, 7);
	ck_assert_uint_eq(nfiles, want_files);
	ck_assert_uint_eq(nrecs, want_recs);

	make_fresh(dir);
	ck_assert_int_eq(colindex_open(&ix, dir), 0);
	ck_assert_uint_eq(ix.ndirs, 1 + nitems(subdirs));
	ck_assert_uint_eq(ix.nfiles, want_files);
	ck_assert_uint_eq(ix.nrecs, want_recs);
	for (i = 0; i < nitems(skipped); i++)
		ck_assert_msg(!has_name(&ix, skipped[i]), "%s is in the index",
		    skipped[i]);

	/* The files of the collection itself, as tip lists them. */
	ck_assert_int_eq(colindex_dir(&ix, ""), 0);
	ck_assert_int_eq(collection_list(dir, &files, &n), 0);
	ck_assert_uint_eq(n, 4);
	colindex_attach(&ix, 0, files, n);
	for (j = 0; j < n; j++) {
		check_from_index(&files[j], &ix);
		recfile_free(&files[j]);
	}
	free(files);

	/* Each category directory, as prompt lists it. */
	for (i = 0; i < nitems(subdirs); i++) {
		d = colindex_dir(&ix, subdirs[i]);
		ck_assert_int_eq(d, (ssize_t)i + 1);
		check_pathcat(sub, sizeof(sub), "/", subdirs[i]);
		check_pathcat(path, sizeof(path), dir, sub);
		ck_assert_int_eq(colindex_list(&ix, d, path, &listed, &nl),
		    0);
		ck_assert_int_eq(collection_list(path, &files, &n), 0);
		ck_assert_uint_eq(nl, n);
		for (j = 0; j < n; j++) {
			ck_assert_str_eq(listed[j].name, files[j].name);
			ck_assert_str_eq(listed[j].path, files[j].path);
			ck_assert(listed[j].regular);
			check_from_index(&listed[j], &ix);
			recfile_free(&listed[j]);
			recfile_free(&files[j]);
		}
		free(listed);
		free(files);
	}
	ck_assert_int_eq(colindex_dir(&ix, "de"), -1);
	ck_assert_int_eq(colindex_dir(&ix, "deeper"), -1);
	ck_assert_int_eq(colindex_dir(&ix, "alpha"), -1);
	colindex_close(&ix);
}
END_TEST

/* A small collection: two files, and a directory of one. */
static void
make_small(char *dir, size_t len)
{
	size_t	 nfiles, nrecs;

	check_newdir(dir, len);
	make_file(dir, "abc", "one\n%\ntwo\n%\n");
	make_file(dir, "cde", "three\n");
	make_file(dir, "sax/efg", "%% c\nfour\n%\nfive\n");
	make_file(dir, "sbx/ghi", "six\n");
	write_index(dir, &nfiles, &nrecs);
	ck_assert_uint_eq(nfiles, 4);
	ck_assert_uint_eq(nrecs, 6);
}

static void
date_small(const char *dir, time_t files, time_t index)
{
	static const char *const paths[] = {
		"/abc", "/cde", "/sax/efg", "/sbx/ghi", "/sax", "/sbx"
	};
	char	 path[PATH_MAX];
	size_t	 i;

	for (i = 0; i < nitems(paths); i++) {
		check_pathcat(path, sizeof(path), dir, paths[i]);
		set_time(path, files, 0);
	}
	check_pathcat(path, sizeof(path), dir, "/" COLINDEX_NAME);
	set_time(path, index, 0);
}

/*
 * Load file name of dir through the index, after the file on the disk
 * was given text and the time sec.nsec, and say whether it came from the
 * index; its text must be the disk's when it did not.
 */
static bool
load_after(const char *dir, const char *name, const char *text, time_t sec,
    long nsec)
{
	struct colindex	 ix;
	struct recfile	 rf;
	char		 path[PATH_MAX], sub[PATH_MAX];
	bool		 fromix;

	check_pathcat(sub, sizeof(sub), "/", name);
	check_pathcat(path, sizeof(path), dir, sub);
	check_write_file(path, text, strlen(text));
	set_time(path, sec, nsec);
	ck_assert_int_eq(colindex_open(&ix, dir), 0);
	recfile_init(&rf, name, path);
	rf.regular = true;
	colindex_attach(&ix, 0, &rf, 1);
	ck_assert_ptr_eq(rf.ix, &ix);
	ck_assert_int_eq(recfile_load(&rf), 0);
	fromix = rf.ids != NULL;
	if (!fromix) {
		ck_assert_uint_eq(rf.size, strlen(text));
		ck_assert_mem_eq(rf.text, text, rf.size);
	}
	recfile_free(&rf);
	colindex_close(&ix);
	return fromix;
}

START_TEST(test_fresh_file)
{
	char	 dir[PATH_MAX];

	make_small(dir, sizeof(dir));
	date_small(dir, T_FILES, T_INDEX);
	/* Older than the index, with its size: the index. */
	ck_assert(load_after(dir, "abc", "one\n%\ntwo\n%\n", T_FILES, 0));
	ck_assert(load_after(dir, "abc", "one\n%\ntwo\n%\n", T_INDEX - 1,
	    999999999));
	/*
	 * As old as the index, changed within its tick, or since, to the
	 * same size: the disk.
	 */
	ck_assert(!load_after(dir, "abc", "ONE\n%\nTWO\n%\n", T_INDEX, 0));
	ck_assert(!load_after(dir, "abc", "ONE\n%\nTWO\n%\n", T_INDEX, 1));
	ck_assert(!load_after(dir, "cde", "THREE\n", T_INDEX + 60, 0));
	/* Another size, with an older time, as tar(1) might leave it. */
	ck_assert(!load_after(dir, "cde", "three\n%\nand four\n", T_FILES, 0));
	ck_assert(!load_after(dir, "cde", "", T_FILES, 0));
}
END_TEST

START_TEST(test_gone_file)
{
	struct colindex	 ix;
	struct recfile	 rf;
	char		 dir[PATH_MAX], path[PATH_MAX];

	make_small(dir, sizeof(dir));
	date_small(dir, T_FILES, T_INDEX);
	ck_assert_int_eq(colindex_open(&ix, dir), 0);
	check_pathcat(path, sizeof(path), dir, "/abc");
	recfile_init(&rf, "abc", path);
	rf.regular = true;
	colindex_attach(&ix, 0, &rf, 1);
	/* Removed after it was listed: no record, as without an index. */
	ck_assert_int_eq(unlink(path), 0);
	ck_assert_int_eq(recfile_load(&rf), -1);
	ck_assert_int_eq(rf.error, ENOENT);
	ck_assert_uint_eq(rf.nrecs, 0);
	recfile_free(&rf);
	/* A file the index does not hold is not attached. */
	check_pathcat(path, sizeof(path), dir, "/new");
	check_write_file(path, LIT("new\n"));
	set_time(path, T_FILES, 0);
	recfile_init(&rf, "new", path);
	colindex_attach(&ix, 0, &rf, 1);
	ck_assert_ptr_null(rf.ix);
	ck_assert_int_eq(recfile_load(&rf), 0);
	ck_assert_uint_eq(rf.nrecs, 1);
	recfile_free(&rf);
	colindex_close(&ix);
}
END_TEST

/* Whether subdirectory name of dir is listed from the index. */
static bool
listed(const char *dir, const char *name)
{
	struct colindex	 ix;
	struct recfile	*files;
	char		 path[PATH_MAX], sub[PATH_MAX];
	size_t		 n, i;
	ssize_t		 d;
	int		 rv;

	check_pathcat(sub, sizeof(sub), "/", name);
	check_pathcat(path, sizeof(path), dir, sub);
	ck_assert_int_eq(colindex_open(&ix, dir), 0);
	ck_assert_int_gt(d = colindex_dir(&ix, name), 0);
	if ((rv = colindex_list(&ix, d, path, &files, &n)) == 0) {
		for (i = 0; i < n; i++)
			recfile_free(&files[i]);
		free(files);
	}
	colindex_close(&ix);
	return rv == 0;
}

START_TEST(test_fresh_dir)
{
	struct colindex	 ix;
	struct recfile	*files;
	char		 dir[PATH_MAX], path[PATH_MAX];
	size_t		 n;

	make_small(dir, sizeof(dir));
	date_small(dir, T_FILES, T_INDEX);
	ck_assert(listed(dir, "sax"));
	check_pathcat(path, sizeof(path), dir, "/sax");
	set_time(path, T_INDEX - 1, 999999999);
	ck_assert(listed(dir, "sax"));
	/* As old as the index, or newer: listed from the disk. */
	set_time(path, T_INDEX, 0);
	ck_assert(!listed(dir, "sax"));
	set_time(path, T_INDEX, 1);
	ck_assert(!listed(dir, "sax"));
	/* A file added shows at once: the directory is newer. */
	make_file(dir, "sbx/new", "new\n");
	ck_assert(!listed(dir, "sbx"));

	/* The directory itself, a removed one and a file are not listed. */
	ck_assert_int_eq(colindex_open(&ix, dir), 0);
	ck_assert_int_eq(colindex_list(&ix, 0, dir, &files, &n), -1);
	check_pathcat(path, sizeof(path), dir, "/abc");
	ck_assert_int_eq(colindex_list(&ix, 1, path, &files, &n), -1);
	check_pathcat(path, sizeof(path), dir, "/sax/efg");
	ck_assert_int_eq(unlink(path), 0);
	check_pathcat(path, sizeof(path), dir, "/sax");
	ck_assert_int_eq(rmdir(path), 0);
	ck_assert_int_eq(colindex_list(&ix, colindex_dir(&ix, "sax"), path,
	    &files, &n), -1);
	colindex_close(&ix);
}
END_TEST

START_TEST(test_open_none)
{
	struct colindex	 ix;
	char		 dir[PATH_MAX], path[PATH_MAX];
	unsigned char	*buf;
	size_t		 len;

	check_newdir(dir, sizeof(dir));
	errno = 0;
	ck_assert_int_eq(colindex_open(&ix, dir), -1);
	ck_assert_int_eq(errno, ENOENT);
	ck_assert_int_eq(colindex_dir(&ix, ""), -1);
	/* A directory in its place, and an index cut short. */
	check_pathcat(path, sizeof(path), dir, "/" COLINDEX_NAME);
	ck_assert_int_eq(mkdir(path, 0755), 0);
	ck_assert_int_eq(colindex_open(&ix, dir), -1);
	ck_assert_int_eq(rmdir(path), 0);
	make_small(dir, sizeof(dir));
	check_pathcat(path, sizeof(path), dir, "/" COLINDEX_NAME);
	buf = check_read_file(path, &len);
	check_write_file(path, buf, len - 1);
	errno = 0;
	ck_assert_int_eq(colindex_open(&ix, dir), -1);
	ck_assert_int_eq(errno, EINVAL);
	ck_assert_int_eq(colindex_dir(&ix, ""), -1);
	check_write_file(path, buf, len);
	ck_assert_int_eq(colindex_open(&ix, dir), 0);
	ck_assert_int_eq(colindex_dir(&ix, ""), 0);
	colindex_close(&ix);
	free(buf);
}
END_TEST

/* The index of make_small(), to be edited. */
static unsigned char	*valid;
static size_t		 valid_len;
static struct layout	 vl;

static void
valid_setup(void)
{
	char	 dir[PATH_MAX], path[PATH_MAX];

	make_small(dir, sizeof(dir));
	check_pathcat(path, sizeof(path), dir, "/" COLINDEX_NAME);
	valid = check_read_file(path, &valid_len);
	layout_of(valid, &vl);
}

static void
valid_teardown(void)
{
	free(valid);
	valid = NULL;
}

/*
 * Everything a reader of a parsed index reaches must be within it and
 * as the layout promises: the walk that ASan watches over.
 */
static void
walk(const struct colindex *ix)
{
	struct recfile	*files;
	const unsigned char *d, *f, *r;
	const char	*name;
	uint32_t	 i, j, k, first, n, toff, size;

	for (i = 0; i < ix->ndirs; i++) {
		d = ix->dirs + (size_t)i * DIRSIZE;
		name = ix->names + be32dec(d);
		ck_assert_int_eq(colindex_dir(ix, name), i);
		first = be32dec(d + 4);
		n = be32dec(d + 8);
		files = n == 0 ? NULL : calloc(n, sizeof(*files));
		for (j = 0; j < n; j++) {
			f = ix->files + (size_t)(first + j) * FILESIZE;
			name = ix->names + be32dec(f);
			ck_assert(*name != '\0' && strchr(name, '/') == NULL);
			recfile_init_mem(&files[j], name, "", 0);
			toff = be32dec(f + 4);
			size = be32dec(f + 8);
			ck_assert_uint_lt((uint64_t)toff + size, ix->text_size);
			ck_assert_int_eq(ix->text[toff + size], '\0');
			for (k = 0; k < be32dec(f + 16); k++) {
				r = ix->recs + (size_t)(be32dec(f + 12) + k) *
				    RECSIZE;
				ck_assert_uint_le((uint64_t)be32dec(r) +
				    be32dec(r + 4), size);
			}
		}
		colindex_attach(ix, i, files, n);
		for (j = 0; j < n; j++) {
			ck_assert_ptr_eq(files[j].ix, ix);
			ck_assert_uint_eq(files[j].ixfile, first + j);
			recfile_free(&files[j]);
		}
		free(files);
	}
}

/* Parse a copy of the bytes, as long as they are, for ASan to see. */
static int
parse(const unsigned char *p, size_t len)
{
	struct colindex	 ix;
	unsigned char	*copy;
	int		 rv;

	ck_assert_ptr_nonnull(copy = malloc(len == 0 ? 1 : len));
	memcpy(copy, p, len);
	errno = 0;
	if ((rv = colindex_parse(&ix, copy, len)) == 0) {
		walk(&ix);
		colindex_close(&ix);
	} else {
		/* As if there were no index. */
		ck_assert_int_eq(errno, EINVAL);
		ck_assert_ptr_null(ix.base);
		ck_assert_int_eq(colindex_dir(&ix, ""), -1);
	}
	free(copy);
	return rv;
}

/* Parse the valid index with the word at off set to v. */
static int
parse_with(size_t off, uint32_t v)
{
	unsigned char	*buf;
	int		 rv;

	ck_assert_ptr_nonnull(buf = malloc(valid_len));
	memcpy(buf, valid, valid_len);
	be32enc(buf + off, v);
	rv = parse(buf, valid_len);
	free(buf);
	return rv;
}

/* Parse the valid index with the bytes at off replaced. */
static int
parse_bytes(size_t off, const char *bytes, size_t len)
{
	unsigned char	*buf;
	int		 rv;

	ck_assert_ptr_nonnull(buf = malloc(valid_len));
	memcpy(buf, valid, valid_len);
	memcpy(buf + off, bytes, len);
	rv = parse(buf, valid_len);
	free(buf);
	return rv;
}

static size_t
dir_word(uint32_t dir, size_t word)
{
	return vl.dirs + (size_t)dir * DIRSIZE + word * 4;
}

static size_t
file_word(uint32_t file, size_t word)
{
	return vl.files + (size_t)file * FILESIZE + word * 4;
}

static size_t
rec_word(uint32_t rec, size_t word)
{
	return vl.recs + (size_t)rec * RECSIZE + word * 4;
}

/* Where the name of file or directory at off (its name word) is. */
static size_t
name_at(size_t off)
{
	return vl.names + be32dec(valid + off);
}

START_TEST(test_parse_valid)
{
	/* What the edits below take for granted. */
	ck_assert_uint_eq(vl.ndirs, 3);
	ck_assert_uint_eq(vl.nfiles, 4);
	ck_assert_uint_eq(vl.nrecs, 6);
	ck_assert_uint_eq(valid_len, vl.text + vl.text_size);
	ck_assert_str_eq((char *)valid + name_at(file_word(0, 0)), "abc");
	ck_assert_str_eq((char *)valid + name_at(file_word(1, 0)), "cde");
	ck_assert_str_eq((char *)valid + name_at(dir_word(1, 0)), "sax");
	ck_assert_str_eq((char *)valid + name_at(dir_word(2, 0)), "sbx");
	ck_assert_uint_eq(be32dec(valid + file_word(0, 4)), 2);
	ck_assert_int_eq(parse(valid, valid_len), 0);
}
END_TEST

START_TEST(test_parse_truncated)
{
	unsigned char	*longer;
	size_t		 len;

	for (len = 0; len < valid_len; len++)
		ck_assert_msg(parse(valid, len) == -1, "%zu of %zu bytes",
		    len, valid_len);
	ck_assert_ptr_nonnull(longer = calloc(1, valid_len + 1));
	memcpy(longer, valid, valid_len);
	ck_assert_int_eq(parse(longer, valid_len + 1), -1);
	free(longer);
}
END_TEST

START_TEST(test_parse_header)
{
	size_t	 i;

	for (i = 0; i < 8; i++)
		ck_assert_int_eq(parse_bytes(i, "?", 1), -1);
	ck_assert_int_eq(parse_with(H_VERSION, COLINDEX_VERSION + 1), -1);
	ck_assert_int_eq(parse_with(H_VERSION, 0), -1);
	ck_assert_int_eq(parse_with(H_VERSION, 0x01000000), -1);
}
END_TEST

START_TEST(test_parse_names)
{
	size_t	 ab = name_at(file_word(0, 0));
	size_t	 sa = name_at(dir_word(1, 0));

	/* Control: another good name in the same place parses. */
	ck_assert_int_eq(parse_bytes(ab, "aac", 3), 0);
	ck_assert_int_eq(parse_bytes(sa, "s0x", 3), 0);
	ck_assert_int_eq(parse_bytes(sa, "dex", 3), 0);
	/* Names a directory's listing could not give. */
	ck_assert_int_eq(parse_bytes(ab, "a/c", 3), -1);
	ck_assert_int_eq(parse_bytes(ab, "/bc", 3), -1);
	ck_assert_int_eq(parse_bytes(ab, "..", 3), -1);
	ck_assert_int_eq(parse_bytes(ab, ".", 2), -1);
	ck_assert_int_eq(parse_bytes(ab, "", 1), -1);
	ck_assert_int_eq(parse_bytes(ab, "ab~", 3), -1);
	ck_assert_int_eq(parse_bytes(sa, "s/x", 3), -1);
	ck_assert_int_eq(parse_bytes(sa, "..", 3), -1);
	ck_assert_int_eq(parse_bytes(sa, ".", 2), -1);
	ck_assert_int_eq(parse_bytes(sa, "de", 3), -1);
	/* An empty name, as that of the directory itself, for a file. */
	ck_assert_int_eq(parse_with(file_word(0, 0), 0), -1);
	ck_assert_int_eq(parse_with(dir_word(1, 0), 0), -1);
	/* The directory itself, first, has the empty name. */
	ck_assert_int_eq(parse_with(dir_word(0, 0), be32dec(valid +
	    dir_word(1, 0))), -1);
	/* Names past the names, or whose NUL is gone. */
	ck_assert_int_eq(parse_with(file_word(0, 0), vl.names_size), -1);
	ck_assert_int_eq(parse_with(file_word(0, 0), UINT32_MAX), -1);
	ck_assert_int_eq(parse_with(dir_word(1, 0), vl.names_size), -1);
	ck_assert_int_eq(parse_bytes(vl.text - 1, "x", 1), -1);
}
END_TEST

START_TEST(test_parse_order)
{
	uint32_t	 ab = be32dec(valid + file_word(0, 0));
	uint32_t	 cd = be32dec(valid + file_word(1, 0));
	uint32_t	 sa = be32dec(valid + dir_word(1, 0));
	uint32_t	 sb = be32dec(valid + dir_word(2, 0));
	unsigned char	*buf;

	ck_assert_int_eq(parse_with(file_word(1, 0), ab), -1);
	ck_assert_int_eq(parse_with(dir_word(2, 0), sa), -1);
	ck_assert_ptr_nonnull(buf = malloc(valid_len));
	memcpy(buf, valid, valid_len);
	be32enc(buf + file_word(0, 0), cd);
	be32enc(buf + file_word(1, 0), ab);
	ck_assert_int_eq(parse(buf, valid_len), -1);
	memcpy(buf, valid, valid_len);
	be32enc(buf + dir_word(1, 0), sb);
	be32enc(buf + dir_word(2, 0), sa);
	ck_assert_int_eq(parse(buf, valid_len), -1);
	free(buf);
}
END_TEST

START_TEST(test_parse_text)
{
	uint32_t	 i, off, size;

	for (i = 0; i < vl.nfiles; i++) {
		off = be32dec(valid + file_word(i, 1));
		size = be32dec(valid + file_word(i, 2));
		/* The text's NUL, and any other byte of the text. */
		ck_assert_int_eq(parse_bytes(vl.text + off + size, "x", 1), -1);
		if (size > 0)
			ck_assert_int_eq(parse_bytes(vl.text + off, "\0", 1),
			    0);
		ck_assert_int_eq(parse_with(file_word(i, 2), size + 1), -1);
		ck_assert_int_eq(parse_with(file_word(i, 2), vl.text_size),
		    -1);
		ck_assert_int_eq(parse_with(file_word(i, 2), UINT32_MAX), -1);
		ck_assert_int_eq(parse_with(file_word(i, 1), vl.text_size),
		    -1);
		ck_assert_int_eq(parse_with(file_word(i, 1), UINT32_MAX), -1);
	}
}
END_TEST

START_TEST(test_parse_records)
{
	uint32_t	 size = be32dec(valid + file_word(0, 2));
	uint32_t	 rec = be32dec(valid + file_word(0, 3));
	unsigned char	*buf;

	/* Control: a record may end where its file does. */
	ck_assert_ptr_nonnull(buf = malloc(valid_len));
	memcpy(buf, valid, valid_len);
	be32enc(buf + rec_word(rec, 0), size);
	be32enc(buf + rec_word(rec, 1), 0);
	ck_assert_int_eq(parse(buf, valid_len), 0);
	be32enc(buf + rec_word(rec, 1), 1);
	ck_assert_int_eq(parse(buf, valid_len), -1);
	be32enc(buf + rec_word(rec, 0), 1);
	be32enc(buf + rec_word(rec, 1), size);
	ck_assert_int_eq(parse(buf, valid_len), -1);
	be32enc(buf + rec_word(rec, 1), UINT32_MAX);
	ck_assert_int_eq(parse(buf, valid_len), -1);
	free(buf);
	ck_assert_int_eq(parse_with(rec_word(rec, 0), size + 1), -1);
	ck_assert_int_eq(parse_with(rec_word(rec, 0), UINT32_MAX), -1);
	/* A file's records past the records, or wrapping round. */
	ck_assert_int_eq(parse_with(file_word(0, 4), vl.nrecs - rec + 1), -1);
	ck_assert_int_eq(parse_with(file_word(0, 4), UINT32_MAX), -1);
	ck_assert_int_eq(parse_with(file_word(0, 3), vl.nrecs), -1);
	ck_assert_int_eq(parse_with(file_word(0, 3), UINT32_MAX), -1);
	/* A directory's files, likewise. */
	ck_assert_int_eq(parse_with(dir_word(1, 2), vl.nfiles), -1);
	ck_assert_int_eq(parse_with(dir_word(1, 2), UINT32_MAX), -1);
	ck_assert_int_eq(parse_with(dir_word(1, 1), vl.nfiles), -1);
	ck_assert_int_eq(parse_with(dir_word(1, 1), UINT32_MAX), -1);
}
END_TEST

START_TEST(test_parse_counts)
{
	/* The counts of directories, files and records, then the sizes. */
	static const size_t words[] = {
		H_NDIRS, H_NFILES, H_NRECS, H_NAMES, H_TEXT
	};
	unsigned char	*buf;
	uint32_t	 v;
	size_t		 i;

	for (i = 0; i < nitems(words); i++) {
		v = be32dec(valid + words[i]);
		ck_assert_int_eq(parse_with(words[i], UINT32_MAX), -1);
		ck_assert_int_eq(parse_with(words[i], v + 1), -1);
		ck_assert_int_eq(parse_with(words[i], v - 1), -1);
		/*
		 * 2^30 more entries of 12, 20 or 16 bytes are a multiple of
		 * 2^32 bytes more: the same size, in 32 bits.
		 */
		if (words[i] != H_NAMES && words[i] != H_TEXT)
			ck_assert_int_eq(parse_with(words[i],
			    v + 0x40000000U), -1);
	}
	/* Two parts that wrap round together. */
	ck_assert_ptr_nonnull(buf = malloc(valid_len));
	memcpy(buf, valid, valid_len);
	be32enc(buf + H_NAMES, vl.names_size + 0x80000000U);
	be32enc(buf + H_TEXT, vl.text_size + 0x80000000U);
	ck_assert_int_eq(parse(buf, valid_len), -1);
	memcpy(buf, valid, valid_len);
	be32enc(buf + H_NRECS, vl.nrecs + 0x08000000U);
	be32enc(buf + H_NAMES, vl.names_size + 0x80000000U);
	ck_assert_int_eq(parse(buf, valid_len), -1);
	free(buf);
}
END_TEST

START_TEST(test_parse_flips)
{
	static const unsigned char masks[] = { 0x01, 0x20, 0x80, 0xff };
	unsigned char	*buf;
	size_t		 i, m, ok = 0;

	ck_assert_ptr_nonnull(buf = malloc(valid_len));
	for (i = 0; i < valid_len; i++)
		for (m = 0; m < nitems(masks); m++) {
			memcpy(buf, valid, valid_len);
			buf[i] ^= masks[m];
			if (parse(buf, valid_len) == 0)
				ok++;
		}
	/* The texts and the prompt ids are not checked: they may change. */
	ck_assert_uint_gt(ok, 0);
	free(buf);
}
END_TEST

/*
 * Directories that each hold every file, and files that each hold every
 * record: no index colindex_write() makes, and one that checked entry by
 * entry costs directories times files times records.  tip and prompt
 * open the index at every run; a bad one must cost them no more than
 * reading it, whatever it holds.
 */
#define SHARED_N	2400

START_TEST(test_parse_shared)
{
	struct colindex	 ix;
	struct layout	 l;
	struct timespec	 t0, t1;
	char		 dir[PATH_MAX], path[PATH_MAX], name[32];
	unsigned char	*buf;
	size_t		 len, i, nfiles, nrecs;
	double		 secs;
	int		 rv;

	check_newdir(dir, sizeof(dir));
	for (i = 0; i < SHARED_N; i++) {
		snprintf(name, sizeof(name), "f%04zu", i);
		make_file(dir, name, "x\n");
		snprintf(name, sizeof(name), "d%04zu/", i);
		make_file(dir, name, NULL);
	}
	write_index(dir, &nfiles, &nrecs);
	check_pathcat(path, sizeof(path), dir, "/" COLINDEX_NAME);
	buf = check_read_file(path, &len);
	layout_of(buf, &l);
	ck_assert_uint_eq(l.ndirs, SHARED_N + 1);
	ck_assert_uint_eq(l.nfiles, SHARED_N);
	ck_assert_uint_eq(l.nrecs, SHARED_N);
	for (i = 0; i < l.ndirs; i++) {
		be32enc(buf + l.dirs + i * DIRSIZE + 4, 0);
		be32enc(buf + l.dirs + i * DIRSIZE + 8, l.nfiles);
	}
	for (i = 0; i < l.nfiles; i++) {
		be32enc(buf + l.files + i * FILESIZE + 12, 0);
		be32enc(buf + l.files + i * FILESIZE + 16, l.nrecs);
	}
	ck_assert_int_eq(clock_gettime(CLOCK_MONOTONIC, &t0), 0);
	rv = colindex_parse(&ix, buf, len);
	ck_assert_int_eq(clock_gettime(CLOCK_MONOTONIC, &t1), 0);
	secs = (double)(t1.tv_sec - t0.tv_sec) +
	    (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	ck_assert_msg(secs < 1.0, "an index of %zu bytes took %.1f s to %s",
	    len, secs, rv == 0 ? "take" : "refuse");
	if (rv == 0)
		colindex_close(&ix);
	free(buf);
}
END_TEST

/*
 * Whether path fails to be read for this process: /proc has files that
 * fail their reader, whoever it is, root among them.
 */
static bool
fails_to_read(const char *path, int *errp)
{
	struct stat	 st;
	char		 buf[16 * 1024];
	int		 fd;

	if (stat(path, &st) == -1 || !S_ISREG(st.st_mode))
		return false;
	if ((fd = open(path, O_RDONLY | O_NONBLOCK)) == -1) {
		*errp = errno;
		return true;
	}
	if (read(fd, buf, sizeof(buf)) == -1) {
		*errp = errno;
		close(fd);
		return true;
	}
	close(fd);
	return false;
}

/*
 * Index dir again with a link to target, which cannot be read, as name:
 * the index must fail naming that file and leave the old index.
 */
static void
write_fails(const char *target, const char *name)
{
	char	 dir[PATH_MAX], path[PATH_MAX], sub[PATH_MAX];
	char	 ixpath[PATH_MAX];
	char	*what;
	unsigned char *before, *after;
	size_t	 blen, alen, nfiles, nrecs, entries;
	int	 want;

	if (!fails_to_read(target, &want)) {
		fprintf(stderr, "%s can be read here; skipped\n", target);
		return;
	}
	make_small(dir, sizeof(dir));
	check_pathcat(ixpath, sizeof(ixpath), dir, "/" COLINDEX_NAME);
	before = check_read_file(ixpath, &blen);
	check_pathcat(sub, sizeof(sub), "/", name);
	check_pathcat(path, sizeof(path), dir, sub);
	ck_assert_int_eq(symlink(target, path), 0);
	entries = check_dir_entries(dir);
	nfiles = nrecs = 99;
	errno = 0;
	ck_assert_int_eq(colindex_write(dir, &nfiles, &nrecs, &what), -1);
	ck_assert_int_eq(errno, want);
	ck_assert_ptr_nonnull(what);
	ck_assert_str_eq(what, path);
	free(what);
	ck_assert_uint_eq(nfiles, 99);
	ck_assert_uint_eq(nrecs, 99);
	after = check_read_file(ixpath, &alen);
	ck_assert_uint_eq(alen, blen);
	ck_assert_mem_eq(after, before, blen);
	ck_assert_uint_eq(check_dir_entries(dir), entries);
	free(before);
	free(after);
}

START_TEST(test_write_unopenable)
{
	/* Write-only even for root: sysctl's own permission check. */
	write_fails("/proc/sys/vm/drop_caches", "bad");
	write_fails("/proc/sys/vm/drop_caches", "sbx/bad");
}
END_TEST

START_TEST(test_write_unreadable)
{
	/* Page 0 of the reader's memory is not mapped: EIO. */
	write_fails("/proc/self/mem", "bad");
	write_fails("/proc/self/mem", "sax/abc");
}
END_TEST

START_TEST(test_write_errors)
{
	char	 dir[PATH_MAX], path[PATH_MAX];
	char	*what;
	size_t	 nfiles, nrecs;

	check_newdir(dir, sizeof(dir));
	check_pathcat(path, sizeof(path), dir, "/missing");
	errno = 0;
	ck_assert_int_eq(colindex_write(path, &nfiles, &nrecs, &what), -1);
	ck_assert_int_eq(errno, ENOENT);
	ck_assert_str_eq(what, path);
	free(what);
	/* An index that cannot be put in place, whoever writes it. */
	make_file(dir, "abc", "one\n");
	check_pathcat(path, sizeof(path), dir, "/" COLINDEX_NAME);
	ck_assert_int_eq(mkdir(path, 0755), 0);
	errno = 0;
	ck_assert_int_eq(colindex_write(dir, &nfiles, &nrecs, &what), -1);
	ck_assert_int_ne(errno, 0);
	ck_assert_str_eq(what, path);
	free(what);
	ck_assert_uint_eq(check_dir_entries(dir), 2);
}
END_TEST

static Suite *
colindex_suite(void)
{
	Suite	*s;
	TCase	*tc;

	s = suite_create("colindex");

	tc = tcase_create("write");
	tcase_add_test(tc, test_write_open);
	tcase_add_test(tc, test_write_unopenable);
	tcase_add_test(tc, test_write_unreadable);
	tcase_add_test(tc, test_write_errors);
	suite_add_tcase(s, tc);

	tc = tcase_create("fresh");
	tcase_add_test(tc, test_fresh_file);
	tcase_add_test(tc, test_gone_file);
	tcase_add_test(tc, test_fresh_dir);
	tcase_add_test(tc, test_open_none);
	suite_add_tcase(s, tc);

	tc = tcase_create("parse");
	tcase_add_checked_fixture(tc, valid_setup, valid_teardown);
	tcase_add_test(tc, test_parse_valid);
	tcase_add_test(tc, test_parse_truncated);
	tcase_add_test(tc, test_parse_header);
	tcase_add_test(tc, test_parse_names);
	tcase_add_test(tc, test_parse_order);
	tcase_add_test(tc, test_parse_text);
	tcase_add_test(tc, test_parse_records);
	tcase_add_test(tc, test_parse_counts);
	tcase_add_test(tc, test_parse_flips);
	suite_add_tcase(s, tc);

	tc = tcase_create("cost");
	/* Thousands of files are made first: slow under valgrind. */
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_parse_shared);
	suite_add_tcase(s, tc);

	return s;
}

int
main(void)
{
	return check_run("check_colindex", colindex_suite(), NULL);
}
