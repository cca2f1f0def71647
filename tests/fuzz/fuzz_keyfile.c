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
 * fuzz_keyfile: the key file of a sealed journal (keyfile.c, journal(5)).
 * The input is the file's text, read with keyfile_read() and, where its
 * kdf line asks for little memory and time, unlocked with keyfile_unlock()
 * under the passphrase "fuzz" (the seeds are wrapped under it).  A file
 * that is read must give at least one key, each with the id of its public
 * key, no id twice, the last one the writer; one that is not must say
 * EBADMSG with a line the file has and a phrase, or ENOTSUP, and unlock
 * must refuse it alike.  An unlocked file must give the same keys, each
 * secret that of its public key; a refused one EKEYREJECTED or EBADMSG
 * at a key line, with nothing kept.
 */

#include "config.h"

#include <errno.h>
#include <sodium.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rapport.h"
#include "fuzzutil.h"

#define PASS		"fuzz"
/* The most a kdf line may ask for here, to keep many runs a second. */
#define OPS_MAX		3ULL
#define MEM_MAX		((size_t)1 << 20)

static const char	*path;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	if (sodium_init() < 0)
		abort();
	fuzz_tmpdir("fuzz_keyfile");
	path = fuzz_tmpfile("journal.key");
	return 0;
}

/* Whether the kdf line of a file that was read is cheap to unlock. */
static bool
cheap(const uint8_t *data, size_t size)
{
	char			 line[64];
	const uint8_t		*p;
	unsigned long long	 ops;
	size_t			 mem, len;

	p = memchr(data, '\n', size);
	CHECK(p != NULL);
	p++;
	len = size - (size_t)(p - data);
	if (len > sizeof(line) - 1)
		len = sizeof(line) - 1;
	memcpy(line, p, len);
	line[len] = '\0';
	CHECK(sscanf(line, "kdf argon2id13 %llu %zu ", &ops, &mem) == 2);
	return ops <= OPS_MAX && mem <= MEM_MAX;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct jkeys	 pub, jk;
	unsigned char	 h[KEY_ID_LEN / 2], pk[KEY_PUBLIC_LEN];
	char		 id[KEY_ID_LEN + 1];
	size_t		 lines, i, j;
	int		 rv, error;

	fuzz_write_file(path, data, size);
	lines = fuzz_count_lines(data, size);
	errno = 0;
	rv = keyfile_read(path, &pub);
	error = errno;
	if (rv == -1) {
		CHECK(error == EBADMSG || error == ENOTSUP || error == EFBIG);
		CHECK(pub.keys == NULL && pub.nkeys == 0 &&
		    pub.secrets == NULL);
		if (error != EFBIG) {
			CHECK(pub.lineno >= 1 && pub.lineno <= lines);
			CHECK(pub.msg[0] != '\0');
		}
		/* Unlocking parses alike, before any passphrase. */
		errno = 0;
		CHECK(keyfile_unlock(path, PASS, strlen(PASS), &jk) == -1);
		CHECK(errno == error && jk.lineno == pub.lineno);
		CHECK(strcmp(jk.msg, pub.msg) == 0);
		CHECK(jk.keys == NULL && jk.secrets == NULL);
		keys_free(&jk);
		keys_free(&pub);
		return 0;
	}
	CHECK(pub.nkeys >= 1 && pub.secrets == NULL);
	CHECK(keys_writer(&pub) == &pub.keys[pub.nkeys - 1]);
	for (i = 0; i < pub.nkeys; i++) {
		CHECK(pub.keys[i].sk == NULL);
		crypto_generichash(h, sizeof(h), pub.keys[i].pk, KEY_PUBLIC_LEN,
		    NULL, 0);
		sodium_bin2hex(id, sizeof(id), h, sizeof(h));
		CHECK(strcmp(id, pub.keys[i].id) == 0);
		CHECK(keys_find(&pub, id) == &pub.keys[i]);
		for (j = 0; j < i; j++)
			CHECK(strcmp(pub.keys[j].id, id) != 0);
	}
	if (!cheap(data, size)) {
		keys_free(&pub);
		return 0;
	}
	errno = 0;
	if (keyfile_unlock(path, PASS, strlen(PASS), &jk) == -1) {
		CHECK(errno == EKEYREJECTED || errno == EBADMSG);
		if (errno == EBADMSG)
			CHECK(jk.lineno >= 4 && jk.lineno < lines);
		CHECK(jk.keys == NULL && jk.secrets == NULL && jk.nkeys == 0);
		keys_free(&pub);
		return 0;
	}
	CHECK(jk.nkeys == pub.nkeys && jk.secrets != NULL);
	for (i = 0; i < jk.nkeys; i++) {
		CHECK(strcmp(jk.keys[i].id, pub.keys[i].id) == 0);
		CHECK(memcmp(jk.keys[i].pk, pub.keys[i].pk,
		    KEY_PUBLIC_LEN) == 0);
		CHECK(jk.keys[i].sk == jk.secrets + i * KEY_SECRET_LEN);
		CHECK(crypto_scalarmult_base(pk, jk.keys[i].sk) == 0);
		CHECK(memcmp(pk, jk.keys[i].pk, KEY_PUBLIC_LEN) == 0);
	}
	keys_free(&jk);
	keys_free(&pub);
	return 0;
}
