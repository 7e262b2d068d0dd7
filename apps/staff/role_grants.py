"""The migration operation that changes what a role may do in the staff admin.

Roles are Django groups in each tenant schema and the admin goes by Django
permissions (the API checks roles itself). Django creates permissions only
after every migration has run, so the operation creates those of the apps it
names first. A change to a role's permissions comes as a migration, so that
every tenant schema gets it through migrate_schemas.
"""

from collections.abc import Mapping, Sequence

from django.apps import apps as global_apps
from django.apps.registry import Apps
from django.contrib.auth.management import create_permissions
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor


def role_permissions(grants: Mapping[str, Sequence[str]]) -> migrations.RunPython:
    """Give each role (a group name) the permissions named "app_label.codename";
    the reverse takes them back."""

    def permissions(apps: Apps, names: Sequence[str]) -> list[object]:
        permission = apps.get_model("auth", "Permission")
        return [
            permission.objects.get(content_type__app_label=app_label, codename=codename)
            for app_label, codename in (name.split(".") for name in names)
        ]

    def grant(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
        for app_label in sorted({name.split(".")[0] for names in grants.values() for name in names}):
            create_permissions(global_apps.get_app_config(app_label), verbosity=0, apps=apps)
        group = apps.get_model("auth", "Group")
        for role, names in grants.items():
            group.objects.get(name=role).permissions.add(*permissions(apps, names))

    def revoke(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
        group = apps.get_model("auth", "Group")
        for role, names in grants.items():
            group.objects.get(name=role).permissions.remove(*permissions(apps, names))

    return migrations.RunPython(grant, revoke)
