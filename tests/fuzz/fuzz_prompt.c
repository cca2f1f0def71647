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
 * fuzz_prompt: the prompt metadata (prompt.c), told by file names, by
 * -d arguments and by the text.  The input is a name, a depth argument
 * and a prompt's text, in that order, each up to a NUL (the text is the
 * rest).  Each parser must agree with a plain statement of its grammar
 * (prompts(5)); an id must not change for CRLF line ends or trailing
 * blanks; a category must fit its buffer and hold no slash.
 */

#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rapport.h"
#include "fuzzutil.h"

static void
check_name(const char *name)
{
	struct promptmeta	 pm;
	const char		*base;
	bool			 ok;

	base = strrchr(name, '/');
	base = base == NULL ? name : base + 1;
	ok = base[0] >= '1' && base[0] <= '3' && (base[1] == '\0' ||
	    strcmp(base + 1, "-partner") == 0);
	if (prompt_file_meta(name, &pm) == 0) {
		CHECK(ok);
		CHECK(pm.depth == base[0] - '0');
		CHECK(pm.audience == (base[1] == '\0' ? AUDIENCE_ANY :
		    AUDIENCE_PARTNER));
	} else
		CHECK(!ok);
}

static void
check_category(const char *label)
{
	char	 buf[64];
	size_t	 len, n;

	for (len = 1; len <= sizeof(buf); len += 7) {
		memset(buf, 'x', sizeof(buf));
		prompt_category(label, buf, len);
		n = strnlen(buf, sizeof(buf));
		CHECK(n < len);
		CHECK(strchr(buf, '/') == NULL);
		/* A prefix of the label, wherever it was cut. */
		CHECK(strstr(label, buf) != NULL);
	}
}

static void
check_depth(const char *s)
{
	int	 lo = 0, hi = 0, elo, ehi;
	bool	 ok;

	ok = s[0] >= '1' && s[0] <= '3' && (s[1] == '\0' || (s[1] == '-' &&
	    s[2] >= s[0] && s[2] <= '3' && s[3] == '\0'));
	elo = s[0] - '0';
	ehi = ok && s[1] == '-' ? s[2] - '0' : elo;
	if (prompt_parse_depth(s, &lo, &hi) == 0) {
		CHECK(ok && lo == elo && hi == ehi);
		CHECK(1 <= lo && lo <= hi && hi <= 3);
	} else
		CHECK(!ok);
}

/* The text with each LF made CRLF and blanks added at its end. */
static char *
crlf(const char *text, size_t len, size_t *outlen)
{
	char	*out;
	size_t	 i, n = 0;

	if ((out = malloc(2 * len + 4)) == NULL)
		abort();
	for (i = 0; i < len; i++) {
		if (text[i] == '\n')
			out[n++] = '\r';
		out[n++] = text[i];
	}
	memcpy(out + n, " \t\r\n", 4);
	*outlen = n + 4;
	return out;
}

static void
check_text(const char *text, size_t len)
{
	char		*other;
	size_t		 olen, n = len;
	uint32_t	 id;
	bool		 q;

	while (n > 0 && strchr("\n\r \t", text[n - 1]) != NULL &&
	    text[n - 1] != '\0')
		n--;
	q = prompt_is_question(text, len);
	CHECK(q == (n > 0 && text[n - 1] == '?'));
	id = prompt_id(text, len);
	CHECK(id == prompt_id(text, n));
	/* The same words with CRLF line ends: the same prompt. */
	if (memchr(text, '\r', len) == NULL) {
		other = crlf(text, len, &olen);
		CHECK(prompt_id(other, olen) == id);
		CHECK(prompt_is_question(other, olen) == q);
		free(other);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t	*p = data, *end = data + size;
	char		*name, *depth;
	int		 plan[64], i, k, steps;

	name = fuzz_next_field(&p, end);
	depth = fuzz_next_field(&p, end);
	check_name(name);
	check_category(name);
	check_depth(depth);
	check_text((const char *)p, (size_t)(end - p));

	/* A session of 4 to 63 steps rises through depths 1 to 3. */
	steps = 4 + (int)(size % 60);
	memset(plan, 0xff, sizeof(plan));
	prompt_session_plan(steps, plan);
	CHECK(plan[steps - 1] == 0 && plan[steps] == -1);
	for (i = 0; i < steps - 1; i++) {
		CHECK(plan[i] >= 1 && plan[i] <= 3);
		CHECK(i == 0 || plan[i] >= plan[i - 1]);
	}
	for (k = 1; k <= 3; k++) {
		for (i = 0; i < steps - 1 && plan[i] != k; i++)
			continue;
		CHECK(i < steps - 1);
	}
	free(name);
	free(depth);
	return 0;
}
