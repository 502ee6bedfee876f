/*
 * csv_write.c — one spectrum as CSV that gs_read_csv reads back exactly:
 * "# laser_nm=..." when there is a laser, a header naming the unit and the
 * spectrum, then "x,y" lines with round-trip numbers.
 */
#include "gs_io.h"

#include <string.h>

#include "io_buffer.h"
#include "io_numbers.h"

#define OUTPUT_LIMIT ((size_t) 1 << 30)

gs_status
gs_write_csv(const gs_spectrum_view *s, const char *title, const gs_allocator *alloc,
			 char **text, size_t *text_len, gs_error *err)
{
	io_buffer	out;
	gs_status	st = GS_OK;
	char		buf[IO_NUMBER_LEN];
	const char *t = (title && *title) ? title : "y";

	io_buffer_init(&out, alloc, OUTPUT_LIMIT);
	if (s->has_laser)
	{
		st = io_buffer_append(&out, "# laser_nm=", 11, err);
		if (st == GS_OK)
			st = io_buffer_append(&out, buf, io_format_double(s->laser_nm, buf), err);
		if (st == GS_OK)
			st = io_buffer_append(&out, "\n", 1, err);
	}
	if (st == GS_OK)
		st = io_buffer_append(&out, gs_unit_name(s->unit), strlen(gs_unit_name(s->unit)), err);
	if (st == GS_OK)
		st = io_buffer_append(&out, ",", 1, err);
	/* the title is one header cell: no delimiters, quotes or line breaks */
	for (const char *p = t; *p && st == GS_OK; p++)
		st = io_buffer_append(&out, strchr(",;\t\"\r\n", *p) ? " " : p, 1, err);
	if (st == GS_OK)
		st = io_buffer_append(&out, "\n", 1, err);
	for (size_t i = 0; i < s->n && st == GS_OK; i++)
	{
		st = io_buffer_append(&out, buf, io_format_double(gs_view_x(s, i), buf), err);
		if (st == GS_OK)
			st = io_buffer_append(&out, ",", 1, err);
		if (st == GS_OK)
			st = io_buffer_append(&out, buf, io_format_float(s->y[i], buf), err);
		if (st == GS_OK)
			st = io_buffer_append(&out, "\n", 1, err);
	}
	if (st == GS_OK)
		st = io_buffer_append(&out, "", 1, err);
	if (st != GS_OK)
	{
		io_buffer_free(&out);
		return st;
	}
	*text_len = out.len - 1;
	*text = io_buffer_take(&out);
	return GS_OK;
}
