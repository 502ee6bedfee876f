/*
 * derivative.h — numerical derivative of a spectrum along its axis.
 *
 * Order 1 is numpy.gradient(y, x) (edge_order=1): second-order central
 * differences for unevenly spaced samples inside, one-sided first-order
 * differences at the two ends.  Order 2 applies it twice,
 * numpy.gradient(numpy.gradient(y, x), x).  It takes no parameters and
 * honours an uneven axis; for a smoothed derivative use gs_savgol with
 * deriv > 0 instead.
 */
#ifndef GS_DERIVATIVE_H
#define GS_DERIVATIVE_H

#include <stddef.h>

#include "gs_error.h"

/*
 * out[0..n-1] = d^order y / dx^order.  Needs n >= 2 and order 1 or 2
 * (GS_ERR_PARAM otherwise); x strictly increasing, y finite.  `scratch`
 * holds n doubles for order 2 (NULL is fine for order 1).  out may not
 * alias y.
 */
gs_status	gs_derivative(const double *x, const double *y, size_t n, int order,
						  double *out, double *scratch, gs_error *err);

#endif
