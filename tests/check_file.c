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

#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <check.h>
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rapport.h"
#include "checkutil.h"

#define LIT(s)		(s), (sizeof(s) - 1)

static size_t	 dir_entries(const char *);
static void	 contents_are(const char *, const char *);

/* Count the entries of a directory, but for . and .. */
static size_t
dir_entries(const char *dir)
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

/* A file holds exactly the text given. */
static void
contents_are(const char *path, const char *want)
{
	char	*buf;
	size_t	 len;

	ck_assert_int_eq(file_read(path, &buf, &len), 0);
	ck_assert_uint_eq(len, strlen(want));
	ck_assert_str_eq(buf, want);
	free(buf);
}

/* The reading helpers. */

START_TEST(test_read)
{
	char	 dir[PATH_MAX], path[PATH_MAX], *buf;
	size_t	 len;

	check_newdir(dir, sizeof(dir));
	check_pathcat(path, sizeof(path), dir, "/f");
	check_write_file(path, LIT("two\nlines\n"));
	ck_assert_int_eq(file_read(path, &buf, &len), 0);
	ck_assert_uint_eq(len, 10);
	/* A NUL after the text, for string functions. */
	ck_assert_str_eq(buf, "two\nlines\n");
	free(buf);
	check_write_file(path, "", 0);
	ck_assert_int_eq(file_read(path, &buf, &len), 0);
	ck_assert_uint_eq(len, 0);
	ck_assert_str_eq(buf, "");
	free(buf);
}
END_TEST

/* Only a regular file is opened; the others say what they are. */
START_TEST(test_read_not_regular)
{
	char	 dir[PATH_MAX], path[PATH_MAX], *buf;
	size_t	 len;

	check_newdir(dir, sizeof(dir));
	errno = 0;
	ck_assert_int_eq(file_read(dir, &buf, &len), -1);
	ck_assert_int_eq(errno, EISDIR);
	check_pathcat(path, sizeof(path), dir, "/fifo");
	ck_assert_int_eq(mkfifo(path, 0600), 0);
	errno = 0;
	ck_assert_int_eq(file_read(path, &buf, &len), -1);
	ck_assert_int_eq(errno, EINVAL);
	check_pathcat(path, sizeof(path), dir, "/missing");
	errno = 0;
	ck_assert_int_eq(file_read(path, &buf, &len), -1);
	ck_assert_int_eq(errno, ENOENT);
}
END_TEST

/* Replacing a file. */

/* The old file gives way to a new one of the mode asked, and nothing else. */
START_TEST(test_replace)
{
	struct stat	 before, after;
	char		 dir[PATH_MAX], path[PATH_MAX];

	check_newdir(dir, sizeof(dir));
	check_pathcat(path, sizeof(path), dir, "/f");
	check_write_file(path, LIT("old text, longer than the new\n"));
	ck_assert_int_eq(stat(path, &before), 0);
	ck_assert_int_eq(file_replace(path, LIT("new\n"), 0640, 0), 0);
	contents_are(path, "new\n");
	ck_assert_int_eq(stat(path, &after), 0);
	ck_assert_uint_eq(after.st_mode & 07777, 0640);
	/* A new file: a reader of the old one reads the old text. */
	ck_assert(after.st_ino != before.st_ino);
	ck_assert_uint_eq(dir_entries(dir), 1);
}
END_TEST

/* A missing file is created; an empty buffer makes an empty file. */
START_TEST(test_replace_new)
{
	char	 dir[PATH_MAX], path[PATH_MAX];

	check_newdir(dir, sizeof(dir));
	check_pathcat(path, sizeof(path), dir, "/f");
	ck_assert_int_eq(file_replace(path, LIT("text\n"), 0600,
	    FILE_REPLACE_SYNC), 0);
	contents_are(path, "text\n");
	ck_assert_int_eq(file_replace(path, "", 0, 0600, FILE_REPLACE_SYNC),
	    0);
	contents_are(path, "");
	ck_assert_uint_eq(dir_entries(dir), 1);
}
END_TEST

/*
 * A name without a directory, synced: the directory flushed is the
 * working one.
 */
START_TEST(test_replace_relative)
{
	char	 dir[PATH_MAX];

	check_newdir(dir, sizeof(dir));
	ck_assert_int_eq(chdir(dir), 0);
	ck_assert_int_eq(file_replace("f", LIT("one\n"), 0600,
	    FILE_REPLACE_SYNC), 0);
	ck_assert_int_eq(file_replace("f", LIT("two\n"), 0600,
	    FILE_REPLACE_SYNC), 0);
	contents_are("f", "two\n");
	ck_assert_uint_eq(dir_entries("."), 1);
}
END_TEST

/*
 * A symbolic link stays one: its target is replaced, beside which the
 * temporary file was made, so that the rename stays within its directory.
 */
START_TEST(test_replace_symlink)
{
	struct stat	 st;
	char		 dir[PATH_MAX], sub[PATH_MAX], target[PATH_MAX];
	char		 link[PATH_MAX];

	check_newdir(dir, sizeof(dir));
	check_pathcat(sub, sizeof(sub), dir, "/sub");
	ck_assert_int_eq(mkdir(sub, 0700), 0);
	check_pathcat(target, sizeof(target), sub, "/target");
	check_write_file(target, LIT("old\n"));
	check_pathcat(link, sizeof(link), dir, "/link");
	ck_assert_int_eq(symlink("sub/target", link), 0);
	ck_assert_int_eq(file_replace(link, LIT("new\n"), 0600,
	    FILE_REPLACE_SYNC), 0);
	ck_assert_int_eq(lstat(link, &st), 0);
	ck_assert(S_ISLNK(st.st_mode));
	contents_are(target, "new\n");
	ck_assert_uint_eq(dir_entries(dir), 2);
	ck_assert_uint_eq(dir_entries(sub), 1);
}
END_TEST

/* In a directory that does not exist: ENOENT, and nothing made. */
START_TEST(test_replace_no_dir)
{
	char	 dir[PATH_MAX], path[PATH_MAX];

	check_newdir(dir, sizeof(dir));
	check_pathcat(path, sizeof(path), dir, "/missing/f");
	errno = 0;
	ck_assert_int_eq(file_replace(path, LIT("text\n"), 0600, 0), -1);
	ck_assert_int_eq(errno, ENOENT);
	ck_assert_uint_eq(dir_entries(dir), 0);
}
END_TEST

/*
 * A write that fails, as on a full disk: the file is left as it was and
 * the temporary file is removed.  A limit on the size of files makes the
 * write fail even for root, whom no mode stops; it is set in a child, so
 * that the tests that follow may write.
 */
START_TEST(test_replace_write_fails)
{
	struct rlimit	 rl;
	char		 dir[PATH_MAX], path[PATH_MAX], big[8192];
	pid_t		 pid;
	int		 status;

	check_newdir(dir, sizeof(dir));
	check_pathcat(path, sizeof(path), dir, "/f");
	check_write_file(path, LIT("old\n"));
	memset(big, 'x', sizeof(big));
	ck_assert_int_ne(pid = fork(), -1);
	if (pid == 0) {
		signal(SIGXFSZ, SIG_IGN);
		rl.rlim_cur = rl.rlim_max = 1024;
		if (setrlimit(RLIMIT_FSIZE, &rl) == -1)
			_exit(3);
		if (file_replace(path, big, sizeof(big), 0600,
		    FILE_REPLACE_SYNC) == 0)
			_exit(0);
		_exit(errno == EFBIG ? 1 : 2);
	}
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert(WIFEXITED(status));
	ck_assert_int_eq(WEXITSTATUS(status), 1);
	contents_are(path, "old\n");
	ck_assert_uint_eq(dir_entries(dir), 1);
}
END_TEST

/* A file that cannot be renamed over, a directory: the temporary goes. */
START_TEST(test_replace_directory)
{
	char	 dir[PATH_MAX], path[PATH_MAX];

	check_newdir(dir, sizeof(dir));
	check_pathcat(path, sizeof(path), dir, "/d");
	ck_assert_int_eq(mkdir(path, 0700), 0);
	errno = 0;
	ck_assert_int_eq(file_replace(path, LIT("text\n"), 0600, 0), -1);
	ck_assert_int_eq(errno, EISDIR);
	ck_assert_uint_eq(dir_entries(dir), 1);
}
END_TEST

/*
 * A replacement given up leaves the file and errno as they were.  While
 * it is written, the new file has no name where the file system allows.
 */
START_TEST(test_replace_abort)
{
	struct file_replace	 fr;
	char			 dir[PATH_MAX], path[PATH_MAX];

	check_newdir(dir, sizeof(dir));
	check_pathcat(path, sizeof(path), dir, "/f");
	check_write_file(path, LIT("old\n"));
	ck_assert_int_eq(file_replace_open(&fr, path, 0600, 0), 0);
	ck_assert_int_ge(fputs("half a new", fr.fp), 0);
	ck_assert_int_eq(fflush(fr.fp), 0);
	ck_assert_uint_eq(dir_entries(dir), fr.unnamed ? 1 : 2);
	errno = ENOSPC;
	file_replace_abort(&fr);
	ck_assert_int_eq(errno, ENOSPC);
	contents_are(path, "old\n");
	ck_assert_uint_eq(dir_entries(dir), 1);
}
END_TEST

/*
 * Killed while it writes the new file, a replacement leaves no copy of
 * it where the file system gives it no name (O_TMPFILE), as on the file
 * systems the tests run on: the child says whether it had one.
 */
START_TEST(test_replace_killed)
{
	struct file_replace	 fr;
	char			 dir[PATH_MAX], path[PATH_MAX];
	pid_t			 pid;
	int			 status, flags;

	check_newdir(dir, sizeof(dir));
	check_pathcat(path, sizeof(path), dir, "/f");
	check_write_file(path, LIT("old\n"));
	for (flags = 0; flags <= FILE_REPLACE_LOCKED; flags +=
	    FILE_REPLACE_LOCKED) {
		ck_assert_int_ne(pid = fork(), -1);
		if (pid == 0) {
			if (file_replace_open(&fr, path, 0600, flags |
			    FILE_REPLACE_SYNC) == -1 ||
			    fputs("the whole new text\n", fr.fp) == EOF ||
			    fflush(fr.fp) == EOF)
				_exit(3);
			raise(SIGKILL);
		}
		ck_assert_int_eq(waitpid(pid, &status, 0), pid);
		ck_assert(WIFSIGNALED(status));
		contents_are(path, "old\n");
		ck_assert_uint_eq(dir_entries(dir), 1);
	}
}
END_TEST

/*
 * Under a lock, the fixed name that a crash may leave (PATH.tmp, where
 * there is no O_TMPFILE, or between naming the file and the rename) is
 * removed by the next replacement, and a symbolic link planted there is
 * removed, not followed.
 */
START_TEST(test_replace_locked_leftover)
{
	char	 dir[PATH_MAX], path[PATH_MAX], tmp[PATH_MAX];
	char	 victim[PATH_MAX];

	check_newdir(dir, sizeof(dir));
	check_pathcat(path, sizeof(path), dir, "/f");
	check_pathcat(tmp, sizeof(tmp), dir, "/f.tmp");
	check_pathcat(victim, sizeof(victim), dir, "/victim");
	check_write_file(path, LIT("old\n"));
	check_write_file(tmp, LIT("a copy a crash left\n"));
	ck_assert_int_eq(file_replace(path, LIT("new\n"), 0600,
	    FILE_REPLACE_SYNC | FILE_REPLACE_LOCKED), 0);
	contents_are(path, "new\n");
	ck_assert_uint_eq(dir_entries(dir), 1);
	check_write_file(victim, LIT("mine\n"));
	ck_assert_int_eq(symlink(victim, tmp), 0);
	ck_assert_int_eq(file_replace(path, LIT("newer\n"), 0600,
	    FILE_REPLACE_LOCKED), 0);
	contents_are(path, "newer\n");
	contents_are(victim, "mine\n");
	ck_assert_uint_eq(dir_entries(dir), 2);
}
END_TEST

static Suite *
file_suite(void)
{
	Suite	*s;
	TCase	*tc;

	s = suite_create("file");

	tc = tcase_create("read");
	tcase_add_test(tc, test_read);
	tcase_add_test(tc, test_read_not_regular);
	suite_add_tcase(s, tc);

	tc = tcase_create("replace");
	tcase_add_test(tc, test_replace);
	tcase_add_test(tc, test_replace_new);
	tcase_add_test(tc, test_replace_relative);
	tcase_add_test(tc, test_replace_symlink);
	tcase_add_test(tc, test_replace_no_dir);
	tcase_add_test(tc, test_replace_write_fails);
	tcase_add_test(tc, test_replace_directory);
	tcase_add_test(tc, test_replace_abort);
	tcase_add_test(tc, test_replace_killed);
	tcase_add_test(tc, test_replace_locked_leftover);
	suite_add_tcase(s, tc);

	return s;
}

int
main(void)
{
	return check_run("check_file", file_suite(), NULL);
}
