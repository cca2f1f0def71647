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
 * journal's reading: list, show and export, and the formats they print
 * entries in.
 */

#include "config.h"

#include <sys/ioctl.h>
#include <sys/wait.h>

#include <ctype.h>
#include <err.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <locale.h>
#include <math.h>
#include <regex.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "rapport.h"
#include "common.h"
#include "journal.h"

enum format { FORMAT_NONE, FORMAT_TEXT, FORMAT_SHORT, FORMAT_RAW,
    FORMAT_JSONL, FORMAT_JSON, FORMAT_TSV, FORMAT_JRNL, FORMAT_MARKDOWN };

extern const struct builtin builtin_checkin[];

/* The pager of long output on a terminal when PAGER is not set, as git's. */
#define PAGER_DEFAULT	"less -FRX"

/* Where entries go, and how they are printed there. */
struct printer {
	FILE		*out;		/* stdout, or what the pager is given */
	enum format	 format;
	int		 mode;		/* SAFEOUT_TTY on a terminal */
	size_t		 width;		/* of the text formats' lines */
	struct json	 json;
	char		*held;		/* the output held for the pager */
	size_t		 heldlen;
};

static void	 print_tsv_field(FILE *, const char *, size_t);
static bool	 jrnl_has_tag(const char *, size_t, const char *);
static const struct instrument *checkin_instrument(void);
static char	*checkin_summary(const struct jentry *);
static void	 print_text(struct printer *, const struct jentry *);
static void	 print_short(struct printer *, const struct jentry *);
static void	 print_entry(struct printer *, const struct jevent *);
static void	 printer_init(struct printer *, enum format, bool);
static void	 printer_finish(struct printer *);
static void	 collect(FILE *, const struct jfilter *, bool, struct jhit **,
		    size_t *);
static void	 print_at(FILE *, const char *, off_t, struct printer *);
static enum format parse_format(const char *, bool);
static void	 add_tag(char ***, size_t *, const char *);
static int	 query(int, char **, bool);
static void	 show_option(int, const char *);

static void
print_tsv_field(FILE *out, const char *s, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		switch (s[i]) {
		case '\\':
			fputs("\\\\", out);
			break;
		case '\t':
			fputs("\\t", out);
			break;
		case '\n':
			fputs("\\n", out);
			break;
		case '\r':
			fputs("\\r", out);
			break;
		default:
			putc(s[i], out);
		}
}

/*
 * Whether jrnl reads a tag in a text: @tag at the start or after a
 * blank, and not followed by what jrnl takes for more of a tag.
 */
static bool
jrnl_has_tag(const char *s, size_t n, const char *tag)
{
	size_t	 i, k, len = strlen(tag);

	for (i = 0; i + len + 1 <= n; i++) {
		if (s[i] != '@' || (i > 0 && strchr(" \t\n", s[i - 1]) ==
		    NULL) || memcmp(s + i + 1, tag, len) != 0)
			continue;
		/* Any byte of a multibyte character may be a letter. */
		k = i + 1 + len;
		if (k == n || (strchr("-+*#/_", s[k]) == NULL &&
		    !isalnum((unsigned char)s[k]) && (s[k] & 0x80) == 0))
			return true;
	}
	return false;
}

/* score's built-in instrument, read once, for the check-ins' summaries. */
static const struct instrument *
checkin_instrument(void)
{
	static struct instrument	 in;
	static int			 state;	/* 0 unread, 1 read, -1 bad */
	char				 msg[ERRBUF_SIZE];

	if (state == 0)
		state = instrument_parse(&in, "checkin (built in)",
		    builtin_checkin[0].text, builtin_checkin[0].size, msg,
		    sizeof(msg)) == 0 ? 1 : -1;
	return state == 1 ? &in : NULL;
}

/*
 * The summary of a check-in of score's, in place of its thirty ratings:
 * its overall score and its weakest and strongest dimension, as score's
 * own summary finds them, from the scores written in the entry.  NULL
 * for another entry, or a check-in without a score of a dimension.
 */
static char *
checkin_summary(const struct jentry *e)
{
	const struct instrument	*in;
	struct review		 r;
	struct cread		 c;
	char			*s, *t;
	size_t			 i, low, top, ntop;
	ssize_t			 d;
	bool			 any = false;

	for (i = 0; i < e->ntags; i++)
		if (strcmp(e->tags[i], CHECKIN_TAG) == 0)
			break;
	if (i == e->ntags || (in = checkin_instrument()) == NULL)
		return NULL;
	memset(&r, 0, sizeof(r));
	r.in = in;
	memset(&c, 0, sizeof(c));
	c.total = NAN;
	c.dims = xreallocarray(NULL, in->ndims, sizeof(*c.dims));
	for (i = 0; i < in->ndims; i++)
		c.dims[i] = NAN;
	for (i = 0; i < e->nratings; i++) {
		if (strcmp(e->ratings[i].key, CHECKIN_TOTAL) == 0)
			c.total = e->ratings[i].value;
		else if ((d = instrument_find_dim(in,
		    e->ratings[i].key)) != -1) {
			c.dims[d] = e->ratings[i].value;
			any = true;
		}
	}
	if (!any) {
		free(c.dims);
		return NULL;
	}
	if (isnan(c.total))
		s = xstrdup("check-in:");
	else
		xasprintf(&s, "check-in: %.1f overall,", score_round(c.total));
	low = review_lowest(&r, &c);
	ntop = review_strongest(&r, &c, low, &top, 1);
	if (ntop == 0)
		xasprintf(&t, "%s every dimension %.1f", s,
		    score_round(c.dims[low]));
	else
		xasprintf(&t, "%s weakest %s %.1f, strongest %s %.1f", s,
		    in->dims[low].key, score_round(c.dims[low]),
		    in->dims[top].key, score_round(c.dims[top]));
	free(s);
	free(c.dims);
	return t;
}

/*
 * The text format: a heading of day, time, id, star, tags and ratings,
 * or a check-in's summary in place of its ratings, then the body indented, each line wrapped at blanks to the width.
 */
static void
print_text(struct printer *pr, const struct jentry *e)
{
	char		 when[32], *head, *line, *summary;
	const char	*p, *end, *nl;
	size_t		 i, at, n, next, width;

	if (e->time.allday)
		snprintf(when, sizeof(when), "%.10s", e->ts);
	else
		snprintf(when, sizeof(when), "%.10s %.5s", e->ts, e->ts + 11);
	xasprintf(&head, "%-16s  %s%s", when, e->id, e->starred ? "  *" : "");
	for (i = 0; i < e->ntags; i++) {
		xasprintf(&line, "%s  @%s", head, e->tags[i]);
		free(head);
		head = line;
	}
	if ((summary = checkin_summary(e)) != NULL) {
		xasprintf(&line, "%s  %s", head, summary);
		free(head);
		free(summary);
		head = line;
	}
	for (i = 0; i < e->nratings && summary == NULL; i++) {
		xasprintf(&line, "%s  %s=%s", head, e->ratings[i].key,
		    e->ratings[i].text);
		free(head);
		head = line;
	}
	if (safe_write(pr->out, head, strlen(head), pr->mode) == -1)
		err(EXIT_TROUBLE, "stdout");
	free(head);
	width = pr->width > 4 ? pr->width - 4 : 1;
	end = e->body + e->bodylen;
	for (p = e->body; p < end; p = nl + 1) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		at = 0;
		do {
			n = wrap_line(p + at, (size_t)(nl - p) - at, width,
			    &next);
			fputs("    ", pr->out);
			if (safe_write(pr->out, p + at, n, pr->mode) == -1)
				err(EXIT_TROUBLE, "stdout");
			at += next;
		} while (at < (size_t)(nl - p));
	}
	putc('\n', pr->out);
}

/* One line an entry: day, time, id and the start of its first line. */
static void
print_short(struct printer *pr, const struct jentry *e)
{
	char		 head[64];
	const char	*nl;
	size_t		 len, hw;

	if (e->time.allday)
		snprintf(head, sizeof(head), "%-16.10s  %s%s ", e->ts, e->id,
		    e->starred ? " *" : "");
	else
		snprintf(head, sizeof(head), "%.10s %.5s  %s%s ", e->ts,
		    e->ts + 11, e->id, e->starred ? " *" : "");
	hw = strlen(head);
	nl = memchr(e->body, '\n', e->bodylen);
	len = nl == NULL ? e->bodylen : (size_t)(nl - e->body);
	len = width_cut(e->body, len, pr->width > hw ? pr->width - hw : 0);
	fputs(head, pr->out);
	if (safe_write(pr->out, e->body, len, pr->mode) == -1)
		err(EXIT_TROUBLE, "stdout");
}

/* Print one entry in the printer's format. */
static void
print_entry(struct printer *pr, const struct jevent *ev)
{
	const struct jentry	*e = &ev->entry;
	FILE			*out = pr->out;
	struct json		*j = &pr->json;
	struct tm		 tm;
	char			 when[32];
	const char		*end, *nl;
	size_t			 i;

	switch (pr->format) {
	case FORMAT_RAW:
		fwrite(ev->raw, 1, ev->rawlen, out);
		break;
	case FORMAT_JSON:
	case FORMAT_JSONL:
		json_object(j, NULL);
		json_string(j, "id", e->id);
		json_string(j, "ts", e->ts);
		json_bool(j, "all_day", e->time.allday);
		json_bool(j, "starred", e->starred);
		json_array(j, "tags");
		for (i = 0; i < e->ntags; i++)
			json_string(j, NULL, e->tags[i]);
		json_array_end(j);
		json_object(j, "ratings");
		for (i = 0; i < e->nratings; i++)
			json_number(j, e->ratings[i].key, "%.15g",
			    e->ratings[i].value);
		json_object_end(j);
		if (e->prompt[0] != '\0')
			json_string(j, "prompt", e->prompt);
		else
			json_null(j, "prompt");
		if (e->supersedes[0] != '\0')
			json_string(j, "supersedes", e->supersedes);
		else
			json_null(j, "supersedes");
		json_stringn(j, "body", e->body, e->bodylen);
		json_object_end(j);
		break;
	case FORMAT_TSV:
		fprintf(out, "%s\t%s\t%d\t", e->id, e->ts, e->starred);
		for (i = 0; i < e->ntags; i++)
			fprintf(out, "%s%s", i > 0 ? "," : "", e->tags[i]);
		putc('\t', out);
		for (i = 0; i < e->nratings; i++)
			fprintf(out, "%s%s=%s", i > 0 ? "," : "",
			    e->ratings[i].key, e->ratings[i].text);
		putc('\t', out);
		print_tsv_field(out, e->body, e->bodylen);
		putc('\n', out);
		break;
	case FORMAT_JRNL:
		/*
		 * jrnl's own layout: [time] title, then the rest.  Its times
		 * are local, to the minute unless there are seconds; it has
		 * no all-day entries, and dates a day alone at 09:00.
		 */
		if (e->time.allday)
			snprintf(when, sizeof(when), "%.10s 09:00", e->ts);
		else {
			localtime_r(&e->time.utc, &tm);
			strftime(when, sizeof(when), tm.tm_sec != 0 ?
			    "%Y-%m-%d %H:%M:%S" : "%Y-%m-%d %H:%M", &tm);
		}
		fprintf(out, "[%s] ", when);
		nl = memchr(e->body, '\n', e->bodylen);
		end = e->body + e->bodylen;
		fwrite(e->body, 1, (size_t)((nl == NULL ? end : nl) -
		    e->body), out);
		/* jrnl's tags are words of the text: add those missing. */
		for (i = 0; i < e->ntags; i++)
			if (!jrnl_has_tag(e->body, e->bodylen, e->tags[i]))
				fprintf(out, " @%s", e->tags[i]);
		if (e->starred)
			fputs(" *", out);
		putc('\n', out);
		if (nl != NULL && nl + 1 < end) {
			fwrite(nl + 1, 1, (size_t)(end - nl - 1), out);
			if (end[-1] != '\n')
				putc('\n', out);
		}
		putc('\n', out);
		break;
	case FORMAT_MARKDOWN:
		fprintf(out, "## %s%s\n\n", e->ts, e->starred ? " *" : "");
		for (i = 0; i < e->ntags; i++)
			fprintf(out, "%s`@%s`", i > 0 ? " " : "", e->tags[i]);
		for (i = 0; i < e->nratings; i++)
			fprintf(out, "%s`%s=%s`", i + e->ntags > 0 ? " " : "",
			    e->ratings[i].key, e->ratings[i].text);
		if (e->ntags + e->nratings > 0)
			fputs("\n\n", out);
		fwrite(e->body, 1, e->bodylen, out);
		if (e->bodylen == 0 || e->body[e->bodylen - 1] != '\n')
			putc('\n', out);
		putc('\n', out);
		break;
	case FORMAT_TEXT:
		print_text(pr, e);
		break;
	case FORMAT_SHORT:
		print_short(pr, e);
		break;
	case FORMAT_NONE:
		break;
	}
}

/*
 * Ready to print in a format.  With paging, on a terminal, the output is
 * held, to go through the pager at the end if it is longer than the
 * terminal.
 */
static void
printer_init(struct printer *pr, enum format format, bool paging)
{
	memset(pr, 0, sizeof(*pr));
	pr->out = stdout;
	pr->format = format;
	pr->mode = isatty(STDOUT_FILENO) ? SAFEOUT_TTY : SAFEOUT_RAW;
	pr->width = terminal_columns();
	if (paging && pr->mode == SAFEOUT_TTY &&
	    (pr->out = open_memstream(&pr->held, &pr->heldlen)) == NULL)
		err(EXIT_TROUBLE, "open_memstream");
	json_init(&pr->json, pr->out);
	if (format == FORMAT_JSON)
		json_array(&pr->json, NULL);
}

/*
 * Finish printing: output held for the pager goes through $PAGER, or
 * less -FRX, when it has more lines than the terminal, and else, or when
 * the pager could not be run, to stdout.
 */
static void
printer_finish(struct printer *pr)
{
	struct winsize	 ws;
	const char	*pager;
	size_t		 lines, rows, i;
	FILE		*fp;
	int		 status;

	if (pr->format == FORMAT_JSON)
		json_array_end(&pr->json);
	if (pr->out == stdout) {
		finish_stdout();
		return;
	}
	if (fclose(pr->out) == EOF)
		err(EXIT_TROUBLE, "open_memstream");
	rows = 24;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0)
		rows = ws.ws_row;
	for (i = lines = 0; i < pr->heldlen; i++)
		lines += pr->held[i] == '\n';
	if ((pager = getenv("PAGER")) == NULL || *pager == '\0')
		pager = PAGER_DEFAULT;
	if (lines >= rows) {
		/* Quitting the pager early is no error. */
		signal(SIGPIPE, SIG_IGN);
		fflush(stdout);
		if ((fp = popen(pager, "w")) != NULL) {
			fwrite(pr->held, 1, pr->heldlen, fp);
			/* A pager not found (127) saw nothing: print. */
			status = pclose(fp);
			if (status == -1 || !WIFEXITED(status) ||
			    WEXITSTATUS(status) != 127) {
				free(pr->held);
				return;
			}
		}
	}
	fwrite(pr->held, 1, pr->heldlen, stdout);
	free(pr->held);
	finish_stdout();
}

/* The live entries passing a filter, or exit on a read error. */
static void
collect(FILE *fp, const struct jfilter *f, bool skim, struct jhit **hitsp,
    size_t *np)
{
	if (journal_collect(fp, journal_path, f, skim, hitsp, np,
	    report_problem, NULL) == -1)
		err(EXIT_TROUBLE, "%s", journal_path);
}

/* Read the record at an offset again and print it. */
static void
print_at(FILE *fp, const char *path, off_t offset, struct printer *pr)
{
	struct jreader	 r;
	struct jevent	 ev;

	if (fseeko(fp, offset, SEEK_SET) == -1)
		err(EXIT_TROUBLE, "%s", path);
	jreader_init(&r, path, fp);
	if (jreader_next(&r, &ev) == 1 && ev.kind == JREC_ENTRY)
		print_entry(pr, &ev);
	jreader_free(&r);
}

/* A format of list and show, or with journal_formats, of export. */
static enum format
parse_format(const char *s, bool journal_formats)
{
	if (strcmp(s, "text") == 0 && !journal_formats)
		return FORMAT_TEXT;
	if (strcmp(s, "raw") == 0 && !journal_formats)
		return FORMAT_RAW;
	if (strcmp(s, "jsonl") == 0)
		return FORMAT_JSONL;
	if (strcmp(s, "json") == 0)
		return FORMAT_JSON;
	if (strcmp(s, "tsv") == 0 && !journal_formats)
		return FORMAT_TSV;
	if (strcmp(s, "jrnl") == 0 && journal_formats)
		return FORMAT_JRNL;
	if (strcmp(s, "markdown") == 0 && journal_formats)
		return FORMAT_MARKDOWN;
	errx(EXIT_TROUBLE, "format must be %s: %s", journal_formats ?
	    "jrnl, markdown, json or jsonl" : "text, raw, json, jsonl or tsv",
	    s);
}

/* Add a tag, without its @, to a list of them. */
static void
add_tag(char ***tags, size_t *n, const char *tag)
{
	*tags = xreallocarray(*tags, *n + 1, sizeof(**tags));
	(*tags)[(*n)++] = (char *)(tag[0] == '@' ? tag + 1 : tag);
}

/* No filter yet: every live entry passes. */
void
filters_init(struct filters *fs)
{
	memset(fs, 0, sizeof(*fs));
	fs->icase = -1;
	fs->now = now_or_exit();
}

/*
 * Take a filter option of list, by the letter of list_opts, and say
 * whether it was one: list, export, delete and edit share them.
 */
bool
filter_option(struct filters *fs, int ch, const char *arg)
{
	struct jfilter	*f = &fs->f;
	struct jrange	 range;
	char		 why[128];

	switch (ch) {
	case 'A':
		jfilter_anniversary(f, fs->now);
		break;
	case 'g':
		fs->pattern = arg;
		break;
	case 'i':
	case 'I':
		fs->icase = ch == 'i';
		break;
	case 'R':
		if (jfilter_rating(f, arg) == -1)
			errx(EXIT_TROUBLE, "rating must be KEY<=N, KEY<N, "
			    "KEY=N, KEY>N or KEY>=N: %s", arg);
		break;
	case 's':
		f->starred = true;
		break;
	case 'O':
	case 'S':
	case 'U':
		if (when_range(arg, fs->now, config_week_start(&config,
		    "journal"), &range, why, sizeof(why)) == -1)
			errx(EXIT_TROUBLE, "--%s %s: %s (see journal(1), "
			    "DATES)", ch == 'O' ? "on" : ch == 'S' ? "since" :
			    "until", arg, why);
		if (ch != 'U') {
			f->has_since = true;
			f->since = range.start;
		}
		if (ch != 'S') {
			f->has_until = true;
			f->until = range.end;
		}
		break;
	case 't':
		add_tag(&f->tags, &f->ntags, arg);
		break;
	case 'T':
		add_tag(&f->nottags, &f->nnottags, arg);
		break;
	case 'Y':
		add_tag(&f->anytags, &f->nanytags, arg);
		break;
	default:
		return false;
	}
	fs->any = true;
	return true;
}

/* Compile the pattern of -g, if any, or exit saying why it is none. */
void
filters_ready(struct filters *fs)
{
	char	 msg[256];
	int	 rv;

	if (fs->pattern == NULL)
		return;
	setlocale(LC_CTYPE, "");
	if (fs->icase == -1)
		fs->icase = smart_icase(fs->pattern);
	if ((rv = regcomp(&fs->re, fs->pattern, REG_EXTENDED | REG_NOSUB |
	    REG_NEWLINE | (fs->icase ? REG_ICASE : 0))) != 0) {
		regerror(rv, &fs->re, msg, sizeof(msg));
		errx(EXIT_TROUBLE, "%s: %s", fs->pattern, msg);
	}
	fs->f.re = &fs->re;
}

void
filters_free(struct filters *fs)
{
	free(fs->f.tags);
	free(fs->f.nottags);
	free(fs->f.anytags);
	if (fs->f.re != NULL)
		regfree(fs->f.re);
}

/* The entries at these offsets, one line each, as list --short prints. */
void
print_short_at(FILE *fp, const struct jhit *hits, size_t n)
{
	struct printer	 pr;
	size_t		 i;

	printer_init(&pr, FORMAT_SHORT, false);
	for (i = 0; i < n; i++)
		print_at(fp, journal_path, hits[i].offset, &pr);
	printer_finish(&pr);
}

/*
 * The options of list and export; the long options without a short one
 * have letters that the short options do not take.
 */
static const struct option list_opts[] = {
	{ "anniversary", no_argument,		NULL,	'A' },
	{ "any-tag",	required_argument,	NULL,	'Y' },
	{ "case-sensitive", no_argument,	NULL,	'I' },
	{ "count",	required_argument,	NULL,	'n' },
	{ "file",	required_argument,	NULL,	'f' },
	{ "format",	required_argument,	NULL,	'F' },
	{ "grep",	required_argument,	NULL,	'g' },
	{ "ignore-case", no_argument,		NULL,	'i' },
	{ "no-pager",	no_argument,		NULL,	'P' },
	{ "not-tag",	required_argument,	NULL,	'T' },
	{ "on",		required_argument,	NULL,	'O' },
	{ "rating",	required_argument,	NULL,	'R' },
	{ "short",	no_argument,		NULL,	'H' },
	{ "since",	required_argument,	NULL,	'S' },
	{ "starred",	no_argument,		NULL,	's' },
	{ "tag",	required_argument,	NULL,	't' },
	{ "until",	required_argument,	NULL,	'U' },
	{ NULL,		0,			NULL,	0 }
};

/*
 * List or export entries: every filter must hold; in timestamp order;
 * the last count of them with -n.  Exit 0 when something was printed, 1
 * otherwise, with a word on stderr.
 */
static int
query(int argc, char **argv, bool export)
{
	struct filters	 fs;
	struct jhit	*hits;
	struct printer	 pr;
	enum format	 format;
	const char	*errstr, *v;
	size_t		 n, i, first, count = 0;
	FILE		*fp;
	int		 ch, rv;
	bool		 skim, paging;

	filters_init(&fs);
	format = export ? FORMAT_NONE : FORMAT_TEXT;
	v = config_get(&config, "journal", "pager");
	paging = !export && (v == NULL || strcmp(v, "no") != 0);
	optind = 1;
	while ((ch = getopt_long(argc, argv, "f:g:iIn:st:T:", list_opts,
	    NULL)) != -1) {
		if (filter_option(&fs, ch, optarg))
			continue;
		switch (ch) {
		case 'F':
			format = parse_format(optarg, export);
			break;
		case 'f':
			journal_path = optarg;
			break;
		case 'H':
			if (export)
				usage();
			format = FORMAT_SHORT;
			break;
		case 'n':
			count = strtonum(optarg, 1, LLONG_MAX, &errstr);
			if (errstr != NULL)
				errx(EXIT_TROUBLE, "count is %s: %s", errstr,
				    optarg);
			break;
		case 'P':
			paging = false;
			break;
		default:
			usage();
		}
	}
	if (optind != argc)
		usage();
	if (format == FORMAT_NONE)
		errx(EXIT_TROUBLE, "export needs --format jrnl, markdown, "
		    "json or jsonl");
	filters_ready(&fs);
	journal_path = which_journal(&config, journal_path);
	if ((fp = open_journal(journal_path, true)) == NULL) {
		warnx("no entries yet in %s", journal_path);
		filters_free(&fs);
		return EXIT_NOMATCH;
	}
	/*
	 * For the last few entries, skim; should one of those shown turn
	 * out damaged beyond what skimming sees, read everything instead.
	 */
	skim = count > 0 && fs.f.re == NULL;
	collect(fp, &fs.f, skim, &hits, &n);
	first = count > 0 && count < n ? n - count : 0;
	if (skim && n > 0 && (rv = journal_sound(fp, journal_path,
	    hits + first, n - first, report_problem, NULL)) != 1) {
		if (rv == -1)
			err(EXIT_TROUBLE, "%s", journal_path);
		free(hits);
		collect(fp, &fs.f, false, &hits, &n);
		first = count > 0 && count < n ? n - count : 0;
	}
	printer_init(&pr, format, paging);
	for (i = first; i < n; i++)
		print_at(fp, journal_path, hits[i].offset, &pr);
	printer_finish(&pr);
	if (n == 0)
		warnx("no entry matched in %s", journal_path);
	free(hits);
	filters_free(&fs);
	fclose(fp);
	return n > 0 ? 0 : EXIT_NOMATCH;
}

int
cmd_list(int argc, char **argv)
{
	return query(argc, argv, false);
}

/* Export entries, in timestamp order, for other programs. */
int
cmd_export(int argc, char **argv)
{
	return query(argc, argv, true);
}

static const struct option show_opts[] = {
	{ "file",	required_argument,	NULL,	'f' },
	{ "format",	required_argument,	NULL,	OPT_FORMAT },
	{ NULL,		0,			NULL,	0 }
};

static enum format show_format;

static void
show_option(int ch __attribute__((__unused__)), const char *arg)
{
	show_format = parse_format(arg, false);
}

/* Show one entry, named by its id or a prefix of it. */
int
cmd_show(int argc, char **argv)
{
	struct printer	 pr;
	char		 id[JOURNAL_ID_MAX + 1];
	off_t		 where;
	FILE		*fp;

	show_format = isatty(STDOUT_FILENO) ? FORMAT_TEXT : FORMAT_RAW;
	file_only(argc, argv, 1, show_opts, show_option);
	if ((fp = open_journal(journal_path, true)) == NULL)
		errx(EXIT_NOMATCH, "no entry %s: %s is empty", argv[optind],
		    journal_path);
	where = find_entry(fp, argv[optind], id, false);
	printer_init(&pr, show_format, false);
	print_at(fp, journal_path, where, &pr);
	printer_finish(&pr);
	fclose(fp);
	return 0;
}
