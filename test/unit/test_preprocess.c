/*
 * The S2 chain of preprocess.c: it composes the steps exactly as documented,
 * snaps its grid, reuses its workspace, and runs on every real spectrum of
 * the RRUFF Raman, RRUFF infrared and USGS splib07 folders (read with the
 * project's own readers) without error or NaN; skips without the data.
 */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "gs_test.h"
#include "io_test_util.h"
#include "preprocess.h"

static gs_spectrum_view
synthetic(double *x, float *y, size_t n)
{
	for (size_t i = 0; i < n; i++)
	{
		double		t = (double) i;

		x[i] = 400.13 + 0.37 * t + 0.0004 * t * t;
		y[i] = (float) (0.002 * t + 4 * exp(-((t - 300) / 12) * ((t - 300) / 12))
						+ 2 * exp(-((t - 520) / 6) * ((t - 520) / 6)) + 0.05 * sin(t * 12.9898));
	}
	return (gs_spectrum_view) {GS_UNIT_NM, n, false, NAN, x, 0, 0, y};
}

GS_TEST(test_preprocess_composes_the_steps)
{
	enum {N = 800};
	double		x[N],
				grid[4000],
				v[4000],
				b[4000];
	float		y[N];
	double		yd[N];
	gs_spectrum_view s = synthetic(x, y, N);
	gs_preprocess_config c;
	gs_preprocess_workspace ws;
	gs_preprocess_result r;
	gs_error	err;
	size_t		m;
	int			level;
	double		norm = 0;
	void	   *scratch = malloc(1 << 22);

	gs_preprocess_config_default(GS_UNIT_NM, &c);
	gs_preprocess_workspace_init(&ws);
	CHECK(gs_preprocess(&s, &c, 100000, &ws, &r, &err) == GS_OK);

	/* by hand: grid snapped to 0.5 nm, cubic, sym8/bayes/soft auto, morph auto, L2 */
	for (size_t i = 0; i < N; i++)
		yd[i] = y[i];
	CHECK(gs_uniform_grid_count(400.5, floor(x[N - 1] / 0.5) * 0.5, 0.5, 100000, &m, &err) == GS_OK);
	for (size_t k = 0; k < m; k++)
		grid[k] = 400.5 + 0.5 * (double) k;
	CHECK(gs_interp(x, yd, N, GS_INTERP_CUBIC, GS_EXTRAP_EDGE, grid, m, v, scratch, &err) == GS_OK);
	CHECK(gs_denoise(v, m, c.wavelet, 0, GS_THRESHOLD_BAYES, GS_THRESHOLD_SOFT, v, scratch, &level, &err) == GS_OK);
	CHECK(gs_baseline(grid, v, m, GS_BASELINE_MORPH, &c.baseline_params, b, scratch, &err) == GS_OK);
	for (size_t k = 0; k < m; k++)
	{
		v[k] -= b[k];
		norm += v[k] * v[k];
	}
	CHECK_EQ_INT(r.n, m);
	CHECK(r.uniform);
	CHECK_CLOSE(r.start, 400.5, 0, 0);
	CHECK_CLOSE(r.step, 0.5, 0, 0);
	CHECK_EQ_INT(r.denoise_level, level);
	for (size_t k = 0; k < m; k++)
		CHECK_CLOSE(r.y[k], v[k] / sqrt(norm), 1e-12, 1e-12);

	/* the same workspace serves a longer spectrum, then a shorter one, with the same answers */
	{
		double		first = r.y[10];
		double		x2[2 * N];
		float		y2[2 * N];
		gs_spectrum_view s2 = synthetic(x2, y2, 2 * N);

		CHECK(gs_preprocess(&s2, &c, 100000, &ws, &r, &err) == GS_OK);
		CHECK(gs_preprocess(&s, &c, 100000, &ws, &r, &err) == GS_OK);
		CHECK_CLOSE(r.y[10], first, 0, 0);
	}
	gs_preprocess_workspace_free(&ws);
	free(scratch);
}

GS_TEST(test_preprocess_steps_switch_off)
{
	enum {N = 300};
	double		x[N];
	float		y[N];
	gs_spectrum_view s = synthetic(x, y, N);
	gs_preprocess_config c;
	gs_preprocess_workspace ws;
	gs_preprocess_result r;
	gs_error	err;

	gs_preprocess_config_default(GS_UNIT_NM, &c);
	c.resample = c.denoise = c.baseline = c.normalize = false;
	gs_preprocess_workspace_init(&ws);
	CHECK(gs_preprocess(&s, &c, 100000, &ws, &r, &err) == GS_OK);
	CHECK(!r.uniform);
	CHECK_EQ_INT(r.n, N);
	for (size_t i = 0; i < N; i++)
		CHECK(r.x[i] == x[i] && r.y[i] == (double) y[i]);

	/* axis calibration then resampling: the grid follows the calibrated axis */
	c.resample = true;
	c.ncalib = 2;
	c.calibration[0] = 10;
	c.calibration[1] = 1;
	CHECK(gs_preprocess(&s, &c, 100000, &ws, &r, &err) == GS_OK);
	CHECK_CLOSE(r.start, 410.5, 0, 0);

	/* a grid past max_points is refused, a grid outside the spectrum too */
	c.ncalib = 0;
	CHECK(gs_preprocess(&s, &c, 10, &ws, &r, &err) == GS_ERR_LIMIT);
	c.step = 1e4;
	CHECK(gs_preprocess(&s, &c, 100000, &ws, &r, &err) == GS_ERR_PARAM);
	gs_preprocess_workspace_free(&ws);
}

typedef struct sweep
{
	gs_preprocess_workspace ws;
	int			spectra;
	int			failures;
} sweep;

static void
run_chain(sweep *sw, const gs_io_result *res, const char *path)
{
	for (size_t k = 0; k < res->n_items; k++)
	{
		gs_spectrum_view v = gs_packed_view(res->items[k].spectrum);
		gs_preprocess_config c;
		gs_preprocess_result r;
		gs_error	err;
		bool		ok;

		gs_preprocess_config_default(v.unit, &c);
		/* multispectral band files (9-13 points) are below every step's minimum */
		if (v.n < 64)
			continue;
		ok = gs_preprocess(&v, &c, 1000000, &sw->ws, &r, &err) == GS_OK;
		for (size_t i = 0; ok && i < r.n; i++)
			ok = isfinite(r.y[i]);
		sw->spectra++;
		if (!ok && sw->failures++ < 5)
			gs_test_fail(__FILE__, __LINE__, "%s: %s", path, err.msg);
	}
}

/* RRUFF text files of one folder through gs_read_rruff */
static void
sweep_rruff(sweep *sw, const char *dir)
{
	DIR		   *d = opendir(dir);
	struct dirent *e;

	if (!d)
		return;
	while ((e = readdir(d)) != NULL)
	{
		char		path[8192];
		size_t		len;
		char	   *bytes;
		gs_io_result res;
		gs_error	err;

		if (!strstr(e->d_name, ".txt"))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		bytes = io_test_read_file(path, &len);
		gs_io_result_init(&res, &gs_malloc_allocator);
		/* RAW infrared files whose x repeats are rejected by the reader: nothing to preprocess */
		if (bytes && gs_read_rruff(bytes, len, e->d_name, 1000000, &gs_malloc_allocator, &res, &err) == GS_OK)
			run_chain(sw, &res, path);
		gs_io_result_free(&res);
		free(bytes);
	}
	closedir(d);
}

/* USGS: index.csv names each value file and its wavelength file */
static void
sweep_usgs(sweep *sw, const char *root)
{
	char		path[8192],
				line[8192];
	FILE	   *idx;

	snprintf(path, sizeof(path), "%s/index.csv", root);
	if (!(idx = fopen(path, "r")) || !fgets(line, sizeof(line), idx))
		return;
	while (fgets(line, sizeof(line), idx))
	{
		char	   *fields[32];
		int			nf = 0;
		char		vpath[8192],
					wpath[8192];
		size_t		vlen,
					wlen;
		char	   *v,
				   *w;
		gs_io_result res;
		gs_error	err;

		for (char *p = strtok(line, ","); p && nf < 32; p = strtok(NULL, ","))
			fields[nf++] = p;
		if (nf < 20 || !strstr(fields[19], "avelength"))
			continue;
		snprintf(vpath, sizeof(vpath), "%s/%s", root, fields[0]);
		snprintf(wpath, sizeof(wpath), "%s/%s", root, fields[19]);
		v = io_test_read_file(vpath, &vlen);
		w = io_test_read_file(wpath, &wlen);
		gs_io_result_init(&res, &gs_malloc_allocator);
		if (v && w && gs_read_usgs(v, vlen, w, wlen, fields[0], 1000000, &gs_malloc_allocator, &res, &err) == GS_OK)
			run_chain(sw, &res, vpath);
		gs_io_result_free(&res);
		free(v);
		free(w);
	}
	fclose(idx);
}

GS_TEST(test_preprocess_every_real_spectrum)
{
	const char *data = gs_test_datadir();
	char		dir[2048];
	sweep		sw = {0};

	if (!data)
	{
		gs_test_skip("no data folder (../shared/data or GEOSPECTRA_DATA)");
		return;
	}
	gs_preprocess_workspace_init(&sw.ws);
	snprintf(dir, sizeof(dir), "%s/rruff_raman_excellent_unoriented/spectra", data);
	sweep_rruff(&sw, dir);
	snprintf(dir, sizeof(dir), "%s/rruff_infrared/Processed", data);
	sweep_rruff(&sw, dir);
	snprintf(dir, sizeof(dir), "%s/rruff_infrared/RAW", data);
	sweep_rruff(&sw, dir);
	snprintf(dir, sizeof(dir), "%s/usgs_splib07", data);
	sweep_usgs(&sw, dir);
	printf("#   gs_preprocess ran on %d real spectra, %d failed\n", sw.spectra, sw.failures);
	CHECK(sw.spectra > 2000);
	CHECK_EQ_INT(sw.failures, 0);
	gs_preprocess_workspace_free(&sw.ws);
}
