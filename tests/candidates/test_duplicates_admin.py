"""The duplicate review queue, merges and thresholds in the staff console, and
the duplicates panel of a candidate's page."""

import html
from dataclasses import dataclass

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from apps.candidates.admin.reasons import reason_label
from apps.candidates.matching import Person, score
from apps.candidates.models import Candidate, DuplicateReview, MatchSettings, Merge
from apps.candidates.services import candidate_create, candidate_ingest, candidate_merge
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
    assert reason_label(review.reasons[0]) in listing
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


# --- The candidate page's duplicates panel ---------------------------------------------

CANDIDATES = "/admin/candidates/candidate/"
PHONE = "+34 600 000 001"


@dataclass
class Duplicates:
    maria: Candidate
    namesake: Candidate  # same name and town, another address: a review item
    relative: Candidate  # same phone, another name: a review item
    unreviewed: Candidate  # entered by hand: the matcher finds it, no review yet


def seed_duplicates(fixture: TenantFixture) -> Duplicates:
    with tenant_context(fixture.tenant, actor="test"):
        maria = candidate_create(
            full_name="Maria Garcia", emails=["maria@example.com"], phones=[PHONE], location="Madrid"
        )
        namesake = candidate_ingest(
            full_name="Maria Garcia", emails=["mg@other.example"], phones=[], location="Madrid", source="email"
        ).candidate
        relative = candidate_ingest(
            full_name="Pedro Garcia", emails=["pedro@example.com"], phones=[PHONE], source="email"
        ).candidate
        unreviewed = candidate_create(full_name="Maria Garcia", emails=["m.garcia@third.example"], location="Madrid")
    return Duplicates(maria, namesake, relative, unreviewed)


@pytest.fixture
def duplicates(alpha: TenantFixture) -> Duplicates:
    return seed_duplicates(alpha)


def panel(client: Client, fixture: TenantFixture, candidate: Candidate) -> str:
    text = page(client, fixture, f"{CANDIDATES}{candidate.pk}/change/")
    start = text.index('id="duplicates-panel"')
    return text[start : text.index("</section>", start)]


def test_the_candidate_page_lists_its_duplicates_with_the_reasons_and_the_reviews(
    client: Client, alpha: TenantFixture, duplicates: Duplicates
) -> None:
    with tenant_context(alpha.tenant, actor="test"):
        reviews = {
            review.candidate_id if review.other_id == duplicates.maria.pk else review.other_id: review
            for review in DuplicateReview.objects.filter(other=duplicates.maria)
            | DuplicateReview.objects.filter(candidate=duplicates.maria)
        }
    assert set(reviews) == {duplicates.namesake.pk, duplicates.relative.pk}
    shown = panel(signed_in(client, alpha, "viewer@example.com"), alpha, duplicates.maria)
    assert shown.count('<tr class="duplicate">') == 3
    for other in (duplicates.namesake, duplicates.relative, duplicates.unreviewed):
        assert f'<a href="{CANDIDATES}{other.pk}/change/">#{other.pk} {other.full_name}</a>' in shown
    for review in reviews.values():
        assert f'href="{REVIEWS}{review.pk}/change/" class="duplicate-review">open</a>' in shown
    assert "not reviewed" in shown
    assert "names 100% alike" in shown
    assert "same location" in shown
    assert "same phone" in shown
    assert "different names: a shared family phone or mailbox?" in shown
    assert "Jaro-Winkler" not in shown  # the matcher's raw wording
    assert "merge-undo" not in shown


def test_a_decided_pair_keeps_its_status_on_the_page(
    client: Client, alpha: TenantFixture, duplicates: Duplicates
) -> None:
    signed_in(client, alpha, "recruiter@example.com")
    with tenant_context(alpha.tenant, actor="test"):
        review = DuplicateReview.objects.get(candidate=duplicates.relative)
    assert act(client, alpha, REVIEWS, "decide_different", review.pk) == 302
    shown = panel(client, alpha, duplicates.maria)
    assert f'href="{REVIEWS}{review.pk}/change/" class="duplicate-review">different people</a>' in shown
    assert shown.count('<tr class="duplicate">') == 3


def test_a_candidate_without_duplicates_says_so(client: Client, alpha: TenantFixture) -> None:
    with tenant_context(alpha.tenant, actor="test"):
        ada = candidate_create(full_name="Ada Lovelace", emails=["ada@example.com"])
    shown = panel(signed_in(client, alpha, "viewer@example.com"), alpha, ada)
    assert "No duplicates found." in shown
    assert "<table>" not in shown


def test_the_panel_shows_nothing_of_another_tenant(
    client: Client, alpha: TenantFixture, beta: TenantFixture, duplicates: Duplicates
) -> None:
    with tenant_context(beta.tenant, actor="test"):
        # The same person and more namesakes in beta: same email, phone, name and town.
        for name in ("Maria Garcia", "Mariana Garcia", "Pedra Garcia"):
            candidate_ingest(
                full_name=name, emails=["maria@example.com"], phones=[PHONE], location="Madrid", source="email"
            )
    signed_in(client, alpha)
    shown = panel(client, alpha, duplicates.maria)
    assert shown.count('<tr class="duplicate">') == 3
    assert "Mariana" not in shown
    assert "Pedra" not in shown


def test_the_panel_reads_the_same_number_of_rows_for_one_duplicate_or_three(
    client: Client, alpha: TenantFixture, duplicates: Duplicates
) -> None:
    with tenant_context(alpha.tenant, actor="test"):
        ada = candidate_create(full_name="Ada Lovelace", emails=["ada@example.com"], location="London")
        candidate_ingest(
            full_name="Ada Lovelace", emails=["ada@other.example"], phones=[], location="London", source="email"
        )
        merge = candidate_merge(survivor=duplicates.maria, merged=duplicates.namesake, actor=None)
        candidate_merge(survivor=ada, merged=duplicates.unreviewed, actor=None)
    signed_in(client, alpha)
    counts = []
    for candidate in (ada, duplicates.maria):
        url = f"{CANDIDATES}{candidate.pk}/change/"
        page(client, alpha, url)  # caches warmed (permissions, content types)
        with CaptureQueriesContext(connection) as queries:
            page(client, alpha, url)
        counts.append(len(queries))
    assert counts[0] == counts[1]
    assert merge.pk


def test_only_an_hr_admin_gets_the_undo_link_and_undoes_a_merge_from_the_candidate_page(
    client: Client, alpha: TenantFixture, duplicates: Duplicates
) -> None:
    with tenant_context(alpha.tenant, actor="test"):
        merge = candidate_merge(survivor=duplicates.maria, merged=duplicates.namesake, actor=None)
    undo = f"{MERGES}{merge.pk}/undo/"
    for username in ("viewer@example.com", "recruiter@example.com"):
        client.logout()
        shown = panel(signed_in(client, alpha, username), alpha, duplicates.maria)
        assert f"#{duplicates.namesake.pk} Maria Garcia" in shown
        assert "merged into this one:" in shown
        assert undo not in shown
        assert client.get(undo, headers={"host": alpha.host}).status_code == 403
        assert client.post(undo, headers={"host": alpha.host}).status_code == 403
    client.logout()
    signed_in(client, alpha)
    shown = panel(client, alpha, duplicates.maria)
    back = f"{CANDIDATES}{duplicates.maria.pk}/change/"
    assert f'href="{undo}?next=%2Fadmin%2Fcandidates%2Fcandidate%2F{duplicates.maria.pk}%2Fchange%2F"' in shown
    confirmation = page(client, alpha, f"{undo}?next={back}")
    assert "Yes, undo it" in confirmation
    with tenant_context(alpha.tenant, actor="test"):
        assert Merge.objects.get().undone_at is None  # asking changes nothing
    response = client.post(undo, {"next": back}, headers={"host": alpha.host})
    assert (response.status_code, response["Location"]) == (302, back)
    with tenant_context(alpha.tenant, actor="test"):
        merge.refresh_from_db()
        assert merge.undone_at is not None
        assert Candidate.objects.get(pk=duplicates.namesake.pk).archived_at is None
    assert "merge-undo" not in panel(client, alpha, duplicates.maria)


def test_undoing_goes_back_only_to_a_page_of_this_site(
    client: Client, alpha: TenantFixture, duplicates: Duplicates
) -> None:
    with tenant_context(alpha.tenant, actor="test"):
        merge = candidate_merge(survivor=duplicates.maria, merged=duplicates.namesake, actor=None)
    signed_in(client, alpha)
    response = client.post(f"{MERGES}{merge.pk}/undo/", {"next": "https://evil.example/"}, headers={"host": alpha.host})
    assert response["Location"] == f"{MERGES}{merge.pk}/change/"


def test_another_tenants_merge_cannot_be_undone_here(
    client: Client, alpha: TenantFixture, beta: TenantFixture, duplicates: Duplicates
) -> None:
    with tenant_context(alpha.tenant, actor="test"):
        merge = candidate_merge(survivor=duplicates.maria, merged=duplicates.namesake, actor=None)
    signed_in(client, beta)  # the same user name exists in beta
    assert client.post(f"{MERGES}{merge.pk}/undo/", headers={"host": beta.host}).status_code == 404
    with tenant_context(alpha.tenant, actor="test"):
        merge.refresh_from_db()
        assert merge.undone_at is None


PAIRS = [
    (Person("Maria Garcia", emails=("m@example.com",)), Person("Maria Garcia", emails=("m@example.com",))),
    (Person("Bob Smith", phones=("+34600000001",)), Person("Robert Smith", phones=("+34600000001",))),
    (Person("J. Smith", phones=("+34600000001",)), Person("John Smith", phones=("+34600000001",))),
    (Person("Smith John", emails=("j@example.com",)), Person("John Smith", emails=("j@example.com",))),
    (Person("Anna Weber", emails=("a@example.com",)), Person("Anna Schmidt", emails=("a@example.com",))),
    (Person("Anna Weber", phones=("+34600000001",)), Person("Peter Braun", phones=("+34600000001",))),
    (Person("John Smith Jr.", emails=("j@example.com",)), Person("John Smith Sr.", emails=("j@example.com",))),
    (Person("王小明", linkedin_url="https://linkedin.com/in/wxm"), Person("Wang Xiaoming", linkedin_url="https://linkedin.com/in/wxm")),
    (Person("Ann Lee", linkedin_url="https://linkedin.com/in/a", github_url="https://github.com/a"),
     Person("Ann Lee", linkedin_url="https://linkedin.com/in/b", github_url="https://github.com/b")),
    (Person("Ana Ruiz", phones=("+34600000001",), location="Sevilla", employers=("Acme",), schools=("US",)),
     Person("Ana Ruiz", phones=("+34600000002",), location="Sevilla", employers=("Acme",), schools=("US",))),
    (Person("Ahmed bin Khalid", phones=("+97150000001",)), Person("Khalid bin Ahmed", phones=("+97150000001",))),
    (Person("Robert Brown Jr.", phones=("+13125550001",)), Person("Robert Brown", phones=("+13125550001",))),
    (Person("Sarnuel Smith", emails=("s@example.com",)), Person("Samuel Smith", emails=("s@example.com",))),
]  # fmt: skip


def test_every_reason_the_matcher_gives_reads_in_german() -> None:
    reasons = {reason for first, second in PAIRS for reason in score(first, second).reasons}
    assert len(reasons) >= 15
    with translation.override("de"):
        untranslated = sorted(reason for reason in reasons if reason_label(reason) == reason)
    assert untranslated == []


@pytest.mark.parametrize(
    ("reason", "german"),
    [
        ("transcription Sato/Satou", "andere Schreibweise: Sato/Satou"),
        ("a man's and a woman's name", "männliche und weibliche Form des Namens"),
        ("misread Samuel/Sarnuel", "beim Scannen falsch gelesen? Samuel/Sarnuel"),
    ],
)
def test_reasons_of_other_spellings_and_gendered_forms_read_in_german(reason: str, german: str) -> None:
    with translation.override("de"):
        assert reason_label(reason) == german
