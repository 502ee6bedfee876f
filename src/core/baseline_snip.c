/*
 * baseline_snip.c — Statistics-sensitive Non-linear Iterative Peak clipping,
 * Ryan et al. 1988: a point is replaced by the mean of its neighbours p away
 * when that is lower, for growing p, which clips peaks narrower than 2p.
 */
#include <math.h>
#include <string.h>

#include "baseline_methods.h"

/*
 * The LLS operator compresses the dynamic range so that small peaks on a high
 * background clip like big ones; shifted by min y so it applies to any sign.
 */
static inline double
lls(double v, double shift)
{
	return log(log(sqrt(v - shift + 1) + 1) + 1);
}

static inline double
lls_inverse(double v, double shift)
{
	double		t = exp(exp(v) - 1) - 1;

	return t * t - 1 + shift;
}

/* restrict: the two buffers never overlap, so the pass can vectorize */
static void
clip_pass(const double *restrict cur, double *restrict next, size_t n, size_t k)
{
	for (size_t i = k; i + k < n; i++)
	{
		double		mean = (cur[i - k] + cur[i + k]) / 2;

		next[i] = mean < cur[i] ? mean : cur[i];
	}
}

void
gs_baseline_snip(const double *y, size_t n, const gs_baseline_params *p,
				 double *baseline, double *work)
{
	double	   *cur = baseline,
			   *next = work;
	double		shift = y[0];
	size_t		half = (size_t) p->max_half_window;

	if (half > (n - 1) / 2)
		half = (n - 1) / 2;
	for (size_t i = 1; i < n; i++)
		shift = fmin(shift, y[i]);
	for (size_t i = 0; i < n; i++)
		cur[i] = p->lls ? lls(y[i], shift) : y[i];

	/* every point of a pass sees the previous pass's values: ping-pong */
	for (size_t k = 1; k <= half; k++)
	{
		double	   *t;

		memcpy(next, cur, k * sizeof(double));
		memcpy(next + n - k, cur + n - k, k * sizeof(double));
		clip_pass(cur, next, n, k);
		t = cur;
		cur = next;
		next = t;
	}
	for (size_t i = 0; i < n; i++)
		baseline[i] = p->lls ? lls_inverse(cur[i], shift) : cur[i];
}
