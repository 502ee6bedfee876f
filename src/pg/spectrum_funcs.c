/*
 * spectrum_funcs.c — constructors and accessors of the spectrum type.
 */
#include "gs_pg.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"

PG_FUNCTION_INFO_V1(gs_pg_spectrum_explicit);
PG_FUNCTION_INFO_V1(gs_pg_spectrum_uniform);
PG_FUNCTION_INFO_V1(gs_pg_npoints);
PG_FUNCTION_INFO_V1(gs_pg_x);
PG_FUNCTION_INFO_V1(gs_pg_y);
PG_FUNCTION_INFO_V1(gs_pg_unit);
PG_FUNCTION_INFO_V1(gs_pg_range);
PG_FUNCTION_INFO_V1(gs_pg_laser_nm);
PG_FUNCTION_INFO_V1(gs_pg_is_uniform);

/*
 * The values of a one-dimensional array without NULLs, in place.  Empty
 * arrays give n = 0 and are rejected later with the other size checks.
 */
static const void *
array_values(ArrayType *a, Oid elemtype, const char *name, size_t *n)
{
	if (ARR_ELEMTYPE(a) != elemtype)
		elog(ERROR, "%s: unexpected array element type %u", name, ARR_ELEMTYPE(a));
	if (ARR_NDIM(a) > 1)
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("%s must be a one-dimensional array", name));
	if (array_contains_nulls(a))
		ereport(ERROR,
				errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				errmsg("%s must not contain NULL values", name),
				errhint("Drop missing points; an explicit x axis may have gaps."));
	*n = ARR_NDIM(a) == 0 ? 0 : (size_t) ArrayGetNItems(ARR_NDIM(a), ARR_DIMS(a));
	return ARR_DATA_PTR(a);
}

static gs_unit
unit_arg(text *t)
{
	gs_unit		unit;

	if (!gs_unit_parse(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t), &unit))
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("unknown axis unit \"%s\"", text_to_cstring(t)),
				errhint("Valid units are: %s.", gs_unit_names_list()));
	return unit;
}

static Datum
build(gs_unit unit, size_t n, const double *xin, double start, double step,
	  const float *yin, double laser_nm)
{
	gs_packed_spectrum *p;
	size_t		size;
	double	   *x;
	float	   *y;
	gs_error	err;

	if (gs_check_npoints(n, (size_t) gs_max_points, &err) != GS_OK)
		gs_pg_report(&err);
	size = gs_packed_size(n, xin != NULL);
	p = palloc_extended(size, MCXT_ALLOC_HUGE);
	gs_packed_init(p, unit, n, xin != NULL, start, step, laser_nm, &x, &y);
	if (x)
		memcpy(x, xin, n * sizeof(double));
	memcpy(y, yin, n * sizeof(float));
	if (gs_packed_finish(p, &err) != GS_OK)
		gs_pg_report(&err);
	return gs_pg_spectrum_datum(p, size);
}

/* gs_spectrum(x float8[], y float4[], unit text [, laser_nm float8]) */
Datum
gs_pg_spectrum_explicit(PG_FUNCTION_ARGS)
{
	size_t		nx,
				ny;
	const double *x = array_values(PG_GETARG_ARRAYTYPE_P(0), FLOAT8OID, "x", &nx);
	const float *y = array_values(PG_GETARG_ARRAYTYPE_P(1), FLOAT4OID, "y", &ny);
	gs_unit		unit = unit_arg(PG_GETARG_TEXT_PP(2));
	double		laser = PG_NARGS() > 3 ? PG_GETARG_FLOAT8(3) : NAN;

	if (nx != ny)
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("x and y have different lengths"),
				errdetail("x has %zu values and y has %zu.", nx, ny));
	if (PG_NARGS() > 3 && isnan(laser))
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("laser_nm must be a positive finite number, not NaN"));
	return build(unit, ny, x, 0, 0, y, laser);
}

/* gs_spectrum(start float8, step float8, y float4[], unit text [, laser_nm float8]) */
Datum
gs_pg_spectrum_uniform(PG_FUNCTION_ARGS)
{
	size_t		ny;
	double		start = PG_GETARG_FLOAT8(0);
	double		step = PG_GETARG_FLOAT8(1);
	const float *y = array_values(PG_GETARG_ARRAYTYPE_P(2), FLOAT4OID, "y", &ny);
	gs_unit		unit = unit_arg(PG_GETARG_TEXT_PP(3));
	double		laser = PG_NARGS() > 4 ? PG_GETARG_FLOAT8(4) : NAN;

	if (PG_NARGS() > 4 && isnan(laser))
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("laser_nm must be a positive finite number, not NaN"));
	return build(unit, ny, NULL, start, step, y, laser);
}

/* Accessors of header fields read only the first bytes of a toasted value. */
static gs_packed_spectrum *
header_arg(FunctionCallInfo fcinfo)
{
	return (gs_packed_spectrum *) PG_DETOAST_DATUM_SLICE(PG_GETARG_DATUM(0), 0,
														   GS_PACKED_HEADER_SIZE);
}

Datum
gs_pg_npoints(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(header_arg(fcinfo)->n);
}

Datum
gs_pg_unit(PG_FUNCTION_ARGS)
{
	PG_RETURN_TEXT_P(cstring_to_text(gs_unit_name((gs_unit) header_arg(fcinfo)->unit)));
}

Datum
gs_pg_laser_nm(PG_FUNCTION_ARGS)
{
	gs_packed_spectrum *p = header_arg(fcinfo);

	if (!(p->flags & GS_FLAG_LASER))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(p->laser_nm);
}

Datum
gs_pg_is_uniform(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(!(header_arg(fcinfo)->flags & GS_FLAG_EXPLICIT_X));
}

/* A one-dimensional array of n fixed-size elements, copied from src when given. */
static ArrayType *
new_array(Oid elemtype, size_t elemsize, const void *src, size_t n)
{
	size_t		bytes = ARR_OVERHEAD_NONULLS(1) + n * elemsize;
	ArrayType  *a = palloc_extended(bytes, MCXT_ALLOC_HUGE);

	SET_VARSIZE(a, bytes);
	a->ndim = 1;
	a->dataoffset = 0;
	a->elemtype = elemtype;
	ARR_DIMS(a)[0] = (int) n;
	ARR_LBOUND(a)[0] = 1;
	if (src)
		memcpy(ARR_DATA_PTR(a), src, n * elemsize);
	return a;
}

Datum
gs_pg_x(PG_FUNCTION_ARGS)
{
	gs_spectrum_view v = gs_packed_view(PG_GETARG_SPECTRUM_P(0));
	ArrayType  *a = new_array(FLOAT8OID, sizeof(double), v.x, v.n);

	if (!v.x)
	{
		double	   *out = (double *) ARR_DATA_PTR(a);

		for (size_t i = 0; i < v.n; i++)
			out[i] = gs_view_x(&v, i);
	}
	PG_RETURN_ARRAYTYPE_P(a);
}

Datum
gs_pg_y(PG_FUNCTION_ARGS)
{
	gs_spectrum_view v = gs_packed_view(PG_GETARG_SPECTRUM_P(0));

	PG_RETURN_ARRAYTYPE_P(new_array(FLOAT4OID, sizeof(float), v.y, v.n));
}

Datum
gs_pg_range(PG_FUNCTION_ARGS)
{
	gs_spectrum_view v = gs_packed_view(PG_GETARG_SPECTRUM_P(0));
	double		r[2] = {gs_view_xmin(&v), gs_view_xmax(&v)};

	PG_RETURN_ARRAYTYPE_P(new_array(FLOAT8OID, sizeof(double), r, 2));
}
