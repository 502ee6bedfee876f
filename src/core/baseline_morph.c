/*
 * baseline_morph.c — the morphological baseline of paper S10: a grey opening
 * with a flat structuring element, and the element's size from the widths of
 * the strongest peaks.
 */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "baseline_methods.h"
#include "symmetric_index.h"
#include "v2d.h"

/* How far (points) a peak's bases and half-height crossings are looked for. */
#define PEAK_REACH 128
#define STRONGEST_PEAKS 3

/*
 * out[i] = min of in[i − before .. i − before + window − 1], the signal
 * extended by reflection ('reflect' of scipy.ndimage, = half-sample
 * symmetric); with negate, the same for −in, whose negation is the max (the
 * sign flip is exact, and one loop of plain comparisons compiles to minpd).
 * By spans that grow fourfold a pass (and twofold in a last one where
 * needed), m[i] becomes the minimum over the largest 2^k <= w points from i,
 * and a window of w points is the union of two such spans at its ends.  Each
 * pass is a loop of independent packed minima, which for the windows of the
 * S10 rule (at most 31 points, two passes) beats the O(1)-per-point van Herk
 * scheme, whose prefix minima form a serial chain; fourfold rather than
 * twofold steps halve the passes and their stores, which bound them.
 */
GS_VECTOR_CLONES static void
running_min(const double *in, size_t n, size_t window, size_t before, bool negate,
			double *out, double *work)
{
	size_t		len = n + window - 1,
				span = 1;
	double		sign = negate ? -1 : 1;
	double	   *m = work,
			   *next = m + len;

	for (size_t t = 0; t < before; t++)
		m[t] = sign * in[gs_symmetric_index((long) t - (long) before, n)];
	for (size_t i = 0; i < n; i++)
		m[before + i] = sign * in[i];
	for (size_t t = before + n; t < len; t++)
		m[t] = sign * in[gs_symmetric_index((long) t - (long) before, n)];
	for (; 4 * span <= window; span *= 4)
	{
		double	   *t = m;

		for (size_t i = 0; i + 4 * span <= len; i++)
		{
			double		a = m[i + span] < m[i] ? m[i + span] : m[i],
						b = m[i + 3 * span] < m[i + 2 * span] ? m[i + 3 * span] : m[i + 2 * span];

			next[i] = b < a ? b : a;
		}
		m = next;
		next = t;
	}
	if (2 * span <= window)
	{
		for (size_t i = 0; i + 2 * span <= len; i++)
			next[i] = m[i + span] < m[i] ? m[i + span] : m[i];
		m = next;
		span *= 2;
	}
	for (size_t i = 0; i < n; i++)
	{
		double		a = m[i],
					c = m[i + window - span];

		out[i] = sign * (c < a ? c : a);
	}
}

/*
 * scipy centres a flat element of size w at w/2 for the erosion; the
 * dilation uses the reflected element, which for even w sits one point
 * further left (its origin becomes −1), so that the opening stays below y.
 */
void
gs_baseline_morph(const double *y, size_t n, int window, double *baseline, double *work)
{
	size_t		w = (size_t) window;
	double	   *eroded = work,
			   *scratch = work + n;

	running_min(y, n, w, w / 2, false, eroded, scratch);
	running_min(eroded, n, w, w % 2 ? w / 2 : w / 2 - 1, true, baseline, scratch);
}

/* Where y falls to `level` walking from the peak at i by `step` (±1), in points. */
static double
half_crossing(const double *y, size_t n, size_t i, int step, double level)
{
	size_t		j = i;

	for (int k = 0; k < PEAK_REACH; k++)
	{
		size_t		next;

		if ((step < 0 && j == 0) || (step > 0 && j + 1 == n))
			break;
		next = step < 0 ? j - 1 : j + 1;
		if (y[next] <= level)
			return (double) j + step * (y[j] - level) / (y[j] - y[next]);
		j = next;
	}
	return (double) j;
}

/*
 * The strongest peaks so far, most prominent first, a tie to the lower index:
 * the three an index-order scan keeps, whatever order they are offered in.
 */
typedef struct strongest
{
	size_t		at[STRONGEST_PEAKS];
	double		prom[STRONGEST_PEAKS];
	int			found;
} strongest;

/* Whether a peak at i with prominence prom ranks before the k-th kept one. */
static inline bool
ranks_before(const strongest *s, int k, size_t i, double prom)
{
	return prom > s->prom[k] || (prom == s->prom[k] && i < s->at[k]);
}

/* Whether a peak at i whose prominence is at most bound can still be kept. */
static inline bool
may_enter(const strongest *s, size_t i, double bound)
{
	return s->found < STRONGEST_PEAKS || ranks_before(s, STRONGEST_PEAKS - 1, i, bound);
}

static void
offer_peak(strongest *s, size_t i, double prom)
{
	int			k;

	if (!may_enter(s, i, prom))
		return;
	if (s->found < STRONGEST_PEAKS)
		s->found++;
	for (k = s->found - 1; k > 0 && ranks_before(s, k - 1, i, prom); k--)
	{
		s->at[k] = s->at[k - 1];
		s->prom[k] = s->prom[k - 1];
	}
	s->at[k] = i;
	s->prom[k] = prom;
}

/*
 * Lowest of y[i] and the points before i back to a higher one, within the
 * reach.  The scan stops once the base is at or below `floor`, the other
 * side's base: the prominence no longer depends on it then.
 */
static double
left_base(const double *y, size_t i, double floor)
{
	double		top = y[i],
				base = top;
	size_t		lo = i > PEAK_REACH ? i - PEAK_REACH : 0;

	for (size_t j = i; j-- > lo && base > floor;)
	{
		if (y[j] > top)
			break;
		base = y[j] < base ? y[j] : base;
	}
	return base;
}

/* Lowest of y[i] and the points after i up to a higher one, within the reach. */
static double
right_base(const double *y, size_t n, size_t i)
{
	double		top = y[i],
				base = top;
	size_t		hi = n - 1 - i > PEAK_REACH ? i + PEAK_REACH : n - 1;

	for (size_t j = i + 1; j <= hi; j++)
	{
		if (y[j] > top)
			break;
		base = y[j] < base ? y[j] : base;
	}
	return base;
}

/* Offers the local maximum at i unless a bound shows it cannot be kept. */
static void
consider_peak(const double *y, size_t n, size_t i, double floor_bound, strongest *best)
{
	double		rb;

	if (!may_enter(best, i, y[i] - floor_bound))
		return;
	rb = right_base(y, n, i);
	if (!may_enter(best, i, y[i] - rb))
		return;
	offer_peak(best, i, y[i] - fmax(left_base(y, i, rb), rb));
}

/*
 * Blocks for the bound: at most MAX_BLOCKS of at least MIN_BLOCK points.  A
 * peak's bases lie within PEAK_REACH points, so its prominence is at most
 * y[i] minus the lowest block minimum over that span.
 */
#define MIN_BLOCK 32
#define MAX_BLOCKS 1024

static inline bool
is_local_max(const double *y, size_t i)
{
	return (y[i] > y[i - 1]) & (y[i] >= y[i + 1]);
}

/*
 * *acc = x in the lanes the mask sets; through pointers, as v2d.h moves its
 * four-lane vectors.
 */
static inline void
take_where(v4d *acc, const v4d *x, const v4i *mask)
{
	*acc = (v4d) (((v4i) *x & *mask) | ((v4i) *acc & ~*mask));
}

/* *acc = x where x is below (or above) it, lane by lane. */
static inline void
keep_lower(v4d *acc, const v4d *x)
{
	v4i			m = *x < *acc;

	take_where(acc, x, &m);
}

static inline void
keep_higher(v4d *acc, const v4d *x)
{
	v4i			m = *x > *acc;

	take_where(acc, x, &m);
}

/*
 * Lowest and highest of each block of y, eight lanes at once in two vectors
 * of each (the extremes are exact whatever the order); the lane choices are
 * written as masks, since compilers keep a conditional choice between
 * doubles scalar.
 */
GS_VECTOR_CLONES static void
block_extremes(const double *y, size_t n, size_t block, size_t nblocks, double *restrict lowest,
			   double *restrict highest)
{
	for (size_t b = 0; b < nblocks; b++)
	{
		const double *v = y + b * block;
		size_t		len = (b + 1) * block < n ? block : n - b * block,
					i = 0;
		v4d			lo0,
					lo1,
					hi0,
					hi1,
					x;
		double		l,
					h;

		splat4(&lo0, v[0]);
		lo1 = hi0 = hi1 = lo0;
		for (; i + 8 <= len; i += 8)
		{
			load4(&x, v + i);
			keep_lower(&lo0, &x);
			keep_higher(&hi0, &x);
			load4(&x, v + i + 4);
			keep_lower(&lo1, &x);
			keep_higher(&hi1, &x);
		}
		keep_lower(&lo0, &lo1);
		keep_higher(&hi0, &hi1);
		l = lo0[0];
		h = hi0[0];
		for (int k = 1; k < 4; k++)
		{
			l = lo0[k] < l ? lo0[k] : l;
			h = hi0[k] > h ? hi0[k] : h;
		}
		for (; i < len; i++)
		{
			l = v[i] < l ? v[i] : l;
			h = v[i] > h ? v[i] : h;
		}
		lowest[b] = l;
		highest[b] = h;
	}
}

/*
 * The three most prominent local maxima.  Each block's highest point goes
 * first, so that the strong peaks are usually kept early; after that, most
 * peaks fail the block-minimum bound and cost no scan, and those that pass
 * it scan the right side first, skip the left scan when the right base
 * already keeps them out, and stop the left scan once it falls below the
 * right base.  Blocks whose highest point cannot enter are skipped whole;
 * in the others the local maxima are gathered by a loop without a branch
 * per point (whether a point is one is a coin toss on noisy data), and only
 * they are visited.
 */
static void
find_strongest(const double *y, size_t n, strongest *best)
{
	double		bmin[MAX_BLOCKS],
				bmax[MAX_BLOCKS],
				floor_bound[MAX_BLOCKS];
	size_t		top[MAX_BLOCKS],
				maxima[MIN_BLOCK];
	size_t		block = MIN_BLOCK,
				nblocks;

	if (n < 3)
		return;
	while ((n + block - 1) / block > MAX_BLOCKS)
		block *= 2;
	nblocks = (n + block - 1) / block;
	block_extremes(y, n, block, nblocks, bmin, bmax);
	for (size_t b = 0; b < nblocks; b++)
	{
		size_t		end = (b + 1) * block < n - 1 ? (b + 1) * block : n - 1,
					from = b * block > PEAK_REACH ? (b * block - PEAK_REACH) / block : 0,
					to = (end - 1 + PEAK_REACH) / block < nblocks ? (end - 1 + PEAK_REACH) / block : nblocks - 1;

		floor_bound[b] = bmin[from];
		for (size_t k = from + 1; k <= to; k++)
			floor_bound[b] = bmin[k] < floor_bound[b] ? bmin[k] : floor_bound[b];
	}
	for (size_t b = 0; b < nblocks; b++)
	{
		size_t		at = b * block;

		/*
		 * The lowest index ranks first among equals: the block's best case.
		 * A block that cannot enter even so needs no position, here or below,
		 * where the bar is only higher (and its top, not offered here, would
		 * be offered there).
		 */
		top[b] = SIZE_MAX;
		if (!may_enter(best, at, bmax[b] - floor_bound[b]))
			continue;
		/* the first highest point, as a peak search in index order meets it */
		while (y[at] != bmax[b])
			at++;
		top[b] = at;
		if (at > 0 && at < n - 1 && is_local_max(y, at))
			consider_peak(y, n, at, floor_bound[b], best);
	}
	for (size_t b = 0; b < nblocks; b++)
	{
		size_t		first = b * block > 1 ? b * block : 1,
					end = (b + 1) * block < n - 1 ? (b + 1) * block : n - 1;

		if (!may_enter(best, first, bmax[b] - floor_bound[b]))
			continue;
		for (size_t start = first; start < end; start += MIN_BLOCK)
		{
			size_t		stop = start + MIN_BLOCK < end ? start + MIN_BLOCK : end,
						count = 0;

			for (size_t i = start; i < stop; i++)
			{
				maxima[count] = i;
				count += is_local_max(y, i);
			}
			for (size_t k = 0; k < count; k++)
				if (maxima[k] != top[b])
					consider_peak(y, n, maxima[k], floor_bound[b], best);
		}
	}
}

/*
 * f = median FWHM of the three most prominent local maxima (prominence as in
 * scipy.signal.peak_prominences, but searched within PEAK_REACH points so the
 * cost stays linear); window = round(1 + 2f + f²/20), made odd, clamped to
 * 5..31.  The linear term covers a peak's base (about twice its FWHM for
 * Gaussian and Lorentzian shapes); the quadratic term widens the element for
 * broad bands, whose wings reach further than twice their FWHM.
 */
int
gs_morph_auto_window(const double *y, size_t n)
{
	strongest	s = {.found = 0};
	double		widths[STRONGEST_PEAKS],
				f = 0;
	int			found,
				window;

	find_strongest(y, n, &s);
	found = s.found;
	for (int k = 0; k < found; k++)
	{
		double		level = y[s.at[k]] - s.prom[k] / 2;

		widths[k] = half_crossing(y, n, s.at[k], 1, level) - half_crossing(y, n, s.at[k], -1, level);
	}
	/* median of up to three */
	if (found == 1)
		f = widths[0];
	else if (found == 2)
		f = (widths[0] + widths[1]) / 2;
	else if (found == 3)
		f = fmax(fmin(widths[0], widths[1]), fmin(fmax(widths[0], widths[1]), widths[2]));

	window = (int) lround(1 + 2 * f + f * f / 20);
	if (window % 2 == 0)
		window++;
	return window < GS_MORPH_MIN_WINDOW ? GS_MORPH_MIN_WINDOW :
		window > GS_MORPH_MAX_WINDOW ? GS_MORPH_MAX_WINDOW : window;
}
