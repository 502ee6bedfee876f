#include "align.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void
gs_align_workspace_init(gs_align_workspace *ws)
{
	memset(ws, 0, sizeof(*ws));
}

void
gs_align_workspace_free(gs_align_workspace *ws)
{
	if (ws->forward_a)
		fftw_destroy_plan(ws->forward_a);
	if (ws->forward_b)
		fftw_destroy_plan(ws->forward_b);
	if (ws->inverse)
		fftw_destroy_plan(ws->inverse);
	fftw_free(ws->a);
	fftw_free(ws->b);
	fftw_free(ws->fa);
	fftw_free(ws->fb);
	gs_align_workspace_init(ws);
}

/* Smallest 2^a·3^b·5^c >= n: lengths FFTW transforms fastest. */
static size_t
fft_friendly_length(size_t n)
{
	for (size_t len = n;; len++)
	{
		size_t		r = len;

		while (r % 2 == 0)
			r /= 2;
		while (r % 3 == 0)
			r /= 3;
		while (r % 5 == 0)
			r /= 5;
		if (r == 1)
			return len;
	}
}

static gs_status
prepare(gs_align_workspace *ws, size_t len, gs_error *err)
{
	size_t		nc = len / 2 + 1;

	if (ws->fft_len == len)
		return GS_OK;
	gs_align_workspace_free(ws);
	ws->a = fftw_malloc(len * sizeof(double));
	ws->b = fftw_malloc(len * sizeof(double));
	ws->fa = fftw_malloc(nc * sizeof(fftw_complex));
	ws->fb = fftw_malloc(nc * sizeof(fftw_complex));
	if (ws->a && ws->b && ws->fa && ws->fb)
	{
		ws->forward_a = fftw_plan_dft_r2c_1d((int) len, ws->a, ws->fa, FFTW_ESTIMATE);
		ws->forward_b = fftw_plan_dft_r2c_1d((int) len, ws->b, ws->fb, FFTW_ESTIMATE);
		ws->inverse = fftw_plan_dft_c2r_1d((int) len, ws->fa, ws->a, FFTW_ESTIMATE);
	}
	if (!ws->forward_a || !ws->forward_b || !ws->inverse)
	{
		gs_align_workspace_free(ws);
		return gs_fail(err, GS_ERR_NOMEM, "out of memory for a cross-correlation of %zu points", len);
	}
	ws->fft_len = len;
	return GS_OK;
}

/*
 * Linear interpolation of s onto lo + step·k, k < len, differenced
 * (out[k] = v[k+1] − v[k], k < len − 1), centred on its mean and tapered
 * by a half Hann window over the first and last 5 %; zeros after that up to
 * pad.  Correlating differences rather than values keeps constant and
 * sloping baselines from pulling the best lag towards zero; the taper keeps
 * a jump at the edge of the overlap (RRUFF files often start or end with a
 * 0) from dominating the correlation.
 */
static void
grid_differences(const gs_spectrum_view *s, double lo, double step, size_t len, size_t pad,
				 double *out)
{
	size_t		j = 0;
	double		mean = 0,
				prev = 0;
	size_t		taper = (len - 1) / 20 + 1;

	for (size_t k = 0; k < len; k++)
	{
		double		v = lo + step * (double) k,
					x0,
					val;

		while (j + 2 < s->n && gs_view_x(s, j + 1) <= v)
			j++;
		x0 = gs_view_x(s, j);
		val = s->y[j] + ((double) s->y[j + 1] - s->y[j]) * (v - x0) / (gs_view_x(s, j + 1) - x0);
		if (k > 0)
		{
			out[k - 1] = val - prev;
			mean += val - prev;
		}
		prev = val;
	}
	mean /= (double) (len - 1);
	for (size_t k = 0; k + 1 < len; k++)
		out[k] -= mean;
	for (size_t k = 0; k < taper && k + 1 < len; k++)
	{
		double		w = 0.5 * (1 - cos(M_PI * (double) k / (double) taper));

		out[k] *= w;
		out[len - 2 - k] *= w;
	}
	for (size_t k = len - 1; k < pad; k++)
		out[k] = 0;
}

static double
mean_spacing(const gs_spectrum_view *s)
{
	return (gs_view_xmax(s) - gs_view_xmin(s)) / (double) (s->n - 1);
}

gs_status
gs_align_shift(const gs_spectrum_view *s, const gs_spectrum_view *ref, double max_shift,
			   gs_align_workspace *ws, double *shift, gs_error *err)
{
	double		lo,
				hi,
				step,
				best,
				lag;
	size_t		len,
				pad,
				max_lag,
				nc;
	long		best_lag = 0;
	gs_status	rc;

	if (s->unit != ref->unit)
	{
		gs_fail(err, GS_ERR_PARAM, "cannot align a spectrum in %s to a reference in %s",
				gs_unit_name(s->unit), gs_unit_name(ref->unit));
		gs_error_hint(err, "Convert one axis with gs_convert_axis first.");
		return GS_ERR_PARAM;
	}
	if (s->n < 4 || ref->n < 4)
		return gs_fail(err, GS_ERR_PARAM, "alignment needs at least 4 points in each spectrum");
	if (!isnan(max_shift) && !(max_shift > 0))
		return gs_fail(err, GS_ERR_PARAM, "maximum shift must be positive, not %g", max_shift);
	lo = fmax(gs_view_xmin(s), gs_view_xmin(ref));
	hi = fmin(gs_view_xmax(s), gs_view_xmax(ref));
	step = fmin(mean_spacing(s), mean_spacing(ref));
	if (!(hi - lo >= 3 * step))
	{
		gs_fail(err, GS_ERR_PARAM, "spectrum and reference overlap too little to align");
		gs_error_detail(err, "The spectrum spans %.17g to %.17g, the reference %.17g to %.17g.",
						gs_view_xmin(s), gs_view_xmax(s), gs_view_xmin(ref), gs_view_xmax(ref));
		return GS_ERR_PARAM;
	}
	if ((hi - lo) / step + 1 > GS_ALIGN_MAX_GRID)
		return gs_fail(err, GS_ERR_LIMIT, "alignment grid of %.0f points exceeds the limit of %d",
					   (hi - lo) / step + 1, GS_ALIGN_MAX_GRID);
	len = (size_t) floor((hi - lo) / step) + 1;
	pad = fft_friendly_length(2 * len);
	if ((rc = prepare(ws, pad, err)) != GS_OK)
		return rc;

	grid_differences(s, lo, step, len, pad, ws->a);
	grid_differences(ref, lo, step, len, pad, ws->b);
	fftw_execute(ws->forward_a);
	fftw_execute(ws->forward_b);
	nc = pad / 2 + 1;
	for (size_t k = 0; k < nc; k++)
	{
		double		ar = ws->fa[k][0],
					ai = ws->fa[k][1],
					br = ws->fb[k][0],
					bi = ws->fb[k][1];

		/* A·conj(B): correlation c[l] = Σ a[k + l]·b[k] */
		ws->fa[k][0] = ar * br + ai * bi;
		ws->fa[k][1] = ai * br - ar * bi;
	}
	fftw_execute(ws->inverse);

	/*
	 * c[l] sums len − 1 − |l| products; dividing by that count compares lags
	 * on an equal footing, and limiting |l| to half the grid keeps the
	 * averages over enough points to mean something.
	 */
	max_lag = (len - 1) / 2;
	if (!isnan(max_shift) && max_shift / step < (double) max_lag)
		max_lag = (size_t) floor(max_shift / step);
	for (size_t l = 0; l <= max_lag + 1 && l < len - 1; l++)
	{
		double		count = (double) (len - 1 - l);

		ws->a[l] /= count;
		if (l > 0)
			ws->a[pad - l] /= count;
	}
	best = ws->a[0];
	for (size_t l = 1; l <= max_lag; l++)
	{
		if (ws->a[l] > best)
			best = ws->a[l], best_lag = (long) l;
		if (ws->a[pad - l] > best)
			best = ws->a[pad - l], best_lag = -(long) l;
	}
	lag = (double) best_lag;
	if ((size_t) labs(best_lag) < len - 2)
	{
		double		cm = ws->a[(best_lag - 1 + (long) pad) % (long) pad],
					cp = ws->a[(best_lag + 1 + (long) pad) % (long) pad],
					curv = cm - 2 * best + cp;

		if (curv < 0)
			lag += 0.5 * (cm - cp) / curv;
	}
	/* a feature at grid k in the reference sits at k + lag in the spectrum */
	*shift = -lag * step;
	return GS_OK;
}
