#include "intensity.h"

#include <math.h>
#include <stdbool.h>

#include "axis_check.h"
#include "interp.h"

static gs_status
axis_scale(const double *x, size_t n, double lo, double hi, double *origin, double *inv_span,
		   gs_error *err)
{
	if (isnan(lo) || isnan(hi))
	{
		lo = x[0];
		hi = x[n - 1];
		*origin = lo;
		*inv_span = hi > lo ? 1 / (hi - lo) : 0;
		return GS_OK;
	}
	if (!(isfinite(lo) && isfinite(hi) && lo < hi))
		return gs_fail(err, GS_ERR_PARAM, "intensity correction range %g to %g is not increasing", lo, hi);
	*origin = lo;
	*inv_span = 1 / (hi - lo);
	return GS_OK;
}

static gs_status
check_arrays(const double *x, const double *y, size_t n, const char *what, gs_error *err)
{
	gs_status	rc;

	if ((rc = gs_check_min_points(n, 1, "intensity correction", err)) != GS_OK ||
		(rc = gs_check_finite(x, n, "x", err)) != GS_OK ||
		(rc = gs_check_finite(y, n, what, err)) != GS_OK)
		return rc;
	return GS_OK;
}

gs_status
gs_correct_intensity(const double *x, const double *y, size_t n, const double m[9], double lo,
					 double hi, double *out, gs_error *err)
{
	double		origin = 0,
				inv_span = 0;	/* set by axis_scale, which GCC cannot see at -O3 */
	gs_status	rc;

	if ((rc = gs_check_finite(m, 9, "transfer matrix entry", err)) != GS_OK ||
		(rc = check_arrays(x, y, n, "y", err)) != GS_OK ||
		(rc = axis_scale(x, n, lo, hi, &origin, &inv_span, err)) != GS_OK)
		return rc;
	for (size_t k = 0; k < n; k++)
	{
		double		u = (x[k] - origin) * inv_span,
					v = y[k],
					r0 = m[0] + (m[1] + m[2] * v) * v,
					r1 = m[3] + (m[4] + m[5] * v) * v,
					r2 = m[6] + (m[7] + m[8] * v) * v;

		out[k] = r0 + (r1 + r2 * u) * u;
	}
	return GS_OK;
}

/* Rotates one row (features f, target t) into the upper-triangular R | qtb. */
static void
givens_add_row(double r[9][9], double qtb[9], double f[9], double t)
{
	for (int k = 0; k < 9; k++)
	{
		double		a = r[k][k],
					b = f[k],
					h,
					c,
					s;

		if (b == 0)
			continue;
		h = hypot(a, b);
		c = a / h;
		s = b / h;
		for (int j = k; j < 9; j++)
		{
			double		rj = r[k][j],
						fj = f[j];

			r[k][j] = c * rj + s * fj;
			f[j] = -s * rj + c * fj;
		}
		{
			double		q = qtb[k];

			qtb[k] = c * q + s * t;
			t = -s * q + c * t;
		}
	}
}

gs_status
gs_fit_transfer_matrix(const gs_intensity_pair *pairs, size_t npairs, double lo, double hi,
					   double m[9], gs_error *err)
{
	double		r[9][9] = {{0}},
				qtb[9] = {0},
				ymax = 0,
				rmax = 0;
	size_t		rows = 0;
	gs_status	rc;

	for (size_t p = 0; p < npairs; p++)
	{
		const gs_intensity_pair *pr = &pairs[p];
		double		origin,
					inv_span;

		if ((rc = check_arrays(pr->x, pr->measured, pr->n, "measured", err)) != GS_OK ||
			(rc = gs_check_finite(pr->certified, pr->n, "certified", err)) != GS_OK ||
			(rc = axis_scale(pr->x, pr->n, lo, hi, &origin, &inv_span, err)) != GS_OK)
			return rc;
		for (size_t k = 0; k < pr->n; k++)
			ymax = fmax(ymax, fabs(pr->measured[k]));
		rows += pr->n;
	}
	if (rows < 9 || ymax == 0)
	{
		gs_fail(err, GS_ERR_PARAM, "cannot fit a transfer matrix from %zu points%s", rows,
				ymax == 0 && rows >= 9 ? " whose measured values are all zero" : "");
		gs_error_detail(err, "The nine entries need at least nine points with varied intensities and axis positions.");
		return GS_ERR_PARAM;
	}
	for (size_t p = 0; p < npairs; p++)
	{
		const gs_intensity_pair *pr = &pairs[p];
		double		origin = 0,
					inv_span = 0;

		axis_scale(pr->x, pr->n, lo, hi, &origin, &inv_span, err);
		for (size_t k = 0; k < pr->n; k++)
		{
			double		u = (pr->x[k] - origin) * inv_span,
						v = pr->measured[k] / ymax,
						f[9];

			for (int i = 0; i < 3; i++)
			{
				double		ui = i == 0 ? 1 : (i == 1 ? u : u * u);

				f[3 * i] = ui;
				f[3 * i + 1] = ui * v;
				f[3 * i + 2] = ui * v * v;
			}
			givens_add_row(r, qtb, f, pr->certified[k]);
		}
	}
	for (int k = 0; k < 9; k++)
		rmax = fmax(rmax, fabs(r[k][k]));
	for (int k = 8; k >= 0; k--)
	{
		double		v = qtb[k];

		if (!(fabs(r[k][k]) > 1e-10 * rmax))
		{
			gs_fail(err, GS_ERR_PARAM, "the spectra do not determine the transfer matrix");
			gs_error_detail(err, "Entry m[%d][%d] is not constrained by the data.", k / 3, k % 3);
			gs_error_hint(err, "Use pairs that cover several intensity levels across the axis range.");
			return GS_ERR_PARAM;
		}
		for (int j = k + 1; j < 9; j++)
			v -= r[k][j] * m[j];
		m[k] = v / r[k][k];
	}
	for (int k = 0; k < 9; k++)
		m[k] /= pow(ymax, k % 3);
	return GS_OK;
}

size_t
gs_intensity_pair_scratch_size(const gs_spectrum_view *measured, const gs_spectrum_view *certified)
{
	(void) measured;
	return 2 * certified->n * sizeof(double) + gs_interp_scratch_size(certified->n);
}

gs_status
gs_intensity_pair_from_spectra(const gs_spectrum_view *measured, const gs_spectrum_view *certified,
							   double *x, double *mvals, double *cvals, void *scratch,
							   gs_intensity_pair *pair, gs_error *err)
{
	double	   *cx = scratch;
	double	   *cy = cx + certified->n;
	size_t		used = 0;
	gs_status	st;

	if (measured->unit != certified->unit)
	{
		gs_fail(err, GS_ERR_PARAM, "a spectrum pair mixes axis units %s and %s",
				gs_unit_name(measured->unit), gs_unit_name(certified->unit));
		gs_error_hint(err, "Convert one with gs_convert_axis first.");
		return GS_ERR_PARAM;
	}
	for (size_t i = 0; i < certified->n; i++)
	{
		cx[i] = gs_view_x(certified, i);
		cy[i] = certified->y[i];
	}
	for (size_t i = 0; i < measured->n; i++)
	{
		double		xi = gs_view_x(measured, i);

		if (xi < cx[0] || xi > cx[certified->n - 1])
			continue;
		x[used] = xi;
		mvals[used] = measured->y[i];
		used++;
	}
	if (used > 0 &&
		(st = gs_interp(cx, cy, certified->n, GS_INTERP_LINEAR, GS_EXTRAP_ERROR, x, used, cvals,
						cy + certified->n, err)) != GS_OK)
		return st;
	pair->x = x;
	pair->measured = mvals;
	pair->certified = cvals;
	pair->n = used;
	return GS_OK;
}
