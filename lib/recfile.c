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
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rapport.h"

static bool	 is_blank_line(const char *, size_t);
static bool	 strfile_like(int);

void
recfile_init(struct recfile *rf, const char *name, const char *path)
{
	memset(rf, 0, sizeof(*rf));
	rf->name = xstrdup(name);
	rf->path = xstrdup(path);
}

void
recfile_init_mem(struct recfile *rf, const char *name, const char *text,
    size_t size)
{
	memset(rf, 0, sizeof(*rf));
	rf->name = xstrdup(name);
	rf->text = text;
	rf->size = size;
}

void
recfile_free(struct recfile *rf)
{
	free(rf->name);
	free(rf->path);
	free(rf->buf);
	free(rf->recs);
	free(rf->eligible);
	free(rf->ids);
	memset(rf, 0, sizeof(*rf));
}

/*
 * Let go of the text of a file that was read, with its records and any
 * filter of them, for a caller that is done with it, so that the next file
 * read may reuse the memory.  The file keeps its count, as one counted from
 * its index does, and reads its text again if loaded again.  A compiled-in
 * collection, which owns no memory, stays as it is.
 */
void
recfile_unload(struct recfile *rf)
{
	if (rf->buf == NULL)
		return;
	free(rf->buf);
	free(rf->recs);
	free(rf->eligible);
	rf->buf = NULL;
	rf->text = NULL;
	rf->size = 0;
	rf->recs = NULL;
	rf->eligible = NULL;
	rf->neligible = 0;
	rf->scanned = false;
}

/* Describe a read error, naming the one errno this module gives a meaning. */
const char *
recfile_strerror(int error)
{
	return error == EINVAL ? "not a regular file" : strerror(error);
}

/* A delimiter line is a % followed by nothing but spaces, tabs or CRs. */
bool
recfile_is_delim(const char *line, size_t len)
{
	size_t	 i;

	if (len == 0 || line[0] != '%')
		return false;
	for (i = 1; i < len && line[i] != '\n'; i++)
		if (line[i] != ' ' && line[i] != '\t' && line[i] != '\r')
			return false;
	return true;
}

static bool
is_blank_line(const char *line, size_t len)
{
	size_t	 i;

	for (i = 0; i < len; i++)
		if (line[i] != ' ' && line[i] != '\t' && line[i] != '\r' &&
		    line[i] != '\n')
			return false;
	return true;
}

/*
 * Split fortune-format text into records.  Records are separated by
 * delimiter lines; lines starting with %% are comments; a record holding
 * nothing but blank lines and comments is not a record; the last record
 * needs no delimiter after it.  There is no limit on line length.
 */
void
record_scan(const char *text, size_t size, struct record **recsp,
    size_t *nrecsp)
{
	struct record	*recs = NULL;
	const char	*nl;
	size_t		 cap = 0, n = 0, ls, le, rs;
	bool		 started = false, has_text = false, comments = false;

	rs = 0;
	for (ls = 0; ls <= size; ls = le) {
		if (ls < size) {
			nl = memchr(text + ls, '\n', size - ls);
			le = nl == NULL ? size : (size_t)(nl - text) + 1;
		} else
			le = size + 1;
		if (ls < size && text[ls] == '%' &&
		    !recfile_is_delim(text + ls, le - ls) &&
		    le - ls >= 2 && text[ls + 1] == '%') {
			if (!started)
				rs = le;
			else
				comments = true;
			continue;
		}
		if (ls == size || recfile_is_delim(text + ls, le - ls)) {
			if (has_text) {
				if (n == cap) {
					cap = cap == 0 ? 16 : cap * 2;
					recs = xreallocarray(recs, cap,
					    sizeof(*recs));
				}
				recs[n].off = rs;
				recs[n].len = (ls < size ? ls : size) - rs;
				recs[n].comments = comments;
				n++;
			}
			rs = le;
			started = has_text = comments = false;
			continue;
		}
		started = true;
		if (!has_text && !is_blank_line(text + ls, le - ls))
			has_text = true;
	}
	*recsp = recs;
	*nrecsp = n;
}

/*
 * Open a record file, and read it at once when it is known to be regular,
 * as the files listed in a collection directory are, and small, as most
 * are: a read of PROBE_SIZE bytes that comes back short has met the end of
 * the file, which spares the fstat(2) that would tell its size.  Returns 1
 * when the text is read; else the open descriptor in *fdp with the file's
 * status in *st and what was read of it in *headp and *headlenp, or -1.
 */
#define PROBE_SIZE	(16 * 1024)

static int
open_probe(struct recfile *rf, int *fdp, struct stat *st, char **headp,
    size_t *headlenp)
{
	char	 probe[PROBE_SIZE];
	ssize_t	 n;
	int	 fd, saved;

	*headp = NULL;
	*headlenp = 0;
	if (!rf->regular) {
		*fdp = file_open_regular(rf->path, st);
		return *fdp == -1 ? -1 : 0;
	}
	if ((fd = open(rf->path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)) == -1)
		return -1;
	/* Read on the stack, and kept in a buffer of the size read. */
	while ((n = read(fd, probe, sizeof(probe))) == -1 && errno == EINTR)
		continue;
	if (n >= 0 && n < PROBE_SIZE) {
		close(fd);
		rf->buf = xmalloc((size_t)n + 1);
		memcpy(rf->buf, probe, (size_t)n);
		rf->buf[n] = '\0';
		rf->text = rf->buf;
		rf->size = (size_t)n;
		return 1;
	}
	/* A larger file, or one that changed since it was listed. */
	if (n == -1 || file_stat_regular(fd, st) == -1)
		goto fail;
	*fdp = fd;
	*headp = xmalloc(PROBE_SIZE);
	memcpy(*headp, probe, PROBE_SIZE);
	*headlenp = PROBE_SIZE;
	return 0;
fail:
	saved = errno;
	close(fd);
	errno = saved;
	return -1;
}

/* Read (once) and scan the text of a record file. */
int
recfile_load(struct recfile *rf)
{
	struct stat	 st;
	char		*head;
	size_t		 headlen;
	int		 fd, rv;

	if (rf->scanned)
		return 0;
	if (rf->ix != NULL && colindex_load(rf) == 0)
		return 0;
	if (rf->text == NULL) {
		if ((rv = open_probe(rf, &fd, &st, &head, &headlen)) == -1)
			goto fail;
		if (rv == 0) {
			rv = file_read_fd(fd, &st, head, headlen, &rf->buf,
			    &rf->size);
			close(fd);
			if (rv == -1)
				goto fail;
			rf->text = rf->buf;
		}
	}
	free(rf->recs);
	record_scan(rf->text, rf->size, &rf->recs, &rf->nrecs);
	rf->scanned = true;
	return 0;
fail:
	rf->error = errno;
	rf->nrecs = 0;
	return -1;
}

/*
 * strfile(8) knows only lines holding exactly % as delimiters, so its
 * index counts other records than this reader where a file has CRLF line
 * ends, delimiters followed by blanks, or %% comments.  Such a file shows
 * it in its first lines, which are sampled here.
 */
static bool
strfile_like(int fd)
{
	char		 buf[4096];
	const char	*p, *end;
	ssize_t		 n;

	if ((n = pread(fd, buf, sizeof(buf), 0)) <= 0)
		return false;
	end = buf + n;
	if (memchr(buf, '\r', (size_t)n) != NULL)
		return false;
	for (p = buf; p < end; p++) {
		if (*p == '%' && (p == buf || p[-1] == '\n') && p + 1 < end &&
		    p[1] != '\n')
			return false;
		if ((p = memchr(p, '\n', (size_t)(end - p))) == NULL)
			break;
	}
	return true;
}

/*
 * Count the records of a file as cheaply as the truth allows.  A large file
 * with a fresh, well-formed strfile index is counted from the index header;
 * anything else is read and scanned.  Small files are always scanned: that
 * costs less than opening their index.
 */
int
recfile_count(struct recfile *rf)
{
	struct stat	 st;
	char		*dat, *head;
	size_t		 n, headlen;
	int		 fd, ok;

	if (rf->scanned || rf->text != NULL || rf->ix != NULL)
		return recfile_load(rf);
	if ((ok = open_probe(rf, &fd, &st, &head, &headlen)) == 1)
		return recfile_load(rf);
	if (ok == -1) {
		rf->error = errno;
		rf->nrecs = 0;
		return -1;
	}
	if (st.st_size >= RECFILE_INDEX_MIN && strfile_like(fd)) {
		xasprintf(&dat, "%s.dat", rf->path);
		ok = strfile_fresh(dat, &st, &n);
		free(dat);
		if (ok == 0) {
			free(head);
			close(fd);
			rf->nrecs = n;
			return 0;
		}
	}
	ok = file_read_fd(fd, &st, head, headlen, &rf->buf, &rf->size);
	close(fd);
	if (ok == -1) {
		rf->error = errno;
		rf->nrecs = 0;
		return -1;
	}
	rf->text = rf->buf;
	return recfile_load(rf);
}

/* The number of records a pick chooses from, after any filter. */
size_t
recfile_count_of(const struct recfile *rf)
{
	return rf->eligible != NULL ? rf->neligible : rf->nrecs;
}

/*
 * Return the text of record i of a scanned file and its length.  Comment
 * lines inside a record are left out, in a copy returned in *freep.
 */
const char *
recfile_text(const struct recfile *rf, size_t i, size_t *lenp, char **freep)
{
	const struct record	*r = &rf->recs[i];
	const char		*s, *nl;
	char			*out;
	size_t			 ls, le, n;

	*freep = NULL;
	s = rf->text + r->off;
	if (!r->comments) {
		*lenp = r->len;
		return s;
	}
	out = xmalloc(r->len + 1);
	n = 0;
	for (ls = 0; ls < r->len; ls = le) {
		nl = memchr(s + ls, '\n', r->len - ls);
		le = nl == NULL ? r->len : (size_t)(nl - s) + 1;
		if (le - ls >= 2 && s[ls] == '%' && s[ls + 1] == '%')
			continue;
		memcpy(out + n, s + ls, le - ls);
		n += le - ls;
	}
	out[n] = '\0';
	*freep = out;
	*lenp = n;
	return out;
}
