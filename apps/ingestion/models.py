"""Inbound messages and their attachments (tenant schema, under RLS).

The raw MIME is kept in a bytea column, not in file storage: it is written in the
same transaction as the row, so a message the provider got a 2xx for is durable
and complete (no file without a row after a rollback, no row whose file was never
written), it sits behind the same Row-Level Security as every other tenant row,
and PostgreSQL TOAST compresses it and keeps it out of the row, so lists that do
not select it stay cheap (selectors defer it). A message is at most 30 MB.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class InboundMessage(models.Model):
    class Channel(models.TextChoices):
        MAILGUN = "mailgun", _("Mailgun webhook")
        SENDGRID = "sendgrid", _("SendGrid webhook")
        API = "api", _("API upload")
        MAILBOX = "mailbox", _("mailbox import")
        ADMIN = "admin", _("admin")

    class Status(models.TextChoices):
        RECEIVED = "received", _("received")
        PROCESSING = "processing", _("processing")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")
        SKIPPED = "skipped", _("skipped")

    # "mid:<Message-ID>" or, for a message without one, "sha256:<digest of the raw MIME>".
    key = models.CharField(_("key"), max_length=300, unique=True)
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    raw_mime = models.BinaryField(_("raw MIME"))
    size = models.PositiveBigIntegerField(_("size in bytes"), default=0)
    message_id = models.CharField(_("Message-ID"), max_length=300, blank=True)
    from_address = models.CharField(_("from"), max_length=300, blank=True)
    subject = models.CharField(_("subject"), max_length=300, blank=True)
    sent_at = models.DateTimeField(_("date"), null=True, blank=True)
    envelope_sender = models.CharField(_("envelope sender"), max_length=300, blank=True)
    envelope_recipient = models.CharField(_("envelope recipient"), max_length=300, blank=True)
    job_code = models.CharField(_("job code"), max_length=40, blank=True)
    job = models.ForeignKey(
        "applications.Job", on_delete=models.SET_NULL, null=True, blank=True, related_name="inbound_messages"
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.RECEIVED)
    # Why a message was skipped (auto_reply, bounce, loop), failed (attempts, error, transient)
    # or done without a resume (no_resume).
    reason = models.CharField(_("reason"), max_length=40, blank=True)
    error = models.TextField(_("error"), blank=True)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    summary = models.JSONField(_("summary"), default=dict, blank=True)
    candidate = models.ForeignKey(
        "candidates.Candidate", on_delete=models.SET_NULL, null=True, blank=True, related_name="inbound_messages"
    )
    application = models.ForeignKey(
        "applications.Application", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    received_at = models.DateTimeField(_("received at"), auto_now_add=True)
    processed_at = models.DateTimeField(_("processed at"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("inbound message")
        verbose_name_plural = _("inbound messages")
        indexes = [
            models.Index(fields=["-received_at", "-id"], name="inbound_received"),
            models.Index(fields=["status", "updated_at"], name="inbound_status_updated"),
        ]

    def __str__(self) -> str:
        return self.subject or self.key[:60]


class InboundAttachment(models.Model):
    class Kind(models.TextChoices):
        UNKNOWN = "", _("not yet classified")
        RESUME = "resume", _("resume")
        COVER_LETTER = "cover_letter", _("cover letter")
        BODY = "body", _("email body")
        OTHER = "other", _("other")

    message = models.ForeignKey(InboundMessage, on_delete=models.CASCADE, related_name="attachments")
    # Position among the message's attachments in MIME walk order: how the bytes are found again.
    index = models.PositiveIntegerField(_("index"))
    filename = models.CharField(_("file name"), max_length=255, blank=True)
    content_type = models.CharField(_("declared content type"), max_length=100, blank=True)
    detected_type = models.CharField(_("detected type"), max_length=20, blank=True)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, blank=True, default=Kind.UNKNOWN)
    resume = models.ForeignKey("candidates.Resume", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("inbound attachment")
        verbose_name_plural = _("inbound attachments")
        constraints = [models.UniqueConstraint(fields=["message", "index"], name="one_attachment_per_index")]

    def __str__(self) -> str:
        return self.filename or self.sha256[:12]
