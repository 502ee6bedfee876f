/*
 * gs_alloc.h — the allocator a core function uses when the size of its
 * result is only known while it works (parsers).  The PostgreSQL glue passes
 * palloc; tests and command-line tools pass malloc.
 */
#ifndef GS_ALLOC_H
#define GS_ALLOC_H

#include <stddef.h>

typedef struct gs_allocator
{
	void	   *(*alloc) (void *ctx, size_t size);	/* NULL on failure */
	void		(*release) (void *ctx, void *ptr);	/* may be NULL (arena) */
	void	   *ctx;
} gs_allocator;

/* malloc/free */
extern const gs_allocator gs_malloc_allocator;

#endif
