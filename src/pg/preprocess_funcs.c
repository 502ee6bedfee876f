/*
 * preprocess_funcs.c — gs_preprocess (the S2 chain of src/core/preprocess.c
 * in one call) and gs_preprocess_config (the effective configuration).
 *
 * The configuration starts from the paper's defaults for the spectrum's unit,
 * takes the instrument's axis calibration, transfer matrix and range when an
 * instrument is named, then the caller's jsonb, whose keys are the steps:
 *
 *   {"calibrate": bool,
 *    "resample": false | {"method", "step", "start", "stop"},
 *    "correct_intensity": bool,
 *    "denoise": false | {"wavelet", "level", "rule", "mode"},
 *    "baseline": false | {"method", ...baseline parameters},
 *    "normalize": false | "minmax" | "area" | "vector" | "snv" | "max"}
 */
#include "points.h"

#include <math.h>

#include "lib/stringinfo.h"
#include "utils/builtins.h"

#include "baseline_args.h"
#include "instrument.h"
#include "preprocess.h"

PG_FUNCTION_INFO_V1(gs_pg_preprocess);
PG_FUNCTION_INFO_V1(gs_pg_preprocess_config);

/* Buffers kept for the backend's lifetime: a stream of spectra allocates nothing. */
static gs_preprocess_workspace workspace;

typedef struct config_state
{
	gs_preprocess_config *c;
	bool		calibrate;
	bool		has_calibration;
	bool		has_matrix;
} config_state;

static void
set_resample(const char *key, JsonbValue *v, void *ctx)
{
	gs_preprocess_config *c = ctx;
	gs_error	err;

	if (strcmp(key, "method") == 0)
	{
		if (gs_interp_method_parse(gs_pg_jsonb_string(key, v), &c->resample_method, &err) != GS_OK)
			gs_pg_report(&err);
	}
	else if (strcmp(key, "step") == 0)
		c->step = gs_pg_jsonb_number(key, v);
	else if (strcmp(key, "start") == 0)
		c->start = gs_pg_jsonb_number(key, v);
	else if (strcmp(key, "stop") == 0)
		c->stop = gs_pg_jsonb_number(key, v);
	else
		gs_pg_jsonb_unknown_key("\"resample\"", key, "method, step, start, stop");
}

static void
set_denoise(const char *key, JsonbValue *v, void *ctx)
{
	gs_preprocess_config *c = ctx;
	gs_error	err;
	gs_status	st = GS_OK;

	if (strcmp(key, "wavelet") == 0)
		st = gs_wavelet_lookup(gs_pg_jsonb_string(key, v), &c->wavelet, &err);
	else if (strcmp(key, "level") == 0)
		c->denoise_level = v->type == jbvNull ? 0 : gs_pg_jsonb_int(key, v);
	else if (strcmp(key, "rule") == 0)
		st = gs_threshold_rule_parse(gs_pg_jsonb_string(key, v), &c->threshold_rule, &err);
	else if (strcmp(key, "mode") == 0)
		st = gs_threshold_mode_parse(gs_pg_jsonb_string(key, v), &c->threshold_mode, &err);
	else
		gs_pg_jsonb_unknown_key("\"denoise\"", key, "wavelet, level, rule, mode");
	if (st != GS_OK)
		gs_pg_report(&err);
}

/* The baseline method must be known before its parameters take their defaults. */
static void
find_method(const char *key, JsonbValue *v, void *ctx)
{
	if (strcmp(key, "method") == 0)
		*(char **) ctx = gs_pg_jsonb_string(key, v);
}

static void
set_step(const char *key, JsonbValue *v, void *ctx)
{
	config_state *cs = ctx;
	gs_preprocess_config *c = cs->c;
	JsonbContainer *sub;
	gs_error	err;

	if (strcmp(key, "calibrate") == 0)
		cs->calibrate = gs_pg_jsonb_bool(key, v);
	else if (strcmp(key, "resample") == 0)
	{
		if ((c->resample = gs_pg_jsonb_step(key, v, &sub)) && sub)
			gs_pg_jsonb_each(sub, "\"resample\"", set_resample, c);
	}
	else if (strcmp(key, "correct_intensity") == 0)
	{
		c->correct_intensity = gs_pg_jsonb_bool(key, v);
		if (c->correct_intensity && !cs->has_matrix)
			ereport(ERROR,
					errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					errmsg("\"correct_intensity\" needs an instrument with a transfer matrix"),
					errhint("Name an instrument whose gs_instrument.transfer_matrix is set."));
	}
	else if (strcmp(key, "denoise") == 0)
	{
		if ((c->denoise = gs_pg_jsonb_step(key, v, &sub)) && sub)
			gs_pg_jsonb_each(sub, "\"denoise\"", set_denoise, c);
	}
	else if (strcmp(key, "baseline") == 0)
	{
		if ((c->baseline = gs_pg_jsonb_step(key, v, &sub)) && sub)
		{
			char	   *method = (char *) gs_baseline_method_name(c->baseline_method);

			gs_pg_jsonb_each(sub, "\"baseline\"", find_method, &method);
			gs_pg_baseline_args(method, sub, &c->baseline_method, &c->baseline_params);
		}
	}
	else if (strcmp(key, "normalize") == 0)
	{
		if (v->type == jbvBool)
			c->normalize = v->val.boolean;
		else
		{
			c->normalize = true;
			if (gs_norm_method_parse(gs_pg_jsonb_string(key, v), &c->normalize_method, &err) != GS_OK)
				gs_pg_report(&err);
		}
		if (c->normalize && c->normalize_method == GS_NORM_PEAK)
			ereport(ERROR,
					errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					errmsg("normalization \"peak\" is not available in gs_preprocess"),
					errhint("Normalize afterwards with gs_normalize(s, 'peak', peak_x)."));
	}
	else
		gs_pg_jsonb_unknown_key("the preprocessing configuration", key,
								"calibrate, resample, correct_intensity, denoise, baseline, normalize");
}

/*
 * The effective configuration for spectra in `unit` (from the instrument
 * when one is named), and that unit.
 */
static gs_unit
build_config(const char *instrument, Jsonb *config, gs_unit unit, gs_preprocess_config *c)
{
	gs_pg_instrument inst;
	config_state cs = {c, true, false, false};

	if (instrument)
	{
		gs_pg_instrument_fetch(instrument, &inst, false);
		unit = inst.axis_unit;
	}
	gs_preprocess_config_default(unit, c);
	if (instrument)
	{
		if (inst.n_axis_calibration > GS_PREPROCESS_MAX_CALIBRATION)
			ereport(ERROR,
					errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					errmsg("axis calibration of instrument \"%s\" has %d coefficients, more than %d",
						   instrument, inst.n_axis_calibration, GS_PREPROCESS_MAX_CALIBRATION));
		cs.has_calibration = inst.n_axis_calibration > 0;
		c->ncalib = inst.n_axis_calibration;
		memcpy(c->calibration, inst.axis_calibration, inst.n_axis_calibration * sizeof(double));
		cs.has_matrix = inst.has_transfer_matrix;
		c->correct_intensity = inst.has_transfer_matrix;
		memcpy(c->transfer_matrix, inst.transfer_matrix, sizeof(c->transfer_matrix));
		c->range_lo = inst.range_lo;
		c->range_hi = inst.range_hi;
	}
	if (config)
		gs_pg_jsonb_each(&config->root, "the preprocessing configuration", set_step, &cs);
	if (!cs.calibrate)
		c->ncalib = 0;
	return unit;
}

/* gs_preprocess(s, instrument text DEFAULT NULL, config jsonb DEFAULT NULL) */
Datum
gs_pg_preprocess(PG_FUNCTION_ARGS)
{
	gs_spectrum_view s;
	gs_preprocess_config c;
	gs_preprocess_result r;
	const char *instrument = PG_ARGISNULL(1) ? NULL : gs_pg_text_arg(fcinfo, 1);
	gs_unit		unit;
	gs_error	err;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	s = gs_packed_view(PG_GETARG_SPECTRUM_P(0));
	unit = build_config(instrument, PG_ARGISNULL(2) ? NULL : PG_GETARG_JSONB_P(2), s.unit, &c);
	if (unit != s.unit)
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("spectrum axis unit %s differs from instrument \"%s\" (%s)",
					   gs_unit_name(s.unit), instrument, gs_unit_name(unit)),
				errhint("Convert it first with gs_convert_axis(s, '%s').", gs_unit_name(unit)));
	if (gs_preprocess(&s, &c, (size_t) gs_max_points, &workspace, &r, &err) != GS_OK)
		gs_pg_report(&err);
	PG_RETURN_DATUM(gs_pg_spectrum_from_doubles(&s, r.n, r.uniform ? NULL : r.x, r.start, r.step, r.y));
}

static void
append_number(StringInfo buf, const char *key, double v)
{
	if (isnan(v))
		appendStringInfo(buf, "\"%s\": null", key);
	else
		appendStringInfo(buf, "\"%s\": %.17g", key, v);
}

/* gs_preprocess_config(instrument text DEFAULT NULL, config jsonb DEFAULT NULL, unit text DEFAULT 'nm') */
Datum
gs_pg_preprocess_config(PG_FUNCTION_ARGS)
{
	gs_preprocess_config c;
	const char *instrument = PG_ARGISNULL(0) ? NULL : gs_pg_text_arg(fcinfo, 0);
	char	   *unit_name = PG_ARGISNULL(2) ? "nm" : gs_pg_text_arg(fcinfo, 2);
	gs_unit		unit;
	StringInfoData buf;
	const gs_baseline_params *bp = &c.baseline_params;

	if (!gs_unit_parse(unit_name, strlen(unit_name), &unit))
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("unknown axis unit \"%s\"", unit_name),
				errhint("Valid units are: %s.", gs_unit_names_list()));
	unit = build_config(instrument, PG_ARGISNULL(1) ? NULL : PG_GETARG_JSONB_P(1), unit, &c);

	initStringInfo(&buf);
	appendStringInfo(&buf, "{\"unit\": \"%s\", \"calibrate\": ", gs_unit_name(unit));
	if (c.ncalib == 0)
		appendStringInfoString(&buf, "false");
	else
	{
		appendStringInfoChar(&buf, '[');
		for (int k = 0; k < c.ncalib; k++)
			appendStringInfo(&buf, "%s%.17g", k ? ", " : "", c.calibration[k]);
		appendStringInfoChar(&buf, ']');
	}
	appendStringInfoString(&buf, ", \"resample\": ");
	if (!c.resample)
		appendStringInfoString(&buf, "false");
	else
	{
		appendStringInfo(&buf, "{\"method\": \"%s\", ", gs_interp_method_name(c.resample_method));
		append_number(&buf, "step", c.step);
		appendStringInfoString(&buf, ", ");
		append_number(&buf, "start", c.start);
		appendStringInfoString(&buf, ", ");
		append_number(&buf, "stop", c.stop);
		appendStringInfoChar(&buf, '}');
	}
	appendStringInfo(&buf, ", \"correct_intensity\": %s", c.correct_intensity ? "true" : "false");
	appendStringInfoString(&buf, ", \"denoise\": ");
	if (!c.denoise)
		appendStringInfoString(&buf, "false");
	else
		appendStringInfo(&buf, "{\"wavelet\": \"%s\", \"level\": %s, \"rule\": \"%s\", \"mode\": \"%s\"}",
						 c.wavelet->name, c.denoise_level ? psprintf("%d", c.denoise_level) : "null",
						 gs_threshold_rule_name(c.threshold_rule), gs_threshold_mode_name(c.threshold_mode));
	appendStringInfoString(&buf, ", \"baseline\": ");
	if (!c.baseline)
		appendStringInfoString(&buf, "false");
	else
		appendStringInfo(&buf, "{\"method\": \"%s\", \"lam\": %.17g, \"p\": %.17g, \"max_iter\": %d, \"tol\": %.17g, "
						 "\"poly_order\": %d, \"num_std\": %.17g, \"window\": %d, \"max_half_window\": %d, \"lls\": %s}",
						 gs_baseline_method_name(c.baseline_method), bp->lam, bp->p, bp->max_iter, bp->tol,
						 bp->poly_order, bp->num_std, bp->window, bp->max_half_window, bp->lls ? "true" : "false");
	appendStringInfoString(&buf, ", \"normalize\": ");
	if (!c.normalize)
		appendStringInfoString(&buf, "false");
	else
		appendStringInfo(&buf, "\"%s\"", gs_norm_method_name(c.normalize_method));
	appendStringInfoChar(&buf, '}');
	PG_RETURN_DATUM(DirectFunctionCall1(jsonb_in, CStringGetDatum(buf.data)));
}
