"""Request id and tenant on every log line, from context variables set per request; the
JSON formatter that masks email addresses and phone numbers in what it writes."""

import logging
import re
import uuid
from collections.abc import Callable
from contextvars import ContextVar
from typing import Any

from django.http import HttpRequest, HttpResponse
from pythonjsonlogger.core import LogData
from pythonjsonlogger.json import JsonFormatter

from ats.redaction import redact

request_id_var: ContextVar[str] = ContextVar("request_id", default="")
tenant_var: ContextVar[str] = ContextVar("tenant", default="")
# Accept a caller's request id only if it is short and plain (it ends up in logs).
REQUEST_ID_RE = re.compile(r"^[A-Za-z0-9._-]{8,64}\Z")


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id_var.get()
        record.tenant = tenant_var.get()
        return True


class RedactingJsonFormatter(JsonFormatter):
    """JSON lines whose free text (message, traceback, extra fields) has emails and phone
    numbers masked: exception messages and third-party lines are not written by us."""

    # Fields that are ours and never personal data; a hex request id could look like a number.
    KEPT = frozenset({"asctime", "levelname", "name", "request_id", "tenant"})

    def process_log_record(self, log_data: LogData) -> LogData:
        for key, value in log_data.items():
            if key not in self.KEPT:
                log_data[key] = _redacted(value)
        return log_data


def _redacted(value: Any) -> Any:
    """Strings masked, in nested extras too (Celery logs a task's failure under "data")."""
    if isinstance(value, HttpRequest):
        # django.request logs the request itself; its repr carries the query string,
        # where a search for an email address or a name would be.
        return f"{value.method} {value.path}"
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, dict):
        return {key: _redacted(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_redacted(item) for item in value]
    return value


class RequestIdMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if REQUEST_ID_RE.match(incoming) else uuid.uuid4().hex
        request.request_id = request_id  # type: ignore[attr-defined]
        # Not reset afterwards: Django logs the response status after the
        # middleware returns, and the next request overwrites both values.
        request_id_var.set(request_id)
        tenant_var.set("")
        response = self.get_response(request)
        response["X-Request-ID"] = request_id
        return response
