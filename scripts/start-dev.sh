#!/usr/bin/env bash
# Quick start, step 1 of 2: from a fresh machine to a running ATS.
# Installs what is missing, creates the database roles and database, migrates,
# provisions the demo tenant (demo.localhost) with demo jobs, candidates and
# applications, and starts the API and a Celery
# worker in the background. Run it again at any time: it changes only what is missing.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
prepare

export DJANGO_SETTINGS_MODULE=ats.settings.local
say "Database roles and database"
"$PY" manage.py setup_database
say "Migrations"
"$PY" manage.py migrate_schemas --shared --verbosity 0
"$PY" manage.py migrate_schemas --tenant --verbosity 1
say "Demo tenant"
"$PY" manage.py provision_tenant demo --name "Demo Company" --domain demo.localhost --admin-email admin@demo.localhost
"$PY" manage.py seed_demo demo

mkdir -p var/log var/run
stop() { [ -f "var/run/$1.pid" ] && kill "$(cat "var/run/$1.pid")" 2>/dev/null || true; rm -f "var/run/$1.pid"; }
stop api; stop worker
say "Starting the API on :8000 and a Celery worker (with beat, for the inbound mail sweeper)"
# The image's settings (ats/gunicorn_conf.py), plus an access log.
nohup "$VENV/bin/gunicorn" ats.wsgi --config python:ats.gunicorn_conf --access-logfile - >var/log/api.log 2>&1 &
echo $! > var/run/api.pid
# One development worker runs beat inside it (-B); production runs beat once, apart (docker-compose.yml).
# supervise.sh starts it again if it exits (it does when Redis restarts).
nohup scripts/supervise.sh "$VENV/bin/celery" -A ats worker -B --schedule var/run/celerybeat-schedule \
    --loglevel=INFO --concurrency=2 \
    >var/log/worker.log 2>&1 &
echo $! > var/run/worker.pid

health() { curl -s -H 'Host: demo.localhost' http://127.0.0.1:8000/health || true; }
for _ in $(seq 60); do
    case "$(health)" in *'"status": "ok"'*) break ;; esac
    sleep 1
done
if ! health | grep -q '"status": "ok"'; then
    echo "The ATS did not become healthy within 60 s. /health says: $(health)" >&2
    echo "Last lines of var/log/api.log and var/log/worker.log:" >&2
    tail -n 15 var/log/api.log var/log/worker.log >&2
    exit 1
fi
echo "Health: $(health)"
cat <<INFO

The ATS is running.
  Staff admin (demo tenant):  http://demo.localhost:8000/admin/   (login printed above, once)
  API token:                  POST http://demo.localhost:8000/api/auth/token/
  API docs:                   http://localhost:8000/docs  and  /redoc
  Health:                     http://localhost:8000/health
  Logs:                       var/log/api.log, var/log/worker.log
  Stop:                       kill \$(cat var/run/api.pid var/run/worker.pid)
INFO
