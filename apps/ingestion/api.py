"""/api/resumes/ (upload: the same pipeline as mail, answered 202) and
/api/inbound-messages/ (what became of each mail and upload: status, counts, errors).
Every role reads; hr_admin and recruiter upload."""

from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.pagination import CursorPagination
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import BaseSerializer
from rest_framework.views import APIView

from apps.ingestion import selectors, services
from apps.ingestion.models import InboundMessage
from apps.ingestion.serializers import (
    InboundMessageDetailSerializer,
    InboundMessageSerializer,
    ResumeUploadedSerializer,
    ResumeUploadSerializer,
)
from apps.staff.selectors import acting_user
from ats.throttling import TenantRateThrottle


class ReceivedFirstPagination(CursorPagination):
    ordering = ("-received_at", "-id")
    page_size_query_param = "page_size"
    max_page_size = 100


class ResumeUploadThrottle(TenantRateThrottle):
    """Uploads per staff user of the tenant (REST_FRAMEWORK rate "resume_upload"):
    each one costs the workers a parse, OCR for scans."""

    scope = "resume_upload"

    def ident(self, request: Any, view: Any) -> str | None:
        return str(request.user.pk) if request.user.is_authenticated else None


class ResumeUploadView(APIView):
    parser_classes = [MultiPartParser, FormParser]
    throttle_classes = [ResumeUploadThrottle]

    @extend_schema(request=ResumeUploadSerializer, responses={202: ResumeUploadedSerializer})
    def post(self, request: Request) -> Response:
        """Upload a resume; it is parsed in the background like an emailed one. Follow
        ``status_url`` until the status is done (the candidate is named there) or failed."""
        serializer = ResumeUploadSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        upload = serializer.validated_data["file"]
        stored = services.resume_upload(
            tenant=request.tenant,  # type: ignore[attr-defined]  # set by the tenant middleware
            data=upload.read(),
            filename=upload.name or "",
            content_type=upload.content_type or "",
            job=serializer.validated_data.get("job"),
            uploaded_by=acting_user(request).email,
        )
        assert stored.message_id is not None
        body = {
            "id": stored.message_id,
            "status": InboundMessage.Status.SKIPPED if stored.outcome.startswith("skipped") else "received",
            "status_url": reverse("inbound-message-detail", kwargs={"pk": stored.message_id}),
        }
        return Response(body, status=status.HTTP_202_ACCEPTED)


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter("status", str, enum=InboundMessage.Status.values),
            OpenApiParameter("channel", str, enum=InboundMessage.Channel.values),
        ]
    )
)
class InboundMessageViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[InboundMessage]):
    pagination_class = ReceivedFirstPagination
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[InboundMessage]:
        messages = selectors.inbound_message_list()
        if self.action == "retrieve":
            return messages.prefetch_related("attachments")
        for field, known in (("status", InboundMessage.Status.values), ("channel", InboundMessage.Channel.values)):
            value = self.request.query_params.get(field)
            if value:
                # An unknown value matches nothing without a query (one with a NUL would fail in it).
                messages = messages.filter(**{field: value}) if value in known else messages.none()
        return messages

    def get_serializer_class(self) -> type[BaseSerializer[Any]]:
        return InboundMessageDetailSerializer if self.action == "retrieve" else InboundMessageSerializer
