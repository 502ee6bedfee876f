/*
 * savgol.h — Savitzky–Golay smoothing and differentiation.
 *
 * Reproduces scipy.signal.savgol_filter(y, window, polyorder, deriv, delta,
 * mode='interp'): every point whose full window fits is the value (or
 * derivative) at the window's centre of the least-squares polynomial of
 * degree polyorder over the window; the first and last window/2 points take
 * the polynomial fitted to the first (last) window points, evaluated at their
 * own positions.  The samples are taken as equally spaced by `delta` (the
 * axis step), which only scales derivatives by 1/delta^deriv.
 *
 * The least-squares fit is a QR factorisation of the window's Vandermonde
 * matrix in centred, scaled coordinates, done once per call: O(window ·
 * polyorder²) setup, then O(n · window).
 */
#ifndef GS_SAVGOL_H
#define GS_SAVGOL_H

#include <stddef.h>

#include "gs_error.h"

/* Bytes of scratch gs_savgol needs (aligned for double). */
size_t		gs_savgol_scratch_size(size_t window, int polyorder);

/*
 * out[0..n-1] from y[0..n-1].  Errors (GS_ERR_PARAM): window even or < 1,
 * window > n, polyorder < 0 or >= window, deriv < 0 or > polyorder, delta
 * not positive and finite, y not finite.  out may not alias y.
 */
gs_status	gs_savgol(const double *y, size_t n, size_t window, int polyorder, int deriv,
					  double delta, double *out, void *scratch, gs_error *err);

#endif
