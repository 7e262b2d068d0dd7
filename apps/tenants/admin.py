"""Tenants and domains in the platform admin (public host only), and the mixins
that keep each admin page on the kind of host it belongs to."""

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from apps.tenants.models import Domain, Tenant


def on_public_host(request: HttpRequest) -> bool:
    return getattr(request, "tenant", None) is None


class PublicHostOnly:
    """Platform pages: never shown to a tenant's staff."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return on_public_host(request) and super().has_module_permission(request)  # type: ignore[misc]

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return on_public_host(request) and super().has_view_permission(request, obj)  # type: ignore[misc]


class TenantHostOnly:
    """Tenant data pages: their tables exist only in tenant schemas. On the public
    host they are hidden and refused; the queryset is empty there too, because
    change and history pages load their object before checking permissions."""

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        queryset: QuerySet[Any] = super().get_queryset(request)  # type: ignore[misc]
        return queryset.none() if on_public_host(request) else queryset

    def has_module_permission(self, request: HttpRequest) -> bool:
        return not on_public_host(request) and super().has_module_permission(request)  # type: ignore[misc]

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return not on_public_host(request) and super().has_view_permission(request, obj)  # type: ignore[misc]

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return not on_public_host(request) and super().has_add_permission(request, *args)  # type: ignore[misc]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return not on_public_host(request) and super().has_change_permission(request, obj)  # type: ignore[misc]


class DomainInline(admin.TabularInline[Domain, Tenant]):
    model = Domain
    extra = 0
    readonly_fields = ["domain", "is_primary"]


@admin.register(Tenant)
class TenantAdmin(PublicHostOnly, admin.ModelAdmin[Tenant]):
    # The runtime role may only read tenants; provision_tenant (owner role) writes them.
    list_display = ["slug", "name", "schema_name", "inbound_address", "created_at"]
    search_fields = ["slug", "name"]
    readonly_fields = ["slug", "name", "schema_name", "inbound_address", "created_at"]
    inlines = [DomainInline]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
