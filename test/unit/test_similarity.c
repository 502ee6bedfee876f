#include <stdlib.h>
#include <string.h>

#include "gs_test.h"
#include "similarity.h"

static gs_spectrum_view
uniform(gs_unit unit, double start, double step, const float *y, size_t n)
{
	gs_spectrum_view v = {unit, n, false, NAN, NULL, start, step, y};

	return v;
}

static gs_spectrum_view
explicit_axis(gs_unit unit, const double *x, const float *y, size_t n, double laser)
{
	gs_spectrum_view v = {unit, n, !isnan(laser), laser, x, 0, 0, y};

	return v;
}

GS_TEST(test_similarity_same_grid)
{
	float		a[] = {1, 2, 3, 4},
				b[] = {2, 2, 5, 1};
	gs_spectrum_view va = uniform(GS_UNIT_NM, 400, 1, a, 4),
				vb = uniform(GS_UNIT_NM, 400, 1, b, 4);
	gs_pair_stats st;
	gs_error	err;
	double		dot = 2 + 4 + 15 + 4,
				na = sqrt(30),
				nb = sqrt(34);

	CHECK(gs_pair_compare(&va, &vb, NULL, &st, &err) == GS_OK);
	CHECK_EQ_INT(st.n, 4);
	CHECK_CLOSE(gs_pair_euclidean(&st), sqrt(1 + 0 + 4 + 9), 1e-15, 0);
	CHECK_CLOSE(gs_pair_cosine_distance(&st), 1 - dot / (na * nb), 1e-14, 0);
	CHECK_CLOSE(gs_pair_spectral_angle(&st), acos(dot / (na * nb)), 1e-14, 0);
	/* Pearson by the textbook formula: means 2.5 and 2.5 */
	CHECK_CLOSE(gs_pair_correlation(&st), (-1.5 * -0.5 + -0.5 * -0.5 + 0.5 * 2.5 + 1.5 * -1.5) /
				sqrt(5.0 * 9.0), 1e-14, 0);
}

GS_TEST(test_similarity_interpolates_second_onto_first)
{
	/* a on 0,1,2,3,4; b on 0.5,2.5,4.5 (linear y = 2x): overlap points 1,2,3,4 */
	float		a[] = {9, 1, 1, 1, 1},
				b[] = {1, 5, 9};
	double		xb[] = {0.5, 2.5, 4.5};
	gs_spectrum_view va = uniform(GS_UNIT_NM, 0, 1, a, 5),
				vb = explicit_axis(GS_UNIT_NM, xb, b, 3, NAN);
	gs_pair_stats st;
	gs_error	err;

	CHECK(gs_pair_compare(&va, &vb, NULL, &st, &err) == GS_OK);
	CHECK_EQ_INT(st.n, 4);
	/* b at 1,2,3,4 = 2,4,6,8; a = 1: ssd = 1 + 9 + 25 + 49 */
	CHECK_CLOSE(gs_pair_euclidean(&st), sqrt(84.0), 1e-15, 0);
	CHECK(isnan(gs_pair_correlation(&st)));	/* a is constant there */
}

GS_TEST(test_similarity_converts_units)
{
	/* the same spectrum in nm and in um (reversed as cm-1) compares as identical */
	float		y[] = {1, 3, 2, 5};
	double		x_um[] = {0.4, 0.5, 0.6, 0.7},
				x_cm1[4];
	float		y_rev[4];
	gs_spectrum_view va = uniform(GS_UNIT_NM, 400, 100, y, 4),
				vb = explicit_axis(GS_UNIT_UM, x_um, y, 4, NAN);
	gs_pair_stats st;
	gs_error	err;
	void	   *scratch = malloc(gs_pair_scratch_size(&va, &vb));

	CHECK(gs_pair_compare(&va, &vb, scratch, &st, &err) == GS_OK);
	CHECK_EQ_INT(st.n, 4);
	CHECK_CLOSE(gs_pair_euclidean(&st), 0, 0, 1e-6);
	CHECK_CLOSE(gs_pair_correlation(&st), 1, 1e-12, 0);
	free(scratch);

	for (int i = 0; i < 4; i++)
	{
		x_cm1[i] = 1e7 / (400.0 + 100.0 * (3 - i));
		y_rev[i] = y[3 - i];
	}
	vb = explicit_axis(GS_UNIT_CM1, x_cm1, y_rev, 4, NAN);
	scratch = malloc(gs_pair_scratch_size(&va, &vb));
	CHECK(gs_pair_compare(&va, &vb, scratch, &st, &err) == GS_OK);
	CHECK_EQ_INT(st.n, 4);
	CHECK_CLOSE(gs_pair_euclidean(&st), 0, 0, 1e-5);
	free(scratch);
}

GS_TEST(test_similarity_errors)
{
	float		y[] = {1, 2};
	gs_spectrum_view a = uniform(GS_UNIT_NM, 400, 1, y, 2),
				far = uniform(GS_UNIT_NM, 900, 1, y, 2),
				ch = uniform(GS_UNIT_CHANNEL, 0, 1, y, 2),
				raman = uniform(GS_UNIT_RAMAN_CM1, 100, 1, y, 2);
	gs_pair_stats st;
	gs_error	err;
	char		scratch[64];

	CHECK(gs_pair_compare(&a, &far, NULL, &st, &err) == GS_ERR_PARAM);
	CHECK(strstr(err.msg, "overlap") != NULL);
	CHECK(gs_pair_compare(&a, &ch, scratch, &st, &err) == GS_ERR_UNSUPPORTED);
	CHECK(gs_pair_compare(&a, &raman, scratch, &st, &err) == GS_ERR_PARAM);
	CHECK(strstr(err.msg, "laser") != NULL);
}

GS_TEST(test_similarity_zero_vectors_are_nan)
{
	float		z[] = {0, 0, 0},
				y[] = {1, 2, 3};
	gs_spectrum_view a = uniform(GS_UNIT_NM, 0, 1, z, 3),
				b = uniform(GS_UNIT_NM, 0, 1, y, 3);
	gs_pair_stats st;
	gs_error	err;

	CHECK(gs_pair_compare(&a, &b, NULL, &st, &err) == GS_OK);
	CHECK(isnan(gs_pair_cosine_distance(&st)));
	CHECK(isnan(gs_pair_spectral_angle(&st)));
	CHECK_CLOSE(gs_pair_euclidean(&st), sqrt(14.0), 1e-15, 0);
}
