#include <stdlib.h>
#include <string.h>

#include "denoise.h"
#include "golden_records.h"
#include "gs_test.h"
#include "wavelet.h"

/* Transforms are sums of at most 102 products: pywt agrees to rounding. */
#define DWT_RTOL 1e-12

static const gs_wavelet *
wavelet(const char *name)
{
	const gs_wavelet *w = NULL;
	gs_error	err;

	CHECK(gs_wavelet_lookup(name, &w, &err) == GS_OK);
	return w;
}

GS_TEST(test_wavelet_lookup)
{
	const gs_wavelet *w;
	gs_error	err;

	CHECK_EQ_INT(gs_wavelet_count, 57);
	CHECK(gs_wavelet_lookup("coif17", &w, &err) == GS_OK);
	CHECK_EQ_INT(w->length, 102);
	CHECK(gs_wavelet_lookup("haar", &w, &err) == GS_OK);
	CHECK_EQ_INT(w->length, 2);
	CHECK(gs_wavelet_lookup("db21", &w, &err) == GS_ERR_PARAM);
	CHECK_STR(err.msg, "unknown wavelet \"db21\"");
	CHECK(strstr(err.hint, "coif1 to coif17") != NULL);
	CHECK(gs_wavelet_lookup("sym1", &w, &err) == GS_ERR_PARAM);
	CHECK(gs_wavelet_lookup("", &w, &err) == GS_ERR_PARAM);
}

GS_TEST(test_wavelet_max_level_matches_pywt)
{
	golden_file g;
	size_t		nn,
				nl;
	double	   *ns;

	if (!golden_open(&g, "wavelet_b.bin"))
		return;
	ns = golden_doubles(&g, "max_level/n", &nn);
	for (int k = 0; k < gs_wavelet_count; k++)
	{
		char		key[64];
		double	   *expected;

		snprintf(key, sizeof(key), "max_level/%s", gs_wavelets[k].name);
		expected = golden_doubles(&g, key, &nl);
		for (size_t i = 0; i < nl && i < nn; i++)
			CHECK_MSG(gs_dwt_max_level((size_t) ns[i], &gs_wavelets[k]) == (int) expected[i],
					  "%s n=%g: %d, pywt %g", gs_wavelets[k].name, ns[i],
					  gs_dwt_max_level((size_t) ns[i], &gs_wavelets[k]), expected[i]);
		free(expected);
	}
	free(ns);
	golden_close(&g);
}

GS_TEST(test_wavelet_wavedec_waverec_match_pywt)
{
	golden_file g;
	size_t		n,
				m;
	double	   *x;

	if (!golden_open(&g, "wavelet_b.bin"))
		return;
	x = golden_doubles(&g, "signal", &n);
	for (int k = 0; k < gs_wavelet_count; k++)
	{
		const gs_wavelet *w = &gs_wavelets[k];
		char		key[64];
		size_t		lengths[32],
					total,
					rec_len;
		int			level;
		double	   *expected,
				   *coeffs,
				   *work,
				   *rec;
		gs_error	err;

		snprintf(key, sizeof(key), "%s/level", w->name);
		level = (int) golden_scalar(&g, key);
		CHECK_EQ_INT(level, gs_dwt_max_level(n, w));
		total = gs_wavedec_lengths(n, w, level, lengths);
		coeffs = malloc(total * sizeof(double));
		work = malloc(gs_wavelet_work_length(n, w) * sizeof(double));
		CHECK(gs_wavedec(x, n, w, level, coeffs, lengths, work, &err) == GS_OK);

		snprintf(key, sizeof(key), "%s/coeffs", w->name);
		expected = golden_doubles(&g, key, &m);
		CHECK_EQ_INT(m, total);
		if (m == total)
			CHECK_MSG(max_abs_diff(coeffs, expected, m) <= DWT_RTOL * 10,
					  "%s coefficients differ by %g", w->name, max_abs_diff(coeffs, expected, m));
		free(expected);

		rec_len = gs_waverec_length(lengths, level, w);
		rec = malloc(rec_len * sizeof(double));
		gs_waverec(coeffs, lengths, level, w, rec, work);
		snprintf(key, sizeof(key), "%s/rec", w->name);
		expected = golden_doubles(&g, key, &m);
		CHECK_EQ_INT(m, rec_len);
		if (m == rec_len)
			CHECK_MSG(max_abs_diff(rec, expected, m) <= DWT_RTOL * 10,
					  "%s reconstruction differs by %g", w->name, max_abs_diff(rec, expected, m));
		/* and it is the signal again (perfect reconstruction) */
		CHECK_MSG(max_abs_diff(rec, x, n) <= 1e-9, "%s does not reconstruct", w->name);
		free(expected);
		free(rec);
		free(coeffs);
		free(work);
	}
	free(x);
	golden_close(&g);
}

GS_TEST(test_wavelet_single_level_short_signals)
{
	static const struct
	{
		int			n;
		const char *name;
	}			cases[] = {{1, "haar"}, {2, "db2"}, {3, "sym4"}, {5, "coif2"}, {7, "db10"}, {16, "coif5"}};
	golden_file g;

	if (!golden_open(&g, "wavelet_b.bin"))
		return;
	for (size_t c = 0; c < sizeof(cases) / sizeof(cases[0]); c++)
	{
		const gs_wavelet *w = wavelet(cases[c].name);
		char		key[64];
		size_t		n,
					m,
					mr;
		double	   *x,
				   *ca_ref,
				   *cd_ref,
				   *rec_ref,
				   *ca,
				   *cd,
				   *rec;

		snprintf(key, sizeof(key), "dwt/%s/%d/x", cases[c].name, cases[c].n);
		x = golden_doubles(&g, key, &n);
		snprintf(key, sizeof(key), "dwt/%s/%d/ca", cases[c].name, cases[c].n);
		ca_ref = golden_doubles(&g, key, &m);
		snprintf(key, sizeof(key), "dwt/%s/%d/cd", cases[c].name, cases[c].n);
		cd_ref = golden_doubles(&g, key, &m);
		snprintf(key, sizeof(key), "dwt/%s/%d/rec", cases[c].name, cases[c].n);
		rec_ref = golden_doubles(&g, key, &mr);
		CHECK_EQ_INT(gs_dwt_length(n, w), m);
		CHECK_EQ_INT(gs_idwt_length(m, w), mr);
		ca = malloc(m * sizeof(double));
		cd = malloc(m * sizeof(double));
		rec = malloc(mr * sizeof(double));
		gs_dwt(x, n, w, ca, cd);
		gs_idwt(ca, cd, m, w, rec);
		CHECK_MSG(max_abs_diff(ca, ca_ref, m) <= 1e-12, "%s n=%zu cA", cases[c].name, n);
		CHECK_MSG(max_abs_diff(cd, cd_ref, m) <= 1e-12, "%s n=%zu cD", cases[c].name, n);
		CHECK_MSG(max_abs_diff(rec, rec_ref, mr) <= 1e-12, "%s n=%zu idwt", cases[c].name, n);
		free(x);
		free(ca_ref);
		free(cd_ref);
		free(rec_ref);
		free(ca);
		free(cd);
		free(rec);
	}
	golden_close(&g);
}

GS_TEST(test_wavelet_odd_length_rebuilds_one_extra_point)
{
	const gs_wavelet *w = wavelet("db3");
	golden_file g;
	size_t		n,
				m,
				lengths[8];
	double	   *x,
			   *expected,
			   *coeffs,
			   *work,
			   *rec;
	gs_error	err;

	if (!golden_open(&g, "wavelet_b.bin"))
		return;
	x = golden_doubles(&g, "odd/x", &n);
	coeffs = malloc(gs_wavedec_lengths(n, w, 3, lengths) * sizeof(double));
	work = malloc(gs_wavelet_work_length(n, w) * sizeof(double));
	CHECK(gs_wavedec(x, n, w, 3, coeffs, lengths, work, &err) == GS_OK);
	expected = golden_doubles(&g, "odd/coeffs", &m);
	CHECK_MSG(max_abs_diff(coeffs, expected, m) <= 1e-12, "odd coefficients");
	free(expected);
	CHECK_EQ_INT(gs_waverec_length(lengths, 3, w), n + 1);
	rec = malloc((n + 1) * sizeof(double));
	gs_waverec(coeffs, lengths, 3, w, rec, work);
	expected = golden_doubles(&g, "odd/rec", &m);
	CHECK_EQ_INT(m, n + 1);
	CHECK_MSG(max_abs_diff(rec, expected, m) <= 1e-12, "odd reconstruction");
	free(expected);
	free(rec);
	free(coeffs);
	free(work);
	free(x);
	golden_close(&g);
}

GS_TEST(test_wavelet_level_out_of_range)
{
	const gs_wavelet *w = wavelet("db4");
	double		x[64] = {0},
				coeffs[256],
				work[128];
	size_t		lengths[8];
	gs_error	err;

	/* 64 / 7 = 9: max level 3 */
	CHECK_EQ_INT(gs_dwt_max_level(64, w), 3);
	CHECK(gs_wavedec(x, 64, w, 3, coeffs, lengths, work, &err) == GS_OK);
	CHECK(gs_wavedec(x, 64, w, 4, coeffs, lengths, work, &err) == GS_ERR_PARAM);
	CHECK_STR(err.msg, "wavelet level 4 is out of range for 64 points and wavelet db4");
	CHECK_STR(err.detail, "The level must be between 1 and 3.");
	CHECK(gs_wavedec(x, 64, w, 0, coeffs, lengths, work, &err) == GS_ERR_PARAM);
	CHECK(gs_wavedec(x, 10, w, 1, coeffs, lengths, work, &err) == GS_ERR_PARAM);
	CHECK_STR(err.detail, "Wavelet db4 needs at least 14 points for one level.");
}

GS_TEST(test_threshold_matches_pywt)
{
	static const char *const modes[] = {"soft", "hard", "garrote"};
	golden_file g;
	size_t		n,
				m;
	double	   *input;

	if (!golden_open(&g, "wavelet_b.bin"))
		return;
	input = golden_doubles(&g, "threshold/input", &n);
	for (int k = 0; k < 3; k++)
	{
		gs_threshold_mode mode;
		gs_error	err;
		char		key[64];
		double	   *expected,
				   *v = malloc(n * sizeof(double));

		CHECK(gs_threshold_mode_parse(modes[k], &mode, &err) == GS_OK);
		memcpy(v, input, n * sizeof(double));
		gs_threshold(v, n, 1.1, mode);
		snprintf(key, sizeof(key), "threshold/%s", modes[k]);
		expected = golden_doubles(&g, key, &m);
		CHECK_MSG(max_abs_diff(v, expected, n) <= 1e-15, "threshold %s", modes[k]);
		free(expected);
		free(v);
	}
	free(input);
	golden_close(&g);
}
