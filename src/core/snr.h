/*
 * snr.h — signal-to-noise estimates of one spectrum (paper S2c, S6).
 *
 * gs_snr: 10·log10(P / sigma²) dB, where
 *   sigma = median(|cD_1|) / 0.6745, cD_1 the finest detail coefficients of a
 *           one-level sym4 DWT (symmetric extension): white noise of standard
 *           deviation sigma gives details of that deviation, while smooth
 *           signal leaves them near zero and isolated peaks barely move the
 *           median;
 *   P     = the population variance of the 11-point centred moving average of
 *           y (the signal's power about its mean; a constant offset is not
 *           signal).
 * Moving averages are centred; near the ends they average the points that
 * exist (window shrinking to one side), and a window wider than the spectrum
 * averages all of it.
 *
 * gs_snr_features (the S6 "multi-window smoothing" feature): for each window w,
 * 10·log10(var(MA_w) / sigma_w²) with sigma_w = 1.4826·MAD(y − MA_w), the
 * scaled median absolute deviation of the residual.  Small windows measure
 * the noise; wide windows also strip peaks into the residual, so how the
 * values fall with w describes how signal and noise share the scales.
 *
 * Results are clamped to [GS_SNR_MIN_DB, GS_SNR_MAX_DB]: no measurable noise
 * gives the maximum, no signal variance (a constant) the minimum.
 */
#ifndef GS_SNR_H
#define GS_SNR_H

#include <stddef.h>

#include "gs_error.h"

#define GS_SNR_MIN_DB (-60.0)
#define GS_SNR_MAX_DB 150.0
/* Below this a median of details is no estimate of anything. */
#define GS_SNR_MIN_POINTS 8
#define GS_SNR_SMOOTH_WINDOW 11

/* The windows the SQL layer uses by default: 5, 11, 21, 41 points. */
#define GS_SNR_DEFAULT_WINDOW_COUNT 4
extern const int gs_snr_default_windows[GS_SNR_DEFAULT_WINDOW_COUNT];

/* Bytes of work gs_snr and gs_snr_features need for n points. */
size_t		gs_snr_work_size(size_t n);

/* SNR in dB of y[0..n-1]; GS_ERR_PARAM for non-finite y or n < GS_SNR_MIN_POINTS. */
gs_status	gs_snr(const double *y, size_t n, void *work, double *snr_db, gs_error *err);

/* How many of the levels edges_db[0] > edges_db[1] > ... snr_db is at or above. */
int			gs_snr_edges_at(double snr_db, const double *edges_db, int nedges);

/*
 * How many of the levels edges_db[0] > edges_db[1] > ... (each inside
 * (GS_SNR_MIN_DB, GS_SNR_MAX_DB)) gs_snr(y) reaches, i.e. is at or above,
 * for y its caller has checked finite: denoising's automatic level.  The
 * same answer as comparing gs_snr(y) with each edge, mostly without the
 * median the SNR needs.
 */
gs_status	gs_snr_edges_reached(const double *y, size_t n, const double *edges_db, int nedges,
								 void *work, int *reached, gs_error *err);

/*
 * features[i] = SNR in dB at moving-average window windows[i] (odd, >= 3;
 * GS_ERR_PARAM otherwise); same input checks as gs_snr.
 */
gs_status	gs_snr_features(const double *y, size_t n, const int *windows, int nwindows,
							double *features, void *work, gs_error *err);

#endif
