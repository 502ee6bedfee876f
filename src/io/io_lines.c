#include "io_lines.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

void
io_lines_init(io_lines *it, const void *bytes, size_t len)
{
	it->p = bytes;
	it->end = (const char *) bytes + len;
	it->number = 0;
	/* Windows tools start UTF-8 text with a byte order mark */
	if (len >= 3 && memcmp(bytes, "\xef\xbb\xbf", 3) == 0)
		it->p += 3;
}

static const char *
scan_line(const char *p, const char *end, io_line *line)
{
	const char *s = p;

	while (p < end && *p != '\n' && *p != '\r')
		p++;
	line->s = s;
	line->len = (size_t) (p - s);
	if (p < end && *p == '\r')
	{
		p++;
		if (p < end && *p == '\n')
			p++;
	}
	else if (p < end)
		p++;
	return p;
}

bool
io_lines_next(io_lines *it, io_line *line)
{
	if (it->p >= it->end)
		return false;
	it->p = scan_line(it->p, it->end, line);
	line->number = ++it->number;
	return true;
}

bool
io_lines_peek(const io_lines *it, io_line *line)
{
	if (it->p >= it->end)
		return false;
	scan_line(it->p, it->end, line);
	line->number = it->number + 1;
	return true;
}

const char *
io_skip_blanks(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	return p;
}

void
io_trim(const char **s, size_t *len)
{
	const char *a = *s;
	const char *b = a + *len;

	while (a < b && (unsigned char) *a <= ' ')
		a++;
	while (b > a && (unsigned char) b[-1] <= ' ')
		b--;
	*s = a;
	*len = (size_t) (b - a);
}

/* Longest number text handed to strtod; longer tokens are not numbers a writer makes. */
#define NUMBER_TEXT_MAX 80

const char *
io_scan_double(const char *p, const char *end, double *value)
{
	const char *s = p;
	bool		digits = false;
	char		buf[NUMBER_TEXT_MAX + 1];
	size_t		len;

	if (p < end && (*p == '+' || *p == '-'))
		p++;
	while (p < end && isdigit((unsigned char) *p))
		p++, digits = true;
	if (p < end && *p == '.')
	{
		p++;
		while (p < end && isdigit((unsigned char) *p))
			p++, digits = true;
	}
	if (!digits)
		return NULL;
	if (p < end && (*p == 'e' || *p == 'E'))
	{
		const char *q = p + 1;

		if (q < end && (*q == '+' || *q == '-'))
			q++;
		if (q < end && isdigit((unsigned char) *q))
		{
			while (q < end && isdigit((unsigned char) *q))
				q++;
			p = q;
		}
	}
	len = (size_t) (p - s);
	if (len > NUMBER_TEXT_MAX)
		return NULL;
	memcpy(buf, s, len);
	buf[len] = '\0';
	*value = strtod(buf, NULL);
	return p;
}

bool
io_parse_double(const char *s, size_t len, double *value)
{
	const char *end = s + len;
	const char *p = io_skip_blanks(s, end);

	p = io_scan_double(p, end, value);
	return p && io_skip_blanks(p, end) == end;
}

const char *
io_find_nocase(const char *hay, size_t len, const char *needle)
{
	size_t		n = strlen(needle);

	for (size_t i = 0; n <= len && i <= len - n; i++)
	{
		size_t		k = 0;

		while (k < n && tolower((unsigned char) hay[i + k]) == tolower((unsigned char) needle[k]))
			k++;
		if (k == n)
			return hay + i;
	}
	return NULL;
}

static void
printable(char *s)
{
	for (; *s; s++)
		if ((unsigned char) *s < 0x20 || (unsigned char) *s > 0x7e)
			*s = '?';
}

void
io_error_printable(gs_error *err)
{
	printable(err->msg);
	printable(err->detail);
	printable(err->hint);
}
