#include "denoise.h"

#include <float.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "axis_check.h"
#include "method_names.h"
#include "order_stats.h"
#include "sums.h"
#include "snr.h"
#include "v2d.h"

/* Φ⁻¹(0.75), rounded as in Donoho & Johnstone's MAD estimate. */
#define MAD_TO_SIGMA_DETAILS 0.6745
#define MAX_LEVELS 64

static const char *const rule_names[] = {"universal", "bayes", "sure"};
static const char *const mode_names[] = {"soft", "hard", "garrote"};

gs_status
gs_threshold_rule_parse(const char *name, gs_threshold_rule *rule, gs_error *err)
{
	int			index;
	gs_status	rc = gs_method_lookup(name, rule_names, 3, "threshold rule", &index, err);

	if (rc == GS_OK)
		*rule = (gs_threshold_rule) index;
	return rc;
}

gs_status
gs_threshold_mode_parse(const char *name, gs_threshold_mode *mode, gs_error *err)
{
	int			index;
	gs_status	rc = gs_method_lookup(name, mode_names, 3, "threshold mode", &index, err);

	if (rc == GS_OK)
		*mode = (gs_threshold_mode) index;
	return rc;
}

const char *
gs_threshold_rule_name(gs_threshold_rule rule)
{
	return rule_names[rule];
}

const char *
gs_threshold_mode_name(gs_threshold_mode mode)
{
	return mode_names[mode];
}

/*
 * pywt's soft rule, v·(1 − value/|v|) above the threshold and 0 below.  A
 * division per coefficient is most of its cost, and a packed division costs
 * what a scalar one does, so the coefficients go four at a time where the
 * CPU allows (two with SSE2).  Below the threshold the lane's quotient is
 * computed and dropped (|v| may be 0 there: inf or NaN, masked away).
 */
GS_VECTOR_CLONES static void
soft_threshold(double *v, size_t n, double value)
{
	const v4i	sign_bit = {INT64_MIN, INT64_MIN, INT64_MIN, INT64_MIN};
	v4d			t,
				one;
	size_t		i = 0;

	splat4(&t, value);
	splat4(&one, 1);
	for (; i + 4 <= n; i += 4)
	{
		v4d			x,
					mag,
					kept;

		load4(&x, v + i);
		mag = (v4d) ((v4i) x & ~sign_bit);
		kept = x * (one - t / mag);
		kept = (v4d) ((v4i) kept & (mag > t));
		memcpy(v + i, &kept, sizeof(kept));
	}
	for (; i < n; i++)
	{
		double		mag = fabs(v[i]);

		v[i] = mag <= value ? 0 : v[i] * (1 - value / mag);
	}
}

/*
 * pywt's own formulas, so results agree to the last bit where possible; one
 * loop per mode keeps the mode test out of the per-value work.
 */
void
gs_threshold(double *v, size_t n, double value, gs_threshold_mode mode)
{
	if (value == 0)
		return;
	switch (mode)
	{
		case GS_THRESHOLD_SOFT:
			soft_threshold(v, n, value);
			break;
		case GS_THRESHOLD_HARD:
			for (size_t i = 0; i < n; i++)
				if (fabs(v[i]) < value)
					v[i] = 0;
			break;
		case GS_THRESHOLD_GARROTE:
			for (size_t i = 0; i < n; i++)
			{
				double		mag = fabs(v[i]);

				v[i] = mag <= value ? 0 : v[i] * (1 - (value * value) / (mag * mag));
			}
			break;
	}
}

/* The SNRs (dB) from which one level fewer suffices: level 1 from 40 dB, ..., 6 below 6 dB. */
static const double level_edges_db[] = {40, 30, 20, 12, 6};
#define LEVEL_EDGES ((int) (sizeof(level_edges_db) / sizeof(level_edges_db[0])))

/* The level once the SNR has reached `reached` of the edges. */
static int
level_for(int reached, int max_level)
{
	int			level = LEVEL_EDGES + 1 - reached;

	return level > max_level ? max_level : level;
}

int
gs_denoise_auto_level(double snr_db, int max_level)
{
	return level_for(gs_snr_edges_at(snr_db, level_edges_db, LEVEL_EDGES), max_level);
}

static size_t
coefficient_length(size_t n, const gs_wavelet *w)
{
	size_t		lengths[MAX_LEVELS];
	int			max_level = gs_dwt_max_level(n, w);

	/* the total only grows with the level, so the deepest one bounds all */
	return gs_wavedec_lengths(n, w, max_level > 0 ? max_level : 1, lengths);
}

size_t
gs_denoise_work_size(size_t n, const gs_wavelet *w)
{
	size_t		doubles = coefficient_length(n, w) + gs_wavelet_work_length(n, w) +
		(n + 1) + gs_dwt_length(n, w);
	size_t		bytes = doubles * sizeof(double),
				snr_bytes = gs_snr_work_size(n);

	return bytes > snr_bytes ? bytes : snr_bytes;
}

/* The hybrid SURE threshold of one level, in units of sigma (see denoise.h). */
static double
sure_threshold(const double *d, size_t m, double sigma, double *scratch)
{
	double		universal = sqrt(2 * log((double) m)),
				total = 0,
				cumulative = 0,
				best_risk = INFINITY,
				best = 0,
				eta,
				crit;

	for (size_t i = 0; i < m; i++)
	{
		double		x = d[i] / sigma;

		scratch[i] = x * x;
		total += scratch[i];
	}
	eta = (total - (double) m) / (double) m;
	crit = pow(log2((double) m), 1.5) / sqrt((double) m);
	if (eta < crit)
		return universal;

	gs_sort_doubles(scratch, m);
	for (size_t k = 1; k <= m; k++)
	{
		double		s = scratch[k - 1],
					risk;

		cumulative += s;
		risk = ((double) m - 2.0 * (double) k + cumulative + (double) (m - k) * s) / (double) m;
		if (risk < best_risk)
		{
			best_risk = risk;
			best = sqrt(s);
		}
	}
	return best < universal ? best : universal;
}

/* skimage's _bayes_thresh */
static double
bayes_threshold(const double *d, size_t m, double sigma)
{
	double		var = sigma * sigma,
				excess = gs_sum_squares(d, m, 0) / (double) m - var;

	return var / sqrt(excess > DBL_EPSILON ? excess : DBL_EPSILON);
}

static gs_status
choose_level(const double *y, size_t n, const gs_wavelet *w, int level, void *work,
			 int *chosen, gs_error *err)
{
	int			max_level = gs_dwt_max_level(n, w),
				reached;
	gs_status	rc;

	if (level != 0)
	{
		*chosen = level;		/* gs_wavedec checks the range */
		return GS_OK;
	}
	if ((rc = gs_snr_edges_reached(y, n, level_edges_db, LEVEL_EDGES, work, &reached, err)) != GS_OK)
		return rc;
	if (max_level == 0)
	{
		gs_fail(err, GS_ERR_PARAM, "spectrum of %zu points is too short for wavelet %s", n, w->name);
		gs_error_detail(err, "One decomposition level needs at least %d points.", 2 * (w->length - 1));
		gs_error_hint(err, "Use a shorter wavelet such as haar or db2.");
		return GS_ERR_PARAM;
	}
	*chosen = level_for(reached, max_level);
	return GS_OK;
}

gs_status
gs_denoise(const double *y, size_t n, const gs_wavelet *w, int level,
		   gs_threshold_rule rule, gs_threshold_mode mode,
		   double *out, void *work, int *level_used, gs_error *err)
{
	size_t		lengths[MAX_LEVELS];
	double	   *coeffs = work,
			   *dwt_work,
			   *rebuilt,
			   *scratch,
			   *detail,
			   sigma;
	size_t		offset;
	gs_status	rc;

	if ((rc = gs_check_min_points(n, 1, "wavelet denoising", err)) != GS_OK)
		return rc;
	if ((rc = gs_check_finite(y, n, "y", err)) != GS_OK)
		return rc;
	if (level < 0 || level >= MAX_LEVELS)
	{
		gs_fail(err, GS_ERR_PARAM, "wavelet level %d is out of range", level);
		gs_error_detail(err, "The level must be between 1 and %d for %zu points, or 0 for automatic.",
						gs_dwt_max_level(n, w), n);
		return GS_ERR_PARAM;
	}
	if ((rc = choose_level(y, n, w, level, work, &level, err)) != GS_OK)
		return rc;

	dwt_work = coeffs + coefficient_length(n, w);
	rebuilt = dwt_work + gs_wavelet_work_length(n, w);
	scratch = rebuilt + n + 1;
	if ((rc = gs_wavedec(y, n, w, level, coeffs, lengths, dwt_work, err)) != GS_OK)
		return rc;

	detail = coeffs + gs_wavedec_lengths(n, w, level, lengths) - lengths[level];
	for (size_t i = 0; i < lengths[level]; i++)
		scratch[i] = fabs(detail[i]);
	sigma = gs_median_inplace(scratch, lengths[level]) / MAD_TO_SIGMA_DETAILS;

	offset = lengths[0];
	for (int p = 1; p <= level; p++)
	{
		double	   *d = coeffs + offset;
		size_t		m = lengths[p];
		double		value = 0;

		if (sigma > 0)
		{
			switch (rule)
			{
				case GS_THRESHOLD_UNIVERSAL:
					value = sigma * sqrt(2 * log((double) n));
					break;
				case GS_THRESHOLD_BAYES:
					value = bayes_threshold(d, m, sigma);
					break;
				case GS_THRESHOLD_SURE:
					value = sigma * sure_threshold(d, m, sigma, scratch);
					break;
			}
		}
		gs_threshold(d, m, value, mode);
		offset += m;
	}

	gs_waverec(coeffs, lengths, level, w, rebuilt, dwt_work);
	memcpy(out, rebuilt, n * sizeof(double));
	if (level_used)
		*level_used = level;
	return GS_OK;
}
