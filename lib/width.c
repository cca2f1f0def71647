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

#include <locale.h>
#include <stdint.h>
#include <string.h>
#include <wchar.h>

#include "rapport.h"

static int	 cp_width(uint32_t);

/*
 * Decode one UTF-8 sequence from s (at most n bytes) into *cp and return its
 * length, or return 0 when the bytes there are not valid UTF-8: truncated,
 * overlong, a surrogate or beyond U+10FFFF.
 */
size_t
utf8_decode(const char *s, size_t n, uint32_t *cp)
{
	const unsigned char	*u = (const unsigned char *)s;
	uint32_t		 c, min;
	size_t			 i, len;

	if (n == 0)
		return 0;
	if (u[0] < 0x80) {
		*cp = u[0];
		return 1;
	} else if ((u[0] & 0xe0) == 0xc0) {
		len = 2;
		c = u[0] & 0x1f;
		min = 0x80;
	} else if ((u[0] & 0xf0) == 0xe0) {
		len = 3;
		c = u[0] & 0x0f;
		min = 0x800;
	} else if ((u[0] & 0xf8) == 0xf0) {
		len = 4;
		c = u[0] & 0x07;
		min = 0x10000;
	} else
		return 0;
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((u[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (u[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return len;
}

/* Whether n bytes are valid UTF-8 without a NUL byte. */
bool
utf8_valid(const char *s, size_t n)
{
	uint64_t	 w;
	uint32_t	 cp;
	size_t		 i, k;

	for (i = 0; i < n; i += k) {
		/* Runs of ASCII without NUL, eight bytes at a time. */
		while (i + 8 <= n) {
			memcpy(&w, s + i, 8);
			if ((w & 0x8080808080808080ULL) != 0 ||
			    ((w - 0x0101010101010101ULL) & ~w &
			    0x8080808080808080ULL) != 0)
				break;
			i += 8;
		}
		if (i >= n)
			break;
		if (s[i] == '\0')
			return false;
		if ((unsigned char)s[i] < 0x80) {
			k = 1;
			continue;
		}
		if ((k = utf8_decode(s + i, n - i, &cp)) == 0)
			return false;
	}
	return true;
}

/*
 * Widths come from wcwidth(3) under a UTF-8 locale whatever the caller's
 * locale is, so that a tip has the same length for cron (no LANG) as on a
 * terminal.  Where no UTF-8 locale exists every character counts one.
 */
static int
cp_width(uint32_t cp)
{
	static locale_t	 utf8 = (locale_t)0;
	static bool	 tried;
	locale_t	 old;
	int		 w;

	/* ASCII needs no locale, whose loading costs more than the rest. */
	if (cp < 0x80)
		return cp >= 0x20 && cp < 0x7f ? 1 : 0;
	if (!tried) {
		tried = true;
		utf8 = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
		if (utf8 == (locale_t)0)
			utf8 = newlocale(LC_CTYPE_MASK, "en_US.UTF-8",
			    (locale_t)0);
	}
	if (utf8 == (locale_t)0)
		return 1;
	old = uselocale(utf8);
	w = wcwidth((wchar_t)cp);
	uselocale(old);
	return w < 0 ? 0 : w;
}

/*
 * The display length of a text in terminal columns: the sum over its lines,
 * newlines not counted, a tab advancing to the next multiple of eight, and
 * each byte that is not valid UTF-8 counting one column.
 */
size_t
text_width(const char *s, size_t n)
{
	uint32_t	 cp;
	size_t		 col, i, k, total;

	total = col = 0;
	for (i = 0; i < n; i += k) {
		if ((k = utf8_decode(s + i, n - i, &cp)) == 0) {
			k = 1;
			col++;
			continue;
		}
		if (cp == '\n') {
			total += col;
			col = 0;
		} else if (cp == '\t')
			col = (col / 8 + 1) * 8;
		else
			col += cp_width(cp);
	}
	return total + col;
}
