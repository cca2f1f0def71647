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

#ifndef FUZZUTIL_H
#define FUZZUTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

/* What the libFuzzer harnesses share: see fuzzutil.c. */

struct instrument;
struct strfile;

/*
 * A promise of the code under test: when it is broken, say which and
 * where, and abort so that libFuzzer keeps the input as a crash.
 */
#define CHECK(c)	do { if (!(c)) { fprintf(stderr,		\
	"%s:%d: %s\n", __FILE__, __LINE__, #c); abort(); } } while (0)

/*
 * A zone west of UTC by a non-whole hour, whose summer time starts and
 * ends at midnight, where days are not 24 hours long and some midnights
 * do not exist.
 */
#define FUZZ_TZ_ODD	"XST3:30XDT,M10.3.0/0,M2.3.0/0"

int	 LLVMFuzzerInitialize(int *, char ***);
int	 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

void		 fuzz_set_tz(const char *);
void		 fuzz_tmpdir(const char *);
const char	*fuzz_tmpfile(const char *);
const char	*fuzz_tmpfile_resolved(const char *);
void		 fuzz_write_file(const char *, const void *, size_t);
FILE		*fuzz_open_input(const uint8_t *, size_t);
char		*fuzz_next_field(const uint8_t **, const uint8_t *);
size_t		 fuzz_count_lines(const uint8_t *, size_t);
size_t		 fuzz_error_line(const char *);
void		 fuzz_report(const char *, size_t, const char *, void *);
bool		 fuzz_utf8_ok(const char *, size_t);
int		 fuzz_cmp_u64(const void *, const void *);
void		 fuzz_same_strfile(const struct strfile *,
		    const struct strfile *);
void		 fuzz_fixed_instrument(struct instrument *);

#endif /* FUZZUTIL_H */
