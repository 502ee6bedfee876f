/*
 * despike.h — removing cosmic-ray spikes from Raman spectra.
 *
 * Whitaker & Hayes (2018), "A simple algorithm for despiking Raman spectra",
 * Chemometrics and Intelligent Laboratory Systems 179, 82–84: a spike is a
 * jump between neighbouring samples far larger than the spectrum's ordinary
 * jumps.  With Δ_i = y[i] − y[i−1] (i = 1..n−1), the modified Z-score
 *   z_i = 0.6745 · (Δ_i − median Δ) / MAD,   MAD = median |Δ − median Δ|,
 * flags Δ_i when |z_i| > threshold.  A cosmic ray is at most a few samples
 * wide and goes up and comes down: flagged jumps at most max_width apart
 * form one group, and a group counts only when it spans at most
 * max_width + 1 jumps (the wider-spike filter of find_spikes in the R
 * package photobiology) and holds jumps of both signs.  The steep flanks of
 * a real, well-resolved band flag long or one-signed groups and are left
 * alone.  The samples joined by the jumps of a counted group are spike
 * samples; each is replaced by the mean of the non-spike samples
 * within ±half_window of it (the window widens until it holds one).
 * Where MAD is 0 (more than half the jumps equal, e.g. flat zero runs) the
 * score uses the mean absolute deviation, z = (Δ − median)/(1.253314·meanAD),
 * as Iglewicz & Hoaglin advise; if that is 0 too nothing is flagged.
 * Taking both ends of a jump also touches the sample beside a spike; it is
 * replaced by its neighbours' mean, which on a smooth background is about
 * the value it had.  The threshold trades misses against false hits: bands
 * only one or two samples wide are indistinguishable from spikes.
 */
#ifndef GS_DESPIKE_H
#define GS_DESPIKE_H

#include <stddef.h>

#include "gs_error.h"

#define GS_DESPIKE_DEFAULT_THRESHOLD 7.0
#define GS_DESPIKE_DEFAULT_HALF_WINDOW 3
#define GS_DESPIKE_DEFAULT_MAX_WIDTH 3

/* Bytes of scratch gs_despike needs (aligned for double). */
size_t		gs_despike_scratch_size(size_t n);

/*
 * out[0..n-1] from y (out may not alias y); *replaced (if not NULL) gets
 * the number of samples replaced.  Needs n >= 3; threshold > 0 and finite,
 * half_window >= 1, max_width >= 1 (GS_ERR_PARAM otherwise).  Defaults:
 * threshold 7, half_window 3, max_width 3.
 */
gs_status	gs_despike(const double *y, size_t n, double threshold, int half_window, int max_width,
					   double *out, size_t *replaced, void *scratch, gs_error *err);

#endif
