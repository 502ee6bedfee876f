-- gs_ivf: the approximate index for spectra, and gs_match using it.

-- enable_seqscan = off makes plans look costly enough to JIT-compile
SET jit = off;

-- 2,000 spectra: 40 "minerals" (two Lorentzian peaks each), 50 variants
-- each with shifted axes, scaled intensities and a tilt
CREATE TABLE si_lib (id int PRIMARY KEY, mineral int, s spectrum);
INSERT INTO si_lib
SELECT i, i % 40,
	gs_spectrum(400 + (i % 7) * 0.1, 0.5,
		(SELECT array_agg(((1 + (i % 5) * 0.1) * (
			1 / (1 + power((j * 0.5 - 20 - (i % 40) * 4.3) / (3 + i % 3), 2))
			+ 0.5 / (1 + power((j * 0.5 - 150 + (i % 40) * 2.9) / 5, 2)))
			+ 0.0005 * j * (i % 3))::float4)
		 FROM generate_series(0, 500) g, LATERAL (SELECT g::float8 AS j) c), 'nm')
FROM generate_series(1, 2000) i;
INSERT INTO si_lib VALUES (5000, NULL, NULL);
CREATE TABLE si_queries AS
SELECT m AS mineral, gs_spectrum(401.3, 0.7,
	(SELECT array_agg((1 / (1 + power((1.3 + j * 0.7 - 20 - m * 4.3) / 4, 2))
		+ 0.5 / (1 + power((1.3 + j * 0.7 - 150 + m * 2.9) / 5, 2)) + 0.01)::float4)
	 FROM generate_series(0, 340) g, LATERAL (SELECT g::float8 AS j) c), 'nm') AS q
FROM generate_series(0, 39, 3) m;

CREATE INDEX si_l2 ON si_lib USING gs_ivf (s) WITH (lists = 20);
CREATE INDEX si_cos ON si_lib USING gs_ivf (s spectrum_cosine_ops) WITH (lists = 20, grid_points = 128, grid_start = 400, grid_stop = 650);
SELECT amname FROM pg_am WHERE amname = 'gs_ivf';
SELECT opcname, opcdefault FROM pg_opclass WHERE opcmethod = (SELECT oid FROM pg_am WHERE amname = 'gs_ivf') ORDER BY 1;

-- the planner uses the index for ORDER BY distance LIMIT
SET enable_seqscan = off;
EXPLAIN (COSTS OFF) SELECT id FROM si_lib ORDER BY s <-> '{"unit":"nm","start":400,"step":1,"y":[1,2]}' LIMIT 5;
EXPLAIN (COSTS OFF) SELECT id FROM si_lib ORDER BY s <=> '{"unit":"nm","start":400,"step":1,"y":[1,2]}' LIMIT 5;

-- the index's top-10 (approximate order) against the exact top-10:
-- recall over the queries, all probes read
CREATE FUNCTION si_recall(op text) RETURNS numeric LANGUAGE plpgsql AS $$
DECLARE
	hits int := 0;
	total int := 0;
	r record;
BEGIN
	FOR r IN SELECT q FROM si_queries LOOP
		SET LOCAL enable_seqscan = off;
		EXECUTE format('SELECT count(*) FROM (SELECT id FROM si_lib ORDER BY s %s $1 LIMIT 10) a
			JOIN (SELECT id FROM (SELECT id, s %s $1 AS d FROM si_lib WHERE s IS NOT NULL OFFSET 0) x
				ORDER BY d, id LIMIT 10) b USING (id)', op, op)
			INTO STRICT total USING r.q;
		hits := hits + total;
	END LOOP;
	RETURN round(hits / (10.0 * (SELECT count(*) FROM si_queries)), 2);
END $$;
SET geospectra.ivf_probes = 20;
SELECT si_recall('<->') AS l2_recall, si_recall('<=>') AS cosine_recall;
RESET geospectra.ivf_probes;

-- gs_match with an index re-ranks its candidates exactly: the same answers
-- as brute force with the operators (correlation has no index: exact scan)
CREATE FUNCTION si_brute(q spectrum, metric text, k int)
RETURNS TABLE (rank int, key text, ctid tid, score float8) LANGUAGE sql STABLE AS $$
	SELECT (row_number() OVER (ORDER BY o, b.ctid))::int, b.id::text, b.ctid, b.score
	FROM (SELECT l.id, l.ctid,
			CASE metric WHEN 'euclidean' THEN q <-> l.s
				WHEN 'cosine' THEN q <=> l.s
				WHEN 'spectral_angle' THEN gs_spectral_angle(q, l.s)
				ELSE gs_correlation(q, l.s) END AS score
		  FROM si_lib l WHERE l.s IS NOT NULL OFFSET 0) b,
		LATERAL (SELECT CASE WHEN metric = 'correlation' THEN -b.score ELSE b.score END AS o) x
	ORDER BY o, b.ctid LIMIT k
$$;
CREATE FUNCTION si_same(metric text, k int) RETURNS TABLE (metric text, queries bigint, identical bigint)
LANGUAGE sql AS $$
	SELECT metric, count(*), count(*) FILTER (WHERE a = b)
	FROM si_queries,
		LATERAL (SELECT array_agg(ARRAY[rank::text, key, ctid::text, score::text] ORDER BY rank) AS a
				 FROM gs_match(q, 'si_lib', k, metric)) x,
		LATERAL (SELECT array_agg(ARRAY[rank::text, key, ctid::text, score::text] ORDER BY rank) AS b
				 FROM si_brute(q, metric, k)) y
$$;
SET client_min_messages = debug1;
SELECT count(*) FROM si_queries, gs_match(q, 'si_lib', 4, 'cosine') WHERE mineral = 0;
SELECT count(*) FROM si_queries, gs_match(q, 'si_lib', 4, 'euclidean') WHERE mineral = 0;
SELECT count(*) FROM si_queries, gs_match(q, 'si_lib', 4, 'correlation') WHERE mineral = 0;
SELECT count(*) FROM si_queries, gs_match(q, 'si_lib', 4, 'cosine', '{"normalize": "vector"}') WHERE mineral = 0;
RESET client_min_messages;
SELECT * FROM si_same('euclidean', 10)
UNION ALL SELECT * FROM si_same('cosine', 10)
UNION ALL SELECT * FROM si_same('spectral_angle', 5)
UNION ALL SELECT * FROM si_same('correlation', 10);

-- inserts, updates and deletes are seen; VACUUM removes dead entries
INSERT INTO si_lib SELECT id + 10000, mineral, s FROM si_lib WHERE id <= 100;
UPDATE si_lib SET s = (SELECT q FROM si_queries WHERE mineral = 9) WHERE id = 3;
DELETE FROM si_lib WHERE id BETWEEN 200 AND 400;
SELECT rank, key, round(score::numeric, 12) AS score
FROM si_queries, gs_match(q, 'si_lib', 3, 'euclidean') WHERE mineral = 9;
VACUUM si_lib;
SELECT * FROM si_same('euclidean', 10) UNION ALL SELECT * FROM si_same('cosine', 10);
SELECT count(*) AS deleted_found FROM si_queries,
	LATERAL (SELECT id FROM si_lib ORDER BY s <-> q LIMIT 50) x WHERE id BETWEEN 200 AND 400;

-- REINDEX re-clusters and answers the same
REINDEX INDEX si_l2;
REINDEX INDEX si_cos;
SELECT * FROM si_same('euclidean', 10) UNION ALL SELECT * FROM si_same('cosine', 10);

-- an index created on an empty table learns its grid from the first insert
CREATE TABLE si_empty (id int, s spectrum);
CREATE INDEX si_empty_idx ON si_empty USING gs_ivf (s);
SELECT id FROM si_empty ORDER BY s <-> '{"unit":"nm","start":400,"step":1,"y":[1,2,3]}' LIMIT 3;
INSERT INTO si_empty SELECT i, gs_spectrum(400, 1, ARRAY[i, 2 * i, 1]::float4[], 'nm') FROM generate_series(1, 20) i;
SELECT id FROM si_empty ORDER BY s <-> '{"unit":"nm","start":400,"step":1,"y":[3,6,1]}' LIMIT 3;
SELECT rank, key, ctid FROM gs_match('{"unit":"nm","start":400,"step":1,"y":[3,6,1]}', 'si_empty', 2, 'euclidean');

-- errors
\set VERBOSITY default
CREATE INDEX ON si_empty USING gs_ivf (s) WITH (lists = 0);
CREATE INDEX ON si_empty USING gs_ivf (s) WITH (grid_points = 5000);
CREATE INDEX ON si_empty USING gs_ivf (s) WITH (grid_start = 500);
CREATE INDEX ON si_empty USING gs_ivf (s) WITH (grid_start = 500, grid_stop = 400);
INSERT INTO si_empty VALUES (99, '{"unit":"channel","start":0,"step":1,"y":[1,2]}');
CREATE UNLOGGED TABLE si_unlogged (s spectrum);
CREATE INDEX ON si_unlogged USING gs_ivf (s);
\set VERBOSITY terse
RESET enable_seqscan;
RESET jit;

DROP TABLE si_lib, si_queries, si_empty, si_unlogged;
DROP FUNCTION si_recall(text);
DROP FUNCTION si_same(text, int);
DROP FUNCTION si_brute(spectrum, text, int);
