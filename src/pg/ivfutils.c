/*
 * ivfutils.c — what build, insert, scan and vacuum of gs_ivf share: the
 * metapage, the list pages, the vector of a spectrum, appending an entry.
 */
#include "ivf.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "storage/lmgr.h"
#include "utils/lsyscache.h"

void
gs_pg_ivf_init_page(Page page, Size special)
{
	PageInit(page, BLCKSZ, special);
	if (special)
	{
		GS_IVF_OPAQUE(page)->next = InvalidBlockNumber;
		GS_IVF_OPAQUE(page)->unused = 0;
		GS_IVF_OPAQUE(page)->page_id = GS_IVF_PAGE_ID;
	}
}

gs_ivf_meta
gs_pg_ivf_read_meta(Relation index)
{
	Buffer		buf = ReadBuffer(index, GS_IVF_METAPAGE);
	gs_ivf_meta meta;

	LockBuffer(buf, BUFFER_LOCK_SHARE);
	memcpy(&meta, PageGetContents(BufferGetPage(buf)), sizeof(meta));
	UnlockReleaseBuffer(buf);
	if (meta.magic != GS_IVF_MAGIC || meta.version != GS_IVF_VERSION)
		ereport(ERROR,
				errcode(ERRCODE_INDEX_CORRUPTED),
				errmsg("index \"%s\" is not a valid gs_ivf index", RelationGetRelationName(index)),
				errhint("REINDEX it."));
	return meta;
}

gs_fixed_grid
gs_pg_ivf_grid(const gs_ivf_meta *meta)
{
	gs_fixed_grid g = {(gs_unit) meta->unit, meta->laser_nm, meta->grid_start, meta->grid_step,
	(size_t) meta->dim};

	return g;
}

/* The index's metric between two vectors, over the points both have. */
float
gs_pg_ivf_distance(const gs_ivf_meta *meta, const float *a, const float *b)
{
	return meta->cosine ? gs_vec_masked_cosine(a, b, meta->dim)
		: gs_vec_masked_l2sq(a, b, meta->dim);
}

/* The nearest of n centers, `stride` bytes apart (list items or a flat array). */
int
gs_pg_ivf_nearest(const gs_ivf_meta *meta, const float *centers, Size stride, int n, const float *v)
{
	int			best = 0;
	float		bestd = INFINITY;

	for (int i = 0; i < n; i++)
	{
		float		d = gs_pg_ivf_distance(meta, (const float *) ((const char *) centers + stride * i), v);

		if (d < bestd)
		{
			bestd = d;
			best = i;
		}
	}
	return best;
}

/* The cosine opclass carries <=> (strategy 2), the L2 one <-> (strategy 1). */
bool
gs_pg_ivf_index_is_cosine(Relation index)
{
	Oid			type = TupleDescAttr(RelationGetDescr(index), 0)->atttypid;

	return OidIsValid(get_opfamily_member(index->rd_opfamily[0], type, type,
										  GS_IVF_COSINE_STRATEGY));
}

void
gs_pg_ivf_vector(Relation index, const gs_fixed_grid *grid, Datum spectrum, float *out)
{
	gs_packed_spectrum *p = DatumGetSpectrumP(spectrum);
	gs_spectrum_view s = gs_packed_view(p);
	size_t		scratch_size = gs_fixed_vector_scratch_size(&s, grid);
	void	   *scratch = scratch_size ? palloc_extended(scratch_size, MCXT_ALLOC_HUGE) : NULL;
	gs_error	err;

	if (gs_fixed_vector(&s, grid, out, scratch, &err) != GS_OK)
		ereport(ERROR,
				errcode(err.status == GS_ERR_UNSUPPORTED ? ERRCODE_FEATURE_NOT_SUPPORTED
						: ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("spectrum cannot be indexed by \"%s\": %s",
					   RelationGetRelationName(index), err.msg),
				errdetail("The index's grid is in %s; every spectrum it holds must convert to that unit.",
						  gs_unit_name(grid->unit)));
	if (scratch)
		pfree(scratch);
	if ((Pointer) p != DatumGetPointer(spectrum))
		pfree(p);
}

static int
lists_per_page(int dim)
{
	return (BLCKSZ - MAXALIGN(SizeOfPageHeaderData)) / (GS_IVF_LIST_SIZE(dim) + sizeof(ItemIdData));
}

ItemPointerData
gs_pg_ivf_list_position(const gs_ivf_meta *meta, int list)
{
	int			per = lists_per_page(meta->dim);
	ItemPointerData pos;

	ItemPointerSet(&pos, 1 + list / per, FirstOffsetNumber + list % per);
	return pos;
}

/* All list items (centers and chain ends), palloc'd: nlists × GS_IVF_LIST_SIZE. */
gs_ivf_list *
gs_pg_ivf_read_lists(Relation index, const gs_ivf_meta *meta)
{
	Size		size = GS_IVF_LIST_SIZE(meta->dim);
	char	   *all = palloc_extended(size * meta->nlists, MCXT_ALLOC_HUGE);
	int			i = 0;

	for (BlockNumber b = 1; b <= meta->list_blocks; b++)
	{
		Buffer		buf = ReadBuffer(index, b);
		Page		page;

		LockBuffer(buf, BUFFER_LOCK_SHARE);
		page = BufferGetPage(buf);
		for (OffsetNumber off = FirstOffsetNumber; off <= PageGetMaxOffsetNumber(page) && i < meta->nlists; off++)
			memcpy(all + size * i++, PageGetItem(page, PageGetItemId(page, off)), size);
		UnlockReleaseBuffer(buf);
	}
	if (i != meta->nlists)
		elog(ERROR, "gs_ivf index \"%s\" has %d lists, expected %d",
			 RelationGetRelationName(index), i, meta->nlists);
	return (gs_ivf_list *) all;
}

/*
 * Adds an entry at the end of a list's chain, extending it with a new page
 * when the tail is full.  The list page is locked exclusively throughout, so
 * concurrent inserts into one list queue on it and the tail stays right.
 */
void
gs_pg_ivf_append(Relation index, const gs_ivf_meta *meta, int list, ItemPointer heap_tid,
			  const float *v, bool wal)
{
	Size		esize = GS_IVF_ENTRY_SIZE(meta->dim);
	ItemPointerData pos = gs_pg_ivf_list_position(meta, list);
	Buffer		lbuf = ReadBuffer(index, ItemPointerGetBlockNumber(&pos));
	Buffer		tbuf = InvalidBuffer;
	Buffer		nbuf = InvalidBuffer;
	GenericXLogState *state = NULL;
	Page		lpage,
				tpage = NULL,
				npage = NULL;
	gs_ivf_list *item;
	gs_ivf_entry *e = palloc0(esize);

	e->tid = *heap_tid;
	memcpy(e->v, v, sizeof(float) * meta->dim);

	LockBuffer(lbuf, BUFFER_LOCK_EXCLUSIVE);
	if (wal)
	{
		state = GenericXLogStart(index);
		lpage = GenericXLogRegisterBuffer(state, lbuf, 0);
	}
	else
		lpage = BufferGetPage(lbuf);
	item = (gs_ivf_list *) PageGetItem(lpage, PageGetItemId(lpage, ItemPointerGetOffsetNumber(&pos)));

	if (BlockNumberIsValid(item->tail))
	{
		tbuf = ReadBuffer(index, item->tail);
		LockBuffer(tbuf, BUFFER_LOCK_EXCLUSIVE);
		tpage = wal ? GenericXLogRegisterBuffer(state, tbuf, 0) : BufferGetPage(tbuf);
	}
	if (tpage == NULL || PageGetFreeSpace(tpage) < esize)
	{
		/* a new tail page; other backends extend too, hence the lock */
		LockRelationForExtension(index, ExclusiveLock);
		nbuf = ReadBuffer(index, P_NEW);
		LockBuffer(nbuf, BUFFER_LOCK_EXCLUSIVE);
		UnlockRelationForExtension(index, ExclusiveLock);
		npage = wal ? GenericXLogRegisterBuffer(state, nbuf, GENERIC_XLOG_FULL_IMAGE)
			: BufferGetPage(nbuf);
		gs_pg_ivf_init_page(npage, sizeof(gs_ivf_page_opaque));
		if (tpage)
			GS_IVF_OPAQUE(tpage)->next = BufferGetBlockNumber(nbuf);
		else
			item->head = BufferGetBlockNumber(nbuf);
		item->tail = BufferGetBlockNumber(nbuf);
		tpage = npage;
	}
	if (PageAddItem(tpage, (Item) e, esize, InvalidOffsetNumber, false, false) == InvalidOffsetNumber)
		elog(ERROR, "failed to add an entry to gs_ivf index \"%s\"", RelationGetRelationName(index));

	if (wal)
		GenericXLogFinish(state);
	else
	{
		MarkBufferDirty(lbuf);
		if (BufferIsValid(tbuf))
			MarkBufferDirty(tbuf);
		if (BufferIsValid(nbuf))
			MarkBufferDirty(nbuf);
	}
	if (BufferIsValid(nbuf))
		UnlockReleaseBuffer(nbuf);
	if (BufferIsValid(tbuf))
		UnlockReleaseBuffer(tbuf);
	UnlockReleaseBuffer(lbuf);
	pfree(e);
}
