/*
 * Times the part-A standardization chain in C on real RRUFF Raman spectra:
 * cubic resampling onto a 1 cm-1 grid, Savitzky-Golay (11, 3), SNV,
 * find_peaks (prominence 0.5) with prominences and widths, numpy-style
 * gradient.  scripts/bench_std_a.py runs the same chain with scipy.
 *
 *   cc -O2 -std=gnu11 -Isrc/core -o build/bench_std_a scripts/bench_std_a.c \
 *      src/core/{interp,savgol,normalize,peaks,derivative,axis_check,method_names,gs_error}.c -lm
 *   build/bench_std_a ../shared/data 300
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "derivative.h"
#include "interp.h"
#include "normalize.h"
#include "peaks.h"
#include "savgol.h"

#define MAXPTS 20000

static size_t
read_rruff(const char *path, double *x, double *y)
{
	FILE	   *f = fopen(path, "r");
	char		line[256];
	size_t		n = 0;

	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f) && n < MAXPTS)
		if (line[0] != '#' && sscanf(line, "%lf, %lf", &x[n], &y[n]) == 2)
			n++;
	fclose(f);
	return n;
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return ts.tv_sec + ts.tv_nsec * 1e-9;
}

int
main(int argc, char **argv)
{
	const char *data = argc > 1 ? argv[1] : "../shared/data";
	int			limit = argc > 2 ? atoi(argv[2]) : 300,
				count = 0,
				reps = argc > 3 ? atoi(argv[3]) : 20;
	char		path[8192],
				line[4096];
	FILE	   *index;
	static double xs[300][MAXPTS / 4],
				ys[300][MAXPTS / 4];
	static size_t ns[300];
	static double grid[MAXPTS],
				a[MAXPTS],
				b[MAXPTS];
	static gs_peak peaks[MAXPTS / 2];
	static char scratch[1 << 20];
	double		t0,
				elapsed;
	size_t		total_peaks = 0;

	snprintf(path, sizeof(path), "%s/rruff_raman_excellent_unoriented/index.csv", data);
	index = fopen(path, "r");
	if (!index || !fgets(line, sizeof(line), index))
		return 1;
	while (count < limit && count < 300 && fgets(line, sizeof(line), index))
	{
		*strchr(line, ',') = '\0';
		snprintf(path, sizeof(path), "%s/rruff_raman_excellent_unoriented/%s", data, line);
		ns[count] = read_rruff(path, xs[count], ys[count]);
		if (ns[count] > 20 && ns[count] < MAXPTS / 4)
			count++;
	}
	fclose(index);

	t0 = now();
	for (int r = 0; r < reps; r++)
	{
		for (int s = 0; s < count; s++)
		{
			const double *x = xs[s],
					   *y = ys[s];
			size_t		n = ns[s],
						m,
						np;
			double		start = ceil(x[0]),
						stop = floor(x[n - 1]);
			gs_peak_options po = gs_peak_options_default();
			gs_error	err;

			if (gs_uniform_grid_count(start, stop, 1.0, MAXPTS, &m, &err) != GS_OK)
				return 1;
			for (size_t i = 0; i < m; i++)
				grid[i] = start + (double) i;
			if (gs_interp(x, y, n, GS_INTERP_CUBIC, GS_EXTRAP_ERROR, grid, m, a, scratch, &err) != GS_OK ||
				gs_savgol(a, m, 11, 3, 0, 1.0, b, scratch, &err) != GS_OK ||
				gs_normalize(grid, b, m, GS_NORM_SNV, NAN, b, &err) != GS_OK)
				return 1;
			po.prominence = 0.5;
			if (gs_find_peaks(grid, b, m, &po, peaks, &np, scratch, &err) != GS_OK ||
				gs_derivative(grid, b, m, 1, a, NULL, &err) != GS_OK)
				return 1;
			total_peaks += np;
		}
	}
	elapsed = now() - t0;
	printf("C chain: %d spectra x %d reps, %.3f ms per spectrum, %zu peaks per pass\n",
		   count, reps, 1e3 * elapsed / (count * (reps ? reps : 1)), total_peaks / (reps ? reps : 1));
	return 0;
}
