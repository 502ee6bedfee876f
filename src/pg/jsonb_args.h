/*
 * jsonb_args.h — reading option objects (baseline parameters, preprocessing
 * configuration) from jsonb, with errors that name the key at fault.
 */
#ifndef GS_PG_JSONB_ARGS_H
#define GS_PG_JSONB_ARGS_H

#include "gs_pg.h"

#include "utils/jsonb.h"

/* Called for each key of an object; nested containers come as jbvBinary. */
typedef void (*gs_pg_jsonb_key_fn) (const char *key, JsonbValue *value, void *ctx);

/* Walks the top-level keys of an object container; errors unless an object. */
extern void gs_pg_jsonb_each(JsonbContainer *c, const char *what, gs_pg_jsonb_key_fn fn, void *ctx);

extern double gs_pg_jsonb_number(const char *key, const JsonbValue *v);
extern int	gs_pg_jsonb_int(const char *key, const JsonbValue *v);
extern bool gs_pg_jsonb_bool(const char *key, const JsonbValue *v);
/* a string, palloc'd and NUL-terminated */
extern char *gs_pg_jsonb_string(const char *key, const JsonbValue *v);
/* false, or an object (returned in *c); true means "the defaults" (*c = NULL) */
extern bool gs_pg_jsonb_step(const char *key, const JsonbValue *v, JsonbContainer **c);

extern void gs_pg_jsonb_unknown_key(const char *what, const char *key, const char *valid) pg_attribute_noreturn();

#endif
