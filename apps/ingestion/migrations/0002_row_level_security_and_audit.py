"""RLS on the inbound message tables (apps.tenants.rls: the policy reads the
setting app.tenant_id and binds the runtime role, owner included by FORCE), and
the audit trigger on each (apps.audit.operations). The raw MIME is left out of
audit events: it would copy whole mails, attachments included, into the audit
trail. Locking: brief ACCESS EXCLUSIVE per table, on empty new tables."""

from django.db import migrations

from apps.audit.operations import audit_changes
from apps.tenants.rls import enable_row_level_security


class Migration(migrations.Migration):
    dependencies = [
        ("ingestion", "0001_initial"),
        ("audit", "0002_audit_trigger_and_row_level_security"),
    ]

    operations = [
        enable_row_level_security("ingestion_inboundmessage"),
        enable_row_level_security("ingestion_inboundattachment"),
        audit_changes("ingestion_inboundmessage", leave_out=("raw_mime", "claimed_at", "updated_at")),
        audit_changes("ingestion_inboundattachment"),
    ]
