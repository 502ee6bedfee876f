#include <stdlib.h>
#include <string.h>

#include "gs_test.h"
#include "match_prep.h"
#include "similarity.h"

static gs_spectrum_view
uniform(gs_unit unit, double start, double step, const float *y, size_t n)
{
	gs_spectrum_view v = {unit, n, false, NAN, NULL, start, step, y};

	return v;
}

GS_TEST(test_prep_none_is_identity)
{
	float		y[] = {1, 2, 4};
	gs_spectrum_view s = uniform(GS_UNIT_NM, 400, 2, y, 3),
				out;
	gs_prep_options o;
	gs_error	err;

	gs_prep_options_init(&o);
	CHECK_EQ_INT(gs_prep_apply(&o, &s, GS_UNIT_NM, NAN, &gs_malloc_allocator, &out, &err), GS_OK);
	CHECK_EQ_INT(out.n, 3);
	CHECK(out.unit == GS_UNIT_NM);
	CHECK(out.x[2] == 404 && out.y[2] == 4);
	free((void *) out.x);
	free((void *) out.y);
}

GS_TEST(test_prep_grid_partial_cover_linear)
{
	/* y = x − 400 on 400..410 step 2; grid 395..420 step 1.5 keeps 401..410 */
	float		y[] = {0, 2, 4, 6, 8, 10};
	gs_spectrum_view s = uniform(GS_UNIT_NM, 400, 2, y, 6),
				out;
	gs_prep_options o;
	gs_error	err;

	gs_prep_options_init(&o);
	o.grid = true;
	o.grid_start = 395;
	o.grid_stop = 420;
	o.grid_step = 1.5;
	CHECK_EQ_INT(gs_prep_apply(&o, &s, GS_UNIT_NM, NAN, &gs_malloc_allocator, &out, &err), GS_OK);
	CHECK_EQ_INT(out.n, 7);		/* 401, 402.5, ..., 410 */
	CHECK(out.x[0] == 395 + 1.5 * 4);
	for (size_t i = 0; i < out.n; i++)
		CHECK_CLOSE(out.y[i], out.x[i] - 400, 1e-6, 1e-6);
	free((void *) out.x);
	free((void *) out.y);

	/* a grid entirely outside: nothing to compare, not an error */
	o.grid_start = 500;
	o.grid_stop = 600;
	CHECK_EQ_INT(gs_prep_apply(&o, &s, GS_UNIT_NM, NAN, &gs_malloc_allocator, &out, &err), GS_OK);
	CHECK_EQ_INT(out.n, 0);
}

GS_TEST(test_prep_grid_converts_units)
{
	/* the same straight line in µm, resampled onto a grid in nm */
	double		x[] = {0.400, 0.402, 0.404, 0.406};
	float		y[] = {0, 2, 4, 6};
	gs_spectrum_view s = {GS_UNIT_UM, 4, false, NAN, x, 0, 0, y},
				out;
	gs_prep_options o;
	gs_error	err;

	gs_prep_options_init(&o);
	o.grid = true;
	o.grid_start = 400;
	o.grid_stop = 406;
	o.grid_step = 1;
	CHECK_EQ_INT(gs_prep_apply(&o, &s, GS_UNIT_NM, NAN, &gs_malloc_allocator, &out, &err), GS_OK);
	CHECK_EQ_INT(out.n, 7);
	CHECK(out.unit == GS_UNIT_NM);
	for (size_t i = 0; i < out.n; i++)
		CHECK_CLOSE(out.y[i], (double) i, 1e-5, 1e-5);
	free((void *) out.x);
	free((void *) out.y);

	/* channel against nm cannot be converted */
	s.unit = GS_UNIT_CHANNEL;
	CHECK_EQ_INT(gs_prep_apply(&o, &s, GS_UNIT_NM, NAN, &gs_malloc_allocator, &out, &err),
				 GS_ERR_UNSUPPORTED);
}

GS_TEST(test_prep_baseline_and_snv)
{
	/* a peak on a tilted line: rubberband removes the tilt, snv scales */
	float		y[] = {1, 2, 3, 10, 5, 6, 7};
	gs_spectrum_view s = uniform(GS_UNIT_NM, 0, 1, y, 7),
				out;
	gs_prep_options o;
	gs_error	err;
	double		sum = 0,
				ss = 0;

	gs_prep_options_init(&o);
	o.baseline = true;
	o.baseline_method = GS_BASELINE_RUBBERBAND;
	gs_baseline_params_default(GS_BASELINE_RUBBERBAND, &o.baseline_params);
	CHECK_EQ_INT(gs_prep_apply(&o, &s, GS_UNIT_NM, NAN, &gs_malloc_allocator, &out, &err), GS_OK);
	CHECK_EQ_INT(out.n, 7);
	CHECK(out.y[0] == 0 && out.y[6] == 0 && out.y[3] == 6);
	free((void *) out.x);
	free((void *) out.y);

	o.normalize = true;
	o.norm_method = GS_NORM_SNV;
	CHECK_EQ_INT(gs_prep_apply(&o, &s, GS_UNIT_NM, NAN, &gs_malloc_allocator, &out, &err), GS_OK);
	for (size_t i = 0; i < out.n; i++)
	{
		sum += out.y[i];
		ss += (double) out.y[i] * out.y[i];
	}
	CHECK_CLOSE(sum / 7, 0, 0, 1e-6);
	CHECK_CLOSE(ss / 7, 1, 1e-6, 0);
	free((void *) out.x);
	free((void *) out.y);
}

GS_TEST(test_prep_same_grid_compares_exactly)
{
	/* two spectra resampled onto one grid share x bit for bit */
	float		a[] = {1, 3, 2, 5, 4},
				b[] = {2, 1, 4, 3, 6, 2};
	gs_spectrum_view va = uniform(GS_UNIT_NM, 400.1, 0.7, a, 5),
				vb = uniform(GS_UNIT_NM, 399.9, 0.61, b, 6),
				pa,
				pb;
	gs_prep_options o;
	gs_pair_stats st;
	gs_error	err;

	gs_prep_options_init(&o);
	o.grid = true;
	o.grid_start = 400.3;
	o.grid_stop = 402.9;
	o.grid_step = 0.1;
	CHECK_EQ_INT(gs_prep_apply(&o, &va, GS_UNIT_NM, NAN, &gs_malloc_allocator, &pa, &err), GS_OK);
	CHECK_EQ_INT(gs_prep_apply(&o, &vb, GS_UNIT_NM, NAN, &gs_malloc_allocator, &pb, &err), GS_OK);
	CHECK_EQ_INT(pa.n, pb.n);
	CHECK(memcmp(pa.x, pb.x, pa.n * sizeof(double)) == 0);
	CHECK_EQ_INT(gs_pair_compare(&pa, &pb, NULL, &st, &err), GS_OK);
	CHECK_EQ_INT(st.n, pa.n);
	free((void *) pa.x);
	free((void *) pa.y);
	free((void *) pb.x);
	free((void *) pb.y);
}
