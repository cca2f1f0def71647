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
 * fuzz_colindex: the index of a collection directory (colindex.c), as
 * read.  The input is the bytes of an index.  One that parses must keep
 * the promises its lookups trust: the directory "" first and the others
 * in name order, each found by colindex_dir(); the files of each in name
 * order, each found by colindex_attach(); names a listing could give;
 * texts followed by a NUL; records within their files.  Where it is
 * small, a collection is then made as the index says, its files older
 * than the same bytes written as its index: colindex_open() must take
 * it, colindex_list() list each subdirectory as the index does, and each
 * file read through it must have the index's text, records and ids.  A
 * file made newer must be read from the disk, and a subdirectory made
 * newer must not be listed from the index.
 */

#include "config.h"

#include <sys/endian.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rapport.h"
#include "fuzzutil.h"

#define DIRSIZE		12
#define FILESIZE	20
#define RECSIZE		16

/* The most a collection made on the disk has, to keep runs quick. */
#define DISK_DIRS	8
#define DISK_FILES	32

/* Times given to the files, and a later one to their index. */
#define T_FILES		1500000000
#define T_INDEX		1600000000

static const char	*col;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_tmpdir("fuzz_colindex");
	col = fuzz_tmpfile("col");
	return 0;
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

static const char *
name_of(const struct colindex *ix, const unsigned char *entry)
{
	return ix->names + be32dec(entry);
}

/* Every name, text and record a reader of the index reaches. */
static void
walk(const struct colindex *ix)
{
	struct recfile		*files;
	const unsigned char	*d, *f, *r;
	const char		*name;
	uint32_t		 i, j, k, first, n, toff, size, rfirst;

	CHECK(ix->ndirs > 0);
	CHECK(*name_of(ix, dir_at(ix, 0)) == '\0');
	for (i = 0; i < ix->ndirs; i++) {
		d = dir_at(ix, i);
		CHECK(be32dec(d) < ix->names_size);
		name = name_of(ix, d);
		if (i > 0) {
			CHECK(*name != '\0' && strchr(name, '/') == NULL);
			CHECK(!collection_skip(name));
		}
		if (i > 1)
			CHECK(strcmp(name_of(ix, dir_at(ix, i - 1)), name) < 0);
		CHECK(colindex_dir(ix, name) == (ssize_t)i);
		first = be32dec(d + 4);
		n = be32dec(d + 8);
		CHECK((uint64_t)first + n <= ix->nfiles);
		if ((files = calloc(n + 1, sizeof(*files))) == NULL)
			abort();
		for (j = 0; j < n; j++) {
			f = file_at(ix, first + j);
			CHECK(be32dec(f) < ix->names_size);
			name = name_of(ix, f);
			CHECK(*name != '\0' && strchr(name, '/') == NULL);
			CHECK(!collection_skip(name));
			if (j > 0)
				CHECK(strcmp(name_of(ix, f - FILESIZE),
				    name) < 0);
			toff = be32dec(f + 4);
			size = be32dec(f + 8);
			CHECK((uint64_t)toff + size < ix->text_size);
			CHECK(ix->text[toff + size] == '\0');
			rfirst = be32dec(f + 12);
			CHECK((uint64_t)rfirst + be32dec(f + 16) <= ix->nrecs);
			for (k = 0; k < be32dec(f + 16); k++) {
				r = ix->recs + (size_t)(rfirst + k) * RECSIZE;
				CHECK((uint64_t)be32dec(r) + be32dec(r + 4) <=
				    size);
			}
			recfile_init_mem(&files[j], name, "", 0);
		}
		/* And one name the directory does not hold. */
		recfile_init_mem(&files[n], "~", "", 0);
		colindex_attach(ix, i, files, n + 1);
		for (j = 0; j < n; j++) {
			CHECK(files[j].ix == ix);
			CHECK(files[j].ixfile == first + j);
			recfile_free(&files[j]);
		}
		CHECK(files[n].ix == NULL);
		recfile_free(&files[n]);
		free(files);
	}
	CHECK(colindex_dir(ix, "~") == -1);
}

static int
rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static void
remove_tree(void)
{
	nftw(col, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

static bool
set_time(const char *path, time_t sec, long nsec)
{
	struct timespec	 ts[2];

	ts[0].tv_sec = ts[1].tv_sec = sec;
	ts[0].tv_nsec = ts[1].tv_nsec = nsec;
	return utimensat(AT_FDCWD, path, ts, 0) == 0;
}

static char *
join3(const char *a, const char *b, const char *c)
{
	char	*p;

	if (asprintf(&p, "%s%s%s%s%s", a, *b != '\0' ? "/" : "", b,
	    *c != '\0' ? "/" : "", c) == -1)
		abort();
	return p;
}

/*
 * Make the collection the index describes, every file older than the
 * index, which holds the input.  False where the names cannot all be
 * made (a file of the directory named as a subdirectory, a name too
 * long), for the disk to be left out.
 */
static bool
make_tree(const struct colindex *ix, const uint8_t *data, size_t size)
{
	const unsigned char	*d, *f;
	const char		*dname;
	char			*path;
	uint32_t		 i, j;
	int			 fd;
	bool			 ok = true;

	if (mkdir(col, 0755) == -1)
		abort();
	for (i = 1; i < ix->ndirs && ok; i++) {
		path = join3(col, name_of(ix, dir_at(ix, i)), "");
		ok = mkdir(path, 0755) == 0;
		free(path);
	}
	for (i = 0; i < ix->ndirs && ok; i++) {
		d = dir_at(ix, i);
		dname = name_of(ix, d);
		for (j = 0; j < be32dec(d + 8) && ok; j++) {
			f = file_at(ix, be32dec(d + 4) + j);
			path = join3(col, dname, name_of(ix, f));
			if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL,
			    0644)) == -1)
				ok = false;
			else {
				if (file_write_all(fd, ix->text + be32dec(f + 4),
				    be32dec(f + 8)) == -1 || close(fd) == -1)
					abort();
				ok = set_time(path, T_FILES, 0);
			}
			free(path);
		}
		if (i > 0 && ok) {
			path = join3(col, dname, "");
			ok = set_time(path, T_FILES, 0);
			free(path);
		}
	}
	if (!ok)
		return false;
	path = join3(col, COLINDEX_NAME, "");
	fuzz_write_file(path, data, size);
	if (!set_time(path, T_INDEX, 0))
		abort();
	free(path);
	return true;
}

/* A file read through the index must have what the index holds of it. */
static void
check_from_index(struct recfile *rf, const struct colindex *ix, uint32_t fi)
{
	const unsigned char	*f = file_at(ix, fi), *r;
	const char		*t;
	char			*copy;
	size_t			 k, len;

	CHECK(rf->ix == ix && rf->ixfile == fi);
	CHECK(recfile_load(rf) == 0);
	CHECK(rf->ids != NULL && rf->scanned);
	CHECK(rf->size == be32dec(f + 8));
	CHECK(rf->text == ix->text + be32dec(f + 4));
	CHECK(rf->nrecs == be32dec(f + 16));
	for (k = 0; k < rf->nrecs; k++) {
		r = ix->recs + (size_t)(be32dec(f + 12) + k) * RECSIZE;
		CHECK(rf->recs[k].off == be32dec(r));
		CHECK(rf->recs[k].len == be32dec(r + 4));
		CHECK(rf->ids[k] == be32dec(r + 8));
		CHECK(rf->recs[k].comments == ((be32dec(r + 12) & 1) != 0));
		CHECK(prompt_record_id(rf, k) == be32dec(r + 8));
		t = recfile_text(rf, k, &len, &copy);
		CHECK(len <= rf->recs[k].len);
		CHECK(t != NULL);
		free(copy);
	}
}

/*
 * Read the collection made by make_tree() through its index, then with
 * a file and a subdirectory made newer than the index.
 */
static void
read_tree(const struct colindex *want)
{
	struct colindex		 ix;
	struct recfile		*files;
	struct record		*recs;
	const unsigned char	*d;
	const char		*dname;
	char			*path;
	size_t			 n, j, nrecs;
	uint32_t		 i, first;

	CHECK(colindex_open(&ix, col) == 0);
	CHECK(ix.size == want->size &&
	    memcmp(ix.base, want->base, ix.size) == 0);
	for (i = 0; i < ix.ndirs; i++) {
		d = dir_at(&ix, i);
		dname = name_of(&ix, d);
		first = be32dec(d + 4);
		path = join3(col, dname, "");
		if (i == 0) {
			CHECK(collection_list(path, &files, &n) == 0);
			colindex_attach(&ix, 0, files, n);
		} else
			CHECK(colindex_list(&ix, i, path, &files, &n) == 0);
		CHECK(n == be32dec(d + 8));
		for (j = 0; j < n; j++) {
			CHECK(strcmp(files[j].name,
			    name_of(&ix, file_at(&ix, first + j))) == 0);
			check_from_index(&files[j], &ix, first + (uint32_t)j);
			recfile_free(&files[j]);
		}
		free(files);
		free(path);
	}

	/* The first file, edited since: read from the disk. */
	for (i = 0; i < ix.ndirs && be32dec(dir_at(&ix, i) + 8) == 0; i++)
		continue;
	if (i < ix.ndirs) {
		d = dir_at(&ix, i);
		dname = name_of(&ix, d);
		path = join3(col, dname, name_of(&ix,
		    file_at(&ix, be32dec(d + 4))));
		if (!set_time(path, T_INDEX, 1))
			abort();
		files = xcalloc(1, sizeof(*files));
		recfile_init(files, name_of(&ix, file_at(&ix, be32dec(d + 4))),
		    path);
		colindex_attach(&ix, i, files, 1);
		CHECK(files->ix == &ix);
		CHECK(recfile_load(files) == 0);
		CHECK(files->ids == NULL && files->ix == NULL);
		CHECK(files->size == be32dec(file_at(&ix, be32dec(d + 4)) + 8));
		CHECK(memcmp(files->text, ix.text + be32dec(file_at(&ix,
		    be32dec(d + 4)) + 4), files->size) == 0);
		record_scan(files->text, files->size, &recs, &nrecs);
		CHECK(files->nrecs == nrecs);
		free(recs);
		recfile_free(files);
		free(files);
		free(path);
	}

	/* The last subdirectory, a file added to it: listed from the disk. */
	if (ix.ndirs > 1) {
		path = join3(col, name_of(&ix, dir_at(&ix, ix.ndirs - 1)), "");
		if (!set_time(path, T_INDEX, 1))
			abort();
		CHECK(colindex_list(&ix, ix.ndirs - 1, path, &files, &n) ==
		    -1);
		free(path);
	}
	CHECK(colindex_list(&ix, 0, col, &files, &n) == -1);
	colindex_close(&ix);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct colindex	 ix;

	errno = 0;
	if (colindex_parse(&ix, data, size) == -1) {
		CHECK(errno == EINVAL && ix.base == NULL);
		CHECK(colindex_dir(&ix, "") == -1);
		return 0;
	}
	CHECK(ix.base == data && ix.size == size && !ix.mapped);
	walk(&ix);
	if (ix.ndirs <= DISK_DIRS && ix.nfiles <= DISK_FILES) {
		if (make_tree(&ix, data, size))
			read_tree(&ix);
		remove_tree();
	}
	colindex_close(&ix);
	return 0;
}
