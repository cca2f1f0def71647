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
 * The cache of a sealed journal: the plain journal that its records up to
 * some offset make, encrypted under a key drawn from the journal's first
 * secret key, so that a reader opens only the records written since,
 * not every sealed box again (each costs an X25519 exchange).  It is an
 * optimisation only: one that is missing, of another journal, damaged,
 * or that no longer matches the journal's bytes is ignored and made anew.
 *
 * The file is a header, then the plain text in chunks of
 * crypto_secretstream_xchacha20poly1305, the header authenticated with
 * the first chunk:
 *
 *	magic	"%%rapport-cache 1\n"
 *	keyid	16 bytes, the key whose secret the cache key is drawn from
 *	offset	8 bytes, big-endian: the journal's bytes it covers
 *	lineno	8 bytes, big-endian: the lines in them
 *	last	32 bytes: BLAKE2b of the last line covered, as it ends there
 *	stream	24 bytes, the secret stream's header
 *	chunks	each a 4-byte big-endian length and that many bytes
 */

#include "config.h"

#include <sys/endian.h>
#include <sys/stat.h>

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "rapport.h"

#define CACHE_MAGIC	"%%rapport-cache 1\n"
#define CACHE_MAGIC_LEN	(sizeof(CACHE_MAGIC) - 1)
#define CACHE_HEAD_LEN	(CACHE_MAGIC_LEN + KEY_ID_LEN + 8 + 8 + 32)
#define CACHE_CHUNK	65536

static int	 cache_key(const struct jkeys *, unsigned char *);
static int	 last_line_hash(int, off_t, size_t, unsigned char *);

/* The key of the cache, drawn from the first secret key. */
static int
cache_key(const struct jkeys *keys, unsigned char *key)
{
	static const char	 what[] = "rapport sealed journal cache";

	if (keys->nkeys == 0 || keys->keys[0].sk == NULL)
		return -1;
	return crypto_generichash(key, 32, (const unsigned char *)what,
	    sizeof(what) - 1, keys->keys[0].sk, KEY_SECRET_LEN);
}

/*
 * The BLAKE2b of the last line of the journal on fd that ends at off,
 * len bytes long; -1 when the journal is shorter, or the line is not a
 * line there.
 */
static int
last_line_hash(int fd, off_t off, size_t len, unsigned char *hash)
{
	struct stat	 st;
	char		*line;
	int		 rv = -1;

	if (len == 0 || off < (off_t)len || fstat(fd, &st) == -1 ||
	    st.st_size < off)
		return -1;
	line = xmalloc(len);
	if (pread(fd, line, len, off - (off_t)len) == (ssize_t)len &&
	    line[len - 1] == '\n')
		rv = crypto_generichash(hash, 32, (unsigned char *)line, len,
		    NULL, 0);
	free(line);
	return rv;
}

/*
 * Read the cache at path into plain, a file at its start, when it is of
 * these keys and matches the sealed journal on fd: the plain journal,
 * pos->plainlen bytes, of the records up to pos->off, which holds
 * pos->lineno lines, the last pos->lastlen bytes long.  -1 when there is no cache to use, plain then
 * holding nothing it wrote.
 */
int
sealcache_load(const char *path, const struct jkeys *keys, int fd,
    FILE *plain, struct sealpos *pos)
{
	crypto_secretstream_xchacha20poly1305_state	 st;
	unsigned char		 head[CACHE_HEAD_LEN + 4], key[32], hash[32];
	unsigned char		 sh[crypto_secretstream_xchacha20poly1305_HEADERBYTES], *c, *m;
	unsigned long long	 mlen;
	unsigned char		 tag = 0;
	uint32_t		 clen, lastlen;
	FILE			*fp;
	bool			 first = true;
	int			 rv = -1;

	if (cache_key(keys, key) != 0)
		return -1;
	if ((fp = fopen(path, "re")) == NULL) {
		sodium_memzero(key, sizeof(key));
		return -1;
	}
	c = xmalloc(CACHE_CHUNK + crypto_secretstream_xchacha20poly1305_ABYTES);
	m = sodium_malloc(CACHE_CHUNK);
	if (m == NULL || fread(head, 1, CACHE_HEAD_LEN + 4, fp) !=
	    CACHE_HEAD_LEN + 4 || memcmp(head, CACHE_MAGIC,
	    CACHE_MAGIC_LEN) != 0 || memcmp(head + CACHE_MAGIC_LEN,
	    keys->keys[0].id, KEY_ID_LEN) != 0)
		goto out;
	pos->off = (off_t)be64dec(head + CACHE_MAGIC_LEN + KEY_ID_LEN);
	pos->lineno = be64dec(head + CACHE_MAGIC_LEN + KEY_ID_LEN + 8);
	lastlen = be32dec(head + CACHE_HEAD_LEN);
	if (last_line_hash(fd, pos->off, lastlen, hash) != 0 ||
	    memcmp(hash, head + CACHE_HEAD_LEN - 32, 32) != 0 ||
	    fread(sh, 1, sizeof(sh), fp) != sizeof(sh) ||
	    crypto_secretstream_xchacha20poly1305_init_pull(&st, sh, key) != 0)
		goto out;
	while (tag != crypto_secretstream_xchacha20poly1305_TAG_FINAL) {
		if (fread(&clen, 1, 4, fp) != 4)
			goto out;
		clen = be32dec(&clen);
		if (clen < crypto_secretstream_xchacha20poly1305_ABYTES ||
		    clen > CACHE_CHUNK + crypto_secretstream_xchacha20poly1305_ABYTES ||
		    fread(c, 1, clen, fp) != clen ||
		    crypto_secretstream_xchacha20poly1305_pull(&st, m, &mlen, &tag, c, clen,
		    first ? head : NULL, first ? sizeof(head) : 0) != 0 ||
		    fwrite(m, 1, mlen, plain) != mlen)
			goto out;
		first = false;
	}
	if (fgetc(fp) == EOF && fflush(plain) == 0 &&
	    (pos->plainlen = ftello(plain)) != -1)
		rv = 0;
out:
	if (rv == -1) {
		/* What was written of a cache that did not hold is undone. */
		fflush(plain);
		if (ftruncate(fileno(plain), 0) == 0)
			rewind(plain);
	}
	sodium_memzero(key, sizeof(key));
	sodium_memzero(&st, sizeof(st));
	sodium_free(m);
	free(c);
	fclose(fp);
	return rv;
}

/*
 * Write the first pos->plainlen bytes of plain, the plain journal of the
 * records up to pos->off of the sealed journal on fd, as the cache at
 * path, replacing it atomically.
 */
int
sealcache_save(const char *path, const struct jkeys *keys, int fd,
    FILE *plain, const struct sealpos *pos)
{
	crypto_secretstream_xchacha20poly1305_state	 st;
	struct file_replace	 fr;
	unsigned char		 head[CACHE_HEAD_LEN + 4], key[32];
	unsigned char		 sh[crypto_secretstream_xchacha20poly1305_HEADERBYTES], *c, *m;
	unsigned long long	 clen;
	unsigned char		 len[4];
	size_t			 n;
	off_t			 left;
	bool			 first = true, last = false;
	int			 rv = -1, saved;

	if (cache_key(keys, key) != 0) {
		errno = EINVAL;
		return -1;
	}
	memcpy(head, CACHE_MAGIC, CACHE_MAGIC_LEN);
	memcpy(head + CACHE_MAGIC_LEN, keys->keys[0].id, KEY_ID_LEN);
	be64enc(head + CACHE_MAGIC_LEN + KEY_ID_LEN, (uint64_t)pos->off);
	be64enc(head + CACHE_MAGIC_LEN + KEY_ID_LEN + 8, pos->lineno);
	if (last_line_hash(fd, pos->off, pos->lastlen,
	    head + CACHE_HEAD_LEN - 32) != 0) {
		sodium_memzero(key, sizeof(key));
		errno = EINVAL;
		return -1;
	}
	be32enc(head + CACHE_HEAD_LEN, (uint32_t)pos->lastlen);
	if (file_make_dirs(path) == -1 ||
	    file_replace_open(&fr, path, 0600, 0) == -1) {
		sodium_memzero(key, sizeof(key));
		return -1;
	}
	c = xmalloc(CACHE_CHUNK + crypto_secretstream_xchacha20poly1305_ABYTES);
	m = sodium_malloc(CACHE_CHUNK);
	crypto_secretstream_xchacha20poly1305_init_push(&st, sh, key);
	if (m == NULL || fwrite(head, 1, sizeof(head), fr.fp) !=
	    sizeof(head) || fwrite(sh, 1, sizeof(sh), fr.fp) != sizeof(sh))
		goto out;
	rewind(plain);
	for (left = pos->plainlen; !last; left -= n) {
		n = fread(m, 1, left < CACHE_CHUNK ? (size_t)left : CACHE_CHUNK,
		    plain);
		if (ferror(plain))
			goto out;
		last = n < CACHE_CHUNK;
		crypto_secretstream_xchacha20poly1305_push(&st, c, &clen, m, n,
		    first ? head : NULL, first ? sizeof(head) : 0,
		    last ? crypto_secretstream_xchacha20poly1305_TAG_FINAL : 0);
		be32enc(len, (uint32_t)clen);
		if (fwrite(len, 1, 4, fr.fp) != 4 ||
		    fwrite(c, 1, clen, fr.fp) != clen)
			goto out;
		first = false;
	}
	rv = 0;
out:
	saved = errno;
	sodium_memzero(key, sizeof(key));
	sodium_memzero(&st, sizeof(st));
	sodium_free(m);
	free(c);
	if (rv == 0)
		return file_replace_commit(&fr);
	file_replace_abort(&fr);
	errno = saved;
	return -1;
}
