"""Normalization never raises on arbitrary text and is idempotent (pytest -m property)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from apps.candidates.normalize import (
    clean_display_name,
    normalize_email,
    normalize_name,
    normalize_phone,
    normalize_url,
)

pytestmark = pytest.mark.property
regions = st.sampled_from(["US", "DE", "FR", "GB", "IN", "BR", "JP"])


@given(st.text())
def test_names_normalize_idempotently(text: str) -> None:
    once = normalize_name(text)
    assert normalize_name(once) == once
    assert once == once.strip()
    assert "  " not in once


@given(st.text())
def test_display_names_are_tidied_idempotently(text: str) -> None:
    once = clean_display_name(text)
    assert clean_display_name(once) == once


@given(st.text())
def test_emails_normalize_idempotently(text: str) -> None:
    once = normalize_email(text)
    if once is not None:
        assert normalize_email(once) == once
        assert once == once.lower()


@given(st.text(), regions)
def test_phones_normalize_idempotently(text: str, region: str) -> None:
    once = normalize_phone(text, region)
    if once is not None:
        assert once.startswith("+")
        assert normalize_phone(once, region) == once
        assert normalize_phone(once, None) == once


@given(st.from_regex(r"\+?[0-9 ()./-]{0,30}", fullmatch=True), regions)
def test_phone_like_text_never_raises(text: str, region: str) -> None:
    normalize_phone(text, region)


@given(st.text())
def test_urls_normalize_idempotently(text: str) -> None:
    once = normalize_url(text)
    if once is not None:
        assert normalize_url(once) == once


def test_examples() -> None:
    assert normalize_name("  Dr. José-María O'Neil  ") == "dr jose-maria o'neil"
    assert normalize_name("王小明") == "王小明"
    assert normalize_email(" <Jane.Doe@Example.COM> ") == "jane.doe@example.com"
    assert normalize_phone("(030) 1234567", "DE") == "+49301234567"
    assert normalize_phone("2019", "US") is None
    assert normalize_url("WWW.GitHub.com/jane/") == "https://github.com/jane"
    assert normalize_url("//de.linkedin.com/in/zoe/?trk=x#top") == "https://linkedin.com/in/zoe"
