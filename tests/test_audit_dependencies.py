"""scripts/audit-dependencies.sh: a reported vulnerability fails the build; a service that
cannot be reached is reported loudly and does not. The vulnerability feed is outside our
control, so a local stand-in for OSV's query API answers here (pip-audit's --osv-url)."""

import json
import os
import subprocess
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from tests.conftest import ROOT
from tests.ingestion.payloads import closed_port

SCRIPT = ROOT / "scripts" / "audit-dependencies.sh"
ADVISORY = {
    "id": "GHSA-test-0000-0000",
    "summary": "A vulnerability reported by the stand-in feed",
    "affected": [
        {
            "package": {"name": "django", "ecosystem": "PyPI"},
            "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "99.0"}]}],
        }
    ],
}


class FakeOsv(BaseHTTPRequestHandler):
    """Answers OSV's POST /v1/query: one advisory for the packages in ``vulnerable``."""

    vulnerable: frozenset[str] = frozenset()

    def do_POST(self) -> None:
        query = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        name = query["package"]["name"]
        body = json.dumps({"vulns": [ADVISORY]} if name in self.vulnerable else {}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


def serve(vulnerable: set[str]) -> Iterator[str]:
    handler = type("Handler", (FakeOsv,), {"vulnerable": frozenset(vulnerable)})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/v1/query"
    server.shutdown()
    server.server_close()


@pytest.fixture
def feed_with_django_advisory() -> Iterator[str]:
    yield from serve({"django"})


@pytest.fixture
def clean_feed() -> Iterator[str]:
    yield from serve(set())


def audit(osv_url: str, **extra: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "AUDIT_SERVICES": "osv", "AUDIT_OSV_URL": osv_url, "AUDIT_TIMEOUT": "5", **extra}
    return subprocess.run([str(SCRIPT)], env=environment, capture_output=True, text=True, timeout=300, check=False)


def test_a_known_vulnerability_fails_the_audit_and_is_named(feed_with_django_advisory: str) -> None:
    result = audit(feed_with_django_advisory)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "KNOWN VULNERABILITIES" in result.stdout
    assert "django 5.2" in result.stdout
    assert "GHSA-test-0000-0000 (fixed in 99.0" in result.stdout


def test_a_feed_without_advisories_passes_and_says_how_many_packages_it_checked(clean_feed: str) -> None:
    result = audit(clean_feed)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No known vulnerabilities in" in result.stdout


def test_an_unreachable_feed_is_reported_loudly_but_does_not_fail_the_build() -> None:
    result = audit(f"http://127.0.0.1:{closed_port()}/v1/query")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "could NOT be checked; this is not a pass" in result.stdout
    assert "No known vulnerabilities" not in result.stdout


def test_an_unreachable_feed_fails_when_the_audit_is_required() -> None:
    result = audit(f"http://127.0.0.1:{closed_port()}/v1/query", AUDIT_REQUIRED="1")
    assert result.returncode == 2, result.stdout + result.stderr
