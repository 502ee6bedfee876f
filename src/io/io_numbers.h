/*
 * io_numbers.h — numbers as writers print them: the shortest text that
 * reads back to the same value, because files written here must round-trip
 * through the readers bit for bit.
 */
#ifndef GS_IO_NUMBERS_H
#define GS_IO_NUMBERS_H

#include <stddef.h>

#define IO_NUMBER_LEN 32

/* Shortest round-trip text of a double; returns its length (NUL-terminated). */
size_t		io_format_double(double v, char *buf);

/*
 * Text of a float that gives the same float when read as a double and then
 * rounded to float (what every reader here does): the shortest form when
 * that holds, else 9 significant digits, which always do.
 */
size_t		io_format_float(float v, char *buf);

#endif
