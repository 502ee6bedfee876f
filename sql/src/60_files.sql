
-- ---------------------------------------------------------------------------
-- Files (docs/loading.md).  Readers take a file's contents and return one row
-- per spectrum it holds: its title, the spectrum, and the file's metadata as
-- a jsonb object of strings exactly as written.  They read nothing from the
-- server, so they are IMMUTABLE and PARALLEL SAFE; each spectrum is capped by
-- geospectra.max_points.

CREATE FUNCTION gs_read_jcamp(contents text)
	RETURNS TABLE (title text, spectrum spectrum, meta jsonb)
	AS 'MODULE_PATHNAME', 'gs_pg_read_jcamp' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 1;
CREATE FUNCTION gs_read_spc(contents bytea)
	RETURNS TABLE (title text, spectrum spectrum, meta jsonb)
	AS 'MODULE_PATHNAME', 'gs_pg_read_spc' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 1;
CREATE FUNCTION gs_read_msa(contents text)
	RETURNS TABLE (title text, spectrum spectrum, meta jsonb)
	AS 'MODULE_PATHNAME', 'gs_pg_read_msa' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 1;
-- The RRUFF file name carries the laser wavelength (..._Raman__532__...).
CREATE FUNCTION gs_read_rruff(contents text, filename text DEFAULT NULL)
	RETURNS TABLE (title text, spectrum spectrum, meta jsonb)
	AS 'MODULE_PATHNAME', 'gs_pg_read_rruff' LANGUAGE C IMMUTABLE PARALLEL SAFE ROWS 1;
-- USGS splib07: the values file and the wavelength file of its spectrometer.
CREATE FUNCTION gs_read_usgs(contents text, wavelengths text)
	RETURNS TABLE (title text, spectrum spectrum, meta jsonb)
	AS 'MODULE_PATHNAME', 'gs_pg_read_usgs' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 1;
CREATE FUNCTION gs_read_csv(contents text)
	RETURNS TABLE (title text, spectrum spectrum, meta jsonb)
	AS 'MODULE_PATHNAME', 'gs_pg_read_csv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 1;
-- Any format: 'auto' detects it from the content, then the file name.
CREATE FUNCTION gs_read(bytes bytea, format text DEFAULT 'auto', filename text DEFAULT NULL)
	RETURNS TABLE (title text, spectrum spectrum, meta jsonb)
	AS 'MODULE_PATHNAME', 'gs_pg_read' LANGUAGE C IMMUTABLE PARALLEL SAFE ROWS 1;

-- A file on the database server, like pg_read_binary_file: only superusers
-- and roles with the privileges of pg_read_server_files may call it (checked
-- inside as well, so a GRANT EXECUTE alone does not open the server's files).
-- VOLATILE: the file may change between calls.
CREATE FUNCTION gs_read_file(path text, format text DEFAULT 'auto')
	RETURNS TABLE (title text, spectrum spectrum, meta jsonb)
	AS 'MODULE_PATHNAME', 'gs_pg_read_file' LANGUAGE C VOLATILE PARALLEL SAFE ROWS 1;
REVOKE EXECUTE ON FUNCTION gs_read_file(text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION gs_read_file(text, text) TO pg_read_server_files;

-- Writers.  gs_to_jcamp writes JCAMP-DX 5.01: the members of meta become
-- ##LABEL=value records ("TITLE" is the title); encoding 'affn' (plain
-- numbers, exact round trip) or 'difdup' (compressed ASDF).  gs_to_csv
-- writes "x,y" lines that gs_read_csv reads back exactly.
CREATE FUNCTION gs_to_jcamp(s spectrum, meta jsonb DEFAULT NULL, encoding text DEFAULT 'affn')
	RETURNS text
	AS 'MODULE_PATHNAME', 'gs_pg_to_jcamp' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION gs_to_csv(s spectrum) RETURNS text
	AS 'MODULE_PATHNAME', 'gs_pg_to_csv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
