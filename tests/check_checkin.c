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
 * check_checkin: score's instrument, answers, scoring and review, against
 * cases worked out by hand.
 */

#include "config.h"

#include <check.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "checkutil.h"
#include "rapport.h"

/* Two dimensions on a 1 to 5 scale, one reverse-keyed item, a global. */
/* Items too long to name whole: cut at a blank, or at a character. */
static const char long_item[] =
    "title Long\n"
    "scale 1 never\nscale 2 rarely\nscale 3 sometimes\nscale 4 often\n"
    "scale 5 always\n"
    "dimension a cat-a first dimension\n"
    "item a1 did + I asked how they were really doing, and stayed for the "
    "answer.\n"
    "item a2 felt + Ahh\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
    "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
    "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9.\n";

static const char mini[] =
    "# a small instrument\n"
    "title Mini check-in\n"
    "scale 1 never\n"
    "scale 2 rarely\n"
    "scale 3 sometimes\n"
    "scale 4 often\n"
    "scale 5 always\n"
    "\n"
    "dimension a cat-a first dimension\n"
    "item a1 did + I did a thing.\n"
    "item a2 felt + I felt a thing.\n"
    "item a3 felt - I felt the opposite.\n"
    "dimension b cat-b second dimension\n"
    "item b1 did + I did b.\n"
    "item b2 felt + I felt b.\n"
    "global glad 0 6 How glad?\n"
    "anchor 0 not at all\n"
    "anchor 6 very\n";

static struct instrument in;

static void
load(const char *text)
{
	char	 err[ERRBUF_SIZE];

	ck_assert_msg(instrument_parse(&in, "mini", text, strlen(text), err,
	    sizeof(err)) == 0, "%s", err);
}

/* Parse a bad instrument: it must fail with this message. */
static void
bad(const char *text, const char *want)
{
	struct instrument	 x;
	char			 err[ERRBUF_SIZE] = "";

	ck_assert_msg(instrument_parse(&x, "bad", text, strlen(text), err,
	    sizeof(err)) == -1, "accepted: %s", text);
	ck_assert_msg(strstr(err, want) != NULL, "\"%s\" lacks \"%s\"", err,
	    want);
}

static void
teardown(void)
{
	instrument_free(&in);
}

START_TEST(test_parse_mini)
{
	load(mini);
	ck_assert_str_eq(in.title, "Mini check-in");
	ck_assert_int_eq(in.min, 1);
	ck_assert_int_eq(in.max, 5);
	ck_assert_str_eq(in.labels[4], "always");
	ck_assert_uint_eq(in.ndims, 2);
	ck_assert_uint_eq(in.nitems, 6);
	ck_assert_uint_eq(in.dims[0].nitems, 3);
	ck_assert_str_eq(in.dims[1].category, "cat-b");
	ck_assert_str_eq(in.dims[1].name, "second dimension");
	ck_assert(in.items[2].reversed && in.items[2].felt);
	ck_assert(!in.items[0].reversed && !in.items[0].felt);
	ck_assert_uint_eq(in.items[5].dim, CHECKIN_NOWHERE);
	ck_assert_int_eq(in.items[5].min, 0);
	ck_assert_int_eq(in.items[5].max, 6);
	ck_assert_str_eq(in.items[5].anchors[6], "very");
	ck_assert(in.items[5].anchors[3] == NULL);
	ck_assert_int_eq(instrument_find(&in, "b2"), 4);
	ck_assert_int_eq(instrument_find(&in, "zz"), -1);
	ck_assert_int_eq(instrument_find_dim(&in, "b"), 1);
}
END_TEST

/* The shipped instrument, as the issue asks it to be. */
START_TEST(test_parse_shipped)
{
	char	*buf, err[ERRBUF_SIZE], path[4096];
	size_t	 len, d, i, did, felt, rev, globals = 0;

	snprintf(path, sizeof(path), "%s/data/checkin", getenv("top_srcdir"));
	ck_assert_msg(file_read(path, &buf, &len) == 0, "%s", path);
	ck_assert_msg(instrument_parse(&in, path, buf, len, err,
	    sizeof(err)) == 0, "%s", err);
	free(buf);
	ck_assert_uint_eq(in.ndims, 7);
	ck_assert_int_eq(in.max - in.min + 1, 5);
	for (d = 0; d < in.ndims; d++) {
		did = felt = rev = 0;
		for (i = 0; i < in.nitems; i++) {
			if (in.items[i].dim != d)
				continue;
			did += !in.items[i].felt;
			felt += in.items[i].felt;
			rev += in.items[i].reversed;
		}
		ck_assert_msg(did + felt == 3, "%s: %zu items",
		    in.dims[d].key, did + felt);
		ck_assert_msg(did >= 1 && felt >= 1, "%s: no did or felt",
		    in.dims[d].key);
		ck_assert_msg(rev <= 1, "%s: %zu reversed", in.dims[d].key,
		    rev);
	}
	for (i = 0; i < in.nitems; i++)
		if (in.items[i].dim == CHECKIN_NOWHERE)
			globals++;
	ck_assert_uint_eq(globals, 2);
	ck_assert(in.items[instrument_find(&in, "closeness")].circles);
}
END_TEST

START_TEST(test_parse_errors)
{
	bad("title T\n", "bad:1: no scale");
	bad("scale 1 a\nscale 2 b\ndimension d c name\nitem x did + t\n"
	    "item y did + t\n", "no title");
	bad("title T\nscale 1 a\nscale 2 b\n"
	    "dimension d c name\nitem x did + t\n", "bad:4: dimension d has "
	    "1 item; a dimension needs at least two");
	bad("title T\nscale 1 a\nscale 3 b\n", "bad:3: scale point 3");
	bad("title T\nscale 1 a\nscale 2 b\nitem x did + t\n",
	    "bad:4: item x: an item belongs after its dimension");
	bad("title T\nscale 1 a\nscale 2 b\ndimension d c n\n"
	    "item x did + t\nitem x felt + t\n", "bad:6: x: key used twice");
	bad("title T\nscale 1 a\nscale 2 b\ndimension d c n\n"
	    "item x maybe + t\nitem y did + t\n", "bad:5: item x: say whether");
	bad("title T\nscale 1 a\nscale 2 b\ndimension d c n\n"
	    "item x did ? t\n", "bad:5: item x: say + ");
	bad("title T\nscale 1 a\nscale 2 b\ndimension d c n\n"
	    "item Bad did + t\n", "bad:5: Bad: a key is");
	bad("title T\nscale 1 a\nscale 2 b\ndimension total c n\n",
	    "bad:4: total: a reserved key");
	bad("title T\nfrobnicate 1\n", "bad:2: frobnicate: not a line");
	bad("title T\nscale 1 \xff\n", "bad:2: not valid UTF-8");
	bad("title T\nscale 1 a\x01\n", "bad:2: a control character");
	bad("title T\nscale 1 a\nscale 2 b\nglobal g 0 3 t\nanchor 4 x\n",
	    "bad:5: 4: not a number from 0 to 3");
	bad("title T\nscale 1 a\nscale 2 b\nanchor 1 x\n",
	    "bad:4: an anchor belongs after a global item");
	bad("title T\nscale 1 a\nscale 2 b\ndimension d c n\n"
	    "item x did +\n", "bad:5: item x: the text is missing");
	bad("", "bad:0: no title");
}
END_TEST

START_TEST(test_round_and_band)
{
	load(mini);
	ck_assert(fabs(score_round(3.45) - 3.5) < 1e-9);
	ck_assert(fabs(score_round(2.25) - 2.3) < 1e-9);
	ck_assert(fabs(score_round(3.449) - 3.4) < 1e-9);
	ck_assert(fabs(score_round(14.0 / 3) - 4.7) < 1e-9);
	ck_assert_str_eq(instrument_band(&in, 3.45), "often");
	ck_assert_str_eq(instrument_band(&in, 3.44), "sometimes");
	ck_assert_str_eq(instrument_band(&in, 1.0), "never");
	ck_assert_str_eq(instrument_band(&in, 1.5), "rarely");
	ck_assert_str_eq(instrument_band(&in, 4.5), "always");
	ck_assert_str_eq(instrument_band(&in, 5.0), "always");
}
END_TEST

/* a: 4, 5 and 1 turned to 5 make 14/3; b: 2 and 3 make 2.5. */
START_TEST(test_score_reverse_keying)
{
	int	 answers[6] = { 4, 5, 1, 2, 3, CHECKIN_NONE };
	double	 dims[2], total;

	load(mini);
	checkin_score(&in, answers, dims, &total);
	ck_assert(fabs(dims[0] - 14.0 / 3) < 1e-9);
	ck_assert(fabs(dims[1] - 2.5) < 1e-9);
	ck_assert(fabs(total - (14.0 / 3 + 2.5) / 2) < 1e-9);
	ck_assert(fabs(score_round(total) - 3.6) < 1e-9);
}
END_TEST

/* Two of three answered make a score; one of three does not. */
START_TEST(test_score_missing)
{
	int	 two[6] = { 4, CHECKIN_NONE, 2, 1, 1, 3 };
	int	 one[6] = { 4, CHECKIN_NONE, CHECKIN_NONE, 1, 1, 3 };
	int	 half[6] = { 4, 4, 4, 1, CHECKIN_NONE, 3 };
	double	 dims[2], total;

	load(mini);
	checkin_score(&in, two, dims, &total);
	ck_assert(fabs(dims[0] - 4.0) < 1e-9);
	ck_assert(fabs(total - 2.5) < 1e-9);
	checkin_score(&in, one, dims, &total);
	ck_assert(isnan(dims[0]));
	ck_assert(fabs(dims[1] - 1.0) < 1e-9);
	/* Of two dimensions, both are needed: five sevenths of 2 is 2. */
	ck_assert(isnan(total));
	/* One of two items is not more than half. */
	checkin_score(&in, half, dims, &total);
	ck_assert(isnan(dims[1]));
}
END_TEST

/* Of seven dimensions, five make a total and four do not. */
START_TEST(test_score_five_of_seven)
{
	char	 text[2048];
	int	 answers[14];
	double	 dims[7], total;
	size_t	 i;

	strlcpy(text, "title T\nscale 1 a\nscale 2 b\nscale 3 c\n",
	    sizeof(text));
	for (i = 0; i < 7; i++)
		snprintf(text + strlen(text), sizeof(text) - strlen(text),
		    "dimension d%zu c%zu n\nitem x%zu did + t\n"
		    "item y%zu felt + t\n", i, i, i, i);
	load(text);
	for (i = 0; i < 14; i++)
		answers[i] = i < 10 ? (int)(i / 2) % 3 + 1 : CHECKIN_NONE;
	checkin_score(&in, answers, dims, &total);
	/* d0..d4 score 1, 2, 3, 1, 2: mean 9/5. */
	ck_assert(isnan(dims[5]) && isnan(dims[6]));
	ck_assert(fabs(total - 1.8) < 1e-9);
	answers[8] = answers[9] = CHECKIN_NONE;
	checkin_score(&in, answers, dims, &total);
	ck_assert(isnan(total));
}
END_TEST

static int
read_answers(const char *text, int *answers, char *err, size_t errlen)
{
	FILE	*fp;
	int	 n;

	fp = fmemopen((void *)text, strlen(text), "r");
	ck_assert(fp != NULL);
	n = answers_read(&in, fp, "ans", answers, err, errlen);
	fclose(fp);
	return n;
}

START_TEST(test_answers_good)
{
	int	 answers[6];
	char	 err[ERRBUF_SIZE];

	load(mini);
	ck_assert_int_eq(read_answers("a1=4\n# a comment\n\n  a3 = 2 \n"
	    "glad=0", answers, err, sizeof(err)), 3);
	ck_assert_int_eq(answers[0], 4);
	ck_assert_int_eq(answers[1], CHECKIN_NONE);
	ck_assert_int_eq(answers[2], 2);
	ck_assert_int_eq(answers[5], 0);
	ck_assert_int_eq(read_answers("", answers, err, sizeof(err)), 0);
}
END_TEST

static void
answers_bad(const char *text, const char *want)
{
	int	 answers[6];
	char	 err[ERRBUF_SIZE] = "";

	ck_assert_msg(read_answers(text, answers, err, sizeof(err)) == -1,
	    "accepted %s", text);
	ck_assert_msg(strstr(err, want) != NULL, "\"%s\" lacks \"%s\"", err,
	    want);
}

START_TEST(test_answers_bad)
{
	load(mini);
	answers_bad("a1=4\na2=9\n", "ans:2: item 2, \"I felt a thing.\": 9 is "
	    "out of range 1 to 5");
	answers_bad("glad=7\n", "ans:1: item 6, \"How glad?\": 7 is out of "
	    "range 0 to 6");
	answers_bad("a1=x\n", "ans:1: item 1, \"I did a thing.\": x is not a "
	    "whole number from 1 to 5");
	answers_bad("a1=3.5\n", "not a whole number");
	answers_bad("a1=\n", "ans:1: item 1, \"I did a thing.\": the answer "
	    "is missing");
	answers_bad("\nzz=1\n", "ans:2: zz: no such item");
	answers_bad("a1=1\n\na1=2\n", "ans:3: item 1, \"I did a thing.\" "
	    "answered twice (first on line 1)");
	answers_bad("a1 4\n", "ans:1: not an item=value line");
	instrument_free(&in);
	load(long_item);
	answers_bad("a1=6\n", "ans:1: item 1, \"I asked how they were really "
	    "doing, and...\": 6 is out of range 1 to 5");
	answers_bad("a2=6\n", "ans:1: item 2, \"Ahh\xc3\xa9\xc3\xa9\xc3\xa9"
	    "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
	    "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
	    "\xc3\xa9...\": 6");
	answers_bad("=4\n", "ans:1: the item before = is missing");
}
END_TEST

/* The entry of a check-in reads back from the journal as it was made. */
START_TEST(test_entry_round_trip)
{
	struct jentry	 e;
	struct jreader	 r;
	struct jevent	 ev;
	int		 answers[6] = { 4, 5, 1, 2, CHECKIN_NONE, 6 };
	char		*rec;
	size_t		 len, i;
	const char	*want[] = { "a1=4", "a2=5", "a3=1", "b1=2", "glad=6",
	    "a=4.7" };
	char		 got[64];

	load(mini);
	ck_assert_int_eq(checkin_entry(&in, answers, 1795694400, &e), 0);
	ck_assert_int_eq(journal_format_entry(&e, &rec, &len), 0);
	jreader_init_mem(&r, "rec", rec, len);
	ck_assert_int_eq(jreader_next(&r, &ev), 1);
	ck_assert_int_eq(ev.kind, JREC_ENTRY);
	ck_assert(ev.problem == NULL);
	ck_assert_uint_eq(ev.entry.ntags, 1);
	ck_assert_str_eq(ev.entry.tags[0], CHECKIN_TAG);
	/* b has one answer of two: no b, so no total either. */
	ck_assert_uint_eq(ev.entry.nratings, 6);
	for (i = 0; i < 6; i++) {
		snprintf(got, sizeof(got), "%s=%s", ev.entry.ratings[i].key,
		    ev.entry.ratings[i].text);
		ck_assert_str_eq(got, want[i]);
	}
	jreader_free(&r);
	free(rec);
	jentry_free(&e);
	for (i = 0; i < 6; i++)
		answers[i] = CHECKIN_NONE;
	ck_assert_int_eq(checkin_entry(&in, answers, 0, &e), -1);
}
END_TEST

/* Names of whom a check-in is about: the rule, and folded to lower case. */
START_TEST(test_about_name)
{
	char	 buf[CHECKIN_ABOUT_MAX + 1];
	const char *bad[] = { "", "two words", "-dash", "_x", "a.b", "a/b",
	    "zo\xc3\xab", "0123456789012345678901234567890x" };
	size_t	 i;

	ck_assert_int_eq(checkin_about_name("Anna-Lou_2", buf, sizeof(buf)),
	    0);
	ck_assert_str_eq(buf, "anna-lou_2");
	ck_assert_int_eq(checkin_about_name("0123456789012345678901234567890",
	    buf, sizeof(buf)), 0);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_int_eq(checkin_about_name(bad[i], buf, sizeof(buf)),
		    -1);
}
END_TEST

/* The tag written, none for partner, and read back; partner without. */
START_TEST(test_about_tag)
{
	struct jentry	 e;
	int		 answers[6] = { 4, 5, 1, 2, 2, 6 };
	char		 buf[CHECKIN_ABOUT_MAX + 1];

	load(mini);
	ck_assert_int_eq(checkin_entry(&in, answers, 1795694400, &e), 0);
	ck_assert_int_eq(checkin_about(&e, buf, sizeof(buf)), 0);
	ck_assert_str_eq(buf, CHECKIN_ABOUT_DEFAULT);
	checkin_set_about(&e, CHECKIN_ABOUT_DEFAULT);
	ck_assert_uint_eq(e.ntags, 1);
	checkin_set_about(&e, "mum");
	ck_assert_uint_eq(e.ntags, 2);
	ck_assert_str_eq(e.tags[1], "about/mum");
	ck_assert_int_eq(checkin_about(&e, buf, sizeof(buf)), 1);
	ck_assert_str_eq(buf, "mum");
	/* By hand, in capitals: the same person. */
	free(e.tags[1]);
	e.tags[1] = xstrdup("about/Mum");
	ck_assert_int_eq(checkin_about(&e, buf, sizeof(buf)), 1);
	ck_assert_str_eq(buf, "mum");
	free(e.tags[1]);
	e.tags[1] = xstrdup("about/a b");
	ck_assert_int_eq(checkin_about(&e, buf, sizeof(buf)), 0);
	ck_assert_str_eq(buf, CHECKIN_ABOUT_DEFAULT);
	jentry_free(&e);
}
END_TEST

/* A journal in memory, built a record at a time. */
static char	 journal[65536];
static int	 serial;

static void
add_record(const char *ts, const char *words)
{
	snprintf(journal + strlen(journal), sizeof(journal) - strlen(journal),
	    "%%%%entry %s id%04d %s\n%%%%end id%04d 0 00000000\n", ts, serial,
	    words, serial);
	serial++;
}

static void
review_setup(void)
{
	setenv("TZ", "UTC", 1);
	tzset();
	journal[0] = '\0';
	serial = 0;
	load(mini);
}

static void
count_problem(const char *path, size_t line, const char *msg, void *arg)
{
	(void)path;
	(void)line;
	(void)msg;
	(*(int *)arg)++;
}

/* 2026-11-26T12:00:00Z, a Thursday. */
#define NOW	((time_t)1795694400)

static void
run_review_from(struct review *r, int *problems, long horizon)
{
	FILE	*fp;

	review_init(r, &in, NOW, horizon);
	fp = fmemopen(journal, strlen(journal), "r");
	ck_assert(fp != NULL);
	ck_assert_int_eq(review_read(r, fp, "j", count_problem, problems), 0);
	fclose(fp);
	review_finish(r);
}

static void
run_review(struct review *r, int *problems)
{
	run_review_from(r, problems, LONG_MIN);
}

/* Eight Monday check-ins from 2026-10-05, a from the fifth week up. */
static void
eight_weeks(const double *a)
{
	char	 ts[32], words[128];
	int	 w, v;
	struct ymd d;

	for (w = 0; w < 8; w++) {
		date_from_days(date_days(2026, 10, 5) + 7 * w, &d);
		snprintf(ts, sizeof(ts), "%04d-%02d-%02dT20:00:00Z", d.year,
		    d.month, d.day);
		v = (int)a[w];
		snprintf(words, sizeof(words), "@checkin a1=%d a2=%d a3=%d "
		    "b1=3 b2=3", v, v, 6 - v);
		add_record(ts, words);
	}
}

START_TEST(test_review_change_up)
{
	struct review	 r;
	double		 a[8] = { 2, 2, 2, 2, 4, 4, 4, 4 }, delta, w[8];
	long		 base, from;
	int		 problems = 0;

	eight_weeks(a);
	run_review(&r, &problems);
	ck_assert_int_eq(problems, 0);
	ck_assert_uint_eq(r.ncheckins, 8);
	from = date_days(2026, 10, 5);
	ck_assert_uint_eq(review_weeks(&r, from, 0, w, 8), 8);
	ck_assert(fabs(w[0] - 2.0) < 1e-9 && fabs(w[7] - 4.0) < 1e-9);
	/* Fewer than 10 check-ins: SD 0.8, alpha 0.80. */
	ck_assert(fabs(r.threshold[0] - 1.96 * sqrt(2) * 0.8 * sqrt(0.2)) <
	    1e-9);
	ck_assert(!r.own[0]);
	ck_assert_int_eq(review_change(&r, from, 0, &delta, &base), 1);
	ck_assert(fabs(delta - 2.0) < 1e-9);
	ck_assert_int_eq(base, from);
	ck_assert_int_eq(review_change(&r, from, 1, &delta, &base), 0);
	review_free(&r);
}
END_TEST

/* One good week, or two not good enough, are not a change. */
START_TEST(test_review_no_change)
{
	struct review	 r;
	double		 once[8] = { 2, 2, 2, 2, 2, 2, 2, 4 };
	double		 down[8] = { 5, 5, 5, 5, 5, 3, 3, 3 }, delta;
	long		 base, from = date_days(2026, 10, 5);
	int		 problems = 0, i;
	struct ymd	 d;
	char		 ts[32];

	eight_weeks(once);
	run_review(&r, &problems);
	ck_assert_int_eq(review_change(&r, from, 0, &delta, &base), 0);
	ck_assert(fabs(delta - 2.0) < 1e-9);
	review_free(&r);

	/* Up by 2/3 at the last two: below the threshold of 0.99. */
	journal[0] = '\0';
	for (i = 0; i < 8; i++) {
		date_from_days(from + 7 * i, &d);
		snprintf(ts, sizeof(ts), "%04d-%02d-%02dT20:00:00Z", d.year,
		    d.month, d.day);
		add_record(ts, i < 6 ? "@checkin a1=2 a2=2 a3=4" :
		    "@checkin a1=3 a2=3 a3=4");
	}
	run_review(&r, &problems);
	ck_assert_int_eq(review_change(&r, from, 0, &delta, &base), 0);
	ck_assert(fabs(delta - 2.0 / 3) < 1e-9);
	review_free(&r);

	journal[0] = '\0';
	eight_weeks(down);
	run_review(&r, &problems);
	ck_assert_int_eq(review_change(&r, from, 0, &delta, &base), -1);
	ck_assert(fabs(delta + 2.0) < 1e-9);
	review_free(&r);
}
END_TEST

/*
 * Ten check-ins whose b items rise and fall together, 1 to 5 twice: alpha
 * is 1, held to 0.95; SD is sqrt(20/9).  Their a items never move: SD 0,
 * so the threshold is its floor, half a point.
 */
START_TEST(test_review_own_history)
{
	struct review	 r;
	char		 ts[32], words[128];
	int		 i, problems = 0;

	for (i = 0; i < 10; i++) {
		snprintf(ts, sizeof(ts), "2026-09-%02dT08:00:00Z", i + 1);
		snprintf(words, sizeof(words), "@checkin a1=3 a2=3 a3=3 "
		    "b1=%d b2=%d", i % 5 + 1, i % 5 + 1);
		add_record(ts, words);
	}
	run_review(&r, &problems);
	ck_assert(r.own[1]);
	ck_assert(fabs(r.alpha[1] - 0.95) < 1e-9);
	ck_assert(fabs(r.sd[1] - sqrt(20.0 / 9)) < 1e-9);
	ck_assert(fabs(r.threshold[1] - 1.96 * sqrt(2) * sqrt(20.0 / 9) *
	    sqrt(0.05)) < 1e-9);
	ck_assert(fabs(r.threshold[0] - 0.5) < 1e-9);
	review_free(&r);
}
END_TEST

/* Deleted and superseded check-ins are not counted; damage is reported. */
START_TEST(test_review_dead_and_damaged)
{
	struct review	 r;
	int		 problems = 0;

	add_record("2026-11-02T20:00:00Z", "@checkin a1=1 a2=1 a3=5 b1=1 b2=1");
	add_record("2026-11-09T20:00:00Z", "@checkin a1=2 a2=2 a3=4 b1=2 b2=2");
	add_record("2026-11-16T20:00:00Z", "@checkin a1=5 a2=5 a3=1 b1=5 b2=5 "
	    "supersedes=id0001");
	strlcat(journal, "%%delete id0000 2026-11-20T10:00:00Z\n",
	    sizeof(journal));
	strlcat(journal, "stray text\n%%entry 2026-11-17T20:00:00Z torn1 "
	    "@checkin a1=1\n", sizeof(journal));
	strlcat(journal, "%%sealed v1\nabc\n%%end sealed\n", sizeof(journal));
	run_review(&r, &problems);
	ck_assert_uint_eq(r.ncheckins, 1);
	ck_assert(fabs(r.checkins[0].dims[0] - 5.0) < 1e-9);
	ck_assert_int_eq(problems, 2);
	review_free(&r);
}
END_TEST

/*
 * Review a check-in (every answer 1, 1 on the first dimension) and an edit
 * of it (every answer 5), whose body and end line are given.
 */
static void
review_edited(const char *edit_rest, double want, int want_problems)
{
	struct review	 r;
	int		 problems = 0;

	review_setup();
	add_record("2026-11-02T20:00:00Z", "@checkin a1=1 a2=1 a3=5 b1=1 b2=1");
	strlcat(journal, "%%entry 2026-11-03T20:00:00Z edit0001 @checkin "
	    "a1=5 a2=5 a3=1 b1=5 b2=5 supersedes=id0000\n", sizeof(journal));
	strlcat(journal, edit_rest, sizeof(journal));
	run_review(&r, &problems);
	ck_assert_uint_eq(r.ncheckins, 1);
	ck_assert(fabs(r.checkins[0].dims[0] - want) < 1e-9);
	ck_assert_int_eq(problems, want_problems);
	review_free(&r);
}

/*
 * An edit whose body is not UTF-8 cannot be read whole, and supersedes
 * nothing, as for the journal's own commands; one whose checksum is wrong
 * is read with a warning, and does.
 */
START_TEST(test_review_damaged_edit)
{
	review_edited("\xff\n%%end edit0001 1 00000000\n", 1.0, 1);
	review_edited("fine\n%%end edit0001 4 00000000\n", 5.0, 1);
}
END_TEST

/* A scores written in the entry count where its answers are too few. */
START_TEST(test_review_stored_scores)
{
	struct review	 r;
	int		 problems = 0;

	add_record("2026-11-16T20:00:00Z", "@checkin a=3.5 b=2.0 total=2.8");
	add_record("2026-11-17T20:00:00Z", "@checkin a1=4 a2=4 a=1.0");
	add_record("2026-11-18T20:00:00Z", "@checkin mood=3");
	run_review(&r, &problems);
	ck_assert_uint_eq(r.ncheckins, 2);
	ck_assert(fabs(r.checkins[0].dims[0] - 3.5) < 1e-9);
	ck_assert(fabs(r.checkins[0].total - 2.75) < 1e-9);
	/* Answers win over a score written beside them. */
	ck_assert(fabs(r.checkins[1].dims[0] - 4.0) < 1e-9);
	ck_assert(isnan(r.checkins[1].total));
	review_free(&r);
}
END_TEST

/*
 * connected=4 on days 0-4 and 7-13 before today, and 2 or 3 on days
 * 14-34 (2 on even days): 4.0 on 5 days against 80/28 = 2.86 on 28, whose
 * SD is sqrt((246 - 80 * 80 / 28) / 27) = 0.80; 1.14 beyond it: up.
 */
START_TEST(test_review_daily)
{
	struct review	 r;
	struct dstat	 recent, prior;
	struct ymd	 d;
	char		 ts[32], words[64];
	long		 today = date_days(2026, 11, 26), k;
	int		 problems = 0;

	for (k = 0; k <= 34; k++) {
		if (k == 5 || k == 6)
			continue;
		date_from_days(today - k, &d);
		snprintf(ts, sizeof(ts), "%04d-%02d-%02dT09:00:00Z", d.year,
		    d.month, d.day);
		snprintf(words, sizeof(words), "connected=%ld",
		    k <= 13 ? 4 : 2 + k % 2);
		add_record(ts, words);
	}
	/* A future entry and an old one do not count. */
	add_record("2026-11-27T09:00:00Z", "connected=1");
	add_record("2026-01-01T09:00:00Z", "connected=1");
	run_review(&r, &problems);
	ck_assert_uint_eq(r.nkeys, 1);
	ck_assert_str_eq(r.keys[0], "connected");
	ck_assert_int_eq(review_daily(&r, 0, &recent, &prior), 1);
	ck_assert_int_eq(recent.days, 5);
	ck_assert(fabs(recent.mean - 4.0) < 1e-9);
	ck_assert_int_eq(prior.days, 28);
	ck_assert(fabs(prior.mean - 80.0 / 28) < 1e-9);
	review_free(&r);
}
END_TEST

/*
 * Only the latest week up, 4 on each day against 2 and 3 in turn: 1.5
 * above a mean of 2.5 whose SD is 0.51, up at once, as a person would say
 * (with no review a week earlier asked to agree, as before).
 */
START_TEST(test_review_daily_week)
{
	struct review	 r;
	struct dstat	 recent, prior;
	struct ymd	 d;
	char		 ts[32], words[64];
	long		 today = date_days(2026, 11, 26), k;
	int		 problems = 0;

	for (k = 0; k <= 34; k++) {
		date_from_days(today - k, &d);
		snprintf(ts, sizeof(ts), "%04d-%02d-%02dT09:00:00Z", d.year,
		    d.month, d.day);
		snprintf(words, sizeof(words), "connected=%ld",
		    k <= 6 ? 4 : 2 + k % 2);
		add_record(ts, words);
	}
	run_review(&r, &problems);
	ck_assert_int_eq(review_daily(&r, 0, &recent, &prior), 1);
	ck_assert_int_eq(recent.days, 7);
	review_free(&r);
}
END_TEST

/*
 * Before the horizon, entries are skimmed and not taken; daily ratings of
 * the last six weeks are read whatever the horizon, and a superseding
 * entry from before it still counts.
 */
START_TEST(test_review_horizon)
{
	struct review	 r;
	struct dstat	 recent, prior;
	int		 problems = 0;

	add_record("2025-03-02T20:00:00Z", "@checkin a1=1 a2=1 a3=5");
	add_record("2025-03-09T20:00:00Z", "@day @checkin a1=2 a2=2 a3=4");
	add_record("2026-10-01T20:00:00Z", "@checkin a1=4 a2=4 a3=2");
	add_record("2026-11-20T20:00:00Z", "connected=4");
	add_record("2026-11-21T20:00:00Z", "@checkin a1=5 a2=5 a3=1");
	add_record("2025-03-10T20:00:00Z", "@x supersedes=id0004");
	/* A horizon later than six weeks ago is taken as six weeks ago. */
	run_review_from(&r, &problems, date_days(2026, 11, 23));
	ck_assert_int_eq(r.horizon, date_days(2026, 11, 26) - REVIEW_DAYS);
	ck_assert_uint_eq(r.ncheckins, 0);
	ck_assert_int_eq(review_daily(&r, 0, &recent, &prior), 0);
	ck_assert_int_eq(recent.days, 1);
	review_free(&r);

	run_review_from(&r, &problems, date_days(2026, 1, 1));
	ck_assert_uint_eq(r.ncheckins, 1);
	ck_assert_int_eq(r.checkins[0].day, date_days(2026, 10, 1));
	review_free(&r);

	run_review(&r, &problems);
	ck_assert_uint_eq(r.ncheckins, 3);
	review_free(&r);
	ck_assert_int_eq(problems, 0);
}
END_TEST

/*
 * Two people interleaved: zed's check-ins (a = 4, then 2) before ann's
 * (a = 2, then 4) on the same days, and one of before the tag, about
 * partner.  Sorted by name, each review holds only its person's.
 */
START_TEST(test_review_people)
{
	struct review	 r, one;
	double		 w[2];
	long		 from = date_days(2026, 11, 16);
	int		 problems = 0;

	add_record("2026-11-16T20:00:00Z", "@checkin @about/zed a1=4 a2=4 "
	    "a3=2 b1=3 b2=3");
	add_record("2026-11-16T21:00:00Z", "@checkin @about/ann a1=2 a2=2 "
	    "a3=4 b1=3 b2=3");
	add_record("2026-11-23T20:00:00Z", "@checkin @about/zed a1=2 a2=2 "
	    "a3=4 b1=3 b2=3");
	add_record("2026-11-23T21:00:00Z", "@checkin @about/ann a1=4 a2=4 "
	    "a3=2 b1=3 b2=3");
	add_record("2026-11-24T20:00:00Z", "@checkin a1=3 a2=3 a3=3 b1=3 b2=3");
	run_review(&r, &problems);
	ck_assert_int_eq(problems, 0);
	ck_assert_uint_eq(r.ncheckins, 5);
	ck_assert_uint_eq(r.npeople, 3);
	ck_assert_str_eq(r.people[0], "ann");
	ck_assert_str_eq(r.people[1], "partner");
	ck_assert_str_eq(r.people[2], "zed");
	ck_assert_uint_eq(review_find_person(&r, "zed"), 2);
	ck_assert_uint_eq(review_find_person(&r, "bob"), CHECKIN_NOWHERE);

	review_of_person(&r, 0, NULL, &one);
	ck_assert_uint_eq(one.ncheckins, 2);
	ck_assert_str_eq(one.people[0], "ann");
	ck_assert_uint_eq(review_weeks(&one, from, 0, w, 2), 2);
	ck_assert(fabs(w[0] - 2.0) < 1e-9 && fabs(w[1] - 4.0) < 1e-9);
	review_free(&one);

	review_of_person(&r, 2, NULL, &one);
	ck_assert_uint_eq(review_weeks(&one, from, 0, w, 2), 2);
	ck_assert(fabs(w[0] - 4.0) < 1e-9 && fabs(w[1] - 2.0) < 1e-9);
	review_free(&one);

	review_of_person(&r, CHECKIN_NOWHERE, "bob", &one);
	ck_assert_uint_eq(one.ncheckins, 0);
	ck_assert_str_eq(one.people[0], "bob");
	ck_assert(review_latest(&one, LONG_MIN) == NULL);
	review_free(&one);
	review_free(&r);
}
END_TEST

START_TEST(test_week_start)
{
	/* 1970-01-01 was a Thursday; 1969-12-29 the Monday before. */
	ck_assert_int_eq(review_week_start(0, 1), -3);
	ck_assert_int_eq(review_week_start(0, 0), -4);
	ck_assert_int_eq(review_week_start(date_days(2026, 11, 26), 1),
	    date_days(2026, 11, 23));
	ck_assert_int_eq(review_week_start(date_days(2026, 11, 26), 0),
	    date_days(2026, 11, 22));
	ck_assert_int_eq(review_week_start(date_days(2026, 11, 23), 1),
	    date_days(2026, 11, 23));
	ck_assert_int_eq(review_week_start(date_days(2026, 11, 22), 0),
	    date_days(2026, 11, 22));
	ck_assert_int_eq(review_week_start(date_days(1960, 1, 1), 1),
	    date_days(1959, 12, 28));
}
END_TEST

START_TEST(test_days_round_trip)
{
	struct ymd	 d;
	time_t		 n;

	for (n = -800000; n < 800000; n += 997) {
		date_from_days(n, &d);
		ck_assert_int_eq(date_days(d.year, d.month, d.day), n);
	}
	date_from_days(date_days(2024, 2, 29), &d);
	ck_assert(d.year == 2024 && d.month == 2 && d.day == 29);
}
END_TEST

static Suite *
checkin_suite(void)
{
	Suite	*s;
	TCase	*tc;

	s = suite_create("checkin");
	tc = tcase_create("instrument");
	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_test(tc, test_parse_mini);
	tcase_add_test(tc, test_parse_shipped);
	tcase_add_test(tc, test_parse_errors);
	tcase_add_test(tc, test_round_and_band);
	suite_add_tcase(s, tc);

	tc = tcase_create("scoring");
	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_test(tc, test_score_reverse_keying);
	tcase_add_test(tc, test_score_missing);
	tcase_add_test(tc, test_score_five_of_seven);
	tcase_add_test(tc, test_answers_good);
	tcase_add_test(tc, test_answers_bad);
	tcase_add_test(tc, test_entry_round_trip);
	tcase_add_test(tc, test_about_name);
	tcase_add_test(tc, test_about_tag);
	suite_add_tcase(s, tc);

	tc = tcase_create("review");
	tcase_add_checked_fixture(tc, review_setup, teardown);
	tcase_add_test(tc, test_review_change_up);
	tcase_add_test(tc, test_review_no_change);
	tcase_add_test(tc, test_review_own_history);
	tcase_add_test(tc, test_review_dead_and_damaged);
	tcase_add_test(tc, test_review_damaged_edit);
	tcase_add_test(tc, test_review_stored_scores);
	tcase_add_test(tc, test_review_daily);
	tcase_add_test(tc, test_review_daily_week);
	tcase_add_test(tc, test_review_horizon);
	tcase_add_test(tc, test_review_people);
	tcase_add_test(tc, test_week_start);
	tcase_add_test(tc, test_days_round_trip);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return check_run("check_checkin", checkin_suite(), NULL);
}
