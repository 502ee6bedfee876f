/*
 * axis_funcs.c — SQL functions that change a spectrum's axis: resampling,
 * unit conversion, cropping, polynomial calibration and alignment.
 */
#include "points.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "utils/array.h"
#include "utils/builtins.h"

#include "align.h"
#include "axis_ops.h"
#include "calibration.h"
#include "interp.h"

PG_FUNCTION_INFO_V1(gs_pg_resample);
PG_FUNCTION_INFO_V1(gs_pg_convert_axis);
PG_FUNCTION_INFO_V1(gs_pg_crop);
PG_FUNCTION_INFO_V1(gs_pg_calibrate_axis);
PG_FUNCTION_INFO_V1(gs_pg_fit_axis_calibration);
PG_FUNCTION_INFO_V1(gs_pg_align_shift);
PG_FUNCTION_INFO_V1(gs_pg_align);

/* The values of a float8[] without NULLs (one dimension, or empty). */
static const double *
float8_values(ArrayType *a, const char *name, size_t *n)
{
	if (ARR_NDIM(a) > 1 || array_contains_nulls(a))
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("%s must be a one-dimensional array without NULLs", name));
	*n = ARR_NDIM(a) == 0 ? 0 : (size_t) ArrayGetNItems(ARR_NDIM(a), ARR_DIMS(a));
	return (const double *) ARR_DATA_PTR(a);
}

/* gs_resample(s, start, stop, step, method, extrapolate) */
Datum
gs_pg_resample(PG_FUNCTION_ARGS)
{
	gs_pg_points pts;
	double		start = PG_GETARG_FLOAT8(1);
	double		stop = PG_GETARG_FLOAT8(2);
	double		step = PG_GETARG_FLOAT8(3);
	gs_interp_method method;
	gs_extrapolation extrap;
	size_t		m;
	double	   *xt,
			   *yt;
	gs_error	err;

	gs_pg_points_arg(fcinfo, 0, &pts);
	if (gs_interp_method_parse(gs_pg_text_arg(fcinfo, 4), &method, &err) != GS_OK ||
		gs_extrapolation_parse(gs_pg_text_arg(fcinfo, 5), &extrap, &err) != GS_OK ||
		gs_uniform_grid_count(start, stop, step, (size_t) gs_max_points, &m, &err) != GS_OK)
		gs_pg_report(&err);
	xt = palloc_extended(m * sizeof(double), MCXT_ALLOC_HUGE);
	yt = palloc_extended(m * sizeof(double), MCXT_ALLOC_HUGE);
	for (size_t k = 0; k < m; k++)
		xt[k] = start + step * (double) k;
	if (gs_interp(pts.x, pts.y, pts.n, method, extrap, xt, m, yt,
				  palloc_extended(gs_interp_scratch_size(pts.n), MCXT_ALLOC_HUGE), &err) != GS_OK)
		gs_pg_report(&err);
	for (size_t k = 0; k < m; k++)
		if (isnan(yt[k]))
			ereport(ERROR,
					errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					errmsg("resampling grid point %g lies outside the spectrum", xt[k]),
					errdetail("The spectrum spans %g to %g; a stored spectrum cannot hold NaN.",
							  pts.x[0], pts.x[pts.n - 1]),
					errhint("Use extrapolate => 'edge', or a grid inside the spectrum's range."));
	PG_RETURN_DATUM(gs_pg_spectrum_from_doubles(&pts.view, m, NULL, start, step, yt));
}

/* gs_convert_axis(s, unit) */
Datum
gs_pg_convert_axis(PG_FUNCTION_ARGS)
{
	gs_packed_spectrum *p = PG_GETARG_SPECTRUM_P(0);
	gs_spectrum_view v = gs_packed_view(p);
	char	   *unit_name = gs_pg_text_arg(fcinfo, 1);
	gs_unit		to;
	gs_packed_spectrum *out;
	double	   *x;
	float	   *y;
	size_t		size = gs_packed_size(v.n, true);
	gs_error	err;

	if (!gs_unit_parse(unit_name, strlen(unit_name), &to))
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("unknown axis unit \"%s\"", unit_name),
				errhint("Valid units are: %s.", gs_unit_names_list()));
	if (to == v.unit)
		PG_RETURN_POINTER(p);
	out = palloc_extended(size, MCXT_ALLOC_HUGE);
	gs_packed_init(out, to, v.n, true, 0, 0, v.laser_nm, &x, &y);
	if (gs_convert_axis(&v, to, x, y, &err) != GS_OK ||
		gs_packed_finish(out, &err) != GS_OK)
		gs_pg_report(&err);
	PG_RETURN_DATUM(gs_pg_spectrum_datum(out, size));
}

/* gs_crop(s, lo, hi) */
Datum
gs_pg_crop(PG_FUNCTION_ARGS)
{
	gs_spectrum_view v = gs_packed_view(PG_GETARG_SPECTRUM_P(0));
	size_t		first,
				count;
	gs_error	err;
	double	   *y;

	if (gs_crop_range(&v, PG_GETARG_FLOAT8(1), PG_GETARG_FLOAT8(2), &first, &count, &err) != GS_OK)
		gs_pg_report(&err);
	y = palloc_extended(count * sizeof(double), MCXT_ALLOC_HUGE);
	for (size_t i = 0; i < count; i++)
		y[i] = v.y[first + i];
	PG_RETURN_DATUM(gs_pg_spectrum_from_doubles(&v, count, v.x ? v.x + first : NULL,
												v.start + v.step * (double) first, v.step, y));
}

/* gs_calibrate_axis(s, coeffs float8[]) */
Datum
gs_pg_calibrate_axis(PG_FUNCTION_ARGS)
{
	gs_spectrum_view v = gs_packed_view(PG_GETARG_SPECTRUM_P(0));
	size_t		ncoeffs;
	const double *coeffs = float8_values(PG_GETARG_ARRAYTYPE_P(1), "coeffs", &ncoeffs);
	size_t		size = gs_packed_size(v.n, true);
	gs_packed_spectrum *out = palloc_extended(size, MCXT_ALLOC_HUGE);
	double	   *x;
	float	   *y;
	gs_error	err;

	gs_packed_init(out, v.unit, v.n, true, 0, 0, v.laser_nm, &x, &y);
	if (gs_calibrate_axis(&v, coeffs, ncoeffs, x, y, &err) != GS_OK ||
		gs_packed_finish(out, &err) != GS_OK)
		gs_pg_report(&err);
	PG_RETURN_DATUM(gs_pg_spectrum_datum(out, size));
}

/* gs_fit_axis_calibration(measured float8[], reference float8[], degree int) */
Datum
gs_pg_fit_axis_calibration(PG_FUNCTION_ARGS)
{
	size_t		nm,
				nr;
	const double *measured = float8_values(PG_GETARG_ARRAYTYPE_P(0), "measured", &nm);
	const double *reference = float8_values(PG_GETARG_ARRAYTYPE_P(1), "reference", &nr);
	int			degree = PG_GETARG_INT32(2);
	double		coeffs[GS_CALIBRATION_MAX_DEGREE + 1];
	Datum		elems[GS_CALIBRATION_MAX_DEGREE + 1];
	gs_error	err;

	if (nm != nr)
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("measured and reference have different lengths"),
				errdetail("measured has %zu positions and reference has %zu.", nm, nr));
	if (degree < 0 || degree > GS_CALIBRATION_MAX_DEGREE)
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("degree must be between 0 and %d", GS_CALIBRATION_MAX_DEGREE));
	if (gs_fit_axis_calibration(measured, reference, nm, degree, coeffs,
								palloc(gs_fit_axis_calibration_scratch_size(nm, degree)), &err) != GS_OK)
		gs_pg_report(&err);
	for (int k = 0; k <= degree; k++)
		elems[k] = Float8GetDatum(coeffs[k]);
	PG_RETURN_ARRAYTYPE_P(construct_array(elems, degree + 1, FLOAT8OID, sizeof(double),
										  FLOAT8PASSBYVAL, TYPALIGN_DOUBLE));
}

/*
 * One FFTW workspace per backend: plans are made once per correlation length
 * and reused by every later call of that length.
 */
static gs_align_workspace align_ws;
static bool align_ws_ready;

static double
align_shift_args(FunctionCallInfo fcinfo, gs_spectrum_view *s)
{
	gs_spectrum_view ref;
	double		max_shift = PG_ARGISNULL(2) ? NAN : PG_GETARG_FLOAT8(2);
	double		shift;
	gs_error	err;

	*s = gs_packed_view(PG_GETARG_SPECTRUM_P(0));
	ref = gs_packed_view(PG_GETARG_SPECTRUM_P(1));
	if (!align_ws_ready)
	{
		gs_align_workspace_init(&align_ws);
		align_ws_ready = true;
	}
	if (gs_align_shift(s, &ref, max_shift, &align_ws, &shift, &err) != GS_OK)
		gs_pg_report(&err);
	return shift;
}

/* gs_align_shift(s, reference, max_shift DEFAULT NULL): what to add to s's axis */
Datum
gs_pg_align_shift(PG_FUNCTION_ARGS)
{
	gs_spectrum_view s;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(align_shift_args(fcinfo, &s));
}

/* gs_align(s, reference, max_shift DEFAULT NULL): s with its axis shifted onto the reference */
Datum
gs_pg_align(PG_FUNCTION_ARGS)
{
	gs_spectrum_view s;
	double		shift;
	double	   *x = NULL;
	double	   *y;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		PG_RETURN_NULL();
	shift = align_shift_args(fcinfo, &s);
	y = palloc_extended(s.n * sizeof(double), MCXT_ALLOC_HUGE);
	for (size_t i = 0; i < s.n; i++)
		y[i] = s.y[i];
	if (s.x)
	{
		x = palloc_extended(s.n * sizeof(double), MCXT_ALLOC_HUGE);
		for (size_t i = 0; i < s.n; i++)
			x[i] = s.x[i] + shift;
	}
	PG_RETURN_DATUM(gs_pg_spectrum_from_doubles(&s, s.n, x, s.start + shift, s.step, y));
}
