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

#ifndef RAPPORT_H
#define RAPPORT_H

#include <sys/types.h>
#include <sys/stat.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

#ifndef __dead
#define __dead		__attribute__((__noreturn__))
#endif

/*
 * xmalloc.c: allocators that exit on failure, the only lib functions that do.
 */
void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xreallocarray(void *, size_t, size_t);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);
int	 xasprintf(char **, const char *, ...)
	    __attribute__((__format__(__printf__, 2, 3)));

/* rng.c: uniform choice, from arc4random or from a documented seeded PRNG. */
struct rng {
	bool		 seeded;
	uint64_t	 state;
};

void	 rng_init(struct rng *);
void	 rng_init_seed(struct rng *, uint64_t);
uint64_t rng_next(struct rng *);
uint64_t rng_uniform(struct rng *, uint64_t);

/* date.c: calendar dates, and the timestamps of the journal. */
#define SECS_PER_DAY	86400

struct ymd {
	int	 year;
	int	 month;
	int	 day;
};

struct jtime {
	time_t		 utc;		/* the instant, seconds since 1970 */
	int		 offset;	/* minutes east of UTC, as written */
	bool		 allday;	/* a date without a time */
};

int	 date_parse(const char *, struct ymd *);
int	 date_today(struct ymd *);
void	 date_format(const struct ymd *, char *, size_t);
time_t	 date_days(int, int, int);
void	 date_from_days(time_t, struct ymd *);
int	 date_seed(const char *, const char *, uint64_t *);
int	 journal_parse_time(const char *, struct jtime *);
void	 journal_format_time(time_t, bool, char *, size_t);
int	 duration_seconds(const char *, unsigned int *, const char **);

/* width.c: UTF-8 decoding and display width. */
size_t	 utf8_decode(const char *, size_t, uint32_t *);
bool	 utf8_valid(const char *, size_t);
size_t	 text_width(const char *, size_t);

/* wrap.c: text wrapped at blanks to a display width, and unwrapped. */
size_t	 wrap_line(const char *, size_t, size_t, size_t *);
size_t	 width_cut(const char *, size_t, size_t);
size_t	 unwrap(char *, const char *, size_t);

/*
 * match.c: regular expressions over text that may hold NUL bytes, and
 * patterns, whose run of plain text is searched for as bytes over a whole
 * file.
 */
#include <regex.h>
struct recfile;

struct pattern {
	regex_t		 re;		/* unless whole */
	char		*run;		/* plain text every match holds */
	size_t		 len;		/* its length, or 0 if none */
	size_t		 rare;		/* where its rarest byte is */
	bool		 whole;		/* the run is the whole pattern */
	bool		 unwraps;	/* may match only once unwrapped */
};

bool	 text_match(const regex_t *, const char *, size_t);
int	 pattern_compile(struct pattern *, const char *, int, char *, size_t);
void	 pattern_free(struct pattern *);
bool	 pattern_match(const struct pattern *, const char *, size_t);
size_t	 pattern_records(const struct pattern *, const struct recfile *,
	    void (*)(const struct recfile *, size_t, void *), void *);

/* safeout.c: writing record text to a terminal or to a pipe. */
#define SAFEOUT_RAW	0	/* bytes unchanged, for pipes and files */
#define SAFEOUT_TTY	1	/* control characters made visible */

int	 safe_write(FILE *, const char *, size_t, int);

/* file.c: reading, writing and replacing files; private files. */
#define FILE_NOT_OWNED		1	/* file_private(): another's */
#define FILE_SHARED		2	/* writable by group or others */
#define FILE_READABLE		3	/* a side file others may read */
#define FILE_SYMLINK		4	/* a side file that is a symlink */
#define FILE_LINKED		5	/* a side file with other links */

#define FILE_REPLACE_SYNC	0x1	/* fsync the file and its directory */
#define FILE_REPLACE_LOCKED	0x2	/* every replacer holds one lock */
#define FILE_REPLACE_NAMED	0x4	/* named while written, to be opened */

struct file_replace {
	char	*path;		/* the file replaced, links resolved */
	char	*tmp;		/* the name the new file is renamed from */
	FILE	*fp;		/* on the new file, to write (and pread) */
	int	 flags;		/* FILE_REPLACE_* */
	bool	 unnamed;	/* O_TMPFILE: named only by the commit */
};

int	 file_stat_regular(int, struct stat *);
char	*path_join(const char *, const char *);
int	 file_open_regular(const char *, struct stat *);
int	 file_read_fd(int, const struct stat *, char *, size_t, char **,
	    size_t *);
int	 file_read(const char *, char **, size_t *);
int	 file_write_all(int, const char *, size_t);
int	 file_make_dirs(const char *);
void	 file_sync_dir(const char *);
int	 file_private(const struct stat *);
const char *file_private_advice(int);
int	 file_replace_open(struct file_replace *, const char *, mode_t, int);
int	 file_replace_commit(struct file_replace *);
void	 file_replace_abort(struct file_replace *);
int	 file_replace(const char *, const char *, size_t, mode_t, int);
int	 file_open_side(const char *, int, int *);
const char *file_side_advice(int);
bool	 file_link_trusted(const char *, const struct stat *);

/* idset.c: a set of entry ids as their hashes, sorted for lookups. */
struct idset {
	uint64_t	*hashes;
	size_t		 n;
	size_t		 cap;
	bool		 sorted;
};

uint64_t str_hash(const char *, uint64_t);
uint64_t mem_hash(const void *, size_t, uint64_t);
void	 idset_add(struct idset *, uint64_t);
void	 idset_sort(struct idset *);
bool	 idset_has(struct idset *, uint64_t);
void	 idset_free(struct idset *);

/* recfile.c: fortune-format record files. */
struct record {
	size_t	 off;		/* first byte of the text in the file */
	size_t	 len;		/* bytes up to the delimiter line */
	bool	 comments;	/* %% lines inside, dropped on output */
};

struct colindex;

struct recfile {
	char		*name;		/* category: the file's base name */
	char		*path;		/* NULL for a compiled-in collection */
	const char	*text;		/* whole contents, once loaded */
	size_t		 size;
	char		*buf;		/* allocated contents, if any */
	struct record	*recs;		/* valid when scanned */
	size_t		 nrecs;		/* records, from the text or index */
	bool		 scanned;	/* nrecs counted from the text */
	int		 error;		/* errno of a failed read, or 0 */
	bool		 regular;	/* known to be a regular file */
	size_t		*eligible;	/* filtered record numbers, or NULL */
	size_t		 neligible;
	const struct colindex *ix;	/* the index to read it from, if any */
	uint32_t	 ixfile;	/* its number there */
	uint32_t	*ids;		/* prompt ids, when read from the index */
};

#define RECFILE_INDEX_MIN	(64 * 1024)

void	 recfile_init(struct recfile *, const char *, const char *);
void	 recfile_init_mem(struct recfile *, const char *, const char *,
	    size_t);
void	 recfile_free(struct recfile *);
void	 recfile_unload(struct recfile *);
int	 recfile_count(struct recfile *);
int	 recfile_load(struct recfile *);
void	 record_scan(const char *, size_t, struct record **, size_t *);
const char *recfile_text(const struct recfile *, size_t, size_t *, char **);
bool	 recfile_is_delim(const char *, size_t);
const char *recfile_strerror(int);
size_t	 recfile_count_of(const struct recfile *);

/* colindex.c: the index of a collection directory, a cache of its files. */
#define COLINDEX_NAME		".rapport-index"
#define COLINDEX_VERSION	1

struct colindex {
	const unsigned char *base;	/* the whole index */
	size_t		 size;
	const unsigned char *dirs, *files, *recs;
	const char	*names, *text;
	uint32_t	 ndirs, nfiles, nrecs, names_size, text_size;
	struct timespec	 mtime;		/* files older may be read from it */
	bool		 mapped;
};

int	 colindex_parse(struct colindex *, const unsigned char *, size_t);
int	 colindex_open(struct colindex *, const char *);
void	 colindex_close(struct colindex *);
ssize_t	 colindex_dir(const struct colindex *, const char *);
void	 colindex_attach(const struct colindex *, ssize_t, struct recfile *,
	    size_t);
int	 colindex_list(const struct colindex *, ssize_t, const char *,
	    struct recfile **, size_t *);
int	 colindex_load(struct recfile *);
int	 colindex_write(const char *, size_t *, size_t *, char **);

/* strfile.c: strfile(8) indexes, read in both layouts, written as v2. */
#define STRFILE_VERSION		2
#define STRFILE_HDRSIZE		24
#define STR_RANDOM		0x1
#define STR_ORDERED		0x2
#define STR_ROTATED		0x4

#define STRFILE_OPT_IGNCASE	0x1	/* -i */
#define STRFILE_OPT_ORDER	0x2	/* -o */
#define STRFILE_OPT_RANDOM	0x4	/* -r */
#define STRFILE_OPT_ROTATED	0x8	/* -x */

struct strfile {
	uint32_t	 version;
	uint32_t	 numstr;
	uint32_t	 longlen;
	uint32_t	 shortlen;
	uint32_t	 flags;
	unsigned char	 delim;
	int		 width;		/* offset bytes: 4 or 8 */
	uint64_t	*offsets;	/* numstr + 1 entries */
};

int	 strfile_build(struct strfile *, const char *, size_t, int, int,
	    struct rng *);
int	 strfile_encode(const struct strfile *, unsigned char **, size_t *);
int	 strfile_decode(struct strfile *, const unsigned char *, size_t);
int	 strfile_read(const char *, struct strfile *);
int	 strfile_write(const char *, const struct strfile *);
int	 strfile_fresh(const char *, const struct stat *, size_t *);
void	 strfile_free(struct strfile *);

/* searchpath.c: search paths, the categories they hold, XDG directories. */
struct searchpath {
	char	**entries;
	size_t	 nentries;
	/* The errno of an entry searchpath_subdirs could not read. */
	int	*errors;
	/* Each directory entry's index, opened when first listed. */
	struct colindex *indexes;
	bool	*tried;
};

void	 searchpath_init(struct searchpath *, const char *, const char *,
	    const char *);
void	 searchpath_free(struct searchpath *);
char	*xdg_dir(const char *, const char *, const char *);
bool	 collection_skip(const char *);
int	 collection_list(const char *, struct recfile **, size_t *);
int	 collection_subdirs(const char *, char ***, size_t *);
char	*searchpath_find(const struct searchpath *, const char *);
char	*searchpath_find_entry(const struct searchpath *, const char *,
	    size_t *);
void	 searchpath_categories(const struct searchpath *, struct recfile **,
	    size_t *);
void	 searchpath_subdirs(const struct searchpath *, char ***, char ***,
	    size_t **, size_t *);
const struct colindex *searchpath_index(const struct searchpath *, size_t);

/* selection.c: sources with N% weights and a uniform pick per record. */
struct builtin {
	const char	*name;
	const char	*text;
	size_t		 size;
};

struct source {
	char		*label;		/* as named on the command line */
	int		 percent;	/* 0-100, or -1 when not given */
	bool		 isdir;
	struct recfile	*files;
	size_t		 nfiles;
};

struct selection {
	struct source	*sources;
	size_t		 nsources;
	bool		 equal;		/* -e: equal chance per category */
};

#define ERRBUF_SIZE	512

void	 selection_init(struct selection *);
void	 selection_free(struct selection *);
int	 selection_add(struct selection *, const struct searchpath *,
	    const struct builtin *, size_t, const char *, int, char *, size_t);
void	 selection_add_default(struct selection *, const struct searchpath *,
	    const struct builtin *, size_t);
void	 selection_add_default_dirs(struct selection *,
	    const struct searchpath *, const struct builtin *, size_t,
	    bool (*)(const char *, void *), void *);
int	 selection_add_path(struct selection *, const char *, const char *,
	    int, char *, size_t);
size_t	 selection_add_builtin(struct selection *, const struct builtin *,
	    size_t, const char *, int);
void	 selection_remove(struct recfile *, size_t);

struct eligible_copy {
	size_t	*recs;
	size_t	 n;
};

struct eligible_copy *selection_save(const struct selection *);
void	 selection_restore(struct selection *, struct eligible_copy *);
void	 selection_drop(struct selection *, bool (*)(const struct source *,
	    void *), void *);
int	 selection_operands(struct selection *, const struct searchpath *,
	    const struct builtin *, size_t, int, char **, char *, size_t);
int	 selection_validate(const struct selection *, char *, size_t);
void	 selection_count(struct selection *);
void	 selection_filter(struct selection *, bool (*)(const struct source *,
	    const struct recfile *, const char *, size_t, void *), void *);
int	 selection_pick(struct selection *, struct rng *, struct recfile **,
	    size_t *);
double	 selection_chance(const struct selection *, size_t, ssize_t);

struct audience {
	bool		 partner;	/* a partner, not a friend or family */
	bool		 named;		/* the categories were named */
	const char	**exclude;	/* categories left out */
	size_t		 nexclude;
};

size_t	 audience_category_len(const char *);
bool	 audience_partner_only(const char *);
void	 selection_audience(struct selection *, const struct searchpath *,
	    const struct builtin *, size_t, const struct audience *);

/* json.c, mail.c: output formats. */
struct json {
	FILE	*fp;
	size_t	 depth;		/* objects and arrays open */
	bool	 comma;		/* the next value follows another */
};

void	 json_init(struct json *, FILE *);
void	 json_object(struct json *, const char *);
void	 json_object_end(struct json *);
void	 json_array(struct json *, const char *);
void	 json_array_end(struct json *);
void	 json_string(struct json *, const char *, const char *);
void	 json_stringn(struct json *, const char *, const char *, size_t);
void	 json_number(struct json *, const char *, const char *, ...)
	    __attribute__((__format__(__printf__, 3, 4)));
void	 json_bool(struct json *, const char *, bool);
void	 json_null(struct json *, const char *);
int	 json_write_string(FILE *, const char *, size_t);
int	 mail_write(FILE *, const char *, const char *, const char *,
	    const char *, size_t, time_t);
int	 mail_write_alternative(FILE *, const char *, const char *,
	    const char *, const char *, size_t, const char *, size_t, time_t);

/* prompt.c: prompt metadata, told by file names and text. */
#define AUDIENCE_ANY		0
#define AUDIENCE_PARTNER	1

struct promptmeta {
	int	 depth;		/* 1 light, 2 personal, 3 vulnerable */
	int	 audience;
};

int	 prompt_file_meta(const char *, struct promptmeta *);
const char *prompt_category(const char *, char *, size_t);
bool	 prompt_is_question(const char *, size_t);
uint32_t prompt_id(const char *, size_t);
uint32_t prompt_record_id(const struct recfile *, size_t);
int	 prompt_parse_depth(const char *, int *, int *);
void	 prompt_session_plan(int, int *);

/* history.c: the ids of prompts shown, oldest first. */
struct history {
	uint32_t	*ids;
	size_t		 n;
	size_t		 bad;		/* lines that were not ids */
};

#define HISTORY_MAX	8192	/* lines kept; compacted to half */
#define HISTORY_LINE	9	/* bytes of a line: 8 hex digits, newline */

int	 history_read(const char *, struct history *);
int	 history_append(const char *, const uint32_t *, size_t);
void	 history_free(struct history *);
size_t	 history_unseen(const struct history *, const uint32_t *, size_t,
	    bool *);

/* journal.c: the journal format: entries, their ids and their records. */
#define JOURNAL_MAGIC		"%%journal 1"
/* What ends a last line cut short before a record is appended after it. */
#define JOURNAL_TORN_MARK	"%%torn"
#define JOURNAL_ID_LEN		10	/* ids written by this version */
#define JOURNAL_ID_MAX		16	/* ids accepted */
#define JOURNAL_KEY_MAX		32
#define JOURNAL_TAG_MAX		64

struct jrating {
	char		 key[JOURNAL_KEY_MAX];
	char		 text[24];	/* the value as written */
	double		 value;
};

struct jentry {
	char		 id[JOURNAL_ID_MAX + 1];
	char		 ts[32];	/* the timestamp as written */
	struct jtime	 time;
	bool		 starred;
	char		**tags;		/* without their @ */
	size_t		 ntags;
	size_t		 tagcap;
	struct jrating	*ratings;
	size_t		 nratings;
	size_t		 ratingcap;
	char		 supersedes[JOURNAL_ID_MAX + 1];
	char		 prompt[9];	/* the id of the prompt answered */
	char		*body;
	size_t		 bodylen;
};

#define JREC_ENTRY	1
#define JREC_DELETE	2	/* a tombstone: entry.id and entry.ts */
#define JREC_UNKNOWN	3	/* a kind of a later version, kept */
#define JREC_PROBLEM	4	/* a torn or unreadable record, or stray text */

struct jevent {
	int		 kind;
	size_t		 line;
	off_t		 offset;	/* of the record's first line */
	struct jentry	 entry;
	const char	*raw;		/* the record's bytes in the file */
	size_t		 rawlen;
	const char	*problem;	/* a warning, or what is wrong */
	bool		 mismatch;	/* the checksum is not the text's */
	char		 kindword[16];
};

struct jbuf {
	char		*s;
	size_t		 len;
	size_t		 cap;
};

void	 jbuf_add(struct jbuf *, const char *, size_t);
void	 jentry_init(struct jentry *);
void	 jentry_free(struct jentry *);
void	 journal_id(uint64_t, char *);
void	 journal_new_id(char *);
bool	 journal_valid_tag(const char *);
bool	 journal_valid_rating(const char *, const char **);

/* jreader.c: reading a journal, a record at a time, and making one. */
struct jreader_state;

struct jreader {
	struct jreader_state *s;	/* private to lib/: see jreader.h */
	bool		 unknown_version; /* line 1 names a later version */
};

/* How much of a journal a reader passes over unread: jreader_skim(). */
#define JSKIM_NONE	0	/* every record read whole */
#define JSKIM_BODIES	1	/* the bodies of entries but edits */
#define JSKIM_HEADERS	2	/* and their headers after time and id */
#define JSKIM_PASS	3	/* and no event for those entries */

struct jskim {
	int		 level;		/* JSKIM_* */
	bool		 has_whole_from;
	time_t		 whole_from;	/* headers read whole from then on */
	const char	*whole_tag;	/* and those with this tag */
	time_t		 whole_tag_from; /* from then on */
};

void	 jreader_init(struct jreader *, const char *, FILE *);
void	 jreader_init_mem(struct jreader *, const char *, const char *,
	    size_t);
void	 jreader_skim(struct jreader *, const struct jskim *);
int	 jreader_next(struct jreader *, struct jevent *);
void	 jreader_free(struct jreader *);
int	 journal_format_entry(const struct jentry *, char **, size_t *);

/* jfile.c, jrewrite.c: the journal file: its lock, appends and rewrites. */
#define JREWRITE_COMPACT	1	/* drop superseded and deleted */
#define JREWRITE_REPAIR		2	/* move damaged records aside */

/* What a rewrite did. */
struct jrewrite {
	size_t		 dropped;	/* dead entries, or damaged records */
	size_t		 folded;	/* byte-identical copies of records */
};

int	 journal_lock(const char *);
int	 journal_append(const char *, const char *, size_t);
int	 journal_append_locked(const char *, const char *, size_t);
int	 journal_append_sealed_locked(const char *, const char *, size_t);
const char *journal_side_failed(int *);
bool	 journal_crlf(const char *);
int	 journal_check_version(int);
int	 journal_rewrite(const char *, int, const char *, struct jrewrite *);
int	 journal_open_side(const char *, int);
int	 journal_close_side(FILE *);
int	 journal_dead_ids(FILE *, const char *, struct idset *);

/* jquery.c: filters on entries, and the live entries passing them. */
struct jfilter {
	bool		 has_since;
	time_t		 since;
	bool		 has_until;
	time_t		 until;		/* exclusive */
	char		**tags;		/* all of them, without their @ */
	size_t		 ntags;
	char		**anytags;	/* at least one of them */
	size_t		 nanytags;
	char		**nottags;	/* none of them */
	size_t		 nnottags;
	bool		 anniversary;	/* this day of earlier years: */
	int		 amon;		/* its month, 0 to 11, */
	int		 amday;		/* its day of the month, */
	int		 ayear;		/* and its year, as struct tm's */
	regex_t		*re;		/* over the body */
	bool		 starred;
	char		 rkey[JOURNAL_KEY_MAX];
	char		 rop[3];
	double		 rvalue;
	bool		 has_rating;
};

/* An entry that passed the filters: where to read it again, and when. */
struct jhit {
	time_t		 utc;
	off_t		 offset;
	uint64_t	 idhash;
};

typedef void	 jproblem_fn(const char *, size_t, const char *, void *);

int	 jfilter_rating(struct jfilter *, const char *);
bool	 jfilter_match(const struct jentry *, const struct jfilter *);
void	 jfilter_anniversary(struct jfilter *, time_t);
bool	 smart_icase(const char *);
int	 journal_collect(FILE *, const char *, const struct jfilter *, bool,
	    struct jhit **, size_t *, jproblem_fn *, void *);
int	 journal_sound(FILE *, const char *, const struct jhit *, size_t,
	    jproblem_fn *, void *);

#define JFIND_NONE		1
#define JFIND_AMBIGUOUS		2
#define JFIND_DELETED		3

int	 journal_find(FILE *, const char *, const char *, char *, off_t *);

typedef void	 jentry_fn(const struct jentry *, void *);

int	 journal_each_live(FILE *, const char *, jentry_fn *, jproblem_fn *,
	    void *);

/* import_jrnl.c: reading jrnl's journals, for import. */
typedef int	 jrnl_fn(const struct jentry *, void *);

int	 jrnl_read(FILE *, const char *, jrnl_fn *, jproblem_fn *, void *);

/* jmerge.c: merging another copy of a journal, or imported entries. */
struct jkeys;
#define JMERGE_UNLOCKED	0x1	/* no lock: a file no one else writes */

/* What a merge did. */
struct jmerge {
	size_t		 added;		/* records appended */
	size_t		 had;		/* known to the journal, or repeated */
	size_t		 dead;		/* entries it deleted or superseded */
	size_t		 problems;	/* records that cannot be read */
	const char	*failed;	/* on failure: the journal, or other */
};

int	 journal_merge(const char *, const char *, int, jproblem_fn *, void *,
	    struct jmerge *);
int	 journal_merge_mem(const char *, const struct jkeys *, const char *,
	    const char *, size_t, int, jproblem_fn *, void *, struct jmerge *);

/* when.c, whenscan.c: the date grammar of journal and score. */
struct jrange {
	time_t		 start;
	time_t		 end;		/* exclusive; equal for an instant */
	bool		 allday;
};

struct jpoint {
	time_t		 t;
	bool		 timed;		/* a time of day was given */
};

int	 when_now(time_t *);
int	 when_parse(const char *, time_t, int, struct jrange *);
int	 when_range(const char *, time_t, int, struct jrange *, char *,
	    size_t);
int	 when_point(const char *, time_t, int, struct jpoint *, char *,
	    size_t);
int	 when_prefix(const char *, time_t, int, struct jpoint *,
	    const char **, char *, size_t);

/* conflict.c: the copies of a journal that synchronisers make, merged. */
bool	 conflict_name(const char *, const char *);
int	 conflict_list(const char *, char ***, size_t *);
void	 conflict_free(char **, size_t);
int	 conflict_fold(const char *, const char *, jproblem_fn *, void *,
	    struct jmerge *);
int	 conflict_resolve(const char *, const char *, jproblem_fn *, void *,
	    struct jmerge *);

/*
 * keyfile.c: a sealed journal's key file, JOURNAL.key, of journal(5):
 * public keys in clear, their secret keys wrapped under a key that
 * Argon2id draws from the passphrase.  The secrets live in locked memory
 * (sodium_malloc) and core dumps are off while they are loaded.
 */
#define KEY_ID_LEN	16		/* hex digits of a key id */
#define KEY_PUBLIC_LEN	32		/* crypto_box_PUBLICKEYBYTES */
#define KEY_SECRET_LEN	32		/* crypto_box_SECRETKEYBYTES */

/* What a guess at the passphrase costs: libsodium's three limits. */
enum key_cost {
	KEY_COST_INTERACTIVE,
	KEY_COST_MODERATE,
	KEY_COST_SENSITIVE
};

struct jkey {
	char		 id[KEY_ID_LEN + 1];
	unsigned char	 pk[KEY_PUBLIC_LEN];
	unsigned char	*sk;		/* in secrets, or NULL while locked */
};

struct jkeys {
	struct jkey	*keys;		/* in the file's order; the last writes */
	size_t		 nkeys;
	unsigned char	*secrets;	/* nkeys * KEY_SECRET_LEN, locked */
	size_t		 lineno;	/* of the problem, on EBADMSG */
	char		 msg[128];	/* the problem, on EBADMSG */
};

char	*keyfile_path(const char *);
int	 keyfile_create(const char *, const char *, size_t, enum key_cost);
int	 keyfile_read(const char *, struct jkeys *);
int	 keyfile_unlock(const char *, const char *, size_t, struct jkeys *);
int	 keyfile_passwd(const char *, const char *, size_t, const char *,
	    size_t, enum key_cost);
int	 keyfile_rotate(const char *, const char *, size_t);
const struct jkey *keys_writer(const struct jkeys *);
const struct jkey *keys_find(const struct jkeys *, const char *);
void	 keys_free(struct jkeys *);
int	 keys_core_off(void);

/*
 * seal.c, sealcache.c, sealconvert.c: the sealed records of a sealed
 * journal, a cache, and the conversions to and from a plain journal.
 */
#define SEALED_MAGIC	JOURNAL_MAGIC " sealed"
#define SEAL_LABEL_LEN	16		/* base32 of 80 random bits */
#define SEAL_BLOCK	256		/* plain text is padded to this */

/* What journal_unseal read. */
struct sealread {
	size_t		 records;	/* sealed lines read (and opened) */
	size_t		 damaged;	/* cut short, damaged, or not opened */
};

int	 seal_records(const struct jkey *, const char *, size_t, char **,
	    size_t *);
bool	 journal_fd_sealed(int);
bool	 journal_sealed(const char *);
/* How far a sealed journal was read, and what it made: for the cache. */
struct sealpos {
	off_t		 off;		/* the bytes of the journal read */
	uint64_t	 lineno;	/* the lines in them */
	size_t		 lastlen;	/* the last of them, in bytes */
	off_t		 plainlen;	/* the plain journal they make */
	bool		 newline;	/* which ends in a newline */
};
struct sealcache;

int	 journal_unseal(FILE *, const char *, const struct jkeys *,
	    jproblem_fn *, void *, struct sealread *, FILE **);
int	 journal_unseal_cached(FILE *, const char *, const struct jkeys *,
	    const char *, jproblem_fn *, void *, struct sealread *, FILE **);
struct sealcache *sealcache_open(const char *, const struct jkeys *, int,
	    struct sealpos *);
int	 sealcache_add(struct sealcache *, const void *, size_t, bool);
FILE	*sealcache_stream(struct sealcache *, const struct sealpos *, int);
void	 sealcache_abort(struct sealcache *);
int	 journal_encrypt(const char *, const struct jkey *);
int	 journal_decrypt(const char *, const struct jkeys *, jproblem_fn *,
	    void *);
int	 journal_merge_sealed(const char *, const char *, int, jproblem_fn *,
	    void *, struct jmerge *);
int	 journal_rewrite_sealed(const char *, int, const char *,
	    const struct jkeys *, struct jrewrite *);

/* keyring.c: unlocked keys kept for a while in the kernel's keyring. */
#define KEYRING_DEFAULT_SECONDS	(15 * 60)
int	 keyring_store(const struct jkeys *, unsigned int);
int	 keyring_fetch(struct jkeys *);
int	 keyring_forget(const struct jkeys *);

/* passphrase.c: a passphrase, in locked memory, and where it comes from. */
#define PASSPHRASE_MAX	1024		/* bytes, without the newline */
struct passphrase {
	char		*s;		/* NUL-terminated, locked */
	size_t		 len;
};
int	 passphrase_fd(int, struct passphrase *);
int	 passphrase_command(const char *, struct passphrase *);
int	 passphrase_tty(const char *, struct passphrase *);
void	 passphrase_free(struct passphrase *);

/* checkin.c: score's instrument, its answers and their scores. */
#define CHECKIN_POINTS_MAX	11	/* points of a scale */
#define CHECKIN_ITEMS_MAX	128
#define CHECKIN_NONE		(-1000)	/* an item not answered */
#define CHECKIN_TAG		"checkin"
#define CHECKIN_TOTAL		"total"
#define CHECKIN_NOWHERE		((size_t)-1)
#define CHECKIN_ABOUT_TAG	"about/"	/* then the person's name */
#define CHECKIN_ABOUT_MAX	31	/* bytes of the name */
#define CHECKIN_ABOUT_DEFAULT	"partner"	/* without the tag */

struct citem {
	char		 key[JOURNAL_KEY_MAX];
	size_t		 dim;		/* CHECKIN_NOWHERE: a global item */
	bool		 felt;		/* about what I felt, not what I did */
	bool		 reversed;	/* scored min + max - answer */
	bool		 circles;	/* the closeness picture, 1 to 7 */
	int		 min;
	int		 max;
	char		*text;
	char		*anchors[CHECKIN_POINTS_MAX];	/* of a global item */
};

struct cdim {
	char		 key[JOURNAL_KEY_MAX];
	char		 category[JOURNAL_KEY_MAX];
	char		*name;
	size_t		 nitems;
};

struct instrument {
	char		*title;
	char		*intro;
	int		 min;		/* the scale of the dimensions' items */
	int		 max;
	char		*labels[CHECKIN_POINTS_MAX];
	struct cdim	*dims;
	size_t		 ndims;
	struct citem	*items;		/* in the order they are asked */
	size_t		 nitems;
};

int	 instrument_parse(struct instrument *, const char *, const char *,
	    size_t, char *, size_t);
void	 instrument_free(struct instrument *);
ssize_t	 instrument_find(const struct instrument *, const char *);
ssize_t	 instrument_find_dim(const struct instrument *, const char *);
const char *instrument_band(const struct instrument *, double);
double	 score_round(double);
int	 answer_value(const struct instrument *, size_t, const char *, int *,
	    char *, size_t);
int	 answers_read(const struct instrument *, FILE *, const char *, int *,
	    char *, size_t);
#define ITEM_LABEL_TEXT	40	/* bytes of an item's text in a message */
void	 item_label(const struct instrument *, size_t, char *, size_t);
void	 checkin_score(const struct instrument *, const int *, double *,
	    double *);
double	 checkin_total(const struct instrument *, const double *);
int	 checkin_entry(const struct instrument *, const int *, time_t,
	    struct jentry *);
int	 checkin_about_name(const char *, char *, size_t);
void	 checkin_set_about(struct jentry *, const char *);
int	 checkin_about(const struct jentry *, char *, size_t);

/* review.c: check-ins and daily ratings read back from journals. */
#define REVIEW_DAYS		42	/* of daily ratings: six weeks */
#define REVIEW_KEYS_MAX		32	/* daily rating keys followed */
#define REVIEW_MIN_HISTORY	10	/* check-ins before own reliability */
#define REVIEW_HISTORY_DAYS	364	/* of check-ins for reliability */
#define REVIEW_TALK_GAP		1.0	/* compare: a difference worth a talk */
#define REVIEW_DAILY_RECENT	3	/* days rated of the last 7, at least */
#define REVIEW_DAILY_PRIOR	7	/* days rated of the 28 before, at least */
#define REVIEW_DAILY_MIN	0.5	/* the least daily change of a mean */

struct cread {
	time_t		 when;
	long		 day;		/* local days since 1970-01-01 */
	uint64_t	 idhash;
	size_t		 person;	/* whom it is about, in people */
	double		*items;		/* answers as given, NAN if none */
	double		*dims;		/* scores, NAN for n/a */
	double		 total;
};

struct dread {
	uint64_t	 idhash;
	long		 day;
	size_t		 key;
	double		 value;
};

struct review {
	const struct instrument *in;
	time_t		 now;
	long		 today;
	long		 horizon;	/* days before: entries skimmed */
	int		 week_start;	/* 0 Sunday, 1 Monday (the default) */
	struct cread	*checkins;	/* sorted by time once finished */
	size_t		 ncheckins;
	size_t		 checkincap;
	struct dread	*daily;		/* the last REVIEW_DAYS days */
	size_t		 ndaily;
	size_t		 dailycap;
	char		 keys[REVIEW_KEYS_MAX][JOURNAL_KEY_MAX];
	size_t		 nkeys;
	struct idset	 dead;		/* ids superseded or deleted */
	char		(*people)[CHECKIN_ABOUT_MAX + 1];	/* sorted */
	size_t		 npeople;
	double		*threshold;	/* per dimension, then the total */
	double		*sd;
	double		*alpha;
	bool		*own;		/* from the person's own check-ins */
};

struct dstat {
	double		 mean;
	double		 sd;
	int		 days;
};

long	 review_day(time_t);
long	 review_week_start(long, int);
size_t	 review_nweeks(long, long, int);
void	 review_init(struct review *, const struct instrument *, time_t,
	    long);
int	 review_read(struct review *, FILE *, const char *, jproblem_fn *,
	    void *);
void	 review_finish(struct review *);
void	 review_free(struct review *);
size_t	 review_find_person(const struct review *, const char *);
void	 review_of_person(const struct review *, size_t, const char *,
	    struct review *);
double	 cread_score(const struct review *, const struct cread *, size_t);
size_t	 review_weeks(const struct review *, long, size_t, double *,
	    size_t);
int	 review_change(const struct review *, long, size_t, double *, long *);
int	 review_daily(const struct review *, size_t, struct dstat *,
	    struct dstat *);
const struct cread *review_latest(const struct review *, long);
size_t	 review_count(const struct review *, long);
size_t	 review_lowest(const struct review *, const struct cread *);
size_t	 review_strongest(const struct review *, const struct cread *, size_t,
	    size_t *, size_t);
void	 review_columns(const double *, size_t, double *, size_t);
int	 review_level(const struct instrument *, double, int);
bool	 review_talk(const struct instrument *, size_t, double, double);

/* configfile.c: the user's configuration file, rapport-config(5). */
struct config_item {
	char		 section[16];
	char		 key[32];
	char		*value;
	size_t		 line;
};

struct config {
	char		*path;		/* NULL without a file */
	struct config_item *items;
	size_t		 nitems;
	char		*warning;	/* about other commands' sections */
};

int	 config_parse(struct config *, const char *, const char *, size_t,
	    const char *, char *, size_t);
int	 config_load(struct config *, const char *, char *, size_t);
const char *config_get(const struct config *, const char *, const char *);
void	 config_where(const struct config *, const char *, const char *,
	    char *, size_t);
char	*config_path(const char *);
int	 config_week_start(const struct config *, const char *);
void	 config_free(struct config *);

#endif /* RAPPORT_H */
