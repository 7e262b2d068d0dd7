"""audit_record_change() no longer serializes the columns it leaves out.

Until now the whole row went through to_jsonb() and the left-out columns ("-name"
trigger arguments) were skipped afterwards. For an inbound message that meant
hex-encoding its raw MIME (hundreds of KiB) into JSON on every insert, and twice
(OLD and NEW) on every claim and status update by the workers, only to drop it:
about a millisecond of database CPU per 200 KiB mail and write. The left-out
columns are now set to NULL (jsonb_populate_record) before to_jsonb() and
removed from both sides, so their values are never encoded. Everything else is
unchanged: the same events, the same redaction, the same pinned search_path
(SET search_path FROM CURRENT: this tenant's schema).

Locking: CREATE OR REPLACE FUNCTION takes no lock on any table; triggers pick the
new body up at their next call.
"""

import importlib

from django.db import migrations

PREVIOUS = importlib.import_module("apps.audit.migrations.0002_audit_trigger_and_row_level_security")

CREATE_FUNCTION = """
CREATE OR REPLACE FUNCTION audit_record_change() RETURNS trigger
LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
DECLARE
    left_out text[] := ARRAY(SELECT substr(argument, 2) FROM unnest(TG_ARGV) AS argument WHERE argument LIKE '-%');
    blanks jsonb := (SELECT coalesce(jsonb_object_agg(name, NULL), '{}') FROM unnest(left_out) AS name);
    old_row jsonb := CASE WHEN TG_OP <> 'INSERT'
        THEN to_jsonb(jsonb_populate_record(OLD, blanks)) - left_out - 'tenant_id' END;
    new_row jsonb := CASE WHEN TG_OP <> 'DELETE'
        THEN to_jsonb(jsonb_populate_record(NEW, blanks)) - left_out - 'tenant_id' END;
    changes jsonb := '{}';
    column_name text;
BEGIN
    FOR column_name IN SELECT jsonb_object_keys(coalesce(new_row, old_row)) LOOP
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
    dependencies = [("audit", "0004_audit_redact_function")]

    operations = [
        migrations.RunSQL(
            CREATE_FUNCTION,
            PREVIOUS.CREATE_FUNCTION.replace("CREATE FUNCTION", "CREATE OR REPLACE FUNCTION", 1),
        )
    ]
