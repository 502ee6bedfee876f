#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "gs_test.h"
#include "io_test_util.h"

static gs_status
read_msa(const char *text, gs_io_result *r, gs_error *err)
{
	return gs_read_msa(text, strlen(text), NULL, 100000, &gs_malloc_allocator, r, err);
}

#define MSA_HEAD "#FORMAT      : EMSA/MAS Spectral Data File\r\n#VERSION     : 1.0\r\n#TITLE       : fixture\r\n"

GS_TEST(test_io_msa_layouts)
{
	gs_io_result r;
	gs_error	err;

	/* Y in three columns is one spectrum; the axis is OFFSET + XPERCHAN * i */
	CHECK(read_msa(MSA_HEAD "#NPOINTS : 5.0\r\n#NCOLUMNS : 3\r\n#XUNITS : eV\r\n#DATATYPE : Y\r\n"
				   "#XPERCHAN : 10.0\r\n#OFFSET : -5\r\n#LIVETIME  -s: 1.5\r\n#SPECTRUM :\r\n"
				   "1, 2, 3,\r\n4, 5,\r\n#ENDOFDATA : \r\n", &r, &err) == GS_OK);
	CHECK_EQ_INT(r.n_items, 1);
	if (r.n_items == 1)
	{
		gs_spectrum_view v = gs_packed_view(r.items[0].spectrum);

		CHECK(v.unit == GS_UNIT_EV && v.n == 5 && !v.x && v.start == -5 && v.step == 10);
		CHECK(v.y[0] == 1 && v.y[4] == 5);
		CHECK_STR(r.items[0].title, "fixture");
		CHECK_MSG(strstr(r.items[0].meta, "\"LIVETIME  -s\":\"1.5\""), "meta %s", r.items[0].meta);
	}
	gs_io_result_free(&r);

	/* XY pairs in keV */
	CHECK(read_msa(MSA_HEAD "#NPOINTS : 3\n#XUNITS : keV\n#DATATYPE : XY\n#SPECTRUM\n"
				   "0.5, 10\n1.5, 20\n2.0, 30\n#ENDOFDATA\n", &r, &err) == GS_OK);
	if (r.n_items == 1)
	{
		gs_spectrum_view v = gs_packed_view(r.items[0].spectrum);

		CHECK(v.unit == GS_UNIT_KEV && v.n == 3 && v.x && v.x[1] == 1.5 && v.y[2] == 30);
	}
	gs_io_result_free(&r);

	/* one column per detector, each with its own calibration */
	CHECK(read_msa(MSA_HEAD "#NPOINTS : 2\n#NCOLUMNS : 2\n#DATATYPE : YY\n#XPERCHAN : 10, 20 eV\n"
				   "#OFFSET : 0,1\n#SPECTRUM :\n1, 2\n3, 4\n#ENDOFDATA :\n", &r, &err) == GS_OK);
	CHECK_EQ_INT(r.n_items, 2);
	if (r.n_items == 2)
	{
		gs_spectrum_view a = gs_packed_view(r.items[0].spectrum);
		gs_spectrum_view b = gs_packed_view(r.items[1].spectrum);

		CHECK(a.step == 10 && a.start == 0 && a.y[0] == 1 && a.y[1] == 3);
		CHECK(b.step == 20 && b.start == 1 && b.y[0] == 2 && b.y[1] == 4);
	}
	gs_io_result_free(&r);

	/* no calibration: a channel axis */
	CHECK(read_msa(MSA_HEAD "#NPOINTS : 2\n#SPECTRUM :\n7\n8\n#ENDOFDATA :\n", &r, &err) == GS_OK);
	if (r.n_items == 1)
	{
		gs_spectrum_view v = gs_packed_view(r.items[0].spectrum);

		CHECK(v.unit == GS_UNIT_CHANNEL && v.start == 0 && v.step == 1 && v.n == 2);
	}
	gs_io_result_free(&r);

	/* a configuration file holds no spectrum */
	CHECK(read_msa(MSA_HEAD "#NPOINTS : 0  This should be zero\n#XPERCHAN : 10\n", &r, &err) == GS_OK);
	CHECK_EQ_INT(r.n_items, 0);
	gs_io_result_free(&r);
}

static void
check_msa_error(const char *text, gs_status status, const char *words)
{
	gs_io_result r;
	gs_error	err;
	gs_status	st = read_msa(text, &r, &err);

	CHECK_MSG(st == status && strstr(err.msg, words), "expected %d \"%s\", got %d \"%s\"", status, words,
			  st, st ? err.msg : "(loaded)");
	gs_io_result_free(&r);
}

GS_TEST(test_io_msa_errors)
{
	check_msa_error(MSA_HEAD "#NPOINTS : 3\n#SPECTRUM :\n1\n2\n#ENDOFDATA :\n", GS_ERR_SYNTAX,
					"hold 2 points but NPOINTS on line 4 says 3");
	check_msa_error(MSA_HEAD "#SPECTRUM :\n1\n#XUNITS : eV\n2\n", GS_ERR_SYNTAX, "keyword inside the data on line 6");
	check_msa_error(MSA_HEAD "hello\n", GS_ERR_SYNTAX, "unexpected text on line 4");
	check_msa_error(MSA_HEAD "#SPECTRUM :\n1 2 x\n", GS_ERR_SYNTAX, "invalid number on line 5");
	check_msa_error(MSA_HEAD "#DATATYPE : XYZ\n#SPECTRUM :\n1\n", GS_ERR_UNSUPPORTED, "DATATYPE \"XYZ\"");
	check_msa_error(MSA_HEAD "#XUNITS : furlong\n#XPERCHAN : 1\n#SPECTRUM :\n1\n", GS_ERR_UNSUPPORTED,
					"x unit \"furlong\"");
	check_msa_error(MSA_HEAD "#DATATYPE : XY\n#SPECTRUM :\n1, 2, 3\n", GS_ERR_SYNTAX, "not a multiple of 2");
	check_msa_error(MSA_HEAD "#NPOINTS : 1\n", GS_ERR_SYNTAX, "no #SPECTRUM");
	check_msa_error(MSA_HEAD "#NPOINTS : many\n", GS_ERR_SYNTAX, "invalid NPOINTS on line 4");
}

/* Sum of counts against the index's total_counts. */
static void
check_totals(const char *folder)
{
	const char *datadir = gs_test_datadir();
	io_test_index ix;

	if (!io_test_index_load(datadir, folder, &ix))
	{
		gs_test_fail(__FILE__, __LINE__, "%s: no index", folder);
		return;
	}
	for (size_t row = 0; row < ix.rows; row++)
	{
		const char *file = io_test_cell(&ix, row, "file");
		const char *total = io_test_cell(&ix, row, "total_counts");
		char		path[2048];
		size_t		len;
		char	   *bytes;
		gs_io_result r;
		gs_error	err;

		if (!*total || !strstr(file, ".msa"))
			continue;
		snprintf(path, sizeof(path), "%s/%s/%s", datadir, folder, file);
		bytes = io_test_read_file(path, &len);
		if (bytes && gs_read_msa(bytes, len, file, 100000, &gs_malloc_allocator, &r, &err) == GS_OK && r.n_items == 1)
		{
			gs_spectrum_view v = gs_packed_view(r.items[0].spectrum);
			double		sum = 0;

			for (size_t i = 0; i < v.n; i++)
				sum += v.y[i];
			CHECK_MSG(fabs(sum - atof(total)) <= 1e-5 * atof(total), "%s: counts sum to %.9g, index says %s",
					  file, sum, total);
			gs_io_result_free(&r);
		}
		else
			gs_test_fail(__FILE__, __LINE__, "%s: not read", file);
		free(bytes);
	}
	io_test_index_free(&ix);
}

static const io_test_rejection pixl_rejections[] = {
	/* certified compositions of the standards, not spectra */
	{"breadboard_2019_2020/Standards_Input_3_glasses_new_BB_01_08_2020.csv", GS_ERR_SYNTAX, "invalid number"},
	/* a list of file names */
	{"breadboard_pucks_20200210/msa_file_list_DetA_BHVO.txt", GS_ERR_UNSUPPORTED, "not recognised"},
	{NULL, GS_OK, NULL},
};

static const io_test_rejection nist_rejections[] = {
	/* Bruker's XML .spx is not one of the formats read */
	{"Other/20170510_D1_Mo_50kv_100mA_acryl 0.spx", GS_ERR_UNSUPPORTED, "not recognised"},
	{"Other/Albite_ChMxd_20kV0p5nA130kHzTC_5p9kHzOCR_4ks.spx", GS_ERR_UNSUPPORTED, "not recognised"},
	{"Other/chevkinite-1.spx", GS_ERR_UNSUPPORTED, "not recognised"},
	{NULL, GS_OK, NULL},
};

GS_TEST(test_io_msa_real_files)
{
	if (!gs_test_datadir())
	{
		gs_test_skip("no real-data folder");
		return;
	}
	CHECK(io_test_folder("pixl_xrf_piquant", "", pixl_rejections) >= 36);
	CHECK(io_test_folder("nist_nexlspectrum_xray", "", nist_rejections) >= 24);
	check_totals("pixl_xrf_piquant");
	check_totals("nist_nexlspectrum_xray");
}
