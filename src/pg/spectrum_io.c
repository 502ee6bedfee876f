/*
 * spectrum_io.c — input/output of the spectrum type: text, binary
 * (send/recv, COPY BINARY) and the jsonb casts.  The formats themselves live
 * in src/core/spectrum_text.c and spectrum_binary.c.
 */
#include "gs_pg.h"

#include "libpq/pqformat.h"
#include "utils/builtins.h"
#include "utils/jsonb.h"

#include "spectrum_binary.h"
#include "spectrum_text.h"

PG_FUNCTION_INFO_V1(spectrum_in);
PG_FUNCTION_INFO_V1(spectrum_out);
PG_FUNCTION_INFO_V1(spectrum_recv);
PG_FUNCTION_INFO_V1(spectrum_send);
PG_FUNCTION_INFO_V1(spectrum_to_jsonb);
PG_FUNCTION_INFO_V1(jsonb_to_spectrum);

static Datum
spectrum_from_cstring(const char *text)
{
	gs_packed_spectrum *p;
	size_t		size;
	gs_error	err;

	if (gs_spectrum_parse(text, (size_t) gs_max_points, &gs_palloc_allocator, &p, &size, &err) != GS_OK)
		gs_pg_report(&err);
	return gs_pg_spectrum_datum(p, size);
}

static char *
spectrum_to_cstring(const gs_packed_spectrum *p)
{
	gs_spectrum_view v = gs_packed_view(p);
	char	   *buf = palloc_extended(gs_spectrum_text_bound(&v), MCXT_ALLOC_HUGE);

	gs_spectrum_format(&v, buf);
	return buf;
}

Datum
spectrum_in(PG_FUNCTION_ARGS)
{
	return spectrum_from_cstring(PG_GETARG_CSTRING(0));
}

Datum
spectrum_out(PG_FUNCTION_ARGS)
{
	PG_RETURN_CSTRING(spectrum_to_cstring(PG_GETARG_SPECTRUM_P(0)));
}

Datum
spectrum_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	gs_packed_spectrum *p;
	size_t		size;
	gs_error	err;

	if (gs_spectrum_decode((const uint8_t *) buf->data + buf->cursor,
						   (size_t) (buf->len - buf->cursor), (size_t) gs_max_points,
						   &gs_palloc_allocator, &p, &size, &err) != GS_OK)
		gs_pg_report(&err);
	buf->cursor = buf->len;
	return gs_pg_spectrum_datum(p, size);
}

Datum
spectrum_send(PG_FUNCTION_ARGS)
{
	gs_packed_spectrum *p = PG_GETARG_SPECTRUM_P(0);
	gs_spectrum_view v = gs_packed_view(p);
	size_t		len = gs_spectrum_binary_size(&v);
	bytea	   *result = palloc_extended(VARHDRSZ + len, MCXT_ALLOC_HUGE);

	gs_spectrum_encode(&v, (uint8_t *) VARDATA(result));
	SET_VARSIZE(result, VARHDRSZ + len);
	PG_RETURN_BYTEA_P(result);
}

/* The text form is a JSON object, so the casts go through it. */
Datum
spectrum_to_jsonb(PG_FUNCTION_ARGS)
{
	char	   *text = spectrum_to_cstring(PG_GETARG_SPECTRUM_P(0));

	return DirectFunctionCall1(jsonb_in, CStringGetDatum(text));
}

Datum
jsonb_to_spectrum(PG_FUNCTION_ARGS)
{
	Jsonb	   *jb = PG_GETARG_JSONB_P(0);
	char	   *text = JsonbToCString(NULL, &jb->root, VARSIZE(jb));

	return spectrum_from_cstring(text);
}
