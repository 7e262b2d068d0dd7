"""Candidates, their resumes and notes (tenant schema, under RLS)."""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _


class Candidate(models.Model):
    class Source(models.TextChoices):
        EMAIL = "email", _("email")
        API = "api", _("API")
        ADMIN = "admin", _("admin")
        IMPORT = "import", _("import")

    class Status(models.TextChoices):
        ACTIVE = "active", _("active")
        HIRED = "hired", _("hired")
        LEFT = "left", _("former employee (left)")
        DO_NOT_CONTACT = "do_not_contact", _("do not contact")

    full_name = models.CharField(_("full name"), max_length=200)
    # normalize.normalize_name(full_name): the form names are matched and searched in.
    name_normalized = models.CharField(_("normalized name"), max_length=200, editable=False)
    # Lower-cased addresses and E.164 numbers; the first of each is the primary one.
    emails = ArrayField(models.CharField(max_length=254), verbose_name=_("emails"), default=list, blank=True)
    phones = ArrayField(models.CharField(max_length=20), verbose_name=_("phones"), default=list, blank=True)
    linkedin_url = models.URLField(_("LinkedIn"), blank=True)
    github_url = models.URLField(_("GitHub"), blank=True)
    website_url = models.URLField(_("website"), blank=True)
    location = models.CharField(_("location"), max_length=200, blank=True)
    skills = ArrayField(models.CharField(max_length=100), verbose_name=_("skills"), default=list, blank=True)
    # The skills case-folded, for case-insensitive filtering through the array index.
    skill_keys = ArrayField(models.CharField(max_length=100), default=list, editable=False)
    summary = models.TextField(_("summary"), blank=True)
    source = models.CharField(_("source"), max_length=20, choices=Source.choices, default=Source.API)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE)
    left_on = models.DateField(_("left on"), null=True, blank=True)
    left_reason = models.TextField(_("reason for leaving"), blank=True)
    rehire_eligible = models.BooleanField(_("eligible for rehire"), default=False)
    # Name, emails, skills and the current resume's text (apps.candidates.services keeps it current).
    search_vector = SearchVectorField(null=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    # Archived candidates keep their history and leave lists and search.
    archived_at = models.DateTimeField(_("archived at"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("candidate")
        verbose_name_plural = _("candidates")
        indexes = [
            GinIndex(fields=["search_vector"], name="candidate_search"),
            GinIndex(fields=["name_normalized"], name="candidate_name_trgm", opclasses=["gin_trgm_ops"]),
            GinIndex(fields=["emails"], name="candidate_emails"),
            GinIndex(fields=["phones"], name="candidate_phones"),
            GinIndex(fields=["skill_keys"], name="candidate_skill_keys"),
            models.Index(fields=["-created_at", "-id"], name="candidate_created"),
            models.Index(fields=["status", "-created_at"], name="candidate_status_created"),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def primary_email(self) -> str:
        return self.emails[0] if self.emails else ""

    @property
    def primary_phone(self) -> str:
        return self.phones[0] if self.phones else ""


def resume_upload_to(resume: "Resume", filename: str) -> str:
    # Per-tenant prefix: one tenant's files never share a folder with another's.
    from apps.tenants.context import tenant_connection

    return f"tenants/{tenant_connection.schema_name}/resumes/{resume.sha256[:2]}/{resume.sha256}"


class Resume(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("waiting to be parsed")
        PARSED = "parsed", _("parsed")
        FAILED = "failed", _("failed")

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="resumes")
    file = models.FileField(_("file"), upload_to=resume_upload_to, max_length=300)
    filename = models.CharField(_("original file name"), max_length=255, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    content_type = models.CharField(_("content type"), max_length=100, blank=True)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    page_count = models.PositiveIntegerField(_("pages"), null=True, blank=True)
    extracted_text = models.TextField(_("extracted text"), blank=True)
    parsed = models.JSONField(_("parsed fields"), default=dict, blank=True)
    parser_version = models.CharField(_("parser version"), max_length=40, blank=True)
    ocr_used = models.BooleanField(_("OCR used"), default=False)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PENDING)
    error = models.TextField(_("error"), blank=True)
    is_current = models.BooleanField(_("current"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("resume")
        verbose_name_plural = _("resumes")
        constraints = [
            models.UniqueConstraint(
                fields=["candidate"], condition=models.Q(is_current=True), name="one_current_resume_per_candidate"
            ),
        ]
        indexes = [models.Index(fields=["sha256"], name="resume_sha256")]

    def __str__(self) -> str:
        return self.filename or self.sha256[:12]


class Note(models.Model):
    """A staff note on a candidate, optionally about one of their applications."""

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="notes")
    application = models.ForeignKey(
        "applications.Application", on_delete=models.CASCADE, related_name="notes", null=True, blank=True
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    body = models.TextField(_("note"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("note")
        verbose_name_plural = _("notes")
        indexes = [models.Index(fields=["candidate", "-created_at"], name="note_candidate_created")]

    def __str__(self) -> str:
        return self.body[:60]
