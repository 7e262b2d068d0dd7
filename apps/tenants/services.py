"""Provisioning and deprovisioning tenants. Both run as the owner role."""

import re
import secrets
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from apps.staff.roles import HR_ADMIN
from apps.staff.services import staff_user_ensure
from apps.tenants.context import tenant_connection, tenant_context
from apps.tenants.db_roles import connect_as
from apps.tenants.models import RESUME_LANGUAGES, SLUG_VALIDATOR, Domain, Tenant, schema_name_for
from apps.tenants.selectors import forget_tenants

HOST_LABEL = re.compile(r"[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\Z")


class ProvisioningError(ValueError):
    """Bad input or a conflict; nothing was changed."""


@dataclass
class ProvisionResult:
    tenant: Tenant
    changes: list[str] = field(default_factory=list)
    admin_username: str = ""
    admin_password: str | None = None  # only when the user was created now


def _validate(*, slug: str, name: str, domain: str, admin_email: str, resume_language: str | None) -> None:
    if not name.strip():
        raise ProvisioningError(_("Give the tenant a name."))
    try:
        SLUG_VALIDATOR(slug)
        validate_email(admin_email)
    except ValidationError as error:
        raise ProvisioningError(" ".join(error.messages)) from error
    if len(domain) > 253 or not all(HOST_LABEL.match(label) for label in domain.split(".")):
        raise ProvisioningError(_("Enter a host name such as acme.example.com."))
    if domain in settings.PUBLIC_HOSTS:
        raise ProvisioningError(_("%(domain)s is a public host.") % {"domain": domain})
    if resume_language not in (None, "", *(code for code, _label in RESUME_LANGUAGES)):
        raise ProvisioningError(_("No resume language %(code)s.") % {"code": resume_language})


def tenant_provision(
    *, slug: str, name: str, domain: str, admin_email: str, resume_language: str | None = None
) -> ProvisionResult:
    """Create (or complete) a tenant: row, domain, schema with every migration and
    its RLS, inbound address, and a first hr_admin staff user. Safe to run again:
    what already exists is left as it is and is not reported as a change, but for
    ``resume_language`` (a setting, "" for none), which is set when given."""
    domain = domain.lower()
    _validate(slug=slug, name=name, domain=domain, admin_email=admin_email, resume_language=resume_language)
    connect_as("owner")
    tenant = Tenant.objects.filter(slug=slug).first()
    changes = []
    if tenant is None:
        if Domain.objects.filter(domain=domain).exists():
            raise ProvisioningError(_("Domain %(domain)s belongs to another tenant.") % {"domain": domain})
        with transaction.atomic():
            tenant = Tenant.objects.create(
                slug=slug,
                name=name,
                schema_name=schema_name_for(slug),
                inbound_address=f"{slug}@{settings.INBOUND_DOMAIN}",
                resume_language=resume_language or "",
            )
            Domain.objects.create(domain=domain, tenant=tenant, is_primary=True)
        changes.append(f"tenant {slug} with domain {domain} and inbound address {tenant.inbound_address}")
    else:
        mismatch = tenant.name != name or not tenant.domains.filter(domain=domain).exists()
        if mismatch:
            raise ProvisioningError(
                _("Tenant %(slug)s exists with another name or domain; nothing was changed.") % {"slug": slug}
            )
        if resume_language is not None and tenant.resume_language != resume_language:
            tenant.resume_language = resume_language
            tenant.save(update_fields=["resume_language"])
            changes.append(f"resume language {resume_language or 'none'}")
    try:
        if tenant.create_schema(check_if_exists=True, verbosity=0) is not False:
            changes.append(f"schema {tenant.schema_name}, migrated")
    except Exception:
        if changes:  # created now: leave nothing half-made behind
            tenant.delete(force_drop=True)
        raise
    finally:
        tenant_connection.set_schema_to_public()
    with tenant_context(tenant, actor="command:provision_tenant"):
        password = secrets.token_urlsafe(12)
        user, created = staff_user_ensure(email=admin_email, role=HR_ADMIN, password=password)
    if created:
        changes.append(f"staff user {user.username} ({HR_ADMIN})")
    forget_tenants()
    return ProvisionResult(
        tenant=tenant,
        changes=changes,
        admin_username=user.username,
        admin_password=password if created else None,
    )


def tenant_deprovision(*, slug: str) -> Tenant:
    """Drop the tenant's schema with all its data, then its domains and row."""
    connect_as("owner")
    tenant = Tenant.objects.filter(slug=slug).first()
    if tenant is None:
        raise ProvisioningError(_("No tenant %(slug)s.") % {"slug": slug})
    with transaction.atomic():
        tenant.delete(force_drop=True)
    forget_tenants()
    return tenant  # type: ignore[no-any-return]  # Tenant's django-tenants base is untyped
