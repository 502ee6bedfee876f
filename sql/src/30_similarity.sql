
-- ---------------------------------------------------------------------------
-- Comparing spectra: the second is linearly interpolated onto the first
-- one's points inside the overlap of the two axes (after unit conversion).

CREATE FUNCTION gs_euclidean_distance(a spectrum, b spectrum) RETURNS float8
	AS 'MODULE_PATHNAME', 'gs_pg_euclidean_distance' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION gs_cosine_distance(a spectrum, b spectrum) RETURNS float8
	AS 'MODULE_PATHNAME', 'gs_pg_cosine_distance' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION gs_spectral_angle(a spectrum, b spectrum) RETURNS float8
	AS 'MODULE_PATHNAME', 'gs_pg_spectral_angle' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION gs_correlation(a spectrum, b spectrum) RETURNS float8
	AS 'MODULE_PATHNAME', 'gs_pg_correlation' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OPERATOR <-> (
	LEFTARG = spectrum,
	RIGHTARG = spectrum,
	FUNCTION = gs_euclidean_distance
);
CREATE OPERATOR <=> (
	LEFTARG = spectrum,
	RIGHTARG = spectrum,
	FUNCTION = gs_cosine_distance
);
