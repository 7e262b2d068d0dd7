"""What each role may do with inbound mail in the staff admin (the API checks roles
itself): every role views messages and attachments; hr_admin and recruiter may
also "change" messages, which is what the reprocess action needs. Nobody adds or
deletes them there. Locking: none (rows in auth tables)."""

from django.apps import apps as global_apps
from django.apps.registry import Apps
from django.contrib.auth.management import create_permissions
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

from apps.staff.roles import HR_ADMIN, RECRUITER, VIEWER

GRANTS = {
    HR_ADMIN: ["view_inboundmessage", "change_inboundmessage", "view_inboundattachment"],
    RECRUITER: ["view_inboundmessage", "change_inboundmessage", "view_inboundattachment"],
    VIEWER: ["view_inboundmessage", "view_inboundattachment"],
}


def _permissions(apps: Apps, codenames: list[str]) -> list[object]:
    permission = apps.get_model("auth", "Permission")
    return [permission.objects.get(content_type__app_label="ingestion", codename=code) for code in codenames]


def grant(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    create_permissions(global_apps.get_app_config("ingestion"), verbosity=0, apps=apps)
    group = apps.get_model("auth", "Group")
    for role, codenames in GRANTS.items():
        group.objects.get(name=role).permissions.add(*_permissions(apps, codenames))


def revoke(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    group = apps.get_model("auth", "Group")
    for role, codenames in GRANTS.items():
        group.objects.get(name=role).permissions.remove(*_permissions(apps, codenames))


class Migration(migrations.Migration):
    dependencies = [
        ("ingestion", "0002_row_level_security_and_audit"),
        ("staff", "0003_role_permissions_on_candidates_and_applications"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
