"""The sweeper: stranded messages are enqueued again, fresh or finished ones are not."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from apps.ingestion.models import InboundMessage
from apps.ingestion.services import message_claim, message_store, messages_sweep
from apps.tenants.context import tenant_context
from tests.conftest import TenantFixture
from tests.ingestion.payloads import build_mime, no_broker

pytestmark = pytest.mark.django_db


def test_only_stranded_messages_are_enqueued_again(
    alpha: TenantFixture, django_capture_on_commit_callbacks: object
) -> None:
    with tenant_context(alpha.tenant, actor="test"):
        ids = [message_store(tenant=alpha.tenant, raw_mime=build_mime(), channel="api").message_id for _ in range(4)]
        waiting, fresh, dead, done = (message_id or 0 for message_id in ids)
        long_ago = timezone.now() - timedelta(hours=2)
        InboundMessage.objects.filter(pk__in=[waiting, done]).update(updated_at=long_ago)
        assert message_claim(message_id=dead) is not None
        InboundMessage.objects.filter(pk=dead).update(claimed_at=long_ago)
        InboundMessage.objects.filter(pk=done).update(status=InboundMessage.Status.DONE)
        # A worker's fresh claim is not stranded either.
        assert message_claim(message_id=fresh) is not None
    with no_broker():
        assert messages_sweep(tenant=alpha.tenant) == 2
    with tenant_context(alpha.tenant, actor="test"):
        assert message_claim(message_id=dead) is not None  # its lease ran out: another worker may take it


def test_the_command_reports_what_it_swept(alpha: TenantFixture) -> None:
    with tenant_context(alpha.tenant, actor="test"):
        message_store(tenant=alpha.tenant, raw_mime=build_mime(), channel="api")
    out = StringIO()
    with no_broker():
        call_command("sweep_inbound", "--tenant", "alpha", "--older-than", "0", stdout=out)
    assert "alpha: 1 message(s) enqueued again" in out.getvalue()
