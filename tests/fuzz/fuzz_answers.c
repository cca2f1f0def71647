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
 * fuzz_answers: the answer lines of score -i (answers_read() of
 * checkin.c), item=value, read from a stream over a fixed instrument.  The
 * input is the stream.  Answers that are read must each be a whole number
 * on its item's scale, counted right, with every other item unanswered;
 * their scores must lie on the scale; the check-in entry they make must be
 * one the journal writes and reads back.  A stream that is not read must
 * say so as NAME:LINE: what.
 */

#include "config.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rapport.h"
#include "fuzzutil.h"

static struct instrument in;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_set_tz("UTC");
	fuzz_fixed_instrument(&in);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct jentry	 e;
	struct jreader	 r;
	struct jevent	 ev;
	char		 err[ERRBUF_SIZE], *rec;
	double		 dims[8], total;
	size_t		 i, len, lines, line;
	int		 answers[CHECKIN_ITEMS_MAX], count, n;
	FILE		*fp;

	fp = fuzz_open_input(data, size);
	lines = fuzz_count_lines(data, size);
	err[0] = '\0';
	count = answers_read(&in, fp, "fuzz", answers, err, sizeof(err));
	fclose(fp);
	if (count == -1) {
		line = fuzz_error_line(err);
		CHECK(line >= 1 && line <= lines);
		return 0;
	}
	for (i = 0, n = 0; i < in.nitems; i++) {
		if (answers[i] == CHECKIN_NONE)
			continue;
		CHECK(answers[i] >= in.items[i].min &&
		    answers[i] <= in.items[i].max);
		n++;
	}
	CHECK(n == count);

	checkin_score(&in, answers, dims, &total);
	for (i = 0; i < in.ndims; i++)
		CHECK(isnan(dims[i]) || (dims[i] >= in.min &&
		    dims[i] <= in.max));
	CHECK(isnan(total) || (total >= in.min && total <= in.max));
	CHECK(isnan(total) == isnan(checkin_total(&in, dims)));

	if (checkin_entry(&in, answers, 1767225600, &e) == -1) {
		CHECK(count == 0);
		return 0;
	}
	CHECK(count > 0);
	strlcpy(e.id, "fuzz0000", sizeof(e.id));
	CHECK(journal_format_entry(&e, &rec, &len) == 0);
	jreader_init_mem(&r, "fuzz", rec, len);
	CHECK(jreader_next(&r, &ev) == 1 && ev.kind == JREC_ENTRY &&
	    ev.problem == NULL);
	jreader_free(&r);
	free(rec);
	jentry_free(&e);
	return 0;
}
