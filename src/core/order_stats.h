/*
 * order_stats.h — medians in linear expected time, for the robust noise
 * estimates of denoising and SNR.
 */
#ifndef GS_ORDER_STATS_H
#define GS_ORDER_STATS_H

#include <stddef.h>

/*
 * numpy.median of v[0..n-1] (n >= 1): the middle value, or the mean of the two
 * middle values when n is even.  Reorders v.
 */
double		gs_median_inplace(double *v, size_t n);

#endif
