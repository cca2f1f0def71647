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
 * keyring.c: unlocked keys kept for a while in the Linux kernel's session
 * keyring, so that the next commands of a login do not ask the passphrase
 * again.  The key is a "user" key named "rapport:journal:" and the id of
 * the file's first key, which stays as keys are rotated; its payload is,
 * for each key pair, its 16-digit id and its 32-byte secret.  Only the
 * possessor and the user may view or read it, and it expires by itself.
 */

#include "config.h"

#include <errno.h>
#include <keyutils.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rapport.h"

#define KEYRING_PREFIX	"rapport:journal:"
#define KEYRING_ITEM	(KEY_ID_LEN + KEY_SECRET_LEN)
#define KEYRING_PERM	(KEY_POS_VIEW | KEY_POS_READ | KEY_POS_WRITE | \
	KEY_POS_SEARCH | KEY_POS_SETATTR | KEY_USR_VIEW | KEY_USR_READ)

static void	 description(const struct jkeys *, char *, size_t);
static int	 unavailable(void);
static key_serial_t find(const struct jkeys *);
static int	 take(struct jkeys *, const unsigned char *, size_t);

/* The name of the journal's key in the keyring. */
static void
description(const struct jkeys *jk, char *buf, size_t len)
{
	snprintf(buf, len, KEYRING_PREFIX "%s", jk->keys[0].id);
}

/*
 * Whether the errno of a keyring call says that there is no keyring to
 * use: a kernel without keys (ENOSYS), a container whose seccomp filter
 * refuses the calls (EPERM, EOPNOTSUPP), or a session keyring not ours
 * (EACCES).  Those become ENOSYS, for the caller to say so and ask for
 * the passphrase instead.
 */
static int
unavailable(void)
{
	if (errno == ENOSYS || errno == EOPNOTSUPP || errno == EPERM ||
	    errno == EACCES) {
		errno = ENOSYS;
		return 1;
	}
	return 0;
}

/*
 * The serial of the journal's key in the session keyring, or -1: ENOKEY
 * if there is none, or only one that expired or was revoked; ENOSYS
 * without a keyring.
 */
static key_serial_t
find(const struct jkeys *jk)
{
	char	 desc[sizeof(KEYRING_PREFIX) + KEY_ID_LEN];
	long	 serial;

	if (jk->nkeys == 0) {
		errno = EINVAL;
		return -1;
	}
	description(jk, desc, sizeof(desc));
	if ((serial = keyctl_search(KEY_SPEC_SESSION_KEYRING, "user", desc,
	    0)) == -1 && !unavailable() && (errno == EKEYEXPIRED ||
	    errno == EKEYREVOKED))
		errno = ENOKEY;
	return (key_serial_t)serial;
}

/*
 * Keep the unlocked keys in the session keyring for seconds (not 0, which
 * would keep them for ever: EINVAL), replacing what it held for this
 * journal.  Keys that are not unlocked are EINVAL; no keyring, ENOSYS;
 * the user's quota of keys spent, EDQUOT.
 */
int
keyring_store(const struct jkeys *jk, unsigned int seconds)
{
	char		 desc[sizeof(KEYRING_PREFIX) + KEY_ID_LEN];
	unsigned char	*payload;
	key_serial_t	 serial;
	size_t		 i;
	int		 saved;

	if (jk->nkeys == 0 || jk->secrets == NULL || seconds == 0) {
		errno = EINVAL;
		return -1;
	}
	if (sodium_init() < 0) {
		errno = EIO;
		return -1;
	}
	if ((payload = sodium_allocarray(jk->nkeys, KEYRING_ITEM)) == NULL)
		return -1;
	for (i = 0; i < jk->nkeys; i++) {
		memcpy(payload + i * KEYRING_ITEM, jk->keys[i].id, KEY_ID_LEN);
		memcpy(payload + i * KEYRING_ITEM + KEY_ID_LEN,
		    jk->keys[i].sk, KEY_SECRET_LEN);
	}
	description(jk, desc, sizeof(desc));
	serial = add_key("user", desc, payload, jk->nkeys * KEYRING_ITEM,
	    KEY_SPEC_SESSION_KEYRING);
	sodium_free(payload);
	if (serial == -1) {
		unavailable();
		return -1;
	}
	/* A key that would not expire, or that others may read, goes. */
	if (keyctl_set_timeout(serial, seconds) == -1 ||
	    keyctl_setperm(serial, KEYRING_PERM) == -1) {
		saved = errno;
		keyctl_invalidate(serial);
		errno = saved;
		unavailable();
		return -1;
	}
	return 0;
}

/*
 * Fill jk->secrets from the payload of the keyring's key, if it holds a
 * secret for every key of jk and each is the secret of its public key;
 * else ENOKEY.
 */
static int
take(struct jkeys *jk, const unsigned char *payload, size_t len)
{
	unsigned char	 pk[KEY_PUBLIC_LEN], *sk;
	size_t		 i, j;

	if (len % KEYRING_ITEM != 0 ||
	    (jk->secrets = sodium_allocarray(jk->nkeys, KEY_SECRET_LEN)) ==
	    NULL) {
		errno = ENOKEY;
		return -1;
	}
	for (i = 0; i < jk->nkeys; i++) {
		for (j = 0; j < len / KEYRING_ITEM; j++)
			if (memcmp(payload + j * KEYRING_ITEM, jk->keys[i].id,
			    KEY_ID_LEN) == 0)
				break;
		sk = jk->secrets + i * KEY_SECRET_LEN;
		if (j == len / KEYRING_ITEM)
			break;
		memcpy(sk, payload + j * KEYRING_ITEM + KEY_ID_LEN,
		    KEY_SECRET_LEN);
		if (crypto_scalarmult_base(pk, sk) != 0 ||
		    sodium_memcmp(pk, jk->keys[i].pk, KEY_PUBLIC_LEN) != 0)
			break;
		jk->keys[i].sk = sk;
	}
	if (i < jk->nkeys) {
		for (i = 0; i < jk->nkeys; i++)
			jk->keys[i].sk = NULL;
		sodium_free(jk->secrets);
		jk->secrets = NULL;
		errno = ENOKEY;
		return -1;
	}
	sodium_mprotect_readonly(jk->secrets);
	return 0;
}

/*
 * Unlock jk, which keyfile_read() filled, from the keyring: as
 * keyfile_unlock() leaves it, or -1 with ENOKEY when the keyring holds no
 * key for this journal, one that expired or was revoked, or one that
 * lacks a key of the file or does not match it (the file was rotated
 * since: ask, and store again); ENOSYS without a keyring.
 */
int
keyring_fetch(struct jkeys *jk)
{
	key_serial_t	 serial;
	void		*payload;
	long		 len;
	int		 rv, saved;

	if (jk->secrets != NULL) {
		errno = EINVAL;
		return -1;
	}
	if (sodium_init() < 0) {
		errno = EIO;
		return -1;
	}
	if (keys_core_off() == -1 || (serial = find(jk)) == -1)
		return -1;
	if ((len = keyctl_read_alloc(serial, &payload)) == -1) {
		if (!unavailable())
			errno = ENOKEY;
		return -1;
	}
	rv = take(jk, payload, (size_t)len);
	saved = errno;
	sodium_memzero(payload, (size_t)len);
	free(payload);
	errno = saved;
	return rv;
}

/*
 * Forget the journal's key now: ENOKEY if the keyring held none, ENOSYS
 * without a keyring.
 */
int
keyring_forget(const struct jkeys *jk)
{
	key_serial_t	 serial;

	if ((serial = find(jk)) == -1)
		return -1;
	if (keyctl_invalidate(serial) == -1) {
		unavailable();
		return -1;
	}
	return 0;
}
