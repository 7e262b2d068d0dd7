"""parse_headers reads each header once, and reads it as policy.default does."""

import mailbox
import sysconfig
from email import policy
from email.parser import BytesParser
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from apps.ingestion import mail
from tests.ingestion.payloads import DERIVED, SHARED_EMAIL

MAILS = sorted([*(SHARED_EMAIL / "eml").rglob("*.eml"), *DERIVED.glob("*.eml")])
# Python's own test mails (odd headers of every kind), where the interpreter ships them.
PYTHON_MAILS = sorted((Path(sysconfig.get_paths()["stdlib"]) / "test" / "test_email" / "data").glob("msg_*.txt"))


def corpus() -> list[tuple[str, bytes]]:
    found = [(path.name, path.read_bytes()) for path in [*MAILS, *PYTHON_MAILS]]
    for number, boxed in enumerate(mailbox.mbox(DERIVED / "applications.mbox")):
        found.append((f"applications.mbox:{number}", boxed.as_bytes()))
    for key, filed in sorted(mailbox.Maildir(DERIVED / "applications.maildir", create=False).items()):
        found.append((f"applications.maildir:{key}", filed.as_bytes()))
    return found


CORPUS = corpus()


def read(reader: Any) -> str:
    """A header as callers read it: its str, or the error reading it raised."""
    try:
        return str(reader())
    except Exception as error:
        return f"raised {type(error).__name__}"


@pytest.mark.parametrize(("name", "raw"), CORPUS, ids=[name for name, _ in CORPUS])
def test_the_stored_headers_and_skip_rules_read_as_with_policy_default(name: str, raw: bytes) -> None:
    plain = BytesParser(policy=policy.default).parsebytes(mail.header_block(raw), headersonly=True)
    parsed = mail.parse_headers(raw)
    assert mail.headers_of(parsed) == mail.headers_of(plain)
    for own_domain in ("inbound.localhost", "example.org", "example.com"):
        assert mail.skip_reason(parsed, own_domain=own_domain) == mail.skip_reason(plain, own_domain=own_domain)
    assert parsed.get_content_type() == plain.get_content_type()
    assert parsed.get("x-not-there", "default") == "default"
    for header in {key.lower() for key in plain}:
        assert read(partial(parsed.get, header)) == read(partial(plain.get, header)), header
        ours, theirs = parsed.get_all(header, []), plain.get_all(header, [])
        assert [str(value) for value in ours] == [str(value) for value in theirs], header


def test_the_corpus_has_python_s_test_mails_and_the_mailboxes() -> None:
    assert len(CORPUS) > len(MAILS) + 10


def test_a_header_is_parsed_once_however_often_it_is_read() -> None:
    parsed = mail.parse_headers(b"From: A <a@example.org>\r\nSubject: hi\r\n\r\nbody")
    assert parsed["From"] is parsed.get("from")
    assert parsed.get("Subject") == "hi"
    assert parsed.get_all("X-Nothing") is None


def test_a_value_that_is_not_plain_is_policy_default_s_header_object() -> None:
    parsed = mail.parse_headers(
        b'From: "Doe, John" <j@example.org>\r\nSubject: =?utf-8?q?J=C3=B6hn?=\r\nTo: a@b, c@d\r\n\r\n'
    )
    assert parsed["From"].addresses[0].addr_spec == "j@example.org"
    assert parsed["Subject"] == "Jöhn"
    assert len(parsed["To"].addresses) == 2


# --- The plain readings against policy.default's, as properties ---------------------

ATEXT = "abcXYZ019!#$%&'*+/=?^_`{|}~-"
ODD = ' \t"(),.:;<>@[\\]\x00\x01\x7f'
words = st.text(alphabet=ATEXT, min_size=1, max_size=6)
dot_atoms = st.lists(words, min_size=1, max_size=3).map(".".join)
addresses = st.tuples(dot_atoms, dot_atoms).map("@".join)
spaces = st.sampled_from(["", " ", "  ", "\t", " \t", "\r\n ", "\r\n\t"])
noise = st.text(alphabet=ATEXT + ODD, max_size=4)


@st.composite
def near(draw: st.DrawFn, plain: st.SearchStrategy[str]) -> str:
    """A plain value, or one a little off: a character put in, taken out or changed."""
    value = draw(plain)
    if draw(st.booleans()) and value:
        at = draw(st.integers(0, len(value)))
        cut = draw(st.integers(0, min(2, len(value) - min(at, len(value)))))
        value = value[:at] + draw(noise) + value[at + cut :]
    return value


gaps = st.sampled_from([" ", "  ", "\t", " \t ", "\r\n "])
display_names = st.lists(st.tuples(gaps, words), min_size=1, max_size=3).map(
    lambda pairs: "".join(gap + word for gap, word in pairs)[1:]
)
named = st.tuples(spaces, display_names, spaces, addresses, spaces).map(
    lambda parts: parts[0] + parts[1] + parts[2] + "<" + parts[3] + ">" + parts[4]
)
bare = st.tuples(spaces, st.sampled_from(["", "<"]), addresses, spaces).map(
    lambda parts: parts[0] + parts[1] + parts[2] + (">" if parts[1] else "") + parts[3]
)
message_ids = addresses.map(lambda address: f"<{address}>")
dates = st.tuples(
    st.sampled_from(["", "Tue, ", "Mon,"]),
    st.integers(1, 31),
    st.sampled_from(["Jan", "Mar", "Dec", "Foo"]),
    st.integers(0, 2099),
    st.sampled_from(["09:15:00", "9:15", "23:59:60", "24:00"]),
    st.sampled_from([" +0100", " -0000", " GMT", " EST", "", " +2500", " (CET)"]),
).map(lambda parts: f"{parts[0]}{parts[1]} {parts[2]} {parts[3]} {parts[4]}{parts[5]}")
tokens = st.text(alphabet="abcTXT019!#$%&'*+.^_`{|}~-", min_size=1, max_size=8)
parameters = st.sampled_from(["", ";", "; charset=utf-8", ';b="x y"', "(c); a=b"])
content_types = st.tuples(spaces, tokens, tokens, spaces, parameters).map(
    lambda parts: f"{parts[0]}{parts[1]}/{parts[2]}{parts[3]}{parts[4]}"
)
text = st.text(alphabet=st.characters(max_codepoint=127, exclude_characters="\r\n"), max_size=30)

VALUES = {
    "From": st.one_of(near(named), near(bare), text),
    "To": st.one_of(near(named), near(bare)),
    "Reply-To": st.one_of(near(named), near(bare)),
    "Message-ID": st.one_of(near(message_ids), text),
    "Date": st.one_of(near(dates), text),
    "Subject": st.one_of(text, st.tuples(text, spaces, text).map("".join)),
    "Auto-Submitted": text,
    "X-Loop": text,
    "Received": text,
}


# No deadline: how long an example takes is the machine's load, not a property.
@pytest.mark.property
@hypothesis_settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(sorted(VALUES)).flatmap(lambda name: st.tuples(st.just(name), VALUES[name])))
def test_a_plain_reading_is_the_string_policy_default_gives(header: tuple[str, str]) -> None:
    # Against policy.default as the mail module reads it: a header its parser fails on is text.
    name, value = header
    ours = read(lambda: mail.as_policy_default(name, value))
    assert ours == read(lambda: mail.TOLERANT.header_fetch_parse(name, value))


@pytest.mark.property
@hypothesis_settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(near(content_types), text))
def test_the_content_type_reads_as_with_policy_default(value: str) -> None:
    raw = b"Content-Type: " + value.encode() + b"\r\nSubject: x\r\n\r\n"
    plain = BytesParser(policy=mail.TOLERANT).parsebytes(raw, headersonly=True)
    assert mail.parse_headers(raw).get_content_type() == plain.get_content_type()


@pytest.mark.parametrize("value", ["a/b (x);c*", "a/b;c*"])
def test_a_content_type_that_crashes_python_s_parser_leaves_the_mail_readable(value: str) -> None:
    raw = b"Content-Type: " + value.encode() + b"\r\nSubject: x\r\n\r\nbody"
    with pytest.raises(IndexError):  # CPython's structured-header parser, as of 3.11
        BytesParser(policy=policy.default).parsebytes(raw).get_content_type()
    assert mail.parse_headers(raw).get_content_type().startswith("a/b")
    assert mail.parse_mime(raw).get_content_type().startswith("a/b")
