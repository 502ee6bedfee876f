#include "fixed_vector.h"

#include <math.h>

size_t
gs_fixed_vector_scratch_size(const gs_spectrum_view *s, const gs_fixed_grid *g)
{
	return s->unit == g->unit ? 0 : s->n * (sizeof(double) + sizeof(float));
}

gs_status
gs_fixed_vector(const gs_spectrum_view *s, const gs_fixed_grid *g, float *out, void *scratch,
				gs_error *err)
{
	const double *xs = s->x;
	const float *ys = s->y;
	size_t		n = s->n,
				j = 0;
	gs_status	rc;

	if (s->unit != g->unit)
	{
		/* s's axis in the grid's unit, increasing, points without an image dropped */
		double	   *cx = scratch;
		float	   *cy = (float *) (cx + s->n);
		bool		reverse = gs_unit_conversion_reverses(s->unit, g->unit);

		if ((rc = gs_unit_check_conversion(s->unit, s->laser_nm, g->unit, g->laser_nm, err)) != GS_OK)
			return rc;
		n = 0;
		for (size_t k = 0; k < s->n; k++)
		{
			size_t		i = reverse ? s->n - 1 - k : k;
			double		v = gs_unit_convert(gs_view_x(s, i), s->unit, s->laser_nm,
											g->unit, g->laser_nm);

			if (isnan(v) || (n > 0 && v <= cx[n - 1]))
				continue;
			cx[n] = v;
			cy[n] = s->y[i];
			n++;
		}
		xs = cx;
		ys = cy;
	}

	for (size_t i = 0; i < g->dim; i++)
	{
		double		x = g->start + g->step * (double) i;
		double		v = NAN;

		if (n > 0)
		{
			double		lo = xs ? xs[0] : s->start,
						hi = xs ? xs[n - 1] : s->start + s->step * (double) (n - 1);

			if (x >= lo && x <= hi)
			{
				if (xs)
				{
					while (j + 1 < n && xs[j + 1] <= x)
						j++;
					v = j + 1 == n || xs[j] == x ? ys[j]
						: ys[j] + (x - xs[j]) / (xs[j + 1] - xs[j]) * ((double) ys[j + 1] - ys[j]);
				}
				else
				{
					double		t = (x - s->start) / s->step;
					size_t		k = (size_t) t;

					if (k + 1 >= n)
						v = ys[n - 1];
					else
						v = ys[k] + (t - (double) k) * ((double) ys[k + 1] - ys[k]);
				}
			}
		}
		out[i] = (float) v;
	}
	return GS_OK;
}

float
gs_vec_l2sq(const float *a, const float *b, size_t dim)
{
	float		s = 0;

	/* a plain loop the compiler vectorizes */
	for (size_t i = 0; i < dim; i++)
	{
		float		d = a[i] - b[i];

		s += d * d;
	}
	return s;
}

float
gs_vec_masked_l2sq(const float *a, const float *b, size_t dim)
{
	float		s = 0;
	size_t		n = 0;

	/* branch-free, so the compiler vectorizes: NaN on either side makes d NaN */
	for (size_t i = 0; i < dim; i++)
	{
		float		d = a[i] - b[i];
		bool		both = d == d;

		s += both ? d * d : 0.0f;
		n += both;
	}
	return n ? s : INFINITY;
}

float
gs_vec_masked_cosine(const float *a, const float *b, size_t dim)
{
	float		ab = 0,
				aa = 0,
				bb = 0;

	for (size_t i = 0; i < dim; i++)
	{
		bool		both = (a[i] == a[i]) & (b[i] == b[i]);
		float		x = both ? a[i] : 0.0f,
					y = both ? b[i] : 0.0f;

		ab += x * y;
		aa += x * x;
		bb += y * y;
	}
	if (aa == 0 || bb == 0)
		return INFINITY;
	return 1 - ab / sqrtf(aa * bb);
}

void
gs_vec_dense(const float *v, size_t dim, bool unit_length, float *out)
{
	double		norm = 0;

	for (size_t i = 0; i < dim; i++)
	{
		out[i] = isnan(v[i]) ? 0 : v[i];
		norm += (double) out[i] * out[i];
	}
	if (unit_length && norm > 0)
	{
		double		inv = 1 / sqrt(norm);

		for (size_t i = 0; i < dim; i++)
			out[i] = (float) (out[i] * inv);
	}
}
