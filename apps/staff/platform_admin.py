"""The platform admin's provisioning page (public host, platform superusers): a
form that calls apps.tenants.services.tenant_provision, on a connection of its
own (apps.staff.platform). Sent again with the same values it completes a
half-provisioned tenant and changes nothing else, as the command does."""

from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from apps.staff.platform import tenant_provision_apart
from apps.tenants.models import Tenant
from apps.tenants.services import ProvisioningError


class ProvisionForm(forms.Form):
    slug = forms.SlugField(label=_("slug"), max_length=40, help_text=_("Lower-case letters, digits and hyphens."))
    name = forms.CharField(label=_("name"), max_length=200)
    domain = forms.CharField(label=_("host name"), max_length=253, help_text=_("For example acme.example.com."))
    admin_email = forms.EmailField(label=_("first hr_admin's email"))


def provision_view(model_admin: Any, request: HttpRequest) -> TemplateResponse:
    if not model_admin.has_provision_permission(request):
        raise PermissionDenied
    form = ProvisionForm(request.POST if request.method == "POST" else None)
    result = None
    if form.is_valid():
        try:
            result = tenant_provision_apart(**form.cleaned_data)
        except ProvisioningError as error:
            form.add_error(None, str(error))
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": Tenant._meta,
        "title": _("Provision a tenant"),
        "form": form,
        "result": result,
    }
    # The first user's password is shown on this page once (admin_view marks it no-store),
    # never put in a message (messages may travel in a cookie).
    return TemplateResponse(request, "admin/tenants/tenant/provision.html", context)
