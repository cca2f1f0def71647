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
 * some offset make, encrypted under keys drawn from the journal's first
 * secret key, so that a reader opens only the records written since, not
 * every sealed box again (each costs an X25519 exchange).  The plain text
 * is in chunks of CACHE_CHUNK bytes, each sealed on its own with
 * XChaCha20-Poly1305, so that the reader reads it through a stream
 * (fopencookie) that opens one chunk at a time, wherever it seeks: a
 * journal of any size is read in a few pages of memory, and the plain
 * text is never on a disk.  Records opened since are added to the cache
 * in place, the last chunk sealed anew.  It is an optimisation only: a
 * cache that is missing, of other keys, whose header is damaged, or that
 * no longer matches the journal's bytes, or whose last chunk does not
 * open, is made anew; one whose other chunk does not open when read fails
 * that read (EIO) and is removed, to be made anew by the next reader.
 *
 *	magic	 "%%rapport-cache 2\n"
 *	keyid	 16 bytes, the key whose secret the cache keys come from
 *	cacheid	 16 random bytes, new with each new cache
 *	offset	 8 bytes, big-endian: the journal's bytes it covers
 *	lineno	 8 bytes, big-endian: the lines in them
 *	lastlen	 4 bytes, big-endian: the last of them, in bytes
 *	plainlen 8 bytes, big-endian: the plain journal they make
 *	lastnl	 1 byte, 1 when the plain journal ends in a newline
 *	last	 32 bytes: BLAKE2b of the last line covered
 *	mac	 32 bytes: keyed BLAKE2b of all of the above
 *	chunks	 each a 24-byte nonce, the sealed text and its 16-byte tag;
 *		 its associated data the cacheid and its index, big-endian
 *
 * Readers hold a shared flock(2) on the cache while they read it; the
 * one that adds to it takes it exclusively, and one that cannot keeps
 * what it opened in memory instead.
 */

#define _GNU_SOURCE	/* fopencookie */

#include "config.h"

#include <sys/endian.h>
#include <sys/file.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "rapport.h"

#define CACHE_MAGIC	"%%rapport-cache 2\n"
#define CACHE_MAGIC_LEN	(sizeof(CACHE_MAGIC) - 1)
#define CACHE_ID_LEN	16
#define CACHE_MAC_LEN	32
#define CACHE_HEAD_LEN	(CACHE_MAGIC_LEN + KEY_ID_LEN + CACHE_ID_LEN + \
			    8 + 8 + 4 + 8 + 1 + 32 + CACHE_MAC_LEN)
#define CACHE_CHUNK	65536
#define NONCE_LEN	crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
#define TAG_LEN		crypto_aead_xchacha20poly1305_ietf_ABYTES
#define SEALED_CHUNK	(NONCE_LEN + CACHE_CHUNK + TAG_LEN)

/* Where the fields of the header are. */
#define H_KEYID		CACHE_MAGIC_LEN
#define H_CACHEID	(H_KEYID + KEY_ID_LEN)
#define H_OFF		(H_CACHEID + CACHE_ID_LEN)
#define H_LINENO	(H_OFF + 8)
#define H_LASTLEN	(H_LINENO + 8)
#define H_PLAINLEN	(H_LASTLEN + 4)
#define H_LASTNL	(H_PLAINLEN + 8)
#define H_LAST		(H_LASTNL + 1)
#define H_MAC		(H_LAST + 32)

struct sealcache {
	struct sealcache *next;		/* in open_caches */
	char		*path;
	int		 fd;
	bool		 writable;	/* the exclusive lock is held */
	bool		 changed;	/* chunks were written */
	unsigned char	*key;		/* 32 bytes, locked, to seal chunks */
	unsigned char	*mackey;	/* 32 bytes, locked, for the header */
	unsigned char	 id[CACHE_ID_LEN];
	char		 keyid[KEY_ID_LEN];
	struct sealpos	 pos;
	unsigned char	*chunk;		/* CACHE_CHUNK bytes, locked */
	size_t		 chunklen;	/* of plain text in chunk */
	uint64_t	 chunkno;	/* which chunk it holds, or UINT64_MAX */
	struct jbuf	 tail;		/* plain text past the cache */
	off_t		 at;		/* the stream's position */
};

/*
 * The caches open, which their streams hold: a command that exits without
 * closing the journal it read still holds them, as stdio holds a FILE.
 */
static struct sealcache	*open_caches;

static int	 cache_keys(const struct jkeys *, struct sealcache *);
static int	 last_line_hash(int, off_t, size_t, unsigned char *);
static void	 header_mac(const struct sealcache *, const unsigned char *,
		    unsigned char *);
static int	 check_header(struct sealcache *, int);
static int	 load_chunk(struct sealcache *, uint64_t);
static int	 check_last_chunk(struct sealcache *);
static int	 store_chunk(struct sealcache *);
static void	 cache_free(struct sealcache *);
static ssize_t	 stream_read(void *, char *, size_t);
static int	 stream_seek(void *, off64_t *, int);
static int	 stream_close(void *);

/* The keys of the cache, drawn from the first secret key. */
static int
cache_keys(const struct jkeys *keys, struct sealcache *c)
{
	static const char	 enc[] = "rapport sealed journal cache";
	static const char	 mac[] = "rapport sealed journal cache header";

	if (keys->nkeys == 0 || keys->keys[0].sk == NULL)
		return -1;
	if ((c->key = sodium_malloc(32)) == NULL ||
	    (c->mackey = sodium_malloc(32)) == NULL)
		return -1;
	memcpy(c->keyid, keys->keys[0].id, KEY_ID_LEN);
	crypto_generichash(c->key, 32, (const unsigned char *)enc,
	    sizeof(enc) - 1, keys->keys[0].sk, KEY_SECRET_LEN);
	crypto_generichash(c->mackey, 32, (const unsigned char *)mac,
	    sizeof(mac) - 1, keys->keys[0].sk, KEY_SECRET_LEN);
	return 0;
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

/* The MAC of a header's fields, into mac. */
static void
header_mac(const struct sealcache *c, const unsigned char *head,
    unsigned char *mac)
{
	crypto_generichash(mac, CACHE_MAC_LEN, head, H_MAC, c->mackey, 32);
}

/*
 * Read and check the cache's header against the sealed journal on
 * sealedfd and the cache's size: 0 when it holds, with c's position and
 * id set from it.
 */
static int
check_header(struct sealcache *c, int sealedfd)
{
	unsigned char	 head[CACHE_HEAD_LEN], mac[CACHE_MAC_LEN], hash[32];
	struct stat	 st;
	off_t		 full, want;

	if (pread(c->fd, head, sizeof(head), 0) != (ssize_t)sizeof(head) ||
	    memcmp(head, CACHE_MAGIC, CACHE_MAGIC_LEN) != 0 ||
	    memcmp(head + H_KEYID, c->keyid, KEY_ID_LEN) != 0)
		return -1;
	header_mac(c, head, mac);
	if (sodium_memcmp(mac, head + H_MAC, CACHE_MAC_LEN) != 0)
		return -1;
	memcpy(c->id, head + H_CACHEID, CACHE_ID_LEN);
	c->pos.off = (off_t)be64dec(head + H_OFF);
	c->pos.lineno = be64dec(head + H_LINENO);
	c->pos.lastlen = be32dec(head + H_LASTLEN);
	c->pos.plainlen = (off_t)be64dec(head + H_PLAINLEN);
	c->pos.newline = head[H_LASTNL] == 1;
	if (c->pos.plainlen < 0 || c->pos.off < 0)
		return -1;
	full = c->pos.plainlen / CACHE_CHUNK;
	want = CACHE_HEAD_LEN + full * (off_t)SEALED_CHUNK;
	if (c->pos.plainlen % CACHE_CHUNK != 0)
		want += NONCE_LEN + c->pos.plainlen % CACHE_CHUNK + TAG_LEN;
	if (fstat(c->fd, &st) == -1 || st.st_size != want)
		return -1;
	if (last_line_hash(sealedfd, c->pos.off, c->pos.lastlen, hash) != 0 ||
	    memcmp(hash, head + H_LAST, 32) != 0)
		return -1;
	return 0;
}

/* Open chunk n of the cache into c->chunk. */
static int
load_chunk(struct sealcache *c, uint64_t n)
{
	unsigned char		*sealed, ad[CACHE_ID_LEN + 8];
	unsigned long long	 mlen;
	off_t			 start;
	size_t			 len;
	int			 rv = -1;

	if (c->chunkno == n)
		return 0;
	start = (off_t)n * CACHE_CHUNK;
	if (start >= c->pos.plainlen) {
		errno = EIO;
		return -1;
	}
	len = c->pos.plainlen - start < CACHE_CHUNK ?
	    (size_t)(c->pos.plainlen - start) : CACHE_CHUNK;
	sealed = xmalloc(SEALED_CHUNK);
	memcpy(ad, c->id, CACHE_ID_LEN);
	be64enc(ad + CACHE_ID_LEN, n);
	c->chunkno = UINT64_MAX;
	if (pread(c->fd, sealed, NONCE_LEN + len + TAG_LEN, CACHE_HEAD_LEN +
	    (off_t)n * SEALED_CHUNK) == (ssize_t)(NONCE_LEN + len + TAG_LEN) &&
	    crypto_aead_xchacha20poly1305_ietf_decrypt(c->chunk, &mlen, NULL,
	    sealed + NONCE_LEN, len + TAG_LEN, ad, sizeof(ad), sealed,
	    c->key) == 0 && mlen == len) {
		c->chunkno = n;
		c->chunklen = len;
		rv = 0;
	} else
		errno = EIO;
	free(sealed);
	return rv;
}

/*
 * Whether the last chunk opens, when it is not full: it alone is written
 * again in place as records are added, before the header that covers
 * them, so that a reader killed, or a machine stopped, between the two
 * leaves a chunk the header does not describe.  Such a cache is made
 * anew rather than failing the next read.  Full chunks are written once.
 */
static int
check_last_chunk(struct sealcache *c)
{
	if (c->pos.plainlen % CACHE_CHUNK == 0)
		return 0;
	return load_chunk(c, (uint64_t)(c->pos.plainlen / CACHE_CHUNK));
}

/* Seal c->chunk, chunk c->chunkno of c->chunklen bytes, into the file. */
static int
store_chunk(struct sealcache *c)
{
	unsigned char		*sealed, ad[CACHE_ID_LEN + 8];
	unsigned long long	 clen;
	int			 rv = 0;

	sealed = xmalloc(SEALED_CHUNK);
	memcpy(ad, c->id, CACHE_ID_LEN);
	be64enc(ad + CACHE_ID_LEN, c->chunkno);
	randombytes_buf(sealed, NONCE_LEN);
	crypto_aead_xchacha20poly1305_ietf_encrypt(sealed + NONCE_LEN, &clen,
	    c->chunk, c->chunklen, ad, sizeof(ad), NULL, sealed, c->key);
	if (pwrite(c->fd, sealed, NONCE_LEN + clen, CACHE_HEAD_LEN +
	    (off_t)c->chunkno * SEALED_CHUNK) != (ssize_t)(NONCE_LEN + clen))
		rv = -1;
	free(sealed);
	c->changed = true;
	return rv;
}

static void
cache_free(struct sealcache *c)
{
	struct sealcache	**p;

	for (p = &open_caches; *p != NULL; p = &(*p)->next)
		if (*p == c) {
			*p = c->next;
			break;
		}
	if (c->fd != -1)
		close(c->fd);
	free(c->path);
	sodium_free(c->key);
	sodium_free(c->mackey);
	sodium_free(c->chunk);
	if (c->tail.s != NULL)
		sodium_memzero(c->tail.s, c->tail.len);
	free(c->tail.s);
	free(c);
}

/*
 * Open the cache at path of the sealed journal on sealedfd, made by these
 * keys: a new one when there is none that holds and it can be locked for
 * writing.  NULL when there is no cache to use.  *pos says what it
 * covers: the reader opens the records after pos->off.
 */
struct sealcache *
sealcache_open(const char *path, const struct jkeys *keys, int sealedfd,
    struct sealpos *pos)
{
	struct sealcache	*c;

	c = xcalloc(1, sizeof(*c));
	c->next = open_caches;
	open_caches = c;
	c->path = xstrdup(path);
	c->fd = -1;
	c->chunkno = UINT64_MAX;
	if (cache_keys(keys, c) == -1 ||
	    (c->chunk = sodium_malloc(CACHE_CHUNK)) == NULL ||
	    file_make_dirs(path) == -1 ||
	    (c->fd = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC,
	    0600)) == -1)
		goto none;
	if (flock(c->fd, LOCK_EX | LOCK_NB) == 0)
		c->writable = true;
	else if (flock(c->fd, LOCK_SH) == -1)
		goto none;
	if (check_header(c, sealedfd) == -1 || check_last_chunk(c) == -1) {
		/* A cache that does not hold is made anew, if it can be. */
		if (!c->writable || ftruncate(c->fd, 0) == -1)
			goto none;
		memset(&c->pos, 0, sizeof(c->pos));
		c->pos.newline = true;
		randombytes_buf(c->id, sizeof(c->id));
		c->changed = true;
	}
	*pos = c->pos;
	return c;
none:
	cache_free(c);
	return NULL;
}

/*
 * Add plain text to what the cache's stream gives: to the cache itself
 * while cacheable and the cache is locked for writing, else to memory.
 */
int
sealcache_add(struct sealcache *c, const void *buf, size_t len,
    bool cacheable)
{
	const unsigned char	*p = buf;
	uint64_t		 n;
	size_t			 room;

	if (!cacheable || !c->writable || c->tail.len > 0) {
		jbuf_add(&c->tail, buf, len);
		return 0;
	}
	while (len > 0) {
		n = (uint64_t)(c->pos.plainlen / CACHE_CHUNK);
		if (c->chunkno != n) {
			if (c->pos.plainlen % CACHE_CHUNK != 0) {
				if (load_chunk(c, n) == -1)
					return -1;
			} else {
				c->chunkno = n;
				c->chunklen = 0;
			}
		}
		room = CACHE_CHUNK - c->chunklen;
		if (room > len)
			room = len;
		memcpy(c->chunk + c->chunklen, p, room);
		c->chunklen += room;
		c->pos.plainlen += (off_t)room;
		p += room;
		len -= room;
		if (c->chunklen == CACHE_CHUNK && store_chunk(c) == -1)
			return -1;
	}
	return 0;
}

/*
 * Say what the cache now covers (pos), write its header, and turn it into
 * a stream of the plain journal, the cache and then what was added past
 * it; the cache is the stream's, and NULL is returned only on failure.
 */
FILE *
sealcache_stream(struct sealcache *c, const struct sealpos *pos,
    int sealedfd)
{
	static const cookie_io_functions_t io = {
		stream_read, NULL, stream_seek, stream_close
	};
	unsigned char	 head[CACHE_HEAD_LEN];
	FILE		*fp;

	if (c->writable && (c->changed || pos->off != c->pos.off)) {
		if (c->chunkno != UINT64_MAX && c->chunklen > 0 &&
		    c->chunklen < CACHE_CHUNK && store_chunk(c) == -1)
			goto fail;
		c->pos.off = pos->off;
		c->pos.lineno = pos->lineno;
		c->pos.lastlen = pos->lastlen;
		c->pos.newline = pos->newline;
		memcpy(head, CACHE_MAGIC, CACHE_MAGIC_LEN);
		memcpy(head + H_KEYID, c->keyid, KEY_ID_LEN);
		memcpy(head + H_CACHEID, c->id, CACHE_ID_LEN);
		be64enc(head + H_OFF, (uint64_t)c->pos.off);
		be64enc(head + H_LINENO, c->pos.lineno);
		be32enc(head + H_LASTLEN, (uint32_t)c->pos.lastlen);
		be64enc(head + H_PLAINLEN, (uint64_t)c->pos.plainlen);
		head[H_LASTNL] = c->pos.newline ? 1 : 0;
		/* A journal of nothing but its version line: no last line. */
		if (c->pos.lastlen == 0 || last_line_hash(sealedfd, c->pos.off,
		    c->pos.lastlen, head + H_LAST) != 0)
			memset(head + H_LAST, 0, 32);
		header_mac(c, head, head + H_MAC);
		if (pwrite(c->fd, head, sizeof(head), 0) !=
		    (ssize_t)sizeof(head))
			goto fail;
	}
	/* Written, the cache is read under a shared lock like any other. */
	if (c->writable && flock(c->fd, LOCK_SH) == -1)
		goto fail;
	c->writable = false;
	c->at = 0;
	if ((fp = fopencookie(c, "r", io)) == NULL)
		goto fail;
	return fp;
fail:
	cache_free(c);
	return NULL;
}

/* Let the cache go without a stream, as when reading failed. */
void
sealcache_abort(struct sealcache *c)
{
	cache_free(c);
}

static ssize_t
stream_read(void *cookie, char *buf, size_t size)
{
	struct sealcache	*c = cookie;
	size_t			 done = 0, n, in;
	off_t			 tailat;

	while (done < size) {
		if (c->at < c->pos.plainlen) {
			/*
			 * Only damage or another's hand makes a chunk that
			 * does not open: the cache goes, for the next
			 * reader to make anew, and this one fails.
			 */
			if (load_chunk(c, (uint64_t)(c->at / CACHE_CHUNK)) ==
			    -1) {
				if (c->path != NULL)
					unlink(c->path);
				return -1;
			}
			in = (size_t)(c->at % CACHE_CHUNK);
			n = c->chunklen - in;
			if (n > size - done)
				n = size - done;
			memcpy(buf + done, c->chunk + in, n);
		} else {
			tailat = c->at - c->pos.plainlen;
			if ((size_t)tailat >= c->tail.len)
				break;
			n = c->tail.len - (size_t)tailat;
			if (n > size - done)
				n = size - done;
			memcpy(buf + done, c->tail.s + tailat, n);
		}
		done += n;
		c->at += (off_t)n;
	}
	return (ssize_t)done;
}

static int
stream_seek(void *cookie, off64_t *where, int whence)
{
	struct sealcache	*c = cookie;
	off_t			 to;

	if (whence == SEEK_SET)
		to = *where;
	else if (whence == SEEK_CUR)
		to = c->at + *where;
	else if (whence == SEEK_END)
		to = c->pos.plainlen + (off_t)c->tail.len + *where;
	else {
		errno = EINVAL;
		return -1;
	}
	if (to < 0) {
		errno = EINVAL;
		return -1;
	}
	c->at = to;
	*where = to;
	return 0;
}

static int
stream_close(void *cookie)
{
	cache_free(cookie);
	return 0;
}
