"""Read-only audit events at /api/audit-events/, for hr_admin staff."""

from django.db.models import QuerySet
from rest_framework import serializers, viewsets

from apps.audit.models import AuditEvent
from apps.staff.permissions import IsHrAdmin
from ats.pagination import NewestFirstPagination as CreatedFirst


class AuditEventSerializer(serializers.ModelSerializer[AuditEvent]):
    class Meta:
        model = AuditEvent
        fields = ["id", "occurred_at", "actor", "action", "object_type", "object_id", "changes", "request_id"]


class NewestFirstPagination(CreatedFirst):
    ordering = "-id"  # ids follow time and are unique: the cheapest stable order


class AuditEventViewSet(viewsets.ReadOnlyModelViewSet[AuditEvent]):
    serializer_class = AuditEventSerializer
    permission_classes = [IsHrAdmin]
    filterset_fields = ["object_type", "object_id", "action", "actor", "request_id"]
    pagination_class = NewestFirstPagination

    def get_queryset(self) -> QuerySet[AuditEvent]:
        return AuditEvent.objects.all()
