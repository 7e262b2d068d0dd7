"""Tenants, domains and the inbound mail quarantine in the platform admin (public
host only), and the mixins that keep each admin page on the kind of host it belongs to."""

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import URLPattern, path
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from apps.tenants.models import Domain, QuarantinedMessage, Tenant


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
    list_display = ["slug", "name", "schema_name", "inbound_address", "resume_language", "created_at"]
    search_fields = ["slug", "name"]
    readonly_fields = ["slug", "name", "schema_name", "inbound_address", "resume_language", "created_at"]
    inlines = [DomainInline]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    # Provisioning (apps.staff.platform_admin): a platform superuser's form.
    def get_urls(self) -> list[URLPattern]:
        from apps.staff.platform_admin import provision_view

        view = self.admin_site.admin_view(lambda request: provision_view(self, request))
        return [path("provision/", view, name="tenants_tenant_provision"), *super().get_urls()]

    def has_provision_permission(self, request: HttpRequest) -> bool:
        return on_public_host(request) and request.user.is_active and request.user.is_superuser

    def changelist_view(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> Any:
        can = self.has_provision_permission(request)
        return super().changelist_view(request, {"can_provision": can, **(extra_context or {})})


class QuarantineActionForm(ActionForm):
    tenant = forms.ModelChoiceField(Tenant.objects.order_by("slug"), required=False, label=_("tenant"))
    job_code = forms.CharField(required=False, max_length=40, label=_("job code"))


@admin.register(QuarantinedMessage)
class QuarantinedMessageAdmin(PublicHostOnly, admin.ModelAdmin[QuarantinedMessage]):
    """Mail for addresses that name no tenant: hand it to the right tenant (it then
    goes through message_store like any delivery) or discard it."""

    list_display = ["received_at", "envelope_recipient", "from_address", "subject", "channel", "size"]
    list_filter = ["channel"]
    search_fields = ["=envelope_recipient", "=from_address", "subject"]
    ordering = ["-received_at"]
    readonly_fields = [
        "received_at", "channel", "envelope_recipient", "envelope_sender", "from_address", "subject", "message_id",
        "key", "size",
    ]  # fmt: skip
    exclude = ["raw_mime"]
    action_form = QuarantineActionForm
    actions = ["assign", "discard"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[QuarantinedMessage]:
        return super().get_queryset(request).defer("raw_mime")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return obj is None and on_public_host(request) and super().has_change_permission(request, obj)

    @admin.action(description=_("Hand to the tenant chosen below"), permissions=["change"])
    def assign(self, request: HttpRequest, queryset: QuerySet[QuarantinedMessage]) -> None:
        from apps.ingestion.services import quarantine_assign

        # The action form's own fields, read directly: the form as a whole also holds the action choice.
        chosen = request.POST.get("tenant", "")
        tenant = Tenant.objects.filter(pk=chosen).first() if chosen.isdigit() else None
        if tenant is None:
            self.message_user(request, _("Choose a tenant first."), messages.ERROR)
            return
        job_code = request.POST.get("job_code", "").strip()[:40] or None
        count = 0
        for quarantined in queryset.defer(None):
            quarantine_assign(quarantined=quarantined, tenant=tenant, job_code=job_code)
            count += 1
        text = ngettext("%(count)d message handed to %(tenant)s.", "%(count)d messages handed to %(tenant)s.", count)
        self.message_user(request, text % {"count": count, "tenant": tenant.slug}, messages.SUCCESS)

    @admin.action(description=_("Discard the selected messages"), permissions=["delete"])
    def discard(self, request: HttpRequest, queryset: QuerySet[QuarantinedMessage]) -> None:
        from apps.ingestion.services import quarantine_discard

        count = 0
        for quarantined in queryset:
            quarantine_discard(quarantined=quarantined)
            count += 1
        text = ngettext("%(count)d message discarded.", "%(count)d messages discarded.", count)
        self.message_user(request, text % {"count": count}, messages.SUCCESS)
