"""Payloads of the ingestion API: resume uploads and inbound message status."""

from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from apps.applications.models import Job
from apps.ingestion.models import InboundAttachment, InboundMessage

MESSAGE_FIELDS = [
    "id", "channel", "status", "reason", "error", "attempts", "from_address", "subject", "message_id",
    "job_code", "job", "candidate", "application", "attachment_count", "summary", "received_at", "processed_at",
]  # fmt: skip


class ResumeUploadSerializer(serializers.Serializer[Any]):
    file = serializers.FileField(help_text=_("The resume: PDF, DOCX, an image or text."))
    job = serializers.PrimaryKeyRelatedField(
        queryset=Job.objects.all(), required=False, allow_null=True, help_text=_("Apply to this job.")
    )

    def validate_file(self, value: UploadedFile) -> UploadedFile:
        if value.size is None or value.size == 0:
            raise serializers.ValidationError(_("The file is empty."))
        if value.size > settings.INGESTION_MAX_MESSAGE_BYTES:
            raise serializers.ValidationError(_("The file is too large."))
        return value


class ResumeUploadedSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField(help_text=_("The inbound message that carries the upload."))
    status = serializers.CharField()
    status_url = serializers.CharField(help_text=_("Where to follow its processing."))


class InboundAttachmentSerializer(serializers.ModelSerializer[InboundAttachment]):
    class Meta:
        model = InboundAttachment
        fields = ["id", "index", "filename", "content_type", "detected_type", "size", "sha256", "kind", "resume"]
        read_only_fields = fields


class InboundMessageSerializer(serializers.ModelSerializer[InboundMessage]):
    attachment_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = InboundMessage
        fields = MESSAGE_FIELDS
        read_only_fields = fields


class InboundMessageDetailSerializer(InboundMessageSerializer):
    attachments = InboundAttachmentSerializer(many=True, read_only=True)

    class Meta(InboundMessageSerializer.Meta):
        fields = [*MESSAGE_FIELDS, "envelope_sender", "envelope_recipient", "sent_at", "attachments"]
        read_only_fields = fields
