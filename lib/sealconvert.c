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
 * sealconvert.c: a plain journal sealed whole (journal encrypt), and a
 * sealed one turned back into a plain one (journal decrypt), each in one
 * atomic rewrite under the journal's lock.
 */

#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "rapport.h"
#include "jrewrite.h"

static int	 open_to_convert(const char *, int *, char **, size_t *,
		    mode_t *);

/*
 * Open the journal at path to rewrite it under its lock, held in *lfd:
 * as journal_open_to_replace() has it, read whole into *buf.
 */
static int
open_to_convert(const char *path, int *lfd, char **buf, size_t *len,
    mode_t *mode)
{
	struct stat	 st;
	int		 fd, rv, saved;

	if ((fd = journal_open_to_replace(path, lfd, &st)) == -1)
		return -1;
	*mode = st.st_mode & 07777;
	rv = file_read_fd(fd, &st, NULL, 0, buf, len);
	saved = errno;
	close(fd);
	if (rv == -1)
		close(*lfd);
	errno = saved;
	return rv;
}

/*
 * Seal the plain journal at path to the writer's key, in one atomic
 * rewrite under its lock: every byte after its version line, torn
 * records and comments included, goes into the sealed records, so that
 * journal_decrypt gives it back byte for byte.  EALREADY when it is
 * sealed already, EBADMSG when it is not a journal of this version.
 */
int
journal_encrypt(const char *path, const struct jkey *writer)
{
	char	*buf, *sealed = NULL, *out;
	size_t	 len, sealedlen, skip = 0;
	mode_t	 mode;
	int	 lfd, rv = -1, saved;

	if (open_to_convert(path, &lfd, &buf, &len, &mode) == -1)
		return -1;
	if (len >= sizeof(SEALED_MAGIC) &&
	    memcmp(buf, SEALED_MAGIC "\n", sizeof(SEALED_MAGIC)) == 0) {
		errno = EALREADY;
		goto out;
	}
	if (len >= sizeof(JOURNAL_MAGIC) &&
	    memcmp(buf, JOURNAL_MAGIC "\n", sizeof(JOURNAL_MAGIC)) == 0)
		skip = sizeof(JOURNAL_MAGIC);
	else if (len >= 10 && memcmp(buf, "%%journal ", 10) == 0) {
		errno = EBADMSG;
		goto out;
	}
	if (seal_records(writer, buf + skip, len - skip, &sealed,
	    &sealedlen) == -1)
		goto out;
	out = xmalloc(sizeof(SEALED_MAGIC) + sealedlen);
	memcpy(out, SEALED_MAGIC "\n", sizeof(SEALED_MAGIC));
	memcpy(out + sizeof(SEALED_MAGIC), sealed, sealedlen);
	rv = file_replace(path, out, sizeof(SEALED_MAGIC) + sealedlen, mode,
	    FILE_REPLACE_SYNC | FILE_REPLACE_LOCKED);
	free(out);
out:
	saved = errno;
	sodium_memzero(buf, len);
	free(buf);
	free(sealed);
	close(lfd);
	errno = saved;
	return rv;
}

/*
 * Turn the sealed journal at path back into a plain one with its keys,
 * in one atomic rewrite under its lock.  A record that does not open is
 * told to problem and nothing is rewritten (EBADMSG): decrypting loses
 * nothing.  EALREADY when the journal is plain.
 */
int
journal_decrypt(const char *path, const struct jkeys *keys,
    jproblem_fn *problem, void *arg)
{
	struct sealread	 res;
	struct stat	 st;
	FILE		*fp = NULL, *plain = NULL;
	char		*buf, *text = NULL;
	size_t		 len;
	mode_t		 mode;
	int		 lfd, rv = -1, saved;

	if (open_to_convert(path, &lfd, &buf, &len, &mode) == -1)
		return -1;
	if (len < sizeof(SEALED_MAGIC) ||
	    memcmp(buf, SEALED_MAGIC "\n", sizeof(SEALED_MAGIC)) != 0) {
		errno = EALREADY;
		goto out;
	}
	if ((fp = fmemopen(buf, len, "r")) == NULL ||
	    journal_unseal(fp, path, keys, problem, arg, &res, &plain) == -1)
		goto out;
	if (res.damaged > 0) {
		errno = EBADMSG;
		goto out;
	}
	if (fstat(fileno(plain), &st) == -1)
		goto out;
	if (file_read_fd(fileno(plain), &st, NULL, 0, &text, &len) == -1)
		goto out;
	rv = file_replace(path, text, len, mode, FILE_REPLACE_SYNC |
	    FILE_REPLACE_LOCKED);
	sodium_memzero(text, len);
out:
	saved = errno;
	free(text);
	if (plain != NULL)
		fclose(plain);
	if (fp != NULL)
		fclose(fp);
	free(buf);
	close(lfd);
	errno = saved;
	return rv;
}
