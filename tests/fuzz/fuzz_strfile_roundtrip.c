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
 * fuzz_strfile_roundtrip: what the indexer writes, the reader accepts with
 * the same records.  The input is an options byte (-i -o -r -x), a
 * delimiter byte (% unless its top bit is set) and the text.  The index
 * strfile_build() makes must point at the strings a reader of strfile(8)'s
 * format finds by itself, lines of only the delimiter apart and empty
 * ones dropped, with their longest and shortest lengths; sorted or
 * shuffled, at the same strings; and strfile_encode() then
 * strfile_decode(), or strfile_write() then strfile_read(), must give it
 * back unchanged, which strfile_fresh() takes as fresh for the text.
 */

#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rapport.h"
#include "fuzzutil.h"

static const char	*dat;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_tmpdir("fuzz_strfile_rt");
	dat = fuzz_tmpfile("text.dat");
	return 0;
}

/* A line of the delimiter alone (a newline is no delimiter: it ends one). */
static bool
is_delim(const char *text, size_t size, size_t ls, int delim)
{
	return size - ls >= 2 && (unsigned char)text[ls] == delim &&
	    delim != '\n' && text[ls + 1] == '\n';
}

/*
 * The strings of the text as a reader of the format finds them: starts
 * and lengths of the runs of bytes between delimiter lines, empty runs
 * left out.
 */
static size_t
strings_of(const char *text, size_t size, int delim, uint64_t *start,
    uint64_t *len)
{
	const char	*nl;
	size_t		 ls, le, rs = 0, n = 0;

	for (ls = 0; ls <= size; ls = le) {
		if (ls < size) {
			nl = memchr(text + ls, '\n', size - ls);
			le = nl == NULL ? size : (size_t)(nl - text) + 1;
		} else
			le = size + 1;
		if (ls == size || is_delim(text, size, ls, delim)) {
			if (ls > rs) {
				start[n] = rs;
				len[n++] = ls - rs;
			}
			rs = ls + 2;
		}
	}
	return n;
}

/* What a reader prints from an offset: up to a delimiter line or the end. */
static size_t
read_at(const char *text, size_t size, uint64_t off, int delim)
{
	const char	*nl;
	size_t		 ls;

	for (ls = off; ls < size && !is_delim(text, size, ls, delim); ) {
		nl = memchr(text + ls, '\n', size - ls);
		ls = nl == NULL ? size : (size_t)(nl - text) + 1;
	}
	return ls - off;
}

static char
first_alnum(const char *text, size_t size, uint64_t off, bool igncase)
{
	size_t	 i;
	char	 c;

	for (i = off; i < size && text[i] != '\n'; i++) {
		c = text[i];
		if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z'))
			return c;
		if (c >= 'A' && c <= 'Z')
			return igncase ? c + 'a' - 'A' : c;
	}
	return '\0';
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct strfile	 plain, sf, back;
	struct stat	 st;
	struct rng	 rng;
	unsigned char	*buf;
	const char	*text;
	uint64_t	*start, *len, *sorted;
	uint64_t	 longest = 0, shortest = 0xffffffff;
	size_t		 n, i, blen, fresh;
	int		 opts, delim;

	if (size < 2)
		return 0;
	opts = data[0] & 0xf;
	delim = data[1] & 0x80 ? data[1] & 0x7f : '%';
	text = (const char *)data + 2;
	size -= 2;

	/* At most one string per two bytes, and one more. */
	start = calloc(size / 2 + 2, sizeof(*start));
	len = calloc(size / 2 + 2, sizeof(*len));
	if (start == NULL || len == NULL)
		abort();
	n = strings_of(text, size, delim, start, len);

	CHECK(strfile_build(&plain, text, size, delim, 0, NULL) == 0);
	CHECK(plain.numstr == n && plain.version == STRFILE_VERSION);
	CHECK(plain.flags == 0 && plain.delim == (unsigned char)delim);
	CHECK(plain.offsets[n] == size);
	for (i = 0; i < n; i++) {
		CHECK(plain.offsets[i] == start[i]);
		CHECK(read_at(text, size, plain.offsets[i], delim) == len[i]);
		if (len[i] > longest)
			longest = len[i];
		if (len[i] < shortest)
			shortest = len[i];
	}
	CHECK(plain.longlen == (n == 0 ? 0 : longest));
	CHECK(plain.shortlen == shortest);

	rng_init_seed(&rng, 0x5eed);
	CHECK(strfile_build(&sf, text, size, delim, opts, &rng) == 0);
	CHECK(sf.numstr == n && sf.offsets[n] == size);
	CHECK(sf.longlen == plain.longlen && sf.shortlen == plain.shortlen);
	CHECK(!!(sf.flags & STR_ORDERED) == !!(opts & STRFILE_OPT_ORDER));
	CHECK(!!(sf.flags & STR_RANDOM) == ((opts & STRFILE_OPT_RANDOM) &&
	    !(opts & STRFILE_OPT_ORDER)));
	CHECK(!!(sf.flags & STR_ROTATED) == !!(opts & STRFILE_OPT_ROTATED));
	/* Sorted or shuffled, the same strings. */
	if ((sorted = calloc(n + 1, sizeof(*sorted))) == NULL)
		abort();
	memcpy(sorted, sf.offsets, n * sizeof(*sorted));
	qsort(sorted, n, sizeof(*sorted), fuzz_cmp_u64);
	CHECK(memcmp(sorted, plain.offsets, n * sizeof(*sorted)) == 0);
	free(sorted);
	if (sf.flags & STR_ORDERED)
		for (i = 1; i < n; i++)
			CHECK(first_alnum(text, size, sf.offsets[i - 1],
			    opts & STRFILE_OPT_IGNCASE) <=
			    first_alnum(text, size, sf.offsets[i],
			    opts & STRFILE_OPT_IGNCASE));

	/* Encoded and decoded, or written and read: the same index. */
	CHECK(strfile_encode(&sf, &buf, &blen) == 0);
	CHECK(blen == STRFILE_HDRSIZE + (n + 1) * 4);
	CHECK(strfile_decode(&back, buf, blen) == 0);
	fuzz_same_strfile(&sf, &back);
	strfile_free(&back);
	free(buf);
	CHECK(strfile_write(dat, &sf) == 0);
	CHECK(strfile_read(dat, &back) == 0);
	fuzz_same_strfile(&sf, &back);
	strfile_free(&back);
	memset(&st, 0, sizeof(st));
	st.st_size = (off_t)size;
	if (delim == '%') {
		CHECK(strfile_fresh(dat, &st, &fresh) == 0);
		CHECK(fresh == n);
	} else
		CHECK(strfile_fresh(dat, &st, &fresh) == -1);

	strfile_free(&sf);
	strfile_free(&plain);
	free(start);
	free(len);
	return 0;
}
