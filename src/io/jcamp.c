/*
 * jcamp.c — JCAMP-DX 4.24 and 5.x reader.
 *
 * A file is one block (##TITLE= ... ##END=) or a LINK block that nests
 * several; every block holding ##XYDATA, ##XYPOINTS or ##PEAK TABLE gives
 * one spectrum, and all its labels go into meta (values as written, a
 * trailing $$ comment cut).  X++(Y..Y) data are decoded in every ASDF form
 * (AFFN, PAC, SQZ, DIF, DUP) with the Y check value verified: after a line
 * ending in DIF form the next line repeats the last ordinate, and a
 * mismatch means a lost or corrupt line.  The axis of X++(Y..Y) is uniform
 * from FIRSTX to LASTX over the ordinates read (NPOINTS must agree); DELTAX
 * is taken as the step when it agrees with them to 1e-9, so that files from
 * gs_write_jcamp read back exactly.  (XY..XY) tables give an explicit axis.
 *
 * All blocks are decoded before units are checked, so a file whose x unit
 * has no spectrum unit (NMR Hz/ppm, mass m/z, times) is refused with
 * GS_ERR_UNSUPPORTED only after its data proved well-formed.
 *
 * NTUPLES blocks give one spectrum per ##PAGE= whose ##DATA TABLE= is one of
 * the forms above: its x and y variables are looked up by symbol in the
 * ##SYMBOL= list, and ##UNITS=, ##FIRST=, ##LAST=, ##FACTOR=, ##VAR_DIM= give
 * what XUNITS, FIRSTX, LASTX, X/YFACTOR and NPOINTS give a plain block.
 * (The NTUPLES of the test files are NMR real/imaginary pages in Hz and MS
 * series in m/z, which then fail on their x unit like any such block.)
 */
#include "gs_io.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "io_lines.h"
#include "io_meta.h"
#include "io_series.h"

/* Nested LINK blocks deeper than this are not a compound file but a broken one. */
#define JCAMP_MAX_DEPTH 16

typedef enum jcamp_table
{
	TABLE_NONE,
	TABLE_X_YY,					/* (X++(Y..Y)): one x, then ordinates, ASDF */
	TABLE_POINTS				/* (XY..XY), (XYW..XYW), (XYM..XYM): tuples */
} jcamp_table;

typedef struct jcamp_text
{
	const char *s;
	size_t		len;
} jcamp_text;

typedef struct asdf_state
{
	double		last;			/* last ordinate */
	double		last_dif;		/* difference of the last DIF token */
	bool		have_last;
	bool		last_was_dif;	/* DIF or a DUP of a DIF */
	bool		check_pending;	/* next line's first ordinate is the Y check */
	bool		abscissa_says_new;	/* ... unless it differs and the line's x says it is new */
} asdf_state;

typedef struct jcamp_block
{
	bool		open;
	size_t		line;			/* of ##TITLE */
	io_meta		meta;
	jcamp_text	title;
	jcamp_text	xunits;
	jcamp_text	datatype;
	double		firstx,
				lastx,
				deltax,
				xfactor,
				yfactor,
				npoints;		/* NAN when absent */
	double		laser;
	jcamp_table table;
	size_t		tuple_width;	/* numbers per tuple of a POINTS table */
	size_t		tuple_pos;
	size_t		table_line;
	bool		has_data;
	io_series	x,
				y;
	asdf_state	asdf;
	/* NTUPLES: the variable lists, and the labels every page shares */
	bool		ntuples;
	jcamp_text	symbols,
				units,
				firsts,
				lasts,
				factors,
				dims;
	io_meta		page_meta;
	bool		has_page_meta;
} jcamp_block;

/* One decoded block kept until every block of the file has been read. */
typedef struct jcamp_pending
{
	jcamp_block *blocks;
	size_t		n;
	size_t		capacity;
} jcamp_pending;

typedef struct jcamp_reader
{
	const gs_allocator *alloc;
	size_t		max_points;
	gs_error   *err;
	jcamp_block block;
	size_t		depth;
	gs_io_result *result;
	io_buffer	scratch;		/* a multi-line label value being cleaned */
} jcamp_reader;

/* ------------------------------------------------------------------ */
/* labels */

/* Label as JCAMP compares them: upper case without blanks, '-', '/', '_'. */
static size_t
normalise_label(const char *s, size_t len, char *out, size_t out_size)
{
	size_t		n = 0;

	for (size_t i = 0; i < len && n + 1 < out_size; i++)
	{
		char		c = s[i];

		if (c == ' ' || c == '\t' || c == '-' || c == '/' || c == '_')
			continue;
		out[n++] = (char) toupper((unsigned char) c);
	}
	out[n] = '\0';
	return n;
}

/* The value without a trailing "$$ comment". */
static void
strip_comment(const char **s, size_t *len)
{
	for (size_t i = 0; i + 1 < *len; i++)
	{
		if ((*s)[i] == '$' && (*s)[i + 1] == '$')
		{
			*len = i;
			break;
		}
	}
	io_trim(s, len);
}

static gs_status
syntax_error(jcamp_reader *r, size_t line, const char *what, const char *found, size_t found_len)
{
	gs_fail(r->err, GS_ERR_SYNTAX, "invalid JCAMP-DX %s on line %zu", what, line);
	if (found)
		gs_error_detail(r->err, "Found \"%.*s\".", (int) (found_len > 40 ? 40 : found_len), found);
	return GS_ERR_SYNTAX;
}

static gs_status
header_number(jcamp_reader *r, size_t line, const char *label, const char *s, size_t len, double *out)
{
	const char *v = s;
	size_t		n = len;

	strip_comment(&v, &n);
	if (!io_parse_double(v, n, out) || !isfinite(*out))
	{
		gs_fail(r->err, GS_ERR_SYNTAX, "invalid JCAMP-DX ##%s on line %zu", label, line);
		gs_error_detail(r->err, "Expected a number, found \"%.*s\".", (int) (n > 40 ? 40 : n), v);
		return GS_ERR_SYNTAX;
	}
	return GS_OK;
}

static void
block_reset(jcamp_reader *r, size_t line)
{
	jcamp_block *b = &r->block;

	io_meta_free(&b->page_meta);
	io_meta_free(&b->meta);
	io_series_free(&b->x);
	io_series_free(&b->y);
	memset(b, 0, sizeof(*b));
	b->open = true;
	b->line = line;
	b->firstx = b->lastx = b->deltax = b->npoints = b->laser = NAN;
	b->xfactor = b->yfactor = 1;
	io_meta_init(&b->meta, r->alloc);
	io_meta_init(&b->page_meta, r->alloc);
	io_series_init(&b->x, r->alloc, r->max_points);
	io_series_init(&b->y, r->alloc, r->max_points);
}

static void
block_free(jcamp_block *b)
{
	io_meta_free(&b->page_meta);
	b->has_page_meta = false;
	io_meta_free(&b->meta);
	io_series_free(&b->x);
	io_series_free(&b->y);
	b->open = false;
}

/* ------------------------------------------------------------------ */
/* ASDF decoding of (X++(Y..Y)) lines */

/*
 * An AFFN number whose exponent must be signed ("1.5E+03"): in compressed
 * lines 'E' and 'e' are also SQZ digits, so "12E5" is 12 then +55.
 */
static const char *
scan_affn(const char *p, const char *end, double *v)
{
	const char *s = p;
	const char *q;
	char		buf[88];
	bool		digits = false;

	if (p < end && (*p == '+' || *p == '-'))
		p++;
	while (p < end && isdigit((unsigned char) *p))
		p++, digits = true;
	if (p < end && *p == '.')
		for (p++; p < end && isdigit((unsigned char) *p); p++)
			digits = true;
	if (!digits)
		return NULL;
	q = p;
	if (q + 2 < end && (*q == 'E' || *q == 'e') && (q[1] == '+' || q[1] == '-') &&
		isdigit((unsigned char) q[2]))
	{
		for (q += 2; q < end && isdigit((unsigned char) *q); q++)
			;
		p = q;
	}
	if ((size_t) (p - s) >= sizeof(buf))
		return NULL;
	memcpy(buf, s, (size_t) (p - s));
	buf[p - s] = '\0';
	*v = strtod(buf, NULL);
	return p;
}

/* A pseudo-digit token: first char already mapped to sign and digit, then digits[.digits]. */
static const char *
scan_pseudo(const char *p, const char *end, int digit, bool negative, double *v)
{
	char		buf[88];
	size_t		n = 0;

	if (negative)
		buf[n++] = '-';
	buf[n++] = (char) ('0' + digit);
	while (p < end && (isdigit((unsigned char) *p) || *p == '.') && n + 1 < sizeof(buf))
		buf[n++] = *p++;
	if (p < end && (isdigit((unsigned char) *p) || *p == '.'))
		return NULL;
	buf[n] = '\0';
	*v = strtod(buf, NULL);
	return p;
}

static gs_status
add_ordinate(jcamp_reader *r, double v, size_t line)
{
	jcamp_block *b = &r->block;
	asdf_state *a = &b->asdf;

	if (a->check_pending)
	{
		bool		equal = fabs(v - a->last) <= 1e-9 * fmax(1.0, fabs(a->last));

		a->check_pending = false;
		if (!equal && a->abscissa_says_new)
		{
			a->last = v;
			return io_series_push(&b->y, v, r->err);
		}
		if (!equal)
		{
			gs_fail(r->err, GS_ERR_SYNTAX, "JCAMP-DX Y check failed on line %zu", line);
			gs_error_detail(r->err, "The line starts with %.17g but the previous line ended with %.17g.",
							v, a->last);
			gs_error_hint(r->err, "A line of the compressed data is missing or corrupt.");
			return GS_ERR_SYNTAX;
		}
		return GS_OK;
	}
	a->last = v;
	a->have_last = true;
	return io_series_push(&b->y, v, r->err);
}

/*
 * Does a line starting at abscissa x repeat the last ordinate (the Y check)?
 * Writers repeat it after every DIF line, but some end the table with a line
 * holding only the final point.  A first ordinate equal to the last one is
 * the check; a different one is a new point only when the abscissa says so
 * (it is nearer the next point than the last), else the check failed.  Some
 * writers round the abscissas coarsely, which is why they cannot decide alone.
 */
static bool
line_repeats_last(const jcamp_block *b, double x)
{
	double		step,
				count = (double) b->y.n,
				at;

	if (isnan(b->firstx) || isnan(b->lastx) || isnan(b->npoints) || b->npoints < 2 || count < 1)
		return true;
	step = (b->lastx - b->firstx) / (b->npoints - 1);
	at = x * b->xfactor;
	return fabs(at - (b->firstx + (count - 1) * step)) <= fabs(at - (b->firstx + count * step));
}

static gs_status
decode_xyy_line(jcamp_reader *r, const io_line *line)
{
	jcamp_block *b = &r->block;
	asdf_state *a = &b->asdf;
	const char *p = line->s;
	const char *end = line->s + line->len;
	double		x;
	bool		ended_dif = false;
	gs_status	st = GS_OK;

	p = io_skip_blanks(p, end);
	if (p == end)
		return GS_OK;
	if (p + 1 < end && p[0] == '$' && p[1] == '$')
		return GS_OK;
	p = scan_affn(p, end, &x);
	if (!p)
		return syntax_error(r, line->number, "abscissa in XYDATA", line->s, line->len);
	a->check_pending = a->last_was_dif;
	a->abscissa_says_new = !line_repeats_last(b, x);
	a->last_was_dif = false;
	while (p < end && st == GS_OK)
	{
		char		c = *p;
		double		v;
		const char *q = NULL;

		if (c == ' ' || c == '\t' || c == ',' || c == ';')
		{
			p++;
			continue;
		}
		if (c == '$' && p + 1 < end && p[1] == '$')
			break;
		if (isdigit((unsigned char) c) || c == '.' || c == '+' || c == '-')
		{
			q = scan_affn(p, end, &v);
			if (q)
			{
				st = add_ordinate(r, v, line->number);
				ended_dif = false;
				a->last_was_dif = false;
			}
		}
		else if (c == '@' || (c >= 'A' && c <= 'I') || (c >= 'a' && c <= 'i'))
		{
			int			d = c == '@' ? 0 : (c >= 'a' ? c - 'a' + 1 : c - 'A' + 1);

			q = scan_pseudo(p + 1, end, d, c >= 'a', &v);
			if (q)
			{
				st = add_ordinate(r, v, line->number);
				ended_dif = false;
				a->last_was_dif = false;
			}
		}
		else if (c == '%' || (c >= 'J' && c <= 'R') || (c >= 'j' && c <= 'r'))
		{
			int			d = c == '%' ? 0 : (c >= 'j' ? c - 'j' + 1 : c - 'J' + 1);

			q = scan_pseudo(p + 1, end, d, c >= 'j', &v);
			if (q && !a->have_last)
			{
				gs_fail(r->err, GS_ERR_SYNTAX, "JCAMP-DX DIF value without a preceding ordinate on line %zu",
						line->number);
				return GS_ERR_SYNTAX;
			}
			if (q)
			{
				/* a difference is never the check value: it is a new ordinate */
				a->check_pending = false;
				a->last_dif = v;
				st = add_ordinate(r, a->last + v, line->number);
				ended_dif = true;
				a->last_was_dif = true;
			}
		}
		else if ((c >= 'S' && c <= 'Z') || c == 's')
		{
			int			d = c == 's' ? 9 : c - 'S' + 1;

			q = scan_pseudo(p + 1, end, d, false, &v);
			if (q && (!a->have_last || v < 1 || v != floor(v)))
			{
				gs_fail(r->err, GS_ERR_SYNTAX, "invalid JCAMP-DX DUP count on line %zu", line->number);
				gs_error_detail(r->err, "A DUP count must be a whole number >= 1 after an ordinate.");
				return GS_ERR_SYNTAX;
			}
			for (double k = 1; q && k < v && st == GS_OK; k++)
				st = add_ordinate(r, a->last_was_dif ? a->last + a->last_dif : a->last, line->number);
		}
		else if (c == '?')
		{
			gs_fail(r->err, GS_ERR_SYNTAX, "JCAMP-DX missing value \"?\" on line %zu", line->number);
			gs_error_detail(r->err, "A spectrum cannot store missing ordinates.");
			return GS_ERR_SYNTAX;
		}
		if (st != GS_OK)
			return st;
		if (!q)
			return syntax_error(r, line->number, "ordinate in XYDATA", p, (size_t) (end - p));
		p = q;
	}
	if (a->check_pending)
	{
		/* a line with only its abscissa carries no check; keep expecting it */
		a->check_pending = false;
		a->last_was_dif = true;
		return st;
	}
	a->last_was_dif = ended_dif;
	return st;
}

static gs_status
decode_points_line(jcamp_reader *r, const io_line *line)
{
	jcamp_block *b = &r->block;
	const char *p = line->s;
	const char *end = line->s + line->len;

	while (p < end)
	{
		double		v;
		const char *q;
		gs_status	st = GS_OK;

		if (*p == ' ' || *p == '\t' || *p == ',' || *p == ';')
		{
			p++;
			continue;
		}
		if (*p == '$' && p + 1 < end && p[1] == '$')
			break;
		if (*p == '?')
		{
			gs_fail(r->err, GS_ERR_SYNTAX, "JCAMP-DX missing value \"?\" on line %zu", line->number);
			gs_error_detail(r->err, "A spectrum cannot store missing values.");
			return GS_ERR_SYNTAX;
		}
		q = io_scan_double(p, end, &v);
		if (!q)
			return syntax_error(r, line->number, "number in an (XY..XY) table", p, (size_t) (end - p));
		/* x, y, then width or multiplicity columns, which a spectrum has no place for */
		if (b->tuple_pos == 0)
			st = io_series_push(&b->x, v * b->xfactor, r->err);
		else if (b->tuple_pos == 1)
			st = io_series_push(&b->y, v, r->err);
		b->tuple_pos = (b->tuple_pos + 1) % b->tuple_width;
		if (st != GS_OK)
			return st;
		p = q;
	}
	return GS_OK;
}

/* ------------------------------------------------------------------ */
/* units */

static bool
text_is(const jcamp_text *t, const char *const *names)
{
	char		buf[64];
	size_t		n = normalise_label(t->s, t->len, buf, sizeof(buf));

	for (; *names; names++)
		if (strlen(*names) == n && memcmp(buf, *names, n) == 0)
			return true;
	return false;
}

static gs_status
block_unit(jcamp_reader *r, const jcamp_block *b, gs_unit *unit, bool *arbitrary)
{
	static const char *const wavenumber[] = {"1CM", "CM1", "CM^1", "WAVENUMBERS", "WAVENUMBER", NULL};
	static const char *const micrometre[] = {"MICROMETERS", "MICROMETRES", "MICRONS", "UM", NULL};
	static const char *const nanometre[] = {"NANOMETERS", "NANOMETRES", "NM", NULL};
	static const char *const ev[] = {"EV", "ELECTRONVOLTS", NULL};
	static const char *const kev[] = {"KEV", NULL};
	static const char *const channel[] = {"ARBITRARY", "ARBITRARYUNITS", "CHANNEL", "CHANNELS",
	"POINTS", NULL};

	*arbitrary = false;
	if (text_is(&b->xunits, wavenumber))
		*unit = b->datatype.s && io_find_nocase(b->datatype.s, b->datatype.len, "RAMAN")
			? GS_UNIT_RAMAN_CM1 : GS_UNIT_CM1;
	else if (text_is(&b->xunits, micrometre))
		*unit = GS_UNIT_UM;
	else if (text_is(&b->xunits, nanometre))
		*unit = GS_UNIT_NM;
	else if (text_is(&b->xunits, ev))
		*unit = GS_UNIT_EV;
	else if (text_is(&b->xunits, kev))
		*unit = GS_UNIT_KEV;
	else if (text_is(&b->xunits, channel))
		*unit = GS_UNIT_CHANNEL, *arbitrary = true;
	else
	{
		if (b->xunits.len == 0)
			gs_fail(r->err, GS_ERR_UNSUPPORTED, "JCAMP-DX block on line %zu has no ##XUNITS", b->line);
		else
			gs_fail(r->err, GS_ERR_UNSUPPORTED, "JCAMP-DX x unit \"%.*s\" of the block on line %zu has no spectrum unit",
					(int) (b->xunits.len > 30 ? 30 : b->xunits.len), b->xunits.s, b->line);
		gs_error_detail(r->err, "Spectrum axis units are %s; NMR (Hz, ppm), mass (m/z) and time axes are not read.",
						gs_unit_names_list());
		return GS_ERR_UNSUPPORTED;
	}
	return GS_OK;
}

/* ------------------------------------------------------------------ */
/* blocks */

static gs_status
finish_xyy_axis(jcamp_reader *r, jcamp_block *b, double *first, double *step)
{
	size_t		n = b->y.n;

	if (isnan(b->firstx) || isnan(b->lastx))
	{
		gs_fail(r->err, GS_ERR_SYNTAX, "JCAMP-DX block on line %zu has XYDATA without ##FIRSTX and ##LASTX",
				b->line);
		return GS_ERR_SYNTAX;
	}
	*first = b->firstx;
	*step = n > 1 ? (b->lastx - b->firstx) / (double) (n - 1) : (b->deltax > 0 ? b->deltax : 1);
	/* LASTX itself is rounded to the precision of the axis values, hence the max */
	if (n > 1 && isfinite(b->deltax) &&
		fabs(b->deltax * (double) (n - 1) - (b->lastx - b->firstx)) <=
		1e-9 * fmax(fabs(b->lastx - b->firstx), fmax(fabs(b->firstx), fabs(b->lastx))))
		*step = b->deltax;
	if (n > 1 && *step == 0)
	{
		gs_fail(r->err, GS_ERR_PARAM, "JCAMP-DX block on line %zu has FIRSTX equal to LASTX", b->line);
		return GS_ERR_PARAM;
	}
	return GS_OK;
}

/*
 * Moves the data table just read, with the block's labels, to the decoded
 * spectra; the block stays open for the next NTUPLES page.
 */
static gs_status
push_table(jcamp_reader *r, jcamp_pending *done)
{
	jcamp_block *b = &r->block;
	size_t		n = b->table == TABLE_X_YY ? b->y.n : b->x.n;
	jcamp_block *blocks;
	jcamp_block *kept;

	if (b->table == TABLE_POINTS && (b->tuple_pos != 0 || b->x.n != b->y.n))
	{
		gs_fail(r->err, GS_ERR_SYNTAX, "JCAMP-DX table on line %zu ends inside a tuple", b->table_line);
		gs_error_detail(r->err, "It holds %zu numbers in tuples of %zu.",
						b->x.n * b->tuple_width + b->tuple_pos, b->tuple_width);
		return GS_ERR_SYNTAX;
	}
	if (n == 0)
	{
		gs_fail(r->err, GS_ERR_SYNTAX, "JCAMP-DX data table on line %zu is empty", b->table_line);
		return GS_ERR_SYNTAX;
	}
	if (!isnan(b->npoints) && b->npoints != (double) n)
	{
		gs_fail(r->err, GS_ERR_SYNTAX, "JCAMP-DX data table on line %zu holds %zu points but ##NPOINTS says %.0f",
				b->table_line, n, b->npoints);
		return GS_ERR_SYNTAX;
	}
	if (done->n >= GS_IO_MAX_SPECTRA)
		return gs_fail(r->err, GS_ERR_LIMIT, "file holds more than %d spectra", GS_IO_MAX_SPECTRA);
	if (done->n == done->capacity)
	{
		size_t		cap = done->capacity ? 2 * done->capacity : 4;

		blocks = r->alloc->alloc(r->alloc->ctx, cap * sizeof(jcamp_block));
		if (!blocks)
			return gs_fail(r->err, GS_ERR_NOMEM, "out of memory while reading a file");
		if (done->n)
			memcpy(blocks, done->blocks, done->n * sizeof(jcamp_block));
		io_release(r->alloc, done->blocks);
		done->blocks = blocks;
		done->capacity = cap;
	}
	kept = &done->blocks[done->n++];
	*kept = *b;
	/* the copy owns meta and series; the block keeps the page labels */
	io_meta_init(&kept->page_meta, r->alloc);
	kept->has_page_meta = false;
	io_meta_init(&b->meta, r->alloc);
	io_series_init(&b->x, r->alloc, r->max_points);
	io_series_init(&b->y, r->alloc, r->max_points);
	b->has_data = false;
	b->table = TABLE_NONE;
	return GS_OK;
}

static gs_status
finish_block(jcamp_reader *r, jcamp_pending *done)
{
	gs_status	st = r->block.has_data ? push_table(r, done) : GS_OK;

	block_free(&r->block);
	return st;
}

static gs_status
emit_block(jcamp_reader *r, jcamp_block *b)
{
	gs_unit		unit;
	bool		arbitrary;
	double		first = 0,
				step = 0;
	char	   *json = NULL;
	gs_status	st = block_unit(r, b, &unit, &arbitrary);

	if (st == GS_OK && b->table == TABLE_X_YY)
		st = finish_xyy_axis(r, b, &first, &step);
	if (st == GS_OK && arbitrary)
		st = io_meta_add_str(&b->meta, "x_unit", "channel (file says arbitrary)", r->err);
	if (st == GS_OK)
	{
		double	   *y = io_series_data(&b->y);

		for (size_t i = 0; i < b->y.n; i++)
			y[i] *= b->yfactor;
		st = io_meta_finish(&b->meta, &json, r->err);
	}
	if (st == GS_OK)
		st = gs_io_result_add(r->result, unit, unit == GS_UNIT_RAMAN_CM1 ? b->laser : NAN,
							  b->table == TABLE_X_YY ? NULL : io_series_data(&b->x), first, step,
							  io_series_data(&b->y), b->y.n, r->max_points,
							  b->title.s ? b->title.s : "", b->title.len, json, r->err);
	return st;
}

/* ------------------------------------------------------------------ */
/* labelled data records */

static gs_status
start_table(jcamp_reader *r, const char *label, const char *v, size_t vlen, size_t line)
{
	jcamp_block *b = &r->block;
	char		form[64];
	size_t		n;

	strip_comment(&v, &vlen);
	n = normalise_label(v, vlen, form, sizeof(form));
	if (b->has_data)
	{
		gs_fail(r->err, GS_ERR_UNSUPPORTED, "JCAMP-DX block on line %zu has a second data table on line %zu",
				b->line, line);
		gs_error_detail(r->err, "A block holds one spectrum; a compound file puts each in its own block.");
		return GS_ERR_UNSUPPORTED;
	}
	b->has_data = true;
	b->table_line = line;
	memset(&b->asdf, 0, sizeof(b->asdf));
	if (n > 4 && form[0] == '(' && form[1] == 'X' && form[2] == '+' && form[3] == '+')
	{
		/* (X++(Y..Y)), also (X++(R..R)) and (X++(I..I)) */
		b->table = TABLE_X_YY;
		return GS_OK;
	}
	if (n >= 7 && form[0] == '(' && form[1] == 'X' && form[2] == 'Y')
	{
		/* (XY..XY), (XYW..XYW), (XYM..XYM): the tuple is the letters before ".." */
		const char *dots = strstr(form, "..");

		b->table = TABLE_POINTS;
		b->tuple_width = dots ? (size_t) (dots - form - 1) : 0;
		b->tuple_pos = 0;
		if (b->tuple_width >= 2 && b->tuple_width <= 4)
			return GS_OK;
	}
	gs_fail(r->err, GS_ERR_UNSUPPORTED, "JCAMP-DX ##%s form \"%.*s\" on line %zu is not supported", label,
			(int) (vlen > 30 ? 30 : vlen), v, line);
	gs_error_detail(r->err, "Supported forms are (X++(Y..Y)) and (XY..XY), (XYW..XYW), (XYM..XYM).");
	return GS_ERR_UNSUPPORTED;
}

static gs_status
open_block(jcamp_reader *r, size_t line)
{
	if (r->depth >= JCAMP_MAX_DEPTH)
	{
		gs_fail(r->err, GS_ERR_SYNTAX, "JCAMP-DX blocks nest deeper than %d on line %zu", JCAMP_MAX_DEPTH, line);
		gs_error_detail(r->err, "Every ##TITLE= needs its ##END=.");
		return GS_ERR_SYNTAX;
	}
	if (r->block.open && r->block.has_data)
	{
		gs_fail(r->err, GS_ERR_SYNTAX, "JCAMP-DX block on line %zu has no ##END= before the ##TITLE= on line %zu",
				r->block.line, line);
		return GS_ERR_SYNTAX;
	}
	r->depth++;
	/* a LINK block's own labels describe the set, not the nested spectra */
	block_reset(r, line);
	return GS_OK;
}

/* ---- NTUPLES ---- */

/* Item i of a comma list, trimmed; false when the list is shorter. */
static bool
list_item(const jcamp_text *list, size_t i, jcamp_text *item)
{
	const char *p = list->s;
	const char *end = list->s ? list->s + list->len : NULL;

	if (!p)
		return false;
	for (size_t k = 0;; k++)
	{
		const char *comma = memchr(p, ',', (size_t) (end - p));
		const char *stop = comma ? comma : end;

		if (k == i)
		{
			item->s = p;
			item->len = (size_t) (stop - p);
			io_trim(&item->s, &item->len);
			return true;
		}
		if (!comma)
			return false;
		p = comma + 1;
	}
}

static double
list_number(const jcamp_text *list, size_t i, double absent)
{
	jcamp_text	item;
	double		v;

	if (list_item(list, i, &item) && io_parse_double(item.s, item.len, &v) && isfinite(v))
		return v;
	return absent;
}

/* Column of the variable whose ##SYMBOL= is `symbol`. */
static bool
symbol_column(const jcamp_block *b, char symbol, size_t *column)
{
	jcamp_text	item;

	for (size_t i = 0; list_item(&b->symbols, i, &item); i++)
		if (item.len == 1 && toupper((unsigned char) item.s[0]) == symbol)
		{
			*column = i;
			return true;
		}
	return false;
}

/* Labels inside NTUPLES: the variable lists, and PAGE, which starts a spectrum. */
static gs_status
ntuples_label(jcamp_reader *r, jcamp_pending *done, const char *label, const char *v, size_t vlen)
{
	jcamp_block *b = &r->block;
	jcamp_text	text = {v, vlen};
	gs_status	st = GS_OK;

	if (strcmp(label, "SYMBOL") == 0)
		b->symbols = text;
	else if (strcmp(label, "UNITS") == 0)
		b->units = text;
	else if (strcmp(label, "FIRST") == 0)
		b->firsts = text;
	else if (strcmp(label, "LAST") == 0)
		b->lasts = text;
	else if (strcmp(label, "FACTOR") == 0)
		b->factors = text;
	else if (strcmp(label, "VARDIM") == 0)
		b->dims = text;
	else if (strcmp(label, "PAGE") == 0 || strcmp(label, "ENDNTUPLES") == 0)
	{
		if (b->has_data)
			st = push_table(r, done);
		if (st == GS_OK && !b->has_page_meta)
		{
			/* every page gets the labels before the first page, not those of other pages */
			io_meta_free(&b->page_meta);
			st = io_meta_copy(&b->page_meta, &b->meta, r->err);
			b->has_page_meta = true;
		}
		else if (st == GS_OK)
		{
			io_meta_free(&b->meta);
			st = io_meta_copy(&b->meta, &b->page_meta, r->err);
		}
		if (strcmp(label, "ENDNTUPLES") == 0)
			b->ntuples = false;
	}
	return st;
}

/*
 * ##DATA TABLE=(X++(R..R)), XYDATA: the variables named in the form give the
 * axis and the values of this page.
 */
static gs_status
start_page_table(jcamp_reader *r, const char *v, size_t vlen, size_t line)
{
	jcamp_block *b = &r->block;
	char		form[64];
	size_t		n,
				xcol,
				ycol;
	char		xs,
				ys;

	strip_comment(&v, &vlen);
	n = normalise_label(v, vlen, form, sizeof(form));
	if (!b->ntuples)
	{
		gs_fail(r->err, GS_ERR_SYNTAX, "JCAMP-DX ##DATA TABLE= outside NTUPLES on line %zu", line);
		return GS_ERR_SYNTAX;
	}
	xs = n > 1 ? form[1] : 0;
	ys = (n > 5 && form[2] == '+') ? form[5] : (n > 2 ? form[2] : 0);
	if (!symbol_column(b, xs, &xcol) || !symbol_column(b, ys, &ycol))
	{
		gs_fail(r->err, GS_ERR_SYNTAX, "JCAMP-DX ##DATA TABLE= on line %zu names variables not in ##SYMBOL=", line);
		gs_error_detail(r->err, "Found \"%.*s\".", (int) (vlen > 40 ? 40 : vlen), v);
		return GS_ERR_SYNTAX;
	}
	if (!list_item(&b->units, xcol, &b->xunits))
		b->xunits.len = 0;
	b->firstx = list_number(&b->firsts, xcol, NAN);
	b->lastx = list_number(&b->lasts, xcol, NAN);
	b->xfactor = list_number(&b->factors, xcol, 1);
	b->yfactor = list_number(&b->factors, ycol, 1);
	b->npoints = list_number(&b->dims, ycol, NAN);
	b->deltax = NAN;
	return start_table(r, "DATA TABLE", v, vlen, line);
}

static double *
number_slot(jcamp_block *b, const char *label)
{
	if (strcmp(label, "FIRSTX") == 0)
		return &b->firstx;
	if (strcmp(label, "LASTX") == 0)
		return &b->lastx;
	if (strcmp(label, "DELTAX") == 0)
		return &b->deltax;
	if (strcmp(label, "XFACTOR") == 0)
		return &b->xfactor;
	if (strcmp(label, "YFACTOR") == 0)
		return &b->yfactor;
	if (strcmp(label, "NPOINTS") == 0)
		return &b->npoints;
	return NULL;
}

/*
 * One labelled data record: v is the first line of its value (the parts the
 * reader interprets never span lines), full the whole value cleaned for meta,
 * or NULL for the label of a data table, whose lines are data.
 */
static gs_status
label_record(jcamp_reader *r, jcamp_pending *done, const char *key, size_t key_len,
			 const char *v, size_t vlen, const char *full, size_t full_len, size_t line)
{
	jcamp_block *b = &r->block;
	char		label[40];
	const char *cv = v;
	size_t		cvlen = vlen;
	double	   *slot;

	normalise_label(key, key_len, label, sizeof(label));
	if (strcmp(label, "TITLE") == 0)
	{
		gs_status	st = open_block(r, line);

		if (st != GS_OK)
			return st;
		b->title.s = v;
		b->title.len = vlen;
		strip_comment(&b->title.s, &b->title.len);
	}
	else if (strcmp(label, "END") == 0)
	{
		if (r->depth == 0)
			return syntax_error(r, line, "##END= without ##TITLE=", NULL, 0);
		r->depth--;
		return b->open ? finish_block(r, done) : GS_OK;
	}
	if (!b->open)
	{
		if (r->depth > 0 && !full)
			return syntax_error(r, line, "data table outside a block", key, key_len);
		/* labels of a LINK block after its nested blocks, or text before the first TITLE */
		if (r->depth > 0)
			return GS_OK;
		return syntax_error(r, line, "file: label before ##TITLE=", key, key_len);
	}
	strip_comment(&cv, &cvlen);
	if (strcmp(label, "NTUPLES") == 0)
		b->ntuples = true;
	else if (b->ntuples && ntuples_label(r, done, label, cv, cvlen) != GS_OK)
		return r->err->status;
	if (strcmp(label, "DATATABLE") == 0)
	{
		gs_status	st = start_page_table(r, v, vlen, line);

		if (st != GS_OK)
			return st;
	}
	else if (strcmp(label, "XYDATA") == 0 || strcmp(label, "XYPOINTS") == 0 || strcmp(label, "PEAKTABLE") == 0)
	{
		gs_status	st = start_table(r, label, v, vlen, line);

		if (st != GS_OK)
			return st;
	}
	else if (strcmp(label, "XUNITS") == 0)
		b->xunits.s = cv, b->xunits.len = cvlen;
	else if (strcmp(label, "DATATYPE") == 0)
		b->datatype.s = cv, b->datatype.len = cvlen;
	else if ((slot = number_slot(b, label)) != NULL)
	{
		gs_status	st = header_number(r, line, label, v, vlen, slot);

		if (st != GS_OK)
			return st;
	}
	else if (strstr(label, "LASERWAVELENGTH") != NULL)
	{
		double		laser;

		/* in nm, as gs_write_jcamp writes it (##$LASER WAVELENGTH=) */
		if (io_parse_double(cv, cvlen, &laser) && isfinite(laser) && laser > 0)
			b->laser = laser;
	}
	return io_meta_add(&b->meta, key, key_len, full ? full : cv, full ? full_len : cvlen, r->err);
}

/* ------------------------------------------------------------------ */
/* the file */

typedef struct pending_label
{
	const char *key;
	size_t		key_len;
	const char *value;
	const char *value_end;		/* grows over continuation lines */
	size_t		line;
} pending_label;

static gs_status
flush_label(jcamp_reader *r, jcamp_pending *done, pending_label *pl)
{
	gs_status	st = GS_OK;
	io_lines	it;
	io_line		part;
	size_t		first_len = 0;

	if (!pl->key)
		return GS_OK;
	r->scratch.len = 0;
	io_lines_init(&it, pl->value, (size_t) (pl->value_end - pl->value));
	while (st == GS_OK && io_lines_next(&it, &part))
	{
		const char *s = part.s;
		size_t		n = part.len;

		if (part.number == 1)
			first_len = n;
		strip_comment(&s, &n);
		if (n == 0)
			continue;
		if (r->scratch.len)
			st = io_buffer_append(&r->scratch, "\n", 1, r->err);
		if (st == GS_OK)
			st = io_buffer_append(&r->scratch, s, n, r->err);
	}
	if (st == GS_OK)
		st = label_record(r, done, pl->key, pl->key_len, pl->value, first_len,
						  r->scratch.len ? r->scratch.data : "", r->scratch.len, pl->line);
	pl->key = NULL;
	return st;
}

static bool
is_table_label(const char *key, size_t key_len)
{
	char		label[40];

	normalise_label(key, key_len, label, sizeof(label));
	return strcmp(label, "XYDATA") == 0 || strcmp(label, "XYPOINTS") == 0 ||
		strcmp(label, "PEAKTABLE") == 0 || strcmp(label, "DATATABLE") == 0;
}

static gs_status
read_lines(jcamp_reader *r, jcamp_pending *done, const void *bytes, size_t len, bool *any_title)
{
	io_lines	it;
	io_line		line;
	pending_label pl = {0};
	bool		in_table = false;
	gs_status	st = GS_OK;

	io_lines_init(&it, bytes, len);
	while (st == GS_OK && io_lines_next(&it, &line))
	{
		const char *end = line.s + line.len;
		const char *s = io_skip_blanks(line.s, end);

		if (end - s >= 2 && s[0] == '#' && s[1] == '#')
		{
			const char *eq = memchr(s, '=', (size_t) (end - s));
			const char *key = s + 2;
			size_t		key_len;

			if (!eq)
				return syntax_error(r, line.number, "label (no \"=\")", s, (size_t) (end - s));
			key_len = (size_t) (eq - key);
			in_table = false;
			st = flush_label(r, done, &pl);
			if (st != GS_OK)
				break;
			if (is_table_label(key, key_len))
			{
				st = label_record(r, done, key, key_len, eq + 1, (size_t) (end - eq - 1), NULL, 0,
								  line.number);
				in_table = true;
				continue;
			}
			{
				char		label[8];

				normalise_label(key, key_len, label, sizeof(label));
				if (strcmp(label, "TITLE") == 0)
					*any_title = true;
			}
			pl.key = key;
			pl.key_len = key_len;
			pl.value = eq + 1;
			pl.value_end = end;
			pl.line = line.number;
		}
		else if (in_table && r->block.open)
			st = r->block.table == TABLE_X_YY ? decode_xyy_line(r, &line) : decode_points_line(r, &line);
		else if (pl.key)
			pl.value_end = end;
	}
	if (st == GS_OK)
		st = flush_label(r, done, &pl);
	if (st == GS_OK && r->depth > 0)
	{
		gs_fail(r->err, GS_ERR_SYNTAX, "JCAMP-DX file ends inside the block of line %zu", r->block.line);
		gs_error_detail(r->err, "Every ##TITLE= needs its ##END=; the file may be truncated.");
		st = GS_ERR_SYNTAX;
	}
	return st;
}

gs_status
gs_read_jcamp(const void *bytes, size_t len, const char *filename_hint, size_t max_points,
			  const gs_allocator *alloc, gs_io_result *result, gs_error *err)
{
	jcamp_reader r = {0};
	jcamp_pending done = {0};
	bool		any_title = false;
	gs_status	st;

	gs_io_result_init(result, alloc);
	r.alloc = alloc;
	r.max_points = max_points;
	r.err = err;
	r.result = result;
	io_buffer_init(&r.scratch, alloc, len + 1);
	io_meta_init(&r.block.meta, alloc);
	io_series_init(&r.block.x, alloc, max_points);
	io_series_init(&r.block.y, alloc, max_points);
	st = read_lines(&r, &done, bytes, len, &any_title);
	if (st == GS_OK && !any_title)
	{
		st = gs_fail(err, GS_ERR_SYNTAX, "not a JCAMP-DX file: no ##TITLE= label");
	}
	else if (st == GS_OK && done.n == 0)
	{
		gs_fail(err, GS_ERR_SYNTAX, "JCAMP-DX file holds no spectrum");
		gs_error_detail(err, "No block has ##XYDATA, ##XYPOINTS or ##PEAK TABLE.");
		st = GS_ERR_SYNTAX;
	}
	for (size_t i = 0; i < done.n; i++)
	{
		if (st == GS_OK)
			st = emit_block(&r, &done.blocks[i]);
		block_free(&done.blocks[i]);
	}
	io_release(alloc, done.blocks);
	block_free(&r.block);
	io_buffer_free(&r.scratch);
	if (st != GS_OK)
	{
		gs_io_result_free(result);
		io_error_printable(err);
	}
	return st;
}
