# gs_ivf survives what a database does to an index (restart, crash recovery
# of its generic WAL, VACUUM, REINDEX) and gs_match gives the exact answers
# through it; with the real RRUFF Raman spectra when GEOSPECTRA_DATA has them.
use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use GeospectraTest;

my $node = geospectra_node('main', "jit = off\n");

# 1,500 synthetic spectra of 30 kinds on slightly different axes
$node->safe_psql('postgres', q{
	CREATE EXTENSION geospectra;
	CREATE TABLE lib (id int PRIMARY KEY, s spectrum);
	INSERT INTO lib
	SELECT i, gs_spectrum(500 + (i % 4) * 0.25, 0.5,
		(SELECT array_agg(((1 + (i % 7) * 0.05) / (1 + power((g * 0.5 - 30 - (i % 30) * 9.7) / (3 + i % 4), 2))
			+ 0.4 / (1 + power((g * 0.5 - 200 + (i % 30) * 3.1) / 6, 2)) + 0.0002 * g)::float4)
		 FROM generate_series(0, 800) g), 'nm')
	FROM generate_series(1, 1500) i;
	CREATE TABLE queries AS SELECT id AS qid, s AS q FROM lib WHERE id % 100 = 7;
	CREATE INDEX lib_l2 ON lib USING gs_ivf (s) WITH (lists = 15);
	CREATE INDEX lib_cos ON lib USING gs_ivf (s spectrum_cosine_ops) WITH (lists = 15, grid_points = 200);
});

# every answer of gs_match (index) and of brute force with the operators
sub answers
{
	my ($metric) = @_;
	return $node->safe_psql('postgres', qq{
		SELECT string_agg(qid || ':' || rank || ':' || key || ':' || score, ',' ORDER BY qid, rank)
		FROM queries, gs_match(q, 'lib', 5, '$metric')});
}
my %brute_op = (euclidean => '<->', cosine => '<=>');
sub brute
{
	my ($metric) = @_;
	my $op = $brute_op{$metric};
	return $node->safe_psql('postgres', qq{
		SELECT string_agg(qid || ':' || rank || ':' || id || ':' || d, ',' ORDER BY qid, rank)
		FROM queries, LATERAL (
			SELECT id, d, row_number() OVER (ORDER BY d, ctid) AS rank
			FROM (SELECT id, ctid, q $op s AS d FROM lib OFFSET 0) x ORDER BY d, ctid LIMIT 5) b});
}
sub check_all
{
	my ($when) = @_;
	for my $metric (qw(euclidean cosine))
	{
		is(answers($metric), brute($metric), "$metric: gs_match through the index = brute force $when");
	}
}

my $debug = $node->psql('postgres', q{SET client_min_messages = debug1;
	SELECT count(*) FROM queries, gs_match(q, 'lib', 5, 'cosine') WHERE qid = 7}, stderr => \my $stderr);
like($stderr, qr/reads 50 candidates from index "lib_cos"/, 'gs_match uses the index');
check_all('after CREATE INDEX');

$node->restart;
check_all('after a restart');

# changes logged only in WAL (no checkpoint), then a crash: recovery replays
# the generic WAL records of inserts and of VACUUM's deletions
$node->safe_psql('postgres', q{
	CHECKPOINT;
	INSERT INTO lib SELECT id + 10000, s FROM lib WHERE id % 10 = 7;
	DELETE FROM lib WHERE id % 100 = 17;
	UPDATE lib SET s = (SELECT q FROM queries WHERE qid = 107) WHERE id = 1;
});
$node->safe_psql('postgres', 'VACUUM lib');
my $euclid_before = answers('euclidean');
$node->stop('immediate');
$node->start;
is(answers('euclidean'), $euclid_before, 'same answers after crash recovery');
check_all('after crash recovery');
like($node->safe_psql('postgres', q{SELECT string_agg(key, ',' ORDER BY rank) FROM queries, gs_match(q, 'lib', 3, 'euclidean') WHERE qid = 107}),
	qr/^(1,107|107,1),/, 'an updated row is found through the recovered index');
is($node->safe_psql('postgres', q{SET enable_seqscan = off;
	SELECT count(*) FROM queries, LATERAL (SELECT id FROM lib ORDER BY s <-> q LIMIT 20) x WHERE id % 100 = 17}),
	'0', 'deleted rows are gone from the index');

$node->safe_psql('postgres', 'REINDEX INDEX lib_l2; REINDEX INDEX lib_cos');
check_all('after REINDEX');
$node->restart;
check_all('after REINDEX and a restart');

# real spectra: RRUFF Raman (excellent, unoriented), queries perturbed
# copies (shifted 1.7 cm-1, scaled by 1.3, a baseline tilt of 5 % of the mean
# intensity over the range) of every 25th library spectrum
my $data = $ENV{GEOSPECTRA_DATA} // '';
my $dir = "$data/rruff_raman_excellent_unoriented/spectra";
SKIP:
{
	skip "no real spectra: GEOSPECTRA_DATA has no rruff_raman_excellent_unoriented/spectra", 4
	  unless $data ne '' && -d $dir;
	opendir(my $dh, $dir) or die "cannot read $dir: $!";
	my @files = (sort grep { /\.txt$/ } readdir($dh))[0 .. 399];
	closedir($dh);
	my $rows = '';
	my $id = 0;
	for my $f (grep { defined } @files)
	{
		my (@x, @y);
		open(my $fh, '<', "$dir/$f") or die "cannot read $f: $!";
		while (my $line = <$fh>)
		{
			next if $line =~ /^##/;
			next unless $line =~ /^\s*([-+0-9.eE]+)\s*,\s*([-+0-9.eE]+)/;
			next if @x && $1 <= $x[-1];
			push @x, $1;
			push @y, $2;
		}
		close($fh);
		next if @x < 50;
		$id++;
		$rows .= "$id\t{\"unit\":\"raman_cm-1\",\"x\":[" . join(',', @x) . '],"y":[' . join(',', @y) . "]}\n";
	}
	my $copy = PostgreSQL::Test::Utils::tempdir() . '/rruff.tsv';
	open(my $out, '>', $copy) or die;
	print $out $rows;
	close($out);
	$node->safe_psql('postgres', qq{
		CREATE TABLE rruff (id int PRIMARY KEY, s spectrum);
		\\copy rruff FROM '$copy'
		CREATE TABLE rruff_q AS
		SELECT id AS qid, gs_spectrum((SELECT array_agg(x + 1.7) FROM unnest(gs_x(s)) x),
			(SELECT array_agg((y * 1.3 + 0.05 * m * o / n)::float4)
			 FROM unnest(gs_y(s)) WITH ORDINALITY u(y, o),
				LATERAL (SELECT avg(abs(v)) AS m, count(*) AS n FROM unnest(gs_y(s)) v) a),
			'raman_cm-1') AS q
		FROM rruff WHERE id % 25 = 1;
		CREATE INDEX rruff_cos ON rruff USING gs_ivf (s spectrum_cosine_ops) WITH (lists = 10);
		CREATE INDEX rruff_l2 ON rruff USING gs_ivf (s) WITH (lists = 10);
	});
	for my $m ([ 'cosine', '<=>' ], [ 'euclidean', '<->' ], [ 'correlation', 'gs_correlation' ])
	{
		my ($metric, $op) = @$m;
		# correlation ranks by -r; its score is r
		my ($score, $shown) = $op =~ /^gs_/ ? ("-$op(q, s)", '-d') : ("q $op s", 'd');
		my $got = $node->safe_psql('postgres', qq{
			SELECT string_agg(qid || ':' || rank || ':' || key || ':' || score, ',' ORDER BY qid, rank)
			FROM rruff_q, gs_match(q, 'rruff', 10, '$metric')});
		my $want = $node->safe_psql('postgres', qq{
			SELECT string_agg(qid || ':' || rank || ':' || id || ':' || $shown, ',' ORDER BY qid, rank)
			FROM rruff_q, LATERAL (
				SELECT id, d, row_number() OVER (ORDER BY d, ctid) AS rank
				FROM (SELECT id, ctid, $score AS d FROM rruff OFFSET 0) x ORDER BY d, ctid LIMIT 10) b});
		is($got, $want, "RRUFF Raman: gs_match $metric = brute force");
	}
	# other spectra of one sample (another laser, another orientation) may
	# legitimately rank first; the source must be among the first three
	my ($hits, $n) = split /\|/, $node->safe_psql('postgres', q{
		SELECT count(DISTINCT qid) FILTER (WHERE key::int = qid), count(DISTINCT qid)
		FROM rruff_q, gs_match(q, 'rruff', 3, 'correlation')});
	note("RRUFF Raman: $hits of $n perturbed spectra find their source in the top 3");
	ok($n > 0 && $hits >= 0.9 * $n, "RRUFF Raman: perturbed spectra find their source ($hits/$n)");
}

$node->stop;
done_testing();
