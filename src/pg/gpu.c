/*
 * gpu.c — finding libgeospectra_cuda.so at run time.
 *
 * The library is dlopened rather than linked so that the extension loads on
 * machines without CUDA; PostgreSQL's load_external_function is not used
 * because it demands a PG_MODULE_MAGIC block that a CUDA library has no
 * business carrying.  Debian's extension_destdir (staged, non-root installs)
 * is searched first, then $libdir.
 */
#include "gs_pg.h"

#include <dlfcn.h>

#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/guc.h"

#include "gs_cuda.h"

PG_FUNCTION_INFO_V1(gs_pg_gpu_info);

#define CUDA_LIBRARY "libgeospectra_cuda.so"

typedef int (*abi_version_fn) (void);
typedef int (*probe_fn) (char *buf, size_t len);

static void *cuda_handle;

/* Returns the handle, or NULL with the reason in `why`. */
static void *
load_cuda_library(char *why, size_t len)
{
	const char *destdir = GetConfigOption("extension_destdir", true, false);
	char		path[MAXPGPATH];
	void	   *h = NULL;
	abi_version_fn abi;

	if (cuda_handle)
		return cuda_handle;
	if (destdir && destdir[0])
	{
		snprintf(path, sizeof(path), "%s%s/%s", destdir, pkglib_path, CUDA_LIBRARY);
		h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
	}
	if (!h)
	{
		snprintf(path, sizeof(path), "%s/%s", pkglib_path, CUDA_LIBRARY);
		h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
	}
	if (!h)
	{
		const char *msg = dlerror();

		snprintf(why, len, "%s", msg ? msg : "dlopen failed");
		return NULL;
	}
	abi = (abi_version_fn) dlsym(h, "gs_cuda_abi_version");
	if (!abi || abi() != GS_CUDA_ABI_VERSION)
	{
		snprintf(why, len, "%s has ABI version %d, expected %d", path, abi ? abi() : -1,
				 GS_CUDA_ABI_VERSION);
		dlclose(h);
		return NULL;
	}
	cuda_handle = h;
	return h;
}

Datum
gs_pg_gpu_info(PG_FUNCTION_ARGS)
{
	char		buf[512];
	char		why[400];
	void	   *h = load_cuda_library(why, sizeof(why));
	probe_fn	probe;

	if (!h)
	{
		snprintf(buf, sizeof(buf), "unavailable: %s", why);
		PG_RETURN_TEXT_P(cstring_to_text(buf));
	}
	probe = (probe_fn) dlsym(h, "gs_cuda_probe");
	if (!probe)
		PG_RETURN_TEXT_P(cstring_to_text("unavailable: gs_cuda_probe not found in " CUDA_LIBRARY));
	probe(buf, sizeof(buf));
	PG_RETURN_TEXT_P(cstring_to_text(buf));
}
