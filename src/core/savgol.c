#include "savgol.h"

#include <math.h>

#include "axis_check.h"

size_t
gs_savgol_scratch_size(size_t window, int polyorder)
{
	size_t		p1 = polyorder >= 0 ? (size_t) polyorder + 1 : 1;

	return (window * p1 + p1 * p1 + window + 3 * p1) * sizeof(double);
}

static gs_status
check_args(size_t n, size_t window, int polyorder, int deriv, double delta, gs_error *err)
{
	if (window < 1 || window % 2 == 0)
	{
		gs_fail(err, GS_ERR_PARAM, "Savitzky-Golay window must be a positive odd number, not %zu", window);
		gs_error_hint(err, "Use an odd window such as %zu.", window + 1);
		return GS_ERR_PARAM;
	}
	if (window > n)
	{
		gs_fail(err, GS_ERR_PARAM, "Savitzky-Golay window of %zu points is longer than the spectrum (%zu points)",
				window, n);
		return GS_ERR_PARAM;
	}
	if (polyorder < 0 || (size_t) polyorder >= window)
	{
		gs_fail(err, GS_ERR_PARAM, "Savitzky-Golay polyorder must be at least 0 and less than the window, not %d",
				polyorder);
		gs_error_detail(err, "The window has %zu points.", window);
		return GS_ERR_PARAM;
	}
	if (deriv < 0 || deriv > polyorder)
	{
		gs_fail(err, GS_ERR_PARAM, "Savitzky-Golay derivative order must be between 0 and polyorder (%d), not %d",
				polyorder, deriv);
		return GS_ERR_PARAM;
	}
	if (!(isfinite(delta) && delta > 0))
		return gs_fail(err, GS_ERR_PARAM, "Savitzky-Golay delta must be a positive finite number, not %g", delta);
	return GS_OK;
}

/* Thin QR of the w × p1 matrix A[j][k] = u_j^k by modified Gram–Schmidt. */
static void
vandermonde_qr(size_t w, size_t p1, double scale, double *q, double *r)
{
	double		half = (double) (w / 2);

	for (size_t j = 0; j < w; j++)
	{
		double		u = ((double) j - half) / scale,
					pw = 1;

		for (size_t k = 0; k < p1; k++, pw *= u)
			q[j * p1 + k] = pw;
	}
	for (size_t k = 0; k < p1; k++)
	{
		double		norm = 0;

		for (size_t i = 0; i < k; i++)
		{
			double		dot = 0;

			for (size_t j = 0; j < w; j++)
				dot += q[j * p1 + i] * q[j * p1 + k];
			r[i * p1 + k] = dot;
			for (size_t j = 0; j < w; j++)
				q[j * p1 + k] -= dot * q[j * p1 + i];
		}
		for (size_t j = 0; j < w; j++)
			norm += q[j * p1 + k] * q[j * p1 + k];
		norm = sqrt(norm);
		r[k * p1 + k] = norm;
		for (size_t j = 0; j < w; j++)
			q[j * p1 + k] /= norm;
		for (size_t i = k + 1; i < p1; i++)
			r[k * p1 + i] = 0;
	}
}

/* Polynomial coefficients a = R⁻¹ Qᵀ v of the fit to v[0..w-1]. */
static void
fit_window(const double *q, const double *r, size_t w, size_t p1, const double *v, double *a)
{
	for (size_t k = 0; k < p1; k++)
	{
		double		dot = 0;

		for (size_t j = 0; j < w; j++)
			dot += q[j * p1 + k] * v[j];
		a[k] = dot;
	}
	for (size_t k = p1; k-- > 0;)
	{
		for (size_t i = k + 1; i < p1; i++)
			a[k] -= r[k * p1 + i] * a[i];
		a[k] /= r[k * p1 + k];
	}
}

/* d-th derivative of Σ a_k u^k at u */
static double
poly_derivative(const double *a, size_t p1, int d, double u)
{
	double		sum = 0;

	for (size_t k = p1; k-- > (size_t) d;)
	{
		double		falling = 1;

		for (int i = 0; i < d; i++)
			falling *= (double) (k - (size_t) i);
		sum = sum * u + falling * a[k];
	}
	return sum;
}

gs_status
gs_savgol(const double *y, size_t n, size_t window, int polyorder, int deriv, double delta,
		  double *out, void *scratch, gs_error *err)
{
	size_t		w = window,
				p1 = (size_t) polyorder + 1,
				half = window / 2;
	double		scale = half > 0 ? (double) half : 1,
				unit;
	double	   *q,
			   *r,
			   *h,
			   *a,
			   *g;
	gs_status	rc;

	if ((rc = check_args(n, window, polyorder, deriv, delta, err)) != GS_OK ||
		(rc = gs_check_finite(y, n, "y", err)) != GS_OK)
		return rc;

	q = scratch;
	r = q + w * p1;
	h = r + p1 * p1;
	a = h + w;
	g = a + p1;
	vandermonde_qr(w, p1, scale, q, r);
	/* one index step is 1/scale in u and delta on the axis */
	unit = pow(scale * delta, -deriv);

	/*
	 * Centre weights h = Q R⁻ᵀ g, g the derivative of the monomials at u = 0:
	 * only u^deriv survives, with deriv!.
	 */
	for (size_t k = 0; k < p1; k++)
		g[k] = 0;
	g[deriv] = tgamma(deriv + 1);
	for (size_t k = 0; k < p1; k++)
	{
		for (size_t i = 0; i < k; i++)
			g[k] -= r[i * p1 + k] * g[i];
		g[k] /= r[k * p1 + k];
	}
	for (size_t j = 0; j < w; j++)
	{
		double		s = 0;

		for (size_t k = 0; k < p1; k++)
			s += q[j * p1 + k] * g[k];
		h[j] = s * unit;
	}
	/*
	 * Interior: the weights slide over y.  Looping over the weights outside
	 * keeps every output an independent sum in the same order (so results
	 * do not depend on the loop order) and lets the inner loop vectorize.
	 */
	if (n >= w)
	{
		size_t		count = n - w + 1;
		double	   *restrict dst = out + half;

		for (size_t i = 0; i < count; i++)
			dst[i] = h[0] * y[i];
		for (size_t j = 1; j < w; j++)
		{
			const double *restrict src = y + j;
			double		hj = h[j];

			for (size_t i = 0; i < count; i++)
				dst[i] += hj * src[i];
		}
	}

	fit_window(q, r, w, p1, y, a);
	for (size_t i = 0; i < half; i++)
		out[i] = poly_derivative(a, p1, deriv, ((double) i - (double) half) / scale) * unit;
	fit_window(q, r, w, p1, y + n - w, a);
	for (size_t i = n - half; i < n; i++)
		out[i] = poly_derivative(a, p1, deriv, ((double) (i - (n - w)) - (double) half) / scale) * unit;
	return GS_OK;
}
