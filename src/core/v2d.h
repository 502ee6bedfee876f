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

#endif
