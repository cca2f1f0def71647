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
 * fuzz_searchpath: the search-path and environment parsing of
 * searchpath.c.  The input is up to three strings a NUL apart: a
 * PATH-like variable such as TIP_PATH, then XDG_DATA_HOME, then HOME.  A
 * search path must hold the variable's non-empty entries in order, then
 * the user's and the installed collection; xdg_dir() must give an
 * absolute path ending in the name asked for, taken from an absolute
 * XDG_DATA_HOME, else from an absolute HOME, else none.  Nothing here
 * touches the file system.
 */

#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rapport.h"
#include "fuzzutil.h"

/*
 * The variables, set in place and taken out again: setenv(3) keeps every
 * value it was ever given, which a long run would pile up.
 */
#define ENV_MAX	4200
static char	 xdgenv[ENV_MAX] = "XDG_DATA_HOME=";
static char	 homeenv[ENV_MAX] = "HOME=";

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	unsetenv("XDG_DATA_HOME");
	unsetenv("HOME");
	return 0;
}

static const char *
field(const uint8_t **p, const uint8_t *end)
{
	const uint8_t	*nul;
	const char	*s = (const char *)*p;

	if ((nul = memchr(*p, '\0', (size_t)(end - *p))) == NULL)
		return NULL;
	*p = nul + 1;
	return s;
}

static void
check_path(const char *var)
{
	struct searchpath	 sp;
	const char		*p, *colon;
	size_t			 i = 0, n;

	searchpath_init(&sp, var, "/user", NULL);
	for (p = var; ; p = colon + 1) {
		colon = strchrnul(p, ':');
		n = (size_t)(colon - p);
		if (n > 0) {
			CHECK(i < sp.nentries);
			CHECK(strlen(sp.entries[i]) == n &&
			    memcmp(sp.entries[i], p, n) == 0);
			i++;
		}
		if (*colon == '\0')
			break;
	}
	CHECK(sp.nentries == i + 1 && strcmp(sp.entries[i], "/user") == 0);
	searchpath_free(&sp);
	CHECK(sp.entries == NULL && sp.nentries == 0);

	searchpath_init(&sp, var, NULL, "/installed");
	CHECK(sp.nentries == i + 1 &&
	    strcmp(sp.entries[i], "/installed") == 0);
	searchpath_free(&sp);

	(void)collection_skip(var);
}

static void
check_xdg(const char *xdg, const char *home)
{
	const char	*base;
	char		*dir, *want = NULL;
	size_t		 n;

	n = strlen(xdg);
	if (n + 15 < ENV_MAX) {
		memcpy(xdgenv + 14, xdg, n + 1);
		putenv(xdgenv);
	}
	n = strlen(home);
	if (n + 6 < ENV_MAX) {
		memcpy(homeenv + 5, home, n + 1);
		putenv(homeenv);
	}
	if ((base = getenv("XDG_DATA_HOME")) != NULL && base[0] == '/')
		xasprintf(&want, "%s/rapport", base);
	else if ((base = getenv("HOME")) != NULL && base[0] == '/')
		xasprintf(&want, "%s/.local/share/rapport", base);
	dir = xdg_dir("XDG_DATA_HOME", ".local/share", "rapport");
	if (want == NULL)
		CHECK(dir == NULL);
	else
		CHECK(dir != NULL && strcmp(dir, want) == 0);
	free(dir);
	free(want);
	unsetenv("XDG_DATA_HOME");
	unsetenv("HOME");
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t	*p = data, *end = data + size;
	const char	*var, *xdg, *home;
	char		*copy;

	/* The input as a string: up to its first NUL, or all of it. */
	if ((copy = malloc(size + 1)) == NULL)
		abort();
	memcpy(copy, data, size);
	copy[size] = '\0';
	if ((var = field(&p, end)) == NULL) {
		check_path(copy);
		check_xdg("", "");
		free(copy);
		return 0;
	}
	check_path(var);
	if ((xdg = field(&p, end)) == NULL) {
		check_xdg(copy + (p - data), "");
		free(copy);
		return 0;
	}
	home = (const char *)p;
	if (field(&p, end) == NULL)
		home = copy + (home - (const char *)data);
	check_xdg(xdg, home);
	free(copy);
	return 0;
}
