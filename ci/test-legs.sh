#!/usr/bin/env bash
# The test legs CI runs, as an unprivileged user (PostgreSQL refuses to run as root).
#   ci/test-legs.sh [LEG ...]      default: all six; .ci/run runs the first itself
# Each leg can be run alone on a laptop: see README, "How tests pick PostgreSQL" and "CI".
#
#   1. testcontainers: the README's test command (./mvnw verify) with every module's tests on a
#      postgres:17 container started by Testcontainers (the path our users' CI takes); its log must be
#      quiet (ci/quiet-build.sh: no stack trace, no WARN/ERROR line that does not say why it is expected)
#   2. embedded:       core and one module (therapy) on zonky's embedded PostgreSQL 17 binaries
#   3. external:       core, therapy and the runner's operations (incl. a real pg_dump backup) against
#                      Debian's PostgreSQL 15 given by URL
#   4. pg-versions:    every module's full cycle on embedded PostgreSQL 15, 16 and 18
#   5. per-module:     each module alone, as its team's pipeline builds it: ./mvnw -pl X -am verify on
#                      Testcontainers (SCHEMA_MODULES_CI_MODULES picks modules, SCHEMA_MODULES_CI_BACKEND the
#                      back-end), with each module's time; core's tests only in core's own run
#   6. deploy:         every module deployed to a file-based Maven repository in a temp folder, then
#                      therapy-schema alone (./mvnw -pl therapy-schema -am deploy) into another one; both
#                      builds' jars must be byte-identical (reproducible builds)
#   7. squawk:         squawk (npm squawk-cli) and our linter on every shipped migration: fails on a locking or
#                      destructive squawk finding our linter neither reports nor waives (SquawkComparisonCheck)
#   8. walkthrough:    README "Release one module and deploy it with a manifest" on a temporary clone
#                      (ci/release-walkthrough.sh): therapy bumped with a new migration, verified, deployed
#                      alone; migrate --manifest applies exactly that migration to a database of the releases
#   9. fault-injection: the runner's slowest reliability scenarios, left out of a plain ./mvnw verify (JUnit tag
#                      fault-injection): the jar killed mid-migration, eight jars at once, the server stopped
#                      and restarted under a run, 5,000 migrations on a 256 MiB heap (docs/reliability.md)
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
  # the whole build's log must be quiet: no stack trace, no WARN/ERROR line that does not say why (ci/quiet-build.sh)
  local log="$STATE/testcontainers-build.log"
  "${MVN[@]}" verify -Dschemamodules.test.backend=testcontainers 2>&1 | tee "$log"
  ci/quiet-build.sh "$log"
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

per_module_leg() {
  local backend=${SCHEMA_MODULES_CI_BACKEND:-testcontainers} m start
  local modules=${SCHEMA_MODULES_CI_MODULES:-core therapy-schema telehealth-schema medication-schema chatbot-crm-schema messaging-schema}
  declare -A mtook
  if [ "$backend" = testcontainers ]; then
    export TESTCONTAINERS_RYUK_DISABLED=true TESTCONTAINERS_HOST_OVERRIDE=localhost TESTCONTAINERS_PULL_TIMEOUT=10
  fi
  for m in $modules; do
    echo "--- $m alone: ./mvnw -pl $m -am verify"
    start=$SECONDS
    # the module README's command. Javadoc is built by the deploy leg, not again per module; core's own
    # tests run in core's leg (first), not again in every module's: they were 85 % of a module leg's time
    # (therapy-schema -am verify: 424 s with them, core alone 377 s, on a loaded 2-core machine)
    local skip_core=()
    [ "$m" = core ] || skip_core=(-Dcore.skipTests=true)
    "${MVN[@]}" -pl "$m" -am verify -Dschemamodules.test.backend="$backend" -Dmaven.javadoc.skip=true "${skip_core[@]}"
    mtook[$m]=$((SECONDS - start))
    echo "--- $m passed in ${mtook[$m]} s"
  done
  echo "per-module times:"
  for m in $modules; do printf '  %-20s %5s s\n' "$m" "${mtook[$m]}"; done
}

# SHA-256 of every jar and pom deployed for one artifact (timestamped snapshot names differ, contents must not)
artifact_sums() {
  (cd "$1" && find . -name '*.jar' -o -name '*.pom' | sort | xargs -r sha256sum | awk '{print $1}' | sort)
}

deploy_leg() {
  local repo
  repo=$(mktemp -d "${TMPDIR:-/tmp}/schema-modules-deploy.XXXXXX")
  trap 'rm -rf "'"$repo"'"' RETURN
  local g=dev/schemamodules a
  # tests ran in the other legs: this leg proves publishing (jars, sources, javadoc, poms, BOM)
  "${MVN[@]}" clean deploy -DskipTests -Dlint.skip=true -DaltDeploymentRepository="local::file://$repo/all"
  for a in schema-modules-parent schema-modules-bom schema-modules-core schema-modules-therapy schema-modules-telehealth \
      schema-modules-medication schema-modules-chatbot-crm schema-modules-messaging schema-modules-runner; do
    ls "$repo/all/$g/$a"/*/"$a"-*.pom >/dev/null || { echo "deploy: $a has no pom in $repo/all" >&2; return 1; }
  done
  for a in schema-modules-core schema-modules-therapy schema-modules-telehealth schema-modules-medication \
      schema-modules-chatbot-crm schema-modules-messaging schema-modules-runner; do
    for c in '' -sources -javadoc; do
      ls "$repo/all/$g/$a"/*/"$a"-*[0-9]"$c".jar >/dev/null || { echo "deploy: $a has no ${c:-main} jar" >&2; return 1; }
    done
  done
  ls "$repo/all/$g/schema-modules-core"/*/schema-modules-core-*-tests.jar >/dev/null
  echo "deployed: $(find "$repo/all" -name '*.jar' | wc -l) jars, $(find "$repo/all" -name '*.pom' | wc -l) poms"

  # one module alone, from a clean build: its parent and core come along (-am), nothing else
  "${MVN[@]}" -pl therapy-schema -am clean deploy -DskipTests -DaltDeploymentRepository="local::file://$repo/therapy"
  local deployed
  deployed=$(cd "$repo/therapy/$g" && ls | tr '\n' ' ')
  [ "$deployed" = "schema-modules-core schema-modules-parent schema-modules-therapy " ] \
    || { echo "deploy: therapy alone deployed [$deployed], expected parent, core and therapy only" >&2; return 1; }
  for a in schema-modules-core schema-modules-therapy; do
    if ! diff <(artifact_sums "$repo/all/$g/$a") <(artifact_sums "$repo/therapy/$g/$a") >/dev/null; then
      echo "deploy: $a differs between two builds of the same commit (not reproducible)" >&2
      return 1
    fi
  done
  echo "therapy-schema deployed alone; core and therapy jars byte-identical across the two builds"
}


squawk_leg() {
  local bin
  bin=$(command -v squawk || true)
  if [ -z "$bin" ]; then
    # not installed system-wide (.ci/run does that as root): a user-local npm prefix
    command -v npm >/dev/null || { echo "squawk leg: neither squawk nor npm is installed" >&2; return 1; }
    npm install --no-audit --no-fund --prefix "$STATE/npm" squawk-cli >/dev/null
    bin="$STATE/npm/node_modules/.bin/squawk"
  fi
  echo "--- $("$bin" --version)"
  "${MVN[@]}" -o verify -pl runner -am -Dlint.skip=true -DskipITs -Dsquawk.bin="$bin" \
    -Dtest=SquawkComparisonCheck -Dsurefire.failIfNoSpecifiedTests=false
}

walkthrough_leg() {
  ci/release-walkthrough.sh
}

fault_injection_leg() {
  "${MVN[@]}" -o verify -pl runner -am -Dschemamodules.test.backend=embedded -Dlint.skip=true -Dcore.skipTests=true \
    -Dtest.excludedGroups= -Dgroups=fault-injection -Dsurefire.failIfNoSpecifiedTests=false
}

legs=${*:-${SCHEMA_MODULES_CI_LEGS:-testcontainers embedded external pg-versions per-module deploy squawk walkthrough fault-injection}}
for l in $legs; do
  leg "$l" "${l//-/_}_leg"
done
echo
echo "=== CI legs ==="
for l in $legs; do printf '  %-15s %5s s\n' "$l" "${took[$l]}"; done
