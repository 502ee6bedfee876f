#include "preprocess.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "calibration.h"
#include "intensity.h"
#include "v2d.h"

double
gs_preprocess_default_step(gs_unit unit)
{
	switch (unit)
	{
		case GS_UNIT_NM:
			return 0.5;
		case GS_UNIT_UM:
			return 0.0005;
		case GS_UNIT_CM1:
		case GS_UNIT_RAMAN_CM1:
			return 1.0;			/* 0.5 nm is ~1 cm-1 near 700 nm */
		case GS_UNIT_EV:
			return 0.001;
		case GS_UNIT_KEV:
			return 0.01;		/* a typical XRF/EDS channel width */
		default:
			return 1.0;
	}
}

void
gs_preprocess_config_default(gs_unit unit, gs_preprocess_config *c)
{
	gs_error	err;

	memset(c, 0, sizeof(*c));
	c->ncalib = 0;
	c->resample = true;
	c->resample_method = GS_INTERP_CUBIC;
	c->step = gs_preprocess_default_step(unit);
	c->start = NAN;
	c->stop = NAN;
	c->correct_intensity = false;
	c->transfer_matrix[1] = 1;
	c->range_lo = NAN;
	c->range_hi = NAN;
	c->denoise = true;
	(void) gs_wavelet_lookup("sym8", &c->wavelet, &err);
	c->denoise_level = 0;
	c->threshold_rule = GS_THRESHOLD_BAYES;
	c->threshold_mode = GS_THRESHOLD_SOFT;
	c->baseline = true;
	c->baseline_method = GS_BASELINE_MORPH;
	gs_baseline_params_default(GS_BASELINE_MORPH, &c->baseline_params);
	c->normalize = true;
	c->normalize_method = GS_NORM_VECTOR;
}

void
gs_preprocess_workspace_init(gs_preprocess_workspace *ws)
{
	memset(ws, 0, sizeof(*ws));
}

void
gs_preprocess_workspace_free(gs_preprocess_workspace *ws)
{
	free(ws->x);
	free(ws->y);
	free(ws->t);
	free(ws->u);
	free(ws->scratch);
	gs_preprocess_workspace_init(ws);
}

/* Grows the point buffers, keeping their contents. */
static gs_status
reserve_points(gs_preprocess_workspace *ws, size_t n, gs_error *err)
{
	double	  **bufs[] = {&ws->x, &ws->y, &ws->t, &ws->u};

	if (n <= ws->capacity)
		return GS_OK;
	for (size_t i = 0; i < sizeof(bufs) / sizeof(bufs[0]); i++)
	{
		double	   *b = realloc(*bufs[i], n * sizeof(double));

		if (!b)
			return gs_fail(err, GS_ERR_NOMEM, "out of memory for preprocessing %zu points", n);
		*bufs[i] = b;
	}
	ws->capacity = n;
	return GS_OK;
}

static gs_status
reserve_scratch(gs_preprocess_workspace *ws, size_t bytes, gs_error *err)
{
	void	   *s;

	if (bytes <= ws->scratch_bytes)
		return GS_OK;
	s = realloc(ws->scratch, bytes);
	if (!s)
		return gs_fail(err, GS_ERR_NOMEM, "out of memory for preprocessing scratch");
	ws->scratch = s;
	ws->scratch_bytes = bytes;
	return GS_OK;
}

static void
swap(double **a, double **b)
{
	double	   *t = *a;

	*a = *b;
	*b = t;
}

/* The grid: given bounds, or the spectrum's range snapped to multiples of step. */
static gs_status
grid_of(const gs_preprocess_config *c, const double *x, size_t n, size_t max_points,
		double *start, size_t *count, gs_error *err)
{
	double		lo = isnan(c->start) ? ceil(x[0] / c->step - 1e-9) * c->step : c->start;
	double		hi = isnan(c->stop) ? floor(x[n - 1] / c->step + 1e-9) * c->step : c->stop;
	gs_status	st;

	if (!(isfinite(c->step) && c->step > 0))
		return gs_fail(err, GS_ERR_PARAM, "resample step must be a positive finite number, not %g", c->step);
	if (hi < lo)
	{
		gs_fail(err, GS_ERR_PARAM, "the spectrum spans no point of the resampling grid");
		gs_error_detail(err, "The spectrum covers %g to %g; the grid step is %g.", x[0], x[n - 1], c->step);
		return GS_ERR_PARAM;
	}
	/* a grid is a spectrum's axis: never above the format's ceiling */
	if ((st = gs_uniform_grid_count(lo, hi, c->step, max_points < GS_MAX_POINTS_CEILING ?
									max_points : GS_MAX_POINTS_CEILING, count, err)) != GS_OK)
		return st;
	*start = lo;
	return GS_OK;
}

/*
 * t[k] = start + step·k.  Grids stay below GS_MAX_POINTS_CEILING points, so
 * k fits an int, whose conversion to double packs (a size_t's does not).
 * This and the two loops below are the chain's own passes over whole
 * spectra; in AVX2 clones they take four values a step.
 */
GS_VECTOR_CLONES static void
fill_grid(double *t, size_t m, double start, double step)
{
	for (int k = 0; k < (int) m; k++)
		t[k] = start + step * (double) k;
}

GS_VECTOR_CLONES static void
widen(const float *in, size_t n, double *restrict out)
{
	for (size_t i = 0; i < n; i++)
		out[i] = in[i];
}

GS_VECTOR_CLONES static void
subtract(double *restrict y, const double *restrict baseline, size_t n)
{
	for (size_t i = 0; i < n; i++)
		y[i] -= baseline[i];
}

gs_status
gs_preprocess(const gs_spectrum_view *s, const gs_preprocess_config *c, size_t max_points,
			  gs_preprocess_workspace *ws, gs_preprocess_result *r, gs_error *err)
{
	size_t		n = s->n;
	bool		view_axis;		/* ws->y lies on s->x itself, not on ws->x */
	double	   *x,
			   *y,
			   *t;
	gs_status	st;

	memset(r, 0, sizeof(*r));
	if ((st = reserve_points(ws, n, err)) != GS_OK)
		return st;
	r->uniform = s->x == NULL;
	r->start = s->start;
	r->step = s->step;

	if (c->ncalib > 0)
	{
		float	   *yf = (float *) ws->t;

		if ((st = gs_calibrate_axis(s, c->calibration, (size_t) c->ncalib, ws->x, yf, err)) != GS_OK)
			return st;
		for (size_t i = 0; i < n; i++)
			ws->y[i] = yf[i];
		r->uniform = false;
		view_axis = false;
	}
	else
	{
		widen(s->y, n, ws->y);
		/* the resampling only reads the axis: no copy of an explicit one */
		view_axis = s->x && c->resample;
		if (!view_axis)
			for (size_t i = 0; i < n; i++)
				ws->x[i] = gs_view_x(s, i);
	}

	if (c->resample)
	{
		double		start = 0;
		size_t		m = 0;
		const double *axis;

		if ((st = grid_of(c, view_axis ? s->x : ws->x, n, max_points, &start, &m, err)) != GS_OK ||
			(st = reserve_points(ws, m > n ? m : n, err)) != GS_OK ||
			(st = reserve_scratch(ws, gs_interp_scratch_size(n), err)) != GS_OK)
			return st;
		axis = view_axis ? s->x : ws->x;	/* after reserve_points, which may move ws->x */
		fill_grid(ws->t, m, start, c->step);
		/* edge extrapolation only absorbs rounding: the grid lies inside the range */
		if ((st = gs_interp_sorted(axis, ws->y, n, c->resample_method, GS_EXTRAP_EDGE, ws->t, m,
								   ws->u, ws->scratch, err)) != GS_OK)
			return st;
		swap(&ws->x, &ws->t);
		swap(&ws->y, &ws->u);
		n = m;
		r->uniform = true;
		r->start = start;
		r->step = c->step;
	}
	x = ws->x;
	y = ws->y;
	t = ws->t;

	if (c->correct_intensity &&
		(st = gs_correct_intensity(x, y, n, c->transfer_matrix, c->range_lo, c->range_hi, y, err)) != GS_OK)
		return st;

	if (c->denoise && gs_dwt_max_level(n, c->wavelet) > 0)
	{
		if ((st = reserve_scratch(ws, gs_denoise_work_size(n, c->wavelet), err)) != GS_OK ||
			(st = gs_denoise(y, n, c->wavelet, c->denoise_level, c->threshold_rule, c->threshold_mode,
							 y, ws->scratch, &r->denoise_level, err)) != GS_OK)
			return st;
	}

	if (c->baseline)
	{
		if ((st = reserve_scratch(ws, gs_baseline_work_size(n, c->baseline_method, &c->baseline_params), err)) != GS_OK ||
			(st = gs_baseline(gs_baseline_uses_axis(c->baseline_method) ? x : NULL, y, n, c->baseline_method,
							  &c->baseline_params, t, ws->scratch, err)) != GS_OK)
			return st;
		subtract(y, t, n);
	}

	/* the axis goes only to the steps that read it: checking it costs a pass */
	if (c->normalize &&
		(st = gs_normalize(c->normalize_method == GS_NORM_AREA ? x : NULL, y, n, c->normalize_method,
						   NAN, y, err)) != GS_OK)
		return st;

	r->n = n;
	r->x = x;
	r->y = y;
	return GS_OK;
}
