"""Full-text structures for the database in use (see search/models.py).

PostgreSQL: GIN indexes on the two tsvector columns, and rows kept as narrow as storage
settings allow: a broad search ("pelatihan") matches half the records, and counting them
and their facets reads each matching row. Long values are marked for out-of-line storage
(TOAST) and the facet columns and the small title vector to stay in the row. Measured at
100,000 records (bench/search.py): the body moves out (heap 133 MB instead of 156 MB), but
the tsvector stays in the row, so broad searches still read most of the table.

SQLite: an FTS5 table holding a copy of title and body, keyed by the entry's id (rowid).
Other databases get neither and the database engine refuses to start."""

from django.db import migrations

FTS_TABLE = "serambi_search_fts"  # search.models.FTS_TABLE


OUT_OF_LINE = ("body", "search_vector", "autocomplete_vector", "title", "url", "key",
               "checksum")
IN_LINE = ("unit", "unit_label", "category", "category_label", "area", "area_label",
           "status", "status_label", "record_type", "language", "kind")


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    table = apps.get_model("serambi_search", "SearchEntry")._meta.db_table
    if vendor == "postgresql":
        schema_editor.execute(f"ALTER TABLE {table} SET (toast_tuple_target = 128)")
        for column in OUT_OF_LINE:
            schema_editor.execute(
                f"ALTER TABLE {table} ALTER COLUMN {column} SET STORAGE EXTERNAL"
            )
        for column in IN_LINE:
            schema_editor.execute(f"ALTER TABLE {table} ALTER COLUMN {column} SET STORAGE PLAIN")
        schema_editor.execute(f"ALTER TABLE {table} ALTER COLUMN title_vector SET STORAGE MAIN")
        schema_editor.execute(
            f"CREATE INDEX search_entry_vector_gin ON {table} USING gin (search_vector)"
        )
        schema_editor.execute(
            f"CREATE INDEX search_entry_autocomplete_gin ON {table} "
            "USING gin (autocomplete_vector)"
        )
    elif vendor == "sqlite":
        # unicode61 folds case and strips diacritics; no stemmer exists for Indonesian in
        # SQLite, so "membaca" does not find "baca" there (PostgreSQL does).
        schema_editor.execute(
            f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5("
            "title, body, tokenize = 'unicode61 remove_diacritics 2')"
        )


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS search_entry_vector_gin")
        schema_editor.execute("DROP INDEX IF EXISTS search_entry_autocomplete_gin")
    elif vendor == "sqlite":
        schema_editor.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")


class Migration(migrations.Migration):
    dependencies = [("serambi_search", "0001_entries")]

    operations = [migrations.RunPython(forwards, backwards)]
