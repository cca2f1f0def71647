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

#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checkutil.h"
#include "rapport.h"

#define TWO32		(UINT64_C(1) << 32)
#define TWO62		(UINT64_C(1) << 62)
#define TWO63		(UINT64_C(1) << 63)

/* Bounds for the range tests, small, near 2**32 and near 2**64. */
static const uint64_t bounds[] = {
	2, 3, 5, 6, 7, 10, 100, 1000, 12345,
	TWO32 / 2, TWO32 - 1, TWO32, TWO32 + 1, 3 * TWO32,
	TWO62, 3 * TWO62, TWO63 - 1, TWO63, TWO63 + 1,
	UINT64_MAX - 1, UINT64_MAX
};

/*
 * SplitMix64 written again from its publication (Steele, Lea and Flood,
 * "Fast splittable pseudorandom number generators", OOPSLA 2014, and
 * Vigna's splitmix64.c), so that the library is checked against a second
 * implementation.
 */
static uint64_t
ref_splitmix(uint64_t *x)
{
	uint64_t	 z;

	*x += UINT64_C(0x9e3779b97f4a7c15);
	z = *x;
	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

/*
 * A number below bound from the reference generator, without bias: draws
 * below 2**64 mod bound are thrown away, so that every value below the
 * bound has the same number of draws mapped to it.
 */
static uint64_t
ref_uniform(uint64_t *x, uint64_t bound)
{
	uint64_t	 skip, v;

	skip = (UINT64_MAX % bound + 1) % bound;
	do
		v = ref_splitmix(x);
	while (v < skip);
	return v % bound;
}

/* Draw n numbers below every bound and check that each is below it. */
static void
check_below(struct rng *r, int n)
{
	uint64_t	 v;
	size_t		 i;
	int		 k;

	for (i = 0; i < nitems(bounds); i++)
		for (k = 0; k < n; k++) {
			v = rng_uniform(r, bounds[i]);
			ck_assert_msg(v < bounds[i], "%llu not below %llu",
			    (unsigned long long)v,
			    (unsigned long long)bounds[i]);
		}
}

/*
 * Roll a die 60,000 times.  Each face is expected 10,000 times with a
 * standard deviation of about 91; the bounds below are over six standard
 * deviations wide, and chi-square with five degrees of freedom passes 40
 * about once in ten million runs.
 */
static void
check_die(struct rng *r)
{
	uint64_t	 v;
	double		 chi2, dev;
	int		 count[6], i;

	memset(count, 0, sizeof(count));
	for (i = 0; i < 60000; i++) {
		v = rng_uniform(r, 6);
		ck_assert_uint_lt(v, 6);
		count[v]++;
	}
	chi2 = 0;
	for (i = 0; i < 6; i++) {
		ck_assert_msg(count[i] > 9400 && count[i] < 10600,
		    "face %d came %d times in 60000", i, count[i]);
		dev = count[i] - 10000.0;
		chi2 += dev * dev / 10000.0;
	}
	ck_assert_msg(chi2 < 40, "chi-square %.1f", chi2);
}

/*
 * With bound 3 * 2**62, a plain remainder of a 64-bit draw would give a
 * number below 2**62 half of the time instead of a third.  Out of 12,000
 * draws, 4,000 are expected there (standard deviation about 52).
 */
static void
check_no_bias(struct rng *r)
{
	int	 i, low;

	low = 0;
	for (i = 0; i < 12000; i++)
		if (rng_uniform(r, 3 * TWO62) < TWO62)
			low++;
	ck_assert_msg(low > 3600 && low < 4400,
	    "%d of 12000 draws below a third of the range", low);
}

START_TEST(test_reference_seed0)
{
	struct rng	 r;
	uint64_t	 x = 0;

	/* The published first outputs for a state starting at 0. */
	ck_assert_uint_eq(ref_splitmix(&x), UINT64_C(0xe220a8397b1dcdaf));
	ck_assert_uint_eq(ref_splitmix(&x), UINT64_C(0x6e789e6aa1b965f4));
	ck_assert_uint_eq(ref_splitmix(&x), UINT64_C(0x06c45d188009454f));

	rng_init_seed(&r, 0);
	ck_assert_uint_eq(rng_next(&r), UINT64_C(0xe220a8397b1dcdaf));
	ck_assert_uint_eq(rng_next(&r), UINT64_C(0x6e789e6aa1b965f4));
	ck_assert_uint_eq(rng_next(&r), UINT64_C(0x06c45d188009454f));
}
END_TEST

START_TEST(test_reference_seeds)
{
	static const uint64_t seeds[] = {
		0, 1, 42, 1402, UINT64_C(0x0123456789abcdef), INT64_MAX,
		UINT64_MAX
	};
	struct rng	 r;
	uint64_t	 x;
	size_t		 i;
	int		 k;

	for (i = 0; i < nitems(seeds); i++) {
		rng_init_seed(&r, seeds[i]);
		x = seeds[i];
		for (k = 0; k < 1000; k++)
			ck_assert_uint_eq(rng_next(&r), ref_splitmix(&x));
	}
}
END_TEST

START_TEST(test_seed_same)
{
	struct rng	 a, b;
	int		 k;

	rng_init_seed(&a, 1402);
	rng_init_seed(&b, 1402);
	for (k = 0; k < 1000; k++)
		ck_assert_uint_eq(rng_next(&a), rng_next(&b));
	rng_init_seed(&a, 99);
	rng_init_seed(&b, 99);
	for (k = 0; k < 1000; k++)
		ck_assert_uint_eq(rng_uniform(&a, 7), rng_uniform(&b, 7));
}
END_TEST

START_TEST(test_seed_differ)
{
	struct rng	 a, b;
	int		 k, same;

	rng_init_seed(&a, 1);
	rng_init_seed(&b, 2);
	same = 0;
	for (k = 0; k < 100; k++)
		if (rng_next(&a) == rng_next(&b))
			same++;
	ck_assert_int_eq(same, 0);

	rng_init_seed(&a, 0);
	rng_init_seed(&b, 1);
	same = 0;
	for (k = 0; k < 100; k++)
		if (rng_uniform(&a, 1000) == rng_uniform(&b, 1000))
			same++;
	ck_assert_int_lt(same, 10);
}
END_TEST

/* Seeded picks are the same on every machine: the documented algorithm. */
START_TEST(test_seed_replay_uniform)
{
	static const uint64_t seeds[] = { 0, 1402, UINT64_MAX };
	struct rng	 r;
	uint64_t	 x;
	size_t		 i, j;
	int		 k;

	for (i = 0; i < nitems(seeds); i++)
		for (j = 0; j < nitems(bounds); j++) {
			rng_init_seed(&r, seeds[i]);
			x = seeds[i];
			for (k = 0; k < 200; k++)
				ck_assert_uint_eq(rng_uniform(&r, bounds[j]),
				    ref_uniform(&x, bounds[j]));
		}
	/* 2**64 mod 6 is 4, so the first draw of seed 0 is kept. */
	rng_init_seed(&r, 0);
	ck_assert_uint_eq(rng_uniform(&r, 6),
	    UINT64_C(0xe220a8397b1dcdaf) % 6);
}
END_TEST

START_TEST(test_unseeded_differ)
{
	struct rng	 a, b;
	int		 k, same;

	rng_init(&a);
	rng_init(&b);
	same = 0;
	for (k = 0; k < 8; k++)
		if (rng_next(&a) == rng_next(&b))
			same++;
	ck_assert_int_eq(same, 0);
	rng_init(&a);
	ck_assert(rng_next(&a) != UINT64_C(0xe220a8397b1dcdaf));
}
END_TEST

START_TEST(test_uniform_zero_one)
{
	struct rng	 r;
	int		 k;

	rng_init_seed(&r, 5);
	for (k = 0; k < 100; k++) {
		ck_assert_uint_eq(rng_uniform(&r, 0), 0);
		ck_assert_uint_eq(rng_uniform(&r, 1), 0);
	}
	rng_init(&r);
	for (k = 0; k < 100; k++) {
		ck_assert_uint_eq(rng_uniform(&r, 0), 0);
		ck_assert_uint_eq(rng_uniform(&r, 1), 0);
	}
}
END_TEST

START_TEST(test_uniform_below_seeded)
{
	struct rng	 r;

	rng_init_seed(&r, 7);
	check_below(&r, 2000);
}
END_TEST

START_TEST(test_uniform_below_unseeded)
{
	struct rng	 r;

	rng_init(&r);
	check_below(&r, 2000);
}
END_TEST

/* Both values of bound 2 come, and the top of a huge range is reached. */
START_TEST(test_uniform_reaches)
{
	struct rng	 r;
	int		 k, seen0, seen1, high;

	rng_init_seed(&r, 11);
	seen0 = seen1 = high = 0;
	for (k = 0; k < 1000; k++) {
		if (rng_uniform(&r, 2) == 0)
			seen0++;
		else
			seen1++;
		if (rng_uniform(&r, UINT64_MAX) >= TWO63)
			high++;
	}
	ck_assert_int_gt(seen0, 400);
	ck_assert_int_gt(seen1, 400);
	ck_assert_int_gt(high, 400);
}
END_TEST

START_TEST(test_die_seeded)
{
	struct rng	 r;

	rng_init_seed(&r, 1402);
	check_die(&r);
}
END_TEST

START_TEST(test_die_unseeded)
{
	struct rng	 r;

	rng_init(&r);
	check_die(&r);
}
END_TEST

START_TEST(test_large_bound_seeded)
{
	struct rng	 r;

	rng_init_seed(&r, 3);
	check_no_bias(&r);
}
END_TEST

START_TEST(test_large_bound_unseeded)
{
	struct rng	 r;

	rng_init(&r);
	check_no_bias(&r);
}
END_TEST

/* FNV-1a 64 vectors, as published with the algorithm by Noll. */
START_TEST(test_hash_vectors)
{
	ck_assert_uint_eq(str_hash("", 0), UINT64_C(0xcbf29ce484222325));
	ck_assert_uint_eq(str_hash("a", 0), UINT64_C(0xaf63dc4c8601ec8c));
	ck_assert_uint_eq(str_hash("foobar", 0),
	    UINT64_C(0x85944171f73967e8));
}
END_TEST

/* Bytes above 0x7f are hashed as unsigned, whatever char is. */
START_TEST(test_hash_high_bytes)
{
	ck_assert_uint_eq(str_hash("\xff", 0), UINT64_C(0xaf64724c8602eb6e));
}
END_TEST

START_TEST(test_hash_chain)
{
	uint64_t	 foo;

	foo = str_hash("foo", 0);
	ck_assert_uint_eq(str_hash("bar", foo), str_hash("foobar", 0));
	ck_assert_uint_eq(str_hash("", foo), foo);
	ck_assert(str_hash("a", 1) != str_hash("a", 0));
	ck_assert_uint_eq(str_hash("a", 1), UINT64_C(0x60000000a320));
	ck_assert(str_hash("2026-01-05", str_hash("1", 0)) !=
	    str_hash("2026-01-05", str_hash("2", 0)));
	ck_assert_uint_eq(str_hash("2026-01-05", str_hash("1402", 0)),
	    UINT64_C(0xfef7eb8ca1b81330));
}
END_TEST

static Suite *
rng_suite(void)
{
	Suite	*s;
	TCase	*tc;

	s = suite_create("rng");

	tc = tcase_create("reference");
	tcase_add_test(tc, test_reference_seed0);
	tcase_add_test(tc, test_reference_seeds);
	suite_add_tcase(s, tc);

	tc = tcase_create("determinism");
	tcase_add_test(tc, test_seed_same);
	tcase_add_test(tc, test_seed_differ);
	tcase_add_test(tc, test_seed_replay_uniform);
	tcase_add_test(tc, test_unseeded_differ);
	suite_add_tcase(s, tc);

	tc = tcase_create("bounds");
	tcase_add_test(tc, test_uniform_zero_one);
	tcase_add_test(tc, test_uniform_below_seeded);
	tcase_add_test(tc, test_uniform_below_unseeded);
	tcase_add_test(tc, test_uniform_reaches);
	suite_add_tcase(s, tc);

	tc = tcase_create("uniformity");
	tcase_add_test(tc, test_die_seeded);
	tcase_add_test(tc, test_die_unseeded);
	tcase_add_test(tc, test_large_bound_seeded);
	tcase_add_test(tc, test_large_bound_unseeded);
	suite_add_tcase(s, tc);

	tc = tcase_create("hash");
	tcase_add_test(tc, test_hash_vectors);
	tcase_add_test(tc, test_hash_high_bytes);
	tcase_add_test(tc, test_hash_chain);
	suite_add_tcase(s, tc);

	return s;
}

int
main(void)
{
	return check_run("check_rng", rng_suite(), NULL);
}
