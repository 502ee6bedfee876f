/*
 * fuzz_io_common.h — what every file-reader harness checks: a read either
 * fails with a status and a message, or returns spectra that are valid,
 * within max_points, with UTF-8 titles and JSON-object metadata.  Anything
 * else aborts, so libFuzzer keeps the input.
 */
#ifndef GS_FUZZ_IO_COMMON_H
#define GS_FUZZ_IO_COMMON_H

#include <stdlib.h>
#include <string.h>

#include "gs_io.h"

/* Small enough to keep executions fast, large enough to reach the limit paths. */
#define FUZZ_MAX_POINTS 4096

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static inline void
fuzz_check_result(gs_status st, const gs_error *err, gs_io_result *r)
{
	if (st != GS_OK)
	{
		if (err->status != st || err->msg[0] == '\0' || r->n_items != 0)
			abort();
		return;
	}
	for (size_t i = 0; i < r->n_items; i++)
	{
		const gs_io_item *it = &r->items[i];
		gs_spectrum_view v = gs_packed_view(it->spectrum);
		size_t		meta_len = strlen(it->meta);
		gs_error	e;

		if (v.n == 0 || v.n > FUZZ_MAX_POINTS || it->spectrum_size != gs_packed_size(v.n, v.x != NULL))
			abort();
		/* finishing again must find nothing to complain about */
		if (gs_packed_finish(it->spectrum, &e) != GS_OK)
			abort();
		if (meta_len < 2 || it->meta[0] != '{' || it->meta[meta_len - 1] != '}')
			abort();
		for (const unsigned char *t = (const unsigned char *) it->title; *t; t++)
			if (*t == 0xc0 || *t == 0xc1 || *t >= 0xf5)
				abort();
	}
	gs_io_result_free(r);
}

#endif
