/*
 * v2d.h — two doubles per operation through GCC's generic vectors: SSE2 on
 * any x86-64 (NEON elsewhere), so no -march flag is needed.  Each lane does
 * what the scalar code it replaces did, in the same order, so results are
 * bit-identical to the scalar form.
 */
#ifndef GS_V2D_H
#define GS_V2D_H

#include <stdint.h>
#include <string.h>

typedef double v2d __attribute__((vector_size(16)));
/* lane masks, as comparisons of v2d give them */
typedef int64_t v2i __attribute__((vector_size(16)));

static inline v2d
load2(const double *p)
{
	v2d			v;

	memcpy(&v, p, sizeof(v));
	return v;
}

static inline void
store2(double *p, v2d v)
{
	memcpy(p, &v, sizeof(v));
}

static inline v2d
splat(double a)
{
	return (v2d) {a, a};
}

/*
 * Four doubles per operation: one AVX register, or two SSE2 ones where AVX
 * is absent, each lane still doing what the scalar code did.  Moved through
 * pointers only: returning one by value would depend on whether AVX is on.
 */
typedef double v4d __attribute__((vector_size(32)));
typedef int64_t v4i __attribute__((vector_size(32)));

static inline void
load4(v4d *v, const double *p)
{
	memcpy(v, p, sizeof(*v));
}

static inline void
splat4(v4d *v, double a)
{
	for (int i = 0; i < 4; i++)
		(*v)[i] = a;
}

/*
 * Kernels that gain from wider vectors get an AVX2 clone chosen at load time
 * (GCC's function multiversioning; no FMA, so the bits stay those of the
 * scalar order).  Not under AddressSanitizer, so that the sanitized unit
 * tests run the default clone and the plain ones the AVX2 clone; not with
 * clang 14, whose clones need the attribute on every declaration.
 */
#if defined(__x86_64__) && defined(__ELF__) && defined(__GNUC__) && !defined(__clang__) && \
	!defined(__SANITIZE_ADDRESS__)
#define GS_VECTOR_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define GS_VECTOR_CLONES
#endif

#endif
