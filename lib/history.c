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
 * line (HISTORY_LINE bytes with the newline), oldest first.  Appends take
 * an exclusive lock and O_APPEND; when an append makes the file outgrow
 * HISTORY_MAX lines its newer half replaces it, so that it stays small and
 * no failed write can truncate it.
 */

#define ID_DIGITS	(HISTORY_LINE - 1)	/* an id, before its newline */

static inline uint64_t load_word(const char *);
static inline bool hex_word(uint64_t);
static void	 put_id(char *, uint32_t);
static uint64_t	 id_word(uint32_t);
static inline size_t word_hash(uint64_t);
static int	 open_locked(const char *, struct stat *);
static int	 compact(int, const char *);

/*
 * An id is kept as it is read: its eight digits as one 64-bit word, in
 * the order of memory, which is compared and hashed as it is, without a
 * conversion, since a full history is 8192 of them.
 */
static inline uint64_t
load_word(const char *p)
{
	uint64_t	 w;

	memcpy(&w, p, sizeof(w));
	return w;
}

/*
 * Whether the eight bytes of a word are lower-case hex digits, checked a
 * byte a lane: for bytes below 0x80, adding 0x80 - lo sets the high bit
 * of those at least lo, and adding 0x7f - hi that of those above hi.
 */
static inline bool
hex_word(uint64_t x)
{
	const uint64_t	 ones = 0x0101010101010101ULL;
	const uint64_t	 high = 0x8080808080808080ULL;
	uint64_t	 digit, letter;

	digit = (x + (0x80 - '0') * ones) & ~(x + (0x7f - '9') * ones);
	letter = (x + (0x80 - 'a') * ones) & ~(x + (0x7f - 'f') * ones);
	return (x & high) == 0 && ((digit | letter) & high) == high;
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

/* The word of an id: its eight digits as the history holds them. */
static uint64_t
id_word(uint32_t id)
{
	char	 digits[ID_DIGITS];

	put_id(digits, id);
	return load_word(digits);
}

/* A hash of a word, whose high bits are spread (Fibonacci hashing). */
static inline size_t
word_hash(uint64_t w)
{
	return (size_t)((w * 0x9e3779b97f4a7c15ULL) >> 32);
}

/* Id i of a history read. */
uint32_t
history_id(const struct history *h, size_t i)
{
	char		 digits[ID_DIGITS];
	uint32_t	 id = 0;
	int		 k;

	memcpy(digits, &h->words[i], sizeof(digits));
	for (k = 0; k < ID_DIGITS; k++)
		id = id << 4 | (uint32_t)(digits[k] <= '9' ? digits[k] - '0' :
		    digits[k] - 'a' + 10);
	return id;
}

/*
 * Read a history: its newest HISTORY_MAX lines, all that is ever kept, so
 * that a history grown huge by hand costs no more than a full one.  A
 * missing file is an empty history; a line that is not an id is counted in
 * bad and skipped.
 */
int
history_read(const char *path, struct history *h)
{
	struct stat	 st;
	const char	*p, *end, *nl;
	char		*buf;
	off_t		 from;
	ssize_t		 n;
	size_t		 len, nwords = 0;
	uint64_t	*words, w;
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
	/* A little more than the lines kept, to find where a line starts. */
	len = (size_t)st.st_size;
	if (len > (size_t)HISTORY_MAX * HISTORY_LINE + 64)
		len = (size_t)HISTORY_MAX * HISTORY_LINE + 64;
	if (len == 0) {
		close(fd);
		return 0;
	}
	from = st.st_size - (off_t)len;
	buf = xmalloc(len + 1);
	if ((n = pread(fd, buf, len, from)) == -1) {
		saved = errno;
		free(buf);
		close(fd);
		errno = saved;
		return -1;
	}
	close(fd);
	end = buf + n;
	p = buf;
	if (from > 0 && (p = memchr(buf, '\n', (size_t)n)) != NULL)
		p++;
	/*
	 * The words are stored over the text already read, eight bytes for
	 * each line of eight digits or more, so that a full history takes one
	 * buffer, not two.
	 */
	words = (uint64_t *)(void *)buf;
	for (; p != NULL && p < end; p = nl + 1) {
		/* Nearly every line is eight digits and a newline. */
		if (end - p >= HISTORY_LINE && p[ID_DIGITS] == '\n' &&
		    hex_word(w = load_word(p))) {
			words[nwords++] = w;
			nl = p + ID_DIGITS;
			continue;
		}
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		if (nl - p < ID_DIGITS || !hex_word(w = load_word(p)) ||
		    (nl - p > ID_DIGITS && p[ID_DIGITS] != ' ' &&
		    p[ID_DIGITS] != '\t')) {
			if (nl > p)
				h->bad++;
			continue;
		}
		words[nwords++] = w;
	}
	h->words = words;
	h->n = nwords;
	return 0;
}

void
history_free(struct history *h)
{
	free(h->words);
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
	struct slot {
		uint64_t	 word;
		bool		 used;
		bool		 seen;
	}		*table, *t;
	uint64_t	 filter[512], *words, w;
	size_t		 size, mask, i, hash, distinct = 0, nseen = 0;
	size_t		 nfresh = 0;

	if (n == 0)
		return 0;
	/*
	 * An open-addressing set of the words of the selection's ids, at
	 * most half full.
	 */
	for (size = 16; size < 2 * n; size *= 2)
		continue;
	mask = size - 1;
	table = xcalloc(size, sizeof(*table));
	words = xreallocarray(NULL, n, sizeof(*words));
	/*
	 * And a bit for each value of 15 bits of their hash, so that most
	 * words of the history not in the selection are passed over without
	 * a probe of the table.
	 */
	memset(filter, 0, sizeof(filter));
	for (i = 0; i < n; i++) {
		words[i] = id_word(ids[i]);
		hash = word_hash(words[i]);
		for (t = &table[hash & mask]; t->used && t->word != words[i];
		    t = &table[(size_t)(t - table + 1) & mask])
			continue;
		if (!t->used) {
			t->used = true;
			t->word = words[i];
			distinct++;
		}
		hash >>= 17;
		filter[hash >> 6 & 511] |= (uint64_t)1 << (hash & 63);
	}
	for (i = h->n; i > 0 && nseen + 1 < distinct; i--) {
		w = h->words[i - 1];
		hash = word_hash(w);
		if ((filter[hash >> 23 & 511] &
		    (uint64_t)1 << (hash >> 17 & 63)) == 0)
			continue;
		for (t = &table[hash & mask]; t->used && t->word != w;
		    t = &table[(size_t)(t - table + 1) & mask])
			continue;
		if (t->used && !t->seen) {
			t->seen = true;
			nseen++;
		}
	}
	for (i = 0; i < n; i++) {
		for (t = &table[word_hash(words[i]) & mask];
		    t->word != words[i];
		    t = &table[(size_t)(t - table + 1) & mask])
			continue;
		fresh[i] = !t->seen;
		nfresh += fresh[i];
	}
	free(words);
	free(table);
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
	if (len > keep * HISTORY_LINE + 64)
		len = keep * HISTORY_LINE + 64;
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
	rv = file_replace(path, start, (size_t)(buf + len - start), 0600,
	    false);
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
