/*
 * csv.c — delimited text: the first column is x, every further column one
 * spectrum on that axis.
 *
 * The delimiter is the first of tab, semicolon, comma found in the first
 * non-comment line, else runs of blanks.  Where it is not a comma, numbers
 * may use a decimal comma ("400,5;1,25", as European exports write them):
 * the first number with a '.' or a ',' sets the file's decimal mark, and a
 * number with the other mark is an error, not a guess (it may hold a
 * thousands separator); meta then says "decimal_mark": "comma".  ("1,5 2,5"
 * alone on the first line reads as comma-delimited, so fails.)
 * That line is a header when its first cell is not a number; its first cell
 * names the x unit (a unit name such as "nm", or one in brackets:
 * "wavelength (nm)", "Raman shift [cm-1]"; "raman" alone means raman_cm-1,
 * "wavenumber" cm-1) and the others title the spectra.  Without a header or a
 * recognisable unit the axis is `channel` and meta says so ("x_unit":
 * "assumed channel").  Lines starting with '#' are comments; "# laser_nm=532"
 * sets the laser wavelength (what gs_write_csv writes).
 */
#include "gs_io.h"

#include <ctype.h>
#include <math.h>
#include <string.h>

#include "io_lines.h"
#include "io_meta.h"
#include "io_series.h"

typedef struct csv_cell
{
	const char *s;
	size_t		len;
} csv_cell;

/* Splits a line at the delimiter (0: runs of blanks); fills up to max cells, returns the count. */
static size_t
split_cells(const io_line *line, char delim, csv_cell *cells, size_t max)
{
	const char *p = line->s;
	const char *end = line->s + line->len;
	size_t		n = 0;

	if (delim == 0)
	{
		while (p < end)
		{
			const char *s;

			while (p < end && (*p == ' ' || *p == '\t'))
				p++;
			if (p == end)
				break;
			s = p;
			while (p < end && *p != ' ' && *p != '\t')
				p++;
			if (n < max)
				cells[n].s = s, cells[n].len = (size_t) (p - s);
			n++;
		}
		return n;
	}
	for (;;)
	{
		const char *s = p;

		while (p < end && *p != delim)
			p++;
		if (n < max)
		{
			cells[n].s = s;
			cells[n].len = (size_t) (p - s);
			io_trim(&cells[n].s, &cells[n].len);
			/* "quoted" header cells */
			if (cells[n].len >= 2 && cells[n].s[0] == '"' && cells[n].s[cells[n].len - 1] == '"')
				cells[n].s++, cells[n].len -= 2;
		}
		n++;
		if (p == end)
			break;
		p++;
	}
	/* a trailing delimiter does not open an empty column */
	if (n > 1 && n <= max && cells[n - 1].len == 0)
		n--;
	return n;
}

static bool
unit_alias(const char *s, size_t len, gs_unit *unit)
{
	static const struct
	{
		const char *name;
		gs_unit		unit;
	}			aliases[] = {
		{"nm", GS_UNIT_NM}, {"um", GS_UNIT_UM}, {"\xc2\xb5m", GS_UNIT_UM}, {"micrometers", GS_UNIT_UM},
		{"micrometer", GS_UNIT_UM}, {"nanometers", GS_UNIT_NM}, {"cm-1", GS_UNIT_CM1},
		{"1/cm", GS_UNIT_CM1}, {"cm^-1", GS_UNIT_CM1}, {"raman_cm-1", GS_UNIT_RAMAN_CM1},
		{"kev", GS_UNIT_KEV}, {"ev", GS_UNIT_EV}, {"channel", GS_UNIT_CHANNEL},
	};

	io_trim(&s, &len);
	for (size_t i = 0; i < sizeof(aliases) / sizeof(aliases[0]); i++)
	{
		size_t		n = strlen(aliases[i].name);
		size_t		k = 0;

		if (n != len)
			continue;
		while (k < n && tolower((unsigned char) s[k]) == aliases[i].name[k])
			k++;
		if (k == n)
		{
			*unit = aliases[i].unit;
			return true;
		}
	}
	return false;
}

static bool
header_unit(const char *s, size_t len, gs_unit *unit)
{
	const char *open;

	if (unit_alias(s, len, unit))
		return true;
	open = memchr(s, '(', len);
	if (!open)
		open = memchr(s, '[', len);
	if (open)
	{
		const char *close = memchr(open, *open == '(' ? ')' : ']', (size_t) (s + len - open));

		if (close && unit_alias(open + 1, (size_t) (close - open - 1), unit))
		{
			if (*unit == GS_UNIT_CM1 && io_find_nocase(s, len, "raman"))
				*unit = GS_UNIT_RAMAN_CM1;
			return true;
		}
	}
	if (io_find_nocase(s, len, "raman"))
		*unit = GS_UNIT_RAMAN_CM1;
	else if (io_find_nocase(s, len, "wavenumber"))
		*unit = GS_UNIT_CM1;
	else
		return false;
	return true;
}

static char
detect_delimiter(const io_line *line)
{
	/* semicolons before commas: "1,5;2" is a decimal comma, not three cells */
	if (memchr(line->s, '\t', line->len))
		return '\t';
	if (memchr(line->s, ';', line->len))
		return ';';
	if (memchr(line->s, ',', line->len))
		return ',';
	return 0;
}

/* Cells of one line, kept only for the header. */
#define CSV_MAX_COLUMNS 10001

typedef struct csv_state
{
	char		delim;
	size_t		ncols;			/* 0 until the first data line */
	bool		has_header;
	io_line		header;
	double		laser;
	char		decimal;		/* '.' or ',' once a number has shown it, else 0 */
	csv_cell   *cells;
} csv_state;

/* Longer cells are no numbers a writer makes (io_scan_double's limit). */
#define CELL_TEXT_MAX 96

/* The mark a number cell uses, or 0; a comma counts only when it is not the delimiter. */
static char
cell_mark(const csv_state *cs, const csv_cell *c)
{
	bool		dot = memchr(c->s, '.', c->len) != NULL,
				comma = cs->delim != ',' && memchr(c->s, ',', c->len) != NULL;

	return dot && comma ? '?' : dot ? '.' : comma ? ',' : 0;
}

/* Whether a cell's mark is both marks at once, or not the one the file set. */
static bool
mark_conflicts(const csv_state *cs, char mark)
{
	return mark == '?' || (mark != 0 && cs->decimal != 0 && mark != cs->decimal);
}

/* A cell as a number, in the file's decimal mark (which the first one sets). */
static bool
parse_cell(csv_state *cs, const csv_cell *c, double *v)
{
	char		mark = cell_mark(cs, c),
				buf[CELL_TEXT_MAX];
	bool		ok;

	if (mark_conflicts(cs, mark))
		return false;
	if (mark == ',')
	{
		if (c->len >= sizeof(buf))
			return false;
		memcpy(buf, c->s, c->len);
		*(char *) memchr(buf, ',', c->len) = '.';
		ok = io_parse_double(buf, c->len, v);
	}
	else
		ok = io_parse_double(c->s, c->len, v);
	if (ok && mark != 0)
		cs->decimal = mark;
	return ok;
}

static gs_status
data_line(csv_state *cs, const io_line *line, io_series *values, gs_error *err)
{
	size_t		n = split_cells(line, cs->delim, cs->cells, CSV_MAX_COLUMNS);

	if (n > CSV_MAX_COLUMNS || n < 2)
	{
		gs_fail(err, GS_ERR_SYNTAX, "CSV line %zu has %zu columns", line->number, n);
		gs_error_detail(err, "Expected x and 1 to %d spectra per line.", CSV_MAX_COLUMNS - 1);
		return GS_ERR_SYNTAX;
	}
	if (cs->ncols == 0)
		cs->ncols = n;
	if (n != cs->ncols)
	{
		gs_fail(err, GS_ERR_SYNTAX, "CSV line %zu has %zu columns, expected %zu", line->number, n, cs->ncols);
		return GS_ERR_SYNTAX;
	}
	for (size_t i = 0; i < n; i++)
	{
		double		v;
		gs_status	st;

		if (!parse_cell(cs, &cs->cells[i], &v))
		{
			char		mark = cell_mark(cs, &cs->cells[i]);

			gs_fail(err, GS_ERR_SYNTAX, "invalid number in column %zu of CSV line %zu", i + 1, line->number);
			gs_error_detail(err, "Found \"%.*s\".", (int) (cs->cells[i].len > 40 ? 40 : cs->cells[i].len),
							cs->cells[i].s);
			if (mark_conflicts(cs, mark))
				gs_error_hint(err, "%s; thousands separators are not read.",
							  cs->decimal == 0 ? "A number has one decimal mark" :
							  cs->decimal == ',' ? "Numbers before it use a decimal comma" :
							  "Numbers before it use a decimal point");
			return GS_ERR_SYNTAX;
		}
		st = io_series_push(values, v, err);
		if (st != GS_OK)
			return st;
	}
	return GS_OK;
}

static void
comment_line(csv_state *cs, const char *s, size_t n)
{
	const char *eq;
	double		v;

	s++, n--;
	io_trim(&s, &n);
	if (n > 9 && memcmp(s, "laser_nm", 8) == 0 && (eq = memchr(s, '=', n)) != NULL &&
		io_parse_double(eq + 1, (size_t) (s + n - eq - 1), &v))
		cs->laser = v;
}

static gs_status
emit_spectra(csv_state *cs, io_series *values, size_t max_points, io_series *column,
			 gs_io_result *result, const gs_allocator *alloc, gs_error *err)
{
	size_t		rows = values->n / cs->ncols;
	const double *v = io_series_data(values);
	gs_unit		unit = GS_UNIT_CHANNEL;
	bool		unit_known = false;
	size_t		nh = 0;
	gs_status	st = GS_OK;

	if (cs->has_header)
	{
		nh = split_cells(&cs->header, cs->delim, cs->cells, CSV_MAX_COLUMNS);
		unit_known = nh > 0 && header_unit(cs->cells[0].s, cs->cells[0].len, &unit);
	}
	for (size_t c = 1; c < cs->ncols && st == GS_OK; c++)
	{
		io_meta		meta;
		char	   *json = NULL;
		double	   *x;
		const char *title = "";
		size_t		title_len = 0;

		io_series_clear(column);
		for (size_t r = 0; r < rows && st == GS_OK; r++)
			st = io_series_push(column, v[r * cs->ncols], err);
		for (size_t r = 0; r < rows && st == GS_OK; r++)
			st = io_series_push(column, v[r * cs->ncols + c], err);
		if (st != GS_OK)
			break;
		x = io_series_data(column);
		io_meta_init(&meta, alloc);
		if (nh > 0)
			st = io_meta_add(&meta, "x_header", 8, cs->cells[0].s, cs->cells[0].len, err);
		if (st == GS_OK && !unit_known)
			st = io_meta_add_str(&meta, "x_unit", "assumed channel", err);
		if (st == GS_OK && cs->decimal == ',')
			st = io_meta_add_str(&meta, "decimal_mark", "comma", err);
		if (st == GS_OK)
			st = io_meta_finish(&meta, &json, err);
		io_meta_free(&meta);
		if (c < nh)
			title = cs->cells[c].s, title_len = cs->cells[c].len;
		if (st == GS_OK)
			st = gs_io_result_add(result, unit, unit == GS_UNIT_RAMAN_CM1 ? cs->laser : NAN,
								  x, 0, 0, x + rows, rows, max_points, title, title_len, json, err);
	}
	return st;
}

gs_status
gs_read_csv(const void *bytes, size_t len, const char *filename_hint, size_t max_points,
			const gs_allocator *alloc, gs_io_result *result, gs_error *err)
{
	io_lines	it;
	io_line		line;
	io_series	values,
				column;
	csv_state	cs = {0};
	gs_status	st = GS_OK;
	bool		first = true;
	size_t		cap = max_points < GS_MAX_POINTS_CEILING ? max_points : GS_MAX_POINTS_CEILING;

	gs_io_result_init(result, alloc);
	cs.laser = NAN;
	cs.cells = alloc->alloc(alloc->ctx, CSV_MAX_COLUMNS * sizeof(csv_cell));
	if (!cs.cells)
		return gs_fail(err, GS_ERR_NOMEM, "out of memory while reading a file");
	/* the values of all columns together; each column is capped again when it becomes a spectrum */
	io_series_init(&values, alloc, (size_t) GS_MAX_POINTS_CEILING);
	io_series_init(&column, alloc, cap > GS_MAX_POINTS_CEILING / 2 ? GS_MAX_POINTS_CEILING : 2 * cap);
	io_lines_init(&it, bytes, len);
	while (st == GS_OK && io_lines_next(&it, &line))
	{
		const char *s = line.s;
		size_t		n = line.len;

		io_trim(&s, &n);
		if (n == 0)
			continue;
		if (s[0] == '#')
		{
			comment_line(&cs, s, n);
			continue;
		}
		if (first)
		{
			double		v;

			first = false;
			cs.delim = detect_delimiter(&line);
			if (split_cells(&line, cs.delim, cs.cells, 1) == 0 ||
				!parse_cell(&cs, &cs.cells[0], &v))
			{
				cs.has_header = true;
				cs.header = line;
				continue;
			}
		}
		st = data_line(&cs, &line, &values, err);
		if (st == GS_OK && values.n / cs.ncols > cap)
			st = gs_check_npoints(values.n / cs.ncols, max_points, err);
	}
	if (st == GS_OK && cs.ncols == 0)
		st = gs_fail(err, GS_ERR_SYNTAX, "CSV file holds no data lines");
	if (st == GS_OK)
		st = emit_spectra(&cs, &values, max_points, &column, result, alloc, err);
	io_series_free(&values);
	io_series_free(&column);
	io_release(alloc, cs.cells);
	if (st != GS_OK)
	{
		gs_io_result_free(result);
		io_error_printable(err);
	}
	return st;
}
