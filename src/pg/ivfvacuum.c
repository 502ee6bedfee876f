/*
 * ivfvacuum.c — VACUUM of gs_ivf: entries of dead heap tuples are removed
 * from every list's chain.  Emptied pages stay in their chain (a later insert
 * into the list does not reuse them; REINDEX compacts).
 */
#include "ivf.h"

#include "commands/vacuum.h"
#include "miscadmin.h"

IndexBulkDeleteResult *
gs_pg_ivf_bulk_delete(IndexVacuumInfo *info, IndexBulkDeleteResult *stats,
				   IndexBulkDeleteCallback callback, void *state)
{
	Relation	index = info->index;
	gs_ivf_meta meta = gs_pg_ivf_read_meta(index);
	gs_ivf_list *lists = gs_pg_ivf_read_lists(index, &meta);
	Size		lsize = GS_IVF_LIST_SIZE(meta.dim);

	if (stats == NULL)
		stats = palloc0(sizeof(IndexBulkDeleteResult));
	for (int i = 0; i < meta.nlists; i++)
	{
		BlockNumber blk = ((gs_ivf_list *) ((char *) lists + lsize * i))->head;

		while (BlockNumberIsValid(blk))
		{
			Buffer		buf = ReadBufferExtended(index, MAIN_FORKNUM, blk, RBM_NORMAL, info->strategy);
			Page		page;
			OffsetNumber dead[MaxOffsetNumber];
			int			ndead = 0;
			OffsetNumber maxoff;
			BlockNumber next;

			vacuum_delay_point();
			LockBuffer(buf, BUFFER_LOCK_EXCLUSIVE);
			page = BufferGetPage(buf);
			maxoff = PageGetMaxOffsetNumber(page);
			next = GS_IVF_OPAQUE(page)->next;
			for (OffsetNumber off = FirstOffsetNumber; off <= maxoff; off++)
			{
				gs_ivf_entry *e = (gs_ivf_entry *) PageGetItem(page, PageGetItemId(page, off));

				if (callback(&e->tid, state))
					dead[ndead++] = off;
			}
			if (ndead > 0)
			{
				GenericXLogState *xs = GenericXLogStart(index);

				page = GenericXLogRegisterBuffer(xs, buf, 0);
				PageIndexMultiDelete(page, dead, ndead);
				GenericXLogFinish(xs);
			}
			stats->tuples_removed += ndead;
			stats->num_index_tuples += maxoff - ndead;
			UnlockReleaseBuffer(buf);
			blk = next;
		}
	}
	return stats;
}

IndexBulkDeleteResult *
gs_pg_ivf_vacuum_cleanup(IndexVacuumInfo *info, IndexBulkDeleteResult *stats)
{
	if (info->analyze_only)
		return stats;
	/* no bulk delete ran (nothing to remove): leave the tuple count unknown */
	if (stats == NULL)
	{
		stats = palloc0(sizeof(IndexBulkDeleteResult));
		stats->estimated_count = true;
		stats->num_index_tuples = info->num_heap_tuples;
	}
	stats->num_pages = RelationGetNumberOfBlocks(info->index);
	return stats;
}
