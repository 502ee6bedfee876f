/*
 * spectrum_ops.c — comparing spectra: the <-> (Euclidean) and <=> (cosine)
 * operators, spectral angle and Pearson correlation (src/core/similarity.c).
 */
#include "gs_pg.h"

#include "similarity.h"

PG_FUNCTION_INFO_V1(gs_pg_euclidean_distance);
PG_FUNCTION_INFO_V1(gs_pg_cosine_distance);
PG_FUNCTION_INFO_V1(gs_pg_spectral_angle);
PG_FUNCTION_INFO_V1(gs_pg_correlation);

static gs_pair_stats
compare_args(FunctionCallInfo fcinfo)
{
	gs_spectrum_view a = gs_packed_view(PG_GETARG_SPECTRUM_P(0));
	gs_spectrum_view b = gs_packed_view(PG_GETARG_SPECTRUM_P(1));
	size_t		scratch_size = gs_pair_scratch_size(&a, &b);
	void	   *scratch = scratch_size ? palloc_extended(scratch_size, MCXT_ALLOC_HUGE) : NULL;
	gs_pair_stats st;
	gs_error	err;

	if (gs_pair_compare(&a, &b, scratch, &st, &err) != GS_OK)
		gs_pg_report(&err);
	if (scratch)
		pfree(scratch);
	return st;
}

Datum
gs_pg_euclidean_distance(PG_FUNCTION_ARGS)
{
	gs_pair_stats st = compare_args(fcinfo);

	PG_RETURN_FLOAT8(gs_pair_euclidean(&st));
}

Datum
gs_pg_cosine_distance(PG_FUNCTION_ARGS)
{
	gs_pair_stats st = compare_args(fcinfo);

	PG_RETURN_FLOAT8(gs_pair_cosine_distance(&st));
}

Datum
gs_pg_spectral_angle(PG_FUNCTION_ARGS)
{
	gs_pair_stats st = compare_args(fcinfo);

	PG_RETURN_FLOAT8(gs_pair_spectral_angle(&st));
}

Datum
gs_pg_correlation(PG_FUNCTION_ARGS)
{
	gs_pair_stats st = compare_args(fcinfo);

	PG_RETURN_FLOAT8(gs_pair_correlation(&st));
}
