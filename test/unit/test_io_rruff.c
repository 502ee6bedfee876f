#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "gs_test.h"
#include "io_test_util.h"

#define RRUFF_TEXT "##NAMES=Quartz\r\n##RRUFFID=R040031\r\n##IDEAL CHEMISTRY=SiO_2_\r\n" \
	"100.5, 1.0\r\n101.5, 2.5\r\n102.5,3\r\n##END=\r\n\r\n"

GS_TEST(test_io_rruff_units_and_laser)
{
	gs_io_result r;
	gs_error	err;
	const char *text = RRUFF_TEXT;

	CHECK(gs_read_rruff(text, strlen(text), "Quartz__R040031__Raman__785__0__unoriented__Raman_Data_Processed__1.txt",
						1000, &gs_malloc_allocator, &r, &err) == GS_OK);
	if (r.n_items == 1)
	{
		gs_spectrum_view v = gs_packed_view(r.items[0].spectrum);

		CHECK(v.unit == GS_UNIT_RAMAN_CM1 && v.has_laser && v.laser_nm == 785);
		CHECK(v.n == 3 && v.x[0] == 100.5 && v.y[2] == 3);
		CHECK_STR(r.items[0].title, "Quartz");
		CHECK_MSG(strstr(r.items[0].meta, "\"IDEAL CHEMISTRY\":\"SiO_2_\""), "meta %s", r.items[0].meta);
	}
	gs_io_result_free(&r);

	CHECK(gs_read_rruff(text, strlen(text), "Quartz__R040031-1__Infrared__Infrared_Data_Processed__2.txt",
						1000, &gs_malloc_allocator, &r, &err) == GS_OK);
	if (r.n_items == 1)
	{
		gs_spectrum_view v = gs_packed_view(r.items[0].spectrum);

		CHECK(v.unit == GS_UNIT_CM1 && !v.has_laser);
	}
	gs_io_result_free(&r);

	/* no name: Raman shift without a laser, unless the header gives one */
	CHECK(gs_read_rruff(text, strlen(text), NULL, 1000, &gs_malloc_allocator, &r, &err) == GS_OK);
	CHECK(r.n_items == 1 && !gs_packed_view(r.items[0].spectrum).has_laser);
	gs_io_result_free(&r);
	text = "##NAMES=X\n##LASER WAVELENGTH=532.1\n1 2\n3 4\n";
	CHECK(gs_read_rruff(text, strlen(text), NULL, 1000, &gs_malloc_allocator, &r, &err) == GS_OK);
	CHECK(r.n_items == 1 && gs_packed_view(r.items[0].spectrum).laser_nm == 532.1);
	gs_io_result_free(&r);
}

GS_TEST(test_io_rruff_errors)
{
	gs_io_result r;
	gs_error	err;
	const char *bad = "##NAMES=X\n1, 2\n3; 4; 5\n";
	const char *dup = "##NAMES=X\n1, 2\n1, 3\n";
	const char *empty = "##NAMES=X\n##END=\n";

	CHECK(gs_read_rruff(bad, strlen(bad), NULL, 1000, &gs_malloc_allocator, &r, &err) == GS_ERR_SYNTAX);
	CHECK_MSG(strstr(err.msg, "line 3"), "%s", err.msg);
	CHECK(gs_read_rruff(dup, strlen(dup), NULL, 1000, &gs_malloc_allocator, &r, &err) == GS_ERR_PARAM);
	CHECK(gs_read_rruff(empty, strlen(empty), NULL, 1000, &gs_malloc_allocator, &r, &err) == GS_ERR_SYNTAX);
	CHECK(gs_read_rruff(dup, strlen(dup), NULL, 1, &gs_malloc_allocator, &r, &err) == GS_ERR_LIMIT);
	gs_io_result_free(&r);
}

/* Reads every file of a RRUFF folder and checks y_min/y_max of the index besides n and x. */
static void
check_y_range(const char *folder)
{
	const char *datadir = gs_test_datadir();
	io_test_index ix;
	size_t		checked = 0;

	if (!io_test_index_load(datadir, folder, &ix))
		return;
	for (size_t row = 0; row < ix.rows; row++)
	{
		const char *file = io_test_cell(&ix, row, "file");
		char		path[2048];
		size_t		len;
		char	   *bytes;
		gs_io_result r;
		gs_error	err;

		snprintf(path, sizeof(path), "%s/%s/%s", datadir, folder, file);
		bytes = io_test_read_file(path, &len);
		if (bytes && gs_read_rruff(bytes, len, io_test_basename(file), 100000, &gs_malloc_allocator, &r, &err) == GS_OK)
		{
			gs_spectrum_view v = gs_packed_view(r.items[0].spectrum);
			float		lo = INFINITY,
						hi = -INFINITY;
			double		want_lo = atof(io_test_cell(&ix, row, "y_min")),
						want_hi = atof(io_test_cell(&ix, row, "y_max"));
			const char *laser = io_test_cell(&ix, row, "laser_nm");

			for (size_t i = 0; i < v.n; i++)
				lo = fminf(lo, v.y[i]), hi = fmaxf(hi, v.y[i]);
			CHECK_MSG(fabs(lo - want_lo) <= 1e-5 * fmax(1, fabs(want_lo)) &&
					  fabs(hi - want_hi) <= 1e-5 * fmax(1, fabs(want_hi)),
					  "%s: y in [%g, %g], index says [%g, %g]", file, lo, hi, want_lo, want_hi);
			if (*laser)
				CHECK_MSG(v.has_laser && v.laser_nm == atof(laser), "%s: laser %g", file, v.laser_nm);
			gs_io_result_free(&r);
			checked++;
		}
		free(bytes);
	}
	CHECK(checked > 0);
	io_test_index_free(&ix);
}

/* Files whose x repeats a value: a spectrum cannot hold them. */
static const io_test_rejection ir_rejections[] = {
	{"RAW/Afmite__R130082__Infrared__Infrared_Data_RAW__1297.txt", GS_ERR_PARAM, "not strictly monotonic"},
	{"RAW/Plumbophyllite__R130081__Infrared__Infrared_Data_RAW__1296.txt", GS_ERR_PARAM, "not strictly monotonic"},
	{NULL, GS_OK, NULL},
};

static const io_test_rejection no_rejections[] = {{NULL, GS_OK, NULL}};

GS_TEST(test_io_rruff_real_files)
{
	if (!gs_test_datadir())
	{
		gs_test_skip("no real-data folder");
		return;
	}
	CHECK(io_test_folder("rruff_raman_excellent_unoriented", "spectra", no_rejections) == 1239);
	CHECK(io_test_folder("rruff_raman_lr", "spectra", no_rejections) == 5);
	CHECK(io_test_folder("rruff_infrared", "", ir_rejections) == 429);
	check_y_range("rruff_raman_excellent_unoriented");
	check_y_range("rruff_raman_lr");
	check_y_range("rruff_infrared");
}
