/*
 * file_funcs.c — the file readers and writers of src/io as SQL functions:
 * gs_read_jcamp/spc/msa/rruff/usgs/csv, gs_read (any format), gs_read_file
 * (a server file, for roles allowed to read them), gs_to_jcamp, gs_to_csv.
 *
 * Readers return (title, spectrum, meta) rows.  Everything they allocate
 * comes from palloc in the caller's memory context, so an error half-way
 * through a file leaks nothing.
 */
#include "gs_pg.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "catalog/pg_authid_d.h"
#include "funcapi.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "storage/fd.h"
#include "utils/acl.h"
#include "utils/builtins.h"
#include "utils/jsonb.h"
#include "utils/tuplestore.h"

#include "gs_io.h"

PG_FUNCTION_INFO_V1(gs_pg_read_jcamp);
PG_FUNCTION_INFO_V1(gs_pg_read_spc);
PG_FUNCTION_INFO_V1(gs_pg_read_msa);
PG_FUNCTION_INFO_V1(gs_pg_read_rruff);
PG_FUNCTION_INFO_V1(gs_pg_read_usgs);
PG_FUNCTION_INFO_V1(gs_pg_read_csv);
PG_FUNCTION_INFO_V1(gs_pg_read);
PG_FUNCTION_INFO_V1(gs_pg_read_file);
PG_FUNCTION_INFO_V1(gs_pg_to_jcamp);
PG_FUNCTION_INFO_V1(gs_pg_to_csv);

/* The readers produce UTF-8; the database may use another encoding. */
static Datum
utf8_text_datum(const char *s)
{
	return CStringGetTextDatum(pg_any_to_server(s, strlen(s), PG_UTF8));
}

/* Emits every spectrum of a reader's result as a (title, spectrum, meta) row. */
static void
emit_result(FunctionCallInfo fcinfo, const gs_io_result *r)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;

	for (size_t i = 0; i < r->n_items; i++)
	{
		const gs_io_item *it = &r->items[i];
		char	   *meta = pg_any_to_server(it->meta, strlen(it->meta), PG_UTF8);
		Datum		values[3] = {
			utf8_text_datum(it->title),
			gs_pg_spectrum_datum(it->spectrum, it->spectrum_size),
			DirectFunctionCall1(jsonb_in, CStringGetDatum(meta))
		};
		bool		nulls[3] = {false, false, false};

		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
}

/* Reads `len` bytes in `format` and returns the rows. */
static Datum
read_and_emit(FunctionCallInfo fcinfo, gs_io_format format, const char *bytes, size_t len,
			  const char *filename)
{
	gs_io_result r;
	gs_error	err;

	if (gs_io_read(format, bytes, len, filename, (size_t) gs_max_points,
				   &gs_palloc_allocator, &r, &err) != GS_OK)
		gs_pg_report(&err);
	emit_result(fcinfo, &r);
	return (Datum) 0;
}

static gs_io_format
format_arg(FunctionCallInfo fcinfo, int argno)
{
	char	   *name = text_to_cstring(PG_GETARG_TEXT_PP(argno));
	gs_io_format format;

	if (!gs_io_format_parse(name, &format))
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("unknown file format \"%s\"", name),
				errhint("Valid formats are auto, jcamp, spc, msa, rruff, usgs and csv."));
	return format;
}

/* A text or bytea argument's bytes (detoasted once, not copied again). */
typedef struct arg_bytes
{
	const char *data;
	size_t		len;
} arg_bytes;

static arg_bytes
bytes_arg(FunctionCallInfo fcinfo, int argno)
{
	struct varlena *v = PG_GETARG_VARLENA_PP(argno);
	arg_bytes	b = {VARDATA_ANY(v), VARSIZE_ANY_EXHDR(v)};

	return b;
}

/* A reader SQL function whose only argument is the whole file. */
static Datum
read_whole_arg(FunctionCallInfo fcinfo, gs_io_format format)
{
	arg_bytes	in = bytes_arg(fcinfo, 0);

	InitMaterializedSRF(fcinfo, 0);
	return read_and_emit(fcinfo, format, in.data, in.len, NULL);
}

/* gs_read_jcamp(text) */
Datum
gs_pg_read_jcamp(PG_FUNCTION_ARGS)
{
	return read_whole_arg(fcinfo, GS_IO_JCAMP);
}

/* gs_read_spc(bytea) */
Datum
gs_pg_read_spc(PG_FUNCTION_ARGS)
{
	return read_whole_arg(fcinfo, GS_IO_SPC);
}

/* gs_read_msa(text) */
Datum
gs_pg_read_msa(PG_FUNCTION_ARGS)
{
	return read_whole_arg(fcinfo, GS_IO_MSA);
}

/* gs_read_rruff(text, filename text DEFAULT NULL): the name carries the laser wavelength. */
Datum
gs_pg_read_rruff(PG_FUNCTION_ARGS)
{
	arg_bytes	in;

	InitMaterializedSRF(fcinfo, 0);
	if (PG_ARGISNULL(0))
		return (Datum) 0;
	in = bytes_arg(fcinfo, 0);
	return read_and_emit(fcinfo, GS_IO_RRUFF, in.data, in.len,
						 PG_ARGISNULL(1) ? NULL : text_to_cstring(PG_GETARG_TEXT_PP(1)));
}

/* gs_read_csv(text) */
Datum
gs_pg_read_csv(PG_FUNCTION_ARGS)
{
	return read_whole_arg(fcinfo, GS_IO_CSV);
}

/* gs_read_usgs(values text, wavelengths text) */
Datum
gs_pg_read_usgs(PG_FUNCTION_ARGS)
{
	arg_bytes	values = bytes_arg(fcinfo, 0);
	arg_bytes	wavelengths = bytes_arg(fcinfo, 1);
	gs_io_result r;
	gs_error	err;

	InitMaterializedSRF(fcinfo, 0);
	if (gs_read_usgs(values.data, values.len, wavelengths.data, wavelengths.len, NULL,
					 (size_t) gs_max_points, &gs_palloc_allocator, &r, &err) != GS_OK)
		gs_pg_report(&err);
	emit_result(fcinfo, &r);
	return (Datum) 0;
}

/* gs_read(bytes bytea, format text DEFAULT 'auto', filename text DEFAULT NULL) */
Datum
gs_pg_read(PG_FUNCTION_ARGS)
{
	arg_bytes	in;

	InitMaterializedSRF(fcinfo, 0);
	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		return (Datum) 0;
	in = bytes_arg(fcinfo, 0);
	return read_and_emit(fcinfo, format_arg(fcinfo, 1), in.data, in.len,
						 PG_ARGISNULL(2) ? NULL : text_to_cstring(PG_GETARG_TEXT_PP(2)));
}

/*
 * The whole of a server file.  The caller has checked the privilege; the
 * size is checked before the allocation so a huge file fails cleanly.
 */
static char *
read_server_file(const char *path, size_t *len)
{
	int			fd = OpenTransientFile(path, O_RDONLY | PG_BINARY);
	struct stat st;
	char	   *buf;
	size_t		done = 0;

	if (fd < 0)
		ereport(ERROR,
				errcode_for_file_access(),
				errmsg("could not open file \"%s\" for reading: %m", path));
	if (fstat(fd, &st) < 0)
		ereport(ERROR,
				errcode_for_file_access(),
				errmsg("could not stat file \"%s\": %m", path));
	if (S_ISDIR(st.st_mode))
		ereport(ERROR,
				errcode(ERRCODE_WRONG_OBJECT_TYPE),
				errmsg("\"%s\" is a directory", path));
	if ((uint64) st.st_size > MaxAllocSize - 1)
		ereport(ERROR,
				errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				errmsg("file \"%s\" is too large", path),
				errdetail("The file has %lld bytes; at most %zu can be read.",
						  (long long) st.st_size, (size_t) MaxAllocSize - 1));
	buf = palloc((size_t) st.st_size + 1);
	while (done < (size_t) st.st_size)
	{
		ssize_t		got = read(fd, buf + done, (size_t) st.st_size - done);

		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0)
			ereport(ERROR,
					errcode_for_file_access(),
					errmsg("could not read file \"%s\": %m", path));
		if (got == 0)
			break;				/* the file shrank while we read it */
		done += (size_t) got;
	}
	CloseTransientFile(fd);
	buf[done] = '\0';
	*len = done;
	return buf;
}

/*
 * gs_read_file(path text, format text DEFAULT 'auto'): like
 * pg_read_binary_file, only for superusers and members of
 * pg_read_server_files (EXECUTE is also revoked from PUBLIC).  The file's
 * base name is the reader's hint (format detection, RRUFF laser).
 */
Datum
gs_pg_read_file(PG_FUNCTION_ARGS)
{
	char	   *path;
	const char *base;
	char	   *bytes;
	size_t		len;

	if (!has_privs_of_role(GetUserId(), ROLE_PG_READ_SERVER_FILES))
		ereport(ERROR,
				errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
				errmsg("permission denied to read server files"),
				errdetail("Only superusers and roles with privileges of the \"pg_read_server_files\" role may read server files."),
				errhint("Read the file on the client and pass its bytes to gs_read()."));
	InitMaterializedSRF(fcinfo, 0);
	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		return (Datum) 0;
	path = text_to_cstring(PG_GETARG_TEXT_PP(0));
	base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	bytes = read_server_file(path, &len);
	return read_and_emit(fcinfo, format_arg(fcinfo, 1), bytes, len, base);
}

/*
 * The members of a jsonb object as JCAMP-DX labels and values: strings as
 * they are, everything else as its JSON text; "TITLE" (any case) is the
 * title.  Labels the writer derives from the spectrum are refused by it.
 */
static size_t
meta_labels(Jsonb *meta, char ***labels, char ***values, char **title)
{
	JsonbIterator *it;
	JsonbValue	v;
	JsonbIteratorToken tok;
	size_t		n = 0;
	char	   *key = NULL;

	*title = NULL;
	if (meta == NULL)
		return 0;
	if (!JB_ROOT_IS_OBJECT(meta))
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("JCAMP-DX metadata must be a JSON object"));
	*labels = palloc(sizeof(char *) * (JB_ROOT_COUNT(meta) + 1));
	*values = palloc(sizeof(char *) * (JB_ROOT_COUNT(meta) + 1));
	it = JsonbIteratorInit(&meta->root);
	while ((tok = JsonbIteratorNext(&it, &v, true)) != WJB_DONE)
	{
		char	   *value;

		if (tok == WJB_KEY)
		{
			key = pnstrdup(v.val.string.val, v.val.string.len);
			continue;
		}
		if (tok != WJB_VALUE)
			continue;
		if (v.type == jbvString)
			value = pnstrdup(v.val.string.val, v.val.string.len);
		else if (v.type == jbvNull)
			value = pstrdup("");
		else if (v.type == jbvBinary)
			value = JsonbToCString(NULL, v.val.binary.data, v.val.binary.len);
		else
		{
			Jsonb	   *scalar = JsonbValueToJsonb(&v);

			value = JsonbToCString(NULL, &scalar->root, VARSIZE(scalar));
		}
		if (pg_strcasecmp(key, "TITLE") == 0)
			*title = value;
		else
		{
			(*labels)[n] = key;
			(*values)[n] = value;
			n++;
		}
	}
	return n;
}

/* gs_to_jcamp(s spectrum, meta jsonb DEFAULT NULL, encoding text DEFAULT 'affn') */
Datum
gs_pg_to_jcamp(PG_FUNCTION_ARGS)
{
	gs_packed_spectrum *p;
	gs_spectrum_view v;
	char	  **labels = NULL;
	char	  **values = NULL;
	char	   *title;
	char	   *encoding;
	gs_jcamp_encoding enc;
	size_t		n_labels;
	char	   *out;
	size_t		out_len;
	gs_error	err;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(2))
		PG_RETURN_NULL();
	p = PG_GETARG_SPECTRUM_P(0);
	v = gs_packed_view(p);
	encoding = text_to_cstring(PG_GETARG_TEXT_PP(2));
	if (pg_strcasecmp(encoding, "affn") == 0)
		enc = GS_JCAMP_AFFN;
	else if (pg_strcasecmp(encoding, "difdup") == 0)
		enc = GS_JCAMP_DIFDUP;
	else
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("unknown JCAMP-DX encoding \"%s\"", encoding),
				errhint("Valid encodings are affn and difdup."));
	n_labels = meta_labels(PG_ARGISNULL(1) ? NULL : PG_GETARG_JSONB_P(1), &labels, &values, &title);
	if (gs_write_jcamp(&v, title, (const char *const *) labels, (const char *const *) values,
					   n_labels, enc, &gs_palloc_allocator, &out, &out_len, &err) != GS_OK)
		gs_pg_report(&err);
	PG_RETURN_TEXT_P(cstring_to_text_with_len(out, (int) out_len));
}

/* gs_to_csv(s spectrum) */
Datum
gs_pg_to_csv(PG_FUNCTION_ARGS)
{
	gs_packed_spectrum *p = PG_GETARG_SPECTRUM_P(0);
	gs_spectrum_view v = gs_packed_view(p);
	char	   *out;
	size_t		out_len;
	gs_error	err;

	if (gs_write_csv(&v, NULL, &gs_palloc_allocator, &out, &out_len, &err) != GS_OK)
		gs_pg_report(&err);
	PG_RETURN_TEXT_P(cstring_to_text_with_len(out, (int) out_len));
}
