/*
 * io_result.h — what a reader returns: zero or more spectra, each with a
 * title and its metadata as a JSON object text.
 *
 * Everything in a result comes from the allocator given to the reader, so the
 * SQL layer (palloc) can let its memory context clean up while command-line
 * tools (malloc) call gs_io_result_free.
 */
#ifndef GS_IO_RESULT_H
#define GS_IO_RESULT_H

#include <stddef.h>

#include "gs_alloc.h"
#include "gs_error.h"
#include "spectrum.h"

/* Most spectra one file may hold (SPC subfiles, JCAMP blocks, CSV columns). */
#define GS_IO_MAX_SPECTRA 100000

typedef struct gs_io_item
{
	gs_packed_spectrum *spectrum;	/* valid, canonical (gs_packed_finish) */
	size_t		spectrum_size;	/* gs_packed_size of it */
	char	   *title;			/* UTF-8, NUL-terminated, "" when the file has none */
	char	   *meta;			/* JSON object text, UTF-8, NUL-terminated */
} gs_io_item;

typedef struct gs_io_result
{
	const gs_allocator *alloc;
	gs_io_item *items;
	size_t		n_items;
	size_t		capacity;
} gs_io_result;

void		gs_io_result_init(gs_io_result *r, const gs_allocator *alloc);

/* Releases every item (a no-op for allocators without release) and empties r. */
void		gs_io_result_free(gs_io_result *r);

/*
 * Adds one spectrum.  The axis is explicit when x is given, else uniform from
 * `first` by `step` in file order; a negative step (a file written from high
 * to low) is stored reversed.  y is rounded to float4: GS_ERR_RANGE when a
 * value does not fit.  `title` is sanitised to UTF-8; `meta` (from
 * io_meta_finish, same allocator) is taken over even on failure.
 */
gs_status	gs_io_result_add(gs_io_result *r, gs_unit unit, double laser_nm,
							 const double *x, double first, double step,
							 const double *y, size_t n, size_t max_points,
							 const char *title, size_t title_len, char *meta, gs_error *err);

#endif
