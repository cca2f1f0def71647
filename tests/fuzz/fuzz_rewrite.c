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
 * back what the reader gives (journal_rewrite() of jrewrite.c), and journal
 * merge (journal_merge() of jmerge.c).  The input is a journal file.
 * Repair must move every unreadable record to the side file, and nothing
 * else, and write every record once that the input holds twice byte for
 * byte: the journal it leaves reads without a problem record, with the
 * same distinct records and the same live entries.  Compaction must then
 * keep exactly the live entries, and nothing deleted or superseded, with
 * tombstones enough that merging the input back adds nothing; compacting
 * again changes nothing.  A journal of a later version is refused
 * (ENOTSUP), and so is a file that does not start as a journal (EBADMSG);
 * both are left as they were.
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

/*
 * The live entries of a journal, in file order, each known by its id and
 * body, and listed once: a rewrite writes a byte-identical copy once.
 */
struct live {
	char		**keys;
	size_t		 n;
	size_t		 all;		/* with repeats */
};

/* Records of each kind, and of each kind those of distinct bytes. */
struct kinds {
	size_t		 n[JREC_PROBLEM + 1];
	size_t		 distinct[JREC_PROBLEM + 1];
	bool		 later;		/* of a later version */
	bool		 torn_version;	/* line 1 a version line cut short */
};

static const char	*path;
static const char	*side;
static const char	*input;

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
	input = fuzz_tmpfile_resolved("input");
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
	char		*key;
	size_t		 i;

	l->all++;
	xasprintf(&key, "%s %zu:%.*s", e->id, e->bodylen, (int)e->bodylen,
	    e->bodylen > 0 ? e->body : "");
	for (i = 0; i < l->n; i++)
		if (strcmp(l->keys[i], key) == 0) {
			free(key);
			return;
		}
	l->keys = xreallocarray(l->keys, l->n + 1, sizeof(*l->keys));
	l->keys[l->n++] = key;
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

static void
free_live(struct live *l)
{
	size_t	 i;

	for (i = 0; i < l->n; i++)
		free(l->keys[i]);
	free(l->keys);
}

/* The same live entries; the second is freed. */
static void
same_live(const struct live *a, struct live *b)
{
	size_t	 i;

	CHECK(a->n == b->n);
	for (i = 0; i < a->n; i++)
		CHECK(strcmp(a->keys[i], b->keys[i]) == 0);
	free_live(b);
}

/* What a reading of the journal finds. */
static void
kinds_of(struct kinds *k)
{
	struct jreader	 r;
	struct jevent	 ev;
	struct jbuf	 seen = { NULL, 0, 0 };
	size_t		*off = NULL, *len = NULL, nrec = 0, i;
	FILE		*fp;
	int		 rv;

	memset(k, 0, sizeof(*k));
	if ((fp = fopen(path, "r")) == NULL)
		err(1, "%s", path);
	jreader_init(&r, path, fp);
	while ((rv = jreader_next(&r, &ev)) == 1) {
		k->n[ev.kind]++;
		/* Told by the first record, and not kept after it. */
		k->later = k->later || r.unknown_version;
		if (ev.kind == JREC_PROBLEM && ev.line == 1 &&
		    ev.rawlen >= 10 && memcmp(ev.raw, "%%journal ", 10) == 0)
			k->torn_version = true;
		if (ev.kind == JREC_PROBLEM)
			continue;
		/* A byte-identical copy of an earlier record is no new one. */
		for (i = 0; i < nrec; i++)
			if (len[i] == ev.rawlen &&
			    memcmp(seen.s + off[i], ev.raw, ev.rawlen) == 0)
				break;
		if (i < nrec)
			continue;
		k->distinct[ev.kind]++;
		off = xreallocarray(off, nrec + 1, sizeof(*off));
		len = xreallocarray(len, nrec + 1, sizeof(*len));
		off[nrec] = seen.len;
		len[nrec++] = ev.rawlen;
		jbuf_add(&seen, ev.raw, ev.rawlen);
	}
	CHECK(rv == 0);
	jreader_free(&r);
	fclose(fp);
	free(seen.s);
	free(off);
	free(len);
}

/* Whether a file holds exactly these bytes. */
static bool
holds(const char *file, const uint8_t *data, size_t size)
{
	char	*got;
	size_t	 len;
	bool	 same;

	CHECK(file_read(file, &got, &len) == 0);
	same = len == size && memcmp(got, data, size) == 0;
	free(got);
	return same;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct live	 before, after;
	struct kinds	 k, m;
	struct jrewrite	 res;
	struct jmerge	 merged;
	char		*compacted;
	size_t		 len;
	int		 kind;

	fuzz_write_file(path, data, size);
	unlink(side);
	kinds_of(&k);
	live_of(&before);

	errno = 0;
	if (journal_rewrite(path, JREWRITE_REPAIR, side, &res) == -1) {
		/*
		 * A later version's journal, or a file that does not start
		 * as a journal, only, and left untouched.
		 */
		CHECK((errno == ENOTSUP && k.later) || (errno == EBADMSG &&
		    memcmp(data, "%%journal ", size < 10 ? size : 10) != 0));
		CHECK(holds(path, data, size));
		free_live(&before);
		return 0;
	}
	CHECK(!k.later);
	kinds_of(&m);
	CHECK(m.n[JREC_PROBLEM] == 0);
	for (kind = JREC_ENTRY; kind < JREC_PROBLEM; kind++)
		CHECK(m.n[kind] == k.distinct[kind] &&
		    m.distinct[kind] == m.n[kind]);
	CHECK(res.dropped == k.n[JREC_PROBLEM] - k.torn_version);
	CHECK(res.folded == k.n[JREC_ENTRY] + k.n[JREC_DELETE] +
	    k.n[JREC_UNKNOWN] - k.distinct[JREC_ENTRY] -
	    k.distinct[JREC_DELETE] - k.distinct[JREC_UNKNOWN]);
	live_of(&after);
	same_live(&before, &after);
	/* What was dropped is kept aside. */
	if (res.dropped > 0) {
		CHECK(file_read(side, &compacted, &len) == 0);
		CHECK(len > 0);
		free(compacted);
	}

	/* Compacted: the live entries alone, and nothing dead. */
	CHECK(journal_rewrite(path, JREWRITE_COMPACT, NULL, &res) == 0);
	kinds_of(&m);
	CHECK(m.n[JREC_PROBLEM] == 0);
	live_of(&after);
	CHECK(m.n[JREC_ENTRY] == after.all);
	same_live(&before, &after);
	/* Compacted again: the same bytes. */
	CHECK(file_read(path, &compacted, &len) == 0);
	CHECK(journal_rewrite(path, JREWRITE_COMPACT, NULL, &res) == 0);
	CHECK(res.dropped == 0 && res.folded == 0);
	CHECK(holds(path, (const uint8_t *)compacted, len));

	/* The input merged back: deletions and edits win, nothing added. */
	fuzz_write_file(input, data, size);
	CHECK(journal_merge(path, input, 0, report, NULL, &merged) == 0);
	CHECK(merged.added == 0);
	CHECK(holds(path, (const uint8_t *)compacted, len));
	free(compacted);
	free_live(&before);
	return 0;
}
