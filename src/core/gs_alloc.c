#include "gs_alloc.h"

#include <stdlib.h>

static void *
malloc_alloc(void *ctx, size_t size)
{
	(void) ctx;
	return malloc(size);
}

static void
malloc_release(void *ctx, void *ptr)
{
	(void) ctx;
	free(ptr);
}

const gs_allocator gs_malloc_allocator = {malloc_alloc, malloc_release, NULL};
