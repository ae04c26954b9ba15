"""The search window (search/engines/database.py): date indexes in the window's order
(newest first, undated last), one per filterable facet; the unused title vector goes; and
on PostgreSQL the search vector moves back into the row (STORAGE MAIN). Every search now
walks up to ~16,000 rows checking the vector; stored out of line (migration 0002) each
check was a second lookup in the TOAST table, which made a medium-frequency word's window
take 55 ms instead of 33 ms at 100,000 records (bench/search-results.md). Existing vectors
are rewritten so that they move."""

from django.db import migrations, models


def vectors_in_the_row(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    table = apps.get_model("serambi_search", "SearchEntry")._meta.db_table
    schema_editor.execute(f"ALTER TABLE {table} ALTER COLUMN search_vector SET STORAGE MAIN")
    # A new value (not the same TOAST pointer) is stored under the new setting.
    schema_editor.execute(
        f"UPDATE {table} SET search_vector = search_vector || ''::tsvector "  # noqa: S608
        "WHERE search_vector IS NOT NULL"
    )


# name -> leading facet column (or None): each index ends with the window's order.
WINDOW_INDEXES = {
    "search_entry_date": None,
    "search_entry_type_date": "record_type",
    "search_entry_unit_date": "unit",
    "search_entry_category_date": "category",
    "search_entry_area_date": "area",
}


def window_indexes(apps, schema_editor):
    table = apps.get_model("serambi_search", "SearchEntry")._meta.db_table
    # SQLite has no NULLS LAST in an index; its DESC order puts NULLs last anyway.
    nulls = " NULLS LAST" if schema_editor.connection.vendor == "postgresql" else ""
    for name, column in WINDOW_INDEXES.items():
        lead = f"{column}, " if column else ""
        schema_editor.execute(
            f"CREATE INDEX {name} ON {table} ({lead}date DESC{nulls}, id DESC)"
        )


def drop_window_indexes(apps, schema_editor):
    # Reversing RemoveIndex then re-creates the old search_entry_date.
    for name in WINDOW_INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


def vectors_out_of_line(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    table = apps.get_model("serambi_search", "SearchEntry")._meta.db_table
    schema_editor.execute(
        f"ALTER TABLE {table} ALTER COLUMN search_vector SET STORAGE EXTERNAL"
    )


class Migration(migrations.Migration):

    dependencies = [
        ('serambi_search', '0002_fulltext_indexes'),
    ]

    operations = [
        migrations.RunPython(vectors_in_the_row, vectors_out_of_line),
        migrations.RemoveIndex(model_name="searchentry", name="search_entry_date"),
        migrations.RemoveField(model_name="searchentry", name="title_vector"),
        migrations.RunPython(window_indexes, drop_window_indexes),
    ]
