-- The instrument registry and the statistics tables: row checks, foreign
-- keys, and their registration as configuration tables that pg_dump keeps.

SELECT unnest(extconfig)::regclass AS config_table
FROM pg_extension WHERE extname = 'geospectra' ORDER BY 1::text;

INSERT INTO gs_instrument (id, modality, laser_nm, axis_unit, range_lo, range_hi, resolution,
						   transfer_matrix, axis_calibration, spec)
VALUES
	('reg-ftir', 'ftir', NULL, 'cm-1', 400, 4000, 4, '{{0,1,0},{0,0,0},{0,0,0}}', '{0,1}', '{"detector":"DTGS"}'),
	('reg-raman', 'raman', 532, 'raman_cm-1', 100, 1800, 2, NULL, NULL, '{}'),
	('reg-xrf', 'xrf', NULL, 'keV', 0.5, 40, NULL, NULL, NULL, DEFAULT);
SELECT id, modality, laser_nm, axis_unit, range_lo, range_hi, transfer_matrix, spec
FROM gs_instrument WHERE id LIKE 'reg-%' ORDER BY id;

-- Each bad row is refused with the constraint that says why.
SELECT n, gs_test_error(format(
	'INSERT INTO gs_instrument (id, modality, laser_nm, axis_unit, range_lo, range_hi, transfer_matrix, axis_calibration, spec) VALUES (%s)', v))
	AS result
FROM (VALUES
	(1, $$'bad', 'uv', NULL, 'nm', 200, 2500, NULL, NULL, '{}'$$),
	(2, $$'bad', 'raman', NULL, 'raman_cm-1', 100, 1800, NULL, NULL, '{}'$$),
	(3, $$'bad', 'other', NULL, 'raman_cm-1', 100, 1800, NULL, NULL, '{}'$$),
	(4, $$'bad', 'vnir', NULL, 'furlong', 200, 2500, NULL, NULL, '{}'$$),
	(5, $$'bad', 'vnir', NULL, 'nm', 2500, 200, NULL, NULL, '{}'$$),
	(6, $$'bad', 'vnir', NULL, 'nm', 200, 200, NULL, NULL, '{}'$$),
	(7, $$'bad', 'vnir', NULL, 'nm', 200, 'NaN', NULL, NULL, '{}'$$),
	(8, $$'bad', 'vnir', NULL, 'nm', '-Infinity', 2500, NULL, NULL, '{}'$$),
	(9, $$'bad', 'raman', -532, 'raman_cm-1', 100, 1800, NULL, NULL, '{}'$$),
	(10, $$'bad', 'raman', 'NaN', 'raman_cm-1', 100, 1800, NULL, NULL, '{}'$$),
	(11, $$'bad', 'vnir', NULL, 'nm', 200, 2500, '{{0,1,0},{0,0,0}}', NULL, '{}'$$),
	(12, $$'bad', 'vnir', NULL, 'nm', 200, 2500, '{0,1,0,0,0,0,0,0,0}', NULL, '{}'$$),
	(13, $$'bad', 'vnir', NULL, 'nm', 200, 2500, '{{{0,1,0},{0,0,0},{0,0,0}}}', NULL, '{}'$$),
	(14, $$'bad', 'vnir', NULL, 'nm', 200, 2500, '{{0,1,0},{0,NaN,0},{0,0,0}}', NULL, '{}'$$),
	(15, $$'bad', 'vnir', NULL, 'nm', 200, 2500, '{{0,1,0},{0,NULL,0},{0,0,0}}', NULL, '{}'$$),
	(16, $$'bad', 'vnir', NULL, 'nm', 200, 2500, '{{0,1,0},{0,Infinity,0},{0,0,0}}', NULL, '{}'$$),
	(17, $$'bad', 'vnir', NULL, 'nm', 200, 2500, NULL, '{}', '{}'$$),
	(18, $$'bad', 'vnir', NULL, 'nm', 200, 2500, NULL, '{0,NaN}', '{}'$$),
	(19, $$'bad', 'vnir', NULL, 'nm', 200, 2500, NULL, NULL, '[1,2]'$$),
	(20, $$'reg-ftir', 'ftir', NULL, 'cm-1', 400, 4000, NULL, NULL, '{}'$$),
	(21, $$NULL, 'ftir', NULL, 'cm-1', 400, 4000, NULL, NULL, '{}'$$),
	(22, $$'ok-matrix', 'vnir', NULL, 'nm', 200, 2500, '{{1,0.5,0},{0,0,0},{0,0,-0.01}}', NULL, '{}'$$)
) AS t(n, v)
ORDER BY n;
DELETE FROM gs_instrument WHERE id = 'ok-matrix';

-- Statistics rows: grid and array shape, finite values, the instrument must exist.
SELECT n, gs_test_error(format(
	'INSERT INTO gs_instrument_stats (instrument, grid_unit, grid_start, grid_step, grid_npoints, n, mean, m2, updated_at) VALUES (%s, ''2026-01-01 00:00:00+00'')', v))
	AS result
FROM (VALUES
	(1, $$'reg-ftir', 'cm-1', 400, 2, 3, 2, '{1,2,3}', '{0,0,0}'$$),
	(2, $$'reg-ftir', 'cm-1', 400, 2, 3, 2, '{1,NaN,3}', '{0,0,0}'$$),
	(3, $$'reg-ftir', 'cm-1', 400, 2, 3, 2, '{1,2,3}', '{0,-1,0}'$$),
	(4, $$'reg-ftir', 'cm-1', 400, 2, 3, 2, '{1,2,3}', '{0,Infinity,0}'$$),
	(5, $$'reg-ftir', 'cm-1', 400, 2, 3, 2, '{1,2}', '{0,0}'$$),
	(6, $$'reg-ftir', 'cm-1', 400, 2, 3, 'NaN', '{1,2,3}', '{0,0,0}'$$),
	(7, $$'reg-ftir', 'cm-1', 400, 2, 3, 0, '{1,2,3}', '{0,0,0}'$$),
	(8, $$'reg-ftir', 'cm-1', 400, 0, 3, 2, '{1,2,3}', '{0,0,0}'$$),
	(9, $$'reg-ftir', 'cm-1', 400, 2, 3, 2, '{{1,2,3}}', '{{0,0,0}}'$$),
	(10, $$'nowhere', 'cm-1', 400, 2, 3, 2, '{1,2,3}', '{0,0,0}'$$),
	(11, $$'reg-ftir', 'parsec', 400, 2, 3, 2, '{1,2,3}', '{0,0,0}'$$),
	(12, $$'reg-ftir', 'cm-1', 400, 2, 3, 2, '{1,NULL,3}', '{0,0,0}'$$)
) AS t(n, v)
ORDER BY n;

-- Renaming an instrument carries its statistics along; deleting it removes them.
UPDATE gs_instrument SET id = 'reg-ftir-2' WHERE id = 'reg-ftir';
SELECT instrument, n FROM gs_instrument_stats WHERE instrument LIKE 'reg-%';
DELETE FROM gs_instrument WHERE id LIKE 'reg-%';
SELECT count(*) AS stats_left FROM gs_instrument_stats WHERE instrument LIKE 'reg-%';

-- The array check behind the constraints.
SELECT gs_all_finite('{1,2}'), gs_all_finite('{1,NaN}'), gs_all_finite('{1,NULL}'),
	gs_all_finite('{}'), gs_all_finite('{0,1}', 0), gs_all_finite('{-1e-300}', 0);
