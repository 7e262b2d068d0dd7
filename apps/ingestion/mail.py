"""Reading raw MIME: the headers we keep, the key of a message, its attachments,
its body, and whether it is an auto-reply, a bounce or a loop. Pure: no ORM."""

import email.utils
import hashlib
import html
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from email import feedparser, policy
from email.headerregistry import HeaderRegistry
from email.message import EmailMessage, Message
from email.parser import BytesParser
from email.policy import EmailPolicy, Policy
from typing import Any

MAX_HEADER = 300
# More hops than any real delivery takes: the message is going round in circles.
MAX_RECEIVED = 30
AUTO_PRECEDENCE = {"bulk", "junk", "auto_reply", "list"}
AUTO_REPLY_HEADERS = ("X-Autoreply", "X-Autorespond", "X-Auto-Reply")
BOUNCE_SENDERS = {"mailer-daemon", "postmaster"}


@dataclass(frozen=True)
class Part:
    index: int
    filename: str
    content_type: str
    data: bytes


@dataclass(frozen=True)
class Headers:
    message_id: str
    from_address: str
    from_name: str
    subject: str
    sent_at: datetime | None


class _FeedparserRe:
    """email.feedparser's ``re``: the module itself, but for the expression its parser
    compiles for every multipart boundary, which becomes a check that the line starts
    with the boundary and one expression compiled once for the rest of the line. Each
    mail has boundaries of its own, so each compile missed re's cache, and compiling
    one cost more than reading the rest of a one-attachment mail's structure. The
    same matches, and the same two groups the parser reads of them (end, linesep;
    tests/ingestion/test_pipeline_mail.py). For every parse in the process: the
    admin's and the webhook's read the same."""

    _PREFIX = "(?P<sep>"
    _SUFFIX = r")(?P<end>--)?(?P<ws>[ \t]*)(?P<linesep>\r\n|\r|\n)?$"
    _END = re.compile(_SUFFIX[1:])

    def __getattr__(self, name: str) -> Any:
        return getattr(re, name)

    def compile(self, pattern: Any, flags: int = 0) -> Any:
        if type(pattern) is str and not flags and pattern.startswith(self._PREFIX) and pattern.endswith(self._SUFFIX):
            escaped = pattern[len(self._PREFIX) : -len(self._SUFFIX)]
            separator = re.sub(r"\\(.)", r"\1", escaped, flags=re.DOTALL)
            if re.escape(separator) == escaped:
                return _Boundary(separator, self._END)
        return re.compile(pattern, flags)


class _Boundary:
    """The compiled boundary pattern: the separator, then _FeedparserRe._END."""

    def __init__(self, separator: str, end: re.Pattern[str]) -> None:
        self.separator = separator
        self.end = end

    def match(self, line: str) -> re.Match[str] | None:
        return self.end.match(line, len(self.separator)) if line.startswith(self.separator) else None


feedparser.re = _FeedparserRe()  # type: ignore[attr-defined]  # not in the stubs; the module uses no more of re


class _TolerantPolicy(EmailPolicy):
    """policy.default, but a header its parser cannot read comes back as the text it is:
    CPython's structured-header parser raises IndexError on some malformed values
    ("Content-Type: a/b (x);c*"), and one hostile header must not make a mail unreadable
    (the webhook would answer 500 and the provider retry it forever)."""

    def header_fetch_parse(self, name: str, value: str) -> Any:
        try:
            return super().header_fetch_parse(name, value)
        except Exception:  # any failure of the parser on text it was given
            return _LINE_BREAKS.sub("", value)


TOLERANT = _TolerantPolicy()


def parse_mime(raw: bytes) -> EmailMessage:
    message = BytesParser(policy=TOLERANT).parsebytes(raw)
    assert isinstance(message, EmailMessage)
    return message


def read_mime(raw: bytes) -> Message:
    """The whole mail for a walk over its attachments, at a tenth of parse_mime's cost:
    with the compat32 policy its headers stay plain strings, where policy.default
    builds a header object each time one is read (about 20 reads a message, the
    parser's own included). attachments() reads it exactly as it reads parse_mime's."""
    return BytesParser(policy=policy.compat32).parsebytes(raw)


class HeaderBlock(Message):
    """A parsed header block (read, not changed) whose headers read as policy.default
    reads them, each once, at a fraction of the cost.

    The block is parsed with compat32 (the headers stay the strings they were), and a
    header is built into policy.default's header object only when it is not plain:
    policy.default builds a new header class at every read and parses each value
    with its RFC 5322 parser (From alone was a fifth of storing a message's CPU). A
    plain value (ASCII, no encoded word) of the headers storing a message reads, in
    the forms nearly every mail uses (an unstructured text, a bare address or one
    after a display name of plain words, a Message-ID, a date, a type/subtype), gives
    the same string read both ways, and is given as that string: a str, not a header
    object (callers read headers as str). tests/ingestion/test_mail_headers.py checks
    that both readings are equal on the shared mails and Python's own test mails, and
    as hypothesis properties. Any other value is read by policy.default itself."""

    def __init__(self, policy: Policy = policy.compat32) -> None:
        super().__init__(policy)
        self._read: dict[str, Any] = {}

    def get(self, name: str, failobj: Any = None) -> Any:
        key = name.lower()
        value = self._read.get(key, _ABSENT)
        if value is _ABSENT:
            found = next(((header, raw) for header, raw in self.raw_items() if header.lower() == key), None)
            value = self._read[key] = _ABSENT if found is None else as_policy_default(*found)
        return failobj if value is _ABSENT else value

    def __getitem__(self, name: str) -> Any:
        return self.get(name)

    def get_all(self, name: str, failobj: Any = None) -> Any:
        key = name.lower()
        values = [as_policy_default(header, raw) for header, raw in self.raw_items() if header.lower() == key]
        return values or failobj

    def get_content_type(self) -> str:
        # Message.get_content_type reads policy.default's header up to its first ";",
        # lower-cased; a plain type/subtype reads the same in the raw value.
        raw = next((raw for header, raw in self.raw_items() if header.lower() == "content-type"), None)
        if isinstance(raw, str) and (plain := _PLAIN_CONTENT_TYPE.match(raw)) is not None:
            return plain.group(1).lower()
        return super().get_content_type()


_ABSENT = object()
# The headers policy.default reads with a class of their own; any other is unstructured.
_STRUCTURED = set(HeaderRegistry().registry) - {"subject"}
_LINE_BREAKS = re.compile(r"[\r\n]")
# RFC 5322 atext, and dot-atoms of it.
_ATEXT = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]"
_DOT_ATOM = rf"{_ATEXT}+(?:\.{_ATEXT}+)*"
_PLAIN_ADDRESS = re.compile(rf"[ \t]*<?({_DOT_ATOM}@{_DOT_ATOM})>?[ \t]*")
_PLAIN_NAMED_ADDRESS = re.compile(rf"((?:[ \t]*{_ATEXT}+)+)[ \t]*<({_DOT_ATOM}@{_DOT_ATOM})>[ \t]*")
_PLAIN_MESSAGE_ID = re.compile(rf"<{_DOT_ATOM}@{_DOT_ATOM}>")
_MIME_WORD = r"[A-Za-z0-9!#$%&'*+.^_`{|}~-]+"  # RFC 2045's token
_PLAIN_CONTENT_TYPE = re.compile(rf"[ \t]*({_MIME_WORD}/{_MIME_WORD})[ \t]*(?:;|$)")


def as_policy_default(name: str, raw: Any) -> Any:
    """The header ``name: raw`` (as the parser stored it) read as policy.default reads
    it: the same string for a plain value, else policy.default's header object."""
    if isinstance(raw, str) and raw.isascii() and "=?" not in raw:
        text = _LINE_BREAKS.sub("", raw)
        kind = name.lower()
        if kind not in _STRUCTURED:
            return text  # unstructured: policy.default gives the text back
        if kind in ("from", "sender", "reply-to", "to", "cc", "bcc"):
            if (bare := _PLAIN_ADDRESS.fullmatch(text)) is not None and (text.count("<") == text.count(">")):
                return bare.group(1)
            if (named := _PLAIN_NAMED_ADDRESS.fullmatch(text)) is not None:
                return f"{' '.join(named.group(1).split())} <{named.group(2)}>"
        elif kind == "message-id" and _PLAIN_MESSAGE_ID.fullmatch(text):
            return text
        elif kind == "date" and text:
            try:
                return email.utils.format_datetime(email.utils.parsedate_to_datetime(text))
            except ValueError:
                return text  # policy.default keeps a date it cannot read as it is
            except Exception:  # noqa: S110  # left to policy.default, below
                pass
    return TOLERANT.header_fetch_parse(name, raw)


def parse_headers(raw: bytes) -> HeaderBlock:
    """The header block only: what storing a message needs, at a fraction of the cost
    of a full parse (Python's parser reads a 200 KB mail line by line in ~30 ms)."""
    message = BytesParser(HeaderBlock, policy=policy.compat32).parsebytes(header_block(raw), headersonly=True)
    assert isinstance(message, HeaderBlock)
    return message


def header_block(raw: bytes) -> bytes:
    """The bytes up to the first empty line. The parser's headersonly mode still feeds
    the whole body through its line reader; this hands it the headers alone."""
    match = _BLANK_LINE.search(raw)
    return raw if match is None else raw[: match.end()]


_BLANK_LINE = re.compile(rb"\r?\n\r?\n")


def clean_header(value: str) -> str:
    """A header or envelope value as stored: whitespace folded, at most MAX_HEADER
    characters, and no NUL (PostgreSQL text refuses it, which would fail the store
    and make the provider retry the same mail for ever)."""
    return " ".join(value.replace("\0", "").split())[:MAX_HEADER]


def _header(message: Message, name: str) -> str:
    try:
        value = message.get(name)
    except Exception:  # a malformed header must not sink the whole message
        return ""
    return clean_header(str(value)) if value is not None else ""


def headers_of(message: Message) -> Headers:
    name, address = email.utils.parseaddr(_header(message, "From"))
    date = _header(message, "Date")  # once: each read parses the header again
    try:
        sent_at = email.utils.parsedate_to_datetime(date) if date else None
    except (TypeError, ValueError):
        sent_at = None
    if sent_at is not None and sent_at.tzinfo is None:
        sent_at = None  # a date without a zone cannot be placed in time
    return Headers(
        message_id=_header(message, "Message-ID").strip("<> "),
        from_address=address.lower()[:MAX_HEADER],
        from_name=name[:MAX_HEADER],
        subject=_header(message, "Subject"),
        sent_at=sent_at,
    )


def message_key(headers: Headers, message: EmailMessage | bytes) -> str:
    """tenant + Message-ID identifies a message; without one, its content does: given
    the raw bytes, their digest (the same mail delivered again has the same bytes; the
    webhooks rebuild parsed-mode mail deterministically); given a parsed message, a
    digest of its sender, subject, date, body text and attachments."""
    if headers.message_id:
        key = f"mid:{headers.message_id}"
        return key if len(key) <= MAX_HEADER else "midsha:" + hashlib.sha256(key.encode()).hexdigest()
    if isinstance(message, bytes):
        return "sha256:" + hashlib.sha256(message).hexdigest()
    digest = hashlib.sha256()
    for value in (headers.from_address, headers.subject, str(headers.sent_at or ""), body_text(message)):
        digest.update(value.encode("utf-8", "surrogateescape") + b"\0")
    for part in attachments(message):
        digest.update(part.filename.encode("utf-8", "surrogateescape") + b"\0" + hashlib.sha256(part.data).digest())
    return "sha256:" + digest.hexdigest()


def skip_reason(message: Message, *, own_domain: str, envelope_sender: str = "") -> str:
    """'' for a message to process, else why it is skipped: auto_reply, bounce or loop."""
    content_type = message.get_content_type()
    from_address = email.utils.parseaddr(_header(message, "From"))[1].lower()
    local_part = from_address.split("@")[0]
    if content_type == "multipart/report" or local_part in BOUNCE_SENDERS or envelope_sender.strip() == "<>":
        return "bounce"
    auto_submitted = _header(message, "Auto-Submitted").lower()
    if auto_submitted and auto_submitted != "no":
        return "auto_reply"
    if _header(message, "Precedence").lower() in AUTO_PRECEDENCE:
        return "auto_reply"
    if any(_header(message, name) for name in AUTO_REPLY_HEADERS):
        return "auto_reply"
    own = own_domain.lower()
    if own and (from_address.endswith("@" + own) or own in _header(message, "X-Loop").lower()):
        return "loop"
    if len(message.get_all("Received") or []) > MAX_RECEIVED:
        return "loop"
    return ""


def _filename(headers: Message) -> str:
    try:
        name = headers.get_filename() or ""
    except Exception:
        name = ""
    # Windows and POSIX paths sent as file names keep only their last component.
    return re.split(r"[\\/]", str(name))[-1].strip()[:255]


_LINE_BREAK = re.compile(r"[\r\n]")
# policy.default's header classes of these two (its header_factory is a default
# HeaderRegistry), looked up once: the registry builds a new class at every lookup.
_MIME_HEADER_CLASSES = {name: HeaderRegistry()[name] for name in ("content-type", "content-disposition")}


def _mime_headers(part: Message) -> EmailMessage:
    """The part's Content-Type and Content-Disposition (the first of each) read with
    policy.default, whatever policy parsed the part: encoded words in file names are
    decoded as policy.default decodes them, and each header is parsed once."""
    headers = EmailMessage()
    headers.set_default_type(part.get_default_type())
    for name, value in part.raw_items():
        header_class = _MIME_HEADER_CLASSES.get(name.lower())
        if header_class is not None and name not in headers:
            # As policy.default fetches a header: line breaks of the folding taken out
            # (assigning the bare string would refuse some other characters).
            headers[name] = value if hasattr(value, "name") else header_class(name, _LINE_BREAK.sub("", value))
    return headers


# A plain Content-Type or Content-Disposition (line breaks of the folding taken out):
# ASCII, its type, then parameters name=token or name="quoted text", each name once,
# no encoded words, RFC 2231 names (name*=), comments or escapes. policy.default reads
# such a value as these pieces say (tests/ingestion/test_pipeline_mail.py compares
# both readings); any other value is read by policy.default's header classes.
# RFC 2045's token, less "*" and "'" (RFC 2231's)
_PLAIN_MIME_WORD = r"[!#$%&+.0-9A-Z^_`a-z{|}~-]+"
_PLAIN_PARAMETER_VALUE = rf'{_PLAIN_MIME_WORD}|"[^"\\\r\n=?]*"'
_PLAIN_PARAMETER = re.compile(rf"[ \t]*;[ \t]*({_PLAIN_MIME_WORD})=({_PLAIN_PARAMETER_VALUE})[ \t]*")
_PLAIN_PARAMETERS = rf"(?:;[ \t]*{_PLAIN_MIME_WORD}=(?:{_PLAIN_PARAMETER_VALUE})[ \t]*)*"
_PLAIN_MIME_VALUE = re.compile(
    rf"[ \t]*({_PLAIN_MIME_WORD}(?:/{_PLAIN_MIME_WORD})?)[ \t]*({_PLAIN_PARAMETERS});?[ \t]*"
)


def _plain_mime_value(value: Any) -> tuple[str, dict[str, str]] | None:
    """A plain value's type (as written) and parameters (names lower-cased, quotes
    taken off), or None when the value is not plain."""
    if type(value) is not str or not value.isascii():
        return None  # a header object (policy.default parsed it already) or not ASCII
    whole = _PLAIN_MIME_VALUE.fullmatch(_LINE_BREAK.sub("", value))
    if whole is None:
        return None
    parameters: dict[str, str] = {}
    for name, raw in _PLAIN_PARAMETER.findall(whole.group(2)):
        if name.lower() in parameters:
            return None  # which one policy.default keeps is its own business
        parameters[name.lower()] = raw[1:-1] if raw.startswith('"') else raw
    return whole.group(1), parameters


def _plain_reading(part: Message) -> tuple[str | None, str, str] | None:
    """The part's disposition, file name and content type as attachments() reads them
    through _mime_headers, from the raw values when both headers are plain (or absent):
    the header classes of policy.default cost a fifth of reading a mail. None: not plain."""
    content_type = disposition = None
    for name, value in part.raw_items():
        key = name.lower()
        if key == "content-type" and content_type is None:
            content_type = _plain_mime_value(value)
            if content_type is None:
                return None
        elif key == "content-disposition" and disposition is None:
            disposition = _plain_mime_value(value)
            if disposition is None:
                return None
    if content_type is None:
        full_type, type_parameters = part.get_default_type(), {}
    elif "/" in content_type[0]:
        full_type, type_parameters = content_type[0].lower(), content_type[1]
    else:
        return None  # policy.default's reading of a type without a subtype: left to it
    kind, disposition_parameters = (None, {}) if disposition is None else (disposition[0].lower(), disposition[1])
    if disposition is not None and "/" in disposition[0]:
        return None
    name = disposition_parameters.get("filename", type_parameters.get("name", ""))
    return kind, re.split(r"[\\/]", name)[-1].strip()[:255], full_type


def attachments(message: Message) -> Iterator[Part]:
    """Every attached file, forwarded messages' included, in MIME walk order; the
    same parts, names and bytes whether ``message`` came from parse_mime or read_mime."""
    index = 0
    for part in message.walk():
        if part.is_multipart():
            continue
        plain = _plain_reading(part)
        if plain is not None:
            disposition, filename, content_type = plain
        else:
            headers = _mime_headers(part)
            disposition = headers.get_content_disposition()
            filename = _filename(headers)
            content_type = headers.get_content_type()
        if disposition != "attachment" and not filename:
            continue  # a body part
        if content_type in ("message/rfc822", "message/delivery-status"):
            continue
        data = part.get_payload(decode=True)
        if not isinstance(data, bytes) or not data:
            continue
        yield Part(index=index, filename=filename, content_type=content_type[:100], data=data)
        index += 1


def attachment_at(message: Message, index: int) -> Part | None:
    return next((part for part in attachments(message) if part.index == index), None)


def body_text(message: EmailMessage) -> str:
    """The plain-text body (from HTML when that is all there is), or ''."""
    try:
        body = message.get_body(preferencelist=("plain", "html"))
        text = body.get_content() if body is not None else ""
    except (KeyError, LookupError, ValueError, AttributeError):
        return ""
    if not isinstance(text, str):
        return ""
    if body is not None and body.get_content_type() == "text/html":
        text = html.unescape(re.sub(r"(?s)<(script|style).*?</\1>|<[^>]+>", "\n", text))
    return text.strip()
