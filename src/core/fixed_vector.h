/*
 * fixed_vector.h — a spectrum as a fixed-length vector, the approximate
 * representation that the gs_ivf index clusters and scans.
 *
 * The vector holds the spectrum linearly interpolated at the `dim` points
 * start + step·i of the index's grid, in the grid's unit (a spectrum in
 * another unit has its axis converted first, as the operators do).  Grid
 * points outside the spectrum's range hold 0: the operators compare only on
 * the overlap, which a fixed length cannot express, so the index ranks
 * approximately and gs_match re-ranks its candidates exactly.  For the cosine
 * metric the vector is scaled to unit length, so the squared Euclidean
 * distance of two vectors is 2·(1 − cos θ) and one k-means serves both
 * metrics.
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
	bool		unit_length;	/* scale to ||v|| = 1 (cosine) */
} gs_fixed_grid;

/* Bytes of scratch gs_fixed_vector needs for s (0 when units are equal). */
size_t		gs_fixed_vector_scratch_size(const gs_spectrum_view *s, const gs_fixed_grid *g);

/*
 * Writes out[0..dim-1].  Errors: those of gs_unit_check_conversion.  A
 * spectrum with no point on the grid gives the zero vector (GS_OK).
 */
gs_status	gs_fixed_vector(const gs_spectrum_view *s, const gs_fixed_grid *g, float *out,
							void *scratch, gs_error *err);

/* Σ (a − b)², accumulated in float like the index scan's other sums. */
float		gs_vec_l2sq(const float *a, const float *b, size_t dim);

#endif
