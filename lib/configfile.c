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
 * configfile.c: the user's configuration file, rapport-config(5): key =
 * value lines in [tip], [prompt], [journal] and [score] sections.  Every
 * key is checked against the table below when the file is read, by every
 * command, so that a mistyped key or a bad value is never silently
 * ignored: in the calling command's own section it is an error naming the
 * file and the line, and in another command's section a warning, so that
 * a typo in [tip] does not stop journal.  Not config.c, which would read
 * as autoconf's config.h.
 */

#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rapport.h"

enum kind { K_WORD, K_NUMBER, K_TEXT, K_PATH, K_NAMES, K_DEPTH };

struct known {
	const char	*section;
	const char	*key;
	enum kind	 kind;
	const char	*words;		/* K_WORD: the values allowed */
	int		 min;		/* K_NUMBER */
	int		 max;
	const char	*env;		/* the variables that win over it */
};

/*
 * The environment wins over the file, always: a key whose variable is set
 * and not empty is not taken from the file, NO_COLOR as JOURNAL_FILE.
 */
static const struct known known[] = {
	{ "journal",	"editor",	K_TEXT,		NULL, 0, 0,
	    "VISUAL EDITOR" },
	{ "journal",	"file",		K_PATH,		NULL, 0, 0,
	    "JOURNAL_FILE" },
	{ "journal",	"inline-tags",	K_WORD,		"yes no", 0, 0, NULL },
	{ "journal",	"pager",	K_WORD,		"yes no", 0, 0, NULL },
	{ "journal",	"passcmd",	K_TEXT,		NULL, 0, 0,
	    "JOURNAL_PASSCMD" },
	{ "journal",	"template",	K_TEXT,		NULL, 0, 0, NULL },
	{ "journal",	"week-start",	K_WORD,		"monday sunday", 0, 0,
	    NULL },
	{ "prompt",	"depth",	K_DEPTH,	NULL, 0, 0, NULL },
	{ "prompt",	"exclude",	K_NAMES,	NULL, 0, 0, NULL },
	{ "prompt",	"for",		K_WORD,		"partner friend family",
	    0, 0, NULL },
	{ "prompt",	"history",	K_WORD,		"yes no", 0, 0, NULL },
	{ "prompt",	"seed",		K_TEXT,		NULL, 0, 0, NULL },
	{ "score",	"color",	K_WORD,		"auto always never",
	    0, 0, "NO_COLOR" },
	{ "score",	"week-start",	K_WORD,		"monday sunday", 0, 0,
	    NULL },
	{ "score",	"weeks",	K_NUMBER,	NULL, 1, 520, NULL },
	{ "tip",	"exclude",	K_NAMES,	NULL, 0, 0, NULL },
	{ "tip",	"for",		K_WORD,		"partner friend family",
	    0, 0, NULL },
	{ "tip",	"length",	K_NUMBER,	NULL, 1, 10000, NULL },
	{ "tip",	"seed",		K_TEXT,		NULL, 0, 0, NULL },
};

#define NKNOWN	(sizeof(known) / sizeof(known[0]))

static char	*trim(char *);
static int	 check_value(const struct known *, char *, char *, size_t);
static bool	 word_in(const char *, const char *);
static bool	 env_set(const char *);

static char *
trim(char *s)
{
	size_t	 n;

	s += strspn(s, " \t");
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		s[--n] = '\0';
	return s;
}

/* Whether w is one of the words of a list of words a space apart. */
static bool
word_in(const char *w, const char *list)
{
	size_t	 n = strlen(w);
	const char *p;

	for (p = list; *p != '\0'; p += strcspn(p, " "), p += *p == ' ')
		if (strncmp(p, w, n) == 0 && (p[n] == ' ' || p[n] == '\0'))
			return true;
	return false;
}

/* Whether one of a list of variables a space apart is set, not empty. */
static bool
env_set(const char *list)
{
	char		 name[32];
	const char	*p, *v;
	size_t		 n;

	for (p = list; p != NULL && *p != '\0'; p += n, p += *p == ' ') {
		n = strcspn(p, " ");
		if (n >= sizeof(name))
			continue;
		memcpy(name, p, n);
		name[n] = '\0';
		if ((v = getenv(name)) != NULL && *v != '\0')
			return true;
	}
	return false;
}

/* Check a value; a word is taken in either case, and kept in lower case. */
static int
check_value(const struct known *k, char *v, char *msg, size_t len)
{
	const char	*errstr;
	int		 lo, hi;
	size_t		 n;
	char		*p;

	switch (k->kind) {
	case K_WORD:
		for (p = v; *p != '\0'; p++)
			*p = (char)tolower((unsigned char)*p);
		if (word_in(v, k->words))
			return 0;
		snprintf(msg, len, "%s = %s: not one of %s", k->key, v,
		    k->words);
		return -1;
	case K_NUMBER:
		strtonum(v, k->min, k->max, &errstr);
		if (errstr == NULL)
			return 0;
		snprintf(msg, len, "%s = %s: not a number from %d to %d",
		    k->key, v, k->min, k->max);
		return -1;
	case K_PATH:
		if (v[0] == '/' || (v[0] == '~' && v[1] == '/'))
			return 0;
		snprintf(msg, len, "%s = %s: not an absolute path (or ~/...)",
		    k->key, v);
		return -1;
	case K_NAMES:
		/* Category names, a comma or blanks apart. */
		n = strspn(v, "abcdefghijklmnopqrstuvwxyz0123456789_-, \t");
		if (n == strlen(v) && strpbrk(v, "abcdefghijklmnopqrstuvwxyz"
		    "0123456789") != NULL)
			return 0;
		snprintf(msg, len, "%s = %s: not category names, a comma "
		    "apart", k->key, v);
		return -1;
	case K_DEPTH:
		if (prompt_parse_depth(v, &lo, &hi) == 0)
			return 0;
		snprintf(msg, len, "%s = %s: not a depth from 1 to 3, or a "
		    "range such as 1-2", k->key, v);
		return -1;
	case K_TEXT:
		break;
	}
	return 0;
}

/*
 * Read a configuration from its text, named for messages, for the command
 * whose section is command.  A problem makes "NAME:LINE: what" in err and
 * -1; but a problem of a line in another command's section only makes the
 * line ignored and c->warning say so, the first such line with how many
 * more.  A NULL command makes every problem an error.
 */
int
config_parse(struct config *c, const char *name, const char *text,
    size_t len, const char *command, char *err, size_t errlen)
{
	const struct known *k;
	const char	*p = text, *end = text + len, *nl;
	char		*line, *s, *eq, *key, *val, section[16] = "";
	char		 msg[ERRBUF_SIZE], first[ERRBUF_SIZE + 64];
	size_t		 lineno = 0, i, n, nother = 0;
	struct config_item *it;

	memset(c, 0, sizeof(*c));
	c->path = xstrdup(name);
	for (; p < end; p = nl + 1) {
		lineno++;
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		n = (size_t)(nl - p);
		if (!utf8_valid(p, n)) {
			snprintf(err, errlen, "%s:%zu: not valid UTF-8",
			    name, lineno);
			goto fail;
		}
		if (memchr(p, '\r', n) != NULL) {
			snprintf(err, errlen, "%s:%zu: a carriage return (save "
			    "the file with Unix line endings)", name, lineno);
			goto fail;
		}
		line = xstrndup(p, n);
		s = trim(line);
		if (*s == '\0' || *s == '#') {
			free(line);
			continue;
		}
		if (*s == '[') {
			n = strlen(s);
			if (n < 3 || s[n - 1] != ']' ||
			    n - 2 >= sizeof(section)) {
				snprintf(err, errlen, "%s:%zu: not a [section] "
				    "line", name, lineno);
				free(line);
				goto fail;
			}
			memcpy(section, s + 1, n - 2);
			section[n - 2] = '\0';
			for (i = 0; i < NKNOWN; i++)
				if (strcmp(known[i].section, section) == 0)
					break;
			if (i == NKNOWN) {
				snprintf(err, errlen, "%s:%zu: [%s]: not a "
				    "section (tip, prompt, journal or score)",
				    name, lineno, section);
				free(line);
				goto fail;
			}
			free(line);
			continue;
		}
		if (section[0] == '\0') {
			if ((eq = strchr(s, '=')) == NULL)
				snprintf(err, errlen, "%s:%zu: not a key = "
				    "value line", name, lineno);
			else {
				*eq = '\0';
				snprintf(err, errlen, "%s:%zu: %s: a key "
				    "outside any [section]", name, lineno,
				    trim(s));
			}
			free(line);
			goto fail;
		}
		k = NULL;
		if ((eq = strchr(s, '=')) == NULL)
			snprintf(msg, sizeof(msg), "not a key = value line");
		else {
			*eq = '\0';
			key = trim(s);
			val = trim(eq + 1);
			for (i = 0; i < NKNOWN; i++)
				if (strcmp(known[i].section, section) == 0 &&
				    strcmp(known[i].key, key) == 0)
					break;
			if (i == NKNOWN)
				snprintf(msg, sizeof(msg), "%s: not a key of "
				    "[%s]", key, section);
			else if (*val == '\0')
				snprintf(msg, sizeof(msg), "%s: the value is "
				    "missing", key);
			else if (check_value(&known[i], val, msg,
			    sizeof(msg)) == 0)
				k = &known[i];
		}
		if (k == NULL) {
			snprintf(err, errlen, "%s:%zu: %s", name, lineno, msg);
			free(line);
			if (command == NULL || strcmp(command, section) == 0)
				goto fail;
			if (nother++ == 0)
				strlcpy(first, err, sizeof(first));
			continue;
		}
		if (env_set(k->env)) {
			free(line);
			continue;
		}
		/* A key given again takes the later value, as in git. */
		for (it = NULL, i = 0; i < c->nitems && it == NULL; i++)
			if (strcmp(c->items[i].section, section) == 0 &&
			    strcmp(c->items[i].key, key) == 0)
				it = &c->items[i];
		if (it == NULL) {
			c->items = xreallocarray(c->items, c->nitems + 1,
			    sizeof(*c->items));
			it = &c->items[c->nitems++];
			strlcpy(it->section, section, sizeof(it->section));
			strlcpy(it->key, key, sizeof(it->key));
		} else
			free(it->value);
		it->value = xstrdup(val);
		it->line = lineno;
		free(line);
	}
	if (nother == 1)
		xasprintf(&c->warning, "%s (ignored by %s)", first, command);
	else if (nother > 1)
		xasprintf(&c->warning, "%s (ignored by %s, with %zu more "
		    "line%s)", first, command, nother - 1,
		    nother == 2 ? "" : "s");
	return 0;
fail:
	config_free(c);
	return -1;
}

/*
 * Read the configuration file: $XDG_CONFIG_HOME/rapport/config, or under
 * ~/.config, for the command whose section is command, as config_parse()
 * does.  A missing file is an empty configuration; one that cannot be
 * read, or holds a problem, is an error in err and -1.
 */
int
config_load(struct config *c, const char *command, char *err, size_t errlen)
{
	char	*path, *buf;
	size_t	 len;
	int	 rv;

	memset(c, 0, sizeof(*c));
	if ((path = xdg_dir("XDG_CONFIG_HOME", ".config",
	    "rapport/config")) == NULL)
		return 0;
	if (file_read(path, &buf, &len) == -1) {
		/* No file, or no directory where it would be: nothing set. */
		if (errno == ENOENT || errno == ENOTDIR ||
		    errno == ENAMETOOLONG) {
			free(path);
			return 0;
		}
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		free(path);
		return -1;
	}
	rv = config_parse(c, path, buf, len, command, err, errlen);
	free(buf);
	free(path);
	return rv;
}

/* The value of a key of a section, or NULL. */
const char *
config_get(const struct config *c, const char *section, const char *key)
{
	size_t	 i;

	for (i = 0; i < c->nitems; i++)
		if (strcmp(c->items[i].section, section) == 0 &&
		    strcmp(c->items[i].key, key) == 0)
			return c->items[i].value;
	return NULL;
}

/* Where a key was set, for messages about its value: "FILE:LINE". */
void
config_where(const struct config *c, const char *section, const char *key,
    char *buf, size_t len)
{
	size_t	 i;

	for (i = 0; i < c->nitems; i++)
		if (strcmp(c->items[i].section, section) == 0 &&
		    strcmp(c->items[i].key, key) == 0) {
			snprintf(buf, len, "%s:%zu", c->path,
			    c->items[i].line);
			return;
		}
	snprintf(buf, len, "%s", c->path == NULL ? "(no file)" : c->path);
}

/*
 * A path value with a leading ~/ made absolute under HOME; NULL when HOME
 * is not an absolute path.
 */
char *
config_path(const char *v)
{
	const char	*home;
	char		*path;

	if (v[0] != '~')
		return xstrdup(v);
	if ((home = getenv("HOME")) == NULL || home[0] != '/')
		return NULL;
	xasprintf(&path, "%s%s", home, v + 1);
	return path;
}

/* The first day of the week of a section: 0 for Sunday, 1 for Monday. */
int
config_week_start(const struct config *c, const char *section)
{
	const char	*v = config_get(c, section, "week-start");

	return v != NULL && strcmp(v, "sunday") == 0 ? 0 : 1;
}

void
config_free(struct config *c)
{
	size_t	 i;

	for (i = 0; i < c->nitems; i++)
		free(c->items[i].value);
	free(c->items);
	free(c->path);
	free(c->warning);
	memset(c, 0, sizeof(*c));
}
