/*
 * fixed_vector.h — a spectrum as a fixed-length vector, the approximate
 * representation that the gs_ivf index clusters and scans.
 *
 * The vector holds the spectrum linearly interpolated at the `dim` points
 * start + step·i of the index's grid, in the grid's unit (a spectrum in
 * another unit has its axis converted first, as the operators do).  Grid
 * points outside the spectrum's range hold NaN, "no value": the operators
 * compare two spectra only where their axes overlap, so the distances below
 * sum only over the points where both vectors have a value, which mimics the
 * operators on the grid (up to the grid's resolution and a factor per query
 * for the density of the query's points).  The index ranks by these, which is
 * approximate, and gs_match re-ranks its candidates exactly.
 */
#ifndef GS_FIXED_VECTOR_H
#define GS_FIXED_VECTOR_H

#include <stdbool.h>
#include <stddef.h>

#include "spectrum.h"

typedef struct gs_fixed_grid
{
	gs_unit		unit;
	double		laser_nm;		/* NaN when none */
	double		start;
	double		step;
	size_t		dim;
} gs_fixed_grid;

/* Bytes of scratch gs_fixed_vector needs for s (0 when units are equal). */
size_t		gs_fixed_vector_scratch_size(const gs_spectrum_view *s, const gs_fixed_grid *g);

/*
 * Writes out[0..dim-1], NaN outside the spectrum's range.  Errors: those of
 * gs_unit_check_conversion.  A spectrum with no point on the grid gives a
 * vector of NaN (GS_OK).
 */
gs_status	gs_fixed_vector(const gs_spectrum_view *s, const gs_fixed_grid *g, float *out,
							void *scratch, gs_error *err);

/* Σ (a − b)² over all points (no NaN in either). */
float		gs_vec_l2sq(const float *a, const float *b, size_t dim);

/*
 * Over the points where neither a nor b is NaN: Σ (a − b)² (euclidean), or
 * 1 − Σab / sqrt(Σa² Σb²) (cosine).  +inf when they share no point (and for
 * the cosine when either side is all zeros there), so such pairs rank last.
 */
float		gs_vec_masked_l2sq(const float *a, const float *b, size_t dim);
float		gs_vec_masked_cosine(const float *a, const float *b, size_t dim);

/* NaN replaced by 0, and for `unit_length` scaled to length 1: what k-means clusters. */
void		gs_vec_dense(const float *v, size_t dim, bool unit_length, float *out);

#endif
