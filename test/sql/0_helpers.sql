-- Helpers the other regression tests share (they run after this one, in
-- name order, in the same database).

-- Runs q and returns 'accepted', or the error as "SQLSTATE message | detail",
-- so one query can list many bad inputs with their SQLSTATEs.
CREATE FUNCTION gs_test_error(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	detail text;
BEGIN
	EXECUTE q;
	RETURN 'accepted';
EXCEPTION WHEN OTHERS THEN
	GET STACKED DIAGNOSTICS detail = PG_EXCEPTION_DETAIL;
	RETURN SQLSTATE || ' ' || SQLERRM || coalesce(' | ' || nullif(detail, ''), '');
END $$;
