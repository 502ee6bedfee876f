/*
 * sums.h — sums over many doubles in sixteen partial sums, packed where the
 * CPU allows: a single running sum waits on every addition.
 */
#ifndef GS_SUMS_H
#define GS_SUMS_H

#include <stddef.h>

/* Σ v[i] */
double		gs_sum(const double *v, size_t n);

/* Σ (v[i] − center)² */
double		gs_sum_squares(const double *v, size_t n, double center);

#endif
