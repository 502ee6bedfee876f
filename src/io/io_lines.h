/*
 * io_lines.h — reading text files held in a byte buffer: lines with their
 * numbers (for error messages) and numbers scanned without running past the
 * end of the buffer, which is not NUL-terminated.
 */
#ifndef GS_IO_LINES_H
#define GS_IO_LINES_H

#include <stdbool.h>
#include <stddef.h>

#include "gs_error.h"

typedef struct io_lines
{
	const char *p;
	const char *end;
	size_t		number;			/* 1-based number of the line last returned */
} io_lines;

typedef struct io_line
{
	const char *s;
	size_t		len;			/* without the line break */
	size_t		number;
} io_line;

void		io_lines_init(io_lines *it, const void *bytes, size_t len);

/* Next line (LF, CRLF or CR ends a line); false at the end of the buffer. A UTF-8 byte order mark is skipped. */
bool		io_lines_next(io_lines *it, io_line *line);

/* Looks at the next line without consuming it. */
bool		io_lines_peek(const io_lines *it, io_line *line);

/* Skips spaces and tabs. */
const char *io_skip_blanks(const char *p, const char *end);

/* Trims spaces, tabs and other ASCII control characters on both sides. */
void		io_trim(const char **s, size_t *len);

/*
 * Scans a decimal number [+-]digits[.digits][(e|E)[+-]digits] (also ".5" and
 * "5.") at p; returns the end and sets *value, or NULL when there is none.
 * Never reads at or past end.
 */
const char *io_scan_double(const char *p, const char *end, double *value);

/* True when [s, s+len) is exactly one number, blanks around it allowed. */
bool		io_parse_double(const char *s, size_t len, double *value);

/* Case-insensitive search for a NUL-terminated needle in a length-delimited haystack. */
const char *io_find_nocase(const char *hay, size_t len, const char *needle);

/*
 * Error texts quote file content, which may be in any encoding; the server
 * sends them to clients as text, so a failing reader keeps them to
 * printable ASCII (anything else becomes '?').
 */
void		io_error_printable(gs_error *err);

#endif
