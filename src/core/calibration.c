#include "calibration.h"

#include <math.h>

#include "axis_check.h"

static double
polynomial(const double *c, size_t nc, double x)
{
	double		v = 0;

	for (size_t k = nc; k-- > 0;)
		v = v * x + c[k];
	return v;
}

gs_status
gs_calibrate_axis(const gs_spectrum_view *s, const double *coeffs, size_t ncoeffs,
				  double *x_out, float *y_out, gs_error *err)
{
	bool		decreasing;
	gs_status	rc;

	if (ncoeffs == 0 || ncoeffs > GS_CALIBRATION_MAX_DEGREE + 1)
		return gs_fail(err, GS_ERR_PARAM, "axis calibration needs 1 to %d coefficients, not %zu",
					   GS_CALIBRATION_MAX_DEGREE + 1, ncoeffs);
	if ((rc = gs_check_finite(coeffs, ncoeffs, "coefficient", err)) != GS_OK)
		return rc;
	decreasing = s->n > 1 &&
		polynomial(coeffs, ncoeffs, gs_view_x(s, 1)) < polynomial(coeffs, ncoeffs, gs_view_x(s, 0));
	for (size_t k = 0; k < s->n; k++)
	{
		size_t		i = decreasing ? s->n - 1 - k : k;
		double		v = polynomial(coeffs, ncoeffs, gs_view_x(s, i));

		if (!isfinite(v))
			return gs_fail(err, GS_ERR_PARAM, "calibrated axis value at x = %.17g is not finite",
						   gs_view_x(s, i));
		if (k > 0 && !(v > x_out[k - 1]))
		{
			gs_fail(err, GS_ERR_PARAM, "calibration polynomial is not monotonic over the spectrum's axis");
			gs_error_detail(err, "It maps x = %.17g to %.17g, out of order with its neighbour.",
							gs_view_x(s, i), v);
			gs_error_hint(err, "Fit a lower degree or use reference peaks that span the whole axis.");
			return GS_ERR_PARAM;
		}
		x_out[k] = v;
		y_out[k] = s->y[i];
	}
	return GS_OK;
}

size_t
gs_fit_axis_calibration_scratch_size(size_t npoints, int degree)
{
	size_t		p = degree >= 0 ? (size_t) degree + 1 : 1;

	return (npoints * (p + 1) + p) * sizeof(double);
}

static size_t
distinct_count(const double *v, size_t n, size_t enough)
{
	size_t		distinct = 0;

	for (size_t i = 0; i < n && distinct < enough; i++)
	{
		bool		seen = false;

		for (size_t j = 0; j < i && !seen; j++)
			seen = v[j] == v[i];
		distinct += !seen;
	}
	return distinct;
}

gs_status
gs_fit_axis_calibration(const double *measured, const double *reference, size_t npoints,
						int degree, double *coeffs, void *scratch, gs_error *err)
{
	size_t		p,
				n = npoints;
	double	   *a = scratch,
			   *b,
			   *colscale;
	gs_status	rc;

	if (degree < 0 || degree > GS_CALIBRATION_MAX_DEGREE)
		return gs_fail(err, GS_ERR_PARAM, "calibration degree must be between 0 and %d, not %d",
					   GS_CALIBRATION_MAX_DEGREE, degree);
	if ((rc = gs_check_finite(measured, n, "measured", err)) != GS_OK ||
		(rc = gs_check_finite(reference, n, "reference", err)) != GS_OK)
		return rc;
	p = (size_t) degree + 1;
	if (distinct_count(measured, n, p) < p)
	{
		gs_fail(err, GS_ERR_PARAM, "a degree %d calibration needs at least %zu distinct measured positions",
				degree, p);
		gs_error_detail(err, "%zu positions were given.", n);
		return GS_ERR_PARAM;
	}
	b = a + n * p;
	colscale = b + n;

	/* column-major Vandermonde, ascending powers, columns scaled as polyfit does */
	for (size_t k = 0; k < p; k++)
	{
		double		ss = 0;

		for (size_t i = 0; i < n; i++)
		{
			a[k * n + i] = pow(measured[i], (double) k);
			ss += a[k * n + i] * a[k * n + i];
		}
		colscale[k] = sqrt(ss);
		for (size_t i = 0; i < n; i++)
			a[k * n + i] /= colscale[k];
	}
	for (size_t i = 0; i < n; i++)
		b[i] = reference[i];

	/* Householder QR, applied to b on the fly */
	for (size_t k = 0; k < p; k++)
	{
		double	   *col = a + k * n,
					norm = 0,
					alpha,
					vtv;

		for (size_t i = k; i < n; i++)
			norm += col[i] * col[i];
		norm = sqrt(norm);
		alpha = col[k] > 0 ? -norm : norm;
		col[k] -= alpha;
		vtv = 0;
		for (size_t i = k; i < n; i++)
			vtv += col[i] * col[i];
		if (vtv > 0)
		{
			for (size_t j = k + 1; j <= p; j++)
			{
				double	   *t = j < p ? a + j * n : b,
							dot = 0;

				for (size_t i = k; i < n; i++)
					dot += col[i] * t[i];
				dot = 2 * dot / vtv;
				for (size_t i = k; i < n; i++)
					t[i] -= dot * col[i];
			}
		}
		col[k] = alpha;			/* R's diagonal; the rest of col is spent */
	}
	for (size_t k = p; k-- > 0;)
	{
		double		v = b[k];

		for (size_t j = k + 1; j < p; j++)
			v -= a[j * n + k] * coeffs[j];
		if (a[k * n + k] == 0)
			return gs_fail(err, GS_ERR_PARAM, "measured positions do not determine a degree %d calibration", degree);
		coeffs[k] = v / a[k * n + k];
	}
	for (size_t k = 0; k < p; k++)
		coeffs[k] /= colscale[k];
	return GS_OK;
}
