/*
 * gs_error.h — how the pure C core reports failure.
 *
 * Core functions return a gs_status and fill a gs_error; the PostgreSQL glue
 * turns the status into a SQLSTATE (see API.md "Errors") and the texts into
 * errmsg / errdetail / errhint.  Nothing in the core longjmps or prints.
 */
#ifndef GS_ERROR_H
#define GS_ERROR_H

#include <stddef.h>

typedef enum gs_status
{
	GS_OK = 0,
	GS_ERR_SYNTAX,				/* malformed text or binary input: 22P02 */
	GS_ERR_PARAM,				/* bad value of a well-formed input: 22023 */
	GS_ERR_RANGE,				/* number out of range for its type: 22003 */
	GS_ERR_NULL,				/* NULL where a value is required: 22004 */
	GS_ERR_LIMIT,				/* larger than a configured limit: 54000 */
	GS_ERR_UNSUPPORTED,			/* valid but impossible operation: 0A000 */
	GS_ERR_NOMEM				/* allocation failed: 53200 */
} gs_status;

#define GS_ERRMSG_LEN 256

typedef struct gs_error
{
	gs_status	status;
	char		msg[GS_ERRMSG_LEN];
	char		detail[GS_ERRMSG_LEN];
	char		hint[GS_ERRMSG_LEN];
} gs_error;

/* Sets status and message; returns status so callers can `return gs_fail(...)`. */
gs_status	gs_fail(gs_error *err, gs_status status, const char *fmt,...)
			__attribute__((format(printf, 3, 4)));
void		gs_error_detail(gs_error *err, const char *fmt,...)
			__attribute__((format(printf, 2, 3)));
void		gs_error_hint(gs_error *err, const char *fmt,...)
			__attribute__((format(printf, 2, 3)));
void		gs_error_clear(gs_error *err);

#endif
