/*
 * view_arrays.h — a spectrum view as the double arrays that the numeric core
 * functions (interp, savgol, peaks, normalize, ...) take.  The glue converts
 * once, runs any chain of steps in double precision, and stores float4 at
 * the end.
 */
#ifndef GS_VIEW_ARRAYS_H
#define GS_VIEW_ARRAYS_H

#include "spectrum.h"

/* x[i] for i < s->n (a uniform axis is expanded as start + step·i). */
void		gs_view_copy_x(const gs_spectrum_view *s, double *x);

/* y[i] widened to double. */
void		gs_view_copy_y(const gs_spectrum_view *s, double *y);

#endif
