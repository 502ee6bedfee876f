
-- ---------------------------------------------------------------------------
-- Standardization (API.md "Standardization"; paper S2, S6, S10).  The math
-- lives in src/core; every function is immutable and parallel safe except
-- those that read the instrument registry (stable).

CREATE FUNCTION gs_resample(s spectrum, start float8, stop float8, step float8 DEFAULT 0.5,
	method text DEFAULT 'cubic', extrapolate text DEFAULT 'error') RETURNS spectrum
	AS 'MODULE_PATHNAME', 'gs_pg_resample' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION gs_convert_axis(s spectrum, unit text) RETURNS spectrum
	AS 'MODULE_PATHNAME', 'gs_pg_convert_axis' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION gs_crop(s spectrum, lo float8, hi float8) RETURNS spectrum
	AS 'MODULE_PATHNAME', 'gs_pg_crop' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION gs_calibrate_axis(s spectrum, coeffs float8[]) RETURNS spectrum
	AS 'MODULE_PATHNAME', 'gs_pg_calibrate_axis' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION gs_fit_axis_calibration(measured float8[], reference float8[], degree int DEFAULT 1)
	RETURNS float8[]
	AS 'MODULE_PATHNAME', 'gs_pg_fit_axis_calibration' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION gs_align_shift(s spectrum, reference spectrum, max_shift float8 DEFAULT NULL)
	RETURNS float8
	AS 'MODULE_PATHNAME', 'gs_pg_align_shift' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION gs_align(s spectrum, reference spectrum, max_shift float8 DEFAULT NULL)
	RETURNS spectrum
	AS 'MODULE_PATHNAME', 'gs_pg_align' LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE FUNCTION gs_correct_intensity(s spectrum, m float8[], range_lo float8 DEFAULT NULL,
	range_hi float8 DEFAULT NULL) RETURNS spectrum
	AS 'MODULE_PATHNAME', 'gs_pg_correct_intensity' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION gs_fit_transfer_matrix(measured spectrum[], certified spectrum[],
	range_lo float8 DEFAULT NULL, range_hi float8 DEFAULT NULL) RETURNS float8[]
	AS 'MODULE_PATHNAME', 'gs_pg_fit_transfer_matrix' LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE FUNCTION gs_denoise(s spectrum, wavelet text DEFAULT 'sym8', level int DEFAULT NULL,
	rule text DEFAULT 'bayes', mode text DEFAULT 'soft') RETURNS spectrum
	AS 'MODULE_PATHNAME', 'gs_pg_denoise' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION gs_snr(s spectrum) RETURNS float8
	AS 'MODULE_PATHNAME', 'gs_pg_snr' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION gs_snr_features(s spectrum, windows int[] DEFAULT '{5,11,21,41}') RETURNS float8[]
	AS 'MODULE_PATHNAME', 'gs_pg_snr_features' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION gs_savgol(s spectrum, "window" int, polyorder int, deriv int DEFAULT 0) RETURNS spectrum
	AS 'MODULE_PATHNAME', 'gs_pg_savgol' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION gs_derivative(s spectrum, "order" int DEFAULT 1) RETURNS spectrum
	AS 'MODULE_PATHNAME', 'gs_pg_derivative' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION gs_despike(s spectrum, threshold float8 DEFAULT 7, half_window int DEFAULT 3,
	max_width int DEFAULT 3) RETURNS spectrum
	AS 'MODULE_PATHNAME', 'gs_pg_despike' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION gs_normalize(s spectrum, method text DEFAULT 'vector', peak_x float8 DEFAULT NULL)
	RETURNS spectrum
	AS 'MODULE_PATHNAME', 'gs_pg_normalize' LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE FUNCTION gs_baseline(s spectrum, method text DEFAULT 'morph', params jsonb DEFAULT '{}')
	RETURNS spectrum
	AS 'MODULE_PATHNAME', 'gs_pg_baseline' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION gs_remove_baseline(s spectrum, method text DEFAULT 'morph', params jsonb DEFAULT '{}')
	RETURNS spectrum
	AS 'MODULE_PATHNAME', 'gs_pg_remove_baseline' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION gs_peaks(s spectrum, min_prominence float8 DEFAULT NULL, min_distance float8 DEFAULT NULL,
	min_height float8 DEFAULT NULL, rel_height float8 DEFAULT 0.5)
	RETURNS TABLE (x float8, height float8, prominence float8, fwhm float8, left_x float8, right_x float8)
	AS 'MODULE_PATHNAME', 'gs_pg_peaks' LANGUAGE C IMMUTABLE PARALLEL SAFE ROWS 20;

CREATE FUNCTION gs_preprocess(s spectrum, instrument text DEFAULT NULL, config jsonb DEFAULT NULL)
	RETURNS spectrum
	AS 'MODULE_PATHNAME', 'gs_pg_preprocess' LANGUAGE C STABLE PARALLEL SAFE;
CREATE FUNCTION gs_preprocess_config(instrument text DEFAULT NULL, config jsonb DEFAULT NULL,
	unit text DEFAULT 'nm') RETURNS jsonb
	AS 'MODULE_PATHNAME', 'gs_pg_preprocess_config' LANGUAGE C STABLE PARALLEL SAFE;
