/*
 * similarity.h — comparing two spectra point by point.
 *
 * The second spectrum is brought onto the first one's axis: its x values are
 * converted to the first one's unit (gs_unit_convert) and its values are
 * linearly interpolated at every point of the first spectrum that lies inside
 * the second one's range.  Linear interpolation is exact at shared points, so
 * spectra on one grid compare value by value with no resampling error; for
 * other resamplers use gs_resample first.  All sums are in double precision.
 */
#ifndef GS_SIMILARITY_H
#define GS_SIMILARITY_H

#include "spectrum.h"

typedef struct gs_pair_stats
{
	size_t		n;				/* points of the first spectrum in the overlap */
	double		mean_a,
				mean_b;
	double		m2_a,			/* Σ (a − mean_a)² */
				m2_b,
				c_ab;			/* Σ (a − mean_a)(b − mean_b) */
	double		ss_a,			/* Σ a² */
				ss_b,
				s_ab,			/* Σ a·b */
				ssd;			/* Σ (a − b)² */
} gs_pair_stats;

/* Bytes of scratch gs_pair_compare needs for `b` (0 when units are equal). */
size_t		gs_pair_scratch_size(const gs_spectrum_view *a, const gs_spectrum_view *b);

/*
 * Accumulates the statistics over the overlap.  Errors: GS_ERR_PARAM when the
 * axes do not overlap or a Raman conversion lacks a laser, GS_ERR_UNSUPPORTED
 * for channel against a physical unit.
 */
gs_status	gs_pair_compare(const gs_spectrum_view *a, const gs_spectrum_view *b,
							void *scratch, gs_pair_stats *st, gs_error *err);

/* sqrt Σ (a − b)² */
double		gs_pair_euclidean(const gs_pair_stats *st);

/* 1 − cos θ; NaN when either side is all zeros */
double		gs_pair_cosine_distance(const gs_pair_stats *st);

/* θ = acos(cos θ) in radians, in [0, π]; NaN when either side is all zeros */
double		gs_pair_spectral_angle(const gs_pair_stats *st);

/* Pearson r in [-1, 1]; NaN when either side is constant */
double		gs_pair_correlation(const gs_pair_stats *st);

#endif
