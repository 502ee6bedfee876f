/*
 * Runs every GS_TEST in TAP form and ends with
 * "unit: N passed, N failed, N skipped" (the line .ci/run counts).  Arguments, if any, select tests by name.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "gs_test.h"

#define T(name) void name(void);
#include "tests.h"
#undef T

static const struct
{
	const char *name;
	void		(*fn) (void);
}			tests[] = {
#define T(name) {#name, name},
#include "tests.h"
#undef T
};

int			gs_test_failures;
static bool skipped;

void
gs_test_fail(const char *file, int line, const char *fmt,...)
{
	va_list		ap;

	gs_test_failures++;
	if (gs_test_failures > 20)
		return;					/* one broken loop must not flood the log */
	fprintf(stdout, "#   %s:%d: ", file, line);
	va_start(ap, fmt);
	vfprintf(stdout, fmt, ap);
	va_end(ap);
	fputc('\n', stdout);
}

void
gs_test_skip(const char *why)
{
	skipped = true;
	printf("#   skip: %s\n", why);
}

const char *
gs_test_srcdir(void)
{
	const char *d = getenv("GEOSPECTRA_SRCDIR");

	return d && *d ? d : ".";
}

const char *
gs_test_datadir(void)
{
	static char buf[4096];
	const char *d = getenv("GEOSPECTRA_DATA");
	struct stat st;

	if (d && *d)
		return stat(d, &st) == 0 ? d : NULL;
	snprintf(buf, sizeof(buf), "%s/../shared/data", gs_test_srcdir());
	return stat(buf, &st) == 0 ? buf : NULL;
}

static bool
selected(int argc, char **argv, const char *name)
{
	if (argc < 2)
		return true;
	for (int i = 1; i < argc; i++)
		if (strcmp(argv[i], name) == 0)
			return true;
	return false;
}

int
main(int argc, char **argv)
{
	int			passed = 0,
				failed = 0,
				skips = 0,
				number = 0;

	setvbuf(stdout, NULL, _IOLBF, 0);
	for (size_t i = 0; i < sizeof(tests) / sizeof(tests[0]); i++)
	{
		if (!selected(argc, argv, tests[i].name))
			continue;
		gs_test_failures = 0;
		skipped = false;
		tests[i].fn();
		number++;
		if (gs_test_failures)
		{
			printf("not ok %d - %s (%d failed checks)\n", number, tests[i].name, gs_test_failures);
			failed++;
		}
		else if (skipped)
		{
			printf("ok %d - %s # SKIP\n", number, tests[i].name);
			skips++;
		}
		else
		{
			printf("ok %d - %s\n", number, tests[i].name);
			passed++;
		}
	}
	printf("1..%d\n", number);
	printf("unit: %d passed, %d failed, %d skipped\n", passed, failed, skips);
	return failed ? 1 : 0;
}
