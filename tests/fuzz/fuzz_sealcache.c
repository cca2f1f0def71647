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
 * fuzz_sealcache: the cache of a sealed journal (sealcache.c), which a
 * reader trusts only as far as its header and chunks authenticate.  At
 * start, a sealed journal of a few records is made for a key from a fixed
 * seed, and read once, which makes a cache of it.  Each input is a cache
 * file: the input itself, or, when it starts with 'V', that valid cache
 * with the rest of the input applied as patches (four bytes of offset,
 * big-endian, and a byte), so that the fuzzer reaches past the header's
 * MAC.  The journal is then read through it.
 *
 * Whatever the cache holds, the read must give the plain journal of the
 * records, byte for byte, or fail with an input error: never other text.
 */

#include "config.h"

#include <sys/endian.h>

#include <errno.h>
#include <sodium.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rapport.h"
#include "fuzzutil.h"

#define SEED	"rapport fuzz_sealcache: the key"

/* The plain journal, whose records are sealed; long enough for 2 chunks. */
#define RECORD	"%%entry 2026-11-03 abcd1234 @fuzz\n" \
		"A record for the cache, %d.\n" \
		"%%end abcd1234 26 00000000\n"

static struct jkey	 key;
static unsigned char	 sk[KEY_SECRET_LEN];
static struct jkeys	 keys = { &key, 1, NULL, 0, "" };
static const char	*jpath, *cpath;
static char		*plain, *valid;
static size_t		 plainlen, validlen;

static char	*read_all(FILE *, size_t *, bool *);
static void	 put_file(const char *, const void *, size_t);

/* Everything a stream gives, and whether reading it failed. */
static char *
read_all(FILE *fp, size_t *len, bool *failed)
{
	struct jbuf	 b = { NULL, 0, 0 };
	char		 buf[8192];
	size_t		 n;

	while ((n = fread(buf, 1, sizeof(buf), fp)) > 0)
		jbuf_add(&b, buf, n);
	*failed = ferror(fp) != 0;
	*len = b.len;
	return b.s;
}

static void
put_file(const char *path, const void *buf, size_t len)
{
	FILE	*fp;

	CHECK((fp = fopen(path, "w")) != NULL);
	CHECK(fwrite(buf, 1, len, fp) == len);
	CHECK(fclose(fp) == 0);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct sealread	 res;
	struct jbuf	 records = { NULL, 0, 0 };
	unsigned char	 h[KEY_ID_LEN / 2];
	char		 rec[256], *sealed;
	size_t		 sealedlen;
	FILE		*fp, *out;
	bool		 failed;
	int		 i, n;

	(void)argc;
	(void)argv;
	if (sodium_init() < 0)
		abort();
	fuzz_tmpdir("fuzz_sealcache");
	jpath = fuzz_tmpfile("journal");
	cpath = fuzz_tmpfile("cache");
	CHECK(crypto_box_seed_keypair(key.pk, sk,
	    (const unsigned char *)SEED) == 0);
	crypto_generichash(h, sizeof(h), key.pk, KEY_PUBLIC_LEN, NULL, 0);
	sodium_bin2hex(key.id, sizeof(key.id), h, sizeof(h));
	key.sk = sk;
	for (i = 0; i < 2600; i++) {
		n = snprintf(rec, sizeof(rec), RECORD, i % 10);
		jbuf_add(&records, rec, (size_t)n);
	}
	CHECK(seal_records(&key, records.s, records.len, &sealed,
	    &sealedlen) == 0);
	CHECK((fp = fopen(jpath, "w")) != NULL);
	CHECK(fputs(SEALED_MAGIC "\n", fp) != EOF);
	CHECK(fwrite(sealed, 1, sealedlen, fp) == sealedlen);
	CHECK(fclose(fp) == 0);
	free(sealed);
	plainlen = sizeof(JOURNAL_MAGIC) + records.len;
	plain = xmalloc(plainlen);
	memcpy(plain, JOURNAL_MAGIC "\n", sizeof(JOURNAL_MAGIC));
	memcpy(plain + sizeof(JOURNAL_MAGIC), records.s, records.len);
	free(records.s);

	/* The first read makes the cache that 'V' inputs start from. */
	CHECK((fp = fopen(jpath, "r")) != NULL);
	CHECK(journal_unseal_cached(fp, jpath, &keys, cpath, NULL, NULL, &res,
	    &out) == 0);
	fclose(fp);
	free(read_all(out, &validlen, &failed));
	CHECK(!failed && validlen == plainlen);
	fclose(out);
	CHECK((fp = fopen(cpath, "r")) != NULL);
	valid = read_all(fp, &validlen, &failed);
	fclose(fp);
	CHECK(!failed && validlen > plainlen);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sealread	 res;
	char		*cache, *got;
	size_t		 i, len, at;
	FILE		*fp, *out;
	bool		 failed;

	if (size > 0 && data[0] == 'V') {
		cache = xmalloc(validlen);
		memcpy(cache, valid, validlen);
		for (i = 1; i + 5 <= size; i += 5) {
			at = be32dec(data + i) % validlen;
			cache[at] = (char)data[i + 4];
		}
		put_file(cpath, cache, validlen);
		free(cache);
	} else
		put_file(cpath, data, size);
	CHECK((fp = fopen(jpath, "r")) != NULL);
	if (journal_unseal_cached(fp, jpath, &keys, cpath, NULL, NULL, &res,
	    &out) == 0) {
		got = read_all(out, &len, &failed);
		/* A chunk that did not open fails the read, and no other. */
		CHECK(len <= plainlen &&
		    (len == 0 || memcmp(got, plain, len) == 0));
		CHECK(failed || len == plainlen);
		free(got);
		fclose(out);
	}
	fclose(fp);
	return 0;
}
