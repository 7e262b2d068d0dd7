"""parse_headers reads each header once, and reads it as policy.default does."""

from email import policy
from email.parser import BytesParser
from pathlib import Path

import pytest

from apps.ingestion import mail
from tests.ingestion.payloads import DERIVED, SHARED_EMAIL

MAILS = sorted([*(SHARED_EMAIL / "eml").rglob("*.eml"), *DERIVED.glob("*.eml")])


@pytest.mark.parametrize("path", MAILS, ids=lambda path: path.name)
def test_the_stored_headers_and_skip_rules_read_as_with_policy_default(path: Path) -> None:
    raw = path.read_bytes()
    plain = BytesParser(policy=policy.default).parsebytes(mail.header_block(raw), headersonly=True)
    parsed = mail.parse_headers(raw)
    assert mail.headers_of(parsed) == mail.headers_of(plain)
    for own_domain in ("inbound.localhost", "example.org", "example.com"):
        assert mail.skip_reason(parsed, own_domain=own_domain) == mail.skip_reason(plain, own_domain=own_domain)
    assert parsed.get_content_type() == plain.get_content_type()
    assert parsed.get("x-not-there", "default") == "default"


def test_a_header_is_parsed_once_however_often_it_is_read() -> None:
    parsed = mail.parse_headers(b"From: A <a@example.org>\r\nSubject: hi\r\n\r\nbody")
    assert parsed["From"] is parsed.get("from")
    assert parsed.get("Subject") == "hi"
