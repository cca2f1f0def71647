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

#ifndef CHECKUTIL_H
#define CHECKUTIL_H

#include <check.h>
#include <limits.h>
#include <stdbool.h>
#include <stddef.h>

/* The number of elements of an array, as <sys/param.h> has it on BSD. */
#ifndef nitems
#define nitems(a)	(sizeof(a) / sizeof((a)[0]))
#endif

/*
 * What the Check programs share: a directory for the run, files, and the
 * time zone.
 */
extern char	 check_root[PATH_MAX];

int	 check_run(const char *, Suite *, ...);
void	 check_pathcat(char *, size_t, const char *, const char *);
void	 check_newdir(char *, size_t);
void	 check_write_file(const char *, const void *, size_t);
unsigned char *check_read_file(const char *, size_t *);
size_t	 check_dir_entries(const char *);
bool	 check_set_zone(const char *);

#endif /* CHECKUTIL_H */
