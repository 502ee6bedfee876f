#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "gs_test.h"
#include "io_test_util.h"

GS_TEST(test_io_usgs_gaps_and_errors)
{
	const char *values = " splib07a Record=1: Fixture HS1 BECKb AREF\n 1.0e-001\n-1.2300000e+034\n 3.0e-001\n 4.0e-001\n";
	const char *waves = " splib07a Record=18: Wavelengths\n 0.5\n 0.6\n 0.7\n-1.23e34\n";
	const char *short_waves = " title\n 0.5\n 0.6\n";
	const char *all_bad = " t\n-1.23e+034\n";
	gs_io_result r;
	gs_error	err;

	CHECK(gs_read_usgs(values, strlen(values), waves, strlen(waves), NULL, 1000, &gs_malloc_allocator, &r, &err)
		  == GS_OK);
	if (r.n_items == 1)
	{
		gs_spectrum_view v = gs_packed_view(r.items[0].spectrum);

		/* channel 2 (value) and channel 4 (wavelength) are deleted */
		CHECK(v.unit == GS_UNIT_UM && v.n == 2 && v.x[0] == 0.5 && v.x[1] == 0.7 && v.y[1] == 0.3f);
		CHECK_STR(r.items[0].title, "Fixture HS1 BECKb AREF");
		CHECK_MSG(strstr(r.items[0].meta, "\"deleted_channels\":\"2\""), "meta %s", r.items[0].meta);
	}
	gs_io_result_free(&r);
	CHECK(gs_read_usgs(values, strlen(values), short_waves, strlen(short_waves), NULL, 1000,
					   &gs_malloc_allocator, &r, &err) == GS_ERR_PARAM);
	CHECK_MSG(strstr(err.msg, "4 channels but the wavelength file has 2"), "%s", err.msg);
	CHECK(gs_read_usgs(all_bad, strlen(all_bad), all_bad, strlen(all_bad), NULL, 1000, &gs_malloc_allocator,
					   &r, &err) == GS_ERR_PARAM);
	CHECK_MSG(strstr(err.msg, "no valid channel"), "%s", err.msg);
	CHECK(gs_read_usgs("t\n1\nx\n", 6, waves, strlen(waves), NULL, 1000, &gs_malloc_allocator, &r, &err)
		  == GS_ERR_SYNTAX);
	CHECK_MSG(strstr(err.msg, "line 3 of the USGS values file"), "%s", err.msg);
	/* through the generic entry point the missing wavelength file is named */
	CHECK(gs_io_read(GS_IO_AUTO, values, strlen(values), "splib07a_Fixture.txt", 1000, &gs_malloc_allocator,
					 &r, &err) == GS_ERR_PARAM);
	CHECK_MSG(strstr(err.msg, "wavelength file"), "%s", err.msg);
}

GS_TEST(test_io_usgs_real_files)
{
	const char *datadir = gs_test_datadir();
	io_test_index ix;
	size_t		read = 0;

	if (!datadir)
	{
		gs_test_skip("no real-data folder");
		return;
	}
	if (!io_test_index_load(datadir, "usgs_splib07", &ix))
	{
		gs_test_fail(__FILE__, __LINE__, "usgs_splib07/index.csv missing");
		return;
	}
	for (size_t row = 0; row < ix.rows; row++)
	{
		const char *file = io_test_cell(&ix, row, "file");
		const char *wfile = io_test_cell(&ix, row, "wavelength_file");
		char		path[2048];
		size_t		len = 0,
					wlen = 0;
		char	   *bytes,
				   *wbytes;
		gs_io_result r;
		gs_error	err;

		snprintf(path, sizeof(path), "%s/usgs_splib07/%s", datadir, file);
		bytes = io_test_read_file(path, &len);
		snprintf(path, sizeof(path), "%s/usgs_splib07/%s", datadir, wfile);
		wbytes = io_test_read_file(path, &wlen);
		if (!bytes || !wbytes)
		{
			gs_test_fail(__FILE__, __LINE__, "%s or %s unreadable", file, wfile);
			free(bytes);
			free(wbytes);
			continue;
		}
		if (gs_read_usgs(bytes, len, wbytes, wlen, io_test_basename(file), 100000, &gs_malloc_allocator,
						 &r, &err) != GS_OK)
			gs_test_fail(__FILE__, __LINE__, "%s: %s (%s)", file, err.msg, err.detail);
		else
		{
			gs_spectrum_view v = gs_packed_view(r.items[0].spectrum);
			double		lo = atof(io_test_cell(&ix, row, "valid_x_min"));
			double		hi = atof(io_test_cell(&ix, row, "valid_x_max"));

			CHECK_MSG(v.n == (size_t) atol(io_test_cell(&ix, row, "n_valid")), "%s: %zu channels, index says %s",
					  file, v.n, io_test_cell(&ix, row, "n_valid"));
			/* the index rounds to 6 significant digits */
			CHECK_MSG(fabs(gs_view_xmin(&v) - lo) <= 1e-5 * lo && fabs(gs_view_xmax(&v) - hi) <= 1e-5 * hi,
					  "%s: x in [%g, %g], index says [%g, %g]", file, gs_view_xmin(&v), gs_view_xmax(&v), lo, hi);
			gs_io_result_free(&r);
			read++;
		}
		free(bytes);
		free(wbytes);
	}
	CHECK(read == ix.rows && read >= 900);
	io_test_index_free(&ix);
}
