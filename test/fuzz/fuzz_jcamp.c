/*
 * libFuzzer harness for the JCAMP-DX reader (see fuzz_io_common.h).  Every
 * spectrum read is also written back in AFFN and DIFDUP form: the AFFN text
 * must read back bit-exactly and the DIFDUP text must read back at all.
 */
#include "fuzz_io_common.h"

static void
roundtrip(const gs_packed_spectrum *p, gs_jcamp_encoding enc)
{
	gs_spectrum_view v = gs_packed_view(p);
	char	   *text;
	size_t		len;
	gs_io_result r;
	gs_error	err;

	if (gs_write_jcamp(&v, "t", NULL, NULL, 0, enc, &gs_malloc_allocator, &text, &len, &err) != GS_OK)
		abort();
	if (gs_read_jcamp(text, len, NULL, FUZZ_MAX_POINTS, &gs_malloc_allocator, &r, &err) != GS_OK ||
		r.n_items != 1)
		abort();
	{
		gs_spectrum_view w = gs_packed_view(r.items[0].spectrum);

		if (w.n != v.n || w.unit != v.unit || (w.x == NULL) != (v.x == NULL))
			abort();
		if (enc == GS_JCAMP_AFFN &&
			(memcmp(w.y, v.y, v.n * sizeof(float)) != 0 ||
			 (v.x && memcmp(w.x, v.x, v.n * sizeof(double)) != 0) ||
			 (!v.x && (w.start != v.start || w.step != v.step))))
			abort();
	}
	gs_io_result_free(&r);
	free(text);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	gs_io_result r;
	gs_error	err;
	gs_status	st = gs_read_jcamp(data, size, NULL, FUZZ_MAX_POINTS, &gs_malloc_allocator, &r, &err);

	for (size_t i = 0; st == GS_OK && i < r.n_items && i < 4; i++)
	{
		roundtrip(r.items[i].spectrum, GS_JCAMP_AFFN);
		roundtrip(r.items[i].spectrum, GS_JCAMP_DIFDUP);
	}
	fuzz_check_result(st, &err, &r);
	return 0;
}
