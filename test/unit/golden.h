/*
 * golden.h — reading the reference files that scripts/gen_golden_*.py write
 * into test/golden: b"GSGOLD1\n", then records (u32 name length, name,
 * u64 count, count little-endian float64).  Header-only so that each test
 * file that needs it stays self-contained.
 */
#ifndef GS_GOLDEN_H
#define GS_GOLDEN_H

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gs_test.h"

typedef struct golden_file
{
	unsigned char *data;
	size_t		size;
} golden_file;

/* Loads test/golden/<name>; false (and a failed check) when missing. */
static inline bool
golden_open(golden_file *g, const char *name)
{
	char		path[4096];
	FILE	   *f;
	long		len;

	snprintf(path, sizeof(path), "%s/test/golden/%s", gs_test_srcdir(), name);
	g->data = NULL;
	g->size = 0;
	f = fopen(path, "rb");
	if (!f)
	{
		gs_test_fail(__FILE__, __LINE__, "cannot open %s", path);
		return false;
	}
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	fseek(f, 0, SEEK_SET);
	g->data = malloc((size_t) len);
	if (!g->data || fread(g->data, 1, (size_t) len, f) != (size_t) len ||
		len < 8 || memcmp(g->data, "GSGOLD1\n", 8) != 0)
	{
		fclose(f);
		free(g->data);
		g->data = NULL;
		gs_test_fail(__FILE__, __LINE__, "bad golden file %s", path);
		return false;
	}
	fclose(f);
	g->size = (size_t) len;
	return true;
}

static inline void
golden_close(golden_file *g)
{
	free(g->data);
	g->data = NULL;
}

/*
 * The array called name (printf-formatted) as a fresh malloc'd copy
 * (values may be unaligned in the file); NULL when absent.  *count gets its
 * length.
 */
static inline double *
golden_array(const golden_file *g, size_t *count, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static inline double *
golden_array(const golden_file *g, size_t *count, const char *fmt, ...)
{
	char		name[256];
	va_list		ap;
	size_t		pos = 8,
				want;

	va_start(ap, fmt);
	vsnprintf(name, sizeof(name), fmt, ap);
	va_end(ap);
	want = strlen(name);
	while (pos + 4 <= g->size)
	{
		uint32_t	nlen;
		uint64_t	n;

		memcpy(&nlen, g->data + pos, 4);
		pos += 4;
		memcpy(&n, g->data + pos + nlen, 8);
		if (nlen == want && memcmp(g->data + pos, name, nlen) == 0)
		{
			double	   *v = malloc((n ? n : 1) * sizeof(double));

			memcpy(v, g->data + pos + nlen + 8, n * sizeof(double));
			*count = (size_t) n;
			return v;
		}
		pos += nlen + 8 + n * sizeof(double);
	}
	*count = 0;
	return NULL;
}

/* A single value, NaN when absent. */
static inline double
golden_scalar(const golden_file *g, const char *name)
{
	size_t		n;
	double	   *v = golden_array(g, &n, "%s", name);
	double		r = v && n > 0 ? v[0] : NAN;

	free(v);
	return r;
}

static inline double
max_abs(const double *v, size_t n)
{
	double		m = 0;

	for (size_t i = 0; i < n; i++)
		m = fabs(v[i]) > m ? fabs(v[i]) : m;
	return m;
}

#endif
