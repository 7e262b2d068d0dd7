"""pg_trgm in the public schema, for the trigram indexes of tenant tables
(tenant search_paths end with public). A trusted extension: the owner role,
which owns the database, may create it. Locking: none on tables."""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("tenants", "0002_runtime_role_reads_tenants_only")]

    operations = [TrigramExtension()]
