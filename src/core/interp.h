/*
 * interp.h — resampling a spectrum onto other axis positions (paper S2a).
 *
 * Methods and the scipy 1.10 objects they reproduce:
 *   cubic    CubicSpline(x, y)  (not-a-knot ends; n = 2 is the straight line
 *            and n = 3 the parabola through the points, as scipy does)
 *   natural  CubicSpline(x, y, bc_type='natural')
 *   pchip    PchipInterpolator(x, y)  (n = 2: straight line)
 *   akima    Akima1DInterpolator(x, y)  (needs n >= 3: scipy 1.10 reads an
 *            uninitialised slope for n = 2, so that case is refused)
 *   linear   numpy.interp(xt, x, y)  (n = 1 allowed: only x[0] is inside)
 * Minimum points: linear 1, cubic/natural/pchip 2, akima 3; fewer is
 * GS_ERR_PARAM.
 *
 * All splines are cubic Hermite pieces whose knot slopes are found in O(n)
 * (the spline systems are tridiagonal and solved by forward elimination and
 * back substitution); evaluation walks the sorted targets once, so a resample
 * costs O(n + m) with no allocation beyond the caller's scratch.
 */
#ifndef GS_INTERP_H
#define GS_INTERP_H

#include <stddef.h>

#include "gs_error.h"

typedef enum gs_interp_method
{
	GS_INTERP_CUBIC = 0,
	GS_INTERP_NATURAL,
	GS_INTERP_PCHIP,
	GS_INTERP_AKIMA,
	GS_INTERP_LINEAR,
	GS_INTERP_COUNT
} gs_interp_method;

/* What happens to target positions outside [x[0], x[n-1]]. */
typedef enum gs_extrapolation
{
	GS_EXTRAP_ERROR = 0,		/* GS_ERR_PARAM (the default) */
	GS_EXTRAP_NAN,				/* the value is NaN */
	GS_EXTRAP_EDGE,				/* the value of the nearest end point */
	GS_EXTRAP_COUNT
} gs_extrapolation;

/* "cubic", "natural", "pchip", "akima", "linear"; GS_ERR_PARAM with a hint otherwise. */
gs_status	gs_interp_method_parse(const char *name, gs_interp_method *method, gs_error *err);
const char *gs_interp_method_name(gs_interp_method method);

/* "error", "nan", "edge"; GS_ERR_PARAM with a hint otherwise. */
gs_status	gs_extrapolation_parse(const char *name, gs_extrapolation *mode, gs_error *err);

/* Bytes of scratch gs_interp needs for n input points (any method). */
size_t		gs_interp_scratch_size(size_t n);

/*
 * Writes yt[k] = f(xt[k]) for k < m, f interpolating (x[i], y[i]).
 * x strictly increasing and finite, y finite, xt finite and non-decreasing.
 * Errors (GS_ERR_PARAM): too few points, bad arrays, no target inside
 * [x[0], x[n-1]] whatever the extrapolation mode, and targets outside that
 * range under GS_EXTRAP_ERROR.  `scratch` holds gs_interp_scratch_size(n)
 * bytes, aligned for double; it may be reused across calls.
 */
gs_status	gs_interp(const double *x, const double *y, size_t n,
					  gs_interp_method method, gs_extrapolation extrapolation,
					  const double *xt, size_t m, double *yt, void *scratch, gs_error *err);

/*
 * The same for targets the caller has made finite and non-decreasing (a
 * grid it filled), which are then not checked again: on a grid as long as
 * the spectrum, the check costs as much as a step of the spline.
 */
gs_status	gs_interp_sorted(const double *x, const double *y, size_t n,
							 gs_interp_method method, gs_extrapolation extrapolation,
							 const double *xt, size_t m, double *yt, void *scratch, gs_error *err);

/*
 * Points of the uniform grid start, start + step, ... up to stop (included
 * when it lies on the grid, within 1e-9 of a step, so 350..2500 by 0.5 has
 * 4301 points).  GS_ERR_PARAM unless finite, step > 0 and stop >= start;
 * GS_ERR_LIMIT beyond max_points.
 */
gs_status	gs_uniform_grid_count(double start, double stop, double step, size_t max_points,
								  size_t *count, gs_error *err);

#endif
