/*
 * io_buffer.h — a growable byte buffer on the caller's allocator.
 *
 * Readers learn the size of what they build (values, metadata text) only
 * while they parse, and the allocator has no realloc, so growth is
 * allocate-copy-release.  Every buffer has a hard cap so that no file, however
 * it lies, makes a reader allocate without bound.
 */
#ifndef GS_IO_BUFFER_H
#define GS_IO_BUFFER_H

#include <stddef.h>

#include "gs_alloc.h"
#include "gs_error.h"

typedef struct io_buffer
{
	const gs_allocator *alloc;
	char	   *data;
	size_t		len;
	size_t		cap;
	size_t		limit;			/* most bytes it may ever hold */
} io_buffer;

void		io_buffer_init(io_buffer *b, const gs_allocator *alloc, size_t limit);
void		io_buffer_free(io_buffer *b);

/* Makes room for `more` bytes after len: GS_ERR_NOMEM, or GS_ERR_LIMIT past limit. */
gs_status	io_buffer_reserve(io_buffer *b, size_t more, gs_error *err);
gs_status	io_buffer_append(io_buffer *b, const void *bytes, size_t n, gs_error *err);

/* Hands the data over (NUL-terminated when it is text) and empties the buffer. */
char	   *io_buffer_take(io_buffer *b);

/* Releases memory that came from the allocator, when it can release. */
void		io_release(const gs_allocator *alloc, void *ptr);

#endif
