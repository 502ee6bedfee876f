/*
 * spectrum_binary.h — the binary wire form of a spectrum (send/recv, COPY
 * BINARY), big-endian like every PostgreSQL binary format:
 *
 *   uint8 version (1), uint8 unit, uint8 flags, uint8 reserved (0),
 *   uint32 n, float8 laser_nm, float8 start, float8 step,
 *   float8 x[n] (flags & explicit x only), float4 y[n]
 *
 * Decoding trusts nothing: every field and the total length are checked
 * before anything is allocated, then the values are validated as for text.
 */
#ifndef GS_SPECTRUM_BINARY_H
#define GS_SPECTRUM_BINARY_H

#include <stdint.h>

#include "gs_alloc.h"
#include "spectrum.h"

#define GS_BINARY_HEADER_SIZE 32

size_t		gs_spectrum_binary_size(const gs_spectrum_view *s);
void		gs_spectrum_encode(const gs_spectrum_view *s, uint8_t *out);
gs_status	gs_spectrum_decode(const uint8_t *in, size_t len, size_t max_points,
							   const gs_allocator *alloc, gs_packed_spectrum **out,
							   size_t *out_size, gs_error *err);

#endif
