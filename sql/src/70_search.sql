
-- ---------------------------------------------------------------------------
-- Library search (docs/search.md).  gs_match scores every library row with
-- the operators' semantics, the row's spectrum interpolated onto the query's
-- points: score = f(query, row), so 'euclidean' ranks like
-- ORDER BY query <-> s, 'cosine' like ORDER BY query <=> s, 'spectral_angle'
-- like gs_spectral_angle(query, s), and 'correlation' (Pearson, higher is
-- better) like ORDER BY gs_correlation(query, s) DESC; equal scores rank by
-- ctid.  Rows whose spectrum is NULL, does not overlap the query (NOTICE) or
-- has an undefined score (NOTICE) are skipped.  It reads a table, so it is
-- STABLE, and PARALLEL RESTRICTED because the library may be a temporary table.

CREATE FUNCTION gs_match(query spectrum, library regclass, k int,
	metric text DEFAULT 'correlation', preprocess jsonb DEFAULT NULL,
	column_name text DEFAULT NULL)
	RETURNS TABLE (rank int, key text, ctid tid, score float8)
	AS 'MODULE_PATHNAME', 'gs_pg_match'
	LANGUAGE C STABLE CALLED ON NULL INPUT PARALLEL RESTRICTED ROWS 10;

-- gs_ivf: an approximate nearest-neighbour index (inverted lists of k-means
-- clusters over fixed-length resampled spectra, after pgvector's IVFFlat).
-- ORDER BY s <-> q / s <=> q LIMIT n over it returns rows in approximate
-- order; gs_match uses it for candidates and re-ranks them exactly.
CREATE FUNCTION gs_ivf_handler(internal) RETURNS index_am_handler
	AS 'MODULE_PATHNAME', 'gs_pg_ivf_handler' LANGUAGE C;
CREATE ACCESS METHOD gs_ivf TYPE INDEX HANDLER gs_ivf_handler;
COMMENT ON ACCESS METHOD gs_ivf IS 'inverted-file index of spectra for approximate nearest-neighbour search';

CREATE OPERATOR CLASS spectrum_l2_ops
	DEFAULT FOR TYPE spectrum USING gs_ivf AS
	OPERATOR 1 <-> (spectrum, spectrum) FOR ORDER BY float_ops;
CREATE OPERATOR CLASS spectrum_cosine_ops
	FOR TYPE spectrum USING gs_ivf AS
	OPERATOR 2 <=> (spectrum, spectrum) FOR ORDER BY float_ops;
