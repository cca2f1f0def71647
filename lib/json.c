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

#include <stdio.h>
#include <string.h>

#include "rapport.h"

/*
 * Write s as a JSON string: quotes, backslashes and control characters
 * escaped, invalid UTF-8 bytes replaced by U+FFFD so that the output is
 * always valid JSON, everything else passed through as UTF-8.
 */
int
json_write_string(FILE *fp, const char *s, size_t n)
{
	uint32_t	 cp;
	size_t		 i, k;

	if (putc('"', fp) == EOF)
		return -1;
	for (i = 0; i < n; i += k) {
		if ((k = utf8_decode(s + i, n - i, &cp)) == 0) {
			k = 1;
			if (fputs("\\ufffd", fp) == EOF)
				return -1;
			continue;
		}
		switch (cp) {
		case '"':
			fputs("\\\"", fp);
			break;
		case '\\':
			fputs("\\\\", fp);
			break;
		case '\n':
			fputs("\\n", fp);
			break;
		case '\r':
			fputs("\\r", fp);
			break;
		case '\t':
			fputs("\\t", fp);
			break;
		default:
			if (cp < 0x20 || cp == 0x7f)
				fprintf(fp, "\\u%04x", (unsigned int)cp);
			else
				fwrite(s + i, 1, k, fp);
		}
	}
	if (putc('"', fp) == EOF)
		return -1;
	return ferror(fp) ? -1 : 0;
}
