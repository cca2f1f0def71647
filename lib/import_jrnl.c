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
 * import_jrnl.c: reading jrnl's plain-text journals for import.  An entry
 * starts at a line "[date time] title", where the time is jrnl's default
 * "%Y-%m-%d %H:%M" or "%F %r" (seconds and AM/PM) or has seconds; a title
 * ending in " *" is starred; @words of the text are tags; the body is the
 * title and the lines after it, surrounding blank lines left out as jrnl
 * does.  An entry's id is made from the stamp as jrnl wrote it and the
 * body, so that importing the same file twice, in any time zone, finds it
 * present.
 */

#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "rapport.h"

static bool	 jrnl_time(const char *, size_t, time_t *);
static void	 jrnl_id(const char *, const char *, size_t, char *);
static void	 add_tags(struct jentry *, const char *);
static int	 finish(struct jentry *, const char *, struct jbuf *,
		    jrnl_fn *, void *);

/* A jrnl header's time: [YYYY-MM-DD HH:MM], with seconds, or with AM/PM. */
static bool
jrnl_time(const char *s, size_t n, time_t *when)
{
	struct tm	 tm;
	char		 buf[40];
	const char	*end;

	if (n >= sizeof(buf))
		return false;
	memcpy(buf, s, n);
	buf[n] = '\0';
	memset(&tm, 0, sizeof(tm));
	if (((end = strptime(buf, "%Y-%m-%d %I:%M:%S %p", &tm)) == NULL ||
	    *end != '\0') &&
	    ((end = strptime(buf, "%Y-%m-%d %H:%M:%S", &tm)) == NULL ||
	    *end != '\0') &&
	    ((end = strptime(buf, "%Y-%m-%d %H:%M", &tm)) == NULL ||
	    *end != '\0'))
		return false;
	/* A year the journal's timestamps cannot hold is no header. */
	if (tm.tm_year + 1900 < 1 || tm.tm_year + 1900 > 9999)
		return false;
	tm.tm_isdst = -1;
	*when = mktime(&tm);
	return *when != (time_t)-1;
}

/* The id of an entry: of a hash of its stamp as jrnl wrote it and body. */
static void
jrnl_id(const char *stamp, const char *body, size_t len, char *id)
{
	char	*s;

	xasprintf(&s, "%s\n%.*s", stamp, (int)len, body);
	journal_id(str_hash(s, 0), id);
	free(s);
}

/* jrnl's tags: @words after a blank, up to a blank or ASCII punctuation. */
static void
add_tags(struct jentry *e, const char *text)
{
	const char	*p, *q;
	char		*tag;
	size_t		 i;

	for (p = text; (p = strchr(p, '@')) != NULL; p = q) {
		for (q = p + 1; *q != '\0' && ((unsigned char)*q >= 0x80 ||
		    isalnum((unsigned char)*q) || *q == '_' || *q == '-'); q++)
			continue;
		if (q == p + 1 || (p > text && !isspace((unsigned char)p[-1])))
			continue;
		tag = xstrndup(p + 1, (size_t)(q - p - 1));
		for (i = 0; i < e->ntags; i++)
			if (strcmp(e->tags[i], tag) == 0)
				break;
		if (i < e->ntags || !journal_valid_tag(tag)) {
			free(tag);
			continue;
		}
		e->tags = xreallocarray(e->tags, e->ntags + 1,
		    sizeof(*e->tags));
		e->tags[e->ntags++] = tag;
	}
}

/* Complete an entry read so far and hand it over, if it has any text. */
static int
finish(struct jentry *e, const char *stamp, struct jbuf *body, jrnl_fn *fn,
    void *arg)
{
	int	 rv;

	while (body->len > 0 && (body->s[body->len - 1] == '\n' ||
	    body->s[body->len - 1] == ' '))
		body->len--;
	if (body->len == 0)
		return 0;
	jbuf_add(body, "\n", 1);
	add_tags(e, body->s);
	jrnl_id(stamp, body->s, body->len, e->id);
	e->body = body->s;
	e->bodylen = body->len;
	rv = journal_parse_time(e->ts, &e->time) == -1 ? -1 : fn(e, arg);
	e->body = NULL;
	e->bodylen = 0;
	return rv;
}

/*
 * Read a jrnl journal, calling fn for each entry, with a timestamp in the
 * local time zone, tags, star and body; text before the first entry is
 * reported, not imported.  Returns 0, -1 on a read error, or what fn
 * returned when not 0.
 */
int
jrnl_read(FILE *fp, const char *name, jrnl_fn *fn, jproblem_fn *report,
    void *arg)
{
	struct jentry	 e;
	struct jbuf	 body = { NULL, 0, 0 };
	const char	*close_br;
	char		*line = NULL, stamp[64] = "";
	size_t		 cap = 0, lineno = 0;
	ssize_t		 len;
	time_t		 when;
	int		 rv = 0;
	bool		 in_entry = false;

	jentry_init(&e);
	while (rv == 0 && (len = getline(&line, &cap, fp)) != -1) {
		lineno++;
		if (line[0] == '[' && (close_br = strchr(line, ']')) != NULL &&
		    close_br[1] == ' ' && jrnl_time(line + 1,
		    (size_t)(close_br - line - 1), &when)) {
			if (in_entry && (rv = finish(&e, stamp, &body, fn,
			    arg)) != 0)
				break;
			jentry_free(&e);
			jentry_init(&e);
			body.len = 0;
			snprintf(stamp, sizeof(stamp), "%.*s",
			    (int)(close_br - line - 1), line + 1);
			journal_format_time(when, false, e.ts, sizeof(e.ts));
			line[len - (line[len - 1] == '\n')] = '\0';
			len = (ssize_t)strlen(line);
			if (len >= 2 && line[len - 1] == '*') {
				e.starred = true;
				line[--len] = '\0';
				while (len > 0 && line[len - 1] == ' ')
					line[--len] = '\0';
			}
			jbuf_add(&body, close_br + 2, strlen(close_br + 2));
			jbuf_add(&body, "\n", 1);
			in_entry = true;
		} else if (in_entry)
			jbuf_add(&body, line, (size_t)len);
		else if (len > 1)
			report(name, lineno, "text before the first entry; not "
			    "imported", arg);
	}
	if (rv == 0 && ferror(fp))
		rv = -1;
	if (rv == 0 && in_entry)
		rv = finish(&e, stamp, &body, fn, arg);
	jentry_free(&e);
	free(line);
	free(body.s);
	return rv;
}
