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

#include <sys/stat.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "rapport.h"

/*
 * Prompt metadata lives where fortune(6) never prints it: in the names of
 * a collection's files.  A category is a directory; its files are named by
 * depth, 1 (light), 2 (personal) or 3 (vulnerable), with -partner appended
 * for prompts that only make sense between partners.  A prompt whose text
 * ends in a question mark is a question; any other is a task.
 */

/* Parse a prompt file name; -1 with EINVAL when it is not one. */
int
prompt_file_meta(const char *name, struct promptmeta *pm)
{
	const char	*base;

	base = strrchr(name, '/');
	base = base == NULL ? name : base + 1;
	if (base[0] < '1' || base[0] > '3')
		goto bad;
	pm->depth = base[0] - '0';
	if (base[1] == '\0')
		pm->audience = AUDIENCE_ANY;
	else if (strcmp(base + 1, "-partner") == 0)
		pm->audience = AUDIENCE_PARTNER;
	else
		goto bad;
	return 0;
bad:
	errno = EINVAL;
	return -1;
}

/* The category of a source: the last component of its name or path. */
const char *
prompt_category(const char *label, char *buf, size_t len)
{
	const char	*end, *start;
	size_t		 n;

	end = label + strlen(label);
	while (end > label && end[-1] == '/')
		end--;
	for (start = end; start > label && start[-1] != '/'; start--)
		continue;
	n = (size_t)(end - start);
	if (n >= len)
		n = len - 1;
	memcpy(buf, start, n);
	buf[n] = '\0';
	return buf;
}

/* A question ends in a question mark, trailing blanks aside. */
bool
prompt_is_question(const char *text, size_t len)
{
	while (len > 0 && (text[len - 1] == '\n' || text[len - 1] == '\r' ||
	    text[len - 1] == ' ' || text[len - 1] == '\t'))
		len--;
	return len > 0 && text[len - 1] == '?';
}

/*
 * A prompt's id: 32 bits of FNV-1a over its text with line ends and
 * trailing blanks folded, so that it is the same on every machine, in
 * every file order, and for CRLF and LF copies of the same words.
 */
uint32_t
prompt_id(const char *text, size_t len)
{
	uint64_t	 h = 0xcbf29ce484222325ULL;
	size_t		 i;

	while (len > 0 && (text[len - 1] == '\n' || text[len - 1] == '\r' ||
	    text[len - 1] == ' ' || text[len - 1] == '\t'))
		len--;
	if (memchr(text, '\r', len) == NULL)
		for (i = 0; i < len; i++) {
			h ^= (unsigned char)text[i];
			h *= 0x100000001b3ULL;
		}
	else
		for (i = 0; i < len; i++) {
			if (text[i] == '\r' && i + 1 < len &&
			    text[i + 1] == '\n')
				continue;
			h ^= (unsigned char)text[i];
			h *= 0x100000001b3ULL;
		}
	return (uint32_t)(h ^ (h >> 32));
}

/*
 * The id of record rec of a scanned file: from the collection's index
 * where the file was read from it, else from the text.
 */
uint32_t
prompt_record_id(const struct recfile *rf, size_t rec)
{
	const char	*text;
	char		*copy;
	size_t		 len;
	uint32_t	 id;

	if (rf->ids != NULL)
		return rf->ids[rec];
	text = recfile_text(rf, rec, &len, &copy);
	id = prompt_id(text, len);
	free(copy);
	return id;
}

/* Parse a depth, N, or a range, N-M, with 1 <= N <= M <= 3. */
int
prompt_parse_depth(const char *s, int *lo, int *hi)
{
	if (s[0] < '1' || s[0] > '3')
		goto bad;
	*lo = *hi = s[0] - '0';
	if (s[1] == '\0')
		return 0;
	if (s[1] != '-' || s[2] < '1' || s[2] > '3' || s[3] != '\0')
		goto bad;
	*hi = s[2] - '0';
	if (*hi < *lo)
		goto bad;
	return 0;
bad:
	errno = EINVAL;
	return -1;
}

/*
 * Split the prompts of an evening's session of n steps (n >= 4): the first
 * n - 1 rise through depths 1, 2 and 3 in near-equal thirds, the lower
 * depths taking any remainder, and the last is an appreciation task (depth
 * 0 here).  depths must hold n entries.
 */
void
prompt_session_plan(int n, int *depths)
{
	int	 per[3], i, d, k;

	for (d = 0; d < 3; d++)
		per[d] = (n - 1) / 3 + (d < (n - 1) % 3 ? 1 : 0);
	for (d = 0, k = 0; d < 3; d++)
		for (i = 0; i < per[d]; i++)
			depths[k++] = d + 1;
	depths[n - 1] = 0;
}
