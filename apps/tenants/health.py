"""GET /health: the state of the database, Redis, Celery workers and Tesseract."""

from collections.abc import Callable

import redis
from django.conf import settings
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET
from kombu import Connection

from apps.ingestion.extraction.limits import ExtractionFailed
from apps.ingestion.extraction.ocr import library_version
from ats.celery import app as celery_app

Check = Callable[[], dict[str, object]]
TIMEOUT_SECONDS = 2


def check_database() -> dict[str, object]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return {}


def check_redis() -> dict[str, object]:
    client = redis.Redis.from_url(
        settings.REDIS_URL, socket_connect_timeout=TIMEOUT_SECONDS, socket_timeout=TIMEOUT_SECONDS
    )
    client.ping()
    return {}


def check_celery() -> dict[str, object]:
    # The broker first, on a connection of its own: the control API below
    # publishes through the app's pooled connections, which would hide an
    # unreachable broker behind a cached one.
    with Connection(settings.CELERY_BROKER_URL, connect_timeout=TIMEOUT_SECONDS) as broker:
        broker.ensure_connection(max_retries=1, timeout=TIMEOUT_SECONDS)
    replies = celery_app.control.ping(timeout=TIMEOUT_SECONDS, limit=1)
    if not replies:
        raise RuntimeError("no worker answered")
    return {"workers_answering": len(replies)}


def check_tesseract() -> dict[str, object]:
    """The Tesseract library that OCR loads in the extraction sandbox (not a program)."""
    try:
        return {"version": library_version()}
    except ExtractionFailed as exc:
        raise RuntimeError(str(exc)) from exc


CHECKS: dict[str, Check] = {
    "database": check_database,
    "redis": check_redis,
    "celery": check_celery,
    "tesseract": check_tesseract,
}


@require_GET
def health(request: HttpRequest) -> JsonResponse:
    results: dict[str, dict[str, object]] = {}
    for name, check in CHECKS.items():
        try:
            results[name] = {"ok": True, **check()}
        except Exception as error:  # a health check reports every failure, whatever its type
            results[name] = {"ok": False, "error": f"{type(error).__name__}: {error}"[:200]}
    failing = [name for name, result in results.items() if not result["ok"]]
    body = {"status": "error" if failing else "ok", "failing": failing, "checks": results}
    return JsonResponse(body, status=503 if failing else 200)
