#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "despike.h"
#include "gs_test.h"

/* Deterministic noise in [-1, 1] (a 64-bit LCG), so the test needs no libc rand. */
static double
noise(uint64_t *state)
{
	*state = *state * 6364136223846793005ULL + 1442695040888963407ULL;
	return (double) (*state >> 11) / (double) (1ULL << 52) - 1;
}

static double
lorentz(double i, double centre, double hwhm)
{
	double		t = (i - centre) / hwhm;

	return 1 / (1 + t * t);
}

GS_TEST(test_despike_synthetic_spikes)
{
	enum
	{
		N = 1000
	};
	static const size_t spikes[] = {150, 400, 401, 777};
	double		clean[N],
				y[N],
				out[N];
	void	   *scratch = malloc(gs_despike_scratch_size(N));
	uint64_t	state = 42;
	size_t		replaced;
	gs_error	err;

	for (int i = 0; i < N; i++)
	{
		clean[i] = 200 + 3000 * lorentz(i, 300, 6) + 1500 * lorentz(i, 600, 10) + 800 * lorentz(i, 850, 4) +
			5 * noise(&state);
		y[i] = clean[i];
	}
	for (size_t k = 0; k < sizeof(spikes) / sizeof(spikes[0]); k++)
		y[spikes[k]] += 4000;
	CHECK(gs_despike(y, N, GS_DESPIKE_DEFAULT_THRESHOLD, GS_DESPIKE_DEFAULT_HALF_WINDOW,
					 GS_DESPIKE_DEFAULT_MAX_WIDTH, out, &replaced,
					 scratch, &err) == GS_OK);
	/* each spike and its two neighbours at most */
	CHECK(replaced >= 4 && replaced <= 10);
	for (size_t k = 0; k < sizeof(spikes) / sizeof(spikes[0]); k++)
		CHECK_MSG(fabs(out[spikes[k]] - clean[spikes[k]]) < 20, "spike at %zu left %.1f", spikes[k],
				  out[spikes[k]] - clean[spikes[k]]);
	/* the real peaks (up to 3000 high, a few samples wide) are untouched */
	for (int i = 0; i < N; i++)
	{
		bool		near = false;

		for (size_t k = 0; k < sizeof(spikes) / sizeof(spikes[0]); k++)
			near |= (size_t) abs(i - (int) spikes[k]) <= 1;
		if (!near && out[i] != y[i])
		{
			gs_test_fail(__FILE__, __LINE__, "sample %d changed from %g to %g", i, y[i], out[i]);
			break;
		}
	}
	free(scratch);
}

GS_TEST(test_despike_flat_and_bad_inputs)
{
	double		y[20] = {0},
				out[20];
	char		scratch[512];
	size_t		replaced;
	gs_error	err;

	CHECK(gs_despike_scratch_size(20) <= sizeof(scratch));
	/* constant: MAD and mean deviation both 0, nothing flagged */
	CHECK(gs_despike(y, 20, 7, 3, 3, out, &replaced, scratch, &err) == GS_OK);
	CHECK_EQ_INT(replaced, 0);
	/* mostly flat with one spike: MAD is 0, the mean-deviation fallback finds it */
	y[4] = 100;
	CHECK(gs_despike(y, 20, 7, 3, 3, out, &replaced, scratch, &err) == GS_OK);
	CHECK_CLOSE(out[4], 0, 0, 0);
	CHECK(gs_despike(y, 2, 7, 3, 3, out, &replaced, scratch, &err) == GS_ERR_PARAM);
	CHECK(gs_despike(y, 20, 0, 3, 3, out, &replaced, scratch, &err) == GS_ERR_PARAM);
	CHECK(gs_despike(y, 20, 7, 0, 3, out, &replaced, scratch, &err) == GS_ERR_PARAM);
	CHECK(gs_despike(y, 20, 7, 3, 0, out, &replaced, scratch, &err) == GS_ERR_PARAM);
	y[2] = NAN;
	CHECK(gs_despike(y, 20, 7, 3, 3, out, &replaced, scratch, &err) == GS_ERR_PARAM);
}
