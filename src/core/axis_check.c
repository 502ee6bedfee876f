#include "axis_check.h"

#include <math.h>

gs_status
gs_check_axis(const double *x, size_t n, gs_error *err)
{
	for (size_t i = 0; i < n; i++)
	{
		if (!isfinite(x[i]))
			return gs_fail(err, GS_ERR_PARAM, "x[%zu] is not finite", i + 1);
		if (i > 0 && !(x[i] > x[i - 1]))
		{
			gs_fail(err, GS_ERR_PARAM, "x is not strictly increasing at x[%zu] = %.17g", i + 1, x[i]);
			gs_error_detail(err, "The previous value x[%zu] is %.17g.", i, x[i - 1]);
			return GS_ERR_PARAM;
		}
	}
	return GS_OK;
}

gs_status
gs_check_finite(const double *v, size_t n, const char *what, gs_error *err)
{
	for (size_t i = 0; i < n; i++)
	{
		if (!isfinite(v[i]))
			return gs_fail(err, GS_ERR_PARAM, "%s[%zu] is %s", what, i + 1,
						   isnan(v[i]) ? "NaN" : "infinite");
	}
	return GS_OK;
}

gs_status
gs_check_min_points(size_t n, size_t min_n, const char *what, gs_error *err)
{
	if (n >= min_n)
		return GS_OK;
	gs_fail(err, GS_ERR_PARAM, "%s needs at least %zu points, the spectrum has %zu", what, min_n, n);
	return GS_ERR_PARAM;
}
