/*
 * align.h — estimating the axis shift between a spectrum and a reference.
 *
 * Both spectra are brought onto one uniform grid over their common axis
 * range (linear interpolation; the grid step is the finer of the two mean
 * sample spacings) and differenced, so that constant and sloping baselines
 * do not favour a zero shift, centred, and tapered over the first and last
 * 5 % so that a jump at the edge of the overlap (RRUFF files often start or
 * end with a 0) cannot dominate; their linear (zero-padded)
 * cross-correlation is computed with FFTW's real transforms and
 * each lag divided by the number of products it sums.  The best integer lag
 * is refined to a fraction of a step by the parabola through the
 * correlation at lag − 1, lag, lag + 1.  The shift returned is what to add
 * to the spectrum's axis to put it on the reference: gs_align(s, ref) is s
 * with x + shift (for a uniform axis, start + shift) and the same values.
 * Bands cut by the edge of the overlap bias the estimate slightly.
 *
 * FFTW plans live in a caller-owned gs_align_workspace, made for one FFT
 * length and replanned only when a call needs another length.  FFTW's
 * planner is not thread-safe: a workspace belongs to one thread, and
 * workspaces that may plan concurrently in several threads need
 * fftw_make_planner_thread_safe() called once beforehand.  Executing a plan
 * is thread-safe.  Plans use FFTW_ESTIMATE, so planning costs microseconds
 * and never measures.
 */
#ifndef GS_ALIGN_H
#define GS_ALIGN_H

#include <fftw3.h>

#include "spectrum.h"

/* Longest correlation grid accepted (GS_ERR_LIMIT beyond). */
#define GS_ALIGN_MAX_GRID (1 << 22)

typedef struct gs_align_workspace
{
	size_t		fft_len;		/* 0 until the first call */
	double	   *a;				/* fft_len reals: spectrum, then the correlation */
	double	   *b;				/* fft_len reals: reference */
	fftw_complex *fa;			/* fft_len / 2 + 1 */
	fftw_complex *fb;
	fftw_plan	forward_a;
	fftw_plan	forward_b;
	fftw_plan	inverse;
} gs_align_workspace;

/* An empty workspace: no memory, no plans. */
void		gs_align_workspace_init(gs_align_workspace *ws);

/* Releases plans and buffers (fftw_free); the workspace is empty again. */
void		gs_align_workspace_free(gs_align_workspace *ws);

/*
 * *shift such that s's axis + shift matches ref.  Both need the same unit
 * and at least 4 points; their axes must overlap by at least 4 grid steps.
 * |shift| is searched up to max_shift axis units (NaN: half the overlap).
 * Errors: GS_ERR_PARAM (units differ, no overlap, max_shift <= 0),
 * GS_ERR_LIMIT (grid over GS_ALIGN_MAX_GRID points), GS_ERR_NOMEM.
 */
gs_status	gs_align_shift(const gs_spectrum_view *s, const gs_spectrum_view *ref, double max_shift,
						   gs_align_workspace *ws, double *shift, gs_error *err);

#endif
