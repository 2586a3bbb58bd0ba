#!/usr/bin/env bash
# Gives Testcontainers a Docker engine and local PostgreSQL images on a machine with no Docker Hub.
#
#   ci/docker-postgres.sh up [MAJOR ...]   install docker.io + mmdebstrap if missing, start dockerd if no
#                                          engine answers, build postgres:<MAJOR> (default: 17 15) from
#                                          Debian packages unless the tag already exists, smoke-test them
#   ci/docker-postgres.sh down             stop the dockerd this script started (by its PID)
#
# Images are tagged with the official names (postgres:17, postgres:15) so unmodified tests that ask
# for them find them locally (Testcontainers does not pull a present non-latest tag). Majors come from
# Debian: 15 = bookworm's postgresql-15, 17 = trixie's postgresql-17. Idempotent: reuses a running
# engine and existing images. State (PID file, logs, engine data): $SCHEMA_MODULES_DOCKER_STATE
# (default /var/lib/schema-modules-ci; root only, never chown it).
set -euo pipefail
STATE=${SCHEMA_MODULES_DOCKER_STATE:-/var/lib/schema-modules-ci}
HERE=$(cd "$(dirname "$0")" && pwd)
log() { echo "[docker-postgres $(date +%T)] $*"; }
die() { echo "[docker-postgres] ERROR: $*" >&2; exit 1; }

suite_for() {
  case "$1" in
    15) echo bookworm ;;
    17) echo trixie ;;
    *) die "PostgreSQL $1 is not packaged in Debian bookworm (15) or trixie (17); use 15 or 17" ;;
  esac
}

mirror() {
  local m
  m=$(grep -h '^URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '{print $2}' | grep -v security | head -1 || true)
  [ -n "$m" ] || m=$(awk '/^deb /{print $2; exit}' /etc/apt/sources.list 2>/dev/null || true)
  [ -n "$m" ] || die "no Debian mirror found in the apt sources"
  echo "$m"
}

install_packages() {
  local missing=()
  command -v dockerd >/dev/null || missing+=(docker.io)
  command -v mmdebstrap >/dev/null || missing+=(mmdebstrap)
  if [ ${#missing[@]} -gt 0 ]; then
    [ "$(id -u)" = 0 ] || die "need root to install ${missing[*]}"
    log "apt-get install ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

start_engine() {
  if docker info >/dev/null 2>&1; then
    log "reusing the Docker engine that already answers"
    return
  fi
  [ "$(id -u)" = 0 ] || die "no Docker engine answers and only root can start one"
  mkdir -p "$STATE"
  getent group docker >/dev/null || groupadd --system docker
  log "starting dockerd (log: $STATE/dockerd.log)"
  nohup dockerd --storage-driver=overlay2 --data-root="$STATE/docker" --group docker >"$STATE/dockerd.log" 2>&1 &
  echo $! >"$STATE/dockerd.pid"
  for _ in $(seq 1 120); do docker info >/dev/null 2>&1 && break; sleep 0.5; done
  docker info >/dev/null 2>&1 || { tail -20 "$STATE/dockerd.log" >&2; die "dockerd did not come up (see $STATE/dockerd.log)"; }
}

build_image() {
  local major=$1 suite tag=postgres:$1
  if docker image inspect "$tag" >/dev/null 2>&1; then
    log "image $tag exists; reusing it"
    return
  fi
  suite=$(suite_for "$major")
  log "building $tag from Debian $suite postgresql-$major"
  mkdir -p "$STATE"
  TMPDIR="$STATE" mmdebstrap --variant=minbase --include="postgresql-$major" \
    --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/doc/*' \
    --dpkgopt='path-exclude=/usr/share/locale/*' \
    --essential-hook='mkdir -p "$1/etc/postgresql-common/createcluster.d" && echo "create_main_cluster = false" > "$1/etc/postgresql-common/createcluster.d/no-main.conf"' \
    --customize-hook="copy-in $HERE/docker-entrypoint.sh /usr/local/bin/" \
    --customize-hook='mkdir -p "$1/docker-entrypoint-initdb.d"' \
    --customize-hook='rm -rf "$1"/var/lib/apt/lists/* "$1"/var/cache/apt/*' \
    "$suite" - "$(mirror)" 2>"$STATE/mmdebstrap-$major.log" \
  | docker import \
    --change "ENV PATH=/usr/lib/postgresql/$major/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
    --change 'ENV LANG=C.UTF-8' --change 'ENV PGDATA=/var/lib/postgresql/data' \
    --change 'ENTRYPOINT ["/usr/local/bin/docker-entrypoint.sh"]' --change 'CMD ["postgres"]' \
    --change 'EXPOSE 5432' \
    - "local/postgres:$major" >/dev/null || { tail -20 "$STATE/mmdebstrap-$major.log" >&2; die "building $tag failed"; }
  docker tag "local/postgres:$major" "$tag"
}

smoke_test() {
  local major=$1 cid port
  cid=$(docker run -d -p 127.0.0.1::5432 -e POSTGRES_PASSWORD=smoke "postgres:$major")
  for _ in $(seq 1 200); do
    [ "$(docker logs "$cid" 2>&1 | grep -c 'ready to accept connections')" -ge 2 ] && break
    sleep 0.1
  done
  port=$(docker port "$cid" 5432/tcp | head -1 | sed 's/.*://')
  if ! timeout 5 bash -c "exec 3<>/dev/tcp/127.0.0.1/$port"; then
    docker logs "$cid" >&2 || true
    docker rm -f "$cid" >/dev/null
    die "postgres:$major did not accept connections"
  fi
  docker rm -f "$cid" >/dev/null
  log "postgres:$major answers"
}

case "${1:-}" in
  up)
    shift
    majors=("$@")
    [ ${#majors[@]} -gt 0 ] || majors=(17 15)
    install_packages
    start_engine
    for m in "${majors[@]}"; do build_image "$m"; smoke_test "$m"; done
    ;;
  down)
    if [ -f "$STATE/dockerd.pid" ]; then
      pid=$(cat "$STATE/dockerd.pid")
      if kill -0 "$pid" 2>/dev/null; then
        log "stopping dockerd (pid $pid)"
        kill "$pid"
        for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
      fi
      rm -f "$STATE/dockerd.pid"
    fi
    ;;
  *)
    echo "usage: $0 up [MAJOR ...] | down" >&2
    exit 2
    ;;
esac
