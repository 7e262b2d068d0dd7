"""What each role may do with inbound mail in the staff admin (the API checks roles
itself): every role views messages and attachments; hr_admin and recruiter may
also "change" messages, which is what the reprocess action needs. Nobody adds or
deletes them there. Locking: none (rows in auth tables)."""

from django.db import migrations

from apps.staff.role_grants import role_permissions
from apps.staff.roles import HR_ADMIN, RECRUITER, VIEWER

GRANTS = {
    HR_ADMIN: ["view_inboundmessage", "change_inboundmessage", "view_inboundattachment"],
    RECRUITER: ["view_inboundmessage", "change_inboundmessage", "view_inboundattachment"],
    VIEWER: ["view_inboundmessage", "view_inboundattachment"],
}


class Migration(migrations.Migration):
    dependencies = [
        ("ingestion", "0002_row_level_security_and_audit"),
        ("staff", "0003_role_permissions_on_candidates_and_applications"),
    ]

    operations = [role_permissions({role: [f"ingestion.{name}" for name in names] for role, names in GRANTS.items()})]
