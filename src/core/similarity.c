#include "similarity.h"

#include <math.h>

typedef struct axis_points
{
	const double *x;			/* converted x, or NULL: read the view */
	const float *y;
	size_t		n;
	const gs_spectrum_view *view;
} axis_points;

static inline double
point_x(const axis_points *ap, size_t j)
{
	return ap->x ? ap->x[j] : gs_view_x(ap->view, j);
}

size_t
gs_pair_scratch_size(const gs_spectrum_view *a, const gs_spectrum_view *b)
{
	if (a->unit == b->unit)
		return 0;
	return b->n * (sizeof(double) + sizeof(float));
}

/*
 * b's axis expressed in a's unit, increasing, without the points that have no
 * image in that unit (a Raman shift past the laser line, say).
 */
static void
convert_axis(const gs_spectrum_view *a, const gs_spectrum_view *b, void *scratch,
			 axis_points *out)
{
	double	   *xs = scratch;
	float	   *ys = (float *) (xs + b->n);
	bool		reverse = gs_unit_conversion_reverses(b->unit, a->unit);
	size_t		m = 0;

	for (size_t k = 0; k < b->n; k++)
	{
		size_t		j = reverse ? b->n - 1 - k : k;
		double		v = gs_unit_convert(gs_view_x(b, j), b->unit, b->laser_nm,
										a->unit, a->laser_nm);

		if (isnan(v) || (m > 0 && v <= xs[m - 1]))
			continue;
		xs[m] = v;
		ys[m] = b->y[j];
		m++;
	}
	out->x = xs;
	out->y = ys;
	out->n = m;
	out->view = b;
}

static inline void
accumulate(gs_pair_stats *st, double a, double b)
{
	double		da,
				db,
				d = a - b;

	st->n++;
	da = a - st->mean_a;
	db = b - st->mean_b;
	st->mean_a += da / (double) st->n;
	st->mean_b += db / (double) st->n;
	st->m2_a += da * (a - st->mean_a);
	st->m2_b += db * (b - st->mean_b);
	st->c_ab += da * (b - st->mean_b);
	st->ss_a += a * a;
	st->ss_b += b * b;
	st->s_ab += a * b;
	st->ssd += d * d;
}

gs_status
gs_pair_compare(const gs_spectrum_view *a, const gs_spectrum_view *b, void *scratch,
				gs_pair_stats *st, gs_error *err)
{
	axis_points bp = {NULL, b->y, b->n, b};
	double		lo,
				hi;
	size_t		j = 0;
	gs_status	rc;

	*st = (gs_pair_stats) {0};
	if ((rc = gs_unit_check_conversion(b->unit, b->laser_nm, a->unit, a->laser_nm, err)) != GS_OK)
		return rc;
	if (a->unit != b->unit)
		convert_axis(a, b, scratch, &bp);

	if (bp.n > 0)
	{
		lo = point_x(&bp, 0);
		hi = point_x(&bp, bp.n - 1);
		for (size_t i = 0; i < a->n; i++)
		{
			double		xa = gs_view_x(a, i);
			double		yb;

			if (xa < lo)
				continue;
			if (xa > hi)
				break;
			while (j + 1 < bp.n && point_x(&bp, j + 1) <= xa)
				j++;
			if (j + 1 == bp.n || point_x(&bp, j) == xa)
				yb = bp.y[j];
			else
			{
				double		x0 = point_x(&bp, j),
							t = (xa - x0) / (point_x(&bp, j + 1) - x0);

				yb = (double) bp.y[j] + t * ((double) bp.y[j + 1] - (double) bp.y[j]);
			}
			accumulate(st, a->y[i], yb);
		}
	}
	if (st->n == 0)
	{
		gs_fail(err, GS_ERR_PARAM, "spectra do not overlap");
		if (bp.n > 0)
			gs_error_detail(err, "The first spectrum spans %g to %g %s; the second, converted to that unit, spans %g to %g.",
							gs_view_xmin(a), gs_view_xmax(a), gs_unit_name(a->unit),
							point_x(&bp, 0), point_x(&bp, bp.n - 1));
		return GS_ERR_PARAM;
	}
	return GS_OK;
}

double
gs_pair_euclidean(const gs_pair_stats *st)
{
	return sqrt(st->ssd);
}

static double
cosine(const gs_pair_stats *st)
{
	double		c;

	if (st->ss_a == 0 || st->ss_b == 0)
		return NAN;
	c = st->s_ab / sqrt(st->ss_a * st->ss_b);
	return c > 1 ? 1 : (c < -1 ? -1 : c);
}

double
gs_pair_cosine_distance(const gs_pair_stats *st)
{
	return 1 - cosine(st);
}

double
gs_pair_spectral_angle(const gs_pair_stats *st)
{
	return acos(cosine(st));
}

double
gs_pair_correlation(const gs_pair_stats *st)
{
	double		r;

	if (st->m2_a == 0 || st->m2_b == 0)
		return NAN;
	r = st->c_ab / sqrt(st->m2_a * st->m2_b);
	return r > 1 ? 1 : (r < -1 ? -1 : r);
}
