"""The job and application pages of the staff console: counts, stage moves
through the services (the rehire guard included), rejection with a reason."""

import datetime
from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from apps.applications.models import Application, Job, Stage, StageChange
from apps.applications.services import application_move
from apps.candidates.models import Candidate, Note
from apps.candidates.services import candidate_set_status, note_create
from apps.tenants.context import tenant_context
from tests.candidates.test_admin import get, signed_in
from tests.conftest import TenantFixture, user_in
from tests.factories import ApplicationFactory, CandidateFactory, JobFactory

pytestmark = pytest.mark.django_db

JOBS = "/admin/applications/job/"
APPLICATIONS = "/admin/applications/application/"


@dataclass
class Pipeline:
    job: Job
    quiet_job: Job
    ada: Candidate
    former: Candidate
    applied: Application
    at_offer: Application


@pytest.fixture
def pipeline(alpha: TenantFixture) -> Pipeline:
    """Ada has applied; a former employee who left is at the offer stage."""
    with tenant_context(alpha.tenant, actor="test"):
        job = JobFactory(title="Analyst", code="AN-1")
        quiet_job = JobFactory(title="Archivist", code="AR-1")
        ada = CandidateFactory(full_name="Ada Lovelace")
        former = CandidateFactory(full_name="Charles Babbage")
        candidate_set_status(candidate=former, status="left", left_on=datetime.date(2020, 3, 31))
        applied = ApplicationFactory(candidate=ada, job=job)
        at_offer: Application = ApplicationFactory(candidate=former, job=job)
        for stage in (Stage.INTERVIEW, Stage.OFFER):
            at_offer = application_move(application=at_offer, to_stage=stage, actor=None)
        closed = ApplicationFactory(job=job)
        application_move(application=closed, to_stage=Stage.WITHDRAWN, actor=None)
    return Pipeline(job, quiet_job, ada, former, applied, at_offer)


def run_action(
    client: Client, fixture: TenantFixture, action: str, applications: list[Application], **extra: Any
) -> str:
    """Choose an action on the list, as the browser does; the page that follows."""
    data = {"action": action, "_selected_action": [str(a.pk) for a in applications], "index": "0", **extra}
    response = client.post(APPLICATIONS, data, headers={"host": fixture.host}, follow=True)
    assert response.status_code == 200
    return response.content.decode()


def reload(fixture: TenantFixture, application: Application) -> Application:
    with tenant_context(fixture.tenant, actor="test"):
        return Application.objects.get(pk=application.pk)


def test_the_job_list_shows_each_jobs_open_applications(
    client: Client, alpha: TenantFixture, pipeline: Pipeline
) -> None:
    signed_in(client, alpha, "viewer@example.com")
    page = get(client, alpha, JOBS)
    rows = {row.split("</th>")[0]: row for row in page.split('<th class="field-code">')[1:]}
    analyst = next(row for code, row in rows.items() if "AN-1" in code)
    archivist = next(row for code, row in rows.items() if "AR-1" in code)
    # Applied and offer count; withdrawn is closed.
    assert '<td class="field-open_applications">2</td>' in analyst
    assert '<td class="field-open_applications">0</td>' in archivist


def test_jobs_are_created_and_changed_through_the_services(client: Client, alpha: TenantFixture) -> None:
    signed_in(client, alpha, "recruiter@example.com")
    job = {"title": "Engineer", "code": "eng-7", "department": "R&D", "location": "", "status": "open"}
    assert client.post(f"{JOBS}add/", job | {"description": ""}, headers={"host": alpha.host}).status_code == 302
    with tenant_context(alpha.tenant, actor="test"):
        created = Job.objects.get(title="Engineer")
    assert created.code == "ENG-7"

    # The service compares codes whatever their case; the form sees the refusal.
    again = client.post(f"{JOBS}add/", job | {"code": "Eng-7", "description": ""}, headers={"host": alpha.host})
    assert again.status_code == 200
    assert "Job code ENG-7 is taken." in again.content.decode()

    # The code is fixed once the job exists: a posted code is ignored.
    changed = job | {"title": "Senior Engineer", "code": "OTHER", "status": "closed", "description": ""}
    response = client.post(f"{JOBS}{created.pk}/change/", changed, headers={"host": alpha.host})
    assert response.status_code == 302
    with tenant_context(alpha.tenant, actor="test"):
        created.refresh_from_db()
        assert Job.objects.filter(title="Engineer").count() == 0
    assert (created.title, created.code, created.status) == ("Senior Engineer", "ENG-7", "closed")


def test_moving_to_screening_goes_through_the_service_and_names_the_actor(
    client: Client, alpha: TenantFixture, pipeline: Pipeline
) -> None:
    signed_in(client, alpha, "recruiter@example.com")
    page = run_action(client, alpha, "move_to_screening", [pipeline.applied])

    assert "1 application moved to screening." in page
    assert reload(alpha, pipeline.applied).stage == Stage.SCREENING
    with tenant_context(alpha.tenant, actor="test"):
        change = StageChange.objects.filter(application=pipeline.applied).last()
    assert change is not None
    assert (change.from_stage, change.to_stage) == (Stage.APPLIED, Stage.SCREENING)
    assert change.actor_id == user_in(alpha.tenant, "recruiter@example.com").pk


def test_hiring_a_former_employee_from_the_list_is_refused_with_the_reason_shown(
    client: Client, alpha: TenantFixture, pipeline: Pipeline
) -> None:
    signed_in(client, alpha, "recruiter@example.com")
    page = run_action(client, alpha, "move_to_hired", [pipeline.at_offer, pipeline.applied])

    assert "Charles Babbage (AN-1): This candidate matches a former employee" in page
    assert "Ada Lovelace (AN-1): An application cannot move from applied to hired." in page
    assert "moved to" not in page
    assert reload(alpha, pipeline.at_offer).stage == Stage.OFFER
    assert reload(alpha, pipeline.applied).stage == Stage.APPLIED


def test_only_hr_admins_are_offered_the_rehire_override(
    client: Client, alpha: TenantFixture, pipeline: Pipeline
) -> None:
    signed_in(client, alpha, "recruiter@example.com")
    assert "hire_with_override" not in get(client, alpha, APPLICATIONS)
    page = run_action(client, alpha, "hire_with_override", [pipeline.at_offer], apply="yes", reason="Approved")
    assert "No action selected." in page
    assert reload(alpha, pipeline.at_offer).stage == Stage.OFFER


def test_an_hr_admin_hires_a_former_employee_with_an_override_and_a_reason(
    client: Client, alpha: TenantFixture, pipeline: Pipeline
) -> None:
    signed_in(client, alpha)
    page = run_action(client, alpha, "hire_with_override", [pipeline.at_offer], apply="yes", reason="Board approved")

    assert "1 application moved to hired." in page
    with tenant_context(alpha.tenant, actor="test"):
        change = StageChange.objects.filter(application=pipeline.at_offer).last()
        assert Candidate.objects.get(pk=pipeline.former.pk).status == Candidate.Status.HIRED
    assert change is not None
    assert (change.to_stage, change.override, change.reason) == (Stage.HIRED, True, "Board approved")


def test_rejecting_asks_for_a_reason_and_keeps_it(client: Client, alpha: TenantFixture, pipeline: Pipeline) -> None:
    signed_in(client, alpha, "recruiter@example.com")
    selected = [pipeline.applied, pipeline.at_offer]

    confirmation = run_action(client, alpha, "reject_with_reason", selected)
    assert "2 applications selected" in confirmation
    assert 'name="reason"' in confirmation
    assert reload(alpha, pipeline.applied).stage == Stage.APPLIED

    # The confirmation page posts back without "index", like Django's delete confirmation.
    data = {"action": "reject_with_reason", "_selected_action": [str(a.pk) for a in selected], "apply": "yes"}
    blank = client.post(APPLICATIONS, data | {"reason": "   "}, headers={"host": alpha.host})
    assert blank.status_code == 200
    assert reload(alpha, pipeline.applied).stage == Stage.APPLIED

    response = client.post(
        APPLICATIONS, data | {"reason": "Position filled"}, headers={"host": alpha.host}, follow=True
    )
    assert "2 applications moved to rejected." in response.content.decode()
    for application in selected:
        rejected = reload(alpha, application)
        assert (rejected.stage, rejected.rejection_reason) == (Stage.REJECTED, "Position filled")


def test_applications_are_created_through_the_service(client: Client, alpha: TenantFixture, pipeline: Pipeline) -> None:
    signed_in(client, alpha, "recruiter@example.com")
    with tenant_context(alpha.tenant, actor="test"):
        pipeline.quiet_job.status = Job.Status.CLOSED
        pipeline.quiet_job.save()
    add = f"{APPLICATIONS}add/"

    response = client.post(
        add, {"candidate": pipeline.former.pk, "job": pipeline.quiet_job.pk}, headers={"host": alpha.host}
    )
    assert response.status_code == 200
    assert "Job AR-1 is not open for applications." in response.content.decode()

    with tenant_context(alpha.tenant, actor="test"):
        other = JobFactory(title="Curator", code="CU-1")
    response = client.post(add, {"candidate": pipeline.former.pk, "job": other.pk}, headers={"host": alpha.host})
    assert response.status_code == 302
    with tenant_context(alpha.tenant, actor="test"):
        created = Application.objects.get(job=other)
    # The service flags a former employee's application for rehire review.
    assert (created.source, created.flags, created.stage) == ("admin", ["rehire_review"], Stage.APPLIED)


def test_the_application_page_shows_history_and_notes_and_never_edits_the_stage(
    client: Client, alpha: TenantFixture, pipeline: Pipeline
) -> None:
    with tenant_context(alpha.tenant, actor="test"):
        hr = User.objects.get(username="hr@example.com")
        note_create(candidate=pipeline.former, author=hr, body="Left on good terms.", application=pipeline.at_offer)
    signed_in(client, alpha, "recruiter@example.com")
    url = f"{APPLICATIONS}{pipeline.at_offer.pk}/change/"

    page = get(client, alpha, url)
    assert "Left on good terms." in page
    assert "matches a former employee" in page  # the flag, by its label
    assert page.count('<td class="field-to_stage">') == 3  # applied, interview, offer
    assert 'name="stage"' not in page

    client.post(url, {"stage": "hired"}, headers={"host": alpha.host})
    assert reload(alpha, pipeline.at_offer).stage == Stage.OFFER
    with tenant_context(alpha.tenant, actor="test"):
        assert Note.objects.filter(application=pipeline.at_offer).count() == 1


def test_the_rehire_review_filter_lists_flagged_applications(
    client: Client, alpha: TenantFixture, pipeline: Pipeline
) -> None:
    signed_in(client, alpha, "viewer@example.com")
    everyone = get(client, alpha, APPLICATIONS)
    assert "Ada Lovelace" in everyone
    assert "Charles Babbage" in everyone
    flagged = get(client, alpha, APPLICATIONS, rehire_review="yes")
    assert "Charles Babbage" in flagged
    assert "Ada Lovelace" not in flagged
    # Viewers see no actions.
    assert "move_to_screening" not in everyone


@pytest.mark.parametrize("url", [JOBS, APPLICATIONS, f"{APPLICATIONS}1/change/"])
def test_job_and_application_pages_stay_on_their_tenants_host(
    client: Client, alpha: TenantFixture, beta: TenantFixture, url: str
) -> None:
    signed_in(client, beta)
    response = client.get(url, headers={"host": alpha.host})
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")

    operator = User.objects.create_superuser("operator@example.com", "operator@example.com", "operator-password")
    client.force_login(operator)
    assert client.get(url, headers={"host": "localhost"}).status_code in (302, 403, 404)
