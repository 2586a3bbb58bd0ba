#!/usr/bin/env bash
# A throw-away PostgreSQL server from Debian's packages, for the "external server" test leg.
#
#   ci/external-postgres.sh install        (root) apt-get install postgresql-15 if missing
#   ci/external-postgres.sh up DIR PORT    (unprivileged) initdb DIR, start on 127.0.0.1:PORT (or the next
#                                          free port up) with a password; prints the libpq URL on the last line
#   ci/external-postgres.sh down DIR       stop it
set -euo pipefail
MAJOR=${SCHEMA_MODULES_EXTERNAL_PG_MAJOR:-15}
BIN=/usr/lib/postgresql/$MAJOR/bin
log() { echo "[external-postgres $(date +%T)] $*" >&2; }

case "${1:-}" in
  install)
    if [ ! -x "$BIN/postgres" ]; then
      log "apt-get install postgresql-$MAJOR"
      apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "postgresql-$MAJOR" >/dev/null
    fi
    ;;
  up)
    dir=$2 port=$3
    [ -x "$BIN/postgres" ] || { echo "PostgreSQL $MAJOR is not installed (run: $0 install as root)" >&2; exit 1; }
    rm -rf "$dir" && mkdir -p "$dir"
    pw=$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 20)
    printf '%s' "$pw" >"$dir.pw"
    "$BIN/initdb" -D "$dir/data" -U ci --pwfile="$dir.pw" -A scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log"
    rm -f "$dir.pw"
    # PORT, or the next port up when something holds it: a port can still be held for a moment by what ran before
    # (an embedded server shutting down, a container's port mapping), and a run must not fail for that
    for try in $(seq 0 19); do
      : >"$dir/server.log"
      if "$BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -o "-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories=$dir -c fsync=off -c max_connections=200" start >&2; then
        break
      fi
      if [ "$try" = 19 ] || ! grep -q 'could not bind' "$dir/server.log"; then
        cat "$dir/server.log" >&2
        exit 1
      fi
      log "port $port is in use; trying $((port + 1))"
      port=$((port + 1))
    done
    log "PostgreSQL $MAJOR on 127.0.0.1:$port (data: $dir/data)"
    echo "postgresql://ci:$pw@127.0.0.1:$port/postgres"
    ;;
  down)
    dir=$2
    [ -d "$dir/data" ] && "$BIN/pg_ctl" -D "$dir/data" -m fast -w stop >&2 || true
    ;;
  *)
    echo "usage: $0 install | up DIR PORT | down DIR" >&2
    exit 2
    ;;
esac
