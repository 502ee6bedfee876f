/*
 * Every spectrum of the RRUFF Raman (excellent_unoriented), RRUFF infrared
 * and USGS splib07 (splib07a and splib07b mineral chapters) folders through
 * SNR, automatic-level denoising and every baseline: no error, no NaN.
 * Skips when the data folder is absent.
 *
 * The cheap steps (SNR, denoise, morph, snip, rubberband) run on every
 * spectrum; the iterative ones (als, arpls, airpls, modpoly, imodpoly) on
 * every 8th, which keeps the run short under the sanitizers.
 */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "baseline.h"
#include "denoise.h"
#include "gs_test.h"
#include "snr.h"

#define ITERATIVE_EVERY 8

typedef struct series
{
	double	   *x;
	double	   *y;
	size_t		n;
	size_t		cap;
} series;

static void
push(series *s, double x, double y)
{
	if (s->n == s->cap)
	{
		s->cap = s->cap ? 2 * s->cap : 4096;
		s->x = realloc(s->x, s->cap * sizeof(double));
		s->y = realloc(s->y, s->cap * sizeof(double));
	}
	s->x[s->n] = x;
	s->y[s->n] = y;
	s->n++;
}

/* RRUFF: "##KEY=VALUE" lines, then "x, y" lines */
static bool
read_rruff(const char *path, series *s)
{
	FILE	   *f = fopen(path, "r");
	char		line[512];

	s->n = 0;
	if (!f)
		return false;
	while (fgets(line, sizeof(line), f))
	{
		char	   *end;
		double		x,
					y;

		if (line[0] == '#')
			continue;
		x = strtod(line, &end);
		if (end == line || *end != ',')
			continue;
		y = strtod(end + 1, NULL);
		push(s, x, y);
	}
	fclose(f);
	return true;
}

/* USGS: a title line, then one value per line */
static size_t
read_values(const char *path, double **out)
{
	FILE	   *f = fopen(path, "r");
	char		line[256];
	size_t		n = 0,
				cap = 0;

	if (!f)
		return 0;
	if (!fgets(line, sizeof(line), f))
	{
		fclose(f);
		return 0;
	}
	while (fgets(line, sizeof(line), f))
	{
		if (n == cap)
		{
			cap = cap ? 2 * cap : 4096;
			*out = realloc(*out, cap * sizeof(double));
		}
		(*out)[n++] = strtod(line, NULL);
	}
	fclose(f);
	return n;
}

static bool
increasing(const double *x, size_t n)
{
	for (size_t i = 1; i < n; i++)
		if (!(x[i] > x[i - 1]))
			return false;
	return true;
}

static bool
all_finite(const double *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!isfinite(v[i]))
			return false;
	return true;
}

typedef struct sweep
{
	const gs_wavelet *wavelet;
	size_t		spectra;
	size_t		iterative;
	double	   *out;
	void	   *work;
	size_t		cap;
} sweep;

static void
run_one(sweep *sw, const char *name, const double *x, const double *y, size_t n)
{
	double		snr,
				features[GS_SNR_DEFAULT_WINDOW_COUNT];
	size_t		need = gs_denoise_work_size(n, sw->wavelet);
	bool		iterative = sw->spectra % ITERATIVE_EVERY == 0;
	gs_error	err;
	int			level;

	for (int m = 0; m < GS_BASELINE_METHOD_COUNT; m++)
	{
		gs_baseline_params p;
		size_t		b;

		gs_baseline_params_default((gs_baseline_method) m, &p);
		b = gs_baseline_work_size(n, (gs_baseline_method) m, &p);
		need = b > need ? b : need;
	}
	if (need > sw->cap || n > sw->cap / sizeof(double))
	{
		sw->cap = need > n * sizeof(double) ? need : n * sizeof(double);
		sw->work = realloc(sw->work, sw->cap);
		sw->out = realloc(sw->out, sw->cap);
	}
	sw->spectra++;

	CHECK_MSG(gs_snr(y, n, sw->work, &snr, &err) == GS_OK && isfinite(snr), "%s: snr: %s", name, err.msg);
	CHECK_MSG(gs_snr_features(y, n, gs_snr_default_windows, GS_SNR_DEFAULT_WINDOW_COUNT,
							  features, sw->work, &err) == GS_OK &&
			  all_finite(features, GS_SNR_DEFAULT_WINDOW_COUNT), "%s: snr features: %s", name, err.msg);
	CHECK_MSG(gs_denoise(y, n, sw->wavelet, 0, (gs_threshold_rule) (sw->spectra % 3),
						 GS_THRESHOLD_SOFT, sw->out, sw->work, &level, &err) == GS_OK &&
			  all_finite(sw->out, n) && level >= 1 && level <= 6, "%s: denoise: %s", name, err.msg);
	for (int m = 0; m < GS_BASELINE_METHOD_COUNT; m++)
	{
		gs_baseline_method method = (gs_baseline_method) m;
		gs_baseline_params p;

		if (!iterative && (method == GS_BASELINE_ALS || method == GS_BASELINE_ARPLS ||
						   method == GS_BASELINE_AIRPLS || method == GS_BASELINE_MODPOLY ||
						   method == GS_BASELINE_IMODPOLY))
			continue;
		gs_baseline_params_default(method, &p);
		CHECK_MSG(gs_baseline(x, y, n, method, &p, sw->out, sw->work, &err) == GS_OK &&
				  all_finite(sw->out, n), "%s: %s: %s", name, gs_baseline_method_name(method), err.msg);
	}
	if (iterative)
		sw->iterative++;
}

static void
sweep_rruff(sweep *sw, const char *dir)
{
	DIR		   *d = opendir(dir);
	struct dirent *e;
	series		s = {0};
	char		path[4096];

	if (!d)
	{
		gs_test_fail(__FILE__, __LINE__, "cannot open %s", dir);
		return;
	}
	while ((e = readdir(d)))
	{
		if (!strstr(e->d_name, ".txt"))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		CHECK_MSG(read_rruff(path, &s) && s.n >= 30, "%s: unreadable", path);
		if (s.n >= 30)
			/* a few RAW infrared files repeat or reverse x: use the index axis there */
			run_one(sw, e->d_name, increasing(s.x, s.n) ? s.x : NULL, s.y, s.n);
	}
	closedir(d);
	free(s.x);
	free(s.y);
}

/* Spectra of one USGS product, each with the wavelength file of its channel count. */
static void
sweep_usgs(sweep *sw, const char *product_dir)
{
	char		path[4096];
	double	   *wavelengths[8] = {0};
	size_t		lengths[8] = {0};
	int			nw = 0;
	DIR		   *d = opendir(product_dir);
	struct dirent *e;
	double	   *v = NULL,
			   *x = NULL,
			   *y = NULL;

	if (!d)
	{
		gs_test_fail(__FILE__, __LINE__, "cannot open %s", product_dir);
		return;
	}
	while ((e = readdir(d)) && nw < 8)
	{
		if (!strstr(e->d_name, "_Wavelengths_"))
			continue;
		snprintf(path, sizeof(path), "%s/%s", product_dir, e->d_name);
		lengths[nw] = read_values(path, &wavelengths[nw]);
		nw++;
	}
	closedir(d);

	snprintf(path, sizeof(path), "%s/ChapterM_Minerals", product_dir);
	d = opendir(path);
	while (d && (e = readdir(d)))
	{
		size_t		n,
					m = 0;
		int			k;

		if (!strstr(e->d_name, ".txt"))
			continue;
		snprintf(path, sizeof(path), "%s/ChapterM_Minerals/%s", product_dir, e->d_name);
		n = read_values(path, &v);
		for (k = 0; k < nw && lengths[k] != n; k++)
			;
		CHECK_MSG(k < nw, "%s: no wavelength file of %zu channels", e->d_name, n);
		if (k == nw)
			continue;
		x = realloc(x, n * sizeof(double));
		y = realloc(y, n * sizeof(double));
		for (size_t i = 0; i < n; i++)
			if (v[i] > -1e30)	/* -1.23e34 marks deleted channels */
			{
				x[m] = wavelengths[k][i];
				y[m++] = v[i];
			}
		if (m >= 30)
			run_one(sw, e->d_name, increasing(x, m) ? x : NULL, y, m);
	}
	if (d)
		closedir(d);
	for (int k = 0; k < nw; k++)
		free(wavelengths[k]);
	free(v);
	free(x);
	free(y);
}

GS_TEST(test_standardize_b_real_data_sweep)
{
	const char *data = gs_test_datadir();
	char		path[4096];
	sweep		sw = {0};
	gs_error	err;

	if (!data)
	{
		gs_test_skip("no real-data folder (../shared/data or GEOSPECTRA_DATA)");
		return;
	}
	CHECK(gs_wavelet_lookup("sym8", &sw.wavelet, &err) == GS_OK);
	snprintf(path, sizeof(path), "%s/rruff_raman_excellent_unoriented/spectra", data);
	sweep_rruff(&sw, path);
	snprintf(path, sizeof(path), "%s/rruff_infrared/Processed", data);
	sweep_rruff(&sw, path);
	snprintf(path, sizeof(path), "%s/rruff_infrared/RAW", data);
	sweep_rruff(&sw, path);
	snprintf(path, sizeof(path), "%s/usgs_splib07/splib07a", data);
	sweep_usgs(&sw, path);
	snprintf(path, sizeof(path), "%s/usgs_splib07/splib07b", data);
	sweep_usgs(&sw, path);
	printf("#   %zu spectra, %zu with the iterative baselines\n", sw.spectra, sw.iterative);
	CHECK(sw.spectra > 2000);
	free(sw.out);
	free(sw.work);
}
