/*
 * ivfscan.c — ORDER BY s <-> q / s <=> q over gs_ivf.
 *
 * The first call computes the query's vector, picks the
 * geospectra.ivf_probes lists whose centers are nearest, reads those lists
 * whole and sorts their entries by distance to the query's vector; later
 * calls hand the TIDs out in that order.  Distances are of the vectors, not
 * the operators' (see ivf.h), hence approximate order and no recheck.
 */
#include "ivf.h"

#include <math.h>

#include "access/genam.h"
#include "access/relscan.h"
#include "miscadmin.h"
#include "utils/memutils.h"

typedef struct candidate
{
	float		d;
	ItemPointerData tid;
} candidate;

typedef struct ivf_scan
{
	MemoryContext cxt;
	bool		started;
	Datum		query;
	candidate  *cand;
	size_t		ncand,
				next;
} ivf_scan;

typedef struct list_rank
{
	float		d;
	int			list;
} list_rank;

static int
cmp_candidate(const void *a, const void *b)
{
	const candidate *x = a,
			   *y = b;

	if (x->d != y->d)
		return x->d < y->d ? -1 : 1;
	return ItemPointerCompare((ItemPointer) &x->tid, (ItemPointer) &y->tid);
}

static int
cmp_list_rank(const void *a, const void *b)
{
	const list_rank *x = a,
			   *y = b;

	if (x->d != y->d)
		return x->d < y->d ? -1 : 1;
	return x->list - y->list;
}

IndexScanDesc
gs_pg_ivf_begin_scan(Relation index, int nkeys, int norderbys)
{
	IndexScanDesc scan = RelationGetIndexScan(index, nkeys, norderbys);
	ivf_scan   *so = palloc0(sizeof(ivf_scan));

	so->cxt = AllocSetContextCreate(CurrentMemoryContext, "gs_ivf scan", ALLOCSET_DEFAULT_SIZES);
	scan->opaque = so;
	return scan;
}

void
gs_pg_ivf_rescan(IndexScanDesc scan, ScanKey keys, int nkeys, ScanKey orderbys, int norderbys)
{
	ivf_scan   *so = scan->opaque;

	if (orderbys && scan->numberOfOrderBys > 0)
		memmove(scan->orderByData, orderbys, scan->numberOfOrderBys * sizeof(ScanKeyData));
	MemoryContextReset(so->cxt);
	so->started = false;
	so->cand = NULL;
	so->ncand = so->next = 0;
}

/* Every entry of the probed lists, sorted by distance to the query's vector. */
static void
collect(IndexScanDesc scan, ivf_scan *so)
{
	Relation	index = scan->indexRelation;
	gs_ivf_meta meta = gs_pg_ivf_read_meta(index);
	gs_fixed_grid grid;
	gs_ivf_list *lists;
	list_rank  *ranks;
	float	   *q;
	size_t		cap = 1024;
	int			probes = Min(gs_ivf_probes, meta.nlists);
	Size		lsize = GS_IVF_LIST_SIZE(meta.dim);

	if (!meta.grid_known)		/* built empty, nothing inserted since */
		return;
	grid = gs_pg_ivf_grid(&meta);
	q = palloc(sizeof(float) * meta.dim);
	gs_pg_ivf_vector(index, &grid, so->query, q);

	lists = gs_pg_ivf_read_lists(index, &meta);
	ranks = palloc(sizeof(list_rank) * meta.nlists);
	for (int i = 0; i < meta.nlists; i++)
	{
		ranks[i].d = gs_pg_ivf_distance(&meta, ((gs_ivf_list *) ((char *) lists + lsize * i))->center, q);
		ranks[i].list = i;
	}
	qsort(ranks, meta.nlists, sizeof(list_rank), cmp_list_rank);

	so->cand = palloc_extended(cap * sizeof(candidate), MCXT_ALLOC_HUGE);
	for (int p = 0; p < probes; p++)
	{
		BlockNumber blk = ((gs_ivf_list *) ((char *) lists + lsize * ranks[p].list))->head;

		while (BlockNumberIsValid(blk))
		{
			Buffer		buf = ReadBuffer(index, blk);
			Page		page;
			OffsetNumber maxoff;

			LockBuffer(buf, BUFFER_LOCK_SHARE);
			page = BufferGetPage(buf);
			maxoff = PageGetMaxOffsetNumber(page);
			if (so->ncand + maxoff > cap)
			{
				cap = Max(cap * 2, so->ncand + maxoff);
				so->cand = repalloc_huge(so->cand, cap * sizeof(candidate));
			}
			for (OffsetNumber off = FirstOffsetNumber; off <= maxoff; off++)
			{
				gs_ivf_entry *e = (gs_ivf_entry *) PageGetItem(page, PageGetItemId(page, off));

				so->cand[so->ncand].d = gs_pg_ivf_distance(&meta, e->v, q);
				so->cand[so->ncand].tid = e->tid;
				so->ncand++;
			}
			blk = GS_IVF_OPAQUE(page)->next;
			UnlockReleaseBuffer(buf);
			CHECK_FOR_INTERRUPTS();
		}
	}
	qsort(so->cand, so->ncand, sizeof(candidate), cmp_candidate);
}

bool
gs_pg_ivf_get_tuple(IndexScanDesc scan, ScanDirection dir)
{
	ivf_scan   *so = scan->opaque;

	if (!so->started)
	{
		MemoryContext old = MemoryContextSwitchTo(so->cxt);

		so->started = true;
		if (scan->numberOfOrderBys == 0)
			elog(ERROR, "gs_ivf scans need an ORDER BY distance");
		/* a NULL query orders nothing; the scan returns no rows */
		if (!(scan->orderByData[0].sk_flags & SK_ISNULL))
		{
			so->query = scan->orderByData[0].sk_argument;
			collect(scan, so);
		}
		MemoryContextSwitchTo(old);
	}
	if (so->next >= so->ncand)
		return false;
	scan->xs_heaptid = so->cand[so->next++].tid;
	scan->xs_recheck = false;
	scan->xs_recheckorderby = false;
	return true;
}

void
gs_pg_ivf_end_scan(IndexScanDesc scan)
{
	ivf_scan   *so = scan->opaque;

	MemoryContextDelete(so->cxt);
	pfree(so);
	scan->opaque = NULL;
}
