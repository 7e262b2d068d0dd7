"""candidate_ingest: the entry point ingestion calls for every parsed resume."""

import pytest

from apps.candidates.models import Candidate
from apps.candidates.services import candidate_ingest, candidate_set_status

pytestmark = pytest.mark.django_db


def test_a_new_person_becomes_a_new_candidate(in_alpha: None) -> None:
    result = candidate_ingest(
        full_name="Ada Lovelace", emails=["Ada@Example.com"], phones=["+44 20 7946 0958"], source="email"
    )
    assert result.created
    assert result.outcome == "new"
    assert result.candidate.emails == ["ada@example.com"]
    assert result.candidate.phones == ["+442079460958"]


def test_the_same_email_updates_the_known_candidate_and_keeps_its_status(in_alpha: None) -> None:
    first = candidate_ingest(full_name="Ada Lovelace", emails=["ada@example.com"], phones=[], source="email")
    candidate_set_status(candidate=first.candidate, status=Candidate.Status.HIRED)
    second = candidate_ingest(
        full_name="Ada Lovelace", emails=["ADA@example.com", "ada@work.example"], phones=["+44 20 7946 0958"],
        skills=["Python"], linkedin_url="linkedin.com/in/ada", source="email",
    )  # fmt: skip
    assert not second.created
    assert second.outcome == "same"
    assert second.candidate.pk == first.candidate.pk
    candidate = Candidate.objects.get(pk=first.candidate.pk)
    assert candidate.emails == ["ada@example.com", "ada@work.example"]
    assert candidate.phones == ["+442079460958"]
    assert candidate.skills == ["Python"]
    assert candidate.linkedin_url == "https://linkedin.com/in/ada"
    assert candidate.status == Candidate.Status.HIRED
    assert Candidate.objects.count() == 1


def test_empty_and_bad_fields_are_dropped_not_refused(in_alpha: None) -> None:
    result = candidate_ingest(full_name="", emails=["not an email"], phones=["12"], linkedin_url="::", source="email")
    assert result.created
    assert result.candidate.emails == []
    assert result.candidate.phones == []
    assert result.candidate.full_name
