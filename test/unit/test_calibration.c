#include <stdlib.h>
#include <string.h>

#include "calibration.h"
#include "golden.h"

static gs_spectrum_view
uniform_view(double start, double step, const float *y, size_t n)
{
	gs_spectrum_view v = {GS_UNIT_NM, n, false, NAN, NULL, start, step, y};

	return v;
}

/* numpy.polyfit coefficients within 1e-6 relative (a 1e-12 floor of the largest) */
GS_TEST(test_calibration_fit_matches_polyfit)
{
	golden_file g;
	size_t		fits;

	if (!golden_open(&g, "std_a_misc.bin"))
		return;
	fits = (size_t) golden_scalar(&g, "fits");
	CHECK(fits >= 4);
	for (size_t f = 0; f < fits; f++)
	{
		size_t		n,
					k;
		double	   *measured = golden_array(&g, &n, "fit%zu/measured", f),
				   *reference = golden_array(&g, &n, "fit%zu/reference", f),
				   *ref = golden_array(&g, &k, "fit%zu/coeffs", f),
					coeffs[GS_CALIBRATION_MAX_DEGREE + 1];
		int			degree;
		void	   *scratch;
		gs_error	err;

		degree = (int) k - 1;
		scratch = malloc(gs_fit_axis_calibration_scratch_size(n, degree));
		CHECK_MSG(gs_fit_axis_calibration(measured, reference, n, degree, coeffs, scratch, &err) == GS_OK,
				  "%s", err.msg);
		for (size_t i = 0; i < k; i++)
			CHECK_CLOSE(coeffs[i], ref[i], 1e-6, 0);
		free(measured);
		free(reference);
		free(ref);
		free(scratch);
	}
	golden_close(&g);
}

GS_TEST(test_calibration_apply)
{
	float		y[] = {1, 2, 3, 4};
	gs_spectrum_view s = uniform_view(100, 10, y, 4);
	double		shift_gain[] = {5, 2},
				reverse[] = {1000, -1},
				fold[] = {0, -230, 1},	/* vertex at 115: folds the axis */
				x[4];
	float		yo[4];
	gs_error	err;

	CHECK(gs_calibrate_axis(&s, shift_gain, 2, x, yo, &err) == GS_OK);
	CHECK_CLOSE(x[0], 205, 0, 0);
	CHECK_CLOSE(x[3], 265, 0, 0);
	CHECK(yo[0] == 1 && yo[3] == 4);
	CHECK(gs_calibrate_axis(&s, reverse, 2, x, yo, &err) == GS_OK);
	CHECK_CLOSE(x[0], 870, 0, 0);
	CHECK(yo[0] == 4 && yo[3] == 1);
	CHECK(gs_calibrate_axis(&s, fold, 3, x, yo, &err) == GS_ERR_PARAM);
	CHECK(strstr(err.msg, "monotonic") != NULL);
	CHECK(gs_calibrate_axis(&s, fold, 0, x, yo, &err) == GS_ERR_PARAM);
}

GS_TEST(test_calibration_fit_errors)
{
	double		m[] = {100, 100, 200},
				r[] = {101, 101, 202},
				coeffs[4];
	char		scratch[1024];
	gs_error	err;

	CHECK(gs_fit_axis_calibration(m, r, 3, 2, coeffs, scratch, &err) == GS_ERR_PARAM);
	CHECK(strstr(err.msg, "distinct") != NULL);
	CHECK(gs_fit_axis_calibration(m, r, 3, 1, coeffs, scratch, &err) == GS_OK);
	CHECK_CLOSE(coeffs[1], 1.01, 1e-12, 0);
	CHECK_CLOSE(coeffs[0], 0, 0, 1e-10);
	CHECK(gs_fit_axis_calibration(m, r, 3, 12, coeffs, scratch, &err) == GS_ERR_PARAM);
	m[1] = NAN;
	CHECK(gs_fit_axis_calibration(m, r, 3, 1, coeffs, scratch, &err) == GS_ERR_PARAM);
}
