/*
 * libFuzzer harness for the binary (send/recv) decoder: any input either
 * decodes into a valid spectrum whose encoding decodes to the same values,
 * or fails with an error status.
 */
#include <stdlib.h>
#include <string.h>

#include "spectrum_binary.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	gs_packed_spectrum *p;
	size_t		psize;
	gs_error	err;

	if (gs_spectrum_decode(data, size, 100000, &gs_malloc_allocator, &p, &psize, &err) == GS_OK)
	{
		gs_spectrum_view v = gs_packed_view(p);
		size_t		len = gs_spectrum_binary_size(&v);
		uint8_t    *out = malloc(len);
		gs_packed_spectrum *q;
		size_t		qsize;

		gs_spectrum_encode(&v, out);
		if (len != size ||
			gs_spectrum_decode(out, len, 100000, &gs_malloc_allocator, &q, &qsize, &err) != GS_OK ||
			qsize != psize || memcmp((char *) p + 4, (char *) q + 4, psize - 4) != 0)
			abort();
		free(q);
		free(out);
		free(p);
	}
	return 0;
}
