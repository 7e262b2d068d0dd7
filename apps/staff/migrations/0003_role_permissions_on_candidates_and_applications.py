"""What each role may do in the staff admin with candidates, jobs and applications.
(The API checks roles itself; the admin goes by Django permissions.)
hr_admin and recruiter add, change and view; viewer only views. Nobody deletes:
candidates are archived, jobs closed, applications rejected or withdrawn."""

from django.db import migrations

from apps.staff.role_grants import role_permissions
from apps.staff.roles import HR_ADMIN, RECRUITER, VIEWER

MODELS = [("candidates", "candidate"), ("candidates", "resume"), ("candidates", "note"), ("applications", "job"),
          ("applications", "application"), ("applications", "stagechange")]  # fmt: skip
ACTIONS = {HR_ADMIN: ("add", "change", "view"), RECRUITER: ("add", "change", "view"), VIEWER: ("view",)}
GRANTS = {
    role: [f"{app}.{action}_{model}" for app, model in MODELS for action in actions]
    for role, actions in ACTIONS.items()
}


class Migration(migrations.Migration):
    dependencies = [
        ("staff", "0002_hr_admins_view_the_audit_trail"),
        ("candidates", "0002_row_level_security_and_audit"),
        ("applications", "0003_row_level_security_and_audit"),
    ]

    operations = [role_permissions(GRANTS)]
