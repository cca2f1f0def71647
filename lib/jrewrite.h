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
 * jrewrite.h: a rewrite of a journal under way, private to lib/.  The
 * rewrites of a plain journal (journal_rewrite(), jrewrite.c) and of a
 * sealed one (journal_rewrite_sealed(), seal.c) share its frame (the
 * lock, the new file beside the journal, the side file, the commit) and
 * rewrite_record(), which decides what compaction and repair keep of a
 * record and what tombstone it calls for; a sink of each writes that
 * their own way.  Only lib/jrewrite.c, lib/seal.c and lib/sealconvert.c
 * include this file, after rapport.h and <sys/stat.h>.
 */

#ifndef JREWRITE_H
#define JREWRITE_H

struct rewrite;

/* How a rewrite writes what rewrite_record() decided. */
struct rewrite_sink {
	/* A record kept. */
	int	(*keep)(struct rewrite *, const struct jevent *);
	/* A record dropped; NULL where nothing is done with it. */
	int	(*drop)(struct rewrite *, const struct jevent *);
	/* The tombstone of the entry that an edit supersedes. */
	int	(*tombstone)(struct rewrite *, const struct jentry *);
};

struct rewrite {
	const char		*path;
	int			 mode;		/* JREWRITE_* */
	const char		*side;		/* the side file, or NULL */
	struct jrewrite		*res;
	const struct rewrite_sink *sink;
	void			*arg;		/* the sink's own state */
	struct idset		 dead;		/* the ids compaction drops */
	int			 lfd;		/* the journal's lock */
	FILE			*fp;		/* the journal, read */
	struct stat		 st;		/* of the journal */
	struct file_replace	 fr;		/* the new journal */
	bool			 replacing;
	FILE			*sidefp;	/* once a record is set aside */
};

int	 journal_open_to_replace(const char *, int *, struct stat *);
int	 rewrite_open(struct rewrite *, const char *, int, const char *,
	    struct jrewrite *);
int	 rewrite_begin(struct rewrite *, FILE *);
int	 rewrite_record(struct rewrite *, const struct jevent *);
FILE	*rewrite_set_aside(struct rewrite *, size_t, const char *);
int	 rewrite_commit(struct rewrite *);
int	 rewrite_abort(struct rewrite *);

#endif /* JREWRITE_H */
