"""Mailbox readers for reimport: stream the messages of an IMAP folder, an mbox file or a Maildir as raw bytes.

Pure: no ORM. Each reader is a context manager whose ``__enter__`` checks the
source (connects and logs in, opens the file, lists the directories) and raises
``MailboxError`` with a one-line reason before anything is read, and whose
``messages()`` yields one ``MailboxMessage`` at a time: memory holds one message
(IMAP: one batch of at most ``IMAP_BATCH_BYTES``), never the mailbox.

``since`` keeps messages from that day on: on IMAP it is the server's SEARCH SINCE
(the internal date, i.e. when the server received the message); in files it is
the message's Date header, else the delivery date (the mbox "From " line, the
Maildir file's mtime); a message with no date at all is kept.
"""

import contextlib
import datetime
import email.utils
import imaplib
import os
import re
import ssl
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC
from email import policy
from email.message import Message
from email.parser import BytesHeaderParser
from pathlib import Path
from typing import Any, Literal, Self
from urllib.parse import unquote, urlsplit

#: UIDs looked up per SEARCH: bounds the size of one SEARCH answer on huge folders.
IMAP_SEARCH_WINDOW = 10_000
#: Most messages and bytes fetched per FETCH command.
IMAP_BATCH_MESSAGES = 100
IMAP_BATCH_BYTES = 16 * 1024 * 1024
IMAP_TIMEOUT_SECONDS = 60

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


class MailboxError(Exception):
    """The mailbox cannot be read (missing, malformed, refused); the message says why in one line."""


@dataclass(frozen=True)
class MailboxMessage:
    raw: bytes
    #: Where it was found, for logs and error lines: "uid 42", "offset 1234", "cur/1795683725.M7P1.vm:2,S".
    source: str
    #: When the mailbox got it: IMAP internal date, mbox "From " line date, Maildir mtime (None if unknown).
    received: datetime.datetime | None = None


# --- Headers -------------------------------------------------------------------


def header_block(raw: bytes) -> bytes:
    """The header section of a raw message (up to the first empty line)."""
    ends = [position for position in (raw.find(b"\r\n\r\n"), raw.find(b"\n\n")) if position >= 0]
    return raw[: min(ends) + 1] if ends else raw


def headers(raw: bytes) -> Message:
    """The headers of ``raw`` only, without parsing the body (cheap on a 30 MB message)."""
    return BytesHeaderParser(policy=policy.compat32).parsebytes(header_block(raw))


def header_date(message: Message) -> datetime.datetime | None:
    value = message.get("Date")
    if value is None:
        return None
    try:
        return email.utils.parsedate_to_datetime(str(value))
    except (TypeError, ValueError, IndexError):
        return None


@dataclass(frozen=True)
class Envelope:
    recipient: str = ""
    sender: str = ""
    job_code: str | None = None


def envelope_of(message: Message, *, slug: str) -> Envelope:
    """What the delivering server recorded: the recipient (Delivered-To, X-Original-To)
    and the sender (Return-Path). The job code is the plus part of a recipient whose
    local part is the tenant's slug (``acme+be42@...``), and only then: a plus part
    of anybody else's address says nothing about our jobs."""
    recipients: list[str] = []
    for name in ("Delivered-To", "X-Original-To"):
        for _, address in email.utils.getaddresses([str(value) for value in message.get_all(name) or []]):
            if address:
                recipients.append(address)
    sender = ""
    return_path = message.get("Return-Path")
    if return_path is not None:
        value = str(return_path).strip()
        sender = "<>" if value.replace(" ", "") == "<>" else email.utils.parseaddr(value)[1]
    for address in recipients:
        local, _, _ = address.rpartition("@")
        base, plus, code = local.partition("+")
        if base.lower() == slug.lower():
            return Envelope(recipient=address, sender=sender, job_code=code if plus and code else None)
    return Envelope(recipient=recipients[0] if recipients else "", sender=sender)


def _in_range(raw: bytes, received: datetime.datetime | None, since: datetime.date | None) -> bool:
    if since is None:
        return True
    when = header_date(headers(raw)) or received
    return when is None or when.date() >= since


# --- IMAP ----------------------------------------------------------------------


@dataclass(frozen=True)
class ImapLocation:
    host: str
    port: int
    user: str
    #: "ssl": TLS from the first byte (imaps://); "starttls": plain connection upgraded before login (imap://).
    security: Literal["ssl", "starttls"]
    #: The folder named by the URL path, if any.
    folder: str | None = None


def parse_imap_url(url: str) -> ImapLocation:
    """``imaps://user@host[:port]/[folder]`` (TLS) or ``imap://...`` (STARTTLS, required).
    The password never belongs in the URL: it would show in the shell history and ``ps``."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as error:
        raise MailboxError(f"not an IMAP URL: {error}") from error
    if parts.scheme not in ("imap", "imaps"):
        raise MailboxError("the IMAP URL must start with imaps:// (TLS) or imap:// (STARTTLS)")
    if parts.password is not None:
        raise MailboxError("put the IMAP password in the environment variable, not in the URL")
    if not parts.hostname or not parts.username:
        raise MailboxError("the IMAP URL needs a user and a host: imaps://user@host[:port]/")
    folder = unquote(parts.path.strip("/")) or None
    security: Literal["ssl", "starttls"] = "ssl" if parts.scheme == "imaps" else "starttls"
    return ImapLocation(
        host=parts.hostname,
        port=port or (993 if security == "ssl" else 143),
        user=unquote(parts.username),
        security=security,
        folder=folder,
    )


def imap_date(day: datetime.date) -> str:
    """RFC 3501 date (``04-Mar-2025``), independent of the process locale."""
    return f"{day.day:02d}-{_MONTHS[day.month - 1]}-{day.year}"


def _quoted(name: str) -> str:
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'


@dataclass
class ImapReader:
    """Messages of one IMAP folder, fetched by UID in batches, read-only (EXAMINE, BODY.PEEK:
    flags stay as they were). UIDs that arrive during the run are left for the next one."""

    location: ImapLocation
    password: str
    folder: str = "INBOX"
    since: datetime.date | None = None
    cafile: str | None = None
    #: Messages in the folder when no --since narrows it (the progress bar's total), else None.
    total: int | None = field(default=None, init=False)
    _client: imaplib.IMAP4 | None = field(default=None, init=False, repr=False)
    _uidnext: int = field(default=1, init=False)

    def __enter__(self) -> Self:
        where = f"{self.location.host}:{self.location.port}"
        context = ssl.create_default_context(cafile=self.cafile)
        client: imaplib.IMAP4 | None = None
        try:
            if self.location.security == "ssl":
                client = imaplib.IMAP4_SSL(
                    self.location.host, self.location.port, ssl_context=context, timeout=IMAP_TIMEOUT_SECONDS
                )
            else:
                client = imaplib.IMAP4(self.location.host, self.location.port, timeout=IMAP_TIMEOUT_SECONDS)
                if "STARTTLS" not in client.capabilities:
                    raise MailboxError(f"{where} does not offer STARTTLS; refusing to send the password unencrypted")
                client.starttls(ssl_context=context)
            try:
                client.login(self.location.user, self.password)
            except imaplib.IMAP4.error as error:
                raise MailboxError(f"{where} refused the login of {self.location.user}: {_text(error)}") from error
            status, detail = client.select(_quoted(self.folder), readonly=True)
            if status != "OK":
                raise MailboxError(f"cannot open folder {self.folder!r} on {where}: {_text(detail)}")
            self.total = int(detail[0] or 0) if self.since is None and detail and detail[0] else None
            self._uidnext = self._next_uid(client)
        except MailboxError:
            _close(client)
            raise
        except ssl.SSLError as error:
            _close(client)
            raise MailboxError(f"TLS with {where} failed: {error.reason or error}") from error
        except (OSError, imaplib.IMAP4.error) as error:
            _close(client)
            raise MailboxError(f"cannot talk IMAP with {where}: {_text(error)}") from error
        self._client = client
        return self

    def __exit__(self, *exc: object) -> None:
        _close(self._client)
        self._client = None

    def _next_uid(self, client: imaplib.IMAP4) -> int:
        _, values = client.response("UIDNEXT")
        if values and values[0]:
            return int(values[0])
        status, data = client.status(_quoted(self.folder), "(UIDNEXT)")
        match = re.search(rb"UIDNEXT (\d+)", data[0] or b"") if status == "OK" and data else None
        if match is None:
            raise MailboxError(f"the server did not tell the next UID of {self.folder!r}")
        return int(match.group(1))

    def messages(self) -> Iterator[MailboxMessage]:
        client = self._client
        assert client is not None, "use the reader as a context manager"
        try:
            yield from self._messages(client)
        except (OSError, imaplib.IMAP4.error) as error:
            where = f"{self.location.host}:{self.location.port}"
            raise MailboxError(f"lost the IMAP connection with {where}: {_text(error)}") from error

    def _messages(self, client: imaplib.IMAP4) -> Iterator[MailboxMessage]:
        for start in range(1, self._uidnext, IMAP_SEARCH_WINDOW):
            end = min(start + IMAP_SEARCH_WINDOW, self._uidnext) - 1
            criteria = ["UID", f"{start}:{end}"] + (["SINCE", imap_date(self.since)] if self.since else [])
            uids = [int(uid) for uid in _ok(client.uid("SEARCH", *criteria))[0].split()]
            for offset in range(0, len(uids), IMAP_BATCH_MESSAGES * 5):
                sizes = self._sizes(client, uids[offset : offset + IMAP_BATCH_MESSAGES * 5])
                for batch in _batches(sizes):
                    yield from self._fetch(client, batch)

    def _sizes(self, client: imaplib.IMAP4, uids: Sequence[int]) -> list[tuple[int, int]]:
        if not uids:
            return []
        found: dict[int, int] = {}
        for item in _ok(client.uid("FETCH", ",".join(map(str, uids)), "(RFC822.SIZE)")):
            line = item[0] if isinstance(item, tuple) else item
            uid, size = re.search(rb"UID (\d+)", line or b""), re.search(rb"RFC822\.SIZE (\d+)", line or b"")
            if uid and size:
                found[int(uid.group(1))] = int(size.group(1))
        return [(uid, found[uid]) for uid in uids if uid in found]  # gone meanwhile: expunged

    def _fetch(self, client: imaplib.IMAP4, uids: Sequence[int]) -> Iterator[MailboxMessage]:
        fetched: dict[int, MailboxMessage] = {}
        for item in _ok(client.uid("FETCH", ",".join(map(str, uids)), "(UID INTERNALDATE BODY.PEEK[])")):
            if not isinstance(item, tuple):
                continue  # the closing ")" of a response, or an unsolicited FLAGS update
            found = re.search(rb"UID (\d+)", item[0])
            if found is None:
                continue
            number = int(found.group(1))
            internal = imaplib.Internaldate2tuple(item[0])
            received = None if internal is None else datetime.datetime.fromtimestamp(time.mktime(internal), UTC)
            fetched[number] = MailboxMessage(bytes(item[1]), f"uid {number}", received)
        for uid in uids:
            if uid in fetched:
                yield fetched.pop(uid)


def _batches(sizes: Sequence[tuple[int, int]]) -> Iterator[list[int]]:
    batch: list[int] = []
    total = 0
    for uid, size in sizes:
        if batch and (len(batch) >= IMAP_BATCH_MESSAGES or total + size > IMAP_BATCH_BYTES):
            yield batch
            batch, total = [], 0
        batch.append(uid)
        total += size
    if batch:
        yield batch


def _ok(answer: tuple[str, list[Any]]) -> list[Any]:
    status, data = answer
    if status != "OK":
        raise MailboxError(f"the IMAP server answered {status}: {_text(data)}")
    return data


def _text(value: object) -> str:
    if isinstance(value, BaseException) and value.args:
        value = value.args[0]  # imaplib's errors carry the server's answer as bytes
    if isinstance(value, list | tuple):
        value = b" ".join(part if isinstance(part, bytes) else str(part).encode() for part in value)
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    return " ".join(str(value).split())[:300]


def _close(client: imaplib.IMAP4 | None) -> None:
    if client is None:
        return
    with contextlib.suppress(OSError, imaplib.IMAP4.error):
        client.logout()


# --- mbox ----------------------------------------------------------------------

# A "From " line quoted in a body (mboxrd: any number of ">" before it): one ">" comes off.
_QUOTED_FROM = re.compile(rb">+From ")
# The date at the end of a "From " separator line: "From sender Thu Nov 26 09:02:05 2026".
_FROM_LINE = re.compile(rb"From \S*\s+\w{3} \w{3} [ \d]\d \d\d:\d\d(:\d\d)? (\d{4}|\S+ \d{4})")


@dataclass
class MboxReader:
    """Messages of an mbox file, read line by line: memory holds one message.

    A message starts at a "From " line that follows an empty line (or starts the
    file), or that looks like a separator with its date, so that a stray unquoted
    "From " in a body does not cut a message in two. Quoted ">From " lines lose one
    ">" (mboxrd; also right for mboxo except for a body line that really began
    with ">From "). The separator's empty line is not part of the message.
    """

    path: Path
    since: datetime.date | None = None
    total: int | None = field(default=None, init=False)

    def __enter__(self) -> Self:
        try:
            with self.path.open("rb") as handle:
                start = handle.read(5)
        except IsADirectoryError as error:
            raise MailboxError(f"{self.path} is a directory, not an mbox file (a Maildir? use --maildir)") from error
        except OSError as error:
            raise MailboxError(f"cannot read {self.path}: {error.strerror or error}") from error
        if start and start != b"From ":
            raise MailboxError(f"{self.path} is not an mbox file: it does not start with a 'From ' line")
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def messages(self) -> Iterator[MailboxMessage]:
        with self.path.open("rb") as handle:
            lines: list[bytes] = []
            separator: bytes | None = None
            start = offset = 0
            previous_blank = True
            for line in handle:
                if line.startswith(b"From ") and (previous_blank or _FROM_LINE.match(line)):
                    if separator is not None:
                        message = _mbox_message(lines, separator, start, self.since)
                        if message is not None:
                            yield message
                    separator, lines, start = line, [], offset
                elif separator is not None:
                    lines.append(line[1:] if line.startswith(b">") and _QUOTED_FROM.match(line) else line)
                offset += len(line)
                previous_blank = line in (b"\n", b"\r\n")
            if separator is not None:
                message = _mbox_message(lines, separator, start, self.since)
                if message is not None:
                    yield message


def _mbox_message(
    lines: list[bytes], separator: bytes, offset: int, since: datetime.date | None
) -> MailboxMessage | None:
    if lines and lines[-1] in (b"\n", b"\r\n"):
        lines.pop()
    raw = b"".join(lines)
    received = _separator_date(separator)
    return MailboxMessage(raw, f"offset {offset}", received) if _in_range(raw, received, since) else None


def _separator_date(line: bytes) -> datetime.datetime | None:
    """The asctime() date that ends a "From " line ("From x@y Thu Nov 26 09:02:05 2026"; a zone
    before the year is ignored). By hand: strptime would be half the cost of reading an mbox."""
    words = line.split()
    if len(words) < 7:
        return None
    try:
        hour, minute, second = (int(part) for part in [*words[5].split(b":"), b"0"][:3])
        month = _MONTHS.index(words[3].decode("ascii").title()) + 1
        return datetime.datetime(int(words[-1]), month, int(words[4]), hour, minute, second, tzinfo=UTC)
    except (ValueError, UnicodeDecodeError):
        return None


# --- Maildir -------------------------------------------------------------------


@dataclass
class MaildirReader:
    """Messages of a Maildir: ``new/`` then ``cur/``, in file-name order (delivery time
    first in standard names); ``tmp/`` holds deliveries in progress and is left alone."""

    path: Path
    since: datetime.date | None = None
    total: int | None = field(default=None, init=False)
    _names: list[str] = field(default_factory=list, init=False, repr=False)

    def __enter__(self) -> Self:
        if not self.path.is_dir():
            problem = "is a file, not a Maildir (an mbox? use --mbox)" if self.path.exists() else "does not exist"
            raise MailboxError(f"{self.path} {problem}")
        if not (self.path / "new").is_dir() or not (self.path / "cur").is_dir():
            raise MailboxError(f"{self.path} is not a Maildir: it needs new/ and cur/ directories")
        try:
            # Names only (a few dozen bytes each): a 50,000-message Maildir lists in a few megabytes.
            self._names = [
                f"{sub}/{entry.name}"
                for sub in ("new", "cur")
                for entry in sorted(os.scandir(self.path / sub), key=lambda entry: entry.name)
                if not entry.name.startswith(".") and entry.is_file()
            ]
        except OSError as error:
            raise MailboxError(f"cannot list {self.path}: {error.strerror or error}") from error
        self.total = len(self._names) if self.since is None else None
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def messages(self) -> Iterator[MailboxMessage]:
        for name in self._names:
            path = self.path / name
            try:
                raw = path.read_bytes()
                received = datetime.datetime.fromtimestamp(path.stat().st_mtime, tz=datetime.UTC)
            except FileNotFoundError:
                continue  # moved or deleted by a mail client since the listing
            if _in_range(raw, received, self.since):
                yield MailboxMessage(raw, name, received)


Reader = ImapReader | MboxReader | MaildirReader
