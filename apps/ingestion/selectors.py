"""Reads of email ingestion: which tenant an address names, and inbound message lists."""

from django.conf import settings
from django.db.models import Count, QuerySet

from apps.ingestion.models import InboundMessage
from apps.tenants.models import Tenant, schema_name_for
from apps.tenants.selectors import tenant_for_schema


def recipient_resolve(address: str) -> tuple[Tenant | None, str | None]:
    """The tenant and job code of an envelope recipient ``slug[+JOBCODE]@INBOUND_DOMAIN``.
    Only the envelope recipient counts: headers such as To, From or Reply-To are
    written by the sender and must not be able to route mail to another tenant.
    Read from the in-process tenant cache, as routing a request is: no query once warm."""
    local, _, domain = address.strip().strip("<>").rpartition("@")
    if not local or domain.lower() != settings.INBOUND_DOMAIN.lower():
        return None, None
    slug, _, job_code = local.lower().partition("+")
    tenant = tenant_for_schema(schema_name_for(slug)) if slug else None
    if tenant is None or tenant.slug != slug:
        return None, None
    return tenant, (job_code.upper() or None)


def inbound_message_list() -> "QuerySet[InboundMessage]":
    """Messages without their raw MIME, with attachment counts, newest first."""
    return (
        InboundMessage.objects.defer("raw_mime")
        .annotate(attachment_count=Count("attachments"))
        .order_by("-received_at", "-id")
    )
