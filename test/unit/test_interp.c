#include <stdlib.h>
#include <string.h>

#include "golden.h"
#include "interp.h"

static const char *const methods[] = {"cubic", "natural", "pchip", "akima", "linear"};

/*
 * Every golden case against scipy: relative 1e-6 with an absolute floor of
 * 1e-9 of the input's largest magnitude (values cross zero).
 */
GS_TEST(test_interp_matches_scipy)
{
	golden_file g;
	size_t		cases;

	if (!golden_open(&g, "std_a_interp.bin"))
		return;
	cases = (size_t) golden_scalar(&g, "count");
	CHECK(cases >= 27);
	for (size_t c = 0; c < cases; c++)
	{
		size_t		n,
					m,
					k;
		double	   *x = golden_array(&g, &n, "interp%zu/x", c),
				   *y = golden_array(&g, &n, "interp%zu/y", c),
				   *xt = golden_array(&g, &m, "interp%zu/xt", c),
				   *out = malloc(m * sizeof(double)),
				   *scratch = malloc(gs_interp_scratch_size(n));
		double		floor_abs = 1e-9 * max_abs(y, n);

		for (int mi = 0; mi < GS_INTERP_COUNT; mi++)
		{
			double	   *ref = golden_array(&g, &k, "interp%zu/%s", c, methods[mi]);
			gs_interp_method method;
			gs_error	err;
			gs_status	rc;

			CHECK(gs_interp_method_parse(methods[mi], &method, &err) == GS_OK);
			rc = gs_interp(x, y, n, method, GS_EXTRAP_ERROR, xt, m, out, scratch, &err);
			if (!ref)
			{
				CHECK_MSG(rc == GS_ERR_PARAM, "case %zu %s: n = %zu must be refused", c, methods[mi], n);
				continue;
			}
			CHECK_MSG(rc == GS_OK, "case %zu %s: %s", c, methods[mi], err.msg);
			for (size_t i = 0; rc == GS_OK && i < m; i++)
			{
				if (!(fabs(out[i] - ref[i]) <= 1e-6 * fabs(ref[i]) + floor_abs))
				{
					gs_test_fail(__FILE__, __LINE__, "case %zu (n %zu) %s at xt[%zu] = %.17g: %.17g, scipy %.17g",
								 c, n, methods[mi], i, xt[i], out[i], ref[i]);
					break;
				}
			}
			free(ref);
		}
		free(x);
		free(y);
		free(xt);
		free(out);
		free(scratch);
	}
	golden_close(&g);
}

GS_TEST(test_interp_extrapolation_modes)
{
	double		x[] = {1, 2, 3, 4},
				y[] = {10, 20, 15, 5},
				xt[] = {0, 1, 2.5, 4, 5},
				out[5],
				scratch[64];
	gs_error	err;

	CHECK(gs_interp_scratch_size(4) <= sizeof(scratch));
	CHECK(gs_interp(x, y, 4, GS_INTERP_CUBIC, GS_EXTRAP_ERROR, xt, 5, out, scratch, &err) == GS_ERR_PARAM);
	CHECK(strstr(err.msg, "outside") != NULL);
	CHECK(strstr(err.hint, "edge") != NULL);
	CHECK(gs_interp(x, y, 4, GS_INTERP_PCHIP, GS_EXTRAP_NAN, xt, 5, out, scratch, &err) == GS_OK);
	CHECK(isnan(out[0]) && isnan(out[4]));
	CHECK_CLOSE(out[1], 10, 0, 1e-12);
	CHECK_CLOSE(out[3], 5, 0, 1e-12);
	CHECK(gs_interp(x, y, 4, GS_INTERP_LINEAR, GS_EXTRAP_EDGE, xt, 5, out, scratch, &err) == GS_OK);
	CHECK_CLOSE(out[0], 10, 0, 0);
	CHECK_CLOSE(out[2], 17.5, 1e-15, 0);
	CHECK_CLOSE(out[4], 5, 0, 0);
}

GS_TEST(test_interp_bad_inputs)
{
	double		x[] = {1, 2, 3},
				y[] = {1, 4, 9},
				far[] = {10, 11},
				unsorted[] = {2, 1.5},
				xdup[] = {1, 1, 3},
				ynan[] = {1, NAN, 9},
				out[3],
				scratch[64];
	gs_interp_method m;
	gs_extrapolation e;
	gs_error	err;

	CHECK(gs_interp_method_parse("spline", &m, &err) == GS_ERR_PARAM);
	CHECK(strstr(err.msg, "spline") != NULL);
	CHECK(strstr(err.hint, "cubic, natural, pchip, akima, linear") != NULL);
	CHECK(gs_extrapolation_parse("clamp", &e, &err) == GS_ERR_PARAM);
	CHECK(gs_extrapolation_parse("edge", &e, &err) == GS_OK && e == GS_EXTRAP_EDGE);
	/* no overlap is an error whatever the mode */
	CHECK(gs_interp(x, y, 3, GS_INTERP_CUBIC, GS_EXTRAP_NAN, far, 2, out, scratch, &err) == GS_ERR_PARAM);
	CHECK(strstr(err.msg, "overlap") != NULL);
	CHECK(gs_interp(x, y, 3, GS_INTERP_CUBIC, GS_EXTRAP_ERROR, unsorted, 2, out, scratch, &err) == GS_ERR_PARAM);
	CHECK(strstr(err.msg, "not sorted at position 2") != NULL);
	/* targets: equal neighbours are fine; NaN or infinity anywhere is named */
	{
		double		ties[] = {1.5, 1.5, 2, 2, 2.5, 2.5, 2.5},
					bad[] = {1.5, 1.6, 1.7, 1.8, NAN, 2.5},
					inf_end[] = {1.5, 2, INFINITY},
					many[7];

		CHECK(gs_interp(x, y, 3, GS_INTERP_CUBIC, GS_EXTRAP_ERROR, ties, 7, many, scratch, &err) == GS_OK);
		CHECK_CLOSE(many[0], many[1], 0, 0);
		CHECK(gs_interp(x, y, 3, GS_INTERP_CUBIC, GS_EXTRAP_NAN, bad, 6, many, scratch, &err) == GS_ERR_PARAM);
		CHECK(strstr(err.msg, "target x[5] is not finite") != NULL);
		CHECK(gs_interp(x, y, 3, GS_INTERP_CUBIC, GS_EXTRAP_NAN, inf_end, 3, many, scratch, &err) == GS_ERR_PARAM);
		CHECK(strstr(err.msg, "target x[3] is not finite") != NULL);
	}
	CHECK(gs_interp(xdup, y, 3, GS_INTERP_CUBIC, GS_EXTRAP_ERROR, x, 3, out, scratch, &err) == GS_ERR_PARAM);
	CHECK(gs_interp(x, ynan, 3, GS_INTERP_LINEAR, GS_EXTRAP_ERROR, x, 3, out, scratch, &err) == GS_ERR_PARAM);
	CHECK(strstr(err.msg, "NaN") != NULL);
	/* minimum sizes: akima 3, splines 2, linear 1 */
	CHECK(gs_interp(x, y, 2, GS_INTERP_AKIMA, GS_EXTRAP_ERROR, x, 2, out, scratch, &err) == GS_ERR_PARAM);
	CHECK(strstr(err.msg, "at least 3") != NULL);
	CHECK(gs_interp(x, y, 1, GS_INTERP_CUBIC, GS_EXTRAP_ERROR, x, 1, out, scratch, &err) == GS_ERR_PARAM);
	CHECK(gs_interp(x, y, 1, GS_INTERP_LINEAR, GS_EXTRAP_ERROR, x, 1, out, scratch, &err) == GS_OK);
	CHECK_CLOSE(out[0], 1, 0, 0);
	CHECK(gs_interp(x, y, 3, GS_INTERP_AKIMA, GS_EXTRAP_ERROR, x, 3, out, scratch, &err) == GS_OK);
	CHECK_CLOSE(out[1], 4, 0, 1e-12);
}

GS_TEST(test_interp_grid_count)
{
	size_t		n;
	gs_error	err;

	CHECK(gs_uniform_grid_count(350, 2500, 0.5, 100000, &n, &err) == GS_OK);
	CHECK_EQ_INT(n, 4301);
	CHECK(gs_uniform_grid_count(0, 0.3, 0.1, 100, &n, &err) == GS_OK);
	CHECK_EQ_INT(n, 4);
	CHECK(gs_uniform_grid_count(0, 1, 0, 100, &n, &err) == GS_ERR_PARAM);
	CHECK(gs_uniform_grid_count(1, 0, 0.1, 100, &n, &err) == GS_ERR_PARAM);
	CHECK(gs_uniform_grid_count(0, 1000, 0.001, 1000, &n, &err) == GS_ERR_LIMIT);
}
