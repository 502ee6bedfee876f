
-- ---------------------------------------------------------------------------
-- Instruments (API.md "Instruments", paper S1, S5, S8; docs/instruments.md)

-- No NULL, NaN or infinity, nothing below lower_bound: the row checks below.
CREATE FUNCTION gs_all_finite(a float8[], lower_bound float8 DEFAULT '-Infinity') RETURNS boolean
	AS 'MODULE_PATHNAME', 'gs_pg_all_finite' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TABLE gs_instrument (
	id text PRIMARY KEY,
	modality text NOT NULL
		CHECK (modality IN ('ftir', 'raman', 'xrf', 'vnir', 'other')),
	laser_nm float8
		CHECK (laser_nm > 0 AND laser_nm < 'Infinity'),
	axis_unit text NOT NULL
		CHECK (axis_unit IN ('nm', 'um', 'cm-1', 'raman_cm-1', 'keV', 'eV', 'channel')),
	range_lo float8 NOT NULL,
	range_hi float8 NOT NULL,
	resolution float8
		CHECK (resolution > 0 AND resolution < 'Infinity'),
	transfer_matrix float8[]
		CONSTRAINT gs_instrument_transfer_matrix_3x3
		CHECK (array_ndims(transfer_matrix) = 2 AND array_length(transfer_matrix, 1) = 3
			   AND array_length(transfer_matrix, 2) = 3 AND gs_all_finite(transfer_matrix)),
	axis_calibration float8[]
		CONSTRAINT gs_instrument_axis_calibration_polynomial
		CHECK (array_ndims(axis_calibration) = 1 AND cardinality(axis_calibration) BETWEEN 1 AND 10
			   AND gs_all_finite(axis_calibration)),
	spec jsonb NOT NULL DEFAULT '{}'
		CHECK (jsonb_typeof(spec) = 'object'),
	-- NaN sorts above every number, so "< 'Infinity'" also rejects it
	CONSTRAINT gs_instrument_range
		CHECK (range_lo > '-Infinity' AND range_hi < 'Infinity' AND range_lo < range_hi),
	-- a Raman shift means nothing without the laser line it is measured from
	CONSTRAINT gs_instrument_raman_laser
		CHECK ((modality <> 'raman' AND axis_unit <> 'raman_cm-1') OR laser_nm IS NOT NULL)
);

COMMENT ON TABLE gs_instrument IS
	'instrument registry (S1): axis unit and range, laser, S2b transfer matrix, axis calibration, hardware spec (S13)';

-- Statistics on a grid: a uniform axis grid_start + grid_step * i, i < grid_npoints, in grid_unit.
CREATE TYPE gs_stats AS (
	grid_unit text,
	grid_start float8,
	grid_step float8,
	grid_npoints int,
	n float8,
	mean float8[],
	m2 float8[]
);

COMMENT ON TYPE gs_stats IS
	'per-point statistics of spectra on a uniform grid: weight n, mean and M2 = sum of w * (x - mean)^2';

CREATE TABLE gs_instrument_stats (
	instrument text NOT NULL REFERENCES gs_instrument (id) ON UPDATE CASCADE ON DELETE CASCADE,
	grid_unit text NOT NULL
		CHECK (grid_unit IN ('nm', 'um', 'cm-1', 'raman_cm-1', 'keV', 'eV', 'channel')),
	grid_start float8 NOT NULL CHECK (grid_start > '-Infinity' AND grid_start < 'Infinity'),
	grid_step float8 NOT NULL CHECK (grid_step > 0 AND grid_step < 'Infinity'),
	grid_npoints int NOT NULL CHECK (grid_npoints >= 1),
	n float8 NOT NULL CHECK (n > 0 AND n < 'Infinity'),
	mean float8[] NOT NULL,
	m2 float8[] NOT NULL,
	updated_at timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (instrument, grid_unit, grid_start, grid_step, grid_npoints),
	CONSTRAINT gs_instrument_stats_shape
		CHECK (array_ndims(mean) = 1 AND array_ndims(m2) = 1
			   AND cardinality(mean) = grid_npoints AND cardinality(m2) = grid_npoints),
	CONSTRAINT gs_instrument_stats_finite
		CHECK (gs_all_finite(mean) AND gs_all_finite(m2, 0))
);

COMMENT ON TABLE gs_instrument_stats IS
	'live statistics library of S8, one row per instrument and grid, kept by gs_update_instrument_stats';

-- One row per instrument, grid and UTC day of measurement, without forgetting: the drift history.
CREATE TABLE gs_instrument_stats_daily (
	instrument text NOT NULL REFERENCES gs_instrument (id) ON UPDATE CASCADE ON DELETE CASCADE,
	grid_unit text NOT NULL
		CHECK (grid_unit IN ('nm', 'um', 'cm-1', 'raman_cm-1', 'keV', 'eV', 'channel')),
	grid_start float8 NOT NULL CHECK (grid_start > '-Infinity' AND grid_start < 'Infinity'),
	grid_step float8 NOT NULL CHECK (grid_step > 0 AND grid_step < 'Infinity'),
	grid_npoints int NOT NULL CHECK (grid_npoints >= 1),
	day date NOT NULL,
	n bigint NOT NULL CHECK (n > 0),
	mean float8[] NOT NULL,
	m2 float8[] NOT NULL,
	updated_at timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (instrument, grid_unit, grid_start, grid_step, grid_npoints, day),
	CONSTRAINT gs_instrument_stats_daily_shape
		CHECK (array_ndims(mean) = 1 AND array_ndims(m2) = 1
			   AND cardinality(mean) = grid_npoints AND cardinality(m2) = grid_npoints),
	CONSTRAINT gs_instrument_stats_daily_finite
		CHECK (gs_all_finite(mean) AND gs_all_finite(m2, 0))
);

COMMENT ON TABLE gs_instrument_stats_daily IS
	'per-day statistics of each instrument and grid (UTC days of measured_at), the history behind gs_instrument_drift';

-- Users' rows are data, not part of the extension: pg_dump keeps them.
SELECT pg_catalog.pg_extension_config_dump('gs_instrument', '');
SELECT pg_catalog.pg_extension_config_dump('gs_instrument_stats', '');
SELECT pg_catalog.pg_extension_config_dump('gs_instrument_stats_daily', '');

-- ---------------------------------------------------------------------------
-- The statistics library (S8): Welford updates, Chan merges, optional forgetting

CREATE FUNCTION gs_stats_merge(n1 float8, mean1 float8[], m2_1 float8[], at1 timestamptz,
							   n2 float8, mean2 float8[], m2_2 float8[], at2 timestamptz,
							   halflife_s float8,
							   OUT n float8, OUT mean float8[], OUT m2 float8[], OUT updated_at timestamptz)
	AS 'MODULE_PATHNAME', 'gs_pg_stats_merge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION gs_stats_merge(float8, float8[], float8[], timestamptz, float8, float8[], float8[], timestamptz, float8) IS
	'merges two statistics blocks (Chan et al.) after decaying the older one by 2^(-age/halflife_s); halflife_s = 0: no forgetting';

CREATE FUNCTION gs_update_instrument_stats(instrument text, s spectrum,
										   measured_at timestamptz DEFAULT now()) RETURNS void
	AS 'MODULE_PATHNAME', 'gs_pg_update_instrument_stats' LANGUAGE C VOLATILE STRICT;
CREATE FUNCTION gs_update_instrument_stats(instrument text, s spectrum,
										   grid_start float8, grid_step float8, grid_npoints int,
										   measured_at timestamptz DEFAULT now()) RETURNS void
	AS 'MODULE_PATHNAME', 'gs_pg_update_instrument_stats_grid' LANGUAGE C VOLATILE STRICT;

COMMENT ON FUNCTION gs_update_instrument_stats(text, spectrum, timestamptz) IS
	'adds one spectrum (on its own uniform grid) to its instrument''s statistics and to that day''s history; concurrent-safe';

CREATE FUNCTION gs_stats_agg_trans(internal, spectrum) RETURNS internal
	AS 'MODULE_PATHNAME', 'gs_pg_stats_agg_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION gs_stats_agg_grid_trans(internal, spectrum, float8, float8, int) RETURNS internal
	AS 'MODULE_PATHNAME', 'gs_pg_stats_agg_grid_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION gs_stats_agg_merge_trans(internal, gs_stats) RETURNS internal
	AS 'MODULE_PATHNAME', 'gs_pg_stats_agg_merge_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION gs_stats_agg_combine(internal, internal) RETURNS internal
	AS 'MODULE_PATHNAME', 'gs_pg_stats_agg_combine' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION gs_stats_agg_serialize(internal) RETURNS bytea
	AS 'MODULE_PATHNAME', 'gs_pg_stats_agg_serialize' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION gs_stats_agg_deserialize(bytea, internal) RETURNS internal
	AS 'MODULE_PATHNAME', 'gs_pg_stats_agg_deserialize' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION gs_stats_agg_final(internal) RETURNS gs_stats
	AS 'MODULE_PATHNAME', 'gs_pg_stats_agg_final' LANGUAGE C IMMUTABLE PARALLEL SAFE;

-- Spectra on one uniform grid (the first one's); others are an error.
CREATE AGGREGATE gs_stats_agg(s spectrum) (
	SFUNC = gs_stats_agg_trans,
	STYPE = internal,
	FINALFUNC = gs_stats_agg_final,
	COMBINEFUNC = gs_stats_agg_combine,
	SERIALFUNC = gs_stats_agg_serialize,
	DESERIALFUNC = gs_stats_agg_deserialize,
	PARALLEL = SAFE
);

-- Spectra resampled linearly onto the named grid (in the first spectrum's unit).
CREATE AGGREGATE gs_stats_agg(s spectrum, grid_start float8, grid_step float8, grid_npoints int) (
	SFUNC = gs_stats_agg_grid_trans,
	STYPE = internal,
	FINALFUNC = gs_stats_agg_final,
	COMBINEFUNC = gs_stats_agg_combine,
	SERIALFUNC = gs_stats_agg_serialize,
	DESERIALFUNC = gs_stats_agg_deserialize,
	PARALLEL = SAFE
);

-- Statistics blocks on one grid pooled into one (e.g. days into a week).
CREATE AGGREGATE gs_stats_agg(st gs_stats) (
	SFUNC = gs_stats_agg_merge_trans,
	STYPE = internal,
	FINALFUNC = gs_stats_agg_final,
	COMBINEFUNC = gs_stats_agg_combine,
	SERIALFUNC = gs_stats_agg_serialize,
	DESERIALFUNC = gs_stats_agg_deserialize,
	PARALLEL = SAFE
);

-- x_norm = gamma * (x - mu) / (sigma + 1e-7) + beta (S8); gamma = 1, beta = 0 without a model.
CREATE FUNCTION gs_instrument_normalize(s spectrum, instrument text, model text DEFAULT NULL) RETURNS spectrum
	AS 'MODULE_PATHNAME', 'gs_pg_instrument_normalize' LANGUAGE C STABLE PARALLEL SAFE;

-- ---------------------------------------------------------------------------
-- Drift (S20 daily decay, for BI tools): each day against the instrument's first
-- geospectra.drift_reference_days calendar days, pooled.

CREATE FUNCTION gs_stats_drift(day gs_stats, reference gs_stats,
							   OUT drift_score float8, OUT sigma_shift float8)
	AS 'MODULE_PATHNAME', 'gs_pg_stats_drift' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE VIEW gs_instrument_drift AS
WITH history AS (
	SELECT d.*,
		min(d.day) OVER (PARTITION BY d.instrument, d.grid_unit, d.grid_start, d.grid_step, d.grid_npoints)
			AS first_day
	FROM gs_instrument_stats_daily d
), reference AS (
	SELECT h.instrument, h.grid_unit, h.grid_start, h.grid_step, h.grid_npoints,
		min(h.day) AS reference_from,
		max(h.day) AS reference_to,
		sum(h.n)::bigint AS reference_spectra,
		gs_stats_agg(ROW(h.grid_unit, h.grid_start, h.grid_step, h.grid_npoints, h.n, h.mean, h.m2)::gs_stats)
			AS stats
	FROM history h
	WHERE h.day < h.first_day + coalesce(nullif(current_setting('geospectra.drift_reference_days', true), '')::int, 7)
	GROUP BY h.instrument, h.grid_unit, h.grid_start, h.grid_step, h.grid_npoints
)
SELECT h.instrument, h.grid_unit, h.grid_start, h.grid_step, h.grid_npoints, h.day,
	h.n AS spectra,
	r.reference_from, r.reference_to, r.reference_spectra,
	h.day <= r.reference_to AS in_reference,
	dr.drift_score, dr.sigma_shift
FROM history h
JOIN reference r USING (instrument, grid_unit, grid_start, grid_step, grid_npoints)
CROSS JOIN LATERAL gs_stats_drift(
	ROW(h.grid_unit, h.grid_start, h.grid_step, h.grid_npoints, h.n, h.mean, h.m2)::gs_stats, r.stats) dr;

COMMENT ON VIEW gs_instrument_drift IS
	'per instrument, grid and day: RMS over the grid of (mean_day - mean_ref) / (sigma_ref + 1e-7) (drift_score) and of (sigma_day - sigma_ref) / (sigma_ref + 1e-7) (sigma_shift)';

CREATE VIEW gs_instrument_stability AS
SELECT instrument, day,
	sum(spectra)::bigint AS spectra,
	max(drift_score) AS drift_score,
	max(sigma_shift) AS sigma_shift,
	bool_and(in_reference) AS in_reference
FROM gs_instrument_drift
GROUP BY instrument, day;

COMMENT ON VIEW gs_instrument_stability IS
	'per instrument and day: spectra measured, worst drift_score and sigma_shift over its grids (model columns come with gs_train)';
