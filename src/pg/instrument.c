/*
 * instrument.c — reading the instrument registry through SPI, and the array
 * check its table constraints use.
 */
#include "instrument.h"

#include <math.h>

#include "access/genam.h"
#include "access/htup_details.h"
#include "access/table.h"
#include "catalog/pg_extension.h"
#include "catalog/pg_type.h"
#include "commands/extension.h"
#include "executor/spi.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/fmgroids.h"
#include "utils/lsyscache.h"

PG_FUNCTION_INFO_V1(gs_pg_all_finite);

/* pg_extension.extnamespace of geospectra (PostgreSQL 15 exports no accessor). */
static Oid
extension_schema(void)
{
	Oid			ext = get_extension_oid("geospectra", false);
	Relation	rel = table_open(ExtensionRelationId, AccessShareLock);
	ScanKeyData key;
	SysScanDesc scan;
	HeapTuple	tup;
	Oid			schema;

	ScanKeyInit(&key, Anum_pg_extension_oid, BTEqualStrategyNumber, F_OIDEQ,
				ObjectIdGetDatum(ext));
	scan = systable_beginscan(rel, ExtensionOidIndexId, true, NULL, 1, &key);
	tup = systable_getnext(scan);
	if (!HeapTupleIsValid(tup))
		elog(ERROR, "extension geospectra has no pg_extension row");
	schema = ((Form_pg_extension) GETSTRUCT(tup))->extnamespace;
	systable_endscan(scan);
	table_close(rel, AccessShareLock);
	return schema;
}

char *
gs_pg_qualified_name(const char *name)
{
	return quote_qualified_identifier(get_namespace_name(extension_schema()), name);
}

/* The float8 values of a NULL-free array as a palloc'd copy. */
static double *
float8_values(Datum d, int *n)
{
	ArrayType  *a = DatumGetArrayTypeP(d);
	int			count = ArrayGetNItems(ARR_NDIM(a), ARR_DIMS(a));
	double	   *v = palloc(Max(count, 1) * sizeof(double));

	/* the table's CHECKs rule out NULLs; this guards a bypassed constraint */
	if (ARR_ELEMTYPE(a) != FLOAT8OID || array_contains_nulls(a))
		elog(ERROR, "instrument array column is not a NULL-free float8[]");
	memcpy(v, ARR_DATA_PTR(a), count * sizeof(double));
	*n = count;
	return v;
}

static double
float8_or_nan(HeapTuple tup, TupleDesc desc, int col)
{
	bool		isnull;
	Datum		d = SPI_getbinval(tup, desc, col, &isnull);

	return isnull ? NAN : DatumGetFloat8(d);
}

bool
gs_pg_instrument_fetch(const char *id, gs_pg_instrument *inst, bool missing_ok)
{
	MemoryContext caller = CurrentMemoryContext;
	char	   *query = psprintf("SELECT modality, axis_unit, laser_nm, range_lo, range_hi, resolution, "
								 "transfer_matrix, axis_calibration, spec FROM %s WHERE id = $1",
								 gs_pg_qualified_name("gs_instrument"));
	Oid			argtypes[1] = {TEXTOID};
	Datum		args[1] = {CStringGetTextDatum(id)};
	HeapTuple	tup;
	TupleDesc	desc;
	bool		isnull;
	Datum		d;
	char	   *unit;

	SPI_connect();
	if (SPI_execute_with_args(query, 1, argtypes, args, NULL, true, 1) != SPI_OK_SELECT)
		elog(ERROR, "SPI_execute_with_args failed reading gs_instrument");
	if (SPI_processed == 0)
	{
		SPI_finish();
		if (missing_ok)
			return false;
		ereport(ERROR,
				errcode(ERRCODE_UNDEFINED_OBJECT),
				errmsg("instrument \"%s\" does not exist", id),
				errhint("Register it with INSERT INTO gs_instrument (id, modality, axis_unit, range_lo, range_hi, ...)."));
	}
	tup = SPI_tuptable->vals[0];
	desc = SPI_tuptable->tupdesc;

	/* everything handed back lives in the caller's context, past SPI_finish */
	MemoryContextSwitchTo(caller);
	memset(inst, 0, sizeof(*inst));
	inst->id = pstrdup(id);
	inst->modality = SPI_getvalue(tup, desc, 1);
	unit = SPI_getvalue(tup, desc, 2);
	if (!gs_unit_parse(unit, strlen(unit), &inst->axis_unit))
		elog(ERROR, "instrument \"%s\" has unknown axis unit \"%s\"", id, unit);
	inst->laser_nm = float8_or_nan(tup, desc, 3);
	inst->range_lo = float8_or_nan(tup, desc, 4);
	inst->range_hi = float8_or_nan(tup, desc, 5);
	inst->resolution = float8_or_nan(tup, desc, 6);
	d = SPI_getbinval(tup, desc, 7, &isnull);
	if (!isnull)
	{
		int			n;
		double	   *m = float8_values(d, &n);

		if (n != 9)
			elog(ERROR, "instrument \"%s\" has a transfer matrix of %d values", id, n);
		memcpy(inst->transfer_matrix, m, sizeof(inst->transfer_matrix));
		inst->has_transfer_matrix = true;
	}
	d = SPI_getbinval(tup, desc, 8, &isnull);
	if (!isnull)
		inst->axis_calibration = float8_values(d, &inst->n_axis_calibration);
	d = SPI_getbinval(tup, desc, 9, &isnull);
	if (isnull)					/* the column is NOT NULL */
		elog(ERROR, "instrument \"%s\" has no spec", id);
	inst->spec = DatumGetJsonbPCopy(d);
	SPI_finish();
	return true;
}

void
gs_pg_instrument_check_spectrum(const gs_pg_instrument *inst, const gs_spectrum_view *s)
{
	double		lo = gs_view_xmin(s),
				hi = gs_view_xmax(s),
				tol = 1e-9 * (inst->range_hi - inst->range_lo);

	if (s->unit != inst->axis_unit)
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("spectrum is in %s but instrument \"%s\" measures in %s",
					   gs_unit_name(s->unit), inst->id, gs_unit_name(inst->axis_unit)),
				errhint("Convert the axis first with gs_convert_axis(s, '%s').",
						gs_unit_name(inst->axis_unit)));
	if (lo < inst->range_lo - tol || hi > inst->range_hi + tol)
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("spectrum lies outside the range of instrument \"%s\"", inst->id),
				errdetail("The spectrum spans %g to %g %s; the instrument covers %g to %g.",
						  lo, hi, gs_unit_name(s->unit), inst->range_lo, inst->range_hi),
				errhint("Crop the spectrum to the instrument's range, or correct range_lo and range_hi in gs_instrument."));
}

/*
 * gs_all_finite(a float8[], lower_bound float8) — no NULL, NaN or infinity,
 * and no value below lower_bound: the row checks of the instrument tables.
 */
Datum
gs_pg_all_finite(PG_FUNCTION_ARGS)
{
	ArrayType  *a = PG_GETARG_ARRAYTYPE_P(0);
	double		lower = PG_GETARG_FLOAT8(1);
	int			n = ArrayGetNItems(ARR_NDIM(a), ARR_DIMS(a));
	const double *v = (const double *) ARR_DATA_PTR(a);

	if (ARR_ELEMTYPE(a) != FLOAT8OID)
		elog(ERROR, "gs_all_finite: unexpected array element type %u", ARR_ELEMTYPE(a));
	if (array_contains_nulls(a))
		PG_RETURN_BOOL(false);
	for (int i = 0; i < n; i++)
		if (!isfinite(v[i]) || v[i] < lower)
			PG_RETURN_BOOL(false);
	PG_RETURN_BOOL(true);
}
