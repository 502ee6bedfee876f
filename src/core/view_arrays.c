#include "view_arrays.h"

void
gs_view_copy_x(const gs_spectrum_view *s, double *x)
{
	for (size_t i = 0; i < s->n; i++)
		x[i] = gs_view_x(s, i);
}

void
gs_view_copy_y(const gs_spectrum_view *s, double *y)
{
	for (size_t i = 0; i < s->n; i++)
		y[i] = s->y[i];
}
