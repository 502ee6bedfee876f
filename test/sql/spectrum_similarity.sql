-- Comparing spectra: <-> (Euclidean), <=> (cosine distance), angle, correlation.

CREATE TABLE sim (name text, s spectrum);
INSERT INTO sim VALUES
	('a',      '{"unit":"nm","start":400,"step":1,"y":[1,2,3,4]}'),
	('b',      '{"unit":"nm","start":400,"step":1,"y":[2,2,5,1]}'),
	('a_um',   '{"unit":"um","x":[0.4,0.401,0.402,0.403],"y":[1,2,3,4]}'),
	('a_2x',   '{"unit":"nm","start":400,"step":1,"y":[2,4,6,8]}'),
	('shifted','{"unit":"nm","start":402,"step":1,"y":[3,4,5,6]}'),
	('far',    '{"unit":"nm","start":900,"step":1,"y":[1,2]}'),
	('zero',   '{"unit":"nm","start":400,"step":1,"y":[0,0,0,0]}'),
	('chan',   '{"unit":"channel","start":0,"step":1,"y":[1,2]}'),
	('raman',  '{"unit":"raman_cm-1","start":100,"step":1,"y":[1,2]}');

SELECT b.name,
	round((a.s <-> b.s)::numeric, 12) AS euclidean,
	round((a.s <=> b.s)::numeric, 12) AS cosine_distance,
	round(gs_spectral_angle(a.s, b.s)::numeric, 12) AS angle,
	round(gs_correlation(a.s, b.s)::numeric, 12) AS pearson
FROM sim a, sim b
WHERE a.name = 'a' AND b.name IN ('a', 'b', 'a_um', 'a_2x', 'shifted', 'zero')
ORDER BY b.name;

-- by hand for a and b: sqrt(14), 1 - 25/sqrt(30*34), acos(25/sqrt(30*34)); both
-- means are 2.5 and the deviations (-1.5,-0.5,0.5,1.5)·(-0.5,-0.5,2.5,-1.5) sum to 0
SELECT round(sqrt(14)::numeric, 12) AS euclidean,
	round((1 - 25 / sqrt(30.0 * 34))::numeric, 12) AS cosine_distance,
	round(acos(25 / sqrt(30.0 * 34))::numeric, 12) AS angle,
	(-1.5 * -0.5) + (-0.5 * -0.5) + (0.5 * 2.5) + (1.5 * -1.5) AS pearson_numerator;

-- nearest neighbours with the operator
SELECT name FROM sim WHERE gs_unit(s) = 'nm' AND name NOT IN ('a', 'far', 'zero')
ORDER BY s <-> (SELECT s FROM sim WHERE name = 'a'), name;

SELECT other, gs_test_error(format(
	'SELECT (SELECT s FROM sim WHERE name = ''a'') <-> (SELECT s FROM sim WHERE name = %L)', other)) AS result
FROM unnest(ARRAY['far', 'chan', 'raman']) AS other;
SELECT (SELECT s FROM sim WHERE name = 'a') <=> (SELECT s FROM sim WHERE name = 'far');

-- Raman spectra compare in shift whatever the laser; to a wavelength axis only with one
SELECT round(('{"unit":"raman_cm-1","laser_nm":532,"start":100,"step":1,"y":[1,2,3]}'::spectrum
	<-> '{"unit":"raman_cm-1","laser_nm":785,"start":100,"step":1,"y":[1,2,4]}'::spectrum)::numeric, 6) AS raman_lasers;
-- 400, 401, 402 nm seen from a 400 nm laser: shifts 0, 1e7/400 - 1e7/401, 1e7/400 - 1e7/402
SELECT round(('{"unit":"raman_cm-1","laser_nm":400,"x":[0, 62.3441, 124.3781],"y":[1,2,3]}'::spectrum
	<-> (SELECT s FROM sim WHERE name = 'a'))::numeric, 3) AS raman_vs_nm;

DROP TABLE sim;
