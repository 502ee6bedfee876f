/*
 * symmetric_index.h — the index into the half-sample symmetric, 2n-periodic
 * extension of a signal of n points (…, x1, x0 | x0, x1, …, xn-1 | xn-1, …):
 * PyWavelets' 'symmetric' mode and scipy.ndimage's 'reflect' mode alike.
 */
#ifndef GS_SYMMETRIC_INDEX_H
#define GS_SYMMETRIC_INDEX_H

#include <stddef.h>

static inline size_t
gs_symmetric_index(long i, size_t n)
{
	long		period = 2 * (long) n,
				m;

	/* one reflection suffices unless the signal is shorter than the filter: no division */
	if (i >= -(long) n && i < period)
		return i < 0 ? (size_t) (-i - 1) : (size_t) i < n ? (size_t) i : (size_t) (period - 1 - i);
	m = i % period;
	if (m < 0)
		m += period;
	return (size_t) m < n ? (size_t) m : (size_t) (period - 1 - m);
}

#endif
