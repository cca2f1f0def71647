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
 * fuzz_configfile: the configuration file of every command (configfile.c,
 * rapport-config(5)).  The input is the file's text.  A file that is read
 * must give only keys of the sections they are in, each once, with a
 * value that is neither empty nor padded with blanks; a file that is not
 * must say so as FILE:LINE: what, of a line the file has.
 */

#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rapport.h"
#include "fuzzutil.h"

static const char *const keys[][2] = {
	{ "journal", "editor" }, { "journal", "file" },
	{ "journal", "inline-tags" }, { "journal", "pager" },
	{ "journal", "passcmd" },
	{ "journal", "template" }, { "journal", "week-start" },
	{ "prompt", "depth" }, { "prompt", "exclude" },
	{ "prompt", "for" }, { "prompt", "history" }, { "prompt", "seed" },
	{ "score", "color" }, { "score", "week-start" },
	{ "score", "weeks" }, { "tip", "exclude" }, { "tip", "for" },
	{ "tip", "length" }, { "tip", "seed" }
};
#define NKEYS	(sizeof(keys) / sizeof(keys[0]))

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	setenv("HOME", "/home/fuzz", 1);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct config	 c;
	const char	*text = (const char *)data, *v;
	char		 err[ERRBUF_SIZE], where[ERRBUF_SIZE], *path;
	size_t		 i, j, lines, line;
	int		 ws;

	lines = fuzz_count_lines(data, size);
	err[0] = '\0';
	if (config_parse(&c, "fuzz", text, size, NULL, err, sizeof(err)) ==
	    -1) {
		/* What is wrong, and where. */
		line = fuzz_error_line(err);
		CHECK(line >= 1 && line <= lines);
		CHECK(c.items == NULL && c.nitems == 0 && c.path == NULL);
		return 0;
	}
	CHECK(strcmp(c.path, "fuzz") == 0);
	for (i = 0; i < c.nitems; i++) {
		for (j = 0; j < NKEYS; j++)
			if (strcmp(c.items[i].section, keys[j][0]) == 0 &&
			    strcmp(c.items[i].key, keys[j][1]) == 0)
				break;
		CHECK(j < NKEYS);
		for (j = 0; j < i; j++)
			CHECK(strcmp(c.items[i].section, c.items[j].section) !=
			    0 || strcmp(c.items[i].key, c.items[j].key) != 0);
		v = c.items[i].value;
		CHECK(v[0] != '\0' && v[0] != ' ' && v[0] != '\t');
		CHECK(v[strlen(v) - 1] != ' ' && v[strlen(v) - 1] != '\t');
		CHECK(strchr(v, '\n') == NULL);
		CHECK(c.items[i].line >= 1 && c.items[i].line <= lines);
		CHECK(config_get(&c, c.items[i].section, c.items[i].key) == v);
		config_where(&c, c.items[i].section, c.items[i].key, where,
		    sizeof(where));
		CHECK(strncmp(where, "fuzz:", 5) == 0);
		if ((path = config_path(v)) != NULL) {
			CHECK(v[0] != '~' || path[0] == '/');
			free(path);
		}
	}
	ws = config_week_start(&c, "journal");
	CHECK(ws == 0 || ws == 1);
	ws = config_week_start(&c, "score");
	CHECK(ws == 0 || ws == 1);
	config_free(&c);
	return 0;
}
