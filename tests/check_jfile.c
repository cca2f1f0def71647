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
 * check_jfile: the journal where people keep it (issue 13): merges and
 * imports decided under the lock, tombstones that compaction keeps so
 * that an older copy brings nothing back, byte-identical records written
 * once, rewrites killed without a copy left, and the files that are not
 * rewritten: a hard-linked journal, one that is not a journal, and one
 * that is not there.
 */

#include "config.h"

#include <sys/stat.h>
#include <sys/wait.h>

#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "rapport.h"
#include "checkutil.h"

/* A string literal and its length without the final NUL. */
#define S(lit)		lit, sizeof(lit) - 1

/* Records written by hand; their CRC-32s come from Python's zlib. */
#define ONE	"%%entry 2026-11-02 aaaa000001 @a\none\n" \
		"%%end aaaa000001 4 f817a89f\n"
#define TWO	"%%entry 2026-11-05T10:00:00Z aaaa000002\ntwo\n" \
		"%%end aaaa000002 4 96170874\n"
#define THREE	"%%entry 2026-11-01T09:00:00Z aaaa000003\nthree\n" \
		"%%end aaaa000003 6 ff46c5d8\n"
#define DEL_ONE	"%%delete aaaa000001 2026-11-07T10:00:00Z\n"
#define SEALED	"%%sealed aaaa000009 v=1\nQUJD\n%%end aaaa000009 3 0\n"
#define AGAIN	"%%entry 2026-11-05T10:00:00Z aaaa000005 " \
		"supersedes=aaaa000002\ntwo again\n" \
		"%%end aaaa000005 10 7911d05f\n"
#define AGAIN_DEL "%%delete aaaa000002 2026-11-05T10:00:00Z\n"

static char	*newdir(void);
static char	*pathof(const char *, const char *);
static void	 put_file(const char *, const char *, size_t);
static char	*get_file(const char *, size_t *);
static void	 is_file(const char *, const char *, size_t);
static size_t	 count_of(const char *, const char *);
static void	 live_ids(const char *, char *, size_t);
static void	 add_id(const struct jentry *, void *);
static void	 no_problem(const char *, size_t, const char *, void *);
static void	 count_problem(const char *, size_t, const char *, void *);
static char	*many_entries(size_t, const char *);

/* A new directory of its own for one test. */
static char *
newdir(void)
{
	char	 dir[PATH_MAX];

	check_newdir(dir, sizeof(dir));
	return xstrdup(dir);
}

static char *
pathof(const char *dir, const char *name)
{
	char	*p;

	xasprintf(&p, "%s/%s", dir, name);
	return p;
}

static void
put_file(const char *path, const char *s, size_t n)
{
	int	 fd;

	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	ck_assert_int_ne(fd, -1);
	ck_assert_int_eq(write(fd, s, n), (ssize_t)n);
	ck_assert_int_eq(close(fd), 0);
}

static char *
get_file(const char *path, size_t *np)
{
	char	*buf;

	ck_assert_int_eq(file_read(path, &buf, np), 0);
	return buf;
}

/* A file holds exactly these bytes. */
static void
is_file(const char *path, const char *want, size_t n)
{
	char	*got;
	size_t	 len;

	got = get_file(path, &len);
	ck_assert_msg(len == n && memcmp(got, want, n) == 0,
	    "%s holds:\n%s\nnot:\n%.*s", path, got, (int)n, want);
	free(got);
}

/* How many lines of a file start with a prefix. */
static size_t
count_of(const char *path, const char *prefix)
{
	char	*buf, *p;
	size_t	 len, n = 0;

	buf = get_file(path, &len);
	for (p = buf; p < buf + len; p = strchr(p, '\n') + 1) {
		if (strncmp(p, prefix, strlen(prefix)) == 0)
			n++;
		if (strchr(p, '\n') == NULL)
			break;
	}
	free(buf);
	return n;
}

static void
add_id(const struct jentry *e, void *arg)
{
	char	*ids = arg;

	if (*ids != '\0')
		strlcat(ids, " ", 256);
	strlcat(ids, e->id, 256);
}

static void
no_problem(const char *name, size_t line, const char *what, void *arg)
{
	(void)arg;
	ck_abort_msg("%s:%zu: %s", name, line, what);
}

static void
count_problem(const char *name, size_t line, const char *what, void *arg)
{
	(void)name;
	(void)line;
	(void)what;
	(*(size_t *)arg)++;
}

/* The ids of the live entries of a journal, in file order. */
static void
live_ids(const char *path, char *ids, size_t len)
{
	FILE	*fp;

	ck_assert_uint_ge(len, 256);
	*ids = '\0';
	ck_assert_ptr_nonnull(fp = fopen(path, "r"));
	ck_assert_int_eq(journal_each_live(fp, path, add_id, no_problem,
	    ids), 0);
	fclose(fp);
}

/* A journal of n entries, their text starting with what. */
static char *
many_entries(size_t n, const char *what)
{
	struct jentry	 e;
	struct jbuf	 b = { NULL, 0, 0 };
	char		 body[64], *rec;
	size_t		 i, len;

	jbuf_add(&b, S(JOURNAL_MAGIC "\n"));
	for (i = 0; i < n; i++) {
		jentry_init(&e);
		snprintf(e.id, sizeof(e.id), "m%09zu", i);
		snprintf(e.ts, sizeof(e.ts), "2026-%02zu-%02zuT10:00:00Z",
		    1 + i % 12, 1 + i % 28);
		snprintf(body, sizeof(body), "%s %zu\n", what, i);
		e.body = body;
		e.bodylen = strlen(body);
		ck_assert_int_eq(journal_format_entry(&e, &rec, &len), 0);
		jbuf_add(&b, rec, len);
		free(rec);
	}
	jbuf_add(&b, "", 1);
	return b.s;
}

/*
 * Two merges at once, both started while the journal was locked, as when
 * each has read the other copy before either writes: each record once.
 * Before the merge was decided under the lock, both read the journal
 * before it and every record came twice.
 */
START_TEST(test_merge_concurrent)
{
	struct jmerge	 res;
	char		*dir, *path, *other, *text, *lock;
	pid_t		 pid[2];
	int		 i, lfd, status;
	struct timespec	 ts = { 0, 200 * 1000 * 1000 };

	dir = newdir();
	path = pathof(dir, "journal");
	other = pathof(dir, "other");
	text = many_entries(200, "merged");
	put_file(other, text, strlen(text));
	put_file(path, S(JOURNAL_MAGIC "\n" ONE));
	ck_assert_int_ne(lfd = journal_lock(path), -1);
	for (i = 0; i < 2; i++) {
		ck_assert_int_ne(pid[i] = fork(), -1);
		if (pid[i] == 0) {
			/* The lock is the parent's, not its children's. */
			close(lfd);
			_exit(journal_merge(path, other, 0, NULL, NULL,
			    &res) == 0 && res.added + res.had == 200 ? 0 : 1);
		}
	}
	nanosleep(&ts, NULL);
	close(lfd);
	for (i = 0; i < 2; i++) {
		ck_assert_int_eq(waitpid(pid[i], &status, 0), pid[i]);
		ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	}
	ck_assert_uint_eq(count_of(path, "%%entry "), 201);
	/* A third adds nothing. */
	ck_assert_int_eq(journal_merge(path, other, 0, no_problem, NULL,
	    &res), 0);
	ck_assert_uint_eq(res.added, 0);
	ck_assert_uint_eq(res.had, 200);
	lock = pathof(dir, "journal.lock");
	ck_assert_int_eq(access(lock, F_OK), 0);
	free(lock);
	free(text);
	free(other);
	free(path);
	free(dir);
}
END_TEST

/*
 * Delete, edit, compact, merge an older copy: the deleted entry and the
 * old text stay gone, either way round.  Compaction keeps a tombstone for
 * each entry it drops; before, it dropped them with the entries, and the
 * older copy brought both back.
 */
START_TEST(test_merge_dead_stay_dead)
{
	static const char old[] = JOURNAL_MAGIC "\n" ONE TWO THREE;
	static const char compacted[] = JOURNAL_MAGIC "\n" THREE DEL_ONE
	    AGAIN_DEL AGAIN;
	struct jrewrite	 rw;
	struct jmerge	 res;
	char		*dir, *path, *copy, ids[256];

	dir = newdir();
	path = pathof(dir, "journal");
	copy = pathof(dir, "old");
	put_file(copy, S(old));
	put_file(path, S(JOURNAL_MAGIC "\n" ONE TWO THREE DEL_ONE AGAIN));
	ck_assert_int_eq(journal_rewrite(path, JREWRITE_COMPACT, NULL, &rw),
	    0);
	ck_assert_uint_eq(rw.dropped, 2);
	is_file(path, S(compacted));
	ck_assert_int_eq(journal_merge(path, copy, 0, no_problem, NULL, &res),
	    0);
	ck_assert_uint_eq(res.added, 0);
	ck_assert_uint_eq(res.had, 1);
	ck_assert_uint_eq(res.dead, 2);
	is_file(path, S(compacted));
	live_ids(path, ids, sizeof(ids));
	ck_assert_str_eq(ids, "aaaa000003 aaaa000005");
	/* The older copy merges the compacted one. */
	ck_assert_int_eq(journal_merge(copy, path, 0, no_problem, NULL, &res),
	    0);
	ck_assert_uint_eq(res.added, 3);
	live_ids(copy, ids, sizeof(ids));
	ck_assert_str_eq(ids, "aaaa000003 aaaa000005");
	/* Compacted, the two copies are the same. */
	ck_assert_int_eq(journal_rewrite(copy, JREWRITE_COMPACT, NULL, &rw),
	    0);
	is_file(copy, S(JOURNAL_MAGIC "\n" THREE DEL_ONE AGAIN_DEL AGAIN));
	free(copy);
	free(path);
	free(dir);
}
END_TEST

/*
 * What merge offers and counts: a journal made where there was none,
 * records of unknown kinds by their bytes, unreadable ones told and left
 * out, and no lock with JMERGE_UNLOCKED, for a merge driver's file.
 */
START_TEST(test_merge_counts)
{
	static const char other[] = JOURNAL_MAGIC "\n" ONE "stray text\n"
	    SEALED ONE TWO;
	struct jmerge	 res;
	size_t		 problems = 0;
	char		*dir, *path, *from;

	dir = newdir();
	path = pathof(dir, "sub/journal");
	from = pathof(dir, "other");
	put_file(from, S(other));
	ck_assert_int_eq(journal_merge(path, from, JMERGE_UNLOCKED,
	    count_problem, &problems, &res), 0);
	ck_assert_uint_eq(res.added, 3);
	ck_assert_uint_eq(res.had, 1);
	ck_assert_uint_eq(res.problems, 1);
	ck_assert_uint_eq(problems, 1);
	ck_assert_ptr_null(res.failed);
	is_file(path, S(JOURNAL_MAGIC "\n" ONE SEALED TWO));
	free(path);
	path = pathof(dir, "sub/journal.lock");
	ck_assert_int_eq(access(path, F_OK), -1);
	free(path);
	path = pathof(dir, "sub/journal");
	ck_assert_int_eq(journal_merge(path, from, 0, count_problem,
	    &problems, &res), 0);
	ck_assert_uint_eq(res.added, 0);
	ck_assert_uint_eq(res.had, 4);
	free(from);
	free(path);
	free(dir);
}
END_TEST

/* A failed merge says which file failed, and writes nothing. */
START_TEST(test_merge_fails)
{
	static const char notes[] = "# Notes\n\nNot a journal.\n";
	struct jmerge	 res;
	char		*dir, *path, *from;

	dir = newdir();
	path = pathof(dir, "notes.md");
	from = pathof(dir, "other");
	put_file(path, S(notes));
	errno = 0;
	ck_assert_int_eq(journal_merge(path, from, 0, NULL, NULL, &res), -1);
	ck_assert_int_eq(errno, ENOENT);
	ck_assert_ptr_eq(res.failed, from);
	errno = 0;
	ck_assert_int_eq(journal_merge(path, dir, 0, NULL, NULL, &res), -1);
	ck_assert_int_eq(errno, EISDIR);
	ck_assert_ptr_eq(res.failed, dir);
	put_file(from, S(JOURNAL_MAGIC "\n" ONE));
	errno = 0;
	ck_assert_int_eq(journal_merge(path, from, 0, NULL, NULL, &res), -1);
	ck_assert_int_eq(errno, EBADMSG);
	ck_assert_ptr_eq(res.failed, path);
	ck_assert_uint_eq(res.added, 0);
	is_file(path, S(notes));
	free(from);
	free(path);
	free(dir);
}
END_TEST

/*
 * Imported entries merged from memory: one offered twice is added once,
 * and one that the journal deleted is not added again.
 */
START_TEST(test_merge_mem)
{
	struct jmerge	 res;
	char		*dir, *path;

	dir = newdir();
	path = pathof(dir, "journal");
	put_file(path, S(JOURNAL_MAGIC "\n" DEL_ONE));
	ck_assert_int_eq(journal_merge_mem(path, NULL, "imported", S(ONE TWO TWO),
	    0, no_problem, NULL, &res), 0);
	ck_assert_uint_eq(res.added, 1);
	ck_assert_uint_eq(res.had, 1);
	ck_assert_uint_eq(res.dead, 1);
	is_file(path, S(JOURNAL_MAGIC "\n" DEL_ONE TWO));
	free(path);
	free(dir);
}
END_TEST

/*
 * Every record twice, byte for byte, as two merges at once used to leave
 * them: compaction and repair write each once, the first.
 */
START_TEST(test_rewrite_folds)
{
	static const char twice[] = JOURNAL_MAGIC "\n" ONE TWO DEL_ONE
	    SEALED ONE TWO DEL_ONE SEALED;
	struct jrewrite	 res;
	char		*dir, *path, *side;

	dir = newdir();
	path = pathof(dir, "journal");
	side = pathof(dir, "journal.rejected");
	put_file(path, S(twice));
	ck_assert_int_eq(journal_rewrite(path, JREWRITE_REPAIR, side, &res),
	    0);
	ck_assert_uint_eq(res.dropped, 0);
	ck_assert_uint_eq(res.folded, 4);
	is_file(path, S(JOURNAL_MAGIC "\n" ONE TWO DEL_ONE SEALED));
	ck_assert_int_eq(access(side, F_OK), -1);
	put_file(path, S(twice));
	ck_assert_int_eq(journal_rewrite(path, JREWRITE_COMPACT, NULL, &res),
	    0);
	ck_assert_uint_eq(res.dropped, 2);
	ck_assert_uint_eq(res.folded, 3);
	is_file(path, S(JOURNAL_MAGIC "\n" TWO DEL_ONE SEALED));
	/* Records of the same id but other bytes are both kept. */
	put_file(path, S(JOURNAL_MAGIC "\n" ONE
	    "%%entry 2026-11-02 aaaa000001\none\n"
	    "%%end aaaa000001 4 f817a89f\n"));
	ck_assert_int_eq(journal_rewrite(path, JREWRITE_COMPACT, NULL, &res),
	    0);
	ck_assert_uint_eq(res.folded, 0);
	ck_assert_uint_eq(count_of(path, "%%entry "), 2);
	free(side);
	free(path);
	free(dir);
}
END_TEST

/*
 * What is not rewritten, and left as it was with nothing beside it: a
 * file that is not a journal (EBADMSG), a journal of two names (EMLINK),
 * whose rename would leave the other name on the old file, and a journal
 * that does not exist (ENOENT), for which no lock is made either.
 */
START_TEST(test_rewrite_not_rewritten)
{
	static const char notes[] = "# Notes\n\nNot a journal at all.\n";
	static const char journal[] = JOURNAL_MAGIC "\n" ONE DEL_ONE;
	struct jrewrite	 res;
	struct stat	 a, b;
	char		*dir, *path, *side, *second;

	dir = newdir();
	path = pathof(dir, "notes.md");
	side = pathof(dir, "notes.md.rejected");
	put_file(path, S(notes));
	errno = 0;
	ck_assert_int_eq(journal_rewrite(path, JREWRITE_REPAIR, side, &res),
	    -1);
	ck_assert_int_eq(errno, EBADMSG);
	errno = 0;
	ck_assert_int_eq(journal_rewrite(path, JREWRITE_COMPACT, NULL, &res),
	    -1);
	ck_assert_int_eq(errno, EBADMSG);
	is_file(path, S(notes));
	/* The notes and their lock. */
	ck_assert_uint_eq(check_dir_entries(dir), 2);
	free(side);
	free(path);
	free(dir);

	dir = newdir();
	path = pathof(dir, "journal");
	second = pathof(dir, "second name");
	put_file(path, S(journal));
	ck_assert_int_eq(link(path, second), 0);
	errno = 0;
	ck_assert_int_eq(journal_rewrite(path, JREWRITE_COMPACT, NULL, &res),
	    -1);
	ck_assert_int_eq(errno, EMLINK);
	is_file(path, S(journal));
	ck_assert_int_eq(stat(path, &a), 0);
	ck_assert_int_eq(stat(second, &b), 0);
	ck_assert(a.st_ino == b.st_ino && a.st_nlink == 2);
	ck_assert_uint_eq(check_dir_entries(dir), 3);
	free(second);
	free(path);
	free(dir);

	dir = newdir();
	path = pathof(dir, "journal");
	errno = 0;
	ck_assert_int_eq(journal_rewrite(path, JREWRITE_COMPACT, NULL, &res),
	    -1);
	ck_assert_int_eq(errno, ENOENT);
	ck_assert_uint_eq(check_dir_entries(dir), 0);
	free(path);
	free(dir);
}
END_TEST

/* A journal cut in its version line, as its creation killed leaves it. */
START_TEST(test_rewrite_torn_version)
{
	struct jrewrite	 res;
	char		*dir, *path;

	dir = newdir();
	path = pathof(dir, "journal");
	put_file(path, S("%%jour"));
	ck_assert_int_eq(journal_rewrite(path, JREWRITE_REPAIR, NULL, &res),
	    0);
	put_file(path, "", 0);
	ck_assert_int_eq(journal_rewrite(path, JREWRITE_COMPACT, NULL, &res),
	    0);
	is_file(path, S(JOURNAL_MAGIC "\n"));
	free(path);
	free(dir);
}
END_TEST

/*
 * Rewrites killed at random moments leave the journal whole and no copy
 * of it: where the new journal has no name until it is renamed into
 * place, none; else at most JOURNAL.tmp, which the next rewrite removes.
 * Before, each kill could leave a whole JOURNAL.XXXXXX.
 */
START_TEST(test_rewrite_killed)
{
	struct jrewrite	 res;
	struct timespec	 ts;
	char		*dir, *path, *text, *tmp, *lock;
	pid_t		 pid;
	int		 i, status;

	dir = newdir();
	path = pathof(dir, "journal");
	tmp = pathof(dir, "journal.tmp");
	lock = pathof(dir, "journal.lock");
	text = many_entries(20000, "kept");
	put_file(path, text, strlen(text));
	for (i = 0; i < 10; i++) {
		ck_assert_int_ne(pid = fork(), -1);
		if (pid == 0)
			_exit(journal_rewrite(path, i % 2 == 0 ?
			    JREWRITE_COMPACT : JREWRITE_REPAIR, NULL, &res) ==
			    0 ? 0 : 1);
		ts.tv_sec = 0;
		ts.tv_nsec = (long)(i + 1) * 3 * 1000 * 1000;
		nanosleep(&ts, NULL);
		kill(pid, SIGKILL);
		ck_assert_int_eq(waitpid(pid, &status, 0), pid);
		ck_assert(WIFSIGNALED(status) || WEXITSTATUS(status) == 0);
		is_file(path, text, strlen(text));
		/*
		 * The journal, its lock unless the kill came before the lock
		 * was made, perhaps JOURNAL.tmp, and nothing else.
		 */
		ck_assert_uint_eq(check_dir_entries(dir), 1 +
		    (access(lock, F_OK) == 0) + (access(tmp, F_OK) == 0));
	}
	ck_assert_int_eq(journal_rewrite(path, JREWRITE_COMPACT, NULL, &res),
	    0);
	is_file(path, text, strlen(text));
	ck_assert_uint_eq(check_dir_entries(dir), 2);
	free(text);
	free(lock);
	free(tmp);
	free(path);
	free(dir);
}
END_TEST

static Suite *
jfile_suite(void)
{
	Suite	*s;
	TCase	*tc;

	s = suite_create("jfile");

	tc = tcase_create("merge");
	tcase_add_test(tc, test_merge_concurrent);
	tcase_add_test(tc, test_merge_dead_stay_dead);
	tcase_add_test(tc, test_merge_counts);
	tcase_add_test(tc, test_merge_fails);
	tcase_add_test(tc, test_merge_mem);
	suite_add_tcase(s, tc);

	tc = tcase_create("rewrite");
	tcase_add_test(tc, test_rewrite_folds);
	tcase_add_test(tc, test_rewrite_not_rewritten);
	tcase_add_test(tc, test_rewrite_torn_version);
	tcase_add_test(tc, test_rewrite_killed);
	tcase_set_timeout(tc, 60);
	suite_add_tcase(s, tc);

	return s;
}

int
main(void)
{
	return check_run("check_jfile", jfile_suite(), NULL);
}
