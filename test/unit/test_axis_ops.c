#include <string.h>

#include "axis_ops.h"
#include "gs_test.h"
#include "view_arrays.h"

GS_TEST(test_axis_crop)
{
	float		y[] = {1, 2, 3, 4, 5};
	gs_spectrum_view s = {GS_UNIT_NM, 5, false, NAN, NULL, 400, 0.5, y};
	size_t		first,
				count;
	gs_error	err;

	CHECK(gs_crop_range(&s, 400.5, 401.5, &first, &count, &err) == GS_OK);
	CHECK_EQ_INT(first, 1);
	CHECK_EQ_INT(count, 3);
	CHECK(gs_crop_range(&s, 0, 1000, &first, &count, &err) == GS_OK);
	CHECK_EQ_INT(count, 5);
	CHECK(gs_crop_range(&s, 400.6, 400.9, &first, &count, &err) == GS_ERR_PARAM);
	CHECK(strstr(err.msg, "no point") != NULL);
	CHECK(gs_crop_range(&s, 402, 401, &first, &count, &err) == GS_ERR_PARAM);
	CHECK(gs_crop_range(&s, NAN, 401, &first, &count, &err) == GS_ERR_PARAM);
}

GS_TEST(test_axis_convert)
{
	float		y[] = {1, 2, 3};
	double		xs[] = {100, 1000, 2000},
				x[3];
	float		yo[3];
	gs_spectrum_view nm = {GS_UNIT_NM, 3, false, NAN, NULL, 400, 100, y},
				raman = {GS_UNIT_RAMAN_CM1, 3, true, 532, xs, 0, 0, y},
				nolaser = {GS_UNIT_RAMAN_CM1, 3, false, NAN, xs, 0, 0, y},
				ch = {GS_UNIT_CHANNEL, 3, false, NAN, NULL, 0, 1, y};
	gs_error	err;

	/* nm -> cm-1 reverses: 600 nm first */
	CHECK(gs_convert_axis(&nm, GS_UNIT_CM1, x, yo, &err) == GS_OK);
	CHECK_CLOSE(x[0], 1e7 / 600, 1e-15, 0);
	CHECK_CLOSE(x[2], 1e7 / 400, 1e-15, 0);
	CHECK(yo[0] == 3 && yo[2] == 1);
	CHECK(gs_convert_axis(&raman, GS_UNIT_NM, x, yo, &err) == GS_OK);
	CHECK_CLOSE(x[1], 1e7 / (1e7 / 532 - 1000), 1e-14, 0);
	CHECK(yo[0] == 1);
	CHECK(gs_convert_axis(&nolaser, GS_UNIT_NM, x, yo, &err) == GS_ERR_PARAM);
	CHECK(gs_convert_axis(&ch, GS_UNIT_NM, x, yo, &err) == GS_ERR_UNSUPPORTED);
	/* a shift beyond the laser line has no wavelength */
	xs[2] = 20000;
	CHECK(gs_convert_axis(&raman, GS_UNIT_NM, x, yo, &err) == GS_ERR_PARAM);
	CHECK(strstr(err.msg, "no equivalent") != NULL);
	/* the identity keeps everything */
	CHECK(gs_convert_axis(&nm, GS_UNIT_NM, x, yo, &err) == GS_OK);
	CHECK_CLOSE(x[2], 600, 0, 0);
}

GS_TEST(test_view_arrays)
{
	float		y[] = {1.5f, 2.5f};
	gs_spectrum_view s = {GS_UNIT_NM, 2, false, NAN, NULL, 10, 2, y};
	double		x[2],
				yd[2];

	gs_view_copy_x(&s, x);
	gs_view_copy_y(&s, yd);
	CHECK(x[0] == 10 && x[1] == 12 && yd[0] == 1.5 && yd[1] == 2.5);
}
