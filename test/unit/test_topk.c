#include <stdlib.h>
#include <string.h>

#include "gs_test.h"
#include "topk.h"

typedef struct ref_item
{
	double		cost;
	uint64_t	tie;
} ref_item;

static int
ref_cmp(const void *a, const void *b)
{
	const ref_item *x = a,
			   *y = b;

	if (x->cost != y->cost)
		return x->cost < y->cost ? -1 : 1;
	return x->tie < y->tie ? -1 : (x->tie > y->tie);
}

/* the heap's answer equals sorting everything and taking the first k */
static void
check_against_sort(size_t n, size_t k, int distinct_costs, unsigned seed)
{
	ref_item   *all = malloc(n * sizeof(ref_item));
	gs_topk_item *items = malloc(k * sizeof(gs_topk_item));
	uint64_t   *payload = malloc(k * sizeof(uint64_t));
	gs_topk		h;
	size_t		want = n < k ? n : k;

	srand(seed);
	gs_topk_init(&h, items, k);
	for (size_t i = 0; i < n; i++)
	{
		long		slot;

		all[i].cost = (double) (rand() % distinct_costs) / 7.0;
		all[i].tie = (uint64_t) rand() << 20 | i;	/* unique, unordered */
		slot = gs_topk_push(&h, all[i].cost, all[i].tie);
		if (slot >= 0)
		{
			CHECK(slot < (long) k);
			payload[slot] = all[i].tie;
		}
	}
	qsort(all, n, sizeof(ref_item), ref_cmp);
	gs_topk_sort(&h);
	CHECK_EQ_INT(h.n, want);
	for (size_t i = 0; i < want && i < h.n; i++)
	{
		CHECK_MSG(h.items[i].cost == all[i].cost && h.items[i].tie == all[i].tie,
				  "n=%zu k=%zu rank %zu: got (%g, %llu), want (%g, %llu)", n, k, i,
				  h.items[i].cost, (unsigned long long) h.items[i].tie,
				  all[i].cost, (unsigned long long) all[i].tie);
		CHECK(payload[h.items[i].slot] == h.items[i].tie);
	}
	free(all);
	free(items);
	free(payload);
}

GS_TEST(test_topk_matches_sort)
{
	check_against_sort(1000, 10, 1000000, 1);
	check_against_sort(1000, 10, 3, 2);	/* many ties: the tie key decides */
	check_against_sort(5, 10, 100, 3);	/* fewer items than k */
	check_against_sort(1, 1, 100, 4);
	check_against_sort(5000, 1, 50, 5);
	check_against_sort(300, 300, 20, 6);
}

GS_TEST(test_topk_bound_and_reject)
{
	gs_topk_item items[2];
	gs_topk		h;

	gs_topk_init(&h, items, 2);
	CHECK(isinf(gs_topk_bound(&h)));
	CHECK_EQ_INT(gs_topk_push(&h, 3.0, 1), 0);
	CHECK_EQ_INT(gs_topk_push(&h, 1.0, 2), 1);
	CHECK(gs_topk_bound(&h) == 3.0);
	CHECK_EQ_INT(gs_topk_push(&h, 5.0, 3), -1);
	CHECK_EQ_INT(gs_topk_push(&h, 3.0, 4), -1);	/* equal cost, higher tie loses */
	CHECK_EQ_INT(gs_topk_push(&h, 3.0, 0), 0);	/* lower tie wins, takes the slot */
	CHECK_EQ_INT(gs_topk_push(&h, -1.0, 9), 0);
	gs_topk_sort(&h);
	CHECK(h.items[0].cost == -1.0 && h.items[0].tie == 9);
	CHECK(h.items[1].cost == 1.0 && h.items[1].tie == 2);
}
