"""RLS on the duplicate-detection tables (apps.tenants.rls: the policy admits a
row only while app.tenant_id names the schema's tenant, for every role, the
runtime role ats_app included) and the audit trigger on each but
candidates_candidatekey. The keys are derived from the candidate's audited
fields and rewritten whenever they change: auditing them would copy every email
and phone into the audit trail a second time and double the write cost of
ingestion. A merge's snapshot is audited as changed but without its value (it
holds both candidates' personal data). Locking: brief ACCESS EXCLUSIVE per
table; the tables are new and empty."""

from django.db import migrations

from apps.audit.operations import audit_changes
from apps.tenants.rls import enable_row_level_security

TABLES = (
    "candidates_candidatekey",
    "candidates_matchsettings",
    "candidates_duplicatereview",
    "candidates_merge",
    "candidates_formeremployeehash",
)


class Migration(migrations.Migration):
    dependencies = [("candidates", "0003_duplicates")]

    operations = [
        *[enable_row_level_security(table) for table in TABLES],
        audit_changes("candidates_matchsettings"),
        audit_changes("candidates_duplicatereview"),
        audit_changes("candidates_merge", redact=("snapshot",)),
        audit_changes("candidates_formeremployeehash"),
    ]
