#include <stdlib.h>
#include <string.h>

#include "baseline.h"
#include "golden_records.h"
#include "gs_test.h"

/*
 * Tolerances against the numpy/scipy transcriptions in scripts/gen_golden_b.py,
 * relative to the spectrum's range: morph picks input values (exact);
 * rubberband and snip are a few exact-order operations; polynomial fits
 * differ by their least-squares solver (pinv there, orthonormal basis here);
 * the penalized systems are solved by LDLᵀ here and SuperLU there, and their
 * condition (up to λ·16 / min weight) amplifies rounding.
 */
static double
tolerance(gs_baseline_method m)
{
	switch (m)
	{
		case GS_BASELINE_MORPH:
			return 0;
		case GS_BASELINE_RUBBERBAND:
		case GS_BASELINE_SNIP:
			return 1e-12;
		case GS_BASELINE_MODPOLY:
		case GS_BASELINE_IMODPOLY:
			return 1e-9;
		default:
			return 1e-6;
	}
}

static void
params_from_vector(gs_baseline_method m, const double *v, gs_baseline_params *p)
{
	gs_baseline_params_default(m, p);
	if (!isnan(v[0]))
		p->lam = v[0];
	if (!isnan(v[1]))
		p->p = v[1];
	if (!isnan(v[2]))
		p->max_iter = (int) v[2];
	if (!isnan(v[3]))
		p->tol = v[3];
	if (!isnan(v[4]))
		p->poly_order = (int) v[4];
	if (!isnan(v[5]))
		p->num_std = v[5];
	if (!isnan(v[6]))
		p->window = (int) v[6];
	if (!isnan(v[7]))
		p->max_half_window = (int) v[7];
	if (!isnan(v[8]))
		p->lls = v[8] != 0;
}

static double *
baseline_checked(const double *x, const double *y, size_t n, gs_baseline_method m,
				 const gs_baseline_params *p)
{
	double	   *out = malloc(n * sizeof(double));
	void	   *work = malloc(gs_baseline_work_size(n, m, p));
	gs_error	err;

	CHECK_MSG(gs_baseline(x, y, n, m, p, out, work, &err) == GS_OK, "%s: %s",
			  gs_baseline_method_name(m), err.msg);
	free(work);
	return out;
}

GS_TEST(test_baseline_synthetic_matches_reference)
{
	static const char *const signals[] = {"syn_uniform", "syn_explicit"};
	golden_file g;

	if (!golden_open(&g, "baseline_b.bin"))
		return;
	for (int s = 0; s < 2; s++)
	{
		char		key[128];
		size_t		n,
					nx = 0;
		double	   *y,
				   *x = NULL,
					range;

		snprintf(key, sizeof(key), "%s/y", signals[s]);
		y = golden_doubles(&g, key, &n);
		snprintf(key, sizeof(key), "%s/x", signals[s]);
		if (golden_find(&g, key))
			x = golden_doubles(&g, key, &nx);
		range = value_range(y, n);
		for (int k = 0;; k++)
		{
			gs_baseline_method m;
			gs_baseline_params p;
			size_t		np,
						m_out;
			double	   *pv,
					   *expected,
					   *out;

			snprintf(key, sizeof(key), "%s/%d/method", signals[s], k);
			if (!golden_find(&g, key))
				break;
			m = (gs_baseline_method) golden_scalar(&g, key);
			snprintf(key, sizeof(key), "%s/%d/params", signals[s], k);
			pv = golden_doubles(&g, key, &np);
			params_from_vector(m, pv, &p);
			if (m == GS_BASELINE_MORPH && p.window == 0)
			{
				snprintf(key, sizeof(key), "%s/%d/window", signals[s], k);
				CHECK_EQ_INT(gs_morph_auto_window(y, n), (int) golden_scalar(&g, key));
			}
			out = baseline_checked(x, y, n, m, &p);
			snprintf(key, sizeof(key), "%s/%d/out", signals[s], k);
			expected = golden_doubles(&g, key, &m_out);
			CHECK_MSG(m_out == n && max_abs_diff(out, expected, n) <= tolerance(m) * range,
					  "%s case %d (%s): off by %g, range %g", signals[s], k,
					  gs_baseline_method_name(m), max_abs_diff(out, expected, n), range);
			free(expected);
			free(out);
			free(pv);
		}
		free(x);
		free(y);
	}
	golden_close(&g);
}

/*
 * 36 real spectra (RRUFF Raman, RRUFF IR, USGS), each with four methods
 * (alternating halves of the list), default parameters.  float32 in the file:
 * the float32 rounding of the reference is allowed on top.
 */
GS_TEST(test_baseline_real_spectra_match_reference)
{
	golden_file g;
	int			count;

	if (!golden_open(&g, "baseline_b.bin"))
		return;
	count = (int) golden_scalar(&g, "real/count");
	CHECK(count >= 30);
	for (int k = 0; k < count; k++)
	{
		char		key[64];
		size_t		n,
					nx;
		double	   *x,
				   *y,
					range;

		snprintf(key, sizeof(key), "real/%d/x", k);
		x = golden_doubles(&g, key, &nx);
		snprintf(key, sizeof(key), "real/%d/y", k);
		y = golden_doubles(&g, key, &n);
		range = value_range(y, n);
		for (int m = k % 2; m < GS_BASELINE_METHOD_COUNT; m += 2)
		{
			gs_baseline_params p;
			size_t		m_out;
			double	   *expected,
					   *out,
						worst = 0;

			gs_baseline_params_default((gs_baseline_method) m, &p);
			if (m == GS_BASELINE_MORPH)
			{
				snprintf(key, sizeof(key), "real/%d/window", k);
				CHECK_EQ_INT(gs_morph_auto_window(y, n), (int) golden_scalar(&g, key));
			}
			out = baseline_checked(x, y, n, (gs_baseline_method) m, &p);
			snprintf(key, sizeof(key), "real/%d/%s", k, gs_baseline_method_name((gs_baseline_method) m));
			expected = golden_doubles(&g, key, &m_out);
			for (size_t i = 0; i < n && m_out == n; i++)
			{
				double		excess = fabs(out[i] - expected[i]) - 1.2e-7 * fabs(expected[i]);

				worst = excess > worst ? excess : worst;
			}
			CHECK_MSG(m_out == n && worst <= fmax(tolerance((gs_baseline_method) m), 1e-9) * range,
					  "real %d %s: off by %g, range %g", k,
					  gs_baseline_method_name((gs_baseline_method) m), worst, range);
			free(expected);
			free(out);
		}
		free(x);
		free(y);
	}
	golden_close(&g);
}

GS_TEST(test_baseline_recovers_known_baselines)
{
	size_t		n = 1500;
	double	   *y = malloc(n * sizeof(double)),
			   *truth = malloc(n * sizeof(double));

	for (size_t i = 0; i < n; i++)
	{
		double		t = (double) i / (double) (n - 1);

		truth[i] = 1 + 0.5 * t - 0.3 * t * t;
		y[i] = truth[i] + 2 * exp(-0.5 * pow((t - 0.3) / 0.002, 2)) +
			exp(-0.5 * pow((t - 0.6) / 0.003, 2));
	}
	for (int m = 0; m < GS_BASELINE_METHOD_COUNT; m++)
	{
		gs_baseline_params p;
		double	   *out,
					worst = 0;

		gs_baseline_params_default((gs_baseline_method) m, &p);
		out = baseline_checked(NULL, y, n, (gs_baseline_method) m, &p);
		for (size_t i = 0; i < n; i++)
			worst = fmax(worst, fabs(out[i] - truth[i]));
		/* narrow peaks (FWHM 7 and 10 points) of height 2 and 1 on a curved baseline */
		CHECK_MSG(worst < 0.1, "%s: off by %g", gs_baseline_method_name((gs_baseline_method) m), worst);
		free(out);
	}
	free(y);
	free(truth);
}

/* The half-sample symmetric extension, as scipy.ndimage's 'reflect'. */
static double
reflected(const double *y, long n, long i)
{
	long		period = 2 * n,
				m = ((i % period) + period) % period;

	return y[m < n ? m : period - 1 - m];
}

/*
 * The opening against its definition, every window summed up point by
 * point: a min over w points from i − w/2, then a max over w points from
 * i − w/2 (odd w) or i − w/2 + 1 (even w, scipy's reflected element).  Every
 * window from 1 to past the spectrum's length, so that each arrangement of
 * the fourfold and twofold passes and of the reflections is met.
 */
GS_TEST(test_baseline_morph_matches_direct_opening)
{
	static const size_t lengths[] = {3, 4, 5, 17, 64, 129};
	unsigned	seed = 11;

	for (size_t l = 0; l < sizeof(lengths) / sizeof(lengths[0]); l++)
	{
		size_t		n = lengths[l];
		double	   *y = malloc(n * sizeof(double)),
				   *eroded = malloc(n * sizeof(double)),
				   *out = malloc(n * sizeof(double));
		gs_baseline_params p;
		gs_error	err;

		for (size_t i = 0; i < n; i++)
		{
			seed = seed * 1103515245u + 12345u;
			y[i] = (double) (seed >> 16 & 255) - 100;
		}
		gs_baseline_params_default(GS_BASELINE_MORPH, &p);
		for (int w = 1; w <= (int) n; w++)
		{
			long		before = w % 2 ? w / 2 : w / 2 - 1;
			int			wrong = 0;

			void	   *work;

			p.window = w;
			work = malloc(gs_baseline_work_size(n, GS_BASELINE_MORPH, &p));
			CHECK_MSG(gs_baseline(NULL, y, n, GS_BASELINE_MORPH, &p, out, work, &err) == GS_OK,
					  "n %zu window %d: %s", n, w, err.msg);
			free(work);
			for (long i = 0; i < (long) n; i++)
			{
				double		m = reflected(y, (long) n, i - w / 2);

				for (long j = 1; j < w; j++)
					m = fmin(m, reflected(y, (long) n, i - w / 2 + j));
				eroded[i] = m;
			}
			for (long i = 0; i < (long) n; i++)
			{
				double		m = reflected(eroded, (long) n, i - before);

				for (long j = 1; j < w; j++)
					m = fmax(m, reflected(eroded, (long) n, i - before + j));
				wrong += out[i] != m;
			}
			CHECK_MSG(wrong == 0, "n %zu window %d: %d points differ", n, w, wrong);
		}
		free(out);
		free(eroded);
		free(y);
	}
}

GS_TEST(test_baseline_morph_auto_window)
{
	size_t		n = 1000;
	double	   *y = malloc(n * sizeof(double));

	/* Gaussian peaks of FWHM 2.3548·σ: f = median(4.7, 9.4, 14.1) = 9.4 → 1 + 18.8 + 4.4 */
	for (size_t i = 0; i < n; i++)
		y[i] = exp(-0.5 * pow((i - 200.0) / 2, 2)) + 2 * exp(-0.5 * pow((i - 500.0) / 4, 2)) +
			3 * exp(-0.5 * pow((i - 800.0) / 6, 2));
	CHECK_EQ_INT(gs_morph_auto_window(y, n), 25);
	for (size_t i = 0; i < n; i++)
		y[i] = (double) i;
	CHECK_EQ_INT(gs_morph_auto_window(y, n), GS_MORPH_MIN_WINDOW);
	for (size_t i = 0; i < n; i++)
		y[i] = exp(-0.5 * pow((i - 500.0) / 30, 2));
	CHECK_EQ_INT(gs_morph_auto_window(y, n), GS_MORPH_MAX_WINDOW);
	free(y);
}

GS_TEST(test_baseline_bad_inputs)
{
	gs_baseline_method m;
	gs_baseline_params p;
	gs_error	err;
	double		y[50],
				x[50],
				out[50];
	void	   *work;

	CHECK(gs_baseline_method_parse("airpls", &m, &err) == GS_OK && m == GS_BASELINE_AIRPLS);
	CHECK(gs_baseline_method_parse("asls", &m, &err) == GS_ERR_PARAM);
	CHECK_STR(err.msg, "unknown baseline method \"asls\"");
	CHECK(strstr(err.hint, "morph, als, arpls, airpls, snip, modpoly, imodpoly, rubberband") != NULL);

	for (int i = 0; i < 50; i++)
	{
		y[i] = sin(i * 0.2);
		x[i] = i * 0.5;
	}
	for (int k = 0; k < GS_BASELINE_METHOD_COUNT; k++)
	{
		gs_baseline_params_default((gs_baseline_method) k, &p);
		work = malloc(gs_baseline_work_size(50, (gs_baseline_method) k, &p));
		/* n = 1, 2 fail; 3 works for every method */
		CHECK(gs_baseline(x, y, 1, (gs_baseline_method) k, &p, out, work, &err) == GS_ERR_PARAM);
		CHECK(gs_baseline(x, y, 2, (gs_baseline_method) k, &p, out, work, &err) == GS_ERR_PARAM);
		CHECK_STR(err.msg, "a baseline needs at least 3 points, the spectrum has 2");
		CHECK_MSG(gs_baseline(x, y, 3, (gs_baseline_method) k, &p, out, work, &err) == GS_OK,
				  "%s on 3 points: %s", gs_baseline_method_name((gs_baseline_method) k), err.msg);
		for (int i = 0; i < 3; i++)
			CHECK(isfinite(out[i]));
		y[7] = NAN;
		CHECK(gs_baseline(x, y, 50, (gs_baseline_method) k, &p, out, work, &err) == GS_ERR_PARAM);
		CHECK_STR(err.msg, "y[8] is NaN");
		y[7] = 0;
		x[9] = x[8];
		CHECK(gs_baseline(x, y, 50, (gs_baseline_method) k, &p, out, work, &err) == GS_ERR_PARAM);
		x[9] = 4.5;
		free(work);
	}

	gs_baseline_params_default(GS_BASELINE_ALS, &p);
	work = malloc(gs_baseline_work_size(50, GS_BASELINE_ALS, &p));
	p.p = 1;
	CHECK(gs_baseline(NULL, y, 50, GS_BASELINE_ALS, &p, out, work, &err) == GS_ERR_PARAM);
	CHECK_STR(err.msg, "baseline parameter p = 1 is out of range");
	p.p = 0.01;
	p.lam = -1;
	CHECK(gs_baseline(NULL, y, 50, GS_BASELINE_ALS, &p, out, work, &err) == GS_ERR_PARAM);
	p.lam = 1e6;
	p.max_iter = 0;
	CHECK(gs_baseline(NULL, y, 50, GS_BASELINE_ALS, &p, out, work, &err) == GS_ERR_PARAM);
	free(work);

	gs_baseline_params_default(GS_BASELINE_MODPOLY, &p);
	p.poly_order = 16;
	work = malloc(gs_baseline_work_size(50, GS_BASELINE_MODPOLY, &p));
	CHECK(gs_baseline(NULL, y, 50, GS_BASELINE_MODPOLY, &p, out, work, &err) == GS_ERR_PARAM);
	p.poly_order = 3;
	CHECK(gs_baseline(NULL, y, 3, GS_BASELINE_MODPOLY, &p, out, work, &err) == GS_ERR_PARAM);
	free(work);

	gs_baseline_params_default(GS_BASELINE_MORPH, &p);
	p.window = 51;
	CHECK(gs_baseline(NULL, y, 50, GS_BASELINE_MORPH, &p, out, NULL, &err) == GS_ERR_PARAM);
	gs_baseline_params_default(GS_BASELINE_SNIP, &p);
	p.max_half_window = 0;
	CHECK(gs_baseline(NULL, y, 50, GS_BASELINE_SNIP, &p, out, NULL, &err) == GS_ERR_PARAM);
}
