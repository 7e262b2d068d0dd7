"""RLS on the retention policy table (apps.tenants.rls: the policy admits a row only
while app.tenant_id names the schema's tenant, for every role, the runtime role
included), its audit trigger, and who may edit it in the staff admin: hr_admin
only (view, add, change; nobody deletes it). Locking: brief ACCESS EXCLUSIVE on
the new, empty table."""

from django.db import migrations

from apps.audit.operations import audit_changes
from apps.staff.role_grants import role_permissions
from apps.staff.roles import HR_ADMIN
from apps.tenants.rls import enable_row_level_security


class Migration(migrations.Migration):
    dependencies = [
        ("candidates", "0006_erasure_and_retention_policy"),
        ("audit", "0004_audit_redact_function"),
        ("staff", "0005_staff_preference_row_level_security_and_audit"),
    ]

    operations = [
        enable_row_level_security("candidates_retentionpolicy"),
        audit_changes("candidates_retentionpolicy"),
        role_permissions(
            {
                HR_ADMIN: [
                    "candidates.view_retentionpolicy",
                    "candidates.add_retentionpolicy",
                    "candidates.change_retentionpolicy",
                ]
            }
        ),
    ]
