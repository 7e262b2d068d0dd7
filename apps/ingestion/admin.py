"""The staff console for inbound mail: what arrived, what became of it (status, the
candidate it produced), the original email (headers, body, attachments to
download), and a "reprocess" action. The public quarantine is in apps.tenants.admin."""

from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import URLPattern, path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from apps.ingestion import mail
from apps.ingestion.models import InboundAttachment, InboundMessage
from apps.ingestion.services import message_reprocess
from apps.staff.audit import audit_file_read
from apps.staff.console import ReadOnlyInline, StaffConsoleAdmin
from apps.staff.selectors import acting_user

HEADERS_SHOWN = ("From", "To", "Cc", "Reply-To", "Subject", "Date", "Message-ID", "Auto-Submitted", "Precedence")
BODY_SHOWN = 20_000


class InboundAttachmentInline(ReadOnlyInline, admin.TabularInline[InboundAttachment, InboundMessage]):
    model = InboundAttachment
    fields = ["index", "filename", "detected_type", "size", "kind", "resume", "download"]
    readonly_fields = ["index", "filename", "detected_type", "size", "kind", "resume", "download"]
    verbose_name_plural = _("attachments")

    @admin.display(description=_("file"))
    def download(self, attachment: InboundAttachment) -> str:
        url = reverse("admin:ingestion_inboundmessage_attachment", args=[attachment.message_id, attachment.index])
        return format_html('<a href="{}">{}</a>', url, _("download"))


@admin.register(InboundMessage)
class InboundMessageAdmin(StaffConsoleAdmin[InboundMessage]):
    list_display = ["received_at", "status", "reason", "channel", "from_address", "subject", "job_code", "candidate"]
    list_filter = ["status", "channel", "reason"]
    list_select_related = ["candidate"]
    search_fields = ["=from_address", "=message_id", "subject"]
    date_hierarchy = None
    ordering = ["-received_at", "-id"]
    actions = ["reprocess"]
    inlines = [InboundAttachmentInline]
    readonly_fields = [
        "status", "reason", "error", "attempts", "channel", "message_id", "from_address", "subject", "sent_at",
        "envelope_sender", "envelope_recipient", "job_code", "job", "candidate_link", "application", "summary",
        "received_at", "processed_at", "original_headers", "original_body", "original_attachments", "raw_link",
    ]  # fmt: skip
    fieldsets = [
        (None, {"fields": ["status", "reason", "error", "attempts", "candidate_link", "application", "summary"]}),
        (_("Mail"), {"fields": ["channel", "from_address", "subject", "sent_at", "message_id", "envelope_sender",
                                "envelope_recipient", "job_code", "job", "received_at", "processed_at"]}),
        (_("Original email"), {"fields": ["original_headers", "original_body", "original_attachments", "raw_link"]}),
    ]  # fmt: skip

    def get_queryset(self, request: HttpRequest) -> QuerySet[InboundMessage]:
        queryset = super().get_queryset(request)
        # The raw MIME (up to 30 MB) only on the page of one message.
        return (
            queryset
            if request.resolver_match and "object_id" in request.resolver_match.kwargs
            else (queryset.defer("raw_mime"))
        )

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return False  # mail arrives by webhook, upload or mailbox import

    def has_change_permission(self, request: HttpRequest, obj: InboundMessage | None = None) -> bool:
        # The page is read-only; "change" is what the reprocess action needs.
        return obj is None and super().has_change_permission(request, obj)

    def get_urls(self) -> list[URLPattern]:
        view = self.admin_site.admin_view
        return [
            path("<path:object_id>/raw/", view(self.raw_view), name="ingestion_inboundmessage_raw"),
            path(
                "<path:object_id>/attachments/<int:index>/",
                view(self.attachment_view),
                name="ingestion_inboundmessage_attachment",
            ),
            *super().get_urls(),
        ]

    def _readable(self, request: HttpRequest, object_id: str) -> InboundMessage:
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        message = self.get_object(request, object_id)
        if message is None:
            raise Http404
        return message

    def raw_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """The original email as received (.eml), always as a download, never rendered."""
        message = self._readable(request, object_id)
        audit_file_read(user=acting_user(request), object_type=InboundMessage._meta.db_table, object_id=message.pk,
                        what={"file": "raw"})  # fmt: skip
        response = HttpResponse(bytes(message.raw_mime), content_type="message/rfc822")
        response["Content-Disposition"] = f'attachment; filename="message-{message.pk}.eml"'
        return response

    def attachment_view(self, request: HttpRequest, object_id: str, index: int) -> HttpResponse:
        """One attachment, from the stored MIME, as a download (never rendered inline)."""
        message = self._readable(request, object_id)
        part = mail.attachment_at(mail.parse_mime(bytes(message.raw_mime)), index)
        if part is None:
            raise Http404
        audit_file_read(user=acting_user(request), object_type=InboundMessage._meta.db_table, object_id=message.pk,
                        what={"attachment": index})  # fmt: skip
        response = HttpResponse(part.data, content_type="application/octet-stream")
        response["Content-Disposition"] = f"attachment; filename*=utf-8''{_quoted(part.filename or f'part-{index}')}"
        response["X-Content-Type-Options"] = "nosniff"
        return response

    @admin.display(description=_("candidate"))
    def candidate_link(self, message: InboundMessage) -> str:
        if message.candidate_id is None:
            return "-"
        url = reverse("admin:candidates_candidate_change", args=[message.candidate_id])
        return format_html('<a href="{}">{}</a>', url, message.candidate)

    @admin.display(description=_("headers"))
    def original_headers(self, message: InboundMessage) -> str:
        parsed = mail.parse_mime(bytes(message.raw_mime))
        rows = [(name, str(parsed.get(name, ""))[:500]) for name in HEADERS_SHOWN if parsed.get(name) is not None]
        return format_html("<dl>{}</dl>", format_html_join("", "<dt>{}</dt><dd>{}</dd>", rows))

    @admin.display(description=_("body"))
    def original_body(self, message: InboundMessage) -> str:
        text = mail.body_text(mail.parse_mime(bytes(message.raw_mime)))[:BODY_SHOWN]
        return format_html('<pre style="white-space: pre-wrap">{}</pre>', text)

    @admin.display(description=_("attachments"))
    def original_attachments(self, message: InboundMessage) -> str:
        parts = mail.attachments(mail.parse_mime(bytes(message.raw_mime)))
        rows = [
            (reverse("admin:ingestion_inboundmessage_attachment", args=[message.pk, part.index]), part.filename or "-",
             len(part.data))
            for part in parts
        ]  # fmt: skip
        if not rows:
            return "-"
        return format_html("<ul>{}</ul>", format_html_join("", '<li><a href="{}">{}</a> ({} bytes)</li>', rows))

    @admin.display(description=_("original email"))
    def raw_link(self, message: InboundMessage) -> str:
        url = reverse("admin:ingestion_inboundmessage_raw", args=[message.pk])
        return format_html('<a href="{}">{}</a> ({} bytes)', url, _("download .eml"), message.size)

    @admin.action(description=_("Reprocess the selected messages"), permissions=["change"])
    def reprocess(self, request: HttpRequest, queryset: QuerySet[InboundMessage]) -> None:
        count = sum(message_reprocess(message=message) for message in queryset)
        if count:
            text = ngettext("%(count)d message queued again.", "%(count)d messages queued again.", count)
            self.message_user(request, text % {"count": count}, messages.SUCCESS)
        if count < len(queryset):
            self.message_user(request, _("Messages waiting or being processed were left as they are."), messages.INFO)


def _quoted(filename: str) -> str:
    from urllib.parse import quote

    return quote(filename.replace("\r", "").replace("\n", ""), safe="")
