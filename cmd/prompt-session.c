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
 * prompt --session: an evening's prompts from light to vulnerable, ending
 * on appreciation, and on a terminal shown one at a time.
 */

#include "config.h"

#include <err.h>
#include <limits.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rapport.h"
#include "common.h"
#include "prompt.h"

static int	 choose_depth(struct selection *, struct rng *, int, size_t,
		    struct chosen *, size_t *);

/*
 * Choose count distinct prompts of depth d only, leaving the other depths
 * as they were.
 */
static int
choose_depth(struct selection *sel, struct rng *rng, int d, size_t count,
    struct chosen *out, size_t *np)
{
	struct recfile	*rf;
	struct promptmeta pm;
	size_t		*saved, i, j, k;
	int		 rv;

	for (i = k = 0; i < sel->nsources; i++)
		k += sel->sources[i].nfiles;
	saved = xcalloc(k, sizeof(*saved));
	for (i = k = 0; i < sel->nsources; i++)
		for (j = 0; j < sel->sources[i].nfiles; j++, k++) {
			rf = &sel->sources[i].files[j];
			saved[k] = rf->neligible;
			if (prompt_file_meta(rf->name, &pm) == -1 ||
			    pm.depth != d)
				rf->neligible = 0;
		}
	rv = choose(sel, rng, count, out, np);
	for (i = k = 0; i < sel->nsources; i++)
		for (j = 0; j < sel->sources[i].nfiles; j++, k++) {
			rf = &sel->sources[i].files[j];
			if (prompt_file_meta(rf->name, &pm) == -1 ||
			    pm.depth != d)
				rf->neligible = saved[k];
		}
	free(saved);
	return rv;
}

/*
 * An evening's session of n prompts: rising from depth 1 to 3 among the
 * selection, then an appreciation task (depth 1 or 2) to end on.
 */
int
run_session(struct selection *sel, const struct searchpath *sp,
    const struct want *want, struct rng *rng, int n, struct chosen *out,
    size_t *np)
{
	struct selection thanks;
	struct want	 w;
	char		 errbuf[ERRBUF_SIZE];
	int		 depths[100], d, i, rv = 0;
	size_t		 want_n, got;

	prompt_session_plan(n, depths);
	*np = 0;
	for (d = 1; d <= 3; d++) {
		for (i = 0, want_n = 0; i < n - 1; i++)
			want_n += depths[i] == d;
		if (choose_depth(sel, rng, d, want_n, out + *np, &got) == -1)
			rv = -1;
		*np += got;
	}

	w = *want;
	w.depth_lo = 1;
	w.depth_hi = 2;
	w.pattern = NULL;
	w.task_only = true;
	w.avoid = out;
	w.navoid = *np;
	selection_init(&thanks);
	if (selection_add(&thanks, sp, builtin_prompts, builtin_prompts_count,
	    "appreciation", -1, errbuf, sizeof(errbuf)) == 0) {
		selection_drop(&thanks, drop_source, &w);
		selection_count(&thanks);
		selection_filter(&thanks, keep_prompt, &w);
		if (choose(&thanks, rng, 1, out + *np, &got) == 0)
			(*np)++;
		else
			rv = -1;
	} else
		rv = -1;
	selection_free(&thanks);
	return rv;
}

/*
 * A session on a terminal: one prompt at a time, read line by line, with
 * the keys of score's check-in.  Enter goes on to the next prompt, s skips
 * this one, b goes back to the one before and q stops; the end of the
 * input stops too.  A skipped prompt is not kept, so that the history does
 * not hold it and it may come again another evening.  kept[i] says whether
 * prompt i was shown and not skipped; returns how many were.
 */
size_t
interactive(const struct chosen *c, size_t n, bool cflag, bool *kept)
{
	char	*line = NULL, *head, key;
	size_t	 cap = 0, i = 0, nkept;
	bool	 show = true;

	for (;;) {
		if (show) {
			if (cflag)
				xasprintf(&head, "%zu of %zu (%s, depth %d):",
				    i + 1, n, c[i].category,
				    c[i].meta.depth);
			else
				xasprintf(&head, "%zu of %zu:", i + 1, n);
			if (safe_write(stdout, head, strlen(head),
			    SAFEOUT_TTY) == -1)
				err(EXIT_TROUBLE, "stdout");
			free(head);
			putchar('\n');
			if (safe_write(stdout, c[i].text, c[i].len,
			    SAFEOUT_TTY) == -1)
				err(EXIT_TROUBLE, "stdout");
			kept[i] = true;
		}
		printf("\n[Enter: %s, s: skip, b: back, q: stop] ",
		    i + 1 < n ? "next" : "end");
		if (fflush(stdout) == EOF)
			err(EXIT_TROUBLE, "stdout");
		if (getline(&line, &cap, stdin) == -1) {
			putchar('\n');
			break;
		}
		key = line[strspn(line, " \t")];
		if (key == 'q' || key == 'Q')
			break;
		if ((key == 'b' || key == 'B') && i == 0) {
			printf("This is the first one.\n");
			show = false;
			continue;
		}
		if (key == 's' || key == 'S')
			kept[i] = false;
		if (key == 'b' || key == 'B')
			i--;
		else if (++i == n)
			break;
		putchar('\n');
		show = true;
	}
	free(line);
	for (i = nkept = 0; i < n; i++)
		nkept += kept[i];
	return nkept;
}
