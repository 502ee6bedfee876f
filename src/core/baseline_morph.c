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

static inline double
pick(double a, double b, bool is_max)
{
	return is_max ? (a > b ? a : b) : (a < b ? a : b);
}

/*
 * out[i] = min (or max) of in[i − before .. i − before + window − 1], the
 * signal extended by reflection ('reflect' of scipy.ndimage, = half-sample
 * symmetric).  van Herk / Gil-Werman: block-wise prefix and suffix extrema of
 * the extended line give every window in O(1), whatever its size.
 */
static void
running_extreme(const double *in, size_t n, size_t window, size_t before, bool is_max,
				double *out, double *work)
{
	size_t		len = n + window - 1;
	double	   *ext = work,
			   *prefix = ext + len,
			   *suffix = prefix + len;

	memcpy(ext + before, in, n * sizeof(double));
	for (size_t t = 0; t < before; t++)
		ext[t] = in[reflect_index((long) t - (long) before, n)];
	for (size_t t = before + n; t < len; t++)
		ext[t] = in[reflect_index((long) t - (long) before, n)];
	for (size_t t = 0; t < len; t++)
		prefix[t] = (t % window == 0) ? ext[t] : pick(prefix[t - 1], ext[t], is_max);
	for (size_t t = len; t-- > 0;)
		suffix[t] = (t % window == window - 1 || t == len - 1) ? ext[t] :
			pick(suffix[t + 1], ext[t], is_max);
	for (size_t i = 0; i < n; i++)
		out[i] = pick(suffix[i], prefix[i + window - 1], is_max);
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

	running_extreme(y, n, w, w / 2, false, eroded, scratch);
	running_extreme(eroded, n, w, w % 2 ? w / 2 : w / 2 - 1, true, baseline, scratch);
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

/* Lowest point between the peak at i and the nearest higher point (or the reach). */
static double
side_base(const double *y, size_t n, size_t i, int step)
{
	double		base = y[i];
	size_t		j = i;

	for (int k = 0; k < PEAK_REACH; k++)
	{
		if ((step < 0 && j == 0) || (step > 0 && j + 1 == n))
			break;
		j = step < 0 ? j - 1 : j + 1;
		if (y[j] > y[i])
			break;
		if (y[j] < base)
			base = y[j];
	}
	return base;
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
	size_t		best[STRONGEST_PEAKS];
	double		best_prom[STRONGEST_PEAKS],
				widths[STRONGEST_PEAKS],
				f = 0;
	int			found = 0,
				window;

	for (size_t i = 1; i + 1 < n; i++)
	{
		double		prom;
		int			k;

		if (!(y[i] > y[i - 1] && y[i] >= y[i + 1]))
			continue;
		prom = y[i] - fmax(side_base(y, n, i, -1), side_base(y, n, i, 1));
		if (found == STRONGEST_PEAKS && prom <= best_prom[found - 1])
			continue;
		if (found < STRONGEST_PEAKS)
			found++;
		for (k = found - 1; k > 0 && best_prom[k - 1] < prom; k--)
		{
			best[k] = best[k - 1];
			best_prom[k] = best_prom[k - 1];
		}
		best[k] = i;
		best_prom[k] = prom;
	}
	for (int k = 0; k < found; k++)
	{
		double		level = y[best[k]] - best_prom[k] / 2;

		widths[k] = half_crossing(y, n, best[k], 1, level) - half_crossing(y, n, best[k], -1, level);
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
