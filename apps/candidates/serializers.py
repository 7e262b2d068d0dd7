"""Candidate payloads. Writes accept only the editable fields: ids, status,
sources, timestamps and the tenant cannot be set through them."""

from typing import Any

from rest_framework import serializers

from apps.applications.models import Application
from apps.candidates.models import Candidate, DuplicateReview, Merge, Note, Resume

LIST_FIELDS = ["id", "full_name", "primary_email", "primary_phone", "location", "skills", "status", "source",
               "created_at", "updated_at"]  # fmt: skip


class CandidateListSerializer(serializers.ModelSerializer[Candidate]):
    class Meta:
        model = Candidate
        fields = LIST_FIELDS
        read_only_fields = fields


class CurrentResumeSerializer(serializers.ModelSerializer[Resume]):
    class Meta:
        model = Resume
        fields = ["id", "filename", "content_type", "size", "page_count", "status", "error", "parsed",
                  "parser_version", "ocr_used", "created_at"]  # fmt: skip
        read_only_fields = fields


class CandidateApplicationSerializer(serializers.ModelSerializer[Application]):
    job_code = serializers.CharField(source="job.code")
    job_title = serializers.CharField(source="job.title")

    class Meta:
        model = Application
        fields = ["id", "job", "job_code", "job_title", "stage", "flags", "created_at", "updated_at"]
        read_only_fields = fields


class FormerEmployeeSerializer(serializers.ModelSerializer[Candidate]):
    """The former employee a candidate matched: why their applications are flagged rehire_review."""

    class Meta:
        model = Candidate
        fields = ["id", "full_name", "status", "left_on", "left_reason", "rehire_eligible"]
        read_only_fields = fields


class CandidateDetailSerializer(serializers.ModelSerializer[Candidate]):
    current_resume = serializers.SerializerMethodField()
    applications = CandidateApplicationSerializer(many=True, read_only=True)
    former_employee = FormerEmployeeSerializer(read_only=True, allow_null=True)
    # Empty when unknown, which a "uri" format would not allow.
    linkedin_url = serializers.CharField(read_only=True, help_text="A web address, or empty.")
    github_url = serializers.CharField(read_only=True, help_text="A web address, or empty.")
    website_url = serializers.CharField(read_only=True, help_text="A web address, or empty.")

    class Meta:
        model = Candidate
        fields = [*LIST_FIELDS, "emails", "phones", "linkedin_url", "github_url", "website_url", "summary",
                  "left_on", "left_reason", "rehire_eligible", "archived_at", "former_employee", "current_resume",
                  "applications"]  # fmt: skip
        read_only_fields = fields

    def get_current_resume(self, candidate: Candidate) -> dict[str, Any] | None:
        current = getattr(candidate, "current", None)
        if current is None:
            current = list(candidate.resumes.filter(is_current=True))
        return CurrentResumeSerializer(current[0]).data if current else None


class CandidateWriteSerializer(serializers.Serializer[Candidate]):
    full_name = serializers.CharField(max_length=200)
    emails = serializers.ListField(child=serializers.CharField(max_length=254), max_length=20, required=False)
    phones = serializers.ListField(child=serializers.CharField(max_length=40), max_length=20, required=False)
    linkedin_url = serializers.CharField(max_length=200, required=False, allow_blank=True)
    github_url = serializers.CharField(max_length=200, required=False, allow_blank=True)
    website_url = serializers.CharField(max_length=200, required=False, allow_blank=True)
    location = serializers.CharField(max_length=200, required=False, allow_blank=True)
    skills = serializers.ListField(child=serializers.CharField(max_length=100), max_length=200, required=False)
    summary = serializers.CharField(max_length=10000, required=False, allow_blank=True)


class CandidateStatusSerializer(serializers.Serializer[Candidate]):
    status = serializers.ChoiceField(choices=Candidate.Status.choices)
    left_on = serializers.DateField(required=False, allow_null=True)
    left_reason = serializers.CharField(max_length=2000, required=False, allow_blank=True)
    rehire_eligible = serializers.BooleanField(required=False, default=False)


class NoteSerializer(serializers.ModelSerializer[Note]):
    author = serializers.CharField(source="author.username", read_only=True, default=None, allow_null=True)

    class Meta:
        model = Note
        fields = ["id", "body", "application", "author", "created_at"]
        read_only_fields = ["id", "application", "author", "created_at"]


class NoteWriteSerializer(serializers.Serializer[Note]):
    body = serializers.CharField(max_length=20000)


# --- Duplicates ------------------------------------------------------------------------


class CandidateBriefSerializer(serializers.ModelSerializer[Candidate]):
    """One side of a duplicate pair or a merge."""

    class Meta:
        model = Candidate
        fields = ["id", "full_name", "primary_email", "primary_phone", "location", "status", "left_on",
                  "rehire_eligible", "archived_at"]  # fmt: skip
        read_only_fields = fields


class DuplicateSerializer(serializers.Serializer[Any]):
    """A candidate the matcher found for another, with the score and its reasons."""

    candidate = CandidateBriefSerializer()
    score = serializers.FloatField(source="match.score")
    reasons = serializers.ListField(child=serializers.CharField(), source="match.reasons")
    outcome = serializers.ChoiceField(choices=["same", "possible"])


class DuplicateReviewSerializer(serializers.ModelSerializer[DuplicateReview]):
    candidate = CandidateBriefSerializer(read_only=True)
    other = CandidateBriefSerializer(read_only=True)
    decided_by = serializers.CharField(source="decided_by.username", read_only=True, default=None, allow_null=True)

    class Meta:
        model = DuplicateReview
        fields = ["id", "candidate", "other", "score", "reasons", "status", "decided_by", "decided_at", "created_at"]
        read_only_fields = fields


class DuplicateDecisionSerializer(serializers.Serializer[Any]):
    decision = serializers.ChoiceField(
        choices=[DuplicateReview.Status.SAME, DuplicateReview.Status.DIFFERENT],
        help_text="same: merge the newer candidate into the older one (undoable); "
        "different: never flag the pair again.",
    )


class MergeRequestSerializer(serializers.Serializer[Any]):
    other = serializers.IntegerField(help_text="The candidate merged into this one (archived, undoable).")


class MergeSerializer(serializers.ModelSerializer[Merge]):
    survivor = CandidateBriefSerializer(read_only=True)
    merged = CandidateBriefSerializer(read_only=True)
    actor = serializers.CharField(source="actor.username", read_only=True, default=None, allow_null=True)
    undone_by = serializers.CharField(source="undone_by.username", read_only=True, default=None, allow_null=True)
    moved = serializers.JSONField(read_only=True)

    class Meta:
        model = Merge
        fields = ["id", "survivor", "merged", "actor", "moved", "created_at", "undone_at", "undone_by"]
        read_only_fields = fields
