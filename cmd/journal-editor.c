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
 * journal's editor: which editor to run, the private directory and file
 * it edits, the comment lines of its template and what comes back, and
 * the checks of a text before it is written.
 */

#include "config.h"

#include <sys/vfs.h>
#include <sys/wait.h>

#include <linux/magic.h>

#include <ctype.h>
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "rapport.h"
#include "common.h"
#include "journal.h"

static void	 cleanup_edit(void);
static char	*sealed_edit_dir(void);
static void	 on_signal(int);
static bool	 in_path(const char *);
static const char *which_editor(void);

static char	*edit_dir;		/* the editor's private directory */
char		*edit_file;		/* the file in it that it edits */
bool		 edit_kept;		/* both outlive us, with its text */

char *
read_stream(FILE *fp, size_t *lenp)
{
	char	*buf = NULL;
	size_t	 cap = 0, len = 0, n;

	for (;;) {
		if (len == cap) {
			cap = cap == 0 ? 4096 : cap * 2;
			buf = xreallocarray(buf, cap, 1);
		}
		n = fread(buf + len, 1, cap - len, fp);
		len += n;
		if (n == 0) {
			if (ferror(fp))
				err(EXIT_TROUBLE, "stdin");
			break;
		}
	}
	*lenp = len;
	return buf;
}


static void
cleanup_edit(void)
{
	if (edit_kept)
		return;
	if (edit_file != NULL)
		unlink(edit_file);
	if (edit_dir != NULL)
		rmdir(edit_dir);
}


/* A signal while the editor's file exists: remove it, then die of it. */
static void
on_signal(int sig)
{
	cleanup_edit();
	signal(sig, SIG_DFL);
	raise(sig);
}



/*
 * The start of the template's lines: %%#, with as many more # as it takes
 * for no line of the text to start with it, so that every line of the
 * text comes back from the editor as it went in, whatever it holds.  With
 * = for #, the lines that part the entries edited together.
 */
char *
comment_marker(const char *text, size_t len, int mark)
{
	const char	*p, *end, *nl;
	char		*marker;
	size_t		 n, most = 0;

	/* No text, as for a new entry, may be NULL. */
	end = len > 0 ? text + len : text;
	for (p = text; p < end; p = nl + 1) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		if (nl - p < 3 || p[0] != '%' || p[1] != '%')
			continue;
		for (n = 0; p + 2 + n < nl && p[2 + n] == mark; n++)
			;
		if (n > most)
			most = n;
	}
	marker = xmalloc(most + 4);
	memcpy(marker, "%%", 2);
	memset(marker + 2, mark, most + 1);
	marker[most + 3] = '\0';
	return marker;
}


/*
 * Whether the len bytes at p start with the comment_marker of length
 * mlen: %% and mlen - 2 of mark.
 */
bool
marked(const char *p, size_t len, size_t mlen, int mark)
{
	size_t	 i;

	if (len < mlen || p[0] != '%' || p[1] != '%')
		return false;
	for (i = 2; i < mlen; i++)
		if (p[i] != mark)
			return false;
	return true;
}


/* Whether PATH holds an executable named name. */
static bool
in_path(const char *name)
{
	const char	*path, *p, *end;
	char		*file;
	bool		 found = false;

	if ((path = getenv("PATH")) == NULL)
		return false;
	for (p = path; !found; p = end + 1) {
		end = strchr(p, ':');
		if (end == NULL)
			end = p + strlen(p);
		/* An empty entry of PATH is the current directory. */
		xasprintf(&file, "%.*s/%s", end == p ? 1 : (int)(end - p),
		    end == p ? "." : p, name);
		found = access(file, X_OK) == 0;
		free(file);
		if (*end == '\0')
			break;
	}
	return found;
}


/*
 * The editor: $VISUAL, $EDITOR, the configuration's, or else the first of
 * Debian's sensible-editor, editor and vi found in PATH (a minimal Debian
 * has no vi); exits saying what to set if there is none.
 */
static const char *
which_editor(void)
{
	static const char *const fallbacks[] = {
		"sensible-editor", "editor", "vi"
	};
	const char	*editor;
	size_t		 i;

	if ((editor = getenv("VISUAL")) != NULL && *editor != '\0')
		return editor;
	if ((editor = getenv("EDITOR")) != NULL && *editor != '\0')
		return editor;
	if ((editor = config_get(&config, "journal", "editor")) != NULL)
		return editor;
	for (i = 0; i < sizeof(fallbacks) / sizeof(fallbacks[0]); i++)
		if (in_path(fallbacks[i]))
			return fallbacks[i];
	errx(EXIT_TROUBLE, "no editor: none of sensible-editor, editor and vi "
	    "is in PATH; set VISUAL or EDITOR, or editor in rapport-config(5); "
	    "nothing was written");
}


/*
 * Where the editor's file of a sealed journal goes: a file system in
 * memory, never the disk, so that no plain text is left there by a crash.
 * That is XDG_RUNTIME_DIR, a private directory of the login on tmpfs, or
 * else /dev/shm; with neither, the editor is refused.
 */
static char *
sealed_edit_dir(void)
{
	struct statfs	 sfs;
	const char	*dir;

	dir = getenv("XDG_RUNTIME_DIR");
	if (dir == NULL || dir[0] != '/')
		dir = "/dev/shm";
	if (statfs(dir, &sfs) == -1 || (sfs.f_type != TMPFS_MAGIC &&
	    sfs.f_type != RAMFS_MAGIC))
		errx(EXIT_TROUBLE, "%s: not a file system in memory; the "
		    "journal is sealed, and its text is not written to disk "
		    "for the editor: set XDG_RUNTIME_DIR to one (as a login "
		    "does), or write with journal add", dir);
	return xstrdup(dir);
}

/*
 * Let the user write in $VISUAL or $EDITOR, run by the shell as git does,
 * on initial and then the template, a format given the comment_marker
 * that starts each of its lines.  The file is private, in a
 * private directory beside the journal (for a sealed journal, in memory:
 * sealed_edit_dir), and removed on every way out.
 * With from_tty, the editor's input is the terminal even when stdin was a
 * pipe.  Returns the text with the template's lines left out (those
 * marked with comment_marker), or NULL if the editor failed.
 */
char *
run_editor(const char *initial, size_t ilen, bool from_tty,
    const char *template, size_t *lenp)
{
	struct sigaction sa;
	const char	*editor;
	char		*dir, *slash, *cmd, *text, *out, *nl, *p, *marker;
	size_t		 len, n, mlen;
	pid_t		 pid;
	FILE		*fp;
	int		 fd, status, tty;

	editor = which_editor();
	if (journal_sealed(journal_path))
		dir = sealed_edit_dir();
	else {
		dir = xstrdup(journal_path);
		if ((slash = strrchr(dir, '/')) != NULL)
			*slash = '\0';
		if (slash == NULL) {
			free(dir);
			dir = xstrdup(".");
		}
		if (file_make_dirs(journal_path) == -1)
			err(EXIT_TROUBLE, "%s", dir);
	}
	xasprintf(&edit_dir, "%s/.journal-edit.XXXXXX", dir);
	free(dir);
	if (mkdtemp(edit_dir) == NULL)
		err(EXIT_TROUBLE, "%s", edit_dir);
	xasprintf(&edit_file, "%s/entry.txt", edit_dir);
	atexit(cleanup_edit);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	if ((fd = open(edit_file, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
	    0600)) == -1 || (fp = fdopen(fd, "w")) == NULL)
		err(EXIT_TROUBLE, "%s", edit_file);
	if (ilen > 0) {
		fwrite(initial, 1, ilen, fp);
		if (initial[ilen - 1] != '\n')
			putc('\n', fp);
		putc('\n', fp);
	}
	/* Only its length is kept: no way out of the editor leaks it. */
	marker = comment_marker(initial, ilen, '#');
	mlen = strlen(marker);
	fprintf(fp, template, marker);
	free(marker);
	if (fclose(fp) == EOF)
		err(EXIT_TROUBLE, "%s", edit_file);

	xasprintf(&cmd, "%s \"$@\"", editor);
	switch (pid = fork()) {
	case -1:
		err(EXIT_TROUBLE, "fork");
	case 0:
		/* The editor reads the terminal even when we read a pipe. */
		if (from_tty && !isatty(STDIN_FILENO)) {
			if ((tty = open("/dev/tty", O_RDWR)) == -1) {
				warn("no terminal for the editor: /dev/tty");
				_exit(127);
			}
			dup2(tty, STDIN_FILENO);
			close(tty);
		}
		execl("/bin/sh", "sh", "-c", cmd, editor, edit_file,
		    (char *)NULL);
		warn("/bin/sh");
		_exit(127);
	}
	signal(SIGINT, SIG_IGN);
	signal(SIGQUIT, SIG_IGN);
	while (waitpid(pid, &status, 0) == -1)
		if (errno != EINTR)
			err(EXIT_TROUBLE, "waitpid");
	sigaction(SIGINT, &sa, NULL);
	signal(SIGQUIT, SIG_DFL);
	free(cmd);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		warnx("the editor (%s) failed; nothing was written", editor);
		return NULL;
	}
	if (file_read(edit_file, &text, &len) == -1)
		err(EXIT_TROUBLE, "%s", edit_file);
	out = xmalloc(len + 1);
	for (p = text, n = 0; p < text + len; p = nl + 1) {
		if ((nl = memchr(p, '\n', (size_t)(text + len - p))) == NULL)
			nl = text + len - 1;
		if (marked(p, (size_t)(text + len - p), mlen, '#'))
			continue;
		memcpy(out + n, p, (size_t)(nl - p) + 1);
		n += (size_t)(nl - p) + 1;
	}
	free(text);
	/* The blank line the template put after the initial text. */
	if (ilen > 0 && n >= 2 && out[n - 1] == '\n' && out[n - 2] == '\n')
		n--;
	*lenp = n;
	return out;
}


/* A journal holds UTF-8 text: say where the text is not, and stop. */
void
check_text(const char *s, size_t n)
{
	uint32_t	 cp;
	size_t		 i, k, line = 1;

	for (i = 0; i < n; i += k) {
		if (s[i] == '\n')
			line++;
		if (s[i] == '\0')
			errx(EXIT_TROUBLE, "line %zu of the text holds a NUL "
			    "byte; nothing was written", line);
		if ((k = utf8_decode(s + i, n - i, &cp)) == 0)
			errx(EXIT_TROUBLE, "line %zu of the text is not valid "
			    "UTF-8; nothing was written", line);
	}
}


bool
blank(const char *s, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r')
			return false;
	return true;
}
