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
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rapport.h"
#include "checkutil.h"

/* A file name and whether it is a conflict copy of base. */
struct name_case {
	const char	*base;
	const char	*name;
	bool		 copy;
};

static void	 names_are(const struct name_case *, size_t);
static void	 touch(const char *, const char *);
static void	 add(const char *, const char *, const char *);
static void	 del(const char *, const char *);
static void	 live(const struct jentry *, void *);
static void	 texts_are(const char *, const char *);

static void
names_are(const struct name_case *c, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		ck_assert_msg(conflict_name(c[i].base, c[i].name) == c[i].copy,
		    "%s of %s: expected %s", c[i].name, c[i].base,
		    c[i].copy ? "a conflict copy" : "no conflict copy");
}

static void
touch(const char *dir, const char *name)
{
	char	 path[PATH_MAX];
	int	 n;

	n = snprintf(path, sizeof(path), "%s/%s", dir, name);
	ck_assert(n > 0 && (size_t)n < sizeof(path));
	check_write_file(path, "x\n", 2);
}

/* Append an entry of the given id and text to a journal. */
static void
add(const char *path, const char *id, const char *text)
{
	struct jentry	 e;
	char		*rec;
	size_t		 len;

	jentry_init(&e);
	strlcpy(e.id, id, sizeof(e.id));
	strlcpy(e.ts, "2026-11-25T12:00:00Z", sizeof(e.ts));
	e.body = (char *)text;
	e.bodylen = strlen(text);
	ck_assert_int_eq(journal_format_entry(&e, &rec, &len), 0);
	ck_assert_int_eq(journal_append(path, rec, len), 0);
	free(rec);
}

/* Append the tombstone of an entry. */
static void
del(const char *path, const char *id)
{
	char	 rec[128];
	int	 n;

	n = snprintf(rec, sizeof(rec), "%%%%delete %s 2026-11-25T13:00:00Z\n",
	    id);
	ck_assert_int_eq(journal_append(path, rec, (size_t)n), 0);
}

/* Gather the texts of the live entries, each followed by a bar. */
static void
live(const struct jentry *e, void *arg)
{
	jbuf_add(arg, e->body, e->bodylen);
	jbuf_add(arg, "|", 1);
}

/* The live entries of a journal have these texts, in file order. */
static void
texts_are(const char *path, const char *want)
{
	struct jbuf	 b = { NULL, 0, 0 };
	FILE		*fp;

	ck_assert_ptr_nonnull(fp = fopen(path, "r"));
	ck_assert_int_eq(journal_each_live(fp, path, live, NULL, &b), 0);
	fclose(fp);
	jbuf_add(&b, "", 1);
	ck_assert_str_eq(b.s, want);
	free(b.s);
}

/*
 * Syncthing's names, as its conflictName() makes them: the stem, the
 * marker with the local time and the short device id, the extension.
 */
START_TEST(test_syncthing)
{
	static const struct name_case c[] = {
		{ "journal", "journal.sync-conflict-20261125-120000-ABCDEFG",
		    true },
		{ "journal", "journal.sync-conflict-20261125-120000-7777777",
		    true },
		{ "journal.txt",
		    "journal.sync-conflict-20261125-120000-ABCDEFG.txt", true },
		{ "my.journal.txt",
		    "my.journal.sync-conflict-20261125-120000-ABC2DEF.txt",
		    true },
		/* Go's filepath.Ext(".journal") is the whole name. */
		{ ".journal", ".sync-conflict-20261125-120000-ABCDEFG.journal",
		    true },
		{ "journal", "journal.sync-conflict-20261125-120000-abcdefg",
		    false },
		{ "journal", "journal.sync-conflict-20261125-120000-ABCDEF",
		    false },
		{ "journal", "journal.sync-conflict-20261125-120000-ABCDEFGH",
		    false },
		{ "journal", "journal.sync-conflict-2026112-120000-ABCDEFG",
		    false },
		{ "journal", "journal.sync-conflict-20261125-12000-ABCDEFG",
		    false },
		{ "journal", "journal.sync-conflict-20261125-120000", false },
		{ "journal", "journal.sync-conflict-", false },
		/* The copy of another file beside the journal. */
		{ "journal",
		    "journal.sync-conflict-20261125-120000-ABCDEFG.lock",
		    false },
		{ "journal.txt",
		    "journal.sync-conflict-20261125-120000-ABCDEFG", false },
		{ "journal", "Journal.sync-conflict-20261125-120000-ABCDEFG",
		    false },
		{ "journal", "journal2.sync-conflict-20261125-120000-ABCDEFG",
		    false },
		{ "journal", "ajournal.sync-conflict-20261125-120000-ABCDEFG",
		    false },
		/* Syncthing's temporary files are not copies. */
		{ "journal", ".syncthing.journal.tmp", false },
		{ "journal", "~syncthing~journal.tmp", false },
		{ "journal",
		    "journal.sync-conflict-20261125-120000-ABCDEFG.tmp",
		    false },
	};

	names_are(c, nitems(c));
}
END_TEST

/*
 * Nextcloud's and ownCloud's names since 2.5, as makeConflictFileName()
 * makes them, with and without the user's name, and those before.
 */
START_TEST(test_nextcloud)
{
	static const struct name_case c[] = {
		{ "journal", "journal (conflicted copy 2026-11-25 120000)",
		    true },
		{ "journal",
		    "journal (conflicted copy alice 2026-11-25 120000)", true },
		{ "journal",
		    "journal (conflicted copy Alice Smith 2026-11-25 120000)",
		    true },
		{ "journal.txt",
		    "journal (conflicted copy 2026-11-25 120000).txt", true },
		/* A name that starts with its only dot has no extension. */
		{ ".journal", ".journal (conflicted copy 2026-11-25 120000)",
		    true },
		{ "journal", "journal_conflict-20261125-120000", true },
		{ "journal", "journal_conflict_alice-20261125-120000", true },
		{ "journal.txt", "journal_conflict-20261125-120000.txt", true },
		{ "journal", "journal (conflicted copy 2026-11-25 120000",
		    false },
		{ "journal", "journal (conflicted copy)", false },
		{ "journal", "journal (conflicted copy 2026-11-25 1200)",
		    false },
		{ "journal", "journal (conflicted copy 26-11-25 120000)",
		    false },
		{ "journal", "journal(conflicted copy 2026-11-25 120000)",
		    false },
		{ "journal", "journal (conflicted copy alice(2) 2026-11-25 "
		    "120000)", false },
		{ "journal",
		    "journal (conflicted copy 2026-11-25 120000).lock", false },
		{ "journal", "journal (case clash from 2026-11-25 120000)",
		    false },
		{ "journal", "journal_conflict-20261125", false },
		{ "journal", "journal_conflict_-20261125-120000", false },
		{ "journal", "journal_conflict_alice", false },
	};

	names_are(c, nitems(c));
}
END_TEST

/* Dropbox's names: who made the copy, the day, and a number for more. */
START_TEST(test_dropbox)
{
	static const struct name_case c[] = {
		{ "journal", "journal (alice's conflicted copy 2026-11-25)",
		    true },
		{ "journal", "journal (Alice's MacBook Pro's conflicted copy "
		    "2026-11-25)", true },
		{ "journal",
		    "journal (alice\xe2\x80\x99s conflicted copy 2026-11-25)",
		    true },
		{ "journal",
		    "journal (alice's conflicted copy 2026-11-25 (1))", true },
		{ "journal",
		    "journal (alice's Conflicted Copy 2026-11-25)", true },
		{ "journal", "journal (conflicted copy 2026-11-25)", true },
		{ "journal.txt",
		    "journal (alice's conflicted copy 2026-11-25).txt", true },
		{ "journal", "journal ('s conflicted copy 2026-11-25)", false },
		{ "journal", "journal (alice's copy 2026-11-25)", false },
		{ "journal", "journal (alice's conflicted copy)", false },
		{ "journal", "journal (alice's conflicted copy 2026-11-25 (x))",
		    false },
		{ "journal", "journal (alice's conflicted copy 2026-11-25",
		    false },
		{ "journal", "journal (1)", false },
		{ "journal", "journal 2", false },
		{ "journal", "journal (copy)", false },
	};

	names_are(c, nitems(c));
}
END_TEST

/* A copy of a copy: markers one after the other. */
START_TEST(test_nested)
{
	static const struct name_case c[] = {
		{ "journal", "journal (conflicted copy 2026-11-25 120000) "
		    "(conflicted copy 2026-11-26 093000)", true },
		{ "journal.txt", "journal_conflict-20261125-120000"
		    " (conflicted copy 2026-11-26 093000).txt", true },
		{ "journal", "journal (conflicted copy 2026-11-25 120000)x",
		    false },
		{ "journal", "journal.sync-conflict-20261125-120000-ABCDEFG "
		    "(1)", false },
	};

	names_are(c, nitems(c));
}
END_TEST

/* The files that journal itself keeps beside a journal are no copies. */
START_TEST(test_side_files)
{
	static const struct name_case c[] = {
		{ "journal", "journal", false },
		{ "journal", "journal.lock", false },
		{ "journal", "journal.rejected", false },
		{ "journal", "journal.edit-0123456789abcdef", false },
		{ "journal", "journal.a8Zq3x", false },
		{ "journal", ".journal-edit.a8Zq3x", false },
		{ "journal", "journal~", false },
		{ "journal", "", false },
		{ "", "", false },
	};

	names_are(c, nitems(c));
}
END_TEST

/* The copies in a directory, sorted, and nothing else. */
START_TEST(test_list)
{
	char	 dir[PATH_MAX], path[PATH_MAX], want[PATH_MAX], **paths;
	size_t	 n;

	check_newdir(dir, sizeof(dir));
	touch(dir, "journal");
	touch(dir, "journal.lock");
	touch(dir, "journal.sync-conflict-20261126-080000-BBBBBBB");
	touch(dir, "journal (conflicted copy 2026-11-25 120000)");
	touch(dir, "journal.sync-conflict-20261125-120000-AAAAAAA");
	touch(dir, "journal.sync-conflict-20261125-120000-AAAAAAA.lock");
	touch(dir, "other.sync-conflict-20261125-120000-AAAAAAA");
	check_pathcat(path, sizeof(path), dir, "/journal");
	ck_assert_int_eq(conflict_list(path, &paths, &n), 0);
	ck_assert_uint_eq(n, 3);
	check_pathcat(want, sizeof(want), dir,
	    "/journal (conflicted copy 2026-11-25 120000)");
	ck_assert_str_eq(paths[0], want);
	check_pathcat(want, sizeof(want), dir,
	    "/journal.sync-conflict-20261125-120000-AAAAAAA");
	ck_assert_str_eq(paths[1], want);
	check_pathcat(want, sizeof(want), dir,
	    "/journal.sync-conflict-20261126-080000-BBBBBBB");
	ck_assert_str_eq(paths[2], want);
	conflict_free(paths, n);
}
END_TEST

/* None, and a journal that does not exist yet. */
START_TEST(test_list_none)
{
	char	 dir[PATH_MAX], path[PATH_MAX], **paths;
	size_t	 n;

	check_newdir(dir, sizeof(dir));
	check_pathcat(path, sizeof(path), dir, "/journal");
	ck_assert_int_eq(conflict_list(path, &paths, &n), 0);
	ck_assert_uint_eq(n, 0);
	ck_assert_ptr_null(paths);
	touch(dir, "journal.sync-conflict-20261125-120000-AAAAAAA");
	ck_assert_int_eq(conflict_list(path, &paths, &n), 0);
	ck_assert_uint_eq(n, 1);
	conflict_free(paths, n);
}
END_TEST

/*
 * A journal reached through a symbolic link, as into a synchronised
 * folder: its copies are beside the target, named after it.
 */
START_TEST(test_list_symlink)
{
	char	 dir[PATH_MAX], real[PATH_MAX], link[PATH_MAX];
	char	 want[PATH_MAX], sub[PATH_MAX], resolved[PATH_MAX], **paths;
	size_t	 n;

	check_newdir(dir, sizeof(dir));
	check_pathcat(sub, sizeof(sub), dir, "/Sync");
	ck_assert_int_eq(mkdir(sub, 0700), 0);
	touch(sub, "diary");
	touch(sub, "diary.sync-conflict-20261125-120000-AAAAAAA");
	touch(dir, "journal.sync-conflict-20261125-120000-AAAAAAA");
	check_pathcat(real, sizeof(real), sub, "/diary");
	check_pathcat(link, sizeof(link), dir, "/journal");
	ck_assert_int_eq(symlink(real, link), 0);
	ck_assert_int_eq(conflict_list(link, &paths, &n), 0);
	ck_assert_uint_eq(n, 1);
	ck_assert_ptr_nonnull(realpath(sub, resolved));
	check_pathcat(want, sizeof(want), resolved,
	    "/diary.sync-conflict-20261125-120000-AAAAAAA");
	ck_assert_str_eq(paths[0], want);
	conflict_free(paths, n);
}
END_TEST

/* A directory that cannot be read fails, with errno. */
START_TEST(test_list_no_dir)
{
	char	 dir[PATH_MAX], path[PATH_MAX], **paths;
	size_t	 n;

	check_newdir(dir, sizeof(dir));
	check_pathcat(path, sizeof(path), dir, "/gone/journal");
	errno = 0;
	ck_assert_int_eq(conflict_list(path, &paths, &n), -1);
	ck_assert_int_eq(errno, ENOENT);
	ck_assert_uint_eq(n, 0);
	ck_assert_ptr_null(paths);
}
END_TEST

/*
 * A copy folded in: its records merged after the journal's own, its
 * tombstone honoured, and the copy removed.
 */
START_TEST(test_fold)
{
	struct jmerge	 res;
	char		 dir[PATH_MAX], j[PATH_MAX], w[PATH_MAX];
	char		 copy[PATH_MAX];

	check_newdir(dir, sizeof(dir));
	check_pathcat(j, sizeof(j), dir, "/journal");
	check_pathcat(w, sizeof(w), dir, "/work");
	check_pathcat(copy, sizeof(copy), dir,
	    "/journal.sync-conflict-20261125-120000-ABCDEFG");
	add(j, "aaaa", "one\n");
	add(j, "bbbb", "two\n");
	ck_assert_int_eq(rename(j, w), 0);
	add(w, "cccc", "three\n");
	del(w, "aaaa");
	ck_assert_int_eq(rename(w, copy), 0);
	add(j, "dddd", "four\n");
	ck_assert_int_eq(conflict_fold(j, copy, NULL, NULL, &res), 0);
	ck_assert_uint_eq(res.added, 4);
	ck_assert_ptr_null(res.failed);
	ck_assert_int_eq(access(copy, F_OK), -1);
	texts_are(j, "four\n|two\n|three\n|");
}
END_TEST

/* A copy with a record cut short is merged, and kept: 1. */
START_TEST(test_fold_torn)
{
	struct jmerge	 res;
	char		 dir[PATH_MAX], j[PATH_MAX], copy[PATH_MAX];
	static const char torn[] = "%%entry 2026-11-25T12:00:00Z eeee\nhal";
	int		 fd;

	check_newdir(dir, sizeof(dir));
	check_pathcat(j, sizeof(j), dir, "/journal");
	check_pathcat(copy, sizeof(copy), dir,
	    "/journal (conflicted copy 2026-11-25 120000)");
	add(copy, "aaaa", "one\n");
	ck_assert_int_ne(fd = open(copy, O_WRONLY | O_APPEND), -1);
	ck_assert_int_eq(write(fd, torn, sizeof(torn) - 1),
	    (ssize_t)sizeof(torn) - 1);
	close(fd);
	ck_assert_int_eq(conflict_fold(j, copy, NULL, NULL, &res), 1);
	ck_assert_uint_eq(res.added, 1);
	ck_assert_uint_eq(res.problems, 1);
	ck_assert_int_eq(access(copy, F_OK), 0);
	texts_are(j, "one\n|");
}
END_TEST

/* A file under a copy's name that is not a journal: EBADMSG, kept. */
START_TEST(test_fold_not_journal)
{
	struct jmerge	 res;
	char		 dir[PATH_MAX], j[PATH_MAX], copy[PATH_MAX];

	check_newdir(dir, sizeof(dir));
	check_pathcat(j, sizeof(j), dir, "/journal");
	check_pathcat(copy, sizeof(copy), dir,
	    "/journal_conflict-20261125-120000");
	add(j, "aaaa", "one\n");
	check_write_file(copy, "# notes\n", 8);
	errno = 0;
	ck_assert_int_eq(conflict_fold(j, copy, NULL, NULL, &res), -1);
	ck_assert_int_eq(errno, EBADMSG);
	ck_assert_ptr_eq(res.failed, copy);
	ck_assert_int_eq(access(copy, F_OK), 0);
	texts_are(j, "one\n|");
}
END_TEST

/*
 * git's sides merged into ours by a rename: theirs untouched, nothing
 * left beside them, no lock taken.  The two are made in a directory of
 * their own, with their locks, and moved where git would have them.
 */
START_TEST(test_resolve)
{
	struct jmerge	 res;
	struct stat	 before, after;
	char		 dir[PATH_MAX], mk[PATH_MAX], drv[PATH_MAX];
	char		 a[PATH_MAX], b[PATH_MAX], ours[PATH_MAX];
	char		 theirs[PATH_MAX];

	check_newdir(dir, sizeof(dir));
	check_pathcat(mk, sizeof(mk), dir, "/mk");
	check_pathcat(drv, sizeof(drv), dir, "/drv");
	ck_assert_int_eq(mkdir(mk, 0700), 0);
	ck_assert_int_eq(mkdir(drv, 0700), 0);
	check_pathcat(a, sizeof(a), mk, "/a");
	check_pathcat(b, sizeof(b), mk, "/b");
	check_pathcat(ours, sizeof(ours), drv, "/.merge_file_a");
	check_pathcat(theirs, sizeof(theirs), drv, "/.merge_file_b");
	add(a, "aaaa", "base\n");
	add(a, "bbbb", "ours\n");
	add(b, "aaaa", "base\n");
	add(b, "cccc", "theirs\n");
	del(b, "aaaa");
	ck_assert_int_eq(rename(a, ours), 0);
	ck_assert_int_eq(rename(b, theirs), 0);
	ck_assert_int_eq(stat(ours, &before), 0);
	ck_assert_int_eq(conflict_resolve(ours, theirs, NULL, NULL, &res), 0);
	ck_assert_uint_eq(res.added, 2);
	ck_assert_ptr_null(res.failed);
	ck_assert_int_eq(stat(ours, &after), 0);
	ck_assert_uint_ne(before.st_ino, after.st_ino);
	ck_assert_uint_eq(check_dir_entries(drv), 2);
	texts_are(ours, "ours\n|theirs\n|");
	texts_are(theirs, "theirs\n|");
}
END_TEST

/* A side that is not a journal: EBADMSG, ours as it was, nothing left. */
START_TEST(test_resolve_not_journal)
{
	struct jmerge	 res;
	char		 dir[PATH_MAX], ours[PATH_MAX], theirs[PATH_MAX];
	char		*before, *after;
	size_t		 blen, alen;

	check_newdir(dir, sizeof(dir));
	check_pathcat(ours, sizeof(ours), dir, "/ours");
	check_pathcat(theirs, sizeof(theirs), dir, "/theirs");
	add(ours, "aaaa", "base\n");
	check_write_file(theirs, "# notes\n", 8);
	ck_assert_int_eq(file_read(ours, &before, &blen), 0);
	errno = 0;
	ck_assert_int_eq(conflict_resolve(ours, theirs, NULL, NULL, &res), -1);
	ck_assert_int_eq(errno, EBADMSG);
	ck_assert_ptr_eq(res.failed, theirs);
	errno = 0;
	ck_assert_int_eq(conflict_resolve(theirs, ours, NULL, NULL, &res), -1);
	ck_assert_int_eq(errno, EBADMSG);
	ck_assert_ptr_eq(res.failed, theirs);
	ck_assert_int_eq(file_read(ours, &after, &alen), 0);
	ck_assert_uint_eq(alen, blen);
	ck_assert_int_eq(memcmp(before, after, blen), 0);
	/* ours, its lock, and theirs. */
	ck_assert_uint_eq(check_dir_entries(dir), 3);
	free(before);
	free(after);
}
END_TEST

/* Records of theirs that cannot be read: a conflict, ours as it was. */
START_TEST(test_resolve_torn)
{
	struct jmerge	 res;
	char		 dir[PATH_MAX], ours[PATH_MAX], theirs[PATH_MAX];
	static const char torn[] = "%%entry 2026-11-25T12:00:00Z eeee\nhal";
	int		 fd;

	check_newdir(dir, sizeof(dir));
	check_pathcat(ours, sizeof(ours), dir, "/ours");
	check_pathcat(theirs, sizeof(theirs), dir, "/theirs");
	add(ours, "aaaa", "base\n");
	add(theirs, "bbbb", "theirs\n");
	ck_assert_int_ne(fd = open(theirs, O_WRONLY | O_APPEND), -1);
	ck_assert_int_eq(write(fd, torn, sizeof(torn) - 1),
	    (ssize_t)sizeof(torn) - 1);
	close(fd);
	errno = 0;
	ck_assert_int_eq(conflict_resolve(ours, theirs, NULL, NULL, &res), -1);
	ck_assert_int_eq(errno, EBADMSG);
	ck_assert_uint_eq(res.problems, 1);
	texts_are(ours, "base\n|");
	/* ours, theirs and their locks. */
	ck_assert_uint_eq(check_dir_entries(dir), 4);
}
END_TEST

static Suite *
conflict_suite(void)
{
	Suite	*s;
	TCase	*tc;

	s = suite_create("conflict");

	tc = tcase_create("names");
	tcase_add_test(tc, test_syncthing);
	tcase_add_test(tc, test_nextcloud);
	tcase_add_test(tc, test_dropbox);
	tcase_add_test(tc, test_nested);
	tcase_add_test(tc, test_side_files);
	suite_add_tcase(s, tc);

	tc = tcase_create("list");
	tcase_add_test(tc, test_list);
	tcase_add_test(tc, test_list_none);
	tcase_add_test(tc, test_list_symlink);
	tcase_add_test(tc, test_list_no_dir);
	suite_add_tcase(s, tc);

	tc = tcase_create("fold");
	tcase_add_test(tc, test_fold);
	tcase_add_test(tc, test_fold_torn);
	tcase_add_test(tc, test_fold_not_journal);
	suite_add_tcase(s, tc);

	tc = tcase_create("resolve");
	tcase_add_test(tc, test_resolve);
	tcase_add_test(tc, test_resolve_not_journal);
	tcase_add_test(tc, test_resolve_torn);
	suite_add_tcase(s, tc);

	return s;
}

int
main(void)
{
	return check_run("check_conflict", conflict_suite(), NULL);
}
