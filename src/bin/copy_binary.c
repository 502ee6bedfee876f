/*
 * copy_binary.c — rows of the COPY BINARY stream gs-load sends: the
 * spectrum in the type's binary wire form (the same bytes spectrum_recv
 * decodes), text columns as UTF-8 (the connection's client_encoding), and
 * the metadata as jsonb's binary form (version byte 1, then the JSON text).
 */
#include "gs_load.h"

#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>

#include "spectrum_binary.h"

static void
reserve(gs_copy_buf *b, size_t more)
{
	size_t		cap = b->capacity ? b->capacity : 65536;

	if (b->len + more <= b->capacity)
		return;
	while (cap < b->len + more)
		cap *= 2;
	b->data = realloc(b->data, cap);
	if (!b->data)
	{
		/* a client tool has nothing better to do when memory runs out */
		fprintf(stderr, "gs-load: out of memory\n");
		exit(2);
	}
	b->capacity = cap;
}

static void
put(gs_copy_buf *b, const void *p, size_t n)
{
	reserve(b, n);
	memcpy(b->data + b->len, p, n);
	b->len += n;
}

static void
put_u16(gs_copy_buf *b, uint16_t v)
{
	v = htons(v);
	put(b, &v, 2);
}

static void
put_i32(gs_copy_buf *b, int32_t v)
{
	uint32_t	u = htonl((uint32_t) v);

	put(b, &u, 4);
}

static void
put_text(gs_copy_buf *b, const char *s)
{
	if (!s || !*s)
	{
		put_i32(b, -1);			/* NULL rather than an empty string */
		return;
	}
	put_i32(b, (int32_t) strlen(s));
	put(b, s, strlen(s));
}

void
gs_copy_header(gs_copy_buf *b)
{
	static const char sig[11] = "PGCOPY\n\377\r\n\0";

	put(b, sig, sizeof(sig));
	put_i32(b, 0);				/* flags */
	put_i32(b, 0);				/* header extension length */
}

void
gs_copy_trailer(gs_copy_buf *b)
{
	put_u16(b, 0xFFFF);
}

void
gs_copy_row(gs_copy_buf *b, const gs_io_item *item, const char *instrument, const char *source)
{
	gs_spectrum_view v = gs_packed_view(item->spectrum);
	size_t		size = gs_spectrum_binary_size(&v);
	size_t		meta_len = strlen(item->meta);
	char	   *rruff_id = gs_json_string_member(item->meta, "RRUFFID");
	char	   *names = gs_json_string_member(item->meta, "NAMES");

	put_u16(b, 6);
	put_i32(b, (int32_t) size);
	reserve(b, size);
	gs_spectrum_encode(&v, (uint8_t *) b->data + b->len);
	b->len += size;
	put_text(b, instrument);
	/* RRUFF files name the sample and the mineral; other formats only title the spectrum */
	put_text(b, rruff_id ? rruff_id : item->title);
	put_text(b, names);
	put_i32(b, (int32_t) (meta_len + 1));
	put(b, "\1", 1);
	put(b, item->meta, meta_len);
	put_text(b, source);
	free(rruff_id);
	free(names);
}

void
gs_copy_buf_free(gs_copy_buf *b)
{
	free(b->data);
	memset(b, 0, sizeof(*b));
}

/* ---- the few metadata members gs-load looks at ---- */

static int
hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static bool
hex4(const char *p, unsigned *v)
{
	*v = 0;
	for (int i = 0; i < 4; i++)
	{
		int			d = hex_digit(p[i]);

		if (d < 0)
			return false;
		*v = *v * 16 + (unsigned) d;
	}
	return true;
}

static size_t
put_utf8(char *out, unsigned cp)
{
	if (cp < 0x80)
		return out[0] = (char) cp, 1;
	if (cp < 0x800)
		return out[0] = (char) (0xC0 | cp >> 6), out[1] = (char) (0x80 | (cp & 0x3F)), 2;
	if (cp < 0x10000)
		return out[0] = (char) (0xE0 | cp >> 12), out[1] = (char) (0x80 | ((cp >> 6) & 0x3F)),
			out[2] = (char) (0x80 | (cp & 0x3F)), 3;
	return out[0] = (char) (0xF0 | cp >> 18), out[1] = (char) (0x80 | ((cp >> 12) & 0x3F)),
		out[2] = (char) (0x80 | ((cp >> 6) & 0x3F)), out[3] = (char) (0x80 | (cp & 0x3F)), 4;
}

/*
 * Decodes the JSON string starting after its opening quote; returns the
 * position after the closing quote (NULL when malformed), the value in *out
 * when out is not NULL.
 */
static const char *
json_string(const char *p, char **out)
{
	const char *start = p;
	char	   *o = NULL;
	size_t		n = 0;

	while (*p && *p != '"')
		p += (*p == '\\' && p[1]) ? 2 : 1;
	if (*p != '"')
		return NULL;
	if (!out)
		return p + 1;
	/* decoding never grows the text: \uXXXX (6 bytes) is at most 4 in UTF-8 */
	o = malloc((size_t) (p - start) + 1);
	if (!o)
		return NULL;
	for (const char *q = start; q < p;)
	{
		unsigned	cp,
					lo;

		if (*q != '\\')
		{
			o[n++] = *q++;
			continue;
		}
		q++;
		switch (*q)
		{
			case 'b':
				o[n++] = '\b';
				break;
			case 'f':
				o[n++] = '\f';
				break;
			case 'n':
				o[n++] = '\n';
				break;
			case 'r':
				o[n++] = '\r';
				break;
			case 't':
				o[n++] = '\t';
				break;
			case 'u':
				if (q + 5 > p || !hex4(q + 1, &cp))
				{
					free(o);
					return NULL;
				}
				q += 4;
				if (cp >= 0xD800 && cp < 0xDC00 && q + 7 <= p && q[1] == '\\' && q[2] == 'u' &&
					hex4(q + 3, &lo) && lo >= 0xDC00 && lo < 0xE000)
				{
					cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
					q += 6;
				}
				n += put_utf8(o + n, cp);
				break;
			default:
				o[n++] = *q;	/* \" \\ \/ */
				break;
		}
		q++;
	}
	o[n] = '\0';
	*out = o;
	return p + 1;
}

/* Skips one JSON value that is not a string (io_meta writes only strings, but stay safe). */
static const char *
skip_value(const char *p)
{
	int			depth = 0;

	for (; *p; p++)
	{
		if (*p == '"')
		{
			p = json_string(p + 1, NULL);
			if (!p)
				return NULL;
			p--;
		}
		else if (*p == '{' || *p == '[')
			depth++;
		else if (*p == '}' || *p == ']')
		{
			if (depth == 0)
				return p;
			depth--;
		}
		else if (*p == ',' && depth == 0)
			return p;
	}
	return p;
}

char *
gs_json_string_member(const char *json, const char *key)
{
	const char *p = json;
	size_t		klen = strlen(key);

	while (*p == ' ')
		p++;
	if (*p++ != '{')
		return NULL;
	for (;;)
	{
		const char *k;
		bool		match;

		while (*p == ' ' || *p == ',' || *p == '\n')
			p++;
		if (*p != '"')
			return NULL;
		k = p + 1;
		p = json_string(k, NULL);
		if (!p)
			return NULL;
		match = (size_t) (p - 1 - k) == klen && memcmp(k, key, klen) == 0;
		while (*p == ' ' || *p == ':')
			p++;
		if (*p == '"')
		{
			char	   *value = NULL;

			p = json_string(p + 1, match ? &value : NULL);
			if (!p || match)
				return value;
		}
		else
		{
			if (match)
				return NULL;
			p = skip_value(p);
			if (!p)
				return NULL;
		}
		if (*p == '}' || *p == '\0')
			return NULL;
	}
}
