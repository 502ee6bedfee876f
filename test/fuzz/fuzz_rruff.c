/* libFuzzer harness for the RRUFF reader (see fuzz_io_common.h). */
#include "fuzz_io_common.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	gs_io_result r;
	gs_error	err;
	gs_status	st = gs_read_rruff(data, size, "fuzz__Raman__532__x.txt", FUZZ_MAX_POINTS,
								   &gs_malloc_allocator, &r, &err);

	fuzz_check_result(st, &err, &r);
	return 0;
}
