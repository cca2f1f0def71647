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
 * passphrase.c: the passphrase that unlocks a sealed journal, from a file
 * descriptor (--passphrase-fd), a password command, or the terminal;
 * never from argv or the environment.  It lives in libsodium's guarded
 * memory, wiped when freed.  The errno of a failure says what went wrong,
 * for the command to word it:
 *
 *	EINVAL		an empty passphrase, or one with a NUL byte; from a
 *			command, no output at all
 *	EMSGSIZE	longer than PASSPHRASE_MAX bytes
 *	ECANCELED	the password command exited with a status other
 *			than 0, or was killed
 *	ENOTTY		no terminal to ask on
 *	others		from read(2), posix_spawn(3) and the like
 */

#include "config.h"

#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <readpassphrase.h>
#include <signal.h>
#include <sodium.h>
#include <spawn.h>
#include <string.h>
#include <unistd.h>

#include "rapport.h"

/* The passphrase, a CR before its newline, the newline and a NUL. */
#define PASSPHRASE_BUF	(PASSPHRASE_MAX + 3)

extern char	**environ;

static int	 line_alloc(struct passphrase *);
static int	 line_end(struct passphrase *);
static int	 read_line(int, struct passphrase *);
static void	 drain(int);

/* Guarded memory for a passphrase being read. */
static int
line_alloc(struct passphrase *pp)
{
	pp->len = 0;
	if (sodium_init() < 0) {
		errno = EIO;
		return -1;
	}
	if ((pp->s = sodium_malloc(PASSPHRASE_BUF)) == NULL)
		return -1;
	return 0;
}

/*
 * A line read into pp->s, of pp->len bytes without its newline: a
 * trailing CR goes, and one that is empty, holds a NUL or is too long is
 * refused and freed.
 */
static int
line_end(struct passphrase *pp)
{
	if (pp->len > 0 && pp->s[pp->len - 1] == '\r')
		pp->len--;
	pp->s[pp->len] = '\0';
	if (pp->len == 0 || pp->len > PASSPHRASE_MAX ||
	    memchr(pp->s, '\0', pp->len) != NULL) {
		errno = pp->len > PASSPHRASE_MAX ? EMSGSIZE : EINVAL;
		passphrase_free(pp);
		return -1;
	}
	return 0;
}

/*
 * The first line of fd, a byte at a time, so that nothing after it is
 * read from a descriptor that others go on reading.  A line longer than
 * any passphrase is read only as far as that shows.
 */
static int
read_line(int fd, struct passphrase *pp)
{
	ssize_t	 n;
	char	 c;

	if (line_alloc(pp) == -1)
		return -1;
	for (;;) {
		if ((n = read(fd, &c, 1)) == -1) {
			if (errno == EINTR)
				continue;
			passphrase_free(pp);
			return -1;
		}
		if (n == 0 || c == '\n')
			break;
		/* Room for a CR after the longest passphrase. */
		if (pp->len == PASSPHRASE_MAX + 1) {
			pp->len++;
			break;
		}
		pp->s[pp->len++] = c;
	}
	sodium_memzero(&c, sizeof(c));
	return line_end(pp);
}

/*
 * Read a passphrase from a descriptor: its first line, without the
 * newline (or CR and newline) and nothing after it.
 */
int
passphrase_fd(int fd, struct passphrase *pp)
{
	return read_line(fd, pp);
}

/* Read what a command writes after its first line, and wipe it. */
static void
drain(int fd)
{
	char	 buf[256];
	ssize_t	 n;

	while ((n = read(fd, buf, sizeof(buf))) != 0)
		if (n == -1 && errno != EINTR)
			break;
	sodium_memzero(buf, sizeof(buf));
}

/*
 * Run a password command with /bin/sh -c, its standard input and error
 * those of the caller's, and take the first line of its output.  Its
 * output is read to the end, so that it does not die writing more, and
 * it is waited for: a status other than 0 is ECANCELED, whatever it
 * wrote.
 */
int
passphrase_command(const char *cmd, struct passphrase *pp)
{
	posix_spawn_file_actions_t	 fa;
	char				*argv[4];
	pid_t				 pid;
	int				 fds[2], rv, status, saved, err;

	pp->s = NULL;
	pp->len = 0;
	if (pipe2(fds, O_CLOEXEC) == -1)
		return -1;
	argv[0] = "sh";
	argv[1] = "-c";
	argv[2] = (char *)cmd;
	argv[3] = NULL;
	if ((err = posix_spawn_file_actions_init(&fa)) == 0) {
		if ((err = posix_spawn_file_actions_adddup2(&fa, fds[1],
		    STDOUT_FILENO)) == 0)
			err = posix_spawn(&pid, "/bin/sh", &fa, NULL, argv,
			    environ);
		posix_spawn_file_actions_destroy(&fa);
	}
	close(fds[1]);
	if (err != 0) {
		close(fds[0]);
		errno = err;
		return -1;
	}
	rv = read_line(fds[0], pp);
	saved = errno;
	drain(fds[0]);
	close(fds[0]);
	while (waitpid(pid, &status, 0) == -1)
		if (errno != EINTR) {
			passphrase_free(pp);
			return -1;
		}
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		passphrase_free(pp);
		errno = ECANCELED;
		return -1;
	}
	errno = saved;
	return rv;
}

/*
 * Ask for a passphrase on the terminal, without echo: ENOTTY when there
 * is none, never standard input.
 */
int
passphrase_tty(const char *prompt, struct passphrase *pp)
{
	if (line_alloc(pp) == -1)
		return -1;
	if (readpassphrase(prompt, pp->s, PASSPHRASE_BUF, RPP_REQUIRE_TTY) ==
	    NULL) {
		passphrase_free(pp);
		return -1;
	}
	pp->len = strlen(pp->s);
	return line_end(pp);
}

/* Wipe and free a passphrase; pp is left empty, to be freed again. */
void
passphrase_free(struct passphrase *pp)
{
	int	 saved;

	saved = errno;
	if (pp->s != NULL)
		sodium_free(pp->s);
	pp->s = NULL;
	pp->len = 0;
	errno = saved;
}
