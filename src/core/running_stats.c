#include "running_stats.h"

#include <math.h>
#include <string.h>

#include "interp.h"
#include "view_arrays.h"

void
gs_rstats_reset(gs_rstats *st)
{
	st->n = 0;
	memset(st->mean, 0, st->npoints * sizeof(double));
	memset(st->m2, 0, st->npoints * sizeof(double));
}

/*
 * One reciprocal per spectrum instead of a division per point keeps the
 * update as cheap as reading the values (the aggregate's speed target).
 */
void
gs_rstats_add(gs_rstats *st, const double *x)
{
	double		inv;
	double	   *mean = st->mean,
			   *m2 = st->m2;

	st->n += 1;
	inv = 1.0 / st->n;
	for (size_t i = 0; i < st->npoints; i++)
	{
		double		d = x[i] - mean[i];

		mean[i] += d * inv;
		m2[i] += d * (x[i] - mean[i]);
	}
}

void
gs_rstats_add_float(gs_rstats *st, const float *x)
{
	double		inv;
	double	   *mean = st->mean,
			   *m2 = st->m2;

	st->n += 1;
	inv = 1.0 / st->n;
	for (size_t i = 0; i < st->npoints; i++)
	{
		double		xi = (double) x[i];
		double		d = xi - mean[i];

		mean[i] += d * inv;
		m2[i] += d * (xi - mean[i]);
	}
}

void
gs_rstats_merge(gs_rstats *a, const gs_rstats *b)
{
	double		n,
				wb,
				cross;

	if (b->n <= 0)
		return;
	if (a->n <= 0)
	{
		a->n = b->n;
		memcpy(a->mean, b->mean, a->npoints * sizeof(double));
		memcpy(a->m2, b->m2, a->npoints * sizeof(double));
		return;
	}
	n = a->n + b->n;
	wb = b->n / n;
	cross = a->n * b->n / n;
	for (size_t i = 0; i < a->npoints; i++)
	{
		double		d = b->mean[i] - a->mean[i];

		a->mean[i] += d * wb;
		a->m2[i] += b->m2[i] + d * d * cross;
	}
	a->n = n;
}

void
gs_rstats_decay(gs_rstats *st, double f)
{
	if (f >= 1)
		return;
	st->n *= f;
	for (size_t i = 0; i < st->npoints; i++)
		st->m2[i] *= f;
}

double
gs_decay_factor(double age_seconds, double halflife_seconds)
{
	if (!(halflife_seconds > 0) || !(age_seconds > 0))
		return 1;
	return exp2(-age_seconds / halflife_seconds);
}

void
gs_rstats_stddev(const gs_rstats *st, double *sigma)
{
	for (size_t i = 0; i < st->npoints; i++)
		sigma[i] = st->n > 0 ? sqrt(st->m2[i] / st->n) : 0;
}

gs_status
gs_rstats_check(const gs_rstats *st, gs_error *err)
{
	if (!isfinite(st->n) || st->n <= 0)
		return gs_fail(err, GS_ERR_PARAM, "statistics weight n = %g is not a positive finite number", st->n);
	for (size_t i = 0; i < st->npoints; i++)
	{
		if (!isfinite(st->mean[i]) || !isfinite(st->m2[i]) || st->m2[i] < 0)
		{
			gs_fail(err, GS_ERR_PARAM, "statistics are not finite at grid point %zu", i + 1);
			gs_error_detail(err, "mean = %g, m2 = %g; m2 must be finite and >= 0.",
							st->mean[i], st->m2[i]);
			return GS_ERR_PARAM;
		}
	}
	return GS_OK;
}

gs_status
gs_grid_check(const gs_grid *g, gs_error *err)
{
	if (!isfinite(g->start) || !isfinite(g->step) || !(g->step > 0) || g->npoints < 1
		|| !isfinite(gs_grid_x(g, g->npoints - 1)))
	{
		gs_fail(err, GS_ERR_PARAM, "invalid grid");
		gs_error_detail(err, "A grid needs a finite start, a finite step > 0 and at least one point; got start %g, step %g, %zu points.",
						g->start, g->step, g->npoints);
		return GS_ERR_PARAM;
	}
	return GS_OK;
}

size_t
gs_grid_sample_scratch_size(size_t n, const gs_grid *grid)
{
	return (2 * n + grid->npoints) * sizeof(double) + gs_interp_scratch_size(n);
}

gs_status
gs_grid_sample(const gs_spectrum_view *s, const gs_grid *grid, double *out,
			   void *scratch, gs_error *err)
{
	double		lo = gs_view_xmin(s),
				hi = gs_view_xmax(s),
				glo = gs_grid_x(grid, 0),
				ghi = gs_grid_x(grid, grid->npoints - 1),
				tol = 1e-9 * fmax(hi - lo, fmax(fabs(lo), fabs(hi)) * 1e-6);
	double	   *x = scratch,
			   *y = x + s->n,
			   *xt = y + s->n;
	gs_status	rc;

	/* a checked grid fills finite, increasing targets */
	if ((rc = gs_grid_check(grid, err)) != GS_OK)
		return rc;
	if (glo < lo - tol || ghi > hi + tol)
	{
		gs_fail(err, GS_ERR_PARAM, "spectrum does not cover the grid");
		gs_error_detail(err, "The spectrum spans %g to %g; the grid spans %g to %g.", lo, hi, glo, ghi);
		return GS_ERR_PARAM;
	}
	gs_view_copy_x(s, x);
	gs_view_copy_y(s, y);
	for (size_t i = 0; i < grid->npoints; i++)
		xt[i] = gs_grid_x(grid, i);
	/* inside the tolerance, the ends extend flat */
	return gs_interp_sorted(x, y, s->n, GS_INTERP_LINEAR, GS_EXTRAP_EDGE, xt, grid->npoints, out,
							xt + grid->npoints, err);
}

void
gs_rstats_drift(const gs_rstats *day, const gs_rstats *ref,
				double *mean_shift, double *sigma_shift)
{
	double		sm = 0,
				ss = 0;

	for (size_t i = 0; i < ref->npoints; i++)
	{
		double		sr = sqrt(ref->m2[i] / ref->n),
					sd = sqrt(day->m2[i] / day->n),
					zm = (day->mean[i] - ref->mean[i]) / (sr + GS_NORM_EPS),
					zs = (sd - sr) / (sr + GS_NORM_EPS);

		sm += zm * zm;
		ss += zs * zs;
	}
	*mean_shift = sqrt(sm / (double) ref->npoints);
	*sigma_shift = sqrt(ss / (double) ref->npoints);
}

void
gs_rstats_normalize(const gs_rstats *st, const double *x, double gamma, double beta,
					double *out)
{
	for (size_t i = 0; i < st->npoints; i++)
		out[i] = gamma * (x[i] - st->mean[i]) / (sqrt(st->m2[i] / st->n) + GS_NORM_EPS) + beta;
}
