"""Writes on jobs and applications: the rules of the hiring pipeline."""

from typing import Any

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from apps.applications.models import CLOSED_STAGES, Application, Job, Stage, StageChange
from apps.candidates.models import Candidate
from apps.staff.roles import HR_ADMIN
from apps.staff.selectors import staff_has_role
from ats.errors import ConflictError, DomainError

JOB_FIELDS = frozenset({"title", "department", "location", "status", "description"})
OPEN_STAGES = [Stage.APPLIED, Stage.SCREENING, Stage.INTERVIEW, Stage.OFFER]


def allowed_moves(stage: str) -> list[str]:
    """Forward through the open stages, hired only from offer, and out
    (rejected, withdrawn) from any open stage. Closed stages are final."""
    if stage in CLOSED_STAGES:
        return []
    later = OPEN_STAGES[OPEN_STAGES.index(Stage(stage)) + 1 :]
    hired = [Stage.HIRED] if stage == Stage.OFFER else []
    return [*later, *hired, Stage.REJECTED, Stage.WITHDRAWN]


def needs_rehire_override(application: Application) -> bool:
    """Hiring a former employee who is not marked eligible, or an applicant
    flagged as matching a former employee, takes an hr_admin's override.
    ``rehire_eligible`` on the former employee (the candidate, or the one they
    matched) lifts the block; the flag stays on the application either way."""
    candidate = application.candidate
    if Application.Flag.REHIRE_REVIEW in application.flags:
        if candidate.status == Candidate.Status.LEFT:
            return not candidate.rehire_eligible
        former = candidate.former_employee
        return not (former is not None and former.status == Candidate.Status.LEFT and former.rehire_eligible)
    return candidate.status == Candidate.Status.LEFT and not candidate.rehire_eligible


def matches_former_employee(candidate: Candidate) -> bool:
    """A former employee, or a candidate matched to one when they came in."""
    return candidate.status == Candidate.Status.LEFT or candidate.former_employee_id is not None


def job_create(*, title: str, code: str, **fields: Any) -> Job:
    unknown = set(fields) - JOB_FIELDS
    if unknown:
        raise DomainError(_("These fields cannot be set: %(fields)s.") % {"fields": ", ".join(sorted(unknown))})
    if Job.objects.filter(code=code.upper()).exists():
        raise ConflictError(_("Job code %(code)s is taken.") % {"code": code.upper()}, code="duplicate_job_code")
    job = Job(title=title.strip(), code=code.upper(), **fields)
    job.full_clean()
    job.save()
    return job


def job_update(*, job: Job, **fields: Any) -> Job:
    """Change a job; its code is fixed once created (it is in mail addresses)."""
    unknown = set(fields) - JOB_FIELDS
    if unknown:
        raise DomainError(_("These fields cannot be set: %(fields)s.") % {"fields": ", ".join(sorted(unknown))})
    for name, value in fields.items():
        setattr(job, name, value)
    job.full_clean()
    job.save(update_fields=[*fields, "updated_at"])
    return job


@transaction.atomic
def application_create(*, candidate: Candidate, job: Job, source: str = "api") -> Application:
    """Apply a candidate to an open job. The application of a former employee,
    or of a candidate matched to one (Candidate.former_employee), is flagged for
    rehire review from the start."""
    if job.status != Job.Status.OPEN:
        raise ConflictError(_("Job %(code)s is not open for applications.") % {"code": job.code}, code="job_not_open")
    if candidate.archived_at is not None:
        raise ConflictError(_("This candidate is archived."), code="candidate_archived")
    flags = [Application.Flag.REHIRE_REVIEW.value] if matches_former_employee(candidate) else []
    try:
        with transaction.atomic():
            application = Application.objects.create(candidate=candidate, job=job, source=source, flags=flags)
    except IntegrityError as error:
        raise ConflictError(
            _("This candidate already has an open application for this job."), code="duplicate_application"
        ) from error
    StageChange.objects.create(application=application, from_stage="", to_stage=Stage.APPLIED)
    return application


@transaction.atomic
def application_move(
    *, application: Application, to_stage: str, actor: User | None, reason: str = "", override: bool = False
) -> Application:
    """Move an application to another stage, recording who, when and why.

    Rejection needs a reason. Hiring sets the candidate to hired. Hiring a former
    employee (or a match of one) is refused unless ``override`` is given by an
    hr_admin with a reason; the override is recorded in the stage history."""
    application = (
        Application.objects.select_for_update(of=("self", "candidate"))
        .select_related("candidate", "candidate__former_employee")
        .get(pk=application.pk)
    )
    reason = reason.strip()
    if to_stage not in allowed_moves(application.stage):
        raise DomainError(
            _("An application cannot move from %(from)s to %(to)s.") % {"from": application.stage, "to": to_stage[:20]},
            code="illegal_transition",
        )
    if to_stage == Stage.REJECTED and not reason:
        raise DomainError(_("Say why the application is rejected."), code="reason_required")
    used_override = False
    if to_stage == Stage.HIRED and needs_rehire_override(application):
        if not override:
            raise ConflictError(
                _("This candidate matches a former employee: hiring needs an hr_admin's override with a reason."),
                code="rehire_blocked",
            )
        if not staff_has_role(actor, HR_ADMIN):
            raise DomainError(
                _("Only an hr_admin can override the rehire check."), code="override_forbidden", status_code=403
            )
        if not reason:
            raise DomainError(_("An override needs a reason."), code="reason_required")
        used_override = True
    StageChange.objects.create(
        application=application,
        from_stage=application.stage,
        to_stage=to_stage,
        actor=actor,
        reason=reason,
        override=used_override,
    )
    application.stage = to_stage
    if to_stage == Stage.REJECTED:
        application.rejection_reason = reason
    application.save(update_fields=["stage", "rejection_reason", "updated_at"])
    if to_stage == Stage.HIRED:
        candidate = application.candidate
        candidate.status = Candidate.Status.HIRED
        candidate.save(update_fields=["status", "updated_at"])
    return application
