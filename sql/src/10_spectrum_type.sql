
-- ---------------------------------------------------------------------------
-- The spectrum type (API.md "The spectrum type")

CREATE TYPE spectrum;

CREATE FUNCTION spectrum_in(cstring) RETURNS spectrum
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION spectrum_out(spectrum) RETURNS cstring
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION spectrum_recv(internal) RETURNS spectrum
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION spectrum_send(spectrum) RETURNS bytea
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

-- STORAGE external: long spectra go out of line uncompressed.  Measured
-- values hardly compress (pglz saved 0.6 % on RRUFF Raman spectra), and the
-- attempt cost about 450 us of each 24 kB row's COPY and a decompression on
-- every read of the rows it did shrink.  A column can still opt in with
-- ALTER TABLE ... ALTER COLUMN ... SET STORAGE EXTENDED (and SET COMPRESSION).
CREATE TYPE spectrum (
	INPUT = spectrum_in,
	OUTPUT = spectrum_out,
	RECEIVE = spectrum_recv,
	SEND = spectrum_send,
	INTERNALLENGTH = VARIABLE,
	ALIGNMENT = double,
	STORAGE = external
);

COMMENT ON TYPE spectrum IS
	'one spectrum: axis (uniform start/step or explicit increasing x), float4 values, unit, optional laser wavelength';

CREATE FUNCTION spectrum_to_jsonb(spectrum) RETURNS jsonb
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION jsonb_to_spectrum(jsonb) RETURNS spectrum
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE CAST (spectrum AS jsonb) WITH FUNCTION spectrum_to_jsonb(spectrum);
CREATE CAST (jsonb AS spectrum) WITH FUNCTION jsonb_to_spectrum(jsonb);
