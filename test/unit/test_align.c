#include <stdlib.h>
#include <string.h>

#include "align.h"
#include "golden.h"

static double
gauss(double x, double c, double w)
{
	return exp(-0.5 * (x - c) * (x - c) / (w * w));
}

/* Known shifts of a synthetic spectrum, on the same and on different grids. */
GS_TEST(test_align_synthetic_shifts)
{
	enum
	{
		N = 800
	};
	static const double shifts[] = {0, 2.37, -5.5, 0.26, 12.0};
	float		ref[N],
				moved[N];
	double		xm[N];
	gs_align_workspace ws;
	gs_error	err;

	gs_align_workspace_init(&ws);
	for (int i = 0; i < N; i++)
		ref[i] = (float) (gauss(400 + i, 600, 6) + 0.5 * gauss(400 + i, 820, 9) + 0.3 * gauss(400 + i, 1000, 4));
	for (size_t k = 0; k < sizeof(shifts) / sizeof(shifts[0]); k++)
	{
		double		d = shifts[k],
					found;
		gs_spectrum_view r = {GS_UNIT_NM, N, false, NAN, NULL, 400, 1, ref},
					s = {GS_UNIT_NM, N, false, NAN, NULL, 400, 1, moved};

		/* the spectrum's features sit d to the right of the reference's */
		for (int i = 0; i < N; i++)
			moved[i] = (float) (gauss(400 + i, 600 + d, 6) + 0.5 * gauss(400 + i, 820 + d, 9) +
								0.3 * gauss(400 + i, 1000 + d, 4));
		CHECK_MSG(gs_align_shift(&s, &r, NAN, &ws, &found, &err) == GS_OK, "%s", err.msg);
		CHECK_MSG(fabs(found + d) < 0.05, "shift %g found %g", d, found);

		/*
		 * An explicit, finer, offset axis for the spectrum.  It ends at
		 * 1009.3, so for d = 12 the third band is cut in half at the edge of
		 * the overlap; that costs accuracy, hence 0.1 (1/7 of a step).
		 */
		for (int i = 0; i < N; i++)
			xm[i] = 450 + 0.7 * i;
		for (int i = 0; i < N; i++)
			moved[i] = (float) (gauss(xm[i], 600 + d, 6) + 0.5 * gauss(xm[i], 820 + d, 9) +
								0.3 * gauss(xm[i], 1000 + d, 4));
		s.x = xm;
		CHECK_MSG(gs_align_shift(&s, &r, 20, &ws, &found, &err) == GS_OK, "%s", err.msg);
		CHECK_MSG(fabs(found + d) < 0.1, "explicit axis: shift %g found %g", d, found);
	}
	gs_align_workspace_free(&ws);
}

/* A real RRUFF / USGS window from the golden file, its axis moved by a known amount. */
GS_TEST(test_align_real_spectrum_shifted)
{
	golden_file g;
	gs_align_workspace ws;

	if (!golden_open(&g, "std_a_interp.bin"))
		return;
	gs_align_workspace_init(&ws);
	for (int c = 7; c < 27; c += 5)
	{
		size_t		n;
		double	   *x = golden_array(&g, &n, "interp%d/x", c),
				   *y = golden_array(&g, &n, "interp%d/y", c),
				   *xs = malloc(n * sizeof(double)),
					step = (x[n - 1] - x[0]) / (double) (n - 1),
					d = 3.4 * step,
					found;
		float	   *yf = malloc(n * sizeof(float));
		gs_error	err;

		for (size_t i = 0; i < n; i++)
		{
			xs[i] = x[i] + d;
			yf[i] = (float) y[i];
		}
		{
			gs_spectrum_view r = {GS_UNIT_NM, n, false, NAN, x, 0, 0, yf},
						s = {GS_UNIT_NM, n, false, NAN, xs, 0, 0, yf};

			CHECK_MSG(gs_align_shift(&s, &r, NAN, &ws, &found, &err) == GS_OK, "%s", err.msg);
			CHECK_MSG(fabs(found + d) < 0.15 * step, "case %d: shift %g found %g (step %g)", c, d, found, step);
		}
		free(x);
		free(y);
		free(xs);
		free(yf);
	}
	gs_align_workspace_free(&ws);
	golden_close(&g);
}

GS_TEST(test_align_errors)
{
	float		y[] = {0, 1, 0, 2, 0, 1};
	gs_spectrum_view a = {GS_UNIT_NM, 6, false, NAN, NULL, 400, 1, y},
				far = {GS_UNIT_NM, 6, false, NAN, NULL, 900, 1, y},
				cm = {GS_UNIT_CM1, 6, false, NAN, NULL, 400, 1, y},
				tiny = {GS_UNIT_NM, 3, false, NAN, NULL, 400, 1, y};
	gs_align_workspace ws;
	double		shift;
	gs_error	err;

	gs_align_workspace_init(&ws);
	CHECK(gs_align_shift(&a, &far, NAN, &ws, &shift, &err) == GS_ERR_PARAM);
	CHECK(strstr(err.msg, "overlap") != NULL);
	CHECK(gs_align_shift(&a, &cm, NAN, &ws, &shift, &err) == GS_ERR_PARAM);
	CHECK(gs_align_shift(&a, &tiny, NAN, &ws, &shift, &err) == GS_ERR_PARAM);
	CHECK(gs_align_shift(&a, &a, -1, &ws, &shift, &err) == GS_ERR_PARAM);
	CHECK(gs_align_shift(&a, &a, NAN, &ws, &shift, &err) == GS_OK);
	CHECK_CLOSE(shift, 0, 0, 1e-9);
	gs_align_workspace_free(&ws);
	gs_align_workspace_free(&ws);	/* freeing twice is harmless */
}
