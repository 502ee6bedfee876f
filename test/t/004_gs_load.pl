# gs-load: files and folders into a table over libpq.  What lands equals what
# the SQL readers return for the same file; a file lands whole or not at all
# (a bad file is rejected alone, exit status 1); --all-or-nothing leaves
# nothing behind on a failure; SIGINT in the middle of a load leaves no part
# of a file.  Real files from GEOSPECTRA_DATA when present.
use strict;
use warnings;
use File::Basename qw(basename);
use File::Path qw(make_path);
use IPC::Run;
use PostgreSQL::Test::Utils;
use Test::More;
use GeospectraTest;

my $node = geospectra_node('main');
$node->safe_psql('postgres', 'CREATE EXTENSION geospectra');

my $bindir = `pg_config --bindir`;
chomp $bindir;
my $gs_load = ($ENV{GEOSPECTRA_DESTDIR} // '') . "$bindir/gs-load";
ok(-x $gs_load, 'gs-load is installed next to the server programs');

my @conn = ('-h', $node->host, '-p', $node->port, '-d', 'postgres');

# Runs gs-load; returns (exit status, stdout, stderr).
sub gs_load
{
	my ($out, $err) = ('', '');
	IPC::Run::run([ $gs_load, @_ ], '<', \undef, '>', \$out, '2>', \$err);
	return ($? >> 8, $out, $err);
}

sub sql { return $node->safe_psql('postgres', shift); }

sub write_file
{
	my ($path, $text) = @_;
	open(my $fh, '>', $path) or die "$path: $!";
	print $fh $text;
	close $fh;
}

# ---- usage and connection errors: exit status 2

my ($rc, $out, $err) = gs_load('--help');
is($rc, 0, '--help exits 0');
like($out, qr/Usage:/, '--help prints the usage');
($rc, $out, $err) = gs_load(@conn, 'somefile');
is($rc, 2, 'no --table: exit status 2');
($rc, $out, $err) = gs_load('-h', $node->host, '-p', $node->port + 1, '-d', 'postgres', '-t', 'x', 'somefile');
is($rc, 2, 'no server: exit status 2');
like($err, qr/could not connect/, 'no server: says so');
($rc, $out, $err) = gs_load(@conn, '-t', 'no_such_table', 'somefile');
is($rc, 2, 'missing table without --create: exit status 2');
like($err, qr/--create/, 'missing table: hints at --create');

# ---- small synthetic files: per-file atomicity

my $dir = PostgreSQL::Test::Utils::tempdir();
make_path("$dir/ok/sub", "$dir/bad");
write_file("$dir/ok/three.csv", "nm,a,b,c\n400,1,2,3\n401,4,5,6\n402,7,8,9\n");
write_file("$dir/ok/sub/one.jdx",
	"##TITLE=tap jcamp\n##JCAMP-DX=4.24\n##XUNITS=1/CM\n##YUNITS=ABSORBANCE\n##FIRSTX=400\n"
	  . "##LASTX=403\n##DELTAX=1\n##XFACTOR=1\n##YFACTOR=1\n##NPOINTS=4\n##FIRSTY=1\n"
	  . "##XYDATA=(X++(Y..Y))\n400 1 2 3 4\n##END=\n");
write_file("$dir/ok/xrf.msa",
	"#FORMAT : EMSA/MAS Spectral Data File\n#VERSION : 1.0\n#TITLE : tap msa\n#NPOINTS : 3\n"
	  . "#NCOLUMNS : 1\n#XUNITS : eV\n#YUNITS : counts\n#DATATYPE : Y\n#XPERCHAN : 10\n"
	  . "#OFFSET : 0\n#SPECTRUM :\n5\n6\n7\n#ENDOFDATA :\n");
write_file("$dir/ok/.hidden.csv", "nm,y\n1,1\n");
write_file("$dir/bad/corrupt.csv", "nm,y\n400,1\n401,not-a-number\n");

# Every row loaded from a file equals what gs_read returns for that file.
my $same_as_sql = q{
	SELECT count(*) FILTER (WHERE l.v IS NOT DISTINCT FROM r.v) || '/' || count(*)
	FROM (SELECT source, string_agg(spectrum::text || meta::text || coalesce(sample, '') || coalesce(mineral, ''),
			'|' ORDER BY spectrum::text || meta::text || coalesce(sample, '')) AS v
		  FROM %s GROUP BY source) l,
	LATERAL (SELECT string_agg(spectrum::text || meta::text || coalesce(meta->>'RRUFFID', title) || coalesce(meta->>'NAMES', ''),
			'|' ORDER BY spectrum::text || meta::text || coalesce(meta->>'RRUFFID', title)) AS v
		  FROM gs_read(pg_read_binary_file(l.source), 'auto', regexp_replace(l.source, '^.*/', ''))) r
};

($rc, $out, $err) = gs_load(@conn, '-t', 'synth', '--create', '-i', 'tap', "$dir/ok", "$dir/bad");
is($rc, 1, 'a corrupt file in the folders: exit status 1');
like($out, qr/loaded 3 files, 5 spectra/, 'the three good files load (hidden files are skipped)');
like($out, qr/rejected 1 file:\n  \Q$dir\E\/bad\/corrupt\.csv: invalid number/, 'the corrupt file is reported with its reason');
is(sql(q{SELECT count(*) FROM synth WHERE source LIKE '%corrupt%'}), '0', 'nothing of the corrupt file');
is(sql(q{SELECT string_agg(DISTINCT instrument, ',') FROM synth}), 'tap', '--instrument fills the column');
is(sql(sprintf($same_as_sql, 'synth')), '3/3', 'rows equal what the SQL readers return');
is(sql(q{SELECT count(*) FROM synth WHERE loaded_at IS NULL}), '0', 'loaded_at is filled');

# The server refuses one spectrum of a three-spectrum file: the whole file is
# rejected, the other files of its batch still load.
sql(q{CREATE TABLE synth_check (LIKE synth INCLUDING DEFAULTS, CHECK (sample IS DISTINCT FROM 'b'))});
($rc, $out, $err) = gs_load(@conn, '-t', 'synth_check', "$dir/ok");
is($rc, 1, 'a file the server refuses: exit status 1');
like($out, qr/loaded 2 files, 2 spectra/, 'the other files of the batch load');
like($out, qr/three\.csv: new row for relation "synth_check" violates check constraint/, 'the refused file is named with the server error');
is(sql(q{SELECT count(*) FROM synth_check WHERE source LIKE '%three.csv'}), '0', 'no part of the refused file');

# --all-or-nothing: one bad file (client or server side) leaves nothing
my $before = sql('SELECT count(*) FROM synth');
($rc, $out, $err) = gs_load(@conn, '-t', 'synth', '--all-or-nothing', "$dir/ok", "$dir/bad");
is($rc, 1, '--all-or-nothing with a corrupt file: exit status 1');
like($out, qr/nothing loaded/, '--all-or-nothing says nothing was loaded');
is(sql('SELECT count(*) FROM synth'), $before, '--all-or-nothing with a corrupt file adds no row');
($rc, $out, $err) = gs_load(@conn, '-t', 'synth_check', '--all-or-nothing', "$dir/ok");
is($rc, 1, '--all-or-nothing with a refused file: exit status 1');
is(sql(q{SELECT count(*) FROM synth_check}), '2', '--all-or-nothing with a refused file adds no row');
($rc, $out, $err) = gs_load(@conn, '-t', 'synth', '--all-or-nothing', "$dir/ok");
is($rc, 0, '--all-or-nothing with good files: exit status 0');
is(sql('SELECT count(*) FROM synth'), $before + 5, '--all-or-nothing loads every file');

# ---- SIGINT in the middle of a big load: no file in part

make_path("$dir/big");
my $rows = join('', map { my $i = $_; join(',', 400 + $i, map { ($i * $_) % 997 } 1 .. 20) . "\n" } 0 .. 999);
my $header = join(',', 'nm', map { "s$_" } 1 .. 20) . "\n";
write_file(sprintf("$dir/big/f%04d.csv", $_), $header . $rows) for 1 .. 400;
sql(q{CREATE TABLE big (LIKE synth INCLUDING DEFAULTS)});
my ($bout, $berr) = ('', '');
my $h = IPC::Run::start([ $gs_load, @conn, '-t', 'big', "$dir/big" ], '<', \undef, '>', \$bout, '2>', \$berr);
ok($node->poll_query_until('postgres',
		q{SELECT count(*) > 0 FROM pg_stat_progress_copy WHERE relid = 'big'::regclass AND tuples_processed > 0}),
	'a COPY of gs-load is under way');
$h->signal('INT');
$h->finish;
is($h->result(0), 1, 'interrupted: exit status 1');
like($bout, qr/interrupted: \d+ files? rolled back/, 'interrupted: says what was rolled back');
is(sql(q{SELECT count(*) FROM (SELECT source FROM big GROUP BY source HAVING count(*) <> 20) s}),
	'0', 'interrupted: every file in the table is whole (20 spectra)');
cmp_ok(sql('SELECT count(*) FROM big'), '<', 400 * 20, 'interrupted: the load did stop early');
is(sql(q{SELECT count(*) FROM pg_stat_progress_copy WHERE relid = 'big'::regclass}), '0',
	'interrupted: no COPY is left running');

# ---- real files: a sample of each folder of GEOSPECTRA_DATA

my $data = $ENV{GEOSPECTRA_DATA};
SKIP:
{
	skip 'GEOSPECTRA_DATA is not set or missing: real files not loaded', 7
	  unless $data && -d "$data/rruff_raman_excellent_unoriented";

	sub sample_of
	{
		my ($folder, $n, $pattern) = @_;
		my @f = sort grep { -f $_ && basename($_) =~ $pattern } glob("'$data/$folder'/*");
		return $n ? @f[ 0 .. ($n < @f ? $n : scalar @f) - 1 ] : @f;
	}
	my @usgs = sample_of('usgs_splib07/splib07a/ChapterM_Minerals', 15, qr/\.txt$/);
	my @files = (
		sample_of('rruff_raman_excellent_unoriented/spectra', 30, qr/\.txt$/),
		sample_of('rruff_raman_lr/spectra', 0, qr/\.txt$/),
		sample_of('rruff_infrared/Processed', 15, qr/\.txt$/),
		sample_of('rruff_infrared/RAW', 0, qr/\.txt$/),
		sample_of('pixl_xrf_piquant/breadboard_2019_2020', 0, qr/\.msa$/),
		sample_of('pixl_xrf_piquant/breadboard_pucks_20200210', 5, qr/\.msa$/),
		sample_of('nist_nexlspectrum_xray/XRF Stainless', 0, qr/\.msa$/),
		sample_of('jcamp_dx_testfiles/jcamp-dx.org_official_test_data', 0, qr/\.(dx|jdx)$/i),
		sample_of('jcamp_dx_testfiles/test', 0, qr/\.(dx|jdx)$/i),
		sample_of('spc_testfiles/spc', 0, qr/\.spc$/i));
	($rc, $out, $err) = gs_load(@conn, '-t', 'real', '--create', @files, @usgs);
	diag($out) if $rc > 1;
	my @rejected = grep { index($out, "  $_: ") >= 0 } (@files, @usgs);
	my $loaded = sql(q{SELECT count(DISTINCT source) FROM real});
	is($loaded + @rejected, @files + @usgs, 'every real file is loaded or rejected with a reason');
	cmp_ok(sql(q{SELECT count(*) FROM real WHERE source LIKE '%excellent_unoriented%'}), '==', 30,
		'RRUFF Raman: 30 files, one spectrum each');
	is(sql(q{SELECT count(*) FROM real WHERE source LIKE '%excellent_unoriented%' AND (gs_laser_nm(spectrum) IS NULL OR mineral IS NULL OR sample !~ '^R')}),
		'0', 'RRUFF Raman: laser, mineral and RRUFF id on every row');
	is(sql(sprintf($same_as_sql, q{(SELECT * FROM real WHERE source NOT LIKE '%splib07a_%') r})),
		sql(q{SELECT (count(DISTINCT source) || '/' || count(DISTINCT source)) FROM real WHERE source NOT LIKE '%splib07a_%'}),
		'real files: rows equal what gs_read returns');

	# USGS: the wavelength file of each spectrometer sits in the folder above
	my $wl = "$data/usgs_splib07/splib07a/splib07a_Wavelengths";
	is(sql(qq{
		SELECT count(*) FILTER (WHERE l.v = r.v) || '/' || count(*)
		FROM (SELECT source, string_agg(spectrum::text || meta::text, '|') AS v FROM real
			  WHERE source LIKE '%splib07a_%' GROUP BY source) l,
		LATERAL (SELECT string_agg(spectrum::text || meta::text, '|') AS v
			  FROM gs_read_usgs(pg_read_file(l.source), pg_read_file(CASE
				WHEN l.source ~ '_ASD' THEN '${wl}_ASD_0.35-2.5_microns_2151_ch.txt'
				WHEN l.source ~ '_BECK' THEN '${wl}_BECK_Beckman_0.2-3.0_microns.txt'
				ELSE '${wl}_NIC4_Nicolet_1.12-216microns.txt' END))) r}),
		scalar(@usgs) . '/' . scalar(@usgs), 'USGS: each file found its wavelength file, rows equal gs_read_usgs');

	# what gs-load rejects, the SQL readers refuse too (or find no spectrum in)
	sql(q{CREATE TABLE rejected_files (path text)});
	$node->safe_psql('postgres', "INSERT INTO rejected_files VALUES ($_)")
	  for map { my $p = $_; $p =~ s/'/''/g; "'$p'" } @rejected;
	is($node->safe_psql('postgres', q{
		CREATE FUNCTION pg_temp.refused(path text) RETURNS boolean LANGUAGE plpgsql AS $$
		BEGIN
			RETURN NOT EXISTS (SELECT FROM gs_read(pg_read_binary_file(path), 'auto', regexp_replace(path, '^.*/', '')));
		EXCEPTION WHEN OTHERS THEN
			RETURN true;
		END $$;
		SELECT count(*) FILTER (WHERE pg_temp.refused(path)) || '/' || count(*) FROM rejected_files}),
		scalar(@rejected) . '/' . scalar(@rejected), 'files gs-load rejects, gs_read refuses too');
	note(scalar(@rejected) . " of " . (@files + @usgs) . " real files rejected:\n" . join("\n", grep { /^  / } split /\n/, $out));
	cmp_ok($loaded, '>=', 30 + 5 + 15 + 15, 'most real files load');
}

$node->stop;
done_testing();
