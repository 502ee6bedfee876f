/*
 * shortest_float.h — shortest round-trip decimal forms of float4/float8.
 *
 * These are PostgreSQL's Ryu implementation (src/common/f2s.c, d2s.c), the
 * code behind float4out/float8out.  They live in libpgcommon, which servers
 * and client programs alike link, so the core uses them without any server
 * header: inside the server they resolve against the postgres binary, in unit
 * tests and command-line tools against libpgcommon.a.  Output has no NUL.
 */
#ifndef GS_SHORTEST_FLOAT_H
#define GS_SHORTEST_FLOAT_H

#define GS_FLOAT_SHORTEST_LEN 16
#define GS_DOUBLE_SHORTEST_LEN 25

int			float_to_shortest_decimal_bufn(float f, char *result);
int			double_to_shortest_decimal_bufn(double f, char *result);

#endif
