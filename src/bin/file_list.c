/*
 * file_list.c — the files gs-load reads: command-line files and folders
 * walked recursively in name order (so runs are repeatable), and the USGS
 * wavelength files that value files need.
 */
#include "gs_load.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static bool
files_push(gs_load_files *list, const char *path, uint64_t size)
{
	if (list->n == list->capacity)
	{
		size_t		cap = list->capacity ? 2 * list->capacity : 256;
		gs_load_file *f = realloc(list->files, cap * sizeof(*f));

		if (!f)
			return false;
		list->files = f;
		list->capacity = cap;
	}
	list->files[list->n].path = strdup(path);
	if (!list->files[list->n].path)
		return false;
	list->files[list->n].size = size;
	list->n++;
	list->total_bytes += size;
	return true;
}

static int
compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *) a, *(char *const *) b);
}

/* The entry names of a folder, sorted, hidden ones left out (malloc'd). */
static char **
folder_entries(const char *dir, size_t *n, char *why, size_t why_len)
{
	DIR		   *d = opendir(dir);
	struct dirent *e;
	char	  **names = NULL;
	size_t		cap = 0;

	*n = 0;
	if (!d)
	{
		snprintf(why, why_len, "could not open folder: %s", strerror(errno));
		return NULL;
	}
	while ((e = readdir(d)) != NULL)
	{
		if (e->d_name[0] == '.')
			continue;
		if (*n == cap)
		{
			char	  **more;

			cap = cap ? 2 * cap : 64;
			more = realloc(names, cap * sizeof(*names));
			if (!more)
				break;
			names = more;
		}
		names[(*n)++] = strdup(e->d_name);
	}
	closedir(d);
	if (*n > 0)
		qsort(names, *n, sizeof(*names), compare_names);
	if (!names)
		names = calloc(1, sizeof(*names));
	return names;
}

static void
free_entries(char **names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

static char *
join_path(const char *dir, const char *name)
{
	size_t		dl = strlen(dir);
	char	   *p = malloc(dl + strlen(name) + 2);

	if (p)
		sprintf(p, "%s%s%s", dir, (dl > 0 && dir[dl - 1] == '/') ? "" : "/", name);
	return p;
}

static bool
add_path(gs_load_files *list, const char *path, bool in_folder, char *why, size_t why_len)
{
	struct stat st;
	char	  **names;
	size_t		n;
	bool		ok = true;

	if (stat(path, &st) != 0)
	{
		/* inside a folder, a broken link stays in the list: reading it says why */
		if (in_folder)
			return files_push(list, path, 0) || (snprintf(why, why_len, "out of memory"), false);
		snprintf(why, why_len, "%s", strerror(errno));
		return false;
	}
	if (!S_ISDIR(st.st_mode))
	{
		/* sockets, fifos and devices met in a folder are not files to load */
		if (in_folder && !S_ISREG(st.st_mode))
			return true;
		if (!files_push(list, path, (uint64_t) st.st_size))
		{
			snprintf(why, why_len, "out of memory");
			return false;
		}
		return true;
	}
	names = folder_entries(path, &n, why, why_len);
	if (!names && in_folder)
		return files_push(list, path, 0) || (snprintf(why, why_len, "out of memory"), false);
	if (!names)
		return false;
	for (size_t i = 0; i < n && ok; i++)
	{
		char	   *child = join_path(path, names[i]);

		if (!child)
		{
			snprintf(why, why_len, "out of memory");
			ok = false;
			break;
		}
		ok = add_path(list, child, true, why, why_len);
		free(child);
	}
	free_entries(names, n);
	return ok;
}

bool
gs_load_files_add(gs_load_files *list, const char *path, char *why, size_t why_len)
{
	return add_path(list, path, false, why, why_len);
}

void
gs_load_files_free(gs_load_files *list)
{
	for (size_t i = 0; i < list->n; i++)
		free(list->files[i].path);
	free(list->files);
	memset(list, 0, sizeof(*list));
}

char *
gs_load_slurp(const char *path, size_t *len)
{
	int			fd = open(path, O_RDONLY);
	struct stat st;
	char	   *buf = NULL;
	size_t		cap,
				n = 0;

	if (fd < 0)
		return NULL;
	/* sized from fstat, grown if the file grows while we read it */
	cap = (fstat(fd, &st) == 0 && st.st_size > 0 ? (size_t) st.st_size : 4096) + 1;
	for (;;)
	{
		ssize_t		got;

		if (!buf || n + 1 >= cap)
		{
			char	   *more = realloc(buf, buf ? 2 * cap : cap);

			if (!more)
			{
				free(buf);
				close(fd);
				errno = ENOMEM;
				return NULL;
			}
			cap = buf ? 2 * cap : cap;
			buf = more;
		}
		got = read(fd, buf + n, cap - n - 1);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0)
		{
			int			e = errno;

			free(buf);
			close(fd);
			errno = e;
			return NULL;
		}
		if (got == 0)
			break;
		n += (size_t) got;
	}
	close(fd);
	buf[n] = '\0';
	*len = n;
	return buf;
}

/* ---- USGS wavelength files ---- */

static bool
contains_nocase(const char *s, size_t len, const char *what)
{
	size_t		wl = strlen(what);

	for (size_t i = 0; i + wl <= len; i++)
	{
		size_t		j = 0;

		while (j < wl && tolower((unsigned char) s[i + j]) == tolower((unsigned char) what[j]))
			j++;
		if (j == wl)
			return true;
	}
	return false;
}

static size_t
first_line_len(const char *bytes, size_t len)
{
	const char *nl = memchr(bytes, '\n', len);

	return nl ? (size_t) (nl - bytes) : len;
}

size_t
gs_usgs_channels(const char *bytes, size_t len)
{
	size_t		channels = 0;
	size_t		i = first_line_len(bytes, len);

	while (i < len)
	{
		const char *nl = memchr(bytes + i, '\n', len - i);
		size_t		end = nl ? (size_t) (nl - bytes) : len;
		bool		blank = true;

		for (size_t k = i; k < end; k++)
			if (!isspace((unsigned char) bytes[k]))
				blank = false;
		channels += !blank;
		i = end + 1;
	}
	return channels;
}

bool
gs_usgs_is_auxiliary(const char *bytes, size_t len)
{
	size_t		l = first_line_len(bytes, len);

	return contains_nocase(bytes, l, "wavelength") || contains_nocase(bytes, l, "wavenumber") ||
		contains_nocase(bytes, l, "bandpass") || contains_nocase(bytes, l, "error bars");
}

typedef struct axis_file
{
	char	   *path;
	char	   *bytes;
	size_t		len;
	size_t		channels;
} axis_file;

/* The wavelength files of one folder (found once, then cached). */
typedef struct axis_folder
{
	char	   *dir;
	axis_file  *files;
	size_t		n;
} axis_folder;

struct gs_usgs_axes
{
	axis_file  *explicit_files;
	size_t		n_explicit;
	axis_folder *folders;
	size_t		n_folders;
};

gs_usgs_axes *
gs_usgs_axes_new(void)
{
	return calloc(1, sizeof(gs_usgs_axes));
}

static void
free_axis_files(axis_file *f, size_t n)
{
	for (size_t i = 0; i < n; i++)
	{
		free(f[i].path);
		free(f[i].bytes);
	}
	free(f);
}

void
gs_usgs_axes_free(gs_usgs_axes *axes)
{
	if (!axes)
		return;
	free_axis_files(axes->explicit_files, axes->n_explicit);
	for (size_t i = 0; i < axes->n_folders; i++)
	{
		free(axes->folders[i].dir);
		free_axis_files(axes->folders[i].files, axes->folders[i].n);
	}
	free(axes->folders);
	free(axes);
}

static bool
load_axis(axis_file **files, size_t *n, const char *path)
{
	size_t		len;
	char	   *bytes = gs_load_slurp(path, &len);
	axis_file  *more;

	if (!bytes)
		return false;
	more = realloc(*files, (*n + 1) * sizeof(**files));
	if (!more)
	{
		free(bytes);
		return false;
	}
	*files = more;
	(*files)[*n] = (axis_file)
	{
		strdup(path), bytes, len, gs_usgs_channels(bytes, len)
	};
	(*n)++;
	return true;
}

bool
gs_usgs_axes_add_explicit(gs_usgs_axes *axes, const char *path, char *why, size_t why_len)
{
	if (!load_axis(&axes->explicit_files, &axes->n_explicit, path))
	{
		snprintf(why, why_len, "%s", strerror(errno));
		return false;
	}
	return true;
}

/* Wavelength files in `dir` and in its sub-folders named *wavelength*. */
static void
scan_folder(axis_folder *f, const char *dir)
{
	char		why[64];
	size_t		n;
	char	  **names = folder_entries(dir, &n, why, sizeof(why));

	for (size_t i = 0; names && i < n; i++)
	{
		char	   *p = join_path(dir, names[i]);
		struct stat st;

		if (p && stat(p, &st) == 0)
		{
			if (S_ISREG(st.st_mode) && contains_nocase(names[i], strlen(names[i]), "wavelength"))
				load_axis(&f->files, &f->n, p);
			else if (S_ISDIR(st.st_mode) && contains_nocase(names[i], strlen(names[i]), "wavelength"))
				scan_folder(f, p);
		}
		free(p);
	}
	if (names)
		free_entries(names, n);
}

static axis_folder *
folder_axes(gs_usgs_axes *axes, const char *dir)
{
	axis_folder *more;

	for (size_t i = 0; i < axes->n_folders; i++)
		if (strcmp(axes->folders[i].dir, dir) == 0)
			return &axes->folders[i];
	more = realloc(axes->folders, (axes->n_folders + 1) * sizeof(*more));
	if (!more)
		return NULL;
	axes->folders = more;
	more = &axes->folders[axes->n_folders++];
	*more = (axis_folder)
	{
		strdup(dir), NULL, 0
	};
	scan_folder(more, dir);
	return more;
}

/* Picks the one file of `channels` channels among files; ambiguity is an error. */
static const axis_file *
pick(const axis_file *files, size_t n, size_t channels, char *why, size_t why_len, bool *ambiguous)
{
	const axis_file *found = NULL;

	for (size_t i = 0; i < n; i++)
		if (files[i].channels == channels)
		{
			if (found && (found->len != files[i].len || memcmp(found->bytes, files[i].bytes, found->len) != 0))
			{
				snprintf(why, why_len, "wavelength files %s and %s both have %zu channels; name one with --wavelengths",
						 found->path, files[i].path, channels);
				*ambiguous = true;
				return NULL;
			}
			found = &files[i];
		}
	return found;
}

const char *
gs_usgs_axes_find(gs_usgs_axes *axes, const char *values_path, size_t channels,
				  size_t *len, char *why, size_t why_len)
{
	char	   *dir = strdup(values_path);
	const axis_file *found;
	bool		ambiguous = false;

	found = pick(axes->explicit_files, axes->n_explicit, channels, why, why_len, &ambiguous);
	for (int up = 0; dir && !found && !ambiguous && up <= 3; up++)
	{
		char	   *slash = strrchr(dir, '/');
		axis_folder *f;

		if (!slash && up > 0)
			break;
		if (slash)
			*slash = '\0';
		f = folder_axes(axes, slash ? (dir[0] ? dir : "/") : ".");
		if (f)
			found = pick(f->files, f->n, channels, why, why_len, &ambiguous);
		if (!slash || dir[0] == '\0')
			break;
	}
	free(dir);
	if (found)
	{
		*len = found->len;
		return found->bytes;
	}
	if (!ambiguous)
		snprintf(why, why_len, "no wavelength file with %zu channels found near it; name one with --wavelengths",
				 channels);
	return NULL;
}
