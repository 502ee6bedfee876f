/*
 * match.c — gs_match: the k library spectra most similar to a query.
 *
 * The library is read through SPI with a cursor, so the caller's privileges,
 * row-level security and every kind of table (partitioned, inherited,
 * materialized) work as in a plain SELECT; each row's spectrum is detoasted
 * into a per-row memory context that is reset before the next, so memory
 * stays at one spectrum plus the k best kept in a bounded heap (topk.h).
 * Scores are exactly those of the operators: the library spectrum is
 * interpolated onto the query's points (gs_pair_compare(query, row)), after
 * the optional preprocessing of match_prep.h applied to both sides.
 */
#include "gs_pg.h"

#include <math.h>

#include "access/genam.h"
#include "access/relation.h"
#include "access/htup_details.h"
#include "catalog/namespace.h"
#include "catalog/pg_class.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/jsonb.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"
#include "utils/relcache.h"

#include "match_prep.h"
#include "similarity.h"
#include "topk.h"

PG_FUNCTION_INFO_V1(gs_pg_match);

/* Rows fetched from the cursor at a time: enough to amortise the call. */
#define MATCH_FETCH_ROWS 256

/* Largest k: the heap and its payload are allocated up front. */
#define MATCH_MAX_K 1000000

typedef enum match_metric
{
	METRIC_CORRELATION,			/* Pearson r, higher is better */
	METRIC_COSINE,				/* 1 − cos θ (= <=>), lower is better */
	METRIC_SPECTRAL_ANGLE,		/* θ in radians, lower is better */
	METRIC_EUCLIDEAN			/* = <->, lower is better */
} match_metric;

static const char *const metric_names[] = {"correlation", "cosine", "spectral_angle", "euclidean"};

#define METRIC_COUNT lengthof(metric_names)

typedef struct match_hit
{
	ItemPointerData ctid;
	char	   *key;			/* primary key as text, or NULL */
} match_hit;

/* Which library row an error happened on, for the error context. */
typedef struct match_context
{
	const char *relname;
	ItemPointerData ctid;
	bool		in_row;
} match_context;

static match_metric
parse_metric(text *t)
{
	char	   *name = text_to_cstring(t);

	for (int i = 0; i < (int) METRIC_COUNT; i++)
		if (strcmp(name, metric_names[i]) == 0)
			return (match_metric) i;
	ereport(ERROR,
			errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			errmsg("unknown match metric \"%s\"", name),
			errhint("Valid metrics are: correlation, cosine, spectral_angle, euclidean."));
	pg_unreachable();
}

static double
metric_score(match_metric metric, const gs_pair_stats *st)
{
	switch (metric)
	{
		case METRIC_CORRELATION:
			return gs_pair_correlation(st);
		case METRIC_COSINE:
			return gs_pair_cosine_distance(st);
		case METRIC_SPECTRAL_ANGLE:
			return gs_pair_spectral_angle(st);
		case METRIC_EUCLIDEAN:
			return gs_pair_euclidean(st);
	}
	pg_unreachable();
}

/* ------------------------------------------------------------------------
 * The preprocess option (jsonb)
 */

static void
bad_option(const char *what, const char *detail)
{
	ereport(ERROR,
			errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			errmsg("invalid preprocess option: %s", what),
			detail ? errdetail("%s", detail) : 0,
			errhint("Valid keys are grid {\"start\", \"stop\", \"step\", \"method\"}, baseline, normalize and peak_x."));
}

static JsonbValue *
json_key(JsonbContainer *c, const char *key, JsonbValue *v)
{
	return getKeyJsonValueFromContainer(c, key, strlen(key), v);
}

static double
json_number(JsonbContainer *c, const char *key, const char *where)
{
	JsonbValue	v;

	if (!json_key(c, key, &v) || v.type != jbvNumeric)
		bad_option(psprintf("%s.%s must be a number", where, key), NULL);
	return DatumGetFloat8(DirectFunctionCall1(numeric_float8, NumericGetDatum(v.val.numeric)));
}

static char *
json_string(JsonbContainer *c, const char *key, const char *where)
{
	JsonbValue	v;

	if (!json_key(c, key, &v))
		return NULL;
	if (v.type != jbvString)
		bad_option(psprintf("%s%s must be a string", where, key), NULL);
	return pnstrdup(v.val.string.val, v.val.string.len);
}

/* Unknown keys are errors: a misspelt step must not silently do nothing. */
static void
check_keys(JsonbContainer *c, const char *const *known, const char *where)
{
	JsonbIterator *it = JsonbIteratorInit(c);
	JsonbValue	v;
	JsonbIteratorToken tok;

	while ((tok = JsonbIteratorNext(&it, &v, true)) != WJB_DONE)
	{
		bool		ok = false;

		if (tok != WJB_KEY)
			continue;
		for (const char *const *k = known; *k; k++)
			ok |= strlen(*k) == (size_t) v.val.string.len &&
				strncmp(*k, v.val.string.val, v.val.string.len) == 0;
		if (!ok)
			bad_option(psprintf("unknown key \"%s%.*s\"", where, v.val.string.len,
								v.val.string.val), NULL);
	}
}

static void
parse_preprocess(Jsonb *jb, gs_prep_options *o)
{
	static const char *const top_keys[] = {"grid", "baseline", "normalize", "peak_x", NULL};
	static const char *const grid_keys[] = {"start", "stop", "step", "method", NULL};
	JsonbContainer *root = &jb->root;
	JsonbValue	v;
	char	   *name;
	gs_error	err;

	gs_prep_options_init(o);
	if (!JB_ROOT_IS_OBJECT(jb))
		bad_option("not a JSON object", NULL);
	check_keys(root, top_keys, "");

	if (json_key(root, "grid", &v))
	{
		JsonbContainer *g;

		if (v.type != jbvBinary || !JsonContainerIsObject(v.val.binary.data))
			bad_option("grid must be an object", "Example: {\"grid\": {\"start\": 100, \"stop\": 1200, \"step\": 1}}.");
		g = v.val.binary.data;
		check_keys(g, grid_keys, "grid.");
		o->grid = true;
		o->grid_start = json_number(g, "start", "grid");
		o->grid_stop = json_number(g, "stop", "grid");
		o->grid_step = json_number(g, "step", "grid");
		if ((name = json_string(g, "method", "grid.")) != NULL &&
			gs_interp_method_parse(name, &o->grid_method, &err) != GS_OK)
			gs_pg_report(&err);
		if (gs_prep_check(o, (size_t) gs_max_points, &err) != GS_OK)
			gs_pg_report(&err);
	}
	if ((name = json_string(root, "baseline", "")) != NULL)
	{
		if (gs_baseline_method_parse(name, &o->baseline_method, &err) != GS_OK)
			gs_pg_report(&err);
		gs_baseline_params_default(o->baseline_method, &o->baseline_params);
		o->baseline = true;
	}
	if ((name = json_string(root, "normalize", "")) != NULL)
	{
		if (gs_norm_method_parse(name, &o->norm_method, &err) != GS_OK)
			gs_pg_report(&err);
		o->normalize = true;
	}
	if (json_key(root, "peak_x", &v))
		o->peak_x = json_number(root, "peak_x", "preprocess");
	if (o->normalize && o->norm_method == GS_NORM_PEAK && isnan(o->peak_x))
		bad_option("normalize \"peak\" needs peak_x", NULL);
}

/* ------------------------------------------------------------------------
 * The library relation
 */

/* The spectrum column: the one named, or the only one of that type. */
static AttrNumber
spectrum_column(Relation rel, Oid spectrum_type, text *column_name)
{
	TupleDesc	desc = RelationGetDescr(rel);
	AttrNumber	found = InvalidAttrNumber;

	if (column_name)
	{
		char	   *name = text_to_cstring(column_name);

		for (int i = 0; i < desc->natts; i++)
		{
			Form_pg_attribute att = TupleDescAttr(desc, i);

			if (!att->attisdropped && strcmp(NameStr(att->attname), name) == 0)
			{
				if (att->atttypid != spectrum_type)
					ereport(ERROR,
							errcode(ERRCODE_DATATYPE_MISMATCH),
							errmsg("column \"%s\" of relation \"%s\" is not of type spectrum",
								   name, RelationGetRelationName(rel)),
							errdetail("It is of type %s.", format_type_be(att->atttypid)));
				return att->attnum;
			}
		}
		ereport(ERROR,
				errcode(ERRCODE_UNDEFINED_COLUMN),
				errmsg("column \"%s\" of relation \"%s\" does not exist",
					   name, RelationGetRelationName(rel)));
	}
	for (int i = 0; i < desc->natts; i++)
	{
		Form_pg_attribute att = TupleDescAttr(desc, i);

		if (att->attisdropped || att->atttypid != spectrum_type)
			continue;
		if (found != InvalidAttrNumber)
			ereport(ERROR,
					errcode(ERRCODE_AMBIGUOUS_COLUMN),
					errmsg("relation \"%s\" has more than one column of type spectrum",
						   RelationGetRelationName(rel)),
					errhint("Name the column to search with column_name => '...'."));
		found = att->attnum;
	}
	if (found == InvalidAttrNumber)
		ereport(ERROR,
				errcode(ERRCODE_DATATYPE_MISMATCH),
				errmsg("relation \"%s\" has no column of type spectrum",
					   RelationGetRelationName(rel)));
	return found;
}

/* SQL text of the primary key as one text value ("NULL::text" without one). */
static char *
key_expression(Relation rel)
{
	Oid			pk = RelationGetPrimaryKeyIndex(rel);
	Relation	idx;
	StringInfoData buf;
	int			nkeys;

	if (!OidIsValid(pk))
		return "NULL::text";
	idx = index_open(pk, AccessShareLock);
	nkeys = idx->rd_index->indnkeyatts;
	initStringInfo(&buf);
	appendStringInfoString(&buf, nkeys > 1 ? "ROW(" : "(");
	for (int i = 0; i < nkeys; i++)
	{
		AttrNumber	attno = idx->rd_index->indkey.values[i];

		appendStringInfo(&buf, "%s%s", i ? ", " : "",
						 quote_identifier(NameStr(TupleDescAttr(RelationGetDescr(rel), attno - 1)->attname)));
	}
	appendStringInfoString(&buf, ")::text");
	index_close(idx, AccessShareLock);
	return buf.data;
}

/* SELECT ctid, key, spectrum FROM library */
static char *
library_query(Oid relid, Oid spectrum_type, text *column_name, const char **relname)
{
	Relation	rel = relation_open(relid, AccessShareLock);
	char		kind = rel->rd_rel->relkind;
	AttrNumber	col;
	char	   *sql;

	*relname = pstrdup(RelationGetRelationName(rel));
	if (kind != RELKIND_RELATION && kind != RELKIND_MATVIEW && kind != RELKIND_PARTITIONED_TABLE)
		ereport(ERROR,
				errcode(ERRCODE_WRONG_OBJECT_TYPE),
				errmsg("\"%s\" is not a table or materialized view", *relname),
				errdetail("gs_match reports library rows by ctid, which only tables have."));
	col = spectrum_column(rel, spectrum_type, column_name);
	sql = psprintf("SELECT ctid, %s, %s FROM %s",
				   key_expression(rel),
				   quote_identifier(NameStr(TupleDescAttr(RelationGetDescr(rel), col - 1)->attname)),
				   quote_qualified_identifier(get_namespace_name(RelationGetNamespace(rel)),
											  RelationGetRelationName(rel)));
	/* keep the lock to the end of the transaction, as a query would */
	relation_close(rel, NoLock);
	return sql;
}

static void
match_error_context(void *arg)
{
	match_context *mc = arg;

	if (mc->in_row)
		errcontext("library row (%u,%u) of \"%s\"",
				   ItemPointerGetBlockNumberNoCheck(&mc->ctid),
				   ItemPointerGetOffsetNumberNoCheck(&mc->ctid), mc->relname);
}

static gs_spectrum_view
prepared(const gs_prep_options *o, const gs_spectrum_view *s, const gs_spectrum_view *query)
{
	gs_spectrum_view out;
	gs_error	err;

	if (!o)
		return *s;
	if (gs_prep_apply(o, s, query->unit, query->laser_nm, &gs_palloc_allocator, &out, &err) != GS_OK)
		gs_pg_report(&err);
	return out;
}

/* ------------------------------------------------------------------------
 * gs_match(query, library, k, metric, preprocess, column_name)
 */
Datum
gs_pg_match(PG_FUNCTION_ARGS)
{
	MemoryContext caller = CurrentMemoryContext;
	MemoryContext rowcxt;
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	gs_prep_options popts;
	gs_prep_options *prep = NULL;
	gs_spectrum_view qraw,
				query;
	match_metric metric;
	int			k;
	char	   *sql;
	match_context mc = {0};
	ErrorContextCallback errcb;
	gs_topk		heap;
	match_hit  *hits;
	int64		no_overlap = 0,
				undefined = 0;
	Portal		portal;

	if (PG_ARGISNULL(1) || PG_ARGISNULL(2) || PG_ARGISNULL(3))
		ereport(ERROR,
				errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				errmsg("library, k and metric of gs_match must not be NULL"));
	k = PG_GETARG_INT32(2);
	if (k < 1 || k > MATCH_MAX_K)
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("k must be between 1 and %d", MATCH_MAX_K),
				errdetail("k was %d.", k));
	metric = parse_metric(PG_GETARG_TEXT_PP(3));
	if (!PG_ARGISNULL(4))
	{
		parse_preprocess(PG_GETARG_JSONB_P(4), &popts);
		prep = &popts;
	}
	sql = library_query(PG_GETARG_OID(1), get_fn_expr_argtype(fcinfo->flinfo, 0),
						PG_ARGISNULL(5) ? NULL : PG_GETARG_TEXT_PP(5), &mc.relname);

	InitMaterializedSRF(fcinfo, 0);
	/* a NULL query matches nothing, like a comparison with NULL */
	if (PG_ARGISNULL(0))
		return (Datum) 0;

	qraw = gs_packed_view(PG_GETARG_SPECTRUM_P(0));
	query = prepared(prep, &qraw, &qraw);
	if (query.n == 0)
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("the query spectrum does not overlap the preprocess grid"),
				errdetail("The query spans %g to %g %s; the grid %g to %g.",
						  gs_view_xmin(&qraw), gs_view_xmax(&qraw), gs_unit_name(qraw.unit),
						  prep->grid_start, prep->grid_stop));

	hits = palloc0(sizeof(match_hit) * k);
	gs_topk_init(&heap, palloc(sizeof(gs_topk_item) * k), (size_t) k);
	rowcxt = AllocSetContextCreate(caller, "gs_match row", ALLOCSET_DEFAULT_SIZES);

	errcb.callback = match_error_context;
	errcb.arg = &mc;
	errcb.previous = error_context_stack;
	error_context_stack = &errcb;

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	portal = SPI_cursor_open_with_args(NULL, sql, 0, NULL, NULL, NULL, true, 0);
	for (;;)
	{
		SPI_cursor_fetch(portal, true, MATCH_FETCH_ROWS);
		if (SPI_processed == 0)
			break;
		for (uint64 r = 0; r < SPI_processed; r++)
		{
			HeapTuple	tup = SPI_tuptable->vals[r];
			TupleDesc	desc = SPI_tuptable->tupdesc;
			bool		isnull;
			Datum		d = SPI_getbinval(tup, desc, 3, &isnull);
			ItemPointer tid;
			MemoryContext old;
			gs_spectrum_view lib;
			gs_pair_stats st;
			gs_error	err;
			void	   *scratch;
			double		score;
			long		slot;

			CHECK_FOR_INTERRUPTS();
			if (isnull)
				continue;
			tid = (ItemPointer) DatumGetPointer(SPI_getbinval(tup, desc, 1, &isnull));
			mc.ctid = *tid;
			mc.in_row = true;
			old = MemoryContextSwitchTo(rowcxt);
			{
				gs_spectrum_view raw = gs_packed_view(DatumGetSpectrumP(d));

				/* unit mismatches are errors; only a missing overlap skips a row */
				if (gs_unit_check_conversion(raw.unit, raw.laser_nm, qraw.unit,
											 qraw.laser_nm, &err) != GS_OK)
					gs_pg_report(&err);
				lib = prepared(prep, &raw, &qraw);
			}
			scratch = lib.n ? palloc_extended(Max(gs_pair_scratch_size(&query, &lib), 1),
											  MCXT_ALLOC_HUGE) : NULL;
			if (lib.n == 0 || gs_pair_compare(&query, &lib, scratch, &st, &err) != GS_OK)
			{
				no_overlap++;
				score = NAN;
			}
			else if (isnan(score = metric_score(metric, &st)))
				undefined++;
			MemoryContextSwitchTo(old);
			MemoryContextReset(rowcxt);
			mc.in_row = false;
			if (isnan(score))
				continue;

			slot = gs_topk_push(&heap, metric == METRIC_CORRELATION ? -score : score,
								((uint64) ItemPointerGetBlockNumber(tid) << 16) |
								ItemPointerGetOffsetNumber(tid));
			if (slot >= 0)
			{
				Datum		key = SPI_getbinval(tup, desc, 2, &isnull);

				if (hits[slot].key)
					pfree(hits[slot].key);
				hits[slot].ctid = *tid;
				old = MemoryContextSwitchTo(caller);
				hits[slot].key = isnull ? NULL : TextDatumGetCString(key);
				MemoryContextSwitchTo(old);
			}
		}
		SPI_freetuptable(SPI_tuptable);
	}
	SPI_cursor_close(portal);
	SPI_finish();
	error_context_stack = errcb.previous;

	if (no_overlap > 0)
		ereport(NOTICE,
				errmsg_plural("%lld library row does not overlap the query and was skipped",
							  "%lld library rows do not overlap the query and were skipped",
							  no_overlap, (long long) no_overlap),
				errdetail("The query spans %g to %g %s.", gs_view_xmin(&query),
						  gs_view_xmax(&query), gs_unit_name(query.unit)));
	if (undefined > 0)
		ereport(NOTICE,
				errmsg_plural("%lld library row has no defined %s score and was skipped",
							  "%lld library rows have no defined %s score and were skipped",
							  undefined, (long long) undefined, metric_names[metric]),
				errdetail("Correlation is undefined for a constant spectrum, cosine and spectral angle for an all-zero one."));

	gs_topk_sort(&heap);
	for (size_t i = 0; i < heap.n; i++)
	{
		const gs_topk_item *it = &heap.items[i];
		match_hit  *h = &hits[it->slot];
		Datum		values[4];
		bool		nulls[4] = {false, h->key == NULL, false, false};

		values[0] = Int32GetDatum((int32) i + 1);
		values[1] = h->key ? CStringGetTextDatum(h->key) : (Datum) 0;
		values[2] = PointerGetDatum(&h->ctid);
		values[3] = Float8GetDatum(metric == METRIC_CORRELATION ? -it->cost : it->cost);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	MemoryContextDelete(rowcxt);
	return (Datum) 0;
}
