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
#include <unistd.h>

#include "rapport.h"
#include "checkutil.h"

/* Create dir/name holding text, or a directory when text is NULL. */
static void
make(const char *dir, const char *name, const char *text)
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
	ck_assert_int_eq(write(fd, text, strlen(text)),
	    (ssize_t)strlen(text));
	ck_assert_int_eq(close(fd), 0);
}

static void
check_xdg(const char *want)
{
	char	*dir;

	dir = xdg_dir("XDG_DATA_HOME", ".local/share", "rapport/tips");
	if (want == NULL)
		ck_assert_ptr_null(dir);
	else {
		ck_assert_ptr_nonnull(dir);
		ck_assert_str_eq(dir, want);
	}
	free(dir);
}

START_TEST(test_xdg_absolute)
{
	setenv("HOME", "/home/u", 1);
	setenv("XDG_DATA_HOME", "/data/x", 1);
	check_xdg("/data/x/rapport/tips");
	/* HOME is not needed then. */
	unsetenv("HOME");
	check_xdg("/data/x/rapport/tips");
}
END_TEST

START_TEST(test_xdg_relative)
{
	setenv("HOME", "/home/u", 1);
	setenv("XDG_DATA_HOME", "data/x", 1);
	check_xdg("/home/u/.local/share/rapport/tips");
}
END_TEST

START_TEST(test_xdg_empty)
{
	setenv("HOME", "/home/u", 1);
	setenv("XDG_DATA_HOME", "", 1);
	check_xdg("/home/u/.local/share/rapport/tips");
}
END_TEST

START_TEST(test_xdg_unset)
{
	setenv("HOME", "/home/u", 1);
	unsetenv("XDG_DATA_HOME");
	check_xdg("/home/u/.local/share/rapport/tips");
}
END_TEST

START_TEST(test_xdg_no_home)
{
	unsetenv("XDG_DATA_HOME");
	unsetenv("HOME");
	check_xdg(NULL);
	setenv("HOME", "home/u", 1);
	check_xdg(NULL);
	setenv("HOME", "", 1);
	setenv("XDG_DATA_HOME", "rel", 1);
	check_xdg(NULL);
}
END_TEST

static void
check_entries(const struct searchpath *sp, const char *const *want,
    size_t nwant)
{
	size_t	 i;

	ck_assert_uint_eq(sp->nentries, nwant);
	for (i = 0; i < nwant; i++)
		ck_assert_str_eq(sp->entries[i], want[i]);
}

START_TEST(test_path_split)
{
	static const char *const want[] = { "/a", "b/c", "/d", "/u", "/i" };
	static const char *const want2[] = { "/u", "/i" };
	static const char *const want3[] = { "/only" };
	struct searchpath sp;

	searchpath_init(&sp, ":/a::b/c:/d:", "/u", "/i");
	check_entries(&sp, want, nitems(want));
	searchpath_free(&sp);
	searchpath_init(&sp, NULL, "/u", "/i");
	check_entries(&sp, want2, nitems(want2));
	searchpath_free(&sp);
	searchpath_init(&sp, "", "/u", "/i");
	check_entries(&sp, want2, nitems(want2));
	searchpath_free(&sp);
	searchpath_init(&sp, ":::", "/u", "/i");
	check_entries(&sp, want2, nitems(want2));
	searchpath_free(&sp);
	/* No user directory, as when HOME is unset. */
	searchpath_init(&sp, "/only", NULL, NULL);
	check_entries(&sp, want3, nitems(want3));
	searchpath_free(&sp);
	ck_assert_uint_eq(sp.nentries, 0);
}
END_TEST

START_TEST(test_skip)
{
	static const char *const skipped[] = {
		".hidden", ".", "..", "fortunes.dat", "fortunes.u8",
		"listening~", "listening.pos", "x.dat", ".dat", "a.swp",
		"b.bak", "c.orig"
	};
	static const char *const kept[] = {
		"fortunes", "listening", "off", "a.b", "dat", "u8",
		"data.txt", "x.dat.d", "~x", "caf\xc3\xa9"
	};
	size_t	 i;

	for (i = 0; i < nitems(skipped); i++)
		ck_assert_msg(collection_skip(skipped[i]), "%s not skipped",
		    skipped[i]);
	for (i = 0; i < nitems(kept); i++)
		ck_assert_msg(!collection_skip(kept[i]), "%s skipped",
		    kept[i]);
}
END_TEST

START_TEST(test_list)
{
	static const char *const want[] = {
		"B", "Zed", "_x", "a", "b", "caf\xc3\xa9", "link",
		"\xc3\xa9t\xc3\xa9"
	};
	char		 dir[PATH_MAX], dirslash[PATH_MAX], path[PATH_MAX];
	struct recfile	*files;
	size_t		 n, i;

	check_newdir(dir, sizeof(dir));
	/* Created out of order: readdir gives no order either. */
	make(dir, "b", "b\n");
	make(dir, "\xc3\xa9t\xc3\xa9", "e\n");
	make(dir, "caf\xc3\xa9", "c\n");
	make(dir, "a", "a\n");
	make(dir, "Zed", "z\n");
	make(dir, "B", "B\n");
	make(dir, "_x", "x\n");
	make(dir, "a.dat", "not text");
	make(dir, "a.u8", "a\n");
	make(dir, ".hidden", "h\n");
	make(dir, "old~", "o\n");
	make(dir, "sub", NULL);
	make(dir, "sub/inner", "i\n");
	check_pathcat(path, sizeof(path), dir, "/fifo");
	ck_assert_int_eq(mkfifo(path, 0600), 0);
	check_pathcat(path, sizeof(path), dir, "/link");
	ck_assert_int_eq(symlink("a", path), 0);
	check_pathcat(path, sizeof(path), dir, "/dangling");
	ck_assert_int_eq(symlink("nowhere", path), 0);
	check_pathcat(path, sizeof(path), dir, "/dirlink");
	ck_assert_int_eq(symlink("sub", path), 0);

	ck_assert_int_eq(collection_list(dir, &files, &n), 0);
	ck_assert_uint_eq(n, nitems(want));
	check_pathcat(dirslash, sizeof(dirslash), dir, "/");
	for (i = 0; i < n; i++) {
		ck_assert_str_eq(files[i].name, want[i]);
		check_pathcat(path, sizeof(path), dirslash, want[i]);
		ck_assert_str_eq(files[i].path, path);
		ck_assert_uint_eq(files[i].nrecs, 0);
		recfile_free(&files[i]);
	}
	free(files);
}
END_TEST

START_TEST(test_list_errors)
{
	char		 dir[PATH_MAX], path[PATH_MAX];
	struct recfile	*files;
	size_t		 n;

	check_newdir(dir, sizeof(dir));
	ck_assert_int_eq(collection_list(dir, &files, &n), 0);
	ck_assert_uint_eq(n, 0);
	free(files);
	check_pathcat(path, sizeof(path), dir, "/missing");
	errno = 0;
	ck_assert_int_eq(collection_list(path, &files, &n), -1);
	ck_assert_int_eq(errno, ENOENT);
	make(dir, "file", "a\n");
	check_pathcat(path, sizeof(path), dir, "/file");
	errno = 0;
	ck_assert_int_eq(collection_list(path, &files, &n), -1);
	ck_assert_int_eq(errno, ENOTDIR);
}
END_TEST

/*
 * Text of exactly size bytes (size >= 2): records of ten bytes, the last
 * padded.  Returns how many records it holds; the last is *lastlen long.
 */
static size_t
sized_text(char *buf, size_t size, size_t *lastlen)
{
	size_t	 k, i;

	k = (size - 2) / 10;
	for (i = 0; i < k; i++)
		memcpy(buf + i * 10, "xxxxxxx\n%\n", 10);
	*lastlen = size - k * 10;
	memset(buf + k * 10, 'y', *lastlen - 1);
	buf[size - 1] = '\n';
	buf[size] = '\0';
	return k + 1;
}

/*
 * The files of a collection are read whole whatever their size, below,
 * at and above the sizes at which the reader changes its ways.
 */
START_TEST(test_list_sizes)
{
	static const size_t	 sizes[] = {
		2, 1000, 16383, 16384, 16385, 40000, 65536, 70000
	};
	char			 dir[PATH_MAX], name[16], *text, *copy;
	const char		*rec;
	struct recfile		*files;
	size_t			 n, i, len, want[nitems(sizes)];
	size_t			 lastlen[nitems(sizes)];

	check_newdir(dir, sizeof(dir));
	text = xmalloc(sizes[nitems(sizes) - 1] + 1);
	for (i = 0; i < nitems(sizes); i++) {
		want[i] = sized_text(text, sizes[i], &lastlen[i]);
		snprintf(name, sizeof(name), "f%zu", i);
		make(dir, name, text);
	}
	free(text);
	ck_assert_int_eq(collection_list(dir, &files, &n), 0);
	ck_assert_uint_eq(n, nitems(sizes));
	for (i = 0; i < n; i++) {
		ck_assert_int_eq(recfile_count(&files[i]), 0);
		ck_assert_int_eq(recfile_load(&files[i]), 0);
		ck_assert_uint_eq(files[i].size, sizes[i]);
		ck_assert_uint_eq(files[i].nrecs, want[i]);
		rec = recfile_text(&files[i], want[i] - 1, &len, &copy);
		ck_assert_uint_eq(len, lastlen[i]);
		ck_assert_int_eq(rec[0], 'y');
		free(copy);
		recfile_free(&files[i]);
	}
	free(files);
}
END_TEST

/* A file listed, then replaced by a directory, fails to load, and says why. */
START_TEST(test_list_replaced)
{
	char		 dir[PATH_MAX], path[PATH_MAX];
	struct recfile	*files;
	size_t		 n;

	check_newdir(dir, sizeof(dir));
	make(dir, "a", "a\n");
	ck_assert_int_eq(collection_list(dir, &files, &n), 0);
	ck_assert_uint_eq(n, 1);
	check_pathcat(path, sizeof(path), dir, "/a");
	ck_assert_int_eq(unlink(path), 0);
	ck_assert_int_eq(mkdir(path, 0755), 0);
	ck_assert_int_eq(recfile_count(&files[0]), -1);
	ck_assert_int_eq(files[0].error, EISDIR);
	ck_assert_uint_eq(files[0].nrecs, 0);
	recfile_free(&files[0]);
	free(files);
}
END_TEST

/* A search path of the given entries, with no user or installed part. */
static void
path_of(struct searchpath *sp, const char *const *entries, size_t n)
{
	char	 var[4 * PATH_MAX];
	size_t	 i;

	var[0] = '\0';
	for (i = 0; i < n; i++) {
		if (i > 0)
			ck_assert_uint_lt(strlcat(var, ":", sizeof(var)),
			    sizeof(var));
		ck_assert_uint_lt(strlcat(var, entries[i], sizeof(var)),
		    sizeof(var));
	}
	searchpath_init(sp, var, NULL, NULL);
	ck_assert_uint_eq(sp->nentries, n);
}

static void
check_find(const struct searchpath *sp, const char *name, const char *dir,
    const char *suffix)
{
	char	 want[PATH_MAX];
	char	*path;

	path = searchpath_find(sp, name);
	if (dir == NULL) {
		ck_assert_msg(path == NULL, "%s found as %s", name, path);
		return;
	}
	check_pathcat(want, sizeof(want), dir, suffix);
	ck_assert_msg(path != NULL, "%s not found", name);
	ck_assert_str_eq(path, want);
	free(path);
}

START_TEST(test_find)
{
	char		 top[PATH_MAX], d1[PATH_MAX], d2[PATH_MAX];
	char		 missing[PATH_MAX], file[PATH_MAX], fifo[PATH_MAX];
	const char	*entries[4];
	struct searchpath sp;

	check_newdir(top, sizeof(top));
	check_pathcat(d1, sizeof(d1), top, "/d1");
	check_pathcat(d2, sizeof(d2), top, "/d2");
	check_pathcat(missing, sizeof(missing), top, "/missing");
	check_pathcat(file, sizeof(file), top, "/files/other");
	make(top, "d1", NULL);
	make(top, "d2", NULL);
	make(top, "files", NULL);
	make(d1, "cat", "1\n");
	make(d1, "sub", NULL);
	make(d2, "cat", "2\n");
	make(d2, "other", "2\n");
	make(d2, "fifo", "2\n");
	make(d2, "only2", "2\n");
	make(top, "files/other", "f\n");
	check_pathcat(fifo, sizeof(fifo), d1, "/fifo");
	ck_assert_int_eq(mkfifo(fifo, 0600), 0);

	entries[0] = d1;
	entries[1] = missing;
	entries[2] = d2;
	entries[3] = file;
	path_of(&sp, entries, 4);
	check_find(&sp, "cat", d1, "/cat");
	check_find(&sp, "only2", d2, "/only2");
	check_find(&sp, "sub", d1, "/sub");
	/* A FIFO is no category: the next entry's file is. */
	check_find(&sp, "fifo", d2, "/fifo");
	check_find(&sp, "other", d2, "/other");
	check_find(&sp, "files", NULL, NULL);
	check_find(&sp, "nothing", NULL, NULL);
	searchpath_free(&sp);

	/* A file entry matches by its base name, and first wins. */
	entries[0] = file;
	entries[1] = d2;
	path_of(&sp, entries, 2);
	check_find(&sp, "other", file, "");
	check_find(&sp, "cat", d2, "/cat");
	searchpath_free(&sp);
}
END_TEST

START_TEST(test_categories)
{
	static const char *const names[] = { "a", "cat", "b", "c", "lone" };
	char		 top[PATH_MAX], d1[PATH_MAX], d2[PATH_MAX];
	char		 missing[PATH_MAX], fileb[PATH_MAX], lone[PATH_MAX];
	char		 want[5][PATH_MAX];
	const char	*entries[6];
	struct searchpath sp;
	struct recfile	*files;
	size_t		 n, i;

	check_newdir(top, sizeof(top));
	check_pathcat(d1, sizeof(d1), top, "/d1");
	check_pathcat(d2, sizeof(d2), top, "/d2");
	check_pathcat(missing, sizeof(missing), top, "/missing");
	check_pathcat(fileb, sizeof(fileb), top, "/files/b");
	check_pathcat(lone, sizeof(lone), top, "/files/lone");
	make(top, "d1", NULL);
	make(top, "d2", NULL);
	make(top, "files", NULL);
	make(d1, "cat", "1\n");
	make(d1, "a", "1\n");
	make(d1, "a.dat", "x");
	make(d2, "cat", "2\n");
	make(d2, "b", "2\n");
	make(d2, "c", "2\n");
	make(top, "files/b", "f\n");
	make(top, "files/lone", "f\n");

	entries[0] = d1;
	entries[1] = missing;
	entries[2] = d2;
	entries[3] = fileb;
	entries[4] = lone;
	entries[5] = "/nonexistent/rapport/tips";
	path_of(&sp, entries, 6);
	check_pathcat(want[0], PATH_MAX, d1, "/a");
	check_pathcat(want[1], PATH_MAX, d1, "/cat");
	check_pathcat(want[2], PATH_MAX, d2, "/b");
	check_pathcat(want[3], PATH_MAX, d2, "/c");
	check_pathcat(want[4], PATH_MAX, lone, "");
	searchpath_categories(&sp, &files, &n);
	ck_assert_uint_eq(n, nitems(names));
	for (i = 0; i < n; i++) {
		ck_assert_str_eq(files[i].name, names[i]);
		ck_assert_str_eq(files[i].path, want[i]);
		ck_assert_int_eq(files[i].error, 0);
		recfile_free(&files[i]);
	}
	free(files);
	searchpath_free(&sp);

	/* Nothing at all is no error, just no category. */
	entries[0] = missing;
	path_of(&sp, entries, 1);
	searchpath_categories(&sp, &files, &n);
	ck_assert_uint_eq(n, 0);
	free(files);
	searchpath_free(&sp);
}
END_TEST

static Suite *
searchpath_suite(void)
{
	Suite	*s;
	TCase	*tc;

	s = suite_create("searchpath");

	tc = tcase_create("xdg");
	tcase_add_test(tc, test_xdg_absolute);
	tcase_add_test(tc, test_xdg_relative);
	tcase_add_test(tc, test_xdg_empty);
	tcase_add_test(tc, test_xdg_unset);
	tcase_add_test(tc, test_xdg_no_home);
	suite_add_tcase(s, tc);

	tc = tcase_create("path");
	tcase_add_test(tc, test_path_split);
	tcase_add_test(tc, test_find);
	tcase_add_test(tc, test_categories);
	suite_add_tcase(s, tc);

	tc = tcase_create("collection");
	tcase_add_test(tc, test_skip);
	tcase_add_test(tc, test_list);
	tcase_add_test(tc, test_list_errors);
	tcase_add_test(tc, test_list_sizes);
	tcase_add_test(tc, test_list_replaced);
	suite_add_tcase(s, tc);

	return s;
}

int
main(void)
{
	return check_run("check_searchpath", searchpath_suite(), NULL);
}
