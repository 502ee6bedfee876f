-- File readers and writers in SQL: every format on a small inline file, the
-- writers' round trips, bad input with its SQLSTATE, and who may read server files.

-- JCAMP-DX, AFFN with a YFACTOR: y = 1..5
SELECT title, spectrum, meta->>'YUNITS' AS yunits
FROM gs_read_jcamp($$##TITLE=files test affn
##JCAMP-DX=4.24
##DATA TYPE=INFRARED SPECTRUM
##XUNITS=1/CM
##YUNITS=ABSORBANCE
##FIRSTX=400
##LASTX=404
##DELTAX=1
##XFACTOR=1
##YFACTOR=0.5
##NPOINTS=5
##FIRSTY=1
##XYDATA=(X++(Y..Y))
400 2 4 6
403 8 10
##END=
$$);

-- JCAMP-DX, DIFDUP (SQZ A0 = 10, DIF K = +2, j = -1, DUP T = twice, a Y check
-- value at the start of each continuation line): 10 12 14 14 14 13 14 14 15
SELECT title, spectrum
FROM gs_read_jcamp($$##TITLE=files test difdup
##JCAMP-DX=5.01
##DATA TYPE=UV/VIS SPECTRUM
##XUNITS=NANOMETERS
##YUNITS=ABSORBANCE
##FIRSTX=500
##LASTX=508
##DELTAX=1
##XFACTOR=1
##YFACTOR=1
##NPOINTS=9
##FIRSTY=10
##XYDATA=(X++(Y..Y))
500A0KK%T
504A4jJ%
507A4J
##END=
$$);

-- EMSA/MSA: x = OFFSET + XPERCHAN * channel in keV
SELECT title, spectrum, meta->>'OWNER' AS owner
FROM gs_read_msa($$#FORMAT      : EMSA/MAS Spectral Data File
#VERSION     : 1.0
#TITLE       : files test msa
#DATE        : 01-JAN-2026
#TIME        : 12:00
#OWNER       : geospectra tests
#NPOINTS     : 5
#NCOLUMNS    : 1
#XUNITS      : keV
#YUNITS      : counts
#DATATYPE    : Y
#XPERCHAN    : 0.01
#OFFSET      : 0.5
#SPECTRUM    :
1
2
3
4
5
#ENDOFDATA   :
$$);

-- RRUFF: Raman shift; the laser wavelength comes from the file name
CREATE TEMP TABLE files_rruff (body text);
INSERT INTO files_rruff VALUES ($$##NAMES=Quartz
##RRUFFID=R000000
##IDEAL CHEMISTRY=SiO_2_
##LOCALITY=nowhere (test fixture)
##STATUS=test
150.5, 0
151.7, 12.5
152.9, 30.25
154.1, 11
##END=
$$);
SELECT title, spectrum, meta->>'RRUFFID' AS rruffid
FROM files_rruff, gs_read_rruff(body, 'Quartz__R000000__Raman__532__0__unoriented__Raman_Data_Processed__1.txt');
SELECT gs_laser_nm(spectrum) AS no_laser_without_name FROM files_rruff, gs_read_rruff(body);

-- USGS: values and wavelengths (micrometres); -1.23e34 marks a deleted channel
SELECT title, spectrum
FROM gs_read_usgs($$ splib07a Record=1: Test mineral T1 ASDFRa AREF
 1.0000000e-001
-1.2300000e+034
 3.0000000e-001
 4.0000000e-001
$$, $$ splib07a Record=2: Wavelengths test 4 ch
 0.35
 0.36
 0.37
 0.38
$$);

-- CSV: a header naming the unit, then x,y
SELECT title, spectrum FROM gs_read_csv(E'nm,sample A\n400,0.25\n401,0.5\n402,0.75\n');
-- semicolons and decimal commas, as European exports write them
SELECT title, spectrum, meta FROM gs_read_csv(E'Wavelength (nm);sample B\n400,5;0,25\n401,5;0,5\n');

-- SPC (new format, little-endian, float Y, even X in cm-1), built byte by byte
CREATE TEMP TABLE files_spc AS SELECT decode(
	'004b00800400000000000000000059400000000000c059400100000001' || repeat('00', 59) ||
	'6669787475726520636f6d6d656e74' || repeat('00', 410) || '80' || repeat('00', 32) ||
	'c03f00002040000040c000008040', 'hex') AS bytes;
SELECT length(bytes) AS spc_bytes FROM files_spc;
SELECT title, spectrum FROM files_spc, gs_read_spc(bytes);

-- gs_read: any format, detected from the content or named
SELECT title, gs_npoints(spectrum) FROM files_spc, gs_read(bytes);
SELECT title, gs_npoints(spectrum) FROM files_rruff,
	gs_read(convert_to(body, 'UTF8'), filename => 'Quartz__R000000__Raman__785__0__unoriented__Raman_Data_Processed__1.txt');
SELECT title, spectrum FROM gs_read(convert_to(E'400,1\n401,2\n', 'UTF8'), 'csv');
SELECT count(*) AS null_in_no_rows FROM gs_read(NULL);

-- Writers: JCAMP-DX (AFFN and DIFDUP) and CSV read back to the same spectrum
CREATE TEMP TABLE files_rt (id int, s spectrum);
INSERT INTO files_rt VALUES
	(1, '{"unit":"nm","start":350,"step":0.5,"y":[0.12,0.13,0.15,-7.5e-3,1e6]}'),
	(2, '{"unit":"raman_cm-1","laser_nm":785,"x":[100.25,101.1,103.333333333333,150],"y":[5,7,-1,0.1]}'),
	(3, '{"unit":"cm-1","start":4000.123456789,"step":1.928,"y":[1,2,3,4,5,6,7,8,9,10,11,12]}'),
	(4, '{"unit":"keV","start":0.01,"step":0.01,"y":[3.4e38,-3.4e38,1e-45,0]}'),
	(5, '{"unit":"eV","x":[1],"y":[42]}'),
	(6, '{"unit":"channel","start":0,"step":1,"y":[0,0,0,1,1,1,2,2,2,1000,-1000]}');
SELECT id,
	(SELECT bool_and(r.spectrum::text = s::text) AND count(*) = 1 FROM gs_read_jcamp(gs_to_jcamp(s)) r) AS affn,
	(SELECT bool_and(r.spectrum::text = s::text) AND count(*) = 1 FROM gs_read_jcamp(gs_to_jcamp(s, NULL, 'difdup')) r) AS difdup,
	-- CSV has no uniform-axis form: the same points come back on an explicit axis
	(SELECT bool_and(gs_x(r.spectrum) = gs_x(s) AND gs_y(r.spectrum) = gs_y(s) AND gs_unit(r.spectrum) = gs_unit(s)
		AND gs_laser_nm(r.spectrum) IS NOT DISTINCT FROM gs_laser_nm(s)) AND count(*) = 1
	 FROM gs_read_csv(gs_to_csv(s)) r) AS csv
FROM files_rt ORDER BY id;
-- DIFDUP is exact while the values' binary exponents span at most 28; beyond
-- that (spectrum 4: 3.4e38 next to 1e-45) it is within max|y| * 2^-51
SELECT bool_and(abs(a::float8 - b::float8) <= 3.4e38 * 2 ^ -51) AS difdup_within_bound
FROM files_rt, gs_read_jcamp(gs_to_jcamp(s, NULL, 'difdup')) r, unnest(gs_y(s), gs_y(r.spectrum)) AS u(a, b)
WHERE id = 4;
SELECT gs_to_jcamp(s, '{"TITLE":"written by a test","ORIGIN":"geospectra tests","$SAMPLE NO":7}') FROM files_rt WHERE id = 3;
SELECT gs_to_jcamp(s, NULL, 'difdup') FROM files_rt WHERE id = 6;
SELECT gs_to_csv(s) FROM files_rt WHERE id = 2;
SELECT title, meta->>'ORIGIN' AS origin, meta->>'$SAMPLE NO' AS sample_no
FROM files_rt, gs_read_jcamp(gs_to_jcamp(s, '{"TITLE":"t","ORIGIN":"here","$SAMPLE NO":7}')) WHERE id = 1;

-- Bad input
SELECT n, gs_test_error(q) AS result FROM (VALUES
	(1, $q$SELECT * FROM gs_read_jcamp('')$q$),
	(2, $q$SELECT * FROM gs_read_jcamp('not a jcamp file')$q$),
	(3, $q$SELECT * FROM gs_read_jcamp(E'##TITLE=t\n##JCAMP-DX=5\n##XUNITS=NM\n##NPOINTS=3\n##XYDATA=(X++(Y..Y))\n1 1 2\n##END=\n')$q$),
	(4, $q$SELECT * FROM gs_read_jcamp(E'##TITLE=t\n##JCAMP-DX=5\n##XUNITS=HZ\n##FIRSTX=1\n##LASTX=2\n##NPOINTS=2\n##XYDATA=(X++(Y..Y))\n1 1 2\n##END=\n')$q$),
	(5, $q$SELECT * FROM gs_read_spc('\x004b')$q$),
	(6, $q$SELECT * FROM gs_read_spc(decode(repeat('00', 600), 'hex'))$q$),
	(7, $q$SELECT * FROM gs_read_msa(E'#FORMAT : EMSA/MAS Spectral Data File\n#NPOINTS : 3\n#SPECTRUM :\n1\n2\n#ENDOFDATA :\n')$q$),
	(8, $q$SELECT * FROM gs_read_usgs(E' t\n1\n2\n3\n', E' w\n1\n2\n')$q$),
	(9, $q$SELECT * FROM gs_read_usgs(E' t\n-1.23e34\n', E' w\n1\n')$q$),
	(10, $q$SELECT * FROM gs_read_csv(E'nm,y\n400,abc\n')$q$),
	(11, $q$SELECT * FROM gs_read_csv(E'nm,y\n400,1\n399,2\n400,3\n')$q$),
	(12, $q$SELECT * FROM gs_read_csv(E'nm,y\n400,1e39\n')$q$),
	(13, $q$SELECT * FROM gs_read('\x0102030405', 'auto')$q$),
	(14, $q$SELECT * FROM gs_read('\x0102', 'png')$q$),
	(15, $q$SELECT * FROM gs_read(convert_to(E' splib07a Record=1: x\n1\n', 'UTF8'))$q$),
	(16, $q$SELECT gs_to_jcamp('{"unit":"nm","start":1,"step":1,"y":[1]}', NULL, 'pac')$q$),
	(17, $q$SELECT gs_to_jcamp('{"unit":"nm","start":1,"step":1,"y":[1]}', '{"XUNITS":"NM"}')$q$),
	(18, $q$SELECT gs_to_jcamp('{"unit":"nm","start":1,"step":1,"y":[1]}', '[1,2]')$q$),
	(19, $q$SELECT gs_to_jcamp('{"unit":"nm","start":1,"step":1,"y":[1]}', '{"A=B":"x"}')$q$),
	(20, $q$SELECT * FROM gs_read_csv(E'nm,y\n400,1\n401,2\n402,3\n403,4\n')$q$)
) AS t(n, q) ORDER BY n;

-- geospectra.max_points caps every spectrum a reader returns
SET geospectra.max_points = 3;
SELECT gs_test_error($q$SELECT * FROM gs_read_csv(E'nm,y\n400,1\n401,2\n402,3\n403,4\n')$q$) AS over_limit;
SELECT gs_test_error($q$SELECT * FROM gs_read_csv(E'nm,y\n400,1\n401,2\n402,3\n')$q$) AS at_limit;
RESET geospectra.max_points;

-- Server files: only superusers and pg_read_server_files; a plain GRANT is not enough
SELECT lo_from_bytea(0, convert_to(gs_to_csv(s), 'UTF8')) AS files_lo FROM files_rt WHERE id = 3 \gset
SELECT lo_export(:files_lo, 'gs_files_test.csv') AS written;
SELECT title, gs_y(spectrum) = (SELECT gs_y(s) FROM files_rt WHERE id = 3) AS same
FROM gs_read_file('gs_files_test.csv');
SELECT title, gs_npoints(spectrum) FROM gs_read_file('gs_files_test.csv', 'csv');
SELECT gs_test_error($q$SELECT * FROM gs_read_file('gs_files_no_such_file.csv')$q$) AS missing;
SELECT gs_test_error($q$SELECT * FROM gs_read_file('.')$q$) AS directory;
SELECT proacl FROM pg_proc WHERE proname = 'gs_read_file';
CREATE ROLE gs_files_plain;
CREATE ROLE gs_files_reader IN ROLE pg_read_server_files;
SET ROLE gs_files_plain;
SELECT gs_test_error($q$SELECT * FROM gs_read_file('gs_files_test.csv')$q$) AS plain_role;
RESET ROLE;
GRANT EXECUTE ON FUNCTION gs_read_file(text, text) TO gs_files_plain;
SET ROLE gs_files_plain;
SELECT gs_test_error($q$SELECT * FROM gs_read_file('gs_files_test.csv')$q$) AS granted_execute_only;
SELECT count(*) AS plain_role_reads_bytes FROM gs_read(convert_to(E'400,1\n401,2\n', 'UTF8'));
RESET ROLE;
SET ROLE gs_files_reader;
SELECT title, gs_npoints(spectrum) AS member_of_pg_read_server_files FROM gs_read_file('gs_files_test.csv');
RESET ROLE;
REVOKE EXECUTE ON FUNCTION gs_read_file(text, text) FROM gs_files_plain;
DROP ROLE gs_files_plain;
DROP ROLE gs_files_reader;
SELECT lo_unlink(:files_lo);
DROP TABLE files_rruff, files_spc, files_rt;
