/*
 * match_prep.h — bringing a query and library spectra onto comparable terms
 * before a library search (gs_match's `preprocess` option).
 *
 * Steps, each optional, in this order:
 *   grid       resample onto the uniform grid start, start + step, ... stop
 *              (gs_uniform_grid_count), in the query's unit: a library
 *              spectrum in another unit has its axis converted first (the
 *              same conversion as the <-> operator: a Raman shift uses each
 *              side's own laser).  Only the grid points inside the spectrum's
 *              range are kept, so spectra covering part of the grid compare
 *              on the part they share.  Method: interp.h, default linear.
 *   baseline   subtract the baseline of baseline.h (default parameters).
 *   normalize  normalize.h (peak needs peak_x).
 * The result is an explicit-axis spectrum whose grid positions are computed
 * from the grid once (start + step·i), so two spectra on one grid share their
 * x values exactly and compare point by point without interpolation.
 */
#ifndef GS_MATCH_PREP_H
#define GS_MATCH_PREP_H

#include "baseline.h"
#include "gs_alloc.h"
#include "interp.h"
#include "normalize.h"
#include "spectrum.h"

typedef struct gs_prep_options
{
	bool		grid;
	double		grid_start,
				grid_stop,
				grid_step;
	gs_interp_method grid_method;
	bool		baseline;
	gs_baseline_method baseline_method;
	gs_baseline_params baseline_params;
	bool		normalize;
	gs_norm_method norm_method;
	double		peak_x;
} gs_prep_options;

/* No step: gs_prep_apply returns its input unchanged. */
void		gs_prep_options_init(gs_prep_options *o);

/* Checks the grid (size against max_points); GS_OK when there is none. */
gs_status	gs_prep_check(const gs_prep_options *o, size_t max_points, gs_error *err);

/*
 * Applies the steps to `s`.  `unit`/`laser_nm` are the query's: the grid is
 * in that unit.  The result's arrays are taken from `alloc` (release them with
 * it, or let an arena go).  *out.n == 0 (and GS_OK) means that the spectrum
 * has no point on the grid, i.e. nothing to compare; errors are those of the
 * unit conversion, interpolation, baseline and normalization.
 */
gs_status	gs_prep_apply(const gs_prep_options *o, const gs_spectrum_view *s,
						  gs_unit unit, double laser_nm, const gs_allocator *alloc,
						  gs_spectrum_view *out, gs_error *err);

#endif
