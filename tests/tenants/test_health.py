"""/health reports each dependency, and 503 names the one that is down."""

import socket
import subprocess
import time
from collections.abc import Iterator
from typing import Any

import pytest
import redis
from django.test import Client
from pytest_django.fixtures import Settings as SettingsWrapper

from tests.conftest import TenantFixture

pytestmark = pytest.mark.django_db


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def own_redis(settings: SettingsWrapper) -> Iterator[subprocess.Popen[bytes]]:
    """A Redis server of this test's own, so that it can be stopped."""
    port = free_port()
    server = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    url = f"redis://127.0.0.1:{port}/0"
    deadline = time.monotonic() + 10
    while True:
        try:
            redis.Redis.from_url(url).ping()
            break
        except redis.ConnectionError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)
    settings.REDIS_URL = url
    yield server
    server.kill()
    server.wait()


def health(client: Client, host: str = "localhost") -> tuple[int, dict[str, Any]]:
    response = client.get("/health", headers={"host": host})
    return response.status_code, response.json()


def test_health_reports_database_redis_and_tesseract(client: Client, own_redis: subprocess.Popen[bytes]) -> None:
    _, body = health(client)
    assert body["checks"]["database"]["ok"] is True
    assert body["checks"]["redis"]["ok"] is True
    assert body["checks"]["tesseract"]["ok"] is True
    assert "celery" in body["checks"]


def test_health_is_served_on_tenant_hosts_too(client: Client, alpha: TenantFixture) -> None:
    _, body = health(client, alpha.host)
    assert body["checks"]["database"]["ok"] is True


def test_a_stopped_redis_makes_health_503_and_names_it(client: Client, own_redis: subprocess.Popen[bytes]) -> None:
    own_redis.terminate()
    own_redis.wait()
    status, body = health(client)
    assert status == 503
    assert "redis" in body["failing"]
    assert body["checks"]["database"]["ok"] is True


def test_no_reachable_broker_makes_health_503_and_names_celery(client: Client, settings: SettingsWrapper) -> None:
    settings.CELERY_BROKER_URL = f"redis://127.0.0.1:{free_port()}/0"  # nothing listens there
    status, body = health(client)
    assert status == 503
    assert "celery" in body["failing"]
