/*
 * jcamp_write.c — one spectrum as a JCAMP-DX 5.01 file.
 *
 * Uniform axes are written as ##XYDATA=(X++(Y..Y)) with FIRSTX, LASTX and
 * DELTAX at full double precision (the reader takes DELTAX as the step when
 * it agrees with the others), explicit axes as ##XYPOINTS=(XY..XY).  AFFN
 * writes every ordinate as round-trip decimal text with YFACTOR 1.  DIFDUP
 * needs integers: YFACTOR is the power of two 2^q that makes every float4
 * ordinate an integer multiple of it (q = the lowest set bit among them), so
 * k * YFACTOR is exact; when that would need integers of more than 52 bits
 * (values spanning more than ~2^28 in magnitude), q is raised and the
 * smallest values are rounded to within max|y| * 2^-51.
 */
#include "gs_io.h"

#include <ctype.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "io_buffer.h"
#include "io_meta.h"
#include "io_numbers.h"

/* Data lines stay within the 80 columns JCAMP-DX asks for. */
#define LINE_SOFT_LIMIT 68
#define OUTPUT_LIMIT ((size_t) 1 << 30)

typedef struct writer
{
	io_buffer	out;
	gs_error   *err;
	gs_status	st;
} writer;

static void
put(writer *w, const char *s, size_t n)
{
	if (w->st == GS_OK)
		w->st = io_buffer_append(&w->out, s, n, w->err);
}

static void
puts_(writer *w, const char *s)
{
	put(w, s, strlen(s));
}

/* A label value on one line: line breaks would start records of their own. */
static void
put_value(writer *w, const char *s)
{
	for (; *s && w->st == GS_OK; s++)
		put(w, (*s == '\n' || *s == '\r') ? " " : s, 1);
}

static void
put_record(writer *w, const char *label, const char *value)
{
	puts_(w, "##");
	puts_(w, label);
	puts_(w, "=");
	put_value(w, value);
	puts_(w, "\n");
}

static void
put_number_record(writer *w, const char *label, double v)
{
	char		buf[IO_NUMBER_LEN];

	io_format_double(v, buf);
	put_record(w, label, buf);
}

static const char *
xunits_of(gs_unit unit)
{
	switch (unit)
	{
		case GS_UNIT_NM:
			return "NANOMETERS";
		case GS_UNIT_UM:
			return "MICROMETERS";
		case GS_UNIT_CM1:
		case GS_UNIT_RAMAN_CM1:
			return "1/CM";
		case GS_UNIT_KEV:
			return "KEV";
		case GS_UNIT_EV:
			return "EV";
		default:
			return "ARBITRARY";
	}
}

static bool
label_is(const char *label, const char *name)
{
	char		norm[64];
	size_t		n = 0;

	for (; *label && n + 1 < sizeof(norm); label++)
		if (*label != ' ' && *label != '-' && *label != '/' && *label != '_')
			norm[n++] = (char) toupper((unsigned char) *label);
	norm[n] = '\0';
	return strcmp(norm, name) == 0;
}

static gs_status
check_labels(const char *const *labels, size_t n_labels, gs_error *err)
{
	static const char *const owned[] = {
		"TITLE", "JCAMPDX", "DATATYPE", "XUNITS", "YUNITS", "XFACTOR", "YFACTOR", "FIRSTX",
		"LASTX", "DELTAX", "NPOINTS", "FIRSTY", "XYDATA", "XYPOINTS", "PEAKTABLE", "END",
		"NTUPLES", "$LASERWAVELENGTH", NULL,
	};

	for (size_t i = 0; i < n_labels; i++)
	{
		const char *l = labels[i];

		if (!*l || strpbrk(l, "=\r\n") || (l[0] == '#'))
		{
			gs_fail(err, GS_ERR_PARAM, "invalid JCAMP-DX label \"%.40s\"", l);
			gs_error_detail(err, "A label is non-empty text without \"=\", line breaks or a leading \"#\".");
			return GS_ERR_PARAM;
		}
		for (const char *const *o = owned; *o; o++)
			if (label_is(l, *o))
			{
				gs_fail(err, GS_ERR_PARAM, "JCAMP-DX label \"%.40s\" is written from the spectrum itself", l);
				gs_error_hint(err, "Leave it out of the metadata.");
				return GS_ERR_PARAM;
			}
	}
	return GS_OK;
}

static bool
has_label(const char *const *labels, size_t n_labels, const char *name)
{
	for (size_t i = 0; i < n_labels; i++)
		if (label_is(labels[i], name))
			return true;
	return false;
}

/* ---- ASDF ---- */

/* Pseudo-digit form of an integer: the first digit becomes a letter of `zero`/`pos`/`neg`. */
static size_t
pseudo_digits(int64_t v, char zero, char pos, char neg, char *buf)
{
	char		digits[24];
	uint64_t	mag = v < 0 ? (uint64_t) 0 - (uint64_t) v : (uint64_t) v;
	int			n = snprintf(digits, sizeof(digits), "%llu", (unsigned long long) mag);

	if (mag == 0)
		buf[0] = zero;
	else
		buf[0] = (char) ((v < 0 ? neg : pos) + (digits[0] - '1'));
	memcpy(buf + 1, digits + 1, (size_t) n - 1);
	buf[n] = '\0';
	return (size_t) n;
}

static size_t
dup_token(size_t count, char *buf)
{
	char		digits[24];
	int			n = snprintf(digits, sizeof(digits), "%zu", count);

	buf[0] = digits[0] == '9' ? 's' : (char) ('S' + (digits[0] - '1'));
	memcpy(buf + 1, digits + 1, (size_t) n - 1);
	buf[n] = '\0';
	return (size_t) n;
}

/* The power-of-two exponent q with every y an integer multiple of 2^q (see the file comment). */
static int
ordinate_quantum(const float *y, size_t n)
{
	int			lo = INT32_MAX,
				hi = INT32_MIN;

	for (size_t i = 0; i < n; i++)
	{
		int			e;
		float		m = frexpf(y[i], &e);
		uint32_t	mant;
		int			tz = 0;

		if (y[i] == 0)
			continue;
		mant = (uint32_t) fabsf(ldexpf(m, 24));
		while (!(mant & 1))
			mant >>= 1, tz++;
		if (e - 24 + tz < lo)
			lo = e - 24 + tz;
		if (e > hi)
			hi = e;
	}
	if (lo == INT32_MAX)
		return 0;
	return hi - lo > 52 ? hi - 52 : lo;
}

static void
put_x(writer *w, double x)
{
	char		buf[IO_NUMBER_LEN];

	put(w, buf, io_format_double(x, buf));
}

static void
write_difdup(writer *w, const gs_spectrum_view *s, int q)
{
	size_t		n = s->n;
	size_t		i = 0;

	for (;;)
	{
		char		tok[32];
		size_t		line_len;
		size_t		j = i;
		size_t		start_len = w->out.len;
		int64_t		k = llround(ldexp(s->y[i], -q));

		put_x(w, s->start + s->step * (double) i);
		put(w, tok, pseudo_digits(k, '@', 'A', 'a', tok));
		line_len = w->out.len - start_len;
		while (j + 1 < n && line_len < LINE_SOFT_LIMIT && w->st == GS_OK)
		{
			int64_t		prev = llround(ldexp(s->y[j], -q));
			int64_t		d = llround(ldexp(s->y[j + 1], -q)) - prev;
			size_t		run = 1;

			while (j + 1 + run < n &&
				   llround(ldexp(s->y[j + 1 + run], -q)) - llround(ldexp(s->y[j + run], -q)) == d)
				run++;
			put(w, tok, pseudo_digits(d, '%', 'J', 'j', tok));
			if (run > 1)
				put(w, tok, dup_token(run, tok));
			j += run;
			line_len = w->out.len - start_len;
		}
		puts_(w, "\n");
		if (j + 1 >= n || w->st != GS_OK)
			break;
		/* the next line opens with the last ordinate again: the Y check */
		i = j;
	}
}

static void
write_affn(writer *w, const gs_spectrum_view *s)
{
	char		buf[IO_NUMBER_LEN];

	for (size_t i = 0; i < s->n && w->st == GS_OK;)
	{
		size_t		start_len = w->out.len;

		put_x(w, s->start + s->step * (double) i);
		do
		{
			puts_(w, " ");
			put(w, buf, io_format_float(s->y[i], buf));
			i++;
		} while (i < s->n && w->out.len - start_len < LINE_SOFT_LIMIT);
		puts_(w, "\n");
	}
}

static void
write_points(writer *w, const gs_spectrum_view *s)
{
	char		buf[IO_NUMBER_LEN];

	for (size_t i = 0; i < s->n && w->st == GS_OK; i++)
	{
		put_x(w, s->x[i]);
		puts_(w, ", ");
		put(w, buf, io_format_float(s->y[i], buf));
		puts_(w, "\n");
	}
}

gs_status
gs_write_jcamp(const gs_spectrum_view *s, const char *title, const char *const *labels,
			   const char *const *values, size_t n_labels, gs_jcamp_encoding encoding,
			   const gs_allocator *alloc, char **text, size_t *text_len, gs_error *err)
{
	writer		w = {.err = err,.st = GS_OK};
	int			q = (encoding == GS_JCAMP_DIFDUP && !s->x) ? ordinate_quantum(s->y, s->n) : 0;
	char		buf[IO_NUMBER_LEN];

	w.st = check_labels(labels, n_labels, err);
	if (w.st != GS_OK)
		return w.st;
	io_buffer_init(&w.out, alloc, OUTPUT_LIMIT);
	put_record(&w, "TITLE", title ? title : "");
	put_record(&w, "JCAMP-DX", "5.01");
	put_record(&w, "DATA TYPE", s->unit == GS_UNIT_RAMAN_CM1 ? "RAMAN SPECTRUM" : "SPECTRUM");
	put_record(&w, "DATA CLASS", s->x ? "XYPOINTS" : "XYDATA");
	if (!has_label(labels, n_labels, "ORIGIN"))
		put_record(&w, "ORIGIN", "geospectra");
	if (!has_label(labels, n_labels, "OWNER"))
		put_record(&w, "OWNER", "");
	for (size_t i = 0; i < n_labels; i++)
		put_record(&w, labels[i], values[i] ? values[i] : "");
	put_record(&w, "XUNITS", xunits_of(s->unit));
	put_record(&w, "YUNITS", "ARBITRARY UNITS");
	if (s->has_laser)
		put_number_record(&w, "$LASER WAVELENGTH", s->laser_nm);
	put_record(&w, "XFACTOR", "1");
	snprintf(buf, sizeof(buf), "%.17g", ldexp(1.0, q));
	put_record(&w, "YFACTOR", buf);
	put_number_record(&w, "FIRSTX", gs_view_xmin(s));
	put_number_record(&w, "LASTX", gs_view_xmax(s));
	if (!s->x)
		put_number_record(&w, "DELTAX", s->step);
	io_format_float(s->y[0], buf);
	put_record(&w, "FIRSTY", buf);
	snprintf(buf, sizeof(buf), "%zu", s->n);
	put_record(&w, "NPOINTS", buf);
	if (s->x)
	{
		put_record(&w, "XYPOINTS", "(XY..XY)");
		write_points(&w, s);
	}
	else
	{
		put_record(&w, "XYDATA", "(X++(Y..Y))");
		if (encoding == GS_JCAMP_DIFDUP)
			write_difdup(&w, s, q);
		else
			write_affn(&w, s);
	}
	put_record(&w, "END", "");
	put(&w, "", 1);
	if (w.st != GS_OK)
	{
		io_buffer_free(&w.out);
		return w.st;
	}
	*text_len = w.out.len - 1;
	*text = io_buffer_take(&w.out);
	return GS_OK;
}
