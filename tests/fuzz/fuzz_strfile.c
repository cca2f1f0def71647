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
 * fuzz_strfile: strfile(8) indexes as read (strfile.c), in both layouts.
 * The input is the bytes of a .dat file.  An index that decodes must have
 * the size its header says, offsets in file order unless it says it is
 * shuffled or sorted, and encode (when its offsets fit 32 bits) to a
 * version 2 index that decodes to the same table.  The same bytes are
 * written to a file for strfile_read and strfile_fresh, which must agree
 * with the decoder.
 */

#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rapport.h"
#include "fuzzutil.h"

static const char	*dat;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_tmpdir("fuzz_strfile");
	dat = fuzz_tmpfile("index.dat");
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct strfile	 sf, again, fromfile;
	struct stat	 st;
	unsigned char	*buf;
	size_t		 len, i, n;
	int		 rv;
	bool		 fits = true;

	rv = strfile_decode(&sf, data, size);
	if (rv == 0) {
		CHECK(sf.width == 4 || sf.width == 8);
		CHECK(size == STRFILE_HDRSIZE +
		    ((size_t)sf.numstr + 1) * (size_t)sf.width);
		for (i = 0; i <= sf.numstr; i++) {
			if (sf.offsets[i] > UINT32_MAX)
				fits = false;
			if (i > 0 && !(sf.flags & (STR_RANDOM | STR_ORDERED)))
				CHECK(sf.offsets[i] >= sf.offsets[i - 1]);
		}
		errno = 0;
		if (strfile_encode(&sf, &buf, &len) == 0) {
			CHECK(fits);
			CHECK(len == STRFILE_HDRSIZE +
			    ((size_t)sf.numstr + 1) * 4);
			CHECK(strfile_decode(&again, buf, len) == 0);
			CHECK(again.version == STRFILE_VERSION &&
			    again.width == 4);
			fuzz_same_strfile(&sf, &again);
			strfile_free(&again);
			free(buf);
		} else
			CHECK(!fits && errno == EOVERFLOW);
	} else
		CHECK(errno == EINVAL);

	/* The same bytes as a file, for the readers that open one. */
	fuzz_write_file(dat, data, size);
	if (strfile_read(dat, &fromfile) == 0) {
		CHECK(rv == 0);
		fuzz_same_strfile(&sf, &fromfile);
		strfile_free(&fromfile);
	} else
		CHECK(rv == -1);

	/*
	 * Fresh for a text as old as the index that ends where its last
	 * offset says: a header of the % delimiter, the size it gives and
	 * that end are all strfile_fresh() looks at, to count records
	 * cheaply; a pick reads the text itself.
	 */
	memset(&st, 0, sizeof(st));
	st.st_size = rv == 0 ? (off_t)(sf.offsets[sf.numstr] & INT64_MAX) :
	    (off_t)size;
	if (strfile_fresh(dat, &st, &n) == 0) {
		CHECK(size >= STRFILE_HDRSIZE && data[20] == '%');
		CHECK(n == ((size_t)data[4] << 24 | (size_t)data[5] << 16 |
		    (size_t)data[6] << 8 | data[7]));
		CHECK(size == STRFILE_HDRSIZE + (n + 1) * 4 ||
		    size == STRFILE_HDRSIZE + (n + 1) * 8);
		CHECK(rv == -1 || n == sf.numstr);
	} else if (rv == 0 && sf.delim == '%')
		CHECK((uint64_t)st.st_size != sf.offsets[sf.numstr]);
	if (rv == 0)
		strfile_free(&sf);
	return 0;
}
