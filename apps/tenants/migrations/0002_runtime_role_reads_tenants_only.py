"""The runtime role may read tenants and domains (to route requests) but never
change them, and may not touch django_migrations at all. Provisioning and
migrations run as the owner role. Locking: brief, catalog only."""

from django.db import migrations

from apps.tenants.rls import revoke_from_runtime_role


class Migration(migrations.Migration):
    dependencies = [("tenants", "0001_initial")]

    operations = [
        revoke_from_runtime_role("INSERT, UPDATE, DELETE", "tenants_tenant"),
        revoke_from_runtime_role("INSERT, UPDATE, DELETE", "tenants_domain"),
        revoke_from_runtime_role("SELECT, INSERT, UPDATE, DELETE", "django_migrations"),
    ]
