#include "io_series.h"

#include "spectrum.h"

void
io_series_init(io_series *s, const gs_allocator *alloc, size_t max_points)
{
	if (max_points > GS_MAX_POINTS_CEILING)
		max_points = GS_MAX_POINTS_CEILING;
	io_buffer_init(&s->buf, alloc, max_points * sizeof(double));
	s->n = 0;
	s->max_points = max_points;
}

void
io_series_free(io_series *s)
{
	io_buffer_free(&s->buf);
	s->n = 0;
}

void
io_series_clear(io_series *s)
{
	s->buf.len = 0;
	s->n = 0;
}

gs_status
io_series_push_grow(io_series *s, double v, gs_error *err)
{
	if (s->n >= s->max_points)
		return gs_check_npoints(s->n + 1, s->max_points, err);
	if (io_buffer_append(&s->buf, &v, sizeof(v), err) != GS_OK)
		return err->status;
	s->n++;
	return GS_OK;
}
