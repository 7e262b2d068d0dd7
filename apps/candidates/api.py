"""/api/candidates/: list, search, detail, create, update, archive, status, notes,
duplicates and merge; /api/duplicate-reviews/ and /api/merges/ (with undo).

Who may do what with duplicates: every role reads them; hr_admin and recruiter
decide review items and merge (a merge is undoable and audited); only hr_admin
undoes a merge, since undoing also takes back what was done since on the pair."""

from typing import Any

from django.db.models import QuerySet
from django.http import FileResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import BaseSerializer

from apps.candidates import privacy, selectors, services
from apps.candidates.filters import CandidateFilter
from apps.candidates.models import Candidate, DuplicateReview, Merge
from apps.candidates.serializers import (
    CandidateDetailSerializer,
    CandidateListSerializer,
    CandidateStatusSerializer,
    CandidateWriteSerializer,
    DuplicateDecisionSerializer,
    DuplicateReviewSerializer,
    DuplicateSerializer,
    MergeRequestSerializer,
    MergeSerializer,
    NoteSerializer,
    NoteWriteSerializer,
)
from apps.staff.permissions import HasStaffRole, IsHrAdmin
from apps.staff.selectors import acting_user

CANDIDATE_EXAMPLE = OpenApiExample(
    "A candidate",
    value={
        "full_name": "Zoë Müller-Lüdenscheidt",
        "emails": ["zoe@example.com"],
        "phones": ["+49 30 1234567"],
        "linkedin_url": "linkedin.com/in/zoe-mueller",
        "location": "Berlin, Germany",
        "skills": ["Python", "PostgreSQL"],
    },
    request_only=True,
)


@extend_schema_view(
    list=extend_schema(
        responses=CandidateListSerializer(many=True),
        parameters=[
            OpenApiParameter("search", str, description="Name fragment, words from the resume, a skill, or an email."),
            OpenApiParameter("archived", bool, description="true: archived candidates only."),
        ],
    ),
    create=extend_schema(request=CandidateWriteSerializer, examples=[CANDIDATE_EXAMPLE]),
    partial_update=extend_schema(request=CandidateWriteSerializer),
    destroy=extend_schema(description="Archives the candidate: history is kept, lists and search leave them out."),
)
class CandidateViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet[Candidate],
):
    filterset_class = CandidateFilter
    ordering_fields = ["created_at", "updated_at"]
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self) -> QuerySet[Candidate]:
        if self.action == "list":
            candidates = selectors.candidate_list(archived=self.request.query_params.get("archived") == "true")
            search = self.request.query_params.get("search", "")
            if "\x00" in search:  # PostgreSQL text cannot hold it: the query would fail
                raise ValidationError({"search": [_("Null characters are not allowed.")]})
            return selectors.candidate_search(candidates, search)
        return Candidate.objects.all()

    def get_serializer_class(self) -> type[BaseSerializer[Any]]:
        if self.action == "list":
            return CandidateListSerializer
        if self.action in ("create", "partial_update"):
            return CandidateWriteSerializer
        return CandidateDetailSerializer

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        page = self.paginate_queryset(selectors.candidate_rows(self.filter_queryset(self.get_queryset())))
        return self.get_paginated_response([selectors.candidate_row(row) for row in page or []])

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        pk = self.kwargs["pk"]
        detail = selectors.candidate_detail(pk=int(pk)) if pk.isascii() and pk.isdigit() and len(pk) < 19 else None
        if detail is None:
            raise NotFound()
        return Response(detail)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = CandidateWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        candidate = services.candidate_create(source=Candidate.Source.API, **serializer.validated_data)
        return Response(self._detail(candidate), status=status.HTTP_201_CREATED)

    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        candidate = self.get_object()
        serializer = CandidateWriteSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        services.candidate_update(candidate=candidate, **serializer.validated_data)
        return Response(self._detail(candidate))

    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        services.candidate_archive(candidate=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(request=CandidateStatusSerializer, responses=CandidateDetailSerializer)
    @action(detail=True, methods=["post"], url_path="status", permission_classes=[IsHrAdmin])
    def set_status(self, request: Request, pk: str | None = None) -> Response:
        """Set the status; a former employee (left) needs left_on. hr_admin only."""
        candidate = self.get_object()
        serializer = CandidateStatusSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.candidate_set_status(candidate=candidate, **serializer.validated_data)
        return Response(self._detail(candidate))

    @extend_schema(methods=["get"], responses=NoteSerializer(many=True))
    @extend_schema(methods=["post"], request=NoteWriteSerializer, responses={201: NoteSerializer})
    @action(detail=True, methods=["get", "post"], permission_classes=[HasStaffRole], pagination_class=None)
    def notes(self, request: Request, pk: str | None = None) -> Response:
        candidate = self.get_object()
        if request.method == "POST":
            serializer = NoteWriteSerializer(data=request.data)
            serializer.is_valid(raise_exception=True)
            note = services.note_create(candidate=candidate, author=acting_user(request), **serializer.validated_data)
            return Response(NoteSerializer(note).data, status=status.HTTP_201_CREATED)
        return Response(NoteSerializer(selectors.candidate_notes(candidate)[:200], many=True).data)

    @extend_schema(responses=DuplicateSerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None)
    def duplicates(self, request: Request, pk: str | None = None) -> Response:
        """The candidates this one is (same) or may be (possible), best first; pairs
        decided different are left out."""
        candidate = self.get_object()
        found = selectors.duplicates_of(selectors.person_of(candidate), exclude=candidate.pk)
        return Response(DuplicateSerializer(found, many=True).data)

    @extend_schema(request=MergeRequestSerializer, responses={201: MergeSerializer})
    @action(detail=True, methods=["post"])
    def merge(self, request: Request, pk: str | None = None) -> Response:
        """Merge ``other`` into this candidate: its applications, resumes, notes and
        contact details move here and it is archived. Undo with /api/merges/{id}/undo/.
        409 if both have an open application for the same job."""
        survivor = self.get_object()
        serializer = MergeRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        merged = get_object_or_404(Candidate.objects.all(), pk=serializer.validated_data["other"])
        merge = services.candidate_merge(survivor=survivor, merged=merged, actor=acting_user(request))
        return Response(MergeSerializer(selectors.merge_list().get(pk=merge.pk)).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={204: None})
    @action(detail=True, methods=["post"], permission_classes=[IsHrAdmin])
    def erase(self, request: Request, pk: str | None = None) -> Response:
        """Erase the candidate's personal data on request (hr_admin only), with the
        candidates merged with them: name, contact details, links, skills, resumes
        and their files, notes, the reasons in their applications and stage
        history, the mail they came in by, and those values in the audit trail.
        The record stays, archived; for a former employee, keyed hashes of their
        email, phone, profile links and full name are kept so the rehire check
        still recognises them. Erasing again is harmless. Cannot be undone."""
        privacy.candidate_erase(candidate=self.get_object(), actor=acting_user(request))
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(responses={(200, "application/zip"): bytes})
    @action(detail=True, methods=["get"], permission_classes=[IsHrAdmin])
    def export(self, request: Request, pk: str | None = None) -> FileResponse:
        """Everything stored about the candidate (and the candidates merged with
        them) as a zip: candidate.json (the candidate, resumes with their parsed
        fields and text, applications with their stage history, notes, the mail
        they came in by, audit events about them) and the original resume files.
        hr_admin only, like the audit trail it contains; recorded in the audit
        trail as a read of the candidate and of each file. 413 when the files add
        up to more than PRIVACY_EXPORT_MAX_BYTES."""
        export = privacy.candidate_export(candidate=self.get_object(), actor=acting_user(request))
        return export.as_response()

    def _detail(self, candidate: Candidate) -> dict[str, Any]:
        detail = selectors.candidate_detail(pk=candidate.pk)
        assert detail is not None  # the candidate was just read or written in this request
        return detail


@extend_schema_view(
    list=extend_schema(
        parameters=[OpenApiParameter("status", str, enum=DuplicateReview.Status.values, description="open by default.")]
    )
)
class DuplicateReviewViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[DuplicateReview]
):
    """Possible duplicates for staff to decide, newest first."""

    serializer_class = DuplicateReviewSerializer

    def get_queryset(self) -> QuerySet[DuplicateReview]:
        reviews = selectors.duplicate_review_list()
        if self.action == "list":
            wanted = self.request.query_params.get("status", DuplicateReview.Status.OPEN)
            reviews = reviews.filter(status=wanted if wanted in DuplicateReview.Status.values else "")
        return reviews

    @extend_schema(request=DuplicateDecisionSerializer, responses=DuplicateReviewSerializer)
    @action(detail=True, methods=["post"])
    def decide(self, request: Request, pk: str | None = None) -> Response:
        """same: merge the newer candidate into the older (undoable); different:
        remembered, the pair is never flagged again. 409 once decided."""
        review = self.get_object()
        serializer = DuplicateDecisionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.duplicate_review_decide(
            review=review, decision=serializer.validated_data["decision"], actor=acting_user(request)
        )
        return Response(DuplicateReviewSerializer(self.get_queryset().get(pk=review.pk)).data)


class MergeViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[Merge]):
    """Merges of candidates, newest first, each undoable once by an hr_admin."""

    serializer_class = MergeSerializer

    def get_queryset(self) -> QuerySet[Merge]:
        return selectors.merge_list()

    @extend_schema(request=None, responses=MergeSerializer)
    @action(detail=True, methods=["post"], permission_classes=[IsHrAdmin])
    def undo(self, request: Request, pk: str | None = None) -> Response:
        """Give the merged candidate back what was moved and restore both records as
        they were before the merge. hr_admin only; 409 if undone already or if a
        later merge of either candidate must be undone first."""
        merge = self.get_object()
        services.merge_undo(merge=merge, actor=acting_user(request))
        return Response(MergeSerializer(self.get_queryset().get(pk=merge.pk)).data)
