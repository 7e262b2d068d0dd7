"""Celery tasks of email ingestion: thin, they take ids and call one service each."""

from typing import Any

from apps.ingestion.pipeline import TRANSIENT_ERRORS, message_process
from apps.ingestion.services import message_fail, messages_sweep, webhook_tokens_prune
from apps.tenants.models import Tenant
from ats.celery import app

MAX_RETRIES = 5


@app.task(bind=True, name="ingestion.ingest_message", max_retries=MAX_RETRIES, acks_late=True)
def ingest_message(self: Any, message_id: int) -> str:
    """Turn a stored inbound message into a candidate, resume and application.

    Safe to run twice: the message is claimed with a conditional UPDATE (only one
    worker proceeds; a second delivery of the task returns "not_claimed"), and its
    writes commit in the same transaction as the "done" mark, after checking that the
    claim is still ours. Transient database or Redis errors are retried with backoff
    up to MAX_RETRIES times, then the message is failed with the reason."""
    try:
        return message_process(message_id=message_id)
    except TRANSIENT_ERRORS as error:
        if self.request.retries >= MAX_RETRIES:
            message_fail(message_id=message_id, error=f"{type(error).__name__}: {error}", reason="transient")
            return "failed"
        raise self.retry(exc=error, countdown=min(600, 5 * 2**self.request.retries)) from error


@app.task(name="ingestion.sweep", tenant_required=False, ignore_result=True)
def sweep_inbound() -> int:
    """Enqueue again every tenant's stranded inbound messages, and forget old webhook
    tokens. Safe to run twice: enqueueing a message twice is harmless (the claim)."""
    webhook_tokens_prune()
    return sum(messages_sweep(tenant=tenant) for tenant in Tenant.objects.order_by("pk"))
