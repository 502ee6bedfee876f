#include <stdlib.h>
#include <string.h>

#include "gs_test.h"
#include "running_stats.h"

#define NS 257					/* spectra */
#define NP 31					/* grid points */

/* Deterministic data with a large offset, where naive Σx² − n·μ² cancels badly. */
static double
value(size_t s, size_t i)
{
	return 1e6 + 100 * sin(0.37 * (double) (s * NP + i)) + (double) ((s * 7919 + i * 104729) % 1000) * 1e-3;
}

/* Two passes: mean, then Σ w (x − mean)²; weights may be NULL (all 1). */
static void
two_pass(size_t from, size_t to, const double *w, double *n, double *mean, double *m2)
{
	double		sw = 0;

	for (size_t s = from; s < to; s++)
		sw += w ? w[s] : 1;
	*n = sw;
	for (size_t i = 0; i < NP; i++)
	{
		double		sum = 0,
					ss = 0;

		for (size_t s = from; s < to; s++)
			sum += (w ? w[s] : 1) * value(s, i);
		mean[i] = sum / sw;
		for (size_t s = from; s < to; s++)
		{
			double		d = value(s, i) - mean[i];

			ss += (w ? w[s] : 1) * d * d;
		}
		m2[i] = ss;
	}
}

typedef struct block
{
	double		mean[NP],
				m2[NP];
	gs_rstats	st;
} block;

static void
block_init(block *b)
{
	b->st = (gs_rstats) {NP, 0, b->mean, b->m2};
	gs_rstats_reset(&b->st);
}

static void
add_range(block *b, size_t from, size_t to)
{
	double		x[NP];

	for (size_t s = from; s < to; s++)
	{
		for (size_t i = 0; i < NP; i++)
			x[i] = value(s, i);
		gs_rstats_add(&b->st, x);
	}
}

static void
check_against(const block *b, double n, const double *mean, const double *m2, double rtol)
{
	CHECK_CLOSE(b->st.n, n, 1e-14, 0);
	for (size_t i = 0; i < NP; i++)
	{
		CHECK_CLOSE(b->mean[i], mean[i], 1e-14, 0);
		CHECK_CLOSE(b->m2[i], m2[i], rtol, 0);
	}
}

GS_TEST(test_running_stats_welford_equals_two_pass)
{
	block		b;
	double		n,
				mean[NP],
				m2[NP];

	block_init(&b);
	add_range(&b, 0, NS);
	two_pass(0, NS, NULL, &n, mean, m2);
	check_against(&b, n, mean, m2, 1e-9);
}

GS_TEST(test_running_stats_float_input)
{
	float		y[3][2] = {{1, 10}, {2, 10}, {6, 10}};
	double		mean[2],
				m2[2];
	gs_rstats	st = {2, 0, mean, m2};

	gs_rstats_reset(&st);
	for (int s = 0; s < 3; s++)
		gs_rstats_add_float(&st, y[s]);
	CHECK_CLOSE(st.n, 3, 0, 0);
	CHECK_CLOSE(mean[0], 3, 1e-15, 0);
	CHECK_CLOSE(m2[0], 4 + 1 + 9, 1e-15, 0);
	CHECK_CLOSE(mean[1], 10, 0, 0);
	CHECK_CLOSE(m2[1], 0, 0, 0);	/* a constant point has exactly zero spread */
}

GS_TEST(test_running_stats_chan_merge_any_split)
{
	/* uneven blocks, an empty one, merged in a tree as parallel workers would */
	size_t		cuts[] = {0, 1, 1, 40, 41, 200, NS};
	size_t		nb = sizeof(cuts) / sizeof(cuts[0]) - 1;
	block		parts[6],
				all;
	double		n,
				mean[NP],
				m2[NP];

	for (size_t k = 0; k < nb; k++)
	{
		block_init(&parts[k]);
		add_range(&parts[k], cuts[k], cuts[k + 1]);
	}
	gs_rstats_merge(&parts[0].st, &parts[1].st);	/* empty into one */
	gs_rstats_merge(&parts[2].st, &parts[3].st);
	gs_rstats_merge(&parts[4].st, &parts[5].st);
	gs_rstats_merge(&parts[2].st, &parts[4].st);
	block_init(&all);
	gs_rstats_merge(&all.st, &parts[2].st);	/* into an empty block */
	gs_rstats_merge(&all.st, &parts[0].st);
	two_pass(0, NS, NULL, &n, mean, m2);
	check_against(&all, n, mean, m2, 1e-9);
}

GS_TEST(test_running_stats_forgetting_weights)
{
	/*
	 * Spectra arrive one a "second", half-life 50 s: decaying the stored block
	 * by the age of its stamp before each merge must equal weights
	 * 2^-(age/50) computed directly.
	 */
	double		halflife = 50,
				w[NS],
				n,
				mean[NP],
				m2[NP],
				x[NP];
	block		b,
				one;

	block_init(&b);
	block_init(&one);
	for (size_t s = 0; s < NS; s++)
	{
		gs_rstats_reset(&one.st);
		for (size_t i = 0; i < NP; i++)
			x[i] = value(s, i);
		gs_rstats_add(&one.st, x);
		if (s > 0)
			gs_rstats_decay(&b.st, gs_decay_factor(1, halflife));
		gs_rstats_merge(&b.st, &one.st);
		w[s] = exp2(-(double) (NS - 1 - s) / halflife);
	}
	two_pass(0, NS, w, &n, mean, m2);
	CHECK_CLOSE(b.st.n, n, 1e-12, 0);
	for (size_t i = 0; i < NP; i++)
	{
		CHECK_CLOSE(b.mean[i], mean[i], 1e-14, 0);
		CHECK_CLOSE(b.m2[i], m2[i], 1e-8, 0);
	}
	CHECK_CLOSE(gs_decay_factor(100, 50), 0.25, 1e-15, 0);
	CHECK_CLOSE(gs_decay_factor(100, 0), 1, 0, 0);	/* off */
	CHECK_CLOSE(gs_decay_factor(-5, 50), 1, 0, 0);	/* a stamp from the future does not grow weights */
}

GS_TEST(test_running_stats_stddev_and_check)
{
	double		mean[2] = {1, 2},
				m2[2] = {8, 0},
				sigma[2];
	gs_rstats	st = {2, 2, mean, m2};
	gs_error	err;

	gs_rstats_stddev(&st, sigma);
	CHECK_CLOSE(sigma[0], 2, 1e-15, 0);	/* population: sqrt(8 / 2) */
	CHECK_CLOSE(sigma[1], 0, 0, 0);
	CHECK(gs_rstats_check(&st, &err) == GS_OK);
	m2[1] = NAN;
	CHECK(gs_rstats_check(&st, &err) == GS_ERR_PARAM);
	CHECK(strstr(err.msg, "grid point 2") != NULL);
	m2[1] = -1;
	CHECK(gs_rstats_check(&st, &err) == GS_ERR_PARAM);
	m2[1] = 0;
	st.n = 0;
	CHECK(gs_rstats_check(&st, &err) == GS_ERR_PARAM);
	st.n = INFINITY;
	CHECK(gs_rstats_check(&st, &err) == GS_ERR_PARAM);
}

static gs_status
sample(const gs_spectrum_view *s, const gs_grid *g, double *out, gs_error *err)
{
	void	   *scratch = malloc(gs_grid_sample_scratch_size(s->n, g));
	gs_status	rc = gs_grid_sample(s, g, out, scratch, err);

	free(scratch);
	return rc;
}

GS_TEST(test_running_stats_grid_sample_linear)
{
	float		y[] = {0, 10, 20, 40};
	double		x[] = {100, 101, 102, 104};
	double		out[7];
	gs_spectrum_view explicit_axis = {GS_UNIT_NM, 4, false, NAN, x, 0, 0, y},
				uniform = {GS_UNIT_NM, 4, false, NAN, NULL, 100, 1, y},
				shifted = {GS_UNIT_NM, 3, false, NAN, NULL, 0.3000000000000001, 0.1, y};
	gs_grid		g = {100, 0.5, 7};	/* 100 .. 103 */
	gs_grid		same = {100, 1, 4};
	gs_grid		outside = {99, 1, 3};
	gs_grid		g3 = {0.1 * 3, 0.1, 3};
	gs_grid		unset = {NAN, 1, 3};
	gs_error	err;

	CHECK(sample(&explicit_axis, &g, out, &err) == GS_OK);
	CHECK_CLOSE(out[0], 0, 0, 0);
	CHECK_CLOSE(out[1], 5, 1e-15, 0);
	CHECK_CLOSE(out[4], 20, 0, 0);
	CHECK_CLOSE(out[5], 25, 1e-15, 0);
	CHECK_CLOSE(out[6], 30, 1e-15, 0);
	/* a uniform axis onto itself is the identity */
	CHECK(sample(&uniform, &same, out, &err) == GS_OK);
	for (int i = 0; i < 4; i++)
		CHECK_CLOSE(out[i], y[i], 0, 0);
	CHECK(sample(&uniform, &outside, out, &err) == GS_ERR_PARAM);
	CHECK(strstr(err.detail, "99") != NULL);
	/* an end point off by rounding still counts as inside and takes the end value */
	CHECK(sample(&shifted, &g3, out, &err) == GS_OK);
	CHECK_CLOSE(out[0], 0, 0, 1e-12);
	/* the grid is checked before it fills the targets, which are not checked again */
	CHECK(sample(&uniform, &unset, out, &err) == GS_ERR_PARAM);
	CHECK(strstr(err.msg, "invalid grid") != NULL);
}

GS_TEST(test_running_stats_grid_check)
{
	gs_error	err;
	gs_grid		ok = {350, 0.5, 4301},
				zero_step = {350, 0, 10},
				empty = {350, 1, 0},
				nan_start = {NAN, 1, 3};

	CHECK(gs_grid_check(&ok, &err) == GS_OK);
	CHECK(gs_grid_check(&zero_step, &err) == GS_ERR_PARAM);
	CHECK(gs_grid_check(&empty, &err) == GS_ERR_PARAM);
	CHECK(gs_grid_check(&nan_start, &err) == GS_ERR_PARAM);
	CHECK(gs_grid_equal(&ok, &ok) && !gs_grid_equal(&ok, &zero_step));
}

GS_TEST(test_running_stats_drift)
{
	/* reference σ = 2 at both points; day mean +1 and +3, σ 2 and 4 */
	double		rm[2] = {0, 0},
				r2[2] = {8, 8},
				dm[2] = {1, 3},
				d2[2] = {8, 32};
	gs_rstats	ref = {2, 2, rm, r2},
				day = {2, 2, dm, d2};
	double		ms,
				ss;

	gs_rstats_drift(&day, &ref, &ms, &ss);
	CHECK_CLOSE(ms, sqrt((0.25 + 2.25) / 2), 1e-6, 0);
	CHECK_CLOSE(ss, sqrt((0 + 1) / 2.0), 1e-6, 0);
	gs_rstats_drift(&ref, &ref, &ms, &ss);
	CHECK_CLOSE(ms, 0, 0, 0);
	CHECK_CLOSE(ss, 0, 0, 0);
}

GS_TEST(test_running_stats_normalize)
{
	/* σ = 2 at point 0, σ = 0 at point 1 (eps only) */
	double		mean[2] = {10, 5},
				m2[2] = {12, 0},
				x[2] = {14, 5.5},
				out[2];
	gs_rstats	st = {2, 3, mean, m2};

	gs_rstats_normalize(&st, x, 1, 0, out);
	CHECK_CLOSE(out[0], 4 / (2 + 1e-7), 1e-15, 0);
	CHECK_CLOSE(out[1], 0.5 / 1e-7, 1e-15, 0);
	gs_rstats_normalize(&st, x, 2, 1, out);
	CHECK_CLOSE(out[0], 2 * 4 / (2 + 1e-7) + 1, 1e-15, 0);
}
