/*
 * progress.c — what gs-load shows while it works: on a terminal one bar on
 * stderr redrawn in place (files, spectra, MB/s, ETA); otherwise a plain
 * line every few seconds, so logs of unattended runs stay readable.
 */
#include "gs_load.h"

#include <time.h>
#include <unistd.h>

#define BAR_WIDTH 24

double
gs_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double) ts.tv_sec + ts.tv_nsec / 1e9;
}

void
gs_progress_start(gs_progress *p, size_t files, uint64_t bytes)
{
	*p = (gs_progress)
	{
		.tty = isatty(STDERR_FILENO) == 1,
			.started = gs_now(),
			.files_total = files,
			.bytes_total = bytes,
	};
}

static void
format_eta(char *buf, size_t len, double seconds)
{
	long		s = (long) (seconds + 0.5);

	if (seconds < 0 || seconds > 360000)
		snprintf(buf, len, "--:--");
	else if (s >= 3600)
		snprintf(buf, len, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
	else
		snprintf(buf, len, "%ld:%02ld", s / 60, s % 60);
}

void
gs_progress_show(gs_progress *p, bool force)
{
	double		now = gs_now();
	double		elapsed = now - p->started;
	double		mbps = elapsed > 0 ? p->bytes_done / 1e6 / elapsed : 0;
	double		frac = p->bytes_total ? (double) p->bytes_done / (double) p->bytes_total
		: (p->files_total ? (double) p->files_done / (double) p->files_total : 1);
	char		eta[32];

	if (!force && now - p->last_shown < (p->tty ? 0.1 : 5.0))
		return;
	p->last_shown = now;
	format_eta(eta, sizeof(eta),
			   frac > 0 && p->bytes_done > 0 ? elapsed * (1 - frac) / frac : -1);
	if (p->tty)
	{
		char		bar[BAR_WIDTH + 1];
		int			filled = (int) (frac * BAR_WIDTH + 0.5);

		for (int i = 0; i < BAR_WIDTH; i++)
			bar[i] = i < filled ? '#' : '.';
		bar[BAR_WIDTH] = '\0';
		fprintf(stderr, "\r[%s] %3.0f%%  files %zu/%zu  spectra %zu  rejected %zu  %.1f MB/s  ETA %s \033[K",
				bar, frac * 100, p->files_done, p->files_total, p->spectra_read,
				p->files_rejected, mbps, eta);
	}
	else
		fprintf(stderr, "gs-load: %zu/%zu files, %zu spectra, %zu rejected, %.1f MB/s, ETA %s\n",
				p->files_done, p->files_total, p->spectra_read, p->files_rejected, mbps, eta);
	fflush(stderr);
}

void
gs_progress_clear(gs_progress *p)
{
	if (p->tty)
		fputs("\r\033[K", stderr);
}

void
gs_progress_finish(gs_progress *p)
{
	if (p->tty)
	{
		gs_progress_show(p, true);
		fputc('\n', stderr);
	}
}
