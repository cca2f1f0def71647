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
 * journal's changes to what was written: an entry edited in the editor or
 * field by field, a set of entries edited together, and deletions.  Each
 * appends a record that supersedes or deletes; nothing is rewritten.
 */

#include "config.h"

#include <sys/wait.h>

#include <ctype.h>
#include <err.h>
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

/* What edit changes without the editor, in the order of journal(1). */
struct changes {
	const char	 *date;		/* -d: the new timestamp */
	bool		  future;	/* --future: -d may be ahead */
	int		  star;		/* -s: 1, --unstar: 0, else -1 */
	const char	**drop;		/* --untag */
	size_t		  ndrop;
	const char	**add;		/* -t */
	size_t		  nadd;
	const char	**rate;		/* -r KEY=VALUE, replacing KEY's */
	size_t		  nrate;
};

/* An entry edited with others: its id, its record and its text. */
struct block {
	char		 id[JOURNAL_ID_MAX + 1];
	char		*raw;		/* the record, to be found again */
	size_t		 rawlen;
	struct jentry	 entry;		/* with the text as it comes back */
	char		*was;		/* the text as it was */
	size_t		 waslen;
	bool		 seen;		/* its line came back from the editor */
};

#define SET_TEMPLATE \
    "%1$s Change the text of any entry below the line that starts it, " \
    "which\n" \
    "%1$s starts with %%%%=, then save and quit.  Each entry changed is " \
    "written\n" \
    "%1$s as an edit; the others are left as they are.  An entry whose " \
    "text is\n" \
    "%1$s removed or emptied is not deleted: journal delete deletes.  " \
    "Lines\n" \
    "%1$s starting with %1$s are left out.\n"

static void	 keep_text(const char *, const char *, size_t);
static void	 set_rating(struct jentry *, const char *);
static void	 drop_tag(struct jentry *, const char *, const char *);
static bool	 apply_changes(struct jentry *, const struct changes *);
static int	 edit_fields(const char *, const struct changes *);
static int	 edit_text(const char *);
static char	*set_text(FILE *, struct jhit *, size_t, struct block **,
		    size_t *);
static struct block *block_of(struct block *, size_t, const char *,
		    size_t);
static int	 edit_set(const struct jfilter *);

/*
 * Keep the text of a refused edit in JOURNAL.edit-ID, a side file that no
 * one else can have put there (file_open_side), and say where.  Where that
 * file cannot be used, the editor's own file, private in its private
 * directory, keeps the text instead, and stays.
 */
static void
keep_text(const char *id, const char *text, size_t len)
{
	char	*path;
	int	 fd, problem;
	bool	 written;

	xasprintf(&path, "%s.edit-%s", journal_path, id);
	if ((fd = file_open_side(path, O_WRONLY | O_TRUNC, &problem)) != -1) {
		written = file_write_all(fd, text, len) == 0;
		if (close(fd) == 0 && written) {
			warnx("entry %s changed while it was being edited; "
			    "nothing was written; your text is in %s", id,
			    path);
			free(path);
			return;
		}
	}
	if (problem != 0)
		warnx("%s: %s", path, file_side_advice(problem));
	else
		warn("%s", path);
	free(path);
	if ((fd = open(edit_file, O_WRONLY | O_TRUNC | O_CLOEXEC)) == -1 ||
	    file_write_all(fd, text, len) == -1 || close(fd) == -1)
		err(EXIT_TROUBLE, "entry %s changed while it was being edited, "
		    "and your text could not be kept in %s", id, edit_file);
	warnx("entry %s changed while it was being edited; nothing was "
	    "written; your text is in %s", id, edit_file);
	edit_kept = true;
}


/* Options of edit without a letter, past those of journal.h. */
enum edit_long {
	OPT_UNSTAR = OPT_STRICT + 1,
	OPT_UNTAG
};

/*
 * The options of edit: those that change an entry's fields, and list's
 * filters, but --rating, by the letters of list_opts in
 * cmd/journal-read.c.  -s and -t change the entry of an id, and without
 * one choose the entries, as list's -s and -t do.
 */
static const struct option edit_opts[] = {
	{ "anniversary", no_argument,		NULL,	'A' },
	{ "any-tag",	required_argument,	NULL,	'Y' },
	{ "case-sensitive", no_argument,	NULL,	'I' },
	{ "date",	required_argument,	NULL,	'd' },
	{ "file",	required_argument,	NULL,	'f' },
	{ "future",	no_argument,		NULL,	OPT_FUTURE },
	{ "grep",	required_argument,	NULL,	'g' },
	{ "ignore-case", no_argument,		NULL,	'i' },
	{ "not-tag",	required_argument,	NULL,	'T' },
	{ "on",		required_argument,	NULL,	'O' },
	{ "rating",	required_argument,	NULL,	'r' },
	{ "since",	required_argument,	NULL,	'S' },
	{ "star",	no_argument,		NULL,	's' },
	{ "tag",	required_argument,	NULL,	't' },
	{ "until",	required_argument,	NULL,	'U' },
	{ "unstar",	no_argument,		NULL,	OPT_UNSTAR },
	{ "untag",	required_argument,	NULL,	OPT_UNTAG },
	{ NULL,		0,			NULL,	0 }
};

/*
 * Edit an entry: with -d, -s, --unstar, -t, --untag or -r, change only
 * those fields, else its text in the editor.  Either way the result is a
 * new entry that supersedes the old one.  Without an id, edit the text
 * of the entries that pass list's filters together in the editor.
 */
int
cmd_edit(int argc, char **argv)
{
	struct filters	 fs;
	struct changes	 c;
	int		 ch, status;
	bool		 fields = false, idonly = false, filtered = false;

	memset(&c, 0, sizeof(c));
	c.star = -1;
	filters_init(&fs);
	optind = 1;
	while ((ch = getopt_long(argc, argv, "d:f:g:iIr:st:T:", edit_opts,
	    NULL)) != -1) {
		if (ch != 's' && ch != 't' && filter_option(&fs, ch,
		    optarg)) {
			filtered = true;
			continue;
		}
		switch (ch) {
		case 'd':
			c.date = optarg;
			idonly = true;
			break;
		case 'f':
			journal_path = optarg;
			continue;
		case OPT_FUTURE:
			c.future = true;
			continue;
		case 'r':
			c.rate = xreallocarray(c.rate, c.nrate + 1,
			    sizeof(*c.rate));
			c.rate[c.nrate++] = optarg;
			idonly = true;
			break;
		case 's':
			c.star = 1;
			filter_option(&fs, ch, optarg);
			break;
		case OPT_UNSTAR:
			c.star = 0;
			idonly = true;
			break;
		case 't':
			c.add = xreallocarray(c.add, c.nadd + 1,
			    sizeof(*c.add));
			c.add[c.nadd++] = optarg;
			filter_option(&fs, ch, optarg);
			break;
		case OPT_UNTAG:
			c.drop = xreallocarray(c.drop, c.ndrop + 1,
			    sizeof(*c.drop));
			c.drop[c.ndrop++] = optarg;
			idonly = true;
			break;
		default:
			usage();
		}
		fields = true;
	}
	if (argc - optind > 1 || (argc == optind && !fs.any))
		usage();
	if (c.future && c.date == NULL)
		errx(EXIT_TROUBLE, "--future goes with -d, to date the entry "
		    "ahead");
	if (argc - optind == 1 && filtered)
		errx(EXIT_TROUBLE, "edit takes an id or filters, not both");
	if (argc == optind && idonly)
		errx(EXIT_TROUBLE, "-d, -r, --unstar and --untag change the "
		    "entry of an id; without one, edit takes list's filters");
	journal_path = which_journal(&config, journal_path);
	if (argc == optind) {
		filters_ready(&fs);
		status = edit_set(&fs.f);
	} else if (fields)
		status = edit_fields(argv[optind], &c);
	else
		status = edit_text(argv[optind]);
	filters_free(&fs);
	free(c.rate);
	free(c.add);
	free(c.drop);
	return status;
}


/* Copy an entry's fields and text, to be changed into a new entry. */
void
copy_entry(struct jentry *e, const struct jentry *from)
{
	size_t	 i;

	jentry_init(e);
	strlcpy(e->ts, from->ts, sizeof(e->ts));
	e->starred = from->starred;
	strlcpy(e->prompt, from->prompt, sizeof(e->prompt));
	for (i = 0; i < from->ntags; i++)
		entry_add_tag(e, from->tags[i]);
	e->ratings = xreallocarray(NULL, from->nratings + 1,
	    sizeof(*e->ratings));
	if (from->nratings > 0)
		memcpy(e->ratings, from->ratings, from->nratings *
		    sizeof(*e->ratings));
	e->nratings = from->nratings;
	e->body = xmalloc(from->bodylen + 1);
	memcpy(e->body, from->body, from->bodylen);
	e->body[from->bodylen] = '\0';
	e->bodylen = from->bodylen;
}


/* Give an entry the rating KEY=VALUE, in place of any it had for KEY. */
static void
set_rating(struct jentry *e, const char *kv)
{
	size_t	 i, klen;

	klen = strcspn(kv, "=");
	for (i = 0; i < e->nratings; i++)
		if (strlen(e->ratings[i].key) == klen &&
		    strncmp(e->ratings[i].key, kv, klen) == 0) {
			memmove(&e->ratings[i], &e->ratings[i + 1],
			    (e->nratings - i - 1) * sizeof(*e->ratings));
			e->nratings--;
			break;
		}
	entry_add_rating(e, kv);
}


/*
 * Take a tag off an entry, or exit: a tag it does not have is a mistake
 * to be told, as a misspelt one would be.
 */
static void
drop_tag(struct jentry *e, const char *id, const char *tag)
{
	size_t	 i;

	if (tag[0] == '@')
		tag++;
	for (i = 0; i < e->ntags; i++)
		if (strcmp(e->tags[i], tag) == 0) {
			free(e->tags[i]);
			memmove(&e->tags[i], &e->tags[i + 1],
			    (e->ntags - i - 1) * sizeof(*e->tags));
			e->ntags--;
			return;
		}
	errx(EXIT_TROUBLE, "entry %s has no tag %s; nothing was written", id,
	    tag);
}


/*
 * Change an entry's fields as edit's options say; whether that changed
 * anything, as written.
 */
static bool
apply_changes(struct jentry *e, const struct changes *c)
{
	struct jpoint	 pt;
	time_t		 now;
	char		 why[256], *label, *before, *after;
	size_t		 blen, alen, i;
	bool		 changed;

	before = entry_record(e, &blen);
	if (c->date != NULL) {
		now = now_or_exit();
		if (when_point(c->date, now,
		    config_week_start(&config, "journal"), &pt, why,
		    sizeof(why)) == -1)
			errx(EXIT_TROUBLE, "not a date journal understands: "
			    "%s: %s (see journal(1), DATES)", c->date, why);
		xasprintf(&label, "-d %s", c->date);
		entry_date(e, &pt, now, label, c->future);
		free(label);
	}
	if (c->star != -1)
		e->starred = c->star;
	for (i = 0; i < c->ndrop; i++)
		drop_tag(e, e->id, c->drop[i]);
	for (i = 0; i < c->nadd; i++)
		entry_add_tag(e, c->add[i]);
	for (i = 0; i < c->nrate; i++)
		set_rating(e, c->rate[i]);
	after = entry_record(e, &alen);
	changed = alen != blen || memcmp(before, after, alen) != 0;
	free(before);
	free(after);
	return changed;
}


/*
 * Change an entry's fields without the editor.  The lock is held from
 * reading the entry to appending its successor, so that of two edits at
 * once the second reads what the first wrote.
 */
static int
edit_fields(const char *want, const struct changes *c)
{
	struct jreader	 r;
	struct jevent	 ev;
	struct jentry	 e;
	char		 id[JOURNAL_ID_MAX + 1], *rec;
	size_t		 reclen;
	FILE		*fp;
	int		 lfd;

	if ((lfd = journal_lock(journal_path)) == -1)
		write_failed(journal_path, "this journal", "write to");
	if ((fp = open_journal(journal_path, true)) == NULL)
		errx(EXIT_NOMATCH, "no entry %s: %s is empty", want,
		    journal_path);
	fseeko(fp, find_entry(fp, want, id, false), SEEK_SET);
	jreader_init(&r, journal_path, fp);
	if (jreader_next(&r, &ev) != 1 || ev.kind != JREC_ENTRY)
		errx(EXIT_TROUBLE, "%s: entry %s cannot be read", journal_path,
		    id);
	copy_entry(&e, &ev.entry);
	jreader_free(&r);
	fclose(fp);
	strlcpy(e.id, id, sizeof(e.id));
	if (!apply_changes(&e, c)) {
		close(lfd);
		warnx("entry %s was not changed; nothing was written", id);
		jentry_free(&e);
		return EXIT_NOMATCH;
	}
	journal_new_id(e.id);
	strlcpy(e.supersedes, id, sizeof(e.supersedes));
	rec = entry_record(&e, &reclen);
	append_unlock(lfd, rec, reclen);
	free(rec);
	jentry_free(&e);
	return 0;
}


/*
 * The text of the entries at these offsets, for the editor: each after a
 * line of its own that starts with the marker, a comment_marker with =,
 * and then names it, and before a blank line.  The entries, as they
 * were, in *blocksp.
 */
static char *
set_text(FILE *fp, struct jhit *hits, size_t n, struct block **blocksp,
    size_t *lenp)
{
	struct jreader	 r;
	struct jevent	 ev;
	struct jbuf	 b, bodies;
	struct block	*blocks;
	char		*marker, *line;
	size_t		 i, j;

	blocks = xreallocarray(NULL, n, sizeof(*blocks));
	memset(&bodies, 0, sizeof(bodies));
	for (i = 0; i < n; i++) {
		entry_at(fp, hits[i].offset, &r, &ev);
		memset(&blocks[i], 0, sizeof(blocks[i]));
		strlcpy(blocks[i].id, ev.entry.id, sizeof(blocks[i].id));
		blocks[i].raw = xstrndup(ev.raw, ev.rawlen);
		blocks[i].rawlen = ev.rawlen;
		copy_entry(&blocks[i].entry, &ev.entry);
		blocks[i].was = xstrndup(ev.entry.body, ev.entry.bodylen);
		blocks[i].waslen = ev.entry.bodylen;
		jbuf_add(&bodies, ev.entry.body, ev.entry.bodylen);
		jbuf_add(&bodies, "\n", 1);
		jreader_free(&r);
	}
	marker = comment_marker(bodies.s, bodies.len, '=');
	free(bodies.s);
	memset(&b, 0, sizeof(b));
	for (i = 0; i < n; i++) {
		xasprintf(&line, "%s %s %s%s", marker, blocks[i].id,
		    blocks[i].entry.ts, blocks[i].entry.starred ? " *" : "");
		jbuf_add(&b, line, strlen(line));
		free(line);
		for (j = 0; j < blocks[i].entry.ntags; j++) {
			jbuf_add(&b, " @", 2);
			jbuf_add(&b, blocks[i].entry.tags[j],
			    strlen(blocks[i].entry.tags[j]));
		}
		jbuf_add(&b, "\n", 1);
		jbuf_add(&b, blocks[i].entry.body, blocks[i].entry.bodylen);
		if (blocks[i].entry.bodylen > 0 &&
		    blocks[i].entry.body[blocks[i].entry.bodylen - 1] != '\n')
			jbuf_add(&b, "\n", 1);
		jbuf_add(&b, "\n", 1);
	}
	free(marker);
	*blocksp = blocks;
	*lenp = b.len;
	return b.s;
}


/* The block of the id on a marker line, or NULL if none has it. */
static struct block *
block_of(struct block *blocks, size_t n, const char *line, size_t len)
{
	size_t	 i, idlen;

	for (idlen = 0; idlen < len && line[idlen] != ' ' &&
	    line[idlen] != '\n'; idlen++)
		;
	for (i = 0; i < n; i++)
		if (strlen(blocks[i].id) == idlen &&
		    strncmp(blocks[i].id, line, idlen) == 0)
			return &blocks[i];
	return NULL;
}


/*
 * Read the entry at an offset, found there before, with r into ev, or
 * exit; the caller frees r.
 */
void
entry_at(FILE *fp, off_t where, struct jreader *r, struct jevent *ev)
{
	if (fseeko(fp, where, SEEK_SET) == -1)
		err(EXIT_TROUBLE, "%s", journal_path);
	jreader_init(r, journal_path, fp);
	if (jreader_next(r, ev) != 1 || ev->kind != JREC_ENTRY)
		errx(EXIT_TROUBLE, "%s: an entry cannot be read again",
		    journal_path);
}


/* Whether the record at an offset is still these bytes. */
bool
same_record(FILE *fp, off_t where, const char *raw, size_t rawlen)
{
	struct jreader	 r;
	struct jevent	 ev;
	bool		 same;

	if (fseeko(fp, where, SEEK_SET) == -1)
		err(EXIT_TROUBLE, "%s", journal_path);
	jreader_init(&r, journal_path, fp);
	same = jreader_next(&r, &ev) == 1 && ev.rawlen == rawlen &&
	    memcmp(ev.raw, raw, rawlen) == 0;
	jreader_free(&r);
	return same;
}


/*
 * Edit the text of the entries passing a filter together in the editor,
 * as jrnl does, and write an edit for each whose text changed.  A block
 * removed or emptied changes nothing.  Nothing is written if a marker
 * line was changed or repeated, or if an entry to be written changed
 * while the editor was open; the text is then kept in the editor's file.
 */
static int
edit_set(const struct jfilter *f)
{
	struct jhit	*hits;
	struct block	*blocks, *cur = NULL;
	struct jbuf	 recs;
	struct jentry	*e;
	char		*initial, *text, *marker, *p, *nl, *end, *rec;
	char		 again[JOURNAL_ID_MAX + 1];
	size_t		 n, ilen, len, mlen, i, reclen, changed = 0;
	off_t		 where;
	FILE		*fp;
	int		 lfd;
	const char	*why = NULL;

	if ((fp = open_journal(journal_path, true)) == NULL)
		errx(EXIT_NOMATCH, "no entries yet in %s", journal_path);
	if (journal_collect(fp, journal_path, f, false, &hits, &n,
	    report_problem, NULL) == -1)
		err(EXIT_TROUBLE, "%s", journal_path);
	if (n == 0) {
		warnx("no entry matched in %s", journal_path);
		fclose(fp);
		free(hits);
		return EXIT_NOMATCH;
	}
	initial = set_text(fp, hits, n, &blocks, &ilen);
	free(hits);
	fclose(fp);
	mlen = strcspn(initial, " ");
	marker = xstrndup(initial, mlen);
	if ((text = run_editor(initial, ilen, false, SET_TEMPLATE,
	    &len)) == NULL)
		exit(EXIT_TROUBLE);

	/* Each block's text, from its marker line to the next one. */
	end = text + len;
	for (p = text; p < end; p = nl + 1) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		if (marked(p, (size_t)(end - p), mlen, '=') &&
		    (size_t)(nl - p) > mlen && p[mlen] == ' ') {
			if ((cur = block_of(blocks, n, p + mlen + 1,
			    (size_t)(nl - p) - mlen - 1)) == NULL ||
			    cur->seen) {
				why = "a line starting with %%= was changed "
				    "or repeated";
				break;
			}
			cur->seen = true;
			cur->entry.bodylen = 0;
			continue;
		}
		if (cur == NULL) {
			if (nl > p) {
				why = "text came before the first entry";
				break;
			}
			continue;
		}
		e = &cur->entry;
		e->body = xreallocarray(e->body, e->bodylen + (size_t)(nl - p) +
		    2, 1);
		memcpy(e->body + e->bodylen, p, (size_t)(nl - p));
		e->bodylen += (size_t)(nl - p);
		if (nl < end)
			e->body[e->bodylen++] = '\n';
		e->body[e->bodylen] = '\0';
	}
	if (why != NULL) {
		edit_kept = true;
		errx(EXIT_TROUBLE, "%s; nothing was written; your text is in %s",
		    why, edit_file);
	}

	/* What changed, read again under the lock. */
	memset(&recs, 0, sizeof(recs));
	fp = reopen_locked(&lfd);
	for (i = 0; i < n; i++) {
		e = &blocks[i].entry;
		/* The blank line that parted it from the next. */
		if (e->bodylen >= 2 && e->body[e->bodylen - 1] == '\n' &&
		    e->body[e->bodylen - 2] == '\n')
			e->bodylen--;
		if (!blocks[i].seen || blank(e->body, e->bodylen))
			continue;
		if (e->bodylen == blocks[i].waslen + (blocks[i].waslen > 0 &&
		    blocks[i].was[blocks[i].waslen - 1] != '\n') &&
		    memcmp(e->body, blocks[i].was, blocks[i].waslen) == 0)
			continue;
		check_text(e->body, e->bodylen);
		where = find_entry(fp, blocks[i].id, again, true);
		if (where == -1 || strcmp(again, blocks[i].id) != 0 ||
		    !same_record(fp, where, blocks[i].raw, blocks[i].rawlen)) {
			close(lfd);
			edit_kept = true;
			errx(EXIT_TROUBLE, "entry %s changed while it was being "
			    "edited; nothing was written; your text is in %s",
			    blocks[i].id, edit_file);
		}
		journal_new_id(e->id);
		strlcpy(e->supersedes, blocks[i].id, sizeof(e->supersedes));
		rec = entry_record(e, &reclen);
		jbuf_add(&recs, rec, reclen);
		free(rec);
		changed++;
	}
	fclose(fp);
	append_unlock(lfd, recs.s, recs.len);
	if (changed == 0)
		warnx("no entry was changed; nothing was written");
	for (i = 0; i < n; i++) {
		free(blocks[i].raw);
		free(blocks[i].was);
		jentry_free(&blocks[i].entry);
	}
	free(blocks);
	free(recs.s);
	free(text);
	free(initial);
	free(marker);
	return changed > 0 ? 0 : EXIT_NOMATCH;
}


/*
 * Edit an entry's text in the editor: saved as a new entry that supersedes
 * it, and refused if the entry changed while the editor was open.  No lock
 * is held meanwhile; the entry is read again under the lock, before the
 * new one is appended, so that of two edits saved at once the second finds
 * the first and is refused too.
 */
static int
edit_text(const char *want)
{
	struct jreader	 r;
	struct jevent	 ev;
	struct jentry	 e;
	char		 id[JOURNAL_ID_MAX + 1], again[JOURNAL_ID_MAX + 1];
	char		*raw, *text, *rec;
	size_t		 rawlen, len, reclen;
	off_t		 where;
	FILE		*fp;
	int		 lfd;
	bool		 unchanged;

	if ((fp = open_journal(journal_path, true)) == NULL)
		errx(EXIT_NOMATCH, "no entry %s: %s is empty", want,
		    journal_path);
	where = find_entry(fp, want, id, false);
	fseeko(fp, where, SEEK_SET);
	jreader_init(&r, journal_path, fp);
	if (jreader_next(&r, &ev) != 1 || ev.kind != JREC_ENTRY)
		errx(EXIT_TROUBLE, "%s: entry %s cannot be read", journal_path,
		    id);
	raw = xstrndup(ev.raw, ev.rawlen);
	rawlen = ev.rawlen;
	copy_entry(&e, &ev.entry);
	free(e.body);
	e.body = NULL;
	e.bodylen = 0;
	text = run_editor(ev.entry.body, ev.entry.bodylen, false, TEMPLATE,
	    &len);
	unchanged = text != NULL && len == ev.entry.bodylen +
	    (ev.entry.bodylen > 0 && ev.entry.body[ev.entry.bodylen - 1] !=
	    '\n') && strncmp(text, ev.entry.body, ev.entry.bodylen) == 0;
	jreader_free(&r);
	fclose(fp);
	if (text == NULL || unchanged || blank(text, len)) {
		if (unchanged)
			warnx("entry %s was not changed; nothing was written",
			    id);
		else if (text != NULL)
			warnx("the entry is empty; nothing was written "
			    "(%s delete %s removes it)", getprogname(), id);
		free(text);
		free(raw);
		jentry_free(&e);
		return text == NULL ? EXIT_TROUBLE : EXIT_NOMATCH;
	}
	check_text(text, len);
	journal_new_id(e.id);
	strlcpy(e.supersedes, id, sizeof(e.supersedes));
	e.body = text;
	e.bodylen = len;
	rec = entry_record(&e, &reclen);

	/* Still the same entry, byte for byte, under the lock? */
	fp = reopen_locked(&lfd);
	where = find_entry(fp, id, again, true);
	if (where != -1)
		fseeko(fp, where, SEEK_SET);
	jreader_init(&r, journal_path, fp);
	if (where == -1 || strcmp(again, id) != 0 ||
	    jreader_next(&r, &ev) != 1 || ev.rawlen != rawlen ||
	    memcmp(ev.raw, raw, rawlen) != 0) {
		close(lfd);
		keep_text(id, text, len);
		jreader_free(&r);
		fclose(fp);
		free(rec);
		free(raw);
		jentry_free(&e);
		exit(EXIT_TROUBLE);
	}
	jreader_free(&r);
	fclose(fp);
	append_unlock(lfd, rec, reclen);
	free(rec);
	jentry_free(&e);
	free(raw);
	return 0;
}
