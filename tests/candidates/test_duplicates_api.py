"""/api/candidates/{id}/duplicates/, /merge/, /api/duplicate-reviews/ and /api/merges/ through HTTP."""

import pytest
from django.test import Client

from apps.candidates.models import Candidate, DuplicateReview, Merge
from apps.candidates.services import candidate_ingest, candidate_merge
from apps.tenants.context import tenant_context
from tests.conftest import TenantFixture, api_client
from tests.factories import ApplicationFactory, JobFactory

pytestmark = pytest.mark.django_db
JSON = "application/json"


def pair(fixture: TenantFixture) -> tuple[Candidate, Candidate]:
    """Two records of one person: the second came in with a new email (a possible duplicate)."""
    with tenant_context(fixture.tenant, actor="test"):
        first = candidate_ingest(full_name="Maria Garcia", emails=["maria@example.com"], phones=[], location="Madrid",
                                 source="email").candidate  # fmt: skip
        second = candidate_ingest(full_name="Maria Garcia", emails=["mg@other.example"], phones=[], location="Madrid",
                                  source="email").candidate  # fmt: skip
    return first, second


def test_duplicates_lists_the_possible_duplicate_with_its_score_and_reasons(alpha: TenantFixture) -> None:
    first, second = pair(alpha)
    response = api_client(alpha, "viewer@example.com").get(f"/api/candidates/{second.pk}/duplicates/")
    assert response.status_code == 200
    [found] = response.json()
    assert found["candidate"]["id"] == first.pk
    assert found["outcome"] == "possible"
    assert 0 < found["score"] < 1
    assert found["reasons"]


def test_merge_then_undo_through_the_api(alpha: TenantFixture) -> None:
    first, second = pair(alpha)
    hr, recruiter = api_client(alpha), api_client(alpha, "recruiter@example.com")

    merged = recruiter.post(f"/api/candidates/{first.pk}/merge/", {"other": second.pk}, content_type=JSON)
    assert merged.status_code == 201, merged.json()
    body = merged.json()
    assert body["survivor"]["id"] == first.pk
    assert body["merged"]["archived_at"] is not None
    detail = hr.get(f"/api/candidates/{first.pk}/").json()
    assert detail["emails"] == ["maria@example.com", "mg@other.example"]

    refused = recruiter.post(f"/api/merges/{body['id']}/undo/", content_type=JSON)
    assert refused.status_code == 403
    undone = hr.post(f"/api/merges/{body['id']}/undo/", content_type=JSON)
    assert undone.status_code == 200
    assert undone.json()["undone_by"] == "hr@example.com"
    assert hr.get(f"/api/candidates/{first.pk}/").json()["emails"] == ["maria@example.com"]
    again = hr.post(f"/api/merges/{body['id']}/undo/", content_type=JSON)
    assert again.status_code == 409
    assert again.json()["code"] == "merge_undone"
    assert [m["id"] for m in hr.get("/api/merges/").json()["results"]] == [body["id"]]


def test_a_conflicting_merge_is_a_409_with_a_code(alpha: TenantFixture) -> None:
    first, second = pair(alpha)
    with tenant_context(alpha.tenant, actor="test"):
        job = JobFactory()
        ApplicationFactory(candidate=first, job=job)
        ApplicationFactory(candidate=second, job=job)
    response = api_client(alpha).post(f"/api/candidates/{first.pk}/merge/", {"other": second.pk}, content_type=JSON)
    assert response.status_code == 409
    assert response.json()["code"] == "merge_conflict"
    assert api_client(alpha).post(f"/api/candidates/{first.pk}/merge/", {}, content_type=JSON).status_code == 400


def test_review_items_are_listed_and_decided_once(alpha: TenantFixture) -> None:
    pair(alpha)
    recruiter, viewer = api_client(alpha, "recruiter@example.com"), api_client(alpha, "viewer@example.com")
    [review] = viewer.get("/api/duplicate-reviews/").json()["results"]
    assert review["status"] == "open"
    url = f"/api/duplicate-reviews/{review['id']}/decide/"

    assert viewer.post(url, {"decision": "different"}, content_type=JSON).status_code == 403
    assert recruiter.post(url, {"decision": "maybe"}, content_type=JSON).status_code == 400
    decided = recruiter.post(url, {"decision": "different"}, content_type=JSON)
    assert decided.status_code == 200
    assert decided.json()["status"] == "different"
    assert decided.json()["decided_by"] == "recruiter@example.com"
    assert recruiter.post(url, {"decision": "same"}, content_type=JSON).status_code == 409
    assert viewer.get("/api/duplicate-reviews/").json()["results"] == []
    assert len(viewer.get("/api/duplicate-reviews/", {"status": "different"}).json()["results"]) == 1


def test_deciding_same_merges_the_pair(alpha: TenantFixture) -> None:
    first, second = pair(alpha)
    hr = api_client(alpha)
    [review] = hr.get("/api/duplicate-reviews/").json()["results"]
    decided = hr.post(f"/api/duplicate-reviews/{review['id']}/decide/", {"decision": "same"}, content_type=JSON)
    assert decided.status_code == 200
    with tenant_context(alpha.tenant, actor="test"):
        assert Merge.objects.get().survivor_id == first.pk
        assert Candidate.objects.get(pk=second.pk).archived_at is not None


def test_anonymous_requests_are_refused(alpha: TenantFixture) -> None:
    first, second = pair(alpha)
    client = Client(headers={"host": alpha.host})
    assert client.get(f"/api/candidates/{first.pk}/duplicates/").status_code == 401
    assert client.post(f"/api/candidates/{first.pk}/merge/", {"other": second.pk}, content_type=JSON).status_code == 401
    assert client.get("/api/duplicate-reviews/").status_code == 401
    assert client.post("/api/duplicate-reviews/1/decide/", {"decision": "same"}, content_type=JSON).status_code == 401
    assert client.get("/api/merges/").status_code == 401
    assert client.post("/api/merges/1/undo/", content_type=JSON).status_code == 401


def test_another_tenants_pairs_and_merges_are_a_404(alpha: TenantFixture, beta: TenantFixture) -> None:
    # alpha has one candidate and no review items or merges; beta's ids are all 404 there.
    with tenant_context(alpha.tenant, actor="test"):
        alpha_only = candidate_ingest(full_name="Alpha Person", emails=[], phones=[], source="api").candidate
    beta_first, beta_second = pair(beta)
    with tenant_context(beta.tenant, actor="test"):
        beta_review = DuplicateReview.objects.get()
        beta_merge = candidate_merge(survivor=beta_first, merged=beta_second, actor=None)
        beta_only = beta_first
        while beta_only.pk <= alpha_only.pk:
            beta_only = candidate_ingest(full_name="Beta Person", emails=[], phones=[], source="api").candidate
    hr = api_client(alpha)
    other = {"other": alpha_only.pk}
    assert hr.get(f"/api/candidates/{beta_only.pk}/duplicates/").status_code == 404
    assert hr.post(f"/api/candidates/{beta_only.pk}/merge/", other, content_type=JSON).status_code == 404
    merge_in = hr.post(f"/api/candidates/{alpha_only.pk}/merge/", {"other": beta_only.pk}, content_type=JSON)
    assert merge_in.status_code == 404
    decide = hr.post(f"/api/duplicate-reviews/{beta_review.pk}/decide/", {"decision": "same"}, content_type=JSON)
    assert decide.status_code == 404
    assert hr.get(f"/api/duplicate-reviews/{beta_review.pk}/").status_code == 404
    assert hr.get("/api/duplicate-reviews/").json()["results"] == []
    assert hr.get(f"/api/merges/{beta_merge.pk}/").status_code == 404
    assert hr.post(f"/api/merges/{beta_merge.pk}/undo/", content_type=JSON).status_code == 404
    assert hr.get("/api/merges/").json()["results"] == []


def test_the_detail_names_the_former_employee_a_candidate_matched(alpha: TenantFixture) -> None:
    import datetime

    from apps.candidates.services import candidate_set_status

    with tenant_context(alpha.tenant, actor="test"):
        former = candidate_ingest(full_name="Anna Schmidt", emails=[], phones=["+49 170 1234567"], source="api")
        left_on = datetime.date(2024, 3, 31)
        candidate_set_status(candidate=former.candidate, status="left", left_on=left_on, left_reason="moved abroad")
        relative = candidate_ingest(full_name="Jonas Becker", emails=[], phones=["+49 170 1234567"], source="api")
    hr = api_client(alpha)
    detail = hr.get(f"/api/candidates/{relative.candidate.pk}/").json()
    assert detail["former_employee"] == {
        "id": former.candidate.pk, "full_name": "Anna Schmidt", "status": "left", "left_on": "2024-03-31",
        "left_reason": "moved abroad", "rehire_eligible": False,
    }  # fmt: skip
    assert hr.get(f"/api/candidates/{former.candidate.pk}/").json()["former_employee"] is None


def test_only_an_hr_admin_erases_a_candidate_and_only_in_their_tenant(
    alpha: TenantFixture, beta: TenantFixture
) -> None:
    first, _ = pair(alpha)
    beta_first, _ = pair(beta)
    client = Client(headers={"host": alpha.host})
    url = f"/api/candidates/{first.pk}/erase/"
    assert client.post(url, content_type=JSON).status_code == 401
    assert api_client(alpha, "recruiter@example.com").post(url, content_type=JSON).status_code == 403
    hr = api_client(alpha)
    with tenant_context(alpha.tenant, actor="test"):
        alpha_ids = set(Candidate.objects.values_list("pk", flat=True))
    if beta_first.pk not in alpha_ids:
        assert hr.post(f"/api/candidates/{beta_first.pk}/erase/", content_type=JSON).status_code == 404
    assert hr.post(url, content_type=JSON).status_code == 204
    detail = hr.get(f"/api/candidates/{first.pk}/").json()
    assert detail["emails"] == []
    assert "Maria" not in detail["full_name"]
    with tenant_context(beta.tenant, actor="test"):
        assert Candidate.objects.get(pk=beta_first.pk).emails == ["maria@example.com"]
