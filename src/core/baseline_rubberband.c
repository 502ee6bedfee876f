/*
 * baseline_rubberband.c — the "rubber band" baseline: the lower convex hull
 * of the spectrum, as a band stretched under it would lie.
 */
#include "baseline_methods.h"

static inline double
axis(const double *x, size_t i)
{
	return x ? x[i] : (double) i;
}

void
gs_baseline_rubberband(const double *x, const double *y, size_t n, double *baseline,
					   double *work)
{
	size_t	   *hull = (size_t *) work;
	size_t		h = 0;

	/* Andrew's monotone chain, lower half; x is increasing already */
	for (size_t i = 0; i < n; i++)
	{
		while (h >= 2)
		{
			size_t		o = hull[h - 2],
						a = hull[h - 1];
			double		cross = (axis(x, a) - axis(x, o)) * (y[i] - y[o]) -
				(y[a] - y[o]) * (axis(x, i) - axis(x, o));

			if (cross > 0)
				break;
			h--;
		}
		hull[h++] = i;
	}
	for (size_t k = 0; k + 1 < h; k++)
	{
		size_t		a = hull[k],
					b = hull[k + 1];
		double		xa = axis(x, a),
					slope = (y[b] - y[a]) / (axis(x, b) - xa);

		for (size_t i = a; i < b; i++)
			baseline[i] = y[a] + slope * (axis(x, i) - xa);
	}
	baseline[n - 1] = y[n - 1];
}
