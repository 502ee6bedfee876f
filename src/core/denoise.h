/*
 * denoise.h — wavelet-threshold denoising (paper S2c), matching
 * pywt.wavedec / pywt.threshold / pywt.waverec with mode 'symmetric'.
 *
 * The signal is decomposed to `level`; every detail level (never the
 * approximation) is thresholded; the result is rebuilt and cut to n points
 * (pywt.waverec returns n + 1 for odd n; the extra value is dropped).
 *
 * Noise: sigma = median(|cD_1|) / 0.6745 over all finest-level detail
 * coefficients (zeros included).
 *
 * Rules (threshold value per detail level):
 *   universal  VisuShrink, sigma * sqrt(2 ln n), n the signal length, same for
 *              every level (skimage's _universal_thresh);
 *   bayes      BayesShrink, sigma^2 / sqrt(max(mean(d^2) - sigma^2, DBL_EPSILON))
 *              per level (skimage's _bayes_thresh: mean of squares, not the
 *              variance about the mean);
 *   sure       SureShrink per level with the hybrid rule of Donoho & Johnstone
 *              (1995), on x = d / sigma with m coefficients (MATLAB's
 *              'heursure'): s_1 <= ... <= s_m the sorted x^2,
 *              risk_k = (m − 2k + Σ_{i<=k} s_i + (m − k) s_k) / m,
 *              t_sure = sqrt(s_k) at the first minimum; eta = (Σ s_i − m) / m,
 *              crit = log2(m)^1.5 / sqrt(m); t = sqrt(2 ln m) when eta < crit
 *              (too little signal for SURE to be reliable), else
 *              min(t_sure, sqrt(2 ln m)); the value is sigma * t.
 * When sigma is 0 (more than half the finest details are exactly zero) every
 * value is 0 and the signal comes back unchanged.
 *
 * Automatic level (level 0; paper S2c, S6): from the SNR estimate of
 * gs_snr (snr.h), noisier spectra are decomposed deeper, so that the
 * thresholds reach the broader scales the noise occupies:
 *   snr >= 40 dB: 1, >= 30: 2, >= 20: 3, >= 12: 4, >= 6: 5, below: 6,
 * then clamped to gs_dwt_max_level(n, wavelet).  Which side of each edge the
 * SNR falls on is settled by gs_snr_edges_reached, mostly without its
 * median, always with gs_snr's answer.
 */
#ifndef GS_DENOISE_H
#define GS_DENOISE_H

#include <stddef.h>

#include "gs_error.h"
#include "wavelet.h"

typedef enum gs_threshold_rule
{
	GS_THRESHOLD_UNIVERSAL,
	GS_THRESHOLD_BAYES,
	GS_THRESHOLD_SURE
} gs_threshold_rule;

typedef enum gs_threshold_mode
{
	GS_THRESHOLD_SOFT,
	GS_THRESHOLD_HARD,
	GS_THRESHOLD_GARROTE
} gs_threshold_mode;

/* "universal", "bayes", "sure"; GS_ERR_PARAM with the list otherwise. */
gs_status	gs_threshold_rule_parse(const char *name, gs_threshold_rule *rule, gs_error *err);

/* "soft", "hard", "garrote"; GS_ERR_PARAM with the list otherwise. */
gs_status	gs_threshold_mode_parse(const char *name, gs_threshold_mode *mode, gs_error *err);
const char *gs_threshold_rule_name(gs_threshold_rule rule);
const char *gs_threshold_mode_name(gs_threshold_mode mode);

/*
 * pywt.threshold(v, value, mode) in place, value >= 0: soft shrinks towards 0
 * by value, hard zeroes |v| < value, garrote multiplies by 1 − value²/v²
 * (0 where |v| <= value).  value 0 leaves v as it is.
 */
void		gs_threshold(double *v, size_t n, double value, gs_threshold_mode mode);

/* The automatic level for an SNR in dB (rule above), clamped to 1..max_level. */
int			gs_denoise_auto_level(double snr_db, int max_level);

/* Bytes of work gs_denoise needs for n points with this wavelet, any level. */
size_t		gs_denoise_work_size(size_t n, const gs_wavelet *w);

/*
 * Denoises y[0..n-1] into out[0..n-1] (out may be y).  level 0 = automatic;
 * otherwise 1..gs_dwt_max_level(n, w), else GS_ERR_PARAM.  Non-finite y is
 * GS_ERR_PARAM.  The level used is stored in *level_used when not NULL.
 * work: gs_denoise_work_size bytes, aligned for double.
 */
gs_status	gs_denoise(const double *y, size_t n, const gs_wavelet *w, int level,
					   gs_threshold_rule rule, gs_threshold_mode mode,
					   double *out, void *work, int *level_used, gs_error *err);

#endif
