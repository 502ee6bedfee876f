/*
 * bench_preprocess.c — the C side of scripts/bench_preprocess: times each
 * step of the S2 chain and the whole gs_preprocess over the spectra in a
 * file written by scripts/bench_preprocess.py, single thread, best of `runs`,
 * and prints "<step> <seconds per spectrum>" lines.
 *
 * The spectra file is bench_spectra.h's.
 * Steps: cubic resample onto the default grid (1 cm-1 for Raman shift),
 * automatic wavelet denoising (sym8, bayes, soft), morphological baseline
 * with the automatic window, vector normalization; each is timed alone
 * through gs_preprocess with the other steps off (so it includes the copy of
 * the input into the workspace), then the whole chain.  As on the Python
 * side, the steps after the resampling run on the resampled spectra (as
 * float, the type a spectrum stores), not on the raw ones, which have more
 * points.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench_spectra.h"
#include "preprocess.h"

typedef struct input
{
	bench_spectrum raw;
	float	   *yf;				/* raw.y as a spectrum stores it */
	size_t		rn;				/* the resampled spectrum: rn points from rstart by rstep */
	double		rstart;
	double		rstep;
	float	   *ryf;
} input;

static input *
load(const char *path, uint32_t *count)
{
	bench_spectrum *raw = bench_load(path, count);
	input	   *in = calloc(*count, sizeof(input));

	for (uint32_t k = 0; k < *count; k++)
	{
		in[k].raw = raw[k];
		in[k].yf = malloc(raw[k].n * sizeof(float));
		for (uint32_t i = 0; i < raw[k].n; i++)
			in[k].yf[i] = (float) raw[k].y[i];
	}
	free(raw);
	return in;
}

static void
check(gs_status st, const gs_error *err, const char *what)
{
	if (st != GS_OK)
	{
		fprintf(stderr, "%s: %s (%s)\n", what, err->msg, err->detail);
		exit(1);
	}
}

/* One configuration per step: the chain with only that step switched on. */
static void
only(gs_preprocess_config *c, const char *step)
{
	c->resample = strcmp(step, "resample") == 0;
	c->denoise = strcmp(step, "denoise") == 0;
	c->baseline = strcmp(step, "baseline") == 0;
	c->normalize = strcmp(step, "normalize") == 0;
}

int
main(int argc, char **argv)
{
	uint32_t	count;
	input	   *in;
	int			runs = argc > 2 ? atoi(argv[2]) : 3;
	const char *steps[] = {"resample", "denoise", "baseline", "normalize", "chain"};
	gs_preprocess_workspace ws;
	gs_error	err;

	if (argc < 2)
	{
		fprintf(stderr, "usage: %s FILE [RUNS]\n", argv[0]);
		return 2;
	}
	in = load(argv[1], &count);
	gs_preprocess_workspace_init(&ws);
	for (uint32_t k = 0; k < count; k++)
	{
		gs_spectrum_view v = {GS_UNIT_RAMAN_CM1, in[k].raw.n, false, NAN, in[k].raw.x, 0, 0, in[k].yf};
		gs_preprocess_config c;
		gs_preprocess_result res;

		gs_preprocess_config_default(GS_UNIT_RAMAN_CM1, &c);
		only(&c, "resample");
		check(gs_preprocess(&v, &c, 1000000, &ws, &res, &err), &err, "resample");
		in[k].rn = res.n;
		in[k].rstart = res.start;
		in[k].rstep = res.step;
		in[k].ryf = malloc(res.n * sizeof(float));
		for (size_t i = 0; i < res.n; i++)
			in[k].ryf[i] = (float) res.y[i];
	}

	for (size_t s = 0; s < sizeof(steps) / sizeof(steps[0]); s++)
	{
		double		best = 1e300;

		for (int r = 0; r < runs; r++)
		{
			double		t0 = bench_now();

			for (uint32_t k = 0; k < count; k++)
			{
				bool		raw = strcmp(steps[s], "resample") == 0 || strcmp(steps[s], "chain") == 0;
				gs_spectrum_view v = {GS_UNIT_RAMAN_CM1, in[k].raw.n, false, NAN, in[k].raw.x, 0, 0, in[k].yf};
				gs_preprocess_config c;
				gs_preprocess_result res;

				if (!raw)
					v = (gs_spectrum_view) {GS_UNIT_RAMAN_CM1, in[k].rn, false, NAN, NULL,
						in[k].rstart, in[k].rstep, in[k].ryf};
				gs_preprocess_config_default(GS_UNIT_RAMAN_CM1, &c);
				if (strcmp(steps[s], "chain") != 0)
					only(&c, steps[s]);
				check(gs_preprocess(&v, &c, 1000000, &ws, &res, &err), &err, steps[s]);
			}
			t0 = bench_now() - t0;
			if (t0 < best)
				best = t0;
		}
		printf("%s %.9g\n", steps[s], best / count);
	}
	gs_preprocess_workspace_free(&ws);
	return 0;
}
