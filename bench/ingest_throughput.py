"""End-to-end ingestion throughput: text-PDF resumes posted to the Mailgun webhook
until all are candidates, with 2 Celery worker processes; and the pipeline's CPU
per resume against the parse-only cost of the same files, measured in the same run.

    .venv/bin/python bench/ingest_throughput.py [--resumes 2000] [--senders 8] [--port 8767]

The resumes are generated here with PyMuPDF (one page of text each, a distinct
person each: name, email, phone, experience, education, skills). They are posted
as raw MIME (/anymail/mailgun/inbound_mime/) by --senders threads to gunicorn
(gthread, 2 workers x 4 threads) while one Celery worker with --concurrency=2
(two prefork processes, each with its extraction sandbox) processes them; the
clock runs from the first post until every message is done or failed.

CPU: the worker's process tree (the two processes, their sandbox children and the
children they reaped), read from /proc before and after, divided by the number of
resumes. Parse-only: extract_in_process + parse of a sample of the same PDFs in this
process (CPU time), the cost of the work without the pipeline around it (the
sandbox's IPC, the database writes, duplicate matching, Celery). The machine is
shared: other programs' load shows in the wall-clock figures, not in the CPU ones.

Tenant ``ingest`` in the scratch database bench_ats, emptied before each run;
Redis database 10 is the broker (emptied before and after).
"""

import argparse
import datetime
import http.client
import os
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from email.message import EmailMessage
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import ROOT, run
from bench.webhook_ack import HEADERS, environment, mailgun_form, owner_execute

TENANT = "ingest"
SCHEMA = "t_ingest"
BROKER = "redis://127.0.0.1:6379/10"
SAMPLE = 200
FIRST = ["Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Frances", "Ken", "Radia", "Tim", "Margaret", "Linus"]
LAST = ["Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Knuth", "Allen", "Thompson", "Perlman", "Lee"]
SKILLS = ["Python", "Django", "PostgreSQL", "Redis", "Celery", "Docker", "Kubernetes", "Go", "React", "SQL"]


def resume_pdf(number: int, *, email: str = "") -> bytes:
    """Person ``number``'s one-page resume; ``email`` replaces their usual address
    (the same person writing from another one)."""
    import pymupdf

    name = f"{FIRST[number % len(FIRST)]} {LAST[number // len(FIRST) % len(LAST)]}-{number}"
    skills = ", ".join(SKILLS[(number + k) % len(SKILLS)] for k in range(5))
    contact = f"{email or person_email(number)} | +1 415 555 {number % 10000:04d} | Berlin, Germany"
    lines = [
        (name, 20), (contact, 10), ("", 8),
        ("EXPERIENCE", 13), (f"Software Engineer, Company {number % 97}", 11), ("Jan 2019 - Present", 10),
        ("Built services in Python and PostgreSQL for millions of users.", 10),
        (f"Junior Developer, Startup {number % 31}", 11), ("Jun 2016 - Dec 2018", 10), ("", 8),
        ("EDUCATION", 13), ("B.Sc. Computer Science, Technical University of Berlin, 2012 - 2016", 10), ("", 8),
        ("SKILLS", 13), (skills, 10),
    ]  # fmt: skip
    mupdf: Any = pymupdf
    document = mupdf.open()
    page = document.new_page(width=595, height=842)
    y = 72.0
    for text, size in lines:
        if text:
            page.insert_text((72, y), text, fontsize=size, fontname="helv")
        y += size * 1.8
    data: bytes = document.tobytes()
    document.close()
    return data


def person_email(number: int) -> str:
    return f"person{number}@example.org"


def resume_mail(number: int, pdf: bytes, *, tenant: str, sender: str) -> bytes:
    """Raw MIME of a mail from ``sender`` to ``tenant``'s address with the PDF attached, its own Message-ID."""
    mail = EmailMessage()
    mail["From"] = sender
    mail["To"] = f"{tenant}@inbound.localhost"
    mail["Subject"] = "Application"
    mail["Message-ID"] = f"<{tenant}-{number}-{uuid.uuid4().hex}@example.org>"
    mail.set_content("Hello, my resume is attached.\n")
    mail.add_attachment(pdf, maintype="application", subtype="pdf", filename=f"cv-{number}.pdf")
    return bytes(mail.as_bytes())


def post_body(number: int, pdf: bytes, *, tenant: str = TENANT) -> bytes:
    sender = person_email(number)
    return mailgun_form(tenant=tenant, sender=sender, mime=resume_mail(number, pdf, tenant=tenant, sender=sender))


def parse_only(pdfs: list[bytes]) -> float:
    """CPU ms per resume of extraction (in process) and parsing."""
    from apps.ingestion.extraction import extract_in_process
    from apps.ingestion.parsing import parse

    today = datetime.date.today()
    for pdf in pdfs[:5]:
        parse(extract_in_process(pdf), today=today)  # warm-up: the taxonomy, fonts
    start = time.process_time()
    for pdf in pdfs:
        document = extract_in_process(pdf)
        assert document.ok
        assert parse(document, today=today).name
    return (time.process_time() - start) / len(pdfs) * 1000


def tree_cpu(root: int) -> float:
    """CPU seconds of a process and every live descendant, with the children they reaped."""
    ticks = os.sysconf("SC_CLK_TCK")
    children: dict[int, list[int]] = {}
    stats: dict[int, list[str]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        stats[int(entry)] = fields
        children.setdefault(int(fields[1]), []).append(int(entry))
    total, pending = 0.0, [root]
    while pending:
        pid = pending.pop()
        stat = stats.get(pid)
        if stat is None:
            continue
        total += sum(int(value) for value in stat[11:15]) / ticks  # utime stime cutime cstime
        pending.extend(children.get(pid, []))
    return total


def tenant_counts(tenant: str = TENANT, schema: str = SCHEMA) -> tuple[int, int, int]:
    """Messages done, messages failed, candidates of ``tenant``."""
    row = owner_execute(
        f"SELECT set_config('app.tenant_id', (SELECT id::text FROM public.tenants_tenant WHERE slug = '{tenant}'),"
        f" false), (SELECT count(*) FILTER (WHERE status = 'done') FROM {schema}.ingestion_inboundmessage),"
        f" (SELECT count(*) FILTER (WHERE status = 'failed') FROM {schema}.ingestion_inboundmessage),"
        f" (SELECT count(*) FROM {schema}.candidates_candidate)"
    )[0]
    return int(str(row[1])), int(str(row[2])), int(str(row[3]))


def tenant_prepare(env: dict[str, str], *, tenant: str, schema: str, name: str) -> None:
    """Provision ``tenant`` in bench_ats (if missing), migrate its schema, empty its mail and candidates."""
    run(["manage.py", "setup_database"], env)
    run(["manage.py", "migrate_schemas", "--shared", "--verbosity", "0"], env)
    run(["manage.py", "provision_tenant", tenant, "--name", name, "--domain", f"{tenant}.localhost"], env)
    run(["manage.py", "migrate_schemas", "--tenant", "--schema", schema, "--verbosity", "0"], env)
    tenant_empty(schema)


def tenant_empty(schema: str) -> None:
    # CASCADE takes the rows that point at these: resumes, applications, notes, reviews.
    owner_execute(
        f"TRUNCATE {schema}.ingestion_inboundattachment, {schema}.ingestion_inboundmessage,"
        f" {schema}.candidates_candidate CASCADE"
    )


def gunicorn_start(
    env: dict[str, str], *, port: int, log: Path, options: list[str] | None = None
) -> "subprocess.Popen[bytes]":
    """The API on loopback (gthread, 2 workers x 4 threads unless ``options`` say otherwise)."""
    shape = options or ["--worker-class", "gthread", "--workers", "2", "--threads", "4"]
    return subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "ats.wsgi", "--bind", f"127.0.0.1:{port}", *shape,
         "--log-level", "warning"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=log.open("w"),
    )  # fmt: skip


def worker_start(env: dict[str, str], *, concurrency: int, log: Path) -> "subprocess.Popen[bytes]":
    """One Celery worker with ``concurrency`` prefork processes (each with its extraction sandbox)."""
    return subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "ats", "worker", f"--concurrency={concurrency}", "--loglevel=WARNING",
         "--without-heartbeat", "--without-gossip", "--without-mingle"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=log.open("w"),
    )  # fmt: skip


def post_all(port: int, bodies: list[bytes], senders: int) -> list[str]:
    """Post every body to the Mailgun raw-MIME webhook from ``senders`` threads; the non-200 statuses."""
    queue = list(bodies)
    lock = threading.Lock()
    errors: list[str] = []

    def send() -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        while True:
            with lock:
                if not queue:
                    break
                body = queue.pop()
            connection.request("POST", "/anymail/mailgun/inbound_mime/", body, HEADERS)
            response = connection.getresponse()
            response.read()
            if response.status != 200:
                errors.append(str(response.status))
        connection.close()

    threads = [threading.Thread(target=send) for _ in range(senders)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--resumes", type=int, default=2000)
    parser.add_argument("--senders", type=int, default=8)
    parser.add_argument("--port", type=int, default=8767)
    args = parser.parse_args()
    media = Path(tempfile.mkdtemp(prefix="ingest-bench-"))
    env = environment(BROKER, MEDIA_ROOT=str(media))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings_api")
    tenant_prepare(env, tenant=TENANT, schema=SCHEMA, name="Ingest bench")
    import django
    import redis

    django.setup()
    redis.Redis.from_url(BROKER).flushdb()
    pdfs = [resume_pdf(number) for number in range(args.resumes)]
    bodies = [post_body(number, pdf) for number, pdf in enumerate(pdfs)]
    baseline = parse_only(pdfs[:SAMPLE])
    print(f"{args.resumes} resumes, {sum(map(len, pdfs)) / len(pdfs) / 1024:.1f} KiB each on average")
    print(f"parse-only (extract_in_process + parse), {SAMPLE} of them: {baseline:.1f} ms CPU per resume")

    logs = media / "logs"
    logs.mkdir()
    server = gunicorn_start(env, port=args.port, log=logs / "gunicorn.log")
    worker = worker_start(env, concurrency=2, log=logs / "worker.log")
    try:
        time.sleep(8)  # both up (the worker forks its two processes)
        worker_cpu, server_cpu = tree_cpu(worker.pid), tree_cpu(server.pid)
        start = time.perf_counter()
        errors = post_all(args.port, bodies, args.senders)
        posted = time.perf_counter() - start
        while True:
            done, failed, candidates = tenant_counts()
            if done + failed >= args.resumes - len(errors) or worker.poll() is not None:
                break
            time.sleep(0.5)
        elapsed = time.perf_counter() - start
        worker_cpu, server_cpu = tree_cpu(worker.pid) - worker_cpu, tree_cpu(server.pid) - server_cpu
    finally:
        worker.terminate()
        server.terminate()
        worker.wait(timeout=60)
        server.wait(timeout=30)
        redis.Redis.from_url(BROKER).flushdb()
    per_resume = worker_cpu / args.resumes * 1000
    print(f"posted in {posted:.1f} s ({args.resumes / posted:.0f}/s), {len(errors)} errors")
    print(f"all processed in {elapsed:.1f} s: {args.resumes / elapsed:.1f} resumes/s end to end")
    print(f"done {done}, failed {failed}, candidates {candidates}")
    print(f"worker tree CPU {per_resume:.1f} ms per resume = {per_resume / baseline:.2f}x parse-only")
    print(f"gunicorn CPU {server_cpu / args.resumes * 1000:.1f} ms per resume")


if __name__ == "__main__":
    main()
