#!/usr/bin/env bash
# Quick start, step 2 of 2: lint, type-check and run the whole test suite.
# Extra arguments go to pytest (e.g. `scripts/test.sh -m property`, `-k tokens`).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
prepare

say "ruff"
"$VENV/bin/ruff" check .
"$VENV/bin/ruff" format --check .
say "mypy"
"$VENV/bin/mypy" .
say "pip-audit (known vulnerabilities; says so when it could not check)"
"$ROOT/scripts/audit-dependencies.sh"
say "docker-compose config"
SECRET_KEY=x JWT_SIGNING_KEY=x POSTGRES_PASSWORD=x ATS_APP_DB_PASSWORD=x ATS_OWNER_DB_PASSWORD=x \
    docker-compose config -q
say "pytest"
set +e
"$VENV/bin/pytest" --cov=apps --cov-report=term "$@"
status=$?
set -e
if [ "$status" = 5 ]; then
    echo "pytest collected no tests: that is a failure here." >&2
    exit 1
fi
exit "$status"
