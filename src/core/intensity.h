/*
 * intensity.h — the 3×3 intensity transfer matrix of paper S2b.
 *
 * y' = Σ_{i,j=0..2} m[i][j]·u^i·y^j with u = (x − lo) / (hi − lo): row i is
 * the power of the axis position (a gain that varies along the axis), column
 * j the power of the raw value (non-linear response).  The identity is
 * m[0][1] = 1, all else 0.  m is stored row-major, m[3·i + j].  lo and hi are
 * the instrument's registered range; NaN for either means the spectrum's own
 * first and last axis values (a one-point spectrum then has u = 0).
 */
#ifndef GS_INTENSITY_H
#define GS_INTENSITY_H

#include <stddef.h>

#include "gs_error.h"
#include "spectrum.h"

/*
 * out[k] for k < n (out may alias y).  GS_ERR_PARAM when m has a non-finite
 * entry, lo >= hi (given explicitly), or x / y are not finite.
 */
gs_status	gs_correct_intensity(const double *x, const double *y, size_t n, const double m[9],
								 double lo, double hi, double *out, gs_error *err);

/* One measured spectrum and its certified values on the same axis. */
typedef struct gs_intensity_pair
{
	const double *x;
	const double *measured;
	const double *certified;
	size_t		n;
} gs_intensity_pair;

/*
 * The m minimising Σ over all points of all pairs of
 * (certified − Σ m[i][j]·u^i·measured^j)², u per pair from lo/hi as above
 * (NaN: each pair's own axis range).  The certified spectrum must already
 * be on the measured one's axis (resample it with gs_interp).  Solved by
 * Givens QR over the rows, with measured values scaled by their largest
 * magnitude, so the nine columns stay comparable.  GS_ERR_PARAM when the
 * data do not determine all nine entries (fewer than 9 points, too few
 * distinct intensity levels or axis positions) or contain non-finite values.
 */
/* Scratch bytes gs_intensity_pair_from_spectra needs for these spectra. */
size_t		gs_intensity_pair_scratch_size(const gs_spectrum_view *measured,
										   const gs_spectrum_view *certified);

/*
 * One fitting pair from two spectra in the same unit: the measured points
 * inside the certified spectrum's range (x, mvals) and the certified values
 * linearly interpolated there (cvals); each output array holds measured->n
 * values.  GS_ERR_PARAM when the units differ.
 */
gs_status	gs_intensity_pair_from_spectra(const gs_spectrum_view *measured,
										   const gs_spectrum_view *certified,
										   double *x, double *mvals, double *cvals,
										   void *scratch, gs_intensity_pair *pair,
										   gs_error *err);

gs_status	gs_fit_transfer_matrix(const gs_intensity_pair *pairs, size_t npairs, double lo, double hi,
								   double m[9], gs_error *err);

#endif
