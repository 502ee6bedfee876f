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
 *
 * With a gs_ivf index that fits the metric (and no preprocessing, since the
 * index holds raw spectra), only the index's first k × geospectra.match_rerank
 * candidates are read, through an index scan, and scored the same exact way.
 */
#include "gs_pg.h"

#include <math.h>

#include "access/genam.h"
#include "access/htup_details.h"
#include "access/relation.h"
#include "access/relscan.h"
#include "access/table.h"
#include "access/tableam.h"
#include "catalog/namespace.h"
#include "catalog/pg_class.h"
#include "catalog/pg_type.h"
#include "commands/defrem.h"
#include "executor/spi.h"
#include "executor/tuptable.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/acl.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/jsonb.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"
#include "utils/relcache.h"
#include "utils/rls.h"
#include "utils/snapmgr.h"

#include "ivf.h"
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

/* What gs_match needs to know of the library relation. */
typedef struct library_info
{
	Oid			relid;
	const char *relname;
	AttrNumber	col;			/* the spectrum column */
	bool		has_key;
	char	   *scan_sql;		/* SELECT ctid, key, spectrum FROM library */
	char	   *key_sql;		/* SELECT ctid, key FROM library WHERE ctid = ANY($1) */
	Oid			index;			/* a gs_ivf index that fits the metric, or InvalidOid */
	StrategyNumber strategy;
} library_info;

/*
 * A gs_ivf index on the spectrum column alone, complete, without predicate,
 * whose operator class orders by the metric's operator: <-> for euclidean,
 * <=> for cosine and spectral angle (the angle is monotone in the cosine).
 */
static void
find_index(Relation rel, library_info *lib, match_metric metric)
{
	Oid			am = get_index_am_oid("gs_ivf", true);
	StrategyNumber want = metric == METRIC_EUCLIDEAN ? GS_IVF_L2_STRATEGY : GS_IVF_COSINE_STRATEGY;
	List	   *indexes;
	ListCell   *lc;

	if (!OidIsValid(am) || metric == METRIC_CORRELATION)
		return;
	indexes = RelationGetIndexList(rel);
	foreach(lc, indexes)
	{
		Relation	idx = index_open(lfirst_oid(lc), AccessShareLock);
		Oid			type = TupleDescAttr(RelationGetDescr(rel), lib->col - 1)->atttypid;

		if (!OidIsValid(lib->index) && idx->rd_rel->relam == am &&
			idx->rd_index->indisvalid && idx->rd_index->indisready &&
			idx->rd_index->indnatts == 1 && idx->rd_index->indkey.values[0] == lib->col &&
			RelationGetIndexPredicate(idx) == NIL &&
			OidIsValid(get_opfamily_member(idx->rd_opfamily[0], type, type, want)))
		{
			lib->index = RelationGetRelid(idx);
			lib->strategy = want;
		}
		index_close(idx, AccessShareLock);
	}
	list_free(indexes);
}

static library_info
open_library(Oid relid, Oid spectrum_type, text *column_name, match_metric metric, bool exact_only)
{
	Relation	rel = relation_open(relid, AccessShareLock);
	char		kind = rel->rd_rel->relkind;
	library_info lib = {relid};
	char	   *key,
			   *qualified;
	const char *colname;

	lib.relname = pstrdup(RelationGetRelationName(rel));
	if (kind != RELKIND_RELATION && kind != RELKIND_MATVIEW && kind != RELKIND_PARTITIONED_TABLE)
		ereport(ERROR,
				errcode(ERRCODE_WRONG_OBJECT_TYPE),
				errmsg("\"%s\" is not a table or materialized view", lib.relname),
				errdetail("gs_match reports library rows by ctid, which only tables have."));
	lib.col = spectrum_column(rel, spectrum_type, column_name);
	key = key_expression(rel);
	lib.has_key = strcmp(key, "NULL::text") != 0;
	colname = quote_identifier(NameStr(TupleDescAttr(RelationGetDescr(rel), lib.col - 1)->attname));
	qualified = quote_qualified_identifier(get_namespace_name(RelationGetNamespace(rel)), lib.relname);
	lib.scan_sql = psprintf("SELECT ctid, %s, %s FROM %s", key, colname, qualified);
	lib.key_sql = psprintf("SELECT ctid, %s FROM %s WHERE ctid = ANY($1)", key, qualified);

	/*
	 * The index is read directly, not through a query, so only where a query
	 * would see the same rows: a plain table the caller may read whole,
	 * without row-level security.  Otherwise the exact scan applies them.
	 */
	if (!exact_only && kind == RELKIND_RELATION &&
		pg_class_aclcheck(relid, GetUserId(), ACL_SELECT) == ACLCHECK_OK &&
		check_enable_rls(relid, InvalidOid, true) != RLS_ENABLED)
		find_index(rel, &lib, metric);
	/* keep the lock to the end of the transaction, as a query would */
	relation_close(rel, NoLock);
	return lib;
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

/* The search in progress. */
typedef struct match_state
{
	match_metric metric;
	const gs_prep_options *prep;
	gs_spectrum_view qraw;		/* the query as given */
	gs_spectrum_view query;		/* ... and preprocessed */
	gs_topk		heap;
	match_hit  *hits;			/* payload of the heap's slots */
	int64		no_overlap;
	int64		undefined;
	MemoryContext rowcxt;		/* reset after every row */
	match_context mc;
} match_state;

/* Scores one library row and offers it to the heap; the slot it took, or -1. */
static long
consider(match_state *ms, Datum spectrum, ItemPointer tid)
{
	MemoryContext old = MemoryContextSwitchTo(ms->rowcxt);
	gs_spectrum_view raw,
				lib;
	gs_pair_stats st;
	gs_error	err;
	void	   *scratch = NULL;
	double		score = NAN;
	long		slot = -1;

	CHECK_FOR_INTERRUPTS();
	ms->mc.ctid = *tid;
	ms->mc.in_row = true;
	raw = gs_packed_view(DatumGetSpectrumP(spectrum));
	/* unit mismatches are errors; only a missing overlap skips a row */
	if (gs_unit_check_conversion(raw.unit, raw.laser_nm, ms->qraw.unit, ms->qraw.laser_nm,
								 &err) != GS_OK)
		gs_pg_report(&err);
	lib = prepared(ms->prep, &raw, &ms->qraw);
	if (lib.n > 0)
		scratch = palloc_extended(Max(gs_pair_scratch_size(&ms->query, &lib), 1), MCXT_ALLOC_HUGE);
	if (lib.n == 0 || gs_pair_compare(&ms->query, &lib, scratch, &st, &err) != GS_OK)
		ms->no_overlap++;
	else if (isnan(score = metric_score(ms->metric, &st)))
		ms->undefined++;
	ms->mc.in_row = false;
	MemoryContextSwitchTo(old);
	MemoryContextReset(ms->rowcxt);

	if (!isnan(score))
	{
		slot = gs_topk_push(&ms->heap, ms->metric == METRIC_CORRELATION ? -score : score,
							((uint64) ItemPointerGetBlockNumber(tid) << 16) |
							ItemPointerGetOffsetNumber(tid));
		if (slot >= 0)
		{
			if (ms->hits[slot].key)
				pfree(ms->hits[slot].key);
			ms->hits[slot].key = NULL;
			ms->hits[slot].ctid = *tid;
		}
	}
	return slot;
}

/* Every row through SPI: exact. */
static void
scan_library(match_state *ms, const library_info *lib, MemoryContext caller)
{
	Portal		portal;

	portal = SPI_cursor_open_with_args(NULL, lib->scan_sql, 0, NULL, NULL, NULL, true, 0);
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
			long		slot;

			if (isnull)
				continue;
			slot = consider(ms, d, (ItemPointer) DatumGetPointer(SPI_getbinval(tup, desc, 1, &isnull)));
			if (slot >= 0)
			{
				Datum		key = SPI_getbinval(tup, desc, 2, &isnull);

				if (!isnull)
					ms->hits[slot].key = MemoryContextStrdup(caller, TextDatumGetCString(key));
			}
		}
		SPI_freetuptable(SPI_tuptable);
	}
	SPI_cursor_close(portal);
}

/*
 * The index's first k × geospectra.match_rerank candidates, scored exactly.
 * The index orders by its approximate vectors, so the exact k best are found
 * when they are among the candidates (recall, docs/search.md).
 */
static void
scan_index(match_state *ms, const library_info *lib, Datum query, int k)
{
	Relation	heap = table_open(lib->relid, AccessShareLock);
	Relation	index = index_open(lib->index, AccessShareLock);
	int64		want = (int64) k * gs_match_rerank;
	int64		seen = 0;
	IndexScanDesc scan;
	ScanKeyData key;
	TupleTableSlot *slot = table_slot_create(heap, NULL);

	ereport(DEBUG1,
			errmsg_internal("gs_match reads %lld candidates from index \"%s\"",
							(long long) want, RelationGetRelationName(index)));
	scan = index_beginscan(heap, index, GetActiveSnapshot(), 0, 1);
	ScanKeyEntryInitialize(&key, SK_ORDER_BY, 1, lib->strategy, InvalidOid, InvalidOid,
						   InvalidOid, query);
	index_rescan(scan, NULL, 0, &key, 1);
	while (seen < want && index_getnext_slot(scan, ForwardScanDirection, slot))
	{
		bool		isnull;
		Datum		d = slot_getattr(slot, lib->col, &isnull);

		seen++;
		if (!isnull)
			consider(ms, d, &slot->tts_tid);
	}
	index_endscan(scan);
	ExecDropSingleTupleTableSlot(slot);
	index_close(index, NoLock);
	table_close(heap, NoLock);
}

static int
cmp_hit_ctid(const void *a, const void *b)
{
	return ItemPointerCompare(&((match_hit *) a)->ctid, &((match_hit *) b)->ctid);
}

/* Primary keys of the rows kept from the index, in one query. */
static void
fetch_keys(match_state *ms, const library_info *lib, MemoryContext caller)
{
	size_t		n = ms->heap.n;
	match_hit  *sorted;
	Datum	   *tids;
	Oid			argtype = TIDARRAYOID;
	Datum		arg;

	if (!lib->has_key || n == 0)
		return;
	sorted = palloc(sizeof(match_hit) * n);
	tids = palloc(sizeof(Datum) * n);
	for (size_t i = 0; i < n; i++)
	{
		sorted[i] = ms->hits[i];
		sorted[i].key = (char *) &ms->hits[i];	/* back-pointer while sorted */
		tids[i] = PointerGetDatum(&ms->hits[i].ctid);
	}
	qsort(sorted, n, sizeof(match_hit), cmp_hit_ctid);
	arg = PointerGetDatum(construct_array(tids, (int) n, TIDOID, sizeof(ItemPointerData), false,
										  TYPALIGN_SHORT));
	if (SPI_execute_with_args(lib->key_sql, 1, &argtype, &arg, NULL, true, 0) != SPI_OK_SELECT)
		elog(ERROR, "gs_match could not read the keys of \"%s\"", lib->relname);
	for (uint64 r = 0; r < SPI_processed; r++)
	{
		bool		isnull;
		match_hit	probe;
		match_hit  *found;
		Datum		key;

		probe.ctid = *(ItemPointer) DatumGetPointer(SPI_getbinval(SPI_tuptable->vals[r],
																	SPI_tuptable->tupdesc, 1, &isnull));
		found = bsearch(&probe, sorted, n, sizeof(match_hit), cmp_hit_ctid);
		key = SPI_getbinval(SPI_tuptable->vals[r], SPI_tuptable->tupdesc, 2, &isnull);
		if (found && !isnull)
			((match_hit *) found->key)->key = MemoryContextStrdup(caller, TextDatumGetCString(key));
	}
	pfree(sorted);
	pfree(tids);
}

/* ------------------------------------------------------------------------
 * gs_match(query, library, k, metric, preprocess, column_name)
 */
Datum
gs_pg_match(PG_FUNCTION_ARGS)
{
	MemoryContext caller = CurrentMemoryContext;
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	gs_prep_options popts;
	match_state ms = {0};
	library_info lib;
	int			k;
	ErrorContextCallback errcb;

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
	ms.metric = parse_metric(PG_GETARG_TEXT_PP(3));
	if (!PG_ARGISNULL(4))
	{
		parse_preprocess(PG_GETARG_JSONB_P(4), &popts);
		if (popts.grid || popts.baseline || popts.normalize)
			ms.prep = &popts;
	}
	/* the index holds raw spectra: with preprocessing only the exact scan is right */
	lib = open_library(PG_GETARG_OID(1), get_fn_expr_argtype(fcinfo->flinfo, 0),
					   PG_ARGISNULL(5) ? NULL : PG_GETARG_TEXT_PP(5), ms.metric, ms.prep != NULL);

	InitMaterializedSRF(fcinfo, 0);
	/* a NULL query matches nothing, like a comparison with NULL */
	if (PG_ARGISNULL(0))
		return (Datum) 0;

	ms.qraw = gs_packed_view(PG_GETARG_SPECTRUM_P(0));
	ms.query = prepared(ms.prep, &ms.qraw, &ms.qraw);
	if (ms.query.n == 0)
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("the query spectrum does not overlap the preprocess grid"),
				errdetail("The query spans %g to %g %s; the grid %g to %g.",
						  gs_view_xmin(&ms.qraw), gs_view_xmax(&ms.qraw), gs_unit_name(ms.qraw.unit),
						  popts.grid_start, popts.grid_stop));

	ms.hits = palloc0(sizeof(match_hit) * k);
	gs_topk_init(&ms.heap, palloc(sizeof(gs_topk_item) * k), (size_t) k);
	ms.rowcxt = AllocSetContextCreate(caller, "gs_match row", ALLOCSET_DEFAULT_SIZES);
	ms.mc.relname = lib.relname;

	errcb.callback = match_error_context;
	errcb.arg = &ms.mc;
	errcb.previous = error_context_stack;
	error_context_stack = &errcb;
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	if (OidIsValid(lib.index))
		scan_index(&ms, &lib, PG_GETARG_DATUM(0), k);
	else
		scan_library(&ms, &lib, caller);
	error_context_stack = errcb.previous;

	if (ms.no_overlap > 0)
		ereport(NOTICE,
				errmsg_plural("%lld library row does not overlap the query and was skipped",
							  "%lld library rows do not overlap the query and were skipped",
							  ms.no_overlap, (long long) ms.no_overlap),
				errdetail("The query spans %g to %g %s.", gs_view_xmin(&ms.query),
						  gs_view_xmax(&ms.query), gs_unit_name(ms.query.unit)));
	if (ms.undefined > 0)
		ereport(NOTICE,
				errmsg_plural("%lld library row has no defined %s score and was skipped",
							  "%lld library rows have no defined %s score and were skipped",
							  ms.undefined, (long long) ms.undefined, metric_names[ms.metric]),
				errdetail("Correlation is undefined for a constant spectrum, cosine and spectral angle for an all-zero one."));

	gs_topk_sort(&ms.heap);
	if (OidIsValid(lib.index))
		fetch_keys(&ms, &lib, caller);
	SPI_finish();

	for (size_t i = 0; i < ms.heap.n; i++)
	{
		const gs_topk_item *it = &ms.heap.items[i];
		match_hit  *h = &ms.hits[it->slot];
		Datum		values[4];
		bool		nulls[4] = {false, h->key == NULL, false, false};

		values[0] = Int32GetDatum((int32) i + 1);
		values[1] = h->key ? CStringGetTextDatum(h->key) : (Datum) 0;
		values[2] = PointerGetDatum(&h->ctid);
		values[3] = Float8GetDatum(ms.metric == METRIC_CORRELATION ? -it->cost : it->cost);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	MemoryContextDelete(ms.rowcxt);
	return (Datum) 0;
}
