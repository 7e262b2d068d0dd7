"""RLS on every applications table, and the audit trigger on each (apps.tenants.rls,
apps.audit.operations). Locking: brief ACCESS EXCLUSIVE per table."""

from django.db import migrations

from apps.audit.operations import audit_changes
from apps.tenants.rls import enable_row_level_security


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0002_initial"),
        ("audit", "0002_audit_trigger_and_row_level_security"),
    ]

    operations = [
        enable_row_level_security("applications_job"),
        enable_row_level_security("applications_application"),
        enable_row_level_security("applications_stagechange"),
        audit_changes("applications_job"),
        audit_changes("applications_application"),
        audit_changes("applications_stagechange"),
    ]
