"""How the pipeline reads a stored mail (mail.read_mime, the compat32 policy) finds
the same attachments, names and bytes as the admin's full parse (mail.parse_mime)."""

import mailbox
import re
from email import feedparser

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


# Values that look plain and are not, or nearly: RFC 2231 forms, quotes, escapes, encoded
# words, a parameter twice, a type without subtype, folding, paths, case, spacing.
TRICKY = [
    'application/pdf; name="cv.pdf"',
    "APPLICATION/PDF; NAME=cv.pdf;",
    'text/plain; name="a  b .pdf" ',
    "application/pdf;\r\n name=cv.pdf",
    "application/pdf; name='x'",
    "application/pdf; name*=utf-8''a%20b.pdf",
    'application/pdf; name="a\\\\b.pdf"',
    'application/pdf; name="=?utf-8?q?a?=.pdf"',
    "application/pdf; name=a; name=b",
    "pdf; name=x.pdf",
    'application/pdf; name="c:\\\\dir\\\\cv.pdf"',
    'application/pdf; name="dir/cv.pdf"',
    "application/pdf;",
    'application/pdf; name=""',
    "application/pdf (a comment); name=x",
    "application/pdf; name = x.pdf",
    "/pdf",
    "",
]
DISPOSITIONS = ['attachment; filename="cv.pdf"', "INLINE", "attachment; filename=''", "attachment;", "", "form-data/x"]


@pytest.mark.parametrize("content_type", TRICKY)
@pytest.mark.parametrize("disposition", DISPOSITIONS)
def test_a_plain_header_reads_as_policy_default_reads_it(content_type: str, disposition: str) -> None:
    head = f"Content-Type: {content_type}\r\n" * bool(content_type)
    head += f"Content-Disposition: {disposition}\r\n" * bool(disposition)
    part = mail.read_mime(f"{head}\r\nhello\r\n".encode())
    headers = mail._mime_headers(part)
    plain = mail._plain_reading(part)
    expected = (headers.get_content_disposition(), mail._filename(headers), headers.get_content_type())
    assert plain is None or plain == expected


@pytest.mark.parametrize(
    "boundary", ["XX", "===============1234567890==", "a.b(c)*+?[x]{1} $^|\\", "tab\there", "--", "é"]
)
def test_the_boundary_is_matched_as_the_expression_the_parser_compiles(boundary: str) -> None:
    separator = "--" + boundary
    # The expression of Python 3.11's email.feedparser, compiled by re itself.
    pattern = "(?P<sep>" + re.escape(separator) + r")(?P<end>--)?(?P<ws>[ \t]*)(?P<linesep>\r\n|\r|\n)?$"
    compiled, expected = vars(feedparser)["re"].compile(pattern), re.compile(pattern)
    assert isinstance(compiled, mail._Boundary)  # recognized, not compiled
    tails = ["", "--", "-- ", "--\r\n", " \t\n", "\r", "\n\n", "x", "--x", " --\r\n", "\r\n", "-", "---\n"]
    for line in [separator + tail for tail in tails] + [tail for tail in tails] + [separator[:-1] + "\n"]:
        found, wanted = compiled.match(line), expected.match(line)
        assert (found is None) == (wanted is None), line
        if wanted is not None:  # the parser reads these two groups of a match, and no more
            assert found is not None
            assert (found.group("end"), found.group("linesep")) == (wanted.group("end"), wanted.group("linesep")), line
