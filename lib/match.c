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

#include <langinfo.h>
#include <regex.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "rapport.h"

/* The characters special to an extended regular expression. */
#define SPECIAL		".[]()*+?{}|^$\\"
/* A search for a pattern's run that found nothing. */
#define NO_MATCH	SIZE_MAX

static bool	 copy_match(const regex_t *, const char *, size_t, bool);
static void	 required_run(const char *, size_t *, size_t *);
static size_t	 run_find(const struct pattern *, const char *, size_t,
		    size_t);
static bool	 regex_match(const struct pattern *, const char *, size_t);

/*
 * Match a compiled pattern against n bytes of text, which may hold NUL
 * bytes and need not end in one.  The text is copied and terminated
 * first: regexec(3) implementations and their interceptors may look past
 * the end given with REG_STARTEND, up to a NUL.
 */
bool
text_match(const regex_t *re, const char *s, size_t n)
{
	return copy_match(re, s, n, false);
}

/* The same, with the text unwrapped into paragraphs when told. */
static bool
copy_match(const regex_t *re, const char *s, size_t n, bool unwrapped)
{
	static char	*buf;
	static size_t	 cap;
	regmatch_t	 m;

	if (n + 1 > cap) {
		cap = n + 1 > 2 * cap ? n + 1 : 2 * cap;
		buf = xreallocarray(buf, cap, 1);
	}
	if (unwrapped)
		n = unwrap(buf, s, n);
	else
		memcpy(buf, s, n);
	buf[n] = '\0';
	m.rm_so = 0;
	m.rm_eo = (regoff_t)n;
	return regexec(re, buf, 1, &m, REG_STARTEND) == 0;
}

/*
 * The longest run of characters that every match of an extended regular
 * expression holds as they are, in bytes, in *startp and *lenp: plain
 * ASCII characters but the space, read from the start of the pattern up to
 * anything this scan does not follow (a bracket expression, a group, a
 * backslash, an interval, a newline).  A space ends a run, as a wrapped
 * paragraph may hold a line break in its place.  A character that a
 * repetition may leave out (*, ? or an interval, after any +) is not part
 * of a run, and a pattern with alternatives (|) has none.
 */
static void
required_run(const char *pattern, size_t *startp, size_t *lenp)
{
	const char	*c, *q, *run;
	size_t		 n;
	bool		 optional;

	*startp = *lenp = 0;
	if (strchr(pattern, '|') != NULL)
		return;
	for (c = run = pattern;; c++) {
		if (*c != '\0' && (unsigned char)*c < 0x80 &&
		    strchr(SPECIAL " \n", *c) == NULL)
			continue;
		optional = false;
		for (q = c; *q != '\0' && strchr("*+?{", *q) != NULL; q++)
			if (*q != '+')
				optional = true;
		n = (size_t)(c - run);
		if (n > 0 && optional)
			n--;
		if (n > *lenp) {
			*startp = (size_t)(run - pattern);
			*lenp = n;
		}
		if (*c == '\0' || strchr("[](){}\\\n", *c) != NULL)
			return;
		run = c + 1;
	}
}

/*
 * Compile a pattern for regcomp(3) with cflags.  Without REG_ICASE, and in
 * a locale where an ASCII byte is always a character of its own (UTF-8, or
 * one byte a character), the run of plain ASCII characters that every
 * match holds is where memchr(3) and memcmp(3) find a match can be, much
 * faster than regexec(3) finds one, and over a whole file at once.  A
 * pattern that is all one run matches where its bytes occur, and needs no
 * regexec(3) at all.  Only a pattern that may match a space (one holding a
 * space, a dot, a bracket expression or a backslash) can match a text
 * unwrapped where it does not match the text as it is.  Returns -1 with a
 * message in errbuf if the pattern is invalid.
 */
int
pattern_compile(struct pattern *p, const char *pattern, int cflags,
    char *errbuf, size_t errlen)
{
	/* Bytes by how common they are in English text, and rarer the rest. */
	static const char	 common[] = " etaoinshrdlcumwfgypbvkjxqz"
				    ".,'\"-ETAOINSHRDLCUMWFGYPBVKJXQZ";
	const char		*rank;
	size_t			 i, start = 0, rarest = 0;
	int			 rv;

	memset(p, 0, sizeof(*p));
	if (!(cflags & REG_ICASE) && (MB_CUR_MAX == 1 ||
	    strcmp(nl_langinfo(CODESET), "UTF-8") == 0))
		required_run(pattern, &start, &p->len);
	p->whole = p->len > 0 && p->len == strlen(pattern);
	p->unwraps = strpbrk(pattern, " .[\\") != NULL;
	if (!p->whole && (rv = regcomp(&p->re, pattern, cflags)) != 0) {
		regerror(rv, &p->re, errbuf, errlen);
		return -1;
	}
	if (p->len == 0)
		return 0;
	p->run = xstrndup(pattern + start, p->len);
	for (i = 0; i < p->len; i++) {
		if ((rank = strchr(common, p->run[i])) == NULL)
			rank = common + sizeof(common);
		if ((size_t)(rank - common) > rarest) {
			rarest = (size_t)(rank - common);
			p->rare = i;
		}
	}
	return 0;
}

void
pattern_free(struct pattern *p)
{
	free(p->run);
	if (!p->whole)
		regfree(&p->re);
}

/*
 * Where a pattern's run first occurs in the n bytes of s from offset from
 * on, or NO_MATCH: its rarest byte is looked for, and the rest compared.
 */
static size_t
run_find(const struct pattern *p, const char *s, size_t from, size_t n)
{
	const char	*c, *end = s + n;

	if (from > n || n - from < p->len)
		return NO_MATCH;
	for (c = s + from + p->rare; (c = memchr(c, p->run[p->rare],
	    (size_t)(end - c))) != NULL; c++) {
		if ((size_t)(end - c) < p->len - p->rare)
			break;
		if (memcmp(c - p->rare, p->run, p->len) == 0)
			return (size_t)(c - p->rare - s);
	}
	return NO_MATCH;
}

/*
 * Whether a pattern matches a text: as it is, line by line as fortune(6)
 * matches, or else unwrapped into paragraphs, so that a phrase a
 * collection wraps across two lines is found as it reads.
 */
bool
pattern_match(const struct pattern *p, const char *s, size_t n)
{
	if (p->whole)
		return run_find(p, s, 0, n) != NO_MATCH;
	return regex_match(p, s, n);
}

static bool
regex_match(const struct pattern *p, const char *s, size_t n)
{
	return text_match(&p->re, s, n) ||
	    (p->unwraps && copy_match(&p->re, s, n, true));
}

/*
 * Call fn with each eligible record of a scanned file whose text matches
 * the pattern, in the order of the eligible records, and return how many
 * there were.  A pattern's run is looked for in the text of the whole
 * file, from the start of a record to the next place it occurs, which
 * tells at once that the records in between do not match; only a record
 * that holds it is matched with regexec(3), if the run is not the whole
 * pattern.  A run holds no newline and no space, so it lies within a word,
 * which unwrapping leaves as it is, and a record's text is a slice of the
 * file's, but for a record with comment lines, whose text is matched on
 * its own.
 */
size_t
pattern_records(const struct pattern *p, const struct recfile *rf,
    void (*fn)(const struct recfile *, size_t, void *), void *arg)
{
	const struct record	*r;
	const char		*text;
	char			*copy;
	size_t			 k, n, rec, len, found = 0;
	size_t			 from = NO_MATCH, hit = NO_MATCH;
	bool			 matched;

	n = recfile_count_of(rf);
	for (k = 0; k < n; k++) {
		rec = rf->eligible != NULL ? rf->eligible[k] : k;
		r = &rf->recs[rec];
		if (p->run != NULL && !r->comments) {
			/* The first place of the run from this record on. */
			if (from > r->off || hit < r->off) {
				from = r->off;
				hit = run_find(p, rf->text, from, rf->size);
			}
			matched = hit != NO_MATCH &&
			    hit + p->len <= r->off + r->len && (p->whole ||
			    regex_match(p, rf->text + r->off, r->len));
		} else {
			text = recfile_text(rf, rec, &len, &copy);
			matched = pattern_match(p, text, len);
			free(copy);
		}
		if (matched) {
			fn(rf, rec, arg);
			found++;
		}
	}
	return found;
}
