/*
 * msa.c — EMSA/MAS spectral data files (ISO 22029): "#KEYWORD : value"
 * header lines (into meta; "##..." vendor keywords keep one '#'), "#SPECTRUM",
 * the data, "#ENDOFDATA".
 *
 * DATATYPE Y: the numbers, however many per line (NCOLUMNS is layout), are
 * one spectrum; XY: x,y pairs give an explicit axis; a run of k Ys (PIXL's
 * "YY", one column per detector): k spectra, with per-column XPERCHAN,
 * OFFSET given as comma lists.  The axis is OFFSET + XPERCHAN * i in XUNITS
 * (eV or keV); without XPERCHAN it is the channel number.  A file with
 * NPOINTS 0 and no data (a configuration file) holds no spectrum.
 */
#include "gs_io.h"

#include <ctype.h>
#include <math.h>
#include <string.h>

#include "io_lines.h"
#include "io_meta.h"
#include "io_series.h"

/* Detectors one PIXL-style "YY..." file may interleave. */
#define MSA_MAX_COLUMNS 64

typedef struct msa_header
{
	const char *title;
	size_t		title_len;
	const char *xunits;
	size_t		xunits_len;
	const char *datatype;
	size_t		datatype_len;
	const char *xperchan;
	size_t		xperchan_len;
	const char *offset;
	size_t		offset_len;
	double		npoints;		/* NAN when absent */
	size_t		npoints_line;
} msa_header;

static bool
key_is(const char *key, size_t len, const char *name)
{
	size_t		n = strlen(name);
	size_t		k = 0;

	/* keywords may carry a unit suffix: "LIVETIME  -s" */
	if (len < n)
		return false;
	while (k < n && toupper((unsigned char) key[k]) == name[k])
		k++;
	return k == n && (len == n || key[n] == ' ' || key[n] == '-');
}

static gs_status
header_line(msa_header *h, io_meta *meta, const io_line *line, const char *s, size_t n, gs_error *err)
{
	const char *colon = memchr(s, ':', n);
	const char *key = s + 1;
	size_t		key_len = colon ? (size_t) (colon - key) : n - 1;
	const char *val = colon ? colon + 1 : s + n;
	size_t		val_len = (size_t) (s + n - val);

	io_trim(&key, &key_len);
	io_trim(&val, &val_len);
	if (key_is(key, key_len, "TITLE") && !h->title)
		h->title = val, h->title_len = val_len;
	else if (key_is(key, key_len, "XUNITS"))
		h->xunits = val, h->xunits_len = val_len;
	else if (key_is(key, key_len, "DATATYPE"))
		h->datatype = val, h->datatype_len = val_len;
	else if (key_is(key, key_len, "XPERCHAN"))
		h->xperchan = val, h->xperchan_len = val_len;
	else if (key_is(key, key_len, "OFFSET"))
		h->offset = val, h->offset_len = val_len;
	else if (key_is(key, key_len, "NPOINTS"))
	{
		const char *end = val + val_len;
		const char *p = io_scan_double(val, end, &h->npoints);

		if (!p || !(h->npoints >= 0))
		{
			gs_fail(err, GS_ERR_SYNTAX, "invalid NPOINTS on line %zu of an EMSA file", line->number);
			gs_error_detail(err, "Expected a number of points, found \"%.*s\".",
							(int) (val_len > 40 ? 40 : val_len), val);
			return GS_ERR_SYNTAX;
		}
		h->npoints_line = line->number;
	}
	return io_meta_add(meta, key, key_len, val, val_len, err);
}

/* The i-th number of a comma list such as "10.05, 10.02 eV per channel"; the last one repeats. */
static bool
list_number(const char *s, size_t len, size_t i, double *v)
{
	const char *end = s + len;
	const char *p = s;
	bool		found = false;

	for (size_t k = 0; k <= i; k++)
	{
		const char *q;

		p = io_skip_blanks(p, end);
		q = io_scan_double(p, end, v);
		if (!q)
			return found;
		found = true;
		p = io_skip_blanks(q, end);
		if (p >= end || *p != ',')
			return true;
		p++;
	}
	return found;
}

static size_t
count_columns(const msa_header *h, bool *xy, gs_error *err)
{
	const char *d = h->datatype;
	size_t		n = h->datatype_len;

	*xy = false;
	if (!d || n == 0 || (n == 1 && toupper((unsigned char) d[0]) == 'Y'))
		return 1;
	if (n == 2 && toupper((unsigned char) d[0]) == 'X' && toupper((unsigned char) d[1]) == 'Y')
	{
		*xy = true;
		return 1;
	}
	for (size_t i = 0; i < n; i++)
		if (toupper((unsigned char) d[i]) != 'Y')
			n = 0;
	if (n == 0 || n > MSA_MAX_COLUMNS)
	{
		gs_fail(err, GS_ERR_UNSUPPORTED, "EMSA DATATYPE \"%.*s\" is not supported",
				(int) (h->datatype_len > 20 ? 20 : h->datatype_len), h->datatype);
		gs_error_detail(err, "Supported are Y, XY and up to %d Ys (one spectrum per column).", MSA_MAX_COLUMNS);
		return 0;
	}
	return n;
}

static gs_status
axis_unit(const msa_header *h, bool calibrated, gs_unit *unit, gs_error *err)
{
	const char *u = h->xunits;
	size_t		n = h->xunits_len;

	if (!calibrated)
	{
		*unit = GS_UNIT_CHANNEL;
		return GS_OK;
	}
	if (!u || n == 0 || (n == 2 && toupper((unsigned char) u[0]) == 'E' && toupper((unsigned char) u[1]) == 'V'))
		*unit = GS_UNIT_EV;
	else if (n == 3 && io_find_nocase(u, n, "keV") == u)
		*unit = GS_UNIT_KEV;
	else if (!gs_unit_parse(u, n, unit))
	{
		gs_fail(err, GS_ERR_UNSUPPORTED, "EMSA x unit \"%.*s\" has no spectrum unit", (int) (n > 20 ? 20 : n), u);
		gs_error_detail(err, "Spectrum axis units are %s.", gs_unit_names_list());
		return GS_ERR_UNSUPPORTED;
	}
	return GS_OK;
}

static gs_status
data_line(const io_line *line, io_series *values, gs_error *err)
{
	const char *end = line->s + line->len;
	const char *p = line->s;

	for (;;)
	{
		double		v;
		const char *q;
		gs_status	st;

		while (p < end && (*p == ' ' || *p == '\t' || *p == ','))
			p++;
		if (p == end)
			return GS_OK;
		q = io_scan_double(p, end, &v);
		if (!q)
		{
			gs_fail(err, GS_ERR_SYNTAX, "invalid number on line %zu of an EMSA file", line->number);
			gs_error_detail(err, "Found \"%.*s\" in the spectrum data.",
							(int) (end - p > 40 ? 40 : end - p), p);
			return GS_ERR_SYNTAX;
		}
		st = io_series_push(values, v, err);
		if (st != GS_OK)
			return st;
		p = q;
	}
}

static gs_status
emit(const msa_header *h, io_series *values, size_t ncols, bool xy, size_t max_points,
	 io_meta *meta, io_series *column, gs_io_result *result, gs_error *err)
{
	size_t		per = xy ? 2 : ncols;
	size_t		rows = values->n / per;
	const double *v = io_series_data(values);
	gs_status	st = GS_OK;
	char	   *json = NULL;

	if (values->n % per != 0)
	{
		gs_fail(err, GS_ERR_SYNTAX, "EMSA data hold %zu numbers, not a multiple of %zu columns", values->n, per);
		return GS_ERR_SYNTAX;
	}
	if (!isnan(h->npoints) && (double) rows != h->npoints)
	{
		gs_fail(err, GS_ERR_SYNTAX, "EMSA data hold %zu points but NPOINTS on line %zu says %.0f",
				rows, h->npoints_line, h->npoints);
		return GS_ERR_SYNTAX;
	}
	if (rows == 0)
		return GS_OK;
	for (size_t c = 0; c < ncols && st == GS_OK; c++)
	{
		double		step = 1,
					start = 0;
		bool		calibrated = h->xperchan && list_number(h->xperchan, h->xperchan_len, c, &step);
		gs_unit		unit;

		if (calibrated && !(h->offset && list_number(h->offset, h->offset_len, c, &start)))
			start = 0;
		st = axis_unit(h, calibrated || xy, &unit, err);
		/* this spectrum's x (XY only), then its y, gathered from the interleaved numbers */
		io_series_clear(column);
		for (size_t r = 0; xy && r < rows && st == GS_OK; r++)
			st = io_series_push(column, v[2 * r], err);
		for (size_t r = 0; r < rows && st == GS_OK; r++)
			st = io_series_push(column, xy ? v[2 * r + 1] : v[r * ncols + c], err);
		if (st == GS_OK && c + 1 < ncols)
		{
			/* every spectrum gets the header; the builder is consumed by finish */
			io_meta		copy;

			st = io_meta_copy(&copy, meta, err);
			if (st == GS_OK)
				st = io_meta_finish(&copy, &json, err);
			io_meta_free(&copy);
		}
		else if (st == GS_OK)
			st = io_meta_finish(meta, &json, err);
		if (st == GS_OK)
		{
			const double *cv = io_series_data(column);

			/* calibrated and channel axes are uniform; XY gives explicit x */
			st = gs_io_result_add(result, unit, NAN, xy ? cv : NULL, start, step, xy ? cv + rows : cv,
								  rows, max_points, h->title ? h->title : "", h->title_len, json, err);
		}
	}
	return st;
}

gs_status
gs_read_msa(const void *bytes, size_t len, const char *filename_hint, size_t max_points,
			const gs_allocator *alloc, gs_io_result *result, gs_error *err)
{
	io_lines	it;
	io_line		line;
	io_meta		meta;
	io_series	values,
				column;
	msa_header	h = {0};
	gs_status	st = GS_OK;
	bool		in_data = false,
				seen_data = false,
				xy = false;
	size_t		ncols = 1;
	size_t		cap = max_points < GS_MAX_POINTS_CEILING ? max_points : GS_MAX_POINTS_CEILING;

	gs_io_result_init(result, alloc);
	h.npoints = NAN;
	io_meta_init(&meta, alloc);
	io_series_init(&values, alloc, GS_MAX_POINTS_CEILING);
	io_series_init(&column, alloc, GS_MAX_POINTS_CEILING);
	io_lines_init(&it, bytes, len);
	while (st == GS_OK && io_lines_next(&it, &line))
	{
		const char *s = line.s;
		size_t		n = line.len;

		io_trim(&s, &n);
		if (n == 0)
			continue;
		if (s[0] == '#')
		{
			if (key_is(s + 1, n - 1, "SPECTRUM"))
			{
				if (seen_data)
				{
					gs_fail(err, GS_ERR_UNSUPPORTED, "EMSA file has a second #SPECTRUM on line %zu", line.number);
					gs_error_detail(err, "One EMSA file holds one data block.");
					st = GS_ERR_UNSUPPORTED;
					break;
				}
				in_data = seen_data = true;
				ncols = count_columns(&h, &xy, err);
				if (ncols == 0)
					st = err->status;
			}
			else if (key_is(s + 1, n - 1, "ENDOFDATA"))
				in_data = false;
			else if (in_data)
			{
				gs_fail(err, GS_ERR_SYNTAX, "EMSA keyword inside the data on line %zu", line.number);
				gs_error_detail(err, "Expected numbers or #ENDOFDATA, found \"%.*s\".", (int) (n > 40 ? 40 : n), s);
				st = GS_ERR_SYNTAX;
			}
			else
				st = header_line(&h, &meta, &line, s, n, err);
			continue;
		}
		if (!in_data)
		{
			gs_fail(err, GS_ERR_SYNTAX, "unexpected text on line %zu of an EMSA file", line.number);
			gs_error_detail(err, "Expected a #KEYWORD line, found \"%.*s\".", (int) (n > 40 ? 40 : n), s);
			st = GS_ERR_SYNTAX;
			break;
		}
		st = data_line(&line, &values, err);
		if (st == GS_OK && values.n / (xy ? 2 : ncols) > cap)
			st = gs_check_npoints(values.n / (xy ? 2 : ncols), max_points, err);
	}
	if (st == GS_OK && !seen_data && !(h.npoints == 0))
	{
		st = gs_fail(err, GS_ERR_SYNTAX, "EMSA file has no #SPECTRUM section");
		gs_error_detail(err, "Only a file with #NPOINTS 0 (a configuration file) may hold no data.");
	}
	if (st == GS_OK)
		st = emit(&h, &values, ncols, xy, max_points, &meta, &column, result, err);
	io_meta_free(&meta);
	io_series_free(&values);
	io_series_free(&column);
	if (st != GS_OK)
	{
		gs_io_result_free(result);
		io_error_printable(err);
	}
	return st;
}
