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

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "checkutil.h"
#include "rapport.h"

/* Tests for import_jrnl.c: reading jrnl's journals for import. */

static const char sample[] =
    "a line before any entry\n"
    "\n"
    "[2024-01-02 10:00] Dinner out *\n"
    "We talked @partner about the move, caf\xc3\xa9 @caf\xc3\xa9 too.\n"
    "\n"
    "\n"
    "[2024-01-03 09:15:30 PM] Quiet day\n"
    "[2024-01-04 07:05:09] Morning @walk\n"
    "[not a date] stays in the body\n";

struct seen {
	char	 ids[4][JOURNAL_ID_MAX + 1];
	char	 ts[4][32];
	char	*bodies[4];
	bool	 starred[4];
	char	 tags[4][64];
	size_t	 n;
	size_t	 problems;
	size_t	 problem_line;
	char	 problem_msg[128];	/* the last one */
};

static int
keep(const struct jentry *e, void *arg)
{
	struct seen	*s = arg;
	size_t		 i;

	ck_assert_uint_lt(s->n, 4);
	strlcpy(s->ids[s->n], e->id, sizeof(s->ids[0]));
	strlcpy(s->ts[s->n], e->ts, sizeof(s->ts[0]));
	s->bodies[s->n] = strndup(e->body, e->bodylen);
	s->starred[s->n] = e->starred;
	s->tags[s->n][0] = '\0';
	for (i = 0; i < e->ntags; i++) {
		strlcat(s->tags[s->n], e->tags[i], sizeof(s->tags[0]));
		strlcat(s->tags[s->n], " ", sizeof(s->tags[0]));
	}
	s->n++;
	return 0;
}

static void
problem(const char *name, size_t line, const char *msg, void *arg)
{
	struct seen	*s = arg;

	(void)name;
	s->problems++;
	s->problem_line = line;
	strlcpy(s->problem_msg, msg, sizeof(s->problem_msg));
}

static void
read_text(const char *text, size_t len, struct seen *s)
{
	FILE	*fp;

	memset(s, 0, sizeof(*s));
	fp = fmemopen((void *)text, len, "r");
	ck_assert_ptr_nonnull(fp);
	ck_assert_int_eq(jrnl_read(fp, "sample", keep, problem, s), 0);
	fclose(fp);
}

static void
read_sample(const char *tz, struct seen *s)
{
	setenv("TZ", tz, 1);
	tzset();
	read_text(sample, sizeof(sample) - 1, s);
}

static void
free_seen(struct seen *s)
{
	size_t	 i;

	for (i = 0; i < s->n; i++)
		free(s->bodies[i]);
}

START_TEST(test_entries)
{
	struct seen	 s;
	size_t		 i;

	read_sample("UTC", &s);
	ck_assert_uint_eq(s.n, 3);
	ck_assert_str_eq(s.ts[0], "2024-01-02T10:00:00Z");
	ck_assert_str_eq(s.ts[1], "2024-01-03T21:15:30Z");
	ck_assert_str_eq(s.ts[2], "2024-01-04T07:05:09Z");
	/* The title starts the body; trailing blank lines go. */
	ck_assert_str_eq(s.bodies[0], "Dinner out\nWe talked @partner about "
	    "the move, caf\xc3\xa9 @caf\xc3\xa9 too.\n");
	ck_assert_str_eq(s.bodies[1], "Quiet day\n");
	ck_assert_str_eq(s.bodies[2], "Morning @walk\n[not a date] stays in "
	    "the body\n");
	ck_assert(s.starred[0]);
	ck_assert(!s.starred[1]);
	ck_assert_str_eq(s.tags[0], "partner caf\xc3\xa9 ");
	ck_assert_str_eq(s.tags[1], "");
	ck_assert_str_eq(s.tags[2], "walk ");
	/* The line before the first entry, reported with its number. */
	ck_assert_uint_eq(s.problems, 1);
	ck_assert_uint_eq(s.problem_line, 1);
	for (i = 0; i < s.n; i++)
		free(s.bodies[i]);
}
END_TEST

START_TEST(test_ids_stable)
{
	struct seen	 a, b;
	size_t		 i;

	/* The same file gives the same ids in any time zone. */
	read_sample("UTC", &a);
	read_sample("JST-9", &b);
	ck_assert_uint_eq(a.n, b.n);
	for (i = 0; i < a.n; i++) {
		ck_assert_str_eq(a.ids[i], b.ids[i]);
		ck_assert_uint_eq(strlen(a.ids[i]), JOURNAL_ID_LEN);
		free(a.bodies[i]);
		free(b.bodies[i]);
	}
	ck_assert_str_ne(a.ids[0], a.ids[1]);
	ck_assert_str_eq(b.ts[0], "2024-01-02T10:00:00+09:00");
}
END_TEST

/*
 * Identical entries, same stamp and text, are each imported, with ids
 * that stay the same from one import to the next; the first keeps the id
 * an entry alone has, as imports always gave it.
 */
START_TEST(test_identical_entries)
{
	static const char one[] = "[2026-11-02 09:30] Said twice\n"
	    "The same words.\n";
	static const char three[] = "[2026-11-02 09:30] Said twice\n"
	    "The same words.\n\n"
	    "[2026-11-02 09:30] Said twice\n"
	    "The same words.\n\n"
	    "[2026-11-02 09:31] Between\n"
	    "[2026-11-02 09:30] Said twice\n"
	    "The same words.\n";
	struct seen	 a, b, alone;

	setenv("TZ", "UTC", 1);
	tzset();
	read_text(one, sizeof(one) - 1, &alone);
	read_text(three, sizeof(three) - 1, &a);
	read_text(three, sizeof(three) - 1, &b);
	ck_assert_uint_eq(a.n, 4);
	ck_assert_uint_eq(a.problems, 0);
	ck_assert_str_eq(a.bodies[0], "Said twice\nThe same words.\n");
	ck_assert_str_eq(a.bodies[1], a.bodies[0]);
	ck_assert_str_eq(a.bodies[3], a.bodies[0]);
	ck_assert_str_eq(a.ids[0], alone.ids[0]);
	ck_assert_str_ne(a.ids[1], a.ids[0]);
	ck_assert_str_ne(a.ids[3], a.ids[0]);
	ck_assert_str_ne(a.ids[3], a.ids[1]);
	ck_assert_str_eq(a.ids[1], b.ids[1]);
	ck_assert_str_eq(a.ids[3], b.ids[3]);
	ck_assert_uint_eq(strlen(a.ids[3]), JOURNAL_ID_LEN);
	free_seen(&alone);
	free_seen(&a);
	free_seen(&b);
}
END_TEST

/*
 * A NUL byte (which would end the line) and bytes of no valid UTF-8 come
 * in as U+FFFD, and the rest of their line with them; the line is
 * reported, and the entries around are imported as they are.
 */
START_TEST(test_bytes_replaced)
{
	static const char text[] =
	    "stray \0 bytes \xff\n"
	    "[2026-11-01 09:30] A title with\0the rest of the title *\n"
	    "The text.\n"
	    "\n"
	    "[2026-11-02 09:30] Not UTF-8: caf\xe9 @caf\xe9 \xc3\n"
	    "\xed\xa0\x80 a surrogate, \xc0\xaf overlong\n"
	    "[2026-11-03 09:30] After\n";
	struct seen	 s;

	setenv("TZ", "UTC", 1);
	tzset();
	read_text(text, sizeof(text) - 1, &s);
	ck_assert_uint_eq(s.n, 3);
	ck_assert_str_eq(s.bodies[0], "A title with\xef\xbf\xbdthe rest of "
	    "the title\nThe text.\n");
	ck_assert(s.starred[0]);
	ck_assert_str_eq(s.bodies[1], "Not UTF-8: caf\xef\xbf\xbd "
	    "@caf\xef\xbf\xbd \xef\xbf\xbd\n"
	    "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd a surrogate, "
	    "\xef\xbf\xbd\xef\xbf\xbd overlong\n");
	ck_assert_str_eq(s.tags[1], "caf\xef\xbf\xbd ");
	ck_assert_str_eq(s.bodies[2], "After\n");
	/* Line 1 is not imported; lines 2, 5 and 6 are said. */
	ck_assert_uint_eq(s.problems, 4);
	ck_assert_uint_eq(s.problem_line, 6);
	ck_assert_str_eq(s.problem_msg, "5 bytes of NUL or invalid UTF-8 "
	    "imported as U+FFFD");
	free_seen(&s);
}
END_TEST

static void
problem_ignore(const char *name, size_t line, const char *msg, void *arg)
{
	(void)name;
	(void)line;
	(void)msg;
	(void)arg;
}

static int
stop(const struct jentry *e, void *arg)
{
	(void)e;
	(*(int *)arg)++;
	return 7;
}

START_TEST(test_callback_stops)
{
	FILE	*fp;
	int	 calls = 0;

	fp = fmemopen((void *)sample, sizeof(sample) - 1, "r");
	ck_assert_ptr_nonnull(fp);
	ck_assert_int_eq(jrnl_read(fp, "sample", stop, problem_ignore,
	    &calls), 7);
	ck_assert_int_eq(calls, 1);
	fclose(fp);
}
END_TEST

static Suite *
jrnl_suite(void)
{
	Suite	*s;
	TCase	*tc;

	s = suite_create("jrnl");
	tc = tcase_create("read");
	tcase_add_test(tc, test_entries);
	tcase_add_test(tc, test_ids_stable);
	tcase_add_test(tc, test_callback_stops);
	tcase_add_test(tc, test_identical_entries);
	tcase_add_test(tc, test_bytes_replaced);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return check_run("check_jrnl", jrnl_suite(), NULL);
}
