"""What each role may do in the staff admin with duplicates (the API checks roles
itself). Review items: every role views, hr_admin and recruiter decide (change).
Merges: every role views, only hr_admin undoes (change). Thresholds: hr_admin
only. Nobody deletes any of them."""

from django.apps import apps as global_apps
from django.apps.registry import Apps
from django.contrib.auth.management import create_permissions
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

from apps.staff.roles import HR_ADMIN, RECRUITER, VIEWER

GRANTS = {
    HR_ADMIN: [
        "view_duplicatereview", "change_duplicatereview", "view_merge", "change_merge",
        "view_matchsettings", "add_matchsettings", "change_matchsettings",
    ],
    RECRUITER: ["view_duplicatereview", "change_duplicatereview", "view_merge"],
    VIEWER: ["view_duplicatereview", "view_merge"],
}  # fmt: skip


def _permissions(apps: Apps, codenames: list[str]) -> list[object]:
    permission = apps.get_model("auth", "Permission")
    return [permission.objects.get(content_type__app_label="candidates", codename=codename) for codename in codenames]


def grant(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    create_permissions(global_apps.get_app_config("candidates"), verbosity=0, apps=apps)
    group = apps.get_model("auth", "Group")
    for role, codenames in GRANTS.items():
        group.objects.get(name=role).permissions.add(*_permissions(apps, codenames))


def revoke(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    group = apps.get_model("auth", "Group")
    for role, codenames in GRANTS.items():
        group.objects.get(name=role).permissions.remove(*_permissions(apps, codenames))


class Migration(migrations.Migration):
    dependencies = [
        ("candidates", "0004_duplicates_row_level_security_and_audit"),
        ("staff", "0003_role_permissions_on_candidates_and_applications"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
