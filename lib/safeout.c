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

#include <stdint.h>
#include <stdio.h>

#include "rapport.h"

static bool	 unsafe_cp(uint32_t);

/*
 * Code points a terminal would act on rather than show: C0 and C1 controls,
 * DEL, and the bidirectional overrides that can make text read differently
 * from what it holds.
 */
static bool
unsafe_cp(uint32_t cp)
{
	if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0))
		return cp != '\n' && cp != '\t';
	if ((cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069))
		return true;
	return false;
}

/*
 * Write n bytes of record text.  SAFEOUT_RAW passes every byte through.
 * SAFEOUT_TTY shows C0 controls and DEL in caret notation (^H, ^[, ^?),
 * drops a carriage return before a newline, and shows bytes that are not
 * UTF-8, C1 controls and bidirectional overrides as \xHH, so that a record
 * cannot move the cursor, change colours or retitle the terminal.  Valid
 * UTF-8 passes through unchanged in every locale.  A missing final newline
 * is supplied in both modes.  Returns -1 on a write error.
 */
int
safe_write(FILE *fp, const char *s, size_t n, int mode)
{
	uint32_t	 cp;
	size_t		 i, j, k;

	if (mode == SAFEOUT_RAW) {
		if (n > 0 && fwrite(s, 1, n, fp) != n)
			return -1;
	} else {
		for (i = 0; i < n; i += k) {
			if ((k = utf8_decode(s + i, n - i, &cp)) == 0) {
				k = 1;
				if (fprintf(fp, "\\x%02x",
				    (unsigned char)s[i]) < 0)
					return -1;
				continue;
			}
			if (!unsafe_cp(cp)) {
				if (fwrite(s + i, 1, k, fp) != k)
					return -1;
			} else if (cp == '\r' && i + 1 < n && s[i + 1] == '\n')
				continue;
			else if (cp < 0x20 || cp == 0x7f) {
				if (fprintf(fp, "^%c", cp == 0x7f ? '?' :
				    (int)cp + '@') < 0)
					return -1;
			} else {
				for (j = 0; j < k; j++)
					if (fprintf(fp, "\\x%02x",
					    (unsigned char)s[i + j]) < 0)
						return -1;
			}
		}
	}
	if ((n == 0 || s[n - 1] != '\n') && putc('\n', fp) == EOF)
		return -1;
	return ferror(fp) ? -1 : 0;
}
