/*
 * gs_test.h — a minimal TAP-style harness for the C unit tests.
 *
 * A test is `GS_TEST(test_name) { ... }` in any test/unit/test_*.c; the
 * Makefile collects the names.  Checks record failures and carry on, so one
 * run reports every broken expectation of a test.
 */
#ifndef GS_TEST_H
#define GS_TEST_H

#include <math.h>
#include <stdbool.h>
#include <stdio.h>

#define GS_TEST(name) void name(void)

extern int	gs_test_failures;

void		gs_test_fail(const char *file, int line, const char *fmt,...)
			__attribute__((format(printf, 3, 4)));

/* Directory of the source tree (for test/golden), from GEOSPECTRA_SRCDIR. */
const char *gs_test_srcdir(void);

/* Directory of the real spectra (GEOSPECTRA_DATA or ../shared/data), or NULL. */
const char *gs_test_datadir(void);

/* Prints "# skip: why" and marks the running test skipped. */
void		gs_test_skip(const char *why);

#define CHECK(cond) \
	do { if (!(cond)) gs_test_fail(__FILE__, __LINE__, "check failed: %s", #cond); } while (0)

#define CHECK_MSG(cond, ...) \
	do { if (!(cond)) gs_test_fail(__FILE__, __LINE__, __VA_ARGS__); } while (0)

#define CHECK_EQ_INT(a, b) \
	do { long long a_ = (long long) (a), b_ = (long long) (b); \
		if (a_ != b_) gs_test_fail(__FILE__, __LINE__, "%s = %lld, expected %lld", #a, a_, b_); } while (0)

#define CHECK_STR(a, b) \
	do { const char *a_ = (a), *b_ = (b); \
		if (strcmp(a_, b_) != 0) gs_test_fail(__FILE__, __LINE__, "%s = \"%s\", expected \"%s\"", #a, a_, b_); } while (0)

/* |a − b| <= atol + rtol·|b| */
#define CHECK_CLOSE(a, b, rtol, atol) \
	do { double a_ = (a), b_ = (b); \
		if (!(fabs(a_ - b_) <= (atol) + (rtol) * fabs(b_))) \
			gs_test_fail(__FILE__, __LINE__, "%s = %.17g, expected %.17g", #a, a_, b_); } while (0)

#endif
