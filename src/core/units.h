/*
 * units.h — axis units of a spectrum and conversions between them.
 *
 * Every physical unit converts through the vacuum wavelength in nm:
 * wavenumber ν [cm-1] = 1e7 / λ, photon energy E [eV] = hc / λ, and a Raman
 * shift Δν [cm-1] is the wavenumber distance from the laser line,
 * λ = 1e7 / (1e7 / λ_laser − Δν), so it needs the laser wavelength.
 * `channel` (a detector index without calibration) converts to nothing else.
 */
#ifndef GS_UNITS_H
#define GS_UNITS_H

#include <stdbool.h>

#include "gs_error.h"

typedef enum gs_unit
{
	GS_UNIT_NM = 0,
	GS_UNIT_UM,
	GS_UNIT_CM1,				/* absolute wavenumber */
	GS_UNIT_RAMAN_CM1,			/* Raman shift from the laser line */
	GS_UNIT_KEV,
	GS_UNIT_EV,
	GS_UNIT_CHANNEL,
	GS_UNIT_COUNT
} gs_unit;

/* h·c in eV·nm (CODATA 2018, exact SI constants) */
#define GS_HC_EV_NM 1239.8419843320026

const char *gs_unit_name(gs_unit unit);

/* Parses an exact unit name (length-delimited); false when unknown. */
bool		gs_unit_parse(const char *name, size_t len, gs_unit *unit);

/* Comma-separated list of the unit names, for hints. */
const char *gs_unit_names_list(void);

/*
 * Can values in `from` be expressed in `to`?  Fails with GS_ERR_UNSUPPORTED
 * for channel <-> physical units and GS_ERR_PARAM when a Raman shift is
 * involved and its side has no laser wavelength (<= 0 or NaN).  Equal units
 * always convert as the identity: Raman shifts of different lasers compare
 * directly, which is the point of measuring in shift.
 */
gs_status	gs_unit_check_conversion(gs_unit from, double from_laser_nm,
									 gs_unit to, double to_laser_nm, gs_error *err);

/*
 * Converts one axis value.  Returns NaN when the value has no image (e.g. a
 * Raman shift beyond the laser's wavenumber); call gs_unit_check_conversion
 * first for the reasons that depend on units alone.
 */
double		gs_unit_convert(double value, gs_unit from, double from_laser_nm,
							gs_unit to, double to_laser_nm);

/* True when the conversion reverses the order of increasing values. */
bool		gs_unit_conversion_reverses(gs_unit from, gs_unit to);

#endif
