/*
 * stats.h — glue shared by the statistics library's SQL functions: the
 * gs_stats composite (a grid plus a gs_rstats block), float8[] conversion and
 * the GUCs.
 *
 * A grid is the uniform axis unit, start, step, npoints (API.md
 * "Instruments"); statistics of one instrument are kept per grid.
 */
#ifndef GS_PG_STATS_H
#define GS_PG_STATS_H

#include "gs_pg.h"

#include "access/htup.h"
#include "utils/array.h"

#include "running_stats.h"

/* geospectra.stats_halflife, seconds; 0 = no forgetting */
extern int	gs_stats_halflife;

/* geospectra.drift_reference_days: days of history that form the drift reference */
extern int	gs_drift_reference_days;

/* Defines the GUCs above; called from _PG_init. */
extern void gs_pg_stats_define_gucs(void);

/* A gs_stats value: grid and statistics, arrays palloc'd or borrowed. */
typedef struct gs_pg_stats
{
	gs_unit		unit;
	gs_grid		grid;
	gs_rstats	st;
} gs_pg_stats;

/* A one-dimensional float8[] of n values copied from v. */
extern ArrayType *gs_pg_float8_array(const double *v, size_t n);

/*
 * The values of a float8[] that must hold exactly `expected` values and no
 * NULLs (ERROR 22023 naming `what` otherwise); points into the array.
 */
extern double *gs_pg_float8_values(ArrayType *a, size_t expected, const char *what);

/* Builds the function's composite result (type gs_stats) from *s. */
extern Datum gs_pg_stats_datum(FunctionCallInfo fcinfo, const gs_pg_stats *s);

/*
 * Reads a gs_stats value, checking grid, array lengths and finiteness
 * (ERROR 22023); `what` names the argument in messages.
 */
extern void gs_pg_stats_read(HeapTupleHeader rec, const char *what, gs_pg_stats *s);

#endif
