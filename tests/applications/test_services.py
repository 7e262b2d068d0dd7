"""The rules of the pipeline, through the services."""

import datetime

import pytest
from django.contrib.auth.models import User

from apps.applications.models import Application, Stage
from apps.applications.services import allowed_moves, application_create, application_move, job_update
from apps.audit.models import AuditEvent
from apps.candidates.models import Candidate
from apps.candidates.services import candidate_set_status
from ats.errors import DomainError
from tests.factories import ApplicationFactory, CandidateFactory, JobFactory

pytestmark = pytest.mark.django_db


def user(username: str) -> User:
    return User.objects.get(username=username)


def test_forward_moves_are_legal_and_closed_stages_are_final() -> None:
    assert allowed_moves("applied") == ["screening", "interview", "offer", "rejected", "withdrawn"]
    assert allowed_moves("offer") == ["hired", "rejected", "withdrawn"]
    assert allowed_moves("interview")[:1] == ["offer"]
    for stage in ("hired", "rejected", "withdrawn"):
        assert allowed_moves(stage) == []


@pytest.mark.usefixtures("in_alpha")
def test_a_move_is_recorded_with_who_when_and_why() -> None:
    application = ApplicationFactory()
    recruiter = user("recruiter@example.com")
    application_move(application=application, to_stage="interview", actor=recruiter, reason="good call")
    application.refresh_from_db()
    assert application.stage == "interview"
    change = application.stage_changes.latest("id")
    assert (change.from_stage, change.to_stage, change.actor, change.reason) == (
        "applied",
        "interview",
        recruiter,
        "good call",
    )


@pytest.mark.usefixtures("in_alpha")
@pytest.mark.parametrize(
    ("start", "target"),
    [("applied", "hired"), ("interview", "applied"), ("applied", "applied"), ("applied", "nonsense")],
)
def test_illegal_moves_are_refused_and_change_nothing(start: str, target: str) -> None:
    application = ApplicationFactory()
    if start != "applied":
        application_move(application=application, to_stage=start, actor=None)
    with pytest.raises(DomainError) as refused:
        application_move(application=application, to_stage=target, actor=None)
    assert refused.value.code == "illegal_transition"
    application.refresh_from_db()
    assert application.stage == start


@pytest.mark.usefixtures("in_alpha")
def test_rejection_needs_a_reason_and_keeps_it() -> None:
    application = ApplicationFactory()
    with pytest.raises(DomainError):
        application_move(application=application, to_stage="rejected", actor=None, reason="  ")
    application_move(application=application, to_stage="rejected", actor=None, reason="Needs more experience")
    application.refresh_from_db()
    assert (application.stage, application.rejection_reason) == ("rejected", "Needs more experience")


@pytest.mark.usefixtures("in_alpha")
def test_hiring_sets_the_candidate_to_hired() -> None:
    application = ApplicationFactory()
    application_move(application=application, to_stage="offer", actor=None)
    application_move(application=application, to_stage="hired", actor=None)
    application.candidate.refresh_from_db()
    assert application.candidate.status == Candidate.Status.HIRED


def former_employee_at_offer(*, rehire_eligible: bool = False) -> Application:
    candidate = CandidateFactory()
    candidate_set_status(
        candidate=candidate, status="left", left_on=datetime.date(2024, 3, 31), left_reason="Misconduct",
        rehire_eligible=rehire_eligible,
    )  # fmt: skip
    application = application_create(candidate=candidate, job=JobFactory())
    assert "rehire_review" in application.flags
    application_move(application=application, to_stage="offer", actor=None)
    return application


@pytest.mark.usefixtures("in_alpha")
def test_a_former_employee_cannot_be_hired_without_an_override() -> None:
    application = former_employee_at_offer()
    with pytest.raises(DomainError) as refused:
        application_move(application=application, to_stage="hired", actor=user("hr@example.com"))
    assert refused.value.code == "rehire_blocked"
    application.refresh_from_db()
    assert application.stage == "offer"


@pytest.mark.usefixtures("in_alpha")
def test_a_recruiter_cannot_override_the_rehire_check() -> None:
    application = former_employee_at_offer()
    with pytest.raises(DomainError) as refused:
        application_move(
            application=application,
            to_stage="hired",
            actor=user("recruiter@example.com"),
            reason="please",
            override=True,
        )
    assert (refused.value.code, refused.value.status_code) == ("override_forbidden", 403)


@pytest.mark.usefixtures("in_alpha")
def test_an_hr_admin_override_needs_a_reason_and_is_audited() -> None:
    application = former_employee_at_offer()
    hr = user("hr@example.com")
    with pytest.raises(DomainError) as refused:
        application_move(application=application, to_stage="hired", actor=hr, override=True)
    assert refused.value.code == "reason_required"
    application_move(application=application, to_stage="hired", actor=hr, reason="Cleared by legal", override=True)
    change = application.stage_changes.latest("id")
    assert (change.to_stage, change.override, change.reason, change.actor) == ("hired", True, "Cleared by legal", hr)
    event = AuditEvent.objects.get(object_type="applications_stagechange", object_id=str(change.pk))
    assert event.changes["override"] == [None, True]
    assert event.changes["reason"] == [None, "Cleared by legal"]


@pytest.mark.usefixtures("in_alpha")
def test_a_former_employee_eligible_for_rehire_is_hired_without_override() -> None:
    application = former_employee_at_offer(rehire_eligible=True)
    application_move(application=application, to_stage="hired", actor=None)
    application.refresh_from_db()
    assert application.stage == Stage.HIRED
    assert "rehire_review" in application.flags  # the flag stays visible


@pytest.mark.usefixtures("in_alpha")
def test_closed_and_draft_jobs_take_no_new_applications() -> None:
    candidate = CandidateFactory()
    job = JobFactory()
    job_update(job=job, status="closed")
    with pytest.raises(DomainError) as refused:
        application_create(candidate=candidate, job=job)
    assert refused.value.code == "job_not_open"
    with pytest.raises(DomainError):
        application_create(candidate=candidate, job=JobFactory(status="draft"))


@pytest.mark.usefixtures("in_alpha")
def test_one_open_application_per_candidate_and_job_but_a_new_one_after_rejection() -> None:
    application = ApplicationFactory()
    with pytest.raises(DomainError) as refused:
        application_create(candidate=application.candidate, job=application.job)
    assert (refused.value.code, refused.value.status_code) == ("duplicate_application", 409)
    application_move(application=application, to_stage="rejected", actor=None, reason="Not now")
    again = application_create(candidate=application.candidate, job=application.job)
    assert again.stage == "applied"
