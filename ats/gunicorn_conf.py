"""gunicorn's settings for the API, the same wherever it is started: the image's command
(and so docker-compose's api), scripts/start-dev.sh. Started as
``gunicorn ats.wsgi --config python:ats.gunicorn_conf``; one setting can be changed for
a deployment without editing this file, e.g. GUNICORN_CMD_ARGS="--workers 4"."""

bind = "0.0.0.0:8000"

# Threads, not one request per process: a webhook waits on PostgreSQL for three round
# trips and a WAL flush, and on the sender for its 200 KB body; a sync worker's core
# idles meanwhile, a thread leaves it to the next request. gthread also keeps HTTP
# connections alive where a sync worker closes each one. Two processes for two cores.
# Eight threads each: with 32 senders posting 200 KB mails, measured in turns on the
# shared 2-core machine (eight pairs, four runs), 8 threads had the lower median in all
# eight, more answers a second in seven and the shorter slowest 1 % in six; 16 was best
# in one run and worst in the next (docs/benchmarks.md, "Webhook acknowledgement, sixth
# round"). Each thread keeps a database connection: 16 here, within PostgreSQL's 100.
worker_class = "gthread"
workers = 2
threads = 8
