# Shared by scripts/demo and the benchmark scripts: build and install
# geospectra, and run a private PostgreSQL cluster owned by an unprivileged
# user, reachable only through a unix socket in its own directory.
#
# As root the server runs as the `postgres` user (initdb refuses root) and the
# extension is installed system-wide; otherwise it runs as you and the
# extension is staged under the cluster directory (extension_destdir).

GS_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
PGV=${PGV:-15}
PGBIN=/usr/lib/postgresql/$PGV/bin
export PG_CONFIG=$PGBIN/pg_config
export LC_ALL=C.UTF-8 LANG=C.UTF-8

gs_say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

# gs_build_install DIR: deps, build, install (system-wide as root, staged in DIR/inst otherwise)
gs_build_install() {
  local dir=$1
  (cd "$GS_ROOT" && bash .ci/deps.sh)
  gs_say "building geospectra"
  make -C "$GS_ROOT" -s -j"$(nproc)" >/dev/null
  if [ "$(id -u)" = 0 ]; then
    make -C "$GS_ROOT" -s install >/dev/null
  else
    make -C "$GS_ROOT" -s install DESTDIR="$dir/inst" >/dev/null
  fi
}

gs_as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# gs_cluster_start DIR PORT [extra postgresql.conf lines...]: a fresh cluster in DIR
gs_cluster_start() {
  local dir=$1 port=$2
  shift 2
  gs_cluster_stop "$dir"
  rm -rf "$dir/data"
  mkdir -p "$dir"
  chmod 700 "$dir"
  [ "$(id -u)" = 0 ] && chown postgres: "$dir"
  gs_as_owner "$PGBIN/initdb" -D "$dir/data" -A trust -U postgres -E UTF8 --no-instructions >/dev/null
  {
    echo "listen_addresses = ''"
    echo "unix_socket_directories = '$dir'"
    echo "port = $port"
    echo "shared_preload_libraries = 'geospectra'"
    echo "max_worker_processes = 16"
    if [ -d "$dir/inst" ]; then
      echo "extension_destdir = '$dir/inst'"
      echo "dynamic_library_path = '$dir/inst$($PG_CONFIG --pkglibdir):\$libdir'"
    fi
    for line in "$@"; do echo "$line"; done
  } | gs_as_owner tee -a "$dir/data/postgresql.conf" >/dev/null
  gs_as_owner "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w start >/dev/null
}

gs_cluster_stop() {
  local dir=$1
  if [ -f "$dir/data/postmaster.pid" ]; then
    gs_as_owner "$PGBIN/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
  fi
}

# gs_psql DIR PORT DB [psql args...]
gs_psql() {
  local dir=$1 port=$2 db=$3
  shift 3
  "$PGBIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$dir" -p "$port" -U postgres -d "$db" "$@"
}

# gs_load DIR PORT [gs-load args...]: the installed gs-load against the cluster
gs_load() {
  local dir=$1 port=$2 bin=$PGBIN/gs-load
  shift 2
  [ -d "$dir/inst" ] && bin=$dir/inst$PGBIN/gs-load
  "$bin" -h "$dir" -p "$port" -U postgres "$@"
}

# gs_load_usgs DIR PORT DB: the shipped USGS demo spectra into table
# usgs_spectra (id, mineral, sample, instrument, file, s), loaded by gs-load
# and labelled from data/usgs_splib07/index.csv.
gs_load_usgs() {
  local dir=$1 port=$2 db=$3 data=$GS_ROOT/data/usgs_splib07
  gs_load "$dir" "$port" -d "$db" --table usgs_files --create "$data/spectra" >&2
  gs_psql "$dir" "$port" "$db" -c "CREATE TABLE usgs_index (file text, mineral text, sample_id text,
    instrument text, instrument_code text, measurement_type text, n_points int, n_valid int,
    wavelength_file text, title text)"
  gs_psql "$dir" "$port" "$db" -c "COPY usgs_index FROM STDIN (FORMAT csv, HEADER)" <"$data/index.csv"
  gs_psql "$dir" "$port" "$db" <<'SQL'
CREATE TABLE usgs_spectra AS
SELECT (row_number() OVER (ORDER BY i.mineral, i.instrument, i.file))::int AS id,
	i.mineral, i.sample_id AS sample, i.instrument, i.file, f.spectrum AS s
FROM usgs_files f JOIN usgs_index i ON f.source LIKE '%/' || i.file;
ALTER TABLE usgs_spectra ADD PRIMARY KEY (id);
SQL
}
