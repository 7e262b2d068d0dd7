"""Audit events in the staff admin: read-only."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from apps.audit.models import AuditEvent
from apps.tenants.admin import TenantHostOnly


@admin.register(AuditEvent)
class AuditEventAdmin(TenantHostOnly, admin.ModelAdmin[AuditEvent]):
    list_display = ["occurred_at", "actor", "action", "object_type", "object_id", "request_id"]
    list_filter = ["action", "object_type"]
    search_fields = ["object_id", "actor", "request_id"]
    show_full_result_count = False

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
