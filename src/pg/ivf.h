/*
 * ivf.h — gs_ivf, an inverted-file index for spectra (after pgvector's
 * IVFFlat).
 *
 * Each spectrum is stored as a fixed-length vector (fixed_vector.h: the
 * spectrum resampled onto the index's grid, NaN where it has no value) in one of
 * `lists` page chains; the lists are the k-means clusters of a sample taken at
 * CREATE INDEX.  A scan ranks the list centers by distance to the query's
 * vector, reads the geospectra.ivf_probes nearest lists whole, and returns
 * their heap TIDs by approximate distance.  The order is approximate twice
 * over (unprobed lists are missed; vectors only approximate the operators'
 * overlap semantics), so ORDER BY ... LIMIT over this index is approximate,
 * as with pgvector; gs_match re-ranks the candidates exactly.
 *
 * Layout:
 *   block 0          metapage (gs_ivf_meta)
 *   blocks 1..       list pages: items gs_ivf_list (center + chain head/tail)
 *   the rest         entry pages, chained per list: items gs_ivf_entry
 * Every change after the build goes through generic WAL; the build writes
 * its pages unlogged and WAL-logs them all at the end (log_newpage_range).
 */
#ifndef GS_IVF_H
#define GS_IVF_H

#include "gs_pg.h"

#include "access/amapi.h"
#include "access/generic_xlog.h"
#include "nodes/execnodes.h"
#include "storage/bufmgr.h"
#include "utils/relcache.h"

#include "fixed_vector.h"

#define GS_IVF_MAGIC		0x47534956	/* "GSIV" */
#define GS_IVF_VERSION		1
#define GS_IVF_METAPAGE		0
#define GS_IVF_L2_STRATEGY	1	/* <-> */
#define GS_IVF_COSINE_STRATEGY 2	/* <=> */

#define GS_IVF_DEFAULT_LISTS	100
#define GS_IVF_MAX_LISTS		32768
#define GS_IVF_DEFAULT_POINTS	256
#define GS_IVF_MIN_POINTS		8
#define GS_IVF_MAX_POINTS		1000

/* Sample for k-means: this many vectors per list, as pgvector does. */
#define GS_IVF_SAMPLES_PER_LIST 50
#define GS_IVF_KMEANS_ITERATIONS 25
#define GS_IVF_KMEANS_SEED		20260807

/* reloptions */
typedef struct gs_ivf_options
{
	int32		vl_len_;		/* varlena header (do not touch directly!) */
	int			lists;
	int			grid_points;
	double		grid_start;		/* NaN: from the data */
	double		grid_stop;
} gs_ivf_options;

typedef struct gs_ivf_meta
{
	uint32		magic;
	uint32		version;
	int32		dim;
	int32		nlists;
	BlockNumber list_blocks;	/* list pages are blocks 1 .. list_blocks */
	bool		grid_known;		/* false until the first spectrum (empty build) */
	bool		cosine;			/* metric: cosine (else Euclidean) */
	int32		unit;			/* gs_unit */
	double		laser_nm;
	double		grid_start;
	double		grid_step;
} gs_ivf_meta;

typedef struct gs_ivf_list
{
	BlockNumber head;			/* first entry page, or InvalidBlockNumber */
	BlockNumber tail;			/* page new entries go to */
	float		center[FLEXIBLE_ARRAY_MEMBER];
} gs_ivf_list;

typedef struct gs_ivf_entry
{
	ItemPointerData tid;
	uint16		unused;			/* alignment; always zero */
	float		v[FLEXIBLE_ARRAY_MEMBER];
} gs_ivf_entry;

/* special space of entry pages */
typedef struct gs_ivf_page_opaque
{
	BlockNumber next;
	uint16		unused;
	uint16		page_id;		/* GS_IVF_PAGE_ID, for pg_filedump */
} gs_ivf_page_opaque;

#define GS_IVF_PAGE_ID 0xFF91

#define GS_IVF_LIST_SIZE(dim)	MAXALIGN(offsetof(gs_ivf_list, center) + sizeof(float) * (dim))
#define GS_IVF_ENTRY_SIZE(dim)	MAXALIGN(offsetof(gs_ivf_entry, v) + sizeof(float) * (dim))
#define GS_IVF_OPAQUE(page)		((gs_ivf_page_opaque *) PageGetSpecialPointer(page))

/* GUCs */
extern int	gs_ivf_probes;
extern int	gs_match_rerank;

/* ivf.c */
extern void gs_pg_ivf_define_gucs(void);
extern bytea *gs_pg_ivf_options_parse(Datum reloptions, bool validate);

/* ivfutils.c */
extern void gs_pg_ivf_init_page(Page page, Size special);
extern gs_ivf_meta gs_pg_ivf_read_meta(Relation index);
extern gs_fixed_grid gs_pg_ivf_grid(const gs_ivf_meta *meta);
extern float gs_pg_ivf_distance(const gs_ivf_meta *meta, const float *a, const float *b);
extern int	gs_pg_ivf_nearest(const gs_ivf_meta *meta, const float *centers, Size stride, int n,
							  const float *v);
extern bool gs_pg_ivf_index_is_cosine(Relation index);
extern void gs_pg_ivf_vector(Relation index, const gs_fixed_grid *grid, Datum spectrum, float *out);
extern gs_ivf_list *gs_pg_ivf_read_lists(Relation index, const gs_ivf_meta *meta);
extern ItemPointerData gs_pg_ivf_list_position(const gs_ivf_meta *meta, int list);
extern void gs_pg_ivf_append(Relation index, const gs_ivf_meta *meta, int list,
						  ItemPointer heap_tid, const float *v, bool wal);

/* AM callbacks */
extern IndexBuildResult *gs_pg_ivf_build(Relation heap, Relation index, IndexInfo *info);
extern void gs_pg_ivf_build_empty(Relation index);
extern bool gs_pg_ivf_insert(Relation index, Datum *values, bool *isnull, ItemPointer heap_tid,
						  Relation heap, IndexUniqueCheck check_unique, bool index_unchanged,
						  IndexInfo *info);
extern IndexBulkDeleteResult *gs_pg_ivf_bulk_delete(IndexVacuumInfo *info, IndexBulkDeleteResult *stats,
												 IndexBulkDeleteCallback callback, void *state);
extern IndexBulkDeleteResult *gs_pg_ivf_vacuum_cleanup(IndexVacuumInfo *info, IndexBulkDeleteResult *stats);
extern IndexScanDesc gs_pg_ivf_begin_scan(Relation index, int nkeys, int norderbys);
extern void gs_pg_ivf_rescan(IndexScanDesc scan, ScanKey keys, int nkeys, ScanKey orderbys, int norderbys);
extern bool gs_pg_ivf_get_tuple(IndexScanDesc scan, ScanDirection dir);
extern void gs_pg_ivf_end_scan(IndexScanDesc scan);

#endif
