#include <stdlib.h>
#include <string.h>

#include "gs_test.h"
#include "spectrum_binary.h"
#include "spectrum_text.h"

static gs_packed_spectrum *
from_text(const char *text)
{
	gs_packed_spectrum *p;
	gs_error	err;
	size_t		size;

	if (gs_spectrum_parse(text, 1000, &gs_malloc_allocator, &p, &size, &err) != GS_OK)
		return NULL;
	return p;
}

static uint8_t *
encode(const gs_packed_spectrum *p, size_t *len)
{
	gs_spectrum_view v = gs_packed_view(p);
	uint8_t    *buf;

	*len = gs_spectrum_binary_size(&v);
	buf = malloc(*len);
	gs_spectrum_encode(&v, buf);
	return buf;
}

GS_TEST(test_binary_roundtrip)
{
	const char *texts[] = {
		"{\"unit\":\"nm\",\"start\":350,\"step\":0.5,\"y\":[0.12,0.13,-7]}",
		"{\"unit\":\"raman_cm-1\",\"laser_nm\":532,\"x\":[100.2,101.1],\"y\":[5,7]}",
	};

	for (size_t t = 0; t < 2; t++)
	{
		gs_packed_spectrum *p = from_text(texts[t]),
				   *q;
		size_t		len,
					size;
		uint8_t    *buf = encode(p, &len);
		gs_error	err;

		CHECK(gs_spectrum_decode(buf, len, 1000, &gs_malloc_allocator, &q, &size, &err) == GS_OK);
		CHECK_EQ_INT(size, gs_packed_size(p->n, p->flags & GS_FLAG_EXPLICIT_X));
		CHECK(memcmp((char *) p + 4, (char *) q + 4, size - 4) == 0);
		free(p);
		free(q);
		free(buf);
	}
}

GS_TEST(test_binary_is_big_endian)
{
	gs_packed_spectrum *p = from_text("{\"unit\":\"um\",\"start\":1,\"step\":2,\"y\":[1]}");
	size_t		len;
	uint8_t    *buf = encode(p, &len);

	CHECK_EQ_INT(len, 36);
	CHECK_EQ_INT(buf[1], GS_UNIT_UM);
	CHECK(buf[4] == 0 && buf[7] == 1);	/* n = 1 */
	CHECK(buf[16] == 0x3f && buf[17] == 0xf0);	/* start = 1.0 */
	CHECK(buf[32] == 0x3f && buf[33] == 0x80);	/* y[0] = 1.0f */
	free(p);
	free(buf);
}

static gs_status
decode_mutated(const uint8_t *orig, size_t len, size_t pos, uint8_t value, size_t newlen)
{
	uint8_t    *buf = malloc(len + 16);
	gs_packed_spectrum *q = NULL;
	size_t		size;
	gs_error	err;
	gs_status	st;

	memcpy(buf, orig, len);
	if (pos < len)
		buf[pos] = value;
	st = gs_spectrum_decode(buf, newlen, 1000, &gs_malloc_allocator, &q, &size, &err);
	CHECK(st == GS_OK || q == NULL);
	free(q);
	free(buf);
	return st;
}

GS_TEST(test_binary_rejects_corruption)
{
	gs_packed_spectrum *p = from_text("{\"unit\":\"nm\",\"laser_nm\":532,\"x\":[1,2,3],\"y\":[1,2,3]}");
	size_t		len;
	uint8_t    *buf = encode(p, &len);

	CHECK(decode_mutated(buf, len, 0, 2, len) == GS_ERR_SYNTAX);	/* version */
	CHECK(decode_mutated(buf, len, 1, 99, len) == GS_ERR_SYNTAX);	/* unit */
	CHECK(decode_mutated(buf, len, 2, 0x80, len) == GS_ERR_SYNTAX);	/* flags */
	CHECK(decode_mutated(buf, len, 3, 1, len) == GS_ERR_SYNTAX);	/* reserved */
	CHECK(decode_mutated(buf, len, 7, 4, len) == GS_ERR_SYNTAX);	/* n vs length */
	CHECK(decode_mutated(buf, len, 4, 0xff, len) == GS_ERR_LIMIT);	/* huge n */
	CHECK(decode_mutated(buf, len, 7, 0, len) == GS_ERR_PARAM); /* n = 0 */
	CHECK(decode_mutated(buf, len, len, 0, len - 1) == GS_ERR_SYNTAX);	/* truncated */
	CHECK(decode_mutated(buf, len, len, 0, 10) == GS_ERR_SYNTAX);
	CHECK(decode_mutated(buf, len, 8, 0xff, len) == GS_ERR_PARAM);	/* laser = NaN */
	CHECK(decode_mutated(buf, len, 2, GS_FLAG_LASER, len) == GS_ERR_SYNTAX);	/* x dropped: length */
	CHECK(decode_mutated(buf, len, 40, 0x7f, len) == GS_ERR_PARAM);	/* x[1] huge: not monotonic */

	/* every single-byte corruption either decodes to a valid spectrum or fails cleanly */
	for (size_t pos = 0; pos < len; pos++)
		for (int v = 0; v < 256; v += 17)
			(void) decode_mutated(buf, len, pos, (uint8_t) v, len);
	free(p);
	free(buf);
}
