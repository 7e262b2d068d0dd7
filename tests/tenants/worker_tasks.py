"""Tasks that exist only for the worker tests (loaded with `celery worker -I`)."""

from django.contrib.auth.models import Group
from django.db import connection

from ats.celery import app


@app.task(name="tests.record_group")
def record_group(name: str) -> int:
    """Writes one row in whatever tenant the worker put it in."""
    return int(Group.objects.create(name=name).pk)


@app.task(name="tests.record_backend")
def record_backend(name: str) -> int:
    """Writes one row naming the database backend the task used and the tenant its statements ran as."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid(), current_setting('app.tenant_id', true)")
        pid, tenant_id = cursor.fetchone()
    return int(Group.objects.create(name=f"{name}|{pid}|{tenant_id}").pk)


@app.task(name="tests.connection_state", tenant_required=False, ignore_result=False)
def connection_state() -> list[str]:
    """What the worker's connection is bound to between tenant tasks, and its backend's process id."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT current_schema(), coalesce(current_setting('app.tenant_id', true), ''),"
            " coalesce(current_setting('app.actor', true), ''), pg_backend_pid()"
        )
        row = cursor.fetchone()
    return [str(value) for value in row]
