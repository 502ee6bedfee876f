/*
 * peaks.h — peak picking, prominences and widths.
 *
 * Reproduces scipy 1.10:
 *   find_peaks(y, height=height, distance=distance, prominence=prominence)
 *   peak_prominences(y, peaks)                     (wlen=None)
 *   peak_widths(y, peaks, rel_height=0.5)
 * Local maxima include flat plateaus (the peak is the plateau's middle
 * sample, rounded down); the filters run in scipy's order: height, distance,
 * prominence.  The distance filter keeps higher peaks first; among equally
 * high peaks the one with the larger index is kept first (scipy uses numpy's
 * unstable argsort there, so exact ties may resolve differently).
 *
 * Widths are measured in samples as scipy does, then the interpolated
 * crossing positions are mapped onto the axis by linear interpolation of x,
 * so fwhm = right_x − left_x is in axis units on any axis.
 */
#ifndef GS_PEAKS_H
#define GS_PEAKS_H

#include <stddef.h>

#include "gs_error.h"

typedef struct gs_peak_options
{
	double		height;			/* minimum height; NaN: none */
	double		prominence;		/* minimum prominence; NaN: none */
	double		distance;		/* minimum distance in samples (>= 1); NaN: none */
	double		rel_height;		/* where widths are measured; 0.5 = FWHM */
} gs_peak_options;

/* height, prominence and distance unset, rel_height 0.5 */
gs_peak_options gs_peak_options_default(void);

typedef struct gs_peak
{
	size_t		index;			/* sample of the peak (plateau middle) */
	double		x;				/* its axis position */
	double		height;			/* y at the peak */
	double		prominence;
	size_t		left_base,		/* samples of the prominence bases */
				right_base;
	double		width_height;	/* height − prominence · rel_height */
	double		left_ip,		/* fractional sample positions of the crossings */
				right_ip;
	double		left_x,			/* the crossings on the axis */
				right_x;
	double		fwhm;			/* right_x − left_x (width at rel_height) */
} gs_peak;

/* Upper bound of the number of peaks of n samples (the size of `peaks`). */
size_t		gs_peaks_max_count(size_t n);

/* Bytes of scratch gs_find_peaks needs (aligned for size_t). */
size_t		gs_peaks_scratch_size(size_t n);

/*
 * Fills peaks[0..*count-1] in increasing index order.  x strictly increasing
 * (the axis), y finite.  Fewer than 3 points give no peaks.  Errors
 * (GS_ERR_PARAM): bad arrays, distance < 1, rel_height < 0, NaN y.
 */
gs_status	gs_find_peaks(const double *x, const double *y, size_t n,
						  const gs_peak_options *opt, gs_peak *peaks, size_t *count,
						  void *scratch, gs_error *err);

#endif
