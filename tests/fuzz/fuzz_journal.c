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
 * fuzz_journal: the journal reader (jreader.c) and the queries over it
 * (jquery.c).  The input is a journal file.
 *
 * Read whole, every record must be the file's own bytes where it says it
 * starts, records must come in file order, and no byte may be passed over
 * unless it is a blank line, a %%# comment or the version line: compaction
 * and repair write back only what the reader gives.  A sound entry must be
 * one journal_format_entry() would write.  Skimmed for headers (as score
 * and journal list read), every sound record must be found at the same
 * place with the same id; passing over old entries, only sound old
 * entries that supersede nothing go unseen.  The queries must agree with
 * the reader: an entry found by skimming that reads whole as sound is one
 * the whole read found, every entry journal_find() names is one it read,
 * and journal_each_live() gives exactly the entries of the whole read that
 * no record of it deletes or supersedes: a damaged record hides nothing.
 */

#include "config.h"

#include <regex.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rapport.h"
#include "fuzzutil.h"

/* What is kept of a record to compare one reading with another. */
struct rec {
	int	 kind;
	off_t	 offset;
	size_t	 line;
	char	 id[JOURNAL_ID_MAX + 1];
	char	 ts[32];
	char	 supersedes[JOURNAL_ID_MAX + 1];
	size_t	 ntags;
	bool	 sound;
};

struct recs {
	struct rec	*v;
	size_t		 n;
};

static regex_t	 re;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_set_tz(FUZZ_TZ_ODD);
	if (regcomp(&re, "e", REG_EXTENDED | REG_NOSUB) != 0)
		abort();
	return 0;
}

static void
add(struct recs *rs, const struct jevent *ev)
{
	struct rec	*r;

	if ((rs->v = reallocarray(rs->v, rs->n + 1, sizeof(*rs->v))) == NULL)
		abort();
	r = &rs->v[rs->n++];
	memset(r, 0, sizeof(*r));
	r->kind = ev->kind;
	r->offset = ev->offset;
	r->line = ev->line;
	r->sound = ev->problem == NULL;
	if (ev->kind == JREC_ENTRY || ev->kind == JREC_DELETE) {
		strlcpy(r->id, ev->entry.id, sizeof(r->id));
		strlcpy(r->ts, ev->entry.ts, sizeof(r->ts));
		strlcpy(r->supersedes, ev->entry.supersedes,
		    sizeof(r->supersedes));
		r->ntags = ev->entry.ntags;
	}
}

static const struct rec *
find(const struct recs *rs, off_t offset)
{
	size_t	 i;

	for (i = 0; i < rs->n; i++)
		if (rs->v[i].offset == offset)
			return &rs->v[i];
	return NULL;
}

/* A sound entry is one the writer would write, and read back the same. */
static void
check_entry(const struct jentry *e)
{
	struct jtime	 t;
	char		*rec;
	size_t		 len, i;

	CHECK(strlen(e->id) >= 4 && strlen(e->id) <= JOURNAL_ID_MAX);
	CHECK(journal_parse_time(e->ts, &t) == 0 && t.utc == e->time.utc);
	for (i = 0; i < e->ntags; i++)
		CHECK(journal_valid_tag(e->tags[i]));
	CHECK(journal_format_entry(e, &rec, &len) == 0);
	free(rec);
}

/* Every line no record holds must be one the format lets go. */
static void
check_covered(const uint8_t *data, size_t size, const bool *covered)
{
	const uint8_t	*nl;
	size_t		 ls, le, i, lineno = 1;
	bool		 any, all;

	for (ls = 0; ls < size; ls = le, lineno++) {
		nl = memchr(data + ls, '\n', size - ls);
		le = nl == NULL ? size : (size_t)(nl - data) + 1;
		for (i = ls, any = false, all = true; i < le; i++) {
			any = any || covered[i];
			all = all && covered[i];
		}
		/* A record holds whole lines. */
		CHECK(all || !any);
		if (all)
			continue;
		CHECK((le - ls == 1 && data[ls] == '\n') ||
		    (le - ls >= 4 && memcmp(data + ls, "%%#", 3) == 0 &&
		    data[le - 1] == '\n') ||
		    (lineno == 1 && le - ls == sizeof(JOURNAL_MAGIC) &&
		    memcmp(data, JOURNAL_MAGIC "\n", le - ls) == 0));
	}
}

static void
read_whole(const uint8_t *data, size_t size, struct recs *rs)
{
	struct jreader	 r;
	struct jevent	 ev;
	bool		*covered;
	off_t		 last = -1;
	FILE		*fp;
	int		 rv;

	if ((covered = calloc(size + 1, 1)) == NULL)
		abort();
	fp = fuzz_open_input(data, size);
	jreader_init(&r, "fuzz", fp);
	while ((rv = jreader_next(&r, &ev)) == 1) {
		CHECK(ev.kind >= JREC_ENTRY && ev.kind <= JREC_PROBLEM);
		CHECK((ev.kind == JREC_PROBLEM) <= (ev.problem != NULL));
		CHECK(ev.offset > last && ev.line >= 1);
		last = ev.offset;
		/* The record's bytes, where it starts. */
		CHECK(ev.rawlen > 0 && ev.raw != NULL);
		CHECK((size_t)ev.offset + ev.rawlen <= size);
		CHECK(memcmp(ev.raw, data + ev.offset, ev.rawlen) == 0);
		memset(covered + ev.offset, 1, ev.rawlen);
		if (ev.kind == JREC_ENTRY && ev.problem == NULL)
			check_entry(&ev.entry);
		add(rs, &ev);
	}
	CHECK(rv == 0);
	jreader_free(&r);
	fclose(fp);
	check_covered(data, size, covered);
	free(covered);
}

/* Skimmed, every sound record of the whole read is found as it was. */
static void
read_skim(const uint8_t *data, size_t size, const struct recs *whole,
    bool lazy, time_t whole_from)
{
	struct jreader	 r;
	struct jevent	 ev;
	struct jskim	 sk;
	struct recs	 rs = { NULL, 0 };
	const struct rec *w, *s;
	size_t		 i;
	FILE		*fp;
	int		 rv;

	fp = fuzz_open_input(data, size);
	jreader_init(&r, "fuzz", fp);
	memset(&sk, 0, sizeof(sk));
	sk.level = lazy ? JSKIM_HEADERS : JSKIM_BODIES;
	sk.has_whole_from = whole_from != 0;
	sk.whole_from = whole_from;
	jreader_skim(&r, &sk);
	while ((rv = jreader_next(&r, &ev)) == 1) {
		/* Only an edit is read whole. */
		CHECK(ev.kind != JREC_ENTRY || ev.entry.bodylen == 0 ||
		    ev.entry.supersedes[0] != '\0');
		add(&rs, &ev);
	}
	CHECK(rv == 0);
	jreader_free(&r);
	fclose(fp);
	for (i = 0; i < whole->n; i++) {
		w = &whole->v[i];
		if (w->kind == JREC_PROBLEM || !w->sound)
			continue;
		s = find(&rs, w->offset);
		CHECK(s != NULL && s->kind == w->kind && s->line == w->line);
		CHECK(strcmp(s->id, w->id) == 0 && strcmp(s->ts, w->ts) == 0);
	}
	free(rs.v);
}

/*
 * Passing over old entries, the events are those of the lazy skim less
 * its sound entries that supersede nothing and that it did not read whole
 * (before whole_from, and before tag_from or without @a), at the same
 * places.
 */
static void
read_pass_old(const uint8_t *data, size_t size, time_t whole_from,
    time_t tag_from)
{
	struct jreader	 r;
	struct jevent	 ev;
	struct jskim	 sk;
	struct recs	 rs[2] = { { NULL, 0 }, { NULL, 0 } };
	const struct rec *l, *p;
	struct jtime	 t;
	size_t		 i, k;
	FILE		*fp;
	int		 rv, pass;

	for (pass = 0; pass < 2; pass++) {
		fp = fuzz_open_input(data, size);
		jreader_init(&r, "fuzz", fp);
		memset(&sk, 0, sizeof(sk));
		sk.level = pass == 1 ? JSKIM_PASS : JSKIM_HEADERS;
		sk.has_whole_from = true;
		sk.whole_from = whole_from;
		if (tag_from != 0) {
			sk.whole_tag = "a";
			sk.whole_tag_from = tag_from;
		}
		jreader_skim(&r, &sk);
		while ((rv = jreader_next(&r, &ev)) == 1)
			add(&rs[pass], &ev);
		CHECK(rv == 0);
		jreader_free(&r);
		fclose(fp);
	}
	for (i = 0, k = 0; i < rs[0].n; i++) {
		l = &rs[0].v[i];
		p = k < rs[1].n ? &rs[1].v[k] : NULL;
		if (p != NULL && p->offset == l->offset) {
			CHECK(p->kind == l->kind && p->line == l->line &&
			    p->sound == l->sound && strcmp(p->id, l->id) == 0);
			k++;
			continue;
		}
		CHECK(l->kind == JREC_ENTRY && l->sound &&
		    l->supersedes[0] == '\0' && l->ntags == 0);
		CHECK(journal_parse_time(l->ts, &t) == 0 &&
		    t.utc < whole_from);
	}
	CHECK(k == rs[1].n);
	free(rs[0].v);
	free(rs[1].v);
}

/* The live entries of the whole read, in file order, to be met in turn. */
struct live {
	const struct recs	*whole;
	size_t			 next;
};

/*
 * Whether an entry of the whole read is live: no record of the whole
 * read deletes or supersedes it.  A record the whole read cannot read
 * (a problem) has no effect: a damaged record never hides another.
 */
static bool
is_live(const struct recs *whole, const struct rec *e)
{
	const struct rec	*w;
	size_t			 i;

	for (i = 0; i < whole->n; i++) {
		w = &whole->v[i];
		if ((w->kind == JREC_DELETE && strcmp(w->id, e->id) == 0) ||
		    (w->kind == JREC_ENTRY && strcmp(w->supersedes, e->id) ==
		    0))
			return false;
	}
	return true;
}

static void
live(const struct jentry *e, void *arg)
{
	struct live		*l = arg;
	const struct rec	*w;

	for (; l->next < l->whole->n; l->next++) {
		w = &l->whole->v[l->next];
		if (w->kind == JREC_ENTRY && is_live(l->whole, w))
			break;
	}
	CHECK(l->next < l->whole->n);
	CHECK(strcmp(e->id, l->whole->v[l->next].id) == 0);
	l->next++;
}

static void
queries(const uint8_t *data, size_t size, const struct recs *whole)
{
	struct jfilter	 f;
	struct jhit	*hits;
	const struct rec *w;
	char		*tags[] = { "a" }, id[JOURNAL_ID_MAX + 1];
	struct live	 lv;
	size_t		 n, i;
	struct idset	 dead = { NULL, 0, 0, false };
	uint64_t	*want;
	size_t		 nwant;
	off_t		 at;
	FILE		*fp;
	int		 rv, pass;

	fp = fuzz_open_input(data, size);
	for (pass = 0; pass < 4; pass++) {
		memset(&f, 0, sizeof(f));
		if (pass >= 2) {
			f.tags = tags;
			f.ntags = 1;
			f.starred = pass == 3;
			f.re = &re;
			f.has_since = true;
			f.since = 1700000000;
			CHECK(jfilter_rating(&f, "mood>=3") == 0);
		}
		CHECK(journal_collect(fp, "fuzz", &f, pass & 1, &hits, &n,
		    fuzz_report, NULL) == 0);
		for (i = 0; i < n; i++) {
			w = find(whole, hits[i].offset);
			/* Skimmed, a hit may be an entry whole unsound. */
			if (!(pass & 1))
				CHECK(w != NULL && w->kind == JREC_ENTRY);
			if (i > 0)
				CHECK(hits[i - 1].utc <= hits[i].utc);
		}
		rv = journal_sound(fp, "fuzz", hits, n, fuzz_report, NULL);
		CHECK(rv == 0 || rv == 1);
		if (!(pass & 1))
			CHECK(rv == 1);
		free(hits);
	}
	/* The live entries, and only they, in file order. */
	lv.whole = whole;
	lv.next = 0;
	CHECK(journal_each_live(fp, "fuzz", live, fuzz_report, &lv) == 0);
	for (; lv.next < whole->n; lv.next++)
		CHECK(whole->v[lv.next].kind != JREC_ENTRY ||
		    !is_live(whole, &whole->v[lv.next]));
	/* Skimmed, the dead are those of the whole read. */
	rewind(fp);
	CHECK(journal_dead_ids(fp, "fuzz", &dead) == 0);
	if ((want = calloc(whole->n + 1, sizeof(*want))) == NULL)
		abort();
	for (i = 0, nwant = 0; i < whole->n; i++) {
		w = &whole->v[i];
		if (w->kind == JREC_DELETE)
			want[nwant++] = str_hash(w->id, 0);
		else if (w->kind == JREC_ENTRY && w->supersedes[0] != '\0')
			want[nwant++] = str_hash(w->supersedes, 0);
	}
	/* Sorted, each once, as the set holds them. */
	qsort(want, nwant, sizeof(*want), fuzz_cmp_u64);
	for (i = n = 0; i < nwant; i++)
		if (n == 0 || want[n - 1] != want[i])
			want[n++] = want[i];
	CHECK(dead.n == n && (n == 0 || memcmp(dead.hashes, want,
	    n * sizeof(*want)) == 0));
	free(want);
	idset_free(&dead);
	/* An id, or the prefix of one, names an entry that was read. */
	for (i = 0; i < whole->n && i < 4; i++) {
		w = &whole->v[i];
		if (w->kind != JREC_ENTRY)
			continue;
		rv = journal_find(fp, "fuzz", w->id, id, &at);
		CHECK(rv == 0 || rv == JFIND_DELETED || rv == JFIND_AMBIGUOUS);
		if (rv == 0 || rv == JFIND_DELETED)
			CHECK(find(whole, at) != NULL);
	}
	rv = journal_find(fp, "fuzz", "k", id, &at);
	CHECK(rv == 0 || rv == JFIND_NONE || rv == JFIND_AMBIGUOUS ||
	    rv == JFIND_DELETED);
	fclose(fp);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct recs	 whole = { NULL, 0 };

	read_whole(data, size, &whole);
	read_skim(data, size, &whole, false, 0);
	read_skim(data, size, &whole, true, 0);
	read_skim(data, size, &whole, true, 1735689600);
	read_pass_old(data, size, 1735689600, 0);
	read_pass_old(data, size, 1735689600, 1700000000);
	queries(data, size, &whole);
	free(whole.v);
	return 0;
}
