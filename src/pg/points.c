#include "points.h"

#include <float.h>
#include <math.h>

#include "utils/builtins.h"

void
gs_pg_points_arg(FunctionCallInfo fcinfo, int argno, gs_pg_points *pts)
{
	gs_packed_spectrum *p = PG_GETARG_SPECTRUM_P(argno);

	pts->view = gs_packed_view(p);
	pts->n = pts->view.n;
	pts->x = palloc_extended(pts->n * sizeof(double), MCXT_ALLOC_HUGE);
	pts->y = palloc_extended(pts->n * sizeof(double), MCXT_ALLOC_HUGE);
	for (size_t i = 0; i < pts->n; i++)
	{
		pts->x[i] = gs_view_x(&pts->view, i);
		pts->y[i] = pts->view.y[i];
	}
}

Datum
gs_pg_spectrum_from_doubles(const gs_spectrum_view *like, size_t n, const double *xin,
							double start, double step, const double *yin)
{
	size_t		size;
	gs_packed_spectrum *p;
	double	   *x;
	float	   *y;
	bool		bad;
	gs_error	err;

	if (gs_check_npoints(n, (size_t) gs_max_points, &err) != GS_OK)
		gs_pg_report(&err);
	size = gs_packed_size(n, xin != NULL);
	p = palloc_extended(size, MCXT_ALLOC_HUGE);
	gs_packed_init(p, like->unit, n, xin != NULL, start, step,
				   like->has_laser ? like->laser_nm : NAN, &x, &y);
	if (x)
		memcpy(x, xin, n * sizeof(double));
	bad = !gs_narrow_to_float(yin, n, y);
	/* NaN and infinities pass here and gs_packed_finish names them */
	for (size_t i = 0; bad && i < n; i++)
		if (isfinite(yin[i]) && fabs(yin[i]) > FLT_MAX)
			ereport(ERROR,
					errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					errmsg("result value %g at point %zu is out of range for type real", yin[i], i + 1));
	if (gs_packed_finish(p, &err) != GS_OK)
		gs_pg_report(&err);
	return gs_pg_spectrum_datum(p, size);
}

Datum
gs_pg_spectrum_like(const gs_pg_points *pts, const double *y)
{
	const gs_spectrum_view *v = &pts->view;

	return gs_pg_spectrum_from_doubles(v, pts->n, v->x ? pts->x : NULL, v->start, v->step, y);
}

char *
gs_pg_text_arg(FunctionCallInfo fcinfo, int argno)
{
	return text_to_cstring(PG_GETARG_TEXT_PP(argno));
}
