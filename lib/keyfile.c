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
 * keyfile.c: a sealed journal's key file, JOURNAL.key (journal(5)):
 *
 *	%%journal-key 1
 *	kdf argon2id13 OPS MEMBYTES SALT
 *	key KEYID PUBLIC WRAPPED	(one a key pair, the last one writes)
 *
 * Records are sealed to a public key, kept here in clear, so that writing
 * needs no passphrase.  Each secret key is wrapped with XChaCha20-Poly1305
 * under a key that Argon2id draws from the passphrase, the lines above it
 * and its own id and public key being the associated data: a changed
 * parameter, public key or id makes unwrapping fail rather than hand out
 * a key that the file does not describe.  Secrets, wrapping keys and
 * passphrases stay in libsodium's guarded memory and are wiped on every
 * path; core dumps are off before any of them is in memory.
 *
 * It is one file, past the house's 800 lines, because it is one format:
 * the strict parser, the wrapping and the writers of the lines share
 * struct keyfile and the layout above, and the lines as parsed are the
 * wrapping's associated data (key_ad); split, the parsed file's insides
 * would go in a header whose only reader is the other half.
 */

#include "config.h"

#include <sys/resource.h>
#include <sys/stat.h>

#include <errno.h>
#include <limits.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rapport.h"

#define KEYFILE_MAGIC	"%%journal-key 1"
#define KEYFILE_PREFIX	"%%journal-key "
#define KEYFILE_KDF	"argon2id13"
#define KEYFILE_LINE_MAX 256		/* bytes of a line, without its newline */
#define KEYFILE_KEYS_MAX 256		/* key pairs, rotations included */
#define KEYFILE_SIZE_MAX ((KEYFILE_KEYS_MAX + 2) * (KEYFILE_LINE_MAX + 1))
#define KEYFILE_FIELDS_MAX 6

#define SALT_LEN	crypto_pwhash_SALTBYTES
#define WRAP_KEY_LEN	crypto_aead_xchacha20poly1305_ietf_KEYBYTES
#define NONCE_LEN	crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
#define WRAPPED_LEN	(NONCE_LEN + KEY_SECRET_LEN + \
	crypto_aead_xchacha20poly1305_ietf_ABYTES)
#define B64_LEN(n)	sodium_base64_ENCODED_LEN(n, \
	sodium_base64_VARIANT_ORIGINAL_NO_PADDING)
#define B64_VARIANT	sodium_base64_VARIANT_ORIGINAL_NO_PADDING
/* "KEYID PUBLIC", the part of a key line in its associated data. */
#define KEY_AD_LEN	(KEY_ID_LEN + 1 + B64_LEN(KEY_PUBLIC_LEN) - 1)
#define AD_MAX		(2 * (KEYFILE_LINE_MAX + 1) + KEY_AD_LEN + 1)

/* The Argon2id parameters of the kdf line. */
struct kdf {
	unsigned long long	 ops;
	size_t			 mem;
	unsigned char		 salt[SALT_LEN];
};

/* A key file as read: its text, its kdf line, its key lines. */
struct keyfile {
	char		 *text;
	size_t		  len;
	size_t		  adlen;	/* of the version and kdf lines */
	struct kdf	  kdf;
	struct jkey	 *keys;
	unsigned char	(*wrapped)[WRAPPED_LEN];
	size_t		  nkeys;
};

static int	 sodium_ready(void);
static void	 bad(struct jkeys *, size_t, const char *);
static int	 decode(const char *, unsigned char *, size_t);
static int	 number(const char *, long long, long long, long long *);
static size_t	 split(char *, char **);
static int	 parse_kdf(char **, size_t, struct kdf *, const char **);
static int	 parse_key(char **, size_t, struct jkey *, unsigned char *,
		    const char **);
static int	 parse(struct keyfile *, struct jkeys *);
static int	 load(const char *, struct keyfile *, struct jkeys *);
static void	 keyfile_free(struct keyfile *);
static void	 drop(struct jkeys *);
static void	 key_id(const unsigned char *, char *);
static size_t	 key_ad(unsigned char *, const char *, size_t,
		    const struct jkey *);
static int	 cost_limits(enum key_cost, struct kdf *);
static unsigned char *derive(const struct kdf *, const char *, size_t);
static void	 wrap(const unsigned char *, const char *, size_t,
		    const struct jkey *, const unsigned char *, unsigned char *);
static int	 unlock(const struct keyfile *, const char *, size_t,
		    unsigned char **, struct jkeys *);
static void	 put_kdf_line(char **, size_t *, const struct kdf *);
static void	 put_key_line(char **, size_t *, const struct jkey *,
		    const unsigned char *);

/*
 * libsodium readied once, as every entry point needs it; it fails only
 * where the system gives it no randomness.
 */
static int
sodium_ready(void)
{
	if (sodium_init() < 0) {
		errno = EIO;
		return -1;
	}
	return 0;
}

/* A key file that is not well formed: where, and what. */
static void
bad(struct jkeys *jk, size_t lineno, const char *msg)
{
	jk->lineno = lineno;
	strlcpy(jk->msg, msg, sizeof(jk->msg));
	errno = EBADMSG;
}

/*
 * Exactly len bytes of base64 without padding, in its one canonical
 * spelling, so that a file has one form and the associated data one
 * meaning.
 */
static int
decode(const char *s, unsigned char *out, size_t len)
{
	char		 again[B64_LEN(KEYFILE_LINE_MAX)];
	const char	*end;
	size_t		 got;

	if (strlen(s) != B64_LEN(len) - 1 ||
	    sodium_base642bin(out, len, s, strlen(s), NULL, &got, &end,
	    B64_VARIANT) != 0 || got != len || *end != '\0')
		return -1;
	sodium_bin2base64(again, sizeof(again), out, len, B64_VARIANT);
	return strcmp(again, s) == 0 ? 0 : -1;
}

/* A decimal number in [min, max], written without sign or leading 0. */
static int
number(const char *s, long long min, long long max, long long *vp)
{
	const char	*errstr, *p;

	if (s[0] == '0' || s[0] == '\0')
		return -1;
	for (p = s; *p != '\0'; p++)
		if (*p < '0' || *p > '9')
			return -1;
	*vp = strtonum(s, min, max, &errstr);
	return errstr == NULL ? 0 : -1;
}

/*
 * Cut a line into its fields, one space apart: the number of fields, at
 * most KEYFILE_FIELDS_MAX, more than any line has; or 0 if two spaces
 * meet, or one starts or ends the line.
 */
static size_t
split(char *line, char **f)
{
	size_t	 n = 0;
	char	*p = line;

	for (;;) {
		if (*p == ' ' || *p == '\0')
			return 0;
		if (n == KEYFILE_FIELDS_MAX)
			return n;
		f[n++] = p;
		if ((p = strchr(p, ' ')) == NULL)
			return n;
		*p++ = '\0';
	}
}

/* The fields of the kdf line, or a phrase for what is wrong. */
static int
parse_kdf(char **f, size_t n, struct kdf *kdf, const char **why)
{
	long long	 v;

	if (n != 5) {
		*why = "the kdf line does not have five fields";
		return -1;
	}
	if (strcmp(f[1], KEYFILE_KDF) != 0) {
		*why = "the kdf line's function is not " KEYFILE_KDF;
		return -1;
	}
	if (number(f[2], crypto_pwhash_argon2id_OPSLIMIT_MIN,
	    crypto_pwhash_argon2id_OPSLIMIT_MAX, &v) == -1) {
		*why = "the kdf line's operations are not a number in range";
		return -1;
	}
	kdf->ops = (unsigned long long)v;
	if (number(f[3], crypto_pwhash_argon2id_MEMLIMIT_MIN,
	    crypto_pwhash_argon2id_MEMLIMIT_MAX, &v) == -1) {
		*why = "the kdf line's memory is not a number in range";
		return -1;
	}
	kdf->mem = (size_t)v;
	if (decode(f[4], kdf->salt, SALT_LEN) == -1) {
		*why = "the kdf line's salt is not 16 bytes of base64";
		return -1;
	}
	return 0;
}

/* The fields of a key line, or a phrase for what is wrong. */
static int
parse_key(char **f, size_t n, struct jkey *k, unsigned char *wrapped,
    const char **why)
{
	char	 id[KEY_ID_LEN + 1];
	size_t	 i;

	if (n != 4) {
		*why = "the key line does not have four fields";
		return -1;
	}
	for (i = 0; f[1][i] != '\0'; i++)
		if (!((f[1][i] >= '0' && f[1][i] <= '9') ||
		    (f[1][i] >= 'a' && f[1][i] <= 'f')))
			break;
	if (i != KEY_ID_LEN || f[1][i] != '\0') {
		*why = "the key id is not 16 lower-case hex digits";
		return -1;
	}
	if (decode(f[2], k->pk, KEY_PUBLIC_LEN) == -1) {
		*why = "the public key is not 32 bytes of base64";
		return -1;
	}
	if (decode(f[3], wrapped, WRAPPED_LEN) == -1) {
		*why = "the wrapped secret key is not 72 bytes of base64";
		return -1;
	}
	key_id(k->pk, id);
	if (strcmp(id, f[1]) != 0) {
		*why = "the key id does not match its public key";
		return -1;
	}
	memcpy(k->id, id, sizeof(k->id));
	k->sk = NULL;
	return 0;
}

/*
 * Parse the text of kf, strictly: on a file that is not a key file of
 * this version, EBADMSG with the line and the problem in jk, or ENOTSUP
 * for a later version.
 */
static int
parse(struct keyfile *kf, struct jkeys *jk)
{
	char		 line[KEYFILE_LINE_MAX + 1], *f[KEYFILE_FIELDS_MAX];
	const char	*p, *end, *nl, *why = NULL;
	long long	 version;
	size_t		 lineno, len, n, i;

	p = kf->text;
	end = kf->text + kf->len;
	if (p == end) {
		bad(jk, 1, "the file is empty");
		return -1;
	}
	for (lineno = 1; p < end; lineno++, p = nl + 1) {
		nl = memchr(p, '\n', (size_t)(end - p));
		len = (nl != NULL ? nl : end) - p;
		if (len > KEYFILE_LINE_MAX) {
			bad(jk, lineno, "the line is too long");
			return -1;
		}
		if (memchr(p, '\0', len) != NULL) {
			bad(jk, lineno, "the line holds a NUL byte");
			return -1;
		}
		memcpy(line, p, len);
		line[len] = '\0';
		if (lineno == 1) {
			if (strncmp(line, KEYFILE_PREFIX,
			    sizeof(KEYFILE_PREFIX) - 1) != 0) {
				bad(jk, 1, "not a key file");
				return -1;
			}
			if (strcmp(line, KEYFILE_MAGIC) != 0) {
				if (number(line + sizeof(KEYFILE_PREFIX) - 1, 2,
				    INT_MAX, &version) == 0) {
					bad(jk, 1, "a later version of the "
					    "key file");
					errno = ENOTSUP;
				} else
					bad(jk, 1, "the version is not a "
					    "number");
				return -1;
			}
		}
		/* A torn last line is damage, not a short key. */
		if (nl == NULL) {
			bad(jk, lineno, "the line is cut short");
			return -1;
		}
		if (lineno == 1)
			continue;
		if (len == 0) {
			bad(jk, lineno, "the line is empty");
			return -1;
		}
		if ((n = split(line, f)) == 0) {
			bad(jk, lineno, "the fields are not one space apart");
			return -1;
		}
		if (lineno == 2) {
			if (strcmp(f[0], "kdf") != 0)
				why = "the second line is not the kdf line";
			else if (parse_kdf(f, n, &kf->kdf, &why) == 0)
				kf->adlen = (size_t)(nl + 1 - kf->text);
		} else if (strcmp(f[0], "key") != 0)
			why = "not a key line";
		else if (kf->nkeys == KEYFILE_KEYS_MAX)
			why = "too many keys";
		else if (parse_key(f, n, &kf->keys[kf->nkeys],
		    kf->wrapped[kf->nkeys], &why) == 0) {
			for (i = 0; i < kf->nkeys; i++)
				if (strcmp(kf->keys[i].id,
				    kf->keys[kf->nkeys].id) == 0)
					why = "the key is there twice";
			kf->nkeys++;
		}
		if (why != NULL) {
			bad(jk, lineno, why);
			return -1;
		}
	}
	if (kf->nkeys == 0) {
		bad(jk, lineno, lineno == 2 ? "no kdf line" : "no key line");
		return -1;
	}
	return 0;
}

/*
 * Read and parse a key file.  One that another user owns or others may
 * write fails with EPERM, since whoever can write it can choose the key
 * that records are sealed to; one larger than any key file, with EFBIG.
 */
static int
load(const char *path, struct keyfile *kf, struct jkeys *jk)
{
	struct stat	 st;
	int		 fd, rv = -1, saved;

	memset(kf, 0, sizeof(*kf));
	memset(jk, 0, sizeof(*jk));
	if (sodium_ready() == -1)
		return -1;
	if ((fd = file_open_regular(path, &st)) == -1)
		return -1;
	if (file_private(&st) != 0)
		errno = EPERM;
	else if (st.st_size > KEYFILE_SIZE_MAX)
		errno = EFBIG;
	else
		rv = file_read_fd(fd, &st, NULL, 0, &kf->text, &kf->len);
	saved = errno;
	close(fd);
	errno = saved;
	if (rv == -1)
		return -1;
	kf->keys = xcalloc(KEYFILE_KEYS_MAX, sizeof(*kf->keys));
	kf->wrapped = xcalloc(KEYFILE_KEYS_MAX, sizeof(*kf->wrapped));
	if (parse(kf, jk) == -1) {
		keyfile_free(kf);
		return -1;
	}
	return 0;
}

static void
keyfile_free(struct keyfile *kf)
{
	int	 saved;

	saved = errno;
	free(kf->text);
	free(kf->keys);
	free(kf->wrapped);
	memset(kf, 0, sizeof(*kf));
	errno = saved;
}

/* A key's id: 16 hex digits of the 8-byte BLAKE2b of its public key. */
static void
key_id(const unsigned char *pk, char *id)
{
	unsigned char	 h[KEY_ID_LEN / 2];

	crypto_generichash(h, sizeof(h), pk, KEY_PUBLIC_LEN, NULL, 0);
	sodium_bin2hex(id, KEY_ID_LEN + 1, h, sizeof(h));
}

/*
 * The associated data of a key's wrapped secret: the version and kdf
 * lines as they are in the file, then "KEYID PUBLIC" of its line.
 */
static size_t
key_ad(unsigned char *ad, const char *prefix, size_t plen,
    const struct jkey *k)
{
	memcpy(ad, prefix, plen);
	memcpy(ad + plen, k->id, KEY_ID_LEN);
	ad[plen + KEY_ID_LEN] = ' ';
	sodium_bin2base64((char *)ad + plen + KEY_ID_LEN + 1,
	    B64_LEN(KEY_PUBLIC_LEN), k->pk, KEY_PUBLIC_LEN, B64_VARIANT);
	return plen + KEY_AD_LEN;
}

/* libsodium's operations and memory for a cost. */
static int
cost_limits(enum key_cost cost, struct kdf *kdf)
{
	switch (cost) {
	case KEY_COST_INTERACTIVE:
		kdf->ops = crypto_pwhash_argon2id_OPSLIMIT_INTERACTIVE;
		kdf->mem = crypto_pwhash_argon2id_MEMLIMIT_INTERACTIVE;
		return 0;
	case KEY_COST_MODERATE:
		kdf->ops = crypto_pwhash_argon2id_OPSLIMIT_MODERATE;
		kdf->mem = crypto_pwhash_argon2id_MEMLIMIT_MODERATE;
		return 0;
	case KEY_COST_SENSITIVE:
		kdf->ops = crypto_pwhash_argon2id_OPSLIMIT_SENSITIVE;
		kdf->mem = crypto_pwhash_argon2id_MEMLIMIT_SENSITIVE;
		return 0;
	}
	errno = EINVAL;
	return -1;
}

/*
 * The wrapping key that Argon2id draws from a passphrase, in guarded
 * memory, or NULL with libsodium's errno (ENOMEM where the memory that
 * the kdf line asks for cannot be had).
 */
static unsigned char *
derive(const struct kdf *kdf, const char *pass, size_t passlen)
{
	unsigned char	*wk;
	int		 saved;

	if ((wk = sodium_malloc(WRAP_KEY_LEN)) == NULL)
		return NULL;
	errno = 0;
	if (crypto_pwhash(wk, WRAP_KEY_LEN, pass, passlen, kdf->salt,
	    kdf->ops, kdf->mem, crypto_pwhash_ALG_ARGON2ID13) != 0) {
		saved = errno != 0 ? errno : ENOMEM;
		sodium_free(wk);
		errno = saved;
		return NULL;
	}
	return wk;
}

/* Wrap a secret key under a fresh nonce, for the lines before it. */
static void
wrap(const unsigned char *wk, const char *prefix, size_t plen,
    const struct jkey *k, const unsigned char *sk, unsigned char *out)
{
	unsigned char	 ad[AD_MAX];
	size_t		 adlen;

	adlen = key_ad(ad, prefix, plen, k);
	randombytes_buf(out, NONCE_LEN);
	crypto_aead_xchacha20poly1305_ietf_encrypt(out + NONCE_LEN, NULL,
	    sk, KEY_SECRET_LEN, ad, adlen, NULL, out, wk);
}

/*
 * Unwrap every secret key of a parsed file into jk, which holds its
 * public keys; the wrapping key is kept in *wkp for a caller that wraps
 * another key under it (NULL: wiped).  A passphrase that does not open
 * the first key is EKEYREJECTED; a later key that does not open, or a
 * secret that is not its public key's, is damage: EBADMSG.  On failure
 * nothing is kept.
 */
static int
unlock(const struct keyfile *kf, const char *pass, size_t passlen,
    unsigned char **wkp, struct jkeys *jk)
{
	unsigned char	 ad[AD_MAX], pk[KEY_PUBLIC_LEN], *wk = NULL, *sk;
	size_t		 adlen, i;

	if (keys_core_off() == -1)
		return -1;
	jk->keys = xcalloc(kf->nkeys, sizeof(*jk->keys));
	memcpy(jk->keys, kf->keys, kf->nkeys * sizeof(*jk->keys));
	jk->nkeys = kf->nkeys;
	if ((wk = derive(&kf->kdf, pass, passlen)) == NULL)
		goto fail;
	if ((jk->secrets = sodium_allocarray(kf->nkeys, KEY_SECRET_LEN)) ==
	    NULL)
		goto fail;
	for (i = 0; i < kf->nkeys; i++) {
		sk = jk->secrets + i * KEY_SECRET_LEN;
		adlen = key_ad(ad, kf->text, kf->adlen, &kf->keys[i]);
		if (crypto_aead_xchacha20poly1305_ietf_decrypt(sk, NULL, NULL,
		    kf->wrapped[i] + NONCE_LEN, WRAPPED_LEN - NONCE_LEN, ad,
		    adlen, kf->wrapped[i], wk) != 0) {
			if (i == 0) {
				errno = EKEYREJECTED;
				goto fail;
			}
			bad(jk, i + 3, "the wrapped secret key does not open");
			goto fail;
		}
		if (crypto_scalarmult_base(pk, sk) != 0 ||
		    sodium_memcmp(pk, kf->keys[i].pk, KEY_PUBLIC_LEN) != 0) {
			bad(jk, i + 3, "the secret key does not match its "
			    "public key");
			goto fail;
		}
		jk->keys[i].sk = sk;
	}
	sodium_mprotect_readonly(jk->secrets);
	if (wkp != NULL)
		*wkp = wk;
	else
		sodium_free(wk);
	return 0;
fail:
	if (wk != NULL)
		sodium_free(wk);
	drop(jk);
	return -1;
}

/* Give up what an unlock had gathered, keeping errno and the problem. */
static void
drop(struct jkeys *jk)
{
	int	 saved;

	saved = errno;
	if (jk->secrets != NULL)
		sodium_free(jk->secrets);
	free(jk->keys);
	jk->secrets = NULL;
	jk->keys = NULL;
	jk->nkeys = 0;
	errno = saved;
}

/* Append the kdf line of kdf to an allocated text. */
static void
put_kdf_line(char **textp, size_t *lenp, const struct kdf *kdf)
{
	char	 salt[B64_LEN(SALT_LEN)], *line;
	int	 n;

	sodium_bin2base64(salt, sizeof(salt), kdf->salt, SALT_LEN,
	    B64_VARIANT);
	n = xasprintf(&line, "kdf " KEYFILE_KDF " %llu %zu %s\n", kdf->ops,
	    kdf->mem, salt);
	*textp = xreallocarray(*textp, 1, *lenp + (size_t)n + 1);
	memcpy(*textp + *lenp, line, (size_t)n + 1);
	*lenp += (size_t)n;
	free(line);
}

/* Append a key line to an allocated text. */
static void
put_key_line(char **textp, size_t *lenp, const struct jkey *k,
    const unsigned char *wrapped)
{
	char	 pk[B64_LEN(KEY_PUBLIC_LEN)], w[B64_LEN(WRAPPED_LEN)], *line;
	int	 n;

	sodium_bin2base64(pk, sizeof(pk), k->pk, KEY_PUBLIC_LEN, B64_VARIANT);
	sodium_bin2base64(w, sizeof(w), wrapped, WRAPPED_LEN, B64_VARIANT);
	n = xasprintf(&line, "key %s %s %s\n", k->id, pk, w);
	*textp = xreallocarray(*textp, 1, *lenp + (size_t)n + 1);
	memcpy(*textp + *lenp, line, (size_t)n + 1);
	*lenp += (size_t)n;
	free(line);
}

/* The key file of a journal: its path with ".key" after it. */
char *
keyfile_path(const char *journal)
{
	char	*path;

	xasprintf(&path, "%s.key", journal);
	return path;
}

/*
 * Core dumps off for good, before a secret is in memory: a crash must
 * not write one to the disk.
 */
int
keys_core_off(void)
{
	struct rlimit	 rl = { 0, 0 };

	return setrlimit(RLIMIT_CORE, &rl);
}

/*
 * Create a key file with a new key pair, its secret wrapped under the
 * passphrase at the given cost, 0600, flushed to the disk; the missing
 * directories above it are made.  A file (or a link) already at path is
 * EEXIST, an empty passphrase or an unknown cost EINVAL.  It is written
 * beside and renamed into place, so that a crash leaves no half key file;
 * the caller holds the journal's lock, so that no other creation races.
 */
int
keyfile_create(const char *path, const char *pass, size_t passlen,
    enum key_cost cost)
{
	struct stat	 st;
	struct kdf	 kdf;
	struct jkey	 k;
	unsigned char	*sk = NULL, *wk = NULL, wrapped[WRAPPED_LEN];
	char		*text = NULL;
	size_t		 len = 0;
	int		 rv = -1, saved;

	if (sodium_ready() == -1)
		return -1;
	if (passlen == 0 || cost_limits(cost, &kdf) == -1) {
		errno = EINVAL;
		return -1;
	}
	if (lstat(path, &st) == 0) {
		errno = EEXIST;
		return -1;
	}
	if (errno != ENOENT || keys_core_off() == -1 ||
	    file_make_dirs(path) == -1)
		return -1;
	randombytes_buf(kdf.salt, SALT_LEN);
	memset(&k, 0, sizeof(k));
	if ((sk = sodium_malloc(KEY_SECRET_LEN)) == NULL ||
	    (wk = derive(&kdf, pass, passlen)) == NULL)
		goto done;
	crypto_box_keypair(k.pk, sk);
	key_id(k.pk, k.id);
	text = xstrdup(KEYFILE_MAGIC "\n");
	len = strlen(text);
	put_kdf_line(&text, &len, &kdf);
	wrap(wk, text, len, &k, sk, wrapped);
	put_key_line(&text, &len, &k, wrapped);
	rv = file_replace(path, text, len, 0600, FILE_REPLACE_SYNC);
done:
	saved = errno;
	if (sk != NULL)
		sodium_free(sk);
	if (wk != NULL)
		sodium_free(wk);
	free(text);
	errno = saved;
	return rv;
}

/*
 * Read a key file's public keys, to seal records to the last one: jk is
 * filled (its sk NULL), or on failure left empty, with errno: ENOENT and
 * the like from the file system; EPERM for a file of another user's or
 * that others may write; EFBIG for one larger than a key file can be;
 * EBADMSG for one that is not well formed, with the line and what is
 * wrong in jk->lineno and jk->msg; ENOTSUP for a later version.
 */
int
keyfile_read(const char *path, struct jkeys *jk)
{
	struct keyfile	 kf;

	if (load(path, &kf, jk) == -1)
		return -1;
	jk->keys = xcalloc(kf.nkeys, sizeof(*jk->keys));
	memcpy(jk->keys, kf.keys, kf.nkeys * sizeof(*jk->keys));
	jk->nkeys = kf.nkeys;
	keyfile_free(&kf);
	return 0;
}

/*
 * Read a key file and unwrap its secret keys with the passphrase: jk as
 * keyfile_read() fills it, each sk pointing into jk->secrets, read-only
 * guarded memory.  On top of keyfile_read()'s errors: EKEYREJECTED for a
 * wrong passphrase; EBADMSG with the line for a later key that does not
 * open or does not match its public key (a damaged or tampered line);
 * ENOMEM where the kdf line asks for more memory than there is.
 */
int
keyfile_unlock(const char *path, const char *pass, size_t passlen,
    struct jkeys *jk)
{
	struct keyfile	 kf;
	int		 rv;

	if (load(path, &kf, jk) == -1)
		return -1;
	rv = unlock(&kf, pass, passlen, NULL, jk);
	keyfile_free(&kf);
	return rv;
}

/*
 * Change the passphrase: unwrap every secret key with the old one
 * (EKEYREJECTED if wrong), wrap them again under the new one (EINVAL if
 * empty) with a new salt and the given cost, and replace the file.  The
 * key lines keep their ids and public keys, and the journal is not read:
 * the change costs the same whatever its size.
 */
int
keyfile_passwd(const char *path, const char *old, size_t oldlen,
    const char *new, size_t newlen, enum key_cost cost)
{
	struct keyfile	 kf;
	struct jkeys	 jk;
	struct kdf	 kdf;
	unsigned char	*wk = NULL, wrapped[WRAPPED_LEN];
	char		*text = NULL;
	size_t		 len = 0, adlen, i;
	int		 rv = -1, saved;

	if (newlen == 0 || cost_limits(cost, &kdf) == -1) {
		errno = EINVAL;
		return -1;
	}
	if (load(path, &kf, &jk) == -1)
		return -1;
	if (unlock(&kf, old, oldlen, NULL, &jk) == -1)
		goto done;
	randombytes_buf(kdf.salt, SALT_LEN);
	if ((wk = derive(&kdf, new, newlen)) == NULL)
		goto done;
	text = xstrdup(KEYFILE_MAGIC "\n");
	len = strlen(text);
	put_kdf_line(&text, &len, &kdf);
	adlen = len;
	for (i = 0; i < jk.nkeys; i++) {
		wrap(wk, text, adlen, &jk.keys[i], jk.keys[i].sk, wrapped);
		put_key_line(&text, &len, &jk.keys[i], wrapped);
	}
	rv = file_replace(path, text, len, 0600, FILE_REPLACE_SYNC);
done:
	saved = errno;
	if (wk != NULL)
		sodium_free(wk);
	free(text);
	keyfile_free(&kf);
	drop(&jk);
	errno = saved;
	return rv;
}

/*
 * Start a new key pair, to which records are sealed from now on: unwrap
 * the file's keys with the passphrase (EKEYREJECTED if wrong), wrap the
 * new secret under the same kdf line and append its key line.  The old
 * keys stay, to read the records sealed to them.  A file that holds as
 * many keys as a key file may is EOVERFLOW.
 */
int
keyfile_rotate(const char *path, const char *pass, size_t passlen)
{
	struct keyfile	 kf;
	struct jkeys	 jk;
	struct jkey	 k;
	unsigned char	*wk = NULL, *sk = NULL, wrapped[WRAPPED_LEN];
	size_t		 i;
	int		 rv = -1, saved;

	if (load(path, &kf, &jk) == -1)
		return -1;
	if (kf.nkeys == KEYFILE_KEYS_MAX) {
		errno = EOVERFLOW;
		goto done;
	}
	if (unlock(&kf, pass, passlen, &wk, &jk) == -1 ||
	    (sk = sodium_malloc(KEY_SECRET_LEN)) == NULL)
		goto done;
	memset(&k, 0, sizeof(k));
	/* A new key that is an old one would be a broken generator. */
	do {
		crypto_box_keypair(k.pk, sk);
		key_id(k.pk, k.id);
		for (i = 0; i < jk.nkeys; i++)
			if (strcmp(jk.keys[i].id, k.id) == 0)
				break;
	} while (i < jk.nkeys);
	wrap(wk, kf.text, kf.adlen, &k, sk, wrapped);
	put_key_line(&kf.text, &kf.len, &k, wrapped);
	rv = file_replace(path, kf.text, kf.len, 0600, FILE_REPLACE_SYNC);
done:
	saved = errno;
	if (wk != NULL)
		sodium_free(wk);
	if (sk != NULL)
		sodium_free(sk);
	keyfile_free(&kf);
	drop(&jk);
	errno = saved;
	return rv;
}

/* The key that records are sealed to: the last one; NULL if none. */
const struct jkey *
keys_writer(const struct jkeys *jk)
{
	return jk->nkeys > 0 ? &jk->keys[jk->nkeys - 1] : NULL;
}

/* The key of an id, or NULL. */
const struct jkey *
keys_find(const struct jkeys *jk, const char *id)
{
	size_t	 i;

	for (i = 0; i < jk->nkeys; i++)
		if (strcmp(jk->keys[i].id, id) == 0)
			return &jk->keys[i];
	return NULL;
}

/* Wipe and free the keys; jk is left zeroed, to be freed again. */
void
keys_free(struct jkeys *jk)
{
	if (jk->secrets != NULL)
		sodium_free(jk->secrets);
	free(jk->keys);
	memset(jk, 0, sizeof(*jk));
}
