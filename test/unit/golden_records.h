/*
 * golden_records.h — reads the named-record golden files that
 * scripts/gen_golden_b.py writes:
 *
 *   "GSG1", then per record: u16 name length, name (no NUL), u8 type
 *   ('d' float64, 'f' float32, 'i' int32), u32 count, count values.
 *
 * All little-endian, which the machines the tests run on are.  Values come
 * back as doubles whatever their stored type.
 */
#ifndef GS_GOLDEN_RECORDS_H
#define GS_GOLDEN_RECORDS_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gs_test.h"

typedef struct golden_record
{
	const char *name;
	size_t		name_len;
	char		type;
	uint32_t	count;
	const unsigned char *data;
} golden_record;

typedef struct golden_file
{
	unsigned char *buf;
	golden_record *recs;
	size_t		nrecs;
} golden_file;

/* Loads test/golden/<file> under the source tree; false (and a failed check) if unreadable. */
static inline bool
golden_open(golden_file *g, const char *file)
{
	char		path[4096];
	FILE	   *f;
	long		size;
	size_t		pos = 4,
				cap = 0;

	memset(g, 0, sizeof(*g));
	snprintf(path, sizeof(path), "%s/test/golden/%s", gs_test_srcdir(), file);
	if (!(f = fopen(path, "rb")))
	{
		gs_test_fail(__FILE__, __LINE__, "cannot open %s", path);
		return false;
	}
	fseek(f, 0, SEEK_END);
	size = ftell(f);
	fseek(f, 0, SEEK_SET);
	g->buf = malloc((size_t) size);
	if (fread(g->buf, 1, (size_t) size, f) != (size_t) size || size < 4 || memcmp(g->buf, "GSG1", 4) != 0)
	{
		fclose(f);
		gs_test_fail(__FILE__, __LINE__, "%s is not a golden record file", path);
		return false;
	}
	fclose(f);
	while (pos + 7 <= (size_t) size)
	{
		golden_record r;
		uint16_t	len;
		size_t		width;

		memcpy(&len, g->buf + pos, 2);
		r.name = (const char *) g->buf + pos + 2;
		r.name_len = len;
		r.type = (char) g->buf[pos + 2 + len];
		memcpy(&r.count, g->buf + pos + 3 + len, 4);
		r.data = g->buf + pos + 7 + len;
		width = r.type == 'd' ? 8 : 4;
		pos += 7 + len + width * r.count;
		if (g->nrecs == cap)
		{
			cap = cap ? 2 * cap : 256;
			g->recs = realloc(g->recs, cap * sizeof(golden_record));
		}
		g->recs[g->nrecs++] = r;
	}
	return true;
}

static inline void
golden_close(golden_file *g)
{
	free(g->buf);
	free(g->recs);
	memset(g, 0, sizeof(*g));
}

static inline const golden_record *
golden_find(const golden_file *g, const char *name)
{
	size_t		len = strlen(name);

	for (size_t i = 0; i < g->nrecs; i++)
		if (g->recs[i].name_len == len && memcmp(g->recs[i].name, name, len) == 0)
			return &g->recs[i];
	return NULL;
}

static inline double
golden_value(const golden_record *r, size_t i)
{
	double		d;
	float		f;
	int32_t		k;

	switch (r->type)
	{
		case 'd':
			memcpy(&d, r->data + 8 * i, 8);
			return d;
		case 'f':
			memcpy(&f, r->data + 4 * i, 4);
			return f;
		default:
			memcpy(&k, r->data + 4 * i, 4);
			return k;
	}
}

/* A malloc'ed copy of the record as doubles (count in *n), or NULL and a failed check. */
static inline double *
golden_doubles(const golden_file *g, const char *name, size_t *n)
{
	const golden_record *r = golden_find(g, name);
	double	   *v;

	if (!r)
	{
		gs_test_fail(__FILE__, __LINE__, "golden record \"%s\" is missing", name);
		*n = 0;
		return NULL;
	}
	*n = r->count;
	v = malloc((r->count ? r->count : 1) * sizeof(double));
	for (size_t i = 0; i < r->count; i++)
		v[i] = golden_value(r, i);
	return v;
}

/* The first value of a record, or NaN (and a failed check) when missing. */
static inline double
golden_scalar(const golden_file *g, const char *name)
{
	const golden_record *r = golden_find(g, name);

	if (!r || r->count == 0)
	{
		gs_test_fail(__FILE__, __LINE__, "golden record \"%s\" is missing", name);
		return NAN;
	}
	return golden_value(r, 0);
}

/* max |a − b| over n values; infinite when either side has a NaN */
static inline double
max_abs_diff(const double *a, const double *b, size_t n)
{
	double		m = 0;

	for (size_t i = 0; i < n; i++)
	{
		double		d = fabs(a[i] - b[i]);

		if (isnan(d))
			return INFINITY;
		if (d > m)
			m = d;
	}
	return m;
}

static inline double
value_range(const double *v, size_t n)
{
	double		lo = v[0],
				hi = v[0];

	for (size_t i = 1; i < n; i++)
	{
		lo = v[i] < lo ? v[i] : lo;
		hi = v[i] > hi ? v[i] : hi;
	}
	return hi - lo;
}

#endif
