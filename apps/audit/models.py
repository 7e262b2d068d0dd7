"""AuditEvent rows are written by database triggers (apps.audit.operations), so
bulk updates, raw SQL, tasks and commands are recorded like any other write."""

from django.db import models
from django.db.models.functions import Now
from django.utils.translation import gettext_lazy as _


class AuditEvent(models.Model):
    class Action(models.TextChoices):
        INSERT = "insert", _("created")
        UPDATE = "update", _("updated")
        DELETE = "delete", _("deleted")
        # Written by the application, not the trigger: a stored file was opened
        # (apps.staff.audit), and a candidate was erased (apps.candidates.privacy).
        READ = "read", _("read")
        ERASE = "erase", _("erased")

    occurred_at = models.DateTimeField(_("occurred at"), db_default=Now())
    # "user:<id>", "task:<name>" or "command:<name>"; empty when nobody was named.
    actor = models.CharField(_("actor"), max_length=200, blank=True, default="")
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    object_type = models.CharField(_("object type"), max_length=100)
    object_id = models.CharField(_("object id"), max_length=100, blank=True, default="")
    # {field: [old, new]}; secrets are replaced by "[redacted]", the personal
    # fields of an erased candidate's records by "[erased]" (audit_redact()).
    changes = models.JSONField(_("changes"), default=dict)
    request_id = models.CharField(_("request id"), max_length=64, blank=True, default="")

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["object_type", "object_id"]),
            models.Index(fields=["occurred_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.action} {self.object_type} {self.object_id}"
