"""GET /api/candidates/{id}/: the rows it reads keep the shape its schema documents."""

import json
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from pytest_django.fixtures import Settings
from rest_framework.renderers import JSONRenderer

from apps.candidates.models import Candidate, Resume
from apps.candidates.serializers import CandidateDetailSerializer
from apps.tenants.context import tenant_context
from tests.conftest import TenantFixture, api_client
from tests.factories import ApplicationFactory, CandidateFactory, JobFactory

pytestmark = pytest.mark.django_db
URL = "/api/candidates/"


def test_the_detail_is_what_the_documented_serializer_gives(
    alpha: TenantFixture, settings: Settings, tmp_path: Path
) -> None:
    settings.MEDIA_ROOT = tmp_path
    with tenant_context(alpha.tenant, actor="test"):
        candidate = CandidateFactory(emails=["a@example.com", "b@example.com"], phones=["+4930123456"])
        Resume.objects.create(
            candidate=candidate, file=ContentFile(b"%PDF-", name="cv.pdf"), filename="cv.pdf", sha256="0" * 64,
            size=5, parsed={"name": {"value": "X", "confidence": 0.9}}, is_current=True,
        )  # fmt: skip
        Resume.objects.create(
            candidate=candidate, file=ContentFile(b"old", name="old.pdf"), sha256="1" * 64, size=3, is_current=False
        )
        ApplicationFactory(candidate=candidate)
        ApplicationFactory(candidate=candidate, job=JobFactory())
        documented = json.loads(JSONRenderer().render(CandidateDetailSerializer(candidate).data))

    served = api_client(alpha).get(f"{URL}{candidate.pk}/").json()

    newest_first = [application["id"] for application in served["applications"]]
    assert newest_first == sorted(newest_first, reverse=True)
    for detail in (served, documented):
        detail["applications"].sort(key=lambda application: application["id"])
    assert served == documented
    assert served["current_resume"]["filename"] == "cv.pdf"
    assert len(served["applications"]) == 2


@pytest.mark.parametrize("pk", ["0", "abc", "99999999999999999999", "٣"])
def test_an_unknown_or_malformed_id_is_not_found(alpha: TenantFixture, pk: str) -> None:
    assert api_client(alpha).get(f"{URL}{pk}/").status_code == 404


def test_a_candidate_of_another_tenant_is_not_found(alpha: TenantFixture, beta: TenantFixture) -> None:
    with tenant_context(beta.tenant, actor="test"):
        theirs: Candidate = CandidateFactory()
    assert api_client(alpha).get(f"{URL}{theirs.pk}/").status_code == 404


def test_the_detail_names_the_former_employee_a_candidate_matched(alpha: TenantFixture) -> None:
    with tenant_context(alpha.tenant, actor="test"):
        former = CandidateFactory()
        Candidate.objects.filter(pk=former.pk).update(
            status=Candidate.Status.LEFT, left_on="2024-03-31", left_reason="Moved away", rehire_eligible=True
        )
        candidate = CandidateFactory()
        Candidate.objects.filter(pk=candidate.pk).update(former_employee=former)
        candidate.refresh_from_db()
        documented = json.loads(JSONRenderer().render(CandidateDetailSerializer(candidate).data))

    served = api_client(alpha).get(f"{URL}{candidate.pk}/").json()

    assert served == documented
    assert served["former_employee"]["left_on"] == "2024-03-31"
    assert served["current_resume"] is None
    assert served["applications"] == []
