#!/usr/bin/env bash
# Runs a command and starts it again whenever it exits, as production's restart
# policy does (docker-compose.yml: `restart: unless-stopped`). The Celery worker
# needs it: it exits when Redis restarts or runs out of memory (docs/reliability.md,
# "Fault drills"). The command runs in a process group of its own, and what is
# left of the group (a worker's embedded beat outlives a killed worker) is stopped
# before the next start. SIGTERM or SIGINT stops the command and this loop.
#   scripts/supervise.sh celery -A ats worker ...
set -u
set -m
child=0
stop_group() { kill -TERM -- "-$child" 2>/dev/null; }
stopping() { stop_group; wait "$child"; exit 0; }
trap stopping TERM INT
while true; do
    "$@" &
    child=$!
    wait "$child"
    status=$?
    stop_group
    echo "$(date -u +%FT%TZ) supervise.sh: $1 exited with status $status; starting it again in 2 s" >&2
    sleep 2 &
    wait $!
done
