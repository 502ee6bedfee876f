/*
 * libFuzzer harness for the USGS reader (see fuzz_io_common.h): the input is
 * the values file, a NUL byte, then the wavelength file (the whole input for
 * both when there is no NUL).
 */
#include "fuzz_io_common.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nul = memchr(data, 0, size);
	size_t		values_len = nul ? (size_t) (nul - data) : size;
	const uint8_t *wl = nul ? nul + 1 : data;
	size_t		wl_len = nul ? size - values_len - 1 : size;
	gs_io_result r;
	gs_error	err;
	gs_status	st = gs_read_usgs(data, values_len, wl, wl_len, NULL, FUZZ_MAX_POINTS,
								  &gs_malloc_allocator, &r, &err);

	fuzz_check_result(st, &err, &r);
	return 0;
}
