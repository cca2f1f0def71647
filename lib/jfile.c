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
 * jfile.c: the journal as a file: the lock every writer takes, appends
 * that never read or rewrite the journal, and what the rewrites of
 * compaction and repair, which replace it whole (jrewrite.c), check and
 * gather first.
 */

#include "config.h"

#include <sys/file.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rapport.h"

static int	 check_journal(const char *);
static int	 seal_for(const char *, const char *, size_t, char **,
		    size_t *);
static bool	 key_beside(const char *);
static int	 append(const char *, const char *, size_t, bool);
static char	*lock_path(const char *);

/*
 * The side file, the lock or the rejected records, that the last writer
 * could not open, and why (file_open_side): errno alone names no file.
 */
static char	*failed_side;
static int	 failed_problem;

/*
 * Refuse, before its lock is made, what cannot be the user's journal: a
 * directory (EISDIR) or another kind of file (EINVAL), another user's
 * journal or one that others may write (EPERM), a symbolic link that
 * another user may have put there (ELOOP, see file_link_trusted), and one
 * to no file (ENOENT).  A journal that does not exist yet passes.
 */
static int
check_journal(const char *path)
{
	struct stat	 st;

	if (lstat(path, &st) == -1)
		return errno == ENOENT ? 0 : -1;
	if (S_ISLNK(st.st_mode)) {
		if (!file_link_trusted(path, &st)) {
			errno = ELOOP;
			return -1;
		}
		if (stat(path, &st) == -1)
			return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		errno = S_ISDIR(st.st_mode) ? EISDIR : EINVAL;
		return -1;
	}
	if (file_private(&st) != 0) {
		errno = EPERM;
		return -1;
	}
	return 0;
}

/*
 * The lock beside the journal, JOURNAL.lock, taken by every writer.  It
 * stays put when compaction renames a new journal over the old one, and a
 * journal reached through a symbolic link is locked where it really is.
 */
static char *
lock_path(const char *path)
{
	char	*real, *lock;

	if ((real = realpath(path, NULL)) != NULL) {
		xasprintf(&lock, "%s.lock", real);
		free(real);
	} else
		xasprintf(&lock, "%s.lock", path);
	return lock;
}

/* Flush a side file to the disk and close it; -1 on failure. */
int
journal_close_side(FILE *fp)
{
	int	 rv = 0, saved;

	if (fflush(fp) == EOF || fsync(fileno(fp)) == -1)
		rv = -1;
	saved = errno;
	if (fclose(fp) == EOF)
		return -1;
	errno = saved;
	return rv;
}

/*
 * Open a side file as file_open_side() does, remembering a failure for
 * journal_side_failed().
 */
int
journal_open_side(const char *path, int flags)
{
	int	 fd, problem, saved;

	if ((fd = file_open_side(path, flags, &problem)) == -1) {
		saved = errno;
		free(failed_side);
		failed_side = xstrdup(path);
		failed_problem = problem;
		errno = saved;
	}
	return fd;
}

/*
 * The side file that made the last journal_lock(), journal_append() or
 * journal_rewrite() fail, with the problem file_side_advice() explains in
 * *problemp (0 when errno says it), or NULL when the failure was not a
 * side file's.
 */
const char *
journal_side_failed(int *problemp)
{
	*problemp = failed_problem;
	return failed_side;
}

/*
 * Take the journal's lock; returns its descriptor, or -1.  The journal is
 * checked first (check_journal), so that no lock is made for what cannot
 * be written.  The lock is a side file (file_open_side): one that another
 * user made, who could hold it for ever, is refused at once, and one of
 * the user's own is waited for, as another writer of theirs holds it.
 */
int
journal_lock(const char *path)
{
	struct stat	 st, now;
	char		*lock;
	int		 fd, rv, saved;

	free(failed_side);
	failed_side = NULL;
	failed_problem = 0;
	if (check_journal(path) == -1)
		return -1;
	lock = lock_path(path);
	for (;;) {
		if ((fd = journal_open_side(lock, O_RDWR)) == -1)
			break;
		while ((rv = flock(fd, LOCK_EX)) == -1 && errno == EINTR)
			;
		/*
		 * A lock file removed while we waited is no longer the one
		 * that the next writer takes: take that one instead.
		 */
		if (rv == 0 && fstat(fd, &st) == 0 && lstat(lock, &now) == 0 &&
		    st.st_dev == now.st_dev && st.st_ino == now.st_ino)
			break;
		saved = errno;
		close(fd);
		if (rv == -1) {
			errno = saved;
			fd = -1;
			break;
		}
	}
	saved = errno;
	free(lock);
	errno = saved;
	return fd;
}

/*
 * Append a record to a journal without reading or rewriting it, under
 * its lock, as journal_append_locked() does.
 */
int
journal_append(const char *path, const char *rec, size_t len)
{
	int	 lfd, rv, saved;

	if (file_make_dirs(path) == -1 || (lfd = journal_lock(path)) == -1)
		return -1;
	rv = journal_append_locked(path, rec, len);
	saved = errno;
	close(lfd);
	errno = saved;
	return rv;
}

/*
 * Append a record to a journal whose lock (journal_lock) the caller
 * holds, as one that read the journal under it to decide what to append:
 * with O_APPEND, JOURNAL_TORN_MARK and a newline first if the file does
 * not end in one (a torn last line must neither swallow the new record
 * nor read as complete, as a tombstone would), the whole record in one
 * write loop, then fsync, and the directory's too when the file is new.
 * A new journal is created 0600, with O_EXCL, so that nothing put at its
 * path is followed, and starts with its version line; the missing
 * directories above it must have been made (file_make_dirs).  A symbolic
 * link at its path is followed only as file_link_trusted() says, else it
 * fails with ELOOP.  On a failed write the file is cut back to the size
 * it had, so that it is left as it was.  A journal of another user, or
 * one that others may write (file_private), fails with EPERM, and one of
 * a later version with ENOTSUP.
 */
int
journal_append_locked(const char *path, const char *rec, size_t len)
{
	return append(path, rec, len, false);
}

/*
 * Append lines of a sealed journal, sealed already, to the sealed
 * journal at path, under its lock: merging copies needs no key.
 */
int
journal_append_sealed_locked(const char *path, const char *lines,
    size_t len)
{
	return append(path, lines, len, true);
}

/*
 * Seal the records rec of len bytes to the write key of the key file of
 * the journal at path, into *sealed (allocated).
 */
static int
seal_for(const char *path, const char *rec, size_t len, char **sealed,
    size_t *sealedlen)
{
	struct jkeys	 keys;
	char		*keypath;
	int		 rv, saved;

	memset(&keys, 0, sizeof(keys));
	keypath = keyfile_path(path);
	if (keyfile_read(keypath, &keys) == -1) {
		saved = errno;
		free(keypath);
		keys_free(&keys);
		/* A sealed journal without its key is not written. */
		errno = saved == ENOENT ? ENOKEY : saved;
		return -1;
	}
	free(keypath);
	rv = seal_records(keys_writer(&keys), rec, len, sealed, sealedlen);
	saved = errno;
	keys_free(&keys);
	errno = saved;
	return rv;
}

/*
 * Whether a journal made at path now is to be sealed: its key file
 * exists.
 */
static bool
key_beside(const char *path)
{
	struct stat	 st;
	char		*keypath;
	bool		 exists;

	keypath = keyfile_path(path);
	exists = lstat(keypath, &st) == 0;
	free(keypath);
	return exists;
}

/*
 * Append rec to the journal at path under its lock: plain records, sealed
 * here when the journal is sealed, or with presealed the lines of a
 * sealed journal, which only a sealed journal takes.
 */
static int
append(const char *path, const char *rec, size_t len, bool presealed)
{
	struct stat	 st;
	char		 last, first[32], *sealed = NULL;
	size_t		 sealedlen;
	ssize_t		 n;
	off_t		 size;
	int		 fd, dfd, saved, flags;
	bool		 created = false, seal;

	flags = O_WRONLY | O_APPEND | O_NONBLOCK | O_CLOEXEC;
	fd = open(path, flags | O_CREAT | O_EXCL, 0600);
	if (fd != -1)
		created = true;
	else if (errno == EEXIST && (fd = open(path, flags | O_NOFOLLOW)) ==
	    -1 && errno == ELOOP && lstat(path, &st) == 0 &&
	    S_ISLNK(st.st_mode)) {
		/* A link is followed only if the user may have made it. */
		if (file_link_trusted(path, &st))
			fd = open(path, flags);
		else
			errno = ELOOP;
	}
	if (fd == -1)
		return -1;
	if (fstat(fd, &st) == -1)
		goto fail;
	if (!S_ISREG(st.st_mode)) {
		errno = EINVAL;
		goto fail;
	}
	/* Another's journal, or one others may write, is not written. */
	if (file_private(&st) != 0) {
		errno = EPERM;
		goto fail;
	}
	if ((flags = fcntl(fd, F_GETFL)) == -1 ||
	    fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) == -1)
		goto fail;
	size = st.st_size;
	if (created && fchmod(fd, 0600) == -1)
		goto undo;
	n = 0;
	last = '\n';
	if (size > 0) {
		/* O_APPEND ignores the offset; a second descriptor reads. */
		dfd = open(path, O_RDONLY | O_CLOEXEC);
		if (dfd == -1 || pread(dfd, &last, 1, size - 1) != 1 ||
		    (n = pread(dfd, first, sizeof(first), 0)) < 0) {
			saved = errno;
			if (dfd != -1)
				close(dfd);
			errno = saved;
			goto fail;
		}
		close(dfd);
	}
	/*
	 * An empty journal gets its version line, and one that is nothing
	 * but the start of it, as a crash while it was made leaves it, the
	 * rest of that line.
	 */
	seal = (size == 0 && key_beside(path)) ||
	    (n >= (ssize_t)sizeof(SEALED_MAGIC) && memcmp(first,
	    SEALED_MAGIC "\n", sizeof(SEALED_MAGIC)) == 0);
	if (presealed && !seal) {
		errno = EPROTOTYPE;
		goto fail;
	}
	/* A plain record never lands in a sealed journal. */
	if (seal && !presealed) {
		if (seal_for(path, rec, len, &sealed, &sealedlen) == -1)
			goto fail;
		rec = sealed;
		len = sealedlen;
	}
	if (size == 0 && seal) {
		if (file_write_all(fd, SEALED_MAGIC "\n",
		    sizeof(SEALED_MAGIC)) == -1)
			goto undo;
	} else if (size < (off_t)sizeof(JOURNAL_MAGIC) && n == size &&
	    memcmp(first, JOURNAL_MAGIC "\n", (size_t)n) == 0) {
		if (file_write_all(fd, &(JOURNAL_MAGIC "\n")[n],
		    sizeof(JOURNAL_MAGIC) - (size_t)n) == -1)
			goto undo;
	} else if (seal) {
		if (last != '\n' && file_write_all(fd, "\n", 1) == -1)
			goto undo;
	} else if (n >= 10 && memcmp(first, "%%journal ", 10) == 0 &&
	    (n < (ssize_t)sizeof(JOURNAL_MAGIC) || memcmp(first,
	    JOURNAL_MAGIC "\n", sizeof(JOURNAL_MAGIC)) != 0)) {
		/* A later version's journal is not ours to write to. */
		errno = ENOTSUP;
		goto fail;
	} else if (last != '\n' && file_write_all(fd, JOURNAL_TORN_MARK "\n",
	    sizeof(JOURNAL_TORN_MARK)) == -1)
		goto undo;
	if (file_write_all(fd, rec, len) == -1 || fsync(fd) == -1)
		goto undo;
	if (created)
		file_sync_dir(path);
	free(sealed);
	if (close(fd) == -1)
		return -1;
	return 0;
undo:
	saved = errno;
	if (ftruncate(fd, size) == -1 && created)
		unlink(path);
	else if (created && size == 0)
		unlink(path);
	errno = saved;
fail:
	saved = errno;
	free(sealed);
	close(fd);
	errno = saved;
	return -1;
}

/*
 * Whether a journal's lines end in CRLF, as a Windows editor or a copy
 * in text mode leaves them: its version line then reads as a later
 * version's, which a message must not say it is.
 */
bool
journal_crlf(const char *path)
{
	char	 first[sizeof(JOURNAL_MAGIC) + 1];
	ssize_t	 n;
	int	 fd;

	if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)) == -1)
		return false;
	n = read(fd, first, sizeof(first));
	close(fd);
	return n == (ssize_t)sizeof(first) &&
	    memcmp(first, JOURNAL_MAGIC "\r\n", sizeof(first)) == 0;
}

/*
 * Whether an open file may be taken for a journal, before it is rewritten
 * or merged into: empty, starting with a version line (of any version, as
 * the reader tells), or holding nothing but the start of one, as a crash
 * while it was created leaves it.  Anything else, such as notes that -f
 * named by mistake, fails with EBADMSG, and is left as it is.
 */
int
journal_check_version(int fd)
{
	char	 first[10];
	ssize_t	 n;

	if ((n = pread(fd, first, sizeof(first), 0)) == -1)
		return -1;
	if (memcmp(first, "%%journal ", (size_t)n) == 0)
		return 0;
	errno = EBADMSG;
	return -1;
}

/*
 * Add to a set the ids superseded or deleted in a journal, from where it
 * stands.  Entries that supersede nothing are passed over; an edit is
 * read whole, so that one that cannot be read, as one of invalid UTF-8,
 * supersedes nothing: its original is still listed, and compaction never
 * drops the only version that can be read.  -1 on a read error; the set
 * is the caller's to free either way.
 */
int
journal_dead_ids(FILE *fp, const char *path, struct idset *dead)
{
	struct jreader	 r;
	struct jevent	 ev;
	struct jskim	 sk;
	int		 rv;

	jreader_init(&r, path, fp);
	memset(&sk, 0, sizeof(sk));
	sk.level = JSKIM_PASS;
	jreader_skim(&r, &sk);
	while ((rv = jreader_next(&r, &ev)) == 1) {
		if (ev.kind == JREC_DELETE)
			idset_add(dead, str_hash(ev.entry.id, 0));
		else if (ev.kind == JREC_ENTRY &&
		    ev.entry.supersedes[0] != '\0')
			idset_add(dead, str_hash(ev.entry.supersedes, 0));
	}
	jreader_free(&r);
	if (rv == -1)
		return -1;
	idset_sort(dead);
	return 0;
}
