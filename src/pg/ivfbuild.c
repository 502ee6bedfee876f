/*
 * ivfbuild.c — CREATE INDEX / REINDEX of gs_ivf.
 *
 * Up to three passes over the table: (1) when grid_start/grid_stop are not
 * given, the grid from the data: the unit and laser of the first spectrum,
 * and from the spectra's ranges (in that unit) the 10th percentile of their
 * starts and the 90th of their stops, so a few unusually wide spectra do not
 * stretch the grid over points most spectra lack; (2) a reservoir sample of
 * lists × 50 vectors, clustered by k-means (kmeans.h) into the lists;
 * (3) every vector appended to the list of its nearest center.  Pages are
 * written without WAL and logged in one go at the end.
 */
#include "ivf.h"

#include <math.h>

#include "access/tableam.h"
#include "access/xloginsert.h"
#include "catalog/index.h"
#include "miscadmin.h"
#include "utils/memutils.h"

#include "kmeans.h"

typedef struct build_state
{
	Relation	index;
	gs_ivf_meta meta;
	gs_fixed_grid grid;
	MemoryContext tmp;
	/* pass 1 */
	bool		have_unit;
	double	   *starts,
			   *stops;
	size_t		nranges,
				cap_ranges;
	/* pass 2 */
	float	   *sample;
	size_t		nsample,
				max_sample;
	uint64		seen;
	uint64		rng;
	/* pass 3 */
	float	   *centers;
	double		indtuples;
} build_state;

static uint64
next_random(uint64 *state)
{
	uint64		z = (*state += UINT64CONST(0x9e3779b97f4a7c15));

	z = (z ^ (z >> 30)) * UINT64CONST(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64CONST(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

static void
range_callback(Relation index, ItemPointer tid, Datum *values, bool *isnull,
			   bool alive, void *arg)
{
	build_state *bs = arg;
	MemoryContext old;
	gs_spectrum_view s;
	double		a,
				b;

	if (isnull[0])
		return;
	old = MemoryContextSwitchTo(bs->tmp);
	s = gs_packed_view(DatumGetSpectrumP(values[0]));
	if (!bs->have_unit)
	{
		bs->have_unit = true;
		bs->meta.unit = s.unit;
		bs->meta.laser_nm = s.has_laser ? s.laser_nm : NAN;
	}
	a = gs_unit_convert(gs_view_xmin(&s), s.unit, s.laser_nm, bs->meta.unit, bs->meta.laser_nm);
	b = gs_unit_convert(gs_view_xmax(&s), s.unit, s.laser_nm, bs->meta.unit, bs->meta.laser_nm);
	MemoryContextSwitchTo(old);
	MemoryContextReset(bs->tmp);
	/* spectra that cannot be converted fail later, with a clear error */
	if (isnan(a) || isnan(b))
		return;
	if (bs->nranges == bs->cap_ranges)
	{
		bs->cap_ranges *= 2;
		bs->starts = repalloc_huge(bs->starts, bs->cap_ranges * sizeof(double));
		bs->stops = repalloc_huge(bs->stops, bs->cap_ranges * sizeof(double));
	}
	bs->starts[bs->nranges] = Min(a, b);
	bs->stops[bs->nranges] = Max(a, b);
	bs->nranges++;
}

static int
cmp_double(const void *a, const void *b)
{
	double		x = *(const double *) a,
				y = *(const double *) b;

	return x < y ? -1 : x > y;
}

static void
sample_callback(Relation index, ItemPointer tid, Datum *values, bool *isnull,
				bool alive, void *arg)
{
	build_state *bs = arg;
	size_t		slot;
	MemoryContext old;

	if (isnull[0])
		return;
	/* reservoir sampling (Algorithm R): each row kept with probability max/seen */
	bs->seen++;
	if (bs->nsample < bs->max_sample)
		slot = bs->nsample++;
	else
	{
		uint64		r = next_random(&bs->rng) % bs->seen;

		if (r >= bs->max_sample)
			return;
		slot = (size_t) r;
	}
	old = MemoryContextSwitchTo(bs->tmp);
	if (!bs->have_unit)
	{
		/* the grid was given: its unit is the first spectrum's */
		gs_spectrum_view s = gs_packed_view(DatumGetSpectrumP(values[0]));

		bs->have_unit = true;
		bs->meta.unit = bs->grid.unit = s.unit;
		bs->meta.laser_nm = bs->grid.laser_nm = s.has_laser ? s.laser_nm : NAN;
	}
	{
		/* k-means clusters dense vectors: no value counts as 0 */
		float	   *v = palloc(sizeof(float) * bs->grid.dim);

		gs_pg_ivf_vector(index, &bs->grid, values[0], v);
		gs_vec_dense(v, bs->grid.dim, bs->meta.cosine, bs->sample + slot * bs->grid.dim);
	}
	MemoryContextSwitchTo(old);
	MemoryContextReset(bs->tmp);
}

static void
insert_callback(Relation index, ItemPointer tid, Datum *values, bool *isnull,
				bool alive, void *arg)
{
	build_state *bs = arg;
	MemoryContext old;
	float	   *v;

	if (isnull[0])
		return;
	old = MemoryContextSwitchTo(bs->tmp);
	v = palloc(sizeof(float) * bs->grid.dim);
	gs_pg_ivf_vector(index, &bs->grid, values[0], v);
	gs_pg_ivf_append(index, &bs->meta,
					 gs_pg_ivf_nearest(&bs->meta, bs->centers, sizeof(float) * bs->grid.dim,
									   bs->meta.nlists, v),
					 tid, v, false);
	MemoryContextSwitchTo(old);
	MemoryContextReset(bs->tmp);
	bs->indtuples++;
}

static Buffer
new_page(Relation index, Size special)
{
	Buffer		buf = ReadBuffer(index, P_NEW);

	LockBuffer(buf, BUFFER_LOCK_EXCLUSIVE);
	gs_pg_ivf_init_page(BufferGetPage(buf), special);
	MarkBufferDirty(buf);
	return buf;
}

/* The metapage and the list pages, lists with empty chains. */
static void
write_meta_and_lists(Relation index, gs_ivf_meta *meta, const float *centers)
{
	Size		lsize = GS_IVF_LIST_SIZE(meta->dim);
	gs_ivf_list *item = palloc0(lsize);
	Buffer		buf = new_page(index, 0);
	Page		page;
	int			list = 0;

	Assert(BufferGetBlockNumber(buf) == GS_IVF_METAPAGE);
	meta->list_blocks = 0;
	while (list < meta->nlists)
	{
		Buffer		lbuf = new_page(index, 0);
		Page		lpage = BufferGetPage(lbuf);

		meta->list_blocks++;
		for (; list < meta->nlists && PageGetFreeSpace(lpage) >= lsize; list++)
		{
			item->head = item->tail = InvalidBlockNumber;
			memcpy(item->center, centers + (size_t) list * meta->dim, sizeof(float) * meta->dim);
			if (PageAddItem(lpage, (Item) item, lsize, InvalidOffsetNumber, false, false) == InvalidOffsetNumber)
				elog(ERROR, "failed to add a list to gs_ivf index \"%s\"", RelationGetRelationName(index));
		}
		UnlockReleaseBuffer(lbuf);
	}
	page = BufferGetPage(buf);
	memcpy(PageGetContents(page), meta, sizeof(*meta));
	((PageHeader) page)->pd_lower = (char *) PageGetContents(page) + sizeof(*meta) - (char *) page;
	UnlockReleaseBuffer(buf);
	pfree(item);
}

IndexBuildResult *
gs_pg_ivf_build(Relation heap, Relation index, IndexInfo *info)
{
	gs_ivf_options *opts = (gs_ivf_options *) index->rd_options;
	int			lists = opts ? opts->lists : GS_IVF_DEFAULT_LISTS;
	int			dim = opts ? opts->grid_points : GS_IVF_DEFAULT_POINTS;
	double		start = opts ? opts->grid_start : NAN,
				stop = opts ? opts->grid_stop : NAN;
	build_state bs = {0};
	IndexBuildResult *result;

	if (RelationGetNumberOfBlocks(index) != 0)
		elog(ERROR, "index \"%s\" already contains data", RelationGetRelationName(index));
	if (isnan(start) != isnan(stop) || (!isnan(start) && !(stop > start)))
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("invalid grid of gs_ivf index \"%s\"", RelationGetRelationName(index)),
				errdetail("Give both grid_start and grid_stop, with grid_stop > grid_start, or neither."));

	bs.index = index;
	bs.tmp = AllocSetContextCreate(CurrentMemoryContext, "gs_ivf build tuple", ALLOCSET_DEFAULT_SIZES);
	bs.meta.magic = GS_IVF_MAGIC;
	bs.meta.version = GS_IVF_VERSION;
	bs.meta.dim = dim;
	bs.meta.cosine = gs_pg_ivf_index_is_cosine(index);
	bs.meta.laser_nm = NAN;

	/* pass 1: unit and grid */
	if (isnan(start))
	{
		bs.cap_ranges = 1024;
		bs.starts = palloc(bs.cap_ranges * sizeof(double));
		bs.stops = palloc(bs.cap_ranges * sizeof(double));
		table_index_build_scan(heap, index, info, true, true, range_callback, &bs, NULL);
		if (bs.nranges > 0)
		{
			qsort(bs.starts, bs.nranges, sizeof(double), cmp_double);
			qsort(bs.stops, bs.nranges, sizeof(double), cmp_double);
			start = bs.starts[bs.nranges / 10];
			stop = bs.stops[bs.nranges - 1 - bs.nranges / 10];
			if (!(stop > start))
				stop = bs.stops[bs.nranges - 1];
			if (!(stop > start))	/* every spectrum at one point */
				stop = start + 1;
		}
		pfree(bs.starts);
		pfree(bs.stops);
	}
	bs.meta.grid_start = start;
	bs.meta.grid_step = (stop - start) / (dim - 1);
	bs.grid = gs_pg_ivf_grid(&bs.meta);

	/* pass 2: the sample, clustered */
	bs.max_sample = (size_t) lists * GS_IVF_SAMPLES_PER_LIST;
	bs.sample = palloc_extended(bs.max_sample * dim * sizeof(float), MCXT_ALLOC_HUGE);
	bs.rng = GS_IVF_KMEANS_SEED;
	if (!isnan(start))
		table_index_build_scan(heap, index, info, true, true, sample_callback, &bs, NULL);
	bs.meta.grid_known = bs.have_unit;
	bs.meta.nlists = (int) Max(Min((size_t) lists, bs.nsample), 1);
	bs.centers = palloc_extended((size_t) bs.meta.nlists * dim * sizeof(float),
								 MCXT_ALLOC_HUGE | MCXT_ALLOC_ZERO);
	if (bs.nsample > 0)
	{
		void	   *work = palloc_extended(gs_kmeans_work_size(bs.nsample, dim, bs.meta.nlists),
										   MCXT_ALLOC_HUGE);
		gs_error	err;

		if (gs_kmeans(bs.sample, bs.nsample, dim, bs.meta.nlists, bs.meta.cosine,
					  GS_IVF_KMEANS_SEED, GS_IVF_KMEANS_ITERATIONS, bs.centers, work, NULL,
					  &err) != GS_OK)
			gs_pg_report(&err);
		pfree(work);
	}
	pfree(bs.sample);
	write_meta_and_lists(index, &bs.meta, bs.centers);

	/* pass 3: every spectrum into its list */
	if (bs.nsample > 0)
		table_index_build_scan(heap, index, info, true, true, insert_callback, &bs, NULL);
	if (RelationNeedsWAL(index))
		log_newpage_range(index, MAIN_FORKNUM, 0, RelationGetNumberOfBlocks(index), true);

	result = palloc(sizeof(IndexBuildResult));
	result->heap_tuples = bs.indtuples;
	result->index_tuples = bs.indtuples;
	MemoryContextDelete(bs.tmp);
	return result;
}

/*
 * An unlogged table's index must be rebuilt from its init fork after a crash;
 * the lists of a built index cannot be expressed there yet.
 */
void
gs_pg_ivf_build_empty(Relation index)
{
	ereport(ERROR,
			errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
			errmsg("gs_ivf indexes on unlogged tables are not supported"));
}
