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
 * bench/floor: the least a prompt(1) can do, for bench/prompt to time
 * beside prompt and /bin/true.  It makes the system calls that any prompt
 * must make and no other, as if the whole collection were one index file
 * built ahead of time: it looks for its configuration, looks at every
 * directory of the search path, maps the index, checks with one stat each
 * that the files the index stands for are unchanged, prints a line of it
 * chosen at random, and appends an id to the history under a lock, as
 * prompt does.  It parses nothing and checks nothing it reads: what it
 * costs beyond /bin/true is what the machine charges for those calls.
 *
 * usage: floor config history index dir [dir ...] -- file ...
 * The files are named relative to the first dir.
 */

#include <sys/file.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/stat.h>

#include <err.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int
main(int argc, char *argv[])
{
	struct stat	 st;
	const char	*text, *line, *end;
	size_t		 size;
	unsigned int	 r;
	int		 i, fd, dirfd = -1;

	if (argc < 5)
		errx(2, "usage: floor config history index dir [dir ...] "
		    "-- file ...");
	if ((fd = open(argv[1], O_RDONLY | O_CLOEXEC)) != -1)
		close(fd);
	for (i = 4; i < argc && strcmp(argv[i], "--") != 0; i++) {
		fd = open(argv[i], O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (dirfd == -1)
			dirfd = fd;
		else if (fd != -1)
			close(fd);
	}
	if (dirfd == -1)
		err(2, "%s", argv[4]);
	if ((fd = open(argv[3], O_RDONLY | O_CLOEXEC)) == -1 ||
	    fstat(fd, &st) == -1 || st.st_size == 0)
		err(2, "%s", argv[3]);
	size = (size_t)st.st_size;
	text = mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0);
	if (text == MAP_FAILED)
		err(2, "%s", argv[3]);
	close(fd);
	for (i++; i < argc; i++)
		if (fstatat(dirfd, argv[i], &st, 0) == -1)
			err(2, "%s", argv[i]);
	close(dirfd);

	if (getrandom(&r, sizeof(r), 0) != sizeof(r))
		err(2, "getrandom");
	end = text + size;
	line = text + r % size;
	while (line > text && line[-1] != '\n')
		line--;
	if ((end = memchr(line, '\n', (size_t)(end - line))) == NULL)
		errx(2, "%s: no newline at the end", argv[3]);
	if (fwrite(line, 1, (size_t)(end - line) + 1, stdout) == 0 ||
	    fflush(stdout) == EOF)
		err(2, "stdout");

	/* The history: read when there is one, then appended to. */
	if ((fd = open(argv[2], O_RDONLY | O_CLOEXEC)) != -1)
		close(fd);
	if ((fd = open(argv[2], O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC,
	    0600)) == -1 || flock(fd, LOCK_EX) == -1 ||
	    fstat(fd, &st) == -1 || stat(argv[2], &st) == -1 ||
	    write(fd, "0123abcd\n", 9) != 9 || close(fd) == -1)
		err(2, "%s", argv[2]);
	return 0;
}
