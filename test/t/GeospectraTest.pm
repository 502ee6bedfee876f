# Shared by the TAP tests: a PostgreSQL::Test::Cluster node configured for
# geospectra (preloaded; a staged install found through extension_destdir
# when .ci/run runs as a non-root user and sets GEOSPECTRA_DESTDIR).
package GeospectraTest;

use strict;
use warnings;
use Exporter 'import';
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;

our @EXPORT = qw(geospectra_node geospectra_libdir);

# The server's $libdir, under the staged install when there is one.
sub geospectra_libdir
{
	my $libdir = `pg_config --pkglibdir`;
	chomp $libdir;
	return ($ENV{GEOSPECTRA_DESTDIR} // '') . $libdir;
}

# geospectra_node(name, extra postgresql.conf text): initialised and started.
sub geospectra_node
{
	my ($name, $conf) = @_;
	my $node = PostgreSQL::Test::Cluster->new($name);
	my $libdir = `pg_config --pkglibdir`;
	chomp $libdir;

	$node->init;
	$node->append_conf('postgresql.conf', slurp_file("$ENV{TESTDIR}/test/geospectra.conf"))
	  if -f "$ENV{TESTDIR}/test/geospectra.conf";
	$node->append_conf('postgresql.conf', "shared_preload_libraries = 'geospectra'\n" . ($conf // ''));
	if (my $dd = $ENV{GEOSPECTRA_DESTDIR})
	{
		$node->append_conf('postgresql.conf',
			"extension_destdir = '$dd'\ndynamic_library_path = '$dd$libdir:\$libdir'\n");
	}
	$node->start;
	return $node;
}

1;
