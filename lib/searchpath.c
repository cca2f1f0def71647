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
 * searchpath.c: where collections are found.  A search path is the
 * entries of a variable such as TIP_PATH, then the user's collection in
 * the XDG data directory, then the installed one, each in the user's
 * language where it has one.  Its categories are the record files of its
 * directories and its file entries, or, for prompts, the subdirectories
 * of its directories.  The XDG base directories are found here too, for
 * the journal and the prompt history as well as for collections.
 */

#include "config.h"

#include <sys/stat.h>

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "rapport.h"

static bool	 language_dir(const char *, size_t);
static char	*localized(const char *);
static int	 cmp_recfile(const void *, const void *);
static int	 cmp_str(const void *, const void *);
static void	 append(struct recfile **, size_t *, size_t *,
		    const struct recfile *);
static void	 push_entry(struct searchpath *, char *);

/*
 * The directory of a kind of user data following the XDG base directory
 * specification: $env if it is an absolute path (a relative one is ignored,
 * as the specification says), else $HOME/fallback, with sub appended.
 * Returns NULL when neither gives an absolute path.
 */
char *
xdg_dir(const char *env, const char *fallback, const char *sub)
{
	const char	*v;
	char		*dir;

	if ((v = getenv(env)) != NULL && v[0] == '/')
		xasprintf(&dir, "%s/%s", v, sub);
	else if ((v = getenv("HOME")) != NULL && v[0] == '/')
		xasprintf(&dir, "%s/%s/%s", v, fallback, sub);
	else
		dir = NULL;
	return dir;
}

static void
push_entry(struct searchpath *sp, char *entry)
{
	sp->entries = xreallocarray(sp->entries, sp->nentries + 1,
	    sizeof(*sp->entries));
	sp->errors = xreallocarray(sp->errors, sp->nentries + 1,
	    sizeof(*sp->errors));
	sp->errors[sp->nentries] = 0;
	sp->indexes = xreallocarray(sp->indexes, sp->nentries + 1,
	    sizeof(*sp->indexes));
	memset(&sp->indexes[sp->nentries], 0, sizeof(*sp->indexes));
	sp->tried = xreallocarray(sp->tried, sp->nentries + 1,
	    sizeof(*sp->tried));
	sp->tried[sp->nentries] = false;
	sp->entries[sp->nentries++] = entry;
}

/*
 * A search path: the colon-separated entries of a variable such as
 * TIP_PATH (files or directories, empty entries skipped), then the user's
 * collection, then the installed one.
 */
void
searchpath_init(struct searchpath *sp, const char *var, const char *user,
    const char *installed)
{
	const char	*p, *colon;

	sp->entries = NULL;
	sp->nentries = 0;
	sp->errors = NULL;
	sp->indexes = NULL;
	sp->tried = NULL;
	for (p = var; p != NULL && *p != '\0'; p = colon + 1) {
		if ((colon = strchr(p, ':')) == NULL)
			colon = p + strlen(p);
		if (colon > p)
			push_entry(sp, xstrndup(p, (size_t)(colon - p)));
		if (*colon == '\0')
			break;
	}
	if (user != NULL)
		push_entry(sp, localized(user));
	if (installed != NULL)
		push_entry(sp, localized(installed));
}

void
searchpath_free(struct searchpath *sp)
{
	size_t	 i;

	for (i = 0; i < sp->nentries; i++) {
		free(sp->entries[i]);
		colindex_close(&sp->indexes[i]);
	}
	free(sp->entries);
	free(sp->errors);
	free(sp->indexes);
	free(sp->tried);
	sp->entries = NULL;
	sp->nentries = 0;
	sp->errors = NULL;
	sp->indexes = NULL;
	sp->tried = NULL;
}

/*
 * The index of directory entry i of a search path (colindex.c), opened
 * the first time it is asked for, or NULL where it has none that can be
 * used.
 */
const struct colindex *
searchpath_index(const struct searchpath *sp, size_t i)
{
	if (!sp->tried[i]) {
		sp->tried[i] = true;
		colindex_open(&sp->indexes[i], sp->entries[i]);
	}
	return sp->indexes[i].base != NULL ? &sp->indexes[i] : NULL;
}

/*
 * Whether a name is that of a language directory, as de or pt_BR, which
 * holds a collection in that language and is no category of its own.
 */
static bool
language_dir(const char *name, size_t len)
{
	return (len == 2 || (len == 5 && name[2] == '_' &&
	    isupper((unsigned char)name[3]) &&
	    isupper((unsigned char)name[4]))) &&
	    islower((unsigned char)name[0]) && islower((unsigned char)name[1]);
}

/*
 * The collection directory dir in the user's language, where it has one:
 * dir/ll_CC or dir/ll, after the first of LANGUAGE (a list, a colon
 * apart), LC_ALL, LC_MESSAGES and LANG that is set and not empty, as
 * gettext looks; else dir itself.  Allocated.
 */
static char *
localized(const char *dir)
{
	static const char *const vars[] = {
	    "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"
	};
	struct stat	 st;
	const char	*v = NULL, *p;
	char		 lang[16], *path;
	size_t		 i, n, cut;

	for (i = 0; i < sizeof(vars) / sizeof(vars[0]); i++)
		if ((v = getenv(vars[i])) != NULL && *v != '\0')
			break;
	for (p = v; p != NULL && *p != '\0'; p += n + (p[n] == ':')) {
		n = strcspn(p, ":");
		/* ll_CC.codeset@modifier: try ll_CC, then ll. */
		cut = strcspn(p, ":.@");
		if (cut > n)
			cut = n;
		if (cut != 2 && cut != 5)
			continue;
		memcpy(lang, p, cut);
		lang[cut] = '\0';
		for (;;) {
			lang[cut] = '\0';
			if (language_dir(lang, cut)) {
				path = path_join(dir, lang);
				if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
					return path;
				free(path);
			}
			if (cut != 5)
				break;
			cut = 2;
		}
	}
	return xstrdup(dir);
}

/*
 * Names in a collection directory that are not collections: hidden files,
 * editor backups, indexes, and the suffixes fortune(6) skips, including
 * Debian's NAME.u8 links to NAME.
 */
bool
collection_skip(const char *name)
{
	static const char *const suffixes[] = {
	    ".dat", ".pos", ".u8", ".c", ".h", ".p", ".i", ".f", ".pas",
	    ".ftn", ".ins.c", ".ins.pas", ".ins.ftn", ".sml", ".orig",
	    ".rej", ".swp", ".bak", ".tmp"
	};
	size_t	 i, len, slen;

	len = strlen(name);
	if (len == 0 || name[0] == '.' || name[len - 1] == '~' ||
	    language_dir(name, len))
		return true;
	/* Every suffix begins with a dot; most names hold none. */
	if (memchr(name, '.', len) == NULL)
		return false;
	for (i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++) {
		slen = strlen(suffixes[i]);
		if (len > slen && strcmp(name + len - slen, suffixes[i]) == 0)
			return true;
	}
	return false;
}

static int
cmp_recfile(const void *a, const void *b)
{
	const struct recfile	*ra = a, *rb = b;

	return strcmp(ra->name, rb->name);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
append(struct recfile **files, size_t *n, size_t *cap,
    const struct recfile *rf)
{
	/* Room for a category's few depths at first: every page counts. */
	if (*n == *cap) {
		*cap = *cap == 0 ? 4 : *cap * 2;
		*files = xreallocarray(*files, *cap, sizeof(**files));
	}
	(*files)[(*n)++] = *rf;
}

/*
 * The record files of a collection directory, sorted by name in byte order
 * so that a seeded or daily pick is the same on every machine.
 * Subdirectories and anything but regular files are left out.
 */
int
collection_list(const char *dir, struct recfile **filesp, size_t *np)
{
	struct recfile	 rf, *files = NULL;
	struct dirent	*de;
	struct stat	 st;
	DIR		*dp;
	char		*path;
	size_t		 n = 0, cap = 0;

	if ((dp = opendir(dir)) == NULL)
		return -1;
	while ((de = readdir(dp)) != NULL) {
		if (collection_skip(de->d_name))
			continue;
		path = path_join(dir, de->d_name);
		/* The type from readdir saves a stat for most entries. */
		if (de->d_type == DT_REG || ((de->d_type == DT_UNKNOWN ||
		    de->d_type == DT_LNK) && stat(path, &st) == 0 &&
		    S_ISREG(st.st_mode))) {
			recfile_init(&rf, de->d_name, path);
			rf.regular = true;
			append(&files, &n, &cap, &rf);
		}
		free(path);
	}
	closedir(dp);
	if (n > 1)
		qsort(files, n, sizeof(*files), cmp_recfile);
	*filesp = files;
	*np = n;
	return 0;
}

/*
 * Find a category by name: the first search path entry that is a directory
 * holding a file or directory of that name, or that is itself a file of
 * that name.  Returns an allocated path, or NULL.
 */
char *
searchpath_find(const struct searchpath *sp, const char *name)
{
	size_t	 entry;

	return searchpath_find_entry(sp, name, &entry);
}

/*
 * searchpath_find(), telling in *entryp the number of the directory entry
 * the category was found in, or SIZE_MAX for an entry that is the file.
 */
char *
searchpath_find_entry(const struct searchpath *sp, const char *name,
    size_t *entryp)
{
	struct stat	 st;
	const char	*base;
	char		*path;
	size_t		 i;

	for (i = 0; i < sp->nentries; i++) {
		if (stat(sp->entries[i], &st) == -1)
			continue;
		if (S_ISDIR(st.st_mode)) {
			path = path_join(sp->entries[i], name);
			if (stat(path, &st) == 0 &&
			    (S_ISREG(st.st_mode) || S_ISDIR(st.st_mode))) {
				*entryp = i;
				return path;
			}
			free(path);
		} else {
			base = strrchr(sp->entries[i], '/');
			base = base == NULL ? sp->entries[i] : base + 1;
			if (strcmp(base, name) == 0) {
				*entryp = SIZE_MAX;
				return xstrdup(sp->entries[i]);
			}
		}
	}
	return NULL;
}

/*
 * Every category of a search path: the files of its directories and its
 * file entries.  A name found twice is taken from the earlier entry, so a
 * user's file replaces an installed file of the same name.  A missing
 * entry is skipped; an entry that exists but cannot be listed is returned
 * as a category with its error set, for the caller to report: nothing
 * else can fail, since allocation failure exits.
 */
void
searchpath_categories(const struct searchpath *sp, struct recfile **filesp,
    size_t *np)
{
	const struct colindex *ix;
	struct recfile	 rf, *files = NULL, *dir;
	struct stat	 st;
	const char	*base;
	size_t		 n = 0, cap = 0, ndir, i, j, k;
	bool		 dup;

	for (i = 0; i < sp->nentries; i++) {
		if (stat(sp->entries[i], &st) == -1) {
			if (errno == ENOENT || errno == ENOTDIR ||
			    errno == ENAMETOOLONG)
				continue;
			recfile_init(&rf, sp->entries[i], sp->entries[i]);
			rf.error = errno;
			append(&files, &n, &cap, &rf);
			continue;
		}
		if (!S_ISDIR(st.st_mode)) {
			base = strrchr(sp->entries[i], '/');
			base = base == NULL ? sp->entries[i] : base + 1;
			recfile_init(&rf, base, sp->entries[i]);
			rf.regular = S_ISREG(st.st_mode);
			dir = &rf;
			ndir = 1;
		} else if (collection_list(sp->entries[i], &dir, &ndir) == -1) {
			recfile_init(&rf, sp->entries[i], sp->entries[i]);
			rf.error = errno;
			append(&files, &n, &cap, &rf);
			continue;
		} else if ((ix = searchpath_index(sp, i)) != NULL)
			colindex_attach(ix, 0, dir, ndir);
		for (j = 0; j < ndir; j++) {
			dup = false;
			for (k = 0; k < n && !dup; k++)
				dup = files[k].error == 0 &&
				    strcmp(files[k].name, dir[j].name) == 0;
			if (dup)
				recfile_free(&dir[j]);
			else
				append(&files, &n, &cap, &dir[j]);
		}
		if (dir != &rf)
			free(dir);
	}
	*filesp = files;
	*np = n;
}

/*
 * The subdirectories of a collection directory that may be categories,
 * sorted by name in byte order.
 */
int
collection_subdirs(const char *dir, char ***namesp, size_t *np)
{
	struct dirent	*de;
	struct stat	 st;
	DIR		*dp;
	char		**names = NULL, *path;
	size_t		 n = 0;

	if ((dp = opendir(dir)) == NULL)
		return -1;
	while ((de = readdir(dp)) != NULL) {
		if (collection_skip(de->d_name))
			continue;
		/* The type from readdir saves most stats. */
		if (de->d_type != DT_DIR) {
			if (de->d_type != DT_UNKNOWN && de->d_type != DT_LNK)
				continue;
			path = path_join(dir, de->d_name);
			if (stat(path, &st) == -1 || !S_ISDIR(st.st_mode)) {
				free(path);
				continue;
			}
			free(path);
		}
		names = xreallocarray(names, n + 1, sizeof(*names));
		names[n++] = xstrdup(de->d_name);
	}
	closedir(dp);
	if (n > 1)
		qsort(names, n, sizeof(*names), cmp_str);
	*namesp = names;
	*np = n;
	return 0;
}

/*
 * The collections of a search path whose categories are directories, as
 * for prompts: the subdirectories of its directory entries, sorted by name
 * within each entry, a name found twice taken from the earlier entry, and
 * where entriesp is not NULL, the entry each came from.  The errno of an
 * entry that exists but cannot be read goes in sp->errors.
 */
void
searchpath_subdirs(const struct searchpath *sp, char ***namesp, char ***pathsp,
    size_t **entriesp, size_t *np)
{
	char		**names = NULL, **paths = NULL, **sub;
	size_t		*entries = NULL, n = 0, nsub, first, i, j, k;
	bool		 dup;

	for (i = 0; i < sp->nentries; i++) {
		/* What is there but cannot be read is kept, to be reported. */
		if (collection_subdirs(sp->entries[i], &sub, &nsub) == -1) {
			if (errno != ENOENT && errno != ENOTDIR &&
			    errno != ENAMETOOLONG)
				sp->errors[i] = errno;
			continue;
		}
		first = n;
		for (j = 0; j < nsub; j++) {
			dup = false;
			for (k = 0; k < first && !dup; k++)
				dup = strcmp(names[k], sub[j]) == 0;
			if (dup) {
				free(sub[j]);
				continue;
			}
			names = xreallocarray(names, n + 1, sizeof(*names));
			paths = xreallocarray(paths, n + 1, sizeof(*paths));
			if (entriesp != NULL) {
				entries = xreallocarray(entries, n + 1,
				    sizeof(*entries));
				entries[n] = i;
			}
			paths[n] = path_join(sp->entries[i], sub[j]);
			names[n++] = sub[j];
		}
		free(sub);
	}
	*namesp = names;
	*pathsp = paths;
	if (entriesp != NULL)
		*entriesp = entries;
	*np = n;
}
