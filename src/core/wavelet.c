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

#include <stdbool.h>
#include <string.h>

#include "symmetric_index.h"
#include "v2d.h"

gs_status
gs_wavelet_lookup(const char *name, const gs_wavelet **wavelet, gs_error *err)
{
	/* called per spectrum (the chain's defaults, the SNR's sym4): skip other families cheaply */
	for (int i = 0; i < gs_wavelet_count; i++)
	{
		if (name[0] == gs_wavelets[i].name[0] && strcmp(name, gs_wavelets[i].name) == 0)
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

/* Outputs of gs_dwt per block: its inputs are gathered into stack arrays. */
#define DWT_BLOCK 64
/* Outputs of one step of the inner loop: sixteen sums of each filter at once. */
#define DWT_STEP 16

/* Sixteen sums, four to a vector, to p[0..15]. */
static inline void
store16(double *p, const v4d *s0, const v4d *s4, const v4d *s8, const v4d *s12)
{
	memcpy(p, s0, sizeof(*s0));
	memcpy(p + 4, s4, sizeof(*s4));
	memcpy(p + 8, s8, sizeof(*s8));
	memcpy(p + 12, s12, sizeof(*s12));
}

/*
 * ca[o] = Σ_j lo[j]·x[2o+1−j] over the symmetric extension (and cd with hi),
 * j = 0..F−1 in that order as PyWavelets adds them.  Split by the parity of
 * j, the terms read x[2(o−q)+1] and x[2(o−q)] (j = 2q, 2q+1): per block the
 * odd and even samples are gathered once (through the extension at the
 * ends), after which neighbouring outputs read neighbouring values.  Each
 * sum is a chain of dependent additions, so sixteen outputs of each filter
 * go at once: with AVX the clone of this function does them four to a
 * vector, and the eight vector chains, two additions each per pair of taps,
 * keep both adders busy despite their latency.
 */
static inline __attribute__((always_inline)) void
dwt_level(const double *x, size_t n, const gs_wavelet *w, double *ca, double *cd, bool approx)
{
	const int	f = w->length,
				half = f / 2;
	v4d			lo[GS_WAVELET_MAX_LENGTH],
				hi[GS_WAVELET_MAX_LENGTH];
	double		odd[DWT_BLOCK + GS_WAVELET_MAX_LENGTH / 2],
				even[DWT_BLOCK + GS_WAVELET_MAX_LENGTH / 2];
	size_t		m = gs_dwt_length(n, w);

	for (int k = 0; k < f; k++)
	{
		splat4(&lo[k], w->dec_lo[k]);
		splat4(&hi[k], ((k & 1) ? 1.0 : -1.0) * w->dec_lo[f - 1 - k]);
	}
	for (size_t o0 = 0; o0 < m; o0 += DWT_BLOCK)
	{
		size_t		count = m - o0 < DWT_BLOCK ? m - o0 : DWT_BLOCK,
					padded = (count + DWT_STEP - 1) & ~(size_t) (DWT_STEP - 1);
		size_t		gathered = padded + half - 1;	/* odd and even values the block reads */
		long		first = 2 * ((long) o0 - (half - 1));	/* even[0] = x[first] */

		if (first >= 0 && first + 2 * (long) gathered <= (long) n)
		{
			/* inside the signal: a plain deinterleave, which packs */
			const double *from = x + first;

			for (size_t u = 0; u < gathered; u++)
			{
				even[u] = from[2 * u];
				odd[u] = from[2 * u + 1];
			}
		}
		else
			for (size_t u = 0; u < gathered; u++)
			{
				long		t = first + 2 * (long) u;

				if (t >= 0 && t + 1 < (long) n)
				{
					even[u] = x[t];
					odd[u] = x[t + 1];
				}
				else
				{
					even[u] = x[gs_symmetric_index(t, n)];
					odd[u] = x[gs_symmetric_index(t + 1, n)];
				}
			}
		for (size_t k = 0; k < padded; k += DWT_STEP)
		{
			const double *od = odd + k + half - 1,
					   *ev = even + k + half - 1;
			v4d			a0,
						a4,
						a8,
						a12,
						d0,
						d4,
						d8,
						d12;
			double		out[2 * DWT_STEP];

			splat4(&a0, 0);
			a4 = a8 = a12 = d0 = d4 = d8 = d12 = a0;
			for (int q = 0; q < half; q++)
			{
				v4d			s0,
							s4,
							s8,
							s12;

				load4(&s0, od - q);
				load4(&s4, od + 4 - q);
				load4(&s8, od + 8 - q);
				load4(&s12, od + 12 - q);
				if (approx)
				{
					a0 += lo[2 * q] * s0;
					a4 += lo[2 * q] * s4;
					a8 += lo[2 * q] * s8;
					a12 += lo[2 * q] * s12;
				}
				d0 += hi[2 * q] * s0;
				d4 += hi[2 * q] * s4;
				d8 += hi[2 * q] * s8;
				d12 += hi[2 * q] * s12;
				load4(&s0, ev - q);
				load4(&s4, ev + 4 - q);
				load4(&s8, ev + 8 - q);
				load4(&s12, ev + 12 - q);
				if (approx)
				{
					a0 += lo[2 * q + 1] * s0;
					a4 += lo[2 * q + 1] * s4;
					a8 += lo[2 * q + 1] * s8;
					a12 += lo[2 * q + 1] * s12;
				}
				d0 += hi[2 * q + 1] * s0;
				d4 += hi[2 * q + 1] * s4;
				d8 += hi[2 * q + 1] * s8;
				d12 += hi[2 * q + 1] * s12;
			}
			if (k + DWT_STEP <= count)
			{
				if (approx)
					store16(ca + o0 + k, &a0, &a4, &a8, &a12);
				store16(cd + o0 + k, &d0, &d4, &d8, &d12);
				continue;
			}
			store16(out, &a0, &a4, &a8, &a12);
			store16(out + DWT_STEP, &d0, &d4, &d8, &d12);
			for (size_t e = 0; k + e < count; e++)
			{
				if (approx)
					ca[o0 + k + e] = out[e];
				cd[o0 + k + e] = out[DWT_STEP + e];
			}
		}
	}
}

GS_VECTOR_CLONES void
gs_dwt(const double *x, size_t n, const gs_wavelet *w, double *ca, double *cd)
{
	dwt_level(x, n, w, ca, cd, true);
}

/* The same without the approximation, for noise estimates that use only the details. */
GS_VECTOR_CLONES void
gs_dwt_detail(const double *x, size_t n, const gs_wavelet *w, double *cd)
{
	dwt_level(x, n, w, NULL, cd, false);
}

/*
 * out[2i'], out[2i'+1] from the sums over j of rec·ca[i−j] and rec·cd[i−j]
 * (PyWavelets' order); four input positions share each vector, so sixteen
 * chains of additions run side by side.
 */
GS_VECTOR_CLONES void
gs_idwt(const double *ca, const double *cd, size_t m, const gs_wavelet *w, double *out)
{
	const int	f = w->length,
				half = f / 2;
	v4d			rlo_e[GS_WAVELET_MAX_LENGTH / 2],
				rlo_o[GS_WAVELET_MAX_LENGTH / 2],
				rhi_e[GS_WAVELET_MAX_LENGTH / 2],
				rhi_o[GS_WAVELET_MAX_LENGTH / 2];
	size_t		i = (size_t) half - 1,
				o = 0;

	for (int j = 0; j < half; j++)
	{
		splat4(&rlo_e[j], w->dec_lo[f - 1 - 2 * j]);
		splat4(&rlo_o[j], w->dec_lo[f - 2 - 2 * j]);
		splat4(&rhi_e[j], w->dec_lo[2 * j]);
		splat4(&rhi_o[j], -w->dec_lo[2 * j + 1]);
	}
	for (; i + 3 < m; i += 4, o += 8)
	{
		v4d			ae = {0, 0, 0, 0},
					ao = ae,
					de = ae,
					dd = ae,
					even,
					oddv,
					first,
					second;

		for (int j = 0; j < half; j++)
		{
			v4d			a,
						d;

			load4(&a, ca + i - j);
			load4(&d, cd + i - j);
			ae += rlo_e[j] * a;
			ao += rlo_o[j] * a;
			de += rhi_e[j] * d;
			dd += rhi_o[j] * d;
		}
		even = ae + de;
		oddv = ao + dd;
		/* interleaved: even[0] oddv[0] even[1] oddv[1], then lanes 2 and 3 */
		first = __builtin_shufflevector(even, oddv, 0, 4, 1, 5);
		second = __builtin_shufflevector(even, oddv, 2, 6, 3, 7);
		memcpy(out + o, &first, sizeof(first));
		memcpy(out + o + 4, &second, sizeof(second));
	}
	for (; i < m; i++, o += 2)
	{
		double		ae = 0,
					ao = 0,
					de = 0,
					dd = 0;

		for (int j = 0; j < half; j++)
		{
			ae += rlo_e[j][0] * ca[i - j];
			ao += rlo_o[j][0] * ca[i - j];
			de += rhi_e[j][0] * cd[i - j];
			dd += rhi_o[j][0] * cd[i - j];
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
