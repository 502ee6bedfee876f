#include <math.h>
#include <stdbool.h>
#include <stdint.h>
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

/*
 * gs_interp_sorted, for targets its caller filled, gives gs_interp's values
 * and errors bit for bit: every method and extrapolation mode, with targets
 * below, inside, on the ends of and above the axis.
 */
GS_TEST(test_interp_sorted_matches_interp)
{
	double		x[40],
				y[40],
				xt[61],
				a[61],
				b[61],
				scratch[512];
	gs_error	err;

	CHECK(gs_interp_scratch_size(40) <= sizeof(scratch));
	for (int i = 0; i < 40; i++)
	{
		x[i] = 10 + i + 0.3 * sin(i);
		y[i] = cos(0.4 * i) + 0.01 * i * i;
	}
	for (int k = 0; k < 61; k++)
		xt[k] = 5 + 0.75 * k;
	for (int method = 0; method < GS_INTERP_COUNT; method++)
		for (int mode = 0; mode < GS_EXTRAP_COUNT; mode++)
		{
			gs_status	ra = gs_interp(x, y, 40, (gs_interp_method) method, (gs_extrapolation) mode,
									   xt, 61, a, scratch, &err),
						rb = gs_interp_sorted(x, y, 40, (gs_interp_method) method,
											  (gs_extrapolation) mode, xt, 61, b, scratch, &err);

			CHECK_EQ_INT(rb, ra);
			for (int k = 0; ra == GS_OK && k < 61; k++)
				CHECK_MSG(memcmp(&a[k], &b[k], sizeof(double)) == 0, "method %d mode %d target %d: %.17g, %.17g",
						  method, mode, k, a[k], b[k]);
		}
	/* the axis and the values are still checked */
	y[7] = NAN;
	CHECK(gs_interp_sorted(x, y, 40, GS_INTERP_CUBIC, GS_EXTRAP_NAN, xt, 61, b, scratch, &err) == GS_ERR_PARAM);
	CHECK(strstr(err.msg, "y[8]") != NULL);
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

/*
 * The knot slopes of the spline system in long double, by plain Thomas
 * elimination from the top, rows laid out as src/core/interp.c lays them
 * out (not-a-knot, or natural ends).
 */
static void
extended_slopes(const double *x, const double *y, size_t n, bool natural, long double *d,
				long double *sl)
{
	long double *lo = malloc(4 * n * sizeof(long double)),
			   *di = lo + n,
			   *up = di + n,
			   *rh = up + n,
				dx0 = (long double) x[1] - x[0],
				dx1 = (long double) x[2] - x[1],
				dxl = (long double) x[n - 1] - x[n - 2],
				dxq = (long double) x[n - 2] - x[n - 3];

	for (size_t i = 0; i + 1 < n; i++)
		sl[i] = ((long double) y[i + 1] - y[i]) / ((long double) x[i + 1] - x[i]);
	for (size_t i = 1; i + 1 < n; i++)
	{
		long double dxp = (long double) x[i] - x[i - 1],
					dxn = (long double) x[i + 1] - x[i];

		lo[i] = dxn;
		di[i] = 2 * (dxp + dxn);
		up[i] = dxp;
		rh[i] = 3 * (dxn * sl[i - 1] + dxp * sl[i]);
	}
	lo[0] = up[n - 1] = 0;
	if (natural)
	{
		di[0] = 2 * dx0;
		up[0] = dx0;
		rh[0] = 3 * dx0 * sl[0];
		lo[n - 1] = dxl;
		di[n - 1] = 2 * dxl;
		rh[n - 1] = 3 * dxl * sl[n - 2];
	}
	else if (n == 3)
	{
		/* the parabola through the three points */
		di[0] = up[0] = lo[2] = di[2] = 1;
		rh[0] = 2 * sl[0];
		rh[2] = 2 * sl[1];
	}
	else
	{
		di[0] = dx1;
		up[0] = dx0 + dx1;
		rh[0] = ((dx0 + 2 * up[0]) * dx1 * sl[0] + dx0 * dx0 * sl[1]) / up[0];
		lo[n - 1] = dxl + dxq;
		di[n - 1] = dxq;
		rh[n - 1] = (dxl * dxl * sl[n - 3] + (2 * lo[n - 1] + dxl) * dxq * sl[n - 2]) / lo[n - 1];
	}
	for (size_t i = 1; i < n; i++)
	{
		long double w = lo[i] / di[i - 1];

		di[i] -= w * up[i - 1];
		rh[i] -= w * rh[i - 1];
	}
	d[n - 1] = rh[n - 1] / di[n - 1];
	for (size_t i = n - 1; i-- > 0;)
		d[i] = (rh[i] - up[i] * d[i + 1]) / di[i];
	free(lo);
}

/*
 * The double solve against the long double one on random axes: uniform
 * spacings, or spacings spread over a factor of 10^0.05 to 10 either way, at
 * scales from 1e-30 to 1e30, with 3 to 4,000 knots.  A uniform spacing of
 * 0.99 gives pivots near 1.85 after the rows are scaled, which overflow
 * within a thousand rows unless the continuants are rescaled.
 * Within 1e-12 of the largest |y|; with a long double no wider than double
 * this is a check of double against double.  (Far beyond these scales the
 * cubic coefficients, of order 1/h³ as scipy's PPoly has them, overflow or
 * underflow in scipy and here alike.)
 */
GS_TEST(test_interp_spline_matches_extended_precision)
{
	enum
	{
		MAX_N = 4000
	};
	double	   *x = malloc(MAX_N * sizeof(double)),
			   *y = malloc(MAX_N * sizeof(double)),
			   *xt = malloc(2 * MAX_N * sizeof(double)),
			   *yt = malloc(2 * MAX_N * sizeof(double)),
			   *scratch = malloc(gs_interp_scratch_size(MAX_N));
	long double *d = malloc(2 * MAX_N * sizeof(long double)),
			   *sl = d + MAX_N;
	const double scales[] = {1e-30, 1e-5, 1, 1e5, 1e30},
				spreads[] = {0, 0.1, 1, 2};
	uint64_t	state = 99;
	gs_error	err;

	for (int trial = 0; trial < 300; trial++)
	{
		size_t		n = 3 + (size_t) (trial % 3 == 0 ? trial % 17 : (trial * 37) % (MAX_N - 3)),
					m = 2 * n,
					piece = 0;
		double		scale = scales[trial % 5],
					spread = spreads[trial % 4],
					ymax = 0;
		bool		natural = trial % 2 == 1;

		x[0] = 0;
		for (size_t i = 0; i < n; i++)
		{
			state = state * 6364136223846793005u + 1442695040888963407u;
			if (i > 0)
				x[i] = x[i - 1] + 0.99 * scale * pow(10, ((double) (state >> 11) / 9007199254740992.0 - 0.5) * spread);
			y[i] = sin(0.3 * (double) i) + (double) (state >> 40) / 16777216.0;
			ymax = fmax(ymax, fabs(y[i]));
		}
		for (size_t k = 0; k < m; k++)
			xt[k] = x[0] + (x[n - 1] - x[0]) * (double) k / (double) (m - 1);
		CHECK(gs_interp(x, y, n, natural ? GS_INTERP_NATURAL : GS_INTERP_CUBIC, GS_EXTRAP_EDGE, xt, m, yt,
						scratch, &err) == GS_OK);
		extended_slopes(x, y, n, natural, d, sl);
		for (size_t k = 0; k + 1 < m; k++)
		{
			long double h,
						t,
						s,
						ref;

			while (x[piece + 1] <= xt[k])
				piece++;
			h = (long double) x[piece + 1] - x[piece];
			t = (d[piece] + d[piece + 1] - 2 * sl[piece]) / h;
			s = xt[k] - (long double) x[piece];
			ref = ((t / h * s + (sl[piece] - d[piece]) / h - t) * s + d[piece]) * s + y[piece];
			CHECK_MSG(fabsl(yt[k] - ref) <= 1e-12 * ymax, "trial %d, n = %zu, point %zu: %.17g against %.17Lg",
					  trial, n, k, yt[k], ref);
		}
	}
	free(x);
	free(y);
	free(xt);
	free(yt);
	free(scratch);
	free(d);
}

/*
 * The axis and value checks ride on the secant pass: a bad point anywhere
 * (ends included) is still named, and finite values whose differences
 * overflow are still accepted, as the separate checks did.
 */
GS_TEST(test_interp_checks_every_position)
{
	enum
	{
		N = 9
	};
	const double bad[] = {NAN, INFINITY, -INFINITY};
	double		x[N],
				y[N],
				out[N],
				scratch[12 * N + 8];
	gs_error	err;

	for (int at = 0; at < N; at++)
		for (int b = 0; b < 3; b++)
			for (int which = 0; which < 3; which++)
			{
				for (int i = 0; i < N; i++)
				{
					x[i] = i;
					y[i] = i * i;
				}
				if (which == 0)
					x[at] = bad[b];
				else if (which == 1)
					y[at] = bad[b];
				else
					x[at] = at > 0 ? x[at - 1] : x[1];	/* a repeat, or a fall at the start */
				CHECK_MSG(gs_interp(x, y, N, GS_INTERP_CUBIC, GS_EXTRAP_NAN, (double[]) {2.5}, 1, out,
									scratch, &err) == GS_ERR_PARAM,
						  "bad %s at %d (kind %d) accepted", which == 1 ? "y" : "x", at, b);
				CHECK_MSG(strstr(err.msg, which == 1 ? "y[" : "x") != NULL, "at %d: %s", at, err.msg);
			}
	for (int i = 0; i < N; i++)
	{
		x[i] = i;
		y[i] = i % 2 ? -1e308 : 1e308;
	}
	CHECK(gs_interp(x, y, N, GS_INTERP_LINEAR, GS_EXTRAP_ERROR, x, N, out, scratch, &err) == GS_OK);
}
