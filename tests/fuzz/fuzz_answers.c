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

int	 LLVMFuzzerInitialize(int *, char ***);
int	 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

#define CHECK(c)	do { if (!(c)) { fprintf(stderr,		\
	"%s:%d: %s\n", __FILE__, __LINE__, #c); abort(); } } while (0)

static const char instrument_text[] =
	"title Fuzz check-in\n"
	"scale 1 never\nscale 2 rarely\nscale 3 sometimes\n"
	"scale 4 often\nscale 5 always\n"
	"dimension care checkin care and support\n"
	"item care_ask did + I asked how they were.\n"
	"item care_count felt + I could count on them.\n"
	"item care_alone felt - I felt alone with it.\n"
	"dimension open feelings openness\n"
	"item open_share did + I told them what was on my mind.\n"
	"item open_hold did - I kept a worry to myself.\n"
	"circles closeness How close did you feel?\n"
	"global happiness 0 6 How happy were you?\n"
	"anchor 0 not at all\nanchor 6 very\n";

static struct instrument in;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char	 err[ERRBUF_SIZE];

	(void)argc;
	(void)argv;
	setenv("TZ", "UTC", 1);
	tzset();
	if (instrument_parse(&in, "fuzz", instrument_text,
	    sizeof(instrument_text) - 1, err, sizeof(err)) == -1) {
		fprintf(stderr, "%s\n", err);
		abort();
	}
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct jentry	 e;
	struct jreader	 r;
	struct jevent	 ev;
	char		 err[ERRBUF_SIZE], *rec, *end;
	double		 dims[8], total;
	size_t		 i, len, lines, line;
	int		 answers[CHECKIN_ITEMS_MAX], count, n;
	FILE		*fp;

	/* fmemopen(3) takes no empty buffer: /dev/null is one. */
	fp = size == 0 ? fopen("/dev/null", "r") :
	    fmemopen((void *)data, size, "r");
	if (fp == NULL)
		abort();
	for (i = 0, lines = 1; i < size; i++)
		lines += data[i] == '\n';
	err[0] = '\0';
	count = answers_read(&in, fp, "fuzz", answers, err, sizeof(err));
	fclose(fp);
	if (count == -1) {
		CHECK(strncmp(err, "fuzz:", 5) == 0);
		line = strtoul(err + 5, &end, 10);
		CHECK(line >= 1 && line <= lines && end[0] == ':');
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
