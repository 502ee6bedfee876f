#include "spectrum.h"

#include <float.h>
#include <math.h>
#include <string.h>

#include "axis_check.h"
#include "v2d.h"

size_t
gs_packed_size(size_t n, bool explicit_x)
{
	return GS_PACKED_HEADER_SIZE + (explicit_x ? n * sizeof(double) : 0) + n * sizeof(float);
}

void
gs_packed_init(gs_packed_spectrum *p, gs_unit unit, size_t n, bool explicit_x,
			   double start, double step, double laser_nm, double **x, float **y)
{
	char	   *data = (char *) p + GS_PACKED_HEADER_SIZE;
	bool		has_laser = !isnan(laser_nm);

	p->version = GS_SPECTRUM_VERSION;
	p->unit = (uint8_t) unit;
	p->flags = (explicit_x ? GS_FLAG_EXPLICIT_X : 0) | (has_laser ? GS_FLAG_LASER : 0);
	p->reserved = 0;
	p->n = (int32_t) n;
	p->reserved2 = 0;
	p->laser_nm = has_laser ? laser_nm : 0;
	p->start = explicit_x ? 0 : start;
	p->step = explicit_x ? 0 : step;
	*x = explicit_x ? (double *) data : NULL;
	*y = (float *) (data + (explicit_x ? n * sizeof(double) : 0));
}

gs_status
gs_check_npoints(size_t n, size_t max_points, gs_error *err)
{
	if (n == 0)
	{
		gs_fail(err, GS_ERR_PARAM, "a spectrum needs at least one point");
		return GS_ERR_PARAM;
	}
	if (n > max_points || n > GS_MAX_POINTS_CEILING)
	{
		gs_fail(err, GS_ERR_LIMIT, "spectrum has %zu points, more than the limit of %zu",
				n, max_points < GS_MAX_POINTS_CEILING ? max_points : (size_t) GS_MAX_POINTS_CEILING);
		gs_error_hint(err, "Raise geospectra.max_points if such spectra are expected.");
		return GS_ERR_LIMIT;
	}
	return GS_OK;
}

static void
reverse_points(double *x, float *y, size_t n)
{
	for (size_t i = 0, j = n - 1; i < j; i++, j--)
	{
		double		tx = x[i];
		float		ty = y[i];

		x[i] = x[j];
		x[j] = tx;
		y[i] = y[j];
		y[j] = ty;
	}
}

static gs_status
check_explicit_axis(double *x, float *y, size_t n, gs_error *err)
{
	bool		decreasing = n > 1 && x[1] < x[0];

	if (!decreasing && gs_sorted_finite(x, n, true))
		return GS_OK;
	for (size_t i = 0; i < n; i++)
	{
		if (!isfinite(x[i]))
			return gs_fail(err, GS_ERR_PARAM, "x[%zu] is not finite", i + 1);
		if (i > 0)
		{
			bool		ok = decreasing ? x[i] < x[i - 1] : x[i] > x[i - 1];

			if (!ok)
			{
				gs_fail(err, GS_ERR_PARAM, "x is not strictly monotonic at x[%zu] = %.17g",
						i + 1, x[i]);
				if (x[i] == x[i - 1])
					gs_error_detail(err, "x[%zu] repeats the previous value.", i + 1);
				else
					gs_error_detail(err, "x runs %s up to x[%zu] = %.17g.",
									decreasing ? "downwards" : "upwards", i, x[i - 1]);
				gs_error_hint(err, "Sort the points by x and merge duplicates before building a spectrum.");
				return GS_ERR_PARAM;
			}
		}
	}
	if (decreasing)
		reverse_points(x, y, n);
	return GS_OK;
}

/*
 * Every spectrum built passes here, so the common case is one branch-free
 * pass (y − y is 0 for finite y, NaN otherwise); only a failure looks for the
 * culprit.
 */
GS_VECTOR_CLONES static bool
floats_finite(const float *y, size_t n)
{
	int			ok = 1;

	for (size_t i = 0; i < n; i++)
		ok &= y[i] - y[i] == 0;
	return ok;
}

GS_VECTOR_CLONES bool
gs_narrow_to_float(const double *in, size_t n, float *out)
{
	int			ok = 1;

	for (size_t i = 0; i < n; i++)
	{
		ok &= fabs(in[i]) <= FLT_MAX;
		out[i] = (float) in[i];
	}
	return ok;
}

gs_status
gs_packed_finish(gs_packed_spectrum *p, gs_error *err)
{
	size_t		n = (size_t) p->n;
	char	   *data = (char *) p + GS_PACKED_HEADER_SIZE;
	bool		explicit_x = (p->flags & GS_FLAG_EXPLICIT_X) != 0;
	double	   *x = explicit_x ? (double *) data : NULL;
	float	   *y = (float *) (data + (explicit_x ? n * sizeof(double) : 0));
	bool		bad;

	if ((p->flags & GS_FLAG_LASER) && !(isfinite(p->laser_nm) && p->laser_nm > 0))
		return gs_fail(err, GS_ERR_PARAM, "laser_nm must be a positive finite number, not %g",
					   p->laser_nm);
	bad = !floats_finite(y, n);
	for (size_t i = 0; bad && i < n; i++)
	{
		if (!isfinite(y[i]))
		{
			gs_fail(err, GS_ERR_PARAM, "y[%zu] is %s", i + 1, isnan(y[i]) ? "NaN" : "infinite");
			gs_error_hint(err, "Drop missing points (an explicit x axis can have gaps) instead of storing NaN.");
			return GS_ERR_PARAM;
		}
	}
	if (explicit_x)
		return check_explicit_axis(x, y, n, err);

	if (!isfinite(p->start))
		return gs_fail(err, GS_ERR_PARAM, "start must be finite");
	if (!(isfinite(p->step) && p->step > 0))
	{
		gs_fail(err, GS_ERR_PARAM, "step must be a positive finite number, not %g", p->step);
		gs_error_hint(err, "Give a decreasing axis as explicit x values; they are stored in increasing order.");
		return GS_ERR_PARAM;
	}
	if (!isfinite(p->start + p->step * (double) (n - 1)))
		return gs_fail(err, GS_ERR_PARAM, "axis end start + step * (n - 1) is not finite");
	return GS_OK;
}

gs_spectrum_view
gs_packed_view(const gs_packed_spectrum *p)
{
	gs_spectrum_view v;
	const char *data = (const char *) p + GS_PACKED_HEADER_SIZE;
	size_t		n = (size_t) p->n;
	bool		explicit_x = (p->flags & GS_FLAG_EXPLICIT_X) != 0;

	v.unit = (gs_unit) p->unit;
	v.n = n;
	v.has_laser = (p->flags & GS_FLAG_LASER) != 0;
	v.laser_nm = v.has_laser ? p->laser_nm : NAN;
	v.x = explicit_x ? (const double *) data : NULL;
	v.start = p->start;
	v.step = p->step;
	v.y = (const float *) (data + (explicit_x ? n * sizeof(double) : 0));
	return v;
}
