#include "spectrum_text.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "shortest_float.h"

typedef struct number_list
{
	const char *begin;			/* first character after '[' */
	size_t		count;
	bool		present;
} number_list;

typedef struct parse_state
{
	const char *text;
	const char *p;
	gs_error   *err;
} parse_state;

static gs_status
syntax_error(parse_state *ps, const char *what)
{
	const char *at = ps->p;
	size_t		offset = (size_t) (at - ps->text);

	gs_fail(ps->err, GS_ERR_SYNTAX, "invalid input syntax for type spectrum");
	if (*at == '\0')
		gs_error_detail(ps->err, "Expected %s at the end of the input (character %zu).",
						what, offset + 1);
	else
		gs_error_detail(ps->err, "Expected %s at character %zu, found \"%.20s\".",
						what, offset + 1, at);
	return GS_ERR_SYNTAX;
}

static inline const char *
skip_ws(const char *p)
{
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	return p;
}

/*
 * Scans a JSON number (-?digits[.digits][(e|E)[+-]digits]); returns the end
 * or NULL.  Leading zeros and a bare fraction (".5", "5.") are tolerated, as
 * float4in does, since hand-written literals contain them.
 */
static const char *
scan_number(const char *p)
{
	bool		digits = false;

	if (*p == '-' || *p == '+')
		p++;
	while (isdigit((unsigned char) *p))
		p++, digits = true;
	if (*p == '.')
	{
		p++;
		while (isdigit((unsigned char) *p))
			p++, digits = true;
	}
	if (!digits)
		return NULL;
	if (*p == 'e' || *p == 'E')
	{
		p++;
		if (*p == '-' || *p == '+')
			p++;
		if (!isdigit((unsigned char) *p))
			return NULL;
		while (isdigit((unsigned char) *p))
			p++;
	}
	return p;
}

/* Spelled-out non-finite values (NaN, Infinity, inf) get a semantic error. */
static bool
looks_nonfinite(const char *p)
{
	if (*p == '-' || *p == '+')
		p++;
	return strncasecmp(p, "nan", 3) == 0 || strncasecmp(p, "inf", 3) == 0;
}

static gs_status
nonfinite_error(parse_state *ps, const char *name, size_t index)
{
	gs_fail(ps->err, GS_ERR_PARAM, "%s[%zu] is not a finite number", name, index);
	gs_error_hint(ps->err, "Drop missing points (an explicit x axis can have gaps) instead of storing NaN.");
	return GS_ERR_PARAM;
}

static gs_status
expect_number_token(parse_state *ps, const char *name, size_t index, const char **end)
{
	*end = scan_number(ps->p);
	if (*end)
		return GS_OK;
	if (looks_nonfinite(ps->p))
		return index ? nonfinite_error(ps, name, index) :
			gs_fail(ps->err, GS_ERR_PARAM, "\"%s\" is not a finite number", name);
	return syntax_error(ps, "a number");
}

static gs_status
parse_double(parse_state *ps, const char *name, double *out)
{
	const char *end;
	char	   *stop;
	gs_status	st = expect_number_token(ps, name, 0, &end);

	if (st != GS_OK)
		return st;
	errno = 0;
	*out = strtod(ps->p, &stop);
	if (stop != end)
		return syntax_error(ps, "a number");
	if (errno == ERANGE && (*out == 0 || isinf(*out)))
		return gs_fail(ps->err, GS_ERR_RANGE, "\"%.*s\" is out of range for type double precision",
					   (int) (end - ps->p), ps->p);
	ps->p = end;
	return GS_OK;
}

/* First pass over an array: checks its shape and counts its numbers. */
static gs_status
scan_list(parse_state *ps, const char *name, number_list *list)
{
	if (*ps->p != '[')
		return syntax_error(ps, "\"[\"");
	ps->p = skip_ws(ps->p + 1);
	list->begin = ps->p;
	list->count = 0;
	list->present = true;
	if (*ps->p == ']')
	{
		ps->p++;
		return GS_OK;
	}
	for (;;)
	{
		const char *end;
		gs_status	st = expect_number_token(ps, name, list->count + 1, &end);

		if (st != GS_OK)
			return st;
		list->count++;
		ps->p = skip_ws(end);
		if (*ps->p == ']')
		{
			ps->p++;
			return GS_OK;
		}
		if (*ps->p != ',')
			return syntax_error(ps, "\",\" or \"]\"");
		ps->p = skip_ws(ps->p + 1);
	}
}

static gs_status
range_error(gs_error *err, const char *name, size_t index, const char *tok, const char *end,
			const char *type)
{
	return gs_fail(err, GS_ERR_RANGE, "%s[%zu] = \"%.*s\" is out of range for type %s",
				   name, index, (int) (end - tok), tok, type);
}

/* Second pass: the shape is known to be right, so only the numbers can fail. */
static gs_status
fill_doubles(const number_list *list, double *out, gs_error *err)
{
	const char *p = list->begin;

	for (size_t i = 0; i < list->count; i++)
	{
		const char *end = scan_number(p);
		char	   *stop;

		errno = 0;
		out[i] = strtod(p, &stop);
		if (errno == ERANGE && (out[i] == 0 || isinf(out[i])))
			return range_error(err, "x", i + 1, p, end, "double precision");
		p = skip_ws(end);
		p = skip_ws(p + 1);		/* the ',' (or the final ']') */
	}
	return GS_OK;
}

static gs_status
fill_floats(const number_list *list, float *out, gs_error *err)
{
	const char *p = list->begin;

	for (size_t i = 0; i < list->count; i++)
	{
		const char *end = scan_number(p);
		char	   *stop;

		errno = 0;
		out[i] = strtof(p, &stop);
		if (errno == ERANGE && (out[i] == 0 || isinf(out[i])))
			return range_error(err, "y", i + 1, p, end, "real");
		p = skip_ws(end);
		p = skip_ws(p + 1);
	}
	return GS_OK;
}

typedef struct parsed_fields
{
	bool		has_unit,
				has_laser,
				has_start,
				has_step;
	gs_unit		unit;
	double		laser_nm,
				start,
				step;
	number_list x,
				y;
} parsed_fields;

static const char *const known_keys = "unit, laser_nm, start, step, x, y";

static gs_status
duplicate_key(parse_state *ps, const char *key)
{
	gs_fail(ps->err, GS_ERR_SYNTAX, "invalid input syntax for type spectrum");
	gs_error_detail(ps->err, "Key \"%s\" appears more than once.", key);
	return GS_ERR_SYNTAX;
}

static gs_status
parse_value(parse_state *ps, const char *key, size_t keylen, parsed_fields *f)
{
#define KEY_IS(s) (keylen == sizeof(s) - 1 && memcmp(key, s, keylen) == 0)
	if (KEY_IS("unit"))
	{
		const char *name;

		if (f->has_unit)
			return duplicate_key(ps, "unit");
		if (*ps->p != '"')
			return syntax_error(ps, "a string for \"unit\"");
		name = ++ps->p;
		while (*ps->p && *ps->p != '"' && *ps->p != '\\')
			ps->p++;
		if (*ps->p != '"')
			return syntax_error(ps, "the closing quote of \"unit\"");
		if (!gs_unit_parse(name, (size_t) (ps->p - name), &f->unit))
		{
			gs_fail(ps->err, GS_ERR_PARAM, "unknown axis unit \"%.*s\"",
					(int) (ps->p - name > 40 ? 40 : ps->p - name), name);
			gs_error_hint(ps->err, "Valid units are: %s.", gs_unit_names_list());
			return GS_ERR_PARAM;
		}
		ps->p++;
		f->has_unit = true;
		return GS_OK;
	}
	if (KEY_IS("laser_nm"))
	{
		if (f->has_laser)
			return duplicate_key(ps, "laser_nm");
		f->has_laser = true;
		if (strncmp(ps->p, "null", 4) == 0)
		{
			ps->p += 4;
			f->laser_nm = NAN;
			return GS_OK;
		}
		return parse_double(ps, "laser_nm", &f->laser_nm);
	}
	if (KEY_IS("start"))
	{
		if (f->has_start)
			return duplicate_key(ps, "start");
		f->has_start = true;
		return parse_double(ps, "start", &f->start);
	}
	if (KEY_IS("step"))
	{
		if (f->has_step)
			return duplicate_key(ps, "step");
		f->has_step = true;
		return parse_double(ps, "step", &f->step);
	}
	if (KEY_IS("x"))
	{
		if (f->x.present)
			return duplicate_key(ps, "x");
		return scan_list(ps, "x", &f->x);
	}
	if (KEY_IS("y"))
	{
		if (f->y.present)
			return duplicate_key(ps, "y");
		return scan_list(ps, "y", &f->y);
	}
#undef KEY_IS
	gs_fail(ps->err, GS_ERR_SYNTAX, "invalid input syntax for type spectrum");
	gs_error_detail(ps->err, "Unknown key \"%.*s\".", (int) (keylen > 40 ? 40 : keylen), key);
	gs_error_hint(ps->err, "Valid keys are: %s.", known_keys);
	return GS_ERR_SYNTAX;
}

static gs_status
parse_object(parse_state *ps, parsed_fields *f)
{
	gs_status	st;

	ps->p = skip_ws(ps->p);
	if (*ps->p != '{')
		return syntax_error(ps, "\"{\"");
	ps->p = skip_ws(ps->p + 1);
	if (*ps->p == '}')
		return syntax_error(ps, "a key");
	for (;;)
	{
		const char *key;
		size_t		keylen;

		if (*ps->p != '"')
			return syntax_error(ps, "a quoted key");
		key = ++ps->p;
		while (*ps->p && *ps->p != '"' && *ps->p != '\\')
			ps->p++;
		if (*ps->p != '"')
			return syntax_error(ps, "the closing quote of a key");
		keylen = (size_t) (ps->p - key);
		ps->p = skip_ws(ps->p + 1);
		if (*ps->p != ':')
			return syntax_error(ps, "\":\"");
		ps->p = skip_ws(ps->p + 1);
		if ((st = parse_value(ps, key, keylen, f)) != GS_OK)
			return st;
		ps->p = skip_ws(ps->p);
		if (*ps->p == '}')
			break;
		if (*ps->p != ',')
			return syntax_error(ps, "\",\" or \"}\"");
		ps->p = skip_ws(ps->p + 1);
	}
	ps->p = skip_ws(ps->p + 1);
	if (*ps->p != '\0')
		return syntax_error(ps, "the end of the input");
	return GS_OK;
}

static gs_status
missing_key(gs_error *err, const char *what)
{
	gs_fail(err, GS_ERR_SYNTAX, "invalid input syntax for type spectrum");
	gs_error_detail(err, "%s", what);
	gs_error_hint(err, "Write {\"unit\":\"nm\",\"start\":350,\"step\":0.5,\"y\":[...]} or {\"unit\":\"nm\",\"x\":[...],\"y\":[...]}.");
	return GS_ERR_SYNTAX;
}

static gs_status
check_fields(const parsed_fields *f, gs_error *err)
{
	if (!f->has_unit)
		return missing_key(err, "Key \"unit\" is missing.");
	if (!f->y.present)
		return missing_key(err, "Key \"y\" is missing.");
	if (f->x.present && (f->has_start || f->has_step))
		return missing_key(err, "Give either \"x\" or \"start\" and \"step\", not both.");
	if (!f->x.present && !(f->has_start && f->has_step))
		return missing_key(err, "A uniform axis needs both \"start\" and \"step\"; an explicit one needs \"x\".");
	if (f->x.present && f->x.count != f->y.count)
	{
		gs_fail(err, GS_ERR_PARAM, "x and y have different lengths");
		gs_error_detail(err, "x has %zu values and y has %zu.", f->x.count, f->y.count);
		return GS_ERR_PARAM;
	}
	return GS_OK;
}

gs_status
gs_spectrum_parse(const char *text, size_t max_points, const gs_allocator *alloc,
				  gs_packed_spectrum **out, size_t *out_size, gs_error *err)
{
	parse_state ps = {text, text, err};
	parsed_fields f;
	gs_packed_spectrum *p;
	double	   *x;
	float	   *y;
	size_t		size;
	gs_status	st;

	memset(&f, 0, sizeof(f));
	f.laser_nm = NAN;
	*out = NULL;
	if ((st = parse_object(&ps, &f)) != GS_OK ||
		(st = check_fields(&f, err)) != GS_OK ||
		(st = gs_check_npoints(f.y.count, max_points, err)) != GS_OK)
		return st;

	size = gs_packed_size(f.y.count, f.x.present);
	p = alloc->alloc(alloc->ctx, size);
	if (!p)
		return gs_fail(err, GS_ERR_NOMEM, "out of memory for a spectrum of %zu points", f.y.count);
	gs_packed_init(p, f.unit, f.y.count, f.x.present, f.start, f.step, f.laser_nm, &x, &y);
	if ((x && (st = fill_doubles(&f.x, x, err)) != GS_OK) ||
		(st = fill_floats(&f.y, y, err)) != GS_OK ||
		(st = gs_packed_finish(p, err)) != GS_OK)
	{
		if (alloc->release)
			alloc->release(alloc->ctx, p);
		return st;
	}
	*out = p;
	*out_size = size;
	return GS_OK;
}

size_t
gs_spectrum_text_bound(const gs_spectrum_view *s)
{
	size_t		per_point = GS_FLOAT_SHORTEST_LEN + 1;

	if (s->x)
		per_point += GS_DOUBLE_SHORTEST_LEN + 1;
	return 128 + 3 * GS_DOUBLE_SHORTEST_LEN + s->n * per_point;
}

static char *
put_literal(char *p, const char *s)
{
	size_t		len = strlen(s);

	memcpy(p, s, len);
	return p + len;
}

static char *
put_double(char *p, double v)
{
	return p + double_to_shortest_decimal_bufn(v, p);
}

size_t
gs_spectrum_format(const gs_spectrum_view *s, char *buf)
{
	char	   *p = buf;

	p = put_literal(p, "{\"unit\":\"");
	p = put_literal(p, gs_unit_name(s->unit));
	p = put_literal(p, "\"");
	if (s->has_laser)
	{
		p = put_literal(p, ",\"laser_nm\":");
		p = put_double(p, s->laser_nm);
	}
	if (s->x)
	{
		p = put_literal(p, ",\"x\":[");
		for (size_t i = 0; i < s->n; i++)
		{
			if (i)
				*p++ = ',';
			p = put_double(p, s->x[i]);
		}
		*p++ = ']';
	}
	else
	{
		p = put_literal(p, ",\"start\":");
		p = put_double(p, s->start);
		p = put_literal(p, ",\"step\":");
		p = put_double(p, s->step);
	}
	p = put_literal(p, ",\"y\":[");
	for (size_t i = 0; i < s->n; i++)
	{
		if (i)
			*p++ = ',';
		p += float_to_shortest_decimal_bufn(s->y[i], p);
	}
	p = put_literal(p, "]}");
	*p = '\0';
	return (size_t) (p - buf);
}
