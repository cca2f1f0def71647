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
 * The instrument of score(1), described in checkin(5): a scale, dimensions
 * of items rated on it, and global items kept out of the total; the answers
 * to it, from a file or a person; and their scores.
 */

#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rapport.h"

#define LINE_MAX_BYTES	1024

struct parser {
	struct instrument	*in;
	const char		*name;
	size_t			 lineno;
	size_t			 dim;		/* items go here */
	size_t			 global;	/* anchors go here */
	size_t			*dimline;	/* each dimension's line */
	char			*err;
	size_t			 errlen;
};

static int	 fail(struct parser *, const char *, ...)
		    __attribute__((__format__(__printf__, 2, 3)));
static bool	 valid_key(const char *);
static bool	 valid_category(const char *);
static char	*next_word(char **);
static char	*rest(char *);
static int	 number(struct parser *, const char *, int, int, int *);
static int	 new_key(struct parser *, const char *);
static int	 parse_line(struct parser *, char *);
static int	 check_whole(struct parser *);
static size_t	 needed(size_t, size_t, size_t);
static void	 add_rating(struct jentry *, const char *, const char *,
		    double);

static int
fail(struct parser *p, const char *fmt, ...)
{
	va_list	 ap;
	char	 msg[ERRBUF_SIZE];

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	snprintf(p->err, p->errlen, "%s:%zu: %s", p->name, p->lineno, msg);
	return -1;
}

/* A key as the journal's ratings take it: [a-z][a-z0-9_]*, 31 bytes. */
static bool
valid_key(const char *s)
{
	size_t	 n = strlen(s);

	return n > 0 && n < JOURNAL_KEY_MAX && islower((unsigned char)*s) &&
	    strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789_") == n;
}

/* A category as tip(1) and prompt(1) take it on their command lines. */
static bool
valid_category(const char *s)
{
	size_t	 n = strlen(s);

	return n > 0 && n < JOURNAL_KEY_MAX &&
	    strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789_-") == n;
}

static char *
next_word(char **sp)
{
	char	*s = *sp + strspn(*sp, " \t"), *w;

	if (*s == '\0')
		return NULL;
	w = s;
	s += strcspn(s, " \t");
	if (*s != '\0')
		*s++ = '\0';
	*sp = s;
	return w;
}

/* The rest of a line, without the blanks around it; NULL if empty. */
static char *
rest(char *s)
{
	size_t	 n;

	s += strspn(s, " \t");
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		s[--n] = '\0';
	return n == 0 ? NULL : s;
}

static int
number(struct parser *p, const char *s, int min, int max, int *v)
{
	const char	*errstr;

	if (s == NULL)
		return fail(p, "a number is missing");
	*v = (int)strtonum(s, min, max, &errstr);
	if (errstr != NULL)
		return fail(p, "%s: not a number from %d to %d", s, min, max);
	return 0;
}

/* Keys name ratings in the journal, so each is taken once. */
static int
new_key(struct parser *p, const char *key)
{
	const struct instrument	*in = p->in;
	size_t			 i;

	if (key == NULL || !valid_key(key))
		return fail(p, "%s: a key is lower-case letters, digits and "
		    "_, starting with a letter, at most %d bytes",
		    key == NULL ? "(none)" : key, JOURNAL_KEY_MAX - 1);
	if (strcmp(key, CHECKIN_TOTAL) == 0 || strcmp(key, "prompt") == 0 ||
	    strcmp(key, "supersedes") == 0)
		return fail(p, "%s: a reserved key", key);
	for (i = 0; i < in->ndims; i++)
		if (strcmp(in->dims[i].key, key) == 0)
			return fail(p, "%s: key used twice", key);
	for (i = 0; i < in->nitems; i++)
		if (strcmp(in->items[i].key, key) == 0)
			return fail(p, "%s: key used twice", key);
	return 0;
}

static int
parse_line(struct parser *p, char *line)
{
	struct instrument	*in = p->in;
	struct citem		*it;
	struct cdim		*d;
	char			*word, *key, *text, *a, *b;
	int			 v, lo, hi;

	word = next_word(&line);
	if (strcmp(word, "title") == 0 || strcmp(word, "intro") == 0) {
		if ((text = rest(line)) == NULL)
			return fail(p, "%s: the text is missing", word);
		if (*(word[0] == 't' ? &in->title : &in->intro) != NULL)
			return fail(p, "a second %s", word);
		*(word[0] == 't' ? &in->title : &in->intro) = xstrdup(text);
		return 0;
	}
	if (strcmp(word, "scale") == 0) {
		if (number(p, next_word(&line), 0, 100, &v) == -1)
			return -1;
		if (in->labels[0] != NULL && v != in->max + 1)
			return fail(p, "scale point %d: points go up by one, "
			    "from %d", v, in->min);
		if (in->labels[0] != NULL &&
		    in->max - in->min + 1 >= CHECKIN_POINTS_MAX)
			return fail(p, "a scale has at most %d points",
			    CHECKIN_POINTS_MAX);
		if (in->ndims > 0)
			return fail(p, "the scale comes before the dimensions");
		if ((text = rest(line)) == NULL)
			return fail(p, "scale point %d: the label is missing",
			    v);
		if (in->labels[0] == NULL)
			in->min = v;
		in->max = v;
		in->labels[v - in->min] = xstrdup(text);
		return 0;
	}
	if (strcmp(word, "dimension") == 0) {
		key = next_word(&line);
		if (new_key(p, key) == -1)
			return -1;
		if ((a = next_word(&line)) == NULL || !valid_category(a))
			return fail(p, "dimension %s: the category is missing "
			    "or not a name of lower-case letters, digits, _ "
			    "and -", key);
		if ((text = rest(line)) == NULL)
			return fail(p, "dimension %s: the name is missing",
			    key);
		in->dims = xreallocarray(in->dims, in->ndims + 1,
		    sizeof(*in->dims));
		p->dimline = xreallocarray(p->dimline, in->ndims + 1,
		    sizeof(*p->dimline));
		p->dimline[in->ndims] = p->lineno;
		d = &in->dims[in->ndims];
		memset(d, 0, sizeof(*d));
		strlcpy(d->key, key, sizeof(d->key));
		strlcpy(d->category, a, sizeof(d->category));
		d->name = xstrdup(text);
		p->dim = in->ndims++;
		p->global = CHECKIN_NOWHERE;
		return 0;
	}
	if (strcmp(word, "anchor") == 0) {
		if (p->global == CHECKIN_NOWHERE)
			return fail(p, "an anchor belongs after a global item");
		it = &in->items[p->global];
		if (number(p, next_word(&line), it->min, it->max, &v) == -1)
			return -1;
		if ((text = rest(line)) == NULL)
			return fail(p, "anchor %d: the label is missing", v);
		if (it->anchors[v - it->min] != NULL)
			return fail(p, "anchor %d given twice", v);
		it->anchors[v - it->min] = xstrdup(text);
		return 0;
	}
	if (strcmp(word, "item") != 0 && strcmp(word, "global") != 0 &&
	    strcmp(word, "circles") != 0)
		return fail(p, "%s: not a line of an instrument (title, "
		    "intro, scale, dimension, item, circles, global or "
		    "anchor)", word);
	if (in->nitems == CHECKIN_ITEMS_MAX)
		return fail(p, "more than %d items", CHECKIN_ITEMS_MAX);
	key = next_word(&line);
	if (new_key(p, key) == -1)
		return -1;
	in->items = xreallocarray(in->items, in->nitems + 1,
	    sizeof(*in->items));
	it = &in->items[in->nitems];
	memset(it, 0, sizeof(*it));
	strlcpy(it->key, key, sizeof(it->key));
	it->dim = CHECKIN_NOWHERE;
	if (word[0] == 'i') {
		if (p->dim == CHECKIN_NOWHERE)
			return fail(p, "item %s: an item belongs after its "
			    "dimension", key);
		if (in->labels[0] == NULL || in->min == in->max)
			return fail(p, "item %s: the scale, of at least two "
			    "points, comes before the items", key);
		a = next_word(&line);
		b = next_word(&line);
		if (a == NULL || (strcmp(a, "did") != 0 &&
		    strcmp(a, "felt") != 0))
			return fail(p, "item %s: say whether it is about what "
			    "I did or what I felt: did or felt", key);
		if (b == NULL || (strcmp(b, "+") != 0 && strcmp(b, "-") != 0))
			return fail(p, "item %s: say + for an item scored as "
			    "answered or - for one reverse-keyed", key);
		it->dim = p->dim;
		it->felt = a[0] == 'f';
		it->reversed = b[0] == '-';
		it->min = in->min;
		it->max = in->max;
	} else if (word[0] == 'c') {
		it->circles = true;
		it->min = 1;
		it->max = 7;
	} else {
		if (number(p, next_word(&line), 0, 100, &lo) == -1 ||
		    number(p, next_word(&line), 0, 100, &hi) == -1)
			return -1;
		if (hi <= lo || hi - lo >= CHECKIN_POINTS_MAX)
			return fail(p, "global %s: from %d to %d is not a "
			    "scale of 2 to %d points", key, lo, hi,
			    CHECKIN_POINTS_MAX);
		it->min = lo;
		it->max = hi;
	}
	if ((text = rest(line)) == NULL)
		return fail(p, "%s %s: the text is missing", word, key);
	it->text = xstrdup(text);
	if (it->dim != CHECKIN_NOWHERE)
		in->dims[it->dim].nitems++;
	else {
		p->dim = CHECKIN_NOWHERE;
		p->global = it->circles ? CHECKIN_NOWHERE : in->nitems;
	}
	in->nitems++;
	return 0;
}

static int
check_whole(struct parser *p)
{
	struct instrument	*in = p->in;
	size_t			 i;

	if (in->title == NULL)
		return fail(p, "no title line");
	if (in->labels[0] == NULL || in->min == in->max)
		return fail(p, "no scale of at least two points");
	if (in->ndims == 0)
		return fail(p, "no dimension");
	for (i = 0; i < in->ndims; i++)
		if (in->dims[i].nitems < 2) {
			p->lineno = p->dimline[i];
			return fail(p, "dimension %s has %zu item%s; a "
			    "dimension needs at least two", in->dims[i].key,
			    in->dims[i].nitems,
			    in->dims[i].nitems == 1 ? "" : "s");
		}
	return 0;
}

/*
 * Read an instrument from its text, the file's name given for messages.
 * On a problem, err holds "NAME:LINE: what" and -1 is returned.
 */
int
instrument_parse(struct instrument *in, const char *name, const char *text,
    size_t len, char *err, size_t errlen)
{
	struct parser	 p;
	const char	*s = text, *end = text + len, *nl;
	char		*line;
	size_t		 n, i;
	int		 rv = 0;

	memset(in, 0, sizeof(*in));
	memset(&p, 0, sizeof(p));
	p.in = in;
	p.name = name;
	p.dim = p.global = CHECKIN_NOWHERE;
	p.err = err;
	p.errlen = errlen;
	for (; rv == 0 && s < end; s = nl + 1) {
		p.lineno++;
		if ((nl = memchr(s, '\n', (size_t)(end - s))) == NULL)
			nl = end;
		n = (size_t)(nl - s);
		if (n > LINE_MAX_BYTES) {
			rv = fail(&p, "line longer than %d bytes",
			    LINE_MAX_BYTES);
			break;
		}
		if (!utf8_valid(s, n)) {
			rv = fail(&p, "not valid UTF-8");
			break;
		}
		for (i = 0; i < n; i++)
			if (((unsigned char)s[i] < ' ' && s[i] != '\t') ||
			    s[i] == 0x7f)
				break;
		if (i < n) {
			rv = fail(&p, "%s", s[i] == '\r' ? "a carriage return "
			    "(save the file with Unix line endings)" :
			    "a control character");
			break;
		}
		line = xstrndup(s, n);
		if (rest(line) != NULL && line[strspn(line, " \t")] != '#')
			rv = parse_line(&p, line);
		free(line);
	}
	if (rv == 0)
		rv = check_whole(&p);
	free(p.dimline);
	if (rv == -1)
		instrument_free(in);
	return rv;
}

void
instrument_free(struct instrument *in)
{
	size_t	 i, j;

	free(in->title);
	free(in->intro);
	for (i = 0; i < CHECKIN_POINTS_MAX; i++)
		free(in->labels[i]);
	for (i = 0; i < in->ndims; i++)
		free(in->dims[i].name);
	for (i = 0; i < in->nitems; i++) {
		free(in->items[i].text);
		for (j = 0; j < CHECKIN_POINTS_MAX; j++)
			free(in->items[i].anchors[j]);
	}
	free(in->dims);
	free(in->items);
	memset(in, 0, sizeof(*in));
}

/* The index of the item of that key, or -1. */
ssize_t
instrument_find(const struct instrument *in, const char *key)
{
	size_t	 i;

	for (i = 0; i < in->nitems; i++)
		if (strcmp(in->items[i].key, key) == 0)
			return (ssize_t)i;
	return -1;
}

/* The index of the dimension of that key, or -1. */
ssize_t
instrument_find_dim(const struct instrument *in, const char *key)
{
	size_t	 i;

	for (i = 0; i < in->ndims; i++)
		if (strcmp(in->dims[i].key, key) == 0)
			return (ssize_t)i;
	return -1;
}

/* Scores are shown with one decimal, halves rounded up. */
double
score_round(double v)
{
	return floor(v * 10 + 0.5 + 1e-9) / 10;
}

/*
 * The band of a score: the label of the scale point nearest to it as
 * shown, so that 3.5 to 4.4 read as the label of 4 on a 1 to 5 scale.
 */
const char *
instrument_band(const struct instrument *in, double v)
{
	int	 point;

	point = (int)floor(score_round(v) + 0.5 + 1e-9);
	if (point < in->min)
		point = in->min;
	if (point > in->max)
		point = in->max;
	return in->labels[point - in->min];
}

/*
 * An answer to item i, a whole number on its scale.  The message says
 * what is wrong with the answer and leaves the item to the caller, which
 * has it on the screen or names it with item_label().
 */
int
answer_value(const struct instrument *in, size_t i, const char *s, int *v,
    char *err, size_t errlen)
{
	const struct citem	*it = &in->items[i];
	const char		*errstr;

	*v = (int)strtonum(s, it->min, it->max, &errstr);
	if (errstr == NULL)
		return 0;
	if (*s == '\0')
		snprintf(err, errlen, "the answer is missing");
	else if (strcmp(errstr, "too large") == 0 ||
	    strcmp(errstr, "too small") == 0)
		snprintf(err, errlen, "%s is out of range %d to %d", s,
		    it->min, it->max);
	else
		snprintf(err, errlen, "%s is not a whole number from %d to %d",
		    s, it->min, it->max);
	return -1;
}

/*
 * Item i as a person knows it, by its number in the order asked and the
 * start of its text, as in: item 3, "I felt I was carrying something...".
 */
void
item_label(const struct instrument *in, size_t i, char *buf, size_t len)
{
	const char	*text = in->items[i].text;
	size_t		 n = strlen(text), cut;

	if (n <= ITEM_LABEL_TEXT) {
		snprintf(buf, len, "item %zu, \"%s\"", i + 1, text);
		return;
	}
	/* At a blank, so that a word and a UTF-8 sequence stay whole. */
	for (cut = ITEM_LABEL_TEXT; cut > 0 && text[cut] != ' '; cut--)
		continue;
	if (cut == 0)
		cut = ITEM_LABEL_TEXT;
	while (cut > 0 && ((unsigned char)text[cut] & 0xc0) == 0x80)
		cut--;
	snprintf(buf, len, "item %zu, \"%.*s...\"", i + 1, (int)cut, text);
}

/*
 * Answers as lines of item=value, blank lines and # comments aside, into
 * answers (CHECKIN_NONE where an item is not answered).  A bad line makes
 * "NAME:LINE: what" in err and -1.  Returns the count of answers.
 */
int
answers_read(const struct instrument *in, FILE *fp, const char *name,
    int *answers, char *err, size_t errlen)
{
	char		*line = NULL, *key, *val, *eq, msg[ERRBUF_SIZE];
	char		 label[ITEM_LABEL_TEXT + 32];
	size_t		 cap = 0, lineno = 0, i, *seen;
	ssize_t		 len, at;
	int		 count = 0, rv = -1;

	seen = xcalloc(in->nitems, sizeof(*seen));
	for (i = 0; i < in->nitems; i++)
		answers[i] = CHECKIN_NONE;
	while ((len = getline(&line, &cap, fp)) != -1) {
		lineno++;
		if (len > 0 && line[len - 1] == '\n')
			line[--len] = '\0';
		if (strlen(line) != (size_t)len) {
			snprintf(err, errlen, "%s:%zu: a NUL byte", name,
			    lineno);
			goto out;
		}
		key = rest(line);
		if (key == NULL || *key == '#')
			continue;
		if ((eq = strchr(key, '=')) == NULL) {
			snprintf(err, errlen, "%s:%zu: not an item=value line",
			    name, lineno);
			goto out;
		}
		*eq = '\0';
		val = rest(eq + 1);
		key = rest(key);
		if (key == NULL) {
			snprintf(err, errlen, "%s:%zu: the item before = is "
			    "missing", name, lineno);
			goto out;
		}
		if ((at = instrument_find(in, key)) == -1) {
			snprintf(err, errlen, "%s:%zu: %.*s%s: no such item "
			    "(score --items lists them)", name, lineno,
			    JOURNAL_KEY_MAX, key,
			    strlen(key) > JOURNAL_KEY_MAX ? "..." : "");
			goto out;
		}
		item_label(in, (size_t)at, label, sizeof(label));
		if (seen[at] != 0) {
			snprintf(err, errlen, "%s:%zu: %s answered twice "
			    "(first on line %zu)", name, lineno, label,
			    seen[at]);
			goto out;
		}
		if (answer_value(in, (size_t)at, val == NULL ? "" : val,
		    &answers[at], msg, sizeof(msg)) == -1) {
			snprintf(err, errlen, "%s:%zu: %s: %s", name, lineno,
			    label, msg);
			goto out;
		}
		seen[at] = lineno;
		count++;
	}
	if (ferror(fp)) {
		snprintf(err, errlen, "%s: %s", name, strerror(errno));
		goto out;
	}
	rv = count;
out:
	free(line);
	free(seen);
	return rv;
}

/* Of n things, how many a score needs: num/den of them, and at least min. */
static size_t
needed(size_t n, size_t num, size_t den)
{
	size_t	 k = (n * num + den - 1) / den;

	return k < 2 ? (n < 2 ? n : 2) : k;
}

/*
 * Score a check-in: reverse-keyed items turned round (min + max - answer),
 * a dimension the mean of its answered items when more than half of them,
 * and at least two, are answered, the total the mean of the dimensions
 * when at least five in seven of them have a score.  NAN stands for n/a.
 */
void
checkin_score(const struct instrument *in, const int *answers, double *dims,
    double *total)
{
	const struct citem	*it;
	double			 sum;
	size_t			 d, i, n;

	for (d = 0; d < in->ndims; d++) {
		sum = 0;
		n = 0;
		for (i = 0; i < in->nitems; i++) {
			it = &in->items[i];
			if (it->dim != d || answers[i] == CHECKIN_NONE)
				continue;
			sum += it->reversed ? in->min + in->max - answers[i] :
			    answers[i];
			n++;
		}
		dims[d] = n > in->dims[d].nitems / 2 && n >= 2 ? sum / n : NAN;
	}
	*total = checkin_total(in, dims);
}

/* The total of dimension scores: their mean, when five in seven exist. */
double
checkin_total(const struct instrument *in, const double *dims)
{
	double	 sum = 0;
	size_t	 d, n = 0;

	for (d = 0; d < in->ndims; d++)
		if (!isnan(dims[d])) {
			sum += dims[d];
			n++;
		}
	return n > 0 && n >= needed(in->ndims, 5, 7) ? sum / n : NAN;
}

static void
add_rating(struct jentry *e, const char *key, const char *fmt, double v)
{
	struct jrating	*r;

	e->ratings = xreallocarray(e->ratings, e->nratings + 1,
	    sizeof(*e->ratings));
	r = &e->ratings[e->nratings++];
	strlcpy(r->key, key, sizeof(r->key));
	snprintf(r->text, sizeof(r->text), fmt, v);
	r->value = strtod(r->text, NULL);
}

/*
 * The journal entry of a check-in made at when: tagged CHECKIN_TAG, with
 * each answer, each dimension's score and the total as ratings, and a line
 * of text that says what it is.  Free it with jentry_free.  -1 if nothing
 * was answered.
 */
int
checkin_entry(const struct instrument *in, const int *answers, time_t when,
    struct jentry *e)
{
	double	*dims, total;
	size_t	 i;

	for (i = 0; i < in->nitems; i++)
		if (answers[i] != CHECKIN_NONE)
			break;
	if (i == in->nitems) {
		errno = EINVAL;
		return -1;
	}
	jentry_init(e);
	journal_new_id(e->id);
	journal_format_time(when, false, e->ts, sizeof(e->ts));
	journal_parse_time(e->ts, &e->time);
	e->tags = xreallocarray(NULL, 1, sizeof(*e->tags));
	e->tags[e->ntags++] = xstrdup(CHECKIN_TAG);
	for (i = 0; i < in->nitems; i++)
		if (answers[i] != CHECKIN_NONE)
			add_rating(e, in->items[i].key, "%.0f", answers[i]);
	dims = xreallocarray(NULL, in->ndims, sizeof(*dims));
	checkin_score(in, answers, dims, &total);
	for (i = 0; i < in->ndims; i++)
		if (!isnan(dims[i]))
			add_rating(e, in->dims[i].key, "%.1f",
			    score_round(dims[i]));
	if (!isnan(total)) {
		add_rating(e, CHECKIN_TOTAL, "%.1f", score_round(total));
		e->bodylen = (size_t)xasprintf(&e->body, "%s: %.1f overall, "
		    "%s.\n", in->title, score_round(total),
		    instrument_band(in, total));
	} else
		e->bodylen = (size_t)xasprintf(&e->body, "%s: too few "
		    "answers for an overall score.\n", in->title);
	free(dims);
	return 0;
}

/*
 * Whom a check-in is about, as given: one word of 1 to CHECKIN_ABOUT_MAX
 * bytes of ASCII letters, digits, '-' and '_', the first a letter or a
 * digit, into buf in lower case, so that Anna and anna are one person.
 * -1 if it is not such a word.
 */
int
checkin_about_name(const char *s, char *buf, size_t len)
{
	size_t	 i, n = strlen(s);

	if (n == 0 || n > CHECKIN_ABOUT_MAX || n >= len ||
	    !isalnum((unsigned char)s[0]) || !isascii((unsigned char)s[0]))
		return -1;
	for (i = 0; i < n; i++) {
		if (!isascii((unsigned char)s[i]) ||
		    (!isalnum((unsigned char)s[i]) && s[i] != '-' &&
		    s[i] != '_'))
			return -1;
		buf[i] = (char)tolower((unsigned char)s[i]);
	}
	buf[n] = '\0';
	return 0;
}

/*
 * Tag a check-in's entry with whom it is about.  A check-in about
 * CHECKIN_ABOUT_DEFAULT carries no tag, as those made before score asked
 * did not, so that they read alike.
 */
void
checkin_set_about(struct jentry *e, const char *name)
{
	if (strcmp(name, CHECKIN_ABOUT_DEFAULT) == 0)
		return;
	e->tags = xreallocarray(e->tags, e->ntags + 1, sizeof(*e->tags));
	xasprintf(&e->tags[e->ntags++], "%s%s", CHECKIN_ABOUT_TAG, name);
}

/*
 * Whom the entry of a check-in is about, into buf: the name of its first
 * tag of CHECKIN_ABOUT_TAG that holds a valid one, in lower case, else
 * CHECKIN_ABOUT_DEFAULT.  Returns 1 when a tag named the person, 0 when
 * the default stands.
 */
int
checkin_about(const struct jentry *e, char *buf, size_t len)
{
	size_t	 i, n = strlen(CHECKIN_ABOUT_TAG);

	for (i = 0; i < e->ntags; i++)
		if (strncmp(e->tags[i], CHECKIN_ABOUT_TAG, n) == 0 &&
		    checkin_about_name(e->tags[i] + n, buf, len) == 0)
			return 1;
	strlcpy(buf, CHECKIN_ABOUT_DEFAULT, len);
	return 0;
}
