/* baseline_args.h — a baseline method and its jsonb parameters, for SQL functions. */
#ifndef GS_PG_BASELINE_ARGS_H
#define GS_PG_BASELINE_ARGS_H

#include "jsonb_args.h"

#include "baseline.h"

/* Method by name, parameters = its defaults overridden by `params` (may be NULL). */
extern void gs_pg_baseline_args(const char *method_name, JsonbContainer *params,
								gs_baseline_method *method, gs_baseline_params *p);

#endif
