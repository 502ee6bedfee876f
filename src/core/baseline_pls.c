/*
 * baseline_pls.c — the asymmetric penalized least-squares baselines (als,
 * arpls, airpls): a Whittaker smoother refitted with weights that favour the
 * points below the current baseline.
 */
#include <float.h>
#include <math.h>

#include "baseline_methods.h"

/*
 * airpls weights grow like e^t; past this exponent w·y and the factorization
 * would overflow (pybaselines clips at log(DBL_MAX) for the same reason, a
 * limit the default 50 iterations never reach).
 */
#define AIRPLS_MAX_EXPONENT 200.0

typedef struct pls_work
{
	double	   *solver;
	double	   *weights;
	double	   *new_weights;
} pls_work;

static pls_work
split_work(double *work, size_t n)
{
	pls_work	w = {work, work + GS_WHITTAKER_WORK_LENGTH(n), work + GS_WHITTAKER_WORK_LENGTH(n) + n};

	return w;
}

/* ||b − a|| / ||a|| (pybaselines' relative_difference) */
static double
relative_change(const double *a, const double *b, size_t n)
{
	double		dd = 0,
				aa = 0,
				norm;

	for (size_t i = 0; i < n; i++)
	{
		dd += (b[i] - a[i]) * (b[i] - a[i]);
		aa += a[i] * a[i];
	}
	norm = sqrt(aa);
	return sqrt(dd) / (norm > DBL_EPSILON ? norm : DBL_EPSILON);
}

static void
swap_weights(pls_work *w)
{
	double	   *t = w->weights;

	w->weights = w->new_weights;
	w->new_weights = t;
}

/*
 * The iterations stop on a converged weight vector or at max_iter + 1 solves
 * (as pybaselines counts them); the last baseline solved is the answer.  A
 * solve that fails (too few non-zero weights) keeps the previous baseline.
 */
void
gs_baseline_als(const double *y, size_t n, const gs_baseline_params *p,
				double *baseline, double *work)
{
	pls_work	w = split_work(work, n);

	for (size_t i = 0; i < n; i++)
		w.weights[i] = 1;
	for (int it = 0; it <= p->max_iter; it++)
	{
		if (!gs_whittaker_solve(w.weights, y, n, p->lam, baseline, w.solver))
			return;
		for (size_t i = 0; i < n; i++)
			w.new_weights[i] = y[i] > baseline[i] ? p->p : 1 - p->p;
		if (relative_change(w.weights, w.new_weights, n) < p->tol)
			return;
		swap_weights(&w);
	}
}

/* How many y fall below the baseline, and the sum of those residuals. */
static size_t
negative_residuals(const double *y, const double *baseline, size_t n, double *sum)
{
	size_t		count = 0;

	*sum = 0;
	for (size_t i = 0; i < n; i++)
	{
		double		d = y[i] - baseline[i];

		if (d < 0)
		{
			*sum += d;
			count++;
		}
	}
	return count;
}

void
gs_baseline_arpls(const double *y, size_t n, const gs_baseline_params *p,
				  double *baseline, double *work)
{
	pls_work	w = split_work(work, n);

	for (size_t i = 0; i < n; i++)
		w.weights[i] = 1;
	for (int it = 0; it <= p->max_iter; it++)
	{
		double		sum,
					ss = 0,
					mean,
					sd;
		size_t		count;

		if (!gs_whittaker_solve(w.weights, y, n, p->lam, baseline, w.solver))
			return;
		count = negative_residuals(y, baseline, n, &sum);
		if (count < 2)
			return;
		mean = sum / (double) count;
		for (size_t i = 0; i < n; i++)
		{
			double		d = y[i] - baseline[i];

			if (d < 0)
				ss += (d - mean) * (d - mean);
		}
		sd = sqrt(ss / (double) (count - 1));
		if (!(sd > 0))
			return;
		for (size_t i = 0; i < n; i++)
		{
			double		d = y[i] - baseline[i];

			/* the logistic 1 / (1 + e^z); e^z overflowing to inf gives 0 */
			w.new_weights[i] = 1 / (1 + exp((2 / sd) * (d - (2 * sd - mean))));
		}
		if (relative_change(w.weights, w.new_weights, n) < p->tol)
			return;
		swap_weights(&w);
	}
}

void
gs_baseline_airpls(const double *y, size_t n, const gs_baseline_params *p,
				   double *baseline, double *work)
{
	pls_work	w = split_work(work, n);
	double		y_l1 = 0;

	for (size_t i = 0; i < n; i++)
	{
		w.weights[i] = 1;
		y_l1 += fabs(y[i]);
	}
	for (int it = 1; it <= p->max_iter + 1; it++)
	{
		double		neg_sum,
					neg_l1;
		size_t		count;

		if (!gs_whittaker_solve(w.weights, y, n, p->lam, baseline, w.solver))
			return;
		count = negative_residuals(y, baseline, n, &neg_sum);
		if (count < 2)
			return;
		neg_l1 = fabs(neg_sum);
		if (neg_l1 / y_l1 < p->tol)
			return;
		for (size_t i = 0; i < n; i++)
		{
			double		d = y[i] - baseline[i];

			double		exponent = (double) it * -d / neg_l1;

			w.weights[i] = d < 0 ? exp(exponent < AIRPLS_MAX_EXPONENT ? exponent : AIRPLS_MAX_EXPONENT) : 0;
		}
	}
}
