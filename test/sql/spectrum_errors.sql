-- Bad input: every case gets a clear error with the SQLSTATE of API.md, never a crash.

SELECT n, gs_test_error(format('SELECT %L::spectrum', t)) AS result
FROM (VALUES
	(1, ''),
	(2, ' '),
	(3, '{'),
	(4, '{}'),
	(5, '[1,2,3]'),
	(6, 'null'),
	(7, '{"unit":"nm","start":1,"step":1,"y":[1,2'),
	(8, '{"unit":"nm","start":1,"step":1,"y":[1,,2]}'),
	(9, '{"unit":"nm","start":1,"step":1,"y":[1,2,]}'),
	(10, '{"unit":"nm","start":1,"step":1,"y":[1 2]}'),
	(11, '{"unit":"nm","start":1,"step":1,"y":["1"]}'),
	(12, '{"unit":"nm","start":1,"step":1,"y":[1]} trailing'),
	(13, '{"unit":"nm","start":1,"step":1,"wavelength":[1]}'),
	(14, '{"unit":"nm","start":1,"step":1}'),
	(15, '{"start":1,"step":1,"y":[1]}'),
	(16, '{"unit":"nm","step":1,"y":[1]}'),
	(17, '{"unit":"nm","start":1,"step":1,"x":[1],"y":[1]}'),
	(18, '{"unit":"nm","unit":"um","start":1,"step":1,"y":[1]}'),
	(19, '{"unit":"nm","start":1,"step":1,"y":[0x10]}'),
	(20, '{"unit":nm,"start":1,"step":1,"y":[1]}'),
	(21, '{unit:"nm","start":1,"step":1,"y":[1]}'),
	(22, '{"unit":"nm","start":1,"step":1,"y":[1],}'),
	(23, '{"unit":"furlong","start":1,"step":1,"y":[1]}'),
	(24, '{"unit":"NM","start":1,"step":1,"y":[1]}'),
	(25, '{"unit":"nm","start":1,"step":1,"y":[]}'),
	(26, '{"unit":"nm","start":1,"step":1,"y":[1,NaN]}'),
	(27, '{"unit":"nm","start":1,"step":1,"y":[-Infinity]}'),
	(28, '{"unit":"nm","start":1,"step":1,"y":[inf]}'),
	(29, '{"unit":"nm","start":NaN,"step":1,"y":[1]}'),
	(30, '{"unit":"nm","start":1,"step":0,"y":[1]}'),
	(31, '{"unit":"nm","start":1,"step":-0.5,"y":[1]}'),
	(32, '{"unit":"nm","x":[1,2,2],"y":[1,2,3]}'),
	(33, '{"unit":"nm","x":[1,3,2],"y":[1,2,3]}'),
	(34, '{"unit":"nm","x":[1,2],"y":[1,2,3]}'),
	(35, '{"unit":"nm","x":[1,2,3],"y":[1,2]}'),
	(36, '{"unit":"nm","laser_nm":-532,"start":1,"step":1,"y":[1]}'),
	(37, '{"unit":"nm","laser_nm":0,"start":1,"step":1,"y":[1]}'),
	(38, '{"unit":"nm","laser_nm":"532","start":1,"step":1,"y":[1]}'),
	(39, '{"unit":"nm","start":1,"step":1,"y":[1e39]}'),
	(40, '{"unit":"nm","start":1,"step":1,"y":[1e-50]}'),
	(41, '{"unit":"nm","x":[1e400],"y":[1]}'),
	(42, '{"unit":"nm","start":1e308,"step":1e308,"y":[1,2,3]}'),
	(43, '{"unit":"nm","x":[NaN],"y":[1]}'),
	(44, '{"unit":"nm","start":1,"step":1,"y":[1,2]')
) AS t(n, t)
ORDER BY n;

-- the full report of a few, as a user sees it
SELECT '{"unit":"nm","start":1,"step":1,"y":[1,,2]}'::spectrum;
SELECT '{"unit":"furlong","start":1,"step":1,"y":[1]}'::spectrum;
SELECT '{"unit":"nm","x":[1,2,2],"y":[1,2,3]}'::spectrum;

-- huge n: the limit comes before any allocation
SET geospectra.max_points = 1000;
SELECT gs_test_error(format('SELECT %L::spectrum',
	'{"unit":"nm","start":1,"step":1,"y":[' || repeat('1,', 1000) || '1]}')) AS text_over_limit;
SELECT gs_test_error('SELECT gs_spectrum(0, 1, array_fill(1::float4, ARRAY[1001]), ''nm'')') AS constructor_over_limit;
SELECT gs_npoints(gs_spectrum(0, 1, array_fill(1::float4, ARRAY[1000]), 'nm')) AS at_limit;
RESET geospectra.max_points;
SET geospectra.max_points = 0;

-- constructors check their arguments too
SELECT n, gs_test_error(q) AS result
FROM (VALUES
	(1, 'SELECT gs_spectrum(ARRAY[1,2]::float8[], ARRAY[1]::float4[], ''nm'')'),
	(2, 'SELECT gs_spectrum(ARRAY[1,NULL]::float8[], ARRAY[1,2]::float4[], ''nm'')'),
	(3, 'SELECT gs_spectrum(ARRAY[[1,2],[3,4]]::float8[], ARRAY[1,2,3,4]::float4[], ''nm'')'),
	(4, 'SELECT gs_spectrum(ARRAY[]::float8[], ARRAY[]::float4[], ''nm'')'),
	(5, 'SELECT gs_spectrum(0, 1, ARRAY[1,2]::float4[], ''parsec'')'),
	(6, 'SELECT gs_spectrum(0, 0, ARRAY[1,2]::float4[], ''nm'')'),
	(7, 'SELECT gs_spectrum(0, 1, ARRAY[1,''NaN'']::float4[], ''nm'')'),
	(8, 'SELECT gs_spectrum(''Infinity'', 1, ARRAY[1]::float4[], ''nm'')'),
	(9, 'SELECT gs_spectrum(0, 1, ARRAY[1]::float4[], ''raman_cm-1'', ''NaN'')'),
	(10, 'SELECT gs_spectrum(ARRAY[1,1]::float8[], ARRAY[1,2]::float4[], ''nm'')'),
	(11, 'SELECT gs_spectrum(ARRAY[1,''Infinity'']::float8[], ARRAY[1,2]::float4[], ''nm'')'),
	(12, 'SELECT ''{"unit":"nm"}''::jsonb::spectrum'),
	(13, 'SELECT ''[1,2]''::jsonb::spectrum')
) AS t(n, q)
ORDER BY n;
