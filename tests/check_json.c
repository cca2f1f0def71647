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

#include <sys/wait.h>

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checkutil.h"
#include "rapport.h"

/*
 * Tests for json.c: the escaping of strings by json_write_string, and the
 * writer's commas, keys, nesting and lines.
 */

#define LIT(s)		(s), (sizeof(s) - 1)

static FILE	*out;
static char	*buf;
static size_t	 len;

static bool
have_python(void)
{
	return system("command -v python3 >/dev/null 2>&1") == 0;
}

/* json_write_string into a string, checked for its status. */
static char *
json(const char *s, size_t n)
{
	FILE	*fp;
	char	*text;
	size_t	 textlen;

	ck_assert_ptr_nonnull(fp = open_memstream(&text, &textlen));
	ck_assert_int_eq(json_write_string(fp, s, n), 0);
	ck_assert_int_eq(fclose(fp), 0);
	return text;
}

/*
 * Compare JSON text with the expected, the hex digits of \u escapes in
 * either case, as JSON allows.
 */
static bool
json_eq(const char *got, const char *want)
{
	size_t	 i, hex = 0;

	for (i = 0; got[i] != '\0' && want[i] != '\0'; i++) {
		if (hex > 0) {
			hex--;
			if ((got[i] | 0x20) != (want[i] | 0x20))
				return false;
			continue;
		}
		if (got[i] != want[i])
			return false;
		if (got[i] == '\\' && want[i + 1] == 'u' && got[i + 1] == 'u') {
			i++;
			hex = 4;
		} else if (got[i] == '\\' && got[i + 1] == want[i + 1] &&
		    got[i + 1] != '\0')
			i++;
	}
	return got[i] == want[i];
}

static void
json_is(const char *s, size_t n, const char *want)
{
	char	*got;

	got = json(s, n);
	ck_assert_msg(json_eq(got, want), "got %s, want %s", got, want);
	free(got);
}

/*
 * Whether Python's json module reads text as the string whose UTF-8 is
 * want.  Returns -1 when there is no python3.
 */
static int
python_reads(const char *text, const char *want)
{
	FILE	*fp;
	char	*cmd, *hex;
	size_t	 i, n = strlen(want);
	int	 status;

	if (!have_python())
		return -1;
	hex = xcalloc(2 * n + 1, 1);
	for (i = 0; i < n; i++)
		snprintf(hex + 2 * i, 3, "%02x", (unsigned char)want[i]);
	xasprintf(&cmd, "python3 -c 'import json, sys; "
	    "v = json.loads(sys.stdin.buffer.read().decode(\"utf-8\")); "
	    "sys.exit(v != bytes.fromhex(sys.argv[1]).decode(\"utf-8\"))' "
	    "'%s'", hex);
	ck_assert_ptr_nonnull(fp = popen(cmd, "w"));
	fputs(text, fp);
	status = pclose(fp);
	free(cmd);
	free(hex);
	return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

START_TEST(test_string_escapes)
{
	json_is(LIT("plain"), "\"plain\"");
	json_is(LIT(""), "\"\"");
	json_is(LIT("say \"hi\""), "\"say \\\"hi\\\"\"");
	json_is(LIT("a\\b"), "\"a\\\\b\"");
	json_is(LIT("a\nb\rc\td"), "\"a\\nb\\rc\\td\"");
	json_is(LIT("\x01 \x1f \x1b[31m"), "\"\\u0001 \\u001f \\u001b[31m\"");
	json_is(LIT("a\0b"), "\"a\\u0000b\"");
	json_is(LIT("a/b"), "\"a/b\"");
}
END_TEST

START_TEST(test_string_utf8)
{
	/* Ça va ? 日本 😀, passed through as they are. */
	json_is(LIT("\xc3\x87" "a va ? \xe6\x97\xa5\xe6\x9c\xac "
	    "\xf0\x9f\x98\x80"), "\"\xc3\x87" "a va ? "
	    "\xe6\x97\xa5\xe6\x9c\xac \xf0\x9f\x98\x80\"");
}
END_TEST

START_TEST(test_string_invalid_utf8)
{
	static const char *const partial[] = {
		"\xe2\x82",		/* truncated */
		"\xf0\x9f\x98",		/* truncated */
		"\xf4\x90\x80\x80",	/* beyond U+10FFFF */
	};
	char	*got, *p;
	size_t	 i, len;

	json_is(LIT("a\xff" "b"), "\"a\\ufffdb\"");
	json_is(LIT("\x80"), "\"\\ufffd\"");
	json_is(LIT("caf\xc3"), "\"caf\\ufffd\"");
	/* An overlong sequence and a surrogate. */
	json_is(LIT("\xc0\xaf"), "\"\\ufffd\\ufffd\"");
	json_is(LIT("\xed\xa0\x80"), "\"\\ufffd\\ufffd\\ufffd\"");
	/* Any number of replacements will do, nothing else. */
	for (i = 0; i < nitems(partial); i++) {
		got = json(partial[i], strlen(partial[i]));
		len = strlen(got);
		ck_assert_uint_ge(len, 8);
		ck_assert(got[0] == '"' && got[len - 1] == '"');
		for (p = got + 1; p < got + len - 1; p += 6)
			ck_assert_msg(strncasecmp(p, "\\ufffd", 6) == 0,
			    "%zu: %s", i, got);
		free(got);
	}
}
END_TEST

/* Python's json module reads what was written, and gets the text back. */
START_TEST(test_string_python)
{
	static const struct {
		const char	*in;
		const char	*want;
	} t[] = {
		{ "plain", "plain" },
		{ "say \"hi\"\\ \n\r\t\x01\x1f",
		    "say \"hi\"\\ \n\r\t\x01\x1f" },
		{ "\xc3\x87" "a va ? \xf0\x9f\x98\x80", "\xc3\x87" "a va ? "
		    "\xf0\x9f\x98\x80" },
		{ "a\xff" "b\x80", "a\xef\xbf\xbd" "b\xef\xbf\xbd" },
	};
	char	*got;
	size_t	 i;
	int	 rv;

	for (i = 0; i < nitems(t); i++) {
		got = json(t[i].in, strlen(t[i].in));
		if ((rv = python_reads(got, t[i].want)) == -1) {
			free(got);
			fprintf(stderr, "# no python3: not checked\n");
			return;
		}
		ck_assert_msg(rv == 1, "python3 does not read %s", got);
		free(got);
	}
}
END_TEST

START_TEST(test_string_write_error)
{
	FILE	*fp;

	ck_assert_ptr_nonnull(fp = fopen("/dev/full", "w"));
	setvbuf(fp, NULL, _IONBF, 0);
	ck_assert_int_eq(json_write_string(fp, LIT("text")), -1);
	fclose(fp);
}
END_TEST

/* The writer. */

static void
open_out(struct json *j)
{
	ck_assert_ptr_nonnull(out = open_memstream(&buf, &len));
	json_init(j, out);
}

/* What was written since open_out, which must be want. */
static void
out_is(const char *want)
{
	ck_assert_int_eq(fclose(out), 0);
	ck_assert_str_eq(buf, want);
	free(buf);
}

START_TEST(test_json_empty)
{
	struct json	 j;

	open_out(&j);
	json_object(&j, NULL);
	json_object_end(&j);
	json_array(&j, NULL);
	json_array_end(&j);
	out_is("{}\n[]\n");
}
END_TEST

START_TEST(test_json_values)
{
	struct json	 j;

	open_out(&j);
	json_object(&j, NULL);
	json_string(&j, "s", "text");
	json_stringn(&j, "n", "a\0b\nc", 5);
	json_number(&j, "i", "%d", -3);
	json_number(&j, "f", "%.1f", 2.5);
	json_number(&j, "g", "%.15g", 0.1);
	json_bool(&j, "yes", true);
	json_bool(&j, "no", false);
	json_null(&j, "z");
	json_object_end(&j);
	out_is("{\"s\":\"text\",\"n\":\"a\\u0000b\\nc\",\"i\":-3,"
	    "\"f\":2.5,\"g\":0.1,\"yes\":true,\"no\":false,\"z\":null}\n");
}
END_TEST

/* A comma between values at every depth, none after an opening. */
START_TEST(test_json_nesting)
{
	struct json	 j;
	int		 i;

	open_out(&j);
	json_object(&j, NULL);
	json_array(&j, "a");
	json_array_end(&j);
	json_array(&j, "b");
	json_number(&j, NULL, "%d", 1);
	json_array(&j, NULL);
	for (i = 2; i <= 3; i++)
		json_number(&j, NULL, "%d", i);
	json_array_end(&j);
	json_object(&j, NULL);
	json_object_end(&j);
	json_object(&j, NULL);
	json_string(&j, "k", "v");
	json_object_end(&j);
	json_array_end(&j);
	json_object(&j, "c");
	json_object(&j, "d");
	json_null(&j, "e");
	json_object_end(&j);
	json_object_end(&j);
	json_bool(&j, "last", true);
	json_object_end(&j);
	out_is("{\"a\":[],\"b\":[1,[2,3],{},{\"k\":\"v\"}],"
	    "\"c\":{\"d\":{\"e\":null}},\"last\":true}\n");
}
END_TEST

/* Values at the top are lines, with no comma between them. */
START_TEST(test_json_lines)
{
	struct json	 j;
	int		 i;

	open_out(&j);
	for (i = 0; i < 2; i++) {
		json_object(&j, NULL);
		json_number(&j, "n", "%d", i);
		json_object_end(&j);
	}
	json_string(&j, NULL, "top");
	json_number(&j, NULL, "%d", 7);
	json_array(&j, NULL);
	json_null(&j, NULL);
	json_array_end(&j);
	out_is("{\"n\":0}\n{\"n\":1}\n\"top\"\n7\n[null]\n");
}
END_TEST

/* Keys are strings like any other, escaped the same way. */
START_TEST(test_json_keys)
{
	struct json	 j;

	open_out(&j);
	json_object(&j, NULL);
	json_bool(&j, "say \"hi\"", true);
	json_array(&j, "a\tb\\");
	json_array_end(&j);
	json_object_end(&j);
	out_is("{\"say \\\"hi\\\"\":true,\"a\\tb\\\\\":[]}\n");
}
END_TEST

/* Python's json module reads every line back as what was written. */
START_TEST(test_json_python)
{
	struct json	 j;
	FILE		*fp;
	int		 status;

	if (!have_python()) {
		fprintf(stderr, "# no python3: not checked\n");
		return;
	}
	ck_assert_ptr_nonnull(fp = popen("python3 -c 'import json, sys; "
	    "v = [json.loads(l) for l in sys.stdin]; "
	    "sys.exit(v != [{\"a\": [1, 2.5, None, True, \"x\\u0000\\n\"], "
	    "\"b\": {\"c\": {}, \"d\": []}}, [[], {}], \"q\\\"\"])'", "w"));
	json_init(&j, fp);
	json_object(&j, NULL);
	json_array(&j, "a");
	json_number(&j, NULL, "%d", 1);
	json_number(&j, NULL, "%.1f", 2.5);
	json_null(&j, NULL);
	json_bool(&j, NULL, true);
	json_stringn(&j, NULL, "x\0\n", 3);
	json_array_end(&j);
	json_object(&j, "b");
	json_object(&j, "c");
	json_object_end(&j);
	json_array(&j, "d");
	json_array_end(&j);
	json_object_end(&j);
	json_object_end(&j);
	json_array(&j, NULL);
	json_array(&j, NULL);
	json_array_end(&j);
	json_object(&j, NULL);
	json_object_end(&j);
	json_array_end(&j);
	json_string(&j, NULL, "q\"");
	status = pclose(fp);
	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	    "python3 does not read it back");
}
END_TEST

/* A write error stays in the stream, for the caller to see. */
START_TEST(test_json_write_error)
{
	struct json	 j;
	FILE		*fp;

	ck_assert_ptr_nonnull(fp = fopen("/dev/full", "w"));
	setvbuf(fp, NULL, _IONBF, 0);
	json_init(&j, fp);
	json_object(&j, NULL);
	json_string(&j, "k", "v");
	json_object_end(&j);
	ck_assert(ferror(fp));
	fclose(fp);
}
END_TEST

static Suite *
json_suite(void)
{
	Suite	*s;
	TCase	*tc;

	s = suite_create("json");
	tc = tcase_create("string");
	/*
	 * test_string_python starts python3 once a string: on a loaded
	 * machine (make -j8 check) that outlasts Check's 4 s.
	 */
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_string_escapes);
	tcase_add_test(tc, test_string_utf8);
	tcase_add_test(tc, test_string_invalid_utf8);
	tcase_add_test(tc, test_string_python);
	tcase_add_test(tc, test_string_write_error);
	suite_add_tcase(s, tc);

	tc = tcase_create("writer");
	tcase_add_test(tc, test_json_empty);
	tcase_add_test(tc, test_json_values);
	tcase_add_test(tc, test_json_nesting);
	tcase_add_test(tc, test_json_lines);
	tcase_add_test(tc, test_json_keys);
	tcase_add_test(tc, test_json_write_error);
	suite_add_tcase(s, tc);

	tc = tcase_create("python");
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_json_python);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return check_run("check_json", json_suite(), NULL);
}
