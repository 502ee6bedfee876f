/*
 * baseline_funcs.c — gs_baseline and gs_remove_baseline: a baseline method
 * by name, its parameters from a jsonb object whose keys are the fields of
 * gs_baseline_params (src/core/baseline.h).
 */
#include "points.h"

#include "baseline_args.h"

PG_FUNCTION_INFO_V1(gs_pg_baseline);
PG_FUNCTION_INFO_V1(gs_pg_remove_baseline);

static void
set_param(const char *key, JsonbValue *v, void *ctx)
{
	gs_baseline_params *p = ctx;

	if (strcmp(key, "lam") == 0)
		p->lam = gs_pg_jsonb_number(key, v);
	else if (strcmp(key, "p") == 0)
		p->p = gs_pg_jsonb_number(key, v);
	else if (strcmp(key, "max_iter") == 0)
		p->max_iter = gs_pg_jsonb_int(key, v);
	else if (strcmp(key, "tol") == 0)
		p->tol = gs_pg_jsonb_number(key, v);
	else if (strcmp(key, "poly_order") == 0)
		p->poly_order = gs_pg_jsonb_int(key, v);
	else if (strcmp(key, "num_std") == 0)
		p->num_std = gs_pg_jsonb_number(key, v);
	else if (strcmp(key, "window") == 0)
		p->window = gs_pg_jsonb_int(key, v);
	else if (strcmp(key, "max_half_window") == 0)
		p->max_half_window = gs_pg_jsonb_int(key, v);
	else if (strcmp(key, "lls") == 0)
		p->lls = gs_pg_jsonb_bool(key, v);
	else if (strcmp(key, "method") != 0)
		gs_pg_jsonb_unknown_key("baseline parameters", key,
								"method, lam, p, max_iter, tol, poly_order, num_std, window, max_half_window, lls");
}

void
gs_pg_baseline_args(const char *method_name, JsonbContainer *params,
					gs_baseline_method *method, gs_baseline_params *p)
{
	gs_error	err;

	if (gs_baseline_method_parse(method_name, method, &err) != GS_OK)
		gs_pg_report(&err);
	gs_baseline_params_default(*method, p);
	if (params)
		gs_pg_jsonb_each(params, "baseline parameters", set_param, p);
}

static double *
baseline_of(FunctionCallInfo fcinfo, gs_pg_points *pts)
{
	gs_baseline_method method;
	gs_baseline_params params;
	double	   *b;
	gs_error	err;

	gs_pg_points_arg(fcinfo, 0, pts);
	gs_pg_baseline_args(gs_pg_text_arg(fcinfo, 1), &PG_GETARG_JSONB_P(2)->root, &method, &params);
	b = palloc_extended(pts->n * sizeof(double), MCXT_ALLOC_HUGE);
	if (gs_baseline(pts->x, pts->y, pts->n, method, &params, b,
					palloc_extended(gs_baseline_work_size(pts->n, method, &params), MCXT_ALLOC_HUGE),
					&err) != GS_OK)
		gs_pg_report(&err);
	return b;
}

/* gs_baseline(s, method, params jsonb): the baseline estimate itself */
Datum
gs_pg_baseline(PG_FUNCTION_ARGS)
{
	gs_pg_points pts;
	double	   *b = baseline_of(fcinfo, &pts);

	PG_RETURN_DATUM(gs_pg_spectrum_like(&pts, b));
}

/* gs_remove_baseline(s, method, params jsonb): s minus its baseline */
Datum
gs_pg_remove_baseline(PG_FUNCTION_ARGS)
{
	gs_pg_points pts;
	double	   *b = baseline_of(fcinfo, &pts);

	for (size_t i = 0; i < pts.n; i++)
		b[i] = pts.y[i] - b[i];
	PG_RETURN_DATUM(gs_pg_spectrum_like(&pts, b));
}
