# Spectra survive what a database does to them: client-side COPY BINARY,
# pg_dump and restore, a restart, and a crash (immediate stop) with recovery.
use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use GeospectraTest;

my $node = geospectra_node('main');

$node->safe_psql('postgres', q{
	CREATE EXTENSION geospectra;
	CREATE TABLE lib (id int PRIMARY KEY, s spectrum);
	INSERT INTO lib
	SELECT i, CASE WHEN i % 2 = 0
		THEN gs_spectrum(350 + i, 0.5,
			(SELECT array_agg((sin(j * i / 100.0) * 10 ^ (i % 7 - 3))::float4) FROM generate_series(1, 2000 + i) j), 'nm')
		ELSE gs_spectrum((SELECT array_agg(100 + j * 1.7) FROM generate_series(1, 3000) j),
			(SELECT array_agg(cos(j / 7.0 + i)::float4) FROM generate_series(1, 3000) j), 'raman_cm-1', 532)
		END
	FROM generate_series(1, 200) i;
});
my $fingerprint = q{SELECT md5(string_agg(s::text, ',' ORDER BY id)) FROM lib};
my $before = $node->safe_psql('postgres', $fingerprint);
ok(length($before) == 32, 'fingerprint of 200 spectra');

# client-side COPY BINARY out and back in
my $file = PostgreSQL::Test::Utils::tempdir() . '/lib.bin';
$node->safe_psql('postgres', "\\copy lib TO '$file' WITH (FORMAT binary)");
$node->safe_psql('postgres', "CREATE TABLE lib2 (LIKE lib); \\copy lib2 FROM '$file' WITH (FORMAT binary)");
is($node->safe_psql('postgres', q{SELECT md5(string_agg(s::text, ',' ORDER BY id)) FROM lib2}),
	$before, 'COPY BINARY round trip through the client');
is($node->safe_psql('postgres', q{SELECT count(*) FROM lib a JOIN lib2 b USING (id) WHERE gs_y(a.s) = gs_y(b.s) AND gs_x(a.s) = gs_x(b.s)}),
	'200', 'every value identical after COPY BINARY');

# pg_dump and restore into a fresh database
my $dump = PostgreSQL::Test::Utils::tempdir() . '/dump.sql';
$node->command_ok([ 'pg_dump', '-d', $node->connstr('postgres'), '-f', $dump ], 'pg_dump');
$node->safe_psql('postgres', 'CREATE DATABASE restored');
$node->command_ok([ 'psql', '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', $node->connstr('restored'), '-f', $dump ],
	'restore');
is($node->safe_psql('restored', $fingerprint), $before, 'pg_dump and restore keep every spectrum');

# restart, then a crash: committed spectra are there after recovery
$node->restart;
is($node->safe_psql('postgres', $fingerprint), $before, 'same spectra after restart');
$node->safe_psql('postgres', q{INSERT INTO lib SELECT 1000, s FROM lib WHERE id = 2});
$node->stop('immediate');
$node->start;
is($node->safe_psql('postgres', q{SELECT (SELECT s::text FROM lib WHERE id = 1000) = (SELECT s::text FROM lib WHERE id = 2)}),
	't', 'committed spectrum recovered after a crash');

# the extension library carries no link dependency on CUDA
my $so = geospectra_libdir() . "/geospectra.so";
my $ldd = `ldd $so`;
ok($ldd =~ /libc\.so/ && $ldd !~ /cuda|cudnn|nccl|cublas/, 'geospectra.so has no link dependency on CUDA');
like($node->safe_psql('postgres', 'SELECT gs_gpu_info()'), qr/^(unavailable|no-gpu|gpu): /, 'gs_gpu_info answers');

$node->stop;
done_testing();
