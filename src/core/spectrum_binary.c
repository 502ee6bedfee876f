#include "spectrum_binary.h"

#include <math.h>
#include <string.h>

static inline uint32_t
load_be32(const uint8_t *p)
{
	return ((uint32_t) p[0] << 24) | ((uint32_t) p[1] << 16) | ((uint32_t) p[2] << 8) | p[3];
}

static inline uint64_t
load_be64(const uint8_t *p)
{
	return ((uint64_t) load_be32(p) << 32) | load_be32(p + 4);
}

static inline void
store_be32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t) (v >> 24);
	p[1] = (uint8_t) (v >> 16);
	p[2] = (uint8_t) (v >> 8);
	p[3] = (uint8_t) v;
}

static inline void
store_be64(uint8_t *p, uint64_t v)
{
	store_be32(p, (uint32_t) (v >> 32));
	store_be32(p + 4, (uint32_t) v);
}

static inline void
store_double(uint8_t *p, double d)
{
	uint64_t	u;

	memcpy(&u, &d, sizeof(u));
	store_be64(p, u);
}

static inline double
load_double(const uint8_t *p)
{
	uint64_t	u = load_be64(p);
	double		d;

	memcpy(&d, &u, sizeof(d));
	return d;
}

size_t
gs_spectrum_binary_size(const gs_spectrum_view *s)
{
	return GS_BINARY_HEADER_SIZE + (s->x ? 8 * s->n : 0) + 4 * s->n;
}

void
gs_spectrum_encode(const gs_spectrum_view *s, uint8_t *out)
{
	uint8_t    *p = out + GS_BINARY_HEADER_SIZE;

	out[0] = GS_SPECTRUM_VERSION;
	out[1] = (uint8_t) s->unit;
	out[2] = (s->x ? GS_FLAG_EXPLICIT_X : 0) | (s->has_laser ? GS_FLAG_LASER : 0);
	out[3] = 0;
	store_be32(out + 4, (uint32_t) s->n);
	store_double(out + 8, s->has_laser ? s->laser_nm : 0);
	store_double(out + 16, s->x ? 0 : s->start);
	store_double(out + 24, s->x ? 0 : s->step);
	if (s->x)
		for (size_t i = 0; i < s->n; i++, p += 8)
			store_double(p, s->x[i]);
	for (size_t i = 0; i < s->n; i++, p += 4)
	{
		uint32_t	u;

		memcpy(&u, &s->y[i], sizeof(u));
		store_be32(p, u);
	}
}

static gs_status
corrupt(gs_error *err, const char *detail)
{
	gs_fail(err, GS_ERR_SYNTAX, "invalid external spectrum data");
	gs_error_detail(err, "%s", detail);
	return GS_ERR_SYNTAX;
}

gs_status
gs_spectrum_decode(const uint8_t *in, size_t len, size_t max_points, const gs_allocator *alloc,
				   gs_packed_spectrum **out, size_t *out_size, gs_error *err)
{
	uint8_t		unit,
				flags;
	size_t		n,
				expected;
	bool		explicit_x;
	gs_packed_spectrum *p;
	double	   *x;
	float	   *y;
	const uint8_t *src = in + GS_BINARY_HEADER_SIZE;
	gs_status	st;

	*out = NULL;
	if (len < GS_BINARY_HEADER_SIZE)
		return corrupt(err, "The message is shorter than the 32-byte header.");
	if (in[0] != GS_SPECTRUM_VERSION)
		return corrupt(err, "Unknown format version.");
	unit = in[1];
	flags = in[2];
	if (unit >= GS_UNIT_COUNT)
		return corrupt(err, "Unknown axis unit code.");
	if ((flags & ~GS_FLAGS_KNOWN) != 0 || in[3] != 0)
		return corrupt(err, "Unknown flag bits or a non-zero reserved byte.");
	n = load_be32(in + 4);
	if ((st = gs_check_npoints(n, max_points, err)) != GS_OK)
		return st;
	explicit_x = (flags & GS_FLAG_EXPLICIT_X) != 0;
	expected = GS_BINARY_HEADER_SIZE + (explicit_x ? 8 * n : 0) + 4 * n;
	if (len != expected)
	{
		gs_fail(err, GS_ERR_SYNTAX, "invalid external spectrum data");
		gs_error_detail(err, "The message has %zu bytes; a spectrum of %zu points needs %zu.",
						len, n, expected);
		return GS_ERR_SYNTAX;
	}

	*out_size = gs_packed_size(n, explicit_x);
	p = alloc->alloc(alloc->ctx, *out_size);
	if (!p)
		return gs_fail(err, GS_ERR_NOMEM, "out of memory for a spectrum of %zu points", n);
	gs_packed_init(p, (gs_unit) unit, n, explicit_x, load_double(in + 16), load_double(in + 24),
				   (flags & GS_FLAG_LASER) ? load_double(in + 8) : NAN, &x, &y);
	if ((flags & GS_FLAG_LASER) && !(p->flags & GS_FLAG_LASER))
	{
		/* a NaN laser must fail validation, not silently vanish */
		p->flags |= GS_FLAG_LASER;
		p->laser_nm = NAN;
	}
	if (x)
		for (size_t i = 0; i < n; i++, src += 8)
			x[i] = load_double(src);
	for (size_t i = 0; i < n; i++, src += 4)
	{
		uint32_t	u = load_be32(src);

		memcpy(&y[i], &u, sizeof(u));
	}
	if ((st = gs_packed_finish(p, err)) != GS_OK)
	{
		if (alloc->release)
			alloc->release(alloc->ctx, p);
		return st;
	}
	*out = p;
	return GS_OK;
}
