"""issue 19: the index's vocabulary for "did you mean"; on PostgreSQL a trigram index
(pg_trgm, a trusted extension: the database owner may create it)."""

from django.db import migrations, models


def trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    table = apps.get_model("serambi_search", "SearchTerm")._meta.db_table
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        f"CREATE INDEX search_term_word_trgm ON {table} USING gin (word gin_trgm_ops)"
    )


def drop_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS search_term_word_trgm")


class Migration(migrations.Migration):
    dependencies = [("serambi_search", "0004_collapse_key")]

    operations = [
        migrations.CreateModel(
            name="SearchTerm",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True,
                                           serialize=False, verbose_name="ID")),
                ("word", models.CharField(max_length=40, unique=True)),
                ("stem", models.CharField(db_index=True, max_length=40)),
                ("frequency", models.PositiveIntegerField(default=1)),
            ],
            options={"verbose_name": "search term", "verbose_name_plural": "search terms"},
        ),
        migrations.RunPython(trigram_index, drop_trigram_index),
    ]
