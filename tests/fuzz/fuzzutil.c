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
 * What the libFuzzer harnesses share: their scratch directory and the
 * files in it, the input as a stream or as fields, and the checks that
 * several make of the same thing.  Built with the harnesses, with the
 * same instrumentation, and linked into each.
 */

#include "config.h"

#include <err.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "rapport.h"
#include "fuzzutil.h"

#define TMPFILES_MAX	4

static char	 tmpdir[64];
static char	 tmpfiles[TMPFILES_MAX][PATH_MAX];
static size_t	 ntmpfiles;

/* The harness's files, then its directory, gone when it ends normally. */
static void
tmpdir_remove(void)
{
	size_t	 i;

	for (i = 0; i < ntmpfiles; i++)
		unlink(tmpfiles[i]);
	rmdir(tmpdir);
}

/* A fixed zone, so that a run does not depend on the machine's. */
void
fuzz_set_tz(const char *tz)
{
	setenv("TZ", tz, 1);
	tzset();
}

/*
 * Make the harness's own directory NAME.XXXXXX under TMPDIR (or /tmp, if
 * TMPDIR is not an absolute path short enough), so that runs side by side
 * keep apart and make fuzz can put them on a tmpfs; it is removed at exit.
 */
void
fuzz_tmpdir(const char *name)
{
	const char	*tmp;

	if ((tmp = getenv("TMPDIR")) == NULL || *tmp != '/' ||
	    strlen(tmp) > 32)
		tmp = "/tmp";
	snprintf(tmpdir, sizeof(tmpdir), "%s/%s.XXXXXX", tmp, name);
	if (mkdtemp(tmpdir) == NULL)
		err(1, "mkdtemp");
	atexit(tmpdir_remove);
}

/* Name a file of the directory under base, to be removed at exit. */
static const char *
tmpfile_in(const char *base, const char *name)
{
	char	*p;
	int	 n;

	if (ntmpfiles == TMPFILES_MAX)
		errx(1, "%s: too many temporary files", name);
	p = tmpfiles[ntmpfiles];
	n = snprintf(p, PATH_MAX, "%s/%s", base, name);
	if (n < 0 || n >= PATH_MAX)
		errx(1, "%s/%s: name too long", base, name);
	ntmpfiles++;
	return p;
}

/* The path of a file in the directory of fuzz_tmpdir(), removed at exit. */
const char *
fuzz_tmpfile(const char *name)
{
	return tmpfile_in(tmpdir, name);
}

/*
 * The same through the directory's real path, as the journal names its
 * lock beside the real path of the file it locks.
 */
const char *
fuzz_tmpfile_resolved(const char *name)
{
	const char	*p;
	char		*real;

	if ((real = realpath(tmpdir, NULL)) == NULL)
		err(1, "%s", tmpdir);
	p = tmpfile_in(real, name);
	free(real);
	return p;
}

/* Replace a file with these bytes, for the readers that open one. */
void
fuzz_write_file(const char *path, const void *buf, size_t len)
{
	int	 fd;

	if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600)) == -1 ||
	    file_write_all(fd, buf, len) == -1 || close(fd) == -1)
		err(1, "%s", path);
}

/* The input as a stream to read, as the readers of a file take one. */
FILE *
fuzz_open_input(const uint8_t *data, size_t size)
{
	FILE	*fp;

	/* fmemopen(3) takes no empty buffer: /dev/null is one. */
	fp = size == 0 ? fopen("/dev/null", "r") :
	    fmemopen((void *)data, size, "r");
	if (fp == NULL)
		abort();
	return fp;
}

/*
 * The next field of the input, up to a NUL or its end, as a string of
 * its own, for the harnesses whose input is several strings.
 */
char *
fuzz_next_field(const uint8_t **p, const uint8_t *end)
{
	const uint8_t	*nul;
	char		*s;

	if ((nul = memchr(*p, '\0', (size_t)(end - *p))) == NULL)
		nul = end;
	if ((s = strndup((const char *)*p, (size_t)(nul - *p))) == NULL)
		abort();
	*p = nul < end ? nul + 1 : end;
	return s;
}

/* How many lines a text has, the last one unended, to bound an error's. */
size_t
fuzz_count_lines(const uint8_t *data, size_t size)
{
	size_t	 i, lines;

	for (i = 0, lines = 1; i < size; i++)
		lines += data[i] == '\n';
	return lines;
}

/*
 * The line of an error about the input, which must be told as
 * fuzz:LINE: what, as a user is shown where to look.
 */
size_t
fuzz_error_line(const char *err)
{
	char	*end;
	size_t	 line;

	CHECK(strncmp(err, "fuzz:", 5) == 0);
	line = strtoul(err + 5, &end, 10);
	CHECK(end[0] == ':');
	return line;
}

/*
 * A problem a reader reports of the input (named "fuzz") must say at
 * which line and what, since the user is told no more.
 */
void
fuzz_report(const char *name, size_t line, const char *what, void *arg)
{
	(void)arg;
	CHECK(strcmp(name, "fuzz") == 0 && line > 0 && what != NULL);
}

/* UTF-8 without NUL, as the reader wants every line of a body. */
bool
fuzz_utf8_ok(const char *s, size_t n)
{
	uint32_t	 cp;
	size_t		 i, k;

	for (i = 0; i < n; i += k) {
		if (s[i] == '\0')
			return false;
		if ((k = utf8_decode(s + i, n - i, &cp)) == 0)
			return false;
	}
	return true;
}

/* Order for qsort(3) of 64-bit offsets and hashes, to compare sets. */
int
fuzz_cmp_u64(const void *a, const void *b)
{
	uint64_t	 x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* Two strfile(8) indexes must be the same table, whatever their layout. */
void
fuzz_same_strfile(const struct strfile *a, const struct strfile *b)
{
	CHECK(a->numstr == b->numstr);
	CHECK(a->longlen == b->longlen && a->shortlen == b->shortlen);
	CHECK(a->flags == b->flags && a->delim == b->delim);
	CHECK(memcmp(a->offsets, b->offsets,
	    ((size_t)a->numstr + 1) * sizeof(*a->offsets)) == 0);
}

static const char instrument_text[] =
	"title Fuzz check-in\n"
	"scale 1 never\nscale 2 rarely\nscale 3 sometimes\n"
	"scale 4 often\nscale 5 always\n"
	"dimension care checkin care and support\n"
	"item care_ask did + I asked how they were.\n"
	"item care_count felt + I could count on them.\n"
	"item care_alone felt - I felt alone with it.\n"
	"dimension open feelings openness\n"
	"item open_share did + I told them what was on my mind.\n"
	"item open_hold did - I kept a worry to myself.\n"
	"circles closeness How close did you feel?\n"
	"global happiness 0 6 How happy were you?\n"
	"anchor 0 not at all\nanchor 6 very\n";

/*
 * One instrument for the harnesses that read answers or check-ins over
 * it, with every kind of item (reversed, circles, a global of its own
 * scale), so that the input alone varies.
 */
void
fuzz_fixed_instrument(struct instrument *in)
{
	char	 err[ERRBUF_SIZE];

	if (instrument_parse(in, "fuzz", instrument_text,
	    sizeof(instrument_text) - 1, err, sizeof(err)) == -1) {
		fprintf(stderr, "%s\n", err);
		abort();
	}
}
