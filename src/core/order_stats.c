#include "order_stats.h"

#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

/* Below this many values, insertion sort finishes a selection. */
#define SMALL_RANGE 16

/*
 * Moves the values of v[lo..hi) below the pivot (or, with or_equal, not above
 * it) to the front of the range, keeping v a permutation, and returns where
 * they end.  No data-dependent branch: a swap happens every time and only the
 * count advances conditionally, which costs far less than the mispredicted
 * branch per value of a classic partition.
 */
static size_t
partition_below(double *v, size_t lo, size_t hi, double pivot, bool or_equal)
{
	size_t		c = lo;

	if (or_equal)
		for (size_t i = lo; i < hi; i++)
		{
			double		t = v[i];

			v[i] = v[c];
			v[c] = t;
			c += t <= pivot;
		}
	else
		for (size_t i = lo; i < hi; i++)
		{
			double		t = v[i];

			v[i] = v[c];
			v[c] = t;
			c += t < pivot;
		}
	return c;
}

/* For the few values a selection ends with. */
static void
insertion_sort(double *v, size_t n)
{
	for (size_t i = 1; i < n; i++)
	{
		double		t = v[i];
		size_t		j = i;

		for (; j > 0 && v[j - 1] > t; j--)
			v[j] = v[j - 1];
		v[j] = t;
	}
}

static inline double
median3(double a, double b, double c)
{
	return a < b ? (b < c ? b : (a < c ? c : a)) : (a < c ? a : (b < c ? c : b));
}

/*
 * Quickselect: afterwards v[k] holds the k-th smallest value, with no larger
 * value before it and no smaller one after it.  Median-of-three pivots; a
 * range with nothing below its pivot splits off the values equal to it, so
 * runs of equal values (zero coefficients are common) stay linear.  After
 * more rounds than a balanced selection needs, the rest is sorted, which
 * bounds the worst case by O(n log n).
 */
static double
select_kth(double *v, size_t n, size_t k)
{
	size_t		lo = 0,
				hi = n,
				rounds = 0;

	for (size_t m = n; m > 0; m >>= 1)
		rounds += 2;
	while (hi - lo > SMALL_RANGE)
	{
		double		pivot = median3(v[lo], v[lo + (hi - lo) / 2], v[hi - 1]);
		size_t		c;

		if (rounds-- == 0)
		{
			gs_sort_doubles(v + lo, hi - lo);
			return v[k];
		}
		c = partition_below(v, lo, hi, pivot, false);
		if (k < c)
			hi = c;
		else if (c > lo)
			lo = c;
		else
		{
			c = partition_below(v, lo, hi, pivot, true);
			if (k < c)
				return v[k];
			lo = c;
		}
	}
	insertion_sort(v + lo, hi - lo);
	return v[k];
}

/* AVX2 intrinsics, chosen at run time, where the compiler can target them */
#if defined(__x86_64__) && defined(__GNUC__)
#define PACKED_SELECT
#endif

#ifdef PACKED_SELECT
#include <immintrin.h>

/* Ranges up to this many values are selected by the packed splits ... */
#define PACKED_MAX 2048
/* ... down to this many, which a split costs more than sorting. */
#define PACKED_SMALL 4

/*
 * vpermd indices that gather the lanes set in a 4-bit mask to the front of
 * four doubles (each double is two 32-bit halves), the other lanes after.
 */
static const int32_t front_of[16][8] __attribute__((aligned(32))) = {
	{0, 1, 2, 3, 4, 5, 6, 7}, {0, 1, 2, 3, 4, 5, 6, 7}, {2, 3, 0, 1, 4, 5, 6, 7}, {0, 1, 2, 3, 4, 5, 6, 7},
	{4, 5, 0, 1, 2, 3, 6, 7}, {0, 1, 4, 5, 2, 3, 6, 7}, {2, 3, 4, 5, 0, 1, 6, 7}, {0, 1, 2, 3, 4, 5, 6, 7},
	{6, 7, 0, 1, 2, 3, 4, 5}, {0, 1, 6, 7, 2, 3, 4, 5}, {2, 3, 6, 7, 0, 1, 4, 5}, {0, 1, 2, 3, 6, 7, 4, 5},
	{4, 5, 6, 7, 0, 1, 2, 3}, {0, 1, 4, 5, 6, 7, 2, 3}, {2, 3, 4, 5, 6, 7, 0, 1}, {0, 1, 2, 3, 4, 5, 6, 7},
};

/*
 * Copies the values of src[0..len) below the pivot (or, with or_equal, not
 * above it) to below[0..*nbelow) and the others to rest[0..*nrest), both in
 * their order in src; each output needs room for len + 3 values.  Four
 * values a step: one comparison gives a mask, the mask picks a permutation
 * that brings its lanes to the front (or the back), and each side is stored
 * whole at its end and advanced by its count, so that the next store
 * overwrites the lanes that did not belong there.  No branch depends on the
 * data, and no load waits on a store.
 */
__attribute__((target("avx2"))) static void
split_avx2(const double *src, size_t len, double pivot, bool or_equal, double *below,
		   size_t *nbelow, double *rest, size_t *nrest)
{
	__m256d		p = _mm256_set1_pd(pivot);
	size_t		b = 0,
				r = 0,
				i = 0;

	for (; i + 4 <= len; i += 4)
	{
		__m256i		x = _mm256_castpd_si256(_mm256_loadu_pd(src + i));
		__m256d		m = or_equal ? _mm256_cmp_pd(_mm256_castsi256_pd(x), p, _CMP_LE_OQ) :
			_mm256_cmp_pd(_mm256_castsi256_pd(x), p, _CMP_LT_OQ);
		int			bits = _mm256_movemask_pd(m),
					count = __builtin_popcount((unsigned) bits);

		_mm256_storeu_si256((__m256i *) (below + b),
							_mm256_permutevar8x32_epi32(x, _mm256_load_si256((const __m256i *) front_of[bits])));
		_mm256_storeu_si256((__m256i *) (rest + r),
							_mm256_permutevar8x32_epi32(x, _mm256_load_si256((const __m256i *) front_of[bits ^ 15])));
		b += (size_t) count;
		r += (size_t) (4 - count);
	}
	for (; i < len; i++)
	{
		bool		is_below = or_equal ? src[i] <= pivot : src[i] < pivot;

		below[b] = rest[r] = src[i];
		b += is_below;
		r += !is_below;
	}
	*nbelow = b;
	*nrest = r;
}

static double
lowest(const double *v, size_t n)
{
	double		m = v[0];

	for (size_t i = 1; i < n; i++)
		m = v[i] < m ? v[i] : m;
	return m;
}

/*
 * The k-th smallest of v[0..n) (n <= PACKED_MAX) and the (k+1)-th in *next
 * (+Inf when k is the last), by quickselect over split_avx2: each round
 * copies the range's two sides into the two buffers it does not read, and
 * goes on in the side that holds k.  v is only read.  The (k+1)-th is the
 * smallest of what the rounds set aside above k: whenever the search goes
 * below a pivot, the pivot (one of the values, and the least of those not
 * below it) is a candidate.  Pivots and the handling of equal values are
 * select_kth's; so is the bound on rounds, after which the range is sorted.
 */
__attribute__((target("avx2"))) static double
select_kth_packed(const double *v, size_t n, size_t k, double *next)
{
	double		buffers[3][PACKED_MAX + 4];
	const double *src = v;
	size_t		len = n,
				rounds = 0;
	double		upper = INFINITY;

	for (size_t m = n; m > 0; m >>= 1)
		rounds += 2;
	while (len > PACKED_SMALL && rounds-- > 0)
	{
		double		pivot = median3(src[0], src[len / 2], src[len - 1]);
		double	   *a = src == buffers[0] ? buffers[1] : buffers[0],
				   *b = src == buffers[2] ? buffers[1] : buffers[2];
		size_t		nbelow,
					nrest;

		split_avx2(src, len, pivot, false, a, &nbelow, b, &nrest);
		if (k < nbelow)
		{
			upper = pivot < upper ? pivot : upper;
			src = a;
			len = nbelow;
			continue;
		}
		if (nbelow == 0)
		{
			/* the pivot is the least value: split off its copies */
			split_avx2(src, len, pivot, true, a, &nbelow, b, &nrest);
			if (k < nbelow)
			{
				if (k + 1 < nbelow)
					*next = pivot;
				else
				{
					double		above = nrest ? lowest(b, nrest) : INFINITY;

					*next = above < upper ? above : upper;
				}
				return pivot;
			}
		}
		k -= nbelow;
		src = b;
		len = nrest;
	}
	{
		double	   *sorted = src == buffers[0] ? buffers[1] : buffers[0];

		memcpy(sorted, src, len * sizeof(double));
		if (len <= PACKED_SMALL)
			insertion_sort(sorted, len);
		else
			gs_sort_doubles(sorted, len);
		*next = k + 1 < len && sorted[k + 1] < upper ? sorted[k + 1] : upper;
		return sorted[k];
	}
}
#endif

double
gs_median_inplace(double *v, size_t n)
{
	size_t		k = (n - 1) / 2;
	double		lower,
				upper;

#ifdef PACKED_SELECT
	if (n <= PACKED_MAX && __builtin_cpu_supports("avx2"))
	{
		lower = select_kth_packed(v, n, k, &upper);
		return n % 2 == 1 ? lower : (lower + upper) / 2;
	}
#endif
	lower = select_kth(v, n, k);
	if (n % 2 == 1)
		return lower;
	upper = v[k + 1];
	for (size_t i = k + 2; i < n; i++)
		if (v[i] < upper)
			upper = v[i];
	return (lower + upper) / 2;
}

static void
sift_down(double *v, size_t root, size_t n)
{
	double		value = v[root];

	for (;;)
	{
		size_t		child = 2 * root + 1;

		if (child >= n)
			break;
		if (child + 1 < n && v[child + 1] > v[child])
			child++;
		if (!(v[child] > value))
			break;
		v[root] = v[child];
		root = child;
	}
	v[root] = value;
}

void
gs_sort_doubles(double *v, size_t n)
{
	for (size_t i = n / 2; i-- > 0;)
		sift_down(v, i, n);
	for (size_t end = n; end > 1; end--)
	{
		double		top = v[0];

		v[0] = v[end - 1];
		v[end - 1] = top;
		sift_down(v, 0, end - 1);
	}
}
