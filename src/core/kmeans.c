#include "kmeans.h"

#include <math.h>
#include <string.h>

#include "fixed_vector.h"

/* splitmix64: small, seedable, good enough to pick seeds */
static uint64_t
next_random(uint64_t *state)
{
	uint64_t	z = (*state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* uniform in [0, 1) */
static double
next_unit(uint64_t *state)
{
	return (double) (next_random(state) >> 11) * (1.0 / 9007199254740992.0);
}

size_t
gs_kmeans_work_size(size_t n, size_t dim, size_t k)
{
	return n * sizeof(double)	/* distance to the nearest center */
		+ k * dim * sizeof(double)	/* sums */
		+ k * sizeof(size_t)	/* counts */
		+ n * sizeof(size_t);	/* assignments */
}

size_t
gs_kmeans_nearest(const float *centers, size_t k, size_t dim, const float *v)
{
	size_t		best = 0;
	float		bestd = INFINITY;

	for (size_t c = 0; c < k; c++)
	{
		float		d = gs_vec_l2sq(centers + c * dim, v, dim);

		if (d < bestd)
		{
			bestd = d;
			best = c;
		}
	}
	return best;
}

static void
unit_length(float *v, size_t dim)
{
	double		s = 0;

	for (size_t i = 0; i < dim; i++)
		s += (double) v[i] * v[i];
	if (s > 0)
	{
		double		inv = 1 / sqrt(s);

		for (size_t i = 0; i < dim; i++)
			v[i] = (float) (v[i] * inv);
	}
}

/* k-means++: each next seed drawn with probability proportional to D² */
static void
seed_centers(const float *x, size_t n, size_t dim, size_t k, uint64_t *rng, float *centers,
			 double *dmin)
{
	size_t		first = (size_t) (next_unit(rng) * (double) n);

	memcpy(centers, x + first * dim, dim * sizeof(float));
	for (size_t i = 0; i < n; i++)
		dmin[i] = gs_vec_l2sq(x + i * dim, centers, dim);
	for (size_t c = 1; c < k; c++)
	{
		double		total = 0,
					target,
					acc = 0;
		size_t		pick = n - 1;

		for (size_t i = 0; i < n; i++)
			total += dmin[i];
		if (total > 0)
		{
			target = next_unit(rng) * total;
			for (size_t i = 0; i < n; i++)
			{
				acc += dmin[i];
				if (acc > target)
				{
					pick = i;
					break;
				}
			}
		}
		else					/* fewer distinct points than k: any point */
			pick = (size_t) (next_unit(rng) * (double) n);
		memcpy(centers + c * dim, x + pick * dim, dim * sizeof(float));
		for (size_t i = 0; i < n; i++)
		{
			double		d = gs_vec_l2sq(x + i * dim, centers + c * dim, dim);

			if (d < dmin[i])
				dmin[i] = d;
		}
	}
}

gs_status
gs_kmeans(const float *x, size_t n, size_t dim, size_t k, bool spherical, uint64_t seed,
		  int max_iter, float *centers, void *work, int *iterations, gs_error *err)
{
	double	   *dmin = work;
	double	   *sums = dmin + n;
	size_t	   *counts = (size_t *) (sums + k * dim);
	size_t	   *assign = counts + k;
	uint64_t	rng = seed;
	int			it = 0;

	if (k < 1 || k > n || dim < 1)
		return gs_fail(err, GS_ERR_PARAM, "k-means needs 1 <= k <= n and dim >= 1 (k %zu, n %zu, dim %zu)",
					   k, n, dim);
	for (size_t i = 0; i < n * dim; i++)
		if (!isfinite(x[i]))
			return gs_fail(err, GS_ERR_PARAM, "k-means input has a non-finite value");

	seed_centers(x, n, dim, k, &rng, centers, dmin);
	for (size_t i = 0; i < n; i++)
		assign[i] = SIZE_MAX;

	while (it < max_iter)
	{
		size_t		changed = 0;

		it++;
		for (size_t i = 0; i < n; i++)
		{
			size_t		c = gs_kmeans_nearest(centers, k, dim, x + i * dim);

			dmin[i] = gs_vec_l2sq(x + i * dim, centers + c * dim, dim);
			changed += c != assign[i];
			assign[i] = c;
		}
		if (changed == 0)
			break;

		memset(sums, 0, k * dim * sizeof(double));
		memset(counts, 0, k * sizeof(size_t));
		for (size_t i = 0; i < n; i++)
		{
			double	   *s = sums + assign[i] * dim;

			counts[assign[i]]++;
			for (size_t j = 0; j < dim; j++)
				s[j] += x[i * dim + j];
		}
		for (size_t c = 0; c < k; c++)
		{
			if (counts[c] == 0)
			{
				/* re-seed an empty cluster with the worst-served point */
				size_t		far = 0;

				for (size_t i = 1; i < n; i++)
					if (dmin[i] > dmin[far])
						far = i;
				memcpy(centers + c * dim, x + far * dim, dim * sizeof(float));
				dmin[far] = 0;
				assign[far] = c;
				continue;
			}
			for (size_t j = 0; j < dim; j++)
				centers[c * dim + j] = (float) (sums[c * dim + j] / (double) counts[c]);
			if (spherical)
				unit_length(centers + c * dim, dim);
		}
	}
	if (iterations)
		*iterations = it;
	return GS_OK;
}
