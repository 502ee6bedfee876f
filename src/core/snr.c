#include "snr.h"

#include <math.h>

#include "axis_check.h"
#include "order_stats.h"
#include "shift_divide.h"
#include "sums.h"
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

/*
 * Centred moving average over the points that exist, by running sums.  In
 * the middle, where the whole window exists, the sum moves by the difference
 * of the point that enters and the one that leaves.  The differences and the
 * divisions by the window are independent and run packed; the sums form two
 * interleaved chains, each waiting on one addition per two steps.  Near the
 * ends the window is cut short.
 */
static void
moving_average(const double *y, size_t n, int window, double *out)
{
	size_t		h = (size_t) window / 2,
				lo = 0,
				hi = 0,			/* the sum covers y[lo..hi) */
				head_end = h + 1 < n ? h + 1 : n,
				mid_end = n > 2 * h + 1 ? n - h : head_end,
				i;
	double		sum = 0;

	for (i = 0; i < head_end; i++)
	{
		sum = slide_to(y, n, h, i, &lo, &hi, sum);
		out[i] = sum / (double) (hi - lo);
	}
	for (size_t k = head_end; k < mid_end; k++)
		out[k] = y[k + h] - y[k - h - 1];
	if (i < mid_end)
	{
		/* the sums of the even and of the odd steps, each moved by two differences at once */
		double		even = sum,
					odd = sum + out[i],
					prev = out[i];

		out[i++] = odd;
		for (; i + 1 < mid_end; i += 2)
		{
			double		d0 = out[i],
						d1 = out[i + 1];

			out[i] = even += prev + d0;
			out[i + 1] = odd += d0 + d1;
			prev = d1;
		}
		sum = odd;
		if (i < mid_end)
		{
			out[i] = sum += out[i];
			i++;
		}
	}
	gs_shift_divide(out + head_end, mid_end - head_end, 0, (double) (2 * h + 1), out + head_end);
	if (mid_end > head_end)
	{
		lo = mid_end - 1 - h;
		hi = mid_end + h;
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

gs_status
gs_snr(const double *y, size_t n, void *work, double *snr_db, gs_error *err)
{
	const gs_wavelet *sym4;
	double	   *smooth = work,
			   *cd = smooth + n;
	size_t		m;
	gs_status	rc;

	if ((rc = check_input(y, n, err)) != GS_OK)
		return rc;
	if ((rc = gs_wavelet_lookup("sym4", &sym4, err)) != GS_OK)
		return rc;
	m = gs_dwt_length(n, sym4);
	gs_dwt_detail(y, n, sym4, cd);
	for (size_t i = 0; i < m; i++)
		cd[i] = fabs(cd[i]);
	moving_average(y, n, GS_SNR_SMOOTH_WINDOW, smooth);
	*snr_db = to_db(population_variance(smooth, n),
					gs_median_inplace(cd, m) / MAD_TO_SIGMA_DETAILS);
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
