#include "axis_check.h"

#include <math.h>
#include <stdbool.h>

#include "v2d.h"

/*
 * The checks run on every call of every numeric function, so the common
 * case (all is well) is a branch-free pass over packed comparisons; only a
 * failure pays for finding and describing the first bad point.
 */
bool
gs_sorted_finite(const double *x, size_t n, bool strict)
{
	v2i			ok0 = {-1, -1},
				ok1 = {-1, -1};
	bool		ok = true;
	size_t		i = 1;

	if (n == 0)
		return true;
	if (!isfinite(x[0]) || !isfinite(x[n - 1]))
		return false;
	/* ordered with finite ends rules out NaN (no comparison holds) and infinities inside */
	if (strict)
		for (; i + 3 < n; i += 4)
		{
			ok0 &= load2(x + i) > load2(x + i - 1);
			ok1 &= load2(x + i + 2) > load2(x + i + 1);
		}
	else
		for (; i + 3 < n; i += 4)
		{
			ok0 &= load2(x + i) >= load2(x + i - 1);
			ok1 &= load2(x + i + 2) >= load2(x + i + 1);
		}
	for (; i < n; i++)
		ok &= strict ? x[i] > x[i - 1] : x[i] >= x[i - 1];
	ok0 &= ok1;
	return ok & (ok0[0] != 0) & (ok0[1] != 0);
}

static bool
values_ok(const double *v, size_t n)
{
	v2i			ok0 = {-1, -1},
				ok1 = {-1, -1};
	bool		ok = true;
	size_t		i = 0;

	/* v − v is 0 for finite v and NaN for NaN or ±Inf */
	for (; i + 3 < n; i += 4)
	{
		v2d			a = load2(v + i),
					b = load2(v + i + 2);

		ok0 &= a - a == 0;
		ok1 &= b - b == 0;
	}
	for (; i < n; i++)
		ok &= v[i] - v[i] == 0;
	ok0 &= ok1;
	return ok & (ok0[0] != 0) & (ok0[1] != 0);
}

gs_status
gs_check_axis(const double *x, size_t n, gs_error *err)
{
	if (gs_sorted_finite(x, n, true))
		return GS_OK;
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
	if (values_ok(v, n))
		return GS_OK;
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
