"""Real provider payloads (../shared/data/email, read in place), readdressed and re-signed.

The recorded bodies carry a recipient of another domain and a 2025 timestamp:
the helpers rewrite those form fields in the raw bytes, leaving the rest of the
provider's exact payload as it was recorded.
"""

import base64
import hashlib
import hmac
import json
import os
import re
import socket
import time
import uuid
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.test import Client

SHARED_EMAIL = Path(__file__).resolve().parents[3] / "shared" / "data" / "email"
DERIVED = SHARED_EMAIL / "derived"
SIGNING_KEY = "TEST_WEBHOOK_SIGNING_KEY"
BASIC_AUTH = "mailer:current-secret"
OLD_BASIC_AUTH = "mailer:previous-secret"
PUBLIC_HOST = "localhost"


@dataclass
class Payload:
    path: str
    content_type: str
    body: bytes


def _field_pattern(name: str) -> re.Pattern[bytes]:
    return re.compile(
        rb'(Content-Disposition: form-data; name="' + re.escape(name.encode()) + rb'"\r\n(?:[^\r\n]+\r\n)*\r\n)'
        rb"(.*?)(\r\n--)",
        re.S,
    )


def set_field(body: bytes, name: str, value: str | bytes) -> bytes:
    data = value.encode() if isinstance(value, str) else value
    pattern = _field_pattern(name)
    assert pattern.search(body), f"no form field {name}"
    return pattern.sub(lambda match: match.group(1) + data + match.group(3), body, count=1)


def get_field(body: bytes, name: str) -> bytes:
    match = _field_pattern(name).search(body)
    assert match, f"no form field {name}"
    return match.group(2)


def load(name: str, folder: Path = DERIVED / "webhooks") -> Payload:
    meta = json.loads((folder / f"{name}.json").read_text())
    return Payload(meta["path"], meta["content_type"], (folder / f"{name}.body").read_bytes())


def inbound_address(slug: str, job_code: str | None = None) -> str:
    local = f"{slug}+{job_code}" if job_code else slug
    return f"{local}@{settings.INBOUND_DOMAIN}"


def signature(timestamp: str, token: str, key: str = SIGNING_KEY) -> str:
    return hmac.new(key.encode(), f"{timestamp}{token}".encode(), hashlib.sha256).hexdigest()


def mailgun(
    name: str,
    recipient: str,
    *,
    token: str | None = None,
    timestamp: int | None = None,
    key: str = SIGNING_KEY,
    message_id: str | None = None,
) -> Payload:
    """A recorded Mailgun payload to ``recipient``, signed now with a fresh token."""
    payload = load(name)
    token = token or uuid.uuid4().hex * 2
    stamp = str(int(time.time()) if timestamp is None else timestamp)
    body = set_field(payload.body, "token", token)
    body = set_field(body, "timestamp", stamp)
    body = set_field(body, "signature", signature(stamp, token, key))
    body = set_field(body, "recipient", recipient)
    if message_id:
        body = body.replace(b"derived-app-1@example.org", message_id.encode())
    return Payload(payload.path, payload.content_type, body)


def sendgrid(name: str, recipient: str, *, message_id: str | None = None) -> Payload:
    payload = load(name)
    envelope = json.loads(get_field(payload.body, "envelope"))
    envelope["to"] = [recipient]
    body = set_field(payload.body, "envelope", json.dumps(envelope))
    if message_id:
        body = re.sub(rb"derived-app-\d@example.org", message_id.encode(), body)
    return Payload(payload.path, payload.content_type, body)


def webhook_client(auth: str | None = BASIC_AUTH) -> Client:
    headers = {"host": PUBLIC_HOST}
    if auth is not None:
        headers["authorization"] = "Basic " + base64.b64encode(auth.encode()).decode()
    # CSRF enforced as in production: providers post without a token.
    return Client(headers=headers, enforce_csrf_checks=True)


def post(payload: Payload, *, auth: str | None = BASIC_AUTH, path: str | None = None) -> int:
    response = webhook_client(auth).generic(
        "POST", path or payload.path, payload.body, content_type=payload.content_type
    )
    return int(response.status_code)


def unique_message_id() -> str:
    return f"test-{uuid.uuid4().hex}@example.org"


RESUMES = SHARED_EMAIL.parent / "resumes"


def build_mime(
    *,
    attachments: Sequence[tuple[str, bytes, str]] = (),
    body: str = "Hello,\n\nplease find my application attached.\n",
    message_id: str | None = None,
    sender: str | None = None,
    to: str = "jobs@example.com",
    extra_headers: dict[str, str] | None = None,
) -> bytes:
    """A mail as a mail client writes it: a text body and (filename, bytes, content type) files."""
    from email.message import EmailMessage

    message = EmailMessage()
    # A sender of its own by default: the per-sender flood limit counts in Redis across test runs.
    message["From"] = sender or f"Applicant <applicant-{uuid.uuid4().hex[:12]}@example.com>"
    message["To"] = to
    message["Subject"] = "Application"
    message["Date"] = "Tue, 04 Mar 2025 09:15:00 +0100"
    message["Message-ID"] = f"<{message_id or unique_message_id()}>"
    for name, value in (extra_headers or {}).items():
        message[name] = value
    message.set_content(body)
    for filename, data, content_type in attachments:
        maintype, subtype = content_type.split("/")
        message.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename)
    return bytes(message.as_bytes())


def resume_file(name: str) -> tuple[str, bytes, str]:
    path = RESUMES / name
    content_type = "application/pdf" if name.endswith(".pdf") else "application/octet-stream"
    return (name, path.read_bytes(), content_type)


@contextmanager
def celery_broker(url: str) -> Iterator[None]:
    """Point this process's Celery at another broker for a while. Tests that commit use
    it so that what they enqueue never reaches a shared queue (another run's worker)."""
    from ats.celery import app

    # Celery prefers CELERY_BROKER_URL from the environment (.env puts it there) over its config.
    saved = os.environ.get("CELERY_BROKER_URL"), app.conf.broker_url
    os.environ["CELERY_BROKER_URL"] = url
    app.conf.update(broker_url=url)
    app._after_fork()  # type: ignore[attr-defined]  # forgets pooled connections to the previous broker
    try:
        yield
    finally:
        if saved[0] is None:
            os.environ.pop("CELERY_BROKER_URL", None)
        else:
            os.environ["CELERY_BROKER_URL"] = saved[0]
        app.conf.update(broker_url=saved[1])
        app._after_fork()  # type: ignore[attr-defined]  # the same, back to the previous broker


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def no_broker() -> AbstractContextManager[None]:
    """Enqueueing fails (logged; the sweeper would enqueue later): nothing leaves the test."""
    return celery_broker(f"redis://127.0.0.1:{closed_port()}/0")
