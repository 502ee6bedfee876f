#include "match_prep.h"

#include <math.h>
#include <stdint.h>

#include "view_arrays.h"

void
gs_prep_options_init(gs_prep_options *o)
{
	*o = (gs_prep_options) {0};
	o->grid_method = GS_INTERP_LINEAR;
	o->peak_x = NAN;
}

gs_status
gs_prep_check(const gs_prep_options *o, size_t max_points, gs_error *err)
{
	size_t		count;

	if (!o->grid)
		return GS_OK;
	return gs_uniform_grid_count(o->grid_start, o->grid_stop, o->grid_step, max_points,
								 &count, err);
}

static void *
take(const gs_allocator *alloc, size_t bytes, gs_status *rc, gs_error *err)
{
	void	   *p = *rc == GS_OK ? alloc->alloc(alloc->ctx, bytes ? bytes : 1) : NULL;

	if (p == NULL && *rc == GS_OK)
		*rc = gs_fail(err, GS_ERR_NOMEM, "out of memory preparing a spectrum of %zu bytes", bytes);
	return p;
}

static void
give(const gs_allocator *alloc, void *p)
{
	if (p && alloc->release)
		alloc->release(alloc->ctx, p);
}

/* s's points with x in `unit`, increasing, those without an image dropped */
static size_t
converted_points(const gs_spectrum_view *s, gs_unit unit, double laser_nm, double *x, double *y)
{
	bool		reverse = gs_unit_conversion_reverses(s->unit, unit);
	size_t		m = 0;

	for (size_t k = 0; k < s->n; k++)
	{
		size_t		j = reverse ? s->n - 1 - k : k;
		double		v = gs_unit_convert(gs_view_x(s, j), s->unit, s->laser_nm, unit, laser_nm);

		if (isnan(v) || (m > 0 && v <= x[m - 1]))
			continue;
		x[m] = v;
		y[m] = s->y[j];
		m++;
	}
	return m;
}

/* grid indices [*i0, *i1] whose positions lie in [lo, hi]; false when none */
static bool
grid_span(const gs_prep_options *o, size_t count, double lo, double hi, size_t *i0, size_t *i1)
{
	double		a = ceil((lo - o->grid_start) / o->grid_step),
				b = floor((hi - o->grid_start) / o->grid_step);
	size_t		first,
				last;

	if (b < 0 || a > (double) (count - 1))
		return false;
	first = a < 0 ? 0 : (size_t) a;
	last = b > (double) (count - 1) ? count - 1 : (size_t) b;
	/* the division rounds; settle the ends on the positions actually used */
	while (first > 0 && o->grid_start + o->grid_step * (double) (first - 1) >= lo)
		first--;
	while (first < count && o->grid_start + o->grid_step * (double) first < lo)
		first++;
	while (last + 1 < count && o->grid_start + o->grid_step * (double) (last + 1) <= hi)
		last++;
	while (last > 0 && o->grid_start + o->grid_step * (double) last > hi)
		last--;
	if (first >= count || first > last || o->grid_start + o->grid_step * (double) last > hi)
		return false;
	*i0 = first;
	*i1 = last;
	return true;
}

gs_status
gs_prep_apply(const gs_prep_options *o, const gs_spectrum_view *s, gs_unit unit,
			  double laser_nm, const gs_allocator *alloc, gs_spectrum_view *out, gs_error *err)
{
	gs_status	rc = GS_OK;
	size_t		n = s->n;
	double	   *x = take(alloc, n * sizeof(double), &rc, err);
	double	   *y = take(alloc, n * sizeof(double), &rc, err);
	float	   *yf;

	*out = *s;
	if (rc != GS_OK)
		goto done;
	if (o->grid && s->unit != unit)
	{
		if ((rc = gs_unit_check_conversion(s->unit, s->laser_nm, unit, laser_nm, err)) != GS_OK)
			goto done;
		n = converted_points(s, unit, laser_nm, x, y);
	}
	else
	{
		gs_view_copy_x(s, x);
		gs_view_copy_y(s, y);
	}

	if (o->grid)
	{
		size_t		count,
					i0,
					i1;
		double	   *xt,
				   *yt;
		void	   *scratch;

		if ((rc = gs_uniform_grid_count(o->grid_start, o->grid_stop, o->grid_step, SIZE_MAX,
										&count, err)) != GS_OK)
			goto done;
		if (n == 0 || !grid_span(o, count, x[0], x[n - 1], &i0, &i1))
		{
			out->n = 0;
			goto done;
		}
		xt = take(alloc, (i1 - i0 + 1) * sizeof(double), &rc, err);
		yt = take(alloc, (i1 - i0 + 1) * sizeof(double), &rc, err);
		scratch = take(alloc, gs_interp_scratch_size(n), &rc, err);
		if (rc == GS_OK)
		{
			for (size_t i = i0; i <= i1; i++)
				xt[i - i0] = o->grid_start + o->grid_step * (double) i;
			rc = gs_interp_sorted(x, y, n, o->grid_method, GS_EXTRAP_ERROR, xt, i1 - i0 + 1, yt,
								  scratch, err);
		}
		give(alloc, scratch);
		give(alloc, x);
		give(alloc, y);
		x = xt;
		y = yt;
		n = i1 - i0 + 1;
		if (rc != GS_OK)
			goto done;
	}

	if (o->baseline)
	{
		double	   *b = take(alloc, n * sizeof(double), &rc, err);
		void	   *work = take(alloc, gs_baseline_work_size(n, o->baseline_method,
															  &o->baseline_params), &rc, err);

		if (rc == GS_OK)
			rc = gs_baseline(x, y, n, o->baseline_method, &o->baseline_params, b, work, err);
		if (rc == GS_OK)
			for (size_t i = 0; i < n; i++)
				y[i] -= b[i];
		give(alloc, work);
		give(alloc, b);
		if (rc != GS_OK)
			goto done;
	}

	if (o->normalize &&
		(rc = gs_normalize(x, y, n, o->norm_method, o->peak_x, y, err)) != GS_OK)
		goto done;

	yf = take(alloc, n * sizeof(float), &rc, err);
	if (rc != GS_OK)
		goto done;
	for (size_t i = 0; i < n; i++)
		yf[i] = (float) y[i];
	give(alloc, y);
	y = NULL;
	out->n = n;
	out->x = x;
	x = NULL;
	out->y = yf;
	if (o->grid)
	{
		out->unit = unit;
		out->has_laser = !isnan(laser_nm) && laser_nm > 0;
		out->laser_nm = laser_nm;
	}
	return GS_OK;

done:
	give(alloc, x);
	give(alloc, y);
	return rc;
}
