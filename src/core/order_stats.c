#include "order_stats.h"

/*
 * Wirth's selection: afterwards v[k] holds the k-th smallest value, with no
 * larger value before it and no smaller one after it.  Its two-sided
 * partition keeps runs of equal values (zero coefficients are common) linear.
 */
static double
select_kth(double *v, size_t n, size_t k)
{
	size_t		lo = 0,
				hi = n - 1;

	while (lo < hi)
	{
		double		pivot = v[k];
		size_t		i = lo,
					j = hi;

		do
		{
			while (v[i] < pivot)
				i++;
			while (pivot < v[j])
				j--;
			if (i <= j)
			{
				double		t = v[i];

				v[i] = v[j];
				v[j] = t;
				i++;
				if (j == 0)
					break;
				j--;
			}
		} while (i <= j);
		if (j < k)
			lo = i;
		if (k < i)
			hi = j;
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
