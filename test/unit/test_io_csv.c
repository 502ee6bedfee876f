#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "gs_test.h"
#include "io_test_util.h"

static gs_status
read_csv(const char *text, gs_io_result *r, gs_error *err)
{
	return gs_read_csv(text, strlen(text), NULL, 1000, &gs_malloc_allocator, r, err);
}

GS_TEST(test_io_csv_layouts)
{
	gs_io_result r;
	gs_error	err;

	CHECK(read_csv("wavelength (nm),a,\"b\"\n400,1,10\n401,2,20\n402,3,30\n", &r, &err) == GS_OK);
	CHECK_EQ_INT(r.n_items, 2);
	if (r.n_items == 2)
	{
		gs_spectrum_view b = gs_packed_view(r.items[1].spectrum);

		CHECK(b.unit == GS_UNIT_NM && b.n == 3 && b.x[2] == 402 && b.y[2] == 30);
		CHECK_STR(r.items[0].title, "a");
		CHECK_STR(r.items[1].title, "b");
	}
	gs_io_result_free(&r);

	CHECK(read_csv("Raman shift [cm-1]\tI\r\n200\t5\r\n100\t6\r\n", &r, &err) == GS_OK);
	if (r.n_items == 1)
	{
		gs_spectrum_view v = gs_packed_view(r.items[0].spectrum);

		/* written downwards, stored upwards */
		CHECK(v.unit == GS_UNIT_RAMAN_CM1 && v.x[0] == 100 && v.y[0] == 6);
	}
	gs_io_result_free(&r);

	CHECK(read_csv("# exported\n1.5;2\n2.5;3\n", &r, &err) == GS_OK);
	if (r.n_items == 1)
	{
		CHECK(gs_packed_view(r.items[0].spectrum).unit == GS_UNIT_CHANNEL);
		CHECK_MSG(strstr(r.items[0].meta, "\"x_unit\":\"assumed channel\""), "meta %s", r.items[0].meta);
	}
	gs_io_result_free(&r);

	CHECK(read_csv("  1  2e3\n  2  -4.5e-1  \n", &r, &err) == GS_OK);
	CHECK(r.n_items == 1 && gs_packed_view(r.items[0].spectrum).y[1] == -0.45f);
	gs_io_result_free(&r);
}

GS_TEST(test_io_csv_errors)
{
	gs_io_result r;
	gs_error	err;

	CHECK(read_csv("x,y\n1,2\n3,4,5\n", &r, &err) == GS_ERR_SYNTAX);
	CHECK_MSG(strstr(err.msg, "CSV line 3 has 3 columns, expected 2"), "%s", err.msg);
	CHECK(read_csv("x,y\n1,2\n3,abc\n", &r, &err) == GS_ERR_SYNTAX);
	CHECK_MSG(strstr(err.msg, "column 2 of CSV line 3"), "%s", err.msg);
	CHECK(read_csv("x,y\n", &r, &err) == GS_ERR_SYNTAX);
	CHECK(read_csv("1\n2\n", &r, &err) == GS_ERR_SYNTAX);
	CHECK(read_csv("nm,y\n1,2\n1,3\n", &r, &err) == GS_ERR_PARAM);
	/* quoted file text in errors is printable ASCII whatever the file's encoding */
	CHECK(read_csv("x,y\n1,\xe9t\xc3\xa9\n", &r, &err) == GS_ERR_SYNTAX);
	CHECK_STR(err.detail, "Found \"?t??\".");
	gs_io_result_free(&r);
}

GS_TEST(test_io_csv_decimal_comma)
{
	gs_io_result r;
	gs_error	err;

	/* semicolons and decimal commas, as European exports write them */
	CHECK(read_csv("Wellenl\xc3\xa4nge (nm);Probe A\n400,5;1,25\n401,5;-2,5e-1\n402;3\n", &r, &err) == GS_OK);
	if (r.n_items == 1)
	{
		gs_spectrum_view v = gs_packed_view(r.items[0].spectrum);

		CHECK(v.unit == GS_UNIT_NM && v.n == 3 && v.x[0] == 400.5 && v.x[2] == 402);
		CHECK(v.y[0] == 1.25f && v.y[1] == -0.25f);
		CHECK_MSG(strstr(r.items[0].meta, "\"decimal_mark\":\"comma\""), "meta %s", r.items[0].meta);
	}
	gs_io_result_free(&r);

	/* tabs, no header */
	CHECK(read_csv("100,25\t7,5\n101,25\t8\n", &r, &err) == GS_OK);
	CHECK(r.n_items == 1 && gs_packed_view(r.items[0].spectrum).x[1] == 101.25);
	gs_io_result_free(&r);

	/* a decimal point file says nothing of marks; comma-delimited files are untouched */
	CHECK(read_csv("nm;a\n400.5;1\n401.5;2\n", &r, &err) == GS_OK);
	CHECK(r.n_items == 1 && !strstr(r.items[0].meta, "decimal_mark"));
	gs_io_result_free(&r);
	CHECK(read_csv("400.5,1\n401.5,2\n", &r, &err) == GS_OK);
	CHECK(r.n_items == 1 && gs_packed_view(r.items[0].spectrum).x[0] == 400.5);
	gs_io_result_free(&r);

	/* one mark per file; both in one number is a thousands separator: refused, not guessed */
	CHECK(read_csv("nm;a\n400,5;1\n401.5;2\n", &r, &err) == GS_ERR_SYNTAX);
	CHECK_MSG(strstr(err.msg, "column 1 of CSV line 3"), "%s", err.msg);
	CHECK_MSG(strstr(err.hint, "decimal comma"), "%s", err.hint);
	CHECK(read_csv("nm\ta\n400\t1,234.5\n", &r, &err) == GS_ERR_SYNTAX);
	CHECK(read_csv("nm;a\n400;1,2,3\n", &r, &err) == GS_ERR_SYNTAX);
}

GS_TEST(test_io_csv_write_roundtrip)
{
	size_t		n = 2000;
	gs_packed_spectrum *p = malloc(gs_packed_size(n, true));
	double	   *x;
	float	   *y;
	unsigned	seed = 99;
	gs_error	err;
	char	   *text;
	size_t		len;
	gs_io_result r;

	gs_packed_init(p, GS_UNIT_RAMAN_CM1, n, true, 0, 0, 785.25, &x, &y);
	for (size_t i = 0; i < n; i++)
	{
		uint32_t	bits;

		seed = seed * 1103515245u + 12345u;
		bits = (seed & 0x3fffffffu) | (i & 1 ? 0x80000000u : 0);
		memcpy(&y[i], &bits, 4);
		x[i] = 50.0 + (double) i / 7.0;
	}
	CHECK(gs_packed_finish(p, &err) == GS_OK);
	{
		gs_spectrum_view v = gs_packed_view(p);

		CHECK(gs_write_csv(&v, "a, \"title\"", &gs_malloc_allocator, &text, &len, &err) == GS_OK);
		CHECK(gs_read_csv(text, len, NULL, n, &gs_malloc_allocator, &r, &err) == GS_OK);
		if (r.n_items == 1)
		{
			CHECK(memcmp((char *) r.items[0].spectrum + 4, (char *) p + 4, gs_packed_size(n, true) - 4) == 0);
			CHECK_STR(r.items[0].title, "a   title");
		}
		gs_io_result_free(&r);
		free(text);
	}
	free(p);
}

GS_TEST(test_io_formats_and_detection)
{
	gs_io_format f;
	static const unsigned char spc_head[4] = {0, 0x4B, 0x80, 0};

	CHECK(gs_io_format_parse("JCAMP", &f) && f == GS_IO_JCAMP);
	CHECK(gs_io_format_parse("jdx", &f) && f == GS_IO_JCAMP);
	CHECK(gs_io_format_parse("emsa", &f) && f == GS_IO_MSA);
	CHECK(gs_io_format_parse("tsv", &f) && f == GS_IO_CSV);
	CHECK(gs_io_format_parse("auto", &f) && f == GS_IO_AUTO);
	CHECK(!gs_io_format_parse("pdf", &f));
	CHECK_STR(gs_io_format_name(GS_IO_USGS), "usgs");
	CHECK(gs_io_detect("##TITLE=x\n", 10, NULL) == GS_IO_JCAMP);
	CHECK(gs_io_detect("\r\n  ##NAMES=Quartz\n", 19, "a.txt") == GS_IO_RRUFF);
	CHECK(gs_io_detect("#FORMAT : EMSA/MAS\n", 19, NULL) == GS_IO_MSA);
	CHECK(gs_io_detect(spc_head, 4, "x.bin") == GS_IO_SPC);
	CHECK(gs_io_detect(" splib07a Record=1: x\n 0.1\n", 27, NULL) == GS_IO_USGS);
	CHECK(gs_io_detect("x,y\n1,2\n", 8, NULL) == GS_IO_CSV);
	CHECK(gs_io_detect("hello world\n", 12, "a.csv") == GS_IO_CSV);
	CHECK(gs_io_detect("hello world\n", 12, NULL) == GS_IO_AUTO);
	{
		const char *bom = "\xef\xbb\xbf##TITLE=b\n##XUNITS=NANOMETERS\n##XYPOINTS=(XY..XY)\n1,2\n##END=\n";
		gs_io_result r;
		gs_error	err;

		CHECK(gs_io_read(GS_IO_AUTO, bom, strlen(bom), NULL, 10, &gs_malloc_allocator, &r, &err) == GS_OK);
		CHECK(r.n_items == 1 && strcmp(r.items[0].title, "b") == 0);
		gs_io_result_free(&r);
	}
}

GS_TEST(test_io_meta_json_text)
{
	/* Latin-1 bytes, quotes and control characters in a header; a repeated label */
	const char text[] = "##NAMES=Caf\xe9 \"A\"\\\x01x\n##NAMES=again\n##LOCALITY=Z\xc3\xbcrich\n1, 2\n";
	gs_io_result r;
	gs_error	err;

	CHECK(gs_read_rruff(text, sizeof(text) - 1, NULL, 10, &gs_malloc_allocator, &r, &err) == GS_OK);
	if (r.n_items == 1)
	{
		CHECK_STR(r.items[0].meta, "{\"NAMES\":\"Caf\xc3\xa9 \\\"A\\\"\\\\\\u0001x\",\"NAMES_2\":\"again\","
				  "\"LOCALITY\":\"Z\xc3\xbcrich\"}");
		CHECK_STR(r.items[0].title, "Caf\xc3\xa9 \"A\"\\\x01x");
	}
	gs_io_result_free(&r);
}
