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
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rapport.h"

/*
 * The prompt history is a text file of ids, eight lower-case hex digits a
 * line (HISTORY_LINE bytes with the newline), oldest first.  Appends take
 * an exclusive lock and O_APPEND; when an append makes the file outgrow
 * HISTORY_MAX lines its newer half replaces it, so that it stays small and
 * no failed write can truncate it.
 */

#define ID_DIGITS	(HISTORY_LINE - 1)	/* an id, before its newline */
/*
 * Sorted ids are indexed by their top BUCKET_BITS, so that most lookups
 * of an id that is not there end at an empty bucket.
 */
#define BUCKET_BITS	11
#define ID_BUCKETS	(1 << BUCKET_BITS)
#define BUCKET(id)	((id) >> (32 - BUCKET_BITS))
/* Read before the lines wanted, to find where the first of them starts. */
#define LINE_SLACK	64

static int	 parse_id(const char *, uint32_t *);
static void	 put_id(char *, uint32_t);
static void	 sort_ids(uint32_t *, size_t *, const uint32_t *, size_t);
static inline const uint32_t *find_id(const uint32_t *, const size_t *,
	    uint32_t);
static int	 open_locked(const char *, struct stat *);
static int	 compact(int, const char *);

/*
 * The value of each lower-case hex digit, and NOT_DIGIT for any other
 * byte.  Shifted in with the others, NOT_DIGIT leaves a bit above an id's
 * 32 that no digit can set, so one test at the end finds any bad digit.
 */
#define NOT_DIGIT	((uint64_t)1 << 32)
#define X		NOT_DIGIT
static const uint64_t digit_value[UCHAR_MAX + 1] = {
	/* 0x00 */ X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X,
	/* 0x10 */ X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X,
	/* 0x20 */ X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X,
	/* 0x30 */ 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, X, X, X, X, X, X,
	/* 0x40 */ X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X,
	/* 0x50 */ X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X,
	/* 0x60 */ X, 10, 11, 12, 13, 14, 15, X, X, X, X, X, X, X, X, X,
	/* 0x70 */ X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X,
	/* 0x80 */ X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X,
	/* 0x90 */ X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X,
	/* 0xa0 */ X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X,
	/* 0xb0 */ X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X,
	/* 0xc0 */ X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X,
	/* 0xd0 */ X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X,
	/* 0xe0 */ X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X,
	/* 0xf0 */ X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X,
};
#undef X

/* Parse the eight digits of an id; -1 if they are not lower-case hex. */
static int
parse_id(const char *digits, uint32_t *idp)
{
	uint64_t	 id = 0;
	int		 i;

	/* Unrolled, the loop costs nothing beside the digits. */
#pragma GCC unroll 8
	for (i = 0; i < ID_DIGITS; i++)
		id = id << 4 | digit_value[(unsigned char)digits[i]];
	*idp = (uint32_t)id;
	return id >> 32 == 0 ? 0 : -1;
}

/* Write the eight digits of an id, as a line of the history has them. */
static void
put_id(char *digits, uint32_t id)
{
	static const char	 hex[] = "0123456789abcdef";
	int			 i;

	for (i = 0; i < ID_DIGITS; i++)
		digits[i] = hex[id >> (28 - 4 * i) & 0xf];
}

/*
 * The place of an id in a sorted array, or NULL: the last place, if the
 * array holds it more than once.  first[b] is where the ids of bucket b
 * start, so that only those are searched, none for most ids when the
 * array holds a few hundred.  The binary search halves the range without
 * a branch on the comparison, which random ids would mispredict half the
 * time.
 */
static inline const uint32_t *
find_id(const uint32_t *set, const size_t *first, uint32_t id)
{
	size_t	 n, half;

	n = first[BUCKET(id) + 1] - first[BUCKET(id)];
	set += first[BUCKET(id)];
	if (n == 0)
		return NULL;
	while (n > 1) {
		half = n / 2;
		set = set[half] <= id ? set + half : set;
		n -= half;
	}
	return *set == id ? set : NULL;
}

/*
 * Sort ids into set, and index it in first: first[b] is where the ids of
 * bucket b start.  They are spread by bucket in one counting pass, then
 * sorted by insertion, which moves each id only past the few of its own
 * bucket.  A few hundred random ids cost a few thousand instructions, a
 * tenth of what qsort(3) and its comparison calls cost.
 */
static void
sort_ids(uint32_t *set, size_t *first, const uint32_t *ids, size_t n)
{
	size_t		 i, j, b;
	uint32_t	 id;

	memset(first, 0, (ID_BUCKETS + 1) * sizeof(*first));
	for (i = 0; i < n; i++)
		first[BUCKET(ids[i]) + 1]++;
	for (b = 1; b <= ID_BUCKETS; b++)
		first[b] += first[b - 1];
	for (i = 0; i < n; i++)
		set[first[BUCKET(ids[i])]++] = ids[i];
	/* Each first[b] has moved on to where bucket b + 1 starts. */
	memmove(first + 1, first, ID_BUCKETS * sizeof(*first));
	first[0] = 0;
	for (i = 1; i < n; i++) {
		id = set[i];
		for (j = i; j > 0 && set[j - 1] > id; j--)
			set[j] = set[j - 1];
		set[j] = id;
	}
}

/*
 * Read a history: its newest HISTORY_MAX lines, all that is ever kept, so
 * that a history grown huge by hand costs no more than a full one.  A
 * missing file is an empty history; a line that is not an id is counted in
 * bad and skipped.  A line may go on after its id and a blank, as one
 * annotated by hand does.
 */
int
history_read(const char *path, struct history *h)
{
	struct stat	 st;
	const char	*p, *end, *nl;
	char		*buf;
	off_t		 from;
	ssize_t		 n;
	size_t		 len, nids = 0;
	uint32_t	*ids, id;
	int		 fd, saved;

	memset(h, 0, sizeof(*h));
	if ((fd = file_open_regular(path, &st)) == -1)
		return errno == ENOENT ? 0 : -1;
	/* Another's history, or one others may write, is not used. */
	if (file_private(&st) != 0) {
		close(fd);
		errno = EPERM;
		return -1;
	}
	len = (size_t)st.st_size;
	if (len > (size_t)HISTORY_MAX * HISTORY_LINE + LINE_SLACK)
		len = (size_t)HISTORY_MAX * HISTORY_LINE + LINE_SLACK;
	if (len == 0) {
		close(fd);
		return 0;
	}
	from = st.st_size - (off_t)len;
	buf = xmalloc(len);
	n = pread(fd, buf, len, from);
	saved = errno;
	close(fd);
	if (n == -1) {
		free(buf);
		errno = saved;
		return -1;
	}
	end = buf + n;
	p = buf;
	if (from > 0 && (p = memchr(buf, '\n', (size_t)n)) != NULL)
		p++;
	/*
	 * The ids are written over the text already read: each takes four
	 * bytes and was read from nine or more, so the buffer holds them all
	 * and a reader touches no more memory than the file's tail.
	 */
	ids = (uint32_t *)(void *)buf;
	for (; p != NULL && p < end; p = nl + 1) {
		/* Nearly every line is an id and a newline. */
		if (end - p >= HISTORY_LINE && p[ID_DIGITS] == '\n' &&
		    parse_id(p, &id) == 0) {
			ids[nids++] = id;
			nl = p + ID_DIGITS;
			continue;
		}
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		if (nl - p >= ID_DIGITS && (nl - p == ID_DIGITS ||
		    p[ID_DIGITS] == ' ' || p[ID_DIGITS] == '\t') &&
		    parse_id(p, &id) == 0)
			ids[nids++] = id;
		else if (nl > p)
			h->bad++;
	}
	h->ids = ids;
	h->n = nids;
	return 0;
}

void
history_free(struct history *h)
{
	free(h->ids);
	memset(h, 0, sizeof(*h));
}

/*
 * Mark in fresh[] the ids of a selection that may be shown next: walking
 * back from the newest entry, every id met is seen, until seeing one more
 * would leave nothing unseen.  So nothing repeats before everything of the
 * selection has been shown, and then the least recently shown come first.
 * Copies of one text share their mark.  Returns the number of fresh
 * entries, never 0 when n > 0.
 */
size_t
history_unseen(const struct history *h, const uint32_t *ids, size_t n,
    bool *fresh)
{
	uint32_t	*set;
	const uint32_t	*found;
	bool		*seen;
	size_t		 first[ID_BUCKETS + 1], nset, nseen = 0, nfresh = 0, i;

	if (n == 0)
		return 0;
	/*
	 * The selection's ids, sorted, with a mark each.  Copies of one text
	 * stay, but find_id() finds the last of them for every lookup, so
	 * that they share its mark; nset counts them once.
	 */
	set = xreallocarray(NULL, n, sizeof(*set));
	sort_ids(set, first, ids, n);
	for (i = nset = 0; i < n; i++)
		if (i == 0 || set[i - 1] != set[i])
			nset++;
	seen = xcalloc(n, sizeof(*seen));
	for (i = h->n; i > 0 && nseen + 1 < nset; i--) {
		found = find_id(set, first, h->ids[i - 1]);
		if (found != NULL && !seen[found - set]) {
			seen[found - set] = true;
			nseen++;
		}
	}
	for (i = 0; i < n; i++) {
		found = find_id(set, first, ids[i]);
		fresh[i] = !seen[found - set];
		nfresh += fresh[i];
	}
	free(seen);
	free(set);
	return nfresh;
}

/*
 * Open and lock a history, and keep what fstat(2) says of the file locked,
 * so that an append needs no other look at its size.
 */
static int
open_locked(const char *path, struct stat *st)
{
	int	 fd, saved;

	/* Read as well as append: compaction reads the tail. */
	if ((fd = flopen(path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC,
	    0600)) == -1)
		return -1;
	if (file_stat_regular(fd, st) == -1)
		goto fail;
	if (file_private(st) != 0) {
		errno = EPERM;
		goto fail;
	}
	return fd;
fail:
	saved = errno;
	close(fd);
	errno = saved;
	return -1;
}

/* Replace the history, held locked on fd, by its newer half. */
static int
compact(int fd, const char *path)
{
	struct stat	 st;
	char		*buf, *start;
	size_t		 len, keep, lines;
	ssize_t		 n;
	int		 rv, saved;

	if (fstat(fd, &st) == -1)
		return -1;
	/* Only the tail is kept, so only the tail is read. */
	keep = HISTORY_MAX / 2;
	len = (size_t)st.st_size;
	if (len > keep * HISTORY_LINE + LINE_SLACK)
		len = keep * HISTORY_LINE + LINE_SLACK;
	buf = xmalloc(len + 1);
	if ((n = pread(fd, buf, len, st.st_size - (off_t)len)) == -1) {
		saved = errno;
		free(buf);
		errno = saved;
		return -1;
	}
	len = (size_t)n;
	lines = 0;
	for (start = buf + len; start > buf; start--)
		if (start[-1] == '\n' && start != buf + len &&
		    ++lines == keep)
			break;
	/* A partial first line, when the read began mid-line, is left out. */
	if (start == buf && (off_t)len < st.st_size &&
	    (start = memchr(buf, '\n', len)) != NULL)
		start++;
	else if (start == NULL)
		start = buf + len;
	/*
	 * No fsync: a history lost to a crash costs some repeats, while a
	 * flush on every compaction would cost every reader its speed.
	 */
	rv = file_replace(path, start, (size_t)(buf + len - start), 0600, 0);
	saved = errno;
	free(buf);
	errno = saved;
	return rv;
}

/*
 * Append ids to a history, creating it (0600, in directories of 0700) if
 * need be, under an exclusive lock.
 *
 * The append that takes a history past HISTORY_MAX lines compacts it.  One
 * that was larger already, grown by hand or by an older version, is
 * compacted when appends take it past the next multiple of HISTORY_MAX
 * lines: so no history is rewritten more than once in HISTORY_MAX / 2
 * appends, however large, nor grows by more than HISTORY_MAX lines.
 */
int
history_append(const char *path, const uint32_t *ids, size_t n)
{
	struct stat	 st;
	char		*buf;
	off_t		 before, after, full;
	size_t		 i, torn;
	int		 fd, rv = 0, saved;
	char		 last;

	/* The directories are made only when they are missing. */
	if ((fd = open_locked(path, &st)) == -1) {
		if (errno != ENOENT || file_make_dirs(path) == -1 ||
		    (fd = open_locked(path, &st)) == -1)
			return -1;
	}
	/* A last line cut short must not swallow the first id. */
	torn = st.st_size > 0 && (pread(fd, &last, 1, st.st_size - 1) != 1 ||
	    last != '\n');
	buf = xreallocarray(NULL, n + 1, HISTORY_LINE);
	if (torn)
		buf[0] = '\n';
	for (i = 0; i < n; i++) {
		put_id(buf + torn + i * HISTORY_LINE, ids[i]);
		buf[torn + i * HISTORY_LINE + ID_DIGITS] = '\n';
	}
	/* The lock keeps the size: no other append can come between. */
	full = (off_t)HISTORY_MAX * HISTORY_LINE;
	before = st.st_size;
	after = before + (off_t)(n * HISTORY_LINE + torn);
	if (file_write_all(fd, buf, n * HISTORY_LINE + torn) == -1)
		rv = -1;
	else if (after > full &&
	    (after + full - 1) / full > (before + full - 1) / full)
		rv = compact(fd, path);
	saved = errno;
	free(buf);
	if (close(fd) == -1 && rv == 0)
		return -1;
	errno = saved;
	return rv;
}
