/*
 * instrument.h — the instrument registry (table gs_instrument) as C glue
 * sees it, for every function that needs an instrument's unit, range,
 * transfer matrix or axis calibration (gs_preprocess, the statistics
 * library, instrument-adaptive normalization).
 *
 * Rows are read through SPI on each call: the registry is small, and reading
 * it under the caller's snapshot keeps STABLE functions consistent with the
 * table.
 */
#ifndef GS_PG_INSTRUMENT_H
#define GS_PG_INSTRUMENT_H

#include "gs_pg.h"

#include "utils/jsonb.h"

typedef struct gs_pg_instrument
{
	char	   *id;
	char	   *modality;		/* ftir, raman, xrf, vnir, other */
	gs_unit		axis_unit;
	double		laser_nm;		/* NaN when not set */
	double		range_lo;		/* in axis_unit; range_lo < range_hi */
	double		range_hi;
	double		resolution;		/* NaN when not set */
	bool		has_transfer_matrix;
	double		transfer_matrix[3][3];	/* [i][j]: weight of u^i·y^j (API.md) */
	int			n_axis_calibration; /* 0 when not set */
	double	   *axis_calibration;	/* polynomial coefficients, lowest order first */
	Jsonb	   *spec;			/* hardware metadata (S13), never NULL */
} gs_pg_instrument;

/*
 * Reads instrument `id` into *inst, allocated in the caller's memory
 * context.  Unknown id: ERROR 42704, or false when missing_ok.
 */
extern bool gs_pg_instrument_fetch(const char *id, gs_pg_instrument *inst, bool missing_ok);

/*
 * ERROR 22023 unless the spectrum is in the instrument's axis unit and lies
 * inside [range_lo, range_hi].
 */
extern void gs_pg_instrument_check_spectrum(const gs_pg_instrument *inst,
											const gs_spectrum_view *s);

/* "schema.name" of a table or function of the extension, quoted for SQL text. */
extern char *gs_pg_qualified_name(const char *name);

#endif
