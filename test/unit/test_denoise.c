#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "denoise.h"
#include "golden_records.h"
#include "gs_test.h"
#include "order_stats.h"
#include "snr.h"

static const char *const rules[] = {"universal", "bayes", "sure"};
static const char *const modes[] = {"soft", "hard", "garrote"};

/* the configurations scripts/gen_golden_b.py cycles through */
static const char *const config_wavelets[] = {"db4", "sym8", "haar", "coif3", "db20", "sym5"};
static const int config_levels[] = {1, 3, 0};

static double *
denoise_checked(const double *y, size_t n, const char *wavelet, int level, int rule, int mode,
				int *level_used)
{
	const gs_wavelet *w;
	gs_error	err;
	double	   *out = malloc(n * sizeof(double));
	void	   *work;

	CHECK(gs_wavelet_lookup(wavelet, &w, &err) == GS_OK);
	work = malloc(gs_denoise_work_size(n, w));
	CHECK_MSG(gs_denoise(y, n, w, level, (gs_threshold_rule) rule, (gs_threshold_mode) mode,
						 out, work, level_used, &err) == GS_OK, "denoise: %s", err.msg);
	free(work);
	return out;
}

GS_TEST(test_denoise_synthetic_matches_pywt)
{
	static const char *const signals[] = {"syn_even", "syn_odd", "syn_quiet"};
	golden_file g;

	if (!golden_open(&g, "denoise_b.bin"))
		return;
	for (int s = 0; s < 3; s++)
	{
		char		key[128];
		size_t		n,
					m;
		double	   *y,
					range;
		int			k = 0;

		snprintf(key, sizeof(key), "%s/y", signals[s]);
		y = golden_doubles(&g, key, &n);
		range = value_range(y, n);
		for (int r = 0; r < 3; r++)
			for (int md = 0; md < 3; md++, k++)
			{
				const char *wl = config_wavelets[k % 6];
				int			level = config_levels[k % 3],
							used = -1;
				double	   *out,
						   *expected;

				snprintf(key, sizeof(key), "%s/%s/%s/%s/%d/out", signals[s], rules[r], modes[md], wl, level);
				expected = golden_doubles(&g, key, &m);
				out = denoise_checked(y, n, wl, level, r, md, &used);
				snprintf(key, sizeof(key), "%s/%s/%s/%s/%d/level", signals[s], rules[r], modes[md], wl, level);
				CHECK_EQ_INT(used, (int) golden_scalar(&g, key));
				CHECK_EQ_INT(m, n);
				if (m == n)
					CHECK_MSG(max_abs_diff(out, expected, n) <= 1e-10 * range,
							  "%s: differs from pywt by %g (range %g)", key,
							  max_abs_diff(out, expected, n), range);
				free(out);
				free(expected);
			}
		free(y);
	}
	golden_close(&g);
}

GS_TEST(test_snr_matches_reference)
{
	static const char *const signals[] = {"syn_even", "syn_odd", "syn_quiet"};
	golden_file g;

	if (!golden_open(&g, "denoise_b.bin"))
		return;
	for (int s = 0; s < 3; s++)
	{
		char		key[128];
		size_t		n,
					m;
		double	   *y,
				   *expected,
					snr,
					features[GS_SNR_DEFAULT_WINDOW_COUNT];
		void	   *work;
		gs_error	err;

		snprintf(key, sizeof(key), "%s/y", signals[s]);
		y = golden_doubles(&g, key, &n);
		work = malloc(gs_snr_work_size(n));
		CHECK(gs_snr(y, n, work, &snr, &err) == GS_OK);
		snprintf(key, sizeof(key), "%s/snr", signals[s]);
		CHECK_CLOSE(snr, golden_scalar(&g, key), 0, 1e-9);
		CHECK(gs_snr_features(y, n, gs_snr_default_windows, GS_SNR_DEFAULT_WINDOW_COUNT,
							  features, work, &err) == GS_OK);
		snprintf(key, sizeof(key), "%s/features", signals[s]);
		expected = golden_doubles(&g, key, &m);
		CHECK_EQ_INT(m, GS_SNR_DEFAULT_WINDOW_COUNT);
		for (size_t i = 0; i < m; i++)
			CHECK_CLOSE(features[i], expected[i], 0, 1e-9);
		free(expected);
		free(work);
		free(y);
	}
	golden_close(&g);
}

/*
 * Real spectra (RRUFF Raman and IR, USGS), automatic level.  Inputs and
 * references are float32 in the file: tolerance 1e-6 of the range plus the
 * float32 rounding of the reference.
 */
GS_TEST(test_denoise_real_spectra_match_pywt)
{
	golden_file g;
	int			count;

	if (!golden_open(&g, "denoise_b.bin"))
		return;
	count = (int) golden_scalar(&g, "real/count");
	CHECK(count >= 30);
	for (int k = 0; k < count; k++)
	{
		char		key[64];
		size_t		n,
					m,
					nc;
		double	   *y,
				   *config,
				   *expected,
				   *out,
					snr,
					range,
					worst = 0;
		int			used = -1;
		void	   *work;
		gs_error	err;

		snprintf(key, sizeof(key), "real/%d/y", k);
		y = golden_doubles(&g, key, &n);
		snprintf(key, sizeof(key), "real/%d/config", k);
		config = golden_doubles(&g, key, &nc);
		range = value_range(y, n);
		out = denoise_checked(y, n, gs_wavelets[(int) config[2]].name, 0, (int) config[0],
							  (int) config[1], &used);
		CHECK_EQ_INT(used, (int) config[3]);
		snprintf(key, sizeof(key), "real/%d/out", k);
		expected = golden_doubles(&g, key, &m);
		for (size_t i = 0; i < n && m == n; i++)
		{
			double		excess = fabs(out[i] - expected[i]) - 1.2e-7 * fabs(expected[i]);

			worst = excess > worst ? excess : worst;
		}
		CHECK_MSG(m == n && worst <= 1e-6 * range, "real %d: off by %g (range %g)", k, worst, range);

		work = malloc(gs_snr_work_size(n));
		CHECK(gs_snr(y, n, work, &snr, &err) == GS_OK);
		snprintf(key, sizeof(key), "real/%d/snr", k);
		CHECK_CLOSE(snr, golden_scalar(&g, key), 0, 1e-8);
		free(work);
		free(expected);
		free(out);
		free(config);
		free(y);
	}
	golden_close(&g);
}

GS_TEST(test_denoise_reduces_noise)
{
	size_t		n = 2048;
	double	   *clean = malloc(n * sizeof(double)),
			   *y = malloc(n * sizeof(double)),
			   *out;
	double		before = 0,
				after = 0;
	unsigned	seed = 12345;
	int			used;

	for (size_t i = 0; i < n; i++)
	{
		double		t = (double) i / (double) n,
					u1,
					u2;

		seed = seed * 1103515245u + 12345u;
		u1 = ((seed >> 8) + 1.0) / 16777217.0;
		seed = seed * 1103515245u + 12345u;
		u2 = (seed >> 8) / 16777216.0;
		clean[i] = exp(-0.5 * pow((t - 0.3) / 0.01, 2)) + 0.5 * exp(-0.5 * pow((t - 0.7) / 0.03, 2));
		y[i] = clean[i] + 0.05 * sqrt(-2 * log(u1)) * cos(2 * M_PI * u2);
	}
	for (int rule = 0; rule < 3; rule++)
	{
		out = denoise_checked(y, n, "sym8", 0, rule, GS_THRESHOLD_SOFT, &used);
		before = after = 0;
		for (size_t i = 0; i < n; i++)
		{
			before += (y[i] - clean[i]) * (y[i] - clean[i]);
			after += (out[i] - clean[i]) * (out[i] - clean[i]);
		}
		CHECK_MSG(after < 0.5 * before, "rule %s: error %g of %g", rules[rule], after, before);
		CHECK(used >= 3);		/* about 19 dB: noisy, decomposed deep */
		free(out);
	}
	free(clean);
	free(y);
}

GS_TEST(test_denoise_auto_level_rule)
{
	CHECK_EQ_INT(gs_denoise_auto_level(60, 8), 1);
	CHECK_EQ_INT(gs_denoise_auto_level(35, 8), 2);
	CHECK_EQ_INT(gs_denoise_auto_level(25, 8), 3);
	CHECK_EQ_INT(gs_denoise_auto_level(15, 8), 4);
	CHECK_EQ_INT(gs_denoise_auto_level(8, 8), 5);
	CHECK_EQ_INT(gs_denoise_auto_level(-3, 8), 6);
	CHECK_EQ_INT(gs_denoise_auto_level(-3, 2), 2);
}

GS_TEST(test_denoise_bad_inputs)
{
	const gs_wavelet *db4,
			   *haar;
	gs_threshold_rule rule;
	gs_threshold_mode mode;
	gs_error	err;
	double		y[64],
				out[64],
				snr;
	void	   *work;

	CHECK(gs_wavelet_lookup("db4", &db4, &err) == GS_OK);
	CHECK(gs_wavelet_lookup("haar", &haar, &err) == GS_OK);
	work = malloc(gs_denoise_work_size(64, db4) + gs_snr_work_size(64));
	for (int i = 0; i < 64; i++)
		y[i] = sin(i * 0.3);

	CHECK(gs_denoise(y, 64, db4, 4, GS_THRESHOLD_UNIVERSAL, GS_THRESHOLD_SOFT, out, work, NULL, &err) == GS_ERR_PARAM);
	CHECK_STR(err.msg, "wavelet level 4 is out of range for 64 points and wavelet db4");
	CHECK(gs_denoise(y, 64, db4, -1, GS_THRESHOLD_UNIVERSAL, GS_THRESHOLD_SOFT, out, work, NULL, &err) == GS_ERR_PARAM);
	CHECK(gs_threshold_rule_parse("visu", &rule, &err) == GS_ERR_PARAM);
	CHECK_STR(err.msg, "unknown threshold rule \"visu\"");
	CHECK(strstr(err.hint, "universal, bayes, sure") != NULL);
	CHECK(gs_threshold_mode_parse("firm", &mode, &err) == GS_ERR_PARAM);
	CHECK(strstr(err.hint, "soft, hard, garrote") != NULL);
	CHECK(gs_threshold_rule_parse("sure", &rule, &err) == GS_OK && rule == GS_THRESHOLD_SURE);

	y[10] = NAN;
	CHECK(gs_denoise(y, 64, db4, 2, GS_THRESHOLD_UNIVERSAL, GS_THRESHOLD_SOFT, out, work, NULL, &err) == GS_ERR_PARAM);
	CHECK_STR(err.msg, "y[11] is NaN");
	CHECK(gs_snr(y, 64, work, &snr, &err) == GS_ERR_PARAM);
	y[10] = 0;

	/* n = 1, 2, 3: haar manages one level from 2 points; auto needs an SNR */
	CHECK(gs_denoise(y, 1, haar, 1, GS_THRESHOLD_UNIVERSAL, GS_THRESHOLD_SOFT, out, work, NULL, &err) == GS_ERR_PARAM);
	CHECK(gs_denoise(y, 2, haar, 1, GS_THRESHOLD_UNIVERSAL, GS_THRESHOLD_SOFT, out, work, NULL, &err) == GS_OK);
	CHECK(gs_denoise(y, 3, haar, 1, GS_THRESHOLD_SURE, GS_THRESHOLD_GARROTE, out, work, NULL, &err) == GS_OK);
	CHECK(gs_denoise(y, 3, db4, 1, GS_THRESHOLD_UNIVERSAL, GS_THRESHOLD_SOFT, out, work, NULL, &err) == GS_ERR_PARAM);
	for (size_t n = 0; n <= 3; n++)
	{
		CHECK(gs_denoise(y, n, haar, 0, GS_THRESHOLD_BAYES, GS_THRESHOLD_HARD, out, work, NULL, &err) == GS_ERR_PARAM);
		CHECK(gs_snr(y, n, work, &snr, &err) == GS_ERR_PARAM);
	}
	CHECK_STR(err.msg, "an SNR estimate needs at least 8 points, the spectrum has 3");
	/* 8 points: an SNR, but db4 cannot decompose them */
	CHECK(gs_denoise(y, 8, db4, 0, GS_THRESHOLD_BAYES, GS_THRESHOLD_HARD, out, work, NULL, &err) == GS_ERR_PARAM);
	CHECK_STR(err.msg, "spectrum of 8 points is too short for wavelet db4");
	{
		int			bad[] = {4};
		double		f;

		CHECK(gs_snr_features(y, 64, bad, 1, &f, work, &err) == GS_ERR_PARAM);
	}
	free(work);
}

static int
compare_doubles(const void *a, const void *b)
{
	double		x = *(const double *) a,
				y = *(const double *) b;

	return (x > y) - (x < y);
}

/* numpy.median of v (sorted in place). */
static double
sorted_median(double *v, size_t n)
{
	qsort(v, n, sizeof(double), compare_doubles);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/*
 * gs_snr_features against its definition written out directly: each window
 * summed afresh (cut at the ends), the residuals' MAD, 10·log10 of the
 * smooth line's variance over σ².  Lengths and windows around the points
 * where the moving average changes from the cut windows to its four-lane
 * middle and back.
 */
GS_TEST(test_snr_features_match_direct_average)
{
	static const int windows[] = {3, 5, 7, 9, 11, 13, 21, 41, 61};
	const int	nwindows = (int) (sizeof(windows) / sizeof(windows[0]));
	unsigned	seed = 7;

	for (size_t n = GS_SNR_MIN_POINTS; n <= 80; n++)
	{
		double	   *y = malloc(n * sizeof(double)),
				   *smooth = malloc(n * sizeof(double)),
				   *resid = malloc(n * sizeof(double)),
					features[sizeof(windows) / sizeof(windows[0])];
		void	   *work = malloc(gs_snr_work_size(n));
		gs_error	err;

		for (size_t i = 0; i < n; i++)
		{
			seed = seed * 1103515245u + 12345u;
			y[i] = 100 * sin(0.3 * (double) i) + (double) (seed >> 16 & 1023) / 64.0;
		}
		CHECK(gs_snr_features(y, n, windows, nwindows, features, work, &err) == GS_OK);
		for (int k = 0; k < nwindows; k++)
		{
			size_t		h = (size_t) windows[k] / 2;
			long double mean = 0,
						var = 0;
			double		center,
						sigma,
						expected;

			for (size_t i = 0; i < n; i++)
			{
				size_t		lo = i > h ? i - h : 0,
							hi = i + h + 1 < n ? i + h + 1 : n;
				long double sum = 0;

				for (size_t j = lo; j < hi; j++)
					sum += y[j];
				smooth[i] = (double) (sum / (long double) (hi - lo));
				resid[i] = y[i] - smooth[i];
				mean += smooth[i];
			}
			mean /= (long double) n;
			for (size_t i = 0; i < n; i++)
				var += (smooth[i] - mean) * (smooth[i] - mean);
			var /= (long double) n;
			center = sorted_median(resid, n);
			for (size_t i = 0; i < n; i++)
				resid[i] = fabs(resid[i] - center);
			sigma = 1.4826 * sorted_median(resid, n);	/* MAD_TO_SIGMA of snr.c */
			expected = var > 0 ? 10 * log10((double) var / (sigma * sigma)) : GS_SNR_MIN_DB;
			expected = expected < GS_SNR_MIN_DB ? GS_SNR_MIN_DB :
				expected > GS_SNR_MAX_DB ? GS_SNR_MAX_DB : expected;
			CHECK_MSG(fabs(features[k] - expected) < 1e-9,
					  "n = %zu, window %d: %.17g, directly %.17g", n, windows[k], features[k], expected);
		}
		free(work);
		free(resid);
		free(smooth);
		free(y);
	}
}

/* How many of the edges (descending) snr_db is at or above. */
static int
edges_at_or_below(double snr_db, const double *edges, int nedges)
{
	int			e = 0;

	while (e < nedges && !(snr_db >= edges[e]))
		e++;
	return nedges - e;
}

/*
 * gs_snr_edges_reached against gs_snr compared with each edge: noise from
 * none to far above the signal, even and odd numbers of details, a constant
 * (no power) and a line (no noise); and edges placed on the exact SNR and a
 * hair either side of it, where the counting cannot decide and the median
 * must.
 */
GS_TEST(test_snr_edges_reached_matches_snr)
{
	static const double levels[] = {40, 30, 20, 12, 6};
	unsigned	seed = 5;

	for (int trial = 0; trial < 400; trial++)
	{
		size_t		n = 8 + (size_t) (trial * 7) % 900;
		double	   *y = malloc(n * sizeof(double)),
					noise = trial % 20 == 0 ? 0 : pow(10, (double) (trial % 23) / 5 - 3),
					snr,
					edges[3];
		void	   *work = malloc(gs_snr_work_size(n));
		int			reached;
		gs_error	err;

		for (size_t i = 0; i < n; i++)
		{
			seed = seed * 1103515245u + 12345u;
			y[i] = (trial % 40 == 20 ? 1 : sin(0.05 * (double) i)) +
				noise * ((double) (seed >> 8 & 65535) / 32768.0 - 1);
		}
		CHECK(gs_snr(y, n, work, &snr, &err) == GS_OK);
		CHECK(gs_snr_edges_reached(y, n, levels, 5, work, &reached, &err) == GS_OK);
		CHECK_MSG(reached == edges_at_or_below(snr, levels, 5), "trial %d, n = %zu: %d edges reached, SNR %.17g dB",
				  trial, n, reached, snr);
		if (snr > GS_SNR_MIN_DB && snr < GS_SNR_MAX_DB)
		{
			edges[0] = nextafter(snr, INFINITY);
			edges[1] = snr;
			edges[2] = nextafter(snr, -INFINITY);
			CHECK(gs_snr_edges_reached(y, n, edges, 3, work, &reached, &err) == GS_OK);
			CHECK_MSG(reached == 2, "trial %d: edges on the SNR %.17g dB: %d reached", trial, snr, reached);
		}
		free(work);
		free(y);
	}
}

GS_TEST(test_snr_constant_and_noiseless)
{
	double		y[100],
				snr;
	void	   *work = malloc(gs_snr_work_size(100));
	gs_error	err;

	for (int i = 0; i < 100; i++)
		y[i] = 3;
	CHECK(gs_snr(y, 100, work, &snr, &err) == GS_OK);
	CHECK_CLOSE(snr, GS_SNR_MIN_DB, 0, 0);
	for (int i = 0; i < 100; i++)
		y[i] = i;				/* a line: sym4 details vanish, no noise */
	CHECK(gs_snr(y, 100, work, &snr, &err) == GS_OK);
	CHECK(snr > 100);
	free(work);
}

GS_TEST(test_order_stats_median_and_sort)
{
	double		v[] = {5, 1, 4, 1, 5, 9, 2, 6, 5, 3},
				w[] = {3, 3, 3, 3},
				one[] = {7};
	double		sorted[10];

	memcpy(sorted, v, sizeof(v));
	gs_sort_doubles(sorted, 10);
	for (int i = 1; i < 10; i++)
		CHECK(sorted[i - 1] <= sorted[i]);
	CHECK_CLOSE(sorted[0], 1, 0, 0);
	CHECK_CLOSE(sorted[9], 9, 0, 0);
	CHECK_CLOSE(gs_median_inplace(v, 10), 4.5, 0, 0);	/* 1 1 2 3 4 5 5 5 6 9 */
	CHECK_CLOSE(gs_median_inplace(sorted + 1, 9), 5, 0, 0);	/* 1 2 3 4 5 5 5 6 9 */
	CHECK_CLOSE(gs_median_inplace(w, 4), 3, 0, 0);
	CHECK_CLOSE(gs_median_inplace(one, 1), 7, 0, 0);
}

/*
 * Medians against a sort, on the shapes that trouble selections (runs of
 * equal values, sorted, reversed, few distinct values, negatives) and on
 * every length up to past the packed path's limit, so that both the packed
 * selection (where the CPU has AVX2) and the in-place one are exercised; v
 * must stay a permutation of its values.
 */
GS_TEST(test_order_stats_median_matches_sort)
{
	size_t		sizes[] = {1, 2, 3, 4, 5, 7, 16, 17, 18, 33, 100, 255, 618, 622, 1023, 2047, 2048, 2049, 2052, 5001};
	double	   *v = malloc(5001 * sizeof(double)),
			   *ref = malloc(5001 * sizeof(double)),
			   *after = malloc(5001 * sizeof(double));
	unsigned	seed = 11;

	for (size_t s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++)
		for (int shape = 0; shape < 6; shape++)
		{
			size_t		n = sizes[s];
			double		expect,
						got;

			for (size_t i = 0; i < n; i++)
			{
				seed = seed * 1103515245u + 12345u;
				switch (shape)
				{
					case 0:
						v[i] = (double) (seed >> 8) / 16777216.0;
						break;
					case 1:		/* mostly zeros, like thresholded details */
						v[i] = (seed >> 28) < 11 ? 0 : (double) (seed >> 20);
						break;
					case 2:
						v[i] = (double) i;
						break;
					case 3:
						v[i] = -(double) i;
						break;
					case 4:		/* three distinct values */
						v[i] = (double) ((seed >> 16) % 3) - 1;
						break;
					default:
						v[i] = 4.25;
				}
			}
			memcpy(ref, v, n * sizeof(double));
			qsort(ref, n, sizeof(double), compare_doubles);
			expect = n % 2 ? ref[n / 2] : (ref[n / 2 - 1] + ref[n / 2]) / 2;
			got = gs_median_inplace(v, n);
			CHECK_MSG(got == expect, "n %zu shape %d: median %.17g, sorted %.17g", n, shape, got, expect);
			memcpy(after, v, n * sizeof(double));
			qsort(after, n, sizeof(double), compare_doubles);
			CHECK_MSG(memcmp(after, ref, n * sizeof(double)) == 0, "n %zu shape %d: v lost values", n, shape);
		}
	free(v);
	free(ref);
	free(after);
}
