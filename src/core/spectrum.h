/*
 * spectrum.h — the in-memory and stored form of one spectrum.
 *
 * A spectrum is an axis (uniform: start + step·i, or explicit strictly
 * increasing x as float8), float4 values y, the axis unit and, optionally, the
 * laser wavelength that a Raman shift is measured from.  Stored spectra are
 * canonical: n >= 1, finite numbers, positive step, increasing x (explicit
 * input in decreasing order is reversed on the way in, since FT-IR files are
 * commonly written from high to low wavenumber).
 *
 * The packed form is one contiguous block that PostgreSQL stores as a varlena:
 * a 40-byte header, then x[n] (explicit axes only), then y[n].  The first four
 * bytes belong to the database's varlena length word and are never touched
 * here.  Compared with float4[] (24-byte header) it costs 16 bytes a value.
 */
#ifndef GS_SPECTRUM_H
#define GS_SPECTRUM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "gs_error.h"
#include "units.h"

#define GS_SPECTRUM_VERSION 1
#define GS_FLAG_EXPLICIT_X 0x01
#define GS_FLAG_LASER 0x02
#define GS_FLAGS_KNOWN (GS_FLAG_EXPLICIT_X | GS_FLAG_LASER)

/* Hard ceiling that keeps a packed spectrum below PostgreSQL's 1 GB varlena limit. */
#define GS_MAX_POINTS_CEILING 80000000

typedef struct gs_packed_spectrum
{
	int32_t		vl_len_;		/* varlena header, owned by the database */
	uint8_t		version;
	uint8_t		unit;			/* gs_unit */
	uint8_t		flags;
	uint8_t		reserved;		/* always zero */
	int32_t		n;
	int32_t		reserved2;		/* always zero */
	double		laser_nm;		/* 0 unless GS_FLAG_LASER */
	double		start;			/* uniform axes; 0 for explicit ones */
	double		step;
	/* double x[n] when GS_FLAG_EXPLICIT_X, then float y[n] */
} gs_packed_spectrum;

#define GS_PACKED_HEADER_SIZE sizeof(gs_packed_spectrum)

/* A read-only view of a spectrum, whatever holds its memory. */
typedef struct gs_spectrum_view
{
	gs_unit		unit;
	size_t		n;
	bool		has_laser;
	double		laser_nm;		/* NaN when !has_laser */
	const double *x;			/* NULL for a uniform axis */
	double		start;			/* uniform axis */
	double		step;
	const float *y;
} gs_spectrum_view;

static inline double
gs_view_x(const gs_spectrum_view *s, size_t i)
{
	return s->x ? s->x[i] : s->start + s->step * (double) i;
}

static inline double
gs_view_xmin(const gs_spectrum_view *s)
{
	return gs_view_x(s, 0);
}

static inline double
gs_view_xmax(const gs_spectrum_view *s)
{
	return gs_view_x(s, s->n - 1);
}

size_t		gs_packed_size(size_t n, bool explicit_x);

/*
 * Fills the header of a packed spectrum of gs_packed_size(n, explicit_x)
 * bytes and returns pointers to its x (NULL when uniform) and y arrays for the
 * caller to fill.  Then call gs_packed_finish to validate and canonicalise.
 */
void		gs_packed_init(gs_packed_spectrum *p, gs_unit unit, size_t n, bool explicit_x,
						   double start, double step, double laser_nm,
						   double **x, float **y);

/*
 * Checks a filled packed spectrum (finite numbers, positive step, strictly
 * monotonic x, laser) and reverses a decreasing explicit axis in place.
 */
gs_status	gs_packed_finish(gs_packed_spectrum *p, gs_error *err);

/*
 * out[i] = (float) in[i]; whether every value was finite and at most FLT_MAX
 * in magnitude (when not, the caller finds and reports the culprit).
 */
bool		gs_narrow_to_float(const double *in, size_t n, float *out);

/* A view into a packed spectrum (which must be valid). */
gs_spectrum_view gs_packed_view(const gs_packed_spectrum *p);

/* Checks n against the configured limit (54000 when over). */
gs_status	gs_check_npoints(size_t n, size_t max_points, gs_error *err);

#endif
