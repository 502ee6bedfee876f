/*
 * shift_divide.h — out[i] = (y[i] − shift) / d over an array, the divisions
 * packed four wide where the CPU allows.
 */
#ifndef GS_SHIFT_DIVIDE_H
#define GS_SHIFT_DIVIDE_H

#include <stddef.h>

/* out may be y itself; the quotients are those of the scalar loop. */
void		gs_shift_divide(const double *y, size_t n, double shift, double d, double *out);

#endif
