
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
