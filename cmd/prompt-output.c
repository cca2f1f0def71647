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
 * prompt's output: the prompts chosen as text, JSON or a mail message, and
 * the categories listed by -f and --list-categories.  Whatever comes from
 * the prompt files or their names goes through safe_write, so that no
 * escape sequence in them reaches a terminal.
 */

#include "config.h"

#include <err.h>
#include <limits.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "rapport.h"
#include "common.h"
#include "prompt.h"

static void	 output_json(const struct chosen *);
static void	 write_text(FILE *, const struct chosen *, size_t, bool, int,
		    bool);

/* The prompts chosen, in the format asked for, on stdout. */
void
output(const struct chosen *c, size_t n, enum format format, bool cflag,
    const char *to, const char *subject)
{
	FILE	*body;
	char	*buf;
	size_t	 len, i;
	bool	 questions = true;

	switch (format) {
	case FORMAT_TEXT:
		write_text(stdout, c, n, cflag, isatty(STDOUT_FILENO) ?
		    SAFEOUT_TTY : SAFEOUT_RAW, false);
		break;
	case FORMAT_JSON:
		for (i = 0; i < n; i++)
			output_json(&c[i]);
		break;
	case FORMAT_MAIL:
		if ((body = open_memstream(&buf, &len)) == NULL)
			err(EXIT_TROUBLE, NULL);
		/* A mail reader wraps paragraphs to its own width. */
		write_text(body, c, n, cflag, SAFEOUT_RAW, true);
		if (fclose(body) == EOF)
			err(EXIT_TROUBLE, NULL);
		for (i = 0; i < n; i++)
			questions &= prompt_is_question(c[i].text, c[i].len);
		if (subject == NULL)
			subject = n > 1 ? "Something to talk about tonight" :
			    questions ? "A question for tonight" :
			    "Something to try tonight";
		if (mail_write(stdout, NULL, to, subject, buf, len,
		    time(NULL)) == -1)
			err(EXIT_TROUBLE, "cannot write the message to %s", to);
		free(buf);
		break;
	}
}

/*
 * Write the prompts as text, with the collection's lines or unwrapped into
 * paragraphs: one alone as it is; several numbered, with continuation
 * lines indented and a blank line between them.
 */
static void
write_text(FILE *fp, const struct chosen *c, size_t n, bool cflag, int mode,
    bool unwrapped)
{
	const char	*text, *p, *end, *nl;
	char		*head, *buf = NULL;
	size_t		 i, len;

	for (i = 0; i < n; i++) {
		if (n > 1 && i > 0)
			putc('\n', fp);
		if (n > 1)
			fprintf(fp, "%2zu. ", i + 1);
		if (cflag) {
			xasprintf(&head, "(%s, depth %d)", c[i].category,
			    c[i].meta.depth);
			if (safe_write(fp, head, strlen(head), mode) == -1)
				err(EXIT_TROUBLE, "stdout");
			free(head);
		}
		text = c[i].text;
		len = c[i].len;
		if (unwrapped) {
			text = buf = xreallocarray(buf, len + 1, 1);
			len = unwrap(buf, c[i].text, len);
		}
		end = text + len;
		for (p = text; p < end; p = nl + 1) {
			if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
				nl = end;
			if (n > 1 && (p != text || cflag))
				fputs("    ", fp);
			/* With its newline, so a CR before it is seen. */
			if (safe_write(fp, p, (size_t)(nl - p) + (nl < end),
			    mode) == -1)
				err(EXIT_TROUBLE, "stdout");
		}
	}
	free(buf);
}

/* A prompt as one line of JSON, its text unwrapped into paragraphs. */
static void
output_json(const struct chosen *c)
{
	struct json	 j;
	char		 id[16], *text;
	size_t		 len;

	snprintf(id, sizeof(id), "%08x", (unsigned int)c->id);
	json_init(&j, stdout);
	json_object(&j, NULL);
	json_string(&j, "id", id);
	/* The text without its final newline. */
	text = xreallocarray(NULL, c->len + 1, 1);
	len = unwrap(text, c->text, c->len);
	json_stringn(&j, "text", text, len > 0 && text[len - 1] == '\n' ?
	    len - 1 : len);
	free(text);
	json_string(&j, "category", c->category);
	json_number(&j, "depth", "%d", c->meta.depth);
	json_string(&j, "audience", c->meta.audience == AUDIENCE_PARTNER ?
	    "partner" : "any");
	json_string(&j, "kind", prompt_is_question(c->text, c->len) ?
	    "question" : "task");
	json_object_end(&j);
}

/* -f: a line per category, with its prompts counted by depth. */
void
list_categories(const struct selection *sel)
{
	const struct source	*src;
	const struct recfile	*rf;
	struct promptmeta	 pm;
	char			 cat[NAME_MAX + 1], *line;
	size_t			 per[4], i, j, total;
	int			 mode;

	mode = isatty(STDOUT_FILENO) ? SAFEOUT_TTY : SAFEOUT_RAW;
	printf("%-16s %7s %7s %7s %7s\n", "category", "depth 1", "depth 2",
	    "depth 3", "total");
	for (i = 0; i < sel->nsources; i++) {
		src = &sel->sources[i];
		memset(per, 0, sizeof(per));
		for (j = 0; j < src->nfiles; j++) {
			rf = &src->files[j];
			if (prompt_file_meta(rf->name, &pm) == 0)
				per[pm.depth] += recfile_count_of(rf);
		}
		total = per[1] + per[2] + per[3];
		if (src->nfiles > 0)
			category_of(src, &src->files[0], cat, sizeof(cat));
		else
			prompt_category(src->label, cat, sizeof(cat));
		xasprintf(&line, "%-16s %7zu %7zu %7zu %7zu%s", cat, per[1],
		    per[2], per[3], total, is_optin(cat) ? "  only when named" :
		    "");
		if (safe_write(stdout, line, strlen(line), mode) == -1)
			err(EXIT_TROUBLE, "stdout");
		free(line);
	}
}

/*
 * The names of the categories of the search path, opt-in ones included,
 * or of the compiled-in collection where it has none, one per line and
 * once each: for completions, which ask at every tab.
 */
void
list_category_names(const struct searchpath *sp)
{
	char	**names, **paths;
	size_t	 n, i, len;
	int	 mode;

	mode = isatty(STDOUT_FILENO) ? SAFEOUT_TTY : SAFEOUT_RAW;
	searchpath_subdirs(sp, &names, &paths, NULL, &n);
	for (i = 0; i < n; i++) {
		if (safe_write(stdout, names[i], strlen(names[i]), mode) == -1)
			err(EXIT_TROUBLE, "stdout");
		free(names[i]);
		free(paths[i]);
	}
	free(names);
	free(paths);
	/* The compiled-in files are named category/depth, in order. */
	for (i = 0; n == 0 && i < builtin_prompts_count; i++) {
		len = strcspn(builtin_prompts[i].name, "/");
		if (i == 0 || strncmp(builtin_prompts[i].name,
		    builtin_prompts[i - 1].name, len) != 0 ||
		    builtin_prompts[i - 1].name[len] != '/')
			printf("%.*s\n", (int)len, builtin_prompts[i].name);
	}
}
