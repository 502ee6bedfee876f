-- The statistics library (S8): gs_stats_agg serial and parallel,
-- gs_update_instrument_stats against the aggregate, forgetting, and
-- instrument-adaptive normalization, with every bad input's SQLSTATE.

-- Largest relative difference between two statistics results (0 when identical).
CREATE FUNCTION pg_temp.reldiff(a gs_stats, b gs_stats) RETURNS float8 LANGUAGE sql AS $$
	SELECT greatest(abs(a.n - b.n) / b.n,
		(SELECT max(abs(x - y) / greatest(abs(y), 1e-300)) FROM unnest(a.mean, b.mean) u(x, y)),
		(SELECT max(abs(x - y) / greatest(abs(y), 1e-300)) FROM unnest(a.m2, b.m2) u(x, y)))
$$;

-- 3,000 spectra of 64 points on 400 + 0.5 i nm: a sine per spectrum on a large offset.
CREATE TABLE inst_stats_data (id int PRIMARY KEY, s spectrum);
INSERT INTO inst_stats_data
SELECT i, gs_spectrum(400, 0.5,
	(SELECT array_agg((1000 + 10 * sin(j * 0.1 + i * 0.7) + (i % 13) * 0.25)::float4 ORDER BY j)
	 FROM generate_series(0, 63) j), 'nm')
FROM generate_series(1, 3000) i;
ANALYZE inst_stats_data;

SET max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE inst_serial AS SELECT gs_stats_agg(s) AS st FROM inst_stats_data;
SELECT (st).grid_unit, (st).grid_start, (st).grid_step, (st).grid_npoints, (st).n,
	cardinality((st).mean) AS means, cardinality((st).m2) AS m2s
FROM inst_serial;

-- A two-pass reference for the first grid point.
SELECT abs((st).mean[1] - avg((gs_y(s))[1])) < 1e-9 AS mean_matches,
	abs((st).m2[1] / (st).n - var_pop((gs_y(s))[1])) < 1e-9 * var_pop((gs_y(s))[1]) AS variance_matches
FROM inst_stats_data, inst_serial GROUP BY st;

-- The same with parallel workers: partial states are serialized and combined.
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
EXPLAIN (COSTS OFF) SELECT gs_stats_agg(s) FROM inst_stats_data;
SELECT pg_temp.reldiff(p.st, s.st) < 1e-9 AS parallel_equals_serial, (p.st).n
FROM (SELECT gs_stats_agg(s) AS st FROM inst_stats_data) p, inst_serial s;
-- grouped, as per-instrument statistics are built
SELECT g, (st).n FROM (SELECT id % 3 AS g, gs_stats_agg(s) AS st FROM inst_stats_data GROUP BY 1) q ORDER BY g;
-- pooling the three groups' blocks gives the whole
SELECT pg_temp.reldiff(gs_stats_agg(st), (SELECT st FROM inst_serial)) < 1e-9 AS pooled_equals_whole
FROM (SELECT id % 3 AS g, gs_stats_agg(s) AS st FROM inst_stats_data GROUP BY 1) q;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;

-- A named grid resamples linearly; an explicit axis is fine there.
SELECT (st).grid_start, (st).grid_npoints, (st).n, (st).mean, (st).m2
FROM (SELECT gs_stats_agg(s, 100, 5, 5) AS st FROM (VALUES
	(gs_spectrum('{100,110,120}', '{0,10,20}', 'nm')),
	(gs_spectrum(100, 2, '{2,4,6,8,10,12,14,16,18,20,22}', 'nm'))) v(s)) q;
SELECT gs_stats_agg(s) IS NULL AS empty_is_null FROM inst_stats_data WHERE false;
SELECT (gs_stats_agg(s)).n AS nulls_skipped FROM (VALUES (NULL::spectrum), ('{"unit":"nm","start":1,"step":1,"y":[1,2]}')) v(s);

-- gs_update_instrument_stats, one spectrum at a time, equals the aggregate.
INSERT INTO gs_instrument (id, modality, axis_unit, range_lo, range_hi)
VALUES ('stats-a', 'vnir', 'nm', 350, 2500), ('stats-b', 'vnir', 'nm', 350, 2500);
SELECT count(gs_update_instrument_stats(CASE WHEN id % 2 = 0 THEN 'stats-a' ELSE 'stats-b' END, s,
	'2026-03-01 12:00:00+00'::timestamptz + (id / 100) * interval '1 day'))
FROM inst_stats_data WHERE id <= 500;
SELECT t.instrument, t.n, t.updated_at AT TIME ZONE 'UTC' AS updated_at,
	pg_temp.reldiff(ROW(t.grid_unit, t.grid_start, t.grid_step, t.grid_npoints, t.n, t.mean, t.m2)::gs_stats,
		(SELECT gs_stats_agg(s) FROM inst_stats_data
		 WHERE id <= 500 AND (id % 2 = 0) = (t.instrument = 'stats-a'))) < 1e-9 AS equals_aggregate
FROM gs_instrument_stats t WHERE t.instrument LIKE 'stats-%' ORDER BY 1;
-- the history: one row per instrument and UTC day, counts add up
SELECT instrument, day, n FROM gs_instrument_stats_daily WHERE instrument LIKE 'stats-%' ORDER BY 1, 2;
SELECT instrument, pg_temp.reldiff(gs_stats_agg(ROW(grid_unit, grid_start, grid_step, grid_npoints, n, mean, m2)::gs_stats),
	(SELECT ROW(grid_unit, grid_start, grid_step, grid_npoints, n, mean, m2)::gs_stats FROM gs_instrument_stats s
	 WHERE s.instrument = d.instrument)) < 1e-9 AS days_pool_to_total
FROM gs_instrument_stats_daily d WHERE instrument LIKE 'stats-%' GROUP BY 1 ORDER BY 1;

-- An explicit axis needs a grid; the grid form resamples it.
SELECT gs_test_error($$SELECT gs_update_instrument_stats('stats-a', gs_spectrum('{400,401,402}', '{1,2,3}', 'nm'))$$) AS err;
SELECT gs_update_instrument_stats('stats-a', gs_spectrum('{400,401,402}', '{1,2,3}', 'nm'), 400, 0.5, 5,
	'2026-03-01 00:00:00+00');
SELECT grid_step, grid_npoints, n, mean FROM gs_instrument_stats WHERE instrument = 'stats-a' AND grid_npoints = 5;

-- Forgetting: with a half-life of one day, a spectrum a day older weighs 1/2,
-- whichever order they arrive in.  Expected (hand-computed): after [0,0] at
-- t0 and [4,4] at t0 + 1 day: n = 1.5, mean = 8/3, M2 = 16/3; after [1,1]
-- at t0 as well: n = 2, mean = 2.25, M2 = 6.375.  The history is not decayed.
INSERT INTO gs_instrument (id, modality, axis_unit, range_lo, range_hi) VALUES ('stats-decay', 'other', 'nm', 100, 200);
SET geospectra.stats_halflife = '1d';
SHOW geospectra.stats_halflife;
SELECT gs_update_instrument_stats('stats-decay', gs_spectrum(100, 50, '{0,0}', 'nm'), '2026-03-01 00:00:00+00');
SELECT gs_update_instrument_stats('stats-decay', gs_spectrum(100, 50, '{4,4}', 'nm'), '2026-03-02 00:00:00+00');
SELECT n, round(mean[1]::numeric, 12) AS mean, round(m2[1]::numeric, 12) AS m2,
	updated_at AT TIME ZONE 'UTC' AS updated_at
FROM gs_instrument_stats WHERE instrument = 'stats-decay';
SELECT gs_update_instrument_stats('stats-decay', gs_spectrum(100, 50, '{1,1}', 'nm'), '2026-03-01 00:00:00+00');
SELECT n, round(mean[1]::numeric, 12) AS mean, round(m2[1]::numeric, 12) AS m2,
	updated_at AT TIME ZONE 'UTC' AS updated_at
FROM gs_instrument_stats WHERE instrument = 'stats-decay';
SELECT day, n, mean, m2 FROM gs_instrument_stats_daily WHERE instrument = 'stats-decay' ORDER BY day;
RESET geospectra.stats_halflife;
SELECT gs_test_error($$SET geospectra.stats_halflife = -1$$) AS err;

-- Normalization: mu and sigma from the statistics, sigma = sqrt(M2 / n).
-- Statistics of [0,10] and [2,10]: mu = [1,10], sigma = [1,0]; [3,10.5]
-- normalizes to [2 / (1 + 1e-7), 0.5 / 1e-7]: a point without spread is
-- divided by eps alone.
INSERT INTO gs_instrument (id, modality, axis_unit, range_lo, range_hi) VALUES ('stats-norm', 'other', 'nm', 100, 200);
SELECT gs_update_instrument_stats('stats-norm', gs_spectrum(100, 50, '{0,10}', 'nm'));
SELECT gs_update_instrument_stats('stats-norm', gs_spectrum(100, 50, '{2,10}', 'nm'));
SELECT gs_instrument_normalize(gs_spectrum(100, 50, '{3,10.5}', 'nm'), 'stats-norm');
-- another axis covering the grid is sampled onto it
SELECT gs_instrument_normalize(gs_spectrum('{100,125,150,175}', '{3,5,10.5,0}', 'nm'), 'stats-norm');
SELECT gs_instrument_normalize(gs_spectrum(100, 50, '{3,10.5}', 'nm'), 'stats-norm', NULL) IS NOT NULL AS null_model_is_none,
	gs_instrument_normalize(NULL, 'stats-norm') IS NULL AS null_in_null_out;
-- a plan that calls it in parallel workers
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SELECT count(*) AS normalized_in_parallel
FROM inst_stats_data WHERE gs_npoints(gs_instrument_normalize(s, 'stats-a')) = 64;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;

-- Bad input: the SQLSTATEs of API.md.
INSERT INTO gs_instrument (id, modality, axis_unit, range_lo, range_hi) VALUES ('stats-empty', 'other', 'nm', 100, 200);
SELECT n, gs_test_error(q) AS result
FROM (VALUES
	(1, $$SELECT gs_update_instrument_stats('no-such-instrument', gs_spectrum(100, 50, '{1,2}', 'nm'))$$),
	(2, $$SELECT gs_instrument_normalize(gs_spectrum(100, 50, '{1,2}', 'nm'), 'no-such-instrument')$$),
	(3, $$SELECT gs_update_instrument_stats('stats-norm', gs_spectrum(160, 50, '{1,2}', 'nm'))$$),
	(4, $$SELECT gs_instrument_normalize(gs_spectrum(50, 50, '{1,2,3}', 'nm'), 'stats-norm')$$),
	(5, $$SELECT gs_update_instrument_stats('stats-norm', gs_spectrum(100, 50, '{1,2}', 'um'))$$),
	(6, $$SELECT gs_instrument_normalize(gs_spectrum(100, 50, '{1,2}', 'nm'), 'stats-norm', 'geospectra-v1')$$),
	(7, $$SELECT gs_instrument_normalize(gs_spectrum(100, 50, '{1,2}', 'nm'), 'stats-empty')$$),
	(8, $$SELECT gs_instrument_normalize(gs_spectrum(100, 10, '{1,2}', 'nm'), 'stats-norm')$$),
	(9, $$SELECT gs_update_instrument_stats('stats-norm', gs_spectrum(100, 50, '{1,2}', 'nm'), 100, 0, 3)$$),
	(10, $$SELECT gs_update_instrument_stats('stats-norm', gs_spectrum(100, 50, '{1,2}', 'nm'), 100, 10, 20)$$),
	(11, $$SELECT gs_update_instrument_stats('stats-norm', gs_spectrum(100, 10, '{1,2,3,4,5,6,7,8,9,10,11}', 'nm'), 90, 10, 5)$$),
	(12, $$SELECT gs_stats_agg(s) FROM (VALUES (gs_spectrum(100, 1, '{1,2}', 'nm')), (gs_spectrum(100, 2, '{1,2}', 'nm'))) v(s)$$),
	(13, $$SELECT gs_stats_agg(s) FROM (VALUES (gs_spectrum('{1,2}', '{1,2}', 'nm'))) v(s)$$),
	(14, $$SELECT gs_stats_agg(s) FROM (VALUES (gs_spectrum(100, 1, '{1,2}', 'nm')), (gs_spectrum(100, 1, '{1,2}', 'um'))) v(s)$$),
	(15, $$SELECT gs_stats_agg(s, 100, 1, 0) FROM (VALUES (gs_spectrum(100, 1, '{1,2}', 'nm'))) v(s)$$),
	(16, $$SELECT gs_stats_agg(s, 100, 1, 5) FROM (VALUES (gs_spectrum(100, 1, '{1,2}', 'nm'))) v(s)$$),
	(17, $$SELECT gs_stats_agg(s, 100, 1, 3000000) FROM (VALUES (gs_spectrum(100, 1, '{1,2}', 'nm'))) v(s)$$),
	(18, $$SELECT gs_stats_agg(s, 100, x, 2) FROM (VALUES (gs_spectrum(100, 1, '{1,2}', 'nm'), 1), (gs_spectrum(100, 1, '{1,2}', 'nm'), 0.5)) v(s, x)$$),
	(19, $$SELECT gs_stats_merge(1, '{NaN}', '{0}', now(), 1, '{1}', '{0}', now(), 0)$$),
	(20, $$SELECT gs_stats_merge(1, '{1,2}', '{0,0}', now(), 1, '{1}', '{0}', now(), 0)$$),
	(21, $$SELECT gs_stats_merge(1, '{1}', '{-1}', now(), 1, '{1}', '{0}', now(), 0)$$),
	(22, $$SELECT gs_stats_merge(1, '{1}', '{0}', now(), 1, '{1}', '{0}', now(), 'NaN')$$),
	(23, $$SELECT gs_stats_agg(ROW('nm', 1, 1, 2, 2, '{1,NaN}', '{0,0}')::gs_stats)$$),
	(24, $$SELECT gs_stats_agg(st) FROM (VALUES (ROW('nm', 1, 1, 2, 2, '{1,1}', '{0,0}')::gs_stats), (ROW('nm', 1, 1, 3, 2, '{1,1,1}', '{0,0,0}')::gs_stats)) v(st)$$),
	(25, $$SELECT gs_stats_drift(ROW('nm', 1, 1, 2, 2, '{1,1}', '{0,0}')::gs_stats, ROW('nm', 1, 1, 3, 2, '{1,1,1}', '{0,0,0}')::gs_stats)$$),
	(26, $$SELECT gs_stats_agg(ROW('nm', 1, 1, 2, 2, '{1,1}', NULL)::gs_stats)$$),
	(27, $$SELECT gs_update_instrument_stats('stats-norm', gs_spectrum(100, 50, '{1,2}', 'nm'), 'infinity')$$)
) AS t(n, q)
ORDER BY n;
-- statistics damaged behind the table's back (constraints dropped by hand) are refused, not used
ALTER TABLE gs_instrument_stats DROP CONSTRAINT gs_instrument_stats_finite;
UPDATE gs_instrument_stats SET m2[2] = 'NaN' WHERE instrument = 'stats-norm';
SELECT gs_test_error($$SELECT gs_instrument_normalize(gs_spectrum(100, 50, '{1,2}', 'nm'), 'stats-norm')$$) AS err;
DELETE FROM gs_instrument_stats WHERE instrument = 'stats-norm';
ALTER TABLE gs_instrument_stats ADD CONSTRAINT gs_instrument_stats_finite
	CHECK (gs_all_finite(mean) AND gs_all_finite(m2, 0));

DELETE FROM gs_instrument WHERE id LIKE 'stats-%';
SELECT count(*) AS left_over FROM gs_instrument_stats_daily WHERE instrument LIKE 'stats-%';
DROP TABLE inst_stats_data;
