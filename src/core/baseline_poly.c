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

static double
residual_sd(const double *v, const double *fitted, size_t n)
{
	double		mean = 0,
				ss = 0;

	for (size_t i = 0; i < n; i++)
		mean += v[i] - fitted[i];
	mean /= (double) n;
	for (size_t i = 0; i < n; i++)
	{
		double		r = v[i] - fitted[i] - mean;

		ss += r * r;
	}
	return sqrt(ss / (double) n);
}

/*
 * One iteration in two passes over the points: clip the working spectrum
 * and project it on the basis; then rebuild the fit into `baseline` while
 * gathering what the stop rule needs.  Returns that rule's change.
 */
static double
iterate(const poly_basis *b, double *current, double *baseline, double lift, bool improved,
		double *dev)
{
	const size_t n = b->n;
	const int	columns = b->columns;
	double		c[GS_BASELINE_MAX_POLY_ORDER + 1] = {0};
	double		moved = 0,
				norm = 0,
				sum = 0,
				sum_sq = 0;

	for (size_t i = 0; i < n; i++)
	{
		double		v = current[i] < baseline[i] + lift ? current[i] : baseline[i] + lift;

		current[i] = v;
		for (int j = 0; j < columns; j++)
			c[j] += b->q[(size_t) j * n + i] * v;
	}
	for (size_t i = 0; i < n; i++)
	{
		double		fitted = 0;

		for (int j = 0; j < columns; j++)
			fitted += c[j] * b->q[(size_t) j * n + i];
		if (improved)
		{
			double		r = current[i] - fitted;

			sum += r;
			sum_sq += r * r;
		}
		else
		{
			moved += (fitted - baseline[i]) * (fitted - baseline[i]);
			norm += baseline[i] * baseline[i];
		}
		baseline[i] = fitted;
	}
	if (improved)
	{
		double		mean = sum / (double) n,
					new_dev = sqrt(fmax(sum_sq / (double) n - mean * mean, 0)),
					change = fabs(*dev - new_dev) / (new_dev > DBL_EPSILON ? new_dev : DBL_EPSILON);

		*dev = new_dev;
		return change;
	}
	norm = sqrt(norm);
	return sqrt(moved) / (norm > DBL_EPSILON ? norm : DBL_EPSILON);
}

void
gs_baseline_poly(const double *x, const double *y, size_t n, const gs_baseline_params *p,
				 bool improved, double *baseline, double *work)
{
	poly_basis	b = {work, p->poly_order + 1, n};
	double	   *xs = work + (size_t) b.columns * n,
			   *current = xs + n;
	double		dev = 0;

	build_basis(&b, x, xs);
	fit(&b, y, baseline);
	memcpy(current, y, n * sizeof(double));
	if (improved)
		dev = residual_sd(current, baseline, n);

	for (int it = 0; it < p->max_iter; it++)
		if (iterate(&b, current, baseline, improved ? p->num_std * dev : 0, improved, &dev) < p->tol)
			break;
}
