/*
 * stats_update.c — the live statistics library of S8:
 * gs_update_instrument_stats adds one spectrum to its instrument's statistics
 * and to that day's history row; gs_stats_merge is the merge it runs inside
 * the upsert.
 *
 * Concurrency: both rows are written by INSERT ... ON CONFLICT DO UPDATE whose
 * SET merges the stored block with the new spectrum.  Under READ COMMITTED
 * the conflicting row is locked and the SET is evaluated on its latest
 * committed version, so concurrent sessions serialize on the row and no
 * update is lost; every call locks the history row before the live row, so
 * single calls cannot deadlock each other.
 */
#include "stats.h"

#include <math.h>

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "funcapi.h"
#include "utils/builtins.h"
#include "utils/timestamp.h"

#include "instrument.h"

PG_FUNCTION_INFO_V1(gs_pg_stats_merge);
PG_FUNCTION_INFO_V1(gs_pg_update_instrument_stats);
PG_FUNCTION_INFO_V1(gs_pg_update_instrument_stats_grid);

static void
check_finite_time(TimestampTz t, const char *what)
{
	if (TIMESTAMP_NOT_FINITE(t))
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("%s must be a finite time", what),
				errdetail("Forgetting and the daily history need the time a spectrum was measured."));
}

/*
 * gs_stats_merge(n1, mean1, m2_1, at1, n2, mean2, m2_2, at2, halflife_s)
 *   → (n, mean, m2, updated_at)
 * Decays the older block to the newer one's time (running_stats.h), merges,
 * and stamps the result with the newer time.
 */
Datum
gs_pg_stats_merge(PG_FUNCTION_ARGS)
{
	ArrayType  *mean1 = PG_GETARG_ARRAYTYPE_P(1);
	size_t		npoints = ARR_NDIM(mean1) == 0 ? 0 : (size_t) ArrayGetNItems(ARR_NDIM(mean1), ARR_DIMS(mean1));
	TimestampTz at1 = PG_GETARG_TIMESTAMPTZ(3);
	TimestampTz at2 = PG_GETARG_TIMESTAMPTZ(7);
	double		halflife = PG_GETARG_FLOAT8(8);
	ArrayType  *mean,
			   *m2;
	gs_rstats	a,
				b;
	double		f;
	TupleDesc	desc;
	Datum		values[4];
	bool		nulls[4] = {0};
	gs_error	err;

	if (npoints == 0)
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("statistics blocks must have at least one point"));
	if (isnan(halflife) || halflife < 0)
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("halflife must be a number of seconds >= 0, not %g", halflife));
	check_finite_time(at1, "at1");
	check_finite_time(at2, "at2");

	/* the result is built in fresh arrays: the first block's may be the caller's */
	mean = gs_pg_float8_array(gs_pg_float8_values(mean1, npoints, "mean1"), npoints);
	m2 = gs_pg_float8_array(gs_pg_float8_values(PG_GETARG_ARRAYTYPE_P(2), npoints, "m2_1"), npoints);
	a = (gs_rstats) {npoints, PG_GETARG_FLOAT8(0), (double *) ARR_DATA_PTR(mean), (double *) ARR_DATA_PTR(m2)};
	b = (gs_rstats) {npoints, PG_GETARG_FLOAT8(4),
		gs_pg_float8_values(PG_GETARG_ARRAYTYPE_P(5), npoints, "mean2"),
		gs_pg_float8_values(PG_GETARG_ARRAYTYPE_P(6), npoints, "m2_2")};
	if (gs_rstats_check(&a, &err) != GS_OK || gs_rstats_check(&b, &err) != GS_OK)
		gs_pg_report(&err);
	f = gs_decay_factor((double) (at2 > at1 ? at2 - at1 : at1 - at2) / USECS_PER_SEC, halflife);
	if (at2 >= at1)
		gs_rstats_decay(&a, f);
	else
	{
		/* b's arrays may belong to the caller: decay a copy */
		double	   *bm2 = palloc_extended(npoints * sizeof(double), MCXT_ALLOC_HUGE);

		memcpy(bm2, b.m2, npoints * sizeof(double));
		b.m2 = bm2;
		gs_rstats_decay(&b, f);
	}
	gs_rstats_merge(&a, &b);

	if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "gs_stats_merge must return a record");
	desc = BlessTupleDesc(desc);
	values[0] = Float8GetDatum(a.n);
	values[1] = PointerGetDatum(mean);
	values[2] = PointerGetDatum(m2);
	values[3] = TimestampTzGetDatum(Max(at1, at2));
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(desc, values, nulls)));
}

#define UPSERT_NARGS 9

/* Both upserts in one statement: $1 instrument, $2-$5 grid, $6 mean, $7 m2, $8 time, $9 half-life. */
static char *
upsert_query(void)
{
	char	   *merge = gs_pg_qualified_name("gs_stats_merge");

	return psprintf("WITH daily AS ("
					" INSERT INTO %s AS t (instrument, grid_unit, grid_start, grid_step, grid_npoints, day, n, mean, m2, updated_at)"
					" VALUES ($1, $2, $3, $4, $5, ($8 AT TIME ZONE 'UTC')::date, 1, $6, $7, $8)"
					" ON CONFLICT (instrument, grid_unit, grid_start, grid_step, grid_npoints, day) DO UPDATE"
					" SET (n, mean, m2, updated_at) = (SELECT m.n::bigint, m.mean, m.m2, m.updated_at"
					"  FROM %s(t.n, t.mean, t.m2, t.updated_at, 1, $6, $7, $8, 0) m))"
					" INSERT INTO %s AS t (instrument, grid_unit, grid_start, grid_step, grid_npoints, n, mean, m2, updated_at)"
					" VALUES ($1, $2, $3, $4, $5, 1, $6, $7, $8)"
					" ON CONFLICT (instrument, grid_unit, grid_start, grid_step, grid_npoints) DO UPDATE"
					" SET (n, mean, m2, updated_at) = (SELECT m.n, m.mean, m.m2, m.updated_at"
					"  FROM %s(t.n, t.mean, t.m2, t.updated_at, 1, $6, $7, $8, $9) m)",
					gs_pg_qualified_name("gs_instrument_stats_daily"), merge,
					gs_pg_qualified_name("gs_instrument_stats"), merge);
}

/*
 * The prepared upsert, kept for the backend's life.  It is prepared again
 * when the extension's schema name changes; a dropped and re-created
 * extension is handled by the plan cache, which re-parses the text.
 */
static SPIPlanPtr
upsert_plan(void)
{
	static SPIPlanPtr plan = NULL;
	static char *plan_query = NULL;
	Oid			types[UPSERT_NARGS] = {TEXTOID, TEXTOID, FLOAT8OID, FLOAT8OID, INT4OID,
	FLOAT8ARRAYOID, FLOAT8ARRAYOID, TIMESTAMPTZOID, FLOAT8OID};
	char	   *query = upsert_query();

	if (plan && strcmp(query, plan_query) == 0)
		return plan;
	if (plan)
	{
		SPI_freeplan(plan);
		pfree(plan_query);
		plan = NULL;
	}
	plan = SPI_prepare(query, UPSERT_NARGS, types);
	if (!plan)
		elog(ERROR, "SPI_prepare failed for the statistics upsert: %s", SPI_result_code_string(SPI_result));
	if (SPI_keepplan(plan) != 0)
		elog(ERROR, "SPI_keepplan failed for the statistics upsert");
	plan_query = MemoryContextStrdup(TopMemoryContext, query);
	return plan;
}

static void
grid_outside_instrument(const gs_pg_instrument *inst, const gs_grid *g)
{
	double		tol = 1e-9 * (inst->range_hi - inst->range_lo);

	if (gs_grid_x(g, 0) < inst->range_lo - tol || gs_grid_x(g, g->npoints - 1) > inst->range_hi + tol)
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("grid lies outside the range of instrument \"%s\"", inst->id),
				errdetail("The grid spans %g to %g; the instrument covers %g to %g.",
						  gs_grid_x(g, 0), gs_grid_x(g, g->npoints - 1), inst->range_lo, inst->range_hi));
}

static void
update_stats(text *id_text, gs_packed_spectrum *p, const gs_grid *given, TimestampTz at)
{
	char	   *id = text_to_cstring(id_text);
	gs_spectrum_view v = gs_packed_view(p);
	gs_grid		own = {v.start, v.step, v.n};
	gs_grid		grid = given ? *given : own;
	gs_pg_instrument inst;
	double	   *mean,
			   *m2;
	Datum		args[UPSERT_NARGS];
	gs_error	err;
	int			rc;

	check_finite_time(at, "measured_at");
	gs_pg_instrument_fetch(id, &inst, false);
	gs_pg_instrument_check_spectrum(&inst, &v);
	if (!given && v.x)
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("the statistics of a spectrum with an explicit axis need a grid"),
				errhint("Call gs_update_instrument_stats(instrument, s, grid_start, grid_step, grid_npoints), which resamples it linearly."));
	if (gs_grid_check(&grid, &err) != GS_OK ||
		gs_check_npoints(grid.npoints, (size_t) gs_max_points, &err) != GS_OK)
		gs_pg_report(&err);
	grid_outside_instrument(&inst, &grid);

	mean = palloc_extended(grid.npoints * sizeof(double), MCXT_ALLOC_HUGE);
	m2 = palloc_extended(grid.npoints * sizeof(double), MCXT_ALLOC_HUGE | MCXT_ALLOC_ZERO);
	if (!v.x && gs_grid_equal(&own, &grid))
		for (size_t i = 0; i < grid.npoints; i++)
			mean[i] = (double) v.y[i];
	else if (gs_grid_sample(&v, &grid, mean,
							palloc_extended(gs_grid_sample_scratch_size(v.n, &grid), MCXT_ALLOC_HUGE),
							&err) != GS_OK)
		gs_pg_report(&err);

	args[0] = PointerGetDatum(id_text);
	args[1] = CStringGetTextDatum(gs_unit_name(v.unit));
	args[2] = Float8GetDatum(grid.start);
	args[3] = Float8GetDatum(grid.step);
	args[4] = Int32GetDatum((int32) grid.npoints);
	args[5] = PointerGetDatum(gs_pg_float8_array(mean, grid.npoints));
	args[6] = PointerGetDatum(gs_pg_float8_array(m2, grid.npoints));
	args[7] = TimestampTzGetDatum(at);
	args[8] = Float8GetDatum((double) gs_stats_halflife);

	SPI_connect();
	rc = SPI_execute_plan(upsert_plan(), args, NULL, false, 0);
	if (rc != SPI_OK_INSERT)
		elog(ERROR, "statistics upsert failed: %s", SPI_result_code_string(rc));
	SPI_finish();
}

/* gs_update_instrument_stats(instrument text, s spectrum, measured_at timestamptz) */
Datum
gs_pg_update_instrument_stats(PG_FUNCTION_ARGS)
{
	update_stats(PG_GETARG_TEXT_PP(0), PG_GETARG_SPECTRUM_P(1), NULL, PG_GETARG_TIMESTAMPTZ(2));
	PG_RETURN_VOID();
}

/*
 * gs_update_instrument_stats(instrument text, s spectrum, grid_start float8,
 *                            grid_step float8, grid_npoints int, measured_at timestamptz)
 */
Datum
gs_pg_update_instrument_stats_grid(PG_FUNCTION_ARGS)
{
	int32		npoints = PG_GETARG_INT32(4);
	gs_grid		grid = {PG_GETARG_FLOAT8(2), PG_GETARG_FLOAT8(3), npoints > 0 ? (size_t) npoints : 0};

	update_stats(PG_GETARG_TEXT_PP(0), PG_GETARG_SPECTRUM_P(1), &grid, PG_GETARG_TIMESTAMPTZ(5));
	PG_RETURN_VOID();
}
