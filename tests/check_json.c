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
 * Tests for the JSON writer of json.c: its commas, keys, nesting and
 * lines.  The escaping of strings is tested with the prompt module, in
 * check_prompt.c.
 */

static FILE	*out;
static char	*buf;
static size_t	 len;

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

	if (system("command -v python3 >/dev/null 2>&1") != 0) {
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
