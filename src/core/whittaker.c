#include "whittaker.h"

/*
 * Row i of DᵀD, as its diagonal, first and second super-diagonals: sums over
 * the difference rows k = i−2, i−1, i (those in 0..n−3) that touch column i.
 */
static inline void
penalty_bands(size_t i, size_t n, double *c0, double *c1, double *c2)
{
	size_t		rows = n - 2;

	*c0 = (i >= 2 && i - 2 < rows ? 1 : 0) + (i >= 1 && i - 1 < rows ? 4 : 0) + (i < rows ? 1 : 0);
	*c1 = (i >= 1 && i - 1 < rows && i + 1 < n ? -2 : 0) + (i < rows ? -2 : 0);
	*c2 = i < rows ? 1 : 0;
}

bool
gs_whittaker_solve(const double *w, const double *y, size_t n, double lambda,
				   double *z, double *work)
{
	double	   *d = work,
			   *l1 = work + n,		/* L[i+1][i] */
			   *l2 = work + 2 * n;	/* L[i+2][i] */

	for (size_t i = 0; i < n; i++)
	{
		double		c0,
					c1,
					c2,
					di;

		penalty_bands(i, n, &c0, &c1, &c2);
		di = w[i] + lambda * c0;
		if (i >= 1)
			di -= l1[i - 1] * l1[i - 1] * d[i - 1];
		if (i >= 2)
			di -= l2[i - 2] * l2[i - 2] * d[i - 2];
		if (!(di > 0))
			return false;
		d[i] = di;
		l1[i] = lambda * c1;
		if (i >= 1)
			l1[i] -= l2[i - 1] * l1[i - 1] * d[i - 1];
		l1[i] /= di;
		l2[i] = lambda * c2 / di;
	}

	/* L u = w∘y, then Lᵀ z = u / d */
	for (size_t i = 0; i < n; i++)
	{
		double		u = w[i] * y[i];

		if (i >= 1)
			u -= l1[i - 1] * z[i - 1];
		if (i >= 2)
			u -= l2[i - 2] * z[i - 2];
		z[i] = u;
	}
	for (size_t k = n; k-- > 0;)
	{
		double		v = z[k] / d[k];

		if (k + 1 < n)
			v -= l1[k] * z[k + 1];
		if (k + 2 < n)
			v -= l2[k] * z[k + 2];
		z[k] = v;
	}
	return true;
}
