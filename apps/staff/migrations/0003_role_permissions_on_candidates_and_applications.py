"""What each role may do in the staff admin with candidates, jobs and applications.
(The API checks roles itself; the admin goes by Django permissions.)
hr_admin and recruiter add, change and view; viewer only views. Nobody deletes:
candidates are archived, jobs closed, applications rejected or withdrawn."""

from django.apps import apps as global_apps
from django.apps.registry import Apps
from django.contrib.auth.management import create_permissions
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

from apps.staff.roles import HR_ADMIN, RECRUITER, VIEWER

MODELS = {
    "candidates": ["candidate", "resume", "note"],
    "applications": ["job", "application", "stagechange"],
}
ACTIONS = {HR_ADMIN: ("add", "change", "view"), RECRUITER: ("add", "change", "view"), VIEWER: ("view",)}


def _permissions(apps: Apps, actions: tuple[str, ...]) -> list[object]:
    permission = apps.get_model("auth", "Permission")
    return [
        permission.objects.get(content_type__app_label=app, codename=f"{action}_{model}")
        for app, models in MODELS.items()
        for model in models
        for action in actions
    ]


def grant(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    for app in MODELS:
        create_permissions(global_apps.get_app_config(app), verbosity=0, apps=apps)
    group = apps.get_model("auth", "Group")
    for role, actions in ACTIONS.items():
        group.objects.get(name=role).permissions.add(*_permissions(apps, actions))


def revoke(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    group = apps.get_model("auth", "Group")
    for role, actions in ACTIONS.items():
        group.objects.get(name=role).permissions.remove(*_permissions(apps, actions))


class Migration(migrations.Migration):
    dependencies = [
        ("staff", "0002_hr_admins_view_the_audit_trail"),
        ("candidates", "0002_row_level_security_and_audit"),
        ("applications", "0003_row_level_security_and_audit"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
