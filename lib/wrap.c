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

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include "rapport.h"

/* A blank around a line break: a CR of a CRLF line end is one too. */
#define IS_BLANK(c)	((c) == ' ' || (c) == '\t' || (c) == '\r')

/*
 * Where the first line of a text wrapped at blanks to a display width
 * ends: after as many whole words as fit, or after one word alone when
 * it is wider than the width, so that no word is ever cut.  The blanks
 * a line starts with are kept, as the writer's indentation; *next is
 * where the following line starts, past the blanks the break took.
 */
size_t
wrap_line(const char *s, size_t len, size_t width, size_t *next)
{
	size_t	 i, j, k, brk = 0, used = 0;

	for (i = 0; i < len; i = k) {
		for (j = i; j < len && s[j] == ' '; j++)
			continue;
		for (k = j; k < len && s[k] != ' '; k++)
			continue;
		used += text_width(s + i, k - i);
		if (used > width && brk > 0)
			break;
		brk = k;
	}
	for (*next = brk; *next < len && s[*next] == ' '; (*next)++)
		continue;
	return brk;
}

/*
 * The bytes of the longest start of a text, cut between characters, that
 * is no wider than a display width.
 */
size_t
width_cut(const char *s, size_t len, size_t width)
{
	uint32_t	 cp;
	size_t		 i, k;

	for (i = 0; i < len; i += k) {
		if ((k = utf8_decode(s + i, len - i, &cp)) == 0)
			k = 1;
		if (text_width(s, i + k) > width)
			break;
	}
	return i;
}

/*
 * A text as paragraphs, in dst, which may be src itself: each line break
 * inside a paragraph, with the blanks around it, becomes one space, so
 * that the lines a collection wraps read as the sentence they are.  A
 * paragraph ends at a blank line (a line of blanks or nothing) or at the
 * end of the text; those line breaks and the blank lines stay as they
 * are.  Returns the length of the result, never more than n.
 */
size_t
unwrap(char *dst, const char *src, size_t n)
{
	size_t	 i, j, o = 0;
	bool	 words = false;

	for (i = 0; i < n; i++) {
		if (src[i] != '\n') {
			words |= !IS_BLANK(src[i]);
			dst[o++] = src[i];
			continue;
		}
		for (j = i + 1; j < n && IS_BLANK(src[j]); j++)
			continue;
		if (words && j < n && src[j] != '\n') {
			while (IS_BLANK(dst[o - 1]))
				o--;
			dst[o++] = ' ';
			i = j - 1;
		} else {
			dst[o++] = '\n';
			words = false;
		}
	}
	return o;
}
