"""How the pipeline reads a stored mail (mail.read_mime, the compat32 policy) finds
the same attachments, names and bytes as the admin's full parse (mail.parse_mime)."""

import mailbox

import pytest

from apps.ingestion import mail
from tests.ingestion.payloads import SHARED_EMAIL

# Real mails from mail libraries' test suites, and the derived applications (Maildir too).
SAMPLES = sorted(
    path
    for path in SHARED_EMAIL.rglob("*")
    if path.suffix == ".eml" or (path.is_file() and path.parent.parent.name == "applications.maildir")
)


def crafted() -> bytes:
    """File names in encoded words, RFC 2231 and with a form feed; a folded header;
    a transfer encoding with trailing space; two Content-Types on one part."""
    return (
        b'From: a@example.com\r\nContent-Type: multipart/mixed; boundary="XX"\r\n\r\n--XX\r\n'
        b'Content-Type: application/pdf;\r\n name="=?utf-8?b?0KDQtdC30Y7QvNC1LnBkZg==?="\r\n'
        b'Content-Disposition: attachment;\r\n filename="=?utf-8?b?0KDQtdC30Y7QvNC1LnBkZg==?="\r\n'
        b"Content-Transfer-Encoding: base64 \r\n\r\nJVBERi0xLjQK\r\n--XX\r\n"
        b"Content-Type: text/plain\r\nContent-Type: application/zip\r\n"
        b"Content-Disposition: attachment; filename*=utf-8''%E2%82%AC%20rates.txt\r\n\r\nhello\r\n--XX\r\n"
        b'Content-Type: application/octet-stream; name="a\x0cb.pdf"\r\n\r\nxyz\r\n--XX--\r\n'
    )


def mails() -> list[tuple[str, bytes]]:
    found = [(path.name, path.read_bytes()) for path in SAMPLES]
    for path in sorted(SHARED_EMAIL.rglob("*.mbox")):
        found += [(f"{path.name}:{number}", message.as_bytes()) for number, message in enumerate(mailbox.mbox(path))]
    return [*found, ("crafted", crafted())]


@pytest.mark.parametrize(("name", "raw"), mails(), ids=[name for name, _ in mails()])
def test_the_worker_reads_every_sample_mails_attachments_as_the_admin_does(name: str, raw: bytes) -> None:
    assert list(mail.attachments(mail.read_mime(raw))) == list(mail.attachments(mail.parse_mime(raw)))


def test_encoded_file_names_are_decoded_and_a_second_content_type_is_ignored() -> None:
    parts = list(mail.attachments(mail.read_mime(crafted())))
    assert [(part.filename, part.content_type) for part in parts] == [
        ("Резюме.pdf", "application/pdf"),
        ("€ rates.txt", "text/plain"),
        ("a\x0cb.pdf", "application/octet-stream"),
    ]


def test_the_samples_are_there() -> None:
    assert len(SAMPLES) > 30
    assert any(len(list(mail.attachments(mail.read_mime(path.read_bytes())))) > 1 for path in SAMPLES)
