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
 * check_keyfile: the key file of a sealed journal (keyfile.c), the keys
 * kept in the kernel's keyring (keyring.c) and the sources of a
 * passphrase (passphrase.c).  Argon2id runs at its interactive cost here.
 */

#include "config.h"

#include <sys/stat.h>
#include <sys/wait.h>

#include <check.h>
#include <errno.h>
#include <keyutils.h>
#include <limits.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rapport.h"
#include "checkutil.h"

#define PW		"correct horse"
#define PW2		"battery staple"
#define COST		KEY_COST_INTERACTIVE
#define LIT(s)		(s), (sizeof(s) - 1)

static void	 new_keyfile(char *, size_t, int);
static char	*slurp(const char *, size_t *);
static void	 same_file(const char *, const char *, size_t);
static void	 seal_opens(const struct jkey *);
static char	*edit_line(const char *, size_t, size_t, const char *);
static void	 bad_line(const char *, size_t, size_t);
static size_t	 line_of(const char *, size_t);
static bool	 own_session(void);

/* A new key file in a new directory, with nkeys key pairs. */
static void
new_keyfile(char *path, size_t len, int nkeys)
{
	char	 dir[PATH_MAX];
	int	 i;

	check_newdir(dir, sizeof(dir));
	check_pathcat(path, len, dir, "/journal.key");
	ck_assert_int_eq(keyfile_create(path, LIT(PW), COST), 0);
	for (i = 1; i < nkeys; i++)
		ck_assert_int_eq(keyfile_rotate(path, LIT(PW)), 0);
}

static char *
slurp(const char *path, size_t *lenp)
{
	char	*buf;

	ck_assert_int_eq(file_read(path, &buf, lenp), 0);
	return buf;
}

/* A file holds exactly these bytes. */
static void
same_file(const char *path, const char *want, size_t wantlen)
{
	char	*buf;
	size_t	 len;

	buf = slurp(path, &len);
	ck_assert_uint_eq(len, wantlen);
	ck_assert(memcmp(buf, want, len) == 0);
	free(buf);
}

/* A box sealed to a key's public key opens with its secret key. */
static void
seal_opens(const struct jkey *k)
{
	unsigned char	 c[crypto_box_SEALBYTES + 5], m[5];

	ck_assert_ptr_nonnull(k->sk);
	ck_assert_int_eq(crypto_box_seal(c, (const unsigned char *)"hello", 5,
	    k->pk), 0);
	ck_assert_int_eq(crypto_box_seal_open(m, c, sizeof(c), k->pk, k->sk),
	    0);
	ck_assert(memcmp(m, "hello", 5) == 0);
}

/* The text with line lineno (from 1) replaced by repl (with newline). */
static char *
edit_line(const char *text, size_t len, size_t lineno, const char *repl)
{
	const char	*p, *end, *nl;
	char		*out;
	size_t		 n, i;

	p = text;
	end = text + len;
	for (i = 1; i < lineno; i++)
		p = memchr(p, '\n', (size_t)(end - p)) + 1;
	nl = memchr(p, '\n', (size_t)(end - p)) + 1;
	n = strlen(repl);
	out = malloc(len + n + 1);
	ck_assert_ptr_nonnull(out);
	memcpy(out, text, (size_t)(p - text));
	memcpy(out + (p - text), repl, n);
	memcpy(out + (p - text) + n, nl, (size_t)(end - nl));
	out[(p - text) + n + (end - nl)] = '\0';
	return out;
}

/* A key file of this text is refused as damaged at this line. */
static void
bad_line(const char *text, size_t len, size_t lineno)
{
	char		 dir[PATH_MAX], path[PATH_MAX];
	struct jkeys	 jk;

	check_newdir(dir, sizeof(dir));
	check_pathcat(path, sizeof(path), dir, "/j.key");
	check_write_file(path, text, len);
	errno = 0;
	ck_assert_int_eq(keyfile_read(path, &jk), -1);
	ck_assert_msg(errno == EBADMSG, "%s: errno %d", text, errno);
	ck_assert_msg(jk.lineno == lineno, "%s: line %zu, not %zu (%s)",
	    text, jk.lineno, lineno, jk.msg);
	ck_assert_str_ne(jk.msg, "");
	ck_assert_ptr_null(jk.keys);
	ck_assert_uint_eq(jk.nkeys, 0);
	keys_free(&jk);
}

/* The line of the byte at off, from 1. */
static size_t
line_of(const char *text, size_t off)
{
	size_t	 i, n = 1;

	for (i = 0; i < off; i++)
		if (text[i] == '\n')
			n++;
	return n;
}

/*
 * A session keyring of the test's own, so that tests do not see each
 * other's keys; false, with a note, where there is no keyring.
 */
static bool
own_session(void)
{
	if (keyctl_join_session_keyring(NULL) == -1) {
		fprintf(stderr, "SKIP: no kernel keyring (%s)\n",
		    strerror(errno));
		return false;
	}
	return true;
}

/* The key file. */

START_TEST(test_create_read_unlock)
{
	char		 path[PATH_MAX], *text;
	struct jkeys	 pub, jk;
	struct stat	 st;
	size_t		 len;

	new_keyfile(path, sizeof(path), 1);
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_uint_eq(st.st_mode & 07777, 0600);
	text = slurp(path, &len);
	ck_assert(strncmp(text, "%%journal-key 1\nkdf argon2id13 2 67108864 ",
	    42) == 0);
	free(text);

	ck_assert_int_eq(keyfile_read(path, &pub), 0);
	ck_assert_uint_eq(pub.nkeys, 1);
	ck_assert_ptr_null(pub.secrets);
	ck_assert_ptr_null(pub.keys[0].sk);
	ck_assert_uint_eq(strlen(pub.keys[0].id), KEY_ID_LEN);
	ck_assert_uint_eq(strspn(pub.keys[0].id, "0123456789abcdef"),
	    KEY_ID_LEN);
	ck_assert_ptr_eq(keys_writer(&pub), &pub.keys[0]);

	ck_assert_int_eq(keyfile_unlock(path, LIT(PW), &jk), 0);
	ck_assert_uint_eq(jk.nkeys, 1);
	ck_assert_ptr_nonnull(jk.secrets);
	ck_assert_str_eq(jk.keys[0].id, pub.keys[0].id);
	ck_assert(memcmp(jk.keys[0].pk, pub.keys[0].pk, KEY_PUBLIC_LEN) == 0);
	ck_assert_ptr_eq(jk.keys[0].sk, jk.secrets);
	/* Sealed to the public key a writer reads, opened by the secret. */
	seal_opens(keys_writer(&jk));
	ck_assert_ptr_eq(keys_find(&jk, pub.keys[0].id), &jk.keys[0]);
	ck_assert_ptr_null(keys_find(&jk, "0123456789abcdef"));
	keys_free(&jk);
	keys_free(&jk);
	keys_free(&pub);
	ck_assert_ptr_null(pub.keys);
}
END_TEST

/* keys_free() on a zeroed set; keyfile_path(). */
START_TEST(test_free_path)
{
	struct jkeys	 jk;
	char		*p;

	memset(&jk, 0, sizeof(jk));
	keys_free(&jk);
	ck_assert_ptr_null(keys_writer(&jk));
	p = keyfile_path("/a/journal");
	ck_assert_str_eq(p, "/a/journal.key");
	free(p);
}
END_TEST

/* A wrong passphrase is refused, and nothing on the disk changes. */
START_TEST(test_wrong_passphrase)
{
	char		 path[PATH_MAX], *before;
	struct jkeys	 jk;
	size_t		 len;

	new_keyfile(path, sizeof(path), 1);
	before = slurp(path, &len);
	errno = 0;
	ck_assert_int_eq(keyfile_unlock(path, LIT("correct horsE"), &jk), -1);
	ck_assert_int_eq(errno, EKEYREJECTED);
	ck_assert_ptr_null(jk.keys);
	ck_assert_ptr_null(jk.secrets);
	ck_assert_uint_eq(jk.nkeys, 0);
	errno = 0;
	ck_assert_int_eq(keyfile_passwd(path, LIT(PW2), LIT(PW), COST), -1);
	ck_assert_int_eq(errno, EKEYREJECTED);
	errno = 0;
	ck_assert_int_eq(keyfile_rotate(path, LIT(PW2)), -1);
	ck_assert_int_eq(errno, EKEYREJECTED);
	same_file(path, before, len);
	free(before);
}
END_TEST

/*
 * A new passphrase: the old one fails, the new one opens the same keys,
 * and the key lines keep their ids and public keys.  There is no journal
 * beside the key file: the change never reads it.
 */
START_TEST(test_passwd)
{
	char		 path[PATH_MAX], dir[PATH_MAX], *before, *after;
	struct jkeys	 a, b;
	struct stat	 st;
	size_t		 blen, alen, i;

	new_keyfile(path, sizeof(path), 2);
	ck_assert_int_eq(keyfile_unlock(path, LIT(PW), &a), 0);
	before = slurp(path, &blen);
	ck_assert_int_eq(keyfile_passwd(path, LIT(PW), LIT(PW2), COST), 0);
	after = slurp(path, &alen);
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_uint_eq(st.st_mode & 07777, 0600);
	/* Same version line, a new salt, the same keys wrapped anew. */
	ck_assert(memcmp(before, after, 16) == 0);
	ck_assert(memcmp(before, after, blen < alen ? blen : alen) != 0);
	errno = 0;
	ck_assert_int_eq(keyfile_unlock(path, LIT(PW), &b), -1);
	ck_assert_int_eq(errno, EKEYREJECTED);
	ck_assert_int_eq(keyfile_unlock(path, LIT(PW2), &b), 0);
	ck_assert_uint_eq(b.nkeys, 2);
	for (i = 0; i < 2; i++) {
		ck_assert_str_eq(a.keys[i].id, b.keys[i].id);
		ck_assert(memcmp(a.keys[i].pk, b.keys[i].pk,
		    KEY_PUBLIC_LEN) == 0);
		ck_assert(memcmp(a.keys[i].sk, b.keys[i].sk,
		    KEY_SECRET_LEN) == 0);
		seal_opens(&b.keys[i]);
	}
	/* Only the key file is in its directory: no journal was needed. */
	strlcpy(dir, path, sizeof(dir));
	*strrchr(dir, '/') = '\0';
	ck_assert_uint_eq(check_dir_entries(dir), 1);
	/* An empty new passphrase, an unknown cost. */
	errno = 0;
	ck_assert_int_eq(keyfile_passwd(path, LIT(PW2), "", 0, COST), -1);
	ck_assert_int_eq(errno, EINVAL);
	ck_assert_int_eq(keyfile_passwd(path, LIT(PW2), LIT(PW),
	    (enum key_cost)7), -1);
	ck_assert_int_eq(errno, EINVAL);
	same_file(path, after, alen);
	keys_free(&a);
	keys_free(&b);
	free(before);
	free(after);
}
END_TEST

/* Rotation: a new writer, the old keys kept and still opened. */
START_TEST(test_rotate)
{
	char		 path[PATH_MAX], *before, *after;
	struct jkeys	 one, jk;
	size_t		 blen, alen, i;

	new_keyfile(path, sizeof(path), 1);
	ck_assert_int_eq(keyfile_read(path, &one), 0);
	before = slurp(path, &blen);
	ck_assert_int_eq(keyfile_rotate(path, LIT(PW)), 0);
	after = slurp(path, &alen);
	/* The old lines stay as they were, one key line follows. */
	ck_assert_uint_gt(alen, blen);
	ck_assert(memcmp(before, after, blen) == 0);
	ck_assert_uint_eq(line_of(after, alen), 5);
	ck_assert_int_eq(keyfile_unlock(path, LIT(PW), &jk), 0);
	ck_assert_uint_eq(jk.nkeys, 2);
	ck_assert_str_eq(jk.keys[0].id, one.keys[0].id);
	ck_assert_str_ne(keys_writer(&jk)->id, one.keys[0].id);
	ck_assert_ptr_eq(keys_writer(&jk), &jk.keys[1]);
	for (i = 0; i < jk.nkeys; i++) {
		seal_opens(&jk.keys[i]);
		ck_assert_ptr_eq(keys_find(&jk, jk.keys[i].id), &jk.keys[i]);
	}
	keys_free(&jk);
	/* Then a new passphrase wraps all of them. */
	ck_assert_int_eq(keyfile_rotate(path, LIT(PW)), 0);
	ck_assert_int_eq(keyfile_passwd(path, LIT(PW), LIT(PW2), COST), 0);
	ck_assert_int_eq(keyfile_unlock(path, LIT(PW2), &jk), 0);
	ck_assert_uint_eq(jk.nkeys, 3);
	for (i = 0; i < jk.nkeys; i++)
		seal_opens(&jk.keys[i]);
	keys_free(&jk);
	keys_free(&one);
	free(before);
	free(after);
}
END_TEST

/* A key file is created only where there is none. */
START_TEST(test_create_exists)
{
	char		 path[PATH_MAX], link[PATH_MAX], *before;
	size_t		 len;

	new_keyfile(path, sizeof(path), 1);
	before = slurp(path, &len);
	errno = 0;
	ck_assert_int_eq(keyfile_create(path, LIT(PW2), COST), -1);
	ck_assert_int_eq(errno, EEXIST);
	same_file(path, before, len);
	/* A dangling link is something there too. */
	check_pathcat(link, sizeof(link), path, ".link");
	ck_assert_int_eq(symlink("nowhere", link), 0);
	errno = 0;
	ck_assert_int_eq(keyfile_create(link, LIT(PW2), COST), -1);
	ck_assert_int_eq(errno, EEXIST);
	errno = 0;
	ck_assert_int_eq(keyfile_create("/nonexistent-key", "", 0, COST), -1);
	ck_assert_int_eq(errno, EINVAL);
	free(before);
}
END_TEST

/* Missing files, and files the user may not trust. */
START_TEST(test_read_refused)
{
	char		 path[PATH_MAX], dir[PATH_MAX];
	struct jkeys	 jk;

	check_newdir(dir, sizeof(dir));
	check_pathcat(path, sizeof(path), dir, "/none.key");
	errno = 0;
	ck_assert_int_eq(keyfile_read(path, &jk), -1);
	ck_assert_int_eq(errno, ENOENT);
	new_keyfile(path, sizeof(path), 1);
	ck_assert_int_eq(chmod(path, 0620), 0);
	errno = 0;
	ck_assert_int_eq(keyfile_read(path, &jk), -1);
	ck_assert_int_eq(errno, EPERM);
	ck_assert_int_eq(chmod(path, 0600), 0);
	ck_assert_int_eq(keyfile_read(path, &jk), 0);
	keys_free(&jk);
}
END_TEST

/* Every field broken, each at its line. */
START_TEST(test_damage_fields)
{
	static const struct {
		size_t		 line;
		const char	*text;
	} edits[] = {
		{ 1, "%%journal 1\n" },
		{ 1, "%%journal-key x\n" },
		{ 1, "%%journal-key 01\n" },
		{ 1, "%%journal-key 1 \n" },
		{ 1, "%%journal-key 1\r\n" },
		{ 2, "\n" },
		{ 2, "kdx argon2id13 2 67108864 AAAAAAAAAAAAAAAAAAAAAA\n" },
		{ 2, "kdf argon2i13 2 67108864 AAAAAAAAAAAAAAAAAAAAAA\n" },
		{ 2, "kdf argon2id13 0 67108864 AAAAAAAAAAAAAAAAAAAAAA\n" },
		{ 2, "kdf argon2id13 02 67108864 AAAAAAAAAAAAAAAAAAAAAA\n" },
		{ 2, "kdf argon2id13 +2 67108864 AAAAAAAAAAAAAAAAAAAAAA\n" },
		{ 2, "kdf argon2id13 4294967296 67108864 "
		    "AAAAAAAAAAAAAAAAAAAAAA\n" },
		{ 2, "kdf argon2id13 2 8191 AAAAAAAAAAAAAAAAAAAAAA\n" },
		{ 2, "kdf argon2id13 2 67108864x AAAAAAAAAAAAAAAAAAAAAA\n" },
		{ 2, "kdf argon2id13 2 4398046510081 "
		    "AAAAAAAAAAAAAAAAAAAAAA\n" },
		{ 2, "kdf argon2id13 2 67108864 AAAAAAAAAAAAAAAAAAAAA\n" },
		{ 2, "kdf argon2id13 2 67108864 AAAAAAAAAAAAAAAAAAAAAA==\n" },
		{ 2, "kdf argon2id13 2 67108864 AAAAAAAAAAAAAAAAAAAAAB\n" },
		{ 2, "kdf argon2id13 2 67108864 AAAAAAAAAAAAAAAAAAAAA-\n" },
		{ 2, "kdf argon2id13 2 67108864 AAAAAAAAAAAAAAAAAAAAAA x\n" },
		{ 2, "kdf argon2id13 2 67108864\n" },
		{ 2, "kdf argon2id13  2 67108864 AAAAAAAAAAAAAAAAAAAAAA\n" },
		{ 2, "kdf argon2id13 2 67108864 AAAAAAAAAAAAAAAAAAAAAA \n" },
		{ 2, "kdf\targon2id13 2 67108864 AAAAAAAAAAAAAAAAAAAAAA\n" },
		{ 2, "key 0123456789abcdef AAAA AAAA\n" },
	};
	char	 path[PATH_MAX], *text, *bad, *line3, *p;
	size_t	 len, i;

	new_keyfile(path, sizeof(path), 1);
	text = slurp(path, &len);
	for (i = 0; i < nitems(edits); i++) {
		bad = edit_line(text, len, edits[i].line, edits[i].text);
		bad_line(bad, strlen(bad), edits[i].line);
		free(bad);
	}

	/* The key line, field by field. */
	line3 = strdup(strchr(strchr(text, '\n') + 1, '\n') + 1);
	ck_assert_ptr_nonnull(line3);
#define KEYEDIT(field, what) do {					\
	char	*l = calloc(1, strlen(line3) + 8), *f[4];		\
	ck_assert_ptr_nonnull(l);					\
	memcpy(l, line3, strlen(line3));				\
	f[0] = l;							\
	f[1] = strchr(f[0], ' ') + 1;					\
	f[2] = strchr(f[1], ' ') + 1;					\
	f[3] = strchr(f[2], ' ') + 1;					\
	what;								\
	bad = edit_line(text, len, 3, l);				\
	bad_line(bad, strlen(bad), 3);					\
	free(bad);							\
	free(l);							\
	(void)field;							\
} while (0)
	KEYEDIT(0, f[0][2] = 'x');
	KEYEDIT(1, f[1][0] = f[1][0] == 'a' ? 'b' : 'a');
	KEYEDIT(1, f[1][3] = 'A');
	KEYEDIT(1, f[1][15] = ' ');
	KEYEDIT(2, f[2][0] = f[2][0] == 'Q' ? 'R' : 'Q');
	KEYEDIT(2, f[2][42] = '=');
	KEYEDIT(2, f[2][10] = '*');
	KEYEDIT(3, f[3][95] = '\n');
	KEYEDIT(3, f[3][40] = '.');
	KEYEDIT(3, f[3][96] = ' '; f[3][97] = 'x'; f[3][98] = '\n';
	    f[3][99] = '\0');
	KEYEDIT(3, f[3][-1] = '\n'; f[3][0] = '\0');
#undef KEYEDIT

	/* A second kdf line, the key line twice, an empty last line. */
	xasprintf(&bad, "%s%s", text, "kdf argon2id13 2 67108864 "
	    "AAAAAAAAAAAAAAAAAAAAAA\n");
	bad_line(bad, strlen(bad), 4);
	free(bad);
	xasprintf(&bad, "%s%s", text, line3);
	bad_line(bad, strlen(bad), 4);
	free(bad);
	xasprintf(&bad, "%s\n", text);
	bad_line(bad, strlen(bad), 4);
	free(bad);
	/* A NUL byte, a line too long. */
	bad = strdup(text);
	p = strstr(bad, "\nkey ") + 30;
	*p = '\0';
	bad_line(bad, len, 3);
	free(bad);
	bad = malloc(len + 400);
	memcpy(bad, text, len);
	memset(bad + len, 'k', 300);
	bad[len + 300] = '\n';
	bad_line(bad, len + 301, 4);
	free(bad);
	/* Only the version line, then only that and the kdf line. */
	bad_line(text, 16, 2);
	bad_line(text, len - strlen(line3), 3);
	bad_line("", 0, 1);
	free(line3);
	free(text);
}
END_TEST

/* A later version is not read, and says so. */
START_TEST(test_later_version)
{
	char		 dir[PATH_MAX], path[PATH_MAX];
	struct jkeys	 jk;

	check_newdir(dir, sizeof(dir));
	check_pathcat(path, sizeof(path), dir, "/j.key");
	check_write_file(path, LIT("%%journal-key 2\nwhatever comes\n"));
	errno = 0;
	ck_assert_int_eq(keyfile_read(path, &jk), -1);
	ck_assert_int_eq(errno, ENOTSUP);
	ck_assert_uint_eq(jk.lineno, 1);
	errno = 0;
	ck_assert_int_eq(keyfile_unlock(path, LIT(PW), &jk), -1);
	ck_assert_int_eq(errno, ENOTSUP);
}
END_TEST

/*
 * A file cut at every byte: read in full at the end of a key line (with
 * fewer keys), else refused at the line cut.
 */
START_TEST(test_damage_cut)
{
	char		 path[PATH_MAX], cut[PATH_MAX], *text;
	struct jkeys	 jk;
	size_t		 len, i, line;

	new_keyfile(path, sizeof(path), 2);
	text = slurp(path, &len);
	check_pathcat(cut, sizeof(cut), path, ".cut");
	for (i = 0; i < len; i++) {
		check_write_file(cut, text, i);
		line = line_of(text, i);
		errno = 0;
		if (keyfile_read(cut, &jk) == 0) {
			ck_assert(text[i - 1] == '\n');
			ck_assert_uint_ge(line, 4);
			ck_assert_uint_eq(jk.nkeys, line - 3);
			keys_free(&jk);
			continue;
		}
		ck_assert_int_eq(errno, EBADMSG);
		ck_assert_msg(jk.lineno == line, "cut at %zu: line %zu, not %zu",
		    i, jk.lineno, line);
	}
	free(text);
}
END_TEST

/*
 * A byte changed in a wrapped secret, a public key swapped for another
 * with its id, the kdf line changed: the passphrase no longer opens the
 * first key (EKEYREJECTED), and a later key is damage at its line.
 */
START_TEST(test_damage_wrapped)
{
	static const size_t	 at[] = { 0, 20, 31, 32, 50, 95 };
	char		 path[PATH_MAX], *text, *bad, *w, *l;
	char		 pk64[sodium_base64_ENCODED_LEN(KEY_PUBLIC_LEN,
			    sodium_base64_VARIANT_ORIGINAL_NO_PADDING)];
	unsigned char	 pk[KEY_PUBLIC_LEN], sk[KEY_SECRET_LEN], h[8];
	char		 id[KEY_ID_LEN + 1];
	struct jkeys	 jk;
	size_t		 len, i, k;

	new_keyfile(path, sizeof(path), 2);
	text = slurp(path, &len);
	for (k = 0; k < 2; k++) {
		for (i = 0; i < nitems(at); i++) {
			bad = strdup(text);
			l = strchr(bad, '\n') + 1;
			l = strchr(l, '\n') + 1;
			if (k == 1)
				l = strchr(l, '\n') + 1;
			w = l + 4 + KEY_ID_LEN + 1 + 43 + 1;
			w[at[i]] = w[at[i]] == 'A' ? 'B' : 'A';
			check_write_file(path, bad, len);
			errno = 0;
			ck_assert_int_eq(keyfile_unlock(path, LIT(PW), &jk),
			    -1);
			if (k == 0)
				ck_assert_int_eq(errno, EKEYREJECTED);
			else {
				ck_assert_int_eq(errno, EBADMSG);
				ck_assert_uint_eq(jk.lineno, 4);
			}
			ck_assert_ptr_null(jk.secrets);
			free(bad);
		}
	}

	/* Another public key, with its own id: the AD no longer fits. */
	crypto_box_keypair(pk, sk);
	crypto_generichash(h, sizeof(h), pk, sizeof(pk), NULL, 0);
	sodium_bin2hex(id, sizeof(id), h, sizeof(h));
	sodium_bin2base64(pk64, sizeof(pk64), pk, sizeof(pk),
	    sodium_base64_VARIANT_ORIGINAL_NO_PADDING);
	bad = strdup(text);
	l = strchr(strchr(bad, '\n') + 1, '\n') + 1;
	memcpy(l + 4, id, KEY_ID_LEN);
	memcpy(l + 4 + KEY_ID_LEN + 1, pk64, 43);
	check_write_file(path, bad, len);
	ck_assert_int_eq(keyfile_read(path, &jk), 0);
	keys_free(&jk);
	errno = 0;
	ck_assert_int_eq(keyfile_unlock(path, LIT(PW), &jk), -1);
	ck_assert_int_eq(errno, EKEYREJECTED);
	free(bad);

	/* A different but valid kdf line: other operations, other salt. */
	bad = strdup(text);
	l = strstr(bad, " 2 67108864 ");
	ck_assert_ptr_nonnull(l);
	l[1] = '3';
	check_write_file(path, bad, len);
	errno = 0;
	ck_assert_int_eq(keyfile_unlock(path, LIT(PW), &jk), -1);
	ck_assert_int_eq(errno, EKEYREJECTED);
	l[1] = '2';
	l[12] = l[12] == 'A' ? 'B' : 'A';
	check_write_file(path, bad, len);
	errno = 0;
	ck_assert_int_eq(keyfile_unlock(path, LIT(PW), &jk), -1);
	ck_assert_int_eq(errno, EKEYREJECTED);
	free(bad);
	free(text);
}
END_TEST

/* The passphrase. */

/* From a descriptor: the first line, and not a byte more. */
START_TEST(test_passphrase_fd)
{
	static const struct {
		const char	*in;
		size_t		 len;
		const char	*want;	/* NULL: refused */
		int		 error;
	} cases[] = {
		{ LIT("pw\nrest"), "pw", 0 },
		{ LIT("pw\r\nrest"), "pw", 0 },
		{ LIT("no newline"), "no newline", 0 },
		{ LIT(" spaces kept \n"), " spaces kept ", 0 },
		{ LIT("\nrest"), NULL, EINVAL },
		{ LIT("\r\n"), NULL, EINVAL },
		{ LIT(""), NULL, EINVAL },
		{ LIT("a\0b\n"), NULL, EINVAL },
	};
	struct passphrase	 pp;
	char			 rest[16], *big;
	int			 fds[2];
	size_t			 i, n;
	ssize_t			 got;

	for (i = 0; i < nitems(cases); i++) {
		ck_assert_int_eq(pipe(fds), 0);
		ck_assert_int_eq(write(fds[1], cases[i].in, cases[i].len),
		    (ssize_t)cases[i].len);
		close(fds[1]);
		errno = 0;
		if (cases[i].want == NULL) {
			ck_assert_int_eq(passphrase_fd(fds[0], &pp), -1);
			ck_assert_int_eq(errno, cases[i].error);
			ck_assert_ptr_null(pp.s);
		} else {
			ck_assert_int_eq(passphrase_fd(fds[0], &pp), 0);
			ck_assert_str_eq(pp.s, cases[i].want);
			ck_assert_uint_eq(pp.len, strlen(cases[i].want));
			passphrase_free(&pp);
			passphrase_free(&pp);
		}
		/* What follows the first line is left to read. */
		got = read(fds[0], rest, sizeof(rest) - 1);
		ck_assert_int_ge(got, 0);
		rest[got] = '\0';
		if (strcmp(cases[i].in, "pw\nrest") == 0 ||
		    strcmp(cases[i].in, "\nrest") == 0)
			ck_assert_str_eq(rest, "rest");
		close(fds[0]);
	}

	/* The longest passphrase, with a CR; one byte more. */
	big = malloc(PASSPHRASE_MAX + 3);
	ck_assert_ptr_nonnull(big);
	for (n = PASSPHRASE_MAX; n <= PASSPHRASE_MAX + 1; n++) {
		memset(big, 'p', n);
		memcpy(big + n, "\r\n", 2);
		ck_assert_int_eq(pipe(fds), 0);
		ck_assert_int_eq(write(fds[1], big, n + 2), (ssize_t)n + 2);
		close(fds[1]);
		errno = 0;
		if (n == PASSPHRASE_MAX) {
			ck_assert_int_eq(passphrase_fd(fds[0], &pp), 0);
			ck_assert_uint_eq(pp.len, PASSPHRASE_MAX);
			passphrase_free(&pp);
		} else {
			ck_assert_int_eq(passphrase_fd(fds[0], &pp), -1);
			ck_assert_int_eq(errno, EMSGSIZE);
		}
		close(fds[0]);
	}
	free(big);
}
END_TEST

/* From a command: its first line, and its exit status. */
START_TEST(test_passphrase_command)
{
	struct passphrase	 pp;

	ck_assert_int_eq(passphrase_command("printf 'x\\ny'", &pp), 0);
	ck_assert_str_eq(pp.s, "x");
	ck_assert_uint_eq(pp.len, 1);
	passphrase_free(&pp);
	/* Much more output than a pipe holds, read to its end. */
	ck_assert_int_eq(passphrase_command("echo first; yes | head -c "
	    "1000000", &pp), 0);
	ck_assert_str_eq(pp.s, "first");
	passphrase_free(&pp);
	errno = 0;
	ck_assert_int_eq(passphrase_command("exit 3", &pp), -1);
	ck_assert_int_eq(errno, ECANCELED);
	ck_assert_ptr_null(pp.s);
	errno = 0;
	ck_assert_int_eq(passphrase_command("echo pw; exit 1", &pp), -1);
	ck_assert_int_eq(errno, ECANCELED);
	ck_assert_ptr_null(pp.s);
	errno = 0;
	ck_assert_int_eq(passphrase_command("kill -9 $$", &pp), -1);
	ck_assert_int_eq(errno, ECANCELED);
	errno = 0;
	ck_assert_int_eq(passphrase_command("true", &pp), -1);
	ck_assert_int_eq(errno, EINVAL);
	errno = 0;
	ck_assert_int_eq(passphrase_command("echo", &pp), -1);
	ck_assert_int_eq(errno, EINVAL);
}
END_TEST

/* Without a controlling terminal, the terminal is not asked. */
START_TEST(test_passphrase_tty)
{
	struct passphrase	 pp;
	pid_t			 pid;
	int			 status;

	ck_assert_int_ne(pid = fork(), -1);
	if (pid == 0) {
		if (setsid() == -1)
			_exit(2);
		errno = 0;
		if (passphrase_tty("Passphrase: ", &pp) != -1 ||
		    errno != ENOTTY || pp.s != NULL)
			_exit(1);
		_exit(0);
	}
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert(WIFEXITED(status));
	ck_assert_int_eq(WEXITSTATUS(status), 0);
}
END_TEST

/* The keyring. */

/* Stored, fetched with the file's public keys, forgotten. */
START_TEST(test_keyring)
{
	char		 path[PATH_MAX], desc[64];
	struct jkeys	 jk, pub;
	key_serial_t	 serial;
	char		*d;
	size_t		 i;

	if (!own_session())
		return;
	new_keyfile(path, sizeof(path), 2);
	ck_assert_int_eq(keyfile_unlock(path, LIT(PW), &jk), 0);
	ck_assert_int_eq(keyfile_read(path, &pub), 0);
	errno = 0;
	ck_assert_int_eq(keyring_fetch(&pub), -1);
	ck_assert_int_eq(errno, ENOKEY);
	if (keyring_store(&jk, 60) == -1 && errno == ENOSYS) {
		fprintf(stderr, "SKIP: no kernel keyring to store in\n");
		return;
	}
	ck_assert_int_eq(keyring_fetch(&pub), 0);
	ck_assert_ptr_nonnull(pub.secrets);
	for (i = 0; i < pub.nkeys; i++) {
		ck_assert(memcmp(pub.keys[i].sk, jk.keys[i].sk,
		    KEY_SECRET_LEN) == 0);
		seal_opens(&pub.keys[i]);
	}
	/* Its name and who may read it. */
	snprintf(desc, sizeof(desc), "rapport:journal:%s", jk.keys[0].id);
	serial = keyctl_search(KEY_SPEC_SESSION_KEYRING, "user", desc, 0);
	ck_assert_int_ne(serial, -1);
	ck_assert_int_ge(keyctl_describe_alloc(serial, &d), 0);
	/* Possessor: view, read, write, search, setattr; user: view, read. */
	ck_assert_msg(strstr(d, ";2f030000;") != NULL, "%s", d);
	free(d);
	/* A set already unlocked is not filled again. */
	errno = 0;
	ck_assert_int_eq(keyring_fetch(&pub), -1);
	ck_assert_int_eq(errno, EINVAL);
	keys_free(&pub);

	/* Stored again: the one key is replaced. */
	ck_assert_int_eq(keyring_store(&jk, 60), 0);
	ck_assert_int_eq(keyring_forget(&jk), 0);
	ck_assert_int_eq(keyfile_read(path, &pub), 0);
	errno = 0;
	ck_assert_int_eq(keyring_fetch(&pub), -1);
	ck_assert_int_eq(errno, ENOKEY);
	ck_assert_ptr_null(pub.secrets);
	errno = 0;
	ck_assert_int_eq(keyring_forget(&pub), -1);
	ck_assert_int_eq(errno, ENOKEY);
	keys_free(&pub);

	/* Keys not unlocked, and a time of 0, are not stored. */
	ck_assert_int_eq(keyfile_read(path, &pub), 0);
	errno = 0;
	ck_assert_int_eq(keyring_store(&pub, 60), -1);
	ck_assert_int_eq(errno, EINVAL);
	errno = 0;
	ck_assert_int_eq(keyring_store(&jk, 0), -1);
	ck_assert_int_eq(errno, EINVAL);
	keys_free(&pub);
	keys_free(&jk);
}
END_TEST

/*
 * What the keyring holds must be the secret of every key of the file:
 * after a rotation, or with a secret that is not the key's, ENOKEY.
 */
START_TEST(test_keyring_stale)
{
	char		 path[PATH_MAX], desc[64];
	unsigned char	 payload[KEY_ID_LEN + KEY_SECRET_LEN];
	struct jkeys	 jk, pub;

	if (!own_session())
		return;
	new_keyfile(path, sizeof(path), 1);
	ck_assert_int_eq(keyfile_unlock(path, LIT(PW), &jk), 0);
	if (keyring_store(&jk, 60) == -1 && errno == ENOSYS) {
		fprintf(stderr, "SKIP: no kernel keyring to store in\n");
		return;
	}
	ck_assert_int_eq(keyfile_rotate(path, LIT(PW)), 0);
	ck_assert_int_eq(keyfile_read(path, &pub), 0);
	errno = 0;
	ck_assert_int_eq(keyring_fetch(&pub), -1);
	ck_assert_int_eq(errno, ENOKEY);
	keys_free(&pub);

	/* The right id, a wrong secret. */
	memcpy(payload, jk.keys[0].id, KEY_ID_LEN);
	randombytes_buf(payload + KEY_ID_LEN, KEY_SECRET_LEN);
	snprintf(desc, sizeof(desc), "rapport:journal:%s", jk.keys[0].id);
	ck_assert_int_ne(add_key("user", desc, payload, sizeof(payload),
	    KEY_SPEC_SESSION_KEYRING), -1);
	ck_assert_int_eq(keyfile_read(path, &pub), 0);
	pub.nkeys = 1;
	errno = 0;
	ck_assert_int_eq(keyring_fetch(&pub), -1);
	ck_assert_int_eq(errno, ENOKEY);
	pub.nkeys = 2;
	keys_free(&pub);
	keys_free(&jk);
}
END_TEST

/* A stored key expires by itself. */
START_TEST(test_keyring_expiry)
{
	char		 path[PATH_MAX];
	struct jkeys	 jk, pub;

	if (!own_session())
		return;
	new_keyfile(path, sizeof(path), 1);
	ck_assert_int_eq(keyfile_unlock(path, LIT(PW), &jk), 0);
	if (keyring_store(&jk, 1) == -1 && errno == ENOSYS) {
		fprintf(stderr, "SKIP: no kernel keyring to store in\n");
		return;
	}
	ck_assert_int_eq(keyfile_read(path, &pub), 0);
	ck_assert_int_eq(keyring_fetch(&pub), 0);
	keys_free(&pub);
	sleep(2);
	ck_assert_int_eq(keyfile_read(path, &pub), 0);
	errno = 0;
	ck_assert_int_eq(keyring_fetch(&pub), -1);
	ck_assert_int_eq(errno, ENOKEY);
	ck_assert_ptr_null(pub.secrets);
	keys_free(&pub);
	keys_free(&jk);
}
END_TEST

static Suite *
keyfile_suite(void)
{
	Suite	*s;
	TCase	*tc;

	s = suite_create("keyfile");

	tc = tcase_create("keyfile");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_create_read_unlock);
	tcase_add_test(tc, test_free_path);
	tcase_add_test(tc, test_wrong_passphrase);
	tcase_add_test(tc, test_passwd);
	tcase_add_test(tc, test_rotate);
	tcase_add_test(tc, test_create_exists);
	tcase_add_test(tc, test_read_refused);
	tcase_add_test(tc, test_later_version);
	suite_add_tcase(s, tc);

	tc = tcase_create("damage");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_damage_fields);
	tcase_add_test(tc, test_damage_cut);
	tcase_add_test(tc, test_damage_wrapped);
	suite_add_tcase(s, tc);

	tc = tcase_create("passphrase");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_passphrase_fd);
	tcase_add_test(tc, test_passphrase_command);
	tcase_add_test(tc, test_passphrase_tty);
	suite_add_tcase(s, tc);

	tc = tcase_create("keyring");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_keyring);
	tcase_add_test(tc, test_keyring_stale);
	tcase_add_test(tc, test_keyring_expiry);
	suite_add_tcase(s, tc);

	return s;
}

int
main(void)
{
	return check_run("check_keyfile", keyfile_suite(), NULL);
}
