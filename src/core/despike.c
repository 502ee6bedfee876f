#include "despike.h"

#include <math.h>
#include <stdbool.h>

#include "axis_check.h"

size_t
gs_despike_scratch_size(size_t n)
{
	return 2 * n * sizeof(double) + 2 * n;
}

static void
swap(double *a, double *b)
{
	double		t = *a;

	*a = *b;
	*b = t;
}

/* k-th smallest of v[0..n-1] (reorders v): Hoare's selection, O(n) expected. */
static double
select_kth(double *v, size_t n, size_t k)
{
	size_t		lo = 0,
				hi = n - 1;

	while (lo < hi)
	{
		double		pivot = v[lo + (hi - lo) / 2];
		size_t		i = lo,
					j = hi;

		while (i <= j)
		{
			while (v[i] < pivot)
				i++;
			while (v[j] > pivot)
				j--;
			if (i <= j)
			{
				swap(&v[i], &v[j]);
				i++;
				if (j == 0)
					break;
				j--;
			}
		}
		if (k <= j)
			hi = j;
		else if (k >= i)
			lo = i;
		else
			break;
	}
	return v[k];
}

/* numpy.median: the mean of the two middle values for even n. */
static double
median(double *v, size_t n)
{
	double		upper = select_kth(v, n, n / 2),
				lower;

	if (n % 2)
		return upper;
	lower = v[0];
	for (size_t i = 1; i < n / 2; i++)
		lower = v[i] > lower ? v[i] : lower;
	return 0.5 * (lower + upper);
}

gs_status
gs_despike(const double *y, size_t n, double threshold, int half_window, int max_width,
		   double *out, size_t *replaced, void *scratch, gs_error *err)
{
	double	   *diff = scratch,
			   *work = diff + n,
				med,
				spread,
				scale;
	unsigned char *spike = (unsigned char *) (work + n),
			   *flagged = spike + n;
	size_t		m = n - 1,
				count = 0;
	gs_status	rc;

	if ((rc = gs_check_min_points(n, 3, "despiking", err)) != GS_OK ||
		(rc = gs_check_finite(y, n, "y", err)) != GS_OK)
		return rc;
	if (!(isfinite(threshold) && threshold > 0))
		return gs_fail(err, GS_ERR_PARAM, "despike threshold must be a positive finite number, not %g", threshold);
	if (half_window < 1)
		return gs_fail(err, GS_ERR_PARAM, "despike half window must be at least 1, not %d", half_window);
	if (max_width < 1)
		return gs_fail(err, GS_ERR_PARAM, "despike maximum spike width must be at least 1, not %d", max_width);

	for (size_t i = 0; i < m; i++)
		work[i] = diff[i] = y[i + 1] - y[i];
	med = median(work, m);
	for (size_t i = 0; i < m; i++)
		work[i] = fabs(diff[i] - med);
	spread = median(work, m);
	scale = 0.6745 / spread;
	if (spread == 0)
	{
		double		mean_ad = 0;

		for (size_t i = 0; i < m; i++)
			mean_ad += fabs(diff[i] - med);
		mean_ad /= (double) m;
		scale = mean_ad > 0 ? 1 / (1.253314 * mean_ad) : 0;
	}

	for (size_t i = 0; i < n; i++)
		spike[i] = 0;
	for (size_t i = 0; i < m; i++)
		flagged[i] = fabs(diff[i] - med) * scale > threshold;
	for (size_t a = 0; a < m; a++)
	{
		size_t		b = a,
					next;
		bool		rises,
					falls;

		if (!flagged[a])
			continue;
		rises = diff[a] > med;
		falls = diff[a] < med;
		for (next = a + 1; next < m && next - b <= (size_t) max_width; next++)
		{
			if (flagged[next])
			{
				b = next;
				rises |= diff[b] > med;
				falls |= diff[b] < med;
			}
		}
		if (rises && falls && b - a <= (size_t) max_width)
		{
			for (size_t k = a; k <= b + 1; k++)
				spike[k] = 1;
		}
		a = b;
	}
	for (size_t i = 0; i < n; i++)
	{
		size_t		reach = (size_t) half_window;

		out[i] = y[i];
		if (!spike[i])
			continue;
		count++;
		for (;;)
		{
			size_t		lo = i > reach ? i - reach : 0,
						hi = i + reach < n - 1 ? i + reach : n - 1,
						good = 0;
			double		sum = 0;

			for (size_t j = lo; j <= hi; j++)
			{
				if (!spike[j])
				{
					sum += y[j];
					good++;
				}
			}
			if (good > 0)
			{
				out[i] = sum / (double) good;
				break;
			}
			if (lo == 0 && hi == n - 1)
				break;			/* every sample flagged: nothing to trust, keep y */
			reach *= 2;
		}
	}
	if (replaced)
		*replaced = count;
	return GS_OK;
}
