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

#include <errno.h>
#include <fcntl.h>
#include <libutil.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rapport.h"

/*
 * The prompt history is a text file of ids, eight lower-case hex digits a
 * line, oldest first.  Appends take an exclusive lock and O_APPEND; when
 * the file outgrows HISTORY_MAX lines its newer half is written to a new
 * file that replaces it, so that it stays small and no failed write can
 * truncate it.
 */

struct idpos {
	uint32_t	 id;
	size_t		 pos;
};

static int	 hexval(int);
static int	 cmp_idpos(const void *, const void *);
static int	 mkdirs(const char *);
static int	 compact(int, const char *);
static int	 write_all(int, const char *, size_t);

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/*
 * Read a history.  A missing file is an empty history; a line that is not
 * an id is counted in bad and skipped.
 */
int
history_read(const char *path, struct history *h)
{
	const char	*p, *end, *nl;
	char		*buf;
	size_t		 size, cap = 0, i;
	uint32_t	 id;
	int		 v;

	memset(h, 0, sizeof(*h));
	if (file_read(path, &buf, &size) == -1)
		return errno == ENOENT ? 0 : -1;
	end = buf + size;
	for (p = buf; p < end; p = nl + 1) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		id = 0;
		for (i = 0; i < 8 && p + i < nl; i++) {
			if ((v = hexval((unsigned char)p[i])) == -1)
				break;
			id = id << 4 | (uint32_t)v;
		}
		if (i != 8 || (p + 8 < nl && p[8] != ' ' && p[8] != '\t')) {
			if (nl > p)
				h->bad++;
			continue;
		}
		if (h->n == cap) {
			cap = cap == 0 ? 256 : cap * 2;
			h->ids = xreallocarray(h->ids, cap, sizeof(*h->ids));
		}
		h->ids[h->n++] = id;
	}
	free(buf);
	return 0;
}

void
history_free(struct history *h)
{
	free(h->ids);
	memset(h, 0, sizeof(*h));
}

static int
cmp_idpos(const void *a, const void *b)
{
	const struct idpos	*x = a, *y = b;

	if (x->id != y->id)
		return x->id < y->id ? -1 : 1;
	return x->pos < y->pos ? -1 : x->pos > y->pos;
}

/*
 * Mark in fresh[] the ids of a selection that may be shown next: walking
 * back from the newest entry, every id met is seen, until seeing one more
 * would leave nothing unseen.  So nothing repeats before everything of the
 * selection has been shown, and then the least recently shown come first.
 * Returns the number of fresh entries, never 0 when n > 0.
 */
size_t
history_unseen(const struct history *h, const uint32_t *ids, size_t n,
    bool *fresh)
{
	struct idpos	*sorted, key, *hit;
	bool		*seen;
	size_t		 i, j, distinct, nseen, nfresh, lo, hi;

	if (n == 0)
		return 0;
	sorted = xreallocarray(NULL, n, sizeof(*sorted));
	for (i = 0; i < n; i++) {
		sorted[i].id = ids[i];
		sorted[i].pos = i;
	}
	qsort(sorted, n, sizeof(*sorted), cmp_idpos);
	for (i = distinct = 0; i < n; i++)
		if (i == 0 || sorted[i].id != sorted[i - 1].id)
			distinct++;
	seen = xcalloc(n, sizeof(*seen));
	nseen = 0;
	for (i = h->n; i > 0 && nseen + 1 < distinct; i--) {
		key.id = h->ids[i - 1];
		/* The first entry with this id. */
		lo = 0;
		hi = n;
		while (lo < hi) {
			j = lo + (hi - lo) / 2;
			if (sorted[j].id < key.id)
				lo = j + 1;
			else
				hi = j;
		}
		if (lo == n || sorted[lo].id != key.id)
			continue;
		hit = &sorted[lo];
		if (seen[hit - sorted])
			continue;
		seen[hit - sorted] = true;
		nseen++;
	}
	for (i = 0; i < n; i++)
		fresh[i] = true;
	for (i = nfresh = 0; i < n; i++) {
		/* Copies of one text share the mark of the first. */
		for (j = i; j > 0 && sorted[j - 1].id == sorted[i].id; j--)
			continue;
		if (seen[j])
			fresh[sorted[i].pos] = false;
	}
	for (i = 0; i < n; i++)
		nfresh += fresh[i];
	free(seen);
	free(sorted);
	return nfresh;
}

/* Create the directories above path, private to the user, as needed. */
static int
mkdirs(const char *path)
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
		if (*p == '/') {
			*p = '\0';
			if (mkdir(dir, 0700) == -1 && errno != EEXIST)
				rv = -1;
			*p = '/';
		} else {
			if (mkdir(dir, 0700) == -1 && errno != EEXIST)
				rv = -1;
			break;
		}
	}
	free(dir);
	return rv;
}

static int
write_all(int fd, const char *buf, size_t len)
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
 * Replace the history, held locked on fd, by its newer half: written to a
 * temporary file beside it and renamed over it.
 */
static int
compact(int fd, const char *path)
{
	struct stat	 st;
	char		*buf, *tmp, *start;
	size_t		 len, keep, lines;
	ssize_t		 n;
	int		 tfd, saved;

	if (fstat(fd, &st) == -1)
		return -1;
	len = (size_t)st.st_size;
	buf = xmalloc(len + 1);
	if ((n = pread(fd, buf, len, 0)) == -1) {
		free(buf);
		return -1;
	}
	len = (size_t)n;
	/* Keep the last HISTORY_MAX / 2 whole lines. */
	keep = HISTORY_MAX / 2;
	lines = 0;
	for (start = buf + len; start > buf; start--)
		if (start[-1] == '\n' && start != buf + len &&
		    ++lines == keep)
			break;
	xasprintf(&tmp, "%s.XXXXXX", path);
	if ((tfd = mkstemp(tmp)) == -1)
		goto fail;
	if (write_all(tfd, start, (size_t)(buf + len - start)) == -1 ||
	    fsync(tfd) == -1) {
		saved = errno;
		close(tfd);
		unlink(tmp);
		errno = saved;
		goto fail;
	}
	if (close(tfd) == -1 || rename(tmp, path) == -1) {
		saved = errno;
		unlink(tmp);
		errno = saved;
		goto fail;
	}
	free(tmp);
	free(buf);
	return 0;
fail:
	free(tmp);
	free(buf);
	return -1;
}

/*
 * Append ids to a history, creating it (0600, in directories of 0700) if
 * need be, under an exclusive lock.
 */
int
history_append(const char *path, const uint32_t *ids, size_t n)
{
	struct stat	 st;
	char		*buf;
	size_t		 i;
	int		 fd, rv = 0, saved;

	if (mkdirs(path) == -1)
		return -1;
	if ((fd = flopen(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC,
	    0600)) == -1)
		return -1;
	buf = xreallocarray(NULL, n, 9);
	for (i = 0; i < n; i++) {
		snprintf(buf + i * 9, 10, "%08x", (unsigned int)ids[i]);
		buf[i * 9 + 8] = '\n';
	}
	if (write_all(fd, buf, n * 9) == -1)
		rv = -1;
	else if (fstat(fd, &st) == 0 && st.st_size / 9 > HISTORY_MAX)
		rv = compact(fd, path);
	saved = errno;
	free(buf);
	if (close(fd) == -1 && rv == 0)
		return -1;
	errno = saved;
	return rv;
}
