/*
 * Every part-A standardization function over every spectrum of
 * rruff_raman_excellent_unoriented, rruff_infrared and usgs_splib07 in
 * ../shared/data: no error, no NaN.  Skips when the data folder is absent.
 * The readers here are deliberately tiny (the project's real readers live in
 * src/io): RRUFF "x, y" lines after "##" headers; USGS one value per line
 * after a title line, x from the wavelength file named in index.csv, the
 * bad-channel value -1.23e34 dropped.  Points are sorted by x and repeated x
 * dropped, as a loader would.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "align.h"
#include "axis_ops.h"
#include "calibration.h"
#include "derivative.h"
#include "despike.h"
#include "gs_test.h"
#include "intensity.h"
#include "interp.h"
#include "normalize.h"
#include "peaks.h"
#include "savgol.h"

typedef struct series
{
	double	   *x;
	double	   *y;
	size_t		n;
	size_t		cap;
} series;

static char *
slurp(const char *path)
{
	FILE	   *f = fopen(path, "rb");
	long		len;
	char	   *buf;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t) len + 1);
	if (fread(buf, 1, (size_t) len, f) != (size_t) len)
		len = 0;
	buf[len] = '\0';
	fclose(f);
	return buf;
}

static void
push(series *s, double x, double y)
{
	if (s->n == s->cap)
	{
		s->cap = s->cap ? 2 * s->cap : 1024;
		s->x = realloc(s->x, s->cap * sizeof(double));
		s->y = realloc(s->y, s->cap * sizeof(double));
	}
	s->x[s->n] = x;
	s->y[s->n] = y;
	s->n++;
}

typedef struct point
{
	double		x,
				y;
} point;

static int
by_x(const void *a, const void *b)
{
	double		xa = ((const point *) a)->x,
				xb = ((const point *) b)->x;

	return (xa > xb) - (xa < xb);
}

static void
sort_unique(series *s)
{
	bool		sorted = true;
	point	   *p;
	size_t		m = 0;

	for (size_t i = 1; i < s->n && sorted; i++)
		sorted = s->x[i] > s->x[i - 1];
	if (sorted)
		return;
	p = malloc(s->n * sizeof(point));
	for (size_t i = 0; i < s->n; i++)
		p[i] = (point) {s->x[i], s->y[i]};
	qsort(p, s->n, sizeof(point), by_x);
	for (size_t i = 0; i < s->n; i++)
	{
		if (m > 0 && p[i].x == s->x[m - 1])
			continue;
		s->x[m] = p[i].x;
		s->y[m] = p[i].y;
		m++;
	}
	s->n = m;
	free(p);
}

static bool
read_rruff(const char *path, series *s)
{
	char	   *text = slurp(path),
			   *line;

	if (!text)
		return false;
	s->n = 0;
	for (line = text; *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : line + strlen(line))
	{
		char	   *end;
		double		x,
					y;

		if (line[0] == '#')
			continue;
		x = strtod(line, &end);
		if (end == line || *end != ',')
			continue;
		y = strtod(end + 1, NULL);
		push(s, x, y);
	}
	free(text);
	sort_unique(s);
	return s->n > 0;
}

/* Values after the title line, one per line. */
static double *
read_column(const char *path, size_t *n)
{
	char	   *text = slurp(path),
			   *p;
	double	   *v = NULL;
	size_t		cap = 0;

	*n = 0;
	if (!text)
		return NULL;
	p = strchr(text, '\n');
	while (p && *p)
	{
		char	   *end;
		double		d = strtod(p, &end);

		if (end == p)
			break;
		if (*n == cap)
		{
			cap = cap ? 2 * cap : 1024;
			v = realloc(v, cap * sizeof(double));
		}
		v[(*n)++] = d;
		p = end;
	}
	free(text);
	return v;
}

static bool
read_usgs(const char *dir, const char *file, const char *wavelengths, series *s)
{
	char		path[8192];
	size_t		ny,
				nx;
	double	   *y,
			   *x;

	snprintf(path, sizeof(path), "%s/%s", dir, file);
	y = read_column(path, &ny);
	snprintf(path, sizeof(path), "%s/%s", dir, wavelengths);
	x = read_column(path, &nx);
	s->n = 0;
	for (size_t i = 0; y && x && i < ny && i < nx; i++)
		if (y[i] > -1e30)
			push(s, x[i], y[i]);
	free(x);
	free(y);
	sort_unique(s);
	return s->n > 0;
}

/* Field `index` of a CSV line (double quotes honoured) into buf. */
static void
csv_field(const char *line, int index, char *buf, size_t size)
{
	int			field = 0;
	bool		quoted = false;
	size_t		k = 0;

	for (const char *p = line; *p && *p != '\n' && *p != '\r'; p++)
	{
		if (*p == '"')
			quoted = !quoted;
		else if (*p == ',' && !quoted)
		{
			if (field++ == index)
				break;
		}
		else if (field == index && k + 1 < size)
			buf[k++] = *p;
	}
	buf[k] = '\0';
}

typedef struct sweep
{
	size_t		spectra,
				points,
				peaks,
				replaced,
				aligned,		/* self-alignments scored (n >= 50) */
				misaligned,		/* of those, off by more than half a step */
				raman,
				top_changed,	/* Raman spectra whose strongest band despiking altered */
				spike_missed;	/* added spikes not replaced by a neighbourhood value */
	double		max_abs_shift_steps;
	gs_align_workspace ws;
} sweep;

static bool
all_finite(const double *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!isfinite(v[i]))
			return false;
	return true;
}

#define RUN(call) \
	do { gs_error err_; gs_status rc_; err = &err_; rc_ = (call); \
		if (rc_ != GS_OK) { gs_test_fail(__FILE__, __LINE__, "%s: %s: %s", name, #call, err_.msg); goto done; } \
	} while (0)

#define FINITE(v, n) \
	do { if (!all_finite(v, n)) { gs_test_fail(__FILE__, __LINE__, "%s: %s has NaN/Inf", name, #v); goto done; } } while (0)

/* Runs every function on one spectrum. */
static void
exercise(sweep *sw, const char *name, const series *s, gs_unit unit, double laser, gs_unit other_unit)
{
	size_t		n = s->n,
				m = n,
				count,
				first;
	double	   *out = malloc(n * sizeof(double)),
			   *grid = malloc(n * sizeof(double)),
			   *tmp = malloc(n * sizeof(double)),
			   *xs = malloc(n * sizeof(double));
	float	   *yf = malloc(n * sizeof(float)),
			   *yo = malloc(n * sizeof(float));
	void	   *scratch = malloc(gs_interp_scratch_size(n) + gs_peaks_scratch_size(n) +
								 gs_despike_scratch_size(n) + gs_savgol_scratch_size(11, 3));
	gs_peak    *peaks = malloc((gs_peaks_max_count(n) + 1) * sizeof(gs_peak));
	gs_peak_options po = gs_peak_options_default();
	gs_error   *err;
	double		lo = s->x[0],
				hi = s->x[n - 1],
				ymax = 0,
				shift,
				coeffs[] = {0.25, 1.0002},
				fit[3],
				matrix[9] = {0.01, 1.05, 0, 0.02, -0.03, 0, 0, 0, 0};
	gs_spectrum_view v = {unit, n, !isnan(laser), laser, s->x, 0, 0, yf},
				vs = v;
	size_t		window = n >= 11 ? 11 : (n % 2 ? n : n - 1);
	int			polyorder = window > 3 ? 3 : (int) window - 1;

	sw->spectra++;
	sw->points += n;
	for (size_t i = 0; i < n; i++)
	{
		yf[i] = (float) s->y[i];
		ymax = fmax(ymax, fabs(s->y[i]));
		grid[i] = lo + (hi - lo) * (double) i / (double) (n - 1 ? n - 1 : 1);
	}
	grid[n - 1] = hi;

	for (int mi = 0; mi < GS_INTERP_COUNT; mi++)
	{
		if ((mi == GS_INTERP_AKIMA && n < 3) || (mi != GS_INTERP_LINEAR && n < 2))
			continue;
		RUN(gs_interp(s->x, s->y, n, (gs_interp_method) mi, GS_EXTRAP_ERROR, grid, m, out, scratch, err));
		FINITE(out, m);
	}
	if (n < 3)
		goto done;
	RUN(gs_savgol(s->y, n, window, polyorder, 0, 1, out, scratch, err));
	FINITE(out, n);
	RUN(gs_savgol(s->y, n, window, polyorder, 1, (hi - lo) / (double) (n - 1), out, scratch, err));
	FINITE(out, n);
	RUN(gs_derivative(s->x, s->y, n, 2, out, tmp, err));
	FINITE(out, n);
	for (int k = 0; k < GS_NORM_PEAK; k++)
	{
		RUN(gs_normalize(s->x, s->y, n, (gs_norm_method) k, NAN, out, err));
		FINITE(out, n);
	}
	po.prominence = 0.01 * ymax;
	RUN(gs_find_peaks(s->x, s->y, n, &po, peaks, &count, scratch, err));
	sw->peaks += count;
	for (size_t k = 0; k < count; k++)
	{
		if (!(isfinite(peaks[k].fwhm) && peaks[k].fwhm >= 0 && peaks[k].left_x <= peaks[k].x &&
			  peaks[k].x <= peaks[k].right_x))
		{
			gs_test_fail(__FILE__, __LINE__, "%s: peak %zu has fwhm %g", name, k, peaks[k].fwhm);
			goto done;
		}
	}
	if (count > 0)
	{
		RUN(gs_normalize(s->x, s->y, n, GS_NORM_PEAK, peaks[0].x, out, err));
		FINITE(out, n);
	}
	RUN(gs_despike(s->y, n, GS_DESPIKE_DEFAULT_THRESHOLD, GS_DESPIKE_DEFAULT_HALF_WINDOW,
				   GS_DESPIKE_DEFAULT_MAX_WIDTH, out, &count, scratch, err));
	FINITE(out, n);
	sw->replaced += count;
	if (unit == GS_UNIT_RAMAN_CM1)
	{
		size_t		top = 0,
					valley = n / 3;

		/* the strongest band survives despiking untouched */
		for (size_t i = 1; i < n; i++)
			top = s->y[i] > s->y[top] ? i : top;
		sw->raman++;
		sw->top_changed += out[top] != s->y[top];
		/* a cosmic ray 5 × the strongest band, put in the lowest point of the middle third */
		for (size_t i = n / 3; i < 2 * n / 3; i++)
			valley = s->y[i] < s->y[valley] ? i : valley;
		memcpy(tmp, s->y, n * sizeof(double));
		tmp[valley] += 5 * ymax;
		RUN(gs_despike(tmp, n, GS_DESPIKE_DEFAULT_THRESHOLD, GS_DESPIKE_DEFAULT_HALF_WINDOW,
					   GS_DESPIKE_DEFAULT_MAX_WIDTH, out, &count, scratch, err));
		{
			/*
			 * Removed means replaced by a value inside the range of the
			 * original neighbourhood: the valley itself may be a one-sample
			 * dip, which the neighbours' mean does not reproduce.
			 */
			double		lo_nb = s->y[valley],
						hi_nb = s->y[valley];

			for (size_t i = valley >= 3 ? valley - 3 : 0; i <= valley + 3 && i < n; i++)
			{
				lo_nb = fmin(lo_nb, s->y[i]);
				hi_nb = fmax(hi_nb, s->y[i]);
			}
			sw->spike_missed += !(out[valley] >= lo_nb && out[valley] <= hi_nb);
		}
	}
	RUN(gs_crop_range(&v, lo + 0.25 * (hi - lo), lo + 0.75 * (hi - lo), &first, &count, err));
	RUN(gs_convert_axis(&v, other_unit, xs, yo, err));
	FINITE(xs, n);
	RUN(gs_calibrate_axis(&v, coeffs, 2, xs, yo, err));
	RUN(gs_correct_intensity(s->x, s->y, n, matrix, NAN, NAN, out, err));
	FINITE(out, n);
	if (n >= 8)
	{
		double		step = (hi - lo) / (double) (n - 1);

		for (size_t i = 0; i < n; i++)
			xs[i] = s->x[i] + 2.5 * step;
		vs.x = xs;
		RUN(gs_align_shift(&vs, &v, NAN, &sw->ws, &shift, err));
		if (!isfinite(shift))
		{
			gs_test_fail(__FILE__, __LINE__, "%s: shift is not finite", name);
			goto done;
		}
		if (n >= 50)
		{
			sw->aligned++;
			sw->misaligned += fabs(shift / step + 2.5) > 0.5;
			sw->max_abs_shift_steps = fmax(sw->max_abs_shift_steps, fabs(shift / step + 2.5));
		}
	}
	{
		double		meas[] = {lo, 0.5 * (lo + hi), hi, 0.3 * lo + 0.7 * hi},
					ref[4];
		char		fs[512];

		for (int i = 0; i < 4; i++)
			ref[i] = 0.1 + 1.001 * meas[i];
		RUN(gs_fit_axis_calibration(meas, ref, 4, 2, fit, fs, err));
		FINITE(fit, 3);
	}
done:
	free(out);
	free(grid);
	free(tmp);
	free(xs);
	free(yf);
	free(yo);
	free(scratch);
	free(peaks);
}

/* Every file of a folder's index.csv; returns false when the index is missing. */
static bool
sweep_folder(sweep *sw, const char *data, const char *folder)
{
	char		path[8192],
				file[1024],
				wl[1024];
	char	   *index,
			   *line;
	series		s = {0};
	bool		usgs = strcmp(folder, "usgs_splib07") == 0,
				ir = strcmp(folder, "rruff_infrared") == 0;

	snprintf(path, sizeof(path), "%s/%s/index.csv", data, folder);
	index = slurp(path);
	if (!index)
		return false;
	line = strchr(index, '\n');
	while (line && line[1])
	{
		line++;
		csv_field(line, 0, file, sizeof(file));
		if (usgs)
		{
			char		dir[4096];

			csv_field(line, 19, wl, sizeof(wl));
			snprintf(dir, sizeof(dir), "%s/%s", data, folder);
			if (!read_usgs(dir, file, wl, &s))
				gs_test_fail(__FILE__, __LINE__, "cannot read %s", file);
			else
				exercise(sw, file, &s, GS_UNIT_UM, NAN, GS_UNIT_CM1);
		}
		else
		{
			const char *laser = strstr(file, "__Raman__");

			snprintf(path, sizeof(path), "%s/%s/%s", data, folder, file);
			if (!read_rruff(path, &s))
				gs_test_fail(__FILE__, __LINE__, "cannot read %s", file);
			else if (ir)
				exercise(sw, file, &s, GS_UNIT_CM1, NAN, GS_UNIT_UM);
			else
				exercise(sw, file, &s, GS_UNIT_RAMAN_CM1, laser ? atof(laser + 9) : 532, GS_UNIT_NM);
		}
		line = strchr(line, '\n');
	}
	free(s.x);
	free(s.y);
	free(index);
	return true;
}

GS_TEST(test_std_a_every_real_spectrum)
{
	const char *data = gs_test_datadir();
	static const char *const folders[] = {"rruff_raman_excellent_unoriented", "rruff_infrared", "usgs_splib07"};
	sweep		sw = {0};
	clock_t		t0 = clock();

	if (!data)
	{
		gs_test_skip("no data folder (../shared/data or GEOSPECTRA_DATA)");
		return;
	}
	gs_align_workspace_init(&sw.ws);
	for (size_t f = 0; f < sizeof(folders) / sizeof(folders[0]); f++)
		CHECK_MSG(sweep_folder(&sw, data, folders[f]), "no index.csv in %s", folders[f]);
	gs_align_workspace_free(&sw.ws);
	CHECK(sw.spectra >= 2500);
	/*
	 * The spectrum against itself with its axis moved 2.5 mean steps: the
	 * shift comes back within half a step for at least 99 % of the spectra
	 * of 50 points or more (the multispectral band sets of 9-13 points say
	 * nothing about alignment).
	 */
	CHECK_MSG(sw.spike_missed == 0, "%zu of %zu added spikes missed", sw.spike_missed, sw.raman);
	CHECK_MSG(sw.top_changed * 100 <= sw.raman, "despiking altered the strongest band of %zu of %zu Raman spectra",
			  sw.top_changed, sw.raman);
	printf("#   Raman: %zu spectra, added spike missed in %zu, strongest band altered in %zu\n",
		   sw.raman, sw.spike_missed, sw.top_changed);
	CHECK_MSG(sw.misaligned * 100 <= sw.aligned, "%zu of %zu self-alignments off by more than half a step",
			  sw.misaligned, sw.aligned);
	printf("#   %zu spectra, %zu points, %zu peaks, %zu samples despiked, %zu of %zu self-alignments off by > 0.5 step (worst %.2f), %.1f s CPU\n",
		   sw.spectra, sw.points, sw.peaks, sw.replaced, sw.misaligned, sw.aligned, sw.max_abs_shift_steps,
		   (double) (clock() - t0) / CLOCKS_PER_SEC);
}
