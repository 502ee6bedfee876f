/*
 * topk.h — the k best of a stream of scored items, in O(k) memory.
 *
 * A search scans every library row once and keeps only the k lowest costs
 * (a metric where higher is better is negated by the caller).  The heap is a
 * max-heap on (cost, tie): its root is the worst item kept, so a new item is
 * rejected or replaces the root in O(log k).  `tie` breaks equal costs, the
 * lower tie winning, which makes the result deterministic and equal to
 * `ORDER BY cost, tie LIMIT k` (the glue passes the row's ctid).
 *
 * The caller keeps a payload per item in an array of k slots of its own:
 * gs_topk_push tells which slot the new item occupies (a free one while the
 * heap fills, then the slot of the item it evicted).
 */
#ifndef GS_TOPK_H
#define GS_TOPK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct gs_topk_item
{
	double		cost;
	uint64_t	tie;
	size_t		slot;			/* index into the caller's payload array */
} gs_topk_item;

typedef struct gs_topk
{
	size_t		k;
	size_t		n;				/* items held, <= k */
	gs_topk_item *items;		/* caller's storage for k items */
} gs_topk;

/* An empty heap over items[0..k-1]; k >= 1. */
void		gs_topk_init(gs_topk *h, gs_topk_item *items, size_t k);

/*
 * Offers an item (cost must not be NaN).  Returns the payload slot it now
 * occupies, or -1 when it is not among the k best so far.
 */
long		gs_topk_push(gs_topk *h, double cost, uint64_t tie);

/* The cost an item must beat (or equal with a lower tie) once full; +inf before. */
double		gs_topk_bound(const gs_topk *h);

/* Sorts the items best first into items[0..n-1]; the heap is spent after this. */
void		gs_topk_sort(gs_topk *h);

#endif
