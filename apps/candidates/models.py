"""Candidates, their resumes and notes (tenant schema, under RLS)."""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models.functions import Greatest, Least
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
    # Personal data erased (on request or by the retention policy, apps.candidates.privacy);
    # the row stays, archived, so that applications and history keep their shape.
    erased_at = models.DateTimeField(_("erased at"), null=True, blank=True, editable=False)
    # The former employee (status left) this candidate matched when they came in:
    # their applications are flagged rehire_review (apps.applications.services).
    former_employee = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("matches former employee"),
    )

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
            # The retention sweep: candidates of a status not changed since a cutoff, not yet erased.
            models.Index(
                fields=["status", "updated_at"], condition=models.Q(erased_at__isnull=True), name="candidate_retention"
            ),
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


class CandidateKey(models.Model):
    """One blocking key of a candidate ("e:" email, "p:" phone, "u:" profile link,
    "n:" phonetic name), kept by the services. Duplicate search looks keys up with
    ``key = ANY(...)`` on a b-tree: equality on text is LEAKPROOF, so the index is
    used under Row-Level Security, where ``&&`` on an array column is not."""

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="match_keys")
    key = models.CharField(max_length=300)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["candidate", "key"], name="one_key_per_candidate")]
        indexes = [models.Index(fields=["key"], name="candidate_key")]

    def __str__(self) -> str:
        return self.key


class MatchSettings(models.Model):
    """The tenant's duplicate thresholds: one row (id 1), defaults until an hr_admin
    edits it. The defaults are apps.candidates.matching.Thresholds'."""

    same_threshold = models.FloatField(
        _("same person from"), default=0.9, help_text=_("Link automatically to the existing candidate.")
    )
    possible_threshold = models.FloatField(
        _("possible duplicate from"), default=0.6, help_text=_("Create a duplicate review item.")
    )

    class Meta:
        verbose_name = _("duplicate matching settings")
        verbose_name_plural = _("duplicate matching settings")
        constraints = [
            models.CheckConstraint(condition=models.Q(id=1), name="match_settings_single_row"),
            models.CheckConstraint(
                condition=models.Q(possible_threshold__gt=0)
                & models.Q(possible_threshold__lte=models.F("same_threshold"))
                & models.Q(same_threshold__lte=1),
                name="match_thresholds_ordered",
            ),
        ]

    def __str__(self) -> str:
        return str(_("duplicate matching settings"))


class DuplicateReview(models.Model):
    """A possible duplicate pair for staff to decide. "different" is remembered:
    the pair is unique whatever its order, so it is never flagged again."""

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        SAME = "same", _("same person")
        DIFFERENT = "different", _("different people")

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="+", verbose_name=_("candidate"))
    other = models.ForeignKey(
        Candidate, on_delete=models.CASCADE, related_name="+", verbose_name=_("possible duplicate")
    )
    score = models.FloatField(_("score"))
    reasons = ArrayField(models.CharField(max_length=200), verbose_name=_("reasons"), default=list, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.OPEN)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("duplicate review")
        verbose_name_plural = _("duplicate reviews")
        constraints = [
            models.UniqueConstraint(
                Least("candidate", "other"), Greatest("candidate", "other"), name="one_review_per_pair"
            ),
            models.CheckConstraint(condition=~models.Q(candidate=models.F("other")), name="review_of_two_candidates"),
        ]
        indexes = [
            models.Index(fields=["status", "-created_at"], name="duplicate_review_status"),
            models.Index(fields=["other"], name="duplicate_review_other"),
        ]

    def __str__(self) -> str:
        return f"{self.candidate_id} ~ {self.other_id} ({self.status})"


class Merge(models.Model):
    """One merge of ``merged`` into ``survivor``, with what undoing it needs:
    ``snapshot`` holds both candidates' fields as they were, ``moved`` the ids of
    the rows that changed hands and the resumes' current flags."""

    survivor = models.ForeignKey(Candidate, on_delete=models.PROTECT, related_name="+", verbose_name=_("survivor"))
    merged = models.ForeignKey(Candidate, on_delete=models.PROTECT, related_name="+", verbose_name=_("merged"))
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    snapshot = models.JSONField(_("snapshot"), default=dict)
    moved = models.JSONField(_("moved rows"), default=dict)
    created_at = models.DateTimeField(_("merged at"), auto_now_add=True)
    undone_at = models.DateTimeField(_("undone at"), null=True, blank=True)
    undone_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        verbose_name = _("merge")
        verbose_name_plural = _("merges")
        indexes = [models.Index(fields=["-created_at"], name="merge_created")]

    def __str__(self) -> str:
        return f"{self.merged_id} -> {self.survivor_id}"


class FormerEmployeeHash(models.Model):
    """A keyed hash (HMAC-SHA256, per-tenant key) of one normalized email, phone,
    profile link or name of an erased former employee: the rehire guard still
    recognises them after their personal data is gone."""

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="+")
    digest = models.CharField(max_length=64)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["candidate", "digest"], name="one_digest_per_candidate")]
        indexes = [models.Index(fields=["digest"], name="former_employee_digest")]

    def __str__(self) -> str:
        return self.digest[:12]


# At least a month: a zero would erase every candidate of the status at once.
AT_LEAST_A_MONTH = [MinValueValidator(1, _("Give at least one month, or leave it empty for never."))]


class RetentionPolicy(models.Model):
    """The tenant's retention policy: one row (id 1), defaults until an hr_admin
    edits it. A candidate whose last activity (apps.candidates.selectors.
    retention_due) is older than the months given for their status is erased
    by the periodic retention task; an empty value means never."""

    active_months = models.PositiveIntegerField(
        _("active: months"),
        null=True,
        blank=True,
        default=24,
        validators=AT_LEAST_A_MONTH,
        help_text=_("Empty: never."),
    )
    do_not_contact_months = models.PositiveIntegerField(
        _("do not contact: months"),
        null=True,
        blank=True,
        default=6,
        validators=AT_LEAST_A_MONTH,
        help_text=_("Empty: never."),
    )
    hired_months = models.PositiveIntegerField(
        _("hired: months"),
        null=True,
        blank=True,
        default=None,
        validators=AT_LEAST_A_MONTH,
        help_text=_("Empty: never."),
    )
    left_months = models.PositiveIntegerField(
        _("former employees: months"),
        validators=AT_LEAST_A_MONTH,
        null=True,
        blank=True,
        default=None,
        help_text=_("Empty: never. Erased former employees keep the keyed hashes of the rehire guard."),
    )

    class Meta:
        verbose_name = _("retention policy")
        verbose_name_plural = _("retention policy")
        constraints = [
            models.CheckConstraint(condition=models.Q(id=1), name="retention_policy_single_row"),
            models.CheckConstraint(
                condition=models.Q(active_months__gt=0) | models.Q(active_months__isnull=True),
                name="retention_active_months_positive",
            ),
            models.CheckConstraint(
                condition=models.Q(do_not_contact_months__gt=0) | models.Q(do_not_contact_months__isnull=True),
                name="retention_dnc_months_positive",
            ),
            models.CheckConstraint(
                condition=models.Q(hired_months__gt=0) | models.Q(hired_months__isnull=True),
                name="retention_hired_months_positive",
            ),
            models.CheckConstraint(
                condition=models.Q(left_months__gt=0) | models.Q(left_months__isnull=True),
                name="retention_left_months_positive",
            ),
        ]

    def __str__(self) -> str:
        return str(_("retention policy"))

    def months_by_status(self) -> dict[str, int]:
        """Status -> months after the last activity; statuses kept forever are left out."""
        months = {
            Candidate.Status.ACTIVE: self.active_months,
            Candidate.Status.DO_NOT_CONTACT: self.do_not_contact_months,
            Candidate.Status.HIRED: self.hired_months,
            Candidate.Status.LEFT: self.left_months,
        }
        return {str(status): value for status, value in months.items() if value}
