"""The webhooks' own reading of a form of plain fields (plain_form_fields) gives what
Django's multipart parser gives, or leaves the form to it."""

from io import BytesIO
from typing import Any

import pytest
from django.core.files.uploadhandler import MemoryFileUploadHandler
from django.http.multipartparser import MultiPartParser
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from pytest_django.fixtures import Settings as SettingsWrapper

from apps.ingestion.webhooks import plain_form_fields
from tests.ingestion.payloads import DERIVED, load

BOUNDARY = "BoUnDaRyStRiNg"


def django_fields(body: bytes, boundary: str = BOUNDARY) -> tuple[dict[str, list[str]], int] | str:
    """What Django's parser makes of ``body``: the fields and the number of files, or its error."""
    meta = {"CONTENT_TYPE": f"multipart/form-data; boundary={boundary}", "CONTENT_LENGTH": str(len(body))}
    try:
        post, files = MultiPartParser(meta, BytesIO(body), [MemoryFileUploadHandler()], "utf-8").parse()
    except Exception as error:  # the comparison is with whatever Django does
        return type(error).__name__
    return dict(post.lists()), len(files)


def ours(body: bytes, boundary: str = BOUNDARY) -> dict[str, list[str]] | None:
    fields = plain_form_fields(body, boundary.encode(), "utf-8")
    return None if fields is None else dict(fields.lists())


def form(parts: list[tuple[bytes, bytes]], *, boundary: str = BOUNDARY, end: bytes = b"--\r\n") -> bytes:
    """A multipart body of (header block, value) parts."""
    separator = b"--" + boundary.encode()
    return b"".join(separator + b"\r\n" + head + b"\r\n\r\n" + value + b"\r\n" for head, value in parts) + (
        separator + end
    )


def field(name: str, value: bytes) -> tuple[bytes, bytes]:
    return f'Content-Disposition: form-data; name="{name}"'.encode(), value


@pytest.mark.parametrize("name", sorted(path.stem for path in (DERIVED / "webhooks").glob("*.body")))
def test_the_providers_payloads_read_as_django_reads_them_or_go_to_django(name: str) -> None:
    body = load(name).body
    expected = django_fields(body)
    fields = ours(body)
    assert isinstance(expected, tuple)
    if "parsed" in name:  # attachments are files: Django's to read
        assert fields is None
        assert expected[1] > 0
    else:
        assert fields == expected[0]
        assert expected[1] == 0


def test_a_value_keeps_its_line_breaks_dashes_and_invalid_utf8_as_django_decodes_them() -> None:
    value = b"line\r\n\r\n--BoUnDaRy\r\n-- \xff\xfe end\r"
    body = form([field("body-mime", value), field("token", b""), field("token", b"x")])
    assert (
        ours(body)
        == django_fields(body)[0]
        == {
            "body-mime": [value.decode("utf-8", "replace")],
            "token": ["", "x"],
        }
    )


@pytest.mark.parametrize(
    "body",
    [
        form([(b'Content-Disposition: form-data; name="f"; filename="cv.pdf"', b"%PDF")]),
        form([(b'Content-Disposition: form-data; name="f"\r\nContent-Transfer-Encoding: base64', b"QUJD")]),
        form([(b"Content-Disposition: form-data; name=f", b"unquoted")]),
        b"preamble\r\n" + form([field("a", b"1")]),
        form([field("a", b"1")], end=b"--\r\nepilogue"),
        form([field("a", b"1")], end=b""),
        b'--BoUnDaRyStRiNg\r\nContent-Disposition: form-data; name="a"\r\n\r\n--BoUnDaRyStRiNg--\r\n',
    ],
    ids=["file", "transfer-encoding", "unquoted-name", "preamble", "epilogue", "no-final-boundary", "no-value-crlf"],
)
def test_any_other_shape_of_form_is_left_to_django(body: bytes) -> None:
    assert ours(body) is None


def test_a_form_past_django_s_limits_is_left_to_django_which_refuses_it(settings: SettingsWrapper) -> None:
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 2
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100
    too_many = form([field("a", b"1"), field("b", b"2"), field("c", b"3")])
    too_big = form([field("a", b"x" * 100)])
    assert ours(too_many) is None
    assert django_fields(too_many) == "TooManyFieldsSent"
    assert ours(too_big) is None
    assert django_fields(too_big) == "RequestDataTooBig"
    just_fits = form([field("a", b"x" * 97)])  # Django counts the name and "&=" too
    assert ours(just_fits) == django_fields(just_fits)[0]


# Values made of the pieces a boundary search can trip on.
chunks = st.sampled_from([b"\r\n", b"\r", b"\n", b"--", b"-", BOUNDARY.encode(), b"BoUnD", b"\r\n\r\n", b"a", b"\xff"])
values = st.lists(st.one_of(chunks, st.binary(max_size=40)), max_size=12).map(b"".join)
names = st.from_regex(r"[-!#$%&'*+.^_`|~0-9A-Za-z]{1,30}", fullmatch=True)
heads = st.one_of(
    names.map(lambda name: f'Content-Disposition: form-data; name="{name}"'.encode()),
    st.sampled_from(
        [
            b'Content-Disposition: form-data; name="f"; filename="a.txt"',
            b'Content-Disposition: form-data; name="x"\r\nContent-Type: text/plain',
            b"Content-Disposition: form-data",
            b"",
        ]
    ),
)


@pytest.mark.property
@hypothesis_settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(heads, values), min_size=1, max_size=6), st.sampled_from([b"--\r\n", b"--", b""]))
def test_whatever_the_form_ours_equals_django_s_when_it_reads_it(parts: Any, end: bytes) -> None:
    body = form(parts, end=end)
    fields = ours(body)
    if fields is not None:
        assert django_fields(body) == (fields, 0)
