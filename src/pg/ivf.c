/*
 * ivf.c — the gs_ivf access method: handler, reloptions, GUCs and cost
 * estimate.  Build, insert, scan and vacuum live in ivfbuild.c, ivfinsert.c,
 * ivfscan.c and ivfvacuum.c; page helpers in ivfutils.c.
 */
#include "ivf.h"

#include <float.h>
#include <math.h>

#include "access/reloptions.h"
#include "commands/vacuum.h"
#include "utils/guc.h"
#include "utils/selfuncs.h"

PG_FUNCTION_INFO_V1(gs_pg_ivf_handler);

int			gs_ivf_probes = 10;
int			gs_match_rerank = 10;

static relopt_kind ivf_relopt_kind;

void
gs_pg_ivf_define_gucs(void)
{
	ivf_relopt_kind = add_reloption_kind();
	add_int_reloption(ivf_relopt_kind, "lists", "Number of inverted lists (k-means clusters).",
					  GS_IVF_DEFAULT_LISTS, 1, GS_IVF_MAX_LISTS, AccessExclusiveLock);
	add_int_reloption(ivf_relopt_kind, "grid_points",
					  "Points of the fixed-length vector each spectrum is resampled to.",
					  GS_IVF_DEFAULT_POINTS, GS_IVF_MIN_POINTS, GS_IVF_MAX_POINTS, AccessExclusiveLock);
	add_real_reloption(ivf_relopt_kind, "grid_start",
					   "Start of the index's grid, in the unit of the spectra (default: from the data).",
					   NAN, -DBL_MAX, DBL_MAX, AccessExclusiveLock);
	add_real_reloption(ivf_relopt_kind, "grid_stop",
					   "Stop of the index's grid, in the unit of the spectra (default: from the data).",
					   NAN, -DBL_MAX, DBL_MAX, AccessExclusiveLock);

	DefineCustomIntVariable("geospectra.ivf_probes",
							"Number of gs_ivf lists a scan reads.",
							"More lists find more of the true nearest spectra and take longer; "
							"as many as the index has lists makes the scan exhaustive.",
							&gs_ivf_probes, 10, 1, GS_IVF_MAX_LISTS,
							PGC_USERSET, 0, NULL, NULL, NULL);
	DefineCustomIntVariable("geospectra.match_rerank",
							"Candidates per requested match that gs_match takes from a gs_ivf index.",
							"gs_match re-ranks k times this many index candidates exactly.",
							&gs_match_rerank, 10, 1, 10000,
							PGC_USERSET, 0, NULL, NULL, NULL);
}

bytea *
gs_pg_ivf_options_parse(Datum reloptions, bool validate)
{
	static const relopt_parse_elt tab[] = {
		{"lists", RELOPT_TYPE_INT, offsetof(gs_ivf_options, lists)},
		{"grid_points", RELOPT_TYPE_INT, offsetof(gs_ivf_options, grid_points)},
		{"grid_start", RELOPT_TYPE_REAL, offsetof(gs_ivf_options, grid_start)},
		{"grid_stop", RELOPT_TYPE_REAL, offsetof(gs_ivf_options, grid_stop)},
	};

	return (bytea *) build_reloptions(reloptions, validate, ivf_relopt_kind,
									  sizeof(gs_ivf_options), tab, lengthof(tab));
}

/*
 * A scan reads the probed fraction of the index before it returns its first
 * tuple; without an ORDER BY distance the index is useless.
 */
static void
ivf_cost_estimate(PlannerInfo *root, IndexPath *path, double loop_count,
				  Cost *startup, Cost *total, Selectivity *selectivity,
				  double *correlation, double *pages)
{
	GenericCosts costs = {0};
	double		lists,
				ratio;
	Relation	index;

	if (path->indexorderbys == NIL)
	{
		*startup = *total = DBL_MAX;
		*selectivity = 0;
		*correlation = 0;
		*pages = 0;
		return;
	}
	index = index_open(path->indexinfo->indexoid, NoLock);
	lists = RelationGetNumberOfBlocks(index) > 0 ? Max(gs_pg_ivf_read_meta(index).nlists, 1) : 1;
	index_close(index, NoLock);
	ratio = Min((double) gs_ivf_probes / lists, 1.0);

	genericcostestimate(root, path, loop_count, &costs);
	costs.numIndexPages *= ratio;
	costs.indexTotalCost *= ratio;
	*startup = costs.indexTotalCost;
	*total = costs.indexTotalCost;
	*selectivity = ratio;
	*correlation = 0;
	*pages = costs.numIndexPages;
}

static bool
ivf_validate(Oid opclassoid)
{
	/* the opclasses are created by the extension script, not by users */
	return true;
}

Datum
gs_pg_ivf_handler(PG_FUNCTION_ARGS)
{
	IndexAmRoutine *am = makeNode(IndexAmRoutine);

	am->amstrategies = 2;
	am->amsupport = 0;
	am->amoptsprocnum = 0;
	am->amcanorder = false;
	am->amcanorderbyop = true;
	am->amcanbackward = false;
	am->amcanunique = false;
	am->amcanmulticol = false;
	am->amoptionalkey = true;
	am->amsearcharray = false;
	am->amsearchnulls = false;
	am->amstorage = false;
	am->amclusterable = false;
	am->ampredlocks = false;
	am->amcanparallel = false;
	am->amcaninclude = false;
	am->amusemaintenanceworkmem = false;
	am->amparallelvacuumoptions = VACUUM_OPTION_PARALLEL_BULKDEL;
	am->amkeytype = InvalidOid;

	am->ambuild = gs_pg_ivf_build;
	am->ambuildempty = gs_pg_ivf_build_empty;
	am->aminsert = gs_pg_ivf_insert;
	am->ambulkdelete = gs_pg_ivf_bulk_delete;
	am->amvacuumcleanup = gs_pg_ivf_vacuum_cleanup;
	am->amcanreturn = NULL;
	am->amcostestimate = ivf_cost_estimate;
	am->amoptions = gs_pg_ivf_options_parse;
	am->amproperty = NULL;
	am->ambuildphasename = NULL;
	am->amvalidate = ivf_validate;
	am->amadjustmembers = NULL;
	am->ambeginscan = gs_pg_ivf_begin_scan;
	am->amrescan = gs_pg_ivf_rescan;
	am->amgettuple = gs_pg_ivf_get_tuple;
	am->amgetbitmap = NULL;
	am->amendscan = gs_pg_ivf_end_scan;
	am->ammarkpos = NULL;
	am->amrestrpos = NULL;
	am->amestimateparallelscan = NULL;
	am->aminitparallelscan = NULL;
	am->amparallelrescan = NULL;

	PG_RETURN_POINTER(am);
}
