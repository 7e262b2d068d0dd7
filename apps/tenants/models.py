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
# The languages OCR reads (Tesseract's model names: apps.ingestion.extraction.limits.OCR_LANGUAGES).
RESUME_LANGUAGES = [("eng", _("English")), ("deu", _("German")), ("fra", _("French")), ("spa", _("Spanish"))]


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
    # Scans are read once in this language with English, when set and when the page is in
    # it, instead of in English first to tell the language and again in it (see
    # apps.ingestion.extraction.ocr for the cost in accents).
    resume_language: "models.CharField[str, str]" = models.CharField(
        _("resume language"),
        max_length=3,
        blank=True,
        default="",
        choices=RESUME_LANGUAGES,
        help_text=_("The language most resumes arrive in: scans in it are read faster, with slightly fewer accents."),
    )

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


class QuarantinedMessage(models.Model):
    """Inbound mail for an address that names no tenant, kept for platform admins
    (who can hand it to a tenant or discard it). Public schema: it belongs to no tenant."""

    channel = models.CharField(_("channel"), max_length=20)
    envelope_recipient = models.CharField(_("envelope recipient"), max_length=300, blank=True)
    envelope_sender = models.CharField(_("envelope sender"), max_length=300, blank=True)
    from_address = models.CharField(_("from"), max_length=300, blank=True)
    subject = models.CharField(_("subject"), max_length=300, blank=True)
    message_id = models.CharField(_("Message-ID"), max_length=300, blank=True)
    # Same key as an inbound message's: a repeat delivery of the same mail is not kept twice.
    key = models.CharField(_("key"), max_length=300, unique=True)
    raw_mime = models.BinaryField(_("raw MIME"))
    size = models.PositiveBigIntegerField(_("size in bytes"), default=0)
    received_at = models.DateTimeField(_("received at"), auto_now_add=True)

    class Meta:
        verbose_name = _("quarantined message")
        verbose_name_plural = _("quarantined messages")
        indexes = [models.Index(fields=["-received_at"], name="quarantine_received")]

    def __str__(self) -> str:
        return self.subject or self.key[:60]


class WebhookToken(models.Model):
    """A webhook signature token already accepted: inserting it is the replay check
    (the unique key makes it atomic), and rows older than the timestamp window are
    pruned, since a token that old is refused by its timestamp anyway."""

    token = models.CharField(max_length=200, unique=True)
    seen_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("webhook token")
        verbose_name_plural = _("webhook tokens")

    def __str__(self) -> str:
        return self.token[:12]
