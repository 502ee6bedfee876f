/*
 * io_read.c — format names, detection and the one entry point gs_io_read.
 *
 * Detection trusts content before the file name: instruments and people
 * rename files freely, but a JCAMP file always opens with a ##LABEL=, an SPC
 * file with its version byte, an EMSA file with #FORMAT.  The name decides
 * only between formats the content cannot tell apart (CSV), and supplies
 * the hints some readers need (RRUFF laser).
 */
#include "gs_io.h"

#include <ctype.h>
#include <string.h>

#include "io_lines.h"

static const char *const format_names[] = {
	[GS_IO_AUTO] = "auto",
	[GS_IO_JCAMP] = "jcamp",
	[GS_IO_SPC] = "spc",
	[GS_IO_MSA] = "msa",
	[GS_IO_RRUFF] = "rruff",
	[GS_IO_USGS] = "usgs",
	[GS_IO_CSV] = "csv",
};

static bool
equal_nocase(const char *a, const char *b)
{
	while (*a && *b && tolower((unsigned char) *a) == tolower((unsigned char) *b))
		a++, b++;
	return *a == '\0' && *b == '\0';
}

bool
gs_io_format_parse(const char *name, gs_io_format *format)
{
	static const struct
	{
		const char *alias;
		gs_io_format format;
	}			aliases[] = {
		{"jcamp-dx", GS_IO_JCAMP}, {"jdx", GS_IO_JCAMP}, {"dx", GS_IO_JCAMP},
		{"emsa", GS_IO_MSA}, {"tsv", GS_IO_CSV},
	};

	for (int f = GS_IO_AUTO; f <= GS_IO_CSV; f++)
		if (equal_nocase(name, format_names[f]))
		{
			*format = (gs_io_format) f;
			return true;
		}
	for (size_t i = 0; i < sizeof(aliases) / sizeof(aliases[0]); i++)
		if (equal_nocase(name, aliases[i].alias))
		{
			*format = aliases[i].format;
			return true;
		}
	return false;
}

const char *
gs_io_format_name(gs_io_format format)
{
	return (format >= GS_IO_AUTO && format <= GS_IO_CSV) ? format_names[format] : "?";
}

static bool
has_extension(const char *name, const char *ext)
{
	const char *dot = name ? strrchr(name, '.') : NULL;

	return dot && equal_nocase(dot + 1, ext);
}

static gs_io_format
detect_by_name(const char *name)
{
	if (has_extension(name, "jdx") || has_extension(name, "dx") || has_extension(name, "jcm"))
		return GS_IO_JCAMP;
	if (has_extension(name, "spc"))
		return GS_IO_SPC;
	if (has_extension(name, "msa") || has_extension(name, "emsa"))
		return GS_IO_MSA;
	if (has_extension(name, "csv") || has_extension(name, "tsv"))
		return GS_IO_CSV;
	return GS_IO_AUTO;
}

/* Do the first lines (after at most one header line) start with numbers? */
static bool
looks_numeric(const char *s, size_t len)
{
	io_lines	it;
	io_line		line;
	size_t		seen = 0;
	bool		header = false;

	io_lines_init(&it, s, len);
	while (seen < 3 && io_lines_next(&it, &line))
	{
		const char *p = line.s;
		const char *end = line.s + line.len;
		double		v;

		p = io_skip_blanks(p, end);
		if (p == end || *p == '#')
			continue;
		if (!io_scan_double(p, end, &v))
		{
			/* one header line may come first */
			if (seen > 0 || header)
				return false;
			header = true;
			continue;
		}
		seen++;
	}
	return seen > 0;
}

gs_io_format
gs_io_detect(const void *bytes, size_t len, const char *filename_hint)
{
	const unsigned char *b = bytes;
	const char *s = bytes;
	size_t		head = len < 4096 ? len : 4096;
	size_t		bom = (len >= 3 && memcmp(b, "\xef\xbb\xbf", 3) == 0) ? 3 : 0;
	const char *p = io_skip_blanks(s + bom, s + head);
	size_t		rest = (size_t) (s + head - p);

	while (rest > 0 && (*p == '\r' || *p == '\n' || *p == ' ' || *p == '\t'))
		p++, rest--;
	if (len >= 2 && (b[1] == 0x4B || b[1] == 0x4C || b[1] == 0x4D) &&
		memchr(b, 0, head) != NULL)
		return GS_IO_SPC;
	if (rest >= 2 && p[0] == '#' && p[1] == '#')
	{
		if (io_find_nocase(p, rest, "##NAMES=") == p || io_find_nocase(p, rest, "##RRUFFID="))
			return GS_IO_RRUFF;
		return GS_IO_JCAMP;
	}
	if (rest >= 7 && io_find_nocase(p, 7, "#FORMAT"))
		return GS_IO_MSA;
	if (io_find_nocase(s, head < 200 ? head : 200, "Record=") && io_find_nocase(s, head < 200 ? head : 200, "splib"))
		return GS_IO_USGS;
	if (detect_by_name(filename_hint) != GS_IO_AUTO)
		return detect_by_name(filename_hint);
	if (looks_numeric(s, head))
		return GS_IO_CSV;
	return GS_IO_AUTO;
}

gs_status
gs_io_read(gs_io_format format, const void *bytes, size_t len, const char *filename_hint,
		   size_t max_points, const gs_allocator *alloc, gs_io_result *result, gs_error *err)
{
	gs_io_result_init(result, alloc);
	if (format == GS_IO_AUTO)
		format = gs_io_detect(bytes, len, filename_hint);
	switch (format)
	{
		case GS_IO_JCAMP:
			return gs_read_jcamp(bytes, len, filename_hint, max_points, alloc, result, err);
		case GS_IO_SPC:
			return gs_read_spc(bytes, len, filename_hint, max_points, alloc, result, err);
		case GS_IO_MSA:
			return gs_read_msa(bytes, len, filename_hint, max_points, alloc, result, err);
		case GS_IO_RRUFF:
			return gs_read_rruff(bytes, len, filename_hint, max_points, alloc, result, err);
		case GS_IO_CSV:
			return gs_read_csv(bytes, len, filename_hint, max_points, alloc, result, err);
		case GS_IO_USGS:
			gs_fail(err, GS_ERR_PARAM, "a USGS spectrum needs its wavelength file");
			gs_error_hint(err, "Read it with gs_read_usgs(values, wavelengths).");
			return GS_ERR_PARAM;
		case GS_IO_AUTO:
			break;
	}
	gs_fail(err, GS_ERR_UNSUPPORTED, "file format not recognised");
	gs_error_detail(err, "Readable formats are JCAMP-DX, SPC, EMSA/MSA, RRUFF, USGS and CSV.");
	gs_error_hint(err, "Name the format explicitly if the file is one of them.");
	return GS_ERR_UNSUPPORTED;
}
