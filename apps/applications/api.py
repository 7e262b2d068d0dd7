"""/api/jobs/ and /api/applications/ (with /move/ and /notes/)."""

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiExample, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import BaseSerializer

from apps.applications import selectors, services
from apps.applications.filters import ApplicationFilter, JobFilter
from apps.applications.models import Application, Job
from apps.applications.serializers import (
    ApplicationCreateSerializer,
    ApplicationDetailSerializer,
    ApplicationSerializer,
    JobSerializer,
    JobUpdateSerializer,
    MoveSerializer,
)
from apps.candidates import services as candidate_services
from apps.candidates.models import Candidate
from apps.candidates.serializers import NoteSerializer, NoteWriteSerializer
from apps.staff.selectors import acting_user
from ats.errors import DomainError


@extend_schema_view(
    create=extend_schema(
        examples=[OpenApiExample("A job", value={"title": "Backend engineer", "code": "BE-1", "status": "open"})]
    ),
    partial_update=extend_schema(request=JobUpdateSerializer),
)
class JobViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet[Job],
):
    """Jobs; a job is closed, never deleted (its applications keep their history)."""

    filterset_class = JobFilter
    ordering_fields = ["created_at", "title"]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self) -> QuerySet[Job]:
        return selectors.job_list()

    def get_serializer_class(self) -> type[BaseSerializer[Any]]:
        return JobUpdateSerializer if self.action == "partial_update" else JobSerializer

    def perform_create(self, serializer: BaseSerializer[Any]) -> None:
        serializer.instance = services.job_create(**serializer.validated_data)

    def perform_update(self, serializer: BaseSerializer[Any]) -> None:
        serializer.instance = services.job_update(job=self.get_object(), **serializer.validated_data)


@extend_schema_view(
    list=extend_schema(responses=ApplicationSerializer(many=True)),
    create=extend_schema(request=ApplicationCreateSerializer, responses={201: ApplicationDetailSerializer}),
)
class ApplicationViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet[Application]
):
    """Applications; they leave the pipeline by moving to rejected or withdrawn."""

    filterset_class = ApplicationFilter
    ordering_fields = ["created_at", "updated_at"]

    def get_queryset(self) -> QuerySet[Application]:
        # Only the detail shows the stage history; move and notes answer with a
        # fresh detail or the notes, so loading it for them would be wasted.
        return selectors.application_detail() if self.action == "retrieve" else selectors.application_list()

    def get_serializer_class(self) -> type[BaseSerializer[Any]]:
        if self.action == "list":
            return ApplicationSerializer
        if self.action == "create":
            return ApplicationCreateSerializer
        return ApplicationDetailSerializer

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        page = self.paginate_queryset(selectors.application_rows(self.filter_queryset(self.get_queryset())))
        return self.get_paginated_response(page)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = ApplicationCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        candidate = Candidate.objects.filter(pk=serializer.validated_data["candidate"]).first()
        job = Job.objects.filter(pk=serializer.validated_data["job"]).first()
        if candidate is None or job is None:
            raise DomainError(_("No such candidate or job."), code="not_found")
        application = services.application_create(candidate=candidate, job=job, source="api")
        return Response(self._detail(application), status=status.HTTP_201_CREATED)

    @extend_schema(
        request=MoveSerializer,
        responses=ApplicationDetailSerializer,
        examples=[
            OpenApiExample("To interview", value={"stage": "interview", "reason": "Strong screening call"}),
            OpenApiExample("Reject", value={"stage": "rejected", "reason": "Needs more experience"}),
            OpenApiExample("Rehire override (hr_admin)", value={"stage": "hired", "override": True,
                                                               "reason": "Left on good terms; team lead vouches"}),
        ],
    )  # fmt: skip
    @action(detail=True, methods=["post"])
    def move(self, request: Request, pk: str | None = None) -> Response:
        """Move to another stage: forward, hired from offer, or out (rejected needs a reason).
        Hiring a former employee needs `override` from an hr_admin, with a reason."""
        application = self.get_object()
        serializer = MoveSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        services.application_move(
            application=application,
            to_stage=data["stage"],
            actor=acting_user(request),
            reason=data["reason"],
            override=data["override"],
        )
        return Response(self._detail(application))

    @extend_schema(methods=["get"], responses=NoteSerializer(many=True))
    @extend_schema(methods=["post"], request=NoteWriteSerializer, responses={201: NoteSerializer})
    @action(detail=True, methods=["get", "post"], pagination_class=None)
    def notes(self, request: Request, pk: str | None = None) -> Response:
        application = self.get_object()
        if request.method == "POST":
            serializer = NoteWriteSerializer(data=request.data)
            serializer.is_valid(raise_exception=True)
            note = candidate_services.note_create(
                candidate=application.candidate,
                application=application,
                author=acting_user(request),
                **serializer.validated_data,
            )
            return Response(NoteSerializer(note).data, status=status.HTTP_201_CREATED)
        notes = application.notes.select_related("author").order_by("-created_at")[:200]
        return Response(NoteSerializer(notes, many=True).data)

    def _detail(self, application: Application) -> dict[str, Any]:
        return dict(ApplicationDetailSerializer(selectors.application_detail().get(pk=application.pk)).data)
