#include "baseline.h"

#include <math.h>

#include "axis_check.h"
#include "baseline_methods.h"
#include "method_names.h"

static const char *const method_names[GS_BASELINE_METHOD_COUNT] = {
	"morph", "als", "arpls", "airpls", "snip", "modpoly", "imodpoly", "rubberband"
};

gs_status
gs_baseline_method_parse(const char *name, gs_baseline_method *method, gs_error *err)
{
	int			index;
	gs_status	rc = gs_method_lookup(name, method_names, GS_BASELINE_METHOD_COUNT,
									  "baseline method", &index, err);

	if (rc == GS_OK)
		*method = (gs_baseline_method) index;
	return rc;
}

const char *
gs_baseline_method_name(gs_baseline_method method)
{
	return method_names[method];
}

void
gs_baseline_params_default(gs_baseline_method method, gs_baseline_params *params)
{
	params->lam = method == GS_BASELINE_ARPLS ? 1e5 : 1e6;
	params->p = 1e-2;
	params->max_iter = (method == GS_BASELINE_MODPOLY || method == GS_BASELINE_IMODPOLY) ? 250 : 50;
	params->tol = 1e-3;
	params->poly_order = 2;
	params->num_std = 1;
	params->window = 0;
	params->max_half_window = 40;
	params->lls = false;
}

size_t
gs_baseline_work_size(size_t n, gs_baseline_method method, const gs_baseline_params *params)
{
	size_t		doubles = 0;

	switch (method)
	{
		case GS_BASELINE_MORPH:
			doubles = GS_MORPH_WORK_LENGTH(n, params->window > 0 ? params->window : GS_MORPH_MAX_WINDOW);
			break;
		case GS_BASELINE_ALS:
		case GS_BASELINE_ARPLS:
		case GS_BASELINE_AIRPLS:
			doubles = GS_PLS_WORK_LENGTH(n);
			break;
		case GS_BASELINE_SNIP:
			doubles = GS_SNIP_WORK_LENGTH(n);
			break;
		case GS_BASELINE_MODPOLY:
		case GS_BASELINE_IMODPOLY:
			doubles = GS_POLY_WORK_LENGTH(n, params->poly_order > 0 ? params->poly_order : 0);
			break;
		case GS_BASELINE_RUBBERBAND:
			doubles = GS_RUBBERBAND_WORK_LENGTH(n);
			break;
	}
	return doubles * sizeof(double);
}

static gs_status
bad_param(gs_error *err, const char *name, double value, const char *rule)
{
	gs_fail(err, GS_ERR_PARAM, "baseline parameter %s = %g is out of range", name, value);
	gs_error_detail(err, "%s", rule);
	return GS_ERR_PARAM;
}

static gs_status
check_params(gs_baseline_method method, const gs_baseline_params *p, size_t n, gs_error *err)
{
	bool		pls = method == GS_BASELINE_ALS || method == GS_BASELINE_ARPLS ||
		method == GS_BASELINE_AIRPLS;
	bool		poly = method == GS_BASELINE_MODPOLY || method == GS_BASELINE_IMODPOLY;

	if (pls && !(p->lam > 0 && isfinite(p->lam)))
		return bad_param(err, "lam", p->lam, "The smoothness lam must be a positive number.");
	if (method == GS_BASELINE_ALS && !(p->p > 0 && p->p < 1))
		return bad_param(err, "p", p->p, "The asymmetry p must lie strictly between 0 and 1.");
	if ((pls || poly) && (p->max_iter < 1 || p->max_iter > GS_BASELINE_MAX_ITER))
		return bad_param(err, "max_iter", p->max_iter, "The iteration limit must be between 1 and 10000.");
	if ((pls || poly) && !(p->tol >= 0 && isfinite(p->tol)))
		return bad_param(err, "tol", p->tol, "The tolerance must be a non-negative number.");
	if (poly && (p->poly_order < 0 || p->poly_order > GS_BASELINE_MAX_POLY_ORDER ||
				 (size_t) p->poly_order >= n))
		return bad_param(err, "poly_order", p->poly_order,
						 "The polynomial order must be between 0 and 15 and below the number of points.");
	if (method == GS_BASELINE_IMODPOLY && !(p->num_std >= 0 && isfinite(p->num_std)))
		return bad_param(err, "num_std", p->num_std, "num_std must be a non-negative number.");
	if (method == GS_BASELINE_MORPH && (p->window < 0 || (size_t) p->window > n))
		return bad_param(err, "window", p->window,
						 "The window is a number of points up to the spectrum's length, or 0 for the automatic size.");
	if (method == GS_BASELINE_SNIP && p->max_half_window < 1)
		return bad_param(err, "max_half_window", p->max_half_window,
						 "The half window is a positive number of points.");
	return GS_OK;
}

bool
gs_baseline_uses_axis(gs_baseline_method method)
{
	return method == GS_BASELINE_MODPOLY || method == GS_BASELINE_IMODPOLY ||
		method == GS_BASELINE_RUBBERBAND;
}

gs_status
gs_baseline(const double *x, const double *y, size_t n, gs_baseline_method method,
			const gs_baseline_params *params, double *baseline, void *work, gs_error *err)
{
	gs_status	rc;

	if ((rc = gs_check_min_points(n, GS_BASELINE_MIN_POINTS, "a baseline", err)) != GS_OK)
		return rc;
	if ((rc = gs_check_finite(y, n, "y", err)) != GS_OK)
		return rc;
	if (x && (rc = gs_check_axis(x, n, err)) != GS_OK)
		return rc;
	if ((rc = check_params(method, params, n, err)) != GS_OK)
		return rc;

	switch (method)
	{
		case GS_BASELINE_MORPH:
			gs_baseline_morph(y, n, params->window > 0 ? params->window : gs_morph_auto_window(y, n),
							  baseline, work);
			break;
		case GS_BASELINE_ALS:
			gs_baseline_als(y, n, params, baseline, work);
			break;
		case GS_BASELINE_ARPLS:
			gs_baseline_arpls(y, n, params, baseline, work);
			break;
		case GS_BASELINE_AIRPLS:
			gs_baseline_airpls(y, n, params, baseline, work);
			break;
		case GS_BASELINE_SNIP:
			gs_baseline_snip(y, n, params, baseline, work);
			break;
		case GS_BASELINE_MODPOLY:
		case GS_BASELINE_IMODPOLY:
			gs_baseline_poly(x, y, n, params, method == GS_BASELINE_IMODPOLY, baseline, work);
			break;
		case GS_BASELINE_RUBBERBAND:
			gs_baseline_rubberband(x, y, n, baseline, work);
			break;
	}
	return GS_OK;
}
