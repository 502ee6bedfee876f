/*
 * libFuzzer harness for the CSV reader (see fuzz_io_common.h).  Every
 * spectrum read is also written back with gs_write_csv and must read back
 * bit-exactly.
 */
#include "fuzz_io_common.h"

static void
roundtrip(const gs_io_item *it)
{
	gs_spectrum_view v = gs_packed_view(it->spectrum);
	char	   *text;
	size_t		len;
	gs_io_result r;
	gs_error	err;

	if (gs_write_csv(&v, it->title, &gs_malloc_allocator, &text, &len, &err) != GS_OK)
		abort();
	if (gs_read_csv(text, len, NULL, FUZZ_MAX_POINTS, &gs_malloc_allocator, &r, &err) != GS_OK ||
		r.n_items != 1 || r.items[0].spectrum_size != it->spectrum_size ||
		memcmp((char *) r.items[0].spectrum + 4, (char *) it->spectrum + 4, it->spectrum_size - 4) != 0)
		abort();
	gs_io_result_free(&r);
	free(text);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	gs_io_result r;
	gs_error	err;
	gs_status	st = gs_read_csv(data, size, NULL, FUZZ_MAX_POINTS, &gs_malloc_allocator, &r, &err);

	for (size_t i = 0; st == GS_OK && i < r.n_items && i < 4; i++)
		roundtrip(&r.items[i]);
	fuzz_check_result(st, &err, &r);
	return 0;
}
