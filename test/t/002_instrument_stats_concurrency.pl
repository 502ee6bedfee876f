# The live statistics library under concurrency: 8 pgbench sessions add
# spectra to the statistics of the same instruments at once; afterwards the
# counts and means equal one pass of gs_stats_agg over the same spectra (no
# update lost) and no session saw an error (no deadlock or serialization
# failure).  Then pg_dump keeps the registry and the statistics.
use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use GeospectraTest;

my $node = geospectra_node('stats', "max_connections = 30\n");

# 1,200 spectra of 500 points for two instruments; tap-b's come on two grids.
my $sessions = 8;
my $per_session = 150;
my $total = $sessions * $per_session;
$node->safe_psql('postgres', qq{
	CREATE EXTENSION geospectra;
	INSERT INTO gs_instrument (id, modality, axis_unit, range_lo, range_hi)
	VALUES ('tap-a', 'vnir', 'nm', 350, 2500), ('tap-b', 'ftir', 'nm', 350, 2500);
	CREATE TABLE tap_data (id int PRIMARY KEY, inst text NOT NULL, s spectrum NOT NULL);
	INSERT INTO tap_data
	SELECT i, CASE WHEN i % 2 = 0 THEN 'tap-a' ELSE 'tap-b' END,
		gs_spectrum(CASE WHEN i % 4 = 1 THEN 401 ELSE 400 END, 0.5,
			(SELECT array_agg((100 + 5 * sin(j * 0.05 + i) + (i % 17) * 0.1)::float4 ORDER BY j)
			 FROM generate_series(1, 500) j), 'nm')
	FROM generate_series(1, $total) i;
	CREATE SEQUENCE tap_seq;
});

# Every transaction takes the next spectrum: together the sessions add each of
# ids 1..$total exactly once, in an order nobody controls.
$node->pgbench(
	"-n -c $sessions -j 2 -t $per_session",
	0,
	[ qr{number of transactions actually processed: $total/$total},
	  qr{number of failed transactions: 0 } ],
	[ qr{^$} ],
	"$sessions sessions update the statistics at once without an error",
	{ '002_update_stats.sql' =>
		  q{SELECT gs_update_instrument_stats(d.inst, d.s) FROM tap_data d WHERE d.id = (SELECT nextval('tap_seq'));} });

is($node->safe_psql('postgres', 'SELECT last_value FROM tap_seq'), $total, "$total spectra handed out");

# Count and statistics per instrument and grid, against one pass of the aggregate.
my $compare = q{
	WITH one_pass AS (
		SELECT inst, gs_stats_agg(s) AS st FROM tap_data GROUP BY inst, gs_range(s)
	)
	SELECT t.instrument, t.grid_start, t.n, (o.st).n,
		(SELECT max(abs(x - y) / abs(y)) FROM unnest(t.mean, (o.st).mean) u(x, y)) < 1e-9,
		(SELECT max(abs(x - y) / abs(y)) FROM unnest(t.m2, (o.st).m2) u(x, y)) < 1e-9
	FROM gs_instrument_stats t
	JOIN one_pass o ON o.inst = t.instrument AND (o.st).grid_start = t.grid_start
	ORDER BY 1, 2};
is($node->safe_psql('postgres', $compare),
	join("\n",
		"tap-a|400|" . $total / 2 . "|" . $total / 2 . "|t|t",
		"tap-b|400|" . $total / 4 . "|" . $total / 4 . "|t|t",
		"tap-b|401|" . $total / 4 . "|" . $total / 4 . "|t|t"),
	'no update lost: counts, means and M2 equal one pass of gs_stats_agg');
is($node->safe_psql('postgres', 'SELECT sum(n) FROM gs_instrument_stats_daily'), $total,
	'the daily history counts every spectrum once');
ok(!$node->log_contains('deadlock detected|could not serialize'), 'no deadlock or serialization failure in the server log');

# pg_dump keeps the configuration tables' rows; restore gives the same statistics.
my $fingerprint = q{SELECT md5(string_agg(r, ',' ORDER BY r)) FROM (
	SELECT t::text AS r FROM gs_instrument t
	UNION ALL SELECT t::text FROM gs_instrument_stats t
	UNION ALL SELECT t::text FROM gs_instrument_stats_daily t) q};
my $before = $node->safe_psql('postgres', $fingerprint);
my $dump = PostgreSQL::Test::Utils::tempdir() . '/stats.sql';
$node->command_ok([ 'pg_dump', '-d', $node->connstr('postgres'), '-f', $dump ], 'pg_dump');
$node->safe_psql('postgres', 'CREATE DATABASE restored');
$node->command_ok([ 'psql', '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', $node->connstr('restored'), '-f', $dump ],
	'restore');
is($node->safe_psql('restored', $fingerprint), $before, 'pg_dump and restore keep instruments and statistics');
is($node->safe_psql('restored', 'SELECT count(*) FROM gs_instrument_stats'), '3', 'three statistics rows restored');

$node->stop;
done_testing();
