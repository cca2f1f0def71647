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
 * fuzz_selection: the operands of tip and prompt, fortune(6)'s [N%] category
 * ..., and the pick among them (selection.c), over compiled-in collections
 * (no file is read).  The input is operands, a line each, then a NUL and
 * the texts of four collections, NULs apart: "humor", "listening", and
 * "feelings/1" and "feelings/2" of a directory "feelings".  Operands that
 * are taken must have percentages that add up as fortune(6) wants them,
 * the chances of the sources must add up to one, and every pick must be
 * a record of a source that has records, after any filter too.
 */

#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rapport.h"
#include "fuzzutil.h"

#define MAXARGS	16

static const char *const names[] = {
	"humor", "listening", "feelings/1", "feelings/2"
};
#define NBUILTINS	(sizeof(names) / sizeof(names[0]))

static bool
keep_all(const struct source *src, const struct recfile *rf,
    const char *text, size_t len, void *arg)
{
	(void)src;
	(void)rf;
	(void)text;
	(void)len;
	(void)arg;
	return true;
}

static bool
keep_question(const struct source *src, const struct recfile *rf,
    const char *text, size_t len, void *arg)
{
	(void)src;
	(void)rf;
	(void)arg;
	return prompt_is_question(text, len);
}

static uint64_t
count(const struct selection *sel)
{
	uint64_t	 total = 0;
	size_t		 i, j;

	for (i = 0; i < sel->nsources; i++)
		for (j = 0; j < sel->sources[i].nfiles; j++)
			total += recfile_count_of(&sel->sources[i].files[j]);
	return total;
}

static void
check_selections(struct selection *sel, struct rng *rng)
{
	struct recfile	*rf;
	uint64_t	 total = count(sel);
	size_t		 i, j, rec;
	double		 sum = 0;
	int		 k, rv;

	for (i = 0; i < sel->nsources; i++) {
		sum += selection_chance(sel, i, -1);
		CHECK(selection_chance(sel, i, -1) >= 0);
	}
	/*
	 * Nothing to pick when there is no record, or none where the
	 * weights are (0% humor, or the rest for an empty category).
	 */
	CHECK(fabs(sum - 1) < 1e-9 || (sum == 0));
	CHECK(total > 0 || sum == 0);
	for (k = 0; k < 8; k++) {
		rv = selection_pick(sel, rng, &rf, &rec);
		if (sum == 0) {
			CHECK(rv == -1 && errno == ENOENT);
			return;
		}
		CHECK(rv == 0);
		CHECK(rf->scanned && rec < rf->nrecs);
		if (rf->eligible != NULL) {
			for (j = 0; j < rf->neligible; j++)
				if (rf->eligible[j] == rec)
					break;
			CHECK(j < rf->neligible);
		}
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct builtin		 builtins[NBUILTINS];
	struct searchpath	 sp;
	struct selection	 sel;
	struct eligible_copy	*saved;
	struct rng		 rng;
	uint64_t		 total;
	const uint8_t		*p = data, *end = data + size, *nul;
	char			*ops, *argv[MAXARGS], *s, err[ERRBUF_SIZE];
	size_t			 i;
	int			 argc = 0, rv;

	ops = fuzz_next_field(&p, end);
	/* No slash: an operand with one is a path, read from the disk. */
	for (s = ops; *s != '\0'; s++)
		if (*s == '/')
			*s = '_';
	for (s = ops; argc < MAXARGS && (argv[argc] = strsep(&s, "\n")) !=
	    NULL; argc++)
		continue;
	for (i = 0; i < NBUILTINS; i++) {
		if ((nul = memchr(p, '\0', (size_t)(end - p))) == NULL)
			nul = end;
		builtins[i].name = names[i];
		builtins[i].text = (const char *)p;
		builtins[i].size = (size_t)(nul - p);
		p = nul < end ? nul + 1 : end;
	}

	/* An empty search path: the compiled-in collections alone. */
	searchpath_init(&sp, NULL, NULL, NULL);
	selection_init(&sel);
	err[0] = '\0';
	rv = selection_operands(&sel, &sp, builtins, NBUILTINS, argc, argv,
	    err, sizeof(err));
	if (rv == -1) {
		CHECK(err[0] != '\0');
		selection_free(&sel);
		searchpath_free(&sp);
		free(ops);
		return 0;
	}
	/* No operand: every collection, of files or of directories. */
	if (sel.nsources == 0 && (size & 1))
		selection_add_default(&sel, &sp, builtins, NBUILTINS);
	else if (sel.nsources == 0)
		selection_add_default_dirs(&sel, &sp, builtins, NBUILTINS,
		    NULL, NULL);
	CHECK(selection_validate(&sel, err, sizeof(err)) == 0);
	rng_init_seed(&rng, size);
	selection_count(&sel);
	check_selections(&sel, &rng);

	/* As prompt narrows a selection and widens it again. */
	selection_filter(&sel, keep_all, NULL);
	total = count(&sel);
	saved = selection_save(&sel);
	selection_filter(&sel, keep_question, NULL);
	CHECK(count(&sel) <= total);
	check_selections(&sel, &rng);
	selection_restore(&sel, saved);
	CHECK(count(&sel) == total);
	sel.equal = true;
	check_selections(&sel, &rng);

	selection_free(&sel);
	searchpath_free(&sp);
	free(ops);
	return 0;
}
