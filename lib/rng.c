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

#include <stdint.h>
#include <stdlib.h>

#include "rapport.h"

/*
 * Without a seed every draw comes from arc4random(3).  With a seed the
 * generator is SplitMix64 (Steele, Lea and Flood, 2014): one 64-bit state,
 * advanced by 0x9e3779b97f4a7c15 and mixed, so that a pick can be replayed
 * on any machine.  Bounded draws reject the biased top of the range, so
 * every value below the bound is equally likely in both modes.
 */

void
rng_init(struct rng *r)
{
	r->seeded = false;
	r->state = 0;
}

void
rng_init_seed(struct rng *r, uint64_t seed)
{
	r->seeded = true;
	r->state = seed;
}

uint64_t
rng_next(struct rng *r)
{
	uint64_t	 z;

	if (!r->seeded) {
		arc4random_buf(&z, sizeof(z));
		return z;
	}
	r->state += 0x9e3779b97f4a7c15ULL;
	z = r->state;
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* Return a number in [0, bound), or 0 when bound is 0. */
uint64_t
rng_uniform(struct rng *r, uint64_t bound)
{
	uint64_t	 min, x;

	if (bound < 2)
		return 0;
	if (!r->seeded && bound <= UINT32_MAX)
		return arc4random_uniform((uint32_t)bound);
	/* 2**64 % bound, computed without 65-bit arithmetic. */
	min = -bound % bound;
	do
		x = rng_next(r);
	while (x < min);
	return x % bound;
}
