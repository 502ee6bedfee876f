/*
 * libFuzzer harness for the spectrum text parser: any input either parses
 * into a spectrum whose canonical text parses back to the same values, or
 * fails with an error status.  Never a crash, a leak or undefined behaviour.
 */
#include <stdlib.h>
#include <string.h>

#include "spectrum_text.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	   *text = malloc(size + 1);
	gs_packed_spectrum *p,
			   *q;
	size_t		psize,
				qsize;
	gs_error	err;

	memcpy(text, data, size);
	text[size] = '\0';
	if (gs_spectrum_parse(text, 100000, &gs_malloc_allocator, &p, &psize, &err) == GS_OK)
	{
		gs_spectrum_view v = gs_packed_view(p);
		char	   *out = malloc(gs_spectrum_text_bound(&v));

		gs_spectrum_format(&v, out);
		if (gs_spectrum_parse(out, 100000, &gs_malloc_allocator, &q, &qsize, &err) != GS_OK ||
			qsize != psize || memcmp((char *) p + 4, (char *) q + 4, psize - 4) != 0)
			abort();
		free(q);
		free(out);
		free(p);
	}
	free(text);
	return 0;
}
