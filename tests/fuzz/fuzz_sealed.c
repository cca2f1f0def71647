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
 * fuzz_sealed: the reader of a sealed journal's records (seal.c,
 * journal(5)).  The input is a whole sealed journal file, read with
 * journal_unseal() twice: without keys, for the form of each line only,
 * as journal check and merge read it; then with two keys made from fixed
 * seeds, an old one locked and the writer unlocked (the seeds in
 * tests/fuzz/corpus/fuzz_sealed are sealed to both), opening every record
 * into an anonymous memory file.
 *
 * A file whose first line is not the sealed version line must be refused
 * with EBADMSG, both times; any other must be read to its end, every line
 * after the first that is not blank or a %%# comment counted once, as a
 * record or as damaged, and each damaged one told with its line.  A line
 * that opens must have had the form of one, and the plain journal must
 * start with the plain version line and hold at most what the boxes held.
 */

#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <sodium.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rapport.h"
#include "fuzzutil.h"

/* The seeds of the two keys, which the corpus was sealed with. */
#define SEED_OLD	"rapport fuzz_sealed: older key.."
#define SEED_WRITER	"rapport fuzz_sealed: writer key."

static struct jkey	 key[2];
static unsigned char	 writer_sk[KEY_SECRET_LEN];
static struct jkeys	 keys = { key, 2, NULL, 0, "" };

static void	 make_key(struct jkey *, const char *, unsigned char *);
static size_t	 count_records(const uint8_t *, size_t, size_t *);
static void	 count_problem(const char *, size_t, const char *, void *);

/*
 * A key from a seed of crypto_box_SEEDBYTES, with its id as keyfile.c
 * makes it (so that keys_find finds it), and its secret in sk, or kept
 * out (locked) where sk is NULL.
 */
static void
make_key(struct jkey *k, const char *seed, unsigned char *sk)
{
	unsigned char	 h[KEY_ID_LEN / 2], skbuf[KEY_SECRET_LEN];

	CHECK(strlen(seed) == crypto_box_SEEDBYTES);
	CHECK(crypto_box_seed_keypair(k->pk, sk != NULL ? sk : skbuf,
	    (const unsigned char *)seed) == 0);
	crypto_generichash(h, sizeof(h), k->pk, KEY_PUBLIC_LEN, NULL, 0);
	sodium_bin2hex(k->id, sizeof(k->id), h, sizeof(h));
	k->sk = sk;
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	if (sodium_init() < 0)
		abort();
	make_key(&key[0], SEED_OLD, NULL);
	make_key(&key[1], SEED_WRITER, writer_sk);
	return 0;
}

/*
 * The lines after the first that journal_unseal must count, as records or
 * damaged: those that are not blank and not %%# comments; and in *box the
 * bytes of those lines, which bound what their boxes can hold.
 */
static size_t
count_records(const uint8_t *data, size_t size, size_t *box)
{
	const uint8_t	*nl;
	size_t		 off, len, n = 0, lineno = 0;

	*box = 0;
	for (off = 0; off < size; off += len) {
		nl = memchr(data + off, '\n', size - off);
		len = nl == NULL ? size - off : (size_t)(nl - data) - off + 1;
		if (++lineno == 1)
			continue;
		if (len == 1 && data[off] == '\n')
			continue;
		if (len >= 3 && memcmp(data + off, "%%#", 3) == 0)
			continue;
		n++;
		*box += len;
	}
	return n;
}

/* A damaged line told by journal_unseal: counted, its line a real one. */
static void
count_problem(const char *name, size_t line, const char *what, void *arg)
{
	size_t	*told = arg;

	fuzz_report(name, line, what, NULL);
	CHECK(line >= 2);
	CHECK(strstr(what, "; it is left out, and kept in the file") != NULL);
	(*told)++;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sealread	 form, res;
	struct stat	 st;
	FILE		*fp, *plain = NULL;
	char		 head[sizeof(JOURNAL_MAGIC)];
	size_t		 lines, boxbytes, told = 0;
	bool		 sealed;
	int		 rv;

	sealed = size == 0 || (size >= sizeof(SEALED_MAGIC) &&
	    memcmp(data, SEALED_MAGIC "\n", sizeof(SEALED_MAGIC)) == 0);
	lines = count_records(data, size, &boxbytes);

	fp = fuzz_open_input(data, size);
	errno = 0;
	rv = journal_unseal(fp, "fuzz", NULL, count_problem, &told, &form,
	    NULL);
	fclose(fp);
	if (!sealed) {
		CHECK(rv == -1 && errno == EBADMSG);
		fp = fuzz_open_input(data, size);
		errno = 0;
		CHECK(journal_unseal(fp, "fuzz", &keys, count_problem, &told,
		    &res, &plain) == -1);
		CHECK(errno == EBADMSG && plain == NULL && told == 0);
		fclose(fp);
		return 0;
	}
	CHECK(rv == 0);
	CHECK(form.records + form.damaged == lines);
	CHECK(told == form.damaged);

	told = 0;
	fp = fuzz_open_input(data, size);
	CHECK(journal_unseal(fp, "fuzz", &keys, count_problem, &told, &res,
	    &plain) == 0);
	fclose(fp);
	CHECK(res.records + res.damaged == lines);
	CHECK(told == res.damaged);
	CHECK(res.records <= form.records);

	/* The plain journal: its version line, then what the boxes held. */
	CHECK(plain != NULL && ftell(plain) == 0);
	CHECK(fstat(fileno(plain), &st) == 0);
	CHECK((size_t)st.st_size >= sizeof(JOURNAL_MAGIC));
	CHECK((size_t)st.st_size - sizeof(JOURNAL_MAGIC) <= boxbytes);
	CHECK(fread(head, 1, sizeof(head), plain) == sizeof(head));
	CHECK(memcmp(head, JOURNAL_MAGIC "\n", sizeof(head)) == 0);
	if (res.records == 0)
		CHECK((size_t)st.st_size == sizeof(JOURNAL_MAGIC));
	fclose(plain);
	return 0;
}
