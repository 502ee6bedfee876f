/*
 * gs_load.h — what the parts of gs-load share: the list of input files, the
 * COPY BINARY rows built from what the readers return, and the progress
 * display.  gs-load is a client program: libpq, src/io and src/core only,
 * never server headers.
 */
#ifndef GS_LOAD_H
#define GS_LOAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "gs_io.h"

/* ---- input files (file_list.c) ---- */

typedef struct gs_load_file
{
	char	   *path;			/* as walked from a command-line argument */
	uint64_t	size;
} gs_load_file;

typedef struct gs_load_files
{
	gs_load_file *files;
	size_t		n;
	size_t		capacity;
	uint64_t	total_bytes;
} gs_load_files;

/*
 * Adds a file, or every file under a folder (recursively, in name order,
 * hidden entries skipped).  Returns false with a message in `why` when the
 * path cannot be read.
 */
bool		gs_load_files_add(gs_load_files *list, const char *path, char *why, size_t why_len);
void		gs_load_files_free(gs_load_files *list);

/* The whole of a file, NUL-terminated (malloc); NULL with errno set on failure. */
char	   *gs_load_slurp(const char *path, size_t *len);

/*
 * USGS splib07 value files find the wavelength file of their spectrometer:
 * a file named *Wavelength* with the same number of channels, given with
 * --wavelengths (first) or found in the value file's folder or one of the
 * three folders above it, or in a sub-folder of those whose name contains
 * "wavelength"; the nearest folder wins.
 */
typedef struct gs_usgs_axes gs_usgs_axes;

gs_usgs_axes *gs_usgs_axes_new(void);
void		gs_usgs_axes_free(gs_usgs_axes *axes);
/* A file named with --wavelengths; false with `why` when unreadable. */
bool		gs_usgs_axes_add_explicit(gs_usgs_axes *axes, const char *path, char *why, size_t why_len);

/*
 * The wavelength file for a values file of `channels` channels: its bytes
 * (owned by axes) or NULL with the reason in `why`.
 */
const char *gs_usgs_axes_find(gs_usgs_axes *axes, const char *values_path, size_t channels,
							  size_t *len, char *why, size_t why_len);

/* Channels of a USGS file: the non-blank lines after its title line. */
size_t		gs_usgs_channels(const char *bytes, size_t len);

/* Is this USGS file an axis or auxiliary table (wavelengths, bandpass, error bars) rather than a spectrum? */
bool		gs_usgs_is_auxiliary(const char *bytes, size_t len);

/* ---- COPY BINARY (copy_binary.c) ---- */

typedef struct gs_copy_buf
{
	char	   *data;
	size_t		len;
	size_t		capacity;
} gs_copy_buf;

/* The columns gs-load writes, in this order. */
#define GS_LOAD_COLUMNS "spectrum, instrument, sample, mineral, meta, source"

void		gs_copy_header(gs_copy_buf *b);
void		gs_copy_trailer(gs_copy_buf *b);

/* One row from a reader's item; `instrument` may be NULL. */
void		gs_copy_row(gs_copy_buf *b, const gs_io_item *item, const char *instrument,
						const char *source);
void		gs_copy_buf_free(gs_copy_buf *b);

/*
 * The string value of `key` in a JSON object text as io_meta writes it
 * (malloc'd, UTF-8), or NULL when absent or not a string.
 */
char	   *gs_json_string_member(const char *json, const char *key);

/* ---- parsing ahead on threads (parse_pool.c) ---- */

/* One file, read and parsed. */
typedef struct gs_parsed
{
	gs_status	status;			/* GS_OK, or why the file cannot load (err) */
	gs_io_result result;
	gs_error	err;
	bool		skip;			/* not a spectrum file (USGS axis tables) */
} gs_parsed;

/* Reads and parses file `index` into out; called on worker threads. */
typedef void (*gs_parse_fn) (void *ctx, size_t index, gs_parsed *out);

typedef struct gs_parse_pool gs_parse_pool;

/* Starts `threads` workers over files 0..n_files-1; NULL when none starts. */
gs_parse_pool *gs_parse_pool_start(size_t n_files, int threads, gs_parse_fn fn, void *ctx);
/* The next file in order (waits for it); NULL after the last. */
gs_parsed  *gs_parse_pool_next(gs_parse_pool *p);
/* Frees the file's result and lets the workers go on. */
void		gs_parse_pool_release(gs_parse_pool *p, gs_parsed *e);
/* Stops the workers (a run cut short) and frees everything. */
void		gs_parse_pool_stop(gs_parse_pool *p);

/* ---- progress (progress.c) ---- */

typedef struct gs_progress
{
	bool		tty;			/* redraw one bar on stderr, else plain lines */
	double		started;		/* seconds, monotonic */
	double		last_shown;
	size_t		files_total;
	uint64_t	bytes_total;
	size_t		files_done;		/* read, whatever became of them */
	uint64_t	bytes_done;
	size_t		spectra_read;	/* sent to the server, committed or not yet */
	size_t		files_rejected;
} gs_progress;

double		gs_now(void);
void		gs_progress_start(gs_progress *p, size_t files, uint64_t bytes);
/* Redraws (terminal: at most 10 times a second; plain: every 5 s). */
void		gs_progress_show(gs_progress *p, bool force);
/* Clears the bar so that a message can be printed on its own line. */
void		gs_progress_clear(gs_progress *p);
void		gs_progress_finish(gs_progress *p);

#endif
