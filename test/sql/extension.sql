-- The extension as installed: preloaded, GPU discovery without a hard CUDA dependency.

SHOW shared_preload_libraries;
SELECT extversion FROM pg_extension WHERE extname = 'geospectra';
SELECT gs_gpu_info() ~ '^(unavailable|no-gpu|gpu): ' AS gpu_info_well_formed;
SHOW geospectra.max_points;

-- Functions are IMMUTABLE and PARALLEL SAFE unless their nature says otherwise;
-- this lists the exceptions, each of which must have a reason.
SELECT p.proname, p.provolatile, p.proparallel, count(*)
FROM pg_proc p JOIN pg_depend d ON d.objid = p.oid AND d.deptype = 'e'
JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'geospectra'
WHERE p.provolatile <> 'i' OR p.proparallel <> 's'
GROUP BY 1, 2, 3 ORDER BY 1;
