#include "io_meta.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

/* Metadata is a header's worth of text; a file cannot make it larger than this. */
#define META_BYTES_LIMIT ((size_t) 64 * 1024 * 1024)

void
io_meta_init(io_meta *m, const gs_allocator *alloc)
{
	io_buffer_init(&m->text, alloc, META_BYTES_LIMIT);
	io_buffer_init(&m->keys, alloc, IO_META_MAX_KEYS * 2 * sizeof(size_t));
	m->n_keys = 0;
}

void
io_meta_free(io_meta *m)
{
	io_buffer_free(&m->text);
	io_buffer_free(&m->keys);
}

/* Length of the valid UTF-8 sequence at s (1..4), or 0. */
static size_t
utf8_sequence(const unsigned char *s, size_t len)
{
	size_t		n;
	unsigned	cp;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		n = 2, cp = s[0] & 0x1f;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		n = 3, cp = s[0] & 0x0f;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		n = 4, cp = s[0] & 0x07;
	else
		return 0;
	if (len < n)
		return 0;
	for (size_t i = 1; i < n; i++)
	{
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if ((n == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
		(n == 4 && (cp < 0x10000 || cp > 0x10ffff)))
		return 0;
	return n;
}

/* Bytes copied as they are: printable ASCII, less what JSON escapes. */
static inline bool
plain_byte(unsigned char c, bool json)
{
	return c >= 0x20 && c < 0x80 && !(json && (c == '"' || c == '\\'));
}

gs_status
io_append_utf8(io_buffer *b, const char *s, size_t len, bool json, gs_error *err)
{
	const unsigned char *u = (const unsigned char *) s;
	gs_status	st = GS_OK;

	for (size_t i = 0; i < len && st == GS_OK;)
	{
		size_t		n;
		char		esc[8];

		/* header text is mostly plain: one append per run of it */
		for (n = 0; i + n < len && plain_byte(u[i + n], json); n++)
			;
		if (n > 0)
		{
			st = io_buffer_append(b, s + i, n, err);
			i += n;
			continue;
		}
		n = utf8_sequence(u + i, len - i);
		if (u[i] == 0)
		{
			i++;
			continue;
		}
		if (n == 0)
		{
			/* Latin-1 byte: U+0080..U+00FF in two bytes */
			esc[0] = (char) (0xc0 | (u[i] >> 6));
			esc[1] = (char) (0x80 | (u[i] & 0x3f));
			st = io_buffer_append(b, esc, 2, err);
			i++;
			continue;
		}
		if (json && (u[i] == '"' || u[i] == '\\'))
		{
			esc[0] = '\\';
			esc[1] = (char) u[i];
			st = io_buffer_append(b, esc, 2, err);
		}
		else if (json && (u[i] == '\n' || u[i] == '\r' || u[i] == '\t'))
		{
			esc[0] = '\\';
			esc[1] = u[i] == '\n' ? 'n' : (u[i] == '\r' ? 'r' : 't');
			st = io_buffer_append(b, esc, 2, err);
		}
		else if (json && u[i] < 0x20)
		{
			snprintf(esc, sizeof(esc), "\\u%04x", u[i]);
			st = io_buffer_append(b, esc, 6, err);
		}
		else
			st = io_buffer_append(b, s + i, n, err);
		i += n;
	}
	return st;
}

/* Does the key at offset `off` of the text equal the escaped form of `key`? */
static bool
key_at_matches(const io_meta *m, size_t off, size_t len, const char *escaped, size_t escaped_len)
{
	return len == escaped_len && (len == 0 || memcmp(m->text.data + off, escaped, len) == 0);
}

static bool
key_exists(const io_meta *m, const char *escaped, size_t len)
{
	const size_t *k = (const size_t *) m->keys.data;

	for (size_t i = 0; i < m->n_keys; i++)
		if (key_at_matches(m, k[2 * i], k[2 * i + 1], escaped, len))
			return true;
	return false;
}

gs_status
io_meta_add(io_meta *m, const char *key, size_t key_len, const char *value, size_t value_len,
			gs_error *err)
{
	io_buffer	esc;
	gs_status	st;
	size_t		pos[2];
	char		suffix[24];

	if (m->n_keys >= IO_META_MAX_KEYS)
		return gs_fail(err, GS_ERR_LIMIT, "file header has more than %d labels", IO_META_MAX_KEYS);
	io_buffer_init(&esc, m->text.alloc, META_BYTES_LIMIT);
	st = io_append_utf8(&esc, key, key_len, true, err);
	if (st == GS_OK && key_exists(m, esc.data, esc.len))
	{
		size_t		base = esc.len;

		for (int copy = 2; st == GS_OK; copy++)
		{
			int			n = snprintf(suffix, sizeof(suffix), "_%d", copy);

			esc.len = base;
			st = io_buffer_append(&esc, suffix, (size_t) n, err);
			if (st == GS_OK && !key_exists(m, esc.data, esc.len))
				break;
		}
	}
	if (st == GS_OK)
		st = io_buffer_append(&m->text, m->n_keys ? ",\"" : "{\"", 2, err);
	pos[0] = m->text.len;
	pos[1] = esc.len;
	if (st == GS_OK)
		st = io_buffer_append(&m->text, esc.data, esc.len, err);
	if (st == GS_OK)
		st = io_buffer_append(&m->text, "\":\"", 3, err);
	if (st == GS_OK)
		st = io_append_utf8(&m->text, value, value_len, true, err);
	if (st == GS_OK)
		st = io_buffer_append(&m->text, "\"", 1, err);
	if (st == GS_OK)
		st = io_buffer_append(&m->keys, pos, sizeof(pos), err);
	if (st == GS_OK)
		m->n_keys++;
	io_buffer_free(&esc);
	return st;
}

gs_status
io_meta_copy(io_meta *dst, const io_meta *src, gs_error *err)
{
	gs_status	st;

	io_meta_init(dst, src->text.alloc);
	st = io_buffer_append(&dst->text, src->text.data, src->text.len, err);
	if (st == GS_OK)
		st = io_buffer_append(&dst->keys, src->keys.data, src->keys.len, err);
	dst->n_keys = src->n_keys;
	return st;
}

gs_status
io_meta_add_str(io_meta *m, const char *key, const char *value, gs_error *err)
{
	return io_meta_add(m, key, strlen(key), value, strlen(value), err);
}

gs_status
io_meta_finish(io_meta *m, char **json, gs_error *err)
{
	gs_status	st;

	if (m->n_keys == 0)
		st = io_buffer_append(&m->text, "{}", 3, err);
	else
		st = io_buffer_append(&m->text, "}", 2, err);
	if (st != GS_OK)
		return st;
	*json = io_buffer_take(&m->text);
	return GS_OK;
}
