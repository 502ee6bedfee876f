/*
 * sums.c — the partial sums of sums.h.  Lane k of the sixteen adds
 * v[k], v[k + 16], ...; the lanes then combine in a fixed tree, and the tail
 * comes last, so the result is the same on every CPU and clone (the v4d lanes
 * of the plain build do what the AVX ones do).  numpy, the reference, sums
 * pairwise in its own order; both are far more accurate than one running sum.
 */
#include "sums.h"

#include "v2d.h"

static inline double
combine(const v4d *s, double tail)
{
	v4d			t = (s[0] + s[1]) + (s[2] + s[3]);

	return ((t[0] + t[1]) + (t[2] + t[3])) + tail;
}

GS_VECTOR_CLONES double
gs_sum(const double *v, size_t n)
{
	v4d			s[4],
				x;
	double		tail = 0;
	size_t		i = 0;

	for (int k = 0; k < 4; k++)
		splat4(&s[k], 0);
	for (; i + 15 < n; i += 16)
		for (int k = 0; k < 4; k++)
		{
			load4(&x, v + i + 4 * k);
			s[k] += x;
		}
	for (; i < n; i++)
		tail += v[i];
	return combine(s, tail);
}

GS_VECTOR_CLONES double
gs_sum_squares(const double *v, size_t n, double center)
{
	v4d			s[4],
				c,
				x;
	double		tail = 0;
	size_t		i = 0;

	for (int k = 0; k < 4; k++)
		splat4(&s[k], 0);
	splat4(&c, center);
	for (; i + 15 < n; i += 16)
		for (int k = 0; k < 4; k++)
		{
			load4(&x, v + i + 4 * k);
			x -= c;
			s[k] += x * x;
		}
	for (; i < n; i++)
		tail += (v[i] - center) * (v[i] - center);
	return combine(s, tail);
}
