-- gs_match: top-k library search, checked against brute force with the operators.

-- 300 synthetic spectra: two Lorentzian peaks on different nm grids that
-- all cover 420..560 nm, with row-dependent widths, positions and offsets.
CREATE TABLE sm_lib (id int PRIMARY KEY, name text, s spectrum);
INSERT INTO sm_lib
SELECT i, 'row' || i,
	gs_spectrum(400 + (i % 5) * 0.3, 0.5 + (i % 3) * 0.25,
		(SELECT array_agg((1 / (1 + power((j * (0.5 + (i % 3) * 0.25) - 80 - (i % 17) * 3.1) / (4 + i % 7), 2))
			+ 0.3 / (1 + power((j * (0.5 + (i % 3) * 0.25) - 40 - (i % 11) * 2.3) / 6, 2))
			+ 0.01 * (i % 13) + 0.001 * sin(j * i))::float4)
		 FROM generate_series(0, 400) j), 'nm')
FROM generate_series(1, 300) i;

CREATE TABLE sm_query AS
SELECT gs_spectrum(420, 0.4,
	(SELECT array_agg((1 / (1 + power((20 + j * 0.4 - 80 - 7 * 3.1) / 5, 2))
		+ 0.3 / (1 + power((20 + j * 0.4 - 40 - 4 * 2.3) / 6, 2)) + 0.05)::float4)
	 FROM generate_series(0, 350) j), 'nm') AS q;

-- brute force: the operators with the query first, equal scores by ctid
CREATE FUNCTION sm_brute(q spectrum, metric text, k int)
RETURNS TABLE (rank int, key text, ctid tid, score float8) LANGUAGE sql STABLE AS $$
	SELECT (row_number() OVER (ORDER BY o, b.ctid))::int, b.id::text, b.ctid, b.score
	FROM (SELECT l.id, l.ctid,
			CASE metric WHEN 'euclidean' THEN q <-> l.s
				WHEN 'cosine' THEN q <=> l.s
				WHEN 'spectral_angle' THEN gs_spectral_angle(q, l.s)
				ELSE gs_correlation(q, l.s) END AS score
		  FROM sm_lib l WHERE l.s IS NOT NULL) b,
		LATERAL (SELECT CASE WHEN metric = 'correlation' THEN -b.score ELSE b.score END AS o) x
	ORDER BY o, b.ctid LIMIT k
$$;

-- every column of every rank is identical (scores bit for bit)
CREATE FUNCTION sm_check(metric text, k int) RETURNS TABLE (metric text, k int, rows bigint, mismatches bigint)
LANGUAGE sql STABLE AS $$
	SELECT metric, k, count(*),
		count(*) FILTER (WHERE m.rank IS NULL OR b.rank IS NULL OR m.key IS DISTINCT FROM b.key
			OR m.ctid <> b.ctid OR m.score <> b.score)
	FROM sm_query,
		LATERAL (SELECT * FROM gs_match(q, 'sm_lib', k, metric) m
			FULL JOIN sm_brute(q, metric, k) b USING (rank)) j(rank, key, ctid, score, key2, ctid2, score2)
		CROSS JOIN LATERAL (SELECT j.rank, j.key, j.ctid, j.score) m
		CROSS JOIN LATERAL (SELECT j.rank, j.key2 AS key, j.ctid2 AS ctid, j.score2 AS score) b
$$;

SELECT * FROM sm_check('correlation', 10)
UNION ALL SELECT * FROM sm_check('cosine', 10)
UNION ALL SELECT * FROM sm_check('spectral_angle', 10)
UNION ALL SELECT * FROM sm_check('euclidean', 10)
UNION ALL SELECT * FROM sm_check('euclidean', 1)
UNION ALL SELECT * FROM sm_check('cosine', 300)
UNION ALL SELECT * FROM sm_check('correlation', 1000);

-- the default metric is correlation (higher is better)
SELECT rank, key, round(score::numeric, 6) AS score
FROM sm_query, gs_match(q, 'sm_lib', 3) ORDER BY rank;
SELECT m.rank, l.name FROM sm_query, gs_match(q, 'sm_lib', 2, 'cosine') m
JOIN sm_lib l ON l.ctid = m.ctid ORDER BY m.rank;

-- ties rank by ctid: duplicates of one spectrum
CREATE TABLE sm_ties (id int PRIMARY KEY, s spectrum);
INSERT INTO sm_ties SELECT i, '{"unit":"nm","start":400,"step":1,"y":[1,2,3,4]}' FROM generate_series(1, 5) i;
SELECT rank, key, ctid, score FROM gs_match('{"unit":"nm","start":400,"step":1,"y":[1,2,3,5]}', 'sm_ties', 3, 'euclidean');

-- NULL spectra are skipped; non-overlapping rows and undefined scores are
-- skipped with a notice; other units are converted (µm onto the nm query)
CREATE TABLE sm_mixed (name text PRIMARY KEY, s spectrum);
INSERT INTO sm_mixed VALUES
	('a', '{"unit":"nm","start":400,"step":1,"y":[1,2,3,4]}'),
	('a_um', '{"unit":"um","x":[0.4,0.401,0.402,0.403],"y":[1,2,3,4]}'),
	('b', '{"unit":"nm","start":400,"step":1,"y":[2,2,5,1]}'),
	('null', NULL),
	('far', '{"unit":"nm","start":900,"step":1,"y":[1,2]}'),
	('flat', '{"unit":"nm","start":400,"step":1,"y":[3,3,3,3]}');
SELECT rank, key, round(score::numeric, 12) AS score
FROM gs_match('{"unit":"nm","start":400,"step":1,"y":[1,2,3,4]}', 'sm_mixed', 10);
SELECT rank, key, round(score::numeric, 12) AS score
FROM gs_match('{"unit":"nm","start":400,"step":1,"y":[1,2,3,4]}', 'sm_mixed', 10, 'cosine');
-- a NULL query matches nothing
SELECT count(*) FROM gs_match(NULL, 'sm_mixed', 10);

-- the second spectrum is interpolated onto the query's points: scores are
-- those of query <-> s, which differs from s <-> query on different grids
SELECT key, round(score::numeric, 12) AS score,
	round((SELECT '{"unit":"nm","start":400.5,"step":1,"y":[1,2,3]}'::spectrum <-> s FROM sm_mixed WHERE name = key)::numeric, 12) AS q_op_s
FROM gs_match('{"unit":"nm","start":400.5,"step":1,"y":[1,2,3]}', 'sm_mixed', 2, 'euclidean');

-- preprocess: a common grid (rows covering only part of it compare on their
-- part); equal to brute force on gs_resample(..., 'linear') when all rows cover it
SELECT count(*) AS rows,
	count(*) FILTER (WHERE m.ctid <> b.ctid OR m.score <> b.score) AS mismatches
FROM sm_query,
	LATERAL (SELECT rank, ctid, score FROM gs_match(q, 'sm_lib', 10, 'cosine',
		'{"grid": {"start": 430, "stop": 550, "step": 0.7}}')) m
	JOIN LATERAL (SELECT row_number() OVER (ORDER BY d, l.ctid) AS rank, l.ctid, d AS score
		FROM (SELECT l.ctid, gs_resample(q, 430, 550, 0.7, 'linear') <=> gs_resample(l.s, 430, 550, 0.7, 'linear') AS d
			  FROM sm_lib l) l ORDER BY d, l.ctid LIMIT 10) b ON b.rank = m.rank;
-- baseline removal and normalization, checked against the SQL functions
-- (which store float4 between steps, hence the tolerance)
SELECT count(*) AS rows,
	count(*) FILTER (WHERE m.ctid <> b.ctid OR abs(m.score - b.score) > 1e-5) AS mismatches
FROM sm_query,
	LATERAL (SELECT rank, ctid, score FROM gs_match(q, 'sm_lib', 10, 'euclidean',
		'{"grid": {"start": 430, "stop": 550, "step": 0.7, "method": "cubic"}, "baseline": "rubberband", "normalize": "snv"}')) m
	JOIN LATERAL (SELECT row_number() OVER (ORDER BY d, l.ctid) AS rank, l.ctid, d AS score
		FROM (SELECT l.ctid,
				gs_normalize(gs_remove_baseline(gs_resample(q, 430, 550, 0.7, 'cubic'), 'rubberband'), 'snv')
				<-> gs_normalize(gs_remove_baseline(gs_resample(l.s, 430, 550, 0.7, 'cubic'), 'rubberband'), 'snv') AS d
			  FROM sm_lib l) l ORDER BY d, l.ctid LIMIT 10) b ON b.rank = m.rank;
SELECT rank, key, round(score::numeric, 12) AS score
FROM gs_match('{"unit":"nm","start":400,"step":1,"y":[1,2,3,4]}', 'sm_mixed', 10, 'euclidean',
	'{"grid": {"start": 401, "stop": 420, "step": 0.5}, "normalize": "max"}');

-- the spectrum column is found by type, or named
CREATE TABLE sm_two (id int, a spectrum, b spectrum, t text);
INSERT INTO sm_two VALUES (1, '{"unit":"nm","start":400,"step":1,"y":[1,2]}', '{"unit":"nm","start":400,"step":1,"y":[2,1]}', 'x');
SELECT rank, key, ctid, score FROM gs_match('{"unit":"nm","start":400,"step":1,"y":[1,2]}', 'sm_two', 1, 'euclidean', column_name => 'b');

-- partitioned libraries (a composite primary key shows as a row) and
-- materialized views (no key)
CREATE TABLE sm_part (id int, kind text, s spectrum, PRIMARY KEY (id, kind)) PARTITION BY LIST (kind);
CREATE TABLE sm_part_a PARTITION OF sm_part FOR VALUES IN ('a');
CREATE TABLE sm_part_b PARTITION OF sm_part FOR VALUES IN ('b');
INSERT INTO sm_part VALUES
	(1, 'a', '{"unit":"nm","start":400,"step":1,"y":[1,2,3]}'),
	(2, 'b', '{"unit":"nm","start":400,"step":1,"y":[1,2,4]}'),
	(3, 'b', '{"unit":"nm","start":400,"step":1,"y":[3,2,1]}');
SELECT rank, key, round(score::numeric, 6) AS score
FROM gs_match('{"unit":"nm","start":400,"step":1,"y":[1,2,3]}', 'sm_part', 3, 'euclidean');
CREATE MATERIALIZED VIEW sm_mv AS SELECT * FROM sm_part;
SELECT rank, key, round(score::numeric, 6) AS score
FROM gs_match('{"unit":"nm","start":400,"step":1,"y":[1,2,3]}', 'sm_mv', 2, 'euclidean');

-- errors
\set VERBOSITY default
SELECT * FROM gs_match('{"unit":"nm","start":400,"step":1,"y":[1,2]}', 'sm_two', 1);
SELECT * FROM gs_match('{"unit":"nm","start":400,"step":1,"y":[1,2]}', 'sm_two', 1, column_name => 't');
SELECT * FROM gs_match('{"unit":"nm","start":400,"step":1,"y":[1,2]}', 'sm_two', 1, column_name => 'nope');
CREATE TABLE sm_nospec (id int);
SELECT * FROM gs_match('{"unit":"nm","start":400,"step":1,"y":[1,2]}', 'sm_nospec', 1);
CREATE VIEW sm_view AS SELECT * FROM sm_mixed;
SELECT * FROM gs_match('{"unit":"nm","start":400,"step":1,"y":[1,2]}', 'sm_view', 1);
SELECT * FROM gs_match('{"unit":"nm","start":400,"step":1,"y":[1,2]}', 'sm_mixed', 0);
SELECT * FROM gs_match('{"unit":"nm","start":400,"step":1,"y":[1,2]}', 'sm_mixed', -3);
SELECT * FROM gs_match('{"unit":"nm","start":400,"step":1,"y":[1,2]}', 'sm_mixed', NULL);
SELECT * FROM gs_match('{"unit":"nm","start":400,"step":1,"y":[1,2]}', 'sm_mixed', 1, 'manhattan');
SELECT * FROM gs_match('{"unit":"channel","start":0,"step":1,"y":[1,2]}', 'sm_mixed', 1);
SELECT * FROM gs_match('{"unit":"raman_cm-1","start":100,"step":1,"y":[1,2]}', 'sm_mixed', 1);
SELECT * FROM gs_match('{"unit":"nm","start":400,"step":1,"y":[1,2]}', 'sm_mixed', 1, preprocess => '[1]');
SELECT * FROM gs_match('{"unit":"nm","start":400,"step":1,"y":[1,2]}', 'sm_mixed', 1, preprocess => '{"normalise": "snv"}');
SELECT * FROM gs_match('{"unit":"nm","start":400,"step":1,"y":[1,2]}', 'sm_mixed', 1, preprocess => '{"grid": {"start": 400, "stop": 300, "step": 1}}');
SELECT * FROM gs_match('{"unit":"nm","start":400,"step":1,"y":[1,2]}', 'sm_mixed', 1, preprocess => '{"grid": {"start": 400, "step": 1}}');
SELECT * FROM gs_match('{"unit":"nm","start":400,"step":1,"y":[1,2]}', 'sm_mixed', 1, preprocess => '{"grid": {"start": 800, "stop": 810, "step": 1}}');
SELECT * FROM gs_match('{"unit":"nm","start":400,"step":1,"y":[1,2]}', 'sm_mixed', 1, preprocess => '{"baseline": "magic"}');
SELECT * FROM gs_match('{"unit":"nm","start":400,"step":1,"y":[1,2]}', 'sm_mixed', 1, preprocess => '{"normalize": "peak"}');
-- a row that cannot be preprocessed names itself
SELECT * FROM gs_match('{"unit":"nm","start":400,"step":1,"y":[1,2,3,4]}', 'sm_mixed', 1, preprocess => '{"normalize": "snv"}');
\set VERBOSITY terse

DROP VIEW sm_view;
DROP MATERIALIZED VIEW sm_mv;
DROP TABLE sm_part;
DROP TABLE sm_lib, sm_query, sm_ties, sm_mixed, sm_two, sm_nospec;
DROP FUNCTION sm_check(text, int);
DROP FUNCTION sm_brute(spectrum, text, int);
