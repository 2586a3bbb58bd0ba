#!/usr/bin/env bash
# The test legs CI runs, as an unprivileged user (PostgreSQL refuses to run as root).
#   ci/test-legs.sh [LEG ...]      default: all four; .ci/run runs the first itself
# Each leg can be run alone on a laptop: see README, "How tests pick PostgreSQL".
#
#   1. testcontainers: the README's test command (./mvnw verify) with every module's tests on a
#      postgres:17 container started by Testcontainers (the path our users' CI takes)
#   2. embedded:       core and one module (therapy) on zonky's embedded PostgreSQL 17 binaries
#   3. external:       core, therapy and the runner's operations (incl. a real pg_dump backup) against
#                      Debian's PostgreSQL 15 given by URL
#   4. pg-versions:    every module's full cycle on embedded PostgreSQL 15, 16 and 18
set -euo pipefail
cd "$(dirname "$0")/.."
MVN=(./mvnw -B -ntp)
STATE=${SCHEMA_MODULES_CI_STATE:-/var/tmp/schema-modules-ci}
mkdir -p "$STATE" 2>/dev/null || STATE=$(mktemp -d)
declare -A took

leg() {
  local name=$1; shift
  echo
  echo "=== leg: $name ==="
  local start=$SECONDS
  "$@"
  took[$name]=$((SECONDS - start))
  echo "=== leg $name passed in ${took[$name]} s ==="
}

testcontainers_leg() {
  export TESTCONTAINERS_RYUK_DISABLED=true TESTCONTAINERS_HOST_OVERRIDE=localhost TESTCONTAINERS_PULL_TIMEOUT=10
  docker info >/dev/null 2>&1 || { echo "no Docker engine answers for $(id -un): the Testcontainers leg cannot run" >&2; return 1; }
  "${MVN[@]}" verify -Dschemamodules.test.backend=testcontainers
}

embedded_leg() {
  "${MVN[@]}" -o verify -pl core,therapy-schema -Dschemamodules.test.backend=embedded
}

external_leg() {
  local dir="$STATE/external-pg" url
  url=$(ci/external-postgres.sh up "$dir" 55432 | tail -1)
  trap 'ci/external-postgres.sh down "'"$dir"'"' RETURN
  SCHEMA_MODULES_TEST_DATABASE_URL="$url" "${MVN[@]}" -o verify -pl core,therapy-schema -Dschemamodules.test.backend=external
  SCHEMA_MODULES_TEST_DATABASE_URL="$url" "${MVN[@]}" -o verify -pl runner -am -Dschemamodules.test.backend=external -Dlint.skip=true \
    -Dtest='RunnerOperationsTest,RunnerCliTest' -Dsurefire.failIfNoSpecifiedTests=false -DskipITs
}

pg_versions_leg() {
  local v
  for v in 15 16 18; do
    echo "--- PostgreSQL $v: every module's full cycle"
    "${MVN[@]}" verify -pl runner -am -Dpg.major="$v" -Dschemamodules.test.backend=embedded -Dlint.skip=true \
      -Dtest=AllModulesFullCycleTest -Dsurefire.failIfNoSpecifiedTests=false -DskipITs
  done
}

legs=${*:-${SCHEMA_MODULES_CI_LEGS:-testcontainers embedded external pg-versions}}
for l in $legs; do
  leg "$l" "${l//-/_}_leg"
done
echo
echo "=== CI legs ==="
for l in $legs; do printf '  %-15s %5s s\n' "$l" "${took[$l]}"; done
