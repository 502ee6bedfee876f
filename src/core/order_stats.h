/*
 * order_stats.h — medians in linear expected time and an allocation-free
 * sort, for the robust noise estimates and the SURE threshold.
 */
#ifndef GS_ORDER_STATS_H
#define GS_ORDER_STATS_H

#include <stddef.h>

/*
 * numpy.median of v[0..n-1] (n >= 1): the middle value, or the mean of the two
 * middle values when n is even.  May reorder v (it stays a permutation).
 */
double		gs_median_inplace(double *v, size_t n);

/* Sorts v ascending in place (heapsort: O(n log n), no allocation, unlike qsort). */
void		gs_sort_doubles(double *v, size_t n);

#endif
