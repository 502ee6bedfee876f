#include "units.h"

#include <math.h>
#include <string.h>

static const char *const unit_names[GS_UNIT_COUNT] = {
	[GS_UNIT_NM] = "nm",
	[GS_UNIT_UM] = "um",
	[GS_UNIT_CM1] = "cm-1",
	[GS_UNIT_RAMAN_CM1] = "raman_cm-1",
	[GS_UNIT_KEV] = "keV",
	[GS_UNIT_EV] = "eV",
	[GS_UNIT_CHANNEL] = "channel",
};

const char *
gs_unit_name(gs_unit unit)
{
	return (unit < GS_UNIT_COUNT) ? unit_names[unit] : "?";
}

bool
gs_unit_parse(const char *name, size_t len, gs_unit *unit)
{
	for (int u = 0; u < GS_UNIT_COUNT; u++)
	{
		if (strlen(unit_names[u]) == len && memcmp(unit_names[u], name, len) == 0)
		{
			*unit = (gs_unit) u;
			return true;
		}
	}
	return false;
}

const char *
gs_unit_names_list(void)
{
	return "nm, um, cm-1, raman_cm-1, keV, eV, channel";
}

static bool
laser_known(double laser_nm)
{
	return isfinite(laser_nm) && laser_nm > 0;
}

gs_status
gs_unit_check_conversion(gs_unit from, double from_laser_nm, gs_unit to, double to_laser_nm,
						 gs_error *err)
{
	if (from == to)
		return GS_OK;
	if (from == GS_UNIT_CHANNEL || to == GS_UNIT_CHANNEL)
	{
		gs_fail(err, GS_ERR_UNSUPPORTED, "cannot convert axis unit %s to %s",
				gs_unit_name(from), gs_unit_name(to));
		gs_error_detail(err, "A channel axis carries no physical calibration.");
		gs_error_hint(err, "Calibrate the axis first, e.g. with gs_spectrum(x, y, unit) from a known channel-to-energy map.");
		return GS_ERR_UNSUPPORTED;
	}
	if ((from == GS_UNIT_RAMAN_CM1 && !laser_known(from_laser_nm)) ||
		(to == GS_UNIT_RAMAN_CM1 && !laser_known(to_laser_nm)))
	{
		gs_fail(err, GS_ERR_PARAM, "cannot convert axis unit %s to %s without a laser wavelength",
				gs_unit_name(from), gs_unit_name(to));
		gs_error_detail(err, "A Raman shift is relative to the excitation line.");
		gs_error_hint(err, "Give the spectrum a \"laser_nm\" value.");
		return GS_ERR_PARAM;
	}
	return GS_OK;
}

static double
to_nm(double v, gs_unit from, double laser_nm)
{
	switch (from)
	{
		case GS_UNIT_NM:
			return v;
		case GS_UNIT_UM:
			return v * 1e3;
		case GS_UNIT_CM1:
			return 1e7 / v;
		case GS_UNIT_RAMAN_CM1:
			return 1e7 / (1e7 / laser_nm - v);
		case GS_UNIT_EV:
			return GS_HC_EV_NM / v;
		case GS_UNIT_KEV:
			return GS_HC_EV_NM / (v * 1e3);
		default:
			return NAN;
	}
}

static double
from_nm(double nm, gs_unit to, double laser_nm)
{
	switch (to)
	{
		case GS_UNIT_NM:
			return nm;
		case GS_UNIT_UM:
			return nm * 1e-3;
		case GS_UNIT_CM1:
			return 1e7 / nm;
		case GS_UNIT_RAMAN_CM1:
			return 1e7 / laser_nm - 1e7 / nm;
		case GS_UNIT_EV:
			return GS_HC_EV_NM / nm;
		case GS_UNIT_KEV:
			return GS_HC_EV_NM / nm * 1e-3;
		default:
			return NAN;
	}
}

double
gs_unit_convert(double value, gs_unit from, double from_laser_nm, gs_unit to, double to_laser_nm)
{
	double		nm,
				out;

	if (from == to)
		return value;
	nm = to_nm(value, from, from_laser_nm);
	if (!isfinite(nm) || nm <= 0)
		return NAN;
	out = from_nm(nm, to, to_laser_nm);
	return isfinite(out) ? out : NAN;
}

/* Wavelength-like units grow with λ; wavenumber- and energy-like units shrink. */
static bool
grows_with_wavelength(gs_unit u)
{
	return u == GS_UNIT_NM || u == GS_UNIT_UM || u == GS_UNIT_RAMAN_CM1;
}

bool
gs_unit_conversion_reverses(gs_unit from, gs_unit to)
{
	return grows_with_wavelength(from) != grows_with_wavelength(to);
}
