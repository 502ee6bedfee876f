#include "interp.h"

#include <float.h>
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
	return (4 * n + 3) * sizeof(double);
}

/*
 * Secant slopes sl[i] and reciprocal widths inv_h[i] of the n − 1 intervals,
 * two at a time: the divisions are independent, and a packed division costs
 * about what a scalar one does.
 */
static void
secants(const double *x, const double *y, size_t n, double *sl, double *inv_h)
{
	const v2d	one = {1, 1};
	size_t		i = 0;

	for (; i + 2 < n; i += 2)
	{
		v2d			inv = one / (load2(x + i + 1) - load2(x + i));

		store2(inv_h + i, inv);
		store2(sl + i, (load2(y + i + 1) - load2(y + i)) * inv);
	}
	for (; i + 1 < n; i++)
	{
		inv_h[i] = 1 / (x[i + 1] - x[i]);
		sl[i] = (y[i + 1] - y[i]) * inv_h[i];
	}
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
 * Knot slopes of a C2 cubic spline (n >= 3), the system laid out as scipy's
 * CubicSpline builds it.  Elimination without pivoting runs from both ends
 * at once and meets at row p: each step of an elimination waits for the
 * division of the step before, so two independent chains take half the time
 * of one.  Rows above p end as s[i] + f[i]·s[i+1] = s'[i], rows below as
 * f[i]·s[i-1] + s[i] = s'[i] (f and s' share the arrays cprime and s); the
 * two back-substitutions are independent as well.  The not-a-knot end rows
 * are not diagonally dominant, but eliminating either from its neighbour
 * leaves dx[0] + dx[1] (dx[n-2] + dx[n-3]) on the diagonal, so this stays
 * stable.
 */
static void
spline_slopes(const double *x, size_t n, const double *sl, bool natural, double *s,
			  double *cprime)
{
	size_t		p = n / 2;
	spline_row	top = first_row(x, n, sl, natural),
				bottom = last_row(x, n, sl, natural),
				mid;
	double		inv,
				fa,
				sa,
				fb,
				sb,
				up,
				down;

	/*
	 * The values each chain carries stay in locals: read back from the
	 * arrays, which the compiler cannot prove distinct from x and sl, they
	 * would add a store-to-load round trip to every step.
	 */
	inv = 1 / top.diag;
	cprime[0] = fa = top.upper * inv;
	s[0] = sa = top.rhs * inv;
	inv = 1 / bottom.diag;
	cprime[n - 1] = fb = bottom.lower * inv;
	s[n - 1] = sb = bottom.rhs * inv;
	for (size_t i = 1, j = n - 2; i < p; i++, j--)
	{
		spline_row	a = interior_row(x, sl, i);

		inv = 1 / (a.diag - a.lower * fa);
		cprime[i] = fa = a.upper * inv;
		s[i] = sa = (a.rhs - a.lower * sa) * inv;
		if (j > p)
		{
			spline_row	b = interior_row(x, sl, j);

			inv = 1 / (b.diag - b.upper * fb);
			cprime[j] = fb = b.lower * inv;
			s[j] = sb = (b.rhs - b.upper * sb) * inv;
		}
	}
	/* fa, sa are row p − 1's now and fb, sb row p + 1's */
	mid = interior_row(x, sl, p);
	s[p] = up = down = (mid.rhs - mid.lower * sa - mid.upper * sb) /
		(mid.diag - mid.lower * fa - mid.upper * fb);
	/* rows p + 1 .. n − 1 are at most as many as rows 0 .. p − 1 */
	for (size_t i = p, j = p; i > 0; i--, j++)
	{
		s[i - 1] = up = s[i - 1] - cprime[i - 1] * up;
		if (j + 1 < n)
			s[j + 1] = down = s[j + 1] - cprime[j + 1] * down;
	}
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

/* The cubic Hermite piece on one interval, in PPoly's coefficient order. */
typedef struct hermite_piece
{
	double		x0,
				c0,
				c1,
				c2,
				c3;
} hermite_piece;

static inline void
hermite_setup(const double *x, const double *y, const double *d, const double *sl,
			  const double *inv_h, size_t i, hermite_piece *p)
{
	double		t = (d[i] + d[i + 1] - 2 * sl[i]) * inv_h[i];

	p->x0 = x[i];
	p->c0 = t * inv_h[i];
	p->c1 = (sl[i] - d[i]) * inv_h[i] - t;
	p->c2 = d[i];
	p->c3 = y[i];
}

static gs_status
check_targets(const double *x, size_t n, const double *xt, size_t m,
			  gs_extrapolation extrapolation, gs_error *err)
{
	size_t		outside = 0;
	bool		bad = m > 0 && !(fabs(xt[0]) <= DBL_MAX);

	/* branch-free while all is well; the second loop only names the culprit */
	for (size_t k = 1; k < m; k++)
		bad |= !(fabs(xt[k]) <= DBL_MAX) | (xt[k] < xt[k - 1]);
	for (size_t k = 0; bad && k < m; k++)
	{
		if (!isfinite(xt[k]))
			return gs_fail(err, GS_ERR_PARAM, "target x[%zu] is not finite", k + 1);
		if (k > 0 && xt[k] < xt[k - 1])
			return gs_fail(err, GS_ERR_PARAM, "target x is not sorted at position %zu", k + 1);
	}
	/* sorted targets: those outside the range are a run at each end */
	for (size_t k = 0; k < m && xt[k] < x[0]; k++)
		outside++;
	for (size_t k = m; k > 0 && xt[k - 1] > x[n - 1]; k--)
		outside++;
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

gs_status
gs_interp(const double *x, const double *y, size_t n, gs_interp_method method,
		  gs_extrapolation extrapolation, const double *xt, size_t m, double *yt,
		  void *scratch, gs_error *err)
{
	double	   *d = scratch,
			   *sl = d + n,
			   *inv_h = sl + n,
			   *work = inv_h + n;	/* n + 3 */
	size_t		i = 0,
				piece = SIZE_MAX;
	hermite_piece hp = {0};
	gs_status	rc;

	if (method >= GS_INTERP_COUNT || extrapolation >= GS_EXTRAP_COUNT)
		return gs_fail(err, GS_ERR_PARAM, "invalid interpolation method or extrapolation mode");
	if ((rc = gs_check_min_points(n, min_points[method], method == GS_INTERP_LINEAR ?
								  "linear interpolation" : method_names[method], err)) != GS_OK ||
		(rc = gs_check_axis(x, n, err)) != GS_OK ||
		(rc = gs_check_finite(y, n, "y", err)) != GS_OK ||
		(rc = check_targets(x, n, xt, m, extrapolation, err)) != GS_OK)
		return rc;

	secants(x, y, n, sl, inv_h);
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

	for (size_t k = 0; k < m; k++)
	{
		double		v = xt[k],
					s;

		if (v < x[0] || v > x[n - 1])
		{
			yt[k] = extrapolation == GS_EXTRAP_NAN ? NAN : (v < x[0] ? y[0] : y[n - 1]);
			continue;
		}
		if (v == x[n - 1])
		{
			yt[k] = y[n - 1];
			continue;
		}
		while (x[i + 1] <= v)
			i++;
		if (method == GS_INTERP_LINEAR)
		{
			yt[k] = sl[i] * (v - x[i]) + y[i];
			continue;
		}
		if (i != piece)
		{
			hermite_setup(x, y, d, sl, inv_h, i, &hp);
			piece = i;
		}
		s = v - hp.x0;
		yt[k] = ((hp.c0 * s + hp.c1) * s + hp.c2) * s + hp.c3;
	}
	return GS_OK;
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
