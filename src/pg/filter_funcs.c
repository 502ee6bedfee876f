/*
 * filter_funcs.c — SQL functions that change a spectrum's values on the same
 * axis: Savitzky-Golay, derivatives, despiking, normalization, wavelet
 * denoising, intensity correction; and the SNR estimates.
 */
#include "points.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "utils/array.h"
#include "utils/builtins.h"

#include "denoise.h"
#include "derivative.h"
#include "despike.h"
#include "intensity.h"
#include "normalize.h"
#include "savgol.h"
#include "snr.h"

PG_FUNCTION_INFO_V1(gs_pg_savgol);
PG_FUNCTION_INFO_V1(gs_pg_derivative);
PG_FUNCTION_INFO_V1(gs_pg_despike);
PG_FUNCTION_INFO_V1(gs_pg_normalize);
PG_FUNCTION_INFO_V1(gs_pg_denoise);
PG_FUNCTION_INFO_V1(gs_pg_snr);
PG_FUNCTION_INFO_V1(gs_pg_snr_features);
PG_FUNCTION_INFO_V1(gs_pg_correct_intensity);
PG_FUNCTION_INFO_V1(gs_pg_fit_transfer_matrix);

static double *
new_values(size_t n)
{
	return palloc_extended(n * sizeof(double), MCXT_ALLOC_HUGE);
}

/* Spacing for filters that assume a uniform axis: the step, or the mean spacing of an explicit axis. */
static double
mean_spacing(const gs_pg_points *pts)
{
	if (!pts->view.x)
		return pts->view.step;
	return pts->n > 1 ? (pts->x[pts->n - 1] - pts->x[0]) / (double) (pts->n - 1) : 1.0;
}

/* gs_savgol(s, window, polyorder, deriv) */
Datum
gs_pg_savgol(PG_FUNCTION_ARGS)
{
	gs_pg_points pts;
	int32		window = PG_GETARG_INT32(1);
	int32		polyorder = PG_GETARG_INT32(2);
	int32		deriv = PG_GETARG_INT32(3);
	double	   *out;
	gs_error	err;

	gs_pg_points_arg(fcinfo, 0, &pts);
	if (window < 1 || window > gs_max_points)
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("window must be a positive odd number of points, not %d", window));
	out = new_values(pts.n);
	if (gs_savgol(pts.y, pts.n, (size_t) window, polyorder, deriv, mean_spacing(&pts), out,
				  palloc_extended(gs_savgol_scratch_size((size_t) window, polyorder), MCXT_ALLOC_HUGE),
				  &err) != GS_OK)
		gs_pg_report(&err);
	PG_RETURN_DATUM(gs_pg_spectrum_like(&pts, out));
}

/* gs_derivative(s, order) */
Datum
gs_pg_derivative(PG_FUNCTION_ARGS)
{
	gs_pg_points pts;
	double	   *out;
	gs_error	err;

	gs_pg_points_arg(fcinfo, 0, &pts);
	out = new_values(pts.n);
	if (gs_derivative(pts.x, pts.y, pts.n, PG_GETARG_INT32(1), out, new_values(pts.n), &err) != GS_OK)
		gs_pg_report(&err);
	PG_RETURN_DATUM(gs_pg_spectrum_like(&pts, out));
}

/* gs_despike(s, threshold, half_window, max_width) */
Datum
gs_pg_despike(PG_FUNCTION_ARGS)
{
	gs_pg_points pts;
	double	   *out;
	gs_error	err;

	gs_pg_points_arg(fcinfo, 0, &pts);
	out = new_values(pts.n);
	if (gs_despike(pts.y, pts.n, PG_GETARG_FLOAT8(1), PG_GETARG_INT32(2), PG_GETARG_INT32(3), out,
				   NULL, palloc_extended(gs_despike_scratch_size(pts.n), MCXT_ALLOC_HUGE), &err) != GS_OK)
		gs_pg_report(&err);
	PG_RETURN_DATUM(gs_pg_spectrum_like(&pts, out));
}

/* gs_normalize(s, method, peak_x DEFAULT NULL) */
Datum
gs_pg_normalize(PG_FUNCTION_ARGS)
{
	gs_pg_points pts;
	gs_norm_method method;
	double		peak_x;
	gs_error	err;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		PG_RETURN_NULL();
	gs_pg_points_arg(fcinfo, 0, &pts);
	if (gs_norm_method_parse(gs_pg_text_arg(fcinfo, 1), &method, &err) != GS_OK)
		gs_pg_report(&err);
	if (method == GS_NORM_PEAK && PG_ARGISNULL(2))
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("normalization \"peak\" needs peak_x"),
				errhint("Pass the axis position of the reference peak, e.g. gs_normalize(s, 'peak', 1085)."));
	peak_x = PG_ARGISNULL(2) ? NAN : PG_GETARG_FLOAT8(2);
	if (gs_normalize(pts.x, pts.y, pts.n, method, peak_x, pts.y, &err) != GS_OK)
		gs_pg_report(&err);
	PG_RETURN_DATUM(gs_pg_spectrum_like(&pts, pts.y));
}

/* gs_denoise(s, wavelet, level (NULL: automatic), rule, mode) */
Datum
gs_pg_denoise(PG_FUNCTION_ARGS)
{
	gs_pg_points pts;
	const gs_wavelet *wavelet;
	gs_threshold_rule rule;
	gs_threshold_mode mode;
	int			level;
	gs_error	err;

	for (int i = 0; i < 5; i++)
		if (i != 2 && PG_ARGISNULL(i))
			PG_RETURN_NULL();
	gs_pg_points_arg(fcinfo, 0, &pts);
	level = PG_ARGISNULL(2) ? 0 : PG_GETARG_INT32(2);
	if (!PG_ARGISNULL(2) && level < 1)
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("level must be at least 1, not %d", level),
				errhint("Pass NULL to choose the level from the SNR."));
	if (gs_wavelet_lookup(gs_pg_text_arg(fcinfo, 1), &wavelet, &err) != GS_OK ||
		gs_threshold_rule_parse(gs_pg_text_arg(fcinfo, 3), &rule, &err) != GS_OK ||
		gs_threshold_mode_parse(gs_pg_text_arg(fcinfo, 4), &mode, &err) != GS_OK ||
		gs_denoise(pts.y, pts.n, wavelet, level, rule, mode, pts.y,
				   palloc_extended(gs_denoise_work_size(pts.n, wavelet), MCXT_ALLOC_HUGE), NULL, &err) != GS_OK)
		gs_pg_report(&err);
	PG_RETURN_DATUM(gs_pg_spectrum_like(&pts, pts.y));
}

/* gs_snr(s): SNR in dB */
Datum
gs_pg_snr(PG_FUNCTION_ARGS)
{
	gs_pg_points pts;
	double		db;
	gs_error	err;

	gs_pg_points_arg(fcinfo, 0, &pts);
	if (gs_snr(pts.y, pts.n, palloc_extended(gs_snr_work_size(pts.n), MCXT_ALLOC_HUGE), &db, &err) != GS_OK)
		gs_pg_report(&err);
	PG_RETURN_FLOAT8(db);
}

/* gs_snr_features(s, windows int[]): SNR in dB after each moving-average window (S6) */
Datum
gs_pg_snr_features(PG_FUNCTION_ARGS)
{
	gs_pg_points pts;
	ArrayType  *wa = PG_GETARG_ARRAYTYPE_P(1);
	int			nwindows;
	double	   *features;
	Datum	   *elems;
	gs_error	err;

	gs_pg_points_arg(fcinfo, 0, &pts);
	if (ARR_NDIM(wa) != 1 || array_contains_nulls(wa) || ARR_ELEMTYPE(wa) != INT4OID)
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("windows must be a non-empty one-dimensional int[] without NULLs"));
	nwindows = ArrayGetNItems(1, ARR_DIMS(wa));
	features = palloc(nwindows * sizeof(double));
	elems = palloc(nwindows * sizeof(Datum));
	if (gs_snr_features(pts.y, pts.n, (const int *) ARR_DATA_PTR(wa), nwindows, features,
						palloc_extended(gs_snr_work_size(pts.n), MCXT_ALLOC_HUGE), &err) != GS_OK)
		gs_pg_report(&err);
	for (int i = 0; i < nwindows; i++)
		elems[i] = Float8GetDatum(features[i]);
	PG_RETURN_ARRAYTYPE_P(construct_array(elems, nwindows, FLOAT8OID, sizeof(double),
										  FLOAT8PASSBYVAL, TYPALIGN_DOUBLE));
}

/* The 3×3 matrix argument, row-major. */
void
gs_pg_matrix3_arg(ArrayType *a, double m[9])
{
	if (ARR_NDIM(a) != 2 || ARR_DIMS(a)[0] != 3 || ARR_DIMS(a)[1] != 3 || array_contains_nulls(a))
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("a transfer matrix must be a 3x3 float8 array without NULLs"),
				errhint("The identity is '{{0,1,0},{0,0,0},{0,0,0}}': m[1][2] = 1 in SQL's 1-based indexing."));
	memcpy(m, ARR_DATA_PTR(a), 9 * sizeof(double));
}

/* gs_correct_intensity(s, m float8[3][3], range_lo DEFAULT NULL, range_hi DEFAULT NULL) */
Datum
gs_pg_correct_intensity(PG_FUNCTION_ARGS)
{
	gs_pg_points pts;
	double		m[9];
	gs_error	err;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		PG_RETURN_NULL();
	gs_pg_points_arg(fcinfo, 0, &pts);
	gs_pg_matrix3_arg(PG_GETARG_ARRAYTYPE_P(1), m);
	if (gs_correct_intensity(pts.x, pts.y, pts.n, m,
							 PG_ARGISNULL(2) ? NAN : PG_GETARG_FLOAT8(2),
							 PG_ARGISNULL(3) ? NAN : PG_GETARG_FLOAT8(3), pts.y, &err) != GS_OK)
		gs_pg_report(&err);
	PG_RETURN_DATUM(gs_pg_spectrum_like(&pts, pts.y));
}

/*
 * gs_fit_transfer_matrix(measured spectrum[], certified spectrum[],
 *                        range_lo DEFAULT NULL, range_hi DEFAULT NULL)
 * Each certified spectrum is linearly interpolated onto its measured
 * partner's points inside its range; u is scaled over range_lo..range_hi
 * (the instrument's range), or over each pair's own range when NULL.
 */
Datum
gs_pg_fit_transfer_matrix(PG_FUNCTION_ARGS)
{
	ArrayType  *ma,
			   *ca;
	Datum	   *md,
			   *cd;
	bool	   *mnull,
			   *cnull;
	int			nm,
				nc;
	gs_intensity_pair *pairs;
	double		m[9];
	Datum		elems[9];
	int			dims[2] = {3, 3};
	int			lbs[2] = {1, 1};
	gs_error	err;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		PG_RETURN_NULL();
	ma = PG_GETARG_ARRAYTYPE_P(0);
	ca = PG_GETARG_ARRAYTYPE_P(1);
	deconstruct_array(ma, ARR_ELEMTYPE(ma), -1, false, TYPALIGN_DOUBLE, &md, &mnull, &nm);
	deconstruct_array(ca, ARR_ELEMTYPE(ca), -1, false, TYPALIGN_DOUBLE, &cd, &cnull, &nc);
	if (nm != nc || nm == 0)
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("measured and certified must be non-empty arrays of the same length"),
				errdetail("measured has %d spectra and certified has %d.", nm, nc));
	pairs = palloc(nm * sizeof(gs_intensity_pair));
	for (int k = 0; k < nm; k++)
	{
		gs_spectrum_view mv,
					cv;

		if (mnull[k] || cnull[k])
			ereport(ERROR,
					errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					errmsg("spectrum pair %d contains a NULL", k + 1));
		mv = gs_packed_view(DatumGetSpectrumP(md[k]));
		cv = gs_packed_view(DatumGetSpectrumP(cd[k]));
		if (gs_intensity_pair_from_spectra(&mv, &cv, palloc(mv.n * sizeof(double)),
										   palloc(mv.n * sizeof(double)), palloc(mv.n * sizeof(double)),
										   palloc(gs_intensity_pair_scratch_size(&mv, &cv)),
										   &pairs[k], &err) != GS_OK)
			gs_pg_report(&err);
	}
	if (gs_fit_transfer_matrix(pairs, (size_t) nm,
							   PG_ARGISNULL(2) ? NAN : PG_GETARG_FLOAT8(2),
							   PG_ARGISNULL(3) ? NAN : PG_GETARG_FLOAT8(3), m, &err) != GS_OK)
		gs_pg_report(&err);
	for (int i = 0; i < 9; i++)
		elems[i] = Float8GetDatum(m[i]);
	PG_RETURN_ARRAYTYPE_P(construct_md_array(elems, NULL, 2, dims, lbs, FLOAT8OID, sizeof(double),
											 FLOAT8PASSBYVAL, TYPALIGN_DOUBLE));
}
