"""Audit events for reads: the database triggers record every write, but
opening a resume file (download or page preview) writes nothing, so the
console records those reads itself."""

from django.contrib.auth.models import User
from django.http import FileResponse

from apps.audit.models import AuditEvent
from apps.candidates.models import Resume
from apps.tenants.logging import request_id_var


def audit_file_read(*, user: User, object_type: str, object_id: str | int, what: dict[str, object]) -> AuditEvent:
    """Record that ``user`` read a stored file (``what`` says which part, e.g. a page)."""
    return AuditEvent.objects.create(
        actor=f"user:{user.pk}",
        action=AuditEvent.Action.READ,
        object_type=object_type,
        object_id=str(object_id),
        changes=what,
        request_id=request_id_var.get(),
    )


def resume_download(*, user: User, resume: Resume) -> FileResponse:
    """The original file of ``resume`` as a download, its read recorded first."""
    audit_file_read(user=user, object_type=Resume._meta.db_table, object_id=resume.pk, what={"file": "download"})
    return FileResponse(
        resume.file.open("rb"),
        as_attachment=True,
        filename=resume.filename or resume.sha256,
        content_type=resume.content_type or "application/octet-stream",
    )
