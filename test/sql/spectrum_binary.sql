-- Binary send/recv: COPY BINARY round trip, and corrupted binary input.

CREATE TABLE bin_src (id int, s spectrum);
INSERT INTO bin_src VALUES
	(1, '{"unit":"nm","start":350,"step":0.5,"y":[0.12,0.13,-7]}'),
	(2, '{"unit":"raman_cm-1","laser_nm":532,"x":[100.2,101.1,4000],"y":[5,7,1e-45]}'),
	(3, gs_spectrum(0, 1, (SELECT array_agg(cos(i)::float4) FROM generate_series(1, 20000) i), 'cm-1'));
CREATE TABLE bin_dst (LIKE bin_src);

DO $$
DECLARE
	f text := current_setting('data_directory') || '/spectrum_binary.copy';
BEGIN
	EXECUTE format('COPY bin_src TO %L (FORMAT binary)', f);
	EXECUTE format('COPY bin_dst FROM %L (FORMAT binary)', f);
END $$;

SELECT count(*) AS rows, bool_and(a.s::text = b.s::text) AS identical
FROM bin_src a JOIN bin_dst b USING (id);
SELECT id, gs_npoints(s), gs_unit(s), gs_laser_nm(s) FROM bin_dst ORDER BY id;

-- corrupt one COPY BINARY file at chosen offsets and load it back: clean errors only
CREATE FUNCTION pg_temp.load_corrupted(offs int, val int, cut int DEFAULT 0) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
	f text := current_setting('data_directory') || '/spectrum_binary.copy';
	g text := current_setting('data_directory') || '/spectrum_corrupt.copy';
	raw bytea := pg_read_binary_file(f);
	o oid;
	detail text;
BEGIN
	IF offs >= 0 THEN
		raw := set_byte(raw, offs, val);
	END IF;
	IF cut > 0 THEN
		raw := substring(raw FROM 1 FOR length(raw) - cut);
	END IF;
	o := lo_from_bytea(0, raw);
	PERFORM lo_export(o, g);
	PERFORM lo_unlink(o);
	TRUNCATE bin_dst;
	EXECUTE format('COPY bin_dst FROM %L (FORMAT binary)', g);
	RETURN 'loaded ' || (SELECT count(*) FROM bin_dst) || ' rows';
EXCEPTION WHEN OTHERS THEN
	GET STACKED DIAGNOSTICS detail = PG_EXCEPTION_DETAIL;
	RETURN SQLSTATE || ' ' || SQLERRM || coalesce(' | ' || nullif(detail, ''), '');
END $$;

-- Layout of the file: 19-byte COPY header, then per row int16 field count,
-- int32 length + int4 id, int32 length + spectrum.  Row 1's spectrum starts at 33.
SELECT what, pg_temp.load_corrupted(offs, val) AS result
FROM (VALUES
	('intact', -1, 0),
	('version byte', 33, 9),
	('unit code', 34, 200),
	('unknown flag', 35, 128),
	('reserved byte', 36, 1),
	('n larger than data', 40, 4),
	('n zero', 40, 0),
	('n huge', 37, 127),
	('laser flag, no laser', 35, 2),
	('step sign flipped', 57, 191),
	('y[1] = NaN', 65, 127)
) AS t(what, offs, val);
-- a file cut short
SELECT pg_temp.load_corrupted(-1, 0, 3) AS truncated_file;
SELECT count(*) AS rows_after_failed_loads FROM bin_dst;

DROP TABLE bin_src, bin_dst;
