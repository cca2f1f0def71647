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
 * jreader.c: the journal reader: the records of a journal one at a time,
 * each with its bytes, its line and offset, and what is wrong with it; a
 * torn or damaged record never hides the ones around it.  A reader may
 * skim (jreader_skim()), passing over bodies and headers that it does not
 * want, in large blocks read ahead, for the many readers that want only
 * the newest of a long journal or the ids that edits supersede.
 *
 * The records of entries are built here too (journal_format_entry()),
 * beside the reader that must read each one back: in journal.c, with the
 * words of the header that the reader uses, the two files would need
 * each other.
 */

#include "config.h"

#include <sys/types.h>

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zlib.h>

#include "rapport.h"
#include "jreader.h"

/*
 * Skimming reads ahead AHEAD_BLOCK bytes at a time; passing over old
 * entries reads on as soon as less than AHEAD_LOW is left unread, which
 * is room for most records whole.
 */
#define AHEAD_BLOCK	65536
#define AHEAD_LOW	16384

static void	 entry_reset(struct jentry *);
static int	 next_line(struct jreader_state *);
static int	 fill_ahead(struct jreader_state *);
static int	 skim_body(struct jreader_state *);
static int	 parse_end(const char *, size_t *, unsigned long *);
static int	 pass_old_entry(struct jreader_state *);
static int	 problem(struct jreader_state *, struct jevent *, size_t,
		    const char *, ...)
		    __attribute__((__format__(__printf__, 4, 5)));
static bool	 marked_torn(const char *, size_t);
static bool	 torn_end_line(const char *, size_t);
static int	 read_entry(struct jreader_state *, struct jevent *);
static bool	 same_entry(const struct jentry *, const struct jentry *);

void
jreader_init(struct jreader *r, const char *name, FILE *fp)
{
	struct jreader_state	*s;

	memset(r, 0, sizeof(*r));
	r->s = s = xcalloc(1, sizeof(*s));
	s->name = name;
	s->fp = fp;
	if (fp != NULL && (s->nextoff = ftello(fp)) == -1)
		s->nextoff = 0;
}

/* A reader over bytes in memory, as for reading back a new record. */
void
jreader_init_mem(struct jreader *r, const char *name, const char *buf,
    size_t n)
{
	jreader_init(r, name, fmemopen((void *)buf, n, "r"));
	r->s->owned = true;
	if (r->s->fp == NULL)
		r->s->eof = true;
}

/*
 * How much the reader passes over, set before its first record.  With
 * JSKIM_BODIES, entries come without their bodies, which go unchecked,
 * except edits, read whole so that a damaged one supersedes nothing, as
 * when read whole.  JSKIM_HEADERS also leaves a header unread after its
 * time and id, except an edit's and those wanted whole: from whole_from
 * on (if has_whole_from), and with the tag whole_tag from whole_tag_from
 * on; whole_tag must outlive the reader.  JSKIM_PASS also makes no event
 * for the sound entries whose header it does not read.
 */
void
jreader_skim(struct jreader *r, const struct jskim *sk)
{
	r->s->skim = *sk;
}

void
jreader_free(struct jreader *r)
{
	struct jreader_state	*s = r->s;

	if (s == NULL)
		return;
	if (s->owned && s->fp != NULL)
		fclose(s->fp);
	entry_reset(&s->entry);
	free(s->entry.tags);
	free(s->entry.ratings);
	free(s->line);
	free(s->raw.s);
	free(s->body.s);
	free(s->hdr.s);
	free(s->ahead.s);
	free(s);
	memset(r, 0, sizeof(*r));
}

/*
 * Make the reader's entry ready for the next record, keeping its arrays:
 * its tags point into the header buffer, and are not its own.
 */
static void
entry_reset(struct jentry *e)
{
	char		**tags = e->tags;
	struct jrating	*ratings = e->ratings;
	size_t		 tagcap = e->tagcap, ratingcap = e->ratingcap;

	free(e->body);
	memset(e, 0, sizeof(*e));
	e->tags = tags;
	e->tagcap = tagcap;
	e->ratings = ratings;
	e->ratingcap = ratingcap;
}

/*
 * Read the next line, or take back the one left pending: from what
 * skimming read ahead, if anything, else from the stream.  0 at the end.
 */
static int
next_line(struct jreader_state *s)
{
	const char	*start, *nl;
	char		*more = NULL;
	size_t		 n, mcap = 0;
	ssize_t		 m;

	if (s->pending) {
		s->pending = false;
		return 1;
	}
	if (s->aheadpos < s->ahead.len) {
		start = s->ahead.s + s->aheadpos;
		nl = memchr(start, '\n', s->ahead.len - s->aheadpos);
		n = nl != NULL ? (size_t)(nl - start) + 1 :
		    s->ahead.len - s->aheadpos;
		if (n + 1 > s->cap) {
			s->cap = n + 1;
			s->line = xreallocarray(s->line, s->cap, 1);
		}
		memcpy(s->line, start, n);
		s->line[n] = '\0';
		s->aheadpos += n;
		s->len = (ssize_t)n;
		if (nl == NULL && !s->eof) {
			/* The rest of the line is still in the stream. */
			if ((m = getline(&more, &mcap, s->fp)) > 0) {
				s->cap = n + (size_t)m + 1;
				s->line = xreallocarray(s->line, s->cap, 1);
				memcpy(s->line + n, more, (size_t)m + 1);
				s->len += m;
			} else {
				s->eof = true;
				if (ferror(s->fp)) {
					free(more);
					return -1;
				}
			}
			free(more);
		}
		s->lineoff = s->nextoff;
		s->nextoff += s->len;
		s->lineno++;
		return 1;
	}
	if (s->eof)
		return 0;
	s->lineoff = s->nextoff;
	if ((s->len = getline(&s->line, &s->cap, s->fp)) == -1) {
		s->eof = true;
		return ferror(s->fp) ? -1 : 0;
	}
	s->nextoff += s->len;
	s->lineno++;
	return 1;
}

/*
 * Read on behind what is left unread of the read-ahead buffer, up to
 * AHEAD_BLOCK more.  The buffer has room from the start for the AHEAD_LOW
 * that pass_old_entry() leaves before reading on, so that it is not moved
 * (a copy of pages never touched before is a page fault for each).  -1 on
 * a read error.
 */
static int
fill_ahead(struct jreader_state *s)
{
	size_t	 tail, n;

	tail = s->ahead.len - s->aheadpos;
	if (tail > 0 && s->aheadpos > 0)
		memmove(s->ahead.s, s->ahead.s + s->aheadpos, tail);
	s->ahead.len = tail;
	s->aheadpos = 0;
	if (s->ahead.cap < tail + AHEAD_BLOCK + 1) {
		s->ahead.cap = (tail > AHEAD_LOW ? tail : AHEAD_LOW) +
		    AHEAD_BLOCK + 1;
		s->ahead.s = xreallocarray(s->ahead.s, s->ahead.cap, 1);
	}
	n = fread(s->ahead.s + tail, 1, AHEAD_BLOCK, s->fp);
	s->ahead.len += n;
	/* Short only at the end or on an error. */
	if (n < AHEAD_BLOCK) {
		if (ferror(s->fp))
			return -1;
		s->eof = feof(s->fp) != 0 || n == 0;
	}
	return 0;
}

/*
 * Skimming, pass over the body lines of a record without copying them,
 * reading the stream in large blocks, up to the next line that starts
 * with %% or the end, which next_line() then reads.  Lines and offsets
 * are counted as if each line had been read.  -1 on a read error.
 */
static int
skim_body(struct jreader_state *s)
{
	const char	*p, *nl;
	size_t		 n;

	for (;;) {
		p = s->ahead.s == NULL ? NULL : s->ahead.s + s->aheadpos;
		nl = s->aheadpos < s->ahead.len ? memchr(p, '\n',
		    s->ahead.len - s->aheadpos) : NULL;
		if (s->ahead.len - s->aheadpos >= 2 && p[0] == '%' &&
		    p[1] == '%')
			return 0;
		if (nl != NULL) {
			n = (size_t)(nl - p) + 1;
			s->aheadpos += n;
			s->nextoff += (off_t)n;
			s->lineno++;
			continue;
		}
		if (s->eof)
			return 0;
		if (fill_ahead(s) == -1)
			return -1;
	}
}

/* The rest of an end line: a decimal length, a blank, 8 hex digits. */
static int
parse_end(const char *p, size_t *lenp, unsigned long *crcp)
{
	/* A lowercase hexadecimal digit's value plus one, else 0. */
	static const unsigned char hexval[256] = {
		['0'] = 1, ['1'] = 2, ['2'] = 3, ['3'] = 4, ['4'] = 5,
		['5'] = 6, ['6'] = 7, ['7'] = 8, ['8'] = 9, ['9'] = 10,
		['a'] = 11, ['b'] = 12, ['c'] = 13, ['d'] = 14, ['e'] = 15,
		['f'] = 16
	};
	unsigned long	 crc = 0;
	size_t		 len = 0;
	int		 i, v;

	if (*p < '0' || *p > '9')
		return -1;
	for (; *p >= '0' && *p <= '9'; p++) {
		if (len > SIZE_MAX / 10 - 1)
			return -1;
		len = len * 10 + (size_t)(*p - '0');
	}
	if (*p++ != ' ')
		return -1;
	/*
	 * A table, not a test of two ranges, whose branch a checksum's
	 * random digits would mispredict at every other digit.
	 */
	for (i = 0; i < 8; i++, p++) {
		if ((v = hexval[(unsigned char)*p]) == 0)
			return -1;
		crc = crc << 4 | (unsigned long)(v - 1);
	}
	if (*p != '\n')
		return -1;
	*lenp = len;
	*crcp = crc;
	return 0;
}

/*
 * Passing over an entry whole, in the read-ahead buffer, without copying
 * a line or making an event: one whose header a lazy skim would not read
 * whole (journal_header_wanted()), checked as skimming
 * checks it (a header of valid UTF-8 with a good timestamp and id, an end
 * line of the same id).  Any other record, or one that does not fit in
 * the buffer, is left to the reader line by line, which reports what is
 * wrong with it.  1 if an entry was passed over, 0 if not, -1 on a read
 * error.
 */
static int
pass_old_entry(struct jreader_state *s)
{
	const char	*p, *end, *nl, *id, *q;
	struct jtime	 t;
	char		 ts[32];
	size_t		 idlen, lines, len;
	unsigned long	 crc;

	if (s->pending)
		return 0;
	/* Room for most records whole. */
	if (s->ahead.len - s->aheadpos < AHEAD_LOW && !s->eof &&
	    fill_ahead(s) == -1)
		return -1;
	if (s->ahead.s == NULL)
		return 0;
	p = s->ahead.s + s->aheadpos;
	end = s->ahead.s + s->ahead.len;
	if (end - p < 8 || memcmp(p, "%%entry ", 8) != 0 ||
	    (nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
		return 0;
	if ((q = memchr(p + 8, ' ', (size_t)(nl - p - 8))) == NULL ||
	    (size_t)(q - p - 8) >= sizeof(ts))
		return 0;
	memcpy(ts, p + 8, (size_t)(q - p - 8));
	ts[q - p - 8] = '\0';
	if (journal_parse_time(ts, &t) == -1)
		return 0;
	id = q + 1;
	if ((q = memchr(id, ' ', (size_t)(nl - id))) == NULL)
		q = nl;
	idlen = (size_t)(q - id);
	/* A header or end line cut short and marked is the reader's. */
	if (!journal_valid_id(id, idlen) ||
	    journal_header_wanted(&s->skim, t.utc, q, nl) ||
	    !utf8_valid(p, (size_t)(nl - p) + 1) ||
	    marked_torn(p, (size_t)(nl - p) + 1))
		return 0;
	/* The body up to the first line that starts with %%. */
	lines = 1;
	do {
		q = nl + 1;
		if ((nl = memchr(q, '\n', (size_t)(end - q))) == NULL)
			return 0;
		lines++;
	} while (q[0] != '%' || q[1] != '%');
	if ((size_t)(nl - q) < 6 + idlen + 1 || memcmp(q, "%%end ", 6) != 0 ||
	    memcmp(q + 6, id, idlen) != 0 || q[6 + idlen] != ' ' ||
	    parse_end(q + 7 + idlen, &len, &crc) == -1 ||
	    marked_torn(q, (size_t)(nl - q) + 1))
		return 0;
	len = (size_t)(nl + 1 - p);
	s->aheadpos += len;
	s->nextoff += (off_t)len;
	s->lineno += lines;
	return 1;
}

static int
problem(struct jreader_state *s, struct jevent *ev, size_t line,
    const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	vsnprintf(s->msg, sizeof(s->msg), fmt, ap);
	va_end(ap);
	ev->kind = JREC_PROBLEM;
	ev->line = line;
	ev->problem = s->msg;
	ev->raw = s->raw.s;
	ev->rawlen = s->raw.len;
	return 1;
}

/*
 * Whether a line, len bytes with its newline, ends with the mark that a
 * writer puts after a last line cut short before it appends: the line is
 * torn, whatever it would read as without the mark.  Its newline is the
 * writer's, not the one of the record the line belongs to.
 */
static bool
marked_torn(const char *line, size_t len)
{
	size_t	 n = sizeof(JOURNAL_TORN_MARK);	/* with the newline */

	return len >= n && line[len - 1] == '\n' &&
	    memcmp(line + len - n, JOURNAL_TORN_MARK, n - 1) == 0;
}

/*
 * Whether a structural line that cut an entry short, len bytes with its
 * newline, is the start of the entry's own end line, ended by a later
 * append: with the mark ("%" of "%%%torn" on), or with the newline alone
 * as appends ended a torn line before the mark ("%%" to "%%end").
 */
static bool
torn_end_line(const char *line, size_t len)
{
	len -= marked_torn(line, len) ? sizeof(JOURNAL_TORN_MARK) : 1;
	return len > 0 && memcmp(line, "%%end ", len < 6 ? len : 6) == 0;
}

/*
 * Read the body and end line of an entry whose header is in s->line.
 * Returns 1 with an event, which is a problem for a torn or unreadable
 * record, 0 never, -1 on a read error.
 */
static int
read_entry(struct jreader_state *s, struct jevent *ev)
{
	struct jentry	*e = &s->entry;
	const char	*errstr = NULL;
	char		*header, *p, *word;
	size_t		 hline = s->lineno, len, badesc = 0;
	unsigned long	 crc;
	uLong		 got;
	int		 rv, n;
	bool		 bad_utf8, skim, structural;

	/* The header's words, cut apart in a buffer kept for the next. */
	s->hdr.len = 0;
	jbuf_add(&s->hdr, s->line + 8, (size_t)s->len - 9);
	header = s->hdr.s;
	bad_utf8 = !utf8_valid(s->line, (size_t)s->len);
	entry_reset(e);
	if (!bad_utf8)
		journal_parse_header(header, e, s->skim.level >= JSKIM_HEADERS ?
		    &s->skim : NULL, &errstr);
	/*
	 * An edit is read whole even when skimming, so that a damaged one
	 * (a body of invalid UTF-8) supersedes nothing, as when read whole.
	 */
	skim = s->skim.level >= JSKIM_BODIES && e->supersedes[0] == '\0';
	s->body.len = 0;
	for (;;) {
		if ((rv = next_line(s)) == -1)
			return -1;
		/* A body line may end like a torn line: it is only text. */
		structural = rv == 1 && s->line[0] == '%' && s->len > 1 &&
		    s->line[1] == '%';
		if (rv == 0 || s->line[s->len - 1] != '\n' || (structural &&
		    (strncmp(s->line, "%%end ", 6) != 0 ||
		    marked_torn(s->line, (size_t)s->len)))) {
			/*
			 * A torn record: what cut it short is read anew, but
			 * for the start of its own end line, which a later
			 * append has ended ("%%e" or "%%end ID 5%%torn").
			 */
			if (rv == 1 && s->line[s->len - 1] == '\n' &&
			    !torn_end_line(s->line, (size_t)s->len))
				s->pending = true;
			else if (rv == 1)
				jbuf_add(&s->raw, s->line, (size_t)s->len);
			p = strchr(s->raw.s + 8, ' ');
			n = p == NULL ? 0 : (int)strcspn(p + 1, " \n");
			return problem(s, ev, hline, "entry %.*s incomplete "
			    "(interrupted write?)", n, p == NULL ? "" : p + 1);
		}
		if (strncmp(s->line, "%%end ", 6) == 0) {
			jbuf_add(&s->raw, s->line, (size_t)s->len);
			break;
		}
		/* Skimming for headers, the body is passed over. */
		if (skim) {
			if (skim_body(s) == -1)
				return -1;
			continue;
		}
		jbuf_add(&s->raw, s->line, (size_t)s->len);
		if (!utf8_valid(s->line, (size_t)s->len))
			bad_utf8 = true;
		p = s->line;
		if (p[0] == '\\') {
			/*
			 * The writer escapes only %% and \ at a line's start.
			 */
			if (!(p[1] == '\\' || (p[1] == '%' && p[2] == '%')) &&
			    badesc == 0)
				badesc = s->lineno;
			p++;
		}
		jbuf_add(&s->body, p, (size_t)(s->line + s->len - p));
	}
	if (bad_utf8)
		return problem(s, ev, hline, "entry is not valid UTF-8; it is "
		    "skipped, and kept in the file");
	if (errstr != NULL)
		return problem(s, ev, hline, "entry header: %s", errstr);
	/* The end line: %%end ID LENGTH CRC. */
	p = s->line + 6;
	word = strsep(&p, " ");
	if (word == NULL || strcmp(word, e->id) != 0)
		return problem(s, ev, hline, "entry %s ends with another "
		    "id's end line", e->id);
	if (p == NULL || parse_end(p, &len, &crc) == -1)
		return problem(s, ev, s->lineno, "entry %s: bad end line",
		    e->id);
	ev->problem = NULL;
	/* The last line always ends in a newline; the length tells. */
	if (s->body.len == len + 1 && s->body.s[len] == '\n')
		s->body.len = len;
	got = skim ? 0 :
	    crc32_z(0L, (const Bytef *)s->body.s, s->body.len);
	if (!skim && (s->body.len != len || got != crc)) {
		snprintf(s->msg, sizeof(s->msg), "entry %s: checksum mismatch "
		    "(edited by hand or damaged; journal check --accept shows "
		    "it and keeps it as it now reads)", e->id);
		ev->problem = s->msg;
		ev->mismatch = true;
	} else if (badesc != 0) {
		snprintf(s->msg, sizeof(s->msg), "entry %s: a backslash at "
		    "line %zu escapes neither %%%% nor \\ (edited by hand?)",
		    e->id, badesc);
		ev->problem = s->msg;
	}
	/* A skimmed entry has no body. */
	if (!skim)
		e->body = xstrndup(s->body.s == NULL ? "" : s->body.s,
		    s->body.len);
	e->bodylen = skim ? 0 : s->body.len;
	ev->kind = JREC_ENTRY;
	ev->line = hline;
	ev->entry = *e;
	ev->raw = s->raw.s;
	ev->rawlen = s->raw.len;
	return 1;
}

/*
 * The next record of a journal: 1 with an event, 0 at the end, -1 on a
 * read error.  Problems come as events of their own kind, with the line
 * they concern; a torn or damaged record never hides the ones around it.
 */
int
jreader_next(struct jreader *r, struct jevent *ev)
{
	struct jreader_state	*s = r->s;
	char			*p, *word, *line;
	size_t			 n;
	int			 rv;

	memset(ev, 0, sizeof(*ev));
	for (;;) {
		while (s->skim.level == JSKIM_PASS &&
		    (rv = pass_old_entry(s)) != 0)
			if (rv == -1)
				return -1;
		if ((rv = next_line(s)) != 1)
			return rv;
		s->raw.len = 0;
		jbuf_add(&s->raw, s->line, (size_t)s->len);
		ev->offset = s->lineoff;
		if (s->len == 1 && s->line[0] == '\n')
			continue;
		if (s->line[s->len - 1] != '\n')
			return problem(s, ev, s->lineno, "last line cut short "
			    "(interrupted write?)");
		if (marked_torn(s->line, (size_t)s->len))
			return problem(s, ev, s->lineno, "line cut short "
			    "(interrupted write?)");
		if (s->line[0] != '%' || s->len < 2 || s->line[1] != '%')
			return problem(s, ev, s->lineno, "text outside any "
			    "entry; it is kept in the file");
		if (strncmp(s->line, "%%#", 3) == 0)
			continue;
		if (strncmp(s->line, "%%journal ", 10) == 0) {
			if (s->lineno != 1 ||
			    strcmp(s->line + 10, "1\n") != 0) {
				r->unknown_version = s->lineno == 1;
				return problem(s, ev, s->lineno, "%s",
				    s->lineno == 1 ? "journal of an unknown "
				    "version" : "version line after line 1");
			}
			continue;
		}
		if (strncmp(s->line, "%%entry ", 8) == 0)
			return read_entry(s, ev);
		if (strncmp(s->line, "%%delete ", 9) == 0) {
			line = xstrndup(s->line + 9, (size_t)s->len - 10);
			p = line;
			word = strsep(&p, " ");
			entry_reset(&s->entry);
			/* A NUL would hide what follows it from the checks. */
			if (memchr(s->line, '\0', (size_t)s->len) != NULL ||
			    word == NULL ||
			    !journal_valid_id(word, strlen(word)) ||
			    p == NULL || strlen(p) >= sizeof(s->entry.ts) ||
			    journal_parse_time(p, &s->entry.time) == -1) {
				free(line);
				return problem(s, ev, s->lineno, "bad "
				    "%%%%delete line");
			}
			strlcpy(s->entry.id, word, sizeof(s->entry.id));
			strlcpy(s->entry.ts, p, sizeof(s->entry.ts));
			free(line);
			ev->kind = JREC_DELETE;
			ev->line = s->lineno;
			ev->entry = s->entry;
			ev->raw = s->raw.s;
			ev->rawlen = s->raw.len;
			return 1;
		}
		if (strncmp(s->line, "%%end ", 6) == 0)
			return problem(s, ev, s->lineno, "end line outside any "
			    "entry");
		/*
		 * A kind of record from a later version, %%word up to its
		 * %%end line: kept and skipped.  A record of ours met first
		 * means it was cut short.
		 */
		n = strspn(s->line + 2, "abcdefghijklmnopqrstuvwxyz");
		if (n == 0 || n >= sizeof(ev->kindword) ||
		    (s->line[2 + n] != ' ' && s->line[2 + n] != '\n'))
			return problem(s, ev, s->lineno, "text outside any "
			    "entry; it is kept in the file");
		ev->line = s->lineno;
		snprintf(ev->kindword, sizeof(ev->kindword), "%.*s", (int)n,
		    s->line + 2);
		for (;;) {
			if ((rv = next_line(s)) == -1)
				return -1;
			if (rv == 1 && (strncmp(s->line, "%%entry ", 8) == 0 ||
			    strncmp(s->line, "%%delete ", 9) == 0 ||
			    strncmp(s->line, "%%journal ", 10) == 0) &&
			    s->line[s->len - 1] == '\n') {
				s->pending = true;
				rv = 0;
			}
			if (rv == 0 || s->line[s->len - 1] != '\n' ||
			    (strncmp(s->line, "%%end ", 6) == 0 &&
			    marked_torn(s->line, (size_t)s->len))) {
				if (rv == 1 && !s->pending)
					jbuf_add(&s->raw, s->line,
					    (size_t)s->len);
				return problem(s, ev, ev->line, "%%%%%s record "
				    "incomplete (interrupted write?)",
				    ev->kindword);
			}
			jbuf_add(&s->raw, s->line, (size_t)s->len);
			if (strncmp(s->line, "%%end ", 6) == 0)
				break;
		}
		ev->kind = JREC_UNKNOWN;
		ev->raw = s->raw.s;
		ev->rawlen = s->raw.len;
		return 1;
	}
}

/* Whether two entries hold the same fields and the same body. */
static bool
same_entry(const struct jentry *a, const struct jentry *b)
{
	size_t	 i;

	if (strcmp(a->id, b->id) != 0 || strcmp(a->ts, b->ts) != 0 ||
	    a->starred != b->starred || a->ntags != b->ntags ||
	    a->nratings != b->nratings ||
	    strcmp(a->prompt, b->prompt) != 0 ||
	    strcmp(a->supersedes, b->supersedes) != 0 ||
	    a->bodylen != b->bodylen ||
	    memcmp(a->body, b->body, a->bodylen) != 0)
		return false;
	for (i = 0; i < a->ntags; i++)
		if (strcmp(a->tags[i], b->tags[i]) != 0)
			return false;
	for (i = 0; i < a->nratings; i++)
		if (strcmp(a->ratings[i].key, b->ratings[i].key) != 0 ||
		    strcmp(a->ratings[i].text, b->ratings[i].text) != 0)
			return false;
	return true;
}

/*
 * Build the bytes of an entry record: its header from the fields, its
 * body escaped, its end line with the body's length and CRC-32.  The
 * result is read back and must give the same entry, or EILSEQ.
 */
int
journal_format_entry(const struct jentry *e, char **bufp, size_t *lenp)
{
	struct jreader	 r;
	struct jbuf	 b = { NULL, 0, 0 };
	struct jevent	 ev;
	char		 tail[64];
	const char	*p, *end, *nl;
	size_t		 i;
	uLong		 crc;
	int		 ok;

	jbuf_add(&b, "%%entry ", 8);
	jbuf_add(&b, e->ts, strlen(e->ts));
	jbuf_add(&b, " ", 1);
	jbuf_add(&b, e->id, strlen(e->id));
	if (e->starred)
		jbuf_add(&b, " *", 2);
	for (i = 0; i < e->ntags; i++) {
		jbuf_add(&b, " @", 2);
		jbuf_add(&b, e->tags[i], strlen(e->tags[i]));
	}
	for (i = 0; i < e->nratings; i++) {
		jbuf_add(&b, " ", 1);
		jbuf_add(&b, e->ratings[i].key, strlen(e->ratings[i].key));
		jbuf_add(&b, "=", 1);
		jbuf_add(&b, e->ratings[i].text, strlen(e->ratings[i].text));
	}
	if (e->prompt[0] != '\0') {
		jbuf_add(&b, " prompt=", 8);
		jbuf_add(&b, e->prompt, strlen(e->prompt));
	}
	if (e->supersedes[0] != '\0') {
		jbuf_add(&b, " supersedes=", 12);
		jbuf_add(&b, e->supersedes, strlen(e->supersedes));
	}
	jbuf_add(&b, "\n", 1);
	end = e->body + e->bodylen;
	for (p = e->body; p < end; p = nl + 1) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		if ((nl - p >= 2 && p[0] == '%' && p[1] == '%') ||
		    (nl > p && p[0] == '\\'))
			jbuf_add(&b, "\\", 1);
		jbuf_add(&b, p, (size_t)(nl - p));
		jbuf_add(&b, "\n", 1);
	}
	crc = crc32_z(0L, (const Bytef *)e->body, e->bodylen);
	snprintf(tail, sizeof(tail), "%%%%end %s %zu %08lx\n", e->id,
	    e->bodylen, (unsigned long)crc);
	jbuf_add(&b, tail, strlen(tail));

	/* Read it back: a record that does not survive is never written. */
	jreader_init_mem(&r, "(new entry)", b.s, b.len);
	ok = jreader_next(&r, &ev) == 1 && ev.kind == JREC_ENTRY &&
	    ev.problem == NULL && same_entry(&ev.entry, e) &&
	    jreader_next(&r, &ev) == 0;
	jreader_free(&r);
	if (!ok) {
		free(b.s);
		errno = EILSEQ;
		return -1;
	}
	*bufp = b.s;
	*lenp = b.len;
	return 0;
}
