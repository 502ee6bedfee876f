/*
 * spc.c — Thermo/Galactic SPC binary files.
 *
 * New format (version byte 0x4B little-endian, 0x4C big-endian): a 512-byte
 * header, an optional shared X array (TXVALS), then subfiles of a 32-byte
 * header and the Y values (with their own X array when TXYXYS); old format
 * (0x4D): a 256-byte header ending in the first subfile's header, 32-bit Y
 * values stored high word first, subfiles until the end of the file.  Y is
 * float32 when the exponent is 0x80, else a 32-bit (16-bit with TSPREC)
 * integer scaled by 2^(exp-32) (2^(exp-16)).  Every subfile is one spectrum.
 *
 * X unit codes map to spectrum units where one exists (wavenumber, um, nm,
 * Raman shift, eV; arbitrary, diode, channel and data-point axes to
 * `channel`); others (time, Hz, m/z, ppm, ...) are refused.  The comment,
 * source, resolution, date and the log block's text go into meta.
 */
#include "gs_io.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "io_lines.h"
#include "io_meta.h"
#include "io_series.h"

#define SPC_TSPREC 0x01
#define SPC_TMULTI 0x04
#define SPC_TXYXYS 0x40
#define SPC_TXVALS 0x80

#define SPC_NEW_HEADER 512
#define SPC_OLD_HEADER 256
#define SPC_SUBHEADER 32
#define SPC_FLOAT_EXP 0x80

typedef struct spc_file
{
	const unsigned char *b;
	size_t		len;
	bool		big_endian;
	bool		old;
	unsigned	flags;
	int			exp;
	size_t		npts;
	double		first,
				last;
	size_t		nsub;			/* declared (new format); 0: until the end (old) */
	int			xtype;
} spc_file;

static uint32_t
u32(const spc_file *f, size_t off)
{
	const unsigned char *p = f->b + off;

	if (f->big_endian)
		return (uint32_t) p[0] << 24 | (uint32_t) p[1] << 16 | (uint32_t) p[2] << 8 | p[3];
	return (uint32_t) p[3] << 24 | (uint32_t) p[2] << 16 | (uint32_t) p[1] << 8 | p[0];
}

static uint16_t
u16(const spc_file *f, size_t off)
{
	const unsigned char *p = f->b + off;

	return f->big_endian ? (uint16_t) (p[0] << 8 | p[1]) : (uint16_t) (p[1] << 8 | p[0]);
}

static float
f32(const spc_file *f, size_t off)
{
	uint32_t	bits = u32(f, off);
	float		v;

	memcpy(&v, &bits, sizeof(v));
	return v;
}

static double
f64(const spc_file *f, size_t off)
{
	uint64_t	lo = u32(f, off + (f->big_endian ? 4 : 0)),
				hi = u32(f, off + (f->big_endian ? 0 : 4));
	uint64_t	bits = hi << 32 | lo;
	double		v;

	memcpy(&v, &bits, sizeof(v));
	return v;
}

static gs_status
truncated(gs_error *err, const char *what, size_t off, size_t need, size_t len)
{
	gs_fail(err, GS_ERR_SYNTAX, "SPC file is truncated in %s at byte %zu", what, off);
	gs_error_detail(err, "It needs %zu more bytes but has %zu.", need, off < len ? len - off : 0);
	return GS_ERR_SYNTAX;
}

/* Is [off, off + count * size) inside the file?  Written to avoid overflow. */
static bool
fits(const spc_file *f, size_t off, size_t count, size_t size)
{
	return off <= f->len && count <= (f->len - off) / size;
}

static const char *
xtype_name(int code)
{
	static const char *const names[] = {
		"arbitrary", "wavenumber (cm-1)", "micrometers", "nanometers", "seconds", "minutes",
		"hertz", "kilohertz", "megahertz", "mass (m/z)", "parts per million", "days", "years",
		"Raman shift (cm-1)", "electron volts", "XYZ text labels", "diode number", "channel",
		"degrees", "temperature (F)", "temperature (C)", "temperature (K)", "data points",
		"milliseconds", "microseconds", "nanoseconds", "gigahertz", "centimeters", "meters",
		"millimeters", "hours",
	};

	if (code >= 0 && code < (int) (sizeof(names) / sizeof(names[0])))
		return names[code];
	return code == 255 ? "double interferogram" : "unknown";
}

static gs_status
x_unit(const spc_file *f, gs_unit *unit, gs_error *err)
{
	switch (f->xtype)
	{
		case 1:
			*unit = GS_UNIT_CM1;
			return GS_OK;
		case 2:
			*unit = GS_UNIT_UM;
			return GS_OK;
		case 3:
			*unit = GS_UNIT_NM;
			return GS_OK;
		case 13:
			*unit = GS_UNIT_RAMAN_CM1;
			return GS_OK;
		case 14:
			*unit = GS_UNIT_EV;
			return GS_OK;
		case 0:
		case 16:
		case 17:
		case 22:
			*unit = GS_UNIT_CHANNEL;
			return GS_OK;
	}
	gs_fail(err, GS_ERR_UNSUPPORTED, "SPC x unit code %d (%s) has no spectrum unit", f->xtype,
			xtype_name(f->xtype));
	gs_error_detail(err, "Spectrum axis units are %s.", gs_unit_names_list());
	return GS_ERR_UNSUPPORTED;
}

/* Y values of one subfile at off; returns the offset after them. */
static gs_status
read_y(const spc_file *f, size_t off, size_t n, int exp, io_series *y, size_t *next, gs_error *err)
{
	bool		is_float = (exp & 0xff) == SPC_FLOAT_EXP;
	size_t		size = (!is_float && (f->flags & SPC_TSPREC)) ? 2 : 4;

	if (!fits(f, off, n, size))
		return truncated(err, "the Y values", off, n * size, f->len);
	for (size_t i = 0; i < n; i++)
	{
		size_t		at = off + i * size;
		double		v;
		gs_status	st;

		if (is_float)
			v = f32(f, at);
		else if (size == 2)
			v = ldexp((double) (int16_t) u16(f, at), exp - 16);
		else if (f->old)
			v = ldexp((double) (int32_t) ((uint32_t) u16(f, at) << 16 | u16(f, at + 2)), exp - 32);
		else
			v = ldexp((double) (int32_t) u32(f, at), exp - 32);
		st = io_series_push(y, v, err);
		if (st != GS_OK)
			return st;
	}
	*next = off + n * size;
	return GS_OK;
}

static gs_status
read_x(const spc_file *f, size_t off, size_t n, io_series *x, gs_error *err)
{
	if (!fits(f, off, n, 4))
		return truncated(err, "the X values", off, n * 4, f->len);
	for (size_t i = 0; i < n; i++)
	{
		gs_status	st = io_series_push(x, f32(f, off + 4 * i), err);

		if (st != GS_OK)
			return st;
	}
	return GS_OK;
}

/* Fixed-size text field, up to its first NUL. */
static gs_status
add_text_field(io_meta *m, const char *key, const spc_file *f, size_t off, size_t size, gs_error *err)
{
	const char *s = (const char *) f->b + off;
	size_t		n = 0;

	while (n < size && s[n] != '\0')
		n++;
	io_trim(&s, &n);
	return n ? io_meta_add(m, key, strlen(key), s, n, err) : GS_OK;
}

static gs_status
add_number(io_meta *m, const char *key, double v, gs_error *err)
{
	char		buf[40];

	snprintf(buf, sizeof(buf), "%.9g", v);
	return io_meta_add_str(m, key, buf, err);
}

static gs_status
header_meta(const spc_file *f, io_meta *m, gs_error *err)
{
	gs_status	st;
	char		buf[48];

	snprintf(buf, sizeof(buf), "0x%02X", f->b[1]);
	st = io_meta_add_str(m, "spc_version", buf, err);
	if (st == GS_OK)
		st = io_meta_add_str(m, "x_type", xtype_name(f->xtype), err);
	if (f->old)
		return st == GS_OK ? add_text_field(m, "comment", f, 64, 130, err) : st;
	if (st == GS_OK)
	{
		uint32_t	d = u32(f, 32);

		if (d)
		{
			snprintf(buf, sizeof(buf), "%04u-%02u-%02u %02u:%02u", d >> 20, (d >> 16) & 0xf,
					 (d >> 11) & 0x1f, (d >> 6) & 0x1f, d & 0x3f);
			st = io_meta_add_str(m, "date", buf, err);
		}
	}
	if (st == GS_OK)
		st = add_number(m, "experiment_type", f->b[2], err);
	if (st == GS_OK)
		st = add_number(m, "y_type", f->b[29], err);
	if (st == GS_OK)
		st = add_text_field(m, "resolution", f, 36, 9, err);
	if (st == GS_OK)
		st = add_text_field(m, "source", f, 45, 9, err);
	if (st == GS_OK)
		st = add_text_field(m, "comment", f, 88, 130, err);
	if (st == GS_OK)
		st = add_text_field(m, "method", f, 264, 48, err);
	if (st == GS_OK)
	{
		/* log block: 64-byte header, then text at its offset logtxto */
		size_t		logoff = u32(f, 248);

		if (logoff && fits(f, logoff, 1, 64))
		{
			size_t		txt = logoff + (size_t) u32(f, logoff + 8);

			if (txt >= logoff && txt < f->len)
				st = add_text_field(m, "log", f, txt, f->len - txt, err);
		}
	}
	return st;
}

static gs_status
parse_header(spc_file *f, gs_error *err)
{
	unsigned	version = f->len >= 2 ? f->b[1] : 0;

	if (f->len < 2)
		return truncated(err, "the header", 0, SPC_OLD_HEADER, f->len);
	if (version != 0x4B && version != 0x4C && version != 0x4D)
	{
		gs_fail(err, GS_ERR_UNSUPPORTED, "SPC version byte 0x%02X is not supported", version);
		gs_error_detail(err, "Supported are 0x4B and 0x4C (new format) and 0x4D (old format).");
		return GS_ERR_UNSUPPORTED;
	}
	f->flags = f->b[0];
	f->big_endian = version == 0x4C;
	f->old = version == 0x4D;
	if (f->len < (f->old ? SPC_OLD_HEADER : SPC_NEW_HEADER))
		return truncated(err, "the header", 0, f->old ? SPC_OLD_HEADER : SPC_NEW_HEADER, f->len);
	if (f->old)
	{
		float		npts = f32(f, 4);

		f->exp = (int16_t) u16(f, 2);
		if (!(npts >= 0 && npts <= (float) GS_MAX_POINTS_CEILING) || npts != floorf(npts))
		{
			gs_fail(err, GS_ERR_SYNTAX, "SPC header has an invalid number of points %g", (double) npts);
			return GS_ERR_SYNTAX;
		}
		f->npts = (size_t) npts;
		f->first = f32(f, 8);
		f->last = f32(f, 12);
		f->xtype = f->b[16];
		f->nsub = 0;
		if (f->flags & (SPC_TXVALS | SPC_TXYXYS))
		{
			gs_fail(err, GS_ERR_UNSUPPORTED, "old-format SPC file with explicit X values is not supported");
			return GS_ERR_UNSUPPORTED;
		}
		return GS_OK;
	}
	f->exp = (signed char) f->b[3];
	f->npts = u32(f, 4);
	f->first = f64(f, 8);
	f->last = f64(f, 16);
	f->nsub = u32(f, 24);
	f->xtype = f->b[28];
	if (!(f->flags & SPC_TMULTI) || f->nsub == 0)
		f->nsub = 1;
	if (f->nsub > GS_IO_MAX_SPECTRA)
	{
		gs_fail(err, GS_ERR_LIMIT, "SPC file declares %zu subfiles, more than the limit of %d",
				f->nsub, GS_IO_MAX_SPECTRA);
		return GS_ERR_LIMIT;
	}
	return GS_OK;
}

static gs_status
subfile_meta(io_meta *m, const spc_file *f, size_t sub, size_t index, gs_error *err)
{
	char		buf[24];
	gs_status	st;

	snprintf(buf, sizeof(buf), "%zu", index + 1);
	st = io_meta_add_str(m, "subfile", buf, err);
	if (st == GS_OK)
		st = add_number(m, "z", f32(f, sub + 4), err);
	return st;
}

gs_status
gs_read_spc(const void *bytes, size_t len, const char *filename_hint, size_t max_points,
			const gs_allocator *alloc, gs_io_result *result, gs_error *err)
{
	spc_file	f = {.b = bytes,.len = len};
	io_series	x,
				y;
	io_meta		base;
	gs_status	st;
	gs_unit		unit = GS_UNIT_CHANNEL;
	size_t		off;
	bool		explicit_x;
	const char *title;
	size_t		title_len = 0;

	gs_io_result_init(result, alloc);
	io_series_init(&x, alloc, max_points);
	io_series_init(&y, alloc, max_points);
	io_meta_init(&base, alloc);
	st = parse_header(&f, err);
	if (st == GS_OK)
		st = x_unit(&f, &unit, err);
	if (st == GS_OK && !(f.flags & SPC_TXYXYS))
		st = gs_check_npoints(f.npts, max_points, err);
	if (st == GS_OK)
		st = header_meta(&f, &base, err);
	off = f.old ? SPC_OLD_HEADER - SPC_SUBHEADER : SPC_NEW_HEADER;
	explicit_x = (f.flags & (SPC_TXVALS | SPC_TXYXYS)) != 0;
	if (st == GS_OK && (f.flags & SPC_TXVALS) && !(f.flags & SPC_TXYXYS))
	{
		st = read_x(&f, off, f.npts, &x, err);
		off += 4 * f.npts;
	}
	title = (const char *) f.b + (f.old ? 64 : 88);
	if (st == GS_OK)
		while (title_len < 130 && title[title_len] != '\0')
			title_len++;
	for (size_t i = 0; st == GS_OK && (f.old ? off < len : i < f.nsub); i++)
	{
		size_t		sub = off;
		size_t		n = f.npts;
		int			exp = f.exp;
		io_meta		m;
		char	   *json = NULL;

		if (i >= GS_IO_MAX_SPECTRA)
		{
			st = gs_fail(err, GS_ERR_LIMIT, "file holds more than %d spectra", GS_IO_MAX_SPECTRA);
			break;
		}
		if (!fits(&f, sub, 1, SPC_SUBHEADER))
		{
			st = truncated(err, "a subfile header", sub, SPC_SUBHEADER, len);
			break;
		}
		off += SPC_SUBHEADER;
		/*
		 * Subfiles of a multifile carry their own exponent; old-format ones
		 * use it only when it is a plausible positive value.
		 */
		if (!f.old && (f.flags & SPC_TMULTI) && exp != (signed char) SPC_FLOAT_EXP)
			exp = (signed char) f.b[sub + 1];
		else if (f.old && f.b[sub + 1] > 0 && f.b[sub + 1] < 128)
			exp = f.b[sub + 1];
		if (f.flags & SPC_TXYXYS)
		{
			n = u32(&f, sub + 16);
			st = gs_check_npoints(n, max_points, err);
			io_series_clear(&x);
			if (st == GS_OK)
				st = read_x(&f, off, n, &x, err);
			off += 4 * n;
		}
		io_series_clear(&y);
		if (st == GS_OK)
			st = read_y(&f, off, n, exp, &y, &off, err);
		if (st != GS_OK)
			break;
		st = io_meta_copy(&m, &base, err);
		if (st == GS_OK && (f.nsub != 1 || f.old))
			st = subfile_meta(&m, &f, sub, i, err);
		if (st == GS_OK && f.xtype == 0)
			st = io_meta_add_str(&m, "x_unit", "channel (file says arbitrary)", err);
		if (st == GS_OK)
			st = io_meta_finish(&m, &json, err);
		io_meta_free(&m);
		if (st == GS_OK)
			st = gs_io_result_add(result, unit, NAN, explicit_x ? io_series_data(&x) : NULL, f.first,
								  n > 1 ? (f.last - f.first) / (double) (n - 1) : 1,
								  io_series_data(&y), n, max_points, title, title_len, json, err);
	}
	io_series_free(&x);
	io_series_free(&y);
	io_meta_free(&base);
	if (st != GS_OK)
	{
		gs_io_result_free(result);
		io_error_printable(err);
	}
	return st;
}
