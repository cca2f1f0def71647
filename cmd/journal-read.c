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

#include <err.h>
#include <getopt.h>
#include <limits.h>
#include <locale.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rapport.h"
#include "common.h"
#include "journal.h"

enum format { FORMAT_TEXT, FORMAT_RAW, FORMAT_JSONL, FORMAT_TSV,
    FORMAT_JRNL, FORMAT_MARKDOWN };

static void	 print_tsv_field(const char *, size_t);
static void	 print_entry(const struct jevent *, enum format);
static void	 collect(FILE *, const struct jfilter *, bool, struct jhit **,
		    size_t *);
static void	 print_at(FILE *, const char *, off_t, enum format);
static enum format parse_format(const char *, bool);
static void	 show_option(int, const char *);
static void	 export_option(int, const char *);

static void
print_tsv_field(const char *s, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		switch (s[i]) {
		case '\\':
			fputs("\\\\", stdout);
			break;
		case '\t':
			fputs("\\t", stdout);
			break;
		case '\n':
			fputs("\\n", stdout);
			break;
		case '\r':
			fputs("\\r", stdout);
			break;
		default:
			putchar(s[i]);
		}
}

/* Print one entry in a format. */
static void
print_entry(const struct jevent *ev, enum format format)
{
	const struct jentry	*e = &ev->entry;
	struct json		 j;
	char			 when[32], *head, *line;
	const char		*p, *end, *nl;
	size_t			 i;
	int			 mode;

	switch (format) {
	case FORMAT_RAW:
		fwrite(ev->raw, 1, ev->rawlen, stdout);
		break;
	case FORMAT_JSONL:
		json_init(&j, stdout);
		json_object(&j, NULL);
		json_string(&j, "id", e->id);
		json_string(&j, "ts", e->ts);
		json_bool(&j, "all_day", e->time.allday);
		json_bool(&j, "starred", e->starred);
		json_array(&j, "tags");
		for (i = 0; i < e->ntags; i++)
			json_string(&j, NULL, e->tags[i]);
		json_array_end(&j);
		json_object(&j, "ratings");
		for (i = 0; i < e->nratings; i++)
			json_number(&j, e->ratings[i].key, "%.15g",
			    e->ratings[i].value);
		json_object_end(&j);
		if (e->prompt[0] != '\0')
			json_string(&j, "prompt", e->prompt);
		else
			json_null(&j, "prompt");
		if (e->supersedes[0] != '\0')
			json_string(&j, "supersedes", e->supersedes);
		else
			json_null(&j, "supersedes");
		json_stringn(&j, "body", e->body, e->bodylen);
		json_object_end(&j);
		break;
	case FORMAT_TSV:
		printf("%s\t%s\t%d\t", e->id, e->ts, e->starred);
		for (i = 0; i < e->ntags; i++)
			printf("%s%s", i > 0 ? "," : "", e->tags[i]);
		putchar('\t');
		for (i = 0; i < e->nratings; i++)
			printf("%s%s=%s", i > 0 ? "," : "", e->ratings[i].key,
			    e->ratings[i].text);
		putchar('\t');
		print_tsv_field(e->body, e->bodylen);
		putchar('\n');
		break;
	case FORMAT_JRNL:
		/* jrnl's own layout: [time] title, then the rest. */
		snprintf(when, sizeof(when), "%.10s %.5s", e->ts,
		    e->time.allday ? "09:00" : e->ts + 11);
		printf("[%s] ", when);
		nl = memchr(e->body, '\n', e->bodylen);
		end = e->body + e->bodylen;
		fwrite(e->body, 1, (size_t)((nl == NULL ? end : nl) -
		    e->body), stdout);
		/* jrnl's tags are words of the text: add those missing. */
		for (i = 0; i < e->ntags; i++) {
			xasprintf(&line, "@%s", e->tags[i]);
			if (strstr(e->body, line) == NULL)
				printf(" %s", line);
			free(line);
		}
		if (e->starred)
			fputs(" *", stdout);
		putchar('\n');
		if (nl != NULL && nl + 1 < end) {
			fwrite(nl + 1, 1, (size_t)(end - nl - 1), stdout);
			if (end[-1] != '\n')
				putchar('\n');
		}
		putchar('\n');
		break;
	case FORMAT_MARKDOWN:
		printf("## %s%s\n\n", e->ts, e->starred ? " *" : "");
		for (i = 0; i < e->ntags; i++)
			printf("%s`@%s`", i > 0 ? " " : "", e->tags[i]);
		for (i = 0; i < e->nratings; i++)
			printf("%s`%s=%s`", i + e->ntags > 0 ? " " : "",
			    e->ratings[i].key, e->ratings[i].text);
		if (e->ntags + e->nratings > 0)
			printf("\n\n");
		fwrite(e->body, 1, e->bodylen, stdout);
		if (e->bodylen == 0 || e->body[e->bodylen - 1] != '\n')
			putchar('\n');
		putchar('\n');
		break;
	case FORMAT_TEXT:
		mode = isatty(STDOUT_FILENO) ? SAFEOUT_TTY : SAFEOUT_RAW;
		if (e->time.allday)
			snprintf(when, sizeof(when), "%.10s", e->ts);
		else
			snprintf(when, sizeof(when), "%.10s %.5s", e->ts,
			    e->ts + 11);
		xasprintf(&head, "%-16s  %s%s", when, e->id,
		    e->starred ? "  *" : "");
		for (i = 0; i < e->ntags; i++) {
			xasprintf(&line, "%s  @%s", head, e->tags[i]);
			free(head);
			head = line;
		}
		for (i = 0; i < e->nratings; i++) {
			xasprintf(&line, "%s  %s=%s", head, e->ratings[i].key,
			    e->ratings[i].text);
			free(head);
			head = line;
		}
		if (safe_write(stdout, head, strlen(head), mode) == -1)
			err(EXIT_TROUBLE, "stdout");
		free(head);
		end = e->body + e->bodylen;
		for (p = e->body; p < end; p = nl + 1) {
			if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
				nl = end;
			fputs("    ", stdout);
			if (safe_write(stdout, p, (size_t)(nl - p), mode) == -1)
				err(EXIT_TROUBLE, "stdout");
		}
		putchar('\n');
		break;
	}
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
print_at(FILE *fp, const char *path, off_t offset, enum format format)
{
	struct jreader	 r;
	struct jevent	 ev;

	if (fseeko(fp, offset, SEEK_SET) == -1)
		err(EXIT_TROUBLE, "%s", path);
	jreader_init(&r, path, fp);
	if (jreader_next(&r, &ev) == 1 && ev.kind == JREC_ENTRY)
		print_entry(&ev, format);
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
	if (strcmp(s, "tsv") == 0 && !journal_formats)
		return FORMAT_TSV;
	if (strcmp(s, "jrnl") == 0 && journal_formats)
		return FORMAT_JRNL;
	if (strcmp(s, "markdown") == 0 && journal_formats)
		return FORMAT_MARKDOWN;
	errx(EXIT_TROUBLE, "format must be %s: %s", journal_formats ?
	    "jrnl, markdown or jsonl" : "text, raw, jsonl or tsv", s);
}

static const struct option list_opts[] = {
	{ "file",	required_argument,	NULL,	'f' },
	{ "format",	required_argument,	NULL,	'F' },
	{ "grep",	required_argument,	NULL,	'g' },
	{ "ignore-case", no_argument,		NULL,	'i' },
	{ "count",	required_argument,	NULL,	'n' },
	{ "rating",	required_argument,	NULL,	'R' },
	{ "starred",	no_argument,		NULL,	's' },
	{ "since",	required_argument,	NULL,	'S' },
	{ "tag",	required_argument,	NULL,	't' },
	{ "until",	required_argument,	NULL,	'U' },
	{ NULL,		0,			NULL,	0 }
};

/*
 * List entries: every filter must hold; in timestamp order; the last
 * count of them with -n.  Exit 0 when something was listed, 1 otherwise.
 */
int
cmd_list(int argc, char **argv)
{
	struct jfilter	 f;
	struct jrange	 range;
	struct jhit	*hits;
	enum format	 format;
	regex_t		 re;
	const char	*errstr, *pattern = NULL;
	char		 msg[256];
	time_t		 now;
	size_t		 n, i, first, count = 0;
	FILE		*fp;
	int		 ch, rv;
	bool		 icase = false, skim;

	memset(&f, 0, sizeof(f));
	format = isatty(STDOUT_FILENO) ? FORMAT_TEXT : FORMAT_RAW;
	now = now_or_exit();
	optind = 1;
	while ((ch = getopt_long(argc, argv, "f:g:in:st:", list_opts,
	    NULL)) != -1) {
		switch (ch) {
		case 'F':
			format = parse_format(optarg, false);
			break;
		case 'f':
			journal_path = optarg;
			break;
		case 'g':
			pattern = optarg;
			break;
		case 'i':
			icase = true;
			break;
		case 'n':
			count = strtonum(optarg, 1, LLONG_MAX, &errstr);
			if (errstr != NULL)
				errx(EXIT_TROUBLE, "count is %s: %s", errstr,
				    optarg);
			break;
		case 'R':
			if (jfilter_rating(&f, optarg) == -1)
				errx(EXIT_TROUBLE, "rating must be KEY<=N, "
				    "KEY<N, KEY=N, KEY>N or KEY>=N: %s",
				    optarg);
			break;
		case 's':
			f.starred = true;
			break;
		case 'S':
		case 'U':
			if (when_parse(optarg, now,
			    config_week_start(&config, "journal"),
			    &range) == -1)
				errx(EXIT_TROUBLE, "not a date journal "
				    "understands: %s (see journal(1), DATES)",
				    optarg);
			if (ch == 'S') {
				f.has_since = true;
				f.since = range.start;
			} else {
				f.has_until = true;
				f.until = range.end;
			}
			break;
		case 't':
			f.tags = xreallocarray(f.tags, f.ntags + 1,
			    sizeof(*f.tags));
			f.tags[f.ntags++] = optarg[0] == '@' ? optarg + 1 :
			    optarg;
			break;
		default:
			usage();
		}
	}
	if (optind != argc)
		usage();
	if (pattern != NULL) {
		setlocale(LC_CTYPE, "");
		if ((rv = regcomp(&re, pattern, REG_EXTENDED | REG_NOSUB |
		    REG_NEWLINE | (icase ? REG_ICASE : 0))) != 0) {
			regerror(rv, &re, msg, sizeof(msg));
			errx(EXIT_TROUBLE, "%s: %s", pattern, msg);
		}
		f.re = &re;
	}
	journal_path = which_journal(&config, journal_path);
	if ((fp = open_journal(journal_path, true)) == NULL)
		return EXIT_NOMATCH;
	/*
	 * For the last few entries, skim; should one of those shown turn
	 * out damaged beyond what skimming sees, read everything instead.
	 */
	skim = count > 0 && f.re == NULL;
	collect(fp, &f, skim, &hits, &n);
	first = count > 0 && count < n ? n - count : 0;
	if (skim && n > 0 && (rv = journal_sound(fp, journal_path,
	    hits + first, n - first, report_problem, NULL)) != 1) {
		if (rv == -1)
			err(EXIT_TROUBLE, "%s", journal_path);
		free(hits);
		collect(fp, &f, false, &hits, &n);
		first = count > 0 && count < n ? n - count : 0;
	}
	for (i = first; i < n; i++)
		print_at(fp, journal_path, hits[i].offset, format);
	finish_stdout();
	free(hits);
	free(f.tags);
	if (f.re != NULL)
		regfree(f.re);
	fclose(fp);
	return n > 0 ? 0 : EXIT_NOMATCH;
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
	char	 id[JOURNAL_ID_MAX + 1];
	off_t	 where;
	FILE	*fp;

	show_format = isatty(STDOUT_FILENO) ? FORMAT_TEXT : FORMAT_RAW;
	file_only(argc, argv, 1, show_opts, show_option);
	if ((fp = open_journal(journal_path, true)) == NULL)
		errx(EXIT_NOMATCH, "no entry %s: %s is empty", argv[optind],
		    journal_path);
	where = find_entry(fp, argv[optind], id, false);
	print_at(fp, journal_path, where, show_format);
	finish_stdout();
	fclose(fp);
	return 0;
}

static enum format export_format = FORMAT_JSONL;
static bool export_given;

static void
export_option(int ch __attribute__((__unused__)), const char *arg)
{
	export_format = parse_format(arg, true);
	export_given = true;
}

static const struct option export_opts[] = {
	{ "file",	required_argument,	NULL,	'f' },
	{ "format",	required_argument,	NULL,	OPT_FORMAT },
	{ NULL,		0,			NULL,	0 }
};

/* Export every live entry, in timestamp order, for other programs. */
int
cmd_export(int argc, char **argv)
{
	struct jfilter	 f;
	struct jhit	*hits;
	size_t		 n, i;
	FILE		*fp;

	file_only(argc, argv, 0, export_opts, export_option);
	if (!export_given)
		errx(EXIT_TROUBLE, "export needs --format jrnl, markdown or "
		    "jsonl");
	if ((fp = open_journal(journal_path, true)) == NULL)
		return EXIT_NOMATCH;
	memset(&f, 0, sizeof(f));
	collect(fp, &f, false, &hits, &n);
	for (i = 0; i < n; i++)
		print_at(fp, journal_path, hits[i].offset, export_format);
	finish_stdout();
	free(hits);
	fclose(fp);
	return n > 0 ? 0 : EXIT_NOMATCH;
}

