"""No resume text, email address, phone number, password, token or secret reaches the logs
or Sentry, end to end: a real resume mailed to the webhook and processed by a real worker,
an upload, a hostile file, token and admin logins, API reads (a search by email address
among them), and an exception forced inside a request and inside tasks.

Everything the web side logs (root logger at DEBUG, formatted by our JSON formatter), the
worker's whole output (its log level DEBUG) and every envelope both processes send to
Sentry (configured by ats.sentry.sentry_init, traces on, to a local stand-in for Sentry's
ingestion endpoint: the real HTTP transport, nothing leaves the machine) are scanned.
"""

import base64
import gzip
import io
import logging
import re
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode
from wsgiref.util import setup_testing_defaults

import pytest
import sentry_sdk
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.test.utils import override_settings

from apps.applications.models import Application
from apps.candidates import selectors as candidate_selectors
from apps.candidates.models import Candidate
from apps.ingestion.models import InboundMessage
from apps.tenants.context import tenant_context
from apps.tenants.logging import RedactingJsonFormatter, RequestIdFilter
from ats.sentry import sentry_init

# Imported before any test runs: loading it sets up Django again, logging included, which
# would drop a handler added earlier to the root logger (the one web_log adds).
from ats.wsgi import application
from tests.conftest import PASSWORD, ROOT, TenantFixture, manage_env
from tests.ingestion import payloads
from tests.ingestion.conftest import HOSTILE, RESUMES
from tests.ingestion.test_worker import Broker, eventually
from tests.pii_worker import FAULT_TEXT

pytestmark = pytest.mark.worker

RESUME = RESUMES / "pyresparser__OmkarResume.pdf"
NAME = ("Omkar", "Pathak")
EMAIL = "omkarpathak27@gmail.com"
# The number as digits: found however it is grouped ("(+91) 8087996634", "+918087996634",
# "080879 96634"): up to three non-digits are allowed between any two of them.
PHONE = re.compile(r"\D{0,3}".join("8087996634"))
RESUME_PHRASES = ("Informatica migrations", "Schlumberger")
SECRETS = {"WEBHOOK_SECRET": [payloads.BASIC_AUTH], "MAILGUN_WEBHOOK_SIGNING_KEY": payloads.SIGNING_KEY}
WEB_PROJECT, WORKER_PROJECT = "1", "2"


@dataclass
class FakeSentry:
    """Sentry's envelope endpoint, on a local port: keeps every body, per project id."""

    envelopes: dict[str, list[str]] = field(default_factory=lambda: {WEB_PROJECT: [], WORKER_PROJECT: []})
    port: int = 0

    def dsn(self, project: str) -> str:
        return f"http://public@127.0.0.1:{self.port}/{project}"

    def text(self) -> str:
        return "\n".join(body for bodies in self.envelopes.values() for body in bodies)


@pytest.fixture
def fake_sentry() -> Iterator[FakeSentry]:
    captured = FakeSentry()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            if self.headers.get("Content-Encoding") == "gzip":
                body = gzip.decompress(body)
            project = self.path.strip("/").split("/")[1]  # /api/<project>/envelope/
            captured.envelopes.setdefault(project, []).append(body.decode(errors="replace"))
            self.send_response(200)
            self.end_headers()

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    captured.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield captured
    server.shutdown()
    server.server_close()


@pytest.fixture
def web_sentry(fake_sentry: FakeSentry) -> Iterator[None]:
    """This process reports to the stand-in, with production's options, for the test's length."""
    sentry_init(dsn=fake_sentry.dsn(WEB_PROJECT), traces_sample_rate=1.0)
    yield
    sentry_sdk.flush(timeout=10)
    sentry_sdk.get_client().close()
    sentry_sdk.init()  # no DSN (tests have none in the environment): reporting off again


@pytest.fixture
def web_log() -> Iterator[io.StringIO]:
    """Every log record of this process at DEBUG, as production writes it."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    logging_config: dict[str, Any] = settings.LOGGING
    handler.setFormatter(RedactingJsonFormatter(logging_config["formatters"]["json"]["fmt"]))
    handler.addFilter(RequestIdFilter())
    root = logging.getLogger()
    saved_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    yield stream
    root.removeHandler(handler)
    root.setLevel(saved_level)


@pytest.fixture
def broker() -> Iterator[Broker]:
    own = Broker()
    own.start()
    with payloads.celery_broker(own.url):
        yield own
    own.stop()


@dataclass
class WorkerProcess:
    process: subprocess.Popen[bytes]
    log: Path

    def text(self) -> str:
        return self.log.read_text(errors="replace")


@pytest.fixture
def worker(
    real_transactions: None, broker: Broker, fake_sentry: FakeSentry, tmp_path: Path, settings: Any
) -> Iterator[WorkerProcess]:
    media = tmp_path / "media"
    settings.MEDIA_ROOT = media
    settings.REDIS_URL = broker.url
    settings.INGESTION_SENDER_LIMIT = 0  # the same sender, several times
    environment = {
        **manage_env(),
        "CELERY_BROKER_URL": broker.url,
        "TEST_CELERY_BROKER_URL": broker.url,
        "TEST_REDIS_URL": broker.url,
        "MEDIA_ROOT": str(media),
        "INGESTION_SENDER_LIMIT": "0",
        "LOG_LEVEL": "DEBUG",
        "SENTRY_DSN": fake_sentry.dsn(WORKER_PROJECT),
        "SENTRY_TRACES_SAMPLE_RATE": "1.0",
    }
    log = tmp_path / "worker.log"
    with log.open("ab") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "tests.pii_worker", "worker", "--pool=solo", "--concurrency=1",
             "--loglevel=DEBUG", "--without-heartbeat", "--without-gossip", "--without-mingle"],
            cwd=ROOT, env=environment, stdout=output, stderr=subprocess.STDOUT,
        )  # fmt: skip
    running = WorkerProcess(process, log)
    eventually(lambda: "ready." in running.text() or process.poll() is not None, timeout=90)
    assert process.poll() is None, running.text()[-3000:]
    yield running
    process.terminate()  # a warm shutdown: Sentry's exit hook sends what is still queued
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@pytest.fixture
def clean_alpha(alpha: TenantFixture, worker: WorkerProcess) -> Iterator[TenantFixture]:
    """The test commits for real: afterwards, alpha loses what it made."""
    yield alpha
    with tenant_context(alpha.tenant, actor="test"):
        Application.objects.all().delete()
        InboundMessage.objects.all().delete()
        Candidate.objects.all().delete()


def mail_resume(fixture: TenantFixture, job_code: str | None = None) -> int:
    """The candidate mails their resume; Mailgun posts the raw MIME to the webhook."""
    raw = payloads.build_mime(
        attachments=[(RESUME.name, RESUME.read_bytes(), "application/pdf")],
        sender=f"{' '.join(NAME)} <{EMAIL}>",
        body="Dear hiring team,\n\nplease find my resume attached. Call me on (+91) 8087996634.\n",
    )
    payload = payloads.mailgun("mailgun_mime_with_resume", payloads.inbound_address(fixture.tenant.slug, job_code))
    body = payloads.set_field(payload.body, "body-mime", raw)
    body = payloads.set_field(body, "sender", EMAIL)
    message_id = raw.split(b"Message-ID: <", 1)[1].split(b">", 1)[0].decode()
    assert payloads.post(payloads.Payload(payload.path, payload.content_type, body)) == 200
    with tenant_context(fixture.tenant, actor="test"):
        return InboundMessage.objects.get(message_id=message_id).pk


def status_of(fixture: TenantFixture, message_id: int) -> str:
    with tenant_context(fixture.tenant, actor="test"):
        return InboundMessage.objects.values_list("status", flat=True).get(pk=message_id)


def settled(fixture: TenantFixture, message_id: int) -> bool:
    return status_of(fixture, message_id) in (InboundMessage.Status.DONE, InboundMessage.Status.FAILED)


def wsgi_get(host: str, path: str, query: dict[str, str], authorization: str) -> int:
    """A request through the WSGI application itself, as gunicorn makes it (the test client
    skips the WSGI handler, and with it what Sentry records of a request there)."""
    environ: dict[str, Any] = {}
    setup_testing_defaults(environ)
    environ.update(PATH_INFO=path, QUERY_STRING=urlencode(query), HTTP_HOST=host, HTTP_AUTHORIZATION=authorization)
    statuses: list[str] = []

    def start_response(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Callable[[bytes], object]:
        statuses.append(status)
        return lambda data: None

    response = application(environ, start_response)
    b"".join(response)
    response.close()  # Django's response ends the request (signals, connections)
    return int(statuses[0].split()[0])


def pdf(name: str, path: Path) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, path.read_bytes(), "application/pdf")


def forbidden_values(tokens: list[str], session: str) -> list[str]:
    basic = base64.b64encode(payloads.BASIC_AUTH.encode()).decode()
    return [
        *NAME,
        EMAIL,
        quote(EMAIL),
        *RESUME_PHRASES,
        PASSWORD,
        *tokens,
        *(token.rsplit(".", 1)[1] for token in tokens),  # a signature alone is as good as the token
        session,
        settings.SECRET_KEY,
        settings.SIMPLE_JWT["SIGNING_KEY"],
        settings.MATCH_HASH_SECRET,
        payloads.BASIC_AUTH.split(":", 1)[1],
        basic,
        payloads.SIGNING_KEY,
    ]


@override_settings(ANYMAIL=SECRETS)
def test_an_end_to_end_run_leaves_no_personal_data_or_secret_in_logs_or_sentry(
    clean_alpha: TenantFixture,
    worker: WorkerProcess,
    fake_sentry: FakeSentry,
    web_sentry: None,
    web_log: io.StringIO,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    host = {"host": clean_alpha.host}
    # 1. Mail in, processed by the worker into a candidate.
    mailed = mail_resume(clean_alpha)
    eventually(lambda: settled(clean_alpha, mailed), timeout=120)
    assert status_of(clean_alpha, mailed) == InboundMessage.Status.DONE

    # 2. A token for a password, refreshed; a wrong password too.
    anonymous = Client(headers=host)
    pair = anonymous.post("/api/auth/token/", {"username": "hr@example.com", "password": PASSWORD}).json()
    refreshed = anonymous.post("/api/auth/token/refresh/", {"refresh": pair["refresh"]}).json()
    wrong = anonymous.post("/api/auth/token/", {"username": EMAIL, "password": PASSWORD + "!"})
    assert wrong.status_code == 401
    tokens = [pair["access"], pair["refresh"], refreshed["access"], refreshed["refresh"]]
    api = Client(headers={**host, "authorization": f"Bearer {refreshed['access']}"}, raise_request_exception=False)

    # 3. API reads, a search by the candidate's email address among them.
    [candidate] = api.get("/api/candidates/").json()["results"]
    assert api.get("/api/candidates/", {"search": EMAIL}).json()["results"][0]["id"] == candidate["id"]
    detail = api.get(f"/api/candidates/{candidate['id']}/").json()
    assert EMAIL in detail["emails"]
    assert api.get(f"/api/inbound-messages/{mailed}/").status_code == 200

    # 4. Uploads: the same resume under a file name that is the candidate's name, and a hostile file.
    upload = api.post("/api/resumes/", {"file": pdf("Omkar Pathak CV.pdf", RESUME)})
    corrupt = HOSTILE / "ocrmypdf__invalid.pdf"  # MuPDF cannot open it
    hostile = api.post("/api/resumes/", {"file": pdf("Omkar_Pathak_resume.pdf", corrupt)})
    assert upload.status_code == hostile.status_code == 202, (upload.content, hostile.content)

    # 5. The staff console: a password login, then the candidate's page.
    console = Client(headers=host, raise_request_exception=False)
    login = console.post("/admin/login/", {"username": "hr@example.com", "password": PASSWORD, "next": "/admin/"})
    assert login.status_code == 302, login.content[:500]
    assert console.get(f"/admin/candidates/candidate/{candidate['id']}/change/").status_code == 200
    session = console.cookies[settings.SESSION_COOKIE_NAME].value

    # 6. Faults whose messages carry the email address and phone number: in the worker,
    # caught by the pipeline and escaping the task (tests.pii_worker), and in a request.
    caught, escaped = mail_resume(clean_alpha, "fault-ingest"), mail_resume(clean_alpha, "fault-task")
    for message_id in (upload.json()["id"], hostile.json()["id"], caught):
        eventually(lambda: settled(clean_alpha, message_id), timeout=120)  # noqa: B023  # called at once
    assert status_of(clean_alpha, caught) == InboundMessage.Status.FAILED
    with tenant_context(clean_alpha.tenant, actor="test"):
        unreadable = InboundMessage.objects.get(pk=hostile.json()["id"])
    assert (unreadable.status, unreadable.reason) == (InboundMessage.Status.DONE, "no_resume"), unreadable.summary
    eventually(lambda: "InjectedFault" in worker.text() and status_of(clean_alpha, escaped) != "received", timeout=60)

    def broken_search(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError(FAULT_TEXT)

    monkeypatch.setattr(candidate_selectors, "candidate_search", broken_search)
    bearer = f"Bearer {refreshed['access']}"
    assert wsgi_get(clean_alpha.host, "/api/candidates/", {"search": EMAIL}, bearer) == 500

    # Both processes' events reached the stand-in: the pipeline's logged error and the task's.
    eventually(lambda: fake_sentry.text().count("InjectedFault") >= 2, timeout=30)
    sentry_sdk.flush(timeout=10)
    assert any("RuntimeError" in body for body in fake_sentry.envelopes[WEB_PROJECT])

    logs = web_log.getvalue() + "\n" + worker.text()
    sentry = fake_sentry.text()
    leaks = [
        leak
        for where, text in (("logs", logs), ("sentry", sentry))
        for value in forbidden_values(tokens, session)
        if (leak := found(where, text, re.compile(re.escape(value), re.I)))
    ]
    leaks += [leak for where, text in (("logs", logs), ("sentry", sentry)) if (leak := found(where, text, PHONE))]
    assert not leaks, "\n".join(leaks)
    # The scan sees real traffic: the lines and events it looks through are there.
    assert "inbound message processed" in logs
    assert "Internal Server Error" in logs
    assert "[email]" in logs
    assert "[phone]" in sentry


def found(where: str, text: str, pattern: re.Pattern[str]) -> str:
    """Where the pattern occurs, with the text around it, for the failure message."""
    match = pattern.search(text)
    if match is None:
        return ""
    return f"{where}: {pattern.pattern!r} in ...{text[max(0, match.start() - 300) : match.end() + 100]}..."
