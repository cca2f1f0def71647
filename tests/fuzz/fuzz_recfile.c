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
 * fuzz_recfile: fortune-format record files (recfile.c) and what prints
 * their records (safeout.c, json.c, width.c, match.c).  The input is the
 * text of a record file.  Besides surviving it, the scanner must give
 * records inside the text, in order and apart, none of them blank and
 * none holding a delimiter line; a record's text without its comment
 * lines must hold no comment line; and what safe_write shows a terminal
 * must hold no byte a terminal would act on.  A pattern whose run of
 * plain text is searched for in the whole text must match the same
 * records, in the same order, as the same pattern in a group, matched
 * with regexec(3) record by record, with all records eligible and with
 * them backwards.
 */

#include "config.h"

#include <regex.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rapport.h"
#include "fuzzutil.h"

/* Patterns with a run of plain text, some all of it. */
static const char *const runs[] = { "e", "isten", "% ", "%%", "n\t",
    "isten$", "^e", "e.n", "is+t?en", "%%*x", "^%$" };
#define NRUNS	(sizeof(runs) / sizeof(runs[0]))

static regex_t	 re;
static struct pattern run[NRUNS], twin[NRUNS];
static FILE	*devnull;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char	 paren[16], msg[128];
	size_t	 i;

	(void)argc;
	(void)argv;
	if (regcomp(&re, "[Ll]isten|^%", REG_EXTENDED | REG_NEWLINE) != 0)
		abort();
	for (i = 0; i < NRUNS; i++) {
		snprintf(paren, sizeof(paren), "(%s)", runs[i]);
		if (pattern_compile(&run[i], runs[i], REG_EXTENDED |
		    REG_NOSUB | REG_NEWLINE, msg, sizeof(msg)) == -1 ||
		    run[i].run == NULL ||
		    pattern_compile(&twin[i], paren, REG_EXTENDED |
		    REG_NOSUB | REG_NEWLINE, msg, sizeof(msg)) == -1 ||
		    twin[i].run != NULL)
			abort();
	}
	if ((devnull = fopen("/dev/null", "w")) == NULL)
		abort();
	return 0;
}

/* The records a pattern matched, in the order it gave them. */
struct found {
	size_t	*recs;
	size_t	 n;
};

static void
note(const struct recfile *rf, size_t rec, void *arg)
{
	struct found	*f = arg;

	CHECK(rec < rf->nrecs);
	f->recs[f->n++] = rec;
}

/* Patterns with a run, and the same in a group, match the same records. */
static void
check_patterns(const struct recfile *rf)
{
	struct found	 a, b;
	size_t		 i;

	a.recs = xreallocarray(NULL, rf->nrecs + 1, sizeof(*a.recs));
	b.recs = xreallocarray(NULL, rf->nrecs + 1, sizeof(*b.recs));
	for (i = 0; i < NRUNS; i++) {
		a.n = b.n = 0;
		CHECK(pattern_records(&run[i], rf, note, &a) == a.n);
		CHECK(pattern_records(&twin[i], rf, note, &b) == b.n);
		CHECK(a.n == b.n);
		CHECK(a.n == 0 ||
		    memcmp(a.recs, b.recs, a.n * sizeof(*a.recs)) == 0);
	}
	free(a.recs);
	free(b.recs);
}

static bool
blank(const char *s, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n')
			return false;
	return true;
}

/* Whether any line of s is a delimiter line or (when told) a comment. */
static bool
has_line(const char *s, size_t n, bool comments)
{
	const char	*nl;
	size_t		 ls, le;

	for (ls = 0; ls < n; ls = le) {
		nl = memchr(s + ls, '\n', n - ls);
		le = nl == NULL ? n : (size_t)(nl - s) + 1;
		if (recfile_is_delim(s + ls, le - ls))
			return true;
		if (comments && le - ls >= 2 && s[ls] == '%' &&
		    s[ls + 1] == '%')
			return true;
	}
	return false;
}

/*
 * What a terminal is shown: valid UTF-8 with no C0 control but newline
 * and tab, no DEL, no C1 control and no bidirectional override.
 */
static void
check_tty(const char *s, size_t n)
{
	uint32_t	 cp;
	size_t		 i, k;

	for (i = 0; i < n; i += k) {
		k = utf8_decode(s + i, n - i, &cp);
		CHECK(k > 0);
		CHECK(cp >= 0x20 || cp == '\n' || cp == '\t');
		CHECK(cp != 0x7f && !(cp >= 0x80 && cp < 0xa0));
		CHECK(!(cp >= 0x202a && cp <= 0x202e));
		CHECK(!(cp >= 0x2066 && cp <= 0x2069));
	}
	CHECK(n > 0 && s[n - 1] == '\n');
}

static void
check_output(const char *text, size_t len)
{
	char	*out = NULL;
	size_t	 outlen = 0;
	FILE	*fp;

	if ((fp = open_memstream(&out, &outlen)) == NULL)
		abort();
	CHECK(safe_write(fp, text, len, SAFEOUT_TTY) == 0);
	fclose(fp);
	check_tty(out, outlen);
	free(out);

	if ((fp = open_memstream(&out, &outlen)) == NULL)
		abort();
	CHECK(safe_write(fp, text, len, SAFEOUT_RAW) == 0);
	fclose(fp);
	/* Raw: the bytes unchanged, and a newline where none ends them. */
	CHECK(outlen == len + (len == 0 || text[len - 1] != '\n'));
	CHECK(len == 0 || memcmp(out, text, len) == 0);
	free(out);

	json_write_string(devnull, text, len);
	(void)text_width(text, len);
	(void)text_match(&re, text, len);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct recfile	 rf;
	struct record	*recs;
	const char	*text = (const char *)data, *t;
	char		*copy;
	size_t		 n, i, len, end = 0;

	record_scan(text, size, &recs, &n);
	for (i = 0; i < n; i++) {
		CHECK(recs[i].off >= end);
		CHECK(recs[i].off <= size && recs[i].len <= size - recs[i].off);
		end = recs[i].off + recs[i].len;
		CHECK(!blank(text + recs[i].off, recs[i].len));
		CHECK(!has_line(text + recs[i].off, recs[i].len, false));
	}

	recfile_init_mem(&rf, "fuzz", text, size);
	CHECK(recfile_load(&rf) == 0);
	CHECK(rf.nrecs == n && recfile_count_of(&rf) == n);
	for (i = 0; i < rf.nrecs; i++) {
		CHECK(rf.recs[i].off == recs[i].off &&
		    rf.recs[i].len == recs[i].len);
		t = recfile_text(&rf, i, &len, &copy);
		CHECK(len <= recs[i].len);
		CHECK(!has_line(t, len, true));
		CHECK((copy != NULL) == rf.recs[i].comments);
		check_output(t, len);
		free(copy);
	}
	check_patterns(&rf);
	rf.eligible = xreallocarray(NULL, n + 1, sizeof(*rf.eligible));
	for (i = 0; i < n; i++)
		rf.eligible[i] = n - 1 - i;
	rf.neligible = n;
	check_patterns(&rf);
	recfile_free(&rf);
	free(recs);

	/* The whole text too, as a record of a file without delimiters. */
	check_output(text, size);
	return 0;
}
