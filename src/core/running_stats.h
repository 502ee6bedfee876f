/*
 * running_stats.h — per-point running mean and variance of spectra on one
 * grid: the instrument statistics library of paper S8.
 *
 * A statistics block holds a weight n and, for every grid point i, the mean
 * μ[i] and M2[i] = Σ w·(x[i] − μ[i])² of the values seen so far.  Without
 * forgetting every spectrum has weight 1 and n is the count.
 *
 * - gs_rstats_add: Welford's update for one spectrum (weight 1).
 * - gs_rstats_merge: Chan, Golub & LeVeque's pairwise combination of two
 *   blocks, δ = μ_b − μ_a, n = n_a + n_b, μ = μ_a + δ·n_b/n,
 *   M2 = M2_a + M2_b + δ²·n_a·n_b/n.  Exact in real arithmetic, so any split
 *   of the data into blocks (parallel workers, concurrent sessions) gives the
 *   one-pass result up to rounding.
 * - gs_rstats_decay: exponential forgetting.  Scaling every weight by f
 *   leaves the weighted mean unchanged and multiplies n and M2 by f.  Before
 *   two blocks stamped at times t_a <= t_b are merged, block a is decayed by
 *   f = 2^(−(t_b − t_a)/halflife), so after any sequence of merges each
 *   spectrum weighs 2^(−age/halflife), age measured from the newest stamp.
 * - The standard deviation is the population (biased) one, σ = sqrt(M2/n):
 *   it is the one defined for fractional weights, and it is what batch
 *   normalization uses.  n = 1 gives σ = 0.
 *
 * Arrays belong to the caller; nothing here allocates.
 */
#ifndef GS_RUNNING_STATS_H
#define GS_RUNNING_STATS_H

#include <stdbool.h>
#include <stddef.h>

#include "gs_error.h"
#include "spectrum.h"

typedef struct gs_rstats
{
	size_t		npoints;
	double		n;				/* total weight; 0 = empty */
	double	   *mean;			/* [npoints] */
	double	   *m2;				/* [npoints] */
} gs_rstats;

/* Empties the block (n = 0, every mean and M2 zero). */
void		gs_rstats_reset(gs_rstats *st);

/* Welford update with one spectrum's values on the block's grid. */
void		gs_rstats_add(gs_rstats *st, const double *x);
void		gs_rstats_add_float(gs_rstats *st, const float *x);

/* a ← a ∪ b (Chan et al.); both on the same grid. */
void		gs_rstats_merge(gs_rstats *a, const gs_rstats *b);

/* Multiplies n and M2 by f in (0, 1]; the mean is unchanged. */
void		gs_rstats_decay(gs_rstats *st, double f);

/* 2^(−age/halflife); 1 when halflife <= 0 (no forgetting) or age <= 0. */
double		gs_decay_factor(double age_seconds, double halflife_seconds);

/* σ[i] = sqrt(M2[i]/n) into sigma[npoints]; zeros when n = 0. */
void		gs_rstats_stddev(const gs_rstats *st, double *sigma);

/*
 * Checks a block read from storage: n finite and > 0, every mean finite,
 * every M2 finite and >= 0.  GS_ERR_PARAM naming the first bad point.
 */
gs_status	gs_rstats_check(const gs_rstats *st, gs_error *err);

/*
 * A uniform grid: npoints positions start + step·i.  Grids are equal when
 * all three fields are equal (the unit is the caller's business).
 */
typedef struct gs_grid
{
	double		start;
	double		step;
	size_t		npoints;
} gs_grid;

static inline double
gs_grid_x(const gs_grid *g, size_t i)
{
	return g->start + g->step * (double) i;
}

static inline bool
gs_grid_equal(const gs_grid *a, const gs_grid *b)
{
	return a->start == b->start && a->step == b->step && a->npoints == b->npoints;
}

/* GS_ERR_PARAM unless start and step are finite, step > 0 and npoints >= 1. */
gs_status	gs_grid_check(const gs_grid *g, gs_error *err);

/*
 * The spectrum sampled at every point of `grid` by linear interpolation
 * (gs_interp, method linear = numpy.interp: exact at shared points, no
 * overshoot), into out[npoints].  The grid must lie inside the spectrum's
 * axis; a relative tolerance of 1e-9 of the axis span absorbs rounding of the
 * end points (those take the end value).  Otherwise GS_ERR_PARAM.  Units are
 * the caller's business.  `scratch` holds gs_grid_sample_scratch_size bytes,
 * aligned for double.
 */
size_t		gs_grid_sample_scratch_size(size_t n, const gs_grid *grid);
gs_status	gs_grid_sample(const gs_spectrum_view *s, const gs_grid *grid, double *out,
						   void *scratch, gs_error *err);

/*
 * Drift of a day's block against a reference block on the same grid, with
 * σ_ref = sqrt(M2_ref/n_ref) and eps = 1e-7 (as in S8 normalization):
 *   mean shift  = sqrt( Σ_i ((μ_day[i] − μ_ref[i]) / (σ_ref[i] + eps))² / P )
 *   sigma shift = sqrt( Σ_i ((σ_day[i] − σ_ref[i]) / (σ_ref[i] + eps))² / P )
 * (root mean square over the P grid points).  Both blocks must be non-empty.
 */
void		gs_rstats_drift(const gs_rstats *day, const gs_rstats *ref,
							double *mean_shift, double *sigma_shift);

/* The eps of S8: x_norm = γ(x − μ)/(σ + eps) + β. */
#define GS_NORM_EPS 1e-7

/*
 * Instrument-adaptive normalization (S8) of values x on the block's grid:
 * out[i] = γ·(x[i] − μ[i])/(σ[i] + eps) + β with the population σ.  A point
 * where every spectrum had the same value (σ = 0) divides by eps alone: the
 * deviation from the mean is scaled by 1e7, as the paper's formula says.
 */
void		gs_rstats_normalize(const gs_rstats *st, const double *x, double gamma, double beta,
								double *out);

#endif
