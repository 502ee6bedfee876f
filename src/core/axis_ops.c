#include "axis_ops.h"

#include <math.h>

gs_status
gs_crop_range(const gs_spectrum_view *s, double lo, double hi, size_t *first, size_t *count,
			  gs_error *err)
{
	size_t		i = 0,
				j;

	if (isnan(lo) || isnan(hi) || lo > hi)
		return gs_fail(err, GS_ERR_PARAM, "invalid crop range %g to %g", lo, hi);
	while (i < s->n && gs_view_x(s, i) < lo)
		i++;
	j = i;
	while (j < s->n && gs_view_x(s, j) <= hi)
		j++;
	if (j == i)
	{
		gs_fail(err, GS_ERR_PARAM, "crop range %g to %g contains no point of the spectrum", lo, hi);
		gs_error_detail(err, "The axis spans %.17g to %.17g %s.", gs_view_xmin(s), gs_view_xmax(s),
						gs_unit_name(s->unit));
		return GS_ERR_PARAM;
	}
	*first = i;
	*count = j - i;
	return GS_OK;
}

gs_status
gs_convert_axis(const gs_spectrum_view *s, gs_unit to, double *x_out, float *y_out, gs_error *err)
{
	bool		reverse = gs_unit_conversion_reverses(s->unit, to) && s->unit != to;
	double		laser = s->has_laser ? s->laser_nm : NAN;
	gs_status	rc;

	if ((rc = gs_unit_check_conversion(s->unit, laser, to, laser, err)) != GS_OK)
		return rc;
	for (size_t k = 0; k < s->n; k++)
	{
		size_t		i = reverse ? s->n - 1 - k : k;
		double		v = gs_unit_convert(gs_view_x(s, i), s->unit, laser, to, laser);

		if (isnan(v))
		{
			gs_fail(err, GS_ERR_PARAM, "axis value %.17g %s has no equivalent in %s",
					gs_view_x(s, i), gs_unit_name(s->unit), gs_unit_name(to));
			if (s->unit == GS_UNIT_RAMAN_CM1)
				gs_error_detail(err, "A Raman shift of %.17g cm-1 or more lies beyond the %g nm laser line.",
								1e7 / laser, laser);
			gs_error_hint(err, "Crop the spectrum to the convertible range first.");
			return GS_ERR_PARAM;
		}
		if (k > 0 && !(v > x_out[k - 1]))
		{
			gs_fail(err, GS_ERR_PARAM, "converted axis is not strictly increasing at %.17g %s",
					v, gs_unit_name(to));
			gs_error_detail(err, "Neighbouring points collapse to one value in %s at double precision.",
							gs_unit_name(to));
			return GS_ERR_PARAM;
		}
		x_out[k] = v;
		y_out[k] = s->y[i];
	}
	return GS_OK;
}
