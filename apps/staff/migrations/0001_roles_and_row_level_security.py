"""Django's own tables in a tenant schema get the same walls as ours: RLS on
every one, the audit trigger on the ones that hold staff and their rights, and
the three roles as groups. Sessions, admin log entries, tokens, content types
and permissions are not audited: they are bookkeeping, and sessions and tokens
hold secrets. The runtime role may not touch django_migrations.
Locking: ACCESS EXCLUSIVE on each table briefly; run when a schema is provisioned.
"""

from django.apps.registry import Apps
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

from apps.audit.operations import audit_changes
from apps.staff.roles import ROLES
from apps.tenants.rls import enable_row_level_security, revoke_from_runtime_role

TABLES = [
    "django_content_type",
    "auth_permission",
    "auth_group",
    "auth_group_permissions",
    "auth_user",
    "auth_user_groups",
    "auth_user_user_permissions",
    "django_session",
    "django_admin_log",
    "token_blacklist_outstandingtoken",
    "token_blacklist_blacklistedtoken",
]
AUDITED = ["auth_group", "auth_group_permissions", "auth_user_groups", "auth_user_user_permissions"]


def create_roles(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    group = apps.get_model("auth", "Group")
    for role in ROLES:
        group.objects.get_or_create(name=role)


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("sessions", "0001_initial"),
        ("admin", "0003_logentry_add_action_flag_choices"),
        ("token_blacklist", "0013_alter_blacklistedtoken_options_and_more"),
        ("audit", "0002_audit_trigger_and_row_level_security"),
    ]

    operations = [
        *[enable_row_level_security(table) for table in TABLES],
        audit_changes("auth_user", redact=("password",)),
        *[audit_changes(table) for table in AUDITED],
        revoke_from_runtime_role("SELECT, INSERT, UPDATE, DELETE", "django_migrations"),
        migrations.RunPython(create_roles, migrations.RunPython.noop),
    ]
