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
 * jmerge.c: merging into a journal the records of another copy of it, or
 * entries made by an import.  What the journal lacks is decided under its
 * lock, from what it holds then, and appended before the lock is let go,
 * so that two merges at once add each record once.  The records offered
 * are read before the lock is taken, so that it is held no longer than
 * the journal takes to read.
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

/*
 * A record offered to the journal: its bytes in the buffer of all of
 * them, the hash of its key, by which the journal may have it already (an
 * entry's id, a tombstone's id, or the bytes of a record of an unknown
 * kind), and for an entry the hash of its id, which the journal may have
 * deleted or superseded.
 */
struct offer {
	size_t		 off;
	size_t		 len;
	uint64_t	 key;
	uint64_t	 id;
	bool		 entry;
	bool		 repeat;	/* an earlier offer has its key */
};

struct offers {
	struct offer	*v;
	size_t		 n;
	size_t		 cap;
	struct jbuf	 bytes;
};

/* An offer's key and place, sorted to find the keys offered twice. */
struct keyed {
	uint64_t	 key;
	size_t		 i;
};

static int	 gather(struct jreader *, const char *, jproblem_fn *, void *,
		    struct offers *, struct jmerge *);
static int	 cmp_keyed(const void *, const void *);
static void	 mark_repeats(struct offers *);
static int	 read_journal(const char *, const struct jkeys *,
		    struct idset *, struct idset *);
static int	 merge_into(const char *, const struct jkeys *, int,
		    struct offers *,
		    struct jmerge *);
static int	 merge_read(const char *, const struct jkeys *, struct jreader *,
		    const char *, int,
		    jproblem_fn *, void *, struct jmerge *);

/*
 * Read the records offered, the unreadable ones told to problem (which
 * may be NULL) and counted, not offered.
 */
static int
gather(struct jreader *r, const char *name, jproblem_fn *problem,
    void *arg, struct offers *o, struct jmerge *res)
{
	struct jevent	 ev;
	struct offer	*of;
	int		 rv;

	while ((rv = jreader_next(r, &ev)) == 1) {
		if (ev.kind == JREC_PROBLEM) {
			res->problems++;
			if (problem != NULL)
				problem(name, ev.line, ev.problem, arg);
			continue;
		}
		if (o->n == o->cap) {
			o->cap = o->cap == 0 ? 256 : o->cap * 2;
			o->v = xreallocarray(o->v, o->cap, sizeof(*o->v));
		}
		of = &o->v[o->n++];
		memset(of, 0, sizeof(*of));
		of->off = o->bytes.len;
		of->len = ev.rawlen;
		jbuf_add(&o->bytes, ev.raw, ev.rawlen);
		if (ev.kind == JREC_ENTRY) {
			of->entry = true;
			of->id = str_hash(ev.entry.id, 0);
			of->key = str_hash(ev.entry.id, str_hash("e ", 0));
		} else if (ev.kind == JREC_DELETE)
			of->key = str_hash(ev.entry.id, str_hash("d ", 0));
		else
			of->key = mem_hash(ev.raw, ev.rawlen,
			    str_hash("u ", 0));
	}
	return rv;
}

static int
cmp_keyed(const void *a, const void *b)
{
	const struct keyed	*x = a, *y = b;

	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

/*
 * Mark the offers whose key an earlier one has, sorted once, so that a
 * long journal offered costs n log n and not n squared.
 */
static void
mark_repeats(struct offers *o)
{
	struct keyed	*k;
	size_t		 i;

	if (o->n < 2)
		return;
	k = xreallocarray(NULL, o->n, sizeof(*k));
	for (i = 0; i < o->n; i++) {
		k[i].key = o->v[i].key;
		k[i].i = i;
	}
	qsort(k, o->n, sizeof(*k), cmp_keyed);
	for (i = 1; i < o->n; i++)
		if (k[i].key == k[i - 1].key)
			o->v[k[i].i].repeat = true;
	free(k);
}

/*
 * The keys of the records a journal holds, and the ids it has deleted or
 * superseded; a journal not there yet holds none.  Bodies are passed
 * over, but for those of edits: an edit that cannot be read supersedes
 * nothing, as for every reader.
 */
static int
read_journal(const char *path, const struct jkeys *keys, struct idset *have,
    struct idset *dead)
{
	struct jreader	 r;
	struct jevent	 ev;
	struct jskim	 sk;
	struct stat	 st;
	struct sealread	 sr;
	FILE		*fp, *plain;
	int		 fd, rv, saved;

	if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)) == -1)
		return errno == ENOENT ? 0 : -1;
	if (file_stat_regular(fd, &st) == -1)
		goto fail;
	if (file_private(&st) != 0) {
		errno = EPERM;
		goto fail;
	}
	if (journal_check_version(fd) == -1 || (fp = fdopen(fd, "r")) == NULL)
		goto fail;
	/* A sealed journal is read opened, with its keys. */
	if (journal_fd_sealed(fd)) {
		if (keys == NULL) {
			fclose(fp);
			errno = EPROTOTYPE;
			return -1;
		}
		rv = journal_unseal(fp, path, keys, NULL, NULL, &sr, &plain);
		saved = errno;
		fclose(fp);
		errno = saved;
		if (rv == -1)
			return -1;
		fp = plain;
	}
	jreader_init(&r, path, fp);
	memset(&sk, 0, sizeof(sk));
	sk.level = JSKIM_BODIES;
	jreader_skim(&r, &sk);
	while ((rv = jreader_next(&r, &ev)) == 1) {
		if (r.unknown_version) {
			errno = ENOTSUP;
			rv = -1;
			break;
		}
		if (ev.kind == JREC_ENTRY) {
			idset_add(have, str_hash(ev.entry.id,
			    str_hash("e ", 0)));
			if (ev.entry.supersedes[0] != '\0')
				idset_add(dead, str_hash(ev.entry.supersedes,
				    0));
		} else if (ev.kind == JREC_DELETE) {
			idset_add(have, str_hash(ev.entry.id,
			    str_hash("d ", 0)));
			idset_add(dead, str_hash(ev.entry.id, 0));
		} else if (ev.kind == JREC_UNKNOWN)
			idset_add(have, mem_hash(ev.raw, ev.rawlen,
			    str_hash("u ", 0)));
	}
	saved = errno;
	jreader_free(&r);
	fclose(fp);
	errno = saved;
	if (rv == -1)
		return -1;
	idset_sort(have);
	idset_sort(dead);
	return 0;
fail:
	saved = errno;
	close(fd);
	errno = saved;
	return -1;
}

/*
 * Under the journal's lock, append the offers that it lacks, in the order
 * offered: not those whose key it has, nor entries that it deleted or
 * superseded, so that a deletion or an edit wins over an older copy.
 */
static int
merge_into(const char *path, const struct jkeys *keys, int flags,
    struct offers *o, struct jmerge *res)
{
	struct idset	 have = { NULL, 0, 0, false };
	struct idset	 dead = { NULL, 0, 0, false };
	struct jbuf	 out = { NULL, 0, 0 };
	struct offer	*of;
	size_t		 i;
	int		 lfd = -1, rv = -1, saved;

	mark_repeats(o);
	if (file_make_dirs(path) == -1)
		return -1;
	if (!(flags & JMERGE_UNLOCKED) && (lfd = journal_lock(path)) == -1)
		return -1;
	if (read_journal(path, keys, &have, &dead) == -1)
		goto done;
	for (i = 0; i < o->n; i++) {
		of = &o->v[i];
		if (of->repeat || idset_has(&have, of->key))
			res->had++;
		else if (of->entry && idset_has(&dead, of->id))
			res->dead++;
		else {
			jbuf_add(&out, o->bytes.s + of->off, of->len);
			res->added++;
		}
	}
	rv = out.len == 0 ? 0 : journal_append_locked(path, out.s, out.len);
	if (rv == -1)
		res->added = 0;
done:
	saved = errno;
	if (lfd != -1)
		close(lfd);
	free(out.s);
	idset_free(&have);
	idset_free(&dead);
	errno = saved;
	return rv;
}

/*
 * Merge what a reader gives, as journal_merge() says, and free the
 * reader.
 */
static int
merge_read(const char *path, const struct jkeys *keys, struct jreader *r,
    const char *name, int flags, jproblem_fn *problem, void *arg,
    struct jmerge *res)
{
	struct offers	 o;
	int		 rv, saved;

	memset(&o, 0, sizeof(o));
	rv = gather(r, name, problem, arg, &o, res);
	jreader_free(r);
	if (rv != -1) {
		res->failed = path;
		rv = merge_into(path, keys, flags, &o, res);
	}
	if (rv == 0)
		res->failed = NULL;
	saved = errno;
	free(o.v);
	free(o.bytes.s);
	errno = saved;
	return rv;
}

/*
 * Merge into the journal at path the records of other, another copy of
 * it, which may be any file but a directory, a pipe included: every
 * record that the journal lacks is appended, in the order of other, with
 * one write under the journal's lock (none with JMERGE_UNLOCKED, for a
 * file that no one else writes, as the temporary file of a merge driver).
 * An entry is known by its id, a tombstone by the id it deletes, and a
 * record of an unknown kind by its bytes; an entry that the journal has
 * deleted or superseded is left out, while tombstones and edits are
 * merged, so that merging two copies either way round gives the same
 * live entries, and merging again adds nothing.  The records of other
 * that cannot be read are told to problem (unless NULL) and left out.
 * Nothing is printed: res counts what was done.  -1 with errno on a
 * failure, when nothing was written, and res->failed the path of the file
 * it concerns: other's open and read errors, and the journal's of
 * journal_append(), EBADMSG for a journal that is not one
 * (journal_check_version()) among them.
 */
int
journal_merge(const char *path, const char *other, int flags,
    jproblem_fn *problem, void *arg, struct jmerge *res)
{
	struct jreader	 r;
	struct stat	 st;
	FILE		*fp = NULL;
	int		 fd, rv, saved;

	/* Sealed copies merge as they are, by their labels. */
	if (journal_sealed(path) || journal_sealed(other))
		return journal_merge_sealed(path, other, flags, problem, arg,
		    res);
	memset(res, 0, sizeof(*res));
	res->failed = other;
	if ((fd = open(other, O_RDONLY | O_CLOEXEC)) == -1)
		return -1;
	if (fstat(fd, &st) == 0) {
		if (S_ISDIR(st.st_mode))
			errno = EISDIR;
		else
			fp = fdopen(fd, "r");
	}
	if (fp == NULL) {
		saved = errno;
		close(fd);
		errno = saved;
		return -1;
	}
	jreader_init(&r, other, fp);
	rv = merge_read(path, NULL, &r, other, flags, problem, arg, res);
	saved = errno;
	fclose(fp);
	errno = saved;
	return rv;
}

/*
 * Merge records held in memory, as journal_merge() does, such as entries
 * that an import made: name is what problems are told of.  A sealed
 * journal is read with keys, unlocked (EPROTOTYPE when NULL), and the
 * records appended to it are sealed.
 */
int
journal_merge_mem(const char *path, const struct jkeys *keys,
    const char *name, const char *buf, size_t len, int flags,
    jproblem_fn *problem, void *arg, struct jmerge *res)
{
	struct jreader	 r;

	memset(res, 0, sizeof(*res));
	res->failed = name;
	jreader_init_mem(&r, name, buf, len);
	return merge_read(path, keys, &r, name, flags, problem, arg, res);
}
