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
 * (jrnl_read() of jrnl.c).  The input is the journal.  A stream in memory
 * has no read error, so jrnl_read() must return 0; every entry it hands
 * over must have a valid id and timestamp and valid tags, and a body of
 * text ending in a newline; and journal import must be able to write each
 * entry whose body is UTF-8 without NUL, and read it back the same.
 */

#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rapport.h"

int	 LLVMFuzzerInitialize(int *, char ***);
int	 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

#define CHECK(c)	do { if (!(c)) { fprintf(stderr,		\
	"%s:%d: %s\n", __FILE__, __LINE__, #c); abort(); } } while (0)

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	/* jrnl writes local times: a zone with summer time and half hours. */
	setenv("TZ", "XST3:30XDT,M10.3.0/0,M2.3.0/0", 1);
	tzset();
	return 0;
}

static bool
utf8_ok(const char *s, size_t n)
{
	uint32_t	 cp;
	size_t		 i, k;

	for (i = 0; i < n; i += k) {
		if (s[i] == '\0')
			return false;
		if ((k = utf8_decode(s + i, n - i, &cp)) == 0)
			return false;
	}
	return true;
}

static int
entry(const struct jentry *e, void *arg)
{
	struct jtime	 t;
	struct jreader	 r;
	struct jevent	 ev;
	char		*rec;
	size_t		 len, i, *n = arg;

	(*n)++;
	CHECK(strlen(e->id) == JOURNAL_ID_LEN);
	CHECK(journal_parse_time(e->ts, &t) == 0 && !t.allday);
	CHECK(t.utc == e->time.utc);
	for (i = 0; i < e->ntags; i++)
		CHECK(journal_valid_tag(e->tags[i]));
	CHECK(e->bodylen > 0 && e->body[e->bodylen - 1] == '\n');
	if (!utf8_ok(e->body, e->bodylen))
		return 0;
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

static void
report(const char *name, size_t line, const char *what, void *arg)
{
	(void)arg;
	CHECK(strcmp(name, "fuzz") == 0 && line > 0 && what != NULL);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t	 n = 0;
	FILE	*fp;

	fp = size == 0 ? fopen("/dev/null", "r") :
	    fmemopen((void *)data, size, "r");
	if (fp == NULL)
		abort();
	CHECK(jrnl_read(fp, "fuzz", entry, report, &n) == 0);
	fclose(fp);
	return 0;
}
