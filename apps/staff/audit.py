"""Audit events for reads: the database triggers record every write, but
opening a resume file (download or page preview) writes nothing, so the
console records those reads itself."""

from django.contrib.auth.models import User

from apps.audit.models import AuditEvent
from apps.tenants.logging import request_id_var

# Not one of the trigger's insert/update/delete: a read of a stored file.
READ = "read"


def audit_file_read(*, user: User, object_type: str, object_id: str | int, what: dict[str, object]) -> AuditEvent:
    """Record that ``user`` read a stored file (``what`` says which part, e.g. a page)."""
    return AuditEvent.objects.create(
        actor=f"user:{user.pk}",
        action=READ,
        object_type=object_type,
        object_id=str(object_id),
        changes=what,
        request_id=request_id_var.get(),
    )
