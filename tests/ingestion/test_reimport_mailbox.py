"""manage.py reimport_mailbox: mbox, Maildir and a real IMAP server (dovecot) into a tenant, once."""

from collections.abc import Callable, Iterator
from email.message import EmailMessage
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DataError
from pytest_django.fixtures import Settings as SettingsWrapper

from apps.applications.models import Job
from apps.applications.services import job_create
from apps.ingestion.mailbox import MboxReader
from apps.ingestion.management.commands import reimport_mailbox as reimport_command
from apps.ingestion.models import InboundMessage
from apps.ingestion.services import Stored, message_store
from apps.tenants.context import tenant_context
from tests.conftest import TenantFixture
from tests.ingestion.imap_server import ImapServer, running_imap_server

DERIVED = Path(__file__).resolve().parents[3] / "shared" / "data" / "email" / "derived"
MBOX = DERIVED / "applications.mbox"
MAILDIR = DERIVED / "applications.maildir"
ALL_KEYS = {
    "mid:derived-app-1@example.org",
    "mid:derived-app-2@example.org",
    "mid:derived-fwd-3@example.org",
    "mid:xxxx@xxxx.com",
    "mid:CAMdmm+jYCgrxrekAxszmDnBjAytcBym-Ec+uM-+HEtzuKy=M_g@mail.gmail.com",
    "mid:60A112A8-F26C-4E23-95B8-4EB9F139D6A0@test.lindsaar.net",
}
RECENT_KEYS = {"mid:derived-app-1@example.org", "mid:derived-app-2@example.org", "mid:derived-fwd-3@example.org"}


@pytest.fixture(autouse=True)
def no_flood_limit(settings: SettingsWrapper) -> None:
    # The per-sender limit counts in Redis across tests and runs; these tests import the same senders again and again.
    settings.INGESTION_SENDER_LIMIT = 0


@pytest.fixture(scope="module")
def imap() -> Iterator[ImapServer]:
    assert MBOX.is_file(), f"the shared mbox is not at {MBOX}"
    with MboxReader(MBOX) as reader:
        messages = [message.raw for message in reader.messages()]
    with running_imap_server() as server:
        server.append("INBOX", messages)
        yield server


@pytest.fixture
def imap_password(imap: ImapServer, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("IMAP_PASSWORD", imap.password)
    return imap.password


def reimport(*args: str) -> str:
    """Run the command; its stdout (the summary)."""
    out = StringIO()
    call_command("reimport_mailbox", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def keys_in(fixture: TenantFixture) -> dict[str, str]:
    """Key -> channel of every inbound message of the tenant."""
    with tenant_context(fixture.tenant, actor="test"):
        return dict(InboundMessage.objects.values_list("key", "channel"))


def message(number: int, *, delivered_to: str, subject: str = "Application") -> bytes:
    mail = EmailMessage()
    mail["Delivered-To"] = delivered_to
    mail["From"] = f"applicant{number}@example.org"
    mail["To"] = delivered_to
    mail["Subject"] = subject
    mail["Date"] = "Tue, 04 Mar 2025 09:15:00 +0100"
    mail["Message-ID"] = f"<reimport-{number}@example.org>"
    mail.set_content(f"Please find my resume, number {number}.\n")
    return mail.as_bytes()


def write_mbox(path: Path, raws: list[bytes]) -> Path:
    with path.open("wb") as out:
        for raw in raws:
            out.write(b"From applicant@example.org Tue Mar  4 09:15:00 2025\n" + raw + b"\n")
    return path


pytestmark = pytest.mark.django_db


# --- Files ---------------------------------------------------------------------


def test_an_mbox_is_imported_into_the_tenant_and_a_second_run_imports_nothing(
    alpha: TenantFixture, beta: TenantFixture
) -> None:
    first = reimport("--tenant", "alpha", "--mbox", str(MBOX))
    assert "new 6, already known 0, skipped 0, failed 0 (6 messages read)" in first
    assert keys_in(alpha) == dict.fromkeys(ALL_KEYS, "mailbox")
    assert keys_in(beta) == {}
    second = reimport("--tenant", "alpha", "--mbox", str(MBOX))
    assert "new 0, already known 6, skipped 0, failed 0 (6 messages read)" in second
    assert len(keys_in(alpha)) == 6


def test_the_maildir_of_the_same_mail_is_known_after_the_mbox(alpha: TenantFixture) -> None:
    assert "new 6," in reimport("--tenant", "alpha", "--maildir", str(MAILDIR))
    assert keys_in(alpha) == dict.fromkeys(ALL_KEYS, "mailbox")
    assert "new 0, already known 6," in reimport("--tenant", "alpha", "--mbox", str(MBOX))


def test_the_stored_message_is_the_original_with_its_quoted_from_line_restored(alpha: TenantFixture) -> None:
    reimport("--tenant", "alpha", "--mbox", str(MBOX))
    with tenant_context(alpha.tenant, actor="test"):
        stored = InboundMessage.objects.get(key="mid:derived-app-1@example.org")
        raw = bytes(stored.raw_mime)
    assert raw == next(path for path in (MAILDIR / "new").iterdir() if path.name.endswith("Q1.vm")).read_bytes()
    assert stored.subject == "Application: Senior ML Engineer"


def test_since_imports_only_the_recent_messages_of_a_file(alpha: TenantFixture) -> None:
    assert "new 3, already known 0" in reimport("--tenant", "alpha", "--maildir", str(MAILDIR), "--since", "2025-01-01")
    assert set(keys_in(alpha)) == RECENT_KEYS


def test_a_dry_run_writes_nothing_and_enqueues_nothing(
    alpha: TenantFixture, django_capture_on_commit_callbacks: Callable[..., object]
) -> None:
    with django_capture_on_commit_callbacks() as callbacks:  # type: ignore[attr-defined]
        out = reimport("--tenant", "alpha", "--mbox", str(MBOX), "--dry-run")
    assert "dry run, nothing written: new 6, already known 0, skipped 0, failed 0" in out
    assert keys_in(alpha) == {}
    assert callbacks == []
    with django_capture_on_commit_callbacks() as callbacks:  # type: ignore[attr-defined]
        reimport("--tenant", "alpha", "--mbox", str(MBOX), "--since", "2025-01-01")
    assert len(callbacks) == 3  # a real run enqueues each new message's processing on commit
    out = reimport("--tenant", "alpha", "--maildir", str(MAILDIR), "--dry-run")
    assert "dry run, nothing written: new 3, already known 3, skipped 0, failed 0" in out
    assert set(keys_in(alpha)) == RECENT_KEYS


def test_the_job_comes_from_the_plus_part_of_the_tenants_own_address(alpha: TenantFixture, tmp_path: Path) -> None:
    with tenant_context(alpha.tenant, actor="test"):
        job = job_create(title="Backend engineer", code="BE-42", status=Job.Status.OPEN)
    path = write_mbox(
        tmp_path / "jobs.mbox",
        [
            message(1, delivered_to="alpha+be-42@inbound.localhost"),
            message(2, delivered_to="jobs+be-42@elsewhere.example"),
            message(3, delivered_to="alpha@inbound.localhost"),
        ],
    )
    assert "new 3," in reimport("--tenant", "alpha", "--mbox", str(path))
    with tenant_context(alpha.tenant, actor="test"):
        rows = {row.key: row for row in InboundMessage.objects.all()}
    assert (rows["mid:reimport-1@example.org"].job_code, rows["mid:reimport-1@example.org"].job_id) == ("BE-42", job.pk)
    assert rows["mid:reimport-1@example.org"].envelope_recipient == "alpha+be-42@inbound.localhost"
    assert (rows["mid:reimport-2@example.org"].job_code, rows["mid:reimport-2@example.org"].job_id) == ("", None)
    assert (rows["mid:reimport-3@example.org"].job_code, rows["mid:reimport-3@example.org"].job_id) == ("", None)


def test_auto_replies_are_counted_as_skipped(alpha: TenantFixture, tmp_path: Path) -> None:
    reply = message(1, delivered_to="alpha@inbound.localhost").replace(
        b"Subject:", b"Auto-Submitted: auto-replied\nSubject:", 1
    )
    path = write_mbox(tmp_path / "replies.mbox", [reply, message(2, delivered_to="alpha@inbound.localhost")])
    assert "new 1, already known 0, skipped 1 (auto_reply 1), failed 0" in reimport(
        "--tenant", "alpha", "--mbox", str(path)
    )
    with tenant_context(alpha.tenant, actor="test"):
        assert InboundMessage.objects.get(key="mid:reimport-1@example.org").status == InboundMessage.Status.SKIPPED


def test_a_message_larger_than_the_webhooks_accept_is_skipped(alpha: TenantFixture, settings: SettingsWrapper) -> None:
    settings.INGESTION_MAX_MESSAGE_BYTES = 3_000  # two of the six shared messages are smaller
    out = reimport("--tenant", "alpha", "--mbox", str(MBOX))
    assert "new 2, already known 0, skipped 4 (too_large 4), failed 0 (6 messages read)" in out
    assert len(keys_in(alpha)) == 2


def test_a_message_that_cannot_be_stored_is_counted_failed_and_the_run_goes_on(
    alpha: TenantFixture, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The database refusing one message, injected: the real store with one message made to fail,
    # so that the test does not hang on some input the store happens not to handle today.
    real_store = message_store

    def store_failing_on_the_first(**kwargs: Any) -> Stored:
        if b"<reimport-1@example.org>" in kwargs["raw_mime"]:
            raise DataError("value too long for type character varying(300)")
        return real_store(**kwargs)

    monkeypatch.setattr(reimport_command, "message_store", store_failing_on_the_first)
    path = write_mbox(tmp_path / "broken.mbox", [message(n, delivered_to="alpha@inbound.localhost") for n in (1, 2)])
    err = StringIO()
    out = StringIO()
    with pytest.raises(CommandError, match=r"1 message\(s\) could not be stored"):
        call_command("reimport_mailbox", "--tenant", "alpha", "--mbox", str(path), stdout=out, stderr=err)
    assert "new 1, already known 0, skipped 0, failed 1 (2 messages read)" in out.getvalue()
    assert "failed: offset 0: DataError: value too long" in err.getvalue()
    assert set(keys_in(alpha)) == {"mid:reimport-2@example.org"}
    monkeypatch.undo()
    assert "new 1, already known 1, skipped 0, failed 0" in reimport("--tenant", "alpha", "--mbox", str(path))


# --- Refusals ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("arguments", "problem"),
    [
        (["--tenant", "nope", "--mbox", str(MBOX)], "no tenant with the slug 'nope'"),
        (["--tenant", "alpha", "--mbox", "/nonexistent.mbox"], "cannot read /nonexistent.mbox"),
        (["--tenant", "alpha", "--mbox", str(MAILDIR)], "is a directory"),
        (["--tenant", "alpha", "--maildir", str(MBOX)], "use --mbox"),
        (["--tenant", "alpha", "--mbox", str(MBOX), "--since", "2025-13-01"], "--since"),
        (["--tenant", "alpha", "--mbox", str(MBOX), "--folder", "INBOX"], "--folder is for --imap only"),
        (["--tenant", "alpha", "--imap", "imaps://hr:secret@127.0.0.1/"], "not in the URL"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message_and_changes_nothing(
    alpha: TenantFixture, arguments: list[str], problem: str
) -> None:
    out = StringIO()
    with pytest.raises(CommandError, match=problem):
        call_command("reimport_mailbox", *arguments, stdout=out, stderr=StringIO())
    assert out.getvalue() == ""
    assert keys_in(alpha) == {}


# --- IMAP ----------------------------------------------------------------------


@pytest.mark.parametrize("starttls", [False, True], ids=["imaps", "starttls"])
def test_an_imap_folder_is_imported_once(
    alpha: TenantFixture, imap: ImapServer, imap_password: str, starttls: bool
) -> None:
    arguments = ["--tenant", "alpha", "--imap", imap.url(starttls=starttls), "--imap-cafile", str(imap.cafile)]
    assert "new 6, already known 0, skipped 0, failed 0 (6 messages read)" in reimport(*arguments)
    assert keys_in(alpha) == dict.fromkeys(ALL_KEYS, "mailbox")
    assert "new 0, already known 6, skipped 0, failed 0" in reimport(*arguments)


def test_imap_since_imports_what_the_server_received_from_that_day(
    alpha: TenantFixture, imap: ImapServer, imap_password: str
) -> None:
    out = reimport(
        "--tenant", "alpha", "--imap", imap.url(), "--imap-cafile", str(imap.cafile), "--since", "2025-01-01"
    )
    assert "new 3, already known 0" in out
    assert set(keys_in(alpha)) == RECENT_KEYS


def test_an_imap_dry_run_writes_nothing(alpha: TenantFixture, imap: ImapServer, imap_password: str) -> None:
    out = reimport("--tenant", "alpha", "--imap", imap.url(), "--imap-cafile", str(imap.cafile), "--dry-run")
    assert "dry run, nothing written: new 6," in out
    assert keys_in(alpha) == {}


def test_a_wrong_imap_password_is_a_clear_error(
    alpha: TenantFixture, imap: ImapServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("IMAP_PASSWORD", "not the password")
    with pytest.raises(CommandError, match="refused the login of applicant"):
        reimport("--tenant", "alpha", "--imap", imap.url(), "--imap-cafile", str(imap.cafile))
    assert keys_in(alpha) == {}


def test_imap_without_the_password_variable_is_refused(
    alpha: TenantFixture, imap: ImapServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("IMAP_PASSWORD", raising=False)
    with pytest.raises(CommandError, match="IMAP_PASSWORD"):
        reimport("--tenant", "alpha", "--imap", imap.url(), "--imap-cafile", str(imap.cafile))


def test_an_untrusted_imap_certificate_is_refused(alpha: TenantFixture, imap: ImapServer, imap_password: str) -> None:
    with pytest.raises(CommandError, match="CERTIFICATE_VERIFY_FAILED"):
        reimport("--tenant", "alpha", "--imap", imap.url())
    assert keys_in(alpha) == {}
