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
 * import_jrnl.c: reading jrnl's plain-text journals for import.  An entry
 * starts at a line "[date time] title", where the time is jrnl's default
 * "%Y-%m-%d %H:%M" or "%F %r" (seconds and AM/PM) or has seconds; a title
 * ending in " *" is starred; @words of the text are tags; the body is the
 * title and the lines after it, surrounding blank lines left out as jrnl
 * does.  An entry's id is made from the stamp as jrnl wrote it and the
 * body, and for the second and later of identical entries from how many
 * came before, so that importing the same file twice, in any time zone,
 * finds each present.  What the journal cannot hold, NUL bytes and bytes
 * of no valid UTF-8, comes in as U+FFFD, and each line where it did is
 * reported.
 */

#include "config.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "rapport.h"

/* An entry met, by the hash of its stamp and body, and how many times. */
struct tally_slot {
	uint64_t	 hash;
	size_t		 count;		/* 0 for a free slot */
};

/* The entries met so far: an open-addressing table, at most half full. */
struct tally {
	struct tally_slot	*slots;
	size_t			 n;
	size_t			 cap;	/* a power of two, or 0 */
};

static bool	 jrnl_time(const char *, size_t, time_t *);
static struct tally_slot *tally_find(const struct tally *, uint64_t);
static size_t	 tally_add(struct tally *, uint64_t);
static void	 jrnl_id(const char *, const char *, size_t, struct tally *,
		    char *);
static size_t	 replace_bad_bytes(const char *, size_t, struct jbuf *);
static void	 add_tags(struct jentry *, const char *);
static int	 finish(struct jentry *, const char *, struct jbuf *,
		    struct tally *, jrnl_fn *, void *);

/* A jrnl header's time: [YYYY-MM-DD HH:MM], with seconds, or with AM/PM. */
static bool
jrnl_time(const char *s, size_t n, time_t *when)
{
	struct tm	 tm;
	char		 buf[40];
	const char	*end;

	if (n >= sizeof(buf))
		return false;
	memcpy(buf, s, n);
	buf[n] = '\0';
	memset(&tm, 0, sizeof(tm));
	if (((end = strptime(buf, "%Y-%m-%d %I:%M:%S %p", &tm)) == NULL ||
	    *end != '\0') &&
	    ((end = strptime(buf, "%Y-%m-%d %H:%M:%S", &tm)) == NULL ||
	    *end != '\0') &&
	    ((end = strptime(buf, "%Y-%m-%d %H:%M", &tm)) == NULL ||
	    *end != '\0'))
		return false;
	/* A year the journal's timestamps cannot hold is no header. */
	if (tm.tm_year + 1900 < 1 || tm.tm_year + 1900 > 9999)
		return false;
	tm.tm_isdst = -1;
	*when = mktime(&tm);
	return *when != (time_t)-1;
}

/* The slot of a hash in the table: its own, or the free one it would get. */
static struct tally_slot *
tally_find(const struct tally *t, uint64_t hash)
{
	size_t	 i;

	for (i = hash & (t->cap - 1); t->slots[i].count != 0 &&
	    t->slots[i].hash != hash; i = (i + 1) & (t->cap - 1))
		continue;
	return &t->slots[i];
}

/* Count a hash once more; returns how many times it has been counted. */
static size_t
tally_add(struct tally *t, uint64_t hash)
{
	struct tally_slot	*old = t->slots, *slot;
	size_t			 oldcap = t->cap, i;

	if (2 * (t->n + 1) > t->cap) {
		t->cap = oldcap == 0 ? 64 : oldcap * 2;
		t->slots = xcalloc(t->cap, sizeof(*t->slots));
		for (i = 0; i < oldcap; i++)
			if (old[i].count != 0)
				*tally_find(t, old[i].hash) = old[i];
		free(old);
	}
	slot = tally_find(t, hash);
	if (slot->count == 0) {
		slot->hash = hash;
		t->n++;
	}
	return ++slot->count;
}

/*
 * The id of an entry: of a hash of its stamp as jrnl wrote it and body,
 * and for the Nth of identical entries, N from 2, of the same and N.  A
 * body ends with one newline, after a character that is not one, so that
 * one entry's stamp, body and N are never another's stamp and body: the
 * first of identical entries keeps the id that imports always gave it.
 */
static void
jrnl_id(const char *stamp, const char *body, size_t len, struct tally *seen,
    char *id)
{
	uint64_t	 hash;
	size_t		 nth;
	char		*s;

	xasprintf(&s, "%s\n%.*s", stamp, (int)len, body);
	hash = str_hash(s, 0);
	free(s);
	if ((nth = tally_add(seen, hash)) > 1) {
		xasprintf(&s, "%s\n%.*s\n%zu", stamp, (int)len, body, nth);
		hash = str_hash(s, 0);
		free(s);
	}
	journal_id(hash, id);
}

/*
 * A line with each byte that the journal cannot hold, a NUL or one that
 * starts no valid UTF-8 sequence, replaced by U+FFFD, into out.  Returns
 * how many were.
 */
static size_t
replace_bad_bytes(const char *s, size_t n, struct jbuf *out)
{
	uint32_t	 cp;
	size_t		 i, k, start, bad = 0;

	out->len = 0;
	for (i = start = 0; i < n; i += k) {
		if ((k = utf8_decode(s + i, n - i, &cp)) != 0 && cp != 0)
			continue;
		jbuf_add(out, s + start, i - start);
		jbuf_add(out, "\xef\xbf\xbd", 3);
		k = 1;
		start = i + 1;
		bad++;
	}
	jbuf_add(out, s + start, n - start);
	return bad;
}

/* jrnl's tags: @words after a blank, up to a blank or ASCII punctuation. */
static void
add_tags(struct jentry *e, const char *text)
{
	const char	*p, *q;
	char		*tag;
	size_t		 i;

	for (p = text; (p = strchr(p, '@')) != NULL; p = q) {
		for (q = p + 1; *q != '\0' && ((unsigned char)*q >= 0x80 ||
		    isalnum((unsigned char)*q) || *q == '_' || *q == '-'); q++)
			continue;
		if (q == p + 1 || (p > text && !isspace((unsigned char)p[-1])))
			continue;
		tag = xstrndup(p + 1, (size_t)(q - p - 1));
		for (i = 0; i < e->ntags; i++)
			if (strcmp(e->tags[i], tag) == 0)
				break;
		if (i < e->ntags || !journal_valid_tag(tag)) {
			free(tag);
			continue;
		}
		e->tags = xreallocarray(e->tags, e->ntags + 1,
		    sizeof(*e->tags));
		e->tags[e->ntags++] = tag;
	}
}

/* Complete an entry read so far and hand it over, if it has any text. */
static int
finish(struct jentry *e, const char *stamp, struct jbuf *body,
    struct tally *seen, jrnl_fn *fn, void *arg)
{
	int	 rv;

	while (body->len > 0 && (body->s[body->len - 1] == '\n' ||
	    body->s[body->len - 1] == ' '))
		body->len--;
	if (body->len == 0)
		return 0;
	jbuf_add(body, "\n", 1);
	add_tags(e, body->s);
	jrnl_id(stamp, body->s, body->len, seen, e->id);
	e->body = body->s;
	e->bodylen = body->len;
	rv = journal_parse_time(e->ts, &e->time) == -1 ? -1 : fn(e, arg);
	e->body = NULL;
	e->bodylen = 0;
	return rv;
}

/*
 * Read a jrnl journal, calling fn for each entry, with a timestamp in the
 * local time zone, tags, star and body; text before the first entry is
 * reported, not imported, and so is each line of an entry whose bytes the
 * journal cannot hold were replaced.  Returns 0, -1 on a read error, or
 * what fn returned when not 0.
 */
int
jrnl_read(FILE *fp, const char *name, jrnl_fn *fn, jproblem_fn *report,
    void *arg)
{
	struct jentry	 e;
	struct jbuf	 body = { NULL, 0, 0 }, clean = { NULL, 0, 0 };
	struct tally	 seen = { NULL, 0, 0 };
	const char	*close_br;
	char		*buf = NULL, *line, stamp[64] = "", msg[80];
	size_t		 cap = 0, lineno = 0, bad;
	ssize_t		 len;
	time_t		 when;
	int		 rv = 0;
	bool		 in_entry = false;

	jentry_init(&e);
	while (rv == 0 && (len = getline(&buf, &cap, fp)) != -1) {
		lineno++;
		line = buf;
		bad = 0;
		if (!utf8_valid(buf, (size_t)len)) {
			bad = replace_bad_bytes(buf, (size_t)len, &clean);
			line = clean.s;
			len = (ssize_t)clean.len;
		}
		if (line[0] == '[' && (close_br = strchr(line, ']')) != NULL &&
		    close_br[1] == ' ' && jrnl_time(line + 1,
		    (size_t)(close_br - line - 1), &when)) {
			if (in_entry && (rv = finish(&e, stamp, &body, &seen,
			    fn, arg)) != 0)
				break;
			jentry_free(&e);
			jentry_init(&e);
			body.len = 0;
			snprintf(stamp, sizeof(stamp), "%.*s",
			    (int)(close_br - line - 1), line + 1);
			journal_format_time(when, false, e.ts, sizeof(e.ts));
			if (line[len - 1] == '\n')
				line[--len] = '\0';
			if (len >= 2 && line[len - 1] == '*') {
				e.starred = true;
				line[--len] = '\0';
				while (len > 0 && line[len - 1] == ' ')
					line[--len] = '\0';
			}
			jbuf_add(&body, close_br + 2, strlen(close_br + 2));
			jbuf_add(&body, "\n", 1);
			in_entry = true;
		} else if (in_entry)
			jbuf_add(&body, line, (size_t)len);
		else if (len > 1)
			report(name, lineno, "text before the first entry; not "
			    "imported", arg);
		if (bad > 0 && in_entry) {
			snprintf(msg, sizeof(msg), "%zu byte%s of NUL or "
			    "invalid UTF-8 imported as U+FFFD", bad,
			    bad == 1 ? "" : "s");
			report(name, lineno, msg, arg);
		}
	}
	if (rv == 0 && ferror(fp))
		rv = -1;
	if (rv == 0 && in_entry)
		rv = finish(&e, stamp, &body, &seen, fn, arg);
	jentry_free(&e);
	free(buf);
	free(clean.s);
	free(body.s);
	free(seen.slots);
	return rv;
}
