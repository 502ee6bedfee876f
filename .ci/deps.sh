#!/usr/bin/env bash
# Installs (idempotently) the Debian 12 packages that geospectra's build, tests
# and demo need.  As non-root it only checks, and says what to run.
#   --bench   also the reference tools of the benchmark scripts (scipy, PyWavelets, psycopg2)
set -euo pipefail
PGV=${PGV:-15}
PKGS=(postgresql-$PGV postgresql-server-dev-$PGV libfftw3-dev libipc-run-perl
      make gcc clang libclang-rt-14-dev)
if [ "${1:-}" = "--bench" ]; then
  PKGS+=(python3-numpy python3-scipy python3-pywt python3-psycopg2)
fi
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]} == 0)); then echo "deps: all present"; exit 0; fi
if [ "$(id -u)" != 0 ]; then
  if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    exec sudo -n env PGV="$PGV" bash "$0" "$@"
  fi
  echo "deps: missing ${missing[*]}; run as root: sudo bash .ci/deps.sh $*" >&2
  exit 1
fi
echo "deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get -o DPkg::Lock::Timeout=300 update -qq
# postgresql-$PGV is named so that server, client, libpq and server-dev move
# to one minor version together (installing server-dev alone upgrades them anyway)
apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends \
  postgresql-$PGV "${missing[@]}" </dev/null >/dev/null
sv=$(dpkg-query -W -f='${Version}' postgresql-$PGV)
dv=$(dpkg-query -W -f='${Version}' postgresql-server-dev-$PGV)
echo "deps: postgresql-$PGV $sv, postgresql-server-dev-$PGV $dv"
[ "$sv" = "$dv" ] || echo "deps: WARNING server and server-dev minor versions differ" >&2
