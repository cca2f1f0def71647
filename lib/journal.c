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

#include <sys/stat.h>

#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <libutil.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

#include "rapport.h"

/*
 * The journal format, version 1 (see journal(5)).  One text file:
 *
 *	%%journal 1
 *	%%entry TIMESTAMP ID [*] [@tag ...] [key=value ...]
 *	body lines, each starting with \ when the text's line starts with
 *	%% or \
 *	%%end ID LENGTH CRC32
 *	%%delete ID TIMESTAMP
 *
 * A record ends with its own id, the body's length and its CRC-32, so a
 * record cut short by a crash is told from a complete one, and nothing
 * before or after it is lost.  Records of kinds this reader does not know
 * run from %%KIND to their %%end line and are kept, never lost.
 */

static const char b32[] = "0123456789abcdefghjkmnpqrstvwxyz";

static bool	 valid_id(const char *, size_t);
static bool	 valid_key(const char *, size_t);
static bool	 valid_number(const char *, size_t);
static bool	 valid_tag(const char *, size_t);
static double	 number_value(const char *);
static char	*cut_word(char **, size_t *);
static int	 parse_header(char *, struct jentry *, const struct jreader *,
		    const char **);
static void	 entry_reset(struct jentry *);
static int	 two(const char *);
static int	 next_line(struct jreader *);
static int	 skim_body(struct jreader *);
static int	 problem(struct jreader *, struct jevent *, size_t,
		    const char *, ...)
		    __attribute__((__format__(__printf__, 4, 5)));
static bool	 torn_end_line(const char *, size_t);
static int	 read_entry(struct jreader *, struct jevent *);
static int	 parse_end(const char *, size_t *, unsigned long *);
static bool	 same_entry(const struct jentry *, const struct jentry *);
static char	*lock_path(const char *);
static int	 cmp_hash(const void *, const void *);
static int	 put_record(FILE *, const char *, size_t);

void
jentry_init(struct jentry *e)
{
	memset(e, 0, sizeof(*e));
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

/* Free an entry built by a caller, which owns its tag strings. */
void
jentry_free(struct jentry *e)
{
	size_t	 i;

	for (i = 0; i < e->ntags; i++)
		free(e->tags[i]);
	free(e->tags);
	free(e->ratings);
	free(e->body);
	memset(e, 0, sizeof(*e));
}

/* Append n bytes to a growing buffer, kept NUL-terminated. */
void
jbuf_add(struct jbuf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		while (b->len + n + 1 > b->cap)
			b->cap = b->cap == 0 ? 256 : b->cap * 2;
		b->s = xreallocarray(b->s, b->cap, 1);
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

/* A new id: 50 random bits in lower-case base32, ten characters. */
void
journal_new_id(char *id)
{
	uint64_t	 v;
	int		 i;

	arc4random_buf(&v, sizeof(v));
	for (i = 0; i < JOURNAL_ID_LEN; i++) {
		id[i] = b32[v & 31];
		v >>= 5;
	}
	id[JOURNAL_ID_LEN] = '\0';
}

static bool
valid_id(const char *s, size_t n)
{
	/*
	 * The characters of an id, a table for the same reason as in
	 * parse_end(): random ids mix digits and letters.
	 */
	static const bool idchar[256] = {
		['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1,
		['5'] = 1, ['6'] = 1, ['7'] = 1, ['8'] = 1, ['9'] = 1,
		['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1,
		['f'] = 1, ['g'] = 1, ['h'] = 1, ['i'] = 1, ['j'] = 1,
		['k'] = 1, ['l'] = 1, ['m'] = 1, ['n'] = 1, ['o'] = 1,
		['p'] = 1, ['q'] = 1, ['r'] = 1, ['s'] = 1, ['t'] = 1,
		['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1, ['y'] = 1,
		['z'] = 1
	};
	size_t	 i;

	if (n < 4 || n > JOURNAL_ID_MAX)
		return false;
	for (i = 0; i < n; i++)
		if (!idchar[(unsigned char)s[i]])
			return false;
	return true;
}

static bool
valid_key(const char *s, size_t n)
{
	size_t	 i;

	if (n == 0 || n >= JOURNAL_KEY_MAX || s[0] < 'a' || s[0] > 'z')
		return false;
	for (i = 1; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' &&
		    s[i] <= '9') || s[i] == '_'))
			return false;
	return true;
}

static bool
valid_number(const char *s, size_t n)
{
	size_t	 i = 0, digits = 0;

	if (i < n && s[i] == '-')
		i++;
	for (; i < n && s[i] >= '0' && s[i] <= '9'; i++)
		digits++;
	if (i < n && s[i] == '.') {
		i++;
		if (i == n)
			return false;
		for (; i < n && s[i] >= '0' && s[i] <= '9'; i++)
			continue;
	}
	/* The value must fit struct jrating's text, as written. */
	return digits > 0 && digits <= 9 && i == n &&
	    n < sizeof(((struct jrating *)NULL)->text);
}

/* The value of a valid number: small integers without strtod(3). */
static double
number_value(const char *s)
{
	long	 v = 0;
	size_t	 i;
	bool	 neg = s[0] == '-';

	for (i = neg; s[i] >= '0' && s[i] <= '9'; i++)
		v = v * 10 + (s[i] - '0');
	if (s[i] != '\0')
		return strtod(s, NULL);
	return neg ? -(double)v : (double)v;
}

/* A tag: letters (any UTF-8 beyond ASCII), digits, _ - and /. */
static bool
valid_tag(const char *s, size_t n)
{
	uint32_t	 cp;
	size_t		 i, k;

	if (n == 0 || n >= JOURNAL_TAG_MAX)
		return false;
	for (i = 0; i < n; i += k) {
		k = 1;
		if ((unsigned char)s[i] < 0x80) {
			if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' &&
			    s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9') ||
			    s[i] == '_' || s[i] == '-' || s[i] == '/'))
				return false;
			continue;
		}
		/* Beyond ASCII, any valid UTF-8 is a letter enough. */
		if ((k = utf8_decode(s + i, n - i, &cp)) == 0)
			return false;
	}
	return true;
}

bool
journal_valid_tag(const char *s)
{
	return valid_tag(s, strlen(s));
}

bool
journal_valid_rating(const char *s, const char **errstr)
{
	const char	*eq;

	if ((eq = strchr(s, '=')) == NULL) {
		*errstr = "not KEY=VALUE";
		return false;
	}
	if (!valid_key(s, (size_t)(eq - s)) ||
	    strncmp(s, "supersedes=", 11) == 0 ||
	    strncmp(s, "prompt=", 7) == 0) {
		*errstr = "the key is not a lower-case word (a-z, 0-9, _)";
		return false;
	}
	if (!valid_number(eq + 1, strlen(eq + 1))) {
		*errstr = "the value is not a number";
		return false;
	}
	*errstr = NULL;
	return true;
}

static int
two(const char *s)
{
	if (s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9')
		return -1;
	return (s[0] - '0') * 10 + (s[1] - '0');
}

/*
 * Parse a timestamp as written in a header: an RFC 3339 date and time with
 * seconds and a UTC offset (Z or +hh:mm), or a date alone for an all-day
 * entry.  The instant of an all-day entry is its midnight in UTC.
 */
int
journal_parse_time(const char *s, struct jtime *t)
{
	struct ymd	 d;
	time_t		 days;
	char		 date[11];
	int		 hh, mm, ss, oh, om, sign;
	size_t		 n;

	memset(t, 0, sizeof(*t));
	n = strlen(s);
	if (n < 10)
		goto bad;
	memcpy(date, s, 10);
	date[10] = '\0';
	if (date_parse(date, &d) == -1)
		goto bad;
	days = date_days(d.year, d.month, d.day);
	if (n == 10) {
		t->allday = true;
		t->utc = days * 86400;
		return 0;
	}
	if (n < 20 || s[10] != 'T' || s[13] != ':' || s[16] != ':' ||
	    (hh = two(s + 11)) < 0 || hh > 23 || (mm = two(s + 14)) < 0 ||
	    mm > 59 || (ss = two(s + 17)) < 0 || ss > 60)
		goto bad;
	if (n == 20 && s[19] == 'Z')
		oh = om = 0, sign = 1;
	else if (n == 25 && (s[19] == '+' || s[19] == '-') && s[22] == ':' &&
	    (oh = two(s + 20)) >= 0 && oh <= 23 && (om = two(s + 23)) >= 0 &&
	    om <= 59)
		sign = s[19] == '-' ? -1 : 1;
	else
		goto bad;
	t->offset = sign * (oh * 60 + om);
	t->utc = days * 86400 + hh * 3600 + mm * 60 + ss -
	    (time_t)t->offset * 60;
	return 0;
bad:
	errno = EINVAL;
	return -1;
}

/* Format an instant in the local time zone as RFC 3339 with its offset. */
void
journal_format_time(time_t when, bool allday, char *buf, size_t len)
{
	struct tm	 tm;
	long		 off;

	localtime_r(&when, &tm);
	if (allday) {
		snprintf(buf, len, "%04d-%02d-%02d", tm.tm_year + 1900,
		    tm.tm_mon + 1, tm.tm_mday);
		return;
	}
	off = tm.tm_gmtoff / 60;
	if (off == 0)
		snprintf(buf, len, "%04d-%02d-%02dT%02d:%02d:%02dZ",
		    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
		    tm.tm_min, tm.tm_sec);
	else
		snprintf(buf, len, "%04d-%02d-%02dT%02d:%02d:%02d%c%02ld:%02ld",
		    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
		    tm.tm_min, tm.tm_sec, off < 0 ? '-' : '+',
		    (off < 0 ? -off : off) / 60, (off < 0 ? -off : off) % 60);
}

/*
 * The next word of a line of words a space apart, cut off in place, and
 * its length: one scan for both, as a check-in has thirty.  NULL after
 * the last, as strsep(3).
 */
static char *
cut_word(char **sp, size_t *n)
{
	char	*word = *sp, *end;

	if (word == NULL)
		return NULL;
	end = strchrnul(word, ' ');
	*n = (size_t)(end - word);
	if (*end == ' ') {
		*end = '\0';
		*sp = end + 1;
	} else
		*sp = NULL;
	return word;
}

/*
 * Whether "supersedes=" occurs between s and end: looked for at each =
 * sign, since glibc's memmem(3) sets up a table of 256 entries at each
 * call, which costs more than a short header's search.
 */
static bool
names_supersedes(const char *s, const char *end)
{
	const char	*eq;

	for (eq = s; (eq = memchr(eq, '=', (size_t)(end - eq))) != NULL; eq++)
		if (eq - s >= 10 && memcmp(eq - 10, "supersedes", 10) == 0)
			return true;
	return false;
}

/* Whether the words between s and end hold @tag. */
static bool
names_tag(const char *s, const char *end, const char *tag)
{
	const char	*at;
	size_t		 n = strlen(tag);

	for (at = s; (at = memchr(at, '@', (size_t)(end - at))) != NULL; at++)
		if ((at == s || at[-1] == ' ') && (size_t)(end - at) > n &&
		    memcmp(at + 1, tag, n) == 0 && (at + 1 + n == end ||
		    at[1 + n] == ' '))
			return true;
	return false;
}

/*
 * Whether a skimmed entry at utc, the rest of whose header after its id
 * lies between s and end, is wanted whole by a lazy reader: from
 * whole_from on, and from whole_tag_from on if it has whole_tag.
 */
static bool
wanted_whole(const struct jreader *r, time_t utc, const char *s,
    const char *end)
{
	if (r->whole_recent && utc >= r->whole_from)
		return true;
	return r->whole_tag != NULL && utc >= r->whole_tag_from &&
	    names_tag(s, end, r->whole_tag);
}

/*
 * Parse the words of an entry header after "%%entry ": timestamp, id,
 * then a star, tags, ratings and the reserved supersedes= and prompt=.
 * The line is cut into words in place.
 */
static int
parse_header(char *line, struct jentry *e, const struct jreader *r,
    const char **errstr)
{
	char		*word, *eq;
	const char	*end;
	size_t		 n, i, k;
	uint64_t	 keybits = 0, bit;

	if ((word = cut_word(&line, &n)) == NULL || n >= sizeof(e->ts) ||
	    journal_parse_time(word, &e->time) == -1) {
		*errstr = "bad timestamp";
		return -1;
	}
	memcpy(e->ts, word, n + 1);
	if ((word = cut_word(&line, &n)) == NULL || !valid_id(word, n)) {
		*errstr = "bad id";
		return -1;
	}
	memcpy(e->id, word, n + 1);
	/*
	 * Skimming for time and id alone, the rest is left unread unless it
	 * supersedes an entry or is as recent as the reader wants whole; a
	 * damaged rest shows when the entry is read whole to be shown.
	 */
	if (r->headers_only && r->skim_lazy) {
		if (line == NULL)
			return 0;
		end = line + strlen(line);
		if (!wanted_whole(r, e->time.utc, line, end) &&
		    !names_supersedes(line, end))
			return 0;
	}
	while ((word = cut_word(&line, &n)) != NULL) {
		if (n == 1 && word[0] == '*')
			e->starred = true;
		else if (word[0] == '@') {
			if (!valid_tag(word + 1, n - 1)) {
				*errstr = "bad tag";
				return -1;
			}
			/* The reader's tags point into its header buffer. */
			if (e->ntags == e->tagcap) {
				e->tagcap = e->tagcap == 0 ? 8 : e->tagcap * 2;
				e->tags = xreallocarray(e->tags, e->tagcap,
				    sizeof(*e->tags));
			}
			e->tags[e->ntags++] = word + 1;
		} else if ((eq = memchr(word, '=', n)) != NULL) {
			*eq = '\0';
			k = (size_t)(eq - word);
			if (k == 10 && memcmp(word, "supersedes", 10) == 0) {
				if (!valid_id(eq + 1, n - k - 1)) {
					*errstr = "bad id in supersedes=";
					return -1;
				}
				strlcpy(e->supersedes, eq + 1,
				    sizeof(e->supersedes));
			} else if (k == 6 && memcmp(word, "prompt", 6) == 0) {
				if (n - k - 1 != 8 ||
				    strspn(eq + 1, "0123456789abcdef") != 8) {
					*errstr = "bad prompt id";
					return -1;
				}
				strlcpy(e->prompt, eq + 1, sizeof(e->prompt));
			} else {
				if (!valid_key(word, k) ||
				    !valid_number(eq + 1, n - k - 1)) {
					*errstr = "bad rating";
					return -1;
				}
				/*
				 * A bit per key's hash: only a key whose
				 * bit is taken is looked for among the
				 * others, so that a check-in's thirty
				 * ratings cost no quadratic search.
				 */
				bit = (uint64_t)1 << (rng_hash(word, 0) & 63);
				for (i = 0; (keybits & bit) != 0 &&
				    i < e->nratings; i++)
					if (strcmp(e->ratings[i].key,
					    word) == 0) {
						*errstr = "rating given twice";
						return -1;
					}
				keybits |= bit;
				if (e->nratings == e->ratingcap) {
					e->ratingcap = e->ratingcap == 0 ? 8 :
					    e->ratingcap * 2;
					e->ratings = xreallocarray(e->ratings,
					    e->ratingcap, sizeof(*e->ratings));
				}
				/*
				 * Both fit: valid_key and valid_number said so.
				 */
				memcpy(e->ratings[e->nratings].key, word,
				    k + 1);
				memcpy(e->ratings[e->nratings].text, eq + 1,
				    n - k);
				e->ratings[e->nratings].value =
				    number_value(eq + 1);
				e->nratings++;
			}
		} else {
			*errstr = "unknown word in header";
			return -1;
		}
	}
	return 0;
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
	crc = crc32(0L, (const Bytef *)e->body, (uInt)e->bodylen);
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

void
jreader_init(struct jreader *r, const char *name, FILE *fp)
{
	memset(r, 0, sizeof(*r));
	r->name = name;
	r->fp = fp;
	if (fp != NULL && (r->nextoff = ftello(fp)) == -1)
		r->nextoff = 0;
}

/* A reader over bytes in memory, as for reading back a new record. */
void
jreader_init_mem(struct jreader *r, const char *name, const char *s,
    size_t n)
{
	jreader_init(r, name, fmemopen((void *)s, n, "r"));
	r->owned = true;
	if (r->fp == NULL)
		r->eof = true;
}

void
jreader_free(struct jreader *r)
{
	if (r->owned && r->fp != NULL)
		fclose(r->fp);
	entry_reset(&r->entry);
	free(r->entry.tags);
	free(r->entry.ratings);
	free(r->line);
	free(r->raw.s);
	free(r->body.s);
	free(r->hdr.s);
	free(r->ahead.s);
	memset(r, 0, sizeof(*r));
}

/*
 * Read the next line, or take back the one left pending: from what
 * skimming read ahead, if anything, else from the stream.  0 at the end.
 */
static int
next_line(struct jreader *r)
{
	const char	*start, *nl;
	char		*more = NULL;
	size_t		 n, mcap = 0;
	ssize_t		 m;

	if (r->pending) {
		r->pending = false;
		return 1;
	}
	if (r->aheadpos < r->ahead.len) {
		start = r->ahead.s + r->aheadpos;
		nl = memchr(start, '\n', r->ahead.len - r->aheadpos);
		n = nl != NULL ? (size_t)(nl - start) + 1 :
		    r->ahead.len - r->aheadpos;
		if (n + 1 > r->cap) {
			r->cap = n + 1;
			r->line = xreallocarray(r->line, r->cap, 1);
		}
		memcpy(r->line, start, n);
		r->line[n] = '\0';
		r->aheadpos += n;
		r->len = (ssize_t)n;
		if (nl == NULL && !r->eof) {
			/* The rest of the line is still in the stream. */
			if ((m = getline(&more, &mcap, r->fp)) > 0) {
				r->cap = n + (size_t)m + 1;
				r->line = xreallocarray(r->line, r->cap, 1);
				memcpy(r->line + n, more, (size_t)m + 1);
				r->len += m;
			} else {
				r->eof = true;
				if (ferror(r->fp)) {
					free(more);
					return -1;
				}
			}
			free(more);
		}
		r->lineoff = r->nextoff;
		r->nextoff += r->len;
		r->lineno++;
		return 1;
	}
	if (r->eof)
		return 0;
	r->lineoff = r->nextoff;
	if ((r->len = getline(&r->line, &r->cap, r->fp)) == -1) {
		r->eof = true;
		return ferror(r->fp) ? -1 : 0;
	}
	r->nextoff += r->len;
	r->lineno++;
	return 1;
}

/*
 * Read on behind what is left unread of the read-ahead buffer, up to 64 KB
 * more.  The buffer has room from the start for the 16 KB that
 * pass_old_entry() leaves before reading on, so that it is not moved (a
 * copy of pages never touched before is a page fault for each).  -1 on a
 * read error.
 */
static int
fill_ahead(struct jreader *r)
{
	size_t	 tail, n;

	tail = r->ahead.len - r->aheadpos;
	if (tail > 0 && r->aheadpos > 0)
		memmove(r->ahead.s, r->ahead.s + r->aheadpos, tail);
	r->ahead.len = tail;
	r->aheadpos = 0;
	if (r->ahead.cap < tail + 65536 + 1) {
		r->ahead.cap = (tail > 16384 ? tail : 16384) + 65536 + 1;
		r->ahead.s = xreallocarray(r->ahead.s, r->ahead.cap, 1);
	}
	n = fread(r->ahead.s + tail, 1, 65536, r->fp);
	r->ahead.len += n;
	/* Short only at the end or on an error. */
	if (n < 65536) {
		if (ferror(r->fp))
			return -1;
		r->eof = feof(r->fp) != 0 || n == 0;
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
skim_body(struct jreader *r)
{
	const char	*p, *nl;
	size_t		 n;

	for (;;) {
		p = r->ahead.s == NULL ? NULL : r->ahead.s + r->aheadpos;
		nl = r->aheadpos < r->ahead.len ? memchr(p, '\n',
		    r->ahead.len - r->aheadpos) : NULL;
		if (r->ahead.len - r->aheadpos >= 2 && p[0] == '%' &&
		    p[1] == '%')
			return 0;
		if (nl != NULL) {
			n = (size_t)(nl - p) + 1;
			r->aheadpos += n;
			r->nextoff += (off_t)n;
			r->lineno++;
			continue;
		}
		if (r->eof)
			return 0;
		if (fill_ahead(r) == -1)
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
 * a line or making an event: one that a lazy skim would not read whole
 * (wanted_whole()) and that supersedes nothing, checked as skimming
 * checks it (a header of valid UTF-8 with a good timestamp and id, an end
 * line of the same id).  Any other record, or one that does not fit in
 * the buffer, is left to the reader line by line, which reports what is
 * wrong with it.  1 if an entry was passed over, 0 if not, -1 on a read
 * error.
 */
static int
pass_old_entry(struct jreader *r)
{
	const char	*p, *end, *nl, *id, *q;
	struct jtime	 t;
	char		 ts[32];
	size_t		 idlen, lines, len;
	unsigned long	 crc;

	if (r->pending)
		return 0;
	/* Room for most records whole: refill when less than 16 KB is left. */
	if (r->ahead.len - r->aheadpos < 16384 && !r->eof &&
	    fill_ahead(r) == -1)
		return -1;
	if (r->ahead.s == NULL)
		return 0;
	p = r->ahead.s + r->aheadpos;
	end = r->ahead.s + r->ahead.len;
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
	if (!valid_id(id, idlen) || wanted_whole(r, t.utc, q, nl) ||
	    names_supersedes(q, nl) || !utf8_valid(p, (size_t)(nl - p) + 1))
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
	    parse_end(q + 7 + idlen, &len, &crc) == -1)
		return 0;
	len = (size_t)(nl + 1 - p);
	r->aheadpos += len;
	r->nextoff += (off_t)len;
	r->lineno += lines;
	return 1;
}

static int
problem(struct jreader *r, struct jevent *ev, size_t line, const char *fmt,
    ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	vsnprintf(r->msg, sizeof(r->msg), fmt, ap);
	va_end(ap);
	ev->kind = JREC_PROBLEM;
	ev->line = line;
	ev->problem = r->msg;
	ev->raw = r->raw.s;
	ev->rawlen = r->raw.len;
	return 1;
}

/*
 * Whether a line, len bytes less its newline, is an end line cut short:
 * "%%", "%%e", "%%en" or "%%end".
 */
static bool
torn_end_line(const char *line, size_t len)
{
	return len >= 2 && len < 6 && memcmp(line, "%%end ", len) == 0;
}

/*
 * Read the body and end line of an entry whose header is in r->line.
 * Returns 1 with an event, which is a problem for a torn or unreadable
 * record, 0 never, -1 on a read error.
 */
static int
read_entry(struct jreader *r, struct jevent *ev)
{
	struct jentry	*e = &r->entry;
	const char	*errstr = NULL;
	char		*header, *p, *word;
	size_t		 hline = r->lineno, len, badesc = 0;
	unsigned long	 crc;
	uLong		 got;
	int		 rv, n;
	bool		 bad_utf8, skim;

	/* The header's words, cut apart in a buffer kept for the next. */
	r->hdr.len = 0;
	jbuf_add(&r->hdr, r->line + 8, (size_t)r->len - 9);
	header = r->hdr.s;
	bad_utf8 = !utf8_valid(r->line, (size_t)r->len);
	entry_reset(e);
	if (!bad_utf8)
		parse_header(header, e, r, &errstr);
	/*
	 * An edit is read whole even when skimming, so that a damaged one
	 * (a body of invalid UTF-8) supersedes nothing, as when read whole.
	 */
	skim = r->headers_only && e->supersedes[0] == '\0';
	r->body.len = 0;
	for (;;) {
		if ((rv = next_line(r)) == -1)
			return -1;
		if (rv == 0 || r->line[r->len - 1] != '\n' ||
		    (r->line[0] == '%' && r->len > 1 && r->line[1] == '%' &&
		    strncmp(r->line, "%%end ", 6) != 0)) {
			/*
			 * A torn record: what cut it short is read anew, but
			 * for the start of its own end line, which the newline
			 * of a later append has made a line ("%%e").
			 */
			if (rv == 1 && r->line[r->len - 1] == '\n' &&
			    !torn_end_line(r->line, (size_t)r->len - 1))
				r->pending = true;
			else if (rv == 1)
				jbuf_add(&r->raw, r->line, (size_t)r->len);
			p = strchr(r->raw.s + 8, ' ');
			n = p == NULL ? 0 : (int)strcspn(p + 1, " \n");
			return problem(r, ev, hline, "entry %.*s incomplete "
			    "(interrupted write?)", n, p == NULL ? "" : p + 1);
		}
		if (strncmp(r->line, "%%end ", 6) == 0) {
			jbuf_add(&r->raw, r->line, (size_t)r->len);
			break;
		}
		/* Skimming for headers, the body is passed over. */
		if (skim) {
			if (skim_body(r) == -1)
				return -1;
			continue;
		}
		jbuf_add(&r->raw, r->line, (size_t)r->len);
		if (!utf8_valid(r->line, (size_t)r->len))
			bad_utf8 = true;
		p = r->line;
		if (p[0] == '\\') {
			/*
			 * The writer escapes only %% and \ at a line's start.
			 */
			if (!(p[1] == '\\' || (p[1] == '%' && p[2] == '%')) &&
			    badesc == 0)
				badesc = r->lineno;
			p++;
		}
		jbuf_add(&r->body, p, (size_t)(r->line + r->len - p));
	}
	if (bad_utf8)
		return problem(r, ev, hline, "entry is not valid UTF-8; it is "
		    "skipped, and kept in the file");
	if (errstr != NULL)
		return problem(r, ev, hline, "entry header: %s", errstr);
	/* The end line: %%end ID LENGTH CRC. */
	p = r->line + 6;
	word = strsep(&p, " ");
	if (word == NULL || strcmp(word, e->id) != 0)
		return problem(r, ev, hline, "entry %s ends with another "
		    "id's end line", e->id);
	if (p == NULL || parse_end(p, &len, &crc) == -1)
		return problem(r, ev, r->lineno, "entry %s: bad end line",
		    e->id);
	ev->problem = NULL;
	/* The last line always ends in a newline; the length tells. */
	if (r->body.len == len + 1 && r->body.s[len] == '\n')
		r->body.len = len;
	got = skim ? 0 :
	    crc32(0L, (const Bytef *)r->body.s, (uInt)r->body.len);
	if (!skim && (r->body.len != len || got != crc)) {
		snprintf(r->msg, sizeof(r->msg), "entry %s: checksum mismatch "
		    "(edited by hand or damaged)", e->id);
		ev->problem = r->msg;
	} else if (badesc != 0) {
		snprintf(r->msg, sizeof(r->msg), "entry %s: a backslash at "
		    "line %zu escapes neither %%%% nor \\ (edited by hand?)",
		    e->id, badesc);
		ev->problem = r->msg;
	}
	/* A skimmed entry has no body. */
	if (!skim)
		e->body = xstrndup(r->body.s == NULL ? "" : r->body.s,
		    r->body.len);
	e->bodylen = skim ? 0 : r->body.len;
	ev->kind = JREC_ENTRY;
	ev->line = hline;
	ev->entry = *e;
	ev->raw = r->raw.s;
	ev->rawlen = r->raw.len;
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
	char	*p, *word, *line;
	size_t	 n;
	int	 rv;

	memset(ev, 0, sizeof(*ev));
	for (;;) {
		while (r->pass_old && (rv = pass_old_entry(r)) != 0)
			if (rv == -1)
				return -1;
		if ((rv = next_line(r)) != 1)
			return rv;
		r->raw.len = 0;
		jbuf_add(&r->raw, r->line, (size_t)r->len);
		ev->offset = r->lineoff;
		if (r->len == 1 && r->line[0] == '\n')
			continue;
		if (r->line[r->len - 1] != '\n')
			return problem(r, ev, r->lineno, "last line cut short "
			    "(interrupted write?)");
		if (r->line[0] != '%' || r->len < 2 || r->line[1] != '%')
			return problem(r, ev, r->lineno, "text outside any "
			    "entry; it is kept in the file");
		if (strncmp(r->line, "%%#", 3) == 0)
			continue;
		if (strncmp(r->line, "%%journal ", 10) == 0) {
			if (r->lineno != 1 ||
			    strcmp(r->line + 10, "1\n") != 0) {
				r->unknown_version = r->lineno == 1;
				return problem(r, ev, r->lineno, "%s",
				    r->lineno == 1 ? "journal of an unknown "
				    "version" : "version line after line 1");
			}
			continue;
		}
		if (strncmp(r->line, "%%entry ", 8) == 0)
			return read_entry(r, ev);
		if (strncmp(r->line, "%%delete ", 9) == 0) {
			line = xstrndup(r->line + 9, (size_t)r->len - 10);
			p = line;
			word = strsep(&p, " ");
			entry_reset(&r->entry);
			/* A NUL would hide what follows it from the checks. */
			if (memchr(r->line, '\0', (size_t)r->len) != NULL ||
			    word == NULL || !valid_id(word, strlen(word)) ||
			    p == NULL || strlen(p) >= sizeof(r->entry.ts) ||
			    journal_parse_time(p, &r->entry.time) == -1) {
				free(line);
				return problem(r, ev, r->lineno, "bad "
				    "%%%%delete line");
			}
			strlcpy(r->entry.id, word, sizeof(r->entry.id));
			strlcpy(r->entry.ts, p, sizeof(r->entry.ts));
			free(line);
			ev->kind = JREC_DELETE;
			ev->line = r->lineno;
			ev->entry = r->entry;
			ev->raw = r->raw.s;
			ev->rawlen = r->raw.len;
			return 1;
		}
		if (strncmp(r->line, "%%end ", 6) == 0)
			return problem(r, ev, r->lineno, "end line outside any "
			    "entry");
		/*
		 * A kind of record from a later version, %%word up to its
		 * %%end line: kept and skipped.  A record of ours met first
		 * means it was cut short.
		 */
		n = strspn(r->line + 2, "abcdefghijklmnopqrstuvwxyz");
		if (n == 0 || n >= sizeof(ev->kindword) ||
		    (r->line[2 + n] != ' ' && r->line[2 + n] != '\n'))
			return problem(r, ev, r->lineno, "text outside any "
			    "entry; it is kept in the file");
		ev->line = r->lineno;
		snprintf(ev->kindword, sizeof(ev->kindword), "%.*s", (int)n,
		    r->line + 2);
		for (;;) {
			if ((rv = next_line(r)) == -1)
				return -1;
			if (rv == 1 && (strncmp(r->line, "%%entry ", 8) == 0 ||
			    strncmp(r->line, "%%delete ", 9) == 0 ||
			    strncmp(r->line, "%%journal ", 10) == 0) &&
			    r->line[r->len - 1] == '\n') {
				r->pending = true;
				rv = 0;
			}
			if (rv == 0 || r->line[r->len - 1] != '\n') {
				if (rv == 1 && !r->pending)
					jbuf_add(&r->raw, r->line,
					    (size_t)r->len);
				return problem(r, ev, ev->line, "%%%%%s record "
				    "incomplete (interrupted write?)",
				    ev->kindword);
			}
			jbuf_add(&r->raw, r->line, (size_t)r->len);
			if (strncmp(r->line, "%%end ", 6) == 0)
				break;
		}
		ev->kind = JREC_UNKNOWN;
		ev->raw = r->raw.s;
		ev->rawlen = r->raw.len;
		return 1;
	}
}

/*
 * The lock beside the journal, JOURNAL.lock, taken by every writer.  It
 * stays put when compaction renames a new journal over the old one, and a
 * journal reached through a symbolic link is locked where it really is.
 */
static char *
lock_path(const char *path)
{
	char	*real, *lock;

	if ((real = realpath(path, NULL)) != NULL) {
		xasprintf(&lock, "%s.lock", real);
		free(real);
	} else
		xasprintf(&lock, "%s.lock", path);
	return lock;
}

/* Take the journal's lock; returns its descriptor, or -1. */
int
journal_lock(const char *path)
{
	char	*lock;
	int	 fd, saved;

	lock = lock_path(path);
	fd = flopen(lock, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	saved = errno;
	free(lock);
	errno = saved;
	return fd;
}

/*
 * Append a record to a journal without reading or rewriting it: under the
 * lock, with O_APPEND, a newline first if the file does not end in one
 * (a torn last line must not swallow the new record), the whole record in
 * one write loop, then fsync, and the directory's too when the file is
 * new.  A new journal is created 0600 in directories of 0700 and starts
 * with its version line.  On a failed write the file is cut back to the
 * size it had, so that it is left as it was.  A journal of another user,
 * or one that others may write (file_private), fails with EPERM.
 */
int
journal_append(const char *path, const char *rec, size_t len)
{
	struct stat	 st;
	char		*dir, *slash, last, first[16];
	ssize_t		 n;
	off_t		 size;
	int		 fd = -1, lfd, dfd, saved, flags;
	bool		 created = false;

	/* What cannot be a journal is refused before any lock is made. */
	if (lstat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		if (!S_ISLNK(st.st_mode)) {
			errno = S_ISDIR(st.st_mode) ? EISDIR : EINVAL;
			return -1;
		}
		if (stat(path, &st) == -1)
			return -1;
		if (!S_ISREG(st.st_mode)) {
			errno = S_ISDIR(st.st_mode) ? EISDIR : EINVAL;
			return -1;
		}
	}
	if (file_make_dirs(path) == -1 || (lfd = journal_lock(path)) == -1)
		return -1;
	fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_EXCL | O_NONBLOCK |
	    O_CLOEXEC, 0600);
	if (fd != -1)
		created = true;
	else if (errno == EEXIST)
		fd = open(path, O_WRONLY | O_APPEND | O_NONBLOCK | O_CLOEXEC);
	if (fd == -1)
		goto fail;
	if (fstat(fd, &st) == -1)
		goto fail;
	if (!S_ISREG(st.st_mode)) {
		errno = EINVAL;
		goto fail;
	}
	/* Another's journal, or one others may write, is not written. */
	if (file_private(&st) != 0) {
		errno = EPERM;
		goto fail;
	}
	if ((flags = fcntl(fd, F_GETFL)) == -1 ||
	    fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) == -1)
		goto fail;
	size = st.st_size;
	if (created && fchmod(fd, 0600) == -1)
		goto undo;
	n = 0;
	last = '\n';
	if (size > 0) {
		/* O_APPEND ignores the offset; a second descriptor reads. */
		dfd = open(path, O_RDONLY | O_CLOEXEC);
		if (dfd == -1 || pread(dfd, &last, 1, size - 1) != 1 ||
		    (n = pread(dfd, first, sizeof(first), 0)) < 0) {
			saved = errno;
			if (dfd != -1)
				close(dfd);
			errno = saved;
			goto fail;
		}
		close(dfd);
	}
	/*
	 * An empty journal gets its version line, and one that is nothing
	 * but the start of it, as a crash while it was made leaves it, the
	 * rest of that line.
	 */
	if (size < (off_t)sizeof(JOURNAL_MAGIC) && n == size &&
	    memcmp(first, JOURNAL_MAGIC "\n", (size_t)n) == 0) {
		if (file_write_all(fd, &(JOURNAL_MAGIC "\n")[n],
		    sizeof(JOURNAL_MAGIC) - (size_t)n) == -1)
			goto undo;
	} else if (n >= 10 && memcmp(first, "%%journal ", 10) == 0 &&
	    (n < (ssize_t)sizeof(JOURNAL_MAGIC) || memcmp(first,
	    JOURNAL_MAGIC "\n", sizeof(JOURNAL_MAGIC)) != 0)) {
		/* A later version's journal is not ours to write to. */
		errno = ENOTSUP;
		goto fail;
	} else if (last != '\n' && file_write_all(fd, "\n", 1) == -1)
		goto undo;
	if (file_write_all(fd, rec, len) == -1 || fsync(fd) == -1)
		goto undo;
	if (created) {
		dir = xstrdup(path);
		if ((slash = strrchr(dir, '/')) != NULL)
			*slash = '\0';
		if ((dfd = open(slash == NULL ? "." : dir, O_RDONLY |
		    O_DIRECTORY | O_CLOEXEC)) != -1) {
			fsync(dfd);
			close(dfd);
		}
		free(dir);
	}
	if (close(fd) == -1) {
		fd = -1;
		goto fail;
	}
	close(lfd);
	return 0;
undo:
	saved = errno;
	if (ftruncate(fd, size) == -1 && created)
		unlink(path);
	else if (created && size == 0)
		unlink(path);
	errno = saved;
fail:
	saved = errno;
	if (fd != -1)
		close(fd);
	close(lfd);
	errno = saved;
	return -1;
}

static int
cmp_hash(const void *a, const void *b)
{
	uint64_t	 x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/*
 * Hashes of the ids superseded or deleted in a journal, sorted, from where
 * it stands.  Entries that supersede nothing are passed over; an edit is
 * read whole, so that one that cannot be read, as one of invalid UTF-8,
 * supersedes nothing: its original is still listed, and compaction never
 * drops the only version that can be read.  -1 on a read error.
 */
int
journal_dead_hashes(FILE *fp, const char *path, uint64_t **deadp,
    size_t *np)
{
	struct jreader	 r;
	struct jevent	 ev;
	uint64_t	*dead = NULL;
	size_t		 n = 0, cap = 0;
	int		 rv;

	jreader_init(&r, path, fp);
	r.headers_only = r.skim_lazy = r.pass_old = true;
	while ((rv = jreader_next(&r, &ev)) == 1) {
		if (!(ev.kind == JREC_DELETE || (ev.kind == JREC_ENTRY &&
		    ev.entry.supersedes[0] != '\0')))
			continue;
		if (n == cap) {
			cap = cap == 0 ? 64 : cap * 2;
			dead = xreallocarray(dead, cap, sizeof(*dead));
		}
		dead[n++] = rng_hash(ev.kind == JREC_DELETE ? ev.entry.id :
		    ev.entry.supersedes, 0);
	}
	jreader_free(&r);
	if (rv == -1) {
		free(dead);
		return -1;
	}
	if (n > 1)
		qsort(dead, n, sizeof(*dead), cmp_hash);
	*deadp = dead;
	*np = n;
	return 0;
}

/* Write a record, with a final newline if its last line lacks one. */
static int
put_record(FILE *fp, const char *raw, size_t len)
{
	if (fwrite(raw, 1, len, fp) != len)
		return -1;
	if (raw[len - 1] != '\n' && putc('\n', fp) == EOF)
		return -1;
	return 0;
}

/*
 * Rewrite a journal, as compaction and repair do: under the lock, into a
 * temporary file beside the real journal (a symbolic link is followed)
 * with its mode, flushed to disk, then renamed onto it and the directory
 * flushed.  Killed at any point, it leaves the old journal or the new
 * one, never half of one.  JREWRITE_COMPACT drops superseded and deleted
 * entries and their tombstones; JREWRITE_REPAIR moves torn and unreadable
 * records, and stray text, to the side file.  Unknown kinds of records
 * are kept by both.  A later version's journal fails with ENOTSUP.
 */
int
journal_rewrite(const char *path, int mode, const char *side,
    size_t *droppedp)
{
	struct jreader	 r;
	struct jevent	 ev;
	struct stat	 st;
	uint64_t	*dead = NULL, h;
	char		*real = NULL, *tmp = NULL, *slash;
	size_t		 ndead = 0, dropped = 0;
	FILE		*fp = NULL, *out = NULL, *sidefp = NULL;
	int		 lfd, fd = -1, sfd, dfd, saved, rv;
	bool		 keep, reading = false;

	if ((lfd = journal_lock(path)) == -1)
		return -1;
	if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)) == -1 ||
	    fstat(fd, &st) == -1)
		goto fail;
	if (!S_ISREG(st.st_mode)) {
		errno = S_ISDIR(st.st_mode) ? EISDIR : EINVAL;
		goto fail;
	}
	if (file_private(&st) != 0) {
		errno = EPERM;
		goto fail;
	}
	if ((fp = fdopen(fd, "r")) == NULL)
		goto fail;
	fd = -1;
	if ((real = realpath(path, NULL)) == NULL)
		goto fail;
	if (mode == JREWRITE_COMPACT &&
	    journal_dead_hashes(fp, path, &dead, &ndead) == -1)
		goto fail;
	rewind(fp);
	xasprintf(&tmp, "%s.XXXXXX", real);
	if ((fd = mkstemp(tmp)) == -1) {
		free(tmp);
		tmp = NULL;
		goto fail;
	}
	if (fchmod(fd, st.st_mode & 07777) == -1 ||
	    (out = fdopen(fd, "w")) == NULL)
		goto fail;
	fd = -1;
	if (fputs(JOURNAL_MAGIC "\n", out) == EOF)
		goto fail;
	jreader_init(&r, path, fp);
	reading = true;
	while ((rv = jreader_next(&r, &ev)) == 1) {
		if (r.unknown_version) {
			errno = ENOTSUP;
			goto fail;
		}
		if (ev.raw == NULL || ev.rawlen == 0)
			continue;
		/* The version line is written anew. */
		if (ev.kind == JREC_PROBLEM && ev.line == 1 &&
		    ev.rawlen >= 10 && strncmp(ev.raw, "%%journal ", 10) == 0)
			continue;
		if (mode == JREWRITE_COMPACT) {
			h = ev.kind == JREC_ENTRY ?
			    rng_hash(ev.entry.id, 0) : 0;
			keep = ev.kind != JREC_DELETE &&
			    (ev.kind != JREC_ENTRY || ndead == 0 ||
			    bsearch(&h, dead, ndead, sizeof(*dead),
			    cmp_hash) == NULL);
		} else
			keep = ev.kind != JREC_PROBLEM;
		if (keep) {
			if (put_record(out, ev.raw, ev.rawlen) == -1)
				goto fail;
			continue;
		}
		dropped++;
		if (side == NULL)
			continue;
		if (sidefp == NULL) {
			if ((sfd = open(side, O_WRONLY | O_APPEND | O_CREAT |
			    O_CLOEXEC, 0600)) == -1)
				goto fail;
			if ((sidefp = fdopen(sfd, "a")) == NULL) {
				close(sfd);
				goto fail;
			}
		}
		if (fprintf(sidefp, "%%%%# from %s line %zu: %s\n", path,
		    ev.line, ev.problem != NULL ? ev.problem : "") < 0 ||
		    put_record(sidefp, ev.raw, ev.rawlen) == -1)
			goto fail;
	}
	jreader_free(&r);
	reading = false;
	if (rv == -1)
		goto fail;
	if (fflush(out) == EOF || ferror(out) || fsync(fileno(out)) == -1) {
		fclose(out);
		out = NULL;
		goto fail;
	}
	rv = fclose(out);
	out = NULL;
	if (rv == EOF)
		goto fail;
	if (sidefp != NULL) {
		rv = fflush(sidefp) == EOF || fsync(fileno(sidefp)) == -1;
		if (fclose(sidefp) == EOF)
			rv = 1;
		sidefp = NULL;
		if (rv)
			goto fail;
	}
	if (rename(tmp, real) == -1)
		goto fail;
	if ((slash = strrchr(real, '/')) != NULL)
		*slash = '\0';
	if ((dfd = open(slash == NULL ? "." : real, O_RDONLY | O_DIRECTORY |
	    O_CLOEXEC)) != -1) {
		fsync(dfd);
		close(dfd);
	}
	free(tmp);
	free(real);
	free(dead);
	fclose(fp);
	close(lfd);
	*droppedp = dropped;
	return 0;
fail:
	saved = errno;
	if (reading)
		jreader_free(&r);
	if (out != NULL)
		fclose(out);
	if (sidefp != NULL)
		fclose(sidefp);
	if (fd != -1)
		close(fd);
	if (tmp != NULL) {
		unlink(tmp);
		free(tmp);
	}
	if (fp != NULL)
		fclose(fp);
	free(real);
	free(dead);
	close(lfd);
	errno = saved;
	return -1;
}
