"""RLS on staff_staffpreference (apps.tenants.rls: the policy admits a row only
while app.tenant_id names the schema's tenant, for every role, the runtime role
ats_app included) and the audit trigger: a user's language choice is recorded
like any other change. Locking: brief ACCESS EXCLUSIVE; the table is new and empty."""

from django.db import migrations

from apps.audit.operations import audit_changes
from apps.tenants.rls import enable_row_level_security


class Migration(migrations.Migration):
    dependencies = [("staff", "0004_staff_preference")]

    operations = [
        enable_row_level_security("staff_staffpreference"),
        audit_changes("staff_staffpreference"),
    ]
