#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "gs_test.h"
#include "io_test_util.h"

/* ---- a tiny SPC writer for fixtures ---- */

typedef struct spc_bytes
{
	unsigned char b[8192];
	size_t		len;
	bool		big_endian;
} spc_bytes;

static void
put_bytes(spc_bytes *s, size_t off, const void *v, size_t n)
{
	unsigned char tmp[8];

	memcpy(tmp, v, n);
	for (size_t i = 0; i < n; i++)
		s->b[off + i] = s->big_endian ? tmp[n - 1 - i] : tmp[i];
	if (off + n > s->len)
		s->len = off + n;
}

static void
put_u32(spc_bytes *s, size_t off, uint32_t v)
{
	put_bytes(s, off, &v, 4);
}

static void
put_u16(spc_bytes *s, size_t off, uint16_t v)
{
	put_bytes(s, off, &v, 2);
}

static void
put_f32(spc_bytes *s, size_t off, float v)
{
	put_bytes(s, off, &v, 4);
}

static void
put_f64(spc_bytes *s, size_t off, double v)
{
	put_bytes(s, off, &v, 8);
}

/* New-format header; returns the offset after it. */
static size_t
new_header(spc_bytes *s, unsigned version, unsigned flags, int exp, uint32_t npts, double first,
		   double last, uint32_t nsub, unsigned xtype)
{
	memset(s, 0, sizeof(*s));
	s->big_endian = version == 0x4C;
	s->b[0] = (unsigned char) flags;
	s->b[1] = (unsigned char) version;
	s->b[3] = (unsigned char) exp;
	put_u32(s, 4, npts);
	put_f64(s, 8, first);
	put_f64(s, 16, last);
	put_u32(s, 24, nsub);
	s->b[28] = (unsigned char) xtype;
	memcpy(s->b + 88, "fixture comment", 15);
	s->len = 512;
	return 512;
}

/* Subfile header at off; returns the offset after it. */
static size_t
sub_header(spc_bytes *s, size_t off, int exp, float z, uint32_t npts)
{
	s->b[off + 1] = (unsigned char) exp;
	put_f32(s, off + 4, z);
	put_u32(s, off + 16, npts);
	if (off + 32 > s->len)
		s->len = off + 32;
	return off + 32;
}

static gs_status
read_spc(const spc_bytes *s, gs_io_result *r, gs_error *err)
{
	return gs_read_spc(s->b, s->len, NULL, 100000, &gs_malloc_allocator, r, err);
}

static bool
expect_loaded(gs_status st, const gs_error *err, const gs_io_result *r, size_t n_items, const char *what)
{
	if (st != GS_OK)
	{
		gs_test_fail(__FILE__, __LINE__, "%s: %s (%s)", what, err->msg, err->detail);
		return false;
	}
	CHECK_MSG(r->n_items == n_items, "%s: %zu spectra, expected %zu", what, r->n_items, n_items);
	return r->n_items == n_items;
}

static void
check_values(const gs_io_item *it, const double *x, const float *y, size_t n, const char *what)
{
	gs_spectrum_view v = gs_packed_view(it->spectrum);

	CHECK_MSG(v.n == n, "%s: n = %zu", what, v.n);
	for (size_t i = 0; i < n && v.n == n; i++)
		CHECK_MSG(gs_view_x(&v, i) == x[i] && v.y[i] == y[i], "%s: point %zu is (%.9g, %.9g), expected (%.9g, %.9g)",
				  what, i, gs_view_x(&v, i), v.y[i], x[i], y[i]);
}

GS_TEST(test_io_spc_single_even)
{
	static const double x[] = {100, 101, 102, 103};
	spc_bytes	s;
	gs_io_result r;
	gs_error	err;
	size_t		off;

	/* float Y (exponent 0x80) */
	static const float yf[] = {1.5f, 2.5f, -3, 4};

	off = sub_header(&s, new_header(&s, 0x4B, 0, 0x80, 4, 100, 103, 1, 1), 0x80, 0, 0);
	for (int i = 0; i < 4; i++)
		put_f32(&s, off + 4 * i, yf[i]);
	if (expect_loaded(read_spc(&s, &r, &err), &err, &r, 1, "float Y"))
	{
		gs_spectrum_view v = gs_packed_view(r.items[0].spectrum);

		CHECK(v.unit == GS_UNIT_CM1 && v.x == NULL && v.start == 100 && v.step == 1);
		check_values(&r.items[0], x, yf, 4, "float Y");
		CHECK_STR(r.items[0].title, "fixture comment");
		CHECK_MSG(strstr(r.items[0].meta, "\"comment\":\"fixture comment\""), "meta %s", r.items[0].meta);
	}
	gs_io_result_free(&r);

	/* 32-bit integer Y scaled by 2^(exp-32) */
	{
		static const int32_t k[] = {65536, 131072, -65536, 32768};
		static const float y[] = {1, 2, -1, 0.5f};

		off = sub_header(&s, new_header(&s, 0x4B, 0, 16, 4, 100, 103, 1, 1), 16, 0, 0);
		for (int i = 0; i < 4; i++)
			put_u32(&s, off + 4 * i, (uint32_t) k[i]);
		if (expect_loaded(read_spc(&s, &r, &err), &err, &r, 1, "int32 Y"))
			check_values(&r.items[0], x, y, 4, "int32 Y");
		gs_io_result_free(&r);
	}
	/* 16-bit integer Y (TSPREC) scaled by 2^(exp-16) */
	{
		static const int16_t k[] = {1, 2, -3, 4};
		static const float y[] = {2, 4, -6, 8};

		off = sub_header(&s, new_header(&s, 0x4B, 0x01, 17, 4, 100, 103, 1, 1), 17, 0, 0);
		for (int i = 0; i < 4; i++)
			put_u16(&s, off + 2 * i, (uint16_t) k[i]);
		if (expect_loaded(read_spc(&s, &r, &err), &err, &r, 1, "int16 Y"))
			check_values(&r.items[0], x, y, 4, "int16 Y");
		gs_io_result_free(&r);
	}
	/* big-endian new format (0x4C), high to low axis */
	{
		static const double xr[] = {100, 101, 102, 103};
		static const float y[] = {4, -3, 2.5f, 1.5f};

		off = sub_header(&s, new_header(&s, 0x4C, 0, 0x80, 4, 103, 100, 1, 3), 0x80, 0, 0);
		for (int i = 0; i < 4; i++)
			put_f32(&s, off + 4 * i, yf[i]);
		if (expect_loaded(read_spc(&s, &r, &err), &err, &r, 1, "MSB"))
		{
			CHECK(gs_packed_view(r.items[0].spectrum).unit == GS_UNIT_NM);
			check_values(&r.items[0], xr, y, 4, "MSB");
		}
		gs_io_result_free(&r);
	}
}

GS_TEST(test_io_spc_explicit_and_multifile)
{
	spc_bytes	s;
	gs_io_result r;
	gs_error	err;
	size_t		off;

	/* TXVALS: one X array for all, written high to low */
	{
		static const float xs[] = {500, 400, 300};
		static const double x[] = {300, 400, 500};
		static const float y[] = {3, 2, 1};

		off = new_header(&s, 0x4B, 0x80, 0x80, 3, 0, 0, 1, 13);
		for (int i = 0; i < 3; i++)
			put_f32(&s, off + 4 * i, xs[i]);
		off = sub_header(&s, off + 12, 0x80, 0, 0);
		for (int i = 0; i < 3; i++)
			put_f32(&s, off + 4 * i, (float) (i + 1));
		if (expect_loaded(read_spc(&s, &r, &err), &err, &r, 1, "TXVALS"))
		{
			CHECK(gs_packed_view(r.items[0].spectrum).unit == GS_UNIT_RAMAN_CM1);
			check_values(&r.items[0], x, y, 3, "TXVALS");
		}
		gs_io_result_free(&r);
	}
	/* TMULTI, even X: three subfiles with their Z */
	{
		static const double x[] = {10, 20};

		off = new_header(&s, 0x4B, 0x04, 0x80, 2, 10, 20, 3, 2);
		for (int k = 0; k < 3; k++)
		{
			off = sub_header(&s, off, 0x80, 0.5f * (float) k, 0);
			put_f32(&s, off, (float) k);
			put_f32(&s, off + 4, (float) (10 * k));
			off += 8;
		}
		if (expect_loaded(read_spc(&s, &r, &err), &err, &r, 3, "TMULTI"))
		{
			float		y2[] = {2, 20};

			CHECK(gs_packed_view(r.items[0].spectrum).unit == GS_UNIT_UM);
			check_values(&r.items[2], x, y2, 2, "TMULTI subfile 3");
			CHECK_MSG(strstr(r.items[2].meta, "\"subfile\":\"3\",\"z\":\"1\""), "meta %s", r.items[2].meta);
		}
		gs_io_result_free(&r);
	}
	/* TXYXYS: each subfile has its own X and length */
	{
		off = new_header(&s, 0x4B, 0x04 | 0x40 | 0x80, 0x80, 0, 0, 0, 2, 3);
		off = sub_header(&s, off, 0x80, 0, 3);
		for (int i = 0; i < 3; i++)
			put_f32(&s, off + 4 * i, (float) (200 + i));
		for (int i = 0; i < 3; i++)
			put_f32(&s, off + 12 + 4 * i, (float) (7 * i));
		off = sub_header(&s, off + 24, 0x80, 1, 2);
		put_f32(&s, off, 900);
		put_f32(&s, off + 4, 800);
		put_f32(&s, off + 8, -1);
		put_f32(&s, off + 12, -2);
		if (expect_loaded(read_spc(&s, &r, &err), &err, &r, 2, "TXYXYS"))
		{
			double		x1[] = {200, 201, 202},
						x2[] = {800, 900};
			float		y1[] = {0, 7, 14},
						y2[] = {-2, -1};

			check_values(&r.items[0], x1, y1, 3, "TXYXYS 1");
			check_values(&r.items[1], x2, y2, 2, "TXYXYS 2");
		}
		gs_io_result_free(&r);
	}
}

GS_TEST(test_io_spc_old_format_and_log)
{
	spc_bytes	s;
	gs_io_result r;
	gs_error	err;

	/* 0x4D: 256-byte header ending in the first subheader, Y high word first */
	memset(&s, 0, sizeof(s));
	s.b[1] = 0x4D;
	put_u16(&s, 2, 16);
	put_f32(&s, 4, 3);
	put_f32(&s, 8, 10);
	put_f32(&s, 12, 12);
	s.b[16] = 3;
	memcpy(s.b + 64, "old one", 7);
	s.len = 256;
	{
		static const int32_t k[] = {65536, -131072, 98304};
		static const double x[] = {10, 11, 12};
		static const float y[] = {1, -2, 1.5f};

		for (int i = 0; i < 3; i++)
		{
			uint32_t	u = (uint32_t) k[i];

			put_u16(&s, 256 + 4 * i, (uint16_t) (u >> 16));
			put_u16(&s, 256 + 4 * i + 2, (uint16_t) (u & 0xffff));
		}
		if (expect_loaded(read_spc(&s, &r, &err), &err, &r, 1, "old format"))
		{
			check_values(&r.items[0], x, y, 3, "old format");
			CHECK_STR(r.items[0].title, "old one");
		}
		gs_io_result_free(&r);
	}
	/* log block: 64-byte header whose logtxto points at the text */
	{
		size_t		off = sub_header(&s, new_header(&s, 0x4B, 0, 0x80, 1, 5, 5, 1, 17), 0x80, 0, 0);

		put_f32(&s, off, 42);
		put_u32(&s, 248, (uint32_t) (off + 4));
		put_u32(&s, off + 4 + 8, 64);
		memcpy(s.b + off + 4 + 64, "OPERATOR=ann\r\nGAIN=2\r\n", 23);
		s.len = off + 4 + 64 + 23;
		if (expect_loaded(read_spc(&s, &r, &err), &err, &r, 1, "log"))
		{
			CHECK(gs_packed_view(r.items[0].spectrum).unit == GS_UNIT_CHANNEL);
			CHECK_MSG(strstr(r.items[0].meta, "\"log\":\"OPERATOR=ann\\r\\nGAIN=2\""), "meta %s", r.items[0].meta);
		}
		gs_io_result_free(&r);
	}
}

static void
check_spc_error(const spc_bytes *s, size_t max_points, gs_status status, const char *words)
{
	gs_io_result r;
	gs_error	err;
	gs_status	st = gs_read_spc(s->b, s->len, NULL, max_points, &gs_malloc_allocator, &r, &err);

	CHECK_MSG(st == status && strstr(err.msg, words), "expected %d \"%s\", got %d \"%s\"", status, words, st,
			  st ? err.msg : "(loaded)");
	gs_io_result_free(&r);
}

GS_TEST(test_io_spc_errors)
{
	spc_bytes	s;

	sub_header(&s, new_header(&s, 0x4B, 0, 0x80, 1000, 1, 2, 1, 1), 0x80, 0, 0);
	check_spc_error(&s, 100000, GS_ERR_SYNTAX, "truncated in the Y values at byte 544");
	check_spc_error(&s, 100, GS_ERR_LIMIT, "more than the limit");
	new_header(&s, 0x4B, 0x04, 0x80, 10, 1, 2, 2000000000u, 1);
	check_spc_error(&s, 100000, GS_ERR_LIMIT, "subfiles");
	new_header(&s, 0x4B, 0, 0x80, 1, 1, 2, 1, 4);
	check_spc_error(&s, 100000, GS_ERR_UNSUPPORTED, "x unit code 4 (seconds)");
	new_header(&s, 0xCF, 0, 0x80, 1, 1, 2, 1, 1);
	check_spc_error(&s, 100000, GS_ERR_UNSUPPORTED, "version byte 0xCF");
	s.len = 100;
	s.b[1] = 0x4B;
	check_spc_error(&s, 100000, GS_ERR_SYNTAX, "truncated in the header");
}

/* ---- real files ---- */

static const io_test_rejection spc_rejections[] = {
	{"spc/NMR_FID.SPC", GS_ERR_UNSUPPORTED, "x unit code 4 (seconds)"},
	{"spc/NMR_SPC.SPC", GS_ERR_UNSUPPORTED, "x unit code 10 (parts per million)"},
	{"spc/m_xyxy.spc", GS_ERR_UNSUPPORTED, "x unit code 9 (mass (m/z))"},
	{"spc/ms.spc", GS_ERR_UNSUPPORTED, "x unit code 9 (mass (m/z))"},
	{"spc/s_xy.spc", GS_ERR_UNSUPPORTED, "x unit code 5 (minutes)"},
	/* Shimadzu's SPC is an OLE compound document, not Galactic's layout */
	{"spc/Shimadzu UV-Vis.spc", GS_ERR_UNSUPPORTED, "version byte 0xCF"},
	{NULL, GS_OK, NULL},
};

GS_TEST(test_io_spc_real_files)
{
	if (!gs_test_datadir())
	{
		gs_test_skip("no real-data folder");
		return;
	}
	CHECK(io_test_folder("spc_testfiles", "spc", spc_rejections) == 29);
}

/*
 * Compares a file with the reference dump of the `spc` Python package: one
 * line per point in file order, x then one column per subfile.  Files with
 * an x unit that is refused get the code of nm patched in, to compare the
 * decoding all the same.
 */
static void
compare_with_dump(const char *name, double first_subfile_scale)
{
	const char *datadir = gs_test_datadir();
	char		path[2048];
	size_t		len = 0,
				dump_len = 0;
	char	   *bytes,
			   *dump;
	gs_io_result r;
	gs_error	err;
	size_t		rows = 0,
				bad = 0;

	snprintf(path, sizeof(path), "%s/spc_testfiles/spc/%s", datadir, name);
	bytes = io_test_read_file(path, &len);
	snprintf(path, sizeof(path), "%s/spc_testfiles/txt3_reference_dumps/%s.txt", datadir, name);
	dump = io_test_read_file(path, &dump_len);
	if (!bytes || !dump)
	{
		gs_test_fail(__FILE__, __LINE__, "%s: files missing", name);
		free(bytes);
		free(dump);
		return;
	}
	if (bytes[1] == 0x4B && (bytes[28] == 4 || bytes[28] == 5 || bytes[28] == 9))
		bytes[28] = 3;
	if (gs_read_spc(bytes, len, name, 1000000, &gs_malloc_allocator, &r, &err) != GS_OK)
	{
		gs_test_fail(__FILE__, __LINE__, "%s: %s (%s)", name, err.msg, err.detail);
		free(bytes);
		free(dump);
		return;
	}
	for (char *line = strtok(dump, "\n"); line; line = strtok(NULL, "\n"), rows++)
	{
		char	   *p = line;
		double		x = strtod(p, &p);

		for (size_t k = 0; k < r.n_items; k++)
		{
			gs_spectrum_view v = gs_packed_view(r.items[k].spectrum);
			double		y = strtod(p, &p) * (k == 0 ? first_subfile_scale : 1);
			size_t		i;

			if (rows >= v.n)
			{
				bad++;
				continue;
			}
			/* the dump is in file order, the spectrum runs upwards */
			i = fabs(gs_view_x(&v, rows) - x) <= 1e-6 * fmax(1, fabs(x)) ? rows : v.n - 1 - rows;
			if (!(fabs(gs_view_x(&v, i) - x) <= 1e-6 * fmax(1, fabs(x)) &&
				  fabs((double) v.y[i] - y) <= 1e-6 * fmax(1e-3, fabs(y))) && bad++ < 3)
				gs_test_fail(__FILE__, __LINE__, "%s: row %zu subfile %zu is (%.12g, %.12g), dump says (%.12g, %.12g)",
							 name, rows, k, gs_view_x(&v, i), (double) v.y[i], x, y);
		}
	}
	CHECK_MSG(r.n_items > 0 && rows == gs_packed_view(r.items[0].spectrum).n, "%s: dump has %zu rows", name, rows);
	CHECK_MSG(bad == 0, "%s: %zu values differ from the dump", name, bad);
	gs_io_result_free(&r);
	free(bytes);
	free(dump);
}

GS_TEST(test_io_spc_reference_dumps)
{
	static const char *const files[] = {
		"BC408_5mmHorizontal.spc", "CAthickyellow_try4_17_ZSCAN.spc", "CAthickyellow_try4_18.spc",
		"DERt3_1.spc", "DOERNER.spc", "Ft-ir.spc", "HENE25.SPC", "HENE27.SPC", "KRY3.SPC", "KRY4.SPC",
		"KRY5.SPC", "MERC.SPC", "RAMAN.SPC", "RUBY18.SPC", "TS01.SPC", "kry2.spc", "m_ordz.spc", "nir.spc", "s_evenx.spc", "s_xy.spc",
	};

	if (!gs_test_datadir())
	{
		gs_test_skip("no real-data folder");
		return;
	}
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++)
		compare_with_dump(files[i], 1);
	/*
	 * The first subfile of m_evenz.spc has the exponent byte 0xFF, -1 as the
	 * signed char the format defines; the spc package reads it unsigned,
	 * calls 255 out of range and uses 0, doubling that subfile.
	 */
	compare_with_dump("m_evenz.spc", 0.5);
}
