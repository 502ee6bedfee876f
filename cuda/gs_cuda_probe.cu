/*
 * gs_cuda_probe.cu — device discovery for gs_gpu_info() and, later, the
 * trainer's choice of devices.  Versions of cuDNN and NCCL are reported too:
 * a device without matching libraries is no use to the trainer.
 */
#include <cstdio>

#include <cuda_runtime.h>
#include <cudnn.h>
#include <nccl.h>

#include "gs_cuda.h"

#define GS_CUDA_EXPORT extern "C" __attribute__((visibility("default")))

GS_CUDA_EXPORT int
gs_cuda_abi_version(void)
{
	return GS_CUDA_ABI_VERSION;
}

GS_CUDA_EXPORT int
gs_cuda_probe(char *buf, size_t len)
{
	int			count = 0;
	int			runtime = 0;
	int			nccl = 0;
	cudaError_t rc = cudaGetDeviceCount(&count);
	cudaDeviceProp prop;

	cudaRuntimeGetVersion(&runtime);
	ncclGetVersion(&nccl);
	if (rc != cudaSuccess || count == 0)
	{
		snprintf(buf, len, "no-gpu: %s (CUDA runtime %d, cuDNN %zu, NCCL %d)",
				 rc != cudaSuccess ? cudaGetErrorString(rc) : "no CUDA device visible",
				 runtime, cudnnGetVersion(), nccl);
		return 0;
	}
	if (cudaGetDeviceProperties(&prop, 0) != cudaSuccess)
	{
		snprintf(buf, len, "no-gpu: cannot read the properties of device 0");
		return 0;
	}
	snprintf(buf, len, "gpu: %d x %s (compute %d.%d, %zu MiB; CUDA runtime %d, cuDNN %zu, NCCL %d)",
			 count, prop.name, prop.major, prop.minor, prop.totalGlobalMem >> 20,
			 runtime, cudnnGetVersion(), nccl);
	return count;
}
