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
 * What journal and score share about the user's journal: where it is,
 * opening it, the time now, and why writing to it failed.  Apart from
 * common.c, so that tip and prompt do not carry the journal code these
 * functions bring in.
 */

#include "config.h"

#include <sys/stat.h>

#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "rapport.h"
#include "common.h"

static __dead void refuse_link(const char *, const struct stat *);
static void	 report_unsealed(const char *, size_t, const char *, void *);
static FILE	*open_sealed(const char *, FILE *);
static void	 forget_keys(void);
static char	*sealed_cache_path(const char *);

static struct jkeys	 opened_keys;	/* of opened_path, by open_sealed */
static char		*opened_path;

int			 passfd_option = -1;
const struct config	*passphrase_config;
jproblem_fn		*unseal_problem = report_unsealed;

/*
 * Refuse the symbolic link at the path of the user's journal, and exit:
 * one that another user may have put there (file_link_trusted), or one
 * to a file that does not exist.
 */
static __dead void
refuse_link(const char *path, const struct stat *lst)
{
	if (!file_link_trusted(path, lst))
		errx(EXIT_TROUBLE, "%s: a symbolic link that another user "
		    "made, which %s does not follow; remove it, or keep the "
		    "journal in a directory that only you can write", path,
		    getprogname());
	errx(EXIT_TROUBLE, "%s: a symbolic link to a file that does not exist",
	    path);
}

/* Now, or the instant JOURNAL_NOW pins for tests and for replays. */
time_t
now_or_exit(void)
{
	time_t	 now;

	if (when_now(&now) == -1)
		errx(EXIT_TROUBLE, "JOURNAL_NOW is not an RFC 3339 timestamp "
		    "or a date: %s", getenv("JOURNAL_NOW"));
	return now;
}

/*
 * The user's journal, as an allocated path: the -f option's when given,
 * then JOURNAL_FILE, then the configuration's, then journal(1)'s default
 * under XDG_DATA_HOME.
 */
char *
which_journal(const struct config *cfg, const char *flag)
{
	const char	*v;
	char		*path;

	if (flag != NULL)
		return xstrdup(flag);
	if ((v = getenv("JOURNAL_FILE")) != NULL && *v != '\0')
		return xstrdup(v);
	if ((v = config_get(cfg, "journal", "file")) != NULL) {
		if ((path = config_path(v)) == NULL)
			errx(EXIT_TROUBLE, "%s: ~/ needs HOME to be an "
			    "absolute path", v);
		return path;
	}
	if ((path = xdg_dir("XDG_DATA_HOME", ".local/share",
	    "rapport/journal")) == NULL)
		errx(EXIT_TROUBLE, "no journal: set HOME, XDG_DATA_HOME or "
		    "JOURNAL_FILE, or use -f");
	return path;
}

/*
 * Open a journal to read, or exit saying why not.  The user's own journal
 * (own) must be a private regular file, and is NULL when there is none
 * yet; it is opened without blocking, so that a FIFO in its place cannot
 * hang us.  Another's, given to merge, import or compare, must exist and
 * may be any file but a directory, a pipe included.
 */
FILE *
open_journal(const char *path, bool own)
{
	struct stat	 st;
	FILE		*fp;
	int		 fd, problem;

	if (own && lstat(path, &st) == 0 && S_ISLNK(st.st_mode) &&
	    !file_link_trusted(path, &st))
		refuse_link(path, &st);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC | (own ? O_NONBLOCK : 0))) ==
	    -1) {
		if (own && errno == ENOENT && lstat(path, &st) == 0 &&
		    S_ISLNK(st.st_mode))
			refuse_link(path, &st);
		if (own && errno == ENOENT)
			return NULL;
		err(EXIT_TROUBLE, "%s", path);
	}
	if (fstat(fd, &st) == -1)
		err(EXIT_TROUBLE, "%s", path);
	if (S_ISDIR(st.st_mode))
		errx(EXIT_TROUBLE, "%s: is a directory", path);
	if (own && !S_ISREG(st.st_mode))
		errx(EXIT_TROUBLE, "%s: not a regular file", path);
	if (own && (problem = file_private(&st)) != 0)
		errx(EXIT_TROUBLE, "%s: %s", path,
		    file_private_advice(problem));
	if ((fp = fdopen(fd, "r")) == NULL)
		err(EXIT_TROUBLE, "%s", path);
	if (journal_fd_sealed(fd))
		return open_sealed(path, fp);
	return fp;
}

/*
 * A sealed record that cannot be read, as FILE:LINE: message on stderr;
 * unseal_problem, unless journal check says otherwise.
 */
static void
report_unsealed(const char *path, size_t line, const char *msg,
    void *arg __attribute__((__unused__)))
{
	warnx("%s:%zu: %s", path, line, msg);
}

/*
 * The plain journal that the sealed journal fp at path holds, opened with
 * its keys (journal_keys), in memory; or exit saying why not.
 */
static FILE *
open_sealed(const char *path, FILE *fp)
{
	struct sealread	 res;
	char		*cache;
	FILE		*plain;

	cache = sealed_cache_path(path);
	if (journal_unseal_cached(fp, path, journal_keys(path), cache,
	    unseal_problem, NULL, &res, &plain) == -1)
		err(EXIT_TROUBLE, "%s", path);
	free(cache);
	fclose(fp);
	return plain;
}

/*
 * The keys of the sealed journal at path, unlocked once (unlock_keys) and
 * kept, in locked memory, for a command that opens the journal again (as
 * delete does under its lock), so that the passphrase is asked once; they
 * are wiped at exit.
 */
const struct jkeys *
journal_keys(const char *path)
{
	if (opened_path == NULL || strcmp(opened_path, path) != 0) {
		if (opened_path != NULL) {
			keys_free(&opened_keys);
			free(opened_path);
		} else
			atexit(forget_keys);
		unlock_keys(path, &opened_keys);
		opened_path = xstrdup(path);
	}
	return &opened_keys;
}

/*
 * The cache of the sealed journal at path, journal(5): under
 * XDG_CACHE_HOME, named by a hash of the journal's real path, so that
 * two journals never share one; NULL, and no cache, without a home.
 */
static char *
sealed_cache_path(const char *path)
{
	unsigned char	 hash[8];
	char		*real, *name, *cache, hex[2 * sizeof(hash) + 1];

	if ((real = realpath(path, NULL)) == NULL)
		return NULL;
	crypto_generichash(hash, sizeof(hash), (unsigned char *)real,
	    strlen(real), NULL, 0);
	free(real);
	sodium_bin2hex(hex, sizeof(hex), hash, sizeof(hash));
	xasprintf(&name, "rapport/sealed-%s", hex);
	cache = xdg_dir("XDG_CACHE_HOME", ".cache", name);
	free(name);
	return cache;
}

/* Wipe the keys that journal_keys kept, at exit. */
static void
forget_keys(void)
{
	keys_free(&opened_keys);
	free(opened_path);
	opened_path = NULL;
}

/*
 * The passphrase, or exit saying why there is none: from the descriptor
 * of --passphrase-fd, else the output of the command JOURNAL_PASSCMD or
 * the configuration's passcmd names, else the terminal, asking with what.
 * Never from the command line or an environment variable that holds it.
 */
void
get_passphrase(const char *what, struct passphrase *pp)
{
	const char	*cmd;

	if (passfd_option != -1) {
		if (passphrase_fd(passfd_option, pp) == 0)
			return;
		if (errno == EINVAL)
			errx(EXIT_TROUBLE, "--passphrase-fd %d: no passphrase "
			    "on its next line", passfd_option);
		if (errno == EMSGSIZE)
			errx(EXIT_TROUBLE, "--passphrase-fd %d: a passphrase "
			    "longer than %d bytes", passfd_option,
			    PASSPHRASE_MAX);
		err(EXIT_TROUBLE, "--passphrase-fd %d", passfd_option);
	}
	if ((cmd = getenv("JOURNAL_PASSCMD")) == NULL || *cmd == '\0')
		cmd = passphrase_config != NULL ?
		    config_get(passphrase_config, "journal", "passcmd") : NULL;
	if (cmd != NULL) {
		if (passphrase_command(cmd, pp) == 0)
			return;
		if (errno == ECANCELED)
			errx(EXIT_TROUBLE, "the passphrase command failed: %s",
			    cmd);
		if (errno == EINVAL)
			errx(EXIT_TROUBLE, "the passphrase command printed no "
			    "passphrase: %s", cmd);
		err(EXIT_TROUBLE, "the passphrase command: %s", cmd);
	}
	if (passphrase_tty(what, pp) == 0)
		return;
	if (errno == ENOTTY)
		errx(EXIT_TROUBLE, "the journal is sealed, and there is no "
		    "terminal to ask its passphrase on: give it with "
		    "--passphrase-fd, a passphrase command (JOURNAL_PASSCMD, "
		    "or passcmd in the configuration), or unlock it first with "
		    "journal unlock");
	err(EXIT_TROUBLE, "reading the passphrase");
}

/* The passphrase of the sealed journal at path, as get_passphrase has it. */
void
ask_passphrase(const char *path, struct passphrase *pp)
{
	char	*what;

	xasprintf(&what, "Passphrase of %s: ", path);
	get_passphrase(what, pp);
	free(what);
}

/*
 * Say why the key file keypath could not be read or unlocked, and exit;
 * keys, unless NULL, says where a damaged file is damaged.
 */
void
key_failed(const char *keypath, const struct jkeys *keys)
{
	if (errno == ENOENT)
		errx(EXIT_TROUBLE, "%s: no key file, which a sealed journal "
		    "needs beside it (journal(5), Key file)", keypath);
	if (errno == EBADMSG && keys != NULL)
		errx(EXIT_TROUBLE, "%s:%zu: %s", keypath, keys->lineno,
		    keys->msg);
	if (errno == EBADMSG)
		errx(EXIT_TROUBLE, "%s: not a key file of journal(5)",
		    keypath);
	if (errno == EKEYREJECTED)
		errx(EXIT_TROUBLE, "%s: wrong passphrase; nothing was read or "
		    "written", keypath);
	if (errno == ENOTSUP)
		errx(EXIT_TROUBLE, "%s: a key file of a later version",
		    keypath);
	err(EXIT_TROUBLE, "%s", keypath);
}

/*
 * The key file keypath, read into keys still locked, or exit saying why
 * not.
 */
void
read_keys(const char *keypath, struct jkeys *keys)
{
	memset(keys, 0, sizeof(*keys));
	if (keyfile_read(keypath, keys) == -1)
		key_failed(keypath, keys);
}

/*
 * Whether the keys of the sealed journal at path can be had without
 * asking on the terminal: kept by journal unlock, or a passphrase from
 * --passphrase-fd or a passphrase command.
 */
bool
keys_at_hand(const char *path)
{
	struct jkeys	 keys;
	const char	*cmd;
	char		*keypath;
	bool		 kept;

	cmd = getenv("JOURNAL_PASSCMD");
	if (passfd_option != -1 || (cmd != NULL && *cmd != '\0') ||
	    (passphrase_config != NULL &&
	    config_get(passphrase_config, "journal", "passcmd") != NULL))
		return true;
	memset(&keys, 0, sizeof(keys));
	keypath = keyfile_path(path);
	kept = keyfile_read(keypath, &keys) == 0 && keyring_fetch(&keys) == 0;
	keys_free(&keys);
	free(keypath);
	return kept;
}

/*
 * The keys of the sealed journal at path, unlocked: from the kernel's
 * keyring when journal unlock put them there and they have not expired,
 * else with the passphrase (ask_keys).  Exits saying why not.
 */
void
unlock_keys(const char *path, struct jkeys *keys)
{
	char	*keypath;

	keypath = keyfile_path(path);
	read_keys(keypath, keys);
	free(keypath);
	if (keyring_fetch(keys) == 0)
		return;
	keys_free(keys);
	ask_keys(path, keys);
}

/*
 * The keys of the sealed journal at path, unlocked with the passphrase,
 * whatever the keyring holds.  Exits saying why not.
 */
void
ask_keys(const char *path, struct jkeys *keys)
{
	struct passphrase	 pp;
	char			*keypath;

	memset(keys, 0, sizeof(*keys));
	keypath = keyfile_path(path);
	ask_passphrase(path, &pp);
	if (keyfile_unlock(keypath, pp.s, pp.len, keys) == -1) {
		passphrase_free(&pp);
		key_failed(keypath, keys);
	}
	passphrase_free(&pp);
	free(keypath);
}

/*
 * Say why journal_lock, journal_append or journal_rewrite failed on path,
 * and exit.  A side file that could not be used, the lock or the rejected
 * records, is named with what is wrong with it (journal_side_failed).
 * The errno values are theirs: ELOOP for a symbolic link that another
 * user may have made, ENOENT for one to nothing, EPERM for a journal that
 * is not private, ENOTSUP for one whose lines end in CRLF or one of a
 * later version, which who ("this journal", "score") does not verb ("write
 * to", "rewrite"), EINVAL for one that is not a regular file, ENOKEY for
 * a sealed one without its key file, EBADMSG for
 * a file that is not a journal at all, and EMLINK for one of more than
 * one name, which a rewrite would split.
 */
void
write_failed(const char *path, const char *who, const char *verb)
{
	struct stat	 st;
	const char	*side;
	int		 problem, saved;

	saved = errno;
	if ((side = journal_side_failed(&problem)) != NULL) {
		if (problem != 0)
			errx(EXIT_TROUBLE, "%s: %s", side,
			    file_side_advice(problem));
		errno = saved;
		err(EXIT_TROUBLE, "%s", side);
	}
	if ((saved == ELOOP || saved == ENOENT) && lstat(path, &st) == 0 &&
	    S_ISLNK(st.st_mode) && (saved == ENOENT ||
	    !file_link_trusted(path, &st)))
		refuse_link(path, &st);
	if (saved == EPERM && stat(path, &st) == 0 &&
	    (problem = file_private(&st)) != 0)
		errx(EXIT_TROUBLE, "%s: %s", path,
		    file_private_advice(problem));
	if (saved == ENOTSUP && journal_crlf(path))
		errx(EXIT_TROUBLE, "%s: its lines end in CRLF (carriage return "
		    "and line feed), as on Windows, not in LF alone as a "
		    "journal's do; convert them with dos2unix %s, or with "
		    "sed -i 's/\\r$//' %s", path, path, path);
	if (saved == ENOTSUP)
		errx(EXIT_TROUBLE, "%s: a journal of a later version; %s does "
		    "not %s it", path, who, verb);
	if (saved == EINVAL)
		errx(EXIT_TROUBLE, "%s: not a regular file", path);
	if (saved == ENOKEY)
		errx(EXIT_TROUBLE, "%s: sealed, and no key file %s.key beside "
		    "it to seal to; nothing was written", path, path);
	if (saved == EBADMSG)
		errx(EXIT_TROUBLE, "%s: not a journal: its first line is not "
		    "\"%s\"; %s does not %s it", path, JOURNAL_MAGIC, who,
		    verb);
	if (saved == EMLINK && stat(path, &st) == 0)
		errx(EXIT_TROUBLE, "%s: a file of %ju names (hard links), "
		    "which a rewrite would split in two; %s does not %s it: "
		    "keep one name, and make the others symbolic links to it",
		    path, (uintmax_t)st.st_nlink, who, verb);
	errno = saved;
	err(EXIT_TROUBLE, "%s", path);
}

/*
 * Take --passphrase-fd N (or =N), an option of every subcommand that
 * reads a sealed journal, out of argv wherever it comes before a --, and
 * return the new argc.  journal and score take it so.
 */
int
take_passphrase_fd(int argc, char **argv)
{
	const char	*arg, *errstr;
	int		 i, j, taken;

	for (i = 1; i < argc && strcmp(argv[i], "--") != 0; i++) {
		if (strcmp(argv[i], "--passphrase-fd") == 0) {
			if (i + 1 == argc)
				errx(EXIT_TROUBLE, "--passphrase-fd needs a "
				    "file descriptor");
			arg = argv[i + 1];
			taken = 2;
		} else if (strncmp(argv[i], "--passphrase-fd=", 16) == 0) {
			arg = argv[i] + 16;
			taken = 1;
		} else
			continue;
		passfd_option = strtonum(arg, 0, INT_MAX, &errstr);
		if (errstr != NULL)
			errx(EXIT_TROUBLE, "--passphrase-fd %s: %s", arg,
			    errstr);
		for (j = i; j + taken <= argc; j++)
			argv[j] = argv[j + taken];
		argc -= taken;
		i--;
	}
	return argc;
}
