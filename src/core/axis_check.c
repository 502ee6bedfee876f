#include "axis_check.h"

#include <math.h>
#include <stdbool.h>

#include "v2d.h"

/* Whether every lane of a comparison's mask is set. */
static inline bool
all_set(const v4i *m)
{
	return ((*m)[0] != 0) & ((*m)[1] != 0) & ((*m)[2] != 0) & ((*m)[3] != 0);
}

/*
 * The checks run on every call of every numeric function, so the common
 * case (all is well) is a branch-free pass over packed comparisons, four
 * lanes wide where the CPU has them, with two masks so that the ANDs do not
 * form one chain; only a failure pays for finding and describing the first
 * bad point.
 */
GS_VECTOR_CLONES bool
gs_sorted_finite(const double *x, size_t n, bool strict)
{
	v4i			ok0,
				ok1;
	bool		ok = true;
	size_t		i = 1;

	if (n == 0)
		return true;
	if (!isfinite(x[0]) || !isfinite(x[n - 1]))
		return false;
	for (int k = 0; k < 4; k++)
		ok0[k] = ok1[k] = -1;
	/* ordered with finite ends rules out NaN (no comparison holds) and infinities inside */
	for (; i + 7 < n; i += 8)
	{
		v4d			a,
					b,
					c,
					d;

		load4(&a, x + i - 1);
		load4(&b, x + i);
		load4(&c, x + i + 3);
		load4(&d, x + i + 4);
		if (strict)
		{
			ok0 &= b > a;
			ok1 &= d > c;
		}
		else
		{
			ok0 &= b >= a;
			ok1 &= d >= c;
		}
	}
	for (; i < n; i++)
		ok &= strict ? x[i] > x[i - 1] : x[i] >= x[i - 1];
	ok0 &= ok1;
	return ok & all_set(&ok0);
}

/* v − v is 0 for finite v and NaN for NaN or ±Inf */
GS_VECTOR_CLONES static bool
values_ok(const double *v, size_t n)
{
	v4i			ok0,
				ok1;
	bool		ok = true;
	size_t		i = 0;

	for (int k = 0; k < 4; k++)
		ok0[k] = ok1[k] = -1;
	for (; i + 7 < n; i += 8)
	{
		v4d			a,
					b;

		load4(&a, v + i);
		load4(&b, v + i + 4);
		ok0 &= a - a == 0;
		ok1 &= b - b == 0;
	}
	for (; i < n; i++)
		ok &= v[i] - v[i] == 0;
	ok0 &= ok1;
	return ok & all_set(&ok0);
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
