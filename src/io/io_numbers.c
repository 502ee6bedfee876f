#include "io_numbers.h"

#include <stdio.h>
#include <stdlib.h>

#include "shortest_float.h"

size_t
io_format_double(double v, char *buf)
{
	int			n = double_to_shortest_decimal_bufn(v, buf);

	buf[n] = '\0';
	return (size_t) n;
}

size_t
io_format_float(float v, char *buf)
{
	int			n = float_to_shortest_decimal_bufn(v, buf);

	buf[n] = '\0';
	/* the shortest digits may sit near a rounding boundary of the double-then-float path */
	if ((float) strtod(buf, NULL) != v)
		n = snprintf(buf, IO_NUMBER_LEN, "%.9g", (double) v);
	return (size_t) n;
}
