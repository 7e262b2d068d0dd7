"""The WSGI entry point that gunicorn loads."""

import base64
import io
import json
import subprocess
import sys
from collections.abc import Callable, Iterator
from typing import Any
from wsgiref.util import setup_testing_defaults

import pytest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from pytest_django.fixtures import Settings as SettingsWrapper

from apps.ingestion.models import InboundMessage
from apps.tenants.context import tenant_context
from ats.wsgi import application
from tests.conftest import ROOT, TenantFixture, manage_env
from tests.ingestion import payloads

# Run in a process of its own: importing ats.wsgi freezes the importing process's objects.
LOADED = """
import gc, json
import ats.wsgi
print(json.dumps({"frozen": gc.get_freeze_count(), "tracked": len(gc.get_objects())}))
"""


def test_the_loaded_app_is_out_of_the_collectors_sight() -> None:
    """A full collection walks only what requests leave behind, not the app itself."""
    result = subprocess.run(
        [sys.executable, "-c", LOADED],
        cwd=ROOT,
        env=manage_env(),
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    counts = json.loads(result.stdout.strip().splitlines()[-1])
    assert counts["frozen"] > 10 * counts["tracked"]


@pytest.fixture
def connection_kept() -> Iterator[None]:
    """As Django's test client does: a request must not close the test's connection
    (it is inside the test's transaction, which Django takes for a leftover)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def served(method: str, path: str, body: bytes = b"", **headers: str) -> tuple[int, dict[str, str]]:
    """A request through ats.wsgi.application, as gunicorn makes it: status and headers."""
    environ: dict[str, Any] = {}
    setup_testing_defaults(environ)
    environ.update(
        REQUEST_METHOD=method,
        PATH_INFO=path,
        HTTP_HOST=payloads.PUBLIC_HOST,
        CONTENT_LENGTH=str(len(body)),
        **{"wsgi.input": io.BytesIO(body)},
        **headers,
    )
    answer: list[tuple[str, list[tuple[str, str]]]] = []

    def start_response(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Callable[[bytes], object]:
        answer.append((status, headers))
        return lambda data: None

    response = application(environ, start_response)
    b"".join(response)
    response.close()  # Django's response ends the request
    status, header_list = answer[0]
    return int(status.split()[0]), dict(header_list)


@pytest.mark.django_db
@pytest.mark.usefixtures("connection_kept")
def test_a_webhook_is_served_with_its_own_chain_and_stored(settings: SettingsWrapper, alpha: TenantFixture) -> None:
    settings.ANYMAIL = {"WEBHOOK_SECRET": [payloads.BASIC_AUTH], "MAILGUN_WEBHOOK_SIGNING_KEY": payloads.SIGNING_KEY}
    mail = payloads.mailgun("mailgun_mime_with_resume", payloads.inbound_address("alpha"))
    status, headers = served(
        "POST",
        mail.path,
        mail.body,
        CONTENT_TYPE=mail.content_type,
        HTTP_AUTHORIZATION="Basic " + base64.b64encode(payloads.BASIC_AUTH.encode()).decode(),
    )
    assert status == 200
    with tenant_context(alpha.tenant, actor="test"):
        assert InboundMessage.objects.count() == 1
    assert headers["X-Request-ID"]
    # No clickjacking, session or language middleware on the webhooks' chain ...
    assert "X-Frame-Options" not in headers
    assert "Vary" not in headers
    # ... and the whole chain everywhere else.
    status, headers = served("GET", "/no-such-page/")
    assert status == 404
    assert headers["X-Frame-Options"] == "DENY"
