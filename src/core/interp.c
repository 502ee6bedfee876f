#include "interp.h"

#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "axis_check.h"
#include "method_names.h"
#include "v2d.h"

static const char *const method_names[GS_INTERP_COUNT] = {
	[GS_INTERP_CUBIC] = "cubic",
	[GS_INTERP_NATURAL] = "natural",
	[GS_INTERP_PCHIP] = "pchip",
	[GS_INTERP_AKIMA] = "akima",
	[GS_INTERP_LINEAR] = "linear",
};

static const char *const extrapolation_names[GS_EXTRAP_COUNT] = {
	[GS_EXTRAP_ERROR] = "error",
	[GS_EXTRAP_NAN] = "nan",
	[GS_EXTRAP_EDGE] = "edge",
};

static const size_t min_points[GS_INTERP_COUNT] = {
	[GS_INTERP_CUBIC] = 2,
	[GS_INTERP_NATURAL] = 2,
	[GS_INTERP_PCHIP] = 2,
	[GS_INTERP_AKIMA] = 3,
	[GS_INTERP_LINEAR] = 1,
};

gs_status
gs_interp_method_parse(const char *name, gs_interp_method *method, gs_error *err)
{
	int			i;
	gs_status	rc = gs_method_lookup(name, method_names, GS_INTERP_COUNT,
									  "interpolation method", &i, err);

	if (rc == GS_OK)
		*method = (gs_interp_method) i;
	return rc;
}

const char *
gs_interp_method_name(gs_interp_method method)
{
	return method < GS_INTERP_COUNT ? method_names[method] : "?";
}

gs_status
gs_extrapolation_parse(const char *name, gs_extrapolation *mode, gs_error *err)
{
	int			i;
	gs_status	rc = gs_method_lookup(name, extrapolation_names, GS_EXTRAP_COUNT,
									  "extrapolation mode", &i, err);

	if (rc == GS_OK)
		*mode = (gs_extrapolation) i;
	return rc;
}

size_t
gs_interp_scratch_size(size_t n)
{
	return (11 * n + 3) * sizeof(double);
}

/*
 * Secant slopes sl[i] and reciprocal widths inv_h[i] of the n − 1 intervals.
 * The divisions are independent, and a division costs the same whether it
 * carries one, two or four doubles: the divider's throughput, not the
 * arithmetic, sets the pace of this loop, so it runs four lanes wide where
 * the CPU has them.
 *
 * The same pass tells whether the input is sound, so that it is read once:
 * every width positive and every rise finite (dy − dy is 0 only then) hold
 * for a strictly increasing x with finite ends and a finite y.  A rise can
 * also overflow from finite values; the caller's full checks settle that.
 */
GS_VECTOR_CLONES static bool
secants(const double *x, const double *y, size_t n, double *restrict sl, double *restrict inv_h)
{
	int			sound = 1;

	for (size_t i = 0; i + 1 < n; i++)
	{
		double		dx = x[i + 1] - x[i],
					dy = y[i + 1] - y[i];

		sound &= (dx > 0) & (dy - dy == 0);
		inv_h[i] = 1 / dx;
		sl[i] = dy * inv_h[i];
	}
	return sound;
}

/* Row i of the spline system: lower·s[i-1] + diag·s[i] + upper·s[i+1] = rhs. */
typedef struct spline_row
{
	double		lower,
				diag,
				upper,
				rhs;
} spline_row;

/* An interior row: continuity of the second derivative at x[i]. */
static inline spline_row
interior_row(const double *x, const double *sl, size_t i)
{
	double		dxp = x[i] - x[i - 1],
				dxn = x[i + 1] - x[i];

	return (spline_row) {dxn, 2 * (dxp + dxn), dxp, 3 * (dxn * sl[i - 1] + dxp * sl[i])};
}

/* The end rows carry the boundary condition (not-a-knot, or natural). */
static spline_row
first_row(const double *x, size_t n, const double *sl, bool natural)
{
	double		dx0 = x[1] - x[0],
				dx1,
				d;

	if (natural)
		return (spline_row) {0, 2 * dx0, dx0, 3 * dx0 * sl[0]};
	if (n == 3)
		return (spline_row) {0, 1, 1, 2 * sl[0]};
	dx1 = x[2] - x[1];
	d = x[2] - x[0];
	return (spline_row) {0, dx1, d, ((dx0 + 2 * d) * dx1 * sl[0] + dx0 * dx0 * sl[1]) / d};
}

static spline_row
last_row(const double *x, size_t n, const double *sl, bool natural)
{
	double		dxl = x[n - 1] - x[n - 2],
				dxp,
				d;

	if (natural)
		return (spline_row) {dxl, 2 * dxl, 0, 3 * dxl * sl[n - 2]};
	if (n == 3)
		return (spline_row) {1, 1, 0, 2 * sl[n - 2]};
	dxp = x[n - 2] - x[n - 3];
	d = x[n - 1] - x[n - 3];
	return (spline_row) {d, dxp, 0, (dxl * dxl * sl[n - 3] + (2 * d + dxl) * dxp * sl[n - 2]) / d};
}

/*
 * 1/2^k for the power of two 2^k <= v < 2^(k+1) of a positive normal v:
 * scaling by it is exact.
 */
static inline double
pow2_recip(double v)
{
	uint64_t	bits;

	memcpy(&bits, &v, sizeof(bits));
	bits = UINT64_C(0x7FE0000000000000) - (bits & UINT64_C(0x7FF0000000000000));
	memcpy(&v, &bits, sizeof(v));
	return v;
}

/* The spline system's rows, each scaled by a power of two to diag in [1, 2). */
typedef struct spline_rows
{
	double	   *lower,
			   *diag,
			   *upper,
			   *rhs;
} spline_rows;

static inline void
put_row(double *restrict lower, double *restrict diag, double *restrict upper,
		double *restrict rhs, size_t i, spline_row row)
{
	double		k = pow2_recip(row.diag);

	lower[i] = row.lower * k;
	diag[i] = row.diag * k;
	upper[i] = row.upper * k;
	rhs[i] = row.rhs * k;
}

GS_VECTOR_CLONES static void
interior_rows(const double *x, size_t n, const double *sl, double *restrict lower,
			  double *restrict diag, double *restrict upper, double *restrict rhs)
{
	for (size_t i = 1; i + 1 < n; i++)
		put_row(lower, diag, upper, rhs, i, interior_row(x, sl, i));
}

/*
 * Knot slopes of a C2 cubic spline (n >= 3), the system laid out as scipy's
 * CubicSpline builds it.
 *
 * Thomas's elimination divides each step by the pivot of the step before,
 * so every step waits for a division.  Here the pivots are carried as ratios
 * of continuants instead: pivot i = q[i] / q[i-1] with
 * q[i] = diag[i]·q[i-1] − lower[i]·upper[i-1]·q[i-2], and the eliminated
 * right-hand side as t[i] = s'[i]·q[i] = rhs[i]·q[i-1] − lower[i]·t[i-1].
 * Both recurrences are multiply-subtracts, and the divisions that turn them
 * back into s'[i] and f[i] = upper[i]·q[i-1] / q[i] are independent of one
 * another and run four wide afterwards.  The recurrences run from both ends
 * at once and meet at row p; rows above p end as s[i] + f[i]·s[i+1] = s'[i],
 * rows below as f[i]·s[i-1] + s[i] = s'[i], and the back-substitutions from
 * row p outwards run in several runs at once (back_substitute).
 *
 * Rows are scaled by powers of two to diag in [1, 2), which changes no bits
 * of the solution.  The interior rows are diagonally dominant by a factor of
 * two, so every pivot lies in [1/2, 3), and q and t, rescaled together by a
 * power of two every 64 rows, stay far from overflow and underflow.  The
 * not-a-knot end rows are not diagonally dominant, but eliminating either
 * from its neighbour leaves half the neighbour's diagonal, so the pivots stay
 * in range and the elimination stable.
 */
typedef struct continuants
{
	double	   *before,			/* q[i-1] */
			   *at,				/* q[i] */
			   *t;				/* t[i] */
} continuants;

/* One end's recurrences; dir is +1 from the top, −1 from the bottom. */
typedef struct recurrence
{
	const double *toward,		/* each row's coefficient of the row before it */
			   *away;			/* and of the row after it */
	size_t		i;
	long		dir;
	double		q0,				/* q[i-1] and q[i] */
				q1,
				t;
} recurrence;

static inline recurrence
recurrence_start(const spline_rows *r, const continuants *c, size_t first, long dir)
{
	recurrence	e = {dir > 0 ? r->lower : r->upper, dir > 0 ? r->upper : r->lower,
	first, dir, 1, r->diag[first], r->rhs[first]};

	c->before[first] = e.q0;
	c->at[first] = e.q1;
	c->t[first] = e.t;
	return e;
}

static inline void
recurrence_step(recurrence *e, const spline_rows *r, const continuants *c)
{
	size_t		prev = e->i,
				i = (size_t) ((long) prev + e->dir);
	double		q = r->diag[i] * e->q1 - e->toward[i] * e->away[prev] * e->q0;

	e->t = r->rhs[i] * e->q1 - e->toward[i] * e->t;
	c->before[i] = e->q1;
	c->at[i] = q;
	c->t[i] = e->t;
	e->i = i;
	e->q0 = e->q1;
	e->q1 = q;
}

static inline void
rescale(recurrence *e)
{
	double		scale = pow2_recip(e->q1);

	e->q0 *= scale;
	e->q1 *= scale;
	e->t *= scale;
}

/* s'[i] = t[i] / q[i] and f[i] = off[i]·q[i-1] / q[i] for rows lo .. hi − 1. */
GS_VECTOR_CLONES static void
eliminated(const continuants *c, const double *off, size_t lo, size_t hi, double *restrict s,
		   double *restrict f)
{
	for (size_t i = lo; i < hi; i++)
	{
		double		inv = 1 / c->at[i];

		s[i] = c->t[i] * inv;
		f[i] = off[i] * c->before[i] * inv;
	}
}

/* s[i] += b[i]·v: a run of the back-substitution, once the value before it is known. */
GS_VECTOR_CLONES static void
complete_run(double *restrict s, const double *restrict b, size_t len, double v)
{
	for (size_t i = 0; i < len; i++)
		s[i] += b[i] * v;
}

/*
 * s[i] −= f[i]·s[i − dir] for the count rows from first on, going by dir
 * (±1), s[first − dir] being solved already.  Each step waits on the one
 * before, so the rows are cut into BACK_RUNS runs that go at once: the
 * first from the solved value, the others as a[i] + b[i]·v with v the value
 * before the run, not yet known: a[i] from v = 0 (into s) and b[i] =
 * −f[i]·b[i − dir] from v = 1 (into f, which is not read again).  Then,
 * run after run, v is known and the runs are completed, a packed pass each.
 * b shrinks geometrically (|f| < 1 on the diagonally dominant rows); it is
 * set to zero below 2^-600, checked every BACK_BLOCK steps, so that it does
 * not linger among the subnormals, on which arithmetic is slow.
 */
#define BACK_RUNS 4
#define BACK_BLOCK 64

static void
back_substitute(double *s, double *f, size_t first, size_t count, long dir)
{
	size_t		len = count / BACK_RUNS,
				lead = count - (BACK_RUNS - 1) * len; /* the first run, the longest */
	long		start[BACK_RUNS],	/* each run's first row */
				at[BACK_RUNS];
	double		a[BACK_RUNS],
				b[BACK_RUNS];

	at[0] = start[0] = (long) first;
	a[0] = s[(long) first - dir];
	for (int c = 1; c < BACK_RUNS; c++)
	{
		at[c] = start[c] = (long) first + dir * (long) (lead + (size_t) (c - 1) * len);
		a[c] = 0;
		b[c] = 1;
	}
	for (size_t k0 = 0; k0 < len; k0 += BACK_BLOCK)
	{
		size_t		k1 = k0 + BACK_BLOCK < len ? k0 + BACK_BLOCK : len;

		for (size_t k = k0; k < k1; k++)
		{
			s[at[0]] = a[0] = s[at[0]] - f[at[0]] * a[0];
			at[0] += dir;
			for (int c = 1; c < BACK_RUNS; c++)
			{
				long		i = at[c];

				s[i] = a[c] = s[i] - f[i] * a[c];
				f[i] = b[c] = -f[i] * b[c];
				at[c] = i + dir;
			}
		}
		for (int c = 1; c < BACK_RUNS; c++)
			if (fabs(b[c]) < 0x1p-600)
				b[c] = 0;
	}
	for (size_t k = len; k < lead; k++)
	{
		s[at[0]] = a[0] = s[at[0]] - f[at[0]] * a[0];
		at[0] += dir;
	}
	for (int c = 1; c < BACK_RUNS; c++)
	{
		size_t		lo = (size_t) (dir > 0 ? start[c] : start[c] - (long) len + 1);

		complete_run(s + lo, f + lo, len, s[start[c] - dir]);
	}
}

static void
spline_slopes(const double *x, size_t n, const double *sl, bool natural, double *s,
			  double *work)
{
	size_t		p = n / 2;
	spline_rows r = {work, work + n, work + 2 * n, work + 3 * n};
	continuants c = {work + 4 * n, work + 5 * n, work + 6 * n};
	double	   *f = work + 7 * n;
	recurrence	top,
				bottom;

	put_row(r.lower, r.diag, r.upper, r.rhs, 0, first_row(x, n, sl, natural));
	interior_rows(x, n, sl, r.lower, r.diag, r.upper, r.rhs);
	put_row(r.lower, r.diag, r.upper, r.rhs, n - 1, last_row(x, n, sl, natural));
	/* the two ends' recurrences are independent: interleaved, they overlap */
	top = recurrence_start(&r, &c, 0, 1);
	bottom = recurrence_start(&r, &c, n - 1, -1);
	/* in blocks of 64 steps, each followed by a rescale; the bottom has at most as many */
	for (size_t k0 = 1; k0 < p; k0 += 64)
	{
		size_t		k1 = k0 + 64 < p ? k0 + 64 : p,
					both = k1 < n - 1 - p ? k1 : n - 1 - p;
		size_t		k = k0;

		for (; k < both; k++)
		{
			recurrence_step(&top, &r, &c);
			recurrence_step(&bottom, &r, &c);
		}
		for (; k < k1; k++)
			recurrence_step(&top, &r, &c);
		rescale(&top);
		rescale(&bottom);
	}
	eliminated(&c, r.upper, 0, p, s, f);
	eliminated(&c, r.lower, p + 1, n, s, f);
	s[p] = (r.rhs[p] - r.lower[p] * s[p - 1] - r.upper[p] * s[p + 1]) /
		(r.diag[p] - r.lower[p] * f[p - 1] - r.upper[p] * f[p + 1]);
	back_substitute(s, f, p - 1, p, -1);
	back_substitute(s, f, p + 1, n - 1 - p, 1);
}

static inline double
sign_of(double v)
{
	return (v > 0) - (v < 0);
}

/* Moler's one-sided three-point end slope, as PchipInterpolator._edge_case. */
static double
pchip_end_slope(double h0, double h1, double m0, double m1)
{
	double		d = ((2 * h0 + h1) * m0 - h0 * m1) / (h0 + h1);

	if (sign_of(d) != sign_of(m0))
		return 0;
	if (sign_of(m0) != sign_of(m1) && fabs(d) > 3 * fabs(m0))
		return 3 * m0;
	return d;
}

static void
pchip_slopes(const double *x, size_t n, const double *sl, double *d)
{
	if (n == 2)
	{
		d[0] = d[1] = sl[0];
		return;
	}
	for (size_t i = 1; i + 1 < n; i++)
	{
		double		hp = x[i] - x[i - 1],
					hn = x[i + 1] - x[i],
					mp = sl[i - 1],
					mn = sl[i];

		if (sign_of(mp) != sign_of(mn) || mp == 0 || mn == 0)
			d[i] = 0;
		else
		{
			double		w1 = 2 * hn + hp,
						w2 = hn + 2 * hp;

			d[i] = 1.0 / ((w1 / mp + w2 / mn) / (w1 + w2));
		}
	}
	d[0] = pchip_end_slope(x[1] - x[0], x[2] - x[1], sl[0], sl[1]);
	d[n - 1] = pchip_end_slope(x[n - 1] - x[n - 2], x[n - 2] - x[n - 3], sl[n - 2], sl[n - 3]);
}

/*
 * Akima1DInterpolator of scipy 1.10: secant slopes extended by two linear
 * extrapolations at each end, weights |m[i+3] − m[i+2]| and |m[i+1] − m[i]|,
 * and the plain mean of the outer slopes where both weights are below
 * 1e-9 of the largest weight sum.
 */
static void
akima_slopes(size_t n, const double *sl, double *d, double *m)
{
	double		f12max = 0;

	for (size_t i = 0; i + 1 < n; i++)
		m[i + 2] = sl[i];
	m[1] = 2 * m[2] - m[3];
	m[0] = 2 * m[1] - m[2];
	m[n + 1] = 2 * m[n] - m[n - 1];
	m[n + 2] = 2 * m[n + 1] - m[n];
	for (size_t i = 0; i < n; i++)
	{
		double		f12 = fabs(m[i + 3] - m[i + 2]) + fabs(m[i + 1] - m[i]);

		if (f12 > f12max)
			f12max = f12;
	}
	for (size_t i = 0; i < n; i++)
	{
		double		f1 = fabs(m[i + 3] - m[i + 2]),
					f2 = fabs(m[i + 1] - m[i]),
					f12 = f1 + f2;

		if (f12 > 1e-9 * f12max)
			d[i] = (f1 * m[i + 1] + f2 * m[i + 2]) / f12;
		else
			d[i] = 0.5 * (m[i + 3] + m[i]);
	}
}

/*
 * The cubic and quadratic coefficients of the Hermite piece on interval i, in
 * PPoly's order; its linear and constant ones are d[i] and y[i].
 */
static inline void
hermite_coefficients(const double *d, const double *sl, const double *inv_h, size_t i,
					 double *c0, double *c1)
{
	double		t = (d[i] + d[i + 1] - 2 * sl[i]) * inv_h[i];

	*c0 = t * inv_h[i];
	*c1 = (sl[i] - d[i]) * inv_h[i] - t;
}

/* The same for every interval at once, when most intervals hold a target. */
GS_VECTOR_CLONES static void
all_hermite_coefficients(const double *d, const double *sl, const double *inv_h, size_t n,
						 double *restrict c0, double *restrict c1)
{
	for (size_t i = 0; i + 1 < n; i++)
		hermite_coefficients(d, sl, inv_h, i, &c0[i], &c1[i]);
}

static inline double
hermite_at(const double *x, const double *y, const double *d, double c0, double c1, size_t i,
		   double v)
{
	double		s = v - x[i];

	return ((c0 * s + c1) * s + d[i]) * s + y[i];
}

/* Targets are placed in their intervals this many at a time. */
#define INTERP_CHUNK 256

/*
 * Sorted, finite targets that meet the axis, and outside it only where
 * extrapolation allows.  On success xt[0 .. *lo) lie below the axis and
 * xt[*hi .. m) above it.
 */
static gs_status
check_targets(const double *x, size_t n, const double *xt, size_t m, bool sorted,
			  gs_extrapolation extrapolation, size_t *lo, size_t *hi, gs_error *err)
{
	size_t		outside;
	bool		bad = !sorted && !gs_sorted_finite(xt, m, false);

	/* the second loop only names the culprit */
	for (size_t k = 0; bad && k < m; k++)
	{
		if (!isfinite(xt[k]))
			return gs_fail(err, GS_ERR_PARAM, "target x[%zu] is not finite", k + 1);
		if (k > 0 && xt[k] < xt[k - 1])
			return gs_fail(err, GS_ERR_PARAM, "target x is not sorted at position %zu", k + 1);
	}
	for (*lo = 0; *lo < m && xt[*lo] < x[0]; (*lo)++)
		;
	for (*hi = m; *hi > *lo && xt[*hi - 1] > x[n - 1]; (*hi)--)
		;
	outside = *lo + (m - *hi);
	if (m > 0 && outside == m)
	{
		gs_fail(err, GS_ERR_PARAM, "target axis does not overlap the spectrum");
		gs_error_detail(err, "The spectrum spans %.17g to %.17g; the targets span %.17g to %.17g.",
						x[0], x[n - 1], xt[0], xt[m - 1]);
		return GS_ERR_PARAM;
	}
	if (outside > 0 && extrapolation == GS_EXTRAP_ERROR)
	{
		gs_fail(err, GS_ERR_PARAM, "%zu target points lie outside the spectrum's axis range", outside);
		gs_error_detail(err, "The spectrum spans %.17g to %.17g; the targets span %.17g to %.17g.",
						x[0], x[n - 1], xt[0], xt[m - 1]);
		gs_error_hint(err, "Narrow the target range, or extrapolate with \"nan\" or \"edge\".");
		return GS_ERR_PARAM;
	}
	return GS_OK;
}

static gs_status
interp(const double *x, const double *y, size_t n, gs_interp_method method,
	   gs_extrapolation extrapolation, const double *xt, size_t m, bool sorted, double *yt,
	   void *scratch, gs_error *err)
{
	double	   *d = scratch,
			   *sl = d + n,
			   *inv_h = sl + n,
			   *work = inv_h + n;	/* 8n for the splines, n + 3 for akima, then 2n for the pieces */
	size_t		i = 0,
				lo = 0,			/* the runs check_targets finds */
				hi = 0,
				last;
	bool		shared;
	gs_status	rc;

	if (method >= GS_INTERP_COUNT || extrapolation >= GS_EXTRAP_COUNT)
		return gs_fail(err, GS_ERR_PARAM, "invalid interpolation method or extrapolation mode");
	if ((rc = gs_check_min_points(n, min_points[method], method == GS_INTERP_LINEAR ?
								  "linear interpolation" : method_names[method], err)) != GS_OK)
		return rc;
	if (!(isfinite(x[0]) && isfinite(x[n - 1]) && isfinite(y[0]) && secants(x, y, n, sl, inv_h)) &&
		((rc = gs_check_axis(x, n, err)) != GS_OK ||
		 (rc = gs_check_finite(y, n, "y", err)) != GS_OK))
		return rc;
	if ((rc = check_targets(x, n, xt, m, sorted, extrapolation, &lo, &hi, err)) != GS_OK)
		return rc;
	switch (method)
	{
		case GS_INTERP_CUBIC:
		case GS_INTERP_NATURAL:
			/* through two points, both conditions give the straight line */
			if (n == 2)
				d[0] = d[1] = sl[0];
			else
				spline_slopes(x, n, sl, method == GS_INTERP_NATURAL, d, work);
			break;
		case GS_INTERP_PCHIP:
			pchip_slopes(x, n, sl, d);
			break;
		case GS_INTERP_AKIMA:
			akima_slopes(n, sl, d, work);
			break;
		default:
			break;
	}

	/* [0, lo) lie below the axis, [lo, last) inside, [last, hi) on its end, [hi, m) above */
	for (last = hi; last > lo && xt[last - 1] == x[n - 1]; last--)
		;
	for (size_t k = 0; k < lo; k++)
		yt[k] = extrapolation == GS_EXTRAP_NAN ? NAN : y[0];
	for (size_t k = last; k < hi; k++)
		yt[k] = y[n - 1];
	for (size_t k = hi; k < m; k++)
		yt[k] = extrapolation == GS_EXTRAP_NAN ? NAN : y[n - 1];

	/*
	 * The pieces' coefficients cost less computed packed for every interval
	 * than one at a time for each target, unless the targets are few; the
	 * spline's work space is free by now.
	 */
	shared = method != GS_INTERP_LINEAR && 4 * (last - lo) >= n;
	if (shared)
		all_hermite_coefficients(d, sl, inv_h, n, work, work + n);

	/*
	 * A chunk of targets is first placed in its intervals, then evaluated.
	 * The placing loop's exits are hard to predict, and alone it recovers
	 * from each miss quickly; the evaluation then has no branch at all and
	 * its iterations overlap.
	 */
	for (size_t k0 = lo; k0 < last; k0 += INTERP_CHUNK)
	{
		size_t		k1 = k0 + INTERP_CHUNK < last ? k0 + INTERP_CHUNK : last,
					at[INTERP_CHUNK];

		for (size_t k = k0; k < k1; k++)
		{
			while (x[i + 1] <= xt[k])
				i++;
			at[k - k0] = i;
		}
		if (method == GS_INTERP_LINEAR)
			for (size_t k = k0; k < k1; k++)
			{
				size_t		j = at[k - k0];

				yt[k] = sl[j] * (xt[k] - x[j]) + y[j];
			}
		else if (shared)
			for (size_t k = k0; k < k1; k++)
			{
				size_t		j = at[k - k0];

				yt[k] = hermite_at(x, y, d, work[j], work[n + j], j, xt[k]);
			}
		else
			for (size_t k = k0; k < k1; k++)
			{
				size_t		j = at[k - k0];
				double		c0,
							c1;

				hermite_coefficients(d, sl, inv_h, j, &c0, &c1);
				yt[k] = hermite_at(x, y, d, c0, c1, j, xt[k]);
			}
	}
	return GS_OK;
}

gs_status
gs_interp(const double *x, const double *y, size_t n, gs_interp_method method,
		  gs_extrapolation extrapolation, const double *xt, size_t m, double *yt,
		  void *scratch, gs_error *err)
{
	return interp(x, y, n, method, extrapolation, xt, m, false, yt, scratch, err);
}

gs_status
gs_interp_sorted(const double *x, const double *y, size_t n, gs_interp_method method,
				 gs_extrapolation extrapolation, const double *xt, size_t m, double *yt,
				 void *scratch, gs_error *err)
{
	return interp(x, y, n, method, extrapolation, xt, m, true, yt, scratch, err);
}

gs_status
gs_uniform_grid_count(double start, double stop, double step, size_t max_points,
					  size_t *count, gs_error *err)
{
	double		span;

	if (!isfinite(start) || !isfinite(stop) || !isfinite(step) || step <= 0 || stop < start)
	{
		gs_fail(err, GS_ERR_PARAM, "invalid grid start %g, stop %g, step %g", start, stop, step);
		gs_error_detail(err, "A grid needs finite values, step > 0 and stop >= start.");
		return GS_ERR_PARAM;
	}
	span = floor((stop - start) / step + 1e-9);
	if (span + 1 > (double) max_points)
	{
		gs_fail(err, GS_ERR_LIMIT, "grid of %.0f points is larger than the limit of %zu",
				span + 1, max_points);
		gs_error_hint(err, "Use a coarser step or a narrower range.");
		return GS_ERR_LIMIT;
	}
	*count = (size_t) span + 1;
	return GS_OK;
}
