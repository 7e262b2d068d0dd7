"""The masking under logs and Sentry (ats.redaction, the JSON formatter, ats.sentry's scrubber)."""

import json
import logging
from typing import Any, cast

import pytest
from django.test import RequestFactory

from apps.tenants.logging import RedactingJsonFormatter
from ats.redaction import redact
from ats.sentry import scrub_breadcrumb, scrub_event


@pytest.mark.parametrize(
    "text",
    [
        "omkarpathak27@gmail.com",
        "(+91) 8087996634",
        "+918087996634",
        "+1 (555) 987-6543",
        "607.379.5733",
        "123-456-7890",
        "080879 96634",
    ],
)
def test_it_masks_emails_and_phone_numbers_however_they_are_written(text: str) -> None:
    masked = redact(f"could not file {text}.")
    assert text not in masked
    assert masked in ("could not file [email].", "could not file [phone].")


@pytest.mark.parametrize(
    "text",
    [
        "2026-11-26 16:49:45,123",
        "2026-11-26T16:49:45.123Z",
        "succeeded in 0.21611173900009817s",
        "sentry-task-enqueued-time 1764176545.5174778",
        "550e8400-e29b-41d4-a716-446655440000",
        "12345678-4912-bc92-1d06-7fff8a97abcd",
        "3f2a9b81234567890abc",
        "message 1234567 of tenant 42",
        "127.0.0.1:5432",
    ],
)
def test_it_keeps_dates_timestamps_uuids_digests_and_ids(text: str) -> None:
    assert redact(text) == text


def test_it_masks_the_values_in_a_postgresql_detail_line_and_keeps_the_rest() -> None:
    error = (
        'duplicate key value violates unique constraint "one_key"\nDETAIL:  Key (value)=(Omkar Pathak) exists.\nnext'
    )
    assert redact(error) == 'duplicate key value violates unique constraint "one_key"\nDETAIL: [redacted]\nnext'


def test_the_log_formatter_masks_nested_extras_and_writes_a_request_as_method_and_path() -> None:
    formatter = RedactingJsonFormatter("%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s")
    record = logging.LogRecord("celery", logging.ERROR, __file__, 1, "failed for %s", ("a@b.example",), None)
    record.request_id = "0123456789abcdef0123"
    record.data = {"exc": "InjectedFault('call (+91) 8087996634')", "args": ["x@y.example"]}
    record.request = RequestFactory().get("/api/candidates/", {"search": "x@y.example"})
    line = json.loads(formatter.format(record))
    assert line["message"] == "failed for [email]"
    assert line["data"] == {"exc": "InjectedFault('call [phone]')", "args": ["[email]"]}
    assert line["request"] == "GET /api/candidates/"
    assert line["request_id"] == "0123456789abcdef0123"


def test_a_sentry_event_loses_query_string_body_and_cookies_and_its_messages_are_masked() -> None:
    event = {
        "request": {
            "url": "https://acme.example/api/candidates/?search=a%40b.example",
            "query_string": "search=a%40b.example",
            "data": {"password": "secret"},
            "cookies": {"sessionid": "abc"},
            "method": "GET",
        },
        "exception": {"values": [{"type": "RuntimeError", "value": "no a@b.example"}]},
        "logentry": {"message": "failed for %s", "params": ["a@b.example"], "formatted": "failed for a@b.example"},
        "extra": {"reason": "mail from a@b.example", "message_id": 7},
        "breadcrumbs": {"values": [{"message": "call 808-799-6634", "data": {"url": "https://x.example/?q=1"}}]},
    }
    scrubbed: dict[str, Any] = cast(dict[str, Any], scrub_event(event, {}))  # type: ignore[arg-type]  # a plain dict, as the SDK passes it
    assert scrubbed["request"] == {"url": "https://acme.example/api/candidates/", "method": "GET"}
    assert scrubbed["exception"]["values"][0]["value"] == "no [email]"
    assert scrubbed["logentry"] == {"message": "failed for [email]", "formatted": "failed for [email]", "params": []}
    assert scrubbed["extra"] == {"reason": "mail from [email]", "message_id": 7}
    assert scrubbed["breadcrumbs"]["values"][0] == {"message": "call [phone]", "data": {"url": "https://x.example/"}}


def test_a_breadcrumb_is_masked_before_it_is_kept() -> None:
    crumb = scrub_breadcrumb({"message": "GET ?q=a@b.example", "data": {"sender": "a@b.example", "size": 3}}, {})
    assert crumb == {"message": "GET ?q=[email]", "data": {"sender": "[email]", "size": 3}}
