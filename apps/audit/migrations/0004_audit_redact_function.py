"""audit_redact(object_type, object_ids): blank the personal values in the audit
trail of erased records, for the runtime role, which may not update audit rows.

The runtime role keeps its narrow rights on audit_auditevent (insert and read,
never update or delete, 0002). Erasing a candidate (apps.candidates.privacy)
must still remove their personal data from the events that recorded it, so this
function runs with its owner's rights (SECURITY DEFINER) and does one thing
only: in the events of the named objects, it replaces the old and new values of
the personal fields of that table (the list below, fixed here, not chosen by the
caller) with "[erased]". It never deletes an event and never touches who, when,
what action or which object: who did what when stays.

Safety of SECURITY DEFINER: search_path is pinned to the tenant schema it is
created in (SET search_path FROM CURRENT), so the function only ever sees its
own schema's audit table, and Row-Level Security is FORCEd on that table for the
owner too, so it only updates rows of the tenant named by app.tenant_id, the
setting the caller's connection carries. EXECUTE is revoked from PUBLIC and
granted to the runtime role alone. An unknown object type is an error (a typo
must not pass as "nothing to redact").

Locking: CREATE FUNCTION takes no lock on any table. A call takes ROW EXCLUSIVE
on audit_auditevent and locks the events it rewrites (found through the
(object_type, object_id) index).
"""

from django.conf import settings
from django.db import migrations

# table -> the columns whose values are personal data of the candidate they
# belong to. Ids, stages, statuses, flags, dates and sizes are not.
PERSONAL_FIELDS = {
    "candidates_candidate": [
        "full_name", "name_normalized", "emails", "phones", "linkedin_url", "github_url", "website_url",
        "location", "skills", "skill_keys", "summary", "left_reason",
    ],
    "candidates_resume": ["file", "filename", "sha256", "parsed", "error"],
    "candidates_note": ["body"],
    "candidates_duplicatereview": ["reasons"],
    "candidates_merge": ["snapshot"],
    "applications_application": ["rejection_reason"],
    "applications_stagechange": ["reason"],
    "ingestion_inboundmessage": [
        "from_address", "subject", "message_id", "envelope_sender", "summary", "error",
    ],
    "ingestion_inboundattachment": ["filename", "sha256"],
}  # fmt: skip


def _cases() -> str:
    return "\n".join(
        "        WHEN '{}' THEN ARRAY[{}]".format(table, ", ".join(f"'{column}'" for column in columns))
        for table, columns in PERSONAL_FIELDS.items()
    )


CREATE_FUNCTION = f"""
CREATE FUNCTION audit_redact(target_type text, target_ids text[]) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
    personal text[] := CASE target_type
{_cases()}
    END;
    redacted integer;
BEGIN
    IF personal IS NULL THEN
        RAISE EXCEPTION 'audit_redact: % has no personal fields listed', target_type;
    END IF;
    -- [old, new] pairs keep their shape (a null stays null: "was empty" is not personal).
    UPDATE audit_auditevent AS event SET changes = (
        SELECT jsonb_object_agg(field.key, CASE
            WHEN NOT field.key = ANY (personal) THEN field.value
            WHEN jsonb_typeof(field.value) = 'array' THEN (
                SELECT coalesce(jsonb_agg(
                    CASE WHEN item.value = 'null'::jsonb THEN item.value ELSE '"[erased]"'::jsonb END
                    ORDER BY item.position), '[]'::jsonb)
                FROM jsonb_array_elements(field.value) WITH ORDINALITY AS item(value, position))
            ELSE '"[erased]"'::jsonb
        END)
        FROM jsonb_each(event.changes) AS field)
    WHERE event.object_type = target_type
      AND event.object_id = ANY (target_ids)
      AND event.changes ?| personal;
    GET DIAGNOSTICS redacted = ROW_COUNT;
    RETURN redacted;
END
$$;
REVOKE ALL ON FUNCTION audit_redact(text, text[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION audit_redact(text, text[]) TO "{settings.DATABASE_RUNTIME_ROLE}";
"""


class Migration(migrations.Migration):
    dependencies = [("audit", "0003_read_and_erase_actions")]

    operations = [migrations.RunSQL(CREATE_FUNCTION, "DROP FUNCTION audit_redact(text, text[])")]
