/*
 * Replays every input in test/fuzz/regressions/<reader>/ (inputs that once
 * crashed a fuzz harness) through the same reader: each must now end in a
 * clean result or a clean error.  Under `make unittest SANITIZE=1` a memory
 * or undefined-behaviour error fails the run.
 */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "gs_test.h"
#include "io_test_util.h"

typedef gs_status (*reader_fn) (const void *, size_t, const char *, size_t, const gs_allocator *,
								gs_io_result *, gs_error *);

static gs_status
read_usgs_split(const void *bytes, size_t len, const char *hint, size_t max_points,
				const gs_allocator *alloc, gs_io_result *r, gs_error *err)
{
	/* as fuzz_usgs.c: values, NUL, wavelengths */
	const char *nul = memchr(bytes, 0, len);
	size_t		values_len = nul ? (size_t) (nul - (const char *) bytes) : len;

	return gs_read_usgs(bytes, values_len, nul ? nul + 1 : bytes, nul ? len - values_len - 1 : len,
						hint, max_points, alloc, r, err);
}

static const struct
{
	const char *name;
	reader_fn	read;
}			readers[] = {
	{"jcamp", gs_read_jcamp}, {"spc", gs_read_spc}, {"msa", gs_read_msa}, {"rruff", gs_read_rruff},
	{"csv", gs_read_csv}, {"usgs", read_usgs_split},
};

GS_TEST(test_io_fuzz_regressions)
{
	size_t		replayed = 0;

	for (size_t k = 0; k < sizeof(readers) / sizeof(readers[0]); k++)
	{
		char		dir[1024];
		DIR		   *d;
		struct dirent *e;

		snprintf(dir, sizeof(dir), "%s/test/fuzz/regressions/%s", gs_test_srcdir(), readers[k].name);
		d = opendir(dir);
		if (!d)
			continue;
		while ((e = readdir(d)) != NULL)
		{
			char		path[2048];
			size_t		len;
			char	   *bytes;
			gs_io_result r;
			gs_error	err;
			gs_status	st;

			if (e->d_name[0] == '.')
				continue;
			snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
			bytes = io_test_read_file(path, &len);
			if (!bytes)
				continue;
			st = readers[k].read(bytes, len, "fuzz__Raman__532__x.txt", 4096, &gs_malloc_allocator, &r, &err);
			CHECK_MSG(st == GS_OK || (err.status == st && err.msg[0] && r.n_items == 0),
					  "%s/%s: inconsistent error", readers[k].name, e->d_name);
			gs_io_result_free(&r);
			free(bytes);
			replayed++;
		}
		closedir(d);
	}
	CHECK(replayed > 0);
}
