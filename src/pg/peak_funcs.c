/*
 * peak_funcs.c — gs_peaks: scipy find_peaks + peak_prominences +
 * peak_widths(rel_height) as a set of rows, positions on the spectrum's axis.
 */
#include "points.h"

#include <math.h>

#include "funcapi.h"
#include "utils/tuplestore.h"

#include "peaks.h"

PG_FUNCTION_INFO_V1(gs_pg_peaks);

/*
 * gs_peaks(s, prominence, min_distance, height, rel_height)
 *   -> (x, height, prominence, fwhm, left_x, right_x)
 * NULL options are not applied; min_distance is in points, as scipy's distance.
 */
Datum
gs_pg_peaks(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	gs_pg_points pts;
	gs_peak_options opt = gs_peak_options_default();
	gs_peak    *peaks;
	size_t		count;
	gs_error	err;

	InitMaterializedSRF(fcinfo, 0);
	if (PG_ARGISNULL(0))
		return (Datum) 0;
	gs_pg_points_arg(fcinfo, 0, &pts);
	if (!PG_ARGISNULL(1))
		opt.prominence = PG_GETARG_FLOAT8(1);
	if (!PG_ARGISNULL(2))
		opt.distance = PG_GETARG_FLOAT8(2);
	if (!PG_ARGISNULL(3))
		opt.height = PG_GETARG_FLOAT8(3);
	if (!PG_ARGISNULL(4))
		opt.rel_height = PG_GETARG_FLOAT8(4);
	peaks = palloc_extended(gs_peaks_max_count(pts.n) * sizeof(gs_peak), MCXT_ALLOC_HUGE);
	if (gs_find_peaks(pts.x, pts.y, pts.n, &opt, peaks, &count,
					  palloc_extended(gs_peaks_scratch_size(pts.n), MCXT_ALLOC_HUGE), &err) != GS_OK)
		gs_pg_report(&err);
	for (size_t i = 0; i < count; i++)
	{
		Datum		values[6] = {
			Float8GetDatum(peaks[i].x), Float8GetDatum(peaks[i].height),
			Float8GetDatum(peaks[i].prominence), Float8GetDatum(peaks[i].fwhm),
			Float8GetDatum(peaks[i].left_x), Float8GetDatum(peaks[i].right_x)
		};
		bool		nulls[6] = {false};

		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}
