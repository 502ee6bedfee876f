#include "derivative.h"

#include "axis_check.h"

/* numpy.gradient for uneven spacing: second-order inside, first-order at the ends. */
static void
gradient(const double *x, const double *y, size_t n, double *out)
{
	out[0] = (y[1] - y[0]) / (x[1] - x[0]);
	out[n - 1] = (y[n - 1] - y[n - 2]) / (x[n - 1] - x[n - 2]);
	for (size_t i = 1; i + 1 < n; i++)
	{
		double		dx1 = x[i] - x[i - 1],
					dx2 = x[i + 1] - x[i],
					inv = 1 / (dx1 * dx2 * (dx1 + dx2));

		/* numpy's a, b, c over one common denominator: one division, not three */
		out[i] = (-dx2 * dx2 * y[i - 1] + (dx2 - dx1) * (dx1 + dx2) * y[i] + dx1 * dx1 * y[i + 1]) * inv;
	}
}

gs_status
gs_derivative(const double *x, const double *y, size_t n, int order, double *out,
			  double *scratch, gs_error *err)
{
	gs_status	rc;

	if (order != 1 && order != 2)
	{
		gs_fail(err, GS_ERR_PARAM, "derivative order must be 1 or 2, not %d", order);
		gs_error_hint(err, "Higher orders amplify noise; use gs_savgol with deriv for smoothed derivatives.");
		return GS_ERR_PARAM;
	}
	if ((rc = gs_check_min_points(n, 2, "a derivative", err)) != GS_OK ||
		(rc = gs_check_axis(x, n, err)) != GS_OK ||
		(rc = gs_check_finite(y, n, "y", err)) != GS_OK)
		return rc;
	if (order == 1)
		gradient(x, y, n, out);
	else
	{
		gradient(x, y, n, scratch);
		gradient(x, scratch, n, out);
	}
	return GS_OK;
}
