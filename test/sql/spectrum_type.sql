-- The spectrum type: text form, constructors, accessors, jsonb casts.

-- canonical text round-trips exactly
SELECT s::spectrum::text = s AS roundtrip, s::spectrum
FROM (VALUES
	('{"unit":"nm","start":350,"step":0.5,"y":[0.12,0.13,-1.5e-07,3.4028235e+38]}'),
	('{"unit":"raman_cm-1","laser_nm":532,"x":[100.2,101.1,4000.000000001],"y":[1,2,3]}'),
	('{"unit":"keV","start":-0.02,"step":0.01,"y":[0]}'),
	('{"unit":"um","laser_nm":785,"start":0.35,"step":0.001,"y":[1e-45,-0,7]}'),
	('{"unit":"cm-1","x":[400,400.5,401.25],"y":[0.3,1.0000001,2]}'),
	('{"unit":"eV","start":1,"step":1e-300,"y":[1,2]}'),
	('{"unit":"channel","start":0,"step":1,"y":[5,6,7]}')
) AS t(s);

-- any key order and JSON whitespace in; canonical text out
SELECT ' { "y" : [ 1 , 2.50 ] , "step":2, "unit":"nm", "start" :1.0 } '::spectrum;
-- decreasing x (FT-IR files) is stored increasing
SELECT '{"unit":"cm-1","x":[4000,3000,2000],"y":[1,2,3]}'::spectrum;
SELECT '{"unit":"nm","laser_nm":null,"start":1,"step":1,"y":[3]}'::spectrum;

-- values survive text and binary forms bit for bit
SELECT setseed(0.42);
CREATE TABLE rt AS
SELECT i, gs_spectrum(400 + i, 0.5,
	(SELECT array_agg(((random() - 0.5) * 10 ^ (random() * 60 - 30))::float4) FROM generate_series(1, 500 + i)),
	'nm') AS s
FROM generate_series(1, 20) i;
SELECT count(*) AS spectra,
	bool_and(gs_y(s::text::spectrum) = gs_y(s)) AS values_equal,
	bool_and(s::text::spectrum::text = s::text) AS text_stable
FROM rt;

-- constructors
SELECT gs_spectrum(ARRAY[1, 2, 3.5], ARRAY[1, 2, 3]::float4[], 'nm');
SELECT gs_spectrum(ARRAY[100, 200]::float8[], ARRAY[5, 6]::float4[], 'raman_cm-1', 785);
SELECT gs_spectrum(350, 0.5, ARRAY[0.1, 0.2]::float4[], 'nm');
SELECT gs_spectrum(0, 2, ARRAY[1]::float4[], 'raman_cm-1', 532.1);
SELECT gs_spectrum(ARRAY[3, 2, 1]::float8[], ARRAY[30, 20, 10]::float4[], 'um');

-- accessors
WITH t(s) AS (
	SELECT '{"unit":"raman_cm-1","laser_nm":532,"x":[100,150,300],"y":[1,2,3]}'::spectrum
	UNION ALL
	SELECT '{"unit":"nm","start":350,"step":0.5,"y":[4,5,6,7]}'::spectrum
)
SELECT gs_npoints(s), gs_unit(s), gs_laser_nm(s), gs_is_uniform(s),
	gs_range(s), gs_x(s), gs_y(s)
FROM t;

-- STRICT: NULL in, NULL out
SELECT gs_npoints(NULL), gs_spectrum(NULL::float8[], ARRAY[1]::float4[], 'nm') IS NULL AS null_x;

-- jsonb casts, both ways, and what JSON tools see
SELECT '{"unit":"nm","start":350,"step":0.5,"y":[0.12,0.13]}'::spectrum::jsonb;
SELECT ('{"unit":"nm","start":350,"step":0.5,"y":[0.12,0.13]}'::spectrum::jsonb) -> 'y' ->> 1 AS second_y;
SELECT '{"y":[1.5,2],"unit":"um","x":[1,2]}'::jsonb::spectrum;
SELECT bool_and(s::jsonb::spectrum::text = s::text) AS jsonb_roundtrip FROM rt;

-- storage: compact and TOAST-able
SELECT pg_column_size(gs_spectrum(0, 1, array_fill(1::float4, ARRAY[1000]), 'nm')) AS spectrum_bytes,
	pg_column_size(array_fill(1::float4, ARRAY[1000])) AS float4_array_bytes;
CREATE TABLE big (s spectrum);
INSERT INTO big SELECT gs_spectrum(0, 1, (SELECT array_agg(sin(i / 10.0)::float4) FROM generate_series(1, 100000) i), 'nm');
SELECT gs_npoints(s), (gs_y(s))[100000] = sin(10000)::float4 AS last_ok,
	pg_relation_size((SELECT reltoastrelid FROM pg_class WHERE relname = 'big')) >= 400000 AS stored_out_of_line
FROM big;
-- STORAGE external: even a value that compresses well is stored as it is
SELECT typstorage FROM pg_type WHERE typname = 'spectrum';
INSERT INTO big SELECT gs_spectrum(0, 1, array_fill(1::float4, ARRAY[100000]), 'nm');
SELECT pg_column_size(s) >= 400000 AS uncompressed FROM big WHERE (gs_y(s))[2] = 1;

DROP TABLE rt, big;
