"""Tenant and Domain, stored in the public schema."""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_tenants.models import DomainMixin, TenantMixin

# A slug is a DNS label and an email local part at once: lower-case letters,
# digits and inner hyphens. No underscores, so "a-b" and "a_b" cannot collide
# once hyphens become underscores in the schema name.
SLUG_VALIDATOR = RegexValidator(
    r"^[a-z][a-z0-9-]{0,38}[a-z0-9]\Z",
    _("Use 2-40 lower-case letters, digits and inner hyphens, starting with a letter."),
)
SCHEMA_PREFIX = "t_"


def schema_name_for(slug: str) -> str:
    return SCHEMA_PREFIX + slug.replace("-", "_")


# django-tenants has no type information: its mixins are Any to mypy.
class Tenant(TenantMixin):  # type: ignore[misc]
    schema_name: str
    slug: "models.CharField[str, str]" = models.CharField(
        _("slug"), max_length=40, unique=True, validators=[SLUG_VALIDATOR]
    )
    name: "models.CharField[str, str]" = models.CharField(_("name"), max_length=200)
    inbound_address: "models.EmailField[str, str]" = models.EmailField(_("inbound address"), unique=True)
    created_at: "models.DateTimeField[str, object]" = models.DateTimeField(_("created at"), auto_now_add=True)

    # Provisioning creates and migrates the schema explicitly (apps.tenants.services),
    # and only deprovisioning drops it, after a confirmation.
    auto_create_schema = False
    auto_drop_schema = False

    class Meta:
        verbose_name = _("tenant")
        verbose_name_plural = _("tenants")

    def __str__(self) -> str:
        return str(self.slug)


class Domain(DomainMixin):  # type: ignore[misc]
    class Meta:
        verbose_name = _("domain")
        verbose_name_plural = _("domains")
