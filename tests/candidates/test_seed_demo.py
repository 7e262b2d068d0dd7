"""seed_demo fills a tenant once, through the services."""

from io import StringIO

import pytest
from django.core.management import call_command

from apps.applications.models import Application, Job
from apps.candidates.models import Candidate
from apps.tenants.context import tenant_context
from tests.conftest import TenantFixture

pytestmark = pytest.mark.django_db


def test_seed_demo_fills_a_tenant_once_with_a_flagged_former_employee(alpha: TenantFixture) -> None:
    out = StringIO()
    call_command("seed_demo", "alpha", stdout=out)
    call_command("seed_demo", "alpha", stdout=out)
    assert "nothing seeded" in out.getvalue()
    with tenant_context(alpha.tenant, actor="test"):
        assert Job.objects.filter(status="open").count() == 3
        former = Candidate.objects.get(status="left")
        flagged = Application.objects.get(candidate=former)
        assert (flagged.stage, flagged.flags) == ("offer", ["rehire_review"])
        assert Candidate.objects.count() == 8
