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
 * fuzz_instrument: the instrument file of score (checkin.c, checkin(5)).
 * The input is the file's text.  An instrument that is read must be one
 * score can use: a title, a scale of 2 to 11 points each with its label,
 * dimensions of at least two items each, keys that are journal rating
 * keys and distinct, items whose range is that of their scale; its
 * scores must lie on the scale, and the check-in entry made from any
 * answers must be one the journal writes and reads back.  A file that is
 * not read must say so as FILE:LINE: what.
 */

#include "config.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rapport.h"
#include "fuzzutil.h"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_set_tz("UTC");
	return 0;
}

static bool
key_ok(const char *s)
{
	size_t	 n = strlen(s);

	return n > 0 && n < JOURNAL_KEY_MAX && s[0] >= 'a' && s[0] <= 'z' &&
	    strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789_") == n &&
	    strcmp(s, CHECKIN_TOTAL) != 0 && strcmp(s, "prompt") != 0 &&
	    strcmp(s, "supersedes") != 0;
}

static void
check_valid(const struct instrument *in)
{
	const struct citem	*it;
	size_t			 i, j, n;
	int			 v;

	CHECK(in->title != NULL && in->title[0] != '\0');
	CHECK(in->min < in->max && in->max - in->min < CHECKIN_POINTS_MAX);
	for (v = 0; v < CHECKIN_POINTS_MAX; v++)
		CHECK((in->labels[v] != NULL) == (v <= in->max - in->min));
	CHECK(in->ndims > 0 && in->nitems <= CHECKIN_ITEMS_MAX);
	for (i = 0; i < in->ndims; i++) {
		CHECK(key_ok(in->dims[i].key));
		CHECK(in->dims[i].name != NULL);
		for (j = 0, n = 0; j < in->nitems; j++)
			n += in->items[j].dim == i;
		CHECK(n == in->dims[i].nitems && n >= 2);
		CHECK(instrument_find_dim(in, in->dims[i].key) ==
		    (ssize_t)i);
		CHECK(instrument_find(in, in->dims[i].key) == -1);
	}
	for (i = 0; i < in->nitems; i++) {
		it = &in->items[i];
		CHECK(key_ok(it->key) && it->text != NULL);
		CHECK(instrument_find(in, it->key) == (ssize_t)i);
		CHECK(it->min < it->max &&
		    it->max - it->min < CHECKIN_POINTS_MAX);
		if (it->dim != CHECKIN_NOWHERE) {
			CHECK(it->dim < in->ndims);
			CHECK(it->min == in->min && it->max == in->max);
		} else if (it->circles)
			CHECK(it->min == 1 && it->max == 7);
		for (v = 0; v < CHECKIN_POINTS_MAX; v++)
			CHECK(it->anchors[v] == NULL ||
			    (it->dim == CHECKIN_NOWHERE && !it->circles &&
			    v <= it->max - it->min));
	}
}

/* Answers made from the input's bytes, some items left out. */
static void
check_scores(const struct instrument *in, const uint8_t *data, size_t size)
{
	struct jentry	 e;
	struct jreader	 r;
	struct jevent	 ev;
	const char	*band;
	char		*rec, buf[16], err[ERRBUF_SIZE];
	double		*dims, total;
	size_t		 i, len;
	int		 answers[CHECKIN_ITEMS_MAX], v, range;

	for (i = 0; i < in->nitems; i++) {
		range = in->items[i].max - in->items[i].min + 2;
		v = size == 0 ? 0 : data[i % size] % range;
		answers[i] = v == range - 1 ? CHECKIN_NONE :
		    in->items[i].min + v;
		if (answers[i] != CHECKIN_NONE) {
			snprintf(buf, sizeof(buf), "%d", answers[i]);
			CHECK(answer_value(in, i, buf, &v, err,
			    sizeof(err)) == 0 && v == answers[i]);
		}
		snprintf(buf, sizeof(buf), "%d", in->items[i].max + 1);
		CHECK(answer_value(in, i, buf, &v, err, sizeof(err)) == -1);
	}
	if ((dims = calloc(in->ndims, sizeof(*dims))) == NULL)
		abort();
	checkin_score(in, answers, dims, &total);
	for (i = 0; i < in->ndims; i++)
		CHECK(isnan(dims[i]) ||
		    (dims[i] >= in->min && dims[i] <= in->max));
	CHECK(isnan(total) || (total >= in->min && total <= in->max));
	if (!isnan(total)) {
		band = instrument_band(in, total);
		CHECK(band != NULL);
	}
	free(dims);

	if (checkin_entry(in, answers, 1767225600, &e) == -1) {
		for (i = 0; i < in->nitems; i++)
			CHECK(answers[i] == CHECKIN_NONE);
		return;
	}
	/* An id of its own: a new one is random. */
	strlcpy(e.id, "fuzz0000", sizeof(e.id));
	CHECK(journal_format_entry(&e, &rec, &len) == 0);
	jreader_init_mem(&r, "fuzz", rec, len);
	CHECK(jreader_next(&r, &ev) == 1 && ev.kind == JREC_ENTRY &&
	    ev.problem == NULL);
	CHECK(ev.entry.bodylen == e.bodylen && ev.entry.nratings ==
	    e.nratings);
	jreader_free(&r);
	free(rec);
	jentry_free(&e);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct instrument	 in;
	const char		*text = (const char *)data;
	char			 err[ERRBUF_SIZE];
	size_t			 lines, line;

	lines = fuzz_count_lines(data, size);
	err[0] = '\0';
	if (instrument_parse(&in, "fuzz", text, size, err,
	    sizeof(err)) == -1) {
		line = fuzz_error_line(err);
		/* A whole file's problem is told at its last line. */
		CHECK(line <= lines);
		CHECK(in.items == NULL && in.dims == NULL && in.title == NULL);
		return 0;
	}
	check_valid(&in);
	check_scores(&in, data, size);
	instrument_free(&in);
	return 0;
}
