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
 * journal.c: the journal format's entries: the words of their headers,
 * checked and parsed for the reader (jreader.c), and their ids.  Their
 * records are built from their fields in jreader.c, which reads each one
 * back before it is written.  The file side is jfile.c, the timestamps
 * are date.c's.
 *
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

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "rapport.h"
#include "jreader.h"

static bool	 valid_key(const char *, size_t);
static bool	 valid_number(const char *, size_t);
static bool	 valid_tag(const char *, size_t);
static double	 number_value(const char *);
static char	*cut_word(char **, size_t *);
static bool	 names_supersedes(const char *, const char *);
static bool	 names_tag(const char *, const char *, const char *);

void
jentry_init(struct jentry *e)
{
	memset(e, 0, sizeof(*e));
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

/* The id of the low 50 bits of v: ten characters of Crockford's base32. */
void
journal_id(uint64_t v, char *id)
{
	static const char	 b32[] = "0123456789abcdefghjkmnpqrstvwxyz";
	int			 i;

	for (i = 0; i < JOURNAL_ID_LEN; i++) {
		id[i] = b32[v & 31];
		v >>= 5;
	}
	id[JOURNAL_ID_LEN] = '\0';
}

/* A new id, of random bits. */
void
journal_new_id(char *id)
{
	uint64_t	 v;

	arc4random_buf(&v, sizeof(v));
	journal_id(v, id);
}

/* An id as read: 4 to JOURNAL_ID_MAX lower-case letters and digits. */
bool
journal_valid_id(const char *s, size_t n)
{
	/*
	 * The characters of an id, a table for the same reason as in
	 * parse_end() of jreader.c: random ids mix digits and letters.
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
 * Whether a reader that skims headers after time and id reads the rest
 * of an entry's header, which lies between s and end: if the entry
 * supersedes another, or is wanted whole (from whole_from on, and from
 * whole_tag_from on if it has whole_tag).
 */
bool
journal_header_wanted(const struct jskim *sk, time_t utc, const char *s,
    const char *end)
{
	if (sk->has_whole_from && utc >= sk->whole_from)
		return true;
	if (sk->whole_tag != NULL && utc >= sk->whole_tag_from &&
	    names_tag(s, end, sk->whole_tag))
		return true;
	return names_supersedes(s, end);
}

/*
 * Parse the words of an entry header after "%%entry ": timestamp, id,
 * then a star, tags, ratings and the reserved supersedes= and prompt=.
 * The line is cut into words in place.  A reader that skims headers
 * after time and id passes its skim as lazy; others pass NULL.
 */
int
journal_parse_header(char *line, struct jentry *e, const struct jskim *lazy,
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
	if ((word = cut_word(&line, &n)) == NULL ||
	    !journal_valid_id(word, n)) {
		*errstr = "bad id";
		return -1;
	}
	memcpy(e->id, word, n + 1);
	/*
	 * Skimming for time and id alone, the rest is left unread unless it
	 * supersedes an entry or is as recent as the reader wants whole; a
	 * damaged rest shows when the entry is read whole to be shown.
	 */
	if (lazy != NULL) {
		if (line == NULL)
			return 0;
		end = line + strlen(line);
		if (!journal_header_wanted(lazy, e->time.utc, line, end))
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
				if (!journal_valid_id(eq + 1, n - k - 1)) {
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
				bit = (uint64_t)1 << (str_hash(word, 0) & 63);
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
