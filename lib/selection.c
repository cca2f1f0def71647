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
 * selection.c: choosing a record as fortune(6) does.  A selection is a
 * list of sources, each a category named on the command line (a file, a directory
 * of files or a compiled-in collection) with an optional N% weight, or
 * every category of a search path when none is named.  A pick chooses a
 * source by weight, a file of it by weight, and a record of that file
 * uniformly; filters narrow the records that may be picked, and the
 * chance of each source can be told without picking.
 */

#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "rapport.h"

static struct source *new_source(struct selection *, const char *, int);
static int	 add_path(struct source *, const char *, const char *, char *,
		    size_t);
static uint64_t	 source_count(const struct source *);
static uint64_t	 top_weights(const struct selection *, uint64_t *);
static uint64_t	 child_weights(const struct selection *,
		    const struct source *, uint64_t *);

void
selection_init(struct selection *sel)
{
	memset(sel, 0, sizeof(*sel));
}

void
selection_free(struct selection *sel)
{
	size_t	 i, j;

	for (i = 0; i < sel->nsources; i++) {
		for (j = 0; j < sel->sources[i].nfiles; j++)
			recfile_free(&sel->sources[i].files[j]);
		free(sel->sources[i].files);
		free(sel->sources[i].label);
	}
	free(sel->sources);
	memset(sel, 0, sizeof(*sel));
}

static struct source *
new_source(struct selection *sel, const char *label, int percent)
{
	struct source	*src;

	sel->sources = xreallocarray(sel->sources, sel->nsources + 1,
	    sizeof(*sel->sources));
	src = &sel->sources[sel->nsources++];
	memset(src, 0, sizeof(*src));
	src->label = xstrdup(label);
	src->percent = percent;
	return src;
}

/* Fill a source from a file or a directory of files. */
static int
add_path(struct source *src, const char *path, const char *label,
    char *errbuf, size_t errlen)
{
	struct stat	 st;
	const char	*base;

	if (stat(path, &st) == -1) {
		snprintf(errbuf, errlen, "%s: %s", label, strerror(errno));
		return -1;
	}
	if (S_ISDIR(st.st_mode)) {
		if (collection_list(path, &src->files, &src->nfiles) == -1) {
			snprintf(errbuf, errlen, "%s: %s", label,
			    strerror(errno));
			return -1;
		}
		src->isdir = true;
		return 0;
	}
	if (!S_ISREG(st.st_mode)) {
		snprintf(errbuf, errlen, "%s: not a regular file or directory",
		    label);
		return -1;
	}
	base = strrchr(path, '/');
	base = base == NULL ? path : base + 1;
	src->files = xcalloc(1, sizeof(*src->files));
	recfile_init(&src->files[0], base, path);
	src->files[0].regular = true;
	src->nfiles = 1;
	return 0;
}

/*
 * Add a source named label from a file or a directory of files.
 */
int
selection_add_path(struct selection *sel, const char *label,
    const char *path, int percent, char *errbuf, size_t errlen)
{
	return add_path(new_source(sel, label, percent), path, label, errbuf,
	    errlen);
}

/*
 * Add a compiled-in collection as one source: the entry of that name, or
 * the entries named name/file, as a directory.  Returns the number of
 * entries taken.
 */
size_t
selection_add_builtin(struct selection *sel, const struct builtin *builtins,
    size_t nbuiltins, const char *name, int percent)
{
	struct source	*src = NULL;
	size_t		 i, len, n = 0;

	len = strlen(name);
	for (i = 0; i < nbuiltins; i++) {
		if (strncmp(builtins[i].name, name, len) != 0 ||
		    (builtins[i].name[len] != '\0' &&
		    builtins[i].name[len] != '/'))
			continue;
		if (src == NULL)
			src = new_source(sel, name, percent);
		src->files = xreallocarray(src->files, src->nfiles + 1,
		    sizeof(*src->files));
		recfile_init_mem(&src->files[src->nfiles++], builtins[i].name,
		    builtins[i].text, builtins[i].size);
		if (builtins[i].name[len] == '/')
			src->isdir = true;
		n++;
	}
	return n;
}

/*
 * Drop record rec of a filtered file from the records still to pick, so
 * that several picks are distinct.
 */
void
selection_remove(struct recfile *rf, size_t rec)
{
	size_t	 i;

	for (i = 0; i < rf->neligible; i++)
		if (rf->eligible[i] == rec) {
			rf->eligible[i] = rf->eligible[--rf->neligible];
			return;
		}
}

/*
 * A copy of which records every file still offers, for
 * selection_restore() to put back after a narrower filter.
 */
struct eligible_copy *
selection_save(const struct selection *sel)
{
	struct eligible_copy	*copy;
	const struct recfile	*rf;
	size_t			 i, j, k, n;

	for (i = n = 0; i < sel->nsources; i++)
		n += sel->sources[i].nfiles;
	copy = xcalloc(n + 1, sizeof(*copy));
	for (i = k = 0; i < sel->nsources; i++)
		for (j = 0; j < sel->sources[i].nfiles; j++, k++) {
			rf = &sel->sources[i].files[j];
			if (rf->eligible == NULL)
				continue;
			copy[k].n = rf->neligible;
			copy[k].recs = xreallocarray(NULL, rf->neligible,
			    sizeof(*copy[k].recs));
			memcpy(copy[k].recs, rf->eligible,
			    rf->neligible * sizeof(*copy[k].recs));
		}
	return copy;
}

/* Put back what selection_save() kept, and free it. */
void
selection_restore(struct selection *sel, struct eligible_copy *copy)
{
	struct recfile	*rf;
	size_t		 i, j, k;

	for (i = k = 0; i < sel->nsources; i++)
		for (j = 0; j < sel->sources[i].nfiles; j++, k++) {
			rf = &sel->sources[i].files[j];
			if (copy[k].recs == NULL)
				continue;
			free(rf->eligible);
			rf->eligible = copy[k].recs;
			rf->neligible = copy[k].n;
		}
	free(copy);
}

/*
 * Drop the sources for which drop() is true.
 */
void
selection_drop(struct selection *sel, bool (*drop)(const struct source *,
    void *), void *arg)
{
	size_t	 i, j, n;

	for (i = n = 0; i < sel->nsources; i++) {
		if (drop(&sel->sources[i], arg)) {
			for (j = 0; j < sel->sources[i].nfiles; j++)
				recfile_free(&sel->sources[i].files[j]);
			free(sel->sources[i].files);
			free(sel->sources[i].label);
		} else
			sel->sources[n++] = sel->sources[i];
	}
	sel->nsources = n;
}

/*
 * Add one operand: a path when it holds a slash, else a category looked up
 * in the search path, then among the compiled-in collections.
 */
int
selection_add(struct selection *sel, const struct searchpath *sp,
    const struct builtin *builtins, size_t nbuiltins, const char *operand,
    int percent, char *errbuf, size_t errlen)
{
	const struct colindex *ix;
	struct source	*src;
	char		*path;
	size_t		 entry;
	int		 rv;

	if (strchr(operand, '/') != NULL) {
		src = new_source(sel, operand, percent);
		return add_path(src, operand, operand, errbuf, errlen);
	}
	if (operand[0] != '\0' &&
	    (path = searchpath_find_entry(sp, operand, &entry)) != NULL) {
		src = new_source(sel, operand, percent);
		rv = add_path(src, path, operand, errbuf, errlen);
		free(path);
		/* Its files are read from the index of its directory. */
		if (rv == 0 && entry != SIZE_MAX &&
		    (ix = searchpath_index(sp, entry)) != NULL)
			colindex_attach(ix, src->isdir ?
			    colindex_dir(ix, operand) : 0, src->files,
			    src->nfiles);
		return rv;
	}
	if (selection_add_builtin(sel, builtins, nbuiltins, operand,
	    percent) > 0)
		return 0;
	snprintf(errbuf, errlen, "%s: no such category", operand);
	return -1;
}

/*
 * The selection when no operand is given: every category of the search
 * path, each a source of its own.  When they hold no record at all, as on
 * a machine where no collection is installed, the compiled-in collection
 * is added, so that a tip can always be printed.
 */
void
selection_add_default(struct selection *sel, const struct searchpath *sp,
    const struct builtin *builtins, size_t nbuiltins)
{
	struct recfile	*files;
	struct source	*src;
	uint64_t	 total = 0;
	size_t		 i, n;

	searchpath_categories(sp, &files, &n);
	for (i = 0; i < n; i++) {
		src = new_source(sel, files[i].name, -1);
		src->files = xcalloc(1, sizeof(*src->files));
		src->files[0] = files[i];
		src->nfiles = 1;
		recfile_count(&src->files[0]);
		total += recfile_count_of(&src->files[0]);
	}
	free(files);
	if (total > 0)
		return;
	for (i = 0; i < nbuiltins; i++) {
		src = new_source(sel, builtins[i].name, -1);
		src->files = xcalloc(1, sizeof(*src->files));
		recfile_init_mem(&src->files[0], builtins[i].name,
		    builtins[i].text, builtins[i].size);
		src->nfiles = 1;
	}
}

/*
 * The default selection of a collection of directories, as for prompts:
 * every subdirectory of the search path is a source, unless skip() says
 * otherwise; where there is none, the compiled-in collection, grouped by
 * the part of each entry's name before its slash.
 */
void
selection_add_default_dirs(struct selection *sel, const struct searchpath *sp,
    const struct builtin *builtins, size_t nbuiltins,
    bool (*skip)(const char *, void *), void *arg)
{
	const struct colindex *ix;
	struct source	*src;
	char		**names, **paths, *cat;
	size_t		*entries, i, n, len;
	ssize_t		 dir;

	searchpath_subdirs(sp, &names, &paths, &entries, &n);
	for (i = 0; i < n; i++) {
		/*
		 * These are known to be directories: listed without a stat.
		 * One that vanished meanwhile stays, with no record.  The
		 * index of the entry lists it, where it is older, and
		 * else gives the files it still holds.
		 */
		if (skip == NULL || !skip(names[i], arg)) {
			src = new_source(sel, names[i], -1);
			ix = searchpath_index(sp, entries[i]);
			dir = ix == NULL ? -1 : colindex_dir(ix, names[i]);
			if (dir != -1 && colindex_list(ix, dir, paths[i],
			    &src->files, &src->nfiles) == 0)
				src->isdir = true;
			else if (collection_list(paths[i], &src->files,
			    &src->nfiles) == 0) {
				src->isdir = true;
				if (dir != -1)
					colindex_attach(ix, dir, src->files,
					    src->nfiles);
			}
		}
		free(names[i]);
		free(paths[i]);
	}
	free(names);
	free(paths);
	free(entries);
	if (n > 0)
		return;
	for (i = 0; i < nbuiltins; i++) {
		len = strcspn(builtins[i].name, "/");
		if (i > 0 && strncmp(builtins[i - 1].name, builtins[i].name,
		    len) == 0 && builtins[i - 1].name[len] == '/')
			continue;
		cat = xstrndup(builtins[i].name, len);
		if (skip == NULL || !skip(cat, arg))
			selection_add_builtin(sel, builtins, nbuiltins, cat,
			    -1);
		free(cat);
	}
}

/*
 * Parse operands as fortune(6) does: each may be preceded by a weight, N%
 * as a word of its own or glued to the name (30% a, 30%a).
 */
int
selection_operands(struct selection *sel, const struct searchpath *sp,
    const struct builtin *builtins, size_t nbuiltins, int argc, char **argv,
    char *errbuf, size_t errlen)
{
	const char	*errstr, *name;
	char		*digits, *pct;
	int		 i, percent;

	for (i = 0; i < argc; i++) {
		name = argv[i];
		percent = -1;
		pct = strchr(argv[i], '%');
		if (argv[i][0] >= '0' && argv[i][0] <= '9' && pct != NULL) {
			digits = xstrndup(argv[i], (size_t)(pct - argv[i]));
			percent = (int)strtonum(digits, 0, 100, &errstr);
			free(digits);
			if (errstr != NULL) {
				snprintf(errbuf, errlen, "percentage %s: %s%s",
				    argv[i], errstr, strcmp(errstr,
				    "too large") == 0 ? ", over 100" :
				    ", not a whole number");
				return -1;
			}
			if (pct[1] != '\0')
				name = pct + 1;
			else if (i + 1 < argc)
				name = argv[++i];
			else {
				snprintf(errbuf, errlen, "percentage %s is not "
				    "followed by a category", argv[i]);
				return -1;
			}
		}
		if (selection_add(sel, sp, builtins, nbuiltins, name, percent,
		    errbuf, errlen) == -1)
			return -1;
	}
	return selection_validate(sel, errbuf, errlen);
}

/* Check that the percentages given can be honoured exactly. */
int
selection_validate(const struct selection *sel, char *errbuf, size_t errlen)
{
	const char	*unweighted = NULL;
	size_t		 i;
	int		 sum = 0;
	bool		 weighted = false;

	for (i = 0; i < sel->nsources; i++) {
		if (sel->sources[i].percent >= 0) {
			sum += sel->sources[i].percent;
			weighted = true;
		} else if (unweighted == NULL)
			unweighted = sel->sources[i].label;
	}
	if (!weighted)
		return 0;
	if (sum > 100) {
		snprintf(errbuf, errlen, "percentages add up to %d%%, "
		    "more than 100%%", sum);
		return -1;
	}
	if (sum < 100 && unweighted == NULL) {
		snprintf(errbuf, errlen, "percentages add up to %d%%; name a "
		    "category without one to take the other %d%%", sum,
		    100 - sum);
		return -1;
	}
	if (sum == 100 && unweighted != NULL) {
		snprintf(errbuf, errlen, "percentages add up to 100%%, "
		    "leaving nothing for %s", unweighted);
		return -1;
	}
	return 0;
}

/* Count the records of every file, from indexes where they can be trusted. */
void
selection_count(struct selection *sel)
{
	size_t	 i, j;

	for (i = 0; i < sel->nsources; i++)
		for (j = 0; j < sel->sources[i].nfiles; j++)
			recfile_count(&sel->sources[i].files[j]);
}

/*
 * Keep only the records for which keep() is true, among those kept so far.
 * Every file is read and scanned; files that cannot be read keep their
 * error and no record.
 */
void
selection_filter(struct selection *sel, bool (*keep)(const struct source *,
    const struct recfile *, const char *, size_t, void *), void *arg)
{
	struct source	*src;
	struct recfile	*rf;
	const char	*text;
	char		*copy;
	size_t		 i, j, k, n, rec, len;

	for (i = 0; i < sel->nsources; i++) {
		src = &sel->sources[i];
		for (j = 0; j < src->nfiles; j++) {
			rf = &src->files[j];
			if (recfile_load(rf) == -1)
				continue;
			if (rf->eligible == NULL) {
				rf->eligible = xreallocarray(NULL, rf->nrecs,
				    sizeof(*rf->eligible));
				for (k = 0; k < rf->nrecs; k++)
					rf->eligible[k] = k;
				rf->neligible = rf->nrecs;
			}
			for (k = n = 0; k < rf->neligible; k++) {
				rec = rf->eligible[k];
				text = recfile_text(rf, rec, &len, &copy);
				if (keep(src, rf, text, len, arg))
					rf->eligible[n++] = rec;
				free(copy);
			}
			rf->neligible = n;
		}
	}
}

static uint64_t
source_count(const struct source *src)
{
	uint64_t	 n = 0;
	size_t		 i;

	for (i = 0; i < src->nfiles; i++)
		n += recfile_count_of(&src->files[i]);
	return n;
}

/*
 * The integer weight of each source, so that a pick is exact.  Sources
 * without a percentage share what the percentages leave, R%, in proportion
 * to their number of records (or equally with -e); a source with p% gets
 * p times the unweighted sources' common denominator.  A source with no
 * record gets nothing.
 */
static uint64_t
top_weights(const struct selection *sel, uint64_t *w)
{
	const struct source	*src;
	uint64_t		 c, denom = 0, total = 0;
	size_t			 i;
	int			 rest = 100;
	bool			 weighted = false;

	for (i = 0; i < sel->nsources; i++) {
		src = &sel->sources[i];
		if (src->percent >= 0) {
			rest -= src->percent;
			weighted = true;
		} else if ((c = source_count(src)) > 0)
			denom += sel->equal ? 1 : c;
	}
	if (denom == 0)
		denom = 1;
	for (i = 0; i < sel->nsources; i++) {
		src = &sel->sources[i];
		c = source_count(src);
		if (c == 0)
			w[i] = 0;
		else if (src->percent >= 0)
			w[i] = (uint64_t)src->percent * denom;
		else if (!weighted)
			w[i] = sel->equal ? 1 : c;
		else
			w[i] = (uint64_t)rest * (sel->equal ? 1 : c);
		total += w[i];
	}
	return total;
}

/* Files of a directory count by their records, or equally with -e. */
static uint64_t
child_weights(const struct selection *sel, const struct source *src,
    uint64_t *w)
{
	uint64_t	 c, total = 0;
	size_t		 i;

	for (i = 0; i < src->nfiles; i++) {
		c = recfile_count_of(&src->files[i]);
		w[i] = sel->equal && c > 0 ? 1 : c;
		total += w[i];
	}
	return total;
}

/*
 * Pick one record: a source by weight, a file of it by weight, a record of
 * the file uniformly.  A file counted from its index is scanned once
 * picked; should the text disagree with the index, the pick starts over
 * with the true count.  Fails with ENOENT when there is nothing to pick.
 */
int
selection_pick(struct selection *sel, struct rng *rng, struct recfile **rfp,
    size_t *recp)
{
	struct source	*src;
	struct recfile	*rf;
	uint64_t	*w, *cw, total, r;
	size_t		 i, maxfiles = 1, before, j;

	for (i = 0; i < sel->nsources; i++)
		if (sel->sources[i].nfiles > maxfiles)
			maxfiles = sel->sources[i].nfiles;
	w = xreallocarray(NULL, sel->nsources, sizeof(*w));
	cw = xreallocarray(NULL, maxfiles, sizeof(*cw));
	for (;;) {
		if ((total = top_weights(sel, w)) == 0) {
			free(w);
			free(cw);
			errno = ENOENT;
			return -1;
		}
		r = rng_uniform(rng, total);
		for (i = 0; r >= w[i]; i++)
			r -= w[i];
		src = &sel->sources[i];
		r = rng_uniform(rng, child_weights(sel, src, cw));
		for (i = 0; r >= cw[i]; i++)
			r -= cw[i];
		rf = &src->files[i];
		j = rng_uniform(rng, recfile_count_of(rf));
		if (!rf->scanned) {
			before = rf->nrecs;
			if (recfile_load(rf) == -1 || rf->nrecs != before)
				continue;
		}
		free(w);
		free(cw);
		*rfp = rf;
		*recp = rf->eligible != NULL ? rf->eligible[j] : j;
		return 0;
	}
}

/*
 * The chance, between 0 and 1, that a pick comes from source i, or with
 * child >= 0 from that file of source i.
 */
double
selection_chance(const struct selection *sel, size_t i, ssize_t child)
{
	uint64_t	*w, *cw, total, ctotal;
	double		 p;

	w = xreallocarray(NULL, sel->nsources, sizeof(*w));
	total = top_weights(sel, w);
	p = total == 0 ? 0.0 : (double)w[i] / (double)total;
	free(w);
	if (child >= 0) {
		cw = xreallocarray(NULL, sel->sources[i].nfiles, sizeof(*cw));
		ctotal = child_weights(sel, &sel->sources[i], cw);
		p = ctotal == 0 ? 0.0 : p * (double)cw[child] / (double)ctotal;
		free(cw);
	}
	return p;
}

/*
 * Audiences.  A collection keeps the records for anyone in a file named
 * after its category and those for partners only in a file of the same
 * name with PARTNER_SUFFIX, so that fortune(6) reads both as categories
 * of their own.  Intimacy is for partners as a whole, and opt-in: it is
 * picked only when named.
 */
#define PARTNER_SUFFIX	"-partner"
#define OPTIN_CATEGORY	"intimacy"

static bool	 drop_unwanted(const struct source *, void *);
static bool	 add_partner_file(struct source *, const struct searchpath *,
		    const struct builtin *, size_t);

/* The category a file name belongs to: its name less PARTNER_SUFFIX. */
size_t
audience_category_len(const char *name)
{
	size_t	 len, slen;

	len = strlen(name);
	slen = sizeof(PARTNER_SUFFIX) - 1;
	if (len > slen && strcmp(name + len - slen, PARTNER_SUFFIX) == 0)
		return len - slen;
	return len;
}

bool
audience_partner_only(const char *name)
{
	return audience_category_len(name) != strlen(name) ||
	    strcmp(name, OPTIN_CATEGORY) == 0;
}

static bool
drop_unwanted(const struct source *src, void *arg)
{
	const struct audience	*aud = arg;
	const char		*name;
	size_t			 i, len;

	/* A named path is taken as it is: it names no category. */
	if (strchr(src->label, '/') != NULL)
		return false;
	name = src->label;
	len = audience_category_len(name);
	if (!aud->named && strncmp(name, OPTIN_CATEGORY, len) == 0 &&
	    len == sizeof(OPTIN_CATEGORY) - 1)
		return true;
	if (!aud->partner && audience_partner_only(name))
		return true;
	for (i = 0; i < aud->nexclude; i++)
		if (strlen(aud->exclude[i]) == len &&
		    strncmp(name, aud->exclude[i], len) == 0)
			return true;
	return false;
}

/*
 * Put the partner file of a named category in its source, as a
 * directory of two files, so that "tip listening" for a partner draws
 * on both.  Returns whether there was one.
 */
static bool
add_partner_file(struct source *src, const struct searchpath *sp,
    const struct builtin *builtins, size_t nbuiltins)
{
	struct recfile	*rf;
	char		*name, *path;
	size_t		 i;

	xasprintf(&name, "%s%s", src->label, PARTNER_SUFFIX);
	path = searchpath_find(sp, name);
	for (i = 0; path == NULL && i < nbuiltins; i++)
		if (strcmp(builtins[i].name, name) == 0)
			break;
	if (path == NULL && i == nbuiltins) {
		free(name);
		return false;
	}
	src->files = xreallocarray(src->files, src->nfiles + 1,
	    sizeof(*src->files));
	rf = &src->files[src->nfiles++];
	if (path != NULL) {
		recfile_init(rf, name, path);
		rf->regular = true;
	} else
		recfile_init_mem(rf, builtins[i].name, builtins[i].text,
		    builtins[i].size);
	src->isdir = true;
	free(path);
	free(name);
	return true;
}

/*
 * Narrow a selection to an audience: drop the partner-only categories
 * for friends and family, the excluded ones, and intimacy unless named;
 * for a partner, a category named on its own brings its partner file.
 */
void
selection_audience(struct selection *sel, const struct searchpath *sp,
    const struct builtin *builtins, size_t nbuiltins,
    const struct audience *aud)
{
	struct source	*src;
	size_t		 i;

	selection_drop(sel, drop_unwanted, (void *)aud);
	if (!aud->partner || !aud->named)
		return;
	for (i = 0; i < sel->nsources; i++) {
		src = &sel->sources[i];
		if (src->isdir || src->nfiles != 1 ||
		    strchr(src->label, '/') != NULL ||
		    audience_partner_only(src->label))
			continue;
		add_partner_file(src, sp, builtins, nbuiltins);
	}
}
