/*
 * gs_load.c — gs-load: spectra files and folders into a table over libpq.
 *
 * Each file is read and parsed here (src/io, the same readers as the SQL
 * functions); its spectra become rows of a COPY ... FROM STDIN (FORMAT
 * binary) stream.  Files are grouped into batches, one COPY each:
 *
 * - per file (default): each batch's COPY runs on its own, so it commits or
 *   fails as a whole; a batch the server refuses is sent again file by file,
 *   so that only the file at fault is rejected.  A file's spectra therefore
 *   land whole or not at all, and a bad file never stops the others.  Up to
 *   --jobs connections take batches in turn: the server stores one batch
 *   while the next is parsed and streamed.
 * - --all-or-nothing: one connection, one transaction around every COPY;
 *   the first bad file rolls everything back.
 *
 * Files are read and parsed ahead on worker threads (parse_pool.c), one per
 * CPU, and consumed here in file order.
 *
 * SIGINT ends the COPYs in flight with an error and asks the server to
 * cancel what it is doing: batches not yet committed roll back and are
 * reported as not loaded; no file is left half-loaded.
 *
 * Exit status: 0 when every file loaded, 1 when any was rejected or the run
 * was interrupted, 2 on usage and connection errors.
 */
#include "gs_load.h"

#include <errno.h>
#include <getopt.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "libpq-fe.h"

/* A batch ends when it holds this many bytes of rows or this many files. */
#define BATCH_BYTES (8u << 20)
#define BATCH_FILES 2000
/* Rows go to libpq in pieces of this size while a batch grows. */
#define SEND_CHUNK (256u << 10)
#define MAX_JOBS 16

typedef struct options
{
	const char *host;
	const char *port;
	const char *user;
	const char *dbname;
	const char *table;
	const char *instrument;
	gs_io_format format;
	int			jobs;
	bool		create;
	bool		all_or_nothing;
} options;

typedef struct rejection
{
	char	   *path;
	char	   *reason;
} rejection;

/* One file of a batch: its rows are rows[start, end) of the batch's buffer. */
typedef struct batch_file
{
	size_t		file;
	size_t		start;
	size_t		end;
	size_t		spectra;
} batch_file;

/* A connection and the batch it carries. */
typedef struct slot
{
	PGconn	   *conn;
	bool		in_copy;		/* COPY started, rows being streamed */
	bool		ending;			/* COPY ended by us, outcome not yet read */
	bool		aborted;		/* ... ended with an error, to discard it */
	gs_copy_buf rows;
	size_t		rows_sent;		/* bytes of rows already handed to libpq */
	batch_file *files;
	size_t		n_files;
	size_t		capacity;
} slot;

typedef struct loader
{
	options		opt;
	slot		slots[MAX_JOBS];
	int			current;		/* the slot taking files now */
	char	   *copy_sql;
	size_t		max_points;
	gs_load_files files;
	gs_usgs_axes *axes;
	pthread_mutex_t axes_lock;	/* the parsing threads share the USGS axis cache */
	gs_progress progress;

	size_t		files_loaded;
	size_t		spectra_loaded;
	size_t		files_skipped;
	size_t		files_interrupted;
	rejection  *rejected;
	size_t		n_rejected;
	bool		failed_all;		/* --all-or-nothing rolled back */
} loader;

static volatile sig_atomic_t interrupted = 0;
static PGcancel *cancels[MAX_JOBS];
static int	n_cancels;

static void
on_sigint(int signo)
{
	char		errbuf[256];

	(void) signo;
	interrupted = 1;
	/* PQcancel is safe in a signal handler: it only opens a socket and writes */
	for (int i = 0; i < n_cancels; i++)
		PQcancel(cancels[i], errbuf, sizeof(errbuf));
	/* a second Ctrl-C ends the program at once; the server rolls back */
	signal(SIGINT, SIG_DFL);
}

static void fatal(const char *fmt,...) __attribute__((format(printf, 1, 2), noreturn));

static void
fatal(const char *fmt,...)
{
	va_list		ap;

	fputs("gs-load: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(2);
}

static char *
xstrdup(const char *s)
{
	char	   *d = strdup(s);

	if (!d)
		fatal("out of memory");
	return d;
}

static void reject(loader *L, const char *path, const char *fmt,...) __attribute__((format(printf, 3, 4)));

static void
reject(loader *L, const char *path, const char *fmt,...)
{
	va_list		ap;
	char		reason[1024];
	rejection  *more = realloc(L->rejected, (L->n_rejected + 1) * sizeof(*more));

	if (!more)
		fatal("out of memory");
	va_start(ap, fmt);
	vsnprintf(reason, sizeof(reason), fmt, ap);
	va_end(ap);
	L->rejected = more;
	L->rejected[L->n_rejected].path = xstrdup(path);
	L->rejected[L->n_rejected].reason = xstrdup(reason);
	L->n_rejected++;
	L->progress.files_rejected++;
}

/* The server's error as one line: message (detail) [SQLSTATE]. */
static void
server_error(const PGresult *res, PGconn *conn, char *buf, size_t len)
{
	const char *msg = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
	const char *detail = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_DETAIL) : NULL;
	const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;

	if (!msg)
	{
		snprintf(buf, len, "%s", PQerrorMessage(conn));
		buf[strcspn(buf, "\n")] = '\0';
		return;
	}
	snprintf(buf, len, "%s%s%s%s [%s]", msg, detail ? " (" : "", detail ? detail : "",
			 detail ? ")" : "", state ? state : "?");
}

/* Runs a command that returns no rows; false with the error in `why`. */
static bool
run(PGconn *conn, const char *sql, char *why, size_t why_len)
{
	PGresult   *res = PQexec(conn, sql);
	bool		ok = PQresultStatus(res) == PGRES_COMMAND_OK;

	if (!ok)
		server_error(res, conn, why, why_len);
	PQclear(res);
	return ok;
}

/* ---- connection and table ---- */

static PGconn *
connect_db(const options *opt)
{
	const char *keys[] = {"host", "port", "user", "dbname", "fallback_application_name",
	"client_encoding", NULL};
	const char *values[] = {opt->host, opt->port, opt->user, opt->dbname, "gs-load", "UTF8", NULL};
	PGconn	   *conn = PQconnectdbParams(keys, values, 1);

	if (PQstatus(conn) != CONNECTION_OK)
		fatal("could not connect: %s", PQerrorMessage(conn));
	return conn;
}

/* "schema.table" or "table", each part quoted as an identifier. */
static char *
quote_table(PGconn *conn, const char *name)
{
	const char *dot = strchr(name, '.');
	char	   *a,
			   *b = NULL,
			   *out;

	if (dot)
	{
		char	   *schema = xstrdup(name);

		schema[dot - name] = '\0';
		a = PQescapeIdentifier(conn, schema, strlen(schema));
		b = PQescapeIdentifier(conn, dot + 1, strlen(dot + 1));
		free(schema);
	}
	else
		a = PQescapeIdentifier(conn, name, strlen(name));
	if (!a || (dot && !b))
		fatal("invalid table name \"%s\": %s", name, PQerrorMessage(conn));
	out = malloc(strlen(a) + (b ? strlen(b) + 1 : 0) + 1);
	if (!out)
		fatal("out of memory");
	sprintf(out, "%s%s%s", a, b ? "." : "", b ? b : "");
	PQfreemem(a);
	if (b)
		PQfreemem(b);
	return out;
}

/*
 * Creates the table when asked, checks that it exists, and learns the
 * server's geospectra.max_points so that files over it are rejected here,
 * with the file named.
 */
static void
prepare_table(loader *L, PGconn *conn)
{
	char		why[1024];
	char	   *table = quote_table(conn, L->opt.table);
	char	   *sql = malloc(strlen(table) + 512);
	const char *params[1] = {table};
	PGresult   *res;

	if (!sql)
		fatal("out of memory");
	if (L->opt.create)
	{
		/*
		 * Spectra are float arrays that barely compress: lz4 gives up on
		 * them three times faster than the default pglz.  Servers built
		 * without lz4 get the default.
		 */
		static const char *const create =
			"CREATE TABLE IF NOT EXISTS %s (spectrum spectrum%s, instrument text, sample text, "
			"mineral text, meta jsonb, loaded_at timestamptz DEFAULT now(), source text)";

		sprintf(sql, create, table, " COMPRESSION lz4");
		if (!run(conn, sql, why, sizeof(why)))
		{
			sprintf(sql, create, table, "");
			if (!run(conn, sql, why, sizeof(why)))
				fatal("could not create table %s: %s", L->opt.table, why);
		}
	}
	res = PQexecParams(conn, "SELECT $1::regclass", 1, NULL, params, NULL, NULL, 0);
	if (PQresultStatus(res) != PGRES_TUPLES_OK)
	{
		server_error(res, conn, why, sizeof(why));
		fatal("table %s: %s\nHint: --create creates it (docs/loading.md lists its columns).",
			  L->opt.table, why);
	}
	PQclear(res);
	sprintf(sql, "COPY %s (" GS_LOAD_COLUMNS ") FROM STDIN (FORMAT binary)", table);
	L->copy_sql = sql;
	free(table);

	res = PQexec(conn, "SELECT current_setting('geospectra.max_points', true)");
	L->max_points = 1000000;
	if (PQresultStatus(res) == PGRES_TUPLES_OK && !PQgetisnull(res, 0, 0))
		L->max_points = strtoul(PQgetvalue(res, 0, 0), NULL, 10);
	PQclear(res);
}

/* ---- COPY on one connection ---- */

static bool
send_bytes(slot *s, const char *p, size_t n)
{
	while (n > 0)
	{
		size_t		k = n < SEND_CHUNK ? n : SEND_CHUNK;

		if (PQputCopyData(s->conn, p, (int) k) != 1)
			return false;
		p += k;
		n -= k;
	}
	return true;
}

static bool
begin_copy(loader *L, slot *s, char *why, size_t why_len)
{
	PGresult   *res = PQexec(s->conn, L->copy_sql);
	gs_copy_buf header = {0};
	bool		ok;

	if (PQresultStatus(res) != PGRES_COPY_IN)
	{
		server_error(res, s->conn, why, why_len);
		PQclear(res);
		return false;
	}
	PQclear(res);
	s->in_copy = true;
	gs_copy_header(&header);
	ok = send_bytes(s, header.data, header.len);
	gs_copy_buf_free(&header);
	if (!ok)
		snprintf(why, why_len, "%s", PQerrorMessage(s->conn));
	return ok;
}

/*
 * Ends the COPY without waiting for the server: with the rows not sent yet
 * and the trailer, or with an error message (abort_reason) that makes the
 * server discard it.
 */
static void
end_copy(slot *s, const char *abort_reason)
{
	if (!s->in_copy)
		return;
	s->in_copy = false;
	s->ending = true;
	s->aborted = abort_reason != NULL;
	if (!abort_reason)
	{
		gs_copy_buf trailer = {0};

		/* when sending fails, the server has refused the COPY: its outcome says why */
		(void) send_bytes(s, s->rows.data + s->rows_sent, s->rows.len - s->rows_sent);
		s->rows_sent = s->rows.len;

		gs_copy_trailer(&trailer);
		send_bytes(s, trailer.data, trailer.len);
		gs_copy_buf_free(&trailer);
	}
	PQputCopyEnd(s->conn, abort_reason);
}

/*
 * Waits for the outcome of an ended COPY of `rows` rows; false with the
 * server's error, or when the server stored another number of rows.
 */
static bool
copy_outcome(slot *s, size_t rows, char *why, size_t why_len)
{
	PGresult   *res;
	bool		ok = true;

	s->ending = false;
	while ((res = PQgetResult(s->conn)) != NULL)
	{
		if (PQresultStatus(res) != PGRES_COMMAND_OK && ok)
		{
			server_error(res, s->conn, why, why_len);
			ok = false;
		}
		else if (ok && strtoull(PQcmdTuples(res), NULL, 10) != rows)
		{
			snprintf(why, why_len, "the server stored %s rows of %zu", PQcmdTuples(res), rows);
			ok = false;
		}
		PQclear(res);
	}
	return ok;
}

/* Sends one file of a refused batch again, alone in its own COPY. */
static void
retry_alone(loader *L, slot *s, const batch_file *bf)
{
	char		why[1024];

	/* the batch's COPY has ended, so end_copy below sends no rows of its own */
	if (begin_copy(L, s, why, sizeof(why)) &&
		send_bytes(s, s->rows.data + bf->start, bf->end - bf->start))
	{
		end_copy(s, NULL);
		if (copy_outcome(s, bf->spectra, why, sizeof(why)))
		{
			L->files_loaded++;
			L->spectra_loaded += bf->spectra;
			return;
		}
	}
	else if (s->in_copy)
	{
		char		ignored[256];

		end_copy(s, "gs-load could not send the file");
		copy_outcome(s, 0, ignored, sizeof(ignored));
	}
	reject(L, L->files.files[bf->file].path, "%s", why);
}

static void
batch_clear(slot *s)
{
	s->n_files = 0;
	s->rows.len = 0;
	s->rows_sent = 0;
}

/*
 * Reads the outcome of the slot's ended batch and accounts for its files:
 * loaded, rejected after a file-by-file retry, or not loaded because the
 * run was interrupted.  False when --all-or-nothing must stop.
 */
static bool
settle_batch(loader *L, slot *s)
{
	char		why[1024];
	size_t		spectra = 0;

	if (!s->ending)
		return true;
	for (size_t i = 0; i < s->n_files; i++)
		spectra += s->files[i].spectra;
	if (copy_outcome(s, spectra, why, sizeof(why)))
	{
		L->files_loaded += s->n_files;
		L->spectra_loaded += spectra;
		batch_clear(s);
		return true;
	}
	if (s->aborted || interrupted)
		L->files_interrupted += s->n_files;
	else if (L->opt.all_or_nothing)
	{
		/* the COPY held several files: the server's message names the line */
		reject(L, s->n_files == 1 ? L->files.files[s->files[0].file].path : "(a batch of files)",
			   "%s", why);
		batch_clear(s);
		return false;
	}
	else if (s->n_files == 1)
		reject(L, L->files.files[s->files[0].file].path, "%s", why);
	else
		for (size_t i = 0; i < s->n_files && !interrupted; i++)
			retry_alone(L, s, &s->files[i]);
	batch_clear(s);
	return true;
}

/* Ends the current slot's batch and moves on to the next slot. */
static bool
rotate(loader *L)
{
	end_copy(&L->slots[L->current], NULL);
	L->current = (L->current + 1) % L->opt.jobs;
	return settle_batch(L, &L->slots[L->current]);
}

/* ---- one file ---- */

static gs_status
parse_file(loader *L, const char *path, const char *bytes, size_t len,
		   gs_io_result *r, gs_error *err, bool *skip)
{
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	gs_io_format format = L->opt.format;
	size_t		channels,
				wlen;
	char		why[GS_ERRMSG_LEN];
	const char *wl;

	*skip = false;
	if (format == GS_IO_AUTO)
		format = gs_io_detect(bytes, len, base);
	if (format != GS_IO_USGS)
		return gs_io_read(format, bytes, len, base, L->max_points, &gs_malloc_allocator, r, err);
	if (gs_usgs_is_auxiliary(bytes, len))
	{
		/* a wavelength, bandpass or error-bar table: the axis of spectra, not one */
		*skip = true;
		return GS_OK;
	}
	channels = gs_usgs_channels(bytes, len);
	pthread_mutex_lock(&L->axes_lock);
	wl = gs_usgs_axes_find(L->axes, path, channels, &wlen, why, sizeof(why));
	pthread_mutex_unlock(&L->axes_lock);
	if (!wl)
		return gs_fail(err, GS_ERR_PARAM, "%s", why);
	return gs_read_usgs(bytes, len, wl, wlen, base, L->max_points, &gs_malloc_allocator, r, err);
}

/* Reads and parses one file (a parse_pool worker). */
static void
parse_one(void *ctx, size_t index, gs_parsed *out)
{
	loader	   *L = ctx;
	const char *path = L->files.files[index].path;
	size_t		len;
	char	   *bytes = gs_load_slurp(path, &len);

	gs_io_result_init(&out->result, &gs_malloc_allocator);
	out->skip = false;
	if (!bytes)
	{
		char		buf[128];

		/* strerror's buffer is shared between threads; strerror_r's is ours */
		if (strerror_r(errno, buf, sizeof(buf)) != 0)
			snprintf(buf, sizeof(buf), "error %d", errno);
		out->status = gs_fail(&out->err, GS_ERR_PARAM, "could not read file: %s", buf);
		return;
	}
	out->status = parse_file(L, path, bytes, len, &out->result, &out->err, &out->skip);
	free(bytes);
}

/* Queues the spectra of one parsed file; false when the run must stop. */
static bool
load_file(loader *L, size_t index, gs_parsed *parsed)
{
	const gs_load_file *f = &L->files.files[index];
	slot	   *s = &L->slots[L->current];
	gs_io_result r = parsed->result;
	size_t		start = s->rows.len;
	char		why[1024];

	if (parsed->status != GS_OK)
	{
		gs_error   *err = &parsed->err;

		reject(L, f->path, "%s%s%s%s", err->msg, err->detail[0] ? " (" : "", err->detail,
			   err->detail[0] ? ")" : "");
		return !L->opt.all_or_nothing;
	}
	if (parsed->skip)
	{
		L->files_skipped++;
		return true;
	}
	if (r.n_items == 0)
	{
		reject(L, f->path, "the file holds no spectrum");
		return !L->opt.all_or_nothing;
	}
	for (size_t i = 0; i < r.n_items; i++)
		gs_copy_row(&s->rows, &r.items[i], L->opt.instrument, f->path);
	L->progress.spectra_read += r.n_items;
	if (s->n_files == s->capacity)
	{
		size_t		cap = s->capacity ? 2 * s->capacity : 256;
		batch_file *more = realloc(s->files, cap * sizeof(*more));

		if (!more)
			fatal("out of memory");
		s->files = more;
		s->capacity = cap;
	}
	s->files[s->n_files++] = (batch_file)
	{
		index, start, s->rows.len, r.n_items
	};

	if (!s->in_copy && !begin_copy(L, s, why, sizeof(why)))
		fatal("could not start COPY into %s: %s", L->opt.table, why);
	if (s->rows.len - s->rows_sent >= SEND_CHUNK)
	{
		/* on failure the COPY's outcome, read when the batch ends, says why */
		if (send_bytes(s, s->rows.data + s->rows_sent, s->rows.len - s->rows_sent))
			s->rows_sent = s->rows.len;
	}
	if (s->rows.len >= BATCH_BYTES || s->n_files >= BATCH_FILES)
		return rotate(L);
	return true;
}

/* ---- the run ---- */

static void
usage(FILE *out)
{
	fprintf(out,
			"gs-load loads spectra files into a PostgreSQL table (geospectra).\n\n"
			"Usage:\n"
			"  gs-load [OPTION]... --table TABLE FILE-OR-FOLDER...\n\n"
			"Options:\n"
			"  -t, --table=TABLE        target table (schema.table allowed)\n"
			"      --create             create the table if it does not exist\n"
			"  -i, --instrument=NAME    value of the instrument column\n"
			"  -f, --format=FORMAT      auto (default), jcamp, spc, msa, rruff, usgs, csv\n"
			"      --wavelengths=FILE   USGS wavelength file to use (repeatable)\n"
			"      --all-or-nothing     one transaction: load every file or none\n"
			"  -j, --jobs=N             connections loading batches in turn (default 2)\n"
			"  -?, --help               show this help, then exit\n\n"
			"Connection options (as psql; PGHOST, PGPORT, PGUSER, PGDATABASE also work):\n"
			"  -h, --host=HOST          database server host or socket directory\n"
			"  -p, --port=PORT          database server port\n"
			"  -U, --username=USER      database user name\n"
			"  -d, --dbname=DBNAME      database name or connection string\n\n"
			"Folders are walked recursively.  Each file lands whole or not at all;\n"
			"rejected files are listed at the end.  Exit status: 0 all loaded,\n"
			"1 something rejected or interrupted, 2 usage or connection error.\n"
			"See docs/loading.md.\n");
}

static void
parse_options(loader *L, int argc, char **argv)
{
	static const struct option longopts[] = {
		{"host", required_argument, NULL, 'h'},
		{"port", required_argument, NULL, 'p'},
		{"username", required_argument, NULL, 'U'},
		{"dbname", required_argument, NULL, 'd'},
		{"table", required_argument, NULL, 't'},
		{"instrument", required_argument, NULL, 'i'},
		{"format", required_argument, NULL, 'f'},
		{"jobs", required_argument, NULL, 'j'},
		{"create", no_argument, NULL, 1},
		{"all-or-nothing", no_argument, NULL, 2},
		{"wavelengths", required_argument, NULL, 3},
		{"help", no_argument, NULL, '?'},
		{NULL, 0, NULL, 0}
	};
	int			c;
	char		why[256];
	char	   *end;

	L->opt.jobs = 2;
	L->axes = gs_usgs_axes_new();
	if (!L->axes)
		fatal("out of memory");
	while ((c = getopt_long(argc, argv, "h:p:U:d:t:i:f:j:?", longopts, NULL)) != -1)
	{
		switch (c)
		{
			case 'h':
				L->opt.host = optarg;
				break;
			case 'p':
				L->opt.port = optarg;
				break;
			case 'U':
				L->opt.user = optarg;
				break;
			case 'd':
				L->opt.dbname = optarg;
				break;
			case 't':
				L->opt.table = optarg;
				break;
			case 'i':
				L->opt.instrument = optarg;
				break;
			case 'f':
				if (!gs_io_format_parse(optarg, &L->opt.format))
					fatal("unknown format \"%s\"\nHint: formats are auto, jcamp, spc, msa, rruff, usgs and csv.",
						  optarg);
				break;
			case 'j':
				L->opt.jobs = (int) strtol(optarg, &end, 10);
				if (*end || L->opt.jobs < 1 || L->opt.jobs > MAX_JOBS)
					fatal("--jobs must be a number from 1 to %d", MAX_JOBS);
				break;
			case 1:
				L->opt.create = true;
				break;
			case 2:
				L->opt.all_or_nothing = true;
				break;
			case 3:
				if (!gs_usgs_axes_add_explicit(L->axes, optarg, why, sizeof(why)))
					fatal("could not read wavelength file \"%s\": %s", optarg, why);
				break;
			case '?':
				if (optopt == 0 || optopt == '?')
				{
					usage(stdout);
					exit(0);
				}
				/* FALLTHROUGH */
			default:
				fputs("Try \"gs-load --help\" for more information.\n", stderr);
				exit(2);
		}
	}
	if (!L->opt.table)
		fatal("no table given\nTry \"gs-load --help\" for more information.");
	if (optind >= argc)
		fatal("no files or folders given\nTry \"gs-load --help\" for more information.");
	/* one transaction lives on one connection */
	if (L->opt.all_or_nothing)
		L->opt.jobs = 1;
}

static int
summarize(loader *L)
{
	double		elapsed = gs_now() - L->progress.started;

	gs_progress_finish(&L->progress);
	if (L->failed_all)
		printf("gs-load: nothing loaded (--all-or-nothing)\n");
	else
		printf("gs-load: loaded %zu file%s, %zu spectr%s into %s in %.1f s (%.0f spectra/s, %.1f MB/s)\n",
			   L->files_loaded, L->files_loaded == 1 ? "" : "s",
			   L->spectra_loaded, L->spectra_loaded == 1 ? "um" : "a", L->opt.table, elapsed,
			   elapsed > 0 ? L->spectra_loaded / elapsed : 0,
			   elapsed > 0 ? L->progress.bytes_done / 1e6 / elapsed : 0);
	if (L->files_skipped)
		printf("gs-load: skipped %zu USGS wavelength, bandpass or error-bar file%s\n",
			   L->files_skipped, L->files_skipped == 1 ? "" : "s");
	if (interrupted)
		printf("gs-load: interrupted: %zu file%s rolled back, %zu not read\n",
			   L->files_interrupted, L->files_interrupted == 1 ? "" : "s",
			   L->files.n - L->progress.files_done);
	if (L->n_rejected)
	{
		printf("gs-load: rejected %zu file%s:\n", L->n_rejected, L->n_rejected == 1 ? "" : "s");
		for (size_t i = 0; i < L->n_rejected; i++)
			printf("  %s: %s\n", L->rejected[i].path, L->rejected[i].reason);
	}
	fflush(stdout);
	return (L->n_rejected || interrupted || L->failed_all) ? 1 : 0;
}

/*
 * Ends every batch still open: normally, or discarded (abort_reason) when
 * the run stops early.
 */
static bool
settle_all(loader *L, const char *abort_reason)
{
	bool		ok = true;

	for (int k = 0; k < L->opt.jobs; k++)
	{
		slot	   *s = &L->slots[(L->current + k) % L->opt.jobs];

		if (s->in_copy)
			end_copy(s, abort_reason);
		ok = settle_batch(L, s) && ok;
	}
	return ok;
}

int
main(int argc, char **argv)
{
	loader		L = {0};
	char		why[1024];
	bool		go_on = true;
	gs_parse_pool *pool;
	int			status;

	parse_options(&L, argc, argv);
	for (int i = optind; i < argc; i++)
		if (!gs_load_files_add(&L.files, argv[i], why, sizeof(why)))
			reject(&L, argv[i], "%s", why);
	for (int j = 0; j < L.opt.jobs; j++)
	{
		L.slots[j].conn = connect_db(&L.opt);
		cancels[j] = PQgetCancel(L.slots[j].conn);
	}
	n_cancels = L.opt.jobs;
	prepare_table(&L, L.slots[0].conn);
	if (L.opt.all_or_nothing && !run(L.slots[0].conn, "BEGIN", why, sizeof(why)))
		fatal("could not begin a transaction: %s", why);
	signal(SIGINT, on_sigint);

	gs_progress_start(&L.progress, L.files.n, L.files.total_bytes);
	if (L.n_rejected && L.opt.all_or_nothing)
		go_on = false;
	pthread_mutex_init(&L.axes_lock, NULL);
	pool = gs_parse_pool_start(L.files.n, (int) sysconf(_SC_NPROCESSORS_ONLN), parse_one, &L);
	if (!pool)
		fatal("could not start the parsing threads");
	for (size_t i = 0; i < L.files.n && go_on && !interrupted; i++)
	{
		gs_parsed  *parsed = gs_parse_pool_next(pool);

		go_on = load_file(&L, i, parsed);
		gs_parse_pool_release(pool, parsed);
		L.progress.files_done++;
		L.progress.bytes_done += L.files.files[i].size;
		gs_progress_show(&L.progress, false);
	}
	gs_parse_pool_stop(pool);
	if (interrupted)
		settle_all(&L, "gs-load was interrupted");
	else
		go_on = settle_all(&L, go_on ? NULL : "gs-load stops: a file was rejected") && go_on;
	if (L.opt.all_or_nothing)
	{
		bool		commit = go_on && !interrupted && L.n_rejected == 0;

		if (commit && !run(L.slots[0].conn, "COMMIT", why, sizeof(why)))
		{
			reject(&L, "(commit)", "%s", why);
			commit = false;
		}
		if (!commit)
		{
			run(L.slots[0].conn, "ROLLBACK", why, sizeof(why));
			L.files_interrupted += interrupted ? L.files_loaded : 0;
			L.files_loaded = L.spectra_loaded = 0;
			L.failed_all = true;
		}
	}

	status = summarize(&L);
	for (int j = 0; j < L.opt.jobs; j++)
	{
		PQfinish(L.slots[j].conn);
		PQfreeCancel(cancels[j]);
		gs_copy_buf_free(&L.slots[j].rows);
		free(L.slots[j].files);
	}
	gs_load_files_free(&L.files);
	gs_usgs_axes_free(L.axes);
	free(L.copy_sql);
	for (size_t i = 0; i < L.n_rejected; i++)
	{
		free(L.rejected[i].path);
		free(L.rejected[i].reason);
	}
	free(L.rejected);
	return status;
}
