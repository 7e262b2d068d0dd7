"""manage.py find_duplicates: the backfill of imported candidates."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from apps.applications.models import Application
from apps.candidates.models import Candidate, CandidateKey, DuplicateReview
from apps.candidates.services import candidate_create, candidate_set_status
from apps.tenants.context import tenant_context
from tests.conftest import TenantFixture
from tests.factories import ApplicationFactory, JobFactory

pytestmark = pytest.mark.django_db


def find_duplicates(slug: str) -> str:
    out = StringIO()
    call_command("find_duplicates", "--tenant", slug, "--batch", "2", verbosity=0, stdout=out)
    return out.getvalue()


def test_it_finds_imported_duplicates_once_and_links_former_employees(alpha: TenantFixture) -> None:
    with tenant_context(alpha.tenant, actor="test"):
        maria = candidate_create(full_name="Maria Garcia", emails=["maria@example.com"], location="Madrid")
        candidate_create(full_name="Maria Garcia", emails=["mg@other.example"], location="Madrid")
        former = candidate_create(full_name="Anna Schmidt", phones=["+49 170 1234567"])
        candidate_set_status(candidate=former, status=Candidate.Status.LEFT, left_on=datetime.date(2024, 1, 31))
        returning = candidate_create(full_name="Jonas Becker", phones=["+49 170 1234567"])
        candidate_create(full_name="Peter Novak", emails=["peter@example.com"])
        # As a bulk import leaves them: no blocking keys.
        CandidateKey.objects.all().delete()

    first = find_duplicates("alpha")
    second = find_duplicates("alpha")

    assert "2 new review items, 1 newly linked to a former employee" in first
    assert "0 new review items, 0 newly linked" in second
    with tenant_context(alpha.tenant, actor="test"):
        pairs = {frozenset((r.candidate_id, r.other_id)) for r in DuplicateReview.objects.all()}
        assert len(pairs) == 2
        assert any(maria.pk in pair for pair in pairs)
        assert frozenset((former.pk, returning.pk)) in pairs
        assert CandidateKey.objects.filter(candidate=maria).exists()
        returning.refresh_from_db()
        assert returning.former_employee_id == former.pk
        application = ApplicationFactory(candidate=returning, job=JobFactory())
        assert Application.Flag.REHIRE_REVIEW in application.flags


def test_an_unknown_tenant_is_an_error(alpha: TenantFixture) -> None:
    with pytest.raises(CommandError):
        find_duplicates("nope")
