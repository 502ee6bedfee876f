/*
 * instrument_normalize.c — gs_instrument_normalize: the instrument-adaptive
 * normalization of S8 with μ and σ from the instrument's statistics.
 *
 * Which statistics: among the instrument's blocks in the spectrum's unit,
 * the one on the spectrum's own grid if there is one, else the one with the
 * largest n whose grid the spectrum covers.  The spectrum is sampled onto
 * that grid linearly and the result is on that grid.
 */
#include "stats.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "utils/builtins.h"

#include "instrument.h"

PG_FUNCTION_INFO_V1(gs_pg_instrument_normalize);

/* Whether the spectrum's axis spans the whole grid (same tolerance as sampling). */
static bool
covers(const gs_spectrum_view *v, const gs_grid *g)
{
	double		lo = gs_view_xmin(v),
				hi = gs_view_xmax(v),
				tol = 1e-9 * fmax(hi - lo, fmax(fabs(lo), fabs(hi)) * 1e-6);

	return gs_grid_x(g, 0) >= lo - tol && gs_grid_x(g, g->npoints - 1) <= hi + tol;
}

/* The statistics block to normalize v with, copied into the caller's context. */
static void
fetch_stats(const gs_pg_instrument *inst, const gs_spectrum_view *v, gs_pg_stats *out)
{
	MemoryContext caller = CurrentMemoryContext;
	char	   *query = psprintf("SELECT grid_start, grid_step, grid_npoints, n, mean, m2 FROM %s"
								 " WHERE instrument = $1 AND grid_unit = $2"
								 " ORDER BY n DESC, grid_start, grid_step, grid_npoints",
								 gs_pg_qualified_name("gs_instrument_stats"));
	Oid			types[2] = {TEXTOID, TEXTOID};
	Datum		args[2] = {CStringGetTextDatum(inst->id), CStringGetTextDatum(gs_unit_name(v->unit))};
	gs_grid		own = {v->start, v->step, v->n};
	int64		chosen = -1;
	bool		isnull;
	TupleDesc	desc;

	SPI_connect();
	if (SPI_execute_with_args(query, 2, types, args, NULL, true, 0) != SPI_OK_SELECT)
		elog(ERROR, "SPI_execute_with_args failed reading gs_instrument_stats");
	desc = SPI_tuptable->tupdesc;
	for (uint64 r = 0; r < SPI_processed; r++)
	{
		HeapTuple	tup = SPI_tuptable->vals[r];
		gs_grid		g = {DatumGetFloat8(SPI_getbinval(tup, desc, 1, &isnull)),
			DatumGetFloat8(SPI_getbinval(tup, desc, 2, &isnull)),
		(size_t) DatumGetInt32(SPI_getbinval(tup, desc, 3, &isnull))};

		if (!v->x && gs_grid_equal(&g, &own))
		{
			chosen = (int64) r;
			break;
		}
		if (chosen < 0 && covers(v, &g))
			chosen = (int64) r;
	}
	if (chosen < 0)
	{
		bool		none = SPI_processed == 0;

		SPI_finish();
		if (none)
			ereport(ERROR,
					errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
					errmsg("instrument \"%s\" has no statistics in %s", inst->id, gs_unit_name(v->unit)),
					errhint("Build them with gs_update_instrument_stats(instrument, s) for each of its spectra."));
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("spectrum does not cover any statistics grid of instrument \"%s\"", inst->id),
				errdetail("The spectrum spans %g to %g %s.", gs_view_xmin(v), gs_view_xmax(v), gs_unit_name(v->unit)),
				errhint("The grids are listed in gs_instrument_stats."));
	}
	{
		HeapTuple	tup = SPI_tuptable->vals[chosen];

		MemoryContextSwitchTo(caller);
		out->unit = v->unit;
		out->grid.start = DatumGetFloat8(SPI_getbinval(tup, desc, 1, &isnull));
		out->grid.step = DatumGetFloat8(SPI_getbinval(tup, desc, 2, &isnull));
		out->grid.npoints = (size_t) DatumGetInt32(SPI_getbinval(tup, desc, 3, &isnull));
		out->st.npoints = out->grid.npoints;
		out->st.n = DatumGetFloat8(SPI_getbinval(tup, desc, 4, &isnull));
		out->st.mean = gs_pg_float8_values(DatumGetArrayTypePCopy(SPI_getbinval(tup, desc, 5, &isnull)),
										   out->grid.npoints, "mean");
		out->st.m2 = gs_pg_float8_values(DatumGetArrayTypePCopy(SPI_getbinval(tup, desc, 6, &isnull)),
										 out->grid.npoints, "m2");
	}
	SPI_finish();
}

/* gs_instrument_normalize(s spectrum, instrument text, model text DEFAULT NULL) */
Datum
gs_pg_instrument_normalize(PG_FUNCTION_ARGS)
{
	gs_spectrum_view v;
	gs_pg_instrument inst;
	gs_pg_stats stats;
	gs_packed_spectrum *p;
	double	   *x,
			   *norm,
			   *no_x;
	float	   *y;
	size_t		size;
	gs_error	err;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		PG_RETURN_NULL();
	if (!PG_ARGISNULL(2))
		ereport(ERROR,
				errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				errmsg("normalization with the learned gamma and beta of model \"%s\" is not yet available",
					   text_to_cstring(PG_GETARG_TEXT_PP(2))),
				errhint("Call gs_instrument_normalize(s, instrument) without a model: it uses gamma = 1 and beta = 0."));
	v = gs_packed_view(PG_GETARG_SPECTRUM_P(0));
	gs_pg_instrument_fetch(text_to_cstring(PG_GETARG_TEXT_PP(1)), &inst, false);
	gs_pg_instrument_check_spectrum(&inst, &v);
	fetch_stats(&inst, &v, &stats);
	if (gs_rstats_check(&stats.st, &err) != GS_OK)
	{
		gs_error_hint(&err, "The statistics of instrument \"%s\" are damaged; rebuild them from its spectra.", inst.id);
		gs_pg_report(&err);
	}

	x = palloc_extended(2 * stats.grid.npoints * sizeof(double), MCXT_ALLOC_HUGE);
	norm = x + stats.grid.npoints;
	if (gs_grid_sample(&v, &stats.grid, x,
					   palloc_extended(gs_grid_sample_scratch_size(v.n, &stats.grid), MCXT_ALLOC_HUGE),
					   &err) != GS_OK)
		gs_pg_report(&err);
	gs_rstats_normalize(&stats.st, x, 1, 0, norm);

	size = gs_packed_size(stats.grid.npoints, false);
	p = palloc_extended(size, MCXT_ALLOC_HUGE);
	gs_packed_init(p, v.unit, stats.grid.npoints, false, stats.grid.start, stats.grid.step,
				   v.has_laser ? v.laser_nm : NAN, &no_x, &y);
	for (size_t i = 0; i < stats.grid.npoints; i++)
		y[i] = (float) norm[i];
	if (gs_packed_finish(p, &err) != GS_OK)
		gs_pg_report(&err);
	PG_RETURN_DATUM(gs_pg_spectrum_datum(p, size));
}
