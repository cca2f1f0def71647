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

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "rapport.h"

static void	 json_begin(struct json *, const char *);
static void	 json_done(struct json *);

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

/*
 * JSON output written as it is made, in the manner of bgpctl's json.c:
 * the writer puts in the commas between values itself, so the callers
 * only say what comes next.  Objects and arrays take a key inside an
 * object and NULL inside an array or at the top, as every value does.
 * A value at the top ends with a newline, so that values written one
 * after another are JSON Lines.  Write errors are left in the stream's
 * error indicator, as stdio leaves them, for the caller's fflush(3) and
 * ferror(3).
 */
void
json_init(struct json *j, FILE *fp)
{
	j->fp = fp;
	j->depth = 0;
	j->comma = false;
}

/* Before a value: the comma after the one before it, and its key. */
static void
json_begin(struct json *j, const char *key)
{
	if (j->comma)
		putc(',', j->fp);
	if (key != NULL) {
		json_write_string(j->fp, key, strlen(key));
		putc(':', j->fp);
	}
}

/* After a value: a comma before the next one, or the end of a line. */
static void
json_done(struct json *j)
{
	if (j->depth > 0)
		j->comma = true;
	else {
		putc('\n', j->fp);
		j->comma = false;
	}
}

void
json_object(struct json *j, const char *key)
{
	json_begin(j, key);
	putc('{', j->fp);
	j->depth++;
	j->comma = false;
}

void
json_object_end(struct json *j)
{
	putc('}', j->fp);
	j->depth--;
	json_done(j);
}

void
json_array(struct json *j, const char *key)
{
	json_begin(j, key);
	putc('[', j->fp);
	j->depth++;
	j->comma = false;
}

void
json_array_end(struct json *j)
{
	putc(']', j->fp);
	j->depth--;
	json_done(j);
}

/* A string value: s, up to its NUL. */
void
json_string(struct json *j, const char *key, const char *s)
{
	json_stringn(j, key, s, strlen(s));
}

/* A string value: the n bytes at s, which may hold NUL bytes. */
void
json_stringn(struct json *j, const char *key, const char *s, size_t n)
{
	json_begin(j, key);
	json_write_string(j->fp, s, n);
	json_done(j);
}

/*
 * A number, written as fmt writes it: fmt must make a JSON number, as %d
 * and %.1f do for a finite value (NaN and the infinities are not JSON;
 * json_null stands for a missing number).
 */
void
json_number(struct json *j, const char *key, const char *fmt, ...)
{
	va_list	 ap;

	json_begin(j, key);
	va_start(ap, fmt);
	vfprintf(j->fp, fmt, ap);
	va_end(ap);
	json_done(j);
}

void
json_bool(struct json *j, const char *key, bool v)
{
	json_begin(j, key);
	fputs(v ? "true" : "false", j->fp);
	json_done(j);
}

void
json_null(struct json *j, const char *key)
{
	json_begin(j, key);
	fputs("null", j->fp);
	json_done(j);
}
