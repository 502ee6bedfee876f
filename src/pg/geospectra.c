/*
 * geospectra.c — module entry: the magic block, GUCs, and the mapping of
 * core statuses to SQLSTATEs (API.md "Errors").
 */
#include "gs_pg.h"

#include "utils/guc.h"

#include "ivf.h"
#include "stats.h"

PG_MODULE_MAGIC;

int			gs_max_points = 1000000;

void		_PG_init(void);

static void *
palloc_alloc(void *ctx, size_t size)
{
	(void) ctx;
	return palloc_extended(size, MCXT_ALLOC_HUGE);
}

static void
palloc_release(void *ctx, void *ptr)
{
	(void) ctx;
	pfree(ptr);
}

const gs_allocator gs_palloc_allocator = {palloc_alloc, palloc_release, NULL};

static int
sqlstate_of(gs_status status)
{
	switch (status)
	{
		case GS_ERR_SYNTAX:
			return ERRCODE_INVALID_TEXT_REPRESENTATION;
		case GS_ERR_PARAM:
			return ERRCODE_INVALID_PARAMETER_VALUE;
		case GS_ERR_RANGE:
			return ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE;
		case GS_ERR_NULL:
			return ERRCODE_NULL_VALUE_NOT_ALLOWED;
		case GS_ERR_LIMIT:
			return ERRCODE_PROGRAM_LIMIT_EXCEEDED;
		case GS_ERR_UNSUPPORTED:
			return ERRCODE_FEATURE_NOT_SUPPORTED;
		case GS_ERR_NOMEM:
			return ERRCODE_OUT_OF_MEMORY;
		case GS_OK:
			break;
	}
	return ERRCODE_INTERNAL_ERROR;
}

void
gs_pg_report(const gs_error *err)
{
	ereport(ERROR,
			errcode(sqlstate_of(err->status)),
			errmsg_internal("%s", err->msg),
			err->detail[0] ? errdetail_internal("%s", err->detail) : 0,
			err->hint[0] ? errhint("%s", err->hint) : 0);
	pg_unreachable();
}

Datum
gs_pg_spectrum_datum(gs_packed_spectrum *p, size_t size)
{
	SET_VARSIZE(p, size);
	return PointerGetDatum(p);
}

void
_PG_init(void)
{
	DefineCustomIntVariable("geospectra.max_points",
							"Largest number of points a spectrum may have.",
							"Guards against runaway allocations from malformed or hostile input.",
							&gs_max_points,
							1000000, 1, GS_MAX_POINTS_CEILING,
							PGC_USERSET, 0,
							NULL, NULL, NULL);
	gs_pg_stats_define_gucs();
	gs_pg_ivf_define_gucs();
	MarkGUCPrefixReserved("geospectra");
}
