#include "io_buffer.h"

#include <string.h>

void
io_buffer_init(io_buffer *b, const gs_allocator *alloc, size_t limit)
{
	b->alloc = alloc;
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
	b->limit = limit;
}

void
io_release(const gs_allocator *alloc, void *ptr)
{
	if (ptr && alloc->release)
		alloc->release(alloc->ctx, ptr);
}

void
io_buffer_free(io_buffer *b)
{
	io_release(b->alloc, b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

gs_status
io_buffer_reserve(io_buffer *b, size_t more, gs_error *err)
{
	size_t		need;
	size_t		cap;
	char	   *data;

	if (more > b->limit || b->len > b->limit - more)
	{
		gs_fail(err, GS_ERR_LIMIT, "file content needs more than %zu bytes of memory", b->limit);
		gs_error_hint(err, "Raise geospectra.max_points if such spectra are expected.");
		return GS_ERR_LIMIT;
	}
	need = b->len + more;
	if (need <= b->cap)
		return GS_OK;
	cap = b->cap ? b->cap : 256;
	while (cap < need)
		cap = cap > b->limit / 2 ? b->limit : cap * 2;
	data = b->alloc->alloc(b->alloc->ctx, cap);
	if (!data)
		return gs_fail(err, GS_ERR_NOMEM, "out of memory while reading a file");
	if (b->len)
		memcpy(data, b->data, b->len);
	io_release(b->alloc, b->data);
	b->data = data;
	b->cap = cap;
	return GS_OK;
}

gs_status
io_buffer_append(io_buffer *b, const void *bytes, size_t n, gs_error *err)
{
	gs_status	st = io_buffer_reserve(b, n, err);

	if (st != GS_OK)
		return st;
	if (n)
		memcpy(b->data + b->len, bytes, n);
	b->len += n;
	return GS_OK;
}

char *
io_buffer_take(io_buffer *b)
{
	char	   *data = b->data;

	b->data = NULL;
	b->len = b->cap = 0;
	return data;
}
