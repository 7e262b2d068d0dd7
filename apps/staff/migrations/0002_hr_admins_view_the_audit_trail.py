"""hr_admin staff may view the audit trail in the admin (the API checks the role itself)."""

from django.db import migrations

from apps.staff.role_grants import role_permissions
from apps.staff.roles import HR_ADMIN


class Migration(migrations.Migration):
    dependencies = [
        ("staff", "0001_roles_and_row_level_security"),
        ("audit", "0002_audit_trigger_and_row_level_security"),
    ]

    operations = [role_permissions({HR_ADMIN: ["audit.view_auditevent"]})]
