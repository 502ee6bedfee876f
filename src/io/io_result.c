#include "io_result.h"

#include <float.h>
#include <math.h>
#include <string.h>

#include "io_buffer.h"
#include "io_meta.h"

/* Titles are labels for people; longer ones are cut. */
#define TITLE_MAX_BYTES 4096

void
gs_io_result_init(gs_io_result *r, const gs_allocator *alloc)
{
	r->alloc = alloc;
	r->items = NULL;
	r->n_items = 0;
	r->capacity = 0;
}

void
gs_io_result_free(gs_io_result *r)
{
	for (size_t i = 0; i < r->n_items; i++)
	{
		io_release(r->alloc, r->items[i].spectrum);
		io_release(r->alloc, r->items[i].title);
		io_release(r->alloc, r->items[i].meta);
	}
	io_release(r->alloc, r->items);
	r->items = NULL;
	r->n_items = r->capacity = 0;
}

static gs_status
grow_items(gs_io_result *r, gs_error *err)
{
	size_t		cap;
	gs_io_item *items;

	if (r->n_items < r->capacity)
		return GS_OK;
	if (r->n_items >= GS_IO_MAX_SPECTRA)
	{
		gs_fail(err, GS_ERR_LIMIT, "file holds more than %d spectra", GS_IO_MAX_SPECTRA);
		gs_error_hint(err, "Split the file.");
		return GS_ERR_LIMIT;
	}
	cap = r->capacity ? r->capacity * 2 : 4;
	if (cap > GS_IO_MAX_SPECTRA)
		cap = GS_IO_MAX_SPECTRA;
	items = r->alloc->alloc(r->alloc->ctx, cap * sizeof(gs_io_item));
	if (!items)
		return gs_fail(err, GS_ERR_NOMEM, "out of memory while reading a file");
	if (r->n_items)
		memcpy(items, r->items, r->n_items * sizeof(gs_io_item));
	io_release(r->alloc, r->items);
	r->items = items;
	r->capacity = cap;
	return GS_OK;
}

static gs_status
fill_values(const double *x, const double *y, size_t n, bool reverse, double *px, float *py,
			gs_error *err)
{
	for (size_t i = 0; i < n; i++)
	{
		size_t		k = reverse ? n - 1 - i : i;

		if (isfinite(y[k]) && fabs(y[k]) > FLT_MAX)
		{
			gs_fail(err, GS_ERR_RANGE, "value %g of point %zu is out of range for float4", y[k], k + 1);
			return GS_ERR_RANGE;
		}
		py[i] = (float) y[k];
		if (px)
			px[i] = x[k];
	}
	return GS_OK;
}

gs_status
gs_io_result_add(gs_io_result *r, gs_unit unit, double laser_nm, const double *x, double first,
				 double step, const double *y, size_t n, size_t max_points,
				 const char *title, size_t title_len, char *meta, gs_error *err)
{
	gs_status	st;
	size_t		size;
	gs_packed_spectrum *p = NULL;
	double	   *px;
	float	   *py;
	bool		reverse = !x && step < 0;
	io_buffer	t;
	gs_io_item *item;

	io_buffer_init(&t, r->alloc, (size_t) 4 * TITLE_MAX_BYTES);
	if (title_len > TITLE_MAX_BYTES)
	{
		/* cut at a character boundary so the cut does not read as Latin-1 */
		title_len = TITLE_MAX_BYTES;
		while (title_len > 0 && ((unsigned char) title[title_len] & 0xc0) == 0x80)
			title_len--;
	}
	st = gs_check_npoints(n, max_points, err);
	if (st == GS_OK)
		st = grow_items(r, err);
	if (st == GS_OK)
	{
		size = gs_packed_size(n, x != NULL);
		p = r->alloc->alloc(r->alloc->ctx, size);
		if (!p)
			st = gs_fail(err, GS_ERR_NOMEM, "out of memory while reading a file");
	}
	if (st == GS_OK)
	{
		if (reverse)
			first += step * (double) (n - 1), step = -step;
		gs_packed_init(p, unit, n, x != NULL, first, n > 1 ? step : (step > 0 ? step : 1),
					   laser_nm, &px, &py);
		st = fill_values(x, y, n, reverse, px, py, err);
	}
	if (st == GS_OK)
		st = gs_packed_finish(p, err);
	if (st == GS_OK)
		st = io_append_utf8(&t, title, title_len, false, err);
	if (st == GS_OK)
		st = io_buffer_append(&t, "", 1, err);
	if (st != GS_OK)
	{
		io_release(r->alloc, p);
		io_release(r->alloc, meta);
		io_buffer_free(&t);
		return st;
	}
	item = &r->items[r->n_items++];
	item->spectrum = p;
	item->spectrum_size = size;
	item->title = io_buffer_take(&t);
	item->meta = meta;
	return GS_OK;
}
