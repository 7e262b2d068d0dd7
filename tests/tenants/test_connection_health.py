"""The connection health check (CONN_HEALTH_CHECKS) before a request's first query:
a connection the server ended is replaced; a quiet idle one is used as it is, without
a round trip."""

import os
import tempfile
import time
from collections.abc import Iterator

import psycopg
import pytest
from django.conf import settings
from django.db import connection

from apps.tenants.context import tenant_connection


def backend_pid() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        row = cursor.fetchone()
    assert row is not None
    return int(row[0])


@pytest.fixture
def outside_a_transaction(django_db_setup: None, django_db_blocker: pytest.FixtureRequest) -> Iterator[None]:
    """The test database in autocommit, as a request finds it (django_db would wrap the
    test in a transaction, and Django checks no connection inside one). Writes nothing."""
    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        yield
        connection.close()


def request_starts() -> None:
    """What Django does to the connection when a request starts (close_old_connections)."""
    connection.close_if_unusable_or_obsolete()


@pytest.mark.usefixtures("outside_a_transaction")
def test_a_connection_the_server_ended_is_replaced_before_the_request_uses_it() -> None:
    ended = backend_pid()
    with psycopg.connect(settings.DATABASE_ADMIN_URL, autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", [ended])
        deadline = time.monotonic() + 10
        while admin.execute("SELECT 1 FROM pg_stat_activity WHERE pid = %s", [ended]).fetchone():
            assert time.monotonic() < deadline, "the backend did not end"
            time.sleep(0.05)
    request_starts()
    assert backend_pid() != ended


@pytest.mark.usefixtures("outside_a_transaction")
def test_a_quiet_idle_connection_is_used_without_a_round_trip() -> None:
    kept = backend_pid()
    request_starts()
    raw = connection.connection
    with tempfile.TemporaryFile() as trace:
        # libpq's protocol trace: every message sent or received on the connection.
        raw.pgconn.trace(os.dup(trace.fileno()))
        try:
            connection.close_if_health_check_failed()
        finally:
            raw.pgconn.untrace()
        trace.seek(0)
        assert trace.read() == b""
    assert tenant_connection.health_check_done
    assert backend_pid() == kept
