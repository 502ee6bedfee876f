/*
 * stats.c — the gs_stats composite, float8[] conversion and the GUCs of the
 * statistics library.
 */
#include "stats.h"

#include <limits.h>
#include <math.h>

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "executor/executor.h"
#include "funcapi.h"
#include "utils/builtins.h"
#include "utils/guc.h"

int			gs_stats_halflife = 0;
int			gs_drift_reference_days = 7;

void
gs_pg_stats_define_gucs(void)
{
	DefineCustomIntVariable("geospectra.stats_halflife",
							"Half-life of the exponential forgetting of instrument statistics.",
							"gs_update_instrument_stats weighs a spectrum by 2^(-age / half-life); 0 keeps every spectrum at weight 1.",
							&gs_stats_halflife,
							0, 0, INT_MAX,
							PGC_USERSET, GUC_UNIT_S,
							NULL, NULL, NULL);
	DefineCustomIntVariable("geospectra.drift_reference_days",
							"Days at the start of an instrument's history that form the drift reference.",
							"The views gs_instrument_drift and gs_instrument_stability compare each day with these days pooled.",
							&gs_drift_reference_days,
							7, 1, 36500,
							PGC_USERSET, 0,
							NULL, NULL, NULL);
}

ArrayType *
gs_pg_float8_array(const double *v, size_t n)
{
	size_t		bytes = ARR_OVERHEAD_NONULLS(1) + n * sizeof(double);
	ArrayType  *a = palloc_extended(bytes, MCXT_ALLOC_HUGE);

	SET_VARSIZE(a, bytes);
	a->ndim = 1;
	a->dataoffset = 0;
	a->elemtype = FLOAT8OID;
	ARR_DIMS(a)[0] = (int) n;
	ARR_LBOUND(a)[0] = 1;
	memcpy(ARR_DATA_PTR(a), v, n * sizeof(double));
	return a;
}

double *
gs_pg_float8_values(ArrayType *a, size_t expected, const char *what)
{
	size_t		n = ARR_NDIM(a) == 0 ? 0 : (size_t) ArrayGetNItems(ARR_NDIM(a), ARR_DIMS(a));

	if (ARR_ELEMTYPE(a) != FLOAT8OID)
		elog(ERROR, "%s: unexpected array element type %u", what, ARR_ELEMTYPE(a));
	if (ARR_NDIM(a) > 1 || n != expected || array_contains_nulls(a))
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("%s must be a one-dimensional float8[] of %zu values without NULLs", what, expected),
				errdetail("It has %zu values in %d dimensions%s.", n, ARR_NDIM(a),
						  array_contains_nulls(a) ? ", some NULL" : ""));
	return (double *) ARR_DATA_PTR(a);
}

Datum
gs_pg_stats_datum(FunctionCallInfo fcinfo, const gs_pg_stats *s)
{
	TupleDesc	desc;
	Datum		values[7];
	bool		nulls[7] = {0};

	if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "function returning gs_stats called in a context that cannot accept it");
	desc = BlessTupleDesc(desc);
	values[0] = CStringGetTextDatum(gs_unit_name(s->unit));
	values[1] = Float8GetDatum(s->grid.start);
	values[2] = Float8GetDatum(s->grid.step);
	values[3] = Int32GetDatum((int32) s->grid.npoints);
	values[4] = Float8GetDatum(s->st.n);
	values[5] = PointerGetDatum(gs_pg_float8_array(s->st.mean, s->st.npoints));
	values[6] = PointerGetDatum(gs_pg_float8_array(s->st.m2, s->st.npoints));
	return HeapTupleGetDatum(heap_form_tuple(desc, values, nulls));
}

static Datum
attribute(HeapTupleHeader rec, int attno, const char *what, const char *field)
{
	bool		isnull;
	Datum		d = GetAttributeByNum(rec, attno, &isnull);

	if (isnull)
		ereport(ERROR,
				errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				errmsg("%s has no %s", what, field));
	return d;
}

void
gs_pg_stats_read(HeapTupleHeader rec, const char *what, gs_pg_stats *s)
{
	text	   *unit = DatumGetTextPP(attribute(rec, 1, what, "grid_unit"));
	int32		npoints = DatumGetInt32(attribute(rec, 4, what, "grid_npoints"));
	gs_error	err;

	if (!gs_unit_parse(VARDATA_ANY(unit), VARSIZE_ANY_EXHDR(unit), &s->unit))
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("%s has unknown grid unit \"%s\"", what, text_to_cstring(unit)),
				errhint("Valid units are: %s.", gs_unit_names_list()));
	s->grid.start = DatumGetFloat8(attribute(rec, 2, what, "grid_start"));
	s->grid.step = DatumGetFloat8(attribute(rec, 3, what, "grid_step"));
	s->grid.npoints = npoints > 0 ? (size_t) npoints : 0;
	if (gs_grid_check(&s->grid, &err) != GS_OK)
		gs_pg_report(&err);
	s->st.npoints = s->grid.npoints;
	s->st.n = DatumGetFloat8(attribute(rec, 5, what, "n"));
	s->st.mean = gs_pg_float8_values(DatumGetArrayTypeP(attribute(rec, 6, what, "mean")),
									 s->grid.npoints, "mean");
	s->st.m2 = gs_pg_float8_values(DatumGetArrayTypeP(attribute(rec, 7, what, "m2")),
								   s->grid.npoints, "m2");
	if (gs_rstats_check(&s->st, &err) != GS_OK)
		gs_pg_report(&err);
}
