/*
 * bench_standardize_b.c — times the part-B standardization steps of src/core
 * (SNR, automatic wavelet denoising, every baseline) over the spectra in a
 * file that scripts/bench_standardize_b.py writes, and prints one line per
 * step: "<step> <seconds per spectrum>" (best of `runs`).

 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "baseline.h"
#include "denoise.h"
#include "snr.h"
#include "bench_spectra.h"

/* step: -2 snr, -1 denoise, else a baseline method (window < 0: automatic) */
static double
run_step(const bench_spectrum *s, uint32_t count, int step, int window, double *out, void *work)
{
	const gs_wavelet *sym8;
	gs_error	err;
	double		t0 = bench_now();

	gs_wavelet_lookup("sym8", &sym8, &err);
	for (uint32_t k = 0; k < count; k++)
	{
		gs_status	rc;
		double		snr;

		if (step == -2)
			rc = gs_snr(s[k].y, s[k].n, work, &snr, &err);
		else if (step == -1)
			rc = gs_denoise(s[k].y, s[k].n, sym8, 0, GS_THRESHOLD_UNIVERSAL, GS_THRESHOLD_SOFT,
							out, work, NULL, &err);
		else
		{
			gs_baseline_params p;

			gs_baseline_params_default((gs_baseline_method) step, &p);
			if (window > 0)
				p.window = window;
			rc = gs_baseline(s[k].x, s[k].y, s[k].n, (gs_baseline_method) step, &p, out, work, &err);
		}
		if (rc != GS_OK)
		{
			fprintf(stderr, "spectrum %u: %s\n", k, err.msg);
			exit(1);
		}
	}
	return (bench_now() - t0) / count;
}

int
main(int argc, char **argv)
{
	uint32_t	count,
				max_n = 0;
	bench_spectrum *s;
	int			runs = argc > 2 ? atoi(argv[2]) : 3;
	double	   *out;
	void	   *work;
	size_t		work_size = 0;
	const gs_wavelet *sym8;
	gs_error	err;

	if (argc < 2)
	{
		fprintf(stderr, "usage: bench_standardize_b SPECTRA_FILE [RUNS]\n");
		return 2;
	}
	s = bench_load(argv[1], &count);
	gs_wavelet_lookup("sym8", &sym8, &err);
	for (uint32_t k = 0; k < count; k++)
		max_n = s[k].n > max_n ? s[k].n : max_n;
	for (int m = -2; m < GS_BASELINE_METHOD_COUNT; m++)
	{
		gs_baseline_params p;
		size_t		need;

		if (m < 0)
			need = m == -2 ? gs_snr_work_size(max_n) : gs_denoise_work_size(max_n, sym8);
		else
		{
			gs_baseline_params_default((gs_baseline_method) m, &p);
			need = gs_baseline_work_size(max_n, (gs_baseline_method) m, &p);
		}
		work_size = need > work_size ? need : work_size;
	}
	out = malloc(max_n * sizeof(double));
	work = malloc(work_size);

	for (int step = -2; step < GS_BASELINE_METHOD_COUNT; step++)
	{
		double		best = 1e300;

		for (int r = 0; r < runs; r++)
		{
			double		t = run_step(s, count, step, -1, out, work);

			best = t < best ? t : best;
		}
		printf("%s %.9f\n", step == -2 ? "snr" : step == -1 ? "denoise" :
			   gs_baseline_method_name((gs_baseline_method) step), best);
	}
	{
		double		best = 1e300;

		for (int r = 0; r < runs; r++)
		{
			double		t = run_step(s, count, GS_BASELINE_MORPH, 15, out, work);

			best = t < best ? t : best;
		}
		printf("morph_w15 %.9f\n", best);
	}
	return 0;
}
