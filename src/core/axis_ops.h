/*
 * axis_ops.h — operations that change a spectrum's axis and keep its values:
 * cropping to an axis interval and converting the axis to another unit.
 * (Polynomial recalibration is in calibration.h, shifting in align.h.)
 */
#ifndef GS_AXIS_OPS_H
#define GS_AXIS_OPS_H

#include "spectrum.h"

/*
 * The points with lo <= x <= hi (both ends inclusive, in the spectrum's
 * unit) are s[first .. first + count - 1]; a uniform result starts at
 * start + step·first.  GS_ERR_PARAM when lo > hi, either is NaN, or no point
 * falls inside.
 */
gs_status	gs_crop_range(const gs_spectrum_view *s, double lo, double hi,
						  size_t *first, size_t *count, gs_error *err);

/*
 * The spectrum's axis in unit `to` (gs_unit_convert; a Raman shift uses the
 * spectrum's own laser_nm on either side), written as an explicit increasing
 * axis x_out[0..n-1] with the values y_out[0..n-1] re-ordered to match when
 * the conversion reverses the order (nm → cm-1, say).  Errors: those of
 * gs_unit_check_conversion (GS_ERR_UNSUPPORTED for channel, GS_ERR_PARAM for
 * a missing laser) and GS_ERR_PARAM when a point has no image in `to` (a
 * Raman shift beyond the laser's wavenumber).
 */
gs_status	gs_convert_axis(const gs_spectrum_view *s, gs_unit to, double *x_out, float *y_out,
							gs_error *err);

#endif
