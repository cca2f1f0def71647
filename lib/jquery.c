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

#include "config.h"

#include <sys/types.h>

#include <errno.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <wchar.h>
#include <wctype.h>

#include "rapport.h"

/*
 * Queries of a journal: filters on entries, and the live entries that
 * pass them, found in one pass over a journal of any size.
 */

/* An id and where its entry is. */
struct idat {
	char	 id[JOURNAL_ID_MAX + 1];
	char	 from[JOURNAL_ID_MAX + 1];	/* the id it supersedes */
	off_t	 offset;
};

/* A checksum mismatch, told once its entry is known to be live. */
struct late {
	size_t		 line;
	uint64_t	 idhash;
	char		*msg;
};

static bool	 rating_ok(const struct jentry *, const struct jfilter *);
static time_t	 entry_start(const struct jentry *);
static bool	 has_tag(const struct jentry *, const char *);
static bool	 on_anniversary(const struct jentry *, const struct jfilter *);
static int	 cmp_hit(const void *, const void *);
static void	 idat_add(struct idat **, size_t *, const char *, const char *,
		    off_t);

/*
 * Add a rating condition to a filter: a key, an operator (<= < = > >=)
 * and a number, without blanks.  -1 with EINVAL when it is none.
 */
int
jfilter_rating(struct jfilter *f, const char *s)
{
	const char	*op;
	char		*end;
	size_t		 klen;

	klen = strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789_");
	op = s + klen;
	if (klen == 0 || klen >= sizeof(f->rkey))
		goto bad;
	if (strncmp(op, "<=", 2) == 0 || strncmp(op, ">=", 2) == 0)
		snprintf(f->rop, sizeof(f->rop), "%.2s", op);
	else if (*op == '<' || *op == '>' || *op == '=')
		snprintf(f->rop, sizeof(f->rop), "%.1s", op);
	else
		goto bad;
	snprintf(f->rkey, sizeof(f->rkey), "%.*s", (int)klen, s);
	op += strlen(f->rop);
	errno = 0;
	f->rvalue = strtod(op, &end);
	if (*op == '\0' || *end != '\0' || errno != 0)
		goto bad;
	f->has_rating = true;
	return 0;
bad:
	errno = EINVAL;
	return -1;
}

static bool
rating_ok(const struct jentry *e, const struct jfilter *f)
{
	size_t	 i;
	double	 v;

	for (i = 0; i < e->nratings; i++) {
		if (strcmp(e->ratings[i].key, f->rkey) != 0)
			continue;
		v = e->ratings[i].value;
		if (strcmp(f->rop, "<=") == 0)
			return v <= f->rvalue;
		if (strcmp(f->rop, ">=") == 0)
			return v >= f->rvalue;
		if (strcmp(f->rop, "<") == 0)
			return v < f->rvalue;
		if (strcmp(f->rop, ">") == 0)
			return v > f->rvalue;
		return v == f->rvalue;
	}
	return false;
}

/*
 * When an entry starts: its instant, or for an all-day entry the local
 * midnight of its day, as the date grammar's days are.
 */
static time_t
entry_start(const struct jentry *e)
{
	struct tm	 tm;

	if (!e->time.allday)
		return e->time.utc;
	gmtime_r(&e->time.utc, &tm);
	tm.tm_isdst = -1;
	return mktime(&tm);
}

/* Keep the entries of the month and day of now in the years before. */
void
jfilter_anniversary(struct jfilter *f, time_t now)
{
	struct tm	 tm;

	localtime_r(&now, &tm);
	f->anniversary = true;
	f->amon = tm.tm_mon;
	f->amday = tm.tm_mday;
	f->ayear = tm.tm_year;
}

/*
 * Whether a search for a pattern ignores case: when the pattern has no
 * upper-case letter, as ripgrep's smart case, since who types one means
 * it.  Letters are read as the locale's LC_CTYPE has them.
 */
bool
smart_icase(const char *pattern)
{
	mbstate_t	 ps;
	wchar_t		 wc;
	size_t		 k, n;

	memset(&ps, 0, sizeof(ps));
	for (n = strlen(pattern); n > 0; pattern += k, n -= k) {
		k = mbrtowc(&wc, pattern, n, &ps);
		if (k == (size_t)-1 || k == (size_t)-2) {
			memset(&ps, 0, sizeof(ps));
			k = 1;
			continue;
		}
		if (k == 0)
			break;
		if (iswupper((wint_t)wc))
			return false;
	}
	return true;
}

static bool
has_tag(const struct jentry *e, const char *tag)
{
	size_t	 i;

	for (i = 0; i < e->ntags; i++)
		if (strcmp(e->tags[i], tag) == 0)
			return true;
	return false;
}

/*
 * Whether an entry falls on the filter's month and day in an earlier
 * year: on its local day, or the day written for an all-day entry.
 */
static bool
on_anniversary(const struct jentry *e, const struct jfilter *f)
{
	struct tm	 tm;

	if (e->time.allday)
		gmtime_r(&e->time.utc, &tm);
	else
		localtime_r(&e->time.utc, &tm);
	return tm.tm_mon == f->amon && tm.tm_mday == f->amday &&
	    tm.tm_year < f->ayear;
}

bool
jfilter_match(const struct jentry *e, const struct jfilter *f)
{
	size_t		 i;
	time_t		 start, day_end;

	/* An all-day entry lasts its whole day. */
	start = entry_start(e);
	day_end = e->time.allday ? start + SECS_PER_DAY : start + 1;
	if (f->has_since && day_end <= f->since)
		return false;
	if (f->has_until && start >= f->until)
		return false;
	if (f->starred && !e->starred)
		return false;
	for (i = 0; i < f->ntags; i++)
		if (!has_tag(e, f->tags[i]))
			return false;
	for (i = 0; i < f->nnottags; i++)
		if (has_tag(e, f->nottags[i]))
			return false;
	for (i = 0; i < f->nanytags; i++)
		if (has_tag(e, f->anytags[i]))
			break;
	if (f->nanytags > 0 && i == f->nanytags)
		return false;
	if (f->anniversary && !on_anniversary(e, f))
		return false;
	if (f->has_rating && !rating_ok(e, f))
		return false;
	if (f->re != NULL && !text_match(f->re, e->body, e->bodylen))
		return false;
	return true;
}

static int
cmp_hit(const void *a, const void *b)
{
	const struct jhit	*x = a, *y = b;

	if (x->utc != y->utc)
		return x->utc < y->utc ? -1 : 1;
	return x->offset < y->offset ? -1 : x->offset > y->offset;
}

/*
 * The live entries that pass a filter, in timestamp order (file order
 * among equals), in one pass that also reports every problem: only where
 * each entry is and a hash of its id are kept, so that memory stays small
 * for a journal of any size.  With skim, bodies are passed over unread
 * and unchecked: for filters of the header alone, when the few entries
 * kept are read again whole before they are shown.
 */
int
journal_collect(FILE *fp, const char *path, const struct jfilter *f,
    bool skim, struct jhit **hitsp, size_t *np, jproblem_fn *report,
    void *arg)
{
	struct jreader	 r;
	struct jevent	 ev;
	struct jskim	 sk;
	struct jhit	*hits = NULL;
	struct idset	 dead = { NULL, 0, 0, false };
	struct late	*late = NULL;
	size_t		 n = 0, cap = 0, i, k, nlate = 0;
	int		 rv;

	rewind(fp);
	jreader_init(&r, path, fp);
	memset(&sk, 0, sizeof(sk));
	/* Without filters of tags, ratings or stars, time and id suffice. */
	if (skim && f->ntags == 0 && f->nanytags == 0 && f->nnottags == 0 &&
	    !f->has_rating && !f->starred)
		sk.level = JSKIM_HEADERS;
	else if (skim)
		sk.level = JSKIM_BODIES;
	jreader_skim(&r, &sk);
	while ((rv = jreader_next(&r, &ev)) == 1) {
		if (ev.mismatch) {
			late = xreallocarray(late, nlate + 1, sizeof(*late));
			late[nlate].line = ev.line;
			late[nlate].idhash = str_hash(ev.entry.id, 0);
			late[nlate++].msg = xstrdup(ev.problem);
		} else if (ev.problem != NULL)
			report(path, ev.line, ev.problem, arg);
		if (ev.kind == JREC_DELETE)
			idset_add(&dead, str_hash(ev.entry.id, 0));
		else if (ev.kind == JREC_ENTRY &&
		    ev.entry.supersedes[0] != '\0')
			idset_add(&dead, str_hash(ev.entry.supersedes, 0));
		if (ev.kind != JREC_ENTRY || !jfilter_match(&ev.entry, f))
			continue;
		if (n == cap) {
			cap = cap == 0 ? 256 : cap * 2;
			hits = xreallocarray(hits, cap, sizeof(*hits));
		}
		hits[n].utc = entry_start(&ev.entry);
		hits[n].offset = ev.offset;
		hits[n].idhash = str_hash(ev.entry.id, 0);
		n++;
	}
	jreader_free(&r);
	/*
	 * A checksum that does not match is told once the entry is known to
	 * be live: a hand edit since superseded, as by check --accept, no
	 * longer matters.
	 */
	for (i = 0; i < nlate; i++) {
		if (rv != -1 && !idset_has(&dead, late[i].idhash))
			report(path, late[i].line, late[i].msg, arg);
		free(late[i].msg);
	}
	free(late);
	if (rv == -1) {
		free(hits);
		idset_free(&dead);
		return -1;
	}
	/* Superseded and deleted entries go. */
	if (dead.n > 0) {
		for (i = k = 0; i < n; i++)
			if (!idset_has(&dead, hits[i].idhash))
				hits[k++] = hits[i];
		n = k;
	}
	idset_free(&dead);
	/* Journals are mostly written in time order: sort only if not. */
	for (i = 1; i < n && cmp_hit(&hits[i - 1], &hits[i]) <= 0; i++)
		continue;
	if (i < n)
		qsort(hits, n, sizeof(*hits), cmp_hit);
	*hitsp = hits;
	*np = n;
	return 0;
}

/*
 * Whether the entries at these offsets read whole as sound entries: 1 if
 * they do, 0 if not, -1 on an error.  What is wrong with them but leaves
 * them shown, such as a checksum that does not match, is reported.
 */
int
journal_sound(FILE *fp, const char *path, const struct jhit *hits, size_t n,
    jproblem_fn *report, void *arg)
{
	struct jreader	 r;
	struct jevent	 ev;
	size_t		 i;
	bool		 ok = true;

	for (i = 0; i < n && ok; i++) {
		if (fseeko(fp, hits[i].offset, SEEK_SET) == -1)
			return -1;
		jreader_init(&r, path, fp);
		ok = jreader_next(&r, &ev) == 1 && ev.kind == JREC_ENTRY;
		if (ok && ev.problem != NULL)
			report(path, ev.line, ev.problem, arg);
		jreader_free(&r);
	}
	return ok ? 1 : 0;
}

static void
idat_add(struct idat **v, size_t *n, const char *id, const char *from,
    off_t offset)
{
	*v = xreallocarray(*v, *n + 1, sizeof(**v));
	strlcpy((*v)[*n].id, id, sizeof((*v)[*n].id));
	strlcpy((*v)[*n].from, from, sizeof((*v)[*n].from));
	(*v)[*n].offset = offset;
	(*n)++;
}

/*
 * Find the live entry an id names: an id, or a prefix of one, followed
 * along the edits that superseded it.  A prefix is ambiguous only when
 * its ids lead to different entries.  Returns 0 with the id and offset
 * of the entry, JFIND_NONE, JFIND_AMBIGUOUS, JFIND_DELETED (with the id
 * of the deleted entry), or -1 on a read error.
 */
int
journal_find(FILE *fp, const char *path, const char *want, char *idbuf,
    off_t *where)
{
	struct jreader	 r;
	struct jevent	 ev;
	struct idat	*match = NULL, *edit = NULL;
	struct idset	 del = { NULL, 0, 0, false };
	char		 cur[JOURNAL_ID_MAX + 1] = "", end[JOURNAL_ID_MAX + 1];
	size_t		 nmatch = 0, nedit = 0, wlen, i, j, steps;
	off_t		 at = -1, endat;
	int		 rv;
	bool		 moved, deleted = false, enddel;

	wlen = strlen(want);
	rewind(fp);
	jreader_init(&r, path, fp);
	while ((rv = jreader_next(&r, &ev)) == 1) {
		if (ev.kind == JREC_DELETE)
			idset_add(&del, str_hash(ev.entry.id, 0));
		if (ev.kind != JREC_ENTRY)
			continue;
		if (ev.entry.supersedes[0] != '\0')
			idat_add(&edit, &nedit, ev.entry.id,
			    ev.entry.supersedes, ev.offset);
		if (strncmp(ev.entry.id, want, wlen) == 0)
			idat_add(&match, &nmatch, ev.entry.id, "", ev.offset);
	}
	jreader_free(&r);
	if (rv == -1)
		goto out;
	rv = JFIND_NONE;
	for (i = 0; i < nmatch; i++) {
		/*
		 * Follow the edits from this match to the entry now, at most
		 * one step per edit, so that a cycle of edits written by hand
		 * ends.
		 */
		strlcpy(end, match[i].id, sizeof(end));
		endat = match[i].offset;
		steps = 0;
		do {
			moved = false;
			for (j = 0; j < nedit && !moved; j++)
				if (strcmp(edit[j].from, end) == 0) {
					strlcpy(end, edit[j].id, sizeof(end));
					endat = edit[j].offset;
					moved = true;
				}
		} while (moved && ++steps <= nedit);
		enddel = idset_has(&del, str_hash(end, 0));
		if (cur[0] != '\0' && strcmp(cur, end) != 0) {
			rv = JFIND_AMBIGUOUS;
			goto out;
		}
		strlcpy(cur, end, sizeof(cur));
		at = endat;
		deleted = enddel;
	}
	if (cur[0] != '\0') {
		strlcpy(idbuf, cur, JOURNAL_ID_MAX + 1);
		*where = at;
		rv = deleted ? JFIND_DELETED : 0;
	}
out:
	free(match);
	free(edit);
	idset_free(&del);
	return rv;
}

/*
 * Call fn for every live entry of a journal, in file order, reporting
 * every problem: a first pass skims for the ids superseded or deleted,
 * kept as hashes, a second reads the entries whole.  Returns -1 on a
 * read error.
 */
int
journal_each_live(FILE *fp, const char *path, jentry_fn *fn,
    jproblem_fn *report, void *arg)
{
	struct jreader	 r;
	struct jevent	 ev;
	struct idset	 dead = { NULL, 0, 0, false };
	int		 rv;
	bool		 live;

	rewind(fp);
	if (journal_dead_ids(fp, path, &dead) == -1) {
		idset_free(&dead);
		return -1;
	}
	rewind(fp);
	jreader_init(&r, path, fp);
	while ((rv = jreader_next(&r, &ev)) == 1) {
		live = ev.kind == JREC_ENTRY &&
		    !idset_has(&dead, str_hash(ev.entry.id, 0));
		/* A hand edit since superseded no longer matters. */
		if (ev.problem != NULL && (live || !ev.mismatch))
			report(path, ev.line, ev.problem, arg);
		if (live)
			fn(&ev.entry, arg);
	}
	jreader_free(&r);
	idset_free(&dead);
	return rv == -1 ? -1 : 0;
}
