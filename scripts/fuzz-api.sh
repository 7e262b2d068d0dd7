#!/usr/bin/env bash
# The long API fuzzing run: the harness of tests/test_api_fuzz.py (every operation
# as alpha's hr_admin, without credentials and with alpha's token on beta's host,
# plus the stateful chains) with many more generated cases per operation.
#
#   scripts/fuzz-api.sh                 # 200 cases per operation and caller
#   scripts/fuzz-api.sh 1000            # more
#   scripts/fuzz-api.sh 500 -k "jobs"   # extra arguments go to pytest
#
# Generation is derandomized (the same cases every run, so a failure reproduces);
# set FUZZ_SEED to any integer to draw other cases instead. It prints the number of
# requests by caller and status and the run time; figures in docs/reliability.md.
# Needs .venv and .env (scripts/start-dev.sh or scripts/test.sh makes them), and
# PostgreSQL and Redis up: pytest makes and drops its own test database.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

examples="${1:-200}"
[ $# -gt 0 ] && shift
say "API fuzzing, $examples cases per operation and caller"
started=$(date +%s)
set +e
seed=()
[ -n "${FUZZ_SEED:-}" ] && seed=(--hypothesis-seed="$FUZZ_SEED")
FUZZ_MAX_EXAMPLES="$examples" "$VENV/bin/pytest" tests/test_api_fuzz.py -p no:randomly -q "${seed[@]}" "$@"
status=$?
set -e
say "API fuzzing took $(($(date +%s) - started)) s (pytest exit status $status)"
exit "$status"
