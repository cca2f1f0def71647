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
 * What journal's subcommands share: the dispatcher in journal.c, writing
 * in journal-write.c, the editor in journal-editor.c, editing in
 * journal-edit.c, deleting in journal-delete.c, listing, showing and
 * exporting in journal-read.c, checking the journal in journal-check.c,
 * keeping it in journal-keep.c, its copies on other machines in
 * journal-sync.c, and its keys when it is sealed in journal-seal.c.
 * Include it after <getopt.h>, rapport.h and common.h.
 */

#ifndef JOURNAL_H
#define JOURNAL_H

/* Options without a letter, numbered past every letter getopt returns. */
enum long_only {
	OPT_CONFLICTS = UCHAR_MAX + 1,
	OPT_COST,
	OPT_FOR,
	OPT_FORMAT,
	OPT_FROM,
	OPT_FUTURE,
	OPT_REPAIR,
	OPT_STRICT,
	OPT_TEMPLATE
};

extern const char	*journal_path;	/* -f, JOURNAL_FILE or the default */
extern struct config	 config;	/* rapport-config(5) */

__dead void usage(void);
void	 file_only(int, char **, int, const struct option *,
	    void (*)(int, const char *));
off_t	 find_entry(FILE *, const char *, char *, bool);
FILE	*reopen_locked(int *);
void	 append_unlock(int, const char *, size_t);
void	 report_problem(const char *, size_t, const char *, void *);

/* The editor's template for a new entry, with its comment mark. */
#define TEMPLATE \
    "%1$s Write your entry above these lines; lines starting with %1$s " \
    "are left out.\n" \
    "%1$s Save and quit to add it to the journal; an empty or unchanged " \
    "entry\n%1$s adds nothing.\n"

/* journal-editor.c */
extern char	*edit_file;
extern bool	 edit_kept;
char	*read_stream(FILE *, size_t *);
char	*comment_marker(const char *, size_t, int);
bool	 marked(const char *, size_t, size_t, int);
char	*run_editor(const char *, size_t, bool, const char *,
	    size_t *);
void	 check_text(const char *, size_t);
bool	 blank(const char *, size_t);

/* journal-write.c */
int	 cmd_write(int, char **);
char	*entry_record(struct jentry *, size_t *);
void	 entry_add_tag(struct jentry *, const char *);
void	 entry_add_rating(struct jentry *, const char *);
void	 entry_date(struct jentry *, const struct jpoint *, time_t,
	    const char *, bool);

/* journal-delete.c */
int	 cmd_delete(int, char **);
bool	 confirm(const char *);

/* journal-edit.c */
int	 cmd_edit(int, char **);
void	 copy_entry(struct jentry *, const struct jentry *);
void	 entry_at(FILE *, off_t, struct jreader *, struct jevent *);
bool	 same_record(FILE *, off_t, const char *, size_t);

/* journal-read.c: list's filters, shared with delete and edit. */
struct filters {
	struct jfilter	 f;
	const char	*pattern;	/* -g */
	int		 icase;		/* -i: 1, -I: 0, else smart case */
	regex_t		 re;
	time_t		 now;
	bool		 any;		/* a filter was given */
};

void	 filters_init(struct filters *);
bool	 filter_option(struct filters *, int, const char *);
void	 filters_ready(struct filters *);
void	 filters_free(struct filters *);
void	 print_short_at(FILE *, const struct jhit *, size_t);
int	 cmd_list(int, char **);
int	 cmd_show(int, char **);
int	 cmd_export(int, char **);

/* journal-seal.c */
int	 cmd_key(int, char **);
int	 cmd_encrypt(int, char **);
int	 cmd_decrypt(int, char **);
int	 cmd_unlock(int, char **);
int	 cmd_lock(int, char **);

/* journal-sync.c */
int	 merge_conflicts(void);
int	 cmd_merge_driver(int, char **);

/* journal-check.c */
int	 cmd_check(int, char **);

/* journal-keep.c */
int	 cmd_compact(int, char **);
int	 cmd_merge(int, char **);
int	 cmd_import(int, char **);
int	 cmd_tags(int, char **);
int	 cmd_stats(int, char **);

#endif /* JOURNAL_H */
