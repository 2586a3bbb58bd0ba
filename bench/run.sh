#!/bin/bash
# Benchmarks of schema-modules against the alternatives (see docs/benchmarks.md). Not tests: they print
# Markdown tables. Default sizes finish in a few minutes on 2 cores; --full runs the issue's sizes
# (1M-row data migrations, 1k/3k/10k-migration scale, more repetitions).
#
#   bench/run.sh [--full] [--no-build] [--verify] [--tmpfs] [item ...]
#                                                                items: full-apply noop provisioning scale data backfill boundary
#                                                                (default: all but boundary)
#   boundary: the cost of the per-migration module-boundary checks (docs/reliability.md)
#   backfill: chatbot-crm's BackfillBenchmark: the public-id backfill of N legacy patients while a writer and a
#             reader run (100,000 rows; --full: 1,000,000), each variant on a freshly loaded database, same run;
#             --rows=N, --runs=N (repeat, then min/median/max), --variants=a;b (default "default;workers=2";
#             a variant is task options such as workers=2,target-batch-ms=50, or schema=1.0.0, or previous);
#             --shared-buffers=SIZE sizes the embedded server's shared_buffers (default 128MB; 1,000,000 patients
#             and their six indexes take about 350 MB).
#
# --tmpfs: the embedded server's data directory in memory (a folder of its own under /dev/shm, or under
#          BENCH_TMPFS_DIR; 2 GB free, removed at the end) instead of the temporary folder on disk. Creating a relation creates
#          its files, and on a disk that cost can dominate the psql floor and drift between runs; in memory the figures
#          show the tools' own cost. With --full the run goes to its own section of docs/benchmarks.md.
#
# Run as an ordinary user (PostgreSQL refuses root). Needs psql on PATH (the floor) and a JDK 17+.
# --verify also times the whole `./mvnw verify` (several minutes).
# --full also rewrites the generated part of docs/benchmarks.md (between its bench/run.sh markers) with this
# run's output: commit, machine, load, the goals met or not, every table. The rest of the file (sections
# other benchmarks own, e.g. the lock report and the backfill) is kept as it is.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
CMDLINE="bench/run.sh $*"
ARGS=() BUILD=1 VERIFY=0 FULL=0 TMPFS=0 BACKFILL=0 OTHERS=0 ROWS= RUNS=1 VARIANTS="default;workers=2" SHARED_BUFFERS=
for a in "$@"; do
  case "$a" in
    --no-build) BUILD=0 ;;
    --verify) VERIFY=1 ;;
    --tmpfs) TMPFS=1 ;;
    --full) FULL=1; ARGS+=("$a") ;;
    backfill) BACKFILL=1 ;;
    --rows=*) ROWS=${a#--rows=} ;;
    --runs=*) RUNS=${a#--runs=} ;;
    --variants=*) VARIANTS=${a#--variants=} ;;
    --shared-buffers=*) SHARED_BUFFERS=${a#--shared-buffers=} ;;
    all) BACKFILL=1; OTHERS=1; ARGS+=("$a") ;;
    *) OTHERS=1; ARGS+=("$a") ;;
  esac
done
if [[ $BACKFILL == 0 && $OTHERS == 0 ]]; then BACKFILL=1; OTHERS=1; fi
MVN=${MVN:-./mvnw}
# The embedded server's data directory goes to Java's temporary folder (on Linux /tmp whatever TMPDIR says), also
# where the test harness's default would put it in memory (/dev/shm): the benchmarks say where it is
JAVA_TMP=("-Dschemamodules.test.dataDir=tmpdir")
FS_TYPE=$(findmnt -n -o FSTYPE -T /tmp 2>/dev/null || stat -f -c %T /tmp)
DATA_DIR_NOTE="Server data directory: the JVM's temporary folder ($FS_TYPE file system)."
if [[ $TMPFS == 1 ]]; then
  if [[ ${SCHEMA_MODULES_TEST_BACKEND:-embedded} != embedded ]]; then
    echo "bench/run.sh: --tmpfs places the embedded server's data directory; SCHEMA_MODULES_TEST_BACKEND=$SCHEMA_MODULES_TEST_BACKEND is another server" >&2
    exit 2
  fi
  TMPFS_PARENT=${BENCH_TMPFS_DIR:-/dev/shm}
  if [[ $(stat -f -c %T "$TMPFS_PARENT" 2>/dev/null) != tmpfs || ! -w $TMPFS_PARENT ]]; then
    echo "bench/run.sh: --tmpfs needs a writable tmpfs folder: $TMPFS_PARENT is not one (set BENCH_TMPFS_DIR)" >&2
    exit 2
  fi
  # the server's WAL alone may grow to max_wal_size (1 GB) between checkpoints at the 10,000-migration size
  AVAIL_KB=$(df -Pk "$TMPFS_PARENT" | awk 'NR == 2 { print $4 }')
  if (( AVAIL_KB < 2 * 1024 * 1024 )); then
    echo "bench/run.sh: --tmpfs needs 2 GB free in $TMPFS_PARENT, which has $(( AVAIL_KB / 1024 )) MB (set BENCH_TMPFS_DIR)" >&2
    exit 2
  fi
  BENCH_TMP=$(mktemp -d "$TMPFS_PARENT/schema-modules-bench.XXXXXX")
  trap 'rm -rf "$BENCH_TMP"' EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  JAVA_TMP=("-Djava.io.tmpdir=$BENCH_TMP" "-Dschemamodules.test.dataDir=tmpdir")
  DATA_DIR_NOTE="Server data directory: in memory (tmpfs, --tmpfs)."
fi
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
LOAD_BEFORE=$(uptime | sed 's/.*load average: //')
STARTED=$(date -u '+%Y-%m-%d %H:%M UTC')
FILTER='^[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3} |^\[schema-modules test harness\]'
echo "$DATA_DIR_NOTE" >&2
: > "$OUT/$STAMP.md"
if [[ $OTHERS == 1 ]]; then
  java "${JAVA_TMP[@]}" -Dschemamodules.test.backend=${SCHEMA_MODULES_TEST_BACKEND:-embedded} -Dbench.runnerJar="$JAR" -Dbench.goals="$OUT/$STAMP.goals" -cp "$CP" \
    dev.schemamodules.bench.BenchMain "${ARGS[@]}" 2> "$OUT/$STAMP.log" \
    | grep --line-buffered -v -E "$FILTER" | tee -a "$OUT/$STAMP.md"
fi
if [[ $BACKFILL == 1 ]]; then
  # the module's own classes first: the fat jar carries the module as built, the benchmark lives in its tests
  BCP=$ROOT/chatbot-crm-schema/target/test-classes:$ROOT/chatbot-crm-schema/target/classes:$CP
  if [[ -z $ROWS ]]; then ROWS=100000; [[ $FULL == 1 ]] && ROWS=1000000; fi
  IFS=';' read -r -a VARIANT_LIST <<< "$VARIANTS"
  { echo; echo "### Backfill public ids ($ROWS legacy patients, concurrent writer and reader, $(date -u '+%Y-%m-%d %H:%M') UTC)"; echo; } | tee -a "$OUT/$STAMP.md"
  java "${JAVA_TMP[@]}" -Dschemamodules.test.backend=${SCHEMA_MODULES_TEST_BACKEND:-embedded} -Dschemamodules.test.sharedBuffers="$SHARED_BUFFERS" -cp "$BCP" \
    dev.schemamodules.chatbotcrm.BackfillBenchmark "$ROWS" "--runs=$RUNS" "${VARIANT_LIST[@]}" 2>> "$OUT/$STAMP.log" \
    | grep --line-buffered -v -E "$FILTER" | tee -a "$OUT/$STAMP.md"
fi
if [[ $VERIFY == 1 ]]; then
  echo; echo "### 3b. Whole ./mvnw verify (embedded PostgreSQL)"; echo
  s=$(date +%s.%N)
  $MVN -q -o verify -Dschemamodules.test.backend=embedded > "$OUT/$STAMP-verify.log" 2>&1 && rc=0 || rc=$?
  e=$(date +%s.%N)
  secs=$(awk "BEGIN{printf \"%.0f\", $e - $s}")
  printf '| ./mvnw -o verify (every module, tests tagged fault-injection left to their CI leg) | %s s | exit %d |\n' "$secs" "$rc" | tee -a "$OUT/$STAMP.md"
  met="not met"; [[ $rc == 0 && $secs -le 240 ]] && met=met
  echo "| 5. \`./mvnw verify\` ≤ 4 minutes, every module's tests in it | $secs s (exit $rc) | **$met** |" >> "$OUT/$STAMP.goals"
fi
LOAD_AFTER=$(uptime | sed 's/.*load average: //')
if [[ -s "$OUT/$STAMP.goals" ]]; then
  { echo; echo "### Goals of this run"; echo; echo "| goal | figure | |"; echo "|---|---|---|"; cat "$OUT/$STAMP.goals"; } | tee -a "$OUT/$STAMP.md"
fi
if [[ $FULL == 1 ]]; then
  # the generated part of docs/benchmarks.md: between the two markers, replaced whole; the rest is kept
  DOC=$ROOT/docs/benchmarks.md BEGIN='<!-- bench/run.sh --full: generated from here -->' END='<!-- bench/run.sh --full: generated up to here -->'
  if [[ $TMPFS == 1 ]]; then
    BEGIN='<!-- bench/run.sh --full --tmpfs: generated from here -->' END='<!-- bench/run.sh --full --tmpfs: generated up to here -->'
  fi
  {
    echo "$BEGIN"
    echo
    echo "## Results of \`$CMDLINE\`"
    echo
    echo "Run at commit \`$(git rev-parse --short HEAD)\`$(git diff --quiet HEAD -- . ':!docs' || echo ' (with uncommitted changes)'), started $STARTED; load average"
    echo "(1, 5, 15 min) $LOAD_BEFORE at the start, $LOAD_AFTER at the end ($(nproc) cores; anything else running shows there). Medians"
    echo "in bold with min and max; ratios are between figures of this run. \"Cold\" and \"warm\" are said per table. $DATA_DIR_NOTE"
    echo
    grep -v -E '^## schema-modules benchmarks|^all benchmarks:|^results:' "$OUT/$STAMP.md"
    echo
    echo "$END"
  } > "$OUT/$STAMP.section"
  python3 - "$DOC" "$OUT/$STAMP.section" "$BEGIN" "$END" <<'PY'
import sys
doc, section, begin, end = sys.argv[1:]
text = open(doc, encoding='utf-8').read()
new = open(section, encoding='utf-8').read().rstrip('\n')
if begin in text and end in text:
    text = text[:text.index(begin)] + new + text[text.index(end) + len(end):]
else:
    text = text.rstrip('\n') + '\n\n' + new + '\n'
open(doc, 'w', encoding='utf-8').write(text)
PY
  echo "docs/benchmarks.md: generated section rewritten" >&2
fi
echo "results: $OUT/$STAMP.md (stderr log: $OUT/$STAMP.log)" >&2
