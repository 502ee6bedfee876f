/*
 * usgs.c — USGS Spectral Library 7 ASCII files: a values file and the
 * wavelength file of its spectrometer, each a title line and one number per
 * line (C/Windows exponents such as 3.3080488e-001).
 *
 * Channels whose value (or wavelength) is the library's deleted-channel
 * marker -1.23e34 are dropped, leaving an explicit axis with gaps: a reader
 * must not invent values, and NaN has no place in a stored spectrum.
 */
#include "gs_io.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "io_lines.h"
#include "io_meta.h"
#include "io_series.h"

/* -1.23e34 as written; anything this negative is the marker, not a value. */
#define USGS_BAD_BELOW -1.0e34

static gs_status
read_column(const void *bytes, size_t len, const char *what, io_series *out,
			const char **title, size_t *title_len, gs_error *err)
{
	io_lines	it;
	io_line		line;

	io_lines_init(&it, bytes, len);
	if (!io_lines_next(&it, &line))
	{
		gs_fail(err, GS_ERR_SYNTAX, "USGS %s file is empty", what);
		return GS_ERR_SYNTAX;
	}
	*title = line.s;
	*title_len = line.len;
	io_trim(title, title_len);
	while (io_lines_next(&it, &line))
	{
		double		v;
		const char *s = line.s;
		size_t		n = line.len;
		gs_status	st;

		io_trim(&s, &n);
		if (n == 0)
			continue;
		if (!io_parse_double(s, n, &v))
		{
			gs_fail(err, GS_ERR_SYNTAX, "invalid number on line %zu of the USGS %s file", line.number, what);
			gs_error_detail(err, "Expected one number per line after the title line, found \"%.*s\".",
							(int) (n > 40 ? 40 : n), s);
			return GS_ERR_SYNTAX;
		}
		st = io_series_push(out, v, err);
		if (st != GS_OK)
			return st;
	}
	return GS_OK;
}

gs_status
gs_read_usgs(const void *values, size_t values_len, const void *wavelengths, size_t wavelengths_len,
			 const char *filename_hint, size_t max_points, const gs_allocator *alloc,
			 gs_io_result *result, gs_error *err)
{
	io_series	ys,
				xs;
	io_meta		meta;
	const char *title,
			   *wtitle;
	size_t		title_len,
				wtitle_len,
				kept = 0;
	gs_status	st;
	char	   *json = NULL;
	char		count[32];

	gs_io_result_init(result, alloc);
	io_series_init(&ys, alloc, max_points);
	io_series_init(&xs, alloc, max_points);
	io_meta_init(&meta, alloc);
	st = read_column(values, values_len, "values", &ys, &title, &title_len, err);
	if (st == GS_OK)
		st = read_column(wavelengths, wavelengths_len, "wavelength", &xs, &wtitle, &wtitle_len, err);
	if (st == GS_OK && xs.n != ys.n)
	{
		st = gs_fail(err, GS_ERR_PARAM, "USGS values file has %zu channels but the wavelength file has %zu",
					 ys.n, xs.n);
		gs_error_hint(err, "Pass the wavelength file of the spectrometer named in the title.");
	}
	if (st == GS_OK)
	{
		double	   *x = io_series_data(&xs),
				   *y = io_series_data(&ys);

		for (size_t i = 0; i < ys.n; i++)
		{
			if (y[i] < USGS_BAD_BELOW || x[i] < USGS_BAD_BELOW)
				continue;
			x[kept] = x[i];
			y[kept] = y[i];
			kept++;
		}
		if (kept == 0)
		{
			st = gs_fail(err, GS_ERR_PARAM, "USGS spectrum has no valid channel");
			gs_error_detail(err, "All %zu channels carry the deleted-channel marker -1.23e34.", ys.n);
		}
	}
	if (st == GS_OK)
		st = io_meta_add(&meta, "title_line", 10, title, title_len, err);
	if (st == GS_OK)
		st = io_meta_add(&meta, "wavelength_title_line", 21, wtitle, wtitle_len, err);
	if (st == GS_OK)
	{
		snprintf(count, sizeof(count), "%zu", ys.n - kept);
		st = io_meta_add_str(&meta, "deleted_channels", count, err);
	}
	if (st == GS_OK)
		st = io_meta_finish(&meta, &json, err);
	if (st == GS_OK)
	{
		/* " splib07a Record=124: Actinolite HS116.3B   ASDFRb AREF": the part after ':' names it */
		const char *colon = memchr(title, ':', title_len);
		const char *t = colon ? colon + 1 : title;
		size_t		t_len = (size_t) (title + title_len - t);

		io_trim(&t, &t_len);
		st = gs_io_result_add(result, GS_UNIT_UM, NAN, io_series_data(&xs), 0, 0,
							  io_series_data(&ys), kept, max_points, t, t_len, json, err);
	}
	io_series_free(&ys);
	io_series_free(&xs);
	io_meta_free(&meta);
	if (st != GS_OK)
	{
		gs_io_result_free(result);
		io_error_printable(err);
	}
	return st;
}
