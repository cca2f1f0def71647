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
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "checkutil.h"

/* The directory of one run of a test program, removed at its end. */
char	 check_root[PATH_MAX];

static int
rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

/*
 * Run suites, a list ending in NULL, in a fresh directory under $TMPDIR
 * (or /tmp) named after the program; return the program's exit status.
 */
int
check_run(const char *name, Suite *s, ...)
{
	SRunner		*sr;
	const char	*tmp;
	va_list		 ap;
	Suite		*more;
	int		 failed, n;

	if ((tmp = getenv("TMPDIR")) == NULL || *tmp == '\0')
		tmp = "/tmp";
	n = snprintf(check_root, sizeof(check_root), "%s/%s.XXXXXX", tmp,
	    name);
	if (n < 0 || (size_t)n >= sizeof(check_root) ||
	    mkdtemp(check_root) == NULL) {
		perror(check_root);
		return EXIT_FAILURE;
	}
	sr = srunner_create(s);
	va_start(ap, s);
	while ((more = va_arg(ap, Suite *)) != NULL)
		srunner_add_suite(sr, more);
	va_end(ap);
	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	nftw(check_root, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

void
check_pathcat(char *buf, size_t len, const char *a, const char *b)
{
	int	 n;

	n = snprintf(buf, len, "%s%s", a, b);
	ck_assert_msg(n >= 0 && (size_t)n < len, "path too long");
}

/* A fresh directory for one test, under the directory of the run. */
void
check_newdir(char *dir, size_t len)
{
	check_pathcat(dir, len, check_root, "/t.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
}

void
check_write_file(const char *path, const void *data, size_t len)
{
	int	 fd;

	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	ck_assert_int_ne(fd, -1);
	ck_assert_int_eq(write(fd, data, len), (ssize_t)len);
	ck_assert_int_eq(close(fd), 0);
}

/* Read a whole file into an allocated buffer, its size in *lenp. */
unsigned char *
check_read_file(const char *path, size_t *lenp)
{
	unsigned char	*buf;
	struct stat	 st;
	int		 fd;

	fd = open(path, O_RDONLY);
	ck_assert_msg(fd != -1, "%s: %s", path, strerror(errno));
	ck_assert_int_eq(fstat(fd, &st), 0);
	buf = malloc((size_t)st.st_size + 1);
	ck_assert_ptr_nonnull(buf);
	ck_assert_int_eq(read(fd, buf, st.st_size), st.st_size);
	close(fd);
	*lenp = (size_t)st.st_size;
	return buf;
}

/* The number of entries of a directory, . and .. left out. */
size_t
check_dir_entries(const char *dir)
{
	struct dirent	*de;
	DIR		*dp;
	size_t		 n = 0;

	ck_assert_ptr_nonnull(dp = opendir(dir));
	while ((de = readdir(dp)) != NULL)
		if (strcmp(de->d_name, ".") != 0 &&
		    strcmp(de->d_name, "..") != 0)
			n++;
	closedir(dp);
	return n;
}

/*
 * Set TZ to a zone of the tz database and return true, or say on stderr
 * that the zone is not installed and return false, for the test to skip
 * what needs it.  UTC needs no file.
 */
bool
check_set_zone(const char *zone)
{
	char	 file[PATH_MAX];

	check_pathcat(file, sizeof(file), "/usr/share/zoneinfo/", zone);
	if (strcmp(zone, "UTC") != 0 && access(file, R_OK) == -1) {
		fprintf(stderr, "time zone %s is not installed; skipped\n",
		    zone);
		return false;
	}
	ck_assert_int_eq(setenv("TZ", zone, 1), 0);
	tzset();
	return true;
}
