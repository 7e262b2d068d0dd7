"""Duplicate detection through the services: ingestion, review items, the rehire
guard, merge and undo, erasure, and tenants kept apart."""

import datetime
import hashlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.files.base import ContentFile

from apps.applications.models import Application, Stage
from apps.applications.services import application_move
from apps.candidates.matching import Person
from apps.candidates.matching.score import MAX_ORGANIZATIONS
from apps.candidates.models import Candidate, CandidateKey, DuplicateReview, FormerEmployeeHash, Note, Resume
from apps.candidates.privacy import candidate_erase
from apps.candidates.selectors import duplicate_block, duplicates_of, person_of
from apps.candidates.services import (
    SNAPSHOT_SKIP,
    candidate_ingest,
    candidate_merge,
    candidate_set_status,
    duplicate_review_decide,
    duplicates_find,
    merge_undo,
    note_create,
)
from apps.tenants.context import tenant_context
from ats.errors import ConflictError, DomainError
from tests.conftest import TenantFixture
from tests.factories import ApplicationFactory, JobFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def hr(alpha: TenantFixture, in_alpha: None) -> User:
    return User.objects.get(username="hr@example.com")


@pytest.fixture
def recruiter(alpha: TenantFixture, in_alpha: None) -> User:
    return User.objects.get(username="recruiter@example.com")


def ingest(name: str, emails: list[str], phones: list[str], **extra: Any) -> Any:
    return candidate_ingest(full_name=name, emails=emails, phones=phones, source="email", **extra)


def hire(application: Application, actor: User, **kwargs: Any) -> Application:
    for stage in (Stage.SCREENING, Stage.INTERVIEW, Stage.OFFER):
        application = application_move(application=application, to_stage=stage, actor=actor)
    return application_move(application=application, to_stage=Stage.HIRED, actor=actor, **kwargs)


def test_the_same_person_with_a_new_email_and_a_misspelled_name_becomes_one_candidate(in_alpha: None) -> None:
    first = ingest("Katherine Johnson", ["k.johnson@example.com"], ["+1 415 555 0101"])
    second = ingest("Katharine Jonson", ["kjohnson@newmail.example"], ["(415) 555-0101"], phone_region="US")

    assert first.outcome == "new"
    assert second.outcome == "same"
    assert second.candidate.pk == first.candidate.pk
    assert Candidate.objects.count() == 1
    candidate = Candidate.objects.get()
    assert candidate.emails == ["k.johnson@example.com", "kjohnson@newmail.example"]
    assert candidate.full_name == "Katherine Johnson"  # the known name is kept


def test_a_gmail_address_with_dots_and_a_tag_is_the_same_address(in_alpha: None) -> None:
    first = ingest("Ada Lovelace", ["ada.lovelace@gmail.com"], [])
    second = ingest("Ada Lovelace", ["AdaLovelace+jobs@googlemail.com"], [])
    assert second.candidate.pk == first.candidate.pk
    assert second.outcome == "same"


def test_a_possible_match_creates_a_new_candidate_and_a_review_item(in_alpha: None) -> None:
    first = ingest("Maria Garcia", ["maria@example.com"], [], location="Madrid")
    second = ingest("Maria Garcia", ["mgarcia@other.example"], [], location="Madrid")

    assert second.outcome == "possible"
    assert second.created
    assert second.candidate.pk != first.candidate.pk
    review = DuplicateReview.objects.get()
    assert {review.candidate_id, review.other_id} == {first.candidate.pk, second.candidate.pk}
    assert review.status == DuplicateReview.Status.OPEN
    assert review.reasons


def test_each_possible_match_gets_one_review_item_with_its_score_and_reasons(in_alpha: None) -> None:
    first = ingest("Maria Garcia", ["maria@example.com"], [], location="Madrid")
    second = ingest("Maria Garcia", ["mgarcia@other.example"], [], location="Madrid")
    third = ingest("Maria Garcia", ["m.garcia@third.example"], [], location="Madrid")

    assert third.outcome == "possible"
    reviews = DuplicateReview.objects.filter(candidate=third.candidate).order_by("other_id")
    assert [review.other_id for review in reviews] == [first.candidate.pk, second.candidate.pk]
    for review, found in zip(reviews, sorted(duplicates_of(person_of(third.candidate), exclude=third.candidate.pk),
                                              key=lambda item: item.candidate.pk), strict=True):  # fmt: skip
        assert (review.score, review.reasons) == (found.match.score, list(found.match.reasons))
    assert DuplicateReview.objects.count() == 3
    assert duplicates_find(candidate=third.candidate) == 0  # already open: nothing new


def test_different_people_are_not_matched(in_alpha: None) -> None:
    ingest("Maria Garcia", ["maria@example.com"], ["+34 600 000 001"])
    other = ingest("Peter Novak", ["peter@example.com"], ["+420 601 000 002"])
    assert other.outcome == "new"
    assert not DuplicateReview.objects.exists()


def test_a_decision_of_different_sticks(in_alpha: None, recruiter: User) -> None:
    first = ingest("Maria Garcia", ["maria@example.com"], [], location="Madrid")
    second = ingest("Maria Garcia", ["mgarcia@other.example"], [], location="Madrid")
    review = DuplicateReview.objects.get()
    duplicate_review_decide(review=review, decision="different", actor=recruiter)

    again = ingest("Maria Garcia", ["mgarcia@other.example"], [], location="Madrid")
    assert again.candidate.pk == second.candidate.pk
    assert duplicates_find(candidate=first.candidate) == 0
    assert duplicates_find(candidate=second.candidate) == 0
    assert duplicates_of(person_of(second.candidate), exclude=second.candidate.pk) == []
    review = DuplicateReview.objects.get()
    assert review.status == DuplicateReview.Status.DIFFERENT
    assert review.decided_by == recruiter
    with pytest.raises(ConflictError):
        duplicate_review_decide(review=review, decision="same", actor=recruiter)


def test_deciding_same_merges_the_newer_candidate_into_the_older(in_alpha: None, recruiter: User) -> None:
    first = ingest("Maria Garcia", ["maria@example.com"], [], location="Madrid")
    second = ingest("Maria Garcia", ["mgarcia@other.example"], [], location="Madrid")
    duplicate_review_decide(review=DuplicateReview.objects.get(), decision="same", actor=recruiter)

    survivor = Candidate.objects.get(pk=first.candidate.pk)
    assert survivor.emails == ["maria@example.com", "mgarcia@other.example"]
    assert Candidate.objects.get(pk=second.candidate.pk).archived_at is not None
    assert not CandidateKey.objects.filter(candidate=second.candidate).exists()
    # The next resume of the person lands on the survivor.
    assert ingest("Maria Garcia", ["mgarcia@other.example"], []).candidate.pk == survivor.pk


def test_a_former_employee_reapplying_under_a_married_name_is_flagged_and_needs_an_override(
    in_alpha: None, hr: User, recruiter: User
) -> None:
    former = ingest("Anna Schmidt", ["anna.schmidt@example.com"], ["+49 170 1234567"]).candidate
    candidate_set_status(
        candidate=former, status=Candidate.Status.LEFT, left_on=datetime.date(2024, 3, 31), left_reason="misconduct"
    )
    again = ingest("Anna Weber", ["anna.weber@example.net"], ["0170 1234567"], phone_region="DE")

    assert again.outcome == "same"
    assert again.candidate.pk == former.pk  # recognised: the same person, still a former employee
    application = ApplicationFactory(candidate=again.candidate, job=JobFactory())
    assert Application.Flag.REHIRE_REVIEW in application.flags
    with pytest.raises(ConflictError) as refused:
        hire(application, recruiter)
    assert refused.value.code == "rehire_blocked"
    application.refresh_from_db()
    with pytest.raises(DomainError) as forbidden:
        application_move(application=application, to_stage=Stage.HIRED, actor=recruiter, reason="ok", override=True)
    assert forbidden.value.code == "override_forbidden"

    hired = application_move(
        application=application, to_stage=Stage.HIRED, actor=hr, reason="cleared by legal", override=True
    )
    assert hired.stage == Stage.HIRED
    assert hired.stage_changes.last().override  # type: ignore[union-attr]


def test_a_possible_match_to_a_former_employee_flags_the_new_candidates_applications(
    in_alpha: None, recruiter: User
) -> None:
    former = ingest("Anna Schmidt", ["anna.schmidt@example.com"], ["+49 170 1234567"]).candidate
    candidate_set_status(candidate=former, status=Candidate.Status.LEFT, left_on=datetime.date(2024, 3, 31))
    relative = ingest("Jonas Becker", ["jonas@example.net"], ["+49 170 1234567"])

    assert relative.outcome == "possible"
    assert relative.candidate.pk != former.pk
    assert relative.candidate.former_employee_id == former.pk
    application = ApplicationFactory(candidate=relative.candidate, job=JobFactory())
    assert Application.Flag.REHIRE_REVIEW in application.flags
    with pytest.raises(ConflictError):
        hire(application, recruiter)


def test_rehire_eligible_lifts_the_block_but_keeps_the_flag(in_alpha: None, recruiter: User) -> None:
    former = ingest("Anna Schmidt", ["anna.schmidt@example.com"], ["+49 170 1234567"]).candidate
    candidate_set_status(
        candidate=former, status=Candidate.Status.LEFT, left_on=datetime.date(2024, 3, 31), rehire_eligible=True
    )
    again = ingest("Anna Weber", ["anna.weber@example.net"], ["+49 170 1234567"])
    application = ApplicationFactory(candidate=again.candidate, job=JobFactory())

    hired = hire(application, recruiter)
    assert hired.stage == Stage.HIRED
    assert Application.Flag.REHIRE_REVIEW in hired.flags


def test_matching_never_crosses_tenants(alpha: TenantFixture, beta: TenantFixture) -> None:
    with tenant_context(alpha.tenant, actor="test"):
        in_alpha = ingest("Grace Hopper", ["grace@example.com"], ["+1 212 555 0199"])
        candidate_set_status(
            candidate=in_alpha.candidate, status=Candidate.Status.LEFT, left_on=datetime.date(2020, 1, 1)
        )
    with tenant_context(beta.tenant, actor="test"):
        in_beta = ingest("Grace Hopper", ["grace@example.com"], ["+1 212 555 0199"])
        assert in_beta.outcome == "new"
        assert in_beta.candidate.former_employee_id is None
        assert not DuplicateReview.objects.exists()
        assert Candidate.objects.count() == 1


# --- Merge and undo -----------------------------------------------------------


def add_resume(candidate: Candidate, content: bytes) -> Resume:
    return Resume.objects.create(
        candidate=candidate,
        file=ContentFile(content, name="cv.pdf"),
        filename="cv.pdf",
        sha256=hashlib.sha256(content).hexdigest(),
        size=len(content),
        extracted_text=content.decode(),
        status=Resume.Status.PARSED,
    )


def fields(candidate_id: int) -> dict[str, Any]:
    candidate = Candidate.objects.get(pk=candidate_id)
    return {
        field.attname: field.value_from_object(candidate)
        for field in Candidate._meta.concrete_fields
        if field.name not in SNAPSHOT_SKIP
    }


def owners(candidate: Candidate) -> dict[str, Any]:
    return {
        "applications": sorted(Application.objects.filter(candidate=candidate).values_list("id", "stage")),
        "resumes": sorted(Resume.objects.filter(candidate=candidate).values_list("id", "is_current")),
        "notes": sorted(Note.objects.filter(candidate=candidate).values_list("id", flat=True)),
        "keys": sorted(CandidateKey.objects.filter(candidate=candidate).values_list("key", flat=True)),
    }


def test_merge_then_undo_restores_both_candidates_exactly(in_alpha: None, hr: User, media_root: Path) -> None:
    survivor = ingest("Ada Lovelace", ["ada@example.com"], ["+44 20 7946 0958"], skills=["Python"]).candidate
    merged = ingest(
        "Ada King", ["countess@example.org"], ["+44 20 7946 0000"], skills=["Mathematics", "python"],
        linkedin_url="linkedin.com/in/ada-king", location="London", summary="Analytical engines.",
    ).candidate  # fmt: skip
    candidate_set_status(candidate=merged, status=Candidate.Status.LEFT, left_on=datetime.date(2023, 5, 1))
    ApplicationFactory(candidate=survivor, job=JobFactory())
    ApplicationFactory(candidate=merged, job=JobFactory())
    add_resume(survivor, b"survivor resume")
    add_resume(merged, b"merged resume")
    note_create(candidate=merged, author=hr, body="Met at the fair.")
    before = {pk: (fields(pk), owners(Candidate(pk=pk))) for pk in (survivor.pk, merged.pk)}

    merge = candidate_merge(survivor=survivor, merged=merged, actor=hr)

    after_merge = Candidate.objects.get(pk=survivor.pk)
    assert after_merge.emails == ["ada@example.com", "countess@example.org"]
    assert after_merge.skills == ["Python", "Mathematics"]
    assert after_merge.linkedin_url == "https://linkedin.com/in/ada-king"
    assert after_merge.former_employee_id == merged.pk  # the rehire guard follows the person
    assert len(owners(after_merge)["applications"]) == 2
    assert owners(after_merge)["resumes"][0][1] is True  # the survivor's resume stays current
    assert [current for _, current in owners(after_merge)["resumes"]].count(True) == 1
    assert Candidate.objects.get(pk=merged.pk).archived_at is not None
    assert owners(Candidate(pk=merged.pk)) == {"applications": [], "resumes": [], "notes": [], "keys": []}

    merge_undo(merge=merge, actor=hr)

    for pk, (values, owned) in before.items():
        assert fields(pk) == values
        assert owners(Candidate(pk=pk)) == owned
    with pytest.raises(ConflictError):
        merge_undo(merge=merge, actor=hr)


def test_a_merge_of_two_open_applications_to_the_same_job_is_refused(in_alpha: None, hr: User) -> None:
    job = JobFactory()
    first = ingest("Ada Lovelace", ["ada@example.com"], []).candidate
    second = ingest("Ada King", ["countess@example.org"], []).candidate
    ApplicationFactory(candidate=first, job=job)
    ApplicationFactory(candidate=second, job=job)
    with pytest.raises(ConflictError) as refused:
        candidate_merge(survivor=first, merged=second, actor=hr)
    assert refused.value.code == "merge_conflict"
    assert Candidate.objects.get(pk=second.pk).archived_at is None


# --- Erasure ------------------------------------------------------------------------


def test_an_erased_former_employee_is_still_recognised_by_hashes(
    in_alpha: None, hr: User, recruiter: User, media_root: Path, django_capture_on_commit_callbacks: Any
) -> None:
    former = ingest("Anna Schmidt", ["anna@example.com"], ["+49 170 1234567"]).candidate
    candidate_set_status(candidate=former, status=Candidate.Status.LEFT, left_on=datetime.date(2024, 3, 31))
    resume = add_resume(former, b"Anna's resume")
    note_create(candidate=former, author=hr, body="Personal remark")
    with pytest.raises(DomainError):
        candidate_erase(candidate=former, actor=recruiter)

    with django_capture_on_commit_callbacks(execute=True):  # the file goes once the erasure commits
        erased = candidate_erase(candidate=former, actor=hr)

    assert erased.emails == []
    assert erased.phones == []
    assert "Anna" not in erased.full_name
    assert not Resume.objects.filter(candidate=former).exists()
    assert not Note.objects.filter(candidate=former).exists()
    assert not (media_root / resume.file.name).exists()
    assert not CandidateKey.objects.filter(candidate=former).exists()
    digests = list(FormerEmployeeHash.objects.filter(candidate=former).values_list("digest", flat=True))
    assert digests
    assert not any("anna" in digest or "1234567" in digest for digest in digests)

    again = ingest("Anna Weber", ["other@example.net"], ["+49 170 1234567"])
    assert again.candidate.former_employee_id == former.pk
    application = ApplicationFactory(candidate=again.candidate, job=JobFactory())
    assert Application.Flag.REHIRE_REVIEW in application.flags


def test_an_erased_former_employee_is_still_recognised_by_their_full_name_alone(
    in_alpha: None, hr: User, media_root: Path
) -> None:
    former = ingest("Anna Schmidt", ["anna@example.com"], ["+49 170 1234567"]).candidate
    candidate_set_status(candidate=former, status=Candidate.Status.LEFT, left_on=datetime.date(2024, 3, 31))
    candidate_erase(candidate=former, actor=hr)

    same_name = ingest("SCHMIDT, Anna", ["a.schmidt@example.net"], []).candidate
    other_name = ingest("Anna Weber", ["weber@example.net"], []).candidate

    assert same_name.former_employee_id == former.pk
    assert other_name.former_employee_id is None


# --- The blocking query -------------------------------------------------------------


def test_blocking_uses_only_indexes_as_the_runtime_role_under_rls(in_alpha: None) -> None:
    from django.db import connection, transaction

    from apps.candidates.matching import Person
    from apps.candidates.selectors import BLOCKING_SQL, blocking_params

    ingest("Ada Lovelace", ["ada@example.com"], ["+44 20 7946 0958"])
    person = Person("Ada Lovelace", ("ada@example.com",), ("+442079460958",), "", "", "", (), ())
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT current_user, set_config('enable_seqscan', 'off', true)")
        assert cursor.fetchone()[0] == "ats_app"
        cursor.execute("EXPLAIN " + BLOCKING_SQL, blocking_params(person))
        plan = "\n".join(row[0] for row in cursor.fetchall())
    # With sequential scans off, one still appears if an operator cannot use its
    # index before the RLS policy (a non-LEAKPROOF operator).
    assert "Seq Scan" not in plan, plan
    assert "candidate_key" in plan
    assert "candidate_name_trgm" in plan


def test_matching_leaves_the_callers_transaction_settings_as_they_were(in_alpha: None) -> None:
    from django.db import connection, transaction

    with transaction.atomic(), connection.cursor() as cursor:
        ingest("Ada Lovelace", ["ada@example.com"], [])
        cursor.execute("SELECT current_setting('enable_seqscan'), current_setting('pg_trgm.similarity_threshold')")
        assert cursor.fetchone() == ("on", "0.3")


def test_the_tenants_thresholds_decide_the_outcome(in_alpha: None) -> None:
    from apps.candidates.services import match_settings_update

    # A name and a town alone score at most 0.85: a possible duplicate by default (0.6), nothing from 0.9.
    match_settings_update(same_threshold=0.95, possible_threshold=0.9)
    first = ingest("Maria Garcia", ["maria@example.com"], [], location="Madrid")
    second = ingest("Maria Garcia", ["mgarcia@other.example"], [], location="Madrid")
    assert second.outcome == "new"
    assert second.candidate.pk != first.candidate.pk
    assert not DuplicateReview.objects.exists()
    with pytest.raises(DomainError):
        match_settings_update(same_threshold=0.5, possible_threshold=0.8)


def test_a_typo_that_changes_the_names_sound_is_still_found(in_alpha: None) -> None:
    first = ingest("Emre Lindqvist", ["emre@example.com"], [], location="Malmö")
    second = ingest("Emre Lindvqist", ["emre.l@other.example"], [], location="Malmö")
    assert second.outcome in ("same", "possible")
    assert any(item.candidate.pk == first.candidate.pk for item in duplicates_of(person_of(second.candidate)))


def test_a_name_written_with_an_initial_reaches_the_full_name_for_scoring(in_alpha: None) -> None:

    first = ingest("Augusta Lovelace", ["augusta@example.com"], [], location="London")
    ingest("Augusta Byron", ["byron@example.com"], [], location="London")
    _, block = duplicate_block(Person("A. Lovelace", ("a.l@other.example",), (), "", "", "London", (), ()))
    assert [candidate.pk for candidate in block] == [first.candidate.pk]
    # A full name does not pull in everyone with the same initial and surname.
    _, block = duplicate_block(Person("Anna Lovelace", ("anna@other.example",), (), "", "", "", (), ()))
    assert first.candidate.pk not in [candidate.pk for candidate in block]


def test_a_dropped_second_surname_is_still_found(in_alpha: None) -> None:
    first = ingest("María García López", ["maria.gl@example.com"], [], location="Madrid")
    ingest("María García", ["maria.g@example.com"], [], location="Sevilla")  # another María García
    _, block = duplicate_block(Person("María García", ("mg@other.example",), (), "", "", "Madrid", (), ()))
    assert first.candidate.pk in [candidate.pk for candidate in block]


# --- The stored candidate's resume ---------------------------------------------------


def parsed_resume(
    candidate: Candidate, *, employers: Sequence[str] = (), schools: Sequence[str] = (), current: bool = True
) -> Resume:
    return Resume.objects.create(
        candidate=candidate, file="cv.pdf", filename="cv.pdf", sha256="0" * 64, size=1,
        status=Resume.Status.PARSED, is_current=current,
        parsed={"experience": [{"employer": employer, "title": "Engineer"} for employer in employers],
                "education": [{"institution": school, "degree": "BSc"} for school in schools]},
    )  # fmt: skip


@pytest.mark.parametrize(("stored", "new"), [
    ({"employers": ["Acme GmbH"]}, {"employers": ["ACME"]}),
    ({"schools": ["Universidad de Sevilla"]}, {"schools": ["Universidad de Sevilla"]}),
])  # fmt: skip
def test_an_employer_or_school_on_the_stored_candidates_current_resume_counts(
    in_alpha: None, stored: dict[str, Any], new: dict[str, Any]
) -> None:
    first = ingest("Maria Garcia", ["maria@example.com"], []).candidate
    parsed_resume(first, **stored)
    # No shared email, phone or place: the name alone is not even possible (0.45).
    second = ingest("Maria Garcia", ["mgarcia@other.example"], [], **new)
    assert second.outcome == "possible"
    review = DuplicateReview.objects.get()
    assert {review.candidate_id, review.other_id} == {first.pk, second.candidate.pk}
    assert ("same employer" if "employers" in new else "same school") in review.reasons


def test_only_the_current_resume_counts(in_alpha: None) -> None:
    first = ingest("Maria Garcia", ["maria@example.com"], []).candidate
    parsed_resume(first, employers=["Acme GmbH"], current=False)
    parsed_resume(first, employers=["Globex"], schools=["Universidad de Sevilla"])
    second = ingest("Maria Garcia", ["mgarcia@other.example"], [], employers=["Acme"])
    assert second.outcome == "new"
    assert not DuplicateReview.objects.exists()


def test_a_resume_of_another_shape_gives_no_employers(in_alpha: None) -> None:
    first = ingest("Maria Garcia", ["maria@example.com"], []).candidate
    Resume.objects.create(
        candidate=first, file="cv.pdf", sha256="0" * 64, size=1,
        parsed={"experience": {"employer": "Acme"}, "education": ["Acme", 7, None, {"institution": 7}]},
    )  # fmt: skip
    second = ingest("Maria Garcia", ["mgarcia@other.example"], [], employers=["Acme"], schools=["Acme", "7"])
    assert second.outcome == "new"


@pytest.mark.parametrize("size", [1, 5])
def test_matching_reads_the_resumes_with_the_block(in_alpha: None, size: int) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    stored = [ingest("Maria Garcia", [f"maria{n}@example.com"], []).candidate for n in range(size)]
    for candidate in stored:
        parsed_resume(candidate, employers=["Acme"], schools=["Universidad de Sevilla"])
    person = Person("Maria Garcia", ("new@other.example",), (), "", "", "", ("Acme",), ())
    with CaptureQueriesContext(connection) as queries:
        found = duplicates_of(person)
    assert [item.candidate.pk for item in found] == [candidate.pk for candidate in stored]
    assert all(item.outcome == "possible" and "same employer" in item.match.reasons for item in found)
    assert len(queries) == 1  # the match read, resumes included, whatever the block's size


def test_only_the_first_employers_of_a_resume_count_as_on_a_new_resume(in_alpha: None) -> None:
    first = ingest("Maria Garcia", ["maria@example.com"], []).candidate
    parsed_resume(first, employers=[f"Employer {n}" for n in range(MAX_ORGANIZATIONS)] + ["Acme"])
    assert ingest("Maria Garcia", ["mgarcia@other.example"], [], employers=["Acme"]).outcome == "new"
    assert ingest("Maria Garcia", ["m.garcia@third.example"], [], employers=["Employer 0"]).outcome == "possible"
