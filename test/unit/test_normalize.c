#include <stdlib.h>
#include <string.h>

#include "derivative.h"
#include "golden.h"
#include "normalize.h"

static const char *const norm_methods[] = {"minmax", "area", "vector", "snv", "max"};

static void
check_array(const char *what, size_t c, const double *out, const double *ref, size_t n)
{
	double		tol = 1e-9 * max_abs(ref, n);

	for (size_t i = 0; i < n; i++)
	{
		if (!(fabs(out[i] - ref[i]) <= 1e-6 * fabs(ref[i]) + tol))
		{
			gs_test_fail(__FILE__, __LINE__, "case %zu %s at %zu: %.17g, numpy %.17g", c, what, i, out[i], ref[i]);
			return;
		}
	}
}

/* numpy.gradient (once, twice) and the numpy expressions of the normalizations */
GS_TEST(test_normalize_and_derivative_match_numpy)
{
	golden_file g;
	size_t		cases;

	if (!golden_open(&g, "std_a_misc.bin"))
		return;
	cases = (size_t) golden_scalar(&g, "count");
	CHECK(cases >= 8);
	for (size_t c = 0; c < cases; c++)
	{
		size_t		n,
					k;
		double	   *x = golden_array(&g, &n, "misc%zu/x", c),
				   *y = golden_array(&g, &n, "misc%zu/y", c),
				   *out = malloc(n * sizeof(double)),
				   *scratch = malloc(n * sizeof(double));
		gs_error	err;

		for (int order = 1; order <= 2; order++)
		{
			double	   *ref = golden_array(&g, &k, "misc%zu/gradient%d", c, order);

			CHECK(gs_derivative(x, y, n, order, out, scratch, &err) == GS_OK);
			check_array(order == 1 ? "gradient" : "gradient twice", c, out, ref, n);
			free(ref);
		}
		for (size_t m = 0; m < sizeof(norm_methods) / sizeof(norm_methods[0]); m++)
		{
			double	   *ref = golden_array(&g, &k, "misc%zu/%s", c, norm_methods[m]);
			gs_norm_method method;

			CHECK(gs_norm_method_parse(norm_methods[m], &method, &err) == GS_OK);
			CHECK_MSG(gs_normalize(x, y, n, method, NAN, out, &err) == GS_OK, "%s", err.msg);
			check_array(norm_methods[m], c, out, ref, n);
			free(ref);
		}
		free(x);
		free(y);
		free(out);
		free(scratch);
	}
	golden_close(&g);
}

GS_TEST(test_normalize_peak_and_zero_denominators)
{
	double		x[] = {0, 1, 2, 3},
				y[] = {1, 2, 4, 2},
				zero[] = {0, 0, 0, 0},
				flat[] = {3, 3, 3, 3},
				odd[] = {1, -1, 1, -1},
				out[4];
	gs_norm_method m;
	gs_error	err;

	CHECK(gs_normalize(x, y, 4, GS_NORM_PEAK, 1.5, out, &err) == GS_OK);
	CHECK_CLOSE(out[2], 4.0 / 3.0, 1e-15, 0);
	CHECK(gs_normalize(x, y, 4, GS_NORM_PEAK, 7, out, &err) == GS_ERR_PARAM);
	CHECK(strstr(err.msg, "outside") != NULL);
	CHECK(gs_normalize(x, odd, 4, GS_NORM_PEAK, 0.5, out, &err) == GS_ERR_PARAM);
	CHECK(gs_normalize(x, flat, 4, GS_NORM_MINMAX, NAN, out, &err) == GS_ERR_PARAM);
	CHECK(strstr(err.msg, "constant") != NULL);
	CHECK(gs_normalize(x, flat, 4, GS_NORM_SNV, NAN, out, &err) == GS_ERR_PARAM);
	CHECK(gs_normalize(x, zero, 4, GS_NORM_VECTOR, NAN, out, &err) == GS_ERR_PARAM);
	CHECK(gs_normalize(x, zero, 4, GS_NORM_MAX, NAN, out, &err) == GS_ERR_PARAM);
	/* trapezoid area of 1,-1,1,-1 is 0 */
	CHECK(gs_normalize(x, odd, 4, GS_NORM_AREA, NAN, out, &err) == GS_ERR_PARAM);
	CHECK(strstr(err.msg, "area") != NULL);
	CHECK(gs_normalize(x, y, 1, GS_NORM_AREA, NAN, out, &err) == GS_ERR_PARAM);
	CHECK(gs_norm_method_parse("l2", &m, &err) == GS_ERR_PARAM);
	CHECK(strstr(err.hint, "minmax, area, vector, snv, max, peak") != NULL);
	/* in place */
	memcpy(out, y, sizeof(y));
	CHECK(gs_normalize(x, out, 4, GS_NORM_MAX, NAN, out, &err) == GS_OK);
	CHECK_CLOSE(out[2], 1, 0, 0);
	/* without an axis: fine where none is read, an error where one is */
	CHECK(gs_normalize(NULL, y, 4, GS_NORM_VECTOR, NAN, out, &err) == GS_OK);
	CHECK_CLOSE(out[2], 4 / 5.0, 1e-15, 0);
	CHECK(gs_normalize(NULL, y, 4, GS_NORM_AREA, NAN, out, &err) == GS_ERR_PARAM);
	CHECK(strstr(err.msg, "needs the axis") != NULL);
	CHECK(gs_normalize(NULL, y, 4, GS_NORM_PEAK, 1, out, &err) == GS_ERR_PARAM);
}

GS_TEST(test_derivative_bad_inputs)
{
	double		x[] = {0, 1, 3},
				y[] = {0, 1, 9},
				out[3],
				scratch[3];
	gs_error	err;

	CHECK(gs_derivative(x, y, 3, 3, out, scratch, &err) == GS_ERR_PARAM);
	CHECK(gs_derivative(x, y, 1, 1, out, scratch, &err) == GS_ERR_PARAM);
	CHECK(gs_derivative(x, y, 2, 1, out, scratch, &err) == GS_OK);
	CHECK_CLOSE(out[0], 1, 0, 0);
	CHECK_CLOSE(out[1], 1, 0, 0);
	/* a parabola's gradient is exact inside, even on an uneven axis */
	CHECK(gs_derivative(x, y, 3, 1, out, NULL, &err) == GS_OK);
	CHECK_CLOSE(out[1], 2, 1e-15, 0);
	y[1] = INFINITY;
	CHECK(gs_derivative(x, y, 3, 1, out, NULL, &err) == GS_ERR_PARAM);
}
