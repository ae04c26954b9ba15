"""Two guarantees the database keeps, whatever code runs:

1. No two comments of one reply tree share a position: a unique index on
   (thread_id, "order") of django-comments-xtd's table, for rows already placed
   (thread_id > 0; a top-level comment gets its thread_id right after its insert).
   The comment service shifts positions in two steps, so the index holds after every row.
2. The moderation ledger is append-only: PostgreSQL refuses UPDATE and DELETE (TRUNCATE,
   used by test tear-down, is untouched); SQLite refuses UPDATE (Django's test flush on
   SQLite deletes rows; the model refuses deletes there).
"""

from django.db import migrations

TREE_INDEX = (
    'CREATE UNIQUE INDEX disc_xtd_tree_position_uniq ON django_comments_xtd_xtdcomment '
    '(thread_id, "order") WHERE thread_id > 0'
)
LEDGER = "discussions_moderationledgerentry"
PG_FUNCTION = """
CREATE OR REPLACE FUNCTION discussions_ledger_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '% rows are append-only', TG_TABLE_NAME;
END;
$$ LANGUAGE plpgsql;
"""


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    schema_editor.execute(TREE_INDEX)
    if vendor == "postgresql":
        schema_editor.execute(PG_FUNCTION, params=None)
        schema_editor.execute(
            f"CREATE TRIGGER {LEDGER}_append_only BEFORE UPDATE OR DELETE ON {LEDGER} "
            f"FOR EACH ROW EXECUTE FUNCTION discussions_ledger_append_only()"
        )
    elif vendor == "sqlite":
        schema_editor.execute(
            f"CREATE TRIGGER {LEDGER}_append_only BEFORE UPDATE ON {LEDGER} "
            f"BEGIN SELECT RAISE(ABORT, '{LEDGER} rows are append-only'); END"
        )


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    schema_editor.execute("DROP INDEX IF EXISTS disc_xtd_tree_position_uniq")
    if vendor == "postgresql":
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {LEDGER}_append_only ON {LEDGER}")
        schema_editor.execute("DROP FUNCTION IF EXISTS discussions_ledger_append_only()")
    elif vendor == "sqlite":
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {LEDGER}_append_only")


class Migration(migrations.Migration):
    dependencies = [
        ("discussions", "0006_comments_and_moderation"),
        ("django_comments_xtd", "0008_auto_20200920_2037"),
    ]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
