"""The audit trigger function, and RLS on the audit table itself.

audit_record_change() runs AFTER each insert, update and delete on the tables
given an audit_changes trigger (apps.audit.operations) and appends one
AuditEvent: the actor and request id come from app.actor and app.request_id,
which apps.tenants.postgresql sets with the tenant. Its search_path is pinned to
this schema when the function is created (SET search_path FROM CURRENT), so a
row can only be logged in its own tenant's audit table. An UPDATE that changes
nothing is not logged. Trigger arguments name columns to redact ("password":
logged as changed, never with its value) or, with a leading "-", to leave out
("-search_vector": derived data, not worth a line).

The runtime role may insert and read audit rows, never update or delete them.
"""

from django.db import migrations

from apps.tenants.rls import enable_row_level_security, revoke_from_runtime_role

CREATE_FUNCTION = """
CREATE FUNCTION audit_record_change() RETURNS trigger
LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
DECLARE
    old_row jsonb := CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) - 'tenant_id' END;
    new_row jsonb := CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) - 'tenant_id' END;
    changes jsonb := '{}';
    column_name text;
BEGIN
    FOR column_name IN SELECT jsonb_object_keys(coalesce(new_row, old_row)) LOOP
        IF '-' || column_name = ANY (TG_ARGV) THEN
            CONTINUE;
        END IF;
        IF old_row -> column_name IS DISTINCT FROM new_row -> column_name THEN
            IF column_name = ANY (TG_ARGV) THEN
                changes := changes || jsonb_build_object(column_name, jsonb_build_array(
                    CASE WHEN old_row IS NULL THEN NULL ELSE '[redacted]' END,
                    CASE WHEN new_row IS NULL THEN NULL ELSE '[redacted]' END));
            ELSE
                changes := changes || jsonb_build_object(column_name, jsonb_build_array(
                    old_row -> column_name, new_row -> column_name));
            END IF;
        END IF;
    END LOOP;
    IF TG_OP = 'UPDATE' AND changes = '{}' THEN
        RETURN NULL;
    END IF;
    INSERT INTO audit_auditevent (occurred_at, actor, action, object_type, object_id, changes, request_id)
    VALUES (
        clock_timestamp(),
        coalesce(current_setting('app.actor', true), ''),
        lower(TG_OP),
        TG_TABLE_NAME,
        coalesce(coalesce(new_row, old_row) ->> 'id', ''),
        changes,
        coalesce(current_setting('app.request_id', true), '')
    );
    RETURN NULL;
END
$$;
"""


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [
        migrations.RunSQL(CREATE_FUNCTION, "DROP FUNCTION audit_record_change()"),
        enable_row_level_security("audit_auditevent"),
        revoke_from_runtime_role("UPDATE, DELETE", "audit_auditevent"),
    ]
