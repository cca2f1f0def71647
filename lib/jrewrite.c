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
 * jrewrite.c: the rewrites of compaction and repair, which replace a
 * journal whole: their frame and their decisions (jrewrite.h), shared
 * with the sealed journal's rewrite in seal.c, and the rewrite of a plain
 * journal, which writes each record kept as it is, once.
 */

#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rapport.h"
#include "jrewrite.h"

/*
 * The records a rewrite has written, so that a byte-identical copy of one
 * is written once: a table of the hashes of their bytes, open addressing,
 * each with where the record is in the new file, so that a hash met again
 * is checked against the bytes themselves.
 */
struct written {
	uint64_t	 hash;
	off_t		 off;
	size_t		 len;		/* 0 in a free slot */
};

struct writtenset {
	struct written	*v;
	size_t		 n;
	size_t		 cap;		/* 0, or a power of two */
	off_t		 end;		/* the size of the new file */
};

static void	 rewrite_end(struct rewrite *);
static ssize_t	 put_record(FILE *, const char *, size_t);
static int	 put_new(struct writtenset *, FILE *, const char *, size_t);
static void	 written_grow(struct writtenset *);
static int	 written_before(FILE *, const struct written *, const char *);
static int	 put_once(struct writtenset *, FILE *, const char *, size_t);
static int	 keep_record(struct rewrite *, const struct jevent *);
static int	 drop_record(struct rewrite *, const struct jevent *);
static int	 put_tombstone(struct rewrite *, const struct jentry *);

/* How the rewrite of a plain journal writes its records. */
static const struct rewrite_sink plain_sink = {
	keep_record, drop_record, put_tombstone
};

/*
 * Open the journal at path to replace it whole, under its lock, held in
 * *lfd: a private regular file (else EPERM) of one name (else EMLINK:
 * the rename would leave the other names on the old file), its status in
 * *st.  Its descriptor, or -1 with the lock let go.
 */
int
journal_open_to_replace(const char *path, int *lfd, struct stat *st)
{
	int	 fd, saved;

	if ((*lfd = journal_lock(path)) == -1)
		return -1;
	if ((fd = file_open_regular(path, st)) == -1)
		goto fail;
	if (file_private(st) != 0 || st->st_nlink > 1) {
		errno = file_private(st) != 0 ? EPERM : EMLINK;
		close(fd);
		goto fail;
	}
	return fd;
fail:
	saved = errno;
	close(*lfd);
	errno = saved;
	return -1;
}

/*
 * Start a rewrite of the journal at path in mode, as journal_rewrite()
 * says, with res zeroed: the journal opened to replace it, read through
 * rw->fp.  A journal that does not exist fails with ENOENT before any
 * lock is made.  On failure nothing is held.
 */
int
rewrite_open(struct rewrite *rw, const char *path, int mode,
    const char *side, struct jrewrite *res)
{
	struct stat	 st;
	int		 fd, saved;

	memset(rw, 0, sizeof(*rw));
	memset(res, 0, sizeof(*res));
	rw->path = path;
	rw->mode = mode;
	rw->side = side;
	rw->res = res;
	if (stat(path, &st) == -1)
		return -1;
	if ((fd = journal_open_to_replace(path, &rw->lfd, &rw->st)) == -1)
		return -1;
	if ((rw->fp = fdopen(fd, "r")) == NULL) {
		saved = errno;
		close(fd);
		close(rw->lfd);
		errno = saved;
		return -1;
	}
	return 0;
}

/*
 * Gather, for compaction, the ids that the plain journal plain (the
 * journal itself, or what its sealed lines hold) puts out of use, then
 * open the new file beside the journal, with its mode, and rewind the
 * journal to be read again.
 */
int
rewrite_begin(struct rewrite *rw, FILE *plain)
{
	if (rw->mode == JREWRITE_COMPACT &&
	    journal_dead_ids(plain, rw->path, &rw->dead) == -1)
		return -1;
	rewind(rw->fp);
	if (file_replace_open(&rw->fr, rw->path, rw->st.st_mode & 07777,
	    FILE_REPLACE_SYNC | FILE_REPLACE_LOCKED) == -1)
		return -1;
	rw->replacing = true;
	return 0;
}

/*
 * What the rewrite does with a record read, through its sink: compaction
 * drops the entries superseded or deleted and calls for a tombstone of
 * each entry that an edit supersedes, so that deletions and edits win
 * over any older copy merged later; repair drops the records that cannot
 * be read.  Records of unknown kinds are kept by both.
 */
int
rewrite_record(struct rewrite *rw, const struct jevent *ev)
{
	bool	 keep;

	if (ev->raw == NULL || ev->rawlen == 0)
		return 0;
	if (rw->mode == JREWRITE_COMPACT && ev->kind == JREC_ENTRY &&
	    ev->entry.supersedes[0] != '\0' &&
	    rw->sink->tombstone(rw, &ev->entry) == -1)
		return -1;
	if (rw->mode == JREWRITE_COMPACT)
		keep = ev->kind != JREC_ENTRY ||
		    !idset_has(&rw->dead, str_hash(ev->entry.id, 0));
	else
		keep = ev->kind != JREC_PROBLEM;
	if (keep)
		return rw->sink->keep(rw, ev);
	return rw->sink->drop != NULL ? rw->sink->drop(rw, ev) : 0;
}

/*
 * Move a record that repair drops, read at line of the journal, to the
 * side file, opened the first time: write the comment that says where it
 * was and why, and return the stream, to which the caller writes the
 * record; NULL on an error.  Of a reader's message only the reason is
 * kept: what follows it ("; it is kept in the file") is no longer so.
 */
FILE *
rewrite_set_aside(struct rewrite *rw, size_t line, const char *reason)
{
	const char	*cut;
	int		 sfd, rlen;

	if (rw->sidefp == NULL) {
		if ((sfd = journal_open_side(rw->side,
		    O_WRONLY | O_APPEND)) == -1)
			return NULL;
		if ((rw->sidefp = fdopen(sfd, "a")) == NULL) {
			close(sfd);
			return NULL;
		}
	}
	rlen = (cut = strstr(reason, "; it ")) != NULL ?
	    (int)(cut - reason) : (int)strlen(reason);
	if (fprintf(rw->sidefp, "%%%%# moved here by journal check --repair "
	    "from %s line %zu: %.*s; it is no longer in the journal\n",
	    rw->path, line, rlen, reason) < 0)
		return NULL;
	return rw->sidefp;
}

/*
 * Finish a rewrite: the side file flushed to disk, then the new journal
 * renamed onto the old one and the directory flushed.  On failure, as
 * rewrite_abort(); either way the rewrite is over.
 */
int
rewrite_commit(struct rewrite *rw)
{
	FILE	*sidefp = rw->sidefp;

	rw->sidefp = NULL;
	if (sidefp != NULL && journal_close_side(sidefp) == -1)
		return rewrite_abort(rw);
	rw->replacing = false;
	if (file_replace_commit(&rw->fr) == -1)
		return rewrite_abort(rw);
	rewrite_end(rw);
	return 0;
}

/*
 * Give up a rewrite, leaving the journal as it was and no new file: -1,
 * with errno as it was.
 */
int
rewrite_abort(struct rewrite *rw)
{
	int	 saved;

	saved = errno;
	if (rw->replacing)
		file_replace_abort(&rw->fr);
	if (rw->sidefp != NULL)
		fclose(rw->sidefp);
	rewrite_end(rw);
	errno = saved;
	return -1;
}

/* Let go of the journal and its lock. */
static void
rewrite_end(struct rewrite *rw)
{
	fclose(rw->fp);
	idset_free(&rw->dead);
	close(rw->lfd);
}

/*
 * Write a record, its last line ended as an append ends it if it lacks
 * its newline: with the mark, so that it still reads as torn.  The number
 * of bytes written, or -1.
 */
static ssize_t
put_record(FILE *fp, const char *raw, size_t len)
{
	if (fwrite(raw, 1, len, fp) != len)
		return -1;
	if (raw[len - 1] == '\n')
		return (ssize_t)len;
	if (fputs(JOURNAL_TORN_MARK "\n", fp) == EOF)
		return -1;
	return (ssize_t)(len + sizeof(JOURNAL_TORN_MARK));
}

/*
 * Write a record to the new file, with put_record(), and count its bytes,
 * which ftello(3) would ask the kernel for each time.
 */
static int
put_new(struct writtenset *ws, FILE *out, const char *raw, size_t len)
{
	ssize_t	 n;

	if ((n = put_record(out, raw, len)) == -1)
		return -1;
	ws->end += (off_t)n;
	return 0;
}

/* Double the table of records written, kept at most half full. */
static void
written_grow(struct writtenset *ws)
{
	struct written	*old = ws->v;
	size_t		 oldcap = ws->cap, i, j;

	ws->cap = oldcap == 0 ? 1024 : oldcap * 2;
	ws->v = xcalloc(ws->cap, sizeof(*ws->v));
	for (i = 0; i < oldcap; i++) {
		if (old[i].len == 0)
			continue;
		for (j = old[i].hash & (ws->cap - 1); ws->v[j].len != 0;
		    j = (j + 1) & (ws->cap - 1))
			;
		ws->v[j] = old[i];
	}
	free(old);
}

/*
 * Whether the record written at w holds the bytes of raw, w->len of them:
 * read back from the new file.  -1 on a read error.
 */
static int
written_before(FILE *out, const struct written *w, const char *raw)
{
	char	 buf[4096];
	size_t	 done, want;
	ssize_t	 n;

	if (fflush(out) == EOF)
		return -1;
	for (done = 0; done < w->len; done += (size_t)n) {
		want = w->len - done < sizeof(buf) ? w->len - done :
		    sizeof(buf);
		if ((n = pread(fileno(out), buf, want, w->off +
		    (off_t)done)) == -1)
			return -1;
		if (n == 0 || memcmp(buf, raw + done, (size_t)n) != 0)
			return 0;
	}
	return 1;
}

/*
 * Write a complete record, ending in a newline, unless the same bytes
 * were written already, as two merges at once used to leave them: the
 * first copy is kept.  1 if it was, 0 if the record was written, -1 on an
 * error.
 */
static int
put_once(struct writtenset *ws, FILE *out, const char *raw, size_t len)
{
	uint64_t	 hash;
	off_t		 off;
	size_t		 i;
	int		 same;

	if ((ws->n + 1) * 2 > ws->cap)
		written_grow(ws);
	hash = mem_hash(raw, len, 0);
	for (i = hash & (ws->cap - 1); ws->v[i].len != 0;
	    i = (i + 1) & (ws->cap - 1)) {
		if (ws->v[i].hash != hash || ws->v[i].len != len)
			continue;
		if ((same = written_before(out, &ws->v[i], raw)) != 0)
			return same;
	}
	off = ws->end;
	if (put_new(ws, out, raw, len) == -1)
		return -1;
	ws->v[i].hash = hash;
	ws->v[i].off = off;
	ws->v[i].len = len;
	ws->n++;
	return 0;
}

/*
 * Write a record that a rewrite of a plain journal keeps: one that cannot
 * be read as it is, and never folded; any other once (put_once), counting
 * the copies folded.
 */
static int
keep_record(struct rewrite *rw, const struct jevent *ev)
{
	int	 rv;

	if (ev->kind == JREC_PROBLEM)
		return put_new(rw->arg, rw->fr.fp, ev->raw, ev->rawlen);
	if ((rv = put_once(rw->arg, rw->fr.fp, ev->raw, ev->rawlen)) == -1)
		return -1;
	rw->res->folded += (size_t)rv;
	return 0;
}

/* Count a record dropped, and move it to the side file if there is one. */
static int
drop_record(struct rewrite *rw, const struct jevent *ev)
{
	FILE	*sidefp;

	rw->res->dropped++;
	if (rw->side == NULL)
		return 0;
	if ((sidefp = rewrite_set_aside(rw, ev->line, ev->problem != NULL ?
	    ev->problem : "unreadable")) == NULL ||
	    put_record(sidefp, ev->raw, ev->rawlen) == -1)
		return -1;
	return 0;
}

/*
 * The tombstone that compaction keeps for the entry that an edit
 * supersedes, dated as the edit, so that an older copy of the journal
 * merged later cannot bring the old text back.  Written once, as any
 * record: compacting again writes nothing new.
 */
static int
put_tombstone(struct rewrite *rw, const struct jentry *edit)
{
	char	*rec;
	int	 rv, saved;

	xasprintf(&rec, "%%%%delete %s %s\n", edit->supersedes, edit->ts);
	rv = put_once(rw->arg, rw->fr.fp, rec, strlen(rec));
	saved = errno;
	free(rec);
	errno = saved;
	return rv == -1 ? -1 : 0;
}

/*
 * Rewrite a journal, as compaction and repair do: under the lock, through
 * file_replace_open() beside the real journal (a symbolic link is
 * followed) with its mode, flushed to disk, then renamed onto it and the
 * directory flushed.  Killed at any point, it leaves the old journal or
 * the new one, never half of one, and no copy of either.  Both write a
 * byte-identical copy of a record once (res->folded).  JREWRITE_COMPACT
 * drops superseded and deleted entries (res->dropped) and keeps a
 * tombstone for each: those of deletions as they are, and one for each
 * superseded entry, so that deletions and edits win over any older copy
 * merged later.  JREWRITE_REPAIR moves torn and unreadable records, and
 * stray text, to the side file (res->dropped), flushed to disk before the
 * journal is replaced.  Unknown kinds of records are kept by both.
 *
 * A journal that does not exist fails with ENOENT before any lock is
 * made, a later version's journal with ENOTSUP, a file that is not a
 * journal (journal_check_version()) with EBADMSG, and one with more than
 * one name (hard links) with EMLINK: the rename would leave the other
 * names on the old file.
 */
int
journal_rewrite(const char *path, int mode, const char *side,
    struct jrewrite *res)
{
	struct rewrite		 rw;
	struct writtenset	 written = { NULL, 0, 0, 0 };
	struct jreader		 r;
	struct jevent		 ev;
	int			 rv = -1, saved;

	if (rewrite_open(&rw, path, mode, side, res) == -1)
		return -1;
	rw.sink = &plain_sink;
	rw.arg = &written;
	if (journal_check_version(fileno(rw.fp)) == -1 ||
	    rewrite_begin(&rw, rw.fp) == -1 ||
	    put_new(&written, rw.fr.fp, JOURNAL_MAGIC "\n",
	    sizeof(JOURNAL_MAGIC)) == -1)
		return rewrite_abort(&rw);
	jreader_init(&r, path, rw.fp);
	while ((rv = jreader_next(&r, &ev)) == 1) {
		if (r.unknown_version) {
			errno = ENOTSUP;
			rv = -1;
			break;
		}
		/* The version line is written anew. */
		if (ev.kind == JREC_PROBLEM && ev.line == 1 &&
		    ev.rawlen >= 10 && strncmp(ev.raw, "%%journal ", 10) == 0)
			continue;
		if (rewrite_record(&rw, &ev) == -1) {
			rv = -1;
			break;
		}
	}
	rv = rv == -1 ? rewrite_abort(&rw) : rewrite_commit(&rw);
	saved = errno;
	jreader_free(&r);
	free(written.v);
	errno = saved;
	return rv;
}
