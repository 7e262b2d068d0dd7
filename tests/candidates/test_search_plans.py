"""Search serves the same rows whichever plan it picks, and the indexes it
relies on are usable under Row-Level Security."""

import pytest
from django.db import connection
from django.test import Client

from apps.candidates import selectors
from apps.tenants.context import tenant_context
from tests.conftest import TenantFixture, api_client
from tests.factories import CandidateFactory

pytestmark = pytest.mark.django_db
URL = "/api/candidates/"


@pytest.fixture(params=["ids first", "index walk"])
def plan(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Either plan of selectors._matching: the test data is small, so the
    planner always expects few matches unless the threshold says none are few."""
    if request.param == "index walk":
        monkeypatch.setattr(selectors, "FEW_MATCHES_EXPECTED", -1)
    return str(request.param)


@pytest.mark.usefixtures("in_alpha", "plan")
def test_both_plans_find_the_same_candidates_newest_first_page_by_page(alpha: TenantFixture) -> None:
    matching = [CandidateFactory(full_name=f"Anders Nilsson {n}", skills=["Rust"]).pk for n in range(5)]
    other = CandidateFactory(full_name="Someone Else", skills=["Rust", "Go"], emails=["else@example.org"])
    hr: Client = api_client(alpha)

    first = hr.get(URL, {"search": "nilss", "page_size": "3"}).json()
    second = hr.get(first["next"]).json()
    assert [row["id"] for row in first["results"] + second["results"]] == matching[::-1]
    assert second["next"] is None
    assert [row["id"] for row in hr.get(URL, {"search": "else@example.org"}).json()["results"]] == [other.pk]
    assert hr.get(URL, {"search": "nilssx"}).json()["results"] == []
    rust_only = [row["id"] for row in hr.get(URL, {"skills": "rust", "search": "anders"}).json()["results"]]
    assert rust_only == matching[::-1]


@pytest.mark.usefixtures("in_alpha", "plan")
def test_neither_plan_reaches_another_tenants_candidates(beta: TenantFixture) -> None:
    CandidateFactory(full_name="Overlap Person", emails=["overlap@example.com"])
    with tenant_context(beta.tenant, actor="test"):
        theirs = CandidateFactory(full_name="Overlap Person", emails=["overlap@example.com"])
        hr: Client = api_client(beta)
    found = [hr.get(URL, {"search": term}).json()["results"] for term in ("overlap", "overlap@example.com")]
    ids = {row["id"] for rows in found for row in rows}
    assert ids == {theirs.pk}


def test_the_search_operators_are_leakproof_so_their_indexes_serve_under_rls() -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT proname FROM pg_proc WHERE proleakproof AND proname = ANY(%s)",
            [["textlike", "ts_match_vq", "arraycontains", "arrayoverlap", "similarity_op"]],
        )
        marked = {row[0] for row in cursor.fetchall()}
    assert marked == {"textlike", "ts_match_vq", "arraycontains", "arrayoverlap", "similarity_op"}


@pytest.mark.usefixtures("in_alpha")
def test_a_rare_email_is_read_through_its_index_as_the_runtime_role() -> None:
    CandidateFactory(emails=["rare@example.com"])
    with connection.cursor() as cursor:
        cursor.execute("SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = current_user")
        assert cursor.fetchone() == (False,)
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(
            "EXPLAIN SELECT id FROM candidates_candidate WHERE emails @> ARRAY['rare@example.com']::varchar[]"
        )
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "candidate_emails" in plan
