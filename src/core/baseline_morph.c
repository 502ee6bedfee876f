/*
 * baseline_morph.c — the morphological baseline of paper S10: a grey opening
 * with a flat structuring element, and the element's size from the widths of
 * the strongest peaks.
 */
#include <math.h>
#include <string.h>

#include "baseline_methods.h"

/* How far (points) a peak's bases and half-height crossings are looked for. */
#define PEAK_REACH 128
#define STRONGEST_PEAKS 3

static inline size_t
reflect_index(long i, size_t n)
{
	long		period = 2 * (long) n;
	long		m = i % period;

	if (m < 0)
		m += period;
	return (size_t) m < n ? (size_t) m : (size_t) (period - 1 - m);
}

/*
 * out[i] = min of in[i − before .. i − before + window − 1], the signal
 * extended by reflection ('reflect' of scipy.ndimage, = half-sample
 * symmetric); with negate, the same for −in, whose negation is the max (the
 * sign flip is exact, and one loop of plain comparisons compiles to minsd).
 * van Herk / Gil-Werman: block-wise prefix and suffix minima of the extended
 * line give every window in O(1), whatever its size.
 */
static void
running_min(const double *in, size_t n, size_t window, size_t before, bool negate,
			double *out, double *work)
{
	size_t		len = n + window - 1;
	double		sign = negate ? -1 : 1;
	double	   *ext = work,
			   *prefix = ext + len,
			   *suffix = prefix + len;

	for (size_t t = 0; t < before; t++)
		ext[t] = sign * in[reflect_index((long) t - (long) before, n)];
	for (size_t i = 0; i < n; i++)
		ext[before + i] = sign * in[i];
	for (size_t t = before + n; t < len; t++)
		ext[t] = sign * in[reflect_index((long) t - (long) before, n)];
	for (size_t b = 0; b < len; b += window)
	{
		size_t		e = b + window < len ? b + window : len;
		double		lo = ext[b];

		for (size_t t = b; t < e; t++)
		{
			lo = ext[t] < lo ? ext[t] : lo;
			prefix[t] = lo;
		}
		lo = ext[e - 1];
		for (size_t t = e; t-- > b;)
		{
			lo = ext[t] < lo ? ext[t] : lo;
			suffix[t] = lo;
		}
	}
	for (size_t i = 0; i < n; i++)
	{
		double		a = suffix[i],
					c = prefix[i + window - 1];

		out[i] = sign * (a < c ? a : c);
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

/* The strongest peaks so far, most prominent first; a tie keeps the earlier. */
typedef struct strongest
{
	size_t		at[STRONGEST_PEAKS];
	double		prom[STRONGEST_PEAKS];
	int			found;
} strongest;

static void
offer_peak(strongest *s, size_t i, double prom)
{
	int			k;

	if (s->found == STRONGEST_PEAKS && prom <= s->prom[s->found - 1])
		return;
	if (s->found < STRONGEST_PEAKS)
		s->found++;
	for (k = s->found - 1; k > 0 && s->prom[k - 1] < prom; k--)
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

/*
 * Every local maximum's prominence, y[i] − max(left base, right base), in
 * index order.  Once three peaks are kept, one whose right base alone keeps
 * it from beating the third is passed over without its left scan.
 */
static void
find_strongest(const double *y, size_t n, strongest *best)
{
	for (size_t i = 1; i + 1 < n; i++)
	{
		double		rb;

		if (!(y[i] > y[i - 1] && y[i] >= y[i + 1]))
			continue;
		rb = right_base(y, n, i);
		if (best->found == STRONGEST_PEAKS && y[i] - rb <= best->prom[STRONGEST_PEAKS - 1])
			continue;
		offer_peak(best, i, y[i] - fmax(left_base(y, i, rb), rb));
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
