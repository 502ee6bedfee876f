-- Drift views: each day's statistics against the pooled first
-- geospectra.drift_reference_days days of the instrument's history.

-- Two grid points, reference = the first 2 days.  Hand-computed:
-- day 1: [0,10], [2,10]; day 2: [1,12], [1,8]  → reference mean [1,10],
--   sigma sqrt(M2/n) = [sqrt(2/4), sqrt(8/4)] = [0.70711, 1.41421];
-- day 5: [2,10], [2,13] → mean [2,11.5], sigma [0,1.5]:
--   drift_score = sqrt(((1/0.70711)^2 + (1.5/1.41421)^2) / 2) = sqrt((2 + 1.125) / 2) = 1.25
--   sigma_shift = sqrt((1^2 + ((1.5 - 1.41421)/1.41421)^2) / 2) = 0.708406
-- (eps = 1e-7 moves these in the 7th digit).
INSERT INTO gs_instrument (id, modality, axis_unit, range_lo, range_hi) VALUES ('drift-a', 'other', 'nm', 100, 200);
SET geospectra.drift_reference_days = 2;
SELECT count(gs_update_instrument_stats('drift-a', gs_spectrum(100, 50, y, 'nm'), at::timestamptz))
FROM (VALUES
	('{0,10}'::float4[], '2026-04-01 08:00+00'), ('{2,10}', '2026-04-01 17:00+00'),
	('{1,12}', '2026-04-02 09:00+00'), ('{1,8}', '2026-04-02 23:59+00'),
	('{2,10}', '2026-04-05 10:00+00'), ('{2,13}', '2026-04-05 11:00+00')) v(y, at);
SELECT instrument, grid_unit, grid_start, grid_step, grid_npoints, day, spectra,
	reference_from, reference_to, reference_spectra, in_reference,
	round(drift_score::numeric, 6) AS drift_score, round(sigma_shift::numeric, 6) AS sigma_shift
FROM gs_instrument_drift WHERE instrument = 'drift-a' ORDER BY day;
SELECT instrument, day, spectra, round(drift_score::numeric, 6) AS drift_score,
	round(sigma_shift::numeric, 6) AS sigma_shift, in_reference
FROM gs_instrument_stability WHERE instrument = 'drift-a' ORDER BY day;

-- A longer reference window takes in day 5 as well.
SET geospectra.drift_reference_days = 7;
SELECT day, reference_to, reference_spectra, in_reference
FROM gs_instrument_drift WHERE instrument = 'drift-a' ORDER BY day;
RESET geospectra.drift_reference_days;

-- The column lists that docs/instruments.md promises to BI tools.
SELECT attname, format_type(atttypid, atttypmod)
FROM pg_attribute WHERE attrelid = 'gs_instrument_drift'::regclass AND attnum > 0 ORDER BY attnum;
SELECT attname, format_type(atttypid, atttypmod)
FROM pg_attribute WHERE attrelid = 'gs_instrument_stability'::regclass AND attnum > 0 ORDER BY attnum;

DELETE FROM gs_instrument WHERE id = 'drift-a';
SELECT count(*) AS left_over FROM gs_instrument_drift WHERE instrument = 'drift-a';
