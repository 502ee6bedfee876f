#include "io_lines.h"

#include <ctype.h>
#include <float.h>
#include <stdint.h>
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

static inline bool
is_digit(char c)
{
	return (unsigned char) (c - '0') < 10;
}

/* Longest number text handed to strtod; longer tokens are not numbers a writer makes. */
#define NUMBER_TEXT_MAX 80

/* Powers of ten that a double holds exactly. */
static const double exact_pow10[] = {
	1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
	1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22
};

/*
 * Clinger's fast path: when the significant digits form an integer below
 * 2^53 and the decimal exponent is at most 22 in size, both operands of one
 * multiplication or division are exact doubles, so its correctly rounded
 * result is the correctly rounded value of the decimal, strtod's answer.
 * Spectra files are almost all such numbers; the rest go to strtod.
 */
static bool
fast_decimal(uint64_t mantissa, int exp10, bool negative, double *value)
{
	double		v;

#if FLT_EVAL_METHOD != 0
	return false;				/* excess precision (x87) would round twice */
#endif
	if (mantissa > ((uint64_t) 1 << 53) || exp10 < -22 || exp10 > 22)
		return false;
	v = (double) mantissa;
	v = exp10 < 0 ? v / exact_pow10[-exp10] : v * exact_pow10[exp10];
	*value = negative ? -v : v;
	return true;
}

/* The digits of a decimal as far as they fit an integer mantissa. */
typedef struct decimal_digits
{
	uint64_t	mantissa;
	int			significant;	/* digits in mantissa, leading zeros left out */
	int			exp10;
	bool		exact;			/* every significant digit fits in mantissa */
} decimal_digits;

/* One more digit, before the point or (fraction) after it. */
static inline void
take_digit(decimal_digits *d, char c, bool fraction)
{
	if (d->significant < 19)
	{
		d->mantissa = d->mantissa * 10 + (uint64_t) (c - '0');
		d->significant += d->mantissa != 0;
		d->exp10 -= fraction;
	}
	else
	{
		d->exp10 += !fraction;
		d->exact &= c == '0';
	}
}

const char *
io_scan_double(const char *p, const char *end, double *value)
{
	const char *s = p;
	bool		digits = false,
				negative = false;
	decimal_digits d = {0, 0, 0, true};
	char		buf[NUMBER_TEXT_MAX + 1];
	size_t		len;

	if (p < end && (*p == '+' || *p == '-'))
		negative = *p++ == '-';
	for (; p < end && is_digit(*p); p++)
	{
		digits = true;
		take_digit(&d, *p, false);
	}
	if (p < end && *p == '.')
	{
		for (p++; p < end && is_digit(*p); p++)
		{
			digits = true;
			take_digit(&d, *p, true);
		}
	}
	if (!digits)
		return NULL;
	if (p < end && (*p == 'e' || *p == 'E'))
	{
		const char *q = p + 1;
		bool		eneg = false;
		int			e = 0;

		if (q < end && (*q == '+' || *q == '-'))
			eneg = *q++ == '-';
		if (q < end && is_digit(*q))
		{
			for (; q < end && is_digit(*q); q++)
				if (e < 100000)
					e = e * 10 + (*q - '0');
			d.exp10 += eneg ? -e : e;
			p = q;
		}
	}
	if (d.exact && fast_decimal(d.mantissa, d.mantissa == 0 ? 0 : d.exp10, negative, value))
		return p;
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
