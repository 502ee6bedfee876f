/*
 * baseline_methods.h — the baseline algorithms behind gs_baseline, for
 * baseline.c only.  Inputs are checked there; each takes its work as doubles,
 * sized by the matching *_WORK_LENGTH.
 */
#ifndef GS_BASELINE_METHODS_H
#define GS_BASELINE_METHODS_H

#include <stddef.h>

#include "baseline.h"
#include "whittaker.h"

#define GS_PLS_WORK_LENGTH(n) (GS_WHITTAKER_WORK_LENGTH(n) + 2 * (n))
#define GS_MORPH_WORK_LENGTH(n, window) (3 * ((n) + (size_t) (window)) + (n))
#define GS_SNIP_WORK_LENGTH(n) (n)
#define GS_POLY_WORK_LENGTH(n, order) (((size_t) (order) + 5) * (n))
#define GS_RUBBERBAND_WORK_LENGTH(n) (n)

void		gs_baseline_als(const double *y, size_t n, const gs_baseline_params *p,
							double *baseline, double *work);
void		gs_baseline_arpls(const double *y, size_t n, const gs_baseline_params *p,
							  double *baseline, double *work);
void		gs_baseline_airpls(const double *y, size_t n, const gs_baseline_params *p,
							   double *baseline, double *work);

/* scipy.ndimage.grey_opening(y, size=window, mode='reflect') */
void		gs_baseline_morph(const double *y, size_t n, int window, double *baseline,
							  double *work);

void		gs_baseline_snip(const double *y, size_t n, const gs_baseline_params *p,
							 double *baseline, double *work);

/* improved = false: modpoly; true: imodpoly */
void		gs_baseline_poly(const double *x, const double *y, size_t n,
							 const gs_baseline_params *p, bool improved,
							 double *baseline, double *work);

void		gs_baseline_rubberband(const double *x, const double *y, size_t n,
								   double *baseline, double *work);

#endif
