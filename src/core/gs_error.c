#include "gs_error.h"

#include <stdarg.h>
#include <stdio.h>

void
gs_error_clear(gs_error *err)
{
	err->status = GS_OK;
	err->msg[0] = err->detail[0] = err->hint[0] = '\0';
}

gs_status
gs_fail(gs_error *err, gs_status status, const char *fmt,...)
{
	va_list		ap;

	gs_error_clear(err);
	err->status = status;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	return status;
}

void
gs_error_detail(gs_error *err, const char *fmt,...)
{
	va_list		ap;

	va_start(ap, fmt);
	vsnprintf(err->detail, sizeof(err->detail), fmt, ap);
	va_end(ap);
}

void
gs_error_hint(gs_error *err, const char *fmt,...)
{
	va_list		ap;

	va_start(ap, fmt);
	vsnprintf(err->hint, sizeof(err->hint), fmt, ap);
	va_end(ap);
}
