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
 * What prompt's files share: prompt.c, the options, the filters and
 * choosing; prompt-session.c, an evening's session; prompt-output.c, the
 * formats and the listings.  Include it after <regex.h>, rapport.h and
 * common.h.
 */

#ifndef PROMPT_H
#define PROMPT_H

enum format { FORMAT_TEXT, FORMAT_JSON, FORMAT_MAIL };

/* What the filters keep: depths, audience, excluded categories, pattern. */
struct want {
	int		 depth_lo;
	int		 depth_hi;
	bool		 partner;	/* partner-only prompts allowed */
	bool		 named_intimacy; /* intimacy named, for any audience */
	const char	**exclude;
	size_t		 nexclude;
	struct pattern	*pattern;	/* -m */
	bool		 task_only;
	const struct chosen *avoid;	/* prompts already chosen */
	size_t		 navoid;
};

/* One prompt chosen for output. */
struct chosen {
	const char	*text;
	size_t		 len;
	char		*copy;
	char		 category[NAME_MAX + 1];
	struct promptmeta meta;
	uint32_t	 id;
};

extern const struct builtin	 builtin_prompts[];
extern const size_t		 builtin_prompts_count;

/* prompt.c */
bool	 is_optin(const char *);
bool	 drop_source(const struct source *, void *);
bool	 keep_prompt(const struct source *, const struct recfile *,
	    const char *, size_t, void *);
void	 category_of(const struct source *, const struct recfile *, char *,
	    size_t);
int	 choose(struct selection *, struct rng *, size_t, struct chosen *,
	    size_t *);

/* prompt-session.c */
int	 run_session(struct selection *, const struct searchpath *,
	    const struct want *, struct rng *, int, struct chosen *, size_t *);
size_t	 interactive(const struct chosen *, size_t, bool, bool *);

/* prompt-output.c */
void	 output(const struct chosen *, size_t, enum format, bool,
	    const char *, const char *);
void	 list_categories(const struct selection *);
void	 list_category_names(const struct searchpath *);

#endif /* PROMPT_H */
