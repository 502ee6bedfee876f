#include <string.h>

#include "gs_test.h"
#include "units.h"

GS_TEST(test_unit_names)
{
	gs_unit		u;

	for (int i = 0; i < GS_UNIT_COUNT; i++)
	{
		const char *name = gs_unit_name((gs_unit) i);

		CHECK(gs_unit_parse(name, strlen(name), &u) && u == (gs_unit) i);
	}
	CHECK(!gs_unit_parse("NM", 2, &u));
	CHECK(!gs_unit_parse("nmx", 3, &u));
}

GS_TEST(test_unit_conversions)
{
	/* 500 nm = 0.5 um = 20000 cm-1 = 2.47968 eV */
	CHECK_CLOSE(gs_unit_convert(500, GS_UNIT_NM, NAN, GS_UNIT_UM, NAN), 0.5, 1e-15, 0);
	CHECK_CLOSE(gs_unit_convert(500, GS_UNIT_NM, NAN, GS_UNIT_CM1, NAN), 20000, 1e-15, 0);
	CHECK_CLOSE(gs_unit_convert(500, GS_UNIT_NM, NAN, GS_UNIT_EV, NAN), 2.4796839686640052, 1e-14, 0);
	CHECK_CLOSE(gs_unit_convert(8.04778, GS_UNIT_KEV, NAN, GS_UNIT_NM, NAN), 0.154060, 1e-5, 0);	/* Cu Kα1 */
	/* 1000 cm-1 Raman shift at 532 nm: 1/(1/532e-7 - 1000) */
	CHECK_CLOSE(gs_unit_convert(1000, GS_UNIT_RAMAN_CM1, 532, GS_UNIT_NM, NAN), 1e7 / (1e7 / 532 - 1000), 1e-15, 0);
	CHECK_CLOSE(gs_unit_convert(561.89269117, GS_UNIT_NM, NAN, GS_UNIT_RAMAN_CM1, 532), 1000, 1e-9, 0);
	/* same shift seen through two lasers is still the same shift */
	CHECK_CLOSE(gs_unit_convert(gs_unit_convert(1000, GS_UNIT_RAMAN_CM1, 785, GS_UNIT_NM, NAN),
								GS_UNIT_NM, NAN, GS_UNIT_RAMAN_CM1, 785), 1000, 1e-9, 0);
	/* a shift past the laser's wavenumber has no wavelength */
	CHECK(isnan(gs_unit_convert(20000, GS_UNIT_RAMAN_CM1, 500, GS_UNIT_NM, NAN)));
	CHECK(gs_unit_conversion_reverses(GS_UNIT_NM, GS_UNIT_CM1));
	CHECK(!gs_unit_conversion_reverses(GS_UNIT_NM, GS_UNIT_RAMAN_CM1));
	CHECK(gs_unit_conversion_reverses(GS_UNIT_KEV, GS_UNIT_UM));
}

GS_TEST(test_unit_conversion_checks)
{
	gs_error	err;

	CHECK(gs_unit_check_conversion(GS_UNIT_NM, NAN, GS_UNIT_CM1, NAN, &err) == GS_OK);
	CHECK(gs_unit_check_conversion(GS_UNIT_RAMAN_CM1, NAN, GS_UNIT_NM, NAN, &err) == GS_ERR_PARAM);
	CHECK(gs_unit_check_conversion(GS_UNIT_NM, NAN, GS_UNIT_RAMAN_CM1, 0, &err) == GS_ERR_PARAM);
	CHECK(gs_unit_check_conversion(GS_UNIT_RAMAN_CM1, NAN, GS_UNIT_RAMAN_CM1, NAN, &err) == GS_OK);
	CHECK(gs_unit_check_conversion(GS_UNIT_CHANNEL, NAN, GS_UNIT_KEV, NAN, &err) == GS_ERR_UNSUPPORTED);
}
