"""The candidate pages of the staff console: search, resumes, applications,
notes, the audit trail, archiving, and who may open them."""

import datetime
import hashlib
import html
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from apps.applications.models import Application, Job
from apps.candidates.models import Candidate, Note, Resume
from apps.candidates.services import candidate_update
from apps.staff.console import EstimatedCountPaginator
from apps.tenants.context import tenant_context
from tests.conftest import TenantFixture
from tests.factories import ApplicationFactory, CandidateFactory, JobFactory
from tests.staff.test_admin_login import log_in

pytestmark = pytest.mark.django_db

CANDIDATES = "/admin/candidates/candidate/"


@dataclass
class Seeded:
    ada: Candidate
    grace: Candidate
    job: Job
    application: Application


@pytest.fixture
def seeded(alpha: TenantFixture) -> Seeded:
    with tenant_context(alpha.tenant, actor="test"):
        ada = CandidateFactory(
            full_name="Ada Lovelace", emails=["Ada@Example.com"], phones=["+44 20 7946 0000"], skills=[]
        )
        grace = CandidateFactory(full_name="Grace Hopper", emails=["grace@example.org"], location="Arlington")
        job = JobFactory(title="Analyst", code="an-1")
        application = ApplicationFactory(candidate=ada, job=job)
    return Seeded(ada, grace, job, application)


def signed_in(client: Client, fixture: TenantFixture, username: str = "hr@example.com") -> Client:
    assert log_in(client, fixture, username) == 302
    return client


def get(client: Client, fixture: TenantFixture, url: str, **params: str) -> str:
    response = client.get(url, params, headers={"host": fixture.host})
    assert response.status_code == 200, response
    return response.content.decode()


def change_url(candidate: Candidate) -> str:
    return f"{CANDIDATES}{candidate.pk}/change/"


def form_data(candidate: Candidate, **changes: Any) -> dict[str, Any]:
    """The change form as the browser posts it, with ``changes`` applied."""
    data: dict[str, Any] = {
        "full_name": candidate.full_name,
        "emails": ",".join(candidate.emails),
        "phones": ",".join(candidate.phones),
        "location": candidate.location,
        "skills": ",".join(candidate.skills),
        "summary": candidate.summary,
        "linkedin_url": candidate.linkedin_url,
        "github_url": candidate.github_url,
        "website_url": candidate.website_url,
        "status": candidate.status,
        "left_on": candidate.left_on.isoformat() if candidate.left_on else "",
        "left_reason": candidate.left_reason,
        # An unchecked box is simply absent from the post.
        **({"rehire_eligible": "on"} if candidate.rehire_eligible else {}),
    }
    for prefix in ("resumes", "applications", "notes"):
        data |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}
    return data | changes


def test_the_list_shows_candidates_and_finds_them_by_name_email_and_phone(
    client: Client, alpha: TenantFixture, seeded: Seeded
) -> None:
    signed_in(client, alpha)
    page = get(client, alpha, CANDIDATES)
    assert "Ada Lovelace" in page
    assert "ada@example.com" in page
    assert "Grace Hopper" in page

    by_name = get(client, alpha, CANDIDATES, q="LOVELACE")
    assert "Ada Lovelace" in by_name
    assert "Grace Hopper" not in by_name

    by_email = get(client, alpha, CANDIDATES, q=" GRACE@example.org ")
    assert "Grace Hopper" in by_email
    assert "Ada Lovelace" not in by_email

    # Emails match exactly, not as a fragment.
    assert "Grace Hopper" not in get(client, alpha, CANDIDATES, q="grace@example")

    by_phone = get(client, alpha, CANDIDATES, q="+44 20 7946 0000")
    assert "Ada Lovelace" in by_phone
    assert "Grace Hopper" not in by_phone


def test_the_list_counts_exactly_when_small_and_never_counts_every_row_when_large(
    alpha: TenantFixture, seeded: Seeded
) -> None:
    with tenant_context(alpha.tenant, actor="test"):
        small = EstimatedCountPaginator(Candidate.objects.order_by("pk"), 100)
        assert small.count == 2

        for queryset, estimate_sql in (
            (Candidate.objects.order_by("pk"), "pg_class"),
            (Candidate.objects.filter(archived_at__isnull=True).order_by("pk"), "EXPLAIN"),
        ):
            large = EstimatedCountPaginator(queryset, 100)
            large.exact_up_to = 1  # as if the table were past the exact-count limit
            with CaptureQueriesContext(connection) as queries:
                assert large.count >= 2
            statements = [query["sql"] for query in queries.captured_queries]
            assert any(estimate_sql in sql for sql in statements)
            # The only count is the bounded one.
            counts = [sql for sql in statements if sql.startswith("SELECT COUNT(")]
            assert counts
            assert all("LIMIT 2" in sql for sql in counts)


@pytest.mark.parametrize("url", [CANDIDATES, "/admin/applications/job/", "/admin/applications/application/"])
def test_list_pages_never_count_every_row(client: Client, alpha: TenantFixture, seeded: Seeded, url: str) -> None:
    signed_in(client, alpha)
    with CaptureQueriesContext(connection) as queries:
        get(client, alpha, url)
    counts = [query["sql"] for query in queries.captured_queries if query["sql"].startswith("SELECT COUNT(")]
    assert counts
    # Bounded: EstimatedCountPaginator's limit, or a lower one (application lists count to 1,000).
    limits = [int(match.group(1)) for sql in counts if (match := re.search(r"LIMIT (\d+)\)", sql))]
    assert len(limits) == len(counts), counts
    assert all(limit <= EstimatedCountPaginator.exact_up_to + 1 for limit in limits), counts


def add_resume(fixture: TenantFixture, candidate: Candidate, content: bytes) -> Resume:
    sha256 = hashlib.sha256(content).hexdigest()
    with tenant_context(fixture.tenant, actor="test"):
        # No resume service yet (ingestion will add one); the row as the parser leaves it.
        return Resume.objects.create(
            candidate=candidate,
            file=ContentFile(content, name="upload.pdf"),
            filename="ada-lovelace-cv.pdf",
            sha256=sha256,
            content_type="application/pdf",
            size=len(content),
            page_count=2,
            parsed={"name": {"value": "Ada Lovelace", "confidence": 0.97}, "skills": ["analytical engines"]},
            parser_version="parser-7",
            ocr_used=True,
            status=Resume.Status.PARSED,
        )


def test_the_candidate_page_shows_resumes_applications_and_the_audit_trail(
    client: Client, alpha: TenantFixture, seeded: Seeded, media_root: Path
) -> None:
    resume = add_resume(alpha, seeded.ada, b"%PDF-1.4 notes on the analytical engine")
    with tenant_context(alpha.tenant, actor="command:import"):
        candidate_update(candidate=seeded.ada, location="London")
    signed_in(client, alpha)

    page = html.unescape(get(client, alpha, change_url(seeded.ada)))

    assert "ada-lovelace-cv.pdf" in page
    assert "parser-7" in page
    assert '"confidence": 0.97' in page  # parsed fields, pretty-printed
    assert f"/admin/applications/application/{seeded.application.pk}/change/" in page
    assert "AN-1 Analyst" in page
    assert 'location: "" → "London"' in page
    assert "command:import" in page

    download = client.get(
        f"{change_url(seeded.ada).removesuffix('change/')}resumes/{resume.pk}/file/", headers={"host": alpha.host}
    )
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"%PDF-1.4 notes on the analytical engine"  # type: ignore[attr-defined]
    assert "ada-lovelace-cv.pdf" in download["Content-Disposition"]


def test_only_hr_admins_see_the_audit_trail_on_the_candidate_page(
    client: Client, alpha: TenantFixture, seeded: Seeded
) -> None:
    signed_in(client, alpha, "recruiter@example.com")
    page = get(client, alpha, change_url(seeded.ada))
    assert "Ada Lovelace" in page
    assert "Audit trail" not in page


def test_saving_the_form_goes_through_the_services(client: Client, alpha: TenantFixture, seeded: Seeded) -> None:
    signed_in(client, alpha)
    data = form_data(
        seeded.ada,
        emails="ADA@Example.com, A.King@Example.org",
        skills="Mathematics, mathematics, Poetry",
        status="left",
        left_on="1852-11-27",
        left_reason="Moved on",
        **{"notes-TOTAL_FORMS": "1", "notes-0-body": "  Asked about Babbage.  "},
    )
    response = client.post(change_url(seeded.ada), data, headers={"host": alpha.host})
    assert response.status_code == 302

    with tenant_context(alpha.tenant, actor="test"):
        ada = Candidate.objects.get(pk=seeded.ada.pk)
        note = Note.objects.get(candidate=ada)
        hr = User.objects.get(username="hr@example.com")
    assert ada.emails == ["ada@example.com", "a.king@example.org"]
    assert ada.skills == ["Mathematics", "Poetry"]
    assert (ada.status, ada.left_on, ada.left_reason) == ("left", datetime.date(1852, 11, 27), "Moved on")
    assert (note.body, note.author_id) == ("Asked about Babbage.", hr.pk)


def test_a_refused_save_shows_why_and_keeps_nothing(client: Client, alpha: TenantFixture, seeded: Seeded) -> None:
    signed_in(client, alpha)
    data = form_data(
        seeded.ada,
        location="Paris",
        emails="ada@example.com, not-an-address",
        **{"notes-TOTAL_FORMS": "1", "notes-0-body": "Kept only if the candidate is."},
    )
    response = client.post(change_url(seeded.ada), data, headers={"host": alpha.host})

    assert response.status_code == 200
    assert "not-an-address is not an email address." in response.content.decode()
    with tenant_context(alpha.tenant, actor="test"):
        ada = Candidate.objects.get(pk=seeded.ada.pk)
        assert not Note.objects.filter(candidate=ada).exists()
    assert (ada.location, ada.emails) == ("", ["ada@example.com"])


def test_a_former_employee_needs_the_date_they_left(client: Client, alpha: TenantFixture, seeded: Seeded) -> None:
    signed_in(client, alpha)
    response = client.post(change_url(seeded.ada), form_data(seeded.ada, status="left"), headers={"host": alpha.host})
    assert response.status_code == 200
    assert "A former employee needs the date they left." in response.content.decode()
    with tenant_context(alpha.tenant, actor="test"):
        assert Candidate.objects.get(pk=seeded.ada.pk).status == "active"


def test_a_candidate_added_in_the_admin_is_created_by_the_service(client: Client, alpha: TenantFixture) -> None:
    signed_in(client, alpha, "recruiter@example.com")
    data = form_data(Candidate(full_name="  José   Martí "), emails="JOSE@example.com", phones="+1 202 555 0143")
    response = client.post(f"{CANDIDATES}add/", data, headers={"host": alpha.host})
    assert response.status_code == 302

    with tenant_context(alpha.tenant, actor="test"):
        created = Candidate.objects.get(emails__contains=["jose@example.com"])
    assert (created.full_name, created.name_normalized, created.source) == ("José Martí", "jose marti", "admin")
    assert created.phones == ["+12025550143"]
    assert response["Location"].startswith(CANDIDATES)


def test_archiving_takes_candidates_out_of_the_list(client: Client, alpha: TenantFixture, seeded: Seeded) -> None:
    signed_in(client, alpha)
    response = client.post(
        CANDIDATES,
        {"action": "archive", "_selected_action": [str(seeded.grace.pk)], "index": "0"},
        headers={"host": alpha.host},
        follow=True,
    )
    assert "1 candidate archived." in response.content.decode()

    with tenant_context(alpha.tenant, actor="test"):
        assert Candidate.objects.get(pk=seeded.grace.pk).archived_at is not None
        assert Candidate.objects.get(pk=seeded.ada.pk).archived_at is None
    listed = get(client, alpha, CANDIDATES)
    assert "Ada Lovelace" in listed
    assert "Grace Hopper" not in listed
    assert "Grace Hopper" in get(client, alpha, CANDIDATES, archived="yes")
    # Archived, not gone: the page still opens.
    assert "Grace Hopper" in get(client, alpha, change_url(seeded.grace))


def test_viewers_see_candidates_but_cannot_change_them(client: Client, alpha: TenantFixture, seeded: Seeded) -> None:
    signed_in(client, alpha, "viewer@example.com")
    assert "Ada Lovelace" in get(client, alpha, change_url(seeded.ada))
    response = client.post(
        change_url(seeded.ada), form_data(seeded.ada, location="Paris"), headers={"host": alpha.host}
    )
    assert response.status_code == 403
    with tenant_context(alpha.tenant, actor="test"):
        assert Candidate.objects.get(pk=seeded.ada.pk).location == ""


def test_staff_of_another_tenant_cannot_open_a_candidate(
    client: Client, alpha: TenantFixture, beta: TenantFixture, seeded: Seeded
) -> None:
    signed_in(client, beta)
    response = client.get(change_url(seeded.ada), headers={"host": alpha.host})
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


@pytest.fixture
def platform_superuser() -> User:
    """A platform operator: a superuser in the public schema."""
    return User.objects.create_superuser("operator@example.com", "operator@example.com", "operator-password")


@pytest.mark.parametrize(
    "url", [CANDIDATES, f"{CANDIDATES}1/change/", f"{CANDIDATES}add/", f"{CANDIDATES}1/resumes/1/file/"]
)
def test_candidate_pages_are_not_served_on_the_public_host(client: Client, platform_superuser: User, url: str) -> None:
    client.force_login(platform_superuser)
    assert client.get(url, headers={"host": "localhost"}).status_code in (302, 403, 404)
