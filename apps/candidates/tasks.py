"""Celery tasks of the candidates app: the periodic retention sweep."""

import logging

from apps.candidates.privacy import RETENTION_ACTOR, retention_apply
from apps.tenants.context import tenant_context
from apps.tenants.models import Tenant
from ats.celery import app

logger = logging.getLogger(__name__)


@app.task(name="candidates.apply_retention", tenant_required=False, ignore_result=True)
def apply_retention() -> int:
    """Apply each tenant's retention policy, one tenant at a time, each in its own
    tenant context (search_path and the RLS setting together) with the actor
    "task:retention". Returns how many candidates were erased.

    Safe to run twice, and beside the apply_retention command: an erased
    candidate leaves the query, and each candidate is checked again under its
    row lock before it is erased, so a second run erases nothing the first did
    and nobody who became active in between. A tenant that fails is logged and
    left for the next run; the others go on."""
    erased = 0
    for tenant in Tenant.objects.order_by("pk"):
        try:
            with tenant_context(tenant, actor=RETENTION_ACTOR):
                erased += len(retention_apply().erased)
        except Exception:
            logger.exception("retention failed for a tenant", extra={"tenant_id": tenant.pk})
    return erased
