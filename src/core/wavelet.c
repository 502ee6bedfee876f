/*
 * wavelet.c — DWT and inverse DWT with PyWavelets' 'symmetric' extension.
 *
 * PyWavelets stores four filters per wavelet; for orthogonal wavelets they all
 * follow from dec_lo (F even):
 *   rec_lo[k] = dec_lo[F-1-k],  rec_hi[k] = (-1)^k dec_lo[k],
 *   dec_hi[k] = rec_hi[F-1-k] = (-1)^(k+1) dec_lo[F-1-k]
 * so only dec_lo is tabled and the others are derived (exactly: sign flips and
 * reversal) into stack arrays.
 */
#include "wavelet.h"

#include <string.h>

gs_status
gs_wavelet_lookup(const char *name, const gs_wavelet **wavelet, gs_error *err)
{
	for (int i = 0; i < gs_wavelet_count; i++)
	{
		if (strcmp(name, gs_wavelets[i].name) == 0)
		{
			*wavelet = &gs_wavelets[i];
			return GS_OK;
		}
	}
	gs_fail(err, GS_ERR_PARAM, "unknown wavelet \"%.64s\"", name);
	gs_error_hint(err, "Valid wavelets are haar, db1 to db20, sym2 to sym20 and coif1 to coif17.");
	return GS_ERR_PARAM;
}

int
gs_dwt_max_level(size_t n, const gs_wavelet *w)
{
	size_t		ratio;
	int			level = 0;

	if (n < (size_t) (w->length - 1))
		return 0;
	ratio = n / (size_t) (w->length - 1);
	while (ratio >>= 1)
		level++;
	return level;
}

size_t
gs_dwt_length(size_t n, const gs_wavelet *w)
{
	return (n + (size_t) w->length - 1) / 2;
}

size_t
gs_idwt_length(size_t m, const gs_wavelet *w)
{
	return 2 * m + 2 - (size_t) w->length;
}

/* Index into the half-sample symmetric, 2n-periodic extension of a signal. */
static inline size_t
symmetric_index(long i, size_t n)
{
	long		period = 2 * (long) n;
	long		m = i % period;

	if (m < 0)
		m += period;
	return (size_t) m < n ? (size_t) m : (size_t) (period - 1 - m);
}

/*
 * Interior outputs go four at a time: four independent sums keep the FPU
 * busy, and each one still adds its products in PyWavelets' order.
 */
void
gs_dwt(const double *x, size_t n, const gs_wavelet *w, double *ca, double *cd)
{
	const int	f = w->length;
	const double *lo = w->dec_lo;
	double		hi[GS_WAVELET_MAX_LENGTH];
	size_t		m = gs_dwt_length(n, w);
	size_t		o = 0;

	for (int k = 0; k < f; k++)
		hi[k] = ((k & 1) ? 1.0 : -1.0) * lo[f - 1 - k];

	while (o < m)
	{
		size_t		i = 2 * o + 1;

		if (i >= (size_t) (f - 1) && i + 6 < n && o + 3 < m)
		{
			const double *xi = x + i;
			double		a0 = 0,
						a1 = 0,
						a2 = 0,
						a3 = 0,
						d0 = 0,
						d1 = 0,
						d2 = 0,
						d3 = 0;

			for (int j = 0; j < f; j++)
			{
				double		v0 = xi[-j],
							v1 = xi[2 - j],
							v2 = xi[4 - j],
							v3 = xi[6 - j];

				a0 += lo[j] * v0;
				a1 += lo[j] * v1;
				a2 += lo[j] * v2;
				a3 += lo[j] * v3;
				d0 += hi[j] * v0;
				d1 += hi[j] * v1;
				d2 += hi[j] * v2;
				d3 += hi[j] * v3;
			}
			ca[o] = a0;
			ca[o + 1] = a1;
			ca[o + 2] = a2;
			ca[o + 3] = a3;
			cd[o] = d0;
			cd[o + 1] = d1;
			cd[o + 2] = d2;
			cd[o + 3] = d3;
			o += 4;
		}
		else
		{
			double		sa = 0,
						sd = 0;

			for (int j = 0; j < f; j++)
			{
				double		v = x[symmetric_index((long) i - j, n)];

				sa += lo[j] * v;
				sd += hi[j] * v;
			}
			ca[o] = sa;
			cd[o] = sd;
			o++;
		}
	}
}

void
gs_idwt(const double *ca, const double *cd, size_t m, const gs_wavelet *w, double *out)
{
	const int	f = w->length,
				half = f / 2;
	double		rlo[GS_WAVELET_MAX_LENGTH],
				rhi[GS_WAVELET_MAX_LENGTH];
	size_t		i = (size_t) half - 1,
				o = 0;

	for (int k = 0; k < f; k++)
	{
		rlo[k] = w->dec_lo[f - 1 - k];
		rhi[k] = ((k & 1) ? -1.0 : 1.0) * w->dec_lo[k];
	}
	/* two input positions at a time, for the same reason as in gs_dwt */
	for (; i + 1 < m; i += 2, o += 4)
	{
		double		ae0 = 0,
					ao0 = 0,
					de0 = 0,
					do0 = 0,
					ae1 = 0,
					ao1 = 0,
					de1 = 0,
					do1 = 0;

		for (int j = 0; j < half; j++)
		{
			double		a0 = ca[i - j],
						a1 = ca[i + 1 - j],
						d0 = cd[i - j],
						d1 = cd[i + 1 - j];

			ae0 += rlo[2 * j] * a0;
			ao0 += rlo[2 * j + 1] * a0;
			de0 += rhi[2 * j] * d0;
			do0 += rhi[2 * j + 1] * d0;
			ae1 += rlo[2 * j] * a1;
			ao1 += rlo[2 * j + 1] * a1;
			de1 += rhi[2 * j] * d1;
			do1 += rhi[2 * j + 1] * d1;
		}
		out[o] = ae0 + de0;
		out[o + 1] = ao0 + do0;
		out[o + 2] = ae1 + de1;
		out[o + 3] = ao1 + do1;
	}
	if (i < m)
	{
		double		ae = 0,
					ao = 0,
					de = 0,
					dd = 0;

		for (int j = 0; j < half; j++)
		{
			ae += rlo[2 * j] * ca[i - j];
			ao += rlo[2 * j + 1] * ca[i - j];
			de += rhi[2 * j] * cd[i - j];
			dd += rhi[2 * j + 1] * cd[i - j];
		}
		out[o] = ae + de;
		out[o + 1] = ao + dd;
	}
}

size_t
gs_wavedec_lengths(size_t n, const gs_wavelet *w, int level, size_t *lengths)
{
	size_t		len = n,
				total = 0;

	for (int k = level; k >= 1; k--)
	{
		len = gs_dwt_length(len, w);
		lengths[k] = len;
		total += len;
	}
	lengths[0] = len;
	return total + len;
}

size_t
gs_wavelet_work_length(size_t n, const gs_wavelet *w)
{
	return 2 * (gs_dwt_length(n, w) + 1);
}

/* Where part p of the layout (0 = cA_L, 1 = cD_L, ..., level = cD_1) starts. */
static size_t
part_offset(const size_t *lengths, int p)
{
	size_t		offset = 0;

	for (int q = 0; q < p; q++)
		offset += lengths[q];
	return offset;
}

gs_status
gs_wavedec(const double *x, size_t n, const gs_wavelet *w, int level,
		   double *coeffs, size_t *lengths, double *work, gs_error *err)
{
	int			max_level = gs_dwt_max_level(n, w);
	const double *in = x;
	size_t		in_len = n,
				half;

	if (level < 1 || level > max_level)
	{
		gs_fail(err, GS_ERR_PARAM, "wavelet level %d is out of range for %zu points and wavelet %s",
				level, n, w->name);
		if (max_level == 0)
			gs_error_detail(err, "Wavelet %s needs at least %d points for one level.",
							w->name, 2 * (w->length - 1));
		else
			gs_error_detail(err, "The level must be between 1 and %d.", max_level);
		return GS_ERR_PARAM;
	}
	gs_wavedec_lengths(n, w, level, lengths);
	half = lengths[level] + 1;

	/* step j splits the previous approximation; the last one lands in front */
	for (int j = 1; j <= level; j++)
	{
		int			p = level - j + 1;
		double	   *ca = (j == level) ? coeffs : work + (j % 2) * half;

		gs_dwt(in, in_len, w, ca, coeffs + part_offset(lengths, p));
		in = ca;
		in_len = lengths[p];
	}
	return GS_OK;
}

size_t
gs_waverec_length(const size_t *lengths, int level, const gs_wavelet *w)
{
	return gs_idwt_length(lengths[level], w);
}

void
gs_waverec(const double *coeffs, const size_t *lengths, int level,
		   const gs_wavelet *w, double *out, double *work)
{
	size_t		half = lengths[level] + 1;
	const double *a = coeffs;

	for (int p = 1; p <= level; p++)
	{
		double	   *dst = (p == level) ? out : work + (p % 2) * half;

		/*
		 * An approximation one longer than its detail loses its last value
		 * (pywt.waverec); gs_idwt reads only the first lengths[p] values, so
		 * that needs no copy.
		 */
		gs_idwt(a, coeffs + part_offset(lengths, p), lengths[p], w, dst);
		a = dst;
	}
}
