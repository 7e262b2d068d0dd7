"""The mailbox readers on their own (no database): mbox, Maildir and a real IMAP server (dovecot)."""

import datetime
import os
import tracemalloc
from collections.abc import Iterator
from email.message import EmailMessage
from pathlib import Path

import pytest

from apps.ingestion import mailbox
from apps.ingestion.mailbox import (
    ImapReader,
    MailboxError,
    MaildirReader,
    MboxReader,
    envelope_of,
    headers,
    parse_imap_url,
)
from tests.ingestion.imap_server import ImapServer, running_imap_server

DERIVED = Path(__file__).resolve().parents[3] / "shared" / "data" / "email" / "derived"
MBOX = DERIVED / "applications.mbox"
MAILDIR = DERIVED / "applications.maildir"
SINCE = datetime.date(2025, 1, 1)
RECENT = {"derived-app-1@example.org", "derived-app-2@example.org", "derived-fwd-3@example.org"}


def message_ids(raws: list[bytes]) -> set[str]:
    return {str(headers(raw)["Message-ID"]).strip("<>") for raw in raws}


def read(reader: ImapReader | MboxReader | MaildirReader) -> list[bytes]:
    with reader as opened:
        return [message.raw for message in opened.messages()]


def build(number: int, *, date: str | None = "Tue, 04 Mar 2025 09:15:00 +0100", body: str = "Hello.\n") -> bytes:
    message = EmailMessage()
    message["From"] = f"sender{number}@example.org"
    message["To"] = "alpha@inbound.localhost"
    message["Subject"] = f"Application {number}"
    if date is not None:
        message["Date"] = date
    message["Message-ID"] = f"<generated-{number}@example.org>"
    message.set_content(body)
    return message.as_bytes()


def write_mbox(path: Path, raws: list[bytes]) -> Path:
    with path.open("wb") as out:
        for raw in raws:
            out.write(b"From sender@example.org Tue Mar  4 09:15:00 2025\n")
            out.write(
                b"".join(
                    b">" + line if line.lstrip(b">").startswith(b"From ") else line for line in raw.splitlines(True)
                )
            )
            out.write(b"\n")
    return path


@pytest.fixture(scope="module")
def shared_messages() -> list[bytes]:
    assert MBOX.is_file(), f"the shared mbox is not at {MBOX}"
    return read(MboxReader(MBOX))


@pytest.fixture(scope="module")
def imap(shared_messages: list[bytes]) -> Iterator[ImapServer]:
    with running_imap_server() as server:
        server.append("INBOX", shared_messages)
        server.append("Archive", [build(number) for number in range(7)])
        yield server


# --- mbox ----------------------------------------------------------------------


def test_the_mbox_reader_gives_the_same_messages_as_the_maildir_of_the_same_mail(shared_messages: list[bytes]) -> None:
    assert len(shared_messages) == 6
    assert sorted(shared_messages) == sorted(read(MaildirReader(MAILDIR)))


def test_a_quoted_from_line_in_a_body_is_unquoted_and_does_not_split_the_message(shared_messages: list[bytes]) -> None:
    first = shared_messages[0]
    assert b"\nFrom the start of my career" in first
    assert b">From the start" not in first


def test_an_unquoted_from_line_inside_a_paragraph_does_not_start_a_message(tmp_path: Path) -> None:
    raw = build(1, body="Dear team,\nFrom what I read, the role fits me.\n")
    path = tmp_path / "box.mbox"
    path.write_bytes(b"From x@example.org Tue Mar  4 09:15:00 2025\n" + raw + b"\n")
    assert read(MboxReader(path)) == [raw]


def test_a_50000_message_mbox_is_streamed_one_message_at_a_time(tmp_path: Path) -> None:
    path = tmp_path / "big.mbox"
    template = (
        b"From sender@example.org Tue Mar  4 09:15:00 2025\nFrom: sender%d@example.org\nTo: alpha@inbound.localhost\n"
        b"Subject: Application %d\nDate: Tue, 04 Mar 2025 09:15:00 +0100\nMessage-ID: <generated-%d@example.org>\n"
        b"Content-Type: text/plain\n\nResume number %d.\n>From my side, thanks.\n" + b"x" * 700 + b"\n\n"
    )
    with path.open("wb") as out:
        for number in range(50_000):
            out.write(template % (number, number, number, number))
    count, last = 0, b""
    # Allocations are traced over the first 2,000 messages only (tracing makes reading
    # ten times slower): a reader that loads the file does so before its first message.
    tracemalloc.start()
    try:
        with MboxReader(path) as reader:
            for message in reader.messages():
                count, last = count + 1, message.raw
                if count == 2_000:
                    _, peak = tracemalloc.get_traced_memory()
                    tracemalloc.stop()
    finally:
        tracemalloc.stop()
    assert count == 50_000
    assert b"Message-ID: <generated-49999@example.org>" in last
    assert b"\nFrom my side" in last
    # A few messages' worth at most, never the file's 49 MB.
    assert path.stat().st_size > 45_000_000
    assert peak < 1_000_000


def test_since_keeps_mbox_messages_from_that_day_by_their_date_header(tmp_path: Path) -> None:
    raws = [
        build(1, date="Tue, 31 Dec 2024 23:59:00 +0000"),
        build(2, date="Wed, 01 Jan 2025 00:01:00 +0000"),
        build(3, date=None),  # no Date: the "From " line's date decides (2025-03-04)
    ]
    path = write_mbox(tmp_path / "box.mbox", raws)
    assert read(MboxReader(path, since=SINCE)) == raws[1:]


def test_since_filters_the_shared_mbox(shared_messages: list[bytes]) -> None:
    assert message_ids(read(MboxReader(MBOX, since=SINCE))) == RECENT


@pytest.mark.parametrize(
    ("make", "error"),
    [
        (lambda tmp: tmp / "missing.mbox", "cannot read"),
        (lambda tmp: tmp, "is a directory"),
        (lambda tmp: (tmp / "letter.eml").write_bytes(b"Subject: hi\n\nbody\n") and tmp / "letter.eml", "not an mbox"),
    ],
)
def test_the_mbox_reader_refuses_what_is_not_an_mbox_file(tmp_path: Path, make: object, error: str) -> None:
    assert callable(make)
    with pytest.raises(MailboxError, match=error), MboxReader(make(tmp_path)):
        pass


def test_an_empty_mbox_file_has_no_messages(tmp_path: Path) -> None:
    (tmp_path / "empty.mbox").write_bytes(b"")
    assert read(MboxReader(tmp_path / "empty.mbox")) == []


# --- Maildir -------------------------------------------------------------------


def test_the_maildir_reader_reads_new_and_cur_and_leaves_tmp_alone(tmp_path: Path) -> None:
    for sub in ("new", "cur", "tmp"):
        (tmp_path / sub).mkdir()
    (tmp_path / "new" / "1.host").write_bytes(build(1))
    (tmp_path / "cur" / "2.host:2,S").write_bytes(build(2))
    (tmp_path / "cur" / ".hidden").write_bytes(build(3))
    (tmp_path / "tmp" / "4.host").write_bytes(build(4))
    with MaildirReader(tmp_path) as reader:
        assert reader.total == 2
        found = list(reader.messages())
    assert [message.source for message in found] == ["new/1.host", "cur/2.host:2,S"]
    assert [message.raw for message in found] == [build(1), build(2)]


def test_since_filters_the_shared_maildir() -> None:
    assert message_ids(read(MaildirReader(MAILDIR, since=SINCE))) == RECENT


def test_since_falls_back_on_the_file_time_for_an_undated_maildir_message(tmp_path: Path) -> None:
    for sub in ("new", "cur"):
        (tmp_path / sub).mkdir()
    old, recent = tmp_path / "new" / "1.host", tmp_path / "new" / "2.host"
    old.write_bytes(build(1, date=None))
    recent.write_bytes(build(2, date=None))
    os.utime(old, (1_600_000_000, 1_600_000_000))  # September 2020
    assert read(MaildirReader(tmp_path, since=SINCE)) == [build(2, date=None)]


def test_the_maildir_reader_refuses_what_is_not_a_maildir(tmp_path: Path) -> None:
    with pytest.raises(MailboxError, match="does not exist"), MaildirReader(tmp_path / "nope"):
        pass
    with pytest.raises(MailboxError, match="use --mbox"), MaildirReader(MBOX):
        pass
    with pytest.raises(MailboxError, match="needs new/ and cur/"), MaildirReader(tmp_path):
        pass


# --- Addresses -----------------------------------------------------------------


def test_the_job_code_comes_from_the_plus_part_of_the_tenants_own_address() -> None:
    message = headers(
        b"Delivered-To: someone+ignored@example.org\nDelivered-To: Alpha+BE42@inbound.localhost\n"
        b"Return-Path: <cv@example.org>\n\nbody\n"
    )
    assert envelope_of(message, slug="alpha") == mailbox.Envelope(
        recipient="Alpha+BE42@inbound.localhost", sender="cv@example.org", job_code="BE42"
    )


def test_a_plus_part_of_another_address_is_no_job_code() -> None:
    message = headers(b"X-Original-To: jobs+backend@acme-tenant.example\nReturn-Path: <>\n\nbody\n")
    assert envelope_of(message, slug="alpha") == mailbox.Envelope(
        recipient="jobs+backend@acme-tenant.example", sender="<>", job_code=None
    )
    assert envelope_of(headers(b"Delivered-To: alpha@x.example\n\n"), slug="alpha").job_code is None


# --- IMAP ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("imaps://user:secret@host/", "not in the URL"),
        ("pop3://user@host/", "imaps://"),
        ("imaps://host/", "needs a user"),
        ("imaps://user@host:notaport/", "not an IMAP URL"),
    ],
)
def test_a_bad_imap_url_is_refused_with_the_reason(url: str, problem: str) -> None:
    with pytest.raises(MailboxError, match=problem):
        parse_imap_url(url)


def test_an_imap_url_gives_host_port_user_security_and_folder() -> None:
    assert parse_imap_url("imaps://hr%40acme.example@mail.acme.example/") == mailbox.ImapLocation(
        host="mail.acme.example", port=993, user="hr@acme.example", security="ssl"
    )
    assert parse_imap_url("imap://hr@mail.acme.example:1143/Job%20mail") == mailbox.ImapLocation(
        host="mail.acme.example", port=1143, user="hr", security="starttls", folder="Job mail"
    )


@pytest.mark.parametrize("starttls", [False, True], ids=["imaps", "starttls"])
def test_imap_gives_the_messages_of_the_mbox_they_were_appended_from(
    imap: ImapServer, shared_messages: list[bytes], starttls: bool
) -> None:
    reader = ImapReader(parse_imap_url(imap.url(starttls=starttls)), imap.password, cafile=str(imap.cafile))
    with reader as opened:
        assert opened.total == 6
        found = list(opened.messages())
    assert [message.source for message in found] == [f"uid {uid}" for uid in range(1, 7)]
    # IMAP speaks CRLF; the mbox file was written with LF.
    assert [message.raw.replace(b"\r\n", b"\n") for message in found] == shared_messages


def test_imap_fetches_in_several_batches_and_search_windows(imap: ImapServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(mailbox, "IMAP_SEARCH_WINDOW", 3)
    monkeypatch.setattr(mailbox, "IMAP_BATCH_MESSAGES", 2)
    reader = ImapReader(parse_imap_url(imap.url()), imap.password, folder="Archive", cafile=str(imap.cafile))
    assert read(reader) == [build(number).replace(b"\n", b"\r\n") for number in range(7)]


def test_imap_since_is_the_servers_search(imap: ImapServer) -> None:
    reader = ImapReader(parse_imap_url(imap.url()), imap.password, since=SINCE, cafile=str(imap.cafile))
    assert message_ids(read(reader)) == RECENT


def test_imap_leaves_the_flags_as_they_were(imap: ImapServer) -> None:
    read(ImapReader(parse_imap_url(imap.url()), imap.password, cafile=str(imap.cafile)))
    client = imap.connect()
    try:
        client.select("INBOX", readonly=True)
        _, unseen = client.search(None, "UNSEEN")
    finally:
        client.logout()
    assert len(unseen[0].split()) == 6


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"password": "wrong"}, "refused the login of applicant"),
        ({"cafile": None}, "CERTIFICATE_VERIFY_FAILED"),
        ({"folder": "Nope"}, "cannot open folder 'Nope'"),
    ],
)
def test_imap_problems_are_one_clear_line(imap: ImapServer, change: dict[str, str | None], problem: str) -> None:
    options: dict[str, str | None] = {"password": imap.password, "cafile": str(imap.cafile), "folder": "INBOX"}
    options.update(change)
    reader = ImapReader(
        parse_imap_url(imap.url()),
        options["password"] or "",
        folder=options["folder"] or "INBOX",
        cafile=options["cafile"],
    )
    with pytest.raises(MailboxError, match=problem), reader:
        pass


def test_imap_to_a_closed_port_is_a_clear_error() -> None:
    with (
        pytest.raises(MailboxError, match=r"cannot talk IMAP with 127\.0\.0\.1:9"),
        ImapReader(parse_imap_url("imaps://user@127.0.0.1:9/"), "secret"),
    ):
        pass
