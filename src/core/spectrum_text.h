/*
 * spectrum_text.h — the text form of a spectrum (API.md "The spectrum type").
 *
 *   {"unit":"nm","start":350,"step":0.5,"y":[0.12,0.13]}
 *   {"unit":"raman_cm-1","laser_nm":532,"x":[100.2,101.1],"y":[5,7]}
 *
 * It is a JSON object, so the jsonb casts and every JSON tool read it.  Input
 * accepts the keys in any order with any JSON whitespace; output writes them
 * in the order above with shortest round-trip numbers, so text -> spectrum ->
 * text is the identity on output text and spectrum -> text -> spectrum is the
 * identity on values.
 */
#ifndef GS_SPECTRUM_TEXT_H
#define GS_SPECTRUM_TEXT_H

#include "gs_alloc.h"
#include "spectrum.h"

/*
 * Parses NUL-terminated text into a newly allocated packed spectrum.
 * Errors: GS_ERR_SYNTAX (malformed), GS_ERR_PARAM (NaN/Inf, unknown unit,
 * length mismatch, empty, non-monotonic x), GS_ERR_RANGE (number overflow),
 * GS_ERR_LIMIT (more than max_points), GS_ERR_NOMEM.
 */
gs_status	gs_spectrum_parse(const char *text, size_t max_points, const gs_allocator *alloc,
							  gs_packed_spectrum **out, size_t *out_size, gs_error *err);

/* Bytes that gs_spectrum_format may write, including the final NUL. */
size_t		gs_spectrum_text_bound(const gs_spectrum_view *s);

/* Writes the text form and a NUL; returns its length. */
size_t		gs_spectrum_format(const gs_spectrum_view *s, char *buf);

#endif
