#include "snr.h"

#include <math.h>
#include <string.h>

#include "axis_check.h"
#include "order_stats.h"
#include "sums.h"
#include "v2d.h"
#include "wavelet.h"

const int	gs_snr_default_windows[GS_SNR_DEFAULT_WINDOW_COUNT] = {5, 11, 21, 41};

/* 0.6745 ≈ Φ⁻¹(0.75): the MAD of a standard normal. */
#define MAD_TO_SIGMA_DETAILS 0.6745
#define MAD_TO_SIGMA 1.4826

/*
 * gs_snr_features: the smoothed line and the residuals; gs_snr: the smoothed
 * line and the sym4 details, (n + 7) / 2 of them, no more than n from
 * GS_SNR_MIN_POINTS on.
 */
size_t
gs_snr_work_size(size_t n)
{
	return 2 * n * sizeof(double);
}

/* Moves the running sum over y[lo..hi) to the window of i, cut by the ends. */
static inline double
slide_to(const double *y, size_t n, size_t h, size_t i, size_t *lo, size_t *hi, double sum)
{
	size_t		want_lo = i > h ? i - h : 0,
				want_hi = i + h + 1 < n ? i + h + 1 : n;

	while (*hi < want_hi)
		sum += y[(*hi)++];
	while (*lo < want_lo)
		sum -= y[(*lo)++];
	return sum;
}

/* The sum of y[i + l .. i + l + 3] in lane l. */
static inline void
sums_of_four(const double *y, size_t i, v4d *out)
{
	v4d			a,
				b;

	load4(out, y + i);
	load4(&a, y + i + 1);
	*out += a;
	load4(&a, y + i + 2);
	load4(&b, y + i + 3);
	*out += a + b;
}

/*
 * Centred moving average over the points that exist, by running sums.  In
 * the middle, where the whole window exists, four consecutive sums move
 * together, lane by lane, by the four points that enter each and the four
 * that leave it: one packed addition per four points waits on the one
 * before, and the means are products with the window's reciprocal.  Near
 * the ends the window is cut short.  All this differs from numpy's
 * differences of cumulative sums in rounding only.
 */
GS_VECTOR_CLONES static void
moving_average(const double *y, size_t n, int window, double *out)
{
	size_t		h = (size_t) window / 2,
				lo = 0,
				hi = 0,			/* the sum covers y[lo..hi) */
				lanes_from = h + 4, /* the first point after four whole windows */
				lanes_to = n > 2 * h ? n - h : 0,	/* the end of the whole windows */
				i = 0;
	double		sum = 0,
				inv = 1 / (double) (2 * h + 1);
	v4d			sums;

	splat4(&sums, 0);
	if (lanes_to < lanes_from + 4)
		lanes_from = lanes_to = n;
	for (; i < lanes_from; i++)
	{
		sum = slide_to(y, n, h, i, &lo, &hi, sum);
		out[i] = sum / (double) (hi - lo);
		if (i + 4 >= lanes_from)
			sums[i + 4 - lanes_from] = sum;
	}
	for (; i + 4 <= lanes_to; i += 4)
	{
		v4d			enter,
					leave,
					means;

		sums_of_four(y, i + h - 3, &enter);
		sums_of_four(y, i - h - 4, &leave);
		sums += enter - leave;
		means = sums * inv;
		memcpy(out + i, &means, sizeof(means));
	}
	if (i > lanes_from)
	{
		sum = sums[3];
		lo = i - 1 - h;
		hi = i + h;
	}
	for (; i < n; i++)
	{
		sum = slide_to(y, n, h, i, &lo, &hi, sum);
		out[i] = sum / (double) (hi - lo);
	}
}

/* numpy.var: the mean square deviation from the mean. */
static double
population_variance(const double *v, size_t n)
{
	return gs_sum_squares(v, n, gs_sum(v, n) / (double) n) / (double) n;
}

static double
to_db(double power, double sigma)
{
	double		db;

	if (!(power > 0))
		return GS_SNR_MIN_DB;
	if (!(sigma > 0))
		return GS_SNR_MAX_DB;
	db = 10 * log10(power / (sigma * sigma));
	return db < GS_SNR_MIN_DB ? GS_SNR_MIN_DB : db > GS_SNR_MAX_DB ? GS_SNR_MAX_DB : db;
}

static gs_status
check_input(const double *y, size_t n, gs_error *err)
{
	gs_status	rc;

	if ((rc = gs_check_min_points(n, GS_SNR_MIN_POINTS, "an SNR estimate", err)) != GS_OK)
		return rc;
	return gs_check_finite(y, n, "y", err);
}

/*
 * The SNR's two parts for y that has passed its checks: *power, the smoothed
 * line's variance, and the m = *m absolute sym4 details, after the line in
 * work.
 */
static gs_status
snr_parts(const double *y, size_t n, void *work, double *power, double **details, size_t *m,
		  gs_error *err)
{
	const gs_wavelet *sym4;
	double	   *smooth = work,
			   *cd = smooth + n;
	gs_status	rc;

	if ((rc = gs_wavelet_lookup("sym4", &sym4, err)) != GS_OK)
		return rc;
	*m = gs_dwt_length(n, sym4);
	gs_dwt_detail(y, n, sym4, cd);
	for (size_t i = 0; i < *m; i++)
		cd[i] = fabs(cd[i]);
	moving_average(y, n, GS_SNR_SMOOTH_WINDOW, smooth);
	*power = population_variance(smooth, n);
	*details = cd;
	return GS_OK;
}

/* The SNR from its parts (the details are reordered). */
static double
snr_of_parts(double power, double *details, size_t m)
{
	return to_db(power, gs_median_inplace(details, m) / MAD_TO_SIGMA_DETAILS);
}

gs_status
gs_snr(const double *y, size_t n, void *work, double *snr_db, gs_error *err)
{
	double		power,
			   *cd;
	size_t		m;
	gs_status	rc;

	if ((rc = check_input(y, n, err)) != GS_OK ||
		(rc = snr_parts(y, n, work, &power, &cd, &m, err)) != GS_OK)
		return rc;
	*snr_db = snr_of_parts(power, cd, m);
	return GS_OK;
}

int
gs_snr_edges_at(double snr_db, const double *edges_db, int nedges)
{
	int			e = 0;

	while (e < nedges && !(snr_db >= edges_db[e]))
		e++;
	return nedges - e;
}

/* How many of v[0..m) lie below lo, and how many at or below hi. */
GS_VECTOR_CLONES static void
count_below(const double *v, size_t m, double lo, double hi, size_t *below_lo, size_t *upto_hi)
{
	size_t		a = 0,
				b = 0;

	for (size_t i = 0; i < m; i++)
	{
		a += v[i] < lo;
		b += v[i] <= hi;
	}
	*below_lo = a;
	*upto_hi = b;
}

/* The relative margin within which the median itself decides an edge. */
#define EDGE_MARGIN 1e-9

/*
 * The SNR reaches an edge E exactly when sigma <= sqrt(P / 10^(E/10)), that
 * is when the median of the k = (m − 1)/2-th and (for even m) next smallest
 * |details| is at most T = 0.6745·sqrt(P·10^(−E/10)).  One counting pass
 * settles that while the median lies farther than EDGE_MARGIN from T: far
 * beyond the rounding of T and of gs_snr's own arithmetic, so the answer is
 * gs_snr's.  Nearer (or with half the middle pair on each side), the median
 * is taken and the SNR compared as gs_snr computes it.  The edges are tried
 * from the highest down, and the first one reached settles the rest.
 */
gs_status
gs_snr_edges_reached(const double *y, size_t n, const double *edges_db, int nedges,
					 void *work, int *reached, gs_error *err)
{
	double		power,
			   *cd;
	size_t		m,
				k;
	gs_status	rc;

	if ((rc = gs_check_min_points(n, GS_SNR_MIN_POINTS, "an SNR estimate", err)) != GS_OK ||
		(rc = snr_parts(y, n, work, &power, &cd, &m, err)) != GS_OK)
		return rc;
	k = (m - 1) / 2;
	*reached = 0;
	for (int e = 0; power > 0 && e < nedges; e++)
	{
		double		t = MAD_TO_SIGMA_DETAILS * sqrt(power * pow(10, -edges_db[e] / 10));
		size_t		below_lo,
					upto_hi;

		count_below(cd, m, t * (1 - EDGE_MARGIN), t * (1 + EDGE_MARGIN), &below_lo, &upto_hi);
		if (below_lo >= k + 1 + (m % 2 == 0))
		{
			*reached = nedges - e;
			return GS_OK;
		}
		if (upto_hi > k)
		{
			*reached = gs_snr_edges_at(snr_of_parts(power, cd, m), edges_db, nedges);
			return GS_OK;
		}
	}
	return GS_OK;
}

gs_status
gs_snr_features(const double *y, size_t n, const int *windows, int nwindows,
				double *features, void *work, gs_error *err)
{
	double	   *smooth = work,
			   *resid = smooth + n;
	gs_status	rc;

	if ((rc = check_input(y, n, err)) != GS_OK)
		return rc;
	for (int k = 0; k < nwindows; k++)
	{
		int			w = windows[k];
		double		center;

		if (w < 3 || w % 2 == 0)
		{
			gs_fail(err, GS_ERR_PARAM, "smoothing window %d is invalid", w);
			gs_error_detail(err, "Windows must be odd numbers of points, at least 3.");
			return GS_ERR_PARAM;
		}
		moving_average(y, n, w, smooth);
		for (size_t i = 0; i < n; i++)
			resid[i] = y[i] - smooth[i];
		center = gs_median_inplace(resid, n);
		for (size_t i = 0; i < n; i++)
			resid[i] = fabs(resid[i] - center);
		features[k] = to_db(population_variance(smooth, n),
							MAD_TO_SIGMA * gs_median_inplace(resid, n));
	}
	return GS_OK;
}
