"""RLS on every candidates table, and the audit trigger on each (apps.tenants.rls,
apps.audit.operations). A resume's extracted text and the search vector are
left out of audit events: they are derived from the stored file and would copy
whole resumes into the audit trail. Locking: brief ACCESS EXCLUSIVE per table."""

from django.db import migrations

from apps.audit.operations import audit_changes
from apps.tenants.rls import enable_row_level_security


class Migration(migrations.Migration):
    dependencies = [
        ("candidates", "0001_initial"),
        ("audit", "0002_audit_trigger_and_row_level_security"),
    ]

    operations = [
        enable_row_level_security("candidates_candidate"),
        enable_row_level_security("candidates_resume"),
        enable_row_level_security("candidates_note"),
        audit_changes("candidates_candidate", leave_out=("search_vector",)),
        audit_changes("candidates_resume", leave_out=("extracted_text",)),
        audit_changes("candidates_note"),
    ]
