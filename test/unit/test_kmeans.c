#include <stdlib.h>
#include <string.h>

#include "fixed_vector.h"
#include "gs_test.h"
#include "kmeans.h"

/* three well separated blobs are found exactly, whatever the seed */
GS_TEST(test_kmeans_separated_blobs)
{
	enum {N = 300, D = 4, K = 3};
	float	   *x = malloc(N * D * sizeof(float));
	float		centers[K * D];
	void	   *work = malloc(gs_kmeans_work_size(N, D, K));
	gs_error	err;
	int			iters;

	srand(7);
	for (int i = 0; i < N; i++)
		for (int j = 0; j < D; j++)
			x[i * D + j] = (float) ((i % K) * 100 + (j == i % K ? 10 : 0)
									+ (rand() / (double) RAND_MAX - 0.5));
	for (uint64_t seed = 1; seed <= 5; seed++)
	{
		size_t		seen[K] = {0};

		CHECK_EQ_INT(gs_kmeans(x, N, D, K, false, seed, 50, centers, work, &iters, &err), GS_OK);
		CHECK(iters <= 50);
		/* every point's nearest center is the one of its blob, a bijection */
		for (int i = 0; i < N; i++)
		{
			size_t		c = gs_kmeans_nearest(centers, K, D, x + i * D);
			size_t		c0 = gs_kmeans_nearest(centers, K, D, x + (i % K) * D);

			CHECK(c == c0);
			seen[c]++;
		}
		for (int c = 0; c < K; c++)
			CHECK_EQ_INT(seen[c], N / K);
	}
	/* the same seed gives the same centers */
	{
		float		again[K * D];

		gs_kmeans(x, N, D, K, false, 3, 50, centers, work, NULL, &err);
		gs_kmeans(x, N, D, K, false, 3, 50, again, work, NULL, &err);
		CHECK(memcmp(centers, again, sizeof centers) == 0);
	}
	free(x);
	free(work);
}

GS_TEST(test_kmeans_degenerate_inputs)
{
	float		x[] = {1, 1, 1, 1, 1, 1};	/* three equal 2-d points */
	float		centers[6];
	double		work[128];
	gs_error	err;

	CHECK_EQ_INT(gs_kmeans(x, 3, 2, 3, false, 1, 10, centers, work, NULL, &err), GS_OK);
	for (int i = 0; i < 6; i++)
		CHECK(centers[i] == 1);
	CHECK_EQ_INT(gs_kmeans(x, 3, 2, 4, false, 1, 10, centers, work, NULL, &err), GS_ERR_PARAM);
	x[2] = NAN;
	CHECK_EQ_INT(gs_kmeans(x, 3, 2, 2, false, 1, 10, centers, work, NULL, &err), GS_ERR_PARAM);
}

GS_TEST(test_kmeans_spherical_unit_centers)
{
	float		x[] = {1, 0, 2, 0.1f, 0, 1, 0.1f, 3};
	float		centers[4];
	double		work[128];
	gs_error	err;

	CHECK_EQ_INT(gs_kmeans(x, 4, 2, 2, true, 9, 10, centers, work, NULL, &err), GS_OK);
	for (int c = 0; c < 2; c++)
		CHECK_CLOSE(centers[2 * c] * centers[2 * c] + centers[2 * c + 1] * centers[2 * c + 1], 1, 1e-6, 0);
}

GS_TEST(test_fixed_vector_resamples_and_fills)
{
	/* y = x − 400 on 400..410 step 2, grid 396..412 step 2: zeros outside */
	float		y[] = {0, 2, 4, 6, 8, 10};
	gs_spectrum_view s = {GS_UNIT_NM, 6, false, NAN, NULL, 400, 2, y};
	gs_fixed_grid g = {GS_UNIT_NM, NAN, 396, 1, 17};
	float		v[17];
	gs_error	err;

	CHECK_EQ_INT(gs_fixed_vector(&s, &g, v, NULL, &err), GS_OK);
	for (int i = 0; i < 17; i++)
	{
		double		x = 396 + i;

		if (x >= 400 && x <= 410)
			CHECK_CLOSE(v[i], x - 400, 0, 1e-6);
		else
			CHECK(isnan(v[i]));
	}

	/* the same line on an explicit µm axis; dense and of unit length */
	{
		double		xu[] = {0.400, 0.404, 0.410};
		float		yu[] = {0, 4, 10};
		gs_spectrum_view su = {GS_UNIT_UM, 3, false, NAN, xu, 0, 0, yu};
		float		w[17],
					d[17];
		char		scratch[64];
		double		norm = 0;

		CHECK(gs_fixed_vector_scratch_size(&su, &g) <= sizeof scratch);
		CHECK_EQ_INT(gs_fixed_vector(&su, &g, w, scratch, &err), GS_OK);
		CHECK_CLOSE(w[10], 6, 1e-5, 0);
		gs_vec_dense(w, 17, true, d);
		for (int i = 0; i < 17; i++)
			norm += (double) d[i] * d[i];
		CHECK_CLOSE(norm, 1, 1e-6, 0);
		CHECK_CLOSE(d[10] / d[14], 6.0 / 10.0, 1e-5, 0);
		CHECK(d[3] == 0);
	}
}

GS_TEST(test_masked_distances)
{
	float		a[] = {1, 2, NAN, 4},
				b[] = {1, 0, 5, NAN},
				none[] = {NAN, NAN, NAN, NAN};

	CHECK(gs_vec_masked_l2sq(a, b, 4) == 4);	/* only points 0 and 1 */
	CHECK_CLOSE(gs_vec_masked_cosine(a, b, 4), 1 - 1 / sqrt(5.0), 1e-6, 0);
	CHECK(isinf(gs_vec_masked_l2sq(a, none, 4)));
	CHECK(isinf(gs_vec_masked_cosine(a, none, 4)));
}
