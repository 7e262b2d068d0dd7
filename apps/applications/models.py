"""Jobs, applications and the history of their stages (tenant schema, under RLS)."""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

# A job code is the "+CODE" of a plus-address: letters, digits and hyphens.
JOB_CODE_VALIDATOR = RegexValidator(
    r"^[A-Za-z0-9][A-Za-z0-9-]{0,29}\Z", _("Use up to 30 letters, digits and hyphens, starting with a letter or digit.")
)


class Job(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        OPEN = "open", _("open")
        CLOSED = "closed", _("closed")

    title = models.CharField(_("title"), max_length=200)
    # Stored upper-case; unique per tenant (each tenant has its own table).
    code = models.CharField(_("code"), max_length=30, unique=True, validators=[JOB_CODE_VALIDATOR])
    department = models.CharField(_("department"), max_length=200, blank=True)
    location = models.CharField(_("location"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    description = models.TextField(_("description"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("job")
        verbose_name_plural = _("jobs")
        indexes = [models.Index(fields=["status", "-created_at"], name="job_status_created")]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class Stage(models.TextChoices):
    APPLIED = "applied", _("applied")
    SCREENING = "screening", _("screening")
    INTERVIEW = "interview", _("interview")
    OFFER = "offer", _("offer")
    HIRED = "hired", _("hired")
    REJECTED = "rejected", _("rejected")
    WITHDRAWN = "withdrawn", _("withdrawn")


# An application in one of these stages is closed; a candidate may apply again.
CLOSED_STAGES = (Stage.HIRED, Stage.REJECTED, Stage.WITHDRAWN)


class Application(models.Model):
    class Flag(models.TextChoices):
        REHIRE_REVIEW = "rehire_review", _("matches a former employee")

    candidate = models.ForeignKey("candidates.Candidate", on_delete=models.PROTECT, related_name="applications")
    job = models.ForeignKey(Job, on_delete=models.PROTECT, related_name="applications")
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices, default=Stage.APPLIED)
    source = models.CharField(_("source"), max_length=20, default="api")
    rejection_reason = models.TextField(_("rejection reason"), blank=True)
    flags = ArrayField(models.CharField(max_length=40), verbose_name=_("flags"), default=list, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        constraints = [
            models.UniqueConstraint(
                fields=["candidate", "job"],
                condition=~models.Q(stage__in=CLOSED_STAGES),
                name="one_open_application_per_candidate_and_job",
            ),
        ]
        indexes = [
            models.Index(fields=["job", "stage", "-created_at"], name="application_job_stage"),
            models.Index(fields=["stage", "-created_at"], name="application_stage_created"),
            models.Index(fields=["candidate", "-created_at"], name="application_candidate"),
        ]

    def __str__(self) -> str:
        return f"{self.candidate_id} -> {self.job_id} ({self.stage})"

    @property
    def is_open(self) -> bool:
        return self.stage not in CLOSED_STAGES


class StageChange(models.Model):
    """One move of an application, with who made it, when and why."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="stage_changes")
    from_stage = models.CharField(_("from"), max_length=20, choices=Stage.choices, blank=True)
    to_stage = models.CharField(_("to"), max_length=20, choices=Stage.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    reason = models.TextField(_("reason"), blank=True)
    # An hr_admin moved a former employee (or a match of one) to hired; reason is required.
    override = models.BooleanField(_("rehire override"), default=False)
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        verbose_name = _("stage change")
        verbose_name_plural = _("stage changes")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["application", "created_at"], name="stage_change_application")]

    def __str__(self) -> str:
        return f"{self.from_stage or '-'} -> {self.to_stage}"
