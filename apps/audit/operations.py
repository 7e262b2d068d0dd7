"""Migration operation that attaches the audit trigger to a tenant table."""

from django.db import migrations


def audit_changes(table: str, *, redact: tuple[str, ...] = (), leave_out: tuple[str, ...] = ()) -> migrations.RunSQL:
    """Record every insert, update and delete on ``table`` as an AuditEvent.
    Columns named in ``redact`` are logged as changed but never with their value;
    columns in ``leave_out`` are not logged at all (an update touching only them
    writes no event). Locking: SHARE ROW EXCLUSIVE on the table while the trigger
    is created."""
    arguments = ", ".join([f"'{column}'" for column in redact] + [f"'-{column}'" for column in leave_out])
    return migrations.RunSQL(
        f"CREATE TRIGGER audit_changes AFTER INSERT OR UPDATE OR DELETE ON {table}"
        f" FOR EACH ROW EXECUTE FUNCTION audit_record_change({arguments})",
        f"DROP TRIGGER audit_changes ON {table}",
    )
