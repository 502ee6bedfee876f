#include <stdlib.h>
#include <string.h>

#include "golden.h"
#include "peaks.h"

/*
 * find_peaks + peak_prominences + peak_widths(rel_height=0.5): indices and
 * bases exact, prominences, width heights and crossing positions within
 * 1e-6 relative (floor 1e-9 of the data's scale).
 */
GS_TEST(test_peaks_match_scipy)
{
	golden_file g;
	size_t		cases;

	if (!golden_open(&g, "std_a_peaks.bin"))
		return;
	cases = (size_t) golden_scalar(&g, "count");
	CHECK(cases >= 32);
	for (size_t c = 0; c < cases; c++)
	{
		size_t		n,
					k,
					np_ref,
					count = 0;
		double	   *x = golden_array(&g, &n, "peaks%zu/x", c),
				   *y = golden_array(&g, &n, "peaks%zu/y", c),
				   *opts = golden_array(&g, &k, "peaks%zu/opts", c),
				   *index = golden_array(&g, &np_ref, "peaks%zu/index", c),
				   *prom = golden_array(&g, &k, "peaks%zu/prominence", c),
				   *lb = golden_array(&g, &k, "peaks%zu/left_base", c),
				   *rb = golden_array(&g, &k, "peaks%zu/right_base", c),
				   *wh = golden_array(&g, &k, "peaks%zu/width_height", c),
				   *lip = golden_array(&g, &k, "peaks%zu/left_ip", c),
				   *rip = golden_array(&g, &k, "peaks%zu/right_ip", c),
				   *lx = golden_array(&g, &k, "peaks%zu/left_x", c),
				   *rx = golden_array(&g, &k, "peaks%zu/right_x", c);
		gs_peak    *pk = malloc((gs_peaks_max_count(n) + 1) * sizeof(gs_peak));
		void	   *scratch = malloc(gs_peaks_scratch_size(n));
		gs_peak_options o = gs_peak_options_default();
		gs_error	err;
		double		scale = max_abs(y, n),
					xscale = max_abs(x, n);

		o.height = opts[0];
		o.prominence = opts[1];
		o.distance = opts[2];
		CHECK_MSG(gs_find_peaks(x, y, n, &o, pk, &count, scratch, &err) == GS_OK, "case %zu: %s", c, err.msg);
		CHECK_MSG(count == np_ref, "case %zu: %zu peaks, scipy %zu", c, count, np_ref);
		for (size_t i = 0; i < count && i < np_ref; i++)
		{
			bool		ok = pk[i].index == (size_t) index[i] &&
				pk[i].left_base == (size_t) lb[i] && pk[i].right_base == (size_t) rb[i] &&
				fabs(pk[i].prominence - prom[i]) <= 1e-6 * fabs(prom[i]) + 1e-9 * scale &&
				fabs(pk[i].width_height - wh[i]) <= 1e-6 * fabs(wh[i]) + 1e-9 * scale &&
				fabs(pk[i].left_ip - lip[i]) <= 1e-6 &&
				fabs(pk[i].right_ip - rip[i]) <= 1e-6 &&
				fabs(pk[i].left_x - lx[i]) <= 1e-9 * xscale &&
				fabs(pk[i].right_x - rx[i]) <= 1e-9 * xscale &&
				fabs(pk[i].fwhm - (rx[i] - lx[i])) <= 1e-9 * xscale &&
				pk[i].x == x[(size_t) index[i]] && pk[i].height == y[(size_t) index[i]];

			if (!ok)
			{
				gs_test_fail(__FILE__, __LINE__,
							 "case %zu peak %zu: index %zu/%g prominence %.17g/%.17g ips %.17g..%.17g / %.17g..%.17g",
							 c, i, pk[i].index, index[i], pk[i].prominence, prom[i],
							 pk[i].left_ip, pk[i].right_ip, lip[i], rip[i]);
				break;
			}
		}
		free(x);
		free(y);
		free(opts);
		free(index);
		free(prom);
		free(lb);
		free(rb);
		free(wh);
		free(lip);
		free(rip);
		free(lx);
		free(rx);
		free(pk);
		free(scratch);
	}
	golden_close(&g);
}

GS_TEST(test_peaks_plateau_and_edges)
{
	/* a plateau's peak is its middle sample (rounded down); end points are never peaks */
	double		x[] = {0, 1, 2, 3, 4, 5, 6, 7},
				y[] = {9, 1, 5, 5, 5, 5, 1, 8};
	gs_peak		pk[4];
	size_t		count;
	char		scratch[256];
	gs_peak_options o = gs_peak_options_default();
	gs_error	err;

	CHECK(gs_peaks_scratch_size(8) <= sizeof(scratch));
	CHECK(gs_find_peaks(x, y, 8, &o, pk, &count, scratch, &err) == GS_OK);
	CHECK_EQ_INT(count, 1);
	CHECK_EQ_INT(pk[0].index, 3);
	CHECK_CLOSE(pk[0].prominence, 4, 0, 0);
	/* half height 3 is crossed halfway between samples 1-2 and 5-6 */
	CHECK_CLOSE(pk[0].left_x, 1.5, 1e-15, 0);
	CHECK_CLOSE(pk[0].right_x, 5.5, 1e-15, 0);
	CHECK_CLOSE(pk[0].fwhm, 4, 1e-15, 0);
	CHECK(gs_find_peaks(x, y, 2, &o, pk, &count, scratch, &err) == GS_OK);
	CHECK_EQ_INT(count, 0);
}

GS_TEST(test_peaks_bad_inputs)
{
	double		x[] = {0, 1, 2, 3},
				y[] = {0, 1, NAN, 0};
	gs_peak		pk[2];
	size_t		count;
	char		scratch[256];
	gs_peak_options o = gs_peak_options_default();
	gs_error	err;

	CHECK(gs_find_peaks(x, y, 4, &o, pk, &count, scratch, &err) == GS_ERR_PARAM);
	y[2] = 0;
	o.distance = 0.5;
	CHECK(gs_find_peaks(x, y, 4, &o, pk, &count, scratch, &err) == GS_ERR_PARAM);
	CHECK(strstr(err.msg, "distance") != NULL);
	o = gs_peak_options_default();
	o.rel_height = -1;
	CHECK(gs_find_peaks(x, y, 4, &o, pk, &count, scratch, &err) == GS_ERR_PARAM);
	x[2] = 1;
	o = gs_peak_options_default();
	CHECK(gs_find_peaks(x, y, 4, &o, pk, &count, scratch, &err) == GS_ERR_PARAM);
}
