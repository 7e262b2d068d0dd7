"""manage.py reimport_mailbox: import a whole mailbox into a tenant, once.

    reimport_mailbox --tenant SLUG (--imap URL | --mbox PATH | --maildir PATH)
                     [--folder F] [--since YYYY-MM-DD] [--dry-run] [--imap-cafile PEM]

Feeds every message of a mailbox to the same store service as the webhooks
(STYLE.md rule 4), so a message already received, by webhook or by an earlier
run, is recognised by its key in the database and neither stored nor processed
again: an interrupted run is finished by running it again. The IMAP password
comes from the environment variable IMAP_PASSWORD, never from the command line.

Exit status 0; 1 when the input is unusable (nothing is read or written then),
when some messages could not be stored (the others are), or on Ctrl-C.
"""

import contextlib
import datetime
import logging
import os
import signal
import sys
import threading
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from tqdm import tqdm

from apps.ingestion import mail
from apps.ingestion.mailbox import (
    ImapReader,
    MailboxError,
    MailboxMessage,
    MaildirReader,
    MboxReader,
    Reader,
    envelope_of,
    headers,
    parse_imap_url,
)
from apps.ingestion.models import InboundMessage
from apps.ingestion.services import message_store
from apps.tenants.context import tenant_context
from apps.tenants.models import Tenant

logger = logging.getLogger(__name__)

PASSWORD_VARIABLE = "IMAP_PASSWORD"  # noqa: S105 (the variable's name, not a password)


class Command(BaseCommand):
    help = (
        "Import every message of a mailbox (IMAP, mbox or Maildir) into a tenant through the same store as the "
        f"webhooks; messages already known are not imported again. The IMAP password is read from {PASSWORD_VARIABLE}."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--tenant", required=True, metavar="SLUG", help="the tenant that receives the messages")
        source = parser.add_mutually_exclusive_group(required=True)
        source.add_argument(
            "--imap", metavar="URL", help="imaps://user@host[:port]/ (TLS) or imap://... (STARTTLS, required)"
        )
        source.add_argument("--mbox", metavar="PATH", type=Path, help="an mbox file")
        source.add_argument("--maildir", metavar="PATH", type=Path, help="a Maildir directory (new/ and cur/)")
        parser.add_argument("--folder", help="IMAP folder (default: the URL's path, else INBOX)")
        parser.add_argument(
            "--since",
            metavar="YYYY-MM-DD",
            help="only messages from that day on (IMAP: received by the server; files: their Date header)",
        )
        parser.add_argument("--dry-run", action="store_true", help="read and count, write nothing")
        parser.add_argument(
            "--imap-cafile", metavar="PEM", help="trust the CA certificates in this file instead of the system's"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        since = _since(options["since"])
        tenant = Tenant.objects.filter(slug=options["tenant"]).first()
        if tenant is None:
            raise CommandError(f"no tenant with the slug {options['tenant']!r} (see the admin or provision_tenant)")
        reader, description = self._reader(options, since)
        run = _Run(self, tenant=tenant, dry_run=options["dry_run"])
        opened_at_all = False  # a source refused on opening: an error, no summary of nothing
        try:
            with reader as opened:
                opened_at_all = True
                bar = tqdm(
                    total=opened.total,
                    unit="msg",
                    desc=description,
                    file=sys.stderr,
                    disable=None if options["verbosity"] > 0 else True,  # None: only on a terminal
                    dynamic_ncols=True,
                )
                with bar, _stop_between_messages() as stop:
                    for message in opened.messages():
                        run.one(message)
                        bar.update()
                        bar.set_postfix(run.counts, refresh=False)
                        if stop.is_set():
                            raise KeyboardInterrupt
        except MailboxError as error:
            if opened_at_all:
                self.stdout.write(run.summary())
            raise CommandError(str(error)) from error
        except KeyboardInterrupt:
            if opened_at_all:
                self.stdout.write(run.summary())
            raise CommandError(
                "interrupted; run the same command again to finish (messages already imported are not doubled)"
            ) from None
        self.stdout.write(run.summary())
        if run.counts["failed"]:
            raise CommandError(
                f"{run.counts['failed']} message(s) could not be stored (see above); run again to retry them"
            )

    def _reader(self, options: dict[str, Any], since: datetime.date | None) -> tuple[Reader, str]:
        try:
            if options["imap"]:
                location = parse_imap_url(options["imap"])
                password = os.environ.get(PASSWORD_VARIABLE, "")
                if not password:
                    raise CommandError(f"set the IMAP password in the environment variable {PASSWORD_VARIABLE}")
                folder = options["folder"] or location.folder or "INBOX"
                imap = ImapReader(location, password, folder=folder, since=since, cafile=options["imap_cafile"])
                return imap, f"{location.host} {folder}"
        except MailboxError as error:
            raise CommandError(str(error)) from error
        if options["folder"]:
            raise CommandError("--folder is for --imap only")
        if options["mbox"]:
            return MboxReader(options["mbox"], since=since), options["mbox"].name
        return MaildirReader(options["maildir"], since=since), options["maildir"].name


def _since(value: str | None) -> datetime.date | None:
    if value is None:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"--since: {error} (expected YYYY-MM-DD)") from error


class _Run:
    """One import: stores (or, dry, previews) each message and keeps the counts."""

    def __init__(self, command: BaseCommand, *, tenant: Tenant, dry_run: bool) -> None:
        self.command = command
        self.tenant = tenant
        self.dry_run = dry_run
        self.counts: Counter[str] = Counter(new=0, known=0, skipped=0, failed=0)
        self.reasons: Counter[str] = Counter()
        self.seen: set[str] = set()  # dry runs only: a message twice in the mailbox is known the second time

    def one(self, message: MailboxMessage) -> None:
        if len(message.raw) > settings.INGESTION_MAX_MESSAGE_BYTES:
            # The webhooks refuse such mail too; the pipeline is sized for what they accept.
            self.counts["skipped"] += 1
            self.reasons["too_large"] += 1
            return
        try:
            envelope = envelope_of(headers(message.raw), slug=self.tenant.slug)
            if self.dry_run:
                outcome = self._preview(message.raw, envelope_sender=envelope.sender)
            else:
                outcome = message_store(
                    tenant=self.tenant,
                    raw_mime=message.raw,
                    channel=InboundMessage.Channel.MAILBOX,
                    job_code=envelope.job_code,
                    envelope={"recipient": envelope.recipient, "sender": envelope.sender},
                ).outcome
        except Exception as error:  # one bad message must not end the run: counted, reported, next
            self.counts["failed"] += 1
            reason = " ".join(str(error).split())[:200]
            self.command.stderr.write(f"failed: {message.source}: {type(error).__name__}: {reason}")
            logger.warning(
                "reimport: message not stored",
                extra={"tenant": self.tenant.slug, "source": message.source, "error": type(error).__name__},
            )
            if not connection.in_atomic_block:
                connection.close_if_unusable_or_obsolete()  # the next message gets a working connection
            return
        if outcome in ("new", "known"):
            self.counts[outcome] += 1
        else:
            self.counts["skipped"] += 1
            self.reasons[outcome.removeprefix("skipped_")] += 1

    def _preview(self, raw: bytes, *, envelope_sender: str) -> str:
        """What message_store would answer, found by reading only: the same key and skip
        rules (apps.ingestion.mail), looked up in the tenant's messages. The per-sender
        flood limit is not previewed."""
        parsed = mail.parse_mime(raw)
        key = mail.message_key(mail.headers_of(parsed), parsed)
        if key in self.seen:
            return "known"
        self.seen.add(key)
        with tenant_context(self.tenant, actor="reimport:dry-run"):
            if InboundMessage.objects.filter(key=key).exists():
                return "known"
        reason = mail.skip_reason(parsed, own_domain=settings.INBOUND_DOMAIN, envelope_sender=envelope_sender)
        return f"skipped_{reason}" if reason else "new"

    def summary(self) -> str:
        counts = self.counts
        skipped = f"skipped {counts['skipped']}"
        if self.reasons:
            skipped += " (" + ", ".join(f"{reason} {n}" for reason, n in sorted(self.reasons.items())) + ")"
        prefix = "dry run, nothing written: " if self.dry_run else ""
        return (
            f"{prefix}new {counts['new']}, already known {counts['known']}, {skipped}, failed {counts['failed']} "
            f"({counts.total()} messages read)"
        )


@contextlib.contextmanager
def _stop_between_messages() -> Iterator[threading.Event]:
    """Ctrl-C stops the run after the message at hand, a second one at once. Raised
    in the middle of storing a message, the KeyboardInterrupt could land in the
    database driver, which cancels the statement on the server: CI once saw that
    message counted as failed and the run go on to the end."""
    stop = threading.Event()

    def request_stop(signum: int, frame: object) -> None:
        stop.set()
        signal.signal(signal.SIGINT, signal.default_int_handler)

    if threading.current_thread() is not threading.main_thread():
        yield stop  # signal handlers belong to the main thread; Ctrl-C is plain there
        return
    previous = signal.signal(signal.SIGINT, request_stop)
    try:
        yield stop
    finally:
        signal.signal(signal.SIGINT, previous)
