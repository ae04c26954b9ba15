"""The timeline (ThreadEvent) and the answer history (OfficialAnswerRevision) are a
public record: the database itself refuses to change or delete their rows.

The only update allowed is the one Django makes when an account is deleted: setting the
person's reference (actor_id / editor_id) to NULL. The snapshot of their public name
stays. PostgreSQL also refuses DELETE (TRUNCATE, used by test tear-down, is untouched);
SQLite's guard is on UPDATE only, because Django's test flush on SQLite deletes rows,
and the models refuse deletes there.
"""

from django.db import migrations

GUARDED = {
    # table: (person column, other columns)
    "discussions_threadevent": (
        "actor_id",
        ["id", "thread_id", "kind", "actor_name", "actor_role", "at", "from_status",
         "to_status", "reason", "data"],
    ),
    "discussions_officialanswerrevision": (
        "editor_id",
        ["id", "answer_id", "editor_name", "edited_at", "previous_body", "new_body"],
    ),
}

PG_FUNCTION = """
CREATE OR REPLACE FUNCTION discussions_append_only() RETURNS trigger AS $$
DECLARE
    person text := TG_ARGV[0];
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION '% rows are append-only', TG_TABLE_NAME;
    END IF;
    IF (to_jsonb(NEW) - person) IS DISTINCT FROM (to_jsonb(OLD) - person)
       OR ((to_jsonb(NEW) ->> person) IS NOT NULL
           AND (to_jsonb(NEW) ->> person) IS DISTINCT FROM (to_jsonb(OLD) ->> person)) THEN
        RAISE EXCEPTION '% rows are append-only', TG_TABLE_NAME;
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
"""


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_FUNCTION, params=None)
        for table, (person, _columns) in GUARDED.items():
            schema_editor.execute(
                f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                f"FOR EACH ROW EXECUTE FUNCTION discussions_append_only('{person}')"
            )
    elif vendor == "sqlite":
        for table, (person, columns) in GUARDED.items():
            schema_editor.execute(
                f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OF {', '.join(columns)} "
                f"ON {table} BEGIN SELECT RAISE(ABORT, '{table} rows are append-only'); END"
            )
            schema_editor.execute(
                f"CREATE TRIGGER {table}_person_only_cleared BEFORE UPDATE OF {person} "
                f"ON {table} WHEN NEW.{person} IS NOT NULL "
                f"BEGIN SELECT RAISE(ABORT, '{table} rows are append-only'); END"
            )


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for table in GUARDED:
        if vendor == "postgresql":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
        elif vendor == "sqlite":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_append_only")
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_person_only_cleared")
    if vendor == "postgresql":
        schema_editor.execute("DROP FUNCTION IF EXISTS discussions_append_only()")


class Migration(migrations.Migration):
    dependencies = [("discussions", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
