/*
 * rruff.c — RRUFF text files: "##KEY=VALUE" header lines (into meta), data
 * lines "x, y", "##END=".
 *
 * The files say neither the technique nor the laser; RRUFF puts both in the
 * file name (Mineral__R040063__Raman__532__0__unoriented__...,
 * ...__Infrared__...), so the name hint decides: "Infrared" gives cm-1,
 * anything else a Raman shift (raman_cm-1) with the laser wavelength from the
 * name segment after "Raman" or "Broad_Scan", or from a LASER header label.
 */
#include "gs_io.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "io_lines.h"
#include "io_meta.h"
#include "io_series.h"

/* A plausible laser line in nm, as a whole number of a file-name segment. */
static double
segment_laser(const char *seg, size_t len)
{
	double		v;

	if (len == 0 || len > 5 || !io_parse_double(seg, len, &v))
		return NAN;
	return (v >= 200 && v <= 2000) ? v : NAN;
}

static double
laser_from_filename(const char *name)
{
	const char *p = name;

	if (!name)
		return NAN;
	while ((p = strstr(p, "__")) != NULL)
	{
		const char *seg = p + 2;
		const char *next = strstr(seg, "__");
		size_t		len = next ? (size_t) (next - seg) : strlen(seg);

		if ((len == 5 && memcmp(seg, "Raman", 5) == 0) ||
			(len == 10 && memcmp(seg, "Broad_Scan", 10) == 0))
		{
			if (next)
			{
				const char *lseg = next + 2;
				const char *lend = strstr(lseg, "__");

				return segment_laser(lseg, lend ? (size_t) (lend - lseg) : strlen(lseg));
			}
			return NAN;
		}
		p = seg;
	}
	return NAN;
}

static gs_status
parse_pair(const io_line *line, double *x, double *y, gs_error *err)
{
	const char *end = line->s + line->len;
	const char *p = io_skip_blanks(line->s, end);

	p = io_scan_double(p, end, x);
	if (p)
	{
		p = io_skip_blanks(p, end);
		if (p < end && (*p == ',' || *p == ';'))
			p = io_skip_blanks(p + 1, end);
		p = io_scan_double(p, end, y);
	}
	if (p)
		p = io_skip_blanks(p, end);
	if (p && p < end && *p == ',')
		p = io_skip_blanks(p + 1, end);
	if (!p || p != end)
	{
		gs_fail(err, GS_ERR_SYNTAX, "invalid RRUFF data line %zu", line->number);
		gs_error_detail(err, "Expected \"x, y\", found \"%.*s\".",
						(int) (line->len > 40 ? 40 : line->len), line->s);
		return GS_ERR_SYNTAX;
	}
	return GS_OK;
}

gs_status
gs_read_rruff(const void *bytes, size_t len, const char *filename_hint, size_t max_points,
			  const gs_allocator *alloc, gs_io_result *result, gs_error *err)
{
	io_lines	it;
	io_line		line;
	io_meta		meta;
	io_series	xs,
				ys;
	gs_status	st = GS_OK;
	const char *title = "";
	size_t		title_len = 0;
	double		laser = laser_from_filename(filename_hint);
	bool		infrared = filename_hint && strstr(filename_hint, "Infrared") != NULL;
	bool		ended = false;
	char	   *json = NULL;

	gs_io_result_init(result, alloc);
	io_meta_init(&meta, alloc);
	io_series_init(&xs, alloc, max_points);
	io_series_init(&ys, alloc, max_points);
	io_lines_init(&it, bytes, len);
	while (st == GS_OK && io_lines_next(&it, &line))
	{
		const char *s = line.s;
		size_t		n = line.len;

		io_trim(&s, &n);
		if (n == 0 || ended)
			continue;
		if (n >= 2 && s[0] == '#' && s[1] == '#')
		{
			const char *eq = memchr(s, '=', n);
			const char *key = s + 2;
			size_t		key_len = eq ? (size_t) (eq - key) : n - 2;
			const char *val = eq ? eq + 1 : s + n;
			size_t		val_len = (size_t) (s + n - val);
			double		v;

			io_trim(&key, &key_len);
			io_trim(&val, &val_len);
			if (key_len == 3 && memcmp(key, "END", 3) == 0)
			{
				ended = true;
				continue;
			}
			if (key_len == 5 && memcmp(key, "NAMES", 5) == 0 && title_len == 0)
				title = val, title_len = val_len;
			if (io_find_nocase(key, key_len, "LASER") && io_parse_double(val, val_len, &v) &&
				v >= 200 && v <= 2000)
				laser = v;
			st = io_meta_add(&meta, key, key_len, val, val_len, err);
		}
		else
		{
			double		x,
						y;

			st = parse_pair(&line, &x, &y, err);
			if (st == GS_OK)
				st = io_series_push(&xs, x, err);
			if (st == GS_OK)
				st = io_series_push(&ys, y, err);
		}
	}
	if (st == GS_OK && xs.n == 0)
	{
		st = gs_fail(err, GS_ERR_SYNTAX, "RRUFF file holds no data lines");
		gs_error_detail(err, "Expected \"x, y\" lines after the ##KEY=VALUE header.");
	}
	if (st == GS_OK)
		st = io_meta_finish(&meta, &json, err);
	if (st == GS_OK)
		st = gs_io_result_add(result, infrared ? GS_UNIT_CM1 : GS_UNIT_RAMAN_CM1,
							  infrared ? NAN : laser, io_series_data(&xs), 0, 0,
							  io_series_data(&ys), xs.n, max_points, title, title_len, json, err);
	io_meta_free(&meta);
	io_series_free(&xs);
	io_series_free(&ys);
	if (st != GS_OK)
	{
		gs_io_result_free(result);
		io_error_printable(err);
	}
	return st;
}
