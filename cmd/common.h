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
 * What the four commands share: their exit statuses, the end of their
 * output and the options that some of them take alike, in common.c; and
 * what journal and score share about the user's journal, in
 * common-journal.c: where it is, opening it, the time now, and why
 * writing to it failed.  Include it after rapport.h.
 */

#ifndef COMMON_H
#define COMMON_H

/* The exit statuses, as each manual's EXIT STATUS gives them. */
#define EXIT_NOMATCH	1	/* tip, prompt, journal: nothing matched */
#define EXIT_NOTHING	1	/* score: no check-in to show or save */
#define EXIT_TROUBLE	2	/* anything that went wrong */

struct config;
struct rng;
struct searchpath;

/* common.c */
void	 finish_stdout(void);
void	 print_version(const char *);
size_t	 terminal_columns(void);
void	 read_config(struct config *, const char *);
char	*split_names(const char *, const char ***, size_t *);
void	 check_excluded(const struct config *, const char *,
	    const struct searchpath *,
	    bool (*)(const struct searchpath *, const char *));
const char *daily_option(const char *, int, char **);
void	 daily_rng(struct rng *, const char *, const char *);
bool	 audience_option(const char *);
void	 check_mail_options(bool, const char *, const char *);

/* common-journal.c */
struct jkeys;
struct passphrase;
extern int		 passfd_option;		/* --passphrase-fd */
extern const struct config *passphrase_config;	/* its passcmd */
extern jproblem_fn	*unseal_problem;	/* told of sealed records */
time_t	 now_or_exit(void);
char	*which_journal(const struct config *, const char *);
FILE	*open_journal(const char *, bool);
void	 get_passphrase(const char *, struct passphrase *);
void	 ask_passphrase(const char *, struct passphrase *);
int	 take_passphrase_fd(int, char **);
bool	 keys_at_hand(const char *);
void	 read_keys(const char *, struct jkeys *);
void	 unlock_keys(const char *, struct jkeys *);
void	 ask_keys(const char *, struct jkeys *);
const struct jkeys *journal_keys(const char *);
__dead void key_failed(const char *, const struct jkeys *);
__dead void write_failed(const char *, const char *, const char *);

#endif /* COMMON_H */
