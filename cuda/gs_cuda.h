/*
 * gs_cuda.h — the C ABI of libgeospectra_cuda.so.
 *
 * The extension never links CUDA: it dlopens this library by name and looks
 * these symbols up, so a server without CUDA (or without a GPU) still loads
 * geospectra and reports why the GPU path is unavailable.
 */
#ifndef GS_CUDA_H
#define GS_CUDA_H

#include <stddef.h>

#ifdef __cplusplus
extern "C"
{
#endif

#define GS_CUDA_ABI_VERSION 1

/* ABI version the library was built with; the loader refuses a mismatch. */
int			gs_cuda_abi_version(void);

/*
 * Writes "gpu: N x NAME (...)" or "no-gpu: REASON" into buf and returns the
 * number of usable devices (0 when none).
 */
int			gs_cuda_probe(char *buf, size_t len);

#ifdef __cplusplus
}
#endif

#endif
