"""The drills' mail: generated one-page PDF resumes, each a distinct person, posted
to the real Mailgun raw-MIME webhook by sender threads that behave like the
provider (a 5xx or a dropped connection is retried, the same signed post again,
with backoff; a 2xx or another 4xx ends the delivery)."""

import base64
import hashlib
import hmac
import http.client
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from email.message import EmailMessage

from apps.ingestion.text_pdf import text_pdf
from scripts.drills.stack import INBOUND_DOMAIN, SIGNING_KEY, TENANT, WEBHOOK_USER

BOUNDARY = "DrillBoundary7MA4YWxkTrZu0gW"
HEADERS = {
    "Host": "localhost",
    "Content-Type": f"multipart/form-data; boundary={BOUNDARY}",
    "Authorization": "Basic " + base64.b64encode(WEBHOOK_USER.encode()).decode(),
}
PATH = "/anymail/mailgun/inbound_mime/"
FIRST = ["Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Frances", "Ken", "Radia", "Tim", "Margaret", "Linus"]
LAST = ["Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Knuth", "Allen", "Thompson", "Perlman", "Lee"]
# Mailgun retries a failed post for hours; a drill waits this long before it calls a mail undeliverable.
PROVIDER_PATIENCE_SECONDS = 180


@dataclass(frozen=True)
class Mail:
    number: int
    message_id: str
    email: str
    mime: bytes


def resume_pdf(*, name: str, email: str, number: int) -> bytes:
    lines = [
        (name, 20), (f"{email} | +1 415 555 {number % 10000:04d} | Berlin, Germany", 10), ("", 8),
        ("EXPERIENCE", 13), (f"Software Engineer, Company {number % 97}", 11), ("Jan 2019 - Present", 10),
        ("Built services in Python and PostgreSQL.", 10), ("", 8),
        ("EDUCATION", 13), ("B.Sc. Computer Science, Technical University of Berlin, 2012 - 2016", 10), ("", 8),
        ("SKILLS", 13), ("Python, Django, PostgreSQL, Redis, Celery", 10),
    ]  # fmt: skip
    return text_pdf(lines)


def make_mail(number: int, *, run: str, name: str | None = None) -> Mail:
    """Mail ``number`` of a run: its own person (name, email) and Message-ID."""
    name = name or f"{FIRST[number % len(FIRST)]} {LAST[number // len(FIRST) % len(LAST)]}"
    email = f"drill-{run}-{number}@example.org"
    message = EmailMessage()
    message["From"] = f"{name} <{email}>"
    message["To"] = f"{TENANT}@{INBOUND_DOMAIN}"
    message["Subject"] = "Application"
    message_id = f"drill-{run}-{number}@example.org"
    message["Message-ID"] = f"<{message_id}>"
    message.set_content("Hello, my resume is attached.\n")
    pdf = resume_pdf(name=name, email=email, number=number)
    message.add_attachment(pdf, maintype="application", subtype="pdf", filename=f"cv-{number}.pdf")
    return Mail(number=number, message_id=message_id, email=email, mime=bytes(message.as_bytes()))


def signed_post(mail: Mail) -> bytes:
    """Mailgun's raw-MIME form for ``mail``, signed with a fresh token (one delivery)."""
    token = uuid.uuid4().hex * 2
    stamp = str(int(time.time()))
    signature = hmac.new(SIGNING_KEY.encode(), f"{stamp}{token}".encode(), hashlib.sha256).hexdigest()
    fields = [
        ("token", token.encode()),
        ("timestamp", stamp.encode()),
        ("signature", signature.encode()),
        ("recipient", f"{TENANT}@{INBOUND_DOMAIN}".encode()),
        ("sender", mail.email.encode()),
        ("body-mime", mail.mime),
    ]
    parts = [
        b"--" + BOUNDARY.encode() + b'\r\nContent-Disposition: form-data; name="' + name.encode() + b'"\r\n\r\n' + value
        for name, value in fields
    ]
    return b"\r\n".join(parts) + b"\r\n--" + BOUNDARY.encode() + b"--\r\n"


@dataclass
class Deliveries:
    """What the senders saw: every answer, the retries, the mails acknowledged."""

    posts: int = 0
    retries: int = 0
    acknowledged: set[str] = field(default_factory=set)
    undelivered: set[str] = field(default_factory=set)
    answers: Counter[str] = field(default_factory=Counter)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, answer: str) -> None:
        with self.lock:
            self.posts += 1
            self.answers[answer] += 1


def deliver(port: int, mail: Mail, deliveries: Deliveries) -> None:
    """One delivery of ``mail``, retried as a provider does until a 2xx or a final 4xx."""
    body = signed_post(mail)
    deadline = time.monotonic() + PROVIDER_PATIENCE_SECONDS
    pause = 0.25
    while True:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            connection.request("POST", PATH, body, HEADERS)
            response = connection.getresponse()
            response.read()
            connection.close()
            status = response.status
            deliveries.record(str(status))
        except (OSError, http.client.HTTPException) as error:
            status = 0
            deliveries.record(type(error).__name__)
        if 200 <= status < 300:
            with deliveries.lock:
                deliveries.acknowledged.add(mail.message_id)
            return
        if 400 <= status < 500:
            with deliveries.lock:
                deliveries.undelivered.add(mail.message_id)
            return
        if time.monotonic() > deadline:
            with deliveries.lock:
                deliveries.undelivered.add(mail.message_id)
            return
        with deliveries.lock:
            deliveries.retries += 1
        time.sleep(pause)
        pause = min(pause * 2, 2.0)


def send_all(port: int, mails: list[Mail], deliveries: Deliveries, *, senders: int = 4, pace: float = 0.0) -> None:
    """Deliver every mail from ``senders`` threads; ``pace`` seconds between a thread's mails
    stretches the burst so that a fault lands in the middle of it."""
    pending = list(reversed(mails))
    lock = threading.Lock()

    def sender() -> None:
        while True:
            with lock:
                if not pending:
                    return
                mail = pending.pop()
            deliver(port, mail, deliveries)
            if pace:
                time.sleep(pace)

    threads = [threading.Thread(target=sender, daemon=True) for _ in range(senders)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


class Burst:
    """A burst sent in the background, so that the drill can apply its fault meanwhile."""

    def __init__(self, port: int, mails: list[Mail], *, senders: int = 4, pace: float = 0.0) -> None:
        self.deliveries = Deliveries()
        self.thread = threading.Thread(
            target=send_all, args=(port, mails, self.deliveries), kwargs={"senders": senders, "pace": pace}, daemon=True
        )
        self.total = len(mails)
        self.thread.start()

    def acknowledged(self) -> int:
        with self.deliveries.lock:
            return len(self.deliveries.acknowledged)

    def join(self) -> Deliveries:
        self.thread.join()
        return self.deliveries
