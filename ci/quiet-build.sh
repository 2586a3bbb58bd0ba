#!/usr/bin/env bash
# Checks that a green build's log is quiet: no stack trace and no WARN/ERROR line that does not explain
# itself. Tests that provoke failures capture and assert the output they expect instead of letting it
# reach the console; a warning that must stay says on its own line why it is expected, with "(expected".
#
#   ci/quiet-build.sh BUILD.LOG        exit 0 when quiet; else exit 1 and print the offending lines
#
# Flagged: Maven's [WARNING] / [ERROR] lines, log lines at WARN or ERROR (logback's "HH:mm:ss.SSS WARN  ..."
# or "WARN  logger - ..."), exception lines ("java.net.BindException: ...", "Caused by: ..."), stack frames
# ("\tat ...", "    at ..."). The testcontainers leg of ci/test-legs.sh runs it on the whole build's log.
set -euo pipefail
log=${1:?usage: ci/quiet-build.sh BUILD.LOG}
[ -r "$log" ] || { echo "quiet-build: cannot read $log" >&2; exit 2; }

pattern='^\[(WARNING|ERROR)\]|^([0-9:.]+ +)?(WARN|ERROR) |^(Caused by: )?[a-z][a-zA-Z0-9_.$]*\.[A-Z][a-zA-Z0-9_$]*(Exception|Error)(: |$)|^(	|    )at [a-zA-Z]|^	\.\.\. [0-9]+ more'
noisy=$(grep -nE "$pattern" "$log" | grep -v '(expected' || true)
if [ -n "$noisy" ]; then
  count=$(printf '%s\n' "$noisy" | wc -l)
  echo "quiet-build: $count line(s) of $log are warnings, errors or stack traces that do not say why they are expected:" >&2
  printf '%s\n' "$noisy" | head -40 >&2
  [ "$count" -le 40 ] || echo "... and $((count - 40)) more" >&2
  echo "Capture and assert the output in the test that provokes it, or fix its cause (README, 'CI')." >&2
  exit 1
fi
echo "quiet-build: $(wc -l < "$log") lines of $log, no unexplained warning, error or stack trace"
