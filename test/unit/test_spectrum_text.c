#include <stdlib.h>
#include <string.h>

#include "gs_test.h"
#include "spectrum_text.h"

static gs_status
parse(const char *text, gs_packed_spectrum **p, gs_error *err)
{
	size_t		size;

	return gs_spectrum_parse(text, 1000000, &gs_malloc_allocator, p, &size, err);
}

static char *
format(const gs_packed_spectrum *p)
{
	gs_spectrum_view v = gs_packed_view(p);
	char	   *buf = malloc(gs_spectrum_text_bound(&v));

	gs_spectrum_format(&v, buf);
	return buf;
}

/* text -> spectrum -> text must give the input back for canonical text */
static void
check_roundtrip(const char *text)
{
	gs_packed_spectrum *p;
	gs_error	err;

	if (parse(text, &p, &err) != GS_OK)
	{
		gs_test_fail(__FILE__, __LINE__, "parse of %s failed: %s (%s)", text, err.msg, err.detail);
		return;
	}
	char	   *out = format(p);

	CHECK_STR(out, text);
	free(out);
	free(p);
}

GS_TEST(test_text_roundtrip_canonical)
{
	check_roundtrip("{\"unit\":\"nm\",\"start\":350,\"step\":0.5,\"y\":[0.12,0.13,-1.5e-07,3.4028235e+38]}");
	check_roundtrip("{\"unit\":\"raman_cm-1\",\"laser_nm\":532.1,\"x\":[100.2,101.1,4000.000000001],\"y\":[1,2,3]}");
	check_roundtrip("{\"unit\":\"keV\",\"start\":-0.02,\"step\":0.01,\"y\":[0]}");
	check_roundtrip("{\"unit\":\"channel\",\"laser_nm\":785,\"start\":0,\"step\":1,\"y\":[1e-45,-0,7]}");
	check_roundtrip("{\"unit\":\"cm-1\",\"x\":[400,400.5,401.25],\"y\":[0.3,1.0000001,2]}");
}

GS_TEST(test_text_values_roundtrip_bitwise)
{
	/* spectrum -> text -> spectrum is the identity on every float4 bit pattern we try */
	size_t		n = 4096;
	gs_packed_spectrum *p = malloc(gs_packed_size(n, true)),
			   *q;
	double	   *x;
	float	   *y;
	gs_error	err;
	unsigned	seed = 12345;

	gs_packed_init(p, GS_UNIT_NM, n, true, 0, 0, NAN, &x, &y);
	for (size_t i = 0; i < n; i++)
	{
		uint32_t	bits;

		seed = seed * 1103515245u + 12345u;
		bits = (seed & 0x7f7fffffu) ^ (i & 1 ? 0x80000000u : 0);	/* finite, both signs */
		memcpy(&y[i], &bits, 4);
		x[i] = 200.0 + (double) i / 3.0;
	}
	CHECK(gs_packed_finish(p, &err) == GS_OK);
	char	   *text = format(p);

	CHECK(parse(text, &q, &err) == GS_OK);
	CHECK(memcmp((char *) p + 4, (char *) q + 4, gs_packed_size(n, true) - 4) == 0);
	free(text);
	free(p);
	free(q);
}

GS_TEST(test_text_accepts_json_layouts)
{
	gs_packed_spectrum *p;
	gs_error	err;

	/* jsonb's own output order and spacing, and any key order */
	CHECK(parse(" {\"y\": [1, 2.5], \"step\": 2, \"unit\": \"um\", \"start\": 1.0}\n", &p, &err) == GS_OK);
	gs_spectrum_view v = gs_packed_view(p);

	CHECK_EQ_INT(v.n, 2);
	CHECK(v.unit == GS_UNIT_UM);
	CHECK(v.x == NULL);
	CHECK_CLOSE(v.step, 2, 0, 0);
	CHECK_CLOSE(v.y[1], 2.5, 0, 0);
	free(p);

	CHECK(parse("{\"unit\":\"nm\",\"laser_nm\":null,\"start\":1,\"step\":1,\"y\":[3]}", &p, &err) == GS_OK);
	v = gs_packed_view(p);
	CHECK(!v.has_laser);
	free(p);
}

GS_TEST(test_text_decreasing_x_is_reversed)
{
	gs_packed_spectrum *p;
	gs_error	err;

	CHECK(parse("{\"unit\":\"cm-1\",\"x\":[4000,3000,2000],\"y\":[1,2,3]}", &p, &err) == GS_OK);
	gs_spectrum_view v = gs_packed_view(p);

	CHECK_CLOSE(v.x[0], 2000, 0, 0);
	CHECK_CLOSE(v.x[2], 4000, 0, 0);
	CHECK_CLOSE(v.y[0], 3, 0, 0);
	CHECK_CLOSE(v.y[2], 1, 0, 0);
	free(p);
}

static void
check_rejects(const char *text, gs_status expected, int line)
{
	gs_packed_spectrum *p = NULL;
	gs_error	err;
	gs_status	st = parse(text, &p, &err);

	if (st != expected)
		gs_test_fail(__FILE__, line, "%s: status %d, expected %d (%s)", text, st, expected,
					 st == GS_OK ? "accepted" : err.msg);
	if (st != GS_OK && p != NULL)
		gs_test_fail(__FILE__, line, "%s: result set on error", text);
	if (st == GS_OK)
		free(p);
}

#define REJECT(text, status) check_rejects(text, status, __LINE__)

GS_TEST(test_text_rejects_bad_input)
{
	REJECT("", GS_ERR_SYNTAX);
	REJECT("{", GS_ERR_SYNTAX);
	REJECT("{}", GS_ERR_SYNTAX);
	REJECT("[1,2]", GS_ERR_SYNTAX);
	REJECT("{\"unit\":\"nm\",\"start\":1,\"step\":1,\"y\":[1,2", GS_ERR_SYNTAX);
	REJECT("{\"unit\":\"nm\",\"start\":1,\"step\":1,\"y\":[1,,2]}", GS_ERR_SYNTAX);
	REJECT("{\"unit\":\"nm\",\"start\":1,\"step\":1,\"y\":[1,2,]}", GS_ERR_SYNTAX);
	REJECT("{\"unit\":\"nm\",\"start\":1,\"step\":1,\"y\":[1 2]}", GS_ERR_SYNTAX);
	REJECT("{\"unit\":\"nm\",\"start\":1,\"step\":1,\"y\":[\"1\"]}", GS_ERR_SYNTAX);
	REJECT("{\"unit\":\"nm\",\"start\":1,\"step\":1,\"y\":[1]} x", GS_ERR_SYNTAX);
	REJECT("{\"unit\":\"nm\",\"start\":1,\"step\":1,\"z\":[1]}", GS_ERR_SYNTAX);
	REJECT("{\"unit\":\"nm\",\"start\":1,\"step\":1}", GS_ERR_SYNTAX);
	REJECT("{\"start\":1,\"step\":1,\"y\":[1]}", GS_ERR_SYNTAX);
	REJECT("{\"unit\":\"nm\",\"step\":1,\"y\":[1]}", GS_ERR_SYNTAX);
	REJECT("{\"unit\":\"nm\",\"start\":1,\"step\":1,\"x\":[1],\"y\":[1]}", GS_ERR_SYNTAX);
	REJECT("{\"unit\":\"nm\",\"unit\":\"nm\",\"start\":1,\"step\":1,\"y\":[1]}", GS_ERR_SYNTAX);
	REJECT("{\"unit\":\"nm\",\"start\":1,\"step\":1,\"y\":[0x10]}", GS_ERR_SYNTAX);
	REJECT("{\"unit\":nm,\"start\":1,\"step\":1,\"y\":[1]}", GS_ERR_SYNTAX);
	REJECT("{\"unit\":\"furlong\",\"start\":1,\"step\":1,\"y\":[1]}", GS_ERR_PARAM);
	REJECT("{\"unit\":\"nm\",\"start\":1,\"step\":1,\"y\":[]}", GS_ERR_PARAM);
	REJECT("{\"unit\":\"nm\",\"start\":1,\"step\":1,\"y\":[1,NaN]}", GS_ERR_PARAM);
	REJECT("{\"unit\":\"nm\",\"start\":1,\"step\":1,\"y\":[-Infinity]}", GS_ERR_PARAM);
	REJECT("{\"unit\":\"nm\",\"start\":NaN,\"step\":1,\"y\":[1]}", GS_ERR_PARAM);
	REJECT("{\"unit\":\"nm\",\"start\":1,\"step\":0,\"y\":[1]}", GS_ERR_PARAM);
	REJECT("{\"unit\":\"nm\",\"start\":1,\"step\":-0.5,\"y\":[1]}", GS_ERR_PARAM);
	REJECT("{\"unit\":\"nm\",\"x\":[1,2,2],\"y\":[1,2,3]}", GS_ERR_PARAM);
	REJECT("{\"unit\":\"nm\",\"x\":[1,3,2],\"y\":[1,2,3]}", GS_ERR_PARAM);
	REJECT("{\"unit\":\"nm\",\"x\":[1,2],\"y\":[1,2,3]}", GS_ERR_PARAM);
	REJECT("{\"unit\":\"nm\",\"laser_nm\":-532,\"start\":1,\"step\":1,\"y\":[1]}", GS_ERR_PARAM);
	REJECT("{\"unit\":\"nm\",\"start\":1,\"step\":1,\"y\":[1e39]}", GS_ERR_RANGE);
	REJECT("{\"unit\":\"nm\",\"start\":1,\"step\":1,\"y\":[1e-50]}", GS_ERR_RANGE);
	REJECT("{\"unit\":\"nm\",\"x\":[1e400],\"y\":[1]}", GS_ERR_RANGE);
	REJECT("{\"unit\":\"nm\",\"start\":1e308,\"step\":1e308,\"y\":[1,2,3]}", GS_ERR_PARAM);
}

GS_TEST(test_text_point_limit)
{
	gs_packed_spectrum *p = NULL;
	gs_error	err;
	size_t		size;

	CHECK(gs_spectrum_parse("{\"unit\":\"nm\",\"start\":1,\"step\":1,\"y\":[1,2,3]}", 2,
							&gs_malloc_allocator, &p, &size, &err) == GS_ERR_LIMIT);
	CHECK(p == NULL);
}
