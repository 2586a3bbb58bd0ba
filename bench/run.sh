#!/bin/bash
# Benchmarks of schema-modules against the alternatives (see docs/benchmarks.md). Not tests: they print
# Markdown tables. Default sizes finish in a few minutes on 2 cores; --full runs the issue's sizes
# (1M-row data migrations, 1k/3k/10k-migration scale, more repetitions).
#
#   bench/run.sh [--full] [--no-build] [--verify] [item ...]     items: full-apply noop provisioning scale data (default: all)
#
# Run as an ordinary user (PostgreSQL refuses root). Needs psql on PATH (the floor) and a JDK 17+.
# --verify also times the whole `./mvnw verify` (several minutes).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
ARGS=() BUILD=1 VERIFY=0
for a in "$@"; do
  case "$a" in
    --no-build) BUILD=0 ;;
    --verify) VERIFY=1 ;;
    *) ARGS+=("$a") ;;
  esac
done
MVN=${MVN:-./mvnw}
if [[ $BUILD == 1 ]]; then
  echo "building (package -DskipTests) ..." >&2
  $MVN -q -o -DskipTests package >&2 || $MVN -q -DskipTests package >&2
fi
JAR=$ROOT/runner/target/schema-modules-runner.jar
# The fat jar carries core, every module and their dependencies; the harness (core's test classes) and the
# benchmark classes (runner's test classes) come from this build's target directories, never from ~/.m2.
CP=$ROOT/runner/target/test-classes:$ROOT/core/target/test-classes:$JAR
OUT=$ROOT/bench/out; mkdir -p "$OUT"
STAMP=$(date +%Y%m%d-%H%M%S)
java -Dschemamodules.test.backend=${SCHEMA_MODULES_TEST_BACKEND:-embedded} -Dbench.runnerJar="$JAR" -cp "$CP" \
  dev.schemamodules.bench.BenchMain "${ARGS[@]}" 2> "$OUT/$STAMP.log" \
  | grep --line-buffered -v -E "^[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3} |^\[schema-modules test harness\]" | tee "$OUT/$STAMP.md"
if [[ $VERIFY == 1 ]]; then
  echo; echo "### 3b. Whole ./mvnw verify (embedded PostgreSQL)"; echo
  s=$(date +%s.%N)
  $MVN -q -o verify -Dschemamodules.test.backend=embedded > "$OUT/$STAMP-verify.log" 2>&1 && rc=0 || rc=$?
  e=$(date +%s.%N)
  printf '| ./mvnw -o verify | %.0f s | exit %d |\n' "$(awk "BEGIN{print $e - $s}")" "$rc" | tee -a "$OUT/$STAMP.md"
fi
echo "results: $OUT/$STAMP.md (stderr log: $OUT/$STAMP.log)" >&2
