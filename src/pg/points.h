/*
 * points.h — spectra as the double arrays the core's numerical functions
 * take, and back.  Values are computed in double precision and stored as
 * float4; a value beyond float4's range is an error (22003), never an
 * infinity in a stored spectrum.
 */
#ifndef GS_PG_POINTS_H
#define GS_PG_POINTS_H

#include "gs_pg.h"

#include "utils/array.h"

typedef struct gs_pg_points
{
	gs_spectrum_view view;		/* the source spectrum */
	size_t		n;
	double	   *x;				/* always materialised */
	double	   *y;
} gs_pg_points;

/* The spectrum in argument `argno` as doubles (palloc'd). */
extern void gs_pg_points_arg(FunctionCallInfo fcinfo, int argno, gs_pg_points *pts);

/*
 * A new spectrum with the unit and laser of `like`: on the uniform axis
 * start + step·i when x is NULL, else on x.
 */
extern Datum gs_pg_spectrum_from_doubles(const gs_spectrum_view *like, size_t n, const double *x,
										 double start, double step, const double *y);

/* The same axis as `pts` (uniform stays uniform), new values. */
extern Datum gs_pg_spectrum_like(const gs_pg_points *pts, const double *y);

/* A 3×3 float8 array (a transfer matrix), row-major into m; errors otherwise. */
extern void gs_pg_matrix3_arg(ArrayType *a, double m[9]);

/* text argument as a NUL-terminated string */
extern char *gs_pg_text_arg(FunctionCallInfo fcinfo, int argno);

#endif
