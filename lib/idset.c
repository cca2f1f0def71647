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
 * idset.c: a set of entry ids, kept as their 64-bit id hashes: gathered
 * in any order, sorted once, then looked up with bsearch(3).  The ids
 * that edits supersede and that deletions remove are such a set.
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "rapport.h"

static int	 cmp_hash(const void *, const void *);

/*
 * FNV-1a over a string: the hash of an id, and of the words a seed is
 * made of.  It starts from a basis that lets callers chain several
 * strings into one hash; 0 means FNV's own.
 */
uint64_t
str_hash(const char *s, uint64_t basis)
{
	uint64_t	 h;

	h = basis == 0 ? 0xcbf29ce484222325ULL : basis;
	for (; *s != '\0'; s++) {
		h ^= (unsigned char)*s;
		h *= 0x100000001b3ULL;
	}
	return h;
}

/* FNV-1a over len bytes, which may hold NULs, chained as str_hash(). */
uint64_t
mem_hash(const void *p, size_t len, uint64_t basis)
{
	const unsigned char	*s = p;
	uint64_t		 h;
	size_t			 i;

	h = basis == 0 ? 0xcbf29ce484222325ULL : basis;
	for (i = 0; i < len; i++) {
		h ^= s[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

static int
cmp_hash(const void *a, const void *b)
{
	uint64_t	 x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* Add a hash; the set must be sorted again before the next lookup. */
void
idset_add(struct idset *s, uint64_t hash)
{
	if (s->n == s->cap) {
		s->cap = s->cap == 0 ? 64 : s->cap * 2;
		s->hashes = xreallocarray(s->hashes, s->cap,
		    sizeof(*s->hashes));
	}
	s->hashes[s->n++] = hash;
	s->sorted = false;
}

/* Sort the hashes and drop repeated ones, for idset_has(). */
void
idset_sort(struct idset *s)
{
	size_t	 i, k;

	if (s->sorted || s->n == 0)
		return;
	qsort(s->hashes, s->n, sizeof(*s->hashes), cmp_hash);
	for (i = k = 0; i < s->n; i++)
		if (k == 0 || s->hashes[k - 1] != s->hashes[i])
			s->hashes[k++] = s->hashes[i];
	s->n = k;
	s->sorted = true;
}

/* Whether the set holds a hash; it is sorted first if it needs to be. */
bool
idset_has(struct idset *s, uint64_t hash)
{
	idset_sort(s);
	return s->n > 0 && bsearch(&hash, s->hashes, s->n,
	    sizeof(*s->hashes), cmp_hash) != NULL;
}

void
idset_free(struct idset *s)
{
	free(s->hashes);
	memset(s, 0, sizeof(*s));
}
