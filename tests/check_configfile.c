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

/* check_configfile: the configuration file's grammar, keys and values. */

#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "checkutil.h"
#include "rapport.h"

static struct config	 cfg;

static void
good(const char *text)
{
	char	 err[ERRBUF_SIZE];

	ck_assert_msg(config_parse(&cfg, "cfg", text, strlen(text), NULL,
	    err, sizeof(err)) == 0, "%s", err);
}

static void
bad(const char *text, const char *want)
{
	char	 err[ERRBUF_SIZE] = "";

	ck_assert_msg(config_parse(&cfg, "cfg", text, strlen(text), NULL,
	    err, sizeof(err)) == -1, "accepted: %s", text);
	ck_assert_msg(strcmp(err, want) == 0, "\"%s\", not \"%s\"", err, want);
}

static void
teardown(void)
{
	config_free(&cfg);
}

START_TEST(test_sections_and_values)
{
	char	 where[256];

	good("# a comment\n"
	    "\n"
	    "[prompt]\n"
	    "for = friend\n"
	    "  exclude=intimacy, repair  \n"
	    "seed = our word\n"
	    "[journal]\n"
	    "file = ~/notes/journal\n"
	    "editor = vim -c 'set tw=72'\n"
	    "week-start = sunday\n"
	    "[score]\n"
	    "color = never\n"
	    "weeks = 12\n"
	    "[tip]\n"
	    "length = 80\n"
	    "[prompt]\n"
	    "for = family\n");
	/* A key given again takes the later value. */
	ck_assert_str_eq(config_get(&cfg, "prompt", "for"), "family");
	ck_assert_str_eq(config_get(&cfg, "prompt", "exclude"),
	    "intimacy, repair");
	ck_assert_str_eq(config_get(&cfg, "prompt", "seed"), "our word");
	ck_assert_str_eq(config_get(&cfg, "journal", "editor"),
	    "vim -c 'set tw=72'");
	ck_assert_str_eq(config_get(&cfg, "score", "weeks"), "12");
	ck_assert(config_get(&cfg, "score", "week-start") == NULL);
	ck_assert_int_eq(config_week_start(&cfg, "journal"), 0);
	ck_assert_int_eq(config_week_start(&cfg, "score"), 1);
	config_where(&cfg, "prompt", "for", where, sizeof(where));
	ck_assert_str_eq(where, "cfg:17");
}
END_TEST

START_TEST(test_errors_name_the_line)
{
	bad("for = partner\n", "cfg:1: for: a key outside any [section]");
	bad("[prompt]\nfro = partner\n", "cfg:2: fro: not a key of [prompt]");
	bad("[tip]\n\n[extra]\n", "cfg:3: [extra]: not a section (tip, "
	    "prompt, journal or score)");
	bad("[prompt]\nfor = partners\n", "cfg:2: for = partners: not one "
	    "of partner friend family");
	bad("[score]\nweeks = 0\n", "cfg:2: weeks = 0: not a number from 1 "
	    "to 520");
	bad("[score]\ncolor =\n", "cfg:2: color: the value is missing");
	bad("[journal]\nfile = notes/journal\n", "cfg:2: file = "
	    "notes/journal: not an absolute path (or ~/...)");
	bad("[prompt]\ndepth = 3-1\n", "cfg:2: depth = 3-1: not a depth from "
	    "1 to 3, or a range such as 1-2");
	bad("[prompt]\nexclude = a/b\n", "cfg:2: exclude = a/b: not category "
	    "names, a comma apart");
	bad("[tip]\nlength 80\n", "cfg:2: not a key = value line");
	bad("[tip\n", "cfg:1: not a [section] line");
	bad("[tip]\nlength = 8\xff\n", "cfg:2: not valid UTF-8");
}
END_TEST

/* A command errs on its own section, and warns once about the others. */
START_TEST(test_other_sections_warn)
{
	const char	*text = "[tip]\nlenght = 40\n[prompt]\nfor = friend\n"
			    "[score]\nweeks = 0\n";
	char		 err[ERRBUF_SIZE];

	ck_assert_int_eq(config_parse(&cfg, "cfg", text, strlen(text),
	    "tip", err, sizeof(err)), -1);
	ck_assert_str_eq(err, "cfg:2: lenght: not a key of [tip]");
	ck_assert_int_eq(config_parse(&cfg, "cfg", text, strlen(text),
	    "prompt", err, sizeof(err)), 0);
	ck_assert_str_eq(config_get(&cfg, "prompt", "for"), "friend");
	ck_assert(config_get(&cfg, "score", "weeks") == NULL);
	ck_assert_str_eq(cfg.warning, "cfg:2: lenght: not a key of [tip] "
	    "(ignored by prompt, with 1 more line)");
	config_free(&cfg);
	text = "[tip]\nlength 40\n[journal]\nweek-start = Sunday\n";
	ck_assert_int_eq(config_parse(&cfg, "cfg", text, strlen(text),
	    "journal", err, sizeof(err)), 0);
	ck_assert_str_eq(cfg.warning, "cfg:2: not a key = value line "
	    "(ignored by journal)");
	/* A word in either case, kept in lower case. */
	ck_assert_str_eq(config_get(&cfg, "journal", "week-start"), "sunday");
	ck_assert_int_eq(config_week_start(&cfg, "journal"), 0);
	config_free(&cfg);
	/* An unknown section is an error for every command. */
	text = "[tip]\nlength = 4\n[tips]\n";
	ck_assert_int_eq(config_parse(&cfg, "cfg", text, strlen(text),
	    "journal", err, sizeof(err)), -1);
	ck_assert_str_eq(err, "cfg:3: [tips]: not a section (tip, prompt, "
	    "journal or score)");
}
END_TEST

/* The environment wins over the file, NO_COLOR as the others. */
START_TEST(test_environment_wins)
{
	const char	*text = "[score]\ncolor = always\nweeks = 4\n";

	setenv("NO_COLOR", "1", 1);
	good(text);
	ck_assert(config_get(&cfg, "score", "color") == NULL);
	ck_assert_str_eq(config_get(&cfg, "score", "weeks"), "4");
	config_free(&cfg);
	setenv("NO_COLOR", "", 1);
	good(text);
	ck_assert_str_eq(config_get(&cfg, "score", "color"), "always");
	config_free(&cfg);
	unsetenv("NO_COLOR");
	/* A bad value is still one. */
	setenv("NO_COLOR", "1", 1);
	bad("[score]\ncolor = sometimes\n", "cfg:2: color = sometimes: not "
	    "one of auto always never");
	unsetenv("NO_COLOR");
}
END_TEST

START_TEST(test_path)
{
	char	*p;

	setenv("HOME", "/home/x", 1);
	p = config_path("~/j");
	ck_assert_str_eq(p, "/home/x/j");
	free(p);
	p = config_path("/abs/j");
	ck_assert_str_eq(p, "/abs/j");
	free(p);
	setenv("HOME", "relative", 1);
	ck_assert(config_path("~/j") == NULL);
}
END_TEST

START_TEST(test_load_missing_and_unreadable)
{
	char	 dir[PATH_MAX], path[PATH_MAX];
	char	 err[ERRBUF_SIZE];
	FILE	*fp;

	check_newdir(dir, sizeof(dir));
	setenv("XDG_CONFIG_HOME", dir, 1);
	ck_assert_int_eq(config_load(&cfg, "tip", err, sizeof(err)), 0);
	ck_assert_uint_eq(cfg.nitems, 0);
	check_pathcat(path, sizeof(path), dir, "/rapport");
	ck_assert_int_eq(mkdir(path, 0700), 0);
	check_pathcat(path, sizeof(path), dir, "/rapport/config");
	ck_assert((fp = fopen(path, "w")) != NULL);
	fputs("[tip]\nlength = 9\n", fp);
	fclose(fp);
	ck_assert_int_eq(config_load(&cfg, "tip", err, sizeof(err)), 0);
	ck_assert_str_eq(config_get(&cfg, "tip", "length"), "9");
	config_free(&cfg);
	/* A relative XDG_CONFIG_HOME is ignored, as the specification says. */
	setenv("XDG_CONFIG_HOME", "rel", 1);
	setenv("HOME", dir, 1);
	ck_assert_int_eq(config_load(&cfg, "tip", err, sizeof(err)), 0);
	ck_assert(cfg.path == NULL);
	/* A directory where the file should be is an error, not nothing. */
	unlink(path);
	ck_assert_int_eq(mkdir(path, 0700), 0);
	setenv("XDG_CONFIG_HOME", dir, 1);
	ck_assert_int_eq(config_load(&cfg, "tip", err, sizeof(err)), -1);
	ck_assert_msg(strstr(err, "rapport/config: ") != NULL, "%s", err);
}
END_TEST

static Suite *
configfile_suite(void)
{
	Suite	*s;
	TCase	*tc;

	s = suite_create("configfile");
	tc = tcase_create("config");
	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_test(tc, test_sections_and_values);
	tcase_add_test(tc, test_errors_name_the_line);
	tcase_add_test(tc, test_other_sections_warn);
	tcase_add_test(tc, test_environment_wins);
	tcase_add_test(tc, test_path);
	tcase_add_test(tc, test_load_missing_and_unreadable);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return check_run("check_configfile", configfile_suite(), NULL);
}
