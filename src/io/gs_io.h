/*
 * gs_io.h — reading spectra from files and writing them, on byte buffers.
 *
 * Readers never open files: the caller (SQL function, gs-load) passes the
 * bytes and, optionally, the file name as a hint (format detection, RRUFF
 * laser wavelength and modality).  A reader returns zero or more spectra in a
 * gs_io_result built with the caller's allocator; on failure the result is
 * empty and err says what was wrong and where (line numbers for text formats,
 * byte offsets for SPC):
 *   GS_ERR_SYNTAX       malformed file (22P02)
 *   GS_ERR_PARAM        well-formed but unusable values, e.g. x not monotonic (22023)
 *   GS_ERR_RANGE        a value does not fit float4 (22003)
 *   GS_ERR_LIMIT        a spectrum over max_points, too many spectra (54000)
 *   GS_ERR_UNSUPPORTED  a valid file of a kind not read: x unit with no
 *                       spectrum unit (Hz, ppm, m/z, s), SPC 0xCF, Bruker .spx (0A000)
 *   GS_ERR_NOMEM
 * No allocation is sized from a header field before the data behind it is
 * known to be there, and every spectrum is capped at max_points.
 */
#ifndef GS_IO_H
#define GS_IO_H

#include <stdbool.h>
#include <stddef.h>

#include "gs_alloc.h"
#include "gs_error.h"
#include "io_result.h"
#include "spectrum.h"

typedef enum gs_io_format
{
	GS_IO_AUTO = 0,				/* detect from content and file name */
	GS_IO_JCAMP,
	GS_IO_SPC,
	GS_IO_MSA,
	GS_IO_RRUFF,
	GS_IO_USGS,
	GS_IO_CSV
} gs_io_format;

/* "auto", "jcamp", "spc", "msa", "rruff", "usgs", "csv" (case-insensitive; "emsa", "jdx", "dx", "tsv" too). */
bool		gs_io_format_parse(const char *name, gs_io_format *format);
const char *gs_io_format_name(gs_io_format format);

/* Best guess from content (first) and file name; GS_IO_AUTO when none fits. */
gs_io_format gs_io_detect(const void *bytes, size_t len, const char *filename_hint);

/*
 * Reads a file of the given format (GS_IO_AUTO: detected; GS_ERR_UNSUPPORTED
 * when nothing fits).  `filename_hint` may be NULL.  USGS needs its
 * wavelength file: use gs_io_read_usgs (here it fails with GS_ERR_PARAM).
 */
gs_status	gs_io_read(gs_io_format format, const void *bytes, size_t len,
					   const char *filename_hint, size_t max_points,
					   const gs_allocator *alloc, gs_io_result *result, gs_error *err);

/* One reader per format, same contract as gs_io_read. */
gs_status	gs_read_jcamp(const void *bytes, size_t len, const char *filename_hint,
						  size_t max_points, const gs_allocator *alloc,
						  gs_io_result *result, gs_error *err);
gs_status	gs_read_spc(const void *bytes, size_t len, const char *filename_hint,
						size_t max_points, const gs_allocator *alloc,
						gs_io_result *result, gs_error *err);
gs_status	gs_read_msa(const void *bytes, size_t len, const char *filename_hint,
						size_t max_points, const gs_allocator *alloc,
						gs_io_result *result, gs_error *err);
gs_status	gs_read_rruff(const void *bytes, size_t len, const char *filename_hint,
						  size_t max_points, const gs_allocator *alloc,
						  gs_io_result *result, gs_error *err);
gs_status	gs_read_csv(const void *bytes, size_t len, const char *filename_hint,
						size_t max_points, const gs_allocator *alloc,
						gs_io_result *result, gs_error *err);

/*
 * USGS splib07: a values file and the wavelength file of its spectrometer
 * (both: a title line, then one number per line; channel i of one is line i
 * of the other, in micrometres).  Channels marked bad (-1.23e34) are dropped,
 * so the spectrum has an explicit axis with gaps; GS_ERR_PARAM when no
 * channel is left or the line counts differ.
 */
gs_status	gs_read_usgs(const void *values, size_t values_len,
						 const void *wavelengths, size_t wavelengths_len,
						 const char *filename_hint, size_t max_points,
						 const gs_allocator *alloc, gs_io_result *result, gs_error *err);

/* ---- writers ---- */

typedef enum gs_jcamp_encoding
{
	GS_JCAMP_AFFN,				/* plain decimal numbers */
	GS_JCAMP_DIFDUP				/* ASDF: SQZ first ordinate, DIF, DUP, Y-check per line */
} gs_jcamp_encoding;

/*
 * Writes one spectrum as a JCAMP-DX 5.01 file (NUL-terminated text from
 * alloc).  Uniform axes are ##XYDATA=(X++(Y..Y)) with FIRSTX/LASTX/DELTAX at
 * full precision; explicit axes are ##XYPOINTS=(XY..XY) in AFFN whatever the
 * encoding (ASDF is defined for X++(Y..Y) only).  `labels`/`values` (n_labels
 * pairs, may be 0) become extra ##LABEL=value records; labels the writer owns
 * (TITLE, XUNITS, NPOINTS, ...) are refused with GS_ERR_PARAM.
 * Round trip through gs_read_jcamp: x and y are bit-exact for AFFN; for
 * DIFDUP y is exact whenever the values' binary exponents span at most 28
 * (YFACTOR is a power of two), else within max|y| * 2^-51.
 */
gs_status	gs_write_jcamp(const gs_spectrum_view *s, const char *title,
						   const char *const *labels, const char *const *values, size_t n_labels,
						   gs_jcamp_encoding encoding, const gs_allocator *alloc,
						   char **text, size_t *text_len, gs_error *err);

/*
 * Writes one spectrum as CSV: optional "# laser_nm=..." line, a header
 * "<unit>,<title or y>", then "x,y" lines with round-trip numbers.
 * gs_read_csv reads it back bit-exactly, unit and laser included.
 */
gs_status	gs_write_csv(const gs_spectrum_view *s, const char *title,
						 const gs_allocator *alloc, char **text, size_t *text_len, gs_error *err);

#endif
