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

#include <sys/types.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <check.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <grp.h>
#include <limits.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "rapport.h"
#include "checkutil.h"

/* A string literal and its length without the final NUL. */
#define S(lit)		lit, sizeof(lit) - 1

/*
 * The example of journal.md section 5.2, bytes exactly as written there.
 * Lengths and CRC-32s were computed with Python's zlib.crc32.
 */
#define EX_MAGIC	"%%journal 1\n"
#define EX1_HEAD	"%%entry 2025-11-03T21:14:05+01:00 k7q2m9xa @partner " \
			"@dinner listen=4 warmth=5 conflict=1\n"
#define EX1_BODY	"Dinner together, finally.\n" \
			"We talked about the move; I mostly listened this " \
			"time.\n"
#define EX1_END		"%%end k7q2m9xa 81 62468302\n"
#define EX1		EX1_HEAD EX1_BODY EX1_END
#define EX2_HEAD	"%%entry 2025-11-04T07:02:41+01:00 k7q4c1rd * " \
			"@partner @morning listen=2 warmth=3\n"
#define EX2_BODY	"Rushed morning, both tired.\n" \
			"%%end looks structural but is body text.\n" \
			"\\o/ we still hugged at the door.\n"
#define EX2		EX2_HEAD \
			"Rushed morning, both tired.\n" \
			"\\%%end looks structural but is body text.\n" \
			"\\\\o/ we still hugged at the door.\n" \
			"%%end k7q4c1rd 102 d9a0379f\n"
#define EX3_HEAD	"%%entry 2025-11-05T22:40:00+01:00 k7q8w3zb @self\n"
#define EX3_BODY	"Quiet evening alone; no ratings tonight."
#define EX3		EX3_HEAD EX3_BODY "\n%%end k7q8w3zb 40 e6e5a014\n"

/* The header of an entry whose record is torn in several tests. */
#define TORN_HEAD	"%%entry 2025-11-06T10:00:00Z abcd1234\n"

static char	 topdir[PATH_MAX];

struct got {
	int		 kind;
	size_t		 line;
	off_t		 offset;
	char		*problem;	/* NULL when none */
	struct jentry	 e;		/* a deep copy, for entries */
	char		*raw;
	size_t		 rawlen;
	char		 kindword[16];
};

struct gots {
	struct got	*v;
	size_t		 n;
	size_t		 nentries;	/* JREC_ENTRY events */
	size_t		 nproblems;	/* JREC_PROBLEM events */
	bool		 unknown_version;
};

/* A new directory of its own for one test, under the run's directory. */
static char *
newdir(void)
{
	char	*dir;

	xasprintf(&dir, "%s/t.XXXXXX", topdir);
	ck_assert_msg(mkdtemp(dir) != NULL, "mkdtemp: %s", strerror(errno));
	return dir;
}

static char *
pathof(const char *dir, const char *name)
{
	char	*p;

	xasprintf(&p, "%s/%s", dir, name);
	return p;
}

static void
put_file(const char *path, const char *s, size_t n)
{
	int	 fd;

	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	ck_assert_msg(fd != -1, "%s: %s", path, strerror(errno));
	ck_assert_msg(n == 0 || write(fd, s, n) == (ssize_t)n, "%s: %s",
	    path, strerror(errno));
	ck_assert_int_eq(close(fd), 0);
}

/* The whole contents of a file, NUL-terminated. */
static char *
get_file(const char *path, size_t *n)
{
	struct stat	 st;
	char		*buf;
	ssize_t		 got;
	int		 fd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	ck_assert_msg(fd != -1, "%s: %s", path, strerror(errno));
	ck_assert_int_eq(fstat(fd, &st), 0);
	buf = xmalloc((size_t)st.st_size + 1);
	got = read(fd, buf, (size_t)st.st_size);
	ck_assert_msg(got == st.st_size, "%s: short read", path);
	close(fd);
	buf[st.st_size] = '\0';
	*n = (size_t)st.st_size;
	return buf;
}

static off_t
size_of(const char *path)
{
	struct stat	 st;

	if (stat(path, &st) == -1) {
		ck_assert_int_eq(errno, ENOENT);
		return 0;
	}
	return st.st_size;
}

static void
copy_entry(struct jentry *to, const struct jentry *from)
{
	size_t	 i;

	*to = *from;
	to->tags = xcalloc(from->ntags + 1, sizeof(*to->tags));
	for (i = 0; i < from->ntags; i++)
		to->tags[i] = xstrdup(from->tags[i]);
	to->ratings = xcalloc(from->nratings + 1, sizeof(*to->ratings));
	if (from->nratings > 0)
		memcpy(to->ratings, from->ratings,
		    from->nratings * sizeof(*to->ratings));
	to->body = xmalloc(from->bodylen + 1);
	if (from->bodylen > 0)
		memcpy(to->body, from->body, from->bodylen);
	to->body[from->bodylen] = '\0';
}

/* Read every event of a journal into gs, copying what the reader owns. */
static void
read_fp(const char *name, struct gots *gs, struct jreader *r)
{
	struct jevent	 ev;
	struct got	*g;
	int		 rv;

	memset(gs, 0, sizeof(*gs));
	while ((rv = jreader_next(r, &ev)) == 1) {
		gs->v = xreallocarray(gs->v, gs->n + 1, sizeof(*gs->v));
		g = &gs->v[gs->n++];
		memset(g, 0, sizeof(*g));
		g->kind = ev.kind;
		g->line = ev.line;
		g->offset = ev.offset;
		if (ev.problem != NULL)
			g->problem = xstrdup(ev.problem);
		if (ev.kind == JREC_ENTRY || ev.kind == JREC_DELETE)
			copy_entry(&g->e, &ev.entry);
		g->raw = xmalloc(ev.rawlen + 1);
		if (ev.rawlen > 0)
			memcpy(g->raw, ev.raw, ev.rawlen);
		g->raw[ev.rawlen] = '\0';
		g->rawlen = ev.rawlen;
		strlcpy(g->kindword, ev.kindword, sizeof(g->kindword));
		if (ev.kind == JREC_ENTRY)
			gs->nentries++;
		if (ev.kind == JREC_PROBLEM)
			gs->nproblems++;
	}
	ck_assert_msg(rv == 0, "%s: jreader_next gave %d", name, rv);
	gs->unknown_version = r->unknown_version;
}

static void
free_gots(struct gots *gs)
{
	size_t	 i;

	for (i = 0; i < gs->n; i++) {
		free(gs->v[i].problem);
		free(gs->v[i].raw);
		jentry_free(&gs->v[i].e);
	}
	free(gs->v);
	memset(gs, 0, sizeof(*gs));
}

static void
read_path_from(const char *path, off_t from, struct gots *gs)
{
	struct jreader	 r;
	FILE		*fp;

	fp = fopen(path, "r");
	ck_assert_msg(fp != NULL, "%s: %s", path, strerror(errno));
	ck_assert_int_eq(fseeko(fp, from, SEEK_SET), 0);
	jreader_init(&r, path, fp);
	read_fp(path, gs, &r);
	jreader_free(&r);
	fclose(fp);
}

static void
read_path(const char *path, struct gots *gs)
{
	read_path_from(path, 0, gs);
}

/* Read a journal given as bytes, through a real file. */
static void
read_bytes(const char *dir, const char *s, size_t n, struct gots *gs)
{
	char	*path;

	path = pathof(dir, "bytes");
	put_file(path, s, n);
	read_path(path, gs);
	free(path);
}

static void
read_mem(const char *s, size_t n, struct gots *gs)
{
	struct jreader	 r;

	jreader_init_mem(&r, "(memory)", s, n);
	read_fp("(memory)", gs, &r);
	jreader_free(&r);
}

static void
entry_fill(struct jentry *e, const char *id, const char *ts,
    const char *body, size_t len)
{
	jentry_init(e);
	strlcpy(e->id, id, sizeof(e->id));
	strlcpy(e->ts, ts, sizeof(e->ts));
	ck_assert_msg(journal_parse_time(ts, &e->time) == 0, "%s", ts);
	e->body = xmalloc(len + 1);
	memcpy(e->body, body, len);
	e->body[len] = '\0';
	e->bodylen = len;
}

static void
entry_tag(struct jentry *e, const char *tag)
{
	e->tags = xreallocarray(e->tags, e->ntags + 1, sizeof(*e->tags));
	e->tags[e->ntags++] = xstrdup(tag);
}

static void
entry_rating(struct jentry *e, const char *key, const char *text)
{
	struct jrating	*r;

	e->ratings = xreallocarray(e->ratings, e->nratings + 1,
	    sizeof(*e->ratings));
	r = &e->ratings[e->nratings++];
	memset(r, 0, sizeof(*r));
	strlcpy(r->key, key, sizeof(r->key));
	strlcpy(r->text, text, sizeof(r->text));
	r->value = strtod(text, NULL);
}

static char *
format(const struct jentry *e, size_t *len)
{
	char	*rec;

	ck_assert_msg(journal_format_entry(e, &rec, len) == 0,
	    "entry %s was not formatted: %s", e->id, strerror(errno));
	return rec;
}

/* The event is the entry want, every field of it, with no problem. */
static void
assert_entry(const struct jentry *want, const struct got *g,
    const char *what)
{
	size_t	 i;

	ck_assert_msg(g->kind == JREC_ENTRY, "%s: kind %d (%s)", what,
	    g->kind, g->problem == NULL ? "" : g->problem);
	ck_assert_msg(g->problem == NULL, "%s: %s", what, g->problem);
	ck_assert_str_eq(g->e.id, want->id);
	ck_assert_str_eq(g->e.ts, want->ts);
	ck_assert_msg(g->e.time.utc == want->time.utc, "%s: time", what);
	ck_assert_int_eq(g->e.time.offset, want->time.offset);
	ck_assert_int_eq(g->e.time.allday, want->time.allday);
	ck_assert_msg(g->e.starred == want->starred, "%s: star", what);
	ck_assert_uint_eq(g->e.ntags, want->ntags);
	for (i = 0; i < want->ntags; i++)
		ck_assert_str_eq(g->e.tags[i], want->tags[i]);
	ck_assert_uint_eq(g->e.nratings, want->nratings);
	for (i = 0; i < want->nratings; i++) {
		ck_assert_str_eq(g->e.ratings[i].key, want->ratings[i].key);
		ck_assert_str_eq(g->e.ratings[i].text, want->ratings[i].text);
		ck_assert_msg(g->e.ratings[i].value == want->ratings[i].value,
		    "%s: rating %zu value", what, i);
	}
	ck_assert_str_eq(g->e.prompt, want->prompt);
	ck_assert_str_eq(g->e.supersedes, want->supersedes);
	ck_assert_msg(g->e.bodylen == want->bodylen, "%s: body of %zu bytes, "
	    "not %zu", what, g->e.bodylen, want->bodylen);
	ck_assert_msg(memcmp(g->e.body, want->body, want->bodylen) == 0,
	    "%s: body differs", what);
}

/* The event is the entry id with the body given, and no problem. */
static void
assert_body(const struct got *g, const char *id, const char *body,
    size_t len)
{
	ck_assert_msg(g->kind == JREC_ENTRY, "entry %s: kind %d (%s)", id,
	    g->kind, g->problem == NULL ? "" : g->problem);
	ck_assert_msg(g->problem == NULL, "entry %s: %s", id, g->problem);
	ck_assert_str_eq(g->e.id, id);
	ck_assert_msg(g->e.bodylen == len, "entry %s: body of %zu bytes, not "
	    "%zu", id, g->e.bodylen, len);
	ck_assert_msg(memcmp(g->e.body, body, len) == 0, "entry %s: body "
	    "differs", id);
}

static void
assert_problem(const struct got *g, size_t line)
{
	ck_assert_msg(g->kind == JREC_PROBLEM, "kind %d at line %zu, not a "
	    "problem", g->kind, g->line);
	ck_assert_ptr_nonnull(g->problem);
	ck_assert_uint_eq(g->line, line);
}

/*
 * Format round trip.
 */

struct body {
	const char	*what;
	const char	*s;
	size_t		 n;
};

static const struct body corpus[] = {
	{ "empty", S("") },
	{ "only a newline", S("\n") },
	{ "only newlines", S("\n\n\n") },
	{ "empty lines inside", S("a\n\nb\n\n") },
	{ "an end line", S("%%end x\n") },
	{ "an end line, no newline", S("%%end x") },
	{ "an end line of its own id",
	    S("one\n%%end rt000006 3 00000000\n") },
	{ "an entry line", S("%%entry\n") },
	{ "an entry header", S("%%entry 2026-01-01 abcd1234\nx\n") },
	{ "%%", S("%%\n") },
	{ "%% alone, no newline", S("%%") },
	{ "%", S("%\n") },
	{ "% alone, no newline", S("%") },
	{ "a backslash", S("\\\n") },
	{ "a backslash, no newline", S("\\") },
	{ "backslash %%", S("\\%%\n") },
	{ "two backslashes and %%end", S("\\\\%%end abc 1 0\n") },
	{ "backslash inside", S("a\\b\\\n") },
	{ "structural lines", S("%%journal 1\n%%delete abcd1234 2026-01-01\n"
	    "%%# c\n%%sealed\n") },
	{ "blanks", S("  leading and trailing  \n\t\n   ") },
	{ "a blank", S(" ") },
	{ "a tab", S("\t") },
	{ "CR", S("cr\r") },
	{ "CR alone", S("\r") },
	{ "CRLF", S("crlf\r\nline two\r\n") },
	{ "CRLF alone", S("\r\n") },
	{ "mixed line ends", S("a\rb\nc\r\n\r\n\rd") },
	{ "no final newline", S("no final newline") },
	{ "tabs", S("\tcol\tcol\t\n\t") },
	{ "CJK", S("日本語の日記。\n家族と夕食。\n") },
	{ "emoji", S("\xf0\x9f\x98\x80 \xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f"
	    "\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7\n") },
	{ "combining", S("cafe\xcc\x81 n\xcc\x83 \xe1\x84\x80\xe1\x85\xa1\n") },
	{ "percent in the middle", S("100%% sure\n50%\n") },
	{ "line starting with blank and %%", S(" %%end x\n") },
};

/* The entry of the round trip, with every field of a header set. */
static void
full_entry(struct jentry *e, const char *id, const char *body, size_t len)
{
	entry_fill(e, id, "2026-03-01T10:20:30+01:00", body, len);
	e->starred = true;
	entry_tag(e, "partner");
	entry_tag(e, "家族");
	entry_tag(e, "a/b-c_d");
	entry_rating(e, "listen", "4");
	entry_rating(e, "warmth", "-2.5");
	strlcpy(e->prompt, "0badcafe", sizeof(e->prompt));
	strlcpy(e->supersedes, "k7q2m9xa", sizeof(e->supersedes));
}

START_TEST(test_format_round_trip)
{
	struct jentry	*want;
	struct gots	 gs;
	char		*dir, *path, *rec, *big, id[16];
	const char	*what, *body;
	size_t		 i, n, len, nbodies, bigsize = 1024 * 1024;

	dir = newdir();
	path = pathof(dir, "journal");
	big = xmalloc(bigsize + 64);
	memset(big, 'x', bigsize);
	memcpy(big + bigsize, "\nshort tail", 11);
	nbodies = nitems(corpus) + 2;
	want = xcalloc(nbodies, sizeof(*want));
	for (i = 0; i < nbodies; i++) {
		if (i < nitems(corpus)) {
			what = corpus[i].what;
			body = corpus[i].s;
			n = corpus[i].n;
		} else if (i == nitems(corpus)) {
			what = "a line of 1 MB, and a short one";
			body = big;
			n = bigsize + 11;
		} else {
			what = "a line of 1 MB, no final newline";
			body = big;
			n = bigsize;
		}
		snprintf(id, sizeof(id), "rt%06zu", i);
		full_entry(&want[i], id, body, n);
		rec = format(&want[i], &len);
		read_mem(rec, len, &gs);
		ck_assert_msg(gs.n == 1, "%s: %zu events", what, gs.n);
		assert_entry(&want[i], &gs.v[0], what);
		ck_assert_msg(journal_append(path, rec, len) == 0, "%s: %s",
		    what, strerror(errno));
		free(rec);
	}

	/* The same entries, all in one file. */
	read_path(path, &gs);
	ck_assert_uint_eq(gs.n, nbodies);
	for (i = 0; i < nbodies; i++)
		assert_entry(&want[i], &gs.v[i], i < nitems(corpus) ?
		    corpus[i].what : "a line of 1 MB");
}
END_TEST

/*
 * The exact bytes of records, written by hand: the example's three and
 * one with every field, escapes and a CR.
 */
START_TEST(test_format_exact_bytes)
{
	static const char rec4[] =
	    "%%entry 2026-01-02 abcd2345 @us listen=4.5 prompt=0badcafe "
	    "supersedes=k7q8w3zb\n"
	    "\\\\\n"
	    "\\%%\n"
	    "%\r\n"
	    "\\%%end abcd2345 0 0\n"
	    "last\n"
	    "%%end abcd2345 31 5dd6fe0e\n";
	struct jentry	 e;
	char		*rec;
	size_t		 len;

	entry_fill(&e, "k7q8w3zb", "2025-11-05T22:40:00+01:00",
	    S(EX3_BODY));
	entry_tag(&e, "self");
	rec = format(&e, &len);
	ck_assert_uint_eq(len, sizeof(EX3) - 1);
	ck_assert_mem_eq(rec, EX3, len);
	free(rec);
	jentry_free(&e);

	entry_fill(&e, "k7q2m9xa", "2025-11-03T21:14:05+01:00",
	    S(EX1_BODY));
	entry_tag(&e, "partner");
	entry_tag(&e, "dinner");
	entry_rating(&e, "listen", "4");
	entry_rating(&e, "warmth", "5");
	entry_rating(&e, "conflict", "1");
	rec = format(&e, &len);
	ck_assert_uint_eq(len, sizeof(EX1) - 1);
	ck_assert_mem_eq(rec, EX1, len);
	free(rec);
	jentry_free(&e);

	entry_fill(&e, "k7q4c1rd", "2025-11-04T07:02:41+01:00",
	    S(EX2_BODY));
	e.starred = true;
	entry_tag(&e, "partner");
	entry_tag(&e, "morning");
	entry_rating(&e, "listen", "2");
	entry_rating(&e, "warmth", "3");
	rec = format(&e, &len);
	ck_assert_uint_eq(len, sizeof(EX2) - 1);
	ck_assert_mem_eq(rec, EX2, len);
	free(rec);
	jentry_free(&e);

	entry_fill(&e, "abcd2345", "2026-01-02",
	    S("\\\n%%\n%\r\n%%end abcd2345 0 0\nlast"));
	entry_tag(&e, "us");
	entry_rating(&e, "listen", "4.5");
	strlcpy(e.prompt, "0badcafe", sizeof(e.prompt));
	strlcpy(e.supersedes, "k7q8w3zb", sizeof(e.supersedes));
	rec = format(&e, &len);
	ck_assert_uint_eq(len, sizeof(rec4) - 1);
	ck_assert_mem_eq(rec, rec4, len);
	free(rec);
	jentry_free(&e);
}
END_TEST

/* Every kind of line that needs a backslash, and some that do not. */
START_TEST(test_format_escapes)
{
	static const char want[] =
	    "%%entry 2026-03-01T10:20:30Z escp0001\n"
	    "\\%%end x\n"
	    "\\\\y\n"
	    "%\n"
	    "\\%%\n"
	    "\\\\%%\n"
	    "x\\\n"
	    "%%end escp0001 23 076b5310\n";
	struct jentry	 e;
	char		*rec;
	size_t		 len;

	entry_fill(&e, "escp0001", "2026-03-01T10:20:30Z",
	    S("%%end x\n\\y\n%\n%%\n\\%%\nx\\\n"));
	rec = format(&e, &len);
	ck_assert_uint_eq(len, sizeof(want) - 1);
	ck_assert_mem_eq(rec, want, len);
	free(rec);
}
END_TEST

/* A body that would not read back is refused, and nothing is made. */
START_TEST(test_format_refuses)
{
	static const struct body bad[] = {
		{ "a NUL byte", S("a\0b\n") },
		{ "a lone continuation byte", S("a\x80z\n") },
		{ "a cut sequence", S("caf\xc3") },
		{ "an overlong slash", S("\xc0\xaf\n") },
		{ "a surrogate", S("\xed\xa0\x80\n") },
		{ "0xff", S("\xff\n") },
	};
	struct jentry	 e;
	char		*rec;
	size_t		 i, len;

	for (i = 0; i < nitems(bad); i++) {
		entry_fill(&e, "refu0001", "2026-03-01T10:20:30Z", bad[i].s,
		    bad[i].n);
		rec = NULL;
		errno = 0;
		ck_assert_msg(journal_format_entry(&e, &rec, &len) == -1,
		    "%s was formatted", bad[i].what);
		ck_assert_int_eq(errno, EILSEQ);
		jentry_free(&e);
	}

	/* A tag with a blank cannot be a header word. */
	entry_fill(&e, "refu0002", "2026-03-01T10:20:30Z", S("x\n"));
	entry_tag(&e, "two words");
	ck_assert_int_eq(journal_format_entry(&e, &rec, &len), -1);
	jentry_free(&e);

	/* Neither can an id that is not one. */
	entry_fill(&e, "Not-an-id", "2026-03-01T10:20:30Z", S("x\n"));
	ck_assert_int_eq(journal_format_entry(&e, &rec, &len), -1);
	jentry_free(&e);
}
END_TEST

/*
 * A tag or a rating holding a blank and a reserved word would read back as
 * another field: the writer must refuse it, since it promises never to
 * write a record that does not read back as the entry it was given.
 */
START_TEST(test_format_refuses_smuggled_fields)
{
	struct jentry	 e;
	char		*rec;
	size_t		 len;

	entry_fill(&e, "smug0001", "2026-03-01T10:20:30Z", S("x\n"));
	entry_tag(&e, "x prompt=0badcafe");
	ck_assert_msg(journal_format_entry(&e, &rec, &len) == -1,
	    "tag \"x prompt=0badcafe\" was written as: %.*s",
	    (int)strcspn(rec, "\n"), rec);
	jentry_free(&e);

	entry_fill(&e, "smug0002", "2026-03-01T10:20:30Z", S("x\n"));
	entry_rating(&e, "listen", "4 supersedes=k7q2m9xa");
	ck_assert_msg(journal_format_entry(&e, &rec, &len) == -1,
	    "rating \"4 supersedes=k7q2m9xa\" was written as: %.*s",
	    (int)strcspn(rec, "\n"), rec);
	jentry_free(&e);
}
END_TEST

START_TEST(test_new_id)
{
	struct jentry	 e;
	char		 ids[1000][JOURNAL_ID_MAX + 1], *rec;
	size_t		 i, j, len;

	for (i = 0; i < nitems(ids); i++) {
		journal_new_id(ids[i]);
		ck_assert_uint_eq(strlen(ids[i]), JOURNAL_ID_LEN);
		ck_assert_uint_eq(strspn(ids[i],
		    "0123456789abcdefghijklmnopqrstuvwxyz"), JOURNAL_ID_LEN);
		for (j = 0; j < i; j++)
			ck_assert_str_ne(ids[i], ids[j]);
	}
	entry_fill(&e, ids[0], "2026-03-01T10:20:30Z", S("x\n"));
	rec = format(&e, &len);
	free(rec);
}
END_TEST

/*
 * The id of given bits, as jrnl's entries have on import: the same id for
 * the same entry in every version, or a second import would duplicate it.
 */
START_TEST(test_id_of_bits)
{
	static const struct {
		uint64_t	 v;
		const char	*want;
	} cases[] = {
		{ 0, "0000000000" },
		{ 1, "1000000000" },
		{ 31, "z000000000" },
		{ 32, "0100000000" },
		{ 0x123456789abcdULL, "dyakrkn839" },
		{ ((uint64_t)1 << 50) - 1, "zzzzzzzzzz" },
		{ UINT64_MAX, "zzzzzzzzzz" },
	};
	char	 id[JOURNAL_ID_MAX + 1];
	size_t	 i;

	for (i = 0; i < nitems(cases); i++) {
		journal_id(cases[i].v, id);
		ck_assert_str_eq(id, cases[i].want);
	}
}
END_TEST

/*
 * Reading.
 */

START_TEST(test_read_example)
{
	static const char file[] = EX_MAGIC EX1 EX2 EX3;
	struct gots	 gs;
	char		*dir;

	dir = newdir();
	read_bytes(dir, S(file), &gs);
	ck_assert_uint_eq(gs.n, 3);
	ck_assert_uint_eq(gs.nproblems, 0);
	ck_assert(!gs.unknown_version);

	assert_body(&gs.v[0], "k7q2m9xa", S(EX1_BODY));
	ck_assert_uint_eq(gs.v[0].line, 2);
	ck_assert_int_eq(gs.v[0].offset, sizeof(EX_MAGIC) - 1);
	ck_assert_str_eq(gs.v[0].e.ts, "2025-11-03T21:14:05+01:00");
	ck_assert_int_eq(gs.v[0].e.time.utc, 1762200845);
	ck_assert_int_eq(gs.v[0].e.time.offset, 60);
	ck_assert(!gs.v[0].e.time.allday);
	ck_assert(!gs.v[0].e.starred);
	ck_assert_uint_eq(gs.v[0].e.ntags, 2);
	ck_assert_str_eq(gs.v[0].e.tags[0], "partner");
	ck_assert_str_eq(gs.v[0].e.tags[1], "dinner");
	ck_assert_uint_eq(gs.v[0].e.nratings, 3);
	ck_assert_str_eq(gs.v[0].e.ratings[2].key, "conflict");
	ck_assert_str_eq(gs.v[0].e.ratings[2].text, "1");
	ck_assert(gs.v[0].e.ratings[1].value == 5.0);
	ck_assert_str_eq(gs.v[0].e.prompt, "");
	ck_assert_str_eq(gs.v[0].e.supersedes, "");
	ck_assert_uint_eq(gs.v[0].rawlen, sizeof(EX1) - 1);
	ck_assert_mem_eq(gs.v[0].raw, EX1, sizeof(EX1) - 1);

	assert_body(&gs.v[1], "k7q4c1rd", S(EX2_BODY));
	ck_assert_uint_eq(gs.v[1].line, 6);
	ck_assert(gs.v[1].e.starred);
	ck_assert_uint_eq(gs.v[1].e.nratings, 2);

	assert_body(&gs.v[2], "k7q8w3zb", S(EX3_BODY));
	ck_assert_uint_eq(gs.v[2].line, 11);
	ck_assert_int_eq(gs.v[2].offset,
	    sizeof(EX_MAGIC EX1 EX2) - 1);
	ck_assert_uint_eq(gs.v[2].e.ntags, 1);
	ck_assert_str_eq(gs.v[2].e.tags[0], "self");
}
END_TEST

/* Comments and blank lines between records are ignored. */
START_TEST(test_read_comments)
{
	static const char file[] = EX_MAGIC "%%# kept by hand\n\n" EX1
	    "\n\n%%# another\n" EX3 "\n";
	struct gots	 gs;

	read_bytes(newdir(), S(file), &gs);
	ck_assert_uint_eq(gs.n, 2);
	assert_body(&gs.v[0], "k7q2m9xa", S(EX1_BODY));
	assert_body(&gs.v[1], "k7q8w3zb", S(EX3_BODY));
}
END_TEST

/* A body changed by a byte, or a length changed: a warning, not a loss. */
START_TEST(test_read_checksum)
{
	static const char edited[] = EX_MAGIC EX1_HEAD
	    "dinner together, finally.\n"
	    "We talked about the move; I mostly listened this time.\n"
	    EX1_END EX2 EX3;
	static const char badlen[] = EX_MAGIC EX1 EX2 EX3_HEAD EX3_BODY
	    "\n%%end k7q8w3zb 39 e6e5a014\n";
	struct gots	 gs;
	char		*dir;

	dir = newdir();
	read_bytes(dir, S(edited), &gs);
	ck_assert_uint_eq(gs.n, 3);
	ck_assert_int_eq(gs.v[0].kind, JREC_ENTRY);
	ck_assert_str_eq(gs.v[0].e.id, "k7q2m9xa");
	ck_assert_msg(gs.v[0].problem != NULL, "an edited body passed its "
	    "checksum");
	ck_assert_ptr_nonnull(strstr(gs.v[0].problem, "checksum"));
	ck_assert_uint_eq(gs.v[0].e.bodylen, sizeof(EX1_BODY) - 1);
	ck_assert_mem_eq(gs.v[0].e.body, "dinner together", 15);
	assert_body(&gs.v[1], "k7q4c1rd", S(EX2_BODY));
	assert_body(&gs.v[2], "k7q8w3zb", S(EX3_BODY));

	read_bytes(dir, S(badlen), &gs);
	ck_assert_uint_eq(gs.n, 3);
	assert_body(&gs.v[0], "k7q2m9xa", S(EX1_BODY));
	assert_body(&gs.v[1], "k7q4c1rd", S(EX2_BODY));
	ck_assert_int_eq(gs.v[2].kind, JREC_ENTRY);
	ck_assert_ptr_nonnull(gs.v[2].problem);
}
END_TEST

/* Torn records are reported at their header and hide nothing. */
START_TEST(test_read_torn)
{
	static const char noend[] = EX_MAGIC EX1_HEAD EX1_BODY EX2 EX3;
	static const char cut[] = EX_MAGIC EX1_HEAD "Dinner toge\n" EX2 EX3;
	static const char otherid[] = EX_MAGIC EX1_HEAD EX1_BODY
	    "%%end zzzzzzzz 81 62468302\n" EX2 EX3;
	static const char headonly[] = EX_MAGIC EX1 TORN_HEAD;
	static const char partial[] = EX_MAGIC EX1 TORN_HEAD "half a li";
	static const char endcut[] = EX_MAGIC EX1 TORN_HEAD "x\n"
	    "%%end abcd1234 1 8cdc1683";
	struct gots	 gs;
	char		*dir;

	dir = newdir();
	read_bytes(dir, S(noend), &gs);
	ck_assert_uint_eq(gs.n, 3);
	assert_problem(&gs.v[0], 2);
	ck_assert_ptr_nonnull(strstr(gs.v[0].problem, "k7q2m9xa"));
	assert_body(&gs.v[1], "k7q4c1rd", S(EX2_BODY));
	assert_body(&gs.v[2], "k7q8w3zb", S(EX3_BODY));

	read_bytes(dir, S(cut), &gs);
	ck_assert_uint_eq(gs.n, 3);
	assert_problem(&gs.v[0], 2);
	assert_body(&gs.v[1], "k7q4c1rd", S(EX2_BODY));
	ck_assert_uint_eq(gs.v[1].line, 4);
	assert_body(&gs.v[2], "k7q8w3zb", S(EX3_BODY));

	read_bytes(dir, S(otherid), &gs);
	ck_assert_uint_eq(gs.n, 3);
	assert_problem(&gs.v[0], 2);
	assert_body(&gs.v[1], "k7q4c1rd", S(EX2_BODY));
	assert_body(&gs.v[2], "k7q8w3zb", S(EX3_BODY));

	read_bytes(dir, S(headonly), &gs);
	ck_assert_uint_eq(gs.n, 2);
	assert_body(&gs.v[0], "k7q2m9xa", S(EX1_BODY));
	assert_problem(&gs.v[1], 6);

	read_bytes(dir, S(partial), &gs);
	ck_assert_uint_eq(gs.n, 2);
	assert_body(&gs.v[0], "k7q2m9xa", S(EX1_BODY));
	assert_problem(&gs.v[1], 6);

	read_bytes(dir, S(endcut), &gs);
	ck_assert_uint_eq(gs.n, 2);
	assert_body(&gs.v[0], "k7q2m9xa", S(EX1_BODY));
	assert_problem(&gs.v[1], 6);
}
END_TEST

#define SEALED		"%%sealed v=1 k=abc\nAAAABBBB\n\\%%x\n" \
			"%%end s1 8 00000000\n"

/* Records of a later version are kept whole and hide nothing. */
START_TEST(test_read_unknown)
{
	static const char file[] = EX_MAGIC SEALED EX1 SEALED EX2 EX3 SEALED;
	struct gots	 gs;
	size_t		 i;

	read_bytes(newdir(), S(file), &gs);
	ck_assert_uint_eq(gs.n, 6);
	ck_assert_uint_eq(gs.nproblems, 0);
	for (i = 0; i < 6; i += i == 2 ? 3 : 2) {
		ck_assert_int_eq(gs.v[i].kind, JREC_UNKNOWN);
		ck_assert_str_eq(gs.v[i].kindword, "sealed");
		ck_assert_uint_eq(gs.v[i].rawlen, sizeof(SEALED) - 1);
		ck_assert_mem_eq(gs.v[i].raw, SEALED, sizeof(SEALED) - 1);
	}
	ck_assert_uint_eq(gs.v[0].line, 2);
	ck_assert_uint_eq(gs.v[2].line, 10);
	assert_body(&gs.v[1], "k7q2m9xa", S(EX1_BODY));
	assert_body(&gs.v[3], "k7q4c1rd", S(EX2_BODY));
	assert_body(&gs.v[4], "k7q8w3zb", S(EX3_BODY));
	ck_assert_uint_eq(gs.v[5].line, 22);
	ck_assert_uint_eq(gs.v[1].line, 6);
	ck_assert_uint_eq(gs.v[3].line, 14);
}
END_TEST

/*
 * A record of an unknown kind cut short (a crash while a later version
 * wrote it) must not swallow the entries appended after it: the scan for
 * its end line has to stop at a record that begins.
 */
START_TEST(test_read_unknown_torn)
{
	static const char file[] = EX_MAGIC EX1 "%%sealed v=1\nAAAA\n" EX2 EX3;
	struct gots	 gs;
	size_t		 i;
	bool		 found = false;

	read_bytes(newdir(), S(file), &gs);
	for (i = 0; i < gs.n; i++)
		if (gs.v[i].kind == JREC_ENTRY &&
		    strcmp(gs.v[i].e.id, "k7q4c1rd") == 0) {
			assert_body(&gs.v[i], "k7q4c1rd", S(EX2_BODY));
			found = true;
		}
	ck_assert_msg(found, "entry k7q4c1rd after a torn %%%%sealed record "
	    "was hidden (%zu events, the second of kind %d)", gs.n,
	    gs.n > 1 ? gs.v[1].kind : 0);
	assert_body(&gs.v[0], "k7q2m9xa", S(EX1_BODY));
	assert_body(&gs.v[gs.n - 1], "k7q8w3zb", S(EX3_BODY));
}
END_TEST

/* A stray "%%" line (a hand edit) is stray text, not a record to skip. */
START_TEST(test_read_stray_percent)
{
	static const char file[] = EX_MAGIC EX1 "%%\n" EX2 EX3;
	struct gots	 gs;

	read_bytes(newdir(), S(file), &gs);
	ck_assert_msg(gs.nentries == 3, "%zu entries of 3 after a stray "
	    "\"%%%%\" line", gs.nentries);
	ck_assert_uint_eq(gs.nproblems, 1);
}
END_TEST

/* An unknown record whose end line was cut short is not complete. */
START_TEST(test_read_unknown_cut_end)
{
	static const char file[] = EX_MAGIC EX1 "%%sealed v=1\nAAAA\n"
	    "%%end s1 4 0000";
	struct gots	 gs;

	read_bytes(newdir(), S(file), &gs);
	ck_assert_uint_eq(gs.n, 2);
	assert_body(&gs.v[0], "k7q2m9xa", S(EX1_BODY));
	ck_assert_msg(gs.v[1].kind == JREC_PROBLEM, "a %%%%sealed record "
	    "without the newline of its end line came as kind %d",
	    gs.v[1].kind);
}
END_TEST

START_TEST(test_read_delete)
{
	static const char file[] = EX_MAGIC EX1
	    "%%delete k7q2m9xa 2025-11-06T08:00:00+01:00\n" EX3
	    "%%delete k7q8w3zb 2025-11-07\n";
	static const char *const bad[] = {
		"%%delete k7q2m9xa\n",
		"%%delete k7q2m9xa \n",
		"%%delete K7Q2M9XA 2025-11-06\n",
		"%%delete k7q 2025-11-06\n",
		"%%delete k7q2m9xa 2025-13-06\n",
		"%%delete k7q2m9xa 2025-11-06 extra\n",
	};
	static const char nul[] = "%%delete k7q2m9xa 2025-11-06\0x\n";
	struct gots	 gs;
	char		*dir, *buf;
	size_t		 i, len;

	dir = newdir();
	read_bytes(dir, S(file), &gs);
	ck_assert_uint_eq(gs.n, 4);
	ck_assert_uint_eq(gs.nproblems, 0);
	assert_body(&gs.v[0], "k7q2m9xa", S(EX1_BODY));
	ck_assert_int_eq(gs.v[1].kind, JREC_DELETE);
	ck_assert_str_eq(gs.v[1].e.id, "k7q2m9xa");
	ck_assert_str_eq(gs.v[1].e.ts, "2025-11-06T08:00:00+01:00");
	ck_assert_uint_eq(gs.v[1].line, 6);
	assert_body(&gs.v[2], "k7q8w3zb", S(EX3_BODY));
	ck_assert_int_eq(gs.v[3].kind, JREC_DELETE);
	ck_assert_str_eq(gs.v[3].e.ts, "2025-11-07");
	ck_assert(gs.v[3].e.time.allday);

	for (i = 0; i < nitems(bad); i++) {
		xasprintf(&buf, "%s%s%s%s", EX_MAGIC, EX1, bad[i], EX3);
		read_bytes(dir, buf, strlen(buf), &gs);
		ck_assert_msg(gs.n == 3, "%s: %zu events", bad[i], gs.n);
		assert_body(&gs.v[0], "k7q2m9xa", S(EX1_BODY));
		assert_problem(&gs.v[1], 6);
		assert_body(&gs.v[2], "k7q8w3zb", S(EX3_BODY));
		free(buf);
	}

	/* A NUL after a valid timestamp makes no deletion either. */
	len = sizeof(EX_MAGIC EX1) - 1 + sizeof(nul) - 1 + sizeof(EX3) - 1;
	buf = xmalloc(len);
	memcpy(buf, EX_MAGIC EX1, sizeof(EX_MAGIC EX1) - 1);
	memcpy(buf + sizeof(EX_MAGIC EX1) - 1, nul, sizeof(nul) - 1);
	memcpy(buf + len - (sizeof(EX3) - 1), EX3, sizeof(EX3) - 1);
	read_bytes(dir, buf, len, &gs);
	ck_assert_uint_eq(gs.n, 3);
	assert_problem(&gs.v[1], 6);
	free(buf);
}
END_TEST

/* Text outside records is reported with its line, and hides nothing. */
START_TEST(test_read_stray)
{
	static const char file[] = EX_MAGIC EX1 "stray words\n" EX2
	    EX1_END "%\n" EX3;
	struct gots	 gs;

	read_bytes(newdir(), S(file), &gs);
	ck_assert_uint_eq(gs.nentries, 3);
	ck_assert_uint_eq(gs.nproblems, 3);
	assert_body(&gs.v[0], "k7q2m9xa", S(EX1_BODY));
	assert_problem(&gs.v[1], 6);
	ck_assert_str_eq(gs.v[1].raw, "stray words\n");
	assert_body(&gs.v[2], "k7q4c1rd", S(EX2_BODY));
	assert_problem(&gs.v[3], 12);
	ck_assert_str_eq(gs.v[3].raw, EX1_END);
	assert_problem(&gs.v[4], 13);
	ck_assert_str_eq(gs.v[4].raw, "%\n");
	assert_body(&gs.v[5], "k7q8w3zb", S(EX3_BODY));
	ck_assert_uint_eq(gs.n, 6);
}
END_TEST

START_TEST(test_read_version)
{
	static const char v2[] = "%%journal 2\n" EX1;
	static const char late[] = EX_MAGIC EX1 EX_MAGIC EX3;
	static const char nomagic[] = EX1 EX3;
	struct gots	 gs;
	char		*dir;

	dir = newdir();
	read_bytes(dir, S(v2), &gs);
	ck_assert(gs.unknown_version);
	ck_assert_uint_ge(gs.n, 1);
	assert_problem(&gs.v[0], 1);

	read_bytes(dir, S(late), &gs);
	ck_assert(!gs.unknown_version);
	ck_assert_uint_eq(gs.n, 3);
	assert_body(&gs.v[0], "k7q2m9xa", S(EX1_BODY));
	assert_problem(&gs.v[1], 6);
	assert_body(&gs.v[2], "k7q8w3zb", S(EX3_BODY));

	read_bytes(dir, S(EX_MAGIC), &gs);
	ck_assert(!gs.unknown_version);
	ck_assert_uint_eq(gs.n, 0);

	read_bytes(dir, S(nomagic), &gs);
	ck_assert(!gs.unknown_version);
	ck_assert_uint_eq(gs.n, 2);
	ck_assert_uint_eq(gs.nproblems, 0);
}
END_TEST

/* Invalid UTF-8 in one record affects that record alone. */
START_TEST(test_read_bad_utf8)
{
	static const struct body bad[] = {
		{ "in the body", S(EX_MAGIC EX1 EX2_HEAD "Rush\xff" "d\n"
		    "%%end k7q4c1rd 6 2703aa39\n" EX3) },
		{ "in a tag", S(EX_MAGIC EX1
		    "%%entry 2025-11-04T07:02:41+01:00 k7q4c1rd @caf\xc3\n"
		    "x\n%%end k7q4c1rd 1 8cdc1683\n" EX3) },
		{ "a NUL", S(EX_MAGIC EX1 EX2_HEAD "a\0b\n"
		    "%%end k7q4c1rd 3 15e87871\n" EX3) },
		{ "a surrogate", S(EX_MAGIC EX1 EX2_HEAD "ok\n\xed\xb0\x80\n"
		    "%%end k7q4c1rd 6 6178d47f\n" EX3) },
	};
	struct gots	 gs;
	char		*dir;
	size_t		 i;

	dir = newdir();
	for (i = 0; i < nitems(bad); i++) {
		read_bytes(dir, bad[i].s, bad[i].n, &gs);
		ck_assert_msg(gs.n == 3, "%s: %zu events", bad[i].what, gs.n);
		assert_body(&gs.v[0], "k7q2m9xa", S(EX1_BODY));
		ck_assert_msg(gs.v[1].kind == JREC_PROBLEM, "%s: kind %d",
		    bad[i].what, gs.v[1].kind);
		ck_assert_msg(gs.v[1].line >= 6 && gs.v[1].line <= 8,
		    "%s: reported at line %zu", bad[i].what, gs.v[1].line);
		assert_body(&gs.v[2], "k7q8w3zb", S(EX3_BODY));
	}
}
END_TEST

/*
 * A rating's value is kept as written: one the reader cannot keep whole
 * must be refused, by journal_valid_rating and by the reader, rather than
 * cut short in silence.
 */
START_TEST(test_rating_long_value)
{
	static const char value[] = "3.1415926535897932384626433";
	static const char file[] = EX_MAGIC
	    "%%entry 2026-01-01 abcd1234 pi=3.1415926535897932384626433\n"
	    "x\n%%end abcd1234 1 8cdc1683\n";
	const char	*errstr;
	struct gots	 gs;

	read_bytes(newdir(), S(file), &gs);
	ck_assert_uint_eq(gs.n, 1);
	if (gs.v[0].kind == JREC_ENTRY)
		ck_assert_msg(strcmp(gs.v[0].e.ratings[0].text, value) == 0,
		    "pi=%s read back as pi=%s", value,
		    gs.v[0].e.ratings[0].text);
	ck_assert_msg(!journal_valid_rating("pi=3.1415926535897932384626433",
	    &errstr), "a rating the entry cannot hold was accepted");
}
END_TEST

/*
 * Truncation at every byte offset: every complete record is read back
 * whole, a cut record is reported once, as cut short, and nothing else
 * is; so also when a later append has ended the cut line with its mark.
 */
struct piece {
	const char	*bytes;
	size_t		 len;
	int		 kind;		/* 0 for the version line */
	const char	*id;
	const char	*body;
	size_t		 bodylen;
	size_t		 line;		/* of its first line */
};

static const struct piece pieces[] = {
	{ S(EX_MAGIC), 0, NULL, NULL, 0, 1 },
	{ S(EX1), JREC_ENTRY, "k7q2m9xa", S(EX1_BODY), 2 },
	{ S(EX2), JREC_ENTRY, "k7q4c1rd", S(EX2_BODY), 6 },
	{ S("%%entry 2025-11-04 k7q5e0mt @self\n"
	    "%%end k7q5e0mt 0 00000000\n"), JREC_ENTRY, "k7q5e0mt",
	    S(""), 11 },
	{ S("%%entry 2025-11-05T06:00:00Z k7q6abcd\na\r\nb\r\n"
	    "%%end k7q6abcd 5 b4f78173\n"), JREC_ENTRY, "k7q6abcd",
	    S("a\r\nb\r"), 13 },
	{ S(EX3), JREC_ENTRY, "k7q8w3zb", S(EX3_BODY), 17 },
	{ S("%%delete k7q2m9xa 2025-11-06T08:00:00+01:00\n"),
	    JREC_DELETE, "k7q2m9xa", NULL, 0, 20 },
};

/* The pieces one after another, and their size. */
static char *
pieces_file(size_t *sizep)
{
	char	*file;
	size_t	 size, i, start;

	size = 0;
	for (i = 0; i < nitems(pieces); i++)
		size += pieces[i].len;
	file = xmalloc(size);
	for (i = 0, start = 0; i < nitems(pieces); start += pieces[i++].len)
		memcpy(file + start, pieces[i].bytes, pieces[i].len);
	*sizep = size;
	return file;
}

/*
 * The events of the pieces cut at cut: every piece before the cut whole
 * and the one it cuts, if any, as one problem at its first line that
 * says it was cut short.  Returns the number of events so checked.
 */
static size_t
assert_cut(const struct gots *gs, size_t cut)
{
	size_t	 i, k, start, ncomplete, cutpiece;
	bool	 inside;

	ncomplete = 0;
	inside = false;
	cutpiece = 0;
	for (i = 0, start = 0; i < nitems(pieces); start += pieces[i++].len) {
		if (start + pieces[i].len <= cut)
			ncomplete = i + 1;
		else if (start < cut) {
			inside = true;
			cutpiece = i;
		}
	}
	ck_assert_msg(gs->nproblems == (inside ? 1 : 0),
	    "cut at %zu: %zu problems", cut, gs->nproblems);
	ck_assert_msg(gs->n >= ncomplete - (ncomplete > 0 ? 1 : 0) +
	    (inside ? 1 : 0), "cut at %zu: %zu events", cut, gs->n);
	for (i = 1, k = 0; i < ncomplete; i++, k++) {
		if (pieces[i].kind == JREC_ENTRY)
			assert_body(&gs->v[k], pieces[i].id, pieces[i].body,
			    pieces[i].bodylen);
		else {
			ck_assert_int_eq(gs->v[k].kind, JREC_DELETE);
			ck_assert_str_eq(gs->v[k].e.id, pieces[i].id);
		}
	}
	if (!inside)
		return k;
	ck_assert_msg(gs->v[k].kind == JREC_PROBLEM, "cut at %zu: kind %d",
	    cut, gs->v[k].kind);
	ck_assert_msg(gs->v[k].line == pieces[cutpiece].line, "cut at %zu: "
	    "problem at line %zu, not %zu", cut, gs->v[k].line,
	    pieces[cutpiece].line);
	ck_assert_msg(strstr(gs->v[k].problem, "incomplete") != NULL ||
	    strstr(gs->v[k].problem, "cut short") != NULL, "cut at %zu: "
	    "\"%s\" does not say it was cut short", cut, gs->v[k].problem);
	return k + 1;
}

START_TEST(test_truncate_every_offset)
{
	struct gots	 gs;
	char		*dir, *path, *file;
	size_t		 size, cut;

	file = pieces_file(&size);
	dir = newdir();
	path = pathof(dir, "journal");
	put_file(path, file, size);
	for (cut = size + 1; cut-- > 0;) {
		ck_assert_int_eq(truncate(path, (off_t)cut), 0);
		read_path(path, &gs);
		ck_assert_msg(gs.n == assert_cut(&gs, cut), "cut at %zu: "
		    "%zu events", cut, gs.n);
		free_gots(&gs);
	}
	free(file);
}
END_TEST

/*
 * A journal cut at every byte offset, then appended to as the writer
 * appends: the cut line, if the cut left one, ended with the mark.  The
 * cut record is one problem whatever it would read as without the mark,
 * even a tombstone cut right before its newline or after its date: it
 * deletes nothing.
 */
START_TEST(test_truncate_every_offset_append)
{
	static const char after[] = "%%entry 2025-11-07 k7r0tail\n"
	    "%%end k7r0tail 0 00000000\n";
	struct jbuf	 buf = { NULL, 0, 0 };
	struct idset	 dead = { NULL, 0, 0, false };
	struct gots	 gs;
	char		*dir, *path, *file;
	size_t		 size, cut, k;
	FILE		*fp;

	file = pieces_file(&size);
	dir = newdir();
	path = pathof(dir, "journal");
	for (cut = 0; cut <= size; cut++) {
		buf.len = 0;
		jbuf_add(&buf, file, cut);
		if (cut > 0 && file[cut - 1] != '\n')
			jbuf_add(&buf, JOURNAL_TORN_MARK "\n",
			    sizeof(JOURNAL_TORN_MARK));
		jbuf_add(&buf, S(after));
		put_file(path, buf.s, buf.len);
		read_path(path, &gs);
		k = assert_cut(&gs, cut);
		ck_assert_msg(gs.n == k + 1, "cut at %zu: %zu events", cut,
		    gs.n);
		assert_body(&gs.v[k], "k7r0tail", S(""));
		free_gots(&gs);

		/* Only the whole tombstone deletes. */
		fp = fopen(path, "r");
		ck_assert_ptr_nonnull(fp);
		ck_assert_int_eq(journal_dead_ids(fp, path, &dead), 0);
		fclose(fp);
		ck_assert_msg(idset_has(&dead, str_hash("k7q2m9xa", 0)) ==
		    (cut == size), "cut at %zu: k7q2m9xa deleted", cut);
		idset_free(&dead);
	}
	free(buf.s);
	free(file);
}
END_TEST

/*
 * Passing over old entries (as score report reads a long journal): the
 * events are those of the lazy skim, less its sound entries that it does
 * not want whole (before whole_from, and before whole_tag_from or without
 * @day) and that supersede nothing, at the same lines and offsets, with
 * the same problems.  The journal mixes a thousand entries across many
 * 64 KB blocks with every kind of damage, old and new.
 */
static void
read_lazy(const char *path, bool pass_old, time_t whole_from,
    time_t tag_from, struct gots *gs)
{
	struct jreader	 r;
	struct jskim	 sk;
	FILE		*fp;

	fp = fopen(path, "r");
	ck_assert_msg(fp != NULL, "%s: %s", path, strerror(errno));
	jreader_init(&r, path, fp);
	memset(&sk, 0, sizeof(sk));
	sk.level = pass_old ? JSKIM_PASS : JSKIM_HEADERS;
	sk.has_whole_from = true;
	sk.whole_from = whole_from;
	if (tag_from != 0) {
		sk.whole_tag = "day";
		sk.whole_tag_from = tag_from;
	}
	jreader_skim(&r, &sk);
	read_fp(path, gs, &r);
	jreader_free(&r);
	fclose(fp);
}

START_TEST(test_read_pass_old)
{
	static const char *const odd[] = {
		"%%entry 2021-13-01T10:00:00Z badtime1\nx\n"
		    "%%end badtime1 1 8cdc1683\n",
		"%%entry 2021-02-01T10:00:00Z badutf81 @x\xff\ny\n"
		    "%%end badutf81 1 00000000\n",
		TORN_HEAD,
		"%%entry 2021-02-02T10:00:00Z otherend\nz\n"
		    "%%end notthis1 1 00000000\n",
		"%%entry 2021-02-03T10:00:00Z badend12\nz\n"
		    "%%end badend12 one 00000000\n",
		"%%entry 2021-02-04T10:00:00Z k7q2m9xb supersedes=k7q2m9xa\n"
		    "%%end k7q2m9xb 0 00000000\n",
		"%%delete k7q2m9xa 2021-02-05T10:00:00Z\n",
		"%%# a comment\n",
		"\n",
		"%%later 2021-02-06\nwhat a later version keeps\n%%end\n",
		"%%entry 2021-02-07 allday01 @x\n%%end allday01 0 00000000\n",
		"%%entry 2021-02-08T10:00:00+14:00 zoned001 m=3\nq\n"
		    "%%end zoned001 1 00000000\n",
		"%%entry 2021-02-09T10:00:00Z noend001\n\\%%end noend001\n",
	};
	struct jentry	 e;
	struct gots	 lazy, passed;
	char		*dir, *path, *rec, *file = NULL, *body, id[16], ts[32];
	size_t		 size = 0, len, i, k, blen;
	time_t		 whole_from, tag_from;
	int		 pass;

	file = xstrdup(EX_MAGIC);
	size = strlen(file);
	for (i = 0; i < 1000; i++) {
		snprintf(id, sizeof(id), "p%07zu", i);
		snprintf(ts, sizeof(ts), "20%02zu-%02zu-%02zuT%02zu:00:00Z",
		    20 + i / 200, 1 + i / 20 % 10, 1 + i % 20, i % 24);
		/* Bodies of many lines, one of them larger than a block. */
		blen = i == 500 ? 100000 : 1 + i * 7 % 300;
		body = xmalloc(blen);
		for (k = 0; k < blen; k++)
			body[k] = k % 61 == 60 ? '\n' : k % 97 == 0 ? '%' :
			    (char)('a' + k % 26);
		entry_fill(&e, id, ts, body, blen);
		if (i % 3 == 0)
			entry_tag(&e, "day");
		if (i % 5 == 0)
			entry_rating(&e, "mood", "3");
		rec = format(&e, &len);
		jentry_free(&e);
		free(body);
		file = xreallocarray(file, size + len + 1, 1);
		memcpy(file + size, rec, len);
		size += len;
		free(rec);
		/* Damage of every kind, old and recent. */
		if (i % 83 == 41) {
			len = strlen(odd[i / 83 % nitems(odd)]);
			file = xreallocarray(file, size + len + 1, 1);
			memcpy(file + size, odd[i / 83 % nitems(odd)], len);
			size += len;
		}
	}
	for (i = 0; i < nitems(odd); i++) {
		len = strlen(odd[i]);
		file = xreallocarray(file, size + len + 1, 1);
		memcpy(file + size, odd[i], len);
		size += len;
	}
	dir = newdir();
	path = pathof(dir, "journal");
	put_file(path, file, size);

	for (pass = 0; pass < 4; pass++) {
		/*
		 * Before everything, in the middle, after everything, and in
		 * the middle with @day entries wanted a year earlier.
		 */
		whole_from = pass == 0 ? 0 : pass == 2 ? 4102444800 :
		    1672531200;
		tag_from = pass == 3 ? 1640995200 : 0;
		read_lazy(path, false, whole_from, tag_from, &lazy);
		read_lazy(path, true, whole_from, tag_from, &passed);
		ck_assert_uint_gt(lazy.nproblems, 10);
		for (i = 0, k = 0; i < lazy.n; i++) {
			if (k < passed.n &&
			    passed.v[k].offset == lazy.v[i].offset) {
				ck_assert_int_eq(passed.v[k].kind,
				    lazy.v[i].kind);
				ck_assert_uint_eq(passed.v[k].line,
				    lazy.v[i].line);
				ck_assert_str_eq(passed.v[k].e.id,
				    lazy.v[i].e.id);
				ck_assert_msg((passed.v[k].problem == NULL) ==
				    (lazy.v[i].problem == NULL) &&
				    (lazy.v[i].problem == NULL ||
				    strcmp(passed.v[k].problem,
				    lazy.v[i].problem) == 0), "line %zu: "
				    "problems differ", lazy.v[i].line);
				k++;
				continue;
			}
			/*
			 * Passed over: only a sound old entry of no edit,
			 * and not one the lazy skim read whole for its tag.
			 */
			ck_assert_msg(lazy.v[i].kind == JREC_ENTRY &&
			    lazy.v[i].problem == NULL &&
			    lazy.v[i].e.supersedes[0] == '\0' &&
			    lazy.v[i].e.time.utc < whole_from &&
			    lazy.v[i].e.ntags == 0,
			    "the record at line %zu was passed over",
			    lazy.v[i].line);
		}
		ck_assert_uint_eq(k, passed.n);
		if (pass == 0)
			ck_assert_uint_eq(passed.n, lazy.n);
		/* The @day entries of 2022 were read whole, and shown. */
		if (pass == 3)
			ck_assert_uint_gt(passed.n, lazy.nproblems + 30);
		if (pass == 2)
			ck_assert_uint_lt(passed.n, lazy.nproblems + 30);
		free_gots(&lazy);
		free_gots(&passed);
	}
	free(file);
}
END_TEST

/*
 * Appending.
 */

static char *
some_record(const char *id, const char *body, size_t *len)
{
	struct jentry	 e;
	char		*rec;

	entry_fill(&e, id, "2026-03-01T10:20:30Z", body, strlen(body));
	rec = format(&e, len);
	jentry_free(&e);
	return rec;
}

static void
assert_mode(const char *path, mode_t mode)
{
	struct stat	 st;

	ck_assert_msg(lstat(path, &st) == 0, "%s: %s", path, strerror(errno));
	ck_assert_msg((st.st_mode & 07777) == mode, "%s: mode %04o, not %04o",
	    path, (unsigned)(st.st_mode & 07777), (unsigned)mode);
}

static void
check_create(const char *dir, mode_t mask)
{
	char	*a, *ab, *abc, *path, *rec, *buf, *want;
	size_t	 len, n;

	xasprintf(&a, "%s/u%03o", dir, (unsigned)mask);
	xasprintf(&ab, "%s/b", a);
	xasprintf(&abc, "%s/c", ab);
	path = pathof(abc, "journal");
	rec = some_record("mode0001", "first\n", &len);
	umask(mask);
	ck_assert_msg(journal_append(path, rec, len) == 0, "umask %03o: %s",
	    (unsigned)mask, strerror(errno));
	umask(022);
	assert_mode(a, 0700);
	assert_mode(ab, 0700);
	assert_mode(abc, 0700);
	assert_mode(path, 0600);
	buf = get_file(path, &n);
	xasprintf(&want, "%s%s", EX_MAGIC, rec);
	ck_assert_uint_eq(n, strlen(want));
	ck_assert_mem_eq(buf, want, n);
}

START_TEST(test_append_create)
{
	char	*dir;

	dir = newdir();
	check_create(dir, 0);
	check_create(dir, 077);
	check_create(dir, 022);
}
END_TEST

/*
 * "Created 0600 in a 0700 directory whatever the umask": a umask that
 * takes the owner's write bit must not leave directories of 0500.
 */
START_TEST(test_append_create_umask_owner)
{
	check_create(newdir(), 0277);
}
END_TEST

/*
 * A torn tail is ended with the mark and a newline first, and the new
 * record survives.
 */
START_TEST(test_append_torn_tail)
{
	static const char cutline[] = EX_MAGIC EX1 EX2_HEAD "Rushed morn";
	static const char cutrec[] = EX_MAGIC EX1 EX2_HEAD "Rushed morning\n";
	struct gots	 gs;
	char		*dir, *path, *rec, *buf, *want;
	size_t		 len, n;

	dir = newdir();
	path = pathof(dir, "journal");
	rec = some_record("tail0001", "after the crash\n", &len);

	put_file(path, S(cutline));
	ck_assert_int_eq(journal_append(path, rec, len), 0);
	buf = get_file(path, &n);
	xasprintf(&want, "%s%s\n%s", cutline, JOURNAL_TORN_MARK, rec);
	ck_assert_uint_eq(n, strlen(want));
	ck_assert_mem_eq(buf, want, n);
	read_path(path, &gs);
	ck_assert_uint_eq(gs.n, 3);
	assert_body(&gs.v[0], "k7q2m9xa", S(EX1_BODY));
	assert_problem(&gs.v[1], 6);
	assert_body(&gs.v[2], "tail0001", S("after the crash\n"));

	/* A torn record ending in a newline needs none. */
	put_file(path, S(cutrec));
	ck_assert_int_eq(journal_append(path, rec, len), 0);
	buf = get_file(path, &n);
	xasprintf(&want, "%s%s", cutrec, rec);
	ck_assert_uint_eq(n, strlen(want));
	ck_assert_mem_eq(buf, want, n);
	read_path(path, &gs);
	ck_assert_uint_eq(gs.n, 3);
	assert_problem(&gs.v[1], 6);
	assert_body(&gs.v[2], "tail0001", S("after the crash\n"));
}
END_TEST

#define NWRITERS	4
#define NAPPENDS	500

static void __dead
concurrent_writer(const char *path, int w)
{
	struct jentry	 e;
	char		 body[64], *rec;
	size_t		 len;
	int		 i, bad = 0;

	jentry_init(&e);
	strlcpy(e.ts, "2026-03-01T10:20:30Z", sizeof(e.ts));
	for (i = 0; i < NAPPENDS; i++) {
		journal_new_id(e.id);
		snprintf(body, sizeof(body), "writer %d entry %d\n", w, i);
		e.body = body;
		e.bodylen = strlen(body);
		if (journal_format_entry(&e, &rec, &len) == -1 ||
		    journal_append(path, rec, len) == -1)
			bad++;
		else
			free(rec);
	}
	_exit(bad == 0 ? 0 : 1);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

START_TEST(test_append_concurrent)
{
	static bool	 seen[NWRITERS][NAPPENDS];
	struct gots	 gs;
	char		*dir, *path, **ids, *buf;
	size_t		 i, n;
	pid_t		 pids[NWRITERS];
	int		 w, k, status;

	dir = newdir();
	path = pathof(dir, "sub/journal");
	for (w = 0; w < NWRITERS; w++) {
		ck_assert_int_ne(pids[w] = fork(), -1);
		if (pids[w] == 0)
			concurrent_writer(path, w);
	}
	for (w = 0; w < NWRITERS; w++) {
		ck_assert_int_eq(waitpid(pids[w], &status, 0), pids[w]);
		ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0,
		    "writer %d failed", w);
	}
	buf = get_file(path, &n);
	ck_assert_mem_eq(buf, EX_MAGIC, sizeof(EX_MAGIC) - 1);
	read_path(path, &gs);
	ck_assert_uint_eq(gs.nproblems, 0);
	ck_assert_uint_eq(gs.nentries, NWRITERS * NAPPENDS);
	ck_assert_uint_eq(gs.n, NWRITERS * NAPPENDS);
	ids = xcalloc(gs.n, sizeof(*ids));
	for (i = 0; i < gs.n; i++) {
		ck_assert_ptr_null(gs.v[i].problem);
		ck_assert_int_eq(sscanf(gs.v[i].e.body, "writer %d entry %d",
		    &w, &k), 2);
		ck_assert(w >= 0 && w < NWRITERS && k >= 0 && k < NAPPENDS);
		ck_assert_msg(!seen[w][k], "writer %d entry %d twice", w, k);
		seen[w][k] = true;
		ids[i] = gs.v[i].e.id;
	}
	qsort(ids, gs.n, sizeof(*ids), cmp_str);
	for (i = 1; i < gs.n; i++)
		ck_assert_str_ne(ids[i - 1], ids[i]);
}
END_TEST

#define KILL_ROUNDS	50
#define KILL_BODY	(64 * 1024)

/* Append entries of 64 KB for ever, until killed. */
static void __dead
endless_writer(const char *path, int round)
{
	struct jentry	 e;
	char		*body, *rec;
	size_t		 len, off;
	int		 seq;

	jentry_init(&e);
	strlcpy(e.ts, "2026-03-01T10:20:30Z", sizeof(e.ts));
	body = xmalloc(KILL_BODY + 1);
	for (off = 0; off + 64 <= KILL_BODY; off += 64) {
		memset(body + off, 'a' + (int)(off / 64 % 26), 63);
		body[off + 63] = '\n';
	}
	for (seq = 0;; seq++) {
		journal_new_id(e.id);
		len = (size_t)snprintf(body, 32, "round %d seq %d", round,
		    seq);
		body[len] = ' ';
		e.body = body;
		e.bodylen = KILL_BODY - (size_t)(seq % 3);
		if (journal_format_entry(&e, &rec, &len) == -1 ||
		    journal_append(path, rec, len) == -1)
			_exit(3);
		free(rec);
	}
}

START_TEST(test_append_killed)
{
	struct gots	 gs;
	char		*dir, *path, *rec;
	size_t		 i, entries = 0, torn = 0, len;
	off_t		 prev, size, mark = 0;
	pid_t		 pid;
	int		 round, status, waited;

	dir = newdir();
	path = pathof(dir, "journal");
	for (round = 0; round < KILL_ROUNDS; round++) {
		prev = size_of(path);
		ck_assert_int_ne(pid = fork(), -1);
		if (pid == 0)
			endless_writer(path, round);
		/* Let it write about a record, then kill it anywhere. */
		for (waited = 0; size_of(path) < prev + KILL_BODY &&
		    waited < 2000; waited++)
			usleep(1000);
		usleep((useconds_t)(round * 7919 % 3000));
		ck_assert_int_eq(kill(pid, SIGKILL), 0);
		ck_assert_int_eq(waitpid(pid, &status, 0), pid);
		ck_assert_msg(WIFSIGNALED(status) && WTERMSIG(status) ==
		    SIGKILL, "round %d: the writer failed", round);

		/*
		 * What this round added: whole entries, then maybe a tail,
		 * after the mark that ended the last round's torn line.
		 */
		size = size_of(path);
		if (size == prev)
			continue;
		read_path_from(path, prev + mark, &gs);
		mark = 0;
		for (i = 0; i < gs.n; i++) {
			if (gs.v[i].kind == JREC_ENTRY) {
				ck_assert_msg(gs.v[i].problem == NULL,
				    "round %d: %s", round, gs.v[i].problem);
				ck_assert(gs.v[i].e.bodylen + 2 >= KILL_BODY &&
				    gs.v[i].e.bodylen <= KILL_BODY);
				ck_assert_mem_eq(gs.v[i].e.body, "round ", 6);
				entries++;
				continue;
			}
			ck_assert_msg(gs.v[i].kind == JREC_PROBLEM &&
			    i == gs.n - 1, "round %d: event %zu of %zu is of "
			    "kind %d", round, i, gs.n, gs.v[i].kind);
			ck_assert_msg(gs.v[i].offset +
			    (off_t)gs.v[i].rawlen == size, "round %d: a "
			    "problem before the end", round);
			torn++;
			if (gs.v[i].raw[gs.v[i].rawlen - 1] != '\n')
				mark = sizeof(JOURNAL_TORN_MARK);
		}
	}

	/* All of it at once, then one more entry. */
	read_path(path, &gs);
	ck_assert_uint_eq(gs.nentries, entries);
	ck_assert_uint_eq(gs.nproblems, torn);
	ck_assert_uint_eq(gs.n, entries + torn);
	rec = some_record("last0001", "written after the kills\n", &len);
	ck_assert_int_eq(journal_append(path, rec, len), 0);
	read_path(path, &gs);
	ck_assert_uint_eq(gs.nentries, entries + 1);
	ck_assert_uint_eq(gs.nproblems, torn);
	assert_body(&gs.v[gs.n - 1], "last0001",
	    S("written after the kills\n"));
	ck_assert_msg(entries >= KILL_ROUNDS / 2, "only %zu entries written",
	    entries);
}
END_TEST

/* journal_append in a child whose files may not grow past limit bytes. */
static int
append_limited(const char *path, const char *rec, size_t len,
    rlim_t limit)
{
	struct rlimit	 rl;
	pid_t		 pid;
	int		 status;

	ck_assert_int_ne(pid = fork(), -1);
	if (pid == 0) {
		signal(SIGXFSZ, SIG_IGN);
		rl.rlim_cur = rl.rlim_max = limit;
		if (setrlimit(RLIMIT_FSIZE, &rl) == -1)
			_exit(4);
		if (journal_append(path, rec, len) == 0)
			_exit(0);
		_exit(errno == EFBIG ? 1 : 2);
	}
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert(WIFEXITED(status));
	return WEXITSTATUS(status);
}

START_TEST(test_append_full)
{
	static const char file[] = EX_MAGIC EX1 EX2;
	static const char torn[] = EX_MAGIC EX1 EX2_HEAD "Rushed";
	struct gots	 gs;
	char		*dir, *path, *rec, *buf, big[1000];
	size_t		 len, n;
	rlim_t		 extra[] = { 0, 1, 10, 500 };
	size_t		 i;

	dir = newdir();
	path = pathof(dir, "journal");
	memset(big, 'z', sizeof(big) - 2);
	big[sizeof(big) - 2] = '\n';
	big[sizeof(big) - 1] = '\0';
	rec = some_record("full0001", big, &len);

	for (i = 0; i < nitems(extra); i++) {
		put_file(path, S(file));
		ck_assert_msg(append_limited(path, rec, len, sizeof(file) - 1 +
		    extra[i]) == 1, "room for %d bytes: not EFBIG",
		    (int)extra[i]);
		buf = get_file(path, &n);
		ck_assert_msg(n == sizeof(file) - 1, "room for %d bytes: "
		    "%zu bytes left", (int)extra[i], n);
		ck_assert_mem_eq(buf, file, n);
		free(buf);

		put_file(path, S(torn));
		ck_assert_int_eq(append_limited(path, rec, len,
		    sizeof(torn) - 1 + extra[i]), 1);
		buf = get_file(path, &n);
		ck_assert_uint_eq(n, sizeof(torn) - 1);
		ck_assert_mem_eq(buf, torn, n);
		free(buf);
	}

	/* A journal that cannot even hold its version line is not made. */
	free(path);
	path = pathof(dir, "new");
	ck_assert_int_eq(append_limited(path, rec, len, 5), 1);
	ck_assert_msg(access(path, F_OK) == -1, "a partial new journal was "
	    "left");

	/* With room again, appending works. */
	path = pathof(dir, "journal");
	ck_assert_int_eq(append_limited(path, rec, len, RLIM_INFINITY), 0);
	read_path(path, &gs);
	ck_assert_uint_eq(gs.nentries, 2);
	assert_body(&gs.v[gs.n - 1], "full0001", big, strlen(big));
}
END_TEST

/* journal_append in a child that must finish within three seconds. */
static int
append_timed(const char *path, const char *rec, size_t len)
{
	pid_t	 pid;
	int	 status;

	ck_assert_int_ne(pid = fork(), -1);
	if (pid == 0) {
		/* Check's own handler would kill the test with the alarm. */
		signal(SIGALRM, SIG_DFL);
		alarm(3);
		errno = 0;
		if (journal_append(path, rec, len) == 0)
			_exit(0);
		_exit(errno != 0 ? 1 : 2);
	}
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert_msg(WIFEXITED(status), "journal_append on %s blocked or "
	    "crashed", path);
	return WEXITSTATUS(status);
}

START_TEST(test_append_not_a_file)
{
	struct stat	 st;
	char		*dir, *path, *rec, buf[64];
	size_t		 len;
	int		 rfd;

	dir = newdir();
	rec = some_record("spec0001", "x\n", &len);

	path = pathof(dir, "isdir");
	ck_assert_int_eq(mkdir(path, 0700), 0);
	errno = 0;
	ck_assert_int_eq(journal_append(path, rec, len), -1);
	ck_assert_int_ne(errno, 0);
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert(S_ISDIR(st.st_mode));

	path = pathof(dir, "fifo");
	ck_assert_int_eq(mkfifo(path, 0600), 0);
	ck_assert_int_eq(append_timed(path, rec, len), 1);
	rfd = open(path, O_RDONLY | O_NONBLOCK);
	ck_assert_int_ne(rfd, -1);
	ck_assert_int_eq(append_timed(path, rec, len), 1);
	ck_assert_msg(read(rfd, buf, sizeof(buf)) <= 0, "a record went into "
	    "a FIFO");
	close(rfd);

	path = pathof(dir, "dangling");
	ck_assert_int_eq(symlink("nowhere/journal", path), 0);
	errno = 0;
	ck_assert_int_eq(journal_append(path, rec, len), -1);
	ck_assert_int_ne(errno, 0);
	ck_assert_int_eq(lstat(path, &st), 0);
	ck_assert(S_ISLNK(st.st_mode));
	ck_assert_int_eq(access(pathof(dir, "nowhere"), F_OK), -1);

	path = pathof(dir, "full");
	ck_assert_int_eq(symlink("/dev/full", path), 0);
	ck_assert_int_eq(append_timed(path, rec, len), 1);
}
END_TEST

/*
 * A journal of a later version is not written to (journal.md 5.4: "an
 * unknown N is an error: refuse to write"): checking costs one pread of
 * its first line, as the check of its last byte does.
 */
START_TEST(test_append_unknown_version)
{
	static const char file[] = "%%journal 2\n" EX1;
	char		*dir, *path, *rec, *buf;
	size_t		 len, n;
	int		 rv;

	dir = newdir();
	path = pathof(dir, "journal");
	put_file(path, S(file));
	rec = some_record("vers0001", "x\n", &len);
	rv = journal_append(path, rec, len);
	buf = get_file(path, &n);
	ck_assert_msg(rv == -1, "appended to a journal of version 2");
	ck_assert_uint_eq(n, sizeof(file) - 1);
	ck_assert_mem_eq(buf, file, n);
}
END_TEST

/*
 * A journal cut inside its version line, as a crash while it was made
 * would leave it, is completed by the next append: the version line is
 * whole again and the journal reads without a problem.  One cut after a
 * later version's number is still not written to.
 */
START_TEST(test_append_torn_version)
{
	static const char magic[] = EX_MAGIC;
	struct gots	 gs;
	char		*dir, *path, *rec, *buf, *want;
	size_t		 len, n, cut;

	dir = newdir();
	path = pathof(dir, "journal");
	rec = some_record("vers0002", "once more\n", &len);
	xasprintf(&want, "%s%s", magic, rec);
	for (cut = 1; cut < sizeof(magic) - 1; cut++) {
		put_file(path, magic, cut);
		ck_assert_msg(journal_append(path, rec, len) == 0,
		    "cut at %zu: %s", cut, strerror(errno));
		buf = get_file(path, &n);
		ck_assert_uint_eq(n, strlen(want));
		ck_assert_mem_eq(buf, want, n);
		read_path(path, &gs);
		ck_assert_uint_eq(gs.n, 1);
		assert_body(&gs.v[0], "vers0002", S("once more\n"));
	}
	put_file(path, S("%%journal 2"));
	ck_assert_int_eq(journal_append(path, rec, len), -1);
	ck_assert_int_eq(errno, ENOTSUP);
	buf = get_file(path, &n);
	ck_assert_uint_eq(n, 11);
	ck_assert_mem_eq(buf, "%%journal 2", n);
}
END_TEST

/*
 * An entry cut inside its end line, then appended to, is one problem: the
 * start of the end line that the append ended with the mark ("%%e%%torn")
 * is part of the torn record, not a record of an unknown kind.
 */
START_TEST(test_append_torn_end_line)
{
	static const char whole[] = EX_MAGIC EX1 EX2_HEAD
	    "Rushed morning, both tired.\n" "%%end k7q4c1rd 28 0\n";
	static const size_t endline = sizeof(whole) - 1 -
	    sizeof("%%end k7q4c1rd 28 0\n") + 1;
	struct gots	 gs;
	char		*dir, *path, *rec, *want;
	size_t		 len, cut;

	dir = newdir();
	path = pathof(dir, "journal");
	rec = some_record("tail0002", "after the crash\n", &len);
	for (cut = 1; cut < 6; cut++) {
		put_file(path, whole, endline + cut);
		ck_assert_int_eq(journal_append(path, rec, len), 0);
		read_path(path, &gs);
		ck_assert_uint_eq(gs.n, 3);
		ck_assert_uint_eq(gs.nproblems, 1);
		assert_body(&gs.v[0], "k7q2m9xa", S(EX1_BODY));
		assert_problem(&gs.v[1], 6);
		xasprintf(&want, "%.*s%s\n", (int)cut, "%%end ",
		    JOURNAL_TORN_MARK);
		ck_assert_uint_ge(gs.v[1].rawlen, strlen(want));
		ck_assert_mem_eq(gs.v[1].raw + gs.v[1].rawlen - strlen(want),
		    want, strlen(want));
		assert_body(&gs.v[2], "tail0002", S("after the crash\n"));
		free_gots(&gs);
		free(want);
	}
}
END_TEST

/* Appending through a symbolic link leaves the link a link. */
START_TEST(test_append_symlink)
{
	struct gots	 gs;
	struct stat	 st;
	char		*dir, *real, *link, *rec;
	size_t		 len;

	dir = newdir();
	real = pathof(dir, "real");
	link = pathof(dir, "link");
	rec = some_record("link0001", "one\n", &len);
	ck_assert_int_eq(journal_append(real, rec, len), 0);
	ck_assert_int_eq(symlink("real", link), 0);
	rec = some_record("link0002", "two\n", &len);
	ck_assert_int_eq(journal_append(link, rec, len), 0);
	rec = some_record("link0003", "three\n", &len);
	ck_assert_int_eq(journal_append(link, rec, len), 0);
	ck_assert_int_eq(lstat(link, &st), 0);
	ck_assert_msg(S_ISLNK(st.st_mode), "the link was replaced");
	read_path(real, &gs);
	ck_assert_uint_eq(gs.n, 3);
	assert_body(&gs.v[1], "link0002", S("two\n"));
	assert_body(&gs.v[2], "link0003", S("three\n"));
	assert_mode(real, 0600);
}
END_TEST

/*
 * Run journal_append as the user nobody; 0 done, 1 failed, 2 EACCES,
 * 3 EPERM.
 */
static int
append_as(const struct passwd *pw, const char *path, const char *rec,
    size_t len)
{
	pid_t	 pid;
	int	 status;

	ck_assert_int_ne(pid = fork(), -1);
	if (pid == 0) {
		if (setgroups(0, NULL) == -1 || setgid(pw->pw_gid) == -1 ||
		    setuid(pw->pw_uid) == -1 || geteuid() != pw->pw_uid)
			_exit(5);
		if (journal_append(path, rec, len) == 0)
			_exit(0);
		_exit(errno == EACCES ? 2 : errno == EPERM ? 3 : 1);
	}
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert(WIFEXITED(status));
	ck_assert_msg(WEXITSTATUS(status) != 5, "cannot become nobody");
	return WEXITSTATUS(status);
}

START_TEST(test_append_unprivileged)
{
	static const char file[] = EX_MAGIC EX1;
	struct passwd	*pw;
	struct stat	 st;
	char		*dir, *ro, *own, *path, *rec, *buf;
	size_t		 len, n;

	if (geteuid() != 0) {
		fprintf(stderr, "test_append_unprivileged: skipped, it needs "
		    "root to become nobody\n");
		return;
	}
	if ((pw = getpwnam("nobody")) == NULL) {
		fprintf(stderr, "test_append_unprivileged: skipped, no user "
		    "nobody\n");
		return;
	}
	dir = newdir();
	ck_assert_int_eq(chmod(topdir, 0711), 0);
	ck_assert_int_eq(chmod(dir, 0711), 0);
	rec = some_record("perm0001", "x\n", &len);

	/* A directory of root's. */
	ro = pathof(dir, "ro");
	ck_assert_int_eq(mkdir(ro, 0755), 0);
	path = pathof(ro, "journal");
	ck_assert_int_eq(append_as(pw, path, rec, len), 2);
	ck_assert_int_eq(access(path, F_OK), -1);
	path = pathof(ro, "sub/journal");
	ck_assert_int_eq(append_as(pw, path, rec, len), 2);
	ck_assert_int_eq(access(pathof(ro, "sub"), F_OK), -1);

	/*
	 * In nobody's own directory: a journal of root's, refused as another
	 * user's before its lock is made, and one unreadable.
	 */
	own = pathof(dir, "own");
	ck_assert_int_eq(mkdir(own, 0700), 0);
	ck_assert_int_eq(chown(own, pw->pw_uid, pw->pw_gid), 0);
	path = pathof(own, "roots");
	put_file(path, S(file));
	ck_assert_int_eq(append_as(pw, path, rec, len), 3);
	ck_assert_int_eq(access(pathof(own, "roots.lock"), F_OK), -1);
	buf = get_file(path, &n);
	ck_assert_uint_eq(n, sizeof(file) - 1);
	ck_assert_mem_eq(buf, file, n);

	path = pathof(own, "writeonly");
	put_file(path, S(file));
	ck_assert_int_eq(chown(path, pw->pw_uid, pw->pw_gid), 0);
	ck_assert_int_eq(chmod(path, 0200), 0);
	ck_assert_int_ne(append_as(pw, path, rec, len), 0);
	buf = get_file(path, &n);
	ck_assert_uint_eq(n, sizeof(file) - 1);
	ck_assert_mem_eq(buf, file, n);

	/* And what nobody may do, nobody can. */
	path = pathof(own, "mine/journal");
	ck_assert_int_eq(append_as(pw, path, rec, len), 0);
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_uint_eq(st.st_uid, pw->pw_uid);
	assert_mode(path, 0600);
	assert_mode(pathof(own, "mine"), 0700);
}
END_TEST

/*
 * Side files planted before the first append, and journals that cannot
 * be written: refused, with the side file named (journal_side_failed),
 * and nothing they point to written.
 */
START_TEST(test_append_planted)
{
	struct passwd	*pw;
	const char	*side;
	char		*dir, *path, *lock, *victim, *rec, *buf, *sticky;
	size_t		 len, n;
	int		 problem;

	dir = newdir();
	path = pathof(dir, "journal");
	lock = pathof(dir, "journal.lock");
	victim = pathof(dir, "victim");
	put_file(victim, S("mine\n"));
	rec = some_record("side0001", "x\n", &len);

	ck_assert_int_eq(mkdir(lock, 0700), 0);
	errno = 0;
	ck_assert_int_eq(journal_append(path, rec, len), -1);
	ck_assert_int_eq(errno, EISDIR);
	ck_assert_ptr_nonnull(side = journal_side_failed(&problem));
	ck_assert_str_eq(side, lock);
	ck_assert_int_eq(problem, 0);
	ck_assert_int_eq(rmdir(lock), 0);

	put_file(lock, S(""));
	ck_assert_int_eq(chmod(lock, 0644), 0);
	ck_assert_int_eq(journal_append(path, rec, len), -1);
	ck_assert_int_eq(errno, EPERM);
	ck_assert_ptr_nonnull(side = journal_side_failed(&problem));
	ck_assert_int_eq(problem, FILE_READABLE);
	ck_assert_int_eq(unlink(lock), 0);

	ck_assert_int_eq(symlink("victim", lock), 0);
	ck_assert_int_eq(journal_append(path, rec, len), -1);
	ck_assert_int_eq(errno, EPERM);
	ck_assert_ptr_nonnull(side = journal_side_failed(&problem));
	ck_assert_int_eq(problem, FILE_SYMLINK);
	ck_assert_int_eq(access(path, F_OK), -1);
	ck_assert_int_eq(unlink(lock), 0);

	ck_assert_int_eq(journal_append(path, rec, len), 0);
	ck_assert_ptr_null(journal_side_failed(&problem));
	assert_mode(lock, 0600);
	buf = get_file(victim, &n);
	ck_assert_str_eq(buf, "mine\n");
	free(buf);
	ck_assert(!journal_crlf(path));

	/* Lines that end in CRLF are told from a later version's. */
	path = pathof(dir, "crlf");
	put_file(path, S("%%journal 1\r\n"));
	ck_assert_int_eq(journal_append(path, rec, len), -1);
	ck_assert_int_eq(errno, ENOTSUP);
	ck_assert(journal_crlf(path));

	/* A link of the user's to nothing: ENOENT, and nothing made. */
	path = pathof(dir, "dangling");
	ck_assert_int_eq(symlink("nowhere", path), 0);
	ck_assert_int_eq(journal_append(path, rec, len), -1);
	ck_assert_int_eq(errno, ENOENT);
	ck_assert_int_eq(access(pathof(dir, "nowhere"), F_OK), -1);
	ck_assert_int_eq(access(pathof(dir, "dangling.lock"), F_OK), -1);

	/* Another user's link in a sticky directory that all may write. */
	if (geteuid() != 0 || (pw = getpwnam("nobody")) == NULL) {
		fprintf(stderr, "test_append_planted: another user's link "
		    "skipped, it needs root and the user nobody\n");
		return;
	}
	sticky = pathof(dir, "tmp");
	ck_assert_int_eq(mkdir(sticky, 0700), 0);
	ck_assert_int_eq(chmod(sticky, 01777), 0);
	path = pathof(sticky, "journal");
	ck_assert_int_eq(symlink(victim, path), 0);
	ck_assert_int_eq(lchown(path, pw->pw_uid, pw->pw_gid), 0);
	ck_assert_int_eq(journal_append(path, rec, len), -1);
	ck_assert_int_eq(errno, ELOOP);
	buf = get_file(victim, &n);
	ck_assert_str_eq(buf, "mine\n");
	free(buf);
	ck_assert_int_eq(access(pathof(sticky, "journal.lock"), F_OK), -1);
}
END_TEST

/*
 * Timestamps.
 */

START_TEST(test_parse_time)
{
	static const struct {
		const char	*s;
		time_t		 utc;
		int		 offset;
		bool		 allday;
	} good[] = {
		{ "2026-03-01T10:20:30Z", 1772360430, 0, false },
		{ "2026-03-01T10:20:30+00:00", 1772360430, 0, false },
		{ "2026-03-01T10:20:30+05:30", 1772340630, 330, false },
		{ "2026-03-01T10:20:30-08:00", 1772389230, -480, false },
		{ "2025-11-03T21:14:05+01:00", 1762200845, 60, false },
		{ "2026-12-31T23:59:59-00:00", 1798761599, 0, false },
		{ "1970-01-01T00:00:00Z", 0, 0, false },
		{ "2026-03-01", 1772323200, 0, true },
		{ "2028-02-29", 1835395200, 0, true },
	};
	static const char *const bad[] = {
		"", "2026", "2026-03-01T10:20Z", "2026-03-01T10:20",
		"2026-03-01T10:20:30", "2026-03-01T24:00:00Z",
		"2026-03-01T10:60:00Z", "2026-03-01T10:20:61Z",
		"2026-03-01T10:20:30+25:00", "2026-03-01T10:20:30+01:60",
		"2026-03-01T10:20:30+0100", "2026-03-01T10:20:30+01",
		"2026-02-30", "2026-02-29", "2026-13-01", "2026-00-10",
		"2026-3-1", "2026-03-01Z", "2026-03-01x",
		"2026-03-01T10:20:30Zjunk", "2026-03-01T10:20:30+01:00x",
		"2026-03-01 10:20:30Z", "2026-03-01t10:20:30Z",
		"2026-03-01T1a:20:30Z", " 2026-03-01", "2026-03-01 ",
		"today",
	};
	struct jtime	 t;
	size_t		 i;

	for (i = 0; i < nitems(good); i++) {
		ck_assert_msg(journal_parse_time(good[i].s, &t) == 0,
		    "%s was rejected", good[i].s);
		ck_assert_msg(t.utc == good[i].utc, "%s: %lld, not %lld",
		    good[i].s, (long long)t.utc, (long long)good[i].utc);
		ck_assert_int_eq(t.offset, good[i].offset);
		ck_assert_int_eq(t.allday, good[i].allday);
	}
	for (i = 0; i < nitems(bad); i++) {
		errno = 0;
		ck_assert_msg(journal_parse_time(bad[i], &t) == -1,
		    "\"%s\" was accepted", bad[i]);
		ck_assert_int_eq(errno, EINVAL);
	}
}
END_TEST

START_TEST(test_format_time)
{
	static const struct {
		const char	*zone;
		time_t		 t;
		bool		 allday;
		const char	*want;
	} cases[] = {
		{ "UTC", 1768478400, false, "2026-01-15T12:00:00Z" },
		{ "UTC", 1768478400, true, "2026-01-15" },
		{ "Europe/Paris", 1768478400, false,
		    "2026-01-15T13:00:00+01:00" },
		{ "Europe/Paris", 1784116800, false,
		    "2026-07-15T14:00:00+02:00" },
		{ "Europe/Paris", 1768519800, true, "2026-01-16" },
		{ "America/New_York", 1768478400, false,
		    "2026-01-15T07:00:00-05:00" },
		{ "America/St_Johns", 1768478400, false,
		    "2026-01-15T08:30:00-03:30" },
		{ "Asia/Kolkata", 1768478400, false,
		    "2026-01-15T17:30:00+05:30" },
	};
	static const char *const zones[] = {
		"UTC", "Europe/Paris", "America/New_York", "America/St_Johns",
		"Asia/Kolkata",
	};
	struct jtime	 jt;
	char		 buf[32];
	time_t		 t;
	size_t		 i, z;

	for (i = 0; i < nitems(cases); i++) {
		if (!check_set_zone(cases[i].zone))
			continue;
		journal_format_time(cases[i].t, cases[i].allday, buf,
		    sizeof(buf));
		ck_assert_str_eq(buf, cases[i].want);
	}

	/* Round trips, across both changes of Paris's clocks in 2026. */
	for (z = 0; z < nitems(zones); z++) {
		if (!check_set_zone(zones[z]))
			continue;
		for (t = 1774746000 - 7200; t < 1774746000 + 7200; t += 599) {
			journal_format_time(t, false, buf, sizeof(buf));
			ck_assert_int_eq(journal_parse_time(buf, &jt), 0);
			ck_assert_msg(jt.utc == t, "%s: %s is not %lld",
			    zones[z], buf, (long long)t);
		}
		for (t = 1792890000 - 7200; t < 1792890000 + 7200; t += 599) {
			journal_format_time(t, false, buf, sizeof(buf));
			ck_assert_int_eq(journal_parse_time(buf, &jt), 0);
			ck_assert_msg(jt.utc == t, "%s: %s is not %lld",
			    zones[z], buf, (long long)t);
		}
	}
}
END_TEST

START_TEST(test_valid_tag)
{
	static const char *const good[] = {
		"partner", "家族", "a/b-c_d", "x1", "2026", "Work", "-",
		"caf\xc3\xa9", "\xf0\x9f\x98\x80",
	};
	static const char *const bad[] = {
		"", "two words", "a@b", "@a", "a.b", "a,b", "a=b", "*", "a\tb",
		"a\nb", "caf\xc3", "\xff", "a:b", "a;b", "#a", "a'b",
	};
	char	 longest[JOURNAL_TAG_MAX + 1];
	size_t	 i;

	for (i = 0; i < nitems(good); i++)
		ck_assert_msg(journal_valid_tag(good[i]), "tag \"%s\" was "
		    "refused", good[i]);
	for (i = 0; i < nitems(bad); i++)
		ck_assert_msg(!journal_valid_tag(bad[i]), "tag \"%s\" was "
		    "accepted", bad[i]);

	/* Tags of up to 63 bytes, as the header's limit has them. */
	memset(longest, 'a', sizeof(longest));
	longest[JOURNAL_TAG_MAX - 1] = '\0';
	ck_assert(journal_valid_tag(longest));
	longest[JOURNAL_TAG_MAX - 1] = 'a';
	longest[JOURNAL_TAG_MAX] = '\0';
	ck_assert(!journal_valid_tag(longest));
}
END_TEST

START_TEST(test_valid_rating)
{
	static const char *const good[] = {
		"listen=4", "warmth=-2.5", "a_1=0", "x=10.25", "conflict=1",
		"k=123456789", "supersedes_not=1", "prompted=2",
		"abcdefghijklmnopqrstuvwxyzabcde=1",
	};
	static const char *const bad[] = {
		"listen", "=4", "Listen=4", "1x=4", "_x=4", "li-sten=4",
		"listen=", "listen=4.", "listen=.5", "listen=abc",
		"listen=4x", "listen=1e3", "listen=+4", "listen= 4",
		"listen==4", "listen=1234567890", "listen=--1",
		"supersedes=abcd1234", "prompt=0badcafe",
		"abcdefghijklmnopqrstuvwxyzabcdef=1",
	};
	const char	*errstr;
	size_t		 i;

	for (i = 0; i < nitems(good); i++) {
		ck_assert_msg(journal_valid_rating(good[i], &errstr),
		    "rating \"%s\" was refused: %s", good[i], errstr);
		ck_assert_ptr_null(errstr);
	}
	for (i = 0; i < nitems(bad); i++) {
		errstr = NULL;
		ck_assert_msg(!journal_valid_rating(bad[i], &errstr),
		    "rating \"%s\" was accepted", bad[i]);
		ck_assert_ptr_nonnull(errstr);
	}
}
END_TEST

/*
 * Rewriting (compact and check --repair).  The records below were written
 * by hand; their CRC-32s come from Python's zlib.
 */
#define RW_ONE	"%%entry 2026-11-02 aaaa000001 @a\none\n" \
		"%%end aaaa000001 4 f817a89f\n"
#define RW_TWO	"%%entry 2026-11-05T10:00:00Z aaaa000002\ntwo\n" \
		"%%end aaaa000002 4 96170874\n"
#define RW_THREE "%%entry 2026-11-01T09:00:00Z aaaa000003\nthree\n" \
		"%%end aaaa000003 6 ff46c5d8\n"
#define RW_FOUR	"%%entry 2026-11-06T10:00:00Z aaaa000004\nfour\n" \
		"%%end aaaa000004 5 1cf3ca74\n"
#define RW_DEL	"%%delete aaaa000004 2026-11-07T10:00:00Z\n"
#define RW_SEALED "%%sealed aaaa000009 v=1\nQUJD\n%%end aaaa000009 3 0\n"
#define RW_AGAIN "%%entry 2026-11-05T10:00:00Z aaaa000005 " \
		"supersedes=aaaa000002\ntwo again\n" \
		"%%end aaaa000005 10 7911d05f\n"

START_TEST(test_rewrite_compact)
{
	static const char before[] = JOURNAL_MAGIC "\n" RW_ONE RW_TWO
	    RW_THREE RW_FOUR RW_DEL RW_SEALED RW_AGAIN;
	static const char after[] = JOURNAL_MAGIC "\n" RW_ONE RW_THREE
	    RW_DEL RW_SEALED "%%delete aaaa000002 2026-11-05T10:00:00Z\n"
	    RW_AGAIN;
	struct stat	 st;
	char		*dir, *real, *link, *got;
	struct jrewrite	 res;
	size_t		 n;

	dir = newdir();
	real = pathof(dir, "journal");
	link = pathof(dir, "link");
	put_file(real, before, sizeof(before) - 1);
	ck_assert_int_eq(chmod(real, 0640), 0);
	ck_assert_int_eq(symlink(real, link), 0);
	ck_assert_int_eq(journal_rewrite(link, JREWRITE_COMPACT, NULL,
	    &res), 0);
	/*
	 * Superseded two and deleted four, whose tombstones stay: four's as
	 * it was, and one for two before the edit, dated as the edit.
	 */
	ck_assert_uint_eq(res.dropped, 2);
	ck_assert_uint_eq(res.folded, 0);
	got = get_file(real, &n);
	ck_assert_uint_eq(n, sizeof(after) - 1);
	ck_assert(memcmp(got, after, n) == 0);
	ck_assert_int_eq(lstat(link, &st), 0);
	ck_assert(S_ISLNK(st.st_mode));
	ck_assert_int_eq(stat(real, &st), 0);
	ck_assert_int_eq(st.st_mode & 07777, 0640);
	/* Compacting again changes nothing. */
	ck_assert_int_eq(journal_rewrite(real, JREWRITE_COMPACT, NULL,
	    &res), 0);
	ck_assert_uint_eq(res.dropped, 0);
	free(got);
	got = get_file(real, &n);
	ck_assert(n == sizeof(after) - 1 && memcmp(got, after, n) == 0);
	free(got);
	free(link);
	free(real);
	free(dir);
}
END_TEST

START_TEST(test_rewrite_repair)
{
	static const char before[] = JOURNAL_MAGIC "\n" RW_ONE
	    "%%entry 2026-11-03T10:00:00Z aaaa000007\ncut short\n"
	    RW_THREE "stray text\n" RW_SEALED;
	static const char after[] = JOURNAL_MAGIC "\n" RW_ONE RW_THREE
	    RW_SEALED;
	struct stat	 st;
	char		*dir, *path, *side, *got;
	struct jrewrite	 res;
	size_t		 n;

	dir = newdir();
	path = pathof(dir, "journal");
	side = pathof(dir, "journal.rejected");
	put_file(path, before, sizeof(before) - 1);
	ck_assert_int_eq(journal_rewrite(path, JREWRITE_REPAIR, side,
	    &res), 0);
	ck_assert_uint_eq(res.dropped, 2);
	got = get_file(path, &n);
	ck_assert(n == sizeof(after) - 1 && memcmp(got, after, n) == 0);
	free(got);
	got = get_file(side, &n);
	ck_assert_ptr_nonnull(strstr(got, "%%entry 2026-11-03T10:00:00Z "
	    "aaaa000007\ncut short\n"));
	ck_assert_ptr_nonnull(strstr(got, "\nstray text\n"));
	ck_assert_ptr_nonnull(strstr(got, "%%# moved here by journal check "
	    "--repair from "));
	ck_assert_ptr_nonnull(strstr(got, "text outside any entry; it is "
	    "no longer in the journal\n"));
	ck_assert_ptr_null(strstr(got, "kept in the file"));
	free(got);
	ck_assert_int_eq(stat(side, &st), 0);
	ck_assert_int_eq(st.st_mode & 0777, 0600);
	free(side);
	free(path);
	free(dir);
}
END_TEST

/*
 * Compaction keeps a torn last line, a tombstone cut before its newline,
 * and ends it as an append would: it still deletes nothing, then and
 * after another compaction.
 */
START_TEST(test_rewrite_compact_torn_tombstone)
{
	static const char before[] = JOURNAL_MAGIC "\n" RW_ONE RW_FOUR
	    "%%delete aaaa000004 2026-11-07T10:00:00Z";
	struct jrewrite	 res;
	struct gots	 gs;
	char		*dir, *path, *got, *want;
	size_t		 n;
	int		 round;

	dir = newdir();
	path = pathof(dir, "journal");
	put_file(path, before, sizeof(before) - 1);
	xasprintf(&want, "%s%s\n", before, JOURNAL_TORN_MARK);
	for (round = 0; round < 2; round++) {
		ck_assert_int_eq(journal_rewrite(path, JREWRITE_COMPACT, NULL,
		    &res), 0);
		ck_assert_uint_eq(res.dropped, 0);
		got = get_file(path, &n);
		ck_assert_uint_eq(n, strlen(want));
		ck_assert_mem_eq(got, want, n);
		free(got);
		read_path(path, &gs);
		ck_assert_uint_eq(gs.n, 3);
		assert_body(&gs.v[1], "aaaa000004", S("four\n"));
		assert_problem(&gs.v[2], 8);
		free_gots(&gs);
	}
	free(want);
	free(path);
	free(dir);
}
END_TEST

START_TEST(test_rewrite_later_version)
{
	static const char before[] = "%%journal 2\n" RW_ONE;
	struct dirent	*de;
	char		*dir, *path, *got;
	struct jrewrite	 res;
	size_t		 n, files = 0;
	DIR		*dp;

	dir = newdir();
	path = pathof(dir, "journal");
	put_file(path, before, sizeof(before) - 1);
	errno = 0;
	ck_assert_int_eq(journal_rewrite(path, JREWRITE_COMPACT, NULL,
	    &res), -1);
	ck_assert_int_eq(errno, ENOTSUP);
	got = get_file(path, &n);
	ck_assert(n == sizeof(before) - 1 && memcmp(got, before, n) == 0);
	free(got);
	/* Nothing left behind but the journal and its lock. */
	dp = opendir(dir);
	ck_assert_ptr_nonnull(dp);
	while ((de = readdir(dp)) != NULL)
		if (de->d_name[0] != '.')
			files++;
	closedir(dp);
	ck_assert_uint_eq(files, 2);
	free(path);
	free(dir);
}
END_TEST

/*
 * What is not a journal of the user's own is not rewritten, and is left
 * as it was: a directory, a FIFO (opened without blocking, or the rewrite
 * would hang) and a journal that others may write.
 */
START_TEST(test_rewrite_refuses)
{
	static const char before[] = "%%journal 1\n" RW_ONE;
	struct stat	 st;
	char		*dir, *path, *got;
	struct jrewrite	 res;
	size_t		 n;

	dir = newdir();
	path = pathof(dir, "journal");
	ck_assert_int_eq(mkdir(path, 0700), 0);
	errno = 0;
	ck_assert_int_eq(journal_rewrite(path, JREWRITE_COMPACT, NULL,
	    &res), -1);
	ck_assert_int_eq(errno, EISDIR);
	ck_assert_int_eq(rmdir(path), 0);
	ck_assert_int_eq(mkfifo(path, 0600), 0);
	errno = 0;
	ck_assert_int_eq(journal_rewrite(path, JREWRITE_REPAIR, NULL,
	    &res), -1);
	ck_assert_int_eq(errno, EINVAL);
	ck_assert_int_eq(unlink(path), 0);
	put_file(path, before, sizeof(before) - 1);
	ck_assert_int_eq(chmod(path, 0620), 0);
	errno = 0;
	ck_assert_int_eq(journal_rewrite(path, JREWRITE_COMPACT, NULL,
	    &res), -1);
	ck_assert_int_eq(errno, EPERM);
	got = get_file(path, &n);
	ck_assert(n == sizeof(before) - 1 && memcmp(got, before, n) == 0);
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_int_eq(st.st_mode & 0777, 0620);
	free(got);
	free(path);
	free(dir);
}
END_TEST

static Suite *
journal_suite(void)
{
	Suite	*s;
	TCase	*tc;

	s = suite_create("journal");

	tc = tcase_create("format");
	tcase_add_test(tc, test_format_round_trip);
	tcase_add_test(tc, test_format_exact_bytes);
	tcase_add_test(tc, test_format_escapes);
	tcase_add_test(tc, test_format_refuses);
	tcase_add_test(tc, test_format_refuses_smuggled_fields);
	tcase_add_test(tc, test_new_id);
	tcase_add_test(tc, test_id_of_bits);
	tcase_set_timeout(tc, 30);
	suite_add_tcase(s, tc);

	tc = tcase_create("read");
	tcase_add_test(tc, test_read_example);
	tcase_add_test(tc, test_read_comments);
	tcase_add_test(tc, test_read_checksum);
	tcase_add_test(tc, test_read_torn);
	tcase_add_test(tc, test_read_unknown);
	tcase_add_test(tc, test_read_unknown_torn);
	tcase_add_test(tc, test_read_stray_percent);
	tcase_add_test(tc, test_read_pass_old);
	tcase_add_test(tc, test_read_unknown_cut_end);
	tcase_add_test(tc, test_read_delete);
	tcase_add_test(tc, test_read_stray);
	tcase_add_test(tc, test_read_version);
	tcase_add_test(tc, test_read_bad_utf8);
	tcase_add_test(tc, test_rating_long_value);
	tcase_add_test(tc, test_truncate_every_offset);
	tcase_add_test(tc, test_truncate_every_offset_append);
	tcase_set_timeout(tc, 30);
	suite_add_tcase(s, tc);

	tc = tcase_create("append");
	tcase_add_test(tc, test_append_create);
	tcase_add_test(tc, test_append_create_umask_owner);
	tcase_add_test(tc, test_append_torn_tail);
	tcase_add_test(tc, test_append_torn_end_line);
	tcase_add_test(tc, test_append_concurrent);
	tcase_add_test(tc, test_append_killed);
	tcase_add_test(tc, test_append_full);
	tcase_add_test(tc, test_append_not_a_file);
	tcase_add_test(tc, test_append_symlink);
	tcase_add_test(tc, test_append_unknown_version);
	tcase_add_test(tc, test_append_torn_version);
	tcase_add_test(tc, test_append_unprivileged);
	tcase_add_test(tc, test_append_planted);
	tcase_set_timeout(tc, 60);
	suite_add_tcase(s, tc);

	tc = tcase_create("rewrite");
	tcase_add_test(tc, test_rewrite_compact);
	tcase_add_test(tc, test_rewrite_compact_torn_tombstone);
	tcase_add_test(tc, test_rewrite_repair);
	tcase_add_test(tc, test_rewrite_later_version);
	tcase_add_test(tc, test_rewrite_refuses);
	suite_add_tcase(s, tc);

	tc = tcase_create("time");
	tcase_add_test(tc, test_parse_time);
	tcase_add_test(tc, test_format_time);
	suite_add_tcase(s, tc);

	tc = tcase_create("valid");
	tcase_add_test(tc, test_valid_tag);
	tcase_add_test(tc, test_valid_rating);
	suite_add_tcase(s, tc);

	return s;
}

/* Directories made under an odd umask may lack the owner's bits. */
static int
open_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)ftw;
	if (flag == FTW_D && !S_ISLNK(sb->st_mode))
		chmod(path, 0700);
	return 0;
}

static int
remove_one(const char *path, const struct stat *sb, int flag,
    struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	remove(path);
	return 0;
}

int
main(void)
{
	SRunner		*sr;
	const char	*tmp;
	int		 failed;

	if ((tmp = getenv("TMPDIR")) == NULL || *tmp == '\0')
		tmp = "/tmp";
	snprintf(topdir, sizeof(topdir), "%s/check_journal.XXXXXX", tmp);
	if (mkdtemp(topdir) == NULL) {
		perror(topdir);
		return EXIT_FAILURE;
	}
	sr = srunner_create(journal_suite());
	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	nftw(topdir, open_one, 16, FTW_PHYS);
	nftw(topdir, remove_one, 16, FTW_DEPTH | FTW_PHYS);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
