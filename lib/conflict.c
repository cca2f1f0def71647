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
 * conflict.c: the conflict copies that file synchronisers leave beside a
 * file that two machines changed at once.  Each tool renames the losing
 * version by putting a marker between the stem of the name and its
 * extension, and a copy of a copy gets a second marker after the first:
 *
 *	Syncthing	journal.sync-conflict-20261125-120000-ABCDEFG
 *			(stem, ".sync-conflict-", local date and time, the
 *			first 7 characters of the device id, extension;
 *			the extension starts at the last dot, even one
 *			that starts the name)
 *	Nextcloud	journal (conflicted copy 2026-11-25 120000)
 *	and ownCloud	journal (conflicted copy alice 2026-11-25 120000)
 *			(since 2.5; the user has no parentheses; a name
 *			that starts with its only dot has no extension)
 *			journal_conflict-20261125-120000
 *			journal_conflict_alice-20261125-120000 (before)
 *	Dropbox		journal (alice's conflicted copy 2026-11-25)
 *			journal (alice's conflicted copy 2026-11-25 (1))
 *
 * Only names are looked at: one readdir of the directory, no stat.  A
 * copy is folded back into the journal by conflict_fold(), and git's two
 * sides of a journal changed on both are merged by conflict_resolve().
 */

#include "config.h"

#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "rapport.h"

static const char *lit(const char *, const char *, const char *);
static const char *lit_nocase(const char *, const char *, const char *);
static const char *digits(const char *, const char *, size_t);
static const char *stamp(const char *, const char *);
static const char *syncthing_marker(const char *, const char *);
static const char *owncloud_marker(const char *, const char *);
static const char *copy_tail(const char *, const char *);
static const char *copy_marker(const char *, const char *);
static bool	 markers(const char *, const char *);
static bool	 split_matches(const char *, size_t, const char *, size_t,
		    size_t);
static bool	 copy_of(const char *, size_t, size_t, const char *);
static int	 cmp_path(const void *, const void *);
static int	 open_journal_file(const char *);
static int	 flush_file(const char *);

/* Past the literal text w at s, or NULL when s, up to e, does not start so. */
static const char *
lit(const char *s, const char *e, const char *w)
{
	size_t	 n;

	n = strlen(w);
	if ((size_t)(e - s) < n || memcmp(s, w, n) != 0)
		return NULL;
	return s + n;
}

/* As lit(), ignoring the case of ASCII letters: "Conflicted copy". */
static const char *
lit_nocase(const char *s, const char *e, const char *w)
{
	size_t	 n;

	n = strlen(w);
	if ((size_t)(e - s) < n || strncasecmp(s, w, n) != 0)
		return NULL;
	return s + n;
}

/* Past n ASCII digits at s, or NULL. */
static const char *
digits(const char *s, const char *e, size_t n)
{
	if ((size_t)(e - s) < n)
		return NULL;
	for (; n > 0; n--, s++)
		if (*s < '0' || *s > '9')
			return NULL;
	return s;
}

/* Past a date and time written YYYYMMDD-hhmmss, or NULL. */
static const char *
stamp(const char *s, const char *e)
{
	if ((s = digits(s, e, 8)) == NULL || (s = lit(s, e, "-")) == NULL)
		return NULL;
	return digits(s, e, 6);
}

/* Syncthing's ".sync-conflict-YYYYMMDD-hhmmss-DEVICE". */
static const char *
syncthing_marker(const char *s, const char *e)
{
	int	 i;

	if ((s = lit(s, e, ".sync-conflict-")) == NULL ||
	    (s = stamp(s, e)) == NULL || (s = lit(s, e, "-")) == NULL ||
	    e - s < 7)
		return NULL;
	for (i = 0; i < 7; i++, s++)
		if ((*s < 'A' || *s > 'Z') && (*s < '0' || *s > '9'))
			return NULL;
	return s;
}

/*
 * The ownCloud client's marker before version 2.5:
 * "_conflict-YYYYMMDD-hhmmss", or "_conflict_USER-YYYYMMDD-hhmmss".
 */
static const char *
owncloud_marker(const char *s, const char *e)
{
	const char	*p, *end;

	if ((p = lit(s, e, "_conflict-")) != NULL)
		return stamp(p, e);
	if ((s = lit(s, e, "_conflict_")) == NULL)
		return NULL;
	for (p = s + 1; p < e; p++)
		if (*p == '-' && (end = stamp(p + 1, e)) != NULL)
			return end;
	return NULL;
}

/*
 * The end of a "conflicted copy" marker, from the day on, up to e:
 * "YYYY-MM-DD", Nextcloud's " hhmmss" after it, Dropbox's " (N)" for a
 * second copy of the same day, and the closing parenthesis.
 */
static const char *
copy_tail(const char *s, const char *e)
{
	const char	*p;

	if ((s = digits(s, e, 4)) == NULL || (s = lit(s, e, "-")) == NULL ||
	    (s = digits(s, e, 2)) == NULL || (s = lit(s, e, "-")) == NULL ||
	    (s = digits(s, e, 2)) == NULL)
		return NULL;
	if ((p = lit(s, e, " ")) != NULL && (p = digits(p, e, 6)) != NULL)
		s = p;
	if ((p = lit(s, e, " (")) != NULL && (p = digits(p, e, 1)) != NULL) {
		while (p < e && *p >= '0' && *p <= '9')
			p++;
		if ((p = lit(p, e, ")")) != NULL)
			s = p;
	}
	return lit(s, e, ")");
}

/*
 * Nextcloud's and Dropbox's " (... conflicted copy ...)": either
 * " (conflicted copy [USER ]DAY[ TIME])", USER without parentheses, or
 * " (WHO's conflicted copy DAY[ (N)])", with a straight or a typographic
 * apostrophe.
 */
static const char *
copy_marker(const char *s, const char *e)
{
	const char	*p, *q, *end;

	if ((s = lit(s, e, " (")) == NULL)
		return NULL;
	if ((p = lit_nocase(s, e, "conflicted copy ")) == NULL) {
		for (q = s + 1; q < e && *q != '(' && *q != ')'; q++)
			if (((p = lit(q, e, "'s ")) != NULL ||
			    (p = lit(q, e, "\xe2\x80\x99s ")) != NULL) &&
			    (p = lit_nocase(p, e, "conflicted copy ")) != NULL)
				break;
		if (p == NULL)
			return NULL;
	}
	/* The user name, if any, ends with a space before the day. */
	for (q = p; q < e && *q != '(' && *q != ')'; q++)
		if ((q == p || q[-1] == ' ') && (end = copy_tail(q, e)) != NULL)
			return end;
	return NULL;
}

/* Whether s, up to e, is one marker or more and nothing else. */
static bool
markers(const char *s, const char *e)
{
	const char	*p;

	if (s == e)
		return false;
	while (s < e) {
		if ((p = syncthing_marker(s, e)) == NULL &&
		    (p = copy_marker(s, e)) == NULL &&
		    (p = owncloud_marker(s, e)) == NULL)
			return false;
		s = p;
	}
	return true;
}

/*
 * Whether name is base with markers between the first stem bytes of
 * base and the rest of it, its extension.
 */
static bool
split_matches(const char *base, size_t blen, const char *name, size_t nlen,
    size_t stem)
{
	size_t	 ext;

	ext = blen - stem;
	if (nlen <= blen || memcmp(name, base, stem) != 0 ||
	    memcmp(name + nlen - ext, base + stem, ext) != 0)
		return false;
	return markers(name + stem, name + nlen - ext);
}

/*
 * Whether name, a file name without a directory, is that of a conflict
 * copy of base, made by Syncthing, Nextcloud, ownCloud or Dropbox.  The
 * markers go before the extension, where the last dot starts one, or at
 * the end: both places are tried, which covers each tool's idea of where
 * the extension of a name such as ".journal" starts.
 */
bool
conflict_name(const char *base, const char *name)
{
	const char	*dot;
	size_t		 blen;

	blen = strlen(base);
	dot = strrchr(base, '.');
	return copy_of(base, blen, dot == NULL ? blen : (size_t)(dot - base),
	    name);
}

/* conflict_name(), with the length of base and of its stem worked out. */
static bool
copy_of(const char *base, size_t blen, size_t stem, const char *name)
{
	size_t	 nlen;

	/* Most names of a directory differ from the base at once. */
	if (stem > 0 && name[0] != base[0])
		return false;
	nlen = strlen(name);
	return split_matches(base, blen, name, nlen, stem) ||
	    (stem < blen && split_matches(base, blen, name, nlen, blen));
}

static int
cmp_path(const void *a, const void *b)
{
	return strcmp(*(char * const *)a, *(char * const *)b);
}

/*
 * The conflict copies beside a file, as allocated paths sorted by name
 * (Syncthing's then sort oldest first), in *pathsp and their number in
 * *np; conflict_free() frees them.  A file reached through a symbolic
 * link is looked for beside its target, where a synchroniser renames it.
 * Returns 0, or -1 with errno when the directory cannot be read.
 */
int
conflict_list(const char *path, char ***pathsp, size_t *np)
{
	struct dirent	 *de;
	DIR		 *dp;
	const char	 *dot;
	char		 *real, *base, *dir, **paths = NULL;
	size_t		  n = 0, blen, stem;
	int		  saved;

	*pathsp = NULL;
	*np = 0;
	if ((real = realpath(path, NULL)) == NULL) {
		if (errno != ENOENT)
			return -1;
		real = xstrdup(path);
	}
	if ((base = strrchr(real, '/')) == NULL) {
		base = real;
		dir = ".";
	} else {
		*base++ = '\0';
		dir = base - 1 == real ? "/" : real;
	}
	blen = strlen(base);
	stem = (dot = strrchr(base, '.')) == NULL ? blen : (size_t)(dot - base);
	if ((dp = opendir(dir)) == NULL) {
		saved = errno;
		free(real);
		errno = saved;
		return -1;
	}
	for (;;) {
		errno = 0;
		if ((de = readdir(dp)) == NULL)
			break;
		if (!copy_of(base, blen, stem, de->d_name))
			continue;
		paths = xreallocarray(paths, n + 1, sizeof(*paths));
		paths[n++] = strcmp(dir, "/") == 0 ?
		    path_join("", de->d_name) : path_join(dir, de->d_name);
	}
	saved = errno;
	closedir(dp);
	free(real);
	if (saved != 0) {
		conflict_free(paths, n);
		errno = saved;
		return -1;
	}
	if (n > 1)
		qsort(paths, n, sizeof(*paths), cmp_path);
	*pathsp = paths;
	*np = n;
	return 0;
}

/* Free what conflict_list() returned. */
void
conflict_free(char **paths, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		free(paths[i]);
	free(paths);
}

/*
 * Open a file that must be a journal, to read: a regular file, empty or
 * starting with a version line (journal_check_version()), else EBADMSG.
 */
static int
open_journal_file(const char *path)
{
	struct stat	 st;
	int		 fd, saved;

	if ((fd = file_open_regular(path, &st)) == -1)
		return -1;
	if (journal_check_version(fd) == -1) {
		saved = errno;
		close(fd);
		errno = saved;
		return -1;
	}
	return fd;
}

/* Flush a file to the disk; one that is not there has nothing to flush. */
static int
flush_file(const char *path)
{
	int	 fd, rv, saved;

	if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)) == -1)
		return errno == ENOENT ? 0 : -1;
	rv = fsync(fd);
	saved = errno;
	close(fd);
	errno = saved;
	return rv;
}

/*
 * Fold a conflict copy back into the journal at path: its records merged
 * under the lock (journal_merge(), problem told of those that cannot be
 * read), then the journal flushed to the disk, and only then the copy
 * removed, so that killed at any point every record is in the journal or
 * still in the copy, which a second run merges again to no effect.
 * Returns 0 when the copy was merged and removed; 1 when it was merged
 * but kept, since some of its records cannot be read (res->problems), for
 * them to be looked at; -1 with errno and res->failed naming the file,
 * the copy kept: EBADMSG for a copy that is not a journal, which is not
 * merged, and the errors of journal_merge() and of the removal.
 */
int
conflict_fold(const char *path, const char *copy, jproblem_fn *problem,
    void *arg, struct jmerge *res)
{
	int	 fd;

	memset(res, 0, sizeof(*res));
	res->failed = copy;
	if ((fd = open_journal_file(copy)) == -1)
		return -1;
	close(fd);
	if (journal_merge(path, copy, 0, problem, arg, res) == -1)
		return -1;
	if (res->problems > 0)
		return 1;
	/*
	 * What the merge appended is flushed already; what the journal held
	 * before may not be, if it was copied in by hand.
	 */
	res->failed = path;
	if (flush_file(path) == -1)
		return -1;
	res->failed = copy;
	if (unlink(copy) == -1)
		return -1;
	file_sync_dir(copy);
	res->failed = NULL;
	return 0;
}

/*
 * Resolve, as git's merge driver, a journal that both sides of a merge
 * changed: the records of theirs merged into a copy of ours
 * (journal_merge(), without the lock, since both are git's temporary
 * files), and the copy put in the place of ours by file_replace_commit(),
 * so that ours is either as it was or merged.  Returns 0, or -1 with
 * errno and res->failed naming the file, ours left as it was: EBADMSG for
 * a side that is not a journal, and for records of theirs that cannot be
 * read (res->problems), which the merge would leave out.
 */
int
conflict_resolve(const char *ours, const char *theirs, jproblem_fn *problem,
    void *arg, struct jmerge *res)
{
	struct file_replace	 fr;
	struct stat		 st;
	char			*buf = NULL;
	size_t			 len;
	int			 fd, saved;

	memset(res, 0, sizeof(*res));
	res->failed = theirs;
	if ((fd = open_journal_file(theirs)) == -1)
		return -1;
	close(fd);
	res->failed = ours;
	if ((fd = open_journal_file(ours)) == -1)
		return -1;
	if (fstat(fd, &st) == -1 ||
	    file_read_fd(fd, &st, NULL, 0, &buf, &len) == -1) {
		saved = errno;
		close(fd);
		errno = saved;
		return -1;
	}
	close(fd);
	/* The merge opens the copy by its name. */
	if (file_replace_open(&fr, ours, st.st_mode & 07777,
	    FILE_REPLACE_SYNC | FILE_REPLACE_NAMED) == -1)
		goto fail;
	if ((len > 0 && fwrite(buf, 1, len, fr.fp) != len) ||
	    fflush(fr.fp) == EOF)
		goto abort;
	if (journal_merge(fr.tmp, theirs, JMERGE_UNLOCKED, problem, arg,
	    res) == -1) {
		if (res->failed == fr.tmp)
			res->failed = ours;
		goto abort;
	}
	if (res->problems > 0) {
		res->failed = theirs;
		errno = EBADMSG;
		goto abort;
	}
	res->failed = ours;
	if (file_replace_commit(&fr) == -1)
		goto fail;
	res->failed = NULL;
	free(buf);
	return 0;
abort:
	file_replace_abort(&fr);
fail:
	saved = errno;
	free(buf);
	errno = saved;
	return -1;
}
