#include "order_stats.h"

#include <stdbool.h>

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
	for (size_t i = lo + 1; i < hi; i++)
	{
		double		t = v[i];
		size_t		j = i;

		for (; j > lo && v[j - 1] > t; j--)
			v[j] = v[j - 1];
		v[j] = t;
	}
	return v[k];
}

double
gs_median_inplace(double *v, size_t n)
{
	size_t		k = (n - 1) / 2;
	double		lower = select_kth(v, n, k),
				upper;

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
