/*
 * whittaker.h — the penalized least-squares (Whittaker) smoother behind the
 * asymmetric baselines: solves
 *     (diag(w) + λ·DᵀD) z = w∘y,   D the (n−2)×n second-difference matrix,
 * a symmetric pentadiagonal system, by a banded LDLᵀ factorization in O(n)
 * time and no dense matrix.
 */
#ifndef GS_WHITTAKER_H
#define GS_WHITTAKER_H

#include <stdbool.h>
#include <stddef.h>

/* Doubles of work gs_whittaker_solve needs. */
#define GS_WHITTAKER_WORK_LENGTH(n) (3 * (n))

/*
 * z[0..n-1] from weights w >= 0 and data y, n >= 3, λ > 0.  Returns false
 * when the system is not positive definite (fewer than two non-zero weights),
 * leaving z undefined.  z must not overlap w or y.
 */
bool		gs_whittaker_solve(const double *w, const double *y, size_t n, double lambda,
							   double *z, double *work);

#endif
