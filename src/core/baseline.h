/*
 * baseline.h — baseline estimates of a spectrum (paper S2d, S10).
 *
 * Every method returns the baseline itself; subtracting it is the caller's
 * business (gs_remove_baseline in SQL).  Methods and their parameters
 * (gs_baseline_params; defaults from gs_baseline_params_default, chosen like
 * pybaselines 1.0):
 *
 *   morph       grey opening (erosion then dilation) with a flat structuring
 *               element of `window` points, = scipy.ndimage.grey_opening(y,
 *               size=window) with its default mode 'reflect'.  window 0
 *               (default) = automatic, paper S10: f = the median FWHM (points)
 *               of the three most prominent peaks, window = round(1 + 2f +
 *               f²/20) made odd and clamped to 5..31 (gs_morph_auto_window).
 *   als         asymmetric least squares, Eilers & Boelens 2005: repeat
 *               z = Whittaker(w, y, lam); w = p where y > z, 1 − p elsewhere,
 *               until ||w_new − w|| / ||w|| < tol or max_iter + 1 solves.
 *               lam 1e6, p 0.01, max_iter 50, tol 1e-3.
 *   arpls       asymmetrically reweighted PLS, Baek et al. 2015: d = y − z,
 *               m and s the mean and standard deviation (ddof 1) of the
 *               negative d, w = 1 / (1 + exp(2 (d − (2s − m)) / s)); same stop
 *               rule; also stops when fewer than two d are negative or
 *               their deviation is 0.
 *               lam 1e5, max_iter 50, tol 1e-3.
 *   airpls      adaptive iteratively reweighted PLS, Zhang et al. 2010: at
 *               iteration t (from 1), w = exp(t |d| / |Σ d⁻|) where d < 0,
 *               0 elsewhere (exponent capped at 200 against overflow); stops
 *               when |Σ d⁻| / Σ|y| < tol, fewer than two d are negative, or
 *               after max_iter + 1 solves.
 *               lam 1e6, max_iter 50, tol 1e-3.
 *   snip        Ryan et al. 1988: for p = 1 .. max_half_window (capped at
 *               (n − 1) / 2), v_i = min(v_i, (v_{i−p} + v_{i+p}) / 2) for all i
 *               at once, points within p of an end kept.  With lls, v =
 *               log(log(sqrt(y − min y + 1) + 1) + 1) first and back after.
 *               max_half_window 40, lls false.
 *   modpoly     modified polynomial fit, Lieber & Mahadevan-Jansen 2003: fit a
 *               polynomial of poly_order in x (scaled to [−1, 1]) by least
 *               squares, clip the working copy of y to it, refit, until
 *               ||b_new − b|| / ||b|| < tol or max_iter fits.
 *               poly_order 2, max_iter 250, tol 1e-3.
 *   imodpoly    improved modpoly, Zhao et al. 2007: clip to b + num_std·dev,
 *               dev the standard deviation of (working y − b); stops when
 *               |dev_new − dev| / dev_new < tol.  poly_order 2, max_iter 250,
 *               tol 1e-3, num_std 1.
 *   rubberband  the lower convex hull of the points (x, y), linear between
 *               hull vertices.
 *
 * x may be NULL (then the index is the axis); it matters to modpoly,
 * imodpoly and rubberband.  The SQL layer fills the parameters from jsonb keys
 * named like the fields: lam, p, max_iter, tol, poly_order, num_std, window,
 * max_half_window, lls.
 */
#ifndef GS_BASELINE_H
#define GS_BASELINE_H

#include <stdbool.h>
#include <stddef.h>

#include "gs_error.h"

#define GS_BASELINE_MIN_POINTS 3
#define GS_BASELINE_MAX_POLY_ORDER 15
#define GS_BASELINE_MAX_ITER 10000
#define GS_MORPH_MIN_WINDOW 5
#define GS_MORPH_MAX_WINDOW 31

typedef enum gs_baseline_method
{
	GS_BASELINE_MORPH,
	GS_BASELINE_ALS,
	GS_BASELINE_ARPLS,
	GS_BASELINE_AIRPLS,
	GS_BASELINE_SNIP,
	GS_BASELINE_MODPOLY,
	GS_BASELINE_IMODPOLY,
	GS_BASELINE_RUBBERBAND
} gs_baseline_method;

#define GS_BASELINE_METHOD_COUNT 8

typedef struct gs_baseline_params
{
	double		lam;			/* als, arpls, airpls: smoothness λ > 0 */
	double		p;				/* als: weight of points above, 0 < p < 1 */
	int			max_iter;		/* als, arpls, airpls, modpoly, imodpoly: 1..10000 */
	double		tol;			/* same methods: >= 0 */
	int			poly_order;		/* modpoly, imodpoly: 0..15, below n */
	double		num_std;		/* imodpoly: >= 0 */
	int			window;			/* morph: 1..n points, 0 = automatic */
	int			max_half_window;	/* snip: >= 1 */
	bool		lls;			/* snip */
} gs_baseline_params;

/* "morph", "als", ...; GS_ERR_PARAM with the list of names otherwise. */
gs_status	gs_baseline_method_parse(const char *name, gs_baseline_method *method, gs_error *err);
const char *gs_baseline_method_name(gs_baseline_method method);

/* Every field set to the method's default (fields it ignores get theirs too). */
void		gs_baseline_params_default(gs_baseline_method method, gs_baseline_params *params);

/* Bytes of work gs_baseline needs (aligned for double by the caller). */
size_t		gs_baseline_work_size(size_t n, gs_baseline_method method,
								  const gs_baseline_params *params);

/*
 * The baseline of y[0..n-1] (axis x, or NULL) into baseline[0..n-1], which
 * must not overlap y.  GS_ERR_PARAM for n < 3, non-finite y, a non-increasing
 * or non-finite x, or a parameter out of its range (the message names it).
 */
gs_status	gs_baseline(const double *x, const double *y, size_t n, gs_baseline_method method,
						const gs_baseline_params *params, double *baseline, void *work,
						gs_error *err);

/* Whether the method reads the axis (modpoly, imodpoly, rubberband). */
bool		gs_baseline_uses_axis(gs_baseline_method method);

/* The S10 structuring-element size for y (see above); 5 when y has no peak. */
int			gs_morph_auto_window(const double *y, size_t n);

#endif
