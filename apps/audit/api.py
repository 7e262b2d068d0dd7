"""Read-only audit events at /api/audit-events/, for hr_admin staff."""

from django.db.models import QuerySet
from rest_framework import serializers, viewsets
from rest_framework.pagination import CursorPagination

from apps.audit.models import AuditEvent
from apps.staff.permissions import IsHrAdmin


class AuditEventSerializer(serializers.ModelSerializer[AuditEvent]):
    class Meta:
        model = AuditEvent
        fields = ["id", "occurred_at", "actor", "action", "object_type", "object_id", "changes", "request_id"]


class NewestFirstPagination(CursorPagination):
    ordering = "-id"


class AuditEventViewSet(viewsets.ReadOnlyModelViewSet[AuditEvent]):
    serializer_class = AuditEventSerializer
    permission_classes = [IsHrAdmin]
    filterset_fields = ["object_type", "object_id", "action", "actor", "request_id"]
    pagination_class = NewestFirstPagination

    def get_queryset(self) -> QuerySet[AuditEvent]:
        return AuditEvent.objects.all()
