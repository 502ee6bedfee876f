#include "topk.h"

#include <math.h>

/* a ranks after b: higher cost, or equal cost and higher tie */
static inline bool
worse(const gs_topk_item *a, const gs_topk_item *b)
{
	return a->cost > b->cost || (a->cost == b->cost && a->tie > b->tie);
}

static void
sift_down(gs_topk_item *it, size_t n, size_t i)
{
	for (;;)
	{
		size_t		l = 2 * i + 1,
					r = l + 1,
					m = i;
		gs_topk_item t;

		if (l < n && worse(&it[l], &it[m]))
			m = l;
		if (r < n && worse(&it[r], &it[m]))
			m = r;
		if (m == i)
			return;
		t = it[i];
		it[i] = it[m];
		it[m] = t;
		i = m;
	}
}

void
gs_topk_init(gs_topk *h, gs_topk_item *items, size_t k)
{
	h->k = k;
	h->n = 0;
	h->items = items;
}

long
gs_topk_push(gs_topk *h, double cost, uint64_t tie)
{
	gs_topk_item cand = {cost, tie, 0};
	size_t		i;

	if (h->n < h->k)
	{
		cand.slot = h->n;
		i = h->n++;
		/* sift up */
		while (i > 0 && worse(&cand, &h->items[(i - 1) / 2]))
		{
			h->items[i] = h->items[(i - 1) / 2];
			i = (i - 1) / 2;
		}
		h->items[i] = cand;
		return (long) cand.slot;
	}
	if (!worse(&h->items[0], &cand))
		return -1;
	cand.slot = h->items[0].slot;
	h->items[0] = cand;
	sift_down(h->items, h->n, 0);
	return (long) cand.slot;
}

double
gs_topk_bound(const gs_topk *h)
{
	return h->n < h->k ? INFINITY : h->items[0].cost;
}

void
gs_topk_sort(gs_topk *h)
{
	/* heapsort: the worst goes to the end each round, so the array ends best first */
	for (size_t n = h->n; n > 1; n--)
	{
		gs_topk_item t = h->items[0];

		h->items[0] = h->items[n - 1];
		h->items[n - 1] = t;
		sift_down(h->items, n - 1, 0);
	}
}
