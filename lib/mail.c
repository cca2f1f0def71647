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

#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "rapport.h"

#define MAIL_BOUNDARY	"=_rapport_alternative"

static bool	 is_ascii_printable(const char *);
static int	 write_subject(FILE *, const char *);
static int	 write_qp(FILE *, const char *, size_t);
static int	 write_head(FILE *, const char *, const char *, const char *,
		    time_t);

static bool
is_ascii_printable(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s < 0x20 || (unsigned char)*s > 0x7e)
			return false;
	return true;
}

/*
 * A Subject header field: as it is when it is printable ASCII, otherwise as
 * RFC 2047 encoded words in Base64, each at most 75 characters and never
 * splitting a UTF-8 sequence, folded onto continuation lines.
 */
static int
write_subject(FILE *fp, const char *subject)
{
	static const char b64[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	const unsigned char	*s = (const unsigned char *)subject;
	uint32_t		 cp, v;
	size_t			 len, i, k, chunk, j;
	bool			 first = true;

	if (is_ascii_printable(subject))
		return fprintf(fp, "Subject: %s\n", subject) < 0 ? -1 : 0;
	fputs("Subject:", fp);
	len = strlen(subject);
	for (i = 0; i < len; i += chunk) {
		/*
		 * Lines stay within 76 characters (RFC 2047): after
		 * "Subject: " 39 bytes, 52 Base64 characters, fit; after the
		 * blank of a continuation line, 45 bytes.
		 */
		for (chunk = 0; i + chunk < len; chunk += k) {
			if ((k = utf8_decode(subject + i + chunk,
			    len - i - chunk, &cp)) == 0)
				k = 1;
			if (chunk + k > (first ? 39 : 45))
				break;
		}
		fprintf(fp, "%s=?UTF-8?B?", first ? " " : "\n ");
		first = false;
		for (j = 0; j < chunk; j += 3) {
			v = (uint32_t)s[i + j] << 16;
			if (j + 1 < chunk)
				v |= (uint32_t)s[i + j + 1] << 8;
			if (j + 2 < chunk)
				v |= s[i + j + 2];
			putc(b64[v >> 18 & 63], fp);
			putc(b64[v >> 12 & 63], fp);
			putc(j + 1 < chunk ? b64[v >> 6 & 63] : '=', fp);
			putc(j + 2 < chunk ? b64[v & 63] : '=', fp);
		}
		fputs("?=", fp);
	}
	return putc('\n', fp) == EOF ? -1 : 0;
}

/*
 * The body in quoted-printable (RFC 2045): bytes that are not printable
 * ASCII as =XX, trailing blanks encoded, lines kept under 76 characters
 * with soft breaks, so that any text survives any mail transport.
 */
static int
write_qp(FILE *fp, const char *s, size_t n)
{
	unsigned char	 c;
	size_t		 i, col = 0;
	bool		 eol;

	for (i = 0; i < n; i++) {
		c = (unsigned char)s[i];
		if (c == '\n') {
			putc('\n', fp);
			col = 0;
			continue;
		}
		if (c == '\r' && i + 1 < n && s[i + 1] == '\n')
			continue;
		eol = i + 1 == n || s[i + 1] == '\n' ||
		    (s[i + 1] == '\r' && i + 2 < n && s[i + 2] == '\n');
		if (col + (c == '=' || c < 0x20 || c > 0x7e ||
		    (c == ' ' && eol) ? 3 : 1) > 75) {
			fputs("=\n", fp);
			col = 0;
		}
		if ((c >= 0x21 && c <= 0x7e && c != '=') ||
		    (c == ' ' && !eol)) {
			putc(c, fp);
			col++;
		} else {
			fprintf(fp, "=%02X", c);
			col += 3;
		}
	}
	if (n == 0 || s[n - 1] != '\n')
		putc('\n', fp);
	return ferror(fp) ? -1 : 0;
}

/*
 * The header fields of a message: Date, From when given, To, Subject and
 * MIME-Version.
 */
static int
write_head(FILE *fp, const char *from, const char *to, const char *subject,
    time_t now)
{
	locale_t	 c_locale;
	struct tm	 tm;
	char		 date[64];
	size_t		 n;

	/* A line break in an address would let it add header fields. */
	if (!is_ascii_printable(to) || (from != NULL &&
	    !is_ascii_printable(from))) {
		errno = EINVAL;
		return -1;
	}
	if (localtime_r(&now, &tm) == NULL)
		return -1;
	/* Names in English whatever the locale, as RFC 5322 wants. */
	if ((c_locale = newlocale(LC_TIME_MASK, "C", (locale_t)0)) ==
	    (locale_t)0)
		return -1;
	n = strftime_l(date, sizeof(date), "%a, %d %b %Y %H:%M:%S %z", &tm,
	    c_locale);
	freelocale(c_locale);
	if (n == 0) {
		errno = EOVERFLOW;
		return -1;
	}
	fprintf(fp, "Date: %s\n", date);
	if (from != NULL)
		fprintf(fp, "From: %s\n", from);
	fprintf(fp, "To: %s\n", to);
	if (write_subject(fp, subject) == -1)
		return -1;
	fputs("MIME-Version: 1.0\n", fp);
	return 0;
}

/*
 * A complete RFC 5322 message carrying a text: Date, From when given, To,
 * Subject, MIME-Version and a UTF-8 text/plain body in quoted-printable,
 * ready for sendmail -t.  Lines end in LF, as sendmail expects on input.
 */
int
mail_write(FILE *fp, const char *from, const char *to, const char *subject,
    const char *text, size_t len, time_t now)
{
	if (write_head(fp, from, to, subject, now) == -1)
		return -1;
	fputs("Content-Type: text/plain; charset=UTF-8\n"
	    "Content-Transfer-Encoding: quoted-printable\n\n", fp);
	return write_qp(fp, text, len);
}

/*
 * The same with two versions of a body, as multipart/alternative (RFC
 * 2046): the text as text/plain, then the HTML as text/html, both UTF-8 in
 * quoted-printable.  The boundary begins with "=_", which quoted-printable
 * never writes (it writes "=" as "=3D"), so no body can hold it.
 */
int
mail_write_alternative(FILE *fp, const char *from, const char *to,
    const char *subject, const char *text, size_t tlen, const char *html,
    size_t hlen, time_t now)
{
	if (write_head(fp, from, to, subject, now) == -1)
		return -1;
	fputs("Content-Type: multipart/alternative; "
	    "boundary=\"" MAIL_BOUNDARY "\"\n\n"
	    "--" MAIL_BOUNDARY "\n"
	    "Content-Type: text/plain; charset=UTF-8\n"
	    "Content-Transfer-Encoding: quoted-printable\n\n", fp);
	if (write_qp(fp, text, tlen) == -1)
		return -1;
	fputs("\n--" MAIL_BOUNDARY "\n"
	    "Content-Type: text/html; charset=UTF-8\n"
	    "Content-Transfer-Encoding: quoted-printable\n\n", fp);
	if (write_qp(fp, html, hlen) == -1)
		return -1;
	fputs("\n--" MAIL_BOUNDARY "--\n", fp);
	return ferror(fp) ? -1 : 0;
}
