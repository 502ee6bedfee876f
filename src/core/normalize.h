/*
 * normalize.h — scaling a spectrum's values.
 *
 *   minmax  (y − min) / (max − min), into [0, 1]
 *   area    y / |∫ y dx|, the integral by the trapezoid rule on the axis
 *   vector  y / sqrt(Σ y²)
 *   snv     (y − mean) / sd, sd the population standard deviation (ddof 0)
 *   max     y / max |y|
 *   peak    y / y(peak_x), y(peak_x) linearly interpolated on the axis
 * A zero denominator (constant spectrum, zero area, all zeros, zero value at
 * peak_x) is GS_ERR_PARAM rather than a division by zero.
 */
#ifndef GS_NORMALIZE_H
#define GS_NORMALIZE_H

#include <stddef.h>

#include "gs_error.h"

typedef enum gs_norm_method
{
	GS_NORM_MINMAX = 0,
	GS_NORM_AREA,
	GS_NORM_VECTOR,
	GS_NORM_SNV,
	GS_NORM_MAX,
	GS_NORM_PEAK,
	GS_NORM_COUNT
} gs_norm_method;

/* "minmax", "area", "vector", "snv", "max", "peak"; GS_ERR_PARAM with a hint otherwise. */
gs_status	gs_norm_method_parse(const char *name, gs_norm_method *method, gs_error *err);
const char *gs_norm_method_name(gs_norm_method method);

/*
 * out[0..n-1] from y (out may alias y).  x is the strictly increasing axis,
 * which area and peak need and the other methods take as NULL; peak_x is
 * used by GS_NORM_PEAK only and must lie within [x[0], x[n-1]].  Needs
 * n >= 1 (area: n >= 2).
 */
gs_status	gs_normalize(const double *x, const double *y, size_t n, gs_norm_method method,
						 double peak_x, double *out, gs_error *err);

#endif
