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
 * file.c: the file helpers every module shares: reading a regular file
 * whole, writing through short writes, making private directories,
 * judging whether a file of the user's is private, and replacing a file
 * atomically; opening side files and following symbolic links that no
 * other user can have put in place.
 */

#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rapport.h"

/*
 * Read an open regular file, after the len bytes of buf already read from
 * it: up to the size fstat(2) gave, a snapshot that spares the read that
 * would find the end.  A file that shrank meanwhile is read to its new end.
 */
int
file_read_fd(int fd, const struct stat *st, char *buf, size_t len,
    char **bufp, size_t *sizep)
{
	size_t		 size;
	ssize_t		 n;

	/* The size and a NUL must fit in memory's sizes. */
	if ((uintmax_t)st->st_size >= SIZE_MAX) {
		free(buf);
		errno = EFBIG;
		return -1;
	}
	size = (size_t)st->st_size;
	buf = xreallocarray(buf, 1, (size > len ? size : len) + 1);
	while (len < size) {
		if ((n = read(fd, buf + len, size - len)) == -1) {
			if (errno == EINTR)
				continue;
			free(buf);
			return -1;
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	/* A NUL after the text keeps string functions inside it. */
	buf[len] = '\0';
	*bufp = buf;
	*sizep = len;
	return 0;
}

/*
 * Check that an open file is a regular file, with its status in st: a
 * directory is EISDIR, anything else EINVAL.
 */
int
file_stat_regular(int fd, struct stat *st)
{
	if (fstat(fd, st) == -1)
		return -1;
	if (!S_ISREG(st->st_mode)) {
		errno = S_ISDIR(st->st_mode) ? EISDIR : EINVAL;
		return -1;
	}
	return 0;
}

/*
 * Open a file for reading and check that it is a regular file.  It is
 * opened without blocking so that a FIFO in a collection directory cannot
 * hang a login shell.
 */
int
file_open_regular(const char *path, struct stat *st)
{
	int	 fd, saved;

	if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)) == -1)
		return -1;
	if (file_stat_regular(fd, st) == -1) {
		saved = errno;
		close(fd);
		errno = saved;
		return -1;
	}
	return fd;
}

/*
 * dir/name, allocated: the paths of a collection's entries, joined for
 * every one listed, without the cost of a format string.
 */
char *
path_join(const char *dir, const char *name)
{
	char	*path;
	size_t	 dlen, nlen;

	dlen = strlen(dir);
	nlen = strlen(name);
	path = xmalloc(dlen + nlen + 2);
	memcpy(path, dir, dlen);
	path[dlen] = '/';
	memcpy(path + dlen + 1, name, nlen + 1);
	return path;
}

/* Read a whole regular file into an allocated buffer. */
int
file_read(const char *path, char **bufp, size_t *sizep)
{
	struct stat	 st;
	int		 fd, rv, saved;

	if ((fd = file_open_regular(path, &st)) == -1)
		return -1;
	rv = file_read_fd(fd, &st, NULL, 0, bufp, sizep);
	saved = errno;
	close(fd);
	errno = saved;
	return rv;
}

/* Write a whole buffer, through short writes and interruptions. */
int
file_write_all(int fd, const char *buf, size_t len)
{
	ssize_t	 n;
	size_t	 off;

	for (off = 0; off < len; off += (size_t)n)
		if ((n = write(fd, buf + off, len - off)) == -1) {
			if (errno != EINTR)
				return -1;
			n = 0;
		}
	return 0;
}

/*
 * Create the missing directories above path, private to the user (0700),
 * as the journal and the prompt history need.
 */
int
file_make_dirs(const char *path)
{
	char	*dir, *p;
	int	 rv = 0;

	dir = xstrdup(path);
	if ((p = strrchr(dir, '/')) == NULL || p == dir) {
		free(dir);
		return 0;
	}
	*p = '\0';
	for (p = dir + 1; rv == 0; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		if (*p == '/')
			*p = '\0';
		else
			p = NULL;
		/* 0700 whatever the umask, for the directories made here. */
		if (mkdir(dir, 0700) == 0) {
			if (chmod(dir, 0700) == -1)
				rv = -1;
		} else if (errno != EEXIST)
			rv = -1;
		if (p == NULL)
			break;
		*p = '/';
	}
	free(dir);
	return rv;
}

/*
 * Whether a file of the user's own, a journal or a history, is safe to
 * use, as ssh(1) asks of its keys: owned by the user and writable by no
 * one else.  Group and others may read it if the user wishes so.
 */
int
file_private(const struct stat *st)
{
	if (st->st_uid != geteuid())
		return FILE_NOT_OWNED;
	if ((st->st_mode & (S_IWGRP | S_IWOTH)) != 0)
		return FILE_SHARED;
	return 0;
}

/* What is wrong with a file that file_private() refuses, and the fix. */
const char *
file_private_advice(int problem)
{
	if (problem == FILE_NOT_OWNED)
		return "owned by another user; it must be your own (copy it, "
		    "or chown it to yourself)";
	return "writable by group or others; make it private with chmod "
	    "go-w";
}

/* The directory of a path, allocated: "." for a name without one. */
static char *
dir_of(const char *path)
{
	char	*dir, *slash;

	if (strchr(path, '/') == NULL)
		return xstrdup(".");
	dir = xstrdup(path);
	slash = strrchr(dir, '/');
	if (slash == dir)
		slash[1] = '\0';
	else
		*slash = '\0';
	return dir;
}

/*
 * Flush to the disk the directory that holds path, so that a file made,
 * renamed or removed there outlives a crash.  A directory that cannot be
 * opened or flushed is passed over: the file itself is on the disk.
 */
void
file_sync_dir(const char *path)
{
	char	*dir;
	int	 dfd;

	dir = dir_of(path);
	if ((dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) != -1) {
		fsync(dfd);
		close(dfd);
	}
	free(dir);
}

/*
 * A new file without a name in the directory of path, open for reading
 * and writing, or -1 with EOPNOTSUPP where there can be none: where the
 * file system has no O_TMPFILE (or EISDIR, from a kernel older than it),
 * or where /proc, through which linkat(2) names it, is not mounted.
 */
static int
open_unnamed(const char *path)
{
#ifdef O_TMPFILE
	struct stat	 st;
	char		*dir, proc[32];
	int		 fd, saved;

	dir = dir_of(path);
	fd = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
	saved = errno;
	free(dir);
	errno = saved;
	if (fd == -1)
		return -1;
	snprintf(proc, sizeof(proc), "/proc/self/fd/%d", fd);
	if (lstat(proc, &st) == -1) {
		close(fd);
		errno = EOPNOTSUPP;
		return -1;
	}
	return fd;
#else
	(void)path;
	errno = EOPNOTSUPP;
	return -1;
#endif
}

/*
 * Give the unnamed new file the name it is renamed from, just before the
 * rename: the fixed name under a lock, else a new name of six random
 * letters and digits after the file's own.
 */
static int
link_unnamed(struct file_replace *fr, int fd)
{
	static const char	 chars[] = "0123456789"
	    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
	char			 proc[32], *x;
	int			 i, tries;

	snprintf(proc, sizeof(proc), "/proc/self/fd/%d", fd);
	if (fr->flags & FILE_REPLACE_LOCKED) {
		if (linkat(AT_FDCWD, proc, AT_FDCWD, fr->tmp,
		    AT_SYMLINK_FOLLOW) == -1)
			return -1;
		fr->unnamed = false;
		return 0;
	}
	xasprintf(&fr->tmp, "%s.XXXXXX", fr->path);
	x = fr->tmp + strlen(fr->tmp) - 6;
	for (tries = 0; tries < 100; tries++) {
		for (i = 0; i < 6; i++)
			x[i] = chars[arc4random_uniform(sizeof(chars) - 1)];
		if (linkat(AT_FDCWD, proc, AT_FDCWD, fr->tmp,
		    AT_SYMLINK_FOLLOW) == 0) {
			fr->unnamed = false;
			return 0;
		}
		if (errno != EEXIST)
			break;
	}
	free(fr->tmp);
	fr->tmp = NULL;
	return -1;
}

/*
 * Start replacing a file: a new file beside it (beside its target, when
 * it is a symbolic link, so that the link survives), opened for writing
 * as fr->fp with the given mode; its descriptor may be read too, with
 * pread(2), to look back at what was written.  Where the file system
 * allows it, the new file has no name until the commit (O_TMPFILE), so
 * that a crash while it is written leaves nothing behind.  Elsewhere it
 * is written under a name: with FILE_REPLACE_LOCKED, which says that the
 * caller holds a lock that every replacer of the file takes, the fixed
 * name PATH.tmp, which a crash may leave and the next replacement removes
 * first; without it, a new name PATH.XXXXXX, which nothing removes.
 * FILE_REPLACE_NAMED asks for a name even where O_TMPFILE works, for a
 * caller that hands fr->tmp to code that opens the new file by name.
 * FILE_REPLACE_SYNC flushes the new file and then its directory to the
 * disk at the commit, as a journal needs; a history or an index that a
 * crash may lose is not worth it.
 */
int
file_replace_open(struct file_replace *fr, const char *path, mode_t mode,
    int flags)
{
	int	 fd, saved;

	memset(fr, 0, sizeof(*fr));
	fr->flags = flags;
	if ((fr->path = realpath(path, NULL)) == NULL) {
		if (errno != ENOENT)
			return -1;
		fr->path = xstrdup(path);
	}
	if (flags & FILE_REPLACE_LOCKED) {
		xasprintf(&fr->tmp, "%s.tmp", fr->path);
		/* What a crash left of an earlier replacement goes first. */
		if (unlink(fr->tmp) == -1 && errno != ENOENT)
			goto fail;
	}
	if (!(flags & FILE_REPLACE_NAMED) &&
	    (fd = open_unnamed(fr->path)) != -1)
		fr->unnamed = true;
	else if (!(flags & FILE_REPLACE_NAMED) && errno != EOPNOTSUPP &&
	    errno != EISDIR)
		goto fail;
	else if (flags & FILE_REPLACE_LOCKED)
		fd = open(fr->tmp, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW |
		    O_CLOEXEC, 0600);
	else {
		xasprintf(&fr->tmp, "%s.XXXXXX", fr->path);
		fd = mkstemp(fr->tmp);
	}
	if (fd == -1)
		goto fail;
	if (fchmod(fd, mode) == -1 || (fr->fp = fdopen(fd, "w")) == NULL) {
		saved = errno;
		close(fd);
		if (!fr->unnamed)
			unlink(fr->tmp);
		errno = saved;
		goto fail;
	}
	return 0;
fail:
	saved = errno;
	free(fr->tmp);
	free(fr->path);
	memset(fr, 0, sizeof(*fr));
	errno = saved;
	return -1;
}

/* Give up a replacement: the new file goes, errno is kept. */
void
file_replace_abort(struct file_replace *fr)
{
	int	 saved;

	saved = errno;
	if (fr->fp != NULL)
		fclose(fr->fp);
	if (!fr->unnamed && fr->tmp != NULL)
		unlink(fr->tmp);
	free(fr->tmp);
	free(fr->path);
	memset(fr, 0, sizeof(*fr));
	errno = saved;
}

/*
 * Put the written new file in the place of the file: every byte written
 * out (and synced, if asked), named if it had no name, then renamed over
 * the file.  On failure the file is unchanged and the new one removed.
 */
int
file_replace_commit(struct file_replace *fr)
{
	FILE	*fp;
	int	 rv;

	fp = fr->fp;
	fr->fp = NULL;
	rv = fflush(fp) == EOF || ferror(fp) ||
	    ((fr->flags & FILE_REPLACE_SYNC) && fsync(fileno(fp)) == -1) ||
	    (fr->unnamed && link_unnamed(fr, fileno(fp)) == -1);
	if (fclose(fp) == EOF)
		rv = 1;
	if (rv || rename(fr->tmp, fr->path) == -1) {
		file_replace_abort(fr);
		return -1;
	}
	if (fr->flags & FILE_REPLACE_SYNC)
		file_sync_dir(fr->path);
	free(fr->tmp);
	free(fr->path);
	memset(fr, 0, sizeof(*fr));
	return 0;
}

/* Replace a file with the bytes of a buffer, as file_replace_open(). */
int
file_replace(const char *path, const char *buf, size_t len, mode_t mode,
    int flags)
{
	struct file_replace	 fr;

	if (file_replace_open(&fr, path, mode, flags) == -1)
		return -1;
	if (len > 0 && fwrite(buf, 1, len, fr.fp) != len) {
		file_replace_abort(&fr);
		return -1;
	}
	return file_replace_commit(&fr);
}

/*
 * Open a side file of the user's, such as a lock or a file of rejected
 * text, that lives beside a file of theirs, perhaps in a directory that
 * others may write, as the temporary directory: there another user could
 * have put a file in its place beforehand, to read what is written to
 * it, to hold the lock, or as a symbolic link that sends the text into
 * another file of the user's.  A missing file is created with mode 0600,
 * whatever the umask, and O_EXCL, so that nothing is followed.  One that
 * exists is opened without following a symbolic link, and used only when
 * it is a regular file of the user's, with one link, that no one else may
 * read or write; O_TRUNC in flags truncates only such a file.  One refused
 * for what it is fails with EPERM, and *problemp says why, for
 * file_side_advice(); a directory fails with EISDIR, and any other file
 * that is not a regular one with EINVAL.
 */
int
file_open_side(const char *path, int flags, int *problemp)
{
	struct stat	 st;
	int		 fd = -1, fl, saved, tries;
	bool		 truncate;

	*problemp = 0;
	truncate = (flags & O_TRUNC) != 0;
	flags = (flags & ~(O_CREAT | O_EXCL | O_TRUNC)) | O_CLOEXEC;
	/* A file removed between the two opens is created again. */
	for (tries = 0; fd == -1 && tries < 8; tries++) {
		if ((fd = open(path, flags | O_CREAT | O_EXCL, 0600)) != -1) {
			if (fchmod(fd, 0600) == -1)
				goto fail;
			return fd;
		}
		if (errno != EEXIST)
			return -1;
		/* A FIFO put in its place must not hang us. */
		fd = open(path, flags | O_NOFOLLOW | O_NONBLOCK);
		if (fd == -1 && errno != ENOENT)
			break;
	}
	if (fd == -1) {
		/* What it is says more than ELOOP or EACCES. */
		saved = errno;
		if ((saved == ELOOP || saved == EACCES) &&
		    lstat(path, &st) == 0) {
			if (S_ISLNK(st.st_mode))
				*problemp = FILE_SYMLINK;
			else if (st.st_uid != geteuid())
				*problemp = FILE_NOT_OWNED;
		}
		errno = *problemp != 0 ? EPERM : saved;
		return -1;
	}
	if (file_stat_regular(fd, &st) == -1)
		goto fail;
	if (st.st_uid != geteuid())
		*problemp = FILE_NOT_OWNED;
	else if (st.st_nlink != 1)
		*problemp = FILE_LINKED;
	else if ((st.st_mode & (S_IWGRP | S_IWOTH)) != 0)
		*problemp = FILE_SHARED;
	else if ((st.st_mode & (S_IRWXG | S_IRWXO)) != 0)
		*problemp = FILE_READABLE;
	if (*problemp != 0) {
		errno = EPERM;
		goto fail;
	}
	if ((fl = fcntl(fd, F_GETFL)) == -1 ||
	    fcntl(fd, F_SETFL, fl & ~O_NONBLOCK) == -1 ||
	    (truncate && ftruncate(fd, 0) == -1))
		goto fail;
	return fd;
fail:
	saved = errno;
	close(fd);
	errno = saved;
	return -1;
}

/* What is wrong with a side file that file_open_side() refuses, and the fix. */
const char *
file_side_advice(int problem)
{
	switch (problem) {
	case FILE_NOT_OWNED:
		return "owned by another user, who may have put it there; "
		    "remove it, or keep the file it belongs to in a "
		    "directory that only you can write";
	case FILE_SYMLINK:
		return "a symbolic link, which is not followed for a file "
		    "that must be private; remove it";
	case FILE_LINKED:
		return "another name of a file with more than one link; "
		    "remove this name";
	case FILE_SHARED:
		return "writable by group or others; remove it, or make it "
		    "private with chmod go=";
	default:
		return "readable by group or others; make it private with "
		    "chmod go=";
	}
}

/*
 * Whether a symbolic link, with lst its lstat(2), may be followed to a
 * file of the user's, as the kernel's protected_symlinks reasons: in a
 * directory that others may write, as the temporary directory, another
 * user may have put it there, to send what is written into a file of the
 * user's.  A link of the user's own was made by the user, and one in a
 * directory that no one but its owner may write, or of that owner's, was
 * put there by the owner.
 */
bool
file_link_trusted(const char *path, const struct stat *lst)
{
	struct stat	 dst;
	char		*dir, *slash;
	bool		 trusted;

	if (lst->st_uid == geteuid())
		return true;
	dir = xstrdup(path);
	if ((slash = strrchr(dir, '/')) != NULL)
		*slash = '\0';
	trusted = stat(slash == NULL ? "." : slash == dir ? "/" : dir,
	    &dst) == 0 && (dst.st_uid == lst->st_uid ||
	    (dst.st_mode & (S_IWGRP | S_IWOTH)) == 0);
	free(dir);
	return trusted;
}
