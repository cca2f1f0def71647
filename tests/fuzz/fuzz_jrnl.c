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
 * fuzz_jrnl: jrnl's plain-text journals, as journal import reads them
 * (jrnl_read() of import_jrnl.c).  The input is the journal.  A stream in
 * memory has no read error, so jrnl_read() must return 0; every entry it
 * hands over must have a valid id of its own, no other entry's, a valid
 * timestamp and valid tags, and a body of UTF-8 without NUL ending in a
 * newline, whatever bytes the input holds; and journal import must be
 * able to write each entry and read it back the same.
 */

#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rapport.h"
#include "fuzzutil.h"

/* The ids handed over so far. */
struct ids {
	char	(*v)[JOURNAL_ID_MAX + 1];
	size_t	 n;
};

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	/* jrnl writes local times: a zone with summer time and half hours. */
	fuzz_set_tz(FUZZ_TZ_ODD);
	return 0;
}

static int
entry(const struct jentry *e, void *arg)
{
	struct jtime	 t;
	struct jreader	 r;
	struct jevent	 ev;
	struct ids	*ids = arg;
	char		*rec;
	size_t		 len, i;

	CHECK(strlen(e->id) == JOURNAL_ID_LEN);
	for (i = 0; i < ids->n; i++)
		CHECK(strcmp(ids->v[i], e->id) != 0);
	ids->v = xreallocarray(ids->v, ids->n + 1, sizeof(*ids->v));
	strlcpy(ids->v[ids->n++], e->id, sizeof(*ids->v));
	CHECK(journal_parse_time(e->ts, &t) == 0 && !t.allday);
	CHECK(t.utc == e->time.utc);
	for (i = 0; i < e->ntags; i++)
		CHECK(journal_valid_tag(e->tags[i]));
	CHECK(e->bodylen > 0 && e->body[e->bodylen - 1] == '\n');
	CHECK(fuzz_utf8_ok(e->body, e->bodylen));
	/* What journal import does with it. */
	CHECK(journal_format_entry(e, &rec, &len) == 0);
	jreader_init_mem(&r, "fuzz", rec, len);
	CHECK(jreader_next(&r, &ev) == 1 && ev.kind == JREC_ENTRY &&
	    ev.problem == NULL);
	CHECK(ev.entry.bodylen == e->bodylen &&
	    memcmp(ev.entry.body, e->body, e->bodylen) == 0);
	CHECK(ev.entry.ntags == e->ntags && ev.entry.starred == e->starred);
	jreader_free(&r);
	free(rec);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ids	 ids = { NULL, 0 };
	FILE		*fp;

	fp = fuzz_open_input(data, size);
	CHECK(jrnl_read(fp, "fuzz", entry, fuzz_report, &ids) == 0);
	fclose(fp);
	free(ids.v);
	return 0;
}
