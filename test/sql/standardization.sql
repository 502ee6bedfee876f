-- Standardization functions through SQL: wiring, semantics on spectra with
-- known answers, bad input, and parallel query.  Agreement with scipy and
-- PyWavelets is checked in the C unit tests against golden files.

-- a Gaussian band that underflows to 0, not to an error, far from its centre
CREATE FUNCTION pg_temp.band(x float8, centre float8, width float8) RETURNS float8
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT exp(-least(((x - centre) / width) ^ 2, 80)) $$;

-- a cubic is reproduced exactly by the not-a-knot spline, a line by every method
CREATE TABLE std_poly AS
SELECT gs_spectrum((SELECT array_agg(i::float8) FROM generate_series(0, 20) i),
	(SELECT array_agg((0.01 * i ^ 3 - 0.2 * i ^ 2 + i + 3)::float4) FROM generate_series(0, 20) i), 'nm') AS cubic,
	gs_spectrum((SELECT array_agg(i::float8 * 1.5) FROM generate_series(0, 20) i),
	(SELECT array_agg((2 * i * 1.5 + 1)::float4) FROM generate_series(0, 20) i), 'nm') AS line;
SELECT gs_resample(cubic, 2.5, 4.5, 0.5) FROM std_poly;
SELECT m, gs_y(gs_resample(line, 0.75, 3.75, 1.5, m)) FROM std_poly, unnest(ARRAY['cubic', 'natural', 'pchip', 'akima', 'linear']) m;
SELECT gs_resample(line, -1, 1, 1, 'linear', 'edge') AS edge FROM std_poly;

-- unit conversion re-sorts; cropping keeps a uniform axis uniform
SELECT gs_convert_axis('{"unit":"nm","x":[400,500,1000],"y":[1,2,3]}'::spectrum, 'cm-1');
SELECT gs_convert_axis('{"unit":"raman_cm-1","laser_nm":532,"start":0,"step":1000,"y":[1,2]}'::spectrum, 'nm');
SELECT gs_crop('{"unit":"nm","start":400,"step":0.5,"y":[1,2,3,4,5]}'::spectrum, 400.5, 401.5);

-- polynomial axis calibration and its fit (x' = 1.5 + 0.998 x)
SELECT gs_calibrate_axis('{"unit":"cm-1","start":100,"step":100,"y":[1,2,3]}'::spectrum, '{1.5,0.998}');
SELECT array(SELECT round(c::numeric, 9) FROM unnest(gs_fit_axis_calibration('{100,500,1000}', '{101.3,500.5,999.5}', 1)) c) AS fit;

-- alignment: a spectrum shifted by 2.5 units comes back
CREATE TABLE std_align AS
SELECT gs_spectrum(0, 0.5, (SELECT array_agg((pg_temp.band(i * 0.5, 100, 4) + 0.5 * pg_temp.band(i * 0.5, 140, 6))::float4)
	FROM generate_series(0, 500) i), 'cm-1') AS ref,
	gs_spectrum(2.5, 0.5, (SELECT array_agg((pg_temp.band(i * 0.5, 100, 4) + 0.5 * pg_temp.band(i * 0.5, 140, 6))::float4)
	FROM generate_series(0, 500) i), 'cm-1') AS moved;
SELECT round(gs_align_shift(moved, ref)::numeric, 2) AS shift, gs_range(gs_align(moved, ref)) FROM std_align;

-- intensity correction with the S2b matrix: identity, gain 2, and a fitted matrix
SELECT gs_y(gs_correct_intensity('{"unit":"nm","start":400,"step":1,"y":[1,2,3]}'::spectrum, '{{0,1,0},{0,0,0},{0,0,0}}')) AS identity,
	gs_y(gs_correct_intensity('{"unit":"nm","start":400,"step":1,"y":[1,2,3]}'::spectrum, '{{0.5,2,0},{0,0,0},{0,0,0}}')) AS gain;
SELECT array(SELECT round(v::numeric, 6) FROM unnest(gs_fit_transfer_matrix(
	ARRAY(SELECT gs_spectrum(0, 1, (SELECT array_agg(((i * 7 + k * 3) % 11 + 1)::float4) FROM generate_series(0, 40) i), 'nm') FROM generate_series(1, 4) k),
	ARRAY(SELECT gs_correct_intensity(gs_spectrum(0, 1, (SELECT array_agg(((i * 7 + k * 3) % 11 + 1)::float4) FROM generate_series(0, 40) i), 'nm'),
		'{{0.1,1.2,0.01},{0.3,-0.2,0},{0,0.05,0}}', 0, 40) FROM generate_series(1, 4) k), 0, 40)) v) AS recovered;

-- smoothing and derivatives of a line: savgol keeps it, derivative is the slope
SELECT gs_y(gs_savgol(line, 5, 2)) = gs_y(line) AS savgol_keeps_line,
	gs_y(gs_savgol(line, 5, 2, 1)) AS savgol_slope,
	gs_y(gs_derivative(line)) AS gradient,
	array(SELECT round(v::numeric, 9) FROM unnest(gs_y(gs_derivative(line, 2))) v) AS second
FROM std_poly;

-- normalization
SELECT m, gs_y(gs_normalize('{"unit":"nm","x":[1,2,4],"y":[1,3,5]}'::spectrum, m, 2)) AS y
FROM unnest(ARRAY['minmax', 'area', 'vector', 'snv', 'max', 'peak']) m;

-- a cosmic ray on a smooth Raman band is removed, the band is kept
CREATE TABLE std_spike AS
SELECT gs_spectrum(100, 1, (SELECT array_agg(((CASE WHEN i = 120 THEN 50 ELSE 0 END)
	+ 10 * pg_temp.band(i, 60, 8.0) + 0.01 * sin(i * 1.7))::float4) FROM generate_series(0, 199) i),
	'raman_cm-1', 785) AS s;
SELECT (gs_y(s))[121] AS spike_before, round((gs_y(gs_despike(s)))[121]::numeric, 3) AS spike_after,
	(gs_y(gs_despike(s)))[61] = (gs_y(s))[61] AS band_kept
FROM std_spike;

-- peaks = scipy find_peaks/peak_prominences/peak_widths on the same spectrum
SELECT round(x::numeric, 4) AS x, round(height::numeric, 4) AS height, round(prominence::numeric, 4) AS prominence,
	round(fwhm::numeric, 4) AS fwhm, round(left_x::numeric, 4) AS left_x, round(right_x::numeric, 4) AS right_x
FROM std_spike, gs_peaks(s, min_prominence => 1);

-- denoising, SNR, baselines: a noisy band on a sloped baseline
CREATE TABLE std_noisy AS
SELECT gs_spectrum(400, 0.5, (SELECT array_agg((0.01 * i + 5 * pg_temp.band(i, 300, 15.0)
	+ 0.2 * sin(i * 12.9898) * cos(i * 78.233))::float4) FROM generate_series(0, 599) i), 'nm') AS s;
SELECT round(gs_snr(s)::numeric, 2) < round(gs_snr(gs_denoise(s))::numeric, 2) AS denoise_raises_snr,
	array_length(gs_snr_features(s), 1) AS features,
	gs_npoints(gs_denoise(s, 'db4', 3, 'universal', 'hard')) AS n
FROM std_noisy;
SELECT m, round(avg(y)::numeric, 2) AS mean_after_removal
FROM std_noisy, unnest(ARRAY['morph', 'als', 'arpls', 'airpls', 'snip', 'modpoly', 'imodpoly', 'rubberband']) m,
	unnest(gs_y(gs_crop(gs_remove_baseline(s, m), 400, 480))) y
GROUP BY m ORDER BY m;
SELECT gs_npoints(gs_baseline(s, 'als', '{"lam": 1e4, "p": 0.05}')) FROM std_noisy;

-- the whole S2 chain with the paper's defaults, and configured
SELECT gs_preprocess_config();
SELECT gs_preprocess_config(config => '{"resample": {"step": 1, "method": "pchip"}, "denoise": false, "baseline": {"method": "snip", "max_half_window": 20}, "normalize": "snv"}', unit => 'cm-1');
SELECT gs_npoints(p), gs_range(p), gs_is_uniform(p), round(sqrt((SELECT sum(v * v) FROM unnest(gs_y(p)) v))::numeric, 6) AS l2
FROM std_noisy, gs_preprocess(s) p;
SELECT gs_npoints(gs_preprocess(s, config => '{"resample": {"step": 2}, "baseline": false, "normalize": "max"}')) FROM std_noisy;
SELECT gs_preprocess('{"unit":"nm","x":[400.2,401.1,402.4,403.3,404.9],"y":[1,2,3,2,1]}'::spectrum,
	config => '{"denoise": false, "baseline": false, "normalize": false, "resample": {"method": "linear"}}');

-- bad input: clear errors, never a crash
SELECT n, gs_test_error(q) AS result
FROM (VALUES
	(1, 'SELECT gs_savgol(''{"unit":"nm","start":0,"step":1,"y":[1,2,3]}'', 5, 2)'),
	(2, 'SELECT gs_savgol(''{"unit":"nm","start":0,"step":1,"y":[1,2,3,4,5,6]}'', 4, 2)'),
	(3, 'SELECT gs_savgol(''{"unit":"nm","start":0,"step":1,"y":[1,2,3,4,5,6]}'', 5, 5)'),
	(4, 'SELECT gs_denoise(''{"unit":"nm","start":0,"step":1,"y":[1,2,3,4,5,6,7,8]}'', ''db4'', 6)'),
	(5, 'SELECT gs_denoise(s, ''db99'') FROM std_noisy'),
	(6, 'SELECT gs_denoise(s, ''db4'', NULL, ''median'') FROM std_noisy'),
	(7, 'SELECT gs_denoise(s, ''db4'', NULL, ''bayes'', ''fuzzy'') FROM std_noisy'),
	(8, 'SELECT gs_baseline(s, ''spline'') FROM std_noisy'),
	(9, 'SELECT gs_baseline(s, ''als'', ''{"lambda": 5}'') FROM std_noisy'),
	(10, 'SELECT gs_baseline(s, ''als'', ''{"lam": -5}'') FROM std_noisy'),
	(11, 'SELECT gs_resample(s, 100, 200, 0.5) FROM std_noisy'),
	(12, 'SELECT gs_resample(s, 300, 500, 0.5) FROM std_noisy'),
	(13, 'SELECT gs_resample(s, 400, 500, 0.5, ''quintic'') FROM std_noisy'),
	(14, 'SELECT gs_resample(s, 400, 500, 0) FROM std_noisy'),
	(15, 'SELECT gs_resample(''{"unit":"nm","x":[1,2],"y":[1,2]}'', 1, 2, 0.5, ''akima'')'),
	(16, 'SELECT gs_normalize(''{"unit":"nm","start":0,"step":1,"y":[2,2,2]}'', ''snv'')'),
	(17, 'SELECT gs_normalize(s, ''peak'') FROM std_noisy'),
	(18, 'SELECT gs_normalize(s, ''l3'') FROM std_noisy'),
	(19, 'SELECT gs_convert_axis(''{"unit":"raman_cm-1","start":0,"step":1,"y":[1]}'', ''nm'')'),
	(20, 'SELECT gs_convert_axis(s, ''channel'') FROM std_noisy'),
	(21, 'SELECT gs_crop(s, 2000, 3000) FROM std_noisy'),
	(22, 'SELECT gs_correct_intensity(s, ''{1,0,0}'') FROM std_noisy'),
	(23, 'SELECT gs_fit_axis_calibration(''{1,2}'', ''{1,2,3}'')'),
	(24, 'SELECT gs_fit_axis_calibration(''{1,1,1}'', ''{1,2,3}'', 1)'),
	(25, 'SELECT gs_align_shift(s, gs_convert_axis(s, ''um'')) FROM std_noisy'),
	(26, 'SELECT gs_derivative(''{"unit":"nm","start":0,"step":1,"y":[1]}'')'),
	(27, 'SELECT gs_derivative(s, 3) FROM std_noisy'),
	(28, 'SELECT gs_snr(''{"unit":"nm","start":0,"step":1,"y":[1,2,3]}'')'),
	(29, 'SELECT gs_despike(s, -1) FROM std_noisy'),
	(30, 'SELECT gs_preprocess(s, config => ''{"resample": {"step": 1000}}'') FROM std_noisy'),
	(31, 'SELECT gs_preprocess(s, config => ''{"smooth": true}'') FROM std_noisy'),
	(32, 'SELECT gs_preprocess(s, ''no such instrument'') FROM std_noisy'),
	(33, 'SELECT gs_preprocess(s, config => ''{"correct_intensity": true}'') FROM std_noisy'),
	(34, 'SELECT gs_baseline(''{"unit":"nm","start":0,"step":1,"y":[1,2]}'')'),
	(35, 'SELECT gs_resample(''{"unit":"nm","x":[1],"y":[1]}'', 1, 1, 1)')
) AS t(n, q)
ORDER BY n;

-- every function gives the same answers in parallel workers as in the leader
CREATE TABLE std_par AS
SELECT i, gs_spectrum(400 + i % 7, 0.5, (SELECT array_agg((10 * pg_temp.band(j - 150, i % 50, (5.0 + i % 9))
	+ 0.002 * j + 0.05 * sin(j * 12.9898 + i))::float4) FROM generate_series(0, 399) j), 'nm') AS s
FROM generate_series(1, 300) i;
ANALYZE std_par;
CREATE FUNCTION pg_temp.all_steps(s spectrum) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
	SELECT concat_ws('|', gs_preprocess(s), gs_resample(s, 420, 560, 0.25, 'pchip'), gs_denoise(s),
		gs_remove_baseline(s, 'arpls'), gs_savgol(s, 11, 3), gs_normalize(s, 'snv'), gs_snr(s),
		(SELECT string_agg(x::text, ',') FROM gs_peaks(s, 1)), gs_despike(s), gs_derivative(s),
		gs_convert_axis(s, 'cm-1'), gs_crop(s, 450, 500), gs_align_shift(s, gs_crop(s, 410, 560)))
$$;
CREATE TABLE std_serial AS SELECT i, md5(pg_temp.all_steps(s)) AS h FROM std_par;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;
-- the functions are evaluated by the Parallel Seq Scan, that is, in the workers
EXPLAIN (VERBOSE, COSTS OFF) SELECT i, md5(pg_temp.all_steps(s)) FROM std_par;
SELECT count(*) AS rows, count(*) FILTER (WHERE p.h = s.h) AS identical
FROM (SELECT i, md5(pg_temp.all_steps(s)) AS h FROM std_par) p JOIN std_serial s USING (i);
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
RESET parallel_leader_participation;

DROP TABLE std_poly, std_align, std_spike, std_noisy, std_par, std_serial;
