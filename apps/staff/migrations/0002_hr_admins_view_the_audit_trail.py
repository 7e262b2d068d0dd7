"""hr_admin staff may view the audit trail in the admin (the API checks the role itself).

Django creates permissions after all migrations have run, so this one creates
them first. A later change to a role's permissions comes as a migration like
this one, so that every tenant schema gets it through migrate_schemas.
"""

from django.apps import apps as global_apps
from django.apps.registry import Apps
from django.contrib.auth.management import create_permissions
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

from apps.staff.roles import HR_ADMIN


def grant(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    create_permissions(global_apps.get_app_config("audit"), verbosity=0, apps=apps)
    group = apps.get_model("auth", "Group").objects.get(name=HR_ADMIN)
    permission = apps.get_model("auth", "Permission").objects.get(
        content_type__app_label="audit", codename="view_auditevent"
    )
    group.permissions.add(permission)


def revoke(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    group = apps.get_model("auth", "Group").objects.get(name=HR_ADMIN)
    group.permissions.remove(*group.permissions.filter(content_type__app_label="audit", codename="view_auditevent"))


class Migration(migrations.Migration):
    dependencies = [
        ("staff", "0001_roles_and_row_level_security"),
        ("audit", "0002_audit_trigger_and_row_level_security"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
