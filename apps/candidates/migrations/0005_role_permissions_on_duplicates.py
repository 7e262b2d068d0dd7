"""What each role may do in the staff admin with duplicates (the API checks roles
itself). Review items: every role views, hr_admin and recruiter decide (change).
Merges: every role views, only hr_admin undoes (change). Thresholds: hr_admin
only. Nobody deletes any of them."""

from django.db import migrations

from apps.staff.role_grants import role_permissions
from apps.staff.roles import HR_ADMIN, RECRUITER, VIEWER

GRANTS = {
    HR_ADMIN: [
        "view_duplicatereview", "change_duplicatereview", "view_merge", "change_merge",
        "view_matchsettings", "add_matchsettings", "change_matchsettings",
    ],
    RECRUITER: ["view_duplicatereview", "change_duplicatereview", "view_merge"],
    VIEWER: ["view_duplicatereview", "view_merge"],
}  # fmt: skip


class Migration(migrations.Migration):
    dependencies = [
        ("candidates", "0004_duplicates_row_level_security_and_audit"),
        ("staff", "0003_role_permissions_on_candidates_and_applications"),
    ]

    operations = [role_permissions({role: [f"candidates.{name}" for name in names] for role, names in GRANTS.items()})]
