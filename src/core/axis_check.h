/*
 * axis_check.h — the input checks that every array-based core function
 * shares, so that their error texts agree.
 */
#ifndef GS_AXIS_CHECK_H
#define GS_AXIS_CHECK_H

#include <stdbool.h>
#include <stddef.h>

#include "gs_error.h"

/* Finite and strictly increasing x[0..n-1]; GS_ERR_PARAM naming the first bad point. */
gs_status	gs_check_axis(const double *x, size_t n, gs_error *err);

/*
 * Whether v[0..n-1] is finite and increasing (strictly, or allowing equal
 * neighbours): the checks' fast path, packed and without a branch per point.
 */
bool		gs_sorted_finite(const double *v, size_t n, bool strict);

/* Finite values; `what` names the array in the message ("y"). */
gs_status	gs_check_finite(const double *v, size_t n, const char *what, gs_error *err);

/* n >= min_n; `what` names the operation ("cubic interpolation"). */
gs_status	gs_check_min_points(size_t n, size_t min_n, const char *what, gs_error *err);

#endif
