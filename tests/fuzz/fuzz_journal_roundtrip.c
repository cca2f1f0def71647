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
 * fuzz_journal_roundtrip: the journal's promises (journal.c, journal(5)).
 *
 *  - Any body appended is read back byte-identical: journal_format_entry()
 *    writes every body that is UTF-8 without NUL, and refuses (EILSEQ)
 *    only the others; the record it makes reads back as the same entry.
 *  - Any journal cut at any byte reads back every complete record, whole
 *    and unchanged, and nothing of the cut one but a problem; and a record
 *    appended to the cut journal with journal_append() reads back too,
 *    after the cut record, even one cut right before its last newline,
 *    which is still nothing but a problem: journal_append() ends its line
 *    with JOURNAL_TORN_MARK.
 *  - Whatever journal_valid_tag() and journal_valid_rating() take from a
 *    command line can be written and read back.
 *
 * The input: a flags byte (star, all-day, prompt=, supersedes=, number of
 * records), four bytes of the cut, words for tags (@word) and ratings
 * (key=value) up to a NUL, then bodies, three NULs apart.
 */

#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rapport.h"
#include "fuzzutil.h"

#define MAXREC	4
#define MAGIC	JOURNAL_MAGIC "\n"
#define MAGICLEN	(sizeof(MAGIC) - 1)

static const char	*path;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_set_tz("UTC");
	/* journal_append() flushes to disk: TMPDIR may be a tmpfs. */
	fuzz_tmpdir("fuzz_jrt");
	path = fuzz_tmpfile("journal");
	/* Its lock, made beside its real path, is removed at exit too. */
	(void)fuzz_tmpfile_resolved("journal.lock");
	return 0;
}

/* The fields of an entry, from the flags and the words. */
static void
fields(struct jentry *e, int flags, const char *words, size_t i)
{
	const char	*errstr;
	char		*copy, *w, *p, *eq;
	size_t		 k;
	bool		 dup;

	snprintf(e->id, sizeof(e->id), "k7q2m9x%u", (unsigned int)i);
	strlcpy(e->ts, flags & 0x02 ? "2025-11-03" :
	    "2025-11-03T21:14:05+01:00", sizeof(e->ts));
	CHECK(journal_parse_time(e->ts, &e->time) == 0);
	e->starred = (flags & 0x01) != 0;
	if (flags & 0x04)
		strlcpy(e->prompt, "0123abcd", sizeof(e->prompt));
	if ((flags & 0x08) && i > 0)
		snprintf(e->supersedes, sizeof(e->supersedes), "k7q2m9x%u",
		    (unsigned int)i - 1);
	if ((copy = strdup(words)) == NULL)
		abort();
	for (p = copy; (w = strsep(&p, " \n")) != NULL; ) {
		if (w[0] == '@' && journal_valid_tag(w + 1)) {
			e->tags = xreallocarray(e->tags, e->ntags + 1,
			    sizeof(*e->tags));
			e->tags[e->ntags++] = xstrdup(w + 1);
		} else if (strchr(w, '=') != NULL &&
		    journal_valid_rating(w, &errstr)) {
			CHECK(errstr == NULL);
			eq = strchr(w, '=');
			*eq = '\0';
			for (k = 0, dup = false; k < e->nratings; k++)
				dup = dup || strcmp(e->ratings[k].key, w) == 0;
			if (dup)
				continue;
			e->ratings = xreallocarray(e->ratings,
			    e->nratings + 1, sizeof(*e->ratings));
			CHECK(strlen(w) < sizeof(e->ratings[0].key));
			CHECK(strlen(eq + 1) < sizeof(e->ratings[0].text));
			strlcpy(e->ratings[e->nratings].key, w,
			    sizeof(e->ratings[0].key));
			strlcpy(e->ratings[e->nratings].text, eq + 1,
			    sizeof(e->ratings[0].text));
			e->ratings[e->nratings].value = strtod(eq + 1, NULL);
			e->nratings++;
		}
	}
	free(copy);
}

static void
same_entry(const struct jentry *a, const struct jentry *b, bool body)
{
	size_t	 i;

	CHECK(strcmp(a->id, b->id) == 0 && strcmp(a->ts, b->ts) == 0);
	CHECK(a->time.utc == b->time.utc && a->time.allday == b->time.allday);
	CHECK(a->starred == b->starred);
	CHECK(strcmp(a->prompt, b->prompt) == 0);
	CHECK(strcmp(a->supersedes, b->supersedes) == 0);
	CHECK(a->ntags == b->ntags && a->nratings == b->nratings);
	for (i = 0; i < a->ntags; i++)
		CHECK(strcmp(a->tags[i], b->tags[i]) == 0);
	for (i = 0; i < a->nratings; i++) {
		CHECK(strcmp(a->ratings[i].key, b->ratings[i].key) == 0);
		CHECK(strcmp(a->ratings[i].text, b->ratings[i].text) == 0);
	}
	if (!body)
		return;
	CHECK(a->bodylen == b->bodylen);
	CHECK(a->bodylen == 0 || memcmp(a->body, b->body, a->bodylen) == 0);
}

/*
 * Read a journal's bytes: its entries must be the n given, sound, in
 * order, and nothing else but problems, after the first before of them:
 * none unless torn, else at most maxproblems.
 */
static void
read_back(const char *buf, size_t len, struct jentry *e, size_t n,
    size_t before, bool torn, size_t maxproblems, int mode)
{
	struct jreader	 r;
	struct jevent	 ev;
	struct jskim	 sk;
	size_t		 got = 0, problems = 0;
	int		 rv;

	jreader_init_mem(&r, "fuzz", buf, len);
	memset(&sk, 0, sizeof(sk));
	sk.level = mode == 0 ? JSKIM_NONE : mode == 1 ? JSKIM_BODIES :
	    JSKIM_HEADERS;
	jreader_skim(&r, &sk);
	while ((rv = jreader_next(&r, &ev)) == 1) {
		if (ev.kind == JREC_PROBLEM) {
			CHECK(torn && got == before);
			problems++;
			continue;
		}
		CHECK(got < n);
		CHECK(ev.kind == JREC_ENTRY && ev.problem == NULL);
		if (mode < 2)
			same_entry(&ev.entry, &e[got], mode == 0);
		else
			CHECK(strcmp(ev.entry.id, e[got].id) == 0 &&
			    ev.entry.time.utc == e[got].time.utc);
		got++;
	}
	CHECK(rv == 0);
	CHECK(got == n);
	CHECK(problems <= maxproblems);
	jreader_free(&r);
}

/* Write the journal cut short, append a record, and read it all. */
static void
append_after(const char *buf, size_t cut, bool torn, struct jentry *e,
    size_t nwhole, const char *rec, size_t reclen, struct jentry *last)
{
	struct jentry	 all[MAXREC + 1];
	char		*got;
	size_t		 glen, i;

	fuzz_write_file(path, buf, cut);
	CHECK(journal_append(path, rec, reclen) == 0);
	CHECK(file_read(path, &got, &glen) == 0);
	for (i = 0; i < nwhole; i++)
		all[i] = e[i];
	all[nwhole] = *last;
	/*
	 * The cut record, if any, is one problem before the new one, also
	 * when the mark put after it makes "%%e" of its "%%end" a line.
	 */
	read_back(got, glen, all, nwhole + 1, nwhole, torn, 1, 0);
	free(got);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct jentry	 e[MAXREC], extra;
	struct jreader	 r;
	struct jevent	 ev;
	struct jbuf	 journal = { NULL, 0, 0 };
	const uint8_t	*p, *end = data + size, *sep;
	char		*rec[MAXREC], *words, *xrec;
	size_t		 reclen[MAXREC], recend[MAXREC], nrec = 0, want, i;
	size_t		 cut, nwhole, xlen;
	uint32_t	 cutword;
	int		 flags, mode;
	bool		 ok, torn;

	if (size < 5)
		return 0;
	flags = data[0];
	want = ((size_t)flags >> 6) + 1;
	cutword = (uint32_t)data[1] << 24 | (uint32_t)data[2] << 16 |
	    (uint32_t)data[3] << 8 | data[4];
	p = data + 5;
	words = fuzz_next_field(&p, end);

	jbuf_add(&journal, MAGIC, MAGICLEN);
	for (i = 0; i < want; i++) {
		jentry_init(&e[nrec]);
		fields(&e[nrec], flags, words, nrec);
		sep = memmem(p, (size_t)(end - p), "\0\0\0", 3);
		if (sep == NULL)
			sep = end;
		e[nrec].bodylen = (size_t)(sep - p);
		if ((e[nrec].body = malloc(e[nrec].bodylen + 1)) == NULL)
			abort();
		memcpy(e[nrec].body, p, e[nrec].bodylen);
		p = sep < end ? sep + 3 : end;

		/* Every body of UTF-8 is written, and no other. */
		errno = 0;
		ok = journal_format_entry(&e[nrec], &rec[nrec],
		    &reclen[nrec]) == 0;
		CHECK(ok == fuzz_utf8_ok(e[nrec].body, e[nrec].bodylen));
		if (!ok) {
			CHECK(errno == EILSEQ);
			jentry_free(&e[nrec]);
			continue;
		}
		/* A record alone reads back as the same entry. */
		jreader_init_mem(&r, "fuzz", rec[nrec], reclen[nrec]);
		CHECK(jreader_next(&r, &ev) == 1);
		CHECK(ev.kind == JREC_ENTRY && ev.problem == NULL);
		same_entry(&ev.entry, &e[nrec], true);
		CHECK(ev.rawlen == reclen[nrec] &&
		    memcmp(ev.raw, rec[nrec], reclen[nrec]) == 0);
		CHECK(jreader_next(&r, &ev) == 0);
		jreader_free(&r);

		jbuf_add(&journal, rec[nrec], reclen[nrec]);
		recend[nrec] = journal.len;
		nrec++;
	}
	free(words);

	/* Cut anywhere: every record before the cut reads back whole. */
	cut = cutword % (journal.len + 1);
	for (nwhole = 0; nwhole < nrec && recend[nwhole] <= cut; nwhole++)
		continue;
	torn = cut != 0 && cut != (nwhole == 0 ? MAGICLEN :
	    recend[nwhole - 1]);
	for (mode = 0; mode < 3; mode++)
		read_back(journal.s, cut, e, nwhole, nwhole, torn, 1, mode);
	read_back(journal.s, journal.len, e, nrec, nrec, false, 0, 0);

	/* A record appended after the cut reads back too. */
	if (nrec > 0) {
		/*
		 * A version line cut anywhere gets the rest of it from
		 * journal_append(), and then reads without a problem.
		 */
		if (cut < MAGICLEN)
			torn = false;
		jentry_init(&extra);
		fields(&extra, flags & ~0x08, "", MAXREC + 1);
		extra.body = xstrdup("appended\n");
		extra.bodylen = strlen(extra.body);
		CHECK(journal_format_entry(&extra, &xrec, &xlen) == 0);
		append_after(journal.s, cut, torn, e, nwhole, xrec, xlen,
		    &extra);
		free(xrec);
		jentry_free(&extra);
	}

	for (i = 0; i < nrec; i++) {
		free(rec[i]);
		jentry_free(&e[i]);
	}
	free(journal.s);
	return 0;
}
