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
 * Sealed records: the lines of a sealed journal, journal(5).  Each holds
 * a segment of the plain journal (a record, with the comments and blank
 * lines before it) sealed to the journal's public key with libsodium's
 * crypto_box_seal, so that writing needs no passphrase, and a random
 * label, so that copies merge by label without one.  Reading opens every
 * line into an anonymous memory file (memfd_create), which the plain
 * reader then reads as it reads any journal: the plain text never
 * reaches a file system.  Merging copies by label, compaction and repair
 * (jrewrite.h) are here too; sealing a plain journal whole, and back, is
 * in sealconvert.c.
 */

#include "config.h"

#include <sys/mman.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "rapport.h"
#include "jreader.h"
#include "jrewrite.h"

#define SEAL_TAG	"%%sealed "
#define SEAL_TAG_LEN	(sizeof(SEAL_TAG) - 1)
/* The tag, the key id, the label and the spaces between them. */
#define SEAL_HEAD_LEN	(SEAL_TAG_LEN + KEY_ID_LEN + 1 + SEAL_LABEL_LEN + 1)

static size_t	 segment_end(const char *, size_t, size_t);
static int	 seal_segment(const struct jkey *, const char *, size_t,
		    struct jbuf *);
static const char *parse_line(const char *, size_t, unsigned char **,
		    size_t *);
struct sink;
static int	 sink_add(struct sink *, const void *, size_t, bool);
struct sealed_compaction;
static int	 keep_in_line(struct rewrite *, const struct jevent *);
static int	 owe_tombstone(struct rewrite *, const struct jentry *);
static int	 compact_line(struct rewrite *, const unsigned char *, size_t);
static int	 seal_tombstones(struct sealed_compaction *, const char *);
static uint64_t	 label_hash(const char *);
static const char *open_line(const struct jkeys *, const char *,
		    const unsigned char *, size_t, unsigned char **, size_t *,
		    const unsigned char **, size_t *);

/*
 * What the compaction of a sealed journal gathers, line by line: the
 * records kept of the line opened last, the lines sealed anew, the
 * tombstones that edits call for, and the ids that tombstones hide.
 */
struct sealed_compaction {
	const struct jkey	*writer;
	struct jbuf		 kept;
	struct jbuf		 added;
	struct jbuf		 tombstones;
	struct idset		 tombed;
};

/*
 * How compaction writes the records of an opened line: those kept are
 * gathered, to tell whether the line stays whole; those dropped are only
 * left out.
 */
static const struct rewrite_sink line_sink = {
	keep_in_line, NULL, owe_tombstone
};

/*
 * The end of the segment that starts at off: just after the next line
 * that ends a record (an end line or a tombstone), or the end of buf.
 */
static size_t
segment_end(const char *buf, size_t len, size_t off)
{
	const char	*nl;
	size_t		 line;

	while (off < len) {
		line = off;
		nl = memchr(buf + off, '\n', len - off);
		off = nl == NULL ? len : (size_t)(nl - buf) + 1;
		if (strncmp(buf + line, "%%end ", 6) == 0 ||
		    strncmp(buf + line, "%%delete ", 9) == 0)
			break;
	}
	return off;
}

/* Seal one segment to the writer's key, as a line added to out. */
static int
seal_segment(const struct jkey *writer, const char *seg, size_t len,
    struct jbuf *out)
{
	unsigned char	*plain, *box;
	char		*b64, label[2 * JOURNAL_ID_LEN + 1];
	uint64_t	 bits[2];
	size_t		 plainlen, padded, boxlen, b64len;
	int		 rv = -1;

	arc4random_buf(bits, sizeof(bits));
	journal_id(bits[0], label);
	journal_id(bits[1], label + JOURNAL_ID_LEN);
	/* The label inside the box binds it to the label outside. */
	plainlen = SEAL_LABEL_LEN + 1 + len;
	if (plainlen > SIZE_MAX - 2 * SEAL_BLOCK) {
		errno = EFBIG;
		return -1;
	}
	plain = xmalloc(plainlen + SEAL_BLOCK);
	memcpy(plain, label, SEAL_LABEL_LEN);
	plain[SEAL_LABEL_LEN] = '\n';
	memcpy(plain + SEAL_LABEL_LEN + 1, seg, len);
	if (sodium_pad(&padded, plain, plainlen, SEAL_BLOCK,
	    plainlen + SEAL_BLOCK) != 0) {
		errno = EFBIG;
		goto out;
	}
	boxlen = padded + crypto_box_SEALBYTES;
	box = xmalloc(boxlen);
	b64len = sodium_base64_ENCODED_LEN(boxlen,
	    sodium_base64_VARIANT_ORIGINAL_NO_PADDING);
	b64 = xmalloc(b64len);
	if (crypto_box_seal(box, plain, padded, writer->pk) != 0) {
		errno = EINVAL;
		goto outbox;
	}
	sodium_bin2base64(b64, b64len, box, boxlen,
	    sodium_base64_VARIANT_ORIGINAL_NO_PADDING);
	jbuf_add(out, SEAL_TAG, SEAL_TAG_LEN);
	jbuf_add(out, writer->id, KEY_ID_LEN);
	jbuf_add(out, " ", 1);
	jbuf_add(out, label, SEAL_LABEL_LEN);
	jbuf_add(out, " ", 1);
	jbuf_add(out, b64, strlen(b64));
	jbuf_add(out, "\n", 1);
	rv = 0;
outbox:
	free(b64);
	free(box);
out:
	sodium_memzero(plain, plainlen + SEAL_BLOCK);
	free(plain);
	return rv;
}

/*
 * The plain records of buf, each with what comes before it, sealed to the
 * writer's key as lines of a sealed journal, in out (allocated).
 */
int
seal_records(const struct jkey *writer, const char *buf, size_t len,
    char **out, size_t *outlen)
{
	struct jbuf	 lines = { NULL, 0, 0 };
	size_t		 off, end;

	if (sodium_init() == -1) {
		errno = ENOSYS;
		return -1;
	}
	for (off = 0; off < len; off = end) {
		end = segment_end(buf, len, off);
		if (seal_segment(writer, buf + off, end - off, &lines) == -1) {
			free(lines.s);
			return -1;
		}
	}
	*out = lines.s;
	*outlen = lines.len;
	return 0;
}

/*
 * Whether the file open on fd is a sealed journal: its first line is
 * SEALED_MAGIC.
 */
bool
journal_fd_sealed(int fd)
{
	char	 first[sizeof(SEALED_MAGIC)];

	return pread(fd, first, sizeof(first), 0) == (ssize_t)sizeof(first) &&
	    memcmp(first, SEALED_MAGIC "\n", sizeof(first)) == 0;
}

/* The same, for the file at path; a file that cannot be read is not. */
bool
journal_sealed(const char *path)
{
	bool	 sealed;
	int	 fd;

	if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)) == -1)
		return false;
	sealed = journal_fd_sealed(fd);
	close(fd);
	return sealed;
}

/*
 * Check the form of a sealed line of len bytes, its newline included,
 * and decode its box into *box (allocated) of *boxlen bytes; or say what
 * is wrong with it.
 */
static const char *
parse_line(const char *line, size_t len, unsigned char **box, size_t *boxlen)
{
	const char	*b64, *end;
	size_t		 i, b64len, cap;

	*box = NULL;
	if (len == 0 || line[len - 1] != '\n')
		return "a sealed record cut short (no newline at its end)";
	len--;
	if (len < SEAL_HEAD_LEN || memcmp(line, SEAL_TAG, SEAL_TAG_LEN) != 0)
		return "not a sealed record";
	for (i = SEAL_TAG_LEN; i < SEAL_TAG_LEN + KEY_ID_LEN; i++)
		if (!((line[i] >= '0' && line[i] <= '9') ||
		    (line[i] >= 'a' && line[i] <= 'f')))
			return "a sealed record whose key id is not 16 "
			    "hexadecimal digits";
	if (line[i] != ' ' || !journal_valid_id(line + i + 1,
	    SEAL_LABEL_LEN) || line[SEAL_HEAD_LEN - 1] != ' ')
		return "a sealed record whose label is not 16 letters and "
		    "digits";
	b64 = line + SEAL_HEAD_LEN;
	b64len = len - SEAL_HEAD_LEN;
	cap = b64len / 4 * 3 + 3;
	*box = xmalloc(cap);
	if (sodium_base642bin(*box, cap, b64, b64len, NULL, boxlen, &end,
	    sodium_base64_VARIANT_ORIGINAL_NO_PADDING) != 0 ||
	    end != b64 + b64len) {
		free(*box);
		*box = NULL;
		return "a damaged sealed record (its box is not base64)";
	}
	if (*boxlen < crypto_box_SEALBYTES + SEAL_BLOCK ||
	    (*boxlen - crypto_box_SEALBYTES) % SEAL_BLOCK != 0) {
		free(*box);
		*box = NULL;
		return "a damaged sealed record (its box is not of a sealed "
		    "size)";
	}
	return NULL;
}

/*
 * Open the box of a sealed line with its key, into the locked buffer
 * *buf of *cap bytes, grown as needed; the segment, without the label,
 * is *plain, of *plainlen bytes.  Or say why it does not open.
 */
static const char *
open_line(const struct jkeys *keys, const char *line,
    const unsigned char *box, size_t boxlen, unsigned char **buf,
    size_t *cap, const unsigned char **plain, size_t *plainlen)
{
	const struct jkey	*key;
	char			 id[KEY_ID_LEN + 1];
	size_t			 padded, unpadded;

	memcpy(id, line + SEAL_TAG_LEN, KEY_ID_LEN);
	id[KEY_ID_LEN] = '\0';
	if ((key = keys_find(keys, id)) == NULL)
		return "sealed to a key that the key file does not hold";
	if (key->sk == NULL)
		return "sealed to a key that is locked";
	padded = boxlen - crypto_box_SEALBYTES;
	if (padded > *cap) {
		sodium_free(*buf);
		*cap = padded < 4096 ? 4096 : padded;
		if ((*buf = sodium_malloc(*cap)) == NULL) {
			*cap = 0;
			return "out of locked memory to open it in";
		}
	}
	if (crypto_box_seal_open(*buf, box, boxlen, key->pk, key->sk) != 0 ||
	    sodium_unpad(&unpadded, *buf, padded, SEAL_BLOCK) != 0 ||
	    unpadded < SEAL_LABEL_LEN + 1 ||
	    memcmp(*buf, line + SEAL_TAG_LEN + KEY_ID_LEN + 1,
	    SEAL_LABEL_LEN) != 0 || (*buf)[SEAL_LABEL_LEN] != '\n')
		return "a sealed record that does not open: damaged, or "
		    "changed since it was sealed";
	*plain = *buf + SEAL_LABEL_LEN + 1;
	*plainlen = unpadded - SEAL_LABEL_LEN - 1;
	return NULL;
}

/* Read a sealed journal, as journal_unseal_cached does, with no cache. */
int
journal_unseal(FILE *fp, const char *path, const struct jkeys *keys,
    jproblem_fn *problem, void *arg, struct sealread *res, FILE **out)
{
	return journal_unseal_cached(fp, path, keys, NULL, problem, arg, res,
	    out);
}

/*
 * Where the plain journal that journal_unseal_cached() reads goes: a
 * memory file, or the cache's stream, or nowhere.
 */
struct sink {
	FILE			*memfp;
	struct sealcache	*cache;
};

/* Add plain text to the sink; cacheable while no record failed to open. */
static int
sink_add(struct sink *sk, const void *buf, size_t len, bool cacheable)
{
	if (sk->memfp != NULL)
		return fwrite(buf, 1, len, sk->memfp) == len ? 0 : -1;
	if (sk->cache != NULL)
		return sealcache_add(sk->cache, buf, len, cacheable);
	return 0;
}

/*
 * Read the sealed journal fp, of path, a line at a time.  With keys
 * unlocked, open each record; with out, return there, rewound, a stream
 * of the plain journal that the records make.  Without keys, check only
 * the form of each line.  A line that is cut short, damaged or does not
 * open is passed to problem, with its line number, and left out; the
 * others are read on.  res counts both.
 *
 * With keys, out and cachepath, the stream is that of the cache at
 * cachepath (sealcache.c): the records it covers are not opened again,
 * and those opened are added to it, up to the first line that did not
 * open.  Without a cache, or when it cannot be had, the plain journal is
 * written to an anonymous memory file (memfd_create).
 */
int
journal_unseal_cached(FILE *fp, const char *path, const struct jkeys *keys,
    const char *cachepath, jproblem_fn *problem, void *arg,
    struct sealread *res, FILE **out)
{
	struct sealpos	 pos;
	struct sink	 sk = { NULL, NULL };
	unsigned char	*box, *buf = NULL;
	const unsigned char *plain;
	char		*line = NULL, msg[256];
	const char	*why;
	size_t		 cap = 0, bufcap = 0, lineno = 0, boxlen, plainlen;
	ssize_t		 len;
	off_t		 off = 0;
	int		 fd, saved;
	bool		 whole = true, newline = true;

	memset(res, 0, sizeof(*res));
	memset(&pos, 0, sizeof(pos));
	pos.newline = true;
	if (sodium_init() == -1) {
		errno = ENOSYS;
		return -1;
	}
	if (keys != NULL && out != NULL && cachepath != NULL &&
	    (sk.cache = sealcache_open(cachepath, keys, fileno(fp), &pos)) !=
	    NULL && pos.off > 0) {
		if (fseeko(fp, pos.off, SEEK_SET) == -1)
			goto fail;
		off = pos.off;
		lineno = pos.lineno;
		newline = pos.newline;
	} else if (out != NULL) {
		if (sk.cache == NULL) {
			if ((fd = memfd_create("rapport-journal",
			    MFD_CLOEXEC)) == -1)
				return -1;
			if ((sk.memfp = fdopen(fd, "w+")) == NULL) {
				saved = errno;
				close(fd);
				errno = saved;
				return -1;
			}
		}
		if (sink_add(&sk, JOURNAL_MAGIC "\n", sizeof(JOURNAL_MAGIC),
		    true) == -1)
			goto fail;
	}
	while ((len = getline(&line, &cap, fp)) != -1) {
		lineno++;
		off += len;
		if (lineno == 1) {
			if ((size_t)len != sizeof(SEALED_MAGIC) ||
			    memcmp(line, SEALED_MAGIC "\n", (size_t)len) !=
			    0) {
				errno = EBADMSG;
				goto fail;
			}
			continue;
		}
		/* Blank lines and comments are for people, and skipped. */
		if (strcmp(line, "\n") == 0 || strncmp(line, "%%#", 3) == 0)
			continue;
		if ((why = parse_line(line, (size_t)len, &box, &boxlen)) ==
		    NULL && keys != NULL) {
			why = open_line(keys, line, box, boxlen, &buf, &bufcap,
			    &plain, &plainlen);
			/*
			 * A record cut short before it was sealed (by
			 * encrypt) is ended as a plain append ends it, so
			 * that the next is not read as its text.
			 */
			if (why == NULL && !newline && plainlen > 0 &&
			    sink_add(&sk, JOURNAL_TORN_MARK "\n",
			    sizeof(JOURNAL_TORN_MARK), whole) == -1) {
				free(box);
				goto fail;
			}
			if (why == NULL && sink_add(&sk, plain, plainlen,
			    whole) == -1) {
				free(box);
				goto fail;
			}
			if (why == NULL && plainlen > 0)
				newline = plain[plainlen - 1] == '\n';
		}
		free(box);
		if (why != NULL) {
			whole = false;
			res->damaged++;
			if (problem != NULL) {
				snprintf(msg, sizeof(msg), "%s; it is left "
				    "out, and kept in the file", why);
				problem(path, lineno, msg, arg);
			}
			continue;
		}
		res->records++;
		if (whole) {
			pos.off = off;
			pos.lineno = lineno;
			pos.lastlen = (size_t)len;
			pos.newline = newline;
		}
	}
	if (ferror(fp))
		goto fail;
	free(line);
	sodium_free(buf);
	if (sk.cache != NULL) {
		if ((*out = sealcache_stream(sk.cache, &pos, fileno(fp))) ==
		    NULL)
			return -1;
	} else if (sk.memfp != NULL) {
		if (fflush(sk.memfp) == EOF) {
			saved = errno;
			fclose(sk.memfp);
			errno = saved;
			return -1;
		}
		rewind(sk.memfp);
		*out = sk.memfp;
	}
	return 0;
fail:
	saved = errno;
	free(line);
	sodium_free(buf);
	if (sk.memfp != NULL)
		fclose(sk.memfp);
	if (sk.cache != NULL)
		sealcache_abort(sk.cache);
	errno = saved;
	return -1;
}

/* The hash of the label of a sealed line, known to be of the right form. */
static uint64_t
label_hash(const char *line)
{
	return mem_hash(line + SEAL_TAG_LEN + KEY_ID_LEN + 1, SEAL_LABEL_LEN,
	    0);
}

/*
 * Merge the sealed journal other into the sealed journal at path, with no
 * key: the union of their records by label, those of other that path
 * lacks appended as they are, in one write under its lock (none with
 * JMERGE_UNLOCKED).  Lines of other that are not sealed records are told
 * to problem and left out.
 * EPROTOTYPE when one of the two is plain.
 */
int
journal_merge_sealed(const char *path, const char *other, int flags,
    jproblem_fn *problem, void *arg, struct jmerge *res)
{
	struct idset	 have = { NULL, 0, 0, false };
	struct jbuf	 out = { NULL, 0, 0 };
	unsigned char	*box;
	const char	*why;
	char		*line = NULL, msg[256];
	size_t		 cap = 0, lineno = 0, boxlen;
	ssize_t		 len;
	FILE		*fp = NULL;
	int		 lfd = -1, rv = -1, saved;

	memset(res, 0, sizeof(*res));
	if (!(flags & JMERGE_UNLOCKED) && (lfd = journal_lock(path)) == -1) {
		res->failed = path;
		return -1;
	}
	res->failed = path;
	if ((fp = fopen(path, "re")) == NULL)
		goto out;
	while ((len = getline(&line, &cap, fp)) != -1)
		if (++lineno > 1 && parse_line(line, (size_t)len, &box,
		    &boxlen) == NULL) {
			free(box);
			idset_add(&have, label_hash(line));
		}
	if (ferror(fp) || (lineno > 0 && !journal_fd_sealed(fileno(fp)))) {
		if (!ferror(fp))
			errno = EPROTOTYPE;
		goto out;
	}
	fclose(fp);
	res->failed = other;
	lineno = 0;
	if ((fp = fopen(other, "re")) == NULL)
		goto out;
	if (!journal_fd_sealed(fileno(fp))) {
		errno = EPROTOTYPE;
		goto out;
	}
	while ((len = getline(&line, &cap, fp)) != -1) {
		if (++lineno == 1 || strcmp(line, "\n") == 0 ||
		    strncmp(line, "%%#", 3) == 0)
			continue;
		if ((why = parse_line(line, (size_t)len, &box, &boxlen)) !=
		    NULL) {
			res->problems++;
			if (problem != NULL) {
				snprintf(msg, sizeof(msg), "%s; it is left "
				    "out of the merge", why);
				problem(other, lineno, msg, arg);
			}
			continue;
		}
		free(box);
		if (idset_has(&have, label_hash(line))) {
			res->had++;
			continue;
		}
		idset_add(&have, label_hash(line));
		jbuf_add(&out, line, (size_t)len);
		res->added++;
	}
	if (ferror(fp))
		goto out;
	res->failed = path;
	rv = out.len == 0 ? 0 : journal_append_sealed_locked(path, out.s,
	    out.len);
out:
	saved = errno;
	if (fp != NULL)
		fclose(fp);
	free(line);
	free(out.s);
	idset_free(&have);
	if (lfd != -1)
		close(lfd);
	errno = saved;
	return rv;
}

/*
 * Keep a record of the line being compacted (rewrite_record() decided
 * so), noting the ids that tombstones hide already.
 */
static int
keep_in_line(struct rewrite *rw, const struct jevent *ev)
{
	struct sealed_compaction	*sc = rw->arg;

	if (ev->kind == JREC_DELETE)
		idset_add(&sc->tombed, str_hash(ev->entry.id, 0));
	jbuf_add(&sc->kept, ev->raw, ev->rawlen);
	return 0;
}

/*
 * Note the tombstone of the entry that an edit supersedes, with the time
 * of the edit, to be sealed at the end (seal_tombstones()) unless a
 * tombstone hides that id by then.
 */
static int
owe_tombstone(struct rewrite *rw, const struct jentry *edit)
{
	struct sealed_compaction	*sc = rw->arg;

	jbuf_add(&sc->tombstones, "%%delete ", 9);
	jbuf_add(&sc->tombstones, edit->supersedes, strlen(edit->supersedes));
	jbuf_add(&sc->tombstones, " ", 1);
	jbuf_add(&sc->tombstones, edit->ts, strlen(edit->ts));
	jbuf_add(&sc->tombstones, "\n", 1);
	return 0;
}

/*
 * Compact the records of one opened line, seg of len bytes: 1 when the
 * line stays as it is; 0 when compaction dropped what it holds, or part
 * of it, the rest sealed anew into sc->added; -1 on an error.
 */
static int
compact_line(struct rewrite *rw, const unsigned char *seg, size_t len)
{
	struct sealed_compaction	*sc = rw->arg;
	struct jreader			 r;
	struct jevent			 ev;
	char				*sealed;
	size_t				 sealedlen;
	int				 rv;

	sc->kept.len = 0;
	jreader_init_mem(&r, rw->path, (const char *)seg, len);
	while ((rv = jreader_next(&r, &ev)) == 1 &&
	    (rv = rewrite_record(rw, &ev)) == 0)
		;
	jreader_free(&r);
	if (rv == -1)
		return -1;
	if (sc->kept.len == 0)
		return 0;
	if (sc->kept.len == len)
		return 1;
	if (seal_records(sc->writer, sc->kept.s, sc->kept.len, &sealed,
	    &sealedlen) == -1)
		return -1;
	jbuf_add(&sc->added, sealed, sealedlen);
	free(sealed);
	return 0;
}

/*
 * The tombstones noted, one a line, for the ids that no tombstone hides
 * yet, sealed to the writer, added to sc->added: compaction drops the
 * entries that edits supersede, and an older copy merged in later must
 * not bring them back.
 */
static int
seal_tombstones(struct sealed_compaction *sc, const char *path)
{
	struct jreader	 r;
	struct jevent	 ev;
	char		*sealed;
	size_t		 sealedlen;
	int		 rv;

	jreader_init_mem(&r, path, sc->tombstones.s, sc->tombstones.len);
	while ((rv = jreader_next(&r, &ev)) == 1) {
		if (ev.kind != JREC_DELETE ||
		    idset_has(&sc->tombed, str_hash(ev.entry.id, 0)))
			continue;
		idset_add(&sc->tombed, str_hash(ev.entry.id, 0));
		if (seal_records(sc->writer, ev.raw, ev.rawlen, &sealed,
		    &sealedlen) == -1) {
			rv = -1;
			break;
		}
		jbuf_add(&sc->added, sealed, sealedlen);
		free(sealed);
	}
	jreader_free(&r);
	return rv;
}

/*
 * Rewrite the sealed journal at path under its lock, as journal_rewrite()
 * does a plain one, keeping each sealed line that stays byte for byte,
 * label included, so that copies still merge by label.
 * JREWRITE_COMPACT, with keys: the lines of entries superseded or
 * deleted are left out (a line holding more than that entry keeps the
 * rest, sealed anew), and a sealed tombstone is added for each id that an
 * edit supersedes and no tombstone hides yet.  A line that does not open
 * stops it: EBADMSG, nothing rewritten (check --repair first).
 * JREWRITE_REPAIR: the lines cut short or damaged (with keys, also those
 * that do not open) are moved to the side file, each after a comment
 * that says where it was.
 */
int
journal_rewrite_sealed(const char *path, int mode, const char *side,
    const struct jkeys *keys, struct jrewrite *res)
{
	struct rewrite			 rw;
	struct sealed_compaction	 sc;
	struct sealread			 sr;
	unsigned char			*box, *buf = NULL;
	const unsigned char		*seg;
	const char			*why;
	char				*line = NULL;
	size_t				 cap = 0, bufcap = 0, lineno = 0;
	size_t				 boxlen, seglen;
	ssize_t				 len;
	FILE				*plain = NULL, *sidefp;
	int				 rv = -1, kept, saved;

	if (rewrite_open(&rw, path, mode, side, res) == -1)
		return -1;
	memset(&sc, 0, sizeof(sc));
	rw.sink = &line_sink;
	rw.arg = &sc;
	if (mode == JREWRITE_COMPACT && keys == NULL) {
		errno = EINVAL;
		goto out;
	}
	if (!journal_fd_sealed(fileno(rw.fp))) {
		errno = EPROTOTYPE;
		goto out;
	}
	if (mode == JREWRITE_COMPACT) {
		sc.writer = keys_writer(keys);
		if (journal_unseal(rw.fp, path, keys, NULL, NULL, &sr,
		    &plain) == -1)
			goto out;
		if (sr.damaged > 0) {
			errno = EBADMSG;
			goto out;
		}
	}
	if (rewrite_begin(&rw, plain) == -1)
		goto out;
	while ((len = getline(&line, &cap, rw.fp)) != -1) {
		if (++lineno == 1 || strcmp(line, "\n") == 0 ||
		    strncmp(line, "%%#", 3) == 0) {
			if (fwrite(line, 1, (size_t)len, rw.fr.fp) !=
			    (size_t)len)
				goto out;
			continue;
		}
		why = parse_line(line, (size_t)len, &box, &boxlen);
		if (why == NULL && keys != NULL)
			why = open_line(keys, line, box, boxlen, &buf, &bufcap,
			    &seg, &seglen);
		free(box);
		if (why != NULL) {
			/* Only a repair gets here: compaction stopped. */
			res->dropped++;
			if ((sidefp = rewrite_set_aside(&rw, lineno, why)) ==
			    NULL || fwrite(line, 1, (size_t)len, sidefp) !=
			    (size_t)len || (line[len - 1] != '\n' &&
			    fputc('\n', sidefp) == EOF))
				goto out;
			continue;
		}
		if (mode == JREWRITE_COMPACT &&
		    (kept = compact_line(&rw, seg, seglen)) != 1) {
			if (kept == -1)
				goto out;
			res->dropped++;
			continue;
		}
		if (fwrite(line, 1, (size_t)len, rw.fr.fp) != (size_t)len)
			goto out;
	}
	if (ferror(rw.fp))
		goto out;
	if (mode == JREWRITE_COMPACT && (seal_tombstones(&sc, path) == -1 ||
	    fwrite(sc.added.s, 1, sc.added.len, rw.fr.fp) != sc.added.len))
		goto out;
	rv = 0;
out:
	rv = rv == 0 ? rewrite_commit(&rw) : rewrite_abort(&rw);
	saved = errno;
	free(line);
	sodium_free(buf);
	free(sc.kept.s);
	free(sc.added.s);
	free(sc.tombstones.s);
	idset_free(&sc.tombed);
	if (plain != NULL)
		fclose(plain);
	errno = saved;
	return rv;
}
