/*
 * ivfinsert.c — keeping gs_ivf current: a new spectrum goes to the list of
 * its nearest center.  The centers stay those of the build; after the data
 * has changed much, REINDEX re-clusters.
 */
#include "ivf.h"

#include <math.h>

#include "utils/memutils.h"

/*
 * An index built on an empty table learns its grid from the first spectrum
 * inserted: its unit, and its range unless grid_start/grid_stop were given.
 */
static gs_ivf_meta
settle_grid(Relation index, Datum spectrum)
{
	gs_ivf_options *opts = (gs_ivf_options *) index->rd_options;
	Buffer		buf = ReadBuffer(index, GS_IVF_METAPAGE);
	GenericXLogState *state;
	Page		page;
	gs_ivf_meta meta;

	LockBuffer(buf, BUFFER_LOCK_EXCLUSIVE);
	state = GenericXLogStart(index);
	page = GenericXLogRegisterBuffer(state, buf, 0);
	memcpy(&meta, PageGetContents(page), sizeof(meta));
	if (!meta.grid_known)
	{
		gs_spectrum_view s = gs_packed_view(DatumGetSpectrumP(spectrum));
		double		start = opts && !isnan(opts->grid_start) ? opts->grid_start : gs_view_xmin(&s),
					stop = opts && !isnan(opts->grid_stop) ? opts->grid_stop : gs_view_xmax(&s);

		meta.unit = s.unit;
		meta.laser_nm = s.has_laser ? s.laser_nm : NAN;
		meta.grid_start = start;
		meta.grid_step = (stop > start ? stop - start : 1) / (meta.dim - 1);
		meta.grid_known = true;
		memcpy(PageGetContents(page), &meta, sizeof(meta));
		GenericXLogFinish(state);
	}
	else
		GenericXLogAbort(state);
	UnlockReleaseBuffer(buf);
	return meta;
}

bool
gs_pg_ivf_insert(Relation index, Datum *values, bool *isnull, ItemPointer heap_tid,
			  Relation heap, IndexUniqueCheck check_unique, bool index_unchanged,
			  IndexInfo *info)
{
	MemoryContext cxt,
				old;
	gs_ivf_meta meta;
	gs_fixed_grid grid;
	gs_ivf_list *lists;
	float	   *v;

	/* NULL spectra are not indexed: no distance orders them */
	if (isnull[0])
		return false;
	cxt = AllocSetContextCreate(CurrentMemoryContext, "gs_ivf insert", ALLOCSET_DEFAULT_SIZES);
	old = MemoryContextSwitchTo(cxt);

	meta = gs_pg_ivf_read_meta(index);
	if (!meta.grid_known)
		meta = settle_grid(index, values[0]);
	grid = gs_pg_ivf_grid(&meta);
	v = palloc(sizeof(float) * meta.dim);
	gs_pg_ivf_vector(index, &grid, values[0], v);

	lists = gs_pg_ivf_read_lists(index, &meta);
	gs_pg_ivf_append(index, &meta,
					 gs_pg_ivf_nearest(&meta, lists->center, GS_IVF_LIST_SIZE(meta.dim), meta.nlists, v),
					 heap_tid, v, true);

	MemoryContextSwitchTo(old);
	MemoryContextDelete(cxt);
	return false;
}
