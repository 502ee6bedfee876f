#include "shift_divide.h"

#include "v2d.h"

/*
 * The divisions are independent, and the divider takes as long for four of
 * them packed as for one, so the AVX2 clone does four at a time.
 */
GS_VECTOR_CLONES void
gs_shift_divide(const double *y, size_t n, double shift, double d, double *out)
{
	for (size_t i = 0; i < n; i++)
		out[i] = (y[i] - shift) / d;
}
