
-- ---------------------------------------------------------------------------
-- Constructors and accessors

CREATE FUNCTION gs_spectrum(x float8[], y float4[], unit text) RETURNS spectrum
	AS 'MODULE_PATHNAME', 'gs_pg_spectrum_explicit' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION gs_spectrum(x float8[], y float4[], unit text, laser_nm float8) RETURNS spectrum
	AS 'MODULE_PATHNAME', 'gs_pg_spectrum_explicit' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION gs_spectrum(start float8, step float8, y float4[], unit text) RETURNS spectrum
	AS 'MODULE_PATHNAME', 'gs_pg_spectrum_uniform' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION gs_spectrum(start float8, step float8, y float4[], unit text, laser_nm float8) RETURNS spectrum
	AS 'MODULE_PATHNAME', 'gs_pg_spectrum_uniform' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION gs_npoints(s spectrum) RETURNS int
	AS 'MODULE_PATHNAME', 'gs_pg_npoints' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION gs_x(s spectrum) RETURNS float8[]
	AS 'MODULE_PATHNAME', 'gs_pg_x' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION gs_y(s spectrum) RETURNS float4[]
	AS 'MODULE_PATHNAME', 'gs_pg_y' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION gs_unit(s spectrum) RETURNS text
	AS 'MODULE_PATHNAME', 'gs_pg_unit' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION gs_range(s spectrum) RETURNS float8[]
	AS 'MODULE_PATHNAME', 'gs_pg_range' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION gs_laser_nm(s spectrum) RETURNS float8
	AS 'MODULE_PATHNAME', 'gs_pg_laser_nm' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION gs_is_uniform(s spectrum) RETURNS boolean
	AS 'MODULE_PATHNAME', 'gs_pg_is_uniform' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
