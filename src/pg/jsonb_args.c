#include "jsonb_args.h"

#include <limits.h>
#include <math.h>

#include "utils/builtins.h"
#include "utils/numeric.h"

void
gs_pg_jsonb_each(JsonbContainer *c, const char *what, gs_pg_jsonb_key_fn fn, void *ctx)
{
	JsonbIterator *it;
	JsonbValue	v;
	JsonbIteratorToken tok;
	char	   *key = NULL;

	if (!JsonContainerIsObject(c))
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("%s must be a JSON object", what));
	it = JsonbIteratorInit(c);
	while ((tok = JsonbIteratorNext(&it, &v, true)) != WJB_DONE)
	{
		if (tok == WJB_KEY)
			key = pnstrdup(v.val.string.val, v.val.string.len);
		else if (tok == WJB_VALUE)
			fn(key, &v, ctx);
	}
}

void
gs_pg_jsonb_unknown_key(const char *what, const char *key, const char *valid)
{
	ereport(ERROR,
			errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			errmsg("unknown key \"%s\" in %s", key, what),
			errhint("Valid keys are: %s.", valid));
}

double
gs_pg_jsonb_number(const char *key, const JsonbValue *v)
{
	double		d;

	if (v->type != jbvNumeric)
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("\"%s\" must be a number", key));
	d = DatumGetFloat8(DirectFunctionCall1(numeric_float8, NumericGetDatum(v->val.numeric)));
	if (!isfinite(d))
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("\"%s\" must be a finite number", key));
	return d;
}

int
gs_pg_jsonb_int(const char *key, const JsonbValue *v)
{
	double		d = gs_pg_jsonb_number(key, v);

	if (d != floor(d) || d < INT_MIN || d > INT_MAX)
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("\"%s\" must be an integer, not %g", key, d));
	return (int) d;
}

bool
gs_pg_jsonb_bool(const char *key, const JsonbValue *v)
{
	if (v->type != jbvBool)
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("\"%s\" must be true or false", key));
	return v->val.boolean;
}

char *
gs_pg_jsonb_string(const char *key, const JsonbValue *v)
{
	if (v->type != jbvString)
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("\"%s\" must be a string", key));
	return pnstrdup(v->val.string.val, v->val.string.len);
}

bool
gs_pg_jsonb_step(const char *key, const JsonbValue *v, JsonbContainer **c)
{
	*c = NULL;
	if (v->type == jbvBool)
		return v->val.boolean;
	if (v->type == jbvBinary && JsonContainerIsObject(v->val.binary.data))
	{
		*c = v->val.binary.data;
		return true;
	}
	ereport(ERROR,
			errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			errmsg("\"%s\" must be true, false or an object of options", key));
}
