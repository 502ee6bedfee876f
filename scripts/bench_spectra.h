/*
 * bench_spectra.h — what the C sides of the standardization benchmarks share:
 * the spectra file their Python drivers write and a monotonic clock.
 * Header-only: each benchmark is one C file compiled with src/core.
 *
 * File: u32 count, then per spectrum u32 n, n float64 x, n float64 y (LE).
 */
#ifndef GS_BENCH_SPECTRA_H
#define GS_BENCH_SPECTRA_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

typedef struct bench_spectrum
{
	uint32_t	n;
	double	   *x;
	double	   *y;
} bench_spectrum;

static inline double
bench_now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double) t.tv_sec + 1e-9 * (double) t.tv_nsec;
}

static inline bench_spectrum *
bench_load(const char *path, uint32_t *count)
{
	FILE	   *f = fopen(path, "rb");
	bench_spectrum *s;

	if (!f || fread(count, 4, 1, f) != 1)
	{
		fprintf(stderr, "cannot read %s\n", path);
		exit(1);
	}
	s = calloc(*count, sizeof(*s));
	for (uint32_t k = 0; k < *count; k++)
	{
		if (fread(&s[k].n, 4, 1, f) != 1)
			exit(1);
		s[k].x = malloc(s[k].n * sizeof(double));
		s[k].y = malloc(s[k].n * sizeof(double));
		if (fread(s[k].x, sizeof(double), s[k].n, f) != s[k].n ||
			fread(s[k].y, sizeof(double), s[k].n, f) != s[k].n)
		{
			fprintf(stderr, "%s is cut short\n", path);
			exit(1);
		}
	}
	fclose(f);
	return s;
}

#endif
