"""The duplicate review queue, merges and thresholds in the staff console."""

import html

import pytest
from django.test import Client

from apps.candidates.models import Candidate, DuplicateReview, MatchSettings, Merge
from apps.candidates.services import candidate_ingest, candidate_merge
from apps.tenants.context import tenant_context
from tests.conftest import TenantFixture
from tests.staff.test_admin_login import log_in

pytestmark = pytest.mark.django_db
REVIEWS = "/admin/candidates/duplicatereview/"
MERGES = "/admin/candidates/merge/"


@pytest.fixture
def review(alpha: TenantFixture) -> DuplicateReview:
    with tenant_context(alpha.tenant, actor="test"):
        for email in ("maria@example.com", "mg@other.example"):
            candidate_ingest(full_name="Maria Garcia", emails=[email], phones=[], location="Madrid", source="email")
        return DuplicateReview.objects.select_related("candidate", "other").get()


def signed_in(client: Client, fixture: TenantFixture, username: str = "hr@example.com") -> Client:
    assert log_in(client, fixture, username) == 302
    return client


def page(client: Client, fixture: TenantFixture, url: str) -> str:
    response = client.get(url, headers={"host": fixture.host})
    assert response.status_code == 200, response
    return html.unescape(response.content.decode())


def act(client: Client, fixture: TenantFixture, url: str, action: str, pk: int) -> int:
    response = client.post(
        url, {"action": action, "_selected_action": [str(pk)], "index": "0"}, headers={"host": fixture.host}
    )
    return response.status_code


def test_the_queue_shows_open_pairs_and_both_records_side_by_side(
    client: Client, alpha: TenantFixture, review: DuplicateReview
) -> None:
    signed_in(client, alpha, "viewer@example.com")
    listing = page(client, alpha, REVIEWS)
    assert "Maria Garcia" in listing
    assert review.reasons[0] in listing
    detail = page(client, alpha, f"{REVIEWS}{review.pk}/change/")
    assert "maria@example.com" in detail
    assert "mg@other.example" in detail
    assert f"#{review.candidate_id}" in detail
    assert f"#{review.other_id}" in detail


def test_a_recruiter_decides_different_and_the_pair_leaves_the_queue(
    client: Client, alpha: TenantFixture, review: DuplicateReview
) -> None:
    signed_in(client, alpha, "recruiter@example.com")
    assert act(client, alpha, REVIEWS, "decide_different", review.pk) == 302
    with tenant_context(alpha.tenant, actor="test"):
        assert DuplicateReview.objects.get().status == DuplicateReview.Status.DIFFERENT
    assert "Maria Garcia" not in page(client, alpha, REVIEWS)


def test_a_viewer_cannot_decide(client: Client, alpha: TenantFixture, review: DuplicateReview) -> None:
    signed_in(client, alpha, "viewer@example.com")
    act(client, alpha, REVIEWS, "decide_same", review.pk)
    with tenant_context(alpha.tenant, actor="test"):
        assert DuplicateReview.objects.get().status == DuplicateReview.Status.OPEN
        assert not Merge.objects.exists()


def test_deciding_same_merges_and_an_hr_admin_undoes_it_from_the_merges_list(
    client: Client, alpha: TenantFixture, review: DuplicateReview
) -> None:
    signed_in(client, alpha)
    assert act(client, alpha, REVIEWS, "decide_same", review.pk) == 302
    with tenant_context(alpha.tenant, actor="test"):
        merge = Merge.objects.get()
        assert Candidate.objects.get(pk=merge.merged_id).archived_at is not None
    assert "Maria Garcia" in page(client, alpha, f"{MERGES}{merge.pk}/change/")

    assert act(client, alpha, MERGES, "undo", merge.pk) == 302
    with tenant_context(alpha.tenant, actor="test"):
        merge.refresh_from_db()
        assert merge.undone_at is not None
        assert Candidate.objects.get(pk=merge.merged_id).archived_at is None
        assert DuplicateReview.objects.get().status == DuplicateReview.Status.OPEN


def test_a_recruiter_cannot_undo_a_merge(client: Client, alpha: TenantFixture, review: DuplicateReview) -> None:
    with tenant_context(alpha.tenant, actor="test"):
        merge = candidate_merge(survivor=review.candidate, merged=review.other, actor=None)
    signed_in(client, alpha, "recruiter@example.com")
    act(client, alpha, MERGES, "undo", merge.pk)
    with tenant_context(alpha.tenant, actor="test"):
        merge.refresh_from_db()
        assert merge.undone_at is None


def test_an_hr_admin_sets_the_thresholds_and_a_bad_pair_is_refused_on_the_form(
    client: Client, alpha: TenantFixture
) -> None:
    signed_in(client, alpha)
    url = "/admin/candidates/matchsettings/add/"
    refused = client.post(url, {"same_threshold": "0.5", "possible_threshold": "0.8"}, headers={"host": alpha.host})
    assert refused.status_code == 200
    assert "possible" in html.unescape(refused.content.decode())
    saved = client.post(url, {"same_threshold": "0.95", "possible_threshold": "0.7"}, headers={"host": alpha.host})
    assert saved.status_code == 302
    with tenant_context(alpha.tenant, actor="test"):
        row = MatchSettings.objects.get()
        assert (row.pk, row.same_threshold, row.possible_threshold) == (1, 0.95, 0.7)
    signed_in(client, alpha, "recruiter@example.com")
    assert client.get(url, headers={"host": alpha.host}).status_code == 403
