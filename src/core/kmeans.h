/*
 * kmeans.h — k-means clustering of fixed-length vectors, the lists of the
 * gs_ivf index.
 *
 * k-means++ seeding (Arthur & Vassilvitskii 2007) from a caller-given seed,
 * so an index built twice on the same sample gets the same lists, then Lloyd
 * iterations until no assignment changes or max_iter.  A cluster that ends up
 * empty is re-seeded with the point farthest from its center.  `spherical`
 * scales every center to unit length (for unit-length data: cosine k-means).
 */
#ifndef GS_KMEANS_H
#define GS_KMEANS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "gs_error.h"

/* Bytes of work gs_kmeans needs (aligned for double by the caller). */
size_t		gs_kmeans_work_size(size_t n, size_t dim, size_t k);

/*
 * Clusters x[n][dim] (row-major) into centers[k][dim]; 1 <= k <= n.  Returns
 * the iterations run in *iterations (may be NULL).  GS_ERR_PARAM for k out of
 * range or non-finite data.
 */
gs_status	gs_kmeans(const float *x, size_t n, size_t dim, size_t k, bool spherical,
					  uint64_t seed, int max_iter, float *centers, void *work,
					  int *iterations, gs_error *err);

/* Index of the center nearest to v (squared Euclidean distance). */
size_t		gs_kmeans_nearest(const float *centers, size_t k, size_t dim, const float *v);

#endif
