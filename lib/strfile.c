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

#include <sys/endian.h>
#include <sys/stat.h>

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rapport.h"

/*
 * strfile(8) indexes.  A header of five big-endian 32-bit words (version,
 * number of strings, longest and shortest length, flags), the delimiter
 * byte and three bytes of padding, then numstr + 1 big-endian offsets: the
 * start of each string and, last, the end of the last one.  fortune-mod and
 * OpenBSD write version 2 with 32-bit offsets; FreeBSD and NetBSD write
 * version 1 with 64-bit offsets.  Both are read; version 2 is written.
 */

struct firstch {
	char		 first;
	uint64_t	 pos;
};

static int	 cmp_str(const void *, const void *);
static int	 getc_at(uint64_t *);
static bool	 ascii_alnum(int);
static void	 add_offset(struct strfile *, size_t *, uint64_t);

/* The text being ordered, for cmp_str, which qsort(3) gives no context. */
static const char	*sort_text;
static size_t		 sort_size;
static int		 sort_delim;
static bool		 sort_igncase;

static bool
ascii_alnum(int c)
{
	return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') ||
	    (c >= 'a' && c <= 'z');
}

static int
getc_at(uint64_t *pos)
{
	if (*pos >= sort_size)
		return EOF;
	return (unsigned char)sort_text[(*pos)++];
}

/*
 * strfile's order for -o: by the first alphanumeric character, then by
 * the text from the first alphanumeric character on, up to the delimiter,
 * optionally ignoring ASCII case.  Kept as strfile has it, so that both
 * tools write the same table, but stopping at the end of the text, where
 * strfile would loop forever.
 */
static int
cmp_str(const void *v1, const void *v2)
{
	const struct firstch	*p1 = v1, *p2 = v2;
	uint64_t		 pos1, pos2;
	bool			 n1 = false, n2 = false;
	int			 c1, c2;

	c1 = p1->first;
	c2 = p2->first;
	if (c1 != c2)
		return c1 - c2;
	pos1 = p1->pos;
	pos2 = p2->pos;
	while (!ascii_alnum(c1 = getc_at(&pos1)) && c1 != '\0' && c1 != EOF)
		n1 = c1 == '\n';
	while (!ascii_alnum(c2 = getc_at(&pos2)) && c2 != '\0' && c2 != EOF)
		n2 = c2 == '\n';
	while (!(c1 == sort_delim && n1) && !(c2 == sort_delim && n2)) {
		if (sort_igncase) {
			if (c1 >= 'A' && c1 <= 'Z')
				c1 += 'a' - 'A';
			if (c2 >= 'A' && c2 <= 'Z')
				c2 += 'a' - 'A';
		}
		if (c1 != c2)
			return c1 - c2;
		if (c1 == EOF)
			return 0;
		n1 = c1 == '\n';
		n2 = c2 == '\n';
		c1 = getc_at(&pos1);
		c2 = getc_at(&pos2);
	}
	if (c1 == sort_delim && n1)
		c1 = 0;
	if (c2 == sort_delim && n2)
		c2 = 0;
	return c1 - c2;
}

static void
add_offset(struct strfile *sf, size_t *cap, uint64_t off)
{
	if (sf->numstr + 1 > *cap) {
		*cap = *cap == 0 ? 64 : *cap * 2;
		sf->offsets = xreallocarray(sf->offsets, *cap,
		    sizeof(*sf->offsets));
	}
	sf->offsets[sf->numstr] = off;
	sf->numstr++;
}

/*
 * Index text the way strfile(8) does, so that the result is byte for byte
 * what strfile writes for the same input and options: a string ends at a
 * line holding only the delimiter, empty strings are dropped, lengths count
 * the string's bytes without the delimiter line.  Lines are read whole,
 * where strfile reads them in 255-byte pieces and so mistakes the tail of a
 * long line for a delimiter.  With STRFILE_OPT_RANDOM the strings, and only
 * the strings, are shuffled; the end offset stays last.
 */
int
strfile_build(struct strfile *sf, const char *text, size_t size, int delim,
    int opts, struct rng *rng)
{
	struct firstch	*firstch = NULL;
	const char	*nl;
	uint64_t	 last_off, pos, length, tmp;
	size_t		 cap = 0, fcap = 0, ls, linelen, i, j;
	bool		 first, len_was_set = false, eof;
	bool		 order = (opts & STRFILE_OPT_ORDER) != 0;

	memset(sf, 0, sizeof(*sf));
	sf->version = STRFILE_VERSION;
	sf->shortlen = 0xffffffff;
	sf->delim = (unsigned char)delim;
	sf->width = 4;
	/* numstr counts offsets while building, strings at the end. */
	add_offset(sf, &cap, 0);
	last_off = 0;
	first = order;
	ls = 0;
	do {
		eof = ls >= size;
		if (eof) {
			pos = size;
			linelen = 0;
		} else {
			nl = memchr(text + ls, '\n', size - ls);
			pos = nl == NULL ? size : (size_t)(nl - text) + 1;
			linelen = pos - ls;
		}
		if (eof || (linelen >= 2 && (unsigned char)text[ls] == delim &&
		    text[ls + 1] == '\n')) {
			length = pos - last_off - linelen;
			if (length == 0) {
				/* An empty string: step over its delimiter. */
				if (pos - last_off == 2)
					sf->offsets[sf->numstr - 1] = pos;
				last_off = pos;
			} else {
				if (length > UINT32_MAX) {
					free(firstch);
					strfile_free(sf);
					errno = EOVERFLOW;
					return -1;
				}
				last_off = pos;
				add_offset(sf, &cap, pos);
				if (!len_was_set) {
					sf->longlen = (uint32_t)length;
					sf->shortlen = (uint32_t)length;
					len_was_set = true;
				} else {
					if (sf->longlen < length)
						sf->longlen = (uint32_t)length;
					if (sf->shortlen > length)
						sf->shortlen = (uint32_t)length;
				}
				first = order;
			}
		} else if (first) {
			for (i = ls; i < pos && !ascii_alnum(text[i]); i++)
				continue;
			if (sf->numstr > fcap) {
				fcap = fcap == 0 ? 64 : fcap * 2;
				firstch = xreallocarray(firstch, fcap,
				    sizeof(*firstch));
			}
			firstch[sf->numstr - 1].first =
			    i < pos ? text[i] : '\0';
			if ((opts & STRFILE_OPT_IGNCASE) &&
			    firstch[sf->numstr - 1].first >= 'A' &&
			    firstch[sf->numstr - 1].first <= 'Z')
				firstch[sf->numstr - 1].first += 'a' - 'A';
			firstch[sf->numstr - 1].pos =
			    sf->offsets[sf->numstr - 1];
			first = false;
		}
		ls = pos;
	} while (!eof);
	sf->numstr--;

	if (order) {
		if (sf->numstr > 0) {
			sort_text = text;
			sort_size = size;
			sort_delim = delim;
			sort_igncase = (opts & STRFILE_OPT_IGNCASE) != 0;
			qsort(firstch, sf->numstr, sizeof(*firstch), cmp_str);
			for (i = 0; i < sf->numstr; i++)
				sf->offsets[i] = firstch[i].pos;
		}
		sf->flags |= STR_ORDERED;
	} else if (opts & STRFILE_OPT_RANDOM) {
		for (i = sf->numstr; i > 1; i--) {
			j = rng_uniform(rng, i);
			tmp = sf->offsets[i - 1];
			sf->offsets[i - 1] = sf->offsets[j];
			sf->offsets[j] = tmp;
		}
		sf->flags |= STR_RANDOM;
	}
	if (opts & STRFILE_OPT_ROTATED)
		sf->flags |= STR_ROTATED;
	free(firstch);
	return 0;
}

/* Encode an index in the version 2 layout, as fortune-mod's strfile does. */
int
strfile_encode(const struct strfile *sf, unsigned char **bufp, size_t *lenp)
{
	unsigned char	*buf;
	size_t		 i, len;

	for (i = 0; i <= sf->numstr; i++)
		if (sf->offsets[i] > UINT32_MAX) {
			errno = EOVERFLOW;
			return -1;
		}
	len = STRFILE_HDRSIZE + ((size_t)sf->numstr + 1) * 4;
	buf = xcalloc(1, len);
	be32enc(buf, STRFILE_VERSION);
	be32enc(buf + 4, sf->numstr);
	be32enc(buf + 8, sf->longlen);
	be32enc(buf + 12, sf->shortlen);
	be32enc(buf + 16, sf->flags);
	buf[20] = sf->delim;
	for (i = 0; i <= sf->numstr; i++)
		be32enc(buf + STRFILE_HDRSIZE + i * 4,
		    (uint32_t)sf->offsets[i]);
	*bufp = buf;
	*lenp = len;
	return 0;
}

/*
 * Decode an index of either layout.  The layout follows from the size, which
 * must be exactly the header and numstr + 1 offsets of 4 or 8 bytes; offsets
 * of a table in file order must not decrease.  Anything else is EINVAL.
 */
int
strfile_decode(struct strfile *sf, const unsigned char *buf, size_t len)
{
	uint64_t	 n;
	size_t		 i;

	memset(sf, 0, sizeof(*sf));
	if (len < STRFILE_HDRSIZE)
		goto bad;
	sf->version = be32dec(buf);
	sf->numstr = be32dec(buf + 4);
	sf->longlen = be32dec(buf + 8);
	sf->shortlen = be32dec(buf + 12);
	sf->flags = be32dec(buf + 16);
	sf->delim = buf[20];
	n = (uint64_t)sf->numstr + 1;
	if (len - STRFILE_HDRSIZE == n * 4)
		sf->width = 4;
	else if (len - STRFILE_HDRSIZE == n * 8)
		sf->width = 8;
	else
		goto bad;
	sf->offsets = xreallocarray(NULL, n, sizeof(*sf->offsets));
	for (i = 0; i < n; i++) {
		sf->offsets[i] = sf->width == 4 ?
		    be32dec(buf + STRFILE_HDRSIZE + i * 4) :
		    be64dec(buf + STRFILE_HDRSIZE + i * 8);
		if (i > 0 && !(sf->flags & (STR_RANDOM | STR_ORDERED)) &&
		    sf->offsets[i] < sf->offsets[i - 1]) {
			strfile_free(sf);
			goto bad;
		}
	}
	return 0;
bad:
	errno = EINVAL;
	return -1;
}

int
strfile_read(const char *path, struct strfile *sf)
{
	char	*buf;
	size_t	 len;
	int	 rv, saved;

	if (file_read(path, &buf, &len) == -1)
		return -1;
	rv = strfile_decode(sf, (const unsigned char *)buf, len);
	saved = errno;
	free(buf);
	errno = saved;
	return rv;
}

/*
 * Write an index atomically, so that a reader never sees half an index and
 * a full disk leaves the old one in place.  Like strfile(8), it is made
 * readable by everyone the umask allows, for fortune(6) run by anyone.
 */
int
strfile_write(const char *path, const struct strfile *sf)
{
	unsigned char	*buf;
	size_t		 len;
	mode_t		 mask;
	int		 rv, saved;

	if (strfile_encode(sf, &buf, &len) == -1)
		return -1;
	mask = umask(0);
	umask(mask);
	rv = file_replace(path, (const char *)buf, len, 0666 & ~mask, 0);
	saved = errno;
	free(buf);
	errno = saved;
	return rv;
}

/*
 * Check that the index at datpath can be trusted for the text described by
 * st and return its number of strings.  It must be a well-formed index of
 * either layout for the % delimiter, no older than the text, and end at
 * the text's last byte.
 */
int
strfile_fresh(const char *datpath, const struct stat *st, size_t *numstr)
{
	struct stat	 dst;
	unsigned char	 hdr[STRFILE_HDRSIZE], last[8];
	uint64_t	 n, end;
	int		 fd, width;

	if ((fd = file_open_regular(datpath, &dst)) == -1)
		return -1;
	if (dst.st_mtime < st->st_mtime ||
	    pread(fd, hdr, sizeof(hdr), 0) != (ssize_t)sizeof(hdr))
		goto stale;
	/* An index of another delimiter counts other records. */
	if (hdr[20] != '%')
		goto stale;
	n = (uint64_t)be32dec(hdr + 4) + 1;
	if ((uint64_t)dst.st_size - STRFILE_HDRSIZE == n * 4)
		width = 4;
	else if ((uint64_t)dst.st_size - STRFILE_HDRSIZE == n * 8)
		width = 8;
	else
		goto stale;
	if (pread(fd, last, width, dst.st_size - width) != width)
		goto stale;
	end = width == 4 ? be32dec(last) : be64dec(last);
	if (end != (uint64_t)st->st_size)
		goto stale;
	close(fd);
	*numstr = n - 1;
	return 0;
stale:
	close(fd);
	errno = EINVAL;
	return -1;
}

void
strfile_free(struct strfile *sf)
{
	free(sf->offsets);
	sf->offsets = NULL;
}
