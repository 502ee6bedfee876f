/*
 * stats_drift.c — gs_stats_drift: how far one day's statistics moved from a
 * reference block (running_stats.h gives the formulas); the drift views are
 * built on it.
 */
#include "stats.h"

#include "access/htup_details.h"
#include "funcapi.h"

PG_FUNCTION_INFO_V1(gs_pg_stats_drift);

/* gs_stats_drift(day gs_stats, reference gs_stats, OUT mean_shift float8, OUT sigma_shift float8) */
Datum
gs_pg_stats_drift(PG_FUNCTION_ARGS)
{
	gs_pg_stats day,
				ref;
	TupleDesc	desc;
	Datum		values[2];
	bool		nulls[2] = {0};
	double		mean_shift,
				sigma_shift;

	gs_pg_stats_read(PG_GETARG_HEAPTUPLEHEADER(0), "day statistics", &day);
	gs_pg_stats_read(PG_GETARG_HEAPTUPLEHEADER(1), "reference statistics", &ref);
	if (day.unit != ref.unit || !gs_grid_equal(&day.grid, &ref.grid))
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("drift needs two statistics blocks on the same grid"),
				errdetail("The day is on %s %.17g + %.17g·i, %zu points; the reference on %s %.17g + %.17g·i, %zu points.",
						  gs_unit_name(day.unit), day.grid.start, day.grid.step, day.grid.npoints,
						  gs_unit_name(ref.unit), ref.grid.start, ref.grid.step, ref.grid.npoints));
	gs_rstats_drift(&day.st, &ref.st, &mean_shift, &sigma_shift);
	if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "gs_stats_drift must return a record");
	desc = BlessTupleDesc(desc);
	values[0] = Float8GetDatum(mean_shift);
	values[1] = Float8GetDatum(sigma_shift);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(desc, values, nulls)));
}
