/*
 * io_test_util.h — helpers shared by the test_io_*.c files: reading a file
 * whole, the index.csv tables of the real-data folders (quoted fields may
 * span lines), and a result check.  Header-only because the Makefile builds
 * test_*.c files alone.
 */
#ifndef GS_IO_TEST_UTIL_H
#define GS_IO_TEST_UTIL_H

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "gs_io.h"
#include "gs_test.h"

static inline char *
io_test_read_file(const char *path, size_t *len)
{
	FILE	   *f = fopen(path, "rb");
	char	   *buf;
	long		n;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t) n + 1);
	if (fread(buf, 1, (size_t) n, f) != (size_t) n)
	{
		free(buf);
		fclose(f);
		return NULL;
	}
	buf[n] = '\0';
	fclose(f);
	*len = (size_t) n;
	return buf;
}

typedef struct io_test_index
{
	char	   *text;			/* the file, cut into NUL-terminated fields in place */
	char	  **cells;			/* rows * cols */
	size_t		rows;			/* data rows, header excluded */
	size_t		cols;
} io_test_index;

/* Parses <datadir>/<folder>/index.csv; false when it is missing. */
static inline bool
io_test_index_load(const char *datadir, const char *folder, io_test_index *ix)
{
	char		path[1024];
	size_t		len,
				cap = 1024,
				n = 0,
				cols = 0;
	char	   *p,
			   *w;

	snprintf(path, sizeof(path), "%s/%s/index.csv", datadir, folder);
	ix->text = io_test_read_file(path, &len);
	if (!ix->text)
		return false;
	ix->cells = malloc(cap * sizeof(char *));
	p = w = ix->text;
	while (*p)
	{
		char	   *field = w;
		bool		quoted = *p == '"';
		bool		end_of_row;

		if (quoted)
			p++;
		for (;;)
		{
			if (quoted && *p == '"' && p[1] == '"')
				*w++ = '"', p += 2;
			else if (quoted && *p == '"')
				quoted = false, p++;
			else if (*p == '\0' || (!quoted && (*p == ',' || *p == '\n' || *p == '\r')))
				break;
			else
				*w++ = *p++;
		}
		end_of_row = *p != ',';
		if (*p == '\r')
			p++;
		if (*p)
			p++;
		*w++ = '\0';
		if (n == cap)
			ix->cells = realloc(ix->cells, (cap *= 2) * sizeof(char *));
		ix->cells[n++] = field;
		if (end_of_row && cols == 0)
			cols = n;
		if (end_of_row && cols && n % cols != 0)
		{
			fprintf(stderr, "index %s: ragged row\n", path);
			break;
		}
	}
	ix->cols = cols;
	ix->rows = cols ? n / cols - 1 : 0;
	return cols > 0;
}

static inline void
io_test_index_free(io_test_index *ix)
{
	free(ix->text);
	free(ix->cells);
}

/* Cell of data row r (0-based) in the column named `col`; "" when the column is missing. */
static inline const char *
io_test_cell(const io_test_index *ix, size_t r, const char *col)
{
	for (size_t c = 0; c < ix->cols; c++)
		if (strcmp(ix->cells[c], col) == 0)
			return ix->cells[(r + 1) * ix->cols + c];
	return "";
}

/* Row whose `file` column equals file, or (size_t) -1. */
static inline size_t
io_test_find_row(const io_test_index *ix, const char *file)
{
	for (size_t r = 0; r < ix->rows; r++)
		if (strcmp(io_test_cell(ix, r, "file"), file) == 0)
			return r;
	return (size_t) -1;
}

/* A file the real-data tests expect a reader to refuse, and the words that say why. */
typedef struct io_test_rejection
{
	const char *file;			/* path inside the folder */
	gs_status	status;
	const char *words;			/* must occur in err.msg */
} io_test_rejection;

static inline const io_test_rejection *
io_test_find_rejection(const io_test_rejection *list, const char *file)
{
	for (; list->file; list++)
		if (strcmp(list->file, file) == 0)
			return list;
	return NULL;
}

/*
 * Checks a read against the index row: status, or spectrum count (> 0, or
 * == 0 when n_points is 0), then n_points, x_min, x_max of the first
 * spectrum with the given column names.
 */
static inline void
io_test_check_read(const char *file, gs_status st, const gs_error *err, const gs_io_result *r,
				   const io_test_rejection *expect_reject, const io_test_index *ix, size_t row,
				   const char *n_col, const char *min_col, const char *max_col)
{
	if (expect_reject)
	{
		CHECK_MSG(st == expect_reject->status && strstr(err->msg, expect_reject->words),
				  "%s: expected status %d with \"%s\", got %d \"%s\"", file, expect_reject->status,
				  expect_reject->words, st, st ? err->msg : "(loaded)");
		return;
	}
	if (st != GS_OK)
	{
		gs_test_fail(__FILE__, __LINE__, "%s: %s (%s)", file, err->msg, err->detail);
		return;
	}
	if (row == (size_t) -1)
	{
		CHECK_MSG(r->n_items > 0, "%s: no spectrum", file);
		return;
	}
	{
		const char *n_text = io_test_cell(ix, row, n_col);
		const char *min_text = io_test_cell(ix, row, min_col);
		const char *max_text = io_test_cell(ix, row, max_col);

		if (*n_text && atof(n_text) == 0)
		{
			CHECK_MSG(r->n_items == 0, "%s: %zu spectra, index says none", file, r->n_items);
			return;
		}
		if (r->n_items == 0)
		{
			gs_test_fail(__FILE__, __LINE__, "%s: no spectrum", file);
			return;
		}
		{
			gs_spectrum_view v = gs_packed_view(r->items[0].spectrum);

			if (*n_text)
				CHECK_MSG(v.n == (size_t) atol(n_text), "%s: n = %zu, index says %s", file, v.n, n_text);
			if (*min_text)
				CHECK_MSG(fabs(gs_view_xmin(&v) - atof(min_text)) <= 1e-6 * fmax(1, fabs(atof(min_text))),
						  "%s: x_min = %.10g, index says %s", file, gs_view_xmin(&v), min_text);
			if (*max_text)
				CHECK_MSG(fabs(gs_view_xmax(&v) - atof(max_text)) <= 1e-6 * fmax(1, fabs(atof(max_text))),
						  "%s: x_max = %.10g, index says %s", file, gs_view_xmax(&v), max_text);
		}
	}
}

typedef struct io_test_files
{
	char	  **paths;			/* relative to the folder, sorted */
	size_t		n;
} io_test_files;

static inline int
io_test_compare_paths(const void *a, const void *b)
{
	return strcmp(*(char *const *) a, *(char *const *) b);
}

static inline void
io_test_walk(const char *root, const char *rel, io_test_files *out)
{
	char		path[2048];
	DIR		   *d;
	struct dirent *e;

	snprintf(path, sizeof(path), "%s%s%s", root, *rel ? "/" : "", rel);
	d = opendir(path);
	if (!d)
		return;
	while ((e = readdir(d)) != NULL)
	{
		char		sub[1024];
		char		full[2048];
		struct stat st;

		if (e->d_name[0] == '.')
			continue;
		snprintf(sub, sizeof(sub), "%s%s%s", rel, *rel ? "/" : "", e->d_name);
		snprintf(full, sizeof(full), "%s/%s", root, sub);
		if (stat(full, &st) != 0)
			continue;
		if (S_ISDIR(st.st_mode))
			io_test_walk(root, sub, out);
		else if (strcmp(sub, "index.csv") != 0 && strcmp(sub, "SHA256SUMS") != 0)
		{
			out->paths = realloc(out->paths, (out->n + 1) * sizeof(char *));
			out->paths[out->n++] = strdup(sub);
		}
	}
	closedir(d);
}

/* Every file under <datadir>/<folder>/<under> except index.csv and SHA256SUMS. */
static inline void
io_test_list_files(const char *datadir, const char *folder, const char *under, io_test_files *out)
{
	char		root[1024];

	out->paths = NULL;
	out->n = 0;
	snprintf(root, sizeof(root), "%s/%s", datadir, folder);
	io_test_walk(root, under, out);
	if (out->n)
		qsort(out->paths, out->n, sizeof(char *), io_test_compare_paths);
}

static inline void
io_test_files_free(io_test_files *f)
{
	for (size_t i = 0; i < f->n; i++)
		free(f->paths[i]);
	free(f->paths);
}

static inline const char *
io_test_basename(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

/*
 * Reads every file of a folder (auto-detected format, base name as hint) and
 * checks each against the index and the expected rejections; returns the
 * number of files read.
 */
static inline size_t
io_test_folder(const char *folder, const char *under, const io_test_rejection *rejections)
{
	const char *datadir = gs_test_datadir();
	io_test_index ix = {0};
	io_test_files files;
	bool		have_index;
	char		path[2048];

	if (!datadir)
		return 0;
	have_index = io_test_index_load(datadir, folder, &ix);
	io_test_list_files(datadir, folder, under, &files);
	for (size_t i = 0; i < files.n; i++)
	{
		const char *file = files.paths[i];
		size_t		len;
		char	   *bytes;
		gs_io_result r;
		gs_error	err;
		gs_status	st;

		if (strstr(file, "cross_") == file)
			continue;
		snprintf(path, sizeof(path), "%s/%s/%s", datadir, folder, file);
		bytes = io_test_read_file(path, &len);
		if (!bytes)
		{
			gs_test_fail(__FILE__, __LINE__, "cannot read %s", path);
			continue;
		}
		st = gs_io_read(GS_IO_AUTO, bytes, len, io_test_basename(file), 10000000,
						&gs_malloc_allocator, &r, &err);
		io_test_check_read(file, st, &err, &r, io_test_find_rejection(rejections, file), &ix,
						   have_index ? io_test_find_row(&ix, file) : (size_t) -1,
						   "n_points", "x_min", "x_max");
		gs_io_result_free(&r);
		free(bytes);
	}
	for (const io_test_rejection *rj = rejections; rj->file; rj++)
	{
		bool		listed = false;

		for (size_t i = 0; i < files.n && !listed; i++)
			listed = strcmp(files.paths[i], rj->file) == 0;
		CHECK_MSG(listed, "expected rejection of %s, which is not in %s", rj->file, folder);
	}
	{
		size_t		n = files.n;

		io_test_files_free(&files);
		if (have_index)
			io_test_index_free(&ix);
		return n;
	}
}

#endif
