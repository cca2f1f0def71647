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
 * A sealed journal's keys and its conversions: key init, passwd and
 * rotate; encrypt and decrypt; unlock and lock, which keep the unlocked
 * keys in the kernel's keyring for a while.  The formats are journal(5)'s.
 */

#include "config.h"

#include <sys/stat.h>

#include <err.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rapport.h"
#include "common.h"
#include "journal.h"

static void	 cost_option(int, const char *);
static void	 for_option(int, const char *);
static void	 new_passphrase(struct passphrase *);
static void	 key_init(const char *);
static void	 key_passwd(const char *);
static void	 key_rotate(const char *);

static enum key_cost	 key_cost = KEY_COST_MODERATE;
static unsigned int	 unlock_seconds = KEYRING_DEFAULT_SECONDS;

static const struct option cost_opts[] = {
	{ "cost",	required_argument,	NULL,	OPT_COST },
	{ "file",	required_argument,	NULL,	'f' },
	{ NULL,		0,			NULL,	0 }
};

static const struct option file_opts[] = {
	{ "file",	required_argument,	NULL,	'f' },
	{ NULL,		0,			NULL,	0 }
};

static const struct option for_opts[] = {
	{ "file",	required_argument,	NULL,	'f' },
	{ "for",	required_argument,	NULL,	OPT_FOR },
	{ NULL,		0,			NULL,	0 }
};

/* --cost: what a guess at the passphrase costs, in libsodium's words. */
static void
cost_option(int ch __attribute__((__unused__)), const char *arg)
{
	if (strcmp(arg, "interactive") == 0)
		key_cost = KEY_COST_INTERACTIVE;
	else if (strcmp(arg, "moderate") == 0)
		key_cost = KEY_COST_MODERATE;
	else if (strcmp(arg, "sensitive") == 0)
		key_cost = KEY_COST_SENSITIVE;
	else
		errx(EXIT_TROUBLE, "--cost %s: not interactive, moderate or "
		    "sensitive", arg);
}

/* --for: how long unlock keeps the keys. */
static void
for_option(int ch __attribute__((__unused__)), const char *arg)
{
	const char	*errstr;

	if (duration_seconds(arg, &unlock_seconds, &errstr) == -1)
		errx(EXIT_TROUBLE, "--for %s: %s", arg, errstr);
}

/*
 * A new passphrase: the next line of --passphrase-fd, or asked twice on
 * the terminal, the two the same.
 */
static void
new_passphrase(struct passphrase *pp)
{
	struct passphrase	 again;

	if (passfd_option != -1) {
		get_passphrase(NULL, pp);
		return;
	}
	if (passphrase_tty("New passphrase: ", pp) == -1 ||
	    passphrase_tty("The same again: ", &again) == -1) {
		if (errno == ENOTTY)
			errx(EXIT_TROUBLE, "no terminal to ask a new "
			    "passphrase on: give it with --passphrase-fd");
		err(EXIT_TROUBLE, "reading the passphrase");
	}
	if (pp->len != again.len || memcmp(pp->s, again.s, pp->len) != 0) {
		passphrase_free(pp);
		passphrase_free(&again);
		errx(EXIT_TROUBLE, "the two passphrases differ; nothing was "
		    "written");
	}
	passphrase_free(&again);
}

/*
 * key init: make the key file, with a new passphrase; a journal not there
 * yet, or empty, is sealed from its first entry on.
 */
static void
key_init(const char *keypath)
{
	struct passphrase	 pp;
	struct stat		 st;

	if (access(keypath, F_OK) == 0)
		errx(EXIT_TROUBLE, "%s: a key file is there already; journal "
		    "key passwd changes its passphrase", keypath);
	new_passphrase(&pp);
	if (keyfile_create(keypath, pp.s, pp.len, key_cost) == -1) {
		passphrase_free(&pp);
		err(EXIT_TROUBLE, "%s", keypath);
	}
	passphrase_free(&pp);
	fprintf(stderr, "%s: made %s; keep its passphrase safe: without it, "
	    "nothing sealed can be read\n", getprogname(), keypath);
	if (stat(journal_path, &st) == 0 &&
	    st.st_size > (off_t)sizeof(JOURNAL_MAGIC) &&
	    !journal_sealed(journal_path))
		fprintf(stderr, "%s: %s holds plain entries: journal encrypt "
		    "seals them\n", getprogname(), journal_path);
}

/* key passwd: a new passphrase for the same keys, the journal unread. */
static void
key_passwd(const char *keypath)
{
	struct passphrase	 old, new;

	ask_passphrase(journal_path, &old);
	new_passphrase(&new);
	if (keyfile_passwd(keypath, old.s, old.len, new.s, new.len,
	    key_cost) == -1) {
		passphrase_free(&old);
		passphrase_free(&new);
		key_failed(keypath, NULL);
	}
	passphrase_free(&old);
	passphrase_free(&new);
	fprintf(stderr, "%s: %s has a new passphrase\n", getprogname(),
	    keypath);
}

/*
 * key rotate: a new key pair, to which new records are sealed; the old
 * ones stay, to open older records.  Keys kept by unlock are forgotten.
 */
static void
key_rotate(const char *keypath)
{
	struct passphrase	 pp;
	struct jkeys		 keys;

	read_keys(keypath, &keys);
	ask_passphrase(journal_path, &pp);
	if (keyfile_rotate(keypath, pp.s, pp.len) == -1) {
		passphrase_free(&pp);
		key_failed(keypath, &keys);
	}
	passphrase_free(&pp);
	keyring_forget(&keys);
	keys_free(&keys);
	fprintf(stderr, "%s: %s has a new key, to which new entries are "
	    "sealed\n", getprogname(), keypath);
}

/*
 * journal key init | passwd | rotate: each changes the key file with the
 * journal's lock held, made with the journal's directory if need be.
 */
int
cmd_key(int argc, char **argv)
{
	static const struct {
		const char		*verb;
		const struct option	*opts;
		void			(*option)(int, const char *);
		void			(*run)(const char *);
	} verbs[] = {
		{ "init",	cost_opts,	cost_option,	key_init },
		{ "passwd",	cost_opts,	cost_option,	key_passwd },
		{ "rotate",	file_opts,	NULL,		key_rotate },
	};
	const size_t	 nverbs = sizeof(verbs) / sizeof(verbs[0]);
	char		*keypath;
	size_t		 i;
	int		 lfd;

	if (argc < 2)
		usage();
	for (i = 0; i < nverbs; i++)
		if (strcmp(argv[1], verbs[i].verb) == 0)
			break;
	if (i == nverbs)
		usage();
	argv[1] = argv[0];
	file_only(argc - 1, argv + 1, 0, verbs[i].opts, verbs[i].option);
	if (file_make_dirs(journal_path) == -1 ||
	    (lfd = journal_lock(journal_path)) == -1)
		write_failed(journal_path, "this journal", "write to");
	keypath = keyfile_path(journal_path);
	verbs[i].run(keypath);
	free(keypath);
	close(lfd);
	return 0;
}

/* journal encrypt: seal a plain journal, with no passphrase. */
int
cmd_encrypt(int argc, char **argv)
{
	struct jkeys	 keys;
	char		*keypath;

	file_only(argc, argv, 0, file_opts, NULL);
	keypath = keyfile_path(journal_path);
	memset(&keys, 0, sizeof(keys));
	if (keyfile_read(keypath, &keys) == -1) {
		if (errno == ENOENT)
			errx(EXIT_TROUBLE, "%s: no key file; journal key init "
			    "makes one", keypath);
		key_failed(keypath, &keys);
	}
	if (journal_encrypt(journal_path, keys_writer(&keys)) == -1) {
		if (errno == EALREADY)
			errx(EXIT_TROUBLE, "%s: sealed already", journal_path);
		write_failed(journal_path, "journal encrypt", "seal");
	}
	keys_free(&keys);
	free(keypath);
	fprintf(stderr, "%s: %s is sealed; writing to it needs no "
	    "passphrase, reading it does\n", getprogname(), journal_path);
	return 0;
}

/* journal decrypt: the sealed journal made plain again. */
int
cmd_decrypt(int argc, char **argv)
{
	struct jkeys	 keys;

	file_only(argc, argv, 0, file_opts, NULL);
	if (!journal_sealed(journal_path)) {
		if (access(journal_path, F_OK) == -1)
			err(EXIT_TROUBLE, "%s", journal_path);
		errx(EXIT_TROUBLE, "%s: not sealed", journal_path);
	}
	unlock_keys(journal_path, &keys);
	if (journal_decrypt(journal_path, &keys, report_problem, NULL) ==
	    -1) {
		if (errno == EBADMSG)
			errx(EXIT_TROUBLE, "%s: records above do not open; "
			    "nothing was changed", journal_path);
		write_failed(journal_path, "journal decrypt", "rewrite");
	}
	keys_free(&keys);
	fprintf(stderr, "%s: %s is plain text again; its key file is kept, "
	    "for copies still sealed\n", getprogname(), journal_path);
	return 0;
}

/*
 * journal unlock: keep the keys, unlocked with the passphrase, in the
 * kernel's keyring of this login, so that the next commands do not ask.
 */
int
cmd_unlock(int argc, char **argv)
{
	struct jkeys	 keys;

	file_only(argc, argv, 0, for_opts, for_option);
	ask_keys(journal_path, &keys);
	if (keyring_store(&keys, unlock_seconds) == -1) {
		if (errno == ENOSYS)
			errx(EXIT_TROUBLE, "no kernel keyring here to keep "
			    "the keys in: each command asks the passphrase");
		err(EXIT_TROUBLE, "the kernel keyring");
	}
	keys_free(&keys);
	return 0;
}

/* journal lock: forget the keys that unlock kept. */
int
cmd_lock(int argc, char **argv)
{
	struct jkeys	 keys;
	char		*keypath;

	file_only(argc, argv, 0, file_opts, NULL);
	keypath = keyfile_path(journal_path);
	read_keys(keypath, &keys);
	if (keyring_forget(&keys) == -1 && errno != ENOKEY &&
	    errno != ENOSYS)
		err(EXIT_TROUBLE, "the kernel keyring");
	keys_free(&keys);
	free(keypath);
	return 0;
}
