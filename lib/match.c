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

#include "config.h"

#include <regex.h>
#include <stdlib.h>
#include <string.h>

#include "rapport.h"

/*
 * Match a compiled pattern against n bytes of text, which may hold NUL
 * bytes and need not end in one.  The text is copied and terminated
 * first: regexec(3) implementations and their interceptors may look past
 * the end given with REG_STARTEND, up to a NUL.
 */
bool
text_match(const regex_t *re, const char *s, size_t n)
{
	static char	*buf;
	static size_t	 cap;
	regmatch_t	 m;

	if (n + 1 > cap) {
		cap = n + 1 > 2 * cap ? n + 1 : 2 * cap;
		buf = xreallocarray(buf, cap, 1);
	}
	memcpy(buf, s, n);
	buf[n] = '\0';
	m.rm_so = 0;
	m.rm_eo = (regoff_t)n;
	return regexec(re, buf, 1, &m, REG_STARTEND) == 0;
}
