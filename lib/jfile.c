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
 * that never read or rewrite the journal, and the rewrites of compaction
 * and repair, which replace it whole.
 */

#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <libutil.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rapport.h"

static char	*lock_path(const char *);
static int	 put_record(FILE *, const char *, size_t);

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

/* Take the journal's lock; returns its descriptor, or -1. */
int
journal_lock(const char *path)
{
	char	*lock;
	int	 fd, saved;

	lock = lock_path(path);
	fd = flopen(lock, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	saved = errno;
	free(lock);
	errno = saved;
	return fd;
}

/*
 * Append a record to a journal without reading or rewriting it: under the
 * lock, with O_APPEND, JOURNAL_TORN_MARK and a newline first if the file
 * does not end in one (a torn last line must neither swallow the new
 * record nor read as complete, as a tombstone would), the whole record in
 * one write loop, then fsync, and the directory's too when the file is
 * new.  A new journal is created 0600 in directories of 0700 and starts
 * with its version line.  On a failed write the file is cut back to the
 * size it had, so that it is left as it was.  A journal of another user,
 * or one that others may write (file_private), fails with EPERM.
 */
int
journal_append(const char *path, const char *rec, size_t len)
{
	struct stat	 st;
	char		*dir, *slash, last, first[16];
	ssize_t		 n;
	off_t		 size;
	int		 fd = -1, lfd, dfd, saved, flags;
	bool		 created = false;

	/* What cannot be a journal is refused before any lock is made. */
	if (lstat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		if (!S_ISLNK(st.st_mode)) {
			errno = S_ISDIR(st.st_mode) ? EISDIR : EINVAL;
			return -1;
		}
		if (stat(path, &st) == -1)
			return -1;
		if (!S_ISREG(st.st_mode)) {
			errno = S_ISDIR(st.st_mode) ? EISDIR : EINVAL;
			return -1;
		}
	}
	if (file_make_dirs(path) == -1 || (lfd = journal_lock(path)) == -1)
		return -1;
	fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_EXCL | O_NONBLOCK |
	    O_CLOEXEC, 0600);
	if (fd != -1)
		created = true;
	else if (errno == EEXIST)
		fd = open(path, O_WRONLY | O_APPEND | O_NONBLOCK | O_CLOEXEC);
	if (fd == -1)
		goto fail;
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
	if (size < (off_t)sizeof(JOURNAL_MAGIC) && n == size &&
	    memcmp(first, JOURNAL_MAGIC "\n", (size_t)n) == 0) {
		if (file_write_all(fd, &(JOURNAL_MAGIC "\n")[n],
		    sizeof(JOURNAL_MAGIC) - (size_t)n) == -1)
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
	if (created) {
		dir = xstrdup(path);
		if ((slash = strrchr(dir, '/')) != NULL)
			*slash = '\0';
		if ((dfd = open(slash == NULL ? "." : dir, O_RDONLY |
		    O_DIRECTORY | O_CLOEXEC)) != -1) {
			fsync(dfd);
			close(dfd);
		}
		free(dir);
	}
	if (close(fd) == -1) {
		fd = -1;
		goto fail;
	}
	close(lfd);
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
	if (fd != -1)
		close(fd);
	close(lfd);
	errno = saved;
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

/*
 * Write a record, its last line ended as an append ends it if it lacks
 * its newline: with the mark, so that it still reads as torn.
 */
static int
put_record(FILE *fp, const char *raw, size_t len)
{
	if (fwrite(raw, 1, len, fp) != len)
		return -1;
	if (raw[len - 1] != '\n' && fputs(JOURNAL_TORN_MARK "\n", fp) == EOF)
		return -1;
	return 0;
}

/*
 * Rewrite a journal, as compaction and repair do: under the lock, through
 * file_replace_open() beside the real journal (a symbolic link is
 * followed) with its mode, flushed to disk, then renamed onto it and the
 * directory flushed.  Killed at any point, it leaves the old journal or
 * the new one, never half of one.  JREWRITE_COMPACT drops superseded and
 * deleted entries and their tombstones; JREWRITE_REPAIR moves torn and
 * unreadable records, and stray text, to the side file, flushed to disk
 * before the journal is replaced.  Unknown kinds of records are kept by
 * both.  A later version's journal fails with ENOTSUP.
 */
int
journal_rewrite(const char *path, int mode, const char *side,
    size_t *droppedp)
{
	struct file_replace	 fr;
	struct jreader		 r;
	struct jevent		 ev;
	struct stat		 st;
	struct idset		 dead = { NULL, 0, 0, false };
	size_t			 dropped = 0;
	FILE			*fp = NULL, *sidefp = NULL;
	int			 lfd, fd = -1, sfd, saved, rv;
	bool			 keep, reading = false, replacing = false;

	if ((lfd = journal_lock(path)) == -1)
		return -1;
	if ((fd = file_open_regular(path, &st)) == -1)
		goto fail;
	if (file_private(&st) != 0) {
		errno = EPERM;
		goto fail;
	}
	if ((fp = fdopen(fd, "r")) == NULL)
		goto fail;
	fd = -1;
	if (mode == JREWRITE_COMPACT &&
	    journal_dead_ids(fp, path, &dead) == -1)
		goto fail;
	rewind(fp);
	if (file_replace_open(&fr, path, st.st_mode & 07777, true) == -1)
		goto fail;
	replacing = true;
	if (fputs(JOURNAL_MAGIC "\n", fr.fp) == EOF)
		goto fail;
	jreader_init(&r, path, fp);
	reading = true;
	while ((rv = jreader_next(&r, &ev)) == 1) {
		if (r.unknown_version) {
			errno = ENOTSUP;
			goto fail;
		}
		if (ev.raw == NULL || ev.rawlen == 0)
			continue;
		/* The version line is written anew. */
		if (ev.kind == JREC_PROBLEM && ev.line == 1 &&
		    ev.rawlen >= 10 && strncmp(ev.raw, "%%journal ", 10) == 0)
			continue;
		if (mode == JREWRITE_COMPACT)
			keep = ev.kind != JREC_DELETE &&
			    (ev.kind != JREC_ENTRY ||
			    !idset_has(&dead, str_hash(ev.entry.id, 0)));
		else
			keep = ev.kind != JREC_PROBLEM;
		if (keep) {
			if (put_record(fr.fp, ev.raw, ev.rawlen) == -1)
				goto fail;
			continue;
		}
		dropped++;
		if (side == NULL)
			continue;
		if (sidefp == NULL) {
			if ((sfd = open(side, O_WRONLY | O_APPEND | O_CREAT |
			    O_CLOEXEC, 0600)) == -1)
				goto fail;
			if ((sidefp = fdopen(sfd, "a")) == NULL) {
				close(sfd);
				goto fail;
			}
		}
		if (fprintf(sidefp, "%%%%# from %s line %zu: %s\n", path,
		    ev.line, ev.problem != NULL ? ev.problem : "") < 0 ||
		    put_record(sidefp, ev.raw, ev.rawlen) == -1)
			goto fail;
	}
	jreader_free(&r);
	reading = false;
	if (rv == -1)
		goto fail;
	if (sidefp != NULL) {
		rv = fflush(sidefp) == EOF || fsync(fileno(sidefp)) == -1;
		if (fclose(sidefp) == EOF)
			rv = 1;
		sidefp = NULL;
		if (rv)
			goto fail;
	}
	replacing = false;
	if (file_replace_commit(&fr) == -1)
		goto fail;
	idset_free(&dead);
	fclose(fp);
	close(lfd);
	*droppedp = dropped;
	return 0;
fail:
	saved = errno;
	if (reading)
		jreader_free(&r);
	if (replacing)
		file_replace_abort(&fr);
	if (sidefp != NULL)
		fclose(sidefp);
	if (fd != -1)
		close(fd);
	if (fp != NULL)
		fclose(fp);
	idset_free(&dead);
	close(lfd);
	errno = saved;
	return -1;
}
