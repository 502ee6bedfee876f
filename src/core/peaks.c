#include "peaks.h"

#include <math.h>
#include <stdlib.h>

#include "axis_check.h"

typedef struct ranked_peak
{
	double		height;
	size_t		pos;			/* position in the candidate list */
} ranked_peak;

gs_peak_options
gs_peak_options_default(void)
{
	gs_peak_options o = {NAN, NAN, NAN, 0.5};

	return o;
}

size_t
gs_peaks_max_count(size_t n)
{
	return n / 2;
}

size_t
gs_peaks_scratch_size(size_t n)
{
	size_t		m = n / 2 + 1;

	return m * (sizeof(ranked_peak) + sizeof(size_t) + 1);
}

/* scipy's _local_maxima_1d: a strict rise into a (possibly flat) top that falls. */
static size_t
local_maxima(const double *y, size_t n, size_t *mid)
{
	size_t		m = 0,
				i = 1;

	if (n < 3)
		return 0;
	while (i < n - 1)
	{
		if (y[i - 1] < y[i])
		{
			size_t		ahead = i + 1;

			while (ahead < n - 1 && y[ahead] == y[i])
				ahead++;
			if (y[ahead] < y[i])
			{
				mid[m++] = (i + ahead - 1) / 2;
				i = ahead;
			}
		}
		i++;
	}
	return m;
}

static int
by_height(const void *a, const void *b)
{
	const ranked_peak *pa = a,
			   *pb = b;

	if (pa->height != pb->height)
		return pa->height < pb->height ? -1 : 1;
	return (pa->pos > pb->pos) - (pa->pos < pb->pos);
}

/*
 * scipy's _select_by_peak_distance: from the highest peak down, every kept
 * peak removes its lower neighbours closer than ceil(distance) samples.
 */
static size_t
select_by_distance(size_t *pk, size_t m, const double *y, double distance,
				   ranked_peak *rank, unsigned char *keep)
{
	size_t		dist = (size_t) ceil(distance),
				kept = 0;

	for (size_t i = 0; i < m; i++)
	{
		rank[i].height = y[pk[i]];
		rank[i].pos = i;
		keep[i] = 1;
	}
	qsort(rank, m, sizeof(ranked_peak), by_height);
	for (size_t r = m; r-- > 0;)
	{
		size_t		j = rank[r].pos;

		if (!keep[j])
			continue;
		for (size_t k = j; k-- > 0 && pk[j] - pk[k] < dist;)
			keep[k] = 0;
		for (size_t k = j + 1; k < m && pk[k] - pk[j] < dist; k++)
			keep[k] = 0;
	}
	for (size_t i = 0; i < m; i++)
		if (keep[i])
			pk[kept++] = pk[i];
	return kept;
}

/* scipy's _peak_prominences with wlen=None: bases are the lowest points before higher ground. */
static void
prominence(const double *y, size_t n, size_t peak, gs_peak *p)
{
	double		top = y[peak],
				left_min = top,
				right_min = top;
	size_t		i;

	p->left_base = p->right_base = peak;
	for (i = peak + 1; i-- > 0 && y[i] <= top;)
	{
		if (y[i] < left_min)
		{
			left_min = y[i];
			p->left_base = i;
		}
	}
	for (i = peak; i < n && y[i] <= top; i++)
	{
		if (y[i] < right_min)
		{
			right_min = y[i];
			p->right_base = i;
		}
	}
	p->prominence = top - (left_min > right_min ? left_min : right_min);
}

/* Linear position on the axis of a fractional sample index. */
static double
axis_at(const double *x, size_t n, double ip)
{
	size_t		i = (size_t) ip;
	double		frac = ip - (double) i;

	if (i >= n - 1)
		return x[n - 1];
	return x[i] + frac * (x[i + 1] - x[i]);
}

/* scipy's _peak_widths: walk out from the peak to the first sample at or below the line. */
static void
width(const double *x, const double *y, size_t n, double rel_height, gs_peak *p)
{
	size_t		peak = p->index,
				i;
	double		h = y[peak] - p->prominence * rel_height;

	p->width_height = h;
	i = peak;
	while (p->left_base < i && h < y[i])
		i--;
	p->left_ip = (double) i;
	if (y[i] < h)
		p->left_ip += (h - y[i]) / (y[i + 1] - y[i]);
	i = peak;
	while (i < p->right_base && h < y[i])
		i++;
	p->right_ip = (double) i;
	if (y[i] < h)
		p->right_ip -= (h - y[i]) / (y[i - 1] - y[i]);
	p->left_x = axis_at(x, n, p->left_ip);
	p->right_x = axis_at(x, n, p->right_ip);
	p->fwhm = p->right_x - p->left_x;
}

gs_status
gs_find_peaks(const double *x, const double *y, size_t n, const gs_peak_options *opt,
			  gs_peak *peaks, size_t *count, void *scratch, gs_error *err)
{
	size_t		cap = n / 2 + 1;
	ranked_peak *rank = scratch;
	size_t	   *pk = (size_t *) (rank + cap);
	unsigned char *keep = (unsigned char *) (pk + cap);
	size_t		m,
				kept = 0;
	gs_status	rc;

	*count = 0;
	if ((rc = gs_check_axis(x, n, err)) != GS_OK ||
		(rc = gs_check_finite(y, n, "y", err)) != GS_OK)
		return rc;
	if (!isnan(opt->distance) && !(opt->distance >= 1))
		return gs_fail(err, GS_ERR_PARAM, "peak distance must be at least 1 sample, not %g", opt->distance);
	if (!(opt->rel_height >= 0) || !isfinite(opt->rel_height))
		return gs_fail(err, GS_ERR_PARAM, "relative height for peak widths must be a finite number >= 0, not %g",
					   opt->rel_height);
	if (isinf(opt->distance))
		return gs_fail(err, GS_ERR_PARAM, "peak distance must be finite");

	m = local_maxima(y, n, pk);
	if (!isnan(opt->height))
	{
		size_t		k = 0;

		for (size_t i = 0; i < m; i++)
			if (y[pk[i]] >= opt->height)
				pk[k++] = pk[i];
		m = k;
	}
	if (!isnan(opt->distance) && m > 1)
		m = select_by_distance(pk, m, y, opt->distance, rank, keep);

	for (size_t i = 0; i < m; i++)
	{
		gs_peak    *p = &peaks[kept];

		p->index = pk[i];
		prominence(y, n, pk[i], p);
		if (!isnan(opt->prominence) && !(p->prominence >= opt->prominence))
			continue;
		p->x = x[pk[i]];
		p->height = y[pk[i]];
		width(x, y, n, opt->rel_height, p);
		kept++;
	}
	*count = kept;
	return GS_OK;
}
