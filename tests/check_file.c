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
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rapport.h"
#include "checkutil.h"

#define LIT(s)		(s), (sizeof(s) - 1)

static void	 contents_are(const char *, const char *);
static void	 side_refused(const char *, int, int, int);
static struct passwd *nobody(const char *);

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
	ck_assert_uint_eq(check_dir_entries(dir), 1);
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
	ck_assert_uint_eq(check_dir_entries(dir), 1);
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
	ck_assert_uint_eq(check_dir_entries("."), 1);
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
	ck_assert_uint_eq(check_dir_entries(dir), 2);
	ck_assert_uint_eq(check_dir_entries(sub), 1);
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
	ck_assert_uint_eq(check_dir_entries(dir), 0);
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
	ck_assert_uint_eq(check_dir_entries(dir), 1);
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
	ck_assert_uint_eq(check_dir_entries(dir), 1);
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
	ck_assert_uint_eq(check_dir_entries(dir), fr.unnamed ? 1 : 2);
	errno = ENOSPC;
	file_replace_abort(&fr);
	ck_assert_int_eq(errno, ENOSPC);
	contents_are(path, "old\n");
	ck_assert_uint_eq(check_dir_entries(dir), 1);
}
END_TEST

/* Side files, which no one else may have put in their place. */

/*
 * file_open_side refuses path, opened with flags, with errno and the
 * problem given.
 */
static void
side_refused(const char *path, int flags, int want_errno, int want_problem)
{
	int	 problem = -1;

	errno = 0;
	ck_assert_int_eq(file_open_side(path, flags, &problem), -1);
	ck_assert_int_eq(errno, want_errno);
	ck_assert_int_eq(problem, want_problem);
}

/* The user nobody, for a test that needs root; NULL, said, otherwise. */
static struct passwd *
nobody(const char *test)
{
	struct passwd	*pw;

	if (geteuid() != 0) {
		fprintf(stderr, "%s: skipped, it needs root\n", test);
		return NULL;
	}
	if ((pw = getpwnam("nobody")) == NULL)
		fprintf(stderr, "%s: skipped, no user nobody\n", test);
	return pw;
}

/*
 * A missing side file is made 0600 whatever the umask; the user's own is
 * opened as asked: appended to, or truncated.
 */
START_TEST(test_side_create)
{
	struct stat	 st;
	char		 dir[PATH_MAX], path[PATH_MAX];
	mode_t		 mask;
	int		 fd, problem = -1;

	check_newdir(dir, sizeof(dir));
	check_pathcat(path, sizeof(path), dir, "/f.lock");
	mask = umask(0277);
	fd = file_open_side(path, O_RDWR, &problem);
	umask(mask);
	ck_assert_int_ne(fd, -1);
	ck_assert_int_eq(problem, 0);
	ck_assert_int_eq(fstat(fd, &st), 0);
	ck_assert_uint_eq(st.st_mode & 07777, 0600);
	ck_assert_uint_eq(st.st_uid, geteuid());
	ck_assert_int_eq(file_write_all(fd, LIT("one\n")), 0);
	ck_assert_int_eq(close(fd), 0);
	fd = file_open_side(path, O_WRONLY | O_APPEND, &problem);
	ck_assert_int_ne(fd, -1);
	ck_assert_int_eq(file_write_all(fd, LIT("two\n")), 0);
	ck_assert_int_eq(close(fd), 0);
	contents_are(path, "one\ntwo\n");
	fd = file_open_side(path, O_WRONLY | O_TRUNC, &problem);
	ck_assert_int_ne(fd, -1);
	ck_assert_int_eq(close(fd), 0);
	contents_are(path, "");
	ck_assert_uint_eq(check_dir_entries(dir), 1);
}
END_TEST

/*
 * A symbolic link is not followed, to a file or to none: the file is not
 * truncated, and none is created.
 */
START_TEST(test_side_symlink)
{
	char	 dir[PATH_MAX], target[PATH_MAX], link[PATH_MAX];

	check_newdir(dir, sizeof(dir));
	check_pathcat(target, sizeof(target), dir, "/notes");
	check_write_file(target, LIT("my notes\n"));
	ck_assert_int_eq(chmod(target, 0600), 0);
	check_pathcat(link, sizeof(link), dir, "/f.rejected");
	ck_assert_int_eq(symlink("notes", link), 0);
	side_refused(link, O_WRONLY | O_APPEND | O_TRUNC, EPERM, FILE_SYMLINK);
	contents_are(target, "my notes\n");
	check_pathcat(link, sizeof(link), dir, "/f.lock");
	ck_assert_int_eq(symlink("nowhere", link), 0);
	side_refused(link, O_RDWR, EPERM, FILE_SYMLINK);
	ck_assert_uint_eq(check_dir_entries(dir), 3);
}
END_TEST

/*
 * A file of the user's is refused, and left as it was, when it has
 * another name or when others may write or read it; what is not a
 * regular file is refused, a FIFO without hanging.
 */
START_TEST(test_side_refused)
{
	static const struct {
		mode_t	 mode;
		int	 problem;
	} modes[] = {
		{ 0620, FILE_SHARED },
		{ 0602, FILE_SHARED },
		{ 0640, FILE_READABLE },
		{ 0604, FILE_READABLE },
		{ 0610, FILE_READABLE },
	};
	char	 dir[PATH_MAX], path[PATH_MAX], other[PATH_MAX];
	size_t	 i;
	int	 problem;

	check_newdir(dir, sizeof(dir));
	check_pathcat(path, sizeof(path), dir, "/f.edit-1");
	check_write_file(path, LIT("kept\n"));
	ck_assert_int_eq(chmod(path, 0600), 0);
	check_pathcat(other, sizeof(other), dir, "/diary");
	ck_assert_int_eq(link(path, other), 0);
	side_refused(path, O_WRONLY | O_TRUNC, EPERM, FILE_LINKED);
	contents_are(other, "kept\n");
	ck_assert_int_eq(unlink(other), 0);
	for (i = 0; i < nitems(modes); i++) {
		ck_assert_int_eq(chmod(path, modes[i].mode), 0);
		side_refused(path, O_WRONLY | O_TRUNC, EPERM,
		    modes[i].problem);
		contents_are(path, "kept\n");
	}
	side_refused(dir, O_RDWR, EISDIR, 0);
	check_pathcat(path, sizeof(path), dir, "/fifo");
	ck_assert_int_eq(mkfifo(path, 0600), 0);
	side_refused(path, O_RDWR, EINVAL, 0);
	problem = -1;
	ck_assert_int_eq(file_open_side(path, O_WRONLY, &problem), -1);
	ck_assert_int_eq(problem, 0);
}
END_TEST

/*
 * Another user's file is refused and left as it was, by root who may
 * open it and by a user who may not.
 */
START_TEST(test_side_not_owned)
{
	struct passwd	*pw;
	char		 dir[PATH_MAX], path[PATH_MAX];
	pid_t		 pid;
	int		 status, problem;

	if ((pw = nobody("test_side_not_owned")) == NULL)
		return;
	check_newdir(dir, sizeof(dir));
	check_pathcat(path, sizeof(path), dir, "/f.rejected");
	check_write_file(path, LIT("planted\n"));
	ck_assert_int_eq(chown(path, pw->pw_uid, pw->pw_gid), 0);
	ck_assert_int_eq(chmod(path, 0600), 0);
	side_refused(path, O_WRONLY | O_TRUNC, EPERM, FILE_NOT_OWNED);
	contents_are(path, "planted\n");

	/* Root's file, as nobody, who may not open it. */
	ck_assert_int_eq(chown(path, 0, 0), 0);
	ck_assert_int_eq(chmod(check_root, 0711), 0);
	ck_assert_int_eq(chmod(dir, 0711), 0);
	ck_assert_int_ne(pid = fork(), -1);
	if (pid == 0) {
		if (setgroups(0, NULL) == -1 || setgid(pw->pw_gid) == -1 ||
		    setuid(pw->pw_uid) == -1)
			_exit(5);
		if (file_open_side(path, O_WRONLY, &problem) != -1)
			_exit(1);
		_exit(errno == EPERM && problem == FILE_NOT_OWNED ? 0 : 2);
	}
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert(WIFEXITED(status));
	ck_assert_int_eq(WEXITSTATUS(status), 0);
}
END_TEST

/* Each problem has its own advice. */
START_TEST(test_side_advice)
{
	static const int problems[] = { FILE_NOT_OWNED, FILE_SHARED,
	    FILE_READABLE, FILE_SYMLINK, FILE_LINKED };
	size_t	 i, j;

	for (i = 0; i < nitems(problems); i++) {
		ck_assert_uint_gt(strlen(file_side_advice(problems[i])), 0);
		for (j = 0; j < i; j++)
			ck_assert_str_ne(file_side_advice(problems[i]),
			    file_side_advice(problems[j]));
	}
}
END_TEST

/*
 * The user's own symbolic link is followed.  Another user's is followed
 * only in a directory of theirs, or one that no one but its owner may
 * write, as the kernel's protected_symlinks reasons.
 */
START_TEST(test_link_trusted)
{
	static const struct {
		mode_t	 mode;
		bool	 dir_of_link_owner;
		bool	 trusted;
	} cases[] = {
		{ 01777, false, false },
		{ 0777, false, false },
		{ 0775, false, false },
		{ 0755, false, true },
		{ 01777, true, true },
	};
	struct passwd	*pw;
	struct stat	 st;
	char		 dir[PATH_MAX], sub[PATH_MAX], link[PATH_MAX];
	char		 name[16];
	size_t		 i;

	check_newdir(dir, sizeof(dir));
	check_pathcat(link, sizeof(link), dir, "/journal");
	ck_assert_int_eq(symlink("elsewhere", link), 0);
	ck_assert_int_eq(lstat(link, &st), 0);
	ck_assert(file_link_trusted(link, &st));
	if ((pw = nobody("test_link_trusted")) == NULL)
		return;
	for (i = 0; i < nitems(cases); i++) {
		snprintf(name, sizeof(name), "/d%zu", i);
		check_pathcat(sub, sizeof(sub), dir, name);
		ck_assert_int_eq(mkdir(sub, 0700), 0);
		ck_assert_int_eq(chmod(sub, cases[i].mode), 0);
		if (cases[i].dir_of_link_owner)
			ck_assert_int_eq(chown(sub, pw->pw_uid, pw->pw_gid), 0);
		check_pathcat(link, sizeof(link), sub, "/journal");
		ck_assert_int_eq(symlink("/etc/passwd", link), 0);
		ck_assert_int_eq(lchown(link, pw->pw_uid, pw->pw_gid), 0);
		ck_assert_int_eq(lstat(link, &st), 0);
		ck_assert_msg(file_link_trusted(link, &st) == cases[i].trusted,
		    "a link of nobody's in a directory of mode %o", (unsigned)
		    cases[i].mode);
	}
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
		ck_assert_uint_eq(check_dir_entries(dir), 1);
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
	ck_assert_uint_eq(check_dir_entries(dir), 1);
	check_write_file(victim, LIT("mine\n"));
	ck_assert_int_eq(symlink(victim, tmp), 0);
	ck_assert_int_eq(file_replace(path, LIT("newer\n"), 0600,
	    FILE_REPLACE_LOCKED), 0);
	contents_are(path, "newer\n");
	contents_are(victim, "mine\n");
	ck_assert_uint_eq(check_dir_entries(dir), 2);
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

	tc = tcase_create("side");
	tcase_add_test(tc, test_side_create);
	tcase_add_test(tc, test_side_symlink);
	tcase_add_test(tc, test_side_refused);
	tcase_add_test(tc, test_side_not_owned);
	tcase_add_test(tc, test_side_advice);
	tcase_add_test(tc, test_link_trusted);
	suite_add_tcase(s, tc);

	return s;
}

int
main(void)
{
	return check_run("check_file", file_suite(), NULL);
}
