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
#include <sys/wait.h>

#include <check.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "rapport.h"
#include "checkutil.h"

#define LIT(s)		(s), (sizeof(s) - 1)

/* Writers and appends of the concurrency tests. */
#define NWRITERS	2
#define NAPPENDS	500
#define NAPPENDS_BIG	5000

static char	 dir[PATH_MAX];

/* Every history test starts in a directory of its own. */
static void
setup(void)
{
	check_newdir(dir, sizeof(dir));
}

/* Create dir/name holding len bytes of text. */
static void
make(const char *name, const char *text, size_t len)
{
	char	 sub[PATH_MAX], path[PATH_MAX];
	int	 fd;

	check_pathcat(sub, sizeof(sub), "/", name);
	check_pathcat(path, sizeof(path), dir, sub);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	ck_assert_int_ne(fd, -1);
	ck_assert_int_eq(write(fd, text, len), (ssize_t)len);
	ck_assert_int_eq(close(fd), 0);
}

/* The whole contents of a file, NUL-terminated. */
static char *
slurp(const char *path, size_t *lenp)
{
	char	*buf;
	size_t	 len;

	ck_assert_int_eq(file_read(path, &buf, &len), 0);
	buf = xreallocarray(buf, len + 1, 1);
	buf[len] = '\0';
	if (lenp != NULL)
		*lenp = len;
	return buf;
}

/* Write len bytes of text to dir/h and read it as a history. */
static void
read_text(struct history *h, const char *text, size_t len)
{
	char	 path[PATH_MAX];

	make("h", text, len);
	check_pathcat(path, sizeof(path), dir, "/h");
	ck_assert_int_eq(history_read(path, h), 0);
}

/*
 * The prompt module: metadata from file names, categories, kinds, ids,
 * depth ranges and session plans.
 */

START_TEST(test_file_meta_valid)
{
	static const struct {
		const char	*name;
		int		 depth;
		int		 audience;
	} t[] = {
		{ "1", 1, AUDIENCE_ANY },
		{ "2", 2, AUDIENCE_ANY },
		{ "3", 3, AUDIENCE_ANY },
		{ "1-partner", 1, AUDIENCE_PARTNER },
		{ "3-partner", 3, AUDIENCE_PARTNER },
		{ "feelings/2", 2, AUDIENCE_ANY },
		{ "/usr/share/rapport/prompts/memories/2-partner", 2,
		    AUDIENCE_PARTNER },
	};
	struct promptmeta	 pm;
	size_t			 i;

	for (i = 0; i < nitems(t); i++) {
		pm.depth = pm.audience = -1;
		ck_assert_msg(prompt_file_meta(t[i].name, &pm) == 0,
		    "%s rejected", t[i].name);
		ck_assert_msg(pm.depth == t[i].depth, "%s: depth %d",
		    t[i].name, pm.depth);
		ck_assert_msg(pm.audience == t[i].audience, "%s: audience %d",
		    t[i].name, pm.audience);
	}
}
END_TEST

START_TEST(test_file_meta_invalid)
{
	static const char *const t[] = {
		"0", "4", "2-friend", "12", "", "deep", "1-", "-partner",
		"1-Partner", "1-partners", "1.dat", "3-partner.dat",
		"feelings/", "feelings/deep", " 1",
	};
	struct promptmeta	 pm;
	size_t			 i;

	for (i = 0; i < nitems(t); i++) {
		errno = 0;
		ck_assert_msg(prompt_file_meta(t[i], &pm) == -1,
		    "\"%s\" accepted", t[i]);
		ck_assert_msg(errno == EINVAL, "\"%s\": errno %d", t[i], errno);
	}
}
END_TEST

START_TEST(test_category)
{
	static const struct {
		const char	*label;
		const char	*want;
	} t[] = {
		{ "feelings", "feelings" },
		{ "./x/feelings/", "feelings" },
		{ "/a/b", "b" },
		{ "a//", "a" },
		{ "/usr/share/rapport/prompts/repair", "repair" },
	};
	char	 buf[NAME_MAX + 1], small[4];
	size_t	 i;

	for (i = 0; i < nitems(t); i++) {
		ck_assert_ptr_eq(prompt_category(t[i].label, buf, sizeof(buf)),
		    buf);
		ck_assert_str_eq(buf, t[i].want);
	}
	/* A name too long for the buffer is cut, and still terminated. */
	prompt_category("/x/feelings", small, sizeof(small));
	ck_assert_str_eq(small, "fee");
}
END_TEST

START_TEST(test_is_question)
{
	static const struct {
		const char	*text;
		bool		 question;
	} t[] = {
		{ "What calms you down?", true },
		{ "What calms you down?\n", true },
		{ "What calms you down?\r\n", true },
		{ "What calms you down? \t \n", true },
		{ "Qu'est-ce qui te calme ?\r\n", true },
		{ "Which one?\nTell them why.\n", false },
		{ "Tell them why?\nNo: tell them.\n", false },
		{ "Tell them one thing you admired.\n", false },
		{ "Ask why? Then listen.\n", false },
		{ "?", true },
		{ "", false },
		{ " \n", false },
	};
	size_t	 i;

	for (i = 0; i < nitems(t); i++)
		ck_assert_msg(prompt_is_question(t[i].text,
		    strlen(t[i].text)) == t[i].question, "\"%s\"", t[i].text);
}
END_TEST

/*
 * Ids are FNV-1a 64 of the text, its line ends and trailing blanks folded,
 * xor-folded to 32 bits.  The expected values come from Python:
 *	h = 0xcbf29ce484222325
 *	for c in text: h = ((h ^ c) * 0x100000001b3) % 2**64
 *	(h ^ (h >> 32)) % 2**32
 * and agree with the published FNV-1a 64 vectors for "" (the offset basis,
 * 0xcbf29ce484222325), "a" (0xaf63dc4c8601ec8c) and "foobar"
 * (0x85944171f73967e8).
 */
START_TEST(test_id_reference)
{
	ck_assert_uint_eq(prompt_id(LIT("")), 0x4fd0bfc1U);
	ck_assert_uint_eq(prompt_id(LIT("a")), 0x296230c0U);
	ck_assert_uint_eq(prompt_id(LIT("foobar")), 0x72ad2699U);
	ck_assert_uint_eq(prompt_id(LIT("What calms you down?")),
	    0xc1901285U);
	ck_assert_uint_eq(prompt_id(LIT("Line one\nline two?")), 0xc5d2c003U);
	ck_assert_uint_eq(prompt_id(LIT(
	    "Qu\xe2\x80\x99" "est-ce qui t\xe2\x80\x99" "a fait sourire ?")),
	    0x6d7a14bdU);
}
END_TEST

START_TEST(test_id_line_ends)
{
	static const char *const one[] = {
		"What calms you down?",
		"What calms you down?\n",
		"What calms you down?\r\n",
		"What calms you down?  \t\n",
		"What calms you down? \r\n\n",
	};
	static const char *const two[] = {
		"Line one\nline two?\n",
		"Line one\r\nline two?\r\n",
		"Line one\r\nline two?",
	};
	size_t	 i;

	for (i = 0; i < nitems(one); i++)
		ck_assert_msg(prompt_id(one[i], strlen(one[i])) == 0xc1901285U,
		    "\"%s\"", one[i]);
	for (i = 0; i < nitems(two); i++)
		ck_assert_msg(prompt_id(two[i], strlen(two[i])) == 0xc5d2c003U,
		    "\"%s\"", two[i]);
}
END_TEST

START_TEST(test_id_differs)
{
	uint32_t	 base;

	base = prompt_id(LIT("What calms you down?\n"));
	ck_assert_uint_ne(prompt_id(LIT("What calms you down!\n")), base);
	ck_assert_uint_ne(prompt_id(LIT("what calms you down?\n")), base);
	ck_assert_uint_ne(prompt_id(LIT("What calms you  down?\n")), base);
	ck_assert_uint_ne(prompt_id(LIT("What calms\nyou down?\n")), base);
	ck_assert_uint_ne(prompt_id(LIT("What calms you down")), base);
	ck_assert_uint_eq(prompt_id(LIT("What calms you down!")), 0xc190239bU);
}
END_TEST

START_TEST(test_parse_depth_valid)
{
	static const struct {
		const char	*s;
		int		 lo, hi;
	} t[] = {
		{ "1", 1, 1 }, { "2", 2, 2 }, { "3", 3, 3 },
		{ "1-3", 1, 3 }, { "1-2", 1, 2 }, { "2-3", 2, 3 },
		{ "2-2", 2, 2 }, { "1-1", 1, 1 },
	};
	size_t	 i;
	int	 lo, hi;

	for (i = 0; i < nitems(t); i++) {
		lo = hi = -1;
		ck_assert_msg(prompt_parse_depth(t[i].s, &lo, &hi) == 0,
		    "\"%s\" rejected", t[i].s);
		ck_assert_msg(lo == t[i].lo && hi == t[i].hi,
		    "\"%s\": %d-%d", t[i].s, lo, hi);
	}
}
END_TEST

START_TEST(test_parse_depth_invalid)
{
	static const char *const t[] = {
		"3-1", "2-1", "4", "0", "1-", "a", "1-4", "0-2", "", "-1",
		"1-2-3", "12", " 1", "1 ", "1--2", "1-2x", "1,2",
	};
	size_t	 i;
	int	 lo, hi;

	for (i = 0; i < nitems(t); i++) {
		errno = 0;
		ck_assert_msg(prompt_parse_depth(t[i], &lo, &hi) == -1,
		    "\"%s\" accepted", t[i]);
		ck_assert_msg(errno == EINVAL, "\"%s\": errno %d", t[i], errno);
	}
}
END_TEST

/*
 * Sessions of n steps: n - 1 rising prompts in near-equal thirds, the
 * lower depths taking the remainder, then the appreciation task (0).
 * Worked by hand.
 */
START_TEST(test_session_plan)
{
	static const int want[][11] = {
		{ 1, 2, 3, 0 },					/* 4 */
		{ 1, 1, 2, 3, 0 },				/* 5 */
		{ 1, 1, 2, 2, 3, 0 },				/* 6 */
		{ 1, 1, 2, 2, 3, 3, 0 },			/* 7 */
		{ 1, 1, 1, 2, 2, 3, 3, 0 },			/* 8 */
		{ 1, 1, 1, 2, 2, 2, 3, 3, 0 },			/* 9 */
		{ 1, 1, 1, 2, 2, 2, 3, 3, 3, 0 },		/* 10 */
	};
	int	 depths[12], n, i;

	for (n = 4; n <= 10; n++) {
		for (i = 0; i < (int)nitems(depths); i++)
			depths[i] = -7;
		prompt_session_plan(n, depths);
		for (i = 0; i < n; i++)
			ck_assert_msg(depths[i] == want[n - 4][i],
			    "n %d: step %d is %d, not %d", n, i, depths[i],
			    want[n - 4][i]);
		ck_assert_msg(depths[n] == -7, "n %d: wrote past the end", n);
	}
}
END_TEST

/* A session of 100, the most prompt allows: 33 of each depth, then 0. */
START_TEST(test_session_plan_large)
{
	int	 depths[101], i;

	depths[100] = -7;
	prompt_session_plan(100, depths);
	for (i = 0; i < 99; i++)
		ck_assert_int_eq(depths[i], i / 33 + 1);
	ck_assert_int_eq(depths[99], 0);
	ck_assert_int_eq(depths[100], -7);
}
END_TEST

/*
 * The history module: reading, appending, compacting, and which prompts
 * are fresh.
 */

START_TEST(test_read_missing)
{
	struct history	 h;
	char		 path[PATH_MAX];

	check_pathcat(path, sizeof(path), dir, "/none/prompt-history");
	h.n = h.bad = 99;
	ck_assert_int_eq(history_read(path, &h), 0);
	ck_assert_uint_eq(h.n, 0);
	ck_assert_uint_eq(h.bad, 0);
	history_free(&h);
}
END_TEST

START_TEST(test_read_ids)
{
	struct history	 h;

	/* The last line lacks its newline. */
	read_text(&h, LIT("0000002a\ndeadbeef\nffffffff\n00000000"));
	ck_assert_uint_eq(h.n, 4);
	ck_assert_uint_eq(h.bad, 0);
	ck_assert_uint_eq(h.ids[0], 0x2aU);
	ck_assert_uint_eq(h.ids[1], 0xdeadbeefU);
	ck_assert_uint_eq(h.ids[2], 0xffffffffU);
	ck_assert_uint_eq(h.ids[3], 0U);
	history_free(&h);
}
END_TEST

START_TEST(test_read_bad)
{
	struct history	 h;

	read_text(&h, LIT(
	    "0000002a\n"
	    "xyz12345\n"		/* not hex */
	    "abc\n"			/* too short */
	    "0123456\n"			/* seven digits */
	    "deadbeefx\n"		/* trailing junk without a blank */
	    "123456789\n"		/* nine digits */
	    "12345678\n"));
	ck_assert_uint_eq(h.n, 2);
	ck_assert_uint_eq(h.bad, 5);
	ck_assert_uint_eq(h.ids[0], 0x2aU);
	ck_assert_uint_eq(h.ids[1], 0x12345678U);
	history_free(&h);
}
END_TEST

/*
 * Every byte in every place of an id: a lower-case hex digit makes another
 * id, anything else a line that is not one.
 */
START_TEST(test_read_every_byte)
{
	struct history	 h;
	char		*text, *line, digits[9];
	size_t		 n = 0, good = 0, pos, i;
	uint32_t	*want;
	int		 c;

	text = xmalloc(8 * 256 * HISTORY_LINE);
	want = xreallocarray(NULL, 8 * 256, sizeof(*want));
	for (pos = 0; pos < 8; pos++)
		for (c = 0; c < 256; c++) {
			if (c == '\n')
				continue;
			line = text + n * HISTORY_LINE;
			memcpy(line, "0123abcf\n", HISTORY_LINE);
			line[pos] = (char)c;
			n++;
			if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')) {
				memcpy(digits, line, 8);
				digits[8] = '\0';
				want[good++] =
				    (uint32_t)strtoul(digits, NULL, 16);
			}
		}
	read_text(&h, text, n * HISTORY_LINE);
	free(text);
	ck_assert_uint_eq(h.n, good);
	ck_assert_uint_eq(h.bad, n - good);
	for (i = 0; i < good; i++)
		ck_assert_uint_eq(h.ids[i], want[i]);
	history_free(&h);
	free(want);
}
END_TEST

START_TEST(test_read_annotated)
{
	struct history	 h;

	read_text(&h, LIT("deadbeef 2026-11-25\ncafef00d\tseen twice\n"));
	ck_assert_uint_eq(h.n, 2);
	ck_assert_uint_eq(h.bad, 0);
	ck_assert_uint_eq(h.ids[0], 0xdeadbeefU);
	ck_assert_uint_eq(h.ids[1], 0xcafef00dU);
	history_free(&h);
}
END_TEST

START_TEST(test_read_directory)
{
	struct history	 h;

	errno = 0;
	ck_assert_int_eq(history_read(dir, &h), -1);
	ck_assert_int_eq(errno, EISDIR);
	ck_assert_uint_eq(h.n, 0);
	history_free(&h);
}
END_TEST

/*
 * A FIFO is refused as not a regular file, without blocking, and errno
 * says so rather than what an earlier call left in it.
 */
START_TEST(test_read_fifo)
{
	struct history	 h;
	char		 path[PATH_MAX];

	check_pathcat(path, sizeof(path), dir, "/prompt-history");
	ck_assert_int_eq(mkfifo(path, 0600), 0);
	errno = ENOENT;
	ck_assert_int_eq(history_read(path, &h), -1);
	ck_assert_int_eq(errno, EINVAL);
	ck_assert_uint_eq(h.n, 0);
	history_free(&h);
}
END_TEST

/* A history grown huge by hand: its newest entries, none counted bad. */
START_TEST(test_read_huge)
{
	struct history	 h;
	char		*text;
	size_t		 i, nlines = 3 * HISTORY_MAX;

	text = xmalloc(nlines * HISTORY_LINE + 1);
	for (i = 0; i < nlines; i++)
		snprintf(text + i * HISTORY_LINE, HISTORY_LINE + 1, "%08zx\n",
		    i);
	read_text(&h, text, nlines * HISTORY_LINE);
	free(text);
	ck_assert_uint_eq(h.bad, 0);
	ck_assert_uint_ge(h.n, HISTORY_MAX);
	ck_assert_uint_le(h.n, HISTORY_MAX + 8);
	for (i = 0; i < h.n; i++)
		ck_assert_uint_eq(h.ids[i], nlines - h.n + i);
	history_free(&h);
}
END_TEST

START_TEST(test_append_modes)
{
	struct stat	 st;
	char		 path[PATH_MAX], *text;
	uint32_t	 id = 1;

	umask(0);
	check_pathcat(path, sizeof(path), dir, "/state/rapport/prompt-history");
	ck_assert_int_eq(history_append(path, &id, 1), 0);
	check_pathcat(path, sizeof(path), dir, "/state");
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_uint_eq(st.st_mode & 07777, 0700);
	check_pathcat(path, sizeof(path), dir, "/state/rapport");
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_uint_eq(st.st_mode & 07777, 0700);
	check_pathcat(path, sizeof(path), dir, "/state/rapport/prompt-history");
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert(S_ISREG(st.st_mode));
	ck_assert_uint_eq(st.st_mode & 07777, 0600);
	text = slurp(path, NULL);
	ck_assert_str_eq(text, "00000001\n");
	free(text);
}
END_TEST

START_TEST(test_append_appends)
{
	static const uint32_t	 first[] = { 0xdeadbeef, 2 };
	static const uint32_t	 second = 0x2a;
	struct history		 h;
	char			 path[PATH_MAX], *text;

	check_pathcat(path, sizeof(path), dir, "/prompt-history");
	ck_assert_int_eq(history_append(path, first, nitems(first)), 0);
	ck_assert_int_eq(history_append(path, &second, 1), 0);
	text = slurp(path, NULL);
	ck_assert_str_eq(text, "deadbeef\n00000002\n0000002a\n");
	free(text);
	ck_assert_int_eq(history_read(path, &h), 0);
	ck_assert_uint_eq(h.n, 3);
	ck_assert_uint_eq(h.ids[0], 0xdeadbeefU);
	ck_assert_uint_eq(h.ids[2], 0x2aU);
	history_free(&h);
}
END_TEST

/* An append where no directory can be made fails, and says why. */
START_TEST(test_append_fails)
{
	char		 path[PATH_MAX];
	uint32_t	 id = 1;

	make("file", LIT("not a directory\n"));
	check_pathcat(path, sizeof(path), dir, "/file/rapport/prompt-history");
	errno = 0;
	ck_assert_int_eq(history_append(path, &id, 1), -1);
	ck_assert_int_eq(errno, ENOTDIR);
}
END_TEST

/* Nothing is written into a FIFO, which another may be reading. */
START_TEST(test_append_fifo)
{
	char		 path[PATH_MAX];
	uint32_t	 id = 1;

	check_pathcat(path, sizeof(path), dir, "/prompt-history");
	ck_assert_int_eq(mkfifo(path, 0600), 0);
	errno = 0;
	ck_assert_int_eq(history_append(path, &id, 1), -1);
	ck_assert_int_eq(errno, EINVAL);
}
END_TEST

/*
 * HISTORY_MAX lines are kept as they are; one more and the newer half is
 * all that is left, private still, with no temporary file behind.
 */
START_TEST(test_append_compact)
{
	struct history	 h;
	struct stat	 st;
	struct dirent	*de;
	DIR		*dp;
	char		 path[PATH_MAX];
	uint32_t	*ids, id;
	size_t		 i, nfiles;

	umask(022);
	check_pathcat(path, sizeof(path), dir, "/prompt-history");
	ids = xreallocarray(NULL, HISTORY_MAX, sizeof(*ids));
	for (i = 0; i < HISTORY_MAX; i++)
		ids[i] = (uint32_t)i + 1;
	ck_assert_int_eq(history_append(path, ids, HISTORY_MAX), 0);
	free(ids);
	ck_assert_int_eq(history_read(path, &h), 0);
	ck_assert_uint_eq(h.n, HISTORY_MAX);
	history_free(&h);

	id = HISTORY_MAX + 1;
	ck_assert_msg(history_append(path, &id, 1) == 0, "append: %s",
	    strerror(errno));
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_int_eq(st.st_size, (off_t)(HISTORY_MAX / 2 * HISTORY_LINE));
	ck_assert_uint_eq(st.st_mode & 07777, 0600);
	ck_assert_int_eq(history_read(path, &h), 0);
	ck_assert_uint_eq(h.n, HISTORY_MAX / 2);
	ck_assert_uint_eq(h.bad, 0);
	/* The newest ids, HISTORY_MAX / 2 + 2 to HISTORY_MAX + 1, in order. */
	for (i = 0; i < h.n; i++)
		ck_assert_uint_eq(h.ids[i], HISTORY_MAX / 2 + 2 + i);
	history_free(&h);

	ck_assert_ptr_nonnull(dp = opendir(dir));
	for (nfiles = 0; (de = readdir(dp)) != NULL; )
		if (strcmp(de->d_name, ".") != 0 &&
		    strcmp(de->d_name, "..") != 0)
			nfiles++;
	closedir(dp);
	ck_assert_uint_eq(nfiles, 1);
}
END_TEST

/*
 * A history longer than HISTORY_MAX lines, as made by hand, is not
 * rewritten by every append: it grows until an append takes it past the
 * next multiple of HISTORY_MAX lines, and then its newer half is kept.
 */
START_TEST(test_append_oversized)
{
	struct history	 h;
	struct stat	 st;
	char		 path[PATH_MAX], *text;
	uint32_t	*ids;
	size_t		 i, nlines = 2 * HISTORY_MAX + 5, more;

	text = xmalloc(nlines * HISTORY_LINE + 1);
	for (i = 0; i < nlines; i++)
		snprintf(text + i * HISTORY_LINE, HISTORY_LINE + 1, "%08zx\n",
		    i);
	make("prompt-history", text, nlines * HISTORY_LINE);
	free(text);
	check_pathcat(path, sizeof(path), dir, "/prompt-history");

	/* Up to the next multiple, every append is an append. */
	more = 3 * HISTORY_MAX - nlines;
	ids = xreallocarray(NULL, more + 1, sizeof(*ids));
	for (i = 0; i <= more; i++)
		ids[i] = (uint32_t)(nlines + i);
	ck_assert_int_eq(history_append(path, ids, 1), 0);
	ck_assert_int_eq(history_append(path, ids + 1, more - 1), 0);
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_int_eq(st.st_size, (off_t)(3 * HISTORY_MAX * HISTORY_LINE));

	/* One more and the newer half is all that is left. */
	ck_assert_int_eq(history_append(path, ids + more, 1), 0);
	free(ids);
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_int_eq(st.st_size, (off_t)(HISTORY_MAX / 2 * HISTORY_LINE));
	ck_assert_int_eq(history_read(path, &h), 0);
	ck_assert_uint_eq(h.n, HISTORY_MAX / 2);
	for (i = 0; i < h.n; i++)
		ck_assert_uint_eq(h.ids[i],
		    3 * HISTORY_MAX + 1 - HISTORY_MAX / 2 + i);
	history_free(&h);
}
END_TEST

/*
 * NWRITERS processes append n ids each, one at a time, all at once; writer
 * w appends w << 28 | i for i from 0.  Returns once all have finished.
 */
static void
writers(const char *path, size_t n)
{
	pid_t		 pid[NWRITERS];
	size_t		 i, w;
	uint32_t	 id;
	int		 go[2], status;
	char		 c;

	ck_assert_int_eq(pipe(go), 0);
	for (w = 0; w < NWRITERS; w++) {
		ck_assert_int_ne(pid[w] = fork(), -1);
		if (pid[w] != 0)
			continue;
		close(go[1]);
		/* Wait for the start: the parent's end closing. */
		(void)read(go[0], &c, 1);
		for (i = 0; i < n; i++) {
			id = (uint32_t)(w + 1) << 28 | (uint32_t)i;
			if (history_append(path, &id, 1) == -1) {
				fprintf(stderr, "# writer %zu, append %zu: "
				    "%s\n", w, i, strerror(errno));
				_exit(1);
			}
		}
		_exit(0);
	}
	close(go[0]);
	close(go[1]);
	for (w = 0; w < NWRITERS; w++) {
		ck_assert_int_eq(waitpid(pid[w], &status, 0), pid[w]);
		ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0,
		    "writer %zu failed", w);
	}
}

/*
 * Check each writer's ids in a history: in order, a run of consecutive
 * numbers that ends with the writer's last.  Returns how many there are.
 */
static size_t
writer_ids(const struct history *h, size_t w, size_t n)
{
	size_t		 i, count = 0;
	uint32_t	 next = 0, id;

	for (i = 0; i < h->n; i++) {
		if (h->ids[i] >> 28 != w + 1)
			continue;
		id = h->ids[i] & 0x0fffffff;
		if (count > 0)
			ck_assert_msg(id == next, "writer %zu: %u after %u",
			    w, id, next - 1);
		next = id + 1;
		count++;
	}
	if (count > 0)
		ck_assert_msg(next == n, "writer %zu: last id %u", w, next - 1);
	return count;
}

START_TEST(test_append_concurrent)
{
	struct history	 h;
	struct stat	 st;
	char		 path[PATH_MAX];
	size_t		 w;

	check_pathcat(path, sizeof(path), dir, "/rapport/prompt-history");
	writers(path, NAPPENDS);
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_int_eq(st.st_size,
	    (off_t)(NWRITERS * NAPPENDS * HISTORY_LINE));
	ck_assert_int_eq(history_read(path, &h), 0);
	ck_assert_uint_eq(h.bad, 0);
	ck_assert_uint_eq(h.n, NWRITERS * NAPPENDS);
	for (w = 0; w < NWRITERS; w++)
		ck_assert_uint_eq(writer_ids(&h, w, NAPPENDS), NAPPENDS);
	history_free(&h);
}
END_TEST

/*
 * Concurrent appends across a compaction: the append that makes the
 * history HISTORY_MAX + 1 lines long leaves its newest HISTORY_MAX / 2,
 * and every later append is kept.
 */
START_TEST(test_append_concurrent_compact)
{
	struct history	 h;
	char		 path[PATH_MAX];
	size_t		 w, total = 0, want;

	want = HISTORY_MAX / 2 + NWRITERS * NAPPENDS_BIG - (HISTORY_MAX + 1);
	check_pathcat(path, sizeof(path), dir, "/rapport/prompt-history");
	writers(path, NAPPENDS_BIG);
	ck_assert_int_eq(history_read(path, &h), 0);
	ck_assert_uint_eq(h.bad, 0);
	ck_assert_uint_eq(h.n, want);
	for (w = 0; w < NWRITERS; w++)
		total += writer_ids(&h, w, NAPPENDS_BIG);
	ck_assert_uint_eq(total, want);
	history_free(&h);
}
END_TEST

/* Ids of the history_unseen cases, and one that is not in a selection. */
#define A	0xaU
#define B	0xbU
#define C	0xcU
#define X	0x99U

/* Read a history of the n ids given, written to a file as prompt does. */
static void
history_of(const uint32_t *ids, size_t n, struct history *h)
{
	char	 path[PATH_MAX];
	size_t	 i;

	check_pathcat(path, sizeof(path), dir, "/history-of");
	ck_assert_int_eq(unlink(path) == 0 || errno == ENOENT, 1);
	ck_assert_int_eq(history_append(path, ids, n), 0);
	ck_assert_int_eq(history_read(path, h), 0);
	ck_assert_uint_eq(h->n, n);
	for (i = 0; i < n; i++)
		ck_assert_uint_eq(h->ids[i], ids[i]);
}

/* Run history_unseen on a history and a selection; fresh in want. */
static void
unseen(const uint32_t *hist, size_t nhist, const uint32_t *sel, size_t n,
    const bool *want, size_t nwant)
{
	struct history	 h;
	bool		 fresh[8];
	size_t		 i, count = 0;

	ck_assert_uint_le(n, nitems(fresh));
	history_of(hist, nhist, &h);
	ck_assert_uint_eq(history_unseen(&h, sel, n, fresh), nwant);
	for (i = 0; i < n; i++) {
		ck_assert_msg(fresh[i] == want[i], "entry %zu is %s", i,
		    fresh[i] ? "fresh" : "seen");
		count += fresh[i];
	}
	ck_assert_uint_eq(count, nwant);
	history_free(&h);
}

START_TEST(test_unseen)
{
	static const uint32_t	 abc[] = { A, B, C };
	static const uint32_t	 h1[] = { A, B, C, A, B };
	static const uint32_t	 h2[] = { A, B, C };
	static const uint32_t	 h3[] = { A, B, C, A };
	static const bool	 only_c[] = { false, false, true };
	static const bool	 only_a[] = { true, false, false };
	static const bool	 only_b[] = { false, true, false };
	static const bool	 all[] = { true, true, true };

	/* Both a and b were shown since c: only c is left. */
	unseen(h1, nitems(h1), abc, 3, only_c, 1);
	/* All three shown: a, the least recently, comes first. */
	unseen(h2, nitems(h2), abc, 3, only_a, 1);
	unseen(h3, nitems(h3), abc, 3, only_b, 1);
	unseen(NULL, 0, abc, 3, all, 3);
}
END_TEST

START_TEST(test_unseen_foreign)
{
	static const uint32_t	 abc[] = { A, B, C };
	static const uint32_t	 h1[] = { A, X, X };
	static const uint32_t	 h2[] = { X, X };
	static const uint32_t	 h3[] = { A, X, B, X };
	static const bool	 bc[] = { false, true, true };
	static const bool	 all[] = { true, true, true };
	static const bool	 only_c[] = { false, false, true };

	unseen(h1, nitems(h1), abc, 3, bc, 2);
	unseen(h2, nitems(h2), abc, 3, all, 3);
	unseen(h3, nitems(h3), abc, 3, only_c, 1);
}
END_TEST

START_TEST(test_unseen_duplicates)
{
	static const uint32_t	 aab[] = { A, A, B };
	static const uint32_t	 ha[] = { A };
	static const uint32_t	 hb[] = { B };
	static const uint32_t	 hab[] = { A, B };
	static const bool	 only_b[] = { false, false, true };
	static const bool	 both_a[] = { true, true, false };

	unseen(ha, nitems(ha), aab, 3, only_b, 1);
	unseen(hb, nitems(hb), aab, 3, both_a, 2);
	/* Both texts shown: a, the older, again, in both its copies. */
	unseen(hab, nitems(hab), aab, 3, both_a, 2);
}
END_TEST

START_TEST(test_unseen_never_empty)
{
	static const uint32_t	 one[] = { A };
	static const uint32_t	 abc[] = { A, B, C };
	static const uint32_t	 h1[] = { A, A, A };
	static const uint32_t	 h2[] = { C, B, A, C, B, A };
	static const bool	 yes[] = { true };
	static const bool	 only_c[] = { false, false, true };
	struct history		 h;
	bool			 fresh[1];

	unseen(h1, nitems(h1), one, 1, yes, 1);
	unseen(h2, nitems(h2), abc, 3, only_c, 1);
	memset(&h, 0, sizeof(h));
	ck_assert_uint_eq(history_unseen(&h, abc, 0, fresh), 0);
}
END_TEST

/* A selection of 1,000 after a history of 999 of them: one is fresh. */
START_TEST(test_unseen_large)
{
	struct history	 h;
	uint32_t	 sel[1000];
	bool		 fresh[1000];
	size_t		 i;

	for (i = 0; i < nitems(sel); i++)
		sel[i] = (uint32_t)(i * 7919 + 1);
	history_of(sel + 1, 999, &h);
	ck_assert_uint_eq(history_unseen(&h, sel, nitems(sel), fresh), 1);
	ck_assert(fresh[0]);
	for (i = 1; i < nitems(sel); i++)
		ck_assert(!fresh[i]);
	history_free(&h);
}
END_TEST

/* The mail module. */

/* 2026-11-25 12:00:00 UTC, a Wednesday, and 2027-01-03 00:05:09, a Sunday. */
#define WED_NOON	((time_t)1795608000)
#define SUN_MORNING	((time_t)1798934709)

static char *
mail(const char *from, const char *to, const char *subject, const char *text,
    time_t t)
{
	FILE	*fp;
	char	*buf;
	size_t	 len;

	ck_assert_ptr_nonnull(fp = open_memstream(&buf, &len));
	ck_assert_int_eq(mail_write(fp, from, to, subject, text, strlen(text),
	    t), 0);
	ck_assert_int_eq(fclose(fp), 0);
	ck_assert_uint_eq(strlen(buf), len);
	return buf;
}

/*
 * A header field's value, continuation lines unfolded (RFC 5322 2.2.3),
 * or NULL.  Only the header, up to the first empty line, is searched.
 */
static char *
header(const char *msg, const char *name)
{
	const char	*p, *end, *nl;
	char		*v = NULL, *t;
	size_t		 n = strlen(name);

	end = strstr(msg, "\n\n");
	ck_assert_ptr_nonnull(end);
	for (p = msg; p < end; p = nl + 1) {
		nl = strchr(p, '\n');
		if (v != NULL) {
			if (*p != ' ' && *p != '\t')
				break;
			xasprintf(&t, "%s%.*s", v, (int)(nl - p), p);
			free(v);
			v = t;
		} else if (strncasecmp(p, name, n) == 0 && p[n] == ':') {
			p += n + 1;
			v = xstrndup(p, (size_t)(nl - p));
		}
	}
	/* A value may start on a continuation line. */
	if (v != NULL && (v[0] == ' ' || v[0] == '\t')) {
		for (p = v; *p == ' ' || *p == '\t'; p++)
			continue;
		t = xstrdup(p);
		free(v);
		v = t;
	}
	return v;
}

static void
header_is(const char *msg, const char *name, const char *want)
{
	char	*v;

	v = header(msg, name);
	ck_assert_msg(v != NULL, "no %s in:\n%s", name, msg);
	ck_assert_msg(strcmp(v, want) == 0, "%s: \"%s\", not \"%s\"", name, v,
	    want);
	free(v);
}

static const char *
body(const char *msg)
{
	const char	*p;

	ck_assert_ptr_nonnull(p = strstr(msg, "\n\n"));
	return p + 2;
}

static int
hexdigit(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * Decode a quoted-printable body (RFC 2045 6.7), checking its rules on the
 * way: lines of at most 76 characters, no blank at the end of a line,
 * =XX in upper case, only printable ASCII otherwise.
 */
static char *
qp_decode(const char *s)
{
	char	*out, *o;
	size_t	 col = 0;
	int	 hi, lo;

	o = out = xmalloc(strlen(s) + 1);
	for (; *s != '\0'; s++) {
		if (*s == '\n') {
			ck_assert_msg(col <= 76, "a line of %zu", col);
			ck_assert_msg(s[-1] != ' ' && s[-1] != '\t',
			    "a blank before a line end");
			*o++ = '\n';
			col = 0;
			continue;
		}
		col++;
		if (*s == '=') {
			if (s[1] == '\n') {
				ck_assert_msg(col <= 76, "a line of %zu", col);
				col = 0;
				s++;
				continue;
			}
			hi = hexdigit((unsigned char)s[1]);
			lo = hi == -1 ? -1 : hexdigit((unsigned char)s[2]);
			ck_assert_msg(hi != -1 && lo != -1, "bad escape =%.2s",
			    s + 1);
			*o++ = (char)(hi << 4 | lo);
			s += 2;
			col += 2;
			continue;
		}
		ck_assert_msg((*s >= 0x20 && *s <= 0x7e) || *s == '\t',
		    "raw byte 0x%02x", (unsigned char)*s);
		*o++ = *s;
	}
	*o = '\0';
	return out;
}

/* Decode Base64 (RFC 4648), length a multiple of four, into a string. */
static char *
b64_decode(const char *s, size_t n)
{
	static const char	 b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789+/";
	const char		*p;
	char			*out, *o;
	uint32_t		 v;
	size_t			 i, j, pad;

	ck_assert_msg(n % 4 == 0, "Base64 of %zu characters", n);
	o = out = xmalloc(n / 4 * 3 + 1);
	for (i = 0; i < n; i += 4) {
		v = 0;
		pad = 0;
		for (j = 0; j < 4; j++) {
			if (s[i + j] == '=') {
				ck_assert(i + 4 == n && j >= 2);
				pad++;
				v <<= 6;
				continue;
			}
			ck_assert_ptr_nonnull(p = strchr(b64, s[i + j]));
			ck_assert_msg(pad == 0, "data after padding");
			v = v << 6 | (uint32_t)(p - b64);
		}
		*o++ = (char)(v >> 16);
		if (pad < 2)
			*o++ = (char)(v >> 8 & 0xff);
		if (pad < 1)
			*o++ = (char)(v & 0xff);
	}
	*o = '\0';
	return out;
}

/* Whether s is whole UTF-8 characters, checked here by their bit patterns. */
static bool
utf8_whole(const char *s)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 i, k;

	for (i = 0; u[i] != '\0'; i += k) {
		if (u[i] < 0x80)
			k = 1;
		else if (u[i] >= 0xc2 && u[i] <= 0xdf)
			k = 2;
		else if (u[i] >= 0xe0 && u[i] <= 0xef)
			k = 3;
		else if (u[i] >= 0xf0 && u[i] <= 0xf4)
			k = 4;
		else
			return false;
		while (--k > 0)
			if ((u[++i] & 0xc0) != 0x80)
				return false;
		k = 1;
	}
	return true;
}

/*
 * Decode an unfolded Subject of RFC 2047 encoded words, checking that each
 * is =?UTF-8?B?...?=, at most 75 characters, and whole characters.
 */
static char *
subject_decode(const char *v)
{
	const char	*p, *end, *q;
	char		*out, *part, *t;

	out = xstrdup("");
	for (p = v; *p != '\0'; p = end) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '\0')
			break;
		for (end = p; *end != '\0' && *end != ' ' && *end != '\t';
		    end++)
			continue;
		ck_assert_msg(end - p <= 75, "an encoded word of %d",
		    (int)(end - p));
		ck_assert_msg(strncasecmp(p, "=?UTF-8?B?", 10) == 0,
		    "not a UTF-8 Base64 word: %.*s", (int)(end - p), p);
		q = end - 2;
		ck_assert_msg(q > p + 10 && strncmp(q, "?=", 2) == 0,
		    "word not closed: %.*s", (int)(end - p), p);
		part = b64_decode(p + 10, (size_t)(q - p - 10));
		ck_assert_msg(utf8_whole(part), "a word splits a character");
		xasprintf(&t, "%s%s", out, part);
		free(out);
		free(part);
		out = t;
	}
	return out;
}

START_TEST(test_mail_headers)
{
	char	*msg, *v;

	setenv("TZ", "UTC0", 1);
	tzset();
	msg = mail(NULL, "x@example.org", "A question for tonight",
	    "What calms you down?\n", WED_NOON);
	header_is(msg, "Date", "Wed, 25 Nov 2026 12:00:00 +0000");
	header_is(msg, "To", "x@example.org");
	header_is(msg, "Subject", "A question for tonight");
	header_is(msg, "MIME-Version", "1.0");
	header_is(msg, "Content-Type", "text/plain; charset=UTF-8");
	header_is(msg, "Content-Transfer-Encoding", "quoted-printable");
	ck_assert_ptr_null(v = header(msg, "From"));
	ck_assert_str_eq(body(msg), "What calms you down?\n");
	free(msg);

	msg = mail("me@example.org", "x@example.org", "Hi", "Hi.\n",
	    WED_NOON);
	header_is(msg, "From", "me@example.org");
	free(msg);
}
END_TEST

START_TEST(test_mail_date_zones)
{
	static const struct {
		const char	*tz;
		time_t		 t;
		const char	*want;
	} t[] = {
		{ "UTC0", SUN_MORNING, "Sun, 03 Jan 2027 00:05:09 +0000" },
		{ "<-0330>3:30", WED_NOON, "Wed, 25 Nov 2026 08:30:00 -0330" },
		{ "<+0545>-5:45", WED_NOON, "Wed, 25 Nov 2026 17:45:00 +0545" },
		{ "<-10>10", SUN_MORNING, "Sat, 02 Jan 2027 14:05:09 -1000" },
	};
	char	*msg;
	size_t	 i;

	for (i = 0; i < nitems(t); i++) {
		setenv("TZ", t[i].tz, 1);
		tzset();
		msg = mail(NULL, "x@example.org", "Hi", "Hi.\n", t[i].t);
		header_is(msg, "Date", t[i].want);
		free(msg);
	}
}
END_TEST

/* Day and month names stay English under whatever locale there is. */
START_TEST(test_mail_date_locale)
{
	static const char *const locales[] = {
		"fr_FR.UTF-8", "de_DE.UTF-8", "es_ES.UTF-8", "fr_FR.utf8",
		"de_DE.utf8", "C.UTF-8",
	};
	char	*msg;
	size_t	 i;

	setenv("TZ", "UTC0", 1);
	tzset();
	for (i = 0; i < nitems(locales); i++) {
		if (setlocale(LC_ALL, locales[i]) == NULL)
			continue;
		msg = mail(NULL, "x@example.org", "Hi", "Hi.\n", WED_NOON);
		header_is(msg, "Date", "Wed, 25 Nov 2026 12:00:00 +0000");
		free(msg);
	}
	setlocale(LC_ALL, "C");
}
END_TEST

START_TEST(test_mail_subject_utf8)
{
	char	*msg;

	msg = mail(NULL, "x@example.org", "\xc3\x87" "a va ?", "Hi.\n",
	    WED_NOON);
	/* From Python: base64.b64encode("Ça va ?".encode()). */
	header_is(msg, "Subject", "=?UTF-8?B?w4dhIHZhID8=?=");
	free(msg);
}
END_TEST

/* A subject of 228 bytes, 99 characters of them not ASCII. */
static void
long_subject(char *subject, size_t len)
{
	/* "déjà vu, à côté ", 20 bytes. */
	static const char	 piece[] = "d\xc3\xa9j\xc3\xa0 vu, "
	    "\xc3\xa0 c\xc3\xb4t\xc3\xa9 ";
	size_t			 i;

	subject[0] = '\0';
	for (i = 0; i < 11; i++)
		strlcat(subject, piece, len);
	strlcat(subject, "\xe2\x9c\xa8\xf0\x9f\x98\x80!", len);
}

START_TEST(test_mail_subject_long)
{
	char	 subject[512], *msg, *v, *got;

	long_subject(subject, sizeof(subject));
	msg = mail(NULL, "x@example.org", subject, "Hi.\n", WED_NOON);
	v = header(msg, "Subject");
	ck_assert_ptr_nonnull(v);
	got = subject_decode(v);
	ck_assert_str_eq(got, subject);
	free(got);
	free(v);
	free(msg);
}
END_TEST

/*
 * "Each line of a header field that contains one or more 'encoded-word's
 * is limited to 76 characters" (RFC 2047 section 2), the first line with
 * its field name too.
 */
START_TEST(test_mail_subject_lines)
{
	const char	*p, *nl, *end;
	char		 subject[512], *msg;
	size_t		 lines = 0;

	long_subject(subject, sizeof(subject));
	msg = mail(NULL, "x@example.org", subject, "Hi.\n", WED_NOON);
	end = strstr(msg, "\n\n");
	for (p = msg; p < end; p = nl + 1) {
		nl = strchr(p, '\n');
		ck_assert_msg(nl - p <= 76, "a header line of %d: %.*s",
		    (int)(nl - p), (int)(nl - p), p);
		lines++;
	}
	ck_assert_uint_ge(lines, 8);
	free(msg);
}
END_TEST

/* A line break in a subject cannot add a header field. */
START_TEST(test_mail_subject_injection)
{
	char	*msg, *v, *got;

	msg = mail(NULL, "x@example.org", "Hi\nBcc: evil@example.org",
	    "Hi.\n", WED_NOON);
	ck_assert_ptr_null(v = header(msg, "Bcc"));
	v = header(msg, "Subject");
	ck_assert_ptr_nonnull(v);
	got = subject_decode(v);
	ck_assert_str_eq(got, "Hi\nBcc: evil@example.org");
	free(got);
	free(v);
	free(msg);
}
END_TEST

START_TEST(test_mail_to_newline)
{
	FILE	*fp;
	char	*buf;
	size_t	 len;

	ck_assert_ptr_nonnull(fp = open_memstream(&buf, &len));
	errno = 0;
	ck_assert_int_eq(mail_write(fp, NULL,
	    "x@example.org\nBcc: evil@example.org", "Hi", LIT("Hi.\n"),
	    WED_NOON), -1);
	ck_assert_int_eq(errno, EINVAL);
	errno = 0;
	ck_assert_int_eq(mail_write(fp, NULL, "x@example.org\r", "Hi",
	    LIT("Hi.\n"), WED_NOON), -1);
	ck_assert_int_eq(errno, EINVAL);
	ck_assert_int_eq(fclose(fp), 0);
	ck_assert_uint_eq(len, 0);
	free(buf);
}
END_TEST

START_TEST(test_mail_qp)
{
	static const struct {
		const char	*text;
		const char	*want;
	} t[] = {
		{ "a=b\n", "a=3Db\n" },
		{ "\xc3\x87" "a va ?\n", "=C3=87a va ?\n" },
		{ "end \nnext\t\n", "end=20\nnext=09\n" },
		{ "end ", "end=20\n" },
		{ "a b\n", "a b\n" },
		{ "no newline", "no newline\n" },
	};
	char	*msg;
	size_t	 i;

	for (i = 0; i < nitems(t); i++) {
		msg = mail(NULL, "x@example.org", "Hi", t[i].text, WED_NOON);
		ck_assert_msg(strcmp(body(msg), t[i].want) == 0,
		    "\"%s\" as \"%s\"", t[i].text, body(msg));
		free(msg);
	}
}
END_TEST

/* Long lines are broken softly, never inside an =XX, and decode back. */
START_TEST(test_mail_qp_long)
{
	char	 text[2048], *msg, *got;
	size_t	 i;

	text[0] = '\0';
	for (i = 0; i < 200; i++)
		strlcat(text, "x", sizeof(text));
	strlcat(text, "\n", sizeof(text));
	for (i = 0; i < 100; i++)
		strlcat(text, "\xc3\xa9", sizeof(text));
	strlcat(text, "\n", sizeof(text));
	for (i = 0; i < 30; i++)
		strlcat(text, "a = b ", sizeof(text));
	strlcat(text, "\n", sizeof(text));
	msg = mail(NULL, "x@example.org", "Hi", text, WED_NOON);
	got = qp_decode(body(msg));
	ck_assert_str_eq(got, text);
	free(got);
	free(msg);
}
END_TEST

/*
 * A blank ending a line, encoded as =20, after 70 to 76 characters: the
 * line still holds at most 76 (RFC 2045 section 6.7, rule 5).
 */
START_TEST(test_mail_qp_blank_at_limit)
{
	char	 text[128], *msg, *got;
	size_t	 n, i;

	for (n = 70; n <= 76; n++) {
		for (i = 0; i < n; i++)
			text[i] = 'a';
		text[n] = ' ';
		text[n + 1] = '\n';
		text[n + 2] = '\0';
		msg = mail(NULL, "x@example.org", "Hi", text, WED_NOON);
		got = qp_decode(body(msg));
		ck_assert_str_eq(got, text);
		free(got);
		free(msg);
	}
}
END_TEST

START_TEST(test_mail_write_error)
{
	FILE	*fp;

	ck_assert_ptr_nonnull(fp = fopen("/dev/full", "w"));
	setvbuf(fp, NULL, _IONBF, 0);
	ck_assert_int_eq(mail_write(fp, NULL, "x@example.org", "Hi",
	    LIT("Hi.\n"), WED_NOON), -1);
	fclose(fp);
}
END_TEST

static Suite *
prompt_suite(void)
{
	Suite	*s;
	TCase	*tc;

	s = suite_create("prompt");
	tc = tcase_create("meta");
	tcase_add_test(tc, test_file_meta_valid);
	tcase_add_test(tc, test_file_meta_invalid);
	tcase_add_test(tc, test_category);
	tcase_add_test(tc, test_is_question);
	suite_add_tcase(s, tc);

	tc = tcase_create("id");
	tcase_add_test(tc, test_id_reference);
	tcase_add_test(tc, test_id_line_ends);
	tcase_add_test(tc, test_id_differs);
	suite_add_tcase(s, tc);

	tc = tcase_create("depth");
	tcase_add_test(tc, test_parse_depth_valid);
	tcase_add_test(tc, test_parse_depth_invalid);
	tcase_add_test(tc, test_session_plan);
	tcase_add_test(tc, test_session_plan_large);
	suite_add_tcase(s, tc);
	return s;
}

static Suite *
history_suite(void)
{
	Suite	*s;
	TCase	*tc;

	s = suite_create("history");
	tc = tcase_create("read");
	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, test_read_missing);
	tcase_add_test(tc, test_read_ids);
	tcase_add_test(tc, test_read_bad);
	tcase_add_test(tc, test_read_annotated);
	tcase_add_test(tc, test_read_every_byte);
	tcase_add_test(tc, test_read_directory);
	tcase_add_test(tc, test_read_fifo);
	tcase_add_test(tc, test_read_huge);
	suite_add_tcase(s, tc);

	tc = tcase_create("append");
	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_append_modes);
	tcase_add_test(tc, test_append_appends);
	tcase_add_test(tc, test_append_fails);
	tcase_add_test(tc, test_append_fifo);
	tcase_add_test(tc, test_append_compact);
	tcase_add_test(tc, test_append_oversized);
	tcase_add_test(tc, test_append_concurrent);
	tcase_add_test(tc, test_append_concurrent_compact);
	suite_add_tcase(s, tc);

	tc = tcase_create("unseen");
	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, test_unseen);
	tcase_add_test(tc, test_unseen_foreign);
	tcase_add_test(tc, test_unseen_duplicates);
	tcase_add_test(tc, test_unseen_never_empty);
	tcase_add_test(tc, test_unseen_large);
	suite_add_tcase(s, tc);
	return s;
}

static Suite *
mail_suite(void)
{
	Suite	*s;
	TCase	*tc;

	s = suite_create("mail");
	tc = tcase_create("header");
	tcase_add_test(tc, test_mail_headers);
	tcase_add_test(tc, test_mail_date_zones);
	tcase_add_test(tc, test_mail_date_locale);
	tcase_add_test(tc, test_mail_subject_utf8);
	tcase_add_test(tc, test_mail_subject_long);
	tcase_add_test(tc, test_mail_subject_lines);
	tcase_add_test(tc, test_mail_subject_injection);
	tcase_add_test(tc, test_mail_to_newline);
	suite_add_tcase(s, tc);

	tc = tcase_create("body");
	tcase_add_test(tc, test_mail_qp);
	tcase_add_test(tc, test_mail_qp_long);
	tcase_add_test(tc, test_mail_qp_blank_at_limit);
	tcase_add_test(tc, test_mail_write_error);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return check_run("check_prompt", prompt_suite(), history_suite(),
	    mail_suite(), NULL);
}
