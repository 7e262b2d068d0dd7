"""The retention policy: who is erased, by the periodic task and by the command."""

import datetime
import io
from dataclasses import dataclass

import pytest
from django.core.management import call_command
from django.utils import timezone
from pytest_django.fixtures import Settings as SettingsWrapper

from apps.applications.models import Application
from apps.audit.models import AuditEvent
from apps.candidates.models import Candidate, Resume
from apps.candidates.privacy import retention_policy_update
from apps.candidates.selectors import months_before
from apps.candidates.services import candidate_create, candidate_merge, candidate_set_status
from apps.candidates.tasks import apply_retention
from apps.tenants.context import tenant_context
from ats.errors import DomainError
from tests.conftest import TenantFixture
from tests.factories import ApplicationFactory, JobFactory

pytestmark = pytest.mark.django_db


def aged(candidate: Candidate, months: int) -> Candidate:
    """As if nobody had touched the candidate for ``months`` months."""
    Candidate.objects.filter(pk=candidate.pk).update(updated_at=months_before(timezone.now(), months))
    return candidate


@dataclass
class Cast:
    old_active: Candidate
    recent_active: Candidate
    old_but_applied_lately: Candidate
    old_but_new_resume: Candidate
    old_do_not_contact: Candidate
    recent_do_not_contact: Candidate
    old_hired: Candidate
    old_left: Candidate
    merged_into_recent: Candidate
    recent_survivor: Candidate


def person(name: str, status: str = Candidate.Status.ACTIVE) -> Candidate:
    candidate = candidate_create(full_name=name, emails=[f"{name.lower().replace(' ', '.')}@example.com"])
    if status == Candidate.Status.LEFT:
        candidate_set_status(candidate=candidate, status=status, left_on=datetime.date(2010, 1, 1))
    elif status != Candidate.Status.ACTIVE:
        candidate_set_status(candidate=candidate, status=status)
    return candidate


def cast(fixture: TenantFixture) -> Cast:
    with tenant_context(fixture.tenant, actor="test"):
        lately = person("Applied Lately")
        application = ApplicationFactory(candidate=lately, job=JobFactory())
        Application.objects.filter(pk=application.pk).update(updated_at=timezone.now() - datetime.timedelta(days=10))
        new_resume = person("New Resume")
        Resume.objects.create(candidate=new_resume, file="x", sha256="0" * 64, size=1, status=Resume.Status.PARSED)
        survivor, merged = person("Recent Survivor"), person("Merged Away")
        candidate_merge(survivor=survivor, merged=merged, actor=None)
        return Cast(
            old_active=aged(person("Old Active"), 25),
            recent_active=aged(person("Recent Active"), 23),
            old_but_applied_lately=aged(lately, 30),
            old_but_new_resume=aged(new_resume, 30),
            old_do_not_contact=aged(person("Old Dnc", Candidate.Status.DO_NOT_CONTACT), 7),
            recent_do_not_contact=aged(person("Recent Dnc", Candidate.Status.DO_NOT_CONTACT), 5),
            old_hired=aged(person("Old Hired", Candidate.Status.HIRED), 120),
            old_left=aged(person("Old Left", Candidate.Status.LEFT), 120),
            merged_into_recent=aged(merged, 120),
            recent_survivor=survivor,
        )


def state(fixture: TenantFixture) -> list[tuple[int, str, datetime.datetime | None]]:
    with tenant_context(fixture.tenant, actor="test"):
        return list(Candidate.objects.order_by("pk").values_list("pk", "full_name", "erased_at"))


def erased_ids(fixture: TenantFixture) -> set[int]:
    with tenant_context(fixture.tenant, actor="test"):
        return set(Candidate.objects.filter(erased_at__isnull=False).values_list("pk", flat=True))


def test_the_task_erases_only_the_candidates_past_their_limit_and_a_second_run_changes_nothing(
    alpha: TenantFixture, beta: TenantFixture
) -> None:
    people = cast(alpha)
    beta_people = cast(beta)
    with tenant_context(beta.tenant, actor="test"):
        retention_policy_update(active_months=None, do_not_contact_months=None, hired_months=None, left_months=None)

    assert apply_retention() == 2

    assert erased_ids(alpha) == {people.old_active.pk, people.old_do_not_contact.pk}
    assert erased_ids(beta) == set()
    with tenant_context(alpha.tenant, actor="test"):
        event = AuditEvent.objects.get(action=AuditEvent.Action.ERASE, object_id=str(people.old_active.pk))
        assert (event.actor, event.changes["reason"]) == ("task:retention", "retention")
        assert Candidate.objects.get(pk=people.old_active.pk).emails == []
        assert Candidate.objects.get(pk=people.old_left.pk).full_name == "Old Left"
    before = (state(alpha), state(beta))
    assert apply_retention() == 0
    assert (state(alpha), state(beta)) == before
    assert beta_people.old_active.pk not in erased_ids(beta)


def test_a_candidate_past_the_limit_of_a_shorter_policy_is_erased_and_their_merged_record_with_them(
    alpha: TenantFixture,
) -> None:
    people = cast(alpha)
    with tenant_context(alpha.tenant, actor="test"):
        retention_policy_update(active_months=1, do_not_contact_months=None, hired_months=None, left_months=None)
        Candidate.objects.filter(pk=people.recent_survivor.pk).update(updated_at=months_before(timezone.now(), 2))
    apply_retention()
    erased = erased_ids(alpha)
    assert {people.recent_survivor.pk, people.merged_into_recent.pk} <= erased
    # Activity within the month keeps a candidate, whatever their own last change.
    assert people.old_but_applied_lately.pk not in erased
    assert people.old_but_new_resume.pk not in erased


def test_the_command_lists_on_a_dry_run_and_erases_one_tenant_only(alpha: TenantFixture, beta: TenantFixture) -> None:
    people = cast(alpha)
    beta_people = cast(beta)
    out = io.StringIO()
    call_command("apply_retention", "--tenant", "alpha", "--dry-run", stdout=out)
    assert out.getvalue().strip() == (
        f"alpha: 2 due (dry run, nothing erased) {people.old_active.pk} {people.old_do_not_contact.pk}"
    )
    assert erased_ids(alpha) == set()

    out = io.StringIO()
    call_command("apply_retention", "--tenant", "alpha", stdout=out)
    assert out.getvalue().strip() == "alpha: 2 due, 2 candidates erased"
    assert erased_ids(alpha) == {people.old_active.pk, people.old_do_not_contact.pk}
    assert erased_ids(beta) == set()
    assert beta_people.old_active.pk not in erased_ids(beta)
    with tenant_context(alpha.tenant, actor="test"):
        event = AuditEvent.objects.get(action=AuditEvent.Action.ERASE, object_id=str(people.old_active.pk))
        assert event.actor == "command:apply_retention"


def test_a_policy_needs_whole_months_or_never(alpha: TenantFixture) -> None:
    with tenant_context(alpha.tenant, actor="test"):
        with pytest.raises(DomainError) as refused:
            retention_policy_update(active_months=0, do_not_contact_months=6, hired_months=None, left_months=None)
        assert refused.value.code == "invalid_retention"
        policy = retention_policy_update(active_months=12, do_not_contact_months=None, hired_months=None,
                                         left_months=None)  # fmt: skip
        assert policy.months_by_status() == {"active": 12}


@pytest.mark.parametrize(
    ("moment", "months", "expected"),
    [
        (datetime.datetime(2026, 3, 31, 12, 0), 1, datetime.datetime(2026, 2, 28, 12, 0)),
        (datetime.datetime(2026, 1, 15), 24, datetime.datetime(2024, 1, 15)),
        (datetime.datetime(2024, 2, 29), 12, datetime.datetime(2023, 2, 28)),
        (datetime.datetime(2026, 11, 26), 11, datetime.datetime(2025, 12, 26)),
    ],
)
def test_months_are_calendar_months(moment: datetime.datetime, months: int, expected: datetime.datetime) -> None:
    assert months_before(moment, months) == expected


def test_beat_runs_the_retention_task(settings: SettingsWrapper) -> None:
    entry = settings.CELERY_BEAT_SCHEDULE["candidates-retention"]
    assert entry["task"] == apply_retention.name == "candidates.apply_retention"
    assert entry["schedule"] == float(settings.RETENTION_EVERY_SECONDS)
    assert getattr(apply_retention, "tenant_required", True) is False  # it enters each tenant itself
