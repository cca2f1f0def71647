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
 * fuzz_rewrite: journal check --repair and journal compact, which write
 * back what the reader gives (journal_rewrite() of jfile.c).  The input
 * is a journal file.  Repair must move every unreadable record to the
 * side file, and nothing else: the journal it leaves reads without a
 * problem record, with the same records and the same live entries.
 * Compaction must then keep exactly the live entries, and nothing deleted
 * or superseded.  A journal of a later version is refused (ENOTSUP) and
 * left as it was.
 */

#include "config.h"

#include <err.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rapport.h"
#include "fuzzutil.h"

/* The live entries of a journal: their ids and bodies, in file order. */
struct live {
	struct jbuf	 b;
	size_t		 n;
};

static const char	*path;
static const char	*side;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_set_tz("UTC");
	/* Every rewrite is flushed to disk: TMPDIR may be a tmpfs. */
	fuzz_tmpdir("fuzz_rewrite");
	/* The lock is made beside the journal's real path. */
	path = fuzz_tmpfile_resolved("journal");
	(void)fuzz_tmpfile_resolved("journal.lock");
	side = fuzz_tmpfile_resolved("journal.damaged");
	return 0;
}

static void
report(const char *name, size_t line, const char *what, void *arg)
{
	(void)name;
	(void)line;
	(void)what;
	(void)arg;
}

static void
add_live(const struct jentry *e, void *arg)
{
	struct live	*l = arg;
	char		 n[32];

	jbuf_add(&l->b, e->id, strlen(e->id) + 1);
	snprintf(n, sizeof(n), "%zu:", e->bodylen);
	jbuf_add(&l->b, n, strlen(n));
	if (e->bodylen > 0)
		jbuf_add(&l->b, e->body, e->bodylen);
	l->n++;
}

static void
live_of(struct live *l)
{
	FILE	*fp;

	memset(l, 0, sizeof(*l));
	if ((fp = fopen(path, "r")) == NULL)
		err(1, "%s", path);
	CHECK(journal_each_live(fp, path, add_live, report, l) == 0);
	fclose(fp);
}

/* The same live entries; the second is freed. */
static void
same_live(const struct live *a, struct live *b)
{
	CHECK(a->n == b->n && a->b.len == b->b.len);
	CHECK(a->b.len == 0 || memcmp(a->b.s, b->b.s, a->b.len) == 0);
	free(b->b.s);
}

/*
 * What a reading of the journal finds: records of each kind, whether it
 * is of a later version, and whether its first line is a version line
 * cut short, which a rewrite writes anew rather than move aside.
 */
static void
kinds(size_t *n, bool *later, bool *torn_version)
{
	struct jreader	 r;
	struct jevent	 ev;
	FILE		*fp;
	int		 i, rv;

	for (i = 0; i <= JREC_PROBLEM; i++)
		n[i] = 0;
	*later = *torn_version = false;
	if ((fp = fopen(path, "r")) == NULL)
		err(1, "%s", path);
	jreader_init(&r, path, fp);
	while ((rv = jreader_next(&r, &ev)) == 1) {
		n[ev.kind]++;
		/* Told by the first record, and not kept after it. */
		*later = *later || r.unknown_version;
		if (ev.kind == JREC_PROBLEM && ev.line == 1 &&
		    ev.rawlen >= 10 && memcmp(ev.raw, "%%journal ", 10) == 0)
			*torn_version = true;
	}
	CHECK(rv == 0);
	jreader_free(&r);
	fclose(fp);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct live	 before, after;
	size_t		 n[JREC_PROBLEM + 1], m[JREC_PROBLEM + 1], dropped;
	size_t		 len;
	char		*got;
	bool		 later, torn_version, tv;

	fuzz_write_file(path, data, size);
	unlink(side);
	kinds(n, &later, &torn_version);
	live_of(&before);

	errno = 0;
	if (journal_rewrite(path, JREWRITE_REPAIR, side, &dropped) == -1) {
		/* A later version's journal only, and left untouched. */
		CHECK(errno == ENOTSUP && later);
		CHECK(file_read(path, &got, &len) == 0);
		CHECK(len == size && memcmp(got, data, size) == 0);
		free(got);
		free(before.b.s);
		return 0;
	}
	CHECK(!later);
	kinds(m, &later, &tv);
	CHECK(m[JREC_PROBLEM] == 0);
	CHECK(m[JREC_ENTRY] == n[JREC_ENTRY]);
	CHECK(m[JREC_DELETE] == n[JREC_DELETE]);
	CHECK(m[JREC_UNKNOWN] == n[JREC_UNKNOWN]);
	CHECK(dropped == n[JREC_PROBLEM] - torn_version);
	live_of(&after);
	same_live(&before, &after);
	/* What was dropped is kept aside. */
	if (dropped > 0) {
		CHECK(file_read(side, &got, &len) == 0);
		CHECK(len > 0);
		free(got);
	}

	/* Compacted: the live entries alone, and nothing dead. */
	CHECK(journal_rewrite(path, JREWRITE_COMPACT, NULL, &dropped) == 0);
	kinds(m, &later, &tv);
	CHECK(m[JREC_PROBLEM] == 0 && m[JREC_DELETE] == 0);
	CHECK(m[JREC_ENTRY] == before.n);
	live_of(&after);
	same_live(&before, &after);
	free(before.b.s);
	return 0;
}
