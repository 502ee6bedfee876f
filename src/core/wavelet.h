/*
 * wavelet.h — the discrete wavelet transform of PyWavelets 1.1.1, on plain
 * double arrays.
 *
 * Orthogonal wavelets only: haar, db1..db20, sym2..sym20, coif1..coif17 (the
 * filters are PyWavelets' own, see wavelet_filters.c).  The signal is extended
 * with mode 'symmetric' (half-sample: ... x1 x0 | x0 x1 ... xn-1 | xn-1 xn-2 ...,
 * repeated when the filter is longer than the signal).  Results equal
 * pywt.dwt / idwt / wavedec / waverec up to the order of floating-point sums.
 *
 * Multilevel coefficients are stored as pywt.wavedec's list, concatenated:
 * coeffs = [cA_L | cD_L | cD_L-1 | ... | cD_1], with lengths[0..L] the length of
 * each part (lengths[0] = |cA_L|, lengths[L] = |cD_1|).
 */
#ifndef GS_WAVELET_H
#define GS_WAVELET_H

#include <stddef.h>

#include "gs_error.h"

/* The longest filter (coif17). */
#define GS_WAVELET_MAX_LENGTH 102

typedef struct gs_wavelet
{
	const char *name;
	int			length;			/* filter length F, even */
	const double *dec_lo;		/* decomposition low-pass, F values */
} gs_wavelet;

extern const gs_wavelet gs_wavelets[];
extern const int gs_wavelet_count;

/*
 * Finds a wavelet by name ("haar", "db4", "sym8", "coif3").  Unknown names fail
 * with GS_ERR_PARAM and a hint listing the families and their orders.
 */
gs_status	gs_wavelet_lookup(const char *name, const gs_wavelet **wavelet, gs_error *err);

/*
 * pywt.dwt_max_level: floor(log2(n / (F - 1))), 0 when n < F - 1.  The deepest
 * level at which every coefficient still sees some of the signal.
 */
int			gs_dwt_max_level(size_t n, const gs_wavelet *w);

/* Length of either half of one level of the transform: floor((n + F - 1) / 2). */
size_t		gs_dwt_length(size_t n, const gs_wavelet *w);

/* Length of the signal gs_idwt rebuilds from halves of length m: 2m − F + 2. */
size_t		gs_idwt_length(size_t m, const gs_wavelet *w);

/* One level: approximation ca and detail cd, gs_dwt_length(n) values each; n >= 1. */
void		gs_dwt(const double *x, size_t n, const gs_wavelet *w, double *ca, double *cd);

/* gs_dwt's cd alone, at little more than half the cost. */
void		gs_dwt_detail(const double *x, size_t n, const gs_wavelet *w, double *cd);

/*
 * Inverse of one level from ca and cd of m values each (m >= F/2), writing
 * gs_idwt_length(m) values.  out must not overlap ca or cd.
 */
void		gs_idwt(const double *ca, const double *cd, size_t m, const gs_wavelet *w,
					double *out);

/*
 * Fills lengths[0..level] for a signal of n points and returns their sum, the
 * number of doubles gs_wavedec writes.
 */
size_t		gs_wavedec_lengths(size_t n, const gs_wavelet *w, int level, size_t *lengths);

/* Doubles of work gs_wavedec and gs_waverec need for a signal of n points. */
size_t		gs_wavelet_work_length(size_t n, const gs_wavelet *w);

/*
 * pywt.wavedec(x, w, mode='symmetric', level=level).  GS_ERR_PARAM when level
 * is below 1 or above gs_dwt_max_level(n, w) (pywt only warns there; every
 * coefficient of such a level is dominated by the extension, so geospectra
 * refuses it).  coeffs holds gs_wavedec_lengths() doubles, lengths level + 1.
 */
gs_status	gs_wavedec(const double *x, size_t n, const gs_wavelet *w, int level,
					   double *coeffs, size_t *lengths, double *work, gs_error *err);

/*
 * pywt.waverec of coefficients laid out as gs_wavedec writes them.  Like pywt,
 * an approximation one longer than the next detail is cut by its last value,
 * and the result has gs_idwt_length(lengths[level]) points: n for even n but
 * n + 1 for odd n (the extra last value is an artefact of the extension;
 * callers that want n points drop it).  out holds that many doubles.
 */
size_t		gs_waverec_length(const size_t *lengths, int level, const gs_wavelet *w);
void		gs_waverec(const double *coeffs, const size_t *lengths, int level,
					   const gs_wavelet *w, double *out, double *work);

#endif
