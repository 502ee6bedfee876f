#include <stdlib.h>

#include "gs_test.h"
#include "sums.h"

/* The partial sums against a long double running sum, on every tail length. */
GS_TEST(test_sums_match_extended_precision)
{
	double		v[200];
	unsigned	seed = 7;

	for (size_t i = 0; i < 200; i++)
	{
		seed = seed * 1103515245u + 12345u;
		v[i] = ((double) (seed >> 8) / (double) (1u << 24) - 0.3) * 1e3;
	}
	for (size_t n = 0; n <= 200; n++)
	{
		long double s = 0,
					ss = 0,
					mean;

		for (size_t i = 0; i < n; i++)
			s += v[i];
		mean = n ? s / n : 0;
		for (size_t i = 0; i < n; i++)
			ss += ((long double) v[i] - (double) mean) * ((long double) v[i] - (double) mean);
		CHECK_CLOSE(gs_sum(v, n), (double) s, 1e-13, 1e-10);
		CHECK_CLOSE(gs_sum_squares(v, n, (double) mean), (double) ss, 1e-13, 0);
	}
}

/* Integers sum exactly, whatever the order; the centre is subtracted first. */
GS_TEST(test_sums_exact_on_integers)
{
	double		v[37];

	for (size_t i = 0; i < 37; i++)
		v[i] = (double) i;
	CHECK_CLOSE(gs_sum(v, 37), 666, 0, 0);
	CHECK_CLOSE(gs_sum_squares(v, 37, 0), 16206, 0, 0);
	CHECK_CLOSE(gs_sum_squares(v, 37, 18), 4218, 0, 0);
	CHECK_CLOSE(gs_sum(v, 0), 0, 0, 0);
	CHECK_CLOSE(gs_sum_squares(v + 5, 1, 2), 9, 0, 0);
}
