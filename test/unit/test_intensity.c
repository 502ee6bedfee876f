#include <string.h>

#include "gs_test.h"
#include "intensity.h"

GS_TEST(test_intensity_identity_and_formula)
{
	double		x[] = {400, 500, 600},
				y[] = {0.5, 2, -1},
				out[3],
				id[9] = {0, 1, 0, 0, 0, 0, 0, 0, 0},
				m[9] = {0.1, 1.2, -0.01, 0.05, 0.3, 0, -0.02, 0, 0.002};
	gs_error	err;

	CHECK(gs_correct_intensity(x, y, 3, id, NAN, NAN, out, &err) == GS_OK);
	for (int i = 0; i < 3; i++)
		CHECK_CLOSE(out[i], y[i], 0, 0);
	CHECK(gs_correct_intensity(x, y, 3, m, 300, 700, out, &err) == GS_OK);
	for (int k = 0; k < 3; k++)
	{
		double		u = (x[k] - 300) / 400,
					want = 0;

		for (int i = 0; i < 3; i++)
			for (int j = 0; j < 3; j++)
				want += m[3 * i + j] * pow(u, i) * pow(y[k], j);
		CHECK_CLOSE(out[k], want, 1e-14, 1e-15);
	}
	CHECK(gs_correct_intensity(x, y, 3, m, 700, 300, out, &err) == GS_ERR_PARAM);
	m[4] = NAN;
	CHECK(gs_correct_intensity(x, y, 3, m, NAN, NAN, out, &err) == GS_ERR_PARAM);
}

/* Three measured spectra made with a known matrix: the fit gives it back. */
GS_TEST(test_intensity_fit_recovers_matrix)
{
	enum
	{
		N = 200, PAIRS = 3
	};
	double		truth[9] = {0.02, 0.95, 0.03, -0.01, 0.08, -0.02, 0.005, -0.03, 0.01},
				x[N],
				meas[PAIRS][N],
				cert[PAIRS][N],
				m[9];
	gs_intensity_pair pairs[PAIRS];
	gs_error	err;

	for (int i = 0; i < N; i++)
		x[i] = 350 + 10.0 * i;
	for (int p = 0; p < PAIRS; p++)
	{
		for (int i = 0; i < N; i++)
			meas[p][i] = 100 * (p + 1) * (0.2 + 0.8 * exp(-pow((i - 40.0 * (p + 1)) / 25.0, 2)));
		pairs[p] = (gs_intensity_pair) {x, meas[p], cert[p], N};
	}
	/* certified = truth applied to measured over the fixed range 350..2340 */
	for (int p = 0; p < PAIRS; p++)
		CHECK(gs_correct_intensity(x, meas[p], N, truth, 350, 2340, cert[p], &err) == GS_OK);
	CHECK_MSG(gs_fit_transfer_matrix(pairs, PAIRS, 350, 2340, m, &err) == GS_OK, "%s", err.msg);
	for (int k = 0; k < 9; k++)
		CHECK_CLOSE(m[k], truth[k], 1e-7, 1e-12);
	/* own-range default gives the same here: every pair spans 350..2340 */
	CHECK(gs_fit_transfer_matrix(pairs, PAIRS, NAN, NAN, m, &err) == GS_OK);
	CHECK_CLOSE(m[4], truth[4], 1e-7, 1e-12);
}

GS_TEST(test_intensity_fit_underdetermined)
{
	double		x[20],
				flat[20],
				cert[20],
				m[9];
	gs_intensity_pair pair = {x, flat, cert, 20};
	gs_error	err;

	for (int i = 0; i < 20; i++)
	{
		x[i] = i;
		flat[i] = 5;			/* one intensity level cannot fix the y² column */
		cert[i] = 5 + 0.1 * i;
	}
	CHECK(gs_fit_transfer_matrix(&pair, 1, NAN, NAN, m, &err) == GS_ERR_PARAM);
	CHECK(strstr(err.msg, "determine") != NULL);
	pair.n = 5;
	CHECK(gs_fit_transfer_matrix(&pair, 1, NAN, NAN, m, &err) == GS_ERR_PARAM);
	for (int i = 0; i < 20; i++)
		flat[i] = 0;
	pair.n = 20;
	CHECK(gs_fit_transfer_matrix(&pair, 1, NAN, NAN, m, &err) == GS_ERR_PARAM);
}

GS_TEST(test_intensity_pair_from_spectra)
{
	float		my[] = {1, 2, 3, 4},
				cy[] = {10, 30};
	double		cx[] = {1.5, 3.5},
				x[4],
				mv[4],
				cv[4];
	gs_spectrum_view measured = {GS_UNIT_NM, 4, false, NAN, NULL, 1, 1, my};
	gs_spectrum_view certified = {GS_UNIT_NM, 2, false, NAN, cx, 0, 0, cy};
	gs_intensity_pair pair;
	gs_error	err;
	char		scratch[1024];

	CHECK(gs_intensity_pair_scratch_size(&measured, &certified) <= sizeof(scratch));
	/* measured points 2 and 3 lie inside 1.5..3.5; certified there: 15 and 25 */
	CHECK(gs_intensity_pair_from_spectra(&measured, &certified, x, mv, cv, scratch, &pair, &err) == GS_OK);
	CHECK_EQ_INT(pair.n, 2);
	CHECK_CLOSE(pair.x[0], 2, 0, 0);
	CHECK_CLOSE(pair.measured[1], 3, 0, 0);
	CHECK_CLOSE(pair.certified[0], 15, 1e-15, 0);
	CHECK_CLOSE(pair.certified[1], 25, 1e-15, 0);
	certified.unit = GS_UNIT_UM;
	CHECK(gs_intensity_pair_from_spectra(&measured, &certified, x, mv, cv, scratch, &pair, &err) == GS_ERR_PARAM);
}
