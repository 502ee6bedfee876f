
-- ---------------------------------------------------------------------------
-- GPU discovery (libgeospectra_cuda.so, loaded on demand)

CREATE FUNCTION gs_gpu_info() RETURNS text
	AS 'MODULE_PATHNAME', 'gs_pg_gpu_info' LANGUAGE C VOLATILE PARALLEL SAFE;
