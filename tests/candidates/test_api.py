"""/api/candidates/ through HTTP."""

import datetime

import pytest
from django.test import Client

from apps.candidates.models import Candidate
from apps.tenants.context import tenant_context
from tests.conftest import TenantFixture, api_client
from tests.factories import ApplicationFactory, CandidateFactory

pytestmark = pytest.mark.django_db
URL = "/api/candidates/"


@pytest.fixture
def hr(alpha: TenantFixture) -> Client:
    return api_client(alpha)


def create(client: Client, **payload: object) -> tuple[int, dict]:  # type: ignore[type-arg]
    response = client.post(URL, payload, content_type="application/json")
    return response.status_code, response.json()


def test_creating_a_candidate_normalizes_what_it_is_given(hr: Client) -> None:
    status, body = create(
        hr, full_name="  Zoë   Müller ", emails=["Zoe@Example.COM", "zoe@example.com"], phones=["+49 30 1234567"],
        linkedin_url="www.LinkedIn.com/in/zoe/", skills=["Python", "python", "PostgreSQL"],
    )  # fmt: skip
    assert status == 201, body
    assert body["full_name"] == "Zoë Müller"
    assert body["emails"] == ["zoe@example.com"]
    assert body["primary_phone"] == "+49301234567"
    assert body["linkedin_url"] == "https://linkedin.com/in/zoe"
    assert body["skills"] == ["Python", "PostgreSQL"]
    assert body["source"] == "api"


@pytest.mark.parametrize(
    ("payload", "code"),
    [
        ({"full_name": "X", "emails": ["not-an-email"]}, "invalid_email"),
        ({"full_name": "X", "phones": ["12"]}, "invalid_phone"),
        ({"full_name": "!!!"}, "invalid_name"),
        ({"emails": ["a@example.com"]}, "invalid"),
        ({"full_name": "X", "skills": "Python"}, "invalid"),
    ],
)
def test_bad_input_is_a_400_with_a_code_and_a_message_and_creates_nothing(
    hr: Client, alpha: TenantFixture, payload: dict[str, object], code: str
) -> None:
    status, body = create(hr, **payload)
    assert status == 400
    assert body["code"] == code
    assert body["message"]
    with tenant_context(alpha.tenant, actor="test"):
        assert not Candidate.objects.filter(full_name="X").exists()


def test_mass_assignment_of_ids_status_source_and_tenant_is_ignored(hr: Client, alpha: TenantFixture) -> None:
    status, body = create(
        hr, full_name="Mass Assigner", id=999999, status="hired", source="import", tenant_id=12345,
        archived_at="2020-01-01T00:00:00Z", name_normalized="someone else",
    )  # fmt: skip
    assert status == 201
    assert body["id"] != 999999
    assert (body["status"], body["source"], body["archived_at"]) == ("active", "api", None)
    patched = hr.patch(
        f"{URL}{body['id']}/", {"status": "left", "full_name": "Renamed"}, content_type="application/json"
    )
    assert patched.json()["status"] == "active"
    assert patched.json()["full_name"] == "Renamed"


@pytest.mark.usefixtures("in_alpha")
def test_the_detail_embeds_the_current_resume_and_applications(hr: Client) -> None:
    application = ApplicationFactory()
    body = hr.get(f"{URL}{application.candidate.pk}/").json()
    assert body["current_resume"] is None
    assert [(a["id"], a["job_code"], a["stage"]) for a in body["applications"]] == [
        (application.pk, application.job.code, "applied")
    ]


@pytest.mark.usefixtures("in_alpha")
def test_search_finds_by_name_fragment_email_skill_and_accent_free_spelling(hr: Client) -> None:
    target = CandidateFactory(full_name="Bartholomew Ängström", emails=["bart@example.org"], skills=["Kubernetes"])
    CandidateFactory(full_name="Someone Else", skills=["Accounting"])

    def found(term: str) -> list[int]:
        return [row["id"] for row in hr.get(URL, {"search": term}).json()["results"]]

    assert found("tholom") == [target.pk]
    assert found("angstrom") == [target.pk]
    assert found("bart@example.org") == [target.pk]
    assert target.pk in found("kubernetes")
    assert target.pk not in found("accounting")


@pytest.mark.usefixtures("in_alpha")
def test_filters_by_status_and_skills_case_insensitively(hr: Client) -> None:
    python = CandidateFactory(skills=["Python", "Django"])
    CandidateFactory(skills=["Python"])
    ids = [row["id"] for row in hr.get(URL, {"skills": "python,DJANGO"}).json()["results"]]
    assert ids == [python.pk]
    assert hr.get(URL, {"status": "nonsense"}).status_code == 400


@pytest.mark.usefixtures("in_alpha")
def test_the_list_pages_with_a_cursor_newest_first(hr: Client) -> None:
    made = [CandidateFactory().pk for _ in range(5)]
    first = hr.get(URL, {"page_size": 2}).json()
    assert [row["id"] for row in first["results"]] == made[::-1][:2]
    second = hr.get(first["next"]).json()
    assert [row["id"] for row in second["results"]] == made[::-1][2:4]


def test_delete_archives_and_the_list_leaves_archived_candidates_out(hr: Client, alpha: TenantFixture) -> None:
    with tenant_context(alpha.tenant, actor="test"):
        candidate = CandidateFactory()
    assert hr.delete(f"{URL}{candidate.pk}/").status_code == 204
    with tenant_context(alpha.tenant, actor="test"):  # a request leaves the connection in no tenant
        candidate.refresh_from_db()
    assert candidate.archived_at is not None
    assert candidate.pk not in [row["id"] for row in hr.get(URL).json()["results"]]
    assert candidate.pk in [row["id"] for row in hr.get(URL, {"archived": "true"}).json()["results"]]


@pytest.mark.usefixtures("in_alpha")
def test_only_hr_admins_mark_a_former_employee(alpha: TenantFixture, hr: Client) -> None:
    candidate = CandidateFactory()
    url = f"{URL}{candidate.pk}/status/"
    payload = {"status": "left", "left_on": "2024-03-31", "left_reason": "Resigned"}
    assert (
        api_client(alpha, "recruiter@example.com").post(url, payload, content_type="application/json").status_code
        == 403
    )
    missing_date = hr.post(url, {"status": "left"}, content_type="application/json")
    assert (missing_date.status_code, missing_date.json()["code"]) == (400, "left_on_required")
    body = hr.post(url, payload, content_type="application/json").json()
    assert (body["status"], body["left_on"], body["left_reason"]) == ("left", "2024-03-31", "Resigned")


@pytest.mark.usefixtures("in_alpha")
def test_notes_are_written_and_listed_with_their_author(alpha: TenantFixture) -> None:
    candidate = CandidateFactory()
    recruiter = api_client(alpha, "recruiter@example.com")
    created = recruiter.post(
        f"{URL}{candidate.pk}/notes/", {"body": "Call back Tuesday"}, content_type="application/json"
    )
    assert created.status_code == 201
    listed = api_client(alpha, "viewer@example.com").get(f"{URL}{candidate.pk}/notes/").json()
    assert [(n["body"], n["author"]) for n in listed] == [("Call back Tuesday", "recruiter@example.com")]
    empty = recruiter.post(f"{URL}{candidate.pk}/notes/", {"body": "  "}, content_type="application/json")
    assert empty.status_code == 400


@pytest.mark.usefixtures("in_alpha")
def test_viewers_read_but_cannot_write(alpha: TenantFixture) -> None:
    viewer = api_client(alpha, "viewer@example.com")
    candidate = CandidateFactory()
    assert viewer.get(f"{URL}{candidate.pk}/").status_code == 200
    assert create(viewer, full_name="Nope")[0] == 403
    assert viewer.patch(f"{URL}{candidate.pk}/", {"full_name": "x"}, content_type="application/json").status_code == 403
    assert viewer.delete(f"{URL}{candidate.pk}/").status_code == 403
    assert viewer.post(f"{URL}{candidate.pk}/notes/", {"body": "x"}, content_type="application/json").status_code == 403


def test_anonymous_requests_are_refused(alpha: TenantFixture) -> None:
    client = Client(headers={"host": alpha.host})
    assert client.get(URL).status_code == 401
    assert client.post(URL, {"full_name": "x"}).status_code == 401


def test_another_tenants_candidate_is_a_404_even_with_the_same_id(alpha: TenantFixture, beta: TenantFixture) -> None:
    # Same ids on both sides: alpha's candidate N exists, beta's N+1 does not exist in alpha.
    with tenant_context(alpha.tenant, actor="test"):
        shared = CandidateFactory(full_name="Alpha Person")
    with tenant_context(beta.tenant, actor="test"):
        while (beta_only := CandidateFactory(full_name="Beta Person")).pk <= shared.pk:
            pass
    hr = api_client(alpha)
    assert hr.get(f"{URL}{shared.pk}/").json()["full_name"] == "Alpha Person"
    assert hr.get(f"{URL}{beta_only.pk}/").status_code == 404
    assert hr.patch(f"{URL}{beta_only.pk}/", {"full_name": "x"}, content_type="application/json").status_code == 404
    assert hr.delete(f"{URL}{beta_only.pk}/").status_code == 404
    assert hr.get(f"{URL}{beta_only.pk}/notes/").status_code == 404
    assert "Beta Person" not in hr.get(URL, {"search": "Beta Person"}).content.decode()


def test_list_rows_match_the_documented_list_serializer(hr: Client, alpha: TenantFixture) -> None:
    from apps.candidates.serializers import CandidateListSerializer

    with tenant_context(alpha.tenant, actor="test"):
        candidate = CandidateFactory(phones=["+14155550134"], location="Oakland")
    row = next(row for row in hr.get(URL).json()["results"] if row["id"] == candidate.pk)
    with tenant_context(alpha.tenant, actor="test"):
        candidate.refresh_from_db()
    assert row == dict(CandidateListSerializer(candidate).data)


def test_the_browsable_api_works_for_signed_in_staff(client: Client, alpha: TenantFixture) -> None:
    from tests.conftest import PASSWORD

    client.post("/admin/login/", {"username": "viewer@example.com", "password": PASSWORD}, headers={"host": alpha.host})
    page = client.get(URL, headers={"host": alpha.host, "accept": "text/html"})
    assert page.status_code == 200
    assert "Candidate List" in page.content.decode()


@pytest.mark.parametrize(
    ("created_after", "status"),
    [
        ("2000-01-01T00:00:00+16:05", 200),  # Python takes it, PostgreSQL would not: sent in UTC
        ("2000-01-01T00:00:00-23:59", 200),
        ("0001-01-01T00:00:00+01:00", 400),  # before year 1 in UTC
        ("yesterday", 400),
    ],
)
def test_a_date_filter_with_any_utc_offset_is_answered_not_a_500(hr: Client, created_after: str, status: int) -> None:
    # Found by tests/test_api_fuzz.py: created_after=0006-08-10T10:25:05+16:05 failed in PostgreSQL.
    response = hr.get(URL, {"created_after": created_after})
    assert response.status_code == status, response.content


def test_a_date_filter_with_an_offset_means_the_same_moment_in_utc(hr: Client, in_alpha: None) -> None:
    candidate = CandidateFactory()
    moment = candidate.created_at.astimezone(datetime.timezone(datetime.timedelta(hours=15, minutes=30)))
    found = hr.get(URL, {"created_after": moment.isoformat()}).json()["results"]
    assert [row["id"] for row in found] == [candidate.pk]
    assert hr.get(URL, {"created_before": moment.isoformat()}).json()["results"] == []


def test_a_search_with_a_nul_character_is_a_400_not_a_500(hr: Client) -> None:
    # Found by tests/test_api_fuzz.py: PostgreSQL text cannot hold a NUL, and the
    # search went to the query as it was.
    response = hr.get(URL, {"search": "ma\x00ria"})
    assert response.status_code == 400
    assert list(response.json()["fields"]) == ["search"]
