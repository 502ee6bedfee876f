/*
 * io_meta.h — the metadata of one spectrum read from a file, as the text of
 * a JSON object that the SQL layer casts to jsonb.
 *
 * Values are strings exactly as the file writes them (trimmed), so nothing is
 * lost to a guess about their type.  Text that is not valid UTF-8 is taken
 * byte by byte as Latin-1, the usual encoding of old instrument software; NUL
 * bytes are dropped (jsonb refuses \u0000).  A key seen again gets a suffix:
 * "COMMENT", "COMMENT_2", ...
 */
#ifndef GS_IO_META_H
#define GS_IO_META_H

#include <stdbool.h>
#include <stddef.h>

#include "io_buffer.h"

/* Most distinct keys in one object: beyond it a header is not a header. */
#define IO_META_MAX_KEYS 2000

typedef struct io_meta
{
	io_buffer	text;			/* "{" + members so far */
	io_buffer	keys;			/* offsets of the keys written, to find repeats */
	size_t		n_keys;
} io_meta;

void		io_meta_init(io_meta *m, const gs_allocator *alloc);
void		io_meta_free(io_meta *m);

gs_status	io_meta_add(io_meta *m, const char *key, size_t key_len,
						const char *value, size_t value_len, gs_error *err);
gs_status	io_meta_add_str(io_meta *m, const char *key, const char *value, gs_error *err);

/* Starts dst as a copy of src (the members shared by the spectra of one file). */
gs_status	io_meta_copy(io_meta *dst, const io_meta *src, gs_error *err);

/* Closes the object and hands its NUL-terminated text over. */
gs_status	io_meta_finish(io_meta *m, char **json, gs_error *err);

/*
 * Appends [s, s+len) to b as valid UTF-8 with the escapes of a JSON string
 * (without quotes) when `json` is true, or as plain UTF-8 otherwise.
 */
gs_status	io_append_utf8(io_buffer *b, const char *s, size_t len, bool json, gs_error *err);

#endif
