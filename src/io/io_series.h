/*
 * io_series.h — a growable array of doubles that a reader fills while it
 * parses, capped at max_points so that a file cannot claim more memory than a
 * spectrum may have.
 */
#ifndef GS_IO_SERIES_H
#define GS_IO_SERIES_H

#include <string.h>

#include "io_buffer.h"

typedef struct io_series
{
	io_buffer	buf;
	size_t		n;
	size_t		max_points;
} io_series;

void		io_series_init(io_series *s, const gs_allocator *alloc, size_t max_points);
void		io_series_free(io_series *s);
void		io_series_clear(io_series *s);

/* The growing path of io_series_push. */
gs_status	io_series_push_grow(io_series *s, double v, gs_error *err);

/*
 * GS_ERR_LIMIT (as gs_check_npoints words it) when it would pass max_points.
 * Inline: a reader pushes every number it parses.
 */
static inline gs_status
io_series_push(io_series *s, double v, gs_error *err)
{
	if (s->buf.len + sizeof(double) > s->buf.cap || s->n >= s->max_points)
		return io_series_push_grow(s, v, err);
	memcpy(s->buf.data + s->buf.len, &v, sizeof(double));
	s->buf.len += sizeof(double);
	s->n++;
	return GS_OK;
}

static inline double *
io_series_data(const io_series *s)
{
	return (double *) s->buf.data;
}

#endif
