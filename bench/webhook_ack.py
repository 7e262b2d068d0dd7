"""Webhook acknowledgement: latency of the Mailgun inbound webhook under 32 concurrent
senders posting 200 KB messages, through gunicorn on loopback.

    .venv/bin/python bench/webhook_ack.py [--requests 2000] [--senders 32] [--port 8766]

Each request is what Mailgun posts for a route that forwards raw MIME
(/anymail/mailgun/inbound_mime/): multipart/form-data with the signature fields
and ``body-mime``, a ~200 KB mail (a text body, a real resume PDF from
../shared/data/resumes and a filler attachment), signed with a fresh token and
timestamp and carrying its own Message-ID, so that every one is stored. The
answer includes everything the provider waits for: basic auth, signature,
timestamp window and token replay check (a row), parsing, the tenant lookup, the
insert of the message with its raw MIME and attachment rows, the commit, and the
enqueue on commit (to Redis database 11, which no worker reads; emptied at the end).

Tenant ``webhook`` in the scratch database bench_ats (provisioned here, its
messages emptied before each setup). Two gunicorn setups in the same run: sync
(2 workers) and gthread (2 workers x 4 threads). Senders are threads of this
process with their own keep-alive connection, sharing the 2 cores with gunicorn,
PostgreSQL and Redis. Logging is off (bench.settings_api). After each setup the
script checks that every request was stored and enqueued once.
"""

import argparse
import base64
import hashlib
import hmac
import http.client
import os
import statistics
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import BENCH_DATABASE, ROOT, bench_env, percentile, run, with_database

TENANT = "webhook"
SCHEMA = "t_webhook"
BROKER = "redis://127.0.0.1:6379/11"
SECRET = "bench:" + "webhook-secret"  # a scratch database only
SIGNING_KEY = "bench-signing-key"
SIZE = 200 * 1024
BOUNDARY = "BenchBoundary7MA4YWxkTrZu0gW"
RESUME = ROOT.parent / "shared" / "data" / "resumes" / "rendercv__John_Doe_ClassicTheme_CV.pdf"
SETUPS = {
    "sync, 2 workers": ["--worker-class", "sync", "--workers", "2"],
    "gthread, 2 workers x 4 threads": ["--worker-class", "gthread", "--workers", "2", "--threads", "4"],
}
WARM_UP = 40


def environment(broker: str = BROKER, **extra: str) -> dict[str, str]:
    """The API's environment for a webhook benchmark: known secrets, no rate limits."""
    return bench_env(
        "bench.settings_api",
        ANYMAIL_WEBHOOK_SECRET=SECRET,
        MAILGUN_WEBHOOK_SIGNING_KEY=SIGNING_KEY,
        INGESTION_SENDER_LIMIT="0",
        INGESTION_TENANT_LIMIT="0",
        CELERY_BROKER_URL=broker,
        INBOUND_DOMAIN="inbound.localhost",
        PUBLIC_HOSTS="localhost,127.0.0.1",
        **extra,
    )


def provision(env: dict[str, str]) -> None:
    run(["manage.py", "setup_database"], env)
    run(["manage.py", "migrate_schemas", "--shared", "--verbosity", "0"], env)
    run(["manage.py", "provision_tenant", TENANT, "--name", "Webhook bench", "--domain", "webhook.localhost"], env)
    run(["manage.py", "migrate_schemas", "--tenant", "--schema", SCHEMA, "--verbosity", "0"], env)


def owner_execute(statement: str) -> list[tuple[object, ...]]:
    import psycopg

    with psycopg.connect(with_database(os.environ["DATABASE_OWNER_URL"], BENCH_DATABASE), autocommit=True) as db:
        cursor = db.execute(statement)
        return cursor.fetchall() if cursor.description else []


def empty() -> None:
    owner_execute(f"TRUNCATE {SCHEMA}.ingestion_inboundmessage, {SCHEMA}.ingestion_inboundattachment")
    owner_execute("TRUNCATE public.tenants_webhooktoken")
    import redis

    redis.Redis.from_url(BROKER).flushdb()


def mime_template() -> bytes:
    """A ~200 KB mail with MESSAGE_ID as the placeholder of its Message-ID."""
    from email.message import EmailMessage

    mail = EmailMessage()
    mail["From"] = "Applicant <applicant@example.com>"
    mail["To"] = f"{TENANT}@inbound.localhost"
    mail["Subject"] = "Application: backend engineer"
    mail["Date"] = "Tue, 04 Mar 2025 09:15:00 +0100"
    mail["Message-ID"] = "<MESSAGE_ID>"
    mail.set_content("Hello,\n\nplease find my resume attached.\n\nBest regards\n")
    resume = RESUME.read_bytes()
    mail.add_attachment(resume, maintype="application", subtype="pdf", filename=RESUME.name)
    filler = os.urandom(max(0, (SIZE - len(resume) * 4 // 3 - 2000) * 3 // 4))
    mail.add_attachment(filler, maintype="application", subtype="octet-stream", filename="portfolio.bin")
    return bytes(mail.as_bytes())


def form(fields: list[tuple[str, bytes]]) -> bytes:
    parts = [
        b"--" + BOUNDARY.encode() + b'\r\nContent-Disposition: form-data; name="' + name.encode() + b'"\r\n\r\n' + value
        for name, value in fields
    ]
    return b"\r\n".join(parts) + b"\r\n--" + BOUNDARY.encode() + b"--\r\n"


def mailgun_form(*, tenant: str, sender: str, mime: bytes) -> bytes:
    """A Mailgun raw-MIME webhook body for ``tenant``'s address, signed with a fresh token."""
    token = uuid.uuid4().hex * 2
    stamp = str(int(time.time()))
    signature = hmac.new(SIGNING_KEY.encode(), f"{stamp}{token}".encode(), hashlib.sha256).hexdigest()
    return form(
        [
            ("token", token.encode()),
            ("timestamp", stamp.encode()),
            ("signature", signature.encode()),
            ("recipient", f"{tenant}@inbound.localhost".encode()),
            ("sender", sender.encode()),
            ("body-mime", mime),
        ]
    )


def request_body(template: bytes) -> bytes:
    mime = template.replace(b"MESSAGE_ID", f"bench-{uuid.uuid4().hex}@example.com".encode(), 1)
    return mailgun_form(tenant=TENANT, sender="applicant@example.com", mime=mime)


HEADERS = {
    "Host": "localhost",
    "Content-Type": f"multipart/form-data; boundary={BOUNDARY}",
    "Authorization": "Basic " + base64.b64encode(SECRET.encode()).decode(),
}


def sender(port: int, template: bytes, count: int, latencies: list[float], errors: list[str]) -> None:
    connection: http.client.HTTPConnection | None = None
    for _ in range(count):
        body = request_body(template)
        start = time.perf_counter()
        try:
            if connection is None:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            connection.request("POST", "/anymail/mailgun/inbound_mime/", body, HEADERS)
            response = connection.getresponse()
            response.read()
            elapsed = (time.perf_counter() - start) * 1000
            if response.status != 200:
                errors.append(str(response.status))
            else:
                latencies.append(elapsed)
            if response.getheader("Connection", "").lower() == "close":
                connection.close()
                connection = None
        except (OSError, http.client.HTTPException) as error:
            errors.append(type(error).__name__)
            if connection is not None:
                connection.close()
            connection = None
    if connection is not None:
        connection.close()


def burst(port: int, template: bytes, senders: int, requests: int) -> tuple[list[float], list[str], float]:
    latencies: list[float] = []
    errors: list[str] = []
    per_sender = [requests // senders + (1 if index < requests % senders else 0) for index in range(senders)]
    threads = [threading.Thread(target=sender, args=(port, template, count, latencies, errors)) for count in per_sender]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, errors, time.perf_counter() - start


def measure(name: str, options: list[str], env: dict[str, str], args: argparse.Namespace, template: bytes) -> None:
    empty()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "ats.wsgi", "--bind", f"127.0.0.1:{args.port}", *options,
         "--log-level", "warning"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                http.client.HTTPConnection("127.0.0.1", args.port, timeout=1).request("HEAD", "/health")
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise SystemExit("gunicorn did not start") from None
                time.sleep(0.2)
        burst(args.port, template, args.senders, WARM_UP)
        latencies, errors, seconds = burst(args.port, template, args.senders, args.requests)
    finally:
        server.terminate()
        server.wait(timeout=30)
    stored = owner_execute(
        f"SELECT set_config('app.tenant_id', (SELECT id::text FROM public.tenants_tenant WHERE slug = '{TENANT}'),"
        f" false), (SELECT count(*) FROM {SCHEMA}.ingestion_inboundmessage)"
    )[0][1]
    import redis

    queued = redis.Redis.from_url(BROKER).llen("celery")
    print(
        f"| {name} | {args.senders} | {len(latencies)} | {statistics.median(latencies):.1f} ms "
        f"| {percentile(latencies, 0.99):.1f} ms | {max(latencies):.1f} ms | {len(latencies) / seconds:.0f}/s "
        f"| {len(errors)} | {stored} stored, {queued} enqueued |"
    )
    if errors:
        print(f"  errors: {sorted(set(errors))}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--senders", type=int, default=32)
    parser.add_argument("--port", type=int, default=8766)
    args = parser.parse_args()
    env = environment()
    provision(env)
    template = mime_template()
    size = len(request_body(template))
    print(f"request body {size / 1024:.0f} KiB; {args.requests} requests (+{WARM_UP} warm-up) per setup\n")
    print("| gunicorn | senders | requests | p50 | p99 | max | throughput | errors | check |")
    print("|---|---|---|---|---|---|---|---|---|")
    for name, options in SETUPS.items():
        measure(name, options, env, args, template)
    empty()


if __name__ == "__main__":
    main()
