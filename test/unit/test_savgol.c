#include <stdlib.h>
#include <string.h>

#include "golden.h"
#include "savgol.h"

/*
 * scipy's savgol_filter(mode='interp'), within 1e-6 of the output's largest
 * magnitude.  Pointwise relative agreement is not a fair test: scipy fits
 * the raw (unscaled) Vandermonde matrix, which for window 31 / polyorder 5
 * loses about 1e-5 relative on near-zero derivatives, where this code agrees
 * with exact rational arithmetic (test_savgol_exact_where_scipy_drifts).
 */
GS_TEST(test_savgol_matches_scipy)
{
	golden_file g;
	size_t		cases,
				configs;

	if (!golden_open(&g, "std_a_savgol.bin"))
		return;
	cases = (size_t) golden_scalar(&g, "count");
	configs = (size_t) golden_scalar(&g, "configs");
	CHECK(cases >= 17);
	for (size_t c = 0; c < cases; c++)
	{
		size_t		n,
					k;
		double	   *y = golden_array(&g, &n, "savgol%zu/y", c),
				   *delta = golden_array(&g, &k, "savgol%zu/delta", c),
				   *out = malloc(n * sizeof(double));

		for (size_t f = 0; f < configs; f++)
		{
			double	   *cfg = golden_array(&g, &k, "savgol%zu/cfg%zu", c, f),
					   *ref = golden_array(&g, &k, "savgol%zu/out%zu", c, f);
			size_t		window = (size_t) cfg[0];
			int			polyorder = (int) cfg[1],
						deriv = (int) cfg[2];
			void	   *scratch = malloc(gs_savgol_scratch_size(window, polyorder));
			gs_error	err;
			double		tol = 1e-6 * max_abs(ref, n);

			CHECK_MSG(gs_savgol(y, n, window, polyorder, deriv, delta[0], out, scratch, &err) == GS_OK,
					  "case %zu: %s", c, err.msg);
			for (size_t i = 0; i < n; i++)
			{
				if (!(fabs(out[i] - ref[i]) <= tol))
				{
					gs_test_fail(__FILE__, __LINE__, "case %zu savgol(%zu, %d, %d) at %zu: %.17g, scipy %.17g",
								 c, window, polyorder, deriv, i, out[i], ref[i]);
					break;
				}
			}
			free(cfg);
			free(ref);
			free(scratch);
		}
		free(y);
		free(delta);
		free(out);
	}
	golden_close(&g);
}

/*
 * Three points of the golden cases where scipy drifts, against the
 * least-squares derivative in exact rational arithmetic (Python fractions
 * over the stored float64 inputs).
 */
GS_TEST(test_savgol_exact_where_scipy_drifts)
{
	static const struct
	{
		int			c;
		size_t		i;
		double		exact;
	}			pts[] = {
		{10, 344, -8.778216812992201e-07},
		{14, 15, 0.0009434867907564747},
		{16, 64, -0.013968392405454286},
	};
	golden_file g;

	if (!golden_open(&g, "std_a_savgol.bin"))
		return;
	for (size_t k = 0; k < sizeof(pts) / sizeof(pts[0]); k++)
	{
		size_t		n,
					one;
		double	   *y = golden_array(&g, &n, "savgol%d/y", pts[k].c),
				   *delta = golden_array(&g, &one, "savgol%d/delta", pts[k].c),
				   *out = malloc(n * sizeof(double));
		void	   *scratch = malloc(gs_savgol_scratch_size(31, 5));
		gs_error	err;

		CHECK(gs_savgol(y, n, 31, 5, 1, delta[0], out, scratch, &err) == GS_OK);
		CHECK_CLOSE(out[pts[k].i], pts[k].exact, 1e-9, 0);
		free(y);
		free(delta);
		free(out);
		free(scratch);
	}
	golden_close(&g);
}

GS_TEST(test_savgol_polynomials_are_exact)
{
	/* a quadratic is reproduced by polyorder >= 2, and its derivatives too */
	double		y[15],
				out[15];
	char		scratch[4096];
	gs_error	err;

	for (int i = 0; i < 15; i++)
		y[i] = 3 + 0.5 * i - 0.25 * i * i;
	CHECK(gs_savgol_scratch_size(7, 3) <= sizeof(scratch));
	CHECK(gs_savgol(y, 15, 7, 3, 0, 1, out, scratch, &err) == GS_OK);
	for (int i = 0; i < 15; i++)
		CHECK_CLOSE(out[i], y[i], 1e-12, 1e-12);
	CHECK(gs_savgol(y, 15, 7, 2, 1, 2.0, out, scratch, &err) == GS_OK);
	for (int i = 0; i < 15; i++)
		CHECK_CLOSE(out[i], (0.5 - 0.5 * i) / 2.0, 1e-12, 1e-12);
	CHECK(gs_savgol(y, 15, 5, 2, 2, 1, out, scratch, &err) == GS_OK);
	for (int i = 0; i < 15; i++)
		CHECK_CLOSE(out[i], -0.5, 1e-12, 1e-12);
}

GS_TEST(test_savgol_bad_inputs)
{
	double		y[5] = {1, 2, 3, 2, 1},
				out[5];
	char		scratch[4096];
	gs_error	err;

	CHECK(gs_savgol(y, 5, 4, 2, 0, 1, out, scratch, &err) == GS_ERR_PARAM);
	CHECK(strstr(err.msg, "odd") != NULL);
	CHECK(gs_savgol(y, 5, 7, 2, 0, 1, out, scratch, &err) == GS_ERR_PARAM);
	CHECK(strstr(err.msg, "longer") != NULL);
	CHECK(gs_savgol(y, 5, 5, 5, 0, 1, out, scratch, &err) == GS_ERR_PARAM);
	CHECK(gs_savgol(y, 5, 5, 2, 3, 1, out, scratch, &err) == GS_ERR_PARAM);
	CHECK(gs_savgol(y, 5, 5, 2, 1, 0, out, scratch, &err) == GS_ERR_PARAM);
	CHECK(gs_savgol(y, 5, 5, -1, 0, 1, out, scratch, &err) == GS_ERR_PARAM);
	y[2] = NAN;
	CHECK(gs_savgol(y, 5, 3, 1, 0, 1, out, scratch, &err) == GS_ERR_PARAM);
	CHECK(strstr(err.msg, "NaN") != NULL);
	/* n = 1, window 1: the identity */
	y[0] = 4;
	CHECK(gs_savgol(y, 1, 1, 0, 0, 1, out, scratch, &err) == GS_OK);
	CHECK_CLOSE(out[0], 4, 0, 1e-15);
}
