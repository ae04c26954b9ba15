"""Let an account deletion (UU 27/2022) replace the person's name in the public record.

0002 made the timeline (ThreadEvent) and the answer history (OfficialAnswerRevision)
append-only, except for clearing the person's reference when an account goes. The name
snapshot stayed, so a deleted account's real name (an edit of an official answer is
signed with the editor's full name) or display name stayed public. Now the snapshot may
change too, but only in the same update that clears the reference, which is what the
forum's personal-data eraser does (it writes the pseudonym). Everything else is still
refused by the database.
"""

import importlib

from django.db import migrations

GUARDED = {
    # table: (person column, name snapshot column, other columns)
    "discussions_threadevent": (
        "actor_id", "actor_name",
        ["id", "thread_id", "kind", "actor_role", "at", "from_status", "to_status", "reason",
         "data"],
    ),
    "discussions_officialanswerrevision": (
        "editor_id", "editor_name",
        ["id", "answer_id", "edited_at", "previous_body", "new_body"],
    ),
}

PG_FUNCTION = """
CREATE OR REPLACE FUNCTION discussions_append_only() RETURNS trigger AS $$
DECLARE
    person text := TG_ARGV[0];
    name text := TG_ARGV[1];
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION '% rows are append-only', TG_TABLE_NAME;
    END IF;
    IF (to_jsonb(NEW) - ARRAY[person, name]) IS DISTINCT FROM (to_jsonb(OLD) - ARRAY[person, name])
       OR ((to_jsonb(NEW) ->> person) IS NOT NULL
           AND (to_jsonb(NEW) ->> person) IS DISTINCT FROM (to_jsonb(OLD) ->> person))
       OR ((to_jsonb(NEW) ->> person) IS NOT NULL
           AND (to_jsonb(NEW) ->> name) IS DISTINCT FROM (to_jsonb(OLD) ->> name)) THEN
        RAISE EXCEPTION '% rows are append-only', TG_TABLE_NAME;
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
"""


def _drop(schema_editor):
    vendor = schema_editor.connection.vendor
    for table in GUARDED:
        if vendor == "postgresql":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
        elif vendor == "sqlite":
            for suffix in ("append_only", "person_only_cleared", "name_only_when_cleared"):
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_{suffix}")
    if vendor == "postgresql":
        schema_editor.execute("DROP FUNCTION IF EXISTS discussions_append_only()")


def forwards(apps, schema_editor):
    _drop(schema_editor)
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_FUNCTION, params=None)
        for table, (person, name, _columns) in GUARDED.items():
            schema_editor.execute(
                f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                f"FOR EACH ROW EXECUTE FUNCTION discussions_append_only('{person}', '{name}')"
            )
    elif vendor == "sqlite":
        for table, (person, name, columns) in GUARDED.items():
            schema_editor.execute(
                f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OF {', '.join(columns)} "
                f"ON {table} BEGIN SELECT RAISE(ABORT, '{table} rows are append-only'); END"
            )
            schema_editor.execute(
                f"CREATE TRIGGER {table}_person_only_cleared BEFORE UPDATE OF {person} "
                f"ON {table} WHEN NEW.{person} IS NOT NULL "
                f"BEGIN SELECT RAISE(ABORT, '{table} rows are append-only'); END"
            )
            schema_editor.execute(
                f"CREATE TRIGGER {table}_name_only_when_cleared BEFORE UPDATE OF {name} "
                f"ON {table} WHEN NEW.{person} IS NOT NULL "
                f"BEGIN SELECT RAISE(ABORT, '{table} rows are append-only'); END"
            )


def backwards(apps, schema_editor):
    _drop(schema_editor)
    importlib.import_module("discussions.migrations.0002_append_only_guards").forwards(
        apps, schema_editor
    )


class Migration(migrations.Migration):
    dependencies = [("discussions", "0004_support_survives_account_deletion")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
