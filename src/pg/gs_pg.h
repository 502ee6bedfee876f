/*
 * gs_pg.h — what the PostgreSQL glue shares: the spectrum Datum macros, the
 * GUCs, and the bridge from core errors (gs_error) to ereport.
 */
#ifndef GS_PG_H
#define GS_PG_H

#include "postgres.h"
#include "fmgr.h"

#include "gs_alloc.h"
#include "gs_error.h"
#include "spectrum.h"

#define DatumGetSpectrumP(d)		((gs_packed_spectrum *) PG_DETOAST_DATUM(d))
#define PG_GETARG_SPECTRUM_P(n)		DatumGetSpectrumP(PG_GETARG_DATUM(n))
#define PG_RETURN_SPECTRUM_P(p)		PG_RETURN_POINTER(p)

/* geospectra.max_points */
extern int	gs_max_points;

/* palloc in CurrentMemoryContext; release is pfree */
extern const gs_allocator gs_palloc_allocator;

/* Raises the core error as an ERROR with the SQLSTATE of its status. */
extern void gs_pg_report(const gs_error *err) pg_attribute_noreturn();

/* Stamps the varlena length of a packed spectrum the core just built. */
extern Datum gs_pg_spectrum_datum(gs_packed_spectrum *p, size_t size);


#endif
