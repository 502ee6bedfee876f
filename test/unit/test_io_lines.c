#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gs_test.h"
#include "io_lines.h"

/* io_scan_double must give strtod's bits, fast path or not. */
static int
same_as_strtod(const char *text)
{
	double		got = 0,
				want = strtod(text, NULL);
	const char *end = io_scan_double(text, text + strlen(text), &got);

	if (!end || *end != '\0' || memcmp(&got, &want, sizeof(double)) != 0)
	{
		fprintf(stderr, "  io_scan_double(\"%s\") = %.17g, strtod %.17g\n", text, got, want);
		return 0;
	}
	return 1;
}

GS_TEST(test_io_scan_double_edge_cases)
{
	static const char *const cases[] = {
		"0", "-0", "+0", "0.0", "-0.0", ".5", "5.", "-.5e1", "1e0", "1E+2", "1e-2",
		"0.1", "0.3", "123.456", "-987654.321", "1e22", "1e23", "1e-22", "1e-23",
		"9007199254740992", "9007199254740993", "9007199254740991.5",
		"12345678901234567890", "1234567890123456789012345", "0.000000000000000000000000123",
		"1.7976931348623157e308", "1e309", "4.9e-324", "2e-324", "0e999", "-0e-999",
		"123456789012345678e-5", "1.00000000000000000000000000001", "100000000000000000000000",
		"3.14159265358979323846264338327950288", "2.2250738585072014e-308",
		"0.00000000000000000000001", "1234.5678e-3", "7e+00022", "8.5e-0022",
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		CHECK_MSG(same_as_strtod(cases[i]), "case %s", cases[i]);
}

/* Numbers as instruments write them: fixed and exponent forms, 1 to 20 digits. */
GS_TEST(test_io_scan_double_random)
{
	uint64_t	state = 0x9e3779b97f4a7c15u;
	int			bad = 0;

	for (int k = 0; k < 200000 && bad < 5; k++)
	{
		char		text[64];
		char		digits[24];
		int			ndig,
					point,
					pos = 0;

		state = state * 6364136223846793005u + 1442695040888963407u;
		ndig = 1 + (int) ((state >> 33) % 20);
		for (int d = 0; d < ndig; d++)
		{
			state = state * 6364136223846793005u + 1442695040888963407u;
			digits[d] = (char) ('0' + (state >> 40) % 10);
		}
		point = (int) ((state >> 20) % (uint64_t) (ndig + 1));
		if (state & 1)
			text[pos++] = '-';
		memcpy(text + pos, digits, (size_t) point);
		pos += point;
		text[pos++] = '.';
		memcpy(text + pos, digits + point, (size_t) (ndig - point));
		pos += ndig - point;
		if (state & 2)
			pos += snprintf(text + pos, sizeof(text) - (size_t) pos, "e%d", (int) ((state >> 50) % 61) - 30);
		text[pos] = '\0';
		bad += !same_as_strtod(text);
	}
	CHECK(bad == 0);
}
