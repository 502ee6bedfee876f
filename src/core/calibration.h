/*
 * calibration.h — polynomial recalibration of a spectrum's axis.
 *
 * The calibration is x' = Σ_{k=0}^{d} c[k]·x^k (coefficients in ascending
 * order: c[0] offset, c[1] gain, ...; numpy.polyfit returns them
 * descending).  The identity is {0, 1}.
 */
#ifndef GS_CALIBRATION_H
#define GS_CALIBRATION_H

#include "spectrum.h"

/* Highest polynomial degree accepted by fit and apply. */
#define GS_CALIBRATION_MAX_DEGREE 9

/*
 * x_out[i] = polynomial(x[i]), y_out the values, as an explicit increasing
 * axis; a polynomial that decreases over the whole axis reverses the points.
 * GS_ERR_PARAM when ncoeffs is 0 or more than GS_CALIBRATION_MAX_DEGREE + 1,
 * a coefficient is not finite, or the result is not strictly monotonic
 * (the polynomial folds the axis over) or not finite.
 */
gs_status	gs_calibrate_axis(const gs_spectrum_view *s, const double *coeffs, size_t ncoeffs,
							  double *x_out, float *y_out, gs_error *err);

/* Bytes of scratch gs_fit_axis_calibration needs. */
size_t		gs_fit_axis_calibration_scratch_size(size_t npoints, int degree);

/*
 * Least-squares coeffs[0..degree] mapping measured[i] to reference[i]
 * (peak positions), the same fit as numpy.polyfit(measured, reference,
 * degree) (columns scaled to unit norm, then Householder QR instead of SVD).
 * Errors (GS_ERR_PARAM): degree outside 0..GS_CALIBRATION_MAX_DEGREE, fewer
 * distinct measured positions than degree + 1, non-finite input.
 */
gs_status	gs_fit_axis_calibration(const double *measured, const double *reference, size_t npoints,
									int degree, double *coeffs, void *scratch, gs_error *err);

#endif
