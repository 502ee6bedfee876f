#include "normalize.h"

#include <math.h>

#include "axis_check.h"
#include "method_names.h"
#include "shift_divide.h"
#include "sums.h"

static const char *const norm_names[GS_NORM_COUNT] = {
	[GS_NORM_MINMAX] = "minmax",
	[GS_NORM_AREA] = "area",
	[GS_NORM_VECTOR] = "vector",
	[GS_NORM_SNV] = "snv",
	[GS_NORM_MAX] = "max",
	[GS_NORM_PEAK] = "peak",
};

gs_status
gs_norm_method_parse(const char *name, gs_norm_method *method, gs_error *err)
{
	int			i;
	gs_status	rc = gs_method_lookup(name, norm_names, GS_NORM_COUNT, "normalization method", &i, err);

	if (rc == GS_OK)
		*method = (gs_norm_method) i;
	return rc;
}

const char *
gs_norm_method_name(gs_norm_method method)
{
	return method < GS_NORM_COUNT ? norm_names[method] : "?";
}

static gs_status
zero_denominator(gs_norm_method method, const char *why, gs_error *err)
{
	gs_fail(err, GS_ERR_PARAM, "cannot normalize by %s: %s", norm_names[method], why);
	return GS_ERR_PARAM;
}

static gs_status
value_at(const double *x, const double *y, size_t n, double at, double *v, gs_error *err)
{
	size_t		i = 0;

	if (!(at >= x[0] && at <= x[n - 1]))
	{
		gs_fail(err, GS_ERR_PARAM, "peak position %g lies outside the spectrum", at);
		gs_error_detail(err, "The axis spans %.17g to %.17g.", x[0], x[n - 1]);
		return GS_ERR_PARAM;
	}
	while (i + 1 < n && x[i + 1] <= at)
		i++;
	*v = i + 1 == n ? y[i] : y[i] + (y[i + 1] - y[i]) * (at - x[i]) / (x[i + 1] - x[i]);
	return GS_OK;
}

gs_status
gs_normalize(const double *x, const double *y, size_t n, gs_norm_method method, double peak_x,
			 double *out, gs_error *err)
{
	double		shift = 0,
				denom = 0;
	gs_status	rc;

	if (method >= GS_NORM_COUNT)
		return gs_fail(err, GS_ERR_PARAM, "invalid normalization method");
	if (!x && (method == GS_NORM_AREA || method == GS_NORM_PEAK))
		return gs_fail(err, GS_ERR_PARAM, "normalization by %s needs the axis", norm_names[method]);
	if ((rc = gs_check_min_points(n, method == GS_NORM_AREA ? 2 : 1, "normalization", err)) != GS_OK ||
		(x && (rc = gs_check_axis(x, n, err)) != GS_OK) ||
		(rc = gs_check_finite(y, n, "y", err)) != GS_OK)
		return rc;

	switch (method)
	{
		case GS_NORM_MINMAX:
			{
				double		lo = y[0],
							hi = y[0];

				for (size_t i = 1; i < n; i++)
				{
					lo = y[i] < lo ? y[i] : lo;
					hi = y[i] > hi ? y[i] : hi;
				}
				if (hi == lo)
					return zero_denominator(method, "the spectrum is constant", err);
				shift = lo;
				denom = hi - lo;
				break;
			}
		case GS_NORM_AREA:
			for (size_t i = 1; i < n; i++)
				denom += 0.5 * (y[i] + y[i - 1]) * (x[i] - x[i - 1]);
			denom = fabs(denom);
			if (denom == 0)
				return zero_denominator(method, "the area under the spectrum is zero", err);
			break;
		case GS_NORM_VECTOR:
			denom = sqrt(gs_sum_squares(y, n, 0));
			if (denom == 0)
				return zero_denominator(method, "all values are zero", err);
			break;
		case GS_NORM_SNV:
			{
				double		mean = gs_sum(y, n) / (double) n;

				denom = sqrt(gs_sum_squares(y, n, mean) / (double) n);
				if (denom == 0)
					return zero_denominator(method, "the spectrum is constant", err);
				shift = mean;
				break;
			}
		case GS_NORM_MAX:
			for (size_t i = 0; i < n; i++)
				denom = fabs(y[i]) > denom ? fabs(y[i]) : denom;
			if (denom == 0)
				return zero_denominator(method, "all values are zero", err);
			break;
		case GS_NORM_PEAK:
			if ((rc = value_at(x, y, n, peak_x, &denom, err)) != GS_OK)
				return rc;
			if (denom == 0)
				return zero_denominator(method, "the value at the peak position is zero", err);
			break;
		default:
			break;
	}
	gs_shift_divide(y, n, shift, denom, out);
	return GS_OK;
}
