"""Sentry's setup, in one function so that the settings and the privacy test use the same options."""

from typing import Any, cast
from urllib.parse import urlsplit, urlunsplit

import sentry_sdk
from sentry_sdk.types import Event, Hint

from ats.redaction import redact

# Request parts that may carry personal data or credentials: a search for an
# email address in the query string, form fields, the session cookie.
REQUEST_KEYS_DROPPED = ("query_string", "data", "cookies")


def sentry_init(*, dsn: str, traces_sample_rate: float) -> None:
    """No PII leaves for Sentry: no request bodies, query strings, cookies, user data
    or local variables; emails and phone numbers in messages are masked.
    tests/test_no_personal_data_in_logs.py calls it too, with a DSN of a local stand-in."""
    sentry_sdk.init(
        dsn=dsn,
        send_default_pii=False,
        include_local_variables=False,
        max_request_body_size="never",
        traces_sample_rate=traces_sample_rate,
        before_send=scrub_event,
        before_send_transaction=scrub_event,
        before_breadcrumb=scrub_breadcrumb,
    )


def scrub_event(event: Event, hint: Hint) -> Event:
    # Event is a TypedDict of optional keys; plain dict access keeps this readable.
    data = cast(dict[str, Any], event)
    request = data.get("request")
    if request:
        for key in REQUEST_KEYS_DROPPED:
            request.pop(key, None)
        if isinstance(request.get("url"), str):
            request["url"] = _without_query(request["url"])
    for exception in (data.get("exception") or {}).get("values") or []:
        if isinstance(exception.get("value"), str):
            exception["value"] = redact(exception["value"])
    if isinstance(data.get("message"), str):
        data["message"] = redact(data["message"])
    logentry = data.get("logentry")
    if logentry:
        # The SDK keeps the format string and its arguments apart: send them joined and masked.
        logentry["message"] = redact(str(logentry.get("formatted") or logentry.get("message") or ""))
        logentry["formatted"] = logentry["message"]
        logentry["params"] = []
    for key, value in (data.get("extra") or {}).items():
        if isinstance(value, str):
            data["extra"][key] = redact(value)
    for crumb in (data.get("breadcrumbs") or {}).get("values") or []:
        scrub_breadcrumb(crumb, {})
    return event


def scrub_breadcrumb(crumb: dict[str, Any], hint: dict[str, Any]) -> dict[str, Any]:
    if isinstance(crumb.get("message"), str):
        crumb["message"] = redact(crumb["message"])
    data = crumb.get("data")
    if isinstance(data, dict):
        for key, value in data.items():
            if isinstance(value, str):
                data[key] = _without_query(value) if key == "url" else redact(value)
    return crumb


def _without_query(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))
