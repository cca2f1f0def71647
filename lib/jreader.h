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
 * jreader.h: the journal reader's state, private to lib/, and what of the
 * grammar of journal.c the reader shares.  Callers hold a struct jreader
 * of rapport.h, which points to this state, and say how much it skims
 * through jreader_skim(); only lib/journal.c, lib/jreader.c and
 * lib/seal.c (for the form of a label) include this file.
 */

#ifndef JREADER_H
#define JREADER_H

struct jreader_state {
	const char	*name;
	FILE		*fp;
	bool		 owned;		/* fp is closed by jreader_free() */
	bool		 eof;
	bool		 pending;	/* the line read is to be read again */
	struct jskim	 skim;
	char		*line;
	size_t		 cap;
	ssize_t		 len;
	size_t		 lineno;
	off_t		 lineoff;
	off_t		 nextoff;
	struct jbuf	 raw;		/* the record's bytes */
	struct jbuf	 body;
	struct jbuf	 hdr;		/* the header's words, cut apart */
	struct jbuf	 ahead;		/* read ahead while skimming */
	size_t		 aheadpos;
	struct jentry	 entry;
	char		 msg[256];	/* the last problem */
};

bool	 journal_valid_id(const char *, size_t);
int	 journal_parse_header(char *, struct jentry *, const struct jskim *,
	    const char **);
bool	 journal_header_wanted(const struct jskim *, time_t, const char *,
	    const char *);

#endif /* JREADER_H */
