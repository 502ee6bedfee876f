/*
 * baseline_poly.c — polynomial baselines that creep under the peaks:
 * modpoly (Lieber & Mahadevan-Jansen 2003) clips the working spectrum to the
 * last fit, imodpoly (Zhao et al. 2007) to the fit plus num_std standard
 * deviations of the residual.
 *
 * Least squares by projection on an orthonormal basis of the polynomials up
 * to poly_order over the points: built once (Arnoldi: multiply the last basis
 * vector by x, orthogonalize twice), so each refit is two passes of
 * (order + 1)·n and no normal equations lose precision.
 */
#include <float.h>
#include <math.h>
#include <string.h>

#include "baseline_methods.h"

typedef struct poly_basis
{
	double	   *q;				/* (order + 1) columns of n */
	int			columns;
	size_t		n;
} poly_basis;

/* four partial sums: one running sum would wait on every addition */
static double
dot(const double *a, const double *b, size_t n)
{
	double		s0 = 0,
				s1 = 0,
				s2 = 0,
				s3 = 0;
	size_t		i = 0;

	for (; i + 4 <= n; i += 4)
	{
		s0 += a[i] * b[i];
		s1 += a[i + 1] * b[i + 1];
		s2 += a[i + 2] * b[i + 2];
		s3 += a[i + 3] * b[i + 3];
	}
	for (; i < n; i++)
		s0 += a[i] * b[i];
	return (s0 + s1) + (s2 + s3);
}

static void
build_basis(poly_basis *b, const double *x, double *xs)
{
	size_t		n = b->n;
	double		lo = x ? x[0] : 0,
				span = x ? x[n - 1] - x[0] : (double) (n - 1);

	for (size_t i = 0; i < n; i++)
		xs[i] = 2 * ((x ? x[i] : (double) i) - lo) / span - 1;
	for (int j = 0; j < b->columns; j++)
	{
		double	   *v = b->q + (size_t) j * n,
					norm;

		for (size_t i = 0; i < n; i++)
			v[i] = j == 0 ? 1 : xs[i] * (v - n)[i];
		for (int pass = 0; pass < 2; pass++)
			for (int k = 0; k < j; k++)
			{
				const double *qk = b->q + (size_t) k * n;
				double		c = dot(qk, v, n);

				for (size_t i = 0; i < n; i++)
					v[i] -= c * qk[i];
			}
		norm = sqrt(dot(v, v, n));
		for (size_t i = 0; i < n; i++)
			v[i] /= norm;
	}
}

/* out = the least-squares polynomial through v */
static void
fit(const poly_basis *b, const double *v, double *out)
{
	memset(out, 0, b->n * sizeof(double));
	for (int j = 0; j < b->columns; j++)
	{
		const double *qj = b->q + (size_t) j * b->n;
		double		c = dot(qj, v, b->n);

		for (size_t i = 0; i < b->n; i++)
			out[i] += c * qj[i];
	}
}

/* Σ v, in four partial sums like dot() */
static double
sum(const double *v, size_t n)
{
	double		s0 = 0,
				s1 = 0,
				s2 = 0,
				s3 = 0;
	size_t		i = 0;

	for (; i + 4 <= n; i += 4)
	{
		s0 += v[i];
		s1 += v[i + 1];
		s2 += v[i + 2];
		s3 += v[i + 3];
	}
	for (; i < n; i++)
		s0 += v[i];
	return (s0 + s1) + (s2 + s3);
}

/* population standard deviation of v, two-pass; v is overwritten */
static double
standard_deviation(double *v, size_t n)
{
	double		mean = sum(v, n) / (double) n;

	for (size_t i = 0; i < n; i++)
		v[i] -= mean;
	return sqrt(dot(v, v, n) / (double) n);
}

/*
 * Each step is its own short loop over the points (they stay in cache):
 * simple loops pipeline and vectorize where one fused loop would not.
 */
void
gs_baseline_poly(const double *x, const double *y, size_t n, const gs_baseline_params *p,
				 bool improved, double *baseline, double *work)
{
	poly_basis	b = {work, p->poly_order + 1, n};
	double	   *xs = work + (size_t) b.columns * n,
			   *current = xs + n,
			   *next = current + n,
			   *diff = next + n;
	double		dev = 0;

	build_basis(&b, x, xs);
	fit(&b, y, baseline);
	memcpy(current, y, n * sizeof(double));
	if (improved)
	{
		for (size_t i = 0; i < n; i++)
			diff[i] = current[i] - baseline[i];
		dev = standard_deviation(diff, n);
	}

	for (int it = 0; it < p->max_iter; it++)
	{
		double		lift = improved ? p->num_std * dev : 0,
					change,
					norm;

		for (size_t i = 0; i < n; i++)
			current[i] = current[i] < baseline[i] + lift ? current[i] : baseline[i] + lift;
		fit(&b, current, next);
		if (improved)
		{
			double		new_dev;

			for (size_t i = 0; i < n; i++)
				diff[i] = current[i] - next[i];
			new_dev = standard_deviation(diff, n);
			change = fabs(dev - new_dev) / (new_dev > DBL_EPSILON ? new_dev : DBL_EPSILON);
			dev = new_dev;
		}
		else
		{
			for (size_t i = 0; i < n; i++)
				diff[i] = next[i] - baseline[i];
			norm = sqrt(dot(baseline, baseline, n));
			change = sqrt(dot(diff, diff, n)) / (norm > DBL_EPSILON ? norm : DBL_EPSILON);
		}
		memcpy(baseline, next, n * sizeof(double));
		if (change < p->tol)
			break;
	}
}
