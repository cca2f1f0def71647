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
 * colindex.c: the index of a collection directory, as strfile(8)'s is of
 * one file.  Reading every file of a collection costs an open, a read and
 * a close each, and a listing of every category directory; a pick at
 * login spends most of its time there.  The index holds, in one file
 * mapped at once, the names, texts, records and prompt ids of the files
 * of a directory and of its subdirectories, made once when the collection
 * is installed (tip --index DIR).
 *
 * The index is a cache and never the truth.  It is dated with the time
 * before its first file was read, and a file is read from it only while
 * the file is older than that and has the size it had; a subdirectory is
 * listed from it only while the subdirectory is older.  Whatever changed
 * since the indexing began, even within the clock's last tick, is
 * therefore read from the disk: an edited, added or removed file shows
 * at once.  An index that is missing, damaged or of another version is
 * as if there were none.  The rule leaves out a file edited to the same
 * size and then dated back, as make(1)'s does.
 *
 * The layout, in big-endian words so that /usr/share is the same on every
 * machine: a header of the magic RPTINDEX and six 32-bit words (version,
 * directories, files, records, name bytes, text bytes); then 12 bytes per
 * directory (name, first file, files), the directory "" first, the others
 * in name order; 20 bytes per file (name, text offset, size, first record,
 * records), in name order within each directory; 16 bytes per record
 * (offset and length in its file, prompt id, flags); the names, each
 * ending in a NUL; and the texts, each followed by a NUL.
 */

#include "config.h"

#include <sys/endian.h>
#include <sys/mman.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rapport.h"

#define MAGIC		"RPTINDEX"
#define HDRSIZE		32
#define DIRSIZE		12
#define FILESIZE	20
#define RECSIZE		16
#define REC_COMMENTS	0x1

/* A growing buffer of the index's parts. */
struct part {
	unsigned char	*p;
	size_t		 len, cap;
};

static bool	 good_name(const char *, size_t);
static bool	 newer(const struct timespec *, const struct timespec *);
static const unsigned char *dir_at(const struct colindex *, uint32_t);
static const unsigned char *file_at(const struct colindex *, uint32_t);
static ssize_t	 find_name(const struct colindex *, const unsigned char *,
		    size_t, uint32_t, uint32_t, const char *);
static ssize_t	 find_file(const struct colindex *, uint32_t, const char *);
static void	 put(struct part *, const void *, size_t);
static void	 put32(struct part *, uint64_t);
static int	 index_time(int, const struct timespec *, struct timespec *);
static int	 gather(const char *, char ***, size_t *, struct recfile ***,
		    size_t **, struct timespec *, char **);

/* A name the index may hold: what a listing of the directory could give. */
static bool
good_name(const char *name, size_t len)
{
	return len > 0 && memchr(name, '/', len) == NULL &&
	    !collection_skip(name);
}

/*
 * Check and take the layout of an index held in memory.  Every offset and
 * count is checked here, once, so that the lookups may trust them.  The
 * index must be laid out as colindex_write() lays it out: the files of
 * each directory after those of the one before, the records of each file
 * after those of the one before, and the names and the texts one after
 * another in that order, so that each byte is looked at once and a made-up
 * index whose tables overlap costs no more than a true one.
 */
int
colindex_parse(struct colindex *ix, const unsigned char *p, size_t size)
{
	const unsigned char	*d, *f, *r;
	const char		*name, *prev;
	uint64_t		 need;
	uint32_t		 i, j, k, nfiles, nrecs, off, len, fsize;
	uint32_t		 file = 0, rec = 0, names = 0, text = 0;

	memset(ix, 0, sizeof(*ix));
	if (size < HDRSIZE || memcmp(p, MAGIC, 8) != 0 ||
	    be32dec(p + 8) != COLINDEX_VERSION)
		goto bad;
	ix->ndirs = be32dec(p + 12);
	ix->nfiles = be32dec(p + 16);
	ix->nrecs = be32dec(p + 20);
	ix->names_size = be32dec(p + 24);
	ix->text_size = be32dec(p + 28);
	need = HDRSIZE + (uint64_t)ix->ndirs * DIRSIZE +
	    (uint64_t)ix->nfiles * FILESIZE + (uint64_t)ix->nrecs * RECSIZE +
	    ix->names_size + ix->text_size;
	/* The last name ends in a NUL, so that every name does. */
	if (need != size || ix->ndirs == 0 || ix->names_size == 0 ||
	    p[size - ix->text_size - 1] != '\0')
		goto bad;
	ix->base = p;
	ix->size = size;
	ix->dirs = p + HDRSIZE;
	ix->files = ix->dirs + (size_t)ix->ndirs * DIRSIZE;
	ix->recs = ix->files + (size_t)ix->nfiles * FILESIZE;
	ix->names = (const char *)(ix->recs + (size_t)ix->nrecs * RECSIZE);
	ix->text = ix->names + ix->names_size;

	prev = NULL;
	for (i = 0; i < ix->ndirs; i++) {
		d = dir_at(ix, i);
		if (be32dec(d) != names || names >= ix->names_size)
			goto bad;
		name = ix->names + names;
		len = strlen(name);
		names += len + 1;
		/* The directory itself, "", first; then in name order. */
		if (i == 0 && len != 0)
			goto bad;
		if (i > 0 && (!good_name(name, len) ||
		    (prev != NULL && strcmp(prev, name) >= 0)))
			goto bad;
		if (i > 0)
			prev = name;
		nfiles = be32dec(d + 8);
		if (be32dec(d + 4) != file || nfiles > ix->nfiles - file)
			goto bad;
		for (j = file; j < file + nfiles; j++) {
			f = file_at(ix, j);
			if (be32dec(f) != names || names >= ix->names_size)
				goto bad;
			name = ix->names + names;
			len = strlen(name);
			names += len + 1;
			if (!good_name(name, len) || (j > file &&
			    strcmp(ix->names + be32dec(f - FILESIZE),
			    name) >= 0))
				goto bad;
			fsize = be32dec(f + 8);
			if (be32dec(f + 4) != text || text >= ix->text_size ||
			    fsize >= ix->text_size - text ||
			    ix->text[text + fsize] != '\0')
				goto bad;
			text += fsize + 1;
			nrecs = be32dec(f + 16);
			if (be32dec(f + 12) != rec || nrecs > ix->nrecs - rec)
				goto bad;
			for (k = rec; k < rec + nrecs; k++) {
				r = ix->recs + (size_t)k * RECSIZE;
				off = be32dec(r);
				if (off > fsize || be32dec(r + 4) > fsize - off)
					goto bad;
			}
			rec += nrecs;
		}
		file += nfiles;
	}
	if (file != ix->nfiles || rec != ix->nrecs ||
	    names != ix->names_size || text != ix->text_size)
		goto bad;
	return 0;
bad:
	memset(ix, 0, sizeof(*ix));
	errno = EINVAL;
	return -1;
}

/*
 * Open the index of a collection directory, if it has one that can be
 * read and is well formed; -1 with errno otherwise, which callers take
 * for no index.
 */
int
colindex_open(struct colindex *ix, const char *dir)
{
	struct stat	 st;
	void		*map;
	char		*path;
	int		 fd, saved;

	memset(ix, 0, sizeof(*ix));
	path = path_join(dir, COLINDEX_NAME);
	fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	free(path);
	if (fd == -1)
		return -1;
	if (fstat(fd, &st) == -1) {
		saved = errno;
		close(fd);
		errno = saved;
		return -1;
	}
	if (!S_ISREG(st.st_mode) || st.st_size < HDRSIZE ||
	    (uintmax_t)st.st_size > SIZE_MAX) {
		close(fd);
		errno = EINVAL;
		return -1;
	}
	map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	saved = errno;
	close(fd);
	if (map == MAP_FAILED) {
		errno = saved;
		return -1;
	}
	if (colindex_parse(ix, map, (size_t)st.st_size) == -1) {
		munmap(map, (size_t)st.st_size);
		errno = EINVAL;
		return -1;
	}
	ix->mapped = true;
	ix->mtime = st.st_mtim;
	return 0;
}

void
colindex_close(struct colindex *ix)
{
	if (ix->mapped)
		munmap((void *)ix->base, ix->size);
	memset(ix, 0, sizeof(*ix));
}

/* Whether a is later than b. */
static bool
newer(const struct timespec *a, const struct timespec *b)
{
	return a->tv_sec > b->tv_sec ||
	    (a->tv_sec == b->tv_sec && a->tv_nsec > b->tv_nsec);
}

static const unsigned char *
dir_at(const struct colindex *ix, uint32_t i)
{
	return ix->dirs + (size_t)i * DIRSIZE;
}

static const unsigned char *
file_at(const struct colindex *ix, uint32_t i)
{
	return ix->files + (size_t)i * FILESIZE;
}

/*
 * The number of the entry called name among entries lo to hi - 1 of a
 * table of entries of entsize bytes in name order, each starting with the
 * offset of its name, or -1.
 */
static ssize_t
find_name(const struct colindex *ix, const unsigned char *table,
    size_t entsize, uint32_t lo, uint32_t hi, const char *name)
{
	uint32_t	 mid;
	int		 c;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		c = strcmp(name, ix->names + be32dec(table + mid * entsize));
		if (c == 0)
			return mid;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return -1;
}

/* The number of directory name in the index: 0 for "", or -1. */
ssize_t
colindex_dir(const struct colindex *ix, const char *name)
{
	if (ix->base == NULL)
		return -1;
	if (*name == '\0')
		return 0;
	return find_name(ix, ix->dirs, DIRSIZE, 1, ix->ndirs, name);
}

/* The number of file name of directory dir in the index, or -1. */
static ssize_t
find_file(const struct colindex *ix, uint32_t dir, const char *name)
{
	const unsigned char	*d = dir_at(ix, dir);

	return find_name(ix, ix->files, FILESIZE, be32dec(d + 4),
	    be32dec(d + 4) + be32dec(d + 8), name);
}

/*
 * Let the files of a listing of directory dir of the index be read from
 * it, where they are there: each is checked when it is read.
 */
void
colindex_attach(const struct colindex *ix, ssize_t dir,
    struct recfile *files, size_t n)
{
	ssize_t	 f;
	size_t	 i;

	if (dir < 0)
		return;
	for (i = 0; i < n; i++)
		if ((f = find_file(ix, (uint32_t)dir, files[i].name)) != -1) {
			files[i].ix = ix;
			files[i].ixfile = (uint32_t)f;
		}
}

/*
 * The files of subdirectory dir of the index, at path, as
 * collection_list() would list them, when the subdirectory is older than
 * the index; -1 when it must be listed from the disk.
 */
int
colindex_list(const struct colindex *ix, ssize_t dir, const char *path,
    struct recfile **filesp, size_t *np)
{
	const unsigned char	*d;
	struct recfile		*files;
	struct stat		 st;
	const char		*name;
	char			*fpath;
	uint32_t		 first, n, i;

	if (dir <= 0 || stat(path, &st) == -1 || !S_ISDIR(st.st_mode) ||
	    !newer(&ix->mtime, &st.st_mtim))
		return -1;
	d = dir_at(ix, (uint32_t)dir);
	first = be32dec(d + 4);
	n = be32dec(d + 8);
	files = n == 0 ? NULL : xcalloc(n, sizeof(*files));
	for (i = 0; i < n; i++) {
		name = ix->names + be32dec(file_at(ix, first + i));
		fpath = path_join(path, name);
		recfile_init(&files[i], name, fpath);
		free(fpath);
		files[i].regular = true;
		files[i].ix = ix;
		files[i].ixfile = first + i;
	}
	*filesp = files;
	*np = n;
	return 0;
}

/*
 * Read a file from its index, if the file on the disk is older than the
 * index and has the size it had; -1 when it must be read from the disk,
 * which the file is then left to.
 */
int
colindex_load(struct recfile *rf)
{
	const struct colindex	*ix = rf->ix;
	const unsigned char	*f, *r;
	struct stat		 st;
	uint32_t		 first, i;

	rf->ix = NULL;
	f = file_at(ix, rf->ixfile);
	if (stat(rf->path, &st) == -1 || !S_ISREG(st.st_mode) ||
	    (uint64_t)st.st_size != be32dec(f + 8) ||
	    !newer(&ix->mtime, &st.st_mtim))
		return -1;
	rf->text = ix->text + be32dec(f + 4);
	rf->size = be32dec(f + 8);
	rf->nrecs = be32dec(f + 16);
	first = be32dec(f + 12);
	free(rf->recs);
	free(rf->ids);
	rf->recs = xreallocarray(NULL, rf->nrecs, sizeof(*rf->recs));
	rf->ids = xreallocarray(NULL, rf->nrecs, sizeof(*rf->ids));
	for (i = 0; i < rf->nrecs; i++) {
		r = ix->recs + (size_t)(first + i) * RECSIZE;
		rf->recs[i].off = be32dec(r);
		rf->recs[i].len = be32dec(r + 4);
		rf->ids[i] = be32dec(r + 8);
		rf->recs[i].comments = (be32dec(r + 12) & REC_COMMENTS) != 0;
	}
	rf->scanned = true;
	return 0;
}


static void
put(struct part *pt, const void *data, size_t len)
{
	while (pt->len + len > pt->cap) {
		pt->cap = pt->cap == 0 ? 4096 : pt->cap * 2;
		pt->p = xreallocarray(pt->p, pt->cap, 1);
	}
	memcpy(pt->p + pt->len, data, len);
	pt->len += len;
}

static void
put32(struct part *pt, uint64_t v)
{
	unsigned char	 b[4];

	be32enc(b, (uint32_t)v);
	put(pt, b, sizeof(b));
}

/*
 * Date the new index, open on fd: the file system's time now, before any
 * file is read, so that whatever changes a file or a subdirectory from
 * then on leaves it no older than the index, where the reader will not
 * take it from the index.  That time is made later than newest, the last
 * change of anything indexed, waiting for the clock's next tick if it
 * must, so that what was installed just before is not taken for changed;
 * a file dated in the future stops the wait after two seconds.
 */
static int
index_time(int fd, const struct timespec *newest, struct timespec *when)
{
	const struct timespec	 tick = { 0, 1000000 };
	struct stat		 st;
	int			 waits;

	for (waits = 0; ; waits++) {
		if (futimens(fd, NULL) == -1 || fstat(fd, &st) == -1)
			return -1;
		if (newer(&st.st_mtim, newest) || waits == 2000)
			break;
		nanosleep(&tick, NULL);
	}
	*when = st.st_mtim;
	return 0;
}

/*
 * List what a collection directory's index holds: the directory's files,
 * and its subdirectories with theirs, in lists[0] and lists[1..nsub], and
 * the last change of any of them in *newest.  -1 with the path that could
 * not be listed in *whatp.
 */
static int
gather(const char *dir, char ***subdirsp, size_t *nsubp,
    struct recfile ***listsp, size_t **countsp, struct timespec *newest,
    char **whatp)
{
	struct recfile	**lists;
	struct stat	 st;
	char		**subdirs, *path;
	size_t		*counts, nsub, i, j;

	if (collection_subdirs(dir, &subdirs, &nsub) == -1) {
		*whatp = xstrdup(dir);
		return -1;
	}
	*subdirsp = subdirs;
	*nsubp = nsub;
	*listsp = lists = xcalloc(nsub + 1, sizeof(*lists));
	*countsp = counts = xcalloc(nsub + 1, sizeof(*counts));
	newest->tv_sec = newest->tv_nsec = 0;
	for (i = 0; i <= nsub; i++) {
		path = i == 0 ? xstrdup(dir) : path_join(dir, subdirs[i - 1]);
		if ((i > 0 && stat(path, &st) == -1) ||
		    collection_list(path, &lists[i], &counts[i]) == -1) {
			*whatp = path;
			return -1;
		}
		if (i > 0 && newer(&st.st_mtim, newest))
			*newest = st.st_mtim;
		free(path);
		for (j = 0; j < counts[i]; j++) {
			if (stat(lists[i][j].path, &st) == -1) {
				*whatp = xstrdup(lists[i][j].path);
				return -1;
			}
			if (newer(&st.st_mtim, newest))
				*newest = st.st_mtim;
		}
	}
	return 0;
}

/*
 * Make the index of collection directory dir: its files, and the files of
 * its subdirectories, and tell how many files and records it holds.  Each
 * file is read whole; one that cannot be read stops the index, with its
 * path in *whatp (allocated) and errno set, as does the index that cannot
 * be written.  The index is written in full under another name, dated
 * before the first file was read (index_time), and then renamed, so that
 * a reader sees the old index or the new one.
 */
int
colindex_write(const char *dir, size_t *nfilesp, size_t *nrecsp, char **whatp)
{
	struct part	 head = { 0 }, dirs = { 0 }, files = { 0 };
	struct part	 recs = { 0 }, names = { 0 }, text = { 0 };
	struct part	*parts[] = { &head, &dirs, &files, &recs, &names, &text };
	struct file_replace fr;
	struct timespec	 newest, when[2];
	struct recfile	**lists = NULL, *rf;
	const char	*t;
	char		**subdirs = NULL, *path = NULL, *copy;
	size_t		*counts = NULL, nsub = 0, i, j, k, len;
	size_t		 nfiles = 0, nrecs = 0;
	mode_t		 mask;
	int		 rv = -1, saved;
	bool		 pending = false;

	*whatp = NULL;
	if (gather(dir, &subdirs, &nsub, &lists, &counts, &newest,
	    whatp) == -1)
		goto done;
	mask = umask(0);
	umask(mask);
	path = path_join(dir, COLINDEX_NAME);
	if (file_replace_open(&fr, path, 0666 & ~mask, 0) == -1)
		goto index_failed;
	pending = true;
	if (index_time(fileno(fr.fp), &newest, &when[0]) == -1)
		goto index_failed;
	for (i = 0; i <= nsub; i++) {
		put32(&dirs, names.len);
		put(&names, i == 0 ? "" : subdirs[i - 1],
		    i == 0 ? 1 : strlen(subdirs[i - 1]) + 1);
		put32(&dirs, nfiles);
		put32(&dirs, counts[i]);
		for (j = 0; j < counts[i]; j++) {
			rf = &lists[i][j];
			if (recfile_load(rf) == -1 || rf->size >= UINT32_MAX) {
				errno = rf->error != 0 ? rf->error : EFBIG;
				*whatp = xstrdup(rf->path);
				goto done;
			}
			put32(&files, names.len);
			put(&names, rf->name, strlen(rf->name) + 1);
			put32(&files, text.len);
			put32(&files, rf->size);
			put32(&files, nrecs);
			put32(&files, rf->nrecs);
			put(&text, rf->text, rf->size);
			put(&text, "", 1);
			for (k = 0; k < rf->nrecs; k++) {
				put32(&recs, rf->recs[k].off);
				put32(&recs, rf->recs[k].len);
				t = recfile_text(rf, k, &len, &copy);
				put32(&recs, prompt_id(t, len));
				free(copy);
				put32(&recs, rf->recs[k].comments ?
				    REC_COMMENTS : 0);
			}
			nrecs += rf->nrecs;
			nfiles++;
			recfile_unload(rf);
		}
	}
	if (names.len + text.len + recs.len >= UINT32_MAX) {
		errno = EFBIG;
		*whatp = xstrdup(dir);
		goto done;
	}
	put(&head, MAGIC, 8);
	put32(&head, COLINDEX_VERSION);
	put32(&head, nsub + 1);
	put32(&head, nfiles);
	put32(&head, nrecs);
	put32(&head, names.len);
	put32(&head, text.len);
	for (i = 0; i < sizeof(parts) / sizeof(parts[0]); i++)
		if (parts[i]->len > 0 && fwrite(parts[i]->p, 1, parts[i]->len,
		    fr.fp) != parts[i]->len)
			goto index_failed;
	/* Written out before it is dated: a later write would date it anew. */
	when[1] = when[0];
	if (fflush(fr.fp) == EOF || futimens(fileno(fr.fp), when) == -1)
		goto index_failed;
	pending = false;
	if (file_replace_commit(&fr) == -1)
		goto index_failed;
	*nfilesp = nfiles;
	*nrecsp = nrecs;
	rv = 0;
	goto done;
index_failed:
	*whatp = path;
	path = NULL;
done:
	saved = errno;
	if (pending)
		file_replace_abort(&fr);
	free(path);
	for (i = 0; lists != NULL && i <= nsub; i++) {
		for (j = 0; j < counts[i]; j++)
			recfile_free(&lists[i][j]);
		free(lists[i]);
	}
	free(lists);
	free(counts);
	for (i = 0; i < nsub; i++)
		free(subdirs[i]);
	free(subdirs);
	for (i = 0; i < sizeof(parts) / sizeof(parts[0]); i++)
		free(parts[i]->p);
	errno = saved;
	return rv;
}
