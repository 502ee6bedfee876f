/*
 * preprocess.h — the whole standardization chain of paper S2 in one call:
 *
 *   axis calibration → resample onto a uniform grid → intensity correction
 *   → wavelet denoising → baseline subtraction → normalization
 *
 * Every step is configurable or skippable.  Defaults are the paper's: a
 * cubic-spline resample onto a 0.5 nm grid (S2a; the same resolution in the
 * spectrum's own unit for other units, gs_preprocess_default_step), the
 * instrument's transfer matrix (S2b; identity when none), wavelet-threshold
 * denoising with the level chosen from the SNR (S2c, S6), and a morphological
 * baseline whose window follows the peaks' FWHM (S10), then L2 (vector)
 * normalization so spectra compare by shape.
 *
 * The grid is snapped to multiples of the step (start = ceil(xmin/step)·step)
 * so that spectra preprocessed alike share grid points and compare value by
 * value.  A gs_preprocess_workspace keeps every buffer between calls: a
 * stream of spectra of similar length allocates nothing after the first.
 */
#ifndef GS_PREPROCESS_H
#define GS_PREPROCESS_H

#include <stdbool.h>

#include "baseline.h"
#include "denoise.h"
#include "interp.h"
#include "normalize.h"
#include "spectrum.h"

#define GS_PREPROCESS_MAX_CALIBRATION 10

typedef struct gs_preprocess_config
{
	/* axis calibration x' = Σ c[k] x^k; ncalib 0 skips */
	double		calibration[GS_PREPROCESS_MAX_CALIBRATION];
	int			ncalib;

	bool		resample;
	gs_interp_method resample_method;
	double		step;			/* grid step in the spectrum's unit */
	double		start;			/* NaN: snapped from the spectrum's range */
	double		stop;

	bool		correct_intensity;
	double		transfer_matrix[9];	/* row-major, m[3i + j] */
	double		range_lo;		/* NaN: the spectrum's own range */
	double		range_hi;

	bool		denoise;
	const gs_wavelet *wavelet;
	int			denoise_level;	/* 0: automatic from the SNR */
	gs_threshold_rule threshold_rule;
	gs_threshold_mode threshold_mode;

	bool		baseline;
	gs_baseline_method baseline_method;
	gs_baseline_params baseline_params;

	bool		normalize;
	gs_norm_method normalize_method;
} gs_preprocess_config;

/* The grid step of S2a (0.5 nm) expressed for each unit. */
double		gs_preprocess_default_step(gs_unit unit);

/* Paper defaults for spectra in `unit`. */
void		gs_preprocess_config_default(gs_unit unit, gs_preprocess_config *config);

typedef struct gs_preprocess_workspace
{
	size_t		capacity;		/* points the buffers hold */
	size_t		scratch_bytes;
	double	   *x;
	double	   *y;
	double	   *t;
	double	   *u;
	void	   *scratch;
} gs_preprocess_workspace;

/* The result: y[0..n-1] on a uniform axis (start, step) or on x. */
typedef struct gs_preprocess_result
{
	size_t		n;
	bool		uniform;
	double		start;
	double		step;
	const double *x;			/* always filled */
	const double *y;
	int			denoise_level;	/* level used, 0 when not denoised */
} gs_preprocess_result;

void		gs_preprocess_workspace_init(gs_preprocess_workspace *ws);
void		gs_preprocess_workspace_free(gs_preprocess_workspace *ws);

/*
 * Runs the chain on s.  The result points into the workspace and stays valid
 * until its next use.  Errors are those of the steps (GS_ERR_PARAM mostly:
 * too few points for a step, a grid outside the spectrum), GS_ERR_LIMIT for a
 * grid over max_points, GS_ERR_NOMEM.
 */
gs_status	gs_preprocess(const gs_spectrum_view *s, const gs_preprocess_config *config,
						  size_t max_points, gs_preprocess_workspace *ws,
						  gs_preprocess_result *result, gs_error *err);

#endif
