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
 * fuzz_history: the prompt history (history.c).  The input is a count
 * byte and the text of a history file, which is written that many times
 * over (up to 128) to a temporary file, so that files larger than the
 * part history_read() reads are tried too.  The ids read must be those of
 * the lines of that part, each eight lower-case hex digits alone or
 * before a blank, every other non-empty line counted bad; ids appended
 * to any history must be read back as its newest; and history_unseen()
 * must leave something fresh, and every id the history lacks.
 */

#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rapport.h"
#include "fuzzutil.h"

/* What history_read() reads of a file: its last bytes, as many as this. */
#define WINDOW	((size_t)HISTORY_MAX * 9 + 64)

static const char	*path;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_tmpdir("fuzz_history");
	path = fuzz_tmpfile("history");
	return 0;
}

static bool
hex8(const char *p)
{
	int	 i;

	for (i = 0; i < 8; i++)
		if (!((p[i] >= '0' && p[i] <= '9') || (p[i] >= 'a' &&
		    p[i] <= 'f')))
			return false;
	return true;
}

/* The ids and bad lines of a file's text, as history(5) has them. */
struct expected {
	uint32_t	*ids;
	size_t		 n;
	size_t		 bad;
};

static void
expect(const char *buf, size_t size, struct expected *h)
{
	const char	*p, *end = buf + size, *nl;
	size_t		 len;

	memset(h, 0, sizeof(*h));
	if ((h->ids = calloc(size / 9 + 1, sizeof(*h->ids))) == NULL)
		abort();
	p = buf;
	if (size > WINDOW) {
		p = end - WINDOW;
		/* The read began mid-line: the line is left out. */
		if ((p = memchr(p, '\n', WINDOW)) == NULL)
			return;
		p++;
	}
	for (; p < end; p = nl + 1) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		len = (size_t)(nl - p);
		if (len >= 8 && hex8(p) && (len == 8 || p[8] == ' ' ||
		    p[8] == '\t'))
			h->ids[h->n++] = (uint32_t)strtoul(
			    (char[9]){ p[0], p[1], p[2], p[3], p[4], p[5],
			    p[6], p[7], '\0' }, NULL, 16);
		else if (len > 0)
			h->bad++;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct history	 h;
	struct expected	 want;
	uint32_t	 ids[64], add[2];
	bool		 fresh[64], found;
	char		*buf;
	size_t		 len, times, i, j, n, nfresh;

	if (size < 1)
		return 0;
	times = data[0] & 0x80 ? (data[0] & 0x7f) + 1 : 1;
	len = (size - 1) * times;
	if ((buf = malloc(len + 1)) == NULL)
		abort();
	for (i = 0; i < times; i++)
		memcpy(buf + i * (size - 1), data + 1, size - 1);
	fuzz_write_file(path, buf, len);

	CHECK(history_read(path, &h) == 0);
	expect(buf, len, &want);
	CHECK(h.n == want.n && h.bad == want.bad);
	for (i = 0; i < h.n; i++)
		CHECK(h.ids[i] == want.ids[i]);
	free(want.ids);

	/* The ids of the input's words: some seen, some not. */
	n = (size - 1) / 4 < 64 ? (size - 1) / 4 : 64;
	for (i = 0; i < n; i++)
		ids[i] = (uint32_t)data[1 + 4 * i] << 24 |
		    (uint32_t)data[2 + 4 * i] << 16 |
		    (uint32_t)data[3 + 4 * i] << 8 | data[4 + 4 * i];
	nfresh = history_unseen(&h, ids, n, fresh);
	CHECK(n == 0 ? nfresh == 0 : nfresh >= 1);
	for (i = 0, j = 0; i < n; i++) {
		j += fresh[i];
		for (found = false, len = 0; len < h.n && !found; len++)
			found = h.ids[len] == ids[i];
		CHECK(found || fresh[i]);
	}
	CHECK(j == nfresh);
	history_free(&h);

	/* Appended to whatever is there, and read back as the newest. */
	add[0] = prompt_id((const char *)data, size);
	add[1] = ~add[0];
	CHECK(history_append(path, add, 2) == 0);
	CHECK(history_read(path, &h) == 0);
	CHECK(h.n >= 2 && h.ids[h.n - 2] == add[0] && h.ids[h.n - 1] == add[1]);
	history_free(&h);
	free(buf);
	return 0;
}
